"""Index: real Chroma, real embeddings; incremental by content hash; LangChain interfaces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.index import Index

from .conftest import CORPUS, ROBUUST, make_settings

EXTRA = """# Notitie wijkcentra

## Openingstijden

Het wijkcentrum De Tuin is open van maandag tot en met vrijdag.

## Activiteiten

Elke woensdag is er een inloopochtend voor ouderen. In 2026 komen er twee nieuwe activiteiten bij.
"""


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{ROBUUST}.txt", corpus / f"{ROBUUST}.txt")
    (corpus / "wijkcentra.md").write_text(EXTRA, encoding="utf-8")
    return corpus


def _ids(index: Index, doc_id: str) -> set[str]:
    return set(index.collection.get(where={"doc_id": doc_id})["ids"])


def test_incremental_reindex(small_corpus: Path, tmp_path: Path, embeddings, model_cache: Path):
    settings = make_settings(small_corpus, tmp_path / "index", model_cache)
    index = Index(settings, embeddings)
    assert index.is_stale()
    first = index.update()
    assert sorted(first.added) == sorted([ROBUUST, "wijkcentra"])
    assert first.chunks_embedded == first.chunks_total == index.collection.count()
    assert not index.is_stale()
    robuust_ids = _ids(index, ROBUUST)
    old_wijk_ids = _ids(index, "wijkcentra")

    # Nothing changed: nothing is embedded.
    again = index.update()
    assert again.unchanged and not again.added and again.chunks_embedded == 0

    # Change one section of one document: only that document's changed chunks are re-embedded.
    changed = EXTRA.replace("twee nieuwe activiteiten", "drie nieuwe activiteiten")
    (small_corpus / "wijkcentra.md").write_text(changed, encoding="utf-8")
    assert index.is_stale()
    report = index.update()
    assert report.updated == ["wijkcentra"] and report.unchanged == [ROBUUST]
    assert 1 <= report.chunks_embedded < len(_ids(index, "wijkcentra")) + 1
    assert report.chunks_reused + report.chunks_embedded == len(_ids(index, "wijkcentra"))
    assert _ids(index, ROBUUST) == robuust_ids  # untouched
    assert _ids(index, "wijkcentra") != old_wijk_ids
    texts = index.collection.get(where={"doc_id": "wijkcentra"})["documents"]
    assert any("drie nieuwe activiteiten" in t for t in texts)
    assert not any("twee nieuwe activiteiten" in t for t in texts)

    # Remove a document: its chunks disappear.
    (small_corpus / "wijkcentra.md").unlink()
    report = index.update()
    assert report.removed == ["wijkcentra"]
    assert not _ids(index, "wijkcentra")
    assert _ids(index, ROBUUST) == robuust_ids
    assert [d["doc_id"] for d in index.documents()] == [ROBUUST]


def test_persisted_and_reopened(small_corpus: Path, tmp_path: Path, embeddings, model_cache: Path):
    settings = make_settings(small_corpus, tmp_path / "index", model_cache)
    Index(settings, embeddings).update()
    reopened = Index(settings, embeddings)
    assert not reopened.is_stale()
    chunks = reopened.chunks()
    assert {c.doc_id for c in chunks} == {ROBUUST, "wijkcentra"}
    doc = next(d for d in reopened.documents() if d["doc_id"] == ROBUUST)
    assert doc["pages"] == 3 and doc["chunks"] == sum(c.doc_id == ROBUUST for c in chunks)
    assert doc["zaaknummer"] == "Z/25/299103" and doc["indexed_at"]


def test_settings_change_forces_rebuild(small_corpus: Path, tmp_path: Path, embeddings, model_cache: Path):
    index_dir = tmp_path / "index"
    Index(make_settings(small_corpus, index_dir, model_cache), embeddings).update()
    other = Index(make_settings(small_corpus, index_dir, model_cache, chunk_size=400), embeddings)
    assert other.is_stale()
    report = other.update()
    assert report.rebuilt and report.chunks_embedded == report.chunks_total
    assert max(len(c.text) for c in other.chunks()) <= 400 or any(len(c.text) > 400 for c in other.chunks())


def test_rebuild_flag_reembeds_everything(small_corpus: Path, tmp_path: Path, embeddings, model_cache: Path):
    index = Index(make_settings(small_corpus, tmp_path / "index", model_cache), embeddings)
    total = index.update().chunks_total
    report = index.update(rebuild=True)
    assert report.rebuilt and report.chunks_embedded == total == index.collection.count()


def test_progress_is_reported(small_corpus: Path, tmp_path: Path, embeddings, model_cache: Path):
    calls: list[tuple[int, int]] = []
    index = Index(make_settings(small_corpus, tmp_path / "index", model_cache), embeddings)
    report = index.update(progress=lambda done, total, _desc: calls.append((done, total)))
    assert calls[0] == (0, report.chunks_total)
    assert calls[-1] == (report.chunks_total, report.chunks_total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_langchain_vectorstore_and_retriever(assistant):
    store = assistant.index.vectorstore()
    docs = store.similarity_search("Hoeveel medewerkers heeft het sociaal team?", k=3)
    assert len(docs) == 3 and all(d.metadata["doc_id"] for d in docs)
    retriever = assistant.langchain_retriever(k=4)
    found = retriever.invoke("Buurtgezinnen steungezinnen")
    assert len(found) == 4
    assert found[0].metadata["doc_id"] == ROBUUST and "Buurtgezinnen" in found[0].page_content
    assert {"page", "section", "zaaknummer", "chunk_id"} <= set(found[0].metadata)


def test_answer_sentences_are_embedded_at_index_time(assistant):
    """Answering embeds only the question: every answer candidate of every chunk has its vector stored, and in the
    default "late" mode that vector is the sentence's tokens pooled from its passage's own transformer pass."""
    import numpy as np

    from assistant.text import answer_candidates, candidate_key

    assert assistant.settings.sentence_vectors == "late"
    chunk = next(c for c in assistant.retriever.chunks if "11 gemeenten" in c.text)
    spans = answer_candidates(chunk.text)
    keys = [candidate_key(chunk.chunk_id, a, b, c) for a, b, c in spans]
    stored = assistant.index.sentence_vectors(keys)
    assert set(stored) == set(keys)
    offset = len(chunk.where) + 1
    passage, pooled = assistant.embeddings.encode_with_spans(
        [chunk.embed_text()], [[(offset + c, offset + b) for a, b, c in spans]]
    )
    for key, vec in zip(keys, pooled[0], strict=True):
        assert float(np.dot(np.asarray(stored[key]), vec)) > 0.999
    # The passage vector from that pass is the ordinary one: late chunking changes nothing for retrieval.
    assert float(np.dot(passage[0], assistant.embeddings.encode([chunk.embed_text()], kind="passage")[0])) > 0.9999
    total = sum(len(answer_candidates(c.text)) for c in assistant.retriever.chunks)
    assert assistant.index.store.sentences.count() == total
