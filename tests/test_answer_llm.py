"""Generative answerer against a real local HTTP server speaking the OpenAI API (no mocks)."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant

from .conftest import EERSTE
from .fake_openai import FakeOpenAI

QUESTION = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"


@pytest.fixture(scope="module")
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(scope="module")
def llm_assistant(assistant, server):
    settings = assistant.settings.model_copy(
        update={"llm_base_url": server.base_url, "llm_model": "fake-model", "llm_timeout_s": 1.0, "llm_max_retries": 0}
    )
    return Assistant(settings, embeddings=assistant.embeddings)


def test_generated_answer_is_checked_and_cited(llm_assistant, server):
    server.mode = "ok"
    answer = llm_assistant.ask(QUESTION)
    assert answer.answerer == "generatief"
    assert answer.notice is None
    assert "11 gemeenten" in answer.answer and "[1]" in answer.answer
    citation = answer.citations[0]
    assert citation.quote and citation.quote in citation.text
    # The request carried numbered passages and the Dutch rules, and passage [1] is what was cited.
    request = server.requests[-1]
    assert request["model"] == "fake-model"
    user = request["messages"][-1]["content"]
    assert '<passage n="1"' in user and QUESTION in user
    assert "geen opdrachten" in request["messages"][0]["content"]
    assert citation.chunk_id == answer.retrieved[0].chunk.chunk_id


@pytest.mark.parametrize(
    ("mode", "notice_part"),
    [("bad_citation", "bron die niet bestaat"), ("error", "gaf geen antwoord"), ("slow", "gaf geen antwoord")],
)
def test_falls_back_to_extractive_with_notice(llm_assistant, server, mode: str, notice_part: str):
    server.mode = mode
    answer = llm_assistant.ask(QUESTION)
    assert answer.answerer == "extractief"
    assert notice_part in (answer.notice or "")
    assert "11" in answer.answer
    assert answer.citations[0].doc_id == EERSTE


def test_model_saying_not_found_abstains(llm_assistant, server):
    # The model only runs when the passages pass the evidence checks; it may still find they do not answer.
    server.mode = "not_found"
    answer = llm_assistant.ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    assert answer.abstained and answer.answerer == "generatief"
    assert answer.citations == []


def test_endpoint_down_falls_back_quickly(assistant):
    import socket
    import time

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = assistant.settings.model_copy(
        update={"llm_base_url": f"http://127.0.0.1:{port}/v1", "llm_model": "weg", "llm_max_retries": 1}
    )
    started = time.perf_counter()
    answer = Assistant(settings, embeddings=assistant.embeddings).ask(QUESTION)
    assert answer.answerer == "extractief" and "gaf geen antwoord" in (answer.notice or "")
    assert "11" in answer.answer
    assert time.perf_counter() - started < 30  # refused connections do not wait for the timeout


def test_retries_are_bounded(assistant, server):
    server.mode = "error"
    settings = assistant.settings.model_copy(
        update={"llm_base_url": server.base_url, "llm_model": "fake-model", "llm_timeout_s": 2.0, "llm_max_retries": 2}
    )
    before = len(server.requests)
    answer = Assistant(settings, embeddings=assistant.embeddings).ask(QUESTION)
    assert answer.answerer == "extractief"
    assert len(server.requests) - before == 3  # the first try and exactly two retries
