"""A student's own copies of the notebooks: all copied once, nothing of theirs overwritten."""

import pytest

from glovelib import course
from glovelib.__main__ import main


def test_copies_lectures_and_homework_and_keeps_the_students_files(tmp_path, capsys):
    dest = tmp_path / "mine"
    copied, kept = course.copy_notebooks(dest)
    names = sorted(p.as_posix() for p in copied)
    assert kept == [] and "00_welcome.ipynb" in names
    assert "exercises/hw1_objective.ipynb" in names
    assert "exercises/solutions/hw1_objective.ipynb" in names
    assert not any("_src" in n or n.endswith(".py") for n in names)  # the course, not its tooling
    for rel in copied:
        assert (dest / rel).read_bytes() == (course._COURSE / rel).read_bytes()
    work = dest / "02_objective.ipynb"
    work.write_text("the student's work")
    (dest / "00_welcome.ipynb").unlink()  # a student who wants the course's version back
    again, kept = course.copy_notebooks(dest)
    assert [p.as_posix() for p in again] == ["00_welcome.ipynb"]
    assert len(kept) == len(copied) - 1 and work.read_text() == "the student's work"
    assert not list(dest.rglob("*.tmp"))
    assert main(["notebooks", str(dest)]) == 0
    assert "kept your" in capsys.readouterr().out and work.read_text() == "the student's work"


def test_bad_destination_or_course(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="not a folder"):
        course.copy_notebooks(tmp_path / "file")
    with pytest.raises(FileNotFoundError, match="pip install -e"):
        course.copy_notebooks(tmp_path / "d", course=tmp_path / "nowhere")
