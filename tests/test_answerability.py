"""Unit tests for ``assistant.answerability`` (no model): the evidence checks that decide whether to answer."""

from __future__ import annotations

import pytest

from assistant.answerability import SYNONYM_WEIGHT, Thesaurus, Vocabulary, check, has_fact, swaps_partner
from assistant.query import analyse
from assistant.text import terms

CORPUS = (
    "Het sociaal team bestaat uit ongeveer 35 medewerkers. Hier doen 11 gemeenten aan mee. "
    "De wachttijden voor jeugdhulp zijn gedaald. De raad stelde het plan in december 2023 vast. "
    "Zorg en appartementen voor ouderen in Wijchen en Druten."
)
VOCAB = Vocabulary({t: 1 for t in terms(CORPUS)})


@pytest.mark.parametrize(
    ("kind", "sentence", "expected"),
    [
        ("count", "Het team telt 35 medewerkers.", True),
        ("count", "Het team is in 2024 gestart.", False),  # a year is not a count
        ("count", "Er zijn twaalf steungezinnen.", True),
        ("amount", "Het tekort is € 464k.", True),
        ("amount", "Het tekort is groot.", False),
        ("amount", "Een bezuinigingstaak van 10% per jaar.", True),  # the size of an amount as a share
        ("percentage", "Het aandeel steeg naar 12%.", True),
        ("date", "De pilot start in maart.", True),
        ("date", "De pilot start binnenkort.", False),
        ("duration", "De wachttijd is 8 weken.", True),
        ("who", "De uitvoering ligt bij stichting MeerVoormekaar.", True),
        ("who", "de uitvoering ligt bij een stichting.", False),
        ("how", "Wat dan ook.", True),  # no typed requirement
        # "waarom": a reason, a purpose or someone's account after a colon; a sentence restating the topic is none
        ("why", "Hij geeft aan dat gemeente Zeewolde deze taak heeft belegd bij Noordwest-Veluwe.", False),
        ("why", "De kosten stijgen omdat de tarieven stijgen.", True),
        ("why", "De kosten stijgen, want de groepen worden kleiner.", True),
        ("why", "Om de wachttijd te verkorten, zetten we een POH in.", True),
        ("why", "Er is niet gewerkt met een klankbordgroep: “Er is een verschil in werkwijze.", True),
        # what was decided or chosen ("besloten om ... te") and by what means ("door te ...") are no reason
        ("why", "De gemeente heeft destijds besloten om een eigen aanpak op te zetten.", False),
        ("why", "Het college heeft gekozen om de pilot te verlengen.", False),
        ("why", "We verminderen overgewicht door te focussen op bewegen en gezonde voeding.", False),
        ("why", "De wachttijd daalt door de inzet van extra consulenten.", True),
    ],
)
def test_has_fact(kind: str, sentence: str, expected: bool):
    assert has_fact(kind, sentence) is expected


def test_known_terms_include_compounds():
    assert VOCAB.known("medewerker")
    assert VOCAB.known("jeugd")  # part of "jeugdhulp"
    assert VOCAB.known("zorgappartement")  # compound of two corpus words
    assert not VOCAB.known("parkeervergunning")


def test_a_count_question_is_not_answered_by_a_sentence_without_a_number():
    query = analyse("Hoeveel medewerkers heeft het sociaal team?")
    assert check(query, "Het sociaal team bestaat uit ongeveer 35 medewerkers.", "", VOCAB).fits
    assert not check(query, "Het sociaal team wordt versterkt met nieuwe medewerkers.", "", VOCAB).fits


def test_year_and_place_must_match():
    query = analyse("Hoeveel gemeenten deden mee in 2023?")
    assert not check(query, "In 2025 doen 11 gemeenten mee.", "", VOCAB).years_ok
    assert check(query, "In 2023 doen 11 gemeenten mee.", "", VOCAB).years_ok
    assert check(query, "Er doen 11 gemeenten mee.", "Programma 2022-2026", VOCAB).years_ok  # a span holds 2023
    druten = analyse("Hoeveel inwoners van Druten zijn eenzaam?")
    assert not check(druten, "In Wijchen zijn 1.200 inwoners eenzaam.", "", VOCAB, places=("Druten",)).places_ok
    assert check(druten, "In Druten zijn 800 inwoners eenzaam.", "", VOCAB, places=("Druten",)).places_ok


def test_a_question_about_a_month_needs_a_passage_of_that_month():
    query = analyse("Welke besluiten nam het college in januari 2022 over de Omgevingswet?")
    assert query.months == ("2022-01",)
    sentence = "De Eerste wijziging van de Algemene plaatselijke verordening 2022 vast te stellen."
    assert not check(query, sentence, "", VOCAB, date="2023-05-16").years_ok  # "2022" names a regulation
    assert check(query, sentence, "", VOCAB, date="2022-01-18").years_ok  # the meeting was in that month
    assert check(query, "In januari 2022 is de Omgevingswet besproken.", "", VOCAB, date="2023-05-16").years_ok
    assert analyse("Wat besloot het college op 9 juli 2024?").months == ()  # a day, not a month


def test_a_question_word_is_covered_by_the_documents_synonym_with_less_weight():
    thesaurus = Thesaurus.load()
    question = analyse("Wat wil de gemeente bereiken voor mensen die voor een zieke naaste zorgen?")
    asked = set(terms(question.text))
    written = set(terms("Mantelzorgers voelen zich gehoord en gewaardeerd."))
    assert thesaurus.covered("ziek", asked, written) == SYNONYM_WEIGHT  # "zieke naaste" asked, "mantelzorgers" written
    assert thesaurus.covered("ziek", asked, set(terms("Zieke bomen worden gekapt."))) == 0.0
    # A phrase counts only when the question uses all of it: "naaste" alone is not "mantelzorg".
    assert thesaurus.alternatives("naast", set(terms("Wie is de naaste buur van het raadhuis?"))) == []
    with_synonym = check(question, "Mantelzorgers voelen zich gehoord en gewaardeerd.", "", VOCAB)
    without = check(question, "Bomen worden gekapt.", "", VOCAB)
    assert with_synonym.coverage > without.coverage


def test_a_table_row_answers_for_its_own_places_not_every_gemeente_of_the_document():
    query = analyse("Hoeveel inwoners heeft Lelystad?")
    row = "Inwonerbijdrage per gemeente — Almere — inwoners: 226.438; bijdrage: 6.947"
    context = "Begroting 2026 Almere Dronten Lelystad Zeewolde"  # the document names every gemeente of the region
    seen = check(query, row, context, VOCAB, places=("Lelystad",), row_context="4. Financiën Begroting 2026")
    assert not seen.places_ok
    lelystad = row.replace("Almere", "Lelystad")
    assert check(query, lelystad, context, VOCAB, places=("Lelystad",), row_context="Begroting 2026").places_ok


def test_a_row_that_prints_the_short_name_of_the_asked_gemeente_answers_for_it():
    """A regional body prints "NOP" in its plustaken rows; the raadslid asks about the Noordoostpolder."""
    query = analyse("Wat is de prognose 2024 voor Nu Niet Zwanger in de Noordoostpolder?")
    row = "Overzicht plustaken — Nu Niet Zwanger NOP gb — Realisatie 2023: 20.296; Prognose 2024: 33.634"
    seen = check(query, row, "", VOCAB, places=("Noordoostpolder",), row_context="Bijlage 1")
    assert seen.places_ok and "noordoostpolder" not in seen.missing
    urk = check(query, row.replace("NOP", "Urk"), "", VOCAB, places=("Noordoostpolder",), row_context="Bijlage 1")
    assert not urk.places_ok


def test_coverage_and_silent_terms():
    query = analyse("Hoeveel kost een parkeervergunning voor medewerkers?")
    evidence = check(query, "Het sociaal team bestaat uit ongeveer 35 medewerkers.", "", VOCAB)
    assert evidence.missing == evidence.silent == ("parkeervergunn",)
    assert 0 < evidence.coverage < 1
    full = check(
        analyse("Hoeveel medewerkers heeft het sociaal team?"), "Het sociaal team telt 35 medewerkers.", "", VOCAB
    )
    assert full.coverage == 1.0 and not full.silent


def test_a_table_row_states_an_amount_in_the_unit_of_its_caption():
    vocab = Vocabulary(terms("baten gemeente deventer realisatie begroting"))
    query = analyse("Wat waren de baten van de gemeente Deventer in 2022?")
    assert query.kind == "amount"
    row = "Baten en Lasten — Baten GR Gemeente Deventer — Realisatie 2023: 1.243; Realisatie 2022: 1.207"
    assert check(query, row, "", vocab).typed
    assert not check(query, "De baten van Deventer stegen in 2022.", "", vocab).typed  # no number: no amount


def test_a_year_that_names_the_source_is_the_documents_not_a_column_of_the_row():
    vocab = Vocabulary(terms("fte toezicht begroting ggd"))
    query = analyse("Hoeveel fte zet de GGD volgens de begroting 2026 in op Toezicht?")
    row = "Fte’s — Toezicht — FTE: 18"
    assert check(query, row, "", vocab, row_context="5. Publieke gezondheid Begroting 2026").years_ok
    assert not check(query, row, "", vocab, row_context="4. Financiën Begroting 2025").years_ok
    # A year named twice is asked too: the row must have that column.
    twice = analyse("Wat waren de overige bedrijfskosten in de begroting 2025 voor 2025?")
    costs = "Lasten — Overige bedrijfskosten — realisatie 2024: 17.545; begroting 2026: 11.198"
    assert not check(twice, costs, "", vocab, row_context="Begroting 2025").years_ok
    # The row's own label may name it ("voorgestelde storting begroting 2026" in a raadsvoorstel); a column may not.
    via = analyse("Welk bedrag staat bij de voorgestelde storting volgens de begroting 2026 in het fonds?")
    storting = "toelichting — voorgestelde storting begroting 2026 — 2025: 8.700"
    assert check(via, storting, "", vocab, row_context="Raadsvoorstel Stevige Lokale Teams").years_ok
    column = "Lasten — Voorgestelde storting — begroting 2026: 8.700"
    assert not check(via, column, "", vocab, row_context="Begroting 2025").years_ok


def test_a_table_that_names_no_year_speaks_for_the_year_of_its_document():
    vocab = Vocabulary(terms("huren subsidie zwolle museale collectie jaarstukken"))
    query = analyse("Hoeveel ging er in 2023 van de subsidie van Zwolle naar huren?")
    row = "Subsidie verantwoording Zwolle — Huren — Museale Collectie: -89"
    assert check(query, row, "", vocab, row_context="Bijlagen Jaarstukken 2023").years_ok
    assert not check(query, row, "", vocab, row_context="Bijlagen Jaarstukken 2022").years_ok
    # A row with years of its own answers for those only, whatever its document's year.
    dated = "Subsidie verantwoording Zwolle — Huren — 2022: -80"
    assert not check(query, dated, "", vocab, row_context="Bijlagen Jaarstukken 2023").years_ok


def test_a_table_without_places_in_a_document_about_one_gemeente_is_about_that_gemeente():
    vocab = Vocabulary(terms("structurele dekking lagere kosten jeugdzorg"))
    query = analyse("Welke structurele dekking door lagere kosten jeugdzorg verwacht Almere in 2029?")
    row = "Investeringsplan (bedragen x € 1.000) — Structurele dekking door lagere kosten jeugdzorg — 2029: 5.200"
    context = "Stevige Lokale Teams en inzet Investeringsfonds jeugd en gezin"
    kwargs = {"places": ("Almere",), "row_context": context}
    assert check(query, row, "", vocab, doc_places=("Almere",), **kwargs).places_ok
    assert not check(query, row, "", vocab, doc_places=("Almere", "Lelystad"), **kwargs).places_ok
    assert not check(query, row, "", vocab, doc_places=("Lelystad",), **kwargs).places_ok


def test_a_sentence_without_a_year_goes_on_about_the_year_of_its_paragraph():
    query = analyse("Hoeveel van de gesprekken met mantelzorgers waren in 2024 eenmalig?")
    sentence = "20 gesprekken waren éénmalig."
    paragraph = "In 2024 vonden er 121 individuele gesprekken met mantelzorgers plaats. "
    assert check(query, sentence, "", VOCAB, paragraph=paragraph).years_ok
    assert not check(query, sentence, "", VOCAB).years_ok
    # a sentence that names a year of its own speaks for that year only
    assert not check(query, "In 2023 waren 20 gesprekken éénmalig.", "", VOCAB, paragraph=paragraph).years_ok


@pytest.mark.parametrize(
    ("question", "measured", "other", "asked", "also"),
    [
        (
            "Wat is de begrote eindstand van het investeringsfonds jeugd en gezin in 2027?",
            "eindstand",
            "Investeringsplan (x € 1.000) — Dekking uit investeringsfonds jeugd en gezin — 2026: -4.000; 2027: -3.000",
            "Investeringsplan (x € 1.000) — Begrote eindstand investeringsfonds jeugd en gezin — 2026: 4.300; "
            "2027: 300",
            # a sentence of running text may name the quantity in its own words
            "In 2027 resteert naar verwachting € 300.000 in het investeringsfonds.",
        ),
        (
            # a caption naming several quantities ("Baten en Lasten") does not make every row the asked one
            "Hoe hoog waren de lasten van Collectie Overijssel in 2022 volgens de kerncijfers?",
            "last",
            "Baten en Lasten — Baten DVO Provincie Overijssel — Realisatie 2023: 631; Realisatie 2022: 613",
            "Baten en Lasten — Lasten — Realisatie 2023: -6.728; Realisatie 2022: -6.051",
            # a row naming no quantity of its own is read with its caption
            "Lasten per onderdeel — Personeel — Realisatie 2022: -4.100",
        ),
        (
            # the balance of a reserve: a column "Ult.2023" states it; a row naming a loan is another quantity
            "Wat was de stand van de bestemmingsreserve Digitale dienstverlening eind 2023?",
            "stand",
            "Eigen Vermogen — Lening digitale dienstverlening — Ult.2022: 400; Ult.2023: 687",
            "Eigen Vermogen - € '000 — Digitale dienstverlening — Ult.2022: 400; Resultaat: 287; Ult.2023: 687",
            "Bestemmingsreserves — Digitale dienstverlening — Stand 31-12-2023: 687",
        ),
    ],
)
def test_an_amount_question_is_answered_by_the_row_of_the_asked_quantity_only(
    question: str, measured: str, other: str, asked: str, also: str
):
    query = analyse(question)
    assert query.measured == measured
    assert not check(query, other, "", VOCAB).typed
    assert check(query, asked, "", VOCAB).fits
    assert check(query, also, "", VOCAB).typed


def test_a_day_of_a_month_is_not_a_count():
    """ "Hoe hoog is het krediet?" is not answered by "naar aanleiding van het raadsbesluit van 5 maart 2025"."""
    assert not has_fact("count", "Beantwoording brieven n.a.v. raadsbesluit 5 maart 2025")
    assert has_fact("count", "In maart kwamen 5 meldingen binnen.")


def test_a_compound_the_text_says_in_two_words_is_known_and_half_found():
    """ "planschadevergoeding" where the besluitenlijst says "tegemoetkoming in planschade ... te vergoeden"."""
    from assistant.answerability import term_found

    stems = set(terms("De planschade van € 1.500 aan de verzoeker te vergoeden."))
    (asked,) = terms("planschadevergoeding")
    assert term_found(asked, stems) == 0.5
    assert Vocabulary({t: 1 for t in stems}).known(asked)  # not a word the corpus never uses
    assert not Vocabulary({t: 1 for t in stems}).known(terms("parkeervergunning")[0])
    assert term_found(asked, set(terms("De planschade is beoordeeld."))) == 0.0  # one part is not the compound


def test_the_head_of_a_compound_alone_is_half_found():
    """ "meldingsfrequentie" asked, a row "Ziekteverzuim frequentie" written: the same sort of thing, less precisely;
    the first part alone ("melding") is another thing, and a short head ("zorg") says too little."""
    from assistant.answerability import term_found

    (asked,) = terms("meldingsfrequentie")
    assert term_found(asked, set(terms("Ziekteverzuim frequentie 2021"))) == 0.5
    assert term_found(asked, set(terms("Aantal meldingen 2021"))) == 0.0
    (care,) = terms("mantelzorg")
    assert term_found(care, set(terms("Zorg voor ouderen"))) == 0.0


def test_a_sentence_with_a_year_of_its_own_does_not_answer_for_a_year_its_title_spans():
    query = analyse("Hoe hoog wordt de eigen bijdrage voor de Wmo in 2026?")
    sentence = "Sinds 2020 betalen Wmo-cliënten een eigen bijdrage van maximaal € 20,60 per maand."
    title = "Beleidsplan Wmo, Jeugd en Gezondheid 2025-2028"
    assert not check(query, sentence, title, VOCAB).years_ok
    assert check(query, "Een eigen bijdrage van maximaal € 20,60 per maand.", title, VOCAB).years_ok


@pytest.mark.parametrize(
    ("question", "other", "asked"),
    [
        (  # a number that shares only the name and the year is another quantity
            "Hoeveel is er in 2023 toegevoegd aan de voorziening organisatie van Collectie Overijssel?",
            "Financieel sluit Collectie Overijssel 2023 af met een exploitatieresultaat van € 137.000,-.",
            "In 2023 is 38 toegevoegd aan de voorziening organisatie.",
        ),
        (  # who holds a role: a sentence that names the role
            "Wie is de projectleider van het Regionaal Actieplan Dak- en thuisloosheid?",
            "In de regio Gelderland Zuid wordt een Regionaal Actieplan Dak- en thuisloosheid opgesteld.",
            "Projectleider van het Regionaal Actieplan is Anna de Vries.",
        ),
        (  # a code in the question must be in the passage
            "Wat zijn de lasten op taakveld 6.81a Beschermd wonen in de begroting 2026?",
            "Bedragen (x €1.000) — 6.81b Maatschappelijke Opvang — Baten: 4.815; Begroting 2026 Lasten: 3.896",
            "Bedragen (x €1.000) — 6.81a Beschermd wonen — Baten: 1.200; Begroting 2026 Lasten: 1.100",
        ),
        (  # a plan identification asked without its prefix is the end of the dotted one in the text
            "Om welk bestemmingsplan gaat plan-ID BPKLSTOEPHOUT-VG01?",
            "Het bestemmingsplan met planidentificatie NL.IMRO.0629.BPKLSTOEPHOUTX-VG01 vast te stellen.",
            "Het bestemmingsplan met planidentificatie NL.IMRO.0629.BPKLSTOEPHOUT-VG01 vast te stellen.",
        ),
        (  # a row that shares only the year with a telegraphic question is another quantity of the table
            "netto schuldquote ggd 2027?",
            "Vaste Passiva — Vaste schuld — T+1 2026: -351; T+2 2027: -351",
            "Kengetallen — Netto schuldquote — T+1 2026: 41%; T+2 2027: 45%",
        ),
        (  # a month is when, as a year is: a percentage of that month about something else is another quantity
            "Hoeveel procent weken de kosten tot en met augustus 2024 af van de begroting voor Dronten?",
            "Percentage A1 ritten binnen kwartier Dronten augustus 2024 93%",
            "De kosten in Dronten weken tot en met augustus 2024 8% af van de begroting.",
        ),
        (  # a row that counts does not answer a question about money
            "Hoeveel gaat het toezicht op de Wmo in 2026 kosten?",
            "Indicator — Aantal gemelde calamiteiten Toezicht WMO — 2025 begroting: 20; 2026 begroting: 20",
            "Bedragen (x €1.000) — Kosten Toezicht WMO — 2025 begroting: 2.100; 2026 begroting: 2.216",
        ),
        (  # the same frame with another word in the asked word's place: another fund
            "Hoeveel geld zit er in het Investeringsfonds jeugd en onderwijs?",
            "Er gaat € 1.700.000 naar het Investeringsfonds jeugd en gezin.",
            "Er gaat € 1.700.000 naar het Investeringsfonds jeugd en onderwijs.",
        ),
    ],
    ids=["another-quantity", "role", "code", "plan-id", "telegraphic-row", "month", "count-row", "swapped-partner"],
)
def test_a_sentence_of_the_asked_kind_about_something_else_is_no_evidence(question: str, other: str, asked: str):
    query = analyse(question)
    assert not check(query, other, "", VOCAB).typed
    assert check(query, asked, "", VOCAB).typed


def test_a_yes_no_question_about_an_outcome_needs_a_passage_that_states_it():
    query = analyse("Is de motie over statushouders op de ALV van de VNG aangenomen?")
    assert not check(query, "Motie statushouders voor ALV VNG wordt ondersteund.", "", VOCAB).typed
    assert check(query, "De ALV van de VNG heeft de motie over statushouders aangenomen.", "", VOCAB).typed
    fixed = analyse("Heeft het college de beleidsregels voor standplaatsen vastgesteld?")
    assert check(fixed, "1. De beleidsregels voor standplaatsen vast te stellen.", "", VOCAB).typed
    assert check(fixed, "Het college stelt de beleidsregels voor standplaatsen vast.", "", VOCAB).typed


def test_a_sentence_whose_only_date_is_the_day_the_question_names_does_not_say_when():
    query = analyse("Wanneer moet het voorstel gereed zijn, volgens de notulen van 10 oktober 2024?")
    assert not check(query, "Actielijst behorend bij notulen 10 oktober 2024", "", VOCAB).typed
    assert check(query, "Het voorstel over de notulen van 10 oktober 2024 is in december 2024 gereed.", "", VOCAB).typed


def test_a_year_before_its_documents_year_does_not_say_when_something_is_still_to_come():
    query = analyse("Wanneer komt de bijgewerkte woonzorgvisie?")
    past = "In 2021 is er een Woonzorgvisie ontwikkeld, deze wordt geactualiseerd."
    assert not check(query, past, "", VOCAB, date="2025-05-27").typed
    coming = "Na de zomer 2025 wordt de vernieuwde woonzorgvisie verwacht."
    assert check(query, coming, "", VOCAB, date="2025-05-27").typed
    assert check(analyse("Wanneer is de woonzorgvisie ontwikkeld?"), past, "", VOCAB, date="2025-05-27").typed


def test_a_who_question_is_not_answered_by_a_sentence_naming_only_what_the_question_names():
    query = analyse("In welke gemeenten in Flevoland was de mazelenuitbraak vooral?")
    assert not check(query, "De mazelenuitbraak was illustratief voor hoe kwetsbaar Flevoland is.", "", VOCAB).typed
    assert check(query, "De mazelenuitbraak in Flevoland trof vooral Urk en Dronten.", "", VOCAB).typed


def test_a_counted_noun_that_is_a_name_names_the_thing_counted():
    query = analyse("Hoeveel PGO's heeft de JGZ van januari t/m augustus 2024 gedaan?")
    assert check(query, "17.957 PGO’s JGZ", "", VOCAB).typed
    assert not check(query, "6.993 Vervolgconsulten JGZ", "", VOCAB).typed  # another count of the same team


def test_a_name_is_not_known_as_a_compound_of_known_words():
    vocab = Vocabulary({t: 1 for t in terms("de buurt en de ouders, buurtgezinnen")})
    assert vocab.known(terms("buurtouders")[0])  # as a word: a compound of two corpus words
    assert not vocab.known(terms("buurtouders")[0], compounds=False)  # as a name: not in the documents
    assert vocab.known(terms("buurtgezin")[0], compounds=False)


def test_a_length_of_time_is_no_count_of_the_asked_thing():
    """ "Hoe groot is het risico?" is not answered by "... in de afgelopen 2,5 jaar"; "hoeveel uur" is."""
    risk = analyse("Hoe groot schat de GGD het risico van de afrekening voor de nieuwe applicatie?")
    assert not check(risk, "Er is een afrekening over de nieuwe applicatie in de afgelopen 2,5 jaar.", "", VOCAB).typed
    assert check(
        risk, "Het risico van de afrekening voor de applicatie wordt ingeschat op 0,5-1 miljoen.", "", VOCAB
    ).typed
    hours = analyse("Hoeveel uur per week is de ervaringsdeskundige inzetbaar?")
    assert check(hours, "De inzet van de ervaringsdeskundige is 8 uur per week.", "", VOCAB).typed


def test_a_word_cut_short_in_a_label_is_no_other_partner():
    question = "Wat is de prognose voor procescoördinatie jeugd en volwassenen in Almere?"
    assert not swaps_partner(
        question, "Procescoördinatie Almere jeugd en volw. — Prognose 2025: 326.573", ["volwassen"]
    )
    assert swaps_partner(question, "Procescoördinatie Almere jeugd en gezin — Prognose 2025: 326.573", ["volwassen"])
