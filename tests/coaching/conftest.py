"""Small hand-checkable result frames for the coaching tests, built from real Report objects."""

from __future__ import annotations

import pytest

from csnlp.frames import reports_to_frame
from csnlp.results import Evidence, Report, StandardResult, Status

TITLES = {"greeting": "Greet the customer", "closing": "Close courteously"}
TIPS = {"greeting": "Open every call with a greeting.", "closing": "Thank and say goodbye."}

# (transcript_id, agent_id, team, date, greeting status, closing status)
CALLS = [
    ("a1-1", "A1", "T1", "2024-03-04", "met", "met"),
    ("a1-2", "A1", "T1", "2024-03-06", "missed", "met"),
    ("a1-3", "A1", "T1", "2024-03-12", "missed", "met"),
    ("a1-4", "A1", "T1", "2024-03-20", "missed", "met"),
    ("a2-1", "A2", "T1", "2024-03-05", "met", "met"),
    ("a2-2", "A2", "T1", "2024-03-07", "met", "missed"),
    ("a2-3", "A2", "T1", "2024-03-13", "met", "met"),
    ("a2-4", "A2", "T1", "2024-03-21", "met", "missed"),
    ("b1-1", "B1", "T2", "2024-03-05", "met", "met"),
    ("b1-2", "B1", "T2", "2024-03-14", "missed", "met"),
    ("b1-3", "B1", "T2", "2024-03-22", "not_applicable", "error"),
]


def turn_text(tid: str, sid: str) -> str:
    return f"Customer <b>{tid}</b> asked about a card & then {sid}."


def make_result(tid: str, sid: str, status: str) -> StandardResult:
    """A result whose evidence points into its own turn: the whole call id for a miss."""
    context = turn_text(tid, sid)
    start = context.index(tid) - 3
    end = start + len(tid) + 7
    rule = f"looked:phrase:{sid}" if status == "missed" else f"phrase:{sid}"
    evidence = () if status in ("not_applicable", "error") else (
        Evidence(turn_index=0, speaker="agent", start_char=start, end_char=end,
                 text=context[start:end], rule=rule, context=context),)
    score = {"met": 1.0, "missed": 0.0}.get(status)
    return StandardResult(standard_id=sid, status=Status(status), score=score, evidence=evidence,
                          explanation=f"{sid} was {status} in {tid}.", title=TITLES[sid])


def make_reports(calls=CALLS) -> list[Report]:
    reports = []
    for tid, agent, team, date, greeting, closing in calls:
        results = (make_result(tid, "greeting", greeting), make_result(tid, "closing", closing))
        reports.append(Report(transcript_id=tid, results=results, score=0.5,
                              metadata={"agent_id": agent, "team": team, "date": date,
                                        "agent_name": f"Agent {agent}"}))
    return reports


@pytest.fixture
def reports() -> list[Report]:
    return make_reports()


@pytest.fixture
def frame(reports):
    return reports_to_frame(reports)
