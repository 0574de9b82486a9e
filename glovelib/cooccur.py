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

This module plans the memory and drives the count; the Numba kernels live in
:mod:`glovelib.cooccur_kernels`, the sorted runs (spill and merge) in :mod:`glovelib.cooccur_runs`.
The input is read in a background thread (:func:`glovelib.textfile.prefetch`), so that reading
and tokenizing the next chunk overlaps counting this one.

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

from .cooccur_kernels import _count_chunk
from .cooccur_runs import _assemble, _dense_caps, _Runs
from .reader import DocumentIds, prefetch

__all__ = ["count_cooccurrences"]

_GB = 1 << 30


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
    if isinstance(corpus, np.ndarray | DocumentIds):
        corpus = [corpus]
    elif (isinstance(corpus, list | tuple) and corpus and np.ndim(corpus[0]) == 0
          and not isinstance(corpus[0], DocumentIds)):
        corpus = [corpus]  # a plain list of ids: one document
    arrays, n_group = [], 0
    for n, doc in enumerate(corpus):
        if isinstance(doc, DocumentIds):  # many documents at once, already in CSR layout
            if arrays:
                yield _concat(arrays)
                arrays, n_group = [], 0
            if len(doc.ids):
                _check_ids(doc.ids, n, vocab_size)
                yield np.ascontiguousarray(doc.ids, dtype=np.int32), doc.starts
            continue
        arr = np.asarray(doc)
        if arr.ndim != 1:
            raise ValueError(f"document {n} is not a 1-D sequence of ids (shape {arr.shape})")
        if arr.size == 0:
            continue
        _check_ids(arr, n, vocab_size)
        arrays.append(arr)
        n_group += arr.size
        if n_group >= group_tokens:
            yield _concat(arrays)
            arrays, n_group = [], 0
    if arrays:
        yield _concat(arrays)


def _check_ids(arr: np.ndarray, n: int, vocab_size: int) -> None:
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


def _concat(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.zeros(len(arrays) + 1, dtype=np.int64)
    np.cumsum([a.size for a in arrays], out=starts[1:])
    return np.ascontiguousarray(np.concatenate(arrays), dtype=np.int32), starts


# Integer sums are used when no cell can overflow int64 for corpora up to this many tokens; a
# longer corpus is refused with a message (it would need window_size <= 18 or float sums).
_MAX_TOKENS = 10**11

# The in-memory plan (bytes): dense block, sparse buffer, merge batches (see count_cooccurrences).
_PLAN = (8 << 20, 128 << 20, 128 << 20)


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
        documents.  A single array is one document.  Items may also be
        :class:`glovelib.reader.DocumentIds` (many documents in one array, as the chunked
        reader yields them).
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

    # Memory plan (bytes): dense block, sparse buffer, merge batches.  The dense block is small:
    # its increments land at random, so it counts fastest while it stays in the caches.  On the
    # 4.5M tokens of bench_text.py (window 15, a 2-core Zen 2 with 16 MB of L3) counting took
    # 2.4-2.5 s with a block of 2 to 32 MB, 2.7 s with 128 MB and 3.3 s with 512 MB: the kernel
    # itself slows from 0.9 s (4 MB) to 2.7 s (512 MB), and sorting the pairs a smaller block
    # buffers instead costs less than that up to ~8 MB.  A larger budget is not spent.
    plan = _PLAN
    if memory is not None:
        # the rest of the cap is for the merge and the interpreter; the result comes on top
        plan = tuple(min(top, int(f * memory)) for top, f in zip(plan, (0.30, 0.12, 0.05),
                                                                  strict=True))
    dense_bytes, buf_bytes, batch_bytes = plan
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
        for ids, starts in prefetch(_document_groups(corpus, n_vocab, group_tokens)):
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
