"""The course's data: generators, gensim's test data, the text8 and GloVe downloaders (served from
127.0.0.1 only)."""

import hashlib
import http.server
import io
import threading
import zipfile
from collections import Counter

import numpy as np
import pytest

import glovelib as gl
from glovelib import datasets


def test_toy_corpus():
    lines = datasets.toy_corpus()
    assert 20 <= len(lines) <= 60
    assert all(line == line.lower() and line.split() for line in lines)


def test_planted_corpus_is_seeded_and_its_questions_use_its_words():
    a = datasets.planted_corpus(2000, seed=1)
    b = datasets.planted_corpus(2000, seed=1)
    c = datasets.planted_corpus(2000, seed=2)
    assert a.documents == b.documents and a.documents != c.documents
    words = {w for d in a.documents for w in d}
    for questions in a.sections.values():
        assert all(w in words for q in questions for w in q)
    assert a.n_questions == sum(len(p) * (len(p) - 1) for p in a.pairs.values())


def test_planted_pairs_come_from_the_google_analogy_sections():
    google = {}
    section = None
    for line in datasets.analogy_questions_path().read_text().splitlines():
        if line.startswith(":"):
            section = line[1:].strip()
            google[section] = set()
        else:
            a, b, c, d = line.lower().split()
            google[section] |= {(a, b), (c, d)}
    world = datasets.planted_corpus(10)
    for name, pairs in world.pairs.items():
        assert set(pairs) <= google[name], name


def test_analogy_questions_have_14_sections_and_19544_questions():
    lines = datasets.analogy_questions_path().read_text().splitlines()
    assert sum(line.startswith(":") for line in lines) == 14
    assert sum(not line.startswith(":") for line in lines) == 19544
    assert datasets.wordsim353_path().exists() and datasets.simlex999_path().exists()


@pytest.mark.slow
def test_wikipedia_sample_matches_gensim_wikicorpus_figures(tmp_path):
    corpus = datasets.wikipedia_sample(cache_dir=tmp_path)
    counts = Counter(w for doc in corpus for w in doc)
    assert sum(counts.values()) == 452_944
    assert sum(c >= 5 for c in counts.values()) == 9_002
    assert len(list(corpus)) == 106


def test_lee_corpus(tmp_path):
    docs = list(datasets.lee_corpus(cache_dir=tmp_path))
    assert len(docs) == 300 and all(w == w.lower() for d in docs for w in d)


def test_zipf_corpus_is_text8_like_at_small_scale(tmp_path):
    ids = datasets.zipf_corpus(n_tokens=200_000, return_ids=True, seed=3)
    assert ids.dtype == np.int32 and len(ids) == 200_000
    counts = np.bincount(ids)
    assert counts[0] > counts[10] > counts[1000]  # Zipfian
    path = datasets.zipf_corpus(tmp_path / "z.txt", n_tokens=5000, doc_length=1000, seed=3)
    lines = path.read_text().splitlines()
    assert len(lines) == 5 and all(len(line.split()) == 1000 for line in lines)
    words = datasets.zipf_words(6000)
    assert len(set(words)) == 6000


# --------------------------------------------------------------------------- text8 downloader

def _archive(payload: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("text8", payload)
    return buf.getvalue()


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 serving whatever bytes the test puts in ``files``."""
    files = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            length = len(body)
            if isinstance(body, tuple):  # (bytes sent, length announced): a cut connection
                body, length = body
            self.send_response(200)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", files
    httpd.shutdown()


def test_text8_download_checksum_and_cache(server, tmp_path):
    base, files = server
    payload = b" anarchism originated as a term of abuse" * 100
    files["/text8.zip"] = _archive(payload)
    digest = hashlib.sha256(payload).hexdigest()
    path = datasets.download_text8(base + "/text8.zip", cache_dir=tmp_path, sha256=digest,
                                   progress=False)
    assert path.read_bytes() == payload
    files.clear()  # cached: no second request
    assert datasets.download_text8(base + "/text8.zip", cache_dir=tmp_path, sha256=digest,
                                   progress=False) == path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["text8"]


def test_text8_checksum_failure_leaves_no_file(server, tmp_path):
    base, files = server
    files["/text8.zip"] = _archive(b"not the real text8")
    with pytest.raises(OSError, match="checksum mismatch"):
        datasets.download_text8(base + "/text8.zip", cache_dir=tmp_path, sha256="0" * 64,
                                progress=False)
    assert list(tmp_path.iterdir()) == []


def test_text8_bad_archive_and_missing_file(server, tmp_path):
    base, files = server
    files["/junk.zip"] = b"this is not a zip"
    with pytest.raises(OSError, match="valid zip"):
        datasets.download_text8(base + "/junk.zip", cache_dir=tmp_path, progress=False)
    with pytest.raises(OSError, match="could not download"):
        datasets.download_text8(base + "/missing.zip", cache_dir=tmp_path, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_counting_pipeline_on_the_toy_corpus():
    docs = [line.split() for line in datasets.toy_corpus()]
    vocab = gl.Vocabulary.build(docs)
    X = gl.count_cooccurrences(vocab.encode_documents(docs), len(vocab), window_size=3)
    assert X.shape == (len(vocab), len(vocab)) and (X != X.T).nnz == 0


# --------------------------------------------------------------------------- GloVe downloader

def _glove_zip(dims=(50, 100), n=40, compression=zipfile.ZIP_DEFLATED, name="6B"):
    """A small glove.<name>.zip: a GloVe-format member per dimension; returns (zip, texts)."""
    rng = np.random.default_rng(0)
    texts = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for d in dims:
            kv = gl.KeyedVectors([f"w{i}" for i in range(n)] + ["new\u00a0york"],
                                 rng.normal(size=(n + 1, d)).astype(np.float32))
            text = "".join(w + " " + " ".join(f"{x:.5f}" for x in v) + "\n"
                           for w, v in zip(kv.index_to_key, kv.vectors, strict=True))
            texts[d] = text.encode("utf-8")
            zf.writestr(f"glove.{name}.{d}d.txt", texts[d])
    return buf.getvalue(), texts


def test_glove_download_extracts_one_member_checks_and_caches(server, tmp_path, capsys):
    base, files = server
    files["/glove.6B.zip"], texts = _glove_zip()
    digest = hashlib.sha256(files["/glove.6B.zip"]).hexdigest()
    assert datasets.pretrained_path("6B", 50, cache_dir=tmp_path) is None
    path = datasets.download_glove("6B", 50, cache_dir=tmp_path, url=base + "/glove.6B.zip",
                                   sha256=digest)
    assert path.read_bytes() == texts[50]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glove.6B.50d.txt"]  # 100d untouched
    assert "glove.6B.zip: 0.0 of" in capsys.readouterr().err  # progress on stderr
    assert datasets.pretrained_path("6B", 50, cache_dir=tmp_path) == path
    assert datasets.pretrained_path("6B", 100, cache_dir=tmp_path) is None
    files.clear()  # cached: no second request
    assert datasets.download_glove("6B", 50, cache_dir=tmp_path, url=base + "/glove.6B.zip",
                                   sha256=digest, progress=False) == path
    kv = gl.KeyedVectors.load_word2vec_format(path, no_header=True)  # what students then do
    assert len(kv) == 41 and kv.vector_size == 50 and "new\u00a0york" in kv


def test_glove_without_a_known_checksum_warns_and_gives_it(server, tmp_path):
    base, files = server
    files["/g.zip"], _ = _glove_zip(dims=(25,), name="twitter.27B")
    digest = hashlib.sha256(files["/g.zip"]).hexdigest()
    with pytest.warns(UserWarning, match=f"no published SHA-256.*its SHA-256 is {digest}"):
        datasets.download_glove("twitter.27B", 25, cache_dir=tmp_path, url=base + "/g.zip",
                                progress=False)


@pytest.mark.parametrize("damage", ["checksum", "cut", "crc", "no member", "not a zip"])
def test_glove_failed_downloads_leave_nothing(server, tmp_path, damage):
    base, files = server
    body, _ = _glove_zip(dims=(50,), compression=zipfile.ZIP_STORED)
    sha, match = hashlib.sha256(body).hexdigest(), "could not download"
    if damage == "checksum":
        sha, match = "0" * 64, "checksum mismatch"
    elif damage == "cut":
        body = (body[:len(body) // 2], len(body))  # the server announces more than it sends
    elif damage == "crc":
        at = body.index(b"w3 ")
        body = body[:at] + b"w4" + body[at + 2:]  # a stored member's bytes changed
        sha, match = None, "Bad CRC-32"
    elif damage == "no member":
        body, _ = _glove_zip(dims=(100,))
        sha, match = None, "no member 'glove.6B.50d.txt'"
    else:
        body, sha, match = b"<html>moved</html>", None, "valid zip"
    files["/glove.6B.zip"] = body
    with pytest.raises(OSError, match=match):
        datasets.download_glove("6B", 50, cache_dir=tmp_path, url=base + "/glove.6B.zip",
                                sha256=sha, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_glove_keep_archive_extracts_another_dimension_offline(server, tmp_path):
    base, files = server
    files["/glove.6B.zip"], texts = _glove_zip()
    sha = hashlib.sha256(files["/glove.6B.zip"]).hexdigest()
    datasets.download_glove("6B", 50, tmp_path, base + "/glove.6B.zip", sha, progress=False,
                            keep_archive=True)
    files.clear()
    path = datasets.download_glove("6B", 100, tmp_path, base + "/glove.6B.zip", sha,
                                   progress=False, keep_archive=True)
    assert path.read_bytes() == texts[100]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "glove.6B.100d.txt", "glove.6B.50d.txt", "glove.6B.zip"]


def test_glove_names_and_dimensions():
    with pytest.raises(ValueError, match="unknown GloVe vectors '7B'.*840B"):
        datasets.download_glove("7B", 50)
    with pytest.raises(ValueError, match="glove.840B comes in dimensions 300, not 50"):
        datasets.pretrained_path("840B", 50)
    for name, (archive, dims) in datasets.GLOVE_FILES.items():
        assert archive.startswith(f"glove.{name}") and archive.endswith(".zip") and dims


def test_public_names_stay_in_datasets():
    from glovelib import downloads, planted

    assert datasets.planted_corpus is planted.planted_corpus
    assert datasets.PlantedWorld is planted.PlantedWorld
    assert datasets.download_text8 is downloads.download_text8
    for name in datasets.__all__:
        assert hasattr(datasets, name), name
