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
# word $d \notin \{a, b, c\}$ with the largest cosine to $\hat b - \hat a + \hat c$, where hats
# are unit vectors. Use NumPy; do not call `KeyedVectors.most_similar` or `.analogy`, which are
# the answer (the check notices).

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
# in `kv` (the Google file is capitalized, the vectors lowercase; notebook 05's coverage). Use your
# `solve`, not `gl.evaluate.analogy_accuracy` or `kv.evaluate_word_analogies`. The check runs it
# on vectors trained on the planted world, then on the same questions with capitalized words and
# words outside the vocabulary added.

# %%
def accuracy(kv, path):
    result, section = {}, None
    ### BEGIN SOLUTION
    for line in open(path, encoding="utf-8"):
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
questions = world.write_questions()

# %%
# USES-STUDENT-CODE
checks.check_section_accuracy(accuracy, planted_kv, questions)

# %% [markdown]
# ## Task 3 — a small hyperparameter study (1-2 h)
#
# 1. **How many dimensions does a world need?** The planted world gives every word a hidden
#    meaning of 24 random numbers: the meaning of its concept plus that of its role (capital,
#    female, plural, ...), `u_w = u_concept + u_role` (`help(gl.datasets.planted_corpus)`; 24 is
#    its `latent_dim`). On `PX`, train d = 2, 4, 8, 16, 20, 24 and 32 (x_max 10, 30 epochs,
#    `random_state=seed`) and plot the analogy accuracy against d. What is the smallest d beyond
#    which accuracy stops rising (by more than another seed would change it), and how does it
#    relate to the world? Why can't d = 2 work?
# 2. **Which x_max for a small corpus?** On the Wikipedia sample, train x_max = 1, 10 and 100
#    (d = 50, 15 epochs, `random_state=0`) and record WordSim-353 and SimLex-999. Use
#    `gl.cached_fit(model, X)` in place of `model.fit(X)`: notebook 04 trains the same three
#    models, so they load from the cache. Which x_max would you choose for a corpus this size, and
#    would you expect the same choice on text8?

# %%
dims = [2, 4, 8, 16, 20, 24, 32]


def planted_accuracies(dims, seed=0):
    """-> the analogy accuracy (3CosAdd) on the planted world's questions, one per d."""
    ### BEGIN SOLUTION
    acc = []
    for d in dims:
        kv = gl.GloVe(vector_size=d, x_max=10.0, epochs=30, random_state=seed).fit(PX) \
            .to_keyed_vectors(pvocab)
        acc.append(gl.evaluate.analogy_accuracy(kv, questions).accuracy)
    return acc
    ### END SOLUTION


# %%
# USES-STUDENT-CODE
planted_acc = checks.check_planted_accuracies(planted_accuracies, dims)
print("accuracy:", ", ".join(f"d={d} {a:.2f}" for d, a in zip(dims, planted_acc)))

# %%
# SOLUTION-ONLY
at = dict(zip(dims, planted_acc))
plateau = [at[d] for d in (20, 24, 32)]
assert at[2] < 0.1 and at[8] < at[16] - 0.2 and at[16] < at[32] - 0.01  # steep, then slow (world 0)
assert max(plateau) - min(plateau) < 0.06  # from d = 20 on: flat

# %% [markdown]
# Which of these differences would survive another seed? The same models from d = 16 on, with
# `random_state=2`:

# %%
# USES-STUDENT-CODE
again = dict(zip(dims[3:], checks.check_planted_accuracies(planted_accuracies, dims[3:], seed=2)))
print("random_state=2:", ", ".join(f"d={d} {a:.2f}" for d, a in again.items()))

# %%
# SOLUTION-ONLY
top = [again[d] for d in (20, 24, 32)]
assert max(top) - min(top) < 0.06 and again[16] < min(top)  # flat from d = 20; d = 16 lower
assert again[20] > again[24]  # but the order among 20, 24 and 32 is the seed's

# %%
corpus = gl.datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
X = gl.count_cooccurrences((vocab.encode(doc) for doc in corpus), len(vocab), 15)
x_maxes = [1.0, 10.0, 100.0]


def x_max_study(x_maxes):
    """-> (WordSim-353 Spearmans, SimLex-999 Spearmans), one per x_max."""
    ws, sl = [], []
    ### BEGIN SOLUTION
    for x_max in x_maxes:
        model = gl.GloVe(vector_size=50, x_max=x_max, epochs=15, random_state=0)
        kv = gl.cached_fit(model, X).to_keyed_vectors(vocab)
        ws.append(gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path()).spearman)
        sl.append(gl.evaluate.word_similarity(kv, gl.datasets.simlex999_path()).spearman)
    ### END SOLUTION
    return ws, sl


# %%
# USES-STUDENT-CODE
ws, sl = checks.check_x_max_study(x_max_study, x_maxes)
print("WordSim-353:", " ".join(f"{v:.2f}" for v in ws), "| SimLex-999:",
      " ".join(f"{v:.2f}" for v in sl), "(x_max 1, 10, 100)")

# %%
# SOLUTION-ONLY
# x_max = 100 is worst for seeds 0-2 (ea hw3.xmax); SimLex is low at every x_max
assert ws[0] > ws[2] + 0.1 and sl[2] < min(sl[:2]) and max(sl) < 0.2
# seed 0 only: for seed 1 both gaps are under 0.01 (ea hw3.xmax)
assert ws[0] > ws[1] > ws[2] and sl[1] > sl[0] + 0.02  # WordSim prefers 1, SimLex 10

# %%
# USES-STUDENT-CODE
curves = {"accuracy": (dims, planted_acc), "WordSim-353": (x_maxes, ws),
          "SimLex-999": (x_maxes, sl)}  # before the figure: no empty figure if one is missing
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(*curves["accuracy"], "o-")
axes[0].set(xlabel="vector size d", ylabel="analogy accuracy", title="Planted world")
axes[1].semilogx(*curves["WordSim-353"], "o-", label="WordSim-353")
axes[1].semilogx(*curves["SimLex-999"], "s-", label="SimLex-999")
axes[1].set(xlabel="x_max", ylabel="Spearman", title="Wikipedia sample")
axes[1].legend()
plt.show()

# %% [markdown]
# **Your answers:**
#
# ### BEGIN SOLUTION
# *Model answer.*
#
# 1. Accuracy climbs steeply up to d = 16 (d = 8 is more than 0.2 below it) and then levels off:
#    d = 20, 24 and 32 agree within 0.06, while d = 16 is still a little lower (asserted above,
#    in this world; world 1 has the same shape, d = 16 at 0.87-0.89 and d = 20 to 32 at
#    0.90-0.93 for seeds 0 and 2: `benchmarks/exercise_answers.py hw3.dims`).
#    With `random_state=2` the same holds (d = 16 lowest, d = 20 to 32 within 0.06), but the order
#    among d = 20, 24 and 32 changes (d = 20 beats d = 24): those differences are the seed's, not
#    the dimension's. So the plateau starts from d = 20 (in this world, seeds 0 and 2), just
#    below the 24 hidden dimensions the world was generated from, not sharply at 24 (the
#    generator's number, not a measurement). The meanings of its 232 words span all 24
#    directions (each concept has its own random vector), so the log counts, which are linear in
#    the meanings, have a word–context block of rank about 24 (plus the biases): d = 24 can
#    represent that block without loss, and d = 16-20 already keep most of it (the accuracies
#    above). GloVe also fits the context–context counts, which the generator does not make
#    log-linear, so 24 is a guide to where the plateau starts, not the rank of the whole matrix;
#    the plateau itself is what is measured.
#    With d = 2 (accuracy below 0.1), 116 concepts and 8 roles must share a plane: the
#    offset "capital minus country" cannot be kept apart from the differences between
#    concepts, so b - a + c lands among many words. On real text there is no such sharp number;
#    accuracy grows slowly up to a few hundred dimensions (the paper's Figure 2a).
# 2. For seed 0 the two sets disagree (asserted above). WordSim-353 (relatedness) is best at
#    x_max = 1 (0.35, against 0.24 at 10 and about 0 at 100); SimLex-999 (similarity) is best at
#    x_max = 10 (0.13, against 0.09 at 1) and also collapses at 100. Both gaps are the seed's
#    size: for seed 1 the direction holds but both nearly vanish (WordSim 0.242 / 0.239, SimLex
#    0.135 / 0.142 at x_max 1 / 10: `benchmarks/exercise_answers.py hw3.xmax`), and over seeds 0-4
#    WordSim's gain ranges from 0.00 to 0.11 (`04.xmax`). SimLex is low at every x_max (these
#    vectors capture relatedness far better than similarity). Run several seeds before trusting
#    either gap (over seeds 0-2 and 15 to 60 epochs, SimLex prefers 10 in all but one case, by
#    0.001: `04.epochs`). What every seed says clearly: x_max = 100 is too large here. Over 99%
#    of the nonzero counts of this
#    453k-token corpus are below 100, and most are below 1 (notebook 02 asserts both), so a large
#    x_max gives nearly every pair a tiny weight: the model learns little in 15 epochs, and the
#    few frequent pairs dominate. Between 1 and 10 the choice depends on the task
#    (relatedness or similarity), or try a value in between, such as 3. On text8 (17M tokens)
#    counts are about 40 times larger, so the best x_max should move up, towards the paper's 100 on
#    billions of tokens; measure it rather than assume it (Task 4).
# ### END SOLUTION
#
# ## Task 4 (optional, needs internet) — text8 and Word2Vec
#
# `gl.datasets.download_text8()` fetches text8 (31 MB zip, 17M tokens) once, checks it and
# caches it. Set `RUN_TEXT8 = True` to run this part (a few minutes on a laptop; the tests skip
# it). Train GloVe (d = 100, x_max = 100, 15 epochs, 2 threads) and Word2Vec (d = 100, 5 epochs,
# 2 workers) on the same vocabulary (min_count 5), both with a window of 10 (matched, as in
# notebook 06: gensim's default window is 5, and a wider window alone changes the scores), and
# compare analogy accuracy, coverage and WordSim-353. How do the numbers compare with the Wikipedia sample's, and with the paper's?

# %%
# NBVAL_SKIP
RUN_TEXT8 = False
if RUN_TEXT8:
    text = open(gl.datasets.download_text8()).read().split()
    docs = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    t8_vocab = gl.Vocabulary.build(docs, min_count=5)
    window = 10  # the same for both models
    X8 = gl.count_cooccurrences(t8_vocab.encode_documents(docs), len(t8_vocab), window,
                                verbose=True)
    t8 = {"GloVe": gl.GloVe(vector_size=100, x_max=100.0, epochs=15, n_threads=2, verbose=True,
                            random_state=0).fit(X8).to_keyed_vectors(t8_vocab),
          "Word2Vec": gl.baselines.train_word2vec(docs, t8_vocab, vector_size=100, window=window,
                                                  epochs=5, workers=2)}

# %%
# NBVAL_SKIP
if RUN_TEXT8:
    for name, kv in t8.items():
        an = gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
        ws8 = gl.evaluate.word_similarity(kv, gl.datasets.wordsim353_path())
        print(f"{name}: analogies {100 * an.accuracy:.1f}% of {an.total.seen} seen; {ws8}")

# %% [markdown]
# ### BEGIN SOLUTION
# *What to look for.* With 40 times more text, both models cover far more of the analogy
# questions and WordSim-353 pairs, and their scores rise well above the Wikipedia sample's; they
# stay below the paper's (Table 2: 71.7% analogy accuracy for GloVe, d = 300, 6B tokens),
# because text8 is 350 times smaller. Which of the two wins here depends on their settings
# (window, epochs, x_max): tune both before concluding, as Levy et al. (2015) argue.
# ### END SOLUTION
#
# ## Task 5 — the published vectors (1 h; needs the file)
#
# Stanford's GloVe 6B vectors were trained on 6 billion tokens (Wikipedia 2014 + Gigaword 5),
# ten thousand times our sample. Download them once with
# `gl.datasets.download_glove(name="6B", dim=50)` (an 822 MB zip; needs internet), or point the
# environment variable `GLOVE_FILE` at any GloVe-format text file, then rerun from here. Without
# the file the cells below say so and do nothing. Like CS224n's first assignment, each part asks
# you to *find* an example and explain it in a sentence or two.

# %%
import os


def pretrained_file():
    """The GloVe text file to use, or None: $GLOVE_FILE, else the downloaded 6B, 50-d file."""
    path = os.environ.get("GLOVE_FILE")
    if path and not os.path.isfile(path):
        print(f"GLOVE_FILE is {path!r}, which is not a file: point it at a GloVe-format text "
              "file (one word and its numbers per line), or unset it.")
        return None
    return path or gl.datasets.pretrained_path("6B", 50)


# %%
# NBVAL_IGNORE_OUTPUT
path = pretrained_file()
if path is None:
    glove = None
    print('No published GloVe vectors here: run gl.datasets.download_glove(name="6B", dim=50) '
          "once (needs internet) or set GLOVE_FILE, then rerun. Task 5 is skipped.")
else:
    glove = gl.KeyedVectors.load_word2vec_format(path, no_header=True, limit=100_000)
    print(f"loaded {glove} from {os.path.basename(path)}")

# %% [markdown]
# **5a — polysemy.** Find a word with two senses whose 10 nearest neighbours contain words of
# *both* senses (try *leaves*, *scoop*, *mouse*, *bank*, *spring*, ...). Many polysemous words show
# only one sense in their neighbours: why? (`glove.most_similar(word)`)

# %%
# NBVAL_IGNORE_OUTPUT
if glove is not None:
    ### BEGIN SOLUTION
    for word in ["leaves", "scoop", "mouse", "bank", "spring"]:
        if word in glove:
            print(f"{word}:", ", ".join(w for w, _ in glove.most_similar(word, topn=10)))
    ### END SOLUTION

# %% [markdown]
# **5b — synonyms and antonyms.** Find three words w1, w2, w3 where w2 is a synonym of w1 and w3
# an antonym, but w3 is *closer* to w1 (`glove.distance`, the cosine distance). Why does that
# happen with vectors learned from cooccurrence?

# %%
# NBVAL_IGNORE_OUTPUT
if glove is not None:
    ### BEGIN SOLUTION
    for w1, w2, w3 in [("happy", "cheerful", "sad"), ("hot", "scorching", "cold"),
                       ("increase", "raise", "decrease")]:
        if all(w in glove for w in (w1, w2, w3)):
            closer = "antonym" if glove.distance(w1, w3) < glove.distance(w1, w2) else "synonym"
            print(f"{w1}: synonym {w2} {glove.distance(w1, w2):.3f}, antonym {w3} "
                  f"{glove.distance(w1, w3):.3f} -> the {closer} is closer")
    ### END SOLUTION

# %% [markdown]
# **5c — an analogy that works and one that fails.** Use your `solve` (or `glove.analogy(a, b,
# c)`, which agrees with it) on *man : king :: woman : ?* and on three analogies of your own;
# find one that fails and say why it fails (the expected word missing or rare, a second sense, a
# relation that is not one offset, ...).

# %%
# NBVAL_IGNORE_OUTPUT
if glove is not None:
    ### BEGIN SOLUTION
    for a, b, c in [("man", "king", "woman"), ("france", "paris", "italy"),
                    ("tall", "taller", "long"), ("hand", "glove", "foot"),
                    ("warm", "cold", "summer")]:
        if all(w in glove for w in (a, b, c)):
            top = [w for w, _ in glove.most_similar(positive=[b, c], negative=[a], topn=3)]
            print(f"{a} : {b} :: {c} : {top[0]}   (then {', '.join(top[1:])})")
    ### END SOLUTION

# %% [markdown]
# **5d — bias.** Compare `glove.most_similar(positive=["woman", "worker"], negative=["man"])`
# with `positive=["man", "worker"], negative=["woman"]`, and try a profession or two of your
# own. What do the lists show, where does it come from, and why does it matter when the vectors
# are used downstream?

# %%
# NBVAL_IGNORE_OUTPUT
if glove is not None:
    ### BEGIN SOLUTION
    for x, y in [("woman", "man"), ("man", "woman")]:
        for job in ["worker", "doctor"]:
            if all(w in glove for w in (x, y, job)):
                found = glove.most_similar(positive=[x, job], negative=[y], topn=8)
                print(f"{x} - {y} + {job}:", ", ".join(w for w, _ in found))
    ### END SOLUTION

# %% [markdown]
# **Your answers** (with the words you found):
#
# ### BEGIN SOLUTION
# *Model answers.* The exact words depend on the file (6B, 50 dimensions, here); what to find:
#
# - **5a.** A word whose two senses are both frequent in the corpus shows both in its neighbours
#   (*leaves* is the classic find: parts of a plant and forms of the verb *leave*). A static
#   vector is one point per word type, near the count-weighted mixture of its senses (Arora et
#   al., 2018; notebook 07): when one sense dominates the corpus (*mouse* in news is mostly the
#   animal, or mostly the device), its neighbours drown the other's.
# - **5b.** Antonyms often come out closer than synonyms: *sad* appears in the same sentences and
#   constructions as *happy* ("I am happy/sad that ..."), while a rarer synonym such as *cheerful*
#   has other company. Distributional similarity is about shared contexts, not about meaning
#   being the same; that is why WordSim-353 (relatedness) is easier for these vectors than
#   SimLex-999 (similarity).
# - **5c.** *man : king :: woman : queen* works: it is the paper's showcase, and the gender
#   offset is strong in 6B tokens. The failures teach most: a relation that is not one offset
#   (*hand : glove :: foot : ?* wants *sock* or *shoe*; the offset from *hand* to *glove* mixes
#   clothing with the baseball mitt), a word whose second sense pulls the query, or an answer
#   rarer than its neighbours. The query words themselves are excluded, which hides how often
#   *b* itself would win (Linzen, 2016).
# - **5d.** The two lists differ along stereotyped lines (occupations and roles associated with
#   women on one side, with men on the other), because the vectors encode the cooccurrences of
#   the text, including its social biases (Bolukbasi et al., 2016; Caliskan et al., 2017). Used
#   downstream (search, hiring, translation), they reproduce and can amplify those biases;
#   debiasing projections reduce what analogies show but not all of it (Gonen & Goldberg, 2019).
# ### END SOLUTION
