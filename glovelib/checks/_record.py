"""Watch the glovelib calls a student's study function makes (counting, fitting, evaluating), so
that a check can name a setting that was not passed (x_max, epochs, the seed, d) or a result that
was not recomputed, without training anything twice."""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass, field

import numpy as np

import glovelib

from .. import cache, cooccur, evaluate, train


@dataclass
class Record:
    """What the watched code did, in order."""

    windows: list[int] = field(default_factory=list)  # window_size of each count
    counted: list[tuple[int, int]] = field(default_factory=list)  # (id(), nnz) of each matrix
    tokens: list[int] = field(default_factory=list)  # token ids fed to each count
    sizes: list[int] = field(default_factory=list)  # vocab_size of each count
    symmetric: list[bool] = field(default_factory=list)  # symmetric= of each count
    fits: list[dict] = field(default_factory=list)  # get_params() + "X": id() of the matrix
    methods: list[str] = field(default_factory=list)  # method of each analogy_accuracy call
    analogies: list = field(default_factory=list)  # their results (AnalogyResult)
    similarities: list[tuple[str, float]] = field(default_factory=list)  # (file name, Spearman)
    vectors: list = field(default_factory=list)  # the KeyedVectors of each to_keyed_vectors

    def spearmans(self, name: str) -> list[float]:
        """The Spearman of each word_similarity call on the file whose name contains ``name``."""
        return [s for f, s in self.similarities if name in f]


def _ids(corpus):
    """``corpus`` as count_cooccurrences takes it (one id array or a sequence of them), read
    once, and its number of token ids."""
    if isinstance(corpus, np.ndarray) and corpus.ndim == 1:
        return corpus, len(corpus)
    docs = list(corpus)
    if docs and np.isscalar(docs[0]):  # one document as a list of ids
        return docs, len(docs)
    return docs, sum(len(d) for d in docs)


@contextlib.contextmanager
def recording(on_count=None):
    """``with recording() as rec:`` -- glovelib's counting, fitting and evaluation record into
    ``rec`` (a :class:`Record`) and behave as usual.  ``on_count(rec)``, if given, runs after
    each count (a check can fail there, before any training)."""
    rec, inside = Record(), []
    count0, fit0, cached0 = cooccur.count_cooccurrences, train.GloVe.fit, cache.cached_fit
    keyed0 = train.GloVe.to_keyed_vectors
    accuracy0, similarity0 = evaluate.analogy_accuracy, evaluate.word_similarity

    def note_fit(model, X):
        rec.fits.append({**model.get_params(), "X": id(X)})

    @functools.wraps(count0)
    def count(corpus, vocab_size, window_size=15, *args, **kwargs):
        corpus, n = _ids(corpus)
        X = count0(corpus, vocab_size, window_size, *args, **kwargs)
        rec.windows.append(int(window_size))
        rec.counted.append((id(X), int(X.nnz)))
        rec.tokens.append(n)
        rec.sizes.append(int(vocab_size))
        rec.symmetric.append(bool(kwargs.get("symmetric", args[0] if args else True)))
        if on_count is not None:
            on_count(rec)
        return X

    @functools.wraps(fit0)
    def fit(self, X, *args, **kwargs):
        if not inside:
            note_fit(self, X)
        return fit0(self, X, *args, **kwargs)

    @functools.wraps(cached0)
    def cached_fit(model, X, *args, **kwargs):
        note_fit(model, X)
        inside.append(1)
        try:
            return cached0(model, X, *args, **kwargs)
        finally:
            inside.pop()

    @functools.wraps(keyed0)
    def to_keyed_vectors(self, *args, **kwargs):
        kv = keyed0(self, *args, **kwargs)
        rec.vectors.append(kv)
        return kv

    @functools.wraps(accuracy0)
    def analogy_accuracy(kv, path, *args, **kwargs):
        result = accuracy0(kv, path, *args, **kwargs)
        rec.methods.append(kwargs.get("method", args[2] if len(args) > 2 else "add"))
        rec.analogies.append(result)
        return result

    @functools.wraps(similarity0)
    def word_similarity(kv, path, *args, **kwargs):
        result = similarity0(kv, path, *args, **kwargs)
        rec.similarities.append((os.path.basename(str(path)).lower(), result.spearman))
        return result

    patches = [(cooccur, "count_cooccurrences", count), (glovelib, "count_cooccurrences", count),
               (train.GloVe, "fit", fit), (cache, "cached_fit", cached_fit),
               (train.GloVe, "to_keyed_vectors", to_keyed_vectors),
               (glovelib, "cached_fit", cached_fit),
               (evaluate, "analogy_accuracy", analogy_accuracy),
               (evaluate, "word_similarity", word_similarity)]
    saved = [(obj, name, obj.__dict__.get(name, _MISSING)) for obj, name, _ in patches]
    try:
        for obj, name, new in patches:
            setattr(obj, name, new)
        yield rec
    finally:
        for obj, name, old in reversed(saved):
            if old is _MISSING:
                delattr(obj, name)
            else:
                setattr(obj, name, old)


_MISSING = object()


def glove_defaults() -> dict:
    return train.GloVe().get_params()


def settings_mistake(fits: list[dict], want: dict, defaults: dict) -> str | None:
    """Name the first setting in ``want`` ({name: value, or a list with one value per fit}) that
    the recorded ``fits`` did not use; ``defaults`` are GloVe's, to say "left at the default"."""
    shown = {"vector_size": "d (vector_size)", "random_state": "the seed (random_state)"}
    for name, value in want.items():
        wanted = value if isinstance(value, list) else [value] * len(fits)
        used = [f[name] for f in fits]
        if used == wanted:
            continue
        what = shown.get(name, name)
        if name == "random_state" and None in used:
            return ("no seed: a model without random_state starts from other random vectors at "
                    "each run; pass your function's seed on, random_state=seed (here "
                    f"{wanted[0]})")
        if all(u == defaults.get(name) for u in used):
            return (f"{what} is not passed (or passed as the default): your models use "
                    f"{name}={used[0]!r}, GloVe's default; the task asks {name}={_list(wanted)}")
        if len(set(used)) == 1 and len(set(wanted)) > 1:
            return (f"{what} is ignored: every model has {name}={used[0]!r}, the task asks "
                    f"{_list(wanted)}, one per model")
        if name == "random_state":
            return (f"your models use random_state={_list(used)}, the task asks "
                    f"random_state={_list(wanted)}: pass your function's seed on, "
                    "random_state=seed, rather than a number")
        return f"your models use {name}={_list(used)}, the task asks {name}={_list(wanted)}"
    return None


def _list(values: list):
    return values[0] if len(set(map(repr, values))) == 1 else values
