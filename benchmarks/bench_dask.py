"""Benchmark: training on a Dask cluster (glovelib.cluster) against the threaded fit, per epoch,
and the bytes that move between workers beside the formula that predicts them.

A ``LocalCluster`` of 2 worker processes (1 thread each) on this machine; the threaded fit uses
2 threads in one process: the same cores, the same blocked schedule, the same B and seed -- and
the same vectors, bit for bit (checked here).  What the cluster adds is the per-task overhead of
Dask (B^2 tasks an epoch, one barrier), the column blocks' trips between processes and a
gather of the losses per epoch.

Per epoch: the threaded fit's epoch is (fit of 1 + k epochs - fit of 1 epoch) / k; the cluster's
the median of its epochs 2 .. 1 + k (its set-up, cutting and scattering the row blocks, is
printed apart).  The two sides are timed alternately, ``--pairs`` times; the ratio printed is
the median of the pairs' ratios.  Bytes per epoch:
the column blocks that went to another worker (counted from the placement), what Dask's workers
logged as fetched from each other, and the formula

    (B + 1)(1 - 1/n) x V (2 d + 2) x itemsize   (B (B + 1)(1 - 1/n) moves of V/B rows: a column
        block moves when its next row block lives on another of n workers, 1 - 1/n in an epoch's
        first stratum, B (1 - 1/n) / (B - 1) in the others, whose row block is another one)

Matrices: the Wikipedia sample's (default; ~9k words, ~3.2M nonzeros) or, with ``--zipf
TOKENS``, the synthetic Zipf corpus of that many tokens (17005207 gives the text8-sized 73.9M
nonzeros of bench_train.py; it needs several GB and minutes).

    nice python benchmarks/bench_dask.py [--zipf TOKENS] [--dim 50] [--epochs 3] [--pairs 3]
                                         [--blocks B]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import time

import numpy as np

import glovelib as gl
from glovelib import cluster


def matrix(corpus, min_count: int = 5, window: int = 15):
    vocab = gl.Vocabulary.build(corpus, min_count=min_count)
    return gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window)


def fit_seconds(X, epochs: int, **params) -> tuple[float, gl.GloVe]:
    t = time.perf_counter()
    model = gl.GloVe(epochs=epochs, **params).fit(X)
    return time.perf_counter() - t, model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--zipf", type=int, default=0, help="tokens of a synthetic Zipf corpus")
    ap.add_argument("--dim", type=int, default=50)
    ap.add_argument("--epochs", type=int, default=3, help="epochs timed (after one)")
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--blocks", type=int, default=0,
                    help="B for both sides (default: the threaded fit's own, auto_blocks); "
                         "with it the threaded fit at its own B is timed too, as a second "
                         "baseline")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")), platform.processor())
    print(f"CPU: {cpu}, {os.cpu_count()} cores (shared machine: ratios are paired, same run)")
    if args.zipf:
        name = f"zipf {args.zipf:,} tokens"
        X = matrix(gl.LineCorpus(gl.datasets.zipf_corpus(n_tokens=args.zipf)))
    else:
        name = "Wikipedia sample"
        X = matrix(gl.datasets.wikipedia_sample())
    V, d = X.shape[0], args.dim
    params = dict(vector_size=d, x_max=10.0, random_state=0, n_threads=2)
    auto_B = gl.train.schedule.auto_blocks(V, d, 4)
    B = args.blocks or auto_B
    params["n_blocks"] = B
    print(f"{name}: {V:,} words, {X.nnz:,} nonzeros, d = {d}, B = {B} (the threaded fit's own: "
          f"{auto_B}), float32")

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as lc, \
            Client(lc) as client:
        small = X[:200, :200].tocsr()
        cluster.fit_on_cluster(client, small, epochs=1, vector_size=4, n_blocks=4)  # warm-up
        gl.GloVe(vector_size=4, epochs=1, n_threads=2).fit(small)

        threaded, clustered, ratios, own, own_ratios = [], [], [], [], []
        for _ in range(args.pairs):  # the two sides alternately: a shared machine's load drifts
            t_one, _ = fit_seconds(X, 1, **params)
            t_many, one_machine = fit_seconds(X, 1 + args.epochs, **params)
            threaded.append((t_many - t_one) / args.epochs)
            if B != auto_B:
                own_params = {**params, "n_blocks": auto_B}
                own.append((fit_seconds(X, 1 + args.epochs, **own_params)[0]
                            - fit_seconds(X, 1, **own_params)[0]) / args.epochs)
            before = cluster.transferred_bytes(client)
            t = time.perf_counter()
            model = cluster.fit_on_cluster(client, X, epochs=1 + args.epochs, **params)
            total = time.perf_counter() - t
            fetched = (cluster.transferred_bytes(client) - before) / (1 + args.epochs)
            clustered.append(statistics.median(model.cluster_log_.seconds[1:]))
            ratios.append(clustered[-1] / threaded[-1])
            if own:
                own_ratios.append(clustered[-1] / own[-1])
    log = model.cluster_log_
    same = all(np.array_equal(a, b) for a, b in zip(model.weights_.arrays(),
                                                   one_machine.weights_.arrays(), strict=True))
    assert same and model.loss_history_ == one_machine.loss_history_, "not bit-identical"
    t_thr, t_clu = statistics.median(threaded), statistics.median(clustered)
    print(f"vectors and losses bit-identical to the threaded fit: {same}")
    print(f"epoch, threaded fit (2 threads, 1 process):  {t_thr:7.3f} s  "
          f"({X.nnz / t_thr / 1e6:.1f} M updates/s)")
    print(f"epoch, cluster (2 worker processes):         {t_clu:7.3f} s  "
          f"({X.nnz / t_clu / 1e6:.1f} M updates/s); cluster / threaded, median of {args.pairs} "
          f"pairs: {statistics.median(ratios):.2f}x (each: "
          + ", ".join(f"{r:.2f}" for r in ratios) + ")")
    if own:
        print(f"epoch, threaded fit at its own B = {auto_B}:      {statistics.median(own):7.3f} s;"
              f" cluster at B = {B} / threaded at B = {auto_B}: "
              f"{statistics.median(own_ratios):.2f}x (each: "
              + ", ".join(f"{r:.2f}" for r in own_ratios) + ")")
    print(f"cluster set-up (cut and scatter the row blocks, gather the vectors): "
          f"{total - sum(log.seconds):.2f} s")
    formula = (B + 1) * (1 - 1 / 2) * V * (2 * d + 2) * 4
    print(f"bytes moved per epoch: {np.mean(log.moved_bytes) / 1e6:.2f} MB by the placement "
          f"({np.mean(log.moved_blocks):.1f} of {B * B} column blocks), {fetched / 1e6:.2f} MB "
          f"fetched as Dask counts it; formula (B+1)(1-1/n) V (2d+2) 4 = {formula / 1e6:.2f} MB")
    print(f"  against {X.nnz:,} updates an epoch: {np.mean(log.moved_bytes) / X.nnz:.2f} bytes "
          f"moved per update")


if __name__ == "__main__":
    main()
