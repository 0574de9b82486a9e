"""Benchmark: a whole pipeline (count + train) with the matrix on disk, beside the same pipeline in
memory and the reference C tools under the same budget, on the text8-sized synthetic corpus.

Each configuration runs in its own process (its peak RSS is its own, read by ``wait4``):

* glovelib in memory: the corpus streamed through the byte reader, counted into a CSR matrix,
  trained (blocked schedule, ``--threads``);
* glovelib from disk: counted with ``max_memory=BUDGET`` into a blocked folder
  (:mod:`glovelib.cooccur.ondisk`), trained from it with the budget left after the parameters;
* the reference C tools: ``cooccur -memory``, ``shuffle -memory`` (the budget in GB) and
  ``glove`` reading the shuffled file (``--cglove``, skipped when they are not built);
* an interpreter that imports glovelib and loads its kernels: what every glovelib row pays.

The glovelib processes run with ``MALLOC_MMAP_THRESHOLD_=131072`` (as the command line sets under
``--max-memory``): glibc then gives large arrays back when they are freed, instead of keeping
them for later (its default threshold grows with each large free).

Printed: seconds per stage, peak RSS, the ratios disk / memory and disk / C, and whether the
vectors from disk are those from memory, bit for bit (the same seed and blocks).  The second
pass of a corpus reads it from the page cache (it is read once beforehand).

    python benchmarks/bench_disk.py [--tokens 17005207] [--budget 256MB] [--epochs 15]
                                    [--threads 2] [--cglove /tmp/cglove/build]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

import _child as child_process  # benchmarks/_child.py

PREP = r"""
import json, os, sys, tempfile
import glovelib as gl
from glovelib.cooccur import _parse_memory
from glovelib.train.ondisk import fit_memory
corpus = str(gl.datasets.zipf_corpus(n_tokens=int(sys.argv[1])))
vocab = gl.Vocabulary.build(gl.LineCorpus(corpus), min_count=5)
fd, path = tempfile.mkstemp(suffix=".txt", dir=os.path.dirname(corpus))
os.close(fd)
vocab.save(path)
print(json.dumps([corpus, path, len(vocab), _parse_memory(sys.argv[2]),
                  fit_memory(len(vocab), int(sys.argv[3])) / 2**20]))
"""

FINGERPRINT = r"""
def fingerprint(X):  # a digest of a CSR matrix's indptr, indices and data, without copies
    import hashlib
    import numpy as np
    h = hashlib.sha256()
    for part in (X.indptr.astype(np.int64, copy=False), X.indices.astype(np.int32, copy=False),
                 X.data.astype(np.float64, copy=False)):
        h.update(np.ascontiguousarray(part))
    return h.hexdigest()[:16]
"""

CHILD = FINGERPRINT + r"""
import json, sys, time
import numpy as np
import glovelib as gl
from glovelib.corpus import reader
from glovelib.train.ondisk import fit_memory
a = json.loads(sys.argv[1])
vocab = gl.Vocabulary.load(a["vocab"])
V = len(vocab)
params = dict(vector_size=a["dim"], x_max=10.0, epochs=a["epochs"], random_state=0,
              n_threads=a["threads"])
if a["mode"] == "baseline":  # the interpreter, glovelib and its kernels, nothing else
    gl.GloVe(epochs=1).fit(np.ones((2, 2)))
    gl.count_cooccurrences([np.arange(3, dtype=np.int32)], 3)
    print(json.dumps({}))
    sys.exit()
docs = reader.encode_file(a["corpus"], vocab.index)
t = time.perf_counter()
model = gl.GloVe(**params)
if a["mode"] == "memory":
    X = gl.count_cooccurrences(docs, V, window_size=15)
else:
    X = gl.count_cooccurrences(docs, V, window_size=15, max_memory=a["budget"],
                               out=a["folder"], word_blocks=model.word_blocks(V))
    model.disk_batch_bytes = max(8 << 20, a["budget_bytes"] - fit_memory(V, a["dim"]))
count = time.perf_counter() - t
t = time.perf_counter()
model.fit(X)
fit = time.perf_counter() - t
np.save(a["out"], model.W_)
print(json.dumps({"count": count, "fit": fit, "nnz": int(X.nnz),
                  "losses": [float(v) for v in model.loss_history_],
                  "matrix": fingerprint(X) if a["mode"] == "memory" else None}))
"""


def _run(cmd: list[str], stdin=None, stdout=None, env=None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one process (its own: benchmarks/_child.py)."""
    return child_process.run(cmd, stdin, stdout, env)


def _child(spec: dict) -> tuple[dict, float, float]:
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
    out.close()
    with open(out.name, "w") as f:
        secs, peak = _run([sys.executable, "-c", CHILD, json.dumps(spec)], stdout=f,
                          env={**os.environ, "MALLOC_MMAP_THRESHOLD_": "131072"})
    with open(out.name) as f:
        result = json.loads(f.read().strip().splitlines()[-1])
    os.unlink(out.name)
    return result, secs, peak


def _c_tools(cglove: str, corpus: str, tmp: str, gb: float, a) -> list[tuple[str, float, float]]:
    """The reference pipeline under ``-memory gb``: (stage, seconds, peak MB) each."""
    tool = lambda name: os.path.join(cglove, name)  # noqa: E731
    vocab = os.path.join(tmp, "c_vocab.txt")
    with open(corpus, "rb") as fin, open(vocab, "wb") as fout:
        _run([tool("vocab_count"), "-min-count", "5", "-verbose", "0"], fin, fout)
    rows = []
    with open(corpus, "rb") as fin, open(os.path.join(tmp, "c.bin"), "wb") as fout:
        rows.append(("cooccur", *_run([tool("cooccur"), "-memory", str(gb), "-window-size", "15",
                                       "-vocab-file", vocab, "-verbose", "0", "-overflow-file",
                                       os.path.join(tmp, "overflow")], fin, fout)))
    with open(os.path.join(tmp, "c.bin"), "rb") as fin, \
            open(os.path.join(tmp, "c.shuf.bin"), "wb") as fout:
        rows.append(("shuffle", *_run([tool("shuffle"), "-memory", str(gb), "-verbose", "0",
                                       "-temp-file", os.path.join(tmp, "temp_shuffle")],
                                      fin, fout)))
    os.unlink(os.path.join(tmp, "c.bin"))
    rows.append(("glove", *_run([tool("glove"), "-input-file", os.path.join(tmp, "c.shuf.bin"),
                                 "-vocab-file", vocab, "-save-file", os.path.join(tmp, "c_vec"),
                                 "-threads", str(a.threads), "-iter", str(a.epochs),
                                 "-vector-size", str(a.dim), "-x-max", "10", "-binary", "0",
                                 "-verbose", "0"])))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tokens", type=int, default=17_005_207)
    ap.add_argument("--budget", default="256MB")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--dim", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cglove", default="/tmp/cglove/build",
                    help="folder of the reference C tools (vocab_count, cooccur, shuffle, glove)")
    ap.add_argument("--skip-memory", action="store_true",
                    help="no in-memory row (a corpus whose matrix does not fit)")
    a = ap.parse_args()
    # The parent stays small: a child's peak RSS (wait4) counts the parent's resident memory at
    # fork (the image it replaced at exec), so the corpus, the vocabulary and the comparison of
    # the vectors are made in children too.
    prep = subprocess.run([sys.executable, "-c", PREP, str(a.tokens), a.budget, str(a.dim)],
                          check=True, capture_output=True, text=True)
    corpus, vocab_file, V, budget, params_mb = json.loads(prep.stdout.strip().splitlines()[-1])
    print(f"corpus: {corpus}, {a.tokens:,} tokens; {V:,} words with count >= 5; budget "
          f"{a.budget}; d = {a.dim}, {a.epochs} epochs, {a.threads} threads")
    rows = []
    with tempfile.TemporaryDirectory(dir=os.path.dirname(corpus)) as tmp:
        vocab_path = os.path.join(tmp, "vocab.txt")
        os.replace(vocab_file, vocab_path)
        spec = {"vocab": vocab_path, "corpus": corpus, "dim": a.dim, "epochs": a.epochs,
                "threads": a.threads, "budget": a.budget, "budget_bytes": budget,
                "folder": os.path.join(tmp, "x.blocks")}
        _, _, base_mb = _child({**spec, "mode": "baseline"})
        results = {}
        for mode in (("disk",) if a.skip_memory else ("memory", "disk")):
            res, secs, peak = _child({**spec, "mode": mode, "out": os.path.join(tmp, mode)})
            results[mode] = res
            rows.append((f"glovelib, {mode}", res["count"], res["fit"], secs, peak))
        disk_mb = os.path.getsize(os.path.join(tmp, "x.blocks", "entries.bin")) / 2**20
        same = None if a.skip_memory else subprocess.run(
            [sys.executable, "-c", FINGERPRINT + "import sys, numpy as np; from glovelib.cooccur "
             "import ondisk; print(np.array_equal(np.load(sys.argv[1]), np.load(sys.argv[2])), "
             "fingerprint(ondisk.BlockedMatrix(sys.argv[3]).to_csr()))",
             os.path.join(tmp, "memory.npy"), os.path.join(tmp, "disk.npy"), spec["folder"]],
            check=True, capture_output=True, text=True).stdout.split()
        c_rows = []
        if os.path.exists(os.path.join(a.cglove, "glove")):
            c_rows = _c_tools(a.cglove, corpus, tmp, budget / 2**30, a)
    nnz = results["disk"]["nnz"]
    print(f"\nnonzeros {nnz:,}: {disk_mb:,.0f} MB on disk ({disk_mb / (budget / 2**20):.1f}x the "
          f"budget); parameters + sums + an epoch's copy {params_mb:,.0f} MB; "
          f"interpreter + glovelib + kernels {base_mb:,.0f} MB")
    print(f"{'configuration':<22}{'count s':>9}{'train s':>9}{'total s':>9}{'peak MB':>9}")
    for label, count, fit, secs, peak in rows:
        print(f"{label:<22}{count:>9.1f}{fit:>9.1f}{secs:>9.1f}{peak:>9.0f}")
    for stage, secs, peak in c_rows:
        print(f"{'C ' + stage:<22}{'':>9}{'':>9}{secs:>9.1f}{peak:>9.0f}")
    disk_total = rows[-1][3]
    if not a.skip_memory:
        mem, disk = results["memory"], results["disk"]
        equal = "".join("=" if m == d else "x"
                        for m, d in zip(mem["losses"], disk["losses"], strict=True))
        print(f"\ndisk / memory time: {disk_total / rows[0][3]:.2f}; vectors identical: "
              f"{same[0]}; matrices identical: {mem['matrix'] == same[1]}; loss of each epoch "
              f"equal (=) or not (x): {equal}")
    if c_rows:
        c_total = sum(r[1] for r in c_rows)
        print(f"disk / C time (cooccur + shuffle + glove, -memory {budget / 2**30:.2f}): "
              f"{disk_total / c_total:.2f}; C peak {max(r[2] for r in c_rows):.0f} MB")
    else:
        print(f"no reference C tools in {a.cglove}: build stanfordnlp/GloVe there to compare")


if __name__ == "__main__":
    main()
