"""Errors with a Dutch message for the user and an English one for logs."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file could not be ingested.

    ``str(error)`` is the Dutch message a user sees (file name + reason); ``english`` keeps the
    technical detail for logs, so exception class names never reach the chat or the API.
    """

    def __init__(self, path: Path | str, dutch: str, english: str) -> None:
        self.path = Path(path)
        self.dutch = dutch
        self.english = english
        super().__init__(f"{self.path.name}: {dutch}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        """Picklable with its three parts, so a worker process can hand it back."""
        return (type(self), (str(self.path), self.dutch, self.english))

    def log_message(self) -> str:
        """The English detail for logs (never shown to users)."""
        return f"{self.path.name}: {self.english}"
