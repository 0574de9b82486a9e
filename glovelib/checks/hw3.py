"""Checks of homework 3 (exercises/hw3_evaluation): 3CosAdd and the accuracy per section."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import evaluate
from .._mistakes import (
    analogy_mistake,
    capitalized_answers,
    hard_questions,
    section_mistake,
    seen_abc_only,
)
from ..planted import planted_corpus
from ..vectors import KeyedVectors
from ._core import _call, _fail, _num, _ok
from ._record import glove_defaults, recording, settings_mistake

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
        got = _call(solve, (vectors.copy(), list(words), a, b, c), _VECTOR_ANSWERS,
                    task="task 1", call="solve(vectors, words, a, b, c)",
                    hint="it runs on random vectors, so take them as arguments instead of "
                    "reading a notebook's own (`unit = vectors / np.linalg.norm(vectors, axis=1, "
                    "keepdims=True)` inside)")
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
                    "KeyedVectors.evaluate_word_analogies": KeyedVectors.evaluate_word_analogies},
                    task="task 2", call="accuracy(kv, path)")
            except KeyError as e:
                _fail(f"on {label}: KeyError {e}: a question has a word outside the vocabulary; "
                      "skip it (it is not seen), as notebook 05 does")
            except ValueError as e:
                if "not in" not in str(e):
                    raise
                _fail(f"on {label}: ValueError {e}: a question has a word outside the "
                      "vocabulary; skip it (check `word in kv` for all four first): it is not "
                      "seen, as notebook 05 does")
            if not isinstance(got, dict):
                _fail(f"return a dict {{section: (correct, seen)}}, not {type(got).__name__}")
            padded = [k for k in got if isinstance(k, str) and k != k.strip()]
            if padded:
                _fail(f"on {label}: your section name {padded[0]!r} keeps the white space around "
                      "it (the space after ':' or the newline): strip it, line[1:].strip()")
            for name, value in got.items():
                if not (isinstance(value, tuple | list) and len(value) == 2 and all(
                        isinstance(v, int | np.integer | float | np.floating) for v in value)):
                    number = isinstance(value, int | np.integer | float | np.floating)
                    _fail(f"on {label}: section {name!r} holds {value!r}: return (correct, seen), "
                          "the two counts of the section"
                          + (", not a fraction (the check compares both counts)" if number
                             else f", not {type(value).__name__}"))
            for s in want:
                if s.name not in got:
                    prefixed = [k for k in got if isinstance(k, str)
                                and k.lstrip(": ").strip() == s.name]
                    if prefixed:
                        _fail(f"on {label}: your section name {prefixed[0]!r} keeps the ': ' of "
                              f"the file's header line: the name is {s.name!r}, line[1:].strip()")
                    _fail(f"on {label}: section {s.name!r} is missing from your result (your "
                          f"keys: {sorted(map(str, got))[:3]}...)"
                          + (": list every section of the file, with (0, 0) when none of its "
                             "questions is seen" if s.seen == 0 else ""))
                if tuple(int(v) for v in got[s.name]) != (s.correct, s.seen):
                    _fail(f"on {label}: section {s.name!r}: expected (correct, seen) = "
                          f"{(s.correct, s.seen)}, got {tuple(int(v) for v in got[s.name])}; "
                          + section_mistake(got, want, seen_abc_only(kv, path),
                                            capitalized_answers(path)))
    _ok(f"per-section accuracy on {len(want)} sections, with capitalized and unknown words")


def check_planted_accuracies(planted_accuracies: Callable, dims, seed: int = 0) -> list[float]:
    """Run ``planted_accuracies(dims, seed)`` and check how it got its results (homework 3, task
    3.1): one model per d with ``vector_size=d``, x_max 10, 30 epochs and ``random_state=seed``,
    3CosAdd, and one accuracy per d as analogy_accuracy gave it.  Returns the accuracies."""
    __tracebackhide__ = True
    dims = list(dims)
    with recording() as rec:
        got = _call(planted_accuracies, (dims, seed), task="task 3.1",
                    call="planted_accuracies(dims, seed)")
    where = f"planted_accuracies({dims}, seed={seed})"
    if isinstance(got, dict):
        _fail(f"{where}: return a list of accuracies, one per d in the order of dims "
              f"([acc for d = {dims[0]}, ...]), not a dict; list(your_dict.values()) if its keys "
              "are the dims in order")
    if not hasattr(got, "__len__") or isinstance(got, str):
        _fail(f"{where}: return a list of accuracies, one per d, not {type(got).__name__}")
    if len(got) != len(dims):
        _fail(f"{where}: return one accuracy per d ({len(dims)}), got {len(got)}")
    if len(rec.fits) != len(dims):
        _fail(f"{where}: train one model per d: {len(rec.fits)} fits for {len(dims)} values")
    mistake = settings_mistake(rec.fits, {"vector_size": dims, "x_max": 10.0, "epochs": 30,
                                          "random_state": seed}, glove_defaults())
    if mistake:
        _fail(f"{where}: {mistake}")
    if any(m != "add" for m in rec.methods):
        _fail(f"{where}: the task measures 3CosAdd, analogy_accuracy's default method, not "
              f"{sorted(set(rec.methods) - {'add'})[0]!r}")
    results = rec.analogies  # (none seen if imported `from ... import`, or task 2's own used)
    if not results and len(rec.vectors) == len(dims):
        with tempfile.TemporaryDirectory() as tmp:
            questions = planted_corpus(n_sentences=1).write_questions(Path(tmp) / "planted.txt")
            results = [evaluate.analogy_accuracy(kv, questions) for kv in rec.vectors]
    want = [r.accuracy for r in results]
    if len(want) == len(dims) and not np.allclose(got, want):
        for wrong, how in [([np.mean([s.accuracy for s in r.sections if s.seen]) for r in results],
                            "the mean of the per-section accuracies"),
                           ([np.mean([s.accuracy for s in r.sections]) for r in results],
                            "the mean of the per-section accuracies"),
                           ([(r.semantic.accuracy + r.syntactic.accuracy) / 2 for r in results],
                            "the mean of the semantic and the syntactic accuracy")]:
            if np.allclose(got, wrong) and not np.allclose(wrong, want):
                _fail(f"{where}: your accuracy is {how} ({_num(got[0])} for d = {dims[0]}, "
                      f"overall {_num(want[0])}): the task asks for the overall accuracy, the "
                      "correct answers over all questions seen, sum(correct) / sum(seen) "
                      "(`.accuracy`), in which each question counts once, not each section")
    if want and len(want) == len(dims) and np.allclose(got, 100 * np.asarray(want)) \
            and not np.allclose(want, 0):
        top = int(np.argmax(got))
        _fail(f"{where}: your accuracies are percentages ({_num(got[top])} for d = {dims[top]}): "
              "return fractions in [0, 1], as analogy_accuracy's `.accuracy` gives them")
    if not want and any(float(g) > 1 for g in got):
        _fail(f"{where}: an accuracy above 1 ({_num(max(got))}): return fractions in [0, 1], "
              "not percentages, as analogy_accuracy's `.accuracy` gives them")
    if want and (len(want) != len(dims) or not np.allclose(got, want)):
        _fail(f"{where}: return each model's accuracy on the planted questions "
              "(gl.evaluate.analogy_accuracy(kv, questions).accuracy), one per d")
    _ok(f"{len(dims)} models, one per d, with the task's settings (seed {seed})")
    return [float(a) for a in got]


def check_x_max_study(x_max_study: Callable, x_maxes) -> tuple[list[float], list[float]]:
    """Run ``x_max_study(x_maxes)`` and check how it got its results (homework 3, task 3.2): one
    model per x_max, d = 50, 15 epochs, ``random_state=0``, and (WordSim-353, SimLex-999)
    Spearmans in that order.  Returns them."""
    __tracebackhide__ = True
    x_maxes = list(x_maxes)
    with recording() as rec:
        got = _call(x_max_study, (x_maxes,), task="task 3.2", call="x_max_study(x_maxes)")
    where = f"x_max_study({x_maxes})"
    if not (isinstance(got, tuple | list) and len(got) == 2):
        _fail(f"{where}: return the pair (WordSim-353 Spearmans, SimLex-999 Spearmans)")
    ws, sl = (list(v) for v in got)
    if len(rec.fits) != len(x_maxes):
        _fail(f"{where}: train one model per x_max: {len(rec.fits)} fits for {len(x_maxes)} "
              "values")
    mistake = settings_mistake(rec.fits, {"x_max": x_maxes, "vector_size": 50, "epochs": 15,
                                          "random_state": 0}, glove_defaults())
    if mistake:
        _fail(f"{where}: {mistake}")
    want_ws, want_sl = rec.spearmans("wordsim"), rec.spearmans("simlex")
    if not rec.similarities and len(ws) == len(sl) == len(x_maxes):
        _ok(f"{len(x_maxes)} models, one per x_max, with the task's settings")
        return ws, sl  # word_similarity imported by name: its calls are not seen
    if len(want_ws) != len(x_maxes) or len(want_sl) != len(x_maxes):
        _fail(f"{where}: evaluate each model once on WordSim-353 and once on SimLex-999 "
              "(gl.evaluate.word_similarity)")
    if len(ws) == len(sl) == len(x_maxes):
        if np.allclose(ws, want_sl) and np.allclose(sl, want_ws) and not np.allclose(ws, sl):
            _fail(f"{where}: the pair is swapped: return (WordSim-353, SimLex-999), in that order")
        if np.allclose(ws, want_ws) and np.allclose(sl, want_sl):
            _ok(f"{len(x_maxes)} models, one per x_max, with the task's settings; WordSim-353 "
                "and SimLex-999 in order")
            return ws, sl
    _fail(f"{where}: return the Spearman (`.spearman`) of each model on WordSim-353, then on "
          "SimLex-999, one per x_max")
