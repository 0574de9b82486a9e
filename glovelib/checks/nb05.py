"""Checks of notebook 05 (evaluating): 3CosMul."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..vectors import KeyedVectors
from ._core import CheckFailed, _ok


def check_cosmul(solve: Callable) -> None:
    """``solve(vectors, words, a, b, c)`` -> the word d maximizing 3CosMul (Levy & Goldberg 2014):
    cos'(d, b) cos'(d, c) / (cos'(d, a) + 0.001) with cos' = (1 + cos) / 2, a, b and c excluded
    (notebook 05)."""
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(40)]
    for _ in range(20):
        vectors = rng.normal(size=(40, 6))
        kv = KeyedVectors(words, vectors)
        a, b, c = tuple(words[i] for i in rng.choice(40, 3, replace=False))
        want = kv.analogy(a, b, c, method="mul")
        got = solve(vectors.copy(), list(words), a, b, c)
        if got in (a, b, c):
            raise CheckFailed(f"the answer to {a}:{b}::{c}:? was {got!r}, one of the question's "
                              "words: exclude a, b and c")
        if got != want:
            unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
            cos = unit @ unit[[words.index(w) for w in (a, b, c)]].T  # (40, 3)
            raw = cos[:, 1] * cos[:, 2] / (cos[:, 0] + 0.001)
            raw[[words.index(w) for w in (a, b, c)]] = -np.inf
            hint = (" (shift the cosines to [0, 1] with (1 + cos) / 2 before multiplying)"
                    if got == words[int(np.argmax(raw))] else "")
            raise CheckFailed(f"3CosMul for {a}:{b}::{c}:? should be {want!r}, got {got!r}{hint}")
    _ok("3CosMul on 20 random vector sets (shifted cosines, excluded words)")
