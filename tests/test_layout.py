"""The package's layout: a subpackage per stage (glovelib.corpus, glovelib.cooccur,
glovelib.train), and the short names the notebooks and homework use (``gl.reader``,
``gl.schedule``, ``gl.ondisk``, ...) still reaching the modules that moved into them."""

import importlib

import glovelib as gl


def test_every_short_name_reaches_its_module():
    for name, path in gl._MODULES.items():
        assert getattr(gl, name) is importlib.import_module(f"glovelib.{path}"), name


def test_the_reader_is_the_corpus_stage_s():
    from glovelib import reader

    assert reader is gl.reader is importlib.import_module("glovelib.corpus.reader")
    assert gl.corpus.reader is reader
    assert "reader" in dir(gl)
