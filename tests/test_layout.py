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


def test_the_names_notebooks_03_04_08_and_09_call():
    """What the notebooks (not edited with the move) reach through the old short names."""
    from glovelib import objective, ondisk, schedule, train
    from glovelib.train import ondisk as disk_training

    assert schedule is gl.train.schedule and gl.schedule.auto_blocks(9002, 50) == 8
    assert ondisk is gl.cooccur.ondisk and gl.ondisk.BlockedMatrix is ondisk.BlockedMatrix
    assert gl.ondisk.measure_fit is disk_training.measure_fit  # notebook 03
    assert gl.ondisk.fit_memory is disk_training.fit_memory
    assert {"measure_fit", "fit_memory"} <= set(dir(ondisk))
    assert callable(train.adagrad_epoch) and callable(objective.adagrad_epoch)  # notebook 04
    assert gl.train.entry_dtype("float32").itemsize == 16  # notebook 08
    assert gl.GloVe is train.GloVe and gl.count_cooccurrences is gl.cooccur.count_cooccurrences


def test_an_unknown_name_is_still_an_attribute_error():
    for module in (gl, gl.ondisk):
        assert not hasattr(module, "no_such")
