"""A student's own copies of the course notebooks, which survive the next course update.

The committed notebooks in ``notebooks/`` are generated (``notebooks/build.py``) and change with
each course update; a student who runs and edits them there gets conflicts on ``git pull``.
:func:`copy_notebooks` copies the lecture notebooks and the homework (solutions in their own
subfolder) to a folder of the student's (default ``my-notebooks/``, ignored by git) and never
overwrites a file already there::

    python -m glovelib notebooks              # -> my-notebooks/
    python -m glovelib notebooks ~/glove      # anywhere else
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["course_notebooks", "copy_notebooks"]

_COURSE = Path(__file__).resolve().parent.parent / "notebooks"


def course_notebooks(course: str | os.PathLike | None = None) -> list[Path]:
    """The course's notebooks (relative to ``course``, default the clone's ``notebooks/``):
    ``NN_topic.ipynb``, ``exercises/hwN_*.ipynb`` and ``exercises/solutions/hwN_*.ipynb``."""
    course = Path(course) if course is not None else _COURSE
    if not course.is_dir():
        raise FileNotFoundError(f"no course notebooks at {course}: run this from a clone of the "
                                "course installed with 'pip install -e .' (requirements.txt)")
    found = [*course.glob("[0-9]*.ipynb"), *course.glob("exercises/*.ipynb"),
             *course.glob("exercises/solutions/*.ipynb")]
    return sorted(p.relative_to(course) for p in found)


def copy_notebooks(dest: str | os.PathLike = "my-notebooks",
                   course: str | os.PathLike | None = None) -> tuple[list[Path], list[Path]]:
    """Copy every course notebook missing from ``dest``; never touch a file already there.

    Returns
    -------
    (copied, kept) : lists of paths relative to ``dest``
        ``kept`` are the student's files, left as they were (delete or rename one to get the
        course's current version of it on the next call).
    """
    course = Path(course) if course is not None else _COURSE
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise NotADirectoryError(f"{dest} exists and is not a folder: choose another DEST")
    copied, kept = [], []
    for rel in course_notebooks(course):
        target = dest / rel
        if target.exists():
            kept.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(course / rel, tmp)
        tmp.replace(target)  # a half-copied notebook never takes a real name
        copied.append(rel)
    return copied, kept


def main(dest: str = "my-notebooks") -> None:
    """``python -m glovelib notebooks [DEST]``: copy, then say what was copied and kept."""
    copied, kept = copy_notebooks(dest)
    for rel in copied:
        print(f"copied {Path(dest) / rel}")
    if kept:
        print(f"kept your {len(kept)} notebook(s) already in {dest}/ (delete or rename one to "
              "get the course's current version)")
    print(f"open the course with:  jupyter lab {dest}/")
