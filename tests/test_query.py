"""Unit tests for ``assistant.query`` (no model): question kinds, focus terms and multi-part splitting."""

from __future__ import annotations

import pytest

from assistant.query import Scope, analyse, named_part, quantity_nouns, question_kind, source_years, split_parts
from assistant.schema import Chunk


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
        ("Voor welke jaren loopt het akkoord?", "date"),
        ("Over welke periode gaat de evaluatie?", "date"),
        # "Hoe verhoudt X zich tot ...": what is compared says the kind, "hoe" does not.
        ("Hoe verhoudt zich dat tot de datum waarop de gemeenten het overnamen?", "date"),
        ("Hoe verhoudt het aantal cliënten zich tot 2023?", "count"),
        ("Hoe verhoudt de afwijking bij Jeugd zich tot die bij de Wmo?", "how"),
        ("Wie voert de ouderschapsbemiddeling uit?", "who"),
        ("Met welke organisatie werkt de gemeente samen?", "who"),
        ("Waarom blijven de uitgaven zo hoog?", "why"),
        ("Hoeveel gaat het toezicht op kinderopvang in 2026 kosten?", "amount"),
        ("Hoeveel gaf de GGD in 2022 uit aan de algemene gezondheidszorg?", "amount"),
        ("Hoeveel investering vraagt de plateau-aanpak?", "amount"),  # a noun of money, singular
        ("Hoeveel investeringen zijn er in 2023 gedaan?", "count"),  # plural: how many of them
        ("Hoeveel procent weken de kosten af van de begroting?", "percentage"),
        ("Wat is volgens het beleidsplan de oorzaak dat overgewicht vaker voorkomt?", "why"),
        ("Wat is de redenering achter het plan?", "definition"),
        ("jaarbudget schakelteam Stedenwijk?", "amount"),  # typed as a few words: the quantity noun says it
        ("reserves GGD eind 2023?", "amount"),
        ("aantal respondenten uit Zwolle in de burgerpeiling?", "count"),
        ("Buurtgezinnen in Wijchen", "fact"),
        ("Hoe helpt de gemeente ouders in een vechtscheiding?", "how"),
        ("Wat doet de gemeente tegen eenzaamheid?", "how"),
        ("Wat is Buurtgezinnen?", "definition"),
        ("Waar staat ZONL voor in de begroting?", "definition"),  # what it stands for, not where
        ("Waar is RAK een afkorting van?", "definition"),
        ("Waar staat het nieuwe gezondheidscentrum?", "where"),
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
    # A question word with its preposition opens the second question too.
    parts = split_parts("Wanneer is het plan vastgesteld, en via welke organisatie wordt bemiddeling ingezet?")
    assert [p.kind for p in parts] == ["date", "who"]
    assert len(split_parts("Hoeveel geld kreeg de GGD en tot welk bedrag steeg de bijdrage?")) == 2
    # After a comma the question word may come a few words in; without one "en" joins two nouns of one question.
    parts = split_parts("Wanneer kwam de subsidie, en met subsidie van welke organisatie komt de huiskamer?")
    assert [p.kind for p in parts] == ["date", "who"]
    assert len(split_parts("Hoeveel kinderen en jongeren in welke wijken krijgen hulp?")) == 1


def test_a_referring_count_counts_what_the_part_it_refers_to_counts():
    first, second = split_parts("Hoeveel poolmiddelen hebben Druten en Wijchen nu, en hoeveel komen er bij?")
    assert first.counted == second.counted == "poolmiddel"
    assert split_parts("Hoeveel spreekuren waren er, en hoeveel gesprekken waren eenmalig?")[1].counted == "gesprek"


def test_a_later_part_with_a_subject_of_its_own_that_points_back_refers_back():
    first, second = split_parts("Hoeveel deelnemers had het atelier, en welke interventies zijn daar uit gekomen?")
    assert not first.depends_on_earlier and second.depends_on_earlier
    again = split_parts("Houden we in 2025 geld over op de Wmo, en hoeveel?")[1]
    assert not again.depends_on_earlier  # asks the same again


def test_parallel_parts_borrow_the_predicate():
    first, second = split_parts("Hoeveel vrouwen en hoeveel mannen krijgen dementie?")
    assert "dementie" in first.focus and "vrouw" in first.focus and "mann" in second.focus


def test_a_comparison_with_a_year_or_a_gemeente_is_two_questions():
    """Each value stands in its own sentence ("... verblijven er 32 in Wijchen. In 2023 waren dat er 38.")."""
    parts = [p.text for p in split_parts("Hoeveel meldingen waren er in 2024 vergeleken met 2023?")]
    assert parts == ["Hoeveel meldingen waren er in 2024?", "Hoeveel meldingen waren er in 2023?"]
    clients = split_parts("Hoeveel cliënten verblijven in Wijchen, vergeleken met 2023?")
    assert [p.years for p in clients] == [(), ("2023",)]
    places = [p.text for p in split_parts("Hoeveel inwoners heeft Druten ten opzichte van Wijchen?")]
    assert places == ["Hoeveel inwoners heeft Druten?", "Hoeveel inwoners heeft Wijchen?"]
    assert len(split_parts("Hoeveel meldingen waren er in 2024?")) == 1


def test_how_one_thing_relates_to_another_is_two_questions():
    """ "Hoe verhoudt X zich tot Y": the two values, each found in its own sentence; "die bij ..." is X's thing."""
    parts = split_parts("Hoe verhoudt de verwachte afwijking bij Jeugd zich tot die bij de Wmo voor 2025?")
    assert [p.text for p in parts] == [
        "De verwachte afwijking bij Jeugd 2025?",
        "De verwachte afwijking bij de Wmo voor 2025?",
    ]
    places = [p.text for p in split_parts("Hoe verhoudt het aantal cliënten in Wijchen zich tot dat in Druten?")]
    assert places == ["Het aantal cliënten in Wijchen?", "Het aantal cliënten in Druten?"]
    assert [p.years for p in split_parts("Hoe verhoudt het aantal cliënten zich tot 2023?")] == [(), ("2023",)]
    # a comparison with a thing that is no value of its own stays one question
    assert len(split_parts("Hoe verhouden de kosten van de Wmo zich tot de begroting?")) == 1


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


@pytest.mark.parametrize(
    ("question", "measured"),
    [
        ("Hoeveel bedroegen de gerealiseerde personeelskosten van GGD Flevoland in 2024?", "personeelskost"),
        ("Hoeveel zijn de begrote baten derden voor Algemene gezondheidszorg in 2026?", "derd"),
        ("Hoeveel kost de proeftuin Buurtgezinnen in Wijchen per jaar?", "proeftuin"),  # a name is not the quantity
        ("Wat is de begrote eindstand van het investeringsfonds in 2027?", "eindstand"),
        ("Hoeveel inwoners heeft Lelystad?", ""),  # a counted noun, no measured subject
        ("Hoe hoog is het voorbereidingskrediet voor de nieuwbouw van de school?", "voorbereidingskrediet"),
    ],
)
def test_the_measured_quantity_is_the_subject_of_a_verb_of_measure(question: str, measured: str):
    assert analyse(question).measured == measured


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("Hoeveel fte zet de GGD volgens de begroting 2026 in op Toezicht?", ("2026",)),
        ("Hoeveel overige bedrijfskosten waren er in de GGD-begroting 2025 begroot voor 2025?", ("2025",)),
        ("Wat is volgens de bestuursrapportage januari t/m augustus 2024 het saldo?", ("2024",)),
        ("Wat staat er in het beleidsplan 2025-2028 over eenzaamheid?", ("2025", "2028")),
        ("Hoeveel inwoners had Almere in 2024?", ()),  # a year asked about, no document named
        ("Wat kost het Regioprogramma Jeugd 2023-2028?", ()),  # "programma" inside a name is not a source
    ],
)
def test_years_that_name_the_source(question: str, years: tuple[str, ...]):
    assert source_years(question) == years


def _chunk(doc_type: str, title: str, section: str = "") -> Chunk:
    return Chunk("c", "d", title, doc_type, "", "", (), 1, 1, section, 0, 4, "text", 0)


def test_the_named_source_is_a_document_of_that_kind_and_year_or_a_part_of_a_bundle():
    scope = analyse("Wat waren volgens de GGD-begroting 2025 de overige bedrijfskosten?").scope
    assert scope == Scope(("begroting",), ("2025",)) and scope.active
    assert scope.matches(_chunk("begroting", "Begroting 2025"))
    assert not scope.matches(_chunk("begroting", "Begroting 2026"))
    assert scope.matches(_chunk("bestuursrapportage", "Bundel AB", "Begroting 2025 versie 0.3 > 7. Financiën"))
    assert not scope.matches(_chunk("jaarstukken", "Jaarstukken 2025"))
    assert not analyse("Hoeveel inwoners had Almere in 2024?").scope.active


def test_a_source_named_by_its_date_is_preferred_and_its_year_is_not_asked():
    query = analyse("Wat staat er over mantelzorg in de informatienota van 27 mei 2025?")
    assert query.focus == ("mantelzorg",) and query.years == () and query.doc_types == ("informatienota",)
    assert query.scope.days == ("2025-05-27",)
    nota = Chunk("c", "d", "Eerste informatienota", "informatienota", "2025-05-27", "", (), 1, 1, "", 0, 4, "text", 0)
    other = Chunk("c", "e", "Robuust sociaal team", "informatienota", "2025-05-20", "", (), 1, 1, "", 0, 4, "text", 0)
    assert query.scope.matches(nota) and not query.scope.matches(other)
    # A year asked besides the date is still asked.
    assert analyse("Hoeveel houden we in 2025 over volgens de informatienota van 27 mei 2025?").years == ("2025",)


def test_the_named_source_is_not_what_the_answer_must_be_about():
    query = analyse("Hoeveel fte zet de GGD volgens de begroting 2026 in op Toezicht?")
    assert "toezicht" in query.focus and "fte" in query.focus
    assert "begrot" not in query.focus and "2026" not in query.focus  # the scope checks those
    # The subject of the question is no source: "Wanneer is de begroting 2025 vastgesteld?" is about the begroting.
    assert "begrot" in analyse("Wanneer is de begroting 2025 vastgesteld?").focus


def test_phrases_that_say_about_are_no_focus_terms():
    """ "op het gebied van alcohol": the passage need not say "gebied", it must say "alcohol"."""
    assert analyse("Wat wil de gemeente bereiken op het gebied van alcohol?").focus == ("bereik", "alcohol")
    assert "betreft" not in analyse("Wat doet de gemeente wat betreft mantelzorg?").focus
    assert analyse("Wat verstaat het beleidsplan onder een inclusieve samenleving?").focus == ("inclusiev", "samenlev")


def test_a_kind_of_document_is_the_source_only_right_after_a_word_that_makes_it_one():
    assert analyse("Welk doel voor 2040 noemt het beleidsplan bij GALA?").doc_types == ("beleidsplan",)
    assert analyse("Hoeveel is volgens de begroting 2026 begroot voor jeugd?").doc_types == ("begroting",)
    # a visie is what is asked for here, and "in" belongs to "in Wijchen"
    assert analyse("Wanneer komt de bijgewerkte visie op wonen en zorg in Wijchen?").doc_types == ()


def test_a_later_part_with_its_own_subject_is_searched_on_its_own():
    _, second = split_parts("Wanneer zijn de proeftuinen gestart, en sinds wanneer draaien de schakelteams?")
    assert "proeftuin" not in second.focus and "schakelteam" in second.focus
    _, money = split_parts("Met hoeveel geld wordt het fonds gevuld, en waar komt dat geld vandaan?")
    assert "fond" in money.focus  # "dat geld" points back to the fund


def test_the_role_whose_holder_a_who_question_asks():
    assert analyse("Wie is de projectleider van het Regionaal Actieplan?").role == "projectleider"
    assert analyse("Wie voert de ouderschapsbemiddeling uit?").role == ""
    assert analyse("Wie is portefeuillehouder van het raadsvoorstel?").role == "portefeuillehouder"
    # without an article an adjective or participle is no role
    assert analyse("Wie is verantwoordelijk voor de uitvoering?").role == ""
    assert analyse("Wie is betrokken bij het plan?").role == ""
    assert analyse("Wie is er aanspreekpunt?").role == ""
    # a place or body may stand before the role
    assert analyse("Wie is in Wijchen de wethouder voor het sociaal domein?").role == "wethouder"
    assert analyse("Wie was bij de GGD de directeur?").role == "directeur"
    assert analyse("Wie is bij de gemeente verantwoordelijk voor de Wmo?").role == ""


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("Welke panden huurt of gebruikt Collectie Overijssel?", "pand"),
        ("Wat zijn de vijf hoofddoelen van het Regionaal Kader?", "hoofddoel"),
        ("Welke nieuwe activiteiten zijn er voor ouderen?", "activiteit"),
        ("Noem de kernwaarden van de organisatie.", "kernwaard"),
        ("Welke voorbeelden van maatschappelijke druk noemt de nota?", ""),  # names no kind of thing
        ("Welke besluiten nam het college in 2023 over sport?", ""),  # every item of a besluitenlijst is one
        ("Hoeveel panden huurt Collectie Overijssel?", ""),  # no list question
    ],
)
def test_the_noun_a_list_question_enumerates(question: str, listed: str):
    assert analyse(question).listed == listed


def test_the_adjective_of_a_gemeente_is_asked_as_the_gemeente():
    query = analyse("Hoeveel gaf Collectie Overijssel in 2023 van de Zwolse subsidie uit aan huur?")
    assert "Zwolle" in query.names and "zwols" not in query.focus
    assert "Nederlandse" in analyse("Wat zegt de Nederlandse wet over jeugdhulp?").names


def test_a_number_asked_in_a_second_part_is_of_the_year_the_first_part_sets():
    first, second = split_parts(
        "Hoeveel klachten kreeg Collectie Overijssel in 2023 en hoeveel meldingen bij de vertrouwenspersoon?"
    )
    assert first.years == second.years == ("2023",)
    _start, why = split_parts("Hoeveel gezinnen deden in 2024 mee en waarom zoekt de gemeente meer steungezinnen?")
    assert why.years == ()  # not a number, and a subject of its own: no time frame borrowed


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("Hoeveel inwoners telt de regio volgens de tabel 'Kerncijfers'?", ("kerncijfer",)),
        ("Wat is het saldo volgens het overzicht investeringen van de jaarrekening?", ("invester",)),
        ("Hoe hoog is de ratio in de paragraaf weerstandsvermogen en risicobeheersing?", ("weerstandsvermog",)),
        ("Welk bedrag staat volgens de financiële kerncijfers voor 2024?", ("kerncijfer", "financiel")),
        # "in/uit de" without the word for a part names the subject: "in de wijk", "uit de inwonerbijdrage".
        ("Wat is de kern van de werkwijze van Samen Sterker in de Wijk?", ()),
        # A named document, a gemeente, a time: no part of a document.
        ("Hoeveel kost de Wmo volgens de begroting 2026?", ()),
        ("Hoeveel mensen kregen in de gemeente Zwolle een indicatie?", ()),
        ("Wat is er in de afgelopen jaren veranderd?", ()),
    ],
)
def test_a_named_part_of_a_document_is_read_up_to_where_the_question_goes_on(question: str, part: tuple[str, ...]):
    assert named_part(question) == part
    assert analyse(question).scope.part == part


@pytest.mark.parametrize(
    ("text", "nouns"),
    [
        ("Wat was de stand van de reserve eind 2023?", ("stand", "reserve")),
        ("Wat is de stand van zaken rond de Wmo?", ()),  # a state of affairs, not a balance
        ("stand van zaken schuldhulp?", ()),
        ("Digitale dienstverlening", ()),  # a service, not a loan ("lening")
        ("Voorwaarden subsidie", ("subsidie",)),  # a condition, not a value ("waarde")
        ("Boekwaarde geldlening", ("Boekwaarde", "geldlening")),
    ],
)
def test_quantity_nouns_are_the_heads_of_money_words_only(text: str, nouns: tuple[str, ...]):
    assert quantity_nouns(text) == nouns


def test_a_value_asked_for_two_years_is_one_part_per_year():
    parts = split_parts("Naar welk percentage gaat het overheadpercentage op plustaken in 2025 en in 2026?")
    assert [p.text for p in parts] == [
        "Naar welk percentage gaat het overheadpercentage op plustaken in 2025?",
        "Naar welk percentage gaat het overheadpercentage op plustaken in 2026?",
    ]
    assert [p.years for p in parts] == [("2025",), ("2026",)]
    # A list asked about two years is about them together.
    assert len(split_parts("Welke activiteiten waren er in 2022 en 2023?")) == 1
