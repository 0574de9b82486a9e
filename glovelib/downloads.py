"""Downloads for readers with internet: text8, and Stanford's published GloVe vectors.

Nothing else in glovelib uses the network, and nothing here runs unless called.  Both downloads
go through one helper, :func:`fetch_member`: the zip is streamed into a temporary folder beside
the cache (with progress on stderr), checked, *one* member is extracted from it without unpacking
the rest (its CRC-32 checked by ``zipfile``), and only then renamed into the cache.  A failed or
interrupted download, or a checksum mismatch, leaves nothing behind; a second call finds the
cached file and does nothing.  Tests serve small archives from 127.0.0.1, never the internet.

Reached as ``glovelib.datasets.download_text8``, ``download_glove`` and ``pretrained_path``.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import sys
import tempfile
import time
import urllib.request
import warnings
import zipfile
from pathlib import Path

from ._io import data_home

__all__ = ["download_text8", "download_glove", "pretrained_path", "fetch_member", "GLOVE_FILES"]

TEXT8_URL = "http://mattmahoney.net/dc/text8.zip"
# SHA-256 of the extracted 100,000,000-byte file "text8" (not of the zip).
TEXT8_SHA256 = "6e890197040d37d85beb962ae1f041ff1d9a9ca8d20c7d99c85027eebf51dca7"

GLOVE_URL = "https://nlp.stanford.edu/data/{archive}"
# name -> (archive on Stanford's site, dimensions inside it; member "glove.<name>.<dim>d.txt").
GLOVE_FILES = {
    "6B": ("glove.6B.zip", (50, 100, 200, 300)),  # Wikipedia 2014 + Gigaword 5, 400k words
    "42B": ("glove.42B.300d.zip", (300,)),  # Common Crawl, 1.9M words, uncased
    "840B": ("glove.840B.300d.zip", (300,)),  # Common Crawl, 2.2M words, cased
    "twitter.27B": ("glove.twitter.27B.zip", (25, 50, 100, 200)),  # 2B tweets, 1.2M words
}
# SHA-256 of each archive, where a public record exists.  Stanford publishes none, and we found
# no record we could check, so none is known: downloads are checked by the zip's CRC-32 only,
# say so in a warning, and print the SHA-256 they got so that a user can pin it (sha256=...).
GLOVE_SHA256: dict[str, str] = {}


class _Progress:
    """``label: 12.3 of 822.0 MB (1%)`` on stderr, at most twice a second."""

    def __init__(self, label: str, total: int, enabled: bool):
        self.label, self.total, self.enabled = label, total, enabled
        self.done, self.shown = 0, 0.0

    def update(self, n: int) -> None:
        self.done += n
        if self.enabled and time.monotonic() - self.shown > 0.5:
            self.shown = time.monotonic()
            self._print("")

    def close(self) -> None:
        if self.enabled:
            self._print("\n")

    def _print(self, end: str) -> None:
        of = f" of {self.total / 1e6:.1f} MB ({100 * self.done / self.total:.0f}%)" \
            if self.total else " MB"
        print(f"\r{self.label}: {self.done / 1e6:.1f}{of}", end=end, file=sys.stderr, flush=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _download(url: str, dest: Path, progress: bool, timeout: float) -> None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(dest, "wb") as out:
            total = int(resp.headers.get("Content-Length") or 0)
            bar = _Progress(url.rsplit("/", 1)[-1], total, progress)
            for block in iter(lambda: resp.read(1 << 20), b""):
                out.write(block)
                bar.update(len(block))
            bar.close()
        if total and bar.done != total:
            raise OSError(f"the connection closed after {bar.done:,} of {total:,} bytes")
    except (OSError, http.client.HTTPException) as exc:
        raise OSError(f"could not download {url}: {exc}") from exc


def _check(what: str, got: str, expected: str | None) -> None:
    if expected is not None and got != expected.lower():
        raise OSError(f"{what} checksum mismatch: expected sha256 {expected}, got {got}; the "
                      "download is corrupt or not the file expected (nothing was saved)")


def fetch_member(url: str, member: str, target: Path, archive_sha256: str | None = None,
                 member_sha256: str | None = None, progress: bool = True,
                 timeout: float = 60.0, archive: Path | None = None) -> tuple[Path, str]:
    """Download the zip at ``url``, extract ``member`` alone to ``target``, atomically.

    ``archive``: a zip already on disk to extract from instead of downloading (it is checked
    against ``archive_sha256`` as a download would be).  Returns ``target`` and the SHA-256 of
    the zip.

    Raises
    ------
    OSError
        Network failure or a truncated download, a file that is not a zip or lacks ``member``,
        a damaged member (CRC-32), or a checksum mismatch -- and nothing is left behind.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        if archive is None:
            archive = tmp / "download.zip"
            _download(url, archive, progress, timeout)
        archive_digest = _sha256(archive)
        _check(url, archive_digest, archive_sha256)
        out = tmp / "member"
        try:
            with zipfile.ZipFile(archive) as zf:
                if member not in zf.namelist():
                    raise OSError(f"{url} has no member {member!r} (it has "
                                  f"{', '.join(zf.namelist()[:6])})")
                info = zf.getinfo(member)
                bar = _Progress(f"extracting {member}", info.file_size, progress)
                h = hashlib.sha256()
                with zf.open(info) as src, open(out, "wb") as dst:
                    for block in iter(lambda: src.read(1 << 20), b""):
                        dst.write(block)
                        h.update(block)
                        bar.update(len(block))
                bar.close()
        except zipfile.BadZipFile as exc:
            raise OSError(f"{url} did not send a valid zip file: {exc}") from exc
        _check(member, h.hexdigest(), member_sha256)
        os.replace(out, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target, archive_digest


def download_text8(url: str = TEXT8_URL, cache_dir: str | os.PathLike | None = None,
                   sha256: str | None = TEXT8_SHA256, force: bool = False,
                   progress: bool = True, timeout: float = 60.0) -> Path:
    """Download text8 (Mahoney's first 10^8 bytes of cleaned Wikipedia) once and cache it.

    Parameters
    ----------
    url : str
        Where the zip is (tests point this at a local server).
    cache_dir : path-like, optional
        Default :func:`glovelib.datasets.data_home`.
    sha256 : str or None
        Expected SHA-256 of the extracted file; None skips the check.
    force : bool, default False
        Download even if the cached file exists.
    progress : bool, default True
        Print progress to stderr.
    timeout : float
        Seconds to wait for the server.

    Returns
    -------
    Path
        The cached ``text8`` file: one line of 17,005,207 tokens.

    Raises
    ------
    OSError
        See :func:`fetch_member`; nothing is saved.
    """
    target = (Path(cache_dir) if cache_dir else data_home()) / "text8"
    if target.exists() and not force:
        return target
    return fetch_member(url, "text8", target, member_sha256=sha256, progress=progress,
                        timeout=timeout)[0]


def _glove_entry(name: str, dim: int) -> tuple[str, str]:
    """(archive, member) of a published GloVe file, or a ValueError listing what exists."""
    if name not in GLOVE_FILES:
        raise ValueError(f"unknown GloVe vectors {name!r}: choose one of "
                         f"{', '.join(GLOVE_FILES)}")
    archive, dims = GLOVE_FILES[name]
    if dim not in dims:
        raise ValueError(f"glove.{name} comes in dimensions {', '.join(map(str, dims))}, "
                         f"not {dim}")
    return archive, f"glove.{name}.{dim}d.txt"


def _glove_folder(cache_dir) -> Path:
    return Path(cache_dir) if cache_dir else data_home() / "glove"


def pretrained_path(name: str = "6B", dim: int = 50,
                    cache_dir: str | os.PathLike | None = None) -> Path | None:
    """The cached ``glove.<name>.<dim>d.txt`` if :func:`download_glove` fetched it, else None.

    Lets a notebook say clearly that the file is absent instead of downloading in a cell.
    """
    path = _glove_folder(cache_dir) / _glove_entry(name, dim)[1]
    return path if path.is_file() else None


def download_glove(name: str = "6B", dim: int = 50, cache_dir: str | os.PathLike | None = None,
                   url: str | None = None, sha256: str | None = None, progress: bool = True,
                   keep_archive: bool = False, timeout: float = 60.0) -> Path:
    """Download one of Stanford's published GloVe files once; return the extracted ``.txt``.

    Only the member ``glove.<name>.<dim>d.txt`` is extracted from the zip (822 MB for 6B, 2 GB
    for 840B).  Load it with ``KeyedVectors.load_word2vec_format(path, no_header=True)``, which
    holds the 840B file in the memory of its float32 array.

    Parameters
    ----------
    name : {"6B", "42B", "840B", "twitter.27B"}
    dim : int
        6B: 50, 100, 200, 300; 42B and 840B: 300; twitter.27B: 25, 50, 100, 200.
    cache_dir : path-like, optional
        Default ``data_home() / "glove"``.
    url : str, optional
        Where the zip is; default Stanford's site (tests point this at a local server).
    sha256 : str, optional
        Expected SHA-256 of the *zip*.  Stanford publishes none; without one the download is
        checked only by the zip's CRC-32, a warning says so and gives the SHA-256 received.
    progress : bool, default True
        Print progress to stderr.
    keep_archive : bool, default False
        Keep the zip in the cache, so that another dimension of the same archive is extracted
        without downloading again.
    timeout : float
        Seconds to wait for the server.

    Returns
    -------
    Path
        The cached ``glove.<name>.<dim>d.txt``.

    Raises
    ------
    ValueError
        An unknown name or a dimension that archive does not have.
    OSError
        See :func:`fetch_member`; nothing is saved.
    """
    archive_name, member = _glove_entry(name, dim)
    folder = _glove_folder(cache_dir)
    target = folder / member
    if target.exists():
        return target
    url = url or GLOVE_URL.format(archive=archive_name)
    sha256 = sha256 or GLOVE_SHA256.get(archive_name)
    kept = folder / archive_name
    if keep_archive and not kept.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{archive_name}.part"
        try:
            _download(url, tmp, progress, timeout)
            _check(url, _sha256(tmp), sha256)
            os.replace(tmp, kept)
        finally:
            tmp.unlink(missing_ok=True)
    path, got = fetch_member(url, member, target, archive_sha256=sha256, progress=progress,
                             timeout=timeout, archive=kept if kept.exists() else None)
    if sha256 is None:
        warnings.warn(f"{archive_name}: no published SHA-256 to check it against, so the "
                      f"download was checked by the zip's CRC-32 only; its SHA-256 is {got} "
                      "(pass sha256=... to pin it)", UserWarning, stacklevel=2)
    return path
