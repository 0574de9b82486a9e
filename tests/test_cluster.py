"""glovelib.cluster on a real Dask LocalCluster of worker processes: counting and training give
the one machine's matrix and vectors bit for bit, what moves is what the placement predicts, and a
worker killed mid-fit makes the fit fail.  One cluster of three workers for the whole module
(its start-up is most of the cost); the fits use one, two or all three of its workers."""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
import time

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import cluster

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow  # a cluster of processes starts in seconds


@pytest.fixture(scope="module")
def client():
    # A Nanny writes its workers' environment into this process's os.environ before it starts
    # one (PYTHONHASHSEED=6640, OMP_NUM_THREADS=1, ...): restored afterwards, or the notebooks
    # that the suite runs after this module would start their kernels with it.
    saved = dict(os.environ)
    lc = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.CRITICAL)
    c = distributed.Client(lc)
    try:
        yield c
    finally:
        c.close()
        lc.close()
        os.environ.clear()
        os.environ.update(saved)


def addresses(client):
    return cluster.worker_addresses(client)


def random_docs(n_docs, vocab_size, seed):
    rng = np.random.default_rng(seed)
    # Zipf-like ids, documents of very different lengths (some empty)
    return [np.minimum(rng.zipf(1.3, size=int(n)) - 1, vocab_size - 1).astype(np.int32)
            for n in rng.integers(0, 400, size=n_docs)]


def random_matrix(V=200, density=0.1, seed=0, high=300.0):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=density, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.05, high, n))
    return sp.csr_matrix(X + X.T)


def same_model(a, b):
    return (all(np.array_equal(x, y) for x, y in zip(a.weights_.arrays(), b.weights_.arrays(),
                                                      strict=True))
            and all(np.array_equal(x, y) for x, y in zip(a._sq, b._sq, strict=True))
            and a.loss_history_ == b.loss_history_)


# --------------------------------------------------------------------------- counting


@pytest.mark.parametrize("window, symmetric, weighting", [(15, True, True), (4, False, True),
                                                           (7, True, False)])
def test_counting_on_the_cluster_is_the_one_machine_matrix_bit_for_bit(client, window,
                                                                         symmetric, weighting):
    V = 120
    docs = random_docs(60, V, seed=window)
    shards = [docs[:5], docs[5:6], [], docs[6:40], docs[40:]]  # uneven, one empty
    one = gl.count_cooccurrences(docs, V, window, symmetric, weighting)
    X = cluster.count_on_cluster(client, shards, V, window, symmetric, weighting, n_partitions=3)
    assert X.shape == one.shape and X.dtype == one.dtype
    assert np.array_equal(X.indptr, one.indptr) and np.array_equal(X.indices, one.indices)
    assert np.array_equal(X.data, one.data)  # bit for bit, not to round-off
    # control: summing the shards' float matrices instead is not bit-identical here
    floats = sum(gl.count_cooccurrences(s, V, window, symmetric, weighting) for s in shards if s)
    assert weighting is False or not np.array_equal(sp.csr_matrix(floats).data, one.data)


def test_vocabulary_on_the_cluster_equals_build(client):
    rng = np.random.default_rng(3)
    words = [f"w{k}" for k in range(50)]
    docs = [[words[min(int(z), 49)] for z in rng.zipf(1.5, size=int(n))]
            for n in rng.integers(1, 60, size=40)]
    shards = [docs[:10], docs[10:11], docs[11:]]
    for min_count, max_size in ((1, None), (3, 10)):
        got = cluster.vocabulary_on_cluster(client, shards, min_count, max_size)
        assert got == gl.Vocabulary.build(docs, min_count, max_size)
        assert list(got.counts) == list(gl.Vocabulary.build(docs, min_count, max_size).counts)


# --------------------------------------------------------------------------- training


@pytest.mark.parametrize("n_workers", [1, 2, 3])
def test_fit_on_the_cluster_is_the_one_machine_fit_bit_for_bit(client, n_workers):
    X = random_matrix(seed=n_workers)
    params = dict(vector_size=10, epochs=3, random_state=n_workers, n_blocks=5)
    one = gl.GloVe(**params).fit(X)
    used = addresses(client)[:n_workers]
    model = cluster.fit_on_cluster(client, X, gl.GloVe(**params), workers=used)
    assert same_model(model, one)
    assert model.epochs_trained_ == 3 and model.n_entries_ == X.nnz
    log = model.cluster_log_
    assert log.workers == used and sum(log.updates_per_worker) == X.nnz
    assert [sum(s) for s in log.stratum_updates] == [X.nnz] * 3  # each entry once an epoch
    # column blocks move only between different workers
    assert (max(log.moved_blocks) == 0) == (n_workers == 1)
    # control: another seed gives other vectors (the equality above is not vacuous)
    other = gl.GloVe(**{**params, "random_state": 99}).fit(X)
    assert not np.array_equal(other.W_, model.W_)
    # the fitted model continues on one machine as if it had been trained there
    assert same_model(model.partial_fit(X, 2), one.partial_fit(X, 2))


@pytest.mark.parametrize("n_blocks, n_workers", [(8, 2), (6, 3), (12, 4)])
def test_expected_moves_is_the_mean_of_simulated_epochs(n_blocks, n_workers):
    """The formula against the placement rule itself: a column block sits where it was last
    trained and moves when its next row block lives on another worker (r mod n)."""
    rng = np.random.RandomState(0)
    owner = [r % n_workers for r in range(n_blocks)]
    where, moves = None, []
    for _ in range(3000):
        order = gl.schedule.strata(n_blocks, rng)
        if where is None:  # the first epoch places each block where it is first trained
            where = {int(order[0, r]): owner[r] for r in range(n_blocks)}
        moved = 0
        for s in range(n_blocks):
            for r in range(n_blocks):
                c = int(order[s, r])
                moved += where[c] != owner[r]
                where[c] = owner[r]
        moves.append(moved)
    want = cluster.expected_moves(n_blocks, n_workers)
    assert abs(np.mean(moves[1:]) - want) < 0.02 * want
    assert abs(np.mean(moves[1:]) - n_blocks * n_blocks * (1 - 1 / n_workers)) > 0.05 * want


def test_bytes_moved_are_the_column_blocks_the_placement_predicts(client):
    X = random_matrix(V=300, seed=7)
    d, B = 12, 6
    before = cluster.transferred_bytes(client)
    model = cluster.fit_on_cluster(client, X, workers=addresses(client)[:2], vector_size=d,
                                   epochs=2, random_state=0, n_blocks=B)
    measured = cluster.transferred_bytes(client) - before
    log = model.cluster_log_
    predicted = sum(log.moved_bytes)
    # what Dask counted between workers: the column blocks (W~, b~ and sums, float32) and the
    # few hundred bytes of each container, nothing else (the row blocks never move)
    assert predicted > 0 and sum(log.moved_blocks) > 0
    assert predicted <= measured <= predicted + 400 * sum(log.moved_blocks)
    # each moved block weighs its rows x (2 d + 2) float32
    assert predicted % ((2 * d + 2) * 4) == 0
    # the mean over the schedule is the formula (B + 1)(1 - 1/n) V (2d + 2) 4 per epoch (B (B + 1)
    # (1 - 1/n) moves of V/B rows: 1 - 1/n in an epoch's first stratum, B (1 - 1/n) / (B - 1)
    # in the others, whose next row block is another one), within the
    # spread of the random strata (two epochs: 2 x 6 x 6 blocks placed)
    formula = (B + 1) * (1 - 1 / 2) * 300 * (2 * d + 2) * 4
    assert 0.5 * formula < np.mean(log.moved_bytes) < 1.5 * formula


def test_command_line_glove_with_a_scheduler_writes_the_one_machine_vectors(client, tmp_path):
    from glovelib.__main__ import main

    corpus = tmp_path / "c.txt"
    corpus.write_text("\n".join(gl.datasets.toy_corpus() * 20) + "\n")
    vocab, cooc = tmp_path / "v.txt", tmp_path / "x.npz"
    assert main(["vocab", str(corpus), "-o", str(vocab), "--min-count", "2"]) == 0
    assert main(["cooccur", str(corpus), "--vocab", str(vocab), "-o", str(cooc)]) == 0
    fit = ["--dim", "8", "--epochs", "3"]
    assert main(["glove", str(cooc), "--vocab", str(vocab), "-o", str(tmp_path / "one.txt"),
                 *fit]) == 0
    assert main(["glove", str(cooc), "--vocab", str(vocab), "-o", str(tmp_path / "dask.txt"),
                 "--scheduler", client.scheduler.address, *fit]) == 0
    # the command line's defaults: B chosen from the vocabulary and d (auto_blocks)
    one, there = ((tmp_path / n).read_text() for n in ("one.txt", "dask.txt"))
    assert there == one and len(one.splitlines()) == len(gl.Vocabulary.load(vocab))


# --------------------------------------------------------------------------- failures


def test_divergence_on_the_cluster_stops_as_on_one_machine(client):
    X = random_matrix(V=40, density=0.4, seed=13)
    params = dict(vector_size=8, epochs=5, learning_rate=1e6, random_state=0, n_blocks=4)
    with pytest.raises(FloatingPointError, match="smaller learning_rate") as one:
        gl.GloVe(**params).fit(X)
    model = gl.GloVe(**params)
    with pytest.raises(FloatingPointError, match="smaller learning_rate") as there:
        cluster.fit_on_cluster(client, X, model)
    assert str(there.value) == str(one.value)  # the same epoch, the same figures
    assert not hasattr(model, "W_")


def test_bad_arguments_are_named(client):
    X = random_matrix(V=30)
    with pytest.raises(ValueError, match="schedule must be 'blocked'"):
        cluster.fit_on_cluster(client, X, schedule="shuffle")
    with pytest.raises(ValueError, match="not in the cluster"):
        cluster.fit_on_cluster(client, X, workers=["tcp://127.0.0.1:1"])
    with pytest.raises(TypeError, match="distributed.Client"):
        cluster.fit_on_cluster("tcp://127.0.0.1:8786", X)
    with pytest.raises(TypeError, match="either a model or"):
        cluster.fit_on_cluster(client, X, gl.GloVe(), epochs=3)
    with pytest.raises(ValueError, match="square"):
        cluster.fit_on_cluster(client, sp.csr_matrix((3, 4)))
    with pytest.raises(ValueError, match="no shards"):
        cluster.count_on_cluster(client, [], 10)
    with pytest.raises(ValueError, match="min_count must be >= 1"):
        cluster.vocabulary_on_cluster(client, [[["a"]]], min_count=0)
    with pytest.raises(TypeError, match="each document must be a list of tokens"):
        cluster.vocabulary_on_cluster(client, [["a b"]])
    with pytest.raises(ValueError, match="out of range"):
        cluster.count_on_cluster(client, [[np.array([0, 12])]], 10)


def test_a_worker_killed_mid_fit_makes_the_fit_fail_clearly(client):
    # last in the module: the nanny restarts the killed worker, under a new address
    X = random_matrix(V=200, seed=2)
    pids = client.run(os.getpid)
    victim = addresses(client)[1]
    model = gl.GloVe(vector_size=10, epochs=500, random_state=0, n_blocks=4)
    outcome = {}

    def fit():
        try:
            cluster.fit_on_cluster(client, X, model, workers=addresses(client)[:2])
            outcome["returned"] = True
        except Exception as exc:  # noqa: BLE001 - inspected below
            outcome["error"] = exc

    thread = threading.Thread(target=fit)
    thread.start()
    deadline = time.monotonic() + 60
    while getattr(model, "epochs_trained_", 0) < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert model.epochs_trained_ >= 1  # the fit was under way: epochs had finished
    os.kill(pids[victim], signal.SIGKILL)
    thread.join(60)
    assert not thread.is_alive()
    assert "returned" not in outcome
    assert isinstance(outcome["error"], RuntimeError)
    assert re.search("the fit.* failed", str(outcome["error"]))
    assert not hasattr(model, "W_")  # no vectors left behind
