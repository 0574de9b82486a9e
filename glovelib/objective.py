"""The GloVe objective in plain NumPy: the readable reference every kernel is checked against.

For a cooccurrence matrix X (V, V) and parameters W, W~ (V, d), b, b~ (V,):

    J = 1/2 * sum over X_ij > 0 of  f(X_ij) * (w_i . w~_j + b_i + b~_j - log X_ij)^2

    f(x) = (x / x_max)^alpha  if x < x_max,  else 1

The paper (Pennington et al., 2014, eq. 8) writes J without the 1/2; the reference C code
minimizes J/2 (its gradient is f * diff * w~_j), and so does this module: the factor only rescales
the learning rate.  :func:`adagrad_epoch` is one pass of the paper's AdaGrad over the nonzero
entries, written entry by entry as the C code does; the Numba kernel in :mod:`glovelib.train`
must reproduce it update for update.

Derived in notebooks/02_objective.ipynb; trained in notebooks/04_training.ipynb.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["weighting", "loss", "gradients", "check_gradient", "check_glove_gradients",
           "Weights", "init_weights", "adagrad_epoch", "sgd_epoch"]


def weighting(x, x_max: float = 100.0, alpha: float = 0.75) -> np.ndarray:
    """The weighting function f(x) = min(1, (x / x_max)^alpha), with f(0) = 0.

    Parameters
    ----------
    x : array_like
        Cooccurrence counts (>= 0).
    x_max : float, default 100
        Counts at or above it get weight 1.
    alpha : float, default 0.75
        The exponent; the paper found 3/4 better than 1.

    Returns
    -------
    numpy.ndarray of float64, same shape as ``x``
    """
    if x_max <= 0:
        raise ValueError(f"x_max must be > 0, got {x_max}")
    if alpha < 0:
        raise ValueError(f"alpha must be >= 0, got {alpha}")
    x = np.asarray(x, dtype=np.float64)
    return np.where(x < x_max, (np.maximum(x, 0.0) / x_max) ** alpha, 1.0)


@dataclass
class Weights:
    """GloVe's weights, the fitted arrays: word vectors W, context vectors W~ (V, d) and their
    biases (V,)."""

    W: np.ndarray
    W_context: np.ndarray
    b: np.ndarray
    b_context: np.ndarray

    def copy(self) -> Weights:
        return Weights(self.W.copy(), self.W_context.copy(), self.b.copy(), self.b_context.copy())

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (self.W, self.W_context, self.b, self.b_context)


def init_weights(n_vocab: int, dim: int, rng: np.random.RandomState | int | None = 0,
                dtype=np.float64) -> Weights:
    """Initialize as the reference C code: every parameter uniform in (-0.5, 0.5) / dim.

    Drawn in the order W, W~, b, b~ from ``rng`` (a ``RandomState`` or a seed).
    """
    if not isinstance(rng, np.random.RandomState):
        rng = np.random.RandomState(rng)

    def draw(*shape):
        return ((rng.random_sample(shape) - 0.5) / dim).astype(dtype)

    return Weights(draw(n_vocab, dim), draw(n_vocab, dim), draw(n_vocab), draw(n_vocab))


def _entries(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nonzero entries of X as (rows, cols, values), row-major."""
    X = sp.csr_matrix(X)
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    return rows, X.indices.astype(np.int64), X.data.astype(np.float64)


def _residuals(p: Weights, rows, cols, x):
    # diff_ij = w_i . w~_j + b_i + b~_j - log X_ij, for every nonzero (i, j)
    return (np.einsum("nd,nd->n", p.W[rows], p.W_context[cols]) + p.b[rows] + p.b_context[cols]
            - np.log(x))


def loss(p: Weights, X, x_max: float = 100.0, alpha: float = 0.75) -> float:
    """J = 1/2 sum_{X_ij > 0} f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2."""
    rows, cols, x = _entries(X)
    diff = _residuals(p, rows, cols, x)
    return float(0.5 * np.sum(weighting(x, x_max, alpha) * diff**2))


def gradients(p: Weights, X, x_max: float = 100.0, alpha: float = 0.75) -> Weights:
    """dJ/dW, dJ/dW~, dJ/db, dJ/db~ (derived by hand in notebook 02).

    With g_ij = f(X_ij) * diff_ij:  dJ/dw_i = sum_j g_ij w~_j,  dJ/dw~_j = sum_i g_ij w_i,
    dJ/db_i = sum_j g_ij,  dJ/db~_j = sum_i g_ij.
    """
    rows, cols, x = _entries(X)
    g = weighting(x, x_max, alpha) * _residuals(p, rows, cols, x)  # (nnz,)
    V, d = p.W.shape
    G = sp.csr_matrix((g, (rows, cols)), shape=(V, V))
    return Weights(G @ p.W_context, G.T @ p.W, np.asarray(G.sum(axis=1)).ravel(),
                  np.asarray(G.sum(axis=0)).ravel())


def check_gradient(f: Callable[[np.ndarray], float], grad: np.ndarray, x: np.ndarray,
                   n_checks: int = 20, eps: float = 1e-4, seed: int = 0) -> float:
    """Compare an analytic gradient with central finite differences at random coordinates.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; ``x`` is modified in place during the check and restored.
    grad : numpy.ndarray
        The claimed gradient of ``f`` at ``x`` (same shape as ``x``).
    x : numpy.ndarray
        The point (float64).
    n_checks : int, default 20
        How many coordinates to check (all if fewer).
    eps : float, default 1e-4
        Step of the central difference (f(x + eps) - f(x - eps)) / (2 eps).

    Returns
    -------
    float
        The largest relative error |analytic - numeric| / max(1e-8, |analytic| + |numeric|);
        below ~1e-6 means the gradient is right.
    """
    if grad.shape != x.shape:
        raise ValueError(f"gradient shape {grad.shape} differs from parameter shape {x.shape}")
    rng = np.random.default_rng(seed)
    flat = x.reshape(-1)
    idx = rng.choice(flat.size, size=min(n_checks, flat.size), replace=False)
    worst = 0.0
    for k in idx:
        old = flat[k]
        flat[k] = old + eps
        up = f(x)
        flat[k] = old - eps
        down = f(x)
        flat[k] = old
        numeric = (up - down) / (2 * eps)
        analytic = grad.reshape(-1)[k]
        worst = max(worst, abs(analytic - numeric) / max(1e-8, abs(analytic) + abs(numeric)))
    return worst


def check_glove_gradients(grad_fn: Callable[..., Weights] = gradients, X=None, dim: int = 5,
                          x_max: float = 10.0, alpha: float = 0.75, seed: int = 0) -> dict:
    """Check a GloVe gradient function (yours, or :func:`gradients`) by finite differences.

    The check runs twice: at ``(x_max, alpha)`` and at a second setting (half the ``x_max``, a
    different ``alpha``), so that a gradient which ignores its ``x_max`` or ``alpha`` argument
    and hard-codes the defaults is caught.

    Parameters
    ----------
    grad_fn : callable
        ``grad_fn(params, X, x_max, alpha) -> Weights`` of gradients of :func:`loss`.
    X : sparse matrix, optional
        Default: a random 30 x 30 matrix with counts on both sides of ``x_max``.

    Returns
    -------
    dict
        Parameter name -> largest relative error over both settings (see
        :func:`check_gradient`).
    """
    rng = np.random.default_rng(seed)
    if X is None:
        X = sp.random(30, 30, density=0.3, random_state=seed, format="csr",
                      data_rvs=lambda n: rng.uniform(0.2, 3 * x_max, n))
    p = init_weights(X.shape[0], dim, seed)
    for a in p.arrays():  # three times the initial scale, so that every term matters
        a *= 3
    out: dict = {}
    for xm, al in [(x_max, alpha), (0.5 * x_max, 0.4 if abs(alpha - 0.4) > 0.1 else 0.9)]:
        grads = grad_fn(p, X, xm, al)
        for name, value, grad in zip(("W", "W_context", "b", "b_context"), p.arrays(),
                                     grads.arrays(), strict=True):
            err = check_gradient(lambda _, xm=xm, al=al: loss(p, X, xm, al), np.asarray(grad),
                                 value)
            out[name] = max(out.get(name, 0.0), err)
    return out


def adagrad_epoch(p: Weights, sq: Weights, rows, cols, x, order, learning_rate: float = 0.05,
                  x_max: float = 100.0, alpha: float = 0.75, grad_clip: float = 100.0) -> float:
    """One pass of GloVe's AdaGrad over the entries in ``order``, in place; the reference.

    ``sq`` holds the sums of squared steps (initialized to 1, as the C code).  For each entry
    (i, j, x): diff = w_i . w~_j + b_i + b~_j - log x, fdiff = f(x) diff; every parameter takes
    the step g_eta = learning_rate * gradient (vector gradients clipped to +-grad_clip), divided
    by sqrt(sum of squares), then the sum adds g_eta^2.  Both vectors' steps use their values
    from before the update.  An entry with a non-finite diff is skipped.

    Returns
    -------
    float
        The mean of 1/2 f diff^2 over the entries visited (what the C code prints per epoch).
    """
    total, seen = 0.0, 0
    for e in order:
        i, j = rows[e], cols[e]
        diff = p.W[i] @ p.W_context[j] + p.b[i] + p.b_context[j] - np.log(x[e])
        if not np.isfinite(diff):
            continue
        fdiff = weighting(x[e], x_max, alpha) * diff
        total += 0.5 * fdiff * diff
        seen += 1
        step_w = learning_rate * np.clip(fdiff * p.W_context[j], -grad_clip, grad_clip)
        step_c = learning_rate * np.clip(fdiff * p.W[i], -grad_clip, grad_clip)
        p.W[i] -= step_w / np.sqrt(sq.W[i])
        p.W_context[j] -= step_c / np.sqrt(sq.W_context[j])
        sq.W[i] += step_w**2
        sq.W_context[j] += step_c**2
        step_b = learning_rate * fdiff
        p.b[i] -= step_b / np.sqrt(sq.b[i])
        p.b_context[j] -= step_b / np.sqrt(sq.b_context[j])
        sq.b[i] += step_b**2
        sq.b_context[j] += step_b**2
    return total / max(seen, 1)


def sgd_epoch(p: Weights, rows, cols, x, order, learning_rate: float = 0.05,
              x_max: float = 100.0, alpha: float = 0.75, grad_clip: float = 100.0) -> float:
    """Plain SGD on the same objective (one global learning rate): the baseline for AdaGrad."""
    total = 0.0
    for e in order:
        i, j = rows[e], cols[e]
        diff = p.W[i] @ p.W_context[j] + p.b[i] + p.b_context[j] - np.log(x[e])
        fdiff = weighting(x[e], x_max, alpha) * diff
        total += 0.5 * fdiff * diff
        step_w = learning_rate * np.clip(fdiff * p.W_context[j], -grad_clip, grad_clip)
        step_c = learning_rate * np.clip(fdiff * p.W[i], -grad_clip, grad_clip)
        p.W[i] -= step_w
        p.W_context[j] -= step_c
        p.b[i] -= learning_rate * fdiff
        p.b_context[j] -= learning_rate * fdiff
    return total / max(len(order), 1)
