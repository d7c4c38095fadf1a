"""Domain vocabularies read from ``assistant/data``: deciding bodies and municipalities."""

from __future__ import annotations

import pytest

from assistant.vocabulary import (
    acting_gemeente,
    asked_outcomes,
    bodies_in,
    gemeenten_in,
    header_labels,
    place_names,
    states_outcome,
)


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("Besluitenlijst Openbaar B&W-vergadering Wassenaar", {"college"}),
        ("Wanneer heeft de gemeenteraad de Omgevingsvisie vastgesteld?", {"raad"}),
        ("Wanneer besloot het college de raad voor te stellen de visie vast te stellen?", {"college", "raad"}),
        ("Wanneer is de Omgevingsvisie vastgesteld?", set()),
        ("Het raadhuis en de collegezaal", set()),  # words that contain a body's name are not the body
    ],
)
def test_bodies_in(text: str, bodies: set[str]):
    assert bodies_in(text) == bodies


def test_gemeenten_in_most_mentioned_first():
    text = "Wijchen en Druten; in Druten vaker dan in Wijchen, maar Druten eerst."
    assert gemeenten_in(text) == ["Druten", "Wijchen"]


def test_meeting_roles_are_found_inside_compounds():
    from assistant.vocabulary import meeting_roles_in

    assert meeting_roles_in("Wie trad op als loco-secretaris?") == ("secretaris",)
    assert "secretaris" in meeting_roles_in("loco gemeentesecretaris E. Bakker")
    assert meeting_roles_in("Wie zat de vergadering voor?") == ()


def test_the_deciding_body_of_a_question_is_the_one_it_names_first():
    from assistant.vocabulary import deciding_body

    assert deciding_body("Wanneer heeft de gemeenteraad de verordening vastgesteld?") == "raad"
    assert (
        deciding_body("Wanneer besloot het college de raad voor te stellen de verordening vast te stellen?")
        == "college"
    )
    assert deciding_body("Wanneer hebben Gedeputeerde Staten besloten de weg over te dragen?") == "provincie"
    assert deciding_body("Wanneer is de verordening vastgesteld?") == ""


def test_numbered_council_business_in_a_question():
    from assistant.vocabulary import numbered_items

    assert numbered_items("Over welk onderwerp ging toezegging 498?") == [("toezegging", "498")]
    assert numbered_items("Zijn de schriftelijke vragen met nummer 364 beantwoord?") == [("vragen", "364")]
    assert numbered_items("de afdoening van motie nr. 198 van 20-9-2022") == [("motie", "198")]
    assert numbered_items("de vragen 2024 over het zwembad") == []  # a year, not a number
    assert numbered_items("de motie statushouders voor de ALV") == []


@pytest.mark.parametrize(
    ("question", "gemeente"),
    [
        ("Op welke datum heeft de gemeente Katwijk de noodverordening ingetrokken?", "Katwijk"),
        ("Wanneer besloot de gemeenteraad van Den Haag over de tramlijn?", "Den Haag"),
        ("Wat besloot het college over de samenwerking met de gemeente Leiden?", ""),  # a topic, not who acted
        ("Wanneer is het convenant met de gemeente Voorschoten getekend?", ""),
    ],
)
def test_the_gemeente_a_question_names_as_the_one_that_acted(question: str, gemeente: str):
    assert acting_gemeente(question) == gemeente


def test_an_outcome_asked_by_its_participle_and_stated_in_any_form():
    assert asked_outcomes("Is de motie aangenomen?") == ("aangenomen",)
    assert asked_outcomes("Wanneer besloot het college over de motie?") == ()
    assert states_outcome("vastgesteld", "De raad stelt het beleidsplan 2025-2028 vast.")
    assert states_outcome("aangenomen", "De motie aan te nemen.")
    assert not states_outcome("aangenomen", "De motie wordt ondersteund.")


def test_header_labels_are_data_and_match_with_any_space_between_their_words():
    import re

    alone = re.compile(rf"^{header_labels('alone')}$", re.I)
    assert alone.match("Fatale   termijn") and alone.match("steller")
    assert not alone.match("Besluit")


def test_a_gemeente_goes_by_the_other_names_its_data_line_gives():
    assert place_names("Noordoostpolder") == ("Noordoostpolder", "NOP")
    assert place_names("Wijchen") == ("Wijchen",)
    assert "Noordoostpolder" in gemeenten_in("de gemeenten Urk en Noordoostpolder")
