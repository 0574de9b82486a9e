"""Judging word vectors: analogy accuracy and word-similarity correlation.

* :func:`analogy_accuracy` -- questions "a b c d" (a is to b as c is to d) in sections, as in
  questions-words.txt (Mikolov et al., 2013).  The answer is the word closest to b - a + c
  (3CosAdd, or 3CosMul) among the first ``restrict_vocab`` words, the three query words excluded,
  as the reference evaluation (GloVe's ``eval/python/evaluate.py``) and gensim do.  A question
  with a word outside those is *not seen*: it is skipped and counted, and accuracy is over the
  questions seen (the paper's convention).  The first five sections are semantic, the rest
  syntactic.
* :func:`word_similarity` -- Spearman (and Pearson) correlation between cosine similarity and
  human judgements (WordSim-353, SimLex-999), with the share of pairs out of vocabulary.

Both give the same numbers as gensim's ``evaluate_word_analogies`` / ``evaluate_word_pairs`` on
the same vectors (tested).  Used in notebooks/05_evaluating.ipynb.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from .corpus import open_text

__all__ = ["analogy_accuracy", "AnalogyResult", "SectionScore", "word_similarity",
           "WordPairResult", "read_analogies"]

N_SEMANTIC = 5  # the first five sections of questions-words.txt are semantic


@dataclass
class SectionScore:
    """One section: ``correct`` of ``seen`` questions answered, ``total`` in the file."""

    name: str
    correct: int = 0
    seen: int = 0
    total: int = 0
    right: list = field(default_factory=list, repr=False)
    wrong: list = field(default_factory=list, repr=False)

    @property
    def accuracy(self) -> float:
        return self.correct / self.seen if self.seen else 0.0

    @property
    def coverage(self) -> float:
        return self.seen / self.total if self.total else 0.0


@dataclass
class AnalogyResult:
    """Per-section scores, with semantic / syntactic / total."""

    sections: list[SectionScore]

    def _sum(self, name: str, parts: list[SectionScore]) -> SectionScore:
        return SectionScore(name, sum(s.correct for s in parts), sum(s.seen for s in parts),
                            sum(s.total for s in parts))

    @property
    def semantic(self) -> SectionScore:
        return self._sum("semantic", self.sections[:N_SEMANTIC])

    @property
    def syntactic(self) -> SectionScore:
        return self._sum("syntactic", self.sections[N_SEMANTIC:])

    @property
    def total(self) -> SectionScore:
        return self._sum("total", self.sections)

    @property
    def accuracy(self) -> float:
        """Accuracy over all questions seen."""
        return self.total.accuracy

    def table(self) -> str:
        """A plain-text table: section, correct, seen, total, accuracy %, seen %."""
        lines = [f"{'section':<28}{'correct':>8}{'seen':>7}{'total':>7}{'acc %':>8}{'seen %':>8}"]
        rows = list(self.sections)
        if len(self.sections) > N_SEMANTIC:
            rows += [self.semantic, self.syntactic]
        for s in rows + [self.total]:
            lines.append(f"{s.name:<28}{s.correct:>8}{s.seen:>7}{s.total:>7}"
                         f"{100 * s.accuracy:>8.1f}{100 * s.coverage:>8.1f}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def gensim_sections(self) -> list[dict]:
        """The sections as gensim's ``evaluate_word_analogies`` returns them."""
        out = [{"section": s.name, "correct": s.right, "incorrect": s.wrong}
               for s in self.sections]
        out.append({"section": "Total accuracy",
                    "correct": [q for s in self.sections for q in s.right],
                    "incorrect": [q for s in self.sections for q in s.wrong]})
        return out


def _allowed(kv, restrict_vocab: int, case_insensitive: bool):
    """(normalize, {normalized word: row}) over the first ``restrict_vocab`` words; on a clash
    after normalizing, the first (most frequent) word wins, as in gensim."""
    norm = str.upper if case_insensitive else (lambda w: w)
    keys = kv.index_to_key[:restrict_vocab]
    return norm, {norm(k): i for i, k in reversed(list(enumerate(keys)))}


def read_analogies(path: str | os.PathLike) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Read a questions-words file: a list of (section name, [(a, b, c, d), ...]).

    Raises
    ------
    ValueError
        A question before any ``: section`` line, or a line that is not four words (line number
        given), or no question at all.
    """
    sections: list[tuple[str, list]] = []
    with open_text(path, what="analogy questions file") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith(":"):
                sections.append((line[1:].strip(), []))
                continue
            words = line.split()
            if not words:
                continue
            if not sections:
                raise ValueError(f"{path}:{lineno}: a question before the first ': section' line")
            if len(words) != 4:
                raise ValueError(f"{path}:{lineno}: expected 4 words, got {len(words)}")
            sections[-1][1].append(tuple(words))
    if not any(qs for _, qs in sections):
        raise ValueError(f"{path}: no analogy questions found")
    return sections


def analogy_accuracy(kv, path: str | os.PathLike, restrict_vocab: int = 300_000,
                     case_insensitive: bool = True, method: str = "add",
                     dummy4unknown: bool = False, batch_size: int = 512) -> AnalogyResult:
    """Accuracy on analogy questions, per section.

    Parameters
    ----------
    kv : KeyedVectors
    path : path-like
        A questions-words file (e.g. :func:`glovelib.datasets.analogy_questions_path`).
    restrict_vocab : int, default 300000
        Only the first (most frequent) words are candidates and may appear in a seen question.
    case_insensitive : bool, default True
        Match words ignoring case (the file is capitalized, vectors usually lowercase).
    method : {"add", "mul"}
        3CosAdd or 3CosMul.
    dummy4unknown : bool, default False
        Count unseen questions as wrong (and seen) instead of skipping them.

    Returns
    -------
    AnalogyResult
    """
    if method not in ("add", "mul"):
        raise ValueError(f"method must be 'add' or 'mul', got {method!r}")
    norm, ok = _allowed(kv, restrict_vocab, case_insensitive)
    normed = kv.get_normed_vectors()[:restrict_vocab]
    result = AnalogyResult([])
    for name, questions in read_analogies(path):
        score = SectionScore(name, total=len(questions))
        result.sections.append(score)
        known = []
        for q in questions:
            q = tuple(norm(w) for w in q)
            if all(w in ok for w in q):
                known.append(q)
            elif dummy4unknown:
                score.seen += 1
                score.wrong.append(q)
        for start in range(0, len(known), batch_size):
            batch = known[start:start + batch_size]
            ids = np.array([[ok[w] for w in q] for q in batch])  # (n, 4): a, b, c, expected
            a, b, c = normed[ids[:, 0]], normed[ids[:, 1]], normed[ids[:, 2]]
            if method == "add":
                query = b + c - a
                query /= np.maximum(np.linalg.norm(query, axis=1, keepdims=True), 1e-30)
                scores = (query @ normed.T).astype(np.float64)  # (n, V)
            else:
                cos = [(1.0 + (x @ normed.T).astype(np.float64)) / 2.0 for x in (a, b, c)]
                scores = cos[1] * cos[2] / (cos[0] + 1e-3)
            rows = np.arange(len(batch))
            for k in range(3):
                scores[rows, ids[:, k]] = -np.inf
            predicted = scores.argmax(axis=1)
            for q, p, want in zip(batch, predicted, ids[:, 3], strict=True):
                score.seen += 1
                if p == want:
                    score.correct += 1
                    score.right.append(q)
                else:
                    score.wrong.append(q)
    return result


@dataclass
class WordPairResult:
    """Correlation of model similarities with human scores."""

    spearman: float
    spearman_p: float
    pearson: float
    pearson_p: float
    n_pairs: int
    n_used: int

    @property
    def oov_ratio(self) -> float:
        """Share of pairs with a word out of vocabulary (0..1)."""
        return 1.0 - self.n_used / self.n_pairs if self.n_pairs else 0.0

    def __str__(self) -> str:
        return (f"Spearman {self.spearman:.3f}, Pearson {self.pearson:.3f} on {self.n_used} of "
                f"{self.n_pairs} pairs ({100 * self.oov_ratio:.1f}% out of vocabulary)")


def word_similarity(kv, path: str | os.PathLike, delimiter: str = "\t",
                    restrict_vocab: int = 300_000, case_insensitive: bool = True,
                    dummy4unknown: bool = False) -> WordPairResult:
    """Spearman and Pearson correlation between cosine similarity and human scores.

    ``path`` has lines ``word1<delimiter>word2<delimiter>score``; lines starting with ``#`` are
    comments.  Pairs with a word outside the first ``restrict_vocab`` words are skipped (or scored
    0 with ``dummy4unknown``), as gensim does.

    Raises
    ------
    ValueError
        A malformed line (line number given), or fewer than 2 usable pairs.
    """
    norm, ok = _allowed(kv, restrict_vocab, case_insensitive)
    normed = kv.get_normed_vectors()
    gold, model, n_pairs, n_used = [], [], 0, 0
    with open_text(path, what="word-pairs file") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split(delimiter)
            try:
                w1, w2, human = norm(parts[0]), norm(parts[1]), float(parts[2])
            except (IndexError, ValueError):
                raise ValueError(f"{path}:{lineno}: expected 'word1{delimiter}word2{delimiter}"
                                 f"score', got {line.strip()[:80]!r}") from None
            n_pairs += 1
            if w1 not in ok or w2 not in ok:
                if dummy4unknown:
                    gold.append(human)
                    model.append(0.0)
                continue
            n_used += 1
            gold.append(human)
            model.append(float(normed[ok[w1]] @ normed[ok[w2]]))
    from scipy import stats  # imported when needed

    if len(gold) < 2:
        raise ValueError(f"{path}: only {len(gold)} of {n_pairs} pairs are in the vocabulary; "
                         "cannot correlate")
    s = stats.spearmanr(gold, model)
    p = stats.pearsonr(gold, model)
    return WordPairResult(float(s.statistic), float(s.pvalue), float(p.statistic),
                          float(p.pvalue), n_pairs, n_used)
