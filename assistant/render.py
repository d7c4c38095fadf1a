"""The cited page of a PDF as an image, with the quoted sentence (or table row and cell) marked.

Users of every RAG chat ask to see the source where it is printed, not a text excerpt. pdfplumber (MIT) renders the
page through pypdfium2 (BSD/Apache) and knows every word's box, so the quote is found by its words, in order, and
their boxes are painted over: no pre-rendering, and a small cache for the pages people open.

Example:
    >>> from pathlib import Path
    >>> png, boxes = render_page(Path("motie.pdf"), 1, "De raad besluit")        # doctest: +SKIP
    >>> png[:4], len(boxes) > 0                                                # doctest: +SKIP
    (b'\\x89PNG', True)
"""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from .tables import fix_glyphs

RESOLUTION = 110
HIGHLIGHT = (255, 214, 0, 110)
CELL = (255, 140, 0, 150)
_CACHE: OrderedDict[tuple[Any, ...], tuple[bytes, list[Box]]] = OrderedDict()
_CACHE_SIZE = 48
_LOCK = Lock()


@dataclass(frozen=True)
class Box:
    """A marked region in image pixels (x0, top, x1, bottom), for the page view and its tests."""

    x0: float
    top: float
    x1: float
    bottom: float
    cell: bool = False


class RenderError(Exception):
    """The page cannot be shown (not a PDF, no such page); the message is Dutch."""


def _norm(word: str) -> str:
    return re.sub(r"[\W_]+", "", fix_glyphs(word).lower())


def _quote_words(quote: str) -> list[str]:
    return [w for w in (_norm(x) for x in re.split(r"\s+|—", quote)) if w]


def find_words(words: list[dict[str, Any]], quote: str) -> list[dict[str, Any]]:
    """The page words that spell ``quote``: the longest run of page words matching consecutive quote words (hyphenated
    words at line ends match their parts), so a sentence over several lines is found whole."""
    wanted = _quote_words(quote)
    page = [(_norm(w["text"]), w) for w in words]
    page = [(n, w) for n, w in page if n]
    best: list[dict[str, Any]] = []
    for start in range(len(page)):
        if not wanted or (not wanted[0].startswith(page[start][0]) and page[start][0] != wanted[0]):
            continue
        run: list[dict[str, Any]] = []
        i, j, pending = start, 0, ""
        while i < len(page) and j < len(wanted):
            text = pending + page[i][0]
            if text == wanted[j]:
                run.append(page[i][1])
                i, j, pending = i + 1, j + 1, ""
            elif wanted[j].startswith(text):  # "zorg-" + "verlening" = "zorgverlening"
                run.append(page[i][1])
                i, pending = i + 1, text
            else:
                break
        if len(run) > len(best):
            best = run
        if j == len(wanted):
            break
    return best if len(best) >= min(3, len(wanted)) else []


def render_page(path: Path, page_number: int, quote: str = "", cell: str = "") -> tuple[bytes, list[Box]]:
    """PNG bytes of the page and the boxes marked on it: the quote's words, and ``cell`` (a table value) on the
    quoted row in a stronger colour. Cached per file version, page, quote and cell."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise RenderError("het document is niet (meer) beschikbaar") from exc
    key = (str(path), stat.st_mtime_ns, page_number, quote, cell)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    result = _render(path, page_number, quote, cell)
    with _LOCK:
        _CACHE[key] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _render(path: Path, page_number: int, quote: str, cell: str) -> tuple[bytes, list[Box]]:
    """pypdfium2 draws the page and gives every character's box in C: pdfplumber's word extraction would parse the
    page again in Python (100-200 ms of the 300 ms a page may take)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        raise RenderError("het document is geen leesbare PDF") from exc
    try:
        if not 1 <= page_number <= len(pdf):
            raise RenderError(f"het document heeft geen pagina {page_number}")
        page = pdf[page_number - 1]
        words = page_words(page)
        marked = _marks(words, quote, cell)
        scale = RESOLUTION / 72
        image = page.render(scale=scale).to_pil().convert("RGB")
        boxes = []
        if marked:
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            for w, is_cell in marked:
                pad = 1.5
                box = Box((w["x0"] - pad) * scale, (w["top"] - pad) * scale, (w["x1"] + pad) * scale,
                          (w["bottom"] + pad) * scale, is_cell)  # fmt: skip
                draw.rectangle((box.x0, box.top, box.x1, box.bottom), fill=CELL if is_cell else HIGHLIGHT)
                boxes.append(box)
            image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue(), boxes
    finally:
        pdf.close()


def page_words(page: Any) -> list[dict[str, Any]]:
    """Words of a pypdfium2 page in pdfplumber's form (x0, x1, top, bottom in points from the top left). pdfium puts
    a space between words itself (letter-spaced headings stay whole), so a word ends at whitespace, where the text
    goes back to the left (a new line or column), or where a glyph does not share the word's line; a character
    printed twice at the same place (fake bold) counts once."""
    textpage = page.get_textpage()
    height = page.get_height()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    words: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for i, ch in enumerate(text[:count].replace("\ufffe", "-")):
        if not ch.strip():
            current = None
            continue
        left, low, right, high = textpage.get_charbox(i)
        top, bottom = height - high, height - low
        if current is not None:
            if (ch, round(left)) in current["earlier"]:
                continue  # the same glyph again, drawn after the word (fake bold); a ligature's letters are adjacent
            current["earlier"].add(current["last"])
            size = max(current["bottom"] - current["top"], 4.0)
            off_line = bottom < current["top"] - 1 or top > current["bottom"] + 1
            if left < current["x1"] - size or off_line or left - current["x1"] > 2 * size:
                current = None
        if current is None:
            current = {"text": "", "x0": left, "x1": right, "top": top, "bottom": bottom, "earlier": set()}
            words.append(current)
        current["text"] += ch
        current["x1"] = max(current["x1"], right)
        current["top"] = min(current["top"], top)
        current["bottom"] = max(current["bottom"], bottom)
        current["last"] = (ch, round(left))
    textpage.close()
    return words


def _marks(words: list[dict[str, Any]], quote: str, cell: str) -> list[tuple[dict[str, Any], bool]]:
    """Words to mark: a table row sentence ("Caption — Label — 2024: 1.234; ...") marks its label and the cell on
    the label's line; any other quote marks its words."""
    parts = [p.strip() for p in quote.split(" — ")]
    if len(parts) >= 3 and cell:
        label_words = find_words(words, parts[-2])
        marks = [(w, False) for w in label_words]
        if label_words:
            line_top = label_words[-1]["top"]
            same_line = [w for w in words if abs(w["top"] - line_top) < 4 and w["x0"] > label_words[-1]["x1"]]
            hit = [w for w in same_line if w["text"].strip() == cell.strip()]
            marks += [(w, True) for w in hit[:1]]
        return marks
    found = find_words(words, quote)
    if not found and len(_quote_words(quote)) > 12:  # a long quote: its opening words are enough to find it
        found = find_words(words, " ".join(quote.split()[:12]))
    return [(w, False) for w in found]
