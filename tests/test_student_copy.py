"""The student's copy: no answer in view before its fold, and the copy still runs every check.

``python -m glovelib notebooks`` writes :func:`glovelib.course.student_copy` of each built
notebook.  The unit tests feed it a synthetic notebook (parsed by notebooks/build.py from a
percent-format source with tags, as the course's are); the last test reads the real student copy
of every lecture notebook (files only, no kernel: cheap).
"""

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from glovelib import course
from glovelib.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("course_build", ROOT / "notebooks" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SOURCE = '''# %% [markdown]
# **Predict, then run.** How many?
#
# <details><summary>Answer</summary>
# Three.
# </details>

# %% tags=["reveal"]
my_guess = None
n = len("abc")
print(n)
# the answer: three
assert n == 3, (
    "three letters")
print("after")

# %% tags=["check"]
assert n > 2

# %%
print("not a reveal")
'''


def built(source: str = SOURCE) -> dict:
    """The synthetic notebook as build.py stores it: cells parsed, then 'run' (outputs added)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = build.parse(source)
    for k, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = k + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="3\n")]
    return json.loads(nbformat.writes(nb))


def test_header_tags_round_trip_through_the_source():
    cells = build.parse(SOURCE)
    assert [c.metadata.get("tags", []) for c in cells] == [[], ["reveal"], ["check"], []]
    assert build.unparse(cells).splitlines()[7] == '# %% tags=["reveal"]'
    again = build.parse(build.unparse(cells))
    assert [(c.source, c.metadata.get("tags", [])) for c in again] == \
        [(c.source, c.metadata.get("tags", [])) for c in cells]
    with pytest.raises(ValueError, match="JSON list of strings"):
        build.parse('# %% tags=["reveal"\nx = 1\n')


def test_the_copy_stores_no_output_and_reveal_asserts_go_to_a_hidden_cell():
    nb = built()
    copy = course.student_copy(nb)
    assert nb["cells"][1]["outputs"], "the input is not changed"
    kinds = [(c["cell_type"], c["metadata"].get("tags", [])) for c in copy["cells"]]
    assert kinds == [("markdown", []), ("code", ["reveal"]), ("code", ["check"]),
                     ("code", ["check"]), ("code", [])]
    reveal, moved, check, plain = copy["cells"][1:]
    assert reveal["outputs"] == [] and reveal["execution_count"] is None
    assert reveal["source"] == 'my_guess = None\nn = len("abc")\nprint(n)\nprint("after")'
    assert moved["source"] == '# the answer: three\nassert n == 3, (\n    "three letters")'
    for cell in (moved, check):
        assert cell["metadata"]["jupyter"]["source_hidden"] is True and cell["outputs"] == []
    assert nb["cells"][3]["outputs"], "the input keeps its outputs"
    assert plain["outputs"] == [] and plain["execution_count"] is None, \
        "no stored output at all: one further down would answer a prompt above it"
    assert plain["source"] == nb["cells"][3]["source"]
    assert len({c["id"] for c in copy["cells"]}) == len(copy["cells"])
    nbformat.validate(nbformat.reads(json.dumps(copy), as_version=4))


def test_the_copy_still_runs_every_assert():
    """Executing the copy's cells in order fails exactly when the original fails."""
    for answer, fails in (("abc", False), ("ab", True)):
        nb = built(SOURCE.replace('"abc"', f'"{answer}"'))
        for version in (nb, course.student_copy(nb)):
            scope = {}
            code = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                             for c in version["cells"] if c["cell_type"] == "code")
            if fails:
                with pytest.raises(AssertionError):
                    exec(code, scope)
            else:
                exec(code, scope)


def test_guess_says_right_or_wrong_and_never_raises(capsys):
    said, typed = [], []
    for my_guess, answer in [(4, 4), (0.62, 0.6), (0.4, 0.6), (" Own country", "own country"),
                             ("four", 4), (None, 4), (..., "own country")]:
        typed.append(course.guess(my_guess, answer, "the window"))
        said.append(capsys.readouterr().out)
    # True once something is typed, right or wrong: the cell then shows its figures
    assert typed == [True] * 5 + [False] * 2
    assert said[0] == "you predicted 4: right\n"
    assert said[1].endswith(": right\n") and said[3].endswith(": right\n")
    assert said[2] == "you predicted 0.4: not quite: the window is 0.6\n"
    assert said[4].endswith("not quite: the window is 4\n")
    # no guess typed: the answer is not volunteered, whatever it is
    typed_nothing = "type your prediction into my_guess first, then run this cell again\n"
    assert said[5] == said[6] == typed_nothing


@pytest.mark.parametrize("my_guess, answer, right", [
    ("about 50", 48, True), ("~50", 48.0, True), ("50ish", np.int64(48), True), (50, 48, True),
    ("about 60", 48, False), ("6 or 20", 6, False), (True, 1, False),
    ("country", "own country", True), ("'Own country!'", "own country", True),
    ("capital", "own country", False), ("another capital", "own country", False), ("", "x", False),
    ("better", "better", True), ("worse", "better", False),
    (True, np.bool_(True), True), ("yes", True, True), ("no", True, False), (1, True, False),
])
def test_guess_accepts_the_stated_forms(capsys, my_guess, answer, right):
    course.guess(my_guess, answer, "it")
    out = capsys.readouterr().out
    assert out.endswith(": right\n") is right, out
    if not right:  # the answer as a student reads it (3, not np.int64(3))
        assert out.endswith(f"it is {answer.item() if hasattr(answer, 'item') else answer!r}\n")


def test_solutions_only_on_request_and_named_as_solutions(tmp_path):
    copied, _ = course.copy_notebooks(tmp_path / "a")
    names = {p.as_posix() for p in copied}
    assert "exercises/hw1_objective.ipynb" in names
    assert not any("solution" in n for n in names)
    copied, kept = course.copy_notebooks(tmp_path / "a", solutions=True)
    homework = sorted((ROOT / "notebooks" / "exercises").glob("*.ipynb"))
    want = {f"solutions/{p.stem}_solution.ipynb" for p in homework}
    assert {p.as_posix() for p in copied} == want
    assert len(kept) == len(names)
    solution = ROOT / "notebooks" / "exercises" / "solutions" / homework[0].name
    got = json.loads((tmp_path / "a" / f"solutions/{homework[0].stem}_solution.ipynb").read_text())
    assert got == course.student_copy(json.loads(solution.read_text()))
    assert main(["notebooks", str(tmp_path / "b"), "--solutions"]) == 0
    assert len(list((tmp_path / "b" / "solutions").glob("*_solution.ipynb"))) == len(homework)


# ------------------------------------------------------------------ the real student copy

PROMPT = re.compile(r"Predict, then run|\*\*Predict\*\*|[Pp]encil and paper|\*\*With pencil")


def answers_in_view(nb: dict) -> list[str]:
    """For each prompt (a text cell asking for a prediction, with its answer in a fold), what
    the student sees before running the next cells: stored outputs, or visible asserts."""
    problems = []
    cells = nb["cells"]
    for k, cell in enumerate(cells):
        text = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or not PROMPT.search(text) or "<details>" not in text:
            continue
        after = text.rsplit("</details>", 1)[-1]  # in view: the text under the fold
        if re.search(r"\b(answer|fold) above\b", after):
            problems.append(f"cell {k}: the text under the fold points into the answer")
        for j in range(k + 1, len(cells)):
            below = cells[j]
            if below["cell_type"] == "markdown":
                break
            hidden = below["metadata"].get("jupyter", {}).get("source_hidden", False)
            source = "".join(below["source"])
            if below["outputs"]:
                problems.append(f"cell {j} (below the prompt in cell {k}): stored output")
            if not hidden and re.search(r"^\s*assert\b|np\.testing\.assert", source, re.M):
                problems.append(f"cell {j} (below the prompt in cell {k}): visible assert")
    return problems


@pytest.fixture(scope="module")
def student_folder(tmp_path_factory):
    dest = tmp_path_factory.mktemp("my-notebooks")
    course.copy_notebooks(dest)
    return dest


LECTURES = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("name", LECTURES)
def test_no_answer_in_view_before_its_fold(student_folder, name):
    nb = json.loads((student_folder / name).read_text(encoding="utf-8"))
    assert sum(bool(PROMPT.search("".join(c["source"]))) for c in nb["cells"]) >= 1
    problems = answers_in_view(nb)
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", LECTURES)
def test_the_student_copy_stores_no_output(student_folder, name):
    """A stored output further down (a table, a plot) answers a prompt above it before the
    student runs anything: the copy holds code and text only, the course's copy everything."""
    course_nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in course_nb["cells"]), "the course's copy keeps them"
    nb = json.loads((student_folder / name).read_text(encoding="utf-8"))
    stored = [k for k, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not stored, f"{name}: cells {stored} store outputs in the student copy"


def test_a_prediction_cell_shows_nothing_but_the_prompt_until_a_guess_is_typed():
    """Every course cell with ``my_guess = None`` stores (so prints, as a student first runs it)
    the one line that asks for a prediction: its figures wait for the guess."""
    typed_nothing = "type your prediction into my_guess first, then run this cell again\n"
    seen = 0
    for rel in course.course_notebooks():
        nb = json.loads((ROOT / "notebooks" / rel).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] != "code" or not re.search(r"^my_guess = None", source, re.M):
                continue
            seen += 1
            shown = "".join("".join(o.get("text", "")) for o in cell["outputs"])
            assert shown == typed_nothing and len(cell["outputs"]) == 1, (rel, source[:80], shown)
    assert seen >= 7


SUMMARIZED = [n for n in LECTURES if "## Summary" in (ROOT / "notebooks" / n).read_text("utf-8")]


@pytest.mark.parametrize("name", SUMMARIZED)
def test_the_summary_is_folded_in_the_student_copy(student_folder, name):
    """Each lecture's summary restates the answers of its prompts: the student's copy folds it,
    the course's copy shows it; nothing else of the cell is lost."""
    def summary_cell(nb):
        found = [c for c in nb["cells"] if c["cell_type"] == "markdown"
                 and re.search(r"^## Summary", "".join(c["source"]), re.M)]
        assert len(found) == 1
        return "".join(found[0]["source"])

    course_text = summary_cell(json.loads((ROOT / "notebooks" / name).read_text("utf-8")))
    student = summary_cell(json.loads((student_folder / name).read_text(encoding="utf-8")))
    assert "<details>" not in course_text.split("## Summary", 1)[1].split("\n", 2)[1]
    after = student.split("## Summary", 1)[1]
    assert course.SUMMARY_FOLD in after
    folded, _, rest = after.partition("</details>")
    if re.search(r"^## ", course_text.split("## Summary", 1)[1], re.M):  # the exercises follow
        assert re.match(r"\s*## ", rest) and "## " not in folded  # ... outside the fold
    else:
        assert not rest.strip()
    words = re.findall(r"\w+", course_text)
    unfolded = student.replace(course.SUMMARY_FOLD, "").replace("</details>", "", 1)
    assert re.findall(r"\w+", unfolded) == words
    assert len(SUMMARIZED) >= 9  # all but 09, which ends on a real cluster's set-up
