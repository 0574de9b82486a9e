"""Fixtures shared by the test files, built once per test run (session scope).

The expensive one is the Wikipedia-sample pipeline at the reference demo's settings (min-count 5,
window 15, d 50, x-max 10, 15 epochs, seed 0): the command line's ``train`` runs it once, and the
command-line and evaluation tests all read its files.
"""

import contextlib
import io
from types import SimpleNamespace

import pytest

import glovelib as gl


@pytest.fixture(scope="session")
def wiki_path():
    return str(gl.datasets.wikipedia_sample().path)


@pytest.fixture(scope="session")
def wiki_run(tmp_path_factory, wiki_path):
    """``python -m glovelib train`` on the Wikipedia sample: its exit code, stdout and files."""
    from glovelib.__main__ import main

    prefix = tmp_path_factory.mktemp("wiki") / "wiki"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["train", wiki_path, "-o", str(prefix)])
    return SimpleNamespace(code=code, stdout=out.getvalue(), prefix=prefix,
                           vectors=prefix.with_name("wiki.txt"),
                           model=prefix.with_name("wiki.npz"),
                           vocab=prefix.with_name("wiki.vocab.txt"))


@pytest.fixture(scope="session")
def wiki_demo(wiki_run):
    """(model, KeyedVectors) of that run."""
    model = gl.GloVe.load(wiki_run.model)
    return model, model.to_keyed_vectors(gl.Vocabulary.load(wiki_run.vocab))
