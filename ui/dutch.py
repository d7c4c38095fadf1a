"""Everything the web layer says in Dutch that a framework would say in English.

Three places speak English by default: FastAPI's error bodies ("Field required", "Not Found"), Gradio's own
controls (it picks its language from the browser, so an English browser gets "Drop File Here"), and the
``<html lang="en">`` of Gradio's page. This module translates the first and fixes the other two in the page
itself: a small script at the top of ``<head>`` tells Gradio the browser speaks Dutch before Gradio reads it,
so its built-in Dutch translations are used for every control, tooltip and aria-label.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Pydantic error types (https://docs.pydantic.dev/latest/errors/validation_errors/) in Dutch.
VALIDATION_MESSAGES = {
    "missing": "dit veld ontbreekt",
    "string_type": "moet tekst zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "bool_type": "moet waar of onwaar zijn",
    "bool_parsing": "moet waar of onwaar zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "string_too_long": "is te lang",
    "string_too_short": "is te kort",
    "json_invalid": "is geen geldige JSON",
    "extra_forbidden": "is geen bekend veld",
    "value_error": "heeft een ongeldige waarde",
    "enum": "heeft een waarde die niet is toegestaan",
    "literal_error": "heeft een waarde die niet is toegestaan",
}

#: HTTP status texts users can meet.
STATUS_MESSAGES = {
    400: "Ongeldig verzoek.",
    401: "Inloggen vereist.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    413: "Het bestand is te groot.",
    415: "Dit soort inhoud wordt niet ondersteund.",
    422: "De invoer klopt niet.",
    429: "Te veel verzoeken; probeer het zo opnieuw.",
    500: "Er ging iets mis. Probeer het later opnieuw.",
}

#: Run before any of Gradio's scripts: Gradio reads ``navigator.language`` once to choose its translations.
FORCE_DUTCH = (
    "<script>(function(){try{"
    "Object.defineProperty(navigator,'language',{get:function(){return 'nl-NL';}});"
    "Object.defineProperty(navigator,'languages',{get:function(){return ['nl-NL','nl'];}});"
    "}catch(e){}document.documentElement.lang='nl';})();</script>"
)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form", "file")]
    return ".".join(parts) or "invoer"


def translate_validation(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """FastAPI/pydantic validation errors as Dutch field messages (``veld``, ``melding``)."""
    out = []
    for err in errors:
        message = VALIDATION_MESSAGES.get(str(err.get("type", "")), "heeft een ongeldige waarde")
        out.append({"veld": _field(err.get("loc", ())), "melding": message})
    return out


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    fields = translate_validation(list(errors))
    summary = "; ".join(f"{f['veld']}: {f['melding']}" for f in fields) or STATUS_MESSAGES[422]
    return JSONResponse(status_code=422, content={"detail": f"De invoer klopt niet ({summary}).", "velden": fields})


async def http_error(_request: Request, exc: Exception) -> JSONResponse:
    """Our own ``HTTPException``s already carry Dutch; the framework's ("Not Found") get the Dutch status text."""
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else None
    english = not isinstance(detail, str) or detail in {"Not Found", "Method Not Allowed", "Unauthorized"}
    message = STATUS_MESSAGES.get(status, "Er ging iets mis.") if english else detail
    headers = getattr(exc, "headers", None)
    return JSONResponse(status_code=status, content={"detail": message}, headers=headers)


ENGLISH_DETAILS = {"Not Found", "Method Not Allowed", "Unauthorized", "Internal Server Error", "Forbidden"}


def _dutch_error(status: int, body: bytes) -> bytes:
    """A framework's JSON error ({"detail": "Not Found"}) from anywhere in the app, Gradio's routes included."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if isinstance(data, dict) and data.get("detail") in ENGLISH_DETAILS:
        data["detail"] = STATUS_MESSAGES.get(status, STATUS_MESSAGES[500])
        return json.dumps(data, ensure_ascii=False).encode()
    return body


class DutchPage:
    """ASGI middleware: Gradio's HTML page gets ``lang="nl"``, Dutch share texts and ``FORCE_DUTCH`` first in
    ``<head>``; English JSON error bodies of any route get their Dutch status text. Other responses pass as they
    are (streamed, unbuffered)."""

    REPLACEMENTS = (
        (b'lang="en"', b'lang="nl"'),
        (b"Click to try out the app!", b"Vragen over de beleidsdocumenten van de gemeente"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = scope.get("method") == "GET" and not scope.get("path", "").startswith(("/api", "/bron", "/gradio_api"))
        start: Message | None = None
        body: list[bytes] = []
        mode = ""

        async def capture(message: Message) -> None:
            nonlocal start, mode
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                kind = headers.get(b"content-type", b"")
                plain = not headers.get(b"content-encoding")
                if plain and page and kind.startswith(b"text/html"):
                    mode = "html"
                elif plain and message["status"] >= 400 and kind.startswith(b"application/json"):
                    mode = "error"
                if mode:
                    start = message
                else:
                    await send(message)
                return
            if not mode:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            content = b"".join(body)
            assert start is not None
            if mode == "html":
                for old, new in self.REPLACEMENTS:
                    content = content.replace(old, new)
                content = content.replace(b"<head>", b"<head>" + FORCE_DUTCH.encode(), 1)
            else:
                content = _dutch_error(start["status"], content)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)
