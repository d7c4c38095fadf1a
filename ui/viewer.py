"""The source page a citation opens: the cited page of the original PDF with the quote marked, the passage as text,
and a download of the file. Plain HTML (no scripts), so it also works as a link opened in a new tab, in the chat's
overlay, and on a phone.

Example:
    >>> html = source_page_html(SourceView(doc={"doc_id": "d", "title": "Nota", "doc_type": "raadsinformatiebrief",
    ...     "date": "2025-04-01", "path": "nota.txt", "pages": None}, page=None, quote="", cell="", passage=None,
    ...     image_url=None, boxes=[]))
    >>> '<html lang="nl">' in html and "Nota" in html
    True
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from assistant.dates import format_dutch_date
from assistant.render import Box
from assistant.schema import Chunk
from assistant.vocabulary import DOC_TYPE_LABELS

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1f2937;
       background: #f7f7f8; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 12px 16px 40px; }
h1 { font-size: 1.25rem; margin: 8px 0 4px; }
.meta { color: #4b5563; font-size: .95rem; margin: 0 0 12px; }
.acties { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 14px; }
.acties a { display: inline-block; padding: 6px 12px; border: 1px solid #d1d5db; border-radius: 8px;
            background: #fff; color: #1d4ed8; text-decoration: none; }
.acties a[aria-disabled="true"] { color: #9ca3af; pointer-events: none; }
figure { margin: 0 0 16px; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; overflow: hidden; }
figure img { display: block; width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #4b5563; padding: 6px 10px; border-top: 1px solid #e5e7eb; }
.passage { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px 14px; white-space: pre-wrap; }
mark { background: #ffe58a; padding: 0 2px; }
mark.cel { background: #ffb347; }
.melding { background: #fff7ed; border: 1px solid #fdba74; border-radius: 8px; padding: 8px 12px; }
"""


@dataclass
class SourceView:
    """What the source page shows; ``image_url`` is None for text sources or when the page cannot be drawn."""

    doc: dict[str, Any]
    page: int | None
    quote: str
    cell: str
    passage: Chunk | None
    image_url: str | None
    boxes: list[Box] = field(default_factory=list)
    image_size: tuple[int, int] | None = None
    notice: str = ""


def page_link(doc_id: str, page: int | None, *, quote: str = "", cell: str = "", passage: str = "") -> str:
    """The URL of a source page (relative to the site root), as the chat and the Besluiten tab link it."""
    params = {k: v for k, v in (("citaat", quote[:600]), ("cel", cell), ("passage", passage)) if v}
    query = f"?{urlencode(params)}" if params else ""
    return f"bron/{doc_id}/pagina/{page or 1}{query}"


def _marked_passage(text: str, quote: str, cell: str) -> str:
    out = html.escape(text)
    q = html.escape(quote)
    if q and q in out:
        inner = q
        c = html.escape(cell)
        if c and c in q:
            inner = q.replace(c, f"<mark class='cel'>{c}</mark>", 1)
        out = out.replace(q, f"<mark>{inner}</mark>", 1)
    return out


def source_page_html(view: SourceView) -> str:
    doc = view.doc
    title = html.escape(doc.get("title") or doc.get("doc_id", "Document"))
    meta = [
        DOC_TYPE_LABELS.get(doc.get("doc_type", ""), doc.get("doc_type", "")),
        format_dutch_date(doc.get("date") or ""),
        f"pagina {view.page} van {doc['pages']}" if view.page and doc.get("pages") else "",
        f"zaaknummer {doc['zaaknummer']}" if doc.get("zaaknummer") else "",
    ]
    doc_id = html.escape(doc["doc_id"])
    actions = [f"<a href='../../../bron/{doc_id}?download=1' download>Download het originele bestand</a>"]
    if view.page and doc.get("pages"):
        for label, target in (("‹ Vorige pagina", view.page - 1), ("Volgende pagina ›", view.page + 1)):
            ok = 1 <= target <= int(doc["pages"])
            href = f"{target}" if ok else "#"
            actions.append(f"<a href='{href}'{'' if ok else ' aria-disabled=true'}>{label}</a>")
    parts = [
        "<!doctype html><html lang=\"nl\"><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{title}{f' – pagina {view.page}' if view.page else ''} – Raadsassistent</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<h1>{title}</h1><p class='meta'>{html.escape(' · '.join(m for m in meta if m))}</p>",
        f"<nav class='acties' aria-label='Document'>{''.join(actions)}</nav>",
    ]
    if view.notice:
        parts.append(f"<p class='melding' role='status'>{html.escape(view.notice)}</p>")
    if view.image_url:
        marks = json.dumps([[round(b.x0), round(b.top), round(b.x1), round(b.bottom), int(b.cell)] for b in view.boxes])
        size = f" width='{view.image_size[0]}' height='{view.image_size[1]}'" if view.image_size else ""
        if any(b.cell for b in view.boxes):
            caption = "De geciteerde rij is geel gemarkeerd, de gevraagde cel oranje."
        elif view.boxes:
            caption = "De geciteerde tekst is geel gemarkeerd."
        else:
            caption = "De geciteerde tekst is op deze pagina niet precies terug te vinden; zie de passage hieronder."
        parts.append(
            f"<figure><img id='pagina' src='{html.escape(view.image_url)}'{size} data-markeringen='{marks}' "
            f"alt='Pagina {view.page} van {title}'><figcaption>{caption}</figcaption></figure>"
        )
    if view.passage is not None:
        heading = "Geciteerde passage" if view.quote else "Passage"
        section = f" — {html.escape(view.passage.section)}" if view.passage.section else ""
        parts.append(f"<h2 style='font-size:1rem'>{heading}{section}</h2>")
        marked = _marked_passage(view.passage.text, view.quote, view.cell)
        parts.append(f"<div class='passage' id='passage'>{marked}</div>")
    parts.append("</main></body></html>")
    return "".join(parts)
