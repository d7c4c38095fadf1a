"""Zaaknummers: the one place that knows how case numbers are written.

Municipal systems write them as "Z/25/299103" (prefix, two-digit year, number), sometimes with a kenmerk of the
document behind it ("Z/25/101450/453515"), older ones as "22/68940"; court cases as "C/09/661479" or
"SGR 20/1187". A staff member types any of these with or without the prefix or the kenmerk, so lookups compare
on every form a number can be written in.

Example:
    >>> normalize("z/25/ 101450/453515")
    'Z/25/101450/453515'
    >>> sorted(lookup_keys("Z/25/101450/453515"))
    ['25/101450', '25/101450/453515', 'Z/25/101450', 'Z/25/101450/453515']
    >>> [m.group(0) for m in find_all("zie Z/24/244510 en SGR 20/1187; per 01/2024 niet")]
    ['Z/24/244510', 'SGR 20/1187']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Prefix and slash in any case ("z/25/..."), or a court's capitals and a space ("SGR 20/1187").
ZAAK = re.compile(
    r"(?<![\w/.-])(?:(?P<prefix>(?i:[a-z]{1,4})\s?/\s?|[A-Z]{2,4}\s))?(?P<year>\d{2})\s?/\s?(?P<number>\d{3,8})"
    r"(?:\s?/\s?(?P<kenmerk>\d{3,8}))?(?![\w/])"
)


def find_all(text: str) -> Iterator[re.Match[str]]:
    """Zaaknummers in ``text``; "01/2024" (a month and a year) is not one."""
    for m in ZAAK.finditer(text):
        prefix, year, number = _prefix(m), int(m.group("year")), m.group("number")
        if not prefix and 1 <= year <= 12 and len(number) == 4 and number[:2] in ("19", "20"):
            continue
        if prefix and prefix.lower() in ("nr", "no", "tel", "art"):
            continue
        yield m


def first(text: str) -> str | None:
    m = next(find_all(text), None)
    return normalize(m.group(0)) if m else None


def normalize(value: str) -> str:
    """One spelling: no spaces around slashes, prefix in capitals ("z/25/ 299103" -> "Z/25/299103")."""
    m = ZAAK.search(value)
    if not m:
        return re.sub(r"\s+", "", value)
    prefix = _prefix(m)
    parts = [m.group("year"), m.group("number")] + ([m.group("kenmerk")] if m.group("kenmerk") else [])
    body = "/".join(parts)
    if not prefix:
        return body
    separator = "/" if "/" in (m.group("prefix") or "") else " "
    return f"{prefix.upper()}{separator}{body}"


def _prefix(m: re.Match[str]) -> str:
    return re.sub(r"[\s/]", "", m.group("prefix") or "")


def lookup_keys(value: str) -> set[str]:
    """Every form the number may be asked by: with and without prefix, with and without kenmerk."""
    normal = normalize(value)
    m = ZAAK.search(normal)
    if not m:
        return {normal}
    base = f"{m.group('year')}/{m.group('number')}"
    forms = {base}
    if m.group("kenmerk"):
        forms.add(f"{base}/{m.group('kenmerk')}")
    if _prefix(m):
        prefix = _prefix(m).upper()
        separator = " " if " " in normal.split("/")[0] else "/"
        forms |= {f"{prefix}{separator}{f}" for f in list(forms)}
    return forms


def same(a: str, b: str) -> bool:
    """Two written numbers name the same case: the shorter form of one is a form of the other. Two different
    kenmerken of one case name two documents ("Z/25/101450/453155" is not "Z/25/101450/453515")."""
    kenmerken = {m.group("kenmerk") for m in (ZAAK.search(normalize(v)) for v in (a, b)) if m and m.group("kenmerk")}
    return len(kenmerken) < 2 and bool(lookup_keys(a) & lookup_keys(b))


#: Other identifiers a question can name: a plan identification ("NL.IMRO.0629.BPParkzicht-VG01"), a parcel
#: ("B-9845"), a code of letters and digits; and a number after "nr." ("besluit nr. 130111").
#: ("6.81a", a taakveld with its letter, is one too).
_CODE = re.compile(r"(?<![\w.-])(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])[A-Za-z\d][\w.-]{3,}[A-Za-z\d](?![\w-])")
_AGENDA_NUMBER = re.compile(r"\d{1,2}(?:\.(?:\d{1,2}|[a-z]))+\.?", re.I)


def _long_code(code: str) -> bool:
    """A code in capitals this long is an identifier with any number of digits: a name with a number ("COVID-19")
    is shorter, and a word with a number ("29-jarigen", "A1-ambulancevervoer") is written in lower case."""
    return len(code) >= 10 and not any(ch.islower() for ch in code)


_NUMBERED = re.compile(r"\b(?:nr|nummer|no)\.?\s*(\d{4,})\b", re.I)


def identifiers(text: str) -> list[str]:
    """Identifiers in ``text`` other than zaaknummers: codes that mix letters and digits, numbers after "nr.".

    A question that asks about one that no document contains cannot be answered from them, however close another
    code is ("...BPRijksstraatweg785-VG01" is not "...BPParkzicht-VG01").
    """
    cases = [m.span() for m in find_all(text)]
    codes = (m for m in _CODE.finditer(text) if not any(a <= m.start() < b for a, b in cases))
    # Three digits or more, or a long code in capitals ("BPKLSTOEPHOUT-VG01", a plan identification without its prefix):
    # "COVID-19" or "e5-small" name a thing, not a record to look up.
    # An agenda number ("10.e.1": numbers and single letters between dots) is where an item stands, not a record.
    found = [
        m.group(0)
        for m in codes
        if (sum(ch.isdigit() for ch in m.group(0)) >= 3 or _long_code(m.group(0)))
        and not _AGENDA_NUMBER.fullmatch(m.group(0))
    ]
    return list(dict.fromkeys(found + _NUMBERED.findall(text)))
