"""Ingest: turn files in a corpus folder into cleaned ``Document``s with pages, sections and metadata.

Text extracted from council PDFs is messy: lines break inside sentences, words are hyphenated
at line ends, every page repeats "Openbaar Zaaknummer ..." and "Pagina 2 van 3". Chunks and
citations must nevertheless point at exact places, so this module produces one cleaned text per
document plus ``Block``s (headings, paragraphs, list items) that carry page numbers and the
section path, with offsets into that cleaned text.

Example:
    >>> from pathlib import Path
    >>> doc = load_document(Path("corpus/2025-05-20_informatienota_robuust-sociaal-team-en-sterke-sociale-basis.txt"))
    >>> doc.zaaknummer, doc.date
    ('Z/25/299103', '2025-05-20')
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import Block, Document

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")
MANIFEST_NAMES = ("manifest.toml",)
DOC_TYPES = ("informatienota", "beleidsplan", "monitorverslag", "raadsvoorstel", "overig")

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_NAMES = {v: k for k, v in MONTHS.items()}

_PAGINA = re.compile(r"^\s*Pagina\s+(\d{1,4})\s+van\s+(\d{1,4})\s*$", re.I)
_BARE_PAGE_NUMBER = re.compile(r"^\s*-?\s*(\d{1,3})\s*-?\s*$")
_OPENBAAR_HEADER = re.compile(r"^\s*Openbaar\s+Zaaknummer\s*:?\s*(\S+)\s*$", re.I)
_BULLET = re.compile(r"^([•●▪◦‣∙·\-–*]|\(?[a-z]\)|\d{1,2}\))\s+")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DATE_ONLY = re.compile(r"^[\d\s./-]+$")
_LABEL_LINE = re.compile(
    r"^(Onderwerp|Collegedatum|Datum|Zaaknummer|Kenmerk|Portefeuillehouder|Raadsvergadering|Vergaderdatum|"
    r"Raadsdatum|Agendapunt|Registratienummer|Documentnummer|Aan|Van|Steller|Afdeling)\s*:\s*\S",
    re.I,
)
_ZAAKNUMMER = re.compile(r"\b(Z/\d{2}/\d{3,7}|\d{2}/\d{4,7})\b")


class IngestError(Exception):
    """A file could not be ingested; the message is Dutch first, names the file, then English."""

    def __init__(self, path: Path | str, dutch: str, english: str) -> None:
        self.path = Path(path)
        self.dutch = dutch
        self.english = english
        super().__init__(f"{self.path.name}: {dutch} / {english}")


# --------------------------------------------------------------------------------------------
# Reading raw lines with page numbers
# --------------------------------------------------------------------------------------------


@dataclass
class RawLine:
    text: str
    page: int | None
    page_start: bool = False  # first line of a page


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


def read_txt_lines(text: str) -> list[RawLine]:
    """Recover pages from text extracted from a PDF.

    The extraction convention (see ``corpus/README``): a line starting with exactly one space
    starts a new page. Printed page markers are anchors on top of that: "Pagina N van M" sits
    at the top of page N in these notas (a header: the page starts there), a bare page number
    between blank lines is a footer (its page ends there). Anchors fix the numbering of the
    segments around them, so a document whose cover pages were dropped still gets the printed
    page numbers.
    """
    lines = text.splitlines()
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
            if text_in_segment and (break_pending or re.match(r"^ \S", line)):
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


def read_pdf_lines(path: Path) -> tuple[list[RawLine], int]:
    """Per-page text via pypdf; page numbers are the PDF's physical pages (what a viewer opens)."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
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
            f"geen geldige of een beschadigde PDF ({type(exc).__name__})",
            f"invalid or corrupt PDF: {exc}",
        ) from exc
    except Exception as exc:
        raise IngestError(
            path, f"de PDF kon niet worden gelezen ({type(exc).__name__})", f"PDF could not be read: {exc}"
        ) from exc
    if sum(len(t.strip()) for t in page_texts) < 20:
        raise IngestError(
            path,
            "de PDF bevat geen tekstlaag (gescand document); OCR is nodig voordat het kan worden doorzocht",
            "the PDF has no text layer (scanned); run OCR first",
        )
    lines: list[RawLine] = []
    for number, page_text in enumerate(page_texts, start=1):
        for j, line in enumerate(page_text.splitlines()):
            lines.append(RawLine(text=line, page=number, page_start=j == 0))
        lines.append(RawLine(text="", page=number))
    return lines, len(page_texts)


# --------------------------------------------------------------------------------------------
# Cleaning: headers/footers, blocks, line joining
# --------------------------------------------------------------------------------------------


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _repeated_edge_lines(lines: list[RawLine]) -> set[str]:
    """Shapes of lines that repeat at the top or bottom of many pages (running headers/footers)."""
    by_page: dict[int, list[str]] = {}
    for raw in lines:
        if raw.page is not None and raw.text.strip():
            by_page.setdefault(raw.page, []).append(_shape(raw.text))
    if len(by_page) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page_lines in by_page.values():
        # Short pages (slides, forms) are mostly "edge": look at fewer lines there, or all text would go.
        edge = max(1, min(3, len(page_lines) // 4))
        counts.update(set(page_lines[:edge] + page_lines[-edge:]))
    threshold = max(2, int(0.5 * len(by_page)))
    return {shape for shape, n in counts.items() if n >= threshold and len(shape) < 120}


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


def _is_heading(line: str, prev_blank: bool, next_line: str | None) -> int:
    """Heading level for a line (1 numbered chapter, 2 subject line) or 0.

    Council notas mark headings only by layout: a short line without closing punctuation,
    standing alone above a paragraph. Numbered chapters ("2. Hervormingsagenda Jeugd") may
    follow text directly.
    """
    s = line.strip()
    if not s or len(s) > 80 or s.endswith(_SENTENCE_END) or _BULLET.match(s):
        return 0
    if _DATE_ONLY.match(s) or not re.search(r"[A-Za-zÀ-ÿ]{3,}", s) or len(s.split()) > 12:
        return 0
    if re.match(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b", s) or re.match(r"^[A-Z][\w ]{0,30}:\s+\S", s):
        return 0  # a table row starting with a date, or a "Label: value" line
    if next_line is None or not next_line.strip():
        return 0
    nxt = next_line.strip()
    numbered = _NUMBERED_HEADING.match(s)
    if numbered and ":" not in s and numbered.group(2)[:1].isupper() and len(s) <= 70:
        return 1
    if prev_blank and (s[0].isupper() or s[0].isdigit()) and not nxt[0].islower() and not re.search(r", [a-z]", s):
        return 2
    return 0


def _paragraph_ended(previous: str, line: str, typical_width: int) -> bool:
    """Paragraph break without a blank line: the previous line ended a sentence well short of the margin."""
    return (
        previous.endswith((".", "!", "?", ":"))
        and len(previous) < 0.7 * typical_width
        and line[:1].isupper()
        and typical_width >= 40
    )


def _join(prev: str, nxt: str) -> str:
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


@dataclass
class Cleaned:
    text: str
    blocks: list[Block]
    removed: list[str] = field(default_factory=list)


def clean_lines(lines: list[RawLine], *, markdown: bool = False) -> Cleaned:
    """Build the cleaned text and its blocks from raw lines."""
    repeated = _repeated_edge_lines(lines)
    removed: list[str] = []
    kept: list[RawLine] = []
    for raw in lines:
        if _is_noise(raw.text, repeated):
            removed.append(re.sub(r"\s+", " ", raw.text.strip()))
        else:
            kept.append(raw)

    pending: list[_Pending] = []
    current: _Pending | None = None
    prev_blank = True
    last_line = ""
    lengths = sorted(len(r.text.strip()) for r in kept if len(r.text.strip()) > 20)
    typical_width = lengths[int(len(lengths) * 0.75)] if lengths else 80
    in_fence = False
    for i, raw in enumerate(kept):
        s = re.sub(r"\s+", " ", raw.text.strip())
        if markdown and s.startswith("```"):
            in_fence = not in_fence
            continue
        if not s:
            current = None
            prev_blank = True
            continue
        if current is not None and current.kind == "heading":  # second line of a wrapped heading
            current.text = _join(current.text, s)
            current = None
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
            heading = _Pending("heading", s, raw.page, raw.page, level=level)
            pending.append(heading)
            current = heading if s.endswith("-") else None
            prev_blank = False
            continue
        bullet = _BULLET.match(s)
        label = _LABEL_LINE.match(s)
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
            joined = _join(current.text, s)
            if raw.page != current.page_end and raw.page is not None:
                current.breaks.append((len(joined) - len(s), raw.page))
            current.text = joined
            current.page_end = raw.page
        current.ends_sentence = current.text.rstrip().endswith((".", "!", "?", ":", ";"))
        prev_blank = False

    return _assemble(pending, removed)


def _assemble(pending: list[_Pending], removed: list[str]) -> Cleaned:
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    chapter: str | None = None
    sub: str | None = None
    top_level = min((p.level for p in pending if p.kind == "heading"), default=1)
    for p in pending:
        if p.kind == "heading":
            if p.level <= top_level:
                chapter, sub = p.text, None
            else:
                sub = p.text
        section = tuple(x for x in (chapter, sub) if x)
        if parts:
            parts.append("\n\n")
            offset += 2
        breaks = tuple((offset + at, page) for at, page in p.breaks)
        blocks.append(Block(p.kind, offset, offset + len(p.text), p.page_start, p.page_end, section, p.level, breaks))
        parts.append(p.text)
        offset += len(p.text)
    return Cleaned(text="".join(parts), blocks=blocks, removed=removed)


# --------------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------------


def parse_dutch_date(text: str) -> str | None:
    """'27 mei 2025' / '27-05-2025' / '2025-05-27' -> '2025-05-27'."""
    text = text.strip().lower()
    m = re.search(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", text)
    if m:
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    m = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        return m.group(0)
    return None


def format_dutch_date(iso: str) -> str:
    """'2025-05-27' -> '27 mei 2025'; a bare year stays as it is."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return iso or ""
    return f"{int(m.group(3))} {MONTH_NAMES[int(m.group(2))]} {m.group(1)}"


def extract_metadata(text: str, removed: list[str], path: Path) -> dict[str, Any]:
    """Metadata from the document itself, used when the manifest has no entry for a file."""
    head = text[:4000]
    meta: dict[str, Any] = {}
    m = re.search(r"^Onderwerp\s*:\s*(.+)$", head, re.M)
    if m:
        meta["title"] = m.group(1).strip()
    m = re.search(r"^(?:Collegedatum|Datum|Vergaderdatum|Raadsdatum)\s*:\s*(.+)$", head, re.M | re.I)
    if m and parse_dutch_date(m.group(1)):
        meta["date"] = parse_dutch_date(m.group(1))
    # The running header ("Openbaar Zaaknummer: ...") or a "Zaaknummer:" label names the document's own
    # zaaknummer; a zaaknummer inside the text (e.g. in the "Eerdere besluiten" table) is another decision's.
    m = re.search(r"Zaaknummer\s*:?\s*(Z/\d{2}/\d+|\d{2}/\d+)", "\n".join(removed), re.I) or re.search(
        r"^Zaaknummer\s*:\s*(Z/\d{2}/\d+|\d{2}/\d+)", head, re.I | re.M
    )
    if m:
        meta["zaaknummer"] = m.group(1)
    first = head[:300].lower()
    for doc_type, needles in (
        ("informatienota", ("informatienota", "raadsinformatiebrief")),
        ("raadsvoorstel", ("raadsvoorstel",)),
        ("monitorverslag", ("monitorverslag", "monitor")),
        ("beleidsplan", ("beleidsplan", "beleidskader", "uitvoeringsplan")),
    ):
        if any(n in first for n in needles) or any(n in path.stem.lower() for n in needles):
            meta["doc_type"] = doc_type
            break
    if "date" not in meta:
        m = re.match(r"(\d{4}-\d{2}-\d{2}|\d{4})", path.stem)
        if m:
            meta["date"] = m.group(1)
    names = Counter(re.findall(r"\b[Gg]emeenten?\s+([A-Z][a-zà-ÿ]+(?:\s+en\s+[A-Z][a-zà-ÿ]+)?)", text))
    gemeenten: Counter[str] = Counter()
    for phrase, n in names.items():
        for name in re.split(r"\s+en\s+", phrase):
            gemeenten[name] += n
    if gemeenten:
        meta["gemeenten"] = sorted(name for name, _ in gemeenten.most_common(3))
    return meta


def _title_from(path: Path, cleaned: Cleaned) -> str:
    for block in cleaned.blocks[:5]:
        if block.kind == "heading":
            return cleaned.text[block.start : block.end]
    stem = re.sub(r"^[\d_-]+", "", path.stem).replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else path.stem


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def load_manifest(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """File name -> metadata overrides from ``manifest.toml`` (absent manifest = no overrides)."""
    for name in MANIFEST_NAMES:
        path = corpus_dir / name
        if path.exists():
            try:
                return tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise IngestError(path, f"manifest is geen geldige TOML: {exc}", f"invalid TOML: {exc}") from exc
    return {}


def doc_id_for(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-") or "document"


def load_document(path: Path, overrides: dict[str, Any] | None = None) -> Document:
    """Load, clean and describe one file. Raises ``IngestError`` with a clear message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            path,
            f"bestandstype '{suffix or '(geen)'}' wordt niet ondersteund (wel: PDF, TXT, MD)",
            f"unsupported file type {suffix!r}",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"bestand kan niet worden gelezen ({exc.strerror})", str(exc)) from exc
    if not data.strip():
        raise IngestError(path, "het bestand is leeg", "the file is empty")
    warnings: list[str] = []
    page_count: int | None = None
    if suffix == ".pdf":
        raw_lines, page_count = read_pdf_lines(path)
        cleaned = clean_lines(raw_lines)
    else:
        if b"\x00" in data[:4096]:
            raise IngestError(path, "het bestand is geen tekstbestand (binaire inhoud)", "binary content")
        text, warnings = _decode(path, data)
        if suffix == ".md":
            cleaned = clean_lines(read_md_lines(text), markdown=True)
        else:
            raw_lines = read_txt_lines(text)
            page_count = max((r.page or 0 for r in raw_lines), default=0) or None
            cleaned = clean_lines(raw_lines)
    if not cleaned.text.strip():
        raise IngestError(path, "het bestand bevat geen leesbare tekst", "no readable text")

    meta = extract_metadata(cleaned.text, cleaned.removed, path)
    meta.update({k: v for k, v in (overrides or {}).items() if v not in (None, "")})
    if "type" in meta:
        meta["doc_type"] = meta.pop("type")
    doc_type = str(meta.get("doc_type", "overig"))
    if doc_type not in DOC_TYPES:
        warnings.append(f"{path.name}: onbekend documenttype '{doc_type}', opgeslagen als 'overig'")
        doc_type = "overig"
    gemeenten = meta.get("gemeenten") or meta.get("gemeente") or []
    if isinstance(gemeenten, str):
        gemeenten = [gemeenten]
    return Document(
        doc_id=doc_id_for(path),
        path=str(path),
        title=str(meta.get("title") or _title_from(path, cleaned)),
        doc_type=doc_type,
        date=str(meta.get("date", "")),
        zaaknummer=str(meta.get("zaaknummer", "")),
        gemeenten=[str(g) for g in gemeenten],
        text=cleaned.text,
        blocks=cleaned.blocks,
        page_count=page_count,
        content_hash=hashlib.sha256(data).hexdigest(),
        removed_lines=sorted(set(cleaned.removed)),
        warnings=warnings,
    )


def discover(corpus_dir: Path) -> list[Path]:
    """Document files in a corpus folder (recursively), skipping manifests, READMEs and hidden files."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise IngestError(corpus_dir, "de documentenmap bestaat niet", "corpus folder does not exist")
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if path.name in MANIFEST_NAMES or path.stem.upper() == "README":
            continue
        files.append(path)
    return files


@dataclass
class CorpusLoad:
    documents: list[Document]
    errors: list[IngestError]
    warnings: list[str]


def load_corpus(corpus_dir: Path) -> CorpusLoad:
    """Load every document; a bad file is reported by name and never stops the others."""
    manifest = load_manifest(Path(corpus_dir))
    documents: list[Document] = []
    errors: list[IngestError] = []
    warnings: list[str] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    for path in discover(Path(corpus_dir)):
        rel = str(path.relative_to(corpus_dir))
        try:
            doc = load_document(path, manifest.get(rel) or manifest.get(path.name))
        except IngestError as exc:
            errors.append(exc)
            continue
        if doc.content_hash in seen_hashes:
            warnings.append(
                f"{path.name}: zelfde inhoud als {seen_hashes[doc.content_hash]}, overgeslagen "
                "/ duplicate content, skipped"
            )
            continue
        if doc.doc_id in seen_ids:
            doc.doc_id = f"{doc.doc_id}-{path.suffix.lstrip('.').lower()}"
        seen_hashes[doc.content_hash] = path.name
        seen_ids.add(doc.doc_id)
        warnings.extend(doc.warnings)
        documents.append(doc)
    return CorpusLoad(documents, errors, warnings)
