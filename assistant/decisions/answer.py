"""Chat answers from the decisions register, for the questions staff ask about past decisions.

- "Wanneer besloot het college over <onderwerp>?": the best matching decision, its meeting date first.
- "Wat besloot het college op <datum> over <onderwerp>?": that meeting's decisions, the matching one first.
- "Welke besluiten nam het college in <maand jaar> (over <onderwerp>)?": a list; "sinds 2023" works too.
- "Waar ging Z/25/101450 over?" / "Bij welke vergadering hoort 25/101450?": with or without prefix or kenmerk.
- "Wie zat de vergadering van <datum> voor?" / "Wie was afwezig op <datum>?": the meeting's header.

The subject is matched to the decisions' onderwerp and decision text with the same means as the passages: stemmed
words weighted by how rare they are among the decisions, and the hybrid search over the passages (a decision whose
text lies in a top passage scores higher). A register question the register cannot answer returns ``None``, so
the pipeline answers from the passages instead: never a dead end.

Example:
    >>> from pathlib import Path
    >>> from assistant.ingest import load_corpus
    >>> from assistant.decisions import DecisionRegister
    >>> docs = load_corpus(Path("corpus")).documents
    >>> register = DecisionRegister.build(docs)
    >>> answer_decision_question("Waar gaat Z/24/244510 over?", register, []).answer.splitlines()[0]
    'Het besluitenregister vindt 1 besluit:'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..answerability import Thesaurus, in_compound, parts_found, question_terms
from ..dates import MONTHS, days_in
from ..query import Query, analyse
from ..schema import Answer, Chunk, Citation, Hit
from ..text import terms
from ..vocabulary import acting_gemeente, deciding_body, gemeenten_in, meeting_roles_in, names_item, numbered_items
from ..zaaknummer import find_all, identifiers, normalize
from ..zaaknummer import same as same_zaak
from .extract import key_terms
from .records import Decision, Meeting, Source, both_dates, display_date
from .register import DecisionRegister

_MONTH_NAMES = "|".join(MONTHS)
_DECISION_WORDS = re.compile(
    r"\b(besluit\w*|beslis\w*|besloot|besloten|vastgesteld|vastgestelde|goedgekeurd|genomen|ingestemd|"
    r"akkoord\s+gegaan|behandeld|vergadering|stelde|stelden|nam|namen|keurde|voorgedragen|benoemd|benoemde|"
    r"beantwoord|beantwoordde)\b",
    re.I,
)
_Q_MONTH = re.compile(rf"\b(?:in\s+)?({_MONTH_NAMES})\s+((?:19|20)\d{{2}})\b", re.I)
_Q_SINCE = re.compile(r"\b(?:sinds|vanaf|na)\s+((?:19|20)\d{2})\b", re.I)
_Q_YEAR = re.compile(r"\bin\s+((?:19|20)\d{2})\b", re.I)
_Q_WHEN = re.compile(
    r"\b(wanneer|welke\s+datum|op\s+welke\s+dag|in\s+welke\s+vergadering|bij\s+welke\s+vergadering)\b", re.I
)
_Q_CHAIR = re.compile(r"\b(voorzitter|voorgezeten|zat\b.*\bvoor\b|leidde)\b", re.I)
_Q_ABSENT = re.compile(r"\b(afwezig\w*|niet\s+aanwezig|ontbrak|ontbraken|verhinderd)\b", re.I)
_Q_WHO = re.compile(r"\bwie\b", re.I)
_Q_PRESENT = re.compile(r"\b(aanwezig\w*|waren\s+er|zaten\s+er)\b", re.I)
#: Words of a register question that say what is asked, not about which subject ("Welke besluiten nam het college").
DECISION_FRAME = frozenset(
    terms(
        "college burgemeester wethouders b&w raad gemeenteraad besluit besluiten besloot besloten beslissing genomen "
        "vastgesteld vergadering collegevergadering welke wanneer waarover over datum maand jaar nam namen "
        "ingestemd goedgekeurd behandeld waar ging gaat zaak zaaknummer hoort kenmerk registratie sinds vanaf tussen "
        "periode genomen nam stelde stelden vast keurde goed voorgedragen"
    )
)
#: A subject match needs at least this share (IDF-weighted) of the question's subject words in the decision.
MIN_COVERAGE = 0.5
#: ... and the decision's own subject words must be asked about for this share, unless the question's subject is
#: found nearly whole (the match may be in the decision text rather than its title).
MIN_SUBJECT_SHARE = 0.5
SURE_MATCH = 0.8
#: Decisions of one day that score within this of the best one are all answered.
SAME_DAY_MARGIN = 0.1
MAX_LISTED = 10
#: Characters of decision text shown: one decision (what exactly was decided), a few, a long list.
SINGLE_LIMIT = 1500
FEW = 4
LIST_LIMIT_FEW = 420
LIST_LIMIT = 240

Search = Callable[[str], Any]


def _other_gemeente(decision: Decision, gemeente: str) -> bool:
    """Whether the decision was taken in another gemeente than ``gemeente``, by the gemeenten its sources' titles
    name ("Besluitenlijst B&W Wassenaar ..."); a source that names none does not tell."""
    if not gemeente:
        return False
    held = {g for s in decision.sources for g in gemeenten_in(s.title)}
    return bool(held) and gemeente not in held


def answer_decision_question(
    question: str, register: DecisionRegister, chunks: list[Chunk], search: Search | None = None
) -> Answer | None:
    """A register answer with citations and any conflicts; ``None``: not a register question, or one the register
    cannot answer (the passages are tried next)."""
    if not register.decisions and not register.meetings:
        return None
    iso = next(iter(days_in(question)), None)
    if iso and is_meeting_question(question):
        meeting = register.meeting_on(iso)
        return _meeting_answer(question, meeting, chunks) if meeting else None
    zaak = next(find_all(question), None)
    if zaak:
        found = register.query(zaak=zaak.group(0))
        if found:
            return _list_answer(question, found, chunks, around=zaak.group(0))
        meetings = [m for m in register.meetings if m.zaaknummer and same_zaak(m.zaaknummer, zaak.group(0))]
        return _meetings_answer(question, normalize(zaak.group(0)), meetings, chunks) if meetings else None
    codes = identifiers(question)
    if codes:  # "In welk besluit wordt nr. 06078 genoemd?": the decisions that name it, with date and topic; else none
        named = _naming(register.decisions, codes)
        return _list_answer(question, named, chunks, around=codes[0]) if named else None
    items = numbered_items(question)
    if items:  # "Over welk onderwerp ging toezegging 498?": the decisions that name it by its number; else the passages
        named = [d for d in register.decisions if any(names_item(d.text, *i) for i in items)]
        return _list_answer(question, named, chunks, around=items[0][1]) if named else None
    if not _DECISION_WORDS.search(question) and not (_Q_WHEN.search(question) and register.meetings):
        return None
    query = analyse(question)
    subject = _subject_terms(question, query)
    ranker = _Ranker(register, question, subject, search)
    # "Wanneer heeft de gemeenteraad ... vastgesteld?": the college's decision on the subject (to propose it to the
    # raad, or its own part) does not answer what another body decided; the passages are tried instead.
    body, other = deciding_body(question), acting_gemeente(question)
    # "Per wanneer is ... gepland volgens ons beleidsplan?": what that kind of document says, not a register record
    # from a besluitenlijst or an AB-bundel.
    named_kinds = query.doc_types
    kind_of = {c.doc_id: c.doc_type for c in chunks} if named_kinds else {}

    def of_body(found: list[Decision]) -> list[Decision]:
        # "Op welke datum heeft de gemeente Katwijk ... ingetrokken?": a besluitenlijst of another gemeente reports it
        # but did not decide it.
        return [
            d
            for d in found
            if (not body or d.body in (body, ""))
            and not _other_gemeente(d, other)
            and (not named_kinds or any(kind_of.get(src.doc_id) in named_kinds for src in d.sources))
        ]

    decisions = of_body(register.decisions)
    if iso:
        on_day = [d for d in decisions if d.date == iso]
        if not on_day:
            return None
        if not subject:
            return _list_answer(question, on_day, chunks)
        ranked = ranker.rank(on_day)
        if not ranked or ranked[0][0] < MIN_COVERAGE:
            return None
        # Two decisions of that day on the subject ("Structurele inbedding Internationale Taalklas" and "Huisvesting
        # taalklas"): both, in agenda order; one clearly best: that one, its meeting date first.
        close = [d for score, d in ranked if score >= MIN_COVERAGE and score >= ranked[0][0] - SAME_DAY_MARGIN]
        if len(close) > 1:
            return _list_answer(question, sorted(close, key=lambda d: d.agenda), chunks)
        return _single_answer(question, ranked[0][1], chunks)
    month = _Q_MONTH.search(question)
    since = _Q_SINCE.search(question)
    year = _Q_YEAR.search(question)
    if month or since or year:
        if month:
            lo = hi = f"{month.group(2)}-{MONTHS[month.group(1).lower()]:02d}"
        else:
            lo = since.group(1) if since else year.group(1)  # type: ignore[union-attr]
            hi = None if since else lo
        period = of_body(register.query(since=lo, until=hi))
        # "Welke besluiten over jeugdhulp en jeugdbeleid ...": a decision on either subject belongs in the list.
        found = (
            [d for score, d in ranker.rank(period, _coordinated(question)) if score >= MIN_COVERAGE]
            if subject
            else period
        )
        found.sort(key=lambda d: (d.date, d.agenda))
        return _list_answer(question, found, chunks) if found else None
    if not subject:
        return None
    ranked = ranker.rank(decisions)
    if not ranked or ranked[0][0] < MIN_COVERAGE:
        return None
    best = ranked[0][1]
    # Both ways: the question is about the decision's subject, not only sharing words with it ("de informatienota
    # over het robuust sociaal team" names a source, while the question asks about the Regioprogramma Jeugd).
    own = key_terms(best.omschrijving)
    asked = set(subject)
    shared = sum(1 for t in own if any(_found(t, frozenset({a})) or _found(a, frozenset({t})) for a in asked))
    if ranked[0][0] < SURE_MATCH and own and shared < MIN_SUBJECT_SHARE * len(own):
        return None
    if _Q_WHEN.search(question) or best.agenda:
        return _single_answer(question, best, chunks)
    return _list_answer(question, [best], chunks)


def _naming(decisions: list[Decision], codes: list[str]) -> list[Decision]:
    """The decisions whose subject or text names one of ``codes`` (a plan identification, "nr. 130111")."""
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(c) for c in codes) + r")(?![\w-])", re.I)
    return [d for d in decisions if pattern.search(d.text)]


def is_meeting_question(question: str) -> bool:
    """ "Wie zat de vergadering van 3 september 2024 voor en wie waren afwezig?": the header of one meeting."""
    return bool(days_in(question)) and bool(
        _Q_CHAIR.search(question) or _Q_ABSENT.search(question) or _Q_PRESENT.search(question) or _asks_role(question)
    )


def _asks_role(question: str) -> bool:
    """ "Wie trad op als loco-secretaris?": who filled a role at the meeting, which its list of those present says."""
    return bool(_Q_WHO.search(question)) and bool(meeting_roles_in(question))


def _subject_terms(question: str, q: Query | None = None) -> tuple[str, ...]:
    """The words of what was decided (``q``: the question already analysed, to do it once)."""
    q = q or analyse(question)
    # "Wanneer besloot de gemeente Wassenaar over ...": the gemeente that decided is not what it decided about.
    acting = set(terms(f"gemeente {g}")) if (g := acting_gemeente(question)) else set()
    subject = (t for t in q.focus if t not in DECISION_FRAME and t not in _MONTH_STEMS and t not in acting)
    return tuple(t for t in subject if not re.fullmatch(r"\d+", t))


_MONTH_STEMS = frozenset(terms(" ".join(MONTHS)))


class _Ranker:
    """Scores decisions against the subject of a question: IDF-weighted share of the subject words found in the
    decision (compounds count half), plus a bonus when the hybrid search ranks a passage holding the decision high."""

    def __init__(self, register: DecisionRegister, question: str, subject: tuple[str, ...], search: Search | None):
        self.register = register
        self.subject = subject
        self.df = register_document_frequencies(register)
        self.n = max(1, len(register.decisions))
        self.passages: list[Chunk] = []
        self.thesaurus, self.asked = Thesaurus.load(), question_terms(question)
        if search is not None and subject:
            self.passages = [h.chunk for h in search(question).hits[:10]]

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def rank(
        self, decisions: list[Decision], alternatives: list[tuple[str, ...]] | None = None
    ) -> list[tuple[float, Decision]]:
        """Decisions best first. With ``alternatives`` (the subjects of a coordination) a decision scores the best
        of covering the whole subject or one of them."""
        subjects = [self.subject, *(alternatives or [])]
        weights = {t: self.idf(t) for subject in subjects for t in subject}
        scored = []
        for d in decisions:
            words = _decision_terms(d)
            # As for passages: a subject word counts (less) when the decision uses the field's synonym for it.
            found = {t: max(_found(t, words), self.thesaurus.covered(t, self.asked, words)) for t in weights}
            covered = max(
                sum(weights[t] * found[t] for t in subject) / (sum(weights[t] for t in subject) or 1.0)
                for subject in subjects
            )
            bonus = 0.0
            for rank, chunk in enumerate(self.passages):
                if any(s.doc_id == chunk.doc_id and chunk.start <= s.offset < chunk.end for s in d.sources):
                    bonus = 0.15 / (1 + rank)
                    break
            scored.append((covered + bonus, d))
        scored.sort(key=lambda x: -x[0])
        return scored


def _coordinated(question: str) -> list[tuple[str, ...]]:
    """The subjects of "... over jeugdhulp en jeugdbeleid ..." one by one; [] when the question coordinates none
    (only the topic after "over" is read: in "benoemingen gedaan of aan de raad voorgesteld" verbs are joined)."""
    topic = re.search(r"\bover\s+(.+)", question, re.I)
    parts = [_subject_terms(p) for p in re.split(r"\s+(?:en|of)\s+", topic.group(1))] if topic else []
    return parts if len(parts) > 1 and all(parts) else []


def _decision_terms(d: Decision) -> frozenset[str]:
    return _text_terms(d.text)


@lru_cache(maxsize=1 << 16)
def _text_terms(text: str) -> frozenset[str]:
    """Keyed by the text, not by the object: a rebuilt register's new decisions may get the ids of freed ones (the
    old cache then gave a decision the words of another, and grew with every rebuild)."""
    return frozenset(terms(text))


def _found(term: str, words: frozenset[str]) -> float:
    """``answerability.term_found`` without its head rule: a decision's onderwerp names its subject exactly, so
    "Damoclesbeleid" asked is not matched by any "beleid" (with the head rule, "Wat besloot het college in 2023 over
    het Damoclesbeleid?" listed six unrelated decisions: measured on the staff dev halves)."""
    if term in words:
        return 1.0
    if len(term) >= 5 and in_compound(term, words):
        return 0.5
    return 0.5 if parts_found(term, words) else 0.0  # two parts of four letters or more


def register_document_frequencies(register: DecisionRegister) -> dict[str, int]:
    cached = getattr(register, "_df", None)
    if cached is None:
        cached = {}
        for d in register.decisions:
            for t in _decision_terms(d):
                cached[t] = cached.get(t, 0) + 1
        register._df = cached  # type: ignore[attr-defined]
    return cached


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


class _Citer:
    """Numbered citations of register sources: the passage that holds the source, quoting what of it is there."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.by_doc: dict[str, list[Chunk]] = {}
        for c in chunks:
            self.by_doc.setdefault(c.doc_id, []).append(c)
        self.citations: list[Citation] = []
        self.chunks: list[Chunk] = []

    def cite(self, doc_id: str, quote: str, offset: int) -> str:
        chunk = self._chunk(doc_id, quote, offset)
        if chunk is None:
            return ""
        if offset >= 0 and quote not in chunk.text:
            quote = chunk.text[max(0, offset - chunk.start) :][: len(quote)].strip() or quote
        quote = quote if quote in chunk.text else chunk.text[:200]
        existing = next((c for c in self.citations if c.chunk_id == chunk.chunk_id and c.quote == quote), None)
        if existing is None:
            existing = Citation.from_chunk(len(self.citations) + 1, chunk, quote)
            self.citations.append(existing)
            self.chunks.append(chunk)
        return f"[{existing.n}]"

    def cite_all(self, sources: list[Source]) -> str:
        """Marks for every source, and for a decision that runs onto the next page also the passage where it ends
        (its last points are often what was asked)."""
        marks = []
        for s in sources:
            marks.append(self.cite(s.doc_id, s.quote, s.offset))
            end = s.offset + len(s.quote) - 1
            last = self._chunk(s.doc_id, "", end) if s.offset >= 0 else None
            if last is not None and not last.start <= s.offset < last.end and last.page_start != s.page:
                tail = last.text[: max(0, end - last.start + 1)].strip()
                marks.append(self.cite(s.doc_id, tail, last.start + last.text.find(tail)) if tail else "")
        return " ".join(dict.fromkeys(m for m in marks if m))

    def _chunk(self, doc_id: str, quote: str, offset: int) -> Chunk | None:
        candidates = self.by_doc.get(doc_id, [])
        if offset >= 0:
            inside = [c for c in candidates if c.start <= offset < c.end]
            if inside:
                return inside[0]
        return next((c for c in candidates if quote and quote in c.text), None)

    def answer(self, question: str, text: str) -> Answer:
        retrieved = [Hit(c, 1.0, {"register": 1}) for c in dict.fromkeys(self.chunks)]
        return Answer(question, text, self.citations, retrieved, answerer="besluitenregister")


def _who(d: Decision) -> str:
    return {"college": "het college", "raad": "de raad", "regio": "de gemeenteraden in de regio"}.get(d.body, "")


def _short(text: str, limit: int = 300, around: str = "") -> str:
    """At most ``limit`` characters at word boundaries; with ``around`` (a zaaknummer the question asks about) the
    part of a long decision that mentions it, which is what was asked."""
    if len(text) <= limit:
        return text
    at = _mention(text, around) if around else -1
    if at > limit // 2:
        start = text.rfind(" ", 0, at - limit // 3) + 1
        piece = text[start : start + limit - 2]
        return "… " + (piece.rsplit(" ", 1)[0] if start + limit - 2 < len(text) else piece) + " …"
    return text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _mention(text: str, zaak: str) -> int:
    """Where ``text`` names the zaaknummer (in any written form), or -1."""
    return next((m.start() for m in find_all(text) if same_zaak(m.group(0), zaak)), -1)


def _single_answer(question: str, d: Decision, chunks: list[Chunk]) -> Answer:
    """ "Op 10 juni 2025 (10-06-2025) besloot het college over “...”: <besluit> [1]" — the date first."""
    citer = _Citer(chunks)
    marks = citer.cite_all(d.sources)
    who = _who(d) or "het bestuur"
    when = both_dates(d.date)
    prefix = "Op" if len(d.date) == 10 else "In"
    head = f"{prefix} {when} besloot {who} over “{d.omschrijving}”"
    text = f"{head}: {_short(d.besluit, SINGLE_LIMIT)} {marks}".rstrip() if d.besluit else f"{head}. {marks}".rstrip()
    details = [f"agendapunt {d.agenda}" if d.agenda else "", f"zaaknummer {d.zaaknummer}" if d.zaaknummer else ""]
    details = [x for x in details if x]
    if details:
        text += f"\n\n({', '.join(details)}; {d.sources[0].title})"
    if d.conflicts:
        text += f"\n\nLet op: {d.conflicts[0]}"
    return citer.answer(question, text)


def _list_answer(question: str, found: list[Decision], chunks: list[Chunk], around: str = "") -> Answer:
    citer = _Citer(chunks)
    lines = []
    # A few decisions are shown with more of their text than a long list (which a phone user scrolls).
    limit = LIST_LIMIT_FEW if len(found) <= FEW else LIST_LIMIT
    for d in found[:MAX_LISTED]:
        marks = citer.cite_all(d.sources)
        zaaknr = f", zaaknummer {d.zaaknummer}" if d.zaaknummer else ""
        what = f"{d.omschrijving}" + (f" — {_short(d.besluit, limit, around)}" if d.besluit else "")
        line = f"- {both_dates(d.date)}: {what} ({d.kind}{zaaknr}) {marks}".rstrip()
        if d.conflicts:
            line += f"\n  Let op: {d.conflicts[0]}"
        lines.append(line)
    intro = f"Het besluitenregister vindt {len(found)} besluit{'en' if len(found) != 1 else ''}:"
    more = f"\n(en nog {len(found) - MAX_LISTED} meer)" if len(found) > MAX_LISTED else ""
    return citer.answer(question, intro + "\n" + "\n".join(lines) + more)


def _meeting_answer(question: str, m: Meeting, chunks: list[Chunk]) -> Answer:
    citer = _Citer(chunks)
    mark = citer.cite(m.doc_id, m.quote, m.offset)
    who = {"college": "De collegevergadering", "raad": "De raadsvergadering"}.get(m.body, "De vergadering")
    lines = []
    # A role asked ("wie trad op als loco-secretaris") stands in the list of those present ("loco gemeentesecretaris").
    role = _asks_role(question) and any(re.search(r, m.aanwezigen or "", re.I) for r in meeting_roles_in(question))
    if _Q_CHAIR.search(question) or not (_Q_ABSENT.search(question) or _Q_PRESENT.search(question) or role):
        lines.append(_header_line("Voorzitter", m.voorzitter, "geen voorzitter"))
    if _Q_ABSENT.search(question):
        lines.append(_header_line("Afwezig", m.afwezigen, "geen afwezigen"))
    if (_Q_PRESENT.search(question) and not _Q_ABSENT.search(question)) or role:
        lines.append(_header_line("Aanwezig", m.aanwezigen, "geen aanwezigen"))
    # The asked roles open the answer under the meeting's date, so the first thing read holds both.
    body = "\n".join(f"- {line}" for line in lines)
    return citer.answer(question, f"{who} van {both_dates(m.date)}:\n{body} {mark}".rstrip())


def _header_line(label: str, value: str, missing: str) -> str:
    """ "Afwezig: wethouder W. Koetsier." (one full stop), or that the list names none."""
    return f"{label}: {value.rstrip('.')}." if value else f"De besluitenlijst noemt {missing}."


def _meetings_answer(question: str, zaak: str, meetings: list[Meeting], chunks: list[Chunk]) -> Answer:
    """A registration number that names meetings (the "Join registratie" of a besluitenlijst), not a decision."""
    citer = _Citer(chunks)
    lines = [f"- {both_dates(m.date)}: {m.title} {citer.cite(m.doc_id, m.quote, m.offset)}".rstrip() for m in meetings]
    what = "de vergadering" if len(meetings) == 1 else f"{len(meetings)} vergaderingen"
    return citer.answer(question, f"Zaaknummer {zaak} hoort bij {what}:\n" + "\n".join(lines[:MAX_LISTED]))


__all__ = ["answer_decision_question", "display_date", "normalize"]
