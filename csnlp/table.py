"""The results table: one definition of the rows every csnlp output holds, and of reading them back.

One row per (transcript, standard), or one `status="error"` row for an input that failed. Two forms:

- the **stored form** (Parquet, CSV, Dask partitions, `reports_table`) has a fixed schema,
  `STORED_COLUMNS`, whatever the metadata, so every part, row group and partition agrees: the
  `FIXED_COLUMNS`, well-known metadata keys as strings (`METADATA_COLUMNS`, for readers of the
  raw file) and `metadata_json`, all the metadata as JSON. Evidence is an Arrow
  `list<struct<EVIDENCE_FIELDS>>` column in Parquet, JSON text in CSV and Dask frames;
- the **results frame** (`reports_to_frame`, `read_results`) is a pandas DataFrame with the
  `FIXED_COLUMNS` first, then one column per metadata key, sorted. Its dtypes depend only on the
  values (`COLUMN_KINDS`; metadata: `Int64`, `float64`, `boolean` or `object`), so every path that
  produced the same results gives an identical frame. Nested metadata values are JSON text.

A JSONL line is `report.to_dict()`; `read_results` turns it into the same rows.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from csnlp.errors import InputError, describe
from csnlp.jsonable import dumps, jsonable

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from csnlp.results import Report, StandardResult

#: The verdict columns of a row.
RESULT_COLUMNS = (
    "transcript_id", "standard_id", "status", "score", "weight", "title", "explanation",
    "evidence_text", "evidence", "report_score", "error",
)

#: Where the input came from: position in the input stream (from 0), file, line (text formats),
#: record (n-th object of a JSON array, row of a Parquet file, item of a Dask partition; from 1).
SOURCE_COLUMNS = ("input_index", "source_file", "source_line", "source_record")

#: Columns every results frame starts with, in this order; metadata columns follow.
FIXED_COLUMNS = (*RESULT_COLUMNS, *SOURCE_COLUMNS)

#: Metadata keys the stored form also keeps as columns of their own (as strings).
METADATA_COLUMNS = (
    "agent_id", "agent_name", "team", "queue", "channel", "date", "customer_id",
    "customer_name", "language",
)

#: Columns of every stored table (Parquet, CSV, Dask), in this order.
STORED_COLUMNS = (*FIXED_COLUMNS, *METADATA_COLUMNS, "metadata_json")

#: The fields of one evidence item (`Evidence.to_dict()`) and their kinds: a new Evidence field
#: is one line here.
EVIDENCE_FIELDS = {
    "turn_index": "int", "speaker": "str", "start_char": "int", "end_char": "int",
    "text": "str", "rule": "str", "score": "float", "context": "str",
    "role": "str", "label": "str", "window": "window", "seconds": "float",
}

#: Kind of each stored column; every other column is "str".
COLUMN_KINDS = {
    "score": "float", "weight": "float", "report_score": "float",
    "input_index": "int", "source_line": "int", "source_record": "int",
    "evidence": "evidence",
}

#: pandas dtype of each kind in a frame.
PANDAS_DTYPES = {"str": "object", "float": "float64", "int": "Int64", "evidence": "object"}

#: Columns of frames written by csnlp before `evidence` existed.
LEGACY_EVIDENCE = "evidence_json"

#: Results file format by extension (what csnlp writes and reads back).
RESULT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".csv": "csv"}


# -- reports to stored rows ------------------------------------------------------------------------
def report_values(report: Report) -> list[tuple[Any, ...]]:
    """The `RESULT_COLUMNS` values of each row of one report, in column order.

    Evidence is the result's tuple of `Evidence` objects. Writers build columns from these tuples.
    """
    if report.error is not None or not report.results:
        return [(report.transcript_id, None, "error", None, None, None, report.error, None, (),
                 None, report.error)]
    tid, score = report.transcript_id, report.score
    return [(tid, r.standard_id, r.status.value, r.score, r.weight, r.title, r.explanation,
             " | ".join(e.text for e in r.evidence) or None,
             r.evidence, score, _result_error(r))
            for r in report.results]


def _result_error(result: StandardResult) -> str | None:
    """A standard's own error (a detector that raised), as one line of text."""
    error = getattr(result, "error", None)
    if error is None or isinstance(error, str):
        return error
    kind = error.get("type") if isinstance(error, Mapping) else getattr(error, "type", None)
    message = (error.get("message") if isinstance(error, Mapping)
               else getattr(error, "message", None))
    if kind is not None or message is not None:
        return ": ".join(str(p) for p in (kind, message) if p is not None)
    return str(error)


def fixed_values(report: Report) -> tuple[Any, ...]:
    """The stored columns after `RESULT_COLUMNS`, the same on every row of one report."""
    source = report.source or {}
    metadata = report.metadata or {}
    return (
        _as_int(source.get("input_index")), _as_str(source.get("file")),
        _as_int(source.get("line")), _as_int(source.get("record", source.get("row"))),
        *(_as_str(metadata.get(name)) for name in METADATA_COLUMNS),
        dumps(metadata, sort_keys=True) if metadata else None,
    )


def stored_rows(report: Report) -> list[dict[str, Any]]:
    """The stored rows of one report as dicts (what `reports_table` holds, row by row)."""
    fixed = fixed_values(report)
    rows = [dict(zip(STORED_COLUMNS, (*values, *fixed), strict=True))
            for values in report_values(report)]
    for row in rows:
        row["evidence"] = [e.to_dict() for e in row["evidence"]]
    return rows


def arrow_type(kind: str) -> pa.DataType:
    """The Arrow type of a column kind (`COLUMN_KINDS`, `EVIDENCE_FIELDS`)."""
    import pyarrow as pa

    if kind == "evidence":
        return pa.list_(pa.struct([pa.field(name, arrow_type(k))
                                   for name, k in EVIDENCE_FIELDS.items()]))
    if kind == "window":  # `SearchedWindow.to_dict()`
        return pa.struct([pa.field("description", pa.string()),
                          pa.field("turns", pa.list_(pa.int64()))])
    return {"str": pa.string(), "float": pa.float64(), "int": pa.int64()}[kind]


def stored_schema(*, evidence_json: bool = False) -> pa.Schema:
    """The Arrow schema of stored tables; `evidence_json=True`: evidence as JSON text (CSV)."""
    import pyarrow as pa

    def kind(name: str) -> str:
        found = COLUMN_KINDS.get(name, "str")
        return "str" if found == "evidence" and evidence_json else found

    return pa.schema([pa.field(name, arrow_type(kind(name))) for name in STORED_COLUMNS])


def reports_table(reports: Iterable[Report], *, evidence_json: bool = False) -> pa.Table:
    """The stored rows of many reports as one Arrow table with the fixed `stored_schema`.

    Built column by column from tuples (a hot path of batch runs), never dict by dict.
    """
    import pyarrow as pa

    schema = stored_schema(evidence_json=evidence_json)
    values: list[tuple[Any, ...]] = []  # RESULT_COLUMNS values per row
    fixed: list[tuple[Any, ...]] = []  # the other columns per row
    for report in reports:
        rows = report_values(report)
        values.extend(rows)
        fixed.extend([fixed_values(report)] * len(rows))
    if not values:
        return schema.empty_table()
    columns: list[Sequence[Any]] = [*zip(*values, strict=True), *zip(*fixed, strict=True)]
    at = RESULT_COLUMNS.index("evidence")
    evidence = columns[at]
    columns[at] = [None]  # built below
    arrays = [pa.array(column, type=field.type)
              for column, field in zip(columns, schema, strict=True)]
    arrays[at] = (pa.array([dumps([e.to_dict() for e in cell]) for cell in evidence],
                           type=pa.string())
                  if evidence_json else evidence_array(evidence))
    return pa.table(arrays, schema=schema)


def evidence_array(cells: Sequence[Sequence[Any]]) -> pa.Array:
    """The evidence column from each row's `Evidence` objects: field by field, because a dict
    per item (`to_dict`) costs half again as much in a batch run."""
    import pyarrow as pa

    kind = arrow_type("evidence")
    struct = kind.value_type
    get = operator.attrgetter(*EVIDENCE_FIELDS)
    items = [get(e) for cell in cells for e in cell]
    fields: list[Any] = (list(zip(*items, strict=True)) if items
                         else [() for _ in EVIDENCE_FIELDS])
    at = list(EVIDENCE_FIELDS).index("window")
    fields[at] = [None if w is None else w.to_dict() for w in fields[at]]
    values = pa.StructArray.from_arrays(
        [pa.array(column, type=field.type) for column, field in zip(fields, struct, strict=True)],
        fields=list(struct))
    offsets = pa.array([0, *itertools.accumulate(map(len, cells))], type=pa.int32())
    return pa.ListArray.from_arrays(offsets, values, type=kind)


def stored_frame(table: pa.Table) -> pd.DataFrame:
    """A stored table as pandas, with nullable `Int64` integers (Dask partitions: there the
    evidence is JSON text, as in CSV, since Dask cannot learn a nested type from its meta)."""
    import pandas as pd
    import pyarrow as pa

    return table.to_pandas(
        types_mapper=lambda kind: pd.Int64Dtype() if pa.types.is_int64(kind) else None)


# -- stored rows to the results frame --------------------------------------------------------------
def reports_to_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """The results frame of `reports`: one row per (transcript, standard), or an error row.

    >>> import csnlp
    >>> df = csnlp.reports_to_frame([csnlp.evaluate("Agent: Hello!\\nCustomer: Hi")])
    >>> list(df.columns[:4])
    ['transcript_id', 'standard_id', 'status', 'score']
    """
    return results_frame(reports_table(reports))


def results_frame(stored: Any) -> pd.DataFrame:
    """The results frame of stored rows: an Arrow table, a pandas frame (of stored rows, or a
    results frame), a Dask DataFrame, or a list of these, concatenated in order."""
    parts = stored if isinstance(stored, (list, tuple)) else [stored]
    columns: dict[str, list[Any]] = {}
    metadata: list[dict[str, Any]] = []
    for part in parts:
        cols, meta = _stored_columns(part)
        for name in FIXED_COLUMNS:
            columns.setdefault(name, []).extend(cols[name])
        metadata.extend(meta)
    return _frame(columns, metadata)


def _frame(columns: Mapping[str, list[Any]], metadata: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    data = {name: _series(columns.get(name, []), COLUMN_KINDS.get(name, "str"))
            for name in FIXED_COLUMNS}
    keys = sorted({k for m in metadata for k in m} - set(FIXED_COLUMNS))
    for key in keys:
        data[key] = _metadata_series([_metadata_cell(m.get(key)) for m in metadata])
    return pd.DataFrame(data, columns=[*FIXED_COLUMNS, *keys])


def _stored_columns(part: Any) -> tuple[dict[str, list[Any]], list[dict[str, Any]]]:
    """(fixed column name -> plain Python values, metadata dict per row) of one stored part."""
    import pyarrow as pa

    if hasattr(part, "compute") and not hasattr(part, "to_pylist"):  # a Dask collection
        part = part.compute()
    if isinstance(part, pa.Table):
        names = part.schema.names
        raw = {name: part.column(name).to_pylist() for name in names}
        n = part.num_rows
    elif hasattr(part, "columns") and hasattr(part, "to_dict"):  # a pandas DataFrame
        names = [str(c) for c in part.columns]
        raw = {str(c): [jsonable(v) for v in part[c].tolist()] for c in part.columns}
        n = len(part)
    else:
        raise InputError(f"results: expected a results file, an Arrow table or a DataFrame of "
                         f"result rows, got {describe(part)}")
    _check_columns(names, "results")
    cols = {name: [_plain(v) for v in raw[name]] if name in raw else [None] * n
            for name in FIXED_COLUMNS if name != "evidence"}
    evidence = raw.get("evidence", raw.get(LEGACY_EVIDENCE, [None] * n))
    cols["evidence"] = [_evidence_cell(v) for v in evidence]
    if "metadata_json" in raw:
        metadata = [_load_metadata(v) for v in raw["metadata_json"]]
    else:  # a results frame (e.g. saved with pandas): its other columns are the metadata
        extra = [c for c in names if c not in FIXED_COLUMNS and c != LEGACY_EVIDENCE]
        metadata = [{c: raw[c][i] for c in extra if raw[c][i] is not None} for i in range(n)]
    return cols, metadata


def _check_columns(names: Sequence[str], where: str) -> None:
    missing = [c for c in ("transcript_id", "status") if c not in names]
    if missing:
        raise InputError(f"{where}: not a csnlp results file (no column {missing[0]!r}); "
                         f"its columns are {list(names)}")


def _plain(value: Any) -> Any:
    return None if value is None else jsonable(value)


def _evidence_cell(value: Any) -> list[dict[str, Any]]:
    """One row's evidence as a list of dicts with exactly `EVIDENCE_FIELDS`, whatever its form
    (Arrow list, numpy array, JSON text from CSV or an older `evidence_json`)."""
    if isinstance(value, (str, bytes)):
        value = _parse_text(value)
    value = jsonable(value)
    if not isinstance(value, list):  # old error rows held their source dict here
        return []
    # An item written before evidence had a role keeps role None here; csnlp.frames
    # (read_results) fills it from the old `rule` string.
    return [{name: item.get(name) for name in EVIDENCE_FIELDS}
            for item in value if isinstance(item, Mapping)]


def _parse_text(text: str | bytes) -> Any:
    """Evidence as text: JSON (csnlp's CSV), or the Python repr pandas' `to_csv` writes."""
    if not text:
        return []
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    import ast

    try:
        return ast.literal_eval(text if isinstance(text, str) else text.decode())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return []


def _load_metadata(value: Any) -> dict[str, Any]:
    if value is None or value == "":
        return {}
    try:
        loaded = orjson.loads(value) if isinstance(value, (str, bytes)) else jsonable(value)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"results: metadata_json is not valid JSON ({exc}): "
                         f"{describe(value)}") from None
    return loaded if isinstance(loaded, dict) else {}


def _metadata_cell(value: Any) -> Any:
    """A JSON-native metadata value as one cell: nested values as JSON text (sorted keys)."""
    if isinstance(value, (dict, list)):
        return dumps(value, sort_keys=True)
    return value


def _series(values: Sequence[Any], kind: str) -> pd.Series:
    import numpy as np
    import pandas as pd

    if kind == "evidence":
        cells = np.empty(len(values), dtype=object)
        cells[:] = [_evidence_cell(v) if not isinstance(v, list) else v for v in values]
        return pd.Series(cells, dtype=object)
    if kind == "str":
        cells = np.empty(len(values), dtype=object)
        cells[:] = [None if v is None or v != v else v for v in values]
        return pd.Series(cells, dtype=object)
    return pd.Series(list(values), dtype=PANDAS_DTYPES[kind])


def _metadata_series(values: list[Any]) -> pd.Series:
    """A metadata column; its dtype depends only on the types of its values."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return _typed(values, "boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return _typed(values, "Int64")
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return _typed(values, "float64")
    return _series(values, "str")


def _typed(values: list[Any], dtype: str) -> pd.Series:
    import pandas as pd

    try:
        return pd.Series(values, dtype=dtype)
    except (OverflowError, TypeError, ValueError):  # e.g. an int beyond 64 bits
        return _series(values, "str")


def _as_str(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return dumps(value)


def _as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
