"""Cleaning: raw lines (with pages) into one clean text and its blocks (headings, paragraphs, items, tables).

Text extracted from council PDFs is messy: lines break inside sentences, words are hyphenated at line ends, every
page repeats a running header and "Pagina 2 van 3". Chunks and citations must nevertheless point at exact places,
so this produces one cleaned text per document plus ``Block``s that carry page numbers and the section path, with
offsets into that cleaned text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .schema import Block, RawLine
from .text import is_acronym
from .vocabulary import header_labels

_PAGINA = re.compile(r"^\s*Pagina\s+(\d{1,4})\s+van\s+(\d{1,4})\s*$", re.I)
_BARE_PAGE_NUMBER = re.compile(r"^\s*-?\s*(\d{1,3})\s*-?\s*$")
_OPENBAAR_HEADER = re.compile(r"^\s*Openbaar\s+Zaaknummer\s*:?\s*(\S+)\s*$", re.I)
_BULLET = re.compile(r"^([•●▪◦‣∙·\-–*]|\(?[a-z]\)|\d{1,2}\))\s+")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
#: An agenda item's number with a letter in it and its subject ("10.e.1 Intrekken ...", "5.b Vaststellen ..."):
#: a besluitenlijst's numbering, never the start of a wrapped sentence.
_AGENDA_ITEM = re.compile(r"^\d{1,2}\.[a-z](?:\.\d{1,2})?\.?\s+[A-Z]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DATE_ONLY = re.compile(r"^[\d\s./-]+$")
#: "Label: value" lines of a document header; form labels that are never the first word of a sentence also
#: count without a colon ("Onderwerp Stevige Lokale Teams", "Voorzitter Dhr. L.A. de Lange"). The labels are
#: vocabulary data (``header_labels``).
_LABEL_LINE = re.compile(
    rf"^(?:{header_labels('with_colon')}\s*:\s*\S"
    rf"|{header_labels('with_value')}\s+\S.{{0,110}}$"
    r"|Datum\s+(?:\d|PM\b).{0,40}$"
    rf"|{header_labels('alone')}\s*:?\s*$)",
    re.I,
)
#: A label on a line of its own, its value on the line under it (a raadsvoorstel's cover: "Steller" above "M.E.
#: Knook"): the two are one "Steller: M.E. Knook" line.
_LABEL_ALONE = re.compile(rf"^{header_labels('alone')}\s*:?\s*$", re.I)
#: ... unless that line is a label itself ("Kenmerk :" above "Blad: 2 van 3").
_SHORT_LABEL = re.compile(r"^\S+(?:\s\S+)?\s*:")


def _shape(line: str) -> str:
    """A line with its numbers blanked: "GGD Begroting 2026 28" and "GGD Begroting 2026 29" are one running header
    (however the reader spaced the page number)."""
    return re.sub(r"\d+(?:[\s.,/-]*\d+)*", "#", re.sub(r"\s+", " ", line.strip().lower()))


#: Pages a part of a bundled document must run its header over before the header is removed.
_PART_HEADER_PAGES = 5


def _repeated_edge_lines(lines: list[RawLine]) -> tuple[set[str], dict[str, int]]:
    """Shapes of lines that repeat at the top or bottom of many pages (running headers/footers), and among them
    the headers that run over one part of the document only (a bundled begroting, a chapter), with their page
    counts."""
    by_page: dict[int, list[str]] = {}
    for raw in lines:
        if raw.page is not None and raw.text.strip():
            by_page.setdefault(raw.page, []).append(_shape(raw.text))
    if len(by_page) < 3:
        return set(), {}
    counts: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    for page_lines in by_page.values():
        # Short pages (slides, forms) are mostly "edge": look at fewer lines there, or all text would go.
        edge = max(1, min(3, len(page_lines) // 4))
        counts.update(set(page_lines[:edge] + page_lines[-edge:]))
        pages_with.update(set(page_lines))
    threshold = max(2, int(0.5 * len(by_page)))
    # A running header sits at the edge of (nearly) every page it is on; "Besluit:" above every decision also lands
    # at a page edge now and then, but mostly stands mid-page, and is text. In a bundle of documents a part's own
    # header ("GGD Flevoland Bestuursrapportage januari 2024 t/m augustus 2024 16") runs over that part's pages
    # only: a line of several words at the edge of five pages or more is one too.
    edge = {shape for shape, n in counts.items() if len(shape) < 120 and n >= 0.8 * pages_with[shape]}
    running = {shape for shape in edge if counts[shape] >= threshold}
    parts = {
        shape: counts[shape]
        for shape in edge - running
        if counts[shape] >= _PART_HEADER_PAGES
        and len(re.findall(r"[^\W\d_]{2,}", shape)) >= 3
        and not shape.endswith(".")  # a header, not a sentence
    }
    return running | set(parts), parts


def _is_noise(text: str, repeated: set[str]) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    return bool(
        _PAGINA.match(stripped)
        or _OPENBAAR_HEADER.match(stripped)
        or (_BARE_PAGE_NUMBER.match(stripped) and len(stripped) <= 5)
        or _shape(stripped) in repeated
    )


#: A line of a list of abbreviations ("Lijst met afkortingen", "Begrippenlijst"): an acronym and what it stands for
#: ("ZONL Zorggroep Oude en Nieuwe Land", "P&O Personeel & organisatie"); never a number after it (a table row),
#: never all capitals (a run of headings: "KWALITEIT VAN LEVEN").
_GLOSSARY_LINE = re.compile(r"^([A-Z][A-Za-z0-9&+/-]{1,9})\s+([A-Z(][^\d]{2,90})$")
#: So many such lines in a row make a list of abbreviations, not a few sentences that open with an acronym.
_GLOSSARY_RUN = 5


def _glossary_line(text: str) -> bool:
    """One entry of a list of abbreviations: an acronym, then words with lower-case letters and no closing
    punctuation ("ZONL Zorggroep Oude en Nieuwe Land")."""
    m = _GLOSSARY_LINE.match(text)
    return (
        bool(m)
        and is_acronym(m.group(1))
        and bool(re.search(r"[a-z]", m.group(2)))
        and not text.endswith(_SENTENCE_END)
    )


def _glossary_lines(lines: list[RawLine]) -> set[int]:
    """Indexes of the lines of lists of abbreviations. Such a list is one long run of "ACRONYM Expansion" lines
    without punctuation, so it would be read as one sentence of hundreds of words (and its first line as a heading),
    where no single abbreviation could be found and quoted; each line is an entry of its own."""
    out: set[int] = set()
    run: list[int] = []
    for i, raw in enumerate(lines):
        text = re.sub(r"\s+", " ", raw.text.strip())
        if raw.table is None and not text:
            continue  # a blank line inside the list neither counts nor ends it
        if raw.table is None and _glossary_line(text):
            run.append(i)
            continue
        if len(run) >= _GLOSSARY_RUN:
            out.update(run)
        run = []
    if len(run) >= _GLOSSARY_RUN:  # a list that ends the document
        out.update(run)
    return out


def _is_heading(line: str, prev_blank: bool, next_line: str | None) -> int:
    """Heading level for a line (1 numbered chapter, 2 subject line) or 0.

    Council notas mark headings only by layout: a short line without closing punctuation,
    standing alone above a paragraph. Numbered chapters ("2. Hervormingsagenda Jeugd") may
    follow text directly.
    """
    s = line.strip()
    if not s or len(s) > 80 or s.endswith(_SENTENCE_END) or _BULLET.match(s) or " | " in s:
        return 0  # (" | ": a row of a ruled table of text)
    if _DATE_ONLY.match(s) or not re.search(r"[A-Za-zÀ-ÿ]{3,}", s) or len(s.split()) > 12:
        return 0
    if re.match(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b", s) or re.match(r"^[A-Z][\w ]{0,30}:\s+\S", s):
        return 0  # a table row starting with a date, or a "Label: value" line
    if next_line is None or not next_line.strip() or _LABEL_ALONE.match(s):
        return 0  # (a form label above its value: "Onderwerp" / "Stevige Lokale Teams")
    nxt = next_line.strip()
    if _numbered_point(s) and ":" not in s and len(s) <= 70:
        return 1
    if prev_blank and (s[0].isupper() or s[0].isdigit()) and not nxt[0].islower() and not re.search(r", [a-z]", s):
        return 2
    return 0


def _numbered_point(line: str) -> bool:
    """A numbered point or heading ("2. De begroting 2025 vast te stellen."), not a date ("04 december 2024")."""
    m = _NUMBERED_HEADING.match(line)
    return bool(m) and m.group(2)[:1].isupper()


def _paragraph_ended(previous: str, line: str, typical_width: int) -> bool:
    """Paragraph break without a blank line: the previous line ended a sentence well short of the margin, or the line
    opens an agenda item ("10.e.1 Intrekken noodverordening ..."), which starts a new item whatever came before it
    (a besluitenlijst's decision often ends without a full stop)."""
    if _AGENDA_ITEM.match(line):
        return True
    return (
        previous.endswith((".", "!", "?", ":"))
        and len(previous) < 0.7 * typical_width
        and (line[:1].isupper() or _numbered_point(line))
        and typical_width >= 40
    )


def join_lines(prev: str, nxt: str) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation."""
    if prev.endswith("-") and len(prev) > 1:
        before = prev[-2]
        if re.match(r"^(en|of|tot|en/of)\b", nxt):  # "jeugd- en gezinswerk"
            return prev + " " + nxt
        word = re.split(r"[\s(/]", prev)[-1][:-1]
        acronym = len(word) <= 4 and word[:1].isupper()  # "Wmo-", "GGZ-": a real compound hyphen
        if before.islower() and nxt[:1].islower() and not acronym:
            return prev[:-1] + nxt  # "zorg-\nverlening" -> "zorgverlening"
        return prev + nxt  # "2025-\n2028", "P&C-\ncyclus", "Wmo-\nondersteuning"
    return prev + " " + nxt


@dataclass
class _Pending:
    kind: str
    text: str
    page_start: int | None
    page_end: int | None
    level: int = 0
    ends_sentence: bool = True
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, new page)
    label: bool = False  # a "Onderwerp: ..." line: always a block of its own
    page_top: bool = False  # the first text line of its page


@dataclass
class Cleaned:
    text: str
    blocks: list[Block]
    removed: list[str] = field(default_factory=list)
    #: Page -> the running header of the bundled part that page is in (see ``with_parts``).
    parts: dict[int, str] = field(default_factory=dict)


def clean_lines(lines: list[RawLine], *, markdown: bool = False) -> Cleaned:
    """Build the cleaned text and its blocks from raw lines."""
    repeated, part_shapes = _repeated_edge_lines(lines)
    removed: list[str] = []
    kept: list[RawLine] = []
    # Page -> (pages the header runs over, header): where two part headers share a page, the longer-running one
    # is the part (the other is, say, a table's repeated title inside it).
    headers: dict[int, tuple[int, str]] = {}
    for raw in lines:
        if raw.table is None and _is_noise(raw.text, repeated):
            removed.append(re.sub(r"\s+", " ", raw.text.strip()))
            shape = _shape(raw.text)
            if raw.page is not None and shape in part_shapes:
                header = (part_shapes[shape], _PAGE_NUMBER_END.sub("", removed[-1]))
                headers[raw.page] = max(headers.get(raw.page, header), header)
        else:
            kept.append(raw)
    parts = {page: header for page, (_n, header) in headers.items()}

    pending: list[_Pending] = []
    current: _Pending | None = None
    prev_blank = True
    last_line = ""
    lengths = sorted(len(r.text.strip()) for r in kept if len(r.text.strip()) > 20)
    typical_width = lengths[int(len(lengths) * 0.75)] if lengths else 80
    in_fence = False
    text_page: int | None = None  # page of the last text line
    glossary = _glossary_lines(kept)
    for i, raw in enumerate(kept):
        if raw.table is not None:  # a table is a block of its own: one row sentence per paragraph
            table_text = "\n\n".join(re.sub(r"\s+", " ", s) for s in raw.table.row_sentences())
            pending.append(_Pending("table", table_text, raw.page, raw.table.page_end or raw.page))
            current = None
            prev_blank = True
            continue
        s = re.sub(r"\s+", " ", raw.text.strip())
        if markdown and s.startswith("```"):
            in_fence = not in_fence
            continue
        if not s:
            current = None
            prev_blank = True
            continue
        page_top, text_page = raw.page is not None and raw.page != text_page, raw.page
        if current is not None and current.kind == "heading":  # second line of a wrapped heading
            current.text = join_lines(current.text, s)
            current = None
            continue
        if i in glossary:  # one abbreviation, one block: its own sentence
            pending.append(_Pending("glossary", s, raw.page, raw.page))
            current, prev_blank = None, False
            continue
        j = i + 1
        while j < len(kept) and not kept[j].text.strip():
            j += 1
        next_line = kept[j].text if j < len(kept) else None
        md = _MD_HEADING.match(s) if markdown else None
        at_top = prev_blank or raw.page_start
        level = len(md.group(1)) if md else (0 if markdown else _is_heading(s, at_top, next_line))
        if md:
            s = md.group(2)
        if level:
            heading = _Pending("heading", s, raw.page, raw.page, level=level, page_top=page_top)
            pending.append(heading)
            current = heading if s.endswith("-") else None
            prev_blank = False
            continue
        bullet = _BULLET.match(s)
        label = _LABEL_LINE.match(s)
        value = not label and len(s) <= 80 and not s.endswith(":") and not _SHORT_LABEL.match(s)
        if current is not None and _LABEL_ALONE.match(current.text) and value:
            current.text = f"{current.text.rstrip(': ')}: {s}"
            current.ends_sentence, current, last_line, prev_blank = True, None, s, False
            continue
        if current is not None and (label or current.label or _paragraph_ended(last_line, s, typical_width)):
            current = None  # PDFs without blank lines: a short line ending a sentence ends the paragraph
        last_line = s
        continues_previous = (
            current is None
            and not bullet
            and pending
            and pending[-1].kind in ("paragraph", "item")
            and not pending[-1].ends_sentence
            and s[:1].islower()
            and not pending[-1].label
        )
        if continues_previous:
            current = pending[-1]  # a sentence running on after blank lines (page break, list layout)
        if bullet or current is None:
            current = _Pending("item" if bullet else "paragraph", s, raw.page, raw.page, label=bool(label))
            pending.append(current)
        else:
            joined = join_lines(current.text, s)
            if raw.page != current.page_end and raw.page is not None:
                current.breaks.append((len(joined) - len(s), raw.page))
            current.text = joined
            current.page_end = raw.page
        current.ends_sentence = current.text.rstrip().endswith((".", "!", "?", ":", ";"))
        prev_blank = False

    return _assemble(pending, removed, _fill_gaps(parts))


#: A page number printed after a running header ("... t/m augustus 2024 16", "... 2024 Pagina 1 van 6").
_PAGE_NUMBER_END = re.compile(r"(?:\s+(?:pagina|blz\.?|p\.)?\s*\d{1,3}(?:\s*(?:van|/)\s*\d{0,3})?)+\s*$", re.I)


def _fill_gaps(parts: dict[int, str], gap: int = 2) -> dict[int, str]:
    """A page without the header between pages of the same part (a full-page table, a landscape page) is in it."""
    filled = dict(parts)
    pages = sorted(parts)
    for a, b in pairwise(pages):
        if 1 < b - a <= gap + 1 and parts[a] == parts[b]:
            filled.update({p: parts[a] for p in range(a + 1, b)})
    return filled


def with_parts(cleaned: Cleaned) -> Cleaned:
    """Each block's section path starts with the part of the bundle its page is in ("Begroting 2025 versie 0.3 >
    7. Financiën"), so a passage of a begroting bound into a bundle of the algemeen bestuur says which one it is."""
    if not cleaned.parts:
        return cleaned
    blocks = [
        replace(b, section=(cleaned.parts[b.page_start], *b.section))
        if b.page_start in cleaned.parts and cleaned.parts[b.page_start] not in b.section
        else b
        for b in cleaned.blocks
    ]
    return Cleaned(cleaned.text, blocks, cleaned.removed, cleaned.parts)


#: Pages a heading must stand at the top of before it is read as the running header of its chapter.
_RUNNING_HEADING_PAGES = 3


#: A table of contents' line: a heading ending in its page number.
_TOC_ENTRY = re.compile(r"[^\W\d]\s+\d{1,3}$")


def heading_number(text: str) -> tuple[int, ...] | None:
    """The number of a numbered heading: "5.1 Jeugd en gezin" -> (5, 1); None for an unnumbered one."""
    match = _NUMBERED_HEADING.match(text)
    return tuple(int(n) for n in match.group(1).split(".")) if match else None


def _point_inside(number: tuple[int, ...], current: tuple[int, ...], pages_since: int) -> bool:
    """Whether a numbered heading is a numbered point inside the subsection in force rather than a new chapter:
    "1. Optimalisatie ..." or a footnote "15 Toekomstagenda Jeugd" right under "5.1 Jeugdgezondheidszorg". Only a
    one-level number close under a numbered subsection is; the next chapter ("6." after "5.4") never is."""
    return len(number) == 1 and len(current) > 1 and number[0] != current[0] + 1 and pages_since <= 1


def _running_headings(pending: list[_Pending]) -> set[str]:
    """Headings printed at the top of several pages: a chapter's running header ("5. Publieke gezondheid" above each
    page of the chapter), too rare in the whole document to be removed as the document's own header. Read as a new
    chapter on every page, it would cut the subsection a page continues ("5.5 Gezondheidsbevordering") from the
    table at the top of that page."""
    tops = Counter(p.text for p in pending if p.kind == "heading" and p.page_top)
    return {text for text, n in tops.items() if n >= _RUNNING_HEADING_PAGES}


def _assemble(pending: list[_Pending], removed: list[str], parts: dict[int, str] | None = None) -> Cleaned:
    texts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    chapter: str | None = None
    sub: str | None = None
    top_level = min((p.level for p in pending if p.kind == "heading"), default=1)
    running = _running_headings(pending)
    seen: set[str] = set()
    numbers: tuple[tuple[int, ...], int] | None = None  # the number of the chapter in force ("5.1") and its page
    part: str | None = None
    for p in pending:
        if p.kind == "heading" and p.page_top and p.text in running and p.text in seen:
            pass  # the chapter's running header on its next pages: the section on the page before continues
        elif p.kind == "heading":
            seen.add(p.text)
            number = heading_number(p.text) if p.level <= top_level else None
            page = p.page_start or 0
            if number is not None and parts and parts.get(page) != part:
                numbers, part = None, parts.get(page)  # a new document of a bundle numbers anew
            if number is not None and numbers is not None and _point_inside(number, numbers[0], page - numbers[1]):
                sub = p.text
            elif p.level <= top_level:
                chapter, sub = p.text, None
                if number is not None and not _TOC_ENTRY.search(p.text):  # not "8.4 Samenwerkingsverbanden 42"
                    numbers = (number, page)
            else:
                sub = p.text
        section = tuple(x for x in (chapter, sub) if x)
        if texts:
            texts.append("\n\n")
            offset += 2
        breaks = tuple((offset + at, page) for at, page in p.breaks)
        blocks.append(Block(p.kind, offset, offset + len(p.text), p.page_start, p.page_end, section, p.level, breaks))
        texts.append(p.text)
        offset += len(p.text)
    return Cleaned(text="".join(texts), blocks=blocks, removed=removed, parts=parts or {})
