"""Decisions register: every past decision the documents record — when, under which zaaknummer, where.

``extract`` reads decisions (and besluitenlijst meetings) from documents, ``register`` merges and stores them,
``answer`` answers staff questions from them in the chat.
"""

from ..zaaknummer import normalize as normalize_zaak
from .answer import answer_decision_question, is_meeting_question
from .extract import extract_decisions, extract_meeting, parse_decision_table
from .records import Decision, Meeting, Source, both_dates, display_date
from .register import DecisionRegister, RegisterOutdated, merge

__all__ = [
    "Decision",
    "DecisionRegister",
    "Meeting",
    "RegisterOutdated",
    "Source",
    "answer_decision_question",
    "both_dates",
    "display_date",
    "extract_decisions",
    "extract_meeting",
    "is_meeting_question",
    "merge",
    "normalize_zaak",
    "parse_decision_table",
]
