"""The course's corpora and evaluation sets.

* :func:`toy_corpus` -- thirty sentences written for this course, small enough to count by hand.
* :func:`planted_corpus` -- a *synthetic* world whose relations are known (countries and capitals,
  gender pairs, plurals, past tenses, over Zipfian filler), with its own analogy questions
  (defined in :mod:`glovelib.planted`).
* :func:`wikipedia_sample` / :func:`lee_corpus` -- real English text that ships inside the installed
  gensim package (its test data), cleaned and cached under ``data/cache`` (never committed).
* :func:`zipf_corpus` -- a text8-sized synthetic Zipfian corpus for benchmarks.
* :func:`download_text8`, :func:`download_glove`, :func:`pretrained_path` -- text8 and
  Stanford's published GloVe vectors, for readers with internet: checksum, cache, atomic write
  (defined in :mod:`glovelib.downloads`).
* :func:`analogy_questions_path`, :func:`wordsim353_path`, :func:`simlex999_path` -- evaluation
  sets from the installed gensim package.

See data/README.md for every source and its licence.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ._io import atomic_open, data_home
from .corpus import LineCorpus
from .downloads import (
    GLOVE_FILES,
    TEXT8_SHA256,
    TEXT8_URL,
    download_glove,
    download_text8,
    pretrained_path,
)
from .planted import PlantedWorld, planted_corpus

__all__ = [
    "data_home", "toy_corpus", "planted_corpus", "PlantedWorld", "wikipedia_sample", "lee_corpus",
    "zipf_corpus", "zipf_words", "download_text8", "download_glove", "pretrained_path",
    "GLOVE_FILES", "TEXT8_URL", "TEXT8_SHA256", "analogy_questions_path", "wordsim353_path",
    "simlex999_path", "gensim_test_file",
]


# --------------------------------------------------------------------------- toy corpus

_TOY = """\
ice is cold and solid
steam is hot and gas
ice and steam are forms of water
water is a liquid
the ice melts into water
the water boils into steam
steam condenses into water
water freezes into ice
ice is solid water
steam is water as gas
the cold ice floats on water
the hot steam rises from water
fashion is not solid and not gas
fashion changes every year
a king rules a kingdom
a queen rules a kingdom
the king is a man
the queen is a woman
a man and a woman walk
the king and the queen walk
paris is the capital of france
rome is the capital of italy
berlin is the capital of germany
madrid is the capital of spain
france and italy are countries
germany and spain are countries
the cat sat on the mat
the dog sat on the mat
a cat and a dog play
cats and dogs play
"""


def toy_corpus() -> list[str]:
    """Thirty short sentences written for the course (one document each), to count by hand.

    Returns
    -------
    list of str
        Lowercase sentences whose tokens are separated by single spaces.
    """
    return _TOY.splitlines()


# --------------------------------------------------------------------------- gensim's test data


def gensim_test_file(name: str) -> Path:
    """Path of a file in the installed gensim package's test data."""
    try:
        from gensim.test.utils import datapath
    except ImportError as exc:  # pragma: no cover - gensim is a course dependency
        raise ImportError("this data set ships with gensim: pip install gensim") from exc
    path = Path(datapath(name))
    if not path.exists():
        raise FileNotFoundError(f"{name} is not in this gensim installation ({path})")
    return path


def analogy_questions_path() -> Path:
    """The Google analogy questions, questions-words.txt (19,544 questions in 14 sections)."""
    return gensim_test_file("questions-words.txt")


def wordsim353_path() -> Path:
    """WordSim-353 (Finkelstein et al., 2002): tab-separated word1, word2, mean human score."""
    return gensim_test_file("wordsim353.tsv")


def simlex999_path() -> Path:
    """SimLex-999 (Hill et al., 2015): tab-separated word1, word2, mean human score."""
    return gensim_test_file("simlex999.txt")


_WIKI = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"


def _cache_text(name: str, make_docs, cache_dir: str | os.PathLike | None) -> Path:
    path = Path(cache_dir) if cache_dir else data_home()
    path.mkdir(parents=True, exist_ok=True)
    path = path / name
    if not path.exists():
        with atomic_open(path) as f:
            for doc in make_docs():
                if doc:
                    f.write((" ".join(doc) + "\n").encode("utf-8"))
    return path


def wikipedia_sample(cache_dir: str | os.PathLike | None = None) -> LineCorpus:
    """The English Wikipedia sample from gensim's test data, one article a line.

    Cleaned as gensim's ``WikiCorpus`` does by default (markup stripped, lowercase, tokens of 2-15
    letters, articles under 50 tokens and redirects dropped): 106 articles, 452,944 tokens, 9,002
    words with count >= 5.  Built once and cached as text under :func:`data_home`.

    Returns
    -------
    LineCorpus
    """
    def docs() -> Iterator[list[str]]:
        from gensim.corpora.wikicorpus import WikiCorpus
        wiki = WikiCorpus(str(gensim_test_file(_WIKI)), dictionary={}, processes=1)
        yield from wiki.get_texts()

    return LineCorpus(_cache_text("enwiki-sample.txt", docs, cache_dir))


def lee_corpus(cache_dir: str | os.PathLike | None = None) -> LineCorpus:
    """The Lee news corpus (lee_background.cor, 300 Australian news stories) from gensim's test
    data, lowercased and tokenized as the Wikipedia sample (one story a line)."""
    def docs() -> Iterator[list[str]]:
        from gensim.corpora.wikicorpus import tokenize
        with open(gensim_test_file("lee_background.cor"), encoding="utf-8", errors="replace") as f:
            for line in f:
                yield tokenize(line)

    return LineCorpus(_cache_text("lee-background.txt", docs, cache_dir))


# --------------------------------------------------------------------------- synthetic Zipf

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 syllables


def zipf_words(n: int) -> list[str]:
    """``n`` distinct pronounceable pseudo-words; word r is rank r's name (bijective base 70)."""
    out = []
    k = len(_SYLLABLES)
    for r in range(n):
        parts = []
        r += 1
        while r > 0:
            r -= 1
            parts.append(_SYLLABLES[r % k])
            r //= k
        out.append("".join(reversed(parts)))
    return out


def _zipf_probabilities(n_types: int, knee: int, tail_exponent: float, shift: float) -> np.ndarray:
    # Zipf-Mandelbrot with exponent 1 up to the knee, steeper beyond: like real text, whose rare
    # words fall off faster than 1/rank.
    r = np.arange(1, n_types + 1, dtype=np.float64)
    p = np.where(r <= knee, 1.0 / (r + shift),
                 (knee + shift) ** (tail_exponent - 1.0) * (r + shift) ** -tail_exponent)
    return p / p.sum()


def zipf_corpus(path: str | os.PathLike | None = None, n_tokens: int = 17_005_207,
                doc_length: int = 1000, seed: int = 0, n_types: int = 600_000,
                return_ids: bool = False):
    """A text8-sized synthetic corpus: independent draws from a Zipf-like law.

    With the defaults: 17,005,207 tokens (as text8), about 277k distinct types and about 73k
    types with count >= 5.  Words are pseudo-words (:func:`zipf_words`); the text has no meaning,
    only text8's size and frequency profile.  Use it to measure speed and memory.

    Parameters
    ----------
    path : path-like, optional
        Write the corpus here (``doc_length`` tokens a line), atomically; default: cached under
        :func:`data_home` as ``zipf-<n_tokens>-<seed>.txt``.
    n_tokens, doc_length, seed, n_types : int
    return_ids : bool, default False
        Return the rank array (int32, rank 0 = most probable) instead of writing text.

    Returns
    -------
    Path, or numpy.ndarray of int32 when ``return_ids``
    """
    rng = np.random.default_rng(seed)
    cdf = np.cumsum(_zipf_probabilities(n_types, knee=5000, tail_exponent=1.64, shift=0.5))
    ranks = np.minimum(np.searchsorted(cdf, rng.random(n_tokens)), n_types - 1).astype(np.int32)
    if return_ids:
        return ranks
    path = Path(path) if path else data_home() / f"zipf-{n_tokens}-{seed}.txt"
    if path.exists():
        return path
    names = np.array(zipf_words(int(ranks.max()) + 1), dtype=object)
    with atomic_open(path) as f:
        for start in range(0, n_tokens, doc_length):
            f.write((" ".join(names[ranks[start:start + doc_length]]) + "\n").encode("ascii"))
    return path
