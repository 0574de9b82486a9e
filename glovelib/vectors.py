"""Word vectors to use: neighbours, similarity, analogies, and the common file formats.

:class:`KeyedVectors` follows gensim's class of the same name (``index_to_key``, ``key_to_index``,
``vectors``, ``most_similar``, ``similarity``, ``evaluate_word_analogies``, ``evaluate_word_pairs``,
``save_word2vec_format`` / ``load_word2vec_format``), so code written for one runs on the other;
:meth:`KeyedVectors.to_gensim` and :meth:`KeyedVectors.from_gensim` convert.

File formats:

* GloVe text (Stanford's files): ``word v1 ... vd`` per line, no header.  Some words contain spaces
  (the 840B file has them), so a line's *last* d fields are the vector and the rest is the word.
* word2vec text: the same with a first line ``count dim``.
* word2vec binary: the header line, then per word ``word`` + space + d little-endian float32.

Saves are atomic: an interrupted save leaves the previous file intact.

Analogies: 3CosAdd (Mikolov et al., 2013) and 3CosMul (Levy & Goldberg, 2014).
Used in notebooks/05_evaluating.ipynb and 07_pretrained.ipynb.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ._io import atomic_open

__all__ = ["KeyedVectors"]


def _as_list(words) -> list[str]:
    if words is None:
        return []
    if isinstance(words, str):
        return [words]
    return list(words)


def _check_finite(keys: list[str], vectors: np.ndarray) -> None:
    """Refuse NaN/inf rows, naming the first word that has one; in blocks (no big temporary)."""
    step = max(1, (1 << 18) // max(1, vectors.shape[1]))
    for start in range(0, len(vectors), step):
        finite = np.isfinite(vectors[start:start + step]).all(axis=1)
        if not finite.all():
            i = start + int(np.argmin(finite))
            raise ValueError(f"the vector of {keys[i]!r} (row {i}) has a value that is not finite "
                             "(nan or inf): most_similar and friends would silently fail; fix or "
                             "drop that row")


def _check_topn(topn) -> None:
    if topn is None:
        return
    if isinstance(topn, bool) or not isinstance(topn, (int, np.integer)):
        raise TypeError(f"topn must be an integer or None, got {topn!r}")
    if topn < 0:
        raise ValueError(f"topn must be >= 0 (0 gives no words, None all of them), got {topn}")


class KeyedVectors:
    """A vector per word, with the queries people make of word vectors.

    Parameters
    ----------
    keys : sequence of str
        The words, most frequent first by convention (``restrict_vocab`` takes a prefix).
    vectors : array_like, shape (len(keys), d)

    Attributes
    ----------
    index_to_key : list of str
    key_to_index : dict
    vectors : numpy.ndarray, shape (V, d)
    """

    def __init__(self, keys: Sequence[str], vectors):
        vectors = np.asarray(vectors)
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be 2-D (words, dim), got shape {vectors.shape}")
        if vectors.dtype.kind != "f":
            vectors = vectors.astype(np.float32)
        self.index_to_key = [str(k) for k in keys]
        if len(self.index_to_key) != len(vectors):
            raise ValueError(f"{len(self.index_to_key)} keys but {len(vectors)} vectors")
        self.key_to_index = {k: i for i, k in enumerate(self.index_to_key)}
        if len(self.key_to_index) != len(self.index_to_key):
            dup = next(k for k, c in Counter(self.index_to_key).items() if c > 1)
            raise ValueError(f"duplicate keys ({dup!r} among them): each word needs one vector")
        _check_finite(self.index_to_key, vectors)
        self.vectors = vectors
        self._normed = None

    # ------------------------------------------------------------------ container

    def __len__(self) -> int:
        return len(self.index_to_key)

    def __contains__(self, key: object) -> bool:
        return key in self.key_to_index

    def __getitem__(self, key):
        if isinstance(key, str):
            return self.vectors[self.get_index(key)]
        return np.stack([self[k] for k in key])

    def __repr__(self) -> str:
        return f"KeyedVectors({len(self)} words, dim {self.vector_size})"

    @property
    def vector_size(self) -> int:
        return self.vectors.shape[1]

    def get_index(self, key: str) -> int:
        """The row of ``key``; a clear KeyError if it is not in the vocabulary."""
        try:
            return self.key_to_index[key]
        except KeyError:
            raise KeyError(f"word {key!r} is not in the vocabulary ({len(self)} words)") from None

    def get_normed_vectors(self) -> np.ndarray:
        """The vectors scaled to unit length (zero vectors stay zero), cached."""
        if self._normed is None:
            norms = np.linalg.norm(self.vectors, axis=1, keepdims=True)
            normed = self.vectors / np.where(norms == 0, 1, norms)
            self._normed = normed.astype(self.vectors.dtype)
        return self._normed

    # ------------------------------------------------------------------ queries

    def similarity(self, w1: str, w2: str) -> float:
        """Cosine similarity of two words."""
        n = self.get_normed_vectors()
        return float(n[self.get_index(w1)] @ n[self.get_index(w2)])

    def distance(self, w1: str, w2: str) -> float:
        """1 - cosine similarity."""
        return 1.0 - self.similarity(w1, w2)

    def _top(self, scores: np.ndarray, exclude: Iterable[int], topn: int | None,
             restrict_vocab: int | None) -> list[tuple[str, float]]:
        _check_topn(topn)
        scores = np.array(scores[:restrict_vocab] if restrict_vocab else scores, dtype=np.float64)
        for i in exclude:
            if i < len(scores):
                scores[i] = -np.inf
        if topn is None:
            order = np.lexsort((np.arange(len(scores)), -scores))
        elif topn == 0:
            return []
        else:
            k = min(topn, len(scores))
            part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(k)
            # ties broken by the word's rank (more frequent first), deterministically
            order = part[np.lexsort((part, -scores[part]))]
        return [(self.index_to_key[i], float(scores[i])) for i in order if scores[i] > -np.inf]

    def _query(self, positive, negative) -> tuple[list[int], list[int]]:
        positive, negative = _as_list(positive), _as_list(negative)
        if not positive and not negative:
            raise ValueError("give at least one word in positive or negative")
        return [self.get_index(w) for w in positive], [self.get_index(w) for w in negative]

    def most_similar(self, positive=None, negative=None, topn: int | None = 10,
                     restrict_vocab: int | None = None) -> list[tuple[str, float]]:
        """The words closest to the mean of the positive unit vectors minus the negative ones.

        ``most_similar("king")`` gives neighbours; ``most_similar(positive=["king", "woman"],
        negative=["man"])`` solves "man is to king as woman is to ?" by 3CosAdd.  The query words
        are excluded; ties go to the more frequent word.

        Returns
        -------
        list of (word, cosine similarity)
        """
        pos, neg = self._query(positive, negative)
        n = self.get_normed_vectors()
        query = n[pos].sum(axis=0) - n[neg].sum(axis=0)
        norm = np.linalg.norm(query)
        query = query / norm if norm else query
        return self._top(n @ query.astype(n.dtype), pos + neg, topn, restrict_vocab)

    def most_similar_cosmul(self, positive=None, negative=None, topn: int | None = 10,
                            restrict_vocab: int | None = None) -> list[tuple[str, float]]:
        """3CosMul (Levy & Goldberg, 2014): argmax prod cos'(d, b+) / (prod cos'(d, a-) + 1e-3),
        with cosines shifted to [0, 1] by cos' = (1 + cos) / 2."""
        pos, neg = self._query(positive, negative)
        n = self.get_normed_vectors()
        sims = (1.0 + n @ n[pos + neg].T.astype(np.float64)) / 2.0  # (V, k)
        scores = np.prod(sims[:, :len(pos)], axis=1) / (np.prod(sims[:, len(pos):], axis=1) + 1e-3)
        return self._top(scores, pos + neg, topn, restrict_vocab)

    def analogy(self, a: str, b: str, c: str, method: str = "add", topn: int = 1):
        """"a is to b as c is to ?" -- the best answer (or ``topn`` of them) by 3CosAdd or 3CosMul.

        Examples
        --------
        >>> kv.analogy("man", "king", "woman")   # doctest: +SKIP
        'queen'
        """
        if method == "add":
            found = self.most_similar(positive=[b, c], negative=[a], topn=topn)
        elif method == "mul":
            found = self.most_similar_cosmul(positive=[b, c], negative=[a], topn=topn)
        else:
            raise ValueError(f"method must be 'add' (3CosAdd) or 'mul' (3CosMul), got {method!r}")
        return found[0][0] if topn == 1 else found

    def words_closer_than(self, w1: str, w2: str) -> list[str]:
        """Words more similar to ``w1`` than ``w2`` is (as gensim: the threshold is taken from
        the same scores, so ``w2`` itself is never in the list)."""
        scores = dict(self.most_similar(w1, topn=None))  # every word but w1
        if w2 == w1 or w2 not in scores:
            _ = self[w2]  # KeyError for an unknown word, as gensim
            return []
        return [w for w, s in scores.items() if s > scores[w2]]

    # ------------------------------------------------------------------ evaluation

    def evaluate_word_analogies(self, analogies, restrict_vocab: int = 300_000,
                                case_insensitive: bool = True, dummy4unknown: bool = False,
                                method: str = "add"):
        """Analogy accuracy, as gensim's method of the same name: returns ``(score, sections)``
        with sections a list of ``{"section", "correct", "incorrect"}`` ending with the total.

        See :func:`glovelib.evaluate.analogy_accuracy` for the per-section table with semantic /
        syntactic splits and coverage.
        """
        from .evaluate import analogy_accuracy

        result = analogy_accuracy(self, analogies, restrict_vocab, case_insensitive, method,
                                  dummy4unknown)
        return result.accuracy, result.gensim_sections()

    def evaluate_word_pairs(self, pairs, delimiter: str = "\t", restrict_vocab: int = 300_000,
                            case_insensitive: bool = True, dummy4unknown: bool = False):
        """Word-similarity correlation, as gensim: returns ``((pearson_r, p), (spearman_rho, p),
        oov_ratio_percent)``.  See :func:`glovelib.evaluate.word_similarity`."""
        from .evaluate import word_similarity

        r = word_similarity(self, pairs, delimiter, restrict_vocab, case_insensitive,
                            dummy4unknown)
        return (r.pearson, r.pearson_p), (r.spearman, r.spearman_p), r.oov_ratio * 100

    # ------------------------------------------------------------------ files

    def save_word2vec_format(self, path: str | os.PathLike, binary: bool = False,
                             write_header: bool = True) -> None:
        """Write the vectors; ``write_header=False`` gives the GloVe text format.  Atomic.

        Raises
        ------
        ValueError
            A word that the format cannot hold (empty, a newline, or white space in binary).
        """
        for w in self.index_to_key:
            if not w or "\n" in w or w != w.strip() or (binary and any(c.isspace() for c in w)):
                raise ValueError(f"word {w!r} cannot be written in this format")
        with atomic_open(path) as f:
            if write_header or binary:
                f.write(f"{len(self)} {self.vector_size}\n".encode())
            if binary:
                data = self.vectors.astype("<f4")
                for w, v in zip(self.index_to_key, data, strict=True):
                    f.write(w.encode("utf-8") + b" " + v.tobytes() + b"\n")
            else:
                for w, v in zip(self.index_to_key, self.vectors, strict=True):
                    f.write((w + " " + " ".join(f"{x:.6g}" for x in v) + "\n").encode("utf-8"))

    @classmethod
    def load_word2vec_format(cls, path: str | os.PathLike, binary: bool = False,
                             no_header: bool = False, limit: int | None = None,
                             dtype=np.float32) -> KeyedVectors:
        """Read the GloVe text format (``no_header=True``), word2vec text or word2vec binary.

        Without a header the dimension d is the most common number of trailing numeric fields
        among the first 100 lines (a word may contain spaces, or be a number itself), and each
        line's last d fields are its vector.  Fields are split on a plain space only.  Memory:
        the final (V, d) array plus a few megabytes (Stanford's 840B file fits where it fits
        as float32); ``limit`` reads only the first ``limit`` words.  Text may be ``.gz``/``.bz2``.

        A word that occurs twice keeps its first vector, with one warning giving the count (as
        gensim; Stanford's 840B file has such words).

        Raises
        ------
        FileNotFoundError
            "vectors file not found".
        ValueError
            Empty file, a bad header, a malformed line or a non-finite number -- with its line
            number (and the word).
        """
        from ._vecfile import read_binary, read_text

        if binary:
            words, vectors = read_binary(path, limit, dtype)
        else:
            words, vectors = read_text(path, no_header, limit, dtype)
        return cls(words, vectors)

    # ------------------------------------------------------------------ gensim

    def to_gensim(self):
        """A ``gensim.models.KeyedVectors`` with the same words and vectors."""
        from gensim.models import KeyedVectors as GensimKV

        kv = GensimKV(self.vector_size, dtype=self.vectors.dtype)
        kv.add_vectors(self.index_to_key, self.vectors)
        return kv

    @classmethod
    def from_gensim(cls, kv) -> KeyedVectors:
        """From a ``gensim.models.KeyedVectors`` (or a model's ``.wv``)."""
        return cls(list(kv.index_to_key), np.array(kv.vectors))
