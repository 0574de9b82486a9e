"""Benchmark: GloVe training speed (entry updates per second), scaling, and memory.

On two matrices (window 15, min_count 5, x_max 10, float32):

* the Wikipedia sample's (real text: ~9k words, ~3.2M nonzeros; frequent words in most entries);
* the text8-sized synthetic Zipf corpus's (~73k words, ~74M nonzeros) -- ``--skip-large`` leaves
  it out (counting takes ~30 s, an epoch 10-30 s).

For d = 50 and 100 it prints, all measured in this run (the machine may be shared: every speed-up
is the median of paired ratios, the two sides timed alternately, never a single pair):

* the blocked schedule (the default) on 1 thread, its speed and ratio against "shuffle" (the
  serial full-shuffle kernel, equal to the NumPy reference);
* 2 threads against 1 thread, blocked: whole fits (which include preparing the entries, serial
  work that an epoch does not repeat), and the epochs alone ("2 / 1 epoch": the epoch loop over
  entries prepared once, what a long training sees);
* the reference C ``glove`` (``--cglove``, default /work/cglove/build/glove) on 1 thread, fed the
  same cooccurrences in its binary format, entries in random order as its ``shuffle`` tool
  leaves them; its time includes reading the file and writing the vectors.  Without the binary
  the benchmark says so and compares with the serial kernel only.

Then ``--sweep`` times the blocked schedule on 1 thread for several block counts B (how
:func:`glovelib.train.schedule.auto_blocks` was chosen), and the large matrix's peak RSS of a fit
(in a fresh process) is printed beside the size of its entries.  Each timing is a whole
``GloVe.fit`` (entry preparation included) after a warm-up that loads the compiled kernels.

``--quality`` only compares the schedules' results instead: on the Wikipedia sample at the demo's
settings (d 50, x_max 10, 15 epochs), WordSim-353 and analogy accuracy of the blocked schedule and
of the serial full-shuffle kernel (the oracle), each the mean of 3 seeds.  (The test suite runs
the same comparison at 10 epochs, to stay within its time budget.)

    nice python benchmarks/bench_train.py [--epochs 3] [--pairs 5] [--skip-large] [--sweep]
        [--large-pairs 3] [--dims 50,100] [--no-c-large]
    python benchmarks/bench_train.py --quality [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

import glovelib as gl


def timed_fit(X, **kwargs) -> float:
    start = time.perf_counter()
    gl.GloVe(x_max=10.0, random_state=0, **kwargs).fit(X)
    return time.perf_counter() - start


def paired(X, a: dict, b: dict, pairs: int) -> tuple[float, float, float]:
    """Median seconds of a and of b, and the median of the paired ratios t_b / t_a (a's speed-up
    over b), a and b timed alternately so that a slow spell of the machine hits both sides."""
    ta, tb = [], []
    for k in range(pairs):
        for side, times in ((a, ta), (b, tb))[:: 1 if k % 2 == 0 else -1]:
            times.append(timed_fit(X, **side))
    ta, tb = np.array(ta), np.array(tb)
    return float(np.median(ta)), float(np.median(tb)), float(np.median(tb / ta))


def stratum_balance(X, n_blocks: int, threads: int = 2, seed: int = 0) -> float:
    """The work of an epoch over what ``threads`` threads spend when each stratum waits for its
    slowest thread (blocks taken in row-block order by the least-loaded thread): 1.0 is perfect
    balance.  Counted from the block sizes, not timed: the same on every machine."""
    coo = sp.coo_matrix(X)
    blocks = gl.train.schedule.word_blocks(X.shape[0], n_blocks, seed)
    sizes = np.zeros((n_blocks, n_blocks))
    np.add.at(sizes, (blocks[coo.row], blocks[coo.col]), 1)
    spent = 0.0
    for row in gl.train.schedule.strata(n_blocks, seed):
        loads = np.zeros(threads)
        for r in range(n_blocks):
            loads[np.argmin(loads)] += sizes[r, row[r]]
        spent += loads.max()
    return float(sizes.sum() / threads / spent)


def epoch_ratio(X, dim: int, pairs: int) -> float:
    """Median over pairs of (1-thread epoch seconds) / (2-thread epoch seconds), blocked, on
    entries prepared once: the same epochs a fit runs, without the serial preparation."""
    V = X.shape[0]
    rng = np.random.RandomState(0)
    S = gl.train.schedule
    blocks = S.word_blocks(V, S.auto_blocks(V, dim, 4), rng)
    data = S.BlockedEntries(gl.train.check_matrix(X), blocks, 10.0, 0.75, np.float32)
    weights = gl.objective.init_weights(V, dim, rng, np.float32).arrays()
    sums = [np.ones_like(a) for a in weights]
    ratios = []
    for k in range(pairs):
        seconds = {}
        for threads in ((1, 2) if k % 2 == 0 else (2, 1)):
            start = time.perf_counter()
            data.epoch(weights, sums, rng, 0.05, 100.0, threads)
            seconds[threads] = time.perf_counter() - start
        ratios.append(seconds[1] / seconds[2])
    return float(np.median(ratios))


def cglove_seconds(binary: Path, X, dim: int, epochs: int) -> float:
    """Seconds of the reference C glove on one thread over X's entries (random order)."""
    coo = sp.coo_matrix(X)
    rec = np.empty(coo.nnz, dtype=[("w1", "<i4"), ("w2", "<i4"), ("val", "<f8")])
    order = np.random.default_rng(0).permutation(coo.nnz)
    rec["w1"], rec["w2"], rec["val"] = coo.row[order] + 1, coo.col[order] + 1, coo.data[order]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rec.tofile(tmp / "cooc.bin")
        del rec, order
        (tmp / "vocab.txt").write_text("".join(f"w{i} {X.shape[0] - i}\n"
                                               for i in range(X.shape[0])))
        cmd = [str(binary), "-input-file", str(tmp / "cooc.bin"), "-vocab-file",
               str(tmp / "vocab.txt"), "-save-file", str(tmp / "vectors"), "-threads", "1",
               "-iter", str(epochs), "-vector-size", str(dim), "-x-max", "10", "-binary", "0",
               "-write-header", "0", "-verbose", "0", "-model", "2"]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


PEAK = """
import sys, resource, numpy as np, scipy.sparse as sp, glovelib as gl
X = sp.load_npz(sys.argv[1]).tocsr()
gl.GloVe(vector_size=4, epochs=1, schedule=sys.argv[2]).fit(X[:300, :300])  # compile / load
rss = lambda key: int(next(l for l in open('/proc/self/status') if l.startswith(key)).split()[1])
before = rss('VmRSS:')
gl.GloVe(vector_size=50, x_max=10.0, epochs=1, random_state=0, schedule=sys.argv[2]).fit(X)
print(before * 1024, rss('VmHWM:') * 1024)
"""


def peak_rss(X, schedule: str) -> tuple[int, int]:
    """(RSS with X loaded, peak RSS) in bytes of a fresh process that fits X for one epoch."""
    with tempfile.TemporaryDirectory() as tmp:
        sp.save_npz(Path(tmp) / "X.npz", X, compressed=False)
        out = subprocess.run([sys.executable, "-c", PEAK, str(Path(tmp) / "X.npz"), schedule],
                             check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def matrix(corpus, min_count: int = 5, window: int = 15):
    vocab = gl.Vocabulary.build(corpus, min_count=min_count)
    return gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window)


def quality(seeds: int) -> None:
    """Mean WordSim-353 and analogy accuracy over seeds, blocked against the serial kernel."""
    corpus = gl.datasets.wikipedia_sample()
    vocab = gl.Vocabulary.build(corpus, min_count=5)
    X = matrix(corpus)
    print(f"Wikipedia sample, d 50, x_max 10, 15 epochs; means of seeds 0..{seeds - 1}")
    print(f"{'schedule':<10}{'WordSim-353':>12}{'analogies %':>12}   per seed (WordSim-353)")
    for name in ("blocked", "shuffle"):
        sims, accs = [], []
        for seed in range(seeds):
            kv = gl.GloVe(vector_size=50, x_max=10.0, epochs=15, random_state=seed,
                          schedule=name).fit(X).to_keyed_vectors(vocab)
            sims.append(gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path()).spearman)
            accs.append(gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
                        .accuracy)
        print(f"{name:<10}{np.mean(sims):>12.3f}{100 * np.mean(accs):>12.2f}   "
              + " ".join(f"{v:.3f}" for v in sims), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3, help="epochs per timing (1 on the large)")
    ap.add_argument("--pairs", type=int, default=5, help="paired timings per ratio (3 on large)")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--skip-small", action="store_true", help="leave out the Wikipedia sample")
    ap.add_argument("--large-pairs", type=int, default=3, help="paired timings on the large")
    ap.add_argument("--dims", default="50,100", help="vector sizes, comma-separated")
    ap.add_argument("--c-large", action=argparse.BooleanOptionalAction, default=True,
                    help="run the C glove on the large matrix too (writes a 1.2 GB file)")
    ap.add_argument("--sweep", action="store_true", help="time B = 4 ... 256 on one thread")
    ap.add_argument("--cglove", type=Path, default=Path("/work/cglove/build/glove"))
    ap.add_argument("--quality", action="store_true",
                    help="compare the schedules' vectors (3 seeds, 15 epochs) instead of timing")
    ap.add_argument("--seeds", type=int, default=3, help="seeds for --quality")
    args = ap.parse_args()
    if args.quality:
        quality(args.seeds)
        return
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")), platform.processor())
    print(f"CPU: {cpu}, {os.cpu_count()} cores (shared machine: ratios are paired, same run)")
    has_c = args.cglove.is_file() and os.access(args.cglove, os.X_OK)
    if not has_c:
        print(f"reference C glove not found at {args.cglove}: compared with the serial kernel only")
    elif not args.c_large:
        print("C glove on the large matrix skipped (--no-c-large)")
    problems = [] if args.skip_small else [("wikipedia", gl.datasets.wikipedia_sample(),
                                             args.epochs, args.pairs)]
    if not args.skip_large:
        problems.append(("zipf 73k", gl.LineCorpus(gl.datasets.zipf_corpus()), 1,
                         args.large_pairs))
    gl.GloVe(vector_size=4, epochs=1, n_threads=2).fit(sp.random(50, 50, 0.3, format="csr"))
    gl.GloVe(vector_size=4, epochs=1, schedule="shuffle").fit(sp.random(50, 50, 0.3, format="csr"))
    print(f"\n{'matrix':<10}{'words':>7}{'nonzeros':>12}{'d':>4}{'B':>5}{'1 thr M/s':>10}"
          f"{'x shuffle':>10}{'2 thr M/s':>10}{'2 / 1':>7}{'epoch':>7}{'C M/s':>7}{'x C':>6}")
    for name, corpus, epochs, pairs in problems:
        X = matrix(corpus)
        upd = epochs * X.nnz
        for dim in map(int, args.dims.split(",")):
            B = gl.train.schedule.auto_blocks(X.shape[0], dim, 4)
            one = dict(vector_size=dim, epochs=epochs)
            t1, ts, vs_shuffle = paired(X, one, {**one, "schedule": "shuffle"}, pairs)
            t2, t1b, two_one = paired(X, {**one, "n_threads": 2}, one, pairs)
            per_epoch = epoch_ratio(X, dim, max(pairs, 3) * epochs)
            balance = stratum_balance(X, B)
            if has_c and (args.c_large or name == "wikipedia"):
                tc = cglove_seconds(args.cglove, X, dim, epochs)
                c = f"{upd / tc / 1e6:>7.2f}{tc / t1:>6.1f}"
            else:
                c = f"{'-':>7}{'-':>6}"
            print(f"{name:<10}{X.shape[0]:>7,}{X.nnz:>12,}{dim:>4}{B:>5}{upd / t1 / 1e6:>10.2f}"
                  f"{vs_shuffle:>10.2f}{upd / t2 / 1e6:>10.2f}{two_one:>7.2f}{per_epoch:>7.2f}{c}"
                  f"   (strata balanced to {balance:.3f} on 2 threads)", flush=True)
        if args.sweep:
            line = f"  B sweep, d=50, 1 thread, M/s ({name}):"
            for b in (4, 8, 16, 32, 64, 128, 256):
                if b <= X.shape[0]:
                    t = min(timed_fit(X, vector_size=50, epochs=epochs, n_blocks=b)
                            for _ in range(2))
                    line += f"  B={b}: {upd / t / 1e6:.2f}"
            print(line, flush=True)
        if name != "wikipedia":
            size = X.nnz * gl.train.entry_dtype(np.float32).itemsize
            for schedule in ("blocked", "shuffle"):
                before, peak = peak_rss(X, schedule)
                print(f"  {schedule}: peak RSS of a fit on {name}, d=50: {peak / 2**30:.2f} GiB; "
                      f"{(peak - before) / 2**30:.2f} GiB above the loaded matrix; entries "
                      f"{size / 2**30:.2f} GiB (x{(peak - before) / size:.2f})", flush=True)
        del X
    if shutil.which("lscpu"):
        info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
        print("\n" + "\n".join(ln for ln in info if ln.split(":")[0] in
                               ("Model name", "CPU(s)", "L2 cache", "L3 cache", "Flags")
                               and not ln.startswith("Flags")))


if __name__ == "__main__":
    main()
