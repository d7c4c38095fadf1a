"""Follow-up questions: rewrite "En in 2024?" into a question that can be searched on its own.

No language model is needed for the common cases raadsleden type: an elliptic follow-up
("En in 2024?", "En in Druten?", "Wat kost dat?") is completed with the previous question, and the
user sees what was searched.

Example:
    >>> rewrite_followup(["Hoeveel klanten hebben hulp bij het huishouden in 2025?"], "En in 2024?")
    'Hoeveel klanten hebben hulp bij het huishouden in 2024?'
"""

from __future__ import annotations

import re

from .query import ABOUT

_FOLLOWUP_START = re.compile(r"^(en|maar|of|ook|dan|en\s+wat|wat\s+(over|dan|als))\b", re.I)
_PRONOUN_ONLY = re.compile(r"\b(dat|dit|die|daar|hiervan|daarvan|ervan|het)\b", re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_PLACE_PHRASE = re.compile(r"\bin\s+([A-Z][a-zà-ÿ]+)\b")


def is_followup(question: str) -> bool:
    words = question.split()
    return bool(_FOLLOWUP_START.match(question.strip())) or (len(words) <= 4 and bool(_PRONOUN_ONLY.search(question)))


def rewrite_followup(previous: list[str], question: str) -> str:
    """The question as it will be searched; unchanged when it stands on its own or there is no history."""
    if not previous or not is_followup(question):
        return question
    last = previous[-1].strip().rstrip("?")
    q = question.strip().rstrip("?")
    core = re.sub(r"^(en|maar|of|ook|dan)\s+", "", q, flags=re.I)
    year = _YEAR.search(core)
    if year and _YEAR.search(last) and len(core.split()) <= 3:
        return _YEAR.sub(year.group(0), last, count=1) + "?"
    place = _PLACE_PHRASE.search(core)
    if place and _PLACE_PHRASE.search(last) and len(core.split()) <= 3:
        return _PLACE_PHRASE.sub(f"in {place.group(1)}", last, count=1) + "?"
    topic = ABOUT.match(core)
    about = ABOUT.search(last)
    if topic and about and not _YEAR.search(core):
        # "Wat wil de gemeente bereiken op het gebied van roken?" + "En wat betreft alcohol?": the new subject takes
        # the place of the old one, up to the end of that clause.
        subject = core[topic.end() :].strip()
        tail = last[about.end() :]
        clause_end = re.search(r"[,;]", tail)
        rest = tail[clause_end.start() :] if clause_end else ""
        return f"{last[: about.end()]} {subject}{rest}?"
    return f"{last}: {core}?"
