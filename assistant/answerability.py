"""Answerability: does a sentence actually answer the question, or only look like it does?

A similarity score alone lifts an off-topic sentence over any threshold when the documents are silent:
dense vectors of two sentences about the Wmo are close whatever they say. So before the answerer quotes a
sentence it checks the evidence, term by term:

- the question's focus terms (content words, names, years) are found in the sentence or its context
  (the sentence before, the section heading, the document title); a focus term that occurs *nowhere in the
  corpus* is strong evidence that the documents do not answer the question at all;
- the sentence holds a fact of the asked kind: a quantity for "hoeveel", an amount of money for "welk bedrag",
  a percentage, a date for "wanneer", a name for "wie", a reason for "waarom";
- a year or a municipality the question names is the one the passage is about.

Example:
    >>> from assistant.query import analyse
    >>> vocab = Vocabulary({"gemeent": 3, "campagn": 1, "mental": 2, "gezond": 4, "11": 1})
    >>> check(analyse("Hoeveel gemeenten doen mee aan de campagne?"), "Hier doen 11 gemeenten mee.", "", vocab).typed
    True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from .dates import MONTH_NAMES, mentions_year, outside_days, years_in
from .query import Query, name_terms, quantity_nouns
from .tables import is_value, parse_row_sentence
from .text import terms, words
from .vocabulary import asked_outcomes, gemeenten_in, place_names, states_outcome, synonym_groups
from .zaaknummer import identifiers

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
#: A number that is not a year and not a list or section number ("1.", "2.3").
_QUANTITY = re.compile(
    r"(?<![\w.,/-])(?!(?:19|20)\d\d(?![\d.,]*\d)(?!\s*(?:euro|mln|miljoen|procent|%)))"
    r"(?<!versie\s)\d+(?:[.,]\d+)*(?:,-|[kK]\b|%)?(?![\w/])(?![-/]\d)(?!\.\s+[A-Z])"
    rf"(?!\s+(?:{'|'.join(MONTH_NAMES.values())})\b)"  # "5 maart" is a day, not a count
    r"|\b(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|"
    r"veertig|vijftig|honderd|duizend|vijftal|tiental|tientallen|honderden|duizenden|helft|derde|kwart|"
    r"eenmaal|tweemaal|driemaal|enkele|meerdere)\b",
    re.I,
)
_MONEY = re.compile(r"€|\beuro\b|\bEUR\b|\b\d[\d.,]*\s*(?:k|mln|miljoen|miljard)\b|x\s*€?\s*1\.000", re.I)
_PERCENT = re.compile(r"%|\bprocent\b|\bprocentpunt\w*\b|\b(?:helft|derde|kwart|op\s+de\s+\d+)\b", re.I)
#: Units of time: a number right before one ("in de afgelopen 2,5 jaar") says how long, not how many.
TIME_UNITS = (
    "jaar",
    "jaren",
    "maand",
    "maanden",
    "week",
    "weken",
    "dag",
    "dagen",
    "uur",
    "uren",
    "minuten",
    "kwartaal",
)
_DURATION = re.compile(
    rf"\b\d+(?:[.,]\d+)?\s*(?:{'|'.join(TIME_UNITS)})\b"
    r"|\b(?:twee|drie|vier|vijf|zes|tien)\s+(?:jaar|jaren|maanden|weken|dagen|uur)\b",
    re.I,
)
_TIME_UNIT = re.compile(rf"\s*(?:{'|'.join(TIME_UNITS)})\b", re.I)


def is_duration(sentence: str, end: int) -> bool:
    """The number ending at ``end`` is a length of time ("2,5 jaar", "8 uur").

    >>> is_duration("in de afgelopen 2,5 jaar", 19)
    True
    """
    return bool(_TIME_UNIT.match(sentence, end))


@lru_cache(maxsize=4)
def time_stems(stemmer: str) -> frozenset[str]:
    """The stems of the units of time: a question that counts them ("hoeveel uur per week") asks a duration."""
    return frozenset(terms(" ".join(TIME_UNITS), stemmer))


_FREQUENCY = re.compile(
    r"\b(?:per\s+(?:jaar|maand|week|dag|kwartaal)|jaarlijks|maandelijks|wekelijks|dagelijks|halfjaarlijks|"
    r"tweejaarlijks|(?:een|twee|drie|vier|\d+)\s*(?:keer|maal)|eens\s+per|elke|iedere|tweemaal|driemaal)\b",
    re.I,
)
_DATE = re.compile(
    rf"\b(?:19|20)\d\d\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b(?:{MONTHS})\b|"
    r"\b(?:voorjaar|zomer|najaar|winter|kwartaal|Q[1-4])\b",
    re.I,
)
#: Words after which "om ... te" says what was decided, chosen or asked, not why: "heeft destijds besloten om een
#: eigen aanpak op te zetten" gives no reason; "we zetten wijkteams in om problemen vroeg te zien" does.
_DECIDED_WHAT = (
    "besloten",
    "besluiten",
    "besluit",
    "besloot",
    "beslissing",
    "gekozen",
    "kiezen",
    "kiest",
    "koos",
    "keuze",
    "voorgesteld",
    "voorstellen",
    "voorstel",
    "gevraagd",
    "vragen",
    "vraagt",
    "verzocht",
    "verzoek",
    "afgesproken",
    "afspraak",
    "toegezegd",
    "voornemen",
    "opdracht",
    "geprobeerd",
    "proberen",
)
_PURPOSE = "".join(rf"(?<!\b{w}\s)" for w in _DECIDED_WHAT) + r"om\s+\w+(\s+\w+){0,6}\s+te"
#: A sentence that gives a reason ("omdat", "doordat", "als gevolg van", "om ... te"): what a "waarom"-question asks.
#: "door te focussen op bewegen" says by what means, not why.
REASON = re.compile(
    rf"\b(omdat|doordat|door(?!\s+te\s)|vanwege|daardoor|daarom|zodat|waardoor|oorzaak|reden|komt\s+door|als\s+gevolg|"
    rf"dankzij|{_PURPOSE}|doel|leid\w*\s+tot|zorgt\s+voor|levert\b.*\bop|zo\s+kunnen|"
    r"want|namelijk|aangezien|wegens|immers|verklaar\w*|verklaring|te\s+wijten|te\s+danken|gevolg\w*)\b"
    # An account in someone's words after a colon ("... niet gewerkt met een klankbordgroep: “Er is een verschil"):
    # an evaluation's interviews explain.
    r"|:\s*[“\"‘]",
    re.I,
)
#: A name: a capitalised word that does not start the sentence, or an acronym.
_NAME = re.compile(r"(?<=[\w,;:()’'] )[A-Z][\w’'&.-]+|\b[A-Z]{2,}[\w-]*\b")


class Vocabulary:
    """The corpus' stemmed terms with their document frequency: what the documents talk about at all."""

    def __init__(self, df: Mapping[str, int]) -> None:
        self.df = df
        self._sorted = sorted(df)
        self._reversed = sorted(t[::-1] for t in df)
        self._cache: dict[str, bool] = {}

    def known(self, term: str, compounds: bool = True) -> bool:
        """The corpus uses the term, as a word or as part of a compound ("wachttijd" in "wachttijden", "jeugd" in
        "jeugdhulp"); a compound of two corpus words ("jeugdwachttijd") counts as known too, unless ``compounds`` is
        False (a name such as "Buurtouders" is not made of "buurt" and "ouders")."""
        key = term if compounds else f"{term}\0"
        if key not in self._cache:
            self._cache[key] = self._known(term, compounds)
        return self._cache[key]

    def _known(self, term: str, compounds: bool = True) -> bool:
        if term in self.df or term.isdigit() or len(term) < 4:
            return True
        if "-" in term:  # "ggd-begroting", "npo-middelen": known when its parts are
            return all(self.known(part, compounds) for part in term.split("-") if part)
        if _has_prefix(self._sorted, term) or _has_prefix(self._reversed, term[::-1]):
            return True
        if not compounds:
            return False
        # A compound of two known words: "zorgappartement" = "zorg" + "appartement", also with a linking "s", "e"
        # or "en" after a stem ("planschad|e|vergoed", "gemeent|e|raad").
        return any(
            head in self.df and (rest in self.df or _has_prefix(self._sorted, rest)) for head, rest in _splits(term)
        )


def _has_prefix(ordered: list[str], prefix: str) -> bool:
    i = bisect.bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix) and len(prefix) >= 5


#: A question word covered only through a synonym counts for this much of the word itself.
SYNONYM_WEIGHT = 0.8


class Thesaurus:
    """Synonym groups (``assistant/data/synonyms.toml``) as stems: which other words say what a question word says.

    Example:
        >>> t = Thesaurus.load()
        >>> question = set(terms("Hoeveel kinderen en jongeren krijgen hulp?"))
        >>> sorted(" ".join(m) for m in t.alternatives("jonger", question))[:3]
        ['jeugd', 'jeugdhulp', 'jeugdig']
    """

    def __init__(self, groups: tuple[tuple[tuple[str, ...], ...], ...]) -> None:
        self.groups = groups
        self.by_term: dict[str, list[int]] = {}
        for i, group in enumerate(groups):
            for member in group:
                for t in member:
                    self.by_term.setdefault(t, []).append(i)

    @classmethod
    def load(cls, stemmer: str = "dutch_porter") -> Thesaurus:
        return _thesaurus(stemmer)

    def alternatives(self, term: str, question: Set[str]) -> list[tuple[str, ...]]:
        """Other members of each group in which the question uses ``term`` (a phrase counts when all its words are
        in the question: "laag inkomen", "zieke naaste")."""
        out: list[tuple[str, ...]] = []
        for i in self.by_term.get(term, ()):
            group = self.groups[i]
            used = [m for m in group if term in m and set(m) <= question]
            if used:
                out.extend(m for m in group if m not in used and not set(m) <= question)
        return out

    def covered(self, term: str, question: Set[str], found: Set[str]) -> float:
        """How well ``found`` (a sentence's stems) covers ``term`` through a synonym: 0 to ``SYNONYM_WEIGHT``."""
        best = 0.0
        for member in self.alternatives(term, question):
            best = max(best, min(term_found(t, found) for t in member))
        return SYNONYM_WEIGHT * best


@lru_cache(maxsize=256)
def question_terms(text: str, stemmer: str = "dutch_porter") -> frozenset[str]:
    """All stems of a question, frame words included: what a synonym group's phrase is matched against. Computed
    once per question, not once per candidate sentence."""
    return frozenset(terms(text, stemmer))


#: What may not stand right before an asked code in the text, for a code that starts with a letter (True) or a digit.
_CODE_START = {True: r"(?<![\w-])", False: r"(?<![\w.-])"}


@lru_cache(maxsize=256)
def asked_codes(question: str) -> tuple[str, ...]:
    """The codes a question names ("taakveld 6.81a"), once per question rather than once per candidate sentence."""
    return tuple(identifiers(question))


def mentions_code(text: str, code: str) -> bool:
    """``text`` names ``code`` as a whole: "6.81a" is not in "16.81a" or "6.81ab"; a code of letters may end a dotted
    one ("BPKLSTOEPHOUT-VG01" in "NL.IMRO.0629.BPKLSTOEPHOUT-VG01"), a number after a dot is part of another number."""
    return bool(re.search(rf"{_CODE_START[code[0].isalpha()]}{re.escape(code)}(?![\w-])", text, re.I))


@lru_cache(maxsize=4)
def _thesaurus(stemmer: str) -> Thesaurus:
    groups = tuple(
        tuple(m for m in dict.fromkeys(tuple(terms(w, stemmer)) for w in group) if m) for group in synonym_groups()
    )
    return Thesaurus(groups)


def term_found(term: str, found: Set[str]) -> float:
    """1 for the same stem; 0.5 when the term is part of a Dutch compound (college -> collegedatum)."""
    if term in found:
        return 1.0
    compound = len(term) >= 5 and not term[0].isdigit()
    if compound and in_compound(term, found):
        return 0.5
    if compound and parts_found(term, found):
        return 0.5
    if compound and head_found(term, found):
        return 0.5
    return 0.0


def in_compound(term: str, found: Set[str]) -> bool:
    """Whether ``term`` begins or ends a longer word of ``found``: "college" in "collegedatum", "veilig" in
    "schoolveilig". (Not "scholen" in it: the stem "schol" lost the long vowel the compound keeps; matching it there
    also matched "schooladviesdienst" and the register then chose the wrong convenant, measured on the staff sets.)"""
    return any(len(u) > len(term) and (u.startswith(term) or u.endswith(term)) for u in found)


#: What joins the parts of a Dutch compound after a stem: nothing, "s", "e" or "en" ("planschad|e|vergoed").
_LINKS = ("", "s", "e", "en")


def _splits(term: str) -> Iterator[tuple[str, str]]:
    """Every way to read ``term`` as two parts of at least four letters, with or without a linking letter."""
    for i in range(4, len(term) - 3):
        for link in _LINKS:
            rest = term[i + len(link) :]
            if term.startswith(link, i) and len(rest) >= 4:
                yield term[:i], rest


def parts_found(term: str, found: Set[str]) -> bool:
    """A compound the text says in two words: "planschadevergoeding" where the text has "planschade" and
    "vergoeden" (both parts at least four letters)."""
    return any(head in found and rest in found for head, rest in _splits(term))


def head_found(term: str, found: Set[str]) -> bool:
    """The head of a compound stands alone in the text: "meldingsfrequentie" asked, "frequentie" written. A Dutch
    compound is a kind of its last part, so the text speaks of the same sort of thing, less precisely (a head of at
    least six letters: "zorg" or "plan" alone says too little)."""
    return any(len(rest) >= 6 and rest in found for _head, rest in _splits(term))


@dataclass(frozen=True)
class Evidence:
    """How well one sentence (with its context) covers one question."""

    coverage: float
    missing: tuple[str, ...]
    silent: tuple[str, ...]
    typed: bool
    years_ok: bool
    places_ok: bool

    @property
    def fits(self) -> bool:
        """The sentence holds the asked kind of fact about the asked year and place."""
        return self.typed and self.years_ok and self.places_ok


def has_fact(kind: str, sentence: str) -> bool:
    """The sentence states a fact of the asked kind (a quantity, an amount, a date ...)."""
    if kind == "count":
        return bool(_QUANTITY.search(sentence))
    if kind == "amount":  # an amount of money, or its size as a share ("een bezuinigingstaak van 10% per jaar")
        return bool(_MONEY.search(sentence) or _PERCENT.search(sentence)) and bool(re.search(r"\d", sentence))
    if kind == "percentage":
        return bool(_PERCENT.search(sentence))
    if kind == "duration":
        return bool(_DURATION.search(sentence))
    if kind == "frequency":
        return bool(_FREQUENCY.search(sentence) or _QUANTITY.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "who":
        return bool(_NAME.search(sentence))
    if kind == "why":  # a sentence that only restates the topic ("Almere start de pilot in twee wijken") says not why
        return bool(REASON.search(sentence))
    return True


#: A table row that counts things rather than money.
_COUNT_ROW = re.compile(r"(?:aantal|totaal\s+aantal)\b", re.I)


def check(
    query: Query,
    sentence: str,
    context: str,
    vocab: Vocabulary,
    *,
    idf: Mapping[str, float] | None = None,
    places: tuple[str, ...] = (),
    stemmer: str = "dutch_porter",
    date: str = "",
    row_context: str | None = None,
    doc_places: tuple[str, ...] = (),
    antecedent: str = "",
    paragraph: str = "",
) -> Evidence:
    """The evidence ``sentence`` gives for ``query``; ``context`` is what the sentence is read with (the sentence
    before, the section heading, the document title and date); ``places`` are the municipalities the question names,
    ``doc_places`` those the document is about; ``antecedent`` the sentence a referring one points back to ("In 2023
    waren dat er 38": "dat" are the cliënten of the sentence before), where the counted noun may stand; ``paragraph``
    the text of the paragraph before the sentence, whose year a sentence without a year of its own goes on about
    ("In 2024 vonden er 121 gesprekken plaats. 20 gesprekken waren eenmalig.").
    """
    in_sentence = set(terms(sentence, stemmer))
    in_context = set(terms(context, stemmer)) if context else set()
    weights = {t: (idf or {}).get(t, 1.0) for t in query.focus}
    total = sum(weights.values()) or 1.0
    got = 0.0
    missing = []
    thesaurus = Thesaurus.load(stemmer)
    asked = question_terms(query.text, stemmer)
    for t, w in weights.items():
        score = max(term_found(t, in_sentence), 0.75 * term_found(t, in_context))
        if score < SYNONYM_WEIGHT:  # "kinderen en jongeren" asked, "jeugd" written
            score = max(score, thesaurus.covered(t, asked, in_sentence), 0.75 * thesaurus.covered(t, asked, in_context))
        got += w * score
        if score == 0:
            missing.append(t)
    silent = tuple(t for t in missing if not vocab.known(t))
    where = f"{sentence} {context}"
    row = parse_row_sentence(sentence)
    # A table row answers for the years of its columns, not for every year on the page; a sentence that names a
    # year of its own ("Sinds 2020 betalen Wmo-cliënten ...") for that year, not for one its document's title spans
    # ("Beleidsplan 2025-2028" does not make it say what is paid in 2026).
    if row is not None:
        when = " ".join([row[0], row[1], *(h for h, _ in row[2])])
        if not years_in(when) and row_context:
            # A table that names no year ("Subsidie verantwoording — Huren — Museale Collectie: -89") speaks for the
            # year of its section or document ("Jaarstukken 2023").
            when = f"{when} {row_context}"
    else:
        when = sentence if years_in(sentence) else where
    # A year that names the source ("volgens de begroting 2026") must be the document's or its section's; the other
    # years are the asked ones. A year named twice ("in de begroting 2025 begroot voor 2025") is both.
    # A row's own caption or label may name it too ("voorgestelde storting begroting 2026" in a raadsvoorstel); its
    # column headers do not (a forecast column "begroting 2026" in last year's document is no begroting 2026).
    source = f"{row_context} {row[0]} {row[1]}" if row is not None and row_context is not None else where
    asked_years = [y for y in query.years if y not in query.source_years or query.text.count(y) > 1]
    if row is None and paragraph and not years_in(sentence):
        when = f"{when} {paragraph}"
    years_ok = all(mentions_year(source, y) for y in query.source_years) and (
        not asked_years or any(mentions_year(when, y) for y in asked_years)
    )
    # "Welke besluiten nam het college in januari 2022": a document of that month, or a passage that names it.
    years_ok = years_ok and (not query.months or any(_about_month(where, date, m) for m in query.months))
    # A table row is about the places of its caption, label and columns; a document about five gemeenten does not
    # make every row of its tables answer for each of them. Other sentences may rely on the document's gemeenten.
    place_text = f"{when} {row_context}" if row is not None and row_context is not None else where
    if row is not None and len(doc_places) == 1 and not gemeenten_in(place_text):
        # A table that names no gemeente in a document about one gemeente (its raadsvoorstel) is about that one.
        place_text = f"{place_text} {doc_places[0]}"
    places_ok = not places or any(
        re.search(rf"\b{re.escape(name)}\b", place_text) for p in places for name in place_names(p)
    )
    typed = has_fact(query.kind, sentence)
    if typed and query.kind == "count" and query.counted not in time_stems(stemmer):
        # "Hoe groot schat de GGD het risico van de afrekening?" is not answered by "... in de afgelopen 2,5 jaar":
        # a length of time is no count of the asked thing.
        typed = any(not is_duration(sentence, m.end()) for m in _QUANTITY.finditer(sentence))
    if typed and query.kind == "date" and query.days:
        # "Wanneer moet het voorstel gereed zijn, volgens de notulen van 10 oktober 2024?": a sentence whose only date
        # is the one the question names ("Actielijst behorend bij notulen 10 oktober 2024") says nothing new.
        typed = bool(outside_days(sentence, list(_DATE.finditer(sentence)), query.days))
    if typed and query.kind == "who":
        # "... en in welke gemeenten vooral?" after a question about Flevoland: a sentence whose only names are the
        # ones the question itself names ("... hoe kwetsbaar Flevoland is") does not say who.
        asked = {w.lower() for w in words(query.text)}
        typed = any(not {w.lower() for w in words(m.group(0))} <= asked for m in _NAME.finditer(sentence))
    if typed and query.future and date and (said := years_in(sentence)):
        # "Wanneer komt de bijgewerkte woonzorgvisie?" is not answered by "In 2021 is er een woonzorgvisie ontwikkeld"
        # in a nota of 2025: a year before its document's is past, whatever is still to come.
        typed = max(said) >= date[:4]
    if not typed and row is not None and query.kind in ("amount", "count"):
        # Tables state amounts in the unit of their caption or header ("x € 1.000", "€ '000"): a number in a cell
        # of a row is an amount even without a currency sign of its own, and a withdrawal ("-400") a quantity ...
        # except in a row that says it counts ("Aantal inspecties kinderopvang"): no amount of money.
        counts = query.kind == "amount" and bool(_COUNT_ROW.match(row[1]))
        typed = not counts and any(is_value(value) for _header, value in row[2])
    # The sentence with the one it refers back to ("In 2023 waren dat er 38"): where a counted noun may stand.
    own = in_sentence | set(terms(antecedent, stemmer)) if query.kind in ("count", "amount", "percentage") else set()
    if typed and query.counted:  # "hoeveel mantelzorgers": a number of mantelzorgers, not of conversations
        typed = term_found(query.counted, own) > 0
    if typed and query.measured and row is not None:
        # "de begrote eindstand van het fonds in 2027": the row "Dekking uit het fonds — 2027: -3.000" is another
        # quantity; the row, its caption or a column must name the asked one.
        typed = max(term_found(query.measured, in_sentence), thesaurus.covered(query.measured, asked, in_sentence)) > 0
        if typed and quantity_nouns(row[1]):
            # A caption naming several quantities ("Baten en Lasten") names the asked one for every row; a row whose
            # label names another ("Baten DVO Provincie Overijssel" for "hoe hoog waren de lasten") is that one.
            label = set(terms(row[1], stemmer))
            typed = max(term_found(query.measured, label), thesaurus.covered(query.measured, asked, label)) > 0
    if typed and query.kind in ("count", "amount", "percentage"):
        # "Hoeveel is er in 2023 toegevoegd aan de voorziening organisatie van Collectie Overijssel?": a number in a
        # sentence that shares only the name and the year ("Collectie Overijssel sluit 2023 af met € 137.000") is
        # another quantity; one of the other words of the question (or its synonym) must be in the sentence itself.
        # A counted noun that is itself a name ("hoeveel PGO's", "17.957 PGO’s JGZ") is such a word: it was found.
        typed = bool(query.counted) or names_the_thing(query, own, stemmer)
    elif typed and row is not None:
        # "netto schuldquote ggd 2027?": a row that shares only the year (and the name) with the question is another
        # quantity of the same table ("Vaste schuld — T+2 2027: -351"), whatever kind of question it is.
        typed = names_the_thing(query, in_sentence, stemmer)
    if typed and missing and swaps_partner(query.text, where, missing, stemmer):
        # "het Investeringsfonds jeugd en onderwijs" asked, "het Investeringsfonds jeugd en gezin" written: the same
        # frame with another word in the asked word's place names another thing, however much else it shares.
        typed = False
    if typed and (codes := asked_codes(query.text)):
        # "de lasten op taakveld 6.81a": a row of taakveld 6.81b is another record, however alike.
        typed = all(mentions_code(where, code) for code in codes)
    if typed and query.role:
        # "Wie is de projectleider van het actieplan?": the sentence (or the one it refers back to) names the role;
        # "... in de regio Gelderland Zuid wordt een actieplan opgesteld" names a region, not its projectleider.
        near = in_sentence | set(terms(antecedent, stemmer))
        typed = max(term_found(query.role, near), thesaurus.covered(query.role, asked, near)) > 0
    if typed and query.kind == "yesno":
        # "Is de motie aangenomen?": a sentence that states the asked outcome in some form ("aan te nemen"), read with
        # its context; "De motie wordt ondersteund" names the motie but not whether it was adopted.
        typed = all(states_outcome(o, where) for o in asked_outcomes(query.text))
    return Evidence(got / total, tuple(missing), silent, typed, years_ok, places_ok)


#: Two words joined by "en" / "of" ("jeugd en gezin"), overlapping ("wonen, zorg en welzijn" gives each pair).
_COORDINATION = re.compile(r"(?=\b([^\W\d_][\w-]*)\s+(?:en|of)\s+([^\W\d_][\w-]*))")


def _coordinated(text: str, stemmer: str) -> set[tuple[str, str]]:
    """The pairs of content stems ``text`` joins with "en" or "of"."""
    out = set()
    for m in _COORDINATION.finditer(text):
        first, second = terms(m.group(1), stemmer), terms(m.group(2), stemmer)
        if len(first) == 1 and len(second) == 1 and first != second:
            out.add((first[0], second[0]))
    return out


def swaps_partner(question: str, text: str, missing: Sequence[str], stemmer: str = "dutch_porter") -> bool:
    """``text`` joins a word of the question to another word where the question joins it to a ``missing`` one.

    Example:
        >>> swaps_partner("Hoeveel zit er in het Investeringsfonds jeugd en onderwijs?",
        ...               "middelen uit het Investeringsfonds jeugd en gezin", ["onderwijs"])
        True
    """
    pairs = _asked_pairs(question, stemmer)
    asked = [(kept, lost) for a, b in pairs for kept, lost in ((a, b), (b, a)) if lost in missing]
    if not asked:  # most questions join no words: the passage need not be read
        return False
    said = _coordinated(text, stemmer)
    # "jeugd en volw." in a narrow table label abbreviates "jeugd en volwassenen": the same word, cut short.
    return any(
        w != kept and not lost.startswith(w) for kept, lost in asked for pair in said if kept in pair for w in pair
    )


@lru_cache(maxsize=256)
def _asked_pairs(question: str, stemmer: str) -> frozenset[tuple[str, str]]:
    """The question's joined pairs, once per question rather than once per candidate sentence."""
    return frozenset(_coordinated(question, stemmer))


@lru_cache(maxsize=4)
def _month_terms(stemmer: str) -> frozenset[str]:
    """The stems of the month names and their abbreviations: words that say when, not what."""
    return frozenset(terms(MONTHS.replace("|", " "), stemmer))


def names_the_thing(query: Query, found: Set[str], stemmer: str, frame: Set[str] = frozenset()) -> bool:
    """Whether the terms ``found`` include one of the question's words other than its names, years and ``frame``
    words (or a synonym): a text that shares only the name with "de bedrijveninvesteringszone (BIZ) Maaldrift" or
    "de voorziening organisatie van Collectie Overijssel" is about something else of that name."""
    named = name_terms(query.names, stemmer)
    # A month is when, as a year is ("tot en met augustus 2024"), not what.
    content = [t for t in query.focus if t not in named and not t.isdigit() and t not in frame | _month_terms(stemmer)]
    if not content:
        return True
    asked, thesaurus = question_terms(query.text, stemmer), Thesaurus.load(stemmer)
    return any(term_found(t, found) or thesaurus.covered(t, asked, found) for t in content)


def _about_month(text: str, date: str, month: str) -> bool:
    """The document is dated in ``month`` (``2022-01``) or the text names that month and year."""
    year, number = month.split("-")
    return date.startswith(month) or bool(re.search(rf"\b{MONTH_NAMES[int(number)]}\s+{year}\b", text, re.I))
