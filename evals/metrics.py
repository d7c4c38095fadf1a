"""Metric definitions, as pure functions so they are tested without a model.

Retrieval relevance is per evidence item: a retrieved passage covers an item when it comes from the
item's document and contains its phrase. For a question with several items (multi-document) recall@k
is the fraction of its items covered within the first k passages; the suite averages it over
questions. MRR uses the rank of the first covering passage. nDCG@10 gains 1 for each passage that
covers a not-yet-covered item, so finding the second document of a comparison counts.

Example:
    >>> rank_metrics([[1], [3], [None], [2, 7]], ks=(1, 5))
    {'n': 4, 'recall@1': 0.25, 'recall@5': 0.625, 'mrr': 0.4583}
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence

KS = (1, 3, 5, 10)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def contains_all(text: str, expected: Iterable[str]) -> bool:
    """Every expected fact occurs in the text (case- and whitespace-insensitive)."""
    haystack = normalise(text)
    return all(normalise(e) in haystack for e in expected)


def lead_of(answer: str) -> str:
    """What a raadslid reads first: the answer's opening paragraph (up to the first blank line).

    That is the head of asked facts when the answer leads with them, the register's date line, or, for an answer
    that is a bare quote, the quote itself; a wrong fact in bold above the right quote is a miss.

    Example:
        >>> lead_of("**11 gemeenten** [1]\\n\\nVolgens de nota: ... 11 gemeenten ... [1]")
        '**11 gemeenten** [1]'
    """
    return answer.strip().split("\n\n", 1)[0]


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def lead_holds(lead: str, expected: Iterable[str]) -> bool:
    """The opening holds an expected fact, or leads in bold with a whole-word part of one ("10%" of "10% per jaar",
    "Tactus" of "Tactus verslavingszorg"); a bold number from another row or year is a miss ("46" for "51", "4
    inwoners" for "1 op de 4").

    Example:
        >>> lead_holds("**10%** [1]", ["10% per jaar"]), lead_holds("**4 inwoners** [1]", ["1 op de 4"])
        (True, False)
    """
    facts = [normalise(e) for e in expected]
    opening = normalise(lead)
    if any(f in opening for f in facts):
        return True
    spans = [normalise(b) for b in _BOLD.findall(lead)]
    return any(re.search(rf"(?<!\w){re.escape(b)}(?!\w)", f) for b in spans if b for f in facts)


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Fraction of evidence items found within the first k (ranks are 1-based, None = not found)."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def reciprocal_rank(ranks: Sequence[int | None]) -> float:
    found = [r for r in ranks if r is not None]
    return 1.0 / min(found) if found else 0.0


def ndcg(ranks: Sequence[int | None], k: int = 10) -> float:
    """Binary-gain nDCG@k where each evidence item counts once, at the rank it is first found."""
    if not ranks:
        return 0.0
    positions = sorted({r for r in ranks if r is not None and r <= k})
    dcg = sum(1.0 / math.log2(r + 1) for r in positions)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(ranks), k) + 1))
    return dcg / ideal if ideal else 0.0


def rank_metrics(per_question: Sequence[Sequence[int | None]], ks: Sequence[int] = KS) -> dict[str, float]:
    """Average retrieval metrics over questions; each entry holds the rank of every evidence item."""
    n = len(per_question)
    out: dict[str, float] = {"n": n}
    if not n:
        return out
    for k in ks:
        out[f"recall@{k}"] = round(sum(recall_at(r, k) for r in per_question) / n, 4)
    out["mrr"] = round(sum(reciprocal_rank(r) for r in per_question) / n, 4)
    if 10 in ks:
        out["ndcg@10"] = round(sum(ndcg(r, 10) for r in per_question) / n, 4)
    return out


def recall_curve(per_question: Sequence[Sequence[int | None]], max_k: int = 10) -> list[float]:
    n = len(per_question) or 1
    return [round(sum(recall_at(r, k) for r in per_question) / n, 4) for k in range(1, max_k + 1)]


def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> dict[str, float | None]:
    """Precision and recall of a yes/no decision (abstain, refuse); None when undefined."""
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    fp = sum(p and not a for p, a in zip(predicted, actual, strict=True))
    fn = sum(a and not p for p, a in zip(predicted, actual, strict=True))
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "n_positive": tp + fn,
    }


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return round(float(ordered[index]), 1)


def latency_summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "mean": round(statistics.fmean(values), 1) if values else 0.0,
        "n": len(values),
    }


def rate(flags: Iterable[bool | None]) -> float | None:
    """Share of True among the defined values; None when there are none."""
    defined = [bool(f) for f in flags if f is not None]
    return round(sum(defined) / len(defined), 4) if defined else None


def page_in(page: int | None, pages: str) -> bool:
    """Is ``page`` inside a citation's page label ("3" or "3-4")? False when either is unknown."""
    if page is None or not pages:
        return False
    first, _, last = pages.partition("-")
    try:
        return int(first) <= page <= int(last or first)
    except ValueError:
        return False
