"""The Numba trainer against the NumPy reference, determinism, resume, hyperparameters."""

import os
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import objective as ob
from glovelib import train
from glovelib.train import kernels as K
from glovelib.train import schedule


def random_matrix(V=60, density=0.2, seed=0, high=300.0):
    rng = np.random.default_rng(seed)
    X = sp.random(V, V, density=density, random_state=seed, format="csr",
                  data_rvs=lambda n: rng.uniform(0.05, high, n))
    return X + X.T


def test_one_serial_epoch_equals_the_numpy_reference_update_for_update():
    X = random_matrix()
    model = gl.GloVe(vector_size=8, epochs=1, dtype="float64", random_state=3,
                     schedule="shuffle")
    # the reference, from the same initial state, visiting entries in the order the model uses
    rs = np.random.RandomState(3)
    p = ob.init_weights(X.shape[0], 8, rs)
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    n = X.nnz
    order = K._permutation(rs.random_sample(n), max(1, n // schedule.SHUFFLE_BUCKET), 1)
    rows, cols, x = ob._entries(X)
    ref_loss = ob.adagrad_epoch(p, sq, rows, cols, x, order)
    model.fit(X)
    for got, want in zip(model.weights_.arrays(), p.arrays(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for got, want in zip(model._sq, sq.arrays(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    assert model.loss_history_[0] == pytest.approx(ref_loss, rel=1e-12)


def test_permutation_is_uniform_and_independent_of_threads():
    rs = np.random.RandomState(0)
    n, buckets = 6, 2
    counts = np.zeros((n, n))
    for _ in range(6000):
        u = rs.random_sample(n)
        perm = K._permutation(u, buckets, 1)
        assert np.array_equal(K._permutation(u, buckets, 2), perm)
        assert sorted(perm) == list(range(n))
        counts[np.arange(n), perm] += 1
    # each element lands in each position with probability 1/6: chi-square, 25 dof
    chi2 = ((counts - 1000) ** 2 / 1000).sum()
    assert chi2 < 60, chi2


def test_same_seed_is_bit_identical_and_different_seeds_differ():
    X = random_matrix()
    a = gl.GloVe(vector_size=10, epochs=3, random_state=7).fit(X)
    b = gl.GloVe(vector_size=10, epochs=3, random_state=7).fit(X)
    c = gl.GloVe(vector_size=10, epochs=3, random_state=8).fit(X)
    assert np.array_equal(a.W_, b.W_) and np.array_equal(a.b_context_, b.b_context_)
    assert a.loss_history_ == b.loss_history_
    assert not np.array_equal(a.W_, c.W_)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_resume_equals_training_straight_through(tmp_path, dtype):
    X = random_matrix(seed=1)
    straight = gl.GloVe(vector_size=6, epochs=6, random_state=0, dtype=dtype).fit(X)
    half = gl.GloVe(vector_size=6, epochs=3, random_state=0, dtype=dtype).fit(X)
    half.save(tmp_path / "half.npz")
    resumed = gl.GloVe.load(tmp_path / "half.npz").partial_fit(X, epochs=3)
    for a, b in zip(straight.weights_.arrays(), resumed.weights_.arrays(), strict=True):
        assert np.array_equal(a, b)
    assert straight.loss_history_ == resumed.loss_history_
    assert resumed.epochs_trained_ == 6


def test_loss_decreases_and_exact_objective_is_available():
    X = random_matrix(V=80, seed=2)
    model = gl.GloVe(vector_size=10, epochs=20, x_max=10.0, random_state=0).fit(X)
    assert model.loss_history_[-1] < 0.3 * model.loss_history_[0]
    p0 = ob.init_weights(80, 10, 0)
    assert model.loss(X) < 0.3 * ob.loss(p0, X, 10.0, 0.75)


BASE = dict(vector_size=8, epochs=3, random_state=0, x_max=20.0, alpha=0.75,
            learning_rate=0.05, grad_clip=100.0, dtype="float64")


@pytest.mark.parametrize("name, value", [
    ("x_max", 50.0), ("alpha", 0.5), ("learning_rate", 0.1), ("epochs", 4),
    ("grad_clip", 0.001), ("random_state", 1), ("dtype", "float32"), ("vector_size", 9),
    ("schedule", "shuffle"), ("n_blocks", 3),
])
def test_every_hyperparameter_changes_the_result(name, value):
    # a known course's trainer silently ignored x_max and alpha: not here
    X = random_matrix(seed=4, high=60.0)
    base = gl.GloVe(**BASE).fit(X)
    other = gl.GloVe(**{**BASE, name: value}).fit(X)
    if name == "vector_size":
        assert other.W_.shape == (X.shape[0], 9)
        return
    if name == "dtype":  # same arithmetic in another precision: close, but not equal
        assert other.W_.dtype == np.float32 and not np.array_equal(base.W_, other.W_)
        return
    assert not np.allclose(base.W_.astype(np.float64), other.W_.astype(np.float64),
                           rtol=0, atol=1e-7)


def test_hogwild_two_threads_trains_as_well():
    X = random_matrix(V=300, density=0.3, seed=5)
    one = gl.GloVe(vector_size=10, epochs=5, random_state=0, schedule="shuffle").fit(X)
    two = gl.GloVe(vector_size=10, epochs=5, random_state=0, n_threads=2,
                   schedule="hogwild").fit(X)
    assert np.isfinite(two.W_).all()
    assert two.loss_history_[-1] == pytest.approx(one.loss_history_[-1], rel=0.05)


def test_keyed_vectors_combinations():
    X = random_matrix(V=5, density=1.0)
    model = gl.GloVe(vector_size=3, epochs=1, random_state=0).fit(X)
    words = list("abcde")
    kv = model.to_keyed_vectors(words)
    np.testing.assert_allclose(kv["a"], model.W_[0] + model.W_context_[0], rtol=1e-6)
    np.testing.assert_allclose(model.to_keyed_vectors(words, "word")["b"], model.W_[1])
    assert model.to_keyed_vectors(words, "concat").vector_size == 6
    with pytest.raises(ValueError, match="combine"):
        model.to_keyed_vectors(words, "mean")
    with pytest.raises(ValueError, match="vocabulary has 2"):
        model.to_keyed_vectors(["a", "b"])


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(x_max=0), ValueError, "x_max"), (dict(x_max=-1.0), ValueError, "x_max"),
    (dict(alpha=-0.1), ValueError, "alpha"), (dict(learning_rate=0), ValueError, "learning_rate"),
    (dict(learning_rate=float("nan")), ValueError, "learning_rate"),
    (dict(vector_size=0), ValueError, "vector_size"), (dict(epochs=0), ValueError, "epochs"),
    (dict(vector_size=2.5), TypeError, "vector_size"), (dict(n_threads=0), ValueError, "n_threads"),
    (dict(dtype="float16"), ValueError, "dtype"), (dict(schedule="dsgd"), ValueError, "schedule"),
    (dict(n_blocks=0), ValueError, "n_blocks"), (dict(n_blocks=2.0), TypeError, "n_blocks"),
    (dict(n_blocks=6), ValueError, "more blocks than the 5 words"),
])
def test_bad_hyperparameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        gl.GloVe(**kwargs).fit(random_matrix(V=5, density=1.0))


def test_bad_matrices():
    model = gl.GloVe(epochs=1)
    with pytest.raises(ValueError, match="square"):
        model.fit(sp.csr_matrix(np.ones((3, 4))))
    with pytest.raises(ValueError, match="negative"):
        model.fit(sp.csr_matrix(np.array([[1.0, -2.0], [1.0, 1.0]])))
    with pytest.raises(ValueError, match="non-finite"):
        model.fit(sp.csr_matrix(np.array([[1.0, np.nan], [1.0, 1.0]])))
    with pytest.raises(ValueError, match="no nonzero"):
        model.fit(sp.csr_matrix((3, 3)))
    with pytest.raises(TypeError, match="scipy.sparse"):
        model.fit([[1, 2], [3, 4]])
    with pytest.raises(RuntimeError, match="not fitted"):
        gl.GloVe().to_keyed_vectors(["a"])


def test_divergence_raises_instead_of_returning_garbage():
    X = random_matrix(V=30, density=0.5)
    model = gl.GloVe(vector_size=5, epochs=3, learning_rate=1e300, grad_clip=1e300,
                     dtype="float64", random_state=0)
    with pytest.raises(FloatingPointError, match="smaller learning_rate"):
        model.fit(X)
    assert not hasattr(model, "W_")


def test_load_rejects_other_files(tmp_path):
    np.savez(tmp_path / "other.npz", a=np.zeros(3))
    with pytest.raises(ValueError, match="not a model"):
        gl.GloVe.load(tmp_path / "other.npz")


@pytest.mark.slow
def test_kernels_run_without_jit_for_coverage(tmp_path):
    """The same code with NUMBA_DISABLE_JIT=1 (pure Python) gives the same numbers."""
    X = random_matrix(V=15, density=0.4, seed=9)
    sp.save_npz(tmp_path / "X.npz", sp.csr_matrix(X))
    code = (
        "import numpy as np, scipy.sparse as sp, glovelib as gl\n"
        f"X = sp.load_npz({str(tmp_path / 'X.npz')!r})\n"
        "m = gl.GloVe(vector_size=4, epochs=2, dtype='float64', random_state=0).fit(X)\n"
        "s = gl.GloVe(vector_size=4, epochs=2, dtype='float64', random_state=0,\n"
        "             schedule='shuffle').fit(X)\n"
        "np.save(" + repr(str(tmp_path / "S.npy")) + ", s.W_)\n"
        "C = gl.count_cooccurrences([np.array([0, 1, 2, 1, 0, 2])], 3, 3, max_memory=3000)\n"
        "np.save(" + repr(str(tmp_path / "W.npy")) + ", m.W_)\n"
        "np.save(" + repr(str(tmp_path / "C.npy")) + ", C.toarray())\n"
    )
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    jit = gl.GloVe(vector_size=4, epochs=2, dtype="float64", random_state=0).fit(X)
    np.testing.assert_allclose(np.load(tmp_path / "W.npy"), jit.W_, rtol=1e-12)
    shuffled = gl.GloVe(vector_size=4, epochs=2, dtype="float64", random_state=0,
                        schedule="shuffle").fit(X)
    np.testing.assert_allclose(np.load(tmp_path / "S.npy"), shuffled.W_, rtol=1e-12)
    C = gl.count_cooccurrences([np.array([0, 1, 2, 1, 0, 2])], 3, 3)
    assert np.array_equal(np.load(tmp_path / "C.npy"), C.toarray())


def test_fit_never_modifies_the_callers_matrix():
    X = sp.csr_matrix(np.array([[1.0, 0, 2], [0, 3, 0], [2, 0, 5]]))
    X.data[1] = 0.0  # an explicit zero, which training must drop -- from a copy
    before = [a.copy() for a in (X.data, X.indices, X.indptr)]
    gl.GloVe(epochs=1, vector_size=2, random_state=0).fit(X)
    assert all(np.array_equal(a, b) for a, b in zip(before, (X.data, X.indices, X.indptr),
                                                    strict=True))


def test_shuffling_entries_applies_the_permutation():
    X = random_matrix(V=40, density=0.5, seed=11)
    entries = train.prepare_entries(X, 100.0, 0.75)
    u = np.random.RandomState(0).random_sample(len(entries))
    order = K._permutation(u, 3, 1)
    for threads in (1, 2):
        out = np.empty_like(entries)
        K._shuffle_entries(entries, out, u, 3, threads)
        assert np.array_equal(out, entries[order])


def test_public_numba_epoch_equals_the_reference():
    X = random_matrix(V=30, density=0.4, seed=12)
    rows, cols, x = ob._entries(X)
    order = np.random.RandomState(2).permutation(len(x))
    p = ob.init_weights(30, 6, 1)
    sq = ob.Weights(*(np.ones_like(a) for a in p.arrays()))
    p2, sq2 = p.copy(), sq.copy()
    ref = ob.adagrad_epoch(p, sq, rows, cols, x, order, 0.05, 10.0, 0.75)
    fast = train.adagrad_epoch(p2, sq2, rows, cols, x, order, 0.05, 10.0, 0.75)
    assert fast == pytest.approx(ref, rel=1e-12)
    for a, b in zip(p.arrays() + sq.arrays(), p2.arrays() + sq2.arrays(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------------- issue 14: robust edges

def test_divergence_that_stays_finite_is_an_error_too():
    # AdaGrad bounds each step: with a huge learning rate nothing becomes nan, the loss explodes
    X = random_matrix(V=40, density=0.4, seed=13)
    model = gl.GloVe(vector_size=8, epochs=5, learning_rate=1e6, random_state=0)
    with pytest.raises(FloatingPointError, match="smaller learning_rate"):
        model.fit(X)
    assert not hasattr(model, "W_")


def test_divergence_rule_spares_a_high_stable_rate_and_new_counts():
    X = random_matrix(V=40, density=0.4, seed=13, high=50.0)
    fast = gl.GloVe(vector_size=8, epochs=10, learning_rate=0.5, x_max=10.0,
                    random_state=0).fit(X)
    assert fast.loss_history_[-1] < fast.loss_history_[0]
    # new counts: a matrix 1000x larger with new pairs -- the loss jumps, then falls
    model = gl.GloVe(vector_size=8, epochs=10, x_max=10.0, random_state=0).fit(X)
    more = 1000.0 * X + random_matrix(V=40, density=0.3, seed=14, high=5000.0)
    model.partial_fit(more, epochs=5)
    jump = model.loss_history_[10]
    assert jump > 10 * model.loss_history_[9] and model.loss_history_[-1] < jump


def test_load_of_a_truncated_file_names_it(tmp_path):
    model = gl.GloVe(vector_size=4, epochs=1, random_state=0).fit(random_matrix(V=20))
    model.save(tmp_path / "m.npz")
    data = (tmp_path / "m.npz").read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        (tmp_path / "cut.npz").write_bytes(data[:cut])
        with pytest.raises(ValueError, match=r"cut\.npz is not a complete model"):
            gl.GloVe.load(tmp_path / "cut.npz")
    with pytest.raises(FileNotFoundError):
        gl.GloVe.load(tmp_path / "absent.npz")


def test_numpy_scalar_hyperparameters_train_save_and_load(tmp_path):
    X = random_matrix(V=30, seed=15)
    kwargs = dict(vector_size=np.int64(6), x_max=np.float32(20.0), alpha=np.float64(0.75),
                  learning_rate=np.float64(0.05), epochs=np.int32(3), grad_clip=np.float64(100),
                  random_state=np.int64(7), n_threads=np.int64(1), n_blocks=np.int64(4))
    model = gl.GloVe(**kwargs).fit(X)
    plain = gl.GloVe(**{k: v.item() for k, v in kwargs.items()}).fit(X)
    assert np.array_equal(model.W_, plain.W_)
    model.save(tmp_path / "m.npz")
    loaded = gl.GloVe.load(tmp_path / "m.npz")
    assert loaded.get_params() == model.get_params()
    assert all(type(v) in (int, float, str, bool, type(None)) for v in loaded.get_params().values())


def test_loaded_model_has_the_saved_params_random_state_included(tmp_path):
    model = gl.GloVe(vector_size=5, epochs=2, random_state=7, schedule="shuffle",
                     x_max=12.5).fit(random_matrix(V=20))
    model.save(tmp_path / "m.npz")
    assert gl.GloVe.load(tmp_path / "m.npz").get_params() == model.get_params()


def test_a_failed_save_leaves_the_previous_file_and_nothing_else(tmp_path, monkeypatch):
    X = random_matrix(V=20)
    old = gl.GloVe(vector_size=4, epochs=1, random_state=0).fit(X)
    old.save(tmp_path / "m.npz")
    before = (tmp_path / "m.npz").read_bytes()
    new = gl.GloVe(vector_size=4, epochs=2, random_state=1).fit(X)

    def half_then_fail(f, **arrays):
        f.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        new.save(tmp_path / "m.npz")
    assert (tmp_path / "m.npz").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]


# ---------------------------------------------------------------------- progress

def test_verbose_shows_epoch_k_of_n_loss_and_time_left(capsys, monkeypatch):
    X = random_matrix(V=20)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    model = gl.GloVe(vector_size=4, epochs=3, random_state=0, verbose=True).fit(X)
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [f"epoch {k} ({k} of 3)" for k in (1, 2, 3)]
    assert f"loss {model.loss_history_[1]:.6f}" in lines[1] and lines[2].endswith("0.0s left")
    gl.GloVe(vector_size=4, epochs=3, random_state=0).fit(X)
    assert capsys.readouterr().err == ""


def test_verbose_uses_tqdm_when_installed(capsys):
    pytest.importorskip("tqdm")
    model = gl.GloVe(vector_size=4, epochs=3, random_state=0, verbose=True).fit(random_matrix())
    err = capsys.readouterr().err
    assert "3/3" in err and f"loss={model.loss_history_[-1]:.6f}" in err
