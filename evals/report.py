"""Write an eval run as ``report.md`` (for people), ``report.json`` (for tools) and PNG plots.

The Markdown leads with the comparison table (ratios to the naive LangChain baseline), then each part,
then the per-question failure list of the default pipeline, so a developer reading it top-down sees
first *whether* it is good and then *what* went wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

HEADLINE = [
    ("recall@1", "R@1"),
    ("recall@5", "R@5"),
    ("recall@10", "R@10"),
    ("mrr", "MRR"),
    ("ndcg@10", "nDCG@10"),
    ("fact_hit", "feit goed"),
    ("lead_hit", "feit voorop"),
    ("citation_precision", "bron-P"),
    ("citation_recall", "bron-R"),
    ("abstain_precision", "onthoud-P"),
    ("abstain_recall", "onthoud-R"),
    ("page_cited", "pagina"),
    ("latency_p50_ms", "p50 ms"),
]
#: Shown only when an LLM endpoint judged the answers.
JUDGED = [("faithfulness", "trouw (LLM)"), ("answer_relevancy", "relevant (LLM)")]
OUTCOMES = {
    "retrieval_miss": "retrieval mist (bewijs niet in de top-passages)",
    "answer_miss": "antwoord mist (bewijs gevonden, feit niet in het antwoord)",
    "false_abstain": "onterecht 'niet gevonden'",
    "false_refusal": "onterecht geweigerd",
    "answered_unanswerable": "antwoord op een onbeantwoordbare vraag",
}


def fmt(value: Any, ratio_to: Any = None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value > 10:
        text = f"{value:.0f}"
    elif isinstance(value, float):
        text = f"{value:.2f}"
    else:
        text = str(value)
    if isinstance(ratio_to, int | float) and ratio_to and isinstance(value, int | float):
        text += f" (×{value / ratio_to:.2f})"
    return text


def columns(part: dict[str, Any]) -> list[tuple[str, str]]:
    judged = any("faithfulness" in d["summary"] for d in part.values())
    return HEADLINE + (JUDGED if judged else [])


def comparison_table(part: dict[str, Any], baseline: str | None = "naive") -> list[str]:
    names = list(part)
    cols = columns(part)
    base = part.get(baseline, {}).get("summary", {}) if baseline else {}
    lines = [
        "| configuratie | " + " | ".join(label for _, label in cols) + " |",
        "|---" * (len(cols) + 1) + "|",
    ]
    for name in names:
        s = part[name]["summary"]
        cells = [
            fmt(s.get(key), base.get(key) if name != baseline and key != "latency_p50_ms" else None) for key, _ in cols
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def markdown(result: dict[str, Any], plots: list[str]) -> str:
    out = [f"# Evaluatierapport Raadsassistent — set `{result['suite']}`", ""]
    out += [f"{result.get('description', '')}", "", f"Gemaakt: {result.get('created', '')}.", ""]
    failed = [c for c in result["thresholds"] if not c["ok"]]
    verdict = "**Alle drempels gehaald.**" if not failed else f"**{len(failed)} drempel(s) niet gehaald.**"
    out += [verdict, ""]
    if "qa" in result:
        out += [
            f"## Vragen over het corpus ({result['qa_questions']} vragen)",
            "",
            "Tussen haakjes: verhouding tot de naïeve LangChain-baseline (RecursiveCharacterTextSplitter(1000, 200)"
            " + alleen dense, zelfde embeddingmodel en zelfde extractieve beantwoorder). Configuraties zonder"
            " antwoordkolommen zijn alleen op retrieval gemeten in deze set.",
            "",
            *comparison_table(result["qa"]),
            "",
            "R@k: aandeel bewijspassages in de eerste k; feit goed: alle verwachte feiten staan in het antwoord;"
            " feit voorop: feit goed, en de eerste alinea van het antwoord (wat een raadslid eerst leest) noemt het;"
            " bron-P: aandeel citaten met het bewijs; bron-R: aandeel bewijspassages dat geciteerd wordt;"
            " onthoud-P/R: 'niet gevonden' bij onbeantwoordbare vragen.",
            "",
        ]
        out += type_table(result["qa"])
    for name, g in result.get("sets", {}).items():
        out += [
            f"## {g.get('description') or name} — set `{name}` ({g.get('questions')} vragen, split {g.get('split')})",
            "",
            f"{g.get('files')} bestanden ({g.get('pages')} pagina's, {g.get('chunks')} passages), in"
            f" {g.get('index_build_s')} s geïndexeerd in een tijdelijke index"
            f" ({g.get('index_s_per_100_pages')} s per 100 pagina's).",
            "",
            *comparison_table(result[name], baseline="naive" if "naive" in result[name] else None),
            "",
        ]
        out += type_table(result[name])
        if g.get("ingest_errors"):
            out += ["Niet ingelezen: " + "; ".join(g["ingest_errors"]), ""]
    if "guardrails" in result:
        out += [
            "## Guardrails",
            "",
            "| set | vragen | BSN/IBAN (geldig) | namen/adressen | besluitverzoeken |"
            " onterecht geweigerd | persoonsgegevens P/R | besluit P/R |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, g in result["guardrails"].items():
            s, pl = g["summary"], g["per_label"]
            out.append(
                f"| {name} | {s['questions']} | {fmt(s['checksum_recall'])} | {fmt(s['names_addresses_recall'])} |"
                f" {fmt(s['decision_recall'])} | {fmt(s['false_refusal'])} |"
                f" {fmt(pl['persoonsgegevens']['precision'])} / {fmt(pl['persoonsgegevens']['recall'])} |"
                f" {fmt(pl['geautomatiseerd_besluit']['precision'])} / {fmt(pl['geautomatiseerd_besluit']['recall'])} |"
            )
        out.append("")
        errors = [(name, e) for name, g in result["guardrails"].items() for e in g["errors"]]
        if errors:
            out += ["Fouten (alleen de geredigeerde vraag):", ""]
            out += [f"- {n} {e['id']}: {e['label']} → {e['predicted']}: {e['redacted']}" for n, e in errors[:40]]
            out.append("")
    if "decisions" in result:
        d = result["decisions"]["summary"]
        out += [
            "## Besluitenregister",
            "",
            f"{d['decisions_found']} besluiten gevonden. Besluiten met juiste datum en zaaknummer: {fmt(d['records'])}"
            f" (n={d['records_n']}); tegenstrijdigheden gesignaleerd: {fmt(d['conflicts'])} (n={d['conflicts_n']});"
            f" vragen goed beantwoord: {fmt(d['questions'])} (n={d['questions_n']}).",
            "",
        ]
        misses = [r for r in result["decisions"]["rows"] if not r["ok"]]
        out += [f"- mis: {r['id']} ({r['check']}): {json.dumps(r['spec'], ensure_ascii=False)}" for r in misses]
        out += [""] if misses else []
    out += cost_section(result)
    out += ["## Drempels", "", "| meting | regel | waarde | |", "|---|---|---|---|"]
    out += [
        f"| {c['metric']} | {c['rule']} | {fmt(c['value'])} | {'ok' if c['ok'] else '**NIET GEHAALD**'} |"
        for c in result["thresholds"]
    ]
    out.append("")
    for name in plots:
        out += [f"![{name}]({name})", ""]
    if result.get("notes"):
        out += ["## Opmerkingen", "", *[f"- {n}" for n in result["notes"]], ""]
    out += failure_list(result)
    return "\n".join(out)


def type_table(part: dict[str, Any]) -> list[str]:
    answered = [n for n in part if "by_type" in part[n]["summary"]]
    if not answered:
        return []
    types = sorted({t for n in answered for t in part[n]["summary"]["by_type"]})
    lines = ["Goed per vraagtype (feit in het antwoord, of 'niet gevonden' bij onbeantwoordbare vragen):", ""]
    lines += ["| type | n | " + " | ".join(answered) + " |", "|---|---|" + "---|" * len(answered)]
    for t in types:
        n = next(part[a]["summary"]["by_type"][t]["n"] for a in answered if t in part[a]["summary"]["by_type"])
        cells = [fmt(part[a]["summary"]["by_type"].get(t, {}).get("ok")) for a in answered]
        lines.append(f"| {t} | {n} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def cost_section(result: dict[str, Any]) -> list[str]:
    cost = result.get("cost", {})
    lines = ["## Kosten", ""]
    labels = {
        "model_load_s": "model laden (s)",
        "index_build_s": "index bouwen, corpus (s)",
        "index_pages": "pagina's in het corpus",
        "index_chunks": "passages",
        "index_s_per_100_pages": "s per 100 pagina's",
        "naive_build_s": "baseline-index bouwen (s)",
        "peak_rss_mb": "piekgeheugen (MB)",
        "eval_s": "duur van deze evaluatie (s)",
    }
    lines += [f"- {label}: {fmt(cost[key])}" for key, label in labels.items() if key in cost]
    latency = result.get("latency", {})
    if latency:
        lines += [
            "",
            "Latentie per stap (ms, p50 / p95):",
            "",
            "| deel | configuratie | " + " | ".join(("guard", "retrieval", "answer", "generation", "total")) + " |",
            "|---|---|---|---|---|---|---|",
        ]
        for part, configs in latency.items():
            for name, stages in configs.items():
                cells = [
                    f"{stages[s]['p50']:.0f} / {stages[s]['p95']:.0f}" if s in stages else "-"
                    for s in ("guard", "retrieval", "answer", "generation", "total")
                ]
                lines.append(f"| {part} | {name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def failure_list(result: dict[str, Any]) -> list[str]:
    lines = []
    for part in _parts(result):
        config = "hybrid"
        rows = result.get(part, {}).get(config, {}).get("rows", [])
        misses = [r for r in rows if r.get("outcome", "ok") != "ok"]
        if not rows:
            continue
        title = "corpus" if part == "qa" else part
        lines += [f"## Mislukte vragen ({title}, {config}): {len(misses)} van {len(rows)}", ""]
        for outcome, label in OUTCOMES.items():
            group = [r for r in misses if r["outcome"] == outcome]
            if not group:
                continue
            lines += [
                f"### {label}: {len(group)}",
                "",
                "| id | type | vraag | verwacht | rang bewijs | antwoord |",
                "|---|---|---|---|---|---|",
            ]
            for r in group:
                answer = " ".join(r.get("answer", "").split())[:160].replace("|", "/")
                lines.append(
                    f"| {r['id']} | {r['type']} | {r['question'].replace('|', '/')} | {', '.join(r['expected'])} |"
                    f" {r['ranks']} | {answer} |"
                )
            lines.append("")
    return lines


def plot(result: dict[str, Any], out: Path) -> list[str]:
    """recall@k curves, latency histogram and per-type hit rates; returns the file names written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for part in _parts(result):
        title = "corpus" if part == "qa" else part
        fig, ax = plt.subplots(figsize=(6.5, 4))
        for name, data in result[part].items():
            curve = data["summary"].get("recall_curve", [])
            ax.plot(range(1, len(curve) + 1), curve, marker="o", label=name)
        ax.set(xlabel="k (passages)", ylabel="recall@k", title=f"Recall@k per configuratie ({title})", ylim=(0, 1.02))
        ax.grid(alpha=0.3)
        ax.legend()
        name = f"recall_at_k_{part}.png"
        fig.tight_layout()
        fig.savefig(out / name, dpi=110)
        plt.close(fig)
        written.append(name)
    hybrid = result.get("qa", {}).get("hybrid", {}).get("rows", [])
    totals = [r["timings_ms"]["total"] for r in hybrid if r.get("timings_ms", {}).get("total")]
    if totals:
        fig, ax = plt.subplots(figsize=(6.5, 4))
        ax.hist(totals, bins=30, color="#3b6ea5")
        p50 = result["qa"]["hybrid"]["summary"]["latency_p50_ms"]
        p95 = result["qa"]["hybrid"]["summary"]["latency_p95_ms"]
        ax.axvline(p50, color="black", linestyle="--", label=f"p50 {p50:.0f} ms")
        ax.axvline(p95, color="red", linestyle=":", label=f"p95 {p95:.0f} ms")
        ax.set(xlabel="ms per vraag (hybrid, hele pijplijn)", ylabel="vragen", title="Latentie")
        ax.legend()
        fig.tight_layout()
        fig.savefig(out / "latency.png", dpi=110)
        plt.close(fig)
        written.append("latency.png")
    answered = {n: d["summary"]["by_type"] for n, d in result.get("qa", {}).items() if "by_type" in d["summary"]}
    if answered:
        types = sorted({t for v in answered.values() for t in v})
        fig, ax = plt.subplots(figsize=(8, 4))
        width = 0.8 / len(answered)
        for i, (name, by_type) in enumerate(answered.items()):
            xs = [j + i * width for j in range(len(types))]
            ax.bar(xs, [by_type.get(t, {}).get("ok", 0) for t in types], width=width, label=name)
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(types))], types, rotation=30, ha="right")
        ax.set(ylabel="aandeel goed", title="Goed per vraagtype", ylim=(0, 1.02))
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "hit_rate_by_type.png", dpi=110)
        plt.close(fig)
        written.append("hit_rate_by_type.png")
    return written


def _parts(result: dict[str, Any]) -> list[str]:
    """The question parts of a run: the corpus QA ("qa") and every document set, in run order."""
    return [p for p in ("qa", *result.get("sets", {})) if p in result]


def write_report(result: dict[str, Any], out: Path) -> None:
    plots = plot(result, out)
    (out / "report.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(markdown(result, plots), encoding="utf-8")


def print_summary(result: dict[str, Any], out: Path, file: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file, width=160)
    for part in _parts(result):
        table = Table(title=f"{'Corpus' if part == 'qa' else part}: configuraties vergeleken")
        table.add_column("configuratie")
        cols = columns(result[part])
        for _, label in cols:
            table.add_column(label, justify="right")
        for name, data in result[part].items():
            s = data["summary"]
            table.add_row(name, *[fmt(s.get(key)) for key, _ in cols])
        console.print(table)
    for name, g in result.get("guardrails", {}).items():
        s = g["summary"]
        console.print(
            f"guardrails {name}: BSN/IBAN {s['checksum_recall']:.2f}, namen/adressen {s['names_addresses_recall']:.2f},"
            f" besluiten {s['decision_recall']:.2f}, onterecht geweigerd {s['false_refusal']:.3f}"
        )
    if "decisions" in result:
        d = result["decisions"]["summary"]
        console.print(
            f"besluitenregister: records {fmt(d['records'])}, conflicten {fmt(d['conflicts'])},"
            f" vragen {fmt(d['questions'])}"
        )
    failed = [c for c in result["thresholds"] if not c["ok"]]
    for c in failed:
        console.print(f"[red]DREMPEL NIET GEHAALD[/red] {c['metric']} = {fmt(c['value'])} (moet {c['rule']})")
    console.print(f"Rapport: {out / 'report.md'}" + ("" if failed else " — alle drempels gehaald"))
