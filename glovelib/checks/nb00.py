"""Checks of notebook 00 (welcome): the student's own questions about the planted world."""

from __future__ import annotations

import difflib

from ._core import CheckFailed, _ok


def _partner(q, word, relation) -> tuple[str, str, str] | None:
    """For an unknown ``word`` in a question whose other pair is a pair of the world: the word
    that pair's relation puts in its place, (partner, relation, the word it goes with)."""
    a, b, c, d = q
    k = list(q).index(word)
    other = (c, d) if k < 2 else (a, b)
    if other not in relation:
        return None
    name, sign = relation[other]
    known_side = q[k ^ 1]  # the other word of the unknown word's pair
    for (x, y), (r, s) in relation.items():
        if r == name and s == sign and (y if k % 2 else x) != word and (
                x if k % 2 else y) == known_side:
            return (y if k % 2 else x), name, known_side
    return None


def check_planted_questions(questions, world, one_per_relation: bool = False) -> None:
    """Each (a, b, c, d) in ``questions`` must be a true analogy of the planted ``world``
    (notebook 00): (a, b) and (c, d) two different pairs of one relation, in the same direction;
    with ``one_per_relation``, every relation of the world asked at least once."""
    relation = {}
    for name, pairs in world.pairs.items():
        for x, y in pairs:
            relation[x, y], relation[y, x] = (name, +1), (name, -1)
    known = {w for pair in relation for w in pair}
    if not questions:
        raise CheckFailed("give at least one question (a, b, c, d)")
    for q in questions:
        if len(q) != 4:
            raise CheckFailed(f"{q!r}: a question has four words, a : b :: c : d")
        a, b, c, d = q
        for word in q:
            if word not in known and str(word).lower() in known:
                raise CheckFailed(f"{q}: {word!r} is capitalized: the world's words are "
                                  f"lower-case ({str(word).lower()!r})")
            if word not in known:
                close = difflib.get_close_matches(str(word), sorted(known), n=1)
                partner = _partner(q, word, relation)
                hint = (f" ({partner[0]!r} is the word of {partner[1]} that goes with "
                        f"{partner[2]!r})" if partner else
                        f" (did you mean {close[0]!r}?)" if close else "")
                raise CheckFailed(f"{q}: {word!r} is not a word of this world{hint}: take the "
                                  "words of the pairs in world.pairs")
        for x, y in ((a, b), (c, d)):
            if (x, y) not in relation:
                if (a, c) in relation and relation[a, c] == relation.get((b, d)):
                    raise CheckFailed(
                        f"{q}: a question a:b::c:d takes (a, b) and (c, d) from one relation; "
                        f"here ({a}, {c}) and ({b}, {d}) are the pairs of {relation[a, c][0]}, "
                        f"so this world asks it as {(a, c, b, d)} (the same analogy, in the "
                        "order of its pairs)")
                raise CheckFailed(f"{q}: ({x}, {y}) is not a pair of this world's relations "
                                  f"({', '.join(world.pairs)}): a question a:b::c:d takes two "
                                  "pairs (a, b) and (c, d) of one of them")
        (r1, s1), (r2, s2) = relation[a, b], relation[c, d]
        if r1 != r2:
            raise CheckFailed(f"{q}: {a}->{b} is {r1} but {c}->{d} is {r2}: one relation per "
                              "question")
        if s1 != s2:
            raise CheckFailed(f"{q}: {a}->{b} and {c}->{d} go in opposite directions "
                              f"({a} is to {b} as {d} is to {c})")
        if (a, b) == (c, d):
            raise CheckFailed(f"{q}: the two pairs are the same; the answer would be given")
    missing = [name for name in world.pairs
               if not any(relation[q[0], q[1]][0] == name for q in questions)]
    if one_per_relation and missing:
        raise CheckFailed(f"every question is true, but none asks about {', '.join(missing)}: "
                          "write one question per relation")
    _ok(f"{len(questions)} question(s), each a true relation of the planted world"
        + (", every relation asked" if one_per_relation else ""))
