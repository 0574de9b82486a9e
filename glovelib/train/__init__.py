"""Training GloVe: the scikit-learn style :class:`GloVe` estimator (the kernels' wrapper).

Follows the reference C implementation (``glove.c``) and the paper's AdaGrad:

* every parameter, biases included, starts uniform in (-0.5, 0.5) / vector_size; the AdaGrad
  sums of squared steps start at 1;
* per nonzero X_ij: diff = w_i . w~_j + b_i + b~_j - log X_ij, fdiff = f(X_ij) diff; each
  parameter steps by learning_rate * gradient / sqrt(sum of squares), vector gradients clipped to
  +-grad_clip; both vectors' steps use their values from before the update;
* the epoch's reported loss is the mean of 1/2 f diff^2 during the pass; a non-finite diff skips
  the entry, and an epoch that turns non-finite -- or diverges while staying finite -- stops
  training with an error.

Departures: the biases take the learning rate, as in the paper and the 2014 C code (today's C code
forgets it -- notebook 04 shows the difference); the order of the entries changes every epoch,
drawn from the seeded generator (the C code shuffles the file once): by default the conflict-free
blocked schedule of :mod:`glovelib.train.schedule` (the same vectors for any n_threads), or a full
shuffle (serial: equal to the NumPy reference; or hogwild).

The files of this subpackage, in the order a fit meets them:

* ``__init__.py`` (this module): :class:`GloVe` validates the matrix (once, ``entries.py``'s
  :func:`check_matrix`), initializes, hands the matrix to the one object that runs its epochs,
  loops, reports progress and saves;
* ``schedule.py``: the conflict-free blocked schedule (word blocks, strata) and the two objects
  that run epochs in memory, ``BlockedEntries`` (the default) and ``ShuffledEntries`` (the full
  shuffle), each holding the matrix's entries as the kernels read them;
* ``ondisk.py``: ``DiskEntries``, the one for a matrix on disk (a few blocks at a time);
* ``entries.py``: the matrix's check and its entries (i, j, log X_ij, f(X_ij)); the Numba twin
  of the NumPy reference epoch;
* ``kernels.py``: the Numba kernels, one pass over arrays in place;
* ``state.py``: the hyperparameters' checks, the divergence check, save and load.

Derived in notebooks/04_training.ipynb.
"""

from __future__ import annotations

import warnings

import numpy as np

from .._progress import Progress
from ..cooccur.ondisk import BlockedMatrix
from ..objective import Weights, init_weights, loss
from . import schedule as S
from .entries import adagrad_epoch, check_matrix, entry_dtype, prepare_entries
from .ondisk import BATCH_BYTES, DiskEntries
from .state import divergence, load_model, save_model, validate

__all__ = ["GloVe", "adagrad_epoch", "prepare_entries", "entry_dtype"]

_SCHEDULES = ("blocked", "shuffle", "hogwild")


class GloVe:
    """GloVe word vectors trained by AdaGrad on a cooccurrence matrix.

    Parameters
    ----------
    vector_size : int, default 50
        d, the dimension of the vectors.
    x_max : float, default 100
        Counts at or above it get full weight, f = 1.
    alpha : float, default 0.75
        Exponent of the weighting function.
    learning_rate : float, default 0.05
        AdaGrad's initial step.
    epochs : int, default 25
        Passes over the nonzero entries made by :meth:`fit`.
    grad_clip : float, default 100
        Vector gradients are clipped to +-grad_clip.
    dtype : {"float32", "float64"}, default "float32"
        Precision of the parameters (float32 is faster and as accurate for word vectors; see
        benchmarks/bench_train.py; float64 matches the NumPy reference to round-off).
    random_state : int, RandomState or None, default None
        Seeds the initialization, the word blocks and every epoch's order.
    n_threads : int, default 1
        Threads of the "blocked" and "hogwild" schedules; clipped, with a warning, to the threads
        Numba can run (``NUMBA_NUM_THREADS``).  Never changes a "blocked" or "shuffle" result.
    schedule : {"blocked", "shuffle", "hogwild"}, default "blocked"
        "blocked": conflict-free blocks (:mod:`glovelib.train.schedule`); with a seed the same
        vectors and losses for any n_threads.  "shuffle": one full shuffle per epoch on one thread,
        update for update the NumPy reference.  "hogwild": the full shuffle on n_threads threads
        that share the parameters without locks -- results vary from run to run.
    n_blocks : int or None, default None
        B, the blocks per side of the "blocked" grid; None picks it from the vocabulary and d
        (:func:`glovelib.train.schedule.auto_blocks`).
    verbose : bool, default False
        Show progress on stderr: epoch k of n, loss, time left (a tqdm bar if installed).

    Attributes
    ----------
    W_, W_context_ : numpy.ndarray, shape (V, d)
        Word and context vectors.
    b_, b_context_ : numpy.ndarray, shape (V,)
        Their biases.
    loss_history_ : list of float
        Mean 1/2 f diff^2 of each epoch, as the reference prints it.
    epochs_trained_ : int
    n_entries_ : int
        Nonzeros of the training matrix (entry updates per epoch).
    disk_batch_bytes : int, default 64 MiB
        A fit from a matrix on disk (:mod:`glovelib.cooccur.ondisk`) holds about this many bytes of
        entries at once (at least one block per thread), beside the parameters; not a
        hyperparameter (it never changes the result).

    Examples
    --------
    >>> model = GloVe(vector_size=50, epochs=15, random_state=0).fit(X)   # doctest: +SKIP
    >>> kv = model.to_keyed_vectors(vocab)                                 # doctest: +SKIP
    """

    _param_names = ("vector_size", "x_max", "alpha", "learning_rate", "epochs", "grad_clip",
                    "dtype", "random_state", "n_threads", "schedule", "n_blocks",
                    "verbose")  # scikit-learn's "params"

    def __init__(self, vector_size: int = 50, x_max: float = 100.0, alpha: float = 0.75,
                 learning_rate: float = 0.05, epochs: int = 25, grad_clip: float = 100.0,
                 dtype: str = "float32", random_state=None, n_threads: int = 1,
                 schedule: str = "blocked", n_blocks: int | None = None, verbose: bool = False):
        self.vector_size = vector_size
        self.x_max = x_max
        self.alpha = alpha
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.grad_clip = grad_clip
        self.dtype = dtype
        self.random_state = random_state
        self.n_threads = n_threads
        self.schedule = schedule
        self.n_blocks = n_blocks
        self.verbose = verbose

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in self._param_names}

    def set_params(self, **params) -> GloVe:
        for name, value in params.items():
            if name not in self._param_names:
                raise ValueError(f"unknown parameter {name!r}; valid: "
                                 f"{', '.join(self._param_names)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"GloVe({', '.join(f'{k}={getattr(self, k)!r}' for k in self._param_names)})"

    def _validate(self) -> None:
        validate(self, _SCHEDULES)
        if self.n_blocks is not None:
            S.check_blocks(self.n_blocks)

    def fit(self, X) -> GloVe:
        """Initialize and train for ``epochs`` epochs.

        Parameters
        ----------
        X : scipy.sparse matrix (V, V), or :class:`glovelib.cooccur.ondisk.BlockedMatrix`
            Cooccurrence counts, e.g. from :func:`glovelib.count_cooccurrences`; on disk (from
            ``count_cooccurrences(..., out=folder, word_blocks=model.word_blocks(V))``), an epoch
            reads a few blocks of one stratum at a time ("blocked" schedule only): the same
            vectors, bit for bit, as the same fit in memory.

        Returns
        -------
        self

        Raises
        ------
        ValueError, TypeError
            Bad hyperparameters or a matrix that is not square, empty, negative or non-finite.
        FloatingPointError
            If training diverges (the loss or the parameters become nan or inf).
        """
        self._validate()
        self._forget()  # start afresh
        return self.partial_fit(X, self.epochs)

    def partial_fit(self, X, epochs: int = 1) -> GloVe:
        """Train ``epochs`` more epochs from the current state (initializing if not fitted).

        ``fit(X)`` with 10 epochs equals ``fit`` with 5, then ``partial_fit(X, 5)`` -- also across
        :meth:`save` and :meth:`load` -- bit for bit with the serial kernel.
        """
        self._validate()
        if isinstance(epochs, bool) or not isinstance(epochs, int | np.integer) or epochs < 1:
            raise ValueError(f"epochs must be an int >= 1, got {epochs!r}")
        X = _as_matrix(X)
        if not hasattr(self, "W_"):
            from sklearn.utils import check_random_state  # imported when needed: ~40 MB

            self._init_state(X.shape[0], check_random_state(self.random_state))
        elif X.shape[0] != self.W_.shape[0]:
            raise ValueError(f"X is {X.shape[0]} x {X.shape[0]} but the model has "
                             f"{self.W_.shape[0]} words")
        return self._train(X, epochs)

    def _init_state(self, n_vocab: int, rng: np.random.RandomState) -> None:
        dtype = np.dtype(self.dtype)
        p = init_weights(n_vocab, self.vector_size, rng, dtype)
        self.W_, self.W_context_, self.b_, self.b_context_ = p.arrays()
        self._sq = [np.ones_like(a) for a in p.arrays()]  # AdaGrad sums start at 1
        self._rng = rng
        self._blocks = None  # drawn by the first blocked epoch (the full shuffle needs none)
        self.loss_history_ = []
        self.epochs_trained_ = 0

    def word_blocks(self, n_words: int) -> np.ndarray:
        """The block of each word that :meth:`fit` on a matrix of ``n_words`` words draws (the
        "blocked" schedule), without fitting: count to disk in this layout
        (``count_cooccurrences(..., out=folder, word_blocks=...)``) and the fit from the folder
        gives the vectors of the fit in memory.  Needs an int ``random_state`` to be the same
        draw (None: blocks from a fresh generator)."""
        from sklearn.utils import check_random_state  # imported when needed: ~40 MB

        self._validate()
        if not isinstance(self.random_state, int | np.integer | None):
            raise ValueError("word_blocks needs random_state to be an int (or None), got "
                             f"{type(self.random_state).__name__}")
        rng = check_random_state(self.random_state)
        step = 1 << 20  # init_weights' draws, W, W~, b, b~, skipped a chunk at a time
        for n in (n_words * int(self.vector_size),) * 2 + (n_words,) * 2:
            for k in range(0, n, step):
                rng.random_sample(min(step, n - k))
        return S.word_blocks(n_words, self._wanted_blocks(n_words), rng)

    def _wanted_blocks(self, n_vocab: int) -> int:
        if self.n_blocks is None:
            return S.auto_blocks(n_vocab, int(self.vector_size), np.dtype(self.dtype).itemsize)
        return S.check_blocks(self.n_blocks, n_vocab)

    def _train(self, X, epochs: int) -> GloVe:
        dtype = np.dtype(self.dtype)
        if self.W_.dtype != dtype:
            raise ValueError(f"the model was trained in {self.W_.dtype}; dtype={self.dtype!r} "
                             "cannot continue it")
        n_threads = S.usable_threads(int(self.n_threads))
        data = self._epochs(X, dtype, n_threads)
        n = self.n_entries_ = data.n_entries
        check = divergence(data.chunks(), n)  # yardsticks from the entries, then per epoch
        weights = (self.W_, self.W_context_, self.b_, self.b_context_)
        progress = Progress(epochs, bool(self.verbose))
        try:
            for _ in range(epochs):
                total, skipped = data.epoch(weights, self._sq, self._rng,
                                            float(self.learning_rate), float(self.grad_clip),
                                            n_threads)
                self._end_epoch(total, skipped, n, check)
                progress.update(self.epochs_trained_, self.loss_history_[-1])
        finally:
            progress.close()
        return self

    def _epochs(self, X, dtype, n_threads: int):
        """What runs this fit's epochs, holding X's entries as the kernels read them: the
        blocked schedule's :class:`~glovelib.train.schedule.BlockedEntries`, the full shuffle's
        :class:`~glovelib.train.schedule.ShuffledEntries` or, for a matrix on disk,
        :class:`~glovelib.train.ondisk.DiskEntries`.  All three answer ``n_entries``,
        ``chunks()`` and ``epoch(...)``."""
        if not isinstance(X, BlockedMatrix):
            if self.schedule != "blocked":
                return S.ShuffledEntries(X, self.x_max, self.alpha, dtype,
                                         hogwild=self.schedule == "hogwild")
            self._draw_blocks(X.shape[0], self._wanted_blocks(X.shape[0]))
            return S.BlockedEntries(X, self._blocks, self.x_max, self.alpha, dtype, n_threads)
        # on disk: the matrix's word blocks, drawn as in memory
        if self.schedule != "blocked":
            raise ValueError(f"a matrix on disk trains with schedule='blocked' only, not "
                             f"{self.schedule!r}")
        if self.n_blocks is not None and S.check_blocks(self.n_blocks) != X.n_blocks:
            raise ValueError(f"{X.path} is grouped in {X.n_blocks} x {X.n_blocks} blocks; "
                             f"n_blocks={self.n_blocks} cannot train it (use None or "
                             f"{X.n_blocks})")
        self._draw_blocks(X.shape[0], X.n_blocks)
        if not np.array_equal(self._blocks, X.word_blocks):
            warnings.warn(f"{X.path} was grouped for other word blocks than this model draws "
                          f"(made for {X.header.get('blocks_for')}): training follows the "
                          "file's -- a valid schedule, not the vectors of the same fit in memory; "
                          "count with word_blocks=model.word_blocks(V) for those",
                          UserWarning, stacklevel=4)
            self._blocks = X.word_blocks.copy()
        return DiskEntries(X, self.x_max, self.alpha, dtype, self.disk_batch_bytes)

    def _draw_blocks(self, n_words: int, n_blocks: int) -> None:
        """The words' blocks, drawn from the model's generator by the first blocked epoch (in
        memory or from disk alike) and again only if B changes."""
        if self._blocks is None or self._blocks.max() + 1 != n_blocks:
            self._blocks = S.word_blocks(n_words, n_blocks, self._rng)

    disk_batch_bytes = BATCH_BYTES  # a fit from disk: bytes of entries held at once

    def _end_epoch(self, total: float, skipped: int, n: int, check) -> None:
        epoch_loss = total / max(n - skipped, 1)
        self.epochs_trained_ += 1
        problem = check(epoch_loss, skipped, self.weights_.arrays())
        if problem:
            self._forget()
            raise FloatingPointError(f"training diverged at epoch {self.epochs_trained_} "
                                     f"({problem}); try a smaller learning_rate (now "
                                     f"{self.learning_rate}) or grad_clip")
        self.loss_history_.append(epoch_loss)

    def _forget(self) -> None:
        for name in ("W_", "W_context_", "b_", "b_context_", "_sq", "_blocks"):
            self.__dict__.pop(name, None)

    # ------------------------------------------------------------------ use

    def _check_fitted(self) -> None:
        if not hasattr(self, "W_"):
            raise RuntimeError("this GloVe model is not fitted yet: call fit(X) first")

    @property
    def weights_(self) -> Weights:
        """The fitted arrays W, W~, b, b~ as :class:`glovelib.objective.Weights` (views, not
        copies)."""
        self._check_fitted()
        return Weights(self.W_, self.W_context_, self.b_, self.b_context_)

    def loss(self, X) -> float:
        """The exact objective J (with the 1/2) at the current parameters (NumPy reference)."""
        self._check_fitted()
        p = Weights(*(a.astype(np.float64) for a in self.weights_.arrays()))
        X = X.to_csr() if isinstance(X, BlockedMatrix) else check_matrix(X)
        return loss(p, X, self.x_max, self.alpha)

    def vectors(self, combine: str = "sum") -> np.ndarray:
        """The word vectors: "sum" W + W~ (the reference's output), "word" W, "context" W~, or
        "concat" [W, W~]."""
        self._check_fitted()
        if combine == "sum":
            return self.W_ + self.W_context_
        if combine == "word":
            return self.W_.copy()
        if combine == "context":
            return self.W_context_.copy()
        if combine == "concat":
            return np.hstack([self.W_, self.W_context_])
        raise ValueError(f"combine must be 'sum', 'word', 'context' or 'concat', got {combine!r}")

    def to_keyed_vectors(self, vocab, combine: str = "sum"):
        """:class:`glovelib.KeyedVectors` over ``vocab`` (a Vocabulary or list of words)."""
        from ..vectors import KeyedVectors

        self._check_fitted()
        words = list(getattr(vocab, "words", vocab))
        if len(words) != self.W_.shape[0]:
            raise ValueError(f"the vocabulary has {len(words)} words but the model "
                             f"{self.W_.shape[0]}")
        return KeyedVectors(words, self.vectors(combine).astype(np.float32))

    # ------------------------------------------------------------------ persistence

    def save(self, path) -> None:
        """Save hyperparameters and the full training state (parameters, AdaGrad sums, word
        blocks, random generator, loss history) to ``.npz`` without pickle, atomically: on any
        failure ``path`` keeps its previous content.  A ``random_state`` that is a generator
        object is saved as None (with a warning); the generator's state itself is saved."""
        self._check_fitted()
        save_model(self, path)

    @classmethod
    def load(cls, path) -> GloVe:
        """Load a model written by :meth:`save`; :meth:`partial_fit` continues its training.

        Raises
        ------
        ValueError
            If ``path`` is not a complete model saved by :meth:`save` (another file, or one cut
            short).
        """
        return load_model(cls, path)


def _as_matrix(X):
    """A matrix on disk as it is; anything else validated (:func:`check_matrix`)."""
    return X if isinstance(X, BlockedMatrix) else check_matrix(X)
