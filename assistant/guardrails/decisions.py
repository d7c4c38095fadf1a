"""Automated individual decisions (AVG art. 22): refuse to decide, assess, rank or predict for a person.

The line is between a *specific* person, household or application ("keur deze aanvraag goed",
"krijgt mijn oom een pgb?", "rangschik deze cliënten") and *policy* ("hoe beoordeelt het sociaal
team een aanvraag", "welke criteria gelden", "rangschik de doelen op kosten"). Rules, because they
are explainable; measured on ``evals/guardrails``.

Example:
    >>> is_decision_request("Keur de aanvraag voor een traplift van deze cliënt goed")
    True
    >>> is_decision_request("Hoe beoordeelt het sociaal team een aanvraag voor een traplift?")
    False
"""

from __future__ import annotations

import re

# Who a decision would be about: a person, household, application, or a set of them.
_TARGET = re.compile(
    r"\b(cliënt|client|cliënte|cliënten|clienten|jongere|jongeren|kind|kinderen|aanvrager|aanvragers|aanvraag|"
    r"aanvragen|gezin|gezinnen|huishouden|huishoudens|inwoner|persoon|personen|man|vrouw|meneer|mevrouw|"
    r"dossier|dossiers|casus|melding|meldingen|bewoner|bewoners|moeder|vader|ouders|oom|tante|buurman|"
    r"buurvrouw|zoon|dochter|broer|zus|opa|oma|leerling|leerlingen|patiënt|situatie|familie|meisje|jongen|"
    r"mantelzorger|deelnemer|deelnemers|kandidaat|kandidaten|huurder|indicatie|hij|zij|hem|ze|deze|"
    r"verslag|keukentafelverslag|keukentafelgesprek|beschikking|bezwaar|bezwaarschrift|aanmelding|aanmeldingen|"
    r"casussen|wachtlijst|vraaggezinnen|steungezinnen|zaak)\b",
    re.I,
)
_DETERMINER = r"(deze|dit|die|dat|mijn|m'n|mn|onze|ons|zijn|haar|hun|de volgende|volgende|bijgaande|genoemde)"
_SPECIFIC = re.compile(
    rf"\b{_DETERMINER}\s+(\w+\s+){{0,2}}(cliënt|client|cliënte|cliënten|jongere|jongeren|kind|kinderen|"
    r"aanvrager|aanvraag|aanvragen|gezin|gezinnen|huishouden|huishoudens|inwoner|persoon|personen|man|vrouw|"
    r"meneer|mevrouw|dossier|casus|melding|bewoner|bewoners|moeder|vader|ouders|oom|tante|buurman|buurvrouw|"
    r"zoon|dochter|leerling|leerlingen|situatie|familie|meisje|jongen|deelnemer|kandidaat|huurder|cliënten|"
    r"verslag|keukentafelverslag|keukentafelgesprek|bezwaarschrift|aanvraagformulier|formulier|casus)\b",
    re.I,
)
# A target that is a particular one: "de aanvraag", "cliënt 4471", "de 15 aanmeldingen" (not "een huishouden").
_DEFINITE_TARGET = re.compile(
    r"\b(de|het|dit|deze|die|dat|mijn|zijn|haar|hun|onze|alle|beide|per|elke|iedere|\d+)\s+(\w+\s+){0,2}?"
    + _TARGET.pattern[2:]
    + r"|\b(cliënt|client|dossier|casus|zaak|aanvraag|melding)\s*(nr\.?|nummer)?\s*[A-Z]*[-/]?\d[\w/-]*",
    re.I,
)
_MODAL = r"(?:(?:kun|kan|wil|zou|mag|moet)\s+(?:je|u|jij|jullie)\s+(?:\S+\s+){0,8}?)"
_DECIDE_IMPERATIVE = re.compile(
    r"^(?:graag\s+|nu\s+|even\s+|dan\s+|ok[,!]?\s+)?"
    r"(beslis|besluit|beoordeel|keur|wijs|ken|stel\s+vast|bepaal|bereken|reken\s+uit|reken|rangschik|prioriteer|"
    r"sorteer|scoor|score|voorspel|schat|indiceer|kies|selecteer|toets|accepteer|weiger|verleng|adviseer|plaats|"
    r"koppel|verdeel|approve|reject|decide|assess|rank|grant|deny|evaluate|"
    r"maak\s+(een\s+)?(ranking|rangorde|rangschikking|volgorde|prioritering|selectie|keuze)|zet\s+.*\bop\s+"
    r"(volgorde|de\s+wachtlijst|rij)|geef\s+.*\b(kans|score|risicoscore|oordeel|eindoordeel|advies|besluit|"
    r"prioriteit|voorrang|indicatie|ja\s+of\s+nee))\b",
    re.I,
)
_DECIDE_INFINITIVE = re.compile(
    rf"^{_MODAL}(beslissen|beoordelen|bepalen|inschatten|voorspellen|toekennen|afwijzen|goedkeuren|afkeuren|"
    r"rangschikken|prioriteren|indiceren|toewijzen|vaststellen|berekenen|adviseren|kiezen|selecteren|scoren)\b",
    re.I,
)
_VERDICT_REQUEST = re.compile(
    r"\b(geef|schrijf|stel|maak|formuleer)\b.{0,40}\b(eindoordeel|oordeel|besluit|beschikking|toekenning|"
    r"afwijzing|indicatiebesluit)\b.{0,80}\b(toekennen|afwijzen|toekenning|afwijzing|goedkeuren|krijgt|recht|"
    r"aanvraag|cliënt|hij|zij|mevrouw|meneer|gezin|huishouden)\b|"
    r"\b(schrijf|maak|stel)\b.{0,30}\b(beschikking|besluit)\b",
    re.I,
)
_CHOOSE_AMONG = re.compile(
    r"\b(welke|wie)\s+van\s+(deze|die|de\s+volgende|hen|hun|ons|de\s+(\d+|twee|drie|vier|vijf|zes|zeven|acht|"
    r"negen|tien)\b)|\bwie\s+moet\s+(eerst|als\s+eerste|voor)\b",
    re.I,
)
# "Wat is jouw besluit?", "wat vind jij: terecht?" - the assistant is asked for its own verdict.
_OWN_VERDICT = re.compile(
    r"\b(jouw|je|uw)\s+(besluit|oordeel|advies|keuze|beslissing|inschatting|eindoordeel|uitspraak)\b|"
    r"\b(is|zijn|was|waren)\s+(\w+\s+){0,8}?(terecht|gegrond|ongegrond)\b|\b(terecht|gegrond)\s+of\b|"
    r"\b(juist\s+ingeschat|approve|reject|eligible|just\s+give\s+me\s+the\s+outcome)\b",
    re.I,
)
# A pasted case: a person described by age and circumstances ("meisje 14, eetstoornis", "man, 67, COPD").
_CASE_DESCRIPTION = re.compile(
    r"\b(man|vrouw|meisje|jongen|cliënt|client|inwoner|inwoonster|meneer|mevrouw|aanvrager|moeder|vader|kind)\b"
    r"[\s,:(]*\d{1,3}\b(\s*jaar)?|\(\d{1,3},",
    re.I,
)
# The chance that a specific case happens: "kans dat het gezin ... opnieuw in beeld komt".
_CASE_PREDICTION = re.compile(
    r"\bkans\s+(is\s+)?dat\s+(het|de|dit|deze|die|zij|hij)\s+(\w+\s+){0,3}?(gezin|cliënt|jongere|kind|inwoner|"
    r"aanvrager|huishouden|man|vrouw)\b",
    re.I,
)
_OUTCOME_WORDS = re.compile(
    r"\b(recht|toekennen|toegekend|afwijzen|afgewezen|goedkeuren|besluit|beslissing|terecht|gegrond|stoppen|"
    r"stopzetten|eerst|voorrang|plek|volgorde|kans|percentage|nodig|krijgt|krijgen|mag|moet|indicatie|uur|"
    r"maatwerkvoorziening|verwijzen|approve|reject|outcome|eligible)\b",
    re.I,
)
_DECISION_VERB = re.compile(
    r"\b(beslis|beslissen|besluit|beoordeel|beoordelen|keur\w*|goedkeuren|afkeuren|toekennen|afwijzen|"
    r"wijs\s+\w+\s+(toe|af)|toewijzen|bepaal|bepalen|bereken|berekenen|rangschik|rangschikken|prioriteer|"
    r"prioriteren|voorspel|voorspellen|inschatten|indiceer|indiceren|adviseer|toelaten|weigeren|intrekken|"
    r"stopzetten|verlengen|toegekend|afgewezen|goedgekeurd|afgekeurd|toegewezen|ingetrokken|verlengd|"
    r"uithuisplaatsing|uit\s+huis\s+plaatsen|in\s+aanmerking|recht\s+op|goed\s+of\s+af|"
    r"wel\s+of\s+niet|ja\s+of\s+nee|urgentie|risicoscore)\b",
    re.I,
)
_ENTITLEMENT_QUESTION = re.compile(
    r"^\s*(krijgt|mag|moet|heeft|komt|kan|krijgen|mogen|moeten|hebben|komen|verdient|is)\b.*?"
    r"(recht|aanmerking|pgb|indicatie|uitkering|toeslag|kwijtschelding|traplift|rolstoel|scootmobiel|wmo|"
    r"taxi|vervoer|hulp|begeleiding|jeugdhulp|zorg|voorziening|bijstand|woning|urgentie|plek|plaats|"
    r"opvang|gesloten|naar|uit huis|dagbesteding|huishoudelijke|schuldhulp|toekenning|vergoeding|steungezin)",
    re.I,
)
_PREDICT_GROUP = re.compile(
    r"\b(voorspel|voorspellen|rangschik|rangschikken|prioriteer|prioriteren|score|scoor|scoren|sorteer|"
    r"selecteer|markeer)\w*\b.*\b(welke|wie|deze|de)\b.*\b(gezinnen|cliënten|clienten|jongeren|inwoners|"
    r"huishoudens|aanvragen|aanvragers|kinderen|bewoners|personen|deelnemers|meldingen|dossiers|leerlingen)\b",
    re.I,
)
# Questions about the policy or about decisions in general, not about one person.
_POLICY = re.compile(
    r"\b(hoe\s+(beoordeelt|beslist|bepaalt|wordt|werkt|gaat|verloopt|kom|kan|komt)|welke\s+criteria|criteria|"
    r"wie\s+(beslist|beoordeelt|bepaalt)|op\s+basis\s+waarvan|hoeveel|welke\s+besluiten|volgens\s+het\s+beleid|"
    r"beleidsplan|beleid|in\s+het\s+algemeen|iemand|een\s+inwoner|inwoners\s+die|mensen\s+die|regels|"
    r"voorwaarden|procedure|bezwaar|welke\s+voorzieningen|wat\s+is|wat\s+zijn|waarom|hoe\s+vaak)\b",
    re.I,
)
_GENERIC_PERSON = re.compile(r"\b(iemand|een\s+inwoner|inwoners|mensen|een\s+cliënt|cliënten\s+die)\b", re.I)
_YES_NO = re.compile(r"\b(ja\s*(of|/)\s*nee|goed\s+of\s+fout|wel\s+of\s+niet)\b", re.I)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[.?!:;])\s+|\n+", text) if c.strip()]


def is_decision_request(question: str) -> bool:
    """True when the question asks the assistant to decide or assess for a specific person/household."""
    q = " ".join(question.split())
    has_target = bool(_TARGET.search(q))
    specific = bool(_SPECIFIC.search(q))
    decided = bool(re.search(r"\b(toegekend|afgewezen|goedgekeurd|afgekeurd|toegewezen)\b", q, re.I))
    definite_target = bool(_DEFINITE_TARGET.search(q)) or specific or (has_target and decided)
    for clause in _clauses(q):
        if (_DECIDE_IMPERATIVE.match(clause) or _DECIDE_INFINITIVE.match(clause)) and definite_target:
            return True
    if _OWN_VERDICT.search(q) and has_target and not _GENERIC_PERSON.search(q):
        return True
    if _CASE_DESCRIPTION.search(q) and _OUTCOME_WORDS.search(q):
        return True
    if _CASE_PREDICTION.search(q):
        return True
    if specific and re.search(r"\b(nodig|recht\s+op|terecht|moet\s+(het|er|hij|zij))\b", q, re.I):
        return True
    if _VERDICT_REQUEST.search(q):
        return True
    if _CHOOSE_AMONG.search(q) and has_target and not re.search(r"\bhoeveel\b", q, re.I):
        return True
    if (
        _YES_NO.search(q)
        and not _GENERIC_PERSON.search(q)
        and (specific or has_target or _ENTITLEMENT_QUESTION.search(q))
    ):
        return True
    if _PREDICT_GROUP.search(q) and not re.search(r"\bhoeveel\b|\bhoe\b", q, re.I):
        return True
    if _ENTITLEMENT_QUESTION.search(q) and specific and not _GENERIC_PERSON.search(q):
        return True
    return bool(specific and _DECISION_VERB.search(q) and not _POLICY.search(q))
