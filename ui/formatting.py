"""How answers, filters and decisions look in the chat: Markdown with links to the source pages, filter chips,
and Besluiten rows whose date column sorts as dates.

Pure functions of the library's dataclasses, so the layout in ``ui.app`` only wires them to components.

Example:
    >>> filter_chips(FilterInput(["besluitenlijst"], [], "01-06-2025", ""))[0]
    ['Soort: Besluitenlijst', 'Vanaf: 1 juni 2025']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from assistant.dates import format_dutch_date, parse_period
from assistant.decisions import Decision, display_date
from assistant.schema import Answer, Citation, Filters
from assistant.vocabulary import DOC_TYPE_LABELS

from .viewer import page_link

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]  # fmt: skip


def citation_link(c: Citation) -> str:
    page = int(c.page.split("-")[0]) if c.page else None
    return page_link(c.doc_id, page, quote=c.quote, cell=c.cell, passage=c.chunk_id)


def citation_label(c: Citation) -> str:
    page = f", p. {c.page}" if c.page else ""
    return f"{c.title}{page}"


def answer_markdown(answer: Answer) -> str:
    """The answer with every ``[n]`` a link to the cited page, then the sources as a list right under it."""
    by_n = {c.n: c for c in answer.citations}

    def link(m: re.Match[str]) -> str:
        c = by_n.get(int(m.group(1)))
        return f"[\\[{m.group(1)}\\]]({citation_link(c)})" if c else m.group(0)

    text = re.sub(r"\[(\d+)\]", link, _verbatim_numbers(answer.answer)) if not answer.refused else answer.answer
    parts = [text]
    if answer.searched:
        parts.append(f"\n\n<small>Gezocht op: <i>{html.escape(answer.searched)}</i></small>")
    if answer.notice:
        parts.append(f"\n\n_Let op: {answer.notice}_")
    if answer.citations and not answer.refused:
        items = "\n".join(f"{c.n}. [{_md(citation_label(c))}]({citation_link(c)})" for c in answer.citations)
        parts.append(f"\n\n**Bronnen** (klik om de pagina te zien):\n\n{items}")
    return "".join(parts)


#: A line that opens with a number and a full stop or bracket: Markdown makes it an ordered list and numbers it anew.
_NUMBERED_LINE = re.compile(r"(?m)^(\s*\d{1,3})([.)])(?=\s)")


def _verbatim_numbers(text: str) -> str:
    """The numbering of a quoted list as the document prints it. Markdown renumbers an ordered list from its first
    item, so "6. Veiligheid voor gezinnen" after a line holding items 3 to 5 was shown as "4."; a quote must show
    what the passage says.

    >>> _verbatim_numbers("verbeteren:\\n1. Meer inclusie.\\n6. Veiligheid.")
    'verbeteren:\\n1\\\\. Meer inclusie.\\n6\\\\. Veiligheid.'
    """
    return _NUMBERED_LINE.sub(r"\1\\\2", text)


def _md(text: str) -> str:
    return re.sub(r"([\[\]*_`])", r"\\\1", text)


@dataclass
class FilterInput:
    """The filter fields as the user filled them in."""

    doc_types: list[str] = field(default_factory=list)
    gemeenten: list[str] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""

    def problems(self) -> list[str]:
        """Dutch messages for dates that cannot be read (they are never silently ignored)."""
        out = []
        for label, value in (("Vanaf", self.date_from), ("Tot en met", self.date_to)):
            if (value or "").strip() and parse_period(value) is None:
                example = "typ bijvoorbeeld 2024, juni 2025 of 01-06-2025"
                out.append(f"“{value.strip()}” bij {label} is geen datum; {example}.")
        return out

    def to_filters(self) -> Filters:
        return Filters(
            list(self.doc_types or []),
            list(self.gemeenten or []),
            parse_period(self.date_from or ""),
            parse_period(self.date_to or ""),
        )


def period_label(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return format_dutch_date(iso)
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def filter_chips(f: FilterInput) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Chip labels for the active filters, and per label which field and value it stands for."""
    chips: dict[str, tuple[str, str]] = {}
    for t in f.doc_types or []:
        chips[f"Soort: {DOC_TYPE_LABELS.get(t, t)}"] = ("doc_types", t)
    for g in f.gemeenten or []:
        chips[f"Gemeente: {g}"] = ("gemeenten", g)
    for label, name, value in (("Vanaf", "date_from", f.date_from), ("Tot en met", "date_to", f.date_to)):
        iso = parse_period(value or "")
        if iso:
            chips[f"{label}: {period_label(iso)}"] = (name, value)
    return list(chips), chips


def without_chips(f: FilterInput, kept: list[str]) -> FilterInput:
    """The filters after the user took away every chip not in ``kept``."""
    _labels, meaning = filter_chips(f)
    removed = [meaning[label] for label in meaning if label not in kept]
    out = FilterInput(list(f.doc_types or []), list(f.gemeenten or []), f.date_from or "", f.date_to or "")
    for name, value in removed:
        if name in ("doc_types", "gemeenten"):
            getattr(out, name).remove(value)
        else:
            setattr(out, name, "")
    return out


# -- decisions ---------------------------------------------------------------------------------------

DECISION_HEADERS = ["Datum", "Besluit", "Zaaknummer", "Soort", "Door", "Bronnen", "Let op"]
#: Widths that fit 1280 px with wrapping: the description gets the room, sources and conflicts stay visible.
DECISION_WIDTHS = ["9%", "31%", "11%", "9%", "7%", "17%", "16%"]


def decision_row(d: Decision) -> list[str]:
    """The date as ISO at its precision ("2023-12" sorts inside December 2023, before "2023-12-19")."""
    links = "<br>".join(
        f"[{_md(s.title)}{f', p. {s.page}' if s.page else ''}]({page_link(s.doc_id, s.page, quote=s.quote)})"
        for s in d.sources
    )
    what = d.omschrijving + (f" — {d.besluit}" if d.besluit and d.besluit not in d.omschrijving else "")
    return [d.date, what, d.zaaknummer, d.kind, d.body, links, " ".join(d.conflicts)]


def decision_detail(d: Decision) -> str:
    """Everything about one decision, with a link per source to the page it comes from."""
    lines = [f"### {html.escape(d.omschrijving)}", ""]
    facts = [
        ("Datum", f"{display_date(d.date)}" + (f" ({format_dutch_date(d.date)})" if len(d.date) == 10 else "")),
        ("Zaaknummer", ", ".join(dict.fromkeys(z for z in [d.zaaknummer, *d.zaaknummers] if z))),
        ("Soort", d.kind),
        ("Door", d.body),
        ("Agendapunt", d.agenda),
        ("Besluit", d.besluit),
    ]
    lines += [f"- **{k}:** {html.escape(v)}" for k, v in facts if v]
    if d.conflicts:
        lines.append(f"- **Let op:** {html.escape(' '.join(d.conflicts))}")
    lines += ["", "**Bronnen**", ""]
    for i, s in enumerate(d.sources, start=1):
        page = f", p. {s.page}" if s.page else ""
        link = page_link(s.doc_id, s.page, quote=s.quote)
        lines.append(f"{i}. [{_md(s.title)}{page}]({link}): “{html.escape(s.quote)}”")
    return "\n".join(lines)
