"""Verbatim spans for the answer: the asked fact inside a quoted sentence, and lists that follow a colon.

The lead of an answer ("11 gemeenten", "€ 464.000", "1 januari 2026") must never be a paraphrase: it is a
slice of the cited sentence, found by the kind of fact the question asks for, nearest to the words the
question and the sentence share.

Example:
    >>> s = "Hier doen 11 gemeenten uit regio aan mee, waaronder Wijchen."
    >>> start, end = lead_span("count", s, ["gemeent"])
    >>> s[start:end]
    '11 gemeenten'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise

from .answerability import MONTHS, is_duration, time_stems
from .dates import days_in, outside_days, years_in
from .tables import CELL_SEPARATOR, parse_row_sentence
from .text import LIST_ITEM, announces, is_acronym, terms, words
from .vocabulary import gemeenten_in

_QUALIFIER = r"(?:(?:ongeveer|circa|ca\.|ruim|bijna|zo'n|zo’n|meer\s+dan|minder\s+dan|maximaal|minimaal|"
_QUALIFIER += r"gemiddeld|totaal|in\s+totaal|tenminste|ten\s+minste|minstens|nog|slechts|al)\s+)?"
_NUMBER = r"\d+(?:[.,]\d+)*(?:,-)?"
#: Numbers in words, a collective number ("een vijftal medewerkers", "een tiental gemeenten") among them.
_WORD_NUMBER = (
    r"(?:(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|veertig|vijftig|honderd)tal|"
    r"één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|"
    r"veertig|vijftig|honderd|duizend|tientallen|honderden|duizenden)"
)
_SCALE = r"(?:\s*(?:miljoen|miljard|mln\.?|mld\.?|k|duizend))?"
_MONEY = re.compile(rf"{_QUALIFIER}(?:€\s?-?{_NUMBER}{_SCALE}|{_NUMBER}{_SCALE}\s*(?:euro|EUR)\b)", re.I)
_PERCENT = re.compile(
    rf"{_QUALIFIER}(?:{_NUMBER}\s?(?:%|procent\b|procentpunt\w*)|de\s+helft|een\s+derde|een\s+kwart)", re.I
)
_DURATION = re.compile(
    rf"{_QUALIFIER}(?:{_NUMBER}|{_WORD_NUMBER})\s+(?:jaar|jaren|maanden|maand|weken|week|dagen|dag|uur|uren|"
    r"minuten|kwartalen|kwartaal)\b",
    re.I,
)
_FREQUENCY = re.compile(
    rf"(?:{_NUMBER}|{_WORD_NUMBER}|een)\s*(?:keer|maal)\s+(?:per|in\s+de|per\s+\w+)\s+\w+|"
    r"\b(?:jaarlijks|maandelijks|wekelijks|dagelijks|halfjaarlijks|tweejaarlijks|eens\s+per\s+\w+(?:\s+jaar)?)\b",
    re.I,
)
#: A number or a range of numbers ("0,5-1 miljoen", "10–15%"), never a part of one ("0" of "0,5-1"), never a
#: period ("2023-2026").
_RANGE = rf"(?!(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d)(?:{_NUMBER}(?:\s?[-–]\s?{_NUMBER})?(?![.,]?\d))"
#: A proportion is one quantity: "1 op de 4 inwoners", "Eén op de zeven mannen", never its "4 inwoners".
_PROPORTION = rf"(?:{_NUMBER}|{_WORD_NUMBER}|e[eé]n)\s+op\s+(?:de\s+)?(?:{_NUMBER}|{_WORD_NUMBER})(?![\w.,]\d)"
_COUNT = re.compile(
    rf"{_QUALIFIER}(?<![\w.,/-])(?<!versie\s)(?:{_PROPORTION}|{_RANGE}|{_WORD_NUMBER})"
    r"(?![\w/])(?![-/]\d)(?:\s*%|\s+procent)?"
    r"(?:\s+(?!(?:en|of|in|op|de|het|een|van|voor|per|tot|te|die|dat|is|zijn|was|waren|wordt|worden|met|aan|"
    r"bij|uit|door|om|als|naar)\b)[a-zà-ÿ][\w’'-]+(?!\w)(?!\.\w))?",  # "Er was 1 melding."; not "m.u.v."
    re.I,
)
_DATE = re.compile(
    rf"(?:(?:per|vanaf|sinds|tot|voor|na|in|op|eind|begin|medio|half|uiterlijk)\s+)?"
    rf"(?:\d{{1,2}}\s+(?:{MONTHS})\.?\s+(?:19|20)\d\d|(?:{MONTHS})\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{MONTHS})\b|"
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d\d|(?:(?:het|de)\s+)?(?:voorjaar|najaar|zomer|winter)(?:\s+van)?\s+(?:19|20)\d\d|"
    rf"(?:(?:eerste|tweede|derde|vierde)\s+kwartaal|Q[1-4])\s+(?:van\s+)?(?:19|20)\d\d|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)",
    re.I,
)
#: A person is often named by initials ("N.M. Nieuwenhuizen", "J. de Vries"): the initials' dots belong to the name.
_NAME = re.compile(
    r"(?<![\w])(?:(?:[A-Z]\.)+\s+(?:(?:van|de|der|den|ter|ten)\s+)*(?=[A-Z]))?"
    r"[A-Z][\w’'&-]*(?:\.[A-Z][\w’'&-]*)*(?:\s+(?:van\s+|de\s+|der\s+|den\s+|voor\s+|&\s+|op\s+)?"
    r"[A-Z][\w’'&-]*(?:\.[A-Z][\w’'&-]*)*)*"
)
PATTERNS = {
    "amount": _MONEY,
    "percentage": _PERCENT,
    "duration": _DURATION,
    "frequency": _FREQUENCY,
    "count": _COUNT,
    "date": _DATE,
    "who": _NAME,
}
#: Kinds whose span falls back to a plain count when the specific pattern finds nothing.
_FALLBACK = {"amount": "count", "percentage": "count", "duration": "count", "frequency": "count"}
MAX_LEAD_CHARS = 60
#: "(bedragen x € 1.000)": a unit in which a table states its amounts, not an amount (nor, read without its euro
#: sign, a count).
_UNIT = re.compile(r"(?:\bx|\(x)\s*(?:€|EUR|euro)?\s*$", re.I)


def table_cell(
    sentence: str, focus: list[str] | tuple[str, ...], years: tuple[str, ...] = (), document: str = ""
) -> tuple[int, int] | None:
    """In a table row sentence ("Caption — Row — 2024: 1.234; 2025: 1.310"), the value of the column the question
    names (a year, or words of the header such as "begroot na wijziging"); None when it names none of several.

    Words and years with which the question names its ``document`` ("Wat is het saldo ... in de begroting 2026?")
    weigh little: they say which table, not which column ("Saldo", not "Begroting 2026 Lasten"; "T+1 2027" for
    "voor 2027 in de begroting 2026"; "2024 prognose" for "in de GGD-begroting 2025 de prognose 2024"). So do the
    words of the table's caption: "augustus 2024" asked of "Kosten jan. tot en met aug. 2024" names the table, and
    "realisatie kosten", not "begroot 2024", is the gerealiseerde kosten asked.
    """
    scored = _column_scores(sentence, focus, years, document)
    if scored is None:
        return None
    pairs, scores = scored
    if len(pairs) > 1 and max(scores) <= 0:
        return None
    best = max(range(len(pairs)), key=lambda i: (scores[i], -i))
    header, value = pairs[best]
    cell = f"{header}: {value}" if header else value
    rows_part = sentence.rfind(" — ") + 3
    at = sentence.find(cell, rows_part)
    if at < 0:
        return None
    start = at + len(cell) - len(value)
    return start, start + len(value)


def column_fit(
    sentence: str, focus: list[str] | tuple[str, ...], years: tuple[str, ...] = (), document: str = ""
) -> float | None:
    """How well the best column of a table row sentence matches what the question names (see ``table_cell``);
    None for a sentence that is no table row. Of two rows of one indicator in two documents, the one with a column
    "2024 realisatie" answers "2024 realisatie?" better than the one with "2024 begroting" and "2023 realisatie"."""
    scored = _column_scores(sentence, focus, years, document)
    return None if scored is None else max(scored[1], default=0.0)


def _column_scores(
    sentence: str, focus: list[str] | tuple[str, ...], years: tuple[str, ...], document: str
) -> tuple[list[tuple[str, str]], list[float]] | None:
    parsed = parse_row_sentence(sentence)
    if parsed is None:
        return None
    caption, _label, pairs = parsed
    wanted, asked_years = set(focus), set(years)
    named = header_terms(f"{document} {caption}")

    def score(header: str) -> float:
        header_years = years_in(header)  # also "Stand 31-dec-24"
        other_year = 1.0 if asked_years and header_years - asked_years else 0.0
        year_score = sum(0.5 if y in named else 2.0 for y in header_years & asked_years) - other_year
        shared = [t for t in header_terms(header) if t in wanted and not t.isdigit()]
        return year_score + sum(0.25 if t in named else 1.0 for t in shared)

    return pairs, [score(h) for h, _ in pairs]


def header_terms(header: str, stemmer: str = "dutch_porter") -> set[str]:
    """The terms of a column header, with each pair of adjacent words also read as one compound: a narrow column
    wraps "Bestuursbegroting" as "Bestuurs begroting" without a hyphen, and the question writes it whole.

    >>> sorted(header_terms("Bestuurs begroting 2025"))
    ['2025', 'begrot', 'bestur', 'bestuursbegrot']
    """
    tokens = words(header)
    joined = " ".join(a + b for a, b in pairwise(tokens) if a.isalpha() and b.isalpha())
    return set(terms(header, stemmer)) | set(terms(joined, stemmer)) | verb_roots(header)


#: A Dutch verb in -eren and the nouns made of it share a root: "geïnvesteerd" / "investeringen",
#: "gerealiseerde" / "realisatie", "geraamd" aside. Questions ask with the verb, column headers name the noun.
_DERIVED = re.compile(r"^(?:ge)?([a-z]{4,}?)(?:eerde?|eert|eren|eringen|ering|aties|atie)$")


def verb_roots(text: str) -> set[str]:
    """The shared roots of the -eren verbs and their -ering / -atie nouns in ``text``.

    >>> sorted(verb_roots("Hoeveel is er geïnvesteerd en wat is de realisatie?"))
    ['invest', 'realis']
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return {m.group(1) for w in words(folded) if (m := _DERIVED.match(w))}


#: "Tot wanneer ...?" asks for an end date, "sinds/vanaf/per wanneer ...?" for a start: the word before a date in
#: the text says which one it is ("verlengd tot 31 december 2025", "sinds november 2019").
_DATE_QUESTION = re.compile(r"^\s*(tot|sinds|vanaf|per|met\s+ingang\s+van)\s+wanneer\b", re.I)
_END_WORDS = r"tot(?:\s+en\s+met)?|t/m|uiterlijk|eind|einde"
_START_WORDS = r"sinds|vanaf|per|met\s+ingang\s+van|m\.i\.v\.|ingaande"


#: The words right before a date that make it the end / the start of a period.
_END_MARK = re.compile(rf"(?:^|\b)(?:{_END_WORDS})\s*$", re.I)
_START_MARK = re.compile(rf"(?:^|\b)(?:{_START_WORDS})\s*$", re.I)


def date_direction(question: str) -> re.Pattern[str] | None:
    """The words that mark the asked end of a period in a sentence, or None for a plain "wanneer"."""
    m = _DATE_QUESTION.match(question)
    if m is None:
        return None
    return _END_MARK if m.group(1).lower() == "tot" else _START_MARK


#: "Voor welke jaren loopt het akkoord?", "in welke periode": a span of years is asked, not one date in it.
_PERIOD_QUESTION = re.compile(r"\b(welke\s+jaren|welke\s+periode|looptijd)\b", re.I)
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d")


def directed_dates(sentence: str, question: str) -> list[re.Match[str]]:
    """Dates in ``sentence`` with the word the question's "tot/sinds/vanaf/per wanneer" asks for before them; for
    a question after a period ("voor welke jaren"), the year ranges ("in de jaren 2023-2026")."""
    if _PERIOD_QUESTION.search(question):
        return [m for m in _DATE.finditer(sentence) if _YEAR_RANGE.search(m.group(0))]
    marker = date_direction(question)
    if marker is None:
        return []
    return [m for m in _DATE.finditer(sentence) if marker.search(_words_before(sentence, m))]


def states_asked_date(sentence: str, question: str) -> bool:
    """The sentence holds the date a "tot / sinds / vanaf / per wanneer" question asks for: "tot wanneer" only an end
    date ("verlengd tot 31 december 2025"); the others a start date, or a date not marked as an end ("Deze
    decentralisatie is gepland voor 1 januari 2026" answers "per wanneer")."""
    if directed_dates(sentence, question):
        return True
    m = _DATE_QUESTION.match(question)
    if m is None or m.group(1).lower() == "tot":
        return False
    return any(not _END_MARK.search(_words_before(sentence, d)) for d in _DATE.finditer(sentence))


def _words_before(sentence: str, date: re.Match[str]) -> str:
    """The words before a date, with the preposition the date pattern took in ("tot en met", "met ingang van")."""
    head = re.match(r"\s*([a-z/.]+(?:\s+(?:en\s+met|ingang\s+van))?)\s", date.group(0), re.I)
    return (sentence[max(0, date.start() - 25) : date.start()] + (head.group(1) if head else "")).rstrip()


#: "Waar staat ZONL voor?", "Wat betekent de afkorting RAK?", "Wat is het CAK?": the abbreviation asked about.
_ASKED_ACRONYM = re.compile(
    r"^\s*(?:waar\s+(?:staat|staan)|wat\s+(?:betekent|betekenen|is|zijn|houdt)|waar\s+is)\s+"
    r"(?:(?:de|het|een)\s+)?(?:afkorting\s+)?([\w&+/-]+)",
    re.I,
)


def asked_acronym(question: str) -> str | None:
    """The abbreviation a question asks to spell out, or None."""
    m = _ASKED_ACRONYM.match(question)
    return m.group(1) if m and is_acronym(m.group(1)) else None


def _spells_out(words_: str, acronym: str) -> bool:
    """``words_`` can be what ``acronym`` stands for: the first word starts with its first letter and its letters
    follow in order ("Zorggroep Oude en Nieuwe Land" for ZONL, "Jeugdgezondheidszorg" for JGZ)."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    text = re.sub(r"^\s*\([^)]*\)\s*", "", words_).lower()  # "(vaccin tegen) Difterie, tetanus, polio"
    if not letters or text[:1] != letters[0]:
        return False
    at = 0
    for c in letters:
        at = text.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


def acronym_expansion(sentence: str, acronym: str) -> tuple[int, int] | None:
    """(start, end) of what ``acronym`` stands for in ``sentence``: the rest of a line of a list of abbreviations
    ("ZONL Zorggroep Oude en Nieuwe Land"), the words before it in parentheses ("Zorggroep Oude Nieuwe Land (ZONL)"),
    or the words in parentheses after it ("SOJ (Specialistische ondersteuner jeugd)"); None when it is not spelled
    out there. Only words whose letters can make the abbreviation count, so "GGD Flevoland voert ..." spells out
    nothing."""
    a = re.escape(acronym)
    line = re.match(rf"\s*{a}\s+(.+?)\s*$", sentence)
    if line and len(line.group(1)) <= MAX_LEAD_CHARS and _spells_out(line.group(1), acronym):
        return line.start(1), line.end(1)
    after = re.search(rf"(?<![\w-]){a}\s*\(([^()]{{3,{MAX_LEAD_CHARS}}})\)", sentence)
    if after and _spells_out(after.group(1), acronym):
        return after.start(1), after.end(1)
    for m in re.finditer(rf"\(\s*{a}\s*\)", sentence):
        before = list(re.finditer(r"[^\W\d_][\w’'-]*", sentence[: m.start()]))
        for k in range(1, min(len(before), len(acronym) + 3) + 1):  # the fewest words that spell it out
            start = before[-k].start()
            if _spells_out(sentence[start : m.start()], acronym):
                return start, before[-1].end()
    return None


def lead_span(
    kind: str, sentence: str, focus: list[str] | tuple[str, ...], question: str = ""
) -> tuple[int, int] | None:
    """(start, end) of the asked fact inside ``sentence``, or None when the kind has no short fact form.

    Among several candidates the one nearest to the words shared with the question wins ("€ 464k" next to
    "Jeugd" for a question about Jeugd, not the amount for Wmo in the same sentence).
    """
    if kind == "definition" and (acronym := asked_acronym(question)):
        return acronym_expansion(sentence, acronym)
    pattern = PATTERNS.get(kind)
    if pattern is None:
        return None
    found = _values(pattern, sentence)
    if kind == "who":
        asked = {w.lower() for w in words(question)}
        found = [m for m in found if _is_new_name(m.group(0), asked, sentence, m.start())]
    if kind == "count":
        found = [m for m in found if not _is_year_or_numbering(m.group(0), sentence, m.start())]
        counts = [m for m in found if not re.search(r"%|procent", m.group(0))]
        found = counts or found  # "hoeveel cliënten": 32 cliënten, not a growth of 6%
        if not time_stems("dutch_porter") & set(focus):  # "in de afgelopen 2,5 jaar": how long, not how many
            found = [m for m in found if not is_duration(sentence, m.end())] or found
        # "Van de 824 cliënten ... verblijven er 32 in Wijchen": the partitive number is the whole, the other the part.
        parts = [m for m in found if not _PARTITIVE.search(sentence[: m.start()])]
        found = parts or found
    if kind == "date":
        found = [m for m in found if not _in_number_list(sentence, m)]
        # "Regioprogramma Jeugd 2023-2028" names a programme; the date is the other one.
        named = [m for m in found if re.search(r"[A-Z][\w-]*\s+$", sentence[: m.start()])]
        found = [m for m in found if m not in named] or found
        directed = {m.span() for m in directed_dates(sentence, question)}
        found = [m for m in found if m.span() in directed] or found
        # "... volgens de actielijst bij de notulen van 10 oktober 2024": the date the question names is its source.
        found = outside_days(sentence, found, days_in(question)) or found
    if not found and kind == "count":
        # "Houden we geld over, en hoeveel?": "een voordeel van afgerond € 26k" states the number as an amount only.
        found = _values(_MONEY, sentence)
    if not found:
        fallback = _FALLBACK.get(kind)
        return lead_span(fallback, sentence, focus, question) if fallback else None
    if kind in ("count", "amount", "percentage"):
        # "Inwoner bijdrage Plustaken gemeenten Taken derden 1% 6% 93%": which value is whose, the text does not say
        # (also of the amounts a count question falls back to).
        found = [m for m in found if not _in_bare_run(sentence, m, found)]
        if not found:
            return None
        found = _of_asked_year(found, sentence, question) or found
        found = _of_asked_place(found, sentence, question) or found
        found = _after_asked_preposition(found, sentence, question) or found
    anchors = _anchor_positions(sentence, focus)
    best = min(found, key=lambda m: (_distance(m.start(), m.end(), anchors), m.start()))
    start, end = best.start(), best.end()
    if kind == "count":
        # "Hoe groot is het tekort?": the number is an amount ("circa € 400.000"), stated with its unit.
        money = next((m for m in _MONEY.finditer(sentence) if m.start() <= start and end <= m.end()), None)
        start, end = (money.start(), money.end()) if money else (start, end)
    while start < end and sentence[start].isspace():
        start += 1
    end = _with_parenthesis(sentence, end)
    return start, end


def _in_bare_run(sentence: str, m: re.Match[str], values: list[re.Match[str]]) -> bool:
    """The value stands in a run of values with nothing but spaces between them ("1% 6% 93%"): a chart's legend or
    a table row that lost its column headers, where the words before the run do not say which value is whose.

    >>> s = "Baten per financieringsbron Inwoner bijdrage Plustaken gemeenten Taken derden 1% 6% 93%"
    >>> [_in_bare_run(s, m, list(_PERCENT.finditer(s))) for m in _PERCENT.finditer(s)]
    [True, True, True]
    >>> s = "Het aandeel steeg van 1% in 2023 naar 6% in 2024."
    >>> [_in_bare_run(s, m, list(_PERCENT.finditer(s))) for m in _PERCENT.finditer(s)]
    [False, False]
    """
    return any(
        o.span() != m.span() and not sentence[min(o.end(), m.end()) : max(o.start(), m.start())].strip() for o in values
    )


def _values(pattern: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """The matches of ``pattern`` short enough to lead with, never the unit of a table's amounts ("x € 1.000")."""
    return [
        m
        for m in pattern.finditer(sentence)
        if m.group(0).strip() and len(m.group(0)) <= MAX_LEAD_CHARS and not _UNIT.search(sentence[: m.start()])
    ]


#: Where a clause of a sentence ends: "In 2024 is het 15%, in 2025 wordt het 17,5% en in 2026 20%".
_CLAUSE_END = re.compile(r"[,;]\s|\s(?:en|maar|terwijl)\s")
#: A value's own digits are no year ("2.025 aanvragen"): years are read from the clause without the values.
_YEAR_FREE = re.compile(r"\d+(?:[.,]\d+)+")


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, as ``_CLAUSE_END`` cuts the sentence."""
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence) + 1]
    return list(pairwise(bounds))


#: "Tot welk bedrag ...?", "Met hoeveel procent ...?": the preposition the question puts before its asked quantity.
_ASKED_PREPOSITION = re.compile(r"\b(tot|met|naar|op|van)\s+(?:welk|welke|hoeveel)\b", re.I)


def _after_asked_preposition(found: list[re.Match[str]], sentence: str, question: str) -> list[re.Match[str]]:
    """The values the sentence puts after the same preposition, where a sentence states a change with two values:
    "is met € 1.411 gegroeid tot € 1.936" answers "Tot welk bedrag is het gegroeid?" with € 1.936 and "Met hoeveel
    is het gegroeid?" with € 1.411; none when the question has no such preposition."""
    asked = _ASKED_PREPOSITION.search(question)
    if not asked:
        return []
    before = re.compile(rf"\b{asked.group(1)}\s+$", re.I)
    return [m for m in found if before.search(sentence[: m.start()])]


def _of_asked_year(found: list[re.Match[str]], sentence: str, question: str) -> list[re.Match[str]]:
    """The values stated in a clause about the asked year, where a sentence gives one per year ("In 2024 is deze
    doorberekening 15%, in 2025 wordt deze 17,5%"; "€ 268,4 in 2026 en € 999,2 in 2029"); all when it does not."""
    return _of_asked(found, sentence, question, years_in, lambda clause: _YEAR_FREE.sub("", clause))


def _of_asked_place(found: list[re.Match[str]], sentence: str, question: str) -> list[re.Match[str]]:
    """The values stated in a clause about the asked gemeente, where a sentence gives one per gemeente ("1.000
    appartementen in Lelystad en 2.500 Almere in 2030" for Lelystad); all when it does not."""
    return _of_asked(found, sentence, question, lambda text: set(gemeenten_in(text)))


def _of_asked(
    found: list[re.Match[str]],
    sentence: str,
    question: str,
    named: Callable[[str], set[str]],
    clause_text: Callable[[str], str] = str,
) -> list[re.Match[str]]:
    """The values in a clause that names only what the question asks about (years, gemeenten), where the sentence
    names several; all when the question names none or the sentence fewer than two. ``clause_text`` is what of a
    clause is read for its names."""
    asked = named(question)
    if not asked or len(named(sentence)) < 2:
        return found
    out = []
    for m in found:
        clause = next(sentence[a:b] for a, b in _clauses(sentence) if a <= m.start() < b)
        said = named(clause_text(clause))
        if said and said <= asked:
            out.append(m)
    return out


#: "Van de 824 cliënten", "van de in totaal 120 aanvragen": the whole a following number is a part of.
_PARTITIVE = re.compile(r"\b[Vv]an\s+(?:de|het\s+totaal\s+van|(?:de\s+)?in\s+totaal)\s+$")


#: A list of plain numbers ("percelen sectie E, nummers 1801, 1943, 2053 en 2119") and the number it holds.
_NUMBER_LIST = re.compile(
    r"(?<![\w.,])\d{1,6}(?:\s*,\s*\d{1,6})*(?:\s*,?\s+(?:en|of|t/m|tot en met)\s+|\s*,\s*)\d{1,6}(?![\w.,]\d)"
)
_PLAIN_YEAR = re.compile(r"(?:19|20)\d\d")


def _in_number_list(sentence: str, date: re.Match[str]) -> bool:
    """A bare "year" listed with numbers that cannot be years is a number, not a date: "nummers 1801, 1943, 2053 en
    2119" (parcels, zaken, articles); a list of years ("in 2023, 2024 en 2025") stays a list of dates."""
    if not _PLAIN_YEAR.fullmatch(date.group(0).strip()):
        return False
    for listed in _NUMBER_LIST.finditer(sentence):
        if listed.start() <= date.start() and date.end() <= listed.end():
            return any(not _PLAIN_YEAR.fullmatch(n) for n in re.findall(r"\d+", listed.group(0)))
    return False


def _is_year_or_numbering(text: str, sentence: str, at: int) -> bool:
    core = re.sub(r"^\D*", "", text)
    if re.fullmatch(r"(?:19|20)\d\d(?:\s+\w+)?", core) and not re.search(r"\b(euro|mln|miljoen|%)", text):
        return True
    # "1.2 Doelen", "3. Uitvoering" open with a numbering; "1.000 appartementen in Lelystad" with a number.
    return at == 0 and bool(re.match(r"\d{1,2}(\.\d{1,2})*\.?\s", sentence))


def _is_new_name(name: str, asked: set[str], sentence: str, at: int) -> bool:
    """A name the question does not already contain, and not merely the capital at the start of a sentence (the
    quoted text may hold two: "... na 2026. Ik denk aan ..." has no name "Ik")."""
    tokens = [w.lower() for w in words(name)]
    if not tokens or all(t in asked for t in tokens):
        return False
    starts = at == 0 or bool(re.search(r"[.!?]\s+$", sentence[:at]))
    return not (starts and len(tokens) == 1 and not name.isupper())


def _anchor_positions(sentence: str, focus: list[str] | tuple[str, ...]) -> list[int]:
    """Character positions of the sentence's words whose stem is a focus term of the question."""
    wanted = set(focus)
    positions = []
    for m in re.finditer(r"[^\W_]+(?:[-'][^\W_]+)*", sentence):
        stems = terms(m.group(0))
        if any(s in wanted or any(len(w) >= 5 and (s.startswith(w) or s.endswith(w)) for w in wanted) for s in stems):
            positions.append(m.start())
    return positions


def _distance(start: int, end: int, anchors: list[int]) -> int:
    """Characters between a candidate and the nearest shared word; a word after the fact counts double, since
    Dutch names what a number is before it ("een nadeel van € 464k")."""
    if not anchors:
        return 0
    return min(0 if start <= a <= end else (start - a if a < start else 2 * (a - end)) for a in anchors)


def _with_parenthesis(sentence: str, end: int) -> int:
    """Include a short parenthesis right after the fact: "35 medewerkers (circa 30 fte)"."""
    m = re.match(r"\s*\([^()]{1,30}\)", sentence[end:])
    return end + m.end() if m else end


# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------

MAX_ITEMS = 8
#: The longest unmarked paragraph that still counts as what a colon announces (one question with its answers).
MAX_ANNOUNCED = 300


def list_after(text: str, end: int, announced: bool = False) -> int:
    """End offset of the list items that directly follow offset ``end`` in ``text`` (bullets, lettered or numbered
    items, one per paragraph); ``end`` itself when none follow.

    After a sentence that ``announced`` them with a colon, the items need no marker: PDFs often lose the bullet
    glyphs, and a table ("Gebouw | Eigenaar") or a survey question with its answer categories follows the colon
    as plain lines. Then the rows of a table count as items, and so does one short unmarked paragraph right after
    the colon (what the colon announces); a long paragraph is the next topic, not the list.
    """
    pos = end
    items = 0
    while items < MAX_ITEMS:
        m = re.match(r"\s*\n\s*", text[pos:])
        if not m:
            break
        start = pos + m.end()
        stop = text.find("\n\n", start)
        stop = len(text) if stop < 0 else stop
        paragraph = text[start:stop]
        unmarked = announced and (CELL_SEPARATOR in paragraph or (items == 0 and len(paragraph) <= MAX_ANNOUNCED))
        if not (LIST_ITEM.match(paragraph) or unmarked):
            break
        pos = stop
        items += 1
    return pos


def announces_list(sentence: str) -> bool:
    """The sentence introduces what follows: it ends in a colon ("... via twee sporen:"), or in a colon and the
    header row of the table that lists the items ("Gehuurde gebouwen zijn: Gebouw | Soort overeenkomst")."""
    text = sentence.rstrip()
    return announces(text) or bool(re.search(r":\s*[^:.|]+(?:\s\|\s[^:.|]+)+$", text))
