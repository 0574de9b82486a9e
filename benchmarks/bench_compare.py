"""The full sweeps behind notebook 08 (GloVe vs Word2Vec, measured): more sizes, more seeds.

    nice python benchmarks/bench_compare.py            # all studies (~10-20 min on 2 cores)
    nice python benchmarks/bench_compare.py speed      # or figure4, little, incremental

Prints tables.  Counted work (nonzeros, window pairs; Word2Vec's scaled by the expected share of
tokens its subsampling keeps, as notebook 08 counts it) is the same on every machine; seconds are
this machine's (print the CPU with them: ``lscpu``), one thread each (glovelib's serial kernel,
gensim with workers=1), and noisy on a shared machine.
"""

from __future__ import annotations

import sys
import time

import numpy as np

import glovelib as gl
from glovelib import baselines, datasets, evaluate

WINDOW, NEG, DIM = 10, 5, 50
GLOVE_EPOCHS, W2V_EPOCHS = 50, 10


def exponent(x, y) -> float:
    return float(np.polyfit(np.log(x), np.log(y), 1)[0])


def kept_share(counts, sample: float = 1e-3) -> float:
    """The expected share of tokens gensim's subsampling keeps: a word of share f is kept with
    probability min(1, (sqrt(f / s) + 1) s / f) (notebook 06, section 3)."""
    counts = np.asarray(counts, dtype=np.float64)
    f = counts / counts.sum()
    keep = np.minimum(1.0, (np.sqrt(f / sample) + 1) * sample / f)
    return float((counts * keep).sum() / counts.sum())


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def speed() -> None:
    """Counted work, bytes and seconds on Zipf-corpus prefixes (vocabulary re-built per prefix
    with min_count 5, so it grows as real text's does) and on Wikipedia-sample prefixes."""
    print("== speed and memory: Zipf corpus, vocabulary min_count 5 per prefix ==")
    ids = datasets.zipf_corpus(n_tokens=8_000_000, return_ids=True)
    rows = []
    gl.GloVe(DIM, epochs=1).fit(gl.count_cooccurrences(np.minimum(ids[:10_000], 999), 1000, 2))
    print(f"{'tokens':>10s}{'V':>8s}{'nnz':>12s}{'X MB':>8s}{'W2V MB':>8s}{'count s':>8s}"
          f"{'GloVe ep s':>11s}{'W2V ep s':>9s}")
    for n in [250_000, 500_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000]:
        part = ids[:n]
        counts = np.bincount(part)
        keep = counts >= 5
        remap = np.cumsum(keep) - 1
        docs = [remap[d[keep[d]]].astype(np.int32) for d in np.array_split(part, n // 1000)]
        V = int(keep.sum())
        t_count = timed(lambda docs=docs, V=V: rows.append(
            gl.count_cooccurrences(docs, V, WINDOW)))
        X = rows.pop()
        t_glove = timed(lambda X=X: gl.GloVe(DIM, x_max=10.0, epochs=1, random_state=0).fit(X))
        t_w2v = float("nan")
        if n <= 1_000_000:
            words = np.array(datasets.zipf_words(V), dtype=object)
            vocab = gl.Vocabulary(list(words), np.bincount(np.concatenate(docs), minlength=V))
            text = [list(words[d]) for d in docs]
            t_w2v = timed(lambda text=text, vocab=vocab: baselines.word2vec_model(
                text, vocab, DIM, WINDOW, NEG, epochs=1))
        lens = [len(d) for d in docs]
        rows.append((n, V, X.nnz, baselines.window_pairs(lens, WINDOW),  # Word2Vec: kept tokens
                     baselines.window_pairs(lens, WINDOW, dynamic=True) * (NEG + 1)
                     * kept_share(counts[keep]),
                     t_count, t_glove, t_w2v))
        print(f"{n:10,d}{V:8,d}{X.nnz:12,d}{X.nnz * 12 / 1e6:8.1f}{2 * V * DIM * 4 / 1e6:8.1f}"
              f"{t_count:8.2f}{t_glove:11.2f}{t_w2v:9.2f}", flush=True)
    a = np.array(rows, dtype=np.float64)
    print(f"exponents of counted work: nnz {exponent(a[:, 0], a[:, 2]):.3f}, counting pairs "
          f"{exponent(a[:, 0], a[:, 3]):.3f}, Word2Vec updates {exponent(a[:, 0], a[:, 4]):.3f},"
          f" vocabulary {exponent(a[:, 0], a[:, 1]):.3f}")
    print(f"exponents of seconds: counting {exponent(a[:, 0], a[:, 5]):.2f}, GloVe epoch "
          f"{exponent(a[:, 0], a[:, 6]):.2f}, Word2Vec epoch "
          f"{exponent(a[:3, 0], a[:3, 7]):.2f} (first three sizes)")
    b, c = np.polyfit(np.log(a[:, 0]), np.log(a[:, 2]), 1)
    for gb in (8, 16):  # CSR (12 B) + training records (16 B) per nonzero
        print(f"X + training records reach {gb} GB near "
              f"{np.exp((np.log(gb * 1e9 / 28) - c) / b):,.0f} tokens (extrapolated)")
    glove15 = a[:, 3] + 15 * a[:, 2]
    w2v5 = 5 * a[:, 4]
    print("total counted work GloVe(15 ep) / Word2Vec(5 ep):",
          " ".join(f"{r:.2f}" for r in glove15 / w2v5))
    glove_s = a[:3, 5] + 15 * a[:3, 6]
    w2v_s = 5 * a[:3, 7]
    cross = baselines.power_law_crossover(a[:3, 0], glove_s, w2v_s)
    print("seconds, same ratio (first three sizes):", " ".join(f"{r:.2f}" for r in glove_s / w2v_s),
          f"; fitted curves cross near {cross:,.0f} tokens")


def _planted(n: int, seed: int):
    world = datasets.planted_corpus(n_sentences=n, seed=seed)
    path = world.write_questions(f"bench-planted-{seed}.txt")
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), WINDOW)
    return world, path, vocab, X


def figure4(seeds=range(5)) -> None:
    """Accuracy by epoch, GloVe and Word2Vec, 10,000 planted sentences, several worlds; Word2Vec
    both as snapshots of one 10-epoch run and as separate runs of 1-5 epochs (the paper's way);
    the counted work each needs to reach 15% (Word2Vec's on one draw of the tokens its
    subsampling keeps, as notebook 08 counts it: on short sentences, scaling all pairs by the
    kept share would overstate it, since a sentence's pairs shrink faster than its tokens)."""
    print("== accuracy against epochs: planted world, 10,000 sentences ==")
    snap = list(range(1, GLOVE_EPOCHS + 1))  # every epoch: a coarser grid rounds crossings up
    show = (1, 2, 5, 10, 15, 20, 30, 40, 50)
    for seed in seeds:
        world, path, v, X = _planted(10_000, seed)
        model, g = gl.GloVe(DIM, x_max=10.0, epochs=1, random_state=seed).fit(X), []
        for e in range(1, GLOVE_EPOCHS + 1):
            if e in snap:
                g.append(evaluate.analogy_accuracy(model.to_keyed_vectors(v), path).accuracy)
            if e < GLOVE_EPOCHS:
                model.partial_fit(X)
        snaps = []
        baselines.word2vec_model(world.documents, v, DIM, WINDOW, NEG, epochs=W2V_EPOCHS,
                                 seed=seed, snapshots=snaps)
        w = [evaluate.analogy_accuracy(k, path).accuracy for k in snaps]
        runs = []
        for epochs in range(1, 6):
            m = baselines.word2vec_model(world.documents, v, DIM, WINDOW, NEG, epochs=epochs,
                                         seed=seed)
            runs.append(evaluate.analogy_accuracy(
                gl.KeyedVectors(v.words, m.wv[v.words]), path).accuracy)
        ids = v.encode_documents(world.documents)
        lens, rng = [len(d) for d in ids], np.random.default_rng(0)
        counts = np.asarray(v.counts, dtype=np.float64)
        f = counts / counts.sum()
        keep = np.minimum(1.0, (np.sqrt(f / 1e-3) + 1) * 1e-3 / f)  # gensim's keep rule
        kept = [int((rng.random(len(d)) < keep[d]).sum()) for d in ids]
        w_epoch = baselines.window_pairs(kept, WINDOW, dynamic=True) * (NEG + 1)
        g_reach = next((baselines.window_pairs(lens, WINDOW) + e * X.nnz
                        for e, a in zip(snap, g, strict=True) if a >= 0.15), np.inf)
        s_reach = next((e * w_epoch for e, a in enumerate(w, 1) if a >= 0.15), np.inf)
        r_reach = next((e * w_epoch for e, a in enumerate(runs, 1) if a >= 0.15), np.inf)
        print(f"world {seed}: GloVe epochs {show}: " + " ".join(f"{g[e - 1]:.2f}" for e in show)
              + f"; past 15% at epoch {next((e for e, a in enumerate(g, 1) if a >= 0.15), None)}"
              f", peak {max(g):.2f} at epoch {int(np.argmax(g)) + 1}")
        print(f"         Word2Vec epochs 1-{W2V_EPOCHS}: " + " ".join(f"{x:.2f}" for x in w),
              f"| margin W2V(10) - max GloVe: {w[-1] - max(g):+.2f}")
        print("         Word2Vec, separate runs of 1-5 epochs: " + " ".join(
            f"{x:.2f}" for x in runs) + f" | GloVe / Word2Vec work to 15%: {g_reach / s_reach:.2f}"
            f" (snapshots), {g_reach / r_reach:.2f} (separate runs)", flush=True)


def little(sizes=(1_000, 3_000, 10_000, 30_000, 60_000), seeds=range(3)) -> None:
    """Accuracy against corpus size: GloVe (50 epochs), Word2Vec (10), PPMI-SVD."""
    print("== learning from little data: planted world ==")
    for n in sizes:
        acc = []
        for seed in seeds:
            world, path, v, X = _planted(n, seed)
            kvs = [gl.GloVe(DIM, x_max=10.0, epochs=GLOVE_EPOCHS, random_state=seed).fit(X)
                   .to_keyed_vectors(v),
                   baselines.train_word2vec(world.documents, v, vector_size=DIM, window=WINDOW,
                                            negative=NEG, epochs=W2V_EPOCHS, seed=seed),
                   baselines.ppmi_svd(X, v, dim=DIM)]
            acc.append([evaluate.analogy_accuracy(k, path).accuracy for k in kvs])
        a = np.array(acc)
        print(f"{n:7,d} sentences: " + "  ".join(
            f"{name} {a[:, m].min():.2f}-{a[:, m].max():.2f}"
            for m, name in enumerate(["GloVe", "Word2Vec", "PPMI-SVD"])), flush=True)


def incremental(seeds=range(3)) -> None:
    """Continue on new text vs retrain, as in notebook 08 section 4, several worlds; the control
    is no update (each model trained on A, as it is)."""
    print("== incremental training: share of all questions answered ==")
    for seed in seeds:
        world, path, _, _ = _planted(10_000, seed)
        docs, n_q = world.documents, world.n_questions
        new = {w for p in world.pairs["capital-common-countries"][:5] for w in p}
        in_a = [i < 8000 and not new & set(d) for i, d in enumerate(docs)]
        A = [d for d, a in zip(docs, in_a, strict=True) if a]
        B = [d for d, a in zip(docs, in_a, strict=True) if not a]
        vA, vAll = gl.Vocabulary.build(A), gl.Vocabulary.build(docs)
        XA, XB = (gl.count_cooccurrences(vA.encode_documents(t), len(vA), WINDOW) for t in (A, B))
        Xall = gl.count_cooccurrences(vAll.encode_documents(docs), len(vAll), WINDOW)
        g = gl.GloVe(DIM, x_max=10.0, epochs=GLOVE_EPOCHS, random_state=0).fit(XA)
        kv = {"GloVe no update": g.to_keyed_vectors(vA),
              "GloVe continued": g.partial_fit(XA + XB, 20).to_keyed_vectors(vA),
              "GloVe retrained": gl.GloVe(DIM, x_max=10.0, epochs=GLOVE_EPOCHS, random_state=0)
              .fit(Xall).to_keyed_vectors(vAll)}
        m = baselines.word2vec_model(A, vA, DIM, WINDOW, NEG, epochs=W2V_EPOCHS)
        kv["W2V no update"] = gl.KeyedVectors.from_gensim(m.wv)
        kv["W2V continued"] = gl.KeyedVectors.from_gensim(
            baselines.update_word2vec(m, B, epochs=W2V_EPOCHS).wv)
        kv["W2V retrained"] = gl.KeyedVectors.from_gensim(
            baselines.word2vec_model(docs, vAll, DIM, WINDOW, NEG, epochs=W2V_EPOCHS).wv)
        share = {k: evaluate.analogy_accuracy(v, path).total.correct / n_q for k, v in kv.items()}
        print(f"world {seed}: " + "  ".join(f"{k} {v:.3f}" for k, v in share.items()),
              "| of retrained, no update -> continued: " + ", ".join(
                  f"{k} {share[k + ' no update'] / share[k + ' retrained']:.2f} -> "
                  f"{share[k + ' continued'] / share[k + ' retrained']:.2f}"
                  for k in ("GloVe", "W2V")), flush=True)


if __name__ == "__main__":
    studies = {"speed": speed, "figure4": figure4, "little": little, "incremental": incremental}
    chosen = sys.argv[1:] or list(studies)
    for name in chosen:
        if name not in studies:
            sys.exit(f"unknown study {name!r}; choose from {', '.join(studies)}")
    import os

    for name in chosen:
        t = time.perf_counter()
        studies[name]()
        print(f"({name}: {time.perf_counter() - t:.0f} s)\n", flush=True)
    for seed in range(5):
        if os.path.exists(f"bench-planted-{seed}.txt"):
            os.remove(f"bench-planted-{seed}.txt")
