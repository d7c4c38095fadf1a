"""One FastAPI app: the JSON API, the source pages, and the Gradio chat at ``/``.

The ``Assistant`` (models + index) is created once per process and shared by the API and the chat. Routes only
translate HTTP to the library's use cases (``ask``, ``add_document``, ``render_page``) and back; every message a
user can see is Dutch (``ui.dutch``).
"""

from __future__ import annotations

import logging
import mimetypes
import secrets
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import Depends, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.dates import parse_period
from assistant.pipeline import Assistant
from assistant.render import RenderError, render_page
from assistant.schema import Chunk, Filters

from .apidocs import api_docs_html
from .app import CSS, HEAD, build_ui
from .dutch import STATUS_MESSAGES, DutchPage, http_error, validation_error
from .viewer import SourceView, source_page_html

log = logging.getLogger("raadsassistent.server")

EXAMPLES = {
    "POST /api/ask": "curl -s http://127.0.0.1:7860/api/ask -H 'Content-Type: application/json' \\\n"
    '  -d \'{"question": "Wat doet de gemeente tegen eenzaamheid?", "filters": {"date_from": "2024"}}\'',
    "POST /api/documents": "curl -s http://127.0.0.1:7860/api/documents -F 'bestand=@nota.pdf'",
    "GET /api/documents": "curl -s http://127.0.0.1:7860/api/documents",
    "GET /api/health": "curl -s http://127.0.0.1:7860/api/health",
}


class FiltersIn(BaseModel):
    doc_types: list[str] = Field(default_factory=list, description="Soorten document, bijv. raadsinformatiebrief")
    gemeenten: list[str] = Field(default_factory=list, description="Gemeenten, bijv. Wijchen")
    date_from: str | None = Field(None, description="Vanaf: jaar, ISO-datum of Nederlandse datum (01-06-2025)")
    date_to: str | None = Field(None, description="Tot en met: jaar, ISO-datum of Nederlandse datum")


class AskIn(BaseModel):
    question: str = Field(..., description="De vraag in het Nederlands")
    filters: FiltersIn | None = Field(None, description="Beperk het zoeken tot soorten documenten, gemeenten, periode")
    history: list[str] = Field(default_factory=list, description="Eerdere (geredigeerde) vragen van het gesprek")


def _filters(body: FiltersIn | None) -> Filters | None:
    if body is None:
        return None
    dates = {}
    for name in ("date_from", "date_to"):
        raw = getattr(body, name)
        value = parse_period(raw or "")
        if raw and value is None:
            raise HTTPException(422, f"De datum '{raw}' in {name} is niet te lezen; gebruik bijv. 2024 of 01-06-2025.")
        dates[name] = value
    return Filters(body.doc_types, body.gemeenten, **dates)


def build_app(assistant: Assistant) -> FastAPI:
    s = assistant.settings
    credentials = (s.ui_username, s.ui_password) if s.ui_username and s.ui_password else None
    security = HTTPBasic(auto_error=False)

    def check_login(given: HTTPBasicCredentials | None = Depends(security)) -> None:  # noqa: B008
        """With a username/password configured, the API asks for the same login as the chat (HTTP basic)."""
        if credentials is None:
            return
        ok = given is not None and all(
            secrets.compare_digest(a.encode(), b.encode())
            for a, b in zip((given.username, given.password), credentials, strict=True)
        )
        if not ok:
            raise HTTPException(
                status_code=401,
                detail="Inloggen vereist.",
                headers={"WWW-Authenticate": 'Basic realm="Raadsassistent"'},
            )

    app = FastAPI(
        title="Raadsassistent",
        description="Vragen over beleidsdocumenten, met bronvermelding.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        """Users get a Dutch sentence, never a stack trace; the log gets the exception type only."""
        log.error("onverwachte fout: %s", type(exc).__name__)
        return JSONResponse(status_code=500, content={"detail": STATUS_MESSAGES[500]})

    def document(doc_id: str) -> dict[str, Any]:
        # Only files the index knows are served: no path from the request ever reaches the file system.
        doc = next((d for d in assistant.index.documents() if d["doc_id"] == doc_id), None)
        if doc is None or not Path(doc["path"]).is_file():
            raise HTTPException(status_code=404, detail="Dit document is niet (meer) beschikbaar.")
        return doc

    @app.post("/api/ask", dependencies=[Depends(check_login)], summary="Stel een vraag")
    def ask(body: AskIn) -> JSONResponse:
        """Het antwoord met bronnen (citations: document, pagina, letterlijk citaat), of een weigering."""
        if not body.question.strip():
            raise HTTPException(status_code=422, detail="Stel een vraag: het veld 'question' is leeg.")
        answer = assistant.ask(body.question, filters=_filters(body.filters), history=body.history)
        return JSONResponse(answer.to_json())

    @app.get("/api/documents", dependencies=[Depends(check_login)], summary="Geïndexeerde documenten")
    def documents() -> list[dict[str, Any]]:
        """Alle documenten in de index met titel, soort, datum, aantal pagina's en passages."""
        keys = ("doc_id", "title", "doc_type", "date", "zaaknummer", "gemeenten", "pages", "chunks", "indexed_at")
        return [{k: d.get(k) for k in keys} for d in assistant.index.documents()]

    @app.post("/api/documents", dependencies=[Depends(check_login)], summary="Voeg een document toe")
    def add_document(bestand: UploadFile = File(..., description="PDF, TXT of MD")) -> JSONResponse:  # noqa: B008
        """Controleert het bestand, zet het in de corpusmap en werkt de index bij. Een dubbel of onleesbaar
        bestand wordt geweigerd met een Nederlandse reden (``reason``); er verandert dan niets."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "upload"
            with path.open("wb") as f:
                while chunk := bestand.file.read(1 << 20):
                    f.write(chunk)
            result = assistant.add_document(path, name=bestand.filename or "document")
        status = 201 if result.ok else (409 if result.reason == "duplicate" else 422)
        body = {"ok": result.ok, "detail": result.message, "reason": result.reason, "doc_id": result.doc_id}
        return JSONResponse(status_code=status, content=body)

    @app.get("/api/health", summary="Draait de dienst?")
    def health() -> dict[str, Any]:
        documents = len(assistant.index.documents())
        return {"status": "ok", "documents": documents, "chunks": len(assistant.retriever.chunks)}

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(api_docs_html(app.openapi(), EXAMPLES))

    @app.get("/bron/{doc_id}", dependencies=[Depends(check_login)], include_in_schema=False)
    def source(doc_id: str, download: int = 0) -> FileResponse:
        path = Path(document(doc_id)["path"])
        media = mimetypes.guess_type(path.name)[0] or "text/plain"
        if media.startswith("text/"):
            media += "; charset=utf-8"
        disposition = "attachment" if download else "inline"
        return FileResponse(path, media_type=media, filename=path.name, content_disposition_type=disposition)

    @app.get("/bron/{doc_id}/pagina/{page:int}.png", dependencies=[Depends(check_login)], include_in_schema=False)
    def page_image(doc_id: str, page: int, citaat: str = "", cel: str = "") -> Response:
        path = Path(document(doc_id)["path"])
        if path.suffix.lower() != ".pdf":
            raise HTTPException(status_code=404, detail="Alleen van een PDF kan een pagina worden getoond.")
        try:
            png, _boxes = render_page(path, page, citaat, cel)
        except RenderError as exc:
            raise HTTPException(status_code=404, detail=f"Deze pagina kan niet worden getoond: {exc}.") from exc
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    @app.get("/bron/{doc_id}/pagina/{page:int}", dependencies=[Depends(check_login)], include_in_schema=False)
    def page_view(doc_id: str, page: int, citaat: str = "", cel: str = "", passage: str = "") -> HTMLResponse:
        doc = document(doc_id)
        chunk = _passage(assistant, doc_id, passage, page, citaat)
        view = SourceView(doc=doc, page=page if doc.get("pages") else None, quote=citaat, cell=cel, passage=chunk,
                          image_url=None)  # fmt: skip
        if Path(doc["path"]).suffix.lower() == ".pdf":
            try:
                png, view.boxes = render_page(Path(doc["path"]), page, citaat, cel)
                view.image_size = _png_size(png)
                query = str(_request_query(citaat, cel))
                view.image_url = f"{page}.png{query}"
            except RenderError as exc:
                view.notice = f"Deze pagina kan niet worden getoond: {exc}."
        return HTMLResponse(source_page_html(view))

    app.add_middleware(DutchPage)
    return gr.mount_gradio_app(app, build_ui(assistant), path="", auth=credentials, css=CSS, head=HEAD,
                               footer_links=[])  # fmt: skip


def _request_query(quote: str, cell: str) -> str:
    from urllib.parse import urlencode

    params = {k: v for k, v in (("citaat", quote), ("cel", cell)) if v}
    return f"?{urlencode(params)}" if params else ""


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), so the page keeps its place while the image loads."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _passage(assistant: Assistant, doc_id: str, chunk_id: str, page: int, quote: str) -> Chunk | None:
    """The cited chunk; for a link without one (typed by hand, or from the register) the chunk of that page that
    holds the quote, else the page's first chunk."""
    chunks = assistant.retriever.snapshot.chunks
    if chunk_id:
        found = next((c for c in chunks if c.chunk_id == chunk_id and c.doc_id == doc_id), None)
        if found is not None:
            return found

    def on_page(c: Chunk) -> bool:
        if not c.page:
            return True
        first, _, last = c.page.partition("-")
        return int(first) <= page <= int(last or first)

    candidates = [c for c in chunks if c.doc_id == doc_id and on_page(c)]
    return next((c for c in candidates if quote and quote in c.text), candidates[0] if candidates else None)


def serve(assistant: Assistant) -> None:
    import uvicorn

    s = assistant.settings
    print(f"Raadsassistent draait op http://{s.server_host}:{s.server_port}/  (stoppen: Ctrl-C)", flush=True)
    uvicorn.run(build_app(assistant), host=s.server_host, port=s.server_port, log_level="warning")
