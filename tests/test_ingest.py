"""Ingestion of every loader on real documents, metadata, page recovery and cleaning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.cleaning import _glossary_lines, clean_lines, with_parts
from assistant.dates import parse_dutch_date
from assistant.ingest import IngestError, load_corpus, load_document
from assistant.plaintext import read_txt_lines
from assistant.schema import RawLine

from .conftest import BELEIDSPLAN, CORPUS, EERSTE, FONT, REALDATA, ROBUUST


def _page_of(doc, phrase: str) -> int | None:
    at = doc.text.find(phrase)
    assert at >= 0, f"{phrase!r} not in cleaned text"
    return doc.page_at(at)


def test_corpus_loads_with_manifest_metadata():
    result = load_corpus(CORPUS)
    assert not result.errors
    docs = {d.doc_id: d for d in result.documents}
    assert set(docs) == {ROBUUST, EERSTE, BELEIDSPLAN}
    assert docs[EERSTE].zaaknummer == "Z/25/301360"
    assert docs[EERSTE].date == "2025-05-27"
    assert docs[BELEIDSPLAN].doc_type == "beleidsplan"
    assert docs[BELEIDSPLAN].gemeenten == ["Druten", "Wijchen"]


def test_metadata_from_header_without_manifest(tmp_path: Path):
    src = CORPUS / f"{ROBUUST}.txt"
    target = tmp_path / "nota-zonder-manifest.txt"
    target.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    doc = load_document(target)
    assert doc.title == "Robuust sociaal team en sterke sociale basis"
    assert doc.date == "2025-05-20"
    assert doc.zaaknummer == "Z/25/299103"  # only in the running header "Openbaar Zaaknummer: ..."
    assert doc.doc_type == "informatienota"
    assert "Wijchen" in doc.gemeenten


def test_manifest_overrides_header(tmp_path: Path):
    (tmp_path / "nota.txt").write_text((CORPUS / f"{ROBUUST}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('["nota.txt"]\ntitle = "Andere titel"\ntype = "raadsvoorstel"\n')
    doc = load_corpus(tmp_path).documents[0]
    assert doc.title == "Andere titel"
    assert doc.doc_type == "raadsvoorstel"
    assert doc.zaaknummer == "Z/25/299103"


@pytest.mark.parametrize(
    ("doc_id", "phrase", "page"),
    [
        (ROBUUST, "Kernboodschap", 1),
        (ROBUUST, "Buurtgezinnen is in de regio heel succesvol", 2),  # after "Pagina 2 van 3"
        (ROBUUST, "een ouderschapsreorganisatie in het belang van het kind", 3),
        (EERSTE, "Het sociaal team bestaat op dit moment uit ongeveer 35 medewerkers", 3),
        (EERSTE, "met mantelzorgers plaats", 9),  # header "Pagina 9 van 11" without a page-start line
        (EERSTE, "Hier doen 11 gemeenten uit regio aan mee", 10),
        (EERSTE, "bij Sterker (instelling voor maatschappelijk werk", 11),
        (BELEIDSPLAN, "Dit is het Beleidsplan en Uitvoerplan", 4),  # footer "6" anchors the numbering
        (BELEIDSPLAN, "Ook van cultuurdeelname zijn de gezondheidseffecten", 7),
    ],
)
def test_page_recovery(doc_id: str, phrase: str, page: int):
    doc = load_document(CORPUS / f"{doc_id}.txt")
    assert _page_of(doc, phrase) == page


def test_headers_footers_removed_but_kept_as_metadata():
    doc = load_document(CORPUS / f"{EERSTE}.txt")
    assert "Pagina 9 van 11" not in doc.text
    assert "Openbaar" not in doc.text
    assert "Pagina 9 van 11" in doc.removed_lines
    assert any("Z/25/301360" in line for line in doc.removed_lines)


def test_sentence_over_page_break_is_rejoined():
    doc = load_document(CORPUS / f"{EERSTE}.txt")
    assert "In 2024 vonden er 121 individuele gesprekken met mantelzorgers plaats." in doc.text
    # and a broken line inside a sentence becomes one line
    assert "Inwoners moeten vaak langer wachten op aanbod" in doc.text


def test_hyphenation_and_line_joining():
    lines = read_txt_lines(
        "Dit is een zorg-\nverlening en een Wmo-\nondersteuning in 2025-\n2028 voor jeugd-\nen gezinswerk.\n"
    )
    cleaned = clean_lines(lines)
    assert cleaned.text == "Dit is een zorgverlening en een Wmo-ondersteuning in 2025-2028 voor jeugd- en gezinswerk."


_ABBREVIATIONS = (
    "AVG Algemene Verordening Gegevensbescherming",
    "CBS Centraal Bureau Statistiek",
    "JGZ Jeugdgezondheidszorg",
    "P&O Personeel & organisatie",
    "PrEP Pre-expositie profylaxe",
    "ZONL Zorggroep Oude en Nieuwe Land",
)


def test_a_list_of_abbreviations_is_one_entry_per_line():
    """Without punctuation the list would be one sentence of hundreds of words, and its first line a heading."""
    lines = [RawLine("Lijst met afkortingen", 49, page_start=True), RawLine("", 49)]
    lines += [RawLine(e, 49) for e in _ABBREVIATIONS]
    cleaned = clean_lines(lines)
    texts = [cleaned.text[b.start : b.end] for b in cleaned.blocks]
    assert texts == ["Lijst met afkortingen", *_ABBREVIATIONS]
    assert [b.kind for b in cleaned.blocks] == ["heading"] + ["glossary"] * len(_ABBREVIATIONS)


def test_a_few_lines_opening_with_an_abbreviation_or_capitals_are_no_list_of_abbreviations():
    few = [RawLine(e, 3) for e in _ABBREVIATIONS[:4]]  # four lines may be sentences that open with an acronym
    headings = [RawLine(t, 3) for t in ("INTEGRAAL GAAN WERKEN", "KWALITEIT VAN LEVEN", "MET PLEZIER AAN HET WERK",
                                        "ONTDEKKEN EN DOEN", "ZORG WAAR JE WOONT")]  # fmt: skip
    rows = [RawLine(f"GGD {n} Vaccinaties {n}", 3) for n in range(2020, 2026)]  # a number after it: a table row
    assert _glossary_lines(few) == _glossary_lines(headings) == _glossary_lines(rows) == set()
    assert _glossary_lines([*few, RawLine("", 3), *[RawLine(e, 3) for e in _ABBREVIATIONS[4:]]]) == {0, 1, 2, 3, 5, 6}


def test_section_headings_recovered():
    doc = load_document(CORPUS / f"{EERSTE}.txt")
    headings = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"]
    for expected in ("Kernboodschap", "1. Duiding zorggebruik en bijstelling 2025", "Belangrijkste bevindingen Jeugd",
                     "4. Relevante ontwikkelingen", "Voorkomen of verminderen van Eenzaamheid"):  # fmt: skip
        assert expected in headings
    wrapped = "Nieuw beleidsplan sociaal domein (Samen voor een gezonde toekomst 2025-2028)"
    assert wrapped in headings
    block = next(b for b in doc.blocks if doc.text[b.start : b.end].startswith("In Wijchen is 1 op de 4 inwoners"))
    assert block.section == ("4. Relevante ontwikkelingen", "Voorkomen of verminderen van Eenzaamheid")


def test_dutch_dates():
    assert parse_dutch_date("Collegedatum:  27 mei 2025") == "2025-05-27"
    assert parse_dutch_date("19-05-2025") == "2025-05-19"
    assert parse_dutch_date("geen datum") is None


def _write_pdf(path: Path, pages: list[str], zaak: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=9)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        pdf.cell(0, 6, f"Openbaar Zaaknummer: {zaak}", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 4.2, text)
        pdf.set_y(-20)
        pdf.cell(0, 6, f"Pagina {number} van {len(pages)}")
    pdf.output(str(path))


@pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans font not installed (apt-get install fonts-dejavu-core)")
def test_pdf_made_from_corpus_text(tmp_path: Path):
    source = load_document(CORPUS / f"{ROBUUST}.txt")
    page_texts: dict[int, list[str]] = {}
    for block in source.blocks:
        page_texts.setdefault(block.page_start, []).append(source.text[block.start : block.end])
    pages = ["\n".join(page_texts[p]) for p in sorted(page_texts)]
    pdf_path = tmp_path / "robuust.pdf"
    _write_pdf(pdf_path, pages, "Z/25/299103")

    doc = load_document(pdf_path)
    assert doc.page_count == 3
    assert doc.zaaknummer == "Z/25/299103"
    assert doc.title == "Informatienota voor de Gemeenteraad" or "Robuust" in doc.title
    assert "Pagina 1 van 3" in doc.removed_lines and "Pagina" not in doc.text
    assert _page_of(doc, "Buurtgezinnen is in de regio heel succesvol") == 2
    assert _page_of(doc, "In de hervormingsagenda jeugd wordt bij wet verplicht") == 3
    # Curly quotes and diacritics survive the round trip.
    assert "Gezinnen voor elkaar’" in doc.text and "geïndiceerde" in doc.text


REAL_PDFS = sorted((REALDATA / "pdf").glob("*.pdf")) if (REALDATA / "pdf").exists() else []


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/realdata/pdf not present")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name[:30])
def test_real_pdfs_ingest(path: Path):
    import pypdf

    doc = load_document(path)
    assert doc.page_count == len(pypdf.PdfReader(str(path)).pages)
    assert len(doc.text) > 500
    assert all(b.page_start is not None and 1 <= b.page_start <= doc.page_count for b in doc.blocks)
    assert not re.search(r"Pagina \d+ van \d+", doc.text)


@pytest.mark.skipif(not (REALDATA / "pdf-edgecases").exists(), reason="edge cases not present")
def test_scanned_and_corrupt_pdfs_give_clear_errors(tmp_path: Path):
    with pytest.raises(IngestError, match="OCR") as scanned:
        load_document(REALDATA / "pdf-edgecases" / "blg-1007826.pdf")
    assert "blg-1007826.pdf" in str(scanned.value)
    with pytest.raises(IngestError, match="beschadigd") as corrupt:
        load_document(REALDATA / "pdf-edgecases" / "IAmWrongPDF.pdf")
    assert "IAmWrongPDF.pdf" in str(corrupt.value)


def test_bad_files_do_not_stop_the_corpus(tmp_path: Path):
    (tmp_path / "goed.md").write_text("# Titel\n\nDe gemeente opent in 2026 een nieuw wijkcentrum.\n", encoding="utf-8")
    (tmp_path / "leeg.txt").write_bytes(b"")
    (tmp_path / "plaatje.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "kapot.pdf").write_bytes(b"%PDF-1.4 dit is geen pdf")
    (tmp_path / "latin1.txt").write_bytes("Financiële gevolgen: geen.\n".encode("cp1252"))
    (tmp_path / "kopie.md").write_text((tmp_path / "goed.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = load_corpus(tmp_path)
    names = sorted(d.path.split("/")[-1] for d in result.documents)
    assert names == ["goed.md", "latin1.txt"]
    errors = {e.path.name: e.dutch for e in result.errors}
    assert set(errors) == {"leeg.txt", "plaatje.png", "kapot.pdf"}
    assert "leeg" in errors["leeg.txt"] and "niet ondersteund" in errors["plaatje.png"]
    assert any("kopie.md" in w for w in result.warnings)
    latin = next(d for d in result.documents if d.path.endswith("latin1.txt"))
    assert "Financiële" in latin.text


def test_markdown_sections(tmp_path: Path):
    path = tmp_path / "notitie.md"
    path.write_text("# Jeugd\n\n## Preventie\n\nWe investeren in\npreventie op scholen.\n\n- punt een\n- punt twee\n")
    doc = load_document(path)
    assert doc.page_count is None
    para = next(b for b in doc.blocks if doc.text[b.start : b.end].startswith("We investeren"))
    assert doc.text[para.start : para.end] == "We investeren in preventie op scholen."
    assert para.section == ("Jeugd", "Preventie")
    assert sum(1 for b in doc.blocks if b.kind == "item") == 2


@pytest.mark.skipif(not (REALDATA / "pdf").exists(), reason="realdata ontbreekt")
def test_parallel_parsing_gives_the_same_corpus_and_keeps_bad_files_apart(tmp_path: Path):
    for pdf in sorted((REALDATA / "pdf").glob("*.pdf"))[:4]:
        shutil.copy(pdf, tmp_path / pdf.name)
    (tmp_path / "kapot.pdf").write_bytes(b"%PDF-1.4 dit is geen pdf")
    one = load_corpus(tmp_path, workers=1)
    two = load_corpus(tmp_path, workers=2)
    assert [d.doc_id for d in two.documents] == [d.doc_id for d in one.documents] and len(one.documents) == 4
    assert [d.text for d in two.documents] == [d.text for d in one.documents]
    assert [str(e) for e in two.errors] == [str(e) for e in one.errors] and "kapot.pdf" in str(two.errors[0])


def test_a_bundled_parts_running_header_goes_though_it_covers_few_of_the_pages():
    """A bundle of 20 pages whose last part (6 pages) has its own header with a page number."""
    lines: list[RawLine] = []
    for page in range(1, 21):
        lines.append(RawLine(f"Vergaderstuk {page}: de agenda van het algemeen bestuur.", page, page_start=True))
        lines.append(RawLine(f"Op pagina {page} staat tekst over de begroting van dit jaar.", page))
        if page > 14:
            lines.append(RawLine(f"GGD Bestuursrapportage januari 2024 t/m augustus 2024 {page - 14}", page))
        lines.append(RawLine("", page))
    cleaned = clean_lines(lines)
    assert "Bestuursrapportage januari" not in cleaned.text
    assert "Op pagina 15 staat tekst over de begroting van dit jaar." in cleaned.text
    # The header names the part: it leads the section path of that part's passages, without its page number.
    sections = {b.page_start: b.section for b in with_parts(cleaned).blocks}
    assert sections[16][0] == "GGD Bestuursrapportage januari 2024 t/m augustus 2024"
    assert not any("Bestuursrapportage" in s for page, section in sections.items() if page < 15 for s in section)


def test_a_page_without_the_parts_header_between_two_pages_with_it_is_in_that_part():
    lines: list[RawLine] = []
    for page in range(1, 25):
        lines.append(RawLine(f"Hier staat wat er over onderwerp {chr(96 + page)} te zeggen is.", page, page_start=True))
        if 12 < page < 20 and page != 16:  # page 16: a landscape table without the header
            lines.append(RawLine(f"GGD Begroting 2025 versie 0.3 {page}", page))
        lines.append(RawLine("", page))
    sections = {b.page_start: b.section for b in with_parts(clean_lines(lines)).blocks}
    assert sections[16] == sections[15] == ("GGD Begroting 2025 versie 0.3",)
    assert sections[12] == sections[20] == ()


def _chapter_pages() -> list[RawLine]:
    """Four pages of a programme chapter: "5. Publieke gezondheid" printed above each page, subsections 5.1 and 5.2,
    numbered points inside 5.1 and a table at the top of page 3 that still belongs to 5.1."""
    text = {
        1: ["5. Publieke gezondheid", "", "5.1 Jeugdgezondheidszorg", "", "De jeugdgezondheidszorg ziet alle kinderen.",
            "", "1. Optimalisatie doorlopende lijn", "", "We verbinden de zorg voor kinderen van 0 tot 18 jaar."],
        2: ["5. Publieke gezondheid", "", "2. Verhogen vaccinatiegraad", "",
            "We bieden vaker vaccinaties aan in wijken."],
        3: ["5. Publieke gezondheid", "", "Baten derden 792 777 1.247", "", "5.2 Algemene gezondheidszorg", "",
            "De afdeling bestrijdt infectieziekten in de regio."],
        4: ["5. Publieke gezondheid", "", "De afdeling houdt toezicht op de technische hygiëne."],
    }  # fmt: skip
    return [RawLine(t, page, page_start=i == 0) for page, lines in text.items() for i, t in enumerate(lines)]


def test_a_chapters_running_header_does_not_end_the_subsection_a_page_continues():
    cleaned = clean_lines(_chapter_pages())
    sections = {cleaned.text[b.start : b.end]: b.section for b in cleaned.blocks}
    assert sections["Baten derden 792 777 1.247"][0] == "5.1 Jeugdgezondheidszorg"
    assert sections["De afdeling houdt toezicht op de technische hygiëne."] == ("5.2 Algemene gezondheidszorg",)


def test_a_numbered_point_that_does_not_continue_the_chapter_numbers_is_a_subsection():
    cleaned = clean_lines(_chapter_pages())
    sections = {cleaned.text[b.start : b.end]: b.section for b in cleaned.blocks}
    assert sections["We bieden vaker vaccinaties aan in wijken."] == (
        "5.1 Jeugdgezondheidszorg",
        "2. Verhogen vaccinatiegraad",
    )
    # The chapter's first point and the next chapter number still open chapters.
    assert sections["De jeugdgezondheidszorg ziet alle kinderen."] == ("5.1 Jeugdgezondheidszorg",)


def _paragraphs(lines: list[str]) -> list[str]:
    cleaned = clean_lines([RawLine(t, 1, page_start=i == 0) for i, t in enumerate(lines)])
    return [cleaned.text[b.start : b.end] for b in cleaned.blocks]


def test_an_agenda_item_starts_a_paragraph_even_after_a_decision_without_a_full_stop():
    """Two items of a besluitenlijst on one page, the first decision ending without a full stop: two paragraphs,
    so no sentence runs from one item into the next (a date of the first is not the date of the second)."""
    paragraphs = _paragraphs(
        [
            "10.c.1 Raadsinformatiebrief beantwoording actualiteitsvragen",
            "raadsvergadering d.d. 8 juli 2025",
            "Besluit:",
            "1. De gemeenteraad te informeren over de beantwoording actualiteitsvragen",
            "raadsvergadering d.d. 8 juli 2025 via bijgevoegde raadsinformatiebrief",
            "10.e.1 Intrekken noodverordening Valkenburgse meer door Katwijk",
            "Besluit:",
            "1. De gemeenteraad te informeren over het intrekken van de noodverordening.",
        ]
    )
    item = next(p for p in paragraphs if p.startswith("10.e.1"))
    assert "8 juli" not in item
    assert not any("raadsinformatiebrief 10.e.1" in p for p in paragraphs)


def test_a_numbered_point_after_a_short_finished_line_is_a_paragraph_but_a_date_is_not():
    paragraphs = _paragraphs(
        [
            "In de vergadering van het algemeen bestuur van de GGD is het volgende voorgesteld aan de leden.",
            "Voorgesteld wordt:",
            "1. De begroting 2025 vast te stellen.",
            "2. De reactiebrief op de zienswijzen vast te stellen en te verzenden naar de gemeenten.",
            "Eerstvolgend overleg:",
            "04 december 2024 Bestuursdag in het provinciehuis van Flevoland, met diner erna.",
        ]
    )
    assert "1. De begroting 2025 vast te stellen." in paragraphs
    assert "Eerstvolgend overleg: 04 december 2024" in " ".join(paragraphs)
    assert not any(p.startswith("04 december") for p in paragraphs)


def test_a_label_above_its_value_is_one_label_line():
    """A raadsvoorstel's cover prints each label above its value: "Steller" / "M.E. Knook"."""
    paragraphs = _paragraphs(
        ["Onderwerp", "Stevige Lokale Teams en inzet Investeringsfonds", "Steller", "M.E. Knook", "Kenmerk :",
         "Blad: 2 van 3"]
    )  # fmt: skip
    assert "Steller: M.E. Knook" in paragraphs
    assert "Onderwerp: Stevige Lokale Teams en inzet Investeringsfonds" in paragraphs
    assert not any(p.startswith("Kenmerk: Blad") for p in paragraphs)  # a label under a label is not its value
