"""Storage: chunks, their vectors and the answer-sentence vectors in Chroma, in atomic generations.

Every update writes a new *generation* (collection ``<name>-<time>-<id>`` and ``...-zinnen`` for the sentence
vectors) and then switches a one-record state collection (``<name>__state``) to it: a crash or ``kill -9`` halfway
leaves the previous generation active and intact. The state lives in Chroma itself, so several web workers sharing
one Chroma server see the same index and follow a switch (``sync``). The previous generation is kept until the next
update, so a worker that is mid-query when the switch happens still finds its collection.

Example:
    >>> from assistant.settings import Settings
    >>> store = ChromaStore(Settings())
    >>> store.documents()                                   # doctest: +SKIP
    [{'doc_id': '2025_beleidsplan_wmo-jeugd-en-gezondheid-2025-2028', ...}]
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .schema import Chunk
from .settings import Settings

#: Chroma's HNSW search is approximate; its default search_ef (10) let a true nearest passage drop out of the
#: top 10 between two builds of the same index. A wider search costs well under a millisecond here.
HNSW = {"hnsw:space": "cosine", "hnsw:search_ef": 100, "hnsw:construction_ef": 200}
SENTENCES = "-zinnen"


def _not_found() -> type[Exception]:
    from chromadb.errors import NotFoundError

    return NotFoundError


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


@dataclass
class Generation:
    """The collections one update writes; becomes the index when ``ChromaStore.switch`` names it."""

    name: str
    chunks: Any
    sentences: Any


class ChromaStore:
    """Chroma client, collections, generations and the state record; nothing about documents or models."""

    STATE_ID = "state"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        Path(settings.index_dir).mkdir(parents=True, exist_ok=True)
        self.client = make_client(settings)
        self._state = self.client.get_or_create_collection(
            name=f"{settings.collection}__state", embedding_function=None
        )
        self.collection = self._active_collection()
        self.sentences = self._sentence_collection(self.collection.name)
        self._chunks: list[Chunk] | None = None

    # -- generations ------------------------------------------------------------------------------

    def _active_collection(self) -> Any:
        """The collection the state record names; an empty placeholder generation when there is none yet."""
        name = self.load_state().get("collection")
        if name:
            try:
                return self.client.get_collection(name=name, embedding_function=None)
            except _not_found():  # the state names a collection that is gone: treat the index as empty
                pass
        return self.client.get_or_create_collection(
            name=f"{self.settings.collection}-leeg", metadata=HNSW, embedding_function=None
        )

    def _sentence_collection(self, generation: str) -> Any:
        """The answer-sentence vectors of a generation; None for indexes written before they existed."""
        try:
            return self.client.get_collection(name=f"{generation}{SENTENCES}", embedding_function=None)
        except _not_found():
            return None

    def new_generation(self) -> Generation:
        name = f"{self.settings.collection}-{datetime.now(UTC):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        create = self.client.create_collection
        return Generation(
            name,
            create(name=name, metadata=HNSW, embedding_function=None),
            create(name=f"{name}{SENTENCES}", metadata=HNSW, embedding_function=None),
        )

    def switch(self, generation: Generation, state: dict[str, Any]) -> None:
        """Make ``generation`` the index: one upsert of one record, a single transaction."""
        previous = self.collection.name
        self.save_state({**state, "collection": generation.name})
        self.collection, self.sentences, self._chunks = generation.chunks, generation.sentences, None
        self._drop_old_generations(keep={generation.name, previous})

    def sync(self) -> bool:
        """Follow a switch made by another process (another worker re-indexed); True when it changed."""
        name = self.load_state().get("collection")
        if not name or name == self.collection.name:
            return False
        self.collection = self._active_collection()
        self.sentences = self._sentence_collection(self.collection.name)
        self._chunks = None
        return True

    def _drop_old_generations(self, keep: set[str]) -> None:
        """Delete generations older than the previous one, and leftovers of interrupted updates."""
        prefix = self.settings.collection
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.removesuffix(SENTENCES) in keep or name == f"{prefix}__state":
                continue
            if name == prefix or name.startswith(f"{prefix}-"):
                self.client.delete_collection(name)

    # -- state ------------------------------------------------------------------------------------

    def load_state(self) -> dict[str, Any]:
        got = self._state.get(ids=[self.STATE_ID], include=["documents"])
        if not got["ids"]:
            return {}
        try:
            return json.loads(got["documents"][0])
        except (TypeError, json.JSONDecodeError):
            return {}

    def save_state(self, state: dict[str, Any]) -> None:
        # An explicit (dummy) vector: without one Chroma would try to embed the text with its own model.
        self._state.upsert(ids=[self.STATE_ID], documents=[json.dumps(state, ensure_ascii=False)], embeddings=[[1.0]])

    def documents(self) -> list[dict[str, Any]]:
        """Indexed documents (title, type, date, pages, chunks, last indexed) for listings."""
        return list(self.load_state().get("documents", {}).values())

    # -- writing ----------------------------------------------------------------------------------

    def add(self, target: Any, ids: list[str], vectors: list[Any], texts: list[str] | None, metas: list[Any]) -> None:
        max_batch = max(1, int(self.client.get_max_batch_size()))
        for b in range(0, len(ids), max_batch):
            target.add(
                ids=ids[b : b + max_batch],
                embeddings=vectors[b : b + max_batch],
                documents=texts[b : b + max_batch] if texts is not None else None,
                metadatas=metas[b : b + max_batch],
            )

    def add_chunks(self, target: Any, chunks: list[Chunk], vectors: list[Any], extra: list[dict[str, Any]]) -> None:
        records = [chunk.to_record() | more for chunk, more in zip(chunks, extra, strict=True)]
        self.add(target, [c.chunk_id for c in chunks], vectors, [c.text for c in chunks], records)

    def document_records(self, doc_id: str) -> tuple[list[Chunk], list[Any], list[dict[str, Any]]]:
        """Chunks, vectors and stored metadata of one document in the active generation (to copy it unchanged)."""
        got = read_all(self.collection, ["embeddings", "documents", "metadatas"], where={"doc_id": doc_id})
        chunks = [Chunk.from_record(*r) for r in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]
        return chunks, list(got["embeddings"]), list(got["metadatas"])

    def vectors_by_hash(self, doc_id: str) -> dict[str, list[float]]:
        """Vectors of one document's chunks by content hash, to reuse them when only part of a file changed."""
        got = read_all(self.collection, ["embeddings", "metadatas"], where={"doc_id": doc_id})
        embeddings = got.get("embeddings")
        if not embeddings:
            return {}
        return {
            str(m.get("content_hash")): list(map(float, v)) for m, v in zip(got["metadatas"], embeddings, strict=True)
        }

    # -- reading ----------------------------------------------------------------------------------

    def chunks(self) -> list[Chunk]:
        """All indexed chunks, ordered by document and position (cached until the next switch)."""
        if self._chunks is None:
            got = read_all(self.collection, ["documents", "metadatas"])
            chunks = [
                Chunk.from_record(cid, text, meta)
                for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            ]
            self._chunks = sorted(chunks, key=lambda c: (c.doc_id, c.index))
        return self._chunks

    def sentence_vectors(self, keys: list[str], collection: Any = None) -> dict[str, Any]:
        """Vectors of answer candidates (``text.candidate_key``) embedded at index time; absent keys are left out."""
        target = collection if collection is not None else self.sentences
        if target is None or not keys:
            return {}
        try:
            got = read_all(target, ["embeddings"], ids=keys)
        except _not_found():  # a generation switched away mid-question: the answerer embeds what it needs
            return {}
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def nearest(self, vector: Iterable[float], k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``k`` nearest chunks."""
        count = self.collection.count()
        if not count:
            return []
        res = self.collection.query(query_embeddings=[list(vector)], n_results=min(k, count), include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def chunk_vectors(self, ids: list[str]) -> dict[str, Any]:
        got = read_all(self.collection, ["embeddings"], ids=ids)
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def vectorstore(self, embeddings: Any) -> Any:
        """The active collection as a LangChain ``VectorStore`` (langchain-chroma)."""
        from langchain_chroma import Chroma

        return Chroma(client=self.client, collection_name=self.collection.name, embedding_function=embeddings)


#: Records per ``get``: Chroma answers a ``get`` of more than ~32,000 records (all of them, or that many ids) with
#: "too many SQL variables" (SQLite's limit); besluitenlijsten give ~2.7 passages a page, so an archive of ~12,000
#: pages would no longer start. Found by the 100x scaling benchmark.
READ_BATCH = 5000


def read_all(collection: Any, include: list[str], ids: list[str] | None = None, where: dict[str, Any] | None = None,
             batch: int = READ_BATCH) -> dict[str, list[Any]]:  # fmt: skip
    """``collection.get`` for any number of records: by ids in slices, or all records page by page."""
    out: dict[str, list[Any]] = {"ids": [], **{key: [] for key in include}}

    def take(got: Any) -> int:
        out["ids"].extend(got["ids"])
        for key in include:
            out[key].extend(got[key] if got[key] is not None else [])
        return len(got["ids"])

    if ids is not None:
        for start in range(0, len(ids), batch):
            take(collection.get(ids=ids[start : start + batch], include=include))
        return out
    offset = 0
    while take(collection.get(where=where, include=include, limit=batch, offset=offset)) == batch:
        offset += batch
    return out
