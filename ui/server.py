"""One FastAPI app: the JSON API (``POST /api/ask``), the source documents, and the Gradio chat at ``/``.

The ``Assistant`` (models + index) is created once per process and shared by the API and the chat.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import logging
import mimetypes
import secrets
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

from assistant.pipeline import Assistant
from assistant.schema import Filters

from .app import CSS, build_ui

log = logging.getLogger("raadsassistent.server")


class FiltersIn(BaseModel):
    doc_types: list[str] = Field(default_factory=list)
    gemeenten: list[str] = Field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None


class AskIn(BaseModel):
    question: str = Field(..., description="De vraag in het Nederlands")
    filters: FiltersIn | None = None
    history: list[str] = Field(default_factory=list, description="Eerdere (geredigeerde) vragen van het gesprek")


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

    app = FastAPI(title="Raadsassistent", docs_url="/api/docs", openapi_url="/api/openapi.json")

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        """Users get a Dutch sentence, never a stack trace; the log gets the exception type only."""
        log.error("onverwachte fout: %s", type(exc).__name__)
        return JSONResponse(status_code=500, content={"detail": "Er ging iets mis. Probeer het later opnieuw."})

    @app.post("/api/ask", dependencies=[Depends(check_login)])
    def ask(body: AskIn) -> JSONResponse:
        if not body.question.strip():
            raise HTTPException(status_code=422, detail="Stel een vraag: het veld 'question' is leeg.")
        filters = Filters(**body.filters.model_dump()) if body.filters else None
        answer = assistant.ask(body.question, filters=filters, history=body.history)
        return JSONResponse(answer.to_json())

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "documents": len(assistant.index.documents()),
            "chunks": len(assistant.retriever.chunks),
        }

    @app.get("/bron/{doc_id}", dependencies=[Depends(check_login)])
    def source(doc_id: str) -> FileResponse:
        # Only files the index knows are served: no path from the request ever reaches the file system.
        doc = next((d for d in assistant.index.documents() if d["doc_id"] == doc_id), None)
        if doc is None or not Path(doc["path"]).is_file():
            raise HTTPException(status_code=404, detail="Dit document is niet (meer) beschikbaar.")
        path = Path(doc["path"])
        media = mimetypes.guess_type(path.name)[0] or "text/plain"
        if media.startswith("text/"):
            media += "; charset=utf-8"
        return FileResponse(path, media_type=media, content_disposition_type="inline")

    return gr.mount_gradio_app(app, build_ui(assistant), path="", auth=credentials, css=CSS, footer_links=[])


def serve(assistant: Assistant) -> None:
    import uvicorn

    s = assistant.settings
    print(f"Raadsassistent draait op http://{s.server_host}:{s.server_port}/  (stoppen: Ctrl-C)", flush=True)
    uvicorn.run(build_app(assistant), host=s.server_host, port=s.server_port, log_level="warning")
