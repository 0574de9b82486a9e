"""The conflict-free blocked schedule of parallel AdaGrad (DSGD, Gemulla et al. 2011; LIBMF).

The word ids are permuted at random and cut into B blocks; an entry X_ij lives in block
(block of i, block of j) of a B x B grid.  An epoch walks the grid stratum by stratum: a stratum
pairs every row block r with a different column block, so its B blocks share no row of W (and b)
and no row of W~ (and b~).  Threads take the blocks of a stratum dynamically and never write the
same parameter or AdaGrad sum, so -- with a seed -- 1, 2 or 16 threads give bit-identical vectors
and losses.  Entries are shuffled inside each block, in place, before its pass (and the swaps
undone after it, so that every epoch -- also after save and load -- starts from the same order);
the word blocks, the strata and the per-block shuffle seeds all come from the seeded generator,
never from the thread count.  One copy of the entries, grouped by block, is all that training holds.
An epoch trains a copy of the parameters in block order (each block's words side by side, the
entries holding their slots), so that two threads never write the same cache line -- with the
words in id order the biases of two blocks would share lines -- and writes it back: the same
arithmetic as in id order, bit for bit.

B defaults to :func:`auto_blocks`: enough blocks that one block's rows of W, W~ and their AdaGrad
sums fit in a 1 MiB L2 cache, and never fewer than 8 so that two threads stay balanced
(benchmarks/bench_train.py --sweep: on the Wikipedia sample B = 4 to 16 ran alike, B >= 32 slower
-- tiny blocks cost more than they save -- so the budget is the whole L2, not half).  It depends
on the vocabulary and d only, never on n_threads.

An epoch runs through an object made from the validated matrix that holds its entries:
:class:`BlockedEntries`, or :class:`ShuffledEntries` for the full shuffle (the NumPy reference's
order, and hogwild); a matrix on disk has :class:`glovelib.train.ondisk.DiskEntries`.  Each
answers ``n_entries``, ``chunks()`` (the entries, for the divergence check) and ``epoch(...)``.

Derived in notebooks/04_training.ipynb; the kernels are in glovelib/train/kernels.py.
"""

from __future__ import annotations

import math
import warnings

import numba
import numpy as np
import scipy.sparse as sp

from . import kernels as K
from .entries import entries_of

__all__ = ["word_blocks", "strata", "auto_blocks", "check_blocks", "usable_threads",
           "BlockedEntries",
           "ShuffledEntries"]

_L2_BUDGET = 1 << 20  # bytes of one block's parameter rows: a 1 MiB L2 (Zen 4)
_MIN_BLOCKS, _MAX_BLOCKS = 8, 256
SHUFFLE_BUCKET = 1 << 15  # full shuffle: entries per bucket on average (512 KB of float32)


def _rng(random_state) -> np.random.RandomState:
    from sklearn.utils import check_random_state  # imported when needed: ~40 MB

    return check_random_state(random_state)


def word_blocks(n_words: int, n_blocks: int, random_state=None) -> np.ndarray:
    """The block of each word: a random permutation of the ids cut into ``n_blocks`` blocks of
    (nearly) equal size.

    Returns
    -------
    numpy.ndarray of int32, shape (n_words,)
        Values in ``range(n_blocks)``; block sizes differ by at most one.
    """
    n_blocks = check_blocks(n_blocks, n_words)
    perm = _rng(random_state).permutation(n_words)
    blocks = np.empty(n_words, dtype=np.int32)
    blocks[perm] = (np.arange(n_words, dtype=np.int64) * n_blocks // n_words).astype(np.int32)
    return blocks


def strata(n_blocks: int, random_state=None) -> np.ndarray:
    """A random Latin square: ``[s, r]`` is the column block paired with row block r in stratum
    s, the strata in the order an epoch walks them.

    Every row of the result is a permutation (the blocks of a stratum are disjoint in rows and
    columns) and every column too (each block is visited once per epoch).

    Returns
    -------
    numpy.ndarray of int64, shape (n_blocks, n_blocks)
    """
    n_blocks = check_blocks(n_blocks)
    rs = _rng(random_state)
    order, rows, cols = (rs.permutation(n_blocks) for _ in range(3))
    return cols[(rows[None, :] + order[:, None]) % n_blocks]


def epoch_draws(n_blocks: int, rng: np.random.RandomState) -> tuple[np.ndarray, np.ndarray]:
    """What one epoch of the blocked schedule draws from ``rng``, in this order: the strata
    (:func:`strata`) and one in-block shuffle seed per block, int64, shape (B * B,).  Every driver
    (threads, the matrix on disk, a Dask cluster) draws through here, so the same seed gives
    the same epochs bit for bit whoever runs them."""
    order = strata(n_blocks, rng)
    seeds = rng.randint(1, 2**31 - 1, size=n_blocks * n_blocks).astype(np.int64)
    return order, seeds


def auto_blocks(n_words: int, vector_size: int, itemsize: int = 4) -> int:
    """B such that one block's rows of W, W~, b, b~ and their AdaGrad sums fit in 1 MiB of L2,
    clipped to [8, 256] and to the number of words."""
    per_word = (4 * vector_size + 4) * itemsize  # W, W~, their sums, and the four biases
    B = math.ceil(n_words * per_word / _L2_BUDGET)
    return int(max(1, min(max(B, _MIN_BLOCKS), _MAX_BLOCKS, n_words)))


def check_blocks(n_blocks, n_words: int | None = None) -> int:
    """Validate a block count: an int >= 1 and at most the number of words."""
    if isinstance(n_blocks, bool) or not isinstance(n_blocks, int | np.integer):
        raise TypeError(f"n_blocks must be an int or None, got {n_blocks!r}")
    if n_blocks < 1:
        raise ValueError(f"n_blocks must be >= 1, got {n_blocks}")
    if n_words is not None and n_blocks > n_words:
        raise ValueError(f"n_blocks={n_blocks} is more blocks than the {n_words} words of X: "
                         f"use at most {n_words}, or None to choose automatically")
    return int(n_blocks)


def usable_threads(n_threads: int) -> int:
    """``n_threads``, clipped with a warning to the threads Numba can run (NUMBA_NUM_THREADS)."""
    from numba.np.ufunc.parallel import NUM_THREADS  # fixed when Numba was first imported

    # the smaller of the two: the environment may have changed NUMBA_NUM_THREADS since (the
    # course's kernel environment sets it), but set_num_threads accepts only what Numba started with
    limit = min(numba.config.NUMBA_NUM_THREADS, NUM_THREADS)
    if n_threads > limit:
        warnings.warn(f"n_threads={n_threads} but Numba can run {limit} threads "
                      f"(NUMBA_NUM_THREADS): using {limit}", RuntimeWarning, stacklevel=4)
    return min(n_threads, limit)


class _Held:
    """What the epochs of a fit need of the entries held in memory (``self.entries``), as the fit
    from disk (:class:`glovelib.train.ondisk.DiskEntries`) answers it too."""

    entries: np.ndarray

    @property
    def n_entries(self) -> int:
        return len(self.entries)

    def chunks(self, size: int = 1 << 20):
        """The entries as held, ``size`` at a time (views): the divergence check's yardsticks."""
        return (self.entries[k:k + size] for k in range(0, len(self.entries), size))


class BlockedEntries(_Held):
    """The nonzeros of X grouped by block, and the epochs over them.

    Parameters
    ----------
    X : scipy.sparse.csr_matrix (V, V)
        Validated float64 CSR without explicit zeros.
    blocks : numpy.ndarray of int32, shape (V,)
        Block of each word (:func:`word_blocks`).
    x_max, alpha : float
        The weighting f, computed once per entry.
    dtype : numpy.dtype
        Precision of log X_ij and f(X_ij), that of the parameters.
    n_threads : int, default 1
        Threads that fill the entries (row blocks at once; the result does not depend on it).
    """

    def __init__(self, X: sp.csr_matrix, blocks: np.ndarray, x_max: float, alpha: float, dtype,
                 n_threads: int = 1):
        self.n_blocks = int(blocks.max()) + 1
        # slot -> word, each block's words side by side: an epoch trains a copy of the parameters
        # in this order, so that the threads' rows never share a cache line (with the words in
        # id order, b[i] and b[i + 1] of two blocks would: 16 float32 biases to a 64-byte line)
        self.words = np.argsort(blocks, kind="stable").astype(np.int32)
        slots = np.empty_like(self.words)
        slots[self.words] = np.arange(len(blocks), dtype=np.int32)
        self.entries = np.empty(X.nnz, dtype=K.entry_dtype(dtype))  # (nnz,) records, by slot
        self.starts = np.empty(self.n_blocks ** 2 + 1, dtype=np.int64)  # block g: starts[g:g+2]
        numba.set_num_threads(n_threads)
        K._fill_blocked(X.indptr.astype(np.int64), X.indices, X.data, float(x_max), float(alpha),
                        blocks, slots, self.words, self.n_blocks, self.entries, self.starts)

    def epoch(self, weights, sums, rng: np.random.RandomState, learning_rate: float,
              grad_clip: float, n_threads: int) -> tuple[float, int]:
        """One epoch in place: new strata and in-block seeds from ``rng``; returns (sum of
        1/2 f diff^2, skipped entries), independent of ``n_threads``."""
        B = self.n_blocks
        order, seeds = epoch_draws(B, rng)
        losses = np.zeros(B * B)
        skipped = np.zeros(B * B, dtype=np.int64)
        arrays = (*weights, *sums)
        local = [a[self.words] for a in arrays]  # block order; the same arithmetic, bit for bit
        args = (*local, self.entries, self.starts, order, seeds, float(learning_rate),
                float(grad_clip), losses, skipped)
        if n_threads == 1:
            K._epoch_blocked_serial(*args)
        else:
            numba.set_num_threads(n_threads)
            with numba.parallel_chunksize(1):  # blocks taken one at a time, dynamically
                K._epoch_blocked(*args)
        for a, trained in zip(arrays, local, strict=True):
            a[self.words] = trained
        return float(losses.sum()), int(skipped.sum())


class ShuffledEntries(_Held):
    """The nonzeros of X in row-major order, and epochs over a full shuffle of them: serial
    (update for update the NumPy reference) or hogwild (threads share W without locks; results
    vary from run to run).  Each epoch draws a uniform number per entry and shuffles into a
    second copy -- the reference's order, kept for the lesson and for comparison.

    Parameters as :class:`BlockedEntries` (X validated; x_max, alpha and dtype of the entries);
    ``hogwild``: the threads share the parameters instead of one thread running the shuffle.
    """

    def __init__(self, X: sp.csr_matrix, x_max: float, alpha: float, dtype, hogwild: bool):
        self.entries = entries_of(X, x_max, alpha, dtype)
        self.shuffled = np.empty_like(self.entries)
        self.hogwild = hogwild

    def epoch(self, weights, sums, rng: np.random.RandomState, learning_rate: float,
              grad_clip: float, n_threads: int) -> tuple[float, int]:
        n = len(self.entries)
        threads = n_threads if self.hogwild else 1
        if threads > 1:
            numba.set_num_threads(threads)
        # this epoch's order, from uniform numbers drawn by the seeded generator
        K._shuffle_entries(self.entries, self.shuffled, rng.random_sample(n),
                           max(1, n // SHUFFLE_BUCKET), threads)
        kernel = K._epoch_serial if threads == 1 else K._epoch_parallel
        losses = np.zeros(threads)
        skipped = np.zeros(threads, dtype=np.int64)
        kernel(*weights, *sums, self.shuffled, float(learning_rate), float(grad_clip), threads,
               losses, skipped)
        return float(losses.sum()), int(skipped.sum())
