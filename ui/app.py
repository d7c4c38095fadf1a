"""The web chat for raadsleden (Gradio): ask, read the answer, open the cited page; staff search the decisions.

All text a user sees is Dutch (Gradio's own controls too, see ``ui.dutch``). Only redacted questions ever reach
the chat history, the feedback store or the server logs: the chat shows the question as the assistant received it
after the guard (``Answer.question``), never the raw input. Every handler calls a library use case
(``Assistant.ask``, ``add_document``, ``decisions.query``); nothing here decides what an answer is.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import html
import io
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.dates import parse_period
from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.vocabulary import DOC_TYPE_LABELS

from .formatting import (
    DECISION_HEADERS,
    DECISION_WIDTHS,
    FilterInput,
    answer_markdown,
    decision_detail,
    decision_row,
    filter_chips,
    without_chips,
)

EXAMPLES = [
    "Wat doet de gemeente tegen eenzaamheid?",
    "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?",
    "Hoeveel medewerkers heeft het sociaal team?",
    "Wat is Buurtgezinnen?",
]

CSS = """
#actieve-filters label { border-radius: 999px; }
#actieve-filters .wrap { gap: 6px; }
#besluiten table { table-layout: fixed; }
"""

#: Clicking a ``[n]`` or a source opens the cited page in an overlay (a side panel on a wide screen, full screen
#: on a phone) instead of leaving the chat; with Ctrl/Cmd, or without JavaScript, it opens as a normal page.
HEAD = """<style>
dialog#bronvenster { padding: 0; border: none; border-radius: 10px; width: min(900px, 96vw); height: 92vh;
               max-height: 92vh; box-shadow: 0 10px 40px rgba(0,0,0,.35); }
#bronvenster::backdrop { background: rgba(0,0,0,.35); }
#bronvenster .bron-kop { display: flex; align-items: center; gap: 12px; padding: 6px 10px; height: 44px;
                         box-sizing: border-box; border-bottom: 1px solid #e5e7eb; background: #fff; }
#bronvenster .bron-kop strong { flex: 1; }
#bronvenster iframe { width: 100%; height: calc(100% - 44px); border: 0; display: block; }
#bronvenster button { font-size: 1rem; padding: 4px 12px; border: 1px solid #d1d5db; border-radius: 8px;
                      background: #fff; cursor: pointer; }
@media (min-width: 1100px) { dialog#bronvenster { margin: 0 0 0 auto; height: 100vh; max-height: 100vh; width: 50vw;
                                            border-radius: 0; } }
@media (max-width: 700px) { dialog#bronvenster { width: 100vw; max-width: 100vw; height: 100dvh; max-height: 100dvh;
                                           margin: 0; border-radius: 0; } }
</style>
<script>
(function () {
  if (window.__bronvenster) return;
  window.__bronvenster = true;
  function venster() {
    var d = document.getElementById('bronvenster');
    if (d) return d;
    d = document.createElement('dialog');
    d.id = 'bronvenster';
    d.setAttribute('aria-label', 'Bron bij het antwoord');
    d.innerHTML = '<div class="bron-kop"><strong>Bron</strong>' +
      '<a class="bron-nieuw" target="_blank" rel="noopener">Open in nieuw tabblad</a>' +
      '<button type="button" class="bron-sluit" aria-label="Bron sluiten">Sluiten</button></div>' +
      '<iframe title="De geciteerde pagina"></iframe>';
    d.querySelector('.bron-sluit').addEventListener('click', function () { d.close(); });
    d.addEventListener('click', function (e) { if (e.target === d) d.close(); });
    document.body.appendChild(d);
    return d;
  }
  // Gradio strings without a Dutch translation, and screen-reader labels that read out raw Markdown.
  var exact = {
    'Copy message': 'Bericht kopiëren', 'Copied message': 'Gekopieerd', 'Copy': 'Kopiëren', 'Copied': 'Gekopieerd',
    'Copy conversation': 'Gesprek kopiëren', 'More tabs': 'Meer tabbladen', 'chatbot conversation': 'Gesprek',
    'Clear': 'Wissen', 'Retry': 'Opnieuw', 'Undo': 'Ongedaan maken', 'Edit': 'Bewerken', 'Submit': 'Verzenden',
    'Fullscreen': 'Volledig scherm', 'Exit fullscreen mode': 'Volledig scherm sluiten', 'Remove': 'Verwijderen',
    'Remove All': 'Alles verwijderen', 'Loading...': 'Laden...', 'Error': 'Fout', 'Close': 'Sluiten',
    'Open': 'Openen', 'Download': 'Downloaden', 'Search': 'Zoeken', 'Select all': 'Alles selecteren',
    'Open cell menu': 'Kolommenu openen', 'Clear filters': 'Filters wissen',
    'Click to upload or drop files': 'Klik om een bestand te kiezen of sleep het hierheen',
    'Scroll down': 'Naar beneden', 'Scroll to bottom': 'Naar beneden', 'Dropdown': 'Keuzelijst'
  };
  function dutch(value) {
    if (!value) return value;
    if (exact[value]) return exact[value];
    if (value.indexOf("bot's message") === 0) return 'Antwoord van de assistent';
    if (value.indexOf("user's message: ") === 0) return 'Uw vraag: ' + value.slice(16);
    return value;
  }
  function translateText(root) {
    if (!root.ownerDocument && root !== document.documentElement) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      var v = node.nodeValue, t = v && v.trim();
      if (t && exact[t]) node.nodeValue = v.replace(t, exact[t]);
    }
  }
  function translate(root) {
    translateText(root);
    var nodes = root.querySelectorAll ? root.querySelectorAll('[aria-label],[title],[placeholder]') : [];
    [root].concat(Array.prototype.slice.call(nodes)).forEach(function (el) {
      if (!el.getAttribute) return;
      ['aria-label', 'title', 'placeholder'].forEach(function (name) {
        var v = el.getAttribute(name), t = dutch(v);
        if (v && t !== v) el.setAttribute(name, t);
      });
    });
  }
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.type === 'attributes') translate(r.target);
      r.addedNodes && r.addedNodes.forEach(function (n) { if (n.nodeType === 1) translate(n); });
    });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true,
                                          attributeFilter: ['aria-label', 'title', 'placeholder'] });
  translate(document.documentElement);
  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a[href]') : null;
    if (!a || a.closest('#bronvenster') || !/\\/bron\\/[^/]+\\/pagina\\/\\d+/.test(a.href)) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    var d = venster();
    d.querySelector('iframe').src = a.href;
    d.querySelector('.bron-nieuw').href = a.href;
    if (!d.open) d.showModal();
  }, true);
})();
</script>"""

CSV_HEADERS = ["datum", "omschrijving", "besluit", "zaaknummer", "soort", "door", "bronnen", "conflicten"]
EMPTY_STATE: dict[str, Any] = {"questions": [], "answers": []}


_EXPORTS: list[Path] = []


def _export_dir() -> Path:
    """This process's folder for CSV exports, created on first use and removed at exit."""
    if not _EXPORTS:
        folder = Path(tempfile.mkdtemp(prefix="besluiten-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _EXPORTS.append(folder)
    return _EXPORTS[0]


class ChatUI:
    """The handlers of the page around the one ``Assistant`` of the process. Questions run concurrently (up to
    ``settings.concurrency``); an upload re-indexes in the background of them (the retriever swaps its snapshot
    atomically), so no handler takes a lock."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.feedback = FeedbackStore(Path(assistant.settings.index_dir) / "feedback.sqlite")

    # -- what is indexed --------------------------------------------------------------------------

    def filter_choices(self) -> tuple[list[tuple[str, str]], list[str]]:
        """Document types and gemeenten that occur in the index (offering others only leads to 'niet gevonden')."""
        docs = self.assistant.index.documents()
        types = sorted({d["doc_type"] for d in docs if d.get("doc_type")}, key=lambda t: DOC_TYPE_LABELS.get(t, t))
        gemeenten = sorted({g for d in docs for g in d.get("gemeenten") or []})
        return [(DOC_TYPE_LABELS.get(t, t), t) for t in types], gemeenten

    def refresh_filters(self, doc_types: list[str], gemeenten: list[str]) -> tuple[Any, Any]:
        types, places = self.filter_choices()
        return (
            gr.update(choices=types, value=[t for t in doc_types or [] if t in {v for _, v in types}]),
            gr.update(choices=places, value=[g for g in gemeenten or [] if g in places]),
        )

    # -- chat -------------------------------------------------------------------------------------

    def respond(
        self,
        message: str,
        history: list[dict[str, Any]],
        state: dict[str, Any],
        doc_types: list[str],
        gemeenten: list[str],
        date_from: str,
        date_to: str,
    ) -> Iterator[tuple[Any, ...]]:
        state = dict(state or EMPTY_STATE)
        if not (message or "").strip():
            yield history, state, gr.update()
            return
        chosen = FilterInput(doc_types, gemeenten, date_from, date_to)
        problems = chosen.problems()
        if problems:  # a filter that cannot be read is said, never silently dropped
            note = " ".join(problems) + " Pas het filter aan en stel de vraag opnieuw."
            yield [*history, {"role": "assistant", "content": note}], state, gr.update()
            return
        answer = self.assistant.ask(message, filters=chosen.to_filters(), history=state["questions"])
        # Only the redacted question is kept, shown and stored.
        history = [*history, {"role": "user", "content": answer.question}, {"role": "assistant", "content": ""}]
        state["questions"] = [*state["questions"], answer.question]
        state["answers"] = [
            *state["answers"],
            {"id": uuid.uuid4().hex, "question": answer.question, "answer": answer.answer},
        ]
        full = answer_markdown(answer)
        words = full.split(" ")
        step = max(8, len(words) // 12)
        for i in range(step, len(words), step):  # stream the text in pieces
            history[-1] = {"role": "assistant", "content": " ".join(words[:i])}
            yield history, state, ""
            time.sleep(0.02)
        history[-1] = {"role": "assistant", "content": full}
        yield history, state, ""

    @staticmethod
    def new_conversation() -> tuple[Any, ...]:
        """Chat, follow-up context and filters all start empty: nothing hidden stays active."""
        return [], dict(EMPTY_STATE), "", [], [], "", "", gr.update(choices=[], value=[], visible=False), ""

    def on_like(self, data: gr.LikeData, state: dict[str, Any]) -> None:
        answers = (state or {}).get("answers", [])
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = min(len(answers) - 1, int(index) // 2) if answers else -1
        if turn < 0:
            return
        a = answers[turn]
        rating = None if data.liked in (None, "") else (1 if data.liked is True or data.liked == "Like" else -1)
        self.feedback.rate(a.get("id") or str(turn), a["question"], a["answer"], rating)

    def on_comment(self, comment: str, state: dict[str, Any]) -> tuple[str, str]:
        answers = (state or {}).get("answers", [])
        if not (comment or "").strip():
            return comment, "Schrijf eerst een opmerking."
        if not answers:
            return comment, "Stel eerst een vraag; de opmerking hoort bij het laatste antwoord."
        self.feedback.add(answers[-1]["question"], answers[-1]["answer"], None, comment.strip())
        return "", "Dank u wel, uw opmerking is opgeslagen."

    # -- filters as chips -------------------------------------------------------------------------

    @staticmethod
    def show_chips(doc_types: list[str], gemeenten: list[str], date_from: str, date_to: str) -> tuple[Any, str]:
        chosen = FilterInput(doc_types, gemeenten, date_from, date_to)
        labels, _ = filter_chips(chosen)
        return gr.update(choices=labels, value=labels, visible=bool(labels)), " ".join(chosen.problems())

    @staticmethod
    def remove_chip(
        kept: list[str], doc_types: list[str], gemeenten: list[str], date_from: str, date_to: str
    ) -> tuple[Any, ...]:
        f = without_chips(FilterInput(doc_types, gemeenten, date_from, date_to), list(kept or []))
        labels, _ = filter_chips(f)
        chips = gr.update(choices=labels, value=labels, visible=bool(labels))
        return f.doc_types, f.gemeenten, f.date_from, f.date_to, chips

    # -- decisions --------------------------------------------------------------------------------

    def _decisions(self, since: str, until: str, zaak: str, q: str) -> tuple[list[Any], str]:
        problems = []
        periods = []
        for label, value in (("Vanaf", since), ("Tot en met", until)):
            iso = parse_period(value or "")
            if (value or "").strip() and iso is None:
                problems.append(f"“{value.strip()}” bij {label} is geen datum; typ bijvoorbeeld 2024 of 01-06-2024.")
            periods.append(iso)
        found = self.assistant.decisions.query(
            since=periods[0], until=periods[1], zaak=(zaak or "").strip() or None, q=(q or "").strip() or None
        )
        found = sorted(found, key=lambda d: d.date, reverse=True)
        status = " ".join(problems) or f"{len(found)} besluiten gevonden. Klik op een rij voor de details en bronnen."
        return found, status

    def search_decisions(self, since: str, until: str, zaak: str, q: str) -> tuple[Any, str, str, str]:
        found, status = self._decisions(since, until, zaak, q)
        rows = [decision_row(d) for d in found]
        return rows, self._csv(found), status, ""

    def decision_detail(self, since: str, until: str, zaak: str, q: str, evt: gr.SelectData) -> str:
        found, _ = self._decisions(since, until, zaak, q)
        row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        # The table may be sorted in the browser: find the row by what was clicked, not by its position.
        clicked = evt.row_value if getattr(evt, "row_value", None) else None
        if clicked:
            match = next((d for d in found if decision_row(d)[:3] == list(clicked)[:3]), None)
            if match is not None:
                return decision_detail(match)
        return decision_detail(found[row]) if 0 <= row < len(found) else ""

    @staticmethod
    def _csv(found: list[Any]) -> str:
        """The export as a file Gradio can serve. One folder per export's content (same filters, same file; two users
        never overwrite each other's), all under one folder of this process that is removed when it exits (a folder
        per filter change used to pile up in /tmp)."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=";")
        writer.writerow(CSV_HEADERS)
        for d in found:
            sources = " | ".join(f"{s.title} p. {s.page}" for s in d.sources)
            writer.writerow(
                [d.date, d.omschrijving, d.besluit, d.zaaknummer, d.kind, d.body, sources, " ".join(d.conflicts)]
            )
        content = out.getvalue()
        folder = _export_dir() / hashlib.sha256(content.encode()).hexdigest()[:16]
        folder.mkdir(exist_ok=True)
        path = folder / "besluitenregister.csv"
        path.write_text(content, encoding="utf-8-sig", newline="")  # BOM: Excel opens it as UTF-8
        return str(path)

    # -- documents --------------------------------------------------------------------------------

    def documents_table(self) -> list[list[Any]]:
        rows = []
        for d in sorted(self.assistant.index.documents(), key=lambda d: (d.get("date") or "", d["title"])):
            rows.append(
                [
                    d["title"],
                    DOC_TYPE_LABELS.get(d["doc_type"], d["doc_type"]),
                    d.get("date") or "",
                    d.get("pages") or "",
                    d.get("chunks") or 0,
                    (d.get("indexed_at") or "").replace("T", " ").replace("+00:00", " UTC"),
                ]
            )
        return rows

    def upload(self, file: Any, progress: gr.Progress = gr.Progress()) -> tuple[str, list[list[Any]], None]:  # noqa: B008
        """Add one file through the library's use case; the list stays visible and the reason is Dutch."""
        if not file:
            return "Kies eerst een bestand (PDF, TXT of MD).", self.documents_table(), None
        source = Path(file if isinstance(file, str) else file.name)
        original = Path(getattr(file, "orig_name", None) or source.name).name

        def report(done: int, total: int, desc: str) -> None:
            progress((done, total or 1), desc=f"Indexeren: {desc}")

        progress(0, desc="Bestand controleren")
        result = self.assistant.add_document(source, name=original, progress=report)
        icon = "✅" if result.ok else ("ℹ️" if result.reason == "duplicate" else "⚠️")
        return f"{icon} {html.escape(result.message)}", self.documents_table(), None


def build_ui(assistant: Assistant) -> gr.Blocks:
    ui = ChatUI(assistant)
    types, places = ui.filter_choices()
    with gr.Blocks(title="Raadsassistent", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Raadsassistent\nStel een vraag over de beleidsdocumenten. Elk antwoord noemt de bron; "
            "klik op **[1]** of op een bron om de pagina te zien. Stel geen vragen over individuele inwoners."
        )
        state = gr.State(dict(EMPTY_STATE))
        with gr.Tab("Vragen", id="vragen") as tab_chat:
            chips = gr.CheckboxGroup(
                [], value=[], label="Actieve filters (klik om een filter weg te halen)", visible=False,
                elem_id="actieve-filters",
            )  # fmt: skip
            chatbot = gr.Chatbot(
                label="Gesprek",
                height=520,
                elem_id="gesprek",
                placeholder="Nog geen vragen. Kies een voorbeeld of typ uw vraag hieronder.",
                feedback_options=("Like", "Dislike"),
                buttons=["copy"],
            )
            question = gr.Textbox(
                label="Uw vraag", placeholder="Bijvoorbeeld: wat doet de gemeente tegen eenzaamheid?",
                elem_id="vraag", lines=1, max_lines=4, autofocus=True,
            )  # fmt: skip
            with gr.Row():
                send = gr.Button("Verstuur", variant="primary", elem_id="verstuur")
                new = gr.Button("Nieuw gesprek", elem_id="nieuw-gesprek")
            gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
            with gr.Accordion("Filters", open=False, elem_id="filters"):
                f_types = gr.Dropdown(types, multiselect=True, label="Soort document", elem_id="filter-soort")
                f_gemeenten = gr.Dropdown(places, multiselect=True, label="Gemeente", elem_id="filter-gemeente")
                with gr.Row():
                    f_from = gr.Textbox(label="Vanaf", placeholder="2024 of 01-06-2024", elem_id="filter-vanaf")
                    f_to = gr.Textbox(label="Tot en met", placeholder="2025 of 31-12-2025", elem_id="filter-tot")
                f_problem = gr.Markdown(elem_id="filter-melding")
            with gr.Accordion("Opmerking over het laatste antwoord", open=False):
                comment = gr.Textbox(label="Opmerking (zonder persoonsgegevens)", lines=2)
                send_comment = gr.Button("Opmerking versturen")
                comment_status = gr.Markdown()
        with gr.Tab("Documenten", id="documenten") as tab_docs:
            table = gr.Dataframe(
                ui.documents_table(),
                headers=["Titel", "Soort", "Datum", "Pagina's", "Passages", "Laatst geïndexeerd"],
                interactive=False, elem_id="documenten", wrap=True, buttons=[],
                column_widths=["40%", "16%", "10%", "8%", "8%", "18%"],
            )  # fmt: skip
            # No file_types here: the server checks the type and answers in Dutch (the browser check is English).
            upload = gr.File(label="Document toevoegen (PDF, TXT of MD)", elem_id="upload")
            add = gr.Button("Toevoegen en indexeren", elem_id="toevoegen")
            upload_status = gr.Markdown(elem_id="upload-status")
        with gr.Tab("Besluiten", id="besluiten") as tab_decisions:
            gr.Markdown(
                "Alle besluiten uit de documenten: wanneer, onder welk zaaknummer, in welk document. Datums staan "
                "als jaar-maand-dag, zodat sorteren op datum klopt. Noemen bronnen verschillende data, dan staan ze "
                "allebei in de kolom *Let op*."
            )
            with gr.Row():
                d_since = gr.Textbox(label="Vanaf", placeholder="2024 of 01-01-2024", elem_id="besluit-vanaf")
                d_until = gr.Textbox(label="Tot en met", placeholder="31-12-2024", elem_id="besluit-tot")
                d_zaak = gr.Textbox(label="Zaaknummer", placeholder="Z/24/271610 of 271610", elem_id="besluit-zaak")
                d_q = gr.Textbox(label="Zoekwoorden", placeholder="bijv. jeugdhulp", elem_id="besluit-zoek")
            with gr.Row():
                d_search = gr.Button("Zoeken", variant="primary", elem_id="besluit-zoeken")
                d_export = gr.DownloadButton("Exporteer als CSV", elem_id="besluit-export")
            d_status = gr.Markdown(elem_id="besluit-status")
            d_table = gr.Dataframe(
                [], headers=DECISION_HEADERS,
                datatype=["str", "str", "str", "str", "str", "markdown", "str"],
                interactive=False, elem_id="besluiten", wrap=True, column_widths=DECISION_WIDTHS, buttons=[],
                max_height=640,
            )  # fmt: skip
            d_detail = gr.Markdown(elem_id="besluit-detail")

        # -- events -------------------------------------------------------------------------------
        filters = [f_types, f_gemeenten, f_from, f_to]
        inputs = [question, chatbot, state, *filters]
        outputs = [chatbot, state, question]
        for trigger in (send.click, question.submit):
            trigger(ui.respond, inputs, outputs, concurrency_limit=assistant.settings.concurrency)
        reset = [chatbot, state, question, *filters, chips, f_problem]
        new.click(ui.new_conversation, None, reset)
        chatbot.clear(ui.new_conversation, None, reset)  # the bin icon clears the same state as "Nieuw gesprek"
        for component in filters:
            component.change(ui.show_chips, filters, [chips, f_problem])
        chips.input(ui.remove_chip, [chips, *filters], [*filters, chips])
        chatbot.like(ui.on_like, [state], None)
        send_comment.click(ui.on_comment, [comment, state], [comment, comment_status])
        add.click(ui.upload, [upload], [upload_status, table, upload], show_progress_on=[upload_status])

        d_inputs = [d_since, d_until, d_zaak, d_q]
        d_outputs = [d_table, d_export, d_status, d_detail]
        d_search.click(ui.search_decisions, d_inputs, d_outputs)
        for box in d_inputs:
            box.submit(ui.search_decisions, d_inputs, d_outputs)  # Enter searches
        d_table.select(ui.decision_detail, d_inputs, d_detail)

        # Built per page load and per tab visit, so an upload in another browser shows up without a restart.
        tab_docs.select(ui.documents_table, None, table)
        tab_decisions.select(ui.search_decisions, d_inputs, d_outputs)
        tab_chat.select(ui.refresh_filters, [f_types, f_gemeenten], [f_types, f_gemeenten])
        demo.load(ui.search_decisions, d_inputs, d_outputs)
        demo.load(ui.documents_table, None, table)
    return demo.queue(default_concurrency_limit=assistant.settings.concurrency)
