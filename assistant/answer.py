"""Answering: the offline extractive answerer (default) and the shared answer formatting.

No language model runs by default, so every answer is made of spans of the documents: the asked fact first
("**11 gemeenten** [1]", a verbatim slice of the cited sentence), then the quoted sentence with its source
and date ("Volgens de informatienota ... van 27 mei 2025"), because numbers change from one nota to the next.
A sentence is only quoted when the evidence checks of ``answerability`` pass: it covers the question's focus
terms, holds the asked kind of fact, and is about the asked year and place. Otherwise the answerer says the
documents do not answer the question and shows the closest passages as "mogelijk relevant". A question with
several parts ("... en wanneer ...") is answered part by part, each from its own best passage.

Example:
    >>> from assistant.pipeline import Assistant
    >>> a = Assistant.from_settings().ask("Hoeveel gemeenten doen mee aan de campagne over mentale gezondheid?")
    >>> a.answer.startswith("**11 gemeenten") and a.citations[0].quote in a.citations[0].text
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from .answerability import (
    REASON,
    Evidence,
    Thesaurus,
    Vocabulary,
    asked_codes,
    check,
    names_the_thing,
    question_terms,
    term_found,
)
from .dates import days_in, format_dutch_date
from .decisions.answer import DECISION_FRAME
from .decisions.records import both_dates
from .embeddings import Embedder
from .query import Query, analyse, document_references, name_terms, participle_stems
from .retrieval import BM25Index, SearchResult
from .schema import Answer, Chunk, Citation, Hit
from .settings import Settings
from .spans import (
    acronym_expansion,
    announces_list,
    asked_acronym,
    column_fit,
    directed_dates,
    header_terms,
    lead_span,
    list_after,
    states_asked_date,
    table_cell,
    verb_roots,
)
from .tables import SEPARATOR, parse_row_sentence
from .text import LIST_ITEM, answer_candidates, candidate_key, refers_back, sentence_spans, terms, words
from .vocabulary import ARTICLES, acting_gemeente, bodies_in, gemeenten_in
from .zaaknummer import find_all, identifiers, normalize

NOT_FOUND = "Dat kan ik niet vinden in de beschikbare documenten."

#: A sentence that says what something is: a short subject, then "is/zijn/betekent/houdt in/heet/omvat".
_DEFINES = re.compile(
    r"^\W*(?:[\w’'-]+\s+){1,6}(?:is|zijn|betekent|betekenen|houdt|houden|heet|heten|omvat|omvatten)\b", re.I
)
#: A past participle ("toegelicht", "vergeleken", "bijgewerkte"): a verb form, never the missing subject.
_PARTICIPLE = re.compile(r"^(ge|be|ver|ont|her|toe|bij|op|af|aan|uit|in|mee|over)\w*(d|t|en|de|te)$", re.I)
#: An enumeration inside a sentence: "kindermishandeling, ouderenmishandeling, mensenhandel en ...".
_ENUMERATION = re.compile(r"(?:[^,;:]+,){2,}[^,;:]+|:\s*\S")
_MEANS = re.compile(
    r"\b(via|door|met|middels|door\s+middel\s+van|met\s+behulp\s+van|inzetten|inzet|organiseren|bieden|"
    r"aanbieden|ondersteunen|werken|starten|ontwikkelen|zetten|gaan|wordt|worden)\b",
    re.I,
)


#: A plain number of five digits or more: a record number, not an amount ("1.000.000") or a year.
_RECORD_NUMBER = re.compile(r"(?<![\w.,/-])\d{5,}(?![\w.,/-]?\d)")
#: A title or name the question quotes: 'Samen sterk en vakkundig', “Gewoon Thuis”.
_QUOTED = re.compile(r"(?<!\w)[‘'\"“]([^‘'\"“”’\n]{3,80}?)[’'\"”](?!\w)")


def _flat(text: str) -> str:
    """Lower case, one space between words, straight quotes: how a quoted title is looked up in the passages."""
    return " ".join(words(text))


#: A field of a cover or header: a short label, a colon (or a table cell) and its value ("Steller: M.E. Knook").
_LABEL = re.compile(r"^\W*([^\W\d_][\w() .-]{1,40}?)\s*:\s*(?:\|\s*)?\S")


def source_phrase(chunk: Chunk) -> str:
    """'de informatienota "Titel" van 27 mei 2025' - names the source and its date."""
    known = chunk.doc_type in ARTICLES and chunk.doc_type != "overig"
    article = ARTICLES[chunk.doc_type] if known else "het"
    kind = chunk.doc_type if known else "document"
    date = format_dutch_date(chunk.date)
    if chunk.doc_type == "besluitenlijst" and len(chunk.date) == 10:
        date = both_dates(chunk.date)  # staff look meetings up as 10-06-2025, the way the lists write them
    when = f" van {date}" if re.match(r"\d{1,2} ", date) else (f" ({date})" if date else "")
    return f'{article} {kind} "{chunk.title}"{when}'


@dataclass
class Candidate:
    """A sentence of a retrieved passage, scored against one question (part)."""

    hit_rank: int
    chunk: Chunk
    start: int  # offsets inside chunk.text
    end: int
    lexical: float
    dense: float
    score: float
    evidence: Evidence
    #: Where the sentence that holds the asked fact starts, when the candidate quotes it with an earlier sentence
    #: about the question (``_continued``): the lead is taken from it.
    fact_start: int | None = None

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]


#: How much of a document's first passage is its cover (title page: organisation, kind, year).
_COVER_CHARS = 400


@dataclass(frozen=True)
class CorpusStats:
    """What the answerer needs to know about the corpus: BM25 term statistics, its vocabulary, the gemeenten."""

    bm25: BM25Index
    places: frozenset[str]
    vocabulary: Vocabulary
    #: Per document, the stems of its title and cover (the opening of its first passage): the organisation it is
    #: about ("Jaarstukken 2023 Collectie Overijssel", "GGD Flevoland Begroting 2026").
    covers: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def lower_texts(self) -> tuple[str, ...]:
        """Every passage in lower case, where an asked code or record number is looked up; once per generation."""
        return tuple(c.text.lower() for c in self.bm25.chunks)

    @cached_property
    def flat_texts(self) -> tuple[str, ...]:
        """Every passage as ``_flat`` words, where a quoted title is looked up; once per generation, when asked."""
        return tuple(_flat(c.text) for c in self.bm25.chunks)


@dataclass
class PartAnswer:
    """What the answerer found for one part of the question: quoted candidates and the lead span (chunk offsets)."""

    query: Query
    chosen: list[Candidate]
    lead: tuple[int, int] | None = None
    #: Question words the corpus never uses, when that is why the part is not answered.
    silent_words: tuple[str, ...] = ()
    #: For "wanneer" without a date in the sentence, the date of its document (a besluitenlijst's meeting date).
    document_date: str = ""
    #: The sentence that answers this part best is the one another part already quotes: answered there.
    shared: bool = False

    @property
    def found(self) -> bool:
        return bool(self.chosen)


class ExtractiveAnswerer:
    """Pick the sentences that answer the question from the top passages, or say that they do not.

    The ranking score mixes IDF-weighted overlap with the question's focus terms, the dense similarity of
    sentence and question, and the passage's rank (weights in ``Settings``, chosen on the dev splits). The
    decision to answer is separate and needs evidence: see ``answerability``.
    """

    def __init__(
        self,
        settings: Settings,
        embeddings: Embedder,
        bm25: BM25Index,
        stored_vectors: Callable[[list[str]], dict[str, Any]] | None = None,
    ) -> None:
        self.settings = settings
        self.embeddings = embeddings
        #: BM25 statistics of the corpus, for results that carry no snapshot of their own (the naive baseline).
        self.bm25 = bm25
        #: Looks up sentence vectors embedded at index time (``Index.sentence_vectors``); None = embed now.
        self.stored_vectors = stored_vectors
        self._stats: CorpusStats | None = None

    # -- corpus-derived state -------------------------------------------------------------------

    def stats(self, result: SearchResult | None = None) -> CorpusStats:
        """Term statistics, vocabulary and known places of the generation ``result`` was searched on; computed once
        per generation and never changed afterwards, so concurrent questions cannot mix two generations."""
        bm25 = result.snapshot.bm25 if result is not None and result.snapshot is not None else self.bm25
        cached = self._stats
        if cached is None or cached.bm25 is not bm25:
            found: set[str] = set()
            first: dict[str, Chunk] = {}
            for chunk in bm25.chunks:
                found.update(chunk.gemeenten)
                found.update(re.findall(r"\b[Gg]emeenten?\s+([A-Z][a-zà-ÿ]{2,})", chunk.text))
                if chunk.doc_id not in first or chunk.index < first[chunk.doc_id].index:
                    first[chunk.doc_id] = chunk
            covers = {
                d: frozenset(terms(f"{c.title} {c.text[:_COVER_CHARS]}", self.settings.stemmer))
                for d, c in first.items()
            }
            cached = CorpusStats(bm25, frozenset(found), Vocabulary(dict(bm25.document_frequencies)), covers)
            self._stats = cached
        return cached

    # -- scoring ----------------------------------------------------------------------------------

    def _vectors(self, candidates: list[tuple[int, Hit, int, int, int]]) -> np.ndarray:
        """Sentence vectors from the index (embedded at index time); only missing ones are embedded now."""
        keys = [candidate_key(h.chunk.chunk_id, a, b, c) for _, h, a, b, c in candidates]
        stored = self.stored_vectors(keys) if self.stored_vectors else {}
        missing = [i for i, k in enumerate(keys) if k not in stored]
        if missing:
            texts = [candidates[i][1].chunk.text[candidates[i][4] : candidates[i][3]] for i in missing]
            stored.update(zip((keys[i] for i in missing), self.embeddings.encode(texts, kind="passage"), strict=True))
        return np.stack([np.asarray(stored[k], dtype=np.float32) for k in keys])

    def candidates(self, query: Query, result: SearchResult, dutch: bool = True) -> list[Candidate]:
        """Every sentence of the top passages, best first, with its evidence for ``query``; for a question in
        another language the dense similarity carries the lexical weight too (the words cannot match)."""
        stats = self.stats(result)
        s = self.settings
        hits = result.hits[: s.answer_chunks] + self._lexical_extras(result)
        weight = self.focus_weights(query, stats)
        total = sum(weight.values()) or 1.0
        places = tuple(
            p for p in stats.places | set(gemeenten_in(query.text)) if re.search(rf"\b{re.escape(p)}\b", query.text)
        )
        thesaurus, asked = Thesaurus.load(s.stemmer), question_terms(query.text, s.stemmer)
        # The focus terms of each name of several words ("Collectie Overijssel", "GGD Flevoland").
        name_groups = [g for n in query.names if len(g := [t for t in terms(n, s.stemmer) if t in weight]) > 1]
        named = name_terms(query.names, s.stemmer)
        raw = [(rank, hit, a, b, c) for rank, hit in enumerate(hits) for a, b, c in answer_candidates(hit.chunk.text)]
        if not raw:
            return []
        cosines = self._vectors(raw) @ np.asarray(result.query_vector)
        out = []
        for (rank, hit, a, b, c), cos in zip(raw, cosines, strict=True):
            chunk = hit.chunk
            sentence = chunk.text[a:b]
            c = _question_before(chunk.text, a) if c == a else c  # its vector stays that of the sentence alone
            row = parse_row_sentence(sentence)
            # A table row is matched on its label and column headers: every row of a table repeats its caption.
            matched = " ".join([row[1], *(h for h, _ in row[2])]) if row else chunk.text[c:b]
            s_terms = set(terms(matched, s.stemmer))
            if row:  # a header wrapped in a narrow column ("Bestuurs begroting") also reads as the compound
                s_terms.update(t for h, _ in row[2] for t in header_terms(h, s.stemmer))
            # A question word counts when the sentence uses it or, with less weight, the field's synonym for it.
            found = {t: max(term_found(t, s_terms), thesaurus.covered(t, asked, s_terms)) for t in weight}
            if row:  # a narrow label abbreviates: "Nat. Archief", "Gem. Zwolle", "Prov. Overijssel"
                found = {t: max(f, 0.5 * abbreviates(matched, t)) for t, f in found.items()}
            for group in name_groups:
                # A name of several words is one thing: "Provincie Overijssel" in a row label is not a partial
                # match for "Collectie Overijssel", nor "middelen" for "NPO-middelen".
                whole = all(found[t] or ("-" in t and all(found.get(p) for p in t.split("-") if p)) for t in group)
                if not whole:  # "NPO-middelen" is found whole where the text says "(NPO) ... middelen"
                    found.update(dict.fromkeys(group, 0.0))
            if named and (cover := stats.covers.get(chunk.doc_id)):
                # A name the document's cover carries ("Jaarstukken 2023 Collectie Overijssel") is what every passage
                # of it is about, though a row or sentence rarely repeats it: found as a caption word is.
                found = {t: max(f, s.answer_caption_weight * (t in named and t in cover)) for t, f in found.items()}
            if row:
                # The caption names the table, the label the row: a caption word counts for each row, less than the
                # label's ("de mutatie voorzieningen in het overzicht kasstroom en EMU-saldo" is the row "Mutatie
                # voorzieningen", not "EMU-saldo"; "het EMU-saldo" is still the row "EMU-saldo").
                caption = set(terms(row[0], s.stemmer))
                found = {t: max(f, s.answer_caption_weight * term_found(t, caption)) for t, f in found.items()}
            if not row:
                # A sentence is read under its section heading and document title as a row under its caption ("We
                # zullen de voortgang delen met de raad" under "Uitvoering" of the nota on the robuust sociaal team):
                # a word found there counts as a caption word does. 0.5 and 1 measured worse on the dev splits.
                heading = set(terms(f"{chunk.section} {chunk.title}", s.stemmer))
                found = {t: max(f, s.answer_caption_weight * term_found(t, heading)) for t, f in found.items()}
            lexical = sum(w * found[t] for t, w in weight.items()) / total
            low, high = s.dense_band
            dense = float(np.clip((cos - low) / (high - low), 0, 1))
            # The sentence is read with the one before it, its section and document title, and the gemeenten the
            # document is about (a raadsvoorstel of Almere rarely repeats "Almere" in every sentence).
            context = " ".join(x for x in (chunk.text[c:a], chunk.section, chunk.title, *chunk.gemeenten) if x)
            evidence = check(
                query, sentence, context, stats.vocabulary,
                idf=weight, places=places, stemmer=s.stemmer, date=chunk.date,
                row_context=f"{chunk.section} {chunk.title}", doc_places=chunk.gemeenten, antecedent=chunk.text[c:a],
                paragraph=chunk.text[chunk.text.rfind("\n\n", 0, a) + 1 : a],
            )  # fmt: skip
            evidence = _decisions_evidence(query, chunk, sentence, context, evidence, s.stemmer)
            if dutch:
                score = s.answer_weight_lexical * lexical + s.answer_weight_dense * dense
            else:
                score = (s.answer_weight_lexical + s.answer_weight_dense) * dense
            score += s.answer_weight_rank / (1 + rank) + self._form_bonus(query, chunk, a, b, c)
            if query.doc_types and chunk.doc_type not in query.doc_types:
                score *= s.answer_other_source  # "volgens het beleidsplan": a passage from another kind of document
            out.append(Candidate(rank, chunk, a, b, lexical, dense, score, evidence))
        out.sort(key=lambda x: -x.score)
        return out

    def _form_bonus(self, query: Query, chunk: Chunk, a: int, b: int, c: int) -> float:
        """What the form of the sentence ``chunk.text[a:b]`` (read with the one before, from ``c``) adds for the kind
        of question, whatever its words: a reason for "waarom", a means for "hoe", a definition for "wat is", the
        field of the asked role, the list a list question asks for."""
        s, sentence = self.settings, chunk.text[a:b]
        bonus = 0.0
        if query.kind in ("why", "how") and (REASON if query.kind == "why" else _MEANS).search(sentence):
            bonus += s.answer_reason_bonus
        if query.kind == "definition" and (_DEFINES.match(sentence) or _spells_out_asked(query, sentence)):
            # "Algemene voorzieningen zijn diensten ...", not a heading naming them; "ZONL Zorggroep Oude en Nieuwe
            # Land" in a list of abbreviations, not a sentence that only uses "ZONL".
            bonus += s.answer_reason_bonus
        label = _LABEL.match(sentence) if query.role else None
        if label and term_found(query.role, set(terms(label[1], s.stemmer))):
            # "Portefeuillehouder: N.M. Nieuwenhuizen" on a cover: the field that states who holds the asked role.
            bonus += s.answer_role_field_bonus
        if query.wants_list and _holds_list(chunk.text, a, b):
            bonus += s.answer_list_bonus
            if query.listed and term_found(query.listed, set(terms(chunk.text[c:b], s.stemmer))):
                # The list of the asked things ("vijf hoofddoelen ... :"), not a list of something else about X.
                bonus += s.answer_listed_bonus
        return bonus

    def _lexical_extras(self, result: SearchResult) -> list[Hit]:
        """The best BM25 passages, in the named source and in all, that the fused ranking left out of the top: where
        the question's exact words stand (a table row "Personeelskosten — realisatie 2024: 51.660" that dense
        similarity ranks low). The answerer reads them too; its evidence checks decide, the ranking is not changed."""
        n = self.settings.answer_lexical_chunks
        if not n or result.snapshot is None:
            return []
        have = {h.chunk.chunk_id for h in result.hits[: self.settings.answer_chunks]}
        # The source the question names first: its best row may rank low among all passages ("het resultaat van de
        # GHOR volgens de begroting 2026" is a row in each of seven programme tables of two documents).
        ordered = [i for i, _ in result.bm25_scope[:n]] + [i for i, _ in result.bm25[:n]]
        chunks = [result.snapshot.chunks[i] for i in dict.fromkeys(ordered)]
        return [Hit(c, 0.0, {"bm25": r}) for r, c in enumerate(chunks, start=1) if c.chunk_id not in have]

    def focus_weights(self, query: Query, stats: CorpusStats) -> dict[str, float]:
        """IDF per focus term, doubled for names ("Jeugd" in "nadeel voor Jeugd"): the entity asked about matters
        more than a common word, however frequent the name is in the corpus."""
        named = name_terms(query.names, self.settings.stemmer)
        return {t: stats.bm25.idf(t) * (2.0 if t in named else 1.0) for t in query.focus}

    def silent_words(self, query: Query, stats: CorpusStats) -> tuple[str, ...]:
        """Names in the question that the corpus never uses, when they weigh enough to make it silent.

        Only names count (a place, an organisation, a programme the question capitalises, a zaaknummer or another
        identifier such as a plan identification): an unknown verb or adjective is just another way of saying what
        the documents say in their own words.
        """
        if not query.focus:
            return ()
        numbers = [normalize(m.group(0)) for m in find_all(query.text)]
        unknown = [n for n in numbers if not any(n in c.text for c in stats.bm25.chunks)]
        # A long plain number ("DigiD 1000759", "besluit 130111") names one record; where no passage has it, the
        # documents are silent about that record, however alike another number is.
        codes = list(dict.fromkeys(identifiers(query.text) + _RECORD_NUMBER.findall(query.text)))
        if codes:
            unknown += [code for code in codes if not any(code.lower() in text for text in stats.lower_texts)]
        if unknown:
            return tuple(unknown)
        quoted = [q for q in _QUOTED.findall(query.text) if len(words(q)) >= 2]
        if quoted:
            # "het programma 'Samen sterk en vakkundig'": a title quoted whole names one thing; where no passage
            # has it, the documents are silent about it, however many of its words they use ("Samen nieuwsgierig en
            # vakkundig").
            missing = [q for q in quoted if not any(_flat(q) in text for text in stats.flat_texts)]
            if missing:
                return tuple(missing)
        weight = self.focus_weights(query, stats)
        named = name_terms(query.names, self.settings.stemmer)
        # A name is not a compound of its parts: "Buurtouders" is no known word because "buurt" and "ouders" are.
        silent = [t for t in query.focus if t in named and not stats.vocabulary.known(t, compounds=False)]
        share = sum(weight[t] for t in silent) / (sum(weight.values()) or 1.0)
        if not silent or share < self.settings.answer_max_silent_share:
            return ()
        return self._words_of(query, set(silent))

    def unknown_nouns(self, query: Query, stats: CorpusStats) -> tuple[str, ...]:
        """Long words of the question the corpus never uses ("parkeerbeleid"): not proof that it is silent (the
        documents may say "dementie" where the question says "geheugenproblemen"), but a reason to ask for stronger
        evidence before answering."""
        long_words = {t for w in words(query.text) if len(w) >= 10 and not _PARTICIPLE.match(w) for t in terms(w)}
        return self._words_of(query, {t for t in query.focus if t in long_words and not stats.vocabulary.known(t)})

    def _words_of(self, query: Query, stems: set[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for w in words(query.text) if set(terms(w, self.settings.stemmer)) & stems))

    def select(
        self, query: Query, result: SearchResult, exclude: set[str] | None = None, dutch: bool = True
    ) -> PartAnswer:
        """The sentences to quote for one question part, or none when the evidence is not there.

        A question in another language (answered in Dutch, with a notice) shares no words with the documents, so
        only the word-independent checks apply to it: the kind of fact, the year, the place, the score.
        """
        s = self.settings
        stats = self.stats(result)
        silent = self.silent_words(query, stats) if dutch else ()
        if silent:
            return PartAnswer(query, [], silent_words=silent)
        candidates = self.candidates(query, result, dutch)
        fitting = [
            c
            for c in _continued(candidates, s.abstain_threshold, s.answer_min_coverage, lambda c: _has_fact(query, c))
            if c.evidence.fits and _sentence_key(c.text) not in (exclude or set()) and not _asks(c.text)
        ]
        fitting.sort(key=lambda c: -c.score)
        if not fitting:
            return PartAnswer(query, [])
        if query.kind == "date":
            # "Tot wanneer / sinds wanneer": only a date with "tot" / "sinds" before it states the asked end of the
            # period, and "voor welke jaren" a year range; such sentences go first (a plain date stays the fallback)
            # ... unless it scores far below the best: then it is about something else ("Deze decentralisatie is
            # gepland voor 1 januari 2026" before "Om ons voor te bereiden, krijgen gemeenten vanaf 2025 extra budget").
            floor = fitting[0].score - s.answer_directed_margin
            directed = [c for c in fitting if directed_dates(c.text, query.text) and c.score >= floor]
            fitting = directed + [c for c in fitting if c not in directed]
        fitting = _by_column(query, fitting, s)
        best = fitting[0]
        unknown = self.unknown_nouns(query, stats) if dutch else ()
        threshold = s.answer_unknown_word_threshold if unknown else s.abstain_threshold
        if not dutch:
            threshold = s.answer_foreign_threshold  # cross-language cosines are lower: the band is Dutch-Dutch
        if best.score < threshold or (dutch and not _covers(query, best, s)):
            return PartAnswer(query, [], silent_words=unknown)
        lead = _lead(query, best, s.stemmer)
        best = _with_quotation(_with_list(_with_antecedent(best), query))
        with_reasons = _with_reasons(best, query)
        if not _repeats(with_reasons, exclude or set()):  # not the reason another part already quotes
            best = with_reasons
        chosen = [best]
        for cand in fitting[1:]:
            if len(chosen) >= s.answer_max_sentences:
                break
            if cand.score >= s.answer_second_sentence * best.score and cand.evidence.coverage >= s.answer_min_coverage:
                cand = _with_quotation(_with_list(_with_antecedent(cand), query))
                if not any(_overlaps(cand, c) for c in chosen):
                    chosen.append(cand)
        return PartAnswer(query, chosen, lead, document_date=_document_date(query, fitting[0], lead))

    # -- answers ----------------------------------------------------------------------------------

    def answer(self, question: str, result: SearchResult) -> Answer:
        """Answer ``question`` as one part from ``result`` (the pipeline splits multi-part questions first)."""
        return self.answer_parts(question, [(analyse(question, self.settings.stemmer), result)])

    def answer_parts(self, question: str, parts: list[tuple[Query, SearchResult]], dutch: bool = True) -> Answer:
        """Answer each part from its own search result; abstain only when no part is answered. A part whose best
        sentence another part already quotes takes its next best, so two parts are not answered by one sentence."""
        answers: list[PartAnswer] = []
        for q, r in parts:
            # A sentence is "used" wherever it occurs: overlapping chunks hold the same sentence twice.
            # A chosen text may hold more than one sentence (the reason after it, the sentence it refers to).
            used = {_sentence_key(c.text[a:b]) for p in answers for c in p.chosen for a, b in sentence_spans(c.text)}
            used |= {_sentence_key(c.text) for p in answers for c in p.chosen}
            if q.depends_on_earlier and not any(p.found for p in answers):
                # "Hoeveel deelnemers had het atelier, en welke interventies zijn daar uit voortgekomen?": where the
                # documents do not answer the first part, a sentence that shares its words does not answer the rest.
                answers.append(PartAnswer(q, []))
                continue
            part = self.select(q, r, exclude=used, dutch=dutch)
            if not part.found and used and (alone := self.select(q, r, dutch=dutch)).found:
                # "In welke vergadering kwam plan X aan de orde, en om welk bestemmingsplan ging het?": one decision
                # states both; the quote above answers this part too, saying "staat niets" about it would be false.
                best = alone.chosen[0].text
                if {_sentence_key(best[a:b]) for a, b in sentence_spans(best)} <= used:
                    part = replace(alone, shared=True)  # its fact is led with, the sentence quoted once
            answers.append(part)
        hits = _merge_hits([r for _, r in parts])
        if not any(p.found for p in answers):
            silent = tuple(dict.fromkeys(w for p in answers for w in p.silent_words))
            return self.abstain(question, parts[0][1], silent)
        return compose(question, answers, hits)

    def abstain(self, question: str, result: SearchResult, silent: tuple[str, ...] = ()) -> Answer:
        citations: list[Citation] = []
        seen: set[str] = set()
        for hit in result.hits:
            if hit.chunk.chunk_id in seen:
                continue
            seen.add(hit.chunk.chunk_id)
            spans = sentence_spans(hit.chunk.text)
            quote = hit.chunk.text[spans[0][0] : spans[0][1]] if spans else hit.chunk.text[:200]
            citations.append(Citation.from_chunk(len(citations) + 1, hit.chunk, _strip_bullet(quote)))
            if len(citations) >= self.settings.mogelijk_relevant:
                break
        lines = [NOT_FOUND]
        if silent:
            named = ", ".join(f"'{w}'" for w in silent[:3])
            lines[0] += f" De documenten noemen {named} nergens."
        if citations:
            lines.append("\nMogelijk relevant:")
            for c in citations:
                page = f", p. {c.page}" if c.page else ""
                lines.append(f"[{c.n}] {c.title}{page}: {_shorten(c.quote)}")
        return Answer(question=question, answer="\n".join(lines), citations=citations, retrieved=result.hits,
                      abstained=True)  # fmt: skip


def _merge_hits(results: list[SearchResult]) -> list[Hit]:
    """The passages of all parts, each once, interleaved so every part's best passage comes early."""
    merged: list[Hit] = []
    seen: set[str] = set()
    depth = max((len(r.hits) for r in results), default=0)
    for i in range(depth):
        for r in results:
            if i < len(r.hits) and r.hits[i].chunk.chunk_id not in seen:
                seen.add(r.hits[i].chunk.chunk_id)
                merged.append(r.hits[i])
    return merged[: max((len(r.hits) for r in results), default=0)]


#: A word cut short with a period inside a line ("Nat. Archief", "Gem. Zwolle"), not the last word of a sentence.
_CUT_SHORT = re.compile(r"(?<![\w.])([^\W\d_]{3,5})\.(?=\s+[^\W\d_])")


def abbreviates(text: str, term: str) -> bool:
    """Whether ``text`` writes the (stemmed) question ``term`` cut short: "nat." for "nationaal", "prov." for
    "provincie". Only for table labels and headers, where no sentence ends before the next word."""
    return not term[:1].isdigit() and any(
        len(term) >= len(cut) + 2 and term.startswith(cut) for cut in _cut_short(text)
    )


@lru_cache(maxsize=256)
def _cut_short(text: str) -> tuple[str, ...]:
    """The words ``text`` cuts short, lower-cased; read once per row, not once per question term."""
    return tuple(cut.lower() for cut in _CUT_SHORT.findall(text))


def cell_terms(query: Query, stemmer: str = "dutch_porter") -> tuple[str, ...]:
    """The words that pick a table's column: the focus terms and the field's one-word synonyms for them, since a
    column header uses the document's word for what the question asks ("gerealiseerd" -> "realisatie", "toegevoegd"
    -> "Toevoegingen")."""
    thesaurus, asked = Thesaurus.load(stemmer), question_terms(query.text, stemmer)
    synonyms = (t for f in query.focus for m in thesaurus.alternatives(f, asked) if len(m) == 1 for t in m)
    verbs = (*sorted(verb_roots(query.text)), *participle_stems(query.text, stemmer))
    return tuple(dict.fromkeys((*query.focus, *synonyms, *verbs)))


def _cell_document(query: Query, chunk: Chunk) -> str:
    """How a table's document is named: by the question's own words for it and by its title. Either says which
    table, not which column ("in 2023" of the jaarstukken 2023 is the year reported on, not the column "Ultimo 2023"
    beside "Investeringen")."""
    return f"{document_references(query.text)} {chunk.title}"


def _by_column(query: Query, fitting: list[Candidate], s: Settings) -> list[Candidate]:
    """A table row first whose column is the one asked, when it scores close to the best row: the same indicator in
    the bestuursrapportage ("2023 realisatie; 2024 begroting") and in the next begroting ("2024 realisatie") reads
    alike, and only the second holds "2024 realisatie?"."""
    row = parse_row_sentence(fitting[0].text) if fitting else None
    if row is None:
        return fitting
    first = fitting[0]
    asked = cell_terms(query, s.stemmer)
    floor = first.score - s.answer_column_margin

    def fit(c: Candidate) -> float:
        found = column_fit(c.text, asked, query.years, _cell_document(query, c.chunk))
        return -1e9 if found is None else found

    def label(parsed: tuple[str, str, list[tuple[str, str]]] | None) -> str:
        return " ".join(parsed[1].lower().split()) if parsed else ""

    # Only the same row elsewhere, as fully about the question: a gemeente's row in another of the begroting's
    # tables ("Almere — Inwonerbijdrage per gemeente") names "inwonerbijdrage" in a header, not the asked "mutatie".
    same = label(row)
    close = [
        c
        for c in fitting
        if c.score >= floor
        and c.evidence.coverage >= first.evidence.coverage
        and label(parse_row_sentence(c.text)) == same
    ]
    fits = {id(c): fit(c) for c in close}  # the first candidate is always among them
    best = max(close, key=lambda c: (fits[id(c)], c.score))
    if fits[id(best)] <= fits[id(first)]:
        return fitting
    return [best, *(c for c in fitting if c is not best)]


def _lead(query: Query, best: Candidate, stemmer: str = "dutch_porter") -> tuple[int, int] | None:
    """The asked fact as a slice of the scored sentence (for a date or a name also of the sentence before it),
    in chunk offsets; None for kinds without a short form."""
    text = best.chunk.text
    sentences = [(best.start, best.end)]
    if best.fact_start is not None:  # "In 2021 ... ontwikkeld. [...] Na de zomer 2025 wordt ... verwacht."
        sentences.insert(0, (best.fact_start, best.end))
    if query.kind in ("date", "who"):
        sentences += [sp for sp in sentence_spans(text) if sp[1] <= best.start][-1:]
    document = _cell_document(query, best.chunk)
    cell = table_cell(text[best.start : best.end], cell_terms(query, stemmer), query.years, document)
    if cell is not None:  # a table row: the cell of the asked column
        return best.start + cell[0], best.start + cell[1]
    if parse_row_sentence(text[best.start : best.end]) is not None:
        # A row without the asked column: a fact from its cells, never the unit of its caption ("x € 1.000").
        cells = text.rfind(SEPARATOR, best.start, best.end) + len(SEPARATOR)
        sentences = [(cells, best.end)]
    for a, b in sentences:
        span = lead_span(query.kind, text[a:b], query.focus, query.text)
        if span is not None:
            return a + span[0], a + span[1]
    return None


#: A sentence that states a decision, not only a date next to its subject.
_DECIDED_IN_TEXT = re.compile(
    r"\b(vastgesteld\w*|vaststelling|besloten|besloot|goedgekeurd|aangenomen|ingestemd|stelde\w*\s.*\bvast|"
    r"heeft\s.*\bvast(?:gesteld)?)\b",
    re.I,
)
#: "Wanneer besloot / beantwoordde / stelde het college ...": asked is when it was decided, not a date in the text.
_DECIDED = re.compile(
    r"\b(besl\w+|besloot|besloten|vastgesteld|stelde|stelden|beantwoord\w*|goedgekeurd|ingestemd|nam|namen)\b", re.I
)


def _decisions_evidence(
    query: Query, chunk: Chunk, sentence: str, context: str, evidence: Evidence, stemmer: str
) -> Evidence:
    """What a sentence of a besluitenlijst proves beyond its words: which body decided, on which meeting day, in which
    period, and about which thing (a decision list names a place or project in many items)."""
    if query.kind == "date" and not _meeting_dates(query, chunk) and evidence.typed:
        # Another body's besluitenlijst: only a day the sentence states itself answers "wanneer", and for
        # "wanneer heeft de raad ... vastgesteld" only with the decision in the sentence (a committee's date
        # next to the subject is not when the raad decided).
        decided = not _DECIDED.search(query.text) or bool(_DECIDED_IN_TEXT.search(sentence))
        evidence = replace(evidence, typed=bool(days_in(sentence)) and decided)
    if chunk.doc_type != "besluitenlijst":
        return evidence
    if query.days and _DECIDED.search(query.text):
        # "Wat besloot het college op 16 mei 2023": the day of the meeting, not a day a decision mentions
        # ("op grond van een op 16 mei 2023 uitgevoerde meting").
        evidence = replace(evidence, years_ok=evidence.years_ok and chunk.date in query.days)
    if evidence.typed and query.names:
        # "welke besluiten nam het college over de bedrijveninvesteringszone (BIZ) Maaldrift" is not answered by
        # "vragen ... inzake Maaldrift". (Prose paraphrases the thing too often for this: "jeugdspecialist" is
        # "specialistische ondersteuner jeugd".)
        seen = set(terms(f"{sentence} {context}", stemmer))
        # An identifier ("BPKLSTOEPHOUT-VG01", a parcel, "nr. 130111") names one thing only: the sentence that carries
        # it is about that thing, whatever the question calls it ("plan-ID" where the text says "planidentificatie").
        # (``check`` left ``typed`` only where the sentence or its context names every asked code.)
        carries_code = bool(asked_codes(query.text))
        evidence = replace(evidence, typed=carries_code or names_the_thing(query, seen, stemmer, DECISION_FRAME))
    if (period := _asked_period(query)) and chunk.date:
        # "Wat besloot het college in 2025 over ...": a decision of a meeting in that year or month; a 2023
        # decision on the subject is not one, however well it matches.
        evidence = replace(evidence, years_ok=evidence.years_ok and chunk.date.startswith(period))
    return evidence


#: "in 2025", "in het jaar 2025", "gedurende 2024": the year a decision asked about was taken.
_IN_YEAR = re.compile(r"\b(?:in|gedurende|tijdens)\s+(?:het\s+(?:kalender)?jaar\s+)?((?:19|20)\d\d)\b", re.I)


def _asked_period(query: Query) -> tuple[str, ...]:
    """The months or years in which a decision the question asks about was taken ("Welke besluiten nam het college in
    maart 2024", "Wat besloot het college in 2025 over ..."), as date prefixes; empty for other questions."""
    if query.days or not _DECIDED.search(query.text):
        return ()
    return query.months or tuple(dict.fromkeys(_IN_YEAR.findall(query.text)))


def _meeting_dates(query: Query, chunk: Chunk) -> bool:
    """Whether the meeting date of a besluitenlijst can answer the question: always, unless the question asks about
    another body's decision ("Wanneer heeft de gemeenteraad ..." against a college besluitenlijst)."""
    if chunk.doc_type != "besluitenlijst":
        return True
    other = acting_gemeente(query.text)
    if other and (held_in := gemeenten_in(chunk.title)) and other not in held_in:  # "de gemeente Katwijk ..." asked
        return False
    asked, held = bodies_in(query.text), bodies_in(chunk.title)
    return not asked or not held or bool(asked & held)


def _document_date(query: Query, best: Candidate, lead: tuple[int, int] | None) -> str:
    """The document's own date for a "wanneer" question: when the sentence has no date of its own, or when a
    besluitenlijst is asked when something was decided (the meeting date, not a date the decision mentions)."""
    if query.kind != "date" or len(best.chunk.date) != 10 or not _meeting_dates(query, best.chunk):
        return ""
    if best.chunk.doc_type == "besluitenlijst" and _DECIDED.search(query.text):
        return best.chunk.date
    return best.chunk.date if lead is None else ""


#: How far into its paragraph a sentence may continue a sentence about the question (see ``_continued``).
_CONTINUED_SENTENCES = 2


def _has_fact(query: Query, c: Candidate) -> bool:
    """The candidate holds the asked kind of fact (for "tot/sinds wanneer": the asked end of the period)."""
    if query.kind == "date" and re.search(r"\b(tot|sinds|vanaf|per)\s+wanneer\b", query.text, re.I):
        return c.evidence.fits and states_asked_date(c.text, query.text)
    return c.evidence.fits


def _spells_out_asked(query: Query, sentence: str) -> bool:
    """The sentence says what the abbreviation the question asks about stands for."""
    acronym = asked_acronym(query.text)
    return acronym is not None and acronym_expansion(sentence, acronym) is not None


def _covers(query: Query, c: Candidate, s: Settings) -> bool:
    """Enough of the question's words are in the sentence (or the one it continues) to be about the question; a
    reason more so: "Dit vraagt van de gemeente om te zorgen dat de basis stevig is" gives a reason, but not why the
    pilot chose Stad Centrum and Literatuurwijk, which it does not name."""
    return c.evidence.coverage >= (s.answer_why_min_coverage if query.kind == "why" else s.answer_min_coverage)


def _continued(
    candidates: list[Candidate], threshold: float, min_coverage: float, has_fact: Callable[[Candidate], bool]
) -> list[Candidate]:
    """Candidates, plus each sentence that holds the asked kind of fact shortly after a sentence of the same
    paragraph that is about the question but lacks it ("De pilot Herstelgerichte Inloop is in september 2024 opnieuw
    gestart. [...] De pilot is met een jaar verlengd tot 31 december 2025."): quoted together, scored as the first.

    Only for a sentence that covers the question better than every sentence that holds the fact on its own: a
    raadsvoorstel's opening about the SLT does not lend its score to "in 2026" two sentences on when another sentence
    says "begin 2027 wordt er van uw raad nog een besluit gevraagd over de governance"."""
    out = list(candidates)
    direct = max((c.evidence.coverage for c in candidates if has_fact(c) and c.score >= threshold), default=0.0)
    for c in candidates:
        if has_fact(c) or c.score < threshold or c.evidence.coverage < min_coverage or c.evidence.coverage <= direct:
            continue
        paragraph_end = c.chunk.text.find("\n\n", c.end)
        paragraph_end = len(c.chunk.text) if paragraph_end < 0 else paragraph_end
        following = sorted(
            (n for n in candidates if n.chunk.chunk_id == c.chunk.chunk_id and c.end <= n.start < paragraph_end),
            key=lambda n: n.start,
        )
        nxt = next((n for n in following[:_CONTINUED_SENTENCES] if has_fact(n)), None)
        if nxt is None or nxt.score >= c.score:
            continue
        evidence = replace(nxt.evidence, coverage=max(c.evidence.coverage, nxt.evidence.coverage))
        out.append(replace(nxt, start=c.start, score=c.score, evidence=evidence, fact_start=nxt.start))
    return out


def _question_before(text: str, start: int) -> int:
    """Where the sentence starting at ``start`` is to be read from: the question right before it, which it answers
    ("Wat is de verwachte afwijking t.o.v. de begroting?" and then "Voor het lopende jaar ... € 464k."), or itself."""
    before = [span for span in _spans(text) if span[1] <= start]
    if before and not text[before[-1][1] : start].strip() and _asks(text[before[-1][0] : before[-1][1]]):
        return before[-1][0]
    return start


def _asks(sentence: str) -> bool:
    """A sentence that asks ("Vanuit het bestuur wordt gevraagd wat er met het bedrag is gebeurd?", a heading "Wat
    is de verwachte afwijking?") shares the question's words but answers nothing: the sentences after it may."""
    return sentence.rstrip(" ”\"'’)").endswith("?")


def _repeats(c: Candidate, used: set[str]) -> bool:
    """Does the candidate's text hold a sentence that is already quoted?"""
    return any(_sentence_key(c.text[a:b]) in used for a, b in sentence_spans(c.text))


def _overlaps(a: Candidate, b: Candidate) -> bool:
    """Same or contained text (overlapping chunks repeat sentences) or overlapping spans."""
    if a.text.strip() in b.text or b.text.strip() in a.text:
        return True
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start < b.end and b.start < a.end


#: A finite verb, roughly: the common ones, or a word ending in -t that is not a function word ("het", "niet", "dat").
_FINITE_VERB = re.compile(
    r"\b(is|zijn|wordt|worden|heeft|hebben|moet|kan|gaat|doet|(?!(?:het|niet|dat|wat|met|tot|uit|dit|toch)\b)\w+t)\b",
    re.I,
)


def _with_antecedent(c: Candidate) -> Candidate:
    """Include the previous sentence when the chosen one starts with a reference ("Hier doen 11 ...", "Dat noemen we
    ..."); one more when that sentence is itself a fragment ("Thuis, op de werkvloer, bij de sportclub.")."""
    if not refers_back(_strip_bullet(c.text)):
        return c
    previous = [span for span in sentence_spans(c.chunk.text) if span[1] <= c.start]
    if not previous:
        return c
    start = previous[-1][0]
    fragment = len(previous) > 1 and not _FINITE_VERB.search(c.chunk.text[previous[-1][0] : previous[-1][1]])
    if fragment:
        start = previous[-2][0]
    return replace(c, start=start)


def _holds_list(text: str, start: int, end: int) -> bool:
    """The sentence ``text[start:end]`` enumerates ("a. één stedelijk kader; b. één team per wijk") or announces the
    items that follow it: for a list question it is the answer, not one more sentence about the topic."""
    sentence = text[start:end]
    if _ENUMERATION.search(sentence) or list_after(text, end, announces_list(sentence)) > end:
        return True
    # "Collectie Overijssel heeft geen eigen gebouwen. Gehuurde gebouwen zijn: ...": the next sentence, which a list
    # question quotes with it (``_with_list``).
    after = _sentences_after(text, end, 1)
    if not after or "\n\n" in text[end : after[0][0]]:
        return False
    a, b = after[0]
    return announces_list(text[a:b]) and list_after(text, b, True) > b


def _sentences_after(text: str, end: int, n: int) -> list[tuple[int, int]]:
    """The spans of the ``n`` sentences of ``text`` that start at or after offset ``end``."""
    return [span for span in _spans(text) if span[0] >= end][:n]


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """``sentence_spans`` of a passage, kept for the passages of the questions being answered: a list question asks
    for the sentence after every candidate of the same few passages."""
    return tuple(sentence_spans(text))


def _with_list(c: Candidate, query: Query) -> Candidate:
    """A sentence that announces a list ("... via twee sporen:") is quoted with the items that follow it; for a list
    question the next sentence is added when it is the enumeration ("Denk aan A, B, C en D.") or announces it."""
    announced = announces_list(c.text)
    if not (announced or query.wants_list):
        return c
    end = list_after(c.chunk.text, c.end, announced)
    if end == c.end and query.wants_list and not _ENUMERATION.search(c.text):
        after = _sentences_after(c.chunk.text, c.end, 1)
        following = c.chunk.text[after[0][0] : after[0][1]] if after else ""
        if following and _ENUMERATION.search(following):
            end = after[0][1]
            if announces_list(following):  # "Gehuurde gebouwen zijn:" and then the table of them
                end = list_after(c.chunk.text, end, announced=True)
    return replace(c, end=end) if end > c.end else c


#: How far a quotation opened in a quoted sentence may run on: an interviewee's few sentences, not a page.
_QUOTATION_CHARS = 500


def _with_quotation(c: Candidate) -> Candidate:
    """A sentence that opens a quotation it does not close ("... niet gewerkt met een klankbordgroep: “Er is een
    verschil in werkwijze ...") is quoted to the closing mark: an evaluation's interview quote is one statement, and
    its point (the reason, the example) comes in its last sentences, not in the first."""
    text = c.chunk.text
    if c.text.count("“") <= c.text.count("”"):
        return c
    close = text.find("”", c.end, c.end + _QUOTATION_CHARS)
    if close < 0 or "\n\n" in text[c.end : close] or "“" in text[c.end : close]:
        return c
    end = close + 1 + (text[close + 1 : close + 2] == ".")  # the period after the closing mark ends the sentence
    return replace(c, end=end)


def _with_reasons(c: Candidate, query: Query) -> Candidate:
    """For "waarom"/"hoe": a sentence that only names the topic is quoted with the next sentence of its paragraph
    when that one gives the reason or the means ("Dit zal leiden tot een kostenbesparing bij de GGZ."); for
    "waarom", a sentence that gives a reason also with the reasons that follow it."""
    pattern = REASON if query.kind == "why" else _MEANS if query.kind == "how" else None
    if pattern is None:
        return c
    gives = bool(pattern.search(c.text))
    if gives and query.kind == "how":
        return c
    after = _sentences_after(c.chunk.text, c.end, 2)  # the next two sentences
    reasons = [span for span in after if pattern.search(c.chunk.text[span[0] : span[1]])]
    if not reasons:
        return c
    # A reason is often a chain ("Het doel is dat ... We zien een toename ... Om aan deze vraag te voldoen ..."):
    # a sentence that gives one goes on to the last reason of the two after it.
    return replace(c, end=reasons[-1][1] if gives else reasons[0][1])


# Kept for callers that expand a single quote (the decisions register, the LLM path).
expand_quote = _with_antecedent


def _sentence_key(text: str) -> str:
    """A sentence as compared across chunks: words only, lower case."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _strip_bullet(text: str) -> str:
    return re.sub(r"^[•●▪◦‣∙·\-–*]\s+", "", text.strip())


#: A paragraph break inside a quote, with the text on either side of it.
_BREAK = re.compile(r"(?<=(.))[ \t]*\n[ \t]*\n\s*(?=(.{0,40}))")


def _as_list(quote: str) -> str:
    """The quote as a raadslid reads it: a list it holds on consecutive lines, not one paragraph per item.

    A PDF puts a blank line between bullets ("De speerpunten zijn:", "• Versterken jeugd en gezin", ...); quoted
    verbatim, the items then run down a phone screen one paragraph apart, below the sentence that announces them.
    A break before a list item or after the colon that announces the items becomes a line break; other breaks (two
    paragraphs of prose) stay.

    Example:
        >>> _as_list("De speerpunten zijn:\\n\\n• Gezond leven\\n\\n• Acute zorg")
        'De speerpunten zijn:\\n• Gezond leven\\n• Acute zorg'
    """

    def join(m: re.Match[str]) -> str:
        return "\n" if m.group(1) == ":" or LIST_ITEM.match(m.group(2)) else m.group(0)

    return _BREAK.sub(join, quote)


def _run_on(quotes: list[str]) -> str:
    """The quotes as one paragraph, except that a quoted list stands apart from the quotes around it: a sentence
    after its last item would read as part of that item.

    Example:
        >>> _run_on(["Het team groeit. [1]", "Er zijn 35 mensen. [2]", "De speerpunten zijn:\\n• Gezond leven [3]"])
        'Het team groeit. [1] Er zijn 35 mensen. [2]\\n\\nDe speerpunten zijn:\\n• Gezond leven [3]'
    """
    text = ""
    for i, quote in enumerate(quotes):
        if i:
            text += "\n\n" if "\n" in quote or "\n" in quotes[i - 1] else " "
        text += quote
    return text


def _shorten(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def compose(question: str, parts: list[PartAnswer], hits: list[Hit]) -> Answer:
    """The answer text: the asked facts first (one line per part), then the quoted proof with numbered sources.

    Sentences from one source share one introduction; a part the documents do not answer says so, after the parts
    they do answer (the answer opens with a fact, or with the quote when no part has a short fact).
    """
    citations: list[Citation] = []
    number_of: dict[str, int] = {}

    def cite(c: Candidate, quote: str) -> int:
        cid = c.chunk.chunk_id
        if cid not in number_of:
            number_of[cid] = len(citations) + 1
            citations.append(Citation.from_chunk(number_of[cid], c.chunk, quote))
        else:
            existing = citations[number_of[cid] - 1]
            existing.quote = _join_quotes(c.chunk.text, existing.quote, quote)
        return number_of[cid]

    leads: list[str] = []
    unanswered: list[str] = []  # after the facts found: a raadslid reads what the documents say first
    proof: list[str] = []
    quoted: dict[str, list[tuple[int, int]]] = {}
    previous_doc: str | None = None
    several = len(parts) > 1
    for part in parts:
        if part.shared:
            # Answered by a sentence another part quotes ("€ 268,4 in 2026 en € 999,2 in 2029"): its own fact is led
            # with, citing that quote.
            cid = part.chosen[0].chunk.chunk_id if part.chosen else ""
            if part.lead is not None and cid in number_of:
                lead = part.chosen[0].chunk.text[slice(*part.lead)]
                leads.append(f"{_part_question(part.query)} **{lead}** [{number_of[cid]}]")
            continue
        if not part.found:
            unanswered.append(f"Over “{_part_question(part.query, limit=200)}” staat niets in de documenten.")
            continue
        ordered = sorted(part.chosen, key=lambda c: (c.hit_rank, c.start)) if len(part.chosen) > 1 else part.chosen
        asked = f"{_part_question(part.query)} " if several else ""  # which fact answers which part
        for c in ordered:
            first = c is part.chosen[0]
            # What another part already quotes from this passage is not quoted twice (a sentence that refers back
            # is chosen with the sentence before it, which may be another part's answer).
            start = max([e for s, e in quoted.get(c.chunk.chunk_id, []) if s <= c.start < e], default=c.start)
            quoted.setdefault(c.chunk.chunk_id, []).append((c.start, c.end))
            repeated = start >= c.end
            if start > c.start and not repeated:
                rest = c.chunk.text[start : c.end]
                c = replace(c, start=start + len(rest) - len(rest.lstrip()))
            quote = _strip_bullet(c.text)
            n = cite(c, quote)
            if first and part.document_date:
                label = "datum van de vergadering" if c.chunk.doc_type == "besluitenlijst" else "datum van het document"
                leads.append(f"{asked}**{both_dates(part.document_date)}** ({label}) [{n}]")
            elif first and part.lead is not None:
                a, b = part.lead
                leads.append(f"{asked}**{c.chunk.text[a:b]}** [{n}]")
                if parse_row_sentence(quote) is not None:
                    citations[n - 1].cell = c.chunk.text[a:b]
            if repeated:
                continue
            shown = _as_list(quote)
            if c.chunk.doc_id != previous_doc:
                page = f" (p. {c.chunk.page})" if c.chunk.page else ""
                proof.append(f"Volgens {source_phrase(c.chunk)}{page}: {shown} [{n}]")
            else:
                proof.append(f"{shown} [{n}]")
            previous_doc = c.chunk.doc_id
    body = _run_on(proof)
    body = body[:1].upper() + body[1:]
    if leads or not body:
        lines = leads + unanswered
        head = "\n".join(f"- {line}" for line in lines) if several else lines[0]
        text = f"{head}\n\n{body}"
    else:  # a part answered by a quote without a short fact: the quote first, what is not there after it
        text = "\n\n".join([body, *(f"- {line}" for line in unanswered)]) if unanswered else body
    return Answer(question=question, answer=text, citations=citations, retrieved=hits)


def _part_question(query: Query, limit: int = 70) -> str:
    """The part's own question as asked (without the words of other parts it is searched with), shortened for a
    phone and opening with a capital ("..., en via welke organisatie ...?" -> "Via welke organisatie ...?")."""
    text = (query.asked or query.text).rstrip("?").strip()
    text = text[:1].upper() + text[1:]
    if len(text) <= limit:
        return f"{text}?"
    # Shortened in the middle: its last words often tell two parts apart ("... in 2026?", "... in 2029?").
    tail = " ".join(text.split()[-2:])
    return f"{text[: limit - len(tail) - 3].rsplit(' ', 1)[0]} … {tail}?"


def _join_quotes(chunk_text: str, first: str, second: str) -> str:
    """Two quotes from one chunk: one verbatim span if they touch, else the earlier one."""
    a, b = chunk_text.find(first), chunk_text.find(second)
    if a < 0 or b < 0:
        return first
    lo, hi = min(a, b), max(a + len(first), b + len(second))
    span = chunk_text[lo:hi]
    return span if len(span) <= len(first) + len(second) + 3 else first
