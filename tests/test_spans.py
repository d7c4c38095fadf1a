"""Unit tests for ``assistant.spans`` (no model): the lead of an answer is a verbatim slice of the sentence."""

from __future__ import annotations

import pytest

from assistant.answerability import has_fact
from assistant.query import document_references, split_parts
from assistant.spans import (
    acronym_expansion,
    announces_list,
    asked_acronym,
    directed_dates,
    lead_span,
    list_after,
    states_asked_date,
    table_cell,
)
from assistant.text import terms


@pytest.mark.parametrize(
    ("kind", "sentence", "focus", "lead"),
    [
        ("count", "Hier doen 11 gemeenten uit regio aan mee, waaronder Wijchen.", ["gemeent"], "11 gemeenten"),
        ("count", "Het team bestaat uit ongeveer 35 medewerkers (circa 30 fte).", ["medewerker"],
         "ongeveer 35 medewerkers (circa 30 fte)"),
        ("count", "In 2024 kregen 1.234 inwoners hulp.", ["inwoner"], "1.234 inwoners"),
        ("count", "Hij meldt dat er een structureel tekort van circa € 400.000 is.", ["tekort"], "circa € 400.000"),
        ("amount", "Voor Wmo verwachten we een voordeel van € 1,2 miljoen en voor Jeugd een nadeel van € 464k.",
         ["jeugd", "nadel"], "€ 464k"),
        ("amount", "Het krediet bedraagt 2,5 miljoen euro.", ["krediet"], "2,5 miljoen euro"),
        ("percentage", "Het aantal cliënten groeide met 12% ten opzichte van 2023.", ["client"], "12%"),
        ("date", "De nieuwe overeenkomsten gaan per 1 januari 2026 in.", ["overeenkomst"], "per 1 januari 2026"),
        ("date", "In december 2023 stelde uw Raad het Regioprogramma Jeugd 2023-2028 vast.", ["regioprogramma"],
         "In december 2023"),
        ("duration", "De gemiddelde wachttijd is 8 weken.", ["wachttijd"], "8 weken"),
        ("who", "De uitvoering ligt bij stichting MeerVoormekaar.", ["uitvoer"], "MeerVoormekaar"),
        ("who", "Portefeuillehouder: N.M. Nieuwenhuizen", ["portefeuillehouder"], "N.M. Nieuwenhuizen"),
        ("who", "Het voorwoord is ondertekend door J. de Vries, voorzitter.", ["voorwoord"], "J. de Vries"),
    ],
)  # fmt: skip
def test_lead_is_the_asked_fact(kind: str, sentence: str, focus: list[str], lead: str):
    span = lead_span(kind, sentence, focus, "Wie voert het uit?")
    assert span is not None and sentence[span[0] : span[1]] == lead


def test_no_lead_without_the_kind_of_fact():
    assert lead_span("amount", "Er is nog geen besluit genomen.", ["besluit"]) is None
    assert lead_span("how", "We werken samen met de huisartsen.", ["huisarts"]) is None


def test_a_year_is_not_a_count():
    span = lead_span("count", "In 2024 zijn er twaalf nieuwe steungezinnen bijgekomen.", ["steungezin"])
    assert span is not None and "twaalf" in "In 2024 zijn er twaalf nieuwe steungezinnen bijgekomen."[span[0] : span[1]]


def test_a_date_or_a_version_is_not_a_count():
    cover = "www.ggdflevoland.nl Burap najaar 2024 versie 0.4 29-10-2024 januari 2024 tot en met augustus 2024"
    assert lead_span("count", cover, ["investering"]) is None
    assert not has_fact("count", cover)
    assert has_fact("count", "Er zijn 1.302.290 scans bekeken op 29-10-2024.")


def test_list_after_a_colon():
    text = "We doen dit via twee sporen:\n\n• het eerste spoor\n\n• het tweede spoor\n\nDaarna iets anders."
    colon = text.index(":") + 1
    assert announces_list(text[:colon])
    assert text[: list_after(text, colon)].endswith("het tweede spoor")
    assert list_after("Geen lijst.\n\nGewoon tekst.", 11) == 11


def test_list_after_a_colon_without_bullets():
    """PDFs lose bullet glyphs: what a colon announces is the short paragraph or the table rows after it."""
    survey = (
        "Dit wordt gevraagd aan de hand van de volgende vraagstelling:\n\nVoelt u zich wel eens eenzaam? nee, "
        "ja, soms ja, vaak\n\nDe uitkomsten staan in de grafieken hieronder en worden per gemeente besproken."
    )
    colon = survey.index(":") + 1
    assert survey[: list_after(survey, colon, announced=True)].endswith("ja, vaak")
    assert list_after(survey, colon) == colon  # not announced: an unmarked paragraph is no item
    buildings = (
        "Gehuurde gebouwen zijn: Gebouw | Soort overeenkomst\n\nGebouw | Eigenaar\n\nEikenstraat 20 | Huur"
        "\n\nKunstdepot | Huur\n\nOnderhoud\n\nHet onderhoud is uitbesteed."
    )
    first = buildings.index("\n\n")
    assert announces_list(buildings[:first])
    assert buildings[: list_after(buildings, first, announced=True)].endswith("Kunstdepot | Huur")
    assert not announces_list("Het bedrag is: 12 miljoen.")


def test_numbered_labels_are_items_but_captions_are_not():
    """ "Hoofddoel 1. ...", "Hoofddoel 2. ...": a series of labelled items is a list; a figure caption ends it."""
    goals = (
        "We hebben vijf hoofddoelen geformuleerd:\n\nHoofddoel 1. Draagkracht wijken.\n\nHoofddoel 2. Voldoende "
        "woningen. Hoofddoel 3. Passend aanbod.\n\nFiguur 2. Aantal cliënten per jaar\n\nDaarna iets anders."
    )
    colon = goals.index(":") + 1
    assert goals[: list_after(goals, colon, announced=True)].endswith("Hoofddoel 3. Passend aanbod.")


@pytest.mark.parametrize(
    ("question", "sentence", "lead"),
    [
        ("Tot wanneer is de pilot verlengd?", "De pilot startte in september 2024 en loopt tot 31 december 2025.",
         "tot 31 december 2025"),
        ("Sinds wanneer werken de teams?", "In september 2018 kwam er een proef; sinds november 2019 werken de teams.",
         "sinds november 2019"),
        ("Per wanneer gaat de regeling in?", "Na overleg in maart 2025 gaat de regeling per 1 januari 2026 in.",
         "per 1 januari 2026"),
        ("Voor welke jaren loopt het akkoord?", "Het akkoord is vastgesteld in oktober 2023 en loopt in de jaren "
         "2023-2026.", "2023-2026"),
        ("Wanneer startte de proef?", "De proef startte in september 2018.", "in september 2018"),
    ],
)  # fmt: skip
def test_a_date_question_with_tot_sinds_or_a_period_leads_with_that_end_or_span(question, sentence, lead):
    a, b = lead_span("date", sentence, (), question)
    assert sentence[a:b].lower() == lead.lower()
    assert bool(directed_dates(sentence, question)) == (not question.startswith("Wanneer"))


def test_a_value_per_gemeente_leads_with_the_asked_gemeente():
    sentence = "1.000 appartementen in Lelystad en 2.500 Almere in 2030."  # a thousand is no numbering "1.0"
    question = "Hoeveel appartementen zijn er in 2030 nodig in Lelystad?"
    span = lead_span("count", sentence, ["appartement", "nodig", "lelystad"], question)
    assert span is not None and sentence[span[0] : span[1]] == "1.000 appartementen"
    span = lead_span("count", sentence, ["appartement", "nodig", "almer"], question.replace("Lelystad", "Almere"))
    assert span is not None and sentence[span[0] : span[1]].startswith("2.500")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Tot welk bedrag is het tekort in 2023 gegroeid?", "€ 1.936"),
        ("Met hoeveel euro is het tekort in 2023 gegroeid?", "€ 1.411"),
        ("Hoe groot is het tekort in 2023?", "€ 1.411"),  # no preposition: the first, as before
    ],
)
def test_the_preposition_before_the_asked_quantity_picks_the_value_of_a_change(question: str, lead: str):
    sentence = "Het tekort is in 2023 met € 1.411 gegroeid tot € 1.936."
    start, end = lead_span("amount", sentence, ["tekort", "groei"], question) or (0, 0)
    assert sentence[start:end] == lead


def test_a_count_stated_only_as_an_amount_leads_with_the_amount():
    sentence = "Op de uitgaven Wmo 2025 verwachten we een voordeel van afgerond € 26k."
    start, end = lead_span("count", sentence, ["uitgav", "wmo"], "Hoeveel houden we over?") or (0, 0)
    assert sentence[start:end] == "€ 26k"


def test_a_collective_number_is_a_count_and_the_counted_noun_may_end_the_sentence():
    sentence = "MeerVoormekaar is beland in een arbeidsconflict met een vijftal medewerkers."
    start, end = lead_span("count", sentence, ["medewerker", "arbeidsconflict"]) or (0, 0)
    assert sentence[start:end] == "vijftal medewerkers"
    sentence = "Bij de vertrouwenspersoon kwam in 2023 1 melding."
    start, end = lead_span("count", sentence, ["melding", "vertrouwenspersoon"]) or (0, 0)
    assert sentence[start:end] == "1 melding"


def test_the_count_asked_is_the_part_not_the_partitive_whole():
    sentence = "Van de 824 cliënten met een indicatie verblijven er 32 in Wijchen."
    start, end = lead_span("count", sentence, ["client", "verblijv", "wijch"]) or (0, 0)
    assert sentence[start:end] == "32"
    alone = "Er zijn 824 cliënten met een indicatie."
    start, end = lead_span("count", alone, ["client"]) or (0, 0)
    assert alone[start:end].startswith("824")


def test_the_day_a_question_names_as_its_source_is_not_the_date_it_asks_for():
    question = "Wanneer moet het voorstel gereed zijn, volgens de actielijst bij de notulen van 10 oktober 2024?"
    row = "1 | Suïcidepreventie – voorstel ter bespreking 10-10-2024 | Mevrouw Kukenheim | December 2024"
    span = lead_span("date", row, ["voorstel"], question)
    assert span is not None and row[span[0] : span[1]] == "December 2024"


def test_a_proportion_is_one_count():
    sentence = "In Wijchen is 1 op de 4 inwoners eenzaam, iedereen kan er mee te maken krijgen."
    span = lead_span("count", sentence, ["inwoner", "eenzam"], "Hoeveel inwoners van Wijchen zijn eenzaam?")
    assert span is not None and sentence[span[0] : span[1]] == "1 op de 4 inwoners"
    women = "Eén op de drie vrouwen en één op de zeven mannen krijgt dementie."
    span = lead_span("count", women, ["vrouw"], "Hoeveel vrouwen krijgen dementie?")
    assert span is not None and women[span[0] : span[1]] == "Eén op de drie vrouwen"


_EMU = "EMU-saldo — EMU-SALDO — T-1 2025: -5.040; T 2026: 1.094; T+1 2027: 661; T+2 2028: 2.812"


@pytest.mark.parametrize(
    ("row", "question", "cell"),
    [
        ("Bedragen (x €1.000) — 6.81b Maatschappelijke Opvang — Baten: 4.815; Begroting 2026 Lasten: 3.896; "
         "Saldo: -919", "Wat is het saldo van taakveld 6.81b Maatschappelijke Opvang in de begroting 2026?", "-919"),
        (_EMU, "Wat is het EMU-saldo voor 2027 in de begroting 2026 van GGD Flevoland?", "661"),
        # The document's own year still answers when the question names no other column.
        (_EMU, "Wat is het EMU-saldo in de begroting 2026?", "1.094"),
        # A year of the meeting a bundle was sent to is no name the question uses ("Bundel AB 7 november 2024").
        ("Bedragen (x €1.000) — Baten derden — 2023 realisatie: 2.177; 2024 prognose: 1.315; 2025 begroting: 1.770",
         "Wat was in de GGD-begroting 2025 de prognose 2024 voor de baten van derden?", "1.315"),
    ],
)  # fmt: skip
def test_the_words_that_name_the_document_do_not_pick_the_column(row: str, question: str, cell: str):
    query = split_parts(question)[0]
    span = table_cell(row, query.focus, query.years, document_references(query.text))
    assert span is not None and row[span[0] : span[1]] == cell


def test_a_number_listed_with_numbers_that_cannot_be_years_is_no_date():
    parcels = "Het gaat om de percelen sectie E, nummers 1801, 1943, 2053 en 2119 aan de Lange Kerkdam."
    assert lead_span("date", parcels, ["perceel"], "Wanneer is het besluit genomen?") is None
    years = "De subsidie is verleend in 2023, 2024 en 2025."
    span = lead_span("date", years, ["subsidie"], "Wanneer is de subsidie verleend?")
    assert span is not None and years[span[0] : span[1]] in ("in 2023", "2024", "2025")


def test_an_end_date_answers_tot_wanneer_and_an_unmarked_date_answers_a_start_question():
    planned = "Deze decentralisatie is gepland voor 1 januari 2026."
    assert states_asked_date(planned, "Per wanneer is de decentralisatie gepland?")
    assert not states_asked_date(planned, "Tot wanneer loopt de decentralisatie?")
    assert not states_asked_date("De regeling loopt tot 1 juli 2026.", "Sinds wanneer loopt de regeling?")
    assert states_asked_date("De regeling loopt tot 1 juli 2026.", "Tot wanneer loopt de regeling?")


def test_a_header_wrapped_without_hyphen_matches_the_compound_the_question_writes():
    row = "Overzicht plustaken — Regisseur sociaal netwerk — Realisatie 2023: 73.500; Bestuurs begroting 2025: 79.756"
    span = table_cell(row, terms("Welk bedrag staat in de bestuursbegroting?"))
    assert span is not None and row[span[0] : span[1]] == "79.756"


def test_a_range_is_one_quantity_and_no_part_of_a_number_is_one():
    """ "0,5-1 miljoen" whole, not its "0"; a period ("2025-2028") is no count; a duration only when nothing else."""
    sentence = "Het risico wordt ingeschat op 0,5-1 miljoen, over de afgelopen 2,5 jaar."
    start, end = lead_span("count", sentence, ["risico"])
    assert sentence[start:end] == "0,5-1 miljoen"
    start, end = lead_span("count", "Het Beleidsplan 2025-2028 noemt 12 doelen.", ["doel"])
    assert "Het Beleidsplan 2025-2028 noemt 12 doelen."[start:end].startswith("12")


def test_the_capital_at_the_start_of_a_later_sentence_is_no_name():
    text = "De effecten zullen nog lang doorwerken. Ik bedank iedereen, namens de raad van bestuur, John Bos."
    start, end = lead_span("who", text, ["bedank"], "Wie bedankt iedereen?")
    assert text[start:end] == "John Bos"


def test_the_value_of_the_asked_year_is_the_one_in_that_years_clause():
    """Values before their year and values after it: the clause decides, not the distance to the year."""
    text = "In 2024 is deze doorberekening 15%, in 2025 wordt deze 17,5% en in 2026 gaat de doorberekening naar 20%."
    start, end = lead_span("percentage", text, ["doorberek", "2025"], "Naar welk percentage gaat het in 2025?")
    assert text[start:end] == "17,5%"
    text = "De bezuinigingen lopen op tot € 268,4 (x1.000) in 2026 en tot € 999,2 (x1.000) in 2029."
    start, end = lead_span("amount", text, ["bezuinig", "2029"], "Tot welk bedrag lopen ze op in 2029?")
    assert text[start:end].startswith("€ 999,2")


def test_values_in_a_bare_run_are_no_lead():
    """A chart legend keeps its labels and its values apart ("... Taken derden 1% 6% 93%"): the text does not say
    which value is the inwonerbijdrage, so no value leads; a value the sentence ties to its words still does."""
    legend = "Baten per financieringsbron Inwoner bijdrage Plustaken gemeenten Taken derden 1% 6% 93%"
    question = "Hoeveel procent van de baten komt uit de inwonerbijdrage?"
    assert lead_span("percentage", legend, terms(question), question) is None
    # nor the amounts a count question falls back to when the sentence holds no count
    assert lead_span("count", "Voordeel Wmo Jeugd € 26k € 30k", ["voordel"], "Hoeveel houden we over?") is None
    tied = "Van de baten komt 6% uit de inwonerbijdrage en 93% uit taken derden."
    start, end = lead_span("percentage", tied, terms(question), question)
    assert tied[start:end] == "6%"


def test_the_unit_of_a_tables_amounts_is_no_count():
    """ "(bedragen x € 1.000)" states the unit; read without its euro sign "1.000" looked like a count."""
    question = "Hoeveel projecten telt het fonds?"
    assert lead_span("count", "Het fonds (bedragen x € 1.000) is groot.", terms(question), question) is None
    text = "Het fonds (bedragen x € 1.000) telt 14 projecten."
    start, end = lead_span("count", text, terms(question), question)
    assert text[start:end] == "14 projecten"


def test_a_season_with_its_article_is_one_date():
    sentence = "Na de zomer 2025 wordt de vernieuwde woonzorgvisie verwacht."
    span = lead_span("date", sentence, ["woonzorgvisie"], "Wanneer komt de woonzorgvisie?")
    assert span is not None and sentence[span[0] : span[1]] == "Na de zomer 2025"


@pytest.mark.parametrize(
    ("sentence", "acronym", "expansion"),
    [
        ("ZONL Zorggroep Oude en Nieuwe Land", "ZONL", "Zorggroep Oude en Nieuwe Land"),  # a list of abbreviations
        ("JGZ Jeugdgezondheidszorg", "JGZ", "Jeugdgezondheidszorg"),  # the letters inside one compound
        ("DTP (vaccin tegen) Difterie, tetanus, polio", "DTP", "(vaccin tegen) Difterie, tetanus, polio"),
        (
            "Overgang medewerkers Zorggroep Oude Nieuwe Land (ZONL) naar GGD Flevoland",
            "ZONL",
            "Zorggroep Oude Nieuwe Land",
        ),
        (
            "Sinds 2017 zetten we de SOJ (Specialistische ondersteuner jeugd) in.",
            "SOJ",
            "Specialistische ondersteuner jeugd",
        ),
        ("GGD Flevoland voert de wettelijke taken uit.", "GGD", None),  # uses the abbreviation, spells out nothing
        ("De kosten van de RAV (zie bijlage) stijgen.", "RAV", None),
    ],
)
def test_what_an_abbreviation_stands_for(sentence: str, acronym: str, expansion: str | None):
    span = acronym_expansion(sentence, acronym)
    assert (sentence[span[0] : span[1]] if span else None) == expansion


def test_an_abbreviation_question_leads_with_what_it_stands_for():
    question = "Waar staat de afkorting ZONL voor?"
    assert asked_acronym(question) == "ZONL"
    assert asked_acronym("Wat is Buurtgezinnen?") is None and asked_acronym("Wat betekent Wmo?") is None
    sentence = "ZONL Zorggroep Oude en Nieuwe Land"
    span = lead_span("definition", sentence, ["zonl"], question)
    assert span is not None and sentence[span[0] : span[1]] == "Zorggroep Oude en Nieuwe Land"
    assert (
        lead_span("definition", "Algemene voorzieningen zijn diensten voor iedereen.", ["voorzien"], "Wat is dat?")
        is None
    )
