"""Every committed notebook is what its source in notebooks/_src/ builds, and opens clean.

The notebooks are generated (notebooks/build.py); an edit made in JupyterLab, or a source edited
without rebuilding, makes the two copies disagree.  These tests read files only (no kernel): fast.
"""

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("course_build", ROOT / "notebooks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SOURCES = build.sources()
NOTEBOOKS = [out for src in SOURCES for out, _, _ in build.targets(src)]


def test_every_source_builds_notebooks_and_every_notebook_has_a_source():
    assert len(SOURCES) >= 8
    committed = {p for p in (ROOT / "notebooks").rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts}
    assert committed == set(NOTEBOOKS), "notebooks without a source in notebooks/_src/, or " \
        "sources without their notebook: run python notebooks/build.py"


@pytest.mark.parametrize("src", SOURCES, ids=build.name_of)
def test_notebook_is_what_its_source_builds(src):
    problems = build.differences(src)
    assert not problems, "\n".join(problems) + (
        f"\nThe source is the truth: rebuild with  python notebooks/build.py {build.name_of(src)}"
        f"\n(or, for an edit made in JupyterLab to a lecture notebook, first"
        f"  python notebooks/build.py --pull {build.name_of(src)})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opening_in_jupyterlab_changes_nothing(path):
    """JupyterLab rewrites a kernelspec or language_info unlike its kernel's, and the file is
    marked changed; volatile metadata (execution timestamps, widget state) must not be stored."""
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"] == build.kernelspec()
    assert nb.metadata["kernelspec"]["display_name"] == "Python 3 (ipykernel)"
    info = nb.metadata["language_info"]
    assert info["name"] == "python" and info["version"].startswith("3.")
    assert "codemirror_mode" in info and "pygments_lexer" in info
    assert "widgets" not in nb.metadata
    assert all("execution" not in cell.metadata for cell in nb.cells)
    assert len({cell.id for cell in nb.cells}) == len(nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_errors_and_every_run_cell_kept_its_count(path):
    """Students open notebooks without red tracebacks; a cell stored without an execution count
    is never compared by nbval, so only the cells expected to raise may lack one."""
    nb = nbformat.read(path, as_version=4)
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert all(out.output_type != "error" for out in cell.outputs), f"{path.name} cell {k}"
        if build.RAISES in cell.metadata.get("tags", []):
            assert cell.execution_count is None and not cell.outputs, f"{path.name} cell {k}"
        else:
            assert cell.execution_count is not None, f"{path.name} cell {k} was not run"


def test_student_versions_hide_solutions_and_tag_the_cells_that_raise():
    src = SOURCES[0].parent / "exercises" / "hw1_objective.py"
    (_, solution), (_, student) = build.expected(src)
    student_code = "\n".join(c.source for c in student.cells)
    assert "### BEGIN SOLUTION" not in student_code and build.STUDENT_MARK not in student_code
    assert "np.where(x < x_max" in "\n".join(c.source for c in solution.cells)
    assert "np.where(x < x_max" not in student_code
    tagged = [c for c in student.cells if build.RAISES in c.metadata.get("tags", [])]
    assert tagged and all(c in tagged for c in student.cells
                          if c.cell_type == "code" and "NotImplementedError" in c.source)
    assert not any(build.RAISES in c.metadata.get("tags", []) for c in solution.cells)


def test_the_check_sees_a_hand_edit(tmp_path, monkeypatch):
    """An edit made in JupyterLab fails the check; --pull writes it back; the source then agrees."""
    src_dir, nb_dir = tmp_path / "_src", tmp_path
    src_dir.mkdir()
    src = src_dir / "09_demo.py"
    src.write_text("# %% [markdown]\n# # Demo\n#\n# Text.\n\n# %%\nx = 1\nprint(x)\n")
    monkeypatch.setattr(build, "SRC", src_dir)
    monkeypatch.setattr(build, "HERE", nb_dir)
    (out, nb), = build.expected(src)
    nbformat.write(nb, out)
    assert build.differences(src) == []
    nb.cells[1].source = "x = 2\nprint(x)"  # the instructor's fix, made in JupyterLab
    nbformat.write(nb, out)
    (problem,) = build.differences(src)
    assert "cell 1 differs" in problem
    assert build.pull("09_demo") == src
    assert "x = 2" in src.read_text() and build.differences(src) == []
    with pytest.raises(SystemExit, match="lecture notebook"):
        build.pull("exercises/hw1_objective")


@pytest.mark.parametrize("src", SOURCES, ids=build.name_of)
def test_pull_writes_back_what_build_reads(src):
    cells = build.parse(src.read_text(encoding="utf-8"))
    again = build.parse(build.unparse(cells))
    assert [(c.cell_type, c.source) for c in again] == [(c.cell_type, c.source) for c in cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_save_from_jupyterlab_writes_the_same_bytes(path, tmp_path):
    """JupyterLab saves through jupyter_server's contents manager: an unchanged notebook, saved,
    must be byte for byte the committed file (same JSON layout, cell ids, nbformat version)."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    manager = FileContentsManager(root_dir=str(tmp_path))
    manager.save(manager.get(path.name), path.name)
    assert copy.read_bytes() == path.read_bytes()


def test_one_kernel_environment_for_the_builder_and_the_suite():
    import os

    from glovelib import _kernel_env

    env = {"NUMBA_NUM_THREADS": "16", "HOME": "/home/x"}
    previous = _kernel_env.apply(env)
    assert env == {**_kernel_env.KERNEL_ENV, "HOME": "/home/x"}  # 16 threads overridden
    assert previous == {"PYTHONHASHSEED": "", "MPLBACKEND": "", "NUMBA_NUM_THREADS": "16"}
    assert env["PYTHONHASHSEED"] == "0" and env["NUMBA_NUM_THREADS"] == "2"
    assert all(os.environ[k] == v for k, v in _kernel_env.KERNEL_ENV.items())  # conftest.py
    assert "_kernel_env.apply()" in (ROOT / "notebooks" / "build.py").read_text()
