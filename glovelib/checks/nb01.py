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
    given, X = X, sp.csr_matrix(X)
    rows = np.asarray(X.sum(axis=1)).ravel()
    total = rows.sum()
    nonzeros = np.diff(X.indptr)  # entries per row
    for i in words:
        for k in words:
            a, b = vocab[i], vocab[k]
            want, got = X[a, b] / rows[a], _one_number(P(k, i), k, i)
            if np.isclose(got, want, rtol=1e-9, atol=0):
                continue
            hint = ""
            for wrong, why in [
                    (X[a, b] / total, "the joint probability X_ik / sum(X): divide by X_i "
                     "instead"),
                    (X[a, b] / rows[b], "P(i | k): divide by the row sum of i, not of k"),
                    (X[a, b] / vocab.counts[a] if hasattr(vocab, "counts") else None,
                     "X_ik divided by how often i occurs in the corpus (vocab.counts): X_i is "
                     "the sum of i's row of X, X[i].sum(), the weighted counts of its pairs"),
                    (X[a, b], "the raw count X_ik: divide it by X_i, the row's total, to get a "
                     "probability"),
                    (X[a, b] / nonzeros[a], "X_ik divided by the number of nonzero entries of "
                     "row i: X_i is the row's *sum* of counts (X[i].sum()), not how many there "
                     "are"),
                    (X[a, b] * X.shape[1] / rows[a], "X_ik divided by the row's *mean* "
                     "(X[i].mean()): X_i is the row's sum, X[i].sum()"),
                    (X[a, b] * nonzeros[a] / rows[a], "X_ik divided by the mean of the row's "
                     "nonzero counts: X_i is the row's sum, X[i].sum()")]:
                if wrong is not None and np.isclose(got, wrong, rtol=1e-9) \
                        and not np.isclose(wrong, want, rtol=1e-9):
                    hint = f" -- that is {why}"
                    break
            raise CheckFailed(f"P({k!r} | {i!r}) should be {float(want):.6g}, got "
                              f"{got:.6g}{hint}")
    _swapped_indices(P, given, vocab, words)
    _ok(f"P(k | i) = X_ik / X_i on {len(words)}^2 pairs of words")


def _one_number(value, k, i) -> float:
    """``P(k, i)`` as a float, or one line saying what it returned instead of a number."""
    if sp.issparse(value) or (isinstance(value, np.ndarray) and value.size != 1):
        shape = getattr(value, "shape", None)
        raise CheckFailed(f"P({k!r}, {i!r}) returned a {type(value).__name__} of shape {shape}, "
                          "not one number: take the entry of column k, X[i, k] / X_i (a row "
                          "X[i] divided by X_i is every P(. | i) at once)")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CheckFailed(f"P({k!r}, {i!r}) returned {type(value).__name__} {value!r:.60}, not "
                          "a number: return X_ik / X_i as a float") from None


def _swapped_indices(P: Callable, X, vocab, words) -> None:
    """X is symmetric, so P(k | i) computed from X[k, i] passes on it.  When ``P`` reads the
    notebook's global matrix, rerun it on an asymmetric X with the same row sums (the global
    is put back at once): X[a, b] += t, X[b, a] -= t around a triangle of ``words``."""
    names = [name for name, value in getattr(P, "__globals__", {}).items() if value is X]
    ids = [vocab[w] for w in words[:3]]
    if not names or len(set(ids)) < 3:
        return
    A = sp.lil_matrix(X, copy=True)
    a, b, c = ids
    cycle = [(a, b), (b, c), (c, a)]
    t = 0.25 * min(min(A[i, j], A[j, i]) for i, j in cycle)
    if not t > 0:
        return
    for i, j in cycle:
        A[i, j] += t
        A[j, i] -= t
    A = sp.csr_matrix(A)
    saved = {name: P.__globals__[name] for name in names}
    try:
        P.__globals__.update({name: A for name in names})
        got = float(P(words[1], words[0]))
    finally:
        P.__globals__.update(saved)
    want, swapped = A[a, b] / rows_of(A)[a], A[b, a] / rows_of(A)[a]
    if np.isclose(got, swapped, rtol=1e-9) and not np.isclose(got, want, rtol=1e-9):
        raise CheckFailed(f"P({words[1]!r} | {words[0]!r}) reads X[k, i]: the row is the "
                          "given word i, P(k | i) = X[i, k] / X_i (this X is symmetric, so "
                          "it only shows on a matrix that is not)")


def rows_of(X) -> np.ndarray:
    return np.asarray(X.sum(axis=1)).ravel()
