"""The web chat for raadsleden (Gradio): ask, read the answer, open its sources.

All text a user sees is Dutch. Only redacted questions ever reach the chat history, the feedback
store or the server logs: the chat shows the question as the assistant received it after the
guard (``Answer.question``), never the raw input.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.dates import format_dutch_date
from assistant.decisions import display_date
from assistant.feedback import FeedbackStore
from assistant.ingest import SUPPORTED_SUFFIXES, IngestError, load_document
from assistant.pipeline import Assistant
from assistant.schema import Answer, Filters
from assistant.vocabulary import DOC_TYPE_LABELS, DOC_TYPE_NAMES

EXAMPLES = [
    "Wat doet de gemeente tegen eenzaamheid?",
    "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?",
    "Hoeveel medewerkers heeft het sociaal team?",
    "Wat is Buurtgezinnen?",
]
CSS = """
#bron-paneel mark { background: #ffe58a; padding: 0 2px; }
#bron-paneel .bron-meta { color: #555; font-size: 0.9em; }
@media (max-width: 700px) { #hoofd-rij { flex-direction: column; } }
"""


def citation_label(c: dict[str, Any]) -> str:
    page = f", p. {c['page']}" if c.get("page") else ""
    return f"[{c['n']}] {c['title']}{page}"


def passage_html(c: dict[str, Any] | None) -> str:
    """The cited passage with the quoted sentence highlighted, and where it comes from."""
    if not c:
        return "<p class='bron-meta'>Klik op een bron om de passage te lezen.</p>"
    text = html.escape(c["text"])
    quote = html.escape(c["quote"])
    if quote and quote in text:
        text = text.replace(quote, f"<mark>{quote}</mark>", 1)
    text = text.replace("\n\n", "<br><br>")
    meta = [
        DOC_TYPE_LABELS.get(c["doc_type"], c["doc_type"]),
        format_dutch_date(c["date"]),
        f"pagina {c['page']}" if c.get("page") else "",
        f"zaaknummer {c['zaaknummer']}" if c.get("zaaknummer") else "",
    ]
    page_anchor = f"#page={c['page'].split('-')[0]}" if c.get("page") else ""
    link = f"<a href='bron/{html.escape(c['doc_id'])}{page_anchor}' target='_blank'>Open het hele document</a>"
    section = f"<div class='bron-meta'>Hoofdstuk: {html.escape(c['section'])}</div>" if c.get("section") else ""
    return (
        f"<h3>[{c['n']}] {html.escape(c['title'])}</h3>"
        f"<div class='bron-meta'>{html.escape(' · '.join(m for m in meta if m))}</div>{section}"
        f"<p>{text}</p><p>{link}</p>"
    )


def answer_markdown(answer: Answer) -> str:
    parts = [answer.answer]
    if answer.searched:
        parts.append(f"\n\n<small>Gezocht op: <i>{html.escape(answer.searched)}</i></small>")
    if answer.notice:
        parts.append(f"\n\n_Let op: {answer.notice}_")
    if answer.citations and not answer.refused:
        parts.append("\n\n**Bronnen:** " + " · ".join(citation_label(c.__dict__) for c in answer.citations))
    return "".join(parts)


def _filters(doc_types: list[str], gemeenten: list[str], date_from: str, date_to: str) -> Filters:
    def year_or_date(value: str) -> str | None:
        value = (value or "").strip()
        return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else None

    return Filters(list(doc_types or []), list(gemeenten or []), year_or_date(date_from), year_or_date(date_to))


class ChatUI:
    """Holds the one ``Assistant`` of the process and the handlers of the page."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.lock = threading.Lock()  # index updates and questions do not interleave
        self.feedback = FeedbackStore(Path(assistant.settings.index_dir) / "feedback.sqlite")

    # -- chat -----------------------------------------------------------------------------------

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
        state = dict(state or {"questions": [], "answers": []})
        if not (message or "").strip():
            yield history, state, gr.update(), "", gr.update()
            return
        with self.lock:
            answer = self.assistant.ask(
                message, filters=_filters(doc_types, gemeenten, date_from, date_to), history=state["questions"]
            )
        # Only the redacted question is kept, shown and stored.
        history = [*history, {"role": "user", "content": answer.question}, {"role": "assistant", "content": ""}]
        state["questions"] = [*state["questions"], answer.question]
        citations = [c.__dict__ for c in answer.citations]
        state["answers"] = [*state["answers"], {"question": answer.question, "answer": answer.answer}]
        state["citations"] = citations
        full = answer_markdown(answer)
        words = full.split(" ")
        step = max(8, len(words) // 12)
        for i in range(step, len(words) + step, step):  # stream the text in pieces
            history[-1] = {"role": "assistant", "content": " ".join(words[:i])}
            yield history, state, gr.update(), "", gr.update()
            time.sleep(0.02)
        choices = [citation_label(c) for c in citations]
        yield (
            history,
            state,
            gr.update(choices=choices, value=choices[0] if choices else None, visible=bool(choices)),
            "",
            passage_html(citations[0] if citations else None),
        )

    @staticmethod
    def show_citation(label: str | None, state: dict[str, Any]) -> str:
        for c in (state or {}).get("citations", []):
            if citation_label(c) == label:
                return passage_html(c)
        return passage_html(None)

    @staticmethod
    def new_conversation() -> tuple[Any, ...]:
        return (
            [],
            {"questions": [], "answers": []},
            gr.update(choices=[], value=None, visible=False),
            "",
            passage_html(None),
        )

    def on_like(self, data: gr.LikeData, state: dict[str, Any]) -> None:
        answers = (state or {}).get("answers", [])
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = min(len(answers) - 1, int(index) // 2) if answers else -1
        if turn >= 0:
            self.feedback.add(answers[turn]["question"], answers[turn]["answer"], 1 if data.liked else -1)

    def on_comment(self, comment: str, state: dict[str, Any]) -> tuple[str, str]:
        answers = (state or {}).get("answers", [])
        if not (comment or "").strip():
            return comment, "Schrijf eerst een opmerking."
        if not answers:
            return comment, "Stel eerst een vraag; de opmerking hoort bij het laatste antwoord."
        self.feedback.add(answers[-1]["question"], answers[-1]["answer"], None, comment.strip())
        return "", "Dank u wel, uw opmerking is opgeslagen."

    # -- decisions ------------------------------------------------------------------------------

    def _decisions(self, since: str, until: str, zaak: str, q: str) -> list[Any]:
        clean = [(v or "").strip() or None for v in (since, until, zaak, q)]
        return self.assistant.decisions.query(since=clean[0], until=clean[1], zaak=clean[2], q=clean[3])

    def decision_rows(self, since: str, until: str, zaak: str, q: str) -> list[list[str]]:
        rows = []
        for d in self._decisions(since, until, zaak, q):
            links = "<br>".join(
                f"[{s.title}, p. {s.page}](bron/{s.doc_id}{f'#page={s.page}' if s.page else ''})" for s in d.sources
            )
            rows.append(
                [display_date(d.date), d.omschrijving, d.zaaknummer, d.kind, d.body, links, " ".join(d.conflicts)]
            )
        return rows

    def search_decisions(self, since: str, until: str, zaak: str, q: str) -> tuple[list[list[str]], str]:
        return self.decision_rows(since, until, zaak, q), self.decisions_csv(since, until, zaak, q)

    def decisions_csv(self, since: str, until: str, zaak: str, q: str) -> str:
        path = Path(tempfile.mkdtemp(prefix="besluiten-")) / "besluitenregister.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel opens it as UTF-8
            writer = csv.writer(f, delimiter=";")
            writer.writerow(["datum", "omschrijving", "zaaknummer", "soort", "door", "bronnen", "conflicten"])
            for d in self._decisions(since, until, zaak, q):
                sources = " | ".join(f"{s.title} p. {s.page}" for s in d.sources)
                writer.writerow([d.date, d.omschrijving, d.zaaknummer, d.kind, d.body, sources, " ".join(d.conflicts)])
        return str(path)

    # -- documents ------------------------------------------------------------------------------

    def documents_table(self) -> list[list[Any]]:
        rows = []
        for d in sorted(self.assistant.index.documents(), key=lambda d: (d.get("date") or "", d["title"])):
            rows.append(
                [
                    d["title"],
                    DOC_TYPE_LABELS.get(d["doc_type"], d["doc_type"]),
                    format_dutch_date(d.get("date") or ""),
                    d.get("pages") or "",
                    d.get("chunks") or 0,
                    (d.get("indexed_at") or "").replace("T", " ").replace("+00:00", " UTC"),
                ]
            )
        return rows

    def _upload_result(self, message: str) -> tuple[str, list[list[Any]], None]:
        return message, self.documents_table(), None  # None clears the upload field for the next file

    def upload(self, file: Any, progress: gr.Progress = gr.Progress()) -> tuple[str, list[list[Any]], None]:  # noqa: B008
        """Validate, add to the corpus folder and index; a bad file is refused and nothing else changes."""
        if not file:
            return self._upload_result("Kies eerst een bestand (PDF, TXT of MD).")
        source = Path(file if isinstance(file, str) else file.name)
        original = Path(getattr(file, "orig_name", None) or source.name).name
        name = html.escape(original)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", original).strip(".-") or "document"
        suffix = Path(safe).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            return self._upload_result(f"**{name}**: alleen PDF-, TXT- en MD-bestanden kunnen worden toegevoegd.")
        size_mb = source.stat().st_size / 1_000_000
        limit = self.assistant.settings.max_upload_mb
        if size_mb > limit:
            return self._upload_result(f"**{name}** is {size_mb:.0f} MB; de grens is {limit} MB.")
        corpus = Path(self.assistant.settings.corpus_dir)
        if len(self.assistant.index.documents()) >= self.assistant.settings.max_documents:
            limit_docs = self.assistant.settings.max_documents
            full = f"het maximum van {limit_docs} documenten is bereikt"
            return self._upload_result(f"**{name}** is niet toegevoegd: {full}.")
        target = corpus / safe
        if target.exists():
            target = corpus / f"{Path(safe).stem}-{int(time.time())}{suffix}"
        try:
            load_document(source)  # checks the content before anything is added
        except IngestError as exc:
            return self._upload_result(f"**{name}** is niet toegevoegd: {html.escape(exc.dutch)}.")
        shutil.copy(source, target)

        def report(done: int, total: int, desc: str) -> None:
            progress((done, total or 1), desc=f"Indexeren: {desc}")

        with self.lock:
            try:
                result = self.assistant.ensure_index(progress=report)
            except Exception as exc:  # keep the corpus as it was and say what happened
                target.unlink(missing_ok=True)
                return self._upload_result(f"Indexeren mislukt; het bestand is weer verwijderd ({type(exc).__name__}).")
        summary = result.summary() if result else "De index was al bijgewerkt."
        return self._upload_result(f"**{name}** is toegevoegd. {summary}")


def build_ui(assistant: Assistant) -> gr.Blocks:
    ui = ChatUI(assistant)
    documents = assistant.index.documents()
    gemeenten = sorted({g for d in documents for g in d.get("gemeenten") or []})
    with gr.Blocks(title="Raadsassistent") as demo:
        gr.Markdown(
            "# Raadsassistent\nStel een vraag over de beleidsdocumenten. Elk antwoord noemt de bron; "
            "klik op een bron om de passage te lezen. Stel geen vragen over individuele inwoners."
        )
        state = gr.State({"questions": [], "answers": []})
        with gr.Tab("Vragen"), gr.Row(elem_id="hoofd-rij"):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Gesprek",
                    height=480,
                    elem_id="gesprek",
                    placeholder="Nog geen vragen. Kies een voorbeeld of typ uw vraag hieronder.",
                    feedback_options=("Like", "Dislike"),
                )
                question = gr.Textbox(
                    label="Uw vraag", placeholder="Bijvoorbeeld: wat doet de gemeente tegen eenzaamheid?",
                    elem_id="vraag", lines=1, max_lines=4, autofocus=True,
                )  # fmt: skip
                with gr.Row():
                    send = gr.Button("Verstuur", variant="primary", elem_id="verstuur")
                    new = gr.Button("Nieuw gesprek", elem_id="nieuw-gesprek")
                gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
                with gr.Accordion("Filters", open=False):
                    f_types = gr.Dropdown(
                        [(DOC_TYPE_LABELS[t], t) for t in DOC_TYPE_NAMES], multiselect=True, label="Soort document"
                    )
                    f_gemeenten = gr.Dropdown(gemeenten, multiselect=True, label="Gemeente")
                    with gr.Row():
                        f_from = gr.Textbox(label="Vanaf (jaar of datum)", placeholder="2024")
                        f_to = gr.Textbox(label="Tot en met (jaar of datum)", placeholder="2025")
                with gr.Accordion("Opmerking over het laatste antwoord", open=False):
                    comment = gr.Textbox(label="Opmerking (zonder persoonsgegevens)", lines=2)
                    send_comment = gr.Button("Opmerking versturen")
                    comment_status = gr.Markdown()
            with gr.Column(scale=2):
                sources = gr.Radio([], label="Bronnen van het laatste antwoord", visible=False, elem_id="bronnen")
                passage = gr.HTML(passage_html(None), elem_id="bron-paneel", label="Bron")
        with gr.Tab("Documenten"):
            table = gr.Dataframe(
                ui.documents_table(),
                headers=["Titel", "Soort", "Datum", "Pagina's", "Passages", "Laatst geïndexeerd"],
                interactive=False, elem_id="documenten",
            )  # fmt: skip
            # No file_types here: the server checks the type and answers in Dutch (the browser check is English).
            upload = gr.File(label="Document toevoegen (PDF, TXT of MD)", elem_id="upload")
            add = gr.Button("Toevoegen en indexeren", elem_id="toevoegen")
            upload_status = gr.Markdown(elem_id="upload-status")
        with gr.Tab("Besluiten"):
            gr.Markdown(
                "Alle besluiten die in de documenten genoemd worden: wanneer, onder welk zaaknummer, in welke nota. "
                "Noemen bronnen verschillende data, dan staan ze allebei in de kolom *Let op*."
            )
            with gr.Row():
                d_since = gr.Textbox(label="Vanaf (JJJJ of JJJJ-MM-DD)", elem_id="besluit-vanaf")
                d_until = gr.Textbox(label="Tot en met", elem_id="besluit-tot")
                d_zaak = gr.Textbox(label="Zaaknummer", elem_id="besluit-zaak")
                d_q = gr.Textbox(label="Zoekwoorden", elem_id="besluit-zoek")
            d_search = gr.Button("Zoeken", elem_id="besluit-zoeken")
            d_table = gr.Dataframe(
                ui.decision_rows("", "", "", ""),
                headers=["Datum", "Omschrijving", "Zaaknummer", "Soort", "Door", "Bronnen", "Let op"],
                datatype=["str", "str", "str", "str", "str", "markdown", "str"],
                interactive=False, elem_id="besluiten", wrap=True,
            )  # fmt: skip
            # The CSV is written with every search, so one click downloads exactly what the table shows.
            d_export = gr.DownloadButton(
                "Exporteer als CSV", value=ui.decisions_csv("", "", "", ""), elem_id="besluit-export"
            )

        inputs = [question, chatbot, state, f_types, f_gemeenten, f_from, f_to]
        outputs = [chatbot, state, sources, question, passage]
        send.click(ui.respond, inputs, outputs, concurrency_limit=assistant.settings.concurrency)
        question.submit(ui.respond, inputs, outputs, concurrency_limit=assistant.settings.concurrency)
        new.click(ui.new_conversation, None, outputs)
        sources.change(ui.show_citation, [sources, state], passage)
        chatbot.like(ui.on_like, [state], None)
        send_comment.click(ui.on_comment, [comment, state], [comment, comment_status])
        add.click(ui.upload, [upload], [upload_status, table, upload])
        d_inputs = [d_since, d_until, d_zaak, d_q]
        d_search.click(ui.search_decisions, d_inputs, [d_table, d_export])
    return demo.queue(default_concurrency_limit=assistant.settings.concurrency)
