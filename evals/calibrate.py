"""Calibrate the answerer on the dev splits: run the dev questions of every set, list what went wrong, and
optionally try a grid of answer settings (no re-indexing: the indexes are kept in ``--workdir``).

Run: ``.venv/bin/python -m evals.calibrate [--grid] [--sets qa,blind,tables,pdftext,staff]``

Choosing on dev and reporting on test is the rule (see evals/README.md): this tool never reads the test split.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from assistant.settings import Settings

from .runner import Runner, Suite, load_suite

#: Answer settings tried with --grid.
GRID = {
    "abstain_threshold": [0.45, 0.50, 0.55, 0.60],
    "answer_min_coverage": [0.0, 0.15, 0.3],
    "answer_max_silent_share": [0.25, 0.5],
}


def dev_suite(sets: list[str]) -> Suite:
    """The dev split of the named sets ("qa" = the corpus QA set), hybrid only."""
    full = load_suite("full")
    named = {s.name: s for s in load_suite("calibration").sets}
    chosen = []
    for name in sets:
        if name == "qa":
            continue
        spec = named[name]
        spec.split, spec.configs = "dev", ["hybrid"]
        chosen.append(spec)
    qa = full.qa if "qa" in sets else []
    return Suite(name="dev", qa=qa, split="dev", configs=["hybrid"], answer_configs=["hybrid"], sets=chosen)


def score(summary: dict[str, Any], parts: list[str]) -> float:
    """Right answers and right abstentions count 1, an answer to an unanswerable question counts -1."""
    total = 0.0
    for part in parts:
        s = summary.get(part, {}).get("hybrid")
        if not s:
            continue
        outcomes = s.get("outcomes", {})
        total += outcomes.get("ok", 0) - outcomes.get("answered_unanswerable", 0)
    return total


def run(settings: Settings, suite: Suite, workdir: Path) -> dict[str, Any]:
    return Runner(suite, settings, workdir, show_progress=False, reuse_indexes=True).run()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="qa,blind,tables,pdftext")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/raadsassistent-calibrate"))
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--failures", action="store_true", help="print every failed dev question")
    args = parser.parse_args()
    names = args.sets.split(",")
    suite = dev_suite(names)
    parts = ["qa" if n == "qa" else n for n in names]
    user = Settings()
    args.workdir.mkdir(parents=True, exist_ok=True)
    result = run(user, suite, args.workdir)
    for note in result.get("notes", []):  # a set skipped for a missing folder must not pass for a score of 0
        print(f"let op: {note}", file=sys.stderr, flush=True)
    print(_line("default", result["summary"], parts), flush=True)
    if args.failures:
        for part in parts:
            for row in result.get(part, {}).get("hybrid", {}).get("rows", []):
                outcome = row.get("outcome", "ok")
                if outcome == "ok" and row.get("lead_hit") is False:
                    outcome = "lead_miss"  # right, but the answer does not open with the asked fact
                if outcome != "ok":
                    answer = " ".join(row.get("answer", "").split())[:260]
                    head = " ".join(row.get("lead", "").split())[:200] if "\n\n" in row.get("answer", "") else ""
                    print(f"[{part}] {row['id']} {row['type']} {outcome} ranks={row['ranks']}\n"
                          f"   Q: {row['question']}\n   verwacht: {row['expected']}\n   A: {answer}"
                          + (f"\n   voorop: {head}" if head else ""))  # fmt: skip
    if args.grid:
        rows = []
        for values in itertools.product(*GRID.values()):
            changes = dict(zip(GRID, values, strict=True))
            result = run(user.model_copy(update=changes), suite, args.workdir)
            rows.append((score(result["summary"], parts), changes, result["summary"]))
            print(_line(json.dumps(changes), result["summary"], parts), flush=True)
        best = max(rows, key=lambda r: r[0])
        print("beste (dev):", json.dumps(best[1]), best[0])
    return 0


def _line(name: str, summary: dict[str, Any], parts: list[str]) -> str:
    cells = []
    for part in parts:
        s = summary.get(part, {}).get("hybrid", {})
        cells.append(
            f"{part}: feit {s.get('fact_hit')} voorop {s.get('lead_hit')}"
            f" onth P/R {s.get('abstain_precision')}/{s.get('abstain_recall')}"
            f" vals-niet {s.get('false_abstain')}"
        )
    return f"{name} | score {score(summary, parts):.0f} | " + " | ".join(cells)


if __name__ == "__main__":
    raise SystemExit(main())
