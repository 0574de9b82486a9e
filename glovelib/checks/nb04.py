"""Checks of notebook 04 (training): AdaGrad's effective step."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._core import CheckFailed, _ok, signature_mistake


def _adagrad_steps(learning_rate: float, g: float, n: int) -> float:
    """The step of the (n + 1)-th visit by GloVe's update, simulated: sum starts at 1, the step is
    eta g / sqrt(sum), then the sum adds (eta g)^2 (as objective.adagrad_epoch)."""
    total = 1.0
    for _ in range(n):
        total += (learning_rate * g) ** 2
    return learning_rate * g / np.sqrt(total)


def _same(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-9, atol=0))


def check_adagrad_step(step: Callable) -> None:
    """``step(learning_rate, g, n)`` must be the step GloVe's AdaGrad takes on a parameter's
    (n + 1)-th visit when every visit brings the gradient g: eta g / sqrt(1 + n (eta g)^2)
    (notebook 04).  Checked against a simulation of the update."""
    wrong_signature = signature_mistake(step, (0.05, 1.0, 0), "step(learning_rate, g, n)")
    if wrong_signature:
        raise CheckFailed(wrong_signature)
    for lr, g, n in [(0.05, 1.0, 0), (0.05, 1.0, 100), (0.05, 2.0, 10_000), (0.2, 0.5, 37),
                     (1.0, 0.1, 5), (0.01, 3.0, 250_000), (0.05, -1.0, 0), (0.2, -0.5, 37)]:
        want = _adagrad_steps(lr, g, n) if n <= 1000 else lr * g / np.sqrt(1 + n * (lr * g) ** 2)
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                got = float(step(lr, g, n))
        except ZeroDivisionError:
            got = np.inf
        shown = f"step({lr}, {g}, {n}) = {got:.6g}, expected {want:.6g}"
        if n == 0 and np.isfinite(got) and abs(got) > 100 * abs(want):
            raise CheckFailed(f"{shown}: your sum of squares starts at 0, guarded by an epsilon "
                              "(np.sqrt(G) + 1e-12, as textbook AdaGrad writes it), so the first "
                              "step divides by about 1e-12: GloVe's AdaGrad, like the C code, "
                              "has no epsilon, its sums start at 1 (G = 1 + n (eta g)^2), and "
                              "the first step is eta g")
        if not np.isfinite(got) or n > 0 and _same(got, lr * g / np.sqrt(n * (lr * g) ** 2)):
            raise CheckFailed(f"{shown}: the sum of squares starts at 1, not 0 (GloVe's "
                              "AdaGrad: G = 1 + n (eta g)^2), so the first step is eta g")
        if g < 0 and _same(got, -want):
            raise CheckFailed(f"{shown}: the step keeps the sign of g (only the sum of squares "
                              "is positive)")
        mistakes = [(lr * g / np.sqrt(1 + n * g * g), "the sum adds the squared *step* "
                     "(eta g)^2, not g^2"),
                    (lr * g / np.sqrt(1 + n * lr * g * g), "the sum adds (eta g)^2 = eta^2 g^2; "
                     "you added eta g^2 (write (learning_rate * g) ** 2)"),
                    (lr * g / np.sqrt(1 + (n + 1) * (lr * g) ** 2), "the sum grows *after* the "
                     "step, so visit n + 1 sees n terms"),
                    (g / np.sqrt(1 + n * (lr * g) ** 2), "the learning rate is missing from the "
                     "numerator: the step is eta g / sqrt(G)"),
                    (lr / np.sqrt(1 + n * (lr * g) ** 2), "g is missing from the numerator: "
                     "the step is eta g / sqrt(G)"),
                    (lr * g / (1 + n * (lr * g) ** 2), "the square root is missing: the step "
                     "is eta g / sqrt(1 + n (eta g)^2)"),
                    (lr * g / (1 + n * lr * g), "np.sqrt(1 + n * lr * g) ** 2 squares the root "
                     "away: the power belongs inside, np.sqrt(1 + n * (lr * g) ** 2)"),
                    (lr * g / np.sqrt(1 + n * lr * lr * g), "g is not squared in the sum: it "
                     "adds (eta g)^2 = eta^2 g^2 per visit"),
                    (lr * g / np.sqrt(1 + n * lr * lr), "g is missing from the sum: each visit "
                     "adds (eta g)^2, not eta^2"),
                    (lr * g / np.sqrt(1 + (lr * g) ** 2), "n is missing: the sum holds one "
                     "(eta g)^2 per earlier visit, n of them"),
                    (lr * g / np.sqrt(1 + lr * g * g), "n is missing, and the sum adds "
                     "(eta g)^2 = eta^2 g^2, not eta g^2: G = 1 + n (eta g)^2")]
        for wrong, message in mistakes:
            if _same(got, wrong) and not _same(wrong, want):
                raise CheckFailed(f"{shown}: {message}")
        if not _same(got, want):
            raise CheckFailed(shown)
    _ok("AdaGrad's effective step on 8 cases (first visit, many visits, small and large eta, "
        "negative g)")
