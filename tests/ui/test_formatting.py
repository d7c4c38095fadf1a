"""Answer Markdown, filter chips and decision rows, without the model."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from assistant.decisions import Decision, Source
from assistant.schema import Answer, Citation
from ui.formatting import FilterInput, answer_markdown, decision_detail, decision_row, filter_chips, without_chips


def _citation(n: int, **extra) -> Citation:
    base = dict(n=n, chunk_id=f"c{n}", doc_id="nota", title="Nota [concept]", doc_type="raadsinformatiebrief",
                date="2025-05-27", zaaknummer="", page="10-11", section="", quote="Er doen 11 gemeenten mee.",
                text="Er doen 11 gemeenten mee.")  # fmt: skip
    return Citation(**{**base, **extra})


def test_markers_become_links_to_the_cited_page_with_the_quote():
    answer = Answer(question="q", answer="**11 gemeenten** [1]\n\nEr doen 11 gemeenten mee. [1]",
                    citations=[_citation(1)])  # fmt: skip
    md = answer_markdown(answer)
    assert md.count("[\\[1\\]](bron/nota/pagina/10?") == 2
    link = md.split("[\\[1\\]](")[1].split(")")[0]
    params = parse_qs(urlparse(link).query)
    assert params["citaat"] == ["Er doen 11 gemeenten mee."] and params["passage"] == ["c1"]
    assert "1. [Nota \\[concept\\], p. 10-11](bron/nota/pagina/10?" in md  # brackets in titles escaped


def test_refusals_keep_their_text():
    answer = Answer(question="q", answer="Ik kan niet helpen [1].", refused=True, citations=[_citation(1)])
    assert answer_markdown(answer) == "Ik kan niet helpen [1]."


def test_chips_show_dutch_dates_and_removing_one_clears_only_that_filter():
    f = FilterInput(["besluitenlijst", "informatienota"], ["Wijchen"], "01-06-2025", "2025-12")
    labels, _ = filter_chips(f)
    assert labels == ["Soort: Besluitenlijst", "Soort: Informatienota", "Gemeente: Wijchen",
                      "Vanaf: 1 juni 2025", "Tot en met: december 2025"]  # fmt: skip
    after = without_chips(f, [x for x in labels if x not in ("Vanaf: 1 juni 2025", "Soort: Besluitenlijst")])
    assert after.doc_types == ["informatienota"] and after.date_from == "" and after.date_to == "2025-12"
    assert f.doc_types == ["besluitenlijst", "informatienota"]  # the input is not changed


def test_unreadable_dates_are_reported_not_ignored():
    f = FilterInput([], [], "31-02-2025", "volgend jaar")
    assert len(f.problems()) == 2 and "31-02-2025" in f.problems()[0]
    assert f.to_filters().date_from is None
    assert filter_chips(f)[0] == []


def test_decision_rows_sort_as_dates_and_detail_links_every_source():
    months = Decision(date="2023-12", omschrijving="Verordening", sources=[Source("a", "Lijst", 3, "Besloten.")])
    day = Decision(date="2023-12-19", omschrijving="Motie", besluit="Aangenomen", zaaknummer="Z/23/1234",
                   sources=[Source("b", "Besluitenlijst 19-12-2023", 1, "Aangenomen.")])  # fmt: skip
    rows = sorted([decision_row(day), decision_row(months)])
    assert [r[0] for r in rows] == ["2023-12", "2023-12-19"]
    assert rows[1][1] == "Motie — Aangenomen" and "bron/b/pagina/1?citaat=Aangenomen." in rows[1][5]
    detail = decision_detail(day)
    assert "19-12-2023 (19 december 2023)" in detail and "Z/23/1234" in detail and "bron/b/pagina/1" in detail


def test_a_quoted_list_keeps_the_numbers_the_document_prints():
    """Markdown renumbers an ordered list from its first item: "6." after a line with items 3 to 5 became "4."."""
    quote = "verbeteren:\n1. Meer inclusie.\n3. Passende hulp. 4. Minder jongeren. 5. Scheiden.\n6. Veiligheid."
    md = answer_markdown(Answer(question="q", answer=f"Volgens de nota: {quote} [1]", citations=[_citation(1)]))
    assert "\n6\\. Veiligheid." in md and "\n1\\. Meer inclusie." in md
    assert "1. [Nota \\[concept\\], p. 10-11]" in md  # the list of sources is a list
