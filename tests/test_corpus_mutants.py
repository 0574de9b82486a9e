"""Vocabulary corners the first tests left open (mutmut survivors in corpus.py)."""

import numpy as np
import pytest

import glovelib as gl


def test_encode_takes_any_iterable_but_not_a_string():
    vocab = gl.Vocabulary(["x", "y", "z"], [5, 3, 1])
    assert vocab.encode(w for w in ["z", "q", "x"]).tolist() == [2, 0]  # a generator
    assert vocab.encode(("y", "y")).tolist() == [1, 1]
    assert vocab.encode(["q", "r"]).tolist() == [] and vocab.encode(["q"]).dtype == np.int32
    with pytest.raises(TypeError, match="not a str"):
        vocab.encode("x y")
    docs = vocab.encode_documents([["x"], ["q"], ["y", "z"]])
    assert [d.tolist() for d in docs] == [[0], [], [1, 2]]  # empty documents are kept


def test_equality_needs_the_same_words_and_counts():
    a = gl.Vocabulary(["x", "y"], [5, 3])
    assert a == gl.Vocabulary(["x", "y"], [5, 3])
    assert a != gl.Vocabulary(["x", "y"], [5, 2])
    assert a != gl.Vocabulary(["y", "x"], [5, 3])
    assert a != ["x", "y"] and a != "xy"


@pytest.mark.parametrize("word", ["new york", "tab\there", "line\nbreak", ""])
def test_save_refuses_words_the_format_cannot_hold(tmp_path, word):
    path = tmp_path / "v.txt"
    with pytest.raises(ValueError, match="white space"):
        gl.Vocabulary(["ok", word], [2, 1]).save(path)
    assert not path.exists()


def test_save_writes_word_space_count_lines_and_load_keeps_the_order(tmp_path):
    path = tmp_path / "v.txt"
    gl.Vocabulary(["b", "a", "café"], [7, 7, 2]).save(path)
    assert path.read_bytes() == "b 7\na 7\ncafé 2\n".encode()
    path.write_text("b 7\n\na 7\n  \ncafé 2\n", encoding="utf-8")  # blank lines are skipped
    loaded = gl.Vocabulary.load(path)
    assert loaded.words == ["b", "a", "café"] and loaded.counts.tolist() == [7, 7, 2]
    path.write_text("b 7 extra\n")
    with pytest.raises(ValueError, match=r":1: expected 'word count'"):
        gl.Vocabulary.load(path)
