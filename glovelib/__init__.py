"""glovelib: GloVe word vectors built from scratch -- the library of the course.

The pipeline, one module per step (see the README and notebooks/):

* :mod:`glovelib.corpus` -- tokenize, read corpora, :class:`Vocabulary`
* :mod:`glovelib.cooccur` -- :func:`count_cooccurrences`
* :mod:`glovelib.datasets` -- the course's corpora and evaluation sets
"""

from . import datasets
from .cooccur import count_cooccurrences
from .corpus import LineCorpus, Vocabulary, open_text, read_documents, tokenize

__version__ = "0.1.0"

__all__ = [
    "LineCorpus", "Vocabulary", "count_cooccurrences", "datasets", "open_text", "read_documents",
    "tokenize",
]
