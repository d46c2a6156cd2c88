"""Reports as pandas DataFrames: one row per (transcript, standard), metadata as columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    import pandas as pd

    from csnlp.results import Report

#: Columns every result frame has, in this order; transcript metadata columns follow.
FRAME_COLUMNS = (
    "transcript_id", "standard_id", "status", "score", "weight", "title", "explanation",
    "evidence_text", "evidence_json", "report_score", "error",
)


def report_rows(report: Report) -> list[dict[str, Any]]:
    """Plain-dict rows of one report (the rows of `reports_to_frame`)."""
    meta = {k: _scalar(v) for k, v in report.metadata.items() if k not in FRAME_COLUMNS}
    if report.error is not None or not report.results:
        src = dict(report.source or {})
        return [{"transcript_id": report.transcript_id, "standard_id": None, "status": "error",
                 "score": None, "weight": None, "title": None, "explanation": report.error,
                 "evidence_text": None,
                 "evidence_json": json.dumps(src) if src else None,
                 "report_score": None, "error": report.error, **meta}]
    rows = []
    for r in report.results:
        rows.append({
            "transcript_id": report.transcript_id, "standard_id": r.standard_id,
            "status": r.status.value, "score": r.score, "weight": r.weight, "title": r.title,
            "explanation": r.explanation,
            "evidence_text": " | ".join(e.text for e in r.evidence) or None,
            "evidence_json": _dumps([e.to_dict() for e in r.evidence]),
            "report_score": report.score, "error": None, **meta,
        })
    return rows


def reports_to_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """One row per (transcript, standard); a failed report gives one row with status "error".

    >>> import csnlp
    >>> df = csnlp.reports_to_frame([csnlp.evaluate("Agent: Hello!\\nCustomer: Hi")])
    >>> list(df.columns[:4])
    ['transcript_id', 'standard_id', 'status', 'score']
    """
    import pandas as pd

    rows = [row for rep in reports for row in report_rows(rep)]
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=list(FRAME_COLUMNS))
    extra = [c for c in df.columns if c not in FRAME_COLUMNS]
    return df[list(FRAME_COLUMNS) + extra]


def _dumps(value: Any) -> str:
    """Compact JSON text; orjson because report rows are a hot path in batch runs."""
    return orjson.dumps(value).decode()


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return json.dumps(value, default=str)
