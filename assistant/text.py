"""Dutch text utilities shared by chunking, BM25 and the extractive answerer.

One tokenizer for every lexical component, so the terms BM25 matches on are the terms the
answerer scores sentences by.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

from .tables import SEPARATOR, parse_row_sentence

#: bm25s' Dutch list plus question words and corpus filler that carry no topic.
STOPWORDS: frozenset[str] = frozenset(STOPWORDS_DUTCH) | {
    "wat", "welke", "welk", "wie", "waar", "wanneer", "hoe", "hoeveel", "waarom", "waarmee",
    "waardoor", "waaraan", "waarvoor", "we", "wij", "ons", "onze",
    "worden", "wordt", "werd", "zijn", "is", "heeft", "hebben", "gaat", "gaan", "doet", "kan",
    "kunnen", "moet", "moeten", "zal", "zullen", "ook", "nog", "wel", "meer", "veel", "u", "uw",
    "staat", "over", "volgens", "daarvan", "hierover", "the", "de", "het", "een",
}  # fmt: skip

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = {
    "o.a", "t.o.v", "m.n", "t.a.v", "bijv", "bv", "ca", "nr", "jan", "feb", "aug", "sept", "okt",
    "nov", "dec", "dhr", "mevr", "e.d", "i.p.v", "z.s.m", "incl", "excl", "m.b.t", "d.w.z", "o.b.v",
    "t/m", "vs", "blz", "pag", "art", "etc", "mr", "dr", "drs", "ir", "prof", "resp", "evt", "enz",
    "m.u.v", "i.v.m", "a.s", "j.l", "n.a.v", "m.i.v", "o.l.v",
    # usual in letters and besluitenlijsten: "brief d.d. 7 maart", "t.b.v. de commissie", "i.o.m. de GGD"
    "d.d", "t.b.v", "i.o.m", "i.s.m", "m.m.v", "t.z.t", "e.e.a", "c.q", "o.i.d", "m.a.w", "i.c.m", "t.w.v", "o.v.v",
    "v.w.b", "z.o.z", "mrt", "apr", "jun", "jul", "sep",
}  # fmt: skip
_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"'‘“(]?[A-Z0-9€À-Ý•])|\n\n+")


@lru_cache(maxsize=4)
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


#: Abbreviations written out, so "t.o.v." matches "ten opzichte van" (and its stopwords drop out alike).
_ABBREVIATED = {
    "t.o.v.": "ten opzichte van", "o.a.": "onder andere", "i.p.v.": "in plaats van", "m.b.t.": "met betrekking tot",
    "i.v.m.": "in verband met", "t.a.v.": "ten aanzien van", "o.b.v.": "op basis van", "m.u.v.": "met uitzondering van",
    "n.a.v.": "naar aanleiding van", "d.w.z.": "dat wil zeggen", "z.s.m.": "zo spoedig mogelijk",
}  # fmt: skip
_ABBREVIATION = re.compile("|".join(re.escape(a) for a in _ABBREVIATED), re.I)


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens (numbers keep their decimal separators; AED’s == AED's)."""
    text = _ABBREVIATION.sub(lambda m: _ABBREVIATED[m.group(0).lower()], text.translate(_APOSTROPHES))
    return [t.lower() for t in _TOKEN.findall(text)]


def terms(text: str, stemmer: str = "dutch_porter") -> list[str]:
    """Stemmed content terms: stopwords dropped, hyphenated compounds also split into parts."""
    out: list[str] = []
    for token in words(text):
        if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        parts = [token] + (token.split("-") if "-" in token else [])
        out.extend(p for p in parts if p and p not in STOPWORDS)
    stem = _stemmer(stemmer)
    stems = [t if t[0].isdigit() else stem.stemWord(t) for t in out]
    return [_dutch_plural(t) for t in stems] if stemmer.startswith("dutch") else stems


_IE_PLURAL = re.compile(r"(?<=ie)(?:s|en)$")


def _dutch_plural(stem: str) -> str:
    """The Dutch stemmers keep the plural of words in -ie: "subsidies", "interventies", "evaluaties", "strategieën"
    (written "strategieen" after folding) stay apart from "subsidie", "interventie" ... ; one stem for both."""
    return _IE_PLURAL.sub("", stem) if len(stem) > 5 else stem


def is_acronym(token: str) -> bool:
    """ "ZONL", "PrEP", "G&V", "ZonMw": at least two capitals, and capitals at least half of the letters (not "Wmo",
    which is written as a word)."""
    letters = [c for c in token if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and 2 * upper >= len(letters)


#: Initials before a name ("M.E.", "A.P.A."): the period ends no sentence.
_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,4}[^\W\d_]")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as offsets (plus ``offset``), with surrounding space trimmed.

    Paragraph breaks always end a sentence; a period after a known abbreviation or a single
    initial ("A. Smit") does not.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    rows = _row_paragraphs(text)
    for match in _SENTENCE_BOUNDARY.finditer(text):
        cut = match.start()
        if "\n\n" not in match.group(0) and any(a <= cut < b for a, b in rows):
            continue  # "Stand 31-dec-23: 103; dotaties / onttrekkingen real. 2024: -27": one row, one sentence
        before = text[start:cut].rstrip()
        last_word = re.search(r"(\S+)\.$", before)
        if match.group(0).strip() == "" and "\n\n" not in match.group(0) and last_word:
            word = last_word.group(1).lower().lstrip("(")
            numbering = word.isdigit() and len(word) <= 2  # "1. Project herindicering": an item number
            initials = bool(_INITIALS.fullmatch(word))  # "Steller: M.E. Knook"
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or numbering or initials:
                continue
        _add_span(text, start, cut, offset, spans)
        start = match.end()
    _add_span(text, start, len(text), offset, spans)
    return spans


def _row_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs that are table row sentences: their headers may hold abbreviations ("real.",
    "begr.") that would otherwise end a sentence in the middle of the row."""
    if SEPARATOR not in text:
        return []
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        if SEPARATOR in m.group(0) and parse_row_sentence(m.group(0)) is not None:
            out.append((m.start(), m.end()))
    return out


def _add_span(text: str, start: int, end: int, offset: int, spans: list[tuple[int, int]]) -> None:
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right > left:
        spans.append((offset + start + left, offset + start + right))


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


#: Sentences opening with a reference ("Hier doen 11 gemeenten ... mee") are read with the sentence before.
ANAPHORA = re.compile(
    r"^(Hier|Dit|Deze|Daar|Daarom|Daarnaast|Daarbij|Hierdoor|Hiervoor|Hierin|Hiermee|Zo|Ook|Dat|Die|Ze|Zij|"
    r"Het\s+(?:is|was|gaat|ging|betreft|betrof|wordt|werd|kan|moet|zal|heeft|levert|zijn))\b"
)


#: A reference after a fronted phrase: "In 2023 waren dat er 38", "Vorig jaar was dit 12%".
_INVERTED_ANAPHORA = re.compile(r"^(?:\S+\s+){1,4}(?:was|waren|is|zijn|werd|werden)\s+(?:dat|dit|die|deze)\b", re.I)


#: A list item: a bullet, a letter or a number before its text ("• Opgroeien", "b) ...", "3. ..."), or a numbered
#: label ("Hoofddoel 2. Huisvesting ...", "Actie 3: ..."), though not a caption ("Figuur 2. ...", "Tabel 3: ...").
LIST_ITEM = re.compile(
    r"(?:[•●▪◦‣∙·\-–*]|\(?[a-z]\)|\d{1,2}[.)]|(?!(?:Figuur|Tabel|Grafiek|Bijlage|Pagina)\b)[A-Z][a-z]{2,15}\s+\d{1,2}[.):])"
    r"\s+\S"
)


def announces(text: str) -> bool:
    """The text ends in a colon: it introduces what follows ("In de hoofdstukken:", "... via twee sporen:")."""
    return text.rstrip().endswith(":")


def refers_back(sentence: str) -> bool:
    """The sentence opens with a reference to the one before ("Hier doen 11 gemeenten mee", "Dat noemen we ...",
    "In 2023 waren dat er 38")."""
    return bool(ANAPHORA.match(sentence) or _INVERTED_ANAPHORA.match(sentence))


def answer_candidates(text: str) -> list[tuple[int, int, int]]:
    """Sentences an answer can quote, as (start, end, context start) offsets into ``text``.

    The context starts at the sentence before when this one opens with a reference, so "Hier doen 11
    gemeenten mee" is scored together with what "hier" is. Shared by the index (which embeds each
    candidate's context once, at index time) and the extractive answerer (which scores them).
    """
    out = []
    previous = None
    for a, b in sentence_spans(text):
        if len(words(text[a:b])) >= 3:
            context = previous if previous is not None and refers_back(text[a:b]) else a
            out.append((a, b, context))
        previous = a
    return out


def candidate_key(chunk_id: str, start: int, end: int, context: int) -> str:
    return f"{chunk_id}:{start}:{end}:{context}"
