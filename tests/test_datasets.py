"""The course's data: generators, gensim's test data, the text8 downloader (on 127.0.0.1 only)."""

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
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
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
