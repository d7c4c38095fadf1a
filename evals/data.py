"""The labelled evaluation sets, read into one typed shape.

The QA files grew in two rounds with slightly different fields (``qa.jsonl`` has one evidence
phrase per question, ``qa_extra.jsonl`` lists ``evidence_all`` for multi-document questions,
``generalisation.jsonl`` names a file instead of a doc_id); ``QAItem`` hides that so the metrics
only ever see a list of evidence items.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVALS_DIR = Path(__file__).resolve().parent


class EvalDataError(ValueError):
    """A malformed line in an eval set; the message names file and line (Dutch / English)."""


@dataclass(frozen=True)
class Evidence:
    """One passage an answer needs: the source (doc_id or file) and a phrase copied verbatim from it."""

    source: str
    phrase: str
    #: The page the phrase must be found on, for phrases that are not unique by themselves (a table cell).
    page: int | None = None


@dataclass
class QAItem:
    id: str
    question: str
    type: str
    evidence: list[Evidence]
    expected: list[str]
    split: str = "all"
    style: str = ""
    previous: str | None = None
    set_name: str = ""
    #: The document (doc_id) or file (generalisation set) the question is about; "" when none.
    source: str = ""
    #: The page of ``source`` that holds the answer, when the set records it.
    page: int | None = None

    @property
    def answerable(self) -> bool:
        return bool(self.evidence)

    @property
    def history(self) -> list[str]:
        return [self.previous] if self.previous else []


@dataclass
class DecisionCheck:
    id: str
    check: str  # "record" | "conflict" | "question"
    data: dict[str, Any] = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{path}:{number}: geen geldige JSON ({exc.msg}) / invalid JSON ({exc.msg})") from exc
    return rows


def _resolve(name: str | Path) -> Path:
    path = Path(name)
    return path if path.is_absolute() or path.exists() else EVALS_DIR / path


def load_qa(name: str | Path, split: str = "all") -> list[QAItem]:
    """Read a QA set (``qa.jsonl``, ``qa_extra.jsonl`` or ``generalisation.jsonl``)."""
    path = _resolve(name)
    items = []
    for row in read_jsonl(path):
        try:
            source = row.get("doc_id") or row.get("file")
            evidence_page = row.get("page") if row.get("evidence_on_page") else None
            if row.get("evidence_all"):
                evidence = [Evidence(e.get("doc_id") or e["file"], e["evidence"]) for e in row["evidence_all"]]
            elif row.get("evidence"):
                evidence = [Evidence(source, row["evidence"], evidence_page)]
            else:
                evidence = []
            item = QAItem(
                id=row["id"],
                question=row["question"],
                type=row.get("type") or "onbekend",
                evidence=evidence,
                expected=list(row.get("expected") or []),
                split=row.get("split", "all"),
                style=row.get("style", ""),
                previous=row.get("previous"),
                set_name=path.stem,
                source=source or "",
                page=row.get("page") if isinstance(row.get("page"), int) else None,
            )
        except (KeyError, TypeError) as exc:
            raise EvalDataError(
                f"{path}: vraag {row.get('id', '?')} mist veld {exc} / question misses field {exc}"
            ) from exc
        if item.type == "unanswerable" or not item.evidence:
            item.type = "unanswerable"
        if split == "all" or item.split in (split, "all"):
            items.append(item)
    return items


def load_decision_checks(name: str | Path) -> list[DecisionCheck]:
    return [DecisionCheck(id=r["id"], check=r["check"], data=r) for r in read_jsonl(_resolve(name))]


def load_guard_set(name: str | Path) -> list[dict[str, Any]]:
    return read_jsonl(_resolve(name))


_NON_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Lowercase letters and digits only: evidence copied from raw PDF or OCR text still matches the
    cleaned, de-hyphenated chunk text ("perio- de" and "periode" both become "periode")."""
    return _NON_WORD.sub("", text.lower())
