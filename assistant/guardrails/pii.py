"""Personal data of residents: detect it in questions (to refuse) and in passages (to redact).

Identifiers with a checksum are validated (BSN elfproef, IBAN mod-97) so a zaaknummer or an
amount is not mistaken for one; a number that fails the checksum still counts when the user calls
it a BSN or IBAN. Names are the hard part: a private person is recognised by an honorific
("mevrouw Smit"), a relation ("mijn oom"), a first name from the lexicon followed by a surname or by
personal circumstances, or an initial + surname. Words that occur in the indexed documents
(programme names such as "Koffie met Leonie", organisations, places) and people named in a
public role ("wethouder Jansen") are not flagged.

Example:
    >>> [f.kind for f in find_pii("Mijn BSN is 111222333, mag ik bellen op 06-12345678?")]
    ['bsn', 'telefoon']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..vocabulary import GEMEENTEN

PLACEHOLDERS = {
    "bsn": "[BSN]",
    "iban": "[IBAN]",
    "email": "[E-MAIL]",
    "telefoon": "[TELEFOON]",
    "adres": "[ADRES]",
    "postcode": "[ADRES]",
    "geboortedatum": "[GEBOORTEDATUM]",
    "kenteken": "[KENTEKEN]",
    "naam": "[NAAM]",
    "relatie": "[PERSOON]",
}

#: Dutch labels for the refusal message.
KIND_LABELS = {
    "bsn": "een burgerservicenummer",
    "iban": "een rekeningnummer",
    "email": "een e-mailadres",
    "telefoon": "een telefoonnummer",
    "adres": "een adres",
    "postcode": "een adres",
    "geboortedatum": "een geboortedatum",
    "kenteken": "een kenteken",
    "naam": "een naam van een inwoner",
    "relatie": "gegevens over een persoon",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# Checksums
# --------------------------------------------------------------------------------------------


def elfproef(digits: str) -> bool:
    """BSN check: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "AT": 20, "ES": 24, "IT": 27, "PT": 25, "IE": 22,
    "DK": 18, "FI": 18, "SE": 24, "PL": 28, "CZ": 24, "SK": 24, "HU": 28, "SI": 19, "HR": 21, "RO": 24,
    "BG": 22, "GR": 27, "CY": 28, "MT": 31, "EE": 20, "LV": 21, "LT": 20, "GB": 22, "CH": 21, "NO": 15,
}  # fmt: skip


def iban_valid(iban: str) -> bool:
    iban = re.sub(r"\s+", "", iban).upper()
    if len(iban) < 15 or IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban) or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------

_BSN_CANDIDATE = re.compile(r"(?<![\d/.,€-])(\d(?:[.\s-]?\d){8}|\d{8})(?![\d/-]|[.,]\d)")
_BSN_KEYWORD = re.compile(r"\b(bsn|burgerservicenummer|sofi-?nummer|burger\s*service\s*nummer)\b", re.I)
_IBAN_CANDIDATE = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?)\b", re.I)
_IBAN_KEYWORD = re.compile(r"\b(iban|rekeningnummer|bankrekening|rekening)\b", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE_CANDIDATE = re.compile(r"(?<![\w/.,€-])(?:\+|00)?[\d(][\d\s()-]{8,16}\d(?![\w/-]|[.,]\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b(?:\s*,?\s*\d{1,4}(?:\s?[a-zA-Z]\b)?)?")
_POSTCODE_LOWER = re.compile(
    r"\b[1-9]\d{3}\s?(?!(?:en|in|op|of|te|om|is|de|al|nu|er|ze|we|je|na|zo|to|at|as|an|on|or|it|tm|ca)\b)"
    r"[a-z]{2}\s*,?\s*\d{1,4}\b"
)
_STREET_SUFFIX = (
    r"straat|laan|weg|plein|singel|gracht|dijk|steeg|hof|kade|pad|dreef|park|erf|markt|veld|baan|ring|wal|"
    r"akker|hoek|berg|bosch|horst|kamp|beek|donk|hoeve|haven|burg|dam|vaart|zoom|waard|tuin|rode"
)
_STREET_NUMBER = re.compile(
    rf"\b((?:[A-Z][a-zà-ÿ]+\s)?[A-Z][a-zà-ÿ]*(?:{_STREET_SUFFIX}))\s+(\d{{1,4}}(?:\s?[a-zA-Z](?![a-zA-Z]))?)\b"
)
_PERSON_AT_NUMBER = re.compile(
    r"\b(?:jongen|meisje|man|vrouw|bewoner|bewoners|gezin|familie|mevrouw|meneer|kind|kinderen|buren|huurder|"
    r"persoon|mensen)\s+(?:van|op|uit)\s+(?:huis)?(?:nummer|nr\.?)\s*\d{1,4}\w?\b",
    re.I,
)
_HOUSE_NUMBER_OF = re.compile(
    rf"\b(?:huis)?nummer\s+\d{{1,4}}\w?\s+(?:van|aan|in|op)\s+(?:de\s+|het\s+)?[A-Z]\w*(?:{_STREET_SUFFIX})\b"
)
_MONTH = r"(?:jan|feb|mrt|maart|apr|april|mei|jun|juni|jul|juli|aug|sep|sept|okt|nov|dec)[a-z]*\.?"
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
_BIRTH = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum|geboortedag|geb)\b\W*(?:[^\W\d_]+[:\s]+){{0,3}}?(?:op|:|in)?\s*({_DATE})", re.I
)
_KENTEKEN = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|"
    r"[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|[A-Z]{2}-\d{3}-[A-Z]|"
    r"[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)\b",
    re.I,
)
_KENTEKEN_KEYWORD = re.compile(r"\b(kenteken|nummerbord|auto|scootmobiel|parkeervergunning)\b", re.I)

_TUSSEN = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|het|[Tt]en|[Tt]er|te|in|op|[Ee]l|[Aa]l|da|di|le|la|'t|vd|v\.d\.)\s+){0,3}"
_SURNAME = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_HONORIFIC = re.compile(
    rf"\b((?i:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de\s+heer|juffrouw))\s+"
    rf"((?:(?:drs|ir|ing|mr|dr|prof)\.\s+)*(?:{_INITIALS})?{_TUSSEN}{_SURNAME}(?:\s+{_TUSSEN}{_SURNAME})?"
    rf"|(?!(?:de|het|een|van|uit|die|dat|is|heeft|wil|in|op|en|of|met|die|wethouder|burgemeester|voorzitter)\b)"
    rf"[a-z][a-zà-ÿ]{{2,}})"
    rf"|\b((?i:familie|fam\.|gezin))\s+({_TUSSEN}{_SURNAME})"
)
_RELATIVE_NAMED = re.compile(
    r"\b(?i:oom|tante|opa|oma|neef|nicht|buurman|buurvrouw|zus|broer|moeder|vader|zoon|dochter|vriend|vriendin)"
    r"\s+([A-Z][a-zà-ÿ]+)\b"
)
_INITIAL_SURNAME = re.compile(rf"\b({_INITIALS}{_TUSSEN}{_SURNAME})")
_RELATION = re.compile(
    r"\b(mijn|m'n|mn|onze|ons|zijn|haar)\s+((?:oude|jonge|zieke|dementerende|demente|gehandicapte|eigen|"
    r"lieve|hoogbejaarde|bejaarde|oudste|jongste)\s+)?"
    r"(oom|tante|moeder|vader|ouders|zus|zuster|broer|zoon|dochter|opa|oma|grootvader|grootmoeder|buurman|"
    r"buurvrouw|buren|buurjongen|buurmeisje|neef|nicht|vriend|vriendin|partner|echtgenoot|echtgenote|man|vrouw|"
    r"schoonmoeder|schoonvader|schoonzus|schoonzoon|schoondochter|kind|kinderen|kleinzoon|kleindochter|"
    r"kleinkind|stiefvader|stiefmoeder|stiefzoon|stiefdochter|pleegkind|pleegzoon|pleegdochter|huisgenoot|"
    r"cliënt|client|patiënt|patient|leerling|mantelzorger|peetoom|peettante|zwager|schoonouders|baby|"
    r"jongen|meisje|zoontje|dochtertje|broertje|zusje|huurder|bewoner|kennis)\b",
    re.I,
)
_PUBLIC_ROLE = re.compile(
    r"\b(wethouder|raadslid|raadsleden|burgemeester|gedeputeerde|minister|staatssecretaris|commissaris|"
    r"fractievoorzitter|fractie|griffier|gemeentesecretaris|voorzitter|kamerlid|statenlid|directeur|"
    r"bestuurder|wethouders|loco-burgemeester|ambtenaar|portefeuillehouder|secretaris|lid)\b",
    re.I,
)
_PUBLIC_PLACE = re.compile(
    r"\b(gemeentehuis|stadhuis|raadhuis|wijkcentrum|buurthuis|bibliotheek|school|basisschool|zwembad|"
    r"sporthal|sportpark|kerk|station|ziekenhuis|loket|kantoor|ontmoetingscentrum|centrum|winkel|gebouw|"
    r"locatie|museum|theater|apotheek|huisartsenpraktijk|praktijk|dorpshuis|speeltuin|park|kinderopvang|"
    r"bord|kruispunt|rotonde|parkeerplaats|bushalte|markt|supermarkt|inloop|spreekuur|kantoorpand)\b",
    re.I,
)
_POLITICAL_CONTEXT = re.compile(
    r"\b(\w*motie|amendement|stemde|stemden|stemming|fractie\w*|partij|\w*vergadering|\w*commissie|herbenoemd|"
    r"benoemd|debat|raadsvoorstel|vragenkwartier|raad|college|interpellatie|raadsvragen|schriftelijke\s+vragen|"
    r"als\s+(voorzitter|wethouder|lid|raadslid|burgemeester|griffier|woordvoerder)|"
    r"PvdA|VVD|CDA|D66|GroenLinks|SP|ChristenUnie|SGP|PVV|JA21|BBB|Volt|Stadspartij|Partij)\b"
)
_NON_PERSON_SUFFIX = re.compile(
    r"(museum|school|centrum|huis|hal|park|straat|laan|plein|kerk|fonds|stichting|groep|team|raad|akkoord|"
    r"programma|regeling|wet|plan|nota|zorg|kliniek|ziekenhuis|bibliotheek|theater|academie|college|hof|"
    r"markt|dorp|stad|wijk|buurt|stadion|bad)$",
    re.I,
)
_PERSONAL_CONTEXT = re.compile(
    r"\b(woont|wonen|woon|woonachtig|adres|huisadres|thuisadres|verhuisd|mijn|zijn|haar|meneer|mevrouw|"
    r"buurman|buurvrouw|bewoner|inwoner|cliënt|client)\b",
    re.I,
)
_CIRCUMSTANCE = re.compile(
    r"\b(heeft|krijgt|kreeg|woont|is|zit|wil|moet|mag|kan|had|gaat|wordt|werd|ontvangt|vraagt|vroeg|zorgt|"
    r"schulden|ziek|dementie|uitkering|thuiszorg|begeleiding|indicatie|aanvraag|pgb|wmo|jeugdhulp|bijstand|"
    r"huurachterstand|scheiding|geboren|overleden|opgenomen|verslaafd|depressief)\b",
    re.I,
)
_PRIVATE_CIRCUMSTANCE = re.compile(
    r"\b(schulden|schuld|ziek|dement\w*|verslav\w*|thuiszorg|uitkering|bijstand|pgb|indicatie|huurachterstand|"
    r"scheiding|depress\w*|opgenomen|overleden|woont|dossier|aanvraag|hulp\s+nodig|begeleiding|zorgmijder|"
    r"jeugdhulp|jeugdzorg|huur|baan\s+kwijt|werkloos|eenzaam|mishandel\w*|geweld|politie|zwerft|verward)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(stel\s+dat|iemand|een\s+(?:\S+\s+){0,2}?(inwoner|inwoonster|cliënt|client|bewoner|man|vrouw|ouder|jongere|"
    r"mantelzorger|persoon|oudere)|als\s+een|wanneer\s+een)\b",
    re.I,
)
_GENERIC_EMAIL = re.compile(
    r"^(info|contact|loket|secretariaat|gemeente|post|klantcontact|griffie|servicedesk|helpdesk|receptie|"
    r"communicatie|pers|privacy|fg|noreply|no-reply|webmaster|support|wmo|jeugd|sociaalteam|sociaal\.team|"
    r"welkom|aanmelden|vragen)@",
    re.I,
)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names in the Netherlands (lexicon shipped with the package)."""
    path = Path(__file__).with_name("first_names.txt")
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


# --------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------


def _add(findings: list[Finding], kind: str, start: int, end: int, text: str) -> None:
    if any(f.start < end and start < f.end for f in findings):
        return
    findings.append(Finding(kind, start, end, text[start:end]))


def _near(pattern: re.Pattern[str], text: str, start: int, end: int, window: int = 40) -> bool:
    return bool(pattern.search(text[max(0, start - window) : end + window]))


def find_identifiers(text: str) -> list[Finding]:
    """Checksum-validated and pattern-based identifiers (no names)."""
    found: list[Finding] = []
    for m in _EMAIL.finditer(text):
        _add(found, "email", m.start(), m.end(), text)
    for m in _IBAN_CANDIDATE.finditer(text):
        raw = m.group(1)
        if iban_valid(raw) or (_near(_IBAN_KEYWORD, text, m.start(), m.end()) and len(re.sub(r"\s", "", raw)) >= 15):
            _add(found, "iban", m.start(), m.end(), text)
    for m in _BIRTH.finditer(text):
        _add(found, "geboortedatum", m.start(1), m.end(1), text)
    # Phone numbers first: "+31 (0)316 123456" holds nine digits that could pass as a BSN.
    for m in _PHONE_CANDIDATE.finditer(text):
        if parse_phone(m.group(0)) is not None:
            _add(found, "telefoon", m.start(), m.end(), text)
    for m in _BSN_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        keyword = _near(_BSN_KEYWORD, text, m.start(), m.end(), 30)
        if (len(digits) == 9 and elfproef(digits) and not _looks_like_amount(text, m.start())) or (
            keyword and len(digits) in (8, 9)
        ):
            _add(found, "bsn", m.start(), m.end(), text)
    for m in _KENTEKEN.finditer(text):
        plate = m.group(0)
        if re.search(r"[A-Za-z]", plate) and (plate.isupper() or _near(_KENTEKEN_KEYWORD, text, m.start(), m.end())):
            _add(found, "kenteken", m.start(), m.end(), text)
    return found


_NOT_A_PERSON_NUMBER = re.compile(
    r"(€|\beur\b|euro|(zaak|artikel|document|registratie|factuur|order|project|kvk|btw|kamer|subsidie)nummer|"
    r"kenmerk|begroting|budget|bedrag)",
    re.I,
)


def _looks_like_amount(text: str, start: int) -> bool:
    """A valid-looking 9-digit number preceded by an amount or a zaaknummer label is not a BSN."""
    return bool(_NOT_A_PERSON_NUMBER.search(text[max(0, start - 20) : start]))


#: Calling codes whose numbering plan tells mobile from fixed lines (prefixes of the national number).
_MOBILE_PREFIXES = {"31": ("6",), "32": ("4",), "49": ("15", "16", "17")}
_CALLING_CODES = ("31", "32", "33", "49", "44", "352", "353", "34", "39", "41", "43", "45", "46", "47", "48", "90")


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number split into its country calling code and national significant number (no trunk 0)."""

    country: str
    national: str

    @property
    def mobile(self) -> bool | None:
        """True/False where the country's numbering plan says so; None when unknown."""
        prefixes = _MOBILE_PREFIXES.get(self.country)
        return None if prefixes is None else self.national.startswith(prefixes)


def parse_phone(candidate: str) -> PhoneNumber | None:
    """A Dutch national number ("06-12345678", "(024) 123 45 67") or an international one ("+31 (0)6 1234 5678",
    "0031 6 ...", "+32 470 12 34 56"); None when the digits cannot be a phone number.

    The "(0)" some people write after the country code is the trunk prefix, not a digit of the number.
    """
    text = candidate.strip()
    international = text.startswith(("+", "00"))
    digits = re.sub(r"\D", "", re.sub(r"\(\s*0\s*\)", "", text))
    if international:
        digits = digits.removeprefix("00") if text.startswith("00") else digits
        code = next((c for c in sorted(_CALLING_CODES, key=len, reverse=True) if digits.startswith(c)), digits[:2])
        national = digits[len(code) :].removeprefix("0")
        if code == "31":
            return PhoneNumber(code, national) if len(national) == 9 else None
        return PhoneNumber(code, national) if 8 <= len(national) <= 11 else None
    if len(digits) == 10 and digits.startswith("0") and not digits.startswith("00"):
        return PhoneNumber("31", digits[1:])
    return None


@dataclass(frozen=True)
class AllowList:
    """What the indexed documents make ordinary: proper names used in them, and their whole vocabulary."""

    proper: frozenset[str] = frozenset()  # capitalised mid-sentence words: programmes, organisations, places
    vocabulary: frozenset[str] = frozenset()  # every word, lower-cased


def find_addresses(text: str) -> list[Finding]:
    found: list[Finding] = []
    personal = bool(_PERSONAL_CONTEXT.search(text))
    public = bool(_PUBLIC_PLACE.search(text))
    for m in _STREET_NUMBER.finditer(text):
        if personal or not public:
            _add(found, "adres", m.start(), m.end(), text)
    for m in list(_HOUSE_NUMBER_OF.finditer(text)) + list(_PERSON_AT_NUMBER.finditer(text)):
        _add(found, "adres", m.start(), m.end(), text)
    for m in list(_POSTCODE.finditer(text)) + list(_POSTCODE_LOWER.finditer(text)):
        head = text[max(0, m.start() - 40) : m.start()]
        with_number = bool(re.search(r"\d\s*[a-zA-Z]?$", m.group(0)[6:]))
        if with_number or re.search(r"\d{1,4}\s*,?\s*$", head) or (personal and not public):
            _add(found, "adres", m.start(), m.end(), text)
    return found


def find_names(text: str, allow: AllowList | None = None) -> list[Finding]:
    """Private persons: honorific + name, relations, first names from the lexicon, unknown full names.

    People named in a public role ("wethouder X", a council member in a question about a motie) are
    not private persons, unless the question also discloses private circumstances.
    """
    allow = allow or AllowList()
    found: list[Finding] = []
    lexicon = first_names()
    private = bool(_PRIVATE_CIRCUMSTANCE.search(text))
    political = bool(_POLITICAL_CONTEXT.search(text)) and not private
    for m in _HONORIFIC.finditer(text):
        name = m.group(2) or m.group(4)
        if _public_role_before(text, m.start()) or political or name.lower() in allow.proper:
            continue
        if m.group(4) and name[:1].islower() and name.split()[-1] in GEMEENTEN:
            # "jeugd en gezin van Almere": a family is written "gezin Van Dijk" (the tussenvoegsel capitalised
            # without a first name); a lower-case "van" before a municipality is the place.
            continue
        _add(found, "naam", m.start(), m.end(), text)
    for m in _RELATIVE_NAMED.finditer(text):
        if m.group(1).lower() not in allow.proper:
            _add(found, "naam", m.start(), m.end(), text)
    hypothetical = bool(_HYPOTHETICAL.search(text))
    for m in _RELATION.finditer(text):
        # "een inwoner ... haar partner" is anyone's partner; "mijn oom" is the asker's, so identifiable.
        if hypothetical and m.group(1).lower() in ("zijn", "haar", "hun"):
            continue
        _add(found, "relatie", m.start(), m.end(), text)
    for m in _INITIAL_SURNAME.finditer(text):
        surname = m.group(1).split()[-1]
        if not (_public_role_before(text, m.start()) or political or surname.lower() in allow.proper):
            _add(found, "naam", m.start(), m.end(), text)
    for m in re.finditer(rf"\b([A-Z][a-zà-ÿ]+)(?=(\s+{_TUSSEN}{_SURNAME})?)", text):
        first = m.group(1)
        surname = (m.group(2) or "").strip()
        end = m.end() + len(m.group(2) or "")
        if _public_role_before(text, m.start()) or political:
            continue
        sentence_start = m.start() == 0 or bool(re.search(r"[.?!:]\s*$", text[: m.start()]))
        surname_word = surname.split()[-1] if surname else ""
        real_surname = bool(surname_word) and not _NON_PERSON_SUFFIX.search(surname_word)
        if first.lower() in lexicon and first.lower() not in allow.proper:
            after = text[end : end + 80]
            if (
                (real_surname and surname_word.lower() not in allow.proper)
                or _CIRCUMSTANCE.search(after)
                or (re.match(r"\s*\(", after))
            ):
                _add(found, "naam", m.start(), end, text)
        elif real_surname and not sentence_start and allow.vocabulary:
            # Two capitalised words that appear nowhere in the documents: most likely a person's name.
            words = [first, surname_word]
            unknown = all(w.lower() not in allow.vocabulary and w.lower() not in allow.proper for w in words)
            if unknown and (private or re.match(r"\s*\(\d", text[end : end + 6])):
                _add(found, "naam", m.start(), end, text)
    return found


def _public_role_before(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(_PUBLIC_ROLE.search(before))


def find_pii(text: str, allow: AllowList | None = None) -> list[Finding]:
    """All personal data in ``text``, sorted by position."""
    found = find_identifiers(text)
    for f in find_addresses(text) + find_names(text, allow):
        _add(found, f.kind, f.start, f.end, text)
    return sorted(found, key=lambda f: f.start)


def redact(text: str, findings: list[Finding]) -> str:
    """Replace each finding by its placeholder ([BSN], [NAAM], ...)."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:
            continue
        out.append(text[last : f.start])
        out.append(PLACEHOLDERS.get(f.kind, "[PERSOONSGEGEVEN]"))
        last = f.end
    out.append(text[last:])
    return "".join(out)


def _public_landline(text: str) -> bool:
    """A fixed line in a country whose plan we know: an organisation's public number, left visible."""
    number = parse_phone(text)
    return number is not None and number.mobile is False


def redact_passage(text: str) -> str:
    """Output guard for document text: identifiers of private persons are hidden.

    Documents are public records, so names of people in a public role stay; an organisation's
    public contact e-mail (info@, loket@, ...) and landline numbers stay; BSN, IBAN, mobile numbers,
    private e-mail addresses, dates of birth and kentekens are replaced.
    """
    findings = []
    for f in find_identifiers(text):
        if f.kind == "email" and _GENERIC_EMAIL.match(f.text):
            continue
        if f.kind == "telefoon" and _public_landline(f.text):
            continue
        findings.append(f)
    return redact(text, findings) if findings else text
