"""A cooccurrence matrix on disk, grouped by the blocks of the training's schedule.

For a corpus whose matrix does not fit in memory (a Wikipedia dump: billions of nonzeros), as
the reference C tools allow: counting writes X to a folder in the layout an epoch reads, and
:meth:`glovelib.GloVe.fit` trains from it holding only the parameters, their AdaGrad sums and
one stratum's blocks (a few at a time; :mod:`glovelib.train.ondisk`).  With the same seed and
number of blocks the vectors are those of the in-memory fit, bit for bit.

Format (a folder, e.g. ``corpus.blocks/``; version ``glovelib-blocked-matrix-1``)
------------------------------------------------------------------------------------
``header.json``
    ``format``; ``n_words`` V; ``n_blocks`` B; ``nnz``; ``record`` (the record's fields and
    little-endian NumPy types); ``block_starts``: B*B + 1 record offsets, block
    g = B * (block of i) + (block of j) being records ``block_starts[g]:block_starts[g + 1]``;
    ``blocks_for``: the inputs the word blocks were drawn from (``random_state``,
    ``vector_size``, ``n_blocks``, ``dtype`` of :meth:`glovelib.GloVe.word_blocks`, or null);
    ``counting``: the counting settings, when counting wrote it.
``word_blocks.npy``
    int32 (V,): the block of each word (a random permutation of the ids cut into B blocks, see
    :func:`glovelib.train.schedule.word_blocks`).
``entries.bin``
    nnz records ``(i int32, j int32, x float64)``, 16 bytes each, word ids and the count X_ij,
    block after block; inside a block, sorted by (i, j) -- the order the in-memory schedule holds
    them in before its per-block shuffle.  Raw counts, not log X and f(X), so that one file
    serves any x_max, alpha and precision.

A cluster driver reads the same: a block is one contiguous record array at a known offset.

Writing needs no more memory than a batch of entries and one block: entries arrive in any order
and are bucketed by block into a temporary file beside the folder, then each block is sorted
and appended to ``entries.bin``; the folder appears only when complete (renamed into place), and
a failure -- a full disk, an interrupt -- leaves nothing behind.  Derived in notebook 03.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["BlockedMatrix", "RECORD", "write_matrix"]

FORMAT = "glovelib-blocked-matrix-1"
RECORD = np.dtype([("i", "<i4"), ("j", "<i4"), ("x", "<f8")])


class BlockedMatrix:
    """A cooccurrence matrix written in blocks (see the module for the format); opened, not read.

    Parameters
    ----------
    path : path-like
        The folder :func:`write_matrix` or ``count_cooccurrences(..., out=path)`` wrote.

    Attributes
    ----------
    shape : (V, V)
    nnz : int
    n_blocks : int
        B, blocks per side.
    word_blocks : numpy.ndarray of int32, shape (V,)
    block_starts : numpy.ndarray of int64, shape (B * B + 1,)
    header : dict
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.header = json.loads((self.path / "header.json").read_text())
            if self.header.get("format") != FORMAT:
                raise KeyError("format")
            self.word_blocks = np.load(self.path / "word_blocks.npy", allow_pickle=False)
            n, B = int(self.header["n_words"]), int(self.header["n_blocks"])
            self.block_starts = np.asarray(self.header["block_starts"], dtype=np.int64)
            size = (self.path / "entries.bin").stat().st_size
        except (FileNotFoundError, NotADirectoryError, KeyError, ValueError) as exc:
            raise ValueError(f"{self.path} is not a blocked matrix written by glovelib "
                             f"({type(exc).__name__}: {exc})") from None
        self.n_blocks, self.shape, self.nnz = B, (n, n), int(self.block_starts[-1])
        if (self.word_blocks.shape != (n,) or len(self.block_starts) != B * B + 1
                or size != self.nnz * RECORD.itemsize):
            raise ValueError(f"{self.path} is damaged or cut short: {size:,} bytes of entries "
                             f"for {self.nnz:,} records, {len(self.word_blocks)} word blocks "
                             f"for {n} words; write it again")

    def __repr__(self) -> str:
        return (f"BlockedMatrix({str(self.path)!r}, {self.shape[0]:,} words, {self.nnz:,} "
                f"nonzeros, {self.n_blocks} x {self.n_blocks} blocks)")

    @property
    def nbytes(self) -> int:
        """Bytes of the entries file (16 a nonzero)."""
        return self.nnz * RECORD.itemsize

    def block(self, g: int) -> np.ndarray:
        """Block g's records, memory-mapped read-only (drop the array to unmap it)."""
        lo, hi = int(self.block_starts[g]), int(self.block_starts[g + 1])
        if hi == lo:
            return np.empty(0, dtype=RECORD)
        return np.memmap(self.path / "entries.bin", dtype=RECORD, mode="r",
                         offset=lo * RECORD.itemsize, shape=(hi - lo,))

    def chunks(self, size: int = 1 << 20):
        """The records in file order, ``size`` at a time (each a copy)."""
        with open(self.path / "entries.bin", "rb") as f:
            for lo in range(0, self.nnz, size):
                yield np.fromfile(f, dtype=RECORD, count=min(size, self.nnz - lo))

    def to_csr(self):
        """The matrix in memory, as ``scipy.sparse.csr_matrix`` (for checks on small matrices)."""
        import scipy.sparse as sp

        rec = np.fromfile(self.path / "entries.bin", dtype=RECORD)
        X = sp.coo_matrix((rec["x"], (rec["i"], rec["j"])), shape=self.shape).tocsr()
        X.sort_indices()
        return X


# --------------------------------------------------------------------------- writing


def _tofile(array: np.ndarray, f) -> None:
    array.tofile(f)


def _no_space(exc: OSError, what: str, stage: str) -> OSError:
    """A full disk as an error that names the file and the stage (others unchanged)."""
    if exc.errno == errno.ENOSPC:
        return OSError(errno.ENOSPC, f"no space left on device while {stage} {what}; nothing "
                                     "was left behind: free space or choose another folder")
    return exc


class _Writer:
    """Entries in any order in, a blocked matrix folder out (see the module)."""

    def __init__(self, path, word_blocks: np.ndarray, meta: dict):
        self.path = Path(path)
        if self.path.exists() and not (self.path / "header.json").exists():
            raise FileExistsError(f"{self.path} exists and is not a blocked matrix: choose "
                                  "another name")
        if not self.path.parent.is_dir():
            raise FileNotFoundError(f"cannot write {self.path}: folder {self.path.parent} "
                                    "does not exist")
        self.blocks = np.ascontiguousarray(word_blocks, dtype=np.int32)
        self.n_words = len(self.blocks)
        self.B = int(self.blocks.max()) + 1 if self.n_words else 1
        self.meta = meta
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                         dir=self.path.parent))
        self.spill = open(self.tmp / "buckets.bin", "wb")  # noqa: SIM115 (closed in finish)
        self.pieces: list[np.ndarray] = []  # per piece: record offsets of its blocks (B*B + 1)
        self.offset = 0

    def add(self, i: np.ndarray, j: np.ndarray, x: np.ndarray) -> None:
        """Entries X[i, j] = x (no (i, j) twice over all calls), bucketed by block."""
        B = self.B
        g = self.blocks[i].astype(np.int64) * B + self.blocks[j]
        order = np.argsort(g, kind="stable")
        rec = np.empty(len(g), dtype=RECORD)
        rec["i"], rec["j"], rec["x"] = i[order], j[order], x[order]
        starts = np.zeros(B * B + 1, dtype=np.int64)
        np.cumsum(np.bincount(g, minlength=B * B), out=starts[1:])
        try:
            _tofile(rec, self.spill)
        except OSError as exc:
            raise _no_space(exc, f"{self.tmp / 'buckets.bin'} (for {self.path})",
                            "bucketing the entries by block in") from None
        self.pieces.append(starts + self.offset)
        self.offset += len(rec)

    def finish(self) -> BlockedMatrix:
        """Sort each block and write the folder; rename it into place."""
        self.spill.close()
        B, V = self.B, self.n_words
        starts = np.zeros(B * B + 1, dtype=np.int64)
        for p in self.pieces:
            starts[1:] += np.diff(p)
        np.cumsum(starts, out=starts)
        target = self.tmp / "entries.bin"
        try:
            with open(self.tmp / "buckets.bin", "rb") as src, open(target, "wb") as out:
                for g in range(B * B):
                    parts = []
                    for p in self.pieces:
                        n = int(p[g + 1] - p[g])
                        if n:
                            src.seek(int(p[g]) * RECORD.itemsize)
                            parts.append(np.fromfile(src, dtype=RECORD, count=n))
                    if not parts:
                        continue
                    rec = np.concatenate(parts) if len(parts) > 1 else parts[0]
                    del parts
                    key = rec["i"].astype(np.int64) * V + rec["j"]
                    _tofile(rec[np.argsort(key)], out)
                    del rec, key
                out.flush()
                os.fsync(out.fileno())
            os.unlink(self.tmp / "buckets.bin")
            header = {"format": FORMAT, "n_words": V, "n_blocks": B, "nnz": int(starts[-1]),
                      "record": [[n, RECORD[n].str] for n in RECORD.names],
                      "block_starts": starts.tolist(), **self.meta}
            np.save(self.tmp / "word_blocks.npy", self.blocks)
            (self.tmp / "header.json").write_text(json.dumps(header))
        except OSError as exc:
            raise _no_space(exc, f"{target} (for {self.path})",
                            "writing the sorted blocks to") from None
        if self.path.exists():  # an older matrix: replaced only now that the new one is whole
            old = self.path.with_name(f".{self.path.name}.old")
            os.replace(self.path, old)
            os.replace(self.tmp, self.path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(self.tmp, self.path)
        return BlockedMatrix(self.path)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.spill.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


@contextlib.contextmanager
def _writing(path, word_blocks, meta):
    writer = _Writer(path, word_blocks, meta)
    try:
        yield writer
    except BaseException:
        writer.abort()
        raise


def write_matrix(X, path: str | os.PathLike, word_blocks: np.ndarray,
                 batch_entries: int = 1 << 22, blocks_for: dict | None = None) -> BlockedMatrix:
    """Write a matrix held in memory to ``path`` in the blocked layout (rows a batch at a time).

    Parameters
    ----------
    X : scipy.sparse matrix (V, V)
        Validated as :meth:`glovelib.GloVe.fit` does (explicit zeros dropped).
    path : path-like
        The folder to write (replaced atomically if it holds a blocked matrix).
    word_blocks : numpy.ndarray of int, shape (V,)
        Block of each word, e.g. :meth:`glovelib.GloVe.word_blocks` of the model to train.
    batch_entries : int
        Entries bucketed at a time.
    blocks_for : dict, optional
        The inputs the blocks were drawn from, kept in the header.
    """
    from ..train.entries import check_matrix

    X = check_matrix(X)
    blocks = _check_word_blocks(word_blocks, X.shape[0])
    with _writing(path, blocks, {"blocks_for": blocks_for}) as w:
        indptr = X.indptr.astype(np.int64)
        r0 = 0
        while r0 < X.shape[0]:
            r1 = max(r0 + 1, int(np.searchsorted(indptr, indptr[r0] + batch_entries, "right")) - 1)
            r1 = min(r1, X.shape[0])
            lo, hi = indptr[r0], indptr[r1]
            rows = np.repeat(np.arange(r0, r1, dtype=np.int32), np.diff(indptr[r0:r1 + 1]))
            w.add(rows, X.indices[lo:hi].astype(np.int32), X.data[lo:hi])
            r0 = r1
        return w.finish()


def _check_word_blocks(word_blocks, n_words: int) -> np.ndarray:
    blocks = np.asarray(word_blocks)
    if blocks.shape != (n_words,) or blocks.dtype.kind not in "iu":
        raise ValueError(f"word_blocks must be {n_words} integer block numbers (one per word), "
                         f"got {blocks.dtype} of shape {blocks.shape}; use "
                         "GloVe(...).word_blocks(vocab_size)")
    if n_words and (blocks.min() < 0 or len(np.unique(blocks)) != blocks.max() + 1):
        raise ValueError("word_blocks must number the blocks 0..B-1, each used")
    return blocks.astype(np.int32)


def write_runs(runs, holder: list, cap, lo, offsets, scale: float, symmetric: bool,
               batch_entries: int, path, word_blocks: np.ndarray, meta: dict) -> BlockedMatrix:
    """Counting's end with ``out=``: the dense block and sorted runs of U, merged by row batches,
    written as X = U + U^T (or U) in the blocked layout.  The merge is the in-memory one
    (:func:`glovelib.cooccur.kernels._merge`), so the values are the same bits."""
    from .kernels import _merge

    n_vocab = runs.n_vocab
    blocks = _check_word_blocks(word_blocks, n_vocab)
    dense = holder.pop()
    runs.add_dense(dense, offsets, cap, lo, batch_entries)  # one more sorted run, then freed
    del dense
    none_i, none_f = np.empty(0, np.int32), np.empty(0, np.float64)
    with _writing(path, blocks, meta) as w:
        for r0, r1 in runs.row_batches(batch_entries):
            keys, vals, segs = runs.rows(r0, r1)
            own = np.zeros(n_vocab, dtype=np.int64)
            unused = np.zeros(n_vocab, dtype=np.int64)
            _merge(keys, vals, segs, n_vocab, False, False, own, unused, none_i, none_f, scale)
            counts = own[r0:r1].copy()
            own[r0 + 1:r1] = np.cumsum(counts)[:-1]
            own[r0] = 0
            n = int(counts.sum())
            cols = np.empty(n, dtype=np.int32)
            x = np.empty(n, dtype=np.float64)
            _merge(keys, vals, segs, n_vocab, False, True, own, unused, cols, x, scale)
            del keys, vals
            rows = np.repeat(np.arange(r0, r1, dtype=np.int32), counts)
            if symmetric:  # X = U + U^T: the diagonal twice (2 (v / L) = (2 v) / L exactly)
                diag = rows == cols
                x[diag] *= 2.0
                off = ~diag
                w.add(np.concatenate([rows, cols[off]]), np.concatenate([cols, rows[off]]),
                      np.concatenate([x, x[off]]))
            else:
                w.add(rows, cols, x)
        return w.finish()


# What a fit from disk holds, and its measure, live with the training (glovelib.train.ondisk);
# notebook 03 calls them as gl.ondisk.fit_memory and gl.ondisk.measure_fit, names kept here.
_TRAINING = ("fit_memory", "measure_fit")


def __getattr__(name: str):
    if name in _TRAINING:
        from ..train import ondisk

        return getattr(ondisk, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_TRAINING))
