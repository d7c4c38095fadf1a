"""Indexing and asking through an OpenAI-compatible embeddings endpoint (a local fake serving the real e5 model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import ModelError, RemoteEmbeddings
from assistant.pipeline import Assistant

from .conftest import CORPUS, EERSTE, make_settings
from .fake_openai import FakeOpenAI


@pytest.fixture
def endpoint(embeddings):
    with FakeOpenAI() as fake:
        # The server gets the texts with their e5 prefixes already added, as TEI would; it embeds them as they are.
        fake.embed = lambda texts: embeddings.model.encode(texts, normalize_embeddings=True).tolist()
        yield fake


def test_index_and_answer_through_the_endpoint(tmp_path: Path, endpoint: FakeOpenAI, embeddings, model_cache):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{EERSTE}.txt", corpus / f"{EERSTE}.txt")
    settings = make_settings(corpus, tmp_path / "index", model_cache, embeddings_url=endpoint.base_url)
    remote = Assistant(settings)  # no local model: every vector comes from the endpoint
    assert isinstance(remote.embeddings, RemoteEmbeddings)
    report = remote.ensure_index()
    assert report is not None and report.chunks_total > 10
    assert any(t.startswith("passage: ") for t in endpoint.embedded)
    answer = remote.ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    assert "11 gemeenten" in answer.answer and answer.citations[0].doc_id == EERSTE
    assert any(t.startswith("query: ") for t in endpoint.embedded)
    # Same model, same prefixes: the endpoint's vectors are the local model's.
    text = "De gemeente bestrijdt eenzaamheid."
    local = embeddings.encode([text], kind="query")[0]
    assert float(np.dot(local, remote.embeddings.encode([text], kind="query")[0])) > 0.999
    assert remote.embeddings.model_id == "intfloat/multilingual-e5-small@openai-compatible"  # in the fingerprint


def test_endpoint_down_is_a_clear_dutch_error(tmp_path: Path, endpoint: FakeOpenAI, model_cache):
    endpoint.mode = "error"
    settings = make_settings(tmp_path, tmp_path / "index", model_cache, embeddings_url=endpoint.base_url)
    with pytest.raises(ModelError, match=r"embeddingendpoint .* geeft geen antwoord"):
        RemoteEmbeddings(settings)
