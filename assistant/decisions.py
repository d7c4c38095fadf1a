"""Decisions register: every past decision the documents mention — when, under which zaaknummer, where.

Documents record decisions three ways: their own header (onderwerp, collegedatum, zaaknummer), an
"Eerdere besluiten" table, and running text ("In december 2023 stelde uw Raad het Regioprogramma
Jeugd 2023-2028 vast"). Tables extracted from PDFs arrive in two layouts: row by row ("19-12-2023
Regioprogramma Jeugd (Z/23/140751)") or column by column (all dates first, then all descriptions,
each ending in its zaaknummer); the parser pairs both by order. Records about the same decision
(same zaaknummer, or the same subject) are merged, and disagreeing dates are kept side by side as a
conflict instead of choosing one silently.

Example:
    >>> from pathlib import Path
    >>> from assistant.ingest import load_corpus
    >>> register = DecisionRegister.build(load_corpus(Path("corpus")).documents)
    >>> [d.date for d in register.query(zaak="Z/24/244510")]
    ['2024-06-20']
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .dates import MONTHS, format_dutch_date, parse_dutch_date
from .schema import Document
from .text import STOPWORDS, sentence_spans, terms

_ZAAK = re.compile(r"\b(?:Z\s*/\s*\d{2}\s*/\s*\d{4,7}|\d{2}\s*/\s*\d{4,7})\b", re.I)
_MONTH_NAMES = "|".join(MONTHS)
_DATE_CELL = re.compile(
    rf"^\s*(\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{4}})\s*(.*)$", re.S | re.I
)
_DESCRIPTION_END = re.compile(
    r"(?:,?\s*\(?\s*(?:zaaknummer|zaaknr\.?|documentnummer|kenmerk)?\s*:?\s*("
    r"Z\s*/\s*\d{2}\s*/\s*\d{4,7}|\d{2}\s*/\s*\d{4,7})\s*\)?)",
    re.I,
)
_TEXT_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{_MONTH_NAMES})\s+(?P<year>(?:19|20)\d{{2}})\b"
    r"|\b(?P<when>eind|begin|medio|zomer\s+van|voorjaar\s+van|najaar\s+van|winter\s+van)\s+(?P<year2>(?:19|20)\d{2})\b"
    r"|\bin\s+(?P<year3>(?:19|20)\d{2})\b",
    re.I,
)
_DECIDED = re.compile(
    r"\b(vastgesteld|vastgestelde|stelde\b.*\bvast|stelden\b.*\bvast|goedgekeurd|goedgekeurde|aangenomen|"
    r"ingestemd|besloten)\b",
    re.I,
)


@dataclass
class Source:
    doc_id: str
    title: str
    page: int | None
    quote: str


@dataclass
class Decision:
    """One decision; ``date`` is ISO at the precision the source gives (2023-12-19, 2023-12 or 2023)."""

    date: str
    omschrijving: str
    zaaknummer: str = ""
    kind: str = "besluit"
    body: str = ""
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # every date a source gives, for conflicts

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("dates")
        return data


def normalize_zaak(value: str) -> str:
    """'z/25/ 299103' -> 'Z/25/299103'; '22/68940' stays."""
    compact = re.sub(r"\s+", "", value)
    return compact[0].upper() + compact[1:] if compact[:1].lower() == "z" else compact


def _kind(text: str, default: str = "besluit") -> str:
    lower = text.lower()
    for kind, needles in (
        ("beslisnota", ("beslisnota",)),
        ("informatienota", ("informatienota",)),
        ("raadsvoorstel", ("raadsvoorstel",)),
        ("regionaal programma", ("regioprogramma", "regionaal programma", "regionale plan", "regionaal plan")),
        ("akkoord", ("akkoord",)),
        ("agenda", ("agenda",)),
    ):
        if any(n in lower for n in needles):
            return kind
    return default


def _body(text: str) -> str:
    lower = text.lower()
    if re.search(r"gemeenteraden|alle\s+(\w+\s+)?(raden|gemeenten)|regio|regionale", lower):
        return "regio"
    if re.search(r"\b(uw\s+raad|gemeenteraad|de\s+raad|raadsbesluit)\b", lower):
        return "raad"
    if re.search(r"\b(college|collegedatum|b&w)\b", lower):
        return "college"
    if re.search(r"\b(landelijk\w*|rijk|kabinet|minister)\b", lower):
        return "rijk"
    return ""


def _text_date(match: re.Match[str]) -> str:
    if match.group("month"):
        month = MONTHS[match.group("month").lower()]
        if match.group("day"):
            return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"
        return f"{match.group('year')}-{month:02d}"
    return match.group("year2") or match.group("year3")


_TITLE = re.compile(
    r"((?:[A-Z][\w’'-]*|[‘`][^’]+’)(?:\s+(?:[A-Z][\w’'-]*|[‘`][^’]+’|en|van|voor|de|het|\d{4}(?:-\d{4})?|"
    r"akkoord|programma|plan|agenda|nota|regeling|verordening))+)"
)
_NOT_A_TITLE_START = re.compile(r"^(In|Eind|Begin|Medio|Om|De|Het|Een|Dit|Deze|Wijchen|Druten|We|Wij|Uw)\b")


def _subject(sentence: str) -> str:
    """The thing decided: the longest capitalised title in the sentence, else the noun phrase before the verb."""
    titles = [m.group(1).strip() for m in _TITLE.finditer(sentence)]
    titles = [t for t in titles if len(t.split()) >= 2 and not _NOT_A_TITLE_START.match(t)]
    if titles:
        return max(titles, key=len)
    phrase = re.search(
        r"\b(?:het|de|een)\s+((?:[\w’'-]+\s+){0,6}?[\w’'-]+?)\s+(?:\d{4}-\d{4}\s+)?(?:is\s+|in\s+|door\s+|ontwikkeld|"
        r"vastgesteld|goedgekeurd|vast\b)",
        sentence,
        re.I,
    )
    return phrase.group(1) if phrase else sentence


def _key_terms(text: str) -> frozenset[str]:
    cleaned = re.sub(r"\b(19|20)\d{2}(-(19|20)\d{2})?\b", " ", text)
    cleaned = re.sub(
        r"\b(beslisnota|informatienota|zaaknummer|wijchen|druten|lokaal|lokale|landelijke)\b", " ", cleaned, flags=re.I
    )
    return frozenset(t for t in terms(cleaned) if not t.isdigit() and t not in STOPWORDS)


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def _table_items(doc: Document) -> list[tuple[str, int]]:
    """(text, offset) of the blocks under an "Eerdere besluiten" heading, up to the next real heading."""
    items: list[tuple[str, int]] = []
    inside = False
    for block in doc.blocks:
        text = doc.text[block.start : block.end]
        if block.kind == "heading" and re.match(r"eerdere\s+besluiten", text, re.I):
            inside = True
            continue
        if not inside:
            if block.kind != "heading" and re.match(r"eerdere\s+besluiten\b", text, re.I):
                inside = True
                rest = text[len("eerdere besluiten") :].strip()
                if rest:
                    items.append((rest, block.start + len(text) - len(rest)))
            continue
        if (
            block.kind == "heading"
            and not re.match(r"(datum|korte omschrijving)", text, re.I)
            and not _DATE_CELL.match(text)
        ):
            break
        if re.match(r"datum\s+korte\s+omschrijving", text, re.I):
            continue
        items.append((text, block.start))
    return items


def _cells(items: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], bool]:
    """Items as table cells; a pipe table flattened into one paragraph gives one cell per column."""
    cells: list[tuple[str, int]] = []
    piped = False
    for text, offset in items:
        if "|" not in text:
            cells.append((text, offset))
            continue
        piped = True
        pos = 0
        for part in text.split("|"):
            stripped = part.strip()
            if stripped and not set(stripped) <= set("-: ") and stripped.lower() not in ("datum", "besluit"):
                cells.append((stripped, offset + text.find(stripped, pos)))
            pos += len(part) + 1
    return cells, piped


def parse_decision_table(items: list[tuple[str, int]]) -> list[tuple[str, str, int]]:
    """Pair dates and descriptions in any of the layouts: (iso date, description, offset).

    Row layout: a cell holds "date description" or, in a pipe table, the date cell is followed by its
    description cell. Column layout: all dates come first, then the descriptions (each ending in its
    zaaknummer), paired by order.
    """
    cells, piped = _cells(items)
    rows: list[tuple[str, str, int]] = []
    pending_dates: list[tuple[str, int]] = []
    descriptions: list[tuple[str, int]] = []
    i = 0
    while i < len(cells):
        text, offset = cells[i]
        cell = _DATE_CELL.match(text)
        following = cells[i + 1][0] if i + 1 < len(cells) else ""
        iso = parse_dutch_date(cell.group(1)) or cell.group(1) if cell else ""
        if cell and not cell.group(2).strip() and piped and following and not _DATE_CELL.match(following):
            rows.append((iso, following, offset))
            i += 2
            continue
        if cell and not cell.group(2).strip():
            pending_dates.append((iso, offset))
        elif cell:
            rows.append((iso, cell.group(2).strip(), offset))
        else:
            descriptions.extend(_split_descriptions(text, offset))
        i += 1
    for (date, _), (description, offset) in zip(pending_dates, descriptions, strict=False):
        rows.append((date, description, offset))
    return rows


def _split_descriptions(text: str, offset: int) -> list[tuple[str, int]]:
    """A run of descriptions each ending in its zaaknummer ("... Zaaknummer 22/68940 Eerste informatienota ...")."""
    out: list[tuple[str, int]] = []
    start = 0
    for m in _DESCRIPTION_END.finditer(text):
        piece = text[start : m.end()].strip(" ,;")
        if piece:
            out.append((piece, offset + start))
        start = m.end()
    tail = text[start:].strip(" ,;")
    if tail and len(tail.split()) >= 2:
        out.append((tail, offset + start))
    return out


def extract_decisions(doc: Document) -> list[Decision]:
    """All decision records one document gives: its header, its table, its running text."""
    found: list[Decision] = []

    def source(offset: int, quote: str) -> Source:
        return Source(doc.doc_id, doc.title, doc.page_at(offset), quote.strip())

    # 1. The document itself (an informatienota or raadsvoorstel is a college/raad decision).
    if doc.zaaknummer or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or ""):
        header = re.search(r"Collegedatum\s*:\s*[^\n]+", doc.text)
        quote = header.group(0) if header else doc.title
        found.append(
            Decision(
                date=doc.date,
                omschrijving=doc.title,
                zaaknummer=normalize_zaak(doc.zaaknummer) if doc.zaaknummer else "",
                kind=doc.doc_type,
                body="college" if header else _body(doc.text[:500]),
                sources=[source(header.start() if header else 0, quote)],
            )
        )
    # 2. The "Eerdere besluiten" table.
    for date, description, offset in parse_decision_table(_table_items(doc)):
        zaak = _ZAAK.search(description)
        clean = _DESCRIPTION_END.sub("", description).strip(" ,;‘’'")
        found.append(
            Decision(
                date=date,
                omschrijving=clean,
                zaaknummer=normalize_zaak(zaak.group(0)) if zaak else "",
                kind=_kind(clean),
                body=_body(clean),
                sources=[source(offset, f"{description}")],
            )
        )
    # 3. Running text: a sentence with a decision verb and a date.
    for block in doc.blocks:
        if block.kind == "heading":
            continue
        for a, b in sentence_spans(doc.text[block.start : block.end], block.start):
            sentence = doc.text[a:b]
            if not _DECIDED.search(sentence) or _DATE_CELL.match(sentence):
                continue
            when = _TEXT_DATE.search(sentence)
            if not when:
                continue
            subject = _subject(sentence)
            zaak = _ZAAK.search(sentence)
            found.append(
                Decision(
                    date=_text_date(when),
                    omschrijving=subject,
                    zaaknummer=normalize_zaak(zaak.group(0)) if zaak else "",
                    kind=_kind(sentence),
                    body=_body(sentence),
                    sources=[source(a, sentence)],
                )
            )
    return found


def _compatible(a: str, b: str) -> bool:
    """Dates agree when one is the other at a coarser precision (2023 ~ 2023-12 ~ 2023-12-19)."""
    return a.startswith(b) or b.startswith(a)


def _same(a: Decision, b: Decision) -> bool:
    if a.zaaknummer and b.zaaknummer:
        return a.zaaknummer == b.zaaknummer
    ka, kb = _key_terms(a.omschrijving), _key_terms(b.omschrijving)
    if not ka or not kb:
        return False
    small, large = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return small == large or (small <= large and any(len(t) >= 8 for t in small))


def merge(records: list[Decision]) -> list[Decision]:
    """Group records of the same decision; disagreeing dates become conflicts, each with its source."""
    merged: list[Decision] = []
    for record in records:
        target = next((m for m in merged if _same(m, record)), None)
        if target is None:
            record.dates = [record.date]
            merged.append(record)
            continue
        target.sources.extend(record.sources)
        target.dates.append(record.date)
        target.zaaknummer = target.zaaknummer or record.zaaknummer
        target.body = target.body or record.body
        if len(record.date) > len(target.date) and _compatible(record.date, target.date):
            target.date = record.date  # the most precise agreeing date
    for m in merged:
        distinct = sorted(set(m.dates))
        clashes = [d for d in distinct if not all(_compatible(d, other) for other in distinct)]
        if clashes:
            per_source = [
                f"{display_date(d)} volgens {s.title} (p. {s.page})" for d, s in zip(m.dates, m.sources, strict=True)
            ]
            m.conflicts = [f"De bronnen noemen verschillende data: {'; '.join(per_source)}."]
    return sorted(merged, key=lambda d: (d.date, d.omschrijving))


# --------------------------------------------------------------------------------------------
# Register
# --------------------------------------------------------------------------------------------


class DecisionRegister:
    def __init__(self, decisions: list[Decision]) -> None:
        self.decisions = decisions

    @classmethod
    def build(cls, documents: list[Document]) -> DecisionRegister:
        records = [r for doc in documents for r in extract_decisions(doc)]
        return cls(merge(records))

    def query(
        self, *, since: str | None = None, until: str | None = None, zaak: str | None = None, q: str | None = None
    ) -> list[Decision]:
        out = []
        q_terms = set(terms(q)) if q else set()
        for d in self.decisions:
            if since and d.date[: len(since)] < since:
                continue
            if until and d.date[: len(until)] > until:
                continue
            if zaak and d.zaaknummer != normalize_zaak(zaak):
                continue
            if q_terms:
                doc_terms = set(terms(d.omschrijving + " " + " ".join(s.quote for s in d.sources)))
                # Compounds count: "jeugd" finds "jeugdhulp" and "Regioprogramma Jeugd".
                if not any(u == t or (len(t) >= 4 and u.startswith(t)) for t in q_terms for u in doc_terms):
                    continue
            out.append(d)
        return out

    def save(self, path: Path) -> None:
        """SQLite next to the index: one row per decision, sources and conflicts as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as db:
            db.execute(
                "CREATE TABLE decisions (date TEXT, omschrijving TEXT, zaaknummer TEXT, kind TEXT, body TEXT, "
                "sources TEXT, conflicts TEXT)"
            )
            db.executemany(
                "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (d.date, d.omschrijving, d.zaaknummer, d.kind, d.body,
                     json.dumps([asdict(s) for s in d.sources], ensure_ascii=False),
                     json.dumps(d.conflicts, ensure_ascii=False))
                    for d in self.decisions
                ],
            )  # fmt: skip
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> DecisionRegister:
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT * FROM decisions").fetchall()
        return cls(
            [
                Decision(date, oms, zaak, kind, body, [Source(**s) for s in json.loads(src)], json.loads(conf), [date])
                for date, oms, zaak, kind, body, src, conf in rows
            ]
        )


# --------------------------------------------------------------------------------------------
# Answering decision questions in the chat
# --------------------------------------------------------------------------------------------

_DECISION_WORDS = re.compile(r"\b(besluit\w*|beslis\w*|besloten|vastgesteld|vastgestelde|goedgekeurd|genomen)\b", re.I)
_Q_DATE = re.compile(r"\b(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\s+(?:" + _MONTH_NAMES + r")\s+\d{4})\b", re.I)
_Q_SINCE = re.compile(r"\b(?:sinds|vanaf|na)\s+((?:19|20)\d{2})\b", re.I)
_Q_YEAR = re.compile(r"\bin\s+((?:19|20)\d{2})\b", re.I)
_Q_TOPIC = re.compile(r"\bover\s+(?:de\s+|het\s+)?([\w-]+(?:\s+[\w-]+)?)", re.I)


def display_date(iso: str) -> str:
    """As the documents write it: 24-05-2022; a month as "december 2023"; a year as it is."""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}-{parts[1]}-{parts[0]}"
    if len(parts) == 2:
        return f"{next(k for k, v in MONTHS.items() if v == int(parts[1]))} {parts[0]}"
    return iso


def _by_description(question: str, register: DecisionRegister) -> list[Decision]:
    """ "Wanneer is de beslisnota 'X' genomen?": the decision whose description the question quotes."""
    asked = _key_terms(question)
    best: list[tuple[float, Decision]] = []
    for d in register.decisions:
        key = _key_terms(d.omschrijving)
        if len(key) >= 2:
            best.append((len(key & asked) / len(key), d))
    best.sort(key=lambda x: -x[0])
    return [best[0][1]] if best and best[0][0] >= 0.75 else []


def answer_decision_question(question: str, register: DecisionRegister, chunks: list[Any]) -> Any | None:
    """Questions about decisions ("Waar gaat Z/24/244510 over?", "Welke besluiten zijn op 20-12-2022
    genomen?", "Welke besluiten over jeugd zijn sinds 2023 genomen?") are answered from the register,
    with citations and any conflicts; ``None`` means: not a register question, use normal retrieval."""
    from .schema import Answer, Citation, Hit

    zaak = _ZAAK.search(question)
    if zaak:
        found = register.query(zaak=zaak.group(0))
    elif _DECISION_WORDS.search(question):
        date = _Q_DATE.search(question)
        since = _Q_SINCE.search(question)
        year = _Q_YEAR.search(question)
        topic = _Q_TOPIC.search(question)
        if date or since or year:
            iso = parse_dutch_date(date.group(1)) if date else None
            found = register.query(
                since=iso or (since.group(1) if since else year.group(1) if year else None),
                until=iso or (year.group(1) if year and not since else None),
                q=topic.group(1) if topic else None,
            )
        else:
            found = _by_description(question, register)
            if not found:
                return None
    else:
        return None
    if not found:
        what = f"zaaknummer {normalize_zaak(zaak.group(0))}" if zaak else "deze vraag"
        return Answer(question, f"Het besluitenregister bevat geen besluiten voor {what}.", abstained=True,
                      answerer="besluitenregister")  # fmt: skip
    citations: list[Citation] = []
    cited_chunks: list[Any] = []
    lines = []
    for d in found[:10]:
        numbers = []
        for s in d.sources:
            chunk = next((c for c in chunks if c.doc_id == s.doc_id and s.quote and s.quote in c.text), None)
            if chunk is None:
                continue
            existing = next((c for c in citations if c.chunk_id == chunk.chunk_id and c.quote == s.quote), None)
            if existing is None:
                existing = Citation.from_chunk(len(citations) + 1, chunk, s.quote)
                citations.append(existing)
                cited_chunks.append(chunk)
            numbers.append(f"[{existing.n}]")
        zaaknr = f", zaaknummer {d.zaaknummer}" if d.zaaknummer else ""
        when = display_date(d.date)
        if len(d.date) == 10:  # both ways: "20 mei 2025 (20-05-2025)", as notas and tables write it
            when = f"{format_dutch_date(d.date)} ({when})"
        line = f"- {when}: {d.omschrijving} ({d.kind}{zaaknr}) {' '.join(dict.fromkeys(numbers))}"
        line = line.rstrip()
        if d.conflicts:
            line += f"\n  Let op: {d.conflicts[0]}"
        lines.append(line)
    intro = f"Het besluitenregister vindt {len(found)} besluit{'en' if len(found) != 1 else ''}:"
    more = f"\n(en nog {len(found) - 10} meer)" if len(found) > 10 else ""
    # The passages the register cites are what was "retrieved" for this answer.
    retrieved = [Hit(c, 1.0, {"register": 1}) for c in dict.fromkeys(cited_chunks)]
    return Answer(question, intro + "\n" + "\n".join(lines) + more, citations, retrieved, answerer="besluitenregister")
