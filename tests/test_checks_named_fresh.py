"""The wrong answers fresh students tried (third reading), each written as a student would write
it and fed to its check: the message names the mistake (what was done, what to do instead), a
wrong-shaped answer gives a CheckFailed that says what was expected (never a raw TypeError), and
the right answer still passes."""

from __future__ import annotations

import re

import numpy as np
import pytest
import scipy.sparse as sp

import glovelib as gl
from glovelib import checks, objective
from glovelib.checks import _core


def message(check, *args, **kwargs) -> str:
    with pytest.raises(checks.CheckFailed) as info:
        check(*args, **kwargs)
    text = str(info.value)
    assert "\n" not in text  # one line
    return text


def passes(capsys, check, *args, **kwargs):
    result = check(*args, **kwargs)
    assert capsys.readouterr().out.startswith("passed:")
    return result


@pytest.fixture(scope="module")
def world():
    return gl.datasets.planted_corpus(n_sentences=800, seed=0)


# --------------------------------------------------------------------------- notebook 00

def test_a_misspelt_word_is_named(world, capsys):
    mine = [("london", "england", "tokio", "japan"), ("uncle", "aunt", "nephew", "niece")]
    text = message(checks.check_planted_questions, mine, world)
    assert re.search(r"'tokio' is not a word of this world.*'tokyo'", text)
    passes(capsys, checks.check_planted_questions,
           [("london", "england", "tokyo", "japan"), ("uncle", "aunt", "nephew", "niece")], world)



def test_a_wrong_form_gets_the_word_its_relation_expects(world):
    text = message(checks.check_planted_questions, [("going", "went", "seeing", "seen")], world)
    assert re.search(r"'seen' is not a word of this world \('saw' is the word of "
                     r"gram7-past-tense that goes with 'seeing'\)", text)  # not 'sweden'


def test_capitalized_words_and_a_missing_relation_are_named(world, capsys):
    text = message(checks.check_planted_questions, [("Paris", "France", "rome", "italy")], world)
    assert re.search(r"'Paris' is capitalized.*lower-case \('paris'\)", text)
    two_of_one = [("london", "england", "tokyo", "japan"), ("paris", "france", "rome", "italy"),
                  ("uncle", "aunt", "nephew", "niece"), ("lion", "lions", "mouse", "mice")]
    text = message(checks.check_planted_questions, two_of_one, world, True)
    assert re.search(r"none asks about gram7-past-tense: write one question per relation", text)
    passes(capsys, checks.check_planted_questions,
           two_of_one + [("going", "went", "seeing", "saw")], world, True)


# --------------------------------------------------------------------------- notebook 02

def loop_gradients(mistake=None):
    """Notebook 02's loop, with one slip."""
    def gradients(p, X, x_max, alpha):
        gW, gWc = np.zeros_like(p.W), np.zeros_like(p.W_context)
        gb, gbc = np.zeros_like(p.b), np.zeros_like(p.b_context)
        Xc = sp.coo_matrix(X)
        for i, j, x in zip(Xc.row, Xc.col, Xc.data, strict=True):
            delta = p.W[i] @ p.W_context[j] + p.b[i] + p.b_context[j] - np.log(x)
            a = 1.0 if mistake == "alpha 1" else alpha
            f = min(1.0, (x / x_max) ** a)
            g = f * delta**2 if mistake == "delta squared" else f * delta
            g = 2 * g if mistake == "2 f delta" else g
            gW[i] += g * p.W_context[j]
            gWc[j] += g * (p.W_context[j] if mistake == "wrong vector" else p.W[i])
            gb[i] += g
            gbc[j] += g
        return objective.Weights(gW, gWc, gb, gbc)
    return gradients


@pytest.mark.parametrize("mistake, named", [
    ("alpha 1", r"alpha is written in as 1\b.*whatever alpha it is given.*pass alpha on"),
    ("2 f delta", r"twice the expected.*factor 1/2"),
    ("delta squared", r"f\(X_ij\) \* δ_ij\*\*2.*term of the loss.*g_ij = f\(X_ij\) \* δ_ij"),
    ("wrong vector", r"dJ/dW~ .*w~_j.*where w_i belongs.*gWc\[j\] \+= g \* W\[i\]"),
])
def test_notebook02_gradient_slips_are_named(mistake, named, capsys):
    assert re.search(named, message(checks.check_glove_gradients, loop_gradients(mistake)))
    passes(capsys, checks.check_glove_gradients, loop_gradients())


def prefix(last=False):
    def run(docs, n):
        out = []
        for doc in docs:
            if n <= 0:
                break
            out.append(doc[-n:] if last else doc[:n])  # the slip: the *last* n tokens
            n -= len(doc)
        return out
    return run


def prefix_from_the_end(docs, n):
    out = []
    for doc in reversed(docs):
        if n <= 0:
            break
        out.insert(0, doc[-n:])
        n -= len(doc)
    return out


@pytest.mark.parametrize("wrong", [prefix(last=True), prefix_from_the_end])
def test_prefix_of_the_last_tokens_is_named(wrong, capsys):
    assert re.search(r"\*last\*.*tokens.*first.*doc\[:n\]", message(checks.check_prefix, wrong))
    passes(capsys, checks.check_prefix, prefix())



def test_a_prefix_that_is_not_a_list_of_documents_is_named():
    assert re.search(r"one flat array of \d+ tokens: return a list of documents",
                     message(checks.check_prefix, lambda docs, n: np.concatenate(docs)[:n]))


def test_a_probability_that_is_not_one_number_is_named(capsys):
    docs = [line.split() for line in gl.datasets.toy_corpus()]
    vocab = gl.Vocabulary.build(docs)
    X = gl.count_cooccurrences(vocab.encode_documents(docs), len(vocab), 5).tocsr()
    rows, words = np.asarray(X.sum(axis=1)).ravel(), vocab.words[:4]
    text = message(checks.check_probability, lambda k, i: X[vocab[i]] / rows[vocab[i]], X,
                   vocab, words)
    assert re.search(r"returned a \w+ of shape \(1, \d+\), not one number", text)
    text = message(checks.check_probability,
                   lambda k, i: X[vocab[i], vocab[k]] / vocab.counts[vocab[i]], X, vocab, words)
    assert re.search(r"how often i occurs in the corpus \(vocab.counts\)", text)


# --------------------------------------------------------------------------- notebook 04

def test_adagrad_with_an_epsilon_is_named(capsys):
    def effective_step(learning_rate, g, n):
        return learning_rate * g / (np.sqrt(n * (learning_rate * g) ** 2) + 1e-12)

    text = message(checks.check_adagrad_step, effective_step)
    assert re.search(r"epsilon.*GloVe's AdaGrad.*sums? start at 1", text)
    passes(capsys, checks.check_adagrad_step,
           lambda lr, g, n: lr * g / np.sqrt(1 + n * (lr * g) ** 2))


# --------------------------------------------------------------------------- notebook 05

def test_notebook05_cosadd_of_three_words_is_named(capsys):
    rng = np.random.default_rng(0)
    kv = gl.KeyedVectors([f"w{i}" for i in range(10)], rng.normal(size=(10, 4)))
    unit = kv.vectors / np.linalg.norm(kv.vectors, axis=1, keepdims=True)
    words = kv.index_to_key

    def cosadd(a, b, c):  # notebook 05's model answer to exercise 3
        ia, ib, ic = (kv.key_to_index[w] for w in (a, b, c))
        score = unit @ (unit[ib] - unit[ia] + unit[ic])
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]

    text = message(checks.check_analogy, cosadd)
    assert re.search(r"`cosadd\(a, b, c\)`.*calls it as solve\(vectors, words, a, b, c\)", text)

    def solve(vectors, words, a, b, c):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        score = unit @ (unit[ib] - unit[ia] + unit[ic])
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]

    passes(capsys, checks.check_analogy, solve)


@pytest.mark.parametrize("check, wrong, named", [
    (checks.check_cosmul, lambda a, b, c: a, r"`<lambda>\(a, b, c\)` takes 3 arguments.*"
     r"calls it as solve\(vectors, words, a, b, c\)"),
    (checks.check_weighting, lambda x: x, r"takes 1 argument, .*weighting\(x, x_max, alpha\)"),
    (checks.check_adagrad_step, lambda lr, g: lr, r"step\(learning_rate, g, n\)"),
    (checks.check_counter, np.zeros((3, 3)), r"pass your function itself.*not ndarray"),
])
def test_a_function_with_other_parameters_is_named(check, wrong, named):
    assert re.search(named, message(check, wrong))


# --------------------------------------------------------------------------- notebook 07

@pytest.fixture(scope="module")
def senses():
    """Vectors with two senses of 'play' (games, theatre) and an antonym closer than a synonym."""
    rng = np.random.default_rng(0)
    game, stage, time = np.eye(8)[0], np.eye(8)[1], np.eye(8)[2]
    words, vectors = [], []

    def add(word, v):
        words.append(word)
        vectors.append(v + 0.05 * rng.normal(size=8))

    add("play", game + stage)
    for w in ("game", "games", "match", "sport"):
        add(w, game + 0.3 * stage)
    for w in ("theatre", "stage", "drama", "actor"):
        add(w, stage + 0.3 * game)
    add("early", time)
    add("late", time + 0.2 * np.eye(8)[3])
    add("initial", time + np.eye(8)[4])
    for k in range(20):
        add(f"filler{k}", rng.normal(size=8))
    return gl.KeyedVectors(words, np.array(vectors))


def test_antonym_arguments_swapped_are_named(senses, capsys):
    text = message(checks.check_antonym_closer, senses, "early", "late", "initial")
    assert re.search(r"\(kv, word, synonym, antonym\), in that order: check which of your two "
                     r"words is the antonym", text)  # not an invitation to swap until it passes
    passes(capsys, checks.check_antonym_closer, senses, "early", "initial", "late")


@pytest.mark.parametrize("sense_b", ["game", "games"])
def test_polysemy_with_one_sense_twice_is_named(senses, sense_b, capsys):
    text = message(checks.check_polysemy, senses, "play", "game", sense_b, anchor_topn=8)
    assert re.search(r"'game' and '" + sense_b + r"'.*(same word|same sense).*one word for "
                     r"each meaning", text)
    passes(capsys, checks.check_polysemy, senses, "play", "game", "theatre", anchor_topn=8)


# --------------------------------------------------------------------------- homework 1

def weighting(x, x_max, alpha):
    x = np.asarray(x, dtype=float)
    return np.where(x < x_max, (x / x_max) ** alpha, 1.0)


def weighting_one_over_alpha(x, x_max, alpha):
    x = np.asarray(x, dtype=float)
    return np.where(x < x_max, (x / x_max) ** (1 / alpha), 1.0)


def weighting_swapped(x, alpha, x_max):  # the parameters in the other order
    x = np.asarray(x, dtype=float)
    return np.where(x < x_max, (x / x_max) ** alpha, 1.0)


def weighting_floor(x, x_max, alpha):
    x = np.floor(np.asarray(x, dtype=float))  # "counts are integers"
    return np.where(x < x_max, (x / x_max) ** alpha, 1.0)


@pytest.mark.parametrize("wrong, named", [
    (weighting_one_over_alpha, r"exponent is 1 / alpha.*\(x / x_max\) \*\* alpha"),
    (weighting_swapped, r"x_max and alpha are swapped.*weighting\(x, x_max, alpha\)"),
    (weighting_floor, r"rounded x down.*counts are 1/d-weighted.*not integers"),
])
def test_homework1_weighting_slips_are_named(wrong, named, capsys):
    with np.errstate(over="ignore"):  # (x / 0.75) ** 100, in the student's function
        assert re.search(named, message(checks.check_weighting, wrong))
    passes(capsys, checks.check_weighting, weighting)


def loss(W, Wc, b, bc, X, x_max, alpha, mistake=None):
    C = sp.coo_matrix(X)
    rows, cols = (C.col, C.row) if mistake == "transposed" else (C.row, C.col)
    dots = ((W[rows] * Wc[cols]).sum() if mistake == "sum of all"
            else np.einsum("nd,nd->n", W[rows], Wc[cols]))
    diff = dots + b[rows] + bc[rows if mistake == "bc[i]" else cols] - np.log(C.data)
    J = 0.5 * float(np.sum(weighting(C.data, x_max, alpha) * diff**2))
    return J / X.nnz if mistake == "nnz" else J


@pytest.mark.parametrize("mistake, named", [
    ("transposed", r"rows and columns are swapped.*W\[row\].*Wc\[col\]"),
    ("nnz", r"mean over the nonzero entries.*\*sum\*"),
    ("bc[i]", r"context bias is indexed by the word.*bc\[j\].*not bc\[i\]"),
    ("sum of all", r"sums over \*every\* entry.*\.sum\(axis=1\)"),
])
def test_homework1_loss_slips_are_named(mistake, named, capsys):
    assert re.search(named, message(checks.check_loss, lambda *a: loss(*a, mistake=mistake)))
    passes(capsys, checks.check_loss, loss)


def gradients(W, Wc, b, bc, X, x_max, alpha):
    C = sp.coo_matrix(X)
    diff = np.einsum("nd,nd->n", W[C.row], Wc[C.col]) + b[C.row] + bc[C.col] - np.log(C.data)
    G = sp.csr_matrix((weighting(C.data, x_max, alpha) * diff, (C.row, C.col)), shape=X.shape)
    return (G @ Wc, G.T @ W, np.asarray(G.sum(axis=1)).ravel(),
            np.asarray(G.sum(axis=0)).ravel())


def gradients_transposed(W, Wc, b, bc, X, x_max, alpha):
    return gradients(W, Wc, b, bc, sp.csr_matrix(X).T, x_max, alpha)  # rows and columns swapped


def gradients_over_nnz(W, Wc, b, bc, X, x_max, alpha):
    return tuple(g / X.nnz for g in gradients(W, Wc, b, bc, X, x_max, alpha))  # a mean


@pytest.mark.parametrize("wrong, named", [
    (gradients_transposed, r"rows and columns are swapped.*W\[row\].*Wc\[col\]"),
    (gradients_over_nnz, r"divided the gradients by the number of nonzeros.*\*sum\*"),
])
def test_homework1_gradient_slips_are_named(wrong, named, capsys):
    assert re.search(named, message(checks.check_gradients, wrong))
    passes(capsys, checks.check_gradients, gradients)


def gradient_descent(mistake=None):
    def run(X, dim=10, eta=1e-3, steps=300, seed=0):
        p = gl.objective.init_weights(X.shape[0], dim, seed)
        params, history = list(p.arrays()), []
        x_max = 100.0 if mistake in ("x_max 100", "gradients at 100") else 10.0
        loss_x_max = 100.0 if mistake in ("x_max 100", "loss at 100") else 10.0
        for _ in range(steps):
            history.append(loss(*params, X, loss_x_max, 0.75))
            grads = gradients(*params, X, x_max, 0.75)
            if mistake == "mean":
                grads = [g / X.nnz for g in grads]
            for param, grad in list(zip(params, grads, strict=True))[
                    :1 if mistake == "W only" else 4]:
                param -= grad if mistake == "no eta" else eta * grad
        return params, history
    return run


@pytest.mark.parametrize("mistake, named", [
    ("no eta", r"eta is ignored.*param -= eta \* grad"),
    ("x_max 100", r"loss and gradients use the paper's x_max = 100.*task 4's x_max = 10"),
    ("gradients at 100", r"your gradients use the paper's x_max = 100.*task 4's x_max = 10"),
    ("loss at 100", r"the J you record uses the paper's x_max = 100.*task 4's x_max = 10"),
    ("W only", r"only W moves: W~, b and b~ are parameters too"),
    ("mean", r"\*mean\* gradient.*eta times the sum"),
])
def test_homework1_descent_slips_are_named(mistake, named, capsys):
    with np.errstate(over="ignore", invalid="ignore"):
        assert re.search(named, message(checks.check_gradient_descent, gradient_descent(mistake)))
    passes(capsys, checks.check_gradient_descent, gradient_descent())


def test_a_name_from_a_task_not_written_yet_says_write_that_task_first(capsys):
    """Homework 1: task 4 still at `raise NotImplementedError`, its check cell run, then the cell
    of the plot (which defines `runs`) stops, and the next cell, which reads `runs`, raises
    NameError: in Jupyter that is one line naming task 4."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    def gradient_descent(X, dim=10, eta=1e-3, steps=300, seed=0):
        raise NotImplementedError("your code here")

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell.instance(config=config)
    try:
        checks._show_in_ipython()
        shell.user_ns.update(gradient_descent=gradient_descent, checks=checks)
        for cell in ["checks.check_gradient_descent(gradient_descent)",
                     "runs = {1e-2: gradient_descent(None, eta=1e-2, steps=20)[1]}"]:
            shell.run_cell(cell, store_history=True)  # as Jupyter runs a cell
        capsys.readouterr()
        result = shell.run_cell("for eta, h in runs.items():\n    print(eta)", store_history=True)
        out = capsys.readouterr().out
        shell.run_cell("print(rnus)", store_history=True)  # a typo, task 4 still not written
        typo = capsys.readouterr().out
        shell.run_cell("print(later)", store_history=True)  # a cell not run yet
        not_run = capsys.readouterr().out
    finally:
        shell.set_custom_exc((), None)
        InteractiveShell.clear_instance()
    assert isinstance(result.error_in_exec, NameError)
    assert out.strip().splitlines() == [
        "\x1b[0;31mNameError\x1b[0m: 'runs' is not defined: the cell above that defines it "
        "stopped, because task 4 (`gradient_descent`) is not written yet: write it first, run "
        "its cell, then the cells below it in order"]
    assert "Traceback" in typo and "rnus" in typo  # a plain NameError keeps its traceback
    assert "Traceback" in not_run and "later" in not_run


def test_a_name_from_a_check_of_a_task_not_written_yet_names_that_task():
    """Homework 3: `planted_acc = checks.check_planted_accuracies(planted_accuracies, dims)`
    stopped (task 3.1 not written): the cell that reads `planted_acc` names task 3.1."""
    def planted_accuracies(dims, seed=0):
        raise NotImplementedError("your code here")

    ns = {"planted_accuracies": planted_accuracies, "solve": lambda *a: None,
          "In": ["", "planted_acc = checks.check_planted_accuracies(planted_accuracies, dims)"]}
    with pytest.raises(checks.CheckFailed, match="task 3.1 is not written yet"):
        checks.check_planted_accuracies(planted_accuracies, [2])
    line = _core.name_error_line(NameError("name 'planted_acc' is not defined",
                                           name="planted_acc"), ns)
    assert line is not None and line.startswith("'planted_acc' is not defined: ")
    assert "task 3.1 (`planted_accuracies`) is not written yet: write it first" in line
    ns["planted_accuracies"] = lambda dims, seed=0: [0.0]  # written: a plain NameError
    assert _core.name_error_line(NameError("x", name="planted_acc"), ns) is None


# --------------------------------------------------------------------------- homework 2

def count(mistake=None, symmetric=True):
    def run(docs, vocab_size, window):
        X = np.zeros((vocab_size, vocab_size), dtype=int if mistake == "int" else float)
        for doc in docs:
            for p, later in enumerate(doc):
                start = max(0, p - window) + (1 if mistake == "late" else 0)
                for q in range(start, p - 1 if mistake == "nearest" else p):
                    w = 1.0 / (p - q)
                    if mistake == "self 2/d" and doc[q] == later:
                        w = 2.0 / (p - q)
                    if mistake == "self skipped" and doc[q] == later:
                        continue
                    X[doc[q], later] += w
                    if symmetric:
                        X[later, doc[q]] += w
                if mistake == "twice":  # the right-hand window too, both halves again
                    for q in range(p + 1, min(len(doc), p + window + 1)):
                        X[doc[q], later] += 1.0 / (q - p)
                        X[later, doc[q]] += 1.0 / (q - p)
        return X
    return run


@pytest.mark.parametrize("mistake, named", [
    ("late", r"miss pairs within the window.*start one word late"
             r".*range\(max\(0, p - window\), p\)"),
    ("twice", r"twice.*each pair.*once"),
    ("nearest", r"skip the nearest neighbour.*stops one word early"),
    ("self skipped", r"word paired with itself is skipped.*2/d to X\[i, i\]"),
    ("int", r"whole numbers only \(an integer array\).*float array"),
])
def test_homework2_counter_slips_are_named(mistake, named, capsys):
    assert re.search(named, message(checks.check_counter, count(mistake)))
    passes(capsys, checks.check_counter, count())


@pytest.mark.parametrize("mistake, named", [
    ("self 2/d", r"left-only.*word paired with itself adds 1/d to X\[i, i\] once.*not 2/d"),
    ("self skipped", r"word paired with itself.*skipped.*adds 1/d to X\[i, i\]"),
])
def test_homework2_left_self_pair_slips_are_named(mistake, named, capsys):
    assert re.search(named, message(checks.check_left_counter, count(mistake, symmetric=False)))
    passes(capsys, checks.check_left_counter, count(symmetric=False))


# --------------------------------------------------------------------------- homework 3

@pytest.fixture(scope="module")
def trained(world, tmp_path_factory):
    vocab = gl.Vocabulary.build(world.documents)
    X = gl.count_cooccurrences(vocab.encode_documents(world.documents), len(vocab), 5)
    kv = gl.GloVe(vector_size=10, x_max=10.0, epochs=5, random_state=0).fit(X) \
        .to_keyed_vectors(vocab)
    questions = world.write_questions(tmp_path_factory.mktemp("fresh") / "questions.txt")
    return {"vocab": vocab, "X": X, "kv": kv, "questions": questions}


def accuracy(mistake=None):
    """Homework 3, task 2, with one slip."""
    def run(kv, path):
        words = list(kv.index_to_key)
        index = {w: i for i, w in enumerate(words)}
        unit = kv.vectors / np.linalg.norm(kv.vectors, axis=1, keepdims=True)
        result, section, correct, seen = {}, None, 0, 0
        for line in open(path, encoding="utf-8"):
            if line.startswith(":"):
                section = line[1:].strip()
                if mistake != "cumulative":
                    correct, seen = 0, 0
                result[section] = (correct, seen)
                continue
            q = line.split() if mistake == "capitalised" else line.lower().split()
            if len(q) != 4 or not all(w.lower() in index for w in q):
                continue
            ia, ib, ic = (index[w.lower()] for w in q[:3])
            score = unit @ (unit[ib] - unit[ia] + unit[ic])
            score[[ia, ib, ic]] = -np.inf
            correct += words[int(np.argmax(score))] == q[3]
            seen += 1
            result[section] = correct / seen if mistake == "fraction" else (correct, seen)
        return result
    return run


@pytest.mark.parametrize("mistake, named", [
    ("cumulative", r"carry over from one section to the next.*\(0, 0\)"),
    ("fraction", r"\(correct, seen\).*two counts.*not a fraction"),
    ("capitalised", r"lower-?case.*'Athens'|lower-?case.*answer"),
])
def test_homework3_accuracy_slips_are_named(trained, mistake, named, capsys):
    text = message(checks.check_section_accuracy, accuracy(mistake), trained["kv"],
                   trained["questions"])
    assert re.search(named, text)
    if mistake == "cumulative":
        assert "outside the vocabulary" not in text
    passes(capsys, checks.check_section_accuracy, accuracy(), trained["kv"], trained["questions"])


def planted_accuracies(trained, mean_of_sections=False, own=False):
    def run(dims, seed=0):
        acc = []
        for d in dims:
            kv = gl.GloVe(vector_size=d, x_max=10.0, epochs=30, random_state=seed) \
                .fit(trained["X"]).to_keyed_vectors(trained["vocab"])
            if own:  # task 2's accuracy, not glovelib's
                result = accuracy()(kv, trained["questions"])
                pairs = list(result.values())
            else:
                r = gl.evaluate.analogy_accuracy(kv, trained["questions"])
                pairs = [(s.correct, s.seen) for s in r.sections]
            if mean_of_sections:
                acc.append(float(np.mean([c / s for c, s in pairs if s])))
            else:
                acc.append(sum(c for c, _ in pairs) / sum(s for _, s in pairs))
        return acc
    return run


@pytest.mark.parametrize("own", [False, True])
def test_mean_of_section_accuracies_is_named(trained, own, capsys):
    text = message(checks.check_planted_accuracies,
                   planted_accuracies(trained, mean_of_sections=True, own=own), [4, 8])
    assert re.search(r"mean of the per-section accuracies.*overall.*correct.*seen", text)
    passes(capsys, checks.check_planted_accuracies, planted_accuracies(trained, own=own), [4, 8])


# ------------------------------------------------- the fourth reading's numbers-only messages

def test_prefix_that_stops_after_the_first_document_is_named(capsys):
    def stops_early(docs, n):
        out = []
        for doc in docs:
            if n <= 0:
                break
            out.append(doc[:n])
            n -= n  # the counter update the student wrote
        return out

    text = message(checks.check_prefix, stops_early)
    assert re.search(r"got \d+ tokens: your prefix stops early.*n -= len\(doc\)", text)


def test_adagrad_step_without_g_in_the_numerator_is_named(capsys):
    text = message(checks.check_adagrad_step, lambda lr, g, n: lr / np.sqrt(1 + n * (lr * g) ** 2))
    assert re.search(r"g is missing from the numerator", text)
    passes(capsys, checks.check_adagrad_step,
           lambda lr, g, n: lr * g / np.sqrt(1 + n * (lr * g) ** 2))


# ------------------------------------------------------- the fifth reading's unnamed mistakes

def _hand_count(kind):
    def hand_count(sentence, window):
        pairs = {}
        for p, right in enumerate(sentence):
            for q in range(max(0, p - window), p):
                left, d = sentence[q], p - q
                if kind == "no self" and left == right:
                    continue
                pairs[left, right] = pairs.get((left, right), 0) + (1 if kind == "half" else 1 / d)
                pairs[right, left] = pairs.get((right, left), 0) + 1 / d
        return pairs
    return hand_count


@pytest.mark.parametrize("kind, named", [
    ("half", r"one of your two lines adds 1 where the other adds 1/d"),
    ("no self", r"a word paired with itself is a pair too.*do not skip it"),
])
def test_notebook03_half_weighted_and_skipped_self_pairs_are_named(kind, named, capsys):
    sentence = "the cat sat on the mat and the cat saw the dog".split()
    assert re.search(named, message(checks.check_pair_counts, _hand_count(kind), sentence, 4))
    passes(capsys, checks.check_pair_counts, _hand_count(None), sentence, 4)


def _loop_gradients(kind):
    def grads(p, X, x_max, alpha):
        out = [np.zeros_like(a) for a in p.arrays()]
        C = sp.coo_matrix(X)
        x_max = 100.0 if kind == "x_max 100" else x_max
        for i, j, x in zip(C.row, C.col, C.data, strict=True):
            g = objective.weighting(x, x_max, alpha) * (p.W[i] @ p.W_context[j] + p.b[i]
                                                        + p.b_context[j] - np.log(x))
            out[0][i] += g * p.W_context[j]
            out[1][j] += g * p.W[i]
            if kind == "gb sign":
                out[2][i] -= g
            else:
                out[2][i] += g
            out[3][j] += g
        return objective.Weights(*out)
    return grads


@pytest.mark.parametrize("kind, named", [
    ("gb sign", r"^b disagrees .*dJ/db has the wrong sign: it adds \+g_ij"),
    ("x_max 100", r"x_max is written in as 100, the paper's"),
])
def test_notebook02_a_sign_and_a_written_in_x_max_are_named(kind, named, capsys):
    assert re.search(named, message(checks.check_glove_gradients, _loop_gradients(kind)))
    passes(capsys, checks.check_glove_gradients, _loop_gradients(None))


def test_homework1_alpha_as_a_factor_is_named(capsys):
    text = message(checks.check_weighting, lambda x, m, a: np.minimum(1, np.asarray(x) / m) * a)
    assert re.search(r"alpha multiplies: it is the exponent", text)


def loss_variant(kind):
    def wrong(W, Wc, b, bc, X, x_max, alpha):
        C = sp.coo_matrix(X)
        cols = C.row if kind == "Wc[i]" else C.col
        diff = (np.einsum("nd,nd->n", W[C.row], Wc[cols]) + b[C.row] + bc[C.col]
                - np.log(C.data))
        err = np.abs(diff) if kind == "abs" else diff**2
        return 0.5 * float(np.sum(weighting(C.data, x_max, alpha) * err))
    return wrong


@pytest.mark.parametrize("kind, named", [
    ("Wc[i]", r"context vector is indexed by the word: w~_j is Wc\[j\]"),
    ("abs", r"you took \|δ_ij\|: J squares the error"),
])
def test_homework1_context_row_and_absolute_error_are_named(kind, named, capsys):
    assert re.search(named, message(checks.check_loss, loss_variant(kind)))
    passes(capsys, checks.check_loss, loss_variant(None))


def test_homework1_descent_at_x_max_1_is_named(capsys):
    def run(X, dim=10, eta=1e-3, steps=300, seed=0):
        p = gl.objective.init_weights(X.shape[0], dim, seed)
        params, history = list(p.arrays()), []
        for _ in range(steps):
            history.append(loss(*params, X, 1.0, 0.75))
            for param, grad in zip(params, gradients(*params, X, 1.0, 0.75), strict=True):
                param -= eta * grad
        return params, history
    text = message(checks.check_gradient_descent, run)
    assert re.search(r"your loss and gradients use x_max = 1: use task 4's x_max = 10", text)


def test_homework2_one_over_d_plus_one_is_named(capsys):
    def counter(docs, vocab_size, window):
        X = np.zeros((vocab_size, vocab_size))
        for doc in docs:
            for p, right in enumerate(doc):
                for q in range(max(0, p - window), p):
                    X[doc[q], right] += 1 / (p - q + 1)
                    X[right, doc[q]] += 1 / (p - q + 1)
        return X
    assert re.search(r"each pair adds 1/\(d \+ 1\)", message(checks.check_counter, counter))


@pytest.mark.parametrize("pairs, named", [
    (lambda lengths, w: sum(w * n - w * (w + 1) / 2 for n in lengths),
     r"got -3 \(wL - w\(w\+1\)/2 counts each pair once and lets a short document go negative"),
    (lambda lengths, w: sum(2 * w * n - w * (w - 1) for n in lengths),
     r"2wL - w\(w - 1\) counts distances 0 to w - 1"),
    (lambda lengths, w: sum(2 * w * n for n in lengths), r"\(2wL counts w neighbours"),
])
def test_notebook08_window_pair_formulas_are_named(pairs, named, capsys):
    assert re.search(named, message(checks.check_window_pairs, pairs))
    passes(capsys, checks.check_window_pairs,
           lambda lengths, w: sum(2 * max(n - d, 0) for n in lengths for d in range(1, w + 1)))


def test_round_two_slips_are_named(capsys):
    text = message(checks.check_weighting, lambda x, m, a: np.minimum(1, np.asarray(x) ** a / m))
    assert "x ** alpha / x_max raises x alone to alpha" in text

    def argmin_solve(vectors, words, a, b, c):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        score = unit @ (unit[ib] - unit[ia] + unit[ic])
        score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmin(score))]

    text = message(checks.check_analogy, argmin_solve)
    assert "though you excluded them: you took the *least* similar word (argmin)" in text


def test_planted_accuracies_as_a_dict_is_named():
    def as_dict(dims, seed=0):
        return {d: 0.5 for d in dims}
    text = message(checks.check_planted_accuracies, as_dict, [2, 4])
    assert "return a list of accuracies, one per d in the order of dims" in text
