"""Bad input gets a clear message and loses nothing: odd questions, hostile PDFs, hostile uploads."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.answer import NOT_FOUND
from assistant.ingest import IngestError, load_corpus, load_document
from assistant.pipeline import Assistant
from assistant.question import clean_question

from .conftest import CORPUS, FONT, ROBUUST, make_settings

# -- questions ------------------------------------------------------------------------------


def test_empty_and_whitespace_questions(assistant):
    for raw in ("", "   ", "\x00\x07\u200b"):
        answer = assistant.ask(raw)
        assert answer.abstained and answer.answer == "Stel een vraag over de documenten."


def test_very_long_question_is_capped_with_a_message(assistant):
    raw = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid? " + "blabla " * 1500
    assert len(raw) > 10_000
    answer = assistant.ask(raw)
    assert len(answer.question) <= assistant.settings.max_question_chars
    assert answer.notice and "ingekort tot 2000 tekens" in answer.notice
    # The capped text is still a question (1,500 x "blabla" drowns its meaning, so finding nothing is honest):
    # an answer or the "niet gevonden" message, never a refusal or an error.
    assert not answer.refused
    assert "11 gemeenten" in answer.answer or answer.answer.startswith(NOT_FOUND)


def test_control_characters_are_removed(assistant):
    answer = assistant.ask("Hoeveel gemeenten doen\x00 mee aan de campagne\u200b over mentale\x1b gezondheid?")
    assert "\x00" not in answer.question and "\u200b" not in answer.question
    assert "11 gemeenten" in answer.answer


def test_english_question_is_answered_in_dutch_and_says_so(assistant):
    answer = assistant.ask("How many municipalities take part in the campaign on mental health?")
    assert answer.notice and "in het Engels gesteld" in answer.notice
    assert "11 gemeenten" in answer.answer and answer.citations
    dutch = assistant.ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    assert dutch.notice is None


def test_german_and_french_are_recognised():
    assert clean_question("Wie viele Gemeinden nehmen an der Kampagne teil?", max_chars=100).language == "de"
    assert clean_question("Combien de communes participent à la campagne?", max_chars=100).language == "fr"
    assert clean_question("En in 2024?", max_chars=100).notices == []


# -- ingestion ------------------------------------------------------------------------------


def _pdf(path: Path, pages: list[str], password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if password:
        pdf.set_encryption(owner_password="eigenaar", user_password=password)
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not FONT.exists(), reason="fonts-dejavu-core not installed")
def test_encrypted_pdf_is_refused_by_name(tmp_path: Path):
    path = _pdf(tmp_path / "geheim.pdf", ["Vertrouwelijke notitie over de begroting 2026."], password="wachtwoord")
    with pytest.raises(IngestError, match="wachtwoord") as err:
        load_document(path)
    assert "geheim.pdf" in str(err.value)


BODY = [
    "De wijkteams werken samen met scholen en huisartsen.",
    "Inwoners kunnen terecht bij het inlooppunt in het dorpshuis.",
    "Het college rapporteert elk halfjaar aan de raad.",
    "Vrijwilligers ondersteunen mantelzorgers met respijtzorg.",
    "De kosten worden gedekt uit de bestaande middelen.",
    "In het najaar volgt een evaluatie met de partners.",
    "Jongeren worden betrokken via de jongerenraad.",
]


@pytest.mark.skipif(not FONT.exists(), reason="fonts-dejavu-core not installed")
def test_500_page_pdf_ingests_with_page_numbers(tmp_path: Path):
    pages = []
    for i in range(1, 501):
        before = " ".join(BODY[(i + k) % len(BODY)] for k in range(6))
        after = " ".join(BODY[(i * 3 + k) % len(BODY)] for k in range(6))
        pages.append(f"{before} Het budget voor deelgebied {i} is {1000 + i} euro. {after}")
    doc = load_document(_pdf(tmp_path / "groot.pdf", pages))
    assert doc.page_count == 500
    offset = doc.text.index("Het budget voor deelgebied 437 is 1437 euro")
    assert doc.page_at(offset) == 437


def test_a_corpus_with_every_kind_of_bad_file_still_loads_the_good_ones(tmp_path: Path):
    shutil.copy(CORPUS / f"{ROBUUST}.txt", tmp_path / f"{ROBUUST}.txt")
    shutil.copy(CORPUS / f"{ROBUUST}.txt", tmp_path / "dubbel.txt")
    (tmp_path / "leeg.pdf").write_bytes(b"")
    (tmp_path / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    (tmp_path / "script.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "windows.txt").write_bytes("Overzicht van de bijdrage: € 25,- per maand.\n".encode("cp1252"))
    result = load_corpus(tmp_path)
    assert sorted(Path(d.path).name for d in result.documents) == sorted([f"{ROBUUST}.txt", "windows.txt"])
    errors = {e.path.name: str(e) for e in result.errors}
    assert set(errors) == {"leeg.pdf", "kapot.pdf", "script.exe"}
    assert all(name in message for name, message in errors.items())  # each message names its file
    assert any("dubbel.txt" in w for w in result.warnings)  # a duplicate is skipped with a warning naming it
    assert "€ 25" in next(d.text for d in result.documents if d.path.endswith("windows.txt"))


# -- uploads --------------------------------------------------------------------------------


@pytest.fixture()
def chat_ui(tmp_path: Path, embeddings, model_cache):
    from ui.app import ChatUI

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{ROBUUST}.txt", corpus / f"{ROBUUST}.txt")
    assistant = Assistant(make_settings(corpus, tmp_path / "index", model_cache, max_documents=2), embeddings)
    assistant.ensure_index()
    return ChatUI(assistant)


def _upload(chat_ui, tmp_path: Path, name: str, text: str) -> str:
    source = tmp_path / "upload-tmp"  # Gradio keeps the file's base name in its temporary upload path
    source.mkdir(exist_ok=True)
    path = source / Path(name).name
    path.write_text(text, encoding="utf-8")
    message, _table, _cleared = chat_ui.upload(
        SimpleNamespace(name=str(path), orig_name=name), progress=lambda *a, **k: None
    )
    return message


def test_upload_with_a_traversal_name_stays_in_the_corpus_and_the_count_limit_holds(chat_ui, tmp_path: Path):
    corpus = Path(chat_ui.assistant.settings.corpus_dir)
    message = _upload(chat_ui, tmp_path, "../../../etc/wijkcentra.md", "# Wijkcentra\n\nDe Tuin is elke dag open.\n")
    assert "is toegevoegd" in message
    assert (corpus / "wijkcentra.md").exists() and not (tmp_path / "etc").exists()
    assert not (tmp_path / "wijkcentra.md").exists() and not (corpus.parent / "wijkcentra.md").exists()
    message = _upload(chat_ui, tmp_path, "nog-een.md", "# Nog een\n\nTekst over de bibliotheek.\n")
    assert "maximum van 2 documenten" in message and not (corpus / "nog-een.md").exists()
