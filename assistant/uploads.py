"""Adding a document: the one use case behind the chat's upload and ``POST /api/documents``.

A bad file must never cost the corpus anything: every check (type, size, count, readable content, a duplicate of
a document already indexed) runs before the file is copied in, and when indexing fails the file is taken out again
(the previous index generation stays active, see ``store``). Messages are Dutch and name the file, never an
exception class.

Example:
    >>> from assistant.pipeline import Assistant
    >>> result = Assistant.from_settings().add_document(Path("nota.pdf"))     # doctest: +SKIP
    >>> result.ok, result.message                                             # doctest: +SKIP
    (True, 'nota.pdf is toegevoegd. Index bijgewerkt in 4.1 s: ...')
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import IngestError
from .indexer import IndexReport, Progress
from .ingest import SUPPORTED_SUFFIXES, doc_id_for, load_document

if TYPE_CHECKING:
    from .pipeline import Assistant


@dataclass
class AddResult:
    ok: bool
    message: str
    doc_id: str | None = None
    report: IndexReport | None = None
    #: "ok" | "type" | "size" | "count" | "duplicate" | "unreadable" | "index": why a file was refused (for the API).
    reason: str = "ok"


def safe_name(name: str) -> str:
    """A file name without folders or odd characters ("../../etc/nota.md" -> "nota.md")."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name).strip(".-") or "document"


def add_document(
    assistant: Assistant, source: Path, name: str | None = None, progress: Progress | None = None
) -> AddResult:
    settings = assistant.settings
    original = Path(name or source.name).name
    safe = safe_name(original)
    suffix = Path(safe).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return AddResult(
            False, f"{original}: alleen PDF-, TXT- en MD-bestanden kunnen worden toegevoegd.", reason="type"
        )
    data = source.read_bytes()
    size_mb = len(data) / 1_000_000
    if size_mb > settings.max_upload_mb:
        return AddResult(
            False, f"{original} is {size_mb:.0f} MB; de grens is {settings.max_upload_mb} MB.", reason="size"
        )
    documents = assistant.index.documents()
    if len(documents) >= settings.max_documents:
        full = f"het maximum van {settings.max_documents} documenten is bereikt"
        return AddResult(False, f"{original} is niet toegevoegd: {full}.", reason="count")
    digest = hashlib.sha256(data).hexdigest()
    same = next((d for d in documents if d.get("hash") == digest), None)
    if same is not None:
        return AddResult(
            False, f"{original} staat er al in, als “{same['title']}”; het is niet nog een keer toegevoegd.",
            doc_id=same["doc_id"], reason="duplicate",
        )  # fmt: skip
    try:
        load_document(source.with_name(source.name) if source.suffix.lower() == suffix else _renamed(source, suffix))
    except IngestError as exc:
        return AddResult(False, f"{original} is niet toegevoegd: {exc.dutch}.", reason="unreadable")
    corpus = Path(settings.corpus_dir)
    corpus.mkdir(parents=True, exist_ok=True)
    target = corpus / safe
    if target.exists():
        target = corpus / f"{Path(safe).stem}-{int(time.time())}{suffix}"
    shutil.copy(source, target)
    try:
        report = assistant.ensure_index(progress=progress)
    except (OSError, ValueError, RuntimeError, IngestError):
        target.unlink(missing_ok=True)
        return AddResult(False, f"Indexeren van {original} is mislukt; het bestand is weer verwijderd.", reason="index")
    summary = report.summary() if report else "De index was al bijgewerkt."
    return AddResult(True, f"{original} is toegevoegd. {summary}", doc_id=doc_id_for(target), report=report)


def _renamed(source: Path, suffix: str) -> Path:
    """A temporary upload without the right extension: check it under its real type."""
    copy = source.with_name(source.stem + suffix)
    shutil.copy(source, copy)
    return copy
