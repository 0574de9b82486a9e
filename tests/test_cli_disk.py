"""The command line under --max-memory (the matrix on disk), and the edges of issue 23: a byte-order
mark in a vectors file, Ctrl-C inside a Numba call, a full disk, the --threads help."""

import errno
import os

import numpy as np
import pytest

import glovelib as gl
from glovelib import _io
from glovelib.__main__ import _parser, main
from glovelib.cooccur import ondisk
from glovelib.train.ondisk import fit_memory


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("corpus") / "c.txt"
    lines = [" ".join(f"w{k}" for k in rng.zipf(1.3, size=500) % 5000) for _ in range(800)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_train_under_a_budget_writes_the_vectors_of_memory(corpus, tmp_path, capsys):
    fit = ["--dim", "10", "--epochs", "2", "--min-count", "1", "--window", "15", "--quiet"]
    assert main(["train", str(corpus), "-o", str(tmp_path / "mem" / "x"), *fit]) == 0
    assert main(["train", str(corpus), "-o", str(tmp_path / "disk" / "x"), *fit,
                 "--max-memory", "4MB"]) == 0
    for name in ("x.txt", "x.vocab.txt"):
        assert (tmp_path / "disk" / name).read_bytes() == (tmp_path / "mem" / name).read_bytes()
    assert sorted(os.listdir(tmp_path / "disk")) == ["x.npz", "x.txt", "x.vocab.txt"]
    # step by step: cooccur to a blocked folder, glove from it == glove from the .npz
    vocab = str(tmp_path / "mem" / "x.vocab.txt")
    assert main(["cooccur", str(corpus), "--vocab", vocab, "-o", str(tmp_path / "b"),
                 "--window", "15", "--dim", "10", "--max-memory", "4MB", "--quiet"]) == 0
    assert main(["cooccur", str(corpus), "--vocab", vocab, "-o", str(tmp_path / "b.npz"),
                 "--window", "15", "--quiet"]) == 0
    M = ondisk.BlockedMatrix(tmp_path / "b")
    assert M.nbytes > 3 * (4 << 20)  # the matrix is larger than the budget
    glove = ["--vocab", vocab, "--dim", "10", "--epochs", "2"]
    assert main(["glove", str(tmp_path / "b"), "-o", str(tmp_path / "v1.txt"), *glove,
                 "--max-memory", "4MB"]) == 0
    assert main(["glove", str(tmp_path / "b.npz"), "-o", str(tmp_path / "v2.txt"), *glove]) == 0
    assert (tmp_path / "v1.txt").read_bytes() == (tmp_path / "v2.txt").read_bytes()
    capsys.readouterr()


def test_a_budget_that_cannot_hold_the_parameters_is_refused_first(corpus, tmp_path, capsys):
    code = main(["train", str(corpus), "-o", str(tmp_path / "x"), "--min-count", "1",
                 "--max-memory", "2MB", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot hold the parameters" in err
    V = len(set(corpus.read_text().split()))  # the vocabulary at min-count 1
    need = fit_memory(V, 50) / 2**20
    assert f"{need:,.1f} MB" in err  # the figure, from the vocabulary's size
    assert os.listdir(tmp_path) == []  # refused before writing or counting anything


def test_ctrl_c_inside_a_numba_call_is_interrupted_not_a_traceback(corpus, tmp_path, capsys,
                                                                    monkeypatch):
    def count(*args, **kwargs):  # what Numba's dispatcher raises when Ctrl-C lands inside it
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise SystemError("CPUDispatcher(<function _reduce_sorted>) returned a result "
                              "with an exception set") from exc

    monkeypatch.setattr(gl, "count_cooccurrences", count)
    assert main(["vocab", str(corpus), "-o", str(tmp_path / "v.txt"), "--min-count", "1"]) == 0
    code = main(["cooccur", str(corpus), "--vocab", str(tmp_path / "v.txt"), "-o",
                 str(tmp_path / "x.npz")])
    assert code == 130 and capsys.readouterr().err.endswith("glovelib: interrupted\n")
    assert sorted(os.listdir(tmp_path)) == ["v.txt"]

    def broken(*args, **kwargs):  # control: a SystemError of another cause still surfaces
        raise SystemError("something else")

    monkeypatch.setattr(gl, "count_cooccurrences", broken)
    with pytest.raises(SystemError):
        main(["cooccur", str(corpus), "--vocab", str(tmp_path / "v.txt"), "-o",
              str(tmp_path / "x.npz")])


def test_a_full_disk_names_the_file_and_the_stage(corpus, tmp_path, capsys, monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(_io.os, "fsync", fsync)
        code = main(["vocab", str(corpus), "-o", str(tmp_path / "v.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert "no space left on device while writing the vocabulary to" in err
    assert str(tmp_path / "v.txt") in err
    assert os.listdir(tmp_path) == []  # no partial file
    assert main(["vocab", str(corpus), "-o", str(tmp_path / "v.txt"), "--min-count", "1"]) == 0

    def tofile(array, f):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ondisk, "_tofile", tofile)
    code = main(["cooccur", str(corpus), "--vocab", str(tmp_path / "v.txt"), "-o",
                 str(tmp_path / "blocks")])
    err = capsys.readouterr().err
    assert code == 2 and "no space left on device while bucketing" in err
    assert str(tmp_path / "blocks") in err
    assert os.listdir(tmp_path) == ["v.txt"]  # no partial folder, no temporary runs


def test_threads_help_says_the_blocked_schedule_is_reproducible():
    train = next(a for a in _parser()._subparsers._group_actions[0].choices.items()
                 if a[0] == "train")[1]
    text = next(a.help for a in train._actions if "--threads" in a.option_strings)
    assert "hogwild" not in text and "not reproducible" not in text
    assert "same vectors for any number" in text


@pytest.mark.parametrize("header", [False, True])
def test_a_vectors_file_with_a_byte_order_mark_loads_its_first_word(tmp_path, header):
    path = tmp_path / "v.txt"
    body = "a 1.0 2.0\nb 3.0 4.0\n"
    path.write_bytes("\ufeff".encode() + (("2 2\n" if header else "") + body).encode())
    kv = gl.KeyedVectors.load_word2vec_format(path, no_header=not header)
    assert list(kv.index_to_key) == ["a", "b"]
    np.testing.assert_array_equal(kv["a"], [1.0, 2.0])


def test_files_written_atomically_get_the_permissions_open_would_give(tmp_path):
    """mkstemp makes its file 0600: a vectors file a student writes must not end up private."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        _io.atomic_write(tmp_path / "v.txt", b"a 1 2\n")
        with open(tmp_path / "plain.txt", "wb") as f:  # the independent truth: open()'s mode
            f.write(b"a 1 2\n")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "v.txt").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == 0o644
