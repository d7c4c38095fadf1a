"""Indexing: documents -> chunks -> vectors, written to the store as a new generation.

Incremental by content hash (as simonw/llm does for embeddings): a document is re-chunked only when its file
changed, and a chunk is re-embedded only when its text changed, so editing one page of a 500-page plan costs a few
embeddings, not the whole corpus. A fingerprint of everything that shapes chunks or vectors (model, chunk settings,
the parsing code) forces a full rebuild when it changes.

The answerer compares the question with every sentence of the top passages; those sentence vectors are made here,
once. With ``sentence_vectors = "late"`` (the default, measured in the README) they come from the same transformer
pass as the passage vector, by pooling the token embeddings of each sentence ("late chunking"), which halves the
embedding time; ``"separate"`` embeds every sentence on its own.

Example:
    >>> from assistant.settings import Settings
    >>> from assistant.embeddings import load_embeddings
    >>> from assistant.store import ChromaStore
    >>> s = Settings()
    >>> report = Indexer(s, load_embeddings(s), ChromaStore(s)).update()   # doctest: +SKIP
    >>> report.summary()                                                      # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .chunking import Chunker
from .embeddings import Embedder
from .ingest import CorpusLoad, load_corpus
from .schema import Chunk, Document
from .settings import Settings
from .store import ChromaStore, Generation
from .text import answer_candidates, candidate_key

#: Bump when the stored format changes; code changes to ingest/chunking are picked up by hash below.
PIPELINE_VERSION = "4"

#: The modules (and data) that decide what a document's text, metadata and chunks are.
INDEXED_BY = (
    "ingest.py", "plaintext.py", "pdf.py", "tables.py", "table_detect.py", "cleaning.py", "metadata.py", "dates.py",
    "chunking.py", "text.py", "vocabulary.py", "data/vocabulary.toml", "data/gemeenten.txt",
)  # fmt: skip

#: Passages are embedded in groups of this many (sorted by length), with progress after each group.
GROUP = 64

Progress = Callable[[int, int, str], None]


def _code_hash() -> str:
    """Hash of the modules that decide chunk text and boundaries: a changed parser means a rebuild."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for module in INDEXED_BY:
        digest.update((here / module).read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class IndexReport:
    """What an index update did; ``summary`` is the Dutch line the CLI prints."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_total: int = 0
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} nieuw",
            f"{len(self.updated)} gewijzigd",
            f"{len(self.removed)} verwijderd",
            f"{len(self.unchanged)} ongewijzigd",
        ]
        action = "opnieuw opgebouwd" if self.rebuilt else "bijgewerkt"
        text = (
            f"Index {action} in {self.seconds:.1f} s: documenten {', '.join(parts)}; "
            f"{self.chunks_total} passages, waarvan {self.chunks_embedded} opnieuw ingebed"
            f" en {self.chunks_reused} hergebruikt."
        )
        if self.errors:
            text += f" {len(self.errors)} bestand(en) overgeslagen."
        return text


def content_hash(chunk: Chunk) -> str:
    return hashlib.sha256(chunk.embed_text().encode()).hexdigest()[:24]


class Indexer:
    """Turns the corpus into the next generation of the store and switches to it."""

    def __init__(self, settings: Settings, embeddings: Embedder, store: ChromaStore) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.chunker = Chunker(
            settings.chunk_size, settings.chunk_overlap, settings.min_chunk_size, settings.table_chunk_size
        )

    @property
    def fingerprint(self) -> str:
        s = self.settings
        parts = [PIPELINE_VERSION, _code_hash(), self.embeddings.model_id, s.passage_prefix, s.chunk_size,
                 s.chunk_overlap, s.min_chunk_size, s.table_chunk_size, s.sentence_vectors]  # fmt: skip
        return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]

    def matches(self, hashes: dict[str, str]) -> bool:
        """True when the index was built by this code and settings from exactly these files (doc_id -> hash)."""
        self.store.sync()
        state = self.store.load_state()
        if state.get("fingerprint") != self.fingerprint or self.store.collection.count() == 0:
            return False
        return {d: info["hash"] for d, info in state.get("documents", {}).items()} == hashes

    def is_stale(self, corpus: CorpusLoad | None = None) -> bool:
        """True when the corpus folder and the index disagree (or the settings changed)."""
        self.store.sync()
        state = self.store.load_state()
        if state.get("fingerprint") != self.fingerprint or self.store.collection.count() == 0:
            return True
        corpus = corpus or load_corpus(self.settings.corpus_dir, workers=self.settings.ingest_workers)
        indexed = {d: info["hash"] for d, info in state.get("documents", {}).items()}
        return indexed != {doc.doc_id: doc.content_hash for doc in corpus.documents}

    def update(
        self, *, rebuild: bool = False, progress: Progress | None = None, corpus: CorpusLoad | None = None
    ) -> IndexReport:
        """Build the next generation from the corpus and switch to it; ``corpus`` saves re-reading files."""
        started = time.perf_counter()
        store = self.store
        store.sync()
        corpus = corpus or load_corpus(self.settings.corpus_dir, workers=self.settings.ingest_workers)
        report = IndexReport(errors=[str(e) for e in corpus.errors], warnings=list(corpus.warnings))
        state = store.load_state()
        if rebuild or state.get("fingerprint") != self.fingerprint:
            if store.collection.count() or state:
                report.rebuilt = True
            state = {}
        known: dict[str, dict[str, Any]] = state.get("documents", {})
        current = {doc.doc_id: doc for doc in corpus.documents}
        report.removed = sorted(set(known) - set(current))
        todo: list[tuple[Document, list[Chunk]]] = []
        for doc in corpus.documents:
            if doc.doc_id in known and known[doc.doc_id]["hash"] == doc.content_hash:
                report.unchanged.append(doc.doc_id)
                continue
            (report.updated if doc.doc_id in known else report.added).append(doc.doc_id)
            todo.append((doc, self.chunker.split(doc)))
        if not (todo or report.removed or report.rebuilt) and store.collection.count():
            report.chunks_total = store.collection.count()  # nothing to do: no new generation
            report.seconds = time.perf_counter() - started
            return report

        target = store.new_generation()
        previous_sentences = None if report.rebuilt else store.sentences
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_docs = {d: info for d, info in known.items() if d in current and d in report.unchanged}
        for doc_id in report.unchanged:  # unchanged documents: copy their records, no model needed
            chunks, vectors, metas = store.document_records(doc_id)
            store.add(target.chunks, [c.chunk_id for c in chunks], vectors, [c.text for c in chunks], metas)
            keys = [k for c in chunks for k in _keys(c)]
            copied = store.sentence_vectors(keys, previous_sentences)
            self._write_sentences(target, doc_id, chunks, copied)
        self._embed_documents(todo, target, previous_sentences, report, progress)
        for doc, chunks in todo:
            new_docs[doc.doc_id] = {
                "doc_id": doc.doc_id, "title": doc.title, "doc_type": doc.doc_type, "date": doc.date,
                "zaaknummer": doc.zaaknummer, "gemeenten": doc.gemeenten, "path": doc.path, "pages": doc.page_count,
                "chunks": len(chunks), "hash": doc.content_hash, "indexed_at": now,
            }  # fmt: skip
        # The switch: one state upsert. Until here the previous generation was the index.
        store.switch(target, {"fingerprint": self.fingerprint, "documents": new_docs})
        (Path(self.settings.index_dir) / "index_state.json").unlink(missing_ok=True)  # index format 2's state file
        report.chunks_total = store.collection.count()
        report.seconds = time.perf_counter() - started
        return report

    # -- embedding ----------------------------------------------------------------------------------

    def _embed_documents(
        self,
        todo: list[tuple[Document, list[Chunk]]],
        target: Generation,
        previous_sentences: Any,
        report: IndexReport,
        progress: Progress | None,
    ) -> None:
        """Vectors for every new chunk (reused by content hash where a file changed only in part) and for its answer
        sentences, in length-sorted groups across all documents, with progress per group."""
        pending: list[Chunk] = []
        vectors: dict[str, Any] = {}
        for doc, chunks in todo:
            reused = {} if report.rebuilt else self.store.vectors_by_hash(doc.doc_id)
            for chunk in chunks:
                vector = reused.get(content_hash(chunk))
                if vector is None:
                    pending.append(chunk)
                else:
                    vectors[chunk.chunk_id] = vector
        report.chunks_embedded = len(pending)
        report.chunks_reused = sum(len(chunks) for _, chunks in todo) - len(pending)
        keys = [k for _, chunks in todo for c in chunks for k in _keys(c)]
        sentences = self.store.sentence_vectors(keys, previous_sentences)
        total = len(pending)
        if progress:
            progress(0, total, "passages inbedden")
        ordered = sorted(pending, key=lambda c: -len(c.embed_text()))
        for b in range(0, len(ordered), GROUP):
            group = ordered[b : b + GROUP]
            if self.settings.sentence_vectors == "late":
                passage_vectors = self._late(group, sentences)
            else:
                passage_vectors = self.embeddings.encode([c.embed_text() for c in group], kind="passage")
            for chunk, vector in zip(group, passage_vectors, strict=True):
                vectors[chunk.chunk_id] = vector.tolist()
            if progress:
                progress(min(b + GROUP, total), total, group[-1].title)
        for doc, chunks in todo:
            extra = [{"content_hash": content_hash(c), "doc_hash": doc.content_hash, "path": doc.path} for c in chunks]
            self.store.add_chunks(target.chunks, chunks, [vectors[c.chunk_id] for c in chunks], extra)
            self._write_sentences(target, doc.doc_id, chunks, sentences)

    def _late(self, group: list[Chunk], sentences: dict[str, Any]) -> np.ndarray:
        """Passage vectors of ``group``; the sentence vectors from the same pass go into ``sentences``."""
        spans, keys = [], []
        for chunk in group:
            offset = len(chunk.where) + 1 if chunk.where else 0
            candidates = answer_candidates(chunk.text)
            spans.append([(offset + c, offset + b) for a, b, c in candidates])
            keys.append([candidate_key(chunk.chunk_id, a, b, c) for a, b, c in candidates])
        passages, per_span = self.embeddings.encode_with_spans([c.embed_text() for c in group], spans)
        for chunk_keys, vectors in zip(keys, per_span, strict=True):
            for key, vector in zip(chunk_keys, vectors, strict=True):
                if vector is not None and key not in sentences:
                    sentences[key] = vector
        return passages

    def _write_sentences(self, target: Generation, doc_id: str, chunks: list[Chunk], known: dict[str, Any]) -> None:
        """Every answer candidate's vector, so answering a question embeds nothing but the question; candidates
        without one yet (beyond a passage's 512 tokens, or ``separate`` mode) are embedded on their own."""
        keys, texts = [], []
        for chunk in chunks:
            for a, b, c in answer_candidates(chunk.text):
                keys.append(candidate_key(chunk.chunk_id, a, b, c))
                texts.append(chunk.text[c:b])
        if not keys:
            return
        missing = [i for i, k in enumerate(keys) if k not in known]
        if missing:
            encoded = self.embeddings.encode([texts[i] for i in missing], kind="passage")
            for i, vector in zip(missing, encoded, strict=True):
                known[keys[i]] = vector
        vectors = [[float(x) for x in known[k]] for k in keys]
        self.store.add(target.sentences, keys, vectors, None, [{"doc_id": doc_id}] * len(keys))


def _keys(chunk: Chunk) -> list[str]:
    return [candidate_key(chunk.chunk_id, a, b, c) for a, b, c in answer_candidates(chunk.text)]
