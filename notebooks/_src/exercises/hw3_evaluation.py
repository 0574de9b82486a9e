# %% [markdown]
# # Homework 3 — Evaluating, and tuning on small and larger corpora
#
# You will implement the 3CosAdd analogy solver and the per-section accuracy of the Google
# analogy test, check both, and then run a small hyperparameter study on the planted world and
# the Wikipedia sample. An optional last part trains on text8 (17M tokens; needs internet) and
# compares with Word2Vec. Notebook 05 explains the evaluation.

# %%
import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl
from glovelib import checks

# %% [markdown]
# ## Task 1 — 3CosAdd (30 min)
#
# `solve(vectors, words, a, b, c)`: `vectors` is (V, d), `words` the list of V words. Return the
# word d ∉ {a, b, c} with the largest cosine to $\hat b - \hat a + \hat c$, where hats are unit
# vectors.

# %%
def solve(vectors, words, a, b, c):
    ### BEGIN SOLUTION
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(words)}
    query = unit[index[b]] - unit[index[a]] + unit[index[c]]
    scores = unit @ query
    for w in (a, b, c):
        scores[index[w]] = -np.inf
    return words[int(np.argmax(scores))]
    ### END SOLUTION


# %%
# USES-STUDENT-CODE
checks.check_analogy(solve)

# %% [markdown]
# ## Task 2 — accuracy per section (45 min)
#
# `accuracy(kv, path)` reads a questions-words file (`: section` lines, then `a b c d` lines) and
# returns `{section: (correct, seen)}`. A question is *seen* if its four words, lowercased, are all
# in `kv`. Use your `solve`. The check runs it on vectors trained on the planted world.

# %%
def accuracy(kv, path):
    result, section = {}, None
    ### BEGIN SOLUTION
    for line in open(path):
        if line.startswith(":"):
            section = line[1:].strip()
            result[section] = (0, 0)
            continue
        q = line.lower().split()
        if len(q) != 4 or not all(w in kv for w in q):
            continue
        correct, seen = result[section]
        right = solve(kv.vectors, kv.index_to_key, *q[:3]) == q[3]
        result[section] = (correct + right, seen + 1)
    ### END SOLUTION
    return result


# %%
world = gl.datasets.planted_corpus(n_sentences=30_000, seed=0)
pvocab = gl.Vocabulary.build(world.documents)
PX = gl.count_cooccurrences(pvocab.encode_documents(world.documents), len(pvocab), 15)
planted_kv = gl.GloVe(vector_size=20, x_max=10.0, epochs=30, random_state=0).fit(PX) \
    .to_keyed_vectors(pvocab)
questions = world.write_questions("hw3-questions.txt")

# %%
# USES-STUDENT-CODE
checks.check_section_accuracy(accuracy, planted_kv, questions)

# %% [markdown]
# ## Task 3 — a small hyperparameter study (1-2 h)
#
# 1. On the planted world (`PX`), train d = 2, 5, 10, 25 (x_max 10, 30 epochs) and plot the
#    analogy accuracy against d. What is the smallest d that recovers the relations, and why
#    can't d = 2 (think of how many independent directions the world has)?
# 2. On the Wikipedia sample, train x_max = 1, 10, 100 (d = 50, 10 epochs) and plot WordSim-353
#    and SimLex-999. Which x_max would you choose for a corpus this size, and would you expect the
#    same choice on text8?

# %%
dims = [2, 5, 10, 25]
planted_acc = []
for d in dims:
    kv = gl.GloVe(vector_size=d, x_max=10.0, epochs=30, random_state=0).fit(PX) \
        .to_keyed_vectors(pvocab)
    planted_acc.append(gl.evaluate.analogy_accuracy(kv, questions).accuracy)
assert planted_acc[-1] > planted_acc[0]

corpus = gl.datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
X = gl.count_cooccurrences((vocab.encode(doc) for doc in corpus), len(vocab), 15)
x_maxes = [1.0, 10.0, 100.0]
ws, sl = [], []
for x_max in x_maxes:
    kv = gl.GloVe(vector_size=50, x_max=x_max, epochs=10, random_state=0).fit(X) \
        .to_keyed_vectors(vocab)
    ws.append(gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path()).spearman)
    sl.append(gl.evaluate.word_similarity(kv, gl.datasets.simlex999_path()).spearman)

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(dims, planted_acc, "o-")
axes[0].set(xlabel="vector size d", ylabel="analogy accuracy", title="Planted world")
axes[1].semilogx(x_maxes, ws, "o-", label="WordSim-353")
axes[1].semilogx(x_maxes, sl, "s-", label="SimLex-999")
axes[1].set(xlabel="x_max", ylabel="Spearman", title="Wikipedia sample")
axes[1].legend()
plt.show()

# %% [markdown]
# **Your answers:**
#
# 1. ...
# 2. ...
#
# ## Task 4 (optional, needs internet) — text8 and Word2Vec
#
# `gl.datasets.download_text8()` fetches text8 (31 MB zip, 17M tokens) once, checks it and
# caches it. Set `RUN_TEXT8 = True` to run this part (a few minutes on a laptop; the tests skip
# it). Train GloVe (d = 100, x_max = 100, 15 epochs, 2 threads) and Word2Vec (d = 100, 5 epochs,
# 2 workers) on the same vocabulary (min_count 5) and compare analogy accuracy, coverage and
# WordSim-353. How do the numbers compare with the Wikipedia sample's, and with the paper's?

# %%
# NBVAL_SKIP
RUN_TEXT8 = False
if RUN_TEXT8:
    path = gl.datasets.download_text8()
    text = open(path).read().split()
    docs = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    t8_vocab = gl.Vocabulary.build(docs, min_count=5)
    X8 = gl.count_cooccurrences(t8_vocab.encode_documents(docs), len(t8_vocab), 10, verbose=True)
    models = {
        "GloVe": gl.GloVe(vector_size=100, x_max=100.0, epochs=15, n_threads=2, verbose=True,
                          random_state=0).fit(X8).to_keyed_vectors(t8_vocab),
        "Word2Vec": gl.baselines.train_word2vec(docs, t8_vocab, vector_size=100, epochs=5,
                                                workers=2),
    }
    for name, kv in models.items():
        an = gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
        ws = gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path())
        print(f"{name}: analogies {100 * an.accuracy:.1f}% of {an.total.seen} seen; {ws}")

# %%
import os

os.remove("hw3-questions.txt")
