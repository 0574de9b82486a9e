"""Benchmark: counting cooccurrences on the text8-sized synthetic corpus (window 15).

Prints a table: seconds, tokens/s, nonzeros and peak RSS, for the in-memory counter and for
``max_memory="1GB"``.  Each configuration runs in its own process, so that its peak RSS is its
own, and streams the corpus from the text file (read, split, encode, count) as the reference
``cooccur`` does; the vocabulary (min_count 5) is built once beforehand, as ``vocab_count`` would.
A row counts from ids already in memory (no text reading), to separate the two costs; others
stream through the command line's byte reader (:mod:`glovelib.corpus.reader`), in memory and with
the memory budgets given to the reference C ``cooccur`` (``-memory 4`` and ``-memory 1``, GB), which
runs in the same benchmark when it is built (``--cglove``): its seconds and peak RSS, and each
configuration's time as a ratio of C's with 4 GB.

    python benchmarks/bench_cooccur.py [--tokens 17005207] [--window 15] [--cglove DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import _child  # benchmarks/_child.py

CHILD = r"""
import json, resource, sys, time
import numpy as np
import glovelib as gl
args = json.loads(sys.argv[1])
vocab = gl.Vocabulary.load(args["vocab"])
if args["source"] == "ids":
    docs = [vocab.encode(d) for d in gl.LineCorpus(args["corpus"])]  # all ids in memory first
elif args["source"] == "chunks":  # the command line's reader: chunks of lines, one dict map each
    from glovelib.corpus import reader
    docs = reader.encode_file(args["corpus"], vocab.index)
    # the kernels' first call in a process (Numba loading its registries) is not counting
else:
    docs = (vocab.encode(d) for d in gl.LineCorpus(args["corpus"]))
gl.count_cooccurrences([np.arange(3, dtype=np.int32)], 3)  # compile (cached) outside the timing
if args["source"] == "chunks":
    reader._Words.of({"a": 0})
t = time.perf_counter()
X = gl.count_cooccurrences(docs, len(vocab), window_size=args["window"],
                           max_memory=args["max_memory"])
secs = time.perf_counter() - t
print(json.dumps({"secs": secs, "nnz": int(X.nnz), "sum": float(X.sum()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _c_cooccur(cglove: str, corpus: str, window: int, memory: float, tmp: str) -> dict:
    """Seconds and peak RSS of the reference ``cooccur`` (its vocabulary made beforehand)."""
    vocab = os.path.join(tmp, "c_vocab.txt")
    if not os.path.exists(vocab):
        with open(corpus, "rb") as fin, open(vocab, "wb") as fout:
            subprocess.run([os.path.join(cglove, "vocab_count"), "-min-count", "5", "-verbose",
                            "0"], stdin=fin, stdout=fout, check=True)
    with open(corpus, "rb") as fin, open(os.path.join(tmp, "c.bin"), "wb") as fout:
        secs, peak_mb = _child.run([os.path.join(cglove, "cooccur"), "-memory", str(memory),
                                    "-window-size", str(window), "-vocab-file", vocab,
                                    "-verbose", "0", "-overflow-file",
                                    os.path.join(tmp, "overflow")], stdin=fin, stdout=fout)
    return {"secs": secs, "nnz": None, "sum": None, "peak_mb": peak_mb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tokens", type=int, default=17_005_207)
    ap.add_argument("--window", type=int, default=15)
    ap.add_argument("--cglove", default="/work/cglove/build",
                    help="folder of the reference C tools (vocab_count, cooccur)")
    args = ap.parse_args()

    import glovelib as gl

    t = time.perf_counter()
    corpus = gl.datasets.zipf_corpus(n_tokens=args.tokens)
    print(f"corpus: {corpus} ({time.perf_counter() - t:.1f}s to make or find)")
    t = time.perf_counter()
    vocab = gl.Vocabulary.build(gl.LineCorpus(corpus), min_count=5)
    n_tokens = int(vocab.counts.sum())
    print(f"vocabulary: {len(vocab):,} words with count >= 5, covering {n_tokens:,} tokens "
          f"({time.perf_counter() - t:.1f}s)")
    has_c = shutil.which(os.path.join(args.cglove, "cooccur")) is not None
    with tempfile.TemporaryDirectory() as tmp:
        vocab_path = os.path.join(tmp, "vocab.txt")
        vocab.save(vocab_path)
        rows = []
        if has_c:
            for memory in (4.0, 1.0):
                rows.append((f"reference C, -memory {memory:g}",
                             _c_cooccur(args.cglove, str(corpus), args.window, memory, tmp)))
        for label, source, mm in [("in memory, from text", "text", None),
                                  ("in memory, byte reader", "chunks", None),
                                  ("max_memory=4GB, byte reader", "chunks", "4GB"),
                                  ("max_memory=1GB, byte reader", "chunks", "1GB"),
                                  ("in memory, from ids", "ids", None)]:
            spec = {"vocab": vocab_path, "corpus": str(corpus), "window": args.window,
                    "max_memory": mm, "source": source}
            out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(spec)], check=True,
                                 capture_output=True, text=True)
            res = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((label, res))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\ncooccurrence counting, window {args.window}, {cores} usable cores")
    header = ("configuration", "seconds", "x C 4GB", "Mtokens/s", "nonzeros", "peak RSS MB")
    print("{:<32}{:>9}{:>9}{:>11}{:>14}{:>13}".format(*header))
    base = rows[0][1]["secs"] if has_c else None
    for label, r in rows:
        ratio = f"{r['secs'] / base:.2f}" if base else "-"
        nnz = f"{r['nnz']:,}" if r["nnz"] is not None else "-"
        print(f"{label:<32}{r['secs']:>9.1f}{ratio:>9}{n_tokens / r['secs'] / 1e6:>11.2f}"
              f"{nnz:>14}{r['peak_mb']:>13.0f}")
    ours = [r for _, r in rows if r["nnz"] is not None]
    same = len({(r["nnz"], r["sum"]) for r in ours}) == 1
    print(f"\nall glovelib configurations give the same matrix (nnz and sum): {same}")
    if not has_c:
        print(f"no reference C tools in {args.cglove}: build stanfordnlp/GloVe there to compare")


if __name__ == "__main__":
    main()
