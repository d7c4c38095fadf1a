"""Text helpers: Dutch terms for matching (no model)."""

from __future__ import annotations

from assistant.text import answer_candidates, refers_back, sentence_spans, terms


def test_plurals_in_ie_share_the_stem_of_their_singular():
    for plural, singular in [("subsidies", "subsidie"), ("interventies", "interventie"), ("evaluaties", "evaluatie"),
                             ("strategieën", "strategie"), ("categorieën", "categorie")]:  # fmt: skip
        assert terms(plural) == terms(singular), plural
    assert terms("regelingen") == terms("regeling")  # what the stemmer did already
    assert terms("zien") == ["zien"]  # short words are left alone


def test_terms_drop_stopwords_and_split_hyphenated_compounds():
    assert terms("de GGD-begroting van het jaar") == ["ggd-begrot", "ggd", "begrot", "jar"]


def test_sentence_spans_cover_each_sentence():
    text = "Eerste zin. Tweede zin t.o.v. de eerste.\n\nDerde"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Eerste zin.", "Tweede zin t.o.v. de eerste.", "Derde"]


def test_a_period_after_a_dutch_abbreviation_does_not_end_the_sentence():
    text = "Het college bevestigt de brieven d.d. 7 maart en 18 april 2023. Dat is gedaan t.b.v. de raad."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Het college bevestigt de brieven d.d. 7 maart en 18 april 2023.",
        "Dat is gedaan t.b.v. de raad.",
    ]


def test_a_sentence_that_refers_back_is_read_with_the_one_before():
    assert refers_back("Hier doen 11 gemeenten mee.") and refers_back("Dat noemen we een inclusieve samenleving.")
    assert refers_back("In 2023 waren dat er in Wijchen 38 van de 784 regionaal.")
    assert not refers_back("In 2023 waren er 38 cliënten in Wijchen.")
    text = "Van de 824 cliënten verblijven er 32 in Wijchen. In 2023 waren dat er in Wijchen 38."
    (a1, _, c1), (a2, _, c2) = answer_candidates(text)
    assert c1 == a1 and a2 > a1 and c2 == a1  # the second is scored with the first as its context


def test_initials_before_a_name_end_no_sentence():
    spans = sentence_spans("Steller: M.E. Knook\n\nHet college, drs. A.P.A. Oostermeijer, besloot. Dat is het.")
    text = "Steller: M.E. Knook\n\nHet college, drs. A.P.A. Oostermeijer, besloot. Dat is het."
    assert [text[a:b] for a, b in spans] == [
        "Steller: M.E. Knook",
        "Het college, drs. A.P.A. Oostermeijer, besloot.",
        "Dat is het.",
    ]


def test_a_table_row_is_one_sentence_whatever_abbreviations_its_headers_hold():
    row = "Voorzieningen — Brancards — Stand 31-dec-23: 103; onttrekkingen real. 2024: -27; Stand 31-dec-24: 77"
    text = f"Het verloop. Zie de tabel.\n\n{row}\n\nDaarna volgt tekst. Nog een zin."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Het verloop.", "Zie de tabel.", row, "Daarna volgt tekst.", "Nog een zin.",
    ]  # fmt: skip
