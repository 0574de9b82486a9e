"""Corpus files to token ids, a chunk at a time: the fast path of the first pipeline step.

:mod:`glovelib.corpus` reads a document (line) at a time and looks words up one token at a time;
that is clear but slow on a large file.  Here a file is read in chunks of whole lines (a few
megabytes of text); a chunk is normalized and lowercased at once, split into lines, each line
tokenized by one call, and all its tokens mapped to ids by one ``map`` over a dict.  The results
are those of the line-by-line path exactly (tests/test_corpus.py checks it on odd unicode):
normalization and lowercasing never cross a newline, so doing them per chunk changes nothing.

Damaged input is refused with a ``ValueError`` that names the file: a compressed file cut short
or corrupted, and a file that is not text (mostly replacement characters or control bytes, as
random bytes or a binary file read as UTF-8 are).
"""

from __future__ import annotations

import bz2
import contextlib
import functools
import gzip
import io
import itertools
import os
import re
import sys
import threading
import time
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Full, Queue

import numpy as np

__all__ = ["DocumentIds", "Scan", "open_text", "iter_chunks", "scan_ids", "encode_file", "remap",
           "prefetch", "word_pattern"]

_CHUNK_CHARS = 1 << 22  # ~4 MB of text per chunk
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")  # control bytes, replacement characters


@functools.cache
def _word_re(top: int) -> re.Pattern:
    # A word: letters/digits plus any combining marks (accents written as separate code points,
    # Indic vowel signs), with inner apostrophes ("don't").  Python's \w misses the marks.  The
    # letters, digits and marks of code points < top are one character class, so that a run is
    # matched in a tight loop: with top = 0x10000 the engine compiles the class to a bitmap;
    # with astral code points it scans the list of ranges (and an alternation
    # ``(?:[^\W_]|[marks])+`` is slower still).
    ranges, start = [], None
    for cp in range(top + 1):
        ch = chr(cp) if cp < top else ""
        inside = bool(ch) and (ch.isalnum() or unicodedata.category(ch).startswith("M"))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append((start, cp - 1))
            start = None
    cls = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(rf"[{cls}]+(?:['’][{cls}]+)*")


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def word_pattern(text: str) -> re.Pattern:
    """The default tokenizer's word pattern for ``text``: the fast one (Basic Multilingual Plane)
    unless the text has code points above U+FFFF, which give the same words."""
    if text.isascii() or _ASTRAL.search(text) is None:
        return _word_re(0x10000)
    return _word_re(sys.maxunicode + 1)


@dataclass
class DocumentIds:
    """Documents as one id array: document k is ``ids[starts[k]:starts[k + 1]]`` (CSR layout).

    :func:`glovelib.count_cooccurrences` accepts these (alone or in a sequence) as well as one
    array per document.
    """

    ids: np.ndarray  # (n_tokens,) int32
    starts: np.ndarray  # (n_docs + 1,) int64


@dataclass
class Scan:
    """One read of a corpus: every distinct word, its count, and the corpus as ids into ``words``
    (in first-seen order); a vocabulary is then a selection of these words (see :func:`remap`)."""

    words: list[str]
    counts: np.ndarray  # (n_words,) int64
    docs: DocumentIds  # ids into words


def open_text(path: str | os.PathLike) -> io.TextIOBase:
    """Open a plain, ``.gz`` or ``.bz2`` text file for reading as UTF-8.

    Invalid UTF-8 bytes are replaced by U+FFFD, so a damaged file is read, not refused.

    Raises
    ------
    FileNotFoundError, IsADirectoryError, PermissionError
        With the path in the message.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"corpus file not found: {path}")
    if path.is_dir():
        raise IsADirectoryError(f"expected a text file but got a directory: {path}")
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    if name.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")



def _damaged(path, exc: BaseException) -> ValueError:
    return ValueError(f"{path} is damaged or cut short ({type(exc).__name__}: {exc}); "
                      "download or write it again")


def _check_text(path, chunk: str) -> None:
    sample = chunk[: 1 << 20]
    bad = len(_NOT_TEXT.findall(sample))
    if sample and bad > len(sample) // 2:
        raise ValueError(f"{path}: this does not look like text ({100 * bad / len(sample):.0f}% "
                         "of the characters read are replacement characters or control bytes); "
                         "give a UTF-8 text file, plain, .gz or .bz2")


def iter_chunks(path: str | os.PathLike, chunk_chars: int | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """Yield the text of a file in chunks of whole lines (newlines translated to ``\\n``).

    Raises
    ------
    ValueError
        A compressed file cut short or corrupted, or a file that does not look like text.
    """
    chunk_chars = chunk_chars or _CHUNK_CHARS
    with open_text(path) as f:
        first = True
        while True:
            try:
                chunk = f.read(chunk_chars)
                if chunk and not chunk.endswith("\n"):
                    chunk += f.readline()
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                raise _damaged(path, exc) from None
            except OSError as exc:  # bz2's "Invalid data stream" and gzip's CRC errors
                if isinstance(f.buffer, gzip.GzipFile | bz2.BZ2File):
                    raise _damaged(path, exc) from None
                raise
            if not chunk:
                return
            if first:
                _check_text(path, chunk)
                first = False
            if progress is not None:
                progress(len(chunk))
            yield chunk


def _splitter(tokenizer) -> Callable[[str], list[list[str]]]:
    """chunk -> token list of each line, for None (white space), "words" or any callable."""
    if tokenizer is None or tokenizer == "whitespace":
        return lambda chunk: [line.split() for line in chunk.split("\n")]
    from .corpus import tokenize

    if tokenizer == "words" or tokenizer is tokenize:
        def words(chunk: str) -> list[list[str]]:
            if not chunk.isascii():  # NFC of pure ASCII is itself
                chunk = unicodedata.normalize("NFC", chunk)
            chunk = chunk.lower()
            findall = word_pattern(chunk).findall
            return [_words(line, findall) for line in chunk.split("\n")]
        return words
    if callable(tokenizer):
        return lambda chunk: [tokenizer(line) for line in chunk.split("\n")]
    raise ValueError(f"tokenizer must be 'words', 'whitespace', None or a callable, "
                     f"got {tokenizer!r}")


def _words(line: str, findall) -> list[str]:
    """The words of a line; a line of white-space separated letters and digits only (clean text,
    as the course's corpora are) is split without the regex: its words are exactly those."""
    tokens = line.split()
    return tokens if "".join(tokens).isalnum() else findall(line)


def _flatten(lines: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """Token lists -> (all tokens, document starts), empty lines dropped."""
    lines = [t for t in lines if t]
    starts = np.zeros(len(lines) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in lines], out=starts[1:])
    return list(itertools.chain.from_iterable(lines)), starts


class _Progress:
    """Prints bytes read and tokens seen to stderr, at most every two seconds."""

    def __init__(self, path, label: str, enabled: bool):
        self.enabled, self.label, self.t0 = enabled, label, time.perf_counter()
        self.chars, self.tokens, self.last = 0, 0, self.t0

    def chunk(self, n_chars: int) -> None:
        self.chars += n_chars
        now = time.perf_counter()
        if self.enabled and now - self.last > 2.0:
            self.last = now
            print(f"{self.label}: {self.chars / 1e6:,.0f}M characters read, {self.tokens:,} tokens"
                  f" ({now - self.t0:.0f}s)", file=sys.stderr, flush=True)


def scan_ids(path: str | os.PathLike, tokenizer=None, keep_ids: bool = True,
             progress: bool = False) -> Scan:
    """Read a corpus once: all its words with counts, and (``keep_ids``) the corpus as ids.

    Parameters
    ----------
    path : path-like
        Plain text, ``.gz`` or ``.bz2``; one document per line.
    tokenizer : None, "whitespace", "words" or callable
        None / "whitespace": split on white space (the reference tools); "words":
        :func:`glovelib.tokenize`; a callable ``str -> list[str]`` is applied to each line.
    keep_ids : bool, default True
        Keep the corpus as ids into ``words`` (4 bytes a token), so that counting cooccurrences
        needs no second read; False keeps only the counts.
    progress : bool
        Print characters read and tokens seen to stderr every few seconds.
    """
    split = _splitter(tokenizer)
    index: defaultdict = defaultdict()
    index.default_factory = index.__len__  # a new word gets the next id, all in C
    lookup = index.__getitem__
    parts, starts, n = [], [np.zeros(1, np.int64)], 0
    counts = np.zeros(0, dtype=np.int64)
    report = _Progress(path, "read", progress)
    for chunk in iter_chunks(path, progress=report.chunk):
        tokens, st = _flatten(split(chunk))
        ids = np.fromiter(map(lookup, tokens), dtype=np.int32, count=len(tokens))
        if keep_ids:
            parts.append(ids)
            starts.append(st[1:] + n)
        else:
            counts = np.concatenate([counts, np.zeros(len(index) - len(counts), np.int64)])
            counts += np.bincount(ids, minlength=len(index))
        n += len(tokens)
        report.tokens = n
    ids = np.concatenate(parts) if parts else np.zeros(0, np.int32)
    if keep_ids:
        counts = np.bincount(ids, minlength=len(index)).astype(np.int64)
    return Scan(list(index), counts, DocumentIds(ids, np.concatenate(starts)))


def remap(docs: DocumentIds, table: np.ndarray) -> DocumentIds:
    """Ids through ``table`` (old id -> new id, or -1 to drop), document bounds kept."""
    return _drop(table[docs.ids], docs.starts)


def _drop(ids: np.ndarray, starts: np.ndarray) -> DocumentIds:
    """Remove the ids < 0 (out of vocabulary), moving the document bounds with them."""
    keep = ids >= 0
    kept_before = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    return DocumentIds(np.ascontiguousarray(ids[keep], dtype=np.int32), kept_before[starts])


def encode_file(path: str | os.PathLike, index: dict[str, int], tokenizer=None,
                progress: bool = False) -> Iterator[DocumentIds]:
    """Stream a corpus as ids of a fixed vocabulary (``word -> id``), a chunk at a time;
    out-of-vocabulary tokens are dropped before distances are counted."""
    split = _splitter(tokenizer)
    get = index.get
    report = _Progress(path, "cooccur", progress)
    for chunk in iter_chunks(path, progress=report.chunk):
        tokens, starts = _flatten(split(chunk))
        ids = np.fromiter(map(get, tokens, itertools.repeat(-1)), dtype=np.int32, count=len(tokens))
        report.tokens += len(tokens)
        yield _drop(ids, starts)


def prefetch(items: Iterable, depth: int = 2) -> Iterator:
    """Iterate ``items`` in a background thread, ``depth`` items ahead, in the same order.

    Reading and tokenizing (Python, holding the GIL) then overlap with counting (Numba kernels
    that release it): on two cores the next chunk is read while this one is counted.  An
    exception in the producer is raised here; leaving the loop early stops the producer.
    """
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put((item, None), timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put((done, None))
        except BaseException as exc:  # handed to the consumer, raised there
            queue.put((done, exc))

    worker = threading.Thread(target=produce, name="glovelib-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            item, exc = queue.get()
            if item is done:
                if exc is not None:
                    raise exc
                return
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(Empty):
                queue.get_nowait()
            worker.join(timeout=0.05)
