# %% [markdown]
# # 00 — Welcome: word vectors, and what this course builds
#
# A **word vector** is a list of numbers standing for a word, such that words used in similar
# ways get similar vectors. Search engines, translation systems and classifiers used them to
# know that *car* and *automobile* are close, or that *paris* relates to *france* as *rome* to
# *italy* — without being told.
#
# This course builds **GloVe** (Pennington, Socher & Manning, 2014, *GloVe: Global Vectors for
# Word Representation*) from nothing: count how often words appear near each other, write down
# an objective that turns those counts into vectors, train it with a fast kernel, and judge the
# result honestly. Everything you build lives in `glovelib`, a small library you can reuse in
# the homework (`import glovelib as gl`).
#
# | notebook | what it teaches |
# |---|---|
# | **00 Welcome** | what word vectors are for; the promise, shown on page one |
# | **01 From counts to meaning** | the distributional idea; cooccurrence probabilities and their ratios |
# | **02 The objective** | deriving GloVe's weighted least squares; f(x); gradients checked; the link to skip-gram |
# | **03 Counting** | tokens, vocabulary, windows and 1/d weighting; the sparse matrix and Zipf's law |
# | **04 Training** | SGD vs AdaGrad; the NumPy reference, then the Numba kernel; hogwild threads |
# | **05 Evaluating vectors** | neighbours, analogies (3CosAdd, 3CosMul), similarity benchmarks, coverage |
# | **06 GloVe vs Word2Vec** | the same corpus three ways, in numbers and pictures |
# | **07 Pretrained vectors and limits** | file formats, out-of-vocabulary words, one vector per word, bias |
# | `exercises/` | homework with automatic checks |
#
# ## Is everything installed?

# %%
import numba
import numpy as np
import scipy
import sklearn

import glovelib as gl

assert tuple(int(x) for x in np.__version__.split(".")[:2]) >= (1, 26)
print("glovelib", gl.__version__, "is ready")

# %% [markdown]
# The library versions on your machine (not compared by the tests):

# %%
# NBVAL_IGNORE_OUTPUT
print(f"numpy {np.__version__}, scipy {scipy.__version__}, numba {numba.__version__}, "
      f"scikit-learn {sklearn.__version__}")

# %% [markdown]
# ## The promise: king − man + woman ≈ queen
#
# Here is where the course is going, in five cells. We take a *synthetic* corpus — English
# words, not English text — generated from a small world whose relations we planted: countries
# and capitals, male and female pairs, singular and plural nouns, present and past tenses
# (notebook 05 explains the generator). Nobody tells the model about these relations: it only
# sees which words appear near which.

# %%
world = gl.datasets.planted_corpus(seed=0)
print(len(world.documents), "sentences, e.g.:")
for sentence in world.documents[:3]:
    print("   ", " ".join(sentence))

# %% [markdown]
# Count the cooccurrences (notebook 03) and train GloVe on them (notebooks 02 and 04):

# %%
vocab = gl.Vocabulary.build(world.documents)
X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), window_size=15)
model = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0).fit(X)
kv = model.to_keyed_vectors(vocab)
print(f"{len(vocab)} words, {X.nnz} nonzero counts, vectors of {kv.vector_size} numbers")

# %% [markdown]
# Now ask the vectors: *man is to king as woman is to what?* The answer is the word whose vector
# is closest to `king - man + woman`.

# %%
questions = [("man", "king", "woman"), ("france", "paris", "italy"),
             ("cat", "cats", "dog"), ("walking", "walked", "swimming")]
answers = {q: kv.analogy(*q) for q in questions}
for (a, b, c), d in answers.items():
    print(f"{a} : {b} :: {c} : {d}")
assert answers[("man", "king", "woman")] == "queen"
assert answers[("france", "paris", "italy")] == "rome"

# %% [markdown]
# And over all of this world's 3,530 analogy questions:

# %%
# NBVAL_IGNORE_OUTPUT
result = gl.evaluate.analogy_accuracy(kv, world.write_questions("planted-questions.txt"))
print(f"{result.total.correct} of {result.total.seen} analogies solved")
assert result.total.seen == world.n_questions == 3530
assert result.accuracy > 0.95

# %% [markdown]
# The relations were planted, so a near-perfect score is what a *correct* implementation must
# get; it is a test, not an achievement. On real text (the Wikipedia sample of notebooks 01–05)
# the same code scores far lower, because half a million words is a tiny corpus — the course
# says so with numbers rather than hiding it.
#
# ## Summary
#
# * Word vectors place words so that similar usage means nearby vectors, and relations become
#   directions.
# * GloVe learns them from a table of cooccurrence counts; this course builds every step.
# * On a synthetic world with planted relations, GloVe recovers them almost perfectly.
#
# ## Exercises
#
# 1. Ask `kv.most_similar("paris")` and `kv.most_similar("queen")`. Which neighbours share the
#    *concept* (same country, same family role) and which the *role* (other capitals, other
#    female words)?
# 2. Train with `vector_size=5`. What happens to the analogy accuracy, and why might five numbers
#    be too few for this world?
# 3. Generate the world with `planted_corpus(n_sentences=5_000)`. How much text does GloVe need
#    before the relations appear?

# %%
import os

os.remove("planted-questions.txt")
