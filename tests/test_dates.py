"""Dutch dates (assistant/dates.py): no model needed."""

from __future__ import annotations

import re

from assistant.dates import days_in, format_dutch_date, outside_days, parse_dutch_date, parse_period


def test_days_written_either_way_are_one_iso_day():
    assert days_in("Wat besloot het college op 16 mei 2023 en op 4-7-2023?") == ("2023-05-16", "2023-07-04")
    assert days_in("in mei 2023, in 2023, op 31-02-2025") == ()  # a month, a year and no real day


def test_parse_and_format_round_trip():
    assert parse_dutch_date("16-1-2024") == "2024-01-16"
    assert format_dutch_date(parse_dutch_date("27 mei 2025") or "") == "27 mei 2025"
    assert parse_period("maart 2024") == "2024-03"


def test_two_digit_years_of_balance_dates_count_but_section_numbers_do_not():
    from assistant.dates import mentions_year, years_in

    assert years_in("Stand 31-dec-24; stand 31-12-25") == {"2024", "2025"}
    assert mentions_year("Reserve RAV — Stand 31-dec-24: 3.558", "2024")
    assert years_in("Tabel 4.2.12 op p. 12-14 van 10-06-2025") == {"2025"}


def test_the_days_a_question_names_are_found_back_in_either_form():
    text = "Actielijst bij de notulen van 10 oktober 2024 | 10-10-2024 | gereed: december 2024"
    years = list(re.finditer(r"\b20\d\d\b", text))
    assert [m.group(0) for m in outside_days(text, years, ("2024-10-10",))] == ["2024"]  # only "december 2024"
    assert outside_days(text, years, ("2024-10-11",)) == years
