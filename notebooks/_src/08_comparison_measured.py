# %% [markdown]
# # 08 — The comparison table, measured
#
# Courses on GloVe repeat the same table (notebook 06 ends with its own version): GloVe uses
# global counts, Word2Vec local windows; **GloVe trains faster**; **its matrix costs memory**; **it cannot be trained
# incrementally**; Word2Vec suits large, changing corpora. This notebook *measures* each claim
# that can be measured, on corpora we have offline, so that you leave knowing **when** it is
# true. Each section ends with a verdict that a cell asserts.
#
# 1. speed: counted work as the corpus grows (and seconds, on this machine only);
# 2. accuracy against training time (the paper's Figure 4, at laptop scale);
# 3. memory: the matrix and GloVe's training state against Word2Vec's parameters;
# 4. incremental training: adding text to a trained model;
# 5. learning from little data.
#
# Two implementations are compared as well as two methods (glovelib's Numba GloVe, gensim's C
# skip-gram), both with one thread. The studies here are small, to run in class; the full
# sweeps (more sizes, more seeds) are in `benchmarks/bench_compare.py`.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

from threadpoolctl import threadpool_limits

import glovelib as gl
from glovelib import baselines, datasets, evaluate

threadpool_limits(1)  # one BLAS thread too: every method here runs on one core
WINDOW, NEG, DIM = 10, 5, 50  # matched windows: the paper's Figure 4 used 10 for both
corpus = list(datasets.wikipedia_sample())
vocab = gl.Vocabulary.build(corpus, min_count=5)
print(len(corpus), "documents,", len(vocab), "words with count >= 5")

# %% [markdown]
# ## 1. Speed: what each method pays for
#
# * **GloVe** pays once for counting (every token meets up to `window` neighbours on each
#   side), then per epoch for the **nonzeros of X** — one update per nonzero.
# * **Word2Vec** (skip-gram, negative sampling) pays per epoch for the **tokens it keeps**:
#   gensim first drops frequent tokens at random (subsampling, `sample=1e-3`: a word of corpus
#   share $f$ is kept with probability $\min(1, (\sqrt{f/s} + 1)\, s/f)$, notebook 06), then
#   every (centre, context) pair in a window of the kept tokens gives `negative + 1` dot-product
#   updates.
#
# **Pencil and paper.** A document has $L$ tokens, the window is $w$. How many (centre, context)
# pairs does it hold, both directions counted? And with word2vec's *dynamic* window, which
# draws each centre's window uniformly from $1, \dots, w$?
#
# <details><summary>Answer</summary>
#
# Pairs at distance $d$: $L - d$ of them (if $d < L$), each counted from both ends, so
# $2\sum_{d=1}^{w}\max(L-d, 0)$, about $2wL$ when $L \gg w$. With the dynamic window, distance
# $d$ is reached when the drawn window is $\ge d$, with probability $(w-d+1)/w$:
# $2\sum_{d=1}^{w}\frac{w-d+1}{w}\max(L-d,0)$, about $(w+1)L$ — nearly half. That is
# `gl.baselines.window_pairs(lengths, w, dynamic=...)`.
# </details>
#
# **Try it.** The cell below counts pairs by brute force. Replace the body with your closed
# form (or break it: `range(1, window)`) and run it — the check compares it with the library on
# random documents and names the first one that differs.

# %% tags=["reveal"]
def my_pairs(doc_lengths, window):
    return sum(sum(1 for i in range(L) for j in range(L) if 0 < abs(i - j) <= window)
               for L in doc_lengths)


gl.checks.check_window_pairs(my_pairs)

# %% [markdown]
# Now the corpus grows: prefixes of the Wikipedia sample, one vocabulary (the full sample's, so
# that only the text changes). For each we count X and tally the work.
#
# **Predict, then run.** The corpus doubles. Does the number of nonzeros of X double?
#
# <details><summary>Answer</summary>
#
# No. A new pair adds a nonzero only the first time it is seen; most pairs of frequent words
# already have one. Nonzeros grow like $|C|^{b}$ with $b < 1$ (notebook 02 derives $b$ from
# Zipf's law; the GloVe paper fits $|X| = O(|C|^{0.8})$ on its corpora). Word2Vec's work grows
# like $|C|$: subsampling keeps about three quarters of the tokens here (the cell prints the
# share, from one random draw), whatever the prefix, because each word's chance of being kept
# is fixed by the vocabulary's counts.
# </details>

# %% tags=["reveal"]
def keep_prob(counts, sample=1e-3):
    """gensim's chance of keeping each word of the vocabulary (notebook 06, section 3)."""
    counts = np.asarray(counts, dtype=np.float64)
    s = sample * counts.sum()
    return np.minimum(1.0, (np.sqrt(counts / s) + 1) * s / counts)


def kept_lengths(docs, keep, rng):
    """One draw of subsampling: the tokens each document keeps (an estimate of the mean)."""
    return [int((rng.random(len(d)) < keep[np.asarray(d, dtype=np.int64)]).sum()) for d in docs]

# %% tags=["reveal"]
my_guess = None  # your prediction: True (the nonzeros double with the corpus) or False
fractions = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1]
parts = [vocab.encode_documents(corpus[: int(f * len(corpus))]) for f in fractions]
tokens = np.array([sum(len(d) for d in p) for p in parts])
Xs = [gl.count_cooccurrences(p, len(vocab), WINDOW) for p in parts]
nnz = np.array([X.nnz for X in Xs])
lengths = [[len(d) for d in p] for p in parts]
count_work = np.array([baselines.window_pairs(n, WINDOW) for n in lengths])
keep, rng = keep_prob(vocab.counts), np.random.default_rng(0)  # vocab's counts, as gensim's
kept = [kept_lengths(p, keep, rng) for p in parts]
kept_share = np.array([sum(k) for k in kept]) / tokens
w2v_work = np.array([baselines.window_pairs(n, WINDOW, dynamic=True) for n in kept]) * (NEG + 1)
gl.course.guess(my_guess, bool(nnz[-1] >= 1.95 * nnz[-2]), "the nonzeros double")

# %% tags=["reveal"]
def exponent(x, y):
    """Slope of log y against log x: y grows like x to this power."""
    return float(np.polyfit(np.log(x), np.log(y), 1)[0])


print(f"{'tokens':>9s}{'counting pairs':>16s}{'GloVe/epoch (nnz)':>19s}{'Word2Vec/epoch':>16s}")
for row in zip(tokens, count_work, nnz, w2v_work, strict=True):
    print(f"{row[0]:9,d}{row[1]:16,.0f}{row[2]:19,d}{row[3]:16,.0f}")
b_nnz, b_count = exponent(tokens, nnz), exponent(tokens, count_work)
b_w2v = exponent(tokens, w2v_work)
print(f"exponents: nnz {b_nnz:.2f}, counting {b_count:.2f}, Word2Vec {b_w2v:.2f};"
      f" Word2Vec keeps {kept_share.min():.0%}-{kept_share.max():.0%} of the tokens")
assert 0.6 < b_nnz < 0.95 and abs(b_count - 1) < 0.02 and abs(b_w2v - 1) < 0.02
assert np.all((0.72 < kept_share) & (kept_share < 0.8))  # about three quarters kept

# %% [markdown]
# Counted work is the same on every machine. Seconds are not: below, one epoch of each and the
# counting are timed on this machine (on the three smallest prefixes, to save class time). Their
# exponents depend on the machine, its load and the sizes: at these small sizes fixed overheads
# (setup, Python calls) can flatten them far below the work's exponents, even to near 0; at
# large sizes cache misses (a larger X no longer fits in the cache) steepen them; a busy machine
# makes them noise. So they are printed, never asserted.

# %%
# NBVAL_IGNORE_OUTPUT
secs = {"count": [], "GloVe epoch": [], "Word2Vec epoch": []}
gl.GloVe(DIM, epochs=1).fit(Xs[0][:500, :500])  # load the compiled kernel before timing
for p, X in zip(parts[:3], Xs[:3], strict=True):  # the three smallest: seconds are dear
    t = time.perf_counter(); gl.count_cooccurrences(p, len(vocab), WINDOW)
    secs["count"].append(time.perf_counter() - t)
    t = time.perf_counter(); gl.GloVe(DIM, x_max=10.0, epochs=1, random_state=0).fit(X)
    secs["GloVe epoch"].append(time.perf_counter() - t)
    docs = [vocab.decode(d) for d in p]
    t = time.perf_counter(); baselines.word2vec_model(docs, vocab, DIM, WINDOW, NEG, epochs=1)
    secs["Word2Vec epoch"].append(time.perf_counter() - t)
for name, s in secs.items():
    print(f"{name:15s}", " ".join(f"{x:6.2f}" for x in s),
          f"s   exponent {exponent(tokens[:3], s):.2f}")

# %% [markdown]
# Which is cheaper *in total* depends on the epochs each needs: GloVe pays counting plus
# $E_{\text{GloVe}} \times$ nnz, Word2Vec $E_{\text{W2V}} \times$ its pairs $\times$ (negative + 1).
# With the usual settings (GloVe 15 epochs after counting, Word2Vec 5), in counted work and in
# this machine's seconds:

# %%
E_GLOVE, E_W2V = 15, 5
glove_total = count_work + E_GLOVE * nnz
w2v_total = E_W2V * w2v_work
print("GloVe work / Word2Vec work:", " ".join(f"{r:.2f}" for r in glove_total / w2v_total))
assert np.all(glove_total < w2v_total)  # GloVe (15 epochs) does less counted work here ...
assert np.all((0.4 < glove_total / w2v_total) & (glove_total / w2v_total < 0.65))
assert np.all(np.diff(glove_total / w2v_total) < 0)  # ... and its share falls as |C| grows
print("GloVe's work per token falls as the corpus grows; Word2Vec's stays constant")

# %%
# NBVAL_IGNORE_OUTPUT
glove_s = np.array(secs["count"]) + E_GLOVE * np.array(secs["GloVe epoch"])
w2v_s = E_W2V * np.array(secs["Word2Vec epoch"])
print("seconds, GloVe total / Word2Vec total:", " ".join(f"{r:.2f}" for r in glove_s / w2v_s))
# the ratio of seconds can rise while that of counted work falls: an update's cost is not fixed
# (cache misses grow with X, fixed overheads shrink in share) and differs between machines
cross = baselines.power_law_crossover(tokens[:3], glove_s, w2v_s)
if tokens[0] <= cross <= tokens[2]:
    print(f"on this machine the fitted curves cross near {cross:,.0f} tokens")
else:  # a crossing outside the timed sizes is an extrapolation of three noisy points
    print(f"no crossing within the timed sizes ({tokens[0]:,}-{tokens[2]:,} tokens)")

# %% [markdown]
# The ratio of seconds need not follow the ratio of counted work: in some of our runs it rose
# while the work's ratio fell. An update does not cost a fixed time (a larger X means more cache
# misses for GloVe; fixed overheads weigh less as the corpus grows), and both effects depend on
# the machine and its load, so the seconds are printed, not asserted.
#
# **Verdict (speed).** In counted work GloVe is the cheaper one on every prefix here (15
# epochs after counting cost from about 0.6 of Word2Vec's 5 on the smallest prefix to about 0.45
# on the full sample, Word2Vec's work counted after subsampling), and its share falls as the
# corpus grows: its work per epoch grows like $|C|^{b}$ with $b < 1$, Word2Vec's like $|C|$.
# Whether that makes it faster in *seconds* depends on the machine (an update costs different
# time in the two implementations and with the cache) and on how many epochs each needs for good
# vectors, which section 2 measures. The exponents of the work do not depend on the machine.
#
# ## 2. Accuracy against training time (the paper's Figure 4, small)
#
# The paper's Figure 4 plots analogy accuracy against training hours, GloVe by iterations and
# word2vec by *negative samples* (its code then ran a single epoch; 6B tokens, 400k words,
# window 10). gensim trains several epochs, so here both go by epoch, on the planted world at a
# size where neither is saturated (10,000 sentences), two corpora drawn from the same world.
#
# **Predict, then run.** GloVe's epochs are cheap (a few tens of thousands of nonzeros). Will
# GloVe reach a given accuracy with less counted work than Word2Vec here?
#
# <details><summary>Answer</summary>
#
# Not clearly, even for a low bar: the two reach 15% of the questions at about the same counted
# work (GloVe at epoch 20, Word2Vec at epoch 2; asserted within 20%). Subsampling matters here:
# these short sentences are full of frequent words, Word2Vec keeps under half of the tokens, and
# an epoch then costs about as much as 18 of GloVe's. Then GloVe levels off near 25%, while
# Word2Vec climbs to 80%.
#
# What the notebook shows about why: with about 43 sentences per related word of the world
# (10,000 sentences, each holding one of its 232 related words), most of a related word's counts
# are small, and GloVe's $f$ gives counts below $x_{\max} = 10$ little weight; the log of a small
# count is also a noisy target. Weighting the small counts more ($x_{\max} = 2$, the try-it
# below) makes GloVe rise sooner but not higher, and training longer makes it fit that noise
# (the fall after epoch 30 below). Skip-gram trains on the same sentences every epoch; why it
# gets more out of them here is not something this notebook isolates. The paper's Figure 4
# (GloVe ahead at equal hours) is on 6 billion tokens, where the counts are reliable. Section 5
# shows the same data-size effect directly.
# </details>

# %% tags=["reveal"]
world = datasets.planted_corpus(n_sentences=20_000, seed=0)
questions = world.write_questions()
chunks = [world.documents[:10_000], world.documents[10_000:]]


def accuracy(kv):
    return evaluate.analogy_accuracy(kv, questions).accuracy

# %% tags=["reveal"]
GLOVE_EPOCHS, W2V_EPOCHS, SNAP = 50, 10, [1, 2, 5, 10, 20, 30, 40, 50]


def glove_curve(X, v, seed):
    """Accuracy after each epoch count in SNAP, from one run continued epoch by epoch."""
    model, acc = gl.GloVe(DIM, x_max=10.0, epochs=1, random_state=seed), []
    for e in range(1, GLOVE_EPOCHS + 1):
        model.partial_fit(X)
        if e in SNAP:
            acc.append(accuracy(model.to_keyed_vectors(v)))
    return acc

# %% tags=["reveal"]
curves = []
for seed, docs in enumerate(chunks):
    v = gl.Vocabulary.build(docs)
    X = gl.count_cooccurrences(v.encode_documents(docs), len(v), WINDOW)
    w_kept = kept_lengths(v.encode_documents(docs), keep_prob(v.counts), rng)  # subsampled
    g_acc, snaps = glove_curve(X, v, seed), []
    baselines.word2vec_model(docs, v, DIM, WINDOW, NEG, epochs=W2V_EPOCHS, seed=seed,
                             snapshots=snaps)
    w_len = [len(d) for d in v.encode_documents(docs)]
    curves.append(dict(v=v, X=X, glove=g_acc, w2v=[accuracy(k) for k in snaps],
                       nnz=X.nnz, pairs=baselines.window_pairs(w_len, WINDOW),
                       w2v_pairs=baselines.window_pairs(w_kept, WINDOW, dynamic=True),
                       kept_share=sum(w_kept) / sum(w_len),
                       w2v_all=baselines.window_pairs(w_len, WINDOW, dynamic=True)))

# %% tags=["reveal"]
fig, ax = plt.subplots(figsize=(7, 4))
for c, ls in zip(curves, ["-", "--"], strict=True):
    ax.plot(c["pairs"] + np.array(SNAP) * c["nnz"], c["glove"], "o" + ls, color="tab:blue")
    ax.plot(np.arange(1, W2V_EPOCHS + 1) * c["w2v_pairs"] * (NEG + 1), c["w2v"], "s" + ls,
            color="tab:orange")
ax.set(xscale="log", xlabel="counted work (updates; GloVe includes counting, Word2Vec subsampled)",
       ylabel="analogy accuracy", title="Planted world, 10,000 sentences, two draws")
ax.legend(["GloVe (by epoch)", "Word2Vec (by epoch)"])
plt.show()

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
for s, c in enumerate(curves):
    print(f"draw {s}: GloVe at epochs {SNAP}:", " ".join(f"{a:.2f}" for a in c["glove"]))
    print(f"        Word2Vec epochs 1-{W2V_EPOCHS}:", " ".join(f"{a:.2f}" for a in c["w2v"]))

# %% tags=["reveal"]
def work_to_reach(work, acc, target=0.15):
    return work[np.argmax(np.asarray(acc) >= target)] if max(acc) >= target else np.inf

# %% tags=["check"]
for c in curves:
    g_work = c["pairs"] + np.array(SNAP) * c["nnz"]
    w_work = np.arange(1, W2V_EPOCHS + 1) * c["w2v_pairs"] * (NEG + 1)
    reach = work_to_reach(g_work, c["glove"]) / work_to_reach(w_work, c["w2v"])
    assert 0.8 < reach < 1.2  # to 15%: about the same work (GloVe 1.73e6, Word2Vec 1.80e6)
    assert max(c["glove"]) < c["w2v"][-1] - 0.1  # Word2Vec ends higher, by > 10 points
    assert c["glove"][-1] > c["glove"][0] + 0.1 and c["w2v"][-1] > c["w2v"][0] + 0.3
    assert 15 < c["w2v_pairs"] * (NEG + 1) / c["nnz"] < 21  # a Word2Vec epoch ~ 18 GloVe epochs
    assert 0.4 < c["kept_share"] < 0.55  # subsampling keeps under half of these tokens
    assert 3.4 < c["w2v_all"] / c["w2v_pairs"] < 4.1  # and about 1 pair in 3.7 (short sentences)
    assert max(c["glove"]) > c["glove"][-1] + 0.01  # GloVe peaks before epoch 50, then falls
print("in both draws: GloVe and Word2Vec reach 15% at about the same work; Word2Vec's 10",
      "epochs beat every GloVe epoch count")

# %% [markdown]
# At $x_{\max} = 10$ GloVe passes 15% at epoch 20, peaks at 30–40 epochs near 25% and then
# *loses* a little accuracy (in our run 0.25 → 0.22 and 0.29 → 0.27 by epoch 50): more epochs fit
# the noisy small counts more closely. Word2Vec ends near 80%.

# %%
related = {w for pairs in world.pairs.values() for pair in pairs for w in pair}
assert len(related) == 232 and 40 < len(chunks[0]) / len(related) < 46  # sentences per word
for c in curves:
    g = np.asarray(c["glove"])
    assert SNAP[np.argmax(g >= 0.15)] == 20 and SNAP[np.argmax(g)] in (30, 40)
    assert 0.2 < g.max() < 0.35 and 0.7 < c["w2v"][-1] < 0.9
print("x_max = 10: past 15% at epoch 20, peak at 30-40 epochs; Word2Vec ends above 70%")

# %% [markdown]
# **Try it.** In `glove_curve` above, change `x_max=10.0` to `x_max=2.0` (more weight for the
# small counts of a small corpus) and re-run from there to the asserts. Does GloVe's curve rise?
# Does the verdict still hold?
#
# <details><summary>Answer</summary>
#
# It rises sooner but not higher: in our runs GloVe peaks earlier (0.24–0.26 at epochs 10–20),
# then falls to 0.15–0.17 by epoch 50, as it fits the small, noisy counts it now weights more.
# GloVe now passes 15% at epoch 10 in both draws, with about 0.7 of the work Word2Vec needs to
# get there, so the first assert after `work_to_reach` ("about the same work") fails: at this
# $x_{\max}$ GloVe is first to the low bar. Word2Vec still ends far higher (that assert passes),
# and the cell after, which checks the $x_{\max} = 10$ curve's peak, fails: the peak has moved.
# (`benchmarks/exercise_answers.py 08.tryit` reproduces the accuracies; the work is section 2's:
# GloVe's counting plus 10 epochs, against two subsampled Word2Vec epochs.)
# </details>
#
# **Verdict (accuracy vs time).** At laptop scale the paper's Figure 4 does not hold: counted
# with subsampling, the two reach a low bar at about the same work, and Word2Vec ends far higher.
# (Counted before subsampling, Word2Vec's work here would look about 3.7 times larger and GloVe
# clearly first: charge each method with the work it actually does.) Which method reaches
# a given accuracy first depends on the target and on the corpus size, not only on the cost per
# epoch.
#
# ## 3. Memory
#
# GloVe holds X: in CSR a nonzero costs 8 bytes of count and 4 of column index, and glovelib's
# trainer makes a 16-byte record per nonzero (row, column, log count, weight in float32). Its own
# parameters are $W$, $\tilde W$ ($V \times d$) and $b$, $\tilde b$ ($V$), with an AdaGrad sum of
# squares for each, all float32. Word2Vec holds two $V \times d$ float32 matrices (word vectors
# and output weights), whatever the corpus size. While GloVe trains, all of its part is held at
# once (the caller still holds X).

# %%
csr_bytes = nnz * 12 + (len(vocab) + 1) * 4
train_bytes = nnz * gl.train.entry_dtype(np.float32).itemsize
w2v_bytes = 2 * len(vocab) * DIM * 4
glove_bytes = 2 * (2 * len(vocab) * DIM + 2 * len(vocab)) * 4  # W, W~, b, b~ + AdaGrad sums
peak = csr_bytes + train_bytes + glove_bytes  # GloVe while it trains
for t, c, r, a in zip(tokens, csr_bytes, train_bytes, peak, strict=True):
    print(f"{t:9,d} tokens: X {c / 1e6:5.1f} + records {r / 1e6:5.1f} + parameters and sums"
          f" {glove_bytes / 1e6:.1f} = {a / 1e6:5.1f} MB   vs Word2Vec {w2v_bytes / 1e6:.1f} MB")
assert csr_bytes[-1] > 5 * w2v_bytes and np.all(np.diff(csr_bytes) > 0)
assert abs(glove_bytes / w2v_bytes - 2.04) < 0.01  # GloVe's parameters alone: twice Word2Vec's
assert 18 < peak[-1] / w2v_bytes < 24  # while training on the full sample: about 21 times

# %% [markdown]
# **Predict, then run.** With this vocabulary ($V$ = 9,002), is there a corpus size at which X
# no longer fits in 8 GB of memory?
#
# <details><summary>Answer</summary>
#
# No: X has at most $V^2$ = 81 million cells, about 1 GB in CSR even if every pair were seen.
# The matrix outgrows memory only when the *vocabulary* grows with the corpus, as it does for
# real text: at $V$ = 400,000 (the paper's vocabulary) $V^2 = 1.6 \times 10^{11}$ cells.
# Then only sparsity saves it. The benchmark measures this on the text8-sized Zipf corpus
# (`glovelib.datasets.zipf_corpus`: synthetic, 17 million tokens, about 73k words with count
# $\ge 5$), whose vocabulary grows with its prefix.
# </details>

# %% tags=["reveal"]
full_cells = len(vocab) ** 2
print(f"V^2 = {full_cells:,} cells: at most {full_cells * 12 / 1e9:.2f} GB in CSR;"
      f" filled now: {nnz[-1] / full_cells:.1%}")
assert full_cells * 12 < 8e9

# %% [markdown]
# Counting need not hold X in memory while it counts: with `max_memory`, glovelib sorts partial
# counts into runs on disk and merges them (as the C `cooccur` tool does), and the result is the
# same matrix. What it bounds is the counting, not the result: glovelib's trainer holds X (the C
# `glove` tool instead streams a shuffled file from disk every epoch).

# %%
X_bounded = gl.count_cooccurrences(parts[2], len(vocab), WINDOW, max_memory="4MB")
assert (X_bounded != Xs[2]).nnz == 0
print("bounded-memory counting (4 MB budget) gives the same", f"{X_bounded.nnz:,}", "nonzeros")

# %% [markdown]
# **Verdict (memory).** True, and it grows: on the full sample X alone is more than five times
# Word2Vec's parameters, and its size grows with the corpus while Word2Vec's does not. While
# GloVe trains it holds more: the training records and its own parameters with their AdaGrad
# sums (twice Word2Vec's parameters by themselves), about 21 times Word2Vec's memory here. It is bounded by
# $V^2$, so it stops fitting only when the vocabulary is large; bounded-memory counting removes
# the peak of counting, not the matrix.
#
# ## 4. Incremental training
#
# Take draw 0 of the planted world (section 2) and split it: text **A** — its first 8,000
# sentences, less every sentence about five country-capital pairs, so that those ten words are
# unknown — and new text **B**, the rest (the last 2,000 sentences and the ones held back).
# A and B together are draw 0, so section 2's models *are* the retrained ones. Then:
#
# * **Word2Vec, continued**: train on A, then gensim's vocabulary update and more epochs on B;
# * **GloVe, continued**: train on A, add B's counts to X (over A's words) and continue with
#   `partial_fit`. Counts add up; new words would need new rows, which the model does not have.
#
# The retrained scores are section 2's, at epoch 50; GloVe continued trains 50 + 20 = 70 epochs in
# all, and section 2 showed GloVe losing a little accuracy after epoch 30 here: part of any gap is
# over-training, not the continuation.

# %%
new_words = {w for pair in world.pairs["capital-common-countries"][:5] for w in pair}
draw0 = chunks[0]
in_A = [i < 8000 and not new_words & set(d) for i, d in enumerate(draw0)]
A = [d for d, a in zip(draw0, in_A, strict=True) if a]
B = [d for d, a in zip(draw0, in_A, strict=True) if not a]
vA = gl.Vocabulary.build(A)
XA, XB = (gl.count_cooccurrences(vA.encode_documents(t), len(vA), WINDOW) for t in (A, B))
X_all = gl.count_cooccurrences(vA.encode_documents(draw0), len(vA), WINDOW)
assert abs(XA + XB - X_all).max() < 1e-9  # adding counts = recounting (over A's words)
assert 0.2 < len(B) / len(draw0) < 0.3  # B: about a quarter of the sentences
print(len(A), "sentences in A,", len(B), "in B;", len(new_words), "words only in B;",
      "X_A + X_B equals X counted on A + B")

# %%
glove = gl.GloVe(DIM, x_max=10.0, epochs=GLOVE_EPOCHS, random_state=0).fit(XA)
kv = {"GloVe, continued": glove.partial_fit(XA + XB, epochs=20).to_keyed_vectors(vA)}
w2v = baselines.word2vec_model(A, vA, DIM, WINDOW, NEG, epochs=W2V_EPOCHS)
before = w2v.wv.vectors.copy()  # A's words, before the update (new words are appended)
kv["Word2Vec, continued"] = gl.KeyedVectors.from_gensim(
    baselines.update_word2vec(w2v, B, epochs=W2V_EPOCHS).wv)
inc = {name: evaluate.analogy_accuracy(k, questions) for name, k in kv.items()}
n_q = world.n_questions
share = {name: r.total.correct / n_q for name, r in inc.items()}
share |= {"GloVe, retrained": curves[0]["glove"][-1], "Word2Vec, retrained": curves[0]["w2v"][-1]}

# %%
for name, k in kv.items():
    print(f"{name:20s} knows the new words: {all(w in k for w in new_words)!s:5s}"
          f"  questions it can answer: {inc[name].total.seen:,d} of {n_q:,d}")
assert not any(w in kv["GloVe, continued"] for w in new_words)
assert all(w in kv["Word2Vec, continued"] for w in new_words)

# %%
# NBVAL_IGNORE_OUTPUT
for name, a in share.items():
    print(f"{name:20s} {a:6.1%} of all {n_q:,} questions")
moved = np.linalg.norm(w2v.wv.vectors[: len(before)] - before, axis=1)
moved /= np.linalg.norm(before, axis=1)
print(f"Word2Vec's update moved A's words by {np.median(moved):.0%} of their length (median)")

# %%
assert share["GloVe, continued"] > 0.6 * share["GloVe, retrained"]
assert share["Word2Vec, continued"] > 0.7 * share["Word2Vec, retrained"]
assert 0.65 < share["GloVe, continued"] / share["GloVe, retrained"] < 0.85  # about 3/4
assert np.median(moved) > 0.1  # the old words' vectors move too
print("continued training gets most of the way to retraining (over 60% of its score), for both")

# %% [markdown]
# **Verdict (incremental).** "GloVe cannot be trained incrementally" is half true. Counts *add*:
# new text's counts go into X and `partial_fit` continues, reaching about three quarters of
# retraining's score here (asserted: more than 60%), for the words it already has. What it
# cannot do is learn **new words** — they need rows in $W$, $\tilde W$ and X, i.e. a new
# vocabulary (and in glovelib, a new model). Word2Vec's vocabulary update adds them, but
# learns them only from the new text, with the old words' vectors still moving (in our run by
# about a third of their length, median; asserted: more than a tenth).
#
# ## 5. Learning from little data
#
# Accuracy against corpus size for the three models, two draws of each size from the same
# world (GloVe 50 epochs, Word2Vec 10, PPMI-SVD of the same counts as GloVe). Two setups are
# mixed, to save class time: the 1,000 and 3,000 sentence points are trained here (Word2Vec
# through `baselines.train_word2vec`), the 10,000 point reuses section 2's runs (Word2Vec
# through `baselines.word2vec_model`; the same gensim settings, one thread). And GloVe runs 50
# epochs although at 10,000 sentences it peaked at 30–40 (section 2): its 10,000 point is its
# 50th epoch, a little below its best (0.22 and 0.27 against 0.25 and 0.29 in our run).

# %%
def three_scores(docs, seed):
    v = gl.Vocabulary.build(docs)
    X = gl.count_cooccurrences(v.encode_documents(docs), len(v), WINDOW)
    glove = gl.GloVe(DIM, x_max=10.0, epochs=GLOVE_EPOCHS, random_state=seed).fit(X)
    w2v = baselines.train_word2vec(docs, v, vector_size=DIM, window=WINDOW, negative=NEG,
                                   epochs=W2V_EPOCHS, seed=seed)
    return [accuracy(glove.to_keyed_vectors(v)), accuracy(w2v),
            accuracy(baselines.ppmi_svd(X, v, dim=DIM))]


sizes, names = [1_000, 3_000, 10_000], ["GloVe", "Word2Vec", "PPMI-SVD"]
little = np.array([[three_scores(chunk[:n], seed) for seed, chunk in enumerate(chunks)]
                   for n in sizes[:-1]]
                  + [[[c["glove"][-1], c["w2v"][-1], accuracy(baselines.ppmi_svd(c["X"], c["v"]))]
                      for c in curves]])  # (size, draw, model); 10,000: section 2's runs

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for m, name in enumerate(names):
    ax.errorbar(sizes, little[:, :, m].mean(axis=1), marker="o", label=name,
                yerr=np.ptp(little[:, :, m], axis=1) / 2)
ax.set(xscale="log", xlabel="sentences (planted world)", ylabel="analogy accuracy",
       title="Who learns from less? (two draws per size)")
ax.legend()
plt.show()

# %%
# NBVAL_IGNORE_OUTPUT
for n, row in zip(sizes, little, strict=True):
    print(f"{n:7,d} sentences:", "  ".join(f"{name} {a.min():.2f}-{a.max():.2f}"
                                            for name, a in zip(names, row.T, strict=True)))

# %%
glove_acc, w2v_acc, ppmi_acc = little[..., 0], little[..., 1], little[..., 2]
assert np.all(ppmi_acc[0] > np.maximum(glove_acc[0], w2v_acc[0]) + 0.01)  # 1,000: PPMI-SVD
assert np.all(w2v_acc[2] > ppmi_acc[2] + 0.05)  # 10,000: Word2Vec far ahead
assert np.all(glove_acc[1:] < np.minimum(w2v_acc[1:], ppmi_acc[1:]) - 0.05)  # GloVe last
assert np.all(np.abs(ppmi_acc[1] - w2v_acc[1]) < 0.06)  # 3,000: Word2Vec close to PPMI-SVD
print("PPMI-SVD leads on the least text, Word2Vec by 10,000 sentences; GloVe needs the most")

# %% [markdown]
# **Verdict (little data).** On the smallest corpus the count-based PPMI-SVD is ahead in both
# draws; at 3,000 sentences Word2Vec is close behind it (in our run 0.14 against 0.16–0.18; the
# benchmark finds either ahead, depending on the world drawn), and by 10,000 it is far ahead.
# (Notebook 06 trains on the default planted world, 100,000 sentences, at window 15 rather than
# 10 and Word2Vec for 5 epochs: there GloVe and Word2Vec solve over 95%, PPMI-SVD well under
# 90%.) GloVe, a count-based method too,
# needs the most text here: its weighted least squares needs reliable counts. Sahlgren & Lenci
# (EMNLP 2016, *The effects of data size and frequency range on distributional semantic models*)
# varied corpus size (1 million to 1 billion words) and likewise found that neural models
# underperform on small data, and a factorized count model (an SVD) the most reliable. (Levy,
# Goldberg & Dagan 2015 did not vary size; they found that hyperparameters matter more than the
# choice of algorithm.)
#
# ## Summary: the table, with when each line is true
#
# | claim | measured here | when it holds |
# |---|---|---|
# | GloVe trains faster | work per epoch: nnz (exponent $b < 1$) vs kept tokens (exponent 1) | in counted work, here already, more so as the corpus grows; in seconds it depends on the CPU and on the epochs needed |
# | GloVe reaches good vectors sooner (Figure 4) | at 10,000 planted sentences: both reach 15% at about the same work, Word2Vec ends far higher | with reliable counts (the paper: 6B tokens) |
# | X costs memory | X is 5+ times Word2Vec's parameters on the full sample, and grows; about 21 times with GloVe's training state | always; it stops fitting when the vocabulary (not only the text) grows; bounded counting caps counting only |
# | no incremental training | counts add exactly; `partial_fit` continues close to retraining | false for known words, true for new words (rows) |
# | Word2Vec suits changing corpora | its vocabulary update learns new words from the new text only | yes, with that caveat |
# | which learns from little data | PPMI-SVD on the least text, Word2Vec soon after; GloVe last | the smallest corpora favour plain counts |
#
# ## Exercises
#
# 1. Repeat section 1 with GloVe's usual window 15 and Word2Vec's default 5 (unmatched). Which
#    exponent changes, and does the ratio of total work still fall?
# 2. The paper's Figure 4 varied word2vec's *negative samples*, not epochs. Train Word2Vec on
#    draw 0 with `negative` = 1, 5, 15 and 3 epochs, and plot accuracy against counted work.
# 3. In section 4, continue GloVe for 5 instead of 20 epochs. How close to retraining does it
#    get, and why is it cheap to get close?
# 4. Section 3 says X stops fitting only when the vocabulary grows. Using the exponent of
#    section 1 (nnz grows like $|C|^{0.84}$) and $V^2$, estimate how many tokens this vocabulary
#    would need before X were full, and what X would then cost.
#
# <details><summary>Answers</summary>
#
# 1. Neither exponent changes much (our run: nnz 0.83 instead of 0.84, Word2Vec still 1.00), so
#    GloVe's share still falls as the corpus grows. The levels change: counting and nnz grow with
#    the wider window, and Word2Vec's work per token falls to $(5 + 1) / (10 + 1) \approx 0.55$ of
#    its window-10 value (with the dynamic window a token meets on average $w + 1$ contexts;
#    `window_pairs` gives 0.546). GloVe's total work goes from 1.50 to 1.07 of Word2Vec's over
#    the five prefixes (0.60 to 0.43 at matched windows; Word2Vec's work counted after
#    subsampling): more than Word2Vec's on every prefix, so the crossover in work moves beyond
#    the full sample. (`benchmarks/exercise_answers.py 08.1` reproduces these.)
# 2. More negatives cost proportionally more work per epoch. In our run, after 3 epochs accuracy
#    rises with them (about 0.04, 0.18 and 0.25 for 1, 5 and 15 negatives), but at equal counted
#    work 5 negatives do better: about $10^7$ updates give 0.18 with 5 (3 epochs) and 0.07 with 15
#    (one epoch; the benchmark counts updates before subsampling, which scales both by the same
#    factor and leaves this comparison as it is). The paper saw word2vec's accuracy *fall* beyond about 10 negatives, on 6B
#    tokens. (`benchmarks/exercise_answers.py 08.2` reproduces these.)
# 3. Most of the way, cheaply: the model already fits A's counts (with no more epochs it scores
#    0.59 of retraining), and B is only about a quarter of the sentences; in our run 5 epochs on
#    A + B reach 0.70 of retraining, 20 reach 0.76. The new words remain unknown however long you
#    train. (`benchmarks/exercise_answers.py 08.3` reproduces these.)
# 4. X holds 2.44 million nonzeros at 412,531 tokens, 3.0% of $V^2$ = 81 million. Filling it
#    takes $(81 / 2.44)^{1/0.84} \approx 65$ times more text, about 27 million tokens, and then
#    costs about 1 GB in CSR: it still fits. (An underestimate of the tokens: the exponent falls as
#    X fills, since the pairs left unseen are the rare ones.)
# </details>

# %%
growth = (full_cells / nnz[-1]) ** (1 / b_nnz)  # exercise 4: the arithmetic of its answer
assert 50 < growth < 80 and 2e7 < growth * tokens[-1] < 3.5e7 and full_cells * 12 < 8e9
