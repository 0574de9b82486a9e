"""Corpus files to token ids, a chunk at a time: the fast path of the first pipeline step.

:mod:`glovelib.corpus` reads a document (line) at a time and looks words up one token at a time;
that is clear but slow on a large file.  Here a file is read in chunks of whole lines (a few
megabytes of text); a chunk is normalized and lowercased at once, split into lines, each line
tokenized by one call, and all its tokens mapped to ids by one ``map`` over a dict.  The results
are those of the line-by-line path exactly (tests/test_corpus.py checks it on odd unicode):
normalization and lowercasing never cross a newline, so doing them per chunk changes nothing.

Files are opened and read by :mod:`glovelib.textfile` (which refuses damaged and binary input).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .textfile import iter_chunks, prefetch, word_pattern

__all__ = ["DocumentIds", "Scan", "scan_ids", "encode_file", "remap", "iter_chunks", "prefetch"]


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
