"""Helpers of notebook 08 (the comparison, measured): counted work, Word2Vec snapshots and
vocabulary update, power-law crossover, and the window-pairs check."""

import numpy as np
import pytest

import glovelib as gl
from glovelib import baselines, checks, datasets


def brute_pairs(lengths, window, dynamic=False):
    """Enumerate every (centre, context) pair; with ``dynamic``, average over windows 1..w."""
    windows = range(1, window + 1) if dynamic else [window]
    total = 0.0
    for L in lengths:
        for r in windows:
            total += sum(1 for i in range(L) for j in range(L) if 0 < abs(i - j) <= r)
    return total / len(windows)


@pytest.mark.parametrize("dynamic", [False, True])
def test_window_pairs_against_enumeration(dynamic):
    rng = np.random.default_rng(1)
    for _ in range(20):
        lengths = rng.integers(0, 25, size=int(rng.integers(1, 6)))
        window = int(rng.integers(1, 12))
        assert baselines.window_pairs(lengths, window, dynamic) == pytest.approx(
            brute_pairs(lengths, window, dynamic), rel=1e-12)


def test_window_pairs_long_documents_approach_2wL_and_w_plus_1_L():
    assert baselines.window_pairs([10_000], 10) == pytest.approx(2 * 10 * 10_000, rel=0.01)
    assert baselines.window_pairs([10_000], 10, dynamic=True) == pytest.approx(11 * 10_000,
                                                                               rel=0.01)


@pytest.mark.parametrize("window", [0, -1, 2.5, True])
def test_window_pairs_rejects_bad_window(window):
    with pytest.raises(ValueError, match="window"):
        baselines.window_pairs([5], window)


def test_window_pairs_rejects_negative_lengths():
    with pytest.raises(ValueError, match="doc_lengths"):
        baselines.window_pairs([3, -1], 2)


def test_power_law_crossover():
    x = np.array([10.0, 100.0, 1000.0, 5000.0])
    # 2 x^0.8 = 0.5 x  <=>  x^0.2 = 4  <=>  x = 1024
    assert baselines.power_law_crossover(x, 2 * x**0.8, 0.5 * x) == pytest.approx(1024, rel=1e-9)
    assert baselines.power_law_crossover(x, 2 * x, 3 * x) == float("inf")
    with pytest.raises(ValueError, match="positive"):
        baselines.power_law_crossover(x, -x, x)
    with pytest.raises(ValueError, match="same length"):
        baselines.power_law_crossover(x, x[:3], x)


@pytest.fixture(scope="module")
def small_world():
    world = datasets.planted_corpus(n_sentences=2_000, seed=0)
    return world, gl.Vocabulary.build(world.documents)


def test_word2vec_snapshots_are_the_learning_curve_of_one_run(small_world):
    world, vocab = small_world
    snaps = []
    model = baselines.word2vec_model(world.documents, vocab, vector_size=10, window=5,
                                     epochs=3, seed=0, snapshots=snaps)
    assert len(snaps) == 3 and all(s.index_to_key == vocab.words for s in snaps)
    np.testing.assert_array_equal(snaps[-1].vectors,
                                  np.array([model.wv[w] for w in vocab.words]))
    assert not np.allclose(snaps[0].vectors, snaps[-1].vectors)  # taken after each epoch
    # the same run as the library's train_word2vec with the same settings
    same = baselines.train_word2vec(world.documents, vocab, vector_size=10, window=5, epochs=3,
                                    seed=0)
    np.testing.assert_allclose(same.vectors, snaps[-1].vectors, rtol=1e-6, atol=1e-7)


def test_update_word2vec_learns_new_words(small_world, caplog):
    world, _ = small_world
    new = {"paris", "france"}
    old_docs = [d for d in world.documents if not new & set(d)]
    vocab = gl.Vocabulary.build(old_docs)
    model = baselines.word2vec_model(old_docs, vocab, vector_size=10, window=5, epochs=2)
    assert not any(w in model.wv for w in new)
    before = model.wv["the"].copy()
    new_docs = [d for d in world.documents if new & set(d)]
    baselines.update_word2vec(model, new_docs, epochs=2)
    assert all(w in model.wv for w in new)
    assert not np.allclose(before, model.wv["the"])  # old words in the new text move too
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    with pytest.raises(ValueError, match="empty"):
        baselines.update_word2vec(model, [])


def test_check_window_pairs_accepts_a_right_answer_and_names_wrong_ones(capsys):
    checks.check_window_pairs(lambda lengths, w: brute_pairs(lengths, w))
    assert "passed" in capsys.readouterr().out
    with pytest.raises(checks.CheckFailed, match="expected"):  # off by one: distance w missed
        checks.check_window_pairs(lambda lengths, w: brute_pairs(lengths, w - 1) if w > 1 else 0)
    with pytest.raises(checks.CheckFailed, match="twice"):  # one direction only
        checks.check_window_pairs(lambda lengths, w: brute_pairs(lengths, w) / 2)
    with pytest.raises(checks.CheckFailed):  # 2 w L: ignores documents shorter than the window
        checks.check_window_pairs(lambda lengths, w: 2 * w * sum(lengths))
