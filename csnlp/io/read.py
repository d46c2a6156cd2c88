"""Reading transcripts from files, folders and globs in any supported format, streaming.

`iter_records` is the batch form: one Record per conversation, with an error instead of a
transcript when a record is broken, and reading goes on. `read_transcripts` is the strict form
for notebooks: it raises the first error.
"""

from __future__ import annotations

import dataclasses
import glob
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, cast, overload

from csnlp.errors import FormatError, InputError, describe
from csnlp.io.formats import FILE_FORMATS, OBJECT_FORMATS, claim_directory
from csnlp.io.formats.base import (
    FileFormat,
    ObjectFormat,
    ReadContext,
    Record,
    error_record,
    open_binary,
    sniffable,
)
from csnlp.io.formats.generic import PendingRecord
from csnlp.transcript import Transcript

__all__ = ["Record", "iter_records", "list_formats", "read_transcripts"]

_SNIFF_BYTES = 4096


def list_formats() -> list[str]:
    """Names accepted by `format=`: "auto", file formats, then conversation formats.

    >>> "aws_transcribe" in list_formats()
    True
    """
    return ["auto", *(f.name for f in FILE_FORMATS), *(f.name for f in OBJECT_FORMATS)]


def _by_name(name: str) -> FileFormat | ObjectFormat:
    key = name.strip().lower().replace("-", "_")
    formats: tuple[FileFormat | ObjectFormat, ...] = (*FILE_FORMATS, *OBJECT_FORMATS)
    for fmt in formats:
        if key == fmt.name or key in fmt.aliases:
            return fmt
    raise InputError(f"format: unknown format {describe(name)}; known: {list_formats()}")


def _extension_format(path: Path) -> FileFormat | None:
    name = path.name.lower()
    best: tuple[int, FileFormat] | None = None
    for fmt in FILE_FORMATS:
        for ext in fmt.extensions:
            if name.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    return best[1] if best else None


def _known_file(path: Path) -> bool:
    return _extension_format(path) is not None


def _expand(paths: str | Path | Iterable[str | Path]) -> Iterator[tuple[Path, str | None] | Record]:
    """Files to read (with a format a folder claims, if any), in a stable order; an error
    Record for a path that matches nothing."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in paths:
        path = Path(item)
        if path.is_file():
            yield path, None
        elif path.is_dir():
            yield from _walk(path)
        elif isinstance(item, str) and any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield error_record(FormatError(f"{item}: no file matches this pattern"),
                                   {"file": item})
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    yield from _walk(mp)
                elif mp.is_file():
                    yield mp, None
        else:
            yield error_record(FormatError(f"{item}: no such file or folder"), {"file": str(item)})


def _walk(folder: Path) -> Iterator[tuple[Path, str | None] | Record]:
    found = False
    for item in _walk_files(folder):
        found = True
        yield item
    if not found:
        yield error_record(FormatError(f"{folder}: no transcript files in this folder (known "
                                       f"extensions: {sorted(_extensions())})"),
                           {"file": str(folder)})


def _walk_files(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Known files under `folder`, sorted, recursively; hidden and `_` entries are skipped and
    a dataset folder (e.g. Harper Valley's transcript/ + metadata/) yields its own files."""
    claimed = claim_directory(folder)
    if claimed is not None:
        files, fmt = claimed
        yield from ((f, fmt) for f in files)
        return
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "_")):
            continue
        if p.is_dir():
            yield from _walk_files(p)
        elif p.is_file() and _known_file(p):
            yield p, None


def _extensions() -> set[str]:
    return {e for f in FILE_FORMATS for e in f.extensions}


def _detect(path: Path) -> FileFormat | None:
    by_ext = _extension_format(path)
    if by_ext is not None and not by_ext.prefer_sniff:
        return by_ext
    try:
        with open_binary(path) as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return by_ext
    head = sniffable(head)
    for fmt in FILE_FORMATS:
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    return by_ext


def _container(path: Path) -> FileFormat:
    """The file format holding values of an object format: JSON Lines or JSON."""
    ext = _extension_format(path)
    if ext is not None and ext.name == "jsonl":
        return ext
    return next(f for f in FILE_FORMATS if f.name == "json")


@overload
def iter_records(paths: str | Path | Iterable[str | Path], format: str = "auto", *,
                 speaker_map: Mapping[str, str] | None = None, defer: Literal[False] = False,
                 **options: Any) -> Iterator[Record]: ...
@overload
def iter_records(paths: str | Path | Iterable[str | Path], format: str = "auto", *,
                 speaker_map: Mapping[str, str] | None = None, defer: bool,
                 **options: Any) -> Iterator[Record | PendingRecord]: ...
def iter_records(paths: str | Path | Iterable[str | Path], format: str = "auto", *,
                 speaker_map: Mapping[str, str] | None = None, defer: bool = False,
                 **options: Any) -> Iterator[Record | PendingRecord]:
    """One Record per conversation found in `paths` (files, folders, glob patterns), streaming.

    A broken record gives a Record with `.error` naming file, line or record, field and value,
    and reading continues, so a batch never loses a record silently. Folders are walked
    recursively in sorted order, keeping files with known extensions.

    `speaker_map` maps speaker labels (spk_0, SPEAKER_00, ch_1, a voice name, a Zendesk author
    id) to roles; labels without a role are otherwise inferred (see `csnlp.io.roles`). Options:

    - roles: "auto" (speaker_map, then the format's roles, then inference), "format" (no
      inference: an unmapped label is an error) or "infer" (ignore the format's roles).
    - text_field: Harper Valley text, "transcript" (ASR) or "human_transcript".
    - speaker: the role of every turn of a format without speakers (Whisper, one channel).
    - merge_gap: join consecutive turns of one speaker closer than this many seconds.
    - keep_empty: keep blank turns (dropped and counted in metadata by default).
    - include_internal: keep Zendesk private comments and Intercom notes.
    - columns: for one-turn-per-row tables (CSV, Parquet, JSONL, DataFrames), the column of
      each turn field, as a mapping or its command-line string "text=msg,speaker=who":
      fields conversation (or id), speaker, text, start, end, duration (end = start +
      duration), speaker_name; units start_unit, end_unit, duration_unit, time_unit ("s" or
      "ms"). Unnamed fields are found by their usual names (start_s, begin_ms, offset,
      call_id, role, utterance, ...), a time's unit by its name's suffix (_ms, _s), else
      time_unit. id_column, speaker_column, text_column, start_column and end_column are
      the older spelling of columns={...}.
    - time_unit: "s" (default) or "ms", of table times whose name states no unit.
    - delimiter: of a CSV file (default: "," or, for .tsv, tab).
    - encoding: of text files; "auto" (default): UTF-8, or UTF-16/UTF-32 told by their
      byte-order mark or NUL bytes; a BOM is skipped. Any Python codec name otherwise.
      Bytes that do not decode make their line (or its conversation) an error record.

    With `defer=True`, JSON and JSONL values come as `PendingRecord`s whose `resolve()` gives
    the Record: batch runs parse them in their worker processes.

    >>> recs = list(iter_records("tests/io/samples/generic/transcripts.jsonl"))  # doctest: +SKIP
    >>> recs[0].source  # doctest: +SKIP
    {'file': '...transcripts.jsonl', 'line': 1, 'format': 'csnlp', 'transcript_id': 'c-001'}
    """
    ctx = ReadContext.create(speaker_map, options)  # bad options fail now, not mid-batch
    if defer:
        ctx = dataclasses.replace(ctx, defer=True)
    return records(paths, ctx, format)


def records(paths: str | Path | Iterable[str | Path], ctx: ReadContext, format: str = "auto"
            ) -> Iterator[Record | PendingRecord]:
    """`iter_records` with read options already validated into a ReadContext (PendingRecords
    only when `ctx.defer` is set)."""
    chosen = None if format == "auto" else _by_name(format)
    return _records(paths, chosen, ctx)


def _records(paths: str | Path | Iterable[str | Path], chosen: FileFormat | ObjectFormat | None,
             ctx: ReadContext) -> Iterator[Record | PendingRecord]:
    for item in _expand(paths):
        if isinstance(item, Record):
            yield item
            continue
        path, claimed = item
        fmt = chosen if chosen is not None else (_by_name(claimed) if claimed else None)
        file_fmt: FileFormat | None
        objects: Sequence[ObjectFormat]
        if isinstance(fmt, ObjectFormat):
            file_fmt, objects = _container(path), (fmt,)
        else:
            file_fmt = fmt if fmt is not None else _detect(path)
            objects = OBJECT_FORMATS
        if file_fmt is None:
            yield error_record(FormatError(
                f"{path}: cannot tell the format of this file; pass format= one of "
                f"{list_formats()}"), {"file": str(path)})
            continue
        try:
            # generic.py's JSON readers are the only ones that defer: a Deferred is a PendingRecord
            yield from cast("Iterator[Record | PendingRecord]", file_fmt.read(path, ctx, objects))
        except OSError as exc:
            yield error_record(FormatError(f"{path}: cannot read the file ({exc})"),
                               {"file": str(path)})


def read_transcripts(path: str | Path | Iterable[str | Path], format: str = "auto", *,
                     speaker_map: Mapping[str, str] | None = None, **options: Any
                     ) -> Iterator[Transcript]:
    """Transcripts from a file, folder or glob, in any supported format; raises the first error.

    >>> for t in read_transcripts("calls/", format="auto"):  # doctest: +SKIP
    ...     print(t.id, len(t.turns))
    """
    records = iter_records(path, format, speaker_map=speaker_map, **options)
    return _strict(records)


def _strict(records: Iterator[Record]) -> Iterator[Transcript]:
    for rec in records:
        if rec.error is not None:
            rec.raise_error()
        assert rec.transcript is not None
        yield rec.transcript
