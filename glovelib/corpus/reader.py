"""Corpus files to token ids, a chunk at a time: the fast path of the first pipeline step.

:mod:`glovelib.corpus` reads a document (line) at a time and looks words up one token at a time;
that is clear but slow on a large file.  Here a file is read in chunks of whole lines (a few
megabytes of text) and each chunk, as UTF-8 bytes, is tokenized, looked up and counted in one
pass by a Numba kernel (:mod:`glovelib.corpus.kernels`) with a hash table of words, as the
reference ``vocab_count`` does: ~0.1 s a million tokens where Python's ``str.split`` and a dict
took 0.3.  For the default tokenizer a chunk is first NFC-normalized and lowercased, by Python,
on the runs of non-ASCII text only.  The tokens are Python's exactly: the kernel's classes of
code points come from ``str.isspace`` and the word pattern's class, and tests/test_corpus.py
compares both paths on tricky Unicode.  A callable tokenizer takes the Python path (a call per
line, a dict lookup per token).

Files are opened and read by :mod:`glovelib.corpus.textfile` (which refuses damaged and binary
input).
"""
from __future__ import annotations

import functools
import itertools
import os
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from . import kernels as _tk
from .textfile import iter_chunks, prefetch

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


def _splitter(tokenizer: Callable[[str], list[str]]) -> Callable[[str], list[list[str]]]:
    """chunk -> token list of each line, for a callable tokenizer (the Python path; the named
    tokenizers take the byte kernels)."""
    return lambda chunk: [tokenizer(line) for line in chunk.split("\n")]


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
    mode = _mode(tokenizer)
    if mode is None:
        return _scan_python(path, tokenizer, keep_ids, progress)
    words = _Words()
    parts: list[DocumentIds] = []
    report = _Progress(path, "read", progress)
    n = 0
    for chunk in iter_chunks(path, progress=report.chunk):
        buf, table = _chunk_bytes(chunk, mode)
        ids, starts, state = _outputs(chunk, buf, keep_ids)
        while True:
            words.n = _tk.scan(buf, mode, table, words.arena, words.offs, words.n, words.slots,
                               words.counts, words.values, True, keep_ids, ids, starts, state)
            if state[_tk.POS] >= len(buf):
                break
            words.make_room(len(buf) - int(state[_tk.POS]))
        if keep_ids:
            k = int(state[_tk.N_DOCS])
            parts.append(DocumentIds(ids[:state[_tk.N_IDS]].copy(), starts[:k + 1] + n))
        n += int(state[_tk.N_IDS])
        report.tokens = n
    if keep_ids:
        docs = DocumentIds(np.concatenate([p.ids for p in parts]) if parts
                           else np.zeros(0, np.int32),
                           np.concatenate([np.zeros(1, np.int64)] + [p.starts[1:] for p in parts]))
    else:
        docs = DocumentIds(np.zeros(0, np.int32), np.zeros(1, np.int64))
    return Scan(words.words(), words.counts[:words.n].copy(), docs)


def _scan_python(path, tokenizer, keep_ids: bool, progress: bool) -> Scan:
    """:func:`scan_ids` for a callable tokenizer: tokens as Python strings, a dict lookup each."""
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
    mode = _mode(tokenizer)
    report = _Progress(path, "cooccur", progress)
    if mode is None:
        split = _splitter(tokenizer)
        get = index.get
        for chunk in iter_chunks(path, progress=report.chunk):
            tokens, starts = _flatten(split(chunk))
            ids = np.fromiter(map(get, tokens, itertools.repeat(-1)), dtype=np.int32,
                              count=len(tokens))
            report.tokens += len(tokens)
            yield _drop(ids, starts)
        return
    words = _Words.of(index)
    for chunk in iter_chunks(path, progress=report.chunk):
        buf, table = _chunk_bytes(chunk, mode)
        ids, starts, state = _outputs(chunk, buf, True)
        _tk.scan(buf, mode, table, words.arena, words.offs, words.n, words.slots, words.counts,
                 words.values, False, True, ids, starts, state)
        report.tokens += int(state[_tk.N_IDS])
        yield DocumentIds(ids[:state[_tk.N_IDS]].copy(), starts[:state[_tk.N_DOCS] + 1].copy())


# --------------------------------------------------------------------------- the byte path


def _mode(tokenizer) -> int | None:
    """The kernels' tokenizer mode (0 white space, 1 words), or None for a callable."""
    if tokenizer is None or tokenizer == "whitespace":
        return 0
    from . import tokenize

    if tokenizer == "words" or tokenizer is tokenize:
        return 1
    if callable(tokenizer):
        return None
    raise ValueError(f"tokenizer must be 'words', 'whitespace', None or a callable, "
                     f"got {tokenizer!r}")


@functools.cache
def _class_table(mode: int, astral: bool) -> np.ndarray:
    """table[cp] != 0 where code point cp belongs to a token: not ``str.isspace`` (mode 0; no
    code point above U+FFFF is white space), or a letter, digit or combining mark (mode 1, the
    class of :func:`glovelib.corpus.textfile.word_pattern`; the code points above U+FFFF only
    when the text has some, as they take a second to classify)."""
    if mode == 0:
        table = np.ones(sys.maxunicode + 1, dtype=np.uint8)
        table[[cp for cp in range(0x10000) if chr(cp).isspace()]] = 0
        return table
    top = sys.maxunicode + 1 if astral else 0x10000
    category = unicodedata.category
    return np.fromiter((ch.isalnum() or category(ch)[0] == "M" for ch in map(chr, range(top))),
                       dtype=np.uint8, count=top)


def _chunk_bytes(chunk: str, mode: int) -> tuple[np.ndarray, np.ndarray]:
    """A chunk as UTF-8 bytes for the kernels (NFC and lower case first for words), and the class
    table to walk it with."""
    if mode == 0:
        data = chunk.encode("utf-8", "surrogatepass")
        return np.frombuffer(data, dtype=np.uint8), _class_table(0, False)
    buf = np.frombuffer(_normalized(chunk), dtype=np.uint8)
    return buf, _class_table(1, bool(len(buf)) and buf.max() >= 0xF0)  # a 4-byte code point


# ASCII white space: NFC and lower case never reach across it (a space composes with nothing,
# and it is neither cased nor case-ignorable, so it ends the context of a final sigma).
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[list(b" \t\n\x0b\x0c\r")] = True


def _normalized(chunk: str) -> bytes:
    """``unicodedata.normalize("NFC", chunk).lower()`` as UTF-8, computed on the runs of non-space
    bytes that hold a non-ASCII byte only (the rest lowercases as ASCII bytes); text with many
    such runs is done whole."""
    data = chunk.encode("utf-8", "surrogatepass")
    if chunk.isascii():
        return data.lower()
    buf = np.frombuffer(data, dtype=np.uint8)
    space = np.flatnonzero(_ASCII_SPACE[buf])
    where = np.searchsorted(space, np.flatnonzero(buf >= 0x80))  # spaces before each such byte
    where = np.unique(where)
    if len(where) > len(data) // 256:
        return unicodedata.normalize("NFC", chunk).lower().encode("utf-8", "surrogatepass")
    bounds = np.concatenate([[-1], space, [len(data)]])
    parts, prev = [], 0
    for s, e in zip((bounds[where] + 1).tolist(), bounds[where + 1].tolist(), strict=True):
        parts.append(data[prev:s].lower())
        run = data[s:e].decode("utf-8", "surrogatepass")
        parts.append(unicodedata.normalize("NFC", run).lower().encode("utf-8", "surrogatepass"))
        prev = e
    parts.append(data[prev:].lower())
    return b"".join(parts)


def _outputs(chunk: str, buf: np.ndarray, keep: bool):
    """Arrays for the ids and document starts of a chunk (bounds: a token takes at least two
    bytes with its separator; a document at least one line), and the kernel's resume state."""
    if keep:
        ids = np.empty(len(buf) // 2 + 1, dtype=np.int32)
        starts = np.empty(chunk.count("\n") + 2, dtype=np.int64)
    else:
        ids, starts = np.empty(0, np.int32), np.empty(0, np.int64)
    return ids, starts, np.zeros(4, dtype=np.int64)


class _Words:
    """The kernels' word table: an arena of UTF-8 words (each followed by ``\n``), their offsets,
    a hash table of entry numbers, a count and an id (``values``) per entry."""

    def __init__(self, n_entries: int = 1 << 14, n_bytes: int = 1 << 18):
        self.n = 0
        self.arena = np.empty(n_bytes, dtype=np.uint8)
        self.offs = np.zeros(n_entries + 1, dtype=np.int64)
        self.slots = np.full(2 * _pow2(n_entries), -1, dtype=np.int32)
        self.counts = np.zeros(n_entries, dtype=np.int64)
        self.values = np.arange(n_entries, dtype=np.int32)

    @classmethod
    def of(cls, index: dict[str, int]) -> _Words:
        """The table of a vocabulary's ``word -> id``."""
        encoded = [w.encode("utf-8", "surrogatepass") + b"\n" for w in index]
        self = cls.__new__(cls)
        self.n = len(encoded)
        self.arena = np.frombuffer(bytearray(b"".join(encoded) or b"\n"), dtype=np.uint8)
        self.offs = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum([len(w) for w in encoded], out=self.offs[1:])
        self.slots = _tk.rehash(self.arena, self.offs, self.n, 2 * _pow2(self.n + 1))
        self.counts = np.zeros(self.n, dtype=np.int64)
        self.values = np.fromiter(index.values(), dtype=np.int32, count=self.n)
        return self

    def make_room(self, n_bytes: int) -> None:
        """Double what is full, so that at least the next word fits (a word has fewer than
        ``n_bytes`` bytes, the rest of the chunk)."""
        used = int(self.offs[self.n])
        if used + n_bytes + 1 > len(self.arena):
            self.arena = _grown(self.arena, max(2 * len(self.arena), used + n_bytes + 1))
        if self.n + 1 >= len(self.offs) - 1 or 2 * (self.n + 1) > len(self.slots):
            size = 2 * (len(self.offs) - 1)
            self.offs = _grown(self.offs, size + 1)
            self.counts = _grown(self.counts, size, fill=0)
            self.values = np.arange(size, dtype=np.int32)
            self.slots = _tk.rehash(self.arena, self.offs, self.n, 2 * _pow2(size))

    def words(self) -> list[str]:
        """The words in entry order."""
        text = self.arena[:self.offs[self.n]].tobytes().decode("utf-8", "surrogatepass")
        return text.split("\n")[:-1]


def _pow2(n: int) -> int:
    return 1 << max(1, (n - 1).bit_length())


def _grown(a: np.ndarray, size: int, fill=None) -> np.ndarray:
    out = np.empty(size, dtype=a.dtype) if fill is None else np.full(size, fill, dtype=a.dtype)
    out[:len(a)] = a
    return out
