# %% [markdown]
# # 06 — GloVe vs Word2Vec, in pictures
#
# The GloVe paper places itself between two families:
#
# * **local context window** methods — Word2Vec's skip-gram streams over the text and predicts
#   each word's neighbours (a classification per occurrence);
# * **global matrix factorization** — count once, then factorize (LSA; here PPMI + truncated SVD).
#
# GloVe counts globally like the second and learns a log-bilinear model like the first
# (a regression on $\log X_{ij}$). Here all three are trained on **the same tokens, the same
# vocabulary and the same dimension**, compared at **the same window**, and drawn.
#
# One caution before any number: we compare two *implementations* as well as two methods —
# glovelib's GloVe and gensim's skip-gram, each with its own defaults (initialization, learning
# rate schedule, subsampling). A gap between them is a gap between these programs at these
# settings, not a law about the methods.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl
from glovelib import baselines, datasets, evaluate

corpus = datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
DIM = 50

# %% [markdown]
# ## 1. Training all three at a matched window
#
# | model | settings |
# |---|---|
# | GloVe | window 15 with $1/d$ weighting, $x_{\max} = 10$ (and the tuned $x_{\max} = 1$), $\alpha = 0.75$, AdaGrad $\eta = 0.05$, 15 epochs, $W + \tilde{W}$ |
# | Word2Vec | skip-gram, window 15, dynamic window, 5 negative samples, subsampling $10^{-3}$, 5 epochs, 2 worker threads |
# | PPMI-SVD | the same counts as GloVe (window 15, and 5), PPMI with context smoothing 0.75, rank-50 SVD, $U S^{1/2}$ |
#
# All 50-dimensional, all on the 9,002-word vocabulary with out-of-vocabulary tokens removed
# first. The windows are matched in width, not in weighting: GloVe weights a context at distance
# $d$ by $1/d$, while Word2Vec's dynamic window reaches it with probability $(w - d + 1)/w$, so
# both favour near words, in different proportions. Counting, once per window (the timings are
# printed at the end of the section):

# %%
timings, X = {}, {}
for window in (5, 15):
    t = time.perf_counter()
    X[window] = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab),
                                       window_size=window)
    timings[f"count, window {window}"] = time.perf_counter() - t
print({w: f"{m.nnz:,} nonzeros" for w, m in X.items()})

# %% [markdown]
# GloVe at the usual $x_{\max} = 10$, and at $x_{\max} = 1$, which the course's own sweeps
# (notebook 04, homework 3; seed 0) find better for WordSim-353 on this corpus. Note that
# $x_{\max} = 1$ was chosen on WordSim-353, the benchmark its gain is reported on below; SimLex
# and the analogies go the other way (section 2). Both come from the model cache when another
# notebook has trained them already (`gl.cached_fit`).

# %%
# NBVAL_IGNORE_OUTPUT
models = {}
for x_max in (10.0, 1.0):  # verbose=True: a progress bar while a model trains (not when cached)
    t = time.perf_counter()
    glove = gl.cached_fit(gl.GloVe(vector_size=DIM, x_max=x_max, epochs=15, random_state=0,
                                   verbose=True), X[15])
    models[f"GloVe x_max={x_max:g}"] = glove.to_keyed_vectors(vocab)
    timings[f"GloVe x_max={x_max:g}"] = time.perf_counter() - t

# %% [markdown]
# Word2Vec at GloVe's window, 15 (gensim's default is 5, which the first version of this
# notebook used; exercise 1 trains that one too). It makes five passes over every token and is
# not cached, so it shows its progress. It runs two worker threads (how much faster than one
# depends on the machine and its load; this notebook does not measure it). The price is reproducibility: gensim's workers update the shared
# vectors without locks, so two runs with the same seed differ slightly (WordSim-353 0.42 to 0.47
# over our runs and seeds, so this notebook says "about 0.45"); only `workers=1` repeats itself exactly.
# glovelib's blocked schedule gives the same vectors for any thread count (notebook 04). So the cells below that show Word2Vec's scores
# are not compared by the tests, and the claims are asserted with margins wider than that spread.

# %%
# NBVAL_IGNORE_OUTPUT
t = time.perf_counter()  # progress=True: epoch k of 5 and the time left, below the cell
models["Word2Vec w=15"] = baselines.train_word2vec(corpus, vocab, vector_size=DIM, window=15,
                                                   epochs=5, seed=0, workers=2, progress=True)
timings["Word2Vec w=15"] = time.perf_counter() - t

# %%
for window in (5, 15):
    t = time.perf_counter()
    models[f"PPMI-SVD w={window}"] = baselines.ppmi_svd(X[window], vocab, dim=DIM)
    timings[f"PPMI-SVD w={window}"] = time.perf_counter() - t
assert all(kv.index_to_key == vocab.words for kv in models.values())
print("same", len(vocab), "words and", DIM, "dimensions for", ", ".join(models))

# %% [markdown]
# Seconds on this machine (they differ on yours, and are not compared or asserted: which method
# is faster depends on the CPU, its cache and the number of cores — notebook 08 measures that).
# Two of them are not what they seem: GloVe's "0.1 s" is a load from the model cache when another
# notebook trained the model before (a fresh training takes far longer), and counting at window 5
# is slower than at window 15 only because it is the first call, which compiles (or loads from
# Numba's cache) the counting kernel.

# %%
# NBVAL_IGNORE_OUTPUT
for name, seconds in timings.items():
    print(f"{name:22s} {seconds:6.1f} s")

# %% [markdown]
# ## 2. Scores in one table
#
# (Word2Vec's numbers vary slightly between runs, because of its two workers, and between
# machines, because its kernel uses the CPU's BLAS: its WordSim-353 is about 0.45 — 0.42 to 0.47
# over our runs and seeds 0-2, 0.446 in the benchmark's run — whatever the printed table shows today. The cell
# that prints scores is not compared by the tests; the claims below are asserted with margins.)

# %%
rows = {}
for name, kv in models.items():
    an = evaluate.analogy_accuracy(kv, datasets.analogy_questions_path())
    ws = evaluate.word_similarity(kv, datasets.wordsim353_path())
    sl = evaluate.word_similarity(kv, datasets.simlex999_path())
    rows[name] = dict(analogy=an.accuracy, ws=ws.spearman, simlex=sl.spearman)

# %%
# NBVAL_IGNORE_OUTPUT
print(f"{'model':20s}{'analogy %':>11s}{'WS-353':>8s}{'SimLex':>8s}")
for name, r in rows.items():
    print(f"{name:20s}{100 * r['analogy']:11.2f}{r['ws']:8.3f}{r['simlex']:8.3f}")

# %%
ws = {name: r["ws"] for name, r in rows.items()}
assert ws["PPMI-SVD w=15"] > ws["PPMI-SVD w=5"]  # 5 -> 15 (not monotone: 10 is 0.557, ea 06.ppmi)
assert ws["PPMI-SVD w=15"] > ws["Word2Vec w=15"] + 0.03 > ws["GloVe x_max=1"] + 0.06
assert ws["GloVe x_max=1"] > ws["GloVe x_max=10"] + 0.03  # seed 0 only: 0.00-0.11 over 0-4
assert 0.08 < ws["GloVe x_max=1"] - ws["GloVe x_max=10"] < 0.14   # seed 0's +0.11
assert 0.02 < ws["PPMI-SVD w=15"] - ws["PPMI-SVD w=5"] < 0.07     # +0.045
an = {name: r["analogy"] for name, r in rows.items()}
assert an["PPMI-SVD w=15"] > max(a for n, a in an.items() if "PPMI" not in n) + 0.02
sl = {name: r["simlex"] for name, r in rows.items()}  # x_max = 1 helps WordSim-353 only:
assert sl["GloVe x_max=1"] < sl["GloVe x_max=10"] - 0.02  # seed 0 only (seed 1: 0.135 vs 0.142)
assert an["GloVe x_max=1"] < an["GloVe x_max=10"] - 0.003  # 1.4% vs 2.1%
print("window 15: PPMI-SVD > Word2Vec > tuned GloVe > default GloVe on WordSim-353;",
      "x_max = 1 lowers GloVe's SimLex and analogies")

# %% [markdown]
# **At a matched window and each tool's usual epochs (GloVe 15, Word2Vec 5), on 413k tokens:
# PPMI-SVD, then Word2Vec (about 0.45), then GloVe — and tuning GloVe's $x_{\max}$ can close
# part of the gap on WordSim-353 (from nothing to 0.11, depending on the seed), never all of
# it.** The ranking is at those epochs, not at
# convergence: Word2Vec has not converged after 5 passes over so little text, and with more
# epochs it closes most of the gap to PPMI-SVD (exercise 1 has you check by how much). Two
# caveats on
# $x_{\max} = 1$: it was tuned on WordSim-353, the benchmark its gain is reported on, and on
# SimLex and the analogies it does worse than $x_{\max} = 10$ (the table; asserted for seed 0:
# for seed 1 the SimLex gap is 0.007, `exercise_answers.py hw3.xmax`); and the
# gain is seed 0's at 15 epochs: over seeds 0 to 4 it ranges from 0.00 to 0.11, seed 0's being
# the largest (`benchmarks/exercise_answers.py 04.xmax`), and trained to 60 epochs it is +0.08,
# −0.06 and +0.07 for seeds 0-2 (`04.epochs`; notebook 04 calls $x_{max}$ a trade-off).
# PPMI-SVD gains +0.045 from window 5 to 15, but not steadily: its WordSim-353 is 0.502, 0.557,
# 0.547 and 0.547 at windows 5, 10, 15 and 30, so 10 is slightly ahead of 15
# (`benchmarks/exercise_answers.py 06.ppmi`); how much Word2Vec gains is exercise 1. (413k: the 453k tokens of the sample less the
# out-of-vocabulary ones; section 3's cell prints the exact count.)
#
# What the literature says, checked against the papers:
#
# * **Levy, Goldberg & Dagan (2015)**, *Improving distributional similarity with lessons learned
#   from word embeddings* (TACL), trained PPMI, SVD, skip-gram and GloVe on one corpus (English
#   Wikipedia) and tuned, for each, the hyperparameters that apply to it from one shared set
#   (window, dynamic window, subsampling, context smoothing, eigenvalue weighting for the SVD,
#   $W + \tilde{W}$). They found that *hyperparameters
#   matter more than the choice of algorithm*: tuned count methods are competitive with the
#   neural ones, no method wins everywhere, and tuned GloVe did not beat skip-gram. They did
#   **not** vary the corpus size.
# * **Sahlgren & Lenci (2016)**, *The effects of data size and frequency range on distributional
#   semantic models* (EMNLP), did vary it: the neural models (skip-gram, CBOW) underperform on
#   small data, and the most reliable model across data sizes and frequency ranges was the
#   *inverted* factorized model (ISVD in their paper) — not the plain truncated SVD of PPMI that
#   this notebook trains as PPMI-SVD. Our 453k tokens
#   (413k in the vocabulary) are small data; GloVe's advantage in its paper came with billions
#   of tokens and a 400k vocabulary. Notebook 08 measures who learns from less on the planted world.
#
# ## 3. The cost of an epoch, on paper
#
# **Pencil and paper.** GloVe's epoch visits each nonzero $X_{ij}$ once. Skip-gram's epoch
# visits each kept token; gensim draws a reduced window $b$ uniformly from $1, \dots, w$ and
# pairs the token with the $b$ words on each side; each pair costs $1 + k$ dot products ($k$
# negatives). How many pairs per token on average, for $w = 15$? And a token of frequency $f$
# (share of the corpus) is kept with probability $\min\big(1, (\sqrt{f/s} + 1)\, s/f\big)$,
# $s = 10^{-3}$.
#
# <details><summary>Answer</summary>
#
# $E[2b] = 2 \cdot \frac{w + 1}{2} = w + 1 = 16$ pairs per kept token (fewer at sentence
# edges), so $16 \cdot 6 = 96$ dot products per kept token with $k = 5$. The cell computes the
# kept tokens from the vocabulary's counts: about $3.1 \times 10^5$ of the 413k in-vocabulary
# tokens, so about $3 \times 10^7$ dot products per epoch — roughly 9 times GloVe's
# $3.2 \times 10^6$ updates. Work per epoch, not seconds: notebook 08 measures how the two grow
# with the corpus.
# </details>

# %% tags=["reveal"]
counts = np.asarray(vocab.counts, dtype=np.float64)
s, T = 1e-3, counts.sum()
keep = np.minimum(1.0, (np.sqrt(counts / (s * T)) + 1) * (s * T) / counts)
kept = float((counts * keep).sum())
assert T == 412_531  # in-vocabulary tokens: the sample's 452,944 less out-of-vocabulary ones
b = np.random.default_rng(0).integers(1, 15 + 1, size=1_000_000)  # reduced windows, 1..w
pairs_per_token = float(np.mean(2 * b))  # b words on each side
w2v_work = kept * pairs_per_token * (1 + 5)
print(f"pairs per kept token {pairs_per_token:.2f}; kept tokens {kept:,.0f} of {T:,.0f}; "
      f"Word2Vec {w2v_work:.2e} dot products per epoch, GloVe {X[15].nnz:.2e} updates: ratio "
      f"{w2v_work / X[15].nnz:.0f}")
assert abs(pairs_per_token - 16) < 0.05 and 7 < w2v_work / X[15].nnz < 11

# %% [markdown]
# ## 4. Nearest neighbours side by side
#
# On 413k tokens a word seen about a hundred times has few contexts to learn from: *king* occurs
# 99 times (asserted below), *war* 595. Its neighbours are noisy and differ between models (and,
# for Word2Vec, between runs): read the lists as examples, not findings. The output is not
# compared by the tests.

# %%
# NBVAL_IGNORE_OUTPUT
for word in ["war", "music", "france", "king"]:
    print(word)
    for name in ["GloVe x_max=1", "Word2Vec w=15", "PPMI-SVD w=15"]:
        print(f"   {name:14s}", ", ".join(w for w, _ in models[name].most_similar(word, topn=5)))
count = dict(zip(vocab.words, vocab.counts, strict=True))
assert count["king"] == 99 and count["war"] == 595

# %% [markdown]
# ## 5. Pictures: the planted world, three ways
#
# On the Wikipedia sample the pictures would mostly show noise. The planted world (notebook 05;
# `planted_corpus(seed=0)`, its default 100,000 sentences) has structure we planted and know:
# countries and capitals, male and female words. We train the three models on it (window 15 for
# all; GloVe 50 epochs, Word2Vec 5 with two workers as above) and project the same words; how
# much of that structure each model recovers is the question below.

# %%
world = datasets.planted_corpus(seed=0)
pv = gl.Vocabulary.build(world.documents)
PX = gl.count_cooccurrences(pv.encode_documents(world.documents), len(pv), 15)
planted = {
    "GloVe": gl.cached_fit(gl.GloVe(vector_size=DIM, x_max=10.0, epochs=50, random_state=0), PX)
    .to_keyed_vectors(pv),
    "Word2Vec": baselines.train_word2vec(world.documents, pv, vector_size=DIM, window=15,
                                         epochs=5, seed=0, workers=2),
    "PPMI-SVD": baselines.ppmi_svd(PX, pv, dim=DIM),
}

# %% [markdown]
# **Predict, then run.** On real text PPMI-SVD won. On the planted world of notebooks 00 and 05,
# which of the three solves the most analogies? Think of what each method assumes about the
# counts, and of how the planted world was generated (notebook 05 describes it).
#
# <details><summary>Answer</summary>
#
# GloVe and Word2Vec, nearly all; PPMI-SVD far fewer (about half in our run: 56%). The planted
# world is *log-linear*, exactly the assumption of GloVe and of skip-gram (whose optimum is a
# shifted PMI: Levy & Goldberg, NeurIPS 2014, *Neural Word Embedding as Implicit Matrix
# Factorization*). What PPMI-SVD loses is the negative side of the matrix: PPMI keeps the
# positive PMI of the observed cells and sets everything else to 0 — the weakly associated pairs
# (negative PMI) and the pairs never seen, which the log-linear world puts lowest of all. The
# cells below test it: an SVD of the PMI of *every* cell, of $X$ plus its smallest
# count (so an unseen pair gets the lowest value instead of 0; the same rank, smoothing and
# eigenvalue weight), solves 92% here, and 98% and 96% in worlds 1 and 2
# (`benchmarks/exercise_answers.py 06.ppmi`). So an SVD that weights every cell alike is not
# the obstacle; the clipping is. Keeping the negatives of the observed cells while leaving the
# unseen ones at 0 does worse than PPMI (41%): it ranks a pair never seen above a weakly
# associated one that was.
# </details>

# %% tags=["reveal"]
path = world.write_questions()
planted_acc = {name: evaluate.analogy_accuracy(kv, path).accuracy for name, kv in planted.items()}

# %% tags=["check"]
assert planted_acc["GloVe"] > 0.95 and planted_acc["Word2Vec"] > 0.95
assert len(world.documents) == 100_000  # the default planted world (notebook 08 cites it)
assert 0.3 < planted_acc["PPMI-SVD"] < 0.9
print("GloVe and Word2Vec solve more than 95% of the planted analogies, PPMI-SVD 30-90%")

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
for name, a in planted_acc.items():
    print(f"{name:9s} {100 * a:.1f}% of the planted analogies")

# %% [markdown]
# The test: the same SVD of the PMI of every cell, unseen pairs included (`baselines.pmi_svd`:
# $\log$ of $X_{ij}$ plus the smallest count, over the expected count), and its control, PPMI of
# that same $X$ plus the smallest count, clipped as usual: if adding the count were what helps,
# the control would gain too.

# %%
smoothed = evaluate.analogy_accuracy(baselines.pmi_svd(PX, pv, dim=DIM), path).accuracy
added = PX.toarray() + PX.data.min()  # the control: X plus its smallest count, then clipped
clipped = evaluate.analogy_accuracy(baselines.ppmi_svd(added, pv, dim=DIM), path).accuracy
print(f"SVD of every cell's PMI: {100 * smoothed:.1f}%; PPMI-SVD "
      f"{100 * planted_acc['PPMI-SVD']:.1f}%, of X + its smallest count {100 * clipped:.1f}%")
assert smoothed > planted_acc["PPMI-SVD"] + 0.2  # the clipping costs it (worlds 0-2: 06.ppmi),
assert abs(clipped - planted_acc["PPMI-SVD"]) < 0.05  # not the added count

# %% [markdown]
# Each pair is joined by a line in its group's colour (first word a circle, second a triangle).
# If a relation is a direction, the lines of a group are parallel and of equal length.

# %%
groups = {
    "country → capital": [(c, p) for p, c in world.pairs["capital-common-countries"][:8]],
    "male → female": world.pairs["family"][:6],
}
fig = gl.plot.pairs_side_by_side(planted, groups, method="pca", ncols=2, fontsize=9)
plt.show()

# %% [markdown]
# PCA keeps the two largest directions of variation. In our run's plot: in Word2Vec's plane the lines of each group
# run closely parallel and about equally long; in GloVe's they point roughly one way per group
# (the signs of PCA's axes are arbitrary: only the lines' agreement counts) with more spread. In PPMI-SVD's most lines of both groups
# point left, but their lengths vary a lot and the family words are crowded into one corner. Two
# of 50 directions cannot settle it: the numbers below do. t-SNE instead preserves neighbourhoods:
# groups stand out and the country–capital pairs sit close together, while the family pairs are
# long lines that cross; distances and directions between points mean little — do not read
# offsets off a t-SNE plot.

# %%
fig = gl.plot.pairs_side_by_side(planted, groups, method="tsne", ncols=2, fontsize=9)
plt.show()

# %% [markdown]
# The parallel lines in numbers: the mean cosine between the country → capital offsets.
#
# **Try it.** Change `relation` to `"family"` or `"gram8-plural"`, or `kv` to
# `planted["PPMI-SVD"]`, and watch the mean cosine. The cell prints a verdict with a margin: at
# least 0.7 "parallel", below 0.3 "not parallel", in between "partly parallel". It measures
# parallelism only, not whether 3CosAdd will succeed: the cell after it shows why those differ.

# %%
# NBVAL_IGNORE_OUTPUT
relation, kv = "capital-common-countries", planted["GloVe"]
mean_cos = gl.checks.mean_offset_cosine(kv, world.pairs[relation][:8])
verdict = ("parallel" if mean_cos >= 0.7 else "not parallel" if mean_cos < 0.3
           else "partly parallel")
print(f"{relation}: mean cosine between the offsets {mean_cos:.2f}: {verdict}")

# %%
# NBVAL_IGNORE_OUTPUT
ppmi = planted["PPMI-SVD"]
by_section = {s.name: s.accuracy for s in evaluate.analogy_accuracy(ppmi, path).sections}
offset_cos = {r: gl.checks.mean_offset_cosine(ppmi, world.pairs[r][:8])
              for r in ("capital-common-countries", "family")}
crowd = {}  # each word of the relation: cosine to its nearest other word, averaged
sims = ppmi.get_normed_vectors() @ ppmi.get_normed_vectors().T
np.fill_diagonal(sims, -1.0)
for r in offset_cos:
    idx = [ppmi.get_index(w) for w in sorted({w for pair in world.pairs[r] for w in pair})]
    crowd[r] = float(sims[idx].max(axis=1).mean())

# %%
# NBVAL_IGNORE_OUTPUT
for r, c in offset_cos.items():
    print(f"PPMI-SVD {r:25s} mean offset cosine {c:.4f}, solved {100 * by_section[r]:.0f}%,"
          f" nearest other word at cosine {crowd[r]:.2f}")
# the verdict holds where one relation is crowded by 0.05 or more (worlds 0, 1, 2, 5, 11 of
# 0-11; below that gap it is a coin toss: ea 06.worlds); control: the other relation
crowded, other = sorted(crowd, key=crowd.get, reverse=True)  # world 0: family, capitals
assert crowd[crowded] - crowd[other] >= 0.05 and by_section[crowded] < by_section[other]
# the figures are world 0's (planted_corpus seed 0) only:
assert offset_cos["family"] > offset_cos["capital-common-countries"]
assert crowd["family"] > crowd["capital-common-countries"] + 0.1  # 0.84 vs 0.65
assert by_section["family"] < 0.3 < 0.8 < by_section["capital-common-countries"]

# %% [markdown]
# Parallel offsets are not the whole story. In this world (`planted_corpus(seed=0)`) PPMI-SVD's
# family offsets are *more* parallel than its capital offsets, yet it solves few family questions
# and most capital ones. 3CosAdd picks the word nearest to $b - a + c$ among all words: it also
# needs the right answer to stand clear of the other candidates. Here the family words are
# crowded: on average a family word's nearest other word is at cosine 0.84, a capital's or
# country's at 0.65 (the cell above). So a small error lands on a wrong relative, while a rough
# offset still lands on the right capital.
#
# Which relation is crowded, and which is more parallel, is a property of the world's random
# draw. PPMI-SVD is deterministic given the counts, so only the world can change it: in worlds
# 1 and 2 the *capitals* are the more crowded (0.74-0.75 against 0.67-0.68) and the family is
# solved more often (87% and 75% against 70% and 27%); family offsets are more parallel in
# worlds 1 and 2, not in 3. **Where one relation is clearly the more crowded — its words'
# nearest other word at least 0.05 closer on average — it is solved less often: so in all five
# such worlds of the twelve we drew (worlds 0, 1, 2, 5 and 11 of 0-11; gaps 0.06-0.19).** In the
# other seven the two relations are about equally crowded (gaps of 0.00-0.02) and either one can
# be solved more often (the crowded one less often in four, more often in three): there crowding
# decides nothing (`benchmarks/exercise_answers.py 06.worlds`). That rule, with its gap, is what
# the cell asserts; the figures above are world 0's.

# %% [markdown]
# ## 6. The comparison table, revisited
#
# The usual table, with what this notebook showed; the rows on speed, memory, incremental
# training and data are **measured in notebook 08** (`08_comparison_measured`), not here.
#
# | | GloVe | Word2Vec (skip-gram) | here |
# |---|---|---|---|
# | statistics | global counts, collected once | local windows, streamed | both find the planted relations; on real text at a matched window and the usual epochs, PPMI-SVD > Word2Vec > GloVe |
# | objective | weighted least squares on $\log X_{ij}$ (regression) | classify true vs sampled contexts (classification) | the same model family (notebook 02, section 3) |
# | cost per epoch | $O(\mathrm{nnz}(X))$ | $O(\text{tokens} \times w \times (k + 1))$ | about 9× fewer dot products per GloVe epoch here (section 3); seconds: notebook 08 |
# | memory | the matrix $X$ | vocabulary and vectors | notebook 08 |
# | more text later | add the new counts to $X$; new words need new rows | continue training on new text | notebooks 07 (the idea) and 08 (measured) |
# | hyperparameters | $x_{\max}$, window, epochs | window, negatives, subsampling, epochs | $x_{\max}$ 10 → 1: WordSim-353 +0.11 (seed 0, 15 epochs; 0.00–0.11 over 5 seeds; −0.06 to +0.08 at 60 epochs), SimLex and analogies fall; window: exercise 1 |
#
# ## Summary
#
# * Compared at matched settings — same tokens, vocabulary, dimension **and window** — and each
#   tool's usual epochs, on 413k real tokens PPMI-SVD scores best, then Word2Vec, then GloVe.
#   That ranking is at those epochs, not at convergence (exercise 1 checks Word2Vec with more).
#   $x_{\max} = 1$ narrows GloVe's gap on WordSim-353, the benchmark it was tuned on (by how
#   much depends on the seed), and widens it on SimLex and analogies.
# * Settings move scores: $x_{\max}$ moves GloVe's WordSim-353 by 0.00-0.11 (seeds 0-4), the
#   window moves PPMI-SVD's by 0.045 from 5 to 15 (not steadily: 10 is slightly ahead of 15;
#   how much the window moves Word2Vec's is exercise 1's question): compare at matched
#   settings, and remember that two implementations are compared too.
# * Levy et al. (2015): hyperparameters matter more than the algorithm, tuned GloVe did not beat
#   skip-gram. Sahlgren & Lenci (2016): on small data the neural models fall behind.
# * On the planted (log-linear) world GloVe and Word2Vec recover the relations almost perfectly,
#   PPMI-SVD far fewer (about half in our run), because it clips: an SVD of every cell's PMI
#   solves 92%; PCA shows Word2Vec's as parallel lines. Parallel offsets alone do not
#   make 3CosAdd work: the answer must also stand clear of its neighbours.
#
# ## Exercises
#
# 1. **Predict, then run.** Train Word2Vec at gensim's default window, 5
#    (`baselines.train_word2vec(corpus, vocab, vector_size=DIM, window=5, epochs=5, seed=0)`).
#    Does it score higher or lower on WordSim-353 than at 15, by a little or a lot? Then train
#    it at window 15 for 10 epochs instead of 5 and check section 2's statement that it closes
#    most of the gap to PPMI-SVD: how close does it get?
# 2. Try `ppmi_svd(..., eigenvalue_weight=0)` and `1`. Which works best on WordSim-353, and why
#    might weighting by the singular values hurt similarity tasks?
# 3. Train GloVe at $x_{\max} = 1$ for 30 and 50 epochs. Does it catch up with Word2Vec, as
#    Word2Vec caught up with PPMI-SVD in exercise 1?
#
# <details><summary>Answers</summary>
#
# 1. Lower, by a lot: our run gave 0.23 at window 5 against about 0.45 at 15. WordSim-353 mixes
#    similarity (*car*–*automobile*) with relatedness (*doctor*–*hospital*), and relatedness
#    lives in wide windows: a topic spreads over a sentence; a small window favours words that
#    fill the same slot. Comparing Word2Vec at window 5 with GloVe at window 15 (as this
#    notebook once did) compared the windows as much as the methods. At window 15 with 10
#    epochs WordSim-353 rises to about 0.54 for seed 0 (0.53 and 0.55 for seeds 1 and 2; a
#    two-worker run of seed 1 gave 0.51), closing most or all of the gap to PPMI-SVD (0.55) —
#    Word2Vec was not converged at 5 epochs on so little text; analogies rise
#    to about 6%. (`benchmarks/exercise_answers.py 06.1` reproduces these, `06.1seeds` the
#    other seeds.)
# 2. Our run, WordSim-353: 0.548 at $p = 0$, 0.547 at $p = 0.5$, 0.511 at $p = 1$ (SimLex and
#    analogies move less). Levy et al. also found $p \le 0.5$ better than the plain $p = 1$. With
#    $p = 1$ the components with the largest singular values dominate every cosine; $p < 1$
#    flattens the spectrum so that the other directions count more.
#    (`benchmarks/exercise_answers.py 06.2` reproduces these.)
# 3. No: WordSim-353 0.345 at 15 epochs (the table), 0.353 at 30 and 0.340 at 50 in our runs,
#    against Word2Vec's about 0.45 (0.446 in that run); notebook 04 trains the same model to 60
#    epochs (0.364). It moves by a few hundredths either way and stays far below 0.45: the gap
#    is not in training time. What it is in, this
#    exercise cannot say: besides the models, the implementations and settings differ — GloVe's
#    $x_{max}$, $\alpha$ and $\eta$ against Word2Vec's negative samples, subsampling and
#    dynamic window, and GloVe's $W + \tilde W$ against Word2Vec's input vectors alone, a choice
#    Levy, Goldberg & Dagan (2015) show can matter (adding context vectors is one of their
#    hyperparameters).
#    (`benchmarks/exercise_answers.py 06.3` reproduces these.)
# </details>
