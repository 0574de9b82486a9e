"""What the usual wrong answers to the homework look like, so that glovelib.checks can name the
mistake a student made rather than only the first differing number."""

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


def reference_loss(p, X, x_max, alpha, weighted=True, biases=True, log=np.log) -> float:
    C = sp.coo_matrix(X)
    diff = np.einsum("nd,nd->n", p.W[C.row], p.W_context[C.col]) - log(C.data)
    if biases:
        diff = diff + p.b[C.row] + p.b_context[C.col]
    f = objective.weighting(C.data, x_max, alpha) if weighted else 1.0
    return 0.5 * float(np.sum(f * diff**2))


def lib_count(docs, V, window, symmetric, **kw) -> np.ndarray:
    arrays = [np.asarray(d, dtype=np.int32) for d in docs]
    return count_cooccurrences(arrays, V, window, symmetric=symmetric, **kw).toarray()


def counter_mistake(got, docs, V, window, symmetric) -> str | None:
    """Name the usual mistake that ``got`` matches, if any."""
    want = lib_count(docs, V, window, symmetric)
    flat = [w for d in docs for w in d]
    candidates = [
        ("each pair adds 1, not 1/d: weight a pair at distance d by 1/d",
         lib_count(docs, V, window, symmetric, distance_weighting=False)),
        ("your windows cross document borders: start a fresh window in each document",
         lib_count([flat], V, window, symmetric)),
        (f"your window reaches {window + 1} words, not {window}: look at the `window` words "
         "to the left", lib_count(docs, V, window + 1, symmetric)),
        (f"your window reaches {window - 1} words, not {window}", lib_count(docs, V, window - 1,
                                                                              symmetric)
         if window > 1 else None),
        ("a word paired with itself must add 1/d twice to X[i, i] (once as each side)",
         want - np.diag(np.diag(want)) / 2 if symmetric else None),
        ("your counts are symmetric; left-only counts grow only X[earlier, later]"
         if not symmetric else "you counted one side only: add 1/d to X[i, j] and X[j, i]",
         lib_count(docs, V, window, not symmetric)),
        ("you filled X[later, earlier]; left-only counts grow X[earlier, later]",
         want.T if not symmetric else None),
    ]
    for message, variant in candidates:
        if variant is not None and not near(variant, want) and near(got, variant):
            return message
    return None


def analogy_mistake(got, kv: KeyedVectors, a: str, b: str, c: str) -> str:
    if not isinstance(got, str):
        return f"return the word (a str), not {type(got).__name__} {got!r}"
    if got in (a, b, c):
        return f"the answer was {got!r}, one of the question's words: exclude a, b and c"
    if got == kv.analogy(b, a, c):
        return "you computed a - b + c; the analogy a:b :: c:? is b - a + c"
    raw = kv.vectors @ (kv[b] - kv[a] + kv[c])
    raw[[kv.get_index(w) for w in (a, b, c)]] = -np.inf
    if got == kv.index_to_key[int(np.argmax(raw))]:
        return ("you ranked by dot products of raw vectors: scale every vector to unit length "
                "first, then take cosines")
    return "(compare your query vector with b^ - a^ + c^ over unit vectors)"


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
        lines += [f"{a} {b} {unknown[0]} {d}", f"{a.capitalize()} {unknown[1]} {c} {d}"]
    lines += [": unknown-words", " ".join(unknown[:4]), " ".join(unknown[1:5])]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def section_mistake(got, want) -> str:
    more = [s.name for s in want if tuple(got.get(s.name, (0, 0)))[1] > s.seen]
    fewer = [s.name for s in want if tuple(got.get(s.name, (0, 0)))[1] < s.seen]
    if more:
        return ("you counted questions with a word outside the vocabulary as seen: skip them "
                "(notebook 05's coverage)")
    if fewer:
        return ("you skipped questions that are in the vocabulary once lowercased ('Athens' is "
                "'athens' in the vectors): lowercase the question's words")
    return "the seen counts are right; compare your answers with `solve`'s"
