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
