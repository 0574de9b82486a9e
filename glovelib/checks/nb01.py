"""Checks of notebook 01 (counts to meaning): P(k | i)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from ._core import CheckFailed, _ok


def check_probability(P: Callable, X, vocab, words) -> None:
    """``P(k, i)`` must be P(k | i) = X_ik / X_i with X_i = sum_k X_ik (notebook 01), for every
    pair of ``words``; the usual mistakes (joint probability, the wrong row, the raw count, the
    count of entries for X_i) are named."""
    X = sp.csr_matrix(X)
    rows = np.asarray(X.sum(axis=1)).ravel()
    total = rows.sum()
    nonzeros = np.diff(X.indptr)  # entries per row
    for i in words:
        for k in words:
            a, b = vocab[i], vocab[k]
            want, got = X[a, b] / rows[a], float(P(k, i))
            if np.isclose(got, want, rtol=1e-9, atol=0):
                continue
            hint = ""
            for wrong, why in [
                    (X[a, b] / total, "the joint probability X_ik / sum(X): divide by X_i "
                     "instead"),
                    (X[a, b] / rows[b], "P(i | k): divide by the row sum of i, not of k"),
                    (X[a, b], "the raw count X_ik: divide it by X_i, the row's total, to get a "
                     "probability"),
                    (X[a, b] / nonzeros[a], "X_ik divided by the number of nonzero entries of "
                     "row i: X_i is the row's *sum* of counts (X[i].sum()), not how many there "
                     "are")]:
                if np.isclose(got, wrong, rtol=1e-9) and not np.isclose(wrong, want, rtol=1e-9):
                    hint = f" -- that is {why}"
                    break
            raise CheckFailed(f"P({k!r} | {i!r}) should be {float(want):.6g}, got "
                              f"{got:.6g}{hint}")
    _ok(f"P(k | i) = X_ik / X_i on {len(words)}^2 pairs of words")
