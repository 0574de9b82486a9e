"""What every check shares: the failure (:class:`CheckFailed`, one line in Jupyter), the line
printed when a check passes, and how a student's function is called (refusing glovelib's own
answer, and saying "not written yet" for a task still at ``raise NotImplementedError``).
The wrong answers themselves are named in :mod:`glovelib._mistakes`."""

from __future__ import annotations

import ast
import inspect
import os
import sys
import types
from collections.abc import Callable

import numpy as np


class CheckFailed(AssertionError):
    """Your answer differs from the expected one; the message says where and names the likely
    mistake."""


def _show_in_ipython() -> None:
    """Show a CheckFailed in IPython/Jupyter as its message alone (one red line), and the
    ``raise NotImplementedError("your code here")`` of a task not written yet as one line
    naming the function (any other NotImplementedError keeps its traceback)."""
    if "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None or shell.custom_exceptions:
        return  # not in IPython, or someone else's handler: keep the default display

    def show(shell, etype, value, tb, tb_offset=None):
        # IPython 9 ignores what a handler returns: display it (as an error, so that "run all"
        # stops there, as it would on a traceback)
        if issubclass(etype, CheckFailed):
            shell._showtraceback(etype, value, [f"\x1b[0;31mCheckFailed\x1b[0m: {value}"])
        elif issubclass(etype, NameError) and (line := name_error_line(value, shell.user_ns)):
            shell._showtraceback(etype, value, [f"\x1b[0;31mNameError\x1b[0m: {line}"])
        elif str(value) == STUDENT_TODO:
            while tb.tb_next is not None:  # the frame that raised: the student's function
                tb = tb.tb_next
            shell._showtraceback(etype, value, [f"\x1b[0;31mNotImplementedError\x1b[0m: "
                                                f"{not_written(tb.tb_frame.f_code.co_name)}"])
        else:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    shell.set_custom_exc((CheckFailed, NotImplementedError, NameError), show)


# what notebooks/build.py puts in place of a solution in the student's version of a homework
STUDENT_TODO = "your code here"

# the task of each student function a check has called ("gradient_descent" -> "task 4")
_TASK_OF: dict[str, str] = {}


def unwritten(namespace: dict) -> list[str]:
    """The functions of ``namespace`` (a notebook's) still at ``raise NotImplementedError("your
    code here")``: the tasks not written yet."""
    return [name for name, value in namespace.items()
            if isinstance(value, types.FunctionType) and not name.startswith("_")
            and STUDENT_TODO in value.__code__.co_consts]


def _cells_defining(name: str, cells: list[str]) -> list[ast.AST]:
    """The parsed cells among ``cells`` (IPython's ``In``) that assign ``name``."""
    found = []
    for source in cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:  # a magic, or a cell that does not parse
            continue
        if any(isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
               for node in ast.walk(tree)):
            found.append(tree)
    return found


def name_error_line(error: NameError, namespace: dict) -> str | None:
    """The one line for a NameError in a homework: ``name`` is missing because the cell that
    assigns it ran and stopped at a task not written yet ("write task 4 first").  None for any
    other NameError (a typo, a cell not run): it keeps its traceback."""
    missing = getattr(error, "name", None)
    if not missing:
        return None
    used = {node.id for tree in _cells_defining(missing, list(namespace.get("In", [])))
            for node in ast.walk(tree) if isinstance(node, ast.Name)}  # called, or passed on
    todo = [n for n in unwritten(namespace) if n in used]
    if not todo:
        return None
    tasks = ", ".join(f"{_TASK_OF[n]} (`{n}`)" if n in _TASK_OF else f"`{n}`" for n in todo[:3])
    one = len(todo) == 1
    return (f"{missing!r} is not defined: the cell above that defines it stopped, because "
            f"{tasks}{'' if len(todo) <= 3 else ', ...'} {'is' if one else 'are'} not written "
            f"yet: write {'it' if one else 'them'} first, run {'its' if one else 'their'} cell, "
            "then the cells below it in order")


_show_in_ipython()


def not_written(name: str, task: str | None = None) -> str:
    """The one line for a task whose function ``name`` still raises NotImplementedError."""
    where = "the cell above" if name == "<module>" else f"`{name}`"
    return (f"{task or 'this task'} is not written yet: replace `raise NotImplementedError` in "
            f"{where} with your code, run that cell, then this one")


def _fail(message: str):
    __tracebackhide__ = True  # pytest and IPython skip this frame
    raise CheckFailed(message) from None


def _ok(message: str) -> None:
    print(f"passed: {message}")


def _num(x) -> str:
    """A plain number (no np.float64(...) repr)."""
    return f"{float(x):.6g}"


def signature_mistake(fn: Callable, args: tuple, call: str | None = None,
                      hint: str = "") -> str | None:
    """The line saying that ``fn`` cannot be called with ``args`` (its parameters are not the
    ones the check passes, shown as ``call``, e.g. "solve(vectors, words, a, b, c)"), or None."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin, or a callable without a signature
        return None
    try:
        sig.bind(*args)
    except TypeError:
        name = getattr(fn, "__name__", "function")
        takes = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                    for p in sig.parameters.values())
        shown = f"as {call}" if call else f"with {len(args)} argument{'s' * (len(args) != 1)}"
        return (f"your `{name}{sig}` takes {takes} argument{'s' * (takes != 1)}, but the check "
                f"calls it {shown}: give your function these parameters, in this order"
                + (f"; {hint}" if hint else ""))
    return None


def _call(fn: Callable, args: tuple, forbidden: dict[str, Callable] | None = None,
          task: str | None = None, call: str | None = None, hint: str = ""):
    """Run ``fn(*args)``; fail if it calls one of ``forbidden`` (shown name -> function), or
    with one line if it is not written yet (``task``, e.g. "task 1", names it), or if it does
    not take these arguments (``call`` shows them: "solve(vectors, words, a, b, c)")."""
    __tracebackhide__ = True
    if task is not None and hasattr(fn, "__name__"):
        _TASK_OF[fn.__name__] = task
    if not callable(fn):
        shown = " ".join(repr(fn).split())
        _fail(f"pass your function itself{f' ({call})' if call else ''}, not "
              f"{type(fn).__name__} {shown if len(shown) < 60 else shown[:57] + '...'}")
    wrong = signature_mistake(fn, args, call, hint)
    if wrong:
        _fail(wrong)
    try:
        return _call_watched(fn, args, forbidden or {})
    except NotImplementedError as e:
        if str(e) != STUDENT_TODO:
            raise
    _fail(not_written(getattr(fn, "__name__", "function"), task))


def _call_watched(fn: Callable, args: tuple, forbidden: dict[str, Callable]):
    __tracebackhide__ = True
    if "MUTANT_UNDER_TEST" in os.environ or not forbidden:
        # mutmut replaces every function by a trampoline with one shared code object, so the
        # code objects below would match any glovelib call: no detection under mutation testing
        return fn(*args)
    codes = {f.__code__: name for name, f in forbidden.items()}
    called: list[str] = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            called.append(codes[frame.f_code])

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = fn(*args)
    finally:
        sys.setprofile(previous)
    if called:
        _fail(f"your {getattr(fn, '__name__', 'function')} calls {called[0]}, glovelib's own "
              "answer: write it yourself (NumPy is fine)")
    return result


def _close(got, want, what: str, rtol: float = 1e-8, atol: float = 1e-10) -> None:
    """Fail (CheckFailed) with ``what`` and the first differing entry, in plain numbers."""
    __tracebackhide__ = True
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        _fail(f"{what}: expected shape {want.shape}, got {got.shape}")
    if not np.all(np.isfinite(got)):
        _fail(f"{what}: your result has nan or inf values (log of 0? division by 0?)")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        k = np.unravel_index(np.argmax(np.abs(got - want)), want.shape) if want.ndim else ()
        at = f" at index {tuple(int(i) for i in k)}" if want.ndim else ""
        _fail(f"{what}: expected {_num(want[k])}{at}, got {_num(got[k])}")
