"""What the usual wrong answers to the homework and the notebooks' try-its look like, so that
glovelib.checks can name the mistake a student made rather than only the first differing number.

Each ``*_mistake`` function computes the usual wrong answers from the same inputs and returns the
one line naming the first that ``got`` matches (and that differs from the right answer), or None.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import evaluate, objective
from .cooccur import count_cooccurrences
from .vectors import KeyedVectors


def near(got, want, rtol: float = 1e-8, atol: float = 1e-10) -> bool:
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def first_match(got, want, candidates, match=near) -> str | None:
    """The message of the first (message, wrong answer) that ``got`` matches and ``want`` not."""
    for message, wrong in candidates:
        if wrong is not None and not match(wrong, want) and match(got, wrong):
            return message
    return None


def weighting_mistake(got, x, x_max, alpha) -> str | None:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return first_match(got, objective.weighting(x, x_max, alpha), [
            ("x / x_max**alpha is x / (x_max^alpha): ** binds tighter than /, so write "
             "(x / x_max) ** alpha", np.where(x < x_max, x / x_max**alpha, 1.0)),
        ("x / x_max**alpha is x / (x_max^alpha): ** binds tighter than /, so write "
         "np.minimum(1, (x / x_max) ** alpha)", np.minimum(1, x / x_max**alpha)),
        ("f(x) is 0 at and above x_max: it is capped at 1 there, np.where(x < x_max, "
         "(x / x_max) ** alpha, 1.0)", np.where(x < x_max, (x / x_max) ** alpha, 0.0)),
            ("alpha is ignored; below x_max, f(x) = (x / x_max)^alpha",
             np.minimum(1, x / x_max)),
            ("x ** alpha / x_max raises x alone to alpha: the ratio is raised, "
             "(x / x_max) ** alpha", np.where(x < x_max, x**alpha / x_max, 1.0)),
            ("x ** alpha / x_max raises x alone to alpha: the ratio is raised, "
             "np.minimum(1, (x / x_max) ** alpha)", np.minimum(1, x**alpha / x_max)),
            ("alpha multiplies: it is the exponent, f(x) = (x / x_max) ** alpha below x_max",
             np.minimum(1, x / x_max) * alpha),
            ("alpha multiplies: it is the exponent, f(x) = (x / x_max) ** alpha below x_max",
             np.where(x < x_max, x / x_max * alpha, 1.0)),
            ("alpha is written in as 0.75: use the alpha your function is given",
             objective.weighting(x, x_max, 0.75) if alpha != 0.75 else None),
            ("x_max is written in as 100: use the x_max your function is given",
             objective.weighting(x, 100.0, alpha) if x_max != 100 else None),
            ("f is not capped at 1: f(x) = 1 for x >= x_max", (x / x_max) ** alpha),
            ("the exponent is 1 / alpha: below x_max, f(x) = (x / x_max) ** alpha",
             objective.weighting(x, x_max, 1 / alpha) if alpha != 1 else None),
            ("x_max and alpha are swapped: the check calls weighting(x, x_max, alpha), in that "
             "order; your function takes (or uses) them the other way round",
             np.where(x < alpha, (x / alpha) ** x_max, 1.0)),
            ("you rounded x down (np.floor, or astype(int)): counts are 1/d-weighted, not "
             "integers (a pair at distance 2 adds 0.5), so use x as it is",
             objective.weighting(np.floor(x), x_max, alpha)),
            ("you rounded x (np.round, or int()): counts are 1/d-weighted, not integers (a pair "
             "at distance 3 adds 0.33), so use x as it is",
             objective.weighting(np.round(x), x_max, alpha)),
            ("the comparison is the wrong way round: f(x) = (x / x_max)^alpha *below* x_max, 1 "
             "above", np.where(x > x_max, (x / x_max) ** alpha, 1.0)),
        ])


def reference_loss(p, X, x_max, alpha, weighted=True, biases=True, log=np.log,
                   f_power=1, context_bias=True, swap_vectors=False, power=2,
                   context_from_W=False, swap_biases=False, context_bias_row=False,
                   dot_all=False, context_row=False) -> float:
    C = sp.coo_matrix(X)
    W, Wc = (p.W_context, p.W) if swap_vectors else (p.W, p.W_context)
    Wc = W if context_from_W else Wc
    dots = np.einsum("nd,nd->n", W[C.row], Wc[C.row if context_row else C.col])
    if dot_all:  # (W[i] * Wc[j]).sum() on the index arrays: one scalar for every entry
        dots = np.full_like(dots, dots.sum())
    diff = dots - log(C.data)
    if biases and swap_biases:  # b[j] + b~[i]: each bias indexed by the other's word
        diff = diff + p.b[C.col] + p.b_context[C.row]
    elif biases and context_bias_row:  # b[i] + b~[i]
        diff = diff + p.b[C.row] + p.b_context[C.row]
    elif biases:
        diff = diff + p.b[C.row] + (p.b_context[C.col] if context_bias else 0)
    f = objective.weighting(C.data, x_max, alpha) ** f_power if weighted else 1.0
    return 0.5 * float(np.sum(f * np.abs(diff) if power == "abs" else f * diff**power))


def loss_mistake(got, p, X, x_max, alpha) -> str | None:
    J, nnz = reference_loss(p, X, x_max, alpha), sp.coo_matrix(X).nnz
    return first_match(got, J, [
        ("J is twice the expected value: J carries a factor 1/2", 2 * J),
        ("you took the mean over the nonzero entries: J is their *sum* (np.sum, not np.mean)",
         J / nnz),
        ("you took the mean over the nonzero entries (and dropped the 1/2): J is 1/2 times "
         "their *sum*", 2 * J / nnz),
        ("f(X_ij) is inside the square: J weighs the squared error, f(X_ij) * δ_ij**2, not "
         "(f(X_ij) * δ_ij)**2", reference_loss(p, X, x_max, alpha, f_power=2)),
        ("the weighting f(X_ij) is missing from your sum",
         reference_loss(p, X, x_max, alpha, weighted=False)),
        ("the biases b_i and b~_j are missing from δ_ij",
         reference_loss(p, X, x_max, alpha, biases=False)),
        ("you used log(1 + X_ij); GloVe fits log X_ij",
         reference_loss(p, X, x_max, alpha, log=np.log1p)),
        ("δ_ij uses X_ij where log X_ij belongs: the model fits log counts",
         reference_loss(p, X, x_max, alpha, log=lambda x: x)),
        ("the context bias b~_j is missing from δ_ij",
         reference_loss(p, X, x_max, alpha, context_bias=False)),
        ("W and W~ are swapped: row i of X is the word, w_i = W[i]; column j the context, "
         "w~_j = Wc[j]", reference_loss(p, X, x_max, alpha, swap_vectors=True)),
        ("the error is not squared: J sums f(X_ij) δ_ij**2",
         reference_loss(p, X, x_max, alpha, power=1)),
        ("you took |δ_ij|: J squares the error, f(X_ij) δ_ij**2",
         reference_loss(p, X, x_max, alpha, power="abs")),
        ("the context vector is indexed by the word: w~_j is Wc[j] (the column's), not Wc[i]",
         reference_loss(p, X, x_max, alpha, context_row=True)),
        ("the context vector comes from W: w~_j is Wc[j], not W[j]",
         reference_loss(p, X, x_max, alpha, context_from_W=True)),
        ("the biases are swapped: δ_ij adds b[i] (the word's) and bc[j] (the context's)",
         reference_loss(p, X, x_max, alpha, swap_biases=True)),
        ("the context bias is indexed by the word: δ_ij adds bc[j] (the context's), not bc[i]",
         reference_loss(p, X, x_max, alpha, context_bias_row=True)),
        ("(W[i] * Wc[j]).sum() with i and j arrays sums over *every* entry, one number for all "
         "of them: take each entry's own dot product, (W[i] * Wc[j]).sum(axis=1)",
         reference_loss(p, X, x_max, alpha, dot_all=True)),
        ("rows and columns are swapped (as if X were X.T): row i of X is the word, W[row] and "
         "b[row]; column j the context, Wc[col] and bc[col]",
         reference_loss(p, sp.coo_matrix(X).T, x_max, alpha)),
    ], match=lambda a, b: np.size(a) == 1 and bool(np.isclose(float(a), float(b), rtol=1e-8)))


def reference_gradients(p, X, x_max, alpha, f_power=1, transpose=True, log=np.log,
                        bias=True, context_bias=True, x_for_delta=False, delta_power=1,
                        scale=1.0) -> list:
    """(dW, dW~, db, db~), or a usual wrong version of them (f squared or forgotten, G.T
    forgotten, log dropped, a bias forgotten, X_ij in place of delta_ij, delta squared, every
    g_ij times ``scale``)."""
    C = sp.coo_matrix(X)
    diff = np.einsum("nd,nd->n", p.W[C.row], p.W_context[C.col]) - log(C.data)
    diff = diff + (p.b[C.row] if bias else 0) + (p.b_context[C.col] if context_bias else 0)
    f = objective.weighting(C.data, x_max, alpha) ** f_power
    g = f * (C.data if x_for_delta else diff**delta_power) * scale
    G = sp.csr_matrix((g, (C.row, C.col)), shape=X.shape)
    return [G @ p.W_context, (G.T if transpose else G) @ p.W, np.asarray(G.sum(axis=1)).ravel(),
            np.asarray(G.sum(axis=0)).ravel()]


def gradient_mistake(got, p, X, x_max, alpha) -> str | None:
    """Name the usual mistake in the 4 gradients ``got`` (all four compared at once)."""
    def match(a, b):
        return len(a) == len(b) and all(near(u, v, 1e-7, 1e-9) for u, v in zip(a, b, strict=True))

    def wrong(**kw):
        return reference_gradients(p, X, x_max, alpha, **kw)

    want = wrong()
    shapes = [np.shape(g) for g in got]
    if len(got) == 4 and shapes != [w.shape for w in want] \
            and sorted(shapes) == sorted(w.shape for w in want):
        return ("your gradients come in another order: return (dJ/dW, dJ/dW~, dJ/db, dJ/db~), "
                f"shapes {[w.shape for w in want]}; yours have shapes {shapes}")
    return first_match([np.asarray(g) for g in got], want, [
        ("δ_ij adds log X_ij where it subtracts it: δ_ij = w_i.w~_j + b_i + b~_j - log X_ij",
         wrong(log=lambda x: -np.log(x))),
        ("your gradients have the wrong sign: dJ/dw_i = +sum_j f(X_ij) δ_ij w~_j (training "
         "then steps against it, W -= eta * dW)", [-w for w in want]),
        ("your gradients are twice the expected ones: J carries a factor 1/2, so "
         "dJ/dw_i = sum_j f(X_ij) δ_ij w~_j, without a 2", [2 * w for w in want]),
        ("the weighting f(X_ij) is missing from your gradients (f = 1 everywhere): g_ij = "
         "f(X_ij) * δ_ij", wrong(f_power=0)),
        ("your gradients carry f(X_ij) squared, as if J were 1/2 sum (f δ)^2: f is a weight "
         "outside the square, so g_ij = f(X_ij) * δ_ij", wrong(f_power=2)),
        ("dJ/dW~ is G @ W: the context j sums over the rows i, so dJ/dW~ = G.T @ W (the "
         "transpose is missing)", wrong(transpose=False)),
        ("δ_ij uses X_ij where log X_ij belongs: the model fits log counts",
         wrong(log=lambda x: x)),
        ("your g_ij is f(X_ij) * δ_ij**2, the term of the loss itself: the derivative of "
         "1/2 f(X_ij) δ_ij**2 is g_ij = f(X_ij) * δ_ij (δ to the first power)",
         wrong(delta_power=2)),
        ("your g_ij is f(X_ij) * δ_ij**2 / 2, the term of the loss itself: its derivative is "
         "g_ij = f(X_ij) * δ_ij (δ to the first power)", wrong(delta_power=2, scale=0.5)),
        ("you divided the gradients by the number of nonzeros: J is a *sum* over the entries, "
         "not a mean, so its gradients are sums too (no / X.nnz)",
         [w / sp.coo_matrix(X).nnz for w in want]),
        ("your g_ij uses X_ij in place of δ_ij: g_ij = f(X_ij) * (w_i.w~_j + b_i + b~_j - "
         "log X_ij)", wrong(x_for_delta=True)),
        ("rows and columns are swapped (as if X were X.T): row i of X is the word, W[row] and "
         "b[row]; column j the context, Wc[col] and bc[col]",
         reference_gradients(p, sp.coo_matrix(X).T, x_max, alpha)),
        ("the context bias b~_j is missing from δ_ij", wrong(context_bias=False)),
        ("the bias b_i is missing from δ_ij", wrong(bias=False)),
        ("the biases b_i and b~_j are missing from δ_ij", wrong(bias=False, context_bias=False)),
    ], match=match) or _one_gradient_mistake(got, want, p, X, x_max, alpha)


def _one_gradient_mistake(got, want, p, X, x_max, alpha) -> str | None:
    """Name a mistake in one of the four gradients (the others may be right)."""
    C = sp.coo_matrix(X)
    delta = (np.einsum("nd,nd->n", p.W[C.row], p.W_context[C.col]) + p.b[C.row]
             + p.b_context[C.col] - np.log(C.data))
    G = sp.csr_matrix((objective.weighting(C.data, x_max, alpha) * delta, (C.row, C.col)),
                      shape=X.shape)
    V = X.shape[0]
    candidates = [
        (0, "dJ/dW is G.T @ W~: the word i sums over its row's contexts j, dJ/dW = G @ W~ "
         "(no transpose)", G.T @ p.W_context),
        (0, "dJ/dW uses W where W~ belongs: dJ/dw_i = sum_j g_ij w~_j", G @ p.W),
        (1, "dJ/dW~ uses W~ where W belongs: dJ/dw~_j = sum_i g_ij w_i", G.T @ p.W_context),
        (1, "dJ/dW~ multiplies g_ij by w~_j, the vector being differentiated, where w_i belongs: "
         "dJ/dw~_j = sum_i g_ij w_i (in a loop, gWc[j] += g * W[i])",
         np.asarray(G.sum(axis=0)).ravel()[:, None] * p.W_context),
        (0, "dJ/dW multiplies g_ij by w_i, the vector being differentiated, where w~_j belongs: "
         "dJ/dw_i = sum_j g_ij w~_j (in a loop, gW[i] += g * Wc[j])",
         np.asarray(G.sum(axis=1)).ravel()[:, None] * p.W),
        (2, "dJ/db is a mean over the row: it is the *sum* of g_ij over j (G.sum(axis=1))",
         np.asarray(G.sum(axis=1)).ravel() / V),
        (3, "dJ/db~ is a mean over the column: it is the *sum* of g_ij over i (G.sum(axis=0))",
         np.asarray(G.sum(axis=0)).ravel() / V),
        (2, "dJ/db sums over the columns: b_i belongs to row i, dJ/db_i = sum_j g_ij "
         "(G.sum(axis=1))", np.asarray(G.sum(axis=0)).ravel()),
        (3, "dJ/db~ sums over the rows: b~_j belongs to column j, dJ/db~_j = sum_i g_ij "
         "(G.sum(axis=0))", np.asarray(G.sum(axis=1)).ravel()),
        (2, "dJ/db keeps only one g_ij per row: `gb[i] = g` overwrites, `gb[i] += g` sums",
         _last_per_line(G.tocsr())),
        (3, "dJ/db~ keeps only one g_ij per column: `gbc[j] = g` overwrites, `gbc[j] += g` sums",
         _last_per_line(G.tocsc())),
    ] + [(k, f"{name} has the wrong sign: it adds +g_ij (`+=`, not `-=`): the minus sign "
          "belongs to the update, not to the gradient", -want[k])
         for k, name in enumerate(("dJ/dW", "dJ/dW~", "dJ/db", "dJ/db~"))] + [
        (k, f"{name} is zero: its gradient is never filled in (sum g_ij over the "
          f"{'row' if k == 2 else 'column'})" if k >= 2 else f"{name} is zero: it is never "
          "filled in", np.zeros_like(want[k]))
         for k, name in enumerate(("dJ/dW", "dJ/dW~", "dJ/db", "dJ/db~"))]
    for k, message, wrong in candidates:
        if len(got) == 4 and not near(wrong, want[k], 1e-7, 1e-9) \
                and near(np.asarray(got[k]), wrong, 1e-7, 1e-9):
            return message
    return None


def _last_per_line(M) -> np.ndarray:
    """The last stored value of each row of a CSR (column of a CSC) matrix, 0 where empty: what
    ``gb[i] = g`` leaves after a loop over the entries in order."""
    out = np.zeros(M.shape[0] if M.format == "csr" else M.shape[1])
    ends = M.indptr[1:]
    full = ends > M.indptr[:-1]
    out[full] = M.data[ends[full] - 1]
    return out


def lib_count(docs, V, window, symmetric, **kw) -> np.ndarray:
    arrays = [np.asarray(d, dtype=np.int32) for d in docs]
    return count_cooccurrences(arrays, V, window, symmetric=symmetric, **kw).toarray()


def max_count(docs, V, window, symmetric) -> np.ndarray:
    """Each cell keeps the largest 1/d instead of the sum (``max`` in place of ``+=``)."""
    X = np.zeros((V, V))
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window), p):
                X[doc[q], later] = max(X[doc[q], later], 1.0 / (p - q))
                if symmetric:
                    X[later, doc[q]] = max(X[later, doc[q]], 1.0 / (p - q))
    return X


def fancy_count(docs, V, window, symmetric) -> np.ndarray:
    """``X[doc[:-d], doc[d:]] += 1 / d``: NumPy's buffered fancy indexing adds a repeated (i, j)
    once per statement."""
    X = np.zeros((V, V))
    for doc in docs:
        doc = np.asarray(doc, dtype=np.int64)
        for d in range(1, min(window, len(doc) - 1) + 1):
            X[doc[:-d], doc[d:]] += 1.0 / d
            if symmetric:
                X[doc[d:], doc[:-d]] += 1.0 / d
    return X


def wrap_count(docs, V, window, symmetric) -> np.ndarray:
    """``range(p - window, p)`` without ``max(0, ...)``: near a document's start, negative
    positions wrap around to its end."""
    X = np.zeros((V, V))
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(p - window, p):
                if q < -len(doc):
                    continue  # past the wrap: an IndexError in a loop, skipped here
                X[doc[q], later] += 1.0 / (p - q)
                if symmetric:
                    X[later, doc[q]] += 1.0 / (p - q)
    return X


def shifted_count(docs, V, window, symmetric, first=1, last=0,
                  weight=lambda d: 1.0 / d) -> np.ndarray:
    """The loop with the inner range ``range(max(0, p - window) + first, p - last)``: ``first=1``
    starts one word late, ``last=1`` skips the nearest neighbour; ``weight(d)`` what a pair at
    distance d adds."""
    X = np.zeros((V, V))
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window) + first, p - last):
                X[doc[q], later] += weight(p - q)
                if symmetric:
                    X[later, doc[q]] += weight(p - q)
    return X


STARTS_LATE = ("does the inner range start one word late? range(max(0, p - window), p) looks at "
               "the `window` words to the left")


def counter_mistake(got, docs, V, window, symmetric) -> str | None:
    """Name the usual mistake that ``got`` matches, if any."""
    want = lib_count(docs, V, window, symmetric)
    flat = [w for d in docs for w in d]
    diagonal = np.diag(np.diag(want))
    candidates = [
        (f"your counts miss pairs within the window: {STARTS_LATE}",
         shifted_count(docs, V, window, symmetric)),
        ("your counts skip the nearest neighbour (distance 1): the inner range stops one word "
         "early; range(max(0, p - window), p) ends with q = p - 1, the word just left of p",
         shifted_count(docs, V, window, symmetric, first=0, last=1)),
        ("you counted each pair twice (a window to the left *and* one to the right, each "
         "adding to both cells): look left only, so each pair is met once"
         + (", and add 1/d to X[i, j] and X[j, i]" if symmetric else ""), 2 * want),
        ("in left-only counts a word paired with itself adds 1/d to X[i, i] once (it is the "
         "earlier and the later word of one pair), not 2/d",
         want + diagonal if not symmetric else None),
        ("a word paired with itself is skipped: the same word twice within the window is a "
         "pair too, and adds " + ("2/d to X[i, i] (once as each side)" if symmetric else
                                  "1/d to X[i, i]"), want - diagonal),
        ("a cell keeps the largest 1/d instead of the sum: every pair adds to X[i, j] "
         "(+=, not max)", max_count(docs, V, window, symmetric)),
        ("near a document's start your range(p - window, p) goes negative, and doc[-1] is the "
         "document's *last* word: start at max(0, p - window)",
         wrap_count(docs, V, window, symmetric)),
        ("a pair that occurs twice in your vectorized `X[rows, cols] += 1 / d` is added only "
         "once (NumPy's fancy-index += does not accumulate repeats): use np.add.at(X, (rows, "
         "cols), 1 / d), or a loop", fancy_count(docs, V, window, symmetric)),
        ("your left-only counts are the symmetric ones halved: a pair adds 1/d to "
         "X[earlier, later] only, X[later, earlier] stays 0",
         lib_count(docs, V, window, True) / 2 if not symmetric else None),
        ("each pair adds 1, not 1/d: weight a pair at distance d by 1/d",
         lib_count(docs, V, window, symmetric, distance_weighting=False)),
        ("each pair adds 1/(d + 1): the distance of positions q < p is d = p - q, and the pair "
         "adds 1/d", shifted_count(docs, V, window, symmetric, first=0,
                                   weight=lambda d: 1.0 / (d + 1))),
        ("each pair adds 1/d^2: the weight is 1/d",
         shifted_count(docs, V, window, symmetric, first=0, weight=lambda d: 1.0 / d**2)),
        ("your windows cross document borders: start a fresh window in each document",
         lib_count([flat], V, window, symmetric)),
        (f"your window reaches {window + 1} words, not {window}: look at the `window` words "
         "to the left", lib_count(docs, V, window + 1, symmetric)),
        (f"your window reaches {window - 1} word{'s' if window != 2 else ''}, not {window}: "
         f"{STARTS_LATE}",
         lib_count(docs, V, window - 1, symmetric) if window > 1 else None),
        ("a word paired with itself must add 1/d twice to X[i, i] (once as each side)",
         want - np.diag(np.diag(want)) / 2 if symmetric else None),
        ("your counts are symmetric; left-only counts grow only X[earlier, later]"
         if not symmetric else "you counted one side only: add 1/d to X[i, j] and X[j, i]",
         lib_count(docs, V, window, not symmetric)),
        ("you filled X[later, earlier]; left-only counts grow X[earlier, later]",
         want.T if not symmetric else None),
        ("each pair adds 1/(2d): a left-only count adds the whole 1/d to X[earlier, later]",
         want / 2 if not symmetric else None),
        ("`X[doc[q], doc[p]] += 1 / d` with an array of positions q adds a word that occurs "
         "twice among them only once (NumPy's fancy-index += does not accumulate repeats): "
         "use np.add.at, or a loop over q", fancy_row_count(docs, V, window, symmetric)),
    ]
    return first_match(got, want, candidates)


def fancy_row_count(docs, V, window, symmetric) -> np.ndarray:
    """A loop over p with the window's positions q as an array: ``X[doc[qs], doc[p]] += 1 /
    (p - qs)`` adds a repeated left word once per p."""
    X = np.zeros((V, V))
    for doc in docs:
        doc = np.asarray(doc, dtype=np.int64)
        for p in range(len(doc)):
            qs = np.arange(max(0, p - window), p)
            X[doc[qs], doc[p]] += 1.0 / (p - qs)
            if symmetric:
                X[doc[p], doc[qs]] += 1.0 / (p - qs)
    return X


def pair_counts_mistake(pairs, ids, index, window, distance_weighting=True) -> str | None:
    """Name the usual slip in hand-made counts ``pairs`` {(left, right): value} of one sentence
    (``ids``, its words numbered by ``index``) (notebook 03)."""
    V = len(index)
    got = np.zeros((V, V))
    for (a, b), v in pairs.items():
        if a not in index or b not in index:
            return None
        got[index[a], index[b]] = v

    def count(w=window, symmetric=True, weighting=distance_weighting):
        return count_cooccurrences([ids], V, w, symmetric=symmetric,
                                   distance_weighting=weighting).toarray()

    want = count()
    late = np.zeros((V, V))  # range(max(0, p - window) + 1, p): one word late, also at the start
    for p, right in enumerate(ids):
        for q in range(max(0, p - window) + 1, p):
            w = 1.0 / (p - q) if distance_weighting else 1.0
            late[ids[q], right] += w
            late[right, ids[q]] += w
    starts_late = ("does the inner range start one word late? range(max(0, p - window), p) looks "
                   "at the `window` words to the left")

    def loop(first=0, weight=lambda d: 1.0 / d if distance_weighting else 1.0, back=None):
        """The hand count's loop; ``back``: the weight of the X[right, left] half, if other."""
        X = np.zeros((V, V))
        for p, right in enumerate(ids):
            for q in range(max(first, p - window), p):
                X[ids[q], right] += weight(p - q)
                X[right, ids[q]] += (back or weight)(p - q)
        return X

    wrapped = np.zeros((V, V))  # range(p - window, p) without max(0, ...): ids[-1] is the end
    for p, right in enumerate(ids):
        for q in range(p - window, p):
            w = 1.0 / (p - q) if distance_weighting else 1.0
            wrapped[ids[q], right] += w
            wrapped[right, ids[q]] += w

    return first_match(got, want, [
        ("range(p - window, p) goes below 0 near the start, and ids[-1] is the sentence's *last* "
         "word: start at max(0, p - window)", wrapped),
        ("each pair adds 1/d^2: the weight is 1/d", loop(weight=lambda d: 1.0 / d**2)
         if distance_weighting else None),
        ("each pair adds 1/(d + 1): the distance of positions q < p is d = p - q, and the pair "
         "adds 1/d", loop(weight=lambda d: 1.0 / (d + 1)) if distance_weighting else None),
        ("the first word is never a left neighbour: range(max(1, p - window), p) skips position "
         "0; start at max(0, p - window)", loop(first=1)),
        (f"your window reaches {window - 1} words, not {window}: {starts_late}",
         count(window - 1) if window > 1 else None),
        (f"your counts miss pairs within the window: {starts_late}", late),
        (f"your window reaches {window + 1} words, not {window}",
         count(window + 1)),
        ("each pair adds 1, not 1/d: weight a pair at distance d by 1 / d",
         count(weighting=False) if distance_weighting else None),
        ("you counted one side only: each pair adds to X[left, right] *and* to X[right, left]",
         count(symmetric=False)),
        ("you counted one side only: each pair adds to X[left, right] *and* to X[right, left]",
         count(symmetric=False).T),
        ("a word paired with itself adds 1/d twice to X[w, w] (once as left, once as right)",
         want - np.diag(np.diag(want)) / 2),
        ("a word paired with itself is a pair too: X[w, w] gets 1/d twice (once as left, once "
         "as right), do not skip it", want - np.diag(np.diag(want))),
    ] + ([("one of your two lines adds 1 where the other adds 1/d: both halves, X[left, right] "
           "and X[right, left], add 1/d", half)
          for half in (loop(weight=lambda d: 1.0, back=lambda d: 1.0 / d),
                       loop(weight=lambda d: 1.0 / d, back=lambda d: 1.0))]
         if distance_weighting else []))


def analogy_mistake(got, kv: KeyedVectors, a: str, b: str, c: str) -> str:
    if not isinstance(got, str):
        return f"return the word (a str), not {type(got).__name__} {got!r}"
    if got in (a, b, c):
        unit = kv.get_normed_vectors()
        scores = unit @ (unit[kv.get_index(b)] - unit[kv.get_index(a)] + unit[kv.get_index(c)])
        scores[[kv.get_index(w) for w in (a, b, c)]] = -np.inf
        if got == kv.index_to_key[int(np.argmin(scores))]:
            return (f"the answer was {got!r}, one of the question's words, though you excluded "
                    "them: you took the *least* similar word (argmin), and the excluded words' "
                    "-inf is the least; the answer maximizes the cosine (argmax)")
        return f"the answer was {got!r}, one of the question's words: exclude a, b and c"
    if got == kv.analogy(b, a, c):
        return "you computed a - b + c; the analogy a:b :: c:? is b - a + c"
    raw = kv.vectors @ (kv[b] - kv[a] + kv[c])
    raw[[kv.get_index(w) for w in (a, b, c)]] = -np.inf
    if got == kv.index_to_key[int(np.argmax(raw))]:
        return ("you ranked by dot products of raw vectors: scale every vector to unit length "
                "first, then take cosines")
    unit = kv.get_normed_vectors()
    ids = [kv.get_index(w) for w in (a, b, c)]

    def best(scores, pick=np.argmax):
        scores = scores.copy()
        scores[ids] = -np.inf if pick is np.argmax else np.inf
        return kv.index_to_key[int(pick(scores))]

    ia, ib, ic = ids
    if got == best(kv.vectors @ (unit[ib] - unit[ia] + unit[ic])):
        return ("your query b^ - a^ + c^ is over unit vectors, but the candidates are not: a "
                "long candidate vector wins by its length; score unit candidate vectors too "
                "(cosines)")
    query = unit[ib] - unit[ia] + unit[ic]
    if got == best(unit @ query, np.argmin):
        return "you took the *least* similar word (argmin): the answer maximizes the cosine"
    if got == best(unit @ (unit[ib] - unit[ia] - unit[ic])):
        return "your query is b - a - c: c is added, b^ - a^ + c^"
    cols = kv.vectors / np.linalg.norm(kv.vectors, axis=0, keepdims=True)
    if got == best(cols @ (cols[ib] - cols[ia] + cols[ic])):
        return ("you normalized along axis 0 (each dimension over the words): normalize each "
                "word's vector, np.linalg.norm(V, axis=1, keepdims=True)")
    return "(compare your query vector with b^ - a^ + c^ over unit vectors)"


def _cosmul_answer(vectors, words, a, b, c, normalize=True, shift=True,
                   precedence=False, combine=None, shift_denominator_only=False) -> str:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if normalize else vectors
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    cos = unit @ unit[[ia, ib, ic]].T  # (V, 3)
    if precedence:
        cos = 1 + cos / 2  # the shift without its parentheses
    elif shift_denominator_only:
        cos = np.column_stack([(1 + cos[:, 0]) / 2, cos[:, 1], cos[:, 2]])
    elif shift:
        cos = (1 + cos) / 2
    if combine is not None:  # a wrong way to put cos'(d, a), cos'(d, b), cos'(d, c) together
        score = combine(cos[:, 0], cos[:, 1], cos[:, 2])
    else:
        score = cos[:, 1] * cos[:, 2] / (cos[:, 0] + 0.001)
    score[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(score))]


def cosmul_mistake(wrong) -> str | None:
    """Name the usual slip that gives every wrong 3CosMul answer in ``wrong``, a list of
    (kv, a, b, c, the answer given) (notebook 05)."""
    def variants(kv, a, b, c):
        vectors, words = kv.vectors, list(kv.index_to_key)
        return [
            ("that is 3CosAdd's answer (cos(d, b) - cos(d, a) + cos(d, c)): 3CosMul multiplies "
             "and divides, cos'(d, b) cos'(d, c) / (cos'(d, a) + 0.001)", kv.analogy(a, b, c)),
            ("that is the answer to b:a::c:? -- a and b are swapped: a goes in the denominator, "
             "b in the numerator", _cosmul_answer(vectors, words, b, a, c)),
            ("your scores use dot products of raw vectors: scale every vector to unit length "
             "first, so that they are cosines",
             _cosmul_answer(vectors, words, a, b, c, normalize=False)),
            ("shift the cosines to [0, 1] with (1 + cos) / 2 before multiplying",
             _cosmul_answer(vectors, words, a, b, c, shift=False)),
            ("1 + cos / 2 is 1 + (cos / 2), in [0.5, 1.5]: / binds tighter than +, so write "
             "(1 + cos) / 2", _cosmul_answer(vectors, words, a, b, c, precedence=True)),
            ("you add cos'(d, a) where 3CosMul divides by it: cos'(d, b) cos'(d, c) / "
             "(cos'(d, a) + 0.001)", _cosmul_answer(vectors, words, a, b, c,
                                                    combine=lambda ca, cb, cc: cb * cc + ca)),
            ("you multiply by cos'(d, a) where 3CosMul divides by it: a is what d should be "
             "*unlike*", _cosmul_answer(vectors, words, a, b, c,
                                        combine=lambda ca, cb, cc: cb * cc * ca)),
            ("c is in the denominator: a goes below, b and c above, cos'(d, b) cos'(d, c) / "
             "(cos'(d, a) + 0.001)",
             _cosmul_answer(vectors, words, a, b, c,
                            combine=lambda ca, cb, cc: cb * ca / (cc + 1e-3))),
            ("only the denominator's cosine is shifted: shift all three, (1 + cos) / 2",
             _cosmul_answer(vectors, words, a, b, c, shift=False, shift_denominator_only=True)),
        ]

    table = [variants(kv, a, b, c) for kv, a, b, c, _ in wrong]
    for k, (message, _) in enumerate(table[0]):
        if all(row[k][1] == got for row, (*_, got) in zip(table, wrong, strict=True)):
            return message
    return None


def hard_questions(kv: KeyedVectors, questions_path, out: Path) -> Path:
    """The questions again, half of them capitalized (as the Google file is), plus questions
    with words outside the vocabulary, in every section and in a section of their own."""
    unknown = [w for w in ("atlantis", "narnia", "xanadu", "utopia", "zzyzx") if w not in kv]
    lines = []
    for name, questions in evaluate.read_analogies(questions_path):
        lines.append(f": {name}")
        for k, q in enumerate(questions):
            lines.append(" ".join(w.capitalize() if k % 2 else w for w in q))
        a, b, c, d = questions[0]
        lines += [f"{a} {b} {unknown[0]} {d}", f"{a.capitalize()} {unknown[1]} {c} {d}",
                  f"{a} {b} {c} {unknown[2]}"]  # only the answer d unknown
    lines += [": unknown-words", " ".join(unknown[:4]), " ".join(unknown[1:5])]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def seen_abc_only(kv: KeyedVectors, path) -> dict[str, int]:
    """Per section, the questions whose a, b and c (not d) are in ``kv``, case-insensitive:
    what a solution that forgets to check d counts as seen."""
    return {name: sum(all(w.lower() in kv for w in q[:3]) for q in questions)
            for name, questions in evaluate.read_analogies(path)}


def capitalized_answers(path) -> dict[str, tuple[set, list[str]]]:
    """Per section, (the questions, lowercased, whose answer d the file writes lower-case; the
    answers it writes with a capital, 'Athens'): a solution that compares its answer with the
    file's d case-sensitively gets only the first right."""
    return {name: ({tuple(w.lower() for w in q) for q in questions if q[3] == q[3].lower()},
                   [q[3] for q in questions if q[3] != q[3].lower()])
            for name, questions in evaluate.read_analogies(path)}


def section_mistake(got, want, abc_only: dict[str, int] | None = None,
                    capitalized: dict[str, tuple[set, list[str]]] | None = None) -> str:
    seen = {s.name: tuple(got.get(s.name, (0, 0)))[1] for s in want}
    pairs = [tuple(got.get(s.name, (0, 0))) for s in want]
    if len(want) > 1 and all(tuple(p) == (sum(s.correct for s in want[:k + 1]),
                                          sum(s.seen for s in want[:k + 1]))
                             for k, p in enumerate(pairs)):
        return ("your counts carry over from one section to the next (each section holds the "
                "totals so far): start each section at (0, 0) when its ': name' line comes")
    if (abc_only is not None and all(seen[s.name] == abc_only.get(s.name) for s in want)
            and any(seen[s.name] != s.seen for s in want)):
        return ("you checked only a, b and c: a question whose answer d is outside the "
                "vocabulary cannot be answered either; skip it too (all four words known)")
    more = [s.name for s in want if tuple(got.get(s.name, (0, 0)))[1] > s.seen]
    fewer = [s.name for s in want if tuple(got.get(s.name, (0, 0)))[1] < s.seen]
    if more:
        return ("you counted questions with a word outside the vocabulary as seen: skip them "
                "(notebook 05's coverage)")
    if fewer:
        return ("you skipped questions that are in the vocabulary once lowercased ('Athens' is "
                "'athens' in the vectors): lowercase the question's words")
    if capitalized is not None:
        # a question is right only if its answer d is written lower-case in the file
        nothing = (set(), [])
        lower = {s.name: sum(tuple(w.lower() for w in q) in capitalized.get(s.name, nothing)[0]
                             for q in s.right) for s in want}
        example = next((d for s in want for d in capitalized.get(s.name, nothing)[1]), None)
        if example and all(int(got.get(s.name, (0, 0))[0]) == lower[s.name] for s in want) \
                and any(lower[s.name] != s.correct for s in want):
            return (f"the seen counts are right, but no question whose answer is capitalized in "
                    f"the file ({example!r}) is answered right: the vectors' words are "
                    "lower-case, so lowercase the whole question (line.lower().split()) before "
                    "comparing solve's answer with d")
    return "the seen counts are right; compare your answers with `solve`'s"
