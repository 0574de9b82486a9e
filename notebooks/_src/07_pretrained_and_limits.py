# %% [markdown]
# # 07 — Pretrained vectors and limits
#
# Nobody trains GloVe on 453k tokens for real work: Stanford published vectors trained on 6, 42
# and 840 billion tokens. This last notebook covers
#
# 1. the GloVe text format, what breaks naive loaders, and converting for gensim;
# 2. using the pretrained files if you have them (never downloaded by the tests);
# 3. the limits of the method: unknown words, no incremental training, one vector per word;
# 4. bias: what the vectors learn about people, probed on our own vectors.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl
from glovelib import datasets

corpus = datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
X = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window_size=15)
model = gl.GloVe(vector_size=50, x_max=10.0, epochs=15, random_state=0).fit(X)
kv = model.to_keyed_vectors(vocab)

# %% [markdown]
# ## 1. The GloVe text format
#
# One word per line, then its numbers, separated by spaces — and **no header**. (word2vec's text
# format is the same with a first line `count dimension`.) Our vectors, saved and read back:

# %%
# NBVAL_IGNORE_OUTPUT
kv.save_word2vec_format("wiki-glove.txt", write_header=False)
with open("wiki-glove.txt") as f:
    for _ in range(2):
        print(f.readline()[:70], "...")
back = gl.KeyedVectors.load_word2vec_format("wiki-glove.txt", no_header=True)
assert back.index_to_key == kv.index_to_key
np.testing.assert_allclose(back.vectors, kv.vectors, rtol=1e-5, atol=1e-6)
print(f"read back {len(back):,} words x {back.vector_size}: same words, vectors to 6 digits")

# %% [markdown]
# Two things break naive loaders:
#
# * **No header.** gensim's `load_word2vec_format` expects one unless told `no_header=True`.
# * **Words with spaces.** Stanford's 840B file contains "words" such as `. . .` and
#   `at name@domain.com`. `line.split()` then yields more than d + 1 fields and the first number
#   is not where you think. The fix: the *last* d fields are the vector, the rest is the word.

# %%
Path("tricky.txt").write_text("the 0.1 0.2 0.3\n. . . 0.4 0.5 0.6\nnew york 0.7 0.8 0.9\n")


def naive_load(path):
    vectors = {}
    for line in open(path):
        word, *numbers = line.split()
        vectors[word] = np.array(numbers, dtype=float)
    return vectors


try:
    naive_load("tricky.txt")
except ValueError as err:
    print("naive loader:", err)
tricky = gl.KeyedVectors.load_word2vec_format("tricky.txt", no_header=True)
print("glovelib:", tricky.index_to_key)
assert tricky.index_to_key == ["the", ". . .", "new york"]

# %% [markdown]
# For gensim, convert in memory or write with a header:

# %%
g = kv.to_gensim()
print(type(g).__module__, "-", len(g.index_to_key), "words")
assert g.most_similar("war", topn=3)[0][0] == kv.most_similar("war", topn=3)[0][0]

# %% [markdown]
# ## 2. Pretrained vectors, if you have them
#
# Stanford's files (`glove.6B.zip`, 822 MB, with 50- to 300-dimensional vectors for 400k words;
# `glove.840B.300d.zip`, 2 GB) are at nlp.stanford.edu/projects/glove. The tests never download
# them. Put one at `data/cache/glove.6B.50d.txt` (or set `GLOVE_FILE`) and this cell uses it;
# otherwise it says so and moves on.

# %%
# NBVAL_IGNORE_OUTPUT
pretrained_path = Path(os.environ.get("GLOVE_FILE", gl.datasets.data_home() / "glove.6B.50d.txt"))
if pretrained_path.exists():
    pre = gl.KeyedVectors.load_word2vec_format(pretrained_path, no_header=True, limit=100_000)
    print(pre.analogy("man", "king", "woman"), pre.most_similar("frog", topn=5))
    print(gl.evaluate.word_similarity(pre, datasets.wordsim353_path()))
else:
    print(f"no pretrained file at {pretrained_path}: skipped")

# %% [markdown]
# (With the 6B vectors you should see *queen*, and a WordSim-353 correlation far above our 0.25
# from half a million tokens.)
#
# ## 3. Limits
#
# ### Unknown words
#
# A word that was not in the vocabulary has no vector at all:

# %%
try:
    kv["glovelike"]
except KeyError as err:
    print(err)

# %% [markdown]
# How often does that happen? Take our Wikipedia-trained vocabulary to another corpus — the Lee
# news corpus, 300 Australian news stories:

# %%
lee_tokens = [t for doc in datasets.lee_corpus() for t in doc]
unknown = [t for t in lee_tokens if t not in vocab]
print(f"{len(lee_tokens):,} news tokens: {100 * len(unknown) / len(lee_tokens):.1f}% have no "
      f"vector; {100 * len(set(unknown)) / len(set(lee_tokens)):.1f}% of the distinct words")
assert 0.10 < len(unknown) / len(lee_tokens) < 0.20

# %% [markdown]
# Subword models (fastText) build vectors for unseen words from character n-grams; GloVe cannot.
#
# ### No incremental training
#
# GloVe's vocabulary and matrix are fixed before training. New text means a new count — and new
# words mean a new vocabulary, a new X, and training again. `partial_fit` continues training on
# the *same* words only:

# %%
try:
    model.partial_fit(X[:100, :100])
except ValueError as err:
    print(err)

# %% [markdown]
# ### One vector per word
#
# *bank* (river) and *bank* (money) share one vector — an average of their uses. We can watch
# that happen on the planted world: replace both *cat* and *berlin* by one token, `bank`, and
# train again.

# %%
# NBVAL_IGNORE_OUTPUT
world = datasets.planted_corpus(seed=0)
merged = [["bank" if w in ("cat", "berlin") else w for w in doc] for doc in world.documents]
mv = gl.Vocabulary.build(merged)
MX = gl.count_cooccurrences(mv.encode_documents(merged), len(mv), 15)
mkv = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0).fit(MX).to_keyed_vectors(mv)
neighbours = [w for w, _ in mkv.most_similar("bank", topn=8)]
print("bank:", ", ".join(neighbours))
capitals = {c for c, _ in world.pairs["capital-common-countries"]}
singulars = {s for s, _ in world.pairs["gram8-plural"]}
assert len(capitals & set(neighbours)) >= 2 and len(singulars & set(neighbours)) >= 2

# %% [markdown]
# Its neighbours mix both "senses": other capitals, and other singular nouns. Each sense is
# weaker than the word it replaced:

# %%
# NBVAL_IGNORE_OUTPUT
ov = gl.Vocabulary.build(world.documents)
OX = gl.count_cooccurrences(ov.encode_documents(world.documents), len(ov), 15)
okv = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0).fit(OX).to_keyed_vectors(ov)
pairs = [("berlin", "germany"), ("cat", "cats")]
for word, partner in pairs:
    print(f"cos({word}, {partner}) = {okv.similarity(word, partner):.2f}  ->  "
          f"cos(bank, {partner}) = {mkv.similarity('bank', partner):.2f}")
    assert mkv.similarity("bank", partner) < okv.similarity(word, partner) - 0.1

# %% [markdown]
# Contextual models — ELMo (Peters et al., 2018), BERT (Devlin et al., 2019) — compute a vector
# for each *occurrence* from its sentence, so the two banks get different vectors. They cost far
# more to train and to run; static vectors like GloVe remain the cheap, inspectable baseline.
#
# ## 4. Bias
#
# Vectors learn whatever regularities the text has — including how it talks about people.
# A simple probe (Bolukbasi et al., 2016): the direction *he − she*, and where other words fall
# along it. First the words whose gender is definitional:

# %%
# NBVAL_IGNORE_OUTPUT
n = kv.get_normed_vectors()
direction = kv["he"] - kv["she"]
direction /= np.linalg.norm(direction)


def along(word):
    return float(n[kv.get_index(word)] @ direction)


definitional = [("king", "queen"), ("father", "mother"), ("man", "woman"),
                ("himself", "herself")]
for m, f in definitional:
    print(f"{m:8s} {along(m):+.2f}   {f:8s} {along(f):+.2f}")
    assert along(m) > along(f)

# %% [markdown]
# The direction means something even on half a million tokens. Occupations, which should be
# neutral:

# %%
# NBVAL_IGNORE_OUTPUT
occupations = ["president", "judge", "poet", "teacher", "lawyer", "doctor", "writer", "artist",
               "singer", "engineer", "soldier", "farmer"]
occupations = [w for w in occupations if w in kv]
scores = sorted((along(w), w) for w in occupations)
fig, ax = plt.subplots(figsize=(6, 4))
ax.barh([w for _, w in scores], [s for s, _ in scores], color="tab:purple")
ax.axvline(0, color="black", lw=0.8)
ax.set(xlabel="projection on he − she (cosine)", ylabel="word",
       title="Occupations along the he − she direction")
plt.show()

# %% [markdown]
# On a corpus this small, single occupations are noisy (a word seen 20 times can land anywhere),
# so read this plot as a *method*, not a finding. On billions of tokens the same probe shows
# systematic stereotypes (Bolukbasi et al., 2016; Caliskan et al., 2017), which then flow into
# every system built on the vectors. Debiasing by projecting out the direction hides the
# stereotype from this probe but not from others (Gonen & Goldberg, 2019).
#
# ## Summary
#
# * The GloVe text format has no header and may contain words with spaces: read the last d
#   fields as the vector. glovelib reads and writes it, and converts to gensim.
# * Pretrained vectors from billions of tokens are far better than anything a laptop corpus
#   gives; load them with `load_word2vec_format(..., no_header=True)`.
# * Limits: no vector for unseen words (13% of news tokens here), no incremental training, one
#   vector per word (senses are averaged), and biases learned from text.
#
# ## Exercises
#
# 1. Save our vectors in word2vec binary format and load them with gensim. Compare the file sizes.
# 2. Merge three words into one token in the planted world. How many senses can you still see
#    among its neighbours?
# 3. Build the he − she direction from several pairs (he/she, his/her, man/woman, king/queen)
#    by averaging. Are the occupation projections more stable across random seeds?

# %%
for f in ["wiki-glove.txt", "tricky.txt"]:
    os.remove(f)
