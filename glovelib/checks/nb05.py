"""Checks of notebook 05 (evaluating): 3CosMul."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._mistakes import cosmul_mistake
from ..vectors import KeyedVectors
from ._core import CheckFailed, _ok, signature_mistake


def check_cosmul(solve: Callable) -> None:
    """``solve(vectors, words, a, b, c)`` -> the word d maximizing 3CosMul (Levy & Goldberg 2014):
    cos'(d, b) cos'(d, c) / (cos'(d, a) + 0.001) with cos' = (1 + cos) / 2, a, b and c excluded
    (notebook 05)."""
    wrong_signature = signature_mistake(solve, (None,) * 5, "solve(vectors, words, a, b, c)",
                                        "it runs on random vectors, so take them as arguments")
    if wrong_signature:
        raise CheckFailed(wrong_signature)
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(40)]
    wrong = []  # (kv, a, b, c, got) where got is not the answer
    for _ in range(20):
        vectors = rng.normal(size=(40, 6))
        kv = KeyedVectors(words, vectors)
        a, b, c = tuple(words[i] for i in rng.choice(40, 3, replace=False))
        got = solve(vectors.copy(), list(words), a, b, c)
        if got in (a, b, c):
            raise CheckFailed(f"the answer to {a}:{b}::{c}:? was {got!r}, one of the question's "
                              "words: exclude a, b and c")
        if got != kv.analogy(a, b, c, method="mul"):
            wrong.append((kv, a, b, c, got))
    if wrong:
        kv, a, b, c, got = wrong[0]
        hint, want = cosmul_mistake(wrong), kv.analogy(a, b, c, method="mul")
        raise CheckFailed(f"3CosMul for {a}:{b}::{c}:? should be {want!r}, got {got!r} (wrong "
                          f"on {len(wrong)} of 20 questions)"
                          + (f": {hint}" if hint else ""))
    _ok("3CosMul on 20 random vector sets (shifted cosines, excluded words)")
