# %% [markdown]
# # Homework 2 — Counting cooccurrences, and what the window does
#
# You will write your own cooccurrence counter (symmetric, then left-only), check it against
# glovelib's Numba counter, and then study how the window size changes the matrix and the
# vectors. Notebook 03 explains the rules:
#
# * for each word, look at the `window` words to its **left** in the same document;
# * a pair at distance d adds 1/d to X[left, right] (and, symmetric, to X[right, left] too);
# * a word paired with itself therefore adds 2/d to X[i, i] in the symmetric case.

# %%
import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl
from glovelib import checks

# %% [markdown]
# ## Task 1 — a symmetric counter (45 min)
#
# `count(docs, vocab_size, window)`: `docs` is a list of lists of ids. Return a (V, V) NumPy
# array (or scipy sparse matrix). Plain Python loops are fine.

# %%
def count(docs, vocab_size, window):
    X = np.zeros((vocab_size, vocab_size))
    ### BEGIN SOLUTION
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window), p):
                X[doc[q], later] += 1.0 / (p - q)
                X[later, doc[q]] += 1.0 / (p - q)
    ### END SOLUTION
    return X


# %%
# USES-STUDENT-CODE
checks.check_counter(count)

# %% [markdown]
# ## Task 2 — a left-only counter (15 min)
#
# Only X[earlier, later] grows. Then verify, in code, that your symmetric matrix equals the
# left-only one plus its transpose on the toy corpus.

# %%
def count_left(docs, vocab_size, window):
    X = np.zeros((vocab_size, vocab_size))
    ### BEGIN SOLUTION
    for doc in docs:
        for p, later in enumerate(doc):
            for q in range(max(0, p - window), p):
                X[doc[q], later] += 1.0 / (p - q)
    ### END SOLUTION
    return X


# %%
# USES-STUDENT-CODE
checks.check_left_counter(count_left)
toy = [line.split() for line in gl.datasets.toy_corpus()]
tv = gl.Vocabulary.build(toy)
ids = [list(tv.encode(d)) for d in toy]
L = count_left(ids, len(tv), 3)
np.testing.assert_allclose(count(ids, len(tv), 3), L + L.T)
print("symmetric == left + left^T on the toy corpus")

# %% [markdown]
# ## Task 3 — speed (20 min)
#
# Time your counter and glovelib's on the first 20 articles of the Wikipedia sample with
# window 10. How many times faster is the Numba kernel? Why is a Python loop slow here?

# %%
# NBVAL_IGNORE_OUTPUT
# USES-STUDENT-CODE
import time

corpus = gl.datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
docs = [list(vocab.encode(d)) for d in list(corpus)[:20]]
t = time.perf_counter()
mine = count(docs, len(vocab), 10)
t_mine = time.perf_counter() - t
t = time.perf_counter()
theirs = gl.count_cooccurrences([np.array(d) for d in docs], len(vocab), 10)
t_lib = time.perf_counter() - t
np.testing.assert_allclose(mine, theirs.toarray())
print(f"your counter {t_mine:.1f}s, glovelib {t_lib:.3f}s")

# %% [markdown]
# ## Task 4 — what the window does (1-2 h)
#
# For window sizes 2, 5, 10 and 20 on the whole Wikipedia sample (use glovelib's counter now):
#
# 1. plot the number of nonzeros of X against the window;
# 2. train GloVe (d = 50, x_max = 10, 10 epochs, `random_state=0`) on each and plot the
#    WordSim-353 Spearman and the *syntactic* and *semantic* analogy accuracies;
# 3. write what you see. The paper (Figure 2) found small windows better for syntax and large
#    ones for semantics on billions of tokens — does that hold on 453k tokens? What would make
#    you trust your answer more?

# %%
windows = [2, 5, 10, 20]
nnz, ws, sem, syn = [], [], [], []
for w in windows:
    Xw = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window_size=w)
    kv = gl.GloVe(vector_size=50, x_max=10.0, epochs=10, random_state=0).fit(Xw) \
        .to_keyed_vectors(vocab)
    an = gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
    nnz.append(Xw.nnz)
    ws.append(gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path()).spearman)
    sem.append(an.semantic.accuracy)
    syn.append(an.syntactic.accuracy)
assert all(a < b for a, b in zip(nnz, nnz[1:]))  # a wider window meets more pairs

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(windows, nnz, "o-")
axes[0].set(xlabel="window size", ylabel="nonzeros of X", title="Wider windows, denser X")
axes[1].plot(windows, ws, "o-", label="WordSim-353 Spearman")
axes[1].plot(windows, sem, "s-", label="semantic analogies")
axes[1].plot(windows, syn, "^-", label="syntactic analogies")
axes[1].set(xlabel="window size", ylabel="score", title="Quality against window size")
axes[1].legend()
plt.show()

# %% [markdown]
# **Your answers:**
#
# 1. ...
# 2. ...
# 3. ...
