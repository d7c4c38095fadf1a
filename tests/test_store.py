"""``assistant.store`` against a real embedded Chroma: reads of any size."""

from __future__ import annotations

from pathlib import Path

import chromadb

from assistant.store import read_all


def _collection(tmp_path: Path, n: int):
    collection = chromadb.PersistentClient(str(tmp_path)).create_collection("lezen", metadata={"hnsw:space": "cosine"})
    collection.add(
        ids=[f"c{i:02d}" for i in range(n)],
        embeddings=[[1.0, float(i), 0.5] for i in range(n)],
        documents=[f"passage {i}" for i in range(n)],
        metadatas=[{"doc_id": f"d{i % 2}", "index": i} for i in range(n)],
    )
    return collection


def test_read_all_pages_through_every_record(tmp_path: Path):
    """Chroma refuses a single get of more than ~32,000 records ("too many SQL variables"); read_all pages."""
    collection = _collection(tmp_path, 11)
    got = read_all(collection, ["documents", "metadatas"], batch=3)
    assert sorted(got["ids"]) == [f"c{i:02d}" for i in range(11)]
    assert len(got["documents"]) == len(got["metadatas"]) == 11
    assert dict(zip(got["ids"], got["documents"], strict=True))["c07"] == "passage 7"


def test_read_all_by_ids_and_by_filter(tmp_path: Path):
    collection = _collection(tmp_path, 11)
    wanted = ["c01", "c05", "c09", "c10", "bestaat-niet"]
    got = read_all(collection, ["embeddings"], ids=wanted, batch=2)
    assert sorted(got["ids"]) == ["c01", "c05", "c09", "c10"]
    assert [float(v[1]) for v in got["embeddings"]] == [float(i[1:]) for i in got["ids"]]
    odd = read_all(collection, ["metadatas"], where={"doc_id": "d1"}, batch=2)
    assert sorted(m["index"] for m in odd["metadatas"]) == [1, 3, 5, 7, 9]
