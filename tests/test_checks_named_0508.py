"""The wrong answers a student tried in notebooks 05 and 08 and homework 3 (issue 21, second
reading), fed to their checks: each message names the mistake, and the right answer passes.
Each wrong answer is written here independently of glovelib's own code."""

from __future__ import annotations

import numpy as np
import pytest

import glovelib as gl
from glovelib import checks


def message(check, *args) -> str:
    with pytest.raises(checks.CheckFailed) as info:
        check(*args)
    text = str(info.value)
    assert "\n" not in text  # one line
    return text


# --------------------------------------------------------------------------- notebook 05

def cosmul(shift, combine=lambda ca, cb, cc: cb * cc / (ca + 1e-3)):
    def solve(vectors, words, a, b, c):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        s = shift(unit @ unit[[ia, ib, ic]].T)
        score = combine(s[:, 0], s[:, 1], s[:, 2])
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]
    return solve


def test_cosmul_shift_without_parentheses_is_named(capsys):
    text = message(checks.check_cosmul, cosmul(lambda cos: 1 + cos / 2))
    assert "1 + cos / 2 is 1 + (cos / 2)" in text and "write (1 + cos) / 2" in text
    checks.check_cosmul(cosmul(lambda cos: (1 + cos) / 2))
    assert capsys.readouterr().out.startswith("passed:")


def _shift_a_only(cos):
    return np.column_stack([(1 + cos[:, 0]) / 2, cos[:, 1], cos[:, 2]])


@pytest.mark.parametrize("shift, combine, named", [
    (lambda cos: (1 + cos) / 2, lambda ca, cb, cc: cb * cc + ca, "you add cos'(d, a)"),
    (lambda cos: (1 + cos) / 2, lambda ca, cb, cc: cb * cc * ca, "you multiply by cos'(d, a)"),
    (lambda cos: (1 + cos) / 2, lambda ca, cb, cc: cb * ca / (cc + 1e-3),
     "c is in the denominator"),
    (_shift_a_only, lambda ca, cb, cc: cb * cc / (ca + 1e-3), "only the denominator's cosine"),
])
def test_cosmul_combinations_the_second_reader_tried_are_named(shift, combine, named):
    assert named in message(checks.check_cosmul, cosmul(shift, combine))


# --------------------------------------------------------------------------- notebook 08

def pairs(kind):
    """Closed forms of the window-pair count: right, and the two slips the student tried."""
    def count(doc_lengths, window):
        L = np.asarray(doc_lengths, dtype=float)
        if kind == "2wL":
            return 2 * window * L.sum()
        if kind == "no max":
            return 2 * sum(n - d for n in L for d in range(1, window + 1))
        if kind == "dynamic":  # Word2Vec's average over its shrunk windows
            return (window + 1) * L.sum()
        top = window if kind == "range(1, window)" else window + 1
        return 2 * sum(max(n - d, 0) for n in L for d in range(1, top))
    return count


@pytest.mark.parametrize("kind, named", [
    ("range(1, window)", r"range\(1, window \+ 1\), not range\(1, window\)"),
    ("2wL", r"2wL counts w neighbours.*a document shorter than the window.*max\(L - d, 0\)"),
    ("no max", r"documents shorter than the window: L - d is negative.*max\(L - d, 0\)"),
    ("dynamic", r"\(w \+ 1\) L is Word2Vec's \*dynamic\* window"),
])
def test_window_pair_mistakes_are_named(kind, named, capsys):
    import re
    assert re.search(named, message(checks.check_window_pairs, pairs(kind)))
    checks.check_window_pairs(pairs("right"))
    assert capsys.readouterr().out.startswith("passed:")


# --------------------------------------------------------------------------- homework 3

def add(candidates_normalized=True):
    """3CosAdd with a unit query; the slip: raw candidate vectors scored against it."""
    def solve(vectors, words, a, b, c):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        query = unit[ib] - unit[ia] + unit[ic]
        score = (unit if candidates_normalized else vectors) @ query
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]
    return solve


def test_raw_candidates_against_a_unit_query_are_named(capsys):
    text = message(checks.check_analogy, add(candidates_normalized=False))
    assert "the candidates are not" in text and "score unit candidate vectors too" in text
    checks.check_analogy(add())
    assert capsys.readouterr().out.startswith("passed:")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("planted0508")
    w = gl.datasets.planted_corpus(n_sentences=800, seed=0)
    vocab = gl.Vocabulary.build(w.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(w.documents), len(vocab), 5)
    return {"vocab": vocab, "X": X, "questions": w.write_questions(tmp / "questions.txt")}


def accuracy(check_d=True):
    """Per-section 3CosAdd accuracy, case-insensitive; the slip: d not checked."""
    def run(kv, path):
        words = list(kv.index_to_key)
        index = {w: i for i, w in enumerate(words)}
        unit = kv.vectors / np.linalg.norm(kv.vectors, axis=1, keepdims=True)
        result, section = {}, None
        for line in open(path, encoding="utf-8"):
            if line.startswith(":"):
                section = line[1:].strip()
                result[section] = [0, 0]
                continue
            q = line.lower().split()
            if len(q) != 4 or not all(w in index for w in (q if check_d else q[:3])):
                continue
            ia, ib, ic = (index[w] for w in q[:3])
            score = unit @ (unit[ib] - unit[ia] + unit[ic])
            score[[ia, ib, ic]] = -np.inf
            result[section][0] += words[int(np.argmax(score))] == q[3]
            result[section][1] += 1
        return {k: tuple(v) for k, v in result.items()}
    return run


def test_answer_outside_the_vocabulary_is_named(world, capsys, tmp_path):
    kv = gl.GloVe(vector_size=10, x_max=10.0, epochs=3, random_state=0).fit(world["X"]) \
        .to_keyed_vectors(world["vocab"])
    known = tmp_path / "known.txt"  # only questions with all four words known: the check's own
    known.write_text("".join(line for line in open(world["questions"], encoding="utf-8")
                             if line.startswith(":") or all(w in kv for w in line.split())))
    text = message(checks.check_section_accuracy, accuracy(check_d=False), kv, known)
    assert "on the questions with capitalized and unknown words" in text  # unknown d added
    assert "you checked only a, b and c" in text and "answer d is outside the vocabulary" in text
    checks.check_section_accuracy(accuracy(), kv, known)
    checks.check_section_accuracy(accuracy(), kv, world["questions"])
    assert capsys.readouterr().out.startswith("passed:")


def planted_accuracies(world, percent=False):
    def run(dims, seed=0):
        acc = []
        for d in dims:
            kv = gl.GloVe(vector_size=d, x_max=10.0, epochs=30, random_state=seed) \
                .fit(world["X"]).to_keyed_vectors(world["vocab"])
            acc.append(gl.evaluate.analogy_accuracy(kv, world["questions"]).accuracy
                       * (100 if percent else 1))
        return acc
    return run


def test_percentages_are_named(world, capsys):
    text = message(checks.check_planted_accuracies, planted_accuracies(world, percent=True),
                   [2, 4])
    assert "your accuracies are percentages" in text and "return fractions in [0, 1]" in text
    checks.check_planted_accuracies(planted_accuracies(world), [2, 4])
    assert capsys.readouterr().out.startswith("passed:")


def add_variant(kind):
    """3CosAdd as a student writes it, with one of the second reader's slips."""
    def solve(vectors, words, a, b, c):
        axis = 0 if kind == "axis 0" else 1
        unit = vectors / np.linalg.norm(vectors, axis=axis, keepdims=True)
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        query = unit[ib] - unit[ia] + (-unit[ic] if kind == "b - a - c" else unit[ic])
        score = unit @ query
        if kind == "argmin":
            score[[ia, ib, ic]] = np.inf
            return words[int(np.argmin(score))]
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]
    return solve


@pytest.mark.parametrize("kind, named", [
    ("argmin", "you took the *least* similar word (argmin)"),
    ("b - a - c", "your query is b - a - c"),
    ("axis 0", "you normalized along axis 0"),
])
def test_analogy_slips_the_second_reader_tried_are_named(kind, named):
    assert named in message(checks.check_analogy, add_variant(kind))
