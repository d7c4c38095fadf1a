"""Scaling benchmark: question latency and memory at 1x, 10x and 100x the besluitenlijsten' passages, with Chroma
embedded (``PersistentClient``) and as a server (``chroma run`` + ``HttpClient``).

Not a test: it reports numbers for the README. The 1x index is built from the real Wassenaar besluitenlijsten;
larger ones are synthetic copies of its passages and answer-sentence vectors (ids and document dates altered,
vectors with a little noise, so the vector index cannot take shortcuts). The decisions register stays the real
1x one. Each configuration is measured in a fresh process, so memory is that configuration's alone.

    .venv/bin/python benchmarks/scale.py [--factors 1 10 100] [--questions 40]

Writes ``benchmarks/results/scale-<time>.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WASSENAAR = ROOT.parent / "shared" / "realdata" / "wassenaar-besluitenlijsten"


def _settings(index_dir: Path, chroma_url: str | None = None) -> Any:
    from assistant.settings import Settings

    empty = index_dir / "geen-corpus"
    empty.mkdir(parents=True, exist_ok=True)
    return Settings(corpus_dir=empty, index_dir=index_dir, chroma_url=chroma_url,
                    model_cache_dir=ROOT / "index" / "models")  # fmt: skip


def build_source(index: Path) -> Path:
    """The real 1x index of the besluitenlijsten (kept when it is already there and current)."""
    from assistant.pipeline import Assistant
    from assistant.settings import Settings

    settings = Settings(corpus_dir=WASSENAAR, index_dir=index, model_cache_dir=ROOT / "index" / "models")
    started = time.perf_counter()
    Assistant(settings).ensure_index()
    print(f"1x-index gebouwd in {time.perf_counter() - started:.0f} s", flush=True)
    return index


def _shift_year(date: str, years: int) -> str:
    return f"{int(date[:4]) - years}{date[4:]}" if len(date) >= 4 and date[:4].isdigit() else date


def make_copy(source: Path, target: Path, factor: int, chroma_url: str | None) -> dict[str, Any]:
    """Write ``factor`` copies of the source index's passages and sentence vectors as the active generation."""
    from assistant.store import ChromaStore

    src = ChromaStore(_settings(source))
    state = src.load_state()
    chunks = src.collection.get(include=["embeddings", "documents", "metadatas"])
    sentences = src.sentences.get(include=["embeddings", "metadatas"])
    dst_settings = _settings(target, chroma_url)
    dst = ChromaStore(dst_settings)
    generation = dst.new_generation()
    rng = np.random.default_rng(0)
    documents: dict[str, Any] = {}
    started = time.perf_counter()
    for k in range(factor):
        suffix = "" if k == 0 else f"~{k}"

        def noisy(vectors: Any, k: int = k) -> list[list[float]]:
            m = np.asarray(vectors, dtype=np.float32)
            if k:
                m = m + rng.normal(0, 0.02, m.shape).astype(np.float32)
                m /= np.linalg.norm(m, axis=1, keepdims=True)
            return m.tolist()

        metas = []
        for meta in chunks["metadatas"]:
            meta = dict(meta)
            meta["doc_id"] = f"{meta['doc_id']}{suffix}"
            meta["date"] = _shift_year(str(meta.get("date", "")), k % 10)
            metas.append(meta)
        ids = [f"{cid}{suffix}" for cid in chunks["ids"]]
        dst.add(generation.chunks, ids, noisy(chunks["embeddings"]), list(chunks["documents"]), metas)
        s_ids = [f"{sid.split(':', 1)[0]}{suffix}:{sid.split(':', 1)[1]}" for sid in sentences["ids"]]
        s_metas = [{"doc_id": f"{m['doc_id']}{suffix}"} for m in sentences["metadatas"]]
        dst.add(generation.sentences, s_ids, noisy(sentences["embeddings"]), None, s_metas)
        for doc_id, info in state.get("documents", {}).items():
            documents[f"{doc_id}{suffix}"] = {**info, "doc_id": f"{doc_id}{suffix}"}
    dst.switch(generation, {**state, "documents": documents})
    shutil.copy(source / "decisions.sqlite", target / "decisions.sqlite")
    return {"passages": len(ids) * factor, "sentences": len(s_ids) * factor,
            "write_s": round(time.perf_counter() - started, 1)}  # fmt: skip


def measure(index_dir: Path, chroma_url: str | None, questions: list[str]) -> dict[str, Any]:
    """In a fresh process: start-up (chunks + BM25), then every question through ``ask`` and the search alone."""
    from assistant.pipeline import Assistant

    started = time.perf_counter()
    assistant = Assistant(_settings(index_dir, chroma_url))
    startup = time.perf_counter() - started
    assistant.ask(questions[0])
    ask_ms, search_ms = [], []
    for q in questions:
        t = time.perf_counter()
        assistant.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        assistant.retriever.search(q)
        search_ms.append((time.perf_counter() - t) * 1000)
    return {
        "startup_s": round(startup, 1),
        "ask_ms": _p(ask_ms),
        "search_ms": _p(search_ms),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _p(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered)), "p95": round(ordered[round(0.95 * (len(ordered) - 1))])}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--source", type=Path, help="map voor de 1x-index (hergebruikt als die er al is)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--chroma-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    staff = [json.loads(x) for x in (ROOT / "evals" / "staff.jsonl").read_text().splitlines() if x.strip()]
    questions = [q["question"] for q in staff][: args.questions]
    if args.measure:
        print(json.dumps(measure(args.measure, args.chroma_url, questions)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="schaal-"))
    rows = []
    try:
        source = build_source(args.source or work / "bron")
        for factor in args.factors:
            for backend in ("embedded", "server"):
                target = work / f"{factor}x-{backend}"
                target.mkdir()
                server = None
                url = None
                if backend == "server":
                    port = _free_port()
                    server = subprocess.Popen(
                        [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(target / "server"),
                         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    )  # fmt: skip
                    url = f"http://127.0.0.1:{port}"
                    _wait(url)
                try:
                    written = make_copy(source, target, factor, url)
                    cmd = [sys.executable, __file__, "--measure", str(target), "--questions", str(args.questions)]
                    if url:
                        cmd += ["--chroma-url", url]
                    out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
                    if out.returncode:  # keep the rows measured so far; say why this one failed
                        result = {"fout": out.stderr.strip().splitlines()[-1][:300] if out.stderr.strip() else "?"}
                    else:
                        result = json.loads(out.stdout.strip().splitlines()[-1])
                    if server is not None:
                        result["server_rss_mb"] = _peak_rss_mb(server.pid)
                finally:
                    if server is not None:
                        server.terminate()
                        server.wait(timeout=30)
                row = {"factor": factor, "backend": backend, **written, **result}
                rows.append(row)
                print(json.dumps(row), flush=True)
                shutil.rmtree(target, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out_path = ROOT / "benchmarks" / "results" / time.strftime("scale-%Y%m%d-%H%M%S.json")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print("\n| schaal | Chroma | passages | opstarten | vraag p50 / p95 | zoeken p50 / p95 | geheugen |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        memory = f"{r['rss_mb']} MB" + (f" + server {r['server_rss_mb']} MB" if "server_rss_mb" in r else "")
        print(f"| {r['factor']}x | {r['backend']} | {r['passages']:,} | {r['startup_s']} s | "
              f"{r['ask_ms']['p50']} / {r['ask_ms']['p95']} ms | {r['search_ms']['p50']} / {r['search_ms']['p95']} ms "
              f"| {memory} |")  # fmt: skip
    return 0


def _wait(url: str) -> None:
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError("chroma run startte niet")


if __name__ == "__main__":
    sys.exit(main())
