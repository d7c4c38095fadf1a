"""Command line: ``assistant index | ask | chat | run``. Thin on purpose: all logic lives in the stages.

Contract (other tools depend on it): ``assistant ask "vraag" --json`` prints one JSON object;
``assistant ask --json`` without a question reads one question per line from stdin and writes
one JSON object per line, loading models and index once.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .settings import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="map met documenten (standaard: corpus/)")
    common.add_argument("--index", type=Path, help="map voor de index (standaard: index/)")
    parser = argparse.ArgumentParser(
        prog="assistant", description="Raadsassistent: vragen over beleidsdocumenten, met bronvermelding."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", parents=[common], help="index bouwen of bijwerken")
    p.add_argument("--rebuild", action="store_true", help="alles opnieuw inbedden")
    p = sub.add_parser("ask", parents=[common], help="één vraag stellen (of een vraag per regel via stdin)")
    p.add_argument("question", nargs="?", help="de vraag; zonder vraag en met --json: één vraag per regel van stdin")
    p.add_argument("--json", action="store_true", help="antwoord als JSON")
    sub.add_parser("chat", parents=[common], help="interactief vragen stellen in de terminal")
    p = sub.add_parser("decisions", parents=[common], help="het besluitenregister doorzoeken")
    p.add_argument("--since", help="vanaf datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)")
    p.add_argument("--until", help="tot en met datum")
    p.add_argument("--zaak", help="zaaknummer, bijv. Z/24/244510")
    p.add_argument("--q", help="zoekwoorden in de omschrijving")
    p.add_argument("--json", action="store_true", help="als JSON-lijst")
    p = sub.add_parser("eval", parents=[common], help="de evaluatie draaien en een rapport schrijven")
    p.add_argument("--set", default="full", help="eval-set uit evals/config.toml: full (standaard), fast, qa, ...")
    p.add_argument("--out", type=Path, help="map voor het rapport (standaard: evals/reports/<tijdstip>/)")
    p.add_argument("--config", type=Path, help="eval-configuratie (standaard: evals/config.toml)")
    p.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")
    for name, text in (("serve", "de webchat starten"), ("run", "index bijwerken indien nodig en de webchat starten")):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("--host", help="adres (standaard 127.0.0.1)")
        p.add_argument("--port", type=int, help="poort (standaard 7860)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = args.corpus
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "host", None):
        overrides["server_host"] = args.host
    if getattr(args, "port", None):
        overrides["server_port"] = args.port
    return Settings(**overrides)


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr (stdout stays clean for JSON)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("[bold]Indexeren[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, description: str) -> None:
            bar.update(task, completed=done, total=total or None, description=description[:50])

        yield update


def _load(args: argparse.Namespace, *, show_progress: bool) -> Any:
    from .pipeline import Assistant

    settings = _settings(args)
    _err(f"Model en index laden ({settings.index_dir}) ...")
    assistant = Assistant(settings)
    if assistant.index.is_stale():
        _err("De index ontbreekt of is verouderd; bijwerken ...")
        with _progress_bar(show_progress) as update:
            report = assistant.ensure_index(progress=update)
        if report is not None:
            _print_report(report)
    return assistant


def _print_report(report: Any) -> None:
    for error in report.errors:
        _err(f"  overgeslagen: {error}")
    for warning in report.warnings:
        _err(f"  let op: {warning}")
    _err(report.summary())


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_index(args: argparse.Namespace) -> int:
    from .embeddings import load_embeddings
    from .index import Index

    settings = _settings(args)
    index = Index(settings, load_embeddings(settings))
    with _progress_bar(True) as update:
        report = index.update(rebuild=args.rebuild, progress=update)
    _print_report(report)
    if not index.documents():
        _err(f"Geen documenten geïndexeerd: zet PDF-, TXT- of MD-bestanden in {settings.corpus_dir}.")
        return EXIT_ERROR
    return EXIT_OK


def _format_answer(answer: Any) -> str:
    lines = [answer.answer]
    if answer.notice:
        lines.append(f"\n(Let op: {answer.notice})")
    if answer.citations and not answer.abstained:
        lines.append("\nBronnen:")
        for c in answer.citations:
            where = ", ".join(
                x
                for x in (
                    f"p. {c.page}" if c.page else "",
                    c.section,
                    f"zaaknr. {c.zaaknummer}" if c.zaaknummer else "",
                )
                if x
            )
            lines.append(f"[{c.n}] {c.title} ({c.date}){' - ' + where if where else ''}")
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    if args.question is None and not args.json:
        _err("Geef een vraag op, of gebruik --json om vragen regel voor regel via stdin te sturen.")
        return EXIT_USAGE
    assistant = _load(args, show_progress=True)
    if args.question is not None:
        answer = assistant.ask(args.question)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            print(_format_answer(answer))
        return EXIT_OK
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = assistant.ask(line.strip())
        print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
    return EXIT_OK


def cmd_chat(args: argparse.Namespace) -> int:
    assistant = _load(args, show_progress=True)
    print("Raadsassistent - stel een vraag over de documenten. Typ 'stop' of druk Ctrl-D om te stoppen.")
    while True:
        try:
            question = input("\nVraag: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return EXIT_OK
        if question.lower() in {"stop", "exit", "quit", "q"}:
            return EXIT_OK
        if question:
            print(_format_answer(assistant.ask(question)))


def cmd_decisions(args: argparse.Namespace) -> int:
    """Needs no model: the register is built from the documents themselves (and saved next to the index)."""
    from .decisions import DecisionRegister, display_date
    from .ingest import load_corpus

    settings = _settings(args)
    path = Path(settings.index_dir) / "decisions.sqlite"
    register = _stored_register(path, settings)
    if register is None:
        register = DecisionRegister.build(load_corpus(settings.corpus_dir, workers=settings.ingest_workers).documents)
        register.save(path)
    since, until = (_iso(args.since), _iso(args.until))
    found = register.query(since=since, until=until, zaak=args.zaak, q=args.q)
    if args.json:
        print(json.dumps([d.to_json() for d in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Besluitenregister ({len(found)} van {len(register.decisions)})", show_lines=True)
    for column in ("Datum", "Onderwerp", "Besluit", "Zaaknummer", "Door", "Bron"):
        table.add_column(column, overflow="fold")
    for d in found:
        sources = "\n".join(f"{s.title}, p. {s.page}" for s in d.sources)
        omschrijving = d.omschrijving + ("\n[bold red]Let op:[/] " + " ".join(d.conflicts) if d.conflicts else "")
        besluit = d.besluit if len(d.besluit) <= 300 else d.besluit[:299].rsplit(" ", 1)[0] + " …"
        table.add_row(display_date(d.date), omschrijving, besluit, d.zaaknummer, d.body, sources)
    Console().print(table)
    return EXIT_OK


def _iso(value: str | None) -> str | None:
    """A date as typed ("1-1-2024", "01-01-2024", "2024-01-01", "januari 2024", "2024") as an ISO prefix."""
    from .dates import parse_period

    if not value:
        return None
    iso = parse_period(value)
    if iso is None:
        raise SystemExit(f"Onbekende datum '{value}': gebruik bijvoorbeeld 2024, 2024-01-01 of 01-01-2024.")
    return iso


def _stored_register(path: Path, settings: Settings) -> Any:
    """The register saved with the index, when it was written by this code for the documents now in the corpus."""
    from .decisions import DecisionRegister, RegisterOutdated
    from .ingest import file_hashes
    from .store import ChromaStore

    if not path.exists():
        return None
    try:
        indexed = {d["doc_id"]: d["hash"] for d in ChromaStore(settings).documents()}
        if indexed != file_hashes(settings.corpus_dir):
            return None
        return DecisionRegister.load(path)
    except (RegisterOutdated, sqlite3.DatabaseError, ValueError):
        return None


def cmd_eval(args: argparse.Namespace) -> int:
    """Exit 0 when every threshold of the set is met, 3 when one is not (the report lists which)."""
    try:
        from evals.runner import CONFIG, run_suite
    except ImportError:
        _err("De evaluatie draait vanuit de broncode (map evals/ naast assistant/); installeer met 'pip install -e .'.")
        return EXIT_ERROR
    code, _out, _result = run_suite(
        args.set,
        args.out,
        settings=_settings(args),
        show_progress=not args.no_progress,
        config=args.config or CONFIG,
    )
    return code


def cmd_serve(args: argparse.Namespace) -> int:
    assistant = _load(args, show_progress=True)
    from ui.server import serve

    serve(assistant)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("chromadb", "httpx", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    args = _parser().parse_args(argv)
    # Structured per-question lines (no question text) from "raadsassistent.*": on by default when serving.
    configured = Settings().log_level
    logging.getLogger("raadsassistent").setLevel(
        configured or ("INFO" if args.command in ("serve", "run") else "WARNING")
    )
    from .embeddings import ModelError
    from .ingest import IngestError

    try:
        if args.command == "index":
            return cmd_index(args)
        if args.command == "ask":
            return cmd_ask(args)
        if args.command in ("serve", "run"):
            return cmd_serve(args)
        if args.command == "decisions":
            return cmd_decisions(args)
        if args.command == "eval":
            return cmd_eval(args)
        return cmd_chat(args)
    except (IngestError, ModelError, ValueError) as exc:
        _err(f"Fout: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("Afgebroken.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
