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
            hint = _pairs_mistake(float(got), lengths, window)
            raise CheckFailed(f"documents of lengths {[int(n) for n in lengths]}, window {window}:"
                              f" expected {want:g} pairs, got {float(got):g}"
                              + (f" ({hint})" if hint else ""))
    _ok(f"window pairs on {len(cases)} cases (documents shorter than the window, empty ones)")


def _pairs_mistake(got: float, lengths, window: int) -> str | None:
    """Name the usual slip whose count equals ``got`` (and differs from the right one)."""
    from ..baselines import window_pairs

    L = np.asarray(lengths, dtype=np.float64)
    d = np.arange(1, window + 1, dtype=np.float64)
    want = window_pairs(lengths, window)
    unguarded = float((L[:, None] - d[None, :]).sum()) if len(L) else 0.0  # sum of L - d
    shifted = float((L[:, None] - d[None, :] + 1).sum()) if len(L) else 0.0  # d from 0
    for message, wrong in [
        ("each pair counts from both ends: twice", want / 2),
        ("wL - w(w+1)/2 counts each pair once and lets a short document go negative: both "
         "directions count (twice), and a document has max(L - d, 0) pairs at distance d",
         unguarded),
        ("2wL - w(w - 1) counts distances 0 to w - 1: a pair at distance d (1 to w) has L - d "
         "positions, so the sum is 2wL - w(w + 1), and max(L - d, 0) for short documents",
         2 * shifted),
        ("distances run from 1 to the window itself: range(1, window + 1), not range(1, window)",
         window_pairs(lengths, window - 1) if window > 1 else 0.0),
        ("2wL counts w neighbours on each side of every token, but a document shorter than the "
         "window, and the tokens near its ends, have fewer: sum max(L - d, 0) over d",
         2 * window * L.sum()),
        ("documents shorter than the window: L - d is negative when d > L; a document has "
         "max(L - d, 0) pairs at distance d, never fewer than 0",
         2 * float((L[:, None] - d[None, :]).sum()) if len(L) else 0.0),
        ("(w + 1) L is Word2Vec's *dynamic* window (an average, sampled); this count is the "
         "full window: sum over d of 2 max(L - d, 0)", (window + 1) * L.sum()),
    ]:
        if not np.isclose(wrong, want, rtol=1e-12) and np.isclose(got, wrong, rtol=1e-12):
            return message
    return None
