"""The CLI contract, run as a user would: real subprocesses, JSON on stdout, batch mode via stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EERSTE, FONT, REPO

QUESTION = "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?"


def _run(args: list[str], env_extra: dict[str, str], stdin: str | None = None, timeout: int = 600):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def env(assistant) -> dict[str, str]:
    s = assistant.settings
    return {
        "ASSISTANT_CORPUS_DIR": str(s.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(s.index_dir),
        "ASSISTANT_MODEL_CACHE_DIR": str(s.models_dir),
    }


def test_ask_json(env):
    proc = _run(["ask", QUESTION, "--json"], env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert "11" in data["answer"]
    assert data["citations"][0]["doc_id"] == EERSTE and data["citations"][0]["page"] == "10"
    assert data["abstained"] is False and data["refused"] is False


def test_batch_mode_reads_stdin(env):
    questions = [QUESTION, "", "Wat doet de gemeente tegen eenzaamheid?", "Hoeveel AED's hangen er in Druten?"]
    proc = _run(["ask", "--json"], env, stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["question"] for d in lines] == [q for q in questions if q]
    assert "11" in lines[0]["answer"]
    assert "eenzaam" in lines[1]["answer"].lower()
    assert lines[2]["abstained"] is True
    # The model and index loaded once: one "laden" line on stderr.
    assert proc.stderr.count("Model en index laden") == 1


def test_plain_text_answer_and_usage_errors(env):
    proc = _run(["ask", QUESTION], env)
    assert proc.returncode == 0
    assert "Bronnen:" in proc.stdout and "[1]" in proc.stdout
    usage = _run(["ask"], env)
    assert usage.returncode == 2 and "Geef een vraag op" in usage.stderr


@pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans font not installed")
def test_index_any_folder_with_flags(tmp_path: Path, env):
    from fpdf import FPDF

    folder = tmp_path / "mijn-documenten"
    folder.mkdir()
    for name, text in {
        "zwembad.pdf": "Informatienota\n\nOnderwerp: Renovatie zwembad De Meerval\n\nCollegedatum: 3 maart 2026\n\n"
        "De renovatie van zwembad De Meerval kost 4,2 miljoen euro en start in september 2026.",
        "bibliotheek.pdf": "Onderwerp: Openingstijden bibliotheek\n\nDe bibliotheek is vanaf 1 april 2026 ook op "
        "zondag open van 12.00 tot 16.00 uur.",
    }.items():
        pdf = FPDF()
        pdf.add_font("DejaVu", "", str(FONT))
        pdf.set_font("DejaVu", size=11)
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
        pdf.output(str(folder / name))
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 niet echt")
    flags = ["--corpus", str(folder), "--index", str(tmp_path / "idx")]
    cache = {"ASSISTANT_MODEL_CACHE_DIR": env["ASSISTANT_MODEL_CACHE_DIR"]}
    proc = _run(["index", *flags], cache)
    assert proc.returncode == 0, proc.stderr
    assert "2 nieuw" in proc.stderr and "kapot.pdf" in proc.stderr
    answer = json.loads(_run(["ask", "Wat kost de renovatie van het zwembad?", "--json", *flags], cache).stdout)
    assert "4,2 miljoen" in answer["answer"]
    assert answer["citations"][0]["title"] == "Renovatie zwembad De Meerval"
    assert answer["citations"][0]["date"] == "2026-03-03" and answer["citations"][0]["page"] == "1"
    assert not (REPO / "index" / "idx").exists()


def test_bad_corpus_folder_gives_dutch_error(tmp_path: Path, env):
    proc = _run(["index", "--corpus", str(tmp_path / "bestaat-niet"), "--index", str(tmp_path / "i")],
                {"ASSISTANT_MODEL_CACHE_DIR": env["ASSISTANT_MODEL_CACHE_DIR"]})  # fmt: skip
    assert proc.returncode == 1
    assert "documentenmap bestaat niet" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_python_api_matches_cli(assistant):
    answer = assistant.ask(QUESTION)
    assert shutil.which("assistant") or (REPO / ".venv" / "bin" / "assistant").exists()
    assert answer.to_json()["citations"][0]["chunk_id"] == answer.citations[0].chunk_id
