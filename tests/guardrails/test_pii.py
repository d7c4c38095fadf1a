"""Unit tests for ``assistant.guardrails.pii`` (no model): phone numbers in questions and passages."""

from __future__ import annotations

import pytest

from assistant.guardrails import QuestionGuard
from assistant.guardrails.pii import PhoneNumber, find_identifiers, find_names, parse_phone, redact_passage


@pytest.mark.parametrize(
    ("written", "country", "national"),
    [
        ("06-12345678", "31", "612345678"),
        ("06 - 12 34 56 78", "31", "612345678"),
        ("(06) 12345678", "31", "612345678"),
        ("+31 6 12345678", "31", "612345678"),
        ("+31 (0)6 12345678", "31", "612345678"),
        ("0031 6 1234 5678", "31", "612345678"),
        ("0316-123456", "31", "316123456"),
        ("(024) 123 45 67", "31", "241234567"),
        ("+31 (0)316 123456", "31", "316123456"),
        ("+32 470 12 34 56", "32", "470123456"),
        ("+49 171 1234567", "49", "1711234567"),
    ],
)
def test_parse_phone(written: str, country: str, national: str):
    assert parse_phone(written) == PhoneNumber(country, national)


@pytest.mark.parametrize("written", ["12345678", "0612345", "+31 6 123", "2025-2028"])
def test_not_a_phone_number(written: str):
    assert parse_phone(written) is None


@pytest.mark.parametrize(
    "question",
    [
        "Bel mij op +31 (0)6 12345678 over de Wmo-regels",
        "Mijn nummer is 06 - 12 34 56 78, hoe vraag ik huishoudelijke hulp aan?",
        "Kunt u (06) 12345678 terugbellen over de jeugdhulp?",
        "Mijn Belgische nummer is +32 470 12 34 56, wat zijn de regels?",
        "Bereikbaar op +49 171 1234567 voor vragen over mantelzorg",
    ],
)
def test_question_with_phone_number_is_refused_and_redacted(question: str):
    verdict = QuestionGuard().check(question)
    assert verdict.refused and "telefoon" in verdict.kinds
    digits = "".join(ch for ch in verdict.redacted if ch.isdigit())
    assert "[TELEFOON]" in verdict.redacted and "12345678" not in digits and "1234567" not in digits


@pytest.mark.parametrize(
    ("passage", "kept"),
    [
        ("Het loket is bereikbaar via 0316-123456.", True),  # landline starting with 031: not a mobile
        ("Bel het wijkteam op (024) 123 45 67.", True),
        ("Bel +31 (0)316 123456 voor het Wmo-loket.", True),
        ("De consulent is bereikbaar op 06-12345678.", False),
        ("Bel +31 (0)6 12345678.", False),
        ("Zijn nummer was (06) 12345678.", False),
        ("Belgisch mobiel: +32 470 12 34 56.", False),
        ("Duits mobiel: +49 171 1234567.", False),
    ],
)
def test_passages_keep_public_landlines_and_hide_mobiles(passage: str, kept: bool):
    number = find_identifiers(passage)[0].text
    assert (number in redact_passage(passage)) is kept


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Welk bedrag staat in het investeringsplan jeugd en gezin van Almere voor 2025?", False),
        ("Hoeveel gezinnen in de gemeente van Wijchen krijgen hulp?", False),
        ("Krijgt het gezin Van Dijk hulp van het wijkteam?", True),
        ("Krijgt het gezin van Vliet al hulp?", True),
        ("Heeft de familie Van Wijchen een indicatie?", True),  # a family name written as a family's
    ],
)
def test_a_family_is_named_but_jeugd_en_gezin_van_a_gemeente_is_the_place(text: str, named: bool):
    assert any(f.kind == "naam" for f in find_names(text)) is named
