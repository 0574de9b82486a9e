"""Automatic checks for the homework in notebooks/exercises/.

Each ``check_*`` function takes *your* implementation, runs it on small random problems (and on
edge cases that catch the usual mistakes), and compares it with glovelib's own.  It prints one
line per passed check, or raises :class:`CheckFailed` (an ``AssertionError``) saying what was
wrong and on which input.  Run them as often as you like.

    from glovelib import checks
    checks.check_weighting(my_weighting)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from . import evaluate, objective
from .cooccur import count_cooccurrences
from .vectors import KeyedVectors

__all__ = ["CheckFailed", "check_weighting", "check_loss", "check_gradients", "check_counter",
           "check_left_counter", "check_analogy", "check_section_accuracy",
           "check_adagrad_step", "check_cosmul"]


class CheckFailed(AssertionError):
    """Your answer differs from the expected one; the message says where."""


def _ok(message: str) -> None:
    print(f"passed: {message}")


def _close(got, want, what: str, rtol: float = 1e-8, atol: float = 1e-10) -> None:
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        raise CheckFailed(f"{what}: expected shape {want.shape}, got {got.shape}")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        k = np.unravel_index(np.argmax(np.abs(got - want)), want.shape) if want.ndim else ()
        raise CheckFailed(f"{what}: expected {want[k] if want.ndim else want!r} at index "
                          f"{tuple(int(i) for i in k)}, got {got[k] if got.ndim else got!r}")


def _problem(seed: int, V: int = 12, d: int = 4, x_max: float = 10.0):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=0.4, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.1, 3 * x_max, n))
    p = objective.init_weights(V, d, seed)
    for a in p.arrays():
        a *= 5 * d  # larger than the initial scale, so that every term matters
    return X, p


# --------------------------------------------------------------------------- homework 1


def check_weighting(f: Callable) -> None:
    """``f(x, x_max, alpha)`` must equal min(1, (x / x_max)^alpha), elementwise, with f(0) = 0."""
    for x_max, alpha in [(100.0, 0.75), (10.0, 0.5), (3.0, 1.0)]:
        x = np.array([0.0, 0.5, 1.0, x_max / 2, x_max, 2 * x_max, 1e6])
        got = f(x, x_max, alpha)
        _close(got, objective.weighting(x, x_max, alpha), f"f(x) with x_max={x_max}, alpha={alpha}"
               f" on x={x.tolist()}")
    _ok("weighting function (zero, below, at and above x_max; arrays in, arrays out)")


def check_loss(loss: Callable) -> None:
    """``loss(W, Wc, b, bc, X, x_max, alpha)`` must equal J = 1/2 sum f(X_ij) diff_ij^2 over the
    nonzero X_ij (with the 1/2, as glovelib and the reference C code)."""
    for seed in range(3):
        X, p = _problem(seed)
        want = objective.loss(p, X, 10.0, 0.75)
        got = loss(p.W, p.W_context, p.b, p.b_context, X, 10.0, 0.75)
        if np.isclose(got, 2 * want, rtol=1e-8):
            raise CheckFailed("loss is twice the expected value: J carries a factor 1/2")
        _close(got, want, f"J on random problem {seed}")
    _ok("loss J on 3 random problems (zeros of X skipped, weighting and biases included)")


def check_gradients(gradients: Callable) -> None:
    """``gradients(W, Wc, b, bc, X, x_max, alpha)`` must return (dJ/dW, dJ/dWc, dJ/db, dJ/dbc)."""
    names = ("dJ/dW", "dJ/dW~", "dJ/db", "dJ/db~")
    for seed in range(3):
        X, p = _problem(seed)
        want = objective.gradients(p, X, 10.0, 0.75).arrays()
        got = gradients(p.W, p.W_context, p.b, p.b_context, X, 10.0, 0.75)
        if len(got) != 4:
            raise CheckFailed(f"expected 4 gradients {names}, got {len(got)}")
        for name, g, w in zip(names, got, want, strict=True):
            _close(g, w, f"{name} on random problem {seed}", rtol=1e-7, atol=1e-9)
    _ok("gradients equal glovelib's (which pass finite differences) on 3 random problems")


# --------------------------------------------------------------------------- homework 2


def _random_docs(rng, V: int) -> list[list[int]]:
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    return [list(rng.choice(V, size=int(rng.integers(0, 25)), p=p)) for _ in range(6)]


def _dense(X) -> np.ndarray:
    return X.toarray() if sp.issparse(X) else np.asarray(X, dtype=np.float64)


def _check_count(count: Callable, symmetric: bool) -> None:
    rng = np.random.default_rng(0)
    cases = [([[0, 1, 0, 0]], 2, 2), ([[0, 1], [1, 0]], 2, 5)]  # self-pairs; document borders
    for _ in range(12):
        V = int(rng.integers(2, 15))
        cases.append((_random_docs(rng, V) + [[0, 1]], V, int(rng.integers(1, 8))))
    for docs, V, window in cases:
        want = count_cooccurrences([np.asarray(d, dtype=np.int32) for d in docs], V, window,
                                   symmetric=symmetric).toarray()
        got = _dense(count(docs, V, window))
        _close(got, want, f"X for docs={docs if len(str(docs)) < 80 else '(random)'}, V={V}, "
               f"window={window}", rtol=1e-9)
    _ok(f"{'symmetric' if symmetric else 'left-only'} counts on {len(cases)} corpora "
        "(self-pairs, document borders, windows 1-7)")


def check_counter(count: Callable) -> None:
    """``count(docs, vocab_size, window)`` -> (V, V) symmetric counts with 1/d weighting, windows
    not crossing documents; ``docs`` is a list of lists of ids."""
    _check_count(count, symmetric=True)


def check_left_counter(count: Callable) -> None:
    """``count(docs, vocab_size, window)`` -> (V, V) left-only counts: X[earlier, later] += 1/d."""
    _check_count(count, symmetric=False)


# --------------------------------------------------------------------------- homework 3


def check_analogy(solve: Callable) -> None:
    """``solve(vectors, words, a, b, c)`` -> the word d maximizing cos(d, b - a + c) over unit
    vectors, a, b and c excluded (3CosAdd)."""
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    for trial in range(20):
        vectors = rng.normal(size=(40, 6))
        vectors[5] = vectors[1] - vectors[0] + vectors[2]  # d is exactly b - a + c
        kv = KeyedVectors(words, vectors)
        a, b, c = (("w0", "w1", "w2") if trial == 0 else
                   tuple(words[i] for i in rng.choice(40, 3, replace=False)))
        want = kv.analogy(a, b, c)
        got = solve(vectors.copy(), list(words), a, b, c)
        if got in (a, b, c):
            raise CheckFailed(f"the answer to {a}:{b}::{c}:? was {got!r}, one of the question's "
                              "words: exclude a, b and c")
        if got != want:
            raise CheckFailed(f"{a}:{b}::{c}:? should be {want!r}, got {got!r} (normalize the "
                              "vectors before combining them?)")
    _ok("3CosAdd on 20 random vector sets (exact answer, excluded words, normalization)")


def check_section_accuracy(accuracy: Callable, kv: KeyedVectors, questions_path) -> None:
    """``accuracy(kv, questions_path)`` -> {section: (correct, seen)}, skipping questions with a
    word outside the vocabulary (case-insensitive), as glovelib.evaluate does."""
    want = evaluate.analogy_accuracy(kv, questions_path)
    got = accuracy(kv, questions_path)
    for s in want.sections:
        if s.name not in got:
            raise CheckFailed(f"section {s.name!r} is missing from your result")
        if tuple(got[s.name]) != (s.correct, s.seen):
            raise CheckFailed(f"section {s.name!r}: expected (correct, seen) = "
                              f"{(s.correct, s.seen)}, got {tuple(got[s.name])}")
    _ok(f"per-section accuracy on {len(want.sections)} sections ({want.total.seen} questions seen)")


# --------------------------------------------------------------------------- notebooks 04 and 05


def _adagrad_steps(learning_rate: float, g: float, n: int) -> float:
    """The step of the (n + 1)-th visit by GloVe's update, simulated: sum starts at 1, the step is
    eta g / sqrt(sum), then the sum adds (eta g)^2 (as objective.adagrad_epoch)."""
    total = 1.0
    for _ in range(n):
        total += (learning_rate * g) ** 2
    return learning_rate * g / np.sqrt(total)


def check_adagrad_step(step: Callable) -> None:
    """``step(learning_rate, g, n)`` must be the step GloVe's AdaGrad takes on a parameter's
    (n + 1)-th visit when every visit brings the gradient g: eta g / sqrt(1 + n (eta g)^2)
    (notebook 04).  Checked against a simulation of the update."""
    for lr, g, n in [(0.05, 1.0, 0), (0.05, 1.0, 100), (0.05, 2.0, 10_000), (0.2, 0.5, 37),
                     (1.0, 0.1, 5), (0.01, 3.0, 250_000)]:
        want = _adagrad_steps(lr, g, n) if n <= 1000 else lr * g / np.sqrt(1 + n * (lr * g) ** 2)
        got = float(step(lr, g, n))
        if n > 0 and np.isclose(got, lr * g / np.sqrt(1 + n * g * g), rtol=1e-9, atol=0) \
                and not np.isclose(got, want, rtol=1e-9, atol=0):
            raise CheckFailed(f"step({lr}, {g}, {n}) = {got:.6g}, expected {want:.6g}: the sum "
                              "adds the squared *step* (eta g)^2, not g^2")
        after = lr * g / np.sqrt(1 + (n + 1) * (lr * g) ** 2)
        if np.isclose(got, after, rtol=1e-9, atol=0):
            raise CheckFailed(f"step({lr}, {g}, {n}) = {got:.6g}, expected {want:.6g}: the sum "
                              "grows *after* the step, so visit n + 1 sees n terms")
        if not np.isclose(got, want, rtol=1e-9, atol=0):
            raise CheckFailed(f"step({lr}, {g}, {n}) = {got:.6g}, expected {want:.6g}")
    _ok("AdaGrad's effective step on 6 cases (first visit, many visits, small and large eta)")


def check_cosmul(solve: Callable) -> None:
    """``solve(vectors, words, a, b, c)`` -> the word d maximizing 3CosMul (Levy & Goldberg 2014):
    cos'(d, b) cos'(d, c) / (cos'(d, a) + 0.001) with cos' = (1 + cos) / 2, a, b and c excluded
    (notebook 05)."""
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(40)]
    for _ in range(20):
        vectors = rng.normal(size=(40, 6))
        kv = KeyedVectors(words, vectors)
        a, b, c = tuple(words[i] for i in rng.choice(40, 3, replace=False))
        want = kv.analogy(a, b, c, method="mul")
        got = solve(vectors.copy(), list(words), a, b, c)
        if got in (a, b, c):
            raise CheckFailed(f"the answer to {a}:{b}::{c}:? was {got!r}, one of the question's "
                              "words: exclude a, b and c")
        if got != want:
            unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
            cos = unit @ unit[[words.index(w) for w in (a, b, c)]].T  # (40, 3)
            raw = cos[:, 1] * cos[:, 2] / (cos[:, 0] + 0.001)
            raw[[words.index(w) for w in (a, b, c)]] = -np.inf
            hint = (" (shift the cosines to [0, 1] with (1 + cos) / 2 before multiplying)"
                    if got == words[int(np.argmax(raw))] else "")
            raise CheckFailed(f"3CosMul for {a}:{b}::{c}:? should be {want!r}, got {got!r}{hint}")
    _ok("3CosMul on 20 random vector sets (shifted cosines, excluded words)")


# --------------------------------------------------------------- notebooks 01-03 (nb0003)

__all__ += ["check_planted_questions", "check_probability", "check_prefix", "check_pair_counts"]


def check_planted_questions(questions, world) -> None:
    """Each (a, b, c, d) in ``questions`` must be a true analogy of the planted ``world``
    (notebook 00): (a, b) and (c, d) two different pairs of one relation, in the same direction."""
    relation = {}
    for name, pairs in world.pairs.items():
        for x, y in pairs:
            relation[x, y], relation[y, x] = (name, +1), (name, -1)
    if not questions:
        raise CheckFailed("give at least one question (a, b, c, d)")
    for q in questions:
        if len(q) != 4:
            raise CheckFailed(f"{q!r}: a question has four words, a : b :: c : d")
        a, b, c, d = q
        for x, y in ((a, b), (c, d)):
            if (x, y) not in relation:
                raise CheckFailed(f"{q}: ({x}, {y}) is not a pair of this world's relations "
                                  f"({', '.join(world.pairs)})")
        (r1, s1), (r2, s2) = relation[a, b], relation[c, d]
        if r1 != r2:
            raise CheckFailed(f"{q}: {a}->{b} is {r1} but {c}->{d} is {r2}: one relation per "
                              "question")
        if s1 != s2:
            raise CheckFailed(f"{q}: {a}->{b} and {c}->{d} go in opposite directions "
                              f"({a} is to {b} as {d} is to {c})")
        if (a, b) == (c, d):
            raise CheckFailed(f"{q}: the two pairs are the same; the answer would be given")
    _ok(f"{len(questions)} question(s), each a true relation of the planted world")


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


def check_prefix(prefix: Callable) -> None:
    """``prefix(docs, n)`` -> the first ``n`` tokens of the documents ``docs`` (a list of id
    arrays), *still split into documents*: every document kept whole except the last, which is
    cut, so that windows never cross documents (notebook 02)."""
    rng = np.random.default_rng(0)
    docs = [rng.integers(0, 50, size=int(m)).astype(np.int32) for m in rng.integers(1, 30, 12)]
    flat = np.concatenate(docs)
    for n in (1, len(docs[0]), len(docs[0]) + 1, len(flat) // 2, len(flat)):
        got = [np.asarray(d) for d in prefix(docs, n)]
        got = [d for d in got if len(d)]
        joined = np.concatenate(got) if got else np.zeros(0, np.int32)
        if len(joined) != n or not np.array_equal(joined, flat[:n]):
            what = "another order" if len(joined) == n else f"{len(joined)} tokens"
            raise CheckFailed(f"prefix(docs, {n}) should hold the first {n} tokens in order, "
                              f"got {what}")
        want = int(np.searchsorted(np.cumsum([len(d) for d in docs]), n) + 1)
        if len(got) != want:
            raise CheckFailed(f"the first {n} tokens span {want} documents, your prefix has "
                              f"{len(got)}: keep each document separate, or windows cross "
                              "from one article into the next")
    _ok("prefixes of 5 sizes: the first n tokens, documents kept apart")


def check_pair_counts(pairs: Mapping, sentence: Sequence[str], window: int,
                      distance_weighting: bool = True) -> None:
    """``pairs`` {(left, right): value} must hold the symmetric window counts of ``sentence``
    (notebook 03): 1/d (or 1) added both ways for each pair within ``window``."""
    words = sorted(set(sentence))
    index = {w: i for i, w in enumerate(words)}
    ids = np.array([index[w] for w in sentence], dtype=np.int32)
    X = count_cooccurrences([ids], len(words), window,
                            distance_weighting=distance_weighting).toarray()
    want = {(a, b): X[index[a], index[b]] for a in words for b in words if X[index[a], index[b]]}
    extra = sorted(k for k, v in pairs.items() if v and k not in want)
    if extra:
        raise CheckFailed(f"X[{extra[0][0]}, {extra[0][1]}] should be 0 with window {window}, "
                          f"got {pairs[extra[0]]:.4g}: are the two words within {window} of "
                          "each other?")
    for (a, b), v in sorted(want.items()):
        got = float(pairs.get((a, b), 0.0))
        if not np.isclose(got, v, rtol=1e-12):
            raise CheckFailed(f"X[{a}, {b}] should be {v:.4g} with window {window}, got {got:.4g}")
    _ok(f"{len(want)} pair counts of a {len(sentence)}-word sentence, window {window}")
