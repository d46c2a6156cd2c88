"""Results frames: building them from reports, and reading back any results file csnlp wrote.

The table itself (columns, dtypes, evidence) is defined in `csnlp.table`, below the result
objects; reading files back (`read_results`) rebuilds reports from JSONL and fills in evidence
written by older versions, so it lives here, above both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from csnlp.errors import InputError
from csnlp.results import Report, rule_fields
from csnlp.table import (
    EVIDENCE_FIELDS,
    FIXED_COLUMNS,
    LEGACY_EVIDENCE,
    RESULT_FORMATS,
    _check_columns,
    report_values,
    reports_table,
    reports_to_frame,
    results_frame,
    stored_schema,
)

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

#: Columns every result frame has, in this order; transcript metadata columns follow.
#: (Alias of `csnlp.table.FIXED_COLUMNS`.)
FRAME_COLUMNS = FIXED_COLUMNS

__all__ = ["FRAME_COLUMNS", "evidence_item", "read_results", "report_rows", "report_values",
           "reports_to_frame", "results_format"]


def report_rows(report: Report) -> list[dict[str, Any]]:
    """Plain-dict rows of one report: the rows of `reports_to_frame([report])`."""
    frame = reports_to_frame([report]).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")


def read_results(source: Any) -> pd.DataFrame:
    """Any results csnlp wrote, back into the results frame (`reports_to_frame`'s frame).

    `source` is a `.jsonl`/`.ndjson`, `.parquet` or `.csv` file, a list of them, or a pandas /
    Dask DataFrame (or Arrow table) of stored rows (e.g. from `csnlp.dask`). A failed input is
    one row with status "error".

    >>> import csnlp, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> _ = out.write_text(csnlp.evaluate("Agent: Hello!", ).to_json() + "\\n")
    >>> csnlp.read_results(out).loc[0, "standard_id"]
    'greeting'
    """
    if isinstance(source, (str, os.PathLike)):
        frame = results_frame(_read_file(Path(source)))
    elif isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike))
                                                   for s in source):
        if not source:
            raise InputError("results: no results files given")
        frame = results_frame([_read_file(Path(s)) for s in source])
    else:
        frame = results_frame(source)
    frame["evidence"] = [[evidence_item(e) for e in cell] for cell in frame["evidence"]]
    return frame


def results_format(path: str | os.PathLike[str]) -> str:
    """`jsonl`, `parquet` or `csv` from a results file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in RESULT_FORMATS:
        raise InputError(f"{str(path)!r}: unknown results format {suffix or '(no extension)'!r}; "
                         f"expected one of {', '.join(sorted(RESULT_FORMATS))}")
    return RESULT_FORMATS[suffix]


def _read_file(path: Path) -> pa.Table:
    fmt = results_format(path)
    if not path.is_file():
        raise InputError(f"{path}: no such results file")
    if fmt == "jsonl":
        return reports_table(_read_jsonl(path))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pq.ParquetFile(path).read()
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{path}: not a Parquet file ({exc})") from None
    else:
        table = _read_csv(path)
    _check_columns(table.schema.names, str(path))
    return table


def _read_csv(path: Path) -> pa.Table:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    types = {f.name: f.type for f in stored_schema(evidence_json=True)}
    types[LEGACY_EVIDENCE] = pa.string()
    # unquoted empty is null, quoted "" an empty string: the writer quotes every string
    options = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True,
                                  quoted_strings_can_be_null=False)
    try:
        return pcsv.read_csv(path, convert_options=options)
    except pa.ArrowInvalid as exc:
        raise InputError(f"{path}: not a csnlp results CSV ({exc})") from None


def _read_jsonl(path: Path) -> list[Report]:
    reports = []
    with path.open("rb") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                reports.append(Report.from_dict(orjson.loads(line)))
            except (orjson.JSONDecodeError, InputError, KeyError, TypeError, ValueError) as exc:
                raise InputError(f"{path}: line {line_no}: not a csnlp report ({exc})") from None
    return reports


def evidence_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """One evidence item with exactly `EVIDENCE_FIELDS`. An item written before evidence had a
    role (its `rule` alone) gets role, label, window and seconds from that rule."""
    out = {name: item.get(name) for name in EVIDENCE_FIELDS}
    if out["role"] is None:
        old = rule_fields(str(out["rule"] or ""))
        out.update({k: v for k, v in old.items() if out[k] in (None, "")})
    return out
