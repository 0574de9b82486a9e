# %% [markdown]
# # 05 — Evaluating vectors
#
# How do we know vectors are good? Three standard *intrinsic* tests, all in `glovelib.evaluate`:
#
# * **nearest neighbours** — look at them (useful, but anecdotal);
# * **analogies** — *a is to b as c is to ?*, answered by vector arithmetic (3CosAdd, 3CosMul),
#   scored on the Google set of 19,544 questions in 14 sections;
# * **word similarity** — the Spearman correlation between cosine similarity and human ratings
#   (WordSim-353, SimLex-999).
#
# And one number people forget to report: **coverage** — how many questions the vocabulary can
# even ask. We evaluate on the planted world (where the answers are known) and on the Wikipedia
# sample (where they are hard), and end with how quality grows with corpus size.

# %%
import matplotlib.pyplot as plt
import numpy as np

import glovelib as gl
from glovelib import datasets, evaluate

world = datasets.planted_corpus(seed=0)
pvocab = gl.Vocabulary.build(world.documents)
PX = gl.count_cooccurrences(pvocab.encode_documents(world.documents), len(pvocab), 15)
planted = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0, n_threads=2) \
    .fit(PX).to_keyed_vectors(pvocab)

# %%
corpus = datasets.wikipedia_sample()
wvocab = gl.Vocabulary.build(corpus, min_count=5)
WX = gl.count_cooccurrences((wvocab.encode(d) for d in corpus), len(wvocab), 15)
glove = gl.GloVe(vector_size=50, x_max=10.0, epochs=15, random_state=0, n_threads=2)
wiki = gl.cached_fit(glove, WX).to_keyed_vectors(wvocab)  # the model of notebook 04

# %% [markdown]
# ## How the planted world is made
#
# Each word of the world is a (concept, role) pair — *paris* is (paris/france, capital) — with a
# hidden meaning $u_w = u_{concept} + u_{role}$. A sentence about *w* holds *w* and context words
# *j* drawn with probability $\propto \text{prior}_j \exp(0.6\, u_w \cdot z_j)$, where $z_j$ is a
# fixed random vector for context word *j* and $\text{prior}_j \propto 1/\text{rank}_j$ its
# Zipfian base frequency. The context words are a separate list of 170 words, none of them among
# the 232 relation words. This is a log-linear generator in the spirit of Arora et al. (2016)
# (not their random-walk model): log counts are linear in meanings. Relations are
# therefore *exactly* parallel offsets, and a correct GloVe must find them. It is a test of the
# code, not of the method.
#
# ## Nearest neighbours
#
# Cosine similarity to every other word, highest first (the query word excluded).
#
# **Predict, then run.** Notebook 00 showed the neighbours of *paris*: the other capitals came
# first, *france* only sixth. Now *queen*, whose concept it shares with *king* and whose role
# ("female", in the family relation) with *bride*, *girl*, *grandmother*...: which do you expect
# nearest to it, *king* or the other female family words? (If you did notebook 00's exercise 1,
# you have seen the answer: then check that this model agrees.)
#
# <details><summary>Answer</summary>
#
# In this world (`planted_corpus(seed=0)`, training seed 0) the role wins again: the top three
# are *bride*, *granddaughter* and *grandmother*, and *king* is far down the list, 76th (the cell
# prints its rank). For *paris* the top three are all capitals, and *france* comes 6th, after
# some unrelated words. That is a property of this world's random draw, not a rule: in worlds 1
# and 2 *king* is *queen*'s nearest word (2nd in world 3), and in worlds 1 and 3 *france* is
# *paris*'s nearest; training seed 1
# on this world keeps *king* far down (74th) but puts *mouse* among *paris*'s top three and
# *france* 10th (`benchmarks/exercise_answers.py 05.worlds`). Each relation's two roles and each
# concept are independent random vectors, so which one dominates depends on the draw.
# </details>

# %% tags=["reveal"]
my_guess = None  # your prediction: "king" or "female family words"
capitals = set(dict(world.pairs["capital-common-countries"]).keys())
top10 = [w for w, _ in planted.most_similar("paris", topn=10)]
assert set(top10[:3]) <= capitals and top10.index("france") == 5  # world 0, training seed 0 only
female = {b for a, b in world.pairs["family"]}
by_queen = [w for w, _ in planted.most_similar("queen", topn=None)]
if gl.course.guess(my_guess, "king" if by_queen[0] == "king" else "female family words",
                   "nearest"):
    for word in ["paris", "queen", "cats"]:
        print(f"{word:6s}", ", ".join(w for w, _ in planted.most_similar(word, topn=3)))
    print("paris top 10:", ", ".join(top10))
    print(f"rank of king among the neighbours of queen: {by_queen.index('king') + 1}")
# world 0, training seed 0 only (worlds 1-3 rank king 1st, 1st, 2nd: ea 05.worlds)
assert set(by_queen[:3]) <= female and by_queen.index("king") >= 10

# %% [markdown]
# The role dominates *paris*'s neighbours (other capitals), the concept (*france*) shows up
# further down, and the top 10 also holds words unrelated to either: a neighbour list is one noisy
# glimpse, not a measurement. On the Wikipedia sample (small corpus), look at the neighbours
# below: are they similar words, or *topical* ones, from the same articles? (They are printed
# for you to judge, not checked.)

# %%
# NBVAL_IGNORE_OUTPUT
for word in ["france", "music", "war", "king"]:
    print(f"{word:7s}", ", ".join(w for w, _ in wiki.most_similar(word, topn=6)))

# %% [markdown]
# ## Analogies: 3CosAdd and 3CosMul
#
# *a : b :: c : ?* is answered by the word d (not a, b or c) that maximizes
#
# * **3CosAdd** (Mikolov et al., 2013): $\cos(d, b) - \cos(d, a) + \cos(d, c)$ — equivalently,
#   closest to $b - a + c$ after normalizing;
# * **3CosMul** (Levy & Goldberg, CoNLL 2014, *Linguistic Regularities in Sparse and Explicit
#   Word Representations*): $\dfrac{\cos'(d, b)\,\cos'(d, c)}{\cos'(d, a) + \varepsilon}$
#   with cosines shifted to [0, 1] — one large term cannot dominate the others.

# %% [markdown]
# **Predict, then run.** In the planted world, *man : king :: woman : ?* The world has *queen*,
# and also *bride*, *princess*, *girl*... Will 3CosAdd and 3CosMul give the same answer?
#
# <details><summary>Answer</summary>
#
# Not in this world (seed 0): 3CosAdd answers *queen*, 3CosMul answers *bride*. The three
# cosines below say why. In worlds 1, 2 and 3 both answer *queen* (`exercise_answers.py
# 05.worlds`).
# </details>

# %% tags=["reveal"]
my_guess = None  # your prediction: True (the same answer) or False
same = planted.analogy("man", "king", "woman") == planted.analogy("man", "king", "woman", "mul")
if gl.course.guess(my_guess, same, "the same answer"):
    print("man : king :: woman :", planted.analogy("man", "king", "woman"),
          "(3CosAdd) /", planted.analogy("man", "king", "woman", method="mul"), "(3CosMul)")

# %% tags=["reveal"]
cos = {d: [planted.similarity(d, w) for w in ("man", "king", "woman")] for d in ("queen", "bride")}
for d, (c_a, c_b, c_c) in cos.items():
    mul = (1 + c_b) / 2 * (1 + c_c) / 2 / ((1 + c_a) / 2 + 1e-3)
    print(f"{d:6s} cos(d, man) {c_a:+.2f}  cos(d, king) {c_b:+.2f}  cos(d, woman) {c_c:+.2f}"
          f"   3CosAdd {c_b - c_a + c_c:+.2f}   3CosMul {mul:.2f}")
print(f"(and cos(groom, king) {planted.similarity('groom', 'king'):+.2f})")
# these asserts hold for world 0 and training seed 0 (cos(groom, king) 0.30-0.43 in worlds 1-3)
assert cos["queen"][1] > cos["bride"][1] and cos["bride"][0] < cos["queen"][0] - 0.05
assert planted.similarity("groom", "king") > 0.5 and cos["queen"][1] < 0.3
assert planted.analogy("man", "king", "woman", method="mul") == "bride"
assert planted.analogy("man", "king", "woman") == "queen"
add_score = {d: c_b - c_a + c_c for d, (c_a, c_b, c_c) in cos.items()}
assert 0 < add_score["queen"] - add_score["bride"] < 0.05  # nearly tied under 3CosAdd

# %% [markdown]
# The two candidates are nearly tied under 3CosAdd: *queen* is closer to *king*, *bride* further
# from *man*, and the sum barely favours *queen*. (*bride* is a serious candidate because in this
# world *groom*, its male partner, is close to *king*.) Note how far *king* is from *queen*
# (cosine 0.14) and how close to *groom* (0.74), although *king* and *queen* share a concept: in
# this world's family relation the role ("male" or "female"), which every word on one side
# shares, dominates the vectors. In other worlds it does not: the two role vectors and each
# concept are independent random draws: in worlds 1 to 3 *king* is *queen*'s first or second
# neighbour, cos(*groom*, *king*) is 0.30-0.43 and both methods answer *queen*
# (`exercise_answers.py 05.worlds`). Whether the role or the concept dominates a relation is a property of the draw,
# not of the method. 3CosMul divides by
# $\cos'(d, a)$, the cosine to *man* shifted to $[0, 1]$: a candidate pointing away from *man* gets
# a small denominator, and that ratio outweighs *queen*'s lead on *king*. Levy & Goldberg (CoNLL 2014)
# designed 3CosMul so that one large similarity cannot dominate a sum; the price is that a small
# similarity to $a$ weighs heavily in the product. Neither method is "right": on exactly parallel
# offsets (the planted world) 3CosAdd fits the structure and scores higher below; on large real
# corpora Levy & Goldberg (CoNLL 2014) found 3CosMul the better of the two. On our small Wikipedia sample
# 3CosAdd comes out ahead, as in the planted world and unlike that CoNLL 2014 result (below:
# 3CosMul about 0.8% against 3CosAdd's 2.1%), on few questions — one small corpus cannot settle
# the question.
#
# **Try it.** Turn the 3CosAdd below into 3CosMul: shift each cosine to $[0, 1]$ with
# $(1 + \cos) / 2$, multiply the shifted cosines to *b* and *c*, divide by the one to *a* plus
# $10^{-3}$. As stored it is still 3CosAdd, and the check (which compares with `kv.analogy(...,
# method="mul")` on random vectors) rejects it; when your version is right it passes and
# *man : king :: woman : ?* gives *bride*. Forget the shift and the check tells you.

# %%
def my_analogy(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    cos = unit @ unit[[ia, ib, ic]].T          # (V, 3): cos to a, b, c
    score = cos[:, 1] - cos[:, 0] + cos[:, 2]  # 3CosAdd: change this line (and the one above)
    score[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(score))]


print(my_analogy(planted.vectors, planted.index_to_key, "man", "king", "woman"))
try:
    gl.checks.check_cosmul(my_analogy)
except gl.checks.CheckFailed as err:
    print("not 3CosMul yet:", err)

# %% [markdown]
# <details><summary>Answer</summary>
#
# ```python
# shifted = (1 + unit @ unit[[ia, ib, ic]].T) / 2        # (V, 3): cos' to a, b, c
# score = shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + 1e-3)
# ```
# </details>

# %%
# NBVAL_IGNORE_OUTPUT
path = world.write_questions()
add = evaluate.analogy_accuracy(planted, path, method="add")
mul = evaluate.analogy_accuracy(planted, path, method="mul")
print(add.table())
print(f"\n3CosAdd {100 * add.accuracy:.1f}%, 3CosMul {100 * mul.accuracy:.1f}%")

# %%
assert add.accuracy > 0.95 and mul.accuracy > 0.9 and add.accuracy > mul.accuracy
print("planted world: 3CosAdd above 95%, 3CosMul above 90% and below 3CosAdd")

# %% [markdown]
# Near perfect, as it must be — and here 3CosAdd beats 3CosMul: the planted relations are exact
# parallel offsets, which is 3CosAdd's own assumption. (On large real corpora Levy & Goldberg, CoNLL
# 2014, found the opposite; on our Wikipedia sample, below, 3CosAdd is ahead as well.) Now the Google questions on the Wikipedia vectors. The table
# shows, per section, the questions answered correctly, the questions **seen** (all four words in
# the vocabulary) and the total in the file:

# %%
google = datasets.analogy_questions_path()
wiki_add = evaluate.analogy_accuracy(wiki, google)
wiki_mul = evaluate.analogy_accuracy(wiki, google, method="mul")
seen, total = wiki_add.total.seen, wiki_add.total.total
print(f"questions seen: {seen:,} of {total:,} ({100 * seen / total:.1f}%)")
assert total == 19544 and seen == 3822

# %%
# NBVAL_IGNORE_OUTPUT
print(wiki_add.table())
print(f"\n3CosMul: {100 * wiki_mul.accuracy:.2f}% of the questions seen")

# %%
assert 0.015 < wiki_add.accuracy < 0.06
assert 0.004 < wiki_mul.accuracy < 0.015 and wiki_mul.accuracy < wiki_add.accuracy / 1.5
coverage = {s.name: s.coverage for s in wiki_add.sections}
assert max(coverage[n] for n in ("capital-world", "currency", "city-in-state")) < 0.1
print("Wikipedia sample: 3CosAdd answers 1.5-6% of the questions it can ask correctly, "
      "3CosMul fewer")

# %% [markdown]
# ## Coverage matters
#
# 80% of the questions are not even *seen*: a 9,002-word vocabulary lacks most capitals,
# currencies and states. Accuracy over the seen questions is the paper's convention, but two
# models with different vocabularies are then scored on different questions. Counting unseen
# questions as wrong (gensim's `dummy4unknown`) gives the honest overall number. It is a
# definition, not a finding: the correct answers divided by all 19,544 questions instead of the
# 3,822 seen, so the check below is an identity:

# %%
# NBVAL_IGNORE_OUTPUT
strict = evaluate.analogy_accuracy(wiki, google, dummy4unknown=True)
print(f"over all 19,544 questions: {100 * strict.accuracy:.2f}%")
assert np.isclose(strict.accuracy * total, wiki_add.accuracy * seen)  # same correct answers

# %% [markdown]
# ## The headline analogy, on our own real-text vectors
#
# *king − man + woman ≈ queen* is the picture every course shows. The planted world gets it (by
# construction); what do the Wikipedia vectors of notebook 04 say?
#
# **Predict, then run.** Will *queen* be the answer? If not, how far down the list? And how many
# times do you think *queen* occurs in the 453k tokens?
#
# <details><summary>Answer</summary>
#
# For this model (training seed 0, $x_{max} = 10$): close, but not first: *governor* wins, and
# *queen* comes fourth, behind words of office and rule (*secretary*, and *burgoyne*, a British
# general of the American war). That rank is a lottery of the seed: seed 1 puts *queen* first,
# seed 2 eighth, and at $x_{max} = 1$ it falls to between 38th and 506th (`exercise_answers.py
# 05.queen`). *queen* occurs only 19 times in the 453k tokens (*king* 99), so its vector rests on
# a handful of contexts.
# </details>

# %% tags=["reveal"]
print("king - man + woman:", ", ".join(w for w, _ in wiki.most_similar(
    positive=["king", "woman"], negative=["man"], topn=5)))
ranked = [w for w, _ in wiki.most_similar(positive=["king", "woman"], negative=["man"],
                                          topn=None)]
rank = ranked.index("queen") + 1
print(f"rank of queen: {rank} of {len(ranked):,}")

# %% tags=["reveal"]
ids = {w: wvocab.index[w] for w in ("king", "queen", "man", "woman")}
for w, i in ids.items():
    print(f"{w:6s} {int(wvocab.counts[i]):5d} occurrences")
print(f"king-queen {WX[ids['king'], ids['queen']]:.1f}, man-woman "
      f"{WX[ids['man'], ids['woman']]:.1f} (1/d-weighted counts within 15 words)")
family = next(sec for sec in wiki_add.sections if sec.name == "family")
print(f"family section: {family.seen} of {family.total} questions seen")

# %% tags=["check"]
assert ranked[0] == "governor" and rank == 4  # training seed 0 only (seeds 1, 2: 1st, 8th)
assert [int(wvocab.counts[i]) for i in ids.values()] == [99, 19, 150, 59]
assert (family.seen, family.total) == (110, 506) and WX[ids["king"], ids["queen"]] == 0
print(f"the corpus is {6e9 / sum(len(d) for d in corpus):,.0f} times smaller than the paper's 6B")

# %% [markdown]
# The answers are words of office and rule (*governor*, *secretary*: printed above), so the
# vectors place *king* among such words — but they do not know, reliably, that it is male: the man → woman offset is learned from the contexts *man* and
# *woman* have here, only 150 and 59 occurrences, and it carries *king* only part of the way to
# *queen*, a word seen 19 times — and never within 15 words of *king*. The test is mostly out of
# reach as well:
# only 110 of the 506 family questions can even be asked with this vocabulary. On this much text
# the answer is not stable: the seed alone moves *queen* from first to eighth, so one run's hit
# or miss says little either way. The paper's corpus is over 13,000 times larger; whether the
# classic analogy becomes reliable with that much text is the paper's result, not shown here —
# the planted world shows the method finds it when the counts contain it.

# %% [markdown]
# ## Word similarity
#
# WordSim-353 rates relatedness (*coffee–cup* is high), SimLex-999 strict similarity (*coffee–cup*
# is low). Both report the share of pairs out of vocabulary:

# %%
ws = evaluate.word_similarity(wiki, datasets.wordsim353_path())
sl = evaluate.word_similarity(wiki, datasets.simlex999_path())
print(f"WordSim-353: {ws.n_used} of {ws.n_pairs} pairs in vocabulary")
print(f"SimLex-999:  {sl.n_used} of {sl.n_pairs} pairs in vocabulary")
assert (ws.n_used, sl.n_used) == (242, 505)

# %%
# NBVAL_IGNORE_OUTPUT
print(f"WordSim-353 Spearman {ws.spearman:.3f}, SimLex-999 Spearman {sl.spearman:.3f}")

# %%
# window 15 (seeds 0-2: 0.21-0.24); at window 10 WordSim-353 is 0.18-0.20 (ea 05.window)
assert 0.2 < ws.spearman < 0.35 and 0.05 < sl.spearman < 0.25
print("GloVe on 453k tokens, window 15: WordSim-353 in 0.2-0.35, SimLex-999 in 0.05-0.25")

# %% [markdown]
# These are window 15's figures (with $x_{\max} = 10$, 15 epochs): the window moves them. At
# window 10 the same training gives WordSim-353 0.18-0.20 over seeds 0-2, against 0.21-0.24 at
# 15; SimLex-999 stays at 0.12-0.14 (`benchmarks/exercise_answers.py 05.window`).
#
# ## For scale: the paper's numbers
#
# Pennington et al. (2014) trained 300-dimensional vectors on 6 and 42 *billion* tokens, with a
# vocabulary of the 400,000 most frequent words (section 4.2; the vectors released on the GloVe
# project page keep 400,000 words for 6B tokens but 1.9 million for the uncased 42B tokens):
#
# | | our GloVe (453k tokens, d = 50, window 15) | paper, 6B tokens (Table 2, 3) | paper, 42B tokens |
# |---|---|---|---|
# | analogies, total | about 2% of the 19.6% of questions it can ask | 71.7% (semantic 77.4, syntactic 67.0) | 75.0% |
# | WordSim-353 Spearman | 0.236 | 0.658 | 0.759 |
#
# The gap is mostly data: four orders of magnitude fewer tokens. The setups differ in other ways
# too — $d = 50$ against 300, 9,002 words against 400,000, $x_{max} = 10$ against 100,
# window 15 against the paper's 10 — so the
# table does not isolate the corpus size. The planted world shows the
# code finds relations that are present in the counts; the next section shows how quality grows
# with text.
#
# ## Quality against corpus size
#
# The planted world, generated with more and more sentences — analogy accuracy climbs from
# nothing to nearly all:

# %%
sizes = [2_000, 10_000, 25_000]   # and 100,000 sentences: the world trained above
acc, planted_tokens = [], []
for n in sizes:
    w = datasets.planted_corpus(n_sentences=n, seed=0)
    planted_tokens.append(sum(len(d) for d in w.documents))
    v = gl.Vocabulary.build(w.documents)
    Xn = gl.count_cooccurrences(v.encode_documents(w.documents), len(v), 15)
    kv = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0, n_threads=2) \
        .fit(Xn).to_keyed_vectors(v)
    acc.append(evaluate.analogy_accuracy(kv, path).accuracy)
sizes.append(100_000)
planted_tokens.append(sum(len(d) for d in world.documents))
acc.append(add.accuracy)

# %% [markdown]
# And growing prefixes of the Wikipedia sample, scored on WordSim-353. The vocabulary is rebuilt
# for each prefix (min_count 5), so a larger prefix can ask more of the pairs: scored on all the
# pairs its vocabulary holds, each prefix would be scored on a different test. So every prefix
# is scored on one fixed set: the pairs whose two words are in the *smallest* prefix's
# vocabulary (a word seen 5 times in a prefix is seen at least 5 times in every longer one).

# %%
docs = list(corpus)
fractions = [1 / 8, 1 / 4, 1 / 2, 1]
parts = [docs[: max(1, int(frac * len(docs)))] for frac in fractions]
vocabs = [gl.Vocabulary.build(part, min_count=5) for part in parts]
smallest = set(vocabs[0].words)
common = gl.scratch_path("wordsim353-common.tsv")  # the pairs the smallest prefix can ask
with open(datasets.wordsim353_path(), encoding="utf-8") as f, \
        open(common, "w", encoding="utf-8") as out:
    out.writelines(line for line in f if line.startswith("#")
                   or all(w.lower() in smallest for w in line.split("\t")[:2]))

# %%
wiki_tokens, wiki_ws, n_pairs, n_own = [], [], [], []
for part, v in zip(parts, vocabs, strict=True):
    Xp = gl.count_cooccurrences(v.encode_documents(part), len(v), 15)
    kv = gl.cached_fit(glove, Xp).to_keyed_vectors(v)   # the whole sample: notebook 04's
    wiki_tokens.append(int(v.counts.sum()))
    on_common = evaluate.word_similarity(kv, common)
    wiki_ws.append(on_common.spearman)
    n_pairs.append(on_common.n_used)
    n_own.append(evaluate.word_similarity(kv, datasets.wordsim353_path()).n_used)
print("pairs each prefix's vocabulary holds:", n_own, "; scored on the common", n_pairs[0])
assert n_own == [63, 113, 186, 242] and n_pairs == [63] * 4  # one test for every prefix

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].semilogx(planted_tokens, acc, "o-")
axes[0].set(xlabel="tokens (planted world)", ylabel="analogy accuracy",
            title="Planted world: relations appear with data")
axes[1].semilogx(wiki_tokens, wiki_ws, "o-", color="tab:red")
axes[1].set(xlabel="in-vocabulary tokens (Wikipedia prefixes)",
            ylabel="Spearman, the 63 common WordSim-353 pairs",
            title="Real text (seed 0): highest on the whole sample")
fig.tight_layout()
plt.show()
assert acc[-1] > 0.95 and acc[0] < 0.5 and acc[-1] > acc[0]
# seeds 0-3 (ea 05.prefix): the last point highest, 0.20-0.29 above the first
assert wiki_ws[-1] > wiki_ws[0] + 0.15 and wiki_ws[-1] == max(wiki_ws)
print("WordSim-353 by prefix, on the 63 common pairs:", ", ".join(f"{x:.2f}" for x in wiki_ws))

# %% [markdown]
# The planted world climbs steeply, to nearly 1 at the full size. On real text, scored on the
# same 63 pairs throughout, the WordSim-353 curve climbs from 0.12 to 0.41 for training seed 0;
# over seeds 0-3 it goes from 0.12-0.18 to 0.34-0.41, its last point the highest and 0.20-0.29
# above the first (asserted: more than 0.15), though seeds 1 and 3 dip once on the way
# (`benchmarks/exercise_answers.py 05.prefix`): nothing suggests our corpus is enough. Scored
# instead on all the pairs each vocabulary holds (63, 113, 186, 242), the curve rises far less
# (to 0.21-0.24, only 0.04-0.12 above the first point): the larger prefixes are then also
# tested on pairs of rarer words, on which the same model scores lower (seed 0's full-sample
# model: 0.41 on the 63 common pairs, 0.236 on all 242, the figure of the section above). A
# learning curve must keep its test fixed.
# Homework 3 trains on text8 (17 million tokens, the whole of it, not a curve of prefixes) if
# you have the bandwidth.
#
# ## Summary
#
# * Neighbours illustrate; analogies and similarity benchmarks measure.
# * 3CosAdd and 3CosMul differ in how they combine the three similarities; on exactly parallel
#   structure both do well, 3CosAdd best. 3CosMul's denominator can let one similarity decide
#   (*man : king :: woman : bride*).
# * On our own real-text vectors (seed 0) *king − man + woman* gives *governor*; *queen* comes
#   fourth, and first or eighth with other seeds. It occurs 19 times in 453k tokens: at this
#   size the classic analogy is a lottery of the seed.
# * Always report coverage: here only 20% of the analogy questions can be asked.
# * On half a million tokens GloVe (window 15) scores about 2% on analogies and 0.24 on
#   WordSim-353 (0.18-0.20 at window 10),
#   against 72–75% and 0.66–0.76 on billions of tokens: the difference is mostly data (the setups
#   also differ in $d$, vocabulary size and $x_{max}$).
#
# ## Exercises
#
# 1. Which Google sections are best covered by the Wikipedia vocabulary, and which score best?
# 2. Evaluate with `restrict_vocab=2000`. How do coverage and accuracy move, and why can
#    accuracy go *up*?
# 3. Write 3CosAdd yourself with NumPy (normalize, `b - a + c`, exclude the three words) and
#    check it against `kv.analogy` on 100 questions.
#
# <details><summary>Model answers</summary>
#
# 1. From `wiki_add.table()`: the syntactic sections of common words are best covered (nationality
#    adjectives about half, plurals and past tenses about a third); capitals of the world,
#    currencies and opposites are almost absent (a few percent), because their words are rare.
#    Accuracy is at most a few percent in every section (0 to 5%), on a few dozen to a few
#    hundred questions each: the differences between sections are mostly noise at this size (a
#    binomial standard error of up to 2 points). (`benchmarks/exercise_answers.py 05.1` prints
#    the table with the standard errors.)
# 2. Fewer questions are seen (only those whose four words are among the 2,000 most frequent) and
#    fewer candidates compete for each answer. Accuracy can rise because the questions left are
#    about frequent words, whose vectors are estimated from many more counts, and because a wrong
#    rare word can no longer win: in our run 388 questions are seen instead of 3,822, and
#    accuracy rises from 2.1% to 12.4% (`benchmarks/exercise_answers.py 05.2` reproduces these).
#    Report coverage beside accuracy, or the comparison misleads.
# 3. A model answer:
#
#    ```python
#    def cosadd(vectors, words, a, b, c):
#        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
#        ia, ib, ic = (words.index(w) for w in (a, b, c))
#        score = unit @ (unit[ib] - unit[ia] + unit[ic])
#        score[[ia, ib, ic]] = -np.inf
#        return words[int(np.argmax(score))]
#    questions = [line.lower().split() for line in open(google) if not line.startswith(":")]
#    known = [q for q in questions if all(w in wiki.key_to_index for w in q)][:100]
#    words = list(wiki.index_to_key)
#    assert all(cosadd(wiki.vectors, words, *q[:3]) == wiki.analogy(*q[:3]) for q in known)
#    gl.checks.check_analogy(cosadd)   # the same comparison, on random vectors
#    ```
# </details>
