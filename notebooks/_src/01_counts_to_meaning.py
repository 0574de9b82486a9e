# %% [markdown]
# # 01 — From counts to meaning
#
# *"You shall know a word by the company it keeps"* (Firth, 1957). The **distributional
# hypothesis**: words that occur in similar contexts have similar meanings. Every method in this
# course — GloVe, Word2Vec, PPMI-SVD — starts from it. They differ in *how* they turn "company"
# into numbers.
#
# GloVe starts from a table of counts, the **cooccurrence matrix** X: X_ij is how often word j
# appears near word i (within a window of a few words; notebook 03 builds it). From X we get
# conditional probabilities
#
# $$P(k \mid i) = P_{ik} = \frac{X_{ik}}{X_i}, \qquad X_i = \sum_k X_{ik},$$
#
# the chance that a word near *i* is *k*. This notebook shows, on real text, the observation
# the GloVe paper is built on: **ratios** of these probabilities are what carry meaning.

# %%
import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl

# %% [markdown]
# ## The corpus: a Wikipedia sample
#
# 106 English Wikipedia articles that ship with gensim (see `data/README.md`), lowercased and
# cleaned: about 453 thousand tokens. That is *tiny* — the GloVe paper trained on 6 *billion* —
# and we will see what that costs.

# %%
corpus = gl.datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus)
n_tokens = int(vocab.counts.sum())
print(f"{n_tokens:,} tokens, {len(vocab):,} distinct words")
print("most frequent:", vocab.words[:12])
assert n_tokens == 452_944

# %% [markdown]
# Count cooccurrences within 10 words on each side (1/d weighting: a neighbour at distance d
# counts 1/d), and turn each row into probabilities:

# %%
X = gl.count_cooccurrences((vocab.encode(doc) for doc in corpus), len(vocab), window_size=10)
row_sums = np.asarray(X.sum(axis=1)).ravel()  # X_i


def P(k, i):
    """P(k | i): probability that a word in the window of i is k."""
    return X[vocab[i], vocab[k]] / row_sums[vocab[i]]


print(f"X is {X.shape[0]:,} x {X.shape[1]:,} with {X.nnz:,} nonzero counts")
print(f"P(the | his) = {P('the', 'his'):.4f}")

# %% [markdown]
# ## The paper's argument: look at ratios
#
# The paper (Table 1) compares *i = ice* and *j = steam* on a 6-billion-word corpus, with probe
# words *k*:
#
# | probe k | solid | gas | water | fashion |
# |---|---|---|---|---|
# | P(k \| ice) | 1.9e-4 | 6.6e-5 | 3.0e-3 | 1.7e-5 |
# | P(k \| steam) | 2.2e-5 | 7.8e-4 | 2.2e-3 | 1.8e-5 |
# | ratio | 8.9 | 8.5e-2 | 1.36 | 0.96 |
#
# The probabilities alone are hard to read (*water* is likely near both, *fashion* near
# neither). The **ratio** is clean: large for words related to *ice* but not *steam* (solid),
# small for the reverse (gas), near 1 for words related to both or neither.
#
# Our sample is too small for those words:

# %%
for w in ["ice", "steam", "solid", "gas", "fashion"]:
    print(f"{w:8s} occurs {vocab.counts[vocab[w]] if w in vocab else 0:4d} times")
assert vocab.counts[vocab["steam"]] < 5

# %% [markdown]
# *steam* occurs twice: no probability estimated from two occurrences means anything. So we pick
# a contrast this corpus *does* support, with thousands of counts: *i = his*, *j = her*, probed
# with *wife* (goes with *his*), *husband* (goes with *her*), and *the*, *and* (go with both).

# %%
probes = ["wife", "husband", "the", "and"]
table = {k: (P(k, "his"), P(k, "her")) for k in probes}
print(f"{'probe k':10s}{'P(k|his)':>11s}{'P(k|her)':>11s}{'ratio':>9s}")
for k, (p_his, p_her) in table.items():
    print(f"{k:10s}{p_his:11.5f}{p_her:11.5f}{p_his / p_her:9.2f}")
ratio = {k: a / b for k, (a, b) in table.items()}
assert ratio["wife"] > 3 and ratio["husband"] < 0.1
assert all(0.8 < ratio[k] < 1.25 for k in ("the", "and"))

# %% [markdown]
# The same pattern as the paper's table: the ratio singles out the words that tell *his* from
# *her*, and cancels the words that do not. A picture makes the scale plain (log scale: a ratio
# of 1 is the middle):

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.bar(probes, [np.log10(ratio[k]) for k in probes],
       color=["tab:blue", "tab:red", "tab:gray", "tab:gray"])
ax.axhline(0, color="black", lw=0.8)
ax.set(ylabel="log10 P(k|his) / P(k|her)", xlabel="probe word k",
       title="Ratios of cooccurrence probabilities pick out meaning")
plt.show()

# %% [markdown]
# ## How reliable are such counts?
#
# A ratio is only as good as its counts. Here are the raw counts behind the table: *wife* near
# *his* ~35 times, *husband* near *her* ~9 times. With counts this small, a few sentences more
# or less swing the ratio — which is why GloVe will **weight** each count by how much we trust
# it (notebook 02).

# %%
for k in probes:
    print(f"{k:8s} X[his,{k}] = {X[vocab['his'], vocab[k]]:6.1f}   "
          f"X[her,{k}] = {X[vocab['her'], vocab[k]]:6.1f}")
assert 30 < X[vocab["his"], vocab["wife"]] < 40 and 8 < X[vocab["her"], vocab["husband"]] < 11

# %% [markdown]
# ## From ratios to vectors
#
# GloVe's question: can we find a vector for every word such that *some function* of the vectors
# reproduces these ratios? Notebook 02 answers: if the ratio for probe *k* is
# $F((w_i - w_j) \cdot \tilde w_k)$, symmetry forces $F = \exp$, and we get
# $w_i \cdot \tilde w_k + b_i + \tilde b_k = \log X_{ik}$ — a least-squares problem on log counts.
# Differences of word vectors (his − her) then encode exactly what the ratios encoded.
#
# ## Summary
#
# * The cooccurrence matrix X counts which words appear near which; its rows give P(k | i).
# * Ratios P(k | i) / P(k | j) separate the words that distinguish i from j from those that do not.
# * On a small corpus only frequent words have counts you can trust: choose probes the data
#   supports, and expect rare words to be noisy.
#
# ## Exercises
#
# 1. Build the same table for *he* and *she*. Which probes behave like *solid*, *gas*, *water*?
# 2. Change `window_size` to 2 and to 30. How do the ratios for *the* and *wife* move, and why
#    does a wider window dilute them?
# 3. Find, by code, the ten probe words k (with X[his,k] and X[her,k] both at least 5) with the
#    largest and the smallest ratio. Are they what you expected?
