"""Checks of notebook 06 (GloVe vs Word2Vec): is a relation one direction?"""

from __future__ import annotations

import numpy as np

from ..vectors import KeyedVectors
from ._core import CheckFailed, _ok


def mean_offset_cosine(kv: KeyedVectors, pairs) -> float:
    """Mean cosine between the offsets b - a of the pairs (a, b) whose words are in ``kv``."""
    pairs = [(a, b) for a, b in pairs if a in kv and b in kv]
    if len(pairs) < 2:
        raise ValueError("need at least two pairs with both words in the vectors")
    offsets = np.array([kv[b] - kv[a] for a, b in pairs], dtype=np.float64)
    offsets /= np.linalg.norm(offsets, axis=1, keepdims=True)
    return float((offsets @ offsets.T)[np.triu_indices(len(pairs), 1)].mean())


def check_parallel_offsets(kv: KeyedVectors, pairs, at_least: float = 0.5) -> float:
    """Pass if the relation's offsets b - a are parallel: mean pairwise cosine >= ``at_least``."""
    got = mean_offset_cosine(kv, pairs)
    if got < at_least:
        digits = 3
        while round(got, digits) >= at_least and digits < 9:  # never print "0.500, below 0.5"
            digits += 1
        raise CheckFailed(f"mean cosine between the offsets is {got:.{digits}f}, below the "
                          f"threshold {at_least:g}: these offsets are not parallel enough to "
                          "call the relation one direction (3CosAdd may still solve some of it)")
    _ok(f"offsets parallel (mean cosine {got:.3f} >= {at_least:g})")
    return got
