# %% [markdown]
# # 02 — The objective
#
# Notebook 01 showed that ratios of cooccurrence probabilities carry meaning. Here we derive,
# step by step, the model the GloVe paper (Pennington et al., 2014, section 3) builds from that
# observation, and check each step with code:
#
# 1. from ratios to $w_i \cdot \tilde w_k + b_i + \tilde b_k = \log X_{ik}$;
# 2. a *weighted* least-squares objective J and its weighting function f;
# 3. how J relates to the skip-gram model's cross-entropy (the paper's section 3.1);
# 4. the gradients, derived by hand and checked by finite differences;
# 5. why training cost grows slower than the corpus: $|X| = O(|C|^{0.8})$.

# %%
import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sp

import glovelib as gl
from glovelib import objective

rng = np.random.default_rng(0)

# %% [markdown]
# ## 1. From ratios to log counts
#
# We want vectors $w$ (for words) and $\tilde w$ (for context words) and a function F with
#
# $$F(w_i, w_j, \tilde w_k) = \frac{P_{ik}}{P_{jk}}.$$
#
# **Differences.** Vector spaces are linear, so let F depend on the *difference* of the two words
# we compare: $F(w_i - w_j, \tilde w_k)$.
#
# **A scalar.** The right side is a number; the simplest way to get one from two vectors without
# mixing their dimensions is the dot product: $F\big((w_i - w_j) \cdot \tilde w_k\big) = P_{ik} / P_{jk}$.
#
# **Symmetry.** Which word is "the word" and which "the context" is arbitrary: the model should be
# unchanged if we exchange $w \leftrightarrow \tilde w$ and $X \leftrightarrow X^\top$. That holds
# if F turns differences into ratios — a homomorphism from $(\mathbb{R}, +)$ to $(\mathbb{R}_{>0}, \times)$:
#
# $$F\big((w_i - w_j)\cdot \tilde w_k\big) = \frac{F(w_i \cdot \tilde w_k)}{F(w_j \cdot \tilde w_k)}.$$
#
# The continuous solution is $F = \exp$. Checked numerically — exp has the property, and a
# function like $x^2$ does not:

# %%
a, b = rng.normal(size=2)
for name, F in [("exp", np.exp), ("square", np.square)]:
    print(f"{name:7s} F(a - b) = {F(a - b):8.4f}   F(a) / F(b) = {F(a) / F(b):8.4f}")
assert np.isclose(np.exp(a - b), np.exp(a) / np.exp(b))
assert not np.isclose(np.square(a - b), np.square(a) / np.square(b))

# %% [markdown]
# With $F = \exp$, matching numerators gives $w_i \cdot \tilde w_k = \log P_{ik} = \log X_{ik} - \log X_i$.
# The term $\log X_i$ does not depend on k, so it becomes a bias $b_i$; adding a bias
# $\tilde b_k$ for the context word restores the symmetry:
#
# $$\boxed{\,w_i \cdot \tilde w_k + b_i + \tilde b_k = \log X_{ik}\,}$$
#
# Check the whole chain on a *planted* matrix built from known vectors: if X follows the model
# exactly, then every probability ratio equals $\exp\big((w_i - w_j)\cdot \tilde w_k\big)$.

# %%
V, d = 6, 3
W, Wc = rng.normal(size=(V, d)), rng.normal(size=(V, d))
b, bc = rng.normal(size=V), rng.normal(size=V)
X_model = np.exp(W @ Wc.T + b[:, None] + bc[None, :])  # X_ik = exp(w_i.w~_k + b_i + b~_k)
P_model = X_model / X_model.sum(axis=1, keepdims=True)
ratios = P_model[:, None, :] / P_model[None, :, :]  # [i, j, k] = P_ik / P_jk
predicted = np.exp(np.einsum("ijd,kd->ijk", W[:, None, :] - W[None, :, :], Wc))
# up to a factor per (i, j) -- the row sums X_i / X_j, which the biases absorb
factor = ratios / predicted
np.testing.assert_allclose(factor, factor[:, :, :1] * np.ones((1, 1, V)), rtol=1e-10)
print("ratios = exp((w_i - w_j) . w~_k) x a factor independent of k: checked on",
      V * V * V, "triples")

# %% [markdown]
# ## 2. Weighted least squares, and the weighting function
#
# Real counts do not follow the model exactly, so we fit it by least squares — on the nonzero
# entries only, since $\log 0$ is undefined — with a weight per entry:
#
# $$J = \frac12 \sum_{i,j:\,X_{ij} > 0} f(X_{ij}) \big(w_i \cdot \tilde w_j + b_i + \tilde b_j - \log X_{ij}\big)^2$$
#
# (the paper omits the ½; the reference C code keeps it, and so do we — it only rescales the
# learning rate). The weighting function must
#
# * vanish at 0, so the many rare, noisy cooccurrences count little;
# * not decrease, so frequent pairs count more;
# * stay bounded, so the most frequent pairs (*of the*, *in the*) do not dominate.
#
# The paper's choice: $f(x) = (x / x_{max})^\alpha$ below $x_{max}$, and 1 above, with
# $x_{max} = 100$, $\alpha = 3/4$ (found to work better than $\alpha = 1$, echoing Word2Vec's 3/4
# power for negative sampling).

# %%
fig = gl.plot.weighting_function(x_maxes=(10, 100), alphas=(0.5, 0.75, 1.0), x_range=150)
plt.show()

# %%
x = np.linspace(0, 1000, 10_001)
f = objective.weighting(x, x_max=100, alpha=0.75)
assert f[0] == 0 and np.all(np.diff(f) >= 0) and f.max() == 1.0
assert objective.weighting(100.0) == 1.0 and objective.weighting(50.0) == 0.5**0.75
print("f(0) = 0, non-decreasing, capped at 1: checked")

# %% [markdown]
# How much of a real matrix sits below $x_{max}$? On the Wikipedia sample (window 15), almost
# every entry gets a weight below 1: the weighting mostly *down-weights the rare*, it rarely caps.

# %%
corpus = gl.datasets.wikipedia_sample()
vocab = gl.Vocabulary.build(corpus, min_count=5)
Xw = gl.count_cooccurrences((vocab.encode(doc) for doc in corpus), len(vocab), window_size=15)
share_below = (Xw.data < 100).mean()
share_tiny = (Xw.data < 1).mean()
print(f"{Xw.nnz:,} nonzeros: {100 * share_below:.1f}% below x_max = 100, "
      f"{100 * share_tiny:.1f}% below 1 (a single distant neighbour)")
assert share_below > 0.99 and share_tiny > 0.5

# %% [markdown]
# ## 3. The relation to skip-gram (section 3.1)
#
# Skip-gram (Word2Vec) models the probability that j appears in the context of i with a softmax,
# $Q_{ij} = \exp(w_i \cdot \tilde w_j) / \sum_k \exp(w_i \cdot \tilde w_k)$, and minimizes
# $-\sum$ log Q over every (word, context) occurrence in the corpus. Grouping equal pairs, an
# occurrence-by-occurrence sum becomes a sum over the cooccurrence matrix:
#
# $$J_{sg} = -\sum_{\text{occurrences}} \log Q_{ij} = -\sum_{i,j} X_{ij} \log Q_{ij}
#          = \sum_i X_i \, H(P_i, Q_i),$$
#
# a cross-entropy between the observed $P_i$ and the model's $Q_i$, weighted by $X_i$. Checked on
# random occurrences:

# %%
V, d = 8, 4
W, Wc = 0.5 * rng.normal(size=(V, d)), 0.5 * rng.normal(size=(V, d))
logits = W @ Wc.T
Q = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
occurrences = rng.integers(0, V, size=(500, 2))  # (word, context) pairs seen in a corpus
J_occ = -sum(np.log(Q[i, j]) for i, j in occurrences)
Xo = np.zeros((V, V))
np.add.at(Xo, (occurrences[:, 0], occurrences[:, 1]), 1)
J_matrix = -(Xo * np.log(Q)).sum()
Xi = Xo.sum(axis=1)
Pi = Xo / np.where(Xi == 0, 1, Xi)[:, None]
J_entropy = (Xi * -(Pi * np.log(Q)).sum(axis=1)).sum()
print(f"by occurrences {J_occ:.6f} = by matrix {J_matrix:.6f} = weighted cross-entropy "
      f"{J_entropy:.6f}")
assert np.isclose(J_occ, J_matrix) and np.isclose(J_matrix, J_entropy)

# %% [markdown]
# Cross-entropy has two costs: Q must be normalized (a sum over the whole vocabulary), and it
# gives heavy weight to unlikely events. GloVe drops the normalization — comparing unnormalized
# $\hat P_{ij} = X_{ij}$ and $\hat Q_{ij} = \exp(w_i \cdot \tilde w_j)$ — and uses squared error
# of their logarithms, $\sum_{ij} X_i (\log \hat P_{ij} - \log \hat Q_{ij})^2$. Finally it replaces
# the weight $X_i$ with $f(X_{ij})$: that is J above. Skip-gram streams over the corpus; GloVe
# fits the counts once collected. Notebook 06 compares the two in practice.
#
# ## 4. Gradients, by hand
#
# Write $\delta_{ij} = w_i \cdot \tilde w_j + b_i + \tilde b_j - \log X_{ij}$ and $g_{ij} = f(X_{ij})\,\delta_{ij}$.
# With $J = \frac12\sum f \delta^2$, the chain rule gives
#
# $$\frac{\partial J}{\partial w_i} = \sum_j g_{ij}\,\tilde w_j, \quad
#   \frac{\partial J}{\partial \tilde w_j} = \sum_i g_{ij}\,w_i, \quad
#   \frac{\partial J}{\partial b_i} = \sum_j g_{ij}, \quad
#   \frac{\partial J}{\partial \tilde b_j} = \sum_i g_{ij}.$$
#
# The naive version, a loop over the nonzero entries:

# %%
def my_gradients(p, X, x_max, alpha):
    gW, gWc = np.zeros_like(p.W), np.zeros_like(p.W_context)
    gb, gbc = np.zeros_like(p.b), np.zeros_like(p.b_context)
    Xc = sp.coo_matrix(X)
    for i, j, x in zip(Xc.row, Xc.col, Xc.data):
        delta = p.W[i] @ p.W_context[j] + p.b[i] + p.b_context[j] - np.log(x)
        g = objective.weighting(x, x_max, alpha) * delta
        gW[i] += g * p.W_context[j]
        gWc[j] += g * p.W[i]
        gb[i] += g
        gbc[j] += g
    return objective.Weights(gW, gWc, gb, gbc)


# %% [markdown]
# Checked against **finite differences** — $\partial J/\partial\theta \approx
# (J(\theta+\epsilon) - J(\theta-\epsilon)) / 2\epsilon$ — by glovelib's checker, on a random
# problem with counts on both sides of $x_{max}$ (relative errors; below 1e-6 means right):

# %%
errors = objective.check_glove_gradients(my_gradients)
for name, err in errors.items():
    print(f"{name:10s} relative error < 1e-6: {err < 1e-6}")
assert max(errors.values()) < 1e-6

# %% [markdown]
# And the checker is not a rubber stamp: forget the weighting (use f = 1) and it objects.

# %%
def forgot_f(p, X, x_max, alpha):
    return my_gradients(p, X, x_max=1e-12, alpha=0.0)


assert max(objective.check_glove_gradients(forgot_f).values()) > 1e-2
print("a wrong gradient is caught")

# %% [markdown]
# The library's vectorized version (`gl.objective.gradients`, a sparse matrix product) agrees
# with the loop:

# %%
Xs = sp.random(30, 30, density=0.3, random_state=1, format="csr",
               data_rvs=lambda n: rng.uniform(0.5, 50, n))
p = objective.init_weights(30, 5, 0)
for mine, lib in zip(my_gradients(p, Xs, 10, 0.75).arrays(),
                     objective.gradients(p, Xs, 10, 0.75).arrays()):
    np.testing.assert_allclose(mine, lib, rtol=1e-10, atol=1e-14)
print("loop == vectorized")

# %% [markdown]
# ## 5. Why training is cheap: $|X| = O(|C|^{0.8})$
#
# Training visits each *nonzero* of X once per epoch, not each token. If pair frequencies follow a
# power law with exponent α, the paper shows (section 3.2) that the number of nonzeros grows like
# $|C|^{1/\alpha}$; with their α = 1.25, like $|C|^{0.8}$ — slower than the corpus. We measure it
# on growing prefixes of the Wikipedia sample:

# %%
docs = [vocab.encode(doc) for doc in gl.datasets.wikipedia_sample()]
all_ids = np.concatenate(docs)
sizes, nonzeros = [], []
for frac in [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1]:
    n = int(frac * len(all_ids))
    Xp = gl.count_cooccurrences([all_ids[:n]], len(vocab), window_size=10)
    sizes.append(n)
    nonzeros.append(Xp.nnz)
slope = np.polyfit(np.log(sizes), np.log(nonzeros), 1)[0]
print(f"|X| grows like |C|^{slope:.2f}")
assert 0.6 < slope < 0.9

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.loglog(sizes, nonzeros, "o-", label="measured")
ax.loglog(sizes, nonzeros[0] * (np.array(sizes) / sizes[0]) ** 0.8, "--", label="|C|^0.8")
ax.loglog(sizes, nonzeros[0] * (np.array(sizes) / sizes[0]), ":", label="|C|^1")
ax.set(xlabel="corpus tokens |C|", ylabel="nonzeros |X|",
       title="Nonzeros grow slower than the corpus")
ax.legend()
plt.show()

# %% [markdown]
# ## Summary
#
# * Requiring vector differences to reproduce probability ratios, symmetrically, forces
#   $F = \exp$ and the model $w_i \cdot \tilde w_j + b_i + \tilde b_j = \log X_{ij}$.
# * GloVe fits it by weighted least squares; f(x) silences rare pairs and caps frequent ones.
# * Skip-gram's objective is a weighted cross-entropy over the same counts; GloVe swaps it for
#   squared error of logs, with f as the weight.
# * The gradients are short sums; finite differences confirm them.
# * Training costs $O(|X|)$ per epoch, and |X| grows sublinearly in the corpus.
#
# ## Exercises
#
# 1. Show that with $\alpha = 0$ and $x_{max} \to 0$ J weights every nonzero equally. Train with
#    `GloVe(x_max=1e-6, alpha=0)` in notebook 04's set-up: what happens to rare words' vectors?
# 2. Derive $\partial J / \partial b_i$ when the model has no context bias $\tilde b_j$. Which
#    symmetry is lost?
# 3. Repeat section 5 with `window_size=2` and `window_size=30`. Does the exponent change?
