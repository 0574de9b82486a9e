"""Checks of homework 2 (exercises/hw2_counting): the symmetric and the left-only counter."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from .._mistakes import counter_mistake, lib_count
from ..cooccur import count_cooccurrences
from ..datasets import wikipedia_sample
from ._core import _call, _close, _fail, _ok
from ._record import glove_defaults, recording, settings_mistake


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
                    {"gl.count_cooccurrences": count_cooccurrences},
                    task="task 1" if symmetric else "task 2",
                    call=f"{'count' if symmetric else 'count_left'}(docs, vocab_size, window)")
        integers = np.issubdtype(getattr(got, "dtype", np.dtype(float)), np.integer)
        got = _dense(got)
        where = (f"X for docs={docs if len(str(docs)) < 80 else '(random)'}, vocab_size={V}, "
                 f"window={window}")
        want = lib_count(docs, V, window, symmetric)
        if integers and not np.allclose(want, np.round(want)):
            _fail(f"{where}: your X holds whole numbers only (an integer array), so each 1/d is "
                  "cut to 0 or 1: make X a float array (np.zeros((V, V)), not dtype=int) and "
                  "add 1 / d")
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


def check_window_study(window_study: Callable, x_maxes, windows, corpus=None,
                       vocab_size: int = 3000) -> dict:
    """Run ``window_study(x_max)`` for each x_max and check how it got its results (homework 2,
    task 4): one count per window (``window_size=w``), one model per window trained with that
    x_max, d = 50, 10 epochs and ``random_state=0``, 3CosAdd, and the values it returns are the
    ones those calls gave, on the whole of ``corpus`` (default: the Wikipedia sample, as the task
    says).  Returns ``{x_max: window_study(x_max)}``."""
    __tracebackhide__ = True
    keys = ("nnz", "wordsim", "semantic", "syntactic")
    study = {}
    corpus = wikipedia_sample() if corpus is None else corpus
    sample = sum(len(doc) for doc in corpus)  # every token of the whole sample
    for x_max in x_maxes:
        where = f"window_study({x_max:g})"

        def whole_sample(rec, where=where):
            # the vocabulary keeps about 80% of the sample's tokens; Task 3's `docs`, 18%
            if rec.tokens[-1] < 0.5 * sample:
                _fail(f"{where}: your count saw {rec.tokens[-1]:,} tokens, a small part of the "
                      f"whole Wikipedia sample ({sample:,} tokens): count the whole sample, "
                      "(vocab.encode(d) for d in corpus), not Task 3's `docs` (20 articles)")
            if rec.sizes[-1] != vocab_size:
                _fail(f"{where}: your count has {rec.sizes[-1]:,} words, the task's vocabulary "
                      f"{vocab_size:,}: use the notebook's `vocab` (max_size=3000), not one "
                      "you rebuilt")
            if not rec.symmetric[-1]:
                _fail(f"{where}: your count is left-only (symmetric=False): the task compares "
                      "windows of the symmetric counts GloVe trains on")

        with recording(whole_sample) as rec:
            out = _call(window_study, (x_max,), task="task 4", call="window_study(x_max)")
        if not isinstance(out, dict) or any(k not in out for k in keys):
            _fail(f"{where}: return the dict with the keys {keys}, one list each")
        if any(len(out[k]) != len(windows) for k in keys):
            _fail(f"{where}: each list holds one value per window ({len(windows)})")
        # (a name imported with `from glovelib import ...` is not seen: only what is recorded
        # is compared)
        if rec.windows and sorted(set(rec.windows)) != sorted(windows):
            _fail(f"{where}: the counts are not redone per window (you counted with windows "
                  f"{sorted(set(rec.windows))}): count X inside the loop, window_size=w")
        if len(rec.fits) != len(windows):
            _fail(f"{where}: train one model per window: {len(rec.fits)} fits for "
                  f"{len(windows)} windows")
        if len({f["X"] for f in rec.fits}) < len(windows):
            _fail(f"{where}: the counts are not redone per window: several models are fit on "
                  "the same X; fit each window's model on that window's X")
        mistake = settings_mistake(rec.fits, {"x_max": x_max, "vector_size": 50, "epochs": 10,
                                              "random_state": 0}, glove_defaults())
        if mistake:
            _fail(f"{where}: {mistake}")
        if any(m != "add" for m in rec.methods):
            _fail(f"{where}: the task reports 3CosAdd, analogy_accuracy's default method (your "
                  f"calls used {sorted(set(rec.methods)) or 'none'})")
        nnz = {i: n for i, n in rec.counted}
        if nnz and list(out["nnz"]) != [nnz.get(f["X"]) for f in rec.fits]:
            _fail(f"{where}: 'nnz' should be the nonzeros of each window's X (X.nnz), got "
                  f"{list(out['nnz'])}")
        spearmans = rec.spearmans("wordsim")[-len(windows):]
        if spearmans and not np.allclose(out["wordsim"], spearmans):
            _fail(f"{where}: 'wordsim' should hold the WordSim-353 Spearman of each model "
                  "(gl.evaluate.word_similarity(kv, wordsim).spearman)")
        results = rec.analogies[-len(windows):]
        for key in ("semantic", "syntactic"):
            other = "syntactic" if key == "semantic" else "semantic"
            if not results or list(out[key]) == [getattr(r, key) for r in results]:
                continue
            if list(out[key]) == [getattr(r, other) for r in results]:
                _fail(f"{where}: '{key}' holds the {other} scores: swap them")
            _fail(f"{where}: '{key}' should hold each model's `an.{key}` (an = "
                  "gl.evaluate.analogy_accuracy(kv, questions))")
        study[x_max] = out
    _ok(f"window study: {len(windows)} windows x {len(study)} x_max, each model on its own "
        "counts with the task's settings")
    return study
