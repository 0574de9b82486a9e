"""Reading text and building the vocabulary: the first step of the GloVe pipeline.

Follows the reference tools (``vocab_count`` of Pennington et al.'s C code) where it matters:

* a line of a corpus file is a document, and its tokens are separated by white space;
* the vocabulary is ordered by count (descending), ties broken by the word itself (code-point
  order, which is the byte order ``strcmp`` uses on UTF-8), so ids are frequency ranks;
* the vocabulary file is the reference's ``word count`` text format, one word per line.

:func:`tokenize` is for raw text (notebooks, homework): unicode-aware lowercase words.  Files are
read as UTF-8 by :mod:`glovelib.corpus.textfile`; invalid bytes become U+FFFD instead of stopping
the read, but a compressed file cut short and a file that is mostly not text are refused.  The
command line reads large files through :mod:`glovelib.corpus.reader` (chunks of lines, the same
tokens, vocabulary and ids, much faster).

Derived in notebooks/03_counting.ipynb.
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from .._io import atomic_write
from .textfile import iter_chunks, open_text, word_pattern

__all__ = ["tokenize", "open_text", "read_documents", "LineCorpus", "Vocabulary"]


def tokenize(text: str, lowercase: bool = True) -> list[str]:
    """Split raw text into word tokens.

    Parameters
    ----------
    text : str
        Any unicode text.  It is NFC-normalized first, so "é" written as e + U+0301 and as U+00E9
        give the same token.
    lowercase : bool, default True
        Lowercase the tokens (``str.casefold`` is not used: "straße" stays "straße").

    Returns
    -------
    list of str
        Runs of letters, digits and combining marks, with inner apostrophes kept ("don't").
        Punctuation, symbols and emoji are dropped.

    Examples
    --------
    >>> tokenize("Ice is solid; steam isn't!")
    ['ice', 'is', 'solid', 'steam', "isn't"]
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, got {type(text).__name__}")
    text = unicodedata.normalize("NFC", text)
    if lowercase:
        text = text.lower()
    return word_pattern(text).findall(text)


def read_documents(
    path: str | os.PathLike, tokenizer: Callable[[str], list[str]] | None = None
) -> Iterator[list[str]]:
    """Stream a corpus file one document (line) at a time.

    Parameters
    ----------
    path : path-like
        Plain text, ``.gz`` or ``.bz2``.
    tokenizer : callable, optional
        ``str -> list[str]``.  By default a line is split on white space, as the reference tools
        do (use :func:`tokenize` for raw text).

    Yields
    ------
    list of str
        The tokens of one line; empty lines are skipped.
    """
    split = tokenizer or str.split
    for chunk in iter_chunks(path):
        for line in chunk.split("\n"):
            tokens = split(line)
            if tokens:
                yield tokens


class LineCorpus:
    """A re-iterable corpus file: each pass streams the file again (like gensim's LineSentence).

    Parameters
    ----------
    path : path-like
        Plain text, ``.gz`` or ``.bz2``; one document per line.
    tokenizer : callable, optional
        See :func:`read_documents`.
    """

    def __init__(self, path: str | os.PathLike,
                 tokenizer: Callable[[str], list[str]] | None = None):
        self.path = Path(path)
        self.tokenizer = tokenizer
        with open_text(self.path):  # fail now, with the path, rather than at the first pass
            pass

    def __iter__(self) -> Iterator[list[str]]:
        return read_documents(self.path, self.tokenizer)

    def __repr__(self) -> str:
        return f"LineCorpus({str(self.path)!r})"


def count_words(docs) -> Counter:
    """Token -> count over ``docs`` (token lists); a str document is refused, not split."""
    counter: Counter = Counter()
    for doc in docs:
        if isinstance(doc, str):
            raise TypeError("each document must be a list of tokens; got a str "
                            "(split it first, e.g. with glovelib.tokenize)")
        counter.update(doc)
    return counter


class Vocabulary:
    """Words <-> ids, with counts; id = rank by count (ties broken by the word).

    Build one with :meth:`build`; the constructor takes words and counts already in order.

    Attributes
    ----------
    words : list of str
        ``words[i]`` is the word with id ``i``.
    counts : numpy.ndarray of int64, shape (V,)
        Corpus counts, non-increasing.
    index : dict
        word -> id.
    """

    def __init__(self, words: Iterable[str], counts: Iterable[int]):
        self.words = list(words)
        self.counts = np.asarray(list(counts), dtype=np.int64)
        if len(self.words) != len(self.counts):
            raise ValueError(f"{len(self.words)} words but {len(self.counts)} counts")
        self.index = {w: i for i, w in enumerate(self.words)}
        if len(self.index) != len(self.words):
            raise ValueError("the vocabulary has a repeated word")

    @classmethod
    def build(
        cls, docs: Iterable[Iterable[str]], min_count: int = 1, max_size: int | None = None
    ) -> Vocabulary:
        """Count the words of a corpus and keep the frequent ones.

        Parameters
        ----------
        docs : iterable of token lists
            For example a :class:`LineCorpus` or ``[tokenize(line) for line in lines]``.  A bare
            string is refused (it would be read as single characters).
        min_count : int, default 1
            Keep words seen at least this often.
        max_size : int, optional
            Keep at most this many words (the most frequent, after ``min_count``).

        Returns
        -------
        Vocabulary

        Raises
        ------
        ValueError
            If the corpus is empty, or no word reaches ``min_count``.
        """
        if isinstance(docs, str | bytes):
            raise TypeError("docs must be an iterable of token lists, not a single string")
        if isinstance(min_count, bool) or not isinstance(min_count, int | np.integer):
            raise TypeError(f"min_count must be an int, got {min_count!r}")
        if min_count < 1:
            raise ValueError(f"min_count must be >= 1, got {min_count}")
        if max_size is not None and (not isinstance(max_size, int | np.integer) or max_size < 1):
            raise ValueError(f"max_size must be a positive int or None, got {max_size!r}")
        counter = count_words(docs)
        return cls.from_counts(list(counter), list(counter.values()), min_count, max_size)

    @classmethod
    def from_counts(cls, words: list[str], counts, min_count: int = 1,
                    max_size: int | None = None) -> Vocabulary:
        """The vocabulary of words counted elsewhere (e.g. :func:`glovelib.corpus.reader.scan_ids`):
        keep those with ``count >= min_count``, order by count then word, cut at ``max_size``."""
        counts = np.asarray(counts, dtype=np.int64)
        if len(words) == 0:
            raise ValueError("the corpus is empty: no tokens to count")
        keep = np.flatnonzero(counts >= min_count)
        if len(keep) == 0:
            raise ValueError(
                f"no word occurs at least min_count={min_count} times (the most frequent occurs "
                f"{counts.max()} times); lower min_count or use a larger corpus")
        kept = sorted(((words[i], int(counts[i])) for i in keep), key=lambda wc: (-wc[1], wc[0]))
        if max_size is not None:
            kept = kept[:max_size]
        return cls([w for w, _ in kept], [c for _, c in kept])

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.index

    def __getitem__(self, word: str) -> int:
        return self.index[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __repr__(self) -> str:
        head = ", ".join(self.words[:5])
        return f"Vocabulary({len(self)} words: {head}{', ...' if len(self) > 5 else ''})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Vocabulary) and self.words == other.words
                and np.array_equal(self.counts, other.counts))

    def encode(self, tokens: Iterable[str]) -> np.ndarray:
        """Map tokens to ids, dropping out-of-vocabulary tokens.

        Returns
        -------
        numpy.ndarray of int32, shape (n_kept,)
        """
        if isinstance(tokens, str):
            raise TypeError("encode expects a list of tokens, not a str")
        if not isinstance(tokens, list | tuple):
            tokens = list(tokens)
        ids = np.fromiter(map(self.index.get, tokens, itertools.repeat(-1)), dtype=np.int32,
                          count=len(tokens))
        return ids[ids >= 0]

    def encode_documents(self, docs: Iterable[Iterable[str]]) -> list[np.ndarray]:
        """:meth:`encode` each document; documents left empty are kept (they count nothing)."""
        return [self.encode(d) for d in docs]

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Map ids back to words."""
        return [self.words[int(i)] for i in ids]

    def save(self, path: str | os.PathLike) -> None:
        """Write the reference ``word count`` text format (one word per line), atomically."""
        for w in self.words:
            if not w or any(ch.isspace() for ch in w):
                raise ValueError(f"word {w!r} contains white space; the 'word count' format "
                                 "cannot store it")
        text = "".join(f"{w} {c}\n" for w, c in zip(self.words, self.counts, strict=True))
        atomic_write(path, text.encode("utf-8"))

    @classmethod
    def load(cls, path: str | os.PathLike) -> Vocabulary:
        """Read a ``word count`` file (as written by :meth:`save` or the reference ``vocab_count``).

        The file's order is kept: ids are line numbers (blank lines skipped).

        Raises
        ------
        ValueError
            On a malformed line (its line number is given) or an empty file.
        """
        words, counts = [], []
        lineno = 0
        for chunk in iter_chunks(path):
            for line in chunk.removesuffix("\n").split("\n"):
                lineno += 1
                parts = line.split()
                if not parts:
                    continue
                if len(parts) != 2:
                    raise ValueError(f"{path}:{lineno}: expected 'word count', "
                                     f"got {line.strip()!r}")
                try:
                    count = int(parts[1])
                except ValueError:
                    raise ValueError(
                        f"{path}:{lineno}: count {parts[1]!r} is not an integer") from None
                words.append(parts[0])
                counts.append(count)
        if not words:
            raise ValueError(f"{path}: the vocabulary file is empty")
        return cls(words, counts)
