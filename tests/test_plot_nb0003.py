"""The pictures of notebooks 02 and 03: what they draw matches the data they were given."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.sparse as sp  # noqa: E402

import glovelib as gl  # noqa: E402
from glovelib import objective  # noqa: E402


def test_weighting_panels_one_per_x_max():
    fig = gl.plot.weighting_panels((10, 100), (0.5, 0.75))
    axes = fig.axes
    assert len(axes) == 2
    for ax, x_max in zip(axes, (10, 100), strict=True):
        assert str(x_max) in ax.get_title()
        lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]
        assert len(lines) == 2  # one per alpha
        for line, alpha in zip(lines, (0.5, 0.75), strict=True):
            x, y = line.get_xdata(), line.get_ydata()
            assert x.max() == pytest.approx(1.5 * x_max)  # each panel spans its own x_max
            np.testing.assert_allclose(y, np.minimum(1.0, (x / x_max) ** alpha))
    log = gl.plot.weighting_panels((10,), (0.75,), log_x=True)
    assert log.axes[0].get_xscale() == "log"
    plt.close("all")
    with pytest.raises(ValueError):
        gl.plot.weighting_panels((), (0.75,))


def test_growth_ticks_are_readable_and_slopes_fitted():
    sizes = [56_618, 113_236, 226_472, 452_944]
    values = [3.0 * s**0.8 for s in sizes]
    fig = gl.plot.growth(sizes, {"measured": values}, slopes=(0.8, 1.0))
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["56.6k", "113k", "226k", "453k"]
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert ylabels and all(t[-1] in "kM" or t.isdigit() for t in ylabels)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "measured (slope 0.80)" in legend and len(legend) == 3
    plt.close("all")
    with pytest.raises(ValueError, match="one positive value per size"):
        gl.plot.growth(sizes, {"bad": values[:3]})


def test_short_labels():
    assert [gl.plot._short(v) for v in (999, 12_300, 2_500_000, 3e9)] == ["999", "12.3k",
                                                                          "2.5M", "3G"]


def test_cooccurrence_region_shows_zeros_as_masked():
    X = sp.csr_matrix(np.array([[4.0, 0, 1], [0, 0, 2], [1, 2, 0]]))
    fig = gl.plot.cooccurrence_region(X, ["a", "b", "c"], [0, 1, 2], [0, 1, 2], title="t")
    ax = fig.axes[0]
    data = ax.images[0].get_array()
    np.testing.assert_array_equal(np.ma.getmaskarray(data), X.toarray() == 0)
    np.testing.assert_allclose(data.compressed(), np.log1p(X.data[np.lexsort(
        (X.indices, np.repeat(np.arange(3), np.diff(X.indptr))))]))
    assert ax.get_title() == "t: 44% of cells zero (white)"  # 4 of 9
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    region = gl.plot.cooccurrence_region(X, ["a", "b", "c"], [1, 2], [0])
    assert region.axes[0].images[0].get_array().shape == (2, 1)
    plt.close("all")
    with pytest.raises(ValueError):
        gl.plot.cooccurrence_region(X, ["a", "b", "c"], [], [0])


def test_cooccurrence_regions_share_a_colour_scale():
    X = sp.csr_matrix(np.array([[40.0, 3, 1], [3, 0, 2], [1, 2, 0]]))
    top = np.log1p(40.0)
    small = gl.plot.cooccurrence_region(X, ["a", "b", "c"], [1, 2], [1, 2], vmax=top)
    assert small.axes[0].images[0].get_clim() == pytest.approx((0, top))  # not (0, log 3)
    own = gl.plot.cooccurrence_region(X, ["a", "b", "c"], [1, 2], [1, 2])
    assert own.axes[0].images[0].get_clim() == pytest.approx((0, np.log1p(2.0)))
    plt.close("all")


def test_weighting_panels_use_the_library_weighting():
    fig = gl.plot.weighting_panels((3,), (1.0,))
    line = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(line.get_ydata(), objective.weighting(line.get_xdata(), 3, 1.0))
    plt.close("all")
