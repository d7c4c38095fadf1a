"""Measure retrieval (BM25, dense, fusion variants) and the extractive answerer on evals/qa.jsonl.

Run: ``.venv/bin/python evals/retrieval_eval.py [--split dev|test|all] [--out evals/reports/NAME.json]``

A retrieved chunk counts as relevant when it comes from the question's document and contains
its evidence phrase (whitespace-normalised). Answer fact hit: every expected string occurs in
the answer. The abstention threshold is calibrated on the dev split (``--calibrate``) and
reported on test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.pipeline import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

CONFIGS: dict[str, dict[str, Any]] = {
    "bm25": {"mode": "bm25"},
    "dense": {"mode": "dense"},
    "rrf 1:1 k60": {"weight_bm25": 1.0, "weight_dense": 1.0, "rrf_k": 60},
    "rrf 1:1 k10": {"weight_bm25": 1.0, "weight_dense": 1.0, "rrf_k": 10},
    "rrf 2:1 k60": {"weight_bm25": 2.0, "weight_dense": 1.0, "rrf_k": 60},
    "rrf 1:2 k60": {"weight_bm25": 1.0, "weight_dense": 2.0, "rrf_k": 60},
    "rrf 1.5:1 k20": {"weight_bm25": 1.5, "weight_dense": 1.0, "rrf_k": 20},
    "rrf 1:1 k60 + dense rerank": {"weight_bm25": 1.0, "weight_dense": 1.0, "rrf_k": 60, "rerank": "dense"},
}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def load_questions(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in (ROOT / "evals" / "qa.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def relevant(chunk: Any, q: dict[str, Any]) -> bool:
    return chunk.doc_id == q["doc_id"] and norm(q["evidence"]) in norm(chunk.text)


def retrieval_metrics(assistant: Assistant, questions: list[dict[str, Any]]) -> dict[str, Any]:
    base = assistant.settings
    out: dict[str, Any] = {}
    answerable = [q for q in questions if q["evidence"]]
    for name, cfg in CONFIGS.items():
        mode = cfg.get("mode", "hybrid")
        assistant.retriever.settings = base.model_copy(update={k: v for k, v in cfg.items() if k != "mode"})
        ranks: dict[str, list[int | None]] = {}
        for q in answerable:
            hits = assistant.retriever.search(q["question"], 10, mode=mode).hits
            rank = next((i + 1 for i, h in enumerate(hits) if relevant(h.chunk, q)), None)
            ranks.setdefault(q["style"], []).append(rank)
            ranks.setdefault("all", []).append(rank)
        out[name] = {style: summarize(r) for style, r in ranks.items()}
    assistant.retriever.settings = base
    return out


def summarize(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "R@1": sum(1 for r in ranks if r and r <= 1) / n,
        "R@5": sum(1 for r in ranks if r and r <= 5) / n,
        "R@10": sum(1 for r in ranks if r and r <= 10) / n,
        "MRR": sum(1 / r for r in ranks if r) / n,
    }


def answer_metrics(assistant: Assistant, questions: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for q in questions:
        result = assistant.retriever.search(q["question"])
        scored = assistant.extractive.score_sentences(q["question"], result)
        started = time.perf_counter()
        answer = assistant.ask(q["question"])
        latency = (time.perf_counter() - started) * 1000
        fact = all(norm(e) in norm(answer.answer) for e in q["expected"]) if q["expected"] else None
        cited = any(c.doc_id == q["doc_id"] and norm(q["evidence"]) in norm(c.text) for c in answer.citations)
        rows.append(
            {
                "id": q["id"],
                "style": q["style"],
                "answerable": bool(q["evidence"]),
                "top_score": scored[0].score if scored else 0.0,
                "abstained": answer.abstained,
                "fact_hit": fact and not answer.abstained,
                "cited_evidence": cited and not answer.abstained,
                "answer": answer.answer,
                "latency_ms": latency,
            }
        )
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    abstained = [r for r in rows if r["abstained"]]
    return {
        "fact_hit": sum(bool(r["fact_hit"]) for r in answerable) / max(1, len(answerable)),
        "citation_hit": sum(bool(r["cited_evidence"]) for r in answerable) / max(1, len(answerable)),
        "abstain_recall": sum(r["abstained"] for r in unanswerable) / max(1, len(unanswerable)),
        "abstain_precision": sum(not r["answerable"] for r in abstained) / max(1, len(abstained)),
        "false_abstain": sum(r["abstained"] for r in answerable) / max(1, len(answerable)),
        "latency_p50_ms": statistics.median(r["latency_ms"] for r in rows),
        "rows": rows,
    }


def calibrate(rows: list[dict[str, Any]]) -> tuple[float, float]:
    """Threshold maximising balanced accuracy of 'answer' vs 'abstain' on the given rows."""
    best = (0.0, -1.0)
    for t in sorted({round(r["top_score"], 3) for r in rows}):
        tpr = sum(r["top_score"] >= t for r in rows if r["answerable"]) / max(1, sum(r["answerable"] for r in rows))
        tnr = sum(r["top_score"] < t for r in rows if not r["answerable"]) / max(
            1, sum(not r["answerable"] for r in rows)
        )
        if (tpr + tnr) / 2 > best[1]:
            best = (t, (tpr + tnr) / 2)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-retrieval", action="store_true")
    args = parser.parse_args()
    assistant = Assistant(Settings())
    assistant.ensure_index()
    questions = load_questions(args.split)
    report: dict[str, Any] = {"split": args.split, "questions": len(questions)}
    if not args.no_retrieval:
        report["retrieval"] = retrieval_metrics(assistant, questions)
        print(f"{'config':32} {'style':12} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}")
        for name, by_style in report["retrieval"].items():
            for style, m in by_style.items():
                print(f"{name:32} {style:12} {m['R@1']:6.2f} {m['R@5']:6.2f} {m['R@10']:6.2f} {m['MRR']:6.2f}")
    report["answers"] = answer_metrics(assistant, questions)
    a = report["answers"]
    threshold, balanced = calibrate(a["rows"])
    print(
        f"answers: fact hit {a['fact_hit']:.2f}, citation hit {a['citation_hit']:.2f}, "
        f"abstain recall {a['abstain_recall']:.2f}, precision {a['abstain_precision']:.2f}, "
        f"false abstain {a['false_abstain']:.2f}, p50 {a['latency_p50_ms']:.0f} ms; "
        f"best threshold on this split {threshold:.3f} (balanced acc {balanced:.2f})"
    )
    for r in a["rows"]:
        if (r["answerable"] and not r["fact_hit"]) or (not r["answerable"] and not r["abstained"]):
            print(f"  MISS {r['id']} {r['style']:12} score={r['top_score']:.3f} :: {r['answer'][:150]!r}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
