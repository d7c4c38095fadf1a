"""Chunking: structure-aware passages that never cut a sentence.

A chunk is what retrieval returns and what a citation opens, so it should be one coherent
piece of a section: sections are never mixed unless they are tiny, paragraphs stay whole when
they fit, and long paragraphs are split between sentences with a sentence-level overlap.

Example:
    >>> from pathlib import Path
    >>> from assistant.ingest import load_document
    >>> doc = load_document(Path("corpus/2025-05-20_informatienota_robuust-sociaal-team-en-sterke-sociale-basis.txt"))
    >>> chunks = Chunker(size=900, overlap=150).split(doc)
    >>> all(c.text == doc.text[c.start:c.end] for c in chunks)
    True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .schema import Block, Chunk, Document
from .text import LIST_ITEM, announces, sentence_spans


@dataclass(frozen=True)
class _Unit:
    """A sentence (or heading) with the block it belongs to."""

    start: int
    end: int
    block: int


class Chunker:
    """Split a ``Document`` into ``Chunk``s of about ``size`` characters."""

    def __init__(self, size: int = 900, overlap: int = 150, min_size: int = 200, table_size: int | None = None) -> None:
        if size < 100:
            raise ValueError("chunk_size moet minstens 100 tekens zijn / chunk_size must be >= 100")
        if not 0 <= overlap < size // 2:
            raise ValueError("chunk_overlap moet tussen 0 en de helft van chunk_size liggen")
        self.size = size
        self.table_size = max(table_size or size, 2 * overlap + 1)
        self.overlap = overlap
        self.min_size = min_size

    def split(self, doc: Document) -> list[Chunk]:
        spans: list[tuple[int, int, Block]] = []
        for group in self._sections(doc.blocks):
            spans.extend(self._pack(doc, group))
        spans = self._merge_small(doc, spans)
        return [self._make_chunk(doc, i, start, end, block) for i, (start, end, block) in enumerate(spans)]

    # -- grouping -------------------------------------------------------------------------------

    @staticmethod
    def _sections(blocks: list[Block]) -> list[list[Block]]:
        groups: list[list[Block]] = []
        for block in blocks:
            if block.kind == "table" or (groups and groups[-1][-1].kind == "table"):
                groups.append([block])  # a table is never packed with running text
                continue
            glossary, after = block.kind == "glossary", groups[-1][-1].kind if groups else ""
            if groups and glossary != (after == "glossary") and not (glossary and after == "heading"):
                # Nor is a list of abbreviations, whose heading often stands below it ("Bijlage 3 Lijst met
                # afkortingen" at the foot of the page): the passage before it would grow by fifty entries.
                groups.append([block])
                continue
            if not groups or block.kind == "heading" or block.section != groups[-1][-1].section:
                # A heading directly after a heading (chapter, then sub-section) stays with it.
                if groups and block.kind == "heading" and all(b.kind == "heading" for b in groups[-1]):
                    groups[-1].append(block)
                    continue
                groups.append([block])
            else:
                groups[-1].append(block)
        return groups

    def _pack(self, doc: Document, group: list[Block]) -> list[tuple[int, int, Block]]:
        """Greedy packing of whole blocks, falling back to sentences inside long blocks. A table is packed to
        ``table_size``: each row sentence carries its caption and headers, so a small group of rows stands on its
        own, and a question about one row then matches a passage about a few rows rather than a whole table."""
        size = self.table_size if group and group[0].kind == "table" else self.size
        units: list[_Unit] = []
        for i, block in enumerate(group):
            if block.end - block.start <= size or block.kind == "heading":
                units.append(_Unit(block.start, block.end, i))
            else:
                units.extend(_Unit(a, b, i) for a, b in sentence_spans(doc.text[block.start : block.end], block.start))
        out: list[tuple[int, int, Block]] = []
        i = 0
        while i < len(units):
            j = i
            while j + 1 < len(units) and units[j + 1].end - units[i].start <= size:
                j += 1
            j = self._before_list(doc, units, i, j, size)
            content = next((group[u.block] for u in units[i : j + 1] if group[u.block].kind != "heading"), group[0])
            out.append((units[i].start, units[j].end, content))
            if j + 1 >= len(units):
                break
            # Next chunk starts with the trailing sentences of this one (up to ``overlap`` chars),
            # but only inside the same block: across blocks the heading context is enough.
            k = j + 1
            while (
                k - 1 > i
                and units[k - 1].block == units[j + 1].block
                and units[j].end - units[k - 1].start <= self.overlap
            ):
                k -= 1
            i = k
        return out

    @staticmethod
    def _before_list(doc: Document, units: list[_Unit], i: int, j: int, size: int) -> int:
        """Where the chunk ``units[i..j]`` should end so that a list is not cut from the sentence announcing it.

        "In de hoofdstukken:" and its bullets are one answer: when the list runs on past ``j``, the chunk ends before
        the announcing unit instead and the next one holds the announcement and the whole list, if that fits.
        """

        def is_item(u: _Unit) -> bool:
            return bool(LIST_ITEM.match(doc.text[u.start : u.end]))

        if j + 1 >= len(units) or not is_item(units[j + 1]):
            return j
        m = j
        while m > i and is_item(units[m]):
            m -= 1
        if m <= i or not announces(doc.text[units[m].start : units[m].end]):
            return j
        last = j + 1
        while last + 1 < len(units) and is_item(units[last + 1]):
            last += 1
        return m - 1 if units[last].end - units[m].start <= size else j

    def _merge_small(self, doc: Document, spans: list[tuple[int, int, Block]]) -> list[tuple[int, int, Block]]:
        """Glue tiny neighbouring sections (e.g. "Communicatie: Niet van toepassing.") together."""
        merged: list[tuple[int, int, Block]] = []
        for start, end, block in spans:
            if merged:
                p_start, p_end, p_block = merged[-1]
                small = (p_end - p_start) < self.min_size or (end - start) < self.min_size
                tables = "table" in (p_block.kind, block.kind)
                if small and not tables and end - p_start <= self.size and start >= p_end:
                    keep = p_block if p_block.kind != "heading" else block
                    merged[-1] = (p_start, end, keep)
                    continue
            merged.append((start, end, block))
        return merged

    # -- output ---------------------------------------------------------------------------------

    @staticmethod
    def _make_chunk(doc: Document, index: int, start: int, end: int, block: Block) -> Chunk:
        digest = hashlib.sha256(f"{doc.doc_id}\x00{start}\x00{doc.text[start:end]}".encode()).hexdigest()[:20]
        return Chunk.from_span(
            doc, chunk_id=f"{doc.doc_id[:40]}-{digest}", index=index, start=start, end=end,
            section=" > ".join(block.section),
        )  # fmt: skip
