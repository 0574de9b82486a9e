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
