"""The web chat in a real browser (Debian's Chromium via Playwright), desktop 1280x900 and phone 390x844.

The browser context is English on purpose: the page must be Dutch whatever language the browser speaks.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from assistant.pipeline import Assistant

from .conftest import CORPUS, REALDATA, REPO, ROBUUST, make_settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
PDF = REALDATA / "pdf-sociaal-domein" / "almere_evaluatie_schakelteams_2021.pdf"
TABLE_PDF = REALDATA / "pdf-sociaal-domein" / "almere_stevige_lokale_teams_raadsvoorstel_2026.pdf"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian-Chromium ontbreekt (apt-get install chromium); CI installeert het"
    ),
]
QUESTION = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"
#: Strings Gradio and FastAPI show in English when nobody translates them.
ENGLISH = [
    "Drop File Here", "Click to Upload", "Click to upload", "Clear", "Copy", "Like", "Dislike", "Sort ascending",
    "Sort descending", "Copy table data", "Fullscreen", "bot's message", "user's message", "chatbot conversation",
    "Loading", "Submit", "Error", "More tabs", "Open cell menu", "Clear filters", "Use via API", "Built with",
    "Settings", "Field required", "Not Found", "processing",
]  # fmt: skip


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


@pytest.fixture(scope="module")
def pdf_live(tmp_path_factory, embeddings, model_cache):
    """A small corpus with a real PDF of another gemeente, for the page view and uploads."""
    if not PDF.exists():
        pytest.skip("realdata ontbreekt")
    corpus = tmp_path_factory.mktemp("klein")
    shutil.copy(CORPUS / f"{ROBUUST}.txt", corpus / f"{ROBUUST}.txt")
    shutil.copy(PDF, corpus / PDF.name)
    shutil.copy(TABLE_PDF, corpus / TABLE_PDF.name)
    a = Assistant(make_settings(corpus, tmp_path_factory.mktemp("idx"), model_cache), embeddings=embeddings)
    a.ensure_index()
    with LiveServer(a) as server:
        yield server


def _open(browser, url: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector("#vraag textarea", timeout=30_000)
    return page


def _ask(page, question: str) -> str:
    before = page.locator('#gesprek .message-row, #gesprek [data-testid="bot"]').count()
    page.fill("#vraag textarea", question)
    page.keyboard.press("Enter")  # keyboard use: Enter sends
    page.wait_for_function(
        f"() => document.querySelectorAll('#gesprek .message-row, #gesprek [data-testid=\"bot\"]').length > {before}",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)  # let the streamed answer finish
    return page.inner_text("#gesprek")


def _open_first_source(page):
    """Click the first ``[1]`` in the answer; return the overlay's frame once its page has loaded."""
    url = page.url
    page.locator("#gesprek a", has_text="[1]").first.click()
    page.wait_for_selector("#bronvenster[open] iframe", timeout=10_000)
    assert page.url == url  # the chat stays where it was
    frame = page.frame_locator("#bronvenster iframe")
    frame.locator("h1").wait_for(timeout=30_000)
    return frame


# -- sources -----------------------------------------------------------------------------------


def test_clicking_a_marker_opens_the_passage_of_a_text_source(browser, live):
    ARTIFACTS.mkdir(exist_ok=True)
    page = _open(browser, live.url)
    chat = _ask(page, QUESTION)
    assert "11 gemeenten" in chat
    frame = _open_first_source(page)
    assert "Eerste informatienota sociaal domein tot april 2025" in frame.locator("h1").inner_text()
    meta = frame.locator(".meta").inner_text()
    assert "zaaknummer Z/25/301360" in meta and "pagina 10" in meta
    assert "11 gemeenten" in frame.locator("#passage mark").inner_text()  # the cited sentence is marked
    assert frame.get_by_text("Download het originele bestand").count() == 1
    page.locator("#bronvenster .bron-sluit").click()
    assert page.locator("#bronvenster[open]").count() == 0
    page.close()


def test_pdf_source_shows_the_page_with_the_quote_highlighted(browser, pdf_live):
    """Pixel check: a highlight box overlaps where pdfplumber finds the quote's words, and is yellow there."""
    import pdfplumber
    from PIL import Image

    page = _open(browser, pdf_live.url)
    chat = _ask(page, "Sinds wanneer zijn de schakelteams in Almere aan het werk?")
    assert "Evaluatie schakelteams" in chat  # the PDF is cited; whether the fact is right is the eval's job
    frame = _open_first_source(page)
    image = frame.locator("img#pagina")
    image.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => { const f = document.querySelector('#bronvenster iframe').contentDocument;"
        " const i = f && f.querySelector('img#pagina'); return i && i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    boxes = json.loads(image.get_attribute("data-markeringen"))
    assert boxes
    src = image.evaluate("i => i.src")
    query = parse_qs(urlparse(src).query)
    quote = query["citaat"][0]
    page_number = int(re.search(r"/pagina/(\d+)\.png", src).group(1))
    png = Image.open(io.BytesIO(httpx.get(src, timeout=30).content)).convert("RGB")

    scale = png.width / pdfplumber.open(PDF).pages[page_number - 1].width
    longest = max(re.findall(r"\w+", quote), key=len)
    with pdfplumber.open(PDF) as pdf:
        found = pdf.pages[page_number - 1].search(longest, regex=False)
    assert found, longest
    # The word may stand on the page more than once; the highlight covers the quote's occurrence of it.
    words = [[v * scale for v in (f["x0"], f["top"], f["x1"], f["bottom"])] for f in found]
    overlapping = [
        b for b in boxes for w in words if b[0] < w[2] and w[0] < b[2] and b[1] < w[3] and w[1] < b[3]
    ]  # fmt: skip
    assert overlapping, (longest, words, boxes[:5])
    x0, top, x1, bottom = overlapping[0][:4]
    inside = [(x, y) for x in range(int(x0) + 1, int(x1) - 1) for y in range(int(top) + 1, int(bottom) - 1)]
    pixels = [png.getpixel(xy) for xy in inside]
    light = [p for p in pixels if sum(p) > 450]  # the paper inside the box, not the ink
    assert light and all(r - b > 40 and g - b > 20 for r, g, b in light)  # tinted yellow
    page.screenshot(path=str(ARTIFACTS / "bron-pagina.png"))
    page.close()


def _word_box(
    pdf_path: Path, page_number: int, word: str, scale: float, near: list[float] | None = None
) -> list[float]:
    """Image-pixel box of ``word`` on the page; with ``near``, the occurrence on the line closest to that box."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        found = pdf.pages[page_number - 1].search(word, regex=False)
    assert found, word
    boxes = [[v * scale for v in (f["x0"], f["top"], f["x1"], f["bottom"])] for f in found]
    return min(boxes, key=lambda b: abs(b[1] - near[1])) if near else boxes[0]


def _overlaps(box: list[float], word: list[float]) -> bool:
    return box[0] < word[2] and word[0] < box[2] and box[1] < word[3] and word[1] < box[3]


def test_table_answer_marks_the_row_and_the_cell_on_the_page(browser, pdf_live):
    """A question naming a row and a column: the answer leads with the cell, and the cited page marks the row and,
    in another colour, that cell (a box flagged as cell over where pdfplumber finds the number)."""
    import pdfplumber
    from PIL import Image

    page = _open(browser, pdf_live.url)
    chat = _ask(page, "Hoeveel is in 2027 begroot voor het herstel van de sociale en pedagogische basis?")
    assert "Stevige Lokale Teams" in chat
    frame = _open_first_source(page)
    image = frame.locator("img#pagina")
    image.wait_for(timeout=30_000)
    boxes = json.loads(image.get_attribute("data-markeringen"))
    src = image.evaluate("i => i.src")
    query = parse_qs(urlparse(src).query)
    cell = query["cel"][0]
    assert cell and cell in chat.split("[1]")[0]  # the lead of the answer is the marked cell
    page_number = int(re.search(r"/pagina/(\d+)\.png", src).group(1))
    with pdfplumber.open(TABLE_PDF) as pdf:
        width = pdf.pages[page_number - 1].width
    png = Image.open(io.BytesIO(httpx.get(src, timeout=30).content))
    scale = png.width / width
    cell_word = _word_box(TABLE_PDF, page_number, cell, scale)
    label_word = _word_box(TABLE_PDF, page_number, "pedagogische", scale, near=cell_word)
    assert any(b[4] == 1 and _overlaps(b, cell_word) for b in boxes), (cell_word, boxes)
    assert any(b[4] == 0 and _overlaps(b, label_word) for b in boxes)  # the row label is marked too
    assert "cel" in frame.locator("mark.cel").first.get_attribute("class")  # and the cell in the passage text
    page.screenshot(path=str(ARTIFACTS / "bron-tabelcel.png"))
    page.close()


def test_phone_opens_the_source_over_the_chat(browser, pdf_live):
    page = _open(browser, pdf_live.url, width=390, height=844)
    _ask(page, "Sinds wanneer zijn de schakelteams in Almere aan het werk?")
    frame = _open_first_source(page)
    box = page.locator("#bronvenster").bounding_box()
    assert box["width"] >= 380 and box["y"] < 5  # full screen, not 1,400 px further down
    image = frame.locator("img#pagina").bounding_box()
    assert image["y"] < 844  # the page image starts on the first screen
    page.screenshot(path=str(ARTIFACTS / "telefoon-bron.png"))
    page.close()


# -- conversation state ------------------------------------------------------------------------


def test_refusal_is_a_friendly_message(browser, live):
    page = _open(browser, live.url)
    chat = _ask(page, "Krijgt mevrouw Jansen uit Batenburg een pgb?")
    assert "persoonsgegevens" in chat and "Sociaal Team" in chat
    assert "Jansen" not in chat and "[NAAM]" in chat  # the chat keeps only the redacted question
    assert page.locator(".toast-body").count() == 0  # no error popup
    page.close()


def _chips(page) -> list[str]:
    if not page.locator("#actieve-filters").is_visible():
        return []
    return [t.strip() for t in page.locator("#actieve-filters label").all_inner_texts()]


def test_dutch_date_filter_chips_and_new_conversation(browser, live):
    page = _open(browser, live.url)
    page.click("#filters .label-wrap")
    page.fill("#filter-tot textarea, #filter-tot input", "26-05-2025")
    page.locator("#filter-tot textarea, #filter-tot input").press("Tab")
    page.wait_for_function("() => document.querySelector('#actieve-filters')?.innerText.includes('26 mei 2025')")
    assert _chips(page) == ["Tot en met: 26 mei 2025"]
    # The campaign is only in the nota of 27 May 2025: with the filter it is not found, so the date was applied.
    chat = _ask(page, QUESTION)
    assert "11 gemeenten" not in chat.split(QUESTION)[-1]
    page.locator("#actieve-filters label").first.click()  # removing the chip clears the field
    page.wait_for_function("() => !document.querySelector('#actieve-filters') || "
                           "getComputedStyle(document.querySelector('#actieve-filters')).display === 'none' || "
                           "!document.querySelector('#actieve-filters').innerText.includes('26 mei')")  # fmt: skip
    assert page.input_value("#filter-tot textarea, #filter-tot input") == ""
    assert "11 gemeenten" in _ask(page, QUESTION).split(QUESTION)[-1]

    page.fill("#filter-vanaf textarea, #filter-vanaf input", "31-02-2025")  # not a date: said, not ignored
    page.locator("#filter-vanaf textarea, #filter-vanaf input").press("Tab")
    page.wait_for_function("() => document.querySelector('#filter-melding').innerText.includes('geen datum')")
    page.fill("#filter-vanaf textarea, #filter-vanaf input", "2025")
    page.locator("#filter-vanaf textarea, #filter-vanaf input").press("Tab")
    page.wait_for_function("() => document.querySelector('#actieve-filters')?.innerText.includes('Vanaf: 2025')")
    page.click("#nieuw-gesprek")
    page.wait_for_timeout(1000)
    assert _chips(page) == []
    assert page.input_value("#filter-vanaf textarea, #filter-vanaf input") == ""
    assert QUESTION not in page.inner_text("#gesprek")
    page.close()


def test_thumbs_switch_replaces_the_rating_and_comment_is_stored(browser, live, assistant):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(Path(assistant.settings.index_dir) / "feedback.sqlite")
    before = len(store.all())
    page = _open(browser, live.url)
    _ask(page, "Wat is Buurtgezinnen?")
    page.get_by_role("button", name="Vind ik leuk").last.click()
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Vind ik niet leuk").last.click()
    page.wait_for_timeout(800)
    page.get_by_text("Opmerking over het laatste antwoord").click()
    page.get_by_label("Opmerking (zonder persoonsgegevens)").fill("Duidelijk antwoord, bel me op 06-11112222")
    page.get_by_role("button", name="Opmerking versturen").click()
    page.wait_for_function("() => document.body.innerText.includes('opmerking is opgeslagen')", timeout=30_000)
    rows = store.all()[before:]
    ratings = [r["rating"] for r in rows if r["rating"] is not None and r["question"] == "Wat is Buurtgezinnen?"]
    assert ratings == [-1]  # like then dislike: one rating, the last
    assert any(r["comment"] and "[TELEFOON]" in r["comment"] for r in rows)
    assert not any("06-11112222" in (r["comment"] or "") for r in rows)
    page.close()


# -- Besluiten ---------------------------------------------------------------------------------


def _column(page, col: int) -> list[str]:
    cells = page.eval_on_selector_all(
        f"#besluiten [role=gridcell][data-col='{col}']",
        "els => els.map(e => [Number(e.getAttribute('aria-rowindex')), e.innerText.trim()])",
    )
    return [text for _, text in sorted(cells)]


def test_decisions_sort_as_dates_and_filter_on_dutch_dates(browser, live):
    page = _open(browser, live.url)
    page.get_by_role("tab", name="Besluiten").click()
    page.wait_for_selector("#besluiten [role=gridcell]", timeout=30_000)
    header = page.locator("#besluiten th[data-testid=header-0]").last
    header.hover()
    header.locator("button").click()
    page.get_by_role("menuitem", name="Oplopend sorteren").click()
    page.wait_for_timeout(500)
    dates = [d for d in _column(page, 0) if d]
    assert len(dates) >= 5 and all(re.fullmatch(r"\d{4}(-\d\d){0,2}", d) for d in dates)
    assert dates == sorted(dates)  # ISO at its precision: "2023-12" sorts inside December 2023
    table = page.locator("#besluiten")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 2")  # no horizontal scrolling
    assert page.locator("#besluiten th[data-testid=header-6]").last.is_visible()  # "Let op" is on screen

    page.fill("#besluit-vanaf textarea, #besluit-vanaf input", "01-01-2025")
    page.locator("#besluit-vanaf textarea, #besluit-vanaf input").press("Enter")  # Enter searches
    page.wait_for_function("() => document.querySelector('#besluit-status').innerText.includes('gevonden')")
    page.wait_for_timeout(800)
    assert all(d >= "2025" for d in _column(page, 0) if d)

    page.fill("#besluit-vanaf textarea, #besluit-vanaf input", "")
    page.fill("#besluit-zaak textarea, #besluit-zaak input", "299103")  # without the "Z/25/" prefix
    page.locator("#besluit-zaak textarea, #besluit-zaak input").press("Enter")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#besluiten [role=gridcell][data-col=\"2\"]'))"
        ".some(e => e.innerText.includes('Z/25/299103'))",
        timeout=30_000,
    )
    page.locator("#besluiten [role=gridcell][data-col='1']").first.click()
    page.wait_for_function("() => document.querySelector('#besluit-detail').innerText.includes('Bronnen')")
    assert page.locator("#besluit-detail a[href*='/pagina/'], #besluit-detail a[href*='pagina/']").count() >= 1
    with page.expect_download() as download:
        page.click("#besluit-export")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.startswith("datum;omschrijving") and "Z/25/299103" in csv_text
    page.screenshot(path=str(ARTIFACTS / "besluiten.png"), full_page=True)
    page.close()


# -- uploads -----------------------------------------------------------------------------------


def test_upload_refuses_bad_and_duplicate_files_in_dutch(browser, pdf_live, tmp_path: Path):
    good = tmp_path / "zwembad-notitie.md"
    good.write_text("# Renovatie zwembad De Meerval\n\nDe renovatie kost 4,2 miljoen euro en start in 2026.\n")
    fake = tmp_path / "nota.pdf"
    fake.write_bytes(b"dit is geen pdf maar tekst")
    page = _open(browser, pdf_live.url)
    page.get_by_role("tab", name="Documenten").click()

    def upload(path: Path, expect: str) -> str:
        page.locator("#upload input[type=file]").set_input_files(str(path))
        page.wait_for_timeout(800)
        page.click("#toevoegen")
        page.wait_for_function(
            f"() => document.querySelector('#upload-status').innerText.includes({json.dumps(expect)})", timeout=90_000
        )
        assert page.locator("#documenten").is_visible()  # the list stays visible while indexing
        return page.inner_text("#upload-status")

    status = upload(fake, "niet toegevoegd")
    assert "nota.pdf" in status and "Error" not in status and not re.search(r"\b[A-Z]\w+(Error|Exception)\b", status)
    assert "zwembad-notitie.md is toegevoegd" in upload(good, "is toegevoegd")
    assert "Renovatie zwembad De Meerval" in page.inner_text("#documenten")
    duplicate = upload(PDF, "staat er al in")
    assert PDF.name in duplicate
    titles = page.inner_text("#documenten")
    assert titles.count("Evaluatie schakelteams") == 1
    page.screenshot(path=str(ARTIFACTS / "documenten.png"), full_page=True)
    page.close()


# -- Dutch everywhere --------------------------------------------------------------------------


def test_every_visible_string_is_dutch_and_lang_is_nl(browser, live):
    page = _open(browser, live.url)
    _ask(page, "Wat doet de gemeente tegen eenzaamheid?")
    page.click("#filters .label-wrap")
    seen: list[str] = []
    for tab in ("Vragen", "Documenten", "Besluiten"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(1200)
        seen.append(page.evaluate("document.body.innerText"))
        seen += page.evaluate(
            "Array.from(document.querySelectorAll('*')).flatMap(e => "
            "['aria-label', 'title', 'placeholder', 'alt'].map(n => e.getAttribute(n)).filter(Boolean))"
        )
    assert page.evaluate("document.documentElement.lang") == "nl"
    found = sorted({w for w in ENGLISH for text in seen if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)})
    assert found == [], found
    page.close()


def test_api_errors_are_dutch(live):
    missing = httpx.post(live.url + "api/ask", json={}, timeout=30)
    assert missing.status_code == 422
    assert "question: dit veld ontbreekt" in missing.json()["detail"]
    assert httpx.get(live.url + "api/bestaat-niet", timeout=30).json()["detail"] == "Niet gevonden."
    assert httpx.get(live.url + "bron/onbekend/pagina/1", timeout=30).json()["detail"].startswith("Dit document")
    bad_date = httpx.post(live.url + "api/ask", json={"question": "Wat is Buurtgezinnen?",
                                                      "filters": {"date_from": "31-31-2025"}}, timeout=30)  # fmt: skip
    assert bad_date.status_code == 422 and "niet te lezen" in bad_date.json()["detail"]


def test_api_docs_render_with_the_network_blocked(browser, live):
    context = browser.new_context(locale="en-US")
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(live.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(live.url + "api/docs", wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "API van de Raadsassistent" in page.locator("h1").inner_text()
    assert page.locator("section", has_text="/api/ask").count() == 1
    assert page.locator("section", has_text="/api/documents").count() >= 1
    assert outside == []
    context.close()
