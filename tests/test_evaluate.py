"""Evaluation equals gensim's on the same vectors; planted analogies; the real-corpus ranges."""

import numpy as np
import pytest

import glovelib as gl
from glovelib import datasets, evaluate

# wiki_demo (tests/conftest.py): the Wikipedia sample at the reference demo's settings, trained
# once per test run.


@pytest.mark.slow
def test_analogy_accuracy_equals_gensim(wiki_demo):
    _, kv = wiki_demo
    path = datasets.analogy_questions_path()
    ours = evaluate.analogy_accuracy(kv, path)
    score, sections = kv.to_gensim().evaluate_word_analogies(str(path))
    assert ours.accuracy == pytest.approx(score, abs=1e-12)
    for mine, theirs in zip(ours.sections, sections, strict=False):
        assert mine.name == theirs["section"]
        assert mine.correct == len(theirs["correct"])
        assert mine.seen == len(theirs["correct"]) + len(theirs["incorrect"])
    assert ours.total.total == 19544 and len(ours.sections) == 14
    assert ours.semantic.seen + ours.syntactic.seen == ours.total.seen
    # the KeyedVectors method returns gensim's shape of result
    s2, sec2 = kv.evaluate_word_analogies(path)
    assert s2 == ours.accuracy and sec2[-1]["section"] == "Total accuracy"


@pytest.mark.slow
@pytest.mark.parametrize("pairs", [datasets.wordsim353_path, datasets.simlex999_path])
def test_word_similarity_equals_gensim(wiki_demo, pairs):
    _, kv = wiki_demo
    ours = kv.evaluate_word_pairs(pairs())
    theirs = kv.to_gensim().evaluate_word_pairs(str(pairs()))
    assert ours[0][0] == pytest.approx(theirs[0][0], abs=1e-6)  # Pearson
    assert ours[1][0] == pytest.approx(theirs[1][0], abs=1e-6)  # Spearman
    assert ours[2] == pytest.approx(theirs[2])  # OOV %


@pytest.mark.slow
def test_wikipedia_quality_in_the_reference_range(wiki_demo):
    """The reference C code with these settings: WordSim-353 Spearman 0.22-0.25, analogy
    2.1-2.8% of the questions seen, final loss ~0.0265 (its bias step lacks the learning rate).
    One seed of the blocked schedule: analogies within one seed's noise of that range (1.99%
    with seed 0); the means over 3 seeds, >= 2.0%, are asserted in tests/test_schedule.py."""
    model, kv = wiki_demo
    ws = evaluate.word_similarity(kv, datasets.wordsim353_path())
    an = evaluate.analogy_accuracy(kv, datasets.analogy_questions_path())
    assert ws.spearman >= 0.22
    assert an.accuracy >= 0.018
    assert 0.024 < model.loss_history_[-1] < 0.028


@pytest.mark.slow
def test_planted_world_analogies_are_solved(tmp_path):
    world = datasets.planted_corpus(seed=0)
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), 15)
    kv = gl.GloVe(vector_size=50, x_max=10.0, epochs=50, random_state=0).fit(X) \
        .to_keyed_vectors(vocab)
    result = evaluate.analogy_accuracy(kv, world.write_questions(tmp_path / "planted.txt"))
    assert [s.name for s in result.sections] == list(world.sections)
    for section in result.sections:  # every relation is learnt, each question answered
        questions = world.sections[section.name]
        assert section.seen == section.total == len(questions) > 0, section
        assert section.correct >= 0.9 * section.seen, result.table()
    # and the answers are the planted ones, asked one by one
    for name, questions in world.sections.items():
        right = sum(kv.analogy(a, b, c) == d for a, b, c, d in questions)
        assert right >= 0.9 * len(questions), name
    assert result.total.seen == world.n_questions
    assert result.accuracy >= 0.95, result.table()


def test_hand_made_questions_count_seen_and_unseen(tmp_path):
    kv = gl.KeyedVectors(["king", "queen", "man", "woman"],
                         np.array([[1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 0, 1.0]]))
    path = tmp_path / "q.txt"
    path.write_text(": royal\nman king woman queen\nMAN KING WOMAN QUEEN\nman king woman prince\n"
                    ": other\nking queen man woman\n")
    r = evaluate.analogy_accuracy(kv, path)
    assert [(s.correct, s.seen, s.total) for s in r.sections] == [(2, 2, 3), (1, 1, 1)]
    r2 = evaluate.analogy_accuracy(kv, path, dummy4unknown=True)
    assert r2.sections[0].seen == 3
    assert "royal" in r.table()


def test_malformed_evaluation_files(tmp_path):
    kv = gl.KeyedVectors(["a", "b"], np.eye(2))
    bad = tmp_path / "q.txt"
    bad.write_text("a b a b\n")
    with pytest.raises(ValueError, match="before the first"):
        evaluate.analogy_accuracy(kv, bad)
    bad.write_text(": s\na b a\n")
    with pytest.raises(ValueError, match=":2: expected 4 words"):
        evaluate.analogy_accuracy(kv, bad)
    bad.write_text("a\tb\tnot-a-number\n")
    with pytest.raises(ValueError, match=":1:"):
        evaluate.word_similarity(kv, bad)
    bad.write_text("a\tz\t1.0\n")
    with pytest.raises(ValueError, match="cannot correlate"):
        evaluate.word_similarity(kv, bad)


def test_semantic_syntactic_and_total_sums_and_the_table():
    # 14 sections as in questions-words.txt: section k has k correct of 2k seen of 3k in the file
    sections = [evaluate.SectionScore(f"s{k}", k, 2 * k, 3 * k) for k in range(1, 15)]
    r = evaluate.AnalogyResult(sections)
    assert (r.semantic.correct, r.semantic.seen, r.semantic.total) == (15, 30, 45)  # 1..5
    assert (r.syntactic.correct, r.syntactic.seen, r.syntactic.total) == (90, 180, 270)  # 6..14
    assert (r.total.correct, r.total.seen, r.total.total) == (105, 210, 315)
    assert r.accuracy == 0.5 and r.total.coverage == pytest.approx(2 / 3)
    assert (r.semantic.name, r.syntactic.name, r.total.name) == ("semantic", "syntactic", "total")
    rows = r.table().splitlines()
    assert len(rows) == 1 + 14 + 3 and rows[0].split() == ["section", "correct", "seen", "total",
                                                           "acc", "%", "seen", "%"]
    assert rows[3].split() == ["s3", "3", "6", "9", "50.0", "66.7"]
    assert rows[-3].split() == ["semantic", "15", "30", "45", "50.0", "66.7"]
    assert rows[-1].split() == ["total", "105", "210", "315", "50.0", "66.7"]
    assert str(r) == r.table()
    short = evaluate.AnalogyResult(sections[:2]).table().splitlines()  # no semantic split
    assert [row.split()[0] for row in short[1:]] == ["s1", "s2", "total"]
    assert evaluate.SectionScore("empty").accuracy == 0.0 == evaluate.SectionScore("e").coverage
