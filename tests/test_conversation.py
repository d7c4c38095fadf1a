"""Follow-up questions (assistant/conversation.py): no model needed."""

from __future__ import annotations

from assistant.conversation import is_followup, rewrite_followup

ROKEN = "Wat wil de gemeente bereiken op het gebied van roken?"


def test_a_follow_up_takes_the_place_of_the_year_the_place_or_the_subject():
    year = rewrite_followup(["Hoeveel klanten hebben hulp bij het huishouden in 2025?"], "En in 2024?")
    assert year == "Hoeveel klanten hebben hulp bij het huishouden in 2024?"
    assert rewrite_followup(["Hoeveel mantelzorgers zijn er in Druten?"], "En in Wijchen?") == (
        "Hoeveel mantelzorgers zijn er in Wijchen?"
    )
    assert (
        rewrite_followup([ROKEN], "En wat betreft alcohol?")
        == "Wat wil de gemeente bereiken op het gebied van alcohol?"
    )
    clause = rewrite_followup(
        ["Wat doet de gemeente met betrekking tot mantelzorg, en wat kost dat?"], "En wat betreft jeugd?"
    )
    assert clause == "Wat doet de gemeente met betrekking tot jeugd, en wat kost dat?"


def test_without_a_subject_to_replace_the_follow_up_is_added_to_the_previous_question():
    assert rewrite_followup(["Hoeveel klanten hebben hulp?"], "En wat betreft jeugd?") == (
        "Hoeveel klanten hebben hulp: wat betreft jeugd?"
    )
    assert rewrite_followup([], "En wat betreft jeugd?") == "En wat betreft jeugd?"
    assert not is_followup("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
