"""Benchmark: counting cooccurrences on the text8-sized synthetic corpus (window 15).

Prints a table: seconds, tokens/s, nonzeros and peak RSS, for the in-memory counter and for
``max_memory="1GB"``.  Each configuration runs in its own process, so that its peak RSS is its
own, and streams the corpus from the text file (read, split, encode, count) as the reference
``cooccur`` does; the vocabulary (min_count 5) is built once beforehand, as ``vocab_count`` would.
A row counts from ids already in memory (no text reading), to separate the two costs; another
streams through the command line's chunked reader (:mod:`glovelib.reader`).

    python benchmarks/bench_cooccur.py [--tokens 17005207] [--window 15]

Reference on this 2-core machine: the C ``cooccur`` takes 21 s and 1.8 GB peak on this corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, resource, sys, time
import numpy as np
import glovelib as gl
args = json.loads(sys.argv[1])
vocab = gl.Vocabulary.load(args["vocab"])
if args["source"] == "ids":
    docs = [vocab.encode(d) for d in gl.LineCorpus(args["corpus"])]  # all ids in memory first
elif args["source"] == "chunks":  # the command line's reader: chunks of lines, one dict map each
    from glovelib import reader
    docs = reader.encode_file(args["corpus"], vocab.index)
else:
    docs = (vocab.encode(d) for d in gl.LineCorpus(args["corpus"]))
gl.count_cooccurrences([np.arange(3, dtype=np.int32)], 3)  # compile (cached) outside the timing
t = time.perf_counter()
X = gl.count_cooccurrences(docs, len(vocab), window_size=args["window"],
                           max_memory=args["max_memory"])
secs = time.perf_counter() - t
print(json.dumps({"secs": secs, "nnz": int(X.nnz), "sum": float(X.sum()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tokens", type=int, default=17_005_207)
    ap.add_argument("--window", type=int, default=15)
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
    with tempfile.TemporaryDirectory() as tmp:
        vocab_path = os.path.join(tmp, "vocab.txt")
        vocab.save(vocab_path)
        rows = []
        for label, source, mm in [("in memory, from text", "text", None),
                                  ("in memory, chunked reader", "chunks", None),
                                  ("max_memory=1GB, from text", "text", "1GB"),
                                  ("in memory, from ids", "ids", None)]:
            spec = {"vocab": vocab_path, "corpus": str(corpus), "window": args.window,
                    "max_memory": mm, "source": source}
            out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(spec)], check=True,
                                 capture_output=True, text=True)
            res = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((label, res))
    print(f"\ncooccurrence counting, window {args.window}, {os.cpu_count()} cores")
    header = ("configuration", "seconds", "Mtokens/s", "nonzeros", "peak RSS MB")
    print("{:<28}{:>9}{:>11}{:>14}{:>13}".format(*header))
    for label, r in rows:
        print(f"{label:<28}{r['secs']:>9.1f}{n_tokens / r['secs'] / 1e6:>11.2f}{r['nnz']:>14,}"
              f"{r['peak_mb']:>13.0f}")
    same = len({(r["nnz"], r["sum"]) for _, r in rows}) == 1
    print(f"\nall configurations give the same matrix (nnz and sum): {same}")
    print("reference C cooccur on this machine: 21 s, 1.8 GB peak (same corpus size, window 15)")


if __name__ == "__main__":
    main()
