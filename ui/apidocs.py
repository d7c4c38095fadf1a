"""A Dutch API reference page built from the app's OpenAPI schema, with no scripts or stylesheets from a CDN.

FastAPI's Swagger UI loads its JavaScript from a CDN, so on a machine without internet ``/api/docs`` was blank.
This page is plain HTML rendered on the server: every endpoint, its fields and an example ``curl`` call.

Example:
    >>> page = api_docs_html({"info": {"title": "T"}, "paths": {"/api/x": {"get": {"summary": "Iets"}}}})
    >>> "/api/x" in page and 'lang="nl"' in page
    True
"""

from __future__ import annotations

import html
from typing import Any

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1f2937;
       line-height: 1.5; background: #f7f7f8; }
main { max-width: 900px; margin: 0 auto; padding: 16px; }
section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 16px; margin: 12px 0; }
h2 { font-size: 1.05rem; margin: 4px 0; } code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; }
pre { background: #f3f4f6; padding: 8px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; }
.methode { display: inline-block; min-width: 3.5em; font-weight: 600; color: #1d4ed8; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 4px 6px;
       border-bottom: 1px solid #eee; vertical-align: top; }
"""


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
    return schema


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " of ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    names = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "waar/onwaar",
             "array": "lijst", "object": "object"}  # fmt: skip
    if "$ref" in schema:
        return "object"
    return names.get(schema.get("type", ""), schema.get("type", "") or "waarde")


def _fields(schema: dict[str, Any], spec: dict[str, Any]) -> list[tuple[str, str, bool, str]]:
    schema = _resolve(schema, spec)
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema.get("properties", {}).items():
        out.append((name, _type(prop), name in required, prop.get("description", "")))
    return out


def api_docs_html(spec: dict[str, Any], examples: dict[str, str] | None = None) -> str:
    """The reference page; ``examples`` maps "METHOD /path" to a ready-to-run ``curl`` line."""
    examples = examples or {}
    info = spec.get("info", {})
    parts = [
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>API – {html.escape(info.get('title', 'Raadsassistent'))}</title><style>{STYLE}</style></head>",
        f"<body><main><h1>API van de {html.escape(info.get('title', 'Raadsassistent'))}</h1>",
        "<p>Alle antwoorden zijn JSON. Foutmeldingen staan in het veld <code>detail</code>, in het Nederlands. "
        "Het volledige schema staat in <a href='openapi.json'>openapi.json</a>.</p>",
    ]
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            key = f"{method.upper()} {path}"
            parts.append(f"<section id='{html.escape(method + path)}'><h2>")
            parts.append(f"<span class='methode'>{method.upper()}</span><code>{html.escape(path)}</code></h2>")
            text = op.get("description") or op.get("summary") or ""
            if text:
                parts.append(f"<p>{html.escape(text)}</p>")
            rows = [
                (p["name"], _type(p.get("schema", {})), bool(p.get("required")), p.get("description", ""))
                for p in op.get("parameters", [])
            ]
            for media in op.get("requestBody", {}).get("content", {}).values():
                rows += _fields(media.get("schema", {}), spec)
            if rows:
                parts.append("<table><tr><th>Veld</th><th>Soort</th><th>Verplicht</th><th>Uitleg</th></tr>")
                for name, kind, req, desc in rows:
                    parts.append(
                        f"<tr><td><code>{html.escape(name)}</code></td><td>{html.escape(kind)}</td>"
                        f"<td>{'ja' if req else 'nee'}</td><td>{html.escape(desc)}</td></tr>"
                    )
                parts.append("</table>")
            if key in examples:
                parts.append(f"<p>Voorbeeld:</p><pre>{html.escape(examples[key])}</pre>")
            parts.append("</section>")
    parts.append("</main></body></html>")
    return "".join(parts)
