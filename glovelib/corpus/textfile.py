"""Opening corpus files safely, reading them in chunks of whole lines, and the word pattern.

Plain, ``.gz`` and ``.bz2`` files are read as UTF-8 (invalid bytes become U+FFFD).  Damaged input
is refused with a ``ValueError`` that names the file: a compressed file cut short or corrupted,
and a file that is not text (mostly replacement characters or control bytes, as random bytes or
a binary file read as UTF-8 are).  :func:`prefetch` runs a reader in a background thread so that
reading overlaps counting.
"""

from __future__ import annotations

import bz2
import contextlib
import functools
import gzip
import io
import os
import re
import sys
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from queue import Empty, Full, Queue

__all__ = ["open_text", "iter_chunks", "prefetch", "word_pattern"]

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



def open_text(path: str | os.PathLike, what: str = "corpus file") -> io.TextIOBase:
    """Open a plain, ``.gz`` or ``.bz2`` text file for reading as UTF-8.

    Invalid UTF-8 bytes are replaced by U+FFFD, so a damaged file is read, not refused.
    ``what`` names the file in the message when it is missing ("analogy questions file").

    Raises
    ------
    FileNotFoundError, IsADirectoryError, PermissionError
        With the path in the message.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{what} not found: {path}")
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
