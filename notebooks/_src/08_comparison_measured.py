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
import scipy.linalg  # noqa: F401  SciPy's own BLAS (the SVD's): loaded now, so the limit covers it
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
# that only the text changes). For each we count X and tally the work. Then we redo the tally
# with the vocabulary rebuilt from each prefix, as it would be for real text of that size, and
# see which conclusion survives the change.
#
# **Predict, then run.** The corpus doubles. Does the number of nonzeros of X double?
#
# <details><summary>Answer</summary>
#
# No, with the vocabulary held fixed. A new pair adds a nonzero only the first time it is seen;
# most pairs of frequent words already have one. Nonzeros grow like $|C|^{b}$ with $b < 1$
# (notebook 02 derives $b$ from Zipf's law; the GloVe paper fits $|X| = O(|C|^{0.8})$ on its
# corpora). When the vocabulary grows with the text, new words bring new rows, and the cell
# after the table shows what that does to $b$. Word2Vec's work grows
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
if gl.course.guess(my_guess, bool(nnz[-1] >= 1.95 * nnz[-2]), "the nonzeros double"):
    print(f"nonzeros of X at 1/16 ... all of the corpus: {', '.join(f'{n:,}' for n in nnz)}")

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
# That exponent holds the vocabulary fixed: the small prefixes are counted over the full
# sample's 9,002 words, most of which they contain too few times to be in their own vocabulary.
# Notebook 02 showed that this choice decides the exponent. The same tally, with the vocabulary
# rebuilt from each prefix (min_count 5) and Word2Vec's keep rule from that vocabulary's counts:

# %%
rebuilt, rng_r = [], np.random.default_rng(1)  # its own draws: section 2 keeps rng's
for f in fractions[:-1]:  # the whole sample's own vocabulary is the fixed one: row reused
    docs = corpus[: int(f * len(corpus))]
    v = gl.Vocabulary.build(docs, min_count=5)
    p = v.encode_documents(docs)
    L, k = [len(d) for d in p], kept_lengths(p, keep_prob(v.counts), rng_r)
    rebuilt.append((len(v), sum(L), gl.count_cooccurrences(p, len(v), WINDOW).nnz,
                    baselines.window_pairs(L, WINDOW),
                    baselines.window_pairs(k, WINDOW, dynamic=True) * (NEG + 1)))
rebuilt.append((len(vocab), tokens[-1], nnz[-1], count_work[-1], w2v_work[-1]))
V_r, tokens_r, nnz_r, count_r, w2v_r = np.array(rebuilt, dtype=np.float64).T

# %%
b_nnz_r = exponent(tokens_r, nnz_r)
print("vocabulary per prefix:", " ".join(f"{x:,.0f}" for x in V_r), "words;  nnz:",
      " ".join(f"{x:,.0f}" for x in nnz_r))
print(f"exponents, vocabulary rebuilt: nnz {b_nnz_r:.2f} (fixed: {b_nnz:.2f}),"
      f" Word2Vec {exponent(tokens_r, w2v_r):.2f}")
assert b_nnz_r > 0.95 > 0.9 > b_nnz  # new words' rows cancel the saturation: about linear
# at min_count 5 only: 0.93 at min_count 2, 1.13 at 10 (ea 08.mincount)

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
# With GloVe at 15 epochs (the value of the C code's demo script; the paper runs 50 iterations
# below 300 dimensions, section 4.2, and sections 2 and 5 here run 50) and Word2Vec at 5
# (gensim's default), in counted work for both vocabulary setups, with the number of GloVe
# epochs at which the two cost the same (break-even), and in this machine's seconds:

# %%
E_GLOVE, E_W2V = 15, 5
setups = {"fixed": (count_work, nnz, w2v_work), "rebuilt": (count_r, nnz_r, w2v_r)}
ratio = {s: (c + E_GLOVE * n) / (E_W2V * w) for s, (c, n, w) in setups.items()}
ratio50 = {s: (c + 50 * n) / (E_W2V * w) for s, (c, n, w) in setups.items()}
even = {s: (E_W2V * w - c) / n for s, (c, n, w) in setups.items()}  # GloVe epochs, same work
for s in setups:
    print(f"vocabulary {s:7s} GloVe / Word2Vec work at 15 epochs:",
          " ".join(f"{r:.2f}" for r in ratio[s]), "  at 50:", " ".join(f"{r:.2f}" for r in
          ratio50[s]), "  break-even epochs:", " ".join(f"{e:.0f}" for e in even[s]))
assert all(np.all((0.4 < r) & (r < 0.65)) for r in ratio.values())  # GloVe cheaper at 15 ...
assert np.all(np.diff(ratio["fixed"]) < 0) and ratio["fixed"][-1] < 0.8 * ratio["fixed"][0]
assert abs(ratio["rebuilt"][-1] / ratio["rebuilt"][0] - 1) < 0.1  # ... flat when V grows
assert all(np.all((20 < e) & (e < 45)) for e in even.values())  # at 50 epochs: dearer

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
# **Verdict (speed).** At 15 GloVe epochs (the C demo's) against Word2Vec's 5, GloVe does less
# counted work on every prefix here, in both vocabulary setups (Word2Vec's work counted after
# subsampling): 0.60 down to 0.43 of Word2Vec's with the vocabulary fixed, 0.46 to 0.43 with it
# rebuilt per prefix at min_count 5. Whether its share *falls* as the corpus grows depends on the vocabulary:
# held fixed, X's nonzeros grow like $|C|^{0.84}$ and the share falls; rebuilt per prefix, as
# for real text, they grow about linearly ($b \approx 1.02$) and the share stays flat (asserted:
# within 10%) — **at min_count 5**, this notebook's threshold. The threshold decides it too: at
# min_count 2 the exponent is 0.93 and GloVe's share falls by 18% over the prefixes; at
# min_count 10 it is 1.13, the share rises a little (7%) and lies at 0.36-0.39, below the band
# asserted here (`benchmarks/exercise_answers.py 08.mincount`). The number of epochs decides the
# rest: GloVe breaks even with Word2Vec at 26-39
# epochs here, so at the paper's 50 it does 1.25-1.8 times Word2Vec's counted work. (The draw of
# kept tokens moves these ratios by under 0.002 over seeds 0-2:
# `benchmarks/exercise_answers.py 08.work`.) Whether any of this makes GloVe faster in *seconds*
# depends on the machine (an update costs different time in the two implementations and with
# the cache) and on how many epochs each needs for good vectors, which section 2 measures. The
# work's exponents and ratios do not depend on the machine.
#
# ## 2. Accuracy against training time (the paper's Figure 4, small)
#
# The paper's Figure 4 plots analogy accuracy against training hours, GloVe by iterations and
# word2vec by *negative samples* (its code then ran a single epoch; 6B tokens, 400k words,
# window 10). gensim trains several epochs, so here both go by epoch, on the planted world at a
# size where neither is saturated (10,000 sentences), two corpora drawn from the same world.
# GloVe's curve is one run read after each epoch count (its AdaGrad steps do not depend on how
# many epochs are planned, so that is as good as separate runs); so is Word2Vec's first curve
# (one 10-epoch run), and then, the paper's way, separate Word2Vec runs of 2 and 3 epochs.
#
# **Predict, then run.** GloVe's epochs are cheap (a few tens of thousands of nonzeros). Will
# GloVe reach a given accuracy with less counted work than Word2Vec here?
#
# <details><summary>Answer</summary>
#
# For this bar (15%), yes, in every draw and world we tried (lower bars we did not test); by how
# much depends on how Word2Vec's
# points are taken. Read off one 10-epoch run after each epoch, Word2Vec passes 15% of the
# questions in its 2nd epoch and GloVe in its 15th or 16th, with 0.82 and 0.86 of Word2Vec's
# counted work (asserted between 0.7 and 1). Both are read at whole epochs, and one Word2Vec
# epoch costs about 18 of GloVe's, so Word2Vec's side is coarse: had it crossed early in its
# second epoch, the two would be about level. As separate runs, the way the paper's points are,
# Word2Vec needs 3 epochs (a 2-epoch run scores under 10%: gensim lowers its learning rate to
# zero over the epochs it plans, so a short run is not an early snapshot of a long one), and
# GloVe needs a little over half the work (0.55 and 0.57). Subsampling matters too: these short
# sentences are full of frequent words, Word2Vec keeps under half of the tokens, and an epoch
# then costs about as much as 18 of GloVe's. Either way GloVe then levels off, near 25-30% in
# this world's two draws (its peak is 0.31-0.40 in worlds 5-7), while Word2Vec climbs to 80%
# (0.87-0.91 there; `benchmarks/exercise_answers.py 08.every` and `08.worlds`).
#
# What the notebook shows about why: with about 43 sentences per related word of the world
# (10,000 sentences, each holding one of its 232 related words), most of a related word's counts
# are small, and GloVe's $f$ gives counts below $x_{\max} = 10$ little weight; the log of a small
# count is also a noisy target (the try-it below changes $x_{\max}$), and training longer makes
# GloVe fit that noise (the fall after its peak below). Skip-gram trains on the same sentences every epoch; why it
# gets more out of them here is not something this notebook isolates. The paper's Figure 4
# (GloVe ahead at equal hours) is on 6 billion tokens; that reliable counts are what puts GloVe
# ahead there is our inference, not measured here. Section 5 shows the data-size effect at
# small sizes.
# </details>

# %% tags=["reveal"]
world = datasets.planted_corpus(n_sentences=20_000, seed=0)
questions = world.write_questions()
chunks = [world.documents[:10_000], world.documents[10_000:]]


def accuracy(kv):
    return evaluate.analogy_accuracy(kv, questions).accuracy

# %% tags=["reveal"]
GLOVE_EPOCHS, W2V_EPOCHS = 50, 10
SNAP = list(range(1, GLOVE_EPOCHS + 1))  # every epoch: a coarser grid would round crossings up
SHOW = [1, 2, 5, 10, 15, 20, 30, 40, 50]  # the epochs printed


def glove_curve(X, v, seed, x_max=10.0):
    """Accuracy after each epoch, from one run continued epoch by epoch."""
    model, acc = gl.GloVe(DIM, x_max=x_max, epochs=1, random_state=seed), []
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
for seed, (c, docs) in enumerate(zip(curves, chunks, strict=True)):  # separate runs, timed
    c["w2v_runs"], c["w2v_run_s"] = {}, {}
    for e in (2, 3):
        t = time.perf_counter()
        m = baselines.word2vec_model(docs, c["v"], DIM, WINDOW, NEG, epochs=e, seed=seed)
        c["w2v_run_s"][e] = time.perf_counter() - t
        c["w2v_runs"][e] = accuracy(gl.KeyedVectors(c["v"].words, m.wv[c["v"].words]))

# %% tags=["reveal"]
fig, ax = plt.subplots(figsize=(7, 4))
for c, ls in zip(curves, ["-", "--"], strict=True):
    w_epoch = c["w2v_pairs"] * (NEG + 1)
    ax.plot(c["pairs"] + np.array(SNAP) * c["nnz"], c["glove"], ls, color="tab:blue")
    ax.plot(np.arange(1, W2V_EPOCHS + 1) * w_epoch, c["w2v"], "s" + ls, color="tab:orange")
    ax.plot(np.array([2, 3]) * w_epoch, [c["w2v_runs"][2], c["w2v_runs"][3]], "^", ms=9,
            mfc="none", color="tab:red")
ax.axhline(0.15, color="grey", lw=0.8, ls=":")
ax.annotate("the low bar: 15%", (4e6, 0.15), xytext=(0, 3), textcoords="offset points", size=8)
ax.set(xscale="log", xlabel="counted work (updates; GloVe includes counting, Word2Vec subsampled)",
       ylabel="analogy accuracy",
       title="Planted world, 10,000 sentences: draw 0 solid, draw 1 dashed")
ax.legend(["GloVe, one run read at epochs 1-50", "Word2Vec, one 10-epoch run read after each"
           " epoch", "Word2Vec, separate 2- and 3-epoch runs"], fontsize=8)  # draw 0's lines
plt.show()

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
for s, c in enumerate(curves):
    print(f"draw {s}: GloVe at epochs {SHOW}:", " ".join(f"{c['glove'][e - 1]:.2f}" for e in SHOW))
    print(f"        Word2Vec epochs 1-{W2V_EPOCHS}:", " ".join(f"{a:.2f}" for a in c["w2v"]))
    print("        Word2Vec, separate runs of 2 and 3 epochs:",
          " ".join(f"{a:.2f}" for a in c["w2v_runs"].values()))

# %% [markdown]
# Counted work charges counting as many GloVe epochs as it has pairs per nonzero (about 15
# here). Seconds price it differently: on this machine (printed, not compared: it depends on the
# CPU and its load),

# %%
# NBVAL_IGNORE_OUTPUT
c, ids0 = curves[0], curves[0]["v"].encode_documents(chunks[0])
t = time.perf_counter(); gl.count_cooccurrences(ids0, len(c["v"]), WINDOW)
t_count, t = time.perf_counter() - t, time.perf_counter()
gl.GloVe(DIM, x_max=10.0, epochs=10, random_state=0).fit(c["X"])
t_epoch = (time.perf_counter() - t) / 10
e15 = SNAP[int(np.argmax(np.asarray(c["glove"]) >= 0.15))]  # GloVe's first epoch count past 15%
print(f"draw 0: counting {t_count:.2f} s = {t_count / t_epoch:.1f} GloVe epochs of time"
      f" ({c['pairs'] / c['nnz']:.1f} in counted work)")
print(f"seconds to 15%: GloVe {t_count + e15 * t_epoch:.2f} (counting + {e15} epochs),"
      f" Word2Vec {c['w2v_run_s'][3]:.2f} (its 3-epoch run)")

# %% tags=["reveal"]
def work_to_reach(work, acc, target=0.15):
    return work[np.argmax(np.asarray(acc) >= target)] if max(acc) >= target else np.inf

# %% tags=["check"]
for c in curves:
    g_work = c["pairs"] + np.array(SNAP) * c["nnz"]
    w_work = np.arange(1, W2V_EPOCHS + 1) * c["w2v_pairs"] * (NEG + 1)
    reach = work_to_reach(g_work, c["glove"]) / work_to_reach(w_work, c["w2v"])
    assert 0.7 < reach < 1.0, (f"to 15% GloVe needs {reach:.2f} of Word2Vec's work, not 0.7-1.0:"
                               " this verdict is x_max = 10's")
    # to 15%, Word2Vec read off one run: GloVe first, 0.82 and 0.86 of its work (08.fig4)
    assert max(c["glove"]) < c["w2v"][-1] - 0.1  # Word2Vec ends higher, by > 10 points
    assert c["glove"][-1] > c["glove"][0] + 0.1 and c["w2v"][-1] > c["w2v"][0] + 0.3

# %% tags=["check"]
for c in curves:
    assert 15 < c["w2v_pairs"] * (NEG + 1) / c["nnz"] < 21  # a Word2Vec epoch ~ 18 GloVe epochs
    assert 0.4 < c["kept_share"] < 0.55  # subsampling keeps under half of these tokens
    assert 3.4 < c["w2v_all"] / c["w2v_pairs"] < 4.1  # and about 1 pair in 3.7 (short sentences)
    assert max(c["glove"]) > c["glove"][-1] + 0.01  # GloVe peaks before epoch 50, then falls
    run = c["w2v_runs"]  # separate runs, the paper's way: a real 2-epoch run is far below
    assert run[2] < 0.15 <= run[3] and run[2] < c["w2v"][1] - 0.05  # the epoch-2 snapshot
    reach_runs = work_to_reach(g_work, c["glove"]) / (3 * c["w2v_pairs"] * (NEG + 1))
    assert 0.45 < reach_runs < 0.7, (f"GloVe needs {reach_runs:.2f} of a 3-epoch run's work, "
                                      "not 0.45-0.7: this verdict is x_max = 10's")
    # so with separate runs GloVe is first to 15% by more: a little over half the work
print("in both draws, to 15%: GloVe first, with 0.7-1.0 of Word2Vec's work read off one run and",
      "0.45-0.7 of a separate 3-epoch run's; Word2Vec's 10 epochs beat every GloVe epoch count")

# %% [markdown]
# At $x_{\max} = 10$ GloVe passes 15% at epoch 15 or 16 (12 to 15 in worlds 0-7 drawn with
# 10,000 sentences: `benchmarks/bench_compare.py figure4`, `08.every`), peaks at 30–40 epochs
# near 25-30% (in our run 0.26 at epoch 35 and 0.29 at 38; world 7, drawn the same way, peaks
# at 0.36) and then *loses* a little accuracy (0.26 → 0.22 and 0.29 → 0.27 by epoch 50): more
# epochs fit the noisy small counts more closely. Word2Vec ends near 80% (0.87-0.91 in worlds
# 5-7: `benchmarks/exercise_answers.py 08.worlds` and `08.worlds7`).

# %%
related = {w for pairs in world.pairs.values() for pair in pairs for w in pair}
assert len(related) == 232 and 40 < len(chunks[0]) / len(related) < 46  # sentences per word
for c in curves:
    g = np.asarray(c["glove"])
    first, peak = SNAP[np.argmax(g >= 0.15)], SNAP[np.argmax(g)]
    assert 12 <= first <= 17 and 30 <= peak <= 40, (
        f"past 15% at epoch {first}, peak at {peak}: this verdict is x_max = 10's")
    # world 0's draws only: GloVe peaks at 0.31-0.39 in worlds 5-7 (0.36 in world 7 drawn as
    # here), Word2Vec ends at 0.87-0.91 (ea 08.worlds, 08.worlds7)
    assert 0.2 < g.max() < 0.35 and 0.7 < c["w2v"][-1] < 0.9
print("x_max = 10: past 15% at epochs 12-17, peak at 30-40 epochs; Word2Vec ends above 70%")

# %% [markdown]
# **Try it.** Set `try_x_max = 2.0` in the cell below (more weight for the small counts of a
# small corpus) and run it. It trains GloVe's curve again at that $x_{\max}$ on both draws and
# prints what section 2's verdict checks; nothing else in the notebook changes, so the cells
# after it still see the $x_{\max} = 10$ runs. Does GloVe's curve rise? Does the verdict still
# hold?

# %%
# NBVAL_IGNORE_OUTPUT
try_x_max = 10.0  # the try-it: set 2.0 and run this cell (the x_max = 10 curves are reused)
for s, c in enumerate(curves):
    g = c["glove"] if try_x_max == 10.0 else glove_curve(c["X"], c["v"], s, x_max=try_x_max)
    to15 = work_to_reach(c["pairs"] + np.array(SNAP) * c["nnz"], g)
    w_work = np.arange(1, W2V_EPOCHS + 1) * c["w2v_pairs"] * (NEG + 1)
    print(f"draw {s}, x_max = {try_x_max:g}: GloVe at epochs {SHOW}:",
          " ".join(f"{g[e - 1]:.2f}" for e in SHOW))
    print(f"   past 15% at epoch {SNAP[int(np.argmax(np.asarray(g) >= 0.15))]} (verdict: 12-17),"
          f" peak {max(g):.2f} at epoch {SNAP[int(np.argmax(g))]} (verdict: 30-40);"
          f" work to 15%: {to15 / work_to_reach(w_work, c['w2v']):.2f} of Word2Vec's read off"
          f" one run (verdict: 0.7-1.0), {to15 / (3 * c['w2v_pairs'] * (NEG + 1)):.2f} of a"
          f" 3-epoch run's (verdict: 0.45-0.7); Word2Vec ends {c['w2v'][-1] - max(g):.2f} higher")

# %% [markdown]
# <details><summary>Answer</summary>
#
# It rises sooner but not higher: in our runs GloVe peaks earlier (0.26 and 0.29 at epochs 13
# and 14), then falls to 0.15–0.17 by epoch 50, as it fits the small, noisy counts it now
# weights more. GloVe now passes 15% at epoch 8 in both draws, with 0.63 of the work Word2Vec
# (read off one run) needs to get there, below the verdict's 0.7-1.0, and 0.42 of a 3-epoch
# run's, below 0.45-0.7; the peak has moved out of epochs 30-40. Word2Vec still ends far higher.
# So the verdict's figures are those of $x_{\max} = 10$, the setting they name; that GloVe is
# first to the low bar holds at both.
# (`benchmarks/exercise_answers.py 08.every2` reproduces these; `08.tryit` the accuracies.)
# </details>
#
# **Verdict (accuracy vs time).** What holds however it is measured, in both draws: at 10,000
# planted sentences Word2Vec ends far higher (near 80% after 10 epochs, against GloVe's best,
# near 25%, in this world; 0.87-0.91 against 0.31-0.39 in worlds 5-7). Who reaches a low bar (15%) first depends on how it is measured:
#
# * Word2Vec read off one 10-epoch run (both read at whole epochs): GloVe first, with 0.82 and
#   0.86 of the counted work in the two draws here (0.82-0.88 for model seeds 0-2:
#   `benchmarks/exercise_answers.py 08.fig4`), 0.68-0.82 in worlds 0-4
#   (`benchmarks/bench_compare.py figure4`) and 0.64-0.71 in worlds 5-7 (`08.every`); Word2Vec's
#   side is read to the nearest of its epochs, each worth about 18 of GloVe's, so "a little
#   sooner" is as far as this goes;
# * separate Word2Vec runs, as the paper's points are: GloVe first, with a little over half the
#   work in both draws here (0.55 and 0.57; 0.55-0.59 for model seeds 0-2, `08.fig4`, which runs
#   1-5 epochs), 0.45-0.55 in four of worlds 0-4 and 0.46-0.64 in worlds 5-7; in worlds 1 and 5 a
#   2-epoch run already reaches 16% and GloVe needs 0.71. GloVe is first at this bar in every
#   setup we measured;
# * the price of counting: counted work charges it as 15 GloVe epochs; in seconds it cost 3-7
#   GloVe epochs in our builds of this notebook, on our machine. Yours prints its own figure above,
#   which may differ a lot (one student's printed 0.7 on a loaded machine): counting runs up to
#   two threads plus a reader while these GloVe epochs run on one, so the ratio depends on the
#   CPU, its free cores and its load, and one short timing is noisy. In every run we have seen
#   it stayed well below 15 (0.7 to about 10), which moves GloVe further ahead in seconds;
# * counted before subsampling, Word2Vec's work would look about 3.7 times larger and GloVe
#   clearly first: charge each method with the work it actually does.
#
# So the paper's Figure 4 (GloVe ahead at every training time, on 6 billion tokens; word2vec
# varied by negative samples, exercise 2) holds here only for the low bar (GloVe first however
# Word2Vec's points are read, by more when they are read the paper's way); "ahead at every time" does not hold at this scale (Word2Vec ends 0.47-0.51
# higher on all five other worlds too). Which method reaches a given accuracy first depends on
# the target, the corpus size and how the runs are taken, not only on the cost per epoch.
#
# ## 3. Memory
#
# GloVe holds X: in CSR a nonzero costs 8 bytes of count and 4 of column index, and glovelib's
# trainer makes a 16-byte record per nonzero (row, column, log count, weight in float32) and
# holds the records in memory while it trains. Its own parameters are $W$, $\tilde W$
# ($V \times d$) and $b$, $\tilde b$ ($V$), with an AdaGrad sum of squares for each, all
# float32. Word2Vec holds two $V \times d$ float32 matrices (word vectors and output weights),
# whatever the corpus size. While glovelib trains, all of GloVe's part is held at once (the
# caller still holds X). The reference C code is built the other way: its `glove` tool streams
# its shuffled records from disk every epoch and holds only the parameters and their sums.

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
assert 18 < peak[-1] / w2v_bytes < 24  # records in memory (glovelib), full sample: about 21x

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
# **Verdict (memory).** X itself is large, and it grows: on the full sample it is more than five
# times Word2Vec's parameters, and its size grows with the corpus while Word2Vec's does not.
# What training holds depends on the trainer. glovelib, as trained here, holds the training
# records in memory, with its own parameters and their AdaGrad sums (twice Word2Vec's
# parameters by themselves): about 21 times Word2Vec's memory here. The reference `glove.c`
# streams its records from disk each epoch, so its training memory is its parameters and sums,
# about twice Word2Vec's, and X costs it disk rather than memory. X is bounded by $V^2$, so in
# memory it stops fitting only when the vocabulary is large; bounded-memory counting removes
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
#   `partial_fit`. Counts add up; new words would need new rows, which the model does not have;
# * **no update** (the control): each model trained on A, as it is. A continuation is worth
#   what it adds over this, not what it reaches: A already holds three quarters of the text.
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
kv = {"GloVe, no update": glove.to_keyed_vectors(vA)}  # a copy: the control
kv["GloVe, continued"] = glove.partial_fit(XA + XB, epochs=20).to_keyed_vectors(vA)
w2v = baselines.word2vec_model(A, vA, DIM, WINDOW, NEG, epochs=W2V_EPOCHS)
before = w2v.wv.vectors.copy()  # A's words, before the update (new words are appended)
kv["Word2Vec, no update"] = gl.KeyedVectors.from_gensim(w2v.wv)  # a copy: the control
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
assert not any(w in kv[n] for n in ("GloVe, continued", "Word2Vec, no update") for w in new_words)
assert all(w in kv["Word2Vec, continued"] for w in new_words)

# %%
# NBVAL_IGNORE_OUTPUT
of_retrained = {name: a / share[name.split(",")[0] + ", retrained"] for name, a in share.items()}
for name, a in share.items():
    print(f"{name:20s} {a:6.1%} of all {n_q:,} questions, {of_retrained[name]:.2f} of retraining")
moved = np.linalg.norm(w2v.wv.vectors[: len(before)] - before, axis=1)
moved /= np.linalg.norm(before, axis=1)
print(f"Word2Vec's update moved A's words by {np.median(moved):.0%} of their length (median)")

# %%
gain = {m: of_retrained[f"{m}, continued"] - of_retrained[f"{m}, no update"]
        for m in ("GloVe", "Word2Vec")}
assert gain["GloVe"] > 0.08 and gain["Word2Vec"] > 0.05  # the update's gain over no update
assert 0.65 < of_retrained["GloVe, continued"] < 0.85  # about 3/4 of retraining
assert np.median(moved) > 0.1  # the old words' vectors move too
print("continuing beats no update by more than 0.08 (GloVe) and 0.05 (Word2Vec) of",
      "retraining's score")

# %% [markdown]
# **Verdict (incremental).** "GloVe cannot be trained incrementally" is half true. Counts *add*:
# new text's counts go into X and `partial_fit` continues, for the words it already has. Measured
# against doing nothing: trained on A alone, GloVe already scores 0.59 of retraining, and the
# update lifts it to 0.76; Word2Vec goes from 0.79 to 0.89 (asserted: gains of more than 0.08
# and 0.05 of retraining's score; over model seeds 0-2 the gains are 0.12-0.17 and 0.10-0.15,
# `benchmarks/exercise_answers.py 08.inc`, on three other worlds 0.11-0.16 and 0.09-0.12,
# `benchmarks/bench_compare.py incremental`, on worlds 5-7 0.12-0.16 and 0.07-0.16,
# `08.worlds`, and 0.09 for both in world 7 split as here, `08.worlds7`: in all, 0.09-0.17 for
# GloVe and 0.07-0.16 for Word2Vec). So continuing does help, though most of the score
# was there before it: A is three quarters of the text. What it
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
# 50th epoch, a little below its best (0.22 and 0.27 against 0.25 and 0.29 in our run). In the
# picture the 10,000 point, from the other setup, has an open diamond joined by a dotted line;
# each bar spans the two draws (their mean ± half their range: with two draws, no more). Two
# draws of one world are fewer than the course's three-seed rule; `benchmarks/exercise_answers.py
# 08.little` adds worlds 0-4 (one draw each, model seed = world): PPMI-SVD leads at 1,000
# sentences in all five, GloVe is last at 3,000 in all five, by 0.10 or more, and PPMI-SVD and
# Word2Vec are 0.00 to 0.06 apart at 3,000, either ahead (Word2Vec in worlds 2 and 4) — so read
# the band asserted below (under 0.06) as this world's.

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
    mean, half = little[:, :, m].mean(axis=1), np.ptp(little[:, :, m], axis=1) / 2
    line = ax.errorbar(sizes[:-1], mean[:-1], yerr=half[:-1], marker="o", capsize=3, label=name)
    color = line[0].get_color()
    ax.errorbar(sizes[-1:], mean[-1:], yerr=half[-1:], marker="D", mfc="none", capsize=3,
                color=color)
    ax.plot(sizes[-2:], mean[-2:], ":", color=color)
ax.plot([], [], "Dk", mfc="none", ls=":", label="10,000: section 2's runs")
ax.set(xscale="log", xlabel="sentences (planted world)", ylabel="analogy accuracy",
       title="Who learns from less? Bars span the two draws per size")
ax.legend()
plt.show()

# %%
# NBVAL_IGNORE_OUTPUT
for n, row in zip(sizes, little, strict=True):
    print(f"{n:7,d} sentences:", "  ".join(f"{name} {a.min():.2f}-{a.max():.2f}"
                                            for name, a in zip(names, row.T, strict=True)))

# %%
glove_acc, w2v_acc, ppmi_acc = little[..., 0], little[..., 1], little[..., 2]
# 1,000: PPMI-SVD ahead, but every score is 7% or less (ahead in worlds 0-4 too: ea 08.little)
assert np.all(ppmi_acc[0] > np.maximum(glove_acc[0], w2v_acc[0]) + 0.01)
assert np.all(w2v_acc[2] > ppmi_acc[2] + 0.05)  # 10,000: Word2Vec far ahead
assert np.all(glove_acc[1:] < np.minimum(w2v_acc[1:], ppmi_acc[1:]) - 0.05)  # GloVe last
assert np.all(np.abs(ppmi_acc[1] - w2v_acc[1]) < 0.06)  # 3,000: close (world 0's; 08.little: 0-0.06)
print("PPMI-SVD leads on the least text, Word2Vec by 10,000 sentences; GloVe needs the most")

# %% [markdown]
# **Verdict (little data), with Word2Vec at its 10 epochs.** On the smallest corpus the
# count-based PPMI-SVD is ahead in both draws, but on small numbers: at 1,000 sentences every method solves 7% of the questions or
# fewer, and PPMI-SVD's lead is 2-6 points (the order held in five more worlds, 0-4, drawn with
# model seed = world: PPMI-SVD 0.047-0.070, Word2Vec 0.013-0.019, GloVe 0.005-0.014;
# `benchmarks/exercise_answers.py 08.little`). At 3,000 sentences Word2Vec is close behind it (in our run 0.14 against 0.16–0.18; the
# benchmark finds either ahead, depending on the world drawn), and by 10,000 it is far ahead.
# The order is that of the training budget we gave Word2Vec: its epochs are cheap on so little
# text, and trained for 30 it leads at 1,000 sentences too (0.074-0.092 in worlds 0-4, against
# PPMI-SVD's 0.047-0.070) and far ahead at 3,000 (0.37-0.49 against 0.15-0.21; `08.little`).
# GloVe (50 epochs, x_max = 10) is last at every size and in every world tried.
# (Notebook 06 trains on the default planted world, 100,000 sentences, at window 15 rather than
# 10 and Word2Vec for 5 epochs: there GloVe and Word2Vec solve over 95%, PPMI-SVD well under
# 90%.) GloVe, a count-based method too,
# needs the most text here; that its weighted least squares needs reliable counts is our
# reading (section 2), not measured. Sahlgren & Lenci
# (EMNLP 2016, *The effects of data size and frequency range on distributional semantic models*)
# varied corpus size (1 million to 1 billion words) and likewise found that neural models
# underperform on small data; their most reliable model over sizes and frequency ranges was an
# *inverted* factorized model (ISVD: an SVD that moves weight away from the first, largest
# components), not a plain SVD of PPMI like the one here. (Levy,
# Goldberg & Dagan 2015 did not vary size; they found that hyperparameters matter more than the
# choice of algorithm.)
#
# ## Summary: the table, with when each line is true
#
# | claim | measured here | when it holds |
# |---|---|---|
# | GloVe trains faster | work per epoch: nnz vs kept tokens; GloVe at 15 epochs does 0.43-0.60 of Word2Vec's (5 epochs) on every prefix | in counted work at 15 GloVe epochs (the C demo's), with the vocabulary fixed or rebuilt per prefix (min_count 5); at min_count 5 its share falls as the corpus grows only with the vocabulary fixed (nnz exponent 0.84 against 1.02; rebuilt at min_count 2 it falls too, at 10 it rises); break-even at 26-39 GloVe epochs, so at the paper's 50 GloVe does more work; in seconds it depends on the CPU and on the epochs needed |
# | GloVe reaches good vectors sooner (Figure 4) | at 10,000 planted sentences (two draws): Word2Vec ends far higher; to 15%, GloVe first: 0.82-0.86 of the work with Word2Vec read off one run at whole epochs, 0.55-0.57 with separate runs (worlds 0-7: 0.64-0.82 and 0.45-0.71) | the low bar only, measured the paper's way; the paper's "ahead at every time" is on 6B tokens, and that reliable counts are why is our inference, not measured |
# | X costs memory | X is 5+ times Word2Vec's parameters on the full sample, and grows; about 21 times while glovelib trains | a trainer holding its records in memory (glovelib here); the reference `glove.c` streams them from disk, about 2 times Word2Vec's; X in memory stops fitting only when the vocabulary grows; bounded counting caps counting only |
# | no incremental training | counts add exactly; `partial_fit` lifts GloVe from 0.59 (no update) to 0.76 of retraining, Word2Vec's update from 0.79 to 0.89 | false for known words, true for new words (rows); model seeds 0-2 in the benchmark |
# | Word2Vec suits changing corpora | its vocabulary update learns new words from the new text only | yes, with that caveat |
# | Word2Vec suits large corpora | not measured here (our largest corpus: 0.4 million tokens) | unknown from this notebook; the paper's Figure 4, on 6B tokens, has GloVe ahead at equal time |
# | which learns from little data | with Word2Vec at 10 epochs, PPMI-SVD on the least text (every method at 7% or less there; the lead is 2-6 points, in both draws and five more worlds), Word2Vec soon after; GloVe last | Word2Vec's 10 epochs: at 30 it leads at 1,000 and 3,000 sentences too (worlds 0-4); GloVe (50 epochs) last at every size and world tried |
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

# %% tags=["check"]
growth = (full_cells / nnz[-1]) ** (1 / b_nnz)  # exercise 4: the arithmetic of its answer
assert 50 < growth < 80 and 2e7 < growth * tokens[-1] < 3.5e7 and full_cells * 12 < 8e9
