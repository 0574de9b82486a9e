"""The planted world: a synthetic corpus whose relations are known (a teaching model itself).

Words of four relations taken from the Google analogy sections (countries and capitals, gender
pairs, plurals, past tenses) are written into sentences with context words drawn from a
log-linear generator in the spirit of Arora et al. (2016; not their random-walk model) over
hidden meanings u_concept + u_role.  Under that model
log counts are linear in the meanings -- GloVe's own assumption -- so vectors trained on the corpus
should solve its analogies nearly perfectly: a model that fails here has a bug.

The text is synthetic (English words, not English).  Used in notebooks/00_welcome.ipynb and
05_evaluating.ipynb; reached as ``glovelib.datasets.planted_corpus``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._io import atomic_open, scratch_path

__all__ = ["PlantedWorld", "planted_corpus"]

# Word pairs taken from sections of the Google analogy set (Mikolov et al., 2013), so that those
# sections' questions apply to vectors trained on the planted corpus.
_CAPITALS = [
    ("athens", "greece"), ("baghdad", "iraq"), ("bangkok", "thailand"), ("beijing", "china"),
    ("berlin", "germany"), ("bern", "switzerland"), ("cairo", "egypt"), ("canberra", "australia"),
    ("hanoi", "vietnam"), ("havana", "cuba"), ("helsinki", "finland"), ("islamabad", "pakistan"),
    ("kabul", "afghanistan"), ("london", "england"), ("madrid", "spain"), ("moscow", "russia"),
    ("oslo", "norway"), ("ottawa", "canada"), ("paris", "france"), ("rome", "italy"),
    ("stockholm", "sweden"), ("tehran", "iran"), ("tokyo", "japan"),
]
_FAMILY = [
    ("boy", "girl"), ("brother", "sister"), ("dad", "mom"), ("father", "mother"),
    ("grandfather", "grandmother"), ("grandpa", "grandma"), ("grandson", "granddaughter"),
    ("groom", "bride"), ("husband", "wife"), ("king", "queen"), ("man", "woman"),
    ("nephew", "niece"), ("policeman", "policewoman"), ("prince", "princess"), ("son", "daughter"),
    ("stepbrother", "stepsister"), ("stepfather", "stepmother"), ("stepson", "stepdaughter"),
    ("uncle", "aunt"),
]
_PLURALS = [
    ("banana", "bananas"), ("bird", "birds"), ("bottle", "bottles"), ("building", "buildings"),
    ("car", "cars"), ("cat", "cats"), ("cloud", "clouds"), ("color", "colors"),
    ("computer", "computers"), ("cow", "cows"), ("dog", "dogs"), ("dollar", "dollars"),
    ("donkey", "donkeys"), ("dream", "dreams"), ("eagle", "eagles"), ("elephant", "elephants"),
    ("eye", "eyes"), ("finger", "fingers"), ("goat", "goats"), ("hand", "hands"),
    ("horse", "horses"), ("lion", "lions"), ("machine", "machines"), ("mango", "mangoes"),
    ("melon", "melons"), ("monkey", "monkeys"), ("mouse", "mice"), ("onion", "onions"),
    ("pear", "pears"), ("pig", "pigs"), ("pineapple", "pineapples"), ("rat", "rats"),
    ("road", "roads"), ("snake", "snakes"),
]
_PAST = [
    ("dancing", "danced"), ("decreasing", "decreased"), ("describing", "described"),
    ("enhancing", "enhanced"), ("falling", "fell"), ("feeding", "fed"), ("flying", "flew"),
    ("generating", "generated"), ("going", "went"), ("hiding", "hid"), ("hitting", "hit"),
    ("implementing", "implemented"), ("increasing", "increased"), ("jumping", "jumped"),
    ("knowing", "knew"), ("listening", "listened"), ("looking", "looked"), ("moving", "moved"),
    ("paying", "paid"), ("playing", "played"), ("predicting", "predicted"), ("reading", "read"),
    ("running", "ran"), ("saying", "said"), ("screaming", "screamed"), ("seeing", "saw"),
    ("selling", "sold"), ("shrinking", "shrank"), ("singing", "sang"), ("sitting", "sat"),
    ("sleeping", "slept"), ("slowing", "slowed"), ("spending", "spent"), ("striking", "struck"),
    ("swimming", "swam"), ("taking", "took"), ("thinking", "thought"), ("vanishing", "vanished"),
    ("walking", "walked"), ("writing", "wrote"),
]
_RELATIONS = [
    ("capital-common-countries", _CAPITALS), ("family", _FAMILY), ("gram8-plural", _PLURALS),
    ("gram7-past-tense", _PAST),
]
# Context words: the words that surround the words of the world.  Real English words, none of
# them a word of the relations above; their prior frequency follows a Zipf law.
_CONTEXT = """
the of and to in a is that for it as was with be by on not this are from at or an have which
but they had their were all there been has more we can so if when would who what about out up
its into than them only other some could time also two may then first any these like over such
our new because most just through where much before between should well very those both own
red blue green yellow black white golden silver bright dark warm cool quiet loud soft hard
ancient modern famous rare common strange gentle wild northern southern eastern western river
mountain forest desert island valley ocean lake garden market village harbor bridge tower castle
temple school museum library factory farm field meadow stone glass iron wooden paper silk cotton
bread rice cheese honey apple orange lemon sugar salt pepper music song poem story picture dance
game sport winter summer spring autumn morning evening night sunrise thunder rain snow wind storm
""".split()


@dataclass
class PlantedWorld:
    """A synthetic corpus with known relations.

    Attributes
    ----------
    documents : list of list of str
        One sentence per document.
    sections : dict
        Analogy section name -> list of (a, b, c, d) questions ("a is to b as c is to d").
    pairs : dict
        Section name -> the word pairs of that relation.
    """

    documents: list[list[str]]
    sections: dict[str, list[tuple[str, str, str, str]]]
    pairs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def n_questions(self) -> int:
        return sum(len(q) for q in self.sections.values())

    def write_questions(self, path: str | os.PathLike | None = None) -> Path:
        """Write the questions in the questions-words.txt format (``: section`` headers).

        ``path=None`` (what the notebooks use): a file of this Python process's own, in a
        temporary folder removed when the process ends -- two notebooks open at once in one
        folder never write, read or delete each other's file, and nothing is left behind.
        """
        if path is None:
            path = scratch_path("planted-questions.txt")
        lines = []
        for name, questions in self.sections.items():
            lines.append(f": {name}")
            lines.extend(" ".join(q) for q in questions)
        with atomic_open(path) as f:
            f.write(("\n".join(lines) + "\n").encode("utf-8"))
        return Path(path)

    def write_corpus(self, path: str | os.PathLike) -> Path:
        """Write the documents as a text file, one per line."""
        with atomic_open(path) as f:
            f.write("".join(" ".join(d) + "\n" for d in self.documents).encode("utf-8"))
        return Path(path)


def planted_corpus(n_sentences: int = 100_000, seed: int = 0, latent_dim: int = 24,
                   sharpness: float = 0.6, context_per_sentence: tuple[int, int] = (6, 10)
                   ) -> PlantedWorld:
    """Generate sentences from a small world whose relations are planted.

    Every word of the world is a (concept, role) pair -- "paris" is (paris/france, capital),
    "queen" is (king/queen, female) -- and has a hidden meaning u_w = u_concept + u_role, random
    vectors of ``latent_dim`` numbers.  A sentence about w holds w and a few context words j
    drawn with probability

        p(j | w)  proportional to  prior_j * exp(sharpness * u_w . z_j)

    (z_j random, prior_j Zipfian): a log-linear generator in the spirit of Arora et al. (2016),
    not their random-walk model, under which log counts are linear in the meanings -- GloVe's
    own assumption.  So "paris - france + italy"
    should land on "rome", and a model that fails here has a bug, not a hard problem.

    The text is synthetic: English words, not English.

    Parameters
    ----------
    n_sentences : int, default 100000
    seed : int, default 0
    latent_dim : int, default 24
        Size of the hidden meanings.
    sharpness : float, default 0.6
        How strongly meaning shapes the context (0: contexts are pure Zipfian filler).
    context_per_sentence : (int, int), default (6, 10)
        Inclusive range of context words per sentence.

    Returns
    -------
    PlantedWorld
    """
    if n_sentences < 1:
        raise ValueError(f"n_sentences must be >= 1, got {n_sentences}")
    rng = np.random.default_rng(seed)
    words, meanings, sections, pairs = [], [], {}, {}
    for name, relation_pairs in _RELATIONS:
        pairs[name] = list(relation_pairs)
        sections[name] = [(a, b, c, d) for a, b in relation_pairs for c, d in relation_pairs
                          if (a, b) != (c, d)]
        role_a, role_b = rng.normal(size=(2, latent_dim))
        for a, b in relation_pairs:
            concept = rng.normal(size=latent_dim)
            words += [a, b]
            meanings += [concept + role_a, concept + role_b]
    z = rng.normal(size=(len(_CONTEXT), latent_dim)) / np.sqrt(latent_dim) * 2.0
    log_prior = -np.log(np.arange(1, len(_CONTEXT) + 1))  # Zipf, in the listed order
    logits = log_prior + sharpness * np.array(meanings) @ z.T  # (words, contexts)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    cdf = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)
    lo, hi = context_per_sentence
    docs = []
    for w in rng.integers(len(words), size=n_sentences):
        k = int(rng.integers(lo, hi + 1))
        ctx = np.minimum(np.searchsorted(cdf[w], rng.random(k)), len(_CONTEXT) - 1)
        sentence = [words[w]] + [_CONTEXT[j] for j in ctx]
        docs.append([sentence[i] for i in rng.permutation(len(sentence))])
    return PlantedWorld(docs, sections, pairs)
