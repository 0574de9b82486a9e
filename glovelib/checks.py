"""Automatic checks for the homework in notebooks/exercises/.

Each ``check_*`` function takes *your* implementation, runs it on small random problems (and on
edge cases that catch the usual mistakes), and compares it with glovelib's own.  It prints one
line per passed check, or raises :class:`CheckFailed` (an ``AssertionError``) with one message
that names the likely mistake.  In Jupyter the failure shows as that one line, without a
traceback into this file.  A check also fails when your function calls glovelib's own answer
(``gl.objective.weighting`` in your weighting, say): write it yourself.

    from glovelib import checks
    checks.check_weighting(my_weighting)
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import evaluate, objective
from ._mistakes import (
    analogy_mistake,
    counter_mistake,
    hard_questions,
    lib_count,
    near,
    reference_loss,
    section_mistake,
)
from .cooccur import count_cooccurrences
from .vectors import KeyedVectors

__all__ = ["CheckFailed", "check_weighting", "check_loss", "check_gradients", "check_counter",
           "check_left_counter", "check_analogy", "check_section_accuracy",
           "mean_offset_cosine", "check_parallel_offsets", "check_polysemy",
           "check_antonym_closer", "check_analogy_answer", "gender_direction",
           "check_direction_separates", "DEFINITIONAL_PAIRS", "gender_pca_direction",
           "frequency_matched_baseline", "check_window_pairs", "check_adagrad_step",
           "check_cosmul"]


class CheckFailed(AssertionError):
    """Your answer differs from the expected one; the message says where and names the likely
    mistake."""


def _show_in_ipython() -> None:
    """Show a CheckFailed in IPython/Jupyter as its message alone (one red line)."""
    if "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None or shell.custom_exceptions:
        return  # not in IPython, or someone else's handler: keep the default display

    def show(shell, etype, value, tb, tb_offset=None):
        # IPython 9 ignores what a handler returns: display it (as an error, so that "run all"
        # stops there, as it would on a traceback)
        shell._showtraceback(etype, value, [f"\x1b[0;31mCheckFailed\x1b[0m: {value}"])

    shell.set_custom_exc((CheckFailed,), show)


_show_in_ipython()


def _fail(message: str):
    __tracebackhide__ = True  # pytest and IPython skip this frame
    raise CheckFailed(message) from None


def _ok(message: str) -> None:
    print(f"passed: {message}")


def _num(x) -> str:
    """A plain number (no np.float64(...) repr)."""
    return f"{float(x):.6g}"


def _call(fn: Callable, args: tuple, forbidden: dict[str, Callable]):
    """Run ``fn(*args)``; fail if it calls one of ``forbidden`` (shown name -> function)."""
    __tracebackhide__ = True
    if "MUTANT_UNDER_TEST" in os.environ:
        # mutmut replaces every function by a trampoline with one shared code object, so the
        # code objects below would match any glovelib call: no detection under mutation testing
        return fn(*args)
    codes = {f.__code__: name for name, f in forbidden.items()}
    called: list[str] = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            called.append(codes[frame.f_code])

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = fn(*args)
    finally:
        sys.setprofile(previous)
    if called:
        _fail(f"your {getattr(fn, '__name__', 'function')} calls {called[0]}, glovelib's own "
              "answer: write it yourself (NumPy is fine)")
    return result


def _close(got, want, what: str, rtol: float = 1e-8, atol: float = 1e-10) -> None:
    """Fail (CheckFailed) with ``what`` and the first differing entry, in plain numbers."""
    __tracebackhide__ = True
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        _fail(f"{what}: expected shape {want.shape}, got {got.shape}")
    if not np.all(np.isfinite(got)):
        _fail(f"{what}: your result has nan or inf values (log of 0? division by 0?)")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        k = np.unravel_index(np.argmax(np.abs(got - want)), want.shape) if want.ndim else ()
        at = f" at index {tuple(int(i) for i in k)}" if want.ndim else ""
        _fail(f"{what}: expected {_num(want[k])}{at}, got {_num(got[k])}")


# (x_max, alpha) of the random problems: an answer that ignores its arguments fails on two
_SETTINGS = [(10.0, 0.75), (2.0, 0.5), (30.0, 1.0)]


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
    """``f(x, x_max, alpha)`` must equal min(1, (x / x_max)^alpha), elementwise, with f(0) = 0,
    without calling ``glovelib.objective.weighting``."""
    __tracebackhide__ = True
    for x_max, alpha in [(100.0, 0.75), (10.0, 0.5), (3.0, 1.0)]:
        x = np.array([0.0, 0.5, 1.0, x_max / 2, 0.7 * x_max, 0.95 * x_max, x_max, 2 * x_max, 1e6])
        try:
            got = _call(f, (x.copy(), x_max, alpha),
                        {"gl.objective.weighting": objective.weighting})
        except ValueError as e:
            if "truth value" not in str(e):
                raise
            _fail("your weighting uses `if` or `min` on an array: use np.minimum or np.where, "
                  "which work elementwise")
        got = np.asarray(got, dtype=np.float64)
        where = f"f(x) with x_max={_num(x_max)}, alpha={_num(alpha)}"
        if got.shape != x.shape:
            _fail(f"{where}: return an array of the same shape as x {x.shape}, got {got.shape}")
        if got[0] != 0:
            _fail(f"{where}: f(0) must be 0 (a zero count carries no weight), got {_num(got[0])}")
        if np.any(got > 1 + 1e-12):
            _fail(f"{where}: f(x) = {_num(got.max())} > 1 at x = {_num(x[got.argmax()])}; f is "
                  "capped at 1 (f(x) = 1 for x >= x_max)")
        if alpha != 1 and near(got, np.minimum(1, x / x_max)):
            _fail(f"{where}: alpha is ignored; below x_max, f(x) = (x / x_max)^alpha")
        _close(got, objective.weighting(x, x_max, alpha), f"{where}, x={x.tolist()}")
    _ok("weighting function (zero, below, at and above x_max; arrays in, arrays out)")


def check_loss(loss: Callable) -> None:
    """``loss(W, Wc, b, bc, X, x_max, alpha)`` must equal J = 1/2 sum f(X_ij) diff_ij^2 over the
    nonzero X_ij (with the 1/2, as glovelib and the reference C code), without calling
    ``glovelib.objective.loss``."""
    __tracebackhide__ = True
    for seed, (x_max, alpha) in enumerate(_SETTINGS):
        X, p = _problem(seed, x_max=x_max)
        got = _call(loss, (p.W, p.W_context, p.b, p.b_context, X.copy(), x_max, alpha),
                    {"gl.objective.loss": objective.loss})
        if not np.all(np.isfinite(got)):
            _fail("J is not finite: you summed over the zeros of X too (log 0 = -inf); sum over "
                  "the nonzero entries only (X.tocoo() gives row, col, data)")
        mistakes = [("J is twice the expected value: J carries a factor 1/2",
                     2 * reference_loss(p, X, x_max, alpha)),
                    ("the weighting f(X_ij) is missing from your sum",
                     reference_loss(p, X, x_max, alpha, weighted=False)),
                    ("the biases b_i and b~_j are missing from diff",
                     reference_loss(p, X, x_max, alpha, biases=False)),
                    ("you used log(1 + X_ij); GloVe fits log X_ij",
                     reference_loss(p, X, x_max, alpha, log=np.log1p))]
        for message, wrong in mistakes:
            if np.size(got) == 1 and np.isclose(float(got), wrong, rtol=1e-8):
                _fail(message)
        _close(got, objective.loss(p, X, x_max, alpha),
               f"J on random problem {seed} (x_max={_num(x_max)}, alpha={_num(alpha)})")
    _ok("loss J on 3 random problems, 3 (x_max, alpha) settings (zeros of X skipped, weighting "
        "and biases included)")


def check_gradients(gradients: Callable) -> None:
    """``gradients(W, Wc, b, bc, X, x_max, alpha)`` must return (dJ/dW, dJ/dWc, dJ/db, dJ/dbc),
    without calling ``glovelib.objective.gradients``."""
    __tracebackhide__ = True
    names = ("dJ/dW", "dJ/dW~", "dJ/db", "dJ/db~")
    for seed, (x_max, alpha) in enumerate(_SETTINGS):
        X, p = _problem(seed, x_max=x_max)
        want = objective.gradients(p, X, x_max, alpha).arrays()
        got = _call(gradients, (p.W, p.W_context, p.b, p.b_context, X.copy(), x_max, alpha),
                    {"gl.objective.gradients": objective.gradients})
        if len(got) != 4:
            _fail(f"return 4 gradients {names}, got {len(got)}")
        if all(near(g, 2 * w) for g, w in zip(got, want, strict=True)):
            _fail("your gradients are twice the expected ones: J carries a factor 1/2, so "
                  "dJ/dw_i = sum_j f(X_ij) diff_ij w~_j, without a 2")
        unweighted = objective.gradients(p, X, 1e-9, 0.0).arrays()  # f = 1 everywhere
        if all(near(g, w) for g, w in zip(got, unweighted, strict=True)):
            _fail("the weighting f(X_ij) is missing from your gradients")
        for k, (name, g, w) in enumerate(zip(names, got, want, strict=True)):
            partner = want[k ^ 1]  # dW <-> dW~, db <-> db~
            if not near(g, w, 1e-7, 1e-9) and near(g, partner, 1e-7, 1e-9):
                _fail(f"{name} is the gradient of its partner {names[k ^ 1]}: rows of X belong "
                      "to words (W, b), columns to contexts (W~, b~)")
            _close(g, w, f"{name} on random problem {seed} (x_max={_num(x_max)}, "
                   f"alpha={_num(alpha)})", rtol=1e-7, atol=1e-9)
    _ok("gradients equal glovelib's (which pass finite differences) on 3 random problems, 3 "
        "(x_max, alpha) settings")


# --------------------------------------------------------------------------- homework 2


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
                    {"gl.count_cooccurrences": count_cooccurrences})
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


# --------------------------------------------------------------------------- homework 3

_VECTOR_ANSWERS = {"KeyedVectors.most_similar": KeyedVectors.most_similar,
                   "KeyedVectors.most_similar_cosmul": KeyedVectors.most_similar_cosmul,
                   "KeyedVectors.analogy": KeyedVectors.analogy,
                   "gl.evaluate.analogy_accuracy": evaluate.analogy_accuracy}


def check_analogy(solve: Callable) -> None:
    """``solve(vectors, words, a, b, c)`` -> the word d maximizing cos(d, b - a + c) over unit
    vectors, a, b and c excluded (3CosAdd), without calling KeyedVectors' own analogy code."""
    __tracebackhide__ = True
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    for trial in range(20):
        vectors = rng.normal(size=(40, 6)) * rng.uniform(0.3, 3.0, size=(40, 1))
        vectors[5] = vectors[1] - vectors[0] + vectors[2]  # d is exactly b - a + c
        kv = KeyedVectors(words, vectors)
        a, b, c = (("w0", "w1", "w2") if trial == 0 else
                   tuple(words[i] for i in rng.choice(40, 3, replace=False)))
        want = kv.analogy(a, b, c)
        got = _call(solve, (vectors.copy(), list(words), a, b, c), _VECTOR_ANSWERS)
        if got != want:
            _fail(f"{a}:{b}::{c}:? should be {want!r}, got {got!r}: "
                  f"{analogy_mistake(got, kv, a, b, c)}")
    _ok("3CosAdd on 20 random vector sets (exact answer, excluded words, normalization)")


def check_section_accuracy(accuracy: Callable, kv: KeyedVectors, questions_path) -> None:
    """``accuracy(kv, questions_path)`` -> {section: (correct, seen)}, skipping questions with a
    word outside the vocabulary (case-insensitive), as glovelib.evaluate does.

    Runs on ``questions_path``, then on a copy with capitalized words and unknown words added.
    """
    __tracebackhide__ = True
    with tempfile.TemporaryDirectory() as tmp:
        hard = hard_questions(kv, questions_path, Path(tmp) / "questions-hard.txt")
        for path, label in ((questions_path, "your questions"),
                            (hard, "the questions with capitalized and unknown words")):
            want = evaluate.analogy_accuracy(kv, path).sections
            try:
                got = _call(accuracy, (kv, str(path)), {
                    **_VECTOR_ANSWERS,
                    "KeyedVectors.evaluate_word_analogies": KeyedVectors.evaluate_word_analogies})
            except KeyError as e:
                _fail(f"on {label}: KeyError {e}: a question has a word outside the vocabulary; "
                      "skip it (it is not seen), as notebook 05 does")
            for s in want:
                if s.name not in got:
                    _fail(f"on {label}: section {s.name!r} is missing from your result")
                if tuple(int(v) for v in got[s.name]) != (s.correct, s.seen):
                    _fail(f"on {label}: section {s.name!r}: expected (correct, seen) = "
                          f"{(s.correct, s.seen)}, got {tuple(int(v) for v in got[s.name])}; "
                          f"{section_mistake(got, want)}")
    _ok(f"per-section accuracy on {len(want)} sections, with capitalized and unknown words")


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
                     (1.0, 0.1, 5), (0.01, 3.0, 250_000), (0.05, -1.0, 0), (0.2, -0.5, 37)]:
        want = _adagrad_steps(lr, g, n) if n <= 1000 else lr * g / np.sqrt(1 + n * (lr * g) ** 2)
        got = float(step(lr, g, n))
        if g < 0 and np.isclose(got, -want, rtol=1e-9, atol=0):
            raise CheckFailed(f"step({lr}, {g}, {n}) = {got:.6g}, expected {want:.6g}: the step "
                              "keeps the sign of g (only the sum of squares is positive)")
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
    _ok("AdaGrad's effective step on 8 cases (first visit, many visits, small and large eta, "
        "negative g)")


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
    if window >= len(sentence) - 1:
        print(f"note: a window of {len(sentence) - 1} or more already covers the whole "
              f"{len(sentence)}-word sentence, so a window off by one would pass here too; "
              "check a longer sentence as well")


# --------------------------------------------------------------------------- notebooks 06, 07
# Checks for claims students make about vectors, on the course's or on published ones.


def _need(kv: KeyedVectors, *words: str) -> None:
    missing = [w for w in words if w not in kv]
    if missing:
        raise CheckFailed(f"not in the vectors: {', '.join(missing)} (pick words that are; "
                          "published files are lowercase)")


def mean_offset_cosine(kv: KeyedVectors, pairs) -> float:
    """Mean cosine between the offsets b - a of the pairs (a, b) whose words are in ``kv``."""
    pairs = [(a, b) for a, b in pairs if a in kv and b in kv]
    if len(pairs) < 2:
        raise ValueError("need at least two pairs with both words in the vectors")
    offsets = np.array([kv[b] - kv[a] for a, b in pairs], dtype=np.float64)
    offsets /= np.linalg.norm(offsets, axis=1, keepdims=True)
    return float((offsets @ offsets.T)[np.triu_indices(len(pairs), 1)].mean())


def check_parallel_offsets(kv: KeyedVectors, pairs, at_least: float = 0.5) -> float:
    """Pass if the relation's offsets b - a are parallel: mean pairwise cosine >= ``at_least``."""
    got = mean_offset_cosine(kv, pairs)
    if got < at_least:
        digits = 3
        while round(got, digits) >= at_least and digits < 9:  # never print "0.500, below 0.5"
            digits += 1
        raise CheckFailed(f"mean cosine between the offsets is {got:.{digits}f}, below the "
                          f"threshold {at_least:g}: these offsets are not parallel enough to "
                          "call the relation one direction (3CosAdd may still solve some of it)")
    _ok(f"offsets parallel (mean cosine {got:.3f} >= {at_least:g})")
    return got


def check_polysemy(kv: KeyedVectors, word: str, sense_a: str, sense_b: str, topn: int = 10,
                   margin: float = 0.05, anchor_topn: int = 50,
                   at_least: int = 2) -> tuple[list[str], list[str]]:
    """Pass if ``word``'s ``topn`` neighbours hold at least ``at_least`` words of each sense.

    A neighbour belongs to sense a when both hold: it is closer (cosine) to ``sense_a`` than to
    ``sense_b`` by at least ``margin``, and it is ``sense_a`` itself or one of ``sense_a``'s own
    ``anchor_topn`` nearest words (so a word that merely leans away from ``sense_b`` does not
    count); the same the other way round. Other neighbours count for neither sense.

    Returns
    -------
    (list of str, list of str)
        The neighbours of each sense, nearest first.
    """
    _need(kv, word, sense_a, sense_b)
    near = [w for w, _ in kv.most_similar(word, topn=topn)]
    senses = []
    for anchor, other in ((sense_a, sense_b), (sense_b, sense_a)):
        own = {anchor} | {w for w, _ in kv.most_similar(anchor, topn=anchor_topn)}
        senses.append([w for w in near if w in own and
                       kv.similarity(w, anchor) - kv.similarity(w, other) >= margin])
    for anchor, found in zip((sense_a, sense_b), senses, strict=True):
        if len(found) < at_least:
            raise CheckFailed(
                f"{word}'s {topn} nearest words ({', '.join(near)}) hold {len(found)} word(s) of "
                f"the sense of {anchor!r} ({', '.join(found) or 'none'}), need {at_least}: a word "
                f"counts when it is among {anchor!r}'s {anchor_topn} nearest and closer to it "
                f"by {margin} than to the other sense")
    a, b = senses
    _ok(f"{word}: {', '.join(a)} (like {sense_a}) and {', '.join(b)} (like {sense_b})")
    return a, b


def check_antonym_closer(kv: KeyedVectors, word: str, synonym: str, antonym: str) -> None:
    """Pass if ``word`` is closer to its ``antonym`` than to its ``synonym`` (cosine)."""
    _need(kv, word, synonym, antonym)
    syn, ant = kv.similarity(word, synonym), kv.similarity(word, antonym)
    if ant <= syn:
        raise CheckFailed(f"cos({word}, {antonym}) = {ant:.2f} is not above cos({word}, "
                          f"{synonym}) = {syn:.2f}: try another triple")
    _ok(f"cos({word}, {antonym}) = {ant:.2f} > cos({word}, {synonym}) = {syn:.2f}")


def check_analogy_answer(kv: KeyedVectors, a: str, b: str, c: str, d: str,
                         works: bool = True) -> str:
    """Pass if 3CosAdd answers a:b :: c:? with ``d`` (``works=True``) or with another word.

    Returns the answer; a failing analogy's message gives the rank of ``d``.
    """
    _need(kv, a, b, c, d)
    answer = kv.analogy(a, b, c)
    if (answer == d) != works:
        ranked = [w for w, _ in kv.most_similar(positive=[b, c], negative=[a], topn=None)]
        rank = ranked.index(d) + 1 if d in ranked else None
        raise CheckFailed(f"{a}:{b} :: {c}:? gives {answer!r}; {d!r} ranks {rank} — "
                          f"{'not the answer' if works else 'the answer, so it works'}")
    _ok(f"{a}:{b} :: {c}:? -> {answer}" + ("" if works else f" (not {d})"))
    return answer


def gender_direction(kv: KeyedVectors, pairs=(("he", "she"),)) -> np.ndarray:
    """Unit vector: the mean of the normalized differences m - f over the pairs (m, f)."""
    _need(kv, *(w for pair in pairs for w in pair))
    n = kv.get_normed_vectors()
    diff = np.mean([n[kv.get_index(m)] - n[kv.get_index(f)] for m, f in pairs], axis=0)
    return diff / np.linalg.norm(diff)


# The ten definitional pairs of Bolukbasi et al. (2016), written (male, female), lowercase.
DEFINITIONAL_PAIRS = (("he", "she"), ("his", "her"), ("man", "woman"), ("john", "mary"),
                      ("himself", "herself"), ("son", "daughter"), ("father", "mother"),
                      ("guy", "gal"), ("boy", "girl"), ("male", "female"))


def gender_pca_direction(kv: KeyedVectors, pairs=DEFINITIONAL_PAIRS) -> np.ndarray:
    """Unit vector: the first principal component of the pairs' centred normalized vectors.

    Each pair (m, f) whose two words are in ``kv`` contributes m - c and f - c, c their mean
    (Bolukbasi et al., 2016, section 5); pairs with a missing word are skipped, at least two
    must remain.  The sign is chosen so that the male words project above the female ones on
    average.
    """
    found = [(m, f) for m, f in pairs if m in kv and f in kv]
    if len(found) < 2:
        raise ValueError(f"need at least two pairs with both words in the vectors, found "
                         f"{len(found)} of {len(pairs)}: pass pairs of words the vectors have")
    n = kv.get_normed_vectors()
    rows = []
    for m, f in found:
        a, b = n[kv.get_index(m)], n[kv.get_index(f)]
        rows += [(a - b) / 2, (b - a) / 2]  # each word minus the pair's mean
    direction = np.linalg.svd(np.array(rows), full_matrices=False)[2][0]
    if np.mean([(n[kv.get_index(m)] - n[kv.get_index(f)]) @ direction for m, f in found]) < 0:
        direction = -direction
    return direction / np.linalg.norm(direction)


def frequency_matched_baseline(values, k: int = 200) -> np.ndarray:
    """For each word id i, the mean of ``values`` over the k ids nearest to i, i itself left out.

    Vocabulary ids are frequency ranks, so this is the value a word of the same frequency gets
    on average: the null to compare a word's projection with, when projections drift with
    frequency.  Near either end the window is shifted to stay inside the vocabulary.
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or not 0 < k < len(v):
        raise ValueError(f"values must be 1-D and k between 1 and len(values) - 1; got shape "
                         f"{v.shape} and k={k}")
    lo = np.clip(np.arange(len(v)) - k // 2, 0, len(v) - k - 1)
    csum = np.concatenate([[0.0], np.cumsum(v)])
    return (csum[lo + k + 1] - csum[lo] - v) / k


def check_direction_separates(kv: KeyedVectors, direction: np.ndarray, pairs) -> None:
    """Pass if every pair (m, f) projects with m above f on ``direction`` (cosines)."""
    _need(kv, *(w for pair in pairs for w in pair))
    n = kv.get_normed_vectors()
    for m, f in pairs:
        pm, pf = n[kv.get_index(m)] @ direction, n[kv.get_index(f)] @ direction
        if pm <= pf:
            raise CheckFailed(f"{m} projects at {pm:+.2f}, {f} at {pf:+.2f}: the direction does"
                              " not separate this pair")
    _ok(f"the direction separates all {len(pairs)} pairs")


# --------------------------------------------------------------------------- notebook 08


def check_window_pairs(pairs: Callable) -> None:
    """``pairs(doc_lengths, window)`` -> the number of (centre, context) pairs at distance 1 to
    ``window`` inside each document, both directions counted (notebook 08, section 1)."""
    from .baselines import window_pairs

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
