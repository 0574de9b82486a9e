"""Checks of notebook 01 (counts to meaning): P(k | i)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from ._core import CheckFailed, _ok


def check_probability(P: Callable, X, vocab, words) -> None:
    """``P(k, i)`` must be P(k | i) = X_ik / X_i with X_i = sum_k X_ik (notebook 01), for every
    pair of ``words``; the usual mistakes (joint probability, the wrong row) are named."""
    X = sp.csr_matrix(X)
    rows = np.asarray(X.sum(axis=1)).ravel()
    total = rows.sum()
    for i in words:
        for k in words:
            a, b = vocab[i], vocab[k]
            want, got = X[a, b] / rows[a], float(P(k, i))
            if np.isclose(got, want, rtol=1e-9, atol=0):
                continue
            hint = ""
            if np.isclose(got, X[a, b] / total, rtol=1e-9):
                hint = " -- that is the joint probability X_ik / sum(X): divide by X_i instead"
            elif np.isclose(got, X[a, b] / rows[b], rtol=1e-9):
                hint = " -- that is P(i | k): divide by the row sum of i, not of k"
            raise CheckFailed(f"P({k!r} | {i!r}) should be {float(want):.6g}, got "
                              f"{got:.6g}{hint}")
    _ok(f"P(k | i) = X_ik / X_i on {len(words)}^2 pairs of words")
