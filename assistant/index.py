"""The index: the store (``store.ChromaStore``) and the indexer (``indexer.Indexer``) together, as the pipeline and
the CLI use them: build or refresh from the corpus, read chunks, follow another worker's switch.

Example:
    >>> from assistant.settings import Settings
    >>> from assistant.embeddings import load_embeddings
    >>> s = Settings()
    >>> index = Index(s, load_embeddings(s))
    >>> report = index.update()          # builds or refreshes index/ from corpus/
    >>> report.summary()                 # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from .embeddings import Embedder
from .indexer import Indexer, IndexReport, Progress
from .ingest import CorpusLoad
from .schema import Chunk
from .settings import Settings
from .store import ChromaStore

__all__ = ["Index", "IndexReport", "Progress"]


class Index:
    def __init__(self, settings: Settings, embeddings: Embedder) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = ChromaStore(settings)
        self.indexer = Indexer(settings, embeddings, self.store)

    @property
    def collection(self) -> Any:
        return self.store.collection

    @property
    def fingerprint(self) -> str:
        return self.indexer.fingerprint

    def update(
        self, *, rebuild: bool = False, progress: Progress | None = None, corpus: CorpusLoad | None = None
    ) -> IndexReport:
        return self.indexer.update(rebuild=rebuild, progress=progress, corpus=corpus)

    def matches(self, hashes: dict[str, str]) -> bool:
        return self.indexer.matches(hashes)

    def is_stale(self, corpus: CorpusLoad | None = None) -> bool:
        return self.indexer.is_stale(corpus)

    def sync(self) -> bool:
        return self.store.sync()

    def documents(self) -> list[dict[str, Any]]:
        return self.store.documents()

    def chunks(self) -> list[Chunk]:
        return self.store.chunks()

    def sentence_vectors(self, keys: list[str]) -> dict[str, Any]:
        return self.store.sentence_vectors(keys)

    def load_state(self) -> dict[str, Any]:
        return self.store.load_state()

    def vectorstore(self) -> Any:
        return self.store.vectorstore(self.embeddings)
