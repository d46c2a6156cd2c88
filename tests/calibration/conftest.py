"""Synthetic results and human labels for the calibration tests, built from real Report objects.

The machine's verdicts are random but seeded; the labels copy them and flip a known share, so
every test can recompute the expected figures on its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from csnlp.frames import reports_to_frame
from csnlp.results import Evidence, Report, StandardResult, Status

STANDARDS = ("greeting", "closing", "empathy_on_complaint")
TITLES = {"greeting": "Greet the customer", "closing": "Close courteously",
          "empathy_on_complaint": "Show empathy"}
VERDICTS = ("met", "missed", "not_applicable")


def make_result(tid: str, sid: str, status: str) -> StandardResult:
    context = f"Agent: hello <i>{tid}</i> & welcome, about {sid}."
    start = context.index("hello")
    rule = f"looked:phrase:{sid}" if status == "missed" else f"phrase:{sid}"
    evidence = () if status in ("not_applicable", "error") else (
        Evidence(turn_index=1, speaker="agent", start_char=start, end_char=start + 5,
                 text="hello", rule=rule, context=context),)
    return StandardResult(standard_id=sid, status=Status(status),
                          score={"met": 1.0, "missed": 0.0}.get(status), evidence=evidence,
                          explanation=f"{sid} <{status}> in {tid}.", title=TITLES[sid])


def make_reports(n: int = 60, seed: int = 7) -> list[Report]:
    rng = np.random.default_rng(seed)
    reports = []
    for i in range(n):
        tid = f"call-{i:03d}"
        statuses = rng.choice(VERDICTS, size=len(STANDARDS), p=[0.55, 0.35, 0.10])
        if i % 17 == 5:
            statuses[1] = "error"
        results = tuple(make_result(tid, s, st) for s, st in zip(STANDARDS, statuses,
                                                                 strict=True))
        reports.append(Report(transcript_id=tid, results=results, score=0.5,
                              metadata={"agent_id": f"A{i % 4}", "team": "T1"}))
    return reports


def labels_from(frame: pd.DataFrame, *, flip: float = 0.25, seed: int = 11,
                reviewer: str | None = None) -> pd.DataFrame:
    """Long labels: the machine's verdict, a `flip` share replaced by another verdict."""
    rng = np.random.default_rng(seed)
    rows = frame[frame["standard_id"].notna()][["transcript_id", "standard_id", "status"]]
    status = rows["status"].replace({"error": "met"}).to_numpy().copy()
    flips = rng.random(len(status)) < flip
    for i in np.flatnonzero(flips):
        status[i] = rng.choice([v for v in VERDICTS if v != status[i]])
    out = rows.assign(status=status).reset_index(drop=True)
    if reviewer is not None:
        out["reviewer"] = reviewer
    return out


def to_wide(long: pd.DataFrame) -> pd.DataFrame:
    return long.pivot(index="transcript_id", columns="standard_id",
                      values="status").reset_index().rename_axis(columns=None)


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return make_reports()


@pytest.fixture(scope="module")
def frame(reports) -> pd.DataFrame:
    return reports_to_frame(reports)


@pytest.fixture(scope="module")
def labels(frame) -> pd.DataFrame:
    return labels_from(frame)
