"""The NumPy reference, step by step against arithmetic written out by hand.

Written to kill the mutants that survived the tests of test_objective.py (mutmut): the SGD
baseline, gradient clipping, skipped entries, the initial draw and the finite-difference checker.
"""

import numpy as np
import pytest
import scipy.sparse as sp

from glovelib import objective as ob


def one_entry(V=3, d=2, seed=0):
    rng = np.random.default_rng(seed)
    p = ob.Weights(rng.normal(size=(V, d)), rng.normal(size=(V, d)), rng.normal(size=V),
                   rng.normal(size=V))
    return p


def by_hand(p, i, j, x, lr, x_max, alpha, clip):
    """The entry's steps, computed independently: (new W[i], new W~[j], new b[i], new b~[j],
    half f diff^2, the four gradients before scaling)."""
    diff = float(np.dot(p.W[i], p.W_context[j]) + p.b[i] + p.b_context[j] - np.log(x))
    f = 1.0 if x >= x_max else (x / x_max) ** alpha
    gw = np.clip(f * diff * p.W_context[j], -clip, clip)
    gc = np.clip(f * diff * p.W[i], -clip, clip)
    return diff, f, gw, gc


@pytest.mark.parametrize("x, clip", [(3.0, 100.0), (50.0, 100.0), (3.0, 0.01)])
def test_one_adagrad_step_by_hand(x, clip):
    p, sq = one_entry(), ob.Weights(np.full((3, 2), 4.0), np.full((3, 2), 9.0), np.full(3, 16.0),
                                    np.full(3, 25.0))
    before = p.copy()
    diff, f, gw, gc = by_hand(p, 1, 2, x, 0.1, 10.0, 0.5, clip)
    loss = ob.adagrad_epoch(p, sq, np.array([1]), np.array([2]), np.array([x]), [0],
                            learning_rate=0.1, x_max=10.0, alpha=0.5, grad_clip=clip)
    assert loss == pytest.approx(0.5 * f * diff**2, rel=1e-12)
    np.testing.assert_allclose(p.W[1], before.W[1] - 0.1 * gw / 2.0, rtol=1e-12)
    np.testing.assert_allclose(p.W_context[2], before.W_context[2] - 0.1 * gc / 3.0, rtol=1e-12)
    assert p.b[1] == pytest.approx(before.b[1] - 0.1 * f * diff / 4.0, rel=1e-12)
    assert p.b_context[2] == pytest.approx(before.b_context[2] - 0.1 * f * diff / 5.0, rel=1e-12)
    np.testing.assert_allclose(sq.W[1], 4.0 + (0.1 * gw) ** 2, rtol=1e-12)
    np.testing.assert_allclose(sq.W_context[2], 9.0 + (0.1 * gc) ** 2, rtol=1e-12)
    assert sq.b[1] == pytest.approx(16.0 + (0.1 * f * diff) ** 2, rel=1e-12)
    assert sq.b_context[2] == pytest.approx(25.0 + (0.1 * f * diff) ** 2, rel=1e-12)
    for a, b in zip(p.arrays(), before.arrays(), strict=True):  # row 0 is in no entry
        np.testing.assert_array_equal(a[0], b[0])
    if clip < 1:
        assert np.all(np.abs(gw) == clip)  # the clip was what limited this step


def test_adagrad_skips_non_finite_entries_and_averages_over_the_rest():
    p = one_entry()
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    q, sq2 = p.copy(), ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    rows, cols = np.array([0, 1]), np.array([1, 0])
    with np.errstate(divide="ignore"):
        both = ob.adagrad_epoch(p, sq, rows, cols, np.array([0.0, 2.0]), [0, 1])
    alone = ob.adagrad_epoch(q, sq2, rows[1:], cols[1:], np.array([2.0]), [0])
    assert both == pytest.approx(alone, rel=1e-12)  # the log(0) entry: skipped, not averaged
    for a, b in zip(p.arrays(), q.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("x, clip, seed", [(7.0, 100.0, 1), (7.0, 0.05, 1), (2.0, 100.0, 2),
                                           (2.0, 0.01, 3)])
def test_one_sgd_step_by_hand(x, clip, seed):
    p = one_entry(seed=seed)
    before = p.copy()
    diff, f, gw, gc = by_hand(p, 0, 2, x, 0.2, 5.0, 0.75, clip)
    loss = ob.sgd_epoch(p, np.array([0]), np.array([2]), np.array([x]), [0],
                        learning_rate=0.2, x_max=5.0, alpha=0.75, grad_clip=clip)
    assert f == (1.0 if x >= 5.0 else (x / 5.0) ** 0.75)
    assert loss == pytest.approx(0.5 * f * diff**2, rel=1e-12)
    np.testing.assert_allclose(p.W[0], before.W[0] - 0.2 * gw, rtol=1e-12)
    np.testing.assert_allclose(p.W_context[2], before.W_context[2] - 0.2 * gc, rtol=1e-12)
    assert p.b[0] == pytest.approx(before.b[0] - 0.2 * f * diff, rel=1e-12)
    assert p.b_context[2] == pytest.approx(before.b_context[2] - 0.2 * f * diff, rel=1e-12)
    two = ob.sgd_epoch(before, np.array([0, 0]), np.array([2, 2]), np.array([x, x]), [0, 1],
                       learning_rate=1e-12, x_max=5.0, alpha=0.75)
    assert two == pytest.approx(0.5 * f * diff**2, rel=1e-6)  # a mean over entries, not a sum


def test_gradients_have_the_vocabulary_shape_when_the_last_words_have_no_counts():
    X = sp.csr_matrix(np.array([[2.0, 1.0, 0, 0], [1.0, 3.0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]))
    p = ob.init_weights(4, 3, 0)
    g = ob.gradients(p, X, 10.0, 0.75)
    assert g.W.shape == g.W_context.shape == (4, 3) and g.b.shape == g.b_context.shape == (4,)
    assert not g.W[2:].any() and not g.b_context[2:].any()


def test_sgd_epochs_decrease_the_loss():
    X = sp.random(15, 15, density=0.4, random_state=2, format="csr",
                  data_rvs=lambda n: np.random.default_rng(2).uniform(1, 20, n))
    p = ob.init_weights(15, 4, 2)
    rows, cols, x = ob._entries(X)
    first = ob.sgd_epoch(p, rows, cols, x, np.arange(len(x)), learning_rate=0.05, x_max=10.0)
    for _ in range(40):
        last = ob.sgd_epoch(p, rows, cols, x, np.arange(len(x)), learning_rate=0.05, x_max=10.0)
    assert last < 0.5 * first


def test_init_draws_w_wc_b_bc_in_that_order_from_the_seed():
    rs = np.random.RandomState(5)
    want = [(rs.random_sample(s) - 0.5) / 3 for s in [(4, 3), (4, 3), (4,), (4,)]]
    got = ob.init_weights(4, 3, 5)
    for a, b in zip(got.arrays(), want, strict=True):
        np.testing.assert_array_equal(a, b)
    shared = np.random.RandomState(5)
    np.testing.assert_array_equal(ob.init_weights(4, 3, shared).W, want[0])
    assert not np.array_equal(ob.init_weights(4, 3, shared).W, want[0])  # the state advanced
    assert ob.init_weights(4, 3, 5, dtype=np.float32).b.dtype == np.float32


def test_weighting_boundaries():
    np.testing.assert_array_equal(ob.weighting([-1.0, 0.0], 10.0, 0.75), [0.0, 0.0])
    assert ob.weighting(5.0, x_max=10.0, alpha=0.0) == 1.0  # alpha = 0 is allowed: f = 1
    assert ob.weighting(9.999, x_max=10.0, alpha=1.0) == pytest.approx(0.9999)
    assert ob.weighting(1e-3, x_max=1e-3) == 1.0  # tiny x_max is fine
    assert ob.weighting([1.0, 2.0]).shape == (2,)


def test_entries_are_row_major():
    X = sp.csr_matrix(np.array([[0, 2.0, 3.0], [0, 0, 0], [5.0, 0, 7.0]]))
    rows, cols, x = ob._entries(X.tocoo())
    assert rows.tolist() == [0, 0, 2, 2] and cols.tolist() == [1, 2, 0, 2]
    assert x.tolist() == [2.0, 3.0, 5.0, 7.0] and x.dtype == np.float64


def test_gradients_follow_x_max_and_alpha():
    X = sp.random(10, 10, density=0.5, random_state=1, format="csr",
                  data_rvs=lambda n: np.random.default_rng(1).uniform(0.5, 30, n))
    errors = ob.check_glove_gradients(X=X, x_max=5.0, alpha=0.3, dim=3, seed=1)
    assert max(errors.values()) < 1e-6, errors
    p = ob.init_weights(10, 3, 0)
    a = ob.gradients(p, X, 5.0, 0.3).W
    assert not np.allclose(a, ob.gradients(p, X, 5.0, 0.9).W)
    assert not np.allclose(a, ob.gradients(p, X, 50.0, 0.3).W)


def test_check_gradient_measures_errors_and_restores_the_point():
    x = np.array([1.0, -2.0, 0.5])
    x0 = x.copy()

    def f(v):
        return float(v @ v)

    assert ob.check_gradient(f, 2 * x, x) < 1e-8
    np.testing.assert_array_equal(x, x0)
    wrong = 2 * x
    wrong[2] += 1.0  # one coordinate wrong: all three are checked (n_checks > size)
    assert ob.check_gradient(f, wrong, x) == pytest.approx(1 / 3, rel=1e-6)  # |2 - 1| / (2 + 1)
    assert ob.check_gradient(f, -2 * x, x) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="shape"):
        ob.check_gradient(f, np.zeros(2), x)
