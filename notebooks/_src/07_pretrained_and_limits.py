# %% [markdown]
# # 07 — Pretrained vectors and limits
#
# Nobody trains GloVe on 453k tokens for real work: Stanford published vectors trained on 6, 42
# and 840 billion tokens. This notebook covers
#
# 1. the GloVe text format, what breaks naive loaders, and converting for gensim;
# 2. pretrained vectors for real: exercises on the published file, if you have it;
# 3. the limits of the method: unknown words, adding text, one vector per word;
# 4. bias: what the vectors learn about people, probed on our own vectors.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

import glovelib as gl
from glovelib import checks, datasets

corpus = datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
X = gl.count_cooccurrences((vocab.encode(d) for d in corpus), len(vocab), window_size=15)
model = gl.cached_fit(gl.GloVe(vector_size=50, x_max=10.0, epochs=15, random_state=0), X)
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
#   `at name@domain.com`. `line.split()` then yields more than $d + 1$ fields and the first
#   number is not where you think. The fix: the *last* $d$ fields are the vector, the rest is the
#   word.

# %%
Path("tricky.txt").write_text("the 0.1 0.2 0.3\n. . . 0.4 0.5 0.6\nnew york 0.7 0.8 0.9\n")


def naive_load(path):
    vectors = {}
    for line in open(path):
        word, *numbers = line.split()
        vectors[word] = np.array(numbers, dtype=float)
    return vectors

# %%
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
# ## 2. Pretrained vectors for real
#
# Stanford's `glove.6B.zip` (822 MB: 400k words, 50 to 300 dimensions, trained on Wikipedia 2014
# and Gigaword 5) is at nlp.stanford.edu/projects/glove. Fetch it once, outside the notebook
# (the tests never download anything):
#
# ```python
# gl.datasets.download_glove(name="6B", dim=50)   # keeps only glove.6B.50d.txt, in the data cache
# ```
#
# then set `USE_6B = True` below, or point the `GLOVE_FILE` environment variable at a
# GloVe-format file you already have. Without either, the exercises run offline on our own
# vectors, which section 1 saved as `wiki-glove.txt`: 9,002 words from half a million tokens, so
# expect fewer exercises to come out as planned than on 6B's 400,000 words from 6 billion.
# The exercises follow Stanford's CS224n assignment 1: find a word with two senses, an antonym
# closer than a synonym, an analogy that works and one that fails, and a bias.

# %%
import os  # imported again: this section runs on its own (the tests run it on a small file)

import glovelib as gl
from glovelib import checks

USE_6B = False  # True: glove.6B.50d.txt, once downloaded; GLOVE_FILE, if set, comes first
glove_file = os.environ.get("GLOVE_FILE") or (
    gl.datasets.pretrained_path("6B", 50) if USE_6B else "wiki-glove.txt")
if glove_file and os.path.exists(glove_file):
    pre = gl.KeyedVectors.load_word2vec_format(glove_file, no_header=True, limit=100_000)
    print(f"loaded {len(pre):,} words x {pre.vector_size} from {os.path.basename(glove_file)}")
else:
    pre = None
    print(f"no vectors at {glove_file or 'the 6B path'}: run section 1 first (it saves "
          "wiki-glove.txt), or gl.datasets.download_glove('6B', 50) for USE_6B; skipped")

# %% [markdown]
# **Try it: two senses.** Change `word`, `sense_a` and `sense_b` (a word for each meaning).
# `check_polysemy` looks at the word's 10 nearest neighbours and counts a neighbour for a sense
# only when it is among that sense word's own 50 nearest words *and* closer to it than to the
# other sense word (by 0.05); it passes when each sense has at least two. It fails when one sense
# took them all; try several words and count how often that happens.

# %%
# NBVAL_IGNORE_OUTPUT
word, sense_a, sense_b = "play", "game", "theatre"  # on 6B try "leaves", "tree", "departs"
if pre is not None:
    try:
        checks.check_polysemy(pre, word, sense_a, sense_b)
    except checks.CheckFailed as err:
        print("not this one:", err)

# %% [markdown]
# **Try it: antonyms.** Find a word closer (cosine) to its antonym than to a synonym. Why can
# that happen? (Answers folded under the bias exercise, two exercises on.)

# %%
# NBVAL_IGNORE_OUTPUT
word, synonym, antonym = "early", "initial", "late"
if pre is not None:
    try:
        checks.check_antonym_closer(pre, word, synonym, antonym)
    except checks.CheckFailed as err:
        print("not this one:", err)

# %% [markdown]
# **Try it: an analogy that works, and one that fails.** `works=False` passes when 3CosAdd does
# *not* give your answer, and prints what it gave instead. "Fails" means a miss by the
# benchmark's rule (exactly your word, or nothing): what 3CosAdd gives instead may be defensible
# — a near-synonym of your word counts as a miss by that rule, though one could argue it is
# right.

# %%
# NBVAL_IGNORE_OUTPUT
if pre is not None:
    for a, b, c, d, works in [("he", "his", "she", "her", True),
                              ("france", "paris", "italy", "rome", False)]:
        try:
            checks.check_analogy_answer(pre, a, b, c, d, works=works)
        except checks.CheckFailed as err:
            print("not this one:", err)

# %% [markdown]
# **Try it: bias.** Build a gender direction from definitional pairs, check that it separates
# them, then look where occupations fall (positive: towards *he*).
#
# <details><summary>Answers to the questions of this section</summary>
#
# * Antonyms occur in the same contexts (*the water is hot / cold*), and a distributional
#   vector encodes contexts, so an antonym can be nearer than a synonym that is rarer or more
#   formal and shares fewer contexts (*early* is nearer *late* than *initial* in our vectors, the
#   cell's default). It takes enough text for each word: on our half-million tokens the cosine
#   of *hot* and *cold* is negative (−0.20 for seed 0); try them on 6B.
# * The analogy cell checks *he : his :: she : her* with `works=True` (a guess that it works)
#   and *france : paris :: italy : rome* with `works=False` (a guess that it fails); the check
#   says "not this one" when a guess is wrong, and prints what 3CosAdd gave on the vectors you
#   loaded (our own `wiki-glove.txt` by default, 6B with `USE_6B`). We expect relations that
#   many sentences state (pronouns) to work more often than ones that few state, and a failing
#   analogy to return a word near *b* or *c* itself: compare the rows' answers on both files.
# * Occupations lean as text talks about people. Bolukbasi et al. (2016), with word2vec vectors
#   trained on Google News (not GloVe), found *nurse* and *receptionist* among the most
#   *she*-leaning occupations and *architect* and *captain* among the most *he*-leaning.
#   Caliskan et al. (2017), with GloVe trained on 840B tokens of Common Crawl, found the same
#   kind of association (career words nearer male names, family words nearer female ones), and
#   that an occupation's lean tracks the share of women in it. Check 6B yourself with the cell
#   below. On our own vectors *nurse* and *receptionist* are missing (the cell says so) and the
#   other four lean by about a tenth or less, either way, which section 4 shows is within what frequency
#   and the seed alone move: they say nothing yet. The vectors record the text's associations;
#   they do not tell you what is true or fair.
# </details>

# %%
# NBVAL_IGNORE_OUTPUT
occupations = ["nurse", "receptionist", "engineer", "carpenter", "doctor", "teacher"]
if pre is not None:
    direction = checks.gender_direction(pre, [("he", "she"), ("man", "woman"), ("his", "her")])
    checks.check_direction_separates(pre, direction, [("king", "queen"), ("father", "mother")])
    n = pre.get_normed_vectors()
    for w in (w for w in occupations if w in pre):
        print(f"{w:14s} {n[pre.get_index(w)] @ direction:+.2f}")
    missing = [w for w in occupations if w not in pre]
    if missing:
        print("not in these vectors:", ", ".join(missing))

# %% [markdown]
# (The GloVe paper reports WordSim-353 0.658 for its 300-d 6B vectors, against about 0.24 in our
# run from half a million tokens in notebook 05. Check the file you loaded with
# `gl.evaluate.word_similarity(pre, gl.datasets.wordsim353_path())`, and expect a lower number
# than 0.658: the paper's figure is for 300-d vectors and this file is the 50-d one, which holds
# less (smaller vectors of the same training score lower); and
# `limit=100_000` keeps only the 100,000 most frequent words, so pairs with a rarer word are
# skipped, and the score is over the pairs that remain.)
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
assert sum(1 for _ in datasets.lee_corpus()) == 300  # stories

# %% [markdown]
# Subword models (fastText) build vectors for unseen words from character n-grams; GloVe cannot.
#
# ### More text later
#
# The usual table says GloVe "cannot be trained incrementally". Half true: what about the counts?
#
# **Predict, then run.** Split the corpus in two halves, count each with the same vocabulary:
# does $X_A + X_B$ equal $X$ exactly, approximately, or not at all? (Think of the windows that
# notebook 03 counted.)
#
# <details><summary>Answer</summary>
#
# Exactly (to floating-point round-off): every window lies inside one document, so each
# $1/d$ increment is counted in exactly one half. (Were the corpus one long document, the
# windows that straddle the cut would be lost.)
# </details>

# %% tags=["reveal"]
docs = list(corpus)
half = len(docs) // 2
XA = gl.count_cooccurrences((vocab.encode(d) for d in docs[:half]), len(vocab), window_size=15)
XB = gl.count_cooccurrences((vocab.encode(d) for d in docs[half:]), len(vocab), window_size=15)
gap = abs(XA + XB - X).max()
assert gap < 1e-9
print(f"{X.nnz:,} nonzeros; largest |X_A + X_B - X| = {gap:.1e}")

# %% [markdown]
# So new text means adding its counts to $X$ and training on — `model.partial_fit(X_A + X_B)`
# continues from the current vectors and AdaGrad sums, *for the same words*. Its argument is
# the updated **total** counts, old plus new (notebook 08 calls `partial_fit(XA + XB)`), not the
# new counts alone: trained on $X_B$ alone, the model would fit $\log X_B$ and drift away from
# the first half. What does not come
# for free is **new words**: a vocabulary built on the first half lacks words that only the
# second half uses often enough, and those need new rows in $W$, $\tilde{W}$, $b$, $\tilde{b}$
# (and their AdaGrad sums) before training can touch them:

# %%
vocab_a = gl.Vocabulary.build(docs[:half], min_count=5)
new_words = [w for w in vocab.words if w not in vocab_a]
print(f"first half: {len(vocab_a):,} words; the whole corpus adds {len(new_words):,} "
      f"(e.g. {', '.join(new_words[:5])})")
assert len(new_words) > 1000

# %% [markdown]
# Word2Vec has the same problem and gensim's answer (`build_vocab(..., update=True)`) is to add
# rows. glovelib's `GloVe` has no such update: new words mean a new vocabulary and a new model.
# How close continuing gets to training from scratch is measured in notebook 08
# (`08_comparison_measured`).
#
# ### One vector per word
#
# *bank* (river) and *bank* (money) share one vector. We can watch that happen on the planted
# world: replace both *cat* and *berlin* by one token, `bank`, and train again.

# %%
world = datasets.planted_corpus(seed=0)


def train(documents):
    v = gl.Vocabulary.build(documents)
    M = gl.count_cooccurrences(v.encode_documents(documents), len(v), 15)
    glove = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0)
    return gl.cached_fit(glove, M).to_keyed_vectors(v)

# %%
def merge(keep_cat=1.0, keep_berlin=1.0, seed=0):
    """cat and berlin -> bank, keeping the given share of each one's sentences."""
    rng, out = np.random.default_rng(seed), []
    for doc in world.documents:
        keep = keep_cat if "cat" in doc else keep_berlin if "berlin" in doc else 1.0
        if keep == 1.0 or rng.random() < keep:
            out.append(["bank" if w in ("cat", "berlin") else w for w in doc])
    return out

# %%
# NBVAL_IGNORE_OUTPUT
okv, mkv = train(world.documents), train(merge())
# world 0, training seed 0 only: at 1 : 1 one sense usually wins elsewhere (ea 07.polysemy)
a, b = checks.check_polysemy(mkv, "bank", "paris", "dog", anchor_topn=30)  # 30 of 401 words
capitals = {c for c, _ in world.pairs["capital-common-countries"]}
singulars = {s for s, _ in world.pairs["gram8-plural"]}
assert len(capitals & set(a)) >= 3 and len(singulars & set(b)) >= 2
assert len(set(a) - capitals) <= 1 and set(b) <= singulars

# %% [markdown]
# In this world and training seed (`planted_corpus(seed=0)`, seed 0) its neighbours mix both
# senses: at least three capitals and two singular nouns. That is this draw's: in the four
# other setups we tried (training seeds 1 and 2 on this world, seeds 0 and 1 on world 1) the
# check fails, and in world 1 bank's ten nearest hold four capitals and no singular noun
# (`benchmarks/exercise_answers.py 07.polysemy`). At equal frequency one sense usually wins, as
# exercise 2's answer finds for three merged words. The check is
# not a proof of meaning: a word counts for *paris* when it is among *paris*'s 30 nearest (of
# 401) and closer to *paris* than to *dog*, and at most one such word here is not a capital
# (in our run *storm*, which happens to sit near *paris* in this world). Each sense is weaker
# than the word it replaced:

# %%
# NBVAL_IGNORE_OUTPUT
for word, partner in [("berlin", "germany"), ("cat", "cats")]:
    print(f"cos({word}, {partner}) = {okv.similarity(word, partner):.2f}  ->  "
          f"cos(bank, {partner}) = {mkv.similarity('bank', partner):.2f}")
    assert mkv.similarity("bank", partner) < okv.similarity(word, partner) - 0.1

# %% [markdown]
# **Predict, then run.** `bank` now stands for *cat* and *berlin* at once. Keep all of cat's
# sentences but only a quarter of berlin's: how many capitals stay among bank's 10 nearest words?
#
# <details><summary>Answer</summary>
#
# None (or hardly any): the rare sense's neighbours are lost, although a quarter of berlin's
# sentences — about a hundred of them (a quarter of 431) — are still there. The same happens the other way round.
# </details>

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
shares = {"4 : 1": (1.0, 0.25), "1 : 1": (1.0, 1.0), "1 : 4": (0.25, 1.0)}
merged = {name: mkv if keep == (1.0, 1.0) else train(merge(*keep)) for name, keep in shares.items()}
singulars = {s for s, _ in world.pairs["gram8-plural"]}
for name, m in merged.items():
    near = {w for w, _ in m.most_similar("bank", topn=10)}
    print(f"cat : berlin = {name}: {len(capitals & near)} capitals, "
          f"{len(singulars & near)} singular nouns (of 10) among bank's 10 nearest")

# %% [markdown]
# **Pencil and paper.** `bank` occurs $n_{cat} + n_{berlin}$ times, and its counts are
# $X_{bank,j} = X_{cat,j} + X_{berlin,j}$. Show that its context distribution
# $P(j \mid bank)$ is a mixture of the two senses' — with which weights? What does it become when
# one sense is 4 times as frequent as the other?
#
# <details><summary>Answer</summary>
#
# $P(j \mid bank) = \frac{X_{cat,j} + X_{berlin,j}}{X_{cat} + X_{berlin}}
# = p\, P(j \mid cat) + (1 - p)\, P(j \mid berlin)$ with $p = X_{cat} / (X_{cat} + X_{berlin})$,
# cat's share of the counts — about its share of the occurrences. At 4 : 1, $p = 0.8$: the
# frequent sense's contexts dominate every $\log X_{bank,j}$ GloVe fits, so the vector leans to
# it. Arora et al. (2018, *Linear algebraic structure of word senses*) show that the vector is
# close to the weighted sum $\alpha\, v_{cat} + \beta\, v_{berlin}$ with the larger weight on the
# more frequent sense.
# </details>
#
# The linear structure, measured: the merged models live in other coordinates than the original,
# so we first rotate them onto it (orthogonal Procrustes on the 400 words they share), then fit
# $v_{bank} \approx \alpha\, v_{cat} + \beta\, v_{berlin}$ by least squares. How close is
# "close"? Two vectors in 50 dimensions fit part of *any* vector, so the same fit of an unmerged
# word is the control: *cats*, which sits next to *cat*.

# %%
from scipy.linalg import orthogonal_procrustes


def sense_weights(m, word="bank"):
    shared = [w for w in okv.index_to_key if w in m]
    R, _ = orthogonal_procrustes(m[shared], okv[shared])  # m's space -> okv's
    A = np.stack([okv["cat"], okv["berlin"]], axis=1)  # (d, 2)
    coef, *_ = np.linalg.lstsq(A, m[word] @ R, rcond=None)
    fit = A @ coef
    return coef, float(fit @ (m[word] @ R) / np.linalg.norm(fit) / np.linalg.norm(m[word]))

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
weights = {name: sense_weights(m) for name, m in merged.items()}
control = {name: sense_weights(m, "cats")[1] for name, m in merged.items()}  # not merged
for name, ((alpha, beta), cos) in weights.items():
    print(f"cat : berlin = {name}: alpha {alpha:.2f}, beta {beta:.2f}, cat's share of the "
          f"weight {alpha / (alpha + beta):.2f}; cos(bank, fit) {cos:.2f}, "
          f"control cos(cats, fit) {control[name]:.2f}")

# %% tags=["check"]
share = {name: alpha / (alpha + beta) for name, ((alpha, beta), _) in weights.items()}
assert share["4 : 1"] > share["1 : 1"] + 0.05 > share["1 : 4"] + 0.1  # weight follows frequency
bank_fit = [cos for _, cos in weights.values()]  # bank is close to the weighted sum,
assert min(bank_fit) > 0.75 and min(bank_fit) > max(control.values()) + 0.08  # closer than cats
near = {n: {w for w, _ in m.most_similar("bank", topn=10)} for n, m in merged.items()}
assert len(capitals & near["4 : 1"]) <= 1 and len(singulars & near["1 : 4"]) <= 2
assert len(capitals & near["1 : 4"]) >= 3  # control: the frequent sense's neighbours are there
assert sum("berlin" in d for d in world.documents) == 431  # a quarter: about a hundred
assert len([w for w in okv.index_to_key if w in mkv]) == 400  # the words Procrustes aligns
print("the weights follow the senses' frequencies; the rare sense loses its neighbours")

# %% [markdown]
# In this world and training seed (`planted_corpus(seed=0)`, seed 0) *bank*'s fit reaches a
# cosine of 0.86-0.93 in the three merges, against 0.70-0.72 for the control *cats* (asserted:
# *bank* above 0.75 and at least 0.08 above *cats*): the merged vector is close to the weighted
# sum, closer than a neighbour of one sense happens to be. The size of that gap is this world's
# and seed's: we have not measured it in other worlds, and it may be thinner there.
#
# Arora et al. go further: since each vector is a sparse combination of a few "discourse atoms",
# sparse coding over all the vectors recovers the senses (their *bank* gets a river atom and a
# money atom). Other static models keep several vectors per word instead of one, clustering
# each word's contexts into senses (multi-prototype embeddings: Reisinger & Mooney, 2010; Huang
# et al., 2012); the number of senses is then a setting, and a rare sense still has few
# occurrences to learn from.
#
# **Contextual models** change the unit: ELMo (Peters et al., 2018) and BERT (Devlin et al.,
# 2019) compute a vector for each *occurrence* from its sentence, so the two banks get different
# vectors and the rare sense is not averaged away. They cost far more to train and to run;
# static vectors like GloVe remain the cheap, inspectable baseline, and the input layer of many
# such models.
#
# ## 4. Bias
#
# Vectors learn whatever regularities the text has — including how it talks about people.
# A simple probe (Bolukbasi et al., 2016): the direction *he − she*, and where other words fall
# along it. First the words whose gender is definitional:

# %%
# NBVAL_IGNORE_OUTPUT
direction = checks.gender_direction(kv, [("he", "she")])
n = kv.get_normed_vectors()


def along(word):
    return float(n[kv.get_index(word)] @ direction)


definitional = [("king", "queen"), ("father", "mother"), ("man", "woman"), ("himself", "herself")]
for m, f in definitional:
    print(f"{m:8s} {along(m):+.2f}   {f:8s} {along(f):+.2f}")
checks.check_direction_separates(kv, direction, definitional)
male, female = (np.array([along(p[k]) for p in definitional]) for k in (0, 1))
assert abs(male.mean()) < 0.15 < -female.mean()  # lopsided; control: the female side's mean

# %% [markdown]
# On half a million tokens the direction separates the four pairs (for seeds 0-2 too), but
# lopsidedly: the male words barely project on it (means +0.07, +0.09 and +0.05 for seeds 0-2;
# single words from −0.04 to +0.19), the female words clearly (means −0.21, −0.25, −0.24).
# Asserted: the male mean below 0.15 in size, the female mean beyond −0.15. Another seed moves
# a projection by about 0.03 (s.d. over seeds 0-2, averaged over the eight words: 0.034;
# `benchmarks/exercise_answers.py 07.definitional`).
#
# **Predict, then run.** Before asking where occupations fall, ask where zero is. Is the average
# word — a word with no gender — at 0 on this direction? Does it matter how frequent it is?
#
# <details><summary>Answer</summary>
#
# No. The projection drifts with frequency: on seed 0's vectors words seen 5 to 25 times average
# about −0.08, words seen over 1,000 times about +0.17 (asserted below: under −0.05 and over
# +0.1). A rare word "leans towards *she*" before any gender enters. So a word must be compared
# with words of its own frequency, not with zero: we subtract, for each word, the mean projection
# of the 200 words nearest to it in frequency rank (`checks.frequency_matched_baseline`).
# </details>

# %% tags=["reveal"]
# NBVAL_IGNORE_OUTPUT
counts = np.asarray(vocab.counts)
proj = n @ direction  # every word's projection on he − she
bands = {"5-25": (5, 25), "26-100": (26, 100), "101-1000": (101, 1000),
         "> 1000": (1001, counts.max())}
band_mean = {b: proj[(counts >= lo) & (counts <= hi)].mean() for b, (lo, hi) in bands.items()}
print("mean projection by count:", ", ".join(f"{b}: {m:+.3f}" for b, m in band_mean.items()),
      f"(all words {proj.mean():+.3f})")
assert band_mean["5-25"] < -0.05 and band_mean["> 1000"] > 0.1  # zero is not neutral

# %% [markdown]
# That changes how to read the definitional words above: the male ones are frequent, the female
# ones rarer. Against words of their own frequency (`checks.frequency_matched_baseline`: the
# mean projection of the 200 words nearest in frequency rank):

# %%
matched_proj = proj - checks.frequency_matched_baseline(proj)
m_male, m_female = (np.mean([matched_proj[kv.get_index(p[k])] for p in definitional])
                    for k in (0, 1))
print(f"definitional words against their frequency: male mean {m_male:+.2f}, "
      f"female mean {m_female:+.2f}")
assert abs(m_male) < 0.05 < -m_female  # the male words' small lean was their frequency's

# %% [markdown]
# The male words sit at their frequency band's level (means −0.01, +0.02 and −0.03 for seeds
# 0-2), the female words well below theirs (−0.21 to −0.23; `benchmarks/exercise_answers.py
# 07.definitional`): on half a million tokens *he − she* marks the female words and leaves the
# male ones where words of their frequency are.

# %% [markdown]
# Occupations, which should be neutral, on two directions: *he − she*, and the first principal
# component of the definitional pairs of Bolukbasi et al. (2016; nine of their ten are in our
# vocabulary, *gal / guy* is not), each raw (grey) and minus its frequency-matched baseline
# (purple). The error bars are a uniform ±0.04: the standard deviation of a projection over
# seeds 0-2, *averaged* over the twelve occupations (`benchmarks/exercise_answers.py 07.bias`;
# this notebook loads seed 0 only). Word by word the spread differs, so for some words the bar
# understates it: on *he − she* it ranges from 0.01 (*president*) to 0.08 (*writer*), on the
# component from 0.01 (*doctor*) to 0.11 (*teacher*).

# %%
occupations = ["president", "judge", "poet", "teacher", "lawyer", "doctor", "writer", "artist",
               "singer", "engineer", "soldier", "farmer"]
occ = sorted((w for w in occupations if w in kv), key=along)
ids = [kv.get_index(w) for w in occ]
on = {"he − she": proj, "first PC of 9 pairs": n @ checks.gender_pca_direction(kv)}
matched = {name: p - checks.frequency_matched_baseline(p) for name, p in on.items()}

# %%
# NBVAL_IGNORE_OUTPUT
fig, axes = plt.subplots(1, 2, figsize=(10, 4.5), sharey=True)
for ax, name in zip(axes, on, strict=True):
    ax.barh(np.arange(len(occ)) + 0.2, on[name][ids], 0.4, color="tab:gray", label="raw")
    ax.barh(np.arange(len(occ)) - 0.2, matched[name][ids], 0.4, xerr=0.04, color="tab:purple",
            label="minus same-frequency mean")
    ax.axvline(0, color="black", lw=0.8)
    ax.set(yticks=range(len(occ)), yticklabels=occ, xlabel=f"projection on {name} (cosine)")
axes[0].legend(fontsize=8, loc="lower right")
plt.show()

# %%
soldier = kv.get_index("soldier")
# seed 0: soldier's raw lean is this seed's (-0.14, -0.03 for seeds 1, 2); matched > 0 in 0-2
assert on["he − she"][soldier] < -0.05 < 0 < matched["he − she"][soldier]  # its band, not it
lean_he = {name: int((m[ids] > 0).sum()) for name, m in matched.items()}  # of the 12
assert lean_he["first PC of 9 pairs"] >= lean_he["he − she"] + 3  # 10 vs 7 (seeds 0-2: ea)
rho = stats.spearmanr(*(m[ids] for m in matched.values()))[0]
assert rho < 0.5  # the two directions order the occupations differently (0.29 for seed 0)
count = dict(zip(vocab.words, vocab.counts, strict=True))
assert all(5 <= count[w] <= 25 for w in ("farmer", "soldier", "judge", "teacher"))  # rare
print(f"soldier: raw {on['he − she'][soldier]:+.2f}, matched "
      f"{matched['he − she'][soldier]:+.2f}; Spearman between the directions {rho:+.2f}")
print("occupations leaning towards he after matching:",
      ", ".join(f"{n} {k} of {len(occ)}" for n, k in lean_he.items()))

# %% [markdown]
# Read this plot as a *method* with its controls, not as a finding. Three things move the bars
# as much as gender could. **Frequency**: *soldier*, seen 5 times, leans towards *she* raw
# (−0.10 for seed 0; −0.14 and −0.03 for seeds 1 and 2, so that size is the seed's) only because
# words of its frequency do; against its frequency band it leans towards *he* (asserted for
# seed 0; +0.04 to +0.15 over seeds 0-2 in `exercise_answers.py 07.bias`).
# **The seed**: a projection moves by about 0.04 from seed to seed, the size of many matched
# bars. **The direction**: the nine-pair component orders the occupations differently from
# *he − she* (Spearman of the matched projections 0.29 for seed 0, asserted below 0.5; −0.13 and
# −0.01 for seeds 1 and 2), and it leans nearly all of them one way: after matching, 10 of the 12
# occupations lean towards *he* on the component (10, 10 and 9 for seeds 0-2), against 7 on
# *he − she* (7, 5, 6; asserted for seed 0: at least 3 more). A lean that almost every
# occupation shares says more about the direction than about any one job. Most of these words occur only 5 to 25 times (asserted), so their
# leans say little about how the text talks about these jobs. Frequency matters in large
# pretrained vectors too: Wang et al. (2020, ACL, *Double-Hard Debias*) find that corpus
# regularities such as word frequency, captured by the vectors, hamper debiasing along a gender
# direction, and remove them before inferring that direction. On billions of tokens the same
# probe shows
# systematic stereotypes — this probe on word2vec Google News vectors (Bolukbasi et al., 2016),
# association tests on GloVe Common Crawl vectors (Caliskan et al., 2017) — which then flow into
# every system built on the vectors. Debiasing by projecting out the direction hides the
# stereotype from this probe but not from others (Gonen & Goldberg, 2019).
#
# ## Summary
#
# * The GloVe text format has no header and may contain words with spaces: read the last $d$
#   fields as the vector. glovelib reads and writes it, and converts to gensim.
# * Pretrained vectors from billions of tokens are far better than anything a laptop corpus
#   gives: `gl.datasets.download_glove("6B", 50)` once, then `load_word2vec_format(...,
#   no_header=True)`.
# * Limits: no vector for unseen words (13% of news tokens here); counts add up, so new text is
#   cheap for known words, but new words need new rows (notebook 08 measures it); one vector per
#   word — close to a weighted sum of its senses' vectors whose weights grow with each sense's
#   frequency (section 3 measures them; they are not the senses' shares of the text), so rare
#   senses lose their neighbours, which is what contextual models fix; and biases learned from
#   text, which must be measured against a frequency-matched baseline on a small corpus.
#
# ## Exercises
#
# 1. Save our vectors in word2vec binary format and load them with gensim. Compare the file sizes.
# 2. Merge three words into one token in the planted world. How many senses can you still see
#    among its neighbours?
# 3. Build the he − she direction from several pairs (he/she, his/her, man/woman, king/queen)
#    with `checks.gender_direction`. Are the occupation projections more stable across random
#    seeds of the GloVe model?
#
# <details><summary>Answers</summary>
#
# 1. `kv.save_word2vec_format("v.bin", binary=True)`, then
#    `gensim.models.KeyedVectors.load_word2vec_format("v.bin", binary=True)`. Binary stores 4
#    bytes per number, text about 9–10 characters: the binary file is 2 to 2.5 times smaller
#    (about 1.9 MB for 9,002 × 50, against 4–5 MB of text). (`benchmarks/exercise_answers.py
#    07.1` reproduces these.)
# 2. Fewer than you might hope. In our run (*cat*, *berlin* and *walking* merged), with equal
#    shares *bank*'s 10 nearest hold two present participles and one capital but no singular
#    noun: one sense is lost even at equal frequency. When one word keeps all its sentences and
#    the other two a quarter, only the frequent one's sense shows (3 to 5 neighbours, the others
#    at most one) — the same frequency effect as above, with three terms.
#    (`benchmarks/exercise_answers.py 07.2` reproduces these.)
# 3. A little. Over seeds 0 to 2, an occupation's projection varies by 0.036 (standard
#    deviation, averaged over the 12 occupations of section 4) with the four pairs, against 0.042
#    with *he − she* alone: averaging pairs cancels part of each pair's noise. A shift of 0.04 is
#    still enough to swap occupations whose projections are close (across the 12, averaged
#    over the seeds, they have a standard deviation of about 0.10 with *he − she*, the plot's
#    direction, and 0.15 with the four pairs), so the ranking of individual occupations remains
#    unreliable.
#    (`benchmarks/exercise_answers.py 07.3` reproduces these.)
# </details>
