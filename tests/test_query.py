"""Unit tests for ``assistant.query`` (no model): question kinds, focus terms and multi-part splitting."""

from __future__ import annotations

import pytest

from assistant.query import analyse, comparison_years, question_kind, split_parts


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hoeveel gemeenten doen mee aan de campagne?", "count"),
        ("Uit hoeveel medewerkers bestaat het sociaal team?", "count"),
        ("Welk bedrag is begroot voor het actieplan?", "amount"),
        ("Wat kost de inzet van de POH per jaar?", "amount"),
        ("Wat is het totale budget van het uitvoeringsplan?", "amount"),
        ("Hoe groot is het verwachte tekort op Jeugd in 2027?", "amount"),
        ("Hoeveel procent van de inwoners voelt zich eenzaam?", "percentage"),
        ("Welk deel van de verwijzingen loopt via de JGZ?", "percentage"),
        ("Hoeveel weken is de gemiddelde wachttijd?", "duration"),
        ("Hoe vaak per jaar wordt de cliëntervaring onderzocht?", "frequency"),
        ("Wanneer start de pilot?", "date"),
        ("Per wanneer gaan de raamovereenkomsten in?", "date"),
        ("In welk jaar is het akkoord vastgesteld?", "date"),
        ("Wie voert de ouderschapsbemiddeling uit?", "who"),
        ("Met welke organisatie werkt de gemeente samen?", "who"),
        ("Waarom blijven de uitgaven zo hoog?", "why"),
        ("Hoe helpt de gemeente ouders in een vechtscheiding?", "how"),
        ("Wat doet de gemeente tegen eenzaamheid?", "how"),
        ("Wat is Buurtgezinnen?", "definition"),
        ("Gaat de gemeente de regelingen herzien?", "yesno"),
        ("Welke verordening geldt voor jeugdhulp?", "fact"),
    ],
)
def test_question_kind(question: str, kind: str):
    assert question_kind(question) == kind


def test_focus_terms_drop_question_and_frame_words():
    q = analyse("Hoeveel geld is er volgens de nota precies begroot voor het Regionaal Actieplan in 2025?")
    assert "nota" not in q.focus and "precies" not in q.focus and "hoeveel" not in q.focus
    assert {"begrot", "regional", "actieplan"} <= set(q.focus)
    assert q.years == ("2025",) and "Regionaal Actieplan" in q.names


@pytest.mark.parametrize(
    "question",
    ["Welke wetten voeren de gemeenten uit?", "Noem de doelen van het programma.", "Wat zijn de kernwaarden?"],
)
def test_list_questions(question: str):
    assert analyse(question).wants_list


def test_plain_question_is_one_part():
    assert len(split_parts("Hoeveel steungezinnen doen er mee in Wijchen?")) == 1


def test_two_questions_are_two_parts_sharing_the_subject():
    parts = split_parts("Wat is Buurtgezinnen en wanneer start het in Wijchen?")
    assert [p.kind for p in parts] == ["definition", "date"]
    assert "buurtgezinn" in parts[1].focus  # "het" is Buurtgezinnen: the second part searches for it too
    parts = split_parts("Hoeveel inloopspreekuren waren er in 2024, en hoeveel gesprekken waren eenmalig?")
    assert [p.kind for p in parts] == ["count", "count"]


def test_parallel_parts_borrow_the_predicate():
    first, second = split_parts("Hoeveel vrouwen en hoeveel mannen krijgen dementie?")
    assert "dementie" in first.focus and "vrouw" in first.focus and "mann" in second.focus


def test_comparison_years():
    assert comparison_years("Hoeveel meldingen waren er in 2024 vergeleken met 2023?") == ("2024", "2023")
    assert comparison_years("Hoeveel meldingen waren er in 2024?") == ()


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Hoeveel inwoners heeft Lelystad?", "inwoner"),
        ("Hoeveel mantelzorgers zijn er?", "mantelzorger"),
        ("Hoeveel bedroegen de vlottende passiva eind 2022?", ""),  # a verb, then its subject
        ("Hoeveel kosten de plannen in 2026?", ""),
        ("Hoeveel waren er in 2023?", ""),
    ],
)
def test_the_counted_noun_is_not_a_verb(question: str, counted: str):
    assert analyse(question).counted == counted
