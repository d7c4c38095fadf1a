"""The table model (assistant/tables.py): row sentences, reading them back, tables continued over pages. Finding
tables on real and generated PDF pages (assistant/table_detect.py) is tested in test_pdf.py. No model needed."""

from __future__ import annotations

from assistant.tables import Table, TableRow, fix_glyphs, is_value, join_continued, parse_row_sentence


def test_a_row_sentence_carries_its_headers_and_reads_back():
    row = TableRow("Baten", (("Realisatie 2023", "6.918"), ("Realisatie 2022", "-6.338")))
    table = Table(page=5, caption="Resultaat (€ '000)", headers=("Realisatie 2023", "Realisatie 2022"), rows=(row,))
    (sentence,) = table.row_sentences()
    assert sentence == "Resultaat (€ '000) — Baten — Realisatie 2023: 6.918; Realisatie 2022: -6.338"
    assert parse_row_sentence(sentence) == (
        "Resultaat (€ '000)",
        "Baten",
        [("Realisatie 2023", "6.918"), ("Realisatie 2022", "-6.338")],
    )
    assert parse_row_sentence("Gewone zin — met een gedachtestreepje erin.") is None


def test_a_table_at_the_top_of_a_page_without_headers_continues_the_one_before():
    first = Table(3, "Lasten", ("2024", "2025"), (TableRow("Jeugd", (("2024", "1"), ("2025", "2"))),),
                  top=400, columns=((300, 340), (360, 400)))  # fmt: skip
    rest = Table(4, "", ("", ""), (TableRow("Wmo", (("#0", "3"), ("#1", "4"))),), top=60,
                 columns=((301, 339), (361, 399)))  # fmt: skip
    joined = join_continued([first, rest], {3: 842, 4: 842})
    assert joined[1].caption == "Lasten (vervolg)" and joined[1].page == 4
    assert joined[1].row_sentences() == ["Lasten (vervolg) — Wmo — 2024: 3; 2025: 4"]


def test_a_headerless_group_of_rows_right_under_a_headed_table_on_its_page_gets_its_headers():
    """ "Specificatie doorberekening aan team:" under the programme's table, in its last two columns; a table further
    down, or with a column the table above does not have, stays as it is."""
    first = Table(55, "Bedrijfsvoering", ("2024 prognose", "2025 begroting"),
                  (TableRow("Kosten", (("2024 prognose", "9.317"), ("2025 begroting", "9.803"))),),
                  top=515, bottom=653, columns=((445, 471), (518, 542)))  # fmt: skip
    ghor = TableRow("GHOR", (("#0", "313"), ("#1", "364")))
    group = Table(55, "Specificatie doorberekening aan team:", ("", ""), (ghor,), top=675, bottom=787,
                  columns=((449, 471), (520, 542)))  # fmt: skip
    joined = join_continued([first, group], {55: 842})
    assert joined[1].row_sentences() == [
        "Specificatie doorberekening aan team: — GHOR — 2024 prognose: 313; 2025 begroting: 364"
    ]
    far = Table(55, "Andere tabel", ("", ""), group.rows, top=760, bottom=800, columns=group.columns)
    other = Table(55, "Andere tabel", ("", ""), group.rows, top=675, bottom=787, columns=((100, 140), (520, 542)))
    assert join_continued([first, far], {55: 842})[1] == far
    assert join_continued([first, other], {55: 842})[1] == other


def test_values_and_glyphs():
    assert is_value("€ 1.234") and is_value("(137)") and is_value("9,9%") and not is_value("Jeugd")
    assert fix_glyphs("voora\ue01ebeelding") == "vooraf" + "beelding"
