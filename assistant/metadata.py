"""Document metadata from the document itself: title, date, zaaknummer, type and the gemeenten it is about.

Any gemeente's documents, not only the corpus's template: the title comes from a subject label ("Onderwerp:",
"Betreft"), the cover (the largest type on page 1, see ``pdf``), a first heading, and only then the file name,
never from a colofon, a table of contents or a running header. The date comes from a date label, "vastgesteld op",
the first full date near the top, the file name, and last the PDF's creation date. The type is guessed from the
title with the vocabulary in ``data/vocabulary.toml``; ``corpus/manifest.toml`` overrides all of it.

Example:
    >>> from pathlib import Path
    >>> meta = describe("Onderwerp: Wmo-beleid\\n\\nDatum 10-06-2025\\n\\nTekst.", [], Path("nota.txt"))
    >>> meta["title"], meta["date"]
    ('Wmo-beleid', '2025-06-10')
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .cleaning import Cleaned
from .dates import MONTHS, format_dutch_date, parse_dutch_date
from .vocabulary import GEMEENTEN, doc_type_for, gemeenten_in, is_issuer

_SUBJECT = re.compile(r"^(?:Onderwerp|Betreft|Titel)\s*:?\s+(\S.{2,150})$", re.M)
_DATE_LABEL = re.compile(
    r"^(?:Collegedatum|Datum(?:\s+vergadering)?|Vergaderdatum|Raadsdatum|Datum\s+raadsvergadering|Vastgesteld)"
    r"\s*:?\s+(.{6,40})$",
    re.M | re.I,
)
_ADOPTED = re.compile(r"\b(?:vastgesteld|besloten|d\.d\.)\s+(?:op|in|d\.d\.)?\s*([^\n,.;]{6,30})", re.I)
_FULL_DATE = re.compile(
    rf"\b(\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\s+(?:19|20)\d\d|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d\d)\b", re.I
)
_ZAAKNUMMER_LABEL = re.compile(r"Zaaknummer\s*:?\s*(Z/\d{2}/\d+|\d{2}/\d+)", re.I)
#: Headings that name a part of a document, never the document itself.
_NOT_A_TITLE = re.compile(
    r"^(colofon|inhoud|inhoudsopgave|voorwoord|leeswijzer|samenvatting|inleiding|bijlagen?\b.*|pagina\s*\d+.*|"
    r"\d+|datum\b.*|aan\b.*|van\b.*)$",
    re.I,
)


def _may_be_title(line: str) -> bool:
    """Not a part of a document ("Inhoud", "Colofon", a page number) and not the letterhead of its issuer."""
    return not _NOT_A_TITLE.match(line) and not is_issuer(line)


def describe(text: str, removed: list[str], path: Path, pdf_titles: list[str] | None = None,
             pdf_created: str = "") -> dict[str, Any]:  # fmt: skip
    """Metadata from the cleaned text (``removed``: the running headers taken out of it) and, for a PDF, its own
    title candidates and creation date."""
    head = text[:4000]
    meta: dict[str, Any] = {}
    subject = _SUBJECT.search(head)
    candidates = [subject.group(1).strip()] if subject else []
    candidates += [t for t in pdf_titles or [] if _may_be_title(t)]
    if candidates:
        meta["title"] = candidates[0]
    date = _document_date(head, path) or pdf_created
    if date:
        meta["date"] = date
    # The running header ("Openbaar Zaaknummer: ...") or a "Zaaknummer:" label names the document's own
    # zaaknummer; a zaaknummer inside the text (e.g. in the "Eerdere besluiten" table) is another decision's.
    m = _ZAAKNUMMER_LABEL.search("\n".join(removed)) or re.search(
        r"^Zaaknummer\s*:\s*(Z/\d{2}/\d+|\d{2}/\d+)", head, re.I | re.M
    )
    if m:
        meta["zaaknummer"] = m.group(1)
    doc_type = doc_type_for(meta.get("title", ""), re.sub(r"[_-]+", " ", path.stem), head[:300])
    if doc_type:
        meta["doc_type"] = doc_type
    title, date = meta.get("title", ""), meta.get("date", "")
    if doc_type == "besluitenlijst" and title and len(date) == 10 and not re.search(r"\b(19|20)\d\d\b", title):
        meta["title"] = f"{title} {format_dutch_date(date)}"  # every list of a series has the same heading
    gemeenten = _gemeenten(text)
    if gemeenten:
        meta["gemeenten"] = gemeenten
    return meta


def _document_date(head: str, path: Path) -> str | None:
    """A date label, "vastgesteld op ...", the first full date near the top, then a date in the file name."""
    for m in _DATE_LABEL.finditer(head):
        if parse_dutch_date(m.group(1)):
            return parse_dutch_date(m.group(1))
    m = _FULL_DATE.search(head[:600])  # a dated cover or letterhead
    if m and parse_dutch_date(m.group(1)):
        return parse_dutch_date(m.group(1))
    for m in _ADOPTED.finditer(head):
        if parse_dutch_date(m.group(1)):
            return parse_dutch_date(m.group(1))
    m = _FULL_DATE.search(head[:1500])
    if m and parse_dutch_date(m.group(1)):
        return parse_dutch_date(m.group(1))
    stem = path.stem.replace("_", " ").replace("-", " ")
    iso = parse_dutch_date(stem)
    if iso:
        return iso
    m = re.match(r"((?:19|20)\d\d)[-_]?(\d\d)[-_]?(\d\d)\b", path.stem)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.match(r"((?:19|20)\d\d)\b", path.stem)
    return m.group(1) if m else None


def _gemeenten(text: str) -> list[str]:
    """The gemeenten a document is about: named after "gemeente(n)", or municipalities it mentions three times or
    more (most mentioned first, at most three)."""
    known = gemeenten_in(text)
    named: Counter[str] = Counter()
    for phrase in re.findall(r"\b[Gg]emeenten?\s+([A-Z][\w-]+(?:\s+en\s+[A-Z][\w-]+)?)", text):
        for name in re.split(r"\s+en\s+", phrase):
            if name in GEMEENTEN:  # "gemeente Den Helder" is not "Den", "de gemeenten Collectie ..." no place
                named[name] += 1
    counts: Counter[str] = Counter(named)
    for name in known:
        counts[name] += len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
    return sorted(name for name, n in counts.most_common(3) if n >= 3 or name in named)


def fallback_title(path: Path, cleaned: Cleaned) -> str:
    """The heading the document opens with, below any letterhead ("Gemeente X"), when it names the document (not
    "Inhoud", "Colofon" or a page number); else the file name."""
    opening = [(b.kind, cleaned.text[b.start : b.end].strip()) for b in cleaned.blocks[:8]]
    while opening and opening[0][0] == "heading" and is_issuer(opening[0][1]):
        opening.pop(0)
    # A document that opens with text, "Leeswijzer" or "Inhoud" has no title heading: later headings are sections.
    if opening and opening[0][0] == "heading":
        first = opening[0][1]
        if _may_be_title(first) and re.search(r"[^\W\d_]{3,}", first):
            return first
    stem = re.sub(r"^[\d_-]+", "", path.stem).replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else path.stem
