"""The Numba kernels of the fast reader: UTF-8 bytes to tokens to ids, with a hash table of words.

Python's ``str.split`` and a dict cost ~250 ns a token (a new string object, its hash, a dict
probe); here a chunk of text, encoded as UTF-8, is walked once byte by byte, as the reference
``vocab_count`` and ``cooccur`` do.  A token is a maximal run of code points of one class, given by
a table over code points built from Python's own predicates (:mod:`glovelib.corpus.reader` builds
it), so the tokens are exactly Python's:

* mode 0 (white space): a token is a run of code points that are not ``str.isspace`` -- the
  tokens of ``line.split()``;
* mode 1 (words): a run of letters, digits and combining marks, with inner apostrophes (``'`` or
  ``’`` between two such runs) -- the matches of :func:`glovelib.corpus.textfile.word_pattern`.

A byte ``\\n`` ends a document.  Words are kept in an *arena*: their UTF-8 bytes one after another,
each followed by ``\\n`` (never part of a token), so the whole word list decodes with one call.
An open-addressing table (power-of-two size, at most half full, FNV-1a hash) maps a word's bytes
to its entry number.  No allocation policy here: :mod:`glovelib.corpus.reader` grows the arrays
when a kernel stops for room, and resumes it.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)

# resume state of _scan, an int64 array: position in the chunk, ids written, documents started,
# whether the current line has a token yet
POS, N_IDS, N_DOCS, LINE_HAS = 0, 1, 2, 3


@njit(cache=True, nogil=True, inline="always")
def _code_point(buf, i):
    """The code point starting at byte i of valid UTF-8, and its length in bytes."""
    b = np.int64(buf[i])
    if b < 0x80:
        return b, 1
    if b < 0xE0:
        return ((b & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F), 2
    if b < 0xF0:
        return (((b & 0x0F) << 12) | ((np.int64(buf[i + 1]) & 0x3F) << 6)
                | (np.int64(buf[i + 2]) & 0x3F)), 3
    return (((b & 0x07) << 18) | ((np.int64(buf[i + 1]) & 0x3F) << 12)
            | ((np.int64(buf[i + 2]) & 0x3F) << 6) | (np.int64(buf[i + 3]) & 0x3F)), 4


@njit(cache=True, nogil=True, inline="always")
def _inside(cp, table):
    """Whether a code point is part of a token: table[cp] (code points past the table are not)."""
    return cp < table.shape[0] and table[cp] != 0


@njit(cache=True, nogil=True)
def _token_end(buf, i, n, mode, table):
    """The end of the token that starts at byte i (a code point inside a token)."""
    while i < n:
        cp, k = _code_point(buf, i)
        if _inside(cp, table):
            i += k
            continue
        if mode == 1 and (cp == 0x27 or cp == 0x2019) and i + k < n:  # an inner apostrophe
            cp2, _ = _code_point(buf, i + k)
            if _inside(cp2, table):
                i += k
                continue
        break
    return i


@njit(cache=True, nogil=True, inline="always")
def _hash(buf, s, e):
    h = _FNV_OFFSET
    for t in range(s, e):
        h = (h ^ np.uint64(buf[t])) * _FNV_PRIME
    return h


@njit(cache=True, nogil=True)
def _find(buf, s, e, h, arena, offs, slots):
    """The slot of word buf[s:e] in the table: its entry there, or the empty slot (-1) to use."""
    mask = np.uint64(slots.shape[0] - 1)
    j = np.int64(h & mask)
    n = e - s
    while True:
        w = slots[j]
        if w < 0:
            return j
        o = offs[w]
        if offs[w + 1] - o - 1 == n:
            same = True
            for t in range(n):
                if arena[o + t] != buf[s + t]:
                    same = False
                    break
            if same:
                return j
        j = (j + 1) & (slots.shape[0] - 1)


@njit(cache=True, nogil=True)
def _insert_word(buf, s, e, arena, offs, n_words, slots, j):
    """Append word buf[s:e] as entry n_words (the caller checked the room) in slot j."""
    o = offs[n_words]
    for t in range(s, e):
        arena[o + t - s] = buf[t]
    arena[o + e - s] = 10  # "\n"
    offs[n_words + 1] = o + e - s + 1
    slots[j] = n_words


@njit(cache=True, nogil=True)
def rehash(arena, offs, n_words, size):
    """A new table of ``size`` slots (a power of two) holding entries 0..n_words-1."""
    slots = np.full(size, -1, dtype=np.int32)
    for w in range(n_words):
        s, e = offs[w], offs[w + 1] - 1
        j = _find(arena, s, e, _hash(arena, s, e), arena, offs, slots)
        slots[j] = w
    return slots


@njit(cache=True, nogil=True)
def scan(buf, mode, table, arena, offs, n_words, slots, counts, values, add, keep, ids, starts,
         state):
    """Tokenize a chunk, look each token up and count it, from ``state[POS]`` on.

    add:
        Insert unseen words as new entries (their id is the entry number); otherwise they are
        out of vocabulary and dropped.
    keep:
        Write the id of each token found to ``ids`` (``values[entry]``) and the start of each
        document (a line with at least one token, found or not) to ``starts``.  Either way
        ``state[N_IDS]`` counts the tokens found.

    Stops early, before a token, when an insertion would overflow the arena, ``offs`` or half the
    table.  Returns the number of entries; the chunk is done when ``state[POS]`` reaches its end,
    otherwise ``state`` holds where to resume once the caller made room.
    """
    n = buf.shape[0]
    i = state[POS]
    n_ids = state[N_IDS]
    n_docs = state[N_DOCS]
    line_has = state[LINE_HAS] != 0
    max_words = min(offs.shape[0] - 1, slots.shape[0] // 2)
    while i < n:
        b = buf[i]
        if b == 10:  # "\n": the line ends
            line_has = False
            i += 1
            continue
        cp, k = _code_point(buf, i)
        if not _inside(cp, table):
            i += k
            continue
        e = _token_end(buf, i + k, n, mode, table)
        j = _find(buf, i, e, _hash(buf, i, e), arena, offs, slots)
        w = slots[j]
        if w < 0 and add:
            if n_words >= max_words or offs[n_words] + (e - i) + 1 > arena.shape[0]:
                state[POS], state[N_IDS], state[N_DOCS] = i, n_ids, n_docs
                state[LINE_HAS] = 1 if line_has else 0
                return n_words
            _insert_word(buf, i, e, arena, offs, n_words, slots, j)
            w = n_words
            n_words += 1
        if keep and not line_has:
            starts[n_docs] = n_ids
            n_docs += 1
        line_has = True
        if w >= 0:
            counts[w] += 1
            if keep:
                ids[n_ids] = values[w]
            n_ids += 1
        i = e
    state[POS], state[N_IDS], state[N_DOCS] = n, n_ids, n_docs
    state[LINE_HAS] = 1 if line_has else 0
    if keep:
        starts[n_docs] = n_ids
    return n_words


@njit(cache=True, nogil=True)
def tokens(buf, mode, table, bounds):
    """The tokens of a chunk as byte ranges ``bounds[t] = (start, end)``; returns how many (for
    tests and the benchmark's tokenize-only figure)."""
    n = buf.shape[0]
    i = 0
    t = 0
    while i < n:
        cp, k = _code_point(buf, i)
        if not _inside(cp, table):
            i += k
            continue
        e = _token_end(buf, i + k, n, mode, table)
        bounds[t, 0] = i
        bounds[t, 1] = e
        t += 1
        i = e
    return t
