"""What a question asks: its kind (an amount, a date, a list, a reason ...), its focus terms, and its parts.

The extractive answerer can only be trusted when it knows what it is looking for: a "hoeveel"-question is
not answered by a sentence without a number, a question about 2023 not by a passage about 2025, and "Wat is X
en wanneer start het?" has two answers. This module reads that from the wording of Dutch questions alone
(no model), so it is fast and its rules can be unit-tested.

Example:
    >>> q = analyse("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    >>> q.kind, q.focus[:3]
    ('count', ('mee', 'campagn', 'mental'))
    >>> [p.kind for p in split_parts("Wat is Buurtgezinnen en wanneer start het in Wijchen?")]
    ['definition', 'date']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import vocabulary
from .dates import MONTHS, days_in, mentions_year
from .schema import Chunk
from .text import terms

#: Nouns that make "wat is het ..."/"hoe groot is de ..." ask for an amount of money, also as the last part of a
#: compound ("het voorbereidingskrediet", "de personeelskosten").
_AMOUNT_NOUNS = (
    r"(?:\w*(?:budget|bedrag|tekort|overschot|nadeel|voordeel|resultaat|saldo|bijdrage|kosten|investering|"
    r"reserve|subsidie|uitgaven|opbrengst|baten|lasten|krediet|bezuiniging\w*|eindstand|beginstand|bezoldiging|"
    r"salaris|vergoeding|omzet|schuld|(?<!voor)waarde|(?<!ver)lening)"  # not "voorwaarde", "dienstverlening"
    # "de stand van de reserve eind 2023" (not "de stand van zaken"; not "afstand", "bestand", "toestand")
    r"|stand(?!\s+van\s+zaken))"
)
#: "Wat is het budget ...", "hoe hoog was de begrote eindstand van ...": an amount, and the quantity asked for.
_AMOUNT_ASKED = (
    rf"\b(?:wat|hoe\s+groot|hoe\s+hoog)\s+(?:is|zijn|was|waren|wordt|worden)\s+(?:het|de)\s+(?:\w+\s+){{0,2}}?"
    rf"({_AMOUNT_NOUNS})\b"
)
_MEASURED = re.compile(_AMOUNT_ASKED, re.I)
#: "Hoeveel bedroegen de gerealiseerde personeelskosten van ...", "hoeveel zijn de begrote baten derden voor ...": a
#: verb of measure, then the measured quantity as its subject, up to the first preposition; its last word that is not
#: a name is the head.
_SUBJECT_MEASURED = re.compile(
    r"\bhoeveel\s+(?:bedraagt|bedroeg|bedragen|bedroegen|is|was|zijn|waren|kost|kosten|kostte|kostten)\s+(?:de|het)\s+"
    r"((?:[^\W\d_][\w'’-]*\s+){0,3}?[^\W\d_][\w'’-]*)"
    r"(?=\s+(?:van|voor|in|op|bij|volgens|ten|uit|aan|over|per|tot|na|door|met|tussen|onder)\b|\s*[?,.]|\s*$)",
    re.I,
)
#: Verbs that make a "wanneer" question ask about something still to come.
_FUTURE = re.compile(
    r"\b(?:komt|komen|zal|zullen|gaat|gaan|verschijnt|verschijnen|volgt|volgen|verwacht|verwachten)\b", re.I
)
#: "in januari 2022", "mei 2023": a month of a year (not "1 mei 2023", a day, which a passage may not repeat).
_MONTH_YEAR = re.compile(rf"(?<!\d\s)\b({'|'.join(MONTHS)})\s+((?:19|20)\d\d)\b", re.I)
#: "Wie is de projectleider van ...", "wie was het aanspreekpunt": the role whose holder is asked.
#: Without an article the word may be an adjective or participle ("wie is verantwoordelijk / betrokken"): no role.
_ROLE = re.compile(
    r"\bwie\s+(?:is|was|zijn|waren|wordt|werd)\s+"
    # "Wie is in Wijchen de wethouder ...", "wie was bij de GGD de directeur": a place or body before the role.
    r"(?:(?:(?:in|bij|binnen|van|voor|namens)\s+(?:[\w-]+\s+){1,3}?(?=(?:de|het)\s))?(?:de|het)\s+([^\W\d_][\w-]*)|"
    r"(?!(?:er|dat|dit|die|daar|hier|nu|ook|dan)\b|\w*(?:lijk|baar|ig|isch|end)\b|(?:ge|be|ver|ont)\w+(?:d|t|en)\b)"
    r"([^\W\d_][\w-]*))",
    re.I,
)
#: Question kinds, most specific first; the first pattern that matches decides.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("percentage", r"\b(hoeveel\s+procent|welk\s+percentage|welk\s+deel|welk\s+aandeel|percentage|procent)\b"),
        (
            "amount",
            r"\b(welk\s+bedrag|hoeveel\s+(geld|euro)|wat\s+kost|wat\s+kosten|wat\s+(heeft|hebben)\b.*\bgekost|"
            r"wat\s+kostte|hoe\s+duur|hoe\s+hoog\s+is\s+het\s+bedrag|"
            # "Hoeveel investering vraagt ...", "hoeveel subsidie": a noun of money, singular ("hoeveel
            # investeringen" counts them).
            rf"hoeveel\s+(?:(?:extra|meer|minder)\s+)?(?:middelen|{_AMOUNT_NOUNS}(?![\w-]))|"
            r"hoe\s+groot\s+is\s+het\s+(budget|bedrag|tekort|overschot|nadeel|voordeel)|"
            r"welk\s+(budget|tekort|overschot|nadeel|voordeel|resultaat|saldo))\b",
        ),
        ("amount", _AMOUNT_ASKED),
        # "Hoeveel gaat het toezicht in 2026 kosten?", "hoeveel had de GGD uitgegeven aan ...": money, not a count.
        ("amount", r"\bhoeveel\b.*\b(kost|kosten|kostte|kostten|gekost|uitgegeven|besteed)\b"),
        # "Hoeveel gaf de GGD in 2022 uit aan ...": the verb "uitgeven" split around its object.
        ("amount", r"\bhoeveel\b.*\b(gaf|gaven|geeft|geven)\b.*\buit\b"),
        ("duration", r"\b(hoe\s+lang|hoeveel\s+(jaar|jaren|maanden|weken|dagen|uur))\b"),
        ("frequency", r"\b(hoe\s+vaak|hoe\s+dikwijls|hoeveel\s+keer)\b"),
        ("count", r"\b(hoeveel|hoe\s+veel|welk\s+aantal|het\s+aantal|hoe\s+groot|hoe\s+hoog)\b"),
        (
            "date",
            r"\b(wanneer|welke\s+datum|op\s+welke\s+dag|in\s+welk\s+jaar|welk\s+jaar|per\s+wanneer|vanaf\s+wanneer|"
            r"tot\s+wanneer|sinds\s+wanneer|welke\s+maand|welke\s+jaren|welke\s+periode|naar\s+welk\s+jaar|"
            r"de\s+datum\s+waarop|het\s+jaar\s+waarin)\b",
        ),
        (
            "who",
            r"\b(wie|door\s+wie|met\s+wie|welke\s+(organisatie|organisaties|partij|partijen|instantie|instanties|"
            r"aanbieder|aanbieders|stichting|stichtingen|gemeente|gemeenten|wethouder|partner|partners))\b",
        ),
        (
            "why",
            r"\b(waarom|om\s+welke\s+reden|wat\s+(?:is|was|zijn|waren)\s+(?:[\w-]+\s+){0,4}?de\s+(?:reden|redenen|oorzaak|oorzaken)\b|"
            r"waardoor|hoe\s+komt\s+het)\b",
        ),
        ("where", r"^\s*waar\b(?!\s*(om|door|mee|voor|aan|over|van|in|op|bij|uit|naar)\b)"),
        (
            "how",
            r"\b(hoe\b(?!\s*(veel|vaak|lang|groot|hoog|duur))|op\s+welke\s+(manier|wijze)|via\s+welke|waarmee|"
            r"wat\s+doet|wat\s+gaat\s+.{1,40}\s+doen|welke\s+maatregelen|welke\s+aanpak)",
        ),
        (
            "definition",
            r"^\s*(wat\s+(is|zijn|betekent|houdt|verstaat|bedoelt)|wat\s+wordt\s+(bedoeld|verstaan))\b",
        ),
        (
            "yesno",
            r"^\s*(is|zijn|heeft|hebben|wordt|worden|gaat|gaan|kan|kunnen|mag|moet|moeten|komt|krijgt|"
            r"levert|houdt|zal|zullen|staat|valt|bestaat)\b",
        ),
    )
)
#: "Welke X" with a plural noun, "noem", "wat zijn de": an enumeration is asked.
_LIST = re.compile(
    r"\b(welke\s+(\w+\s+){0,2}\w+(en|'s|s|ers)\b|noem|som\s+op|wat\s+zijn\s+de|welke\s+\w+\s+zijn\s+er)", re.I
)
#: Words of the question that say what kind of answer is wanted, not what it is about (stemmed below).
_FRAME = (
    "gemeente document nota informatienota beleidsplan volgens staat genoemd noemt beschreven vermeld precies "
    "ongeveer totaal totale jaar jaren bedrag aantal percentage procent dag datum periode maand welk welke wie waarom "
    "hoe reden manier wijze verwacht verwachte zegt geeft geven laten zien weten rapport stuk tekst vraag groot grote "
    "hoog hoge lang vaak eigenlijk nu kost geld sinds vanaf tussen periode verstaat verstaan bedoeld bedoelt betekent "
    "betekenis definitie"
)
_FRAME_WORDS = frozenset(terms(_FRAME))
#: Phrases that say "about" ("op het gebied van roken", "wat betreft alcohol"): framing, not the subject; the
#: words after them are.
ABOUT = re.compile(
    r"\b(?:(?:voor\s+)?wat\s+betreft|op\s+het\s+(?:gebied|vlak|terrein)\s+van|met\s+betrekking\s+tot|"
    r"ten\s+aanzien\s+van|als\s+het\s+gaat\s+om|inzake|omtrent|aangaande)\b",
    re.I,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d.,]*\d)")
#: Capitalised words inside a question (not its first word): names of places, organisations, programmes.
_NAME = re.compile(r"(?<=[\w,;:)’'] )([A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*)*)")


@dataclass(frozen=True)
class Query:
    """One question (or one part of a multi-part question) as the answerer needs it."""

    text: str
    kind: str
    #: Stemmed content terms the answer passage must be about (question and frame words removed).
    focus: tuple[str, ...]
    years: tuple[str, ...]
    numbers: tuple[str, ...]
    names: tuple[str, ...]
    wants_list: bool
    #: What a "hoeveel"-question counts ("hoeveel mantelzorgers" -> the stem of "mantelzorgers"), else "".
    counted: str = ""
    #: Kinds of document the question names as its source ("volgens het beleidsplan", "in de begroting").
    doc_types: tuple[str, ...] = ()
    #: Months the question is about ("in januari 2022" -> "2022-01"): a passage from another month does not answer.
    months: tuple[str, ...] = ()
    #: Years that name the source, not the asked fact ("volgens de begroting 2026", "de jaarstukken 2023"): the
    #: document or its section must carry them; a table row need not repeat them in a column.
    source_years: tuple[str, ...] = ()
    #: Days the question names, ISO ("wat besloot het college op 16 mei 2023" -> "2023-05-16"): asked what was
    #: decided that day, only the besluitenlijst of that meeting answers (not one that mentions the day).
    days: tuple[str, ...] = ()
    #: The quantity an amount question asks for ("wat is de begrote eindstand van ..." -> the stem of "eindstand"):
    #: a table row answers only when its caption, label or column names it (another row reports another quantity).
    measured: str = ""
    #: The role a "wie"-question asks who holds ("Wie is de projectleider van ..." -> the stem of "projectleider"):
    #: a name in a sentence that does not name the role is someone else's.
    role: str = ""
    #: The plural noun a list question enumerates ("Welke panden huurt ...", "Wat zijn de vijf hoofddoelen van X?"
    #: -> the stem of "panden", "hoofddoelen"): the list to quote is the one of these, not any list about X.
    listed: str = ""
    #: A later part that points back to an earlier one ("..., en welke interventies zijn daar uit voortgekomen?"):
    #: it is about the earlier part's subject, and answers only when that part does.
    depends_on_earlier: bool = False
    #: The part as the user asked it, when ``text`` has the other parts' words added for the search.
    asked: str = ""
    #: The date a named source is dated ("in de informatienota van 27 mei 2025" -> "2025-05-27"): retrieval prefers
    #: that document; the date's year is no asked year.
    source_days: tuple[str, ...] = ()
    #: Stems of a named part of a document ("volgens de tabel 'Kerncijfers'", "in de paragraaf weerstandsvermogen"):
    #: retrieval prefers the passages that part heads.
    part: tuple[str, ...] = ()

    @property
    def wants_quantity(self) -> bool:
        return self.kind in ("count", "amount", "percentage", "duration", "frequency")

    @property
    def future(self) -> bool:
        """ "Wanneer komt de bijgewerkte visie?": a date still to come, as its document saw it."""
        return self.kind == "date" and bool(_FUTURE.search(self.text))

    @property
    def scope(self) -> Scope:
        return Scope(self.doc_types, self.source_years, self.source_days, self.part)


@dataclass(frozen=True)
class Scope:
    """The source a question names ("volgens de begroting 2026", "in de bestuursrapportage januari t/m augustus
    2024"): retrieval prefers its passages, so a table of that document outranks the same table of last year's.

    A passage belongs to it when its document is of that kind, or its section is (a begroting bound into a bundle of
    the algemeen bestuur), and its title or section carries the named years.
    """

    doc_types: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    #: The named document's date ("de informatienota van 27 mei 2025").
    days: tuple[str, ...] = ()
    #: Stems of the part of a document the question names (see ``named_part``); the retriever reads them.
    part: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.doc_types)

    def matches(self, chunk: Chunk) -> bool:
        if self.days and chunk.date not in self.days:
            return False
        where = f"{chunk.title} {chunk.section}"
        if not all(mentions_year(where, y) for y in self.years):
            return False
        return chunk.doc_type in self.doc_types or any(
            t.matches(chunk.section) for t in vocabulary.doc_types() if t.name in self.doc_types
        )


#: The past participle of a Dutch separable verb: its particle, "ge", the verb's root ("toe-ge-voeg-d", "op-ge-stel-d",
#: "bij-ge-drag-en").
_SEPARABLE_PARTICIPLE = re.compile(
    r"^(toe|op|af|aan|uit|in|mee|bij|door|over|terug|vast|weg|voor|na|om|samen|tegen)ge([a-z]{3,}?)(?:d|t|en)$"
)


def participle_stems(text: str, stemmer: str = "dutch_porter") -> list[str]:
    """The stems of the verbs and nouns that the separable participles in ``text`` come from: "toegevoegd" asked,
    "Toevoegingen" a column ("toevoeg"); "opgesteld" asked, "opstelling" written ("opstell"). The stemmer leaves
    the participle whole, so without these a question in the perfect tense misses the table of its noun. A root may
    double its last consonant ("opstellen"), so both forms are given; a search keeps the ones the corpus has.

    >>> participle_stems("Hoeveel is er in 2023 toegevoegd aan de voorziening?")
    ['toevoeg', 'toevoegg']
    """
    out: list[str] = []
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if m := _SEPARABLE_PARTICIPLE.match(word):
            root = m.group(1) + m.group(2)
            out.extend(terms(f"{root}en {root}{root[-1]}en {root}ing", stemmer))
    return list(dict.fromkeys(out))


#: The question word that opens the question decides first: "Hoe wil de gemeente het aantal ... verminderen?" asks
#: how, although "het aantal" occurs in it.
_OPENING = (
    ("why", re.compile(r"^\s*(waarom|waardoor|om\s+welke\s+reden)\b", re.I)),
    (
        "how",
        re.compile(
            r"^\s*(hoe|op\s+welke\s+(manier|wijze)|waarmee)\b(?!\s*(veel|vaak|lang|groot|hoog|duur|laat|verhoud))", re.I
        ),
    ),
    ("who", re.compile(r"^\s*(wie|door\s+wie|met\s+wie)\b", re.I)),
    ("date", re.compile(r"^\s*(wanneer|per\s+wanneer|vanaf\s+wanneer|tot\s+wanneer|sinds\s+wanneer)\b", re.I)),
    # "Waar staat ZONL voor?", "Waar is RAK een afkorting van?": what an abbreviation means, not where something is.
    (
        "definition",
        re.compile(
            r"^\s*waar\s+(?:(?:staat|staan)\s+(?:de\s+afkorting\s+)?\S+\s+voor|is\s+\S+\s+een\s+afkorting)\b", re.I
        ),
    ),
)


def question_kind(text: str) -> str:
    for kind, pattern in _OPENING:
        if pattern.search(text) and not (kind == "how" and _KINDS[0][1].search(text)):
            return kind
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    if not _INTERROGATIVE.search(text):
        # A question typed as a few words ("jaarbudget schakelteam Stedenwijk?", "aantal respondenten uit Zwolle?"):
        # the noun that names a quantity says what is asked.
        if re.match(r"\s*(?:het\s+)?aantal\b", text, re.I):
            return "count"
        if quantity_nouns(text, plurals=True):
            return "amount"
    return "fact"


#: Any question word: a question without one is typed as a few words (see ``question_kind``).
_INTERROGATIVE = re.compile(
    r"\b(wie|wat|wanneer|waar\w*|welk|welke|hoe|hoeveel|waarom|waardoor|is|zijn|heeft|hebben|wordt|worden|kan|"
    r"kunnen|mag|moet|gaat|gaan|noem)\b",
    re.I,
)


def analyse(text: str, stemmer: str = "dutch_porter") -> Query:
    kind = question_kind(text)
    # "volgens de GGD-begroting 2025": which document to read, not what the answer is about (see ``Scope``).
    # "de Zwolse subsidie": the documents name the place ("gemeente Zwolle"), not its adjective.
    placed = vocabulary.place_adjectives(text)
    about = ABOUT.sub(" ", _named_source().sub(" ", placed))
    focus = tuple(t for t in dict.fromkeys(terms(about, stemmer)) if t not in _FRAME_WORDS)
    # The year of a named document's date is no asked year ("wat staat er in de informatienota van 27 mei 2025 over
    # mantelzorg" asks nothing about 2025).
    dated = source_dates(text)
    years = tuple(y for y in dict.fromkeys(_YEAR.findall(text)) if text.count(y) > sum(d.count(y) for d in dated))
    numbers = tuple(n for n in dict.fromkeys(_NUMBER.findall(text)) if n not in years)
    names = tuple(dict.fromkeys(m.group(1) for m in _NAME.finditer(placed)))
    wants_list = bool(_LIST.search(text)) and kind in ("fact", "who", "how", "definition", "list")
    counted = ""
    m = _COUNTED.search(text)
    words = m.group(1).split() if m else []
    # "hoeveel bedroegen de passiva", "hoeveel kosten de plannen": a verb, then its subject; no noun is counted.
    verb_first = len(words) >= 2 and words[1].lower() in _SUBJECT_START
    if kind == "count" and words and not verb_first:
        # The first plural noun after "hoeveel" (adjectives before it and verbs such as "bedraagt" skipped).
        noun = next((w for w in words if _PLURAL.search(w) and w.lower() not in _VERBS), "")
        stems = [t for t in terms(noun, stemmer) if t not in _FRAME_WORDS]
        counted = stems[0] if stems else ""
    sources = [m.group(0) for m in _named_source(_SOURCE_WORDS, "de|het|dit|deze|ons|onze|uw").finditer(text)]
    doc_types = tuple(t.name for t in vocabulary.doc_types() if any(t.named_in(src) for src in sources))
    months = tuple(dict.fromkeys(f"{y}-{MONTHS[m.lower()]:02d}" for m, y in _MONTH_YEAR.findall(text)))
    # "Wat is de begrote eindstand van het fonds ...": the quantity an amount question asks for.
    measured = _MEASURED.search(text) if kind == "amount" else None
    measured_words = measured.group(1) if measured else ""
    if not measured_words and verb_first and (subject := _SUBJECT_MEASURED.search(text)):
        # A name in it ("de proeftuin Buurtgezinnen") is what is measured, not the quantity.
        head = subject.group(1).split()
        measured_words = next((w for w in reversed(head) if not w[0].isupper()), head[-1])
    measured_stems = [t for t in terms(measured_words, stemmer) if t not in _FRAME_WORDS]
    role = _ROLE.search(text) if kind == "who" else None
    role_stems = [t for t in terms(role.group(1) or role.group(2), stemmer) if t not in _FRAME_WORDS] if role else []
    listed = _listed_noun(text, stemmer) if wants_list else ""
    return Query(text, kind, focus, years, numbers, names, wants_list, counted, doc_types, months, source_years(text),
                 days_in(text), measured_stems[0] if measured_stems else "",
                 role_stems[0] if role_stems else "", listed, source_days=days_in(" ".join(dated)),
                 part=named_part(text, stemmer))  # fmt: skip


#: "welke (nieuwe) activiteiten", "wat zijn de (vijf) hoofddoelen", "noem de kernwaarden": up to four words after the
#: opening of a list question, where the enumerated noun stands.
_LIST_OPENING = re.compile(r"\b(?:welke|wat\s+zijn\s+de|noem\s+(?:de|alle))\s+((?:[^\W\d_][\w'’-]*\s*){1,4})", re.I)
#: Plural nouns that say only that several things are asked ("welke voorbeelden van ...", "welke zaken"), or that
#: every item of a besluitenlijst carries as its label ("welke besluiten nam het college": "Besluit: ..."): they pick
#: no list.
_GENERIC_PLURALS = frozenset(
    {"voorbeelden", "zaken", "dingen", "punten", "onderdelen", "aspecten", "elementen", "besluiten", "beslissingen"}
)
_NUMBER_WORDS = frozenset({"twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"})


def _listed_noun(text: str, stemmer: str) -> str:
    """The stem of the first plural noun after the opening of a list question; adjectives before it ("nieuwe",
    "inhoudelijke": ending in -e) and number words are skipped, a generic plural ("voorbeelden") gives none."""
    m = _LIST_OPENING.search(text)
    for word in m.group(1).split() if m else []:
        low = word.lower()
        if low in _NUMBER_WORDS or low.endswith("e"):
            continue
        if low in _GENERIC_PLURALS or not _PLURAL.search(low) or low in _VERBS:
            return ""
        stems = [t for t in terms(word, stemmer) if t not in _FRAME_WORDS]
        return stems[0] if stems else ""
    return ""


def quantity_nouns(text: str, plurals: bool = False) -> tuple[str, ...]:
    """The words of ``text`` that name a quantity of money ("Baten DVO Provincie", "Totaal lasten", "Dekking
    uit het fonds" has none): a table row whose label names one is a row of that quantity, a question typed as a few
    words that names one asks an amount. With ``plurals`` also their plural forms ("subsidies", "investeringen")."""
    return tuple(m.group(0) for m in _quantity_pattern(plurals).finditer(text))


@lru_cache(maxsize=2)
def _quantity_pattern(plurals: bool) -> re.Pattern[str]:
    """Compiled once per form: every candidate row label is read with it."""
    return re.compile(rf"(?<![\w-])(?=[^\W\d_])(?:{_AMOUNT_NOUNS}{'(?:s|en)?' if plurals else ''})(?![\w-])", re.I)


@lru_cache(maxsize=1024)
def name_terms(names: tuple[str, ...], stemmer: str = "dutch_porter") -> frozenset[str]:
    """The stems of the names a question capitalises (``Query.names``): read once per question, not once per
    candidate sentence that is checked against it."""
    return frozenset(t for name in names for t in terms(name, stemmer))


def source_years(text: str) -> tuple[str, ...]:
    """Years printed right after a kind of document: "begroting 2026", "GGD-begroting 2025", "jaarstukken 2023",
    "bestuursrapportage januari t/m augustus 2024". They say which document is meant; "in 2024" elsewhere in the
    question still asks about that year."""
    return tuple(
        dict.fromkeys(y for m in _source_reference().finditer(text) for y in _YEAR.findall(_DATED.sub(" ", m.group(0))))
    )


def source_dates(text: str) -> list[str]:
    """The dates a named source is dated, as written: "de informatienota van 27 mei 2025" -> ["27 mei 2025"]."""
    return [d.group(1) for m in _source_reference().finditer(text) for d in _DATED.finditer(m.group(0))]


#: "van 27 mei 2025" after a kind of document: the document's date.
_DATED = re.compile(rf"\s+van\s+(\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\s+(?:19|20)\d\d)\b", re.I)


#: Words that make the kind of document right after them (and an article) the question's source.
_SOURCE_WORDS = "volgens|in|uit|noemt|noemen|staat|staan|beschrijft|beschrijven|meldt|melden|zegt|zeggen"


@lru_cache(maxsize=2)
def _named_source(words: str = "volgens|in|uit", articles: str = "de|het|ons|onze|uw") -> re.Pattern[str]:
    """ "volgens de begroting 2026", "in de GGD-begroting 2025", "uit het beleidsplan", "volgens ons beleidsplan": a
    kind of document right after one of ``words`` and an article or possessive. With these defaults the phrase is
    dropped from the focus terms; with all of ``_SOURCE_WORDS`` it names the kinds of document the question reads. A
    kind elsewhere in the question is what it asks about ("wanneer komt de bijgewerkte visie ... in Wijchen": a visie
    is asked for, no beleidsplan is named)."""
    return re.compile(rf"\b(?:{words})\s+(?:{articles})\s+{_source_reference(True).pattern}", re.I)


@lru_cache(maxsize=2)
def _source_reference(year_optional: bool = False) -> re.Pattern[str]:
    """A kind of document and the year(s) printed after it; with ``year_optional`` the bare kind too."""
    cues = sorted({c for t in vocabulary.doc_types() for c in t.cues}, key=len, reverse=True)
    months = "|".join(MONTHS)
    between = rf"(?:\s+(?:{months}|t/m|tot|en|met|-|–)){{0,4}}"
    year = r"(?:19|20)\d\d"
    dated = rf"(?:{between}\s+{year}(?:\s*[-–/]\s*{year})?|{_DATED.pattern})"
    return re.compile(
        rf"(?<![\w])(?:\w+-)?(?:{'|'.join(map(re.escape, cues))})\w*(?:{dated}){'?' if year_optional else ''}\b", re.I
    )


def document_references(text: str) -> str:
    """The words with which ``text`` names a document by its kind and year ("in de GGD-begroting 2025", "volgens de
    jaarstukken 2023"), joined; "" when it names none. They say which table is meant, not which of its columns.

    >>> document_references("Wat was in de GGD-begroting 2025 de prognose 2024?")
    'GGD-begroting 2025'
    """
    return " ".join(m.group(0) for m in _source_reference().finditer(text))


#: "volgens de kerncijfers", "in het overzicht investeringen", "uit de paragraaf weerstandsvermogen": a part of a
#: document named after "volgens" and an article, or after "in/uit", an article and the word for a kind of part ("in de
#: wijk", "uit de inwonerbijdrage" name what is asked about, no part). A quoted name is read whole; an unquoted one is
#: up to four words, cut where the question goes on (see ``_PART_END``).
_NAMED_PART = re.compile(
    r"\b(?:volgens\s+(?:de|het)\s+(?:_PART\s+)?|(?:in|uit)\s+(?:de|het)\s+_PART\s+)"
    r"(?:['‘\"]([^'’\"]{2,80})['’\"]|((?:[^\W\d_][\w'’-]*\s*){1,4}))".replace(
        "_PART", "(?:tabel|overzicht|hoofdstuk|paragraaf|bijlage|grafiek|figuur|onderdeel|staat)"
    ),
    re.I,
)
#: Words after which an unquoted part name has ended: prepositions, conjunctions, verbs and question words.
# fmt: off
_PART_END = frozenset({
    "van", "voor", "in", "op", "bij", "over", "met", "aan", "uit", "naar", "tot", "per", "en", "of", "dat", "die",
    "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "staat", "staan", "stond", "heeft", "hebben",
    "had", "hadden", "de", "het", "een", "als", "wat", "hoeveel", "welke", "welk", "wie", "wanneer", "hoe", "waarom"
})
# fmt: on
#: "in de afgelopen jaren", "in het eerste kwartaal", "in de praktijk": a time or manner, no part of a document.
# fmt: off
_TIME_WORDS = frozenset({
    "jaar", "jaren", "periode", "maand", "maanden", "week", "weken", "kwartaal", "afgelopen", "komende", "vorige",
    "volgende", "eerste", "tweede", "derde", "laatste", "loop", "tussentijd", "toekomst", "praktijk"
})
# fmt: on


def named_part(text: str, stemmer: str = "dutch_porter") -> tuple[str, ...]:
    """Stems of the part of a document a question names, most telling word first.

    A named document ("in de begroting 2026") is the ``Scope``'s business, a gemeente ("in de gemeente Zwolle") is
    a place and a time ("in de afgelopen jaren") no part: those give nothing. A leading adjective moves to the end
    ("in de financiële kerncijfers" -> kerncijfer first), because the retriever matches the leading words first.

    >>> named_part("Hoeveel inwoners telt de regio volgens de tabel 'Kerncijfers'?")
    ('kerncijfer',)
    """
    for m in _NAMED_PART.finditer(text):
        if m.group(1):
            words = m.group(1).split()
        else:
            words = []
            for word in m.group(2).split():
                if word.lower() in _PART_END:
                    break
                words.append(word)
        if not words or words[0].lower() in _TIME_WORDS:
            continue
        name = " ".join(words)
        if _source_reference(True).match(name) or vocabulary.gemeenten_in(name):
            continue
        lead = 0
        while lead < len(words) - 1 and words[lead][0].islower() and words[lead].lower().endswith("e"):
            lead += 1
        stems = [t for t in terms(" ".join(words[lead:] + words[:lead]), stemmer) if not t.isdigit()]
        if stems:
            return tuple(dict.fromkeys(stems))
    return ()


#: Up to three words after "hoeveel": where the noun it counts is.
_COUNTED = re.compile(r"\bhoeveel\s+((?:[^\W\d_][\w’'-]*\s*){1,3})", re.I)
_PLURAL = re.compile(r"(?:en|s|'s|’s|ers|ies)$", re.I)
#: Words that start a subject right after a verb: "hoeveel [verb] de/het/er/ze ...".
_SUBJECT_START = frozenset({"de", "het", "een", "er", "die", "dit", "deze", "dat", "ze", "zij", "hij", "we", "wij"})
_VERBS = frozenset({"zijn", "hebben", "worden", "kunnen", "moeten", "gaan", "komen", "staan", "liggen", "is", "was"})


# --------------------------------------------------------------------------------------------
# Multi-part questions
# --------------------------------------------------------------------------------------------

#: A question word, with the preposition that may come before it ("via welke organisatie", "tot welk percentage",
#: "met hoeveel", "sinds wanneer", "aan wie").
_QUESTION_WORD = (
    r"(?:(?:via|van|uit|bij|aan|naar|tot|in|op|met|voor|door|om|over|onder|tegen|sinds|vanaf|per)\s+)?"
    r"(?:wanneer|hoeveel|hoe|wat|wie|welke|welk|waarom|waar|waarmee|waardoor)"
)
#: "..., en wanneer ...", "... en hoeveel ...", "...; wie ...": a second question starts at a question word.
_SECOND_QUESTION = re.compile(
    rf"(?:,\s*|\s+)(?:en|maar|of)\s+(?={_QUESTION_WORD}\b)|[;?]\s+(?={_QUESTION_WORD}\b)"
    # "..., en met subsidie van welke organisatie ...", "..., en de mensen van welke organisatie ...": after a comma
    # the question word may come a few words into the second question.
    r"|,\s*(?:en|maar|of)\s+(?=(?:[\w-]+\s+){1,3}(?:welke|welk|wie|hoeveel)\b)",
    re.I,
)
_COMPARE = re.compile(r"\b(vergeleken\s+met|ten\s+opzichte\s+van|t\.o\.v\.|in\s+vergelijking\s+met|versus)\b", re.I)
#: A part that points back to the subject of another ("... en waar komt dat geld vandaan?", "wat doet die organisatie").
_REFERS_BACK = re.compile(
    r"\b(dat|dit|die|deze|ze|zij|hij|hem|hun|daar\w*|hier\w*|ervan|erin|erop|erbij|erover)\b"
    # "het" without a noun after it: "wanneer start het in Wijchen"
    r"|\bhet(?=\s*(?:[?,.]|$|(?:in|op|aan|uit|bij|mee|af|door|voor|te|weer|ook|nog|dan)\b))",
    re.I,
)
_BARE_PART = re.compile(r"^(?:en\s+)?(?:dat|dit|die|het|er)?\s*$", re.I)


def split_parts(question: str, stemmer: str = "dutch_porter") -> list[Query]:
    """The parts of a multi-part question, each as its own ``Query``; one part for a plain question.

    A second part that names no subject of its own ("... en wanneer start het?") borrows the focus terms
    of the first, so it is searched for the same topic.
    """
    compared = _compared(question) or _related(question) or _per_year(question, stemmer)
    if compared:  # two whole questions: nothing to share
        return [analyse(p + "?", stemmer) for p in compared]
    pieces = [p.strip(" ,;?") for p in _SECOND_QUESTION.split(question) if p.strip(" ,;?")]
    if len(pieces) < 2:
        return [analyse(question, stemmer)]
    parts = [analyse(p + "?", stemmer) for p in pieces if not _BARE_PART.match(p)]
    if len(parts) < 2:
        return [analyse(question, stemmer)]
    out = []
    for i, part in enumerate(parts):
        # A part names its subject only partly ("... en wanneer gaat het in?", "Hoeveel vrouwen en hoeveel mannen
        # krijgen dementie?"): it shares the focus terms of the others, and is searched with their words.
        others = [p for j, p in enumerate(parts) if j != i]
        if len(part.focus) < 2 or (i > 0 and _REFERS_BACK.search(part.text)):
            shared = tuple(dict.fromkeys(part.focus + tuple(t for p in others for t in p.focus)))
            context = " ".join(p.text.rstrip("?") for p in others)
            # "hoeveel poolmiddelen hebben ze nu, en hoeveel komen er bij?": the second counts the same things.
            counted = part.counted or (others[0].counted if part.kind == others[0].kind else "")
            part = replace(
                part, text=f"{part.text.rstrip('?')} ({context})?", focus=shared, years=part.years or others[0].years,
                names=part.names or others[0].names, days=part.days or others[0].days, counted=counted,
                # a bare "..., en hoeveel?" asks the same again: it depends on nothing
                depends_on_earlier=i > 0 and bool(part.focus), asked=part.text,
            )  # fmt: skip
        elif part.wants_quantity and not part.years and out and len(years := out[0].years) == 1:
            # "Hoeveel klachten kwamen er in 2023 binnen, en hoeveel meldingen bij de vertrouwenspersoon?": the year
            # the first part sets is the time frame of the number asked next.
            part = replace(part, years=years)
        out.append(part)
    return out


#: "Hoe verhoudt de afwijking bij Jeugd zich tot die bij de Wmo?": two values, each asked on its own.
_RELATES = re.compile(
    r"^\s*hoe\s+(?:verhoudt|verhouden|verhield|verhielden)\s+(?P<asked>.+?)\s+zich\s+tot\s+(?P<other>.+?)[\s?]*$", re.I
)
#: The prepositions that open a noun phrase's qualifier ("bij Jeugd", "in Druten", "van vorig jaar").
_QUALIFYING = "van|bij|in|voor|op|uit|onder"
#: "die bij de Wmo", "dat in Druten", "die van vorig jaar": the same thing, elsewhere or at another time.
_SAME_THING = re.compile(rf"^(?:die|dat|diens|degene)\s+(?=(?:{_QUALIFYING})\b)", re.I)
#: Where a noun phrase's own qualifiers begin ("de verwachte afwijking | bij Jeugd").
_QUALIFIER = re.compile(rf"\s(?:{_QUALIFYING})\s", re.I)


def _related(question: str) -> list[str]:
    """ "Hoe verhoudt X zich tot Y?" as two questions, X and Y; a Y that refers back to X ("die bij
    de Wmo") is X's thing with Y's qualifiers ("de verwachte afwijking bij de Wmo"). Empty for any other question."""
    m = _RELATES.match(question)
    if m is None:
        return []
    asked, other = m["asked"].strip(" ,"), m["other"].strip(" ,")
    if (same := _SAME_THING.match(other)) is not None:
        cut = _QUALIFIER.search(asked)
        thing = asked[: cut.start()] if cut else asked
        other = f"{thing} {other[same.end() :]}"
    elif len(other.split()) <= 2:  # "... zich tot 2023", "... tot Druten": a comparison with a year or a gemeente
        asked, other = asked.strip(" ,;?"), other.strip(" ,;?")
        return _compared_with(asked, other) if asked else []
    if _YEAR.search(other) and not _YEAR.search(asked):  # "... tot die bij de Wmo voor 2025": both are of 2025
        asked = f"{asked} {' '.join(y.group(0) for y in _YEAR.finditer(other))}"
    # Each part is the noun phrase itself, shown as such above its answer ("De verwachte afwijking bij Jeugd?").
    return [asked[:1].upper() + asked[1:], other[:1].upper() + other[1:]]


def _compared(question: str) -> list[str]:
    """A comparison with a year or a gemeente ("Hoeveel cliënten verblijven in Wijchen, vergeleken met 2023?") as two
    questions: the one asked, and the same about what it is compared with ("... in Wijchen in 2023"), so each value is
    found in its own sentence. Empty for any other question (a comparison with a thing is one question)."""
    m = _COMPARE.search(question)
    if m is None:
        return []
    asked = question[: m.start()].strip(" ,;?")
    rest = question[m.end() :].strip(" ,;?")
    if not asked or len(rest.split()) > 4:
        return []
    return _compared_with(asked, rest)


#: "... in 2026 en in 2029?", "... voor 2025 en 2026?": one value asked for each of two years.
_TWO_YEARS = re.compile(
    r"^(?P<head>.+?\s(?P<prep>in|voor|over))\s+(?P<first>(?:19|20)\d\d)\s+en\s+(?:(?P=prep)\s+)?"
    r"(?P<second>(?:19|20)\d\d)\b(?P<tail>[^?]*)\??\s*$",
    re.I,
)


def _per_year(question: str, stemmer: str) -> list[str]:
    """A value asked for two years ("Naar welk percentage gaat de doorberekening in 2025 en in 2026?") as one question
    per year, so each year's value is found and led with; a question for anything else than a value (a list, a
    reason) asks about the two years together and stays one."""
    m = _TWO_YEARS.match(question.strip())
    if m is None or not analyse(question, stemmer).wants_quantity:
        return []
    return [f"{m['head']} {m[year]}{m['tail']}".strip(" ,;") for year in ("first", "second")]


def _compared_with(asked: str, rest: str) -> list[str]:
    """``asked`` and the same question about the year or gemeente ``rest`` names; empty when it names neither."""
    year, places, own_places = _YEAR.search(rest), vocabulary.gemeenten_in(rest), vocabulary.gemeenten_in(asked)
    if year:
        other = _YEAR.sub(year.group(0), asked, count=1) if _YEAR.search(asked) else f"{asked} in {year.group(0)}"
    elif places and own_places:
        other = re.sub(rf"\b{re.escape(own_places[0])}\b", places[0], asked, count=1)
    elif places:
        other = f"{asked} in {places[0]}"
    else:
        return []
    return [asked, other]
