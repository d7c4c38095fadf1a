"""Ingest: turn files in a corpus folder into cleaned ``Document``s with pages, sections and metadata.

Text extracted from council PDFs is messy: lines break inside sentences, words are hyphenated
at line ends, every page repeats "Openbaar Zaaknummer ..." and "Pagina 2 van 3". Chunks and
citations must nevertheless point at exact places, so this module produces one cleaned text per
document plus ``Block``s (headings, paragraphs, list items) that carry page numbers and the
section path, with offsets into that cleaned text.

Example:
    >>> from pathlib import Path
    >>> doc = load_document(Path("corpus/2025-05-20_informatienota_robuust-sociaal-team-en-sterke-sociale-basis.txt"))
    >>> doc.zaaknummer, doc.date
    ('Z/25/299103', '2025-05-20')
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cleaning import clean_lines, with_parts
from .errors import IngestError
from .metadata import describe, fallback_title
from .pdf import apply_outline, read_pdf
from .plaintext import _decode, read_md_lines, read_txt_lines
from .schema import Document
from .vocabulary import DOC_TYPE_NAMES

log = logging.getLogger(__name__)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "CorpusLoad",
    "IngestError",
    "discover",
    "file_hashes",
    "has_manifest",
    "load_corpus",
    "load_document",
]

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")
MANIFEST_NAMES = ("manifest.toml",)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def has_manifest(corpus_dir: Path) -> bool:
    return any((corpus_dir / name).exists() for name in MANIFEST_NAMES)


def load_manifest(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """File name -> metadata overrides from ``manifest.toml`` (absent manifest = no overrides)."""
    for name in MANIFEST_NAMES:
        path = corpus_dir / name
        if path.exists():
            try:
                return tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise IngestError(path, f"manifest is geen geldige TOML: {exc}", f"invalid TOML: {exc}") from exc
    return {}


def doc_id_for(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-") or "document"


def load_document(path: Path, overrides: dict[str, Any] | None = None) -> Document:
    """Load, clean and describe one file. Raises ``IngestError`` with a clear message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            path,
            f"bestandstype '{suffix or '(geen)'}' wordt niet ondersteund (wel: PDF, TXT, MD)",
            f"unsupported file type {suffix!r}",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"bestand kan niet worden gelezen ({exc.strerror})", str(exc)) from exc
    if not data.strip():
        raise IngestError(path, "het bestand is leeg", "the file is empty")
    warnings: list[str] = []
    page_count: int | None = None
    pdf_titles: list[str] = []
    pdf_created = ""
    if suffix == ".pdf":
        read = read_pdf(path)
        page_count = read.page_count
        cleaned = apply_outline(clean_lines(read.lines), read.info.outline)
        pdf_titles, pdf_created = read.info.titles, read.info.created
    else:
        if b"\x00" in data[:4096]:
            raise IngestError(path, "het bestand is geen tekstbestand (binaire inhoud)", "binary content")
        text, warnings = _decode(path, data)
        if suffix == ".md":
            cleaned = clean_lines(read_md_lines(text), markdown=True)
        else:
            raw_lines = read_txt_lines(text)
            page_count = max((r.page or 0 for r in raw_lines), default=0) or None
            cleaned = clean_lines(raw_lines)
    if not cleaned.text.strip():
        raise IngestError(path, "het bestand bevat geen leesbare tekst", "no readable text")
    cleaned = with_parts(cleaned)

    meta = describe(cleaned.text, cleaned.removed, path, pdf_titles, pdf_created)
    meta.update({k: v for k, v in (overrides or {}).items() if v not in (None, "")})
    if "type" in meta:
        meta["doc_type"] = meta.pop("type")
    doc_type = str(meta.get("doc_type", "overig"))
    if doc_type not in DOC_TYPE_NAMES:
        warnings.append(f"{path.name}: onbekend documenttype '{doc_type}', opgeslagen als 'overig'")
        doc_type = "overig"
    gemeenten = meta.get("gemeenten") or meta.get("gemeente") or []
    if isinstance(gemeenten, str):
        gemeenten = [gemeenten]
    return Document(
        doc_id=doc_id_for(path),
        path=str(path),
        title=str(meta.get("title") or fallback_title(path, cleaned)),
        doc_type=doc_type,
        date=str(meta.get("date", "")),
        zaaknummer=str(meta.get("zaaknummer", "")),
        gemeenten=[str(g) for g in gemeenten],
        text=cleaned.text,
        blocks=cleaned.blocks,
        page_count=page_count,
        content_hash=hashlib.sha256(data).hexdigest(),
        removed_lines=sorted(set(cleaned.removed)),
        warnings=warnings,
    )


def discover(corpus_dir: Path) -> list[Path]:
    """Document files in a corpus folder (recursively), skipping manifests, READMEs and hidden files."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise IngestError(corpus_dir, "de documentenmap bestaat niet", "corpus folder does not exist")
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if path.name in MANIFEST_NAMES or path.stem.upper() == "README":
            continue
        files.append(path)
    return files


def file_hashes(corpus_dir: Path) -> dict[str, str]:
    """doc_id -> content hash of the files ``load_corpus`` would index, without parsing them (a cheap staleness
    check; a file that fails to load makes the comparison fail, which only costs a rebuild)."""
    hashes: dict[str, str] = {}
    seen: set[str] = set()
    for path in discover(Path(corpus_dir)):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        doc_id = doc_id_for(path)
        hashes[doc_id if doc_id not in hashes else f"{doc_id}-{path.suffix.lstrip('.').lower()}"] = digest
    return hashes


@dataclass
class CorpusLoad:
    documents: list[Document]
    errors: list[IngestError]
    warnings: list[str]


def _load_one(job: tuple[Path, dict[str, Any] | None]) -> Document | IngestError:
    """One file for a worker process: the error is returned, so one bad file never stops the pool."""
    try:
        return load_document(*job)
    except IngestError as exc:
        return exc


def _load_all(jobs: list[tuple[Path, dict[str, Any] | None]], workers: int) -> Iterator[Document | IngestError]:
    """Documents in corpus order. With ``workers`` > 1 and several PDFs, files are parsed in that many processes
    (PDF parsing is pure Python and CPU-bound: two cores halve it). Forked where the platform can: a spawned worker
    re-runs the caller's script, which a plain script without ``if __name__ == "__main__"`` does not survive; the
    workers only parse PDFs, so the parent's model threads are never used in them."""
    pdfs = sum(1 for path, _ in jobs if path.suffix.lower() == ".pdf")
    if workers <= 1 or pdfs < 4:
        yield from map(_load_one, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(_load_one, jobs, chunksize=4)


def load_corpus(corpus_dir: Path, *, workers: int = 1) -> CorpusLoad:
    """Load every document; a bad file is reported by name and never stops the others."""
    manifest = load_manifest(Path(corpus_dir))
    documents: list[Document] = []
    errors: list[IngestError] = []
    warnings: list[str] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    jobs = [
        (path, manifest.get(str(path.relative_to(corpus_dir))) or manifest.get(path.name))
        for path in discover(Path(corpus_dir))
    ]
    for (path, _), doc in zip(jobs, _load_all(jobs, workers), strict=True):
        if isinstance(doc, IngestError):
            log.warning("skipped %s", doc.log_message())
            errors.append(doc)
            continue
        if doc.content_hash in seen_hashes:
            warnings.append(
                f"{path.name}: zelfde inhoud als {seen_hashes[doc.content_hash]}, overgeslagen "
                "/ duplicate content, skipped"
            )
            continue
        if doc.doc_id in seen_ids:
            doc.doc_id = f"{doc.doc_id}-{path.suffix.lstrip('.').lower()}"
        seen_hashes[doc.content_hash] = path.name
        seen_ids.add(doc.doc_id)
        warnings.extend(doc.warnings)
        documents.append(doc)
    return CorpusLoad(documents, errors, warnings)
