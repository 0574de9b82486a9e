"""The NumPy reference objective: weighting, loss, gradients (finite differences)."""

import numpy as np
import pytest
import scipy.sparse as sp

from glovelib import objective as ob


def test_weighting_function():
    x = np.array([0.0, 1.0, 50.0, 100.0, 1e6])
    f = ob.weighting(x, x_max=100.0, alpha=0.75)
    assert f[0] == 0.0 and f[3] == 1.0 and f[4] == 1.0
    assert f[1] == pytest.approx(0.01**0.75) and f[2] == pytest.approx(0.5**0.75)
    assert np.all(np.diff(ob.weighting(np.linspace(0, 200, 50))) >= 0)  # non-decreasing
    assert ob.weighting(3.0, x_max=10, alpha=1.0) == pytest.approx(0.3)
    with pytest.raises(ValueError, match="x_max"):
        ob.weighting(1.0, x_max=0)
    with pytest.raises(ValueError, match="alpha"):
        ob.weighting(1.0, alpha=-1)


def _problem(seed=0, V=12, d=4):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=0.5, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.1, 30, n))
    p = ob.init_weights(V, d, seed)
    for a in p.arrays():
        a *= 3
    return X, p


def test_loss_equals_a_plain_double_loop():
    X, p = _problem()
    D = X.toarray()
    J = 0.0
    for i in range(D.shape[0]):
        for j in range(D.shape[1]):
            if D[i, j] > 0:
                diff = p.W[i] @ p.W_context[j] + p.b[i] + p.b_context[j] - np.log(D[i, j])
                J += 0.5 * ob.weighting(D[i, j], 10.0, 0.75) * diff**2
    assert ob.loss(p, X, 10.0, 0.75) == pytest.approx(J, rel=1e-12)


def test_gradients_pass_finite_differences():
    errors = ob.check_glove_gradients()
    assert max(errors.values()) < 1e-6, errors


def test_checker_catches_a_wrong_gradient():
    def forgot_the_weighting(p, X, x_max, alpha):
        return ob.gradients(p, X, x_max=1e-9, alpha=0.0)  # f = 1 everywhere

    def dropped_a_bias(p, X, x_max, alpha):
        g = ob.gradients(p, X, x_max, alpha)
        g.b[:] = 0
        return g

    assert max(ob.check_glove_gradients(forgot_the_weighting).values()) > 1e-2
    assert ob.check_glove_gradients(dropped_a_bias)["b"] > 0.5


def test_gradient_is_zero_at_an_exact_fit():
    # a rank-1 log X with biases: W w~ + b + b~ = log X exactly -> J = 0, gradient 0
    w = np.array([[1.0], [0.5], [-0.3]])
    c = np.array([[0.2], [-0.4], [0.6]])
    logX = w @ c.T + 0.1
    p = ob.Weights(w, c, np.full(3, 0.05), np.full(3, 0.05))
    X = sp.csr_matrix(np.exp(logX))
    assert ob.loss(p, X) == pytest.approx(0.0, abs=1e-25)
    assert all(np.allclose(g, 0, atol=1e-12) for g in ob.gradients(p, X).arrays())


def test_init_params_follow_the_reference():
    p = ob.init_weights(1000, 50, 0)
    for a in p.arrays():
        assert a.min() >= -0.5 / 50 and a.max() < 0.5 / 50
    assert abs(p.W.mean()) < 1e-3


def test_adagrad_epoch_decreases_the_loss_and_sgd_runs():
    X, _ = _problem(1, V=20, d=5)
    p = ob.init_weights(20, 5, 1)
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    rows, cols, x = ob._entries(X)
    order = np.arange(len(x))
    first = ob.adagrad_epoch(p, sq, rows, cols, x, order, x_max=10.0)
    for _ in range(30):
        last = ob.adagrad_epoch(p, sq, rows, cols, x, order, x_max=10.0)
    assert last < 0.5 * first
    q = ob.init_weights(20, 5, 1)
    assert np.isfinite(ob.sgd_epoch(q, rows, cols, x, order, learning_rate=0.01, x_max=10.0))
