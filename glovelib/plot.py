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


def analogy_arrows(kv, pairs: Sequence[tuple[str, str]], ax=None, title: str | None = None,
                   labels: tuple[str, str] = ("first word", "its partner")):
    """Arrows from each first word to its partner in a 2-D PCA of all the words involved.

    ``labels`` name the two kinds of word in the legend, e.g. ``("country", "capital")``.
    """
    fig, ax = _axes(ax, (7, 6))
    pairs = [(a, b) for a, b in pairs if a in kv and b in kv]
    words = [w for pair in pairs for w in pair]
    xy = dict(zip(words, project(kv[words]), strict=True))
    for a, b in pairs:
        ax.annotate("", xy=xy[b], xytext=xy[a],
                    arrowprops=dict(arrowstyle="-|>", color="tab:gray", lw=1,
                                    mutation_scale=12, shrinkA=3, shrinkB=4))
        ax.annotate(a, xy[a], fontsize=8, color="tab:blue")
        ax.annotate(b, xy[b], fontsize=8, color="tab:red")
    first, second = np.array([xy[a] for a, _ in pairs]), np.array([xy[b] for _, b in pairs])
    if pairs:
        ax.scatter(first[:, 0], first[:, 1], color="tab:blue", s=15, label=labels[0])
        ax.scatter(second[:, 0], second[:, 1], color="tab:red", s=15, label=labels[1])
        ax.legend(fontsize=8, title=f"arrow: {labels[0]} → {labels[1]}", title_fontsize=8)
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


# --------------------------------------------------------------- notebooks 02 and 03 (nb0003)

__all__ += ["weighting_panels", "growth", "cooccurrence_region"]


def weighting_panels(x_maxes: Sequence[float] = (10.0, 100.0),
                     alphas: Sequence[float] = (0.5, 0.75, 1.0), log_x: bool = False):
    """f(x) = min(1, (x / x_max)^alpha), one panel per x_max (each up to 1.5 x_max, or on a log
    x axis from 0.01 when ``log_x``), one line per alpha; a dotted line marks x_max."""
    if not x_maxes or not alphas:
        raise ValueError("give at least one x_max and one alpha")
    fig, axes = plt.subplots(1, len(x_maxes), figsize=(4.2 * len(x_maxes), 3.4), squeeze=False,
                             sharey=True)
    for ax, x_max in zip(axes[0], x_maxes, strict=True):
        x = (np.geomspace(1e-2, 10 * x_max, 400) if log_x else np.linspace(0, 1.5 * x_max, 400))
        for alpha in alphas:
            ax.plot(x, weighting(x, x_max, alpha), label=rf"$\alpha$ = {alpha:g}")
        ax.axvline(x_max, color="gray", ls=":", lw=1)
        if log_x:
            ax.set_xscale("log")
        ax.set(title=rf"$x_{{max}}$ = {x_max:g}", xlabel=r"cooccurrence count $x$", ylim=(0, 1.05))
    axes[0, 0].set_ylabel(r"weight $f(x)$")
    axes[0, 0].legend(fontsize=8, loc="lower right")
    fig.suptitle("GloVe's weighting function, one panel per $x_{max}$")
    fig.tight_layout()
    return fig


def _short(v: float) -> str:
    """12_300 -> '12k', 2_500_000 -> '2.5M': tick labels a reader can read."""
    for scale, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= scale:
            return f"{v / scale:.3g}{unit}"
    return f"{v:.3g}"


def growth(sizes: Sequence[float], series: Mapping[str, Sequence[float]],
           slopes: Sequence[float] = (1.0,), xlabel: str = "corpus tokens $|C|$",
           ylabel: str = "nonzeros $|X|$", title: str | None = None, ax=None):
    """Log-log growth curves with ticks at the measured sizes, labelled 28k, 1.2M, ...

    Each series is drawn with its fitted exponent in the legend; each ``slopes`` value adds a
    dashed reference line $|C|^s$ through the first point of the first series."""
    fig, ax = _axes(ax, (6.5, 4.2))
    sizes = np.asarray(sizes, dtype=np.float64)
    if sizes.ndim != 1 or len(sizes) < 2 or np.any(sizes <= 0):
        raise ValueError("sizes must be at least two positive numbers")
    first = None
    for name, values in series.items():
        values = np.asarray(values, dtype=np.float64)
        if values.shape != sizes.shape or np.any(values <= 0):
            raise ValueError(f"series {name!r} must have one positive value per size")
        slope = np.polyfit(np.log(sizes), np.log(values), 1)[0]
        ax.loglog(sizes, values, "o-", label=f"{name} (slope {slope:.2f})")
        first = values if first is None else first
    for s in slopes:
        ax.loglog(sizes, first[0] * (sizes / sizes[0]) ** s, "--", lw=1, color="gray",
                  alpha=0.5 + 0.5 * (s == max(slopes)), label=f"$\\propto |C|^{{{s:g}}}$")
    ax.set_xticks(sizes, [_short(v) for v in sizes])
    ax.xaxis.set_minor_locator(plt.NullLocator())
    lo, hi = ax.get_ylim()
    yt = [t for t in _nice_ticks(lo, hi)]
    ax.set_yticks(yt, [_short(v) for v in yt])
    ax.yaxis.set_minor_locator(plt.NullLocator())
    ax.set_ylim(lo, hi)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title or "Growth on log-log axes")
    ax.legend(fontsize=8)
    return fig


def _nice_ticks(lo: float, hi: float) -> list[float]:
    """1, 2, 5 x 10^k between lo and hi (log axes)."""
    ticks = [m * 10.0**k for k in range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
             for m in (1, 2, 5)]
    return [t for t in ticks if lo <= t <= hi]


def cooccurrence_region(X, words: Sequence[str], rows: Sequence[int], cols: Sequence[int],
                        ax=None, title: str | None = None, vmax: float | None = None):
    """log(1 + X) on the chosen rows and columns, zeros left white, with the share of zero cells
    in the title: a region of rare words shows what "96% of the cells are zero" looks like.

    The colour scale runs from 0 to ``vmax`` (default: the region's largest log(1 + X)); pass
    the same ``vmax`` to regions drawn side by side so that equal colours mean equal counts."""
    fig, ax = _axes(ax, (7, 6))
    rows, cols = np.asarray(rows), np.asarray(cols)
    if rows.ndim != 1 or cols.ndim != 1 or not len(rows) or not len(cols):
        raise ValueError("rows and cols must be non-empty sequences of word ids")
    block = X[rows][:, cols]
    block = np.asarray(block.todense() if hasattr(block, "todense") else block, dtype=np.float64)
    zero = block == 0
    im = ax.imshow(np.ma.masked_where(zero, np.log1p(block)), cmap="viridis",
                   interpolation="nearest", vmin=0, vmax=vmax)
    ax.set_facecolor("white")
    if len(cols) <= 40:
        ax.set_xticks(range(len(cols)), [words[j] for j in cols], rotation=90, fontsize=7)
    if len(rows) <= 40:
        ax.set_yticks(range(len(rows)), [words[i] for i in rows], fontsize=7)
    share = f"{100 * zero.mean():.0f}% of cells zero (white)"
    ax.set(title=f"{title}: {share}" if title else share, xlabel="context word j", ylabel="word i")
    fig.colorbar(im, ax=ax, label="$\\log(1 + X_{ij})$", shrink=0.8)
    return fig


def block_grid(X, blocks, stratum=0, ax=None):
    """Nonzeros of X per block of the blocked schedule (notebook 04): a B x B heatmap, rows the
    row block of i, columns the column block of j, one stratum's B blocks outlined.

    ``blocks`` is the block of each word (:func:`glovelib.train.schedule.word_blocks`);
    ``stratum`` is either a row of :func:`glovelib.train.schedule.strata` (the column block of
    each row block) or an int s, the stratum pairing row block r with column block (r + s) mod B.
    The outlined blocks share no row and no column: threads may train them at once.
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
    im = ax.imshow(counts, cmap="viridis", vmin=0)  # from 0: equal blocks look equal
    for r, c in enumerate(cols):
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor="red", lw=2))
    ax.set(title=f"nonzeros per block ({B} x {B}); one stratum outlined",
           xlabel="column block (of j)", ylabel="row block (of i)")
    fig.colorbar(im, ax=ax, label="nonzeros")
    return fig


# --------------------------------------------------------------------------- pairs, by group


def pair_scatter(kv, groups: Mapping[str, Sequence[tuple[str, str]]], method: str = "pca",
                 ax=None, title: str | None = None, seed: int = 0, fontsize: float = 7.5):
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
    fontsize : float
        Size of the word labels, in points.

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
    place_labels(ax, np.array(points), labels, colors, fontsize=fontsize)
    return fig


def pairs_side_by_side(models: Mapping[str, object], groups: Mapping[str, Sequence[tuple]],
                       method: str = "pca", seed: int = 0, ncols: int | None = None,
                       fontsize: float = 7.5):
    """:func:`pair_scatter` of the same pairs for each model, one panel per model.

    ``ncols`` panels a row (default: all in one row); fewer columns give larger panels at the
    width a notebook shows, so that labels of ``fontsize`` points stay legible.
    """
    ncols = len(models) if ncols is None else ncols
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be an int >= 1, got {ncols!r}")
    nrows = -(-len(models) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.5 * ncols, 5.2 * nrows), squeeze=False)
    fig.subplots_adjust(left=0.05, right=0.98, bottom=0.1 / nrows, top=1 - 0.08 / nrows,
                        wspace=0.18, hspace=0.25)
    common = {g: [p for p in ps if all(w in m for m in models.values() for w in p)]
              for g, ps in groups.items()}
    for ax in axes.flat[len(models):]:
        ax.set_axis_off()
    for ax, (name, kv) in zip(axes.flat, models.items(), strict=False):
        pair_scatter(kv, common, method, ax=ax, title=f"{name} ({method.upper()})", seed=seed,
                     fontsize=fontsize)
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
