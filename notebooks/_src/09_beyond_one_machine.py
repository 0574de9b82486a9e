# %% [markdown]
# # 09 — Beyond one machine
#
# The paper trained on 6 billion tokens (Wikipedia 2014 + Gigaword 5) and on 42 billion (Common
# Crawl); the vectors released later were trained on up to 840 billion. Its two heavy steps are the ones distributed engines already know how to run:
#
# * **counting is a map-reduce**: documents are independent (a window never crosses one), so
#   shards of documents are counted apart and the counts of equal pairs $(i, j)$ are summed;
# * **training by blocks is DSGD** (Gemulla et al. 2011): the schedule notebook 04 ran on threads.
#   Cut the words into $B$ blocks; a *stratum* is $B$ blocks of the matrix that share no row and no
#   column, so they can be trained at the same time, on different machines, without conflict.
#
# Here both run on **Dask** (`dask.distributed`), a real engine, not a home-made one. A
# `LocalCluster` of two worker *processes* on this machine stands for the cluster: they share no
# memory and talk over TCP, as machines would. The same code runs unchanged against a real
# scheduler (section 5). We count and train the course's matrix — the Wikipedia sample, as
# notebook 04 trains it — and check that the result is **the same, bit for bit**, as on one
# machine. Then we measure what moves between the workers and scale it, on paper, to 6B tokens.

# %%
import logging

import matplotlib.pyplot as plt
import numpy as np
from distributed import Client, LocalCluster

import glovelib as gl
from glovelib import cluster

corpus = list(gl.datasets.wikipedia_sample())
vocab = gl.Vocabulary.build(corpus, min_count=5)
X = gl.count_cooccurrences((vocab.encode(doc) for doc in corpus), len(vocab), window_size=15)
print(f"one machine: {len(vocab):,} words, {X.nnz:,} nonzeros")

# %% [markdown]
# Start the cluster: a scheduler and two workers, one thread each. (Its start-up messages are
# silenced; the cell's output is not compared by the tests, since addresses change every run.)

# %%
# NBVAL_IGNORE_OUTPUT
logging.getLogger("distributed").setLevel(logging.ERROR)  # no warnings in the cells below
local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                     dashboard_address=":0", silence_logs=logging.ERROR)
client = Client(local)
workers = cluster.worker_addresses(client)
print(workers)

# %% [markdown]
# ## 1. Counting is a map-reduce
#
# Cut the corpus into shards of whole documents (on a real cluster: files on each machine).
# The vocabulary is one pass of the same shape: each task counts the words of its shard, the
# engine adds the counters.

# %%
shards = [corpus[k::4] for k in range(4)]  # 4 shards, documents dealt out like cards
vocab_c = cluster.vocabulary_on_cluster(client, shards, min_count=5)
assert vocab_c == vocab and np.array_equal(vocab_c.counts, vocab.counts)
print(f"{len(vocab_c):,} words, the same ids as on one machine")

# %% [markdown]
# Then the matrix: each task runs `count_cooccurrences` on its shard — exactly the function one
# machine runs — and cuts its nonzeros into row ranges; one reduce task per row range sums the
# equal keys $(i, j)$ of all shards, and the ranges, already sorted, are put end to end.
#
# **Predict.** The shards' matrices hold float64 sums of $1/d$. If we simply added the four
# shard matrices, would we get one machine's $X$ bit for bit?
#
# <details><summary>Answer</summary>
#
# Not quite: floating-point addition is not associative, and $1/d$ is not exact in binary
# ($1/3$, $1/7$, ...), so adding per-shard sums rounds differently from one machine's order.
# Many entries (about one in twenty here) differ in their last bit (the next cell counts them). glovelib avoids that on
# one machine already: it counts integer multiples of $1/L$, $L = \mathrm{lcm}(1, \dots, 15) =
# 360360$, and divides once at the end (notebook 03). The cluster does the same: each shard's
# multiples are recovered exactly, summed as int64 by the reduce tasks, and divided once.
# </details>

# %% tags=["reveal"]
id_shards = [[vocab.encode(doc) for doc in shard] for shard in shards]
X_c = cluster.count_on_cluster(client, id_shards, len(vocab), window_size=15)
same = (np.array_equal(X_c.indptr, X.indptr) and np.array_equal(X_c.indices, X.indices)
        and np.array_equal(X_c.data, X.data))
floats = sum(gl.count_cooccurrences(s, len(vocab), window_size=15) for s in id_shards)
differ = int((floats != X).nnz)
assert same and differ > 0
print(f"cluster count equal to one machine's, bit for bit: {same}")
print(f"adding the 4 shard matrices in float64 instead: {differ:,} of {X.nnz:,} entries "
      f"differ in their last bits")

# %% [markdown]
# ## 2. Training: worker r keeps row block r
#
# The blocked schedule of notebook 04, with $B$ blocks of words ($B = 8$ here, chosen from the
# vocabulary and $d$ so that one block's parameters fit in a core's cache). Row block $r$ —
# its entries $X_{(r, \cdot)}$, its rows of $W$, $b$ and their AdaGrad sums — is sent once to
# worker $r \bmod 2$ and stays there for the whole fit. In stratum $s$, worker $r$ trains block
# $(r, \text{strata}[s, r])$ with the **same kernel** a thread runs on one machine, after
# receiving that **column block**'s rows of $\tilde W$, $\tilde b$ and their sums. Between strata
# only column blocks move. `fit_on_cluster` takes a `Client` and a `GloVe`, and returns the
# `GloVe`, fitted:

# %%
params = dict(vector_size=50, x_max=10.0, epochs=15, random_state=0, n_threads=2)
model = cluster.fit_on_cluster(client, X, gl.GloVe(**params))
one = gl.cached_fit(gl.GloVe(**params), X)  # notebook 04's model
assert model.cluster_log_.n_blocks == gl.schedule.auto_blocks(len(vocab), 50) == 8
bitwise = all(np.array_equal(a, b) for a, b in zip(model.weights_.arrays(),
                                                   one.weights_.arrays()))
assert bitwise and model.loss_history_ == one.loss_history_
print(f"B = {model.cluster_log_.n_blocks}; vectors and 15 losses equal to notebook 04's, "
      f"bit for bit: {bitwise}")
neighbours = model.to_keyed_vectors(vocab).most_similar("france", topn=5)
print("neighbours of france:", [w for w, _ in neighbours])

# %% [markdown]
# Why bit for bit, and not just close? The blocks of a stratum share no parameter, so the
# order in which workers (or threads) run them cannot change a single update; each block's
# entries are shuffled from a seed drawn on the client, the same draws in the same order as on
# one machine; and the kernel is the same compiled function. Nothing depends on who runs what.
#
# And the time? Each epoch is $B^2 = 64$ Dask tasks and a barrier; on one machine the same
# epoch is one call into a kernel on two threads.

# %%
# NBVAL_IGNORE_OUTPUT
log = model.cluster_log_
print(f"cluster epochs: median {np.median(log.seconds):.2f} s on 2 worker processes "
      f"(this machine, shared; timings are not compared by the tests)")

# %% [markdown]
# ## 3. What moves, and what it buys
#
# **Predict.** With $n = 2$ workers and $B = 8$, how many of the 64 column blocks of an epoch
# travel to the other worker before they are trained?
#
# <details><summary>Answer</summary>
#
# About 36. A column block moves when its next row block lives on the other worker. Within an
# epoch the next row block is one of the $B - 1$ *others*, and $B/n = 4$ of those 7 live on the
# other worker: $4/7$, not a coin toss. The first stratum of an epoch draws a fresh random Latin
# square, so there the row block may be the same one: $1 - 1/n = 1/2$. In all,
# $B(1 - 1/n) + (B - 1) B \cdot \frac{B(1 - 1/n)}{B - 1} = B(B + 1)(1 - 1/n) = 36$ moves an
# epoch, each $V/B$ words $\times (2d + 2)$ float32 numbers ($\tilde w$ and its sums: $2d$;
# $\tilde b$ and its sum: 2). Row blocks never move.
# </details>

# %% tags=["reveal"]
per_epoch = np.array(log.moved_bytes)
formula = gl.cluster.expected_moves(8, 2) * gl.cluster.column_bytes(len(vocab), 8, 50, 4)
print(f"column blocks moved per epoch: {log.moved_blocks}")
print(f"bytes per epoch: mean {per_epoch.mean() / 1e6:.2f} MB; formula (B+1)(1 - 1/n) V (2d+2) 4 = "
      f"{formula / 1e6:.2f} MB")
assert 0.7 < per_epoch.mean() / formula < 1.3

# %% [markdown]
# Per stratum: the bytes that moved before it against the entry updates it trained.

# %%
fig, ax = plt.subplots(1, 2, figsize=(9, 3))
strata = np.arange(1, 9)
ax[0].bar(strata, np.array(log.stratum_bytes[0]) / 1e6)
ax[0].set(title="moved before the stratum (epoch 1)", xlabel="stratum", ylabel="MB")
ax[1].bar(strata, np.array(log.stratum_updates[0]) / 1e6, color="tab:orange")
ax[1].set(title="updates trained in the stratum", xlabel="stratum", ylabel="million")
plt.tight_layout()
plt.show()
ratio = sum(log.moved_bytes) / (X.nnz * len(log.moved_bytes))
print(f"{ratio:.2f} bytes moved per entry update")
assert 3 < ratio < 7

# %% [markdown]
# About 5 bytes per update, while the update itself reads and writes two vectors of 50 numbers
# and their sums — some 800 bytes — *in memory*, and a few bytes over a network per update are
# cheap if the network keeps up with the kernel. Here it is a loopback; between machines it is a
# real link, and section 4 asks whether it keeps up.
#
# **Try it.** Train the same model on one worker only (`workers=workers[:1]`): do the vectors
# change? How many bytes move? (Two epochs of a small model with $B = 4$ are enough to see it;
# then try $B = 8$, or restart the cluster with three workers.)

# %%
small = dict(params, vector_size=10, epochs=2, n_blocks=4)
alone = cluster.fit_on_cluster(client, X, gl.GloVe(**small), workers=workers[:1])
both = cluster.fit_on_cluster(client, X, gl.GloVe(**small))
print(f"one worker: {alone.cluster_log_.moved_bytes} bytes moved; "
      f"two: {both.cluster_log_.moved_bytes}")
print(f"same vectors: {np.array_equal(alone.W_, both.W_)} "
      f"(largest difference {np.abs(alone.W_ - both.W_).max():.1e})")

# %% tags=["check"]
assert np.array_equal(alone.W_, both.W_)  # the vectors do not change with the workers

# %% [markdown]
# ## 4. On paper: 6 billion tokens
#
# The paper's Wikipedia 2014 + Gigaword 5: a 400k-word vocabulary, $d = 300$, and — nonzeros
# growing like $|C|^{0.8}$ (notebook 02) — about 8 billion nonzeros. Give each of $n = B = 64$
# workers a row block:

# %%
V6, d6, B6, nnz6 = 400_000, 300, 64, 8e9
block_mb = cluster.column_bytes(V6, B6, d6, 4) / 1e6
print(f"one column block: {block_mb:.1f} MB; one block of the matrix: {nnz6 / B6**2 / 1e6:.1f}M "
      f"updates")
print(f"per worker and stratum: receive ~{block_mb:.0f} MB, train ~{nnz6 / B6**2 / 1e6:.0f}M "
      f"updates; an epoch: {B6} strata, {nnz6 / B6 / 1e6:.0f}M updates per worker")
assert 14 < block_mb < 16

# %% [markdown]
# Assume a core trains 2 to 10M updates/s at $d = 300$ (six times the work of $d = 50$ per
# update): a block takes 0.2 to 1 s, and 15 MB take 0.12 s on a 1 Gbit/s link, 0.012 s on
# 10 Gbit/s: the network is not what limits, as long as a block holds millions of entries. Its row of blocks (entries at 16 bytes each, plus its
# parameters) is ~2 GB per worker — it fits in memory, where the whole matrix (~130 GB) would
# not fit on one machine.
#
# **Pencil and paper.** Same corpus, twice the workers ($n = B = 128$). Per worker and epoch,
# how do the bytes received and the updates trained change? What does that say about adding
# machines?
#
# <details><summary>Answer</summary>
#
# A worker receives about one column block per stratum, $V/B$ rows, over $B$ strata:
# $\approx V (2d + 2) \times 4$ bytes per epoch, **the same** for any $B$ (~1 GB here). Its
# updates, $\mathrm{nnz}/B$ per epoch, **halve**. So each doubling halves the computation per
# byte moved: past some $n$ the network, not the cores, sets the pace — the usual limit of
# DSGD, which is why LIBMF and DSGD make the blocks as large as memory allows.
# </details>
#
# ## 5. A real cluster
#
# Nothing above is specific to `LocalCluster`. On a cluster, start a scheduler
# (`dask scheduler`) and workers on each machine (`dask worker tcp://HOST:8786`), with glovelib
# installed in the workers' Python; then `client = Client("tcp://HOST:8786")` and the same
# calls. Two things change: the shards should be read by the workers from their own disks
# rather than sent from here, and the matrix no longer fits on the client — the on-disk
# blocked layout is made for that. A worker that dies during a fit makes it fail with a
# `RuntimeError` (its row blocks are lost); with a seed, running it again gives the same result.

# %%
# NBVAL_IGNORE_OUTPUT
client.close()
local.close()
