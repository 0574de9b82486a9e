"""Checks of homework 3 (exercises/hw3_evaluation): 3CosAdd and the accuracy per section."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import evaluate
from .._mistakes import analogy_mistake, hard_questions, section_mistake
from ..vectors import KeyedVectors
from ._core import _call, _fail, _ok

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
                    task="task 1")
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
                    task="task 2")
            except KeyError as e:
                _fail(f"on {label}: KeyError {e}: a question has a word outside the vocabulary; "
                      "skip it (it is not seen), as notebook 05 does")
            if not isinstance(got, dict):
                _fail(f"return a dict {{section: (correct, seen)}}, not {type(got).__name__}")
            padded = [k for k in got if isinstance(k, str) and k != k.strip()]
            if padded:
                _fail(f"on {label}: your section name {padded[0]!r} keeps the white space around "
                      "it (the space after ':' or the newline): strip it, line[1:].strip()")
            for s in want:
                if s.name not in got:
                    _fail(f"on {label}: section {s.name!r} is missing from your result")
                if tuple(int(v) for v in got[s.name]) != (s.correct, s.seen):
                    _fail(f"on {label}: section {s.name!r}: expected (correct, seen) = "
                          f"{(s.correct, s.seen)}, got {tuple(int(v) for v in got[s.name])}; "
                          f"{section_mistake(got, want)}")
    _ok(f"per-section accuracy on {len(want)} sections, with capitalized and unknown words")
