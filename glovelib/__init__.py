"""glovelib: GloVe word vectors built from scratch -- the library of the course.

The pipeline, one module per step (see the README and notebooks/):

* :mod:`glovelib.corpus` -- :func:`tokenize`, corpus readers, :class:`Vocabulary`
* :mod:`glovelib.cooccur` -- :func:`count_cooccurrences`
* :mod:`glovelib.objective` -- f(x), the loss J and its gradients in NumPy (the reference)
* :mod:`glovelib.train` -- :class:`GloVe`, the Numba AdaGrad trainer
* :mod:`glovelib.vectors` -- :class:`KeyedVectors`: neighbours, analogies, file formats
* :mod:`glovelib.evaluate` -- analogy accuracy and word-similarity correlation
* :mod:`glovelib.datasets` -- the course's corpora and evaluation sets
"""

import os

# The OpenMP threads of the parallel kernels would otherwise spin after each epoch and slow the
# NumPy work between epochs on a small machine.  Set before the threading layer first starts.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from . import datasets, evaluate, objective  # noqa: E402
from .cache import cached_fit  # noqa: E402
from .cooccur import count_cooccurrences  # noqa: E402
from .corpus import LineCorpus, Vocabulary, open_text, read_documents, tokenize  # noqa: E402
from .train import GloVe  # noqa: E402
from .vectors import KeyedVectors  # noqa: E402

__version__ = "0.1.0"


def __getattr__(name: str):
    # matplotlib, scikit-learn and gensim are imported only when their modules are used, so that
    # counting a large corpus does not carry them in memory
    if name in ("plot", "baselines", "checks"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'glovelib' has no attribute {name!r}")

__all__ = [
    "GloVe", "KeyedVectors", "LineCorpus", "Vocabulary", "baselines", "cached_fit",
    "count_cooccurrences",
    "datasets",
    "evaluate", "objective", "open_text", "plot", "read_documents", "tokenize",
]
