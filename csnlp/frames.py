"""Reports as pandas DataFrames: one row per (transcript, standard), metadata as columns.

The table itself (columns, dtypes, evidence) is defined in `csnlp.table`; these names stay for
existing imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csnlp.table import FIXED_COLUMNS, report_values, reports_to_frame

if TYPE_CHECKING:
    from csnlp.results import Report

#: Columns every result frame has, in this order; transcript metadata columns follow.
#: (Alias of `csnlp.table.FIXED_COLUMNS`.)
FRAME_COLUMNS = FIXED_COLUMNS

__all__ = ["FRAME_COLUMNS", "report_rows", "report_values", "reports_to_frame"]


def report_rows(report: Report) -> list[dict[str, Any]]:
    """Plain-dict rows of one report: the rows of `reports_to_frame([report])`."""
    frame = reports_to_frame([report]).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")
