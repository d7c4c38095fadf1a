"""Typed records passed between the pipeline stages.

Data flows one way: ``Document`` (ingest) -> ``Chunk`` (chunking) -> index -> ``Hit``
(retrieval) -> ``Answer`` with ``Citation``s (answering). Keeping them plain dataclasses makes
every stage testable on its own and the JSON contract explicit in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .tables import Table


@dataclass(frozen=True)
class Block:
    """A structural unit of a cleaned document: heading, paragraph or list item.

    ``start``/``end`` are offsets into ``Document.text``; pages are the PDF pages the block's
    text came from, so a paragraph broken over a page boundary knows both pages.
    """

    kind: str  # "heading" | "paragraph" | "item" | "table" (one row sentence per paragraph) | "glossary" (one entry)
    start: int
    end: int
    page_start: int | None
    page_end: int | None
    section: tuple[str, ...]
    level: int = 0  # heading level (1 = chapter), 0 for non-headings
    #: (offset, page) where the block continues on a new page, e.g. a sentence over a page break.
    page_breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        page = self.page_start
        for at, new_page in self.page_breaks:
            if offset >= at:
                page = new_page
        return page


@dataclass
class RawLine:
    """A line of a source file as read (before cleaning), with its page; a table read from the page geometry
    travels as a line of its own and becomes one "table" block of row sentences."""

    text: str
    page: int | None
    page_start: bool = False  # first line of a page
    table: Table | None = None


@dataclass
class Document:
    """A source document after loading and cleaning, with its metadata."""

    doc_id: str
    path: str
    title: str
    doc_type: str
    date: str  # ISO date, or a year when only that is known, or ""
    zaaknummer: str
    gemeenten: list[str]
    text: str  # cleaned text; all offsets refer to this
    blocks: list[Block]
    page_count: int | None
    content_hash: str
    #: Header/footer lines removed from the text (kept for provenance, e.g. "Pagina 2 van 3").
    removed_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The page of the character at ``offset`` (None for documents without pages)."""
        for block in self.blocks:
            if offset < block.end:
                return block.page_at(offset) if offset >= block.start else block.page_start
        return self.blocks[-1].page_end if self.blocks else None


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage with full provenance.

    ``text == document.text[start:end]`` always holds, which is what lets a citation point at
    the exact place in the source.
    """

    chunk_id: str
    doc_id: str
    title: str
    doc_type: str
    date: str
    zaaknummer: str
    gemeenten: tuple[str, ...]
    page_start: int | None
    page_end: int | None
    section: str
    start: int
    end: int
    text: str
    index: int  # position of the chunk inside its document

    @classmethod
    def from_span(cls, doc: Document, *, chunk_id: str, index: int, start: int, end: int, section: str = "") -> Chunk:
        """The passage ``doc.text[start:end]`` with the document's metadata and the pages it spans."""
        pages = [p for p in (doc.page_at(start), doc.page_at(max(start, end - 1))) if p is not None]
        return cls(
            chunk_id=chunk_id,
            doc_id=doc.doc_id,
            title=doc.title,
            doc_type=doc.doc_type,
            date=doc.date,
            zaaknummer=doc.zaaknummer,
            gemeenten=tuple(doc.gemeenten),
            page_start=min(pages) if pages else None,
            page_end=max(pages) if pages else None,
            section=section,
            start=start,
            end=end,
            text=doc.text[start:end],
            index=index,
        )

    @property
    def page(self) -> str:
        """Human-readable page or page range ("3" or "3-4"); "" when unknown."""
        if self.page_start is None:
            return ""
        if self.page_end is None or self.page_end == self.page_start:
            return str(self.page_start)
        return f"{self.page_start}-{self.page_end}"

    def embed_text(self) -> str:
        """What the search models see: the passage plus where it sits (title and section)."""
        return f"{self.where}\n{self.text}" if self.where else self.text

    @property
    def where(self) -> str:
        return " > ".join(p for p in (self.title, self.section) if p)

    def to_dict(self) -> dict[str, Any]:
        """The chunk as JSON for the API and LangChain metadata (pages as "3" or "3-4")."""
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "date": self.date,
            "zaaknummer": self.zaaknummer,
            "page": self.page,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    def to_record(self) -> dict[str, Any]:
        """Metadata as Chroma stores it: scalars only, never None (the text is stored as the record's document)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "date": self.date,
            "zaaknummer": self.zaaknummer,
            "gemeenten": ";".join(self.gemeenten),
            "page_start": self.page_start if self.page_start is not None else -1,
            "page_end": self.page_end if self.page_end is not None else -1,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "index": self.index,
        }

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        """The chunk back from what Chroma stores (``to_record`` and the text)."""
        page_start = int(meta.get("page_start", -1))
        page_end = int(meta.get("page_end", -1))
        return cls(
            chunk_id=chunk_id,
            doc_id=str(meta["doc_id"]),
            title=str(meta.get("title", "")),
            doc_type=str(meta.get("doc_type", "")),
            date=str(meta.get("date", "")),
            zaaknummer=str(meta.get("zaaknummer", "")),
            gemeenten=tuple(g for g in str(meta.get("gemeenten", "")).split(";") if g),
            page_start=page_start if page_start >= 0 else None,
            page_end=page_end if page_end >= 0 else None,
            section=str(meta.get("section", "")),
            start=int(meta.get("start", 0)),
            end=int(meta.get("end", 0)),
            text=text,
            index=int(meta.get("index", 0)),
        )


@dataclass
class Filters:
    """Restrict retrieval to document types, municipalities and a period (ISO dates or years, inclusive)."""

    doc_types: list[str] = field(default_factory=list)
    gemeenten: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.doc_types or self.gemeenten or self.date_from or self.date_to)

    def matches(self, chunk: Chunk) -> bool:
        if self.doc_types and chunk.doc_type not in self.doc_types:
            return False
        if self.gemeenten and not set(self.gemeenten) & set(chunk.gemeenten):
            return False
        date = chunk.date or ""
        if self.date_from and (not date or date[: len(self.date_from)] < self.date_from):
            return False
        return not (self.date_to and (not date or date[: len(self.date_to)] > self.date_to))


@dataclass
class Hit:
    """A chunk returned by retrieval with its fused score and per-retriever ranks."""

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    doc_type: str
    date: str
    zaaknummer: str
    page: str
    section: str
    quote: str
    text: str
    #: For a table row: the value the answer leads with, so the page view can mark that one cell.
    cell: str = ""

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, quote: str) -> Citation:
        return cls(
            n=n,
            chunk_id=chunk.chunk_id,
            doc_id=chunk.doc_id,
            title=chunk.title,
            doc_type=chunk.doc_type,
            date=chunk.date,
            zaaknummer=chunk.zaaknummer,
            page=chunk.page,
            section=chunk.section,
            quote=quote,
            text=chunk.text,
        )


@dataclass
class Answer:
    """The result of one question; ``to_json`` is the stable ``assistant ask --json`` contract."""

    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Hit] = field(default_factory=list)
    abstained: bool = False
    refused: bool = False
    refusal_reason: str | None = None
    notice: str | None = None
    answerer: str = "extractief"
    #: The question as searched, when a follow-up was completed with the conversation.
    searched: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        retrieved = [{**hit.chunk.to_dict(), "score": round(hit.score, 6)} for hit in self.retrieved]
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [asdict(c) for c in self.citations],
            "retrieved": retrieved,
            "abstained": self.abstained,
            "refused": self.refused,
            "refusal_reason": self.refusal_reason,
            "notice": self.notice,
            "answerer": self.answerer,
            "searched": self.searched,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
