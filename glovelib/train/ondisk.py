"""Training from a cooccurrence matrix on disk (:class:`glovelib.cooccur.ondisk.BlockedMatrix`).

:meth:`glovelib.GloVe.fit` given a matrix on disk trains it through :class:`DiskEntries`, the
twin of :class:`glovelib.train.schedule.BlockedEntries` that holds the parameters, their AdaGrad
sums and a few blocks of one stratum at a time instead of all entries: the same draws, the same
order in every block, the same updates -- the vectors of the same fit in memory, bit for bit.
:func:`fit_memory` is what a fit holds whatever the matrix; :func:`measure_fit` measures the peak
of a fit in a fresh process (notebook 03 calls both as ``gl.ondisk.fit_memory`` and
``gl.ondisk.measure_fit``).  The format of the folder and its writing are in
:mod:`glovelib.cooccur.ondisk`.  Derived in notebook 03.
"""

from __future__ import annotations

import json
import math
import os
import tempfile

import numba
import numpy as np

from ..cooccur.ondisk import RECORD, BlockedMatrix
from . import kernels as K
from .schedule import epoch_draws

__all__ = ["DiskEntries", "fit_memory", "measure_fit", "BATCH_BYTES"]

BATCH_BYTES = 64 << 20  # default working memory of a fit from disk beside the parameters


def fit_memory(n_words: int, vector_size: int, dtype="float32") -> int:
    """Bytes a fit holds whatever the matrix: W, W~, b, b~, their AdaGrad sums, and the
    block-order copy of both that an epoch trains (the same in memory and from disk)."""
    per_word = (2 * vector_size + 2) * np.dtype(dtype).itemsize
    return 4 * n_words * per_word


# --------------------------------------------------------------------------- training


@numba.njit(cache=True, nogil=True, parallel=True)
def _to_entries(rec, slots, x_max, alpha, out):
    """Records (word ids, count) -> the training's entries (slots, log x, f(x)), as
    :func:`glovelib.train.kernels._fill_blocked` computes them."""
    for k in numba.prange(rec.shape[0]):
        x = rec[k]["x"]
        out[k]["i"] = slots[rec[k]["i"]]
        out[k]["j"] = slots[rec[k]["j"]]
        out[k]["logx"] = math.log(x)
        out[k]["fx"] = (x / x_max) ** alpha if x < x_max else 1.0


@numba.njit(cache=True, nogil=True, error_model="numpy", parallel=True)
def _train_group(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, bounds, gids, seeds, lr, clip,
                 losses, skipped):
    """Blocks ``gids`` of one stratum (disjoint rows of W and W~) on the threads; block t is
    entries[bounds[t]:bounds[t + 1]], shuffled by seeds[g] as in memory."""
    for t in numba.prange(gids.shape[0]):
        g = gids[t]
        K._shuffle_block(entries, bounds[t], bounds[t + 1], seeds[g])
        losses[g], skipped[g] = K._updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries,
                                           bounds[t], bounds[t + 1], lr, clip)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _train_group_serial(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries, bounds, gids, seeds, lr,
                        clip, losses, skipped):
    """:func:`_train_group` on one thread."""
    for t in range(gids.shape[0]):
        g = gids[t]
        K._shuffle_block(entries, bounds[t], bounds[t + 1], seeds[g])
        losses[g], skipped[g] = K._updates(W, Wc, b, bc, sqW, sqWc, sqb, sqbc, entries,
                                           bounds[t], bounds[t + 1], lr, clip)


class DiskEntries:
    """Epochs over a :class:`BlockedMatrix`: the twin of
    :class:`glovelib.train.schedule.BlockedEntries` that holds a few blocks of one stratum at a
    time (``batch_bytes`` of entries, at least one block per thread) instead of all entries.  The
    same draws from ``rng``, the same order in every block, the same updates: the same bits."""

    def __init__(self, matrix: BlockedMatrix, x_max: float, alpha: float, dtype,
                 batch_bytes: int = BATCH_BYTES):
        self.matrix = matrix
        self.n_blocks = matrix.n_blocks
        self.n_entries = matrix.nnz
        self.x_max, self.alpha = float(x_max), float(alpha)
        self.dtype = K.entry_dtype(dtype)
        self.words = np.argsort(matrix.word_blocks, kind="stable").astype(np.int32)
        self.slots = np.empty_like(self.words)
        self.slots[self.words] = np.arange(len(self.words), dtype=np.int32)
        self.batch_bytes = int(batch_bytes)

    def chunks(self, size: int = 1 << 16):
        """The entries in file order (the in-memory order), ``size`` at a time (a little at a
        time: each chunk is read and converted): for the divergence check's yardsticks."""
        for rec in self.matrix.chunks(size):
            out = np.empty(len(rec), dtype=self.dtype)
            _to_entries(rec, self.slots, self.x_max, self.alpha, out)
            yield out

    def _groups(self, gids: list[int], n_threads: int) -> list[list[int]]:
        per_entry = RECORD.itemsize + self.dtype.itemsize
        starts = self.matrix.block_starts
        groups, current, size = [], [], 0
        for g in gids:
            n = int(starts[g + 1] - starts[g])
            if current and len(current) >= n_threads and (size + n) * per_entry > self.batch_bytes:
                groups.append(current)
                current, size = [], 0
            current.append(g)
            size += n
        if current:
            groups.append(current)
        return groups

    def _load(self, group: list[int]) -> tuple[np.ndarray, np.ndarray]:
        starts = self.matrix.block_starts
        sizes = [int(starts[g + 1] - starts[g]) for g in group]
        bounds = np.zeros(len(group) + 1, dtype=np.int64)
        np.cumsum(sizes, out=bounds[1:])
        entries = np.empty(int(bounds[-1]), dtype=self.dtype)
        for t, g in enumerate(group):
            rec = self.matrix.block(g)  # mapped only while converted
            _to_entries(rec, self.slots, self.x_max, self.alpha, entries[bounds[t]:bounds[t + 1]])
            del rec
        return entries, bounds

    def epoch(self, weights, sums, rng: np.random.RandomState, learning_rate: float,
              grad_clip: float, n_threads: int) -> tuple[float, int]:
        """One epoch in place, as :meth:`glovelib.train.schedule.BlockedEntries.epoch`."""
        B = self.n_blocks
        order, seeds = epoch_draws(B, rng)
        losses = np.zeros(B * B)
        skipped = np.zeros(B * B, dtype=np.int64)
        arrays = (*weights, *sums)
        local = [a[self.words] for a in arrays]
        numba.set_num_threads(n_threads)
        kernel = _train_group_serial if n_threads == 1 else _train_group
        for s in range(B):
            for group in self._groups([r * B + int(order[s, r]) for r in range(B)], n_threads):
                entries, bounds = self._load(group)
                with numba.parallel_chunksize(1):
                    kernel(*local, entries, bounds, np.asarray(group, dtype=np.int64), seeds,
                           float(learning_rate), float(grad_clip), losses, skipped)
                del entries
        for a, trained in zip(arrays, local, strict=True):
            a[self.words] = trained
        return float(losses.sum()), int(skipped.sum())


# --------------------------------------------------------------------------- measuring

_MEASURE = """
import json, resource, sys, warnings
import numpy as np
import glovelib as gl
from glovelib.cooccur import ondisk

folder, where, batch, out, params = sys.argv[1:6]
M = ondisk.BlockedMatrix(folder)
X = M.to_csr() if where == "memory" else M  # the fit in memory is given X in memory
model = gl.GloVe(**{**json.loads(params), "epochs": 1})
model.disk_batch_bytes = int(batch)
tiny = np.ones((2, 2))  # compile (or load) the kernels on a tiny matrix first
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    model.fit(tiny if where == "memory" else
              ondisk.write_matrix(tiny, out + ".tiny", np.zeros(2, dtype=np.int32)))
def peak():  # the resident peak so far (VmHWM), in bytes
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak to what is resident now
except OSError:
    pass
base = peak()
model = gl.GloVe(**json.loads(params))
model.disk_batch_bytes = int(batch)
model.fit(X)
np.save(out, model.W_)
print(peak() - base)
"""


def measure_fit(matrix: BlockedMatrix, where: str, batch_bytes: int = BATCH_BYTES,
                **params) -> tuple[int, np.ndarray]:
    """Fit ``GloVe(**params)`` on ``matrix`` in a fresh process, from disk (``where="disk"``) or
    from the same matrix loaded in memory beforehand (``"memory"``); returns (the peak resident
    bytes the fit added, by the process's own measure, and W).

    The measure is Linux's VmHWM, reset just before the fit (``/proc/self/clear_refs``): it
    counts what the fit holds -- entries, parameters, mapped blocks -- beside what the process
    held already (the interpreter, the kernels, and for ``"memory"`` the matrix itself).  Large
    arrays are given back to the system when freed (``MALLOC_MMAP_THRESHOLD_``), so that memory
    freed before the fit does not hide what it allocates.
    """
    import subprocess
    import sys

    if where not in ("disk", "memory"):
        raise ValueError(f"where must be 'disk' or 'memory', got {where!r}")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "W.npy")
        result = subprocess.run([sys.executable, "-c", _MEASURE, str(matrix.path), where,
                                 str(int(batch_bytes)), out, json.dumps(params)],
                                capture_output=True, text=True,
                                env={**os.environ, "MALLOC_MMAP_THRESHOLD_": "131072"})
        if result.returncode:
            raise RuntimeError(f"the measured fit failed: {result.stderr.strip()[-500:]}")
        return int(result.stdout.split()[-1]), np.load(out)
