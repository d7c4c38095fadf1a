"""Framework messages in Dutch, without a server."""

from __future__ import annotations

import asyncio

from ui.dutch import DutchPage, _dutch_error, translate_validation


def test_validation_errors_name_the_field_in_dutch():
    errors = [
        {"type": "missing", "loc": ("body", "question")},
        {"type": "string_type", "loc": ("body", "filters", "date_from")},
        {"type": "iets_nieuws", "loc": ("query", "x")},
    ]
    assert translate_validation(errors) == [
        {"veld": "question", "melding": "dit veld ontbreekt"},
        {"veld": "filters.date_from", "melding": "moet tekst zijn"},
        {"veld": "x", "melding": "heeft een ongeldige waarde"},
    ]


def test_english_error_bodies_get_the_dutch_status_text():
    assert _dutch_error(404, b'{"detail": "Not Found"}') == b'{"detail": "Niet gevonden."}'
    own = b'{"detail": "Dit document is niet (meer) beschikbaar."}'
    assert _dutch_error(404, own) == own
    assert _dutch_error(500, b"not json") == b"not json"


def _run(app, path: str) -> tuple[dict, bytes]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    asyncio.run(DutchPage(app)(scope, receive, send))
    return sent[0], b"".join(m.get("body", b"") for m in sent[1:])


def test_the_page_is_dutch_before_any_script_runs():
    html = b'<!doctype html><html lang="en"><head><script src="app.js"></script></head></html>'

    async def app(scope, receive, send):
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", b"1")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": html})

    start, body = _run(app, "/")
    assert b'lang="nl"' in body and body.index(b"navigator") < body.index(b"app.js")
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    _, untouched = _run(app, "/bron/x/pagina/1")  # our own pages are left alone
    assert untouched == html
