"""Readers of word-vector files for :class:`glovelib.KeyedVectors`, sized for Stanford's 840B file.

glove.840B.300d.txt has 2.2M words: 2.6 GB as float32.  The text reader never holds more than
that array plus a chunk of lines: it counts the lines first (or reads the count from the header),
allocates the float32 array once, and parses a megabyte of lines at a time with one call to
numpy's C parser (``numpy.loadtxt``) per chunk.  With ``limit`` it reads only the lines it keeps.
(A ``.gz``/``.bz2`` file without header is thus decompressed twice: memory before speed.)

Fields are split on a plain space only: Stanford's words may contain other white space
(non-breaking spaces among them), and some contain spaces, so a line's *last* d fields are the
vector and the rest is the word.  A word seen twice keeps its first vector and one warning gives
the count, as gensim does.  Non-finite numbers are refused with the word and line number.
"""

from __future__ import annotations

import io
import mmap
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

from ._io import check_input, open_binary

_CHUNK_BYTES = 1 << 20  # lines parsed per numpy call: ~1 MB of text


def numeric_tail(line: str) -> int:
    """How many fields at the end of ``line`` are numbers (the first field is always a word)."""
    n = 0
    for field in reversed(line.rstrip(" ").split(" ")[1:]):
        try:
            float(field)
        except ValueError:
            break
        n += 1
    return n


def _count_lines(path: Path, stop: int | None) -> int:
    """Lines in the file (a last line without newline counts), or ``stop`` once reached."""
    n, last = 0, b"\n"
    with open_binary(path, "vectors") as f:
        for block in iter(lambda: f.read(_CHUNK_BYTES), b""):
            n += block.count(b"\n")
            last = block[-1:]
            if stop is not None and n >= stop:
                return stop
    return n + (last != b"\n")


def _sniff_dim(path: Path) -> int:
    """The most common count of trailing numbers among the first 100 non-blank lines (the
    largest on a tie: a damaged line has fewer)."""
    head = []
    with open_binary(path, "vectors") as f:
        for line in f:
            if line.strip():
                head.append(line.decode("utf-8", "replace").rstrip("\r\n"))
            if len(head) == 100:
                break
    sizes = Counter(numeric_tail(line) for line in head)
    if not sizes:
        raise ValueError(f"{path}: the vectors file is empty")
    dim = max(sizes, key=lambda k: (sizes[k], k))
    if dim < 1:
        raise ValueError(f"{path}: a line has no vector (it needs a word and numbers)")
    return dim


class _Rows:
    """The growing result: words, their first vectors in a preallocated array, duplicates."""

    def __init__(self, path: Path, n_max: int, dim: int, dtype):
        self.path, self.dim = path, dim
        self.vectors = np.empty((n_max, dim), dtype=dtype)  # (n_max, d), filled to self.n
        self.words: list[str] = []
        self.index: dict[str, int] = {}
        self.n = 0
        self.duplicates: list[tuple[str, int]] = []  # (word, line)

    def add(self, raw_words: list[bytes], block: np.ndarray, linenos: list[int]) -> None:
        keep = np.ones(len(raw_words), dtype=bool)
        for k, raw in enumerate(raw_words):
            word = raw.decode("utf-8", "replace")
            if word in self.index:
                keep[k] = False
                self.duplicates.append((word, linenos[k]))
            else:
                self.index[word] = len(self.words)
                self.words.append(word)
        kept = block[keep] if not keep.all() else block
        self.vectors[self.n:self.n + len(kept)] = kept
        self.n += len(kept)

    def finish(self) -> tuple[list[str], np.ndarray]:
        if self.duplicates:
            word, lineno = self.duplicates[0]
            warnings.warn(f"{self.path}: {len(self.duplicates)} duplicate words (the first: "
                          f"{word!r} at line {lineno}); kept the first vector of each",
                          UserWarning, stacklevel=4)
        if self.n < len(self.vectors):
            self.vectors.resize((self.n, self.dim), refcheck=False)  # shrinks in place
        self.index.clear()
        return self.words, self.vectors


def _parse_block(path: Path, tails: list[bytes], words: list[bytes], linenos: list[int],
                 dim: int, dtype) -> np.ndarray:
    """The vectors of a chunk of lines, (len(tails), dim); errors name the word and line."""
    try:  # numpy's C parser; fields split on single spaces only, no comments, no quotes
        block = np.loadtxt(io.BytesIO(b"\n".join(tails)), dtype=dtype, delimiter=" ",
                           comments=None, quotechar=None, ndmin=2)
    except ValueError:
        block = np.empty((0, dim), dtype=dtype)
    if block.shape != (len(tails), dim):  # find the culprit, line by line
        for tail, lineno in zip(tails, linenos, strict=True):
            fields = tail.split(b" ")
            try:
                np.array(fields, dtype=np.bytes_).astype(np.float64)
            except ValueError:
                raise ValueError(f"{path}:{lineno}: the vector has a field that is not a "
                                 "number") from None
        raise ValueError(f"{path}:{linenos[0]}-{linenos[-1]}: a vector field is not a number")
    finite = np.isfinite(block).all(axis=1)
    if not finite.all():
        k = int(np.argmin(finite))
        word = words[k].decode("utf-8", "replace")
        raise ValueError(f"{path}:{linenos[k]}: the vector of {word!r} has a value that is not "
                         "finite (nan, inf, or beyond float32); fix or remove that line")
    return block


def read_text(path, no_header: bool, limit: int | None, dtype) -> tuple[list[str], np.ndarray]:
    """Words and vectors of a GloVe (``no_header``) or word2vec text file."""
    path = check_input(path, "vectors")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be a positive number of words or None, got {limit}")
    with open_binary(path, "vectors") as f:
        if f.read(3) != b"\xef\xbb\xbf":  # a UTF-8 byte-order mark (Windows editors) is not text
            f.seek(0)
        if no_header:
            count, dim, skip = None, _sniff_dim(path), 0
            n_max = _count_lines(path, limit)
        else:
            header = f.readline()
            if not header.strip():
                raise ValueError(f"{path}: the vectors file is empty")
            try:
                count, dim = (int(x) for x in header.split())
            except ValueError:
                raise ValueError(f"{path}:1: expected a header 'count dim', got "
                                 f"{header[:80].decode('utf-8', 'replace')!r} (for the GloVe "
                                 "format without header use no_header=True)") from None
            skip, n_max = 1, count if limit is None else min(count, limit)
        rows = _Rows(path, n_max, dim, dtype)
        lineno, n_lines, done = skip, 0, False
        while not done:
            lines = f.readlines(_CHUNK_BYTES)
            if not lines:
                break
            words, tails, linenos = [], [], []
            for line in lines:
                lineno += 1
                line = line.rstrip(b"\r\n").rstrip(b" ")
                if not line.strip():
                    continue
                if n_lines == n_max:
                    if count is not None and limit is None:
                        raise ValueError(f"{path}: the header announces {count} words but the "
                                         "file has more")
                    done = True
                    break
                n_lines += 1
                spaces = line.count(b" ")
                if spaces < dim:
                    raise ValueError(f"{path}:{lineno}: expected a word and {dim} numbers, got "
                                     f"{spaces + 1} fields")
                cut = line.index(b" ") if spaces == dim else len(line.rsplit(b" ", dim)[0])
                words.append(line[:cut])
                tails.append(line[cut + 1:])
                linenos.append(lineno)
            if words:
                rows.add(words, _parse_block(path, tails, words, linenos, dim, dtype), linenos)
    if n_lines == 0:
        raise ValueError(f"{path}: the vectors file has no vectors")
    if count is not None and limit is None and n_lines != count:
        raise ValueError(f"{path}: the header announces {count} words but the file has "
                         f"{n_lines}")
    return rows.finish()


def read_binary(path, limit: int | None, dtype) -> tuple[list[str], np.ndarray]:
    """Words and vectors of a word2vec binary file (memory-mapped: the file is not copied)."""
    path = check_input(path, "vectors")
    with open(path, "rb") as f:
        if path.stat().st_size == 0:
            raise ValueError(f"{path}: the vectors file is empty")
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        end = data.find(b"\n")
        try:
            count, dim = (int(x) for x in data[:end].split())
        except ValueError:
            raise ValueError(f"{path}: expected a header 'count dim' in a word2vec binary "
                             "file") from None
        n = count if limit is None else min(count, limit)
        rows, pos = _Rows(path, n, dim, dtype), end + 1
        for k in range(n):
            while pos < len(data) and data[pos:pos + 1] in (b"\n", b"\r"):
                pos += 1
            space = data.find(b" ", pos)
            if space < 0 or space + 1 + 4 * dim > len(data):
                raise ValueError(f"{path}: the file ends inside word {k + 1} of {count}")
            vec = np.frombuffer(data, dtype="<f4", count=dim, offset=space + 1)[None, :].copy()
            if not np.isfinite(vec).all():
                raise ValueError(f"{path}: the vector of word {k + 1} "
                                 f"{data[pos:space].decode('utf-8', 'replace')!r} has a value "
                                 "that is not finite (nan or inf)")
            rows.add([data[pos:space]], vec, [k + 1])
            pos = space + 1 + 4 * dim
    finally:
        data.close()
    return rows.finish()
