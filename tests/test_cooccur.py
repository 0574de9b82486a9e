"""Cooccurrence counting against a brute-force pure-Python count (the oracle)."""

import os
from collections import defaultdict
from fractions import Fraction

import numpy as np
import pytest

import glovelib as gl


def brute_force(docs, window, symmetric=True, weighting=True):
    """The reference cooccur's rule, written as plainly as possible, in exact fractions."""
    X = defaultdict(Fraction)
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window), p):
                w = Fraction(1, p - q) if weighting else Fraction(1)
                X[doc[q], later] += w
                if symmetric:
                    X[later, doc[q]] += w
    return X


def as_dict(X):
    coo = X.tocoo()
    return {(int(i), int(j)): v for i, j, v in zip(coo.row, coo.col, coo.data, strict=True)}


def check_equal(X, truth, V):
    assert X.shape == (V, V)
    assert X.dtype == np.float64
    got = as_dict(X)
    want = {k: float(v) for k, v in truth.items() if v != 0}
    assert got.keys() == want.keys()
    for k, v in want.items():  # exact sums, correctly rounded
        assert got[k] == v, (k, got[k], v)


def random_docs(rng, V, n_docs):
    # Zipf-like ids so that both dense and sparse parts of the counter are used
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    return [rng.choice(V, size=rng.integers(0, 40), p=p).astype(np.int32) for _ in range(n_docs)]


@pytest.mark.parametrize("seed", range(24))
def test_matches_brute_force_on_random_corpora(seed):
    rng = np.random.default_rng(seed)
    V = int(rng.integers(1, 60))
    docs = random_docs(rng, V, int(rng.integers(1, 8)))
    docs.append(rng.integers(0, V, 30).astype(np.int32))  # never empty overall
    window = int(rng.integers(1, 16))
    symmetric, weighting = bool(seed % 2), bool((seed // 2) % 2)
    memory = [None, 20_000, 3_000][seed % 3]  # in memory; chunked with several spilled runs
    X = gl.count_cooccurrences(docs, V, window_size=window, symmetric=symmetric,
                               distance_weighting=weighting, max_memory=memory)
    check_equal(X, brute_force(docs, window, symmetric, weighting), V)
    if symmetric:
        assert (X != X.T).nnz == 0


@pytest.mark.parametrize("window", [1, 2, 5, 10, 15])
def test_chunked_is_identical_to_in_memory(window):
    rng = np.random.default_rng(window)
    docs = random_docs(rng, 300, 200)
    for symmetric in (True, False):
        A = gl.count_cooccurrences(docs, 300, window, symmetric=symmetric)
        B = gl.count_cooccurrences(docs, 300, window, symmetric=symmetric, max_memory=50_000)
        assert np.array_equal(A.indptr, B.indptr)
        assert np.array_equal(A.indices, B.indices)
        assert np.array_equal(A.data, B.data)  # bit for bit: sums are exact


def test_toy_corpus_counted_by_hand():
    """Two documents, window 2, symmetric, 1/d weighting.

    "ice is cold" / "ice ice":  ids ice=0, is=1, cold=2.
      doc 1: (ice, is) d=1 -> 1;  (ice, cold) d=2 -> 1/2;  (is, cold) d=1 -> 1
      doc 2: (ice, ice) d=1 -> 1, added to both (0,0) and (0,0): X[ice, ice] = 2
    Windows do not cross documents, so "cold" and the second document's "ice" never meet.
    """
    vocab = gl.Vocabulary.build([["ice", "is", "cold"], ["ice", "ice"]])
    assert vocab.words == ["ice", "cold", "is"]  # ice: 3; cold and is tie at 1, by the word
    docs = vocab.encode_documents([["ice", "is", "cold"], ["ice", "ice"]])
    X = gl.count_cooccurrences(docs, len(vocab), window_size=2).toarray()
    ice, cold, is_ = 0, 1, 2
    assert X[ice, ice] == 2.0
    assert X[ice, is_] == X[is_, ice] == 1.0
    assert X[ice, cold] == X[cold, ice] == 0.5
    assert X[is_, cold] == X[cold, is_] == 1.0
    assert X[cold, cold] == X[is_, is_] == 0.0


def test_out_of_vocabulary_tokens_are_removed_before_distances():
    vocab = gl.Vocabulary(["a", "b"], [2, 1])
    ids = vocab.encode(["a", "zzz", "zzz", "b"])  # a and b become neighbours
    X = gl.count_cooccurrences([ids], 2, window_size=1)
    assert X[0, 1] == 1.0


def test_left_only_window_counts_earlier_later():
    X = gl.count_cooccurrences(np.array([0, 1]), 2, window_size=3, symmetric=False)
    assert X[0, 1] == 1.0 and X[1, 0] == 0.0


def test_accepts_generators_and_plain_lists():
    docs = [[0, 1, 2], [2, 1]]
    A = gl.count_cooccurrences(docs, 3, 2)
    B = gl.count_cooccurrences((np.array(d) for d in docs), 3, 2)
    C = gl.count_cooccurrences([0, 1, 2], 3, 2)  # a single document
    assert (A != B).nnz == 0
    assert C[0, 2] == 0.5


def test_large_window_falls_back_to_float_sums():
    rng = np.random.default_rng(0)
    docs = random_docs(rng, 40, 30)
    X = gl.count_cooccurrences(docs, 40, window_size=40)
    truth = brute_force(docs, 40)
    got = as_dict(X)
    assert got.keys() == {k for k, v in truth.items() if v}
    for k, v in truth.items():
        assert got[k] == pytest.approx(float(v), rel=1e-12)


@pytest.mark.parametrize("kwargs, match", [
    (dict(corpus=[], vocab_size=3), "empty"),
    (dict(corpus=[np.array([], dtype=np.int32)], vocab_size=3), "empty"),
    (dict(corpus=[np.array([0, 1])], vocab_size=3, window_size=0), "window_size"),
    (dict(corpus=[np.array([0, 5])], vocab_size=3), "out of range"),
    (dict(corpus=[np.array([0, -1])], vocab_size=3), ">= 0"),
    (dict(corpus=[np.array([0, 1])], vocab_size=0), "vocab_size"),
    (dict(corpus=[np.array([[0, 1]])], vocab_size=3), "1-D"),
    (dict(corpus=[0, 1], vocab_size=3, max_memory="lots"), "max_memory"),
])
def test_bad_input_raises_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gl.count_cooccurrences(**kwargs)


def test_text_or_float_ids_raise_type_error():
    with pytest.raises(TypeError, match="Vocabulary.encode"):
        gl.count_cooccurrences("ice is cold", 3)
    with pytest.raises(TypeError, match="integers"):
        gl.count_cooccurrences([np.array([0.0, 1.0])], 3)
    with pytest.raises(TypeError, match="window_size"):
        gl.count_cooccurrences([[0, 1]], 3, window_size=2.5)


def test_temporary_files_are_removed_even_on_error(tmp_path):
    def docs():
        yield np.array([0, 1, 2, 1, 0] * 50, dtype=np.int32)
        yield np.array([0, 9], dtype=np.int32)  # out of range: fails mid-way

    with pytest.raises(ValueError, match="out of range"):
        gl.count_cooccurrences(docs(), 3, max_memory=5_000, tmp_dir=tmp_path)
    assert os.listdir(tmp_path) == []
    gl.count_cooccurrences([np.arange(3)] * 100, 3, max_memory=5_000, tmp_dir=tmp_path)
    assert os.listdir(tmp_path) == []


def test_progress_goes_to_stderr(capsys):
    gl.count_cooccurrences([np.arange(3)], 3, verbose=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "nonzeros" in captured.err


def test_prefetch_keeps_order_and_raises_the_producers_error():
    from glovelib.corpus.textfile import prefetch

    assert list(prefetch(iter(range(100)), depth=2)) == list(range(100))

    def broken():
        yield 1
        raise ValueError("bad chunk")

    got = []
    with pytest.raises(ValueError, match="bad chunk"):
        for item in prefetch(broken()):
            got.append(item)
    assert got == [1]
    docs = (np.array([0, 5], dtype=np.int32) for _ in range(3))  # id 5 is out of range
    with pytest.raises(ValueError, match="out of range"):
        gl.count_cooccurrences(docs, vocab_size=3)


def exact_counts(docs, V, window):
    """A vectorized oracle for long documents: int64 multiples of 1/lcm, symmetric, X = U + U^T."""
    from math import lcm

    L = lcm(*range(1, window + 1))
    U = np.zeros((V, V), dtype=np.int64)
    for doc in docs:
        doc = np.asarray(doc, dtype=np.int64)
        for k in range(1, min(window, len(doc) - 1) + 1):
            np.add.at(U, (doc[:-k], doc[k:]), L // k)
    return (U + U.T) / L


@pytest.mark.parametrize("memory", [None, 4_000_000, 2_000_000])
def test_one_and_two_counting_threads_give_identical_matrices(memory, tmp_path, monkeypatch):
    from glovelib.cooccur import runs as cooccur_runs

    added = []
    add = cooccur_runs._Runs.add
    monkeypatch.setattr(cooccur_runs._Runs, "add",
                        lambda self, k, v: (added.append(k.size), add(self, k, v))[1])
    rng = np.random.default_rng(7)
    V = 1000
    # a long document (cut into pieces shared by the threads) among short ones
    docs = random_docs(rng, V, 300) + [rng.integers(0, V, 70_000).astype(np.int32)]
    docs += random_docs(rng, V, 300)
    X1 = gl.count_cooccurrences(docs, V, 10, max_memory=memory, tmp_dir=tmp_path, n_threads=1)
    for n_threads in (2, 3):
        added.clear()
        X2 = gl.count_cooccurrences(docs, V, 10, max_memory=memory, tmp_dir=tmp_path,
                                    n_threads=n_threads)
        if memory:
            assert len(added) > 2 * n_threads  # several spilled runs
        assert np.array_equal(X1.indptr, X2.indptr)
        assert np.array_equal(X1.indices, X2.indices)
        assert np.array_equal(X1.data, X2.data)  # bit for bit
    assert np.array_equal(X1.toarray(), exact_counts(docs, V, 10))
    assert os.listdir(tmp_path) == []


def test_documents_are_cut_into_pieces_that_keep_their_windows():
    from glovelib.cooccur import _document_groups

    rng = np.random.default_rng(0)
    docs = [rng.integers(0, 50, n).astype(np.int32) for n in (0, 3, 40, 7, 1, 25, 2)]
    for group_tokens in (1, 4, 9, 100):
        new = []  # the tokens each group counts (as later words), in order
        for ids, starts, p in _document_groups(docs, 50, 3, group_tokens):
            assert len(ids) - p <= max(group_tokens, max(map(len, docs)))
            new.append(ids[p:])
            if p:  # a piece: the 3 tokens before it, from its own document
                assert len(starts) == 2 and p <= 3
        assert np.array_equal(np.concatenate(new), np.concatenate(docs))
        X = gl.count_cooccurrences(docs, 50, 3)
        assert np.array_equal(X.toarray(), exact_counts(docs, 50, 3))


def test_an_error_in_a_counting_thread_is_raised_and_leaves_no_files(tmp_path, monkeypatch):
    import threading

    from glovelib import cooccur

    count = cooccur._Counter.count

    def failing(self, *args):
        if threading.current_thread().name.startswith("glovelib-cooccur-"):
            raise RuntimeError("counting thread failed")
        return count(self, *args)

    monkeypatch.setattr(cooccur._Counter, "count", failing)
    rng = np.random.default_rng(1)
    docs = random_docs(rng, 1000, 5000)
    with pytest.raises(RuntimeError, match="counting thread failed"):
        gl.count_cooccurrences(docs, 1000, 10, max_memory=2_000_000, tmp_dir=tmp_path,
                               n_threads=2)
    assert os.listdir(tmp_path) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("glovelib-")]


def test_counting_threads_follow_the_usable_cores(monkeypatch, capsys):
    from glovelib import cooccur

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert cooccur._counting_threads(None) == 1  # taskset -c 0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert 1 <= cooccur._counting_threads(None) <= 2
    assert cooccur._counting_threads(3) == 3
    with pytest.raises(ValueError, match="n_threads"):
        gl.count_cooccurrences([[0, 1]], 3, n_threads=0)
    gl.count_cooccurrences([np.arange(3)] * 5, 3, window_size=40, n_threads=2, verbose=True)
    assert "with 1 thread(s)" in capsys.readouterr().err  # float sums: one thread
