"""Retrieval: BM25 and dense search fused with weighted reciprocal rank fusion, optional rerank.

BM25 (Dutch stemming, stopwords) is nearly perfect on questions that reuse the documents'
words; the multilingual dense model catches paraphrases ("mensen die voor een naaste zorgen"
-> mantelzorgers). Weighted RRF combines ranks, not scores, so the two need no calibration
against each other; the weights and k are settings chosen from the eval (see README).

Example:
    >>> from assistant.pipeline import Assistant
    >>> retriever = Assistant.from_settings().retriever
    >>> hits = retriever.search("Hoeveel medewerkers heeft het sociaal team?")
    >>> hits[0].chunk.doc_id                                    # doctest: +SKIP
    '2025-05-27_informatienota_eerste-informatienota-sociaal-domein-tot-april-2025'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import chromadb.errors
import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .embeddings import Embedder
from .index import Index
from .query import Scope, participle_stems
from .schema import Chunk, Filters, Hit
from .settings import Settings
from .tables import parse_row_sentence
from .text import terms


class BM25Index:
    """bm25s over chunk texts (with their title and section), Dutch-stemmed."""

    def __init__(self, chunks: list[Chunk], stemmer: str = "dutch_porter") -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        self.chunks = chunks
        self.stemmer = stemmer
        self.model = bm25s.BM25()
        corpus_terms = [terms(c.embed_text(), stemmer) or ["_leeg_"] for c in chunks]
        self.vocab = {t for doc in corpus_terms for t in doc}
        if chunks:
            self.model.index(corpus_terms, show_progress=False)
        self._df = self._document_frequencies(corpus_terms)

    @staticmethod
    def _document_frequencies(corpus_terms: list[list[str]]) -> dict[str, int]:
        df: dict[str, int] = {}
        for doc in corpus_terms:
            for t in set(doc):
                df[t] = df.get(t, 0) + 1
        return df

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency, used by the answerer to weigh query terms."""
        n = max(1, len(self.chunks))
        return float(np.log(1 + (n - self.df(term) + 0.5) / (self.df(term) + 0.5)))

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    @property
    def document_frequencies(self) -> dict[str, int]:
        """Stemmed term -> number of chunks using it: the corpus vocabulary."""
        return self._df

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        q = [t for t in [*terms(query, self.stemmer), *participle_stems(query, self.stemmer)] if t in self.vocab]
        if not q or not self.chunks:
            return []
        k = min(k, len(self.chunks))
        docs, scores = self.model.retrieve([q], k=k, show_progress=False)
        return [(int(i), float(s)) for i, s in zip(docs[0], scores[0], strict=True) if s > 0]


@dataclass(frozen=True)
class Snapshot:
    """Everything a search reads, from one index generation: chunks, their positions, BM25 statistics and the dense
    collection. A refresh builds a new snapshot and swaps it in with one assignment, so a question that started on
    the old one finishes on it (never new chunks with old BM25 statistics)."""

    chunks: list[Chunk]
    position: dict[str, int]
    bm25: BM25Index
    collection: Any

    @cached_property
    def by_source(self) -> list[list[int]]:
        """Chunk positions grouped by what a ``Scope`` reads (kind, title, section): a named source is checked once
        per section, not once per chunk, on every question that names one."""
        groups: dict[tuple[str, str, str], list[int]] = {}
        for i, c in enumerate(self.chunks):
            groups.setdefault((c.doc_type, c.title, c.section), []).append(i)
        return list(groups.values())

    @cached_property
    def headings(self) -> list[frozenset[str]]:
        """Stems of what heads each chunk: its title, its section and, for table rows ("caption — label — cells"),
        the table's caption. Read once per snapshot, for questions that name a part of a document."""
        out = []
        for c in self.chunks:
            rows = (parse_row_sentence(line) for line in c.text.splitlines())
            captions = " ".join(row[0] for row in rows if row)
            out.append(frozenset(terms(f"{c.title} {c.section} {captions}", self.bm25.stemmer)))
        return out

    def named_part(self, stems: tuple[str, ...]) -> set[int]:
        """The chunks headed by the part a question names: those whose heading holds the longest leading run of its
        stems that heads some but not all chunks ("kerncijfers sociaal" falls back to "kerncijfers" when no heading
        has both; a word every heading has picks nothing)."""
        best: set[int] = set()
        for n in range(1, len(stems) + 1):
            run = set(stems[:n])
            found = {i for i, heading in enumerate(self.headings) if run <= heading}
            if not found:
                break
            if len(found) < len(self.chunks):
                best = found
        return best


@dataclass
class SearchResult:
    hits: list[Hit]
    query_vector: np.ndarray
    bm25: list[tuple[int, float]]
    dense: list[tuple[int, float]]
    #: The snapshot this result was computed on; the answerer reads its BM25 statistics from it too.
    snapshot: Snapshot | None = None
    #: BM25 among the passages of the source the question names ("volgens de begroting 2026"); empty without one.
    bm25_scope: list[tuple[int, float]] = field(default_factory=list)


class HybridRetriever:
    """BM25 + dense (Chroma) with weighted RRF; ``mode`` selects one of them for ablations."""

    def __init__(self, index: Index, embeddings: Embedder, settings: Settings) -> None:
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self._cross_encoder: Any = None
        self.refresh()

    def refresh(self) -> None:
        """Reload chunks from the index (after an update) and rebuild BM25, then swap the snapshot in at once."""
        chunks = self.index.chunks()
        self.snapshot = Snapshot(
            chunks,
            {c.chunk_id: i for i, c in enumerate(chunks)},
            BM25Index(chunks, self.settings.stemmer),
            self.index.store.collection,
        )

    @property
    def chunks(self) -> list[Chunk]:
        return self.snapshot.chunks

    @property
    def bm25(self) -> BM25Index:
        return self.snapshot.bm25

    @staticmethod
    def dense_search(snap: Snapshot, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        count = len(snap.chunks)
        if not count:
            return []
        res = snap.collection.query(query_embeddings=[vector.tolist()], n_results=min(k, count), include=["distances"])
        pairs = zip(res["ids"][0], res["distances"][0], strict=True)
        return [(snap.position[cid], 1.0 - float(d)) for cid, d in pairs if cid in snap.position]

    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        mode: str | None = None,
        filters: Filters | None = None,
        scope: Scope | None = None,
    ) -> SearchResult:
        s = self.settings
        k = k or s.top_k
        mode = mode or s.retrieval_mode
        vector = self.embeddings.encode([query], kind="query")[0]
        snap = self.snapshot  # one generation for the whole search
        try:
            return self._search(snap, query, vector, k, mode, filters, scope)
        except chromadb.errors.NotFoundError:
            if self.snapshot is snap:  # the collection vanished without a newer generation: a real error
                raise
            # Two updates switched generations while this question ran and the first one's collection is gone:
            # ask again on the current generation (still one generation for the whole answer).
            return self._search(self.snapshot, query, vector, k, mode, filters, scope)

    def _search(
        self,
        snap: Snapshot,
        query: str,
        vector: np.ndarray,
        k: int,
        mode: str,
        filters: Filters | None,
        scope: Scope | None = None,
    ) -> SearchResult:
        s = self.settings
        active = filters if filters and filters.active else None
        # The passages of the source the question names; none or all of them: no preference.
        preferred = (
            {i for group in snap.by_source if scope.matches(snap.chunks[group[0]]) for i in group}
            if scope and scope.active
            else set()
        )
        if len(preferred) == len(snap.chunks):
            preferred = set()
        if scope and scope.part and (part := snap.named_part(scope.part)):
            # A named part of the named source; without a named source, the part wherever it is.
            preferred = (preferred & part or preferred) if preferred else part
        # With filters or a named source, look further down both lists and keep only matching chunks.
        depth = len(snap.chunks) if active or preferred else s.candidates
        bm25 = snap.bm25.search(query, depth) if mode in ("hybrid", "bm25") else []
        dense = self.dense_search(snap, vector, depth) if mode in ("hybrid", "dense") else []
        if active:
            bm25 = [(i, sc) for i, sc in bm25 if active.matches(snap.chunks[i])]
            dense = [(i, sc) for i, sc in dense if active.matches(snap.chunks[i])]
        full = (("bm25", bm25, s.weight_bm25), ("dense", dense, s.weight_dense))
        lists = [(name, results[: s.candidates], weight) for name, results, weight in full]
        if preferred:
            # The named source's passages are ranked among themselves too, and that ranking counts as well.
            lists += [
                (f"{name}_scope", [(i, sc) for i, sc in results if i in preferred][: s.candidates], w * s.weight_scope)
                for name, results, w in full
            ]
        bm25, dense = lists[0][1], lists[1][1]
        bm25_scope = lists[2][1] if preferred else []
        fused: dict[int, float] = {}
        ranks: dict[int, dict[str, int]] = {}
        for name, results, weight in lists:
            for rank, (i, _score) in enumerate(results, start=1):
                fused[i] = fused.get(i, 0.0) + weight / (s.rrf_k + rank)
                ranks.setdefault(i, {})[name] = rank
        order = sorted(fused, key=lambda i: -fused[i])
        hits = [Hit(snap.chunks[i], fused[i], ranks[i]) for i in order]
        if s.rerank != "off" and hits:
            hits = self.rerank(query, vector, hits)
        return SearchResult(hits[:k], vector, bm25, dense, snapshot=snap, bm25_scope=bm25_scope)

    def rerank(self, query: str, vector: np.ndarray, hits: list[Hit]) -> list[Hit]:
        """Reorder the first ``rerank_candidates`` hits; the rest keep their fused order."""
        n = self.settings.rerank_candidates
        head, tail = hits[:n], hits[n:]
        if self.settings.rerank == "cross-encoder":
            scores = self._cross_encode(query, [h.chunk.text for h in head])
        else:  # "dense": cosine of the query with each candidate's stored vector
            by_id = {
                cid: np.asarray(v)
                for cid, v in self.index.store.chunk_vectors([h.chunk.chunk_id for h in head]).items()
            }
            scores = [float(by_id[h.chunk.chunk_id] @ vector) for h in head]
        for hit, score in zip(head, scores, strict=True):
            hit.ranks["rerank_score"] = round(score * 1000)
            hit.score = float(score)
        head.sort(key=lambda h: -h.score)
        return head + tail

    def _cross_encode(self, query: str, texts: list[str]) -> list[float]:
        if self._cross_encoder is None:
            from .embeddings import offline_environment

            offline_environment()
            from sentence_transformers import CrossEncoder

            if not self.settings.reranker_model:
                raise ValueError("rerank = 'cross-encoder' vraagt om reranker_model / needs reranker_model")
            self._cross_encoder = CrossEncoder(self.settings.reranker_model, device=self.settings.device)
        return [float(x) for x in self._cross_encoder.predict([(query, t) for t in texts])]


def chunk_to_langchain(chunk: Chunk, score: float | None = None) -> LCDocument:
    metadata: dict[str, Any] = {k: v for k, v in chunk.to_dict().items() if k != "text"}
    if score is not None:
        metadata["score"] = score
    return LCDocument(page_content=chunk.text, metadata=metadata, id=chunk.chunk_id)


class LangChainHybridRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain ``BaseRetriever`` for use in LangChain chains."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any
    k: int = 10

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        result = self.hybrid.search(query, self.k)
        return [chunk_to_langchain(h.chunk, h.score) for h in result.hits]
