"""The checks of notebooks 04 and 05 accept right answers and catch planted wrong ones.

Oracles independent of the checks: AdaGrad's step simulated through the NumPy reference
(objective.adagrad_epoch on a one-entry problem), and 3CosMul written out from Levy & Goldberg's
formula with a brute-force loop over candidate words.
"""

import numpy as np
import pytest
import scipy.sparse as sp

from glovelib import checks, objective


def closed_form_step(learning_rate, g, n):
    return learning_rate * g / np.sqrt(1 + n * (learning_rate * g) ** 2)


def test_closed_form_matches_the_reference_update():
    # b_i's gradient is f * diff; on a one-entry problem with W = 0, keep diff = 1 by resetting b
    X = sp.csr_matrix(np.array([[np.e]]))  # log X = 1
    rows, cols, x = objective._entries(X)
    p = objective.init_weights(1, 1, 0)
    sq = objective.Weights(*(np.ones_like(a) for a in p.arrays()))
    for n in range(5):
        p.W[:] = 0.0
        p.W_context[:] = 0.0
        p.b[:] = 2.0       # diff = 2 + 0 - 1 = 1, f = 1 (x_max < e)
        p.b_context[:] = 0.0
        objective.adagrad_epoch(p, sq, rows, cols, x, [0], 0.3, x_max=1.0)
        assert np.isclose(2.0 - p.b[0], closed_form_step(0.3, 1.0, n), rtol=1e-12)


def test_adagrad_step_accepts_right_answer(capsys):
    checks.check_adagrad_step(closed_form_step)
    assert "passed" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda lr, g, n: lr * g / np.sqrt(1 + n * g * g), r"not g\^2"),
    (lambda lr, g, n: lr * g / np.sqrt(1 + (n + 1) * (lr * g) ** 2), "after"),
    (lambda lr, g, n: lr * g, "expected"),
    (lambda lr, g, n: lr * g / np.sqrt(n + 1), "expected"),
    (lambda lr, g, n: lr * abs(g) / np.sqrt(1 + n * (lr * g) ** 2), "sign of g"),
])
def test_adagrad_step_catches_mistakes(wrong, message):
    with pytest.raises(checks.CheckFailed, match=message):
        checks.check_adagrad_step(wrong)


def brute_cosmul(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    va, vb, vc = (unit[words.index(w)] for w in (a, b, c))
    best, best_score = None, -np.inf
    for w, u in zip(words, unit, strict=True):
        if w in (a, b, c):
            continue
        score = (1 + u @ vb) / 2 * (1 + u @ vc) / 2 / ((1 + u @ va) / 2 + 0.001)
        if score > best_score:
            best, best_score = w, score
    return best


def unshifted_cosmul(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    cos = unit @ unit[[ia, ib, ic]].T
    score = cos[:, 1] * cos[:, 2] / (cos[:, 0] + 0.001)
    score[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(score))]


def cosadd(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    score = unit @ (unit[ib] - unit[ia] + unit[ic])
    score[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(score))]


def test_cosmul_accepts_brute_force(capsys):
    checks.check_cosmul(brute_cosmul)
    assert "passed" in capsys.readouterr().out


def test_cosmul_names_the_missing_shift():
    with pytest.raises(checks.CheckFailed, match=r"shift the cosines"):
        checks.check_cosmul(unshifted_cosmul)


def test_cosmul_catches_3cosadd_and_included_words():
    with pytest.raises(checks.CheckFailed, match="should be"):
        checks.check_cosmul(cosadd)
    with pytest.raises(checks.CheckFailed, match="exclude a, b and c"):
        checks.check_cosmul(lambda v, w, a, b, c: b)
