"""Zaaknummers and other identifiers (assistant/zaaknummer.py): no model needed."""

from __future__ import annotations

from assistant.zaaknummer import identifiers, normalize


def test_identifiers_other_than_zaaknummers():
    question = "Bij welk bestemmingsplan hoort NL.IMRO.0629.BPRijksstraatweg785-VG01, en waar ging nr. 130111 over?"
    assert identifiers(question) == ["NL.IMRO.0629.BPRijksstraatweg785-VG01", "130111"]
    assert identifiers("percelen B-9845 en B-9842") == ["B-9845", "B-9842"]
    assert identifiers("Wanneer kwam plan-ID BPKLSTOEPHOUT-VG01 aan de orde?") == ["BPKLSTOEPHOUT-VG01"]


def test_no_identifiers_in_dates_amounts_years_and_zaaknummers():
    assert identifiers("zaak Z/24/099999 op 16-05-2023 voor € 1.000.000, 10% in 2025-2028") == []
    assert identifiers("de gevolgen van COVID-19 en het model e5-small") == []
    assert identifiers("Welk deel van de 18- tot en met 29-jarigen kreeg A1-ambulancevervoer?") == []
    assert normalize("z/25/ 101450/453515") == "Z/25/101450/453515"


def test_two_kenmerken_of_one_case_are_two_documents():
    from assistant.zaaknummer import same

    assert same("Z/25/101450", "Z/25/101450/453515")  # the case, asked without the document's kenmerk
    assert same("z/25/ 101450/453515", "Z/25/101450/453515")
    assert not same("Z/25/101450/453155", "Z/25/101450/453515")  # a kenmerk no document has


def test_a_taakveld_with_its_letter_is_an_identifier_but_an_agenda_number_is_not():
    assert identifiers("Wat zijn de lasten op taakveld 6.81a Beschermd wonen?") == ["6.81a"]
    assert identifiers("Wat besloot het college onder agendapunt 10.e.1 en 5.b?") == []
