"""The matrix on disk (glovelib.cooccur.ondisk): its layout, counting into it, and fits from it
that are bit for bit the fits in memory; peak memory measured in subprocesses."""

import errno
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib.cooccur import ondisk
from glovelib.train.ondisk import fit_memory


def zipf_docs(V=400, n_docs=30, length=1500, seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.zipf(1.3, size=length) - 1) % V for _ in range(n_docs)]


def assert_same_model(a, b):
    for x, y in zip(a.weights_.arrays(), b.weights_.arrays(), strict=True):
        assert np.array_equal(x, y)
    for x, y in zip(a._sq, b._sq, strict=True):
        assert np.array_equal(x, y)
    assert a.loss_history_ == b.loss_history_


@pytest.mark.parametrize("symmetric", [True, False])
def test_counting_to_disk_under_a_budget_gives_the_matrix_of_memory(tmp_path, symmetric):
    docs, V = zipf_docs(), 400
    X = gl.count_cooccurrences(docs, V, 6, symmetric=symmetric)
    blocks = gl.GloVe(vector_size=8, random_state=0, n_blocks=5).word_blocks(V)
    M = gl.count_cooccurrences(docs, V, 6, symmetric=symmetric, max_memory=40_000,
                               out=tmp_path / "x.blocks", word_blocks=blocks)
    assert M.nbytes > 5 * 40_000  # the matrix is several times the budget
    Y = M.to_csr()
    assert Y.shape == X.shape and Y.nnz == X.nnz
    assert np.array_equal(Y.indptr, X.indptr) and np.array_equal(Y.indices, X.indices)
    assert np.array_equal(Y.data, X.data)  # the same bits
    assert sorted(os.listdir(tmp_path)) == ["x.blocks"]  # no temporary file left


def test_the_layout_is_what_the_module_documents(tmp_path):
    X = gl.count_cooccurrences(zipf_docs(), 400, 4)
    blocks = np.random.default_rng(1).permutation(np.arange(400) % 6)
    ondisk.write_matrix(X, tmp_path / "m", blocks, batch_entries=999)
    # read with nothing but json and numpy
    header = json.loads((tmp_path / "m" / "header.json").read_text())
    B, V = header["n_blocks"], header["n_words"]
    assert (B, V, header["nnz"]) == (6, 400, X.nnz)
    rec = np.fromfile(tmp_path / "m" / "entries.bin",
                      dtype=np.dtype([(n, t) for n, t in header["record"]]))
    wb = np.load(tmp_path / "m" / "word_blocks.npy")
    assert np.array_equal(wb, blocks)
    starts = header["block_starts"]
    for g in range(B * B):
        part = rec[starts[g]:starts[g + 1]]
        assert np.all(wb[part["i"]] * B + wb[part["j"]] == g)
        key = part["i"].astype(np.int64) * V + part["j"]
        assert np.all(np.diff(key) > 0)  # sorted by (i, j) inside the block
    assert np.array_equal(sp.csr_matrix((rec["x"], (rec["i"], rec["j"])), shape=(V, V)).toarray(),
                          X.toarray())


@pytest.mark.parametrize("n_threads,dtype", [(1, "float32"), (2, "float32"), (2, "float64")])
def test_fit_from_disk_is_bit_identical_to_the_fit_in_memory(tmp_path, n_threads, dtype):
    docs, V = zipf_docs(), 400
    X = gl.count_cooccurrences(docs, V, 6)
    params = dict(vector_size=8, epochs=3, random_state=7, n_threads=n_threads, dtype=dtype)
    disk = gl.GloVe(**params)
    M = gl.count_cooccurrences(docs, V, 6, max_memory=40_000, out=tmp_path / "x",
                               word_blocks=disk.word_blocks(V))
    disk.disk_batch_bytes = 20_000  # a few blocks at a time: many loads per stratum
    memory = gl.GloVe(**params).fit(X)
    disk.fit(M)
    assert_same_model(memory, disk)
    memory.partial_fit(X, 2)  # resuming, also across save and load
    disk.save(tmp_path / "m.npz")
    disk = gl.GloVe.load(tmp_path / "m.npz")
    disk.partial_fit(M, 2)
    assert_same_model(memory, disk)
    # control: another seed's blocks give other vectors (and say so)
    other = gl.GloVe(**{**params, "random_state": 8})
    with pytest.warns(UserWarning, match="other word blocks"):
        other.fit(M)
    assert not np.array_equal(other.W_, gl.GloVe(**{**params, "random_state": 8}).fit(X).W_)


def test_fit_from_disk_reports_progress_and_catches_divergence(tmp_path, capsys):
    X = gl.count_cooccurrences(zipf_docs(), 400, 6)
    model = gl.GloVe(vector_size=8, epochs=2, random_state=0, verbose=True)
    M = ondisk.write_matrix(X, tmp_path / "x", model.word_blocks(400))
    model.fit(M)
    assert "2/2" in capsys.readouterr().err
    wild = gl.GloVe(vector_size=8, epochs=3, random_state=0, learning_rate=1e4, grad_clip=1e30)
    with pytest.raises(FloatingPointError, match="diverged"):
        wild.fit(ondisk.write_matrix(X, tmp_path / "x", wild.word_blocks(400)))
    assert not hasattr(wild, "W_")
    with pytest.raises(FloatingPointError, match="diverged"):  # the same check in memory
        gl.GloVe(vector_size=8, epochs=3, random_state=0, learning_rate=1e4,
                 grad_clip=1e30).fit(X)


def test_bad_uses_are_clear_errors(tmp_path):
    X = gl.count_cooccurrences(zipf_docs(), 400, 4)
    M = ondisk.write_matrix(X, tmp_path / "x", gl.GloVe(n_blocks=4).word_blocks(400))
    with pytest.raises(ValueError, match="n_blocks=5 cannot train it"):
        gl.GloVe(n_blocks=5).fit(M)
    with pytest.raises(ValueError, match="schedule='blocked' only"):
        gl.GloVe(schedule="shuffle").fit(M)
    with pytest.raises(ValueError, match="needs word_blocks"):
        gl.count_cooccurrences(zipf_docs(), 400, 4, out=tmp_path / "y")
    with pytest.raises(ValueError, match="one per word"):
        gl.count_cooccurrences(zipf_docs(), 400, 4, out=tmp_path / "y", word_blocks=[0, 1])
    with pytest.raises(ValueError, match="not a blocked matrix"):
        ondisk.BlockedMatrix(tmp_path)
    with open(tmp_path / "x" / "entries.bin", "r+b") as f:  # cut short
        f.truncate(100)
    with pytest.raises(ValueError, match="cut short"):
        ondisk.BlockedMatrix(tmp_path / "x")


def test_a_full_disk_names_the_file_and_stage_and_leaves_nothing(tmp_path, monkeypatch):
    X = gl.count_cooccurrences(zipf_docs(), 400, 4)
    blocks = gl.GloVe(n_blocks=4).word_blocks(400)
    real = np.ndarray.tofile
    calls = {"n": 0}

    def tofile(array, f):
        calls["n"] += 1
        if calls["n"] > 3:  # the disk fills up part-way
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(array, f)

    for batch in (100, 10**6):  # while bucketing, and while writing the sorted blocks
        calls["n"] = 0
        with monkeypatch.context() as m:
            m.setattr(ondisk, "_tofile", tofile)
            with pytest.raises(OSError, match="no space left on device while") as info:
                ondisk.write_matrix(X, tmp_path / "x", blocks, batch_entries=batch)
        assert "x" in str(info.value) and info.value.errno == errno.ENOSPC
        assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------ peak memory, in subprocesses

_PEAK = textwrap.dedent("""
    import sys
    import warnings
    import numpy as np
    import glovelib as gl
    from glovelib.cooccur import ondisk

    def peak_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

    warnings.simplefilter("ignore")  # the small warm-up matrix has blocks of its own
    folder, mode = sys.argv[1], sys.argv[2]
    M = ondisk.BlockedMatrix(folder)
    params = dict(vector_size=8, epochs=1, random_state=0)
    gl.GloVe(**params).fit(ondisk.BlockedMatrix(folder + ".small"))  # compile the kernels
    X = M.to_csr() if mode == "memory" else None  # loaded before the measure
    if mode == "memory":
        gl.GloVe(**params).fit(ondisk.BlockedMatrix(folder + ".small").to_csr())
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak (VmHWM) to the current resident size
    base = peak_mb()
    model = gl.GloVe(**params)
    model.disk_batch_bytes = 2 << 20
    model.fit(M if mode == "disk" else X)
    print(peak_mb() - base, M.nbytes / 2**20)
""")


@pytest.mark.slow
def test_peak_memory_of_a_fit_from_disk_stays_within_its_budget(tmp_path):
    if not os.access("/proc/self/clear_refs", os.W_OK):
        pytest.skip("needs Linux's /proc/self/clear_refs to reset the peak resident size")
    rng = np.random.default_rng(0)
    V, nnz = 4000, 4_000_000
    flat = np.unique(rng.integers(0, V * V, size=nnz))
    X = sp.csr_matrix((rng.uniform(1, 50, len(flat)), (flat // V, flat % V)), shape=(V, V))
    blocks = gl.GloVe(vector_size=8, random_state=0).word_blocks(V)
    ondisk.write_matrix(X, tmp_path / "x", blocks)
    ondisk.write_matrix(X[:50, :50], tmp_path / "x.small", blocks[:50] % 2)
    script = tmp_path / "peak.py"
    script.write_text(_PEAK)
    env = {**os.environ, "NUMBA_NUM_THREADS": "1"}
    got = {}
    for mode in ("disk", "memory"):
        out = subprocess.run([sys.executable, str(script), str(tmp_path / "x"), mode],
                             capture_output=True, text=True, env=env, check=True).stdout
        got[mode], file_mb = map(float, out.split())
    # the budget: 2 MB of entries, one block mapped (~0.6 MB), the parameters (~1 MB with their
    # sums and the epoch's copy), and 10 MB for what the interpreter and allocator hold
    budget = 2 + 0.6 + fit_memory(V, 8) / 2**20 + 10
    assert file_mb > 3 * budget  # a matrix several times the budget
    assert got["disk"] < budget, got
    assert got["memory"] > budget, got  # control: the same fit in memory holds its entries


_COUNT_PEAK = textwrap.dedent("""
    import sys
    import numpy as np
    import glovelib as gl

    def peak_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

    def docs():  # a corpus streamed, never held: 1.2M tokens of a Zipf law over 20,000 words
        rng = np.random.default_rng(0)
        for _ in range(600):
            yield ((rng.zipf(1.2, size=2000) - 1) % 20_000).astype(np.int32)

    folder, mode = sys.argv[1], sys.argv[2]
    gl.count_cooccurrences([np.arange(3, dtype=np.int32)], 3)  # load the kernels
    blocks = gl.GloVe(vector_size=8, random_state=0).word_blocks(20_000)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    base = peak_mb()
    if mode == "disk":
        M = gl.count_cooccurrences(docs(), 20_000, 10, max_memory="8MB", out=folder,
                                   word_blocks=blocks)
        nbytes = M.nbytes
    else:
        X = gl.count_cooccurrences(docs(), 20_000, 10)
        nbytes = 16 * X.nnz
    print(peak_mb() - base, nbytes / 2**20)
""")


@pytest.mark.slow
def test_peak_memory_of_counting_to_disk_stays_within_max_memory(tmp_path):
    if not os.access("/proc/self/clear_refs", os.W_OK):
        pytest.skip("needs Linux's /proc/self/clear_refs to reset the peak resident size")
    script = tmp_path / "count.py"
    script.write_text(_COUNT_PEAK)
    env = {**os.environ, "NUMBA_NUM_THREADS": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
    got = {}
    for mode in ("disk", "memory"):
        out = subprocess.run([sys.executable, str(script), str(tmp_path / "x"), mode],
                             capture_output=True, text=True, env=env, check=True).stdout
        got[mode], file_mb = map(float, out.split())
    # max_memory, plus one block being sorted (48 bytes an entry) and 8 MB for the interpreter
    bound = 8 + 48 * file_mb / 16 / 64 + 8
    assert file_mb > 3 * bound, (file_mb, got)  # the matrix is several times the budget
    assert got["disk"] < bound, got
    assert got["memory"] > bound, got  # control: counting in memory holds the matrix
