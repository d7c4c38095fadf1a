"""Reading PDFs: text per physical page (pypdf, fast), tables where a page looks numeric (pdfplumber), and what
the file itself says about its title, date and chapters."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .cleaning import Cleaned, heading_number
from .errors import IngestError
from .schema import RawLine
from .table_detect import read_page, table_signals
from .tables import Table, join_continued
from .vocabulary import doc_types


@dataclass
class PdfInfo:
    """What a PDF says about itself, besides its text: candidate titles, a date, and its chapters."""

    #: The largest text on the first page (the cover title), then the file's /Title entry; best first.
    titles: list[str] = field(default_factory=list)
    #: The file's creation date (ISO), a last resort for the document date.
    created: str = ""
    #: Bookmarks as (page, level, title), in order: the chapters a passage belongs to.
    outline: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class PdfRead:
    lines: list[RawLine]
    page_count: int
    info: PdfInfo


def read_pdf_lines(path: Path) -> tuple[list[RawLine], int]:
    """Per-page text via pypdf (see ``read_pdf``), without the file's own metadata."""
    read = read_pdf(path)
    return read.lines, read.page_count


def read_pdf(path: Path) -> PdfRead:
    """Per-page text via pypdf; page numbers are the PDF's physical pages (what a viewer opens)."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (PdfReadError, NotImplementedError, ValueError, KeyError) as exc:  # unsupported crypto
                raise IngestError(
                    path, "de PDF is versleuteld en kan niet worden gelezen", "the PDF is encrypted"
                ) from exc
            if not ok:
                raise IngestError(path, "de PDF is beveiligd met een wachtwoord", "the PDF is password protected")
        page_texts = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        UnicodeDecodeError,
        RecursionError,
    ) as exc:
        raise IngestError(
            path,
            "het is geen geldige PDF, of de PDF is beschadigd",
            f"invalid or corrupt PDF ({type(exc).__name__}): {exc}",
        ) from exc
    except Exception as exc:
        # pypdf meets malformed files with almost any exception type (AttributeError, IndexError, AssertionError,
        # ZeroDivisionError ...). One odd PDF must not stop a corpus of hundreds; the file is named, the type goes
        # to the log, and the rest of the corpus is indexed.
        raise IngestError(
            path, "de PDF kon niet worden gelezen", f"PDF could not be read ({type(exc).__name__}): {exc}"
        ) from exc
    if sum(len(t.strip()) for t in page_texts) < 20:
        raise IngestError(
            path,
            "de PDF bevat geen tekstlaag (gescand document); OCR is nodig voordat het kan worden doorzocht",
            "the PDF has no text layer (scanned); run OCR first",
        )
    pages: list[list[str | Table]] = [list(t.splitlines()) for t in page_texts]
    for number, items in _table_pages(path, page_texts).items():
        pages[number - 1] = items
    lines: list[RawLine] = []
    for number, items in enumerate(pages, start=1):
        for j, item in enumerate(items):
            if isinstance(item, Table):
                lines.append(RawLine(text="", page=number, page_start=j == 0, table=item))
            else:
                lines.append(RawLine(text=item, page=number, page_start=j == 0))
        lines.append(RawLine(text="", page=number))
    return PdfRead(lines, len(page_texts), _info(reader))


#: A page whose plain text has this many lines with two or more numbers is read again for tables.
TABLE_PAGE_MIN_NUMERIC_LINES = 3


def _table_pages(path: Path, page_texts: list[str]) -> dict[int, list[str | Table]]:
    """Pages that hold tables, read with pdfplumber as text lines and tables (page number -> items).

    Only pages whose pypdf text looks numeric are opened again (page geometry is slow); a page pdfplumber cannot
    read keeps its pypdf text, so a table problem never costs a document.
    """
    candidates = [i for i, text in enumerate(page_texts) if table_signals(text) >= TABLE_PAGE_MIN_NUMERIC_LINES]
    if not candidates:
        return {}
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    found: dict[int, list[str | Table]] = {}
    heights: dict[int, float] = {}
    todo = sorted(candidates)
    try:
        with pdfplumber.open(str(path)) as pdf:
            while todo:
                i = todo.pop(0)
                last = _last_table(found.get(i), heights.get(i))  # the page before ended in this table
                try:
                    items = read_page(pdf.pages[i], i + 1, continues=last)
                except (ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError):
                    continue
                if any(isinstance(item, Table) or " | " in item for item in items):
                    found[i + 1] = items
                    heights[i + 1] = float(pdf.pages[i].height)
                    # Its last rows may open the next page, too few numbers there to make it a candidate.
                    following = i + 1 < len(page_texts) and (not todo or todo[0] != i + 1)
                    if following and _last_table(items, heights[i + 1]):
                        todo.insert(0, i + 1)
    except (PDFSyntaxError, OSError, ValueError):
        return {}
    tables = [item for n in sorted(found) for item in found[n] if isinstance(item, Table)]
    joined = iter(join_continued(tables, heights))
    for n in sorted(found):
        found[n] = [next(joined) if isinstance(item, Table) else item for item in found[n]]
    return found


def _last_table(items: list[str | Table] | None, height: float | None) -> Table | None:
    """The lowest table of a page when it reaches into the page's bottom quarter (below it a footer at most)."""
    tables = [item for item in items or [] if isinstance(item, Table)]
    if not tables or height is None:
        return None
    last = max(tables, key=lambda t: t.bottom)
    return last if last.bottom > 0.75 * height else None


# --------------------------------------------------------------------------------------------
# The file's own description
# --------------------------------------------------------------------------------------------

#: Template leftovers in a /Title entry: "Microsoft Word - nota.docx", "Untitled", "Sjabloon ...".
_JUNK_TITLE = re.compile(r"^(microsoft\s+\w+\s*-\s*|untitled|naamloos|sjabloon|template|document\d*$)", re.I)


def _info(reader: Any) -> PdfInfo:
    """Title candidates, best first: the cover title (largest type on page 1), a first bookmark on page 1, and the
    /Title entry only when its words are on the first page (templates leave stale titles behind)."""
    info = PdfInfo()
    try:
        first_page = reader.pages[0] if reader.pages else None
        cover = _cover_title(first_page) if first_page is not None else ""
        first_text = (first_page.extract_text() or "").lower() if first_page is not None else ""
    except (ValueError, KeyError, TypeError, AttributeError, ZeroDivisionError):
        cover, first_text = "", ""
    try:
        info.outline = _outline(reader)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        info.outline = []
    try:
        meta = reader.metadata or {}
        title = str(meta.get("/Title") or "").strip()
        created = meta.get("/CreationDate")
    except (ValueError, KeyError, TypeError, AttributeError):
        title, created = "", None
    bookmark = next((t for page, level, t in info.outline[:1] if page == 1 and not _generic(t)), "")
    title = re.sub(r"\.(docx?|pdf|odt)$", "", title, flags=re.I)
    words = re.findall(r"[^\W\d_]{3,}", title.lower())
    verified = bool(words) and sum(w in first_text for w in words) >= 0.6 * len(words) and not _JUNK_TITLE.match(title)
    if bookmark and re.sub(r"\W", "", bookmark) == re.sub(r"\W", "", cover):
        cover = bookmark  # same words, but the bookmark has the spaces the cover's kerning hides
    info.titles = list(dict.fromkeys(t for t in (cover, bookmark, title if verified else "") if t))
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(created or ""))
    if m:
        info.created = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return info


def _cover_title(page: Any) -> str:
    """The text set in the largest type on the page, when it is larger than the body text (a cover title).

    Sizes are taken from the largest down until the text says something (two or more words); a cover whose largest
    text is a generic word ("Leeswijzer", "Inhoud") has no title of its own."""
    pieces: list[tuple[float, float, float, str]] = []  # (size, y, x, text)

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        scale = abs(tm[3] or tm[0] or 1.0) * abs(cm[3] or cm[0] or 1.0)
        if text and not text.strip() and pieces:  # a space drawn on its own ends the word before it
            size_, y, x, before = pieces[-1]
            pieces[-1] = (size_, y, x, before + " ")
        elif text and text.strip() and size and not re.search(r"www\.|@|https?:", text):
            pieces.append((round(size * scale, 1), tm[5] * (cm[3] or 1.0) + cm[5], tm[4] + cm[4], text))

    page.extract_text(visitor_text=visit)
    if not pieces:
        return ""
    chars = sum(len(t.strip()) for _, _, _, t in pieces)
    # On a cover with little text every size may be title type; elsewhere the title is larger than the body text.
    body = (
        0.0 if chars < 300 else Counter(s for s, _, _, t in pieces for _ in range(len(t.strip()))).most_common(1)[0][0]
    )
    sizes = sorted({s for s, _, _, _ in pieces if s >= 1.15 * body}, reverse=True)
    label = ""  # "Voorstel aan de raad" set large names the kind of document; its subject follows smaller
    for i, size in enumerate(sizes):
        text = _join_pieces([p for p in pieces if p[0] >= size])
        if len(text) > 200:
            return label
        if i == 0 and _generic(text):
            return ""
        if i == 0 and _only_doc_type(text):
            label = text
            continue
        text = re.sub(r"\s+\d{1,3}$", "", text)  # a page number set large on a cover
        if len(text.split()) >= 2 and re.search(r"[^\W\d_]{3,}", text) and not _generic(text):
            if label and text.startswith(label):
                rest = text[len(label) :].strip(" :-–")
                return f"{label}: {rest}" if rest else label
            return text
    return label


def _only_doc_type(text: str) -> bool:
    """The text is nothing but the name of a kind of document ("Voorstel aan de raad", "Besluitenlijst")."""
    lower = text.lower().strip(" :")
    return any(lower == cue for t in doc_types() for cue in t.cues)


def _join_pieces(pieces: list[tuple[float, float, float, str]]) -> str:
    """Text pieces in reading order (top to bottom, left to right); a space where the PDF leaves a gap or starts a
    new line, none where it kerned one word into pieces ("Verborgen z org")."""
    ordered = sorted(pieces, key=lambda p: (-round(p[1]), p[2]))
    out = ""
    previous: tuple[float, float, float, str] | None = None
    for size, y, x, text in ordered:
        if previous is not None:
            p_size, p_y, p_x, p_text = previous
            new_line = abs(y - p_y) > 0.5 * size
            gap = x - (p_x + 0.5 * p_size * len(p_text))
            next_word = text[:1].isupper() and p_text[-1:].isalnum()
            if new_line or gap > 0.2 * size or p_text.endswith(" ") or next_word:
                out += " "
        out += text
        previous = (size, y, x, text)
    return re.sub(r"\s+", " ", out).strip(" -–|")


_GENERIC = re.compile(
    r"^(colofon|inhoud|inhoudsopgave|voorwoord|leeswijzer|samenvatting|inleiding|bijlagen?|pagina\s*\d+.*|"
    r"www\.\S+|\S+@\S+)$",
    re.I,
)


def _generic(text: str) -> bool:
    return bool(_GENERIC.match(text.strip()))


def _outline(reader: Any) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            title = re.sub(r"\s+", " ", str(getattr(item, "title", "") or "")).strip()
            page = reader.get_destination_page_number(item)
            if title and page is not None and page >= 0 and not _HIDDEN_BOOKMARK.fullmatch(title):
                out.append((page + 1, level, title))

    walk(reader.outline, 1)
    return merge_wrapped_bookmarks(out)


#: Bookmarks no reader sees: page numbers and Word's hidden anchors ("_Hlk198803469", "_Toc12345").
_HIDDEN_BOOKMARK = re.compile(r"_?\d+|_[A-Za-z]+\d*")


def merge_wrapped_bookmarks(outline: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A heading that wraps over two lines can become two bookmarks ("5.5 Kennis en advies en", "gezond leven"):
    one that starts in lower case on the same page and level continues the one before."""
    out: list[tuple[int, int, str]] = []
    for page, level, title in outline:
        if out and title[:1].islower() and out[-1][:2] == (page, level):
            out[-1] = (page, level, f"{out[-1][2]} {title}")
        else:
            out.append((page, level, title))
    return out


def apply_outline(cleaned: Cleaned, outline: list[tuple[int, int, str]]) -> Cleaned:
    """With bookmarks, a passage's section is the chapter path the bookmarks give for its page ("6. Ambulancezorg >
    6.2 Kosten"); headings guessed from the layout stay under it. Without bookmarks nothing changes."""
    # In page order: bookmarks are not always stored that way (a "Samenvatting" added later points back to page 3).
    chapters = sorted(
        ((page, level, title) for page, level, title in outline if not _generic(title)), key=lambda c: c[0]
    )
    if not chapters:
        return cleaned
    heading_pages: dict[str, int] = {}
    for block in cleaned.blocks:
        if block.kind == "heading":
            heading_pages.setdefault(cleaned.text[block.start : block.end], block.page_start or 1)
    blocks = []
    for block in cleaned.blocks:
        page = block.page_start or 1
        path: list[tuple[int, str]] = []
        for start, level, title in chapters:
            if start > page:
                break
            path = [*path[: level - 1], (start, title)]
        outlined = path[:2]
        guessed = [s for s in block.section if s not in {title for _start, title in path}]
        if outlined and guessed:
            (start, title), ours = outlined[-1], heading_number(guessed[0])
            theirs = heading_number(title)
            if ours and ours == theirs:  # the same heading, wrapped or worded otherwise in the text
                guessed = guessed[1:]
            elif ours and theirs and len(ours) == len(theirs) and ours < theirs and start == page:
                outlined = outlined[:-1]  # a bookmark marks a page, a heading a place: the text above "5.2" is in "5.1"
            else:  # a heading from before the bookmark's page belongs to an earlier part
                guessed = [s for s in guessed if heading_pages.get(s, page) >= start]
        blocks.append(replace(block, section=tuple(t for _s, t in outlined) + tuple(guessed)))
    return Cleaned(cleaned.text, blocks, cleaned.removed, cleaned.parts)
