"""Automated individual decisions (AVG art. 22): refuse to decide, assess, rank or predict for a person.

The line is between a *particular* person, household, application or case ("keur deze aanvraag
goed", "krijgt cliënt 4471 een pgb?", "jongen van 16, hoeveel uur begeleiding?", "rank these
cases") and *policy* ("hoe beoordeelt het sociaal team een aanvraag", "welke criteria gelden",
"rangschik de doelen op kosten", "voorspel hoeveel meldingen we verwachten"). A request is refused
when it refers to a particular case AND asks for an outcome, or commands a decision about one.
Rules, because they are explainable; measured on three independently written sets in
``evals/guardrails`` (see the README for the numbers and how blind each one was).

Example:
    >>> is_decision_request("Keur de aanvraag voor een traplift van deze cliënt goed")
    True
    >>> is_decision_request("Hoe beoordeelt het sociaal team een aanvraag voor een traplift?")
    False
"""

from __future__ import annotations

import re

# Nouns for a person, household, application or case; also inside compounds ("subsidieaanvraag").
_PERSON_NOUN = (
    r"(?:[\w-]*(?:cliënt|client|cliënte|jongere|aanvraag|aanvrager|aanvrag|gezin|huishouden|inwoner|inwoonster|"
    r"bewoner|klant|leerling|patiënt|deelnemer|kandidaat|huurder|melding|dossier|casus|bezwaarschrift|bezwaar|"
    r"bezwar|verzoeker|verzoek|"
    r"indicatie|"
    r"aanmelding|verslag|formulier)(?:en|s|e|nen)?|kind|kinderen|persoon|personen|man|vrouw|meneer|mevrouw|"
    r"moeder|vader|ouders|oom|tante|buurman|buurvrouw|zoon|dochter|broer|zus|opa|oma|meisje|jongen|"
    r"jongvolwassene|echtpaar|familie|situatie|mantelzorger|"
    r"applicant|applicants|application|applications|case|cases|family|families|household|households|person|"
    r"people|child|children|resident|residents|assessment|assessments|tenant|patient|patients|clients)"
)
_PERSON = re.compile(rf"\b{_PERSON_NOUN}\b", re.I)
_DETERMINER = (
    r"(?:deze|dit|mijn|m'n|mn|onze|ons|zijn|haar|hun|de\s+volgende|volgende|bijgaande|genoemde|per|elke|iedere|"
    r"het\s+navolgende|navolgende|onderstaande|het\s+onderstaande|"
    r"this|these|those|the\s+following|my|our|each)"
)
# Up to three words between a determiner and its noun, but never an article ("dat een gezin" is no reference).
_GAP = r"(?:(?!een\b|de\b|het\b|die\b|dat\b|a\b|the\b)[\w'-]+\s+){0,3}?"
# A reference to a particular case.
_CASE_REF = re.compile(
    rf"\b{_DETERMINER}\s+{_GAP}{_PERSON_NOUN}\b"  # "deze aanvraag", "these three Wmo assessments"
    rf"|\b{_PERSON_NOUN}\s*(?:nr\.?|nummer|#)?\s*(?:[A-Z]{{1,4}}[-/]?)?\d[\w/-]*"  # "cliënt 4471", "aanvraag J-118"
    rf"|\b(?:case|dossier|zaak|casus)\s+[A-Z0-9]\b"  # "Dossier A", "case 12"
    r"|\b(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|alle)\s+(?:[\w-]+\s+){0,2}?"
    rf"{_PERSON_NOUN}\s+(?:uit|van|op|in)\s+(?:de|het|deze|dit|mijn|last|the)\b",  # "de drie gezinnen uit de bijlage"
    re.I,
)
# A person described by age or details, as in a pasted case: "jongen van 16", "man, 67, COPD", "(83, valt vaak".
_CASE_DESCRIPTION = re.compile(
    rf"\b{_PERSON_NOUN}[\s,:(]*(?:van\s+)?\d{{1,3}}\b(?!\s*(?:%|euro|€|uur|dagen|weken|maanden|m²|procent))"
    r"|\(\d{1,3}\s*[,+)]|\b\d{1,3}\s+jaar\s*(?:oud)?\s*,"
    r"|\b(?:household|family|client|applicant|person|man|woman|child|mother|father)\s+(?:of|aged|,)\s*\d+"
    r"|\bzaak\s+[A-Z/\d-]*\d[\w/-]*\s*:?\s*(?:\w+\s+){0,3}?(?:aanvraag|bezwaar|melding|verzoek)\b"
    r"|\b(?:single|alleenstaande?)\s+(?:mother|father|moeder|vader|man|vrouw)\b",
    re.I,
)
# What is asked: an outcome for the case.
_ASK = re.compile(
    r"\b(beslis\w*|besluit|beslissing|beoordeel\w*|oordeel|keur\w*|goedkeuren|afkeuren|goed\s+of\s+af|toeken\w*|"
    r"toegekend|afwijz\w*|afgewezen|wijs\s+(?:\w+\s+){0,4}(?:toe|af)|toewijz\w*|indiceer\w*|indiceren|verleng\w*|"
    r"stopzet\w*|stoppen|honoreer\w*|honoreren|bepaal\w*|bereken\w*|reken\s+uit|rangschik\w*|prioriteer\w*|"
    r"prioriteit|volgorde|voorrang|rangorde|ranking|score\w*|scoor|voorspel\w*|inschat\w*|inschatting|"
    r"risico\w*|kans|recht\s+op|in\s+aanmerking|kwalificeer\w*|terecht|gegrond|ongegrond|welke\s+voorziening|"
    r"\w*gerechtigd|moet(?:en)?\s+(?:deze|dit|hij|zij|ze|het\s+gezin)|naar\s+een\s+gesloten|uit\s+huis|"
    r"hoeveel\s+(?:uur|geld|euro|kan|mag|moet|moeten|krijgt)|welk\s+bedrag|redelijk|ja\s*(?:of|/)\s*nee|verdeel\w*|"
    r"vergoed\w*|beoordeling|vast\s+te\s+stellen|vaststellen|"
    r"koppel\w*|selecteer\w*|kies|krijgen|krijgt|mag\s+(?:hij|zij|ze)|moet\s+(?:hij|zij|ze|het\s+gezin)|"
    r"decide|decision|approve|reject|rank|score|assess|qualif\w*|eligib\w*|allocat\w*|prioriti\w*|overturn|"
    r"grant|deny|determine|judge|risk)\b",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:(?:graag|nu|even|dan|ok|please|kindly)[,!]?\s+)?"
    r"(?:(?:kun|kan|wil|zou|mag|moet)\s+(?:je|u|jij|jullie)\s+(?:\S+\s+){0,8}?|can\s+you\s+|could\s+you\s+)?"
    r"(beslis\w*|besluit|beoordeel\w*|keur|wijs|ken|stel\s+(?:\S+\s+){0,8}?vast|vaststellen|bepaal\w*|bereken\w*|reken|rangschik\w*|"
    r"prioriteer\w*|sorteer|scoor|score|voorspel\w*|schat|inschatten|indiceer|indiceren|kies|kiezen|selecteer\w*|"
    r"toets|accepteer|weiger|verleng|adviseer|plaats|koppel|verdeel|toekennen|afwijzen|goedkeuren|afkeuren|"
    r"toewijzen|maak\s+(?:een\s+)?(?:ranking|rangorde|rangschikking|volgorde|prioritering|selectie|keuze)|"
    r"zet\s+.*\b(?:op|in)\s+(?:volgorde|de\s+wachtlijst|rij)|geef\s+.*\b(?:kans|score|risicoscore|oordeel|"
    r"eindoordeel|advies|besluit|prioriteit|voorrang|indicatie|ja\s+of\s+nee|risico-?inschatting)|"
    r"decide|approve|reject|rank|score|assess|evaluate|determine|judge|prioriti[sz]e|allocate|grant|deny)\b",
    re.I,
)
_VERDICT_REQUEST = re.compile(
    r"\b(geef|schrijf|stel|maak|formuleer)\b.{0,40}\b(eindoordeel|oordeel|besluit|beschikking|toekenning|"
    r"afwijzing|indicatiebesluit)\b|"
    r"\b(jouw|je|uw)\s+(besluit|oordeel|advies|keuze|beslissing|inschatting|eindoordeel|uitspraak)\b|"
    r"\bvind\s+(jij|je|u)\b|\bwat\s+(moet|wordt|is)\s+de\s+(beslissing|uitkomst|uitslag)\b"
    # "geef me gewoon de uitkomst", "zeg maar ja of nee", "just give me the outcome", "tell me the verdict"
    r"|\b(geef|zeg|vertel|noem)\s+(me|mij|ons)?\s*(gewoon|alleen|maar|nou|dan)?\s*(de|het|je|jouw)?\s*"
    r"(uitkomst|uitslag|beslissing|eindoordeel|antwoord\s+ja\s+of\s+nee)\b"
    r"|\b(just\s+)?(give|tell)\s+(me|us)\s+(just\s+)?(the|your)\s+(outcome|verdict|decision|result)\b",
    re.I,
)
_CHOOSE_AMONG = re.compile(
    r"\b(welke|wie)\s+van\s+(deze|die|de\s+volgende|hen|hun|ons|de\s+(\d+|twee|drie|vier|vijf|zes|zeven|acht|"
    r"negen|tien)\b)|\bwhich\s+of\s+(these|the)\b"
    # An order among people: "wie moet eerst", "wie krijgt voorrang", "who goes first", "wie komt bovenaan".
    r"|\bwie\s+(moet|mag|krijgt|gaat|komt|kan)\s+(er\s+)?(eerst|als\s+eerste|het\s+eerst|voor|voorrang|bovenaan)\b"
    r"|\bwho\s+(should|goes|gets|comes)\s+(go\s+)?(first|priority)\b",
    re.I,
)
_PREDICT_GROUP = re.compile(
    r"\b(voorspel|voorspellen|rangschik|rangschikken|prioriteer|prioriteren|score|scoor|scoren|sorteer|"
    r"selecteer|markeer|predict|rank)\w*\b.*\b(welke|wie|deze|which|who)\b.*\b(gezinnen|cliënten|clienten|"
    r"jongeren|inwoners|huishoudens|aanvragen|aanvragers|kinderen|bewoners|personen|deelnemers|dossiers|"
    r"leerlingen|families|clients|children|residents|households)\b",
    re.I,
)
# "welke aanvragen ... worden toegekend": which particular ones get an outcome.
_WHICH_GET_OUTCOME = re.compile(
    rf"\bwelke\s+(?:\w+\s+){{0,2}}?{_PERSON_NOUN}\b.*\b(worden|krijgen|mogen|moeten)\b.*"
    r"\b(toegekend|afgewezen|goedgekeurd|voorrang|eerst|mee|geholpen)\b",
    re.I,
)
# The chance that a particular case happens: "kans dat het gezin ... opnieuw in beeld komt".
_CASE_PREDICTION = re.compile(
    rf"\b(kans|risico|waarschijnlijkheid)\s+(is\s+)?dat\s+(het|de|dit|deze|hij|zij)\s+{_GAP}{_PERSON_NOUN}\b"
    rf"|\b(kans|risico|waarschijnlijkheid)\s+(is\s+)?dat\s+(hij|zij)\b",
    re.I,
)
# An aggregate or a policy question: about everyone, not about one case.
_AGGREGATE = re.compile(r"\b(hoeveel|how\s+many|gemiddeld\w*|totaal|trend|per\s+jaar\s+verwachten)\b", re.I)
_GENERIC_PERSON = re.compile(
    r"\b(iemand|een\s+inwoner|inwoners|mensen|een\s+cliënt|cliënten\s+die|someone|a\s+resident)\b", re.I
)
_POLICY = re.compile(
    r"\b(hoe\s+(beoordeelt|beslist|bepaalt|wordt|werkt|gaat|verloopt|kom|kan|komt)|welke\s+criteria|criteria|"
    r"wie\s+(beslist|beoordeelt|bepaalt)|op\s+basis\s+waarvan|welke\s+besluiten|volgens\s+het\s+beleid|"
    r"beleidsplan|beleid|in\s+het\s+algemeen|regels|voorwaarden|procedure|welke\s+voorzieningen|waarom)\b",
    re.I,
)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[.?!:;])\s+|\n+", text) if c.strip()]


def is_decision_request(question: str) -> bool:
    """True when the question asks the assistant to decide or assess for a particular person, household or case."""
    q = " ".join(question.split())
    refs = [m.group(0) for m in _CASE_REF.finditer(q)]
    if _GENERIC_PERSON.search(q):  # "een inwoner ... zijn aanvraag" is still anyone's application
        refs = [r for r in refs if not re.match(r"(zijn|haar|hun)\b", r, re.I)]
    case_ref = bool(refs)
    described = bool(_CASE_DESCRIPTION.search(q))
    person = bool(_PERSON.search(q))
    generic = bool(_GENERIC_PERSON.search(q)) and not (case_ref or described)
    particular = case_ref or described
    # A command to decide about something particular ("Keur de aanvraag goed", "Rank these cases").
    for clause in _clauses(q):
        definite = particular or re.search(rf"\b(de|het)\s+(?:\d+\s+)?{_GAP}{_PERSON_NOUN}\b", q, re.I)
        if _IMPERATIVE.match(clause) and definite and not (_AGGREGATE.search(q) and not particular):
            return True
    if _WHICH_GET_OUTCOME.search(q) or _CASE_PREDICTION.search(q):
        return True
    if _VERDICT_REQUEST.search(q) and (person or particular) and not generic:
        return True
    if _CHOOSE_AMONG.search(q) and person and not _AGGREGATE.search(q):
        return True
    if _PREDICT_GROUP.search(q) and not _AGGREGATE.search(q):
        return True
    if particular and _ASK.search(q):
        return True
    if re.search(r"\b(welke|hoeveel)\b.{0,60}\b(moet|mag|krijgt|zou)\s+(hij|zij|ze)\b", q, re.I):
        return True
    return bool(person and not generic and re.search(r"\bja\s*(of|/)\s*nee\b", q, re.I) and not _POLICY.search(q))
