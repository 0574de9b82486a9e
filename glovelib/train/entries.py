"""The nonzeros of a cooccurrence matrix as the kernels read them, and the Numba twin of the
NumPy reference epoch.

:func:`check_matrix` validates a training matrix once; :func:`prepare_entries` turns it into
records (i, j, log X_ij, f(X_ij)), computed once instead of at every update;
:func:`adagrad_epoch` runs the serial kernel on the reference's arguments (notebook 04 shows they
agree and times both).  The schedules that order the entries are in glovelib/train/schedule.py.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..objective import Weights, weighting
from . import kernels as K
from .kernels import entry_dtype

__all__ = ["check_matrix", "prepare_entries", "adagrad_epoch", "entry_dtype"]


def prepare_entries(X, x_max: float, alpha: float, dtype=np.float64) -> np.ndarray:
    """The nonzero entries of X as the kernel reads them, row-major.

    Returns
    -------
    numpy.ndarray of :func:`entry_dtype`, shape (nnz,)
        log X_ij and f(X_ij) are computed once here instead of at every update.
    """
    return entries_of(check_matrix(X), x_max, alpha, dtype)


def entries_of(X: sp.csr_matrix, x_max: float, alpha: float, dtype) -> np.ndarray:
    # X already validated by check_matrix
    entries = np.empty(X.nnz, dtype=entry_dtype(dtype))
    K._fill_entries(X.indptr.astype(np.int64), X.indices, X.data, float(x_max), float(alpha),
                  entries)
    return entries


def adagrad_epoch(p: Weights, sq: Weights, rows, cols, x, order, learning_rate: float = 0.05,
                  x_max: float = 100.0, alpha: float = 0.75, grad_clip: float = 100.0,
                  n_threads: int = 1) -> float:
    """The Numba twin of :func:`glovelib.objective.adagrad_epoch`: same arguments, same updates.

    One AdaGrad pass over the entries ``(rows[e], cols[e], x[e])`` for e in ``order``, updating
    ``p`` and ``sq`` in place; returns the mean 1/2 f diff^2.  With ``n_threads=1`` (and float64
    parameters) it equals the NumPy reference to round-off; notebook 04 shows it and times both.
    """
    dtype = p.W.dtype
    order = np.asarray(order)
    entries = np.empty(len(order), dtype=entry_dtype(dtype))
    x = np.asarray(x, dtype=np.float64)[order]
    entries["i"] = np.asarray(rows)[order]
    entries["j"] = np.asarray(cols)[order]
    entries["logx"] = np.log(x)
    entries["fx"] = weighting(x, x_max, alpha)
    losses = np.zeros(n_threads)
    skipped = np.zeros(n_threads, dtype=np.int64)
    kernel = K._epoch_serial if n_threads == 1 else K._epoch_parallel
    kernel(*p.arrays(), *sq.arrays(), entries, float(learning_rate), float(grad_clip), n_threads,
           losses, skipped)
    return float(losses.sum()) / max(len(order) - int(skipped.sum()), 1)


def check_matrix(X) -> sp.csr_matrix:
    """Validate a cooccurrence matrix; return it as canonical float64 CSR without explicit zeros.

    The caller's matrix is never modified (a copy is made only when something must change).
    """
    if not sp.issparse(X):
        if isinstance(X, np.ndarray) and X.ndim == 2:
            X = sp.csr_matrix(X)
        else:
            raise TypeError(f"X must be a scipy.sparse matrix (from count_cooccurrences) or a 2-D "
                            f"array, got {type(X).__name__}")
    if X.ndim != 2 or X.shape[0] != X.shape[1]:
        raise ValueError(f"X must be square (V, V), got shape {X.shape}")
    X = sp.csr_matrix(X)
    if X.dtype != np.float64:
        X = X.astype(np.float64)
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    if not np.all(np.isfinite(X.data)):
        raise ValueError("X has non-finite entries (nan or inf)")
    if X.nnz and X.data.min() < 0:
        raise ValueError(f"X has negative entries (min {X.data.min()}); cooccurrence counts are "
                         ">= 0")
    if X.nnz and not X.data.all():
        X = X.copy()
        X.eliminate_zeros()
    if X.nnz == 0:
        raise ValueError("X has no nonzero entries: nothing to train on")
    return X
