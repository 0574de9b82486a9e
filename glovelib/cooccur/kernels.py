"""The Numba kernels of cooccurrence counting (see :mod:`glovelib.cooccur` for the method).

Counting a window into a dense block of frequent pairs plus a buffer of pair codes, reducing
sorted codes, and the k-way merge that turns the dense block and sorted runs into CSR.  No
allocation policy, files or validation here: :mod:`glovelib.cooccur.runs` and
:mod:`glovelib.cooccur` own those.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# --------------------------------------------------------------------------- kernels
#
# The matrix counted is U: for a symmetric window only its upper triangle (a <= b), so that each
# pair is incremented once; X = U + U^T is formed when the result is written.  Without symmetry
# U = X.  Dense cells of row a are columns lo[a] <= b < cap[a], stored at dense[offsets[a] + b -
# lo[a]], with lo[a] = a (triangle) or 0 (full rows).


@njit(cache=True, nogil=True)
def _count_chunk(ids, starts, d, p, window, symmetric, n_vocab, cap, lo, offsets, dense, incr,
                 buf, nbuf):
    """Count from document ``d``, position ``p`` until the buffer could overflow.

    Dense pairs go to the dense block; the others are appended to ``buf`` as the code
    ``(a * V + b) * (window + 1) + distance``.  Returns where it stopped and the buffer's fill.
    """
    n_docs = starts.shape[0] - 1
    w1 = window + 1
    limit = buf.shape[0] - window
    while d < n_docs:
        s = starts[d]
        e = starts[d + 1]
        if p < s:
            p = s
        while p < e:
            if nbuf > limit:
                return d, p, nbuf
            later = np.int64(ids[p])
            first = max(s, p - window)
            for q in range(p - 1, first - 1, -1):
                a = np.int64(ids[q])  # X[earlier, later] at distance p - q
                b = later
                if symmetric and a > b:
                    a, b = b, a
                k = p - q
                if b < cap[a]:  # (a + 1)(b + 1) <= P
                    dense[offsets[a] + b - lo[a]] += incr[k]
                else:
                    buf[nbuf] = (a * n_vocab + b) * w1 + k
                    nbuf += 1
            p += 1
        d += 1
    return d, p, nbuf


@njit(cache=True, nogil=True)
def _reduce_sorted(codes, window, incr):
    """Sorted codes -> (keys, values) with one entry per pair (key = a * V + b)."""
    w1 = window + 1
    n = codes.shape[0]
    n_unique = 0
    prev = -1
    for t in range(n):
        key = codes[t] // w1
        if key != prev:
            n_unique += 1
            prev = key
    keys = np.empty(n_unique, dtype=np.int64)
    vals = np.zeros(n_unique, dtype=incr.dtype)
    u = -1
    prev = -1
    for t in range(n):
        key = codes[t] // w1
        if key != prev:
            u += 1
            keys[u] = key
            prev = key
        vals[u] += incr[codes[t] - key * w1]
    return keys, vals


@njit(cache=True, nogil=True, inline="always")
def _emit(a, b, v, symmetric, fill, own, trans, indices, data, scale):
    """One entry U[a, b] = v.  Count it (``own``: entries of row a; ``trans``: mirrored entries
    of row b), or write it at the cursors own[a] and trans[b] (row r of X = the mirrored entries,
    columns < r, then row r of U, columns >= r)."""
    mirrored = symmetric and a != b
    if fill:
        indices[own[a]] = b
        data[own[a]] = (2.0 * v if symmetric and a == b else v) / scale
        own[a] += 1
        if mirrored:
            indices[trans[b]] = a
            data[trans[b]] = v / scale
            trans[b] += 1
    else:
        own[a] += 1
        if mirrored:
            trans[b] += 1


@njit(cache=True, nogil=True)
def _dense_emit(dense, offsets, cap, lo, r0, r1, symmetric, fill, own, trans, indices, data,
                scale):
    """:func:`_emit` the nonzero dense cells of rows [r0, r1), in row order."""
    for a in range(r0, r1):
        base = offsets[a] - lo[a]
        for b in range(lo[a], cap[a]):
            v = dense[base + b]
            if v != 0:
                _emit(a, b, v, symmetric, fill, own, trans, indices, data, scale)


@njit(cache=True, nogil=True)
def _dense_row_nnz(dense, offsets, cap, lo, out):
    for a in range(cap.shape[0]):
        c = 0
        for t in range(offsets[a], offsets[a] + max(0, cap[a] - lo[a])):
            if dense[t] != 0:
                c += 1
        out[a] = c


@njit(cache=True, nogil=True)
def _dense_rows(dense, offsets, cap, lo, r0, r1, n, n_vocab):
    """The n nonzero cells of dense rows [r0, r1) as (keys, values), in key order."""
    keys = np.empty(n, dtype=np.int64)
    vals = np.empty(n, dtype=dense.dtype)
    n = 0
    for a in range(r0, r1):
        base = offsets[a] - lo[a]
        for b in range(lo[a], cap[a]):
            if dense[base + b] != 0:
                keys[n] = a * n_vocab + b
                vals[n] = dense[base + b]
                n += 1
    return keys, vals


@njit(cache=True, nogil=True)
def _merge(keys, vals, segs, n_vocab, symmetric, fill, own, trans, indices, data, scale):
    """k-way merge of sorted segments ``keys[segs[s]:segs[s+1]]``; equal keys are summed and
    each distinct pair is passed to :func:`_emit`."""
    k = segs.shape[0] - 1
    heads = segs[:-1].copy()
    heap = np.empty(k, dtype=np.int64)  # segment numbers, a binary min-heap on keys[heads[s]]
    size = 0
    for s in range(k):
        if heads[s] < segs[s + 1]:
            heap[size] = s
            i = size
            size += 1
            while i > 0:  # sift up
                parent = (i - 1) // 2
                if keys[heads[heap[parent]]] <= keys[heads[heap[i]]]:
                    break
                heap[parent], heap[i] = heap[i], heap[parent]
                i = parent
    prev = -1
    acc = np.zeros(1, dtype=vals.dtype)[0]
    while size > 0:
        s = heap[0]
        key = keys[heads[s]]
        val = vals[heads[s]]
        heads[s] += 1
        if heads[s] == segs[s + 1]:
            size -= 1
            heap[0] = heap[size]
        i = 0
        while True:  # sift down
            left = 2 * i + 1
            if left >= size:
                break
            c = left
            if left + 1 < size and keys[heads[heap[left + 1]]] < keys[heads[heap[left]]]:
                c = left + 1
            if keys[heads[heap[i]]] <= keys[heads[heap[c]]]:
                break
            heap[i], heap[c] = heap[c], heap[i]
            i = c
        if key != prev:
            if prev >= 0:
                _emit(prev // n_vocab, prev % n_vocab, acc, symmetric, fill, own, trans,
                      indices, data, scale)
            prev = key
            acc = val
        else:
            acc += val
    if prev >= 0:
        _emit(prev // n_vocab, prev % n_vocab, acc, symmetric, fill, own, trans, indices, data,
              scale)
