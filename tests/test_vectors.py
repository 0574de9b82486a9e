"""KeyedVectors: queries on planted geometry, file formats read by gensim and vice versa."""

import numpy as np
import pytest
from gensim.models import KeyedVectors as GensimKV

import glovelib as gl


@pytest.fixture
def royal():
    # royalty/person x male/female, plus two unrelated words: the analogy is exact by design
    royal, person = np.array([1.0, 0, 0, 0]), np.array([0, 1.0, 0, 0])
    male, female = np.array([0, 0, 1.0, 0]), np.array([0, 0, 0, 1.0])
    words = ["king", "queen", "man", "woman", "apple", "banana"]
    vecs = [royal + male, royal + female, person + male, person + female,
            np.array([0.1, 0.1, -1, -1.0]), np.array([-1.0, -1, 0.2, 0.1])]
    return gl.KeyedVectors(words, np.array(vecs, dtype=np.float32))


def test_container_api(royal):
    assert len(royal) == 6 and "king" in royal and "prince" not in royal
    assert royal.key_to_index["man"] == 2 and royal.index_to_key[3] == "woman"
    assert royal["queen"].shape == (4,) and royal[["king", "man"]].shape == (2, 4)
    with pytest.raises(KeyError, match="'prince' is not in the vocabulary"):
        royal["prince"]
    with pytest.raises(KeyError, match="prince"):
        royal.most_similar("prince")


def test_analogies_3cosadd_and_3cosmul(royal):
    assert royal.analogy("man", "king", "woman") == "queen"
    assert royal.analogy("man", "king", "woman", method="mul") == "queen"
    top = royal.most_similar(positive=["king", "woman"], negative=["man"], topn=3)
    assert top[0][0] == "queen" and top[0][1] == pytest.approx(1.0, abs=1e-6)
    assert all(w not in {"king", "woman", "man"} for w, _ in top)


def test_most_similar_scores_are_cosines_and_ties_are_deterministic():
    kv = gl.KeyedVectors(["a", "b", "c", "d"], np.array([[1, 0], [1, 0], [1, 0], [0, 1.0]]))
    assert kv.most_similar("d", topn=3) == [("a", 0.0), ("b", 0.0), ("c", 0.0)]
    assert [w for w, _ in kv.most_similar("c")] == ["a", "b", "d"]
    assert kv.similarity("a", "d") == pytest.approx(0.0)
    assert kv.most_similar("a", topn=1, restrict_vocab=2) == [("b", 1.0)]


def test_most_similar_matches_gensim(royal):
    ours = royal.most_similar(positive=["king", "woman"], negative=["man"], topn=5)
    theirs = royal.to_gensim().most_similar(positive=["king", "woman"], negative=["man"], topn=5)
    assert [w for w, _ in ours] == [w for w, _ in theirs]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-6)


def random_kv(n=50, d=7, seed=0, words=None):
    rng = np.random.default_rng(seed)
    words = words or [f"w{i}" for i in range(n)]
    return gl.KeyedVectors(words, rng.normal(size=(len(words), d)).astype(np.float32))


@pytest.mark.parametrize("binary, header", [(False, False), (False, True), (True, True)])
def test_files_we_write_gensim_reads(tmp_path, binary, header):
    kv = random_kv(words=["ice", "steam", "café", "日本", "naïve"] + [f"w{i}" for i in range(20)])
    path = tmp_path / "v.txt"
    kv.save_word2vec_format(path, binary=binary, write_header=header)
    theirs = GensimKV.load_word2vec_format(path, binary=binary, no_header=not header)
    assert theirs.index_to_key == kv.index_to_key
    ours = gl.KeyedVectors.load_word2vec_format(path, binary=binary, no_header=not header)
    np.testing.assert_array_equal(ours.vectors, theirs.vectors)  # same file, same numbers
    if binary:
        np.testing.assert_array_equal(ours.vectors, kv.vectors)  # float32: lossless
    else:
        np.testing.assert_allclose(ours.vectors, kv.vectors, rtol=1e-5)


@pytest.mark.parametrize("binary", [False, True])
def test_files_gensim_writes_we_read(tmp_path, binary):
    theirs = random_kv(seed=1).to_gensim()
    path = tmp_path / "g.bin"
    theirs.save_word2vec_format(str(path), binary=binary)
    ours = gl.KeyedVectors.load_word2vec_format(path, binary=binary)
    assert ours.index_to_key == theirs.index_to_key
    np.testing.assert_array_equal(ours.vectors, theirs.vectors)


def test_gensim_round_trip():
    kv = random_kv()
    back = gl.KeyedVectors.from_gensim(kv.to_gensim())
    assert back.index_to_key == kv.index_to_key and np.array_equal(back.vectors, kv.vectors)


def test_glove_format_words_with_spaces(tmp_path):
    # like Stanford's 840B file: the last d fields are the vector, the rest is the word
    path = tmp_path / "glove.840B-like.txt"
    path.write_text("the 0.1 0.2 0.3\n. . . 1 2 3\nat name@domain.com 4 5 6\nnew york 7 8 9\n")
    kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True)
    assert kv.index_to_key == ["the", ". . .", "at name@domain.com", "new york"]
    np.testing.assert_array_equal(kv["new york"], [7, 8, 9])


@pytest.mark.parametrize("text, kwargs, match", [
    ("", dict(no_header=True), "empty"),
    ("", dict(), "empty"),
    ("a 1 2 3\nb 1 2\nc 1 2 3\n", dict(no_header=True), ":2:"),
    ("2 3\na 1 2 3\nb 1 2\n", dict(), ":3:"),
    ("a 1 2 3\nb 1 x 3\n", dict(no_header=True), ":2:.*not a number"),
    ("two three\na 1 2 3\n", dict(), ":1:.*header"),
    ("3 3\na 1 2 3\nb 1 2 3\n", dict(), "announces 3 words"),
    ("word\n", dict(no_header=True), "no vector"),
])
def test_malformed_vector_files(tmp_path, text, kwargs, match):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(ValueError, match=match):
        gl.KeyedVectors.load_word2vec_format(path, **kwargs)


def test_truncated_binary_file(tmp_path):
    path = tmp_path / "v.bin"
    random_kv(n=5).save_word2vec_format(path, binary=True)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match="ends inside word 5"):
        gl.KeyedVectors.load_word2vec_format(path, binary=True)


def test_interrupted_save_leaves_the_previous_file(tmp_path):
    path = tmp_path / "v.txt"
    kv = random_kv(n=10)
    kv.save_word2vec_format(path)
    before = path.read_bytes()

    class Exploding(np.ndarray):
        def __iter__(self):
            for k, row in enumerate(np.asarray(self)):
                if k == 5:
                    raise KeyboardInterrupt  # the user pressed Ctrl-C mid-save
                yield row

    broken = random_kv(n=10, seed=3)
    broken.vectors = broken.vectors.view(Exploding)
    with pytest.raises(KeyboardInterrupt):
        broken.save_word2vec_format(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["v.txt"]  # no temporary file left


def test_words_the_format_cannot_hold():
    with pytest.raises(ValueError, match="cannot be written"):
        gl.KeyedVectors(["new york"], np.ones((1, 2))).save_word2vec_format("x", binary=True)
    with pytest.raises(ValueError, match="cannot be written"):
        gl.KeyedVectors(["a\nb"], np.ones((1, 2))).save_word2vec_format("x")
    with pytest.raises(ValueError, match="keys but"):
        gl.KeyedVectors(["a"], np.ones((2, 2)))


# --------------------------------------------------------------------------- edges (issue 14)

@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_vectors_are_refused_by_the_constructor(bad):
    vecs = np.ones((4, 3))
    vecs[2, 1] = bad
    with pytest.raises(ValueError, match=r"'c' \(row 2\).*not finite"):
        gl.KeyedVectors(["a", "b", "c", "d"], vecs)


@pytest.mark.parametrize("field", ["nan", "inf", "-inf", "NaN", "1e39"])  # 1e39 overflows float32
@pytest.mark.parametrize("header", [False, True])
def test_non_finite_numbers_in_a_text_file_name_word_and_line(tmp_path, field, header):
    path = tmp_path / "v.txt"
    lines = ["a 1 2 3", "b 4 5 6", f"bad word {field} 0 1", "d 7 8 9"]
    path.write_text(("4 3\n" if header else "") + "\n".join(lines) + "\n")
    lineno = 3 + header
    with pytest.raises(ValueError, match=rf"v.txt:{lineno}: the vector of 'bad word'.*not finite"):
        gl.KeyedVectors.load_word2vec_format(path, no_header=not header)


def test_non_finite_numbers_in_a_binary_file(tmp_path):
    path = tmp_path / "v.bin"
    random_kv(n=4).save_word2vec_format(path, binary=True)
    data = bytearray(path.read_bytes())
    at = data.index(b"w2 ") + 3 + 4  # second float of word 3
    data[at:at + 4] = np.float32(np.nan).tobytes()
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="word 3 'w2'.*not finite"):
        gl.KeyedVectors.load_word2vec_format(path, binary=True)


def test_topn_negative_is_refused_zero_and_none_keep_gensims_meaning(royal):
    with pytest.raises(ValueError, match="topn must be >= 0"):
        royal.most_similar("king", topn=-1)
    with pytest.raises(ValueError, match="topn must be >= 0"):
        royal.most_similar_cosmul("king", topn=-3)
    with pytest.raises(TypeError, match="topn must be an integer"):
        royal.most_similar("king", topn=2.5)
    assert royal.most_similar("king", topn=0) == []
    assert royal.to_gensim().most_similar("king", topn=0) == []
    everyone = royal.most_similar("king", topn=None)
    assert [w for w, _ in everyone] == [w for w, _ in royal.most_similar("king", topn=5)]
    # gensim's None: the score of every word (the query included); ours: every other word, sorted
    scores = royal.to_gensim().most_similar("king", topn=None)
    assert sorted(np.delete(scores, 0), reverse=True) == pytest.approx([s for _, s in everyone])


def test_duplicate_words_keep_the_first_and_warn_once_with_the_count(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("a 1 2\nb 3 4\na 5 6\nc 7 8\nb 9 9\na 0 1\n")
    with pytest.warns(UserWarning, match=r"3 duplicate words \(the first: 'a' at line 3\)") as w:
        kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True)
    assert len(w) == 1
    assert kv.index_to_key == ["a", "b", "c"]
    np.testing.assert_array_equal(kv.vectors, [[1, 2], [3, 4], [7, 8]])
    theirs = GensimKV.load_word2vec_format(str(path), no_header=True)  # gensim keeps the same
    assert theirs.index_to_key[:3] == kv.index_to_key  # (4.4 then pads its list with None)
    np.testing.assert_array_equal(theirs.vectors[:3], kv.vectors)


def test_fields_split_on_plain_spaces_only(tmp_path):
    # 840B-like: words with non-breaking spaces, tabs and spaces; the last d fields are the vector
    words = ["the", "new\u00a0york", "a\tb", ". . .", "\u00a0", "x\u2009y"]
    path = tmp_path / "v.txt"
    path.write_text("".join(f"{w} {i} {i + 0.5} -{i}\n" for i, w in enumerate(words)),
                    encoding="utf-8")
    kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True)
    assert kv.index_to_key == words and kv.vector_size == 3
    np.testing.assert_array_equal(kv["a\tb"], [2, 2.5, -2])


def test_missing_file_says_vectors_file(tmp_path):
    for binary in (False, True):
        with pytest.raises(FileNotFoundError, match="vectors file not found"):
            gl.KeyedVectors.load_word2vec_format(tmp_path / "nope.txt", binary=binary)


def test_limit_reads_only_what_it_keeps(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("a 1 2 3\nb 4 5 6\nthis line is broken\nc x y\n")
    kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True, limit=2)
    assert kv.index_to_key == ["a", "b"]
    path.write_text("4 3\na 1 2 3\nb 4 5 6\nc nan 1 2\n")
    assert len(gl.KeyedVectors.load_word2vec_format(path, limit=2)) == 2
    with pytest.raises(ValueError, match="limit"):
        gl.KeyedVectors.load_word2vec_format(path, limit=0)


def test_compressed_text_files(tmp_path):
    import gzip

    kv = random_kv(n=30)
    kv.save_word2vec_format(tmp_path / "v.txt", write_header=False)
    with gzip.open(tmp_path / "v.txt.gz", "wb") as f:
        f.write((tmp_path / "v.txt").read_bytes())
    back = gl.KeyedVectors.load_word2vec_format(tmp_path / "v.txt.gz", no_header=True, limit=20)
    assert back.index_to_key == kv.index_to_key[:20]
    np.testing.assert_allclose(back.vectors, kv.vectors[:20], rtol=1e-5)


def test_loading_peaks_near_the_final_array(tmp_path, monkeypatch):
    # allocations (traced by tracemalloc, numpy's included), not timings: the old reader kept a
    # list of float64 rows and peaked at ~3x the final float32 array
    import tracemalloc

    from glovelib import _vecfile

    monkeypatch.setattr(_vecfile, "_CHUNK_BYTES", 1 << 16)
    rng = np.random.default_rng(0)
    n, d = 6000, 200
    path = tmp_path / "v.txt"
    vecs = rng.normal(size=(n, d)).astype(np.float32)
    with open(path, "w") as f:
        for i in range(n):
            f.write(f"w{i} " + " ".join(f"{x:.5f}" for x in vecs[i]) + "\n")
    tracemalloc.start()
    try:
        kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kv.vectors.shape == (n, d) and kv.vectors.dtype == np.float32
    np.testing.assert_allclose(kv.vectors, vecs, atol=1e-5)
    assert peak <= 1.3 * kv.vectors.nbytes, peak / kv.vectors.nbytes
