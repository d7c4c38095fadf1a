"""Text helpers: Dutch terms for matching (no model)."""

from __future__ import annotations

from assistant.text import sentence_spans, terms


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
