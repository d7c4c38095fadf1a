"""The JSON API next to the chat: same contract as `assistant ask --json`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.pipeline import Assistant
from ui.server import build_app

from .conftest import EERSTE


@pytest.fixture(scope="module")
def client(assistant):
    with TestClient(build_app(assistant)) as c:
        yield c


def test_ask_contract(client):
    r = client.post(
        "/api/ask", json={"question": "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"}
    )
    assert r.status_code == 200
    data = r.json()
    assert "11" in data["answer"] and data["citations"][0]["doc_id"] == EERSTE
    assert data["refused"] is False and len(data["retrieved"]) == 10


def test_refusal_and_redaction(client):
    data = client.post("/api/ask", json={"question": "Krijgt mevrouw Jansen (BSN 111222333) een pgb?"}).json()
    assert data["refused"] is True and data["refusal_reason"] == "persoonsgegevens"
    assert "111222333" not in str(data) and "[BSN]" in data["question"]


def test_filters_and_followup(client):
    only_plan = client.post(
        "/api/ask",
        json={"question": "Wat doet de gemeente tegen eenzaamheid?", "filters": {"doc_types": ["beleidsplan"]}},
    ).json()
    assert only_plan["retrieved"] and all(h["doc_type"] == "beleidsplan" for h in only_plan["retrieved"])
    followup = client.post(
        "/api/ask",
        json={"question": "En in 2024?", "history": ["Hoeveel mantelzorggesprekken waren er in 2025?"]},
    ).json()
    assert followup["searched"] == "Hoeveel mantelzorggesprekken waren er in 2024?"
    nothing = client.post("/api/ask", json={"question": "eenzaamheid", "filters": {"date_from": "2030"}}).json()
    assert nothing["abstained"] and "filters" in (nothing["notice"] or "")


def test_bad_requests_get_clear_errors(client):
    assert client.post("/api/ask", json={"question": "   "}).status_code == 422
    assert client.post("/api/ask", json={}).status_code == 422
    missing = client.get("/bron/bestaat-niet")
    assert missing.status_code == 404 and "niet" in missing.json()["detail"]
    traversal = client.get("/bron/..%2F..%2Fetc%2Fpasswd")
    assert traversal.status_code == 404


def test_health_and_source_document(client):
    health = client.get("/api/health").json()
    assert health["documents"] == 3 and health["chunks"] > 100
    doc = client.get(f"/bron/{EERSTE}")
    assert doc.status_code == 200 and "Eerste informatienota sociaal domein" in doc.text


def test_login_protects_api_and_chat(assistant):
    settings = assistant.settings.model_copy(update={"ui_username": "griffie", "ui_password": "geheim"})
    protected = Assistant.__new__(Assistant)
    protected.__dict__.update(assistant.__dict__)
    protected.settings = settings
    with TestClient(build_app(protected)) as c:
        body = {"question": "Wat is Buurtgezinnen?"}
        assert c.post("/api/ask", json=body).status_code == 401
        assert c.post("/api/ask", json=body, auth=("griffie", "fout")).status_code == 401
        assert c.post("/api/ask", json=body, auth=("griffie", "geheim")).status_code == 200
        assert c.get(f"/bron/{EERSTE}").status_code == 401


def test_feedback_is_stored_redacted(tmp_path):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.add("Wat is Buurtgezinnen?", "Buurtgezinnen koppelt gezinnen [1]", 1)
    store.add("Wat is Buurtgezinnen?", "...", None, "Klopt niet, bel mij op 06-12345678 (mevrouw De Groot)")
    rows = store.all()
    assert [r["rating"] for r in rows] == [1, None]
    assert "06-12345678" not in rows[1]["comment"] and "[TELEFOON]" in rows[1]["comment"]
    assert "Groot" not in rows[1]["comment"]
    assert b"06-12345678" not in (tmp_path / "feedback.sqlite").read_bytes()


def test_unexpected_failure_gives_a_dutch_message_not_a_stack_trace(tmp_path, embeddings, model_cache):
    import shutil

    from .conftest import CORPUS, ROBUUST, make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{ROBUUST}.txt", corpus / f"{ROBUUST}.txt")
    broken = Assistant(make_settings(corpus, tmp_path / "index", model_cache), embeddings=embeddings)
    broken.ensure_index()
    # The vectors disappear under a running server (a disk or an operator error): the next question fails.
    broken.index.store.client.delete_collection(broken.index.collection.name)
    with TestClient(build_app(broken), raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": "Wat is de proeftuin Buurtgezinnen?"})
    assert r.status_code == 500
    assert r.json() == {"detail": "Er ging iets mis. Probeer het later opnieuw."}
    assert "Traceback" not in r.text and "chromadb" not in r.text
