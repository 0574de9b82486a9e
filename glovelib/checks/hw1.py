"""Checks of homework 1 (exercises/hw1_objective): the weighting f, the loss J, its gradients."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from .. import objective
from .._mistakes import gradient_mistake, loss_mistake, weighting_mistake
from ._core import _call, _close, _fail, _num, _ok

# (x_max, alpha) of the random problems: an answer that ignores its arguments fails on two
_SETTINGS = [(10.0, 0.75), (2.0, 0.5), (30.0, 1.0)]


def _problem(seed: int, V: int = 12, d: int = 4, x_max: float = 10.0):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=0.4, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.1, 3 * x_max, n))
    p = objective.init_weights(V, d, seed)
    for a in p.arrays():
        a *= 5 * d  # larger than the initial scale, so that every term matters
    return X, p


# --------------------------------------------------------------------------- homework 1


def check_weighting(f: Callable) -> None:
    """``f(x, x_max, alpha)`` must equal min(1, (x / x_max)^alpha), elementwise, with f(0) = 0,
    without calling ``glovelib.objective.weighting``."""
    __tracebackhide__ = True
    for x_max, alpha in [(100.0, 0.75), (10.0, 0.5), (3.0, 1.0)]:
        x = np.array([0.0, 0.5, 1.0, x_max / 2, 0.7 * x_max, 0.95 * x_max, x_max, 2 * x_max, 1e6])
        try:
            got = _call(f, (x.copy(), x_max, alpha),
                        {"gl.objective.weighting": objective.weighting}, task="task 1",
                        call="weighting(x, x_max, alpha)")
        except ValueError as e:
            if "truth value" not in str(e):
                raise
            _fail("your weighting uses `if` or `min` on an array: use np.minimum or np.where, "
                  "which work elementwise")
        got = np.asarray(got, dtype=np.float64)
        where = f"f(x) with x_max={_num(x_max)}, alpha={_num(alpha)}"
        if got.shape != x.shape:
            _fail(f"{where}: return an array of the same shape as x {x.shape}, got {got.shape}")
        mistake = weighting_mistake(got, x, x_max, alpha)
        if mistake:
            _fail(f"{where}: {mistake}")
        if got[0] != 0:
            _fail(f"{where}: f(0) must be 0 (a zero count carries no weight), got {_num(got[0])}")
        if np.any(got > 1 + 1e-12):
            _fail(f"{where}: f(x) = {_num(got.max())} > 1 at x = {_num(x[got.argmax()])}; f is "
                  "capped at 1 (f(x) = 1 for x >= x_max)")
        _close(got, objective.weighting(x, x_max, alpha), f"{where}, x={x.tolist()}")
    _ok("weighting function (zero, below, at and above x_max; arrays in, arrays out)")


def check_loss(loss: Callable) -> None:
    """``loss(W, Wc, b, bc, X, x_max, alpha)`` must equal J = 1/2 sum f(X_ij) δ_ij^2 over the
    nonzero X_ij (with the 1/2, as glovelib and the reference C code), without calling
    ``glovelib.objective.loss``."""
    __tracebackhide__ = True
    for seed, (x_max, alpha) in enumerate(_SETTINGS):
        X, p = _problem(seed, x_max=x_max)
        got = _call(loss, (p.W, p.W_context, p.b, p.b_context, X.copy(), x_max, alpha),
                    {"gl.objective.loss": objective.loss}, task="task 2",
                    call="loss(W, Wc, b, bc, X, x_max, alpha)")
        if not np.all(np.isfinite(got)):
            _fail("J is not finite: you summed over the zeros of X too (log 0 = -inf); sum over "
                  "the nonzero entries only (X.tocoo() gives row, col, data)")
        mistake = loss_mistake(got, p, X, x_max, alpha)
        if mistake:
            _fail(mistake)
        _close(got, objective.loss(p, X, x_max, alpha),
               f"J on random problem {seed} (x_max={_num(x_max)}, alpha={_num(alpha)})")
    _ok("loss J on 3 random problems, 3 (x_max, alpha) settings (zeros of X skipped, weighting "
        "and biases included)")


def _near(got, want) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=1e-7, atol=1e-9))


def check_gradients(gradients: Callable) -> None:
    """``gradients(W, Wc, b, bc, X, x_max, alpha)`` must return (dJ/dW, dJ/dWc, dJ/db, dJ/dbc),
    without calling ``glovelib.objective.gradients``."""
    __tracebackhide__ = True
    names = ("dJ/dW", "dJ/dW~", "dJ/db", "dJ/db~")
    for seed, (x_max, alpha) in enumerate(_SETTINGS):
        X, p = _problem(seed, x_max=x_max)
        want = objective.gradients(p, X, x_max, alpha).arrays()
        got = _call(gradients, (p.W, p.W_context, p.b, p.b_context, X.copy(), x_max, alpha),
                    {"gl.objective.gradients": objective.gradients}, task="task 3",
                    call="gradients(W, Wc, b, bc, X, x_max, alpha)")
        if len(got) != 4:
            _fail(f"return 4 gradients {names}, got {len(got)}")
        mistake = gradient_mistake(got, p, X, x_max, alpha)
        if mistake:
            _fail(mistake)
        for k, (name, g, w) in enumerate(zip(names, got, want, strict=True)):
            partner = want[k ^ 1]  # dW <-> dW~, db <-> db~
            if not _near(g, w) and _near(g, partner):
                _fail(f"{name} is the gradient of its partner {names[k ^ 1]}: rows of X belong "
                      "to words (W, b), columns to contexts (W~, b~)")
            _close(g, w, f"{name} on random problem {seed} (x_max={_num(x_max)}, "
                   f"alpha={_num(alpha)})", rtol=1e-7, atol=1e-9)
    _ok("gradients equal glovelib's (which pass finite differences) on 3 random problems, 3 "
        "(x_max, alpha) settings")


def _descent(X, dim: int, eta: float, steps: int, seed: int, x_max: float = 10.0,
             updated: int = 4, loss_x_max: float | None = None, only: str | None = None,
             scale: float = 1.0):
    """Full-batch gradient descent with glovelib's loss and gradients (x_max 10, alpha 0.75):
    (final parameters, J before each step, J after the last).  ``updated=2``: only W and W~
    move (a usual mistake); ``only="W"``: W alone moves; ``scale``: the gradients multiplied by
    it (1 / nnz: their mean); ``loss_x_max``: the J recorded uses another x_max than the
    gradients."""
    p = objective.init_weights(X.shape[0], dim, seed)
    history = []
    for _ in range(steps):
        history.append(objective.loss(p, X, x_max if loss_x_max is None else loss_x_max, 0.75))
        grads = objective.gradients(p, X, x_max, 0.75).arrays()
        pairs = list(zip(p.arrays(), grads, strict=True))[:updated]
        for a, g in pairs[:1] if only == "W" else pairs:
            a -= eta * scale * g
    return list(p.arrays()), history, objective.loss(p, X, 10.0, 0.75)


def check_gradient_descent(gradient_descent: Callable) -> None:
    """``gradient_descent(X, dim, eta, steps, seed)`` -> (params, history): ``steps`` full-batch
    steps from ``gl.objective.init_weights(V, dim, seed)`` with your loss and gradients
    (x_max 10, alpha 0.75), ``history`` holding J *before* each step (homework 1, task 4).
    Compared with the same descent on glovelib's loss and gradients, on a small problem."""
    __tracebackhide__ = True
    X, _ = _problem(0, V=12, d=3)
    cases = [(3, 1e-3, 6, 0), (4, 5e-3, 5, 1)]  # (dim, eta, steps, seed)
    for k, (dim, eta, steps, seed) in enumerate(cases):
        got = _call(gradient_descent, (X.copy(), dim, eta, steps, seed), task="task 4",
                    call="gradient_descent(X, dim, eta, steps, seed)")
        if not (isinstance(got, tuple | list) and len(got) == 2):
            _fail("return (params, history): the 4 parameter arrays and the list of J values")
        params, history = got
        history = np.asarray(history, dtype=np.float64).ravel()
        want_params, want, J_end = _descent(X, dim, eta, steps, seed)
        where = f"gradient_descent(X, dim={dim}, eta={eta:g}, steps={steps}, seed={seed})"
        if len(history) != steps:
            _fail(f"{where}: history has {len(history)} values for {steps} steps: record J "
                  "once per step")
        if np.allclose(history, want[0], rtol=1e-10) and not np.allclose(want, want[0]):
            _fail(f"{where}: J never moves ({_num(want[0])} at every step): `param = param - "
                  "eta * grad` binds a new array to the loop variable and leaves `params` as "
                  "they were; update in place, param -= eta * grad")
        if np.allclose(history, want[1:] + [J_end], rtol=1e-8):
            _fail(f"{where}: your history is recorded after each step: history[0] must be J at "
                  "the starting parameters, before the first step")
        wrong_runs = [("eta is ignored: each step is -eta times the gradient",
                       k > 0 and _descent(X, dim, cases[0][1], steps, seed)[1]),
                      ("the seed is ignored: start from gl.objective.init_weights(V, dim, seed)",
                       k > 0 and _descent(X, dim, eta, steps, cases[0][3])[1]),
                      ("J grows: that is gradient ascent; step against the gradient, "
                       "param -= eta * grad", _descent(X, dim, -eta, steps, seed)[1]),
                      ("only W and W~ move: the biases b and b~ are parameters too, update all "
                       "four", _descent(X, dim, eta, steps, seed, updated=2)[1]),
                      ("only W moves: W~, b and b~ are parameters too, update all four",
                       _descent(X, dim, eta, steps, seed, only="W")[1]),
                      ("your steps are the *mean* gradient (divided by the number of nonzeros): "
                       "J is a sum, and so is its gradient; step by eta times the sum",
                       _descent(X, dim, eta, steps, seed, scale=1.0 / X.nnz)[1])]
        for other in (1.0, 100.0):  # x_max written in as the paper's, or as 1
            which = "the paper's x_max = 100" if other == 100 else f"x_max = {other:g}"
            fix = "use task 4's x_max = 10 and alpha = 0.75 in both your loss and your gradients"
            wrong_runs += [(f"your loss and gradients use {which}: {fix}",
                            _descent(X, dim, eta, steps, seed, x_max=other)[1]),
                           (f"your gradients use {which}: {fix}",
                            _descent(X, dim, eta, steps, seed, x_max=other,
                                     loss_x_max=10.0)[1]),
                           (f"the J you record uses {which}: {fix}",
                            _descent(X, dim, eta, steps, seed, loss_x_max=other)[1])]
        with np.errstate(over="ignore", invalid="ignore"):
            wrong_runs.append((f"eta is ignored: each step is the whole gradient (a step of 1), "
                               f"and J blows up (to {_num(np.max(np.abs(history)))}): step by "
                               "eta times the "
                               "gradient, param -= eta * grad",
                               _descent(X, dim, 1.0, steps, seed)[1]))
        for message, wrong in wrong_runs:
            if wrong and np.allclose(history, wrong, rtol=1e-8, equal_nan=True):
                _fail(f"{where}: {message}")
        _close(history, want, f"{where}: J before each step", rtol=1e-7)
        for name, g, w in zip(("W", "W~", "b", "b~"), params, want_params, strict=True):
            _close(g, w, f"{where}: the final {name}", rtol=1e-7)
    _ok("full-batch gradient descent: J before each step and the final parameters, on 2 small "
        "problems (dim, eta, steps and seed honoured)")
