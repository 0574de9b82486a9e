"""The command line at its edges: which file was missing, output folders, damaged inputs."""

import gzip

import numpy as np
import pytest

import glovelib as gl
from glovelib.__main__ import main


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "TOY").write_text("\n".join(gl.datasets.toy_corpus() * 3) + "\n")
    (tmp_path / "EMPTY").write_text("")
    rng = np.random.default_rng(0)
    kv = gl.KeyedVectors(["king", "queen", "man", "woman"], rng.normal(size=(4, 5)))
    kv.save_word2vec_format(tmp_path / "vecs.txt", write_header=False)
    (tmp_path / "vocab.txt").write_text("ice 3\nwater 2\n")
    (tmp_path / "folder").mkdir()
    return tmp_path


def run(argv, capsys):
    status = main(argv)
    err = capsys.readouterr().err.strip()
    return status, err


@pytest.mark.parametrize("argv, message", [
    (["query", "missing.txt", "king"], "vectors file not found: missing.txt"),
    (["query", "folder", "king"], "expected a vectors file but got a directory: folder"),
    (["evaluate", "missing.txt"], "vectors file not found: missing.txt"),
    (["evaluate", "vecs.txt", "--analogies", "q.txt"], "analogy questions file not found: q.txt"),
    (["evaluate", "vecs.txt", "--pairs", "p.tsv"], "word-pair file not found: p.tsv"),
    (["train", "missing.txt", "-o", "out"], "corpus file not found: missing.txt"),
    (["vocab", "missing.txt", "-o", "v.txt"], "corpus file not found: missing.txt"),
    (["cooccur", "TOY", "--vocab", "nov.txt", "-o", "x.npz"],
     "vocabulary file not found: nov.txt"),
    (["glove", "x.npz", "--vocab", "vocab.txt", "-o", "w.txt"],
     "cooccurrence matrix (.npz) file not found: x.npz"),
    (["glove", "x.npz", "--vocab", "nov.txt", "-o", "w.txt"], "vocabulary file not found: nov.txt"),
])
def test_each_command_names_the_kind_of_file_it_expected(work, argv, message, capsys):
    status, err = run(argv, capsys)
    assert status == 2 and err == f"glovelib: error: {message}"


def test_train_creates_the_output_folder_like_mkdir_p(work, capsys):
    argv = ["train", "TOY", "-o", "out/deep/corpus", "--min-count", "1", "--dim", "4",
            "--epochs", "1", "--window", "2"]
    assert main(argv) == 0
    assert sorted(p.name for p in (work / "out" / "deep").iterdir()) == [
        "corpus.npz", "corpus.txt", "corpus.vocab.txt"]
    assert len(gl.KeyedVectors.load_word2vec_format(work / "out/deep/corpus.txt",
                                                    no_header=True)) > 20


def test_other_outputs_create_their_folders_too(work, capsys):
    assert main(["vocab", "TOY", "-o", "a/b/v.txt", "--min-count", "1"]) == 0
    assert gl.Vocabulary.load(work / "a/b/v.txt").words[0] == "the"


@pytest.mark.parametrize("output", ["TOY/corpus", "TOY/sub/corpus"])
def test_only_what_cannot_be_created_is_refused(work, output, capsys):
    status, err = run(["train", "TOY", "-o", output], capsys)
    assert status == 2 and err.startswith("glovelib: error: cannot create output folder TOY")
    assert "\n" not in err and (work / "TOY").is_file()


def test_a_failed_command_leaves_no_folder_behind(work, capsys):
    status, err = run(["vocab", "EMPTY", "-o", "new/sub/v.txt"], capsys)
    assert status == 2 and "empty" in err
    assert not (work / "new").exists()


def test_a_truncated_gz_vectors_file_is_one_line(work, capsys):
    data = gzip.compress((work / "vecs.txt").read_bytes())
    (work / "vecs.txt.gz").write_bytes(data[:len(data) // 2])
    status, err = run(["query", "vecs.txt.gz", "king"], capsys)
    assert status == 2 and err.startswith("glovelib: error: a damaged or truncated input file")
    assert "\n" not in err


def test_query_and_evaluate_still_answer(work, capsys):
    assert main(["query", "vecs.txt", "king", "--topn", "2"]) == 0
    assert main(["query", "vecs.txt", "--analogy", "man", "king", "woman", "--topn", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("queen\t")
    (work / "q.txt").write_text(": royal\nman king woman queen\n")
    assert main(["evaluate", "vecs.txt", "--analogies", "q.txt"]) == 0
    assert "royal" in capsys.readouterr().out
