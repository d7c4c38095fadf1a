"""The web chat in a real browser (Debian's Chromium via Playwright): ask, open a source, refusal, upload."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.pipeline import Assistant

from .conftest import CORPUS, REPO, ROBUUST, make_settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian-Chromium ontbreekt (apt-get install chromium); CI installeert het"
)
QUESTION = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"


class LiveServer:
    """uvicorn in a background thread on a free loopback port, stopped at the end of the module."""

    def __init__(self, assistant: Assistant) -> None:
        import uvicorn

        from ui.server import build_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn.Config(build_app(assistant), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(self.url + "api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(assistant):
    with LiveServer(assistant) as server:
        yield server


def _open(browser, url: str, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url, wait_until="load")
    page.wait_for_selector("#vraag textarea", timeout=30_000)
    return page


def _ask(page, question: str) -> str:
    page.fill("#vraag textarea", question)
    page.keyboard.press("Enter")  # keyboard use: Enter sends
    page.wait_for_function(
        "() => document.querySelectorAll('#gesprek .message-row, #gesprek [data-testid=\"bot\"]').length >= 2",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)  # let the streamed answer finish
    return page.inner_text("#gesprek")


def test_ask_and_open_citation(browser, live):
    ARTIFACTS.mkdir(exist_ok=True)
    page = _open(browser, live.url)
    chat = _ask(page, QUESTION)
    assert "11 gemeenten" in chat and "[1]" in chat
    page.wait_for_selector("#bronnen label", timeout=30_000)
    page.locator("#bronnen label").first.click()
    panel = page.locator("#bron-paneel")
    assert "Eerste informatienota sociaal domein tot april 2025" in panel.inner_text()
    assert "zaaknummer Z/25/301360" in panel.inner_text() and "pagina 10" in panel.inner_text()
    assert "11 gemeenten" in panel.locator("mark").inner_text()  # the cited sentence is highlighted
    assert panel.get_by_text("Open het hele document").count() == 1
    page.screenshot(path=str(ARTIFACTS / "antwoord-met-bron.png"), full_page=True)
    page.close()


def test_refusal_is_a_friendly_message(browser, live):
    page = _open(browser, live.url)
    chat = _ask(page, "Krijgt mevrouw Jansen uit Batenburg een pgb?")
    assert "persoonsgegevens" in chat and "Sociaal Team" in chat
    assert "Jansen" not in chat and "[NAAM]" in chat  # the chat keeps only the redacted question
    assert page.locator(".toast-body").count() == 0  # no error popup
    page.screenshot(path=str(ARTIFACTS / "weigering.png"))
    page.close()


def test_new_conversation_and_phone_width(browser, live):
    page = _open(browser, live.url, width=390, height=844)
    _ask(page, "Wat is Buurtgezinnen?")
    assert page.locator("#verstuur").is_visible()
    page.screenshot(path=str(ARTIFACTS / "telefoon.png"), full_page=True)
    page.click("#nieuw-gesprek")
    page.wait_for_timeout(800)
    assert "Buurtgezinnen" not in page.inner_text("#gesprek")
    assert page.get_by_label("Uw vraag").count() == 1  # labelled for screen readers
    page.close()


@pytest.fixture(scope="module")
def small_live(tmp_path_factory, embeddings, model_cache):
    corpus = tmp_path_factory.mktemp("klein")
    shutil.copy(CORPUS / f"{ROBUUST}.txt", corpus / f"{ROBUUST}.txt")
    a = Assistant(make_settings(corpus, tmp_path_factory.mktemp("idx"), model_cache), embeddings=embeddings)
    a.ensure_index()
    with LiveServer(a) as server:
        yield server


def test_upload_document(browser, small_live, tmp_path: Path):
    good = tmp_path / "zwembad-notitie.md"
    good.write_text("# Renovatie zwembad De Meerval\n\nDe renovatie kost 4,2 miljoen euro en start in 2026.\n")
    bad = tmp_path / "foto.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    page = _open(browser, small_live.url)
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(bad))
    page.wait_for_timeout(1000)
    page.click("#toevoegen")
    page.wait_for_function("() => document.querySelector('#upload-status').innerText.includes('PDF')", timeout=30_000)
    assert "foto.png" in page.inner_text("#upload-status")
    assert "alleen PDF-, TXT- en MD-bestanden" in page.inner_text("#upload-status")
    assert "foto" not in page.inner_text("#documenten")
    page.locator("#upload input[type=file]").set_input_files(str(good))
    page.wait_for_timeout(1000)
    page.click("#toevoegen")
    page.wait_for_function(
        "() => document.querySelector('#upload-status').innerText.includes('is toegevoegd')", timeout=60_000
    )
    assert "Renovatie zwembad De Meerval" in page.inner_text("#documenten")
    page.screenshot(path=str(ARTIFACTS / "documenten.png"), full_page=True)
    page.close()


def test_thumbs_and_comment_are_stored(browser, live, assistant):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(Path(assistant.settings.index_dir) / "feedback.sqlite")
    before = len(store.all())
    page = _open(browser, live.url)
    _ask(page, "Wat is Buurtgezinnen?")
    page.get_by_role("button", name="Like").last.click()
    page.get_by_text("Opmerking over het laatste antwoord").click()
    page.get_by_label("Opmerking (zonder persoonsgegevens)").fill("Duidelijk antwoord, bel me op 06-11112222")
    page.get_by_role("button", name="Opmerking versturen").click()
    page.wait_for_function("() => document.body.innerText.includes('opmerking is opgeslagen')", timeout=30_000)
    rows = store.all()[before:]
    assert any(r["rating"] == 1 and r["question"] == "Wat is Buurtgezinnen?" for r in rows)
    assert any(r["comment"] and "[TELEFOON]" in r["comment"] for r in rows)
    assert not any("06-11112222" in (r["comment"] or "") for r in rows)
    page.close()


def test_decisions_tab(browser, live):
    page = _open(browser, live.url)
    page.get_by_role("tab", name="Besluiten").click()
    page.wait_for_selector("#besluiten", timeout=30_000)
    assert "Z/24/244510" in page.inner_text("#besluiten") and "24-05-2022" in page.inner_text("#besluiten")
    page.fill("#besluit-zaak textarea, #besluit-zaak input", "Z/25/299103")
    page.click("#besluit-zoeken")
    page.wait_for_function(
        "() => !document.querySelector('#besluiten').innerText.includes('Z/24/244510')", timeout=30_000
    )
    table = page.inner_text("#besluiten")
    assert "Z/25/299103" in table and "verschillende data" in table
    with page.expect_download() as download:
        page.click("#besluit-export")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.startswith("datum;omschrijving") and "Z/25/299103" in csv_text
    page.screenshot(path=str(ARTIFACTS / "besluiten.png"), full_page=True)
    page.close()
