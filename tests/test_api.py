"""The JSON API next to the chat: same contract as `assistant ask --json`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.pipeline import Assistant
from ui.server import build_app

from .conftest import CORPUS, EERSTE, REALDATA, ROBUUST, make_settings


def _small(tmp_path: Path, files: list[Path], embeddings, model_cache) -> Assistant:
    """An indexed Assistant over copies of ``files`` (a test may change its corpus and index)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files:
        shutil.copy(f, corpus / f.name)
    a = Assistant(make_settings(corpus, tmp_path / "index", model_cache), embeddings=embeddings)
    a.ensure_index()
    return a


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
    broken = _small(tmp_path, [CORPUS / f"{ROBUUST}.txt"], embeddings, model_cache)
    # The vectors disappear under a running server (a disk or an operator error): the next question fails.
    broken.index.store.client.delete_collection(broken.index.collection.name)
    with TestClient(build_app(broken), raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": "Wat is de proeftuin Buurtgezinnen?"})
    assert r.status_code == 500
    assert r.json() == {"detail": "Er ging iets mis. Probeer het later opnieuw."}
    assert "Traceback" not in r.text and "chromadb" not in r.text


def test_source_page_marks_the_quote_and_offers_the_download(client):
    quote = "Hier doen 11 gemeenten uit regio aan mee waaronder Wijchen."
    page = client.get(f"/bron/{EERSTE}/pagina/10", params={"citaat": quote})
    assert page.status_code == 200 and '<html lang="nl">' in page.text
    assert f"<mark>{quote}</mark>" in page.text and "pagina 10 van" in page.text
    download = client.get(f"/bron/{EERSTE}", params={"download": 1})
    assert download.headers["content-disposition"].startswith("attachment")
    assert client.get(f"/bron/{EERSTE}/pagina/10.png").status_code == 404  # a text source has no page image


def test_pdf_page_image_and_its_marks(tmp_path, embeddings, model_cache):
    pdf = REALDATA / "pdf-sociaal-domein" / "almere_evaluatie_schakelteams_2021.pdf"
    if not pdf.exists():
        pytest.skip("realdata ontbreekt")
    a = _small(tmp_path, [pdf], embeddings, model_cache)
    doc_id = a.index.documents()[0]["doc_id"]
    with TestClient(build_app(a)) as c:
        quote = "De schakelteams zijn vanaf november 2019 aan het werk."
        view = c.get(f"/bron/{doc_id}/pagina/4", params={"citaat": quote})
        marks = json.loads(re.search(r"data-markeringen='([^']*)'", view.text).group(1))
        assert len(marks) >= 5  # one box per word of the sentence
        image = c.get(f"/bron/{doc_id}/pagina/4.png", params={"citaat": quote})
        assert image.status_code == 200 and image.content[:4] == b"\x89PNG"
        beyond = c.get(f"/bron/{doc_id}/pagina/99")
        assert beyond.status_code == 200 and "geen pagina 99" in beyond.text


def test_add_document_over_the_api(tmp_path, embeddings, model_cache):
    a = _small(tmp_path, [CORPUS / f"{ROBUUST}.txt"], embeddings, model_cache)
    corpus = Path(a.settings.corpus_dir)
    note = b"# Renovatie zwembad De Meerval\n\nDe renovatie kost 4,2 miljoen euro en start in 2026.\n"
    with TestClient(build_app(a)) as c:
        added = c.post("/api/documents", files={"bestand": ("zwembad.md", note, "text/markdown")})
        assert added.status_code == 201 and added.json()["ok"], added.json()
        again = c.post("/api/documents", files={"bestand": ("kopie.md", note, "text/markdown")})
        assert again.status_code == 409 and "staat er al in" in again.json()["detail"]
        fake = c.post("/api/documents", files={"bestand": ("nota.pdf", b"geen pdf", "application/pdf")})
        assert fake.status_code == 422 and "Error" not in fake.json()["detail"]
        assert c.post("/api/documents").status_code == 422  # no file: a Dutch validation message
        assert "bestand: dit veld ontbreekt" in c.post("/api/documents").json()["detail"]
        titles = [d["title"] for d in c.get("/api/documents").json()]
        assert titles.count("Renovatie zwembad De Meerval") == 1
        answer = c.post("/api/ask", json={"question": "Wat kost de renovatie van zwembad De Meerval?"}).json()
        assert "4,2 miljoen" in answer["answer"]
    assert sorted(p.name for p in corpus.iterdir()) == sorted([f"{ROBUUST}.txt", "zwembad.md"])


def test_api_docs_page_is_local_and_dutch(client):
    page = client.get("/api/docs")
    assert page.status_code == 200 and 'lang="nl"' in page.text
    assert "/api/ask" in page.text and "/api/documents" in page.text and "curl" in page.text
    assert "cdn" not in page.text.lower() and "<script" not in page.text
