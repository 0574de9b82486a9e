"""Training GloVe: a Numba AdaGrad kernel and the scikit-learn style :class:`GloVe` estimator.

Follows the reference C implementation (``glove.c``) and the paper's AdaGrad:

* every parameter, biases included, starts uniform in (-0.5, 0.5) / vector_size; the AdaGrad
  sums of squared steps start at 1;
* per nonzero X_ij: diff = w_i . w~_j + b_i + b~_j - log X_ij, fdiff = f(X_ij) diff; each
  parameter steps by learning_rate * gradient / sqrt(sum of squares), vector gradients clipped to
  +-grad_clip; both vectors' steps use their values from before the update;
* the epoch's reported loss is the mean of 1/2 f diff^2 during the pass; a non-finite diff skips
  the entry, and an epoch that turns non-finite stops training with an error.

Departures: the biases take the learning rate, as in the paper and the 2014 C code (today's C code
forgets it -- notebook 04 shows the difference); the entries are reshuffled every epoch from the
seeded generator (the C code shuffles the file once).  Nothing else is left out.

The kernel is split from the wrapper: ``_epoch`` does one pass over arrays in place and returns
the loss; :class:`GloVe` validates, initializes, shuffles and loops.  It is compiled twice: serial
(deterministic: the same seed gives bit-identical vectors) and parallel (hogwild: threads update
shared parameters without locks, so results vary from run to run).

Derived in notebooks/04_training.ipynb.
"""

from __future__ import annotations

import json
import math
import sys
import time

import numba
import numpy as np
import scipy.sparse as sp
from numba import prange

from ._io import atomic_open
from .objective import Weights, init_weights, loss, weighting

__all__ = ["GloVe", "adagrad_epoch", "prepare_entries", "entry_dtype"]


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, start, end, lr, clip):
    """AdaGrad updates for entries[start:end] in place; returns (sum of 1/2 f diff^2, skipped)."""
    d = W.shape[1]
    total = 0.0
    skip = 0
    for k in range(start, end):
        i = entries[k]["i"]
        j = entries[k]["j"]
        diff = b[i] + bc[j] - entries[k]["logx"]
        for c in range(d):
            diff += W[i, c] * Wc[j, c]
        if not math.isfinite(diff):
            skip += 1
            continue
        fdiff = entries[k]["fx"] * diff
        total += 0.5 * fdiff * diff
        for c in range(d):  # both steps from the values before the update
            g_w = min(max(fdiff * Wc[j, c], -clip), clip) * lr
            g_c = min(max(fdiff * W[i, c], -clip), clip) * lr
            W[i, c] -= g_w / math.sqrt(sqW[i, c])
            Wc[j, c] -= g_c / math.sqrt(sqWc[j, c])
            sqW[i, c] += g_w * g_w
            sqWc[j, c] += g_c * g_c
        g_b = fdiff * lr
        b[i] -= g_b / math.sqrt(sqb[i])
        bc[j] -= g_b / math.sqrt(sqbc[j])
        sqb[i] += g_b * g_b
        sqbc[j] += g_b * g_b
    return total, skip


# Contiguous arrays, error_model="numpy" (no zero-division checks that block vectorization), no
# fastmath: the serial kernel reproduces the NumPy reference to round-off.  The two kernels must
# be distinct functions: Numba's disk cache is keyed by the function's name.


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _epoch_serial(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, lr, clip, n_chunks, losses,
                  skipped):
    """One pass over ``entries`` in order (deterministic)."""
    losses[0], skipped[0] = _updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, 0,
                                     entries.shape[0], lr, clip)


@numba.njit(cache=True, nogil=True, error_model="numpy", parallel=True)
def _epoch_parallel(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, lr, clip, n_chunks, losses,
                    skipped):
    """Hogwild: chunk t of ``entries`` goes to thread t; threads share W without locks."""
    n = entries.shape[0]
    for t in prange(n_chunks):
        losses[t], skipped[t] = _updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries,
                                         t * n // n_chunks, (t + 1) * n // n_chunks, lr, clip)


@numba.njit(cache=True, nogil=True, parallel=True)
def _bucket_starts(u, n_buckets, n_chunks):
    """Bucket of each entry, floor(u[k] * B), and where each (chunk, bucket) run starts: bucket g
    holds chunk 0's entries of g, then chunk 1's, ... (so the result does not depend on the
    number of chunks)."""
    n = u.shape[0]
    bucket = np.empty(n, dtype=np.int32)
    counts = np.zeros((n_chunks, n_buckets), dtype=np.int64)
    for t in prange(n_chunks):
        for k in range(t * n // n_chunks, (t + 1) * n // n_chunks):
            g = min(np.int32(u[k] * n_buckets), n_buckets - 1)
            bucket[k] = g
            counts[t, g] += 1
    starts = np.zeros(n_buckets + 1, dtype=np.int64)
    cursor = np.zeros((n_chunks, n_buckets), dtype=np.int64)
    pos = 0
    for g in range(n_buckets):
        starts[g] = pos
        for t in range(n_chunks):
            cursor[t, g] = pos
            pos += counts[t, g]
    starts[n_buckets] = pos
    return bucket, starts, cursor


@numba.njit(cache=True, nogil=True, parallel=True)
def _permutation(u, n_buckets, n_chunks):
    """A uniformly random permutation of range(n), from n uniform numbers drawn by NumPy.

    Entry k goes to bucket floor(u[k] * B), keeping its order within the bucket; then each
    bucket -- small enough to stay in cache -- is shuffled by Fisher-Yates, position m swapping
    with start + floor(v[m] * (m - start + 1)), where v[m] = frac(u[m] * B) is independent of
    every bucket.  An iid uniform bucket assignment followed by a uniform order inside each
    bucket is a uniform permutation of the whole.  The result does not depend on ``n_chunks``
    (threads), and no random number is drawn here.  (:func:`_shuffle_entries` applies the same
    permutation to the entries directly; this one returns it, for tests and the reference.)
    """
    n = u.shape[0]
    bucket, starts, cursor = _bucket_starts(u, n_buckets, n_chunks)
    order = np.empty(n, dtype=np.int64)
    for t in prange(n_chunks):
        for k in range(t * n // n_chunks, (t + 1) * n // n_chunks):
            g = bucket[k]
            order[cursor[t, g]] = k
            cursor[t, g] += 1
    for g in prange(n_buckets):
        for m in range(starts[g] + 1, starts[g + 1]):
            r = _fisher_yates_partner(u[m], n_buckets, starts[g], m)
            tmp = order[m]
            order[m] = order[r]
            order[r] = tmp
    return order


@numba.njit(cache=True, nogil=True, inline="always")
def _fisher_yates_partner(u, n_buckets, start, m):
    scaled = u * n_buckets
    v = scaled - math.floor(scaled)  # frac(u * B): independent of the bucket floor(u * B)
    return start + np.int64(v * (m - start + 1))


@numba.njit(cache=True, nogil=True, parallel=True)
def _shuffle_entries(src, dst, u, n_buckets, n_chunks):
    """dst = src in the order of :func:`_permutation` (dst[k] = src[order[k]]), without building
    the order: entries are scattered into their buckets, then shuffled inside each bucket while
    it is in cache.  No random read of the whole array, as a gather would make."""
    n = u.shape[0]
    bucket, starts, cursor = _bucket_starts(u, n_buckets, n_chunks)
    for t in prange(n_chunks):
        for k in range(t * n // n_chunks, (t + 1) * n // n_chunks):
            g = bucket[k]
            dst[cursor[t, g]] = src[k]
            cursor[t, g] += 1
    for g in prange(n_buckets):
        for m in range(starts[g] + 1, starts[g + 1]):
            r = _fisher_yates_partner(u[m], n_buckets, starts[g], m)
            if r != m:  # swap field by field: a record read is a view, not a copy
                i, j, lx, fx = dst[m]["i"], dst[m]["j"], dst[m]["logx"], dst[m]["fx"]
                dst[m] = dst[r]
                dst[r]["i"] = i
                dst[r]["j"] = j
                dst[r]["logx"] = lx
                dst[r]["fx"] = fx


_NAMES = ("W", "W_context", "b", "b_context")  # parameter order in Weights and saved files
_BUCKET = 1 << 15  # entries per shuffle bucket on average (512 KB of float32 entries)


def entry_dtype(dtype) -> np.dtype:
    """Record of one nonzero: row i, column j, log X_ij, f(X_ij)."""
    return np.dtype([("i", np.int32), ("j", np.int32), ("logx", dtype), ("fx", dtype)])


@numba.njit(cache=True, nogil=True, parallel=True)
def _fill_entries(indptr, indices, data, x_max, alpha, entries):
    # one row per iteration, rows spread over the threads; zeros were removed beforehand
    for r in prange(indptr.shape[0] - 1):
        for k in range(indptr[r], indptr[r + 1]):
            x = data[k]
            entries[k]["i"] = r
            entries[k]["j"] = indices[k]
            entries[k]["logx"] = math.log(x)
            entries[k]["fx"] = (x / x_max) ** alpha if x < x_max else 1.0


def prepare_entries(X, x_max: float, alpha: float, dtype=np.float64) -> np.ndarray:
    """The nonzero entries of X as the kernel reads them, row-major.

    Returns
    -------
    numpy.ndarray of :func:`entry_dtype`, shape (nnz,)
        log X_ij and f(X_ij) are computed once here instead of at every update.
    """
    return _entries_of(_check_matrix(X), x_max, alpha, dtype)


def _entries_of(X: sp.csr_matrix, x_max: float, alpha: float, dtype) -> np.ndarray:
    # X already validated by _check_matrix
    entries = np.empty(X.nnz, dtype=entry_dtype(dtype))
    _fill_entries(X.indptr.astype(np.int64), X.indices, X.data, float(x_max), float(alpha),
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
    kernel = _epoch_serial if n_threads == 1 else _epoch_parallel
    kernel(*p.arrays(), *sq.arrays(), entries, float(learning_rate), float(grad_clip), n_threads,
           losses, skipped)
    return float(losses.sum()) / max(len(order) - int(skipped.sum()), 1)


def _check_matrix(X) -> sp.csr_matrix:
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


class GloVe:
    """GloVe word vectors trained by AdaGrad on a cooccurrence matrix.

    Parameters
    ----------
    vector_size : int, default 50
        d, the dimension of the vectors.
    x_max : float, default 100
        Counts at or above it get full weight, f = 1.
    alpha : float, default 0.75
        Exponent of the weighting function.
    learning_rate : float, default 0.05
        AdaGrad's initial step.
    epochs : int, default 25
        Passes over the nonzero entries made by :meth:`fit`.
    grad_clip : float, default 100
        Vector gradients are clipped to +-grad_clip.
    dtype : {"float32", "float64"}, default "float32"
        Precision of the parameters (float32 is faster and as accurate for word vectors; see
        benchmarks/bench_train.py; float64 matches the NumPy reference to round-off).
    random_state : int, RandomState or None, default None
        Seeds the initialization and the per-epoch shuffles.
    n_threads : int, default 1
        1: the serial kernel, deterministic.  > 1: hogwild -- threads update the shared
        parameters without locks; faster, but results vary slightly from run to run.
    verbose : bool, default False
        Print a line per epoch (loss, seconds) to stderr.

    Attributes
    ----------
    W_, W_context_ : numpy.ndarray, shape (V, d)
        Word and context vectors.
    b_, b_context_ : numpy.ndarray, shape (V,)
        Their biases.
    loss_history_ : list of float
        Mean 1/2 f diff^2 of each epoch, as the reference prints it.
    epochs_trained_ : int
    n_entries_ : int
        Nonzeros of the training matrix (entry updates per epoch).

    Examples
    --------
    >>> model = GloVe(vector_size=50, epochs=15, random_state=0).fit(X)   # doctest: +SKIP
    >>> kv = model.to_keyed_vectors(vocab)                                 # doctest: +SKIP
    """

    _param_names = ("vector_size", "x_max", "alpha", "learning_rate", "epochs", "grad_clip",
                    "dtype", "random_state", "n_threads", "verbose")  # scikit-learn's "params"

    def __init__(self, vector_size: int = 50, x_max: float = 100.0, alpha: float = 0.75,
                 learning_rate: float = 0.05, epochs: int = 25, grad_clip: float = 100.0,
                 dtype: str = "float32", random_state=None, n_threads: int = 1,
                 verbose: bool = False):
        self.vector_size = vector_size
        self.x_max = x_max
        self.alpha = alpha
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.grad_clip = grad_clip
        self.dtype = dtype
        self.random_state = random_state
        self.n_threads = n_threads
        self.verbose = verbose

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in self._param_names}

    def set_params(self, **params) -> GloVe:
        for name, value in params.items():
            if name not in self._param_names:
                raise ValueError(f"unknown parameter {name!r}; valid: "
                                 f"{', '.join(self._param_names)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"GloVe({', '.join(f'{k}={getattr(self, k)!r}' for k in self._param_names)})"

    # ------------------------------------------------------------------ validation

    def _validate(self) -> None:
        def positive_int(name):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | np.integer):
                raise TypeError(f"{name} must be an int, got {v!r}")
            if v < 1:
                raise ValueError(f"{name} must be >= 1, got {v}")

        def number(name, low, inclusive):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float | np.number):
                raise TypeError(f"{name} must be a number, got {v!r}")
            if not math.isfinite(v) or (v < low if inclusive else v <= low):
                raise ValueError(f"{name} must be {'>=' if inclusive else '>'} {low} and finite, "
                                 f"got {v}")

        positive_int("vector_size")
        positive_int("epochs")
        positive_int("n_threads")
        number("x_max", 0, False)
        number("alpha", 0, True)
        number("learning_rate", 0, False)
        number("grad_clip", 0, False)
        if np.dtype(self.dtype) not in (np.float32, np.float64):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}")

    # ------------------------------------------------------------------ training

    def fit(self, X) -> GloVe:
        """Initialize and train for ``epochs`` epochs.

        Parameters
        ----------
        X : scipy.sparse matrix (V, V)
            Cooccurrence counts, e.g. from :func:`glovelib.count_cooccurrences`.

        Returns
        -------
        self

        Raises
        ------
        ValueError, TypeError
            Bad hyperparameters or a matrix that is not square, empty, negative or non-finite.
        FloatingPointError
            If training diverges (the loss or the parameters become nan or inf).
        """
        self._validate()
        self._forget()  # start afresh
        return self.partial_fit(X, self.epochs)

    def partial_fit(self, X, epochs: int = 1) -> GloVe:
        """Train ``epochs`` more epochs from the current state (initializing if not fitted).

        ``fit(X)`` with 10 epochs equals ``fit`` with 5, then ``partial_fit(X, 5)`` -- also across
        :meth:`save` and :meth:`load` -- bit for bit with the serial kernel.
        """
        self._validate()
        if isinstance(epochs, bool) or not isinstance(epochs, int | np.integer) or epochs < 1:
            raise ValueError(f"epochs must be an int >= 1, got {epochs!r}")
        X = _check_matrix(X)
        if not hasattr(self, "W_"):
            from sklearn.utils import check_random_state  # imported when needed: ~40 MB

            self._init_state(X.shape[0], check_random_state(self.random_state))
        elif X.shape[0] != self.W_.shape[0]:
            raise ValueError(f"X is {X.shape[0]} x {X.shape[0]} but the model has "
                             f"{self.W_.shape[0]} words")
        return self._train(X, epochs)

    def _init_state(self, n_vocab: int, rng: np.random.RandomState) -> None:
        dtype = np.dtype(self.dtype)
        p = init_weights(n_vocab, self.vector_size, rng, dtype)
        self.W_, self.W_context_, self.b_, self.b_context_ = p.arrays()
        self._sq = [np.ones_like(a) for a in p.arrays()]  # AdaGrad sums start at 1
        self._rng = rng
        self.loss_history_ = []
        self.epochs_trained_ = 0

    def _train(self, X, epochs: int) -> GloVe:
        dtype = np.dtype(self.dtype)
        if self.W_.dtype != dtype:
            raise ValueError(f"the model was trained in {self.W_.dtype}; dtype={self.dtype!r} "
                             "cannot continue it")
        entries = _entries_of(X, self.x_max, self.alpha, dtype)
        shuffled = np.empty_like(entries)
        n = len(entries)
        self.n_entries_ = n
        n_threads = min(int(self.n_threads), numba.config.NUMBA_NUM_THREADS)
        if n_threads > 1:
            numba.set_num_threads(n_threads)
        kernel = _epoch_serial if n_threads == 1 else _epoch_parallel
        losses = np.zeros(n_threads)
        skipped = np.zeros(n_threads, dtype=np.int64)
        n_buckets = max(1, n // _BUCKET)
        for _ in range(epochs):
            t0 = time.perf_counter()
            # this epoch's order, from uniform numbers drawn by the seeded generator
            _shuffle_entries(entries, shuffled, self._rng.random_sample(n), n_buckets, n_threads)
            kernel(self.W_, self.W_context_, self.b_, self.b_context_, *self._sq, shuffled,
                   float(self.learning_rate), float(self.grad_clip), n_threads, losses, skipped)
            self._end_epoch(losses, skipped, n, t0)
        return self

    def _end_epoch(self, losses, skipped, n, t0) -> None:
        seen = n - int(skipped.sum())
        epoch_loss = float(losses.sum()) / max(seen, 1)
        self.epochs_trained_ += 1
        if seen == 0 or not math.isfinite(epoch_loss) or not self._finite():
            self._forget()
            raise FloatingPointError(
                f"training diverged at epoch {self.epochs_trained_} (loss {epoch_loss}, "
                f"{int(skipped.sum())} of {n} entries non-finite); try a smaller learning_rate "
                f"(now {self.learning_rate}) or grad_clip")
        self.loss_history_.append(epoch_loss)
        if self.verbose:
            print(f"epoch {self.epochs_trained_}: loss {epoch_loss:.6f} "
                  f"({time.perf_counter() - t0:.2f}s)", file=sys.stderr, flush=True)

    def _finite(self) -> bool:
        return all(np.isfinite(a).all() for a in (self.W_, self.W_context_, self.b_,
                                                   self.b_context_))

    def _forget(self) -> None:
        for name in ("W_", "W_context_", "b_", "b_context_", "_sq"):
            self.__dict__.pop(name, None)

    # ------------------------------------------------------------------ use

    def _check_fitted(self) -> None:
        if not hasattr(self, "W_"):
            raise RuntimeError("this GloVe model is not fitted yet: call fit(X) first")

    @property
    def weights_(self) -> Weights:
        """The fitted arrays W, W~, b, b~ as :class:`glovelib.objective.Weights` (views, not
        copies)."""
        self._check_fitted()
        return Weights(self.W_, self.W_context_, self.b_, self.b_context_)

    def loss(self, X) -> float:
        """The exact objective J (with the 1/2) at the current parameters (NumPy reference)."""
        self._check_fitted()
        p = Weights(*(a.astype(np.float64) for a in self.weights_.arrays()))
        return loss(p, _check_matrix(X), self.x_max, self.alpha)

    def vectors(self, combine: str = "sum") -> np.ndarray:
        """The word vectors: "sum" W + W~ (the reference's output), "word" W, "context" W~, or
        "concat" [W, W~]."""
        self._check_fitted()
        if combine == "sum":
            return self.W_ + self.W_context_
        if combine == "word":
            return self.W_.copy()
        if combine == "context":
            return self.W_context_.copy()
        if combine == "concat":
            return np.hstack([self.W_, self.W_context_])
        raise ValueError(f"combine must be 'sum', 'word', 'context' or 'concat', got {combine!r}")

    def to_keyed_vectors(self, vocab, combine: str = "sum"):
        """:class:`glovelib.KeyedVectors` over ``vocab`` (a Vocabulary or list of words)."""
        from .vectors import KeyedVectors

        self._check_fitted()
        words = list(getattr(vocab, "words", vocab))
        if len(words) != self.W_.shape[0]:
            raise ValueError(f"the vocabulary has {len(words)} words but the model "
                             f"{self.W_.shape[0]}")
        return KeyedVectors(words, self.vectors(combine).astype(np.float32))

    # ------------------------------------------------------------------ persistence

    def save(self, path) -> None:
        """Save hyperparameters and the full training state (parameters, AdaGrad sums, random
        generator, loss history) to ``.npz`` without pickle, atomically."""
        self._check_fitted()
        kind, key, pos, has_gauss, cached = self._rng.get_state()
        arrays = dict(zip(_NAMES, self.weights_.arrays(), strict=True))
        arrays.update({f"sq_{k}": v for k, v in zip(_NAMES, self._sq, strict=True)})
        meta = {k: getattr(self, k) for k in self._param_names if k != "random_state"}
        meta.update(epochs_trained=self.epochs_trained_, loss_history=self.loss_history_,
                    rng_pos=int(pos), rng_has_gauss=int(has_gauss), rng_cached=float(cached),
                    format="glovelib-glove-1")
        with atomic_open(path) as f:
            np.savez(f, rng_key=key, meta=np.array(json.dumps(meta)), **arrays)

    @classmethod
    def load(cls, path) -> GloVe:
        """Load a model written by :meth:`save`; :meth:`partial_fit` continues its training."""
        with np.load(path, allow_pickle=False) as z:
            try:
                meta = json.loads(str(z["meta"]))
                if meta.get("format") != "glovelib-glove-1":
                    raise KeyError("format")
                model = cls(**{k: meta[k] for k in cls._param_names if k != "random_state"})
                model.W_, model.W_context_, model.b_, model.b_context_ = (z[k] for k in _NAMES)
                model._sq = [z[f"sq_{k}"] for k in _NAMES]
                rng = np.random.RandomState()
                rng.set_state(("MT19937", z["rng_key"], meta["rng_pos"], meta["rng_has_gauss"],
                               meta["rng_cached"]))
            except KeyError as exc:
                raise ValueError(f"{path} is not a model saved by GloVe.save (missing {exc})") \
                    from None
        model._rng = rng
        model.epochs_trained_ = meta["epochs_trained"]
        model.loss_history_ = list(meta["loss_history"])
        return model
