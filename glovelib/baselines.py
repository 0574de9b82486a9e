"""The models GloVe is compared with, trained on the same tokens and vocabulary.

* :func:`train_word2vec` -- skip-gram with negative sampling (Mikolov et al., 2013) through
  gensim: the "local context window" family the GloVe paper argues against.
* :func:`ppmi_svd` -- positive pointwise mutual information of the same cooccurrence matrix,
  then a truncated SVD (Levy, Goldberg & Dagan, 2015): the "global matrix factorization" family.

Both return :class:`glovelib.KeyedVectors` whose words are in the vocabulary's order, so that
evaluation (``restrict_vocab``, coverage) treats all models alike.  Used in notebook 06.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from .vectors import KeyedVectors

__all__ = ["train_word2vec", "ppmi_svd", "ppmi"]


def _stable_hash(text: str) -> int:
    # gensim seeds each word's initial vector with hashfxn(word + seed); Python's hash() changes
    # from process to process unless PYTHONHASHSEED is set, CRC-32 does not.
    return zlib.crc32(text.encode("utf-8"))


def train_word2vec(docs: Iterable[list[str]], vocab=None, vector_size: int = 50,
                   window: int = 5, negative: int = 5, epochs: int = 5, min_count: int = 5,
                   sample: float = 1e-3, alpha: float = 0.025, seed: int = 0, workers: int = 1,
                   **kwargs) -> KeyedVectors:
    """Skip-gram with negative sampling (gensim ``Word2Vec(sg=1)``), as KeyedVectors.

    Parameters
    ----------
    docs : iterable of token lists
        Re-iterable (gensim passes over it several times), e.g. a :class:`LineCorpus`.
    vocab : Vocabulary, optional
        Use exactly these words (with these counts, for subsampling and negative sampling):
        out-of-vocabulary tokens are removed first, as glovelib's counter does.  Without it,
        gensim builds its own vocabulary with ``min_count``.
    vector_size, window, negative, epochs, sample, alpha : gensim's parameters
        Defaults are gensim's, except ``vector_size`` (GloVe's 50).
    seed : int
        Seeds gensim; word initialization uses a stable hash, so with ``workers=1`` the result is
        reproducible from run to run on a machine.
    workers : int, default 1
        More workers train faster but not reproducibly.

    Returns
    -------
    KeyedVectors
        In ``vocab``'s order when given, else gensim's (by count).
    """
    from gensim.models import Word2Vec

    if vocab is not None:
        index = vocab.index
        corpus = _Filtered(docs, index)
        model = Word2Vec(vector_size=vector_size, window=window, negative=negative, sg=1,
                         epochs=epochs, min_count=1, sample=sample, alpha=alpha, seed=seed,
                         workers=workers, hashfxn=_stable_hash, **kwargs)
        n_docs = sum(1 for _ in corpus)
        model.build_vocab_from_freq({w: int(c) for w, c in zip(vocab.words, vocab.counts,
                                                                strict=True)},
                                    corpus_count=n_docs)
        model.train(corpus, total_examples=n_docs, epochs=epochs)
        wv = model.wv
        return KeyedVectors(vocab.words, np.array([wv[w] for w in vocab.words]))
    if iter(docs) is docs:  # a generator: gensim needs to pass over it several times
        docs = list(docs)
    model = Word2Vec(docs, vector_size=vector_size, window=window, negative=negative, sg=1,
                     epochs=epochs, min_count=min_count, sample=sample, alpha=alpha, seed=seed,
                     workers=workers, hashfxn=_stable_hash, **kwargs)
    return KeyedVectors.from_gensim(model.wv)


class _Filtered:
    """Documents with out-of-vocabulary tokens removed, re-iterable."""

    def __init__(self, docs, index):
        self.docs, self.index = docs, index

    def __iter__(self):
        for doc in self.docs:
            kept = [w for w in doc if w in self.index]
            if kept:
                yield kept


def ppmi(X, context_smoothing: float = 0.75) -> sp.csr_matrix:
    """Positive PMI of a cooccurrence matrix, on its nonzeros.

    PMI_ij = log( X_ij * S / (X_i * c_j) ) with X_i = sum_k X_ik, S = sum X, and the context
    distribution smoothed: c_j = S * X_j^a / sum_k X_k^a (a = ``context_smoothing``; 1 = none).
    Negative values are set to 0 (and dropped).
    """
    X = sp.csr_matrix(X, dtype=np.float64)
    total = X.sum()
    rows = np.asarray(X.sum(axis=1)).ravel()
    cols = np.asarray(X.sum(axis=0)).ravel() ** context_smoothing
    cols = total * cols / cols.sum()
    coo = X.tocoo()
    pmi = np.log(coo.data * total / (rows[coo.row] * cols[coo.col]))
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=X.shape)


def ppmi_svd(X, vocab, dim: int = 50, context_smoothing: float = 0.75,
             eigenvalue_weight: float = 0.5, random_state: int = 0) -> KeyedVectors:
    """Word vectors from a truncated SVD of the PPMI matrix: U_d * S_d^p.

    Parameters
    ----------
    X : sparse (V, V)
        The cooccurrence matrix (the same one GloVe trains on).
    vocab : Vocabulary or list of str
    dim : int, default 50
    context_smoothing : float, default 0.75
        Exponent of the context distribution (Levy et al.'s cds).
    eigenvalue_weight : float, default 0.5
        p in U S^p (0 ignores the singular values, 1 is the plain factorization).
    random_state : int
        For the randomized SVD; signs are then fixed (each component's largest entry positive).

    Returns
    -------
    KeyedVectors
    """
    from sklearn.utils.extmath import randomized_svd

    words = list(getattr(vocab, "words", vocab))
    if len(words) != X.shape[0]:
        raise ValueError(f"the vocabulary has {len(words)} words but X has {X.shape[0]} rows")
    if not 1 <= dim < min(X.shape):
        raise ValueError(f"dim must be between 1 and {min(X.shape) - 1}, got {dim}")
    M = ppmi(X, context_smoothing)
    U, S, _ = randomized_svd(M, dim, n_iter=7, random_state=random_state)
    U *= np.sign(U[np.abs(U).argmax(axis=0), np.arange(dim)])
    return KeyedVectors(words, (U * S**eigenvalue_weight).astype(np.float32))
