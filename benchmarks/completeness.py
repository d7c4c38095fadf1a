"""Ingest completeness: how many words printed on a PDF's table pages end up in neither the page's text nor one of
its tables.

A table detector that takes a region of the page for a table leaves the region's words out of the page text and
keeps only what the table holds (caption, headers, row labels, cells). A word it does not hold (a text cell, a
description between the columns, a line under the last row) is then lost to the index without any error; this
report makes that visible per document. Not a test: the number is not zero yet (see the README).

    .venv/bin/python benchmarks/completeness.py [PDF or folder ...] [--pages 80]

Prints a Markdown table: per document the table pages read, the words on them and the words lost, with examples.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.table_detect import dedupe_chars, page_words, read_page  # noqa: E402
from assistant.tables import Table  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "realdata" / "pdf-sociaal-domein", ROOT.parent / "shared" / "realdata" / "pdf"]


def page_text(items: list[str | Table]) -> str:
    """Everything a page read by ``read_page`` says: its text lines and, of each table, caption, headers, labels
    and cells."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Table):
            out += [item.caption, *item.headers, *(row.label for row in item.rows)]
            out += [f"{header} {value}" for row in item.rows for header, value in row.cells]
        else:
            out.append(item)
    return " ".join(out)


def lost_words(page: Any, number: int) -> tuple[int, list[str]] | None:
    """(words on the page, words neither in its text nor in a table) for a page with a table; None otherwise."""
    items = read_page(page, number)
    if not any(isinstance(item, Table) for item in items):
        return None
    text = page_text(items)
    held = set(text.split())
    words = [w["text"] for w in page_words(dedupe_chars(page))]
    return len(words), [w for w in words if w not in held and w not in text]


def measure(path: Path, max_pages: int) -> dict[str, Any]:
    import pdfplumber

    pages = words = 0
    lost: list[tuple[int, list[str]]] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages[:max_pages], start=1):
            try:
                result = lost_words(page, number)
            except (ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError):
                continue
            if result is None:
                continue
            pages += 1
            words += result[0]
            if result[1]:
                lost.append((number, result[1]))
    return {"document": path.name, "pages": pages, "words": words, "lost": lost}


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Volledigheid van het lezen: woorden op tabelpagina's die in de tekst noch in een tabel staan."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="PDF's of mappen met PDF's")
    parser.add_argument("--pages", type=int, default=80, help="hoogstens zoveel pagina's per document")
    args = parser.parse_args()
    missing = [str(arg) for arg in args.paths if not arg.exists()]
    if missing:
        sys.exit(f"Niet gevonden: {', '.join(missing)}")
    roots = args.paths or [d for d in DEFAULT if d.is_dir()]
    files = [p for arg in roots for p in (sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg])]
    if not files:
        sys.exit("Geen PDF's gevonden.")
    print("| document | tabelpagina's | woorden | verloren | voorbeelden |")
    print("|---|---|---|---|---|")
    total_words = total_lost = 0
    for path in files:
        try:
            row = measure(path, args.pages)
        except Exception as error:  # one unreadable file is reported, the others are still measured
            print(f"| {path.name} | niet te lezen ({type(error).__name__}) | | | |")
            continue
        lost = sum(len(words) for _page, words in row["lost"])
        total_words += row["words"]
        total_lost += lost
        examples = "; ".join(f"p. {page}: {' '.join(words[:6])}" for page, words in row["lost"][:2])
        print(f"| {row['document']} | {row['pages']} | {row['words']} | {lost} | {examples} |")
    share = total_lost / total_words if total_words else 0.0
    print(f"| **totaal** | | {total_words} | **{total_lost}** ({share:.1%}) | |")


if __name__ == "__main__":
    main()
