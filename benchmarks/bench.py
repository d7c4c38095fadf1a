"""Benchmark: index build time, ask latency per stage, peak memory. Not a test: it reports numbers.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py [--questions N]``). Builds a fresh
index of ``corpus/`` in a temporary folder (the converted model is reused from ``index/models``),
then asks the questions of ``evals/qa.jsonl`` in one process and prints a Markdown table that
goes into the README. Results are also written to ``benchmarks/results/<timestamp>.json``.
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
from assistant.pipeline import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=0, help="aantal vragen (0 = alle)")
    args = parser.parse_args()

    cache = ROOT / "index" / "models"
    started = time.perf_counter()
    settings = Settings(model_cache_dir=cache)
    embeddings = load_embeddings(settings)
    model_load_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=ROOT / "corpus", index_dir=Path(tmp), model_cache_dir=cache)
        assistant = Assistant(settings, embeddings=embeddings)
        report = assistant.ensure_index()
        assert report is not None
        pages = sum(d["pages"] or 0 for d in assistant.index.documents())

        questions = [json.loads(x)["question"] for x in (ROOT / "evals" / "qa.jsonl").read_text().splitlines() if x]
        if args.questions:
            questions = questions[: args.questions]
        assistant.ask(questions[0])  # warm-up
        stages: dict[str, list[float]] = {}
        for q in questions:
            for stage, ms in assistant.ask(q).timings_ms.items():
                stages.setdefault(stage, []).append(ms)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model_load_s": round(model_load_s, 1),
        "index": {
            "documents": len(report.added),
            "pages": pages,
            "chunks": report.chunks_total,
            "seconds": round(report.seconds, 1),
            "seconds_per_100_pages": round(report.seconds / max(1, pages) * 100, 1),
            "chunks_per_second": round(report.chunks_total / max(report.seconds, 1e-9), 1),
        },
        "ask_ms": {
            stage: {"p50": round(statistics.median(v), 1), "p95": round(percentile(v, 95), 1)}
            for stage, v in stages.items()
        },
        "questions": len(questions),
        "peak_rss_mb": round(peak_mb),
    }
    out = ROOT / "benchmarks" / "results" / time.strftime("%Y%m%d-%H%M%S.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")

    i = result["index"]
    print(f"Machine: {result['machine']}")
    print("| metric | value |\n|---|---|")
    print(f"| model load | {result['model_load_s']} s |")
    print(f"| index build ({i['documents']} docs, {i['pages']} pages, {i['chunks']} chunks) | {i['seconds']} s |")
    print(f"| index build per 100 pages | {i['seconds_per_100_pages']} s |")
    for stage, m in result["ask_ms"].items():
        print(f"| ask: {stage} p50 / p95 ({len(questions)} questions) | {m['p50']} / {m['p95']} ms |")
    print(f"| peak memory (RSS) | {result['peak_rss_mb']} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
