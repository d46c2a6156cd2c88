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


def report_values(report: Report) -> list[tuple[Any, ...]]:
    """The `FRAME_COLUMNS` values of each row of one report, in column order (no metadata).

    Writers build columns from these tuples directly; `report_rows` makes them dicts.
    """
    if report.error is not None or not report.results:
        src = dict(report.source or {})
        return [(report.transcript_id, None, "error", None, None, None, report.error, None,
                 json.dumps(src) if src else None, None, report.error)]
    tid, score = report.transcript_id, report.score
    return [(tid, r.standard_id, r.status.value, r.score, r.weight, r.title, r.explanation,
             " | ".join(e.text for e in r.evidence) or None,
             _dumps([e.to_dict() for e in r.evidence]), score, None)
            for r in report.results]


def report_rows(report: Report) -> list[dict[str, Any]]:
    """Plain-dict rows of one report (the rows of `reports_to_frame`)."""
    meta = {k: _scalar(v) for k, v in report.metadata.items() if k not in FRAME_COLUMNS}
    return [{**dict(zip(FRAME_COLUMNS, values, strict=True)), **meta}
            for values in report_values(report)]


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
