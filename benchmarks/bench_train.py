"""Benchmark: GloVe training speed, in entry updates per second.

For d = 50 and 100, 1 and 2 threads, float32 and float64, on two matrices (window 15):

* the Wikipedia sample's (min_count 5: ~9k words, ~3.2M nonzeros);
* the text8-sized synthetic corpus's (min_count 5: ~73k words, ~74M nonzeros), one epoch per
  timing -- pass ``--skip-large`` to leave it out (counting takes ~20 s, an epoch 20-60 s).

Each figure is a whole ``GloVe.fit`` (initialization, entry preparation, and per epoch the
shuffle and the AdaGrad pass) after a warm-up that loads the compiled kernels: the best of
``--repeats`` timings.  The "x 1 thread" column is the median of the
paired ratios (1 and 2 threads timed back to back in each repeat).  The in-run baseline is the
NumPy reference (``objective.adagrad_epoch``) on a small problem: "x NumPy" is glovelib / NumPy.

    python benchmarks/bench_train.py [--epochs 3] [--repeats 5] [--skip-large]

Reference C ``glove`` on this 2-core machine, d = 50: 2.0 M updates/s per thread on the ~9k-word
matrix, 1.3 M/s on the ~74k-word one; two threads ~2x.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import glovelib as gl
from glovelib import objective


def numpy_reference_speed(n_entries: int = 20_000, dim: int = 50) -> float:
    """Entry updates per second of the plain NumPy reference on a small random problem."""
    rng = np.random.default_rng(0)
    V = 2000
    rows, cols = rng.integers(0, V, n_entries), rng.integers(0, V, n_entries)
    x = rng.uniform(0.1, 200.0, n_entries)
    p = objective.init_weights(V, dim, 0)
    sq = objective.Weights(*(np.ones_like(a) for a in p.arrays()))
    t = time.perf_counter()
    objective.adagrad_epoch(p, sq, rows, cols, x, np.arange(n_entries))
    return n_entries / (time.perf_counter() - t)


def speeds(X, dim: int, dtype: str, epochs: int, repeats: int) -> tuple[float, float, float]:
    """Best updates/s with 1 and with 2 threads, and the median of the paired 2/1 ratios.

    1 and 2 threads are timed back to back in every repeat, so that a slow spell of this shared
    machine affects both sides of a ratio.
    """
    models = {t: gl.GloVe(vector_size=dim, n_threads=t, dtype=dtype, random_state=0, epochs=1)
              for t in (1, 2)}
    for m in models.values():
        m.fit(X[:200, :200])  # warm-up: compiles (or loads the cache)
        m.set_params(epochs=epochs)
    times = {1: [], 2: []}
    for _ in range(repeats):
        for t, m in models.items():
            start = time.perf_counter()
            m.fit(X)  # initialization, entry preparation and the epochs
            times[t].append(time.perf_counter() - start)
    ratio = float(np.median(np.array(times[1]) / np.array(times[2])))
    return epochs * X.nnz / min(times[1]), epochs * X.nnz / min(times[2]), ratio


def matrix(corpus, min_count: int = 5, window: int = 15):
    vocab = gl.Vocabulary.build(corpus, min_count=min_count)
    X = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window)
    return vocab, X


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()

    base = numpy_reference_speed()
    print(f"NumPy reference (objective.adagrad_epoch), d=50: {base / 1e3:.1f} k updates/s\n")
    problems = [("wikipedia sample", gl.datasets.wikipedia_sample(), args.repeats)]
    if not args.skip_large:
        problems.append(("synthetic 17M", gl.LineCorpus(gl.datasets.zipf_corpus()), 2))
    epochs = {"wikipedia sample": args.epochs, "synthetic 17M": 1}
    print(f"{'matrix':<18}{'words':>8}{'nonzeros':>12}{'d':>5}{'threads':>8}{'dtype':>9}"
          f"{'M upd/s':>9}{'x 1 thread':>11}{'x NumPy':>9}")
    for name, corpus, repeats in problems:
        vocab, X = matrix(corpus)
        for dim in (50, 100):
            for dtype in ("float32", "float64"):
                one, two, ratio = speeds(X, dim, dtype, epochs[name], repeats)
                for threads, s in ((1, one), (2, two)):
                    print(f"{name:<18}{len(vocab):>8,}{X.nnz:>12,}{dim:>5}{threads:>8}{dtype:>9}"
                          f"{s / 1e6:>9.2f}{(ratio if threads == 2 else 1.0):>11.2f}"
                          f"{s / base:>9.0f}", flush=True)
    print(f"\n{os.cpu_count()} cores.  Reference C glove, d=50: 2.0 M/s per thread (9k words), "
          "1.3 M/s (74k words).")


if __name__ == "__main__":
    main()
