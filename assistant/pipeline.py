"""The one place that wires the stages: settings -> index -> retrieval -> answer.

The CLI, the web chat and the eval runner all use ``Assistant``, so they answer identically.
Models and the index load once per ``Assistant``; ``ask`` is safe to call repeatedly.

Example:
    >>> a = Assistant.from_settings()
    >>> a.ensure_index()                                   # doctest: +SKIP
    >>> a.ask("Wat doet de gemeente tegen eenzaamheid?").answer   # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from .answer import ExtractiveAnswerer
from .conversation import rewrite_followup
from .decisions import DecisionRegister, RegisterOutdated, answer_decision_question, is_meeting_question
from .embeddings import Embedder, load_embeddings
from .guardrails import QuestionGuard, allow_list_from, redact_passage
from .index import Index, IndexReport, Progress
from .ingest import file_hashes, has_manifest, load_corpus
from .query import split_parts
from .question import clean_question
from .retrieval import HybridRetriever, LangChainHybridRetriever
from .schema import Answer, Document, Filters, Hit
from .settings import Settings
from .uploads import AddResult, add_document
from .vocabulary import numbered_items
from .zaaknummer import find_all, identifiers

log = logging.getLogger("raadsassistent.vragen")


class Assistant:
    """Answers Dutch questions about the indexed documents, with citations."""

    def __init__(self, settings: Settings, embeddings: Embedder | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings or load_embeddings(settings)
        self.index = Index(settings, self.embeddings)
        self.retriever = HybridRetriever(self.index, self.embeddings, settings)
        self.extractive = ExtractiveAnswerer(
            settings, self.embeddings, self.retriever.bm25, stored_vectors=self.index.sentence_vectors
        )
        self.guard = QuestionGuard()
        self._refresh_from_chunks()
        self._generative: Any = None
        self._updating = threading.Lock()  # index updates one at a time; questions never wait for it
        self.decisions = self._load_decisions()

    def _load_decisions(self) -> DecisionRegister:
        path = Path(self.settings.index_dir) / "decisions.sqlite"
        try:
            return DecisionRegister.load(path) if path.exists() else self.save_decisions()
        except (sqlite3.DatabaseError, RegisterOutdated, KeyError, TypeError, json.JSONDecodeError):
            return self.save_decisions()  # damaged or of an older layout: rebuilt from the documents

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> Assistant:
        return cls(settings or Settings(**overrides))

    # -- index --------------------------------------------------------------------------------

    def ensure_index(self, *, rebuild: bool = False, progress: Progress | None = None) -> IndexReport | None:
        """Build or refresh the index when it is missing, stale or ``rebuild`` is asked.

        The usual start (nothing changed) only hashes the files: parsing 500 pages of PDF to find out that nothing
        changed took most of a minute. A manifest can change metadata without changing a file, so with one the
        documents are read and compared."""
        corpus_dir = Path(self.settings.corpus_dir)
        if not rebuild and not has_manifest(corpus_dir) and self.index.matches(file_hashes(corpus_dir)):
            return None
        corpus = load_corpus(corpus_dir, workers=self.settings.ingest_workers)  # once: check, update, register
        if not rebuild and not self.index.is_stale(corpus):
            return None
        report = self.index.update(rebuild=rebuild, progress=progress, corpus=corpus)
        self.save_decisions(corpus.documents)
        self.retriever.refresh()
        self._refresh_from_chunks()
        return report

    def _refresh_from_chunks(self) -> None:
        """State derived from the indexed chunks: the guard's allow-list (swapped in with one assignment)."""
        self.extractive.bm25 = self.retriever.bm25  # only for results without a snapshot (the naive baseline)
        self.guard = QuestionGuard(allow_list_from(c.text for c in self.retriever.chunks))

    def save_decisions(self, documents: list[Document] | None = None) -> DecisionRegister:
        """Rebuild the decisions register from the corpus and store it next to the index (cheap: no model)."""
        if documents is None:
            documents = load_corpus(self.settings.corpus_dir, workers=self.settings.ingest_workers).documents
        register = DecisionRegister.build(documents)
        register.save(Path(self.settings.index_dir) / "decisions.sqlite")
        self.decisions = register
        return register

    def add_document(self, source: Path, name: str | None = None, progress: Progress | None = None) -> AddResult:
        """Check a file, copy it into the corpus and index it; one update at a time, questions keep running on the
        previous generation meanwhile (see ``uploads``)."""
        with self._updating:
            return add_document(self, Path(source), name, progress)

    def langchain_retriever(self, k: int = 10) -> LangChainHybridRetriever:
        return LangChainHybridRetriever(hybrid=self.retriever, k=k)

    # -- ask ----------------------------------------------------------------------------------

    def ask(self, question: str, *, filters: Filters | None = None, history: list[str] | None = None) -> Answer:
        """Answer one question. ``history`` holds earlier (redacted) questions of the conversation, so a
        follow-up like "En in 2024?" is searched as a complete question; ``filters`` narrows retrieval."""
        answer = self._answer(question, filters=filters, history=history)
        log_answer(answer)
        return answer

    def _answer(self, question: str, *, filters: Filters | None, history: list[str] | None) -> Answer:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        cleaned = clean_question(question, max_chars=self.settings.max_question_chars)
        question = cleaned.text
        notice = " ".join(cleaned.notices) or None
        if not question:
            return Answer(question="", answer="Stel een vraag over de documenten.", abstained=True)
        t = time.perf_counter()
        verdict = self.guard.check(question)
        timings["guard"] = (time.perf_counter() - t) * 1000
        if verdict.refused:
            # Only the redacted question leaves this function: nothing raw is returned, printed or stored.
            timings["total"] = (time.perf_counter() - started) * 1000
            return Answer(
                question=verdict.redacted,
                answer=verdict.message or "",
                refused=True,
                refusal_reason=verdict.reason,
                timings_ms=timings,
            )
        if self.index.sync():  # another process switched the index to a new generation
            self.retriever.refresh()
            self._refresh_from_chunks()
        if not self.retriever.chunks:
            empty = "Er zijn nog geen documenten geïndexeerd. Voer eerst 'assistant index' uit."
            return Answer(question=question, answer=empty, abstained=True)

        searched = rewrite_followup(history or [], question)
        queries = split_parts(searched, self.settings.stemmer)
        # The register answers one thing; a question with several parts is answered part by part from the passages
        # (a meeting's header answers "wie zat voor en wie was afwezig" at once; a numbered record, "toezegging 498",
        # both what it was about and when).
        register_answer = None
        if (
            len(queries) == 1
            or is_meeting_question(searched)
            or next(find_all(searched), None)
            or identifiers(searched)
            or numbered_items(searched)
        ):
            register_answer = answer_decision_question(
                searched,
                self.decisions,
                self.retriever.chunks,
                search=lambda q: self.retriever.search(q, filters=filters),
            )
        if register_answer is not None:
            register_answer.notice = notice
            register_answer.timings_ms = {**timings, "total": (time.perf_counter() - started) * 1000}
            redact_output(register_answer)
            return register_answer
        t = time.perf_counter()
        # A multi-part question is searched part by part, so each part finds its own passage.
        texts = [searched] if len(queries) == 1 else [q.text for q in queries]
        parts = [
            (q, self.retriever.search(text, filters=filters, scope=q.scope))
            for q, text in zip(queries, texts, strict=True)
        ]
        result = parts[0][1]
        timings["retrieval"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        extractive = self.extractive.answer_parts(searched, parts, dutch=cleaned.language in ("nl", "onbekend"))
        answer: Answer | None = None
        # The generative answerer only runs when the evidence checks found an answer in the passages: the same
        # gate keeps a language model from answering what the documents do not say.
        if self.settings.llm_enabled and not extractive.abstained:
            answer, failure = self.generative.answer(searched, result)
            timings["generation"] = (time.perf_counter() - t) * 1000
            if answer is None:
                extractive.notice = failure
        answer = answer or extractive
        answer.question = question
        timings["answer"] = (time.perf_counter() - t) * 1000
        if notice:
            answer.notice = f"{notice} {answer.notice or ''}".strip()
        if searched != question:
            answer.searched = searched
        if filters and filters.active and not result.hits:
            answer.notice = "Geen documenten gevonden die aan de filters voldoen."
        redact_output(answer)
        timings["total"] = (time.perf_counter() - started) * 1000
        answer.timings_ms = timings
        return answer

    @property
    def generative(self) -> Any:
        if self._generative is None:
            from .answer_llm import GenerativeAnswerer

            self._generative = GenerativeAnswerer(self.settings)
        return self._generative


def log_answer(answer: Answer) -> None:
    """One structured line per question: outcome and per-stage timings, never the question or answer text
    (a refused question may hold personal data even redacted, and answers quote documents at length)."""
    if not log.isEnabledFor(logging.INFO):
        return
    record = {
        "event": "vraag",
        "chars": len(answer.question),
        "refused": answer.refused,
        "reason": answer.refusal_reason,
        "abstained": answer.abstained,
        "answerer": answer.answerer,
        "register": answer.answerer == "besluitenregister",
        "citations": len(answer.citations),
        "docs": sorted({c.doc_id for c in answer.citations}),
        "notice": bool(answer.notice),
        "ms": {k: round(v, 1) for k, v in answer.timings_ms.items()},
    }
    log.info(json.dumps(record, ensure_ascii=False))


def redact_output(answer: Answer) -> None:
    """Output guard: residents' identifiers in passages are hidden before anything is shown."""
    answer.answer = redact_passage(answer.answer)
    for c in answer.citations:
        c.text = redact_passage(c.text)
        c.quote = redact_passage(c.quote)
    answer.retrieved = [
        Hit(replace(h.chunk, text=redact_passage(h.chunk.text)), h.score, h.ranks) for h in answer.retrieved
    ]
