"""The Numba kernels of training: one AdaGrad epoch over arrays, in place (no Python objects).

Three schedules share :func:`_updates`, the per-entry AdaGrad step of the reference C code
(``glove.c``) with the paper's learning rate on the biases:

* ``_epoch_serial``: entries in the given order -- with a full shuffle, update for update the
  NumPy reference :func:`glovelib.objective.adagrad_epoch`;
* ``_epoch_parallel``: hogwild, threads share W without locks (not reproducible);
* ``_epoch_blocked`` / ``_epoch_blocked_serial``: the conflict-free blocked schedule of
  :mod:`glovelib.train.schedule` (DSGD, Gemulla et al. 2011): the blocks of one stratum share no row
  of W or W~, so threads never write the same parameter and the result does not depend on them.

Kernels draw no random numbers from a generator of their own: the wrapper passes uniform numbers
(the full shuffle) or one seed per block drawn by NumPy's seeded generator (the in-block shuffle,
a Lehmer stream of that seed).  Contiguous arrays, ``error_model="numpy"`` (no zero-division
checks that block vectorization), no fastmath.  ``cache=True``; Numba's disk cache is keyed by the
function's name, so each compiled variant is a function of its own.  Wrappers: the schedules of
glovelib/train/schedule.py and the fit from disk of glovelib/train/ondisk.py.  Derived in
notebooks/04_training.ipynb.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba import prange


def entry_dtype(dtype) -> np.dtype:
    """Record of one nonzero: row i, column j, log X_ij, f(X_ij)."""
    return np.dtype([("i", np.int32), ("j", np.int32), ("logx", dtype), ("fx", dtype)])

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
            _swap(dst, m, _fisher_yates_partner(u[m], n_buckets, starts[g], m))



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


# ---------------------------------------------------------------------- blocked schedule

@numba.njit(cache=True, nogil=True, parallel=True)
def _fill_blocked(indptr, indices, data, x_max, alpha, blocks, slots, words, n_blocks, entries,
                  starts):
    """The entries of X grouped by block g = B * (block of i) + (block of j), row-major inside a
    block; starts[g]:starts[g + 1] is block g.  One pass to count, one to fill: one copy.  Each
    entry holds the slots of i and j (their rows in the block-ordered copy of the parameters).

    The entries of row block R come from its rows only (``words[slots of R]``, in id order), so
    the row blocks are filled by the threads at once, each with its own cursors: the same result
    for any number of threads."""
    B = n_blocks
    first = np.zeros(B + 1, dtype=np.int64)  # row block R holds slots first[R]:first[R + 1]
    for r in range(blocks.shape[0]):
        first[blocks[r] + 1] += 1
    for R in range(B):
        first[R + 1] += first[R]
    counts = np.zeros(B * B, dtype=np.int64)
    for R in prange(B):
        for q in range(first[R], first[R + 1]):
            r = words[q]
            for k in range(indptr[r], indptr[r + 1]):
                counts[R * B + blocks[indices[k]]] += 1
    starts[0] = 0
    for g in range(B * B):
        starts[g + 1] = starts[g] + counts[g]
    cursor = starts[:-1].copy()
    for R in prange(B):
        for q in range(first[R], first[R + 1]):
            r = words[q]
            for k in range(indptr[r], indptr[r + 1]):
                g = R * B + blocks[indices[k]]
                p = cursor[g]
                cursor[g] += 1
                x = data[k]
                entries[p]["i"] = q
                entries[p]["j"] = slots[indices[k]]
                entries[p]["logx"] = math.log(x)
                entries[p]["fx"] = (x / x_max) ** alpha if x < x_max else 1.0


@numba.njit(cache=True, nogil=True, inline="always")
def _swap(entries, m, r):
    if r != m:  # field by field: a record read is a view, not a copy
        i, j, lx, fx = entries[m]["i"], entries[m]["j"], entries[m]["logx"], entries[m]["fx"]
        entries[m] = entries[r]
        entries[r]["i"] = i
        entries[r]["j"] = j
        entries[r]["logx"] = lx
        entries[r]["fx"] = fx


@numba.njit(cache=True, nogil=True, inline="always")
def _shuffle_block(entries, start, end, seed):
    """Fisher-Yates over entries[start:end] in place, from a Lehmer stream seeded by ``seed`` in
    [1, M - 1]: no random number stored per entry.  Position m swaps with one in [start, m]."""
    x = seed
    for m in range(end - 1, start, -1):
        x = (x * 48271) % 2147483647  # Lehmer (MINSTD), M = 2^31 - 1: int64-safe
        _swap(entries, m, start + ((x - 1) * (m - start + 1)) // 2147483646)


@numba.njit(cache=True, nogil=True, inline="always")
def _unshuffle_block(entries, start, end, seed):
    """Undo :func:`_shuffle_block` (the same swaps in reverse, the stream run backwards), so that
    every epoch starts from the same order and training resumed from a file equals training
    straight through."""
    x, a, n = seed, 48271, end - 1 - start  # x = seed * 48271^n mod M, the stream's last value
    while n > 0:
        if n & 1:
            x = (x * a) % 2147483647
        a = (a * a) % 2147483647
        n >>= 1
    for m in range(start + 1, end):
        _swap(entries, m, start + ((x - 1) * (m - start + 1)) // 2147483646)
        x = (x * 1899818559) % 2147483647  # 48271^-1 mod M


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _block(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts, g, seed, lr, clip, losses,
           skipped):
    _shuffle_block(entries, starts[g], starts[g + 1], seed)
    losses[g], skipped[g] = _updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts[g],
                                     starts[g + 1], lr, clip)
    _unshuffle_block(entries, starts[g], starts[g + 1], seed)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _epoch_blocked_serial(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts, strata, seeds,
                          lr, clip, losses, skipped):
    """One blocked epoch on one thread: stratum by stratum, its blocks in row-block order."""
    B = strata.shape[0]
    for s in range(B):
        for r in range(B):
            g = r * B + strata[s, r]
            _block(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts, g, seeds[g], lr, clip,
                   losses, skipped)


@numba.njit(cache=True, nogil=True, error_model="numpy", parallel=True)
def _epoch_blocked(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts, strata, seeds, lr, clip,
                   losses, skipped):
    """One blocked epoch on the threads: the B blocks of a stratum are disjoint in rows of W and
    of W~, so they run concurrently (taken dynamically) with the same result as one by one."""
    B = strata.shape[0]
    for s in range(B):
        for r in prange(B):
            g = r * B + strata[s, r]
            _block(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, starts, g, seeds[g], lr, clip,
                   losses, skipped)
