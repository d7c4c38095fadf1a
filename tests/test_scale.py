"""Scale-out and crash safety: a real Chroma server (``chroma run``) and a re-index killed with SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.index import Index
from assistant.pipeline import Assistant

from .conftest import CORPUS, EERSTE, REPO, ROBUUST, make_settings

CHROMA = Path(sys.executable).with_name("chroma")
QUESTION = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _corpus(tmp_path: Path, *names: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / f"{name}.txt", corpus / f"{name}.txt")
    shutil.copy(CORPUS / "manifest.toml", corpus / "manifest.toml")
    return corpus


@pytest.mark.skipif(not CHROMA.exists(), reason="chroma CLI not installed")
def test_index_ask_and_reindex_on_a_chroma_server(chroma_server: str, tmp_path: Path, embeddings, model_cache):
    corpus = _corpus(tmp_path, ROBUUST)
    settings = make_settings(corpus, tmp_path / "worker1", model_cache, chroma_url=chroma_server)
    worker1 = Assistant(settings, embeddings=embeddings)
    report = worker1.ensure_index()
    assert report is not None and report.added == [ROBUUST]
    assert not (tmp_path / "worker1" / "chroma").exists()  # nothing embedded locally: it is on the server

    # A second worker (own index_dir, same server) sees the same index without building anything.
    worker2 = Assistant(make_settings(corpus, tmp_path / "worker2", model_cache, chroma_url=chroma_server), embeddings)
    assert not worker2.index.is_stale()
    assert {c.chunk_id for c in worker2.retriever.chunks} == {c.chunk_id for c in worker1.retriever.chunks}
    assert "11 gemeenten" not in worker2.ask(QUESTION).answer  # that fact is in the other document

    # Re-index on worker 1 (a document added); worker 2 follows the switch on its next question.
    shutil.copy(CORPUS / f"{EERSTE}.txt", corpus / f"{EERSTE}.txt")
    report = worker1.ensure_index()
    assert report is not None and report.added == [EERSTE] and report.chunks_reused == 0
    answer = worker2.ask(QUESTION)
    assert "11 gemeenten" in answer.answer and answer.citations[0].doc_id == EERSTE
    names = [c.name for c in worker1.index.store.client.list_collections()]
    generations = [n for n in names if n.startswith("raadsassistent-2") and not n.endswith("-zinnen")]
    assert len(generations) <= 2  # current + previous; older ones are dropped


def test_bad_chroma_url_is_a_clear_error(tmp_path: Path, embeddings, model_cache):
    with pytest.raises(ValueError, match="geen http"):
        Index(make_settings(CORPUS, tmp_path / "i", model_cache, chroma_url="chroma:8000"), embeddings)


def _generations(db: Path) -> dict[str, int]:
    """Generation -> stored chunks, read straight from Chroma's SQLite file (read-only); the state and the
    per-generation sentence collections are left out."""
    if not db.exists():
        return {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    try:
        rows = con.execute(
            "select c.name, (select count(*) from segments s join embeddings e on e.segment_id = s.id"
            " where s.collection = c.id) from collections c"
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        con.close()
    return {name: n for name, n in rows if not name.endswith(("__state", "-zinnen"))}


def test_kill_9_during_reindex_leaves_the_previous_index_usable(tmp_path: Path, embeddings, model_cache):
    corpus = _corpus(tmp_path, EERSTE)
    index_dir = tmp_path / "index"
    settings = make_settings(corpus, index_dir, model_cache)
    before = Assistant(settings, embeddings=embeddings)
    before.ensure_index()
    chunks_before = {c.chunk_id for c in before.retriever.chunks}
    del before

    # A large new document makes the next update take a while; kill it while it is embedding.
    big = "\n\n".join(
        f"## Paragraaf {i}\n\nDe gemeente onderzoekt in deelgebied {i} hoe de wijkteams samenwerken met "
        f"scholen, huisartsen en verenigingen. Zij rapporteert per kwartaal over project {i}." * 3
        for i in range(150)
    )
    (corpus / "groot-rapport.md").write_text("# Groot rapport\n\n" + big, encoding="utf-8")
    env = {**os.environ, "ASSISTANT_MODEL_CACHE_DIR": str(model_cache), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "--corpus", str(corpus), "--index", str(index_dir)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = index_dir / "chroma" / "chroma.sqlite3"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        new = [n for n in _generations(db) if n.startswith("raadsassistent-2") and len(_generations(db)) > 1]
        if new:
            time.sleep(1.5)  # the copy of the unchanged document is done; embedding the new one is under way
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the update finished before it could be killed; make the document larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    after = Assistant(settings, embeddings=embeddings)
    assert {c.chunk_id for c in after.retriever.chunks} == chunks_before  # the previous generation, complete
    assert [d["doc_id"] for d in after.index.documents()] == [EERSTE]
    answer = after.ask(QUESTION)
    assert "11 gemeenten" in answer.answer
    assert after.index.is_stale()  # the new document is still to do

    report = after.ensure_index()
    assert report is not None and report.added == ["groot-rapport"] and report.unchanged == [EERSTE]
    assert len(_generations(db)) <= 2  # the interrupted generation was cleaned up
    assert "11 gemeenten" in after.ask(QUESTION).answer
