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
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .chunking import Chunker
from .embeddings import SentenceTransformerEmbeddings
from .ingest import CorpusLoad, load_corpus
from .schema import Chunk, Document
from .settings import Settings
from .text import answer_candidates, candidate_key

#: Chroma's HNSW search is approximate; its default search_ef (10) let a true nearest passage drop out of the
#: top 10 between two builds of the same index. A wider search costs well under a millisecond here.
HNSW = {"hnsw:space": "cosine", "hnsw:search_ef": 100, "hnsw:construction_ef": 200}

#: Bump when the stored format changes; code changes to ingest/chunking are picked up by hash below.
PIPELINE_VERSION = "3"


#: The modules (and data) that decide what a document's text, metadata and chunks are.
INDEXED_BY = (
    "ingest.py", "plaintext.py", "pdf.py", "tables.py", "cleaning.py", "metadata.py", "dates.py", "chunking.py",
    "text.py", "vocabulary.py", "data/vocabulary.toml", "data/gemeenten.txt",
)  # fmt: skip


def _code_hash() -> str:
    """Hash of the modules that decide chunk text and boundaries: a changed parser means a rebuild."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for module in INDEXED_BY:
        digest.update((here / module).read_bytes())
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


def make_client(settings: Settings) -> Any:
    """Embedded ``PersistentClient`` under ``index_dir/chroma``, or ``HttpClient`` when ``chroma_url`` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"chroma_url '{settings.chroma_url}' is geen http(s)-adres / is not an http(s) URL")
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    return chromadb.PersistentClient(path=str(Path(settings.index_dir) / "chroma"), settings=chroma_settings)


class Index:
    """The Chroma collection of chunks plus a small state record describing the documents.

    Updates are atomic: every update builds a new collection (a *generation*), copying the vectors
    of unchanged documents and embedding only what changed, and switches the state record to it
    when it is complete. A crash or ``kill -9`` halfway leaves the previous generation active and
    intact. The state lives in Chroma itself (collection ``<name>__state``), so several web workers
    sharing one Chroma server see the same index and follow a switch (``sync``). The previous
    generation is kept until the next update, so a worker that is mid-query when the switch
    happens still finds its collection.
    """

    STATE_ID = "state"

    def __init__(self, settings: Settings, embeddings: SentenceTransformerEmbeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.dir = Path(settings.index_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.client = make_client(settings)
        self._state = self.client.get_or_create_collection(
            name=f"{settings.collection}__state", embedding_function=None
        )
        self.collection = self._active_collection()
        self.sentences = self._sentence_collection(self.collection.name)
        self.chunker = Chunker(settings.chunk_size, settings.chunk_overlap, settings.min_chunk_size)
        self._chunks: list[Chunk] | None = None

    def _new_collection(self, name: str) -> Any:
        return self.client.create_collection(name=name, metadata=HNSW, embedding_function=None)

    def _active_collection(self) -> Any:
        """The collection the state record names; an empty placeholder generation when there is none yet."""
        name = self.load_state().get("collection")
        if name:
            try:
                return self.client.get_collection(name=name, embedding_function=None)
            except Exception:  # the state names a collection that is gone: treat the index as empty
                pass
        return self.client.get_or_create_collection(
            name=f"{self.settings.collection}-leeg", metadata=HNSW, embedding_function=None
        )

    def _sentence_collection(self, generation: str) -> Any:
        """The answer-sentence vectors of a generation (``<generation>-zinnen``); None for older indexes."""
        try:
            return self.client.get_collection(name=f"{generation}-zinnen", embedding_function=None)
        except Exception:
            return None

    def sentence_vectors(self, keys: list[str]) -> dict[str, Any]:
        """Vectors of answer candidates (``text.candidate_key``) embedded at index time; absent keys are left out."""
        if self.sentences is None or not keys:
            return {}
        try:
            got = self.sentences.get(ids=keys, include=["embeddings"])
        except Exception:  # a generation switched away mid-question: the answerer embeds what it needs
            return {}
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def sync(self) -> bool:
        """Follow a switch made by another process (another worker re-indexed); True when it changed."""
        name = self.load_state().get("collection")
        if not name or name == self.collection.name:
            return False
        self.collection = self._active_collection()
        self.sentences = self._sentence_collection(self.collection.name)
        self._chunks = None
        return True

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
        got = self._state.get(ids=[self.STATE_ID], include=["documents"])
        if not got["ids"]:
            return {}
        try:
            return json.loads(got["documents"][0])
        except (TypeError, json.JSONDecodeError):
            return {}

    def _save_state(self, state: dict[str, Any]) -> None:
        """One upsert of one record: the switch to a new generation is a single transaction."""
        # An explicit (dummy) vector: without one Chroma would try to embed the text with its own model.
        self._state.upsert(ids=[self.STATE_ID], documents=[json.dumps(state, ensure_ascii=False)], embeddings=[[1.0]])

    def documents(self) -> list[dict[str, Any]]:
        """Indexed documents (title, type, date, pages, chunks, last indexed) for listings."""
        return list(self.load_state().get("documents", {}).values())

    def is_stale(self, corpus: CorpusLoad | None = None) -> bool:
        """True when the corpus folder and the index disagree (or the settings changed)."""
        self.sync()
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
        """Build the next generation from the corpus and switch to it; ``corpus`` saves re-reading files."""
        started = time.perf_counter()
        self.sync()
        corpus = corpus or load_corpus(self.settings.corpus_dir)
        report = IndexReport(errors=[str(e) for e in corpus.errors], warnings=list(corpus.warnings))
        state = self.load_state()
        previous = self.collection
        if rebuild or state.get("fingerprint") != self.fingerprint:
            if previous.count() or state:
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

        if not (todo or report.removed or report.rebuilt) and previous.count():
            report.chunks_total = previous.count()  # nothing to do: no new generation
            report.seconds = time.perf_counter() - started
            return report
        generation = f"{self.settings.collection}-{datetime.now(UTC):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        target = self._new_collection(generation)
        sentence_target = self._new_collection(f"{generation}-zinnen")
        previous_sentences = None if report.rebuilt else self.sentences
        total = sum(len(chunks) for _, chunks in todo)
        done = 0
        if progress:
            progress(0, total, "passages inbedden")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_docs = {d: info for d, info in known.items() if d in current and d in report.unchanged}
        for doc_id in report.unchanged:  # unchanged documents: copy their records, no model needed
            got = previous.get(where={"doc_id": doc_id}, include=["embeddings", "documents", "metadatas"])
            self._add(target, got["ids"], list(got["embeddings"]), got["documents"], got["metadatas"])
            copied = [chunk_from_record(*r) for r in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]
            self._add_sentences(sentence_target, previous_sentences, doc_id, copied)
        for doc, chunks in todo:
            reused = self._existing_vectors(previous, doc.doc_id) if not report.rebuilt else {}
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
            self._add(target, ids, vectors, texts, metas)
            self._add_sentences(sentence_target, previous_sentences, doc.doc_id, chunks)
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
        # The switch: one state upsert. Until here the previous generation was the index.
        self._save_state({"fingerprint": self.fingerprint, "documents": new_docs, "collection": generation})
        self.collection = target
        self.sentences = sentence_target
        self._drop_old_generations(keep={generation, previous.name})
        (self.dir / "index_state.json").unlink(missing_ok=True)  # the state file of index format 2
        report.chunks_total = self.collection.count()
        report.seconds = time.perf_counter() - started
        self._chunks = None
        return report

    def _add(self, target: Any, ids: list[str], vectors: list[Any], texts: list[str] | None, metas: list[Any]) -> None:
        max_batch = max(1, int(self.client.get_max_batch_size()))
        for b in range(0, len(ids), max_batch):
            target.add(
                ids=ids[b : b + max_batch],
                embeddings=vectors[b : b + max_batch],
                documents=texts[b : b + max_batch] if texts is not None else None,
                metadatas=metas[b : b + max_batch],
            )

    def _add_sentences(self, target: Any, previous: Any, doc_id: str, chunks: list[Chunk]) -> None:
        """Embed every answer candidate once, here, so answering a question embeds nothing but the question.

        Vectors of candidates the previous generation already had (same chunk, same span) are copied.
        """
        keys, texts = [], []
        for chunk in chunks:
            for a, b, c in answer_candidates(chunk.text):
                keys.append(candidate_key(chunk.chunk_id, a, b, c))
                texts.append(chunk.text[c:b])
        if not keys:
            return
        known: dict[str, Any] = {}
        if previous is not None:
            got = previous.get(ids=keys, include=["embeddings"])
            known = dict(zip(got["ids"], got["embeddings"], strict=True))
        missing = [i for i, k in enumerate(keys) if k not in known]
        batch = max(1, self.settings.embedding_batch_size)
        for b in range(0, len(missing), batch):
            part = missing[b : b + batch]
            for i, vec in zip(part, self.embeddings.encode([texts[i] for i in part], kind="passage"), strict=True):
                known[keys[i]] = vec
        vectors = [[float(x) for x in known[k]] for k in keys]
        self._add(target, keys, vectors, None, [{"doc_id": doc_id}] * len(keys))

    def _drop_old_generations(self, keep: set[str]) -> None:
        """Delete generations older than the previous one, and leftovers of interrupted updates."""
        prefix = self.settings.collection
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.removesuffix("-zinnen") in keep or name == f"{prefix}__state":
                continue
            if name == prefix or name.startswith(f"{prefix}-"):
                self.client.delete_collection(name)

    @staticmethod
    def _existing_vectors(collection: Any, doc_id: str) -> dict[str, list[float]]:
        got = collection.get(where={"doc_id": doc_id}, include=["embeddings", "metadatas"])
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

        return Chroma(client=self.client, collection_name=self.collection.name, embedding_function=self.embeddings)

    def report_dict(self, report: IndexReport) -> dict[str, Any]:
        return asdict(report)
