"""Baselines (Word2Vec via gensim, PPMI-SVD) and the plotting functions."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.sparse as sp  # noqa: E402

import glovelib as gl  # noqa: E402
from glovelib import baselines, datasets  # noqa: E402


@pytest.fixture(scope="module")
def planted():
    world = datasets.planted_corpus(n_sentences=30_000, seed=0)
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), 15)
    return world, vocab, X


def test_ppmi_against_a_dense_formula():
    rng = np.random.default_rng(0)
    D = rng.poisson(2.0, size=(6, 6)).astype(float)
    D = D + D.T
    P = baselines.ppmi(sp.csr_matrix(D), context_smoothing=1.0).toarray()
    S = D.sum()
    with np.errstate(divide="ignore"):
        want = np.maximum(np.log(D * S / np.outer(D.sum(1), D.sum(0))), 0)
    np.testing.assert_allclose(P, np.where(D > 0, want, 0), rtol=1e-12, atol=1e-12)


def test_pmi_svd_factorizes_every_cell_of_the_smoothed_pmi():
    rng = np.random.default_rng(1)
    D = rng.poisson(1.0, size=(8, 8)).astype(float)
    D = D + D.T
    D[0, 0] = 3.0  # every row has a count
    assert (D == 0).any()  # unseen pairs: they get log(add), not 0
    total, rows = D.sum(), D.sum(1)
    cols = D.sum(0) ** 0.75
    cols = total * cols / cols.sum()
    M = np.array([[np.log((D[i, j] + 0.5) * total / (rows[i] * cols[j])) for j in range(8)]
                  for i in range(8)])  # cell by cell
    U, S, _ = np.linalg.svd(M)
    kv = baselines.pmi_svd(sp.csr_matrix(D), [f"w{i}" for i in range(8)], dim=4, add=0.5,
                           eigenvalue_weight=1.0)
    want = (U[:, :4] * S[:4] ** 2) @ U[:, :4].T  # (U S)(U S)^T: signs cancel
    np.testing.assert_allclose(kv.vectors @ kv.vectors.T, want, rtol=1e-4, atol=1e-4)
    assert baselines.pmi_svd(sp.csr_matrix(D), list("abcdefgh"), dim=2).vector_size == 2
    with pytest.raises(ValueError, match="dense 8 x 8 matrix.*max_words=5"):
        baselines.pmi_svd(sp.csr_matrix(D), list("abcdefgh"), dim=2, max_words=5)
    with pytest.raises(ValueError, match="add must be positive"):
        baselines.pmi_svd(sp.csr_matrix(D), list("abcdefgh"), dim=2, add=0.0)


@pytest.mark.slow
def test_ppmi_svd_recovers_planted_relations(planted):
    world, vocab, X = planted
    kv = baselines.ppmi_svd(X, vocab, dim=30)
    assert kv.index_to_key == vocab.words and kv.vector_size == 30
    assert kv.analogy("france", "paris", "italy") == "rome"
    again = baselines.ppmi_svd(X, vocab, dim=30)
    assert np.array_equal(kv.vectors, again.vectors)
    with pytest.raises(ValueError, match="dim"):
        baselines.ppmi_svd(X, vocab, dim=0)
    with pytest.raises(ValueError, match="vocabulary"):
        baselines.ppmi_svd(X, vocab.words[:3], dim=5)


@pytest.mark.slow
def test_word2vec_same_vocabulary_reproducible_and_learns(planted, tmp_path):
    world, vocab, _ = planted
    a = baselines.train_word2vec(world.documents, vocab, vector_size=30, epochs=3, seed=1)
    b = baselines.train_word2vec(world.documents, vocab, vector_size=30, epochs=3, seed=1)
    c = baselines.train_word2vec(world.documents, vocab, vector_size=30, epochs=3, seed=2)
    assert a.index_to_key == vocab.words  # same words, same order as GloVe's
    assert np.array_equal(a.vectors, b.vectors)  # one worker + stable hash: reproducible
    assert not np.array_equal(a.vectors, c.vectors)  # ... and the seed is used
    path = world.write_questions(tmp_path / "planted.txt")
    acc = gl.evaluate.analogy_accuracy(a, path).accuracy
    assert acc > 0.5


def test_word2vec_progress_shows_every_epoch_and_changes_nothing(capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):  # the plain lines, which name each epoch
        if name.startswith("tqdm"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    docs = [["a", "b", "c", "d"] * 20, ["c", "d", "a"] * 20]
    vocab = gl.Vocabulary.build(docs, min_count=1)
    quiet = baselines.train_word2vec(docs, vocab, vector_size=4, epochs=3, seed=0)
    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    shown = baselines.train_word2vec(docs, vocab, vector_size=4, epochs=3, seed=0, progress=True)
    err = capsys.readouterr().err
    assert [f"epoch {k} ({k} of 3)" in err for k in (1, 2, 3)] == [True, True, True]
    np.testing.assert_array_equal(quiet.vectors, shown.vectors)


def test_word2vec_without_vocab_uses_min_count():
    docs = [["a", "b", "c"] * 5, ["a", "b"] * 5]
    kv = baselines.train_word2vec(docs, vector_size=4, min_count=6, epochs=1)
    assert set(kv.index_to_key) == {"a", "b"}


@pytest.fixture
def kv(planted):
    _, vocab, X = planted
    return gl.GloVe(vector_size=10, epochs=3, random_state=0, x_max=10).fit(X) \
        .to_keyed_vectors(vocab)


def _check(fig, title_part=None):
    assert isinstance(fig, plt.Figure)
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    if title_part:
        assert any(title_part in ax.get_title() for ax in fig.axes)
    plt.close(fig)


@pytest.mark.slow
def test_plots_return_labelled_figures(planted, kv):
    world, vocab, X = planted
    words = ["paris", "france", "rome", "italy", "king", "queen", "man", "woman"]
    _check(gl.plot.weighting_function((10, 100), (0.5, 0.75)), "weighting")
    _check(gl.plot.cooccurrence_heatmap(X, vocab.words, n=10), "log")
    _check(gl.plot.zipf(vocab.counts), "Zipf")
    _check(gl.plot.loss_curves({"a": [3, 2, 1], "b": [4, 3, 2]}), "loss")
    _check(gl.plot.scatter_words(kv, words, "pca"))
    _check(gl.plot.scatter_words(kv, words, "tsne"))
    _check(gl.plot.analogy_arrows(kv, [("france", "paris"), ("italy", "rome")]))
    _check(gl.plot.side_by_side({"one": kv, "two": kv}, words))
    _check(gl.plot.similarity_heatmap(kv, words))


@pytest.mark.slow
def test_analogy_arrows_point_from_first_to_partner_with_a_legend(kv):
    pairs = [("france", "paris"), ("italy", "rome")]
    fig = gl.plot.analogy_arrows(kv, pairs, labels=("country", "capital"))
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["country", "capital"]
    assert "country → capital" in legend.get_title().get_text()
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == len(pairs)
    for arrow, (a, b) in zip(arrows, pairs, strict=True):
        assert "-|>" in str(arrow.arrowprops["arrowstyle"])  # a filled head: the direction shows
        start, end = np.asarray(arrow.xyann), np.asarray(arrow.xy)
        words = [t for t in ax.texts if t.get_text() in (a, b)]
        where = {t.get_text(): np.asarray(t.xy) for t in words}
        assert np.allclose(start, where[a]) and np.allclose(end, where[b])


def test_weighting_plot_draws_f():
    fig = gl.plot.weighting_function((10,), (0.75,), x_range=20)
    line = fig.axes[0].lines[0]
    x, y = line.get_data()
    np.testing.assert_allclose(y, gl.objective.weighting(x, 10, 0.75))
    plt.close(fig)


def test_pca_projection_is_sign_fixed_and_centered():
    """Points with known principal axes (a random rotation Q of axes with variances 9 > 4 > ...):
    PCA must return their coordinates on Q's first two columns, each axis signed so that its
    largest coordinate is positive -- and so the same picture for v and for -v, mirrored."""
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    Z = rng.normal(size=(400, 6))
    Z = (Z - Z.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(Z.T, bias=True))).T  # white
    v = 5.0 + Z @ np.diag([3.0, 2.0, 1.0, 0.5, 0.3, 0.1]) @ Q.T
    axes = Q[:, :2] * np.sign(Q[np.abs(Q[:, :2]).argmax(axis=0), [0, 1]])  # (6, 2), signs fixed
    want = (v - v.mean(axis=0)) @ axes
    np.testing.assert_allclose(gl.plot.project(v), want, atol=1e-9)
    np.testing.assert_allclose(gl.plot.project(-v), -want, atol=1e-9)  # same axes, same signs
    np.testing.assert_allclose(gl.plot.project(v[:, ::-1]), want, atol=1e-9)  # order of dims
    with pytest.raises(ValueError, match="pca"):
        gl.plot.project(v, "umap")
