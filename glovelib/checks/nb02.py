"""Checks of notebook 02 (objective): a prefix of the corpus that keeps its documents; the
gradients, by finite differences, with the likely mistake named."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from .. import objective
from .._mistakes import gradient_mistake
from ._core import CheckFailed, _ok, signature_mistake


def check_prefix(prefix: Callable) -> None:
    """``prefix(docs, n)`` -> the first ``n`` tokens of the documents ``docs`` (a list of id
    arrays), *still split into documents*: every document kept whole except the last, which is
    cut, so that windows never cross documents (notebook 02)."""
    wrong_signature = signature_mistake(prefix, ([], 1), "prefix(docs, n)")
    if wrong_signature:
        raise CheckFailed(wrong_signature)
    rng = np.random.default_rng(0)
    docs = [rng.integers(0, 50, size=int(m)).astype(np.int32) for m in rng.integers(1, 30, 12)]
    flat = np.concatenate(docs)
    for n in (1, len(docs[0]), len(docs[0]) + 1, len(flat) // 2, len(flat)):
        result = prefix(docs, n)
        if isinstance(result, np.ndarray) and result.ndim == 1 and result.dtype != object:
            raise CheckFailed(f"prefix(docs, {n}) returned one flat array of "
                              f"{len(result)} tokens: return a list of documents (every one "
                              "kept whole except the last, which is cut), so that windows "
                              "never cross from one document into the next")
        got = [np.asarray(d) for d in result]
        if any(d.ndim != 1 for d in got):
            raise CheckFailed(f"prefix(docs, {n}) returned {type(result).__name__} whose items "
                              "are not documents (1-d arrays of ids): return a list of "
                              "documents, the last one cut")
        empty = sum(not len(d) for d in got)
        got = [d for d in got if len(d)]
        joined = np.concatenate(got) if got else np.zeros(0, np.int32)
        ends = np.cumsum([len(d) for d in docs])
        if len(joined) != n or not np.array_equal(joined, flat[:n]):
            cut_each = np.concatenate([d[:n] for d in docs])
            if len(joined) == len(cut_each) and np.array_equal(joined, cut_each):
                raise CheckFailed(f"prefix(docs, {n}) cut *every* document to {n} tokens: n "
                                  "counts tokens over all documents; take whole documents, "
                                  "subtract each one's length from what is left, and cut only "
                                  "the last")
            k = int(np.searchsorted(ends, n))  # the document the prefix cuts
            left = n - (int(ends[k - 1]) if k else 0)  # its tokens in the prefix
            tail_cut = np.concatenate(docs[:k] + [docs[k][len(docs[k]) - left:]])
            if len(joined) == n and (np.array_equal(joined, flat[len(flat) - n:])
                                     or np.array_equal(joined, tail_cut)):
                raise CheckFailed(f"prefix(docs, {n}) holds *last* tokens (doc[-n:], or the end "
                                  f"of the corpus): a prefix is the *first* {n} token"
                                  f"{'s' if n != 1 else ''}, from "
                                  "the first document on; cut the last document kept as "
                                  "doc[:n]")
            what = "another order" if len(joined) == n else f"{len(joined)} tokens"
            whole = len(joined) > n and len(joined) in ends and np.array_equal(
                joined, flat[:len(joined)])
            short = len(joined) < n and np.array_equal(joined, flat[:len(joined)])
            hint = (": the last document is not cut; keep only the tokens still missing from "
                    "it, doc[:n]" if whole else
                    ": your prefix stops early; after each document, subtract its length from "
                    "the tokens still wanted (n -= len(doc)) and go on while some are"
                    if short else "")
            raise CheckFailed(f"prefix(docs, {n}) should hold the first {n} tokens in order, "
                              f"got {what}{hint}")
        if empty:
            raise CheckFailed(f"prefix(docs, {n}) holds {empty} empty document(s): stop once n "
                              "tokens are taken (break), rather than appending doc[:0] for "
                              "the documents after the cut")
        want = int(np.searchsorted(np.cumsum([len(d) for d in docs]), n) + 1)
        if len(got) != want:
            raise CheckFailed(f"the first {n} tokens span {want} documents, your prefix has "
                              f"{len(got)}: keep each document separate, or windows cross "
                              "from one article into the next")
    _ok("prefixes of 5 sizes: the first n tokens, documents kept apart")


def check_glove_gradients(gradients: Callable) -> None:
    """``gradients(p, X, x_max, alpha)`` -> ``Weights`` of dJ/dW, dJ/dW~, dJ/db, dJ/db~, checked
    by finite differences (``gl.objective.check_glove_gradients``, at two (x_max, alpha)
    settings); when they disagree, the message names the gradients and the likely mistake
    (notebook 02)."""
    wrong_signature = signature_mistake(gradients, (None,) * 4, "gradients(p, X, x_max, alpha)")
    if wrong_signature:
        raise CheckFailed(wrong_signature)
    errors = objective.check_glove_gradients(gradients)
    off = [name for name, err in errors.items() if not err < 1e-6]
    if not off:
        _ok("the four gradients agree with finite differences (relative error < 1e-6 at two "
            "(x_max, alpha) settings)")
        return
    rng = np.random.default_rng(1)
    X = sp.random(20, 20, density=0.3, random_state=1, format="csr",
                  data_rvs=lambda n: rng.uniform(0.2, 30.0, n))
    p = objective.init_weights(20, 4, 1)
    for a in p.arrays():
        a *= 3
    mistake = gradient_mistake(gradients(p, X, 10.0, 0.75).arrays(), p, X, 10.0, 0.75)
    if mistake is None:  # right at (10, 0.75): are x_max or alpha ignored?
        got = gradients(p, X, 5.0, 0.4).arrays()
        for setting, message in [((5.0, 0.75), "alpha is ignored (your f uses alpha = 0.75 "
                                  "whatever it is given): pass alpha on to the weighting"),
                                 ((5.0, 1.0), "alpha is written in as 1 (your f is min(1, "
                                  "x / x_max) whatever alpha it is given): pass alpha on, "
                                  "(x / x_max) ** alpha"),
                                 ((10.0, 0.4), "x_max is ignored (your f uses x_max = 10 "
                                  "whatever it is given): pass x_max on to the weighting"),
                                 ((100.0, 0.4), "x_max is written in as 100, the paper's (your "
                                  "f uses it whatever it is given): pass x_max on to the "
                                  "weighting")]:
            want = objective.gradients(p, X, *setting).arrays()
            if len(got) == len(want) and all(np.allclose(g, w, rtol=1e-7, atol=1e-9)
                                             for g, w in zip(got, want, strict=True)):
                mistake = message
                break
    verb = "disagrees" if len(off) == 1 else "disagree"
    raise CheckFailed(f"{', '.join(off)} {verb} with finite differences (relative error up "
                      f"to {max(errors.values()):.2g})" + (f": {mistake}" if mistake else ""))
