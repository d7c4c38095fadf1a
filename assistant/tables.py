"""Tables in PDFs: which number belongs to which row and column, and each row written as a sentence.

pypdf flattens a table row to "Huishoudelijke hulp 1.234 1.310 1.402": the numbers survive, the column headers do
not, so no answer can say which number belongs to which year or municipality. ``table_detect`` finds the tables on a
page and reads them into rows of labelled cells; this module is the table itself: its row sentences, and a table at
the top of a page without a header of its own continuing the last table of the previous page (``join_continued``).
Each row becomes one sentence that carries its headers, numbers exactly as printed::

    Investeringsplan jeugd en gezin (bedragen x € 1.000) — 8. Herstel sociale en pedagogische basis — 2026: 800;
    2027: 1.300; 2028: 2.000; 2029: 2.400

Example:
    >>> row = TableRow("Baten", (("Realisatie 2023", "6.918"), ("Realisatie 2022", "6.338")))
    >>> table = Table(page=5, caption="Resultaat (€ '000)", headers=("Realisatie 2023", "Realisatie 2022"), rows=(row,))
    >>> table.row_sentences()
    ["Resultaat (€ '000) — Baten — Realisatie 2023: 6.918; Realisatie 2022: 6.338"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A printed number: amounts, counts, percentages, negatives ("-6.051", "(137)", "€ 1.234", "9,9%"), also with a
#: footnote mark ("€ 5,93*": the note under the table says the figure is defined differently).
VALUE = re.compile(r"^[-–(]?€?\s?\d[\d.,]*(?:,-)?%?\)?\*{0,2}$|^[-–]$")
YEAR = re.compile(r"^(?:19|20)\d\d\*{0,2}$")
#: A cell that stands for a figure the table does not give ("Niet beschikbaar", "n.v.t."): in a row with figures it
#: fills its column as a number would.
PLACEHOLDER = re.compile(r"^(?:niet beschikbaar|n\.\s?v\.\s?t\.?|nvt|n\.\s?b\.|onbekend)$", re.I)
SEPARATOR = " — "
#: Between the cells of a row of a text table in passage text ("Eikenstraat 20 Zwolle | Gebruik").
CELL_SEPARATOR = " | "
#: Private-use-area glyphs some PDF fonts use for ligatures ("voora\ue01e" = "vooraf").
_LIGATURES = {"\ue01e": "f", "\ue01f": "fi", "\ue020": "fl", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl"}


def fix_glyphs(text: str) -> str:
    """Replace ligature glyphs and stray private-use characters by their letters."""
    for glyph, letters in _LIGATURES.items():
        text = text.replace(glyph, letters)
    return re.sub(r"[\ue000-\uf8ff]", "", text)


def is_value(text: str) -> bool:
    """A cell that holds a number (not a year: years are column headers)."""
    return bool(VALUE.match(text.strip())) and not YEAR.match(text.strip())


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[tuple[str, str], ...]  # (column header, value as printed)


@dataclass(frozen=True)
class Table:
    """A table on ``page`` (continued on ``page_end``), with its caption, column headers and labelled rows."""

    page: int
    caption: str
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    page_end: int | None = None
    #: Where the table (with its headers) is printed, in PDF points: its words are left out of the page's text.
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    #: x-ranges of the number columns, to join a table continued on the next page column by column.
    columns: tuple[tuple[float, float], ...] = ()

    def row_sentences(self) -> list[str]:
        """One sentence per row: caption — row label — header: value; header: value."""
        out = []
        for row in self.rows:
            pairs = "; ".join(f"{h}: {v}" if h and not h.startswith("#") else v for h, v in row.cells)
            out.append(SEPARATOR.join(p for p in (self.caption, row.label, pairs) if p))
        return out


def parse_row_sentence(sentence: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(caption, label, [(header, value)]) of a row sentence written by ``Table.row_sentences``; None otherwise."""
    parts = sentence.split(SEPARATOR)
    if len(parts) < 2:
        return None
    pairs = []
    for item in parts[-1].split("; "):
        header, _, value = item.rpartition(": ")
        if not VALUE.match(value.strip()) and not PLACEHOLDER.match(value.strip()):
            return None
        pairs.append((header.strip(), value.strip()))
    caption = parts[0] if len(parts) >= 3 else ""
    label = parts[-2] if len(parts) >= 2 else ""
    return caption, label, pairs


def join_continued(tables: list[Table], page_heights: dict[int, float]) -> list[Table]:
    """A table that starts near the top of a page without headers of its own continues the last table of the page
    before: it gets that table's caption and, column by column (by x-position), its headers. It stays on its own page,
    so a citation of one of its rows names the page the row is printed on. A headerless table right under a headed
    one on the same page, its columns lined up with that one's, is its next group of rows and gets its headers too."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is None or any(t.headers):
            out.append(t)
            continue
        matches = [
            [h for h, (a, b) in zip(prev.headers, prev.columns, strict=True) if x0 <= b + 4 and x1 >= a - 4]
            for x0, x1 in t.columns
        ]
        headers = [m[0] if m else "" for m in matches]
        starts_page = t.top < 0.25 * page_heights.get(t.page, 842)
        # On the same page: the rows under a group's own label line ("Bestemmingsreserves" between "Algemene reserve"
        # and its rows), split off from the headed part above; every column lines up with one of the table above.
        below = prev.page == t.page and 0 <= t.top - prev.bottom < _GROUP_GAP and all(matches) and any(headers)
        if prev.page == t.page - 1 and starts_page:
            caption = (
                f"{prev.caption} (vervolg)" if prev.caption and not prev.caption.endswith("(vervolg)") else prev.caption
            )
        elif below:
            caption = t.caption or prev.caption
        else:
            out.append(t)
            continue
        rows = tuple(TableRow(r.label, tuple((_column_header(h, headers), v) for h, v in r.cells)) for r in t.rows)
        out.append(Table(t.page, caption, tuple(headers), rows, None, t.top, t.bottom, t.x0, t.x1, t.columns))
    return out


#: At most this far (PDF points, about three lines) under a headed table, a headerless one on the same page is its
#: next group of rows.
_GROUP_GAP = 40.0


def _column_header(header: str, headers: list[str]) -> str:
    """The header of placeholder column "#i" after a join; other headers stay."""
    if header.startswith("#") and header[1:].isdigit() and int(header[1:]) < len(headers):
        return headers[int(header[1:])] or header
    return header
