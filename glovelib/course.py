"""A student's own copies of the course notebooks, which survive the next course update.

The committed notebooks in ``notebooks/`` are generated (``notebooks/build.py``) and change with
each course update; a student who runs and edits them there gets conflicts on ``git pull``.
:func:`copy_notebooks` copies the lecture notebooks and the homework to a folder of the
student's (default ``my-notebooks/``, ignored by git) and never overwrites a file already there;
the model answers only on request, into ``solutions/`` under names that say so::

    python -m glovelib notebooks              # -> my-notebooks/
    python -m glovelib notebooks ~/glove      # anywhere else
    python -m glovelib notebooks --solutions  # also my-notebooks/solutions/hwN_*_solution.ipynb

The copy is not verbatim: a student must think before seeing an answer.  :func:`student_copy`
stores no output at all (a stored output further down would answer a prompt above it: the
student sees what they run, as in a homework notebook), moves the asserts of the cells that
answer a prompt (tagged ``reveal`` in the source) into a cell below whose source is hidden
(JupyterLab's ``jupyter.source_hidden``), hides the source of ``check`` cells and folds each
notebook's summary (it restates the answers); running a cell shows everything, and the committed
notebooks keep every output for nbval.

:func:`guess` lets the student type a prediction into the notebook and compares it with the
result when the cell runs.
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

__all__ = ["course_notebooks", "copy_notebooks", "student_copy", "guess", "REVEAL", "CHECK"]

REVEAL = "reveal"  # the cell that answers a prompt: its asserts go to a hidden cell
CHECK = "check"    # asserts, or code that states an answer: copied with source hidden

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


def solution_name(rel: Path) -> Path:
    """Where a solution goes in the student's folder: ``exercises/solutions/hw1_x.ipynb`` ->
    ``solutions/hw1_x_solution.ipynb`` (not beside the homework, and not under its name)."""
    return Path("solutions") / f"{rel.stem}_solution{rel.suffix}"


def _split_asserts(source: str) -> tuple[str, str]:
    """``source`` -> (the code without its top-level asserts, the asserts).

    Comment lines right above an assert go with it (they often state the answer).  Source that
    does not parse (an IPython magic) is returned whole, with no asserts taken out.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source, ""
    lines = source.splitlines()
    moved = set()
    for node in tree.body:
        if isinstance(node, ast.Assert):
            first = node.lineno - 1
            while first > 0 and lines[first - 1].lstrip().startswith("#") \
                    and not lines[first - 1].lstrip().startswith("# NBVAL"):
                first -= 1
            moved.update(range(first, node.end_lineno))
    kept = "\n".join(line for k, line in enumerate(lines) if k not in moved).rstrip("\n")
    return kept, "\n".join(lines[k] for k in sorted(moved))


def _hidden_check(source: str, cell_id: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "outputs": [],
            "source": source,
            "metadata": {"tags": [CHECK], "jupyter": {"source_hidden": True}}}


_SUMMARY = re.compile(r"^## Summary.*$", re.M)
SUMMARY_FOLD = ("<details><summary>Open once you have worked through the notebook: the summary "
                "states the answers to its questions</summary>")


def _fold_summary(source: str) -> str:
    """A markdown cell's ``## Summary`` section, folded: it restates the answers of the prompts
    above it, and a student scrolling down would read them before thinking."""
    found = _SUMMARY.search(source)
    if found is None:
        return source
    head, rest = source[: found.end()], source[found.end():]
    after = re.search(r"^## ", rest, re.M)  # the next section (the exercises) stays in view
    body, tail = (rest[: after.start()], rest[after.start():]) if after else (rest, "")
    folded = f"{head}\n\n{SUMMARY_FOLD}\n\n{body.strip(chr(10))}\n\n</details>"
    return folded + (f"\n\n{tail}" if tail else "")


def student_copy(nb: dict) -> dict:
    """The student's version of a built notebook (a JSON dict, as ``json.load`` gives it).

    * every code cell loses its stored outputs and execution count (the student sees what
      they run: a stored output further down would answer a prompt above it);
    * ``reveal`` cells' top-level asserts (and the comments above them) move to a new
      ``check`` cell right below, whose source is hidden;
    * ``check`` cells get ``metadata.jupyter.source_hidden``;
    * the ``## Summary`` section of a markdown cell is folded (it states the answers).

    Nothing else changes, so the copy runs exactly the code of the course's notebook.
    """
    out = copy.deepcopy(nb)
    cells = []
    for cell in out["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        elif cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = _fold_summary(text)
        if cell["cell_type"] != "code" or not ({REVEAL, CHECK} & set(tags)):
            cells.append(cell)
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if CHECK in tags:
            cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
            cells.append(cell)
            continue
        kept, asserts = _split_asserts(source)
        cell["source"] = kept
        cells.append(cell)
        if asserts:
            cells.append(_hidden_check(asserts, f"{cell.get('id', 'cell')}-check"))
    out["cells"] = cells
    return out


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_YES = {"true", "yes", "y", "same", "the same"}
_NO = {"false", "no", "n", "different", "not the same"}


def _words(text: str) -> list[str]:
    """Lowercase words of ``text``, quotes and punctuation dropped: ``' "Own country!"'`` ->
    ``["own", "country"]``."""
    return re.findall(r"[a-z0-9_.]+", text.lower().replace("-", " "))


def _matches(my_guess, answer) -> bool:
    """Whether the prediction ``my_guess`` says the same as ``answer`` (see :func:`guess`)."""
    if isinstance(answer, bool) or isinstance(answer, np.bool_):
        if isinstance(my_guess, str):
            said = " ".join(_words(my_guess))
            return said in (_YES if answer else _NO)
        return isinstance(my_guess, (bool, np.bool_)) and bool(my_guess) == bool(answer)
    if isinstance(answer, str):
        if not isinstance(my_guess, str):
            return False
        said, want = _words(my_guess), _words(answer)
        return bool(said) and set(said) <= set(want)  # "country" says "own country"
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return my_guess == answer
    if isinstance(my_guess, str):  # "about 50", "~50", "50ish"
        found = _NUMBER.findall(my_guess.replace(",", ""))
        if len(found) != 1:
            return False
        my_guess = found[0]
    if isinstance(my_guess, bool):
        return False
    try:
        return abs(float(my_guess) - value) <= max(0.05, 0.05 * abs(value))
    except (TypeError, ValueError):
        return False


def guess(my_guess, answer, what: str = "the answer") -> bool:
    """Compare the student's prediction with the result and say so in one line.

    ``my_guess`` is what the student typed before running the cell; ``None`` (nothing typed)
    prints only "type your prediction into my_guess first", never the answer, and returns
    False, so that a cell shows its figures only once there is a prediction to compare them
    with::

        if gl.course.guess(my_guess, answer, "the count"):
            print(...)  # the figures behind the answer

    Accepted forms:
    a number matches within 5% or 0.05, also inside text ("about 50"); a text answer matches
    when the guess's words are among the answer's, ignoring case, quotes and punctuation
    ("country" for "own country"); a True/False answer also takes "yes"/"no".  Never raises
    on a wrong guess: a prediction is for thinking, not for grading.  Returns whether a
    prediction was typed (right or wrong).
    """
    if my_guess is None or my_guess is ...:
        print("type your prediction into my_guess first, then run this cell again")
        return False
    right = _matches(my_guess, answer)
    shown = answer.item() if isinstance(answer, np.generic) else answer  # 3, not np.int64(3)
    verdict = "right" if right else f"not quite: {what} is {shown!r}"
    print(f"you predicted {my_guess!r}: {verdict}")
    return True


def _write_json(nb: dict, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(target)  # a half-written notebook never takes a real name


def copy_notebooks(dest: str | os.PathLike = "my-notebooks",
                   course: str | os.PathLike | None = None,
                   solutions: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy every course notebook missing from ``dest`` (its student copy); never touch a file
    already there.

    Parameters
    ----------
    dest : path, default "my-notebooks"
    course : path, optional
        The built notebooks (default the clone's ``notebooks/``).
    solutions : bool, default False
        Also copy the homework's model answers, to ``solutions/hwN_*_solution.ipynb``.

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
        if rel.parts[:2] == ("exercises", "solutions"):
            if not solutions:
                continue
            name = solution_name(rel)
        else:
            name = rel
        target = dest / name
        if target.exists():
            kept.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = json.loads((course / rel).read_text(encoding="utf-8"))
        _write_json(student_copy(nb), target)
        copied.append(name)
    return copied, kept


def _command(name: str) -> str:
    """Program ``name`` of this environment (beside this Python), as a path that works without
    activating the environment: relative to the current folder when under it."""
    exe = Path(sys.executable).parent / name
    try:
        rel = exe.relative_to(Path.cwd())
    except ValueError:
        return str(exe)
    return str(rel) if rel.parts[0].startswith(".") else f".{os.sep}{rel}"


def jupyter_command() -> str:
    """The command that starts JupyterLab from this environment, e.g. ``.venv/bin/jupyter``
    (``python -m jupyter`` when no ``jupyter`` script sits beside this Python)."""
    name = "jupyter.exe" if os.name == "nt" else "jupyter"
    if (Path(sys.executable).parent / name).exists():
        return _command(name)
    return f"{_command(Path(sys.executable).name)} -m jupyter"


def main(dest: str = "my-notebooks", solutions: bool = False) -> None:
    """``python -m glovelib notebooks [DEST] [--solutions]``: copy, then say what was copied and
    kept, and the command that opens the copy."""
    copied, kept = copy_notebooks(dest, solutions=solutions)
    for rel in copied:
        print(f"copied {Path(dest) / rel}")
    if kept:
        print(f"kept your {len(kept)} notebook(s) already in {dest}/ (delete or rename one to "
              "get the course's current version)")
    if not solutions:
        print(f"the homework's model answers (try first): {_command(Path(sys.executable).name)} "
              f"-m glovelib notebooks {dest} --solutions")
    print(f"open the course with:  {jupyter_command()} lab {dest}/")
