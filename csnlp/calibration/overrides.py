"""Disputes: a reviewer overrides a machine verdict, and the frame keeps who changed what.

An overrides file (.csv or .parquet) has the columns transcript_id, standard_id, status,
reviewer and, optionally, reason; status takes the same synonyms as labels
(`csnlp.calibration.labels`).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"transcript_id": ["c1"], "standard_id": ["greeting"],
    ...                       "status": ["missed"], "score": [0.0]})
    >>> fixed = apply_overrides(frame, pd.DataFrame({"transcript_id": ["c1"],
    ...     "standard_id": ["greeting"], "status": ["met"], "reviewer": ["ana"],
    ...     "reason": ["greeted in Spanish"]}))
    >>> fixed[["status", "machine_status", "verdict_source", "reviewer"]].iloc[0].tolist()
    ['met', 'missed', 'reviewer', 'ana']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csnlp.calibration.labels import id_strings, place, read_overrides
from csnlp.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

#: Columns `apply_overrides` adds to a results frame.
OVERRIDE_COLUMNS = ("machine_status", "verdict_source", "reviewer", "reason")

_SCORES = {"met": 1.0, "missed": 0.0}


def apply_overrides(frame: pd.DataFrame, overrides: Any) -> pd.DataFrame:
    """`frame` (a results frame) with the reviewers' verdicts in place of the machine's.

    Adds `machine_status` (the machine's verdict), `verdict_source` ("machine" or "reviewer"),
    `reviewer` and `reason`; an overridden row's `score` becomes 1.0 (met), 0.0 (missed) or
    empty (not_applicable). An override naming a (transcript, standard) the frame does not have
    is an InputError naming its row.
    """
    import numpy as np

    taken = [c for c in OVERRIDE_COLUMNS if c in frame.columns]
    if taken:
        raise InputError(f"results: already have a {taken[0]!r} column; overrides were applied "
                         "already or a metadata column has that name")
    table = read_overrides(overrides)
    keys = list(zip(id_strings(frame["transcript_id"]),
                    id_strings(frame["standard_id"].where(frame["standard_id"].notna(), "")),
                    strict=True))
    position = {k: i for i, k in enumerate(keys)}
    rows = np.empty(len(table), dtype=np.int64)
    for j, (tid, sid, row) in enumerate(zip(table["transcript_id"], table["standard_id"],
                                            table["row"], strict=True)):
        i = position.get((tid, sid))
        if i is None:
            where = place(table.attrs["source"], row, csv=table.attrs["csv"])
            raise InputError(f"{where}: no verdict for transcript {tid!r}, standard {sid!r} in "
                             "the results")
        rows[j] = i
    out = frame.copy()
    out["machine_status"] = out["status"]
    out["verdict_source"] = "machine"
    out["reviewer"] = None
    out["reason"] = None
    cols = {c: out.columns.get_loc(c) for c in ("status", "verdict_source", "reviewer", "reason")}
    out.iloc[rows, cols["status"]] = table["status"].to_numpy()
    out.iloc[rows, cols["verdict_source"]] = "reviewer"
    out.iloc[rows, cols["reviewer"]] = table["reviewer"].to_numpy()
    out.iloc[rows, cols["reason"]] = table["reason"].to_numpy()
    if "score" in out.columns:
        out["score"] = out["score"].astype(float)
        out.iloc[rows, out.columns.get_loc("score")] = [_SCORES.get(s, np.nan)
                                                        for s in table["status"]]
    return out
