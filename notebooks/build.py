"""Build the course notebooks from their sources and store their outputs.

The source of each notebook is a plain-text script in ``notebooks/_src/`` (percent format:
``# %%`` starts a code cell, ``# %% [markdown]`` a text cell whose lines start with ``# ``), which
reviews and diffs well.  This script turns each into ``notebooks/NN_topic.ipynb`` (or
``notebooks/exercises/...``), runs it top to bottom in a fresh kernel, and saves it with its
outputs and execution counts -- what students see and what nbval compares.  Never edit the
.ipynb files by hand; edit the source and rebuild:

    python notebooks/build.py                 # every notebook
    python notebooks/build.py 03_counting     # the ones whose name contains this
"""

from __future__ import annotations

import os
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


def target(src: Path) -> Path:
    rel = src.relative_to(SRC).with_suffix(".ipynb")
    return HERE / rel


def build(src: Path) -> float:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(src.read_text(encoding="utf-8"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    out = target(src)
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
