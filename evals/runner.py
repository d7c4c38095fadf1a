"""Run an eval suite from ``evals/config.toml`` and write the report (``assistant eval``).

The run never touches the user's index: it builds the corpus into a temporary index (which is also
how the build time is measured), compares every configuration on the same questions in one
process, builds the out-of-corpus documents into a second temporary index for the generalisation
set, and finally checks the suite's thresholds. Exit code 0 = all thresholds met, 3 = below a
threshold (the report says which), 1 = the run itself failed.

Example:
    >>> from evals.runner import load_suite
    >>> load_suite("fast").configs[:2]
    ['naive', 'bm25']
"""

from __future__ import annotations

import fnmatch
import resource
import shutil
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.settings import Settings

from . import metrics
from .data import EVALS_DIR, Evidence, QAItem, load_decision_checks, load_guard_set, load_qa, squash

ROOT = EVALS_DIR.parent
CONFIG = EVALS_DIR / "config.toml"
EXIT_OK, EXIT_ERROR, EXIT_BELOW_THRESHOLD = 0, 1, 3

Tick = Callable[[str], None]


@dataclass
class Suite:
    name: str
    description: str = ""
    qa: list[str] = field(default_factory=list)
    split: str = "all"
    configs: list[str] = field(default_factory=list)
    answer_configs: list[str] = field(default_factory=list)
    guardrails: list[str] = field(default_factory=list)
    decisions: str | None = None
    #: Question sets over real documents outside the corpus (``[sets.NAME]`` in config.toml).
    sets: list[DocumentSet] = field(default_factory=list)
    beat_naive: list[str] = field(default_factory=list)
    #: With an LLM endpoint configured: score faithfulness and relevancy of every answer (see judge.py).
    judge: bool = True
    min: dict[str, float] = field(default_factory=dict)
    max: dict[str, float] = field(default_factory=dict)

    @property
    def needs_model(self) -> bool:
        return bool(self.qa or self.sets)


@dataclass
class DocumentSet:
    """Questions about real documents outside the corpus: the files are copied into a temporary corpus and indexed
    (sets naming the same files share one index per run)."""

    name: str
    questions: str
    description: str = ""
    #: Folder the file patterns and the questions' ``file`` fields are relative to (from the repository root).
    root: str = "../shared/realdata"
    files: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=lambda: ["hybrid"])
    split: str = "all"
    #: Only questions of these types (empty = all), so one file can feed a table set and a text set.
    types: list[str] = field(default_factory=list)
    #: A fact counts only when a citation also names the page the question is about (table cells).
    require_page: bool = False


def load_suite(name: str, config: Path = CONFIG) -> Suite:
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
        suites = data["suites"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ValueError(f"eval-configuratie {config} onleesbaar / unreadable eval config: {exc}") from exc
    if name not in suites:
        known = ", ".join(sorted(suites))
        raise ValueError(f"onbekende eval-set '{name}' (kies uit: {known}) / unknown eval set")
    spec = dict(suites[name])
    sets = data.get("sets", {})
    unknown = [s for s in spec.get("sets", []) if s not in sets]
    if unknown:
        raise ValueError(f"onbekende vragenset(s) {unknown} in suite '{name}' / unknown question set")
    spec["sets"] = [DocumentSet(name=s, **sets[s]) for s in spec.get("sets", [])]
    return Suite(name=name, **spec)


# --------------------------------------------------------------------------------------------
# Scoring one response
# --------------------------------------------------------------------------------------------


class Scorer:
    """Relevance of passages to evidence items; squashed texts are cached per chunk id."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def _text(self, key: str, text: str) -> str:
        if key not in self._cache:
            self._cache[key] = squash(text)
        return self._cache[key]

    def covers(self, chunk_id: str, doc_id: str, text: str, ev: Evidence, pages: str = "") -> bool:
        """Same document, the phrase inside, and (for evidence tied to a page, such as a table cell) that page."""
        if doc_id != ev.source or squash(ev.phrase) not in self._text(chunk_id, text):
            return False
        return ev.page is None or metrics.page_in(ev.page, pages)

    def ranks(self, item: QAItem, ranked: list[Any]) -> list[int | None]:
        out: list[int | None] = []
        for ev in item.evidence:
            rank = next(
                (i for i, c in enumerate(ranked, 1) if self.covers(c.chunk_id, c.doc_id, c.text, ev, c.page)), None
            )
            out.append(rank)
        return out

    def score(self, item: QAItem, response: Any, answer_depth: int, require_page: bool = False) -> dict[str, Any]:
        """One row of the per-question table: ranks, answer outcome, citation support, failure class.

        ``require_page``: the fact only counts when a citation names the question's page (a table cell).
        """
        answer = response.answer
        ranks = self.ranks(item, response.ranked)
        row: dict[str, Any] = {
            "id": item.id,
            "set": item.set_name,
            "type": item.type,
            "question": item.question,
            "expected": item.expected,
            "answerable": item.answerable,
            "ranks": ranks,
            "top": [f"{c.doc_id} p.{c.page}" for c in response.ranked[:3]],
        }
        if answer is None:
            return row
        declined = answer.abstained or answer.refused
        supported = [
            any(self.covers(f"cit:{c.chunk_id}", c.doc_id, c.text, ev, c.page) for ev in item.evidence)
            or (bool(item.expected) and metrics.contains_all(c.quote, item.expected))
            for c in answer.citations
        ]
        covered = [
            any(self.covers(f"cit:{c.chunk_id}", c.doc_id, c.text, ev, c.page) for c in answer.citations)
            for ev in item.evidence
        ]
        page_cited = (
            any(c.doc_id == item.source and metrics.page_in(item.page, c.page) for c in answer.citations)
            if item.page is not None and item.answerable and not declined
            else None
        )
        fact = not declined and metrics.contains_all(answer.answer, item.expected)
        fact_hit = (fact and (page_cited is True or not require_page)) if item.answerable else None
        lead = metrics.lead_of(answer.answer) if not declined else ""
        row.update(
            {
                "answer": answer.answer,
                "abstained": answer.abstained,
                "refused": answer.refused,
                "answerer": answer.answerer,
                "fact_hit": fact_hit,
                # The asked fact is also what the answer opens with (not only somewhere in the quoted proof).
                "lead": lead,
                "lead_hit": (bool(fact_hit) and metrics.lead_holds(lead, item.expected)) if item.answerable else None,
                "page_cited": page_cited,
                "citation_support": supported if not declined else [],
                "citation_recall": (sum(covered) / len(covered) if not declined else 0.0) if item.answerable else None,
                "words": len(answer.answer.split()) if not declined else None,
                "timings_ms": {k: round(v, 1) for k, v in response.timings_ms.items()},
            }
        )
        row["outcome"] = _outcome(row, answer_depth)
        return row


def _outcome(row: dict[str, Any], depth: int) -> str:
    """ok | retrieval_miss | answer_miss | false_abstain | false_refusal | answered_unanswerable."""
    if not row["answerable"]:
        return "ok" if row["abstained"] or row["refused"] else "answered_unanswerable"
    if row["refused"]:
        return "false_refusal"
    if row["fact_hit"]:
        return "ok"
    if row["abstained"]:
        return "false_abstain"
    in_reach = any(r is not None and r <= depth for r in row["ranks"])
    return "answer_miss" if in_reach else "retrieval_miss"


def summarise_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    out: dict[str, Any] = metrics.rank_metrics([r["ranks"] for r in answerable])
    out["recall_curve"] = metrics.recall_curve([r["ranks"] for r in answerable])
    if not rows or "answer" not in rows[0]:
        return out
    declined = [bool(r["abstained"] or r["refused"]) for r in rows]
    abstention = metrics.precision_recall(declined, [not r["answerable"] for r in rows])
    support = [s for r in answerable for s in r["citation_support"]]
    totals = [r["timings_ms"].get("total", 0.0) for r in rows if r["timings_ms"]]
    words = [r["words"] for r in rows if r["words"] is not None]
    out.update(
        {
            "fact_hit": metrics.rate(r["fact_hit"] for r in answerable),
            "lead_hit": metrics.rate(r.get("lead_hit") for r in answerable),
            "citation_precision": round(sum(support) / len(support), 4) if support else None,
            "citation_recall": round(sum(r["citation_recall"] for r in answerable) / len(answerable), 4)
            if answerable
            else None,
            "abstain_precision": abstention["precision"],
            "abstain_recall": abstention["recall"],
            "false_abstain": metrics.rate(r["abstained"] for r in answerable),
            "false_refusal": metrics.rate(r["refused"] for r in answerable),
            "page_cited": metrics.rate(r.get("page_cited") for r in answerable),
            "answer_words_median": sorted(words)[len(words) // 2] if words else None,
            "latency_p50_ms": metrics.percentile(totals, 50),
            "latency_p95_ms": metrics.percentile(totals, 95),
            "outcomes": dict(sorted(_count(r["outcome"] for r in rows).items())),
            "by_type": _by_type(rows),
        }
    )
    judged = [r["judge"] for r in rows if r.get("judge")]
    if judged:
        out["faithfulness"] = round(sum(j["trouw"] for j in judged) / len(judged), 4)
        out["answer_relevancy"] = round(sum(j["relevant"] for j in judged) / len(judged), 4)
        out["judged"] = len(judged)
    return out


def _count(values: Iterator[str] | list[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return dict(counts)


def _by_type(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per question type: the share answered correctly (fact hit, or an abstention when unanswerable)."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        groups[r["type"]].append(r["outcome"] == "ok")
    return {t: {"n": len(v), "ok": round(sum(v) / len(v), 4)} for t, v in sorted(groups.items())}


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int], Tick]]:
    """``phase(description, total)`` returns a ``tick(label)``; the bar goes to stderr."""
    if not enabled:
        yield lambda _d, _t: lambda _label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[label]}"),
        console=Console(stderr=True),
    ) as bar:

        def phase(description: str, total: int) -> Tick:
            task = bar.add_task(description, total=total or None, label="")
            return lambda label: bar.update(task, advance=1, label=label[:40])

        yield phase


class Runner:
    def __init__(
        self,
        suite: Suite,
        settings: Settings,
        workdir: Path,
        *,
        show_progress: bool = True,
        reuse_indexes: bool = False,
    ) -> None:
        self.suite = suite
        #: Keep the indexes in ``workdir`` between runs (calibration runs the same documents many times).
        self.reuse_indexes = reuse_indexes
        self.user_settings = settings
        self.workdir = workdir
        self.show_progress = show_progress
        self.scorer = Scorer()
        self.result: dict[str, Any] = {"suite": suite.name, "description": suite.description, "summary": {}}
        self.notes: list[str] = []
        self.llm_judge: Any = None
        if suite.judge and settings.llm_enabled:
            from .judge import LLMJudge

            self.llm_judge = LLMJudge(settings)

    @property
    def summary(self) -> dict[str, Any]:
        return self.result["summary"]

    @cached_property
    def corpus_documents(self) -> list[Any]:
        """The corpus, read once for every part of the run (QA, baseline, guard allow-list, register)."""
        return _documents(self.user_settings.corpus_dir)

    def base_settings(self, corpus: Path, index: Path) -> Settings:
        """The user's settings on a temporary index; the extractive answerer unless a config asks for the LLM."""
        return self.user_settings.model_copy(
            update={
                "corpus_dir": corpus,
                "index_dir": index,
                "model_cache_dir": Path(self.user_settings.models_dir).resolve(),
                "llm_base_url": None,
            }
        )

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        with progress_bar(self.show_progress) as phase:
            embeddings = None
            if self.suite.needs_model:
                from assistant.embeddings import load_embeddings

                t = time.perf_counter()
                embeddings = load_embeddings(self.base_settings(Path("corpus"), self.workdir / "index"))
                self.result["cost"] = {"model_load_s": round(time.perf_counter() - t, 2)}
            base = None
            if self.suite.qa:
                base = self.run_qa(phase, embeddings)
            if self.suite.guardrails:
                self.run_guardrails(phase)
            if self.suite.decisions:
                self.run_decisions(phase, base)
            if self.suite.sets:
                self.run_sets(phase, embeddings)
        cost = self.result.setdefault("cost", {})
        cost["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        cost["eval_s"] = round(time.perf_counter() - started, 1)
        self.summary["cost"] = cost
        if self.llm_judge and self.llm_judge.failures:
            self.notes.append(
                f"LLM-beoordelaar: {self.llm_judge.failures} beoordelingen mislukt (time-out of geen JSON)."
            )
        self.result["thresholds"] = check_thresholds(self.suite, self.summary)
        self.result["notes"] = self.notes
        return self.result

    # -- QA over the corpus -------------------------------------------------------------------

    def run_qa(self, phase: Callable[[str, int], Tick], embeddings: Any) -> Any:
        from assistant.pipeline import Assistant

        from .systems import NaiveLangChainSystem, build_pipeline_systems

        documents = self.corpus_documents
        items = [q for name in self.suite.qa for q in load_qa(name, self.suite.split)]
        settings = self.base_settings(self.user_settings.corpus_dir, self.workdir / "index")
        base = Assistant(settings, embeddings=embeddings)
        t = time.perf_counter()
        tick = phase("Index bouwen (corpus)", 0)
        report = base.ensure_index(rebuild=not self.reuse_indexes, progress=lambda done, total, what: tick(what))
        build_s = time.perf_counter() - t
        pages = sum(d.get("pages") or 0 for d in base.index.documents())
        cost = self.result.setdefault("cost", {})
        cost.update(
            {
                "index_build_s": round(build_s, 2),
                "index_chunks": report.chunks_total if report else len(base.retriever.chunks),
                "index_pages": pages,
                "index_s_per_100_pages": round(build_s / pages * 100, 1) if pages else None,
            }
        )
        self._check_evidence(items, {d.doc_id: d.text for d in documents}, "qa")
        systems = build_pipeline_systems(base, self.suite.configs, self.user_settings)
        if "hybrid+llm" in self.suite.configs and not self.user_settings.llm_enabled:
            self.notes.append("hybrid+llm overgeslagen: geen LLM-endpoint ingesteld (ASSISTANT_LLM_BASE_URL).")
        if "naive" in self.suite.configs:
            naive = NaiveLangChainSystem(documents, base.embeddings, base, self.workdir / "naive")
            cost["naive_build_s"] = round(naive.build_seconds, 2)
            systems.insert(0, naive)
        self.result["qa_questions"] = len(items)
        self.result["qa"] = self._run_systems(phase, systems, items, "qa", base.settings.answer_chunks)
        return base

    def _run_systems(
        self,
        phase: Callable[[str, int], Tick],
        systems: list[Any],
        items: list[QAItem],
        part: str,
        depth: int,
        require_page: bool = False,
    ) -> dict[str, Any]:
        from .systems import Response

        out: dict[str, Any] = {}
        self.summary[part] = {}
        for system in systems:
            with_answer = system.name in self.suite.answer_configs or part != "qa"
            tick = phase(f"{part}: {system.name}", len(items))
            rows = []
            for item in items:
                response = system.run(item) if with_answer else Response(answer=None, ranked=system.retrieve(item))
                row = self.scorer.score(item, response, depth, require_page)
                if self.llm_judge and row.get("answer") and not (row["abstained"] or row["refused"]):
                    passages = [c.text for c in response.answer.citations]
                    row["judge"] = self.llm_judge.score(item.question, response.answer.answer, passages)
                rows.append(row)
                tick(item.id)
            summary = summarise_rows(rows)
            out[system.name] = {"summary": summary, "rows": rows}
            self.summary[part][system.name] = {k: v for k, v in summary.items() if k not in ("by_type", "recall_curve")}
            if "latency_p50_ms" in summary:
                self._stage_latency(part, system.name, rows)
        return out

    def _stage_latency(self, part: str, name: str, rows: list[dict[str, Any]]) -> None:
        stages: dict[str, list[float]] = defaultdict(list)
        for r in rows:
            for stage, ms in r["timings_ms"].items():
                stages[stage].append(ms)
        self.result.setdefault("latency", {}).setdefault(part, {})[name] = {
            s: metrics.latency_summary(v) for s, v in stages.items()
        }

    def _check_evidence(self, items: list[QAItem], texts: dict[str, str], part: str) -> None:
        """An evidence phrase that is not in its document is a data error: report it, do not score it."""
        squashed = {k: squash(v) for k, v in texts.items()}
        bad = []
        for item in items:
            missing = [ev for ev in item.evidence if squash(ev.phrase) not in squashed.get(ev.source, "")]
            if missing:
                bad.append(item)
                self.notes.append(f"{part} {item.id}: bewijsfrase niet in {missing[0].source}: {missing[0].phrase!r}")
        for item in bad:
            items.remove(item)

    # -- guardrails -----------------------------------------------------------------------------

    def run_guardrails(self, phase: Callable[[str, int], Tick]) -> None:
        from assistant.guardrails import QuestionGuard, allow_list_from

        from .guardrails_eval import evaluate

        guard = QuestionGuard(allow_list_from(d.text for d in self.corpus_documents))
        tick = phase("guardrails", len(self.suite.guardrails))
        self.result["guardrails"] = {}
        self.summary["guardrails"] = {}
        for name in self.suite.guardrails:
            key = Path(name).stem
            report = evaluate(load_guard_set(name), guard)
            errors = [
                {k: r[k] for k in ("id", "label", "category", "predicted", "redacted")}
                for r in report["results"]
                if (r["label"] != "toegestaan") != (r["predicted"] != "toegestaan")
            ]
            self.result["guardrails"][key] = {
                "summary": report["summary"],
                "per_label": report["per_label"],
                "per_category": report["per_category"],
                "errors": errors,
            }
            self.summary["guardrails"][key] = {
                k: v for k, v in report["summary"].items() if k not in ("meets_targets", "ms_per_question")
            }
            tick(key)

    # -- decisions register -----------------------------------------------------------------------

    def run_decisions(self, phase: Callable[[str, int], Tick], base: Any) -> None:
        from assistant.chunking import Chunker
        from assistant.decisions import DecisionRegister, answer_decision_question

        documents = self.corpus_documents
        register = base.decisions if base is not None else DecisionRegister.build(documents)
        s = self.user_settings
        chunker = Chunker(s.chunk_size, s.chunk_overlap, s.min_chunk_size)
        chunks = base.retriever.chunks if base is not None else [c for d in documents for c in chunker.split(d)]
        checks = load_decision_checks(self.suite.decisions or "")
        tick = phase("besluitenregister", len(checks))
        rows = []
        for check in checks:
            d = check.data
            if check.check == "record":
                ok = any(_same_decision(rec, d) for rec in register.decisions)
                got = ""
            elif check.check == "conflict":
                rec = next((r for r in register.decisions if r.zaaknummer == d["zaaknummer"]), None)
                ok = bool(rec and rec.conflicts and all(any(x.startswith(y) for x in rec.dates) for y in d["dates"]))
                got = rec.conflicts[0] if rec and rec.conflicts else ""
            else:
                if base is not None:
                    answer = base.ask(d["question"])
                else:
                    answer = answer_decision_question(d["question"], register, chunks)
                got = answer.answer if answer else ""
                ok = metrics.contains_all(got, d["expected"])
            rows.append({"id": check.id, "check": check.check, "ok": ok, "spec": d, "got": got[:300]})
            tick(check.id)
        summary: dict[str, Any] = {"decisions_found": len(register.decisions)}
        for kind, key in (("record", "records"), ("conflict", "conflicts"), ("question", "questions")):
            group = [r["ok"] for r in rows if r["check"] == kind]
            summary[key] = round(sum(group) / len(group), 4) if group else None
            summary[f"{key}_n"] = len(group)
        self.result["decisions"] = {"summary": summary, "rows": rows}
        self.summary["decisions"] = summary

    # -- question sets over real documents -------------------------------------------------------

    def run_sets(self, phase: Callable[[str, int], Tick], embeddings: Any) -> None:
        """Each set's files indexed in a temporary corpus (shared between sets with the same files)."""
        built: dict[tuple[str, tuple[str, ...]], tuple[Any, dict[str, str], dict[str, Any]]] = {}
        self.result["sets"] = {}
        for spec in self.suite.sets:
            key = (spec.root, tuple(spec.files))
            if key not in built:
                built[key] = self._build_set_corpus(phase, embeddings, spec, len(built))
            if built[key][0] is None:
                continue
            self._run_set(phase, spec, *built[key])

    def _build_set_corpus(
        self, phase: Callable[[str, int], Tick], embeddings: Any, spec: DocumentSet, number: int
    ) -> tuple[Any, dict[str, str], dict[str, Any]]:
        from assistant.pipeline import Assistant

        root = (ROOT / spec.root).resolve()
        if not root.is_dir():
            self.notes.append(f"{spec.name} overgeslagen: map {root} ontbreekt.")
            return None, {}, {}
        corpus = self.workdir / f"set_corpus_{number}"
        corpus.mkdir(parents=True, exist_ok=True)
        mapping = copy_realdata(root, spec.files, corpus)
        settings = self.base_settings(corpus, self.workdir / f"set_index_{number}")
        assistant = Assistant(settings, embeddings=embeddings)
        tick = phase(f"Index bouwen ({spec.name})", 0)
        t = time.perf_counter()
        report = assistant.ensure_index(rebuild=not self.reuse_indexes, progress=lambda done, total, what: tick(what))
        build_s = time.perf_counter() - t
        documents = _documents(corpus)
        by_path = {Path(d.path).name: d for d in documents}
        doc_of = {src: by_path[dst].doc_id for src, dst in mapping.items() if dst in by_path}
        pages = sum(d.get("pages") or 0 for d in assistant.index.documents())
        info = {
            "files": len(mapping),
            "documents": len(documents),
            "pages": pages,
            "chunks": report.chunks_total if report else len(assistant.retriever.chunks),
            "index_build_s": round(build_s, 2),
            "index_s_per_100_pages": round(build_s / pages * 100, 1) if pages else None,
            "ingest_errors": report.errors if report else [],
            "documents_list": [{"doc_id": d.doc_id, "title": d.title, "date": d.date} for d in documents],
        }
        texts = {d.doc_id: d.text for d in documents}
        return assistant, doc_of, {"info": info, "texts": texts, "documents": documents}

    def _run_set(
        self,
        phase: Callable[[str, int], Tick],
        spec: DocumentSet,
        assistant: Any,
        doc_of: dict[str, str],
        corpus: dict[str, Any],
    ) -> None:
        from .systems import NaiveLangChainSystem, build_pipeline_systems

        # Only questions about the files this set indexes (unanswerable ones name their topic's file).
        items = [
            q
            for q in load_qa(spec.questions, spec.split)
            if (not q.source or q.source in doc_of) and (not spec.types or q.type in spec.types)
        ]
        for item in items:
            item.evidence = [Evidence(doc_of.get(ev.source, ev.source), ev.phrase, ev.page) for ev in item.evidence]
            item.source = doc_of.get(item.source, item.source)
        self._check_evidence(items, corpus["texts"], spec.name)
        systems = build_pipeline_systems(assistant, spec.configs, self.user_settings)
        if "naive" in spec.configs:
            naive_dir = self.workdir / f"naive_{spec.name}"
            systems.insert(0, NaiveLangChainSystem(corpus["documents"], assistant.embeddings, assistant, naive_dir))
        self.result["sets"][spec.name] = {
            **corpus["info"],
            "questions": len(items),
            "description": spec.description,
            "split": spec.split,
        }
        self.result[spec.name] = self._run_systems(
            phase, systems, items, spec.name, assistant.settings.answer_chunks, spec.require_page
        )


def _same_decision(rec: Any, spec: dict[str, Any]) -> bool:
    """The register holds the decision: same zaaknummer (or description) and the date among its sources'."""
    if spec["zaaknummer"]:
        same = rec.zaaknummer == spec["zaaknummer"]
    else:
        same = spec["omschrijving"].lower() in rec.omschrijving.lower()
    return same and (rec.date == spec["date"] or spec["date"] in rec.dates)


def _documents(corpus: Path) -> list[Any]:
    from assistant.ingest import load_corpus

    return load_corpus(corpus).documents


def copy_realdata(realdata: Path, patterns: list[str], corpus: Path) -> dict[str, str]:
    """Copy matching files into a flat temporary corpus; OCR text (``.pdf.ocr``) becomes ``.txt``.

    Returns source path (relative to ``realdata``, as the eval set names it) -> file name in the corpus.
    """
    mapping: dict[str, str] = {}
    for path in sorted(realdata.rglob("*")):
        rel = path.relative_to(realdata).as_posix()
        if not path.is_file() or not any(fnmatch.fnmatch(rel, p) for p in patterns):
            continue
        # The file's own name, as a user would add it (titles fall back to it); the path only to keep names unique.
        name = path.name if path.name not in mapping.values() else rel.replace("/", "--")
        if name.endswith(".ocr"):
            name = name.removesuffix(".ocr").removesuffix(".pdf") + ".txt"
        shutil.copyfile(path, corpus / name)
        mapping[rel] = name
    return mapping


def lookup(summary: dict[str, Any], dotted: str) -> Any:
    """``qa.hybrid.recall@5`` -> summary["qa"]["hybrid"]["recall@5"]; None when absent."""
    node: Any = summary
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def check_thresholds(suite: Suite, summary: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for key, limit in suite.min.items():
        value = lookup(summary, key)
        checks.append(
            {"metric": key, "rule": f">= {limit}", "value": value, "ok": value is not None and value >= limit}
        )
    for key, limit in suite.max.items():
        value = lookup(summary, key)
        checks.append(
            {"metric": key, "rule": f"<= {limit}", "value": value, "ok": value is not None and value <= limit}
        )
    qa = summary.get("qa", {})
    if "naive" in qa and "hybrid" in qa:
        for metric in suite.beat_naive:
            value, naive = qa["hybrid"].get(metric), qa["naive"].get(metric)
            ok = value is not None and naive is not None and value > naive
            checks.append({"metric": f"qa.hybrid.{metric}", "rule": f"> naive ({naive})", "value": value, "ok": ok})
    return checks


def run_suite(
    name: str,
    out: Path | None = None,
    *,
    settings: Settings | None = None,
    show_progress: bool = True,
    config: Path = CONFIG,
) -> tuple[int, Path, dict[str, Any]]:
    """Run a suite and write its report; returns (exit code, report dir, result)."""
    from .report import print_summary, write_report

    suite = load_suite(name, config)
    settings = settings or Settings()
    out = out or ROOT / "evals" / "reports" / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="raadsassistent-eval-") as tmp:
        result = Runner(suite, settings, Path(tmp), show_progress=show_progress).run()
    result["created"] = datetime.now().isoformat(timespec="seconds")
    result["settings"] = _settings_snapshot(settings)
    write_report(result, out)
    print_summary(result, out, file=sys.stdout)
    failed = [c for c in result["thresholds"] if not c["ok"]]
    return (EXIT_BELOW_THRESHOLD if failed else EXIT_OK), out, result


def _settings_snapshot(settings: Settings) -> dict[str, Any]:
    keys = (
        "embedding_model",
        "chunk_size",
        "chunk_overlap",
        "retrieval_mode",
        "rrf_k",
        "weight_bm25",
        "weight_dense",
        "rerank",
        "reranker_model",
        "abstain_threshold",
        "llm_model",
    )
    return {k: str(getattr(settings, k)) for k in keys}
