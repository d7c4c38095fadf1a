"""Benchmark: index build time per stage and per 100 pages, ask latency per stage, page render, peak memory.

Not a test: it reports numbers. ``make bench`` runs it twice: on ``corpus/`` (ask latency over ``evals/qa.jsonl``)
and on the Wassenaar besluitenlijsten (145 PDFs, 500 pages: the index-speed target of issue 14). Each run builds a
fresh index in a temporary folder (the converted model is reused from ``index/models``), prints a Markdown table
for the README and writes ``benchmarks/results/<timestamp>-<name>.json``.

    .venv/bin/python benchmarks/bench.py [--corpus DIR] [--questions N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.embeddings import load_embeddings  # noqa: E402
from assistant.ingest import load_corpus  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from assistant.render import render_page  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="map met documenten")
    parser.add_argument("--questions", type=int, default=0, help="aantal vragen (0 = alle)")
    parser.add_argument("--workers", type=int, default=0, help="processen voor het lezen van PDF's (0 = standaard)")
    args = parser.parse_args()

    cache = ROOT / "index" / "models"
    started = time.perf_counter()
    base = Settings(model_cache_dir=cache)
    embeddings = load_embeddings(base)
    model_load_s = time.perf_counter() - started
    name = args.corpus.resolve().name

    with tempfile.TemporaryDirectory() as tmp:
        extra = {"ingest_workers": args.workers} if args.workers else {}
        settings = base.model_copy(update={"corpus_dir": args.corpus, "index_dir": Path(tmp), **extra})
        assistant = Assistant(settings, embeddings=embeddings)
        t0 = time.perf_counter()
        corpus = load_corpus(settings.corpus_dir, workers=settings.ingest_workers)
        t1 = time.perf_counter()
        report = assistant.index.update(corpus=corpus)
        t2 = time.perf_counter()
        assistant.save_decisions(corpus.documents)
        assistant.retriever.refresh()
        t3 = time.perf_counter()
        stages = {"lezen (ingest)": t1 - t0, "indexeren (chunks + vectoren)": t2 - t1, "besluitenregister": t3 - t2}
        total = t3 - t0
        pages = sum(d.page_count or 0 for d in corpus.documents)

        qa = ROOT / "evals" / "qa.jsonl"
        ask: dict[str, list[float]] = {}
        questions = [json.loads(x)["question"] for x in qa.read_text().splitlines() if x] if name == "corpus" else []
        if args.questions:
            questions = questions[: args.questions]
        if questions:
            assistant.ask(questions[0])  # warm-up
            for q in questions:
                for stage, ms in assistant.ask(q).timings_ms.items():
                    ask.setdefault(stage, []).append(ms)

        render_ms = []
        for doc in corpus.documents:
            if doc.path.lower().endswith(".pdf") and len(render_ms) < 30:
                t = time.perf_counter()
                render_page(Path(doc.path), max(1, (doc.page_count or 1) // 2), doc.title)
                render_ms.append((time.perf_counter() - t) * 1000)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "corpus": name,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model_load_s": round(model_load_s, 1),
        "index": {
            "documents": len(corpus.documents),
            "pages": pages,
            "chunks": report.chunks_total,
            "seconds": round(total, 1),
            "seconds_per_100_pages": round(total / max(1, pages) * 100, 1),
            "stages_per_100_pages": {k: round(v / max(1, pages) * 100, 1) for k, v in stages.items()},
            "ingest_workers": settings.ingest_workers,
        },
        "ask_ms": {
            stage: {"p50": round(statistics.median(v), 1), "p95": round(percentile(v, 95), 1)}
            for stage, v in ask.items()
        },
        "questions": len(questions),
        "render_ms": {"p50": round(statistics.median(render_ms)), "p95": round(percentile(render_ms, 95))}
        if render_ms
        else {},
        "peak_rss_mb": round(peak_mb),
    }
    out = ROOT / "benchmarks" / "results" / time.strftime(f"%Y%m%d-%H%M%S-{name}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")

    i = result["index"]
    print(f"\n### {name} — {result['machine']}\n")
    print("| meting | waarde |\n|---|---|")
    print(f"| model laden | {result['model_load_s']} s |")
    size = f"{i['documents']} documenten, {i['pages']} pagina's, {i['chunks']} passages"
    print(f"| index bouwen ({size}) | {i['seconds']} s |")
    print(f"| index bouwen per 100 pagina's | **{i['seconds_per_100_pages']} s** |")
    for stage, v in i["stages_per_100_pages"].items():
        print(f"| &nbsp;&nbsp;waarvan {stage}, per 100 pagina's | {v} s |")
    for stage, m in result["ask_ms"].items():
        print(f"| vraag: {stage} p50 / p95 ({len(questions)} vragen) | {m['p50']} / {m['p95']} ms |")
    if render_ms:
        r = result["render_ms"]
        print(f"| pagina tonen met markering p50 / p95 | {r['p50']} / {r['p95']} ms |")
    print(f"| piekgeheugen (RSS) | {result['peak_rss_mb']} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
