"""``assistant.table_detect`` on pages drawn here with fpdf and read back with pdfplumber: which lines make a table,
which line heads which column, and where a table stands in the page's reading order. (Tables over two pages and
the register's "Eerdere besluiten" go through the whole reader: ``test_pdf.py``.)"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from assistant.table_detect import read_page, unwrap_header
from assistant.tables import Table

from .conftest import FONT, new_pdf

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans ontbreekt (fonts-dejavu-core)")


def _pages(pdf: Any, path: Path) -> list[list[str | Table]]:
    """Every page of the fpdf document ``pdf`` as ``read_page`` reads it: text lines and tables in reading order."""
    import pdfplumber

    pdf.output(str(path))
    with pdfplumber.open(str(path)) as doc:
        return [read_page(page, n) for n, page in enumerate(doc.pages, start=1)]


def _rows(items: list[str | Table]) -> dict[str, dict[str, str]]:
    """Row label -> {column header: value} of the tables among ``items``."""
    return {row.label: dict(row.cells) for t in items if isinstance(t, Table) for row in t.rows}


def _draw(pdf: Any, y: float, cells: dict[float, str]) -> None:
    for x, text in cells.items():
        pdf.text(x, y, text)


def test_two_tables_stacked_in_one_block_each_keep_their_own_headers(tmp_path: Path):
    """A jaarstukken prints the risk table right under the weerstandsvermogen table, with no space between: the
    second header line ("Impact Kans Reserve") starts a table of its own instead of being read as a row label."""
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "Weerstandsvermogen\n\nHet weerstandsvermogen is voldoende om de risico's op te vangen.")
    _draw(pdf, 60, {20: "Berekening", 120: "2023", 170: "2022"})
    _draw(pdf, 68, {20: "Algemene reserve", 120: "165", 170: "165"})
    _draw(pdf, 76, {20: "Nog te bestemmen resultaat", 120: "137", 170: "287"})
    _draw(pdf, 84, {20: "Weerstandsvermogen", 120: "302", 170: "452"})
    _draw(pdf, 92, {20: "Risico", 118: "Impact", 146: "Kans", 170: "Reserve"})
    _draw(pdf, 100, {20: "Gebouwen", 120: "200", 146: "10%", 170: "20"})
    _draw(pdf, 108, {20: "Ziekte - vervanging", 120: "100", 146: "25%", 170: "25"})
    _draw(pdf, 116, {20: "Onvoorzien", 120: "50", 146: "50%", 170: "25"})
    (page,) = _pages(pdf, tmp_path / "jaarstukken.pdf")
    rows = _rows(page)
    assert rows["Weerstandsvermogen"] == {"2023": "302", "2022": "452"}
    assert rows["Ziekte - vervanging"] == {"Impact": "100", "Kans": "25%", "Reserve": "25"}


def test_codes_before_the_row_labels_open_the_label_and_a_table_of_contents_is_no_table(tmp_path: Path):
    """A taakveldenoverzicht numbers its rows with codes ("6.1", "0.10") before the label: a column of codes is
    part of the label, not a column of figures. Section numbers and page numbers without headers stay text."""
    pdf = new_pdf()
    _draw(pdf, 20, {20: "Inhoudsopgave"})
    contents = (
        ("1.1", "Inleiding", "3"),
        ("2.1", "Financiën", "7"),
        ("2.2", "Risico's", "9"),
        ("3.1", "Bijlagen", "12"),
    )
    for i, (code, title, number) in enumerate(contents):
        _draw(pdf, 30 + 8 * i, {20: code, 32: title, 180: number})
    pdf.add_page()
    _draw(pdf, 20, {20: "Taakveldenoverzicht"})
    _draw(pdf, 30, {120: "Baten", 145: "Lasten", 170: "Saldo"})
    rows = (
        ("0.1", "Bestuur", "0", "96", "96"),
        ("6.1", "Samenkracht en burgerparticipatie", "8.478", "6.769", "-1.709"),
        ("6.2", "Toegang en eerstelijnsvoorzieningen", "4.736", "3.792", "-944"),
        ("7.1", "Volksgezondheid", "58.706", "61.493", "2.787"),
    )
    for i, (code, label, baten, lasten, saldo) in enumerate(rows):
        _draw(pdf, 40 + 8 * i, {20: code, 32: label, 120: baten, 145: lasten, 170: saldo})
    contents_page, overview = _pages(pdf, tmp_path / "begroting.pdf")
    assert not _rows(contents_page)
    assert "2.1 Financiën 7" in contents_page
    assert _rows(overview)["6.2 Toegang en eerstelijnsvoorzieningen"] == {
        "Baten": "4.736",
        "Lasten": "3.792",
        "Saldo": "-944",
    }


def test_a_header_line_may_start_with_text_over_the_labels(tmp_path: Path):
    """ "6 Lokale vestigingen in:   aantal inwoners": the text over the labels names the table, the words over the
    figures are the column's header (the "6" is no figure of the table)."""
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "GGD in één oogopslag\n\nDe GGD werkt voor zes gemeenten in de provincie.")
    _draw(pdf, 60, {20: "6 Lokale vestigingen in:", 115: "aantal inwoners", 160: "bijdrage"})
    rows = (("Almere", "226.438", "6.465"), ("Dronten", "44.261", "1.264"), ("Lelystad", "84.029", "2.399"))
    for i, (place, count, amount) in enumerate(rows):
        _draw(pdf, 70 + 8 * i, {20: place, 130: count, 165: amount})
    (page,) = _pages(pdf, tmp_path / "begroting.pdf")
    assert _rows(page)["Almere"] == {"aantal inwoners": "226.438", "bijdrage": "6.465"}


def test_on_a_two_column_page_a_table_across_both_columns_comes_between_the_text_above_and_below_it(
    tmp_path: Path,
):
    """A GGD begroting prints the last table of one programme at the top of a two-column page and the next
    programme's heading under it: the table belongs to the text above it, not under the heading below. A line of
    the right-hand column just above the table is no header of it, and the heading right under it is not lost."""
    pdf = new_pdf(9)
    for i in range(10):
        _draw(pdf, 20 + 5 * i, {15: f"Links regel {i} over jeugd en gezin", 110: f"Rechts regel {i} over jeugd"})
    _draw(pdf, 80, {15: "Bedragen (x € 1.000)", 120: "2023", 150: "2024", 180: "2025"})
    for i, label in enumerate(("Baten basispakket", "Baten pluspakket", "Kosten")):
        _draw(pdf, 86 + 6 * i, {15: label, 120: f"{100 + i}", 150: f"{200 + i}", 180: f"{300 + i}"})
    _draw(pdf, 115, {15: "5.2 Algemene gezondheidszorg"})
    for i in range(10):
        _draw(pdf, 125 + 5 * i, {15: f"Links tekst {i} over infectieziekten", 110: f"Rechts tekst {i} over ziekten"})
    (page,) = _pages(pdf, tmp_path / "begroting.pdf")
    position = {item if isinstance(item, str) else "TABLE": n for n, item in enumerate(page)}
    assert position["Rechts regel 9 over jeugd"] < position["TABLE"] < position["5.2 Algemene gezondheidszorg"]
    assert position["Links tekst 9 over infectieziekten"] < position["Rechts tekst 0 over ziekten"]
    assert _rows(page)["Baten pluspakket"] == {"2023": "101", "2024": "201", "2025": "301"}


def _right(pdf: Any, y: float, cells: dict[float, str]) -> None:
    """Text right-aligned at each x, as figures and their headers in an annual account."""
    for x, text in cells.items():
        pdf.text(x - pdf.get_string_width(text), y, text)


def test_an_annual_accounts_detail_column_takes_the_header_of_its_total_column(tmp_path: Path):
    """ "Ultimo 2023" stands over the totals; the detail amounts are printed indented left of them, without a header of
    their own: "Te betalen 435" is the 2023 amount, not a figure of an unnamed column."""
    pdf = new_pdf()
    pdf.multi_cell(0, 6, "Vlottende passiva\n\nDe schulden op korte termijn namen in 2023 af.")
    _draw(pdf, 60, {20: "Vlottende passiva"})
    _right(pdf, 60, {160: "Ultimo", 190: "Ultimo"})
    _draw(pdf, 66, {20: "€ '000"})
    _right(pdf, 66, {160: "2023", 190: "2022"})
    rows = (("Subsidies", 142, "36", "2"), ("Te betalen", 142, "435", "425"), ("Subtotaal", 160, "471", "427"),
            ("Crediteuren", 142, "255", "226"), ("Totaal", 160, "726", "653"))  # fmt: skip
    for i, (label, x, now, then) in enumerate(rows):
        _draw(pdf, 74 + 8 * i, {20: label})
        _right(pdf, 74 + 8 * i, {x: now, x + 30: then})
    (page,) = _pages(pdf, tmp_path / "jaarstukken.pdf")
    parsed = _rows(page)
    assert parsed["Te betalen"] == {"Ultimo 2023": "435", "Ultimo 2022": "425"}
    assert parsed["Totaal"] == {"Ultimo 2023": "726", "Ultimo 2022": "653"}


def test_two_headers_set_close_together_each_head_their_own_column():
    """ "Resultaat" and "Toevoeging" are printed 7 points apart, each right-aligned over its column (as in a real
    jaarstukken): two headers, not one "Resultaat Toevoeging" over the first column and none over the second."""
    from assistant.table_detect import _assign_headers, _Column, _Line

    def word(text: str, x0: float, x1: float) -> dict[str, Any]:
        return {"text": text, "x0": x0, "x1": x1, "top": 250.0, "bottom": 260.0}

    columns = [_Column(272, 297), _Column(345, 365), _Column(411, 428), _Column(490, 495), _Column(517, 542)]
    line = _Line(250, 260, [word("Eigen", 74, 101), word("Vermogen", 104, 153), word("Ult.2022", 259, 297),
                            word("Resultaat", 320, 365), word("Toevoeging", 372, 428), word("Onttrekking", 439, 495),
                            word("Ult.2023", 504, 542)])  # fmt: skip
    corner = _assign_headers([line], columns, label_right=271, label_max=190)
    assert corner == "Eigen Vermogen"
    assert [c.header for c in columns] == ["Ult.2022", "Resultaat", "Toevoeging", "Onttrekking", "Ult.2023"]


def test_a_header_wrapped_over_two_lines_is_one_word_again():
    """Ruled annual-accounts tables wrap narrow headers ("Toevoe-" over "gingen"); read as words, not as a compound."""
    assert unwrap_header("Toevoe- gingen") == "Toevoegingen"
    assert unwrap_header("Aanwen- dingen") == "Aanwendingen"
    assert unwrap_header("Bestuurs- begroting 2026") == "Bestuursbegroting 2026"
    assert unwrap_header("2023- 2024") == "2023-2024"
    assert unwrap_header("Wmo- ondersteuning") == "Wmo-ondersteuning"
    assert unwrap_header("jeugd- en gezin") == "jeugd- en gezin"


def test_a_ruled_table_of_text_joins_the_words_its_narrow_cells_hyphenated(tmp_path: Path):
    """A risk table wraps "plus-" over "taken" inside a cell: quoted and searched as "plustaken", as running text is
    joined; "In- en externe" keeps its hyphen."""
    from fpdf.fonts import FontFace

    pdf = new_pdf()
    pdf.multi_cell(0, 6, "Risico's")
    with pdf.table(col_widths=(40, 50, 50), headings_style=FontFace()) as table:
        for cells in (
            ("Risico", "Gevolg", "Beheersmaatregel"),
            ("Vraaguitval plus-\ntaken", "Personeel zonder financiële dek-\nking", "Overleg met ge-\nmeenten"),
            ("Interne ontwikkelingen", "In- en\nexterne kosten", "Reserve"),
        ):
            row = table.row()
            for text in cells:
                row.cell(text)
    (page,) = _pages(pdf, tmp_path / "risico.pdf")
    assert "Vraaguitval plustaken | Personeel zonder financiële dekking | Overleg met gemeenten" in page
    assert "Interne ontwikkelingen | In- en externe kosten | Reserve" in page


def _boxes(pdf: Any, y: float, edges: list[float]) -> None:
    """One row of cells drawn as boxes side by side (a ruled row), cell edges at ``edges``."""
    for x0, x1 in pairwise(edges):
        pdf.rect(x0, y, x1 - x0, 7)


def test_a_key_figure_block_reads_placeholder_cells_and_footnote_marks(tmp_path: Path):
    """An annual report's "in cijfers" annex: per block a title, the years, and one boxed row of figures. A year
    without data says "Niet beschikbaar" and fills its column as a figure would; "€ 5,93*" carries a footnote mark;
    a sub-header wider than its figure ("Waarvan gemeld" over "1") heads its column, also the last one."""
    pdf = new_pdf(size=8)
    _draw(pdf, 40, {20: "Aantal stukken aanvraagbaar via de toegangen op onze website"})
    _draw(pdf, 48, {20: "2021", 75: "2022", 130: "2023"})
    _boxes(pdf, 51, [18, 73, 128, 188])
    _draw(pdf, 56, {20: "Niet beschikbaar", 75: "Niet beschikbaar", 130: "985.540"})
    _draw(pdf, 80, {20: "Kosten per inwoner"})
    _draw(pdf, 88, {20: "2021", 75: "2022", 130: "2023"})
    _boxes(pdf, 91, [18, 73, 128, 188])
    _draw(pdf, 96, {20: "€ 5,93*", 75: "€ 12,27", 130: "€ 12,35"})
    _draw(pdf, 104, {20: "* Andere definitie dan 2022 en 2023"})
    _draw(pdf, 120, {20: "Beveiligingsincidenten"})
    _draw(pdf, 128, {20: "2021", 76: "2022", 132: "2023"})
    _draw(pdf, 135, {20: "Totaal", 48: "Waarvan gemeld", 76: "Totaal", 104: "Waarvan gemeld", 132: "Totaal",
                     160: "Waarvan gemeld"})  # fmt: skip
    _boxes(pdf, 138, [18, 46, 74, 102, 130, 158, 190])
    _draw(pdf, 143, {20: "Niet beschikbaar", 48: "Niet beschikbaar", 76: "2", 104: "1", 132: "10", 160: "1"})
    (page,) = _pages(pdf, tmp_path / "jaarstukken.pdf")
    rows = _rows(page)
    assert rows["Aantal stukken aanvraagbaar via de toegangen op onze website"] == {
        "2021": "Niet beschikbaar", "2022": "Niet beschikbaar", "2023": "985.540"
    }  # fmt: skip
    assert rows["Kosten per inwoner"] == {"2021": "€ 5,93*", "2022": "€ 12,27", "2023": "€ 12,35"}
    assert rows["Beveiligingsincidenten"]["2023 Totaal"] == "10"
    assert rows["Beveiligingsincidenten"]["2023 Waarvan gemeld"] == "1"


def test_a_list_of_labelled_amounts_is_a_table_and_a_table_of_contents_is_not(tmp_path: Path):
    """A weerstandsvermogen calculation prints one amount per line, right-aligned far from its label, without column
    headers; each label keeps its amount (read as text, a two-column page would put all amounts after all labels).
    Page numbers that only go up are a table of contents, not amounts."""
    pdf = new_pdf()
    _draw(pdf, 30, {20: "Inhoud"})
    for i, (title, page) in enumerate([("Inleiding", "3"), ("Financien", "7"), ("Risico's", "12")]):
        _draw(pdf, 38 + 7 * i, {20: title, 180: page})
    _draw(pdf, 80, {20: "8. Paragrafen"})
    amounts = [("Stand reserve incl. bestemming resultaat", "7.077"), ("Waarvan egalisatie reserves", "-52"),
               ("Beschikbaar risicoreserve", "1.341"), ("Beschikbare risicoreserve / risico's", "31%")]  # fmt: skip
    for i, (label, amount) in enumerate(amounts):
        _draw(pdf, 90 + 7 * i, {20: label, 195 - pdf.get_string_width(amount): amount})
    pdf.set_xy(20, 130)
    pdf.multi_cell(170, 6, "De risicoparagraaf benoemt specifieke onzekerheden met een inschatting van het risico.")
    (page,) = _pages(pdf, tmp_path / "begroting.pdf")
    rows = _rows(page)
    assert list(rows["Beschikbaar risicoreserve"].values()) == ["1.341"]
    assert list(rows["Beschikbare risicoreserve / risico's"].values()) == ["31%"]
    assert "Inleiding" not in rows and "Inleiding" in " ".join(i for i in page if isinstance(i, str))
