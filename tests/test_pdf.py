"""``assistant.pdf`` and ``assistant.tables`` on PDFs made here (a ruled table, a table over two pages) and on the
real PDFs in ``../shared/realdata``: tables keep their headers, titles and dates come from the document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.decisions import extract_decisions
from assistant.ingest import load_document
from assistant.schema import Document
from assistant.tables import parse_row_sentence

from .conftest import CORPUS, EERSTE, FONT, REALDATA
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


def _new_pdf(size: int = 10) -> Any:
    """An A4 fpdf document with a page and the DejaVu font (for "€" and "ë")."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=size)
    pdf.add_page()
    return pdf


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
    pdf = _new_pdf()
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
    pdf = _new_pdf()
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
    pdf = _new_pdf()
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


@needs_font
def test_two_tables_stacked_in_one_block_each_keep_their_own_headers(tmp_path: Path):
    """A jaarstukken prints the risk table right under the weerstandsvermogen table, with no space between: the
    second header line ("Impact Kans Reserve") starts a table of its own instead of being read as a row label."""
    pdf = _new_pdf()
    pdf.multi_cell(0, 6, "Weerstandsvermogen\n\nHet weerstandsvermogen is voldoende om de risico's op te vangen.")

    def line(y: float, label: str, cells: dict[float, str]) -> None:
        pdf.text(20, y, label)
        for x, text in cells.items():
            pdf.text(x, y, text)

    line(60, "Berekening", {120: "2023", 170: "2022"})
    line(68, "Algemene reserve", {120: "165", 170: "165"})
    line(76, "Nog te bestemmen resultaat", {120: "137", 170: "287"})
    line(84, "Weerstandsvermogen", {120: "302", 170: "452"})
    line(92, "Risico", {118: "Impact", 146: "Kans", 170: "Reserve"})
    line(100, "Gebouwen", {120: "200", 146: "10%", 170: "20"})
    line(108, "Ziekte - vervanging", {120: "100", 146: "25%", 170: "25"})
    line(116, "Onvoorzien", {120: "50", 146: "50%", 170: "25"})
    path = tmp_path / "jaarstukken.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    rows = _by_label(doc)
    assert rows["Weerstandsvermogen"] == {"2023": "302", "2022": "452"}
    assert rows["Ziekte - vervanging"] == {"Impact": "100", "Kans": "25%", "Reserve": "25"}


@needs_font
def test_codes_before_the_row_labels_open_the_label_and_a_table_of_contents_is_no_table(tmp_path: Path):
    """A taakveldenoverzicht numbers its rows with codes ("6.1", "0.10") before the label: a column of codes is
    part of the label, not a column of figures. Section numbers and page numbers without headers stay text."""
    pdf = _new_pdf()

    def line(y: float, cells: dict[float, str]) -> None:
        for x, text in cells.items():
            pdf.text(x, y, text)

    line(20, {20: "Inhoudsopgave"})
    for i, (code, title, page) in enumerate(
        (("1.1", "Inleiding", "3"), ("2.1", "Financiën", "7"), ("2.2", "Risico's", "9"), ("3.1", "Bijlagen", "12"))
    ):
        line(30 + 8 * i, {20: code, 32: title, 180: page})
    pdf.add_page()
    line(20, {20: "Taakveldenoverzicht"})
    line(30, {120: "Baten", 145: "Lasten", 170: "Saldo"})
    rows = (
        ("0.1", "Bestuur", "0", "96", "96"),
        ("6.1", "Samenkracht en burgerparticipatie", "8.478", "6.769", "-1.709"),
        ("6.2", "Toegang en eerstelijnsvoorzieningen", "4.736", "3.792", "-944"),
        ("7.1", "Volksgezondheid", "58.706", "61.493", "2.787"),
    )
    for i, (code, label, *values) in enumerate(rows):
        line(40 + 8 * i, {20: code, 32: label, 120: values[0], 145: values[1], 170: values[2]})
    path = tmp_path / "begroting.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    parsed = _rows(doc)
    rows_by_label = {label: cells for _page, label, cells in parsed}
    assert rows_by_label["6.2 Toegang en eerstelijnsvoorzieningen"] == {
        "Baten": "4.736",
        "Lasten": "3.792",
        "Saldo": "-944",
    }
    assert {page for page, _label, _cells in parsed} == {2}  # the table of contents on page 1 is no table


@needs_font
def test_a_header_line_may_start_with_text_over_the_labels(tmp_path: Path):
    """ "6 Lokale vestigingen in:   aantal inwoners": the text over the labels names the table, the words over the
    figures are the column's header (the "6" is no figure of the table)."""
    pdf = _new_pdf()
    pdf.multi_cell(0, 6, "GGD in één oogopslag\n\nDe GGD werkt voor zes gemeenten in de provincie.")
    for x, text in ((20, "6 Lokale vestigingen in:"), (115, "aantal inwoners"), (160, "bijdrage")):
        pdf.text(x, 60, text)
    rows = (("Almere", "226.438", "6.465"), ("Dronten", "44.261", "1.264"), ("Lelystad", "84.029", "2.399"))
    for i, (place, count, amount) in enumerate(rows):
        for x, text in ((20, place), (130, count), (165, amount)):
            pdf.text(x, 70 + 8 * i, text)
    path = tmp_path / "begroting.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    parsed = _by_label(doc)
    assert parsed["Almere"] == {"aantal inwoners": "226.438", "bijdrage": "6.465"}


@needs_font
def test_on_a_two_column_page_a_table_across_both_columns_comes_between_the_text_above_and_below_it(
    tmp_path: Path,
):
    """A GGD begroting prints the last table of one programme at the top of a two-column page and the next
    programme's heading under it: the table belongs to the text above it, not under the heading below."""
    pdf = _new_pdf(9)
    for i in range(10):
        pdf.text(15, 20 + 5 * i, f"Links regel {i} over jeugd en gezin")
        pdf.text(110, 20 + 5 * i, f"Rechts regel {i} over jeugd en gezin")
    for x, text in ((15, "Bedragen (x € 1.000)"), (120, "2023"), (150, "2024"), (180, "2025")):
        pdf.text(x, 80, text)
    for i, label in enumerate(("Baten basispakket", "Baten pluspakket", "Kosten")):
        for x, text in ((15, label), (120, f"{100 + i}"), (150, f"{200 + i}"), (180, f"{300 + i}")):
            pdf.text(x, 86 + 6 * i, text)
    pdf.text(15, 115, "5.2 Algemene gezondheidszorg")
    for i in range(10):
        pdf.text(15, 125 + 5 * i, f"Links tekst {i} over infectieziekten")
        pdf.text(110, 125 + 5 * i, f"Rechts tekst {i} over infectieziekten")
    path = tmp_path / "begroting.pdf"
    pdf.output(str(path))
    text = load_document(path).text
    above, row, heading = text.find("Rechts regel 9"), text.find("Baten pluspakket —"), text.find("5.2 Algemene")
    assert -1 < above < row < heading, text
    assert text.find("Links tekst 9") < text.find("Rechts tekst 0")  # below the table: left column, then right


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
    pdf = _new_pdf()
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
