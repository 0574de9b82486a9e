"""Benchmark: text to cooccurrence matrix, glovelib's command line against the reference C tools.

The input is generated: the Wikipedia sample (gensim's test data, ~453k tokens) repeated
``--copies`` times (default 10: ~4.5M tokens, 34k words at min-count 5).  Three tables:

1. where the time goes, in process, per stage (read, to bytes, tokenize, look up, count, write),
   for both tokenizers;
2. what each command costs before it reads (Python, imports, Numba loading its cached kernels);
3. end to end, each command in its own process (imports included), median of ``--runs`` runs:
   ``vocab_count -min-count 5`` then ``cooccur -memory 4 -window-size 15`` against
   ``python -m glovelib vocab --min-count 5`` then ``python -m glovelib cooccur --window 15
   --max-memory 4GB`` (the same budget),
   with each step's peak RSS; the ratios are against C measured in the same run;
4. with ``--pipeline``, text to vectors, median of ``--runs`` runs: the reference demo's four
   commands (``vocab_count``, ``cooccur -memory 4``, ``shuffle -memory 4``, ``glove -threads 2
   -iter 15 -x-max 10 -vector-size 50``) against ``python -m glovelib train --threads 2`` (the
   same settings; it also evaluates), each step's seconds and the pipeline's peak RSS.

    python benchmarks/bench_text.py [--copies 10] [--runs 3] [--cglove /work/cglove/build]
                                    [--pipeline]

Timings on a shared machine are noisy: compare the ratios, not the seconds, between runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _child  # benchmarks/_child.py
import numpy as np
import scipy.sparse as sp

import glovelib as gl
from glovelib.corpus import kernels as _tk
from glovelib.corpus import reader


def _run(cmd: list[str], stdin=None, stdout=None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one child process (its own, not this process's)."""
    return _child.run(cmd, stdin, stdout)


def profile(path: Path, tokenizer, folder: Path) -> dict[str, float]:
    """Seconds per stage, in process (Numba already compiled and loaded)."""
    times = {}
    mode = reader._mode(tokenizer)
    t = time.perf_counter()
    chunks = list(reader.iter_chunks(path))
    times["read (decode UTF-8)"] = time.perf_counter() - t
    t = time.perf_counter()
    bufs = [reader._chunk_bytes(chunk, mode) for chunk in chunks]
    times["to bytes (words: NFC, lower case)"] = time.perf_counter() - t
    bounds = np.empty((max(len(b) for b, _ in bufs) // 2 + 1, 2), dtype=np.int64)
    t = time.perf_counter()
    n_tokens = sum(_tk.tokens(buf, mode, table, bounds) for buf, table in bufs)
    times["tokenize (kernel)"] = time.perf_counter() - t
    del chunks, bufs, bounds
    t = time.perf_counter()
    scan = reader.scan_ids(path, tokenizer)
    times["read + tokenize + look up + count words"] = time.perf_counter() - t
    t = time.perf_counter()
    vocab = gl.Vocabulary.from_counts(scan.words, scan.counts, min_count=5)
    position = {w: i for i, w in enumerate(scan.words)}
    table = np.full(len(scan.words), -1, dtype=np.int32)
    table[[position[w] for w in vocab.words]] = np.arange(len(vocab), dtype=np.int32)
    docs = reader.remap(scan.docs, table)
    times["vocabulary + remap ids"] = time.perf_counter() - t
    t = time.perf_counter()
    for _ in reader.encode_file(path, vocab.index, tokenizer):
        pass
    times["read + encode with the vocabulary (cooccur)"] = time.perf_counter() - t
    t = time.perf_counter()
    X = gl.count_cooccurrences(docs, len(vocab), window_size=15)
    times["count (ids in memory)"] = time.perf_counter() - t
    for compressed in (False, True):
        t = time.perf_counter()
        sp.save_npz(folder / f"x{int(compressed)}.npz", X, compressed=compressed)
        times[f"write npz{' (zlib)' if compressed else ''}"] = time.perf_counter() - t
        t = time.perf_counter()
        sp.load_npz(folder / f"x{int(compressed)}.npz")
        times[f"read npz{' (zlib)' if compressed else ''}"] = time.perf_counter() - t
    times["npz MB"] = (folder / "x0.npz").stat().st_size / 1e6
    times["npz (zlib) MB"] = (folder / "x1.npz").stat().st_size / 1e6
    times["tokens (millions)"] = n_tokens / 1e6
    return times


def startup(runs: int) -> dict[str, float]:
    """Seconds a command spends before its first chunk: Python, imports, loading the cached kernels
    (Numba's first call in a process), as medians of fresh processes."""
    code = ("import time; t = time.perf_counter(); import glovelib.__main__; from glovelib.corpus "
            "import reader; t1 = time.perf_counter(); reader._Words.of({'a': 0}); "
            "print(t1 - t, time.perf_counter() - t1)")
    out = {"python": [], "import glovelib": [], "first kernel call": []}
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t
        imp, first = map(float, r.stdout.split())
        out["python"].append(wall - imp - first)
        out["import glovelib"].append(imp)
        out["first kernel call"].append(first)
    return {k: statistics.median(v) for k, v in out.items()}


def end_to_end(path: Path, folder: Path, cglove: Path, runs: int) -> dict[str, list]:
    rows: dict[str, list] = {"C": [], "whitespace": [], "words": []}
    py = [sys.executable, "-m", "glovelib"]
    for _ in range(runs):
        with open(path, "rb") as fin, open(folder / "c_vocab.txt", "wb") as fout:
            s1, m1 = _run([str(cglove / "vocab_count"), "-min-count", "5", "-verbose", "0"],
                          fin, fout)
        with open(path, "rb") as fin, open(folder / "c_cooc.bin", "wb") as fout:
            s2, m2 = _run([str(cglove / "cooccur"), "-memory", "4", "-window-size", "15",
                           "-vocab-file", str(folder / "c_vocab.txt"), "-verbose", "0"],
                          fin, fout)
        rows["C"].append((s1, s2, max(m1, m2)))
        for tok in ("whitespace", "words"):
            s1, m1 = _run(py + ["vocab", str(path), "-o", str(folder / f"{tok}.vocab"),
                                "--min-count", "5", "--tokenizer", tok, "--quiet"])
            s2, m2 = _run(py + ["cooccur", str(path), "--vocab", str(folder / f"{tok}.vocab"),
                                "-o", str(folder / f"{tok}.npz"), "--window", "15",
                                "--max-memory", "4GB", "--tokenizer", tok, "--quiet"])
            rows[tok].append((s1, s2, max(m1, m2)))
    return rows


def pipeline(path: Path, folder: Path, cglove: Path, runs: int) -> dict[str, list]:
    """Text to vectors: C's four commands against ``python -m glovelib train``, alternated."""
    rows: dict[str, list] = {"C": [], "glovelib": []}
    vocab, cooc, shuf = folder / "p_vocab.txt", folder / "p_cooc.bin", folder / "p_shuf.bin"
    for _ in range(runs):
        steps = []
        with open(path, "rb") as fin, open(vocab, "wb") as fout:
            steps.append(_run([str(cglove / "vocab_count"), "-min-count", "5", "-verbose", "0"],
                              fin, fout))
        with open(path, "rb") as fin, open(cooc, "wb") as fout:
            steps.append(_run([str(cglove / "cooccur"), "-memory", "4", "-window-size", "15",
                               "-vocab-file", str(vocab), "-verbose", "0"], fin, fout))
        with open(cooc, "rb") as fin, open(shuf, "wb") as fout:
            steps.append(_run([str(cglove / "shuffle"), "-memory", "4", "-verbose", "0"],
                              fin, fout))
        steps.append(_run([str(cglove / "glove"), "-input-file", str(shuf), "-vocab-file",
                           str(vocab), "-save-file", str(folder / "p_c_vectors"), "-threads",
                           "2", "-iter", "15", "-x-max", "10", "-vector-size", "50", "-binary",
                           "0", "-verbose", "0"]))
        rows["C"].append(steps)
        rows["glovelib"].append([_run([sys.executable, "-m", "glovelib", "train", str(path),
                                       "-o", str(folder / "p_gl"), "--threads", "2",
                                       "--tokenizer", "whitespace", "--quiet"])])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cglove", default="/work/cglove/build")
    ap.add_argument("--pipeline", action="store_true",
                    help="also text to vectors: the demo's four C commands against "
                         "python -m glovelib train (15 epochs, 2 threads)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-text-") as tmp:
        folder = Path(tmp)
        path = folder / "wiki.txt"
        text = gl.datasets.wikipedia_sample().path.read_bytes()
        path.write_bytes(text * args.copies)
        gl.count_cooccurrences([np.arange(3, dtype=np.int32)], 3)  # compile outside the timings
        reader.scan_ids(gl.datasets.wikipedia_sample().path, "words")
        print(f"input: {path.stat().st_size / 1e6:.1f} MB, {args.copies} copies of the "
              "Wikipedia sample\n\n## where the time goes (in process, seconds)\n")
        prof = {tok: profile(path, tok, folder) for tok in (None, "words")}
        print("| stage | whitespace | words |\n|---|---|---|")
        for stage in prof[None]:
            print(f"| {stage} | {prof[None][stage]:.2f} | {prof['words'][stage]:.2f} |")
        print("\n## each command's start (seconds, median of fresh processes)\n")
        print("| python | import glovelib | first kernel call |\n|---|---|---|")
        print("| " + " | ".join(f"{v:.2f}" for v in startup(max(3, args.runs)).values()) + " |")
        cglove = Path(args.cglove)
        if not (cglove / "cooccur").exists():
            print(f"\nno C tools in {cglove}: build stanfordnlp/GloVe there to compare")
            return
        rows = end_to_end(path, folder, cglove, args.runs)
        print(f"\n## end to end, median of {args.runs} runs (ratio against C in the same run)\n")
        print("| tool | vocabulary s | cooccurrences s | total s | x C | peak RSS MB |")
        print("|---|---|---|---|---|---|")
        for name, r in rows.items():
            v, c = statistics.median(x[0] for x in r), statistics.median(x[1] for x in r)
            total = statistics.median(a + b for a, b, _ in r)
            ratio = statistics.median((a + b) / (ca + cb)  # paired: same run, same load
                                      for (a, b, _), (ca, cb, _) in zip(r, rows["C"], strict=True))
            peak = max(x[2] for x in r)
            print(f"| {name} | {v:.2f} | {c:.2f} | {total:.2f} | {ratio:.2f} | "
                  f"{peak:.0f} |")
        if not args.pipeline:
            return
        rows = pipeline(path, folder, cglove, args.runs)
        print(f"\n## text to vectors, median of {args.runs} runs (15 epochs, 2 threads, d 50, "
              "x_max 10)\n")
        print("| tool | seconds per step | total s | x C | peak RSS MB (per step) | peak MB |")
        print("|---|---|---|---|---|---|")
        totals = {name: [sum(s for s, _ in run) for run in r] for name, r in rows.items()}
        for name, r in rows.items():
            per_step = " + ".join(f"{statistics.median(run[k][0] for run in r):.2f}"
                                  for k in range(len(r[0])))
            peaks = [max(run[k][1] for run in r) for k in range(len(r[0]))]
            ratio = statistics.median(a / c for a, c in zip(totals[name], totals["C"],
                                                            strict=True))
            print(f"| {name} | {per_step} | {statistics.median(totals[name]):.2f} | "
                  f"{ratio:.2f} | {' / '.join(f'{m:.0f}' for m in peaks)} | {max(peaks):.0f} |")


if __name__ == "__main__":
    main()
