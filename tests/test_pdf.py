"""``assistant.pdf`` and ``assistant.tables`` on PDFs made here (a ruled table, a table over two pages) and on the
real PDFs in ``../shared/realdata``: tables keep their headers, titles and dates come from the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.decisions import extract_decisions
from assistant.ingest import load_document
from assistant.schema import Document
from assistant.tables import parse_row_sentence

from .conftest import CORPUS, EERSTE, FONT, REALDATA, new_pdf
from .test_decisions import EERDERE_BESLUITEN

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans ontbreekt (fonts-dejavu-core)")


def _rows(doc: Document) -> list[tuple[int, str, dict[str, str]]]:
    """(page, row label, {column header: value}) of every table row sentence of ``doc``."""
    return [
        (b.page_start, p[1], dict(p[2]))
        for b in doc.blocks
        if b.kind == "table"
        for p in map(parse_row_sentence, doc.text[b.start : b.end].split("\n\n"))
        if p
    ]


def _by_label(doc: Document) -> dict[str, dict[str, str]]:
    return {label: cells for _page, label, cells in _rows(doc)}


def _eerdere_besluiten_rows() -> list[tuple[str, str]]:
    """Dates and descriptions of the "Eerdere besluiten" table, as the corpus text gives them (column by column)."""
    text = (CORPUS / f"{EERSTE}.txt").read_text(encoding="utf-8")
    block = text[text.index("Eerdere besluiten") : text.index("Toelichting")]
    lines = [line.strip() for line in block.splitlines() if line.strip()][2:]
    dates = [line for line in lines if line[:2].isdigit() and line.count("-") == 2][:8]
    rest = " ".join(lines[len(dates) :])
    descriptions, current = [], ""
    for word in rest.split():
        current = f"{current} {word}".strip()
        if current.split()[-2:-1] == ["Zaaknummer"] or (
            len(current.split()) > 1 and current.split()[-2] == "Zaaknummer"
        ):
            descriptions.append(current)
            current = ""
    return list(zip(dates, descriptions, strict=True))


@needs_font
def test_ruled_table_of_decisions_is_read_row_by_row(tmp_path: Path):
    """The register still pairs all eight decisions when the table comes from a real PDF page (pdfplumber reads the
    ruled table row by row, where plain text extraction gives the date column first)."""
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "Informatienota voor de gemeenteraad\n\nOnderwerp: Eerste informatienota sociaal domein")
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    pdf.cell(0, 8, "Eerdere besluiten", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    with pdf.table(col_widths=(30, 140), text_align="LEFT", first_row_as_headings=False) as table:
        header = table.row()
        header.cell("Datum")
        header.cell("Korte omschrijving eerder genomen besluit")
        for date, description in _eerdere_besluiten_rows():
            row = table.row()
            row.cell(date)
            row.cell(description)
    pdf.multi_cell(0, 6, "\nToelichting\nWe informeren uw raad over de stand van zaken.")
    path = tmp_path / "eerste-informatienota.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    pairs = [(d.date, d.zaaknummer) for d in extract_decisions(doc) if d.sources[0].page == 2 and d.zaaknummer]
    assert pairs == EERDERE_BESLUITEN


@needs_font
def test_number_table_over_two_pages_keeps_its_headers(tmp_path: Path):
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "Monitor Wmo 2024\n\nTabel 3 Cliënten per voorziening")
    rows = [
        (f"Voorziening {i}", f"{1000 + i * 7:,}".replace(",", "."), f"{1100 + i * 9:,}".replace(",", "."))
        for i in range(40)
    ]
    with pdf.table(
        col_widths=(90, 40, 40), text_align=("LEFT", "RIGHT", "RIGHT"), first_row_as_headings=False
    ) as table:
        header = table.row()
        for text in ("Voorziening", "2023", "2024"):
            header.cell(text)
        for label, a, b in rows:
            row = table.row()
            for text in (label, a, b):
                row.cell(text)
    path = tmp_path / "monitor.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert {b.page_start for b in tables} == {1, 2}
    parsed = _by_label(doc)
    assert len(parsed) == 40
    assert parsed["Voorziening 39"] == {"2023": "1.273", "2024": "1.451"}  # on page 2: headers from page 1
    assert parsed["Voorziening 0"] == {"2023": "1.000", "2024": "1.100"}


@needs_font
def test_the_last_row_of_a_table_alone_on_the_next_page_keeps_its_headers(tmp_path: Path):
    """A table broken over a page leaves one row under the next page's running header: too few numbers to be a
    table of its own, it is read as the rest of the table the page before ended with."""
    pdf = new_pdf()
    columns = (110, 140, 170)

    def row(y: float, label: str, values: tuple[str, ...]) -> None:
        pdf.text(20, y, label)
        for x, value in zip(columns, values, strict=True):
            pdf.text(x, y, value)

    pdf.multi_cell(0, 6, "Financiële kengetallen\n\nDe kengetallen laten zien hoe de organisatie ervoor staat.")
    row(230, "Kengetallen", ("2023", "2024", "2025"))
    for i, name in enumerate(("netto schuldquote", "solvabiliteitsratio", "grondexploitatie", "belastingcapaciteit")):
        row(240 + 8 * i, name, (f"{i + 9},9%", f"{i + 13},6%", f"{i + 23},3%"))
    pdf.add_page()
    pdf.text(20, 12, "Begroting 2026")
    row(30, "structurele exploitatieruimte", ("2,2%", "0,7%", "0,0%"))
    pdf.set_y(45)
    pdf.multi_cell(0, 6, "Structurele exploitatieruimte: een getal groter dan nul betekent dat de baten volstaan.")
    path = tmp_path / "begroting.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    rows = {label: (page, cells) for page, label, cells in _rows(doc)}
    assert rows["netto schuldquote"] == (1, {"2023": "9,9%", "2024": "13,6%", "2025": "23,3%"})
    assert rows["structurele exploitatieruimte"] == (2, {"2023": "2,2%", "2024": "0,7%", "2025": "0,0%"})
    assert "een getal groter dan nul" in doc.text  # the text under it stays text


REAL = REALDATA / "pdf-sociaal-domein"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata ontbreekt")
def test_real_table_rows_carry_their_column_headers():
    doc = load_document(REAL / "almere_stevige_lokale_teams_raadsvoorstel_2026.pdf")
    herstel = next(cells for _page, label, cells in _rows(doc) if "Herstel sociale en pedagogische basis" in label)
    assert herstel == {"2026": "800", "2027": "1.300", "2028": "2.000", "2029": "2.400"}
    assert next(b.page_start for b in doc.blocks if b.kind == "table") == 6


@needs_font
def test_a_grid_around_the_numbers_only_keeps_the_row_labels_printed_left_of_it(tmp_path: Path):
    """A begroting's "overzicht van baten en lasten": the ruling boxes the figures, the labels stand left of it, the
    last column of figures right of it, and no lines separate the rows (the whole block is one ruled cell)."""
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "7.2 Het overzicht van baten en lasten")
    labels = ("Personeelskosten", "Huisvestingskosten", "Overige bedrijfskosten", "Totaal lasten")
    values = (("51.384", "49.478", "49.343"), ("3.718", "1.356", "1.360"), ("16.892", "18.100", "18.142"),
              ("75.790", "73.872", "73.794"))  # fmt: skip
    top = 40.0
    pdf.set_xy(15, top + 1)
    pdf.cell(50, 6, "Bedragen x € 1.000")
    for x, year in ((90, "2023"), (130, "2025"), (170, "2026")):
        pdf.set_xy(x, top + 1)
        pdf.cell(30, 6, year, align="R")
    for i, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = top + 10 + i * 8
        pdf.set_xy(15, y)
        pdf.cell(60, 6, label)
        for x, value in zip((90, 130, 170), row, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(30, 6, value, align="R")
    pdf.rect(85, top, 80, 8)  # the header row
    pdf.rect(85, top + 8, 80, 34)  # one box around all figures
    path = tmp_path / "begroting.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    parsed = _by_label(doc)
    assert parsed["Overige bedrijfskosten"] == {"2023": "16.892", "2025": "18.100", "2026": "18.142"}
    assert parsed["Personeelskosten"] == {"2023": "51.384", "2025": "49.478", "2026": "49.343"}
    assert len(parsed) == 4


def test_bookmarks_give_the_section_path_in_page_order_without_hidden_anchors():
    from assistant.cleaning import Cleaned
    from assistant.pdf import _HIDDEN_BOOKMARK, apply_outline, merge_wrapped_bookmarks
    from assistant.schema import Block

    # Word's hidden anchors and bare page numbers are no chapters; a real title is.
    assert _HIDDEN_BOOKMARK.fullmatch("_Hlk198803469") and _HIDDEN_BOOKMARK.fullmatch("12")
    assert not _HIDDEN_BOOKMARK.fullmatch("Bijlage 1") and not _HIDDEN_BOOKMARK.fullmatch(
        "5.2 Algemene gezondheidszorg"
    )

    # As a real begroting stores them: a summary added later first, a wrapped heading.
    outline = merge_wrapped_bookmarks(
        [(3, 1, "Samenvatting"), (14, 1, "5. Publieke gezondheid"), (15, 2, "5.2 Algemene gezondheidszorg"),
         (21, 2, "5.5 Kennis en advies en"), (21, 2, "gezond leven"), (5, 1, "2. Op weg naar een robuuste GGD")]
    )  # fmt: skip
    assert (21, 2, "5.5 Kennis en advies en gezond leven") in outline
    blocks = [Block("paragraph", 0, 4, page, page, ()) for page in (6, 17, 22)]
    sections = [b.section for b in apply_outline(Cleaned("text", blocks), outline).blocks]
    assert sections == [
        ("2. Op weg naar een robuuste GGD",),
        ("5. Publieke gezondheid", "5.2 Algemene gezondheidszorg"),
        ("5. Publieke gezondheid", "5.5 Kennis en advies en gezond leven"),
    ]


def test_headings_in_the_text_refine_the_bookmarks_page_granular_path():
    from assistant.cleaning import Cleaned
    from assistant.pdf import apply_outline
    from assistant.schema import Block

    outline = [(14, 1, "5. Publieke gezondheid"), (15, 2, "5.2 Algemene gezondheidszorg"), (40, 1, "Bijlage 1")]
    text = "5.1 Jeugd en gezin|table|5.2 Algemene gezondheidszorg|8.4 Samenwerking|Brief|letter"
    spans, at = [], 0
    for piece in text.split("|"):
        spans.append((at, at + len(piece)))
        at += len(piece) + 1
    jgz, agz, samen = ("5.1 Jeugd en gezin",), ("5.2 Algemene gezondheidszorg",), ("8.4 Samenwerking",)
    blocks = [
        Block("heading", *spans[0], 14, 14, jgz),
        Block("table", *spans[1], 15, 15, jgz),  # the top of page 15, above the heading "5.2"
        Block("heading", *spans[2], 15, 15, agz),
        Block("heading", *spans[3], 30, 30, samen),
        Block("heading", *spans[4], 41, 41, (*samen, "Brief")),
        Block("paragraph", *spans[5], 41, 41, (*samen, "Brief")),
    ]
    sections = [b.section for b in apply_outline(Cleaned(text, blocks), outline).blocks]
    assert sections[1] == ("5. Publieke gezondheid", "5.1 Jeugd en gezin")  # not "5.2 ... > 5.1 ..."
    assert sections[2] == ("5. Publieke gezondheid", "5.2 Algemene gezondheidszorg")  # once, not twice
    # A chapter heading from before the bookmark's page is stale there: the letter in the annex is not in "8.4".
    assert sections[5] == ("Bijlage 1", "Brief")
