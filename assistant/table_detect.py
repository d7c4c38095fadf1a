"""Finding tables on a PDF page and reading them into ``Table``s of labelled cells (see ``tables``).

pdfplumber (MIT; page geometry via pdfminer) reads the page's words with their positions:

1. Regions: ruled tables (``page.find_tables()``, the lines strategy), and for pages without ruling lines, blocks of
   text lines that carry two or more numbers in aligned columns (kept only when at least 30% of their cells are
   numbers, so running text with a few figures is not mistaken for a table).
2. Columns: the x-ranges of the numeric cells; each column's header is the text above it inside the region and
   up to three lines above the region ("Realisatie" / "2023" -> "Realisatie 2023"). Years are headers, not values.
3. Rows: every line (or ruled row) with numbers; its label is the text left of the first number column.
4. Caption: "Tabel ..." or the nearest short line above the table, else the text in the header's label cell.

A ruled grid that boxes only the figures is widened to the labels left of it and a column right of it; a ruled grid
without figures is a text table whose rows stay one line each ("Datum | Korte omschrijving").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from .cleaning import join_lines
from .tables import CELL_SEPARATOR, PLACEHOLDER, VALUE, YEAR, Table, TableRow, fix_glyphs, is_value

MIN_NUMERIC_SHARE = 0.30
_CAPTION = re.compile(r"^(?:tabel|table|overzicht|figuur)\b|^\d+(?:\.\d+)+\.?\s+[^\W\d_]", re.I)


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in sorted(self.words, key=lambda w: w["x0"]))


@dataclass(frozen=True)
class Region:
    """Where a table may be: a rectangle of the page, with the ruled rows' vertical bands when it is ruled."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[float, float], ...] = ()
    #: The last rows of the table that ended the page before (a short run that alone would not be a table).
    continued: bool = False


def dedupe_chars(page: Any, tolerance: float = 1.0) -> Any:
    """The page without characters printed twice at (almost) the same place, a common fake-bold effect that would
    double every header. pdfplumber's own ``dedupe_chars`` does the same but is quadratic: seconds per page."""
    kept: set[int] = set()
    seen: dict[tuple[str, int], list[float]] = {}
    for c in page.chars:
        key = (c["text"], round(c["top"]))
        xs = seen.setdefault(key, [])
        if any(abs(c["x0"] - x) < tolerance for x in xs):
            continue
        xs.append(c["x0"])
        kept.add(id(c))
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def page_words(page: Any) -> list[dict[str, Any]]:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    for w in words:
        w["text"] = fix_glyphs(w["text"])
    return [w for w in words if w["text"].strip()]


def _lines(words: list[dict[str, Any]], tolerance: float = 3.0) -> list[_Line]:
    """Words grouped into text lines by their vertical position."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1].top) <= tolerance:
            lines[-1].words.append(w)
            lines[-1].bottom = max(lines[-1].bottom, w["bottom"])
        else:
            lines.append(_Line(w["top"], w["bottom"], [w]))
    for line in lines:
        line.words = _merge_value_words(line.words)
    return lines


def _merge_value_words(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words in reading order with "€" / "-" glued to the number after them ("€ 1.234" is one cell), and the words of
    a placeholder cell joined ("Niet beschikbaar")."""
    out: list[dict[str, Any]] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        if out and out[-1]["text"] in ("€", "-", "–") and is_value(w["text"]) and w["x0"] - out[-1]["x1"] < 8:
            prev = out.pop()
            text = f"€ {w['text']}" if prev["text"] == "€" else prev["text"] + w["text"]
            w = {**w, "text": text, "x0": prev["x0"]}
        elif out and PLACEHOLDER.match(f"{out[-1]['text']} {w['text']}") and w["x0"] - out[-1]["x1"] < 6:
            prev = out.pop()
            w = {**w, "text": f"{prev['text']} {w['text']}", "x0": prev["x0"]}
        out.append(w)
    return out


def _values(line: _Line) -> list[dict[str, Any]]:
    """The line's number cells; a leading "1." or "2)" numbers the row, it is not a value. A placeholder ("Niet
    beschikbaar") is a cell on a line that has figures too."""
    words = line.words
    out = []
    figures = any(is_value(w["text"]) for w in words)
    for i, w in enumerate(words):
        text = w["text"]
        if i == 0 and re.fullmatch(r"\d{1,2}[.)]", text):
            continue
        if text.endswith(")") and "(" not in text:  # "(x € 1.000)": a unit, not a value
            continue
        glued = i > 0 and not VALUE.match(words[i - 1]["text"]) and w["x0"] - words[i - 1]["x1"] < 6
        figure = VALUE.match(text) and not YEAR.match(text) and not glued  # "Voorziening 39": part of a label
        if figure or (figures and PLACEHOLDER.match(text)):
            out.append(w)
    return out


@dataclass
class _Column:
    x0: float
    x1: float
    support: int = 0
    header: str = ""

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def overlaps(self, x0: float, x1: float, slack: float = 4.0) -> bool:
        return x0 <= self.x1 + slack and x1 >= self.x0 - slack


def _columns(value_rows: list[list[dict[str, Any]]]) -> list[_Column]:
    """Column x-ranges from the numeric words of all rows; a column needs numbers in at least two rows (one row
    for a one-row table), so a stray figure in a caption does not become a column."""
    columns: list[_Column] = []
    for row in value_rows:
        for w in row:
            if w["text"] in ("-", "–"):  # a dash fills a cell of a column, it does not make one
                continue
            hit = next((c for c in columns if c.overlaps(w["x0"], w["x1"], slack=2.0) or abs(c.x1 - w["x1"]) < 6), None)
            if hit:
                hit.x0, hit.x1, hit.support = min(hit.x0, w["x0"]), max(hit.x1, w["x1"]), hit.support + 1
            else:
                columns.append(_Column(w["x0"], w["x1"], 1))
    needed = 2 if sum(1 for r in value_rows if r) >= 2 else 1
    return sorted((c for c in columns if c.support >= needed), key=lambda c: c.x0)


def _number_columns(value_lines: list[_Line]) -> tuple[list[_Column], bool]:
    """The columns of figures of a table, and whether a first column was left out: a first column followed by words
    on its rows holds codes that open the row label ("6.1 Samenkracht en burgerparticipatie 8.478 6.769 -1.709": a
    taakveld, not a figure). Such a table must have column headers (a table of contents, "5.1 Jeugd en gezin 14",
    has none)."""
    columns = _columns([_values(ln) for ln in value_lines])
    if len(columns) >= 2:
        first, second = columns[0], columns[1]
        coded = [ln for ln in value_lines if any(first.overlaps(w["x0"], w["x1"]) for w in _values(ln))]
        worded = sum(
            1
            for ln in coded
            if any(
                first.x1 < w["x0"] and w["x1"] < second.x0 and re.search(r"[^\W\d_]{2,}", w["text"]) for w in ln.words
            )
        )
        if coded and 2 * worded >= len(coded):
            return columns[1:], True
    return columns, False


def _zones(columns: list[_Column], label_right: float) -> list[tuple[float, float]]:
    """The x-range each column owns for its header: from halfway to its left neighbour to halfway to its right one."""
    zones = []
    for i, c in enumerate(columns):
        left = label_right if i == 0 else (columns[i - 1].x1 + c.x0) / 2
        right = c.x1 + 25 if i == len(columns) - 1 else (c.x1 + columns[i + 1].x0) / 2
        zones.append((left, right))
    return zones


def _cells(words: list[dict[str, Any]], gap: float = 8.0) -> list[dict[str, Any]]:
    """Words of a line grouped into cells: a new cell starts after a gap wider than a space."""
    cells: list[dict[str, Any]] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        if cells and w["x0"] - cells[-1]["x1"] <= gap:
            cells[-1] = {**cells[-1], "text": f"{cells[-1]['text']} {w['text']}", "x1": w["x1"]}
        else:
            cells.append(dict(w))
    return cells


def _assign_headers(lines: list[_Line], columns: list[_Column], label_right: float, label_max: float) -> str:
    """Give each header cell to the column whose zone holds its centre; return the corner text (the header cells
    over the row labels, such as "Bedragen (x € 1.000)"), which often names the table.

    A line with one header per group of columns (a year over "Deventer" and "Zwolle") gives each header to every
    column of its group."""
    zones = _zones(columns, min(label_right, max(label_max + 2, 0.0)))
    corner = []
    for line in lines:
        parts: dict[int, list[str]] = {}
        for cell in _cells(line.words):
            if cell["x0"] <= label_max + 2:
                corner.append(cell["text"])
                continue
            for piece in _split_over_columns(cell, line.words, columns):
                centre = (piece["x0"] + piece["x1"]) / 2
                zone = next((i for i, (a, b) in enumerate(zones) if a <= centre < b), None)
                if zone is None and len(columns) > 1 and columns[-1].x0 - 4 <= piece["x0"] <= columns[-1].x1:
                    zone = len(zones) - 1  # a header wider than the last column, starting over it
                if zone is not None:
                    parts.setdefault(zone, []).append(piece["text"])
        if not parts:
            continue
        step = len(columns) // len(parts) if len(columns) % len(parts) == 0 else 0
        if step >= 2 and sorted(parts) == list(range(0, len(columns), step)):
            for i in range(len(columns)):
                parts.setdefault(i, parts[i - i % step])
        for i, texts in parts.items():
            columns[i].header = f"{columns[i].header} {' '.join(texts)}".strip()
    for c in columns:
        c.header = unwrap_header(c.header)
    return " ".join(corner)


def unwrap_header(header: str) -> str:
    """A header wrapped over two lines, read line by line: "Toevoe- gingen" is "Toevoegingen" again (as running text
    is joined), "2023- 2024" "2023-2024", "Wmo- ondersteuning" "Wmo-ondersteuning"; "jeugd- en gezin" stays."""
    return re.sub(r"(\S*\w-) (\w\S*)", lambda m: join_lines(m[1], m[2]), header)


def _split_over_columns(
    cell: dict[str, Any], words: list[dict[str, Any]], columns: list[_Column]
) -> list[dict[str, Any]]:
    """A header cell whose words end over two columns is two headers set close together ("Resultaat Toevoeging":
    "Resultaat" right-aligned over one column, "Toevoeging" over the next); each word ending over a column ends a
    piece. Other cells stay whole ("Begroting na wijziging" over one column)."""
    inside = [w for w in words if cell["x0"] <= w["x0"] and w["x1"] <= cell["x1"]]
    ends = [
        next((i for i, c in enumerate(columns) if c.overlaps(w["x1"] - 1, w["x1"], slack=2.0)), None) for w in inside
    ]
    if len({e for e in ends if e is not None}) < 2:
        return [cell]
    pieces, current = [], []
    for w, end in zip(inside, ends, strict=True):
        current.append(w)
        if end is not None:
            pieces.append(current)
            current = []
    pieces[-1].extend(current)  # words after the last one ending over a column belong to that header
    return [{"x0": p[0]["x0"], "x1": p[-1]["x1"], "text": " ".join(w["text"] for w in p)} for p in pieces]


def _detail_columns(columns: list[_Column], filled: list[set[int]]) -> None:
    """An annual account's layout: each year has a column of detail amounts, indented left of its column of totals,
    and the header ("Ultimo 2023") stands over the totals only. A column without a header that stands right before
    one with a header (and after one with a header, or first) is that year's detail column when no row has amounts
    in both: a row has a detail or a total. (``filled``: the columns each row has an amount in.)"""
    bare = [i for i, c in enumerate(columns) if not c.header]
    if not bare or len(bare) == len(columns):
        return
    pairs = all(i + 1 < len(columns) and columns[i + 1].header and (i == 0 or columns[i - 1].header) for i in bare)
    if pairs and not any(i in row and i + 1 in row for row in filled for i in bare):
        for i in bare:
            columns[i].header = columns[i + 1].header


def _aligned(line: _Line, columns: list[_Column], label_right: float) -> bool:
    """A line over the table that reads as column headers: its words sit over the number columns, none a value."""
    right = [w for w in line.words if w["x1"] > label_right]
    if not right or any(c.overlaps(w["x0"], w["x1"]) for w in _values(line) for c in columns):
        return False
    # Text over the labels that stands apart ("6 Lokale vestigingen in:   aantal inwoners") names the table; a
    # sentence that runs into the columns is no header line.
    running = [w for cell in _cells(line.words) if cell["x1"] > label_right for w in line.words
               if cell["x0"] <= w["x0"] and w["x1"] <= cell["x1"]]  # fmt: skip
    # A word right over one column heads that one, even when the next column starts within the slack.
    hits = [
        sum(c.overlaps(w["x0"], w["x1"], slack=0.0) for c in columns)
        or sum(c.overlaps(w["x0"], w["x1"], slack=8.0) for c in columns)
        for w in right
    ]
    # A header cell stands over one column; a line of text runs over several ("Rechts regel 9 over jeugd en gezin"
    # in the right-hand column of text above a table).
    spans = [sum(c.overlaps(cell["x0"], cell["x1"], slack=0.0) for c in columns) for cell in _cells(right)]
    return (
        all(h <= 1 for h in hits)
        and all(n <= 1 for n in spans)
        and sum(hits) >= 0.6 * len(right)
        and len(right) <= 3 * len(columns)
        and 2 * len(right) >= len(running)
        and 2 * sum(any(c.overlaps(w["x0"], w["x1"], slack=8.0) for w in right) for c in columns) >= len(columns)
    )


def _label(words: list[dict[str, Any]], label_right: float) -> str:
    return " ".join(w["text"] for w in words if w["x1"] <= label_right + 1).strip()


def build_table(
    lines: list[_Line],
    above: list[_Line],
    page_number: int,
    rows: tuple[tuple[float, float], ...] = (),
    *,
    continued: bool = False,
    listing: bool = False,
) -> Table | None:
    """A table from the text lines of one region (``above``: the lines just over it, for headers and a caption;
    ``rows``: the vertical bands of ruled rows, so a label over two lines stays one label; ``continued``: the region
    continues the table of the page before, so one row without headers of its own is enough; ``listing``: a list of
    labelled amounts (see ``_listings``), one column that needs no header)."""
    value_lines = [ln for ln in lines if _values(ln)]
    if not value_lines:
        return None
    columns, coded = _number_columns(value_lines)
    if not columns:
        return None
    label_right = min(c.x0 for c in columns) - 1
    value_lines = [ln for ln in value_lines if any(c.overlaps(w["x0"], w["x1"]) for w in _values(ln) for c in columns)]
    if not value_lines:
        return None
    first_top = value_lines[0].top
    # Lines over the first row whose numbers (if any) stand outside the number columns: "6 Lokale vestigingen in:
    # aantal inwoners" heads the inwoners column, its "6" belongs to the text over the labels.
    header_lines = [
        ln
        for ln in lines
        if ln.top < first_top and not any(c.overlaps(w["x0"], w["x1"]) for w in _values(ln) for c in columns)
    ]
    if not any(w["x1"] > label_right for ln in header_lines for w in ln.words):
        header_lines = []
    # Headers printed just over the table (above its ruling, or over a table without any): "realisatie" /
    # "prognose" over the years in the table's own first row. Columns the table itself names take only years.
    named = all(
        any(c.overlaps(w["x0"], w["x1"]) and re.search(r"[^\W\d_]{2,}", w["text"]) for ln in header_lines
            for w in ln.words)
        for c in columns
    )  # fmt: skip
    corner_lines = 0
    for ln in reversed(above):
        if not any(w["x1"] > label_right for w in ln.words) and corner_lines < 2:
            corner_lines += 1  # "Bedragen (x € 1.000)" over the labels, between the header lines
            continue
        if not _aligned(ln, columns, label_right):
            break
        if (named or corner_lines) and not all(YEAR.match(w["text"]) for w in ln.words if w["x1"] > label_right):
            break  # only the years over "realisatie" / "begroting", not the last row of a table above
        header_lines.insert(0, ln)
    groups = _row_groups(lines, value_lines, rows, first_top)
    label_max = max(
        (w["x1"] for g in groups for ln in g for w in ln.words if w["x1"] <= label_right + 1), default=-10.0
    )
    corner = _assign_headers(header_lines, columns, label_right, label_max)
    filled = [{i for ln in g for w in _values(ln) for i, c in enumerate(columns) if c.overlaps(w["x0"], w["x1"])}
              for g in groups]  # fmt: skip
    _detail_columns(columns, filled)
    table_rows = []
    numeric = words = 0
    for group in groups:
        values = [w for ln in group for w in _values(ln)]
        label_words = [w for ln in group for w in ln.words if w["x1"] <= label_right + 1]
        cells = []
        for i, c in enumerate(columns):
            hit = [w["text"] for w in values if c.overlaps(w["x0"], w["x1"])]
            if hit:
                cells.append((c.header or f"#{i}", hit[0]))  # "#i": a column without a header (yet)
        # In a ruled grid the label is one cell however many words it has (other text still counts word by word);
        # without ruling every word counts, so running text with a few figures is not taken for a table.
        all_words = sum(len(ln.words) for ln in group)
        # A label, not text columns before the numbers: on each line its words stand together.
        one_cell = bool(rows and label_words) and all(
            len(_cells([w for w in ln.words if w["x1"] <= label_right + 1])) <= 1 for ln in group
        )
        words += all_words - len(label_words) + 1 if one_cell else all_words
        numeric += len(values)
        label = " ".join(w["text"] for w in label_words).strip()
        if cells:
            table_rows.append(TableRow(label, tuple(cells)))
    caption = _caption([ln for ln in above if ln not in header_lines], corner)
    if len(table_rows) == 1 and not table_rows[0].label:  # a one-row key figure: its caption says what it counts
        table_rows = [TableRow(caption, table_rows[0].cells)]
        caption = ""
    table_rows = [r for r in table_rows if re.search(r"[^\W\d_]", r.label)]  # "1." numbers a line, it names nothing
    headed = any(c.header for c in columns)
    if coded and not headed:
        return None
    enough = (len(table_rows) >= 2 and (headed or len(columns) >= 2 or listing)) or (
        len(table_rows) == 1 and (headed or continued)
    )
    if not enough or numeric < MIN_NUMERIC_SHARE * max(1, words):
        return None
    # The table's box: its header lines and rows, not a line of text that followed the last row inside the region
    # (a heading right under a borderless table would be left out of the page's text).
    used = header_lines + [ln for group in groups for ln in group]
    top = min(ln.top for ln in used)
    bottom = max(ln.bottom for ln in used)
    x0 = min(w["x0"] for ln in used for w in ln.words)
    x1 = max(w["x1"] for ln in used for w in ln.words)
    return Table(page_number, caption, tuple(c.header for c in columns), tuple(table_rows), None, top, bottom, x0, x1,
                 tuple((c.x0, c.x1) for c in columns))  # fmt: skip


def _row_groups(
    lines: list[_Line], value_lines: list[_Line], rows: tuple[tuple[float, float], ...], first_top: float
) -> list[list[_Line]]:
    """The lines of each table row: the ruled row's band, or a value line with the label-only lines right above it
    that have no numbers of their own (a label wrapped over two lines)."""
    body = [ln for ln in lines if ln.top >= first_top - 1]
    if rows:
        groups: list[list[_Line]] = []
        used: set[int] = set()
        for top, bottom in rows:
            group = [ln for ln in body if top - 2 <= (ln.top + ln.bottom) / 2 <= bottom + 2 and id(ln) not in used]
            used.update(id(ln) for ln in group)
            if sum(ln in value_lines for ln in group) > 1:
                # A ruled block without lines between its rows (a begroting's whole "lasten" block in one box):
                # each line with numbers is a row of its own.
                groups += _line_groups(group, value_lines)
            elif any(ln in value_lines for ln in group):
                groups.append(group)
        if groups:
            return groups
    return _line_groups(body, value_lines)


def _line_groups(body: list[_Line], value_lines: list[_Line]) -> list[list[_Line]]:
    """A value line with the label-only lines right above it (a label wrapped over two lines), and lines starting in
    lower case below it (a label continuing under its numbers)."""
    groups: list[list[_Line]] = []
    pending: list[_Line] = []
    for ln in body:
        if ln in value_lines:
            groups.append([*pending, ln])
            pending = []
        elif groups and ln.words and ln.words[0]["text"][:1].islower():
            groups[-1].append(ln)  # a label continuing below its numbers
        else:
            pending = [ln] if len(ln.words) <= 12 else []
    return groups


def _caption(above: list[_Line], corner: str) -> str:
    """'Tabel 3 ...' above the table, else the text over the row labels ("Bedragen (x € 1.000)"), else the lines
    right above the table (up to two, without numbers)."""
    for ln in reversed(above):
        if _CAPTION.match(ln.text):
            return ln.text
    if corner:
        return corner[:160]
    lines: list[str] = []
    for ln in reversed(above[-2:]):
        if _values(ln) or len(ln.text) > 120:
            break
        lines.insert(0, ln.text)
    return " ".join(lines)


def numeric_lines(page_text: str) -> int:
    """Lines of a page's plain text with two or more numbers: a cheap test whether a page may hold a table."""
    count = 0
    for line in page_text.splitlines():
        tokens = line.split()
        if sum(1 for t in tokens if is_value(t)) >= 2:
            count += 1
    return count


@dataclass(frozen=True)
class TextTable:
    """A ruled table without number columns ("Datum | Korte omschrijving"): its rows, cell texts joined with " | ",
    so a row stays one line instead of its columns being read one after the other."""

    rows: tuple[str, ...]
    top: float
    bottom: float
    x0: float
    x1: float


def read_page(page: Any, page_number: int, continues: Table | None = None) -> list[str | Table]:
    """A page as text lines and tables in reading order: the words of a table are left out of the text and the
    table takes their place, so its numbers are read once, with their headers. Ruled tables of text come as one
    line per row ("24-05-2022 | Structurele extra inzet preventie jeugd | 22/68940"), followed by an empty line.
    ``continues``: the table that ended at the bottom of the page before, whose last rows may open this page."""
    page = dedupe_chars(page)
    words = page_words(page)
    tables, text_tables = extract_page_tables(page, page_number, words, with_text_tables=True, continues=continues)
    # Each table or text table as (top, x0, x1, items), items in reading order.
    blocks: list[tuple[float, float, float, list[str | Table]]] = [(t.top, t.x0, t.x1, [t]) for t in tables]
    blocks += [(t.top, t.x0, t.x1, [line for row in t.rows for line in (row, "")]) for t in text_tables]
    boxes = [(t.x0, t.top, t.x1, t.bottom) for t in [*tables, *text_tables]]

    def in_box(w: dict[str, Any]) -> bool:
        return any(
            x0 - 2 <= w["x0"] and w["x1"] <= x1 + 2 and top - 2 <= w["top"] <= bottom + 2
            for x0, top, x1, bottom in boxes
        )

    rest = [w for w in words if not in_box(w)]
    gutter = _gutter(rest, float(page.width))
    if gutter is None:
        return _in_order(_lines(rest), blocks)
    # Two columns of text: between the tables that span both columns, the left column is read before the right one;
    # a table inside one column stays in that column's flow. (A programme's table at the top of a page, then the
    # next programme's heading and text under it: the table belongs to the programme before.)
    spanning = sorted((b for b in blocks if b[1] < gutter < b[2]), key=lambda b: b[0])
    in_column = [b for b in blocks if not b[1] < gutter < b[2]]
    out: list[str | Table] = []
    start = float("-inf")
    for block in [*spanning, None]:
        end = block[0] if block is not None else float("inf")
        for left in (True, False):
            column = [w for w in rest if start <= w["top"] < end and (w["x1"] <= gutter) == left]
            own = [b for b in in_column if start <= b[0] < end and (b[2] <= gutter) == left]
            out += _in_order(_lines(column), own)
        if block is not None:
            out += block[3]
            start = end
    return out


def _in_order(lines: list[_Line], blocks: list[tuple[float, float, float, list[str | Table]]]) -> list[str | Table]:
    """Text lines and tables (``blocks``: top, x0, x1, items) top to bottom."""
    entries: list[tuple[float, list[str | Table]]] = [(b[0], b[3]) for b in blocks]
    entries += [(ln.top, [ln.text]) for ln in lines]
    return [item for _, items in sorted(entries, key=lambda e: e[0]) for item in items]


def _gutter(words: list[dict[str, Any]], width: float) -> float | None:
    """The x of a blank vertical strip through the middle third of the page that most text lines have on both sides
    of (a two-column layout), or None."""
    lines = [ln for ln in _lines(words) if len(ln.words) >= 3]
    if len(lines) < 8:
        return None
    best, best_share = None, 0.0
    for x in range(int(width * 0.35), int(width * 0.65), 4):
        crossing = sum(1 for ln in lines if any(w["x0"] < x < w["x1"] for w in ln.words))
        both = sum(1 for ln in lines if any(w["x1"] < x for w in ln.words) and any(w["x0"] > x for w in ln.words))
        share = both / len(lines)
        if crossing == 0 and share > best_share:
            best, best_share = float(x), share
    return best if best_share >= 0.6 else None


def extract_page_tables(
    page: Any,
    page_number: int,
    words: list[dict[str, Any]] | None = None,
    *,
    with_text_tables: bool = False,
    continues: Table | None = None,
) -> Any:
    """Tables on one pdfplumber page, top to bottom (and, with ``with_text_tables``, the ruled tables of text).
    ``continues``: the table that ended at the bottom of the page before (see ``_continued_region``)."""
    if words is None:
        page = dedupe_chars(page)
        words = page_words(page)
    if not words:
        return ([], []) if with_text_tables else []
    regions = []
    found = []
    gutter: list[float | None] = []  # computed once, for the first ruled table (most pages have none)
    for t in page.find_tables():
        x0, top, x1, bottom = t.bbox
        if bottom - top < 12 or (top < 40 and bottom - top < 40):  # a page header band drawn as a box
            continue
        bands = tuple((r.bbox[1], r.bbox[3]) for r in t.rows if r.bbox)
        # A table in the right column of a two-column page has text, not labels, on its left.
        if not gutter:
            gutter.append(_gutter(words, float(page.width)))
        if gutter[0] is None or x0 < gutter[0] - 10:
            x0, x1 = _widened(words, x0, x1, top, bottom)
        regions.append(Region(x0, top, x1, bottom, bands))
        found.append(t)
    ruled = list(zip(regions, found, strict=True))
    page_lines = _lines(words)
    regions += _borderless_regions(page_lines, regions, float(page.width))
    carried = _continued_region(page_lines, continues, float(page.width), float(page.height))
    if carried is not None:
        # It replaces a box drawn around (part of) its rows; a table reaching well beyond them stays as found.
        over = [r for r in regions if not (r.bottom < carried.top - 2 or r.top > carried.bottom + 2)]
        if all(r.top > carried.top - 12 and r.bottom < carried.bottom + 12 for r in over):
            regions = [r for r in regions if r not in over] + [carried]
            ruled = [(reg, t) for reg, t in ruled if reg in regions]
    tables = []
    text_tables = []
    for r in sorted(regions, key=lambda r: (r.top, r.x0)):
        inside = _lines(
            [
                w
                for w in words
                if r.x0 - 3 <= w["x0"] and w["x1"] <= r.x1 + 3 and r.top - 3 <= w["top"] and w["bottom"] <= r.bottom + 3
            ]
        )
        near = [
            w for w in words if w["x1"] >= r.x0 - 3 and w["x0"] <= r.x1 + 3 and r.top - 70 < w["bottom"] < r.top - 1
        ]
        pieces = _stacked(inside)
        if len(pieces) > 1:  # two tables in one box, each under its own header line, when both read as tables
            parts = [
                build_table(part, _lines(near) if k == 0 else [], page_number, r.rows, continued=r.continued)
                for k, part in enumerate(pieces)
            ]
            if all(parts):
                tables.extend(t for t in parts if t is not None)
                continue
        table = build_table(inside, _lines(near), page_number, r.rows, continued=r.continued)
        if table is not None:
            tables.append(table)
        elif with_text_tables:
            source = next((t for reg, t in ruled if reg is r), None)
            text_table = _text_table(source, r) if source is not None else None
            if text_table is not None:
                text_tables.append(text_table)
    tables += _listings(page_lines, [*tables, *text_tables], page_number)
    tables.sort(key=lambda t: (t.top, t.x0))
    return (tables, text_tables) if with_text_tables else tables


def _listings(lines: list[_Line], found: list[Table | TextTable], page_number: int) -> list[Table]:
    """Lists of labelled amounts outside the tables found: three or more lines that each end in one figure, set
    apart from its label and lined up with the figures of the lines around it, as a weerstandsvermogen or a
    kasgeldlimiet is calculated ("Stand reserve ... 7.077" / "Waarvan RAK ... -3.558" / "Beschikbaar ... 1.341").
    Read as text, a two-column page puts all labels first and all figures after them. A table of contents (page
    numbers that only go up) is no such list."""
    free = [ln for ln in lines if not any(t.top - 2 <= ln.top <= t.bottom + 2 for t in found)]
    runs: list[list[_Line]] = []
    run: list[_Line] = []
    last: dict[str, Any] | None = None  # the figure of the run's last line
    for ln in free:
        figure = _listed_figure(ln)
        if figure is not None and run and ln.top - run[-1].bottom < 30 and _lined_up(last, figure):
            run.append(ln)
        else:
            runs.append(run)
            run = [ln] if figure is not None else []
        last = figure
    runs.append(run)
    out = []
    for run in runs:
        figures = [ln.words[-1]["text"] for ln in run]
        contents = all(re.fullmatch(r"\d{1,3}", f) for f in figures) and figures == sorted(figures, key=int)
        if len(run) < 3 or contents:
            continue
        above = [ln for ln in lines if run[0].top - 70 < ln.bottom < run[0].top - 1]
        bands = tuple((ln.top - 1, ln.bottom + 1) for ln in run)
        table = build_table(run, above, page_number, bands, listing=True)
        if table is not None:
            out.append(table)
    return out


def _listed_figure(line: _Line) -> dict[str, Any] | None:
    """The figure a line of a list of amounts ends in: its only value, its last word, well apart from a label."""
    values = _values(line)
    if len(values) != 1 or values[0] is not line.words[-1] or len(line.words) < 2:
        return None
    label = " ".join(w["text"] for w in line.words[:-1])
    if line.words[-1]["x0"] - line.words[-2]["x1"] < 20 or not re.search(r"[^\W\d_]{2,}", label):
        return None
    return values[0]


def _lined_up(a: dict[str, Any] | None, b: dict[str, Any]) -> bool:
    """Two figures in one column: right-aligned (amounts) or left-aligned."""
    return a is not None and (abs(a["x1"] - b["x1"]) < 4 or abs(a["x0"] - b["x0"]) < 4)


def _stacked(lines: list[_Line]) -> list[list[_Line]]:
    """The lines of one table region cut where a header line of a second table starts inside it: a line without
    numbers whose words stand over the number columns, with rows of numbers above and below it (one ruled box
    holding "Weerstandsvermogen | Realisatie 2023 | Realisatie 2022" and, under it, "Algemene Reserve | Impact |
    Kans | Reserve"). Both parts must read as tables, or the region stays one (see ``extract_page_tables``)."""
    value_lines = [ln for ln in lines if _values(ln)]
    columns, _coded = _number_columns(value_lines)
    if len(value_lines) < 4 or not columns:
        return [lines]
    label_right = min(c.x0 for c in columns) - 1
    cuts = [
        i
        for i, ln in enumerate(lines)
        if value_lines[0].top < ln.top < value_lines[-1].top
        and not _values(ln)
        and _heads_columns(ln, columns, label_right)
    ]
    parts, start = [], 0
    for i in cuts:
        # Header and caption lines right over the cut go with it ("dotaties / dotaties /" over "Stand onttrekkingen"),
        # not a label wrapped round its row's numbers ("Totaal reserves" / figures / "(= weerstandsvermogen)").
        while i > start and not _values(lines[i - 1]):
            row = next((ln for ln in reversed(lines[start : i - 1]) if _values(ln)), None)
            if row is not None and lines[i - 1].top - row.top < 9:
                break
            i -= 1
        if i > start:
            parts.append(lines[start:i])
            start = i
    parts.append(lines[start:])
    return parts


def _heads_columns(line: _Line, columns: list[_Column], label_right: float) -> bool:
    """Words over the number columns (a header may start left of its right-aligned figures), two different ones at
    least, in at least half the columns; a sentence running across the columns has most of its words between them."""
    right = [w for w in line.words if w["x1"] > label_right]
    over = [w for w in right if any(c.overlaps(w["x0"], w["x1"], slack=8.0) for c in columns)]
    headed = sum(any(c.overlaps(w["x0"], w["x1"], slack=8.0) for w in right) for c in columns)
    distinct = len({w["text"].lower() for w in over}) >= 2  # "Ja  Ja" is a row of text cells; headers differ
    return distinct and len(over) >= 0.6 * len(right) and len(right) <= 3 * len(columns) and 2 * headed >= len(columns)


def _widened(words: list[dict[str, Any]], x0: float, x1: float, top: float, bottom: float) -> tuple[float, float]:
    """The left and right edges of a ruled table, widened to its row labels when the ruling boxes only the numbers (a
    begroting with "Personeelskosten" printed left of the grid), and to a column of figures printed right of it."""
    lines = _lines([w for w in words if top - 2 <= (w["top"] + w["bottom"]) / 2 <= bottom + 2])
    inside = [[w for w in ln.words if x0 - 1 <= w["x0"] and w["x1"] <= x1 + 1] for ln in lines]
    # Rows whose cells in the box start with a number (a box with labels of its own is not widened).
    rows = [(ln, ins) for ln, ins in zip(lines, inside, strict=True) if ins and is_value(ins[0]["text"])]
    boxed = [ins for ins in inside if ins]
    if len(rows) < 2 or 2 * len(rows) < len(boxed):
        return x0, x1
    left = [[w for w in ln.words if w["x1"] < x0 - 1] for ln, _ in rows]
    right = [[w for w in ln.words if w["x0"] > x1 + 1] for ln, _ in rows]
    new_x0, new_x1 = x0, x1
    # Labels: on most rows, and none ends in a figure (that is a column of figures left of the box).
    if 2 * sum(bool(ws) for ws in left) >= len(rows) and not any(ws and is_value(ws[-1]["text"]) for ws in left):
        new_x0 = min(w["x0"] for ws in left for w in ws)
    # Figures: a number on most rows, nothing else.
    if 2 * sum(bool(ws) for ws in right) >= len(rows) and all(is_value(w["text"]) for ws in right for w in ws):
        new_x1 = max(w["x1"] for ws in right for w in ws)
    return new_x0, new_x1


def _text_table(table: Any, region: Region) -> TextTable | None:
    """Rows of a ruled table as lines of cells; None for a box that is not a grid (one column or one row)."""
    rows = []
    for row in table.extract(x_tolerance=1.5):
        cells = [_cell_text(c) for c in row if c and c.strip()]
        if cells:
            rows.append(CELL_SEPARATOR.join(cells))
    widest = max((r.count(CELL_SEPARATOR) + 1 for r in rows), default=0)
    if len(rows) < 2 or widest < 2:
        return None
    return TextTable(tuple(rows), region.top, region.bottom, region.x0, region.x1)


def _cell_text(cell: str) -> str:
    """A ruled cell's lines as one line, with the words its narrow column hyphenated joined again ("wet-" / "telijk"
    is "wettelijk", as running text is joined); "in- en externe" keeps its hyphen."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in cell.splitlines()]
    return fix_glyphs(reduce(join_lines, [line for line in lines if line] or [""])).strip()


def table_signals(page_text: str) -> int:
    """How much a page's plain text looks like a table: lines with two or more numbers, plus runs of three or more
    lines holding nothing but a date or a number (a column read before its neighbour)."""
    count = numeric_lines(page_text)
    run = dates = 0
    for line in page_text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", stripped):
            dates += 1  # a date alone on its line: the first cell of a row
        if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|[-–€]?\s?\d[\d.,]*%?", stripped):
            run += 1
            if run == 3:
                count += 3
        elif stripped:
            run = 0
    return count + (3 if dates >= 3 else 0)


def _borderless_regions(lines: list[_Line], ruled: list[Region], width: float) -> list[Region]:
    """Runs of lines with numbers in two or more places (label-only lines may sit in between), outside ruled
    tables, kept when three or more lines carry numbers."""
    regions = []
    run: list[_Line] = []
    gap = 0

    def close() -> None:
        if sum(1 for ln in run if len(_values(ln)) >= 2) >= 3:
            regions.append(Region(0.0, run[0].top, width, run[-1].bottom))

    for ln in lines:
        if any(r.top - 2 <= ln.top <= r.bottom + 2 for r in ruled):
            close()
            run, gap = [], 0
            continue
        if len(_values(ln)) >= 2:
            run.append(ln)
            gap = 0
        elif run and gap < 2 and len(ln.words) <= 8:
            run.append(ln)
            gap += 1
        else:
            close()
            run, gap = [], 0
    close()
    return regions


def _continued_region(lines: list[_Line], table: Table | None, width: float, height: float) -> Region | None:
    """The last rows of ``table`` (the table that ended the page before) opening this page: the first lines with
    numbers, in the page's top quarter, each with as many numbers as the table has columns and all of them in its
    columns. A table broken over a page often leaves its last row or two on the next page ("structurele
    exploitatieruimte 2,2% 0,7% 0,0% 0,2%" under a running header), too few to be found as a table on their own."""
    if table is None or not table.columns:
        return None
    rows: list[_Line] = []
    for ln in lines:
        values = _values(ln)
        if len(values) < 2:
            if rows and (len(ln.words) > 8 or not ln.words[0]["text"][:1].islower()):
                break  # the text after the table (a label continuing in lower case stays with its row)
            continue
        if ln.top > 0.25 * height or len(values) != len(table.columns):
            break
        if not all(any(x0 - 4 <= w["x1"] and w["x0"] <= x1 + 4 for x0, x1 in table.columns) for w in values):
            break
        rows.append(ln)
    if not rows:
        return None
    return Region(0.0, rows[0].top, width, rows[-1].bottom, continued=True)
