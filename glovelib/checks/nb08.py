"""Checks of notebook 08 (the comparison, measured): counting window pairs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._core import CheckFailed, _ok


def check_window_pairs(pairs: Callable) -> None:
    """``pairs(doc_lengths, window)`` -> the number of (centre, context) pairs at distance 1 to
    ``window`` inside each document, both directions counted (notebook 08, section 1)."""
    from ..baselines import window_pairs

    rng = np.random.default_rng(0)
    cases = [([1], 3), ([2], 1), ([5], 5), ([5], 10), ([0, 3], 2)]  # short documents, empty ones
    cases += [(list(rng.integers(0, 30, size=int(rng.integers(1, 6)))), int(rng.integers(1, 12)))
              for _ in range(10)]
    for lengths, window in cases:
        want = window_pairs(lengths, window)
        got = pairs(list(lengths), window)
        if not np.isclose(float(got), want, rtol=1e-12):
            raise CheckFailed(f"documents of lengths {[int(n) for n in lengths]}, window {window}:"
                              f" expected {want:g} pairs, got {float(got):g}"
                              + (" (each pair counts from both ends: twice)"
                                 if np.isclose(2 * float(got), want) else ""))
    _ok(f"window pairs on {len(cases)} cases (documents shorter than the window, empty ones)")
