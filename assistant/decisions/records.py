"""The records of the decisions register: a decision, where a source says so, and a meeting's header."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..dates import MONTH_NAMES, format_dutch_date


@dataclass
class Source:
    doc_id: str
    title: str
    page: int | None
    quote: str
    #: Where the quote starts in the document's cleaned text (to find the passage that holds it).
    offset: int = -1


@dataclass
class Decision:
    """One decision; ``date`` is ISO at the precision the source gives (2023-12-19, 2023-12 or 2023).

    Decisions from a besluitenlijst also carry the agenda number and the decision text ("Besluit: ...").
    """

    date: str
    omschrijving: str
    zaaknummer: str = ""
    kind: str = "besluit"
    body: str = ""
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # every date a source gives, for conflicts
    besluit: str = ""
    agenda: str = ""
    #: Every case number the decision mentions (the first is ``zaaknummer``).
    zaaknummers: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("dates")
        for source in data["sources"]:
            source.pop("offset", None)
        return data

    @property
    def text(self) -> str:
        """What the decision is about, for matching a question: description and decision text."""
        return f"{self.omschrijving} {self.besluit}".strip()


@dataclass
class Meeting:
    """The header of a besluitenlijst: when the college or the raad met, who chaired, who was there."""

    doc_id: str
    title: str
    date: str
    body: str = ""
    voorzitter: str = ""
    aanwezigen: str = ""
    afwezigen: str = ""
    zaaknummer: str = ""
    page: int | None = 1
    quote: str = ""
    offset: int = -1

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def display_date(iso: str) -> str:
    """As the documents write it: 24-05-2022; a month as "december 2023"; a year as it is."""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}-{parts[1]}-{parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1])]} {parts[0]}"
    return iso


def both_dates(iso: str) -> str:
    """A day in both styles, "10 juni 2025 (10-06-2025)": notas write the one, tables and besluitenlijsten the other."""
    return f"{format_dutch_date(iso)} ({display_date(iso)})" if len(iso) == 10 else display_date(iso)
