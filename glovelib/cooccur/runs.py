"""Sorted runs of the sparse cooccurrence counts: kept in memory or spilled to files, merged.

The bounded-memory half of :mod:`glovelib.cooccur`, as the reference ``cooccur`` does with its
overflow files: a full buffer of pair codes is sorted, reduced and kept as a run; at the end the
dense block and all runs are merged by row batches straight into the CSR arrays of X.
"""

from __future__ import annotations

import os
import sys
import threading

import numpy as np
import scipy.sparse as sp

from .kernels import (
    _dense_emit,
    _dense_row_nnz,
    _dense_rows,
    _merge,
    _reduce_sorted,
)

# --------------------------------------------------------------------------- sorted runs


class _Runs:
    """Sorted (key, value) runs of the sparse part, in memory or spilled to a temporary folder.

    Counting threads may add runs at once (each sorts, reduces and writes its own outside the
    lock); the order of the runs does not matter, the merge sums equal keys.
    """

    def __init__(self, n_vocab: int, value_dtype: np.dtype, folder: str | None):
        self.n_vocab = n_vocab
        self.value_dtype = value_dtype
        self.folder = folder
        self.items: list = []  # (keys, vals) arrays, or (keys_path, vals_path)
        self.rowptrs: list[np.ndarray] = []  # per run, (V + 1,) entry offsets of each row
        self._lock = threading.Lock()
        self._named = 0  # file names handed out

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
        self._append((kp, vp), rowptr)

    def add(self, keys: np.ndarray, vals: np.ndarray) -> None:
        bounds = np.arange(self.n_vocab + 1, dtype=np.int64) * self.n_vocab
        rowptr = np.searchsorted(keys, bounds)
        if self.folder is None:
            self._append((keys, vals), rowptr)
        else:
            kp, vp = self._paths()
            keys.tofile(kp)
            vals.tofile(vp)
            self._append((kp, vp), rowptr)

    def _append(self, item: tuple, rowptr: np.ndarray) -> None:
        with self._lock:
            self.items.append(item)
            self.rowptrs.append(rowptr)

    def _paths(self) -> tuple[str, str]:
        """File names for a new run's keys and values (unique across threads)."""
        with self._lock:
            base = os.path.join(self.folder, f"run{self._named:05d}")
            self._named += 1
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

    def row_batches(self, max_entries: int, r0: int = 0,
                    r1: int | None = None) -> list[tuple[int, int]]:
        """Split rows [r0, r1) into ranges holding at most ~max_entries run entries each."""
        total = np.zeros(self.n_vocab + 1, dtype=np.int64)  # entries in rows < r, all runs
        for rp in self.rowptrs:
            total += rp
        return _batches(total, max_entries, r0, r1)


def _batches(rowptr: np.ndarray, max_entries: int, r0: int = 0,
             r1: int | None = None) -> list[tuple[int, int]]:
    """Ranges [a, b) of rows [r0, r1) with rowptr[b] - rowptr[a] <= max_entries (or one row)."""
    n_rows = len(rowptr) - 1 if r1 is None else r1
    edges = [r0]
    while edges[-1] < n_rows:
        r0 = edges[-1]
        r1 = int(np.searchsorted(rowptr, rowptr[r0] + max_entries, "right")) - 1
        edges.append(min(n_rows, max(r1, r0 + 1)))
    return list(zip(edges[:-1], edges[1:], strict=True))


def _assemble(holder: list, cap, lo, offsets, runs: _Runs, scale: float, symmetric: bool,
              batch_entries: int, verbose: bool, n_threads: int = 1) -> sp.csr_matrix:
    """Dense block + sorted runs of U -> X in CSR (X = U + U^T when symmetric).

    Two passes over U in row order (dense cells of a row precede its sparse ones): the first
    counts the entries of each row of X, the second writes them.  With a folder (max_memory) the
    dense block is first written out as one more sorted run and freed, so that the result is
    allocated while only small merge batches are alive.

    ``n_threads`` threads each merge a contiguous range of rows (about as many entries each, in
    batches of ``batch_entries // n_threads``).  Row a of U is written by its own thread; the
    mirrored entries U[a, b] -> X[b, a] of thread k go after those of threads < k in row b, at
    cursors that pass 1 counted per thread -- so X does not depend on the number of threads.
    """
    n_vocab = runs.n_vocab
    dense = holder.pop()
    if runs.folder is not None:
        runs.add_dense(dense, offsets, cap, lo, batch_entries)
        dense = np.zeros(0, dtype=dense.dtype)  # frees the block
        cap = lo.copy()  # every dense row is now empty
    holder.append(dense)  # freed after pass 2
    del dense
    parts = _row_parts(runs, np.maximum(0, cap - lo), n_threads)
    batch_entries = max(1, batch_entries // len(parts))
    batches = [runs.row_batches(batch_entries, r0, r1) for r0, r1 in parts]
    own = np.zeros(n_vocab, dtype=np.int64)  # pass 1: entries per row of U / mirrored per row
    trans = [np.zeros(n_vocab, dtype=np.int64) for _ in parts]  # mirrored, per part
    none_i, none_f = np.empty(0, np.int32), np.empty(0, np.float64)

    def merge(k: int, fill: bool, own, trans, indices, data) -> None:
        _dense_emit(holder[0], offsets, cap, lo, *parts[k], symmetric, fill, own, trans, indices,
                    data, scale)
        for r0, r1 in batches[k]:
            keys, vals, segs = runs.rows(r0, r1)
            _merge(keys, vals, segs, n_vocab, symmetric, fill, own, trans, indices, data, scale)
            del keys, vals

    _in_threads([(merge, (k, False, own, trans[k], none_i, none_f)) for k in range(len(parts))])
    trans_total = np.sum(trans, axis=0) if len(parts) > 1 else trans[0]
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(own + trans_total, out=indptr[1:])
    nnz = int(indptr[-1])
    if verbose:
        print(f"cooccur: {nnz:,} nonzeros; merging {len(runs.items)} runs in "
              f"{sum(map(len, batches))} batches", file=sys.stderr, flush=True)
    indices = np.empty(nnz, dtype=np.int32)
    data = np.empty(nnz, dtype=np.float64)
    own_pos = indptr[:-1] + trans_total  # pass 2: cursors; mirrored entries come first in a row
    trans_pos = []  # part k's mirrored entries follow those of parts < k
    start = indptr[:-1].copy()
    for t in trans:
        trans_pos.append(start.copy())
        start += t
    del own, trans, trans_total, start
    _in_threads([(merge, (k, True, own_pos, trans_pos[k], indices, data))
                 for k in range(len(parts))])
    holder.clear()
    if nnz < 2**31:
        indptr = indptr.astype(np.int32)
    X = sp.csr_matrix((data, indices, indptr), shape=(n_vocab, n_vocab), copy=False)
    X.has_sorted_indices = True
    return X


def _row_parts(runs: _Runs, dense_row_cells: np.ndarray, n_parts: int) -> list[tuple[int, int]]:
    """Up to n_parts contiguous row ranges holding about as many entries (runs + dense cells)."""
    weight = np.zeros(runs.n_vocab + 1, dtype=np.int64)  # entries in rows < r
    for rp in runs.rowptrs:
        weight += rp
    weight[1:] += np.cumsum(dense_row_cells)
    edges = np.searchsorted(weight, weight[-1] * np.arange(1, n_parts) / n_parts)
    edges = np.unique(np.concatenate([[0], np.clip(edges, 1, runs.n_vocab), [runs.n_vocab]]))
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))


def _in_threads(calls: list) -> None:
    """Run ``fn(*args)`` for each (fn, args), the first in this thread and the others in threads
    of their own (Numba kernels and file reads release the GIL); re-raise the first error."""
    errors: list[BaseException] = []

    def run(fn, args) -> None:
        try:
            fn(*args)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=call, name=f"glovelib-merge-{k + 1}")
               for k, call in enumerate(calls[1:])]
    for thread in threads:
        thread.start()
    try:
        run(*calls[0])
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


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
