"""Counting the cooccurrence matrix X: the second step of the GloVe pipeline.

Follows the reference C tool ``cooccur`` (Pennington, Socher & Manning, 2014):

* a window of ``window_size`` words to the left of each word, never crossing a document;
  out-of-vocabulary tokens are removed before distances are measured (the caller encodes);
* a pair at distance d adds 1/d (or 1 without distance weighting) to X[earlier, later] and, for a
  symmetric window, also to X[later, earlier] -- so a word paired with itself adds twice to X_ii;
* frequent pairs (rank product <= P) are counted in a dense block, the rest are buffered, sorted
  and merged, as the reference does with its "bigram table" and overflow files.

Two departures, both deliberate:

* Sums are exact.  Every increment is an integer multiple of 1/L with L = lcm(1..window_size), so
  counts are accumulated as int64 multiples of 1/L and divided once at the end.  The result is the
  correctly rounded value of the exact sum, and does not depend on the order of additions -- which
  is what makes the chunked (``max_memory``) result identical to the in-memory one.  Only when the
  integers could overflow (windows above ~25 on huge corpora) does it fall back to float64 sums,
  and then the two modes agree to round-off.
* The result is returned in memory as a ``scipy.sparse.csr_matrix``, not written to a file.

Derived in notebooks/03_counting.ipynb.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import scipy.sparse as sp
from numba import njit

__all__ = ["count_cooccurrences"]

_GB = 1 << 30


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
def _dense_emit(dense, offsets, cap, lo, symmetric, fill, own, trans, indices, data, scale):
    for a in range(cap.shape[0]):
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


# --------------------------------------------------------------------------- sorted runs


class _Runs:
    """Sorted (key, value) runs of the sparse part, in memory or spilled to a temporary folder."""

    def __init__(self, n_vocab: int, value_dtype: np.dtype, folder: str | None):
        self.n_vocab = n_vocab
        self.value_dtype = value_dtype
        self.folder = folder
        self.items: list = []  # (keys, vals) arrays, or (keys_path, vals_path)
        self.rowptrs: list[np.ndarray] = []  # per run, (V + 1,) entry offsets of each row

    def add_sorted_codes(self, codes: np.ndarray, window: int, incr: np.ndarray) -> None:
        """Sort buffered pair codes in place, sum equal pairs and keep the result as a run."""
        codes.sort()
        self.add(*_reduce_sorted(codes, window, incr))

    def add_dense(self, dense, offsets, cap, lo, batch_entries: int) -> None:
        """Write the dense block's nonzero cells (in key order) as one run, by row batches."""
        kp, vp = self._paths()
        row_nnz = np.zeros(self.n_vocab, dtype=np.int64)
        _dense_row_nnz(dense, offsets, cap, lo, row_nnz)
        rowptr = np.zeros(self.n_vocab + 1, dtype=np.int64)
        np.cumsum(row_nnz, out=rowptr[1:])
        with open(kp, "wb") as fk, open(vp, "wb") as fv:
            for r0, r1 in _batches(rowptr, batch_entries):
                keys, vals = _dense_rows(dense, offsets, cap, lo, r0, r1,
                                         rowptr[r1] - rowptr[r0], self.n_vocab)
                keys.tofile(fk)
                vals.tofile(fv)
        self.rowptrs.append(rowptr)
        self.items.append((kp, vp))

    def add(self, keys: np.ndarray, vals: np.ndarray) -> None:
        bounds = np.arange(self.n_vocab + 1, dtype=np.int64) * self.n_vocab
        self.rowptrs.append(np.searchsorted(keys, bounds))
        if self.folder is None:
            self.items.append((keys, vals))
        else:
            kp, vp = self._paths()
            keys.tofile(kp)
            vals.tofile(vp)
            self.items.append((kp, vp))

    def _paths(self) -> tuple[str, str]:
        """File names of the next run's keys and values."""
        base = os.path.join(self.folder, f"run{len(self.items):05d}")
        return base + ".keys", base + ".vals"

    def rows(self, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries of rows [r0, r1) of every run, concatenated, with segment bounds."""
        segs = [0]
        for rp in self.rowptrs:
            segs.append(segs[-1] + int(rp[r1] - rp[r0]))
        keys = np.empty(segs[-1], dtype=np.int64)
        vals = np.empty(segs[-1], dtype=self.value_dtype)
        for s, (item, rp) in enumerate(zip(self.items, self.rowptrs, strict=True)):
            lo, hi = int(rp[r0]), int(rp[r1])
            if hi == lo:
                continue
            if self.folder is None:
                keys[segs[s]:segs[s + 1]] = item[0][lo:hi]
                vals[segs[s]:segs[s + 1]] = item[1][lo:hi]
            else:
                keys[segs[s]:segs[s + 1]] = np.fromfile(item[0], np.int64, hi - lo, offset=8 * lo)
                vals[segs[s]:segs[s + 1]] = np.fromfile(item[1], self.value_dtype, hi - lo,
                                                        offset=vals.itemsize * lo)
        return keys, vals, np.asarray(segs, dtype=np.int64)

    def row_batches(self, max_entries: int) -> list[tuple[int, int]]:
        """Split the rows into ranges holding at most ~max_entries run entries each."""
        total = np.zeros(self.n_vocab + 1, dtype=np.int64)  # entries in rows < r, all runs
        for rp in self.rowptrs:
            total += rp
        return _batches(total, max_entries)


def _batches(rowptr: np.ndarray, max_entries: int) -> list[tuple[int, int]]:
    """Row ranges [r0, r1) with rowptr[r1] - rowptr[r0] <= max_entries (or a single row)."""
    n_rows = len(rowptr) - 1
    edges = [0]
    while edges[-1] < n_rows:
        r0 = edges[-1]
        r1 = int(np.searchsorted(rowptr, rowptr[r0] + max_entries, "right")) - 1
        edges.append(min(n_rows, max(r1, r0 + 1)))
    return list(zip(edges[:-1], edges[1:], strict=True))


# --------------------------------------------------------------------------- helpers


def _document_groups(corpus, vocab_size: int, group_tokens: int = 1 << 22):
    """Yield (ids int32, starts int64) for consecutive groups of documents of ~group_tokens.

    ``corpus`` is one id array (one document), or any iterable of them -- a generator is consumed
    once, so a corpus never has to be held in memory whole.
    """
    if isinstance(corpus, str | bytes):
        raise TypeError("count_cooccurrences expects token ids (use Vocabulary.encode), not text")
    if isinstance(corpus, np.ndarray) and corpus.ndim != 1:
        if corpus.dtype == object:
            corpus = list(corpus)
        else:
            raise ValueError(f"expected a 1-D id array or a sequence of them, got shape "
                             f"{corpus.shape}")
    if isinstance(corpus, np.ndarray):
        corpus = [corpus]
    elif isinstance(corpus, list | tuple) and corpus and np.ndim(corpus[0]) == 0:
        corpus = [corpus]  # a plain list of ids: one document
    arrays, n_group = [], 0
    for n, doc in enumerate(corpus):
        arr = np.asarray(doc)
        if arr.ndim != 1:
            raise ValueError(f"document {n} is not a 1-D sequence of ids (shape {arr.shape})")
        if arr.size == 0:
            continue
        if arr.dtype.kind not in "iu":
            raise TypeError(f"document {n} holds {arr.dtype} values; token ids must be integers "
                            "(encode tokens with Vocabulary.encode)")
        lo, hi = int(arr.min()), int(arr.max())
        if lo < 0:
            raise ValueError(f"token ids must be >= 0, found {lo} in document {n}")
        if hi >= vocab_size:
            raise ValueError(f"token id {hi} in document {n} is out of range for "
                             f"vocab_size={vocab_size}; pass vocab_size=len(vocab) for the "
                             "vocabulary that encoded the corpus")
        arrays.append(arr)
        n_group += arr.size
        if n_group >= group_tokens:
            yield _concat(arrays)
            arrays, n_group = [], 0
    if arrays:
        yield _concat(arrays)


def _concat(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.zeros(len(arrays) + 1, dtype=np.int64)
    np.cumsum([a.size for a in arrays], out=starts[1:])
    return np.ascontiguousarray(np.concatenate(arrays), dtype=np.int32), starts


# Integer sums are used when no cell can overflow int64 for corpora up to this many tokens; a
# longer corpus is refused with a message (it would need window_size <= 18 or float sums).
_MAX_TOKENS = 10**11


def _increments(window: int, distance_weighting: bool) -> tuple[np.ndarray, float]:
    """Per-distance increments incr[1..window] and the scale that turns sums into X."""
    if not distance_weighting:
        return np.ones(window + 1, dtype=np.int64), 1.0
    lcm = math.lcm(*range(1, window + 1))
    harmonic = sum(1.0 / k for k in range(1, window + 1))
    if lcm * 2.0 * harmonic * _MAX_TOKENS < 2.0**62:  # no cell can overflow int64
        incr = np.array([0] + [lcm // k for k in range(1, window + 1)], dtype=np.int64)
        return incr, float(lcm)
    incr = np.array([0.0] + [1.0 / k for k in range(1, window + 1)], dtype=np.float64)
    return incr, 1.0


def _dense_caps(n_vocab: int, budget_cells: int, triangle: bool):
    """The dense block: rows a keep columns lo[a] <= b < cap[a] = min(V, P // (a + 1)), for the
    largest P whose block fits the budget.  Returns (cap, lo, offsets, P)."""
    a1 = np.arange(1, n_vocab + 1, dtype=np.int64)
    lo = np.arange(n_vocab, dtype=np.int64) if triangle else np.zeros(n_vocab, dtype=np.int64)

    def lengths(prod: int) -> np.ndarray:
        return np.maximum(0, np.minimum(n_vocab, prod // a1) - lo)

    low, high = 0, n_vocab * n_vocab
    while low < high:  # largest P with a block of at most budget_cells
        mid = (low + high + 1) // 2
        if int(lengths(mid).sum()) <= budget_cells:
            low = mid
        else:
            high = mid - 1
    cap = np.minimum(n_vocab, low // a1)
    offsets = np.zeros(n_vocab, dtype=np.int64)
    np.cumsum(lengths(low)[:-1], out=offsets[1:])
    return cap, lo, offsets, low


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _parse_memory(max_memory) -> int | None:
    if max_memory is None:
        return None
    if isinstance(max_memory, str):
        text = max_memory.strip().upper().removesuffix("B")
        units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
        try:
            if text and text[-1] in units:
                return int(float(text[:-1]) * units[text[-1]])
            return int(float(text))
        except ValueError:
            raise ValueError(f"max_memory {max_memory!r} is not a size like '1GB' or 5e8") from None
    if isinstance(max_memory, int | float) and max_memory > 0:
        # small numbers are read as gigabytes, as the reference's -memory flag
        return int(max_memory * _GB) if max_memory < 1024 else int(max_memory)
    raise ValueError(f"max_memory must be a positive size (bytes, GB or '1GB'), got {max_memory!r}")


# --------------------------------------------------------------------------- public API


def count_cooccurrences(
    corpus,
    vocab_size: int,
    window_size: int = 15,
    symmetric: bool = True,
    distance_weighting: bool = True,
    max_memory: int | float | str | None = None,
    verbose: bool = False,
    tmp_dir: str | os.PathLike | None = None,
) -> sp.csr_matrix:
    """Count word-word cooccurrences in a window, as the reference ``cooccur`` tool does.

    Parameters
    ----------
    corpus : 1-D int array, or sequence of them
        Token ids from :meth:`Vocabulary.encode` -- one array per document; windows never cross
        documents.  A single array is one document.
    vocab_size : int
        V, the matrix is (V, V); every id must be below it.
    window_size : int, default 15
        How many words to the left of each word are its context (and, if symmetric, to the right).
    symmetric : bool, default True
        Count each pair in both (i, j) and (j, i).  If False, only X[earlier, later] grows.
    distance_weighting : bool, default True
        A pair at distance d adds 1/d; if False it adds 1.
    max_memory : bytes, GB or str, optional
        Bound the working memory ("1GB", 1.0 = 1 GB, or bytes).  The counts are then made in chunks,
        spilled as sorted runs to temporary files and merged; the result is identical to the
        in-memory one.  The returned matrix itself (12 bytes per nonzero) comes on top.
    verbose : bool, default False
        Print progress to stderr.
    tmp_dir : path-like, optional
        Where ``max_memory`` spills its runs (default: the system's temporary folder).  The files
        are removed when counting ends, also on error or interrupt.

    Returns
    -------
    scipy.sparse.csr_matrix of float64, shape (V, V)
        Sorted column indices, no explicit zeros.

    Raises
    ------
    ValueError, TypeError
        Empty corpus, window_size < 1, ids out of range or negative, non-integer ids.

    Examples
    --------
    >>> X = count_cooccurrences([np.array([0, 1, 2])], vocab_size=3, window_size=2)
    >>> X.toarray()
    array([[0. , 1. , 0.5],
           [1. , 0. , 1. ],
           [0.5, 1. , 0. ]])
    """
    vocab_size = _check_int("vocab_size", vocab_size, 1)
    window = _check_int("window_size", window_size, 1)
    memory = _parse_memory(max_memory)
    n_vocab = vocab_size
    if n_vocab * n_vocab * (window + 1) >= 2**63:
        raise ValueError(f"vocab_size={n_vocab} is too large to count with window {window}")
    incr, scale = _increments(window, bool(distance_weighting))

    # Memory plan (bytes): dense block, sparse buffer, merge batches.
    if memory is None:
        dense_bytes, buf_bytes, batch_bytes = 512 << 20, 128 << 20, 128 << 20
    else:
        # the rest of the cap is for the merge and the interpreter; the result comes on top
        dense_bytes, buf_bytes, batch_bytes = (int(f * memory) for f in (0.30, 0.12, 0.05))
    symmetric = bool(symmetric)
    cap, lo, offsets, _ = _dense_caps(n_vocab, max(n_vocab, dense_bytes // 8), symmetric)
    buf = np.empty(max(buf_bytes // 8, 4 * window + 16), dtype=np.int64)
    group_tokens = max(1 << 16, min(1 << 22, buf.size // 4))

    folder = tempfile.mkdtemp(prefix="glovelib-cooccur-", dir=tmp_dir) if memory else None
    try:
        dense = np.zeros(int(offsets[-1] + max(0, cap[-1] - lo[-1])), dtype=incr.dtype)
        runs = _Runs(n_vocab, incr.dtype, folder)
        t0 = time.perf_counter()
        n_tokens, nbuf, last_report = 0, 0, t0
        for ids, starts in _document_groups(corpus, n_vocab, group_tokens):
            d, p = 0, 0
            while d < len(starts) - 1:
                d, p, nbuf = _count_chunk(ids, starts, d, p, window, symmetric, n_vocab, cap, lo,
                                          offsets, dense, incr, buf, nbuf)
                if d < len(starts) - 1:  # the buffer is full: sort, reduce, keep as a run
                    runs.add_sorted_codes(buf[:nbuf], window, incr)
                    nbuf = 0
            n_tokens += len(ids)
            if n_tokens > _MAX_TOKENS:
                raise ValueError(f"more than {_MAX_TOKENS:,} tokens: too many for exact counts")
            if verbose and time.perf_counter() - last_report > 2.0:
                last_report = time.perf_counter()
                print(f"cooccur: {n_tokens:,} tokens, {len(runs.items)} sorted runs, "
                      f"{last_report - t0:.1f}s", file=sys.stderr, flush=True)
        if n_tokens == 0:
            raise ValueError("the corpus is empty: no token ids to count")
        if nbuf:
            runs.add_sorted_codes(buf[:nbuf], window, incr)
        del buf
        if verbose:
            print(f"cooccur: counted {n_tokens:,} tokens in {time.perf_counter() - t0:.1f}s; "
                  f"{len(runs.items)} sorted runs", file=sys.stderr, flush=True)
        holder = [dense]  # _assemble frees the dense block as soon as it can
        del dense
        X = _assemble(holder, cap, lo, offsets, runs, scale, symmetric, batch_bytes // 16,
                      verbose)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return X


def _assemble(holder: list, cap, lo, offsets, runs: _Runs, scale: float, symmetric: bool,
              batch_entries: int, verbose: bool) -> sp.csr_matrix:
    """Dense block + sorted runs of U -> X in CSR (X = U + U^T when symmetric).

    Two passes over U in row order (dense cells of a row precede its sparse ones): the first
    counts the entries of each row of X, the second writes them.  With a folder (max_memory) the
    dense block is first written out as one more sorted run and freed, so that the result is
    allocated while only small merge batches are alive.
    """
    n_vocab = runs.n_vocab
    dense = holder.pop()
    if runs.folder is not None:
        runs.add_dense(dense, offsets, cap, lo, batch_entries)
        dense = np.zeros(0, dtype=dense.dtype)  # frees the block
        cap = lo.copy()  # every dense row is now empty
    batches = runs.row_batches(batch_entries)
    own = np.zeros(n_vocab, dtype=np.int64)  # pass 1: entries per row of U / mirrored per row
    trans = np.zeros(n_vocab, dtype=np.int64)
    none_i, none_f = np.empty(0, np.int32), np.empty(0, np.float64)
    _dense_emit(dense, offsets, cap, lo, symmetric, False, own, trans, none_i, none_f, scale)
    for r0, r1 in batches:
        keys, vals, segs = runs.rows(r0, r1)
        _merge(keys, vals, segs, n_vocab, symmetric, False, own, trans, none_i, none_f, scale)
        del keys, vals
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(own + trans, out=indptr[1:])
    nnz = int(indptr[-1])
    if verbose:
        print(f"cooccur: {nnz:,} nonzeros; merging {len(runs.items)} runs in {len(batches)} "
              "batches", file=sys.stderr, flush=True)
    indices = np.empty(nnz, dtype=np.int32)
    data = np.empty(nnz, dtype=np.float64)
    own_pos = indptr[:-1] + trans  # pass 2: cursors; mirrored entries come first in a row
    trans_pos = indptr[:-1].copy()
    del own, trans
    _dense_emit(dense, offsets, cap, lo, symmetric, True, own_pos, trans_pos, indices, data, scale)
    del dense, holder
    for r0, r1 in batches:
        keys, vals, segs = runs.rows(r0, r1)
        _merge(keys, vals, segs, n_vocab, symmetric, True, own_pos, trans_pos, indices, data, scale)
        del keys, vals
    if nnz < 2**31:
        indptr = indptr.astype(np.int32)
    X = sp.csr_matrix((data, indices, indptr), shape=(n_vocab, n_vocab), copy=False)
    X.has_sorted_indices = True
    return X
