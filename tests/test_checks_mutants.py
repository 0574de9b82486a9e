"""More wrong homework answers the checks must catch, and right answers they must accept.

A check that passes a wrong answer teaches the wrong thing.  These are the mistakes students make
(and the mutants of checks.py that the first tests let survive): fancy-index accumulation that
drops repeated rows, a lost bias, a transposed matrix, a window off by one, a reversed analogy.

The right answers are written here in plain NumPy and Python, independently of glovelib: the
checks fail any answer that calls glovelib's own (gl.objective.loss, gl.count_cooccurrences, ...).
Each wrong answer is a right one with one planted mistake, and :func:`caught` makes sure a check
fails for that mistake, not because the answer called glovelib.
"""

import contextlib

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import checks


def good_weighting(x, x_max, alpha):
    """f(x) = (x / x_max)^alpha, capped at 1 (f(0) = 0)."""
    return np.minimum(1.0, (np.asarray(x, dtype=np.float64) / x_max) ** alpha)


def _weighted_diff(W, Wc, b, bc, X, x_max, alpha):
    """(coo X, f(X_ij), diff_ij = w_i . w~_j + b_i + b~_j - log X_ij) over the nonzero X_ij."""
    C = sp.coo_matrix(X)
    diff = np.sum(W[C.row] * Wc[C.col], axis=1) + b[C.row] + bc[C.col] - np.log(C.data)
    return C, good_weighting(C.data, x_max, alpha), diff


def good_loss(W, Wc, b, bc, X, x_max, alpha):
    """J = 1/2 sum f(X_ij) diff_ij^2 over the nonzero X_ij."""
    _, f, diff = _weighted_diff(W, Wc, b, bc, X, x_max, alpha)
    return 0.5 * float(np.sum(f * diff**2))


def good_gradients(W, Wc, b, bc, X, x_max, alpha):
    """(dJ/dW, dJ/dW~, dJ/db, dJ/db~), summed over repeated rows and columns with np.add.at."""
    C, f, diff = _weighted_diff(W, Wc, b, bc, X, x_max, alpha)
    g = f * diff
    gW, gWc, gb, gbc = (np.zeros_like(W, dtype=np.float64), np.zeros_like(Wc, dtype=np.float64),
                        np.zeros_like(b, dtype=np.float64), np.zeros_like(bc, dtype=np.float64))
    np.add.at(gW, C.row, g[:, None] * Wc[C.col])
    np.add.at(gWc, C.col, g[:, None] * W[C.row])
    np.add.at(gb, C.row, g)
    np.add.at(gbc, C.col, g)
    return gW, gWc, gb, gbc


def good_count(docs, V, window, symmetric=True):
    """X[earlier, later] += 1/d for each pair at distance d <= window inside one document (and
    X[later, earlier] too when symmetric)."""
    X = np.zeros((V, V))
    for doc in docs:
        for p in range(len(doc)):
            for q in range(max(0, p - window), p):
                X[doc[q], doc[p]] += 1.0 / (p - q)
                if symmetric:
                    X[doc[p], doc[q]] += 1.0 / (p - q)
    return X


def _solver(sign_a=-1.0, sign_b=1.0):
    """3CosAdd over unit vectors (sign_a=-1, sign_b=1: b - a + c), a, b and c excluded."""
    def solve(vecs, words, a, b, c):
        n = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        i = {w: k for k, w in enumerate(words)}
        s = n @ (sign_b * n[i[b]] + sign_a * n[i[a]] + n[i[c]])
        for w in (a, b, c):
            s[i[w]] = -np.inf
        return words[int(np.argmax(s))]
    return solve


def good_accuracy(kv, path):
    """{section: (correct, seen)}: words lowercased, questions with an unknown word skipped."""
    solve, result, section = _solver(), {}, None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(":"):
                section = line[1:].strip()
                result[section] = (0, 0)
            elif line.strip():
                q = line.lower().split()
                if all(w in kv.key_to_index for w in q):
                    correct, seen = result[section]
                    right = solve(kv.vectors, kv.index_to_key, *q[:3]) == q[3]
                    result[section] = (correct + int(right), seen + 1)
    return result


@contextlib.contextmanager
def caught(match=None):
    """The check must fail (CheckFailed, its message matching ``match``) on the planted mistake,
    not because the answer called glovelib's own."""
    with pytest.raises(checks.CheckFailed, match=match) as failure:
        yield failure
    assert "glovelib's own answer" not in str(failure.value), failure.value


def test_right_answers_in_other_shapes_pass(capsys):
    checks.check_weighting(lambda x, m, a: list(good_weighting(x, m, a)))  # a list is fine
    checks.check_loss(lambda *args: np.array([[good_loss(*args)]])[0, 0])  # a NumPy scalar
    checks.check_counter(lambda d, V, w: sp.coo_matrix(good_count(d, V, w)))
    checks.check_gradients(lambda *args: list(good_gradients(*args)))
    checks.check_left_counter(lambda d, V, w: sp.csr_matrix(good_count(d, V, w, False)))
    assert capsys.readouterr().out.count("passed:") == 5


@pytest.mark.parametrize("wrong", [
    lambda x, m, a: np.minimum(1.0, x / m**a),  # precedence: x / (x_max^alpha)
    lambda x, m, a: good_weighting(x, m, a)[:-1],  # a value short
    lambda x, m, a: np.where(x < 1, (x / m) ** a, 1.0),  # the cut at the wrong place
])
def test_weighting_catches_more(wrong):
    with caught():
        checks.check_weighting(wrong)


def test_a_result_of_the_wrong_shape_is_named():
    with caught(match="shape"):
        checks.check_weighting(lambda x, m, a: good_weighting(x, m, a)[:-1])


@pytest.mark.parametrize("wrong", [
    lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, 0 * bc, X, m, a),  # lost b~
    lambda W, Wc, b, bc, X, m, a: good_loss(W, W, b, bc, X, m, a),  # w_i . w_j
    lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X.T, m, a),  # X transposed
    lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X, m, a) / X.nnz,  # a mean
])
def test_loss_catches_more(wrong):
    with caught():
        checks.check_loss(wrong)


def fancy_index_gradients(W, Wc, b, bc, X, m, a):
    """The classic: gW[rows] += ... keeps one term per repeated row instead of summing them."""
    C, f, diff = _weighted_diff(W, Wc, b, bc, X, m, a)
    g = f * diff
    gW, gWc, gb, gbc = (np.zeros_like(W), np.zeros_like(Wc), np.zeros_like(b),
                        np.zeros_like(bc))
    gW[C.row] += g[:, None] * Wc[C.col]
    gWc[C.col] += g[:, None] * W[C.row]
    gb[C.row] += g
    gbc[C.col] += g
    return gW, gWc, gb, gbc


@pytest.mark.parametrize("wrong", [
    fancy_index_gradients,
    lambda *args: tuple(2 * g for g in good_gradients(*args)),  # J without its 1/2
    lambda *args: good_gradients(*args)[:3],  # a gradient missing
    lambda *args: good_gradients(*args)[:2] + good_gradients(*args)[2:][::-1],  # b, b~ swapped
])
def test_gradients_catch_more(wrong):
    with caught():
        checks.check_gradients(wrong)


def test_a_missing_gradient_is_named():
    with caught(match="4 gradients"):
        checks.check_gradients(lambda *args: good_gradients(*args)[:3])


@pytest.mark.parametrize("wrong", [
    lambda d, V, w: good_count(d, V, w + 1),  # window off by one
    lambda d, V, w: good_count(d, V, max(1, w - 1)),
    lambda d, V, w: good_count(d, V, w, symmetric=False),  # left-only is not symmetric
])
def test_counter_catches_more(wrong):
    with caught():
        checks.check_counter(wrong)


def test_left_counter_catches_the_transpose():
    with caught():
        checks.check_left_counter(lambda d, V, w: good_count(d, V, w, symmetric=False).T)


def test_analogy_right_and_reversed():
    checks.check_analogy(_solver())  # the right 3CosAdd, written independently of glovelib
    with caught():
        checks.check_analogy(_solver(sign_a=1.0, sign_b=-1.0))  # a - b + c
    with caught(match="exclude"):
        checks.check_analogy(lambda vecs, words, a, b, c: c)


def test_section_accuracy_catches_swapped_pairs(tmp_path, capsys):
    kv = gl.KeyedVectors(["king", "queen", "man", "woman"],
                         np.array([[1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 0, 1.0]]))
    path = tmp_path / "q.txt"
    path.write_text(": royal\nman king woman queen\nman king woman prince\nking queen man king\n"
                    ": other\nman woman king queen\n")
    want = {s.name: (s.correct, s.seen) for s in gl.evaluate.analogy_accuracy(kv, path).sections}
    assert want["royal"][0] != want["royal"][1]  # the test can tell (correct, seen) apart
    assert good_accuracy(kv, path) == want  # the right answer, written independently
    checks.check_section_accuracy(good_accuracy, kv, path)
    # royal, other, and the 'unknown-words' section of the check's copy with unknown words
    assert "3 sections" in capsys.readouterr().out
    with caught(match="royal"):
        checks.check_section_accuracy(
            lambda kv, p: {k: v[::-1] for k, v in good_accuracy(kv, p).items()}, kv, path)
    with caught(match="other"):
        checks.check_section_accuracy(
            lambda kv, p: {"royal": good_accuracy(kv, p)["royal"]}, kv, path)


# Answers that ignore an argument, or cut f in the wrong place: caught because the checks try
# several (x_max, alpha) and points between x_max / 2 and x_max.
def test_loss_that_ignores_alpha_is_caught():
    with caught():
        checks.check_loss(lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X, 10.0, 0.75))


def test_weighting_cut_at_half_x_max_is_caught():
    with caught():
        checks.check_weighting(lambda x, m, a: np.where(x <= m / 2, (x / m) ** a, 1.0))


def test_gradients_that_ignore_x_max_are_caught():
    with caught():
        checks.check_gradients(lambda W, Wc, b, bc, X, m, a:
                               good_gradients(W, Wc, b, bc, X, 10.0, a))


def _nudged(arrays, k, eps):
    out = [np.array(a, dtype=np.float64, copy=True) for a in arrays]
    out[k].flat[3] += eps
    return out


@pytest.mark.parametrize("k", range(4))
def test_gradients_catch_a_small_error_in_one_component(k):
    # a tolerance loose enough to pass this would pass half-right answers too
    with caught():
        checks.check_gradients(lambda *args: _nudged(good_gradients(*args), k, 1e-3))
    checks.check_gradients(lambda *args: _nudged(good_gradients(*args), k, 1e-12))  # round-off


def test_loss_weighting_and_counter_catch_small_errors():
    with caught():
        checks.check_loss(lambda *args: good_loss(*args) * (1 + 1e-5))
    with caught():
        checks.check_weighting(lambda x, m, a: _nudged([good_weighting(x, m, a)], 0, 1e-5)[0])
    with caught():
        checks.check_counter(lambda d, V, w: good_count(d, V, w) + 1e-6)
