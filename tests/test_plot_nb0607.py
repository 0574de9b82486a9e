"""Notebook 06's pair pictures: colour by group, every pair joined, no two labels overlapping."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import glovelib as gl  # noqa: E402
from glovelib import plot  # noqa: E402


def _crowded_vectors(seed=0):
    """Ten pairs in two groups whose 2-D projections nearly coincide: labels must move."""
    rng = np.random.default_rng(seed)
    words, vectors = [], []
    for g, offset in enumerate([np.r_[1.0, 0, 0], np.r_[0, 1.0, 0]]):
        for k in range(5):
            base = rng.normal(scale=0.01, size=3)
            words += [f"g{g}a{k}", f"g{g}b{k}"]
            vectors += [base, base + offset]
    return gl.KeyedVectors(words, np.array(vectors)), {
        "group 0": [(f"g0a{k}", f"g0b{k}") for k in range(5)],
        "group 1": [(f"g1a{k}", f"g1b{k}") for k in range(5)],
    }


def _boxes(annotations):
    annotations[0].figure.canvas.draw()  # annotations take their place when drawn
    renderer = annotations[0].figure.canvas.get_renderer()
    # the text's box (an Annotation's own extent includes its leader line)
    return [Text.get_window_extent(a, renderer) for a in annotations]


def test_place_labels_leaves_no_two_labels_overlapping():
    fig, ax = plt.subplots(figsize=(5, 4))
    points = np.zeros((12, 2)) + np.random.default_rng(0).normal(scale=1e-3, size=(12, 2))
    ax.scatter(points[:, 0], points[:, 1])
    ax.set(xlim=(-1, 1), ylim=(-1, 1))  # the points nearly coincide on screen
    anns = plot.place_labels(ax, points, [f"word{k}" for k in range(12)])
    boxes = _boxes(anns)
    assert [a.get_text() for a in anns] == [f"word{k}" for k in range(12)]
    for i in range(len(boxes)):
        for j in range(i):
            assert not boxes[i].overlaps(boxes[j]), (anns[i].get_text(), anns[j].get_text())
    # the same words with matplotlib's plain annotate (all at one offset) do overlap: the test
    # above can fail
    naive = [ax.annotate(f"w{k}", p, xytext=(3, 3), textcoords="offset points")
             for k, p in enumerate(points)]
    naive_boxes = _boxes(naive)
    assert naive_boxes[0].overlaps(naive_boxes[1])
    plt.close(fig)


def test_pair_scatter_colours_groups_and_joins_each_pair():
    kv, groups = _crowded_vectors()
    fig = plot.pair_scatter(kv, groups)
    ax = fig.axes[0]
    words = [w for ps in groups.values() for p in ps for w in p]
    xy = dict(zip(words, plot.project(kv[words]), strict=True))
    segments = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert len(segments) == 10
    for k, (group, pairs) in enumerate(groups.items()):
        for a, b in pairs:  # a segment of the group's colour from a to b
            hits = [s for s in segments
                    if np.allclose(s.get_xydata(), [xy[a], xy[b]]) and s.get_color() == f"C{k}"]
            assert len(hits) == 1, (group, a, b)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(groups)
    texts = [c for c in ax.texts]
    assert sorted(t.get_text() for t in texts) == sorted(words)
    boxes = _boxes(texts)
    assert not any(boxes[i].overlaps(boxes[j]) for i in range(len(boxes)) for j in range(i))
    plt.close(fig)


def test_pairs_side_by_side_one_panel_per_model_with_common_pairs():
    kv, groups = _crowded_vectors()
    other = gl.KeyedVectors(kv.index_to_key[2:], kv.vectors[2:])  # lacks the first pair
    fig = plot.pairs_side_by_side({"A": kv, "B": other}, groups)
    assert [ax.get_title() for ax in fig.axes[:2]] == ["A (PCA)", "B (PCA)"]
    for ax in fig.axes[:2]:
        assert len([line for line in ax.get_lines() if len(line.get_xdata()) == 2]) == 9
        assert "g0a0" not in {t.get_text() for t in ax.texts}
    plt.close(fig)


def test_pair_scatter_refuses_pairs_it_cannot_draw():
    kv, _ = _crowded_vectors()
    with pytest.raises(ValueError, match="none of the pairs"):
        plot.pair_scatter(kv, {"missing": [("x", "y")]})


def test_pairs_side_by_side_in_rows_with_larger_labels():
    kv, groups = _crowded_vectors()
    models = {"A": kv, "B": kv, "C": kv}
    fig = plot.pairs_side_by_side(models, groups, ncols=2, fontsize=9)
    assert fig.get_size_inches() == pytest.approx((11.0, 10.4))  # 2 columns, 2 rows
    drawn = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in drawn] == ["A (PCA)", "B (PCA)", "C (PCA)"]
    assert len(fig.axes) == 4 and not fig.axes[3].axison  # the spare panel is hidden
    assert {t.get_fontsize() for ax in drawn for t in ax.texts} == {9}
    plt.close(fig)
    with pytest.raises(ValueError, match="ncols"):
        plot.pairs_side_by_side(models, groups, ncols=0)
