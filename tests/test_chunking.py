"""Chunk provenance: offsets map back, sentences are never cut, metadata travels along."""

from __future__ import annotations

import itertools

import pytest

from assistant.chunking import Chunker
from assistant.ingest import load_corpus
from assistant.schema import Block, Document
from assistant.text import sentence_spans

from .conftest import CORPUS, EERSTE


@pytest.fixture(scope="module")
def documents():
    return load_corpus(CORPUS).documents


@pytest.mark.parametrize(("size", "overlap"), [(900, 150), (400, 80), (1500, 0)])
def test_offsets_map_back_and_sizes(documents, size: int, overlap: int):
    chunker = Chunker(size=size, overlap=overlap, min_size=min(200, size // 3))
    for doc in documents:
        chunks = chunker.split(doc)
        assert chunks
        covered = set()
        for c in chunks:
            assert c.text == doc.text[c.start : c.end]
            covered.update(range(c.start, c.end))
            # Only a single over-long sentence may exceed the size.
            if len(c.text) > size:
                assert len(sentence_spans(c.text)) == 1, c.text[:80]
        # Every non-space character of the document is in some chunk.
        missing = [i for i, ch in enumerate(doc.text) if not ch.isspace() and i not in covered]
        assert not missing


def test_no_chunk_cuts_a_sentence(documents):
    chunker = Chunker(size=500, overlap=100)
    for doc in documents:
        boundaries = {a for a, _ in sentence_spans(doc.text)} | {b for _, b in sentence_spans(doc.text)}
        for c in chunker.split(doc):
            assert c.start in boundaries, doc.text[c.start : c.start + 60]
            assert c.end in boundaries, doc.text[c.end - 60 : c.end]


def test_metadata_and_stable_ids(documents):
    doc = next(d for d in documents if d.doc_id == EERSTE)
    first = Chunker().split(doc)
    again = Chunker().split(doc)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first)
    c = next(c for c in first if "Hier doen 11 gemeenten" in c.text)
    assert (c.doc_id, c.zaaknummer, c.date, c.doc_type) == (EERSTE, "Z/25/301360", "2025-05-27", "informatienota")
    assert c.page == "10"
    assert c.section.startswith("4. Relevante ontwikkelingen > Aanbod en ontwikkelingen")


def test_overlap_repeats_trailing_sentences(documents):
    chunker = Chunker(size=400, overlap=150)
    overlapping = 0
    for doc in documents:
        chunks = chunker.split(doc)
        for a, b in itertools.pairwise(chunks):
            if b.start < a.end:
                overlapping += 1
                assert a.end - b.start <= 150
    assert overlapping > 0


def test_invalid_settings_rejected():
    with pytest.raises(ValueError, match="chunk_size"):
        Chunker(size=50)
    with pytest.raises(ValueError, match="chunk_overlap"):
        Chunker(size=400, overlap=300)


def _table_document() -> Document:
    rows = [
        f"Tabel 3 Cliënten per voorziening — Voorziening {i} — 2023: {1000 + i}; 2024: {1100 + i}" for i in range(30)
    ]
    heading = "Monitor Wmo"
    text = heading + "\n\n" + "\n\n".join(rows)
    blocks = [
        Block("heading", 0, len(heading), 1, 1, (heading,), level=1),
        Block("table", len(heading) + 2, len(text), 1, 1, (heading,)),
    ]
    return Document("monitor", "monitor.pdf", "Monitor Wmo", "monitorverslag", "2024", "", [], text, blocks, 1, "x")


def test_tables_are_packed_to_their_own_size_whole_rows_only():
    doc = _table_document()
    rows = doc.text.split("\n\n")[1:]
    for table_size in (400, 1200):
        chunks = Chunker(size=1200, overlap=100, table_size=table_size).split(doc)
        tables = [c for c in chunks if "Voorziening" in c.text]
        assert all(len(c.text) <= table_size for c in tables)
        assert all(p in rows for c in tables for p in c.text.split("\n\n") if p != "Monitor Wmo")  # no cut row
        assert {r for c in tables for r in c.text.split("\n\n")} >= set(rows)
    assert len(Chunker(size=1200, overlap=100, table_size=400).split(doc)) > len(Chunker(size=1200).split(doc))


def test_a_list_stays_with_the_sentence_announcing_it():
    intro = "Leeswijzer " + "In hoofdstuk 1 schetsen we de visie en de uitgangspunten van het beleid. " * 6
    announce = "In hoofdstuk 2 geven we de context. In de hoofdstukken:"
    items = [f"• Thema nummer {i} van het plan" for i in range(6)]
    parts = [intro.strip(), announce, *items, "Tot slot beschrijven we de uitvoering."]
    text = "\n\n".join(parts)
    blocks, pos = [], 0
    for part in parts:
        blocks.append(Block("paragraph", pos, pos + len(part), 1, 1, ("Leeswijzer",)))
        pos += len(part) + 2
    doc = Document("plan", "plan.txt", "Plan", "beleidsplan", "2025", "", [], text, blocks, 1, "x")
    # Packed greedily, a chunk of 600 characters would end inside the list, after "In de hoofdstukken:".
    assert len(intro) + len(announce) + 2 * len(items[0]) < 600 < len(intro) + len(announce) + 6 * len(items[0])
    chunks = Chunker(size=600, overlap=100, min_size=50).split(doc)
    holding = [c for c in chunks if announce in c.text]
    assert len(holding) == 1 and all(item in holding[0].text for item in items)
    assert all(c.text == doc.text[c.start : c.end] for c in chunks)


def test_a_list_of_abbreviations_is_not_packed_with_the_text_before_it():
    """Its heading often stands below it on the page, so the text before it is another section's."""
    parts = ["De indicator apparaatskosten komt in 2025 uit op 21,75 procent.", "AVG Algemene Verordening",
             "CBS Centraal Bureau Statistiek", "ZONL Zorggroep Oude en Nieuwe Land", "Bijlage 3"]  # fmt: skip
    kinds = ["paragraph", "glossary", "glossary", "glossary", "heading"]
    text = "\n\n".join(parts)
    blocks, pos = [], 0
    for kind, part in zip(kinds, parts, strict=True):
        blocks.append(Block(kind, pos, pos + len(part), 60, 60, ("Bijlage 2",)))
        pos += len(part) + 2
    doc = Document("begroting", "b.pdf", "Begroting", "begroting", "2025", "", [], text, blocks, 60, "x")
    chunks = Chunker(size=600, overlap=100, min_size=10).split(doc)
    assert chunks[0].text == parts[0]
    assert chunks[1].text.startswith("\n\n".join(parts[1:4]))  # (with the small heading below it)
