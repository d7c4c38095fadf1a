"""Document metadata from the document itself (issue 12): unit rules without files, and the titles and dates of
every real PDF in ``../shared/realdata`` listed and checked by hand against the documents' covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import load_document
from assistant.metadata import describe
from assistant.vocabulary import is_issuer

from .conftest import REALDATA


def test_subject_label_and_date_label():
    meta = describe("Onderwerp: Wmo-beleid 2026\n\nDatum 10-06-2025\n\nTekst.", [], Path("nota.txt"))
    assert (meta["title"], meta["date"]) == ("Wmo-beleid 2026", "2025-06-10")


def test_colofon_and_letterhead_are_never_titles():
    meta = describe("Tekst.", [], Path("x.pdf"), pdf_titles=["Colofon", "Gemeente Wassenaar", "Jaarstukken 2023"])
    assert meta["title"] == "Jaarstukken 2023" and meta["doc_type"] == "jaarstukken"


@pytest.mark.parametrize(
    "line, issuer",
    [
        ("Tweede Kamer der Staten-Generaal", True),
        ("Gemeente Wassenaar", True),
        ("Ministerie van Volksgezondheid, Welzijn en Sport", True),
        ("Gemeente in beweging", False),  # a title that starts like a letterhead
        ("Gemeente Almere Beleidsplan Wmo", False),  # a title that names its issuer and its kind
        ("Begroting 2026", False),
    ],
)
def test_letterheads(line: str, issuer: bool):
    assert is_issuer(line) is issuer


#: file -> (title, date), compared with each document's first pages. Where the document itself has no title line (a
#: Kamer document under its letterhead) the file name stands in, never the letterhead. Dates come from the text
#: where the first pages state one ("versie 0.2 14-10-2025"), else from the PDF's creation date (the beleidsplan,
#: the Burgerpeilingen and the jaarstukken print none on their first pages).
REAL_METADATA = {
    "pdf-sociaal-domein/almere_evaluatie_schakelteams_2021.pdf": ("Evaluatie schakelteams", "2021-12-20"),
    "pdf-sociaal-domein/almere_stevige_lokale_teams_raadsvoorstel_2026.pdf": (
        "Stevige Lokale Teams en inzet Investeringsfonds jeugd en gezin", "2026-01-15"),
    "pdf-sociaal-domein/ggd_flevoland_begroting_2026.pdf": ("Begroting 2026", "2025-10-14"),
    "pdf-sociaal-domein/ggd_flevoland_bestuursrapportage_aug_2024.pdf": (
        "Bundel - Algemeen Bestuur van 7 november 2024", "2024-11-07"),
    "pdf-sociaal-domein/overijssel_jaarstukken_2023.pdf": ("Jaarstukken 2023", "2024-02-22"),
    "pdf-sociaal-domein/vng_burgerpeiling_eenzaamheid_en_sociale_veerkracht.pdf": (
        "Eenzaamheid in de schaduw van de Coronapandemie", "2023-10-11"),
    "pdf-sociaal-domein/vng_burgerpeiling_mantelzorg.pdf": (
        "Verborgen zorg, zichtbare uitdagingen: de realiteit van naastenzorg", "2023-12-05"),
    "pdf-sociaal-domein/woonzorg_flevoland_beleidsplan_2026.pdf": ("Beleidsplan 2026", "2025-12-17"),
    "pdf-sociaal-domein/zorglandschap_wmo_uitvoeringsprogramma_2022.pdf": (
        "Voortgang uitvoeringsprogramma zorglandschap Wmo Flevoland 2020-2026", "2022-03-10"),
    "pdf/20110301-5687928a-draagmoederschap.pdf": ("Draagmoederschap", "2011-03-01"),
    "pdf/Besluitenlijst-raadsvergadering-29-juni-2015.pdf": (
        "Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur", "2015-06-29"),
    "pdf/ah-tk-20202021-3235.pdf": ("Ah tk 20202021 3235", "2021-06-03"),
    "pdf/kst-32545-143.pdf": ("Kst 32545 143", "2021-07-06"),
    "wassenaar-besluitenlijsten/besluitenlijst_bw_vergadering_10_juni_2025.pdf": (
        "Besluitenlijst Openbaar B&W -vergadering Wassenaar 10 juni 2025", "2025-06-10"),
}  # fmt: skip


@pytest.mark.slow  # parses 14 real PDFs, one of 195 pages
@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata ontbreekt")
@pytest.mark.parametrize("name", sorted(REAL_METADATA))
def test_real_pdfs_get_their_own_title_and_date(name: str):
    doc = load_document(REALDATA / name)
    assert (doc.title, doc.date) == REAL_METADATA[name]
