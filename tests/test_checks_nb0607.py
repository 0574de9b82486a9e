"""The checks of notebooks 06 and 07 (and of the pretrained-vector exercises): each passes on a
vector set built to satisfy it and fails, saying why, on one built not to."""

import numpy as np
import pytest

import glovelib as gl
from glovelib import checks


def _kv(table: dict) -> gl.KeyedVectors:
    return gl.KeyedVectors(list(table), np.array(list(table.values()), dtype=np.float64))


E = np.eye(6)


def test_parallel_offsets_by_hand():
    # offsets (1,0,..) and (1,0.1,..) are almost parallel; (0,1,..) is orthogonal to them
    kv = _kv({"a1": E[2], "b1": E[2] + E[0], "a2": E[3], "b2": E[3] + E[0] + 0.1 * E[1],
              "a3": E[4], "b3": E[4] + E[1]})
    cos12 = 1 / np.sqrt(1.01)
    assert checks.mean_offset_cosine(kv, [("a1", "b1"), ("a2", "b2")]) == pytest.approx(cos12)
    assert checks.check_parallel_offsets(kv, [("a1", "b1"), ("a2", "b2")]) == pytest.approx(cos12)
    want = (cos12 + 0 + 0.1 / np.sqrt(1.01)) / 3
    assert checks.mean_offset_cosine(kv, [("a1", "b1"), ("a2", "b2"), ("a3", "b3")]) == \
        pytest.approx(want)
    with pytest.raises(checks.CheckFailed, match="not parallel enough"):
        checks.check_parallel_offsets(kv, [("a1", "b1"), ("a3", "b3")])
    # just below the threshold the message shows enough digits to be below it
    with pytest.raises(checks.CheckFailed, match=r"is 0\.0995, below the threshold 0\.09951:"):
        checks.check_parallel_offsets(kv, [("a2", "b2"), ("a3", "b3")], at_least=0.09951)
    with pytest.raises(ValueError, match="two pairs"):
        checks.mean_offset_cosine(kv, [("a1", "b1"), ("x", "y")])


def _senses(mix: float) -> gl.KeyedVectors:
    """bank = mix * river + (1 - mix) * money; neighbours of each sense around it."""
    river, money = E[0], E[1]
    table = {"bank": mix * river + (1 - mix) * money, "river": river, "money": money,
             "shore": river + 0.3 * E[2], "stream": river + 0.3 * E[3],
             "cash": money + 0.3 * E[2], "loan": money + 0.3 * E[3], "far": E[5]}
    return _kv(table)


def test_polysemy_split_and_failure():
    a, b = checks.check_polysemy(_senses(0.5), "bank", "river", "money", topn=6)
    assert set(a) == {"river", "shore", "stream"} and set(b) == {"money", "cash", "loan"}
    with pytest.raises(checks.CheckFailed, match="hold 0 word.* sense of 'money'"):
        checks.check_polysemy(_senses(1.0), "bank", "river", "money", topn=3)
    with pytest.raises(checks.CheckFailed, match="not in the vectors: nope"):
        checks.check_polysemy(_senses(0.5), "bank", "river", "nope")


def test_polysemy_rejects_words_that_only_lean():
    # theme and team lean to river (0.3 against 0) and sit next to bank, but are neither river's
    # nor money's near words: the old "closer to one sense" rule passed this nonsense
    kv = _kv({"bank": E[4] + 0.3 * E[0] + 0.3 * E[1], "river": E[0], "money": E[1],
              "theme": E[4] + 0.3 * E[0], "team": E[4] + 0.3 * E[0] + 0.1 * E[5],
              "cash": E[4] + 0.3 * E[1], "loan": E[4] + 0.3 * E[1] + 0.1 * E[5],
              "shore": E[0] + 0.2 * E[2], "stream": E[0] + 0.2 * E[3],
              "coin": E[1] + 0.2 * E[2], "debt": E[1] + 0.2 * E[3]})
    assert {"theme", "team", "cash", "loan"} == {w for w, _ in kv.most_similar("bank", topn=4)}
    with pytest.raises(checks.CheckFailed, match="hold 0 word.* sense of 'river'"):
        checks.check_polysemy(kv, "bank", "river", "money", topn=4, anchor_topn=2, at_least=1)
    # with shore and money-like coin among bank's neighbours it passes
    kv2 = _kv({**dict(zip(kv.index_to_key, kv.vectors, strict=True)), "bank": E[0] + E[1]})
    a, b = checks.check_polysemy(kv2, "bank", "river", "money", topn=6, anchor_topn=3)
    assert set(a) <= {"river", "shore", "stream"} and set(b) <= {"money", "coin", "debt"}
    assert len(a) >= 2 and len(b) >= 2


def test_antonym_closer():
    kv = _kv({"hot": E[0] + E[1], "cold": E[0] + 0.9 * E[1], "warm": E[0] + E[2], "x": E[3]})
    checks.check_antonym_closer(kv, "hot", "warm", "cold")
    with pytest.raises(checks.CheckFailed, match=r"cos\(hot, warm\) = 0\.50 is not above"):
        checks.check_antonym_closer(kv, "hot", "cold", "warm")


def test_analogy_answer_works_and_fails():
    g, r = E[0], E[1]
    kv = _kv({"man": g + E[2], "woman": -g + E[2], "king": g + r, "queen": -g + r,
              "sock": E[4], "glove": E[3] + E[5], "hand": E[3], "foot": E[5]})
    assert checks.check_analogy_answer(kv, "man", "king", "woman", "queen") == "queen"
    answer = checks.check_analogy_answer(kv, "hand", "glove", "foot", "sock", works=False)
    assert answer != "sock"
    with pytest.raises(checks.CheckFailed, match="gives 'queen'; 'queen' ranks 1"):
        checks.check_analogy_answer(kv, "man", "king", "woman", "queen", works=False)
    with pytest.raises(checks.CheckFailed, match="'sock' ranks"):
        checks.check_analogy_answer(kv, "hand", "glove", "foot", "sock")
    with pytest.raises(checks.CheckFailed, match=r"'man' is one of the question's words a, b, "
                       r"c .*can never answer 'man'"):
        checks.check_analogy_answer(kv, "man", "king", "woman", "man")


def test_gender_direction_and_separation():
    g = E[0]
    kv = _kv({"he": g + E[1], "she": -g + E[1], "man": 2 * g + E[2], "woman": -2 * g + E[2],
              "king": g + E[3], "queen": -g + E[3], "nurse": -0.5 * g + E[4]})
    d = checks.gender_direction(kv, [("he", "she"), ("man", "woman")])
    np.testing.assert_allclose(d, g, atol=1e-12)  # both pairs' differences point along g
    checks.check_direction_separates(kv, d, [("king", "queen")])
    swapped = r"\('queen', 'king'\) is written \(female, male\).*write \('king', 'queen'\)"
    with pytest.raises(checks.CheckFailed, match=swapped):
        checks.check_direction_separates(kv, d, [("queen", "king")])
    with pytest.raises(checks.CheckFailed, match="nurse projects at -0.45, he at"):  # no swap
        checks.check_direction_separates(kv, d, [("nurse", "he")])
    flipped = "every pair projects the wrong way round: the direction or the pairs are flipped"
    with pytest.raises(checks.CheckFailed, match=flipped):  # a negated direction, named
        checks.check_direction_separates(kv, -d, [("king", "queen"), ("man", "woman")])
    with pytest.raises(checks.CheckFailed, match=flipped):  # every pair written (female, male)
        checks.check_direction_separates(kv, d, [("queen", "king"), ("woman", "man")])
    with pytest.raises(checks.CheckFailed, match=swapped):  # one pair only: not all
        checks.check_direction_separates(kv, d, [("man", "woman"), ("queen", "king")])
    with pytest.raises(checks.CheckFailed, match="not in the vectors"):
        checks.gender_direction(kv, [("his", "her")])
    with pytest.raises(checks.CheckFailed, match=r"\('she', 'he'\) is written \(female, male\)"):
        checks.gender_direction(kv, [("man", "woman"), ("she", "he")])  # one pair flipped


def test_gender_pca_direction_finds_the_planted_axis():
    # pairs m = g*s + e_k, f = -g*s + e_k with varying strengths s, and one noisy pair: the first
    # principal component of the centred pair vectors is g (brute force: the normalized pair
    # differences all lie along g except the noisy one's small extra part)
    rng = np.random.default_rng(0)
    g = np.zeros(40)
    g[0] = 1.0
    table = {}
    for k, s in enumerate([1.0, 0.8, 1.2, 0.6]):
        base = rng.normal(size=40)
        base[0] = 0
        table[f"m{k}"], table[f"f{k}"] = base + s * g, base - s * g
    table["m4"], table["f4"] = g + 0.3 * np.eye(40)[5], -g
    kv = _kv(table)
    pairs = [(f"m{k}", f"f{k}") for k in range(5)] + [("absent", "f0")]
    d = checks.gender_pca_direction(kv, pairs)
    assert abs(np.linalg.norm(d) - 1) < 1e-12
    assert d[0] > 0.99  # along g, and signed so that male words project higher
    n = kv.get_normed_vectors()
    assert all(n[kv.get_index(m)] @ d > n[kv.get_index(f)] @ d for m, f in pairs[:5])
    flipped = checks.gender_pca_direction(kv, [(f, m) for m, f in pairs[:5]])
    np.testing.assert_allclose(flipped, -d, atol=1e-12)
    with pytest.raises(ValueError, match="at least two pairs"):
        checks.gender_pca_direction(kv, [("m0", "f0"), ("absent", "f1")])


def test_frequency_matched_baseline_against_brute_force():
    rng = np.random.default_rng(1)
    v = rng.normal(size=57)
    k = 10
    got = checks.frequency_matched_baseline(v, k)
    for i in range(len(v)):
        lo = min(max(i - k // 2, 0), len(v) - k - 1)
        others = [j for j in range(lo, lo + k + 1) if j != i]
        assert len(others) == k and abs(got[i] - v[others].mean()) < 1e-12
    # a linear drift with rank is matched exactly away from the ends: the residual is zero
    drift = np.arange(100.0)
    assert np.abs(drift - checks.frequency_matched_baseline(drift, 10))[5:-5].max() < 1e-12
    with pytest.raises(ValueError, match="k between"):
        checks.frequency_matched_baseline(v, len(v))
