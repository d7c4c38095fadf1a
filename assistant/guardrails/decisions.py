"""Automated individual decisions (AVG art. 22): refuse to decide, assess, rank or predict for a person.

The line is between a *specific* person, household or application ("keur deze aanvraag goed",
"krijgt mijn oom een pgb?", "rangschik deze cliënten") and *policy* ("hoe beoordeelt het sociaal
team een aanvraag", "welke criteria gelden", "welke besluiten zijn in 2023 genomen"). Rules first,
because they are explainable and measured on ``evals/guardrails``.

Example:
    >>> is_decision_request("Keur de aanvraag voor een traplift van deze cliënt goed")
    True
    >>> is_decision_request("Hoe beoordeelt het sociaal team een aanvraag voor een traplift?")
    False
"""

from __future__ import annotations

import re

# Who the decision would be about: a particular person, household, application or group of them.
_TARGET = (
    r"(cliënt|client|cliënte|jongere|jongeren|kind|kinderen|aanvrager|aanvraag|aanvragen|gezin|gezinnen|"
    r"huishouden|huishoudens|inwoner|inwoners|persoon|personen|man|vrouw|meneer|mevrouw|dossier|dossiers|casus|"
    r"cliënten|clienten|melding|meldingen|bewoner|bewoners|moeder|vader|ouders|oom|tante|buurman|buurvrouw|"
    r"zoon|dochter|broer|zus|opa|oma|aanvragers|leerling|patiënt|zaak|situatie|familie|meisje|jongen|"
    r"mantelzorger|pgb-houder|deelnemer|deelnemers|kandidaat|kandidaten|huurder|wmo-aanvraag|indicatie)"
)
_DETERMINER = r"(deze|dit|die|dat|mijn|m'n|onze|ons|zijn|haar|hun|de volgende|volgende|bijgaande|genoemde)"
_SPECIFIC = rf"\b{_DETERMINER}\s+(\w+\s+){{0,2}}{_TARGET}\b"

_IMPERATIVE = re.compile(
    r"^\s*(?:kun je|kan je|kunt u|wil je|wilt u|graag|zou je|mag ik je vragen)?\s*"
    r"(beslis|besluit|beoordeel|keur|wijs|bepaal|bereken|reken|rangschik|prioriteer|sorteer|score|scoor|"
    r"voorspel|schat|indiceer|adviseer|geef|kies|selecteer|check|controleer|toets|ken|accepteer|weiger|"
    r"verleng|stop|trek|zet|plaats|stuur)\b",
    re.I,
)
_DECISION_VERB = re.compile(
    r"\b(beslis|beslissen|besluit|beoordeel|beoordelen|keur\w*|goedkeuren|afkeuren|toekennen|toegekend|afwijzen|"
    r"afgewezen|wijs\s+\w+\s+(toe|af)|toewijzen|bepaal|bepalen|bereken|berekenen|rangschik|rangschikken|"
    r"prioriteer|prioriteren|sorteer|score|scoor|scoren|voorspel|voorspellen|schat\s.*\bin\b|inschatten|"
    r"indiceer|indiceren|adviseer|advies|toelaten|weigeren|weiger|intrekken|stopzetten|verlengen|"
    r"uithuisplaatsing|uit\s+huis\s+plaatsen|in\s+aanmerking|recht\s+op|goed\s+of\s+af|wel\s+of\s+niet|"
    r"ja\s+of\s+nee|urgentie|risicoscore|risico)\b",
    re.I,
)
_ENTITLEMENT_QUESTION = re.compile(
    r"^\s*(krijgt|mag|moet|heeft|komt|kan|kom|krijg|mogen|moeten|hebben|krijgen|verdient|is)\b.*?\b"
    r"(deze|dit|die|mijn|m'n|onze|zijn|haar|hun|[A-Z][a-zà-ÿ]+)\b.*?\b"
    r"(recht|aanmerking|pgb|indicatie|uitkering|toeslag|kwijtschelding|traplift|rolstoel|scootmobiel|wmo|"
    r"taxi|vervoer|hulp|begeleiding|jeugdhulp|zorg|voorziening|bijstand|woning|urgentie|plek|plaats|"
    r"opvang|gesloten|naar|uit huis|dagbesteding|huishoudelijke|schuldhulp|toekenning|vergoeding)",
    re.I,
)
_PREDICT_GROUP = re.compile(
    r"\b(voorspel|voorspellen|rangschik|rangschikken|prioriteer|prioriteren|score|scoor|scoren|sorteer|"
    r"selecteer|markeer)\w*\b.*\b(welke|wie|deze|de)\b.*\b(gezinnen|cliënten|clienten|jongeren|inwoners|"
    r"huishoudens|aanvragen|aanvragers|kinderen|bewoners|personen|deelnemers|meldingen|dossiers)\b",
    re.I,
)
# Questions about the policy or about decisions in general, not about one person.
_POLICY = re.compile(
    r"\b(hoe\s+(beoordeelt|beslist|bepaalt|wordt|werkt|gaat|verloopt|kom|kan|komt)|welke\s+criteria|criteria|"
    r"wie\s+(beslist|beoordeelt|bepaalt)|op\s+basis\s+waarvan|hoeveel|welke\s+besluiten|volgens\s+het\s+beleid|"
    r"beleidsplan|beleid|in\s+het\s+algemeen|wanneer\s+(komt|kom|heeft)\s+(iemand|een\s+inwoner)|"
    r"iemand|een\s+inwoner|inwoners\s+die|mensen\s+die|wat\s+zijn\s+de\s+regels|regels|voorwaarden|"
    r"procedure|bezwaar|welke\s+voorzieningen|wat\s+is|wat\s+zijn|waarom|hoe\s+vaak)\b",
    re.I,
)
_YES_NO = re.compile(r"\b(alleen|gewoon|zeg)\s+(ja\s+of\s+nee|ja/nee)\b|\bja\s+of\s+nee\s*\??$", re.I)


def is_decision_request(question: str) -> bool:
    """True when the question asks the assistant to decide or assess for a specific person/household."""
    q = " ".join(question.split())
    specific = bool(re.search(_SPECIFIC, q, re.I))
    if _YES_NO.search(q) and (specific or _ENTITLEMENT_QUESTION.search(q)):
        return True
    if _PREDICT_GROUP.search(q) and not re.search(r"\bhoeveel\b|\bhoe\b", q, re.I):
        return True
    policy = bool(_POLICY.search(q))
    if _IMPERATIVE.match(q) and _DECISION_VERB.search(q) and (specific or not policy):
        return True
    if _ENTITLEMENT_QUESTION.search(q) and specific and not re.search(r"\b(iemand|een inwoner)\b", q, re.I):
        return True
    return bool(specific and _DECISION_VERB.search(q) and not policy)
