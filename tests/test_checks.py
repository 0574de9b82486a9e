"""Each homework check accepts a right answer and catches planted wrong ones, naming the mistake.

The right answers here are written independently of glovelib (NumPy and plain Python), as a
student would write them; the wrong ones are the mistakes students make.
"""

import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import checks, objective

HW3 = Path(__file__).resolve().parents[1] / "notebooks" / "_src" / "exercises" / "hw3_evaluation.py"


# Under mutation testing mutmut's trampolines hide which function a student's answer calls, so
# glovelib.checks notices the library's own answer only outside it (see checks._core._call).
NOTICES_LIBRARY = "MUTANT_UNDER_TEST" not in os.environ
_mutmut = pytest.mark.skipif(not NOTICES_LIBRARY, reason="no library-call detection under mutmut")


def noticed(cases):
    """The (wrong answer, message) cases this run can catch."""
    return [(w, m) for w, m in cases if NOTICES_LIBRARY or not m.startswith("calls ")]



def good_weighting(x, x_max, alpha):
    x = np.asarray(x, dtype=float)
    return np.where(x < x_max, (x / x_max) ** alpha, 1.0)


def _diff(W, Wc, b, bc, C):
    return np.einsum("nd,nd->n", W[C.row], Wc[C.col]) + b[C.row] + bc[C.col] - np.log(C.data)


def good_loss(W, Wc, b, bc, X, x_max, alpha):
    C = sp.coo_matrix(X)
    return 0.5 * float(np.sum(good_weighting(C.data, x_max, alpha) * _diff(W, Wc, b, bc, C) ** 2))


def dense_loss(W, Wc, b, bc, X, x_max, alpha):  # sums over the zeros too
    X = X.toarray()
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = W @ Wc.T + b[:, None] + bc[None, :] - np.log(X)
        return 0.5 * float(np.sum(good_weighting(X, x_max, alpha) * diff**2))


def good_gradients(W, Wc, b, bc, X, x_max, alpha):
    C = sp.coo_matrix(X)
    g = good_weighting(C.data, x_max, alpha) * _diff(W, Wc, b, bc, C)
    G = sp.csr_matrix((g, (C.row, C.col)), shape=X.shape)
    return G @ Wc, G.T @ W, np.asarray(G.sum(axis=1)).ravel(), np.asarray(G.sum(axis=0)).ravel()


def good_count(docs, V, window, symmetric=True, weight=lambda d: 1.0 / d, reach=0):
    X = np.zeros((V, V))
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window - reach), p):
                X[doc[q], later] += weight(p - q)
                if symmetric:
                    X[later, doc[q]] += weight(p - q)
    return X


def good_solve(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    i = {w: k for k, w in enumerate(words)}
    scores = unit @ (unit[i[b]] - unit[i[a]] + unit[i[c]])
    scores[[i[a], i[b], i[c]]] = -np.inf
    return words[int(np.argmax(scores))]


def good_accuracy(kv, path, lower=True, skip=True):
    result, section = {}, None
    for line in open(path):
        if line.startswith(":"):
            section = line[1:].strip()
            result[section] = (0, 0)
            continue
        q = line.lower().split() if lower else line.split()
        if skip and not all(w in kv for w in q):
            continue
        correct, seen = result[section]
        right = good_solve(kv.vectors, kv.index_to_key, *q[:3]) == q[3]
        result[section] = (correct + right, seen + 1)
    return result


def test_right_answers_pass(capsys, planted):
    kv, questions = planted
    checks.check_weighting(good_weighting)
    checks.check_loss(good_loss)
    checks.check_gradients(good_gradients)
    checks.check_counter(good_count)
    checks.check_left_counter(lambda d, V, w: good_count(d, V, w, symmetric=False))
    checks.check_analogy(good_solve)
    checks.check_section_accuracy(good_accuracy, kv, questions)
    assert capsys.readouterr().out.count("passed:") == 7


@pytest.mark.parametrize("wrong, match", [
    (lambda x, m, a: (x / m) ** a, "capped at 1"),
    (lambda x, m, a: np.minimum(1.0, x / m), "alpha is ignored"),
    (lambda x, m, a: np.where(x <= 0, 1.0, np.minimum(1.0, (x / m) ** a)), r"f\(0\) must be 0"),
    (lambda x, m, a: min(1.0, (x / m) ** a), "np.minimum"),
    (lambda x, m, a: float(np.mean(good_weighting(x, m, a))), "same shape"),
    pytest.param(lambda x, m, a: gl.objective.weighting(x, m, a), "calls gl.objective.weighting",
                 marks=_mutmut),
    (lambda x, m, a: np.minimum(1.0, (x / m) ** (a + 0.1)), r"expected \d"),
])
def test_weighting_catches(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_weighting(wrong)


@pytest.mark.parametrize("wrong, match", [
    (lambda *args: 2 * good_loss(*args), "1/2"),
    (lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, 0 * b, 0 * bc, X, m, a), "biases"),
    (lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X, 1e-9, 0.0), "weighting"),
    (lambda W, Wc, b, bc, X, m, a: dense_loss(W, Wc, b, bc, X, m, a), "not finite"),
    pytest.param(lambda W, Wc, b, bc, X, m, a: objective.loss(objective.Weights(W, Wc, b, bc),
                                                            X, m, a),
                 "calls gl.objective.loss", marks=_mutmut),
    (lambda W, Wc, b, bc, X, m, a: good_loss(W, Wc, b, bc, X, m, a) + 0.01, r"expected \d"),
])
def test_loss_catches(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_loss(wrong)


def test_loss_catches_log1p():
    def log1p_loss(W, Wc, b, bc, X, m, a):
        C = sp.coo_matrix(X)
        diff = _diff(W, Wc, b, bc, C) + np.log(C.data) - np.log1p(C.data)
        return 0.5 * float(np.sum(good_weighting(C.data, m, a) * diff**2))

    with pytest.raises(checks.CheckFailed, match="log X_ij"):
        checks.check_loss(log1p_loss)


def test_gradients_catch():
    def forgot_f(W, Wc, b, bc, X, m, a):
        return good_gradients(W, Wc, b, bc, X, 1e-9, 0.0)

    def swapped(W, Wc, b, bc, X, m, a):
        gW, gWc, gb, gbc = good_gradients(W, Wc, b, bc, X, m, a)
        return gWc, gW, gb, gbc

    def doubled(*args):
        return tuple(2 * g for g in good_gradients(*args))

    def library(W, Wc, b, bc, X, m, a):
        return objective.gradients(objective.Weights(W, Wc, b, bc), X, m, a).arrays()

    def three(*args):
        return good_gradients(*args)[:3]

    def off_bias(*args):
        gW, gWc, gb, gbc = good_gradients(*args)
        return gW, gWc, gb + 1e-3, gbc

    for wrong, match in noticed([
            (forgot_f, "weighting"), (swapped, "partner"), (doubled, "twice"),
            (library, "calls gl.objective.gradients"), (three, "4 gradients"),
            (off_bias, r"dJ/db on random problem 0 \(x_max=10, alpha=0.75\): expected")]):
        with pytest.raises(checks.CheckFailed, match=match):
            checks.check_gradients(wrong)


@pytest.mark.parametrize("wrong, match", [
    (lambda d, V, w: good_count(d, V, w, weight=lambda d: 1.0), "1/d"),
    (lambda d, V, w: good_count([[x for doc in d for x in doc]], V, w), "document borders"),
    (lambda d, V, w: good_count(d, V, w, reach=1), "not"),
    (lambda d, V, w: good_count(d, V, w, symmetric=False), "one side only"),
    (lambda d, V, w: (lambda X: X - np.diag(np.diag(X)) / 2)(good_count(d, V, w)), "itself"),
    pytest.param(lambda d, V, w: gl.count_cooccurrences([np.asarray(x) for x in d], V, w),
                 "calls gl.count_cooccurrences", marks=_mutmut),
    (lambda d, V, w: good_count(d, V, w)[:-1], "shape"),
])
def test_counter_catches(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_counter(wrong)


def test_left_counter_catches():
    with pytest.raises(checks.CheckFailed, match="symmetric"):
        checks.check_left_counter(good_count)
    with pytest.raises(checks.CheckFailed, match=re.escape("X[later, earlier]")):
        checks.check_left_counter(lambda d, V, w: good_count(d, V, w, symmetric=False).T)


def test_analogy_catches():
    def includes_query(vecs, words, a, b, c):
        n = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        i = {w: k for k, w in enumerate(words)}
        return words[int(np.argmax(n @ (n[i[b]] - n[i[a]] + n[i[c]])))]

    def unnormalized(vecs, words, a, b, c):
        i = {w: k for k, w in enumerate(words)}
        s = vecs @ (vecs[i[b]] - vecs[i[a]] + vecs[i[c]])
        s[[i[a], i[b], i[c]]] = -np.inf
        return words[int(np.argmax(s))]

    def library(vecs, words, a, b, c):
        return gl.KeyedVectors(words, vecs).most_similar(positive=[b, c], negative=[a])[0][0]

    for wrong, match in noticed([
            (includes_query, "exclude a, b and c"),
            (lambda v, w, a, b, c: good_solve(v, w, b, a, c), re.escape("you computed a - b + c")),
            (unnormalized, "unit length"),
            (library, "calls KeyedVectors.most_similar"),
            (lambda v, w, a, b, c: w.index(good_solve(v, w, a, b, c)), "not int")]):
        with pytest.raises(checks.CheckFailed, match=match):
            checks.check_analogy(wrong)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    world = gl.datasets.planted_corpus(n_sentences=3_000, seed=0)
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), 10)
    kv = gl.GloVe(vector_size=10, x_max=10.0, epochs=10, random_state=0).fit(X) \
        .to_keyed_vectors(vocab)
    return kv, world.write_questions(tmp_path_factory.mktemp("q") / "questions.txt")


def test_section_accuracy_catches(planted):
    kv, questions = planted

    def library(kv, p):
        kv.evaluate_word_analogies(p)  # (the library's answer; then the right numbers)
        return good_accuracy(kv, p)

    def keyerror(kv, p):
        return good_accuracy(kv, p, skip=False) if "hard" in str(p) else good_accuracy(kv, p)

    def off_by_one(kv, p):
        return {k: (c + 1, s) for k, (c, s) in good_accuracy(kv, p).items()}

    for wrong, match in noticed([
            (lambda kv, p: good_accuracy(kv, p, lower=False), "lowercase"),
            (keyerror, "KeyError 'atlantis'"),
            (lambda kv, p: {k: v for k, v in list(good_accuracy(kv, p).items())[1:]}, "missing"),
            (library, "calls KeyedVectors.evaluate_word_analogies"),
            (off_by_one, "compare your answers")]):
        with pytest.raises(checks.CheckFailed, match=match):
            checks.check_section_accuracy(wrong, kv, questions)


def test_section_accuracy_catches_unknown_words_counted_as_seen(planted):
    kv, questions = planted

    def counts_unknown(kv, p):
        out = {}
        for name, qs in gl.evaluate.read_analogies(p):
            qs = [tuple(w.lower() for w in q) for q in qs]
            right = sum(all(w in kv for w in q) and
                        good_solve(kv.vectors, kv.index_to_key, *q[:3]) == q[3] for q in qs)
            out[name] = (right, len(qs))
        return out

    with pytest.raises(checks.CheckFailed, match="outside the vocabulary as seen"):
        checks.check_section_accuracy(counts_unknown, kv, questions)


def test_failure_messages_are_plain_numbers():
    with pytest.raises(checks.CheckFailed) as e:
        checks.check_weighting(lambda x, m, a: np.minimum(1.0, (x / m) ** (a + 0.1)))
    assert "np.float64" not in str(e.value) and e.value.__cause__ is None
    assert e.value.__suppress_context__


@_mutmut
def test_checks_leave_no_profiler_behind():
    sys.setprofile(None)
    with pytest.raises(checks.CheckFailed):
        checks.check_weighting(gl.objective.weighting)
    assert sys.getprofile() is None


def test_checks_are_usable_on_sparse_or_dense_results():
    X = sp.csr_matrix(np.eye(3))
    assert checks._dense(X).shape == (3, 3) and checks._dense(np.eye(2)).shape == (2, 2)


# --------------------------------------------------------------------------- homework 3, Task 5

def _task5_cells() -> list[str]:
    """The code cells of homework 3's Task 5 (published vectors), solution version."""
    pieces = HW3.read_text(encoding="utf-8").split("\n# %%")
    code = [p.split("\n", 1)[1] for p in pieces
            if "\n" in p and "[markdown]" not in p.split("\n", 1)[0]]
    start = next(i for i, c in enumerate(code) if "def pretrained_file" in c)
    marks = ("### BEGIN SOLUTION", "### END SOLUTION", "# USES-STUDENT-CODE")
    return ["\n".join(line for line in c.splitlines() if line.strip() not in marks)
            for c in code[start:]]  # Task 5 is the last task


TASK5_WORDS = """leaves scoop mouse bank spring happy cheerful sad hot scorching cold increase raise
decrease man king woman france paris italy tall taller long hand glove foot warm summer worker
doctor""".split()


def _run_task5(capsys) -> str:
    namespace = {"gl": gl, "np": np}
    for cell in _task5_cells():
        exec(compile(cell, str(HW3), "exec"), namespace)
    return capsys.readouterr().out


def test_task5_runs_on_a_small_glove_file(tmp_path, monkeypatch, capsys):
    rng = np.random.default_rng(0)
    words = TASK5_WORDS + [f"filler{i}" for i in range(100)]
    path = tmp_path / "glove.small.10d.txt"
    path.write_text("".join(w + " " + " ".join(f"{v:.5f}" for v in rng.normal(size=10)) + "\n"
                            for w in words), encoding="utf-8")
    monkeypatch.setenv("GLOVE_FILE", str(path))
    out = _run_task5(capsys)
    assert f"loaded KeyedVectors({len(words)} words, dim 10)" in out
    for expected in ("leaves:", "happy: synonym cheerful", "man : king :: woman :",
                     "woman - man + worker:", "man - woman + doctor:"):
        assert expected in out, expected


def test_task5_says_when_the_file_is_missing(monkeypatch, capsys):
    monkeypatch.delenv("GLOVE_FILE", raising=False)
    if hasattr(gl.datasets, "pretrained_path"):
        monkeypatch.setattr(gl.datasets, "pretrained_path", lambda name, dim: None)
    out = _run_task5(capsys)
    assert out.startswith("No published GloVe vectors here") and out.count("\n") == 1


def test_in_ipython_a_failed_check_is_one_line(capsys):
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell.instance(config=config)
    try:
        checks._show_in_ipython()
        shell.user_ns["checks"] = checks
        result = shell.run_cell("checks.check_weighting(lambda x, m, a: x / m)")
        out = capsys.readouterr().out
    finally:
        shell.set_custom_exc((), None)
        InteractiveShell.clear_instance()
    assert isinstance(result.error_in_exec, checks.CheckFailed)
    assert out.strip().splitlines() == [
        "\x1b[0;31mCheckFailed\x1b[0m: f(x) with x_max=100, alpha=0.75: f(x) = 10000 > 1 at "
        "x = 1e+06; f is capped at 1 (f(x) = 1 for x >= x_max)"]
