"""Extractive answers on the question set: right document and page cited, key fact present,
quotes verbatim, abstention on questions the documents do not answer."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from assistant.answer import (
    _DEFINES,
    Candidate,
    ExtractiveAnswerer,
    PartAnswer,
    _asks,
    _by_column,
    _continued,
    _covers,
    _has_fact,
    _holds_list,
    _lead,
    _part_question,
    _question_before,
    _repeats,
    _sentence_key,
    _with_antecedent,
    _with_quotation,
    _with_reasons,
    abbreviates,
    cell_terms,
    compose,
)
from assistant.answerability import Evidence
from assistant.query import analyse
from assistant.retrieval import BM25Index, SearchResult, Snapshot
from assistant.schema import Chunk, Hit
from assistant.settings import Settings
from assistant.text import sentence_spans

from .conftest import EERSTE, load_qa

QA = load_qa()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# Per-question accuracy is not asserted here: `tests/test_eval.py` runs the eval suite, whose
# thresholds (evals/config.toml: qa.hybrid.fact_hit, abstain_recall, false_abstain) are the one
# place where "good enough" is defined.


def test_answer_contract_and_verbatim_quotes(assistant):
    checked = 0
    for q in QA[:40]:
        answer = assistant.ask(q["question"])
        for c in answer.citations:
            assert c.quote and c.quote in c.text  # verbatim substring of its chunk
            assert f"[{c.n}]" in answer.answer
            chunk = next(h.chunk for h in answer.retrieved if h.chunk.chunk_id == c.chunk_id)
            assert chunk.text == c.text
            checked += 1
        # every marker refers to a citation that exists
        assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} == {c.n for c in answer.citations}
    assert checked >= 30


def test_campaign_question_names_source_and_date(assistant):
    answer = assistant.ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    assert "11" in answer.answer
    assert "27 mei 2025" in answer.answer and "informatienota" in answer.answer
    c = answer.citations[0]
    assert c.doc_id == EERSTE and c.page == "10" and c.zaaknummer == "Z/25/301360"
    assert "Aanbod en ontwikkelingen voor inwoners met een psychische kwetsbaarheid" in c.section
    data = answer.to_json()
    assert set(data) >= {"question", "answer", "citations", "retrieved", "abstained", "refused", "refusal_reason",
                         "timings_ms"}  # fmt: skip
    assert set(data["citations"][0]) == {"n", "chunk_id", "doc_id", "title", "doc_type", "date", "zaaknummer", "cell",
                                         "page", "section", "quote", "text"}  # fmt: skip
    assert len(data["retrieved"]) == 10 and "score" in data["retrieved"][0]
    assert data["refused"] is False and data["refusal_reason"] is None
    assert {"retrieval", "answer", "total"} <= set(data["timings_ms"])


def test_bad_questions(assistant):
    empty = assistant.ask("   ")
    assert empty.abstained and "Stel een vraag" in empty.answer
    long = assistant.ask("eenzaamheid " * 2000)
    assert "ingekort" in (long.notice or "")
    noisy = assistant.ask("Hoeveel\x00 gemeenten\t doen mee\n aan de campagne over mentale gezondheid?")
    assert "11" in noisy.answer


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(f"c{i}", "begroting", "Begroting 2026", "begroting", "2025-10-14", "", (), i, i, "", 0, len(text),
                 text, i)  # fmt: skip


def _without_model(chunks: list[Chunk], hits: list[Hit] | None = None) -> tuple[ExtractiveAnswerer, SearchResult]:
    """An answerer over ``chunks`` with a real BM25 and every stored vector zero (no model), and the search result that
    returned ``hits`` (by default every chunk), so a test measures the lexical part of the ranking alone."""
    bm25 = BM25Index(chunks)
    snapshot = Snapshot(chunks, {c.chunk_id: i for i, c in enumerate(chunks)}, bm25, None)
    result = SearchResult(
        hits if hits is not None else [Hit(c, 1.0, {}) for c in chunks], np.zeros(3), [], [], snapshot
    )
    answerer = ExtractiveAnswerer(Settings(), None, bm25, stored_vectors=lambda keys: {k: np.zeros(3) for k in keys})  # type: ignore[arg-type]
    return answerer, result


def _candidate(text: str) -> Candidate:
    return Candidate(0, _chunk(0, text), 0, len(text), 0.5, 0.5, 0.5, Evidence(1.0, (), (), True, True, True))


def test_the_lead_of_a_table_row_is_a_cell_never_the_unit_of_its_caption():
    row = "Investeringsplan jeugd en gezin (bedragen x € 1.000) — Dekking uit het fonds — 2026: -4.000; 2027: -3.000"
    assert _lead(analyse("Met hoeveel geld wordt het fonds gevuld?"), _candidate(row)) is None  # was "€ 1.000"
    lead = _lead(analyse("Met hoeveel geld wordt het fonds in 2027 gevuld?"), _candidate(row))
    assert lead is not None and row[lead[0] : lead[1]] == "-3.000"


def test_the_fact_a_few_sentences_on_in_the_paragraph_is_quoted_with_the_sentence_about_the_question():
    text = (
        "De pilot Herstelgerichte Inloop is in september 2024 opnieuw gestart. Er is gekozen voor een zorgvuldige "
        "aanpak. De pilot is met een jaar verlengd tot 31 december 2025.\n\nDe subsidie loopt tot 1 juli 2026."
    )
    chunk = _chunk(0, text)
    spans = sentence_spans(text)
    query = analyse("Tot wanneer is de pilot Herstelgerichte Inloop verlengd?")

    def cand(i: int, score: float) -> Candidate:
        a, b = spans[i]
        return Candidate(0, chunk, a, b, 0.5, 0.5, score, Evidence(0.8 if i == 0 else 0.2, (), (), True, True, True))

    candidates = [cand(0, 0.8), cand(1, 0.3), cand(2, 0.4), cand(3, 0.35)]
    out = _continued(candidates, 0.45, 0.15, lambda c: _has_fact(query, c))
    assert len(out) == 5
    added = out[-1]
    assert added.text.startswith("De pilot Herstelgerichte") and added.text.endswith("tot 31 december 2025.")
    assert added.score == 0.8  # scored as the sentence about the question
    # The lead comes from the sentence that holds the fact, not from the first date quoted with it.
    text = "In 2021 is de woonzorgvisie ontwikkeld. Die wordt herzien. Na de zomer 2025 wordt de nieuwe visie verwacht."
    first, _second, third = sentence_spans(text)
    fact = Candidate(0, _chunk(0, text), third[0], third[1], 0.5, 0.5, 0.5, Evidence(0.5, (), (), True, True, True))
    together = replace(fact, start=first[0], fact_start=third[0])
    lead = _lead(analyse("Wanneer komt de nieuwe woonzorgvisie?"), together)
    assert lead is not None and text[lead[0] : lead[1]] == "Na de zomer 2025"
    # the next paragraph never continues it
    assert not any("1 juli 2026" in c.text and c.start == spans[0][0] for c in out)


def test_a_sentence_that_states_the_fact_itself_is_not_outranked_by_a_continuation():
    """The opening of a raadsvoorstel is about the SLT but has no date; "in 2026" two sentences on would borrow its
    score, although another sentence says when the raad decides, and covers the question better on its own."""
    text = (
        "U wilt nauw betrokken worden bij de uitwerking van de Stevige Lokale Teams. Wij werken in 2026 verder aan "
        "de SLT.\n\nBegin 2027 wordt van uw raad nog een besluit gevraagd over de governance en de inkoop."
    )
    chunk = _chunk(0, text)
    query = analyse("Wanneer moet de raad nog een besluit nemen over de governance van de SLT?")
    candidates = [
        Candidate(0, chunk, a, b, 0.5, 0.5, score, Evidence(cov, (), (), fact, True, True))
        for (a, b), score, cov, fact in zip(
            sentence_spans(text), (0.55, 0.48, 0.53), (0.43, 0.3, 0.6), (False, True, True), strict=True
        )
    ]
    assert _continued(candidates, 0.45, 0.15, lambda c: _has_fact(query, c)) == candidates
    # without that sentence, the opening is quoted with the date that follows it
    assert len(_continued(candidates[:2], 0.45, 0.15, lambda c: _has_fact(query, c))) == 3


def test_a_start_question_is_answered_by_a_date_not_marked_as_an_end():
    """ "Per wanneer ...?" is answered by "gepland voor 1 januari 2026"; the next sentence's "vanaf 2025" (about the
    budget) is not attached to it as the asked start."""
    text = "Deze decentralisatie is gepland voor 1 januari 2026. Om ons voor te bereiden, krijgen we vanaf 2025 geld."
    chunk = _chunk(0, text)
    spans = sentence_spans(text)
    query = analyse("Per wanneer is de decentralisatie gepland?")
    candidates = [
        Candidate(0, chunk, a, b, 0.5, 0.5, score, Evidence(cov, (), (), True, True, True))
        for (a, b), score, cov in zip(spans, (0.8, 0.6), (0.8, 0.3), strict=True)
    ]
    assert _has_fact(query, candidates[0])
    assert _continued(candidates, 0.45, 0.15, lambda c: _has_fact(query, c)) == candidates


def test_a_part_that_refers_back_to_a_part_the_documents_do_not_answer_is_not_answered(assistant):
    """The corpus tells when the ontwikkelatelier started, not how many came nor what came out of it: the second part
    ("daar") is about the first part's subject and is not answered with the sentence that shares its words."""
    answer = assistant.ask(
        "Hoeveel bezoekers had het lokale ontwikkelatelier in Wijchen, en welke ideeën kwamen daar uit?"
    )
    assert answer.abstained, answer.answer


def test_a_part_is_labelled_as_asked_with_a_capital():
    from assistant.query import split_parts

    first, second = split_parts("Hoeveel incidenten (privacy) waren er in 2023, en via welke organisatie loopt het?")
    assert _part_question(first) == "Hoeveel incidenten (privacy) waren er in 2023?"  # its own brackets kept
    assert _part_question(second) == "Via welke organisatie loopt het?"  # not the words it is searched with


def test_a_part_does_not_quote_again_what_another_part_quotes():
    text = "Regionaal zijn de uitgaven 9% hoger. In Wijchen blijven we 8% binnen de begroting."
    used = {_sentence_key("In Wijchen blijven we 8% binnen de begroting.")}
    assert _repeats(_candidate(text), used)
    assert not _repeats(_candidate("Regionaal zijn de uitgaven 9% hoger."), used)


def test_the_answerer_also_reads_the_best_bm25_passages_the_fused_top_left_out():
    """No model: a table row that dense similarity ranks low is read when BM25 puts it first."""

    texts = [f"De GGD werkt aan gezondheid in paragraaf {i}." for i in range(8)]
    texts.append("Lasten — Personeelskosten — realisatie 2024: 51.660; begroting 2025: 55.990")
    chunks = [_chunk(i, t) for i, t in enumerate(texts)]
    bm25 = BM25Index(chunks)
    snapshot = Snapshot(chunks, {c.chunk_id: i for i, c in enumerate(chunks)}, bm25, None)
    fused = [Hit(c, 1.0 / (1 + i), {"dense": i + 1}) for i, c in enumerate(chunks[:8])]
    result = SearchResult(fused, np.zeros(3), bm25.search("personeelskosten 2024", 10), [], snapshot)
    settings = Settings()
    extras = ExtractiveAnswerer(settings, None, bm25)._lexical_extras(result)  # type: ignore[arg-type]
    assert [h.chunk.chunk_id for h in extras] == ["c8"]
    none = ExtractiveAnswerer(settings.model_copy(update={"answer_lexical_chunks": 0}), None, bm25)  # type: ignore[arg-type]
    assert none._lexical_extras(result) == []


def test_the_lexical_extras_start_with_the_best_bm25_passage_of_the_named_source():
    """No model: the row of the source the question names is read although other sources' rows rank above it."""

    texts = [f"De GGD werkt aan gezondheid in paragraaf {i}." for i in range(6)]
    texts += ["Resultaat — 2025 begroting: 40", "Resultaat — 2025 begroting: 170", "Resultaat — 2025 begroting: 211"]
    chunks = [_chunk(i, t) for i, t in enumerate(texts)]
    bm25 = BM25Index(chunks)
    snapshot = Snapshot(chunks, {c.chunk_id: i for i, c in enumerate(chunks)}, bm25, None)
    fused = [Hit(c, 1.0 / (1 + i), {"dense": i + 1}) for i, c in enumerate(chunks[:6])]
    overall = [(6, 3.0), (7, 3.0), (8, 3.0)]
    result = SearchResult(fused, np.zeros(3), overall, [], snapshot, bm25_scope=[(8, 3.0)])
    extras = ExtractiveAnswerer(Settings(), None, bm25)._lexical_extras(result)  # type: ignore[arg-type]
    assert [h.chunk.chunk_id for h in extras] == ["c8", "c6", "c7"]


def test_the_column_of_a_table_is_picked_with_the_fields_word_for_the_asked_thing():
    from assistant.spans import table_cell

    query = analyse("Hoeveel heeft de GGD tot en met augustus gerealiseerd aan investeringen?")
    row = "x € 1.000 — Investeringen — begroot: 1.118; realisatie: 1.996"
    assert "realisatie" in cell_terms(query)
    start, end = table_cell(row, cell_terms(query), query.years)
    assert row[start:end] == "1.996"
    assert table_cell(row, query.focus, query.years) is None  # without the synonym no column is named


def test_a_separable_participle_names_the_column_of_its_noun():
    from assistant.spans import table_cell

    query = analyse("Hoeveel is er in 2023 toegevoegd aan de voorziening organisatie?")
    row = "Voorzieningen € '000 — Voorziening organisatie — Ultimo 2022: 370; Toevoegingen: 38; Ultimo 2023: 225"
    start, end = table_cell(row, cell_terms(query), query.years, "Jaarstukken 2023")  # 2023: the document's year
    assert row[start:end] == "38"


def test_the_caption_and_the_title_name_the_table_and_a_verb_names_its_noun_column():
    """No model: the year of the caption ("aug. 2024") or of the document's title ("Jaarstukken 2023") says which
    table, so the column the question's other words name wins over the column that only repeats that year; and the
    asked verb finds the header's noun ("gerealiseerde" / "realisatie", "geïnvesteerd" / "Investeringen")."""
    costs = "Kosten jan. tot en met aug. 2024 x € 1.000 — Ambulance — begroot 2024: 16.147; realisatie kosten: 18.475"
    lead = _lead(analyse("Wat waren de gerealiseerde kosten van Ambulance t/m augustus 2024?"), _candidate(costs))
    assert lead is not None and costs[lead[0] : lead[1]] == "18.475"
    assets = "Verloopoverzicht (€ '000) — Automatisering — Ultimo 2022: 246; Investeringen: 208; Ultimo 2023: 322"
    annual = replace(_candidate(assets), chunk=replace(_chunk(0, assets), title="Jaarstukken 2023"))
    lead = _lead(analyse("Hoeveel is er in 2023 geïnvesteerd in automatisering?"), annual)
    assert lead is not None and assets[lead[0] : lead[1]] == "208"
    lead = _lead(analyse("Wat was de stand van automatisering ultimo 2023?"), annual)
    assert lead is not None and assets[lead[0] : lead[1]] == "322"


def test_of_two_close_rows_the_one_with_the_asked_column_goes_first():
    query = analyse("Hoeveel gemelde calamiteiten toezicht Wmo in 2024, realisatie?")
    report = _candidate("Indicator — Gemelde calamiteiten — 2023 realisatie: 18; 2024 begroting: 22")
    later = _candidate("Indicator — Gemelde calamiteiten — 2023 realisatie: 18; 2024 realisatie: 13")
    later = replace(later, score=report.score - 0.05)
    assert _by_column(query, [report, later], Settings()) == [later, report]
    far = replace(later, score=report.score - 0.3)  # a row far below the best is about something else
    assert _by_column(query, [report, far], Settings()) == [report, far]
    other = replace(_candidate("Indicator — Gemelde incidenten — 2024 realisatie: 40"), score=later.score)
    assert _by_column(query, [report, other], Settings()) == [report, other]  # another row of another table
    partial = replace(later, evidence=replace(later.evidence, coverage=0.5))
    assert _by_column(query, [report, partial], Settings()) == [report, partial]  # about less of the question
    prose = _candidate("In 2024 zijn 13 calamiteiten gemeld.")
    assert _by_column(query, [prose, later], Settings()) == [prose, later]


def test_a_sentence_that_enumerates_or_announces_items_holds_a_list():
    """A list question prefers such a sentence over one more sentence about the topic (``answer_list_bonus``)."""
    inline = "Te starten op basis van de volgende uitgangspunten: a. één stedelijk kader; b. één team per wijk."
    assert _holds_list(inline, 0, len(inline))
    announced = "De speerpunten zijn:\n\n• jeugd en gezin\n\n• gezond leven"
    assert _holds_list(announced, 0, announced.index("\n"))
    plain = "De teams ontwikkelen zich stap voor stap tot het aanspreekpunt in de wijk.\n\nDaarna volgt de rest."
    assert not _holds_list(plain, 0, plain.index("\n"))
    leading = "Er zijn geen eigen gebouwen. Gehuurde gebouwen zijn:\n\nGebouw | Eigenaar\n\nEikenstraat 20 | Rijk"
    assert _holds_list(leading, 0, leading.index(".") + 1)  # the next sentence announces the table of them


def test_an_identifier_no_document_contains_makes_the_corpus_silent():
    """No model: a plan identification that is nowhere in the documents is not answered with a near one."""
    chunks = [_chunk(0, "Het bestemmingsplan met planidentificatie NL.IMRO.0629.BPParkzicht-VG01 is vastgesteld.")]
    answerer = ExtractiveAnswerer(Settings(), None, BM25Index(chunks))  # type: ignore[arg-type]
    stats = answerer.stats()
    asked = analyse("Bij welk bestemmingsplan hoort planidentificatie NL.IMRO.0629.BPRijksstraatweg785-VG01?")
    assert answerer.silent_words(asked, stats) == ("NL.IMRO.0629.BPRijksstraatweg785-VG01",)
    known = analyse("Bij welk bestemmingsplan hoort planidentificatie NL.IMRO.0629.BPParkzicht-VG01?")
    assert answerer.silent_words(known, stats) == ()


def test_a_record_number_no_document_contains_makes_the_corpus_silent():
    chunks = [_chunk(0, "Bijlage 1.2 DigiD 1004171 en de verantwoording Suwinet 2024, kosten € 1.000.000.")]
    answerer = ExtractiveAnswerer(Settings(), None, BM25Index(chunks))  # type: ignore[arg-type]
    stats = answerer.stats()
    assert answerer.silent_words(analyse("Bij welke verantwoording hoort DigiD 1000759?"), stats) == ("1000759",)
    assert answerer.silent_words(analyse("Bij welke verantwoording hoort DigiD 1004171?"), stats) == ()
    assert answerer.silent_words(analyse("Wat kost de verantwoording Suwinet 2024?"), stats) == ()


def test_what_was_decided_on_a_day_is_read_only_from_that_meetings_list():
    """No model: a besluitenlijst that mentions the day ("een op 16 mei 2023 uitgevoerde meting") does not answer
    "wat besloot het college op 16 mei 2023"; the list of that meeting does."""
    text = "Besluit: het verzoek over de padelbanen af te wijzen op grond van een op 16 mei 2023 uitgevoerde meting."
    other = replace(_chunk(0, text), doc_type="besluitenlijst", date="2023-07-04")
    same = replace(_chunk(1, text), doc_type="besluitenlijst", date="2023-05-16")
    chunks = [other, same]
    answerer, result = _without_model(chunks, [Hit(c, 1.0, {}) for c in chunks])
    query = analyse("Wat besloot het college op 16 mei 2023 over de padelbanen?")
    fits = {c.chunk.date: c.evidence.fits for c in answerer.candidates(query, result)}
    assert fits == {"2023-07-04": False, "2023-05-16": True}


def test_what_was_decided_in_a_year_or_month_is_read_only_from_that_periods_meetings():
    """No model: "wat besloot het college in 2025 over de commandopost" is not answered by the 2023 decision on it, and
    "in maart 2025" not by it either, though the decision names 2025; a question without a period is answered by
    both."""
    text = "Besluit: niet handhavend op te treden tegen het gebruik van de commandopost tot 1 januari 2025."
    old = replace(_chunk(0, text), doc_type="besluitenlijst", date="2023-06-20", title="Besluitenlijst 20 juni 2023")
    new = replace(_chunk(1, text), doc_type="besluitenlijst", date="2025-03-11", title="Besluitenlijst 11 maart 2025")
    chunks = [old, new]
    answerer, result = _without_model(chunks)

    def fits(question: str) -> dict[str, bool]:
        return {c.chunk.date: c.evidence.years_ok for c in answerer.candidates(analyse(question), result)}

    assert fits("Wat besloot het college in 2025 over de commandopost?") == {"2023-06-20": False, "2025-03-11": True}
    assert fits("Welke besluiten nam het college in maart 2025 over de commandopost?")["2023-06-20"] is False
    assert fits("Wat besloot het college over de commandopost?") == {"2023-06-20": True, "2025-03-11": True}


def test_a_decision_that_shares_only_the_name_does_not_answer_about_the_named_thing():
    """No model: in a besluitenlijst, "vragen inzake Maaldrift" is no decision about the bedrijveninvesteringszone
    Maaldrift; the verordening on it is. The same words in a nota are left to the other checks (prose paraphrases)."""
    about = "Besluit: de Verordening Bedrijveninvesteringszone (BIZ) Maaldrift 2026-2030 vast te stellen."
    other = "Besluit: de beantwoording van de schriftelijke vragen inzake Maaldrift vast te stellen."
    chunks = [
        replace(_chunk(0, about), doc_type="besluitenlijst", date="2025-10-07"),
        replace(_chunk(1, other), doc_type="besluitenlijst", date="2024-01-16"),
        replace(_chunk(2, other), doc_type="nota", date="2024-01-16"),
    ]
    answerer, result = _without_model(chunks)
    query = analyse("Welke besluiten nam het college over de bedrijveninvesteringszone (BIZ) Maaldrift?")
    typed = {(c.chunk.doc_type, c.chunk.date): c.evidence.typed for c in answerer.candidates(query, result)}
    assert typed[("besluitenlijst", "2025-10-07")] and not typed[("besluitenlijst", "2024-01-16")]
    assert typed[("nota", "2024-01-16")]


def test_a_sentence_that_refers_back_is_quoted_with_what_it_refers_to():
    """ "Dat noemen we ...": the sentence before it, and one more when that one is a fragment without a verb ("het"
    in "in het dorp" is no verb)."""
    text = (
        "Inclusieve samenleving\n\nIedereen moet overal en altijd mee kunnen doen. Thuis, op school of in het "
        "dorp. Dat noemen we een inclusieve samenleving."
    )
    start = text.index("Dat noemen")
    c = replace(_candidate(text), start=start, end=len(text))
    assert _with_antecedent(c).text.startswith("Iedereen moet overal en altijd mee kunnen doen.")
    plain = replace(c, start=text.index("Iedereen"), end=text.index(" Thuis"))
    assert _with_antecedent(plain) == plain


def test_what_one_part_quotes_another_part_does_not_quote_again():
    """Two parts answered from one passage: the second sentence refers back and is chosen with the first."""
    text = "Van de 824 cliënten verblijven er 32 in Wijchen. In 2023 waren dat er in Wijchen 38."
    second = text.index("In 2023")
    now = replace(_candidate(text), end=second - 1)
    then = _candidate(text)  # the sentence with its antecedent
    answer = compose("Hoeveel, vergeleken met 2023?", [
        PartAnswer(analyse("Hoeveel cliënten verblijven in Wijchen?"), [now], (text.index("32"), text.index("32") + 2)),
        PartAnswer(analyse("Hoeveel cliënten in 2023?"), [then], (text.index("38"), text.index("38") + 2)),
    ], [])  # fmt: skip
    assert answer.answer.startswith(
        "- Hoeveel cliënten verblijven in Wijchen? **32** [1]\n- Hoeveel cliënten in 2023? **38** [1]"
    )
    assert answer.answer.count("Van de 824") == 1 and "In 2023 waren dat er in Wijchen 38. [1]" in answer.answer


def test_a_part_whose_best_sentence_another_part_quotes_is_not_called_unanswered():
    text = "1. Het bestemmingsplan Klein Stoephout met planidentificatie BPKLSTOEPHOUT-VG01 vast te stellen."
    first = PartAnswer(analyse("In welke vergadering kwam plan-ID BPKLSTOEPHOUT-VG01 aan de orde?"), [_candidate(text)])
    shared = PartAnswer(analyse("Om welk bestemmingsplan ging het?"), [], shared=True)
    unanswered = PartAnswer(analyse("Wie was de voorzitter?"), [])
    answer = compose(
        "In welke vergadering ..., om welk plan ging het en wie was voorzitter?", [first, shared, unanswered], []
    )
    assert "Om welk bestemmingsplan" not in answer.answer and answer.answer.count(text) == 1
    assert "Over “Wie was de voorzitter?” staat niets in de documenten." in answer.answer


def test_the_facts_found_come_before_the_parts_the_documents_do_not_answer():
    text = "Op de uitgaven Wmo 2025 verwachten we een onderschrijding van € 26k."
    unanswered = PartAnswer(analyse("Houden we geld over op de Wmo?"), [])
    found = PartAnswer(analyse("Hoeveel?"), [_candidate(text)], (text.index("€"), text.index("€") + 5))
    answer = compose("Houden we geld over op de Wmo, en hoeveel?", [unanswered, found], [])
    assert answer.answer.startswith("- Hoeveel? **€ 26k** [1]\n- Over “Houden we geld over op de Wmo?” staat niets")


def test_a_quote_without_a_short_fact_comes_before_the_part_the_documents_do_not_answer():
    text = "De pilot Herstelgerichte Inloop in het Mozaïek wordt voortgezet."
    found = PartAnswer(analyse("Welke inloop willen we voortzetten?"), [_candidate(text)])
    unanswered = PartAnswer(analyse("Welke training mag elke inwoner volgen?"), [])
    answer = compose("Welke inloop willen we voortzetten, en welke training?", [found, unanswered], [])
    assert answer.answer.index(text) < answer.answer.index("Over “Welke training mag elke inwoner volgen?” staat niets")


def test_a_quoted_list_reads_as_one_list_and_prose_keeps_its_paragraphs():
    """A PDF's blank lines between bullets are line breaks in the answer: the items follow the sentence that
    announces them, as a list on a phone; the quote the source panel highlights stays verbatim."""
    text = "De speerpunten zijn:\n\n• Versterken jeugd en gezin\n\n• Gezond leven\n\nDe GGD werkt ook aan publiek."
    listed = replace(_candidate(text), end=text.index("\n\nDe GGD"))
    answer = compose("Wat zijn de speerpunten?", [PartAnswer(analyse("Wat zijn de speerpunten?"), [listed])], [])
    assert "De speerpunten zijn:\n• Versterken jeugd en gezin\n• Gezond leven [1]" in answer.answer
    assert answer.citations[0].quote == listed.text
    other = replace(_candidate("De GGD werkt ook aan publiek."), chunk=_chunk(1, "De GGD werkt ook aan publiek."))
    answer = compose("Wat zijn de speerpunten?", [PartAnswer(analyse("Wat zijn de speerpunten?"), [listed, other])], [])
    assert "• Gezond leven [1]\n\nDe GGD werkt ook aan publiek. [2]" in answer.answer  # not as a third item
    prose = "Het aantal meldingen steeg.\n\nDe wachttijd daalde."
    answer = compose("Wat veranderde?", [PartAnswer(analyse("Wat veranderde?"), [_candidate(prose)])], [])
    assert prose in answer.answer


def test_a_definition_says_what_the_thing_is():
    """A definition question prefers "X zijn ..." over a heading or a sentence that only uses the term."""
    assert _DEFINES.match("Algemene voorzieningen zijn diensten of activiteiten zonder indicatie.")
    assert _DEFINES.match("Een inclusieve samenleving betekent dat iedereen mee kan doen.")
    assert not _DEFINES.match("Meer algemene voorzieningen in plaats van maatwerk")
    assert not _DEFINES.match(
        "We proberen mensen vaker naar de algemene voorzieningen te verwijzen, want dat is beter."
    )


def test_a_row_is_picked_by_its_label_and_the_caption_counts_less():
    """No model: "de mutatie voorzieningen in het overzicht kasstroom en EMU-saldo" asks for the row "Mutatie
    voorzieningen" (the caption names the table), and "het EMU-saldo" still for the row "EMU-saldo"."""
    caption = "Kasstroom en EMU-saldo € '000"
    rows = [
        f"{caption} — {label} — Realisatie 2023: {a}; Realisatie 2022: {b}"
        for label, a, b in [
            ("EMU-saldo", "33", "614"),
            ("Mutatie voorzieningen", "-143", "370"),
            ("Kasstroom", "-377", "812"),
        ]
    ]
    chunks = [_chunk(0, "\n\n".join(rows))]
    answerer, result = _without_model(chunks)

    def best(question: str) -> str:
        return answerer.candidates(analyse(question), result)[0].text.split(" — ")[1]

    row = best("Wat was de mutatie voorzieningen in 2022 in het overzicht kasstroom en EMU-saldo?")
    assert row == "Mutatie voorzieningen"
    assert best("Hoe hoog was het EMU-saldo in 2022?") == "EMU-saldo"


def test_a_sentence_is_read_under_its_heading_and_title():
    """No model: of two sentences that share the same question words, the one under a title naming the rest of the
    question wins, though its passage ranks lower."""
    other = replace(_chunk(0, "De raad kreeg de voortgang van de wijkteams."), title="Jaarverslag", section="Wijken")
    nota = replace(_chunk(1, "We delen de voortgang met de raad."), title="Robuust sociaal team", section="Uitvoering")
    chunks = [other, nota]
    answerer, result = _without_model(chunks)
    query = analyse("Hoe wordt de raad op de hoogte gehouden van de voortgang van het robuust sociaal team?")
    assert answerer.candidates(query, result)[0].text == "We delen de voortgang met de raad."


def test_a_name_of_several_words_counts_only_whole():
    """No model: "Collectie Overijssel" in the question does not make the row "Baten DVO Provincie Overijssel" a
    better match for "overige baten" than the row "Baten Overig"."""
    caption = "Baten en Lasten (€ '000)"
    rows = [f"{caption} — {label} — Realisatie 2023: {a}; Realisatie 2022: {b}" for label, a, b in
            [("Baten DVO Provincie Overijssel", "631", "613"), ("Baten Overig", "420", "160")]]  # fmt: skip
    chunks = [_chunk(0, "\n\n".join(rows))]
    answerer, result = _without_model(chunks)
    best = answerer.candidates(analyse("Hoeveel overige baten had Collectie Overijssel in 2022?"), result)[0]
    assert best.text.split(" — ")[1] == "Baten Overig"
    # A hyphenated name is found whole when the text has its parts: "Nationaal Programma Onderwijs (NPO) ... middelen".
    text = "Vanuit het Nationaal Programma Onderwijs (NPO) ontving de gemeente incidentele middelen."
    chunks = [_chunk(0, text)]
    answerer, result = _without_model(chunks)
    (npo,) = answerer.candidates(analyse("Wat ontving de gemeente aan NPO-middelen?"), result)
    assert npo.lexical > 0.3  # "ontving", "npo" and "middelen"; only the hyphenated whole is not in the text


def test_a_reason_is_quoted_with_the_reasons_that_follow_it():
    text = (
        "Het doel is dat de huisartsen meer gebruik kunnen maken van de POH. We zien een toename aan vragen vanuit de "
        "huisartsen. Om aan deze vraag te kunnen voldoen kunnen we met een POH meer uren beschikbaar stellen. "
        "De POH begint in juni."
    )
    first = text.index(".") + 1
    c = replace(_candidate(text), end=first)
    why = _with_reasons(c, analyse("Waarom wil de gemeente de SOJ vervangen door een POH?"))
    assert text[why.start : why.end].endswith("meer uren beschikbaar stellen.")
    means = "De gemeente helpt de huisartsen met een POH. " + text
    how = _with_reasons(replace(_candidate(means), end=means.index(".") + 1), analyse("Hoe helpt de gemeente?"))
    assert how.end == means.index(".") + 1  # "hoe": the sentence that gives the means is enough


def test_a_row_label_cut_short_is_the_word_the_question_writes_out():
    """No model: "het Nationaal Archief" is the row "Nat. Archief", not the row of another body that shares the other
    words; a sentence's last word before the next sentence is no abbreviation of anything."""
    caption = "Voorschotbedragen specifieke uitkeringen"
    rows = [
        f"{caption} — {label} — Ultimo 2022: {a}; Vrijgevallen bedragen: {b}"
        for label, a, b in [
            ("Gem. Zwolle (digitalisering)", "184", "-46"),
            ("Nat. Archief (digitalisering)", "669", "-216"),
        ]
    ]
    chunks = [_chunk(0, "\n\n".join(rows))]
    answerer, result = _without_model(chunks)
    question = analyse("Hoeveel is er vrijgevallen van het voorschot van het Nationaal Archief voor digitalisering?")
    assert answerer.candidates(question, result)[0].text.split(" — ")[1].startswith("Nat. Archief")
    assert abbreviates("Nat. Archief", "national") and abbreviates("Prov. Overijssel", "provincie")
    assert not abbreviates("Nat. Archief", "nat") and not abbreviates("In 2024 gestart.", "gestarte")


def test_the_organisation_on_a_documents_cover_is_what_each_of_its_rows_is_about():
    """No model: "het bezoldigingsmaximum van Collectie Overijssel" is the WNT row of the jaarstukken whose cover
    names Collectie Overijssel, though the row does not; the same row in another organisation's document is not."""
    row = "WNT — Individueel toepasselijke bezoldigingsmaximum — 2023: 223.000; 2022: 216.000"
    texts = [("ours", "Jaarstukken 2023 Collectie Overijssel"), ("theirs", "Jaarstukken 2023 Stichting Archief Oost")]
    chunks = []
    for doc, cover in texts:
        chunks += [
            replace(_chunk(len(chunks), cover), doc_id=doc, chunk_id=f"{doc}0", index=0),
            replace(_chunk(len(chunks) + 1, row), doc_id=doc, chunk_id=f"{doc}1", index=1),
        ]
    answerer, result = _without_model(chunks, [Hit(c, 1.0, {}) for c in chunks if c.index == 1])
    question = analyse("Wat was in 2023 het bezoldigingsmaximum van Collectie Overijssel?")
    ours, theirs = sorted(answerer.candidates(question, result), key=lambda c: c.chunk.doc_id)
    assert ours.chunk.doc_id == "ours" and ours.lexical > theirs.lexical


def test_a_sentence_that_opens_a_quotation_is_quoted_to_its_closing_mark():
    text = (
        "In Stedenwijk is niet gewerkt met een klankbordgroep: “Er is een verschil in werkwijze. In Haven kon "
        "snel een groep worden gevormd. In Stedenwijk is de cultuur meer gesloten.” Daarna volgt iets anders."
    )
    first = sentence_spans(text)[0]
    c = Candidate(0, _chunk(0, text), first[0], first[1], 0.5, 0.5, 0.5, Evidence(1.0, (), (), True, True, True))
    assert c.text.endswith("werkwijze.")
    assert _with_quotation(c).text.endswith("meer gesloten.”")
    closed = "Een medewerker zei: “Het werkt.” Daarna volgt iets anders."
    d = Candidate(0, _chunk(0, closed), 0, closed.index(" Daarna"), 0.5, 0.5, 0.5, c.evidence)
    assert _with_quotation(d) is d  # a quotation closed in the sentence itself stays as it is


def test_a_sentence_that_asks_answers_nothing_but_is_what_the_next_one_answers():
    text = "Wat is de verwachte afwijking t.o.v. de begroting?\n\nVoor Jeugd wordt een nadeel van € 464k verwacht."
    assert _asks("Vanuit het bestuur wordt gevraagd wat er met het bedrag is gebeurd?")
    assert _asks("Hij vroeg: “Wat gebeurt er met het bedrag?”")
    assert not _asks("Voor Jeugd wordt een nadeel van € 464k verwacht.")
    answer = text.index("Voor Jeugd")
    assert _question_before(text, answer) == 0  # read with the question it answers
    assert _question_before(text, 0) == 0
    plain = "Het tekort groeit. Voor Jeugd wordt een nadeel verwacht."
    assert _question_before(plain, plain.index("Voor")) == plain.index("Voor")


def test_a_quoted_title_or_a_name_no_passage_has_makes_the_corpus_silent():
    text = "Het programma ‘Samen nieuwsgierig en vakkundig’ loopt af. De proeftuin Buurtgezinnen loopt."
    answerer = ExtractiveAnswerer(Settings(), None, BM25Index([_chunk(0, text)]))  # type: ignore[arg-type]
    stats = answerer.stats()
    near = analyse("Wat houdt het programma 'Samen sterk en vakkundig' in?")
    assert answerer.silent_words(near, stats) == ("Samen sterk en vakkundig",)
    assert answerer.silent_words(analyse("Wat houdt het programma 'Samen nieuwsgierig en vakkundig' in?"), stats) == ()
    assert answerer.silent_words(analyse("Wat houdt de proeftuin Buurtouders in?"), stats) == ("buurtouders",)
    assert answerer.silent_words(analyse("Wat houdt de proeftuin Buurtgezinnen in?"), stats) == ()


def test_a_reason_must_be_about_more_of_the_question_than_another_fact():
    """The reason a "waarom"-question asks is about the asked thing: a sentence that names a quarter of its words
    gives some other reason; for another kind of question that share is enough (the number may stand alone)."""
    thin = replace(_candidate("Dit vraagt van de gemeente om te zorgen dat de basis stevig is."),
                   evidence=Evidence(0.25, (), (), True, True, True))  # fmt: skip
    s = Settings()
    assert not _covers(analyse("Waarom zijn juist deze wijken gekozen voor de pilot?"), thin, s)
    assert _covers(analyse("Hoeveel wijken doen mee aan de pilot?"), thin, s)
    assert _covers(
        analyse("Waarom is de pilot gekozen?"), replace(thin, evidence=Evidence(0.5, (), (), True, True, True)), s
    )


def test_a_part_answered_by_the_sentence_another_part_quotes_is_led_with_its_own_value():
    """ "... in 2026 en in 2029?": one sentence states both; each year's value leads its own line, quoted once."""
    text = "De bezuinigingen lopen op tot € 268,4 (x1.000) in 2026 en € 999,2 (x1.000) in 2029."
    at = text.index("€ 999,2")
    first = PartAnswer(analyse("Tot welk bedrag lopen de bezuinigingen op in 2026?"), [_candidate(text)], (15, 20))
    second = PartAnswer(
        analyse("Tot welk bedrag lopen de bezuinigingen op in 2029?"), [_candidate(text)], (at, at + 7), shared=True
    )
    answer = compose("Tot welk bedrag lopen de bezuinigingen op in 2026 en in 2029?", [first, second], [])
    assert "- Tot welk bedrag lopen de bezuinigingen op in 2029? **€ 999,2** [1]" in answer.answer
    assert answer.answer.count(text) == 1


def test_a_long_part_is_shortened_in_the_middle_keeping_its_last_words():
    part = analyse("Tot welk bedrag lopen de landelijke bezuinigingen voor GGD Flevoland op in 2029?")
    assert _part_question(part) == "Tot welk bedrag lopen de landelijke bezuinigingen voor GGD … in 2029?"
