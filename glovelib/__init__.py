"""glovelib: GloVe word vectors built from scratch -- the library of the course.

The pipeline, one module per step (see the README and notebooks/); the three stages made of
several files are subpackages, each with its public API in ``__init__.py`` and its Numba kernels
in ``kernels.py``:

* :mod:`glovelib.corpus` (subpackage: reading) -- :func:`tokenize`, corpus readers,
  :class:`Vocabulary`; ``textfile``, ``reader`` (the fast chunked reader), ``kernels``
* :mod:`glovelib.cooccur` (subpackage: counting) -- :func:`count_cooccurrences`; ``kernels``,
  ``runs`` (spill and merge), ``ondisk`` (the matrix on disk)
* :mod:`glovelib.objective` -- f(x), the loss J and its gradients in NumPy (the reference)
* :mod:`glovelib.train` (subpackage: training) -- :class:`GloVe`, the Numba AdaGrad trainer;
  ``schedule``, ``ondisk`` (a fit from disk), ``entries``, ``kernels``, ``state``
* :mod:`glovelib.vectors` -- :class:`KeyedVectors`: neighbours, analogies, file formats
* :mod:`glovelib.evaluate` -- analogy accuracy and word-similarity correlation
* :mod:`glovelib.datasets` -- the course's corpora and evaluation sets
"""

import os

# The OpenMP threads of the parallel kernels would otherwise spin after each epoch and slow the
# NumPy work between epochs on a small machine.  Set before the threading layer first starts.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

__version__ = "0.1.0"

# Everything is imported on first use (PEP 562), so that a command that only reads text does not
# load scipy, the training kernels or matplotlib: ``python -m glovelib vocab`` starts in a third
# of the time.  ``gl.GloVe``, ``gl.plot`` and friends work as if imported here.
_NAMES = {
    "cached_fit": "cache", "count_cooccurrences": "cooccur", "LineCorpus": "corpus",
    "Vocabulary": "corpus", "open_text": "corpus", "read_documents": "corpus",
    "tokenize": "corpus", "GloVe": "train", "KeyedVectors": "vectors", "scratch_path": "_io",
}
# gl.<name> -> the module it gives (relative to glovelib).  Three live inside a stage's subpackage
# and keep the short name they had as top-level modules: the notebooks call gl.reader,
# gl.schedule and gl.ondisk (tests/test_layout.py).
_MODULES = {name: name for name in ("baselines", "cache", "checks", "cooccur", "corpus", "course",
                                    "datasets", "evaluate", "objective", "planted", "plot",
                                    "train", "vectors")}
_MODULES.update(reader="corpus.reader", schedule="train.schedule", ondisk="cooccur.ondisk")


def __getattr__(name: str):
    import importlib

    if name in _NAMES:
        value = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    elif name in _MODULES:
        value = importlib.import_module(f".{_MODULES[name]}", __name__)
    else:
        raise AttributeError(f"module 'glovelib' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES) | set(_MODULES))


__all__ = [
    "GloVe", "KeyedVectors", "LineCorpus", "Vocabulary", "baselines", "cached_fit",
    "count_cooccurrences",
    "datasets",
    "evaluate", "objective", "open_text", "plot", "read_documents", "tokenize",
]
