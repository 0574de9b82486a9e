"""GloVe beyond one machine, on a Dask cluster (``dask.distributed``): counting as a map-reduce,
training by the blocked schedule (DSGD, Gemulla et al. 2011).

One kernel, several drivers, the same bits out.  Nothing here computes a count or an update: the
tasks call the kernels that run on one machine, and this module only decides where they run and
what moves between workers.

* :func:`vocabulary_on_cluster` -- word counts per shard of documents, summed by word; the same
  :class:`glovelib.Vocabulary` as ``Vocabulary.build`` on the whole corpus.
* :func:`count_on_cluster` -- each task counts one shard of documents with
  :func:`glovelib.count_cooccurrences`, exactly as one machine does (windows never cross a
  document, so shards add up), and splits its nonzeros by row ranges; one reduce task per row range
  sums equal (i, j) keys.  The sums are exact: one machine counts integer multiples of 1/L
  (L = lcm(1..window)) and divides once; here every shard's multiples are recovered exactly,
  summed as int64 and divided once -- the same matrix, bit for bit.
* :func:`fit_on_cluster` -- the blocked schedule of :mod:`glovelib.train.schedule` with the
  words' row blocks on the workers: row block r (its entries, its rows of W, b and their AdaGrad
  sums) lives on worker r mod n, for the whole fit.  In stratum s it trains block
  (r, strata[s, r]) with :func:`glovelib.train.kernels._block`, the function every thread runs on
  one machine, after receiving that column block's rows of W~, b~ and their sums; only column
  blocks move.  The blocks of a stratum share no parameter, so with the same seed and B the
  vectors and the losses are bit-identical to ``GloVe(...).fit`` on one machine, for any number
  of workers.

Blocks are handed to the workers as arrays (``Client.scatter``), from one function that cuts a row
block out of :class:`glovelib.train.schedule.BlockedEntries`: reading them from an on-disk blocked
layout instead changes that function only.

A worker that leaves the cluster during a fit makes the fit **fail** with a ``RuntimeError`` that
names it (the row blocks it held are gone; no vectors are returned).  The fit does not resume by
itself: start it again (deterministic with a seed), or train on one machine.

Derived in notebooks/09_beyond_one_machine.ipynb.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._progress import Progress
from .cooccur import _check_int, _increments, count_cooccurrences
from .corpus import Vocabulary
from .train import GloVe
from .train import kernels as K
from .train import schedule as S
from .train.entries import check_matrix
from .train.state import divergence

__all__ = ["vocabulary_on_cluster", "count_on_cluster", "fit_on_cluster", "ClusterLog",
           "column_bytes", "expected_moves", "transferred_bytes", "worker_addresses"]

_POLL = 0.25  # seconds between checks that the workers of a fit are still there


def worker_addresses(client) -> list[str]:
    """The addresses of the cluster's workers now, sorted, asked of the scheduler.

    (The client's ``scheduler_info()`` is a cache that a periodic refresh may leave without
    workers: a fit that read it would see its workers vanish.)"""
    try:
        identity = client.scheduler.identity  # an RPC: every worker, fresh
    except AttributeError:
        raise TypeError(f"client must be a distributed.Client, got {type(client).__name__}") \
            from None
    return sorted(client.sync(identity)["workers"])


def _client_workers(client, workers) -> list[str]:
    """The worker addresses to use, sorted (so that the placement is reproducible)."""
    present = worker_addresses(client)
    if workers is None:
        chosen = present
    else:
        chosen = sorted(workers)
        missing = [w for w in chosen if w not in present]
        if missing:
            raise ValueError(f"workers {missing} are not in the cluster; it has {present}")
    if not chosen:
        raise ValueError("the cluster has no workers: start some (LocalCluster(n_workers=2)) "
                         "or wait for them (client.wait_for_workers(2))")
    return chosen


def _check_shards(shards) -> list:
    if isinstance(shards, str | bytes) or not hasattr(shards, "__len__"):
        raise TypeError("shards must be a list of shards (each a list of documents)")
    shards = list(shards)
    if not shards:
        raise ValueError("no shards: pass at least one shard of documents")
    return shards


def _gather(client, futures, what: str):
    """Wait for ``futures`` and return their results; a lost worker is a clear error."""
    try:
        return client.gather(futures)
    except (ValueError, TypeError, FloatingPointError):  # bad input, raised by a task: as is
        raise
    except Exception as exc:  # noqa: BLE001 - a lost worker, a cancelled task: say what failed
        raise RuntimeError(f"{what} failed on the cluster: {type(exc).__name__}: {exc}") from exc


def transferred_bytes(client) -> int:
    """Bytes the workers have fetched from each other so far, as Dask counts them (its size of
    each object; the workers' logs of incoming transfers, summed; what the client scatters or
    gathers is not in it)."""
    def fetched(dask_worker) -> int:
        return sum(int(t["total"]) for t in dask_worker.transfer_incoming_log)

    return int(sum(client.run(fetched).values()))


# --------------------------------------------------------------------------- vocabulary


def _count_words(docs) -> Counter:
    from .corpus import count_words

    return count_words(docs)


def _add_counters(counters) -> Counter:
    total: Counter = Counter()
    for c in counters:
        total.update(c)
    return total


def vocabulary_on_cluster(client, shards, min_count: int = 1,
                          max_size: int | None = None) -> Vocabulary:
    """The vocabulary of a corpus counted on a cluster: word counts per shard, summed by word.

    Parameters
    ----------
    client : distributed.Client
    shards : list of lists of token lists
        The corpus cut into shards of whole documents (each a list of tokens).
    min_count, max_size
        As in :meth:`glovelib.Vocabulary.build`.

    Returns
    -------
    Vocabulary
        Equal to ``Vocabulary.build`` on the documents of all shards, in order.
    """
    shards = _check_shards(shards)
    min_count = _check_int("min_count", min_count, 1)
    if max_size is not None:
        max_size = _check_int("max_size", max_size, 1)
    import dask

    scattered = client.scatter(shards, hash=False)  # held until the end: the tasks read them
    parts = [dask.delayed(_count_words)(s) for s in scattered]
    total = dask.delayed(_add_counters)(parts)
    counter = _gather(client, client.compute(total), "counting words")
    del scattered
    # from_counts orders by count then word: the order of the shards' counters does not matter
    return Vocabulary.from_counts(list(counter), list(counter.values()), min_count, max_size)


# --------------------------------------------------------------------------- counting


def _count_shard(shard, vocab_size: int, window: int, symmetric: bool, weighting: bool,
                 scale: float, bounds: np.ndarray):
    """Count one shard as one machine does; return its nonzeros as (keys i * V + j, int64
    multiples of 1/L) split by the row ranges ``bounds`` (one part per reduce task)."""
    try:
        X = count_cooccurrences(shard, vocab_size, window, symmetric, weighting, n_threads=1)
    except ValueError as exc:
        if "corpus is empty" not in str(exc):
            raise
        X = sp.csr_matrix((vocab_size, vocab_size))  # an empty shard adds nothing
    rows = np.repeat(np.arange(vocab_size, dtype=np.int64), np.diff(X.indptr))
    keys = rows * vocab_size + X.indices
    if scale == 1.0:  # float sums (very long windows) or plain counts: the values as they are
        vals = X.data
    else:
        # X.data = fl(n / L) for integers n below 2^52: rint recovers n, and n is the only
        # integer that divides back to the same float (checked, not assumed)
        vals = np.rint(X.data * scale).astype(np.int64)
        if vals.size and (vals.max() >= 2**52 or not np.array_equal(vals / scale, X.data)):
            raise ValueError("a shard's counts are too large to sum exactly; cut the corpus "
                             "into more shards")
    cuts = np.searchsorted(rows, bounds)
    return [(keys[a:b], vals[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def _sum_by_key(*parts):
    """Sum the values of equal keys over the shards' parts of one row range (sorted keys out)."""
    keys = np.concatenate([p[0] for p in parts])
    vals = np.concatenate([p[1] for p in parts])
    order = np.argsort(keys, kind="stable")
    keys, vals = keys[order], vals[order]
    if keys.size == 0:
        return keys, vals
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[first], np.add.reduceat(vals, first)


def count_on_cluster(client, shards, vocab_size: int, window_size: int = 15,
                     symmetric: bool = True, distance_weighting: bool = True,
                     n_partitions: int | None = None) -> sp.csr_matrix:
    """Count the cooccurrence matrix on a cluster: a map-reduce over shards of documents.

    Each shard is counted by a task with :func:`glovelib.count_cooccurrences` (one thread), its
    nonzeros split into ``n_partitions`` row ranges; task p sums the equal (i, j) keys of range p
    over all shards.  The client assembles the summed ranges, already sorted, into CSR.

    Parameters
    ----------
    client : distributed.Client
    shards : list
        The corpus cut into shards of whole documents: each shard is what
        :func:`glovelib.count_cooccurrences` takes (a list of id arrays, one per document).
        Windows never cross a document, so the shards' counts add up to the corpus's.
    vocab_size, window_size, symmetric, distance_weighting
        As in :func:`glovelib.count_cooccurrences`.
    n_partitions : int, optional
        Row ranges summed by separate reduce tasks; default: the number of workers.

    Returns
    -------
    scipy.sparse.csr_matrix of float64, shape (V, V)
        Bit for bit ``count_cooccurrences`` of all the shards' documents, in order.  (For
        windows so long that one machine sums in float64, above 25 words or so, the sums
        agree to round-off only.)
    """
    vocab_size = _check_int("vocab_size", vocab_size, 1)
    window = _check_int("window_size", window_size, 1)
    shards = _check_shards(shards)
    workers = _client_workers(client, None)
    n_parts = len(workers) if n_partitions is None else _check_int("n_partitions",
                                                                   n_partitions, 1)
    n_parts = min(n_parts, vocab_size)
    incr, scale = _increments(window, bool(distance_weighting))
    bounds = np.arange(n_parts + 1, dtype=np.int64) * vocab_size // n_parts
    import dask

    count = dask.delayed(_count_shard, nout=n_parts)
    scattered = client.scatter(shards, hash=False)  # held until the end: the tasks read them
    counted = [count(s, vocab_size, window, bool(symmetric), bool(distance_weighting), scale,
                     bounds) for s in scattered]
    summed = [dask.delayed(_sum_by_key)(*(c[p] for c in counted)) for p in range(n_parts)]
    parts = _gather(client, client.compute(summed), "counting cooccurrences")
    del scattered
    keys = np.concatenate([k for k, _ in parts])
    vals = np.concatenate([v for _, v in parts])
    data = vals / scale if incr.dtype == np.int64 and scale != 1.0 else vals.astype(np.float64)
    indptr = np.searchsorted(keys, np.arange(vocab_size + 1, dtype=np.int64) * vocab_size)
    indices = (keys - np.repeat(np.arange(vocab_size, dtype=np.int64), np.diff(indptr)) *
               vocab_size).astype(np.int32)
    if indptr[-1] < 2**31:
        indptr = indptr.astype(np.int32)
    X = sp.csr_matrix((data.astype(np.float64), indices, indptr), shape=(vocab_size, vocab_size))
    X.has_sorted_indices = True
    return X


# --------------------------------------------------------------------------- training


def _row_block(data: S.BlockedEntries, first: np.ndarray, r: int) -> tuple[np.ndarray,
                                                                           np.ndarray]:
    """Row block r's entries (its B blocks in column order) and their bounds, with i and j
    counted from the first slot of their row and column block: what worker r trains.

    The one place that reads the blocked entries: an on-disk layout would be read here."""
    B = data.n_blocks
    lo, hi = data.starts[r * B], data.starts[(r + 1) * B]
    entries = data.entries[lo:hi].copy()
    starts = data.starts[r * B:(r + 1) * B + 1] - lo
    entries["i"] -= first[r]
    for c in range(B):
        entries["j"][starts[c]:starts[c + 1]] -= first[c]
    return entries, starts


def _install(state: dict) -> dict:
    """The row state as the worker keeps it: writable arrays (received ones may be read-only)."""
    return {k: np.require(v, requirements=["C", "W"]) if isinstance(v, np.ndarray) else v
            for k, v in state.items()}


def _train_block(row: dict, col: tuple, after, c: int, seed: int, lr: float, clip: float):
    """Train block (r, c) on the worker holding row block r: the row state in place, a new column
    state out.  ``after`` is the row's previous task (it orders the in-place updates)."""
    Wc, bc, sqWc, sqbc = (np.array(a, copy=True) for a in col)  # the input stays as received
    B = len(row["starts"]) - 1
    losses = np.zeros(B)
    skipped = np.zeros(B, dtype=np.int64)
    K._block(row["W"], Wc, row["b"], bc, row["sqW"], sqWc, row["sqb"], sqbc, row["entries"],
             row["starts"], c, seed, lr, clip, losses, skipped)
    row["losses"][c] = losses[c]
    row["skipped"][c] = skipped[c]
    row["col_largest"] = float(np.max([np.abs(Wc).max(initial=0.0), np.abs(bc).max()]))
    return Wc, bc, sqWc, sqbc


def _row_stats(row: dict, after) -> tuple[np.ndarray, np.ndarray, float]:
    """The row's losses and skipped entries of the epoch (then reset), and the largest
    parameter of its rows and of the column block it trained last."""
    out = (row["losses"].copy(), row["skipped"].copy(),
           float(np.max([np.abs(row["W"]).max(initial=0.0), np.abs(row["b"]).max(),
                         row["col_largest"]])))
    row["losses"][:] = 0.0
    row["skipped"][:] = 0
    return out


def _row_params(row: dict, after) -> tuple:
    return row["W"], row["b"], row["sqW"], row["sqb"]


def expected_moves(n_blocks: int, n_workers: int) -> float:
    """Column blocks that travel to another worker in one epoch, on average: B (B + 1)(1 - 1/n).

    Row block r lives on worker r mod n; a column block moves when the row block it is trained
    with next lives on another worker: with probability 1 - 1/n in an epoch's first stratum
    (a fresh Latin square), B (1 - 1/n) / (B - 1) in the others (the next row block is one of
    the B - 1 others).  For n dividing B; the epoch that places the blocks moves none."""
    B, n = int(n_blocks), int(n_workers)
    return B * (B + 1) * (1 - 1 / n)


def column_bytes(n_words: int, n_blocks: int, vector_size: int, itemsize: int) -> float:
    """Bytes of one column block's state, on average: its rows of W~ and their AdaGrad sums
    (2 d numbers per word) and of b~ and its sum (2 per word)."""
    return n_words / n_blocks * (2 * vector_size + 2) * itemsize


@dataclass
class ClusterLog:
    """What a cluster fit moved and trained, per epoch (``model.cluster_log_``).

    Attributes
    ----------
    workers : list of str
        Worker addresses; row block r lived on ``workers[r % len(workers)]``.
    n_blocks : int
    moved_blocks, moved_bytes : list of int
        Per epoch, column blocks that went to another worker, and their bytes (W~, b~ and their
        sums), counted from the placement of the tasks.
    stratum_bytes : list of list of int
        Per epoch and stratum, the bytes of column blocks that moved before it.
    stratum_updates : list of list of int
        Per epoch and stratum, the entry updates it trained (the entries of its B blocks).
    updates : int
        Entry updates per epoch (the nonzeros), each worker's share ``updates_per_worker``.
    seconds : list of float
        Wall-clock time of each epoch (from the end of the previous one: the next epoch is
        queued while one finishes).
    """

    workers: list
    n_blocks: int
    updates: int
    updates_per_worker: list
    moved_blocks: list = field(default_factory=list)
    moved_bytes: list = field(default_factory=list)
    stratum_bytes: list = field(default_factory=list)
    stratum_updates: list = field(default_factory=list)
    seconds: list = field(default_factory=list)


def fit_on_cluster(client, X, model: GloVe | None = None, *, workers=None,
                   **params) -> GloVe:
    """Fit GloVe on a Dask cluster: the blocked schedule with worker r holding row block r.

    Parameters
    ----------
    client : distributed.Client
        Connected to a ``LocalCluster`` or a real scheduler (``Client("tcp://host:8786")``); its
        workers must be able to import glovelib (the same version as here).
    X : scipy.sparse matrix (V, V)
        Cooccurrence counts (:func:`count_on_cluster` or :func:`glovelib.count_cooccurrences`).
    model : GloVe, optional
        The hyperparameters (``schedule`` must be "blocked"; ``n_threads`` only sets the threads
        that cut the entries into blocks here).  Default: ``GloVe(**params)``.
    workers : list of str, optional
        Addresses of the workers to use (default: all, sorted); row block r goes to
        ``workers[r % len(workers)]``.
    **params
        Hyperparameters of a new GloVe, when ``model`` is not given.

    Returns
    -------
    GloVe
        ``model``, fitted: the vectors, losses, AdaGrad sums and generator are those of
        ``model.fit(X)`` on one machine, bit for bit, for any number of workers; it saves, loads
        and continues with ``partial_fit`` on one machine.  ``model.cluster_log_``
        (:class:`ClusterLog`) tells what moved.

    Raises
    ------
    ValueError, TypeError
        As :meth:`GloVe.fit`, and for a schedule other than "blocked" or unknown workers.
    FloatingPointError
        If training diverges (as on one machine).
    RuntimeError
        If a worker leaves the cluster (or a task fails) during the fit: it fails, and does not
        resume; fit again.
    """
    if model is None:
        model = GloVe(**params)
    elif params:
        raise TypeError("pass either a model or hyperparameters, not both")
    if not isinstance(model, GloVe):
        raise TypeError(f"model must be a glovelib.GloVe, got {type(model).__name__}")
    model._validate()
    if model.schedule != "blocked":
        raise ValueError(f"a cluster trains by blocks: schedule must be 'blocked', got "
                         f"{model.schedule!r}")
    addresses = _client_workers(client, workers)
    X = check_matrix(X)
    model._forget()
    rows: list = []
    cols: list = []
    last: list = []
    progress = Progress(model.epochs, bool(model.verbose))
    try:
        _fit(client, X, model, addresses, rows, cols, last, progress)
    except BaseException:
        model._forget()  # no half-trained vectors left behind
        raise
    finally:
        progress.close()
        client.cancel([f for f in (*rows, *cols, *last) if f is not None])  # frees the workers
    return model


def _fit(client, X, model: GloVe, addresses: list, rows: list, cols: list, last: list,
         progress: Progress) -> None:
    """The body of :func:`fit_on_cluster`; ``rows``, ``cols`` and ``last`` are filled with the
    futures it makes, for the caller to cancel."""
    from sklearn.utils import check_random_state  # imported when needed: ~40 MB

    V = X.shape[0]
    model._init_state(V, check_random_state(model.random_state))
    B = model._wanted_blocks(V)
    model._blocks = S.word_blocks(V, B, model._rng)
    dtype = np.dtype(model.dtype)
    data = S.BlockedEntries(X, model._blocks, model.x_max, model.alpha, dtype,
                            S.usable_threads(int(model.n_threads)))
    n = model.n_entries_ = data.n_entries
    check = divergence(data.chunks(), n)
    first = np.zeros(B + 1, dtype=np.int64)
    np.cumsum(np.bincount(model._blocks, minlength=B), out=first[1:])
    words = data.words
    arrays = model.weights_.arrays()  # W, W~, b, b~ (id order)
    owner = [addresses[r % len(addresses)] for r in range(B)]

    def rows_of(a, r):
        return a[words[first[r]:first[r + 1]]]

    # scatter: row block r to its worker; column block c to the worker that trains it first
    per_row = []
    for r in range(B):
        entries, starts = _row_block(data, first, r)
        per_row.append(len(entries))
        state = {"W": rows_of(arrays[0], r), "b": rows_of(arrays[2], r),
                 "sqW": rows_of(model._sq[0], r), "sqb": rows_of(model._sq[2], r),
                 "entries": entries, "starts": starts, "losses": np.zeros(B),
                 "skipped": np.zeros(B, dtype=np.int64), "col_largest": 0.0}
        [scattered] = client.scatter([state], workers=[owner[r]], hash=False)
        rows.append(client.submit(_install, scattered, workers=[owner[r]],
                                  allow_other_workers=False, pure=False))
        del scattered
    block_sizes = np.diff(data.starts).reshape(B, B)  # entries of block (r, c)
    del data  # the workers hold the entries now
    n_rows = np.diff(first)
    log = ClusterLog(workers=addresses, n_blocks=B, updates=n,
                     updates_per_worker=[int(sum(per_row[r] for r in range(B)
                                                 if owner[r] == a)) for a in addresses])
    # placement of the column blocks: a column block is where it was last trained
    cols.extend([None] * B)
    where = [None] * B
    lr, clip = float(model.learning_rate), float(model.grad_clip)
    last.extend(rows)  # each row's latest task: the next one runs after it
    def submit_epoch(epoch: int) -> dict:
        """Submit one epoch: its B^2 trainings and the B tasks that collect its losses."""
        order, seeds = S.epoch_draws(B, model._rng)  # the same draws as one machine
        if epoch == 0:
            for c in range(B):
                r0 = int(np.flatnonzero(order[0] == c)[0])
                col = (rows_of(arrays[1], c), rows_of(arrays[3], c),  # W~, b~,
                       rows_of(model._sq[1], c), rows_of(model._sq[3], c))  # their sums
                [cols[c]] = client.scatter([col], workers=[owner[r0]], hash=False)
                where[c] = owner[r0]
        moved_blocks, per_stratum = 0, []
        for s in range(B):
            stratum_bytes = 0
            for r in range(B):
                c = int(order[s, r])
                if where[c] != owner[r]:
                    moved_blocks += 1
                    stratum_bytes += int(n_rows[c]) * (2 * model.vector_size + 2) * \
                        dtype.itemsize
                out = client.submit(_train_block, rows[r], cols[c], last[r], c,
                                    int(seeds[r * B + c]), lr, clip, workers=[owner[r]],
                                    allow_other_workers=False, pure=False)
                last[r] = cols[c] = out
                where[c] = owner[r]
            per_stratum.append(stratum_bytes)
        stats = [client.submit(_row_stats, rows[r], last[r], workers=[owner[r]],
                               allow_other_workers=False, pure=False) for r in range(B)]
        last[:] = stats
        return {"stats": stats, "moved_blocks": moved_blocks, "stratum_bytes": per_stratum,
                "stratum_updates": [int(block_sizes[np.arange(B), order[s]].sum())
                                    for s in range(B)]}

    # One epoch ahead: the next epoch's tasks are queued while this one's losses come back, so
    # that the workers do not idle at the barrier (its draws do not depend on the results; if
    # this epoch diverges, the next is cancelled unseen).
    t0 = time.perf_counter()
    queued = [submit_epoch(0)]
    for epoch in range(model.epochs):
        if epoch + 1 < model.epochs:
            queued.append(submit_epoch(epoch + 1))
        done = queued.pop(0)
        results = _wait(client, done["stats"], addresses, epoch + 1)
        losses = np.concatenate([res[0] for res in results])  # g = r * B + c
        skipped = int(np.concatenate([res[1] for res in results]).sum())
        largest = float(np.max([res[2] for res in results]))
        log.moved_blocks.append(done["moved_blocks"])
        log.moved_bytes.append(sum(done["stratum_bytes"]))
        log.stratum_bytes.append(done["stratum_bytes"])
        log.stratum_updates.append(done["stratum_updates"])
        log.seconds.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _end_epoch(model, float(losses.sum()), skipped, n, check, largest)
        progress.update(model.epochs_trained_, model.loss_history_[-1])
    # the parameters come home: row blocks and column blocks, in id order
    params = _wait(client, [client.submit(_row_params, rows[r], last[r], workers=[owner[r]],
                                          allow_other_workers=False, pure=False)
                            for r in range(B)] + cols, addresses, model.epochs_trained_)
    for r in range(B):
        W, b, sqW, sqb = params[r]
        ids = words[first[r]:first[r + 1]]
        arrays[0][ids], arrays[2][ids], model._sq[0][ids], model._sq[2][ids] = W, b, sqW, sqb
    for c in range(B):
        Wc, bc, sqWc, sqbc = params[B + c]
        ids = words[first[c]:first[c + 1]]
        arrays[1][ids], arrays[3][ids] = Wc, bc
        model._sq[1][ids], model._sq[3][ids] = sqWc, sqbc
    model.cluster_log_ = log


def _end_epoch(model: GloVe, total: float, skipped: int, n: int, check, largest: float) -> None:
    """:meth:`GloVe._end_epoch` with the largest parameter measured on the workers."""
    epoch_loss = total / max(n - skipped, 1)
    model.epochs_trained_ += 1
    problem = check(epoch_loss, skipped, [np.array([largest])])
    if problem:
        raise FloatingPointError(f"training diverged at epoch {model.epochs_trained_} "
                                 f"({problem}); try a smaller learning_rate (now "
                                 f"{model.learning_rate}) or grad_clip")
    model.loss_history_.append(epoch_loss)


def _wait(client, futures, addresses: list, epoch: int):
    """The results of ``futures``; if one of ``addresses`` leaves the cluster first, cancel and
    raise a RuntimeError (the row blocks it held are lost, and nothing else holds them)."""
    from distributed import wait

    def failed(cause: str) -> RuntimeError:
        client.cancel(futures)
        return RuntimeError(f"{cause} during epoch {epoch}: the fit failed and returns nothing "
                            "(the row blocks a worker held are not kept anywhere else).  Fit "
                            "again (with a seed the result is the same), or on one machine")

    def gone() -> list[str]:
        present = set(worker_addresses(client))
        return [a for a in addresses if a not in present]

    while True:
        try:
            wait(futures, timeout=_POLL)
            break
        except TimeoutError:
            lost = gone()
            if lost:
                raise failed(f"worker {', '.join(lost)} left the cluster") from None
        except Exception as exc:  # noqa: BLE001 - Dask cancelled what depended on a lost worker
            lost = gone()
            cause = (f"worker {', '.join(lost)} left the cluster" if lost else
                     f"the cluster cancelled the fit's tasks ({type(exc).__name__})")
            raise failed(cause) from exc
    return _gather(client, futures, f"the fit (epoch {epoch})")
