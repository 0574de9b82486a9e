"""Each homework check accepts a right answer and catches planted wrong ones."""

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import checks, objective


def good_weighting(x, x_max, alpha):
    return objective.weighting(x, x_max, alpha)


def good_loss(W, Wc, b, bc, X, x_max, alpha):
    return objective.loss(objective.Weights(W, Wc, b, bc), X, x_max, alpha)


def good_gradients(W, Wc, b, bc, X, x_max, alpha):
    return objective.gradients(objective.Weights(W, Wc, b, bc), X, x_max, alpha).arrays()


def good_count(docs, V, window, symmetric=True):
    return gl.count_cooccurrences([np.asarray(d, dtype=np.int32) for d in docs], V, window,
                                  symmetric=symmetric)


def test_right_answers_pass(capsys):
    checks.check_weighting(good_weighting)
    checks.check_loss(good_loss)
    checks.check_gradients(good_gradients)
    checks.check_counter(good_count)
    checks.check_left_counter(lambda d, V, w: good_count(d, V, w, symmetric=False))
    checks.check_analogy(lambda vecs, words, a, b, c: gl.KeyedVectors(words, vecs)
                         .analogy(a, b, c))
    assert capsys.readouterr().out.count("passed:") == 6


@pytest.mark.parametrize("wrong", [
    lambda x, m, a: (x / m) ** a,  # no cap at 1
    lambda x, m, a: np.minimum(1.0, x / m),  # alpha ignored
    lambda x, m, a: np.where(x <= 0, 1.0, np.minimum(1.0, (x / m) ** a)),  # f(0) = 1
])
def test_weighting_catches(wrong):
    with pytest.raises(checks.CheckFailed):
        checks.check_weighting(wrong)


@pytest.mark.parametrize("wrong, match", [
    (lambda *args: 2 * good_loss(*args), "1/2"),
    (lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, 0 * b, bc, X, m, a), "J"),
    (lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X, 1e-9, 0.0), "J"),  # f = 1
])
def test_loss_catches(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_loss(wrong)


def test_gradients_catch():
    def forgot_f(W, Wc, b, bc, X, m, a):
        return good_gradients(W, Wc, b, bc, X, 1e-9, 0.0)

    def swapped(W, Wc, b, bc, X, m, a):
        gW, gWc, gb, gbc = good_gradients(W, Wc, b, bc, X, m, a)
        return gWc, gW, gb, gbc

    for wrong in (forgot_f, swapped):
        with pytest.raises(checks.CheckFailed):
            checks.check_gradients(wrong)


def test_counters_catch():
    def no_distance_weighting(docs, V, window):
        return gl.count_cooccurrences([np.asarray(d) for d in docs], V, window,
                                      distance_weighting=False)

    def crosses_documents(docs, V, window):
        return good_count([[w for d in docs for w in d]], V, window)

    def self_pair_once(docs, V, window):
        X = good_count(docs, V, window).toarray()
        return X - np.diag(np.diag(X)) / 2

    for wrong in (no_distance_weighting, crosses_documents, self_pair_once):
        with pytest.raises(checks.CheckFailed):
            checks.check_counter(wrong)
    with pytest.raises(checks.CheckFailed):
        checks.check_left_counter(good_count)  # symmetric is not left-only


def test_analogy_catches():
    def includes_query(vecs, words, a, b, c):
        n = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        i = {w: k for k, w in enumerate(words)}
        return words[int(np.argmax(n @ (n[i[b]] - n[i[a]] + n[i[c]])))]

    def unnormalized(vecs, words, a, b, c):
        i = {w: k for k, w in enumerate(words)}
        s = vecs @ (vecs[i[b]] - vecs[i[a]] + vecs[i[c]])
        for w in (a, b, c):
            s[i[w]] = -np.inf
        return words[int(np.argmax(s))]

    for wrong in (includes_query, unnormalized):
        with pytest.raises(checks.CheckFailed):
            checks.check_analogy(wrong)


def test_section_accuracy_check(tmp_path):
    kv = gl.KeyedVectors(["king", "queen", "man", "woman"],
                         np.array([[1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 0, 1.0]]))
    path = tmp_path / "q.txt"
    path.write_text(": royal\nman king woman queen\nman king woman prince\n")

    def right(kv, p):
        r = gl.evaluate.analogy_accuracy(kv, p)
        return {s.name: (s.correct, s.seen) for s in r.sections}

    def counts_unseen(kv, p):
        return {"royal": (1, 2)}

    checks.check_section_accuracy(right, kv, path)
    with pytest.raises(checks.CheckFailed, match="royal"):
        checks.check_section_accuracy(counts_unseen, kv, path)
    with pytest.raises(checks.CheckFailed, match="missing"):
        checks.check_section_accuracy(lambda kv, p: {}, kv, path)


def test_checks_are_usable_on_sparse_or_dense_results():
    X = sp.csr_matrix(np.eye(3))
    assert checks._dense(X).shape == (3, 3) and checks._dense(np.eye(2)).shape == (2, 2)
