"""Notebook 07's exercises on published GloVe vectors, run on a small GloVe-format file.

The tests never download anything: they write a 50-dimensional file in the GloVe text format
whose vectors are built so that each exercise has a known answer (two senses of *play*, an
antonym closer than a synonym, an analogy that works and one that fails, a gender direction),
then execute the cells of section 2 of ``notebooks/_src/07_pretrained_and_limits.py`` in a fresh
kernel with ``GLOVE_FILE`` pointing at it -- the code path a student takes with the real file.
"""

import importlib.util
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks" / "_src" / "07_pretrained_and_limits.py"


def _section_two() -> list:
    spec = importlib.util.spec_from_file_location("build", ROOT / "notebooks" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    cells = build.parse(SOURCE.read_text(encoding="utf-8"))
    start = next(i for i, c in enumerate(cells) if c.source.startswith("## 2."))
    stop = next(i for i, c in enumerate(cells) if i > start and "## 3." in c.source)
    return [c for c in cells[start:stop] if c.cell_type == "code"]


def _write_vectors(path: Path, two_senses: bool = True) -> Path:
    e = np.eye(50)
    g = e[0]  # the gender direction
    table = {
        "play": e[1] + (e[2] if two_senses else 0), "game": e[1] + 0.2 * e[10],
        "match": e[1] + 0.2 * e[11], "theatre": e[2] + 0.2 * e[12],
        "stage": e[2] + 0.2 * e[13],
        "early": e[3] + e[4], "late": e[3] + 0.9 * e[4] + 0.1 * e[6], "initial": e[4] + e[5],
        "man": g + e[7], "woman": -g + e[7], "king": g + e[8], "queen": -g + e[8],
        "he": g + e[9], "she": -g + e[9], "his": g + e[14], "her": -g + e[14],
        "father": g + e[15], "mother": -g + e[15],
        "france": e[16], "paris": e[16] + e[17], "italy": e[18], "rome": e[19],
        "milan": e[17] + e[18],
        "nurse": -0.5 * g + e[20], "engineer": 0.5 * g + e[21],
    }
    rng = np.random.default_rng(0)
    for k in range(12):  # more of the game sense: with one sense, they fill the neighbours
        table[f"twig{k}"] = e[1] + np.r_[np.zeros(25), rng.normal(size=25) / 5]
    for k in range(200):  # filler, far from every word above
        table[f"filler{k}"] = np.r_[np.zeros(25), rng.normal(size=25)]
    path.write_text("".join(f"{w} {' '.join(f'{x:.6f}' for x in v)}\n" for w, v in table.items()))
    return path


def _run(monkeypatch, tmp_path, glove_file) -> str:
    monkeypatch.setenv("GLOVELIB_DATA", str(tmp_path / "cache"))  # no real download found
    if glove_file is None:
        monkeypatch.delenv("GLOVE_FILE", raising=False)
    else:
        monkeypatch.setenv("GLOVE_FILE", str(glove_file))
    nb = nbformat.v4.new_notebook()
    nb.cells = _section_two()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("name") != "stderr", o.get("text")
            out.append(o.get("text", ""))
    return "".join(out)


@pytest.fixture(scope="module")
def cells():
    cells = _section_two()
    assert len(cells) >= 5  # the loader and the four exercises
    return cells


def test_exercises_on_a_generated_glove_file(cells, monkeypatch, tmp_path):
    out = _run(monkeypatch, tmp_path, _write_vectors(tmp_path / "glove-test.txt"))
    assert "loaded 237 words x 50 from glove-test.txt" in out
    assert "passed: play: game, match, twig" in out
    assert "(like game) and theatre, stage (like theatre)" in out
    assert "passed: cos(early, late) = 1.00 > cos(early, initial) = 0.50" in out
    assert "passed: he:his :: she:? -> her" in out
    assert "passed: france:paris :: italy:? -> milan (not rome)" in out
    assert "passed: the direction separates all 2 pairs" in out
    lines = dict(line.split(maxsplit=1) for line in out.splitlines()
                 if line.split()[:1] in (["nurse"], ["engineer"]))
    assert float(lines["nurse"]) < 0 < float(lines["engineer"])
    assert "not this one" not in out and str(tmp_path) not in out


def test_a_failed_pick_is_reported_not_raised(cells, monkeypatch, tmp_path):
    out = _run(monkeypatch, tmp_path, _write_vectors(tmp_path / "g.txt", two_senses=False))
    assert "not this one: play's 10 nearest words" in out
    assert "hold 0 word(s) of the sense of 'theatre'" in out
    assert "passed: he:his :: she:? -> her" in out  # the other exercises still run


def test_offline_the_exercises_run_on_the_courses_own_vectors(cells, monkeypatch, tmp_path):
    """No GLOVE_FILE and USE_6B = False: the vectors section 1 saved, wiki-glove.txt."""
    _write_vectors(tmp_path / "wiki-glove.txt")
    out = _run(monkeypatch, tmp_path, None)
    assert "loaded 237 words x 50 from wiki-glove.txt" in out
    assert "passed: he:his :: she:? -> her" in out


def test_without_any_file_the_loader_says_what_to_do(cells, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("GLOVELIB_DATA", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOVE_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    for use_6b in (False, True):  # the loader cell alone, in this process: no kernel needed
        scope = {}
        exec(cells[0].source.replace("USE_6B = False", f"USE_6B = {use_6b}"), scope)
        assert scope["pre"] is None
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("no vectors at wiki-glove.txt: run section 1 first")
    assert out[1].startswith("no vectors at the 6B path") and "download_glove" in out[1]
