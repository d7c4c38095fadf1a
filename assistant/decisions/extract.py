"""Extraction: every decision a document records, and the header of a meeting.

Documents record decisions in four ways: their own header (onderwerp, collegedatum, zaaknummer), an "Eerdere
besluiten" table, running text ("In december 2023 stelde uw Raad het Regioprogramma Jeugd 2023-2028 vast"), and a
besluitenlijst: a meeting's header (Datum, Voorzitter, Aanwezigen, Afwezigen) followed by numbered agenda items
("5.c.1 <onderwerp>") each with "Besluit:" and the decision. Tables extracted from PDFs arrive row by row
("19-12-2023 Regioprogramma Jeugd (Z/23/140751)"), column by column (all dates first, then all descriptions,
each ending in its zaaknummer) or as pipe rows; the parser pairs them by order.

Example:
    >>> from pathlib import Path
    >>> from assistant.ingest import load_document
    >>> name = "2025-05-27_informatienota_eerste-informatienota-sociaal-domein-tot-april-2025.txt"
    >>> doc = load_document(Path("corpus") / name)
    >>> [d.zaaknummer for d in extract_decisions(doc)][:3]
    ['Z/25/301360', '22/68940', '22/77690']
"""

from __future__ import annotations

import re

from ..dates import MONTHS, parse_dutch_date
from ..schema import Document
from ..text import STOPWORDS, sentence_spans, terms
from ..vocabulary import GEMEENTEN, decision_kind, gemeenten_in, meeting_roles_in
from ..zaaknummer import find_all, normalize
from .records import Decision, Meeting, Source

_MONTH_NAMES = "|".join(MONTHS)
_DATE_CELL = re.compile(
    rf"^\s*(\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+\d{{4}})\s*(.*)$", re.S | re.I
)
_DESCRIPTION_END = re.compile(
    r"(?:,?\s*\(?\s*(?:zaaknummer|zaaknr\.?|documentnummer|kenmerk)?\s*:?\s*("
    r"Z\s*/\s*\d{2}\s*/\s*\d{4,8}(?:/\d{3,8})?|\d{2}\s*/\s*\d{4,8})\s*\)?)",
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


def _zaak(text: str) -> str | None:
    m = next(find_all(text), None)
    return normalize(m.group(0)) if m else None


def body_of(text: str) -> str:
    """Who decided: the raad, the college, a region's councils together, or the state."""
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
_NOT_A_TITLE_START = re.compile(r"^(In|Eind|Begin|Medio|Om|De|Het|Een|Dit|Deze|We|Wij|Uw)\b")


def _subject(sentence: str) -> str:
    """The thing decided: the longest capitalised title in the sentence, else the noun phrase before the verb."""
    titles = [m.group(1).strip() for m in _TITLE.finditer(sentence)]
    titles = [
        t for t in titles if len(t.split()) >= 2 and not _NOT_A_TITLE_START.match(t) and not _starts_with_place(t)
    ]
    if titles:
        return max(titles, key=len)
    phrase = re.search(
        r"\b(?:het|de|een)\s+((?:[\w’'-]+\s+){0,6}?[\w’'-]+?)\s+(?:\d{4}-\d{4}\s+)?(?:is\s+|in\s+|door\s+|ontwikkeld|"
        r"vastgesteld|goedgekeurd|vast\b)",
        sentence,
        re.I,
    )
    return phrase.group(1) if phrase else sentence


def _starts_with_place(title: str) -> bool:
    """ "Wijchen en Druten stelden ..." names who decided, not what: a gemeente opening a capitalised run."""
    return any(title == g or title.startswith(f"{g} ") for g in GEMEENTEN)


#: Words that say what kind of document or where, not which decision (removed before comparing subjects).
_NOT_A_SUBJECT = re.compile(r"\b(beslisnota|informatienota|zaaknummer|lokaal|lokale|landelijke)\b", re.I)


def key_terms(text: str) -> frozenset[str]:
    """The stemmed words that identify a decision's subject: no years, numbers, gemeenten or document kinds."""
    cleaned = re.sub(r"\b(19|20)\d{2}(-(19|20)\d{2})?\b", " ", text)
    cleaned = _NOT_A_SUBJECT.sub(" ", cleaned)
    places = {t for g in gemeenten_in(cleaned) for t in terms(g)}
    return frozenset(t for t in terms(cleaned) if not t.isdigit() and t not in STOPWORDS and t not in places)


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
        return Source(doc.doc_id, doc.title, doc.page_at(offset), quote.strip(), offset)

    if is_besluitenlijst(doc):
        return besluitenlijst_items(doc)

    # 1. The document itself (an informatienota or raadsvoorstel is a college/raad decision).
    if doc.zaaknummer or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or ""):
        header = re.search(r"Collegedatum\s*:\s*[^\n]+", doc.text)
        quote = header.group(0) if header else doc.title
        found.append(
            Decision(
                date=doc.date,
                omschrijving=doc.title,
                zaaknummer=normalize(doc.zaaknummer) if doc.zaaknummer else "",
                kind=doc.doc_type,
                body="college" if header else body_of(doc.text[:500]),
                sources=[source(header.start() if header else 0, quote)],
            )
        )
    # 2. The "Eerdere besluiten" table.
    for date, description, offset in parse_decision_table(_table_items(doc)):
        zaak = _zaak(description)
        clean = _DESCRIPTION_END.sub("", description).strip(" ,;‘’'")
        found.append(
            Decision(
                date=date,
                omschrijving=clean,
                zaaknummer=zaak or "",
                kind=decision_kind(clean),
                body=body_of(clean),
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
            zaak = _zaak(sentence)
            found.append(
                Decision(
                    date=_text_date(when),
                    omschrijving=subject,
                    zaaknummer=zaak or "",
                    kind=decision_kind(sentence),
                    body=body_of(sentence),
                    sources=[source(a, sentence)],
                )
            )
    return found


# --------------------------------------------------------------------------------------------
# Besluitenlijsten: a meeting's header and its numbered agenda items
# --------------------------------------------------------------------------------------------

#: An agenda number on its own ("5.c.1", "4.a", "12") or opening an item ("5.c.1 Bestemmingsplan ...").
_AGENDA = re.compile(r"^(\d{1,2}(?:\.[a-z0-9]{1,3}){0,3})(\.|\))?(?:\s+(\S.*))?$", re.S)
_POINT = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s")
_DECISION_MARK = re.compile(r"\b(?:Besluit|Besloten|Beslissing|Conclusie)\s*:\s*", re.I)
#: An agenda item opening inside a block, where the PDF's text flow ran items together ("... ingetrokken. 10.c.1
#: Beroep Valkenhorst Besluit: ..."): a number with a letter part ("5.c", "10.c.1") before a capitalised word, which
#: no amount or article number looks like, or a dotted number ("10.4") right after a sentence ends.
_INLINE_AGENDA = re.compile(
    r"(?<=\s)(?:\d{1,2}\.[a-z](?:\.\d{1,2})?|(?<=[.;:)]\s)\d{1,2}(?:\.\d{1,2}){1,2})\s+(?=[A-Z\u00c0-\u00de])"
)
#: ... but not a numbered reference ("ex art. 9.22 Omgevingswet", "bijlage 3.1 Kaart").
_REFERENCE_BEFORE = re.compile(r"\b(art|artikel|nr|lid|bijlage|hoofdstuk|paragraaf|par|tabel|figuur)\.?\s*$", re.I)
_HEADER_FIELD = re.compile(
    r"^(Voorzitter|Aanwezig(?:en)?|Afwezig(?:en)?|Join\s+registratie|Zaaknummer)\s*:?\s+(.+)$", re.I | re.S
)


_TRAILING_LABEL = re.compile(r"(?<=\.)\s+(?:Toelichting|Opening|Mededelingen)\b.*$", re.S)
_OTHER_FIELD = re.compile(r"(Locatie|Tijd|Datum|Join|Notulist|Secretaris)\b", re.I)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_besluitenlijst(doc: Document) -> bool:
    """A list of decisions per agenda item: typed so, or two or more "Besluit:" marks after numbered items."""
    return doc.doc_type == "besluitenlijst" or (
        len(_DECISION_MARK.findall(doc.text)) >= 2
        and bool(re.search(r"(?m)^\d{1,2}(?:\.[a-z0-9]{1,3}){1,3}\b", doc.text))
    )


def meeting_body(doc: Document) -> str:
    head = f"{doc.title} {doc.text[:300]}".lower()
    if re.search(r"\bb&w\b|\bcollege\b|burgemeester en wethouders", head):
        return "college"
    if re.search(r"\braad\b|raadsvergadering|gemeenteraad", head):
        return "raad"
    return ""


#: A line that goes on with a list of people: an initial ("W. Koetsier"), a comma or "en" between names.
_NAMES_LIKE = re.compile(r"\b[A-Z]\.|,|\ben\b")


def extract_meeting(doc: Document) -> Meeting | None:
    """The header of a besluitenlijst: date, chair, who attended and who did not (public officials in their role)."""
    if not is_besluitenlijst(doc):
        return None
    meeting = Meeting(doc.doc_id, doc.title, doc.date, meeting_body(doc))
    quotes = []
    last = ""
    for block in doc.blocks[:24]:
        text = doc.text[block.start : block.end]
        m = _HEADER_FIELD.match(text)
        if not m:
            # A value wrapped onto the next line ("wethouder W. Koetsier en wethouder" / "R. Zoutendijk, ...").
            value_open = bool(last) and not str(getattr(meeting, last, "")).rstrip().endswith(".")
            continued = value_open and not _AGENDA.match(text) and len(text) < 200 and not _OTHER_FIELD.match(text)
            # ... and only with names in it: an initial, a comma, "en", a role ("Opening" is the first agenda item).
            continued = continued and bool(_NAMES_LIKE.search(text) or meeting_roles_in(text))
            if continued:
                setattr(meeting, last, f"{getattr(meeting, last)} {_TRAILING_LABEL.sub('', _one_line(text))}")
                quotes.append((block.start, block.end))
            else:
                last = ""
            continue
        # A label of the next part printed on the same line ("... voor de verslaglegging. Toelichting") is not a name.
        label, text_value = m.group(1).lower(), _TRAILING_LABEL.sub("", _one_line(m.group(2)))
        for field_name, value in _stacked_fields(label, text_value):
            if field_name == "voorzitter":
                meeting.voorzitter, last = value, "voorzitter"
            elif field_name.startswith("aanwezig"):
                meeting.aanwezigen, last = value, "aanwezigen"
            elif field_name.startswith("afwezig"):
                meeting.afwezigen, last = value, "afwezigen"
            else:
                meeting.zaaknummer, last = _zaak(value) or "", ""
        quotes.append((block.start, block.end))
        if meeting.offset < 0:
            meeting.offset, meeting.page = block.start, block.page_start
    if quotes:
        meeting.quote = doc.text[quotes[0][0] : quotes[-1][1]]
    if not meeting.zaaknummer:  # "Datum 27-06-2023 Tijd 9.30 Join registratie Z/23/072659" on one line
        m = re.search(r"Join\s+registratie|Zaaknummer|Registratienummer", doc.text[:1200], re.I)
        meeting.zaaknummer = (_zaak(doc.text[m.end() : m.end() + 80]) or "") if m else ""  # columns may interleave
    return meeting


#: A person's line of a header that starts with the role ("Burgemeester L. de Lange", "Gemeentesecretaris K. ...").
_ROLE_START = re.compile(r"\s+(?=[A-Z]\w*(?:burgemeester|wethouder|secretaris|griffier)\s+[A-Z]\.)", re.I)


def _stacked_fields(field_name: str, value: str) -> list[tuple[str, str]]:
    """Labels printed one under the other with their values beside them come out as "Voorzitter Afwezigen
    Burgemeester L. de Lange Gemeentesecretaris K. Handstede": each label gets the person line in its place. When
    the persons cannot be told apart, the first label keeps the whole value (as before)."""
    labels = [field_name]
    while (more := _HEADER_FIELD.match(value)) and more.group(1).lower() not in labels:
        labels.append(more.group(1).lower())
        value = _one_line(more.group(2))
    if len(labels) == 1:
        return [(field_name, value)]
    people = _ROLE_START.split(value)
    if len(people) != len(labels):
        return [(labels[0], value)]
    return list(zip(labels, people, strict=True))


#: The end of a besluitenlijst: its own adoption ("Vastgesteld in de vergadering gehouden op 14 november 2023").
_CLOSING = re.compile(r"^Vastgesteld\s+in\s+de\s+(?:openbare\s+)?vergadering\b", re.I)
#: What a decision says without a "Besluit:" mark: an infinitive ("vast te stellen", "te informeren") or "akkoord".
_DECIDES = re.compile(r"\bte\s+\w+en\b|\bakkoord\b", re.I)


def _new_item(agenda: str, start: int, end: int, page: int) -> dict[str, object]:
    return {"agenda": agenda, "start": start, "end": end, "page": page, "title": [], "decision": [],
            "decided": False, "points": 0}  # fmt: skip


def _after_decision(item: dict[str, object] | None) -> bool:
    """A "Besluit:" here opens an item of its own: before any item, or after the current item's decision text
    (not right after its own "Besluit:", as in "Besluit: / Het college besluit: / 1. ...")."""
    return item is None or (bool(item["decided"]) and any(str(t).strip() for t in item["decision"]))  # type: ignore[attr-defined]


def _short_title(text: str) -> bool:
    """Text before a "Besluit:" that can be (part of) a title: no finished sentence, at most a dozen words."""
    return len(text.split()) <= 12 and not re.search(r"[.;:]\s+\S", text)


def _wrapped_title(line: str, title: str) -> bool:
    """Is the block before "Besluit:" the (first part of the) title? When the title there is missing or a fragment,
    and that block reads as a title: short, not a finished sentence, no header field."""
    return (
        len(title.split()) < 4
        and 0 < len(line.split()) <= 25
        and not line.rstrip().endswith((".", ":", ";"))
        and not _HEADER_FIELD.match(line)
        and not _AGENDA.match(line)
    )


def _opens_item(agenda: re.Match[str], current: dict[str, object] | None) -> bool:
    """Does a numbered block start the next agenda item, or is it a point of the current decision?

    A number alone in its block (the agenda column), a multi-level number ("5.c.1 ..."), a number without a period
    ("3 Informeren ...") or anything before the current item's "Besluit:" opens an item. After "Besluit:", "N. ..."
    continues the decision's points (1., 2., 3.) unless it is the next agenda number instead.
    """
    number, mark, rest = agenda.group(1), agenda.group(2), agenda.group(3)
    if current is not None and current["decided"] and re.fullmatch(r"\d{1,2}\.\d{1,2}", number):
        return int(number.split(".")[0]) != int(current["points"])  # type: ignore[call-overload]  # "1.1" under "1."
    if not rest or "." in number or not mark or current is None or not current["decided"]:
        return True
    n = int(number)
    if not current["agenda"]:  # an item without a number: "1." continues its decision
        return False
    top = int(str(current["agenda"]).split(".")[0])
    return n != int(current["points"]) + 1 and n == top + 1  # type: ignore[call-overload]


def _pieces(doc: Document) -> list[tuple[str, int, int, int]]:
    """(kind, page, start, end) of every block, a block cut where an agenda item opens inside it."""
    out = []
    for block in doc.blocks:
        text = doc.text[block.start : block.end]
        found = [] if block.kind == "table" else _INLINE_AGENDA.finditer(text)
        kept = (m.start() for m in found if not _REFERENCE_BEFORE.search(text[max(0, m.start() - 14) : m.start()]))
        cuts = [0, *kept]
        for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True):
            page = doc.page_at(block.start + a) if a else block.page_start
            out.append((block.kind, page, block.start + a, block.start + b))
    return out


def besluitenlijst_items(doc: Document) -> list[Decision]:
    """One decision per agenda item: meeting date from the header, agenda number, onderwerp, decision text, the
    zaaknummers inside the item, and the page it starts on.

    Three layouts occur: numbered items each with "Besluit:" (the usual one); items without a number, a title and
    "Besluit:" (an extra meeting's short list); numbered items without any "Besluit:" mark, where the block after
    the title is the decision.
    """
    body = meeting_body(doc)
    marked = bool(_DECISION_MARK.search(doc.text))
    items: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    previous: tuple[str, int, int, dict[str, object] | None] | None = None  # last block: text, start, page, item
    for kind, page, start, end in _pieces(doc):
        text = doc.text[start:end].strip()
        agenda = _AGENDA.match(text)
        if _CLOSING.match(text):  # "Vastgesteld in de vergadering van ...": the list has ended
            current = previous = None
            continue
        mark = _DECISION_MARK.search(text)
        if agenda and kind != "table" and not _DECISION_MARK.search(text[:40]) and _opens_item(agenda, current):
            current = _new_item(agenda.group(1), start, end, page)
            items.append(current)
            text = agenda.group(3) or ""  # the title (and maybe "Besluit: ...") after the number
            mark = _DECISION_MARK.search(text)
        elif mark and _after_decision(current) and _short_title(text[: mark.start()]):
            # An item without a number: its title is before "Besluit:", or on the line before when it wrapped
            # ("Vestiging voorkeursrecht op gronden renbaan" / "Duindigt Besluit:").
            title = [text[: mark.start()]]
            first, first_page = start, page
            if previous is not None and _wrapped_title(previous[0], title[0]):
                title.insert(0, previous[0])
                first, first_page = previous[1], previous[2]
                owner = previous[3]
                if owner is not None and owner["decision"] and owner["decision"][-1] == previous[0]:  # type: ignore[index]
                    owner["decision"].pop()  # type: ignore[union-attr]
            current = _new_item("", first, end, first_page)
            current["title"], current["decision"], current["decided"] = title, [text[mark.end() :]], True
            items.append(current)
            previous = (text, start, page, current)
            continue
        if current is None:
            previous = (text, start, page, None)
            continue
        current["end"] = end
        if current["decided"]:
            current["decision"].append(text)  # type: ignore[union-attr]
        elif mark:
            current["title"].append(text[: mark.start()])  # type: ignore[union-attr]
            current["decision"].append(text[mark.end() :])  # type: ignore[union-attr]
            current["decided"] = True
        if current["decided"]:
            points = [int(p) for p in _POINT.findall(text[mark.end() :] if mark else text)]
            current["points"] = max([int(current["points"]), *points])  # type: ignore[call-overload]
        elif text:
            current["title"].append(text)  # type: ignore[union-attr]
            # Without "Besluit:" marks the block after the title is the decision (its points are not items).
            current["decided"] = not marked
        previous = (text, start, page, current)
    out = []
    for item in items:
        if not item["decided"]:
            continue  # an agenda heading ("5.b Sociaal Domein") or an item without a decision
        title = re.sub(r"\s+", " ", " ".join(item["title"])).strip()  # type: ignore[arg-type]
        decision = re.sub(r"\s+", " ", " ".join(item["decision"])).strip()  # type: ignore[arg-type]
        if not marked and not decision:  # title and decision in one block: "<title> 1. De raad voor te stellen ..."
            title, _, rest = title.partition(" 1. ")
            decision = f"1. {rest}" if rest else ""
        if not marked and not _DECIDES.search(decision):
            continue  # a heading ("5.a Financiën, Economie en Sport") in a list without "Besluit:" marks
        if not title or not decision:
            continue
        start, end = int(item["start"]), int(item["end"])  # type: ignore[call-overload]
        numbers = list(dict.fromkeys(normalize(m.group(0)) for m in find_all(f"{title} {decision}")))
        out.append(
            Decision(
                date=doc.date,
                omschrijving=title,
                zaaknummer=numbers[0] if numbers else "",
                kind=decision_kind(title, default="collegebesluit" if body == "college" else "besluit"),
                body=body,
                sources=[Source(doc.doc_id, doc.title, item["page"], doc.text[start:end].strip(), start)],  # type: ignore[arg-type]
                besluit=decision,
                agenda=str(item["agenda"]),
                zaaknummers=numbers,
            )
        )
    return out
