"""Build the course notebooks from their sources and store their outputs.

The source of each notebook is a plain-text script in ``notebooks/_src/`` (percent format:
``# %%`` starts a code cell, ``# %% [markdown]`` a text cell whose lines start with ``# ``), which
reviews and diffs well.  This script turns each into ``notebooks/NN_topic.ipynb`` (or
``notebooks/exercises/...``), runs it top to bottom in a fresh kernel (environment:
``glovelib._kernel_env``, the same the test suite uses), and saves it with its outputs and
execution counts -- what students see and what nbval compares.  The suite fails when a committed
notebook is not what its source builds (``tests/test_notebooks_built.py``).

    python notebooks/build.py                   # every notebook
    python notebooks/build.py 03_counting       # the ones whose name contains this
    python notebooks/build.py --check           # report notebooks that differ from their source
    python notebooks/build.py --pull 03_counting  # copy a notebook edited in JupyterLab back
                                                  # into its source (lecture notebooks only)

Homework sources (``_src/exercises/*.py``) give two notebooks each: the solution
(``exercises/solutions/NAME.ipynb``) and the student version (``exercises/NAME.ipynb``), in which
every block between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
``raise NotImplementedError``.  Those cells, and cells marked ``# USES-STUDENT-CODE``, raise in
the student version: they carry the ``raises-exception`` tag (nbclient and nbval let them raise)
and are stored without outputs, so a student opens a clean notebook.  A code cell marked
``# SOLUTION-ONLY`` (the asserts that state the findings a student is asked to write) is left
out of the student version.  In a text cell, the same
markers enclose a model answer, which students see as "Your answer here".  jupytext is not used:
one homework source gives two notebooks, and pairing would let a save in JupyterLab rewrite a
source.

A code cell's header may carry tags, as in jupytext: ``# %% tags=["reveal"]``.  The built notebook
keeps every output; the student's copy (``python -m glovelib notebooks``, :mod:`glovelib.course`)
hides what would answer a prompt before the student has run the cell: a ``reveal`` cell (the cell
that answers a "Predict, then run" or pencil question) is copied without its outputs and with its
asserts moved into a hidden cell below it; a ``check`` cell (only asserts) is copied with its
source hidden and no outputs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SRC = HERE / "_src"
STUDENT_MARK = "# USES-STUDENT-CODE"
SOLUTION_ONLY = "# SOLUTION-ONLY"
RAISES = "raises-exception"
TAGS = re.compile(r"\btags=(.*?)\s*$")


def header_tags(line: str) -> list[str]:
    """The tags of a ``# %%`` header line: ``# %% tags=["reveal"]`` -> ``["reveal"]``."""
    found = TAGS.search(line)
    if not found:
        return []
    try:
        tags = json.loads(found.group(1))
    except json.JSONDecodeError:
        tags = None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"cell header {line!r}: tags must be a JSON list of strings, "
                         'e.g. # %% tags=["reveal"]')
    return tags


def parse(text: str) -> list:
    """Percent-format script -> list of nbformat cells (ids numbered, so rebuilds diff well)."""
    cells, kind, lines, tags = [], None, [], []

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
        if tags and body:
            cells[-1].metadata["tags"] = list(tags)

    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
            tags = header_tags(line)
        else:
            lines.append(line)
    flush()
    for k, cell in enumerate(cells):
        cell.id = f"cell-{k:03d}"
    return cells


def unparse(cells: list) -> str:
    """Cells -> percent-format script; ``parse(unparse(cells))`` gives the same cells back."""
    parts = []
    for cell in cells:
        if cell.cell_type == "markdown":
            body = "\n".join(f"# {line}" if line else "#" for line in cell.source.splitlines())
            parts.append(f"# %% [markdown]\n{body}\n")
        elif cell.cell_type == "code" and cell.source.strip():
            tags = [t for t in cell.metadata.get("tags", []) if t != RAISES]
            header = f"# %% tags={json.dumps(tags)}" if tags else "# %%"
            parts.append(f"{header}\n{cell.source.strip(chr(10))}\n")
    return "\n".join(parts)


def student_version(cells: list) -> list:
    """Replace solution blocks by NotImplementedError; tag the cells that will raise."""
    out = []
    for cell in cells:
        cell = nbformat.from_dict(cell)
        if cell.cell_type == "code" and SOLUTION_ONLY in cell.source.splitlines():
            continue
        if cell.cell_type == "markdown" and "### BEGIN SOLUTION" in cell.source:
            cell.source = re.sub(r"### BEGIN SOLUTION\n.*?### END SOLUTION", "*Your answer here.*",
                                 cell.source, flags=re.S)  # a model answer in the text
        if cell.cell_type == "code":
            kept, skipping, raises = [], False, False
            for line in cell.source.splitlines():
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
            if raises:
                cell.metadata["tags"] = [*cell.metadata.get("tags", []), RAISES]
            cell.source = "\n".join(kept)
        out.append(cell)
    return out


def solution_version(cells: list) -> list:
    marks = {"### BEGIN SOLUTION", "### END SOLUTION", STUDENT_MARK, SOLUTION_ONLY}
    for cell in cells:
        cell.source = "\n".join(line for line in cell.source.splitlines()
                                if line.strip() not in marks)
    return cells


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def name_of(src: Path) -> str:
    """The name ``build.py NAME`` takes: ``03_counting``, ``exercises/hw1_objective``."""
    return src.relative_to(SRC).with_suffix("").as_posix()


def targets(src: Path) -> list[tuple[Path, Callable, str]]:
    """(notebook, transform of the parsed cells, version) for each notebook ``src`` builds."""
    rel = src.relative_to(SRC).with_suffix(".ipynb")
    if rel.parts[0] == "exercises":
        return [(HERE / "exercises" / "solutions" / rel.name, solution_version, "solution"),
                (HERE / "exercises" / rel.name, student_version, "student")]
    return [(HERE / rel, lambda cells: cells, "lecture")]


def kernelspec() -> dict:
    """The kernelspec JupyterLab writes for this environment's kernel ("Python 3 (ipykernel)")."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {"display_name": spec.display_name, "language": spec.language, "name": "python3"}


def course_metadata(src: Path, version: str) -> dict:
    """What a built notebook records about where it comes from."""
    return {"source": f"notebooks/_src/{src.relative_to(SRC).as_posix()}", "version": version,
            "rebuild": f"python notebooks/build.py {name_of(src)}"}


def expected(src: Path) -> list[tuple[Path, nbformat.NotebookNode]]:
    """The notebooks ``src`` builds, before execution (cells and metadata, no outputs)."""
    text = src.read_text(encoding="utf-8")
    result = []
    for out, transform, version in targets(src):
        nb = nbformat.v4.new_notebook()
        nb.cells = transform(parse(text))
        nb.metadata["kernelspec"] = kernelspec()
        nb.metadata["course"] = course_metadata(src, version)
        result.append((out, nb))
    return result


def run(nb: nbformat.NotebookNode, out: Path) -> float:
    """Execute ``nb`` in a fresh kernel in the course's environment; write it atomically."""
    from nbclient import NotebookClient

    from glovelib import _kernel_env

    _kernel_env.apply()
    out.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(out.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps: volatile
        if RAISES in cell.metadata.get("tags", []):  # no red traceback for the student
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    tmp = out.with_suffix(".ipynb.tmp")
    nbformat.write(nb, tmp)
    tmp.replace(out)
    return time.perf_counter() - t


def differences(src: Path) -> list[str]:
    """One line per notebook of ``src`` that is not what ``src`` builds (cells, tags, origin)."""
    problems = []
    for out, want in expected(src):
        rel = out.relative_to(HERE.parent)
        if not out.exists():
            problems.append(f"{rel}: missing")
            continue
        got = nbformat.read(out, as_version=4)
        if got.metadata.get("course") != want.metadata["course"]:
            problems.append(f"{rel}: metadata 'course' is {got.metadata.get('course')}, "
                            f"expected {want.metadata['course']}")
        if got.metadata.get("kernelspec") != want.metadata["kernelspec"]:
            problems.append(f"{rel}: kernelspec {got.metadata.get('kernelspec')} is not "
                            f"this environment's {want.metadata['kernelspec']}")
        shape = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in got.cells]
        built = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in want.cells]
        if shape != built:
            k = next((k for k, (a, b) in enumerate(zip(shape, built, strict=False)) if a != b),
                     min(len(shape), len(built)))
            problems.append(f"{rel}: cell {k} differs from its source "
                            f"({len(shape)} cells stored, {len(built)} built)")
    return problems


def pull(name: str) -> Path:
    """Write the cells of lecture notebook ``name`` (edited in JupyterLab) into its source."""
    src = SRC / f"{name}.py"
    if name.startswith("exercises") or not src.exists():
        raise SystemExit(f"build.py --pull: {name!r} is not a lecture notebook's name (one of "
                         f"{[name_of(s) for s in sources() if '/' not in name_of(s)]}); homework "
                         "sources hold both versions: edit notebooks/_src/exercises/ by hand")
    (out, _, _), = targets(src)
    text = unparse(nbformat.read(out, as_version=4).cells)
    tmp = src.with_suffix(".py.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(src)
    return src


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="build the sources whose name contains one")
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    parser.add_argument("--pull", metavar="NAME", help="notebook NAME -> its source, then stop")
    args = parser.parse_args(argv)
    if args.pull:
        print(f"wrote {pull(args.pull).relative_to(HERE.parent)}; review it with git diff, then "
              f"rebuild: python notebooks/build.py {args.pull}")
        return 0
    chosen = [s for s in sources() if not args.names or any(w in name_of(s) for w in args.names)]
    if args.check:
        problems = [p for s in chosen for p in differences(s)]
        print("\n".join(problems) or f"{len(chosen)} sources: every notebook is up to date")
        return 1 if problems else 0
    for src in chosen:
        total = sum(run(nb, out) for out, nb in expected(src))
        print(f"{name_of(src)}: {total:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
