"""The blocked schedule: its grid, its strata, its in-block shuffle, an epoch against the NumPy
reference in the order it visits, bit-identical results for 1, 2 and 16 threads, and quality
against the serial full-shuffle kernel as the oracle."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import objective as ob
from glovelib.train import kernels as K
from glovelib.train import schedule


def random_matrix(V=60, density=0.2, seed=0, high=300.0):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=density, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.05, high, n))
    return sp.csr_matrix(X + X.T)


def test_word_blocks_are_a_balanced_random_partition():
    blocks = schedule.word_blocks(103, 10, 0)
    assert blocks.dtype == np.int32 and sorted(set(blocks)) == list(range(10))
    assert sorted(np.bincount(blocks)) == [10] * 7 + [11] * 3
    assert np.array_equal(blocks, schedule.word_blocks(103, 10, 0))
    assert not np.array_equal(blocks, schedule.word_blocks(103, 10, 1))
    assert not np.array_equal(blocks, np.sort(blocks))  # permuted, not cut in id order


def test_strata_are_a_latin_square_from_the_seed():
    S = schedule.strata(7, 3)
    for k in range(7):  # a stratum pairs each row block with a different column block ...
        assert sorted(S[k]) == list(range(7))
        assert sorted(S[:, k]) == list(range(7))  # ... and each block comes once an epoch
    assert np.array_equal(S, schedule.strata(7, 3)) and not np.array_equal(S, schedule.strata(7, 4))


@pytest.mark.parametrize("n_blocks, error", [(0, ValueError), (-2, ValueError), (2.5, TypeError),
                                             (True, TypeError), (61, ValueError)])
def test_nonsensical_block_counts_are_clear_errors(n_blocks, error):
    with pytest.raises(error, match="n_blocks"):
        gl.GloVe(n_blocks=n_blocks, epochs=1).fit(random_matrix())


def test_auto_blocks_fit_a_block_in_l2_and_ignore_threads():
    assert schedule.auto_blocks(9002, 50, 4) == 8  # 9002 * 204 * 4 bytes / 1 MiB = 7.005
    assert schedule.auto_blocks(9002, 100, 4) == 14
    assert schedule.auto_blocks(73_000, 50, 4) == 57
    assert schedule.auto_blocks(60, 8, 4) == 8 and schedule.auto_blocks(5, 8, 4) == 5
    assert schedule.auto_blocks(10**7, 300, 8) == 256


def test_entries_are_grouped_by_block_and_the_in_block_shuffle_keeps_them():
    X = random_matrix(V=50, density=0.3, seed=1)
    blocks = schedule.word_blocks(50, 6, 2)
    data = schedule.BlockedEntries(X, blocks, 10.0, 0.75, np.float64)
    e, starts, words = data.entries, data.starts, data.words
    # entries hold slots: each block's words side by side, in id order inside a block
    assert np.array_equal(blocks[words], np.sort(blocks))
    assert all(np.all(np.diff(words[blocks[words] == k]) > 0) for k in range(6))
    g = blocks[words[e["i"]]] * 6 + blocks[words[e["j"]]]
    assert np.array_equal(g, np.repeat(np.arange(36), np.diff(starts)))  # block g: starts[g:g+2]
    for k in range(36):  # row-major inside a block (rows in id order, then columns)
        pairs = list(zip(words[e["i"][starts[k]:starts[k + 1]]].tolist(),
                         words[e["j"][starts[k]:starts[k + 1]]].tolist(), strict=True))
        assert pairs == sorted(pairs)
    two = schedule.BlockedEntries(X, blocks, 10.0, 0.75, np.float64, n_threads=2)
    assert np.array_equal(two.entries, e) and np.array_equal(two.starts, starts)  # same, threaded
    coo = X.tocoo()
    want = sorted(zip(coo.row.tolist(), coo.col.tolist(), np.log(coo.data).tolist(), strict=True))
    got = sorted(zip(words[e["i"]].tolist(), words[e["j"]].tolist(), e["logx"].tolist(),
                     strict=True))
    assert [(i, j) for i, j, _ in got] == [(i, j) for i, j, _ in want]
    # log X by Numba's libm against NumPy's: equal to the last bit or two (not bit for bit on
    # every NumPy version)
    np.testing.assert_allclose([v for *_, v in got], [v for *_, v in want], rtol=1e-15)
    p = ob.init_weights(50, 4, 0)
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    before = e.copy()
    data.epoch(p.arrays(), sq.arrays(), np.random.RandomState(0), 0.05, 100.0, 1)
    assert np.array_equal(before, e)  # every epoch shuffles in place, then puts back
    shuffled = e.copy()
    for k in range(36):
        K._shuffle_block(shuffled, starts[k], starts[k + 1], 12345 + k)
    assert not np.array_equal(shuffled, e)  # a shuffle moves entries inside each block only
    for k in range(36):
        s = slice(starts[k], starts[k + 1])
        assert sorted(before[s].tolist()) == sorted(shuffled[s].tolist())
        K._unshuffle_block(shuffled, starts[k], starts[k + 1], 12345 + k)
    assert np.array_equal(shuffled, e)


def test_in_block_shuffle_is_uniform():
    e = np.zeros(4, dtype=K.entry_dtype(np.float64))
    counts = np.zeros((4, 4))
    rs = np.random.RandomState(0)
    for _ in range(4800):
        e["i"] = np.arange(4)
        K._shuffle_block(e, 0, 4, rs.randint(1, 2**31 - 1))
        counts[np.arange(4), e["i"]] += 1
    chi2 = ((counts - 1200) ** 2 / 1200).sum()  # 9 degrees of freedom
    assert chi2 < 30, chi2


def test_one_blocked_epoch_is_the_reference_in_the_order_it_visits():
    X = random_matrix(V=40, density=0.4, seed=3)
    blocks = schedule.word_blocks(40, 5, 0)
    data = schedule.BlockedEntries(X, blocks, 10.0, 0.75, np.float64)
    p = ob.init_weights(40, 6, 1)
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    ref_p, ref_sq = p.copy(), sq.copy()
    got = data.epoch(p.arrays(), sq.arrays(), np.random.RandomState(5), 0.05, 100.0, 1)
    rs = np.random.RandomState(5)  # the same draws as the epoch's: strata, then block seeds
    order, seeds = schedule.strata(5, rs), rs.randint(1, 2**31 - 1, size=25)
    e = data.entries.copy()
    for g in range(25):
        K._shuffle_block(e, data.starts[g], data.starts[g + 1], seeds[g])
    visited = [e[data.starts[g]:data.starts[g + 1]]
               for s in range(5) for g in (r * 5 + order[s, r] for r in range(5))]
    e = np.concatenate(visited)
    ref = ob.adagrad_epoch(ref_p, ref_sq, data.words[e["i"]], data.words[e["j"]],
                           np.exp(e["logx"]), np.arange(len(e)), 0.05, 10.0, 0.75)
    assert got[0] / len(e) == pytest.approx(ref, rel=1e-12) and got[1] == 0
    for a, b in zip(p.arrays() + sq.arrays(), ref_p.arrays() + ref_sq.arrays(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_blocked_vectors_do_not_depend_on_threads_16_threads_for_real(tmp_path):
    X = random_matrix(V=400, density=0.1, seed=4)
    sp.save_npz(tmp_path / "X.npz", X)
    code = textwrap.dedent(f"""
        import numba, numpy as np, scipy.sparse as sp, warnings, glovelib as gl
        assert numba.config.NUMBA_NUM_THREADS == 16
        X = sp.load_npz({str(tmp_path / 'X.npz')!r})
        runs = {{}}
        for t in (1, 2, 16):
            for blocks in (None, 16, 23):
                m = gl.GloVe(vector_size=12, epochs=4, random_state=3, n_threads=t,
                             n_blocks=blocks).fit(X)
                runs[t, blocks] = m
                assert t == 1 or numba.get_num_threads() == t  # not clipped
        for (t, blocks), m in runs.items():
            one = runs[1, blocks]
            assert m.loss_history_ == one.loss_history_, (t, blocks)
            for a, b in zip(m.weights_.arrays(), one.weights_.arrays()):
                assert np.array_equal(a, b), (t, blocks)
        assert not np.array_equal(runs[1, 16].W_, runs[1, 23].W_)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            m = gl.GloVe(vector_size=12, epochs=4, random_state=3, n_threads=64).fit(X)
        assert any("NUMBA_NUM_THREADS" in str(x.message) for x in w)
        assert np.array_equal(m.W_, runs[1, None].W_)
        print("ok")
    """)
    env = {**os.environ, "NUMBA_NUM_THREADS": "16"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_hogwild_is_selectable_and_runs_on_two_threads():
    X = random_matrix(V=300, density=0.3, seed=5)
    blocked = gl.GloVe(vector_size=10, epochs=5, random_state=0).fit(X)
    hog = gl.GloVe(vector_size=10, epochs=5, random_state=0, schedule="hogwild",
                   n_threads=2).fit(X)
    assert hog.loss_history_[-1] == pytest.approx(blocked.loss_history_[-1], rel=0.1)


def _quality(X, vocab, schedule_name, seed, epochs):
    kv = gl.GloVe(vector_size=50, x_max=10.0, epochs=epochs, random_state=seed,
                  schedule=schedule_name).fit(X).to_keyed_vectors(vocab)
    return kv


@pytest.mark.slow
def test_quality_on_wikipedia_as_the_serial_kernel_means_of_three_seeds():
    """Blocked against the serial full-shuffle kernel (the oracle), 3 seeds each, at 10 epochs.

    The demo's 15 epochs are checked for seed 0 by the command-line pipeline's test (WordSim-353
    >= 0.22, analogies >= 1.8%); ``benchmarks/bench_train.py --quality`` runs this comparison at
    15 epochs (a minute on two cores).  At 10 epochs the scores are lower (WordSim-353 about
    0.16) but the two schedules must still agree within noise.
    """
    corpus = gl.datasets.wikipedia_sample()
    vocab = gl.Vocabulary.build(corpus, min_count=5)
    X = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), 15)
    scores = {}
    for name in ("blocked", "shuffle"):
        sims, accs = [], []
        for seed in (0, 1, 2):
            kv = _quality(X, vocab, name, seed, 10)
            sims.append(gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path()).spearman)
            accs.append(gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
                        .accuracy)
        scores[name] = np.mean(sims), np.mean(accs)
    print(scores)
    assert scores["blocked"][0] >= 0.12 and scores["blocked"][1] >= 0.015
    # within noise of the oracle: the serial full-shuffle kernel
    assert abs(scores["blocked"][0] - scores["shuffle"][0]) < 0.05
    assert abs(scores["blocked"][1] - scores["shuffle"][1]) < 0.01


@pytest.mark.slow
def test_quality_on_the_planted_world(tmp_path):
    world = gl.datasets.planted_corpus(seed=0)
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), 15)
    path = world.write_questions(tmp_path / "planted-questions.txt")
    acc = {name: gl.evaluate.analogy_accuracy(_quality(X, vocab, name, 0, 50), path).accuracy
           for name in ("blocked", "shuffle")}
    assert acc["blocked"] > 0.95 and acc["shuffle"] > 0.95, acc


def test_block_grid_counts_nonzeros_per_block_and_outlines_a_stratum():
    import matplotlib

    matplotlib.use("Agg")
    X = random_matrix(V=30, density=0.3, seed=6)
    blocks = schedule.word_blocks(30, 4, 0)
    row = schedule.strata(4, 0)[2]
    fig = gl.plot.block_grid(X, blocks, stratum=row)
    ax = fig.axes[0]
    counts = np.zeros((4, 4), dtype=int)
    for i, j in zip(*X.nonzero(), strict=True):  # brute force
        counts[blocks[i], blocks[j]] += 1
    assert np.array_equal(ax.images[0].get_array(), counts)
    outlined = sorted((round(p.get_y() + 0.5), round(p.get_x() + 0.5)) for p in ax.patches)
    assert outlined == [(r, int(row[r])) for r in range(4)]
    fig = gl.plot.block_grid(X, blocks, stratum=1)
    assert sorted(round(p.get_x() + 0.5) for p in fig.axes[0].patches) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="permutation"):
        gl.plot.block_grid(X, blocks, stratum=[0, 0, 1, 2])
