"""Dutch dates: parse the ways documents write them, format them the way readers expect.

Example:
    >>> parse_dutch_date("27 mei 2025"), parse_dutch_date("16-1-2024")
    ('2025-05-27', '2024-01-16')
    >>> format_dutch_date("2025-05-27")
    '27 mei 2025'
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_NAMES = {v: k for k, v in MONTHS.items()}


def parse_dutch_date(text: str) -> str | None:
    """'27 mei 2025' / '27-05-2025' / '2025-05-27' -> '2025-05-27': the first day the text names (a written one
    before a numeric one), else an ISO date; None when it names no real day."""
    days = days_in(text)
    if days:
        return days[0]
    m = re.search(r"\b((?:19|20)\d\d)-(\d{2})-(\d{2})\b", text)
    return m.group(0) if m and _real(m.group(0)) else None


def format_dutch_date(iso: str) -> str:
    """'2025-05-27' -> '27 mei 2025'; a bare year stays as it is."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return iso or ""
    return f"{int(m.group(3))} {MONTH_NAMES[int(m.group(2))]} {m.group(1)}"


def parse_period(text: str) -> str | None:
    """A date or period as a user types it, as an ISO prefix: "2024", "2024-03", "maart 2024", "15-03-2024",
    "15 maart 2024", "2024-03-15" (None when it is none of these, or no real date such as 31-02-2025). Filters
    compare dates by such prefixes."""
    iso = _period(text)
    return iso if iso is not None and _real(iso) else None


def _real(iso: str) -> bool:
    parts = [int(p) for p in iso.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _period(text: str) -> str | None:
    value = " ".join((text or "").strip().lower().split())
    if not value:
        return None
    if re.fullmatch(r"(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?", value):
        return value
    full = parse_dutch_date(value)
    if full and re.fullmatch(r"[\d\s./-]+|\d{1,2}\s+[a-z]+\s+\d{4}", value):
        return full
    m = re.fullmatch(rf"({'|'.join(MONTHS)})\s+((?:19|20)\d\d)", value)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    m = re.fullmatch(r"(\d{1,2})[-/.]((?:19|20)\d\d)", value)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return None


#: A day with a two-digit year, as financial tables print balance dates: "31-dec-24", "31-12-24", "1 jan. 25".
_SHORT_YEAR_DAY = re.compile(
    r"\b\d{1,2}(?:[-/]\d{1,2}[-/]|[-/. ]\s?(?:jan|feb|mrt|maart|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?[-/. ]\s?)"
    r"(\d{2})\b",
    re.I,
)


def years_in(text: str) -> set[str]:
    """Every year the text names: four digits, or the two-digit year of a day ("Stand 31-dec-24" -> 2024)."""
    return set(re.findall(r"\b(?:19|20)\d\d\b", text)) | {f"20{y}" for y in _SHORT_YEAR_DAY.findall(text)}


def mentions_year(text: str, year: str) -> bool:
    """The year itself, a day with its two-digit year ("31-dec-24"), or a span of years that holds it ("2025-2028",
    "2023 t/m 2026")."""
    if year in years_in(text):
        return True
    for a, b in re.findall(r"\b((?:19|20)\d\d)\s*(?:-|–|t/m|tot en met|tot)\s*((?:19|20)\d\d)\b", text):
        if int(a) <= int(year) <= int(b):
            return True
    return False


_DAY_WRITTEN = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b", re.I)
_DAY_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")


def outside_days(text: str, matches: list[re.Match[str]], days: tuple[str, ...]) -> list[re.Match[str]]:
    """The ``matches`` in ``text`` that do not stand inside one of ``days`` (ISO dates), written in either form: a
    question that names "10 oktober 2024" as its source ("volgens de notulen van 10 oktober 2024") finds it back as
    "10-10-2024" too, and a date in it is the source, not the asked date."""
    if not days:  # most questions name no day: no need to read the text's days
        return list(matches)
    spans = [m.span() for p in (_DAY_WRITTEN, _DAY_NUMERIC) for m in p.finditer(text)]
    named = [(a, b) for a, b in spans if set(days_in(text[a:b])) & set(days)]
    return [m for m in matches if not any(a <= m.start() < b for a, b in named)]


def days_in(text: str) -> tuple[str, ...]:
    """Every day the text names, as ISO dates: "op 16 mei 2023" and "16-05-2023" are both '2023-05-16' (written
    days first). The one reading of a day in a document or a question: metadata, register and answerer use it."""
    found = [f"{y}-{MONTHS[m.lower()]:02d}-{int(d):02d}" for d, m, y in _DAY_WRITTEN.findall(text)]
    found += [f"{y}-{int(m):02d}-{int(d):02d}" for d, m, y in _DAY_NUMERIC.findall(text)]
    return tuple(dict.fromkeys(iso for iso in found if _real(iso)))
