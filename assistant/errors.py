"""Errors with a Dutch message for the user and an English one for logs."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file could not be ingested; the message is Dutch first, names the file, then English."""

    def __init__(self, path: Path | str, dutch: str, english: str) -> None:
        self.path = Path(path)
        self.dutch = dutch
        self.english = english
        super().__init__(f"{self.path.name}: {dutch} / {english}")
