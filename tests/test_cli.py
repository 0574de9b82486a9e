"""The command line: the whole pipeline on the Wikipedia sample, subcommands, user errors."""

import gzip
import subprocess
import sys

import numpy as np
import pytest
from gensim.models import KeyedVectors as GensimKV

import glovelib as gl
from glovelib.__main__ import main


@pytest.mark.slow
def test_train_whole_pipeline_on_the_wikipedia_sample(wiki_run):
    # wiki_run (tests/conftest.py): `train` on the Wikipedia sample, once per test run
    tmp_path = wiki_run.prefix.parent
    assert wiki_run.code == 0
    out = wiki_run.stdout
    assert "analogies (Google)" in out and "WordSim-353" in out
    kv = GensimKV.load_word2vec_format(str(tmp_path / "wiki.txt"), no_header=True)
    assert len(kv) == 9002 and kv.vector_size == 50
    ws = kv.evaluate_word_pairs(str(gl.datasets.wordsim353_path()))[1][0]
    score, _ = kv.evaluate_word_analogies(str(gl.datasets.analogy_questions_path()))
    # one seed of the blocked schedule: the reference's WordSim range, and analogies within one
    # seed's noise of its 2.1-2.8% (the 3-seed means >= 2.0% are in tests/test_schedule.py)
    assert ws >= 0.22 and score >= 0.018
    model = gl.GloVe.load(tmp_path / "wiki.npz")
    assert model.epochs_trained_ == 15
    assert gl.Vocabulary.load(tmp_path / "wiki.vocab.txt").words[:3] == ["the", "of", "and"]


def test_subcommands_step_by_step(tmp_path, capsys):
    corpus = tmp_path / "c.txt"
    corpus.write_text("\n".join(gl.datasets.toy_corpus() * 20) + "\n")
    vocab, cooc, vecs = tmp_path / "v.txt", tmp_path / "x.npz", tmp_path / "w.txt"
    assert main(["vocab", str(corpus), "-o", str(vocab), "--min-count", "2"]) == 0
    assert main(["cooccur", str(corpus), "--vocab", str(vocab), "-o", str(cooc),
                 "--window", "5", "--max-memory", "1MB"]) == 0
    assert main(["glove", str(cooc), "--vocab", str(vocab), "-o", str(vecs), "--dim", "8",
                 "--epochs", "3", "--model", str(tmp_path / "m.npz")]) == 0
    capsys.readouterr()
    assert main(["query", str(vecs), "ice", "--topn", "3"]) == 0
    assert main(["query", str(vecs), "--analogy", "man", "king", "woman", "--topn", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ice:") and len(out.splitlines()) == 4 + 2
    analogies = tmp_path / "q.txt"
    analogies.write_text(": royal\nman king woman queen\n")
    assert main(["evaluate", str(vecs), "--analogies", str(analogies)]) == 0
    assert "royal" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["train", "missing.txt", "-o", "out"], "not found"),
    (["vocab", "EMPTY", "-o", "v.txt"], "empty"),
    (["vocab", "TOY", "-o", "v.txt", "--min-count", "1000"], "min_count=1000"),
    (["query", "missing.txt", "king"], "not found"),
    (["train", "TOY", "-o", "TOY/x"], "cannot create output folder"),
])
def test_user_errors_are_one_line(tmp_path, argv, message, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "EMPTY").write_text("")
    (tmp_path / "TOY").write_text("\n".join(gl.datasets.toy_corpus()))
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("glovelib: error:") and message in err and "\n" not in err


@pytest.mark.slow
@pytest.mark.parametrize("flag", [["--window", "0"], ["--dim", "-3"], ["--x-max", "abc"],
                                  ["--epochs", "1.5"], ["--bogus"]])
def test_bad_flag_values_exit_non_zero_without_traceback(flag):
    res = subprocess.run([sys.executable, "-m", "glovelib", "train", "c.txt", "-o", "x", *flag],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "error:" in res.stderr


@pytest.mark.slow
def test_help_for_every_command():
    for cmd in ["train", "vocab", "cooccur", "glove", "evaluate", "query"]:
        res = subprocess.run([sys.executable, "-m", "glovelib", cmd, "--help"],
                             capture_output=True, text=True)
        assert res.returncode == 0 and "usage:" in res.stdout


def _toy_text() -> bytes:
    return ("\n".join(gl.datasets.toy_corpus() * 20) + "\n").encode()


@pytest.mark.parametrize("suffix, opener", [(".gz", "gzip"), (".bz2", "bz2")])
def test_damaged_compressed_corpus_is_one_line_and_status_2(tmp_path, capsys, suffix, opener):
    import importlib

    path = tmp_path / f"c{suffix}"
    with importlib.import_module(opener).open(path, "wb") as f:
        f.write(_toy_text() * 50)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])  # a download cut short
    vocab = tmp_path / "v.txt"
    for argv in (["train", str(path), "-o", str(tmp_path / "m"), "--quiet"],
                 ["vocab", str(path), "-o", str(vocab)]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("glovelib: error:") and "\n" not in err
        assert "damaged or cut short" in err and str(path) in err
    assert not vocab.exists() and not (tmp_path / "m.vocab.txt").exists()


def test_vocabulary_file_cut_short_and_corpus_ending_mid_line(tmp_path, capsys):
    corpus, vocab = tmp_path / "c.txt", tmp_path / "v.txt"
    corpus.write_bytes(_toy_text()[:-1])  # ends mid-line: valid, the last line is counted
    assert main(["vocab", str(corpus), "-o", str(vocab), "--min-count", "1"]) == 0
    counts = dict(line.split() for line in vocab.read_text().splitlines())
    expected = gl.Vocabulary.build([gl.tokenize(s) for s in gl.datasets.toy_corpus() * 20])
    assert {w: int(c) for w, c in counts.items()} == dict(
        zip(expected.words, expected.counts.tolist(), strict=True))
    text = vocab.read_text()
    vocab.write_text(text[: text.index("\n", len(text) // 2) + 4])  # cut inside a line
    capsys.readouterr()
    assert main(["cooccur", str(corpus), "--vocab", str(vocab), "-o",
                 str(tmp_path / "x.npz")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("glovelib: error:") and "\n" not in err and str(vocab) in err
    assert not (tmp_path / "x.npz").exists()
    packed = tmp_path / "v.txt.gz"  # a compressed vocabulary cut short
    packed.write_bytes(gzip.compress(text.encode() * 200)[:-40])
    assert main(["cooccur", str(corpus), "--vocab", str(packed), "-o",
                 str(tmp_path / "x.npz")]) == 2
    err = capsys.readouterr().err.strip()
    assert "damaged or cut short" in err and "\n" not in err


def test_binary_corpus_does_not_look_like_text(tmp_path, capsys):
    path = tmp_path / "random.bin"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 200_000, np.uint8).tobytes())
    assert main(["train", str(path), "-o", str(tmp_path / "m"), "--min-count", "1",
                 "--epochs", "1", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "this does not look like text" in err and "\n" not in err
    assert not (tmp_path / "m.txt").exists()


def test_progress_lines_with_verbose_none_with_quiet(tmp_path, capsys):
    corpus, vocab = tmp_path / "c.txt", tmp_path / "v.txt"
    corpus.write_bytes(_toy_text())
    assert main(["vocab", str(corpus), "-o", str(vocab), "--min-count", "1"]) == 0
    out = str(tmp_path / "x.npz")
    assert main(["cooccur", str(corpus), "--vocab", str(vocab), "-o", out, "--verbose"]) == 0
    assert "cooccur: counted" in capsys.readouterr().err
    assert main(["cooccur", str(corpus), "--vocab", str(vocab), "-o", out, "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "counted" not in err and "wrote" in err


def test_train_prints_where_its_time_went(tmp_path, capsys):
    corpus = tmp_path / "c.txt"
    corpus.write_bytes(_toy_text())
    assert main(["train", str(corpus), "-o", str(tmp_path / "m"), "--min-count", "1",
                 "--dim", "4", "--epochs", "2", "--quiet"]) == 0
    stages = capsys.readouterr().err.splitlines()[-1]
    assert stages.startswith("time: read + tokenize") and "count" in stages
    assert "train" in stages and "total" in stages
