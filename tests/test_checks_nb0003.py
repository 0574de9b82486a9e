"""The checks of notebooks 00-03 accept the right answer and catch planted wrong ones."""

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import checks

# ------------------------------------------------------------------ planted questions (00)

@pytest.fixture(scope="module")
def world():
    return gl.datasets.planted_corpus(n_sentences=10, seed=0)


def test_planted_questions_accept_true_relations(world, capsys):
    checks.check_planted_questions([("paris", "france", "rome", "italy"),
                                    ("france", "paris", "italy", "rome"),  # both reversed
                                    ("king", "queen", "man", "woman")], world)
    assert "3 question(s)" in capsys.readouterr().out


@pytest.mark.parametrize("question, match", [
    (("france", "paris", "rome", "italy"), "opposite directions"),
    (("paris", "france", "king", "queen"), "one relation per question"),
    (("paris", "italy", "rome", "france"), "not a pair"),
    (("paris", "france", "paris", "france"), "same"),
    (("paris", "france", "rome"), "four words"),
])
def test_planted_questions_catch(world, question, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_planted_questions([question], world)


# ------------------------------------------------------------------ P(k | i) (01)

def _tiny():
    docs = [["a", "b", "a", "c"], ["b", "c", "c", "d", "a"]]
    vocab = gl.Vocabulary.build(docs)
    X = gl.count_cooccurrences(vocab.encode_documents(docs), len(vocab), window_size=2)
    return vocab, X.tocsr(), np.asarray(X.sum(axis=1)).ravel()


def test_probability_accepts_the_definition(capsys):
    vocab, X, rows = _tiny()
    dense = X.toarray()  # an independent computation, by dense arrays
    checks.check_probability(lambda k, i: dense[vocab[i], vocab[k]] / dense[vocab[i]].sum(),
                             X, vocab, ["a", "b", "c", "d"])
    assert "passed" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, match", [
    (lambda X, rows, v: lambda k, i: X[v[i], v[k]] / X.sum(), "joint"),
    (lambda X, rows, v: lambda k, i: X[v[i], v[k]] / rows[v[k]], "row sum of i"),
    (lambda X, rows, v: lambda k, i: X[v[i], v[k]], "should be"),
])
def test_probability_catches(wrong, match):
    vocab, X, rows = _tiny()
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_probability(wrong(X, rows, vocab), X, vocab, ["a", "b", "c", "d"])


# ------------------------------------------------------------------ prefixes (02)

def good_prefix(docs, n):
    out = []
    for doc in docs:
        if n <= 0:
            break
        out.append(doc[:n])
        n -= len(doc)
    return out


def test_prefix_accepts_documents_kept_apart(capsys):
    checks.check_prefix(good_prefix)
    assert "passed" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, match", [
    (lambda docs, n: [np.concatenate(docs)[:n]], "windows cross"),  # one long document
    (lambda docs, n: good_prefix(docs, n + 1), "first"),  # one token too many
    (lambda docs, n: good_prefix(docs[::-1], n), "first"),  # wrong documents
])
def test_prefix_catches(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_prefix(wrong)


# ------------------------------------------------------------------ pair counts (03)

def hand_count(sentence, window, start=0, symmetric=True, weight=lambda d: 1 / d):
    pairs = {}
    for p, right in enumerate(sentence):
        for q in range(max(0, p - window + start), p):
            left, d = sentence[q], p - q
            pairs[left, right] = pairs.get((left, right), 0) + weight(d)
            if symmetric:
                pairs[right, left] = pairs.get((right, left), 0) + weight(d)
    return pairs


SENTENCE = "the cat sat on the mat and the dog sat too".split()


@pytest.mark.parametrize("window", [1, 2, 4, 10])
def test_pair_counts_accept_the_loop(window, capsys):
    checks.check_pair_counts(hand_count(SENTENCE, window), SENTENCE, window)
    checks.check_pair_counts(hand_count(SENTENCE, window, weight=lambda d: 1.0), SENTENCE,
                             window, distance_weighting=False)
    assert capsys.readouterr().out.count("passed") == 2


def test_pair_counts_match_a_hand_worked_example(capsys):
    # the cat sat on the mat, window 2: X[the, sat] = 1/2 + 1/2, X[the, the] = 0
    sentence = SENTENCE[:6]
    pairs = hand_count(sentence, 2)
    assert pairs["the", "sat"] == 1 and ("the", "the") not in pairs
    checks.check_pair_counts(pairs, sentence, 2)


@pytest.mark.parametrize("wrong, match", [
    (lambda s, w: hand_count(s, w, start=1), "should be"),  # window one word short
    (lambda s, w: hand_count(s, w, symmetric=False), "should be"),  # half of the pairs
    (lambda s, w: hand_count(s, w, weight=lambda d: 1.0), "should be"),  # no 1/d
    (lambda s, w: hand_count(s, w + 1), "should be 0 with"),  # window one word long
])
def test_pair_counts_catch(wrong, match):
    with pytest.raises(checks.CheckFailed, match=match):
        checks.check_pair_counts(wrong(SENTENCE, 3), SENTENCE, 3)


def test_pair_counts_warn_when_the_window_covers_the_sentence(capsys):
    # window 5 on 6 words: a loop off by one (window 6) gives the same counts, so say so
    sentence = SENTENCE[:6]
    checks.check_pair_counts(hand_count(sentence, 6), sentence, 5)
    assert "would pass here too" in capsys.readouterr().out
    checks.check_pair_counts(hand_count(SENTENCE, 3), SENTENCE, 3)
    assert "would pass" not in capsys.readouterr().out
    with pytest.raises(checks.CheckFailed, match="should be"):
        checks.check_pair_counts(hand_count(SENTENCE, 6), SENTENCE, 5)  # caught here


def test_glove_gradient_checker_catches_hard_coded_alpha_and_x_max():
    from glovelib import objective as ob

    assert max(ob.check_glove_gradients().values()) < 1e-6
    assert max(ob.check_glove_gradients(alpha=0.4).values()) < 1e-6

    def fixed_alpha(p, X, x_max, alpha):
        return ob.gradients(p, X, x_max, 0.75)

    def fixed_x_max(p, X, x_max, alpha):
        return ob.gradients(p, X, 10.0, alpha)

    assert max(ob.check_glove_gradients(fixed_alpha).values()) > 1e-3
    assert max(ob.check_glove_gradients(fixed_x_max).values()) > 1e-3


def test_probability_takes_any_sparse_format():
    vocab, X, _ = _tiny()
    dense = X.toarray()
    checks.check_probability(lambda k, i: dense[vocab[i], vocab[k]] / dense[vocab[i]].sum(),
                             sp.coo_matrix(X), vocab, ["a", "d"])
