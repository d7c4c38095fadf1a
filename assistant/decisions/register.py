"""The register: records merged into decisions, stored in SQLite next to the index, and queried.

Records about the same decision are merged: the same agenda item of the same meeting (a besluitenlijst published
twice), or, for decisions that documents mention, the same zaaknummer or the same subject. Disagreeing dates are
kept side by side as a conflict instead of choosing one silently.

Example:
    >>> from pathlib import Path
    >>> from assistant.ingest import load_corpus
    >>> register = DecisionRegister.build(load_corpus(Path("corpus")).documents)
    >>> [d.date for d in register.query(zaak="Z/24/244510")]
    ['2024-06-20']
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import asdict
from pathlib import Path

from ..schema import Document
from ..text import terms
from ..zaaknummer import same as same_zaak
from .extract import extract_decisions, extract_meeting, key_terms
from .records import Decision, Meeting, Source, display_date

#: Bump when the stored columns change; an older register file is rebuilt from the documents.
SCHEMA = 2


def version() -> str:
    """The stored layout and the code that extracts decisions: a register written by other code is rebuilt."""
    digest = hashlib.sha256(str(SCHEMA).encode())
    here = Path(__file__).parent
    for module in ("extract.py", "register.py", "records.py", "../zaaknummer.py", "../vocabulary.py"):
        digest.update((here / module).read_bytes())
    return digest.hexdigest()[:16]


def _compatible(a: str, b: str) -> bool:
    """Dates agree when one is the other at a coarser precision (2023 ~ 2023-12 ~ 2023-12-19)."""
    return a.startswith(b) or b.startswith(a)


def _same_subject(a: Decision, b: Decision) -> bool:
    if a.zaaknummer and b.zaaknummer:
        return same_zaak(a.zaaknummer, b.zaaknummer)
    ka, kb = key_terms(a.omschrijving), key_terms(b.omschrijving)
    if not ka or not kb:
        return False
    small, large = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return small == large or (small <= large and any(len(t) >= 8 for t in small))


def _item_key(d: Decision) -> tuple[str, str, str]:
    return (d.date, d.agenda, " ".join(sorted(key_terms(d.omschrijving)))[:80])


def merge(records: list[Decision]) -> list[Decision]:
    """Group records of the same decision; disagreeing dates become conflicts, each with its source.

    Agenda items are only merged with the same item of the same meeting (a list published twice): two meetings
    deciding on one case took two decisions.
    """
    merged: list[Decision] = []
    items: dict[tuple[str, str, str], Decision] = {}
    mentioned: list[Decision] = []
    for record in records:
        if record.agenda:
            target = items.get(_item_key(record))
            if target is None:
                record.dates = [record.date]
                items[_item_key(record)] = record
                merged.append(record)
            else:
                target.sources.extend(s for s in record.sources if s.doc_id not in {x.doc_id for x in target.sources})
            continue
        target = next((m for m in mentioned if _same_subject(m, record)), None)
        if target is None:
            record.dates = [record.date]
            mentioned.append(record)
            merged.append(record)
            continue
        target.sources.extend(record.sources)
        target.dates.append(record.date)
        target.zaaknummer = target.zaaknummer or record.zaaknummer
        target.body = target.body or record.body
        if len(record.date) > len(target.date) and _compatible(record.date, target.date):
            target.date = record.date  # the most precise agreeing date
    for m in mentioned:
        distinct = sorted(set(m.dates))
        clashes = [d for d in distinct if not all(_compatible(d, other) for other in distinct)]
        if clashes:
            per_source = [
                f"{display_date(d)} volgens {s.title} (p. {s.page})" for d, s in zip(m.dates, m.sources, strict=True)
            ]
            m.conflicts = [f"De bronnen noemen verschillende data: {'; '.join(per_source)}."]
    return sorted(merged, key=lambda d: (d.date, d.agenda, d.omschrijving))


class DecisionRegister:
    """All decisions and meetings of the corpus, with filters for the CLI, the Besluiten tab and the chat."""

    def __init__(self, decisions: list[Decision], meetings: list[Meeting] | None = None) -> None:
        self.decisions = decisions
        self.meetings = meetings or []

    @classmethod
    def build(cls, documents: list[Document]) -> DecisionRegister:
        records = [r for doc in documents for r in extract_decisions(doc)]
        meetings: dict[tuple[str, str], Meeting] = {}
        for doc in documents:
            meeting = extract_meeting(doc)
            if meeting is not None:
                meetings.setdefault((meeting.date, meeting.body), meeting)  # the same meeting published twice
        return cls(merge(records), sorted(meetings.values(), key=lambda m: m.date))

    def query(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        zaak: str | None = None,
        q: str | None = None,
        body: str | None = None,
    ) -> list[Decision]:
        """Decisions in a period (ISO prefixes, inclusive), with a zaaknummer (any written form), about words."""
        out = []
        q_terms = set(terms(q)) if q else set()
        for d in self.decisions:
            if since and d.date[: len(since)] < since:
                continue
            if until and d.date[: len(until)] > until:
                continue
            if zaak and not any(_zaak_matches(zaak, z) for z in [d.zaaknummer, *d.zaaknummers] if z):
                continue
            if body and d.body != body:
                continue
            if q_terms:
                doc_terms = set(terms(d.text + " " + " ".join(s.quote for s in d.sources)))
                # Compounds count: "jeugd" finds "jeugdhulp" and "Regioprogramma Jeugd".
                if not any(u == t or (len(t) >= 4 and u.startswith(t)) for t in q_terms for u in doc_terms):
                    continue
            out.append(d)
        return out

    def meeting_on(self, date: str) -> Meeting | None:
        return next((m for m in self.meetings if m.date == date), None)

    # -- storage ----------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """SQLite next to the index: one row per decision and per meeting, sources and conflicts as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE meta (version TEXT)")
            db.execute("INSERT INTO meta VALUES (?)", (version(),))
            db.execute(
                "CREATE TABLE decisions (date TEXT, omschrijving TEXT, zaaknummer TEXT, kind TEXT, body TEXT, "
                "sources TEXT, conflicts TEXT, besluit TEXT, agenda TEXT, zaaknummers TEXT)"
            )
            db.executemany(
                "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (d.date, d.omschrijving, d.zaaknummer, d.kind, d.body,
                     json.dumps([asdict(s) for s in d.sources], ensure_ascii=False),
                     json.dumps(d.conflicts, ensure_ascii=False), d.besluit, d.agenda,
                     json.dumps(d.zaaknummers, ensure_ascii=False))
                    for d in self.decisions
                ],
            )  # fmt: skip
            db.execute("CREATE TABLE meetings (data TEXT)")
            db.executemany(
                "INSERT INTO meetings VALUES (?)",
                [(json.dumps(m.to_json(), ensure_ascii=False),) for m in self.meetings],
            )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> DecisionRegister:
        """The stored register; ``RegisterOutdated`` when the file is of an older layout (rebuild it)."""
        with sqlite3.connect(path) as db:
            try:
                stored = db.execute("SELECT version FROM meta").fetchone()
            except sqlite3.OperationalError:  # written before the register kept its version
                stored = None
            if stored is None or stored[0] != version():
                raise RegisterOutdated(path)
            rows = db.execute("SELECT * FROM decisions").fetchall()
            meetings = [Meeting(**json.loads(data)) for (data,) in db.execute("SELECT data FROM meetings")]
        decisions = [
            Decision(
                date,
                oms,
                zaak,
                kind,
                body,
                [Source(**s) for s in json.loads(src)],
                json.loads(conf),
                [date],
                besluit,
                agenda,
                json.loads(numbers),
            )
            for date, oms, zaak, kind, body, src, conf, besluit, agenda, numbers in rows
        ]
        return cls(decisions, meetings)


class RegisterOutdated(Exception):
    """The register file was written by an older version; it is rebuilt from the documents."""


def subject_words(text: str) -> frozenset[str]:
    """Stemmed subject words of a text (for matching a question to decisions), as ``key_terms``."""
    return key_terms(re.sub(r"\s+", " ", text))


def _zaak_matches(asked: str, zaaknummer: str) -> bool:
    """Any written form of the number, or only its last part as staff often type it ("301360")."""
    asked = asked.strip()
    if asked.isdigit():
        return asked in zaaknummer.split("/")
    return same_zaak(asked, zaaknummer)
