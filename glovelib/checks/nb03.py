"""Checks of notebook 03 (counting): pair counts by hand."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .._mistakes import pair_counts_mistake
from ..cooccur import count_cooccurrences
from ._core import CheckFailed, _ok


def check_pair_counts(pairs: Mapping | Callable, sentence: Sequence[str], window: int,
                      distance_weighting: bool = True) -> None:
    """``pairs`` {(left, right): value} must hold the symmetric window counts of ``sentence``
    (notebook 03): 1/d (or 1) added both ways for each pair within ``window``.  ``pairs`` may
    also be the counting function, ``hand_count(sentence, window)``, which the check calls."""
    if callable(pairs):
        try:
            pairs = pairs(list(sentence), window)
        except ZeroDivisionError:
            raise CheckFailed("your count divides by d = 0: the inner range reaches p itself "
                              "(a word is not its own neighbour); range(max(0, p - window), p) "
                              "stops before p") from None
    words = sorted(set(sentence))
    index = {w: i for i, w in enumerate(words)}
    ids = np.array([index[w] for w in sentence], dtype=np.int32)
    X = count_cooccurrences([ids], len(words), window,
                            distance_weighting=distance_weighting).toarray()
    want = {(a, b): X[index[a], index[b]] for a in words for b in words if X[index[a], index[b]]}
    mistake = pair_counts_mistake(pairs, ids, index, window, distance_weighting)
    extra = sorted(k for k, v in pairs.items() if v and k not in want)
    if extra:
        raise CheckFailed(f"X[{extra[0][0]}, {extra[0][1]}] should be 0 with window {window}, "
                          f"got {pairs[extra[0]]:.4g}: " + (mistake or f"are the two words "
                                                            f"within {window} of each other?"))
    for (a, b), v in sorted(want.items()):
        got = float(pairs.get((a, b), 0.0))
        if not np.isclose(got, v, rtol=1e-12):
            raise CheckFailed(f"X[{a}, {b}] should be {v:.4g} with window {window}, got {got:.4g}"
                              + (f": {mistake}" if mistake else ""))
    _ok(f"{len(want)} pair counts of a {len(sentence)}-word sentence, window {window}")
    if window >= len(sentence) - 1:
        print(f"note: a window of {len(sentence) - 1} or more already covers the whole "
              f"{len(sentence)}-word sentence, so a window off by one would pass here too; "
              "check a longer sentence as well")
