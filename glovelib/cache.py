"""A disk cache for the models that several notebooks train alike.

The course trains the same model (say, d = 50 on the Wikipedia sample's matrix, seed 0) in several
notebooks.  Training is deterministic -- the same parameters and the same matrix give the same
vectors on any machine and any thread count -- so the second notebook may load what the first one
saved instead of training again.  Each notebook still runs alone on a fresh clone: a miss trains
and saves.

The key is a hash of everything the result depends on: the hyperparameters (all but ``verbose``
and ``n_threads``), the matrix (its CSR arrays) and the source of the training modules, so
that a changed kernel never serves a stale model.  Files live in ``data_home() / "models"``
(git-ignored); delete the folder to start afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

__all__ = ["cached_fit", "cache_key"]

_IGNORED = ("verbose", "n_threads")  # change nothing in the trained vectors


# the modules a trained model depends on (the matrix itself is hashed, so counting is covered)
# (paths inside glovelib/)
_TRAINING_SOURCES = ("train/__init__.py", "train/schedule.py", "train/kernels.py",
                     "train/entries.py", "train/state.py", "train/ondisk.py", "objective.py",
                     "cache.py", "cooccur/ondisk.py")


def _source_fingerprint() -> bytes:
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _TRAINING_SOURCES:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    return h.digest()


def cache_key(model, X) -> str:
    """The hex key under which ``model.fit(X)`` is cached.

    Parameters
    ----------
    model : glovelib.GloVe
        An estimator (fitted or not); only its hyperparameters are read.
    X : scipy.sparse matrix (V, V)
        The training matrix.
    """
    X = sp.csr_matrix(X)
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    params = {k: v for k, v in model.get_params().items() if k not in _IGNORED}
    h = hashlib.sha256(json.dumps(params, sort_keys=True, default=repr).encode())
    h.update(repr(X.shape).encode())
    for a in (X.indptr.astype(np.int64), X.indices.astype(np.int64),
              X.data.astype(np.float64)):
        h.update(np.ascontiguousarray(a).tobytes())
    h.update(_source_fingerprint())
    return h.hexdigest()[:24]


def cached_fit(model, X, cache_dir: str | os.PathLike | None = None):
    """``model.fit(X)``, or the model an identical earlier fit saved.

    Parameters
    ----------
    model : glovelib.GloVe
        The estimator to fit; its hyperparameters are kept on the returned model.
    X : scipy.sparse matrix (V, V)
        Cooccurrence counts.
    cache_dir : path, optional
        Where models are kept; default ``glovelib.datasets.data_home() / "models"``.

    Returns
    -------
    glovelib.GloVe
        ``model`` itself after a miss (fitted and saved); on a hit, a loaded model with the same
        hyperparameters, vectors, AdaGrad state and loss history as the fit would give.
    """
    from .datasets import data_home
    from .train import GloVe

    if not isinstance(model, GloVe):
        raise TypeError(f"model must be a glovelib.GloVe, got {type(model).__name__}")
    folder = Path(cache_dir) if cache_dir is not None else data_home() / "models"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"glove-{cache_key(model, X)}.npz"
    if path.exists():
        try:  # a damaged cache file is retrained and replaced
            loaded = GloVe.load(path)
        except (ValueError, OSError, KeyError, zipfile.BadZipFile):
            pass
        else:
            loaded.set_params(**model.get_params())
            loaded.n_entries_ = int(sp.csr_matrix(X).count_nonzero())
            return loaded
    model.fit(X)
    model.save(path)
    return model
