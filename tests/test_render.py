"""Finding a quote's words on a page, without rendering."""

from __future__ import annotations

from assistant.render import _marks, find_words


def _words(text: str, top: float = 10.0) -> list[dict]:
    out, x = [], 0.0
    for w in text.split():
        out.append({"text": w, "x0": x, "x1": x + 5 * len(w), "top": top, "bottom": top + 10})
        x += 5 * len(w) + 3
    return out


def test_a_quote_over_two_lines_with_a_hyphenated_word_is_found_whole():
    page = _words("Inleiding De zorg-") + _words("verlening start in 2026 voor iedereen.", top=30)
    found = find_words(page, "De zorgverlening start in 2026")
    assert [w["text"] for w in found] == ["De", "zorg-", "verlening", "start", "in", "2026"]


def test_too_short_a_match_marks_nothing():
    assert find_words(_words("De raad besluit iets anders"), "De gemeente besluit") == []


def test_a_table_row_marks_its_label_and_the_asked_cell_only():
    page = _words("Jeugd 1.200 1.300 1.400") + _words("Wmo 800 900 1.300", top=30)
    quote = "Lasten — Wmo — 2024: 800; 2025: 900; 2026: 1.300"
    marks = _marks(page, quote, "1.300")
    assert [(w["text"], w["top"], cell) for w, cell in marks] == [("Wmo", 30, False), ("1.300", 30, True)]
