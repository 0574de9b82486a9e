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
* :func:`pair_scatter`, :func:`pairs_side_by_side` -- word pairs by group: coloured, joined,
  labels that do not overlap (:func:`place_labels`) (notebook 06)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .objective import weighting

__all__ = ["weighting_function", "cooccurrence_heatmap", "zipf", "loss_curves", "project",
           "scatter_words", "analogy_arrows", "side_by_side", "similarity_heatmap",
           "pair_scatter", "pairs_side_by_side", "place_labels"]


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


# --------------------------------------------------------------------------- pairs, by group


def pair_scatter(kv, groups: Mapping[str, Sequence[tuple[str, str]]], method: str = "pca",
                 ax=None, title: str | None = None, seed: int = 0):
    """Word pairs in a 2-D projection: one colour per group, each pair joined by a line.

    Parameters
    ----------
    kv : KeyedVectors
    groups : mapping
        Group name -> (first, second) word pairs, e.g. ``{"country -> capital": [("france",
        "paris"), ...], "male -> female": [...]}``; pairs with a word missing from ``kv`` are
        left out.  All words are projected together (:func:`project`).
    method : {"pca", "tsne"}
    ax : matplotlib Axes, optional
    title : str, optional
    seed : int

    Returns
    -------
    Figure
        First words drawn as circles, second words as triangles; labels placed so that no two
        overlap (see :func:`place_labels`).
    """
    fig, ax = _axes(ax, (7, 6))
    kept = {g: [(a, b) for a, b in ps if a in kv and b in kv] for g, ps in groups.items()}
    words = [w for ps in kept.values() for pair in ps for w in pair]
    if not words:
        raise ValueError("none of the pairs has both words in the vectors")
    xy = dict(zip(words, project(kv[words], method, seed), strict=True))
    labels, points, colors = [], [], []
    for k, (group, ps) in enumerate(kept.items()):
        color = f"C{k}"
        for a, b in ps:
            ax.plot([xy[a][0], xy[b][0]], [xy[a][1], xy[b][1]], color=color, lw=1, alpha=0.6)
            ax.scatter(*xy[a], color=color, marker="o", s=22, zorder=3)
            ax.scatter(*xy[b], color=color, marker="^", s=26, zorder=3)
            labels += [a, b]
            points += [xy[a], xy[b]]
            colors += [color, color]
        ax.plot([], [], color=color, marker="o", label=group)
    axis = "PC" if method == "pca" else "t-SNE "
    ax.set(xlabel=f"{axis}1", ylabel=f"{axis}2",
           title=title or f"{method.upper()}: pairs joined, first word o, second word ^")
    ax.legend(fontsize=8, loc="best")
    place_labels(ax, np.array(points), labels, colors)
    return fig


def pairs_side_by_side(models: Mapping[str, object], groups: Mapping[str, Sequence[tuple]],
                       method: str = "pca", seed: int = 0):
    """:func:`pair_scatter` of the same pairs for each model, one panel per model."""
    fig, axes = plt.subplots(1, len(models), figsize=(5.5 * len(models), 5.2), squeeze=False)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.1, top=0.92, wspace=0.18)
    common = {g: [p for p in ps if all(w in m for m in models.values() for w in p)]
              for g, ps in groups.items()}
    for ax, (name, kv) in zip(axes[0], models.items(), strict=True):
        pair_scatter(kv, common, method, ax=ax, title=f"{name} ({method.upper()})", seed=seed)
    return fig


_RING = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]


def place_labels(ax, points: np.ndarray, labels: Sequence[str], colors: Sequence | None = None,
                 fontsize: float = 7.5) -> list:
    """Label each point where its text overlaps no other label (greedy, in display space).

    Candidate spots ring each point at growing distances (in points); each label takes the
    first spot whose box meets no box already placed, and a label set away from its point gets
    a thin leader line.  Place labels after the axes' layout is fixed (they are placed in
    display space).

    Returns
    -------
    list of matplotlib Annotation
        One per label, in order.
    """
    colors = list(colors) if colors is not None else ["black"] * len(labels)
    ax.autoscale_view()
    renderer = ax.figure.canvas.get_renderer()
    placed, boxes = [], []
    for xy, text, color in zip(np.asarray(points), labels, colors, strict=True):
        spot = None
        for radius in (4, 10, 18, 28, 40, 55):
            for dx, dy in _RING:
                style = dict(ha="left" if dx > 0 else "right" if dx < 0 else "center",
                             va="bottom" if dy > 0 else "top" if dy < 0 else "center")
                ann = ax.annotate(text, xy, xytext=(dx * radius, dy * radius),
                                  textcoords="offset points", fontsize=fontsize, **style)
                box = ann.get_window_extent(renderer).expanded(1.04, 1.08)
                ann.remove()
                if not any(box.overlaps(b) for b in boxes):
                    spot = ((dx * radius, dy * radius), style, box, radius)
                    break
            if spot:
                break
        if spot is None:  # crowded beyond every ring: take the first spot
            spot = ((4, 4), dict(ha="left", va="bottom"), box, 4)
        offset, style, box, radius = spot
        leader = dict(arrowstyle="-", color=color, lw=0.5, alpha=0.6) if radius > 10 else None
        placed.append(ax.annotate(text, xy, xytext=offset, textcoords="offset points",
                                  fontsize=fontsize, color=color, arrowprops=leader, **style))
        boxes.append(box)
    return placed
