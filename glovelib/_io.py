"""Small file helpers shared by the modules: atomic writes, the data cache, input files."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path`` for binary writing; rename it over ``path`` on success.

    If the block raises (or the process dies), ``path`` keeps its previous content and the
    temporary file is removed (or, after a crash, left as a hidden ``.tmp`` file beside it).
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"cannot write to {path}: it is a directory")
    if not path.parent.exists():
        raise FileNotFoundError(f"cannot write to {path}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); the file we stand in for gets what open() gives
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_SCRATCH: list[Path] = []


def scratch_path(name: str) -> Path:
    """``name`` in a temporary folder of this process's own, removed when the process exits:
    two notebooks open at once in one folder never write, read or delete each other's files."""
    if not _SCRATCH:
        import atexit
        import shutil

        folder = Path(tempfile.mkdtemp(prefix="glovelib-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _SCRATCH.append(folder)
    return _SCRATCH[0] / name


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path) as f:
        f.write(data)


def data_home() -> Path:
    """Where downloaded and derived data are cached.

    ``$GLOVELIB_DATA`` if set; else ``data/cache`` of the course repository when glovelib is
    installed from it (``pip install -e .``); else ``~/.cache/glovelib``.
    """
    env = os.environ.get("GLOVELIB_DATA")
    if env:
        path = Path(env)
    else:
        repo = Path(__file__).resolve().parent.parent
        if (repo / "pyproject.toml").exists() and (repo / "data").is_dir():
            path = repo / "data" / "cache"
        else:
            path = Path.home() / ".cache" / "glovelib"
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_input(path: str | os.PathLike, kind: str) -> Path:
    """``path`` as a Path if it is an existing file; else an error that names the ``kind`` of file
    expected ("vectors file not found: ...")."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{kind} file not found: {path}")
    if path.is_dir():
        raise IsADirectoryError(f"expected a {kind} file but got a directory: {path}")
    return path


def open_binary(path: str | os.PathLike, kind: str = "input") -> BinaryIO:
    """Open a plain, ``.gz`` or ``.bz2`` file for binary reading (see :func:`check_input`)."""
    path = check_input(path, kind)
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    return open(path, "rb")
