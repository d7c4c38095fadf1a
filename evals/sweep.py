"""Sweep retrieval settings on the QA sets, choosing on the dev split and reporting the test split.

Run: ``.venv/bin/python -m evals.sweep [--chunk-sizes 900,1200] [--out sweep.json]``

Retrieval only (no answers), so a grid of a few dozen settings takes minutes. Each chunk size needs
its own temporary index; fusion settings reuse it. The default pipeline's numbers must be chosen
with this on dev and confirmed on test, never tuned on test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

from assistant.embeddings import load_embeddings
from assistant.pipeline import Assistant
from assistant.settings import Settings

from . import metrics
from .data import load_qa
from .runner import Scorer
from .systems import PipelineSystem, variant


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk-sizes", default="900")
    parser.add_argument("--overlaps", default="150")
    parser.add_argument("--rrf-k", default="10,30,60")
    parser.add_argument("--weights", default="1:1,1:1.5,1:2,1.5:1")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    user = Settings()
    items = [q for name in ("qa.jsonl", "qa_extra.jsonl") for q in load_qa(name) if q.answerable]
    embeddings = load_embeddings(user)
    judge = Scorer()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, overlap in itertools.product(
            [int(x) for x in args.chunk_sizes.split(",")], [int(x) for x in args.overlaps.split(",")]
        ):
            index_dir = Path(tmp) / f"i{size}-{overlap}"
            settings = user.model_copy(
                update={
                    "index_dir": index_dir,
                    "model_cache_dir": Path(user.models_dir).resolve(),
                    "chunk_size": size,
                    "chunk_overlap": overlap,
                }
            )
            base = Assistant(settings, embeddings=embeddings)
            base.ensure_index(rebuild=True)
            grid = [("bm25", {"retrieval_mode": "bm25"}), ("dense", {"retrieval_mode": "dense"})]
            for k, w in itertools.product(args.rrf_k.split(","), args.weights.split(",")):
                wb, wd = (float(x) for x in w.split(":"))
                grid.append((f"rrf k{k} {w}", {"rrf_k": int(k), "weight_bm25": wb, "weight_dense": wd}))
            for name, changes in grid:
                system = PipelineSystem(name, variant(base, **changes))
                row: dict[str, Any] = {"chunk_size": size, "overlap": overlap, "config": name}
                for split in ("dev", "test"):
                    ranks = [judge.ranks(q, system.retrieve(q)) for q in items if q.split == split]
                    row[split] = metrics.rank_metrics(ranks)
                results.append(row)
                d, t = row["dev"], row["test"]
                print(
                    f"{size:5} {overlap:4} {name:18} dev R@1 {d['recall@1']:.2f} R@5 {d['recall@5']:.2f} "
                    f"MRR {d['mrr']:.3f} | test R@1 {t['recall@1']:.2f} R@5 {t['recall@5']:.2f} MRR {t['mrr']:.3f}",
                    flush=True,
                )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
