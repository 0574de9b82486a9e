"""A student's own copies of the notebooks: all copied once, nothing of theirs overwritten."""

import json
from pathlib import Path

import pytest

from glovelib import course
from glovelib.__main__ import main


def test_copies_lectures_and_homework_and_keeps_the_students_files(tmp_path, capsys):
    dest = tmp_path / "mine"
    copied, kept = course.copy_notebooks(dest)
    names = sorted(p.as_posix() for p in copied)
    assert kept == [] and "00_welcome.ipynb" in names
    assert "exercises/hw1_objective.ipynb" in names
    assert not any("solution" in n for n in names)  # model answers only on request
    assert not any("_src" in n or n.endswith(".py") for n in names)  # the course, not its tooling
    for rel in copied:  # the student copy of the course's notebook: same cells, same code
        ours = json.loads((dest / rel).read_text(encoding="utf-8"))
        theirs = json.loads((course._COURSE / rel).read_text(encoding="utf-8"))
        assert ours == course.student_copy(theirs)
        assert sum("".join(c["source"]).count("assert") for c in ours["cells"]) == \
            sum("".join(c["source"]).count("assert") for c in theirs["cells"])
    work = dest / "02_objective.ipynb"
    work.write_text("the student's work")
    (dest / "00_welcome.ipynb").unlink()  # a student who wants the course's version back
    again, kept = course.copy_notebooks(dest)
    assert [p.as_posix() for p in again] == ["00_welcome.ipynb"]
    assert len(kept) == len(copied) - 1 and work.read_text() == "the student's work"
    assert not list(dest.rglob("*.tmp"))
    assert main(["notebooks", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "kept your" in out and work.read_text() == "the student's work"
    assert out.rstrip().endswith(f"{course.jupyter_command()} lab {dest}/")
    assert Path(course.jupyter_command()).exists()  # a command that works unactivated


def test_bad_destination_or_course(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="not a folder"):
        course.copy_notebooks(tmp_path / "file")
    with pytest.raises(FileNotFoundError, match="pip install -e"):
        course.copy_notebooks(tmp_path / "d", course=tmp_path / "nowhere")
