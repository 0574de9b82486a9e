"""``python -m glovelib``: the GloVe pipeline from the command line, on any text file.

Subcommands mirror the reference tools (``vocab_count``, ``cooccur``, ``glove``), plus evaluation,
queries, and ``train``, which runs the whole pipeline with the reference demo's settings:

    python -m glovelib train corpus.txt -o out/corpus     # vocab, counts, vectors, evaluation
    python -m glovelib vocab corpus.txt -o vocab.txt --min-count 5
    python -m glovelib cooccur corpus.txt --vocab vocab.txt -o cooccur.npz --window 15
    python -m glovelib glove cooccur.npz --vocab vocab.txt -o vectors.txt --dim 50 --epochs 15
    python -m glovelib evaluate vectors.txt
    python -m glovelib query vectors.txt king queen
    python -m glovelib query vectors.txt --analogy man king woman

User errors (a missing file, a bad value, an empty corpus) print one line ``glovelib: error: ...``
and exit with status 2; success exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import zipfile
from pathlib import Path

TOKENIZERS = ("words", "whitespace")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text}")
    return value


def _tokenizer(args):
    return "words" if args.tokenizer == "words" else None


def _progress(args) -> bool:
    """Progress lines by default on a terminal; --quiet silences them, --verbose forces them."""
    if getattr(args, "quiet", False):
        return False
    return getattr(args, "verbose", False) or sys.stderr.isatty()


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def _stage(what: str):
    """A full disk during ``what`` ("writing the vectors to out/x.txt") as an error naming it;
    the writers leave no partial file (atomic writes, temporary folders removed)."""
    import errno

    try:
        yield
    except OSError as exc:
        if exc.errno != errno.ENOSPC or "no space left on device while" in str(exc):
            raise
        raise OSError(errno.ENOSPC, f"no space left on device while {what}; nothing was left "
                                    "behind: free space or choose another folder") from None


def _memory(args) -> int | None:
    """--max-memory in bytes (None without it)."""
    from .cooccur import _parse_memory

    return _parse_memory(getattr(args, "max_memory", None))


def _give_back_freed_memory() -> None:
    """Under a budget, glibc returns large freed arrays to the system at once (a fixed mmap
    threshold of 128 KiB, as ``MALLOC_MMAP_THRESHOLD_=131072``); by default the threshold grows
    with each large free and the process keeps what counting freed while it trains."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt(-3, 1 << 17)


def _check_budget(args, n_words: int) -> int:
    """Bytes a fit from disk may hold in entries under --max-memory; a budget that cannot hold
    the parameters is refused here, before any counting or training, with the figure."""
    from .train.ondisk import fit_memory

    memory = _memory(args)
    _give_back_freed_memory()
    need = fit_memory(n_words, args.dim)
    least = 2 << 20  # a few blocks of entries
    if memory < need + least:
        raise ValueError(f"--max-memory {args.max_memory} cannot hold the parameters: {n_words:,} "
                         f"words x {args.dim} dimensions need {need / 2**20:,.1f} MB (W, W~, "
                         f"biases, their AdaGrad sums and an epoch's copy) plus "
                         f"{least >> 20} MB of entries, {(need + least) / 2**20:,.1f} MB in "
                         "all; raise --max-memory, or lower --dim or --max-vocab")
    return min(memory - need, 256 << 20)


# --------------------------------------------------------------------------- steps


def _build_vocab(args, keep_ids: bool = False):
    """Read the corpus once: the vocabulary, and (keep_ids) the corpus as ids into it."""
    import numpy as np

    import glovelib as gl
    from glovelib.corpus import reader

    t = time.perf_counter()
    scan = reader.scan_ids(args.corpus, _tokenizer(args), keep_ids=keep_ids,
                           progress=_progress(args))
    t_read = time.perf_counter() - t
    vocab = gl.Vocabulary.from_counts(scan.words, scan.counts, min_count=args.min_count,
                                      max_size=args.max_vocab)
    docs = None
    if keep_ids:
        table = np.full(len(scan.words), -1, dtype=np.int32)  # scan id -> vocabulary id
        position = {w: i for i, w in enumerate(scan.words)}
        table[[position[w] for w in vocab.words]] = np.arange(len(vocab), dtype=np.int32)
        docs = reader.remap(scan.docs, table)
    _log(f"vocab: {len(vocab):,} words with count >= {args.min_count}, covering "
         f"{int(vocab.counts.sum()):,} of {int(scan.counts.sum()):,} tokens "
         f"({time.perf_counter() - t:.1f}s)")
    return vocab, docs, {"read + tokenize": t_read, "vocabulary + encode":
                         time.perf_counter() - t - t_read}


def _count(args, vocab, docs=None, out=None):
    """Count cooccurrences of ids already read (docs), or stream the corpus a chunk at a time;
    with ``out``, into that folder in the blocked layout of the fit ``--dim``, ``--seed``."""
    import glovelib as gl
    from glovelib.corpus import reader

    t = time.perf_counter()
    if docs is None:
        docs = reader.encode_file(args.corpus, vocab.index, _tokenizer(args),
                                  progress=_progress(args))
    blocks = None if out is None else _model(args).word_blocks(len(vocab))
    tmp = Path(out).parent if out else "the system's temporary folder"
    where = f"writing the matrix to {out}" if out else "counting the cooccurrences"
    with _stage(f"{where} (temporary files in {tmp})"):
        X = gl.count_cooccurrences(docs, len(vocab), window_size=args.window,
                                   symmetric=not args.left_only,
                                   distance_weighting=not args.no_distance_weighting,
                                   max_memory=args.max_memory, verbose=_progress(args),
                                   out=out, word_blocks=blocks)
    _log(f"cooccur: {X.nnz:,} nonzeros, window {args.window} ({time.perf_counter() - t:.1f}s)")
    return X


def _model(args):
    import glovelib as gl

    return gl.GloVe(vector_size=args.dim, x_max=getattr(args, "x_max", 100.0),
                    alpha=getattr(args, "alpha", 0.75),
                    learning_rate=getattr(args, "learning_rate", 0.05),
                    epochs=getattr(args, "epochs", 15), random_state=args.seed,
                    n_threads=getattr(args, "threads", 1), verbose=True)


def _fit(args, X, batch_bytes: int | None = None):
    t = time.perf_counter()
    model = _model(args)
    if getattr(args, "scheduler", None):  # the same vectors, by the workers of a Dask cluster
        if batch_bytes is not None:
            raise ValueError("--scheduler trains a matrix held in memory: drop --max-memory "
                             "(a cluster's workers hold the blocks)")
        from distributed import Client

        from glovelib import cluster

        try:
            client = Client(args.scheduler, timeout="10s")
        except OSError as exc:
            raise OSError(f"cannot reach the Dask scheduler at {args.scheduler}: {exc}") from None
        with client:
            model = cluster.fit_on_cluster(client, X, model)
    else:
        if batch_bytes is not None:  # a matrix on disk: entries held at once
            model.disk_batch_bytes = batch_bytes
        model.fit(X)
    _log(f"glove: {args.epochs} epochs, final loss {model.loss_history_[-1]:.4f} "
         f"({time.perf_counter() - t:.1f}s)")
    return model


def _print_evaluation(kv, out=None) -> None:
    import glovelib as gl

    out = out or sys.stdout
    analogies = gl.evaluate.analogy_accuracy(kv, gl.datasets.analogy_questions_path())
    t = analogies.total
    print(f"analogies (Google): {100 * t.accuracy:.2f}% of {t.seen:,} questions seen "
          f"({100 * t.coverage:.1f}% of {t.total:,}); semantic "
          f"{100 * analogies.semantic.accuracy:.2f}%, syntactic "
          f"{100 * analogies.syntactic.accuracy:.2f}%", file=out)
    for name, path in (("WordSim-353", gl.datasets.wordsim353_path()),
                       ("SimLex-999", gl.datasets.simlex999_path())):
        try:
            r = gl.evaluate.word_similarity(kv, path)
            print(f"{name}: Spearman {r.spearman:.3f} on {r.n_used} of {r.n_pairs} pairs", file=out)
        except ValueError:
            print(f"{name}: too few pairs in the vocabulary", file=out)


def _load_vectors(args):
    import glovelib as gl

    return gl.KeyedVectors.load_word2vec_format(args.vectors, binary=args.binary,
                                                no_header=not (args.binary or args.header))


# --------------------------------------------------------------------------- commands


def cmd_vocab(args) -> None:
    vocab, _, _ = _build_vocab(args)
    with _stage(f"writing the vocabulary to {args.output}"):
        vocab.save(args.output)
    _log(f"wrote {args.output}")


def cmd_cooccur(args) -> None:
    import scipy.sparse as sp

    import glovelib as gl

    vocab = gl.Vocabulary.load(args.vocab)
    if not args.output.endswith(".npz"):  # a folder in the blocked layout, never in memory
        _count(args, vocab, out=args.output)
        _log(f"wrote {args.output} (blocked for 'glove --dim {args.dim} --seed {args.seed}')")
        return
    X = _count(args, vocab)
    # uncompressed by default: zlib shrinks the file ~3.4x but takes ~70x longer to write
    with _stage(f"writing the matrix to {args.output}"):
        _save_npz(args.output, lambda f: sp.save_npz(f, X, compressed=args.compress))


def cmd_glove(args) -> None:
    import scipy.sparse as sp

    import glovelib as gl

    vocab = gl.Vocabulary.load(args.vocab)
    batch = _check_budget(args, len(vocab)) if args.max_memory else None
    try:
        if Path(args.cooccur).is_dir():
            from .cooccur.ondisk import BlockedMatrix

            X = BlockedMatrix(args.cooccur)
            batch = batch or 64 << 20
        else:
            X = sp.load_npz(args.cooccur)
    except (ValueError, KeyError, OSError) as exc:
        raise ValueError(f"{args.cooccur} is not a cooccurrence matrix saved by "
                         f"'glovelib cooccur' ({exc})") from None
    if X.shape[0] != len(vocab):
        raise ValueError(f"{args.cooccur} has {X.shape[0]} rows but {args.vocab} has "
                         f"{len(vocab)} words")
    model = _fit(args, X, batch)
    with _stage(f"writing the vectors to {args.output}"):
        model.to_keyed_vectors(vocab).save_word2vec_format(args.output, write_header=False)
    _log(f"wrote {args.output} (GloVe text format)")
    if args.model:
        with _stage(f"saving the model to {args.model}"):
            model.save(args.model)
        _log(f"wrote {args.model}")


def cmd_train(args) -> None:
    import shutil
    import tempfile

    out = Path(args.output)  # its folder was made by main (mkdir -p)
    budget = args.max_memory is not None  # then the corpus is read twice, the matrix on disk
    vocab, docs, times = _build_vocab(args, keep_ids=not budget)  # one read of the corpus
    batch = _check_budget(args, len(vocab)) if budget else None  # before any counting
    t = time.perf_counter()
    with _stage(f"writing the vocabulary to {out}.vocab.txt"):
        vocab.save(f"{out}.vocab.txt")
    times["write"] = time.perf_counter() - t
    folder = tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent) if budget else None
    try:
        t = time.perf_counter()
        X = _count(args, vocab, docs, out=None if folder is None else f"{folder}/matrix")
        del docs
        times["count"] = time.perf_counter() - t
        t = time.perf_counter()
        model = _fit(args, X, batch)
        times["train"] = time.perf_counter() - t
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    kv = model.to_keyed_vectors(vocab)
    with _stage(f"writing the vectors to {out}.txt"):
        kv.save_word2vec_format(f"{out}.txt", write_header=False)
    with _stage(f"saving the model to {out}.npz"):
        model.save(f"{out}.npz")
    times["write"] += time.perf_counter() - t
    _log(f"wrote {out}.vocab.txt, {out}.txt (GloVe text format), {out}.npz (model)")
    t = time.perf_counter()
    _print_evaluation(kv)
    times["evaluate"] = time.perf_counter() - t
    _log("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in times.items())
         + f"; total {sum(times.values()):.1f}s")


def cmd_evaluate(args) -> None:
    import glovelib as gl

    kv = _load_vectors(args)
    if args.analogies or args.pairs:
        if args.analogies:
            print(gl.evaluate.analogy_accuracy(kv, args.analogies).table())
        for path in args.pairs or []:
            print(f"{path}: {gl.evaluate.word_similarity(kv, path)}")
    else:
        _print_evaluation(kv)


def cmd_query(args) -> None:
    kv = _load_vectors(args)
    if args.analogy:
        a, b, c = args.analogy
        for w, s in kv.most_similar(positive=[b, c], negative=[a], topn=args.topn):
            print(f"{w}\t{s:.4f}")
        return
    if not args.words:
        raise ValueError("give words to query, or --analogy A B C")
    for word in args.words:
        print(f"{word}:")
        for w, s in kv.most_similar(word, topn=args.topn):
            print(f"  {w}\t{s:.4f}")


def _save_npz(path, write) -> None:
    from ._io import atomic_open

    with atomic_open(path) as f:
        write(f)
    _log(f"wrote {path}")


# --------------------------------------------------------------------------- parser


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m glovelib", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="command")

    def corpus_args(q):
        q.add_argument("corpus", help="text file (plain, .gz or .bz2), one document per line")
        q.add_argument("--tokenizer", choices=TOKENIZERS, default="words",
                       help="words: lowercase unicode words, punctuation dropped (default); "
                            "whitespace: split on white space, as the reference tools")
        q.add_argument("--quiet", action="store_true",
                       help="no progress lines (shown by default on a terminal)")

    def vocab_args(q):
        q.add_argument("--min-count", type=_positive_int, default=5,
                       help="keep words seen at least this often (default 5)")
        q.add_argument("--max-vocab", type=_positive_int, default=None,
                       help="keep at most this many words")

    def count_args(q):
        q.add_argument("--window", type=_positive_int, default=15,
                       help="context words on each side (default 15)")
        q.add_argument("--left-only", action="store_true", help="count left contexts only")
        q.add_argument("--no-distance-weighting", action="store_true",
                       help="a pair adds 1 instead of 1/distance")
        q.add_argument("--max-memory", default=None,
                       help="bound the memory, e.g. 1GB: counting spills sorted runs to "
                            "temporary files; 'train' also keeps the matrix on disk, in "
                            "blocks, and trains from it (the same vectors)")
        q.add_argument("--verbose", action="store_true",
                       help="show counting progress also when stderr is not a terminal")

    def fit_args(q, epochs, x_max):
        q.add_argument("--dim", type=_positive_int, default=50, help="vector size (default 50)")
        q.add_argument("--epochs", type=_positive_int, default=epochs,
                       help=f"passes over the counts (default {epochs})")
        q.add_argument("--x-max", type=_positive_float, default=x_max,
                       help=f"weighting cut-off (default {x_max:g})")
        q.add_argument("--alpha", type=float, default=0.75, help="weighting exponent (0.75)")
        q.add_argument("--learning-rate", type=_positive_float, default=0.05,
                       help="AdaGrad initial step (default 0.05)")
        q.add_argument("--threads", type=_positive_int, default=1,
                       help="training threads (default 1); the blocked schedule gives the "
                            "same vectors for any number, so more is only faster")
        q.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        q.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="train on the Dask cluster of this scheduler (tcp://HOST:8786); "
                            "the same vectors as on one machine (glovelib.cluster)")

    def vectors_args(q):
        q.add_argument("vectors", help="vectors file (GloVe text format by default)")
        q.add_argument("--header", action="store_true", help="word2vec text format (header)")
        q.add_argument("--binary", action="store_true", help="word2vec binary format")

    q = sub.add_parser("train", help="the whole pipeline: text in, vectors out, evaluation",
                       description="Build the vocabulary, count, train and evaluate, with the "
                                   "reference demo's settings (min-count 5, window 15, dim 50, "
                                   "15 epochs, x-max 10). Writes PREFIX.vocab.txt, PREFIX.txt "
                                   "(GloVe text format) and PREFIX.npz (model, resumable).")
    corpus_args(q)
    q.add_argument("-o", "--output", required=True, help="output prefix, e.g. out/wiki")
    vocab_args(q)
    count_args(q)
    fit_args(q, epochs=15, x_max=10.0)
    q.set_defaults(func=cmd_train)

    q = sub.add_parser("vocab", help="count words (like vocab_count)",
                       description="Write the vocabulary as 'word count' lines, most frequent "
                                   "first.")
    corpus_args(q)
    q.add_argument("-o", "--output", required=True, help="vocabulary file to write")
    vocab_args(q)
    q.set_defaults(func=cmd_vocab)

    q = sub.add_parser("cooccur", help="count cooccurrences (like cooccur)",
                       description="Count the cooccurrence matrix and save it as a scipy .npz.")
    corpus_args(q)
    q.add_argument("--vocab", required=True, help="vocabulary file from 'vocab'")
    q.add_argument("-o", "--output", required=True,
                   help=".npz file to write; any other name: a folder in the blocked layout "
                        "that 'glove --dim D --seed S' trains from without holding it")
    q.add_argument("--compress", action="store_true",
                   help="zlib-compress the .npz (~3x smaller, much slower to write)")
    q.add_argument("--dim", type=_positive_int, default=50,
                   help="blocked folder: the vector size of the fit it is for (default 50)")
    q.add_argument("--seed", type=int, default=0,
                   help="blocked folder: the seed of the fit it is for (default 0)")
    count_args(q)
    q.set_defaults(func=cmd_cooccur)

    q = sub.add_parser("glove", help="train vectors on a cooccurrence matrix (like glove)",
                       description="Train GloVe on a matrix from 'cooccur'; write the vectors "
                                   "(W + W~) in the GloVe text format.")
    q.add_argument("cooccur", help=".npz file or blocked folder from 'cooccur'")
    q.add_argument("--vocab", required=True, help="vocabulary file from 'vocab'")
    q.add_argument("-o", "--output", required=True, help="vectors file to write")
    q.add_argument("--model", help="also save the full model (.npz) here")
    q.add_argument("--max-memory", default=None,
                   help="with a blocked folder: bound the memory, e.g. 1GB (refused if the "
                        "parameters do not fit)")
    fit_args(q, epochs=25, x_max=100.0)
    q.set_defaults(func=cmd_glove)

    q = sub.add_parser("evaluate", help="analogy accuracy and word-similarity correlation",
                       description="Evaluate on the Google analogies, WordSim-353 and SimLex-999 "
                                   "(or the files given).")
    vectors_args(q)
    q.add_argument("--analogies", help="a questions-words file")
    q.add_argument("--pairs", action="append", help="a word-pair file (repeatable)")
    q.set_defaults(func=cmd_evaluate)

    q = sub.add_parser("query", help="nearest neighbours or an analogy",
                       description="Print the nearest neighbours of each word, or solve "
                                   "'A is to B as C is to ?' with --analogy A B C.")
    vectors_args(q)
    q.add_argument("words", nargs="*", help="words to look up")
    q.add_argument("--analogy", nargs=3, metavar=("A", "B", "C"))
    q.add_argument("--topn", type=_positive_int, default=10)
    q.set_defaults(func=cmd_query)

    q = sub.add_parser("notebooks", help="copy the course notebooks to a folder of your own",
                       description="Copy the lecture notebooks and the homework to DEST, as a "
                                   "student's copy (no answer in view before its cell is run); "
                                   "files already there are kept.")
    q.add_argument("dest", nargs="?", default="my-notebooks", help="default my-notebooks/")
    q.add_argument("--solutions", action="store_true",
                   help="also copy the homework's model answers to DEST/solutions/")
    q.set_defaults(func=lambda args: __import__("glovelib.course").course.main(
        args.dest, solutions=args.solutions))
    return p


# --------------------------------------------------------------------------- errors and files

# argument -> the kind of file it names, for "vectors file not found" and the like
_INPUTS = {"corpus": "corpus", "vocab": "vocabulary", "cooccur": "cooccurrence matrix (.npz)",
           "vectors": "vectors", "analogies": "analogy questions", "pairs": "word-pair"}


def _check_inputs(args) -> None:
    from ._io import check_input

    for name, kind in _INPUTS.items():
        value = getattr(args, name, None)
        for path in value if isinstance(value, list) else [value]:
            if path is not None and not (name == "cooccur" and Path(path).is_dir()):
                check_input(path, kind)


def _make_output_folders(args) -> list[Path]:
    """Create the folders of ``-o``/``--model`` as ``mkdir -p`` would; the ones created, deepest
    first (removed again if the command fails and leaves them empty)."""
    created = []
    for name in ("output", "model"):
        if getattr(args, name, None):
            folder = Path(getattr(args, name)).parent
            missing = [p for p in [folder, *folder.parents] if not p.exists()]
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OSError(f"cannot create output folder {folder}: "
                              f"{exc.strerror or exc}") from None
            created += missing
    return created


def _interrupted(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt is in ``exc``'s chain of causes and contexts."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 2 user error, 130 interrupt)."""
    parser = _parser()
    args = parser.parse_args(argv)
    created: list[Path] = []
    try:
        _check_inputs(args)
        created = _make_output_folders(args)
        args.func(args)
    except KeyboardInterrupt:
        print("glovelib: interrupted", file=sys.stderr)
        return 130
    except SystemError as exc:  # Ctrl-C inside a Numba call: "returned a result with an
        if not _interrupted(exc):  # exception set", the KeyboardInterrupt as its cause
            raise
        print("glovelib: interrupted", file=sys.stderr)
        return 130
    except (ValueError, TypeError, KeyError, OSError, FloatingPointError, EOFError,
            zipfile.BadZipFile) as exc:
        message = str(exc).strip("'\"") or type(exc).__name__
        if isinstance(exc, (EOFError, zipfile.BadZipFile)):  # a compressed file cut short
            message = f"a damaged or truncated input file: {message}"
        print(f"glovelib: error: {message}", file=sys.stderr)
        for folder in created:  # nothing left behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
