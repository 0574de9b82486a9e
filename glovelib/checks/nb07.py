"""Checks of notebook 07 (pretrained vectors and their limits): claims students make about
vectors, on the course's or on published ones."""

from __future__ import annotations

import numpy as np

from ..vectors import KeyedVectors
from ._core import CheckFailed, _ok


def _need(kv: KeyedVectors, *words: str) -> None:
    missing = [w for w in words if w not in kv]
    if missing:
        raise CheckFailed(f"not in the vectors: {', '.join(missing)} (pick words that are; "
                          "published files are lowercase)")


def check_polysemy(kv: KeyedVectors, word: str, sense_a: str, sense_b: str, topn: int = 10,
                   margin: float = 0.05, anchor_topn: int = 50,
                   at_least: int = 2) -> tuple[list[str], list[str]]:
    """Pass if ``word``'s ``topn`` neighbours hold at least ``at_least`` words of each sense.

    A neighbour belongs to sense a when both hold: it is closer (cosine) to ``sense_a`` than to
    ``sense_b`` by at least ``margin``, and it is ``sense_a`` itself or one of ``sense_a``'s own
    ``anchor_topn`` nearest words (so a word that merely leans away from ``sense_b`` does not
    count); the same the other way round. Other neighbours count for neither sense.

    Returns
    -------
    (list of str, list of str)
        The neighbours of each sense, nearest first.
    """
    _need(kv, word, sense_a, sense_b)
    if sense_a == sense_b:
        raise CheckFailed(f"{sense_a!r} and {sense_b!r} are the same word: give one word for "
                          f"each meaning of {word!r} (as 'game' and 'theatre' for 'play')")
    near = [w for w, _ in kv.most_similar(word, topn=topn)]
    senses = []
    for anchor, other in ((sense_a, sense_b), (sense_b, sense_a)):
        own = {anchor} | {w for w, _ in kv.most_similar(anchor, topn=anchor_topn)}
        senses.append([w for w in near if w in own and
                       kv.similarity(w, anchor) - kv.similarity(w, other) >= margin])
    for anchor, found in zip((sense_a, sense_b), senses, strict=True):
        if len(found) < at_least and _one_sense(kv, sense_a, sense_b):
            raise CheckFailed(
                f"{sense_a!r} and {sense_b!r} name the same sense (each is among the other's 10 "
                f"nearest words, cosine {kv.similarity(sense_a, sense_b):.2f}): a neighbour near "
                "one is near the other, so it counts for neither; give one word for each "
                f"meaning of {word!r} (as 'game' and 'theatre' for 'play')")
        if len(found) < at_least:
            raise CheckFailed(
                f"{word}'s {topn} nearest words ({', '.join(near)}) hold {len(found)} word(s) of "
                f"the sense of {anchor!r} ({', '.join(found) or 'none'}), need {at_least}: a word "
                f"counts when it is among {anchor!r}'s {anchor_topn} nearest and closer to it "
                f"by {margin} than to the other sense")
    a, b = senses
    _ok(f"{word}: {', '.join(a)} (like {sense_a}) and {', '.join(b)} (like {sense_b})")
    return a, b


def _one_sense(kv: KeyedVectors, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are near-synonyms: among each other's 10 nearest words, with a
    cosine above 0.6."""
    return (kv.similarity(a, b) > 0.6 and b in {w for w, _ in kv.most_similar(a, topn=10)}
            and a in {w for w, _ in kv.most_similar(b, topn=10)})


def check_antonym_closer(kv: KeyedVectors, word: str, synonym: str, antonym: str) -> None:
    """Pass if ``word`` is closer to its ``antonym`` than to its ``synonym`` (cosine)."""
    _need(kv, word, synonym, antonym)
    syn, ant = kv.similarity(word, synonym), kv.similarity(word, antonym)
    if ant <= syn:
        swapped = ("; the arguments are (kv, word, synonym, antonym), in that order: check "
                   "which of your two words is the antonym (the check cannot tell; swapping "
                   "them to pass would only relabel them)" if syn > ant else "")
        raise CheckFailed(f"cos({word}, {antonym}) = {ant:.2f} is not above cos({word}, "
                          f"{synonym}) = {syn:.2f}: try another triple{swapped}")
    _ok(f"cos({word}, {antonym}) = {ant:.2f} > cos({word}, {synonym}) = {syn:.2f}")


def check_analogy_answer(kv: KeyedVectors, a: str, b: str, c: str, d: str,
                         works: bool = True) -> str:
    """Pass if 3CosAdd answers a:b :: c:? with ``d`` (``works=True``) or with another word.

    Returns the answer; a failing analogy's message gives the rank of ``d``.
    """
    _need(kv, a, b, c, d)
    if d in (a, b, c):
        raise CheckFailed(f"{d!r} is one of the question's words a, b, c ({a}:{b} :: {c}:?): "
                          "3CosAdd leaves them out of the answers, so it can never answer "
                          f"{d!r}; d is the fourth word")
    answer = kv.analogy(a, b, c)
    if (answer == d) != works:
        ranked = [w for w, _ in kv.most_similar(positive=[b, c], negative=[a], topn=None)]
        rank = ranked.index(d) + 1 if d in ranked else None
        raise CheckFailed(f"{a}:{b} :: {c}:? gives {answer!r}; {d!r} ranks {rank} — "
                          f"{'not the answer' if works else 'the answer, so it works'}")
    _ok(f"{a}:{b} :: {c}:? -> {answer}" + ("" if works else f" (not {d})"))
    return answer


def _swapped_pair(pairs) -> tuple | None:
    """The first pair written (female, male) by the usual gendered words, if any."""
    return next(((m, f) for m, f in pairs if m in _FEMALE and f in _MALE), None)


def gender_direction(kv: KeyedVectors, pairs=(("he", "she"),)) -> np.ndarray:
    """Unit vector: the mean of the normalized differences m - f over the pairs (m, f)."""
    swapped = _swapped_pair(pairs)
    if swapped:
        m, f = swapped
        raise CheckFailed(f"({m!r}, {f!r}) is written (female, male): pairs are (male, female), "
                          f"so that every difference points the same way; write ({f!r}, {m!r})")
    _need(kv, *(w for pair in pairs for w in pair))
    n = kv.get_normed_vectors()
    diff = np.mean([n[kv.get_index(m)] - n[kv.get_index(f)] for m, f in pairs], axis=0)
    return diff / np.linalg.norm(diff)


# The ten definitional pairs of Bolukbasi et al. (2016), written (male, female), lowercase.
DEFINITIONAL_PAIRS = (("he", "she"), ("his", "her"), ("man", "woman"), ("john", "mary"),
                      ("himself", "herself"), ("son", "daughter"), ("father", "mother"),
                      ("guy", "gal"), ("boy", "girl"), ("male", "female"))
_FEMALE = {f for _, f in DEFINITIONAL_PAIRS} | {"queen", "woman", "mother", "aunt", "wife",
                                                "sister", "niece", "lady", "actress", "women"}
_MALE = {m for m, _ in DEFINITIONAL_PAIRS} | {"king", "man", "father", "uncle", "husband",
                                            "brother", "nephew", "lord", "actor", "men"}


def gender_pca_direction(kv: KeyedVectors, pairs=DEFINITIONAL_PAIRS) -> np.ndarray:
    """Unit vector: the first principal component of the pairs' centred normalized vectors.

    Each pair (m, f) whose two words are in ``kv`` contributes m - c and f - c, c their mean
    (Bolukbasi et al., 2016, section 5); pairs with a missing word are skipped, at least two
    must remain.  The sign is chosen so that the male words project above the female ones on
    average.
    """
    found = [(m, f) for m, f in pairs if m in kv and f in kv]
    if len(found) < 2:
        raise ValueError(f"need at least two pairs with both words in the vectors, found "
                         f"{len(found)} of {len(pairs)}: pass pairs of words the vectors have")
    n = kv.get_normed_vectors()
    rows = []
    for m, f in found:
        a, b = n[kv.get_index(m)], n[kv.get_index(f)]
        rows += [(a - b) / 2, (b - a) / 2]  # each word minus the pair's mean
    direction = np.linalg.svd(np.array(rows), full_matrices=False)[2][0]
    if np.mean([(n[kv.get_index(m)] - n[kv.get_index(f)]) @ direction for m, f in found]) < 0:
        direction = -direction
    return direction / np.linalg.norm(direction)


def frequency_matched_baseline(values, k: int = 200) -> np.ndarray:
    """For each word id i, the mean of ``values`` over the k ids nearest to i, i itself left out.

    Vocabulary ids are frequency ranks, so this is the value a word of the same frequency gets
    on average: the null to compare a word's projection with, when projections drift with
    frequency.  Near either end the window is shifted to stay inside the vocabulary.
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or not 0 < k < len(v):
        raise ValueError(f"values must be 1-D and k between 1 and len(values) - 1; got shape "
                         f"{v.shape} and k={k}")
    lo = np.clip(np.arange(len(v)) - k // 2, 0, len(v) - k - 1)
    csum = np.concatenate([[0.0], np.cumsum(v)])
    return (csum[lo + k + 1] - csum[lo] - v) / k


def check_direction_separates(kv: KeyedVectors, direction: np.ndarray, pairs) -> None:
    """Pass if every pair (m, f) projects with m above f on ``direction`` (cosines)."""
    _need(kv, *(w for pair in pairs for w in pair))
    n = kv.get_normed_vectors()
    proj = [(n[kv.get_index(m)] @ direction, n[kv.get_index(f)] @ direction) for m, f in pairs]
    if len(pairs) > 1 and all(pm < pf for pm, pf in proj):
        raise CheckFailed("every pair projects the wrong way round: the direction or the pairs "
                          "are flipped (pairs are (male, female), the direction male - female)")
    for (m, f), (pm, pf) in zip(pairs, proj, strict=True):
        if pm <= pf and m in _FEMALE and f in _MALE:
            raise CheckFailed(f"({m!r}, {f!r}) is written (female, male): pairs are (male, "
                              f"female), as the direction is male - female; write ({f!r}, "
                              f"{m!r})")
        if pm <= pf:
            raise CheckFailed(f"{m} projects at {pm:+.2f}, {f} at {pf:+.2f}: the direction does"
                              " not separate this pair")
    _ok(f"the direction separates all {len(pairs)} pairs")
