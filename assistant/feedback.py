"""Feedback store: thumbs up/down and comments on answers, in a local SQLite file for the eval team.

Only redacted text is stored: the question is already the redacted form (the pipeline never returns
the raw text of a question), and comments pass through the same personal-data redaction.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from .guardrails.pii import find_pii, redact

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER,          -- 1 = duim omhoog, -1 = duim omlaag, NULL = alleen opmerking
    comment TEXT,
    answer_id TEXT           -- one answer in one chat; its rating is replaced, not added to
)
"""


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
            if "answer_id" not in columns:  # a store written before ratings could be changed
                db.execute("ALTER TABLE feedback ADD COLUMN answer_id TEXT")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(
        self, question: str, answer: str, rating: int | None, comment: str | None = None, answer_id: str | None = None
    ) -> int:
        def clean(text: str) -> str:
            findings = find_pii(text)
            return redact(text, findings) if findings else text

        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            clean(question),
            clean(answer),
            rating,
            clean(comment) if comment else None,
            answer_id,
        )
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, comment, answer_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

    def rate(self, answer_id: str, question: str, answer: str, rating: int | None) -> None:
        """Set the rating of one answer: switching like to dislike replaces it, ``None`` takes it back."""
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM feedback WHERE answer_id = ? AND rating IS NOT NULL", (answer_id,))
        if rating is not None:
            self.add(question, answer, rating, answer_id=answer_id)

    def all(self) -> list[dict[str, object]]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]
