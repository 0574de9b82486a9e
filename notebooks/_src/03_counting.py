# %% [markdown]
# # 03 — Counting
#
# GloVe never looks at the text again once it has the cooccurrence matrix $X$. This notebook builds
# $X$: from raw text to tokens, tokens to ids, ids to windowed counts — first by hand on a toy
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
assert gl.tokenize("Cafe\u0301") == ["café"] == gl.tokenize("Caf\u00e9")  # mark joined (NFC)

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
# $X_{left,\,right}$ and — for a symmetric window — to $X_{right,\,left}$. Windows stop at the end of a
# document (a line). Here is that rule as a plain loop:

# %%
def hand_count(sentence, window):
    """{(left, right): X value} for one sentence, symmetric window, 1/d weighting."""
    pairs = {}
    for p, right in enumerate(sentence):
        for q in range(max(0, p - window), p):
            left, d = sentence[q], p - q
            pairs[left, right] = pairs.get((left, right), 0) + 1 / d
            pairs[right, left] = pairs.get((right, left), 0) + 1 / d
    return pairs


# %% [markdown]
# **Predict, then run.** For *the cat sat on the mat* with a window of 2, what are
# $X_{the,\,the}$, $X_{the,\,cat}$ and $X_{the,\,sat}$?
#
# <details><summary>Answer</summary>
#
# $X_{the,\,the} = 0$: the two *the* are four words apart, beyond the window.
# $X_{the,\,cat} = 1$ (adjacent, once) and $X_{the,\,on} = 1$, each from a different *the*.
# $X_{the,\,sat} = 1/2 + 1/2 = 1$: *sat* is two words from *the* (before it) and two words
# from the second *the* (after it), and each adds $1/2$.
# </details>

# %% tags=["reveal"]
sentence = "the cat sat on the mat".split()
window = 2
pairs = hand_count(sentence, window)
for (a, b), v in sorted(pairs.items()):
    print(f"X[{a:>3}, {b:<3}] = {v:.2f}")
assert ("the", "the") not in pairs and pairs["the", "cat"] == pairs["the", "on"] == 1
assert pairs["the", "sat"] == 1

# %% [markdown]
# ### Try it
#
# **Predict** the smallest window at which $X_{the,\,the}$ stops being 0, and its value
# there; then set `window_try` to it and run. Try a
# sentence of your own too. The check compares your hand count with glovelib's, on this sentence
# and on a longer one. Then plant a mistake in `hand_count` — start the inner range one word
# later, or delete the line for the symmetric half — and watch the check catch it.
#
# <details><summary>Answer</summary>
#
# Window 4 (they are four words apart), and $X_{the,\,the} = 0.5$, not $1/4$. A word paired with
# itself adds $1/d$ to $X_{left,\,right}$ *and* to $X_{right,\,left}$, and for *the*, *the*
# both are the same cell: $1/4 + 1/4$. The total below counts every pair that way.
# </details>

# %% tags=["reveal"]
window_try = 3
gl.checks.check_pair_counts(hand_count, sentence, window_try)  # runs your hand_count
longer = "the dog saw the cat and the cat sat on the mat by the door".split()
gl.checks.check_pair_counts(hand_count, longer, window_try)
mine = hand_count(sentence, window_try)
print(f"window {window_try}: X[the, the] = {mine.get(('the', 'the'), 0)}")

# %% [markdown]
# The library does the same with a Numba kernel; they agree exactly:

# %%
sv = gl.Vocabulary.build([sentence])
X = gl.count_cooccurrences([sv.encode(sentence)], len(sv), window_size=window).toarray()
for (a, b), v in pairs.items():
    assert X[sv[a], sv[b]] == v
assert X.sum() == sum(pairs.values())
print("hand count == glovelib: all", len(pairs), "pairs")

# %% [markdown]
# **Pencil and paper.** One document of $n$ tokens, a symmetric window $w < n$, $1/d$
# weighting: what is the sum of all entries of $X$? Check your formula on the sentence above
# ($n = 6$, $w = 2$).
#
# <details><summary>Answer</summary>
#
# There are $n - d$ pairs of positions at distance $d$; each adds $1/d$ twice (both ways — into
# the same cell when the two words are equal, as for *the*, *the* above), so
# $\sum_{ij} X_{ij} = 2 \sum_{d=1}^{w} \frac{n - d}{d}$. For $n = 6$, $w = 2$:
# $2\,(5 + 4/2) = 14$. Without weighting it would be $2 \sum_d (n - d)$: the weighting makes
# near neighbours count more, and makes most entries fractions.
# </details>

# %% tags=["check"]
def total(n, w):
    return 2 * sum((n - d) / d for d in range(1, w + 1))


doc = np.random.default_rng(0).integers(0, 30, size=200).astype(np.int32)
assert X.sum() == total(6, 2) == 14
# the try-it's answer: window 4, 1/4 + 1/4
assert gl.count_cooccurrences([sv.encode(sentence)], len(sv), window_size=4)[
    sv["the"], sv["the"]] == 0.5
assert np.isclose(gl.count_cooccurrences([doc], 30, window_size=7).sum(), total(200, 7))
print(f"sum of X: {X.sum():g} for the sentence; {total(200, 7):.2f} for 200 tokens, window 7")

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
print(f"V = {V:,} words; {W.nnz:,} nonzeros; density {100 * density:.2f}%, "
      f"{100 * (1 - density):.1f}% of the cells zero")
assert V == 9002 and W.nnz == 3_217_037 and 0.955 < 1 - density < 0.965

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
# Where are the zeros? **Predict, then run:** what share of the cells is zero among the 20
# most frequent words (the top-left corner of $X$)? And among 40 words of rank 3,000 to 3,039?
#
# <details><summary>Answer</summary>
#
# None of the top-left corner: the most frequent words meet each other everywhere. About 97% of
# the block of rank-3,000 words: words that occur some twenty times each rarely meet one
# another. The zeros are not spread evenly; they fill everything but the frequent words' rows
# and columns.
# </details>

# %% tags=["reveal"]
bands = [(0, 20), (100, 1000), (3000, 3040), (1000, V)]
zero_share = {(a, b): 1 - W[a:b, a:b].nnz / (b - a) ** 2 for a, b in bands}
for (a, b), z in zero_share.items():
    print(f"ranks {a:>5,} to {b - 1:>5,}: {100 * z:5.1f}% of cells zero")
assert zero_share[0, 20] == 0 and zero_share[3000, 3040] > 0.95 and zero_share[1000, V] > 0.98

# %% tags=["reveal"]
fig, axes = plt.subplots(1, 2, figsize=(13, 6))
top = np.log1p(W[:20, :20].max())  # one colour scale for both: equal colours, equal counts
gl.plot.cooccurrence_region(W, wv.words, range(20), range(20), ax=axes[0],
                            title="the 20 most frequent words", vmax=top)
gl.plot.cooccurrence_region(W, wv.words, range(3000, 3040), range(3000, 3040), ax=axes[1],
                            title="words of rank 3,000-3,039", vmax=top)
fig.tight_layout()
plt.show()

# %% [markdown]
# (The right block reads alphabetically: all 40 words occur exactly 19 times, and ties of rank
# are broken by the word itself.) The rare words' block has one visible structure: its
# **diagonal**. $X_{ii} > 0$ means the word
# occurs again within its own window: words come in bursts (an article that says *nuclei* says it
# again a few words later), so a rare word meets itself far more often than it meets another
# rare word.

# %%
block = W[3000:3040, 3000:3040].toarray()
on_diagonal = (np.diag(block) > 0).mean()
off_diagonal = (block[~np.eye(40, dtype=bool)] > 0).mean()
print(f"nonzero: {100 * on_diagonal:.0f}% of the diagonal, {100 * off_diagonal:.1f}% elsewhere")
assert on_diagonal > 10 * off_diagonal
rare_words = wv.words[3000:3040]
assert set(wv.counts[3000:3040].tolist()) == {19} and rare_words == sorted(rare_words)

# %% [markdown]
# ## Zipf's law
#
# Why so sparse? Word frequencies follow **Zipf's law**: the r-th most frequent word occurs about
# $c / r^s$ times with s close to 1. A few words are everywhere, most are rare — and rare words
# meet few others. Like the $\alpha$ of notebook 02, the fitted s depends on the range of ranks
# fitted: here about 0.85 over the top 1,000 words, 0.94 over the top 5,000, and about 1.2 over
# ranks 1,000 to 10,000 and over all ranks (the cell fits all four).

# %%
full = gl.Vocabulary.build(corpus)
ranks = np.arange(1, len(full) + 1)
spans = {"top 1,000": (0, 1000), "top 5,000": (0, 5000), "1,000 to 10,000": (1000, 10_000),
         "all ranks": (0, len(full))}
fit_s = {k: -np.polyfit(np.log(ranks[a:b]), np.log(full.counts[a:b]), 1)[0]
         for k, (a, b) in spans.items()}
s = fit_s["top 5,000"]
print(f"{len(full):,} distinct words; fitted exponent s:",
      ", ".join(f"{v:.2f} over {k}" for k, v in fit_s.items()),
      f"- {(full.counts == 1).mean():.0%} occur once")
assert 0.7 < s < 1.3
assert fit_s["1,000 to 10,000"] > fit_s["top 1,000"] + 0.2  # s depends on the range fitted

# %%
fig = gl.plot.zipf(full.counts, label="Wikipedia sample")
plt.show()

# %% [markdown]
# ## Symmetric or left-only windows
#
# With `symmetric=False` only $X_{earlier,\,later}$ grows (the reference's left-only
# context). The symmetric matrix is the left-only one plus its transpose — exactly, in exact
# arithmetic. In float64 the printed difference is not 0 but about $10^{-12}$ on counts in the
# thousands: one rounding in the last bit. Each matrix is an exact sum rounded once to float64,
# and adding the two rounded halves $X_{left}$ and $X_{left}^T$ rounds again. (The next section
# compares two matrices that are each rounded once from the same exact sums: those agree bit for
# bit.)

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
# This notebook shows only that the result is identical. How much memory `max_memory` saves,
# and at what speed, needs a corpus larger than this one and depends on the machine:
# `benchmarks/bench_cooccur.py` measures seconds and peak memory on a *synthetic* text8-sized
# corpus (17 million tokens of generated text, not English), with and without `max_memory`,
# beside the reference C `cooccur`. Run it to see the figures on your machine.
#
# ### The matrix on disk, and training from it
#
# `max_memory` bounds the *counting*, but the result still comes back in memory (12 bytes a
# nonzero), and a fit holds every entry again (16 bytes a nonzero in float32). A Wikipedia dump
# has billions of nonzeros. The reference C tools never hold the matrix: they write it to a file
# and read it back each epoch. glovelib can too: with `out=`, counting writes $X$ to a folder,
# already grouped by the **blocks** that training visits (notebook 04 derives the blocked
# schedule: the words are cut at random into $B$ blocks, and an epoch trains block $(R, C)$ of
# $X$ for all pairs of row block $R$ and column block $C$). Which word goes to which block is
# drawn from the model's seed, so the layout is made *for* a model:

# %%
folder = gl.scratch_path("blocks")  # a temporary folder of this notebook's own
model = gl.GloVe(vector_size=10, epochs=1, random_state=0)
on_disk = gl.count_cooccurrences((wv.encode(d) for d in corpus), V, window_size=15,
                                 max_memory="20MB", out=folder,
                                 word_blocks=model.word_blocks(V))
print(f"{on_disk.nnz:,} nonzeros in {on_disk.n_blocks} x {on_disk.n_blocks} blocks:",
      sorted(p.name for p in on_disk.path.iterdir()),
      f"{on_disk.nbytes / 2**20:.0f} MiB of (i, j, x) records")
assert on_disk.nbytes == 16 * W.nnz and (on_disk.to_csr() != W).nnz == 0

# %% [markdown]
# 16 bytes a nonzero: word ids $i$, $j$ (int32) and $X_{ij}$ (float64), block after block. A fit
# from the folder memory-maps a few blocks of one stratum at a time; the parameters and their
# AdaGrad sums are all it keeps. **Predict:** will its vectors differ from the fit of the same
# matrix in memory, a little or not at all?
#
# <details><summary>Answer</summary>
#
# Not at all. Both draw the same blocks, strata and in-block orders from the seed, and make the
# same updates in the same order: the vectors are equal bit for bit. Only where the entries live
# changes.
# </details>
#
# Each fit runs in a fresh process, which reports how much its resident memory grew during the
# fit (the process's own peak measure, Linux's `VmHWM`):

# %%
# NBVAL_IGNORE_OUTPUT
peak, vectors = {}, {}
for where in ("memory", "disk"):
    peak[where], vectors[where] = gl.ondisk.measure_fit(
        on_disk, where, batch_bytes=8 << 20, vector_size=10, epochs=1, random_state=0)
    print(f"fit from {where:>6}: peak grew by {peak[where] / 2**20:5.1f} MiB")
print(f"the matrix: {on_disk.nbytes / 2**20:.0f} MiB; the parameters, their sums and an "
      f"epoch's copy: {gl.ondisk.fit_memory(V, 10) / 2**20:.1f} MiB")

# %% tags=["reveal"]
same = np.array_equal(vectors["memory"], vectors["disk"])
print("the same vectors, bit for bit:", same)
assert same

# %% [markdown]
# Here the fit in memory added more than the matrix's size (printed above, on this machine):
# its entries carry $\log X_{ij}$ and $f(X_{ij})$, beside the matrix it was given. The fit from
# disk adds at most the parameters and the 8 MiB of entries it was allowed (`batch_bytes`),
# however large the matrix; the tests assert both peaks, in fresh processes, against each other. From
# the command line, `python -m glovelib train corpus.txt -o out/x --max-memory 1GB` does all of
# this, and refuses a budget too small for the parameters.
#
# ## Summary
#
# * Tokens become ids by frequency rank; `min_count` trims the long tail.
# * $X$ adds $1/d$ for each pair within the window, both ways if symmetric, never across
#   documents; one document of $n$ tokens gives $\sum_{ij} X_{ij} = 2\sum_{d \le w} (n - d)/d$.
# * $X$ is sparse (96% zeros here, nearly 99% among words of rank 1,000 and beyond) because words follow Zipf's law;
#   store it as CSR.
# * Left-only windows give an asymmetric $X$; symmetric $X = X_{left} + X_{left}^\top$.
#
# ## Exercises
#
# 1. Count the toy corpus with `distance_weighting=False`. Which entries change, and by how much?
# 2. How do $V$, $|X|$ and the density change with `min_count` = 1, 5, 20 on the Wikipedia sample?
# 3. Write the 1/d loop above for a *whole* corpus (a list of documents) and check it against
#    `gl.count_cooccurrences` on the toy corpus with window 3. (Homework 2 goes further.)
#
# <details><summary>Model answers</summary>
#
# 1. Adjacent pairs ($d = 1$) do not change; every pair at distance $d \ge 2$ now adds 1 instead
#    of $1/d$, so an entry grows by $\sum (1 - 1/d)$ over its occurrences at $d \ge 2$. With
#    window 2 on *the cat sat on the mat*, $X_{the,\,sat}$ goes from 1 to 2 and $X_{the,\,cat}$
#    stays 1. The total becomes $2 \sum_{d \le w} (n - d)$.
# 2. Raising `min_count` removes rare words: $V$ falls sharply (34,212 words at 1, 9,002 at 5),
#    $|X|$ falls less (rare words have few nonzeros each), and the density $|X| / V^2$ *rises*,
#    because the words kept are the ones that meet many others. Dropping words also brings their
#    neighbours closer (distances are measured after removal), which adds a few new pairs.
#    (`benchmarks/exercise_answers.py 03.2` reproduces these.)
# 3. Loop over the documents and run `hand_count`'s two loops inside each, accumulating into one
#    dictionary (never letting `q` reach into the previous document); then build a $V \times V$
#    array from it and compare with `count_cooccurrences([...], V, window_size=3).toarray()`
#    using `np.testing.assert_allclose`. `gl.checks.check_counter` (homework 2) runs that
#    comparison on many small corpora, with the edge cases that catch the usual mistakes.
# </details>
