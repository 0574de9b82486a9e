"""Tokenizing, reading corpora and the vocabulary."""

import bz2
import gzip

import numpy as np
import pytest

import glovelib as gl


def test_tokenize_lowercases_and_keeps_inner_apostrophes():
    assert gl.tokenize("Ice is solid; steam isn't!") == ["ice", "is", "solid", "steam", "isn't"]
    assert gl.tokenize("Ice IS", lowercase=False) == ["Ice", "IS"]


def test_tokenize_odd_unicode():
    # combining accent (e + U+0301) normalizes to é; Devanagari vowel signs stay in the word;
    # right-to-left Hebrew is read; emoji and punctuation are dropped
    text = "Cafe\u0301 café हिन्दी שלום עולם 🎉🙂 x—y"
    assert gl.tokenize(text) == ["café", "café", "हिन्दी", "שלום", "עולם", "x", "y"]
    with pytest.raises(TypeError):
        gl.tokenize(b"bytes")


@pytest.mark.parametrize("suffix, opener", [(".txt", open), (".gz", gzip.open),
                                            (".bz2", bz2.open)])
def test_read_documents_plain_gz_bz2(tmp_path, suffix, opener):
    path = tmp_path / f"c{suffix}"
    with opener(path, "wb") as f:
        f.write(b"ice is cold\n\nsteam  is hot \n")
    assert list(gl.read_documents(path)) == [["ice", "is", "cold"], ["steam", "is", "hot"]]
    corpus = gl.LineCorpus(path)
    first, second = list(corpus), list(corpus)  # re-iterable: the second pass reads it again
    assert first == second == [["ice", "is", "cold"], ["steam", "is", "hot"]]


def test_invalid_utf8_is_read_and_counted(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"ice \xff\xfe is cold\nice \xc3\n")
    docs = list(gl.LineCorpus(path))
    vocab = gl.Vocabulary.build(docs)
    assert vocab.counts[vocab["ice"]] == 2
    X = gl.count_cooccurrences(vocab.encode_documents(docs), len(vocab), window_size=2)
    assert X.sum() > 0


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        gl.LineCorpus(tmp_path / "nope.txt")
    with pytest.raises(IsADirectoryError):
        list(gl.read_documents(tmp_path))


def test_vocabulary_order_counts_and_ties():
    docs = [["b", "a", "c", "a"], ["c", "d", "a", "b"]]
    vocab = gl.Vocabulary.build(docs)
    assert vocab.words == ["a", "b", "c", "d"]  # 3, then b and c tie at 2 (by word), then d
    assert vocab.counts.tolist() == [3, 2, 2, 1]
    assert len(vocab) == 4 and "a" in vocab and "z" not in vocab and vocab["c"] == 2
    # the order does not depend on the order of first appearance
    assert gl.Vocabulary.build([list(reversed(d)) for d in reversed(docs)]) == vocab


def test_min_count_and_max_size():
    docs = [list("aaaabbbccd")]
    assert gl.Vocabulary.build(docs, min_count=2).words == ["a", "b", "c"]
    assert gl.Vocabulary.build(docs, max_size=2).words == ["a", "b"]
    assert gl.Vocabulary.build(docs, min_count=3, max_size=1).words == ["a"]


def test_encode_drops_oov_and_decode_roundtrips():
    vocab = gl.Vocabulary(["x", "y"], [5, 3])
    ids = vocab.encode(["y", "oov", "x", "y"])
    assert ids.dtype == np.int32 and ids.tolist() == [1, 0, 1]
    assert vocab.decode(ids) == ["y", "x", "y"]
    assert vocab.encode([]).tolist() == []


def test_vocabulary_save_load_roundtrip(tmp_path):
    vocab = gl.Vocabulary.build([["ice", "steam", "ice", "é", "🙂"]])
    path = tmp_path / "vocab.txt"
    vocab.save(path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "ice 2"
    assert gl.Vocabulary.load(path) == vocab


def test_vocabulary_bad_input(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        gl.Vocabulary.build([])
    with pytest.raises(ValueError, match="empty"):
        gl.Vocabulary.build([[], []])
    with pytest.raises(ValueError, match="min_count=5"):
        gl.Vocabulary.build([["a", "b", "a"]], min_count=5)
    with pytest.raises(ValueError, match="min_count"):
        gl.Vocabulary.build([["a"]], min_count=0)
    with pytest.raises(TypeError, match="token lists"):
        gl.Vocabulary.build("a text")
    with pytest.raises(TypeError, match="list of tokens"):
        gl.Vocabulary.build(["ice is cold"])
    bad = tmp_path / "v.txt"
    bad.write_text("a 3\nb three\n")
    with pytest.raises(ValueError, match=":2:"):
        gl.Vocabulary.load(bad)
    bad.write_text("")
    with pytest.raises(ValueError, match="empty"):
        gl.Vocabulary.load(bad)
    with pytest.raises(ValueError, match="white space"):
        gl.Vocabulary(["new york"], [1]).save(tmp_path / "w.txt")


# --------------------------------------------------------------------------- the chunked reader

def _old_word_re():
    """The token-by-token path's pattern before the chunked reader (the oracle): letters/digits
    or combining marks, as an alternation, with inner apostrophes."""
    import re
    import sys
    import unicodedata

    marks, start = [], None
    for cp in range(sys.maxunicode + 1):
        is_mark = unicodedata.category(chr(cp)).startswith("M")
        if is_mark and start is None:
            start = cp
        elif not is_mark and start is not None:
            marks.append((start, cp - 1))
            start = None
    cls = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in marks)
    word = rf"(?:[^\W_]|[{cls}])+"
    return re.compile(rf"{word}(?:['’]{word})*")


def _old_tokenize(line, pattern):
    import unicodedata

    return pattern.findall(unicodedata.normalize("NFC", line).lower())


ODD = ["Cafe\u0301", "café", "हिन्दी", "שלום", "ΟΔΟΣ", "Σ", "İstanbul", "STRASSE", "straße",
       "don't", "can’t", "'quoted'", "x_y", "a—b", "🎉", "𝐀𝐁c", "𝟘𝟙", "日本語", "٣٤", "Ⅻ", "½",
       "e\u0301\u0301", "\u0301x", "tab\tsep", "v\x0bt", "line\u2028sep", "nb\u00a0sp", "\ufffd",
       "ABC", "the", "of", "and"]


def _odd_corpus(path, n_lines=400, seed=0):
    rng = np.random.default_rng(seed)
    ends = ["\n", "\r\n", "\r", "\n\n"]
    parts = []
    for _ in range(n_lines):
        words = rng.choice(ODD, size=rng.integers(0, 12))
        parts.append(" ".join(words) + ends[rng.integers(len(ends))])
    path.write_bytes("".join(parts).encode("utf-8") + b"last line, no newline")


@pytest.mark.parametrize("tokenizer", [None, "words"])
def test_chunked_reader_equals_the_line_by_line_path(tmp_path, monkeypatch, tokenizer):
    from glovelib.corpus import reader, textfile

    path = tmp_path / "odd.txt"
    _odd_corpus(path)
    pattern = _old_word_re()
    split = str.split if tokenizer is None else (lambda line: _old_tokenize(line, pattern))
    with open(path, encoding="utf-8", errors="replace") as f:  # the old reader, line by line
        old_docs = [t for t in (split(line) for line in f) if t]
    old_vocab = gl.Vocabulary.build(old_docs, min_count=2)
    old_ids = [d for d in old_vocab.encode_documents(old_docs) if len(d)]
    old_X = gl.count_cooccurrences(old_ids, len(old_vocab), window_size=5)

    monkeypatch.setattr(textfile, "_CHUNK_CHARS", 97)  # many chunks, cut at odd places
    scan = reader.scan_ids(path, tokenizer)
    vocab = gl.Vocabulary.from_counts(scan.words, scan.counts, min_count=2)
    assert vocab == old_vocab
    table = np.full(len(scan.words), -1, dtype=np.int32)
    table[[scan.words.index(w) for w in vocab.words]] = np.arange(len(vocab))
    docs = reader.remap(scan.docs, table)
    new_ids = [d for d in np.split(docs.ids, docs.starts[1:-1]) if len(d)]
    assert [d.tolist() for d in new_ids] == [d.tolist() for d in old_ids]
    streamed = list(reader.encode_file(path, vocab.index, tokenizer))
    for X in (gl.count_cooccurrences(docs, len(vocab), window_size=5),
              gl.count_cooccurrences(streamed, len(vocab), window_size=5)):
        assert (X != old_X).nnz == 0
    if tokenizer == "words":  # and the public tokenize, line by line
        for line in path.read_text(encoding="utf-8").splitlines():
            assert gl.tokenize(line) == _old_tokenize(line, pattern)


@pytest.mark.parametrize("suffix, opener", [(".gz", gzip.open), (".bz2", bz2.open)])
def test_damaged_compressed_files_are_refused_with_the_path(tmp_path, suffix, opener):
    path = tmp_path / f"c{suffix}"
    with opener(path, "wb") as f:
        f.write(b"ice is cold and steam is hot\n" * 5000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short
    with pytest.raises(ValueError, match="damaged or cut short") as info:
        list(gl.read_documents(path))
    assert str(path) in str(info.value)
    corrupt = bytearray(data)
    corrupt[len(data) // 2: len(data) // 2 + 64] = bytes(64)  # corrupted in the middle
    path.write_bytes(bytes(corrupt))
    with pytest.raises(ValueError, match="damaged"):
        list(gl.read_documents(path))


def test_binary_file_does_not_look_like_text(tmp_path):
    path = tmp_path / "random.bin"
    path.write_bytes(np.random.default_rng(0).integers(0, 256, 100_000, np.uint8).tobytes())
    with pytest.raises(ValueError, match="does not look like text"):
        list(gl.read_documents(path))
    path.write_bytes(b"\x00\x01\x02" * 1000 + b"ice is cold\n")
    with pytest.raises(ValueError, match="does not look like text"):
        gl.Vocabulary.build(gl.LineCorpus(path))


# --------------------------------------------------------------------------- the byte kernels

# Code points where the byte kernels could go wrong: every white space of str.split (some
# multi-byte), apostrophes inside and at the edges of words, combining marks (one composes with
# "=" under NFC into a symbol), final sigma, dotted I, Hangul jamo that compose, astral letters,
# marks and emoji, control bytes and the replacement character.
_TRICKY = (
    list("\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029")
    + list("\u202f\u205f\u3000")
    + ["'", "’", "''", "x'y", "'z", "q’", "\u0301", "=\u0338", "ΟΔΟΣ", "Σ.", "σς", "İI",
       "\u1100\u1161", "𝐀𝐁", "𝅘𝅥𝅮", "\U0001D167", "🎉", "\x00", "\ufffd", "٣٤", "_", "Ⅻ",
       "日本", "ß", "ǅ", "ﬁ"]
)


def _tricky_text(rng, n_lines: int, odd_share: float) -> str:
    ascii_words = ["The", "cat", "SAT", "on", "a", "mat", "don't", "x1", "B52", "e.g.", "--"]
    lines = []
    for _ in range(n_lines):
        parts = []
        for _ in range(rng.integers(0, 14)):
            if rng.random() < odd_share:
                parts.append("".join(rng.choice(_TRICKY, size=rng.integers(1, 4))))
            else:
                parts.append(str(rng.choice(ascii_words)))
            parts.append(str(rng.choice([" ", " ", "  ", "\t", ""])))
        lines.append("".join(parts))
    return "\n".join(lines) + "\n\n" + "tail" * 50


@pytest.mark.parametrize("odd_share", [0.03, 0.6])  # runs normalized one by one / whole chunks
@pytest.mark.parametrize("seed", [0, 1])
def test_byte_kernels_equal_python_tokens_on_tricky_unicode(tmp_path, monkeypatch, seed, odd_share):
    from glovelib.corpus import reader, textfile

    path = tmp_path / "tricky.txt"
    path.write_text(_tricky_text(np.random.default_rng(seed), 300, odd_share), encoding="utf-8")
    monkeypatch.setattr(textfile, "_CHUNK_CHARS", 211)  # many chunks, cut at odd places
    # the Python path (a callable tokenizer) is the oracle: str.split and tokenize, line by line
    for fast, slow in ((None, str.split), ("words", lambda line: gl.tokenize(line))):
        got, want = reader.scan_ids(path, fast), reader.scan_ids(path, slow)
        assert got.words == want.words  # first-seen order
        assert got.counts.tolist() == want.counts.tolist()
        assert got.docs.ids.tolist() == want.docs.ids.tolist()
        assert got.docs.starts.tolist() == want.docs.starts.tolist()
        counts_only = reader.scan_ids(path, fast, keep_ids=False)
        assert counts_only.words == want.words
        assert counts_only.counts.tolist() == want.counts.tolist()
        index = {w: i for i, w in enumerate(want.words) if want.counts[i] >= 2}
        index = {w: k for k, w in enumerate(reversed(index))}  # ids unrelated to first-seen order
        for a, b in zip(reader.encode_file(path, index, fast),
                        reader.encode_file(path, index, slow), strict=True):
            assert a.ids.tolist() == b.ids.tolist()
            assert a.starts.tolist() == b.starts.tolist()


def test_word_table_grows_past_its_first_size(tmp_path):
    from glovelib.corpus import reader

    rng = np.random.default_rng(3)
    letters = list("abcdefghijklmnopqrstuvwxyzéü日")
    words = {"".join(rng.choice(letters, size=rng.integers(1, 12))) for _ in range(60_000)}
    words = sorted(words) + ["w" * 300_000]  # more entries and bytes than the first table holds
    order = rng.permutation(len(words))
    text = "\n".join(" ".join(words[i] for i in order[k:k + 7]) for k in range(0, len(words), 7))
    path = tmp_path / "many.txt"
    path.write_text(text + "\n" + text, encoding="utf-8")
    got, want = reader.scan_ids(path), reader.scan_ids(path, str.split)
    assert len(got.words) == len(words)
    assert got.words == want.words
    assert got.counts.tolist() == [2] * len(words)
    assert got.docs.ids.tolist() == want.docs.ids.tolist()
    index = {w: i for i, w in enumerate(words)}
    ids = np.concatenate([d.ids for d in reader.encode_file(path, index)])
    assert [words[i] for i in ids] == (text + "\n" + text).split()
