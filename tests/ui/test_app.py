"""The chat app's parts that need no browser or model: the decisions export."""

from __future__ import annotations

from pathlib import Path

from assistant.decisions.records import Decision, Source
from ui.app import ChatUI


def _decision(omschrijving: str) -> Decision:
    source = Source("besluitenlijst", "Besluitenlijst 9 juli 2024", 2, "5.b.3 ...", 10)
    return Decision("2024-07-09", omschrijving, "Z/24/123456", sources=[source], besluit="Vast te stellen.")


def test_csv_export_is_one_file_per_content_under_one_folder():
    first = Path(ChatUI._csv([_decision("Structurele inbedding Internationale Taalklas")]))
    again = Path(ChatUI._csv([_decision("Structurele inbedding Internationale Taalklas")]))
    other = Path(ChatUI._csv([_decision("Verkeersbesluit Rozenweg")]))
    assert first == again and first != other
    assert first.name == other.name == "besluitenregister.csv"  # what the user downloads
    assert first.parent.parent == other.parent.parent  # one folder of this process, removed at exit
    text = first.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "datum;omschrijving;besluit;zaaknummer;soort;door;bronnen;conflicten"
    assert "Besluitenlijst 9 juli 2024 p. 2" in text
