"""The student's folder works like a student works: notebooks open side by side, no scratch file
shared, no housekeeping cell, short cells, progress where a notebook user looks for it."""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glovelib import _progress, course, planted

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("course_build", ROOT / "notebooks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

FILE_NAME = re.compile(r"""["']([\w.-]+\.(?:txt|npz|npy|csv|json|bin|gz|zip|png|vec))["']""")


def code_cells(src: Path) -> list[str]:
    return [c.source for c in build.parse(src.read_text(encoding="utf-8"))
            if c.cell_type == "code"]


def test_no_two_notebooks_name_the_same_file():
    """A file name written in the code of two notebooks is a file two notebooks open at once
    can break for each other (05 + 08 did, through planted-questions.txt)."""
    owners: dict[str, set[str]] = {}
    for src in build.sources():
        for source in code_cells(src):
            for name in FILE_NAME.findall(source):
                owners.setdefault(name, set()).add(build.name_of(src))
    shared = {name: sorted(who) for name, who in owners.items() if len(who) > 1}
    assert not shared, f"files named in several notebooks: {shared}"
    assert "wiki-glove.txt" in owners  # the scan sees the files a notebook does write


def test_no_housekeeping_cell_left_for_the_student():
    for src in build.sources():
        for source in code_cells(src):
            assert not re.search(r"\bos\.remove\(|\.unlink\(|shutil\.rmtree\(", source), \
                f"{build.name_of(src)}: a clean-up cell the student sees:\n{source}"


def test_lecture_code_cells_are_short():
    for src in build.sources():
        if "/" in build.name_of(src):
            continue  # homework: its cells are tasks, split by the tasks
        for k, source in enumerate(code_cells(src)):
            assert len(source.splitlines()) <= 15, f"{build.name_of(src)}: code cell {k}"


def test_scratch_questions_are_per_process_and_removed_at_exit(tmp_path):
    """Two processes writing the planted questions at once get two files, each gone when its
    process ends; the default is never the working folder."""
    code = ("import sys, time; from glovelib import datasets\n"
            "world = datasets.planted_corpus(n_sentences=300, seed=0)\n"
            "p = world.write_questions(); print(p, flush=True); sys.stdin.readline()\n"
            "assert p.read_text().startswith(': ')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE) for _ in range(2)]
    paths = [Path(p.stdout.readline().strip()) for p in procs]  # both alive, files written
    assert paths[0] != paths[1] and all(p.is_file() for p in paths)
    assert not list(tmp_path.iterdir())  # nothing in the folder the notebooks run in
    for p in procs:
        p.communicate("\n", timeout=60)
        assert p.returncode == 0
    assert not any(p.exists() or p.parent.exists() for p in paths)
    world = planted.planted_corpus(n_sentences=300, seed=0)
    assert world.write_questions(tmp_path / "q.txt") == tmp_path / "q.txt"  # a path still works


def test_a_missing_questions_file_is_not_called_a_corpus_file(tmp_path):
    from glovelib import evaluate

    with pytest.raises(FileNotFoundError, match="^analogy questions file not found: ") as err:
        evaluate.read_analogies(tmp_path / "planted-questions.txt")
    assert "corpus" not in str(err.value)


def test_progress_in_a_notebook_is_not_on_stderr(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "in_notebook", lambda: True)
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # not installed: the text bar
    bar = _progress.Progress(3, enabled=True, desc="Word2Vec")
    for epoch in range(3):
        bar.update(epoch, 0.5)
    bar.close()
    out, err = capsys.readouterr()
    assert "Word2Vec" in out and "3/3" in out and err == ""
    monkeypatch.setattr(_progress, "in_notebook", lambda: False)  # a terminal: stderr, as before
    bar = _progress.Progress(2, enabled=True)
    bar.update(1)
    bar.close()
    out, err = capsys.readouterr()
    assert out == "" and "1/2" in err


def test_built_notebooks_store_nothing_on_stderr():
    """Run in a real kernel by build.py: the progress bars of 04 and 06 came out on stdout."""
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for k, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                assert out.get("name") != "stderr", f"{path.name} cell {k}: {out.get('text')}"


RUN = """import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
"""


@pytest.mark.slow
def test_two_notebooks_at_once_in_one_folder(tmp_path):
    """The same notebook twice at the same moment in the student's folder: the worst case for a
    shared scratch file (each would delete or overwrite the other's).  Both run to the end."""
    course.copy_notebooks(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-c", RUN, str(tmp_path / "00_welcome.ipynb"),
                               str(tmp_path)], cwd=tmp_path, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
             for _ in range(2)]
    for p in procs:
        out, _ = p.communicate(timeout=600)
        assert p.returncode == 0, out[-2000:]
    left = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ipynb")
    assert left == ["exercises"], left  # no scratch file left behind
