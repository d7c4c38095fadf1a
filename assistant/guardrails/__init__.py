"""Guard layer: before retrieval (the question) and after answering (the passages shown).

A refused question never reaches retrieval, and only its redacted form ([BSN], [NAAM], ...) is
ever returned, printed or stored. Passages shown to the user have residents' identifiers redacted.

Example:
    >>> guard = QuestionGuard()
    >>> verdict = guard.check("Krijgt mevrouw Jansen uit Batenburg een pgb?")
    >>> verdict.refused, verdict.reason, verdict.redacted
    (True, 'persoonsgegevens', 'Krijgt [NAAM] uit Batenburg een pgb?')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .decisions import is_decision_request
from .pii import KIND_LABELS, AllowList, Finding, find_pii, redact, redact_passage

__all__ = ["AllowList", "GuardVerdict", "QuestionGuard", "allow_list_from", "redact_passage"]

PII_MESSAGE = (
    "Uw vraag bevat persoonsgegevens ({what}). Raadsassistent verwerkt geen persoonsgegevens van inwoners en "
    "heeft uw vraag daarom niet behandeld of bewaard. Stel de vraag zonder namen, adressen, nummers of andere "
    'gegevens over een persoon, bijvoorbeeld: "Welke ondersteuning biedt de gemeente bij schulden?". Gaat het '
    "om de situatie van een inwoner? Neem dan contact op met het Sociaal Team of het Wmo-loket van de gemeente."
)
DECISION_MESSAGE = (
    "Raadsassistent neemt of adviseert geen besluiten over individuele inwoners, huishoudens of aanvragen "
    "(AVG artikel 22). Zo'n beoordeling doet altijd een medewerker van het Sociaal Team of het Wmo-loket, die "
    "de persoonlijke situatie kent. U kunt mij wel vragen hoe het beleid werkt, bijvoorbeeld welke criteria "
    "gelden of hoe het sociaal team een aanvraag beoordeelt."
)


@dataclass
class GuardVerdict:
    refused: bool
    reason: str | None  # "persoonsgegevens" | "geautomatiseerd_besluit"
    redacted: str
    message: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({f.kind for f in self.findings})


def allow_list_from(texts: Iterable[str]) -> AllowList:
    """What the documents make ordinary: capitalised mid-sentence words and the whole vocabulary.

    "Koffie met Leonie" makes "leonie" a corpus name, so a question about it is not about a person.
    """
    proper: set[str] = set()
    vocabulary: set[str] = set()
    for text in texts:
        proper.update(w.lower() for w in re.findall(r"(?<=[a-zà-ÿ,;:’'‘(]\s)([A-Z][a-zà-ÿA-Z]+)", text))
        vocabulary.update(w.lower() for w in re.findall(r"[^\W\d_]+", text))
    return AllowList(frozenset(proper), frozenset(vocabulary))


class QuestionGuard:
    """Checks a question before anything else happens to it."""

    def __init__(self, allow: AllowList | None = None) -> None:
        self.allow = allow or AllowList()

    def check(self, question: str) -> GuardVerdict:
        findings = find_pii(question, self.allow)
        redacted = redact(question, findings) if findings else question
        if findings:
            what = ", ".join(dict.fromkeys(KIND_LABELS[f.kind] for f in findings))
            return GuardVerdict(True, "persoonsgegevens", redacted, PII_MESSAGE.format(what=what), findings)
        if is_decision_request(question):
            return GuardVerdict(True, "geautomatiseerd_besluit", redacted, DECISION_MESSAGE)
        return GuardVerdict(False, None, redacted)
