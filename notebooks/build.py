"""Build the course notebooks from their sources and store their outputs.

The source of each notebook is a plain-text script in ``notebooks/_src/`` (percent format:
``# %%`` starts a code cell, ``# %% [markdown]`` a text cell whose lines start with ``# ``), which
reviews and diffs well.  This script turns each into ``notebooks/NN_topic.ipynb`` (or
``notebooks/exercises/...``), runs it top to bottom in a fresh kernel, and saves it with its
outputs and execution counts -- what students see and what nbval compares.  Never edit the
.ipynb files by hand; edit the source and rebuild:

    python notebooks/build.py                 # every notebook
    python notebooks/build.py 03_counting     # the ones whose name contains this

Homework sources (``_src/exercises/*.py``) give two notebooks each: the solution
(``exercises/solutions/NAME.ipynb``) and the student version (``exercises/NAME.ipynb``), in which
every block between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
``raise NotImplementedError``.  Those cells, and cells marked ``# USES-STUDENT-CODE``, are
expected to raise in the student version (the ``raises-exception`` tag, which nbval honours).
In a text cell, the same markers enclose a model answer, which students see as "Your answer here".
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
SRC = HERE / "_src"


def parse(text: str) -> list:
    """Percent-format script -> list of nbformat cells."""
    cells, kind, lines = [], None, []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#")
                             for line in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(body))
        elif body:
            cells.append(nbformat.v4.new_code_cell(body))

    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        else:
            lines.append(line)
    flush()
    return cells


STUDENT_MARK = "# USES-STUDENT-CODE"


def student_version(cells: list) -> list:
    """Replace solution blocks by NotImplementedError; mark the cells that will raise."""
    out = []
    for cell in cells:
        cell = nbformat.from_dict(cell)
        if cell.cell_type == "markdown" and "### BEGIN SOLUTION" in cell.source:
            cell.source = re.sub(r"### BEGIN SOLUTION\n.*?### END SOLUTION", "*Your answer here.*",
                                 cell.source, flags=re.S)  # a model answer in the text
        if cell.cell_type == "code":
            lines, kept, skipping, raises = cell.source.splitlines(), [], False, False
            for line in lines:
                stripped = line.strip()
                if stripped == "### BEGIN SOLUTION":
                    indent = line[: len(line) - len(line.lstrip())]
                    kept.append(f'{indent}raise NotImplementedError("your code here")')
                    skipping = raises = True
                elif stripped == "### END SOLUTION":
                    skipping = False
                elif stripped == STUDENT_MARK:
                    raises = True
                elif not skipping:
                    kept.append(line)
            if raises:  # honoured by nbclient and by nbval (as NBVAL_RAISES_EXCEPTION)
                cell.metadata["tags"] = ["raises-exception"]
            cell.source = "\n".join(kept)
        out.append(cell)
    return out


def solution_version(cells: list) -> list:
    marks = {"### BEGIN SOLUTION", "### END SOLUTION", STUDENT_MARK}
    for cell in cells:
        cell.source = "\n".join(line for line in cell.source.splitlines()
                                if line.strip() not in marks)
    return cells


def targets(src: Path) -> list[tuple[Path, object]]:
    rel = src.relative_to(SRC).with_suffix(".ipynb")
    if rel.parts[0] == "exercises":
        return [(HERE / "exercises" / "solutions" / rel.name, solution_version),
                (HERE / "exercises" / rel.name, student_version)]
    return [(HERE / rel, lambda cells: cells)]


def build(src: Path) -> float:
    total = 0.0
    for out, transform in targets(src):
        total += run(transform(parse(src.read_text(encoding="utf-8"))), out)
    return total


def run(cells: list, out: Path) -> float:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    out.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(out.parent)}}).execute()
    for cell in nb.cells:  # keep outputs, drop volatile metadata
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, out)
    return time.perf_counter() - t


def main() -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    wanted = sys.argv[1:]
    sources = sorted(SRC.rglob("*.py"))
    for src in sources:
        name = str(src.relative_to(SRC))
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"{name}: {build(src):.1f}s", flush=True)


if __name__ == "__main__":
    main()
