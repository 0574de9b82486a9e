"""Checks of notebook 02 (objective): a prefix of the corpus that keeps its documents."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._core import CheckFailed, _ok


def check_prefix(prefix: Callable) -> None:
    """``prefix(docs, n)`` -> the first ``n`` tokens of the documents ``docs`` (a list of id
    arrays), *still split into documents*: every document kept whole except the last, which is
    cut, so that windows never cross documents (notebook 02)."""
    rng = np.random.default_rng(0)
    docs = [rng.integers(0, 50, size=int(m)).astype(np.int32) for m in rng.integers(1, 30, 12)]
    flat = np.concatenate(docs)
    for n in (1, len(docs[0]), len(docs[0]) + 1, len(flat) // 2, len(flat)):
        got = [np.asarray(d) for d in prefix(docs, n)]
        got = [d for d in got if len(d)]
        joined = np.concatenate(got) if got else np.zeros(0, np.int32)
        if len(joined) != n or not np.array_equal(joined, flat[:n]):
            what = "another order" if len(joined) == n else f"{len(joined)} tokens"
            raise CheckFailed(f"prefix(docs, {n}) should hold the first {n} tokens in order, "
                              f"got {what}")
        want = int(np.searchsorted(np.cumsum([len(d) for d in docs]), n) + 1)
        if len(got) != want:
            raise CheckFailed(f"the first {n} tokens span {want} documents, your prefix has "
                              f"{len(got)}: keep each document separate, or windows cross "
                              "from one article into the next")
    _ok("prefixes of 5 sizes: the first n tokens, documents kept apart")
