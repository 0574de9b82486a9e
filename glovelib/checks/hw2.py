"""Checks of homework 2 (exercises/hw2_counting): the symmetric and the left-only counter."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from .._mistakes import counter_mistake, lib_count
from ..cooccur import count_cooccurrences
from ._core import _call, _close, _fail, _ok


def _random_docs(rng, V: int) -> list[list[int]]:
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    return [[int(w) for w in rng.choice(V, size=int(rng.integers(0, 25)), p=p)]
            for _ in range(6)]


def _dense(X) -> np.ndarray:
    return X.toarray() if sp.issparse(X) else np.asarray(X, dtype=np.float64)


def _check_count(count: Callable, symmetric: bool) -> None:
    __tracebackhide__ = True
    rng = np.random.default_rng(0)
    cases = [([[0, 1, 0, 0]], 2, 2), ([[0, 1], [1, 0]], 2, 5),  # self-pairs; document borders
             ([[0, 1, 2, 3, 0, 1]], 4, 3)]  # window reach, distance weighting
    for _ in range(12):
        V = int(rng.integers(2, 15))
        cases.append((_random_docs(rng, V) + [[0, 1]], V, int(rng.integers(1, 8))))
    for docs, V, window in cases:
        got = _call(count, ([list(d) for d in docs], V, window),
                    {"gl.count_cooccurrences": count_cooccurrences},
                    task="task 1" if symmetric else "task 2")
        got = _dense(got)
        where = (f"X for docs={docs if len(str(docs)) < 80 else '(random)'}, vocab_size={V}, "
                 f"window={window}")
        if got.shape == (V, V):
            mistake = counter_mistake(got, docs, V, window, symmetric)
            if mistake:
                _fail(f"{where}: {mistake}")
        _close(got, lib_count(docs, V, window, symmetric), where, rtol=1e-9)
    _ok(f"{'symmetric' if symmetric else 'left-only'} counts on {len(cases)} corpora "
        "(self-pairs, document borders, windows 1-7)")


def check_counter(count: Callable) -> None:
    """``count(docs, vocab_size, window)`` -> (V, V) symmetric counts with 1/d weighting, windows
    not crossing documents; ``docs`` is a list of lists of ids.  Without calling
    ``glovelib.count_cooccurrences``."""
    __tracebackhide__ = True
    _check_count(count, symmetric=True)


def check_left_counter(count: Callable) -> None:
    """``count(docs, vocab_size, window)`` -> (V, V) left-only counts: X[earlier, later] += 1/d."""
    __tracebackhide__ = True
    _check_count(count, symmetric=False)
