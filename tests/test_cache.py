"""The model cache: a hit equals a fresh fit; anything that changes the result changes the key."""

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib.cache import cache_key


@pytest.fixture
def X():
    rng = np.random.default_rng(0)
    dense = rng.poisson(2.0, size=(30, 30)).astype(float)
    return sp.csr_matrix(dense + dense.T)


def test_hit_equals_fresh_fit(X, tmp_path):
    params = dict(vector_size=8, x_max=5.0, epochs=4, random_state=3)
    first = gl.cached_fit(gl.GloVe(**params), X, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 1
    hit = gl.cached_fit(gl.GloVe(**params, verbose=False), X, cache_dir=tmp_path)
    assert hit is not first
    fresh = gl.GloVe(**params).fit(X)
    for a, b in zip(hit.weights_.arrays(), fresh.weights_.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert hit.loss_history_ == fresh.loss_history_
    assert hit.get_params() == fresh.get_params()
    assert hit.n_entries_ == X.nnz


def test_key_follows_everything_that_changes_the_result(X):
    base = gl.GloVe(vector_size=8, random_state=0)
    key = cache_key(base, X)
    assert cache_key(gl.GloVe(vector_size=8, random_state=0, verbose=True), X) == key
    assert cache_key(gl.GloVe(vector_size=9, random_state=0), X) != key
    assert cache_key(gl.GloVe(vector_size=8, random_state=1), X) != key
    assert cache_key(gl.GloVe(vector_size=8, random_state=0, x_max=7.0), X) != key
    Y = X.copy()
    Y.data[0] += 1
    assert cache_key(base, Y) != key


def test_damaged_file_is_retrained(X, tmp_path):
    params = dict(vector_size=4, epochs=2, random_state=0)
    gl.cached_fit(gl.GloVe(**params), X, cache_dir=tmp_path)
    (path,) = tmp_path.glob("*.npz")
    path.write_bytes(path.read_bytes()[:100])
    model = gl.cached_fit(gl.GloVe(**params), X, cache_dir=tmp_path)
    np.testing.assert_array_equal(model.W_, gl.GloVe(**params).fit(X).W_)
    assert path.stat().st_size > 100


def test_rejects_what_is_not_a_glove_model(X, tmp_path):
    with pytest.raises(TypeError, match="GloVe"):
        gl.cached_fit(object(), X, cache_dir=tmp_path)


def _package_imports(here, name: str) -> list[str]:
    """The glovelib files (paths inside ``here``) that file ``name`` imports at module level
    (relative imports: ``from .x import``, ``from ..x.y import``, ``from . import x``)."""
    import ast

    out = []
    for node in ast.parse((here / name).read_text()).body:
        if not (isinstance(node, ast.ImportFrom) and node.level):
            continue
        base = (here / name).parent
        for _ in range(node.level - 1):
            base = base.parent
        prefix = node.module.split(".") if node.module else []
        for mod in [prefix] if node.module else [[a.name] for a in node.names]:
            path = base.joinpath(*mod)
            for file in (path.with_suffix(".py"), path / "__init__.py"):
                if file.exists():
                    out.append(file.relative_to(here).as_posix())
    return out


def test_fingerprint_covers_every_module_training_imports():
    """A kernel change must change the key: the fingerprinted sources are closed under the
    module-level package imports of train.py (but for progress display and file writing; the
    imports inside functions load what uses a model, e.g. vectors.py, not what trains it)."""
    from pathlib import Path

    from glovelib.cache import _TRAINING_SOURCES

    here = Path(gl.__file__).parent
    harmless = {"_progress.py", "_io.py"}
    todo, seen = ["train/__init__.py"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += _package_imports(here, name)
    assert seen - harmless <= set(_TRAINING_SOURCES), seen - harmless - set(_TRAINING_SOURCES)
    assert all((here / name).is_file() for name in _TRAINING_SOURCES)
