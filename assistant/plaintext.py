"""Reading text files (``.txt``, ``.md``) into raw lines with page numbers where the text has them."""

from __future__ import annotations

import re
from pathlib import Path

from .cleaning import _BARE_PAGE_NUMBER, _OPENBAAR_HEADER, _PAGINA
from .schema import RawLine


def _decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode text files; council exports are sometimes cp1252, which we accept with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            f"{path.name}: geen geldige UTF-8, gelezen als Windows-1252 / not UTF-8, read as cp1252"
        ]


#: At most this share of a text's non-blank lines may start with one space for that to mean "a new page": in
#: prose indented throughout, a leading space is layout, not a page break.
_MAX_PAGE_START_SHARE = 0.10


def leading_space_marks_pages(lines: list[str]) -> bool:
    """Whether a text follows the page convention of a PDF-to-text export that starts each page's first line with
    one space (the corpus's exports do; most plain text does not, and then no line starts a page)."""
    nonblank = [line for line in lines if line.strip()]
    starts = sum(1 for line in nonblank if re.match(r"^ \S", line))
    return 0 < starts <= _MAX_PAGE_START_SHARE * len(nonblank)


def _page_starts(text: str) -> tuple[list[str], set[int]]:
    """The text's lines and the indices of those that start a page by form feed or by the one-space convention."""
    if "\f" in text:
        lines: list[str] = []
        starts: set[int] = set()
        for number, part in enumerate(text.split("\f")):
            part_lines = part.strip("\n").splitlines()
            if number and part_lines:
                starts.add(len(lines))
            lines.extend(part_lines)
        return lines, starts
    lines = text.splitlines()
    if not leading_space_marks_pages(lines):
        return lines, set()
    return lines, {i for i, line in enumerate(lines) if re.match(r"^ \S", line)}


def read_txt_lines(text: str) -> list[RawLine]:
    """Recover pages from text extracted from a PDF, where the text shows them.

    Three signals, each only where present: a form feed (``pdftotext``'s page separator) ends a page; in an export
    that starts each page with one space (see ``leading_space_marks_pages``) such a line starts a new page; printed
    page markers are anchors on top of that: "Pagina N van M" at the top of page N (a header: the page starts
    there), a bare page number between blank lines is a footer (its page ends there). Anchors fix the numbering of
    the segments around them, so a document whose cover pages were dropped still gets the printed page numbers.
    Plain text without any of these is one page.
    """
    lines, page_starts = _page_starts(text)
    segment_of: list[int] = []
    starts: list[bool] = []
    anchors: list[tuple[int, int]] = []  # (segment index, printed page number)
    segment = 0
    text_in_segment = False
    break_pending = False  # a footer was seen: the next text line starts a new page
    for i, line in enumerate(lines):
        starts.append(i == 0)
        segment_of.append(segment)
        stripped = line.strip()
        pagina = _PAGINA.match(line)
        if pagina:
            nxt = _next_nonblank(lines, i + 1)
            if nxt is not None and re.match(r"^ \S", lines[nxt]):  # footer: its page ends here
                anchors.append((segment, int(pagina.group(1))))
                break_pending = True
                continue
            if text_in_segment:  # header: the page began at the header block above it
                j = i
                while j > 0 and (not lines[j - 1].strip() or _OPENBAAR_HEADER.match(lines[j - 1])):
                    j -= 1
                segment += 1
                for k in range(j, i + 1):
                    segment_of[k] = segment
                starts[j] = True
                text_in_segment = False
            anchors.append((segment, int(pagina.group(1))))
            break_pending = False
        elif (
            stripped and _BARE_PAGE_NUMBER.match(line) and _blank_or_edge(lines, i - 1) and _blank_or_edge(lines, i + 1)
        ):
            anchors.append((segment, int(_BARE_PAGE_NUMBER.match(line).group(1))))
            break_pending = True
        elif stripped and not _OPENBAAR_HEADER.match(line):
            if text_in_segment and (break_pending or i in page_starts):
                segment += 1
                segment_of[i] = segment
                starts[i] = True
            break_pending = False
            text_in_segment = True
    pages = _number_segments(segment + 1, anchors)
    return [RawLine(text=line, page=pages[segment_of[i]], page_start=starts[i]) for i, line in enumerate(lines)]


def _next_nonblank(lines: list[str], i: int) -> int | None:
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


def _blank_or_edge(lines: list[str], i: int) -> bool:
    return i < 0 or i >= len(lines) or not lines[i].strip()


def _number_segments(count: int, anchors: list[tuple[int, int]]) -> list[int]:
    """Page number per segment: sequential, shifted to agree with the nearest printed anchor."""
    if not anchors:
        return [i + 1 for i in range(count)]
    result = []
    for i in range(count):
        before = [a for a in anchors if a[0] <= i]
        seg, printed = before[-1] if before else anchors[0]
        result.append(max(1, printed + (i - seg)))
    return result


def read_md_lines(text: str) -> list[RawLine]:
    return [RawLine(text=line, page=None) for line in text.splitlines()]
