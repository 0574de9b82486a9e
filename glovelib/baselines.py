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

__all__ = ["train_word2vec", "ppmi_svd", "pmi_svd", "ppmi", "window_pairs", "word2vec_model",
           "update_word2vec", "power_law_crossover"]


def _stable_hash(text: str) -> int:
    # gensim seeds each word's initial vector with hashfxn(word + seed); Python's hash() changes
    # from process to process unless PYTHONHASHSEED is set, CRC-32 does not.
    return zlib.crc32(text.encode("utf-8"))


def train_word2vec(docs: Iterable[list[str]], vocab=None, vector_size: int = 50,
                   window: int = 5, negative: int = 5, epochs: int = 5, min_count: int = 5,
                   sample: float = 1e-3, alpha: float = 0.025, seed: int = 0, workers: int = 1,
                   progress: bool = False, **kwargs) -> KeyedVectors:
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
    progress : bool, default False
        Show epoch k of n and the time left on stderr (a tqdm bar when tqdm is installed).

    Returns
    -------
    KeyedVectors
        In ``vocab``'s order when given, else gensim's (by count).
    """
    from gensim.models import Word2Vec

    if progress:
        kwargs["callbacks"] = [*kwargs.get("callbacks", ()), _progress_callback(epochs)]

    if vocab is not None:
        index = vocab.index
        corpus = _filtered(docs, index)
        model = Word2Vec(vector_size=vector_size, window=window, negative=negative, sg=1,
                         epochs=epochs, min_count=1, sample=sample, alpha=alpha, seed=seed,
                         workers=workers, hashfxn=_stable_hash, **kwargs)
        n_docs = len(corpus)
        model.build_vocab_from_freq({w: int(c) for w, c in zip(vocab.words, vocab.counts,
                                                                strict=True)},
                                    corpus_count=n_docs)
        model.train(corpus, total_examples=n_docs, epochs=epochs,
                    callbacks=kwargs.get("callbacks", ()))
        wv = model.wv
        return KeyedVectors(vocab.words, np.array([wv[w] for w in vocab.words]))
    if iter(docs) is docs:  # a generator: gensim needs to pass over it several times
        docs = list(docs)
    model = Word2Vec(docs, vector_size=vector_size, window=window, negative=negative, sg=1,
                     epochs=epochs, min_count=min_count, sample=sample, alpha=alpha, seed=seed,
                     workers=workers, hashfxn=_stable_hash, **kwargs)
    return KeyedVectors.from_gensim(model.wv)


def _progress_callback(epochs: int):
    """A gensim callback that shows the epochs on a :class:`glovelib._progress.Progress`."""
    from gensim.models.callbacks import CallbackAny2Vec

    from ._progress import Progress

    class _Epochs(CallbackAny2Vec):
        def on_train_begin(self, model):
            self.bar, self.epoch = Progress(epochs, True, desc="Word2Vec"), 0

        def on_epoch_end(self, model):
            self.epoch += 1
            self.bar.update(self.epoch)

        def on_train_end(self, model):
            self.bar.close()

    return _Epochs()


def _filtered(docs, index) -> list[list[str]]:
    """Documents with out-of-vocabulary tokens removed, read and filtered once (gensim passes
    over them every epoch: filtering in Python each time, or re-reading a file, doubled the
    training time of a single worker)."""
    out = []
    for doc in docs:
        kept = [w for w in doc if w in index]
        if kept:
            out.append(kept)
    return out


def _margins(X: sp.csr_matrix, context_smoothing: float):
    """S = sum X, the row sums X_i and the smoothed context sums c_j = S X_j^a / sum_k X_k^a."""
    total = X.sum()
    rows = np.asarray(X.sum(axis=1)).ravel()
    cols = np.asarray(X.sum(axis=0)).ravel() ** context_smoothing
    return total, rows, total * cols / cols.sum()


def _svd_vectors(M, words: list, dim: int, eigenvalue_weight: float,
                 random_state: int) -> KeyedVectors:
    """U_d * S_d^p of a truncated randomized SVD of M, each component's largest entry positive."""
    from sklearn.utils.extmath import randomized_svd

    U, S, _ = randomized_svd(M, dim, n_iter=7, random_state=random_state)
    U *= np.sign(U[np.abs(U).argmax(axis=0), np.arange(dim)])
    return KeyedVectors(words, (U * S**eigenvalue_weight).astype(np.float32))


def ppmi(X, context_smoothing: float = 0.75) -> sp.csr_matrix:
    """Positive PMI of a cooccurrence matrix, on its nonzeros.

    PMI_ij = log( X_ij * S / (X_i * c_j) ) with X_i = sum_k X_ik, S = sum X, and the context
    distribution smoothed: c_j = S * X_j^a / sum_k X_k^a (a = ``context_smoothing``; 1 = none).
    Negative values are set to 0 (and dropped).
    """
    X = sp.csr_matrix(X, dtype=np.float64)
    total, rows, cols = _margins(X, context_smoothing)
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
    words = list(getattr(vocab, "words", vocab))
    if len(words) != X.shape[0]:
        raise ValueError(f"the vocabulary has {len(words)} words but X has {X.shape[0]} rows")
    if not 1 <= dim < min(X.shape):
        raise ValueError(f"dim must be between 1 and {min(X.shape) - 1}, got {dim}")
    return _svd_vectors(ppmi(X, context_smoothing), words, dim, eigenvalue_weight, random_state)


def pmi_svd(X, vocab, dim: int = 50, add: float | None = None,
            context_smoothing: float = 0.75, eigenvalue_weight: float = 0.5,
            random_state: int = 0, max_words: int = 10_000) -> KeyedVectors:
    """Word vectors from a truncated SVD of the PMI of *every* cell of X + ``add``: U_d * S_d^p.

    PMI_ij = log( (X_ij + add) * S / (X_i * c_j) ), with S, X_i and the smoothed c_j of X
    (as :func:`ppmi`), on the dense V x V matrix: no clipping, and the pairs never seen get the
    lowest values (log of ``add``) instead of PPMI's 0.  A control for PPMI-SVD (notebook 06),
    for small vocabularies only.

    Parameters
    ----------
    X : sparse (V, V)
    vocab : Vocabulary or list of str
    dim, context_smoothing, eigenvalue_weight, random_state : as :func:`ppmi_svd`
    add : float, optional
        Added to every cell before the log (default: the smallest nonzero count of X).
    max_words : int, default 10,000
        The dense matrix takes 8 V^2 bytes: a larger vocabulary is refused.
    """
    words = list(getattr(vocab, "words", vocab))
    X = sp.csr_matrix(X, dtype=np.float64)
    V = X.shape[0]
    if len(words) != V:
        raise ValueError(f"the vocabulary has {len(words)} words but X has {V} rows")
    if V > max_words:
        raise ValueError(f"pmi_svd builds a dense {V:,} x {V:,} matrix ({8 * V * V / 1e9:.1f} "
                         f"GB); it is for vocabularies up to max_words={max_words:,}")
    if not 1 <= dim < V:
        raise ValueError(f"dim must be between 1 and {V - 1}, got {dim}")
    if X.nnz == 0 or X.data.min() <= 0:
        raise ValueError("X must have positive counts")
    add = float(X.data.min()) if add is None else float(add)
    if not add > 0:
        raise ValueError(f"add must be positive (the log of an unseen pair's count), got {add}")
    total, rows, cols = _margins(X, context_smoothing)
    M = np.log((X.toarray() + add) * total / np.outer(rows, cols))
    return _svd_vectors(M, words, dim, eigenvalue_weight, random_state)


# --------------------------------------------------------------------------- notebook 08: cost


def window_pairs(doc_lengths, window: int, dynamic: bool = False) -> float:
    """Number of (centre, context) pairs within ``window`` positions, inside each document.

    Each token is paired with up to ``window`` tokens on each side (both directions count, as
    skip-gram predicts every context of every centre): a document of length L gives
    2 * sum_{d=1..window} max(L - d, 0) pairs.  With ``dynamic=True`` the window of each centre
    is drawn uniformly from 1..window, as word2vec and gensim do, and the *expected* count is
    returned: distance d is then reached with probability (window - d + 1) / window.

    This is the counter's work per pass (tokens x window) and, times ``negative + 1``, the
    number of dot-product updates of one skip-gram epoch (before subsampling).  Derived in
    notebooks/08_comparison_measured.ipynb.

    Parameters
    ----------
    doc_lengths : array-like of int
        Tokens per document (after out-of-vocabulary tokens are removed).
    window : int
        Maximum distance, >= 1.
    dynamic : bool, default False

    Returns
    -------
    float
    """
    if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 1:
        raise ValueError(f"window must be an int >= 1, got {window!r}")
    lengths = np.asarray(doc_lengths, dtype=np.int64).ravel()
    if lengths.size and lengths.min() < 0:
        raise ValueError("doc_lengths must be >= 0 (tokens per document)")
    d = np.arange(1, window + 1)
    reach = (window - d + 1) / window if dynamic else np.ones(window)
    # for each distance d: max(L - d, 0) summed over documents, via a histogram of lengths
    hist = np.bincount(lengths, minlength=window + 1).astype(np.float64)
    per_d = np.array([(hist[k + 1:] * np.arange(1, len(hist) - k)).sum() for k in d])
    return float(2 * (per_d * reach).sum())


def word2vec_model(docs, vocab, vector_size: int = 50, window: int = 5, negative: int = 5,
                   epochs: int = 5, seed: int = 0, snapshots: list | None = None, **kwargs):
    """The gensim ``Word2Vec`` (skip-gram) itself, trained on ``vocab``'s words, for notebook 08.

    Like :func:`train_word2vec` with a vocabulary, but returns the gensim model, so that it can
    continue on new text (:func:`update_word2vec`).  With ``snapshots`` (a list), the vectors
    after each epoch are appended to it as :class:`KeyedVectors` in ``vocab``'s order: the
    learning curve of one run (gensim's learning rate decays linearly over all ``epochs``).
    Other keyword arguments go to gensim (``sample``, ``alpha``...); ``workers`` defaults to 1.
    """
    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec

    class _Snapshot(CallbackAny2Vec):
        def on_epoch_end(self, model):
            snapshots.append(KeyedVectors(vocab.words,
                                          np.array([model.wv[w] for w in vocab.words])))

    kwargs.setdefault("workers", 1)
    corpus = _filtered(docs, vocab.index)
    model = Word2Vec(vector_size=vector_size, window=window, negative=negative, sg=1,
                     epochs=epochs, min_count=1, seed=seed, hashfxn=_stable_hash, **kwargs)
    n_docs = len(corpus)
    model.build_vocab_from_freq({w: int(c) for w, c in zip(vocab.words, vocab.counts,
                                                            strict=True)}, corpus_count=n_docs)
    model.train(corpus, total_examples=n_docs, epochs=epochs,
                callbacks=[_Snapshot()] if snapshots is not None else ())
    return model


def update_word2vec(model, docs, epochs: int | None = None, min_count: int = 1):
    """Continue training a gensim Word2Vec on new documents, adding their new words.

    gensim's vocabulary update (``build_vocab(update=True)``): words seen ``min_count`` times in
    ``docs`` and unknown to the model get fresh random vectors; then ``epochs`` passes (default:
    the model's) over ``docs`` only, the learning rate restarting from ``alpha``.  Returns the
    model (changed in place).
    """
    docs = [list(d) for d in docs]
    if not docs:
        raise ValueError("docs is empty: give the new documents as lists of tokens")
    import logging

    model.build_vocab(docs, update=True, min_count=min_count)
    # gensim warns that the learning rate restarts above where the first training ended: that
    # restart is the point of continuing on new text, so the warning is silenced here
    log = logging.getLogger("gensim.models.word2vec")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        model.train(docs, total_examples=len(docs), epochs=epochs or model.epochs)
    finally:
        log.setLevel(level)
    return model


def power_law_crossover(x, y1, y2) -> float:
    """Where two power laws fitted to (x, y1) and (x, y2) cross: the x with y1(x) = y2(x).

    Each curve is fitted as log y = a + b log x (least squares).  Returns ``inf`` when the fitted
    lines are parallel (they never cross).  Used in notebook 08 for the corpus size at which
    GloVe's and Word2Vec's training costs are equal; outside the measured x it extrapolates.
    """
    x, y1, y2 = (np.asarray(a, dtype=np.float64) for a in (x, y1, y2))
    if not (x.shape == y1.shape == y2.shape) or x.size < 2:
        raise ValueError("x, y1 and y2 must have the same length, at least 2")
    if min(x.min(), y1.min(), y2.min()) <= 0:
        raise ValueError("power laws need positive x and y")
    b1, a1 = np.polyfit(np.log(x), np.log(y1), 1)
    b2, a2 = np.polyfit(np.log(x), np.log(y2), 1)
    if np.isclose(b1, b2, rtol=0, atol=1e-12):
        return float("inf")
    return float(np.exp((a2 - a1) / (b1 - b2)))
