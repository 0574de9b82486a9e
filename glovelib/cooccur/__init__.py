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
:mod:`glovelib.cooccur.kernels`, the sorted runs (spill and merge) in :mod:`glovelib.cooccur.runs`.
The input is read in a background thread (:func:`glovelib.corpus.textfile.prefetch`), so that
reading and tokenizing the next chunk overlaps counting this one.  With two usable cores (or more)
two threads count at once -- Python threads calling the nogil kernel on different groups of
documents, each with its own dense block and buffer; their sorted runs go to the same merge and
their dense blocks are summed in int64, so the result is bit-identical to one thread's.  On the
4.5M-token benchmark (2-core Zen 2) two threads count in half the time of one.

Derived in notebooks/03_counting.ipynb.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import tempfile
import threading
import time
from typing import TYPE_CHECKING

import numba
import numpy as np
import scipy.sparse as sp

from ..corpus.reader import DocumentIds, prefetch
from .kernels import _count_chunk
from .runs import _assemble, _dense_caps, _Runs

if TYPE_CHECKING:
    from .ondisk import BlockedMatrix

__all__ = ["count_cooccurrences"]

_GB = 1 << 30


# --------------------------------------------------------------------------- helpers


def _document_groups(corpus, vocab_size: int, window: int, group_tokens: int = 1 << 18):
    """Yield (ids int32, starts int64, p) for consecutive groups of at most ~group_tokens.

    ``corpus`` is one id array (one document), or any iterable of them -- a generator is consumed
    once, so a corpus never has to be held in memory whole.  Counting a group starts at position
    ``p`` of its first document: a document longer than group_tokens is cut into pieces, each
    with the ``window`` tokens before it in front (see :func:`_split`).
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
                yield from _split(*_concat(arrays), group_tokens, window)
                arrays, n_group = [], 0
            if len(doc.ids):
                _check_ids(doc.ids, n, vocab_size)
                yield from _split(np.ascontiguousarray(doc.ids, dtype=np.int32),
                                  np.asarray(doc.starts, dtype=np.int64), group_tokens, window)
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
            yield from _split(*_concat(arrays), group_tokens, window)
            arrays, n_group = [], 0
    if arrays:
        yield from _split(*_concat(arrays), group_tokens, window)


def _split(ids: np.ndarray, starts: np.ndarray, group_tokens: int, window: int):
    """Cut documents in CSR layout into groups of ~group_tokens (views, no copies).

    Whole documents are kept together; a document longer than group_tokens becomes pieces
    ``ids[b:e]`` counted from position ``p`` (their first new token) with ``b = max(start,
    p_abs - window)``: the window of the first new tokens reaches back into the previous piece,
    and no pair is counted twice.  So that counting threads can share out even one long document.
    """
    n_docs = len(starts) - 1
    d, pos = 0, int(starts[0])
    while d < n_docs:
        j = int(np.searchsorted(starts, pos + group_tokens, "right")) - 1  # docs d..j-1 fit
        if j > d and pos == starts[d]:
            yield ids[starts[d]:starts[j]], starts[d:j + 1] - starts[d], 0
            d, pos = j, int(starts[j])
            continue
        s, e = int(starts[d]), int(starts[d + 1])  # a piece of document d (too long, or its end)
        end = min(e, pos + group_tokens)
        b = max(s, pos - window)
        yield ids[b:end], np.array([0, end - b], dtype=np.int64), pos - b
        pos = end
        if pos == e:
            d += 1


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

# The in-memory plan (bytes): a counting thread's dense block and sparse buffer, the merge batches
# (see count_cooccurrences); a max_memory below the plan's total shares it out.
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


def _counting_threads(n_threads: int | None) -> int:
    """How many threads count: ``n_threads``, or by default up to 2 on the usable cores.

    The cores are those this process may run on (``taskset`` and container limits), also capped
    by NUMBA_NUM_THREADS.  Not more than 2 by default: the reading thread takes a share too,
    every thread adds sorted runs for the merge, and 2 is what was measured (on 2 cores).
    """
    if n_threads is not None:
        return _check_int("n_threads", n_threads, 1)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores, numba.config.NUMBA_NUM_THREADS))


class _Counter:
    """One counting thread's state: its dense block and its buffer of pair codes."""

    def __init__(self, dense_size: int, dtype: np.dtype, buf_size: int):
        self.dense = np.zeros(dense_size, dtype=dtype)
        self.buf = np.empty(buf_size, dtype=np.int64)
        self.nbuf = 0

    def count(self, ids, starts, p, window, symmetric, n_vocab, cap, lo, offsets, incr,
              runs: _Runs) -> None:
        """Count a group of documents from position ``p`` of the first; a full buffer is sorted,
        reduced and added to ``runs`` (in this thread: the sort releases the GIL)."""
        d = 0
        while d < len(starts) - 1:
            d, p, self.nbuf = _count_chunk(ids, starts, d, p, window, symmetric, n_vocab, cap, lo,
                                           offsets, self.dense, incr, self.buf, self.nbuf)
            if d < len(starts) - 1:  # the buffer is full
                self.flush(window, incr, runs)

    def flush(self, window, incr, runs: _Runs) -> None:
        if self.nbuf:
            runs.add_sorted_codes(self.buf[:self.nbuf], window, incr)
            self.nbuf = 0


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
    n_threads: int | None = None,
    out: str | os.PathLike | None = None,
    word_blocks: np.ndarray | None = None,
) -> sp.csr_matrix | BlockedMatrix:
    """Count word-word cooccurrences in a window, as the reference ``cooccur`` tool does.

    Parameters
    ----------
    corpus : 1-D int array, or sequence of them
        Token ids from :meth:`Vocabulary.encode` -- one array per document; windows never cross
        documents.  A single array is one document.  Items may also be
        :class:`glovelib.corpus.reader.DocumentIds` (many documents in one array, as the chunked
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
    n_threads : int, optional
        Counting threads.  By default up to 2, on the cores this process may use (one core: one
        thread).  The result does not depend on it; windows above 16 (float sums) use one.
    out : path-like, optional
        Write X to this folder instead of returning it, grouped by the blocks of the training's
        schedule (:mod:`glovelib.cooccur.ondisk`), so that the matrix never has to fit in memory:
        the peak stays within ``max_memory`` (default budget: the in-memory plan) plus one block
        being sorted.  Temporary files go beside it unless ``tmp_dir`` says otherwise.
    word_blocks : numpy.ndarray of int, shape (V,)
        With ``out``: the block of each word, ``GloVe(...).word_blocks(vocab_size)`` of the model
        that will train on it.

    Returns
    -------
    scipy.sparse.csr_matrix of float64, shape (V, V), or glovelib.cooccur.ondisk.BlockedMatrix
        Sorted column indices, no explicit zeros; with ``out``, the matrix on disk (the same
        values).

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
    if out is not None:
        from .ondisk import _check_word_blocks

        if word_blocks is None:
            raise ValueError("out= needs word_blocks: the block of each word, "
                             "GloVe(...).word_blocks(vocab_size) of the model to train")
        word_blocks = _check_word_blocks(word_blocks, n_vocab)
        if tmp_dir is None:
            tmp_dir = os.path.dirname(os.path.abspath(out))

    # Memory plan (bytes): per counting thread a dense block and a sparse buffer, then the merge
    # batches.  The dense block is small: its increments land at random, so it counts fastest
    # while it stays in the caches.  On the 4.5M tokens of bench_text.py (window 15, a 2-core
    # Zen 2 with 16 MB of L3) one thread counted in 2.4-2.5 s with a block of 2 to 32 MB, 2.7 s
    # with 128 MB and 3.3 s with 512 MB: the kernel itself slows from 0.9 s (4 MB) to 2.7 s
    # (512 MB), and sorting the pairs a smaller block buffers instead costs less than that up to
    # ~8 MB.  Two threads with 4 or 8 MB blocks each count in the same time.  A smaller buffer
    # makes more sorted runs, whose merge is slower (two threads: 64 MB buffers 1.2x the time of
    # 128 MB).  A larger budget is not spent.
    # Python threads each call the nogil kernel on their own document groups; the float
    # fallback's sums depend on their order, so it counts in one thread.
    n_counters = _counting_threads(n_threads) if incr.dtype == np.int64 else 1
    plan = (n_counters * _PLAN[0], n_counters * _PLAN[1], _PLAN[2])
    if memory is not None:
        # the rest of the cap is for the merge and the interpreter; the result comes on top
        plan = tuple(min(top, int(f * memory)) for top, f in zip(plan, (0.30, 0.12, 0.05),
                                                                  strict=True))
        # Reducing a full buffer holds up to 3x its bytes (codes, keys, values): a third of
        # the dense share left unused goes to the buffer -- fewer runs, and the peak holds.
        spare = int(0.30 * memory) - plan[0]
        plan = (plan[0], min(n_counters * _PLAN[1], plan[1] + spare // 3), plan[2])
    # the threads share out the block and buffer: a budget holds whatever their number
    dense_bytes, buf_bytes, batch_bytes = plan[0] // n_counters, plan[1] // n_counters, plan[2]
    symmetric = bool(symmetric)
    cap, lo, offsets, _ = _dense_caps(n_vocab, max(n_vocab, dense_bytes // 8), symmetric)
    buf_size = max(buf_bytes // 8, 4 * window + 16)
    group_tokens = max(1 << 16, min(1 << 18, buf_size // 4))

    spill = memory is not None or out is not None
    folder = tempfile.mkdtemp(prefix="glovelib-cooccur-", dir=tmp_dir) if spill else None
    groups = None
    try:
        runs = _Runs(n_vocab, incr.dtype, folder)
        dense_size = int(offsets[-1] + max(0, cap[-1] - lo[-1]))
        counters = [_Counter(dense_size, incr.dtype, buf_size) for _ in range(n_counters)]
        groups = prefetch(_document_groups(corpus, n_vocab, window, group_tokens))
        lock, stop, errors = threading.Lock(), threading.Event(), []
        t0 = time.perf_counter()
        progress = {"tokens": 0, "reported": t0}

        def count(counter: _Counter) -> None:
            """Count groups until there are none left (or another thread failed)."""
            try:
                while not stop.is_set():
                    with lock:  # one thread at a time takes the next group
                        item = next(groups, None)
                        if item is None:
                            break
                        progress["tokens"] += len(item[0]) - item[2]
                        if progress["tokens"] > _MAX_TOKENS:
                            raise ValueError(f"more than {_MAX_TOKENS:,} tokens: too many for "
                                             "exact counts")
                        if verbose and time.perf_counter() - progress["reported"] > 2.0:
                            progress["reported"] = time.perf_counter()
                            print(f"cooccur: {progress['tokens']:,} tokens, {len(runs.items)} "
                                  f"sorted runs, {progress['reported'] - t0:.1f}s",
                                  file=sys.stderr, flush=True)
                    counter.count(*item, window, symmetric, n_vocab, cap, lo, offsets, incr, runs)
                if not stop.is_set():
                    counter.flush(window, incr, runs)
            except BaseException as exc:  # raised in the calling thread, after the others stop
                errors.append(exc)
                stop.set()

        threads = [threading.Thread(target=count, args=(c,), name=f"glovelib-cooccur-{k + 1}")
                   for k, c in enumerate(counters[1:])]
        for thread in threads:
            thread.start()
        try:
            count(counters[0])  # the calling thread is a counting thread too
        except BaseException:  # an interrupt that escaped count's own handler: stop the others
            stop.set()
            raise
        finally:
            for thread in threads:
                thread.join()
        if errors:
            raise errors[0]
        if progress["tokens"] == 0:
            raise ValueError("the corpus is empty: no token ids to count")
        if verbose:
            print(f"cooccur: counted {progress['tokens']:,} tokens in "
                  f"{time.perf_counter() - t0:.1f}s with {n_counters} thread(s); "
                  f"{len(runs.items)} sorted runs", file=sys.stderr, flush=True)
        holder = [counters[0].dense]
        for counter in counters[1:]:  # exact: int64 sums
            holder[0] += counter.dense
            counter.dense = None
        del counters  # _assemble frees the dense block as soon as it can
        if out is not None:
            from .ondisk import write_runs

            meta = {"counting": {"window_size": window, "symmetric": symmetric,
                                 "distance_weighting": bool(distance_weighting)}}
            return write_runs(runs, holder, cap, lo, offsets, scale, symmetric,
                              batch_bytes // 16, out, word_blocks, meta)
        X = _assemble(holder, cap, lo, offsets, runs, scale, symmetric, batch_bytes // 16,
                      verbose, n_counters)
    finally:
        if groups is not None:
            groups.close()  # stops the reading thread
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return X
