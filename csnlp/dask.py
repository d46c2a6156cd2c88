"""Dask: run csnlp on every partition of a `dask.distributed` cluster.

`evaluate_bag(bag)` takes a Bag of transcripts (dicts, Transcripts, strings, Records, or JSON
lines with `json_lines=True`); `evaluate_dataframe(ddf)` takes a Dask DataFrame with one row per
turn (grouped by conversation id) or one row per transcript. Both return a Dask DataFrame of
report rows in the stored form of the results table (`csnlp.table.STORED_COLUMNS`, the columns
of the Parquet output, evidence as JSON text), ready for `.to_parquet(...)`;
`csnlp.read_results(rows)` gives the results frame, as for any results file. Each worker process
builds the spaCy pipeline once, on its first partition, and keeps it
(`csnlp.batch.workers.worker_evaluator`); tasks carry only the standards' name or the validated
StandardSet, never a pipeline.

    >>> from dask.distributed import Client                                  # doctest: +SKIP
    >>> import dask.bag as db, csnlp.dask                                     # doctest: +SKIP
    >>> client = Client("tcp://scheduler:8786")                               # doctest: +SKIP
    >>> bag = db.read_text("s3://archive/2024-*/*.jsonl", blocksize="64MiB")  # doctest: +SKIP
    >>> rows = csnlp.dask.evaluate_bag(bag, "contact_center", json_lines=True)  # doctest: +SKIP
    >>> rows.to_parquet("s3://results/2024/")                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from csnlp.batch.chunks import DEFAULT_BATCH_SIZE, check_args
from csnlp.batch.workers import EvaluatorSpec, evaluate_chunk, worker_evaluator
from csnlp.errors import FormatError, InputError, describe
from csnlp.ingest import RepeatedIds, input_id, read_context
from csnlp.io.formats.base import error_record
from csnlp.io.formats.generic import frame_records
from csnlp.jsonable import jsonable as _plain  # a pandas cell as plain Python

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

LAYOUTS = ("turns", "transcripts")
_ORDER = "_csnlp_order"


def output_meta() -> pd.DataFrame:
    """An empty frame with the columns and dtypes every partition of the result has."""
    from csnlp.table import stored_frame, stored_schema

    return stored_frame(stored_schema(evidence_json=True).empty_table())


def evaluate_bag(bag: db.Bag, standards: Any = None, *, json_lines: bool = False,
                 on_error: str = "record", batch_size: int = DEFAULT_BATCH_SIZE,
                 evaluator_options: Mapping[str, Any] | None = None) -> dd.DataFrame:
    """Evaluate every transcript of a Bag; one row per (transcript, standard), or an error row.

    With `json_lines=True` the items are JSON texts (e.g. `dask.bag.read_text` of JSONL files),
    parsed on the workers; a line that does not parse gives an error row instead of failing
    the task. An error row's `source_record` is the item's position in its partition (from 1).

    >>> import dask.bag as db
    >>> rows = evaluate_bag(db.from_sequence(["Agent: Hello!"], npartitions=1))
    >>> sorted(rows.compute()["status"].unique())[:1]
    ['met']
    """
    import dask
    import dask.dataframe as dd

    check_args(1, on_error, batch_size)
    spec = dask.delayed(EvaluatorSpec.build(standards, evaluator_options), pure=True)
    parts = [dask.delayed(_bag_partition, pure=True)(part, spec, i, json_lines, on_error,
                                                     batch_size)
             for i, part in enumerate(bag.to_delayed())]
    return dd.from_delayed(parts, meta=output_meta(), verify_meta=False)


def evaluate_dataframe(ddf: dd.DataFrame, standards: Any = None, *, layout: str = "turns",
                       id_column: str = "conversation_id", speaker_column: str = "speaker",
                       text_column: str = "text", start_column: str = "start",
                       end_column: str = "end", order_column: str | None = None,
                       turns_column: str = "turns", metadata_column: str = "metadata",
                       metadata_columns: Sequence[str] | None = None,
                       partitioned: bool = False, on_error: str = "record",
                       batch_size: int = DEFAULT_BATCH_SIZE,
                       evaluator_options: Mapping[str, Any] | None = None) -> dd.DataFrame:
    """Evaluate the transcripts in a Dask DataFrame; returns report rows like `evaluate_bag`.

    `layout="turns"`: one row per turn with `id_column`, `speaker_column`, `text_column` and
    optionally `start_column`/`end_column`; `order_column` orders the turns of a conversation
    (default `turn_index` when present, else the order of the rows). Rows of one conversation
    are brought into one partition with a shuffle on `id_column`, unless `partitioned=True`
    says they already are (e.g. each file holds whole conversations) or the frame is indexed by
    `id_column` with known divisions. The remaining columns (or `metadata_columns`) become the
    transcript's metadata, from the conversation's first row.

    `layout="transcripts"`: one row per transcript with `id_column`, `turns_column` (a list of
    turn dicts, or its JSON text) and optionally `metadata_column` (a dict or JSON text); other
    columns (or `metadata_columns`) are added to the metadata.

    >>> import pandas as pd, dask.dataframe as dd
    >>> turns = pd.DataFrame({"conversation_id": ["c1", "c1"], "speaker": ["agent", "customer"],
    ...                       "text": ["Hello, thanks for calling!", "Hi"]})
    >>> rows = evaluate_dataframe(dd.from_pandas(turns, npartitions=1), partitioned=True)
    >>> rows.compute().set_index("standard_id").loc["greeting", "status"]
    'met'
    """
    import dask

    if layout not in LAYOUTS:
        raise InputError(f"layout: expected 'turns' or 'transcripts', got {describe(layout)}")
    check_args(1, on_error, batch_size)
    spec = dask.delayed(EvaluatorSpec.build(standards, evaluator_options), pure=True)
    if ddf.index.name == id_column and id_column not in ddf.columns:
        partitioned = partitioned or bool(ddf.known_divisions)
        ddf = ddf.reset_index()
    columns = list(ddf.columns)
    _require(columns, [id_column] + ([speaker_column, text_column] if layout == "turns"
                                     else [turns_column]))
    if layout == "transcripts":
        options: dict[str, Any] = {
            "id_column": id_column, "turns_column": turns_column,
            "metadata_column": metadata_column,
            "metadata_columns": _meta_columns(columns, metadata_columns,
                                              {id_column, turns_column, metadata_column})}
        return ddf.map_partitions(_transcripts_partition, spec, options, on_error, batch_size,
                                  meta=output_meta(), enforce_metadata=False,
                                  clear_divisions=True)
    if order_column is None and "turn_index" in columns:
        order_column = "turn_index"
    if order_column is not None:
        _require(columns, [order_column])
    if not partitioned:
        if order_column is None:
            # a shuffle does not promise to keep row order: remember it first
            ddf = ddf.map_partitions(_add_order, meta=_add_order(ddf._meta))
            order_column = _ORDER
        ddf = ddf.shuffle(on=id_column)
    skip = {id_column, speaker_column, text_column, start_column, end_column, _ORDER,
            order_column}
    options = {"id_column": id_column, "speaker_column": speaker_column,
               "text_column": text_column, "start_column": start_column,
               "end_column": end_column, "order_column": order_column,
               "metadata_columns": _meta_columns(columns, metadata_columns, skip)}
    return ddf.map_partitions(_turns_partition, spec, options, on_error, batch_size,
                              meta=output_meta(), enforce_metadata=False, clear_divisions=True)


# -- what runs on the workers --------------------------------------------------------------------
def _evaluate_items(items, spec: EvaluatorSpec, partition: int, on_error: str, batch_size: int,
                    parse_json: bool = False) -> pd.DataFrame:
    import pyarrow as pa

    from csnlp.gcpause import gc_paused
    from csnlp.table import reports_table, stored_frame, stored_schema

    evaluator, lock = worker_evaluator(spec)
    tables = []
    chunk: list[tuple[dict[str, Any], Any]] = []

    def flush() -> None:
        with lock:
            reports = evaluate_chunk(evaluator, chunk, on_error=on_error)
        with gc_paused():  # a tuple per row and cell: see csnlp.gcpause
            tables.append(reports_table(reports, evidence_json=True))
        chunk.clear()

    repeated = RepeatedIds()  # within the partition: a worker sees no other
    for j, item in enumerate(items, start=1):
        if parse_json:
            item = _parse_json(item, partition, j, on_error)
        repeated.see(input_id(item), f"partition {partition}: record {j}")
        chunk.append(({"partition": partition, "record": j}, item))
        if len(chunk) >= batch_size:
            flush()
    if chunk:
        flush()
    table = pa.concat_tables(tables) if tables else stored_schema(evidence_json=True).empty_table()
    return stored_frame(table)


def _bag_partition(items, spec: EvaluatorSpec, partition: int, json_lines: bool, on_error: str,
                   batch_size: int) -> pd.DataFrame:
    return _evaluate_items(items, spec, partition, on_error, batch_size, parse_json=json_lines)


def _parse_json(line: Any, partition: int, record: int, on_error: str) -> Any:
    import orjson

    if not isinstance(line, (str, bytes)):
        return line
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        message = (f"partition {partition}: record {record}: not valid JSON ({exc}): "
                   f"{describe(line)}")
        if on_error == "raise":
            raise FormatError(message) from None
        return error_record(FormatError(message), {"partition": partition, "record": record})


def _add_order(df: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
    import numpy as np

    number = (partition_info or {}).get("number", 0)
    return df.assign(**{_ORDER: (number << 32) + np.arange(len(df), dtype="int64")})


def _turns_partition(df: pd.DataFrame, spec: EvaluatorSpec, options: dict[str, Any],
                     on_error: str, batch_size: int,
                     partition_info: dict | None = None) -> pd.DataFrame:
    """Turn rows of one partition, read as `csnlp.ingest` reads any DataFrame of turns."""
    o = options
    partition = (partition_info or {}).get("number", 0)
    if o["order_column"] is not None:
        df = df.sort_values(o["order_column"], kind="stable")
    turn_columns = [o["id_column"], o["speaker_column"], o["text_column"]]
    timing = {key: c for key in ("start_column", "end_column")
              if (c := o[key]) is not None and c in df.columns}
    df = df[[*turn_columns, *timing.values(), *o["metadata_columns"]]]
    ctx = read_context(None, {"id_column": o["id_column"], "speaker_column": o["speaker_column"],
                              "text_column": o["text_column"], **timing})
    records = frame_records(df, ctx, {"partition": partition})
    return _evaluate_items(records, spec, partition, on_error, batch_size)


def _transcripts_partition(df: pd.DataFrame, spec: EvaluatorSpec, options: dict[str, Any],
                           on_error: str, batch_size: int,
                           partition_info: dict | None = None) -> pd.DataFrame:
    import orjson

    o = options
    partition = (partition_info or {}).get("number", 0)
    has_meta = o["metadata_column"] in df.columns
    items = []
    for row in df.to_dict("records"):
        turns = _plain(row[o["turns_column"]])
        if isinstance(turns, (str, bytes)):
            try:
                turns = orjson.loads(turns)
            except orjson.JSONDecodeError as exc:
                turns = f"<not valid JSON: {exc}>"
        metadata = _plain(row[o["metadata_column"]]) if has_meta else None
        if isinstance(metadata, (str, bytes)):
            metadata = orjson.loads(metadata)
        metadata = dict(metadata or {})
        for c in o["metadata_columns"]:
            if (v := _plain(row[c])) is not None:
                metadata[c] = v
        items.append({"id": _plain(row[o["id_column"]]), "turns": turns, "metadata": metadata})
    return _evaluate_items(items, spec, partition, on_error, batch_size)


def _require(columns: list[str], needed: list[str]) -> None:
    missing = [c for c in needed if c not in columns]
    if missing:
        raise InputError(f"dataframe: missing column(s) {missing}; it has {columns}")


def _meta_columns(columns: list[str], chosen: Sequence[str] | None, skip: set) -> list[str]:
    if chosen is not None:
        _require(columns, list(chosen))
        return list(chosen)
    return [c for c in columns if c not in skip]
