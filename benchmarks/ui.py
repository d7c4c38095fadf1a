"""Browser benchmark of the running web chat: Enter-to-answer latency and the time to open a cited page.

Not a test: it reports numbers (and, with ``--screenshots DIR``, takes the README screenshots). Start the chat
first (``make run``), then: ``.venv/bin/python benchmarks/ui.py http://127.0.0.1:7860/``. Uses Debian's Chromium.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "Wat doet de gemeente tegen eenzaamheid?",
    "Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?",
    "Hoeveel medewerkers heeft het sociaal team?",
    "Wat is Buurtgezinnen?",
    "Welke wijken kregen als eerste een schakelteam?",
    "Wat kost het investeringsplan jeugd en gezin in 2027?",
    "Hoeveel mantelzorgers voelen zich zwaar belast?",
    "Wat is de begroting van de GGD voor 2026?",
    "Wanneer is het beleidsplan vastgesteld?",
    "Welke doelen heeft het uitvoeringsprogramma Wmo?",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--screenshots", type=Path, help="map voor de README-schermafbeeldingen")
    parser.add_argument("--question", default=QUESTIONS[4], help="vraag voor de schermafbeelding")
    args = parser.parse_args()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(args.url)
        page.wait_for_selector("#vraag textarea", timeout=60_000)
        answer_ms: list[float] = []
        source_ms: list[float] = []
        for q in QUESTIONS:
            page.click("#nieuw-gesprek")
            page.wait_for_timeout(300)
            page.fill("#vraag textarea", q)
            started = time.perf_counter()
            page.keyboard.press("Enter")
            # Done when the bot message stops changing: the answer has been streamed to its end.
            page.wait_for_function(
                "() => { const m = document.querySelectorAll('#gesprek [data-testid=\"bot\"]');"
                " return m.length && (m[m.length - 1].innerText.includes('Bronnen')"
                " || m[m.length - 1].innerText.includes('niet vinden')"
                " || m[m.length - 1].innerText.includes('persoonsgegevens')); }",
                timeout=60_000,
            )
            answer_ms.append((time.perf_counter() - started) * 1000)
            links = page.locator("#gesprek a", has_text="[1]")
            if links.count():
                started = time.perf_counter()
                links.first.click()
                frame = page.frame_locator("#bronvenster iframe")
                frame.locator("h1").wait_for(timeout=30_000)
                page.wait_for_function(
                    "() => { const d = document.querySelector('#bronvenster iframe').contentDocument;"
                    " const i = d && d.querySelector('img#pagina'); return !i || (i.complete && i.naturalWidth); }",
                    timeout=30_000,
                )
                source_ms.append((time.perf_counter() - started) * 1000)
                page.locator("#bronvenster .bron-sluit").click()
        result = {
            "questions": len(QUESTIONS),
            "enter_to_answer_ms": {"p50": round(statistics.median(answer_ms)), "p95": round(percentile(answer_ms, 95))},
            "open_source_ms": {"p50": round(statistics.median(source_ms)), "p95": round(percentile(source_ms, 95))},
        }
        print(json.dumps(result, indent=2))
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            for name, size in (("bureaublad", (1280, 900)), ("telefoon", (390, 844))):
                shot = browser.new_page(viewport={"width": size[0], "height": size[1]})
                shot.goto(args.url)
                shot.wait_for_selector("#vraag textarea", timeout=60_000)
                shot.fill("#vraag textarea", args.question)
                shot.keyboard.press("Enter")
                shot.wait_for_timeout(2500)
                if name == "telefoon":
                    shot.screenshot(path=str(args.screenshots / "screenshot-telefoon-antwoord.png"))
                shot.locator("#gesprek a", has_text="[1]").first.click()
                shot.frame_locator("#bronvenster iframe").locator("img#pagina, #passage").first.wait_for()
                shot.wait_for_timeout(800)
                shot.screenshot(path=str(args.screenshots / f"screenshot-{name}-bron.png"))
                shot.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
