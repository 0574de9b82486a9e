"""The course's corpora and evaluation sets.

* :func:`toy_corpus` -- thirty sentences written for this course, small enough to count by hand.
* :func:`planted_corpus` -- a *synthetic* world whose relations are known (countries and capitals,
  gender pairs, plurals, past tenses, over Zipfian filler), with its own analogy questions.
* :func:`wikipedia_sample` / :func:`lee_corpus` -- real English text that ships inside the installed
  gensim package (its test data), cleaned and cached under ``data/cache`` (never committed).
* :func:`zipf_corpus` -- a text8-sized synthetic Zipfian corpus for benchmarks.
* :func:`download_text8` -- text8, for readers with internet: checksum, cache, atomic write.
* :func:`analogy_questions_path`, :func:`wordsim353_path`, :func:`simlex999_path` -- evaluation
  sets from the installed gensim package.

See data/README.md for every source and its licence.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._io import atomic_open
from .corpus import LineCorpus

__all__ = [
    "data_home", "toy_corpus", "planted_corpus", "PlantedWorld", "wikipedia_sample", "lee_corpus",
    "zipf_corpus", "zipf_words", "download_text8", "analogy_questions_path", "wordsim353_path",
    "simlex999_path", "gensim_test_file",
]


def data_home() -> Path:
    """Where downloaded and derived data are cached.

    ``$GLOVELIB_DATA`` if set; else ``data/cache`` of the course repository when glovelib is
    installed from it (``pip install -e .``); else ``~/.cache/glovelib``.
    """
    env = os.environ.get("GLOVELIB_DATA")
    if env:
        path = Path(env)
    else:
        repo = Path(__file__).resolve().parent.parent
        if (repo / "pyproject.toml").exists() and (repo / "data").is_dir():
            path = repo / "data" / "cache"
        else:
            path = Path.home() / ".cache" / "glovelib"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- toy corpus

_TOY = """\
ice is cold and solid
steam is hot and gas
ice and steam are forms of water
water is a liquid
the ice melts into water
the water boils into steam
steam condenses into water
water freezes into ice
ice is solid water
steam is water as gas
the cold ice floats on water
the hot steam rises from water
fashion is not solid and not gas
fashion changes every year
a king rules a kingdom
a queen rules a kingdom
the king is a man
the queen is a woman
a man and a woman walk
the king and the queen walk
paris is the capital of france
rome is the capital of italy
berlin is the capital of germany
madrid is the capital of spain
france and italy are countries
germany and spain are countries
the cat sat on the mat
the dog sat on the mat
a cat and a dog play
cats and dogs play
"""


def toy_corpus() -> list[str]:
    """Thirty short sentences written for the course (one document each), to count by hand.

    Returns
    -------
    list of str
        Lowercase sentences whose tokens are separated by single spaces.
    """
    return _TOY.splitlines()


# --------------------------------------------------------------------------- planted world

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

    def write_questions(self, path: str | os.PathLike) -> Path:
        """Write the questions in the questions-words.txt format (``: section`` headers)."""
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

    (z_j random, prior_j Zipfian): the log-linear model of Arora et al. (2016), under which
    log counts are linear in the meanings -- GloVe's own assumption.  So "paris - france + italy"
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


# --------------------------------------------------------------------------- gensim's test data


def gensim_test_file(name: str) -> Path:
    """Path of a file in the installed gensim package's test data."""
    try:
        from gensim.test.utils import datapath
    except ImportError as exc:  # pragma: no cover - gensim is a course dependency
        raise ImportError("this data set ships with gensim: pip install gensim") from exc
    path = Path(datapath(name))
    if not path.exists():
        raise FileNotFoundError(f"{name} is not in this gensim installation ({path})")
    return path


def analogy_questions_path() -> Path:
    """The Google analogy questions, questions-words.txt (19,544 questions in 14 sections)."""
    return gensim_test_file("questions-words.txt")


def wordsim353_path() -> Path:
    """WordSim-353 (Finkelstein et al., 2002): tab-separated word1, word2, mean human score."""
    return gensim_test_file("wordsim353.tsv")


def simlex999_path() -> Path:
    """SimLex-999 (Hill et al., 2015): tab-separated word1, word2, mean human score."""
    return gensim_test_file("simlex999.txt")


_WIKI = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"


def _cache_text(name: str, make_docs, cache_dir: str | os.PathLike | None) -> Path:
    path = Path(cache_dir) if cache_dir else data_home()
    path.mkdir(parents=True, exist_ok=True)
    path = path / name
    if not path.exists():
        with atomic_open(path) as f:
            for doc in make_docs():
                if doc:
                    f.write((" ".join(doc) + "\n").encode("utf-8"))
    return path


def wikipedia_sample(cache_dir: str | os.PathLike | None = None) -> LineCorpus:
    """The English Wikipedia sample from gensim's test data, one article a line.

    Cleaned as gensim's ``WikiCorpus`` does by default (markup stripped, lowercase, tokens of 2-15
    letters, articles under 50 tokens and redirects dropped): 106 articles, 452,944 tokens, 9,002
    words with count >= 5.  Built once and cached as text under :func:`data_home`.

    Returns
    -------
    LineCorpus
    """
    def docs() -> Iterator[list[str]]:
        from gensim.corpora.wikicorpus import WikiCorpus
        wiki = WikiCorpus(str(gensim_test_file(_WIKI)), dictionary={}, processes=1)
        yield from wiki.get_texts()

    return LineCorpus(_cache_text("enwiki-sample.txt", docs, cache_dir))


def lee_corpus(cache_dir: str | os.PathLike | None = None) -> LineCorpus:
    """The Lee news corpus (lee_background.cor, 300 Australian news stories) from gensim's test
    data, lowercased and tokenized as the Wikipedia sample (one story a line)."""
    def docs() -> Iterator[list[str]]:
        from gensim.corpora.wikicorpus import tokenize
        with open(gensim_test_file("lee_background.cor"), encoding="utf-8", errors="replace") as f:
            for line in f:
                yield tokenize(line)

    return LineCorpus(_cache_text("lee-background.txt", docs, cache_dir))


# --------------------------------------------------------------------------- synthetic Zipf

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 syllables


def zipf_words(n: int) -> list[str]:
    """``n`` distinct pronounceable pseudo-words; word r is rank r's name (bijective base 70)."""
    out = []
    k = len(_SYLLABLES)
    for r in range(n):
        parts = []
        r += 1
        while r > 0:
            r -= 1
            parts.append(_SYLLABLES[r % k])
            r //= k
        out.append("".join(reversed(parts)))
    return out


def _zipf_probabilities(n_types: int, knee: int, tail_exponent: float, shift: float) -> np.ndarray:
    # Zipf-Mandelbrot with exponent 1 up to the knee, steeper beyond: like real text, whose rare
    # words fall off faster than 1/rank.
    r = np.arange(1, n_types + 1, dtype=np.float64)
    p = np.where(r <= knee, 1.0 / (r + shift),
                 (knee + shift) ** (tail_exponent - 1.0) * (r + shift) ** -tail_exponent)
    return p / p.sum()


def zipf_corpus(path: str | os.PathLike | None = None, n_tokens: int = 17_005_207,
                doc_length: int = 1000, seed: int = 0, n_types: int = 600_000,
                return_ids: bool = False):
    """A text8-sized synthetic corpus: independent draws from a Zipf-like law.

    With the defaults: 17,005,207 tokens (as text8), about 277k distinct types and about 73k
    types with count >= 5.  Words are pseudo-words (:func:`zipf_words`); the text has no meaning,
    only text8's size and frequency profile.  Use it to measure speed and memory.

    Parameters
    ----------
    path : path-like, optional
        Write the corpus here (``doc_length`` tokens a line), atomically; default: cached under
        :func:`data_home` as ``zipf-<n_tokens>-<seed>.txt``.
    n_tokens, doc_length, seed, n_types : int
    return_ids : bool, default False
        Return the rank array (int32, rank 0 = most probable) instead of writing text.

    Returns
    -------
    Path, or numpy.ndarray of int32 when ``return_ids``
    """
    rng = np.random.default_rng(seed)
    cdf = np.cumsum(_zipf_probabilities(n_types, knee=5000, tail_exponent=1.64, shift=0.5))
    ranks = np.minimum(np.searchsorted(cdf, rng.random(n_tokens)), n_types - 1).astype(np.int32)
    if return_ids:
        return ranks
    path = Path(path) if path else data_home() / f"zipf-{n_tokens}-{seed}.txt"
    if path.exists():
        return path
    names = np.array(zipf_words(int(ranks.max()) + 1), dtype=object)
    with atomic_open(path) as f:
        for start in range(0, n_tokens, doc_length):
            f.write((" ".join(names[ranks[start:start + doc_length]]) + "\n").encode("ascii"))
    return path


# --------------------------------------------------------------------------- text8

TEXT8_URL = "http://mattmahoney.net/dc/text8.zip"
# SHA-256 of the extracted 100,000,000-byte file "text8" (not of the zip).
TEXT8_SHA256 = "6e890197040d37d85beb962ae1f041ff1d9a9ca8d20c7d99c85027eebf51dca7"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def download_text8(url: str = TEXT8_URL, cache_dir: str | os.PathLike | None = None,
                   sha256: str | None = TEXT8_SHA256, force: bool = False,
                   progress: bool = True, timeout: float = 60.0) -> Path:
    """Download text8 (Mahoney's first 10^8 bytes of cleaned Wikipedia) once and cache it.

    Needs the internet; nothing else in glovelib does.  The zip is fetched into a temporary
    folder, the ``text8`` member extracted and its SHA-256 checked, and only then renamed into
    the cache: a failed or interrupted download, or a checksum mismatch, leaves nothing behind.

    Parameters
    ----------
    url : str
        Where the zip is (tests point this at a local server).
    cache_dir : path-like, optional
        Default :func:`data_home`.
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
        Network failure, a zip without a ``text8`` member, or a checksum mismatch.
    """
    folder = Path(cache_dir) if cache_dir else data_home()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "text8"
    if target.exists() and not force:
        return target
    tmp = Path(tempfile.mkdtemp(prefix=".text8-", dir=folder))
    try:
        archive = tmp / "text8.zip"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp, open(archive, "wb") as out:
                total = int(resp.headers.get("Content-Length") or 0)
                done = 0
                for block in iter(lambda: resp.read(1 << 20), b""):
                    out.write(block)
                    done += len(block)
                    if progress:
                        pct = f" ({100 * done / total:.0f}%)" if total else ""
                        print(f"\rtext8: {done / 1e6:.1f} MB{pct}", end="", file=sys.stderr)
            if progress:
                print(file=sys.stderr)
        except OSError as exc:
            raise OSError(f"could not download text8 from {url}: {exc}") from exc
        try:
            with zipfile.ZipFile(archive) as zf:
                if "text8" not in zf.namelist():
                    raise OSError(f"{url} is not the text8 archive (no 'text8' member)")
                zf.extract("text8", tmp)
        except zipfile.BadZipFile as exc:
            raise OSError(f"{url} did not send a valid zip file: {exc}") from exc
        got = _sha256(tmp / "text8")
        if sha256 is not None and got != sha256.lower():
            raise OSError(f"text8 checksum mismatch: expected sha256 {sha256}, got {got}; "
                          "the download is corrupt or not text8 (nothing was saved)")
        os.replace(tmp / "text8", target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
