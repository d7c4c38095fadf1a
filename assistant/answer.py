"""Answering: the offline extractive answerer (default) and the shared answer formatting.

No language model runs by default, so every answer sentence is a sentence from a passage,
quoted verbatim, with the source named ("Volgens de informatienota ... van 27 mei 2025") because
numbers change from one nota to the next. When the best sentence is weak evidence the answerer
abstains and shows the closest passages as "mogelijk relevant" instead of guessing.

Example:
    >>> from assistant.pipeline import Assistant
    >>> a = Assistant.from_settings().ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    >>> "11" in a.answer and a.citations[0].quote in a.citations[0].text
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .embeddings import SentenceTransformerEmbeddings
from .ingest import format_dutch_date
from .retrieval import BM25Index, SearchResult
from .schema import Answer, Chunk, Citation, Hit
from .settings import Settings
from .text import ANAPHORA, answer_candidates, candidate_key, sentence_spans, terms

NOT_FOUND = "Dat kan ik niet vinden in de beschikbare documenten."
ARTICLES = {"informatienota": "de", "beleidsplan": "het", "monitorverslag": "het", "raadsvoorstel": "het"}

_COUNT_QUESTION = re.compile(
    r"\b(hoeveel|hoe ?veel|aantal|welk bedrag|hoe hoog|hoe groot|percentage|procent|hoe lang|hoe vaak|"
    r"hoe duur|wat kost|kosten|budget)\b",
    re.I,
)
_DATE_QUESTION = re.compile(
    r"\b(wanneer|welke datum|welk jaar|in welk jaar|per wanneer|vanaf wanneer|tot wanneer|sinds wanneer|"
    r"datum|welke maand)\b",
    re.I,
)
#: A quantity: a number that is not a year, or a number word.
_HAS_COUNT = re.compile(
    r"(?<![\d-])(?!(?:19|20)\d\d\b)\d[\d.,]*%?|€|\b(één|een op de|twee|drie|vier|vijf|zes|zeven|acht|negen|"
    r"tien|elf|twaalf|twintig|honderd|duizend|vijftal|tiental|helft|derde|kwart|eenmaal|tweemaal|driemaal|"
    r"jaarlijks|maandelijks|wekelijks|dagelijks|halfjaarlijks|iedere|elke)\b",
    re.I,
)
_HAS_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b|\b(januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december|voorjaar|zomer|najaar|eind|begin|medio)\b",
    re.I,
)


def source_phrase(chunk: Chunk) -> str:
    """'de informatienota "Titel" van 27 mei 2025' - names the source and its date."""
    article = ARTICLES.get(chunk.doc_type, "het")
    kind = chunk.doc_type if chunk.doc_type in ARTICLES else "document"
    date = format_dutch_date(chunk.date)
    when = f" van {date}" if re.match(r"\d{1,2} ", date) else (f" ({date})" if date else "")
    return f'{article} {kind} "{chunk.title}"{when}'


@dataclass
class ScoredSentence:
    hit_rank: int
    chunk: Chunk
    start: int  # offsets inside chunk.text
    end: int
    lexical: float
    dense: float
    number: float
    score: float
    place: float = 1.0

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


class ExtractiveAnswerer:
    """Pick the sentences that best answer the question from the top passages.

    The score mixes (weights below, chosen on the dev split of ``evals/qa.jsonl``):
    IDF-weighted overlap of stemmed question terms, the dense similarity of sentence and
    question, a bonus for numbers/dates when the question asks for one, and the passage's rank.
    """

    W_LEXICAL = 0.50
    W_DENSE = 0.40
    W_RANK = 0.10
    #: Multipliers when a count/date question meets a sentence without one, or another municipality.
    TYPE_MISMATCH = 0.6
    PLACE_MISMATCH = 0.5
    #: A second sentence is added only when it scores at least this fraction of the best one.
    SECOND_SENTENCE = 0.85
    #: e5 cosines live in a narrow band; map [DENSE_LOW, DENSE_HIGH] onto [0, 1].
    DENSE_LOW = 0.72
    DENSE_HIGH = 0.90

    def __init__(
        self,
        settings: Settings,
        embeddings: SentenceTransformerEmbeddings,
        bm25: BM25Index,
        stored_vectors: Callable[[list[str]], dict[str, Any]] | None = None,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.bm25 = bm25
        #: Looks up sentence vectors embedded at index time (``Index.sentence_vectors``); None = embed now.
        self.stored_vectors = stored_vectors
        self._places: set[str] = set()
        self._places_for: BM25Index | None = None

    def places(self) -> set[str]:
        """Municipality names known from the corpus (metadata and "gemeente X" in the text)."""
        if self._places_for is not self.bm25:
            found: set[str] = set()
            for chunk in self.bm25.chunks:
                found.update(chunk.gemeenten)
                found.update(re.findall(r"\b[Gg]emeenten?\s+([A-Z][a-zà-ÿ]{2,})", chunk.text))
            self._places, self._places_for = found, self.bm25
        return self._places

    def _vectors(self, candidates: list[tuple[int, Hit, int, int, int]]) -> np.ndarray:
        """Sentence vectors from the index (embedded at index time); only missing ones are embedded now."""
        keys = [candidate_key(h.chunk.chunk_id, a, b, c) for _, h, a, b, c in candidates]
        stored = self.stored_vectors(keys) if self.stored_vectors else {}
        missing = [i for i, k in enumerate(keys) if k not in stored]
        if missing:
            texts = [candidates[i][1].chunk.text[candidates[i][4] : candidates[i][3]] for i in missing]
            stored.update(zip((keys[i] for i in missing), self.embeddings.encode(texts, kind="passage"), strict=True))
        return np.stack([np.asarray(stored[k], dtype=np.float32) for k in keys])

    def score_sentences(self, question: str, result: SearchResult) -> list[ScoredSentence]:
        hits = result.hits[: self.settings.answer_chunks]
        q_terms = list(dict.fromkeys(terms(question, self.settings.stemmer)))
        q_weight = {t: self.bm25.idf(t) for t in q_terms}
        total = sum(q_weight.values()) or 1.0
        places = [p for p in self.places() if re.search(rf"\b{re.escape(p)}\b", question)]
        wants_count = bool(_COUNT_QUESTION.search(question))
        wants_date = bool(_DATE_QUESTION.search(question))
        candidates = [
            (rank, hit, a, b, c) for rank, hit in enumerate(hits) for a, b, c in answer_candidates(hit.chunk.text)
        ]
        if not candidates:
            return []
        cosines = self._vectors(candidates) @ np.asarray(result.query_vector)
        scored = []
        for (rank, hit, a, b, c), cos in zip(candidates, cosines, strict=True):
            sentence = hit.chunk.text[a:b]
            s_terms = set(terms(hit.chunk.text[c:b], self.settings.stemmer))
            lexical = sum(w * _term_match(t, s_terms) for t, w in q_weight.items()) / total
            dense = float(np.clip((cos - self.DENSE_LOW) / (self.DENSE_HIGH - self.DENSE_LOW), 0, 1))
            # A "hoeveel"/"wanneer" question is only answered by a sentence with a quantity/date.
            typed = not (wants_count and not _HAS_COUNT.search(sentence)) and not (
                wants_date and not _HAS_DATE.search(sentence)
            )
            # A question about one municipality is not answered by a sentence about another.
            context = f"{hit.chunk.text[c:b]} {hit.chunk.section}"
            place_ok = not places or any(re.search(rf"\b{re.escape(p)}\b", context) for p in places)
            score = self.W_LEXICAL * lexical + self.W_DENSE * dense + self.W_RANK / (1 + rank)
            score *= (1.0 if typed else self.TYPE_MISMATCH) * (1.0 if place_ok else self.PLACE_MISMATCH)
            scored.append(ScoredSentence(rank, hit.chunk, a, b, lexical, dense, float(typed), score, float(place_ok)))
        scored.sort(key=lambda s: -s.score)
        return scored

    def answer(self, question: str, result: SearchResult) -> Answer:
        scored = self.score_sentences(question, result)
        if not scored or scored[0].score < self.settings.abstain_threshold:
            return self.abstain(question, result, scored)
        best = expand_quote(scored[0])
        chosen = [best]
        for cand in scored[1:]:
            if len(chosen) >= self.settings.answer_max_sentences:
                break
            cand = expand_quote(cand)
            if cand.score >= self.SECOND_SENTENCE * best.score and not any(_overlaps(cand, c) for c in chosen):
                chosen.append(cand)
        return compose(question, chosen, result.hits)

    def abstain(self, question: str, result: SearchResult, scored: list[ScoredSentence]) -> Answer:
        citations: list[Citation] = []
        seen: set[str] = set()
        for cand in scored:
            if cand.chunk.chunk_id in seen:
                continue
            seen.add(cand.chunk.chunk_id)
            citations.append(Citation.from_chunk(len(citations) + 1, cand.chunk, _strip_bullet(cand.text)))
            if len(citations) >= self.settings.mogelijk_relevant:
                break
        lines = [NOT_FOUND]
        if citations:
            lines.append("\nMogelijk relevant:")
            for c in citations:
                page = f", p. {c.page}" if c.page else ""
                lines.append(f"[{c.n}] {c.title}{page}: {_shorten(c.quote)}")
        return Answer(question=question, answer="\n".join(lines), citations=citations, retrieved=result.hits,
                      abstained=True)  # fmt: skip


def _term_match(term: str, sentence_terms: set[str]) -> float:
    """1 for the same stem; 0.5 when the term is part of a Dutch compound (college -> collegedatum)."""
    if term in sentence_terms:
        return 1.0
    compound = len(term) >= 5 and not term[0].isdigit()
    if compound and any(len(u) > len(term) and (u.startswith(term) or u.endswith(term)) for u in sentence_terms):
        return 0.5
    return 0.0


def _overlaps(a: ScoredSentence, b: ScoredSentence) -> bool:
    """Same or contained text (overlapping chunks repeat sentences) or overlapping spans."""
    if a.text.strip() in b.text or b.text.strip() in a.text:
        return True
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start < b.end and b.start < a.end


def expand_quote(s: ScoredSentence) -> ScoredSentence:
    """Include the previous sentence when the chosen one starts with a reference ("Hier doen 11 ...")."""
    if not ANAPHORA.match(_strip_bullet(s.text)):
        return s
    spans = sentence_spans(s.chunk.text)
    previous = [span for span in spans if span[1] <= s.start]
    if not previous:
        return s
    start = previous[-1][0]
    return ScoredSentence(s.hit_rank, s.chunk, start, s.end, s.lexical, s.dense, s.number, s.score, s.place)


def _strip_bullet(text: str) -> str:
    return re.sub(r"^[•●▪◦‣∙·\-–*]\s+", "", text.strip())


def _shorten(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def compose(question: str, chosen: list[ScoredSentence], hits: list[Hit]) -> Answer:
    """Numbered citations in order of use; sentences from one source share one introduction."""
    citations: list[Citation] = []
    number_of: dict[str, int] = {}
    parts: list[str] = []
    previous_doc: str | None = None
    # Keep document order inside one chunk so quotes read naturally.
    chosen = sorted(chosen, key=lambda s: (s.hit_rank, s.start)) if len(chosen) > 1 else chosen
    for s in chosen:
        quote = _strip_bullet(s.text)
        cid = s.chunk.chunk_id
        if cid not in number_of:
            number_of[cid] = len(citations) + 1
            citations.append(Citation.from_chunk(number_of[cid], s.chunk, quote))
        else:
            existing = citations[number_of[cid] - 1]
            existing.quote = _join_quotes(s.chunk.text, existing.quote, quote)
        n = number_of[cid]
        if s.chunk.doc_id != previous_doc:
            intro = f"Volgens {source_phrase(s.chunk)}"
            page = f" (p. {s.chunk.page})" if s.chunk.page else ""
            parts.append(f"{intro}{page}: {quote} [{n}]")
        else:
            parts.append(f"{quote} [{n}]")
        previous_doc = s.chunk.doc_id
    answer = " ".join(parts)
    answer = answer[:1].upper() + answer[1:]
    return Answer(question=question, answer=answer, citations=citations, retrieved=hits)


def _join_quotes(chunk_text: str, first: str, second: str) -> str:
    """Two quotes from one chunk: one verbatim span if they touch, else the earlier one."""
    a, b = chunk_text.find(first), chunk_text.find(second)
    if a < 0 or b < 0:
        return first
    lo, hi = min(a, b), max(a + len(first), b + len(second))
    span = chunk_text[lo:hi]
    return span if len(span) <= len(first) + len(second) + 3 else first
