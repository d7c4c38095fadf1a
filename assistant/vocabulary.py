"""Domain vocabularies as data: document types, decision kinds and the Dutch municipalities.

They live in ``assistant/data/`` (``vocabulary.toml``, ``gemeenten.txt``) so a new document type or a municipal
merger is a one-line data change, and no module carries its own list of names that happen to occur in one corpus.

Example:
    >>> doc_type_for("Programmabegroting 2026")
    'begroting'
    >>> decision_kind("Verordening maatschappelijke ondersteuning 2025")
    'verordening'
    >>> "Wijchen" in GEMEENTEN
    True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class DocType:
    name: str
    label: str
    article: str
    cues: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """A cue as a word or word beginning ("Begroting 2026", "programmabegroting" is its own cue)."""
        return bool(self.cues) and bool(self._pattern(compounds=False).search(text))

    def named_in(self, text: str) -> bool:
        """As ``matches``, and also as the tail of a hyphenated compound, as questions write a source
        ("GGD-begroting", "AB-burap")."""
        return bool(self.cues) and bool(self._pattern(compounds=True).search(text))

    def _pattern(self, *, compounds: bool) -> re.Pattern[str]:
        return _cue_pattern(self.cues, compounds)


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...], compounds: bool) -> re.Pattern[str]:
    start = r"(?<!\w)(?:\w+-)?" if compounds else r"(?<![\w-])"
    return re.compile(start + "(?:" + "|".join(map(re.escape, cues)) + ")", re.I)


@dataclass(frozen=True)
class DecisionKind:
    name: str
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[dict[str, object]]]:
    return tomllib.loads((DATA / "vocabulary.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    return tuple(
        DocType(str(d["name"]), str(d["label"]), str(d["article"]), tuple(str(c) for c in d["cues"]))  # type: ignore[union-attr]
        for d in _vocabulary()["doc_types"]
    )


@lru_cache(maxsize=1)
def decision_kinds() -> tuple[DecisionKind, ...]:
    return tuple(
        DecisionKind(str(d["name"]), tuple(str(c) for c in d["cues"]))  # type: ignore[union-attr]
        for d in _vocabulary()["decision_kinds"]
    )


DOC_TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in doc_types())
DOC_TYPE_LABELS: dict[str, str] = {t.name: t.label for t in doc_types()}
ARTICLES: dict[str, str] = {t.name: t.article for t in doc_types()}


def doc_type_for(*texts: str) -> str | None:
    """The first document type whose cue occurs in the first text that has one (title, then file name, then the
    opening lines); None when none does."""
    for text in texts:
        for doc_type in doc_types():
            if doc_type.cues and doc_type.matches(text):
                return doc_type.name
    return None


def decision_kind(text: str, default: str = "besluit") -> str:
    lower = text.lower()
    for kind in decision_kinds():
        if any(re.search(rf"(?<![\w-]){re.escape(c)}", lower) for c in kind.cues):
            return kind.name
    return default


@lru_cache(maxsize=1)
def _issuer_pattern() -> re.Pattern[str]:
    names = sorted((str(n) for n in _vocabulary()["issuers"]["names"]), key=len, reverse=True)  # type: ignore[call-overload]
    # The name alone, or followed by a proper name of at most five words ("Gemeente Wassenaar", "Ministerie van
    # Volksgezondheid, Welzijn en Sport"): capitalised words and the small words inside names, nothing else.
    proper = r"(?:\s+(?:[A-Z\u00c0-\u00de][\w'.,&-]*|van|der|de|den|en|het|'s|voor))"
    return re.compile(r"^(?i:" + "|".join(re.escape(n) for n in names) + r")" + proper + r"{0,5}$")


def is_issuer(line: str) -> bool:
    """Whether a line only names the body that issued the document (a letterhead), e.g. "Gemeente Wassenaar" or
    "Tweede Kamer der Staten-Generaal"; such a line is never the document's title. A line that also names a kind of
    document ("Gemeente Almere Beleidsplan Wmo") is a title that starts with its issuer, not a letterhead."""
    return bool(_issuer_pattern().match(line.strip())) and doc_type_for(line) is None


@lru_cache(maxsize=3)
def header_labels(kind: str) -> str:
    """The header labels of one kind ("with_colon", "with_value", "alone") as one regex alternation, for the
    cleaner's label-line patterns; a label of two words matches with any space between them."""
    labels: list[str] = _vocabulary()["header_labels"][kind]  # type: ignore[index,call-overload]
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in label.split()) for label in labels) + ")"


def meeting_roles_in(text: str) -> tuple[str, ...]:
    """The meeting roles a text names ("loco-secretaris" -> "secretaris"), as the role words of the vocabulary."""
    roles: list[str] = _vocabulary()["meeting_roles"]["names"]  # type: ignore[call-overload]
    return tuple(r for r in roles if re.search(rf"{re.escape(r)}\w{{0,3}}\b", text, re.I))


#: Between a numbered item's word and its number: "toezegging 498", "vragen met nummer 364", "motie nr. 198".
_ITEM_LINK = r"\w*\W+(?:(?:met\W+)?(nummer|nr|no)\.?\W+)?"


@lru_cache(maxsize=1)
def _numbered_item_pattern() -> re.Pattern[str]:
    names: list[str] = _vocabulary()["numbered_items"]["names"]  # type: ignore[call-overload]
    kinds = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b({kinds}){_ITEM_LINK}(\d{{3,}})\b", re.I)


def numbered_items(text: str) -> list[tuple[str, str]]:
    """Council business named by its number ("toezegging 498", "de schriftelijke vragen met nummer 364", "motie nr.
    198"): (the kind's word, the number). A number of three digits or more, right after the word or after "nummer".
    Every question is checked for one, so the pattern is built once."""
    return [
        (m.group(1).lower(), m.group(3))
        for m in _numbered_item_pattern().finditer(text)
        if m.group(2) or not re.fullmatch(r"(?:19|20)\d\d", m.group(3))  # "de vragen 2024": a year
    ]


def names_item(text: str, kind: str, number: str) -> bool:
    """Whether a text names a numbered item ("afdoening toezegging 498" names ("toezegging", "498"))."""
    return bool(re.search(rf"\b{re.escape(kind)}{_ITEM_LINK}{re.escape(number)}\b", text, re.I))


@lru_cache(maxsize=1)
def _body_patterns() -> dict[str, re.Pattern[str]]:
    bodies: dict[str, list[str]] = _vocabulary()["bodies"]  # type: ignore[assignment]
    return {
        body: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)
        for body, names in bodies.items()
    }


def bodies_in(text: str) -> frozenset[str]:
    """The deciding bodies a text names ("college", "raad"), e.g. in a question or a besluitenlijst's title."""
    return frozenset(body for body, pattern in _body_patterns().items() if pattern.search(text))


def deciding_body(text: str) -> str:
    """The body a question asks about: the one it names first ("Wanneer heeft de gemeenteraad de verordening
    vastgesteld?" -> "raad"; "Wanneer besloot het college de raad voor te stellen ...?" -> "college"); "" for none."""
    found = [(m.start(), body) for body, pattern in _body_patterns().items() if (m := pattern.search(text))]
    return min(found)[1] if found else ""


@lru_cache(maxsize=1)
def _outcome_patterns() -> dict[str, re.Pattern[str]]:
    """Per outcome, its forms as one pattern; a verb and its particle ("stelt ... vast") may have a few words between
    them ("de raad stelt het beleidsplan vast")."""
    outcomes: dict[str, list[str]] = _vocabulary()["outcomes"]  # type: ignore[assignment]

    def form(text: str) -> str:
        parts = [re.escape(p) for p in text.split()]
        if len(parts) == 2:
            return parts[0] + r"(?:\s+\S+){0,6}?\s+" + parts[1]
        return r"\s+".join(parts)

    return {
        key: re.compile(r"(?<!\w)(?:" + "|".join(form(f) for f in forms) + r")(?!\w)", re.I)
        for key, forms in outcomes.items()
    }


@lru_cache(maxsize=256)
def asked_outcomes(question: str) -> tuple[str, ...]:
    """The outcomes a question asks about by their participle ("Is de motie aangenomen?" -> ("aangenomen",))."""
    return tuple(key for key in _outcome_patterns() if re.search(rf"(?<!\w){key}(?!\w)", question, re.I))


def states_outcome(outcome: str, text: str) -> bool:
    """Whether ``text`` states ``outcome`` in one of its forms ("1. De verordening vast te stellen." states
    "vastgesteld"; "De motie wordt ondersteund" does not state "aangenomen")."""
    return bool(_outcome_patterns()[outcome].search(text))


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of words the field uses for the same thing ("jeugd", "jongeren", "kinderen"), unstemmed."""
    data = tomllib.loads((DATA / "synonyms.toml").read_text(encoding="utf-8"))
    places = tuple(tuple(n.lower() for n in place_names(g)) for g in sorted(GEMEENTEN) if _ALIASES[g])
    return tuple(tuple(str(w) for w in group) for group in data["groups"]) + places


def _gemeenten() -> dict[str, tuple[str, ...]]:
    """Each gemeente with the other names it goes by ("Noordoostpolder = NOP")."""
    lines = (DATA / "gemeenten.txt").read_text(encoding="utf-8").splitlines()
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, _, aliases = line.partition(" = ")
            out[name.strip()] = tuple(a.strip() for a in aliases.split(",") if a.strip())
    return out


_ALIASES = _gemeenten()
GEMEENTEN: frozenset[str] = frozenset(_ALIASES)


def place_names(gemeente: str) -> tuple[str, ...]:
    """The gemeente's name and the other names documents use for it ("Noordoostpolder", "NOP"): a table row of a
    regional body that prints "NOP" is about the Noordoostpolder a raadslid asks about."""
    return (gemeente, *_ALIASES.get(gemeente, ()))


_GEMEENTE_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(g) for g in sorted(GEMEENTEN, key=len, reverse=True)) + r")(?![\w-])"
)


#: The finite verbs a question puts right before its subject ("Wanneer heeft de gemeente Katwijk ...", "Op welke datum
#: besloot de gemeente Leiden ..."): a gemeente there acts; one elsewhere ("samen met de gemeente Leiden") is a topic.
_ACTING = re.compile(
    r"\b(?:heeft|hebben|had|hadden|besloot|besloten|nam|namen|stelde|stelden|is|was|werd|wil|gaat|ging)\s+"
    r"(?:de\s+)?gemeente(?:raad\s+van)?\s+([A-Z][\w'-]+(?:[\s-][A-Z][\w'-]+){0,2})"
)


@lru_cache(maxsize=256)
def acting_gemeente(question: str) -> str:
    """The gemeente a question names as the one that decided or acted ("Op welke datum heeft de gemeente Katwijk de
    noodverordening ingetrokken?" -> "Katwijk"), "" for none: another gemeente's decision is not dated by this
    gemeente's besluitenlijst that reports it."""
    m = _ACTING.search(question)
    if not m:
        return ""
    found = gemeenten_in(m.group(1))
    return found[0] if found and m.group(1).startswith(found[0]) else ""


def _place_key(name: str) -> str:
    """A spelling-free key of a place name or the stem of its adjective: lower case, doubled letters single, a
    final vowel dropped ("Zwolle" and "Zwol(se)", "Almere" and "Almeer(se)" share one)."""
    key = re.sub(r"(.)\1", r"\1", name.lower())
    return key[:-1] if key.endswith(("e", "a")) and len(key) > 3 else key


@lru_cache(maxsize=1)
def _adjective_places() -> dict[str, str]:
    places: dict[str, str] = {}
    for g in sorted(GEMEENTEN):
        last = g.split()[-1]  # "Den Haag" -> "Haagse"
        for base in {last, last[:-2] if last.endswith("en") else last}:  # "Leiden" -> "Leidse"
            places.setdefault(_place_key(base), g)
    return places


_ADJECTIVE = re.compile(r"\b([A-Z][a-zà-ÿ]{2,}?)(?:se|sche)\b")


def place_adjectives(text: str) -> str:
    """``text`` with the adjective of a gemeente written as the gemeente ("de Zwolse subsidie" -> "de Zwolle
    subsidie", "het Almeerse raadsvoorstel" -> "het Almere raadsvoorstel"): the documents name the place."""

    def place(m: re.Match[str]) -> str:
        return _adjective_places().get(_place_key(m.group(1)), m.group(0))

    return _ADJECTIVE.sub(place, text)


def gemeenten_in(text: str) -> list[str]:
    """Municipalities named in ``text``, most mentioned first."""
    counts: dict[str, int] = {}
    for m in _GEMEENTE_PATTERN.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return sorted(counts, key=lambda g: -counts[g])
