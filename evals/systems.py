"""The configurations compared in one eval run: pipeline variants and the naive LangChain baseline.

Every system answers a ``QAItem`` with a ``Response``: the top-10 passages it retrieved (for the
retrieval metrics) and its ``Answer`` (for answers and citations). Pipeline variants are the real
``Assistant`` with one setting changed, so they measure exactly what users run. The naive baseline is
what a developer builds first with LangChain: ``RecursiveCharacterTextSplitter(1000, 200)`` over the
same cleaned documents, a ``langchain_chroma.Chroma`` store with the same embedding model, dense-only
top-k, no guard, no decisions register, no follow-up rewriting. It answers with the same extractive
answerer, so the difference in answers comes from chunking and retrieval alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from assistant.conversation import rewrite_followup
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.pipeline import Assistant
from assistant.retrieval import SearchResult
from assistant.schema import Answer, Chunk, Document, Hit
from assistant.settings import Settings

from .data import QAItem

DEPTH = 10


@dataclass
class Response:
    answer: Answer | None  # None: retrieval only
    ranked: list[Chunk]
    timings_ms: dict[str, float] = field(default_factory=dict)


class System(Protocol):
    name: str

    def retrieve(self, item: QAItem) -> list[Chunk]: ...

    def run(self, item: QAItem) -> Response: ...


class PipelineSystem:
    """The production pipeline (guard, register, follow-up rewriting, retrieval, answer) in one configuration."""

    def __init__(self, name: str, assistant: Assistant) -> None:
        self.name = name
        self.assistant = assistant

    def retrieve(self, item: QAItem) -> list[Chunk]:
        """The first passages for the question as the pipeline searches it (follow-ups completed first)."""
        searched = rewrite_followup(item.history, item.question)
        return [h.chunk for h in self.assistant.retriever.search(searched, DEPTH).hits]

    def run(self, item: QAItem) -> Response:
        answer = self.assistant.ask(item.question, history=item.history)
        return Response(answer=answer, ranked=self.retrieve(item), timings_ms=dict(answer.timings_ms))


def variant(base: Assistant, **changes: Any) -> Assistant:
    """An ``Assistant`` on the same index and model with some settings changed (cheap: no re-embedding)."""
    return Assistant(base.settings.model_copy(update=changes), embeddings=base.embeddings)


class NaiveLangChainSystem:
    """The baseline: LangChain's default splitter + dense top-k in Chroma, answered extractively."""

    name = "naive"

    def __init__(
        self,
        documents: list[Document],
        embeddings: SentenceTransformerEmbeddings,
        answerer_from: Assistant,
        persist_dir: Path,
    ) -> None:
        from langchain_chroma import Chroma
        from langchain_core.documents import Document as LCDocument
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        started = time.perf_counter()
        self.embeddings = embeddings
        self.answerer = answerer_from.extractive  # same scorer; its IDF statistics come from the same corpus
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        by_id = {d.doc_id: d for d in documents}
        splits = splitter.split_documents(
            [LCDocument(page_content=d.text, metadata={"doc_id": d.doc_id}) for d in documents]
        )
        self.chunks: dict[str, Chunk] = {}
        for i, split in enumerate(splits):
            doc = by_id[split.metadata["doc_id"]]
            start = int(split.metadata["start_index"])
            end = start + len(split.page_content)
            chunk_id = f"naive-{i}"
            split.id = chunk_id
            self.chunks[chunk_id] = Chunk.from_span(doc, chunk_id=chunk_id, index=i, start=start, end=end)
        self.store = Chroma(
            collection_name="naive_baseline",
            embedding_function=embeddings,
            persist_directory=str(persist_dir),
            collection_metadata={"hnsw:space": "cosine"},
        )
        self.store.add_documents(splits, ids=[s.id for s in splits])
        self.build_seconds = time.perf_counter() - started

    def _search(self, question: str) -> SearchResult:
        vector = self.embeddings.encode([question], kind="query")[0]
        found = self.store.similarity_search_by_vector_with_relevance_scores(vector.tolist(), k=DEPTH)
        hits = [Hit(self.chunks[doc.id], float(score), {"dense": rank}) for rank, (doc, score) in enumerate(found, 1)]
        return SearchResult(hits=hits, query_vector=vector, bm25=[], dense=[])

    def retrieve(self, item: QAItem) -> list[Chunk]:
        return [h.chunk for h in self._search(item.question).hits]

    def run(self, item: QAItem) -> Response:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        result = self._search(item.question)
        timings["retrieval"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        answer = self.answerer.answer(item.question, result)
        timings["answer"] = (time.perf_counter() - t) * 1000
        timings["total"] = timings["retrieval"] + timings["answer"]
        answer.timings_ms = timings
        return Response(answer=answer, ranked=[h.chunk for h in result.hits], timings_ms=timings)


def build_pipeline_systems(base: Assistant, names: list[str], settings: Settings) -> list[System]:
    """The named pipeline configurations on ``base``'s index (see ``config.toml``, ``configs``)."""
    changes: dict[str, dict[str, Any]] = {
        "bm25": {"retrieval_mode": "bm25"},
        "dense": {"retrieval_mode": "dense"},
        "hybrid": {},
        "hybrid+rerank": {"rerank": "cross-encoder" if settings.reranker_model else "dense"},
    }
    systems: list[System] = []
    for name in names:
        if name == "naive":
            continue  # built separately: it needs its own store
        if name == "hybrid+llm":
            if settings.llm_enabled:
                systems.append(PipelineSystem(name, variant(base, **_llm_settings(settings))))
            continue
        if name not in changes:
            raise ValueError(f"onbekende configuratie '{name}' / unknown configuration '{name}'")
        systems.append(PipelineSystem(name, base if not changes[name] else variant(base, **changes[name])))
    return systems


def _llm_settings(settings: Settings) -> dict[str, Any]:
    return {"llm_base_url": settings.llm_base_url, "llm_model": settings.llm_model}
