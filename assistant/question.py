"""Question intake: clean what a user typed or pasted before anything else sees it.

Pasted text brings control characters, zero-width spaces and page-long blocks; council members
sometimes ask in English or German. The pipeline answers in Dutch either way (the documents are Dutch
and the multilingual embedding model matches across languages), but says so, and a question that was
cut short says that too.

Example:
    >>> q = clean_question("What does the municipality do about loneliness?\\x00", max_chars=2000)
    >>> q.text, q.language
    ('What does the municipality do about loneliness?', 'en')
    >>> q.notices[0]
    'Uw vraag lijkt in het Engels gesteld. De documenten zijn Nederlandstalig, dus het antwoord is in het Nederlands.'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Frequent function words; a question is classified by which list it hits most (two hits at least).
_STOPWORDS = {
    "nl": {
        "de", "het", "een", "wat", "hoe", "welke", "wanneer", "hoeveel", "waarom", "is", "zijn", "van", "voor",
        "en", "in", "op", "met", "bij", "door", "er", "niet", "gemeente", "wordt", "worden", "heeft", "hebben",
        "doet", "waar", "wie", "ook", "aan", "om", "dat", "die", "naar", "nog", "over", "kan", "of", "deze",
        "dit", "ze", "zij", "krijgt", "wil", "moet", "mijn", "uit", "als",
    },
    "en": {
        "the", "what", "how", "which", "when", "why", "is", "are", "for", "and", "to", "does", "do",
        "many", "much", "municipality", "council", "about", "with", "this", "that", "who", "where", "has",
        "have", "was", "were", "there", "can",
    },
    "de": {
        "der", "die", "das", "und", "ist", "sind", "wie", "viele", "was", "welche", "wann", "warum", "für",
        "mit", "nicht", "gemeinde", "auf", "den", "dem", "ein", "eine", "macht", "gibt", "es",
    },
    "fr": {
        "le", "la", "les", "des", "est", "sont", "que", "quoi", "comment", "combien", "quand", "pourquoi",
        "pour", "avec", "une", "du", "commune", "fait", "qui", "où",
    },
}  # fmt: skip
LANGUAGE_NAMES = {"en": "het Engels", "de": "het Duits", "fr": "het Frans"}


@dataclass
class CleanQuestion:
    text: str
    language: str  # "nl", "en", "de", "fr" or "onbekend"
    notices: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿß]+", text.lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < 2 or list(scores.values()).count(scores[best]) > 1:
        return "nl" if scores["nl"] == scores[best] else "onbekend"
    return best


def clean_question(raw: str | None, *, max_chars: int) -> CleanQuestion:
    # Control and format characters (NUL, zero-width spaces, bidi marks) become spaces, then whitespace collapses.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in raw or "")
    text = " ".join(text.split())
    notices = []
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0] or text[:max_chars]
        notices.append(f"De vraag is ingekort tot {max_chars} tekens; stel lange vragen liever in delen.")
    language = detect_language(text) if text else "nl"
    if language in LANGUAGE_NAMES:
        notices.insert(
            0,
            f"Uw vraag lijkt in {LANGUAGE_NAMES[language]} gesteld. De documenten zijn Nederlandstalig, "
            "dus het antwoord is in het Nederlands.",
        )
    return CleanQuestion(text=text, language=language, notices=notices)
