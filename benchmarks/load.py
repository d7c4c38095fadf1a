"""Load benchmark: N concurrent chat sessions against a running (or self-started) Raadsassistent.

Run: ``make load`` or ``.venv/bin/python benchmarks/load.py [--sessions 50] [--questions 4] [--url URL]``

Without ``--url`` it starts ``assistant serve`` on a free port on 127.0.0.1 over the current index,
waits for ``/api/health``, runs the sessions and stops the server. Half of the sessions use the JSON
API (``POST /api/ask``), half the Gradio chat endpoint (the same call the browser makes), each asking
``--questions`` questions in a row with its own conversation history, like a council member would.
Bounded: every request has a timeout and the whole run a deadline. Reports throughput, p50/p95/p99
latency per endpoint, errors (target 0) and the server's peak memory; writes
``benchmarks/results/load-<time>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.metrics import percentile  # noqa: E402

QUESTIONS = [
    "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?",
    "Wat doet de gemeente tegen eenzaamheid?",
    "Wanneer is het Regioprogramma Jeugd vastgesteld?",
    "Hoeveel medewerkers heeft het sociaal team?",
    "Welke proeftuin wil Wijchen opstarten?",
    "En sinds wanneer lopen daar proeftuinen?",
    "Wat is de visie op een robuust sociaal team?",
    "Krijgt mevrouw De Vries uit de Dorpsstraat 12 een pgb?",  # refused: counts as a normal, fast answer
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of the server process (Linux); None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


async def ask_api(client: httpx.AsyncClient, question: str, history: list[str]) -> str:
    r = await client.post("/api/ask", json={"question": question, "history": history})
    r.raise_for_status()
    data = r.json()
    if not data.get("answer"):
        raise RuntimeError("leeg antwoord")
    return data["question"]


async def ask_gradio(client: httpx.AsyncClient, question: str, history: list[str]) -> str:
    """The browser's call: POST /gradio_api/call/respond, then read the event stream to 'complete'."""
    state = {"questions": history, "answers": []}
    r = await client.post("/gradio_api/call/respond", json={"data": [question, [], state, [], [], "", ""]})
    r.raise_for_status()
    event_id = r.json()["event_id"]
    event, last = "", ""
    async with client.stream("GET", f"/gradio_api/call/respond/{event_id}") as stream:
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError("gradio error event")
            elif line.startswith("data:"):
                last = line[5:].strip()
                if event == "complete":
                    break
    if event != "complete":
        raise RuntimeError(f"stream ended with {event!r}")
    data = json.loads(last)
    chat = data[0]
    if not chat or not chat[-1].get("content"):
        raise RuntimeError("geen antwoord in de chat")
    return str(chat[-2]["content"])


async def session(n: int, base: str, questions: int, timeout: float, results: list[dict[str, Any]]) -> None:
    kind = "api" if n % 2 == 0 else "gradio"
    history: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        for i in range(questions):
            question = QUESTIONS[(n + i) % len(QUESTIONS)]
            started = time.perf_counter()
            error = None
            try:
                asked = await (ask_api if kind == "api" else ask_gradio)(client, question, history)
                history.append(asked)
            except Exception as exc:  # every failure is counted, none stops the run
                error = f"{type(exc).__name__}: {exc}"[:200]
            results.append({"session": n, "kind": kind, "ms": (time.perf_counter() - started) * 1000, "error": error})


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_healthy(base: str, proc: subprocess.Popen[bytes] | None, deadline_s: float = 600) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit("De server is gestopt tijdens het opstarten.")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"De server op {base} reageert niet.")


def summarise(results: list[dict[str, Any]], wall_s: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "requests": len(results),
        "errors": sum(1 for r in results if r["error"]),
        "wall_s": round(wall_s, 1),
        "throughput_per_s": round(len(results) / wall_s, 2) if wall_s else 0.0,
    }
    for kind in ("api", "gradio", "all"):
        ms = [r["ms"] for r in results if (kind == "all" or r["kind"] == kind) and not r["error"]]
        if ms:
            out[kind] = {
                "n": len(ms),
                "p50_ms": percentile(ms, 50),
                "p95_ms": percentile(ms, 95),
                "p99_ms": percentile(ms, 99),
                "mean_ms": round(statistics.fmean(ms), 1),
            }
    out["error_samples"] = sorted({r["error"] for r in results if r["error"]})[:10]
    return out


async def run(base: str, sessions: int, questions: int, timeout: float, deadline: float) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    tasks = [asyncio.create_task(session(n, base, questions, timeout, results)) for n in range(sessions)]
    _done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    missing = sessions * questions - len(results)
    results.extend({"session": -1, "kind": "deadline", "ms": 0.0, "error": "deadline"} for _ in range(missing))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--questions", type=int, default=4, help="vragen per sessie")
    parser.add_argument("--url", help="een draaiende server; zonder: er wordt er een gestart")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconden per vraag")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconden voor de hele run")
    args = parser.parse_args()
    proc = None
    base = args.url
    if not base:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        print(f"Server starten op {base} ...", flush=True)
        proc = start_server(port)
    try:
        wait_healthy(base, proc)
        print(f"{args.sessions} sessies x {args.questions} vragen ...", flush=True)
        started = time.perf_counter()
        results = asyncio.run(run(base, args.sessions, args.questions, args.timeout, args.deadline))
        summary = summarise(results, time.perf_counter() - started)
        summary.update({"sessions": args.sessions, "questions_per_session": args.questions, "url": base})
        if proc is not None:
            summary["server_peak_rss_mb"] = peak_rss_mb(proc.pid)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    out = ROOT / "benchmarks" / "results" / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0 if summary["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
