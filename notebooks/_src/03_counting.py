# %% [markdown]
# # 03 — Counting
#
# GloVe never looks at the text again once it has the cooccurrence matrix X. This notebook builds
# X: from raw text to tokens, tokens to ids, ids to windowed counts — first by hand on a toy
# corpus, then with `glovelib` on the Wikipedia sample — and looks at what comes out: a huge,
# very sparse, very skewed table.

# %%
import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl

# %% [markdown]
# ## Tokens
#
# `gl.tokenize` lowercases and keeps runs of letters and digits (with inner apostrophes), so
# punctuation disappears and *Ice* and *ice* become one word. It is unicode-aware: accents written
# as a separate combining mark are joined to their letter, other scripts are words too.

# %%
print(gl.tokenize("Ice is solid; steam isn't! Café, naïve, Zürich — and 東京."))

# %% [markdown]
# The reference tools (and `gl.read_documents`) go further and simply split on white space: the
# corpus is expected to be cleaned already, one document per line. Our corpora are.
#
# ## The vocabulary
#
# Words get ids by **rank**: the most frequent word is 0. Ties are broken by the word itself, so
# the order never depends on the order of the text. `min_count` drops rare words (their counts
# would be noise, and they are most of the distinct words).

# %%
toy = [line.split() for line in gl.datasets.toy_corpus()]
vocab = gl.Vocabulary.build(toy)
print(len(toy), "sentences,", len(vocab), "words")
print([(w, int(c)) for w, c in zip(vocab.words[:10], vocab.counts[:10])])
assert vocab.words[0] == "the"
assert gl.Vocabulary.build(toy, min_count=3).words == [w for w, c in zip(vocab.words, vocab.counts)
                                                       if c >= 3]

# %% [markdown]
# ## Windows and 1/d weighting, by hand
#
# For every word, look at the `window_size` words to its left. A pair at distance d adds 1/d to
# X[left, right] and — for a symmetric window — to X[right, left]. Windows stop at the end of a
# document (a line). Here is that rule as a plain loop, on one sentence with a window of 2:

# %%
sentence = "the cat sat on the mat".split()
window = 2
pairs = {}
for p, right in enumerate(sentence):
    for q in range(max(0, p - window), p):
        left, d = sentence[q], p - q
        pairs[left, right] = pairs.get((left, right), 0) + 1 / d
        pairs[right, left] = pairs.get((right, left), 0) + 1 / d
for (a, b), v in sorted(pairs.items()):
    print(f"X[{a:>3}, {b:<3}] = {v:.2f}")
assert ("the", "the") not in pairs and pairs["the", "cat"] == pairs["the", "on"] == 1

# %% [markdown]
# X[the, the] is 0: the two *the* are four words apart, beyond the window. X[the, cat] and
# X[the, on] are both 1, each from a different *the*. The library does the same with a Numba
# kernel; they agree exactly:

# %%
sv = gl.Vocabulary.build([sentence])
X = gl.count_cooccurrences([sv.encode(sentence)], len(sv), window_size=window).toarray()
for (a, b), v in pairs.items():
    assert X[sv[a], sv[b]] == v
assert X.sum() == sum(pairs.values())
print("hand count == glovelib: all", len(pairs), "pairs")

# %% [markdown]
# Two rules to remember:
#
# * **windows never cross documents** — the last word of a line is not a neighbour of the first
#   word of the next;
# * **out-of-vocabulary words are removed before distances are measured** — dropping a rare word
#   brings its neighbours closer (this is what the reference C code does).

# %%
two_docs = [["ice", "melts"], ["water", "boils"]]
v2 = gl.Vocabulary.build(two_docs)
X2 = gl.count_cooccurrences(v2.encode_documents(two_docs), len(v2), window_size=5)
assert X2[v2["melts"], v2["water"]] == 0  # different documents
v3 = gl.Vocabulary(["ice", "water"], [1, 1])
ids = v3.encode(["ice", "quickly", "water"])  # "quickly" is not in this vocabulary
print("ids:", ids, "-> X[ice, water] =",
      gl.count_cooccurrences([ids], 2, window_size=1)[0, 1])

# %% [markdown]
# ## The real matrix
#
# On the Wikipedia sample, with the reference demo's settings (min_count 5, window 15):

# %%
corpus = gl.datasets.wikipedia_sample()
wv = gl.Vocabulary.build(corpus, min_count=5)
W = gl.count_cooccurrences((wv.encode(doc) for doc in corpus), len(wv), window_size=15)
V = len(wv)
density = W.nnz / V**2
print(f"V = {V:,} words; {W.nnz:,} nonzeros; density {100 * density:.2f}%")
assert V == 9002 and W.nnz == 3_217_037

# %% [markdown]
# 96% of the cells are zero: a dense array would waste almost all its memory. glovelib returns a
# `scipy.sparse` CSR matrix: for each nonzero, a float64 value and an int32 column (12 bytes),
# plus one offset per row.

# %%
dense_bytes = V * V * 8
sparse_bytes = W.data.nbytes + W.indices.nbytes + W.indptr.nbytes
print(f"dense: {dense_bytes / 2**20:.0f} MiB, sparse: {sparse_bytes / 2**20:.0f} MiB "
      f"({dense_bytes / sparse_bytes:.0f}x smaller)")
assert sparse_bytes < dense_bytes / 10

# %% [markdown]
# The most frequent words cooccur with everything; the picture is the top-left corner of X,
# on a log scale (darker = rarer):

# %%
fig = gl.plot.cooccurrence_heatmap(W, wv.words, n=20)
plt.show()

# %% [markdown]
# ## Zipf's law
#
# Why so sparse? Word frequencies follow **Zipf's law**: the r-th most frequent word occurs about
# $c / r^s$ times with s close to 1. A few words are everywhere, most are rare — and rare words
# meet few others.

# %%
full = gl.Vocabulary.build(corpus)
ranks = np.arange(1, len(full) + 1)
top = slice(0, 5000)
s = -np.polyfit(np.log(ranks[top]), np.log(full.counts[top]), 1)[0]
print(f"{len(full):,} distinct words; fitted exponent s = {s:.2f} over the top 5,000; "
      f"{(full.counts == 1).mean():.0%} occur once")
assert 0.7 < s < 1.3

# %%
fig = gl.plot.zipf(full.counts, label="Wikipedia sample")
plt.show()

# %% [markdown]
# ## Symmetric or left-only windows
#
# With `symmetric=False` only X[earlier word, later word] grows (the reference's left-only
# context). The symmetric matrix is exactly the left-only one plus its transpose:

# %%
left = gl.count_cooccurrences((wv.encode(d) for d in corpus), V, window_size=15, symmetric=False)
difference = abs(W - (left + left.T)).max()
print(f"largest |X_sym - (X_left + X_left^T)| = {difference:.1e}")
assert difference < 1e-9
print(f"left-only X is not symmetric: X[of, the] = {left[wv['of'], wv['the']]:.1f}, "
      f"X[the, of] = {left[wv['the'], wv['of']]:.1f}")

# %% [markdown]
# ## Corpora that do not fit in memory
#
# For large corpora the counts may not fit in memory. `max_memory` counts in chunks, sorts and
# spills partial results to temporary files, and merges them. Because glovelib keeps the sums
# exactly (in units of 1/lcm(1..window)), the result is *identical* — bit for bit — to the
# in-memory one:

# %%
chunked = gl.count_cooccurrences((wv.encode(d) for d in corpus), V, window_size=15,
                                 max_memory="20MB")
assert (chunked != W).nnz == 0
print("max_memory='20MB' gives the same matrix")

# %% [markdown]
# On a text8-sized corpus (17 million tokens, 73k words) this is the difference between 1.8 GB
# and 1.1 GB of memory (`benchmarks/bench_cooccur.py`), at the same speed as the reference C
# tool.
#
# ## Summary
#
# * Tokens become ids by frequency rank; `min_count` trims the long tail.
# * X adds 1/d for each pair within the window, both ways if symmetric, never across documents.
# * X is sparse (4% dense here) because words follow Zipf's law; store it as CSR.
# * Left-only windows give an asymmetric X; symmetric X = left + leftᵀ.
#
# ## Exercises
#
# 1. Count the toy corpus with `distance_weighting=False`. Which entries change, and by how much?
# 2. How do V, |X| and the density change with `min_count` = 1, 5, 20 on the Wikipedia sample?
# 3. Write the 1/d loop above for a *whole* corpus (a list of documents) and check it against
#    `gl.count_cooccurrences` on the toy corpus with window 3. (Homework 2 goes further.)
