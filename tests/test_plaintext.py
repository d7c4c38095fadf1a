"""Pages in text files: recovered only where the text shows them (issue 13: the corpus's export convention is not
applied to every upload)."""

from __future__ import annotations

from assistant.plaintext import leading_space_marks_pages, read_txt_lines


def _pages(text: str) -> dict[str, int | None]:
    return {r.text.strip(): r.page for r in read_txt_lines(text) if r.text.strip()}


def test_prose_indented_throughout_is_one_page():
    text = "\n".join(f" Alinea {n} over de Wmo en de toegang tot ondersteuning." for n in range(12))
    assert not leading_space_marks_pages(text.splitlines())
    assert set(_pages(text).values()) == {1}


def test_plain_text_without_page_signals_is_one_page():
    text = "Inleiding\n\nDe gemeente werkt aan een sterke sociale basis.\n\nSlot\n\nTot slot een zin."
    assert set(_pages(text).values()) == {1}


def test_form_feeds_end_pages():
    pages = _pages("Eerste pagina met tekst.\n\fTweede pagina met tekst.\n\f\nDerde pagina.")
    assert pages == {"Eerste pagina met tekst.": 1, "Tweede pagina met tekst.": 2, "Derde pagina.": 3}


def test_export_that_starts_pages_with_one_space():
    body = "\n".join(f"Regel {n} van de tekst op deze pagina." for n in range(20))
    text = f"Kop van het document\n{body}\n Volgende pagina begint hier.\n{body}"
    pages = _pages(text)
    assert pages["Kop van het document"] == 1
    assert pages["Volgende pagina begint hier."] == 2
