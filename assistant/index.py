"""Index: chunks and their embeddings in Chroma, kept in step with the corpus folder.

Incremental by content hash (as simonw/llm does for embeddings): a document is re-chunked only
when its file changed, and a chunk is re-embedded only when its text changed, so editing one
page of a 500-page plan costs a few embeddings, not the whole corpus. Chunks of removed
documents are deleted. A fingerprint of everything that shapes chunks or vectors (model,
chunk settings, code version) forces a full rebuild when it changes.

Example:
    >>> from assistant.settings import Settings
    >>> from assistant.embeddings import load_embeddings
    >>> s = Settings()
    >>> index = Index(s, load_embeddings(s))
    >>> report = index.update()          # builds or refreshes index/ from corpus/
    >>> report.summary()                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .chunking import Chunker
from .embeddings import SentenceTransformerEmbeddings
from .ingest import CorpusLoad, load_corpus
from .schema import Chunk, Document
from .settings import Settings

#: Bump when the stored format changes; code changes to ingest/chunking are picked up by hash below.
PIPELINE_VERSION = "2"


def _code_hash() -> str:
    """Hash of the modules that decide chunk text and boundaries: a changed parser means a rebuild."""
    digest = hashlib.sha256()
    for module in ("ingest.py", "chunking.py", "text.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:12]


Progress = Callable[[int, int, str], None]


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


def _chunk_metadata(chunk: Chunk, doc: Document, content_hash: str) -> dict[str, Any]:
    # Chroma metadata values must be scalars and not None.
    return {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "doc_type": chunk.doc_type,
        "date": chunk.date,
        "zaaknummer": chunk.zaaknummer,
        "gemeenten": ";".join(chunk.gemeenten),
        "page_start": chunk.page_start if chunk.page_start is not None else -1,
        "page_end": chunk.page_end if chunk.page_end is not None else -1,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "index": chunk.index,
        "content_hash": content_hash,
        "doc_hash": doc.content_hash,
        "path": doc.path,
    }


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a ``Chunk`` from what Chroma stores."""
    page_start = int(meta.get("page_start", -1))
    page_end = int(meta.get("page_end", -1))
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        title=str(meta.get("title", "")),
        doc_type=str(meta.get("doc_type", "")),
        date=str(meta.get("date", "")),
        zaaknummer=str(meta.get("zaaknummer", "")),
        gemeenten=tuple(g for g in str(meta.get("gemeenten", "")).split(";") if g),
        page_start=page_start if page_start >= 0 else None,
        page_end=page_end if page_end >= 0 else None,
        section=str(meta.get("section", "")),
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        text=text,
        index=int(meta.get("index", 0)),
    )


class Index:
    """The persisted Chroma collection plus a small JSON state file describing the documents."""

    STATE_FILE = "index_state.json"

    def __init__(self, settings: Settings, embeddings: SentenceTransformerEmbeddings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.settings = settings
        self.embeddings = embeddings
        self.dir = Path(settings.index_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.client = chromadb.PersistentClient(
            path=str(self.dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self.collection = self._collection()
        self.chunker = Chunker(settings.chunk_size, settings.chunk_overlap, settings.min_chunk_size)
        self._chunks: list[Chunk] | None = None

    def _collection(self) -> Any:
        return self.client.get_or_create_collection(
            name=self.settings.collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    # -- state --------------------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        s = self.settings
        parts = [
            PIPELINE_VERSION,
            _code_hash(),
            self.embeddings.model_id,
            s.passage_prefix,
            s.chunk_size,
            s.chunk_overlap,
        ]
        return hashlib.sha256(json.dumps([*parts, s.min_chunk_size], default=str).encode()).hexdigest()[:16]

    def load_state(self) -> dict[str, Any]:
        path = self.dir / self.STATE_FILE
        if not path.exists():
            return {}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}

    def _save_state(self, state: dict[str, Any]) -> None:
        path = self.dir / self.STATE_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def documents(self) -> list[dict[str, Any]]:
        """Indexed documents (title, type, date, pages, chunks, last indexed) for listings."""
        return list(self.load_state().get("documents", {}).values())

    def is_stale(self, corpus: CorpusLoad | None = None) -> bool:
        """True when the corpus folder and the index disagree (or the settings changed)."""
        state = self.load_state()
        if state.get("fingerprint") != self.fingerprint or self.collection.count() == 0:
            return True
        corpus = corpus or load_corpus(self.settings.corpus_dir)
        indexed = {d: info["hash"] for d, info in state.get("documents", {}).items()}
        return indexed != {doc.doc_id: doc.content_hash for doc in corpus.documents}

    # -- update -------------------------------------------------------------------------------

    def update(
        self, *, rebuild: bool = False, progress: Progress | None = None, corpus: CorpusLoad | None = None
    ) -> IndexReport:
        """Bring the index in line with the corpus; ``corpus`` saves re-reading files a caller already loaded."""
        started = time.perf_counter()
        corpus = corpus or load_corpus(self.settings.corpus_dir)
        report = IndexReport(errors=[str(e) for e in corpus.errors], warnings=list(corpus.warnings))
        state = self.load_state()
        if rebuild or state.get("fingerprint") != self.fingerprint:
            if self.collection.count() or state:
                report.rebuilt = True
            self.client.delete_collection(self.settings.collection)
            self.collection = self._collection()
            state = {}
        known: dict[str, dict[str, Any]] = state.get("documents", {})
        current = {doc.doc_id: doc for doc in corpus.documents}

        for doc_id in sorted(set(known) - set(current)):
            self.collection.delete(where={"doc_id": doc_id})
            report.removed.append(doc_id)

        todo: list[tuple[Document, list[Chunk]]] = []
        for doc in corpus.documents:
            if doc.doc_id in known and known[doc.doc_id]["hash"] == doc.content_hash:
                report.unchanged.append(doc.doc_id)
                continue
            (report.updated if doc.doc_id in known else report.added).append(doc.doc_id)
            todo.append((doc, self.chunker.split(doc)))

        total = sum(len(chunks) for _, chunks in todo)
        done = 0
        if progress:
            progress(0, total, "passages inbedden")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_docs = {d: info for d, info in known.items() if d in current}
        for doc, chunks in todo:
            reused = self._existing_vectors(doc.doc_id)
            ids, texts, vectors, metas = [], [], [], []
            pending_idx: list[int] = []
            for chunk in chunks:
                embed_text = chunk.embed_text()
                content_hash = hashlib.sha256(embed_text.encode()).hexdigest()[:24]
                ids.append(chunk.chunk_id)
                texts.append(chunk.text)
                metas.append(_chunk_metadata(chunk, doc, content_hash))
                vectors.append(reused.get(content_hash))
                if vectors[-1] is None:
                    pending_idx.append(len(vectors) - 1)
            batch = max(1, self.settings.embedding_batch_size)
            for b in range(0, len(pending_idx), batch):
                part = pending_idx[b : b + batch]
                encoded = self.embeddings.encode([chunks[i].embed_text() for i in part], kind="passage")
                for i, vec in zip(part, encoded, strict=True):
                    vectors[i] = vec.tolist()
                done += len(part)
                if progress:
                    progress(done, total, doc.title)
            report.chunks_embedded += len(pending_idx)
            report.chunks_reused += len(chunks) - len(pending_idx)
            done += len(chunks) - len(pending_idx)
            if progress:
                progress(done, total, doc.title)
            # Replace the document's chunks only once all its vectors exist.
            self.collection.delete(where={"doc_id": doc.doc_id})
            max_batch = max(1, int(self.client.get_max_batch_size()))
            for b in range(0, len(ids), max_batch):
                self.collection.add(
                    ids=ids[b : b + max_batch],
                    embeddings=vectors[b : b + max_batch],
                    documents=texts[b : b + max_batch],
                    metadatas=metas[b : b + max_batch],
                )
            new_docs[doc.doc_id] = {
                "doc_id": doc.doc_id,
                "title": doc.title,
                "doc_type": doc.doc_type,
                "date": doc.date,
                "zaaknummer": doc.zaaknummer,
                "gemeenten": doc.gemeenten,
                "path": doc.path,
                "pages": doc.page_count,
                "chunks": len(chunks),
                "hash": doc.content_hash,
                "indexed_at": now,
            }
            # Saved per document so an interrupted run keeps what it finished.
            self._save_state({"fingerprint": self.fingerprint, "documents": new_docs})
        self._save_state({"fingerprint": self.fingerprint, "documents": new_docs})
        report.chunks_total = self.collection.count()
        report.seconds = time.perf_counter() - started
        self._chunks = None
        return report

    def _existing_vectors(self, doc_id: str) -> dict[str, list[float]]:
        got = self.collection.get(where={"doc_id": doc_id}, include=["embeddings", "metadatas"])
        out: dict[str, list[float]] = {}
        embeddings = got.get("embeddings")
        if embeddings is None:
            return out
        for meta, vec in zip(got["metadatas"], embeddings, strict=True):
            out[str(meta.get("content_hash"))] = list(map(float, vec))
        return out

    # -- reading ------------------------------------------------------------------------------

    def chunks(self) -> list[Chunk]:
        """All indexed chunks, ordered by document and position (cached until the next update)."""
        if self._chunks is None:
            got = self.collection.get(include=["documents", "metadatas"])
            chunks = [
                chunk_from_record(cid, text, meta)
                for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            ]
            self._chunks = sorted(chunks, key=lambda c: (c.doc_id, c.index))
        return self._chunks

    def vectorstore(self) -> Any:
        """The same collection as a LangChain ``VectorStore`` (langchain-chroma)."""
        from langchain_chroma import Chroma

        return Chroma(client=self.client, collection_name=self.settings.collection, embedding_function=self.embeddings)

    def report_dict(self, report: IndexReport) -> dict[str, Any]:
        return asdict(report)
