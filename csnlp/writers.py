"""Batch outputs (JSONL, Parquet, CSV) written in parts that are complete or absent, and resumed.

A run writes `OUT.parts/part-00000042.<ext>` for the 43rd chunk of input records, each to a
temporary name first and then `os.replace`d, so after a crash or `kill -9` a part is either whole
or missing. `--resume` keeps the whole parts and redoes the missing ones. The parts are joined,
in input order, into a temporary file as they complete (`Assembly`); after the last one it is
renamed to OUT and the folder is removed.

Parquet and CSV hold the stored form of the results table (`csnlp.table`): one fixed set of
columns, `OUTPUT_COLUMNS`, so every part and every row group has the same schema however
transcript metadata varies (the metadata is in `metadata_json`; `csnlp.read_results` expands it
into columns again). Evidence is an Arrow list of structs in Parquet and JSON text in CSV.

A JSONL line is `report.to_dict()` (its `source` carries `input_index`, file and line).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from csnlp.errors import InputError, describe
from csnlp.table import (
    METADATA_COLUMNS,
    RESULT_FORMATS,
    SOURCE_COLUMNS,
    STORED_COLUMNS,
    reports_table,
    stored_frame,
    stored_rows,
    stored_schema,
)

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from csnlp.results import Report

__all__ = ["METADATA_COLUMNS", "OUTPUT_COLUMNS", "OUTPUT_FORMATS", "SOURCE_COLUMNS", "Assembly",
           "PartStats", "PartStore", "output_format", "output_rows", "output_schema",
           "reports_frame", "reports_table", "serialise"]

#: Output format by file extension.
OUTPUT_FORMATS = RESULT_FORMATS

#: Columns of every Parquet/CSV output, in this order (`csnlp.table.STORED_COLUMNS`).
OUTPUT_COLUMNS = STORED_COLUMNS

#: The rows of one report as Parquet/CSV holds them, as dicts.
output_rows = stored_rows

_PART_RE = re.compile(r"^part-(\d{8})\.(jsonl|parquet|csv)$")
MANIFEST = "manifest.json"
JOB_KEY = "options"  # the run's options, kept in the manifest but not part of its signature


def output_format(path: str | os.PathLike[str]) -> str:
    """`jsonl`, `parquet` or `csv` from the output file's extension.

    >>> output_format("out/reports.parquet")
    'parquet'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise InputError(f"output {str(path)!r}: unknown extension {suffix or '(none)'!r}; "
                         f"use one of {', '.join(sorted(OUTPUT_FORMATS))}")
    return OUTPUT_FORMATS[suffix]


def output_schema() -> pa.Schema:
    """The Arrow schema of Parquet outputs: the same for every part and row group."""
    return stored_schema()


def reports_frame(reports: Iterable[Report]):
    """A pandas DataFrame with exactly `OUTPUT_COLUMNS` (the stored rows; `read_results` gives
    the results frame)."""
    return stored_frame(reports_table(reports))


@dataclass(frozen=True)
class PartStats:
    """What one part holds: records read, reports evaluated and failed, turns evaluated."""

    records: int = 0
    evaluated: int = 0
    failed: int = 0
    turns: int = 0

    def __add__(self, other: PartStats) -> PartStats:
        return PartStats(self.records + other.records, self.evaluated + other.evaluated,
                         self.failed + other.failed, self.turns + other.turns)

    @classmethod
    def of(cls, reports: Sequence[Report]) -> PartStats:
        failed = sum(1 for r in reports if r.error is not None)
        turns = sum(int((r.metrics or {}).get("turns") or 0) for r in reports if r.error is None)
        return cls(records=len(reports), evaluated=len(reports) - failed, failed=failed,
                   turns=turns)


class PartStore:
    """The `OUT.parts` folder of one batch run: write parts atomically, resume, assemble OUT.

    Small and picklable (two paths and a format), so worker processes write their own parts.

    >>> store = PartStore("results.jsonl")
    >>> store.parts_dir.name
    'results.jsonl.parts'
    """

    def __init__(self, out: str | os.PathLike[str], *, fmt: str | None = None) -> None:
        self.out = Path(out)
        self.fmt = fmt or output_format(self.out)
        self.parts_dir = self.out.with_name(self.out.name + ".parts")

    def __repr__(self) -> str:
        return f"PartStore({str(self.out)!r}, fmt={self.fmt!r})"

    # -- paths ---------------------------------------------------------------------------------
    def part_path(self, index: int) -> Path:
        return self.parts_dir / f"part-{index:08d}.{self.fmt}"

    def stats_path(self, index: int) -> Path:
        return self.parts_dir / f"part-{index:08d}.stats.json"

    # -- start or resume -----------------------------------------------------------------------
    def start(self, signature: Mapping[str, Any], *, resume: bool,
              job: Mapping[str, Any] | None = None) -> dict[int, PartStats]:
        """Prepare the parts folder; return the parts already complete (only when resuming).

        Without `resume` any old parts are discarded. With it, the folder's signature (inputs,
        standards, batch size, versions) must equal `signature`, or the run refuses to mix
        outputs of two different jobs. `job` (the options the run was started with) is kept
        in the manifest beside the signature, for `saved_job`.
        """
        manifest = self.parts_dir / MANIFEST
        sig = json.loads(json.dumps(signature))
        old = self.manifest() if resume else None
        if old is not None:
            old.pop(JOB_KEY, None)
            if old != sig:
                diff = sorted(k for k in set(old) | set(sig) if old.get(k) != sig.get(k))
                raise InputError(
                    f"--resume: {self.parts_dir} belongs to a different job (differs in "
                    f"{', '.join(diff)}); run without --resume to start again")
            self._remove_temporaries()
            return self.completed()
        if self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)
        self.parts_dir.mkdir(parents=True)
        kept = {**sig, JOB_KEY: json.loads(json.dumps(job))} if job is not None else sig
        _atomic_write(manifest, json.dumps(kept, indent=1, sort_keys=True).encode())
        return {}

    def manifest(self) -> dict[str, Any] | None:
        """The manifest of the run in the parts folder, or None when there is none."""
        path = self.parts_dir / MANIFEST
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            raise InputError(f"{path}: not a csnlp manifest (unreadable JSON); run without "
                             "--resume to start again") from None

    def saved_job(self) -> dict[str, Any] | None:
        """The options the interrupted run in the parts folder was started with, if any."""
        manifest = self.manifest()
        return None if manifest is None else manifest.get(JOB_KEY)

    def completed(self) -> dict[int, PartStats]:
        """Parts whose data file exists (a stats file is always written before its data)."""
        done: dict[int, PartStats] = {}
        for path in self.parts_dir.iterdir():
            m = _PART_RE.match(path.name)
            if not m or m.group(2) != self.fmt:
                continue
            index = int(m.group(1))
            stats = json.loads(self.stats_path(index).read_text(encoding="utf-8"))
            done[index] = PartStats(**stats)
        return done

    def _remove_temporaries(self) -> None:
        for path in self.parts_dir.glob(".*.tmp*"):
            path.unlink(missing_ok=True)

    # -- write ---------------------------------------------------------------------------------
    def write_part(self, index: int, reports: Sequence[Report]) -> PartStats:
        """Write one part (stats first, then data), each through a temporary file."""
        return self.write_part_table(index, reports)[0]

    def write_part_table(self, index: int, reports: Sequence[Report]
                         ) -> tuple[PartStats, pa.Table | None]:
        """`write_part`, also giving back a Parquet part's Arrow table (None for other
        formats): the process assembling OUT appends it without reading the file back."""
        stats = PartStats.of(reports)
        _atomic_write(self.stats_path(index), json.dumps(asdict(stats)).encode())
        table = reports_table(reports) if self.fmt == "parquet" else None
        data = _parquet_bytes(table) if table is not None else serialise(reports, self.fmt)
        _atomic_write(self.part_path(index), data)
        return stats, table

    # -- assemble ------------------------------------------------------------------------------
    def assembly(self, *, row_group_rows: int = 16_384) -> Assembly:
        """An `Assembly` of OUT that takes parts as they complete (see `assemble`)."""
        return Assembly(self, row_group_rows=row_group_rows)

    def assemble(self, n_parts: int, *, row_group_rows: int = 16_384) -> Path:
        """Join parts 0..n_parts-1, in order, into OUT (atomically) and remove the folder."""
        assembly = self.assembly(row_group_rows=row_group_rows)
        try:
            return assembly.finish(n_parts)
        finally:
            assembly.abort()


class Assembly:
    """OUT, built while the parts are still being written.

    `add(index)` says a part is complete; every part whose predecessors are all complete is
    appended at once to a temporary file in the parts folder, so joining the parts is not a
    serial step after the last one (it was ~0.4 s per 100k turns of Parquet, with both cores
    idle). `finish(n)` appends what is left, renames the file over OUT and removes the folder;
    until then the parts stay the record of the run, and `--resume` deletes a half-built file
    like any other temporary.
    """

    def __init__(self, store: PartStore, *, row_group_rows: int = 16_384) -> None:
        self.store = store
        self.row_group_rows = row_group_rows
        self.tmp = store.parts_dir / f".assembling.{store.fmt}.tmp-{os.getpid()}"
        self.next = 0  # the next part to append
        self._ready: dict[int, Any] = {}  # complete parts waiting for an earlier one
        self._fh: BinaryIO | None = None  # the open temporary file (JSONL, CSV) ...
        self._writer: pq.ParquetWriter | None = None  # ... or Parquet writer
        self._pending: list[Any] = []  # Parquet tables not yet written as a row group
        self._rows = 0

    def add(self, index: int, table: pa.Table | None = None) -> None:
        """Part `index` is complete: append it, and any complete parts after it, in order.

        `table` is the part's Arrow table when the caller has it (`write_part_table`);
        otherwise the part is read from its file.
        """
        self._ready[index] = table
        while self.next in self._ready:
            self._append(self.next, self._ready.pop(self.next))
            self.next += 1

    def finish(self, n_parts: int) -> Path:
        """Append the rest of parts 0..n_parts-1, rename the result over OUT, remove the parts."""
        store = self.store
        missing = [i for i in range(self.next, n_parts) if not store.part_path(i).is_file()]
        if missing:
            raise InputError(f"{store.parts_dir}: parts {missing[:5]} are missing; "
                             "run again with --resume")
        for i in range(self.next, n_parts):
            self._append(i, self._ready.pop(i, None))
        self.next = max(self.next, n_parts)
        self._open()  # an empty job still writes a valid, empty OUT
        self._close()
        store.out.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.tmp, store.out)
        shutil.rmtree(store.parts_dir)
        return store.out

    def abort(self) -> None:
        """Close and delete the temporary file (nothing to do after `finish`)."""
        try:
            if self._writer is not None:
                self._writer.close()
            if self._fh is not None:
                self._fh.close()
        finally:
            self._writer = self._fh = None
            self.tmp.unlink(missing_ok=True)

    def _open(self) -> None:
        if self._writer is not None or self._fh is not None:
            return
        if self.store.fmt == "parquet":
            import pyarrow.parquet as pq

            self._writer = pq.ParquetWriter(self.tmp, output_schema(), compression="zstd")
        else:
            self._fh = fh = open(self.tmp, "wb")  # noqa: SIM115 - closed in _close or abort
            if self.store.fmt == "csv":
                fh.write(csv_header())

    def _append(self, index: int, table: pa.Table | None = None) -> None:
        self._open()
        path = self.store.part_path(index)
        if self._fh is not None:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, self._fh, 1 << 20)
            return
        writer = self._writer
        assert writer is not None  # _open opened the file or the writer
        if table is None:
            import pyarrow.parquet as pq

            # ParquetFile, not read_table: that imports pyarrow.dataset (and pandas), ~0.8 s
            table = pq.ParquetFile(path).read()
        if table.schema != writer.schema:
            raise InputError(f"{path}: not a part of this job (its columns differ); "
                             "run again without --resume")
        self._pending.append(table)
        self._rows += table.num_rows
        if self._rows >= self.row_group_rows:
            self._flush_rows(writer)

    def _flush_rows(self, writer: pq.ParquetWriter) -> None:
        import pyarrow as pa

        if self._pending:
            writer.write_table(pa.concat_tables(self._pending),
                                     row_group_size=max(self._rows, 1))
        self._pending, self._rows = [], 0

    def _close(self) -> None:
        if self._writer is not None:
            self._flush_rows(self._writer)
            self._writer.close()
            self._writer = None
            with open(self.tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        if self._fh is not None:
            _sync(self._fh)
            self._fh.close()
            self._fh = None


def serialise(reports: Sequence[Report], fmt: str) -> bytes:
    """The bytes of one part: JSONL lines, a Parquet file, or CSV rows without a header."""
    if fmt == "jsonl":
        import orjson

        return b"".join(orjson.dumps(r.to_dict()) + b"\n" for r in reports)
    import pyarrow as pa

    if fmt == "parquet":
        return _parquet_bytes(reports_table(reports))
    if fmt != "csv":
        raise InputError(f"output format: expected jsonl, parquet or csv, got {describe(fmt)}")
    import pyarrow.csv as pcsv

    sink = pa.BufferOutputStream()
    # "needed" quotes every string, so an empty string and a missing value stay apart
    pcsv.write_csv(reports_table(reports, evidence_json=True), sink,
                   pcsv.WriteOptions(include_header=False, quoting_style="needed"))
    return sink.getvalue().to_pybytes()


def _parquet_bytes(table: pa.Table) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def csv_header() -> bytes:
    """The header line of a CSV output."""
    return (",".join(f'"{name}"' for name in OUTPUT_COLUMNS) + "\n").encode()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, fsync, then rename over `path`."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        _sync(fh)
    os.replace(tmp, path)


def _sync(fh) -> None:
    fh.flush()
    os.fsync(fh.fileno())
