"""The course's recurring pictures.  Every function returns the matplotlib Figure (titled,
axes labelled) so that a notebook can show it with ``plt.show()`` and a test can inspect it.

* :func:`weighting_function` -- f(x) for several x_max and alpha (notebook 02)
* :func:`cooccurrence_heatmap` -- log counts among the most frequent words (notebook 03)
* :func:`zipf` -- rank-frequency on log-log axes (notebook 03)
* :func:`loss_curves` -- per-epoch loss of one or several runs (notebook 04)
* :func:`scatter_words` -- 2-D PCA or t-SNE of chosen words, labelled (notebooks 05, 06)
* :func:`analogy_arrows` -- word -> partner arrows in a 2-D projection, e.g. country -> capital
* :func:`side_by_side` -- the same words scattered for several models
* :func:`similarity_heatmap` -- cosine similarities among chosen words
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .objective import weighting

__all__ = ["weighting_function", "cooccurrence_heatmap", "zipf", "loss_curves", "project",
           "scatter_words", "analogy_arrows", "side_by_side", "similarity_heatmap"]


def weighting_function(x_maxes: Sequence[float] = (100.0,), alphas: Sequence[float] = (0.75,),
                       x_range: float | None = None, ax=None):
    """Plot f(x) = min(1, (x / x_max)^alpha) for every (x_max, alpha) given."""
    fig, ax = _axes(ax, (6, 4))
    x = np.linspace(0, x_range or 1.5 * max(x_maxes), 400)
    for x_max in x_maxes:
        for alpha in alphas:
            ax.plot(x, weighting(x, x_max, alpha), label=f"x_max={x_max:g}, alpha={alpha:g}")
    ax.set(xlabel="cooccurrence count x", ylabel="weight f(x)", title="GloVe's weighting function",
           ylim=(0, 1.05))
    ax.legend(fontsize=8)
    return fig


def cooccurrence_heatmap(X, words: Sequence[str], n: int = 20, ax=None):
    """log(1 + X) among the first ``n`` words (the most frequent, if ids are ranks)."""
    fig, ax = _axes(ax, (7, 6))
    n = min(n, X.shape[0])
    block = np.asarray(X[:n, :n].todense() if hasattr(X, "todense") else X[:n, :n])
    im = ax.imshow(np.log1p(block), cmap="viridis")
    ax.set_xticks(range(n), list(words[:n]), rotation=90, fontsize=8)
    ax.set_yticks(range(n), list(words[:n]), fontsize=8)
    ax.set(title=f"log(1 + X) among the {n} most frequent words", xlabel="context word j",
           ylabel="word i")
    fig.colorbar(im, ax=ax, label="log(1 + X_ij)")
    return fig


def zipf(counts: np.ndarray, ax=None, label: str | None = None):
    """Rank-frequency plot on log-log axes, with the 1/rank line for comparison."""
    fig, ax = _axes(ax, (6, 4))
    counts = np.sort(np.asarray(counts))[::-1]
    ranks = np.arange(1, len(counts) + 1)
    ax.loglog(ranks, counts, label=label or "corpus")
    ax.loglog(ranks, counts[0] / ranks, "--", color="gray", label="count(1) / rank")
    ax.set(xlabel="rank", ylabel="count", title="Zipf's law: frequency against rank")
    ax.legend()
    return fig


def loss_curves(histories: Mapping[str, Sequence[float]], ax=None, log: bool = False,
                ylabel: str = "mean 1/2 f(X) diff^2 per entry"):
    """One line per run: per-epoch loss."""
    fig, ax = _axes(ax, (6, 4))
    for name, losses in histories.items():
        ax.plot(np.arange(1, len(losses) + 1), losses, marker="o", markersize=3, label=name)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel=ylabel, title="Training loss")
    ax.legend(fontsize=8)
    return fig


def project(vectors: np.ndarray, method: str = "pca", seed: int = 0,
            perplexity: float | None = None) -> np.ndarray:
    """(n, d) -> (n, 2) by PCA (signs fixed: largest coordinate of each axis positive) or t-SNE."""
    vectors = np.asarray(vectors, dtype=np.float64)
    if method == "pca":
        from sklearn.decomposition import PCA

        pca = PCA(n_components=2, random_state=seed).fit(vectors)
        comps = pca.components_ * np.sign(pca.components_[np.arange(2),
                                          np.abs(pca.components_).argmax(axis=1)])[:, None]
        return (vectors - pca.mean_) @ comps.T
    if method == "tsne":
        from sklearn.manifold import TSNE

        perplexity = perplexity or min(30.0, max(2.0, (len(vectors) - 1) / 3))
        return TSNE(n_components=2, perplexity=perplexity, random_state=seed, init="pca",
                    learning_rate="auto").fit_transform(vectors)
    raise ValueError(f"method must be 'pca' or 'tsne', got {method!r}")


def scatter_words(kv, words: Sequence[str], method: str = "pca", ax=None, title: str | None = None,
                  colors: Sequence | None = None, seed: int = 0):
    """Labelled 2-D scatter of ``words`` (those in ``kv``) by PCA or t-SNE."""
    fig, ax = _axes(ax, (7, 6))
    words = [w for w in words if w in kv]
    xy = project(kv[words], method, seed)
    ax.scatter(xy[:, 0], xy[:, 1], c=colors if colors is not None else "tab:blue", s=18)
    for (x, y), w in zip(xy, words, strict=True):
        ax.annotate(w, (x, y), fontsize=8, xytext=(3, 3), textcoords="offset points")
    axis = "PC" if method == "pca" else "t-SNE "
    ax.set(xlabel=f"{axis}1", ylabel=f"{axis}2", title=title or f"{method.upper()} of word vectors")
    return fig


def analogy_arrows(kv, pairs: Sequence[tuple[str, str]], ax=None, title: str | None = None):
    """Arrows from each first word to its partner in a 2-D PCA of all the words involved."""
    fig, ax = _axes(ax, (7, 6))
    pairs = [(a, b) for a, b in pairs if a in kv and b in kv]
    words = [w for pair in pairs for w in pair]
    xy = dict(zip(words, project(kv[words]), strict=True))
    for a, b in pairs:
        ax.annotate("", xy=xy[b], xytext=xy[a],
                    arrowprops=dict(arrowstyle="->", color="tab:gray", lw=1))
        ax.scatter(*xy[a], color="tab:blue", s=15)
        ax.scatter(*xy[b], color="tab:red", s=15)
        ax.annotate(a, xy[a], fontsize=8, color="tab:blue")
        ax.annotate(b, xy[b], fontsize=8, color="tab:red")
    ax.set(xlabel="PC1", ylabel="PC2", title=title or "Relations as parallel offsets")
    return fig


def side_by_side(models: Mapping[str, object], words: Sequence[str], method: str = "pca",
                 seed: int = 0):
    """The same words scattered for each model, one panel per model."""
    fig, axes = plt.subplots(1, len(models), figsize=(5.5 * len(models), 5), squeeze=False)
    for ax, (name, kv) in zip(axes[0], models.items(), strict=True):
        common = [w for w in words if all(w in m for m in models.values())]
        scatter_words(kv, common, method, ax=ax, title=f"{name} ({method.upper()})", seed=seed)
    fig.tight_layout()
    return fig


def similarity_heatmap(kv, words: Sequence[str], ax=None, title: str | None = None):
    """Cosine similarities among ``words`` (those in ``kv``)."""
    fig, ax = _axes(ax, (6, 5))
    words = [w for w in words if w in kv]
    n = kv.get_normed_vectors()[[kv.get_index(w) for w in words]]
    im = ax.imshow(n @ n.T, cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(words)), words, rotation=90, fontsize=8)
    ax.set_yticks(range(len(words)), words, fontsize=8)
    ax.set(title=title or "cosine similarity", xlabel="word", ylabel="word")
    fig.colorbar(im, ax=ax, label="cosine")
    return fig


def _axes(ax, size):
    if ax is None:
        fig, ax = plt.subplots(figsize=size)
        return fig, ax
    return ax.figure, ax


def block_grid(X, blocks, stratum=0, ax=None):
    """Nonzeros of X per block of the blocked schedule (notebook 04): a B x B heatmap, rows the
    row block of i, columns the column block of j, one stratum's B blocks outlined.

    ``blocks`` is the block of each word (:func:`glovelib.schedule.word_blocks`); ``stratum`` is
    either a row of :func:`glovelib.schedule.strata` (the column block of each row block) or an
    int s, the stratum pairing row block r with column block (r + s) mod B.  The outlined
    blocks share no row and no column: threads may train them at once.
    """
    import scipy.sparse as sp
    from matplotlib.patches import Rectangle

    X = sp.coo_matrix(X)
    blocks = np.asarray(blocks)
    B = int(blocks.max()) + 1
    counts = np.bincount(blocks[X.row].astype(np.int64) * B + blocks[X.col],
                         minlength=B * B).reshape(B, B)
    if np.ndim(stratum) == 0:
        cols = (np.arange(B) + int(stratum)) % B
    else:
        cols = np.asarray(stratum)
        if cols.shape != (B,) or sorted(cols.tolist()) != list(range(B)):
            raise ValueError(f"stratum must be an int or a permutation of range({B}) (a row of "
                             f"gl.schedule.strata({B}, seed)), got {stratum!r}")
    fig, ax = _axes(ax, (6, 5))
    im = ax.imshow(counts, cmap="viridis")
    for r, c in enumerate(cols):
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor="red", lw=2))
    ax.set(title=f"nonzeros per block ({B} x {B}); one stratum outlined",
           xlabel="column block (of j)", ylabel="row block (of i)")
    fig.colorbar(im, ax=ax, label="nonzeros")
    return fig
