"""Generic formats: csnlp's own transcript dicts in JSON and JSONL, and one-turn-per-row tables
(JSONL, CSV, Parquet) grouped by a conversation id column. All stream."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from csnlp.errors import FormatError, TranscriptError, describe
from csnlp.io.formats.base import (
    COLUMN_FIELDS,
    HEAD_BYTES,
    UNDECODABLE,
    FileFormat,
    ObjectFormat,
    RawTurn,
    ReadContext,
    Record,
    build_transcript,
    detect_encoding,
    encoding_name,
    error_record,
    ok_record,
    open_binary,
    open_text,
    own_id,
    record_id,
    seconds,
    source_id,
    undecodable,
    where,
)
from csnlp.io.formats.base import ID_KEYS as BASE_ID_KEYS
from csnlp.jsonable import jsonable
from csnlp.transcript import Transcript

#: Keys of a transcript object that hold its id (see `base.own_id`).
ID_OBJECT_KEYS = frozenset(BASE_ID_KEYS)
# Column / key names accepted for each turn field, most specific first.
ID_KEYS = ("conversation_id", "transcript_id", "call_id", "contact_id", "session_id",
           "chat_id", "ticket_id", "dialog_id", "dialogue_id", "interaction_id", "case_id",
           "thread_id", "conversation", "dialogue", "call", "id")
SPEAKER_KEYS = ("speaker", "role", "speaker_role", "participant", "participant_role", "party",
                "speaker_label", "author", "sender", "from")
TEXT_KEYS = ("text", "utterance", "content", "message", "body", "transcript")
# Tables are told by their columns alone, so they may use looser names than JSON turns.
COLUMN_SPEAKER_KEYS = (*SPEAKER_KEYS, "speaker_type", "participant_type", "sender_type",
                       "author_role", "user_type", "speaker_id", "who", "channel")
COLUMN_TEXT_KEYS = (*TEXT_KEYS, "utterance_text", "message_text", "turn_text", "sentence",
                    "transcription", "msg")
# Times: the unit is the name's suffix (_ms, _s, ...; see `time_unit`), else `time_unit`.
START_KEYS = ("start", "start_s", "start_sec", "start_seconds", "start_time", "begin",
              "begin_s", "begin_time", "offset", "offset_s", "start_offset", "start_ms",
              "begin_ms", "start_time_ms", "offset_ms", "begin_offset_millis",
              "start_offset_millis")
END_KEYS = ("end", "end_s", "end_sec", "end_seconds", "end_time", "stop", "stop_s",
            "stop_time", "end_offset", "end_ms", "end_time_ms", "stop_ms", "end_offset_millis")
DURATION_KEYS = ("duration", "duration_s", "duration_sec", "duration_seconds", "dur",
                 "duration_ms", "dur_ms")
NAME_KEYS = ("speaker_name", "display_name", "name")


def time_unit(column: str, default: str = "s") -> str:
    """The unit a time column's name states ("start_ms": ms, "end_s": s), else `default`.

    >>> time_unit("begin_offset_millis"), time_unit("start_s", "ms"), time_unit("offset", "ms")
    ('ms', 's', 'ms')
    """
    name = column.lower()
    if name.endswith(("_ms", "_msec", "millis", "milliseconds")):
        return "ms"
    if name.endswith(("_s", "_sec", "_secs", "_seconds")):
        return "s"
    return default


def _first_key(keys: Sequence[str], present: Mapping[str, Any] | Sequence[str]) -> str | None:
    for key in keys:  # exact names first: the common case, and no lowercasing needed
        if key in present:
            return key
    lower = {k.lower(): k for k in present if isinstance(k, str)}
    for key in keys:
        if key in lower:
            return lower[key]
    return None


# ---------------------------------------------------------------- csnlp's own dicts


def _raw_turn(raw: Any, place: str, here: str, unit: str = "s") -> RawTurn:
    if not isinstance(raw, Mapping):
        raise TranscriptError(f"{here}: {place}: a turn must be an object, got {describe(raw)}")
    if "speaker" in raw and "text" in raw and not (raw.keys() - _PLAIN_TURN_KEYS):
        return _plain_turn(raw, place, here, unit)
    spk_key = _first_key(SPEAKER_KEYS, raw)
    if spk_key is None:
        raise TranscriptError(f"{here}: {place}.speaker: missing")
    label = raw[spk_key]
    if not isinstance(label, (str, int)) or isinstance(label, bool):
        raise TranscriptError(f"{here}: {place}.{spk_key}: must be a string, "
                              f"got {describe(label)}")
    text_key = _first_key(TEXT_KEYS, raw)
    if text_key is None:
        raise TranscriptError(f"{here}: {place}.text: missing")
    text = raw[text_key]
    if not isinstance(text, str):
        raise TranscriptError(f"{here}: {place}.{text_key}: must be a string, "
                              f"got {describe(text)}")
    start, end, duration = (_time(raw, keys, place, here, unit)
                            for keys in (START_KEYS, END_KEYS, DURATION_KEYS))
    if end is None and start is not None and duration is not None:
        end = start + duration
    name_key = _first_key(NAME_KEYS, raw)
    name = raw.get(name_key) if name_key else None
    return RawTurn(label=str(label), text=text, start=start, end=end,
                   name=name if isinstance(name, str) else None, place=place)


def _time(raw: Mapping[str, Any], keys: Sequence[str], place: str, here: str, unit: str
          ) -> float | None:
    key = _first_key(keys, raw)
    if key is None:
        return None
    return seconds(raw[key], field_name=f"{place}.{key}", here=here, unit=time_unit(key, unit))


_PLAIN_TURN_KEYS = frozenset({"speaker", "text", "start", "end", "speaker_name"})


def _plain_turn(raw: Mapping[str, Any], place: str, here: str, unit: str) -> RawTurn:
    """A turn in csnlp's own shape, read without looking for other key names."""
    label, text = raw["speaker"], raw["text"]
    if not isinstance(label, (str, int)) or isinstance(label, bool):
        raise TranscriptError(f"{here}: {place}.speaker: must be a string, "
                              f"got {describe(label)}")
    if not isinstance(text, str):
        raise TranscriptError(f"{here}: {place}.text: must be a string, got {describe(text)}")
    start, end, name = raw.get("start"), raw.get("end"), raw.get("speaker_name")
    return RawTurn(label=str(label), text=text,
                   start=None if start is None else seconds(start, field_name=f"{place}.start",
                                                            here=here, unit=unit),
                   end=None if end is None else seconds(end, field_name=f"{place}.end",
                                                        here=here, unit=unit),
                   name=name if isinstance(name, str) else None, place=place)


def _looks_like_turn(obj: Any) -> bool:
    return (isinstance(obj, Mapping) and _first_key(TEXT_KEYS, obj) is not None
            and _first_key(SPEAKER_KEYS, obj) is not None and "turns" not in obj)


def _match_native(obj: Any) -> bool:
    if isinstance(obj, Mapping):
        return "turns" in obj
    return isinstance(obj, list) and bool(obj) and _looks_like_turn(obj[0])


def parse_native(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """csnlp's dict {"id", "turns": [{"speaker", "text", "start", "end"}], "metadata"}, or a
    bare list of turns. Other top-level keys are kept as metadata."""
    here = where(source)
    default_id = source.get("default_id") or source_id(source)
    metadata: Mapping[str, Any]
    if isinstance(obj, list):
        raw_turns, tid, metadata = obj, default_id, {}
    elif isinstance(obj, Mapping):
        if "turns" not in obj:
            raise TranscriptError(f"{here}: turns: missing")
        raw_turns = obj["turns"]
        if not isinstance(raw_turns, (list, tuple)):
            raise TranscriptError(f"{here}: turns: must be a list, got {describe(raw_turns)}")
        id_key, tid = own_id(obj)
        if id_key is None:
            tid = default_id
            bad = next((k for k in ("id", "transcript_id") if obj.get(k) not in (None, "")),
                       None)
            if bad is not None:  # an id that is not a string: say so rather than replace it
                raise TranscriptError(f"{here}: {bad}: must be a string, "
                                      f"got {describe(obj[bad])}")
        metadata = obj.get("metadata") or {}
        if not isinstance(metadata, Mapping):
            raise TranscriptError(f"{here}: metadata: must be an object, "
                                  f"got {describe(metadata)}")
        # Every other top-level key is the user's metadata (region, agent_id, ...); an empty
        # id key is dropped with the id it failed to give.
        extra = {k: jsonable(v) for k, v in obj.items()
                 if k not in ("turns", "metadata", id_key) and not _empty_id(k, v)}
        metadata = {**extra, **metadata}
    else:
        raise TranscriptError(f"{here}: expected a transcript object, got {describe(obj)}")
    turns = [_raw_turn(t, f"turns[{i}]", here) for i, t in enumerate(raw_turns)]
    return build_transcript(turns, tid=str(tid), metadata=metadata, ctx=ctx, source=source,
                            fmt="csnlp")


def _empty_id(key: str, value: Any) -> bool:
    return key in ID_OBJECT_KEYS and (value is None or isinstance(value, str)
                                      and not value.strip())


NATIVE = ObjectFormat(
    name="csnlp",
    description="csnlp transcript objects: {id, turns: [{speaker, text, start, end}], metadata}",
    match=_match_native,
    parse=parse_native,
    aliases=("native", "generic"),
)


@dataclass(frozen=True, slots=True)
class PendingRecord:
    """A JSON value read from a file but not yet parsed into a Transcript.

    Batch runs read with `defer=True` so the reading process only splits the file into
    values, and each worker process parses its own (`resolve()`): building and validating
    Transcripts was most of the reader's time, which a parent feeding two workers cannot
    spare. `resolve()` gives the very Record that reading without deferral gives.

    A JSONL line also keeps its bytes (`raw`): it travels to a worker as those bytes and is
    decoded again there, which costs both processes less than pickling the decoded value.
    """

    value: Any
    objects: tuple[ObjectFormat, ...]
    ctx: ReadContext
    source: dict[str, Any]
    raw: bytes | None = None

    def resolve(self) -> Record:
        return parse_object(self.value, self.objects, self.ctx, self.source)

    def __reduce__(self):
        if self.raw is None:
            return PendingRecord, (self.value, self.objects, self.ctx, self.source)
        return _pending_from_json, (self.raw, self.objects, self.ctx, self.source)


def _pending_from_json(raw: bytes, objects, ctx, source) -> PendingRecord:
    return PendingRecord(orjson.loads(raw), objects, ctx, source, raw)


def _parsed(obj: Any, objects: Sequence[ObjectFormat], ctx: ReadContext,
            source: dict[str, Any], raw: bytes | None = None) -> Record | PendingRecord:
    if ctx.defer:
        return PendingRecord(obj, tuple(objects), ctx, source, raw)
    return parse_object(obj, objects, ctx, source)


def parse_object(obj: Any, objects: Sequence[ObjectFormat], ctx: ReadContext,
                 source: dict[str, Any]) -> Record:
    """One JSON value → Record, using the first object format that matches it."""
    fmt = objects[0] if len(objects) == 1 else next((f for f in objects if f.match(obj)), None)
    public = _public(source)
    if fmt is None:
        keys = sorted(obj)[:8] if isinstance(obj, Mapping) else type(obj).__name__
        return error_record(FormatError(
            f"{where(source)}: not a transcript in any known format (keys: {keys}); "
            "name the format with format=..." + (
                ", or, for one turn per line, its columns with columns='text=<key>,"
                "speaker=<key>'" if isinstance(obj, Mapping) else "")),
            {**public, "transcript_id": record_id(obj, public)})
    src = {**source, "format": fmt.name}
    if not src.get("default_id"):
        src["default_id"] = source_id(public)
    try:
        return ok_record(fmt.parse(obj, ctx, src), _public(src))
    except TranscriptError as exc:
        return error_record(exc, {**_public(src), "transcript_id": record_id(obj, public)})


def _public(source: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in source.items() if k != "default_id"}


# ---------------------------------------------------------------- JSON files

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class _Undecodable:
    """A record of a JSON array that holds bytes the file's encoding cannot decode."""

    message: str


def _iter_json_array(fh: io.TextIOBase, here: str, codec: str = "utf-8"
                     ) -> Iterator[tuple[int, int, Any]]:
    """(record number, line, value) for each element of a top-level JSON array, streaming;
    the value of a record holding undecodable bytes is an `_Undecodable`.

    Raises FormatError naming the record and line where the JSON breaks.
    """
    decoder = json.JSONDecoder()
    buf = fh.read(_CHUNK)
    pos, line, eof = 0, 1, False
    # skip to the opening bracket
    stripped = buf.lstrip("\ufeff \t\r\n")
    line += buf[: len(buf) - len(stripped)].count("\n")
    buf, pos = stripped[1:], 0  # caller checked that it starts with "["
    record = 0
    while True:
        while True:  # skip whitespace and separators
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                if buf[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buf) or eof:
                break
            more = fh.read(_CHUNK)
            eof = not more
            buf, pos = buf[pos:] + more, 0
        if pos >= len(buf):
            raise FormatError(f"{here}: truncated JSON: the file ends inside the top-level "
                              f"array after record {record} (line {line})")
        if buf[pos] == "]":
            return
        record += 1
        want = _CHUNK
        while True:
            try:
                value, stop = decoder.raw_decode(buf, pos)
                break
            except json.JSONDecodeError as exc:
                if eof and UNDECODABLE in buf[pos:exc.pos + 1]:
                    raise FormatError(f"record {record}: " + undecodable(
                        here, buf[pos:exc.pos + 1], codec, line)) from None
                if eof:
                    truncated = exc.pos >= len(buf) - 1 or "Unterminated" in exc.msg
                    what = "truncated JSON: the file ends inside" if truncated else \
                        f"invalid JSON ({exc.msg}) in"
                    err_line = line + buf.count("\n", pos, exc.pos)
                    raise FormatError(f"{here}: record {record} (line {line}): {what} this "
                                      f"record (at line {err_line})") from None
                more = fh.read(want)
                want *= 2
                eof = not more
                buf += more
        bad = buf.find(UNDECODABLE, pos, stop)
        if bad >= 0:
            value = _Undecodable(undecodable(here, buf[pos:stop], codec, line))
        yield record, line, value
        line += buf.count("\n", pos, stop)
        pos = stop
        if pos > _CHUNK:
            buf, pos = buf[pos:], 0


def read_json(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]
              ) -> Iterator[Record | PendingRecord]:
    """A JSON file: one transcript object, or an array of transcripts (streamed), or an array
    that is itself one conversation (a list of turns or segments)."""
    base = {"file": str(path)}
    here = str(path)
    fh, codec = open_text(path, ctx)
    with fh:
        head = fh.read(64)
        first = head.lstrip()[:1]
        if first != "[":
            text = head + fh.read()
            if UNDECODABLE in text:
                yield error_record(FormatError(undecodable(here, text, codec)), base)
                return
            try:
                obj = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                yield error_record(_json_error(here, exc), base)
                return
            yield _parsed(obj, objects, ctx, base)
            return
        rest = _Prefixed(head, fh)
        items = _iter_json_array(rest, here, codec)
        try:
            first_item = next(items, None)
        except FormatError as exc:
            yield error_record(exc, base)
            return
        if first_item is None:
            yield error_record(FormatError(f"{here}: the JSON array is empty"), base)
            return
        value = first_item[2]
        if any(f.match(value) for f in objects) and not any(f.match([value]) for f in objects):
            yield from _each(first_item, items, objects, ctx, base, path)
            return
        # The array is one conversation: collect it (it is one transcript's worth of data).
        values = [first_item[2]]
        try:
            values.extend(v for _, _, v in items)
        except FormatError as exc:
            yield error_record(exc, base)
            return
        bad = next((v for v in values if isinstance(v, _Undecodable)), None)
        if bad is not None:
            yield error_record(FormatError(bad.message), base)
            return
        yield _parsed(values, objects, ctx, base)


def _each(first_item, items, objects, ctx, base, path) -> Iterator[Record | PendingRecord]:
    item = first_item
    while item is not None:
        record, line, value = item
        place = {**base, "record": record, "line": line}
        if isinstance(value, _Undecodable):
            yield error_record(FormatError(value.message), place)
        else:
            yield _parsed(value, objects, ctx, place)
        try:
            item = next(items, None)
        except FormatError as exc:
            yield error_record(exc, {**base, "record": record + 1})
            return


class _Prefixed(io.TextIOBase):
    """A text stream that first returns `head` (already read to sniff), then the rest."""

    def __init__(self, head: str, rest: io.TextIOBase) -> None:
        self._head, self._rest = head, rest

    def read(self, n: int | None = -1) -> str:
        n = -1 if n is None else n
        if self._head:
            out, self._head = self._head, ""
            return out + self._rest.read(max(0, n - len(out)) if n >= 0 else -1)
        return self._rest.read(n)


def _json_error(here: str, exc: json.JSONDecodeError) -> FormatError:
    truncated = "end of data" in exc.msg or "Unterminated" in exc.msg or \
        exc.pos >= len(exc.doc or "") - 1
    what = "truncated JSON (the file ends too early)" if truncated else f"invalid JSON ({exc.msg})"
    return FormatError(f"{here}: line {exc.lineno} column {exc.colno}: {what}")


def _sniff_json(head: bytes) -> bool:
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] == b"{":
        return body[1:].lstrip()[:1] in (b'"', b"}")
    # an array of objects or arrays: "[00:01] Agent: ..." is a text line, not JSON
    return body[:1] == b"[" and body[1:].lstrip()[:1] in (b"{", b"[", b"]")


JSON = FileFormat(name="json", description="JSON: one conversation, or an array of them "
                  "(streamed); the conversation format inside is detected",
                  extensions=(".json", ".json.gz"), read=read_json, sniff=_sniff_json)


# ---------------------------------------------------------------- turn rows (JSONL/CSV/Parquet)


class _Columns:
    """Which column holds which turn field: the `columns` option's, else the usual names."""

    def __init__(self, names: Sequence[str], ctx: ReadContext, here: str) -> None:
        mapping = ctx["columns"] or {}
        for field_name in COLUMN_FIELDS:
            given = mapping.get(field_name)
            if given is not None and given not in names:
                raise FormatError(f"{here}: column {given!r} (columns[{field_name!r}]) not "
                                  f"found; the columns are {list(names)}")

        def pick(field_name: str, keys: Sequence[str]) -> str | None:
            return mapping.get(field_name) or _first_key(keys, names)

        text = pick("text", COLUMN_TEXT_KEYS)
        speaker = pick("speaker", COLUMN_SPEAKER_KEYS)
        if not text or not speaker:
            missing = [f for f, col in (("text", text), ("speaker", speaker)) if not col]
            looked = "; ".join(f"{f}: {', '.join(keys[:8])}, ..." for f, keys in
                               (("text", COLUMN_TEXT_KEYS), ("speaker", COLUMN_SPEAKER_KEYS))
                               if f in missing)
            pairs = ",".join(f"{f}=<column>" for f in missing)
            raise FormatError(
                f"{here}: no {' and no '.join(missing)} column among the columns "
                f"{list(names)} (known names: {looked}); name them with the read option "
                f"columns='{pairs}' (command line: --columns {pairs})")
        self.text: str = text
        self.speaker: str = speaker
        self.id = pick("conversation", ID_KEYS)
        self.start = pick("start", START_KEYS)
        self.end = pick("end", END_KEYS)
        self.duration = pick("duration", DURATION_KEYS)
        self.name = pick("speaker_name", NAME_KEYS)
        default = mapping.get("time_unit", ctx["time_unit"])
        self.start_unit, self.end_unit, self.duration_unit = (
            mapping.get(f"{f}_unit") or time_unit(col or "", default)
            for f, col in (("start", self.start), ("end", self.end),
                           ("duration", self.duration)))
        used = {self.text, self.speaker, self.id, self.start, self.end, self.duration,
                self.name}
        self.meta = [n for n in names if n not in used]


class _Grouper:
    """Groups consecutive turn rows by conversation id into Records, streaming.

    A conversation must be contiguous; rows of an id seen earlier give an error record
    rather than being merged silently into a transcript already yielded.
    """

    def __init__(self, path: Path | None, ctx: ReadContext, fmt: str,
                 base: Mapping[str, Any] | None = None) -> None:
        self.ctx, self.fmt = ctx, fmt
        #: what every source of this table holds: its file, or e.g. {"input": "dataframe"}
        self.base = dict(base) if base is not None else {"file": str(path)}
        self.name = where(self.base)
        #: the conversation of a table without an id column
        self.default_key = source_id(self.base)
        self.cols: _Columns | None = None
        self.key: str | None = None
        self.turns: list[RawTurn] = []
        self.meta: dict[str, Any] = {}
        self.varying: set[str] = set()
        self.errors: list[str] = []
        self.first: dict[str, Any] = {}
        self.last: dict[str, Any] = {}
        self.seen: set[str] = set()

    def set_columns(self, names: Sequence[str]) -> _Columns:
        self.cols = _Columns(names, self.ctx, self.name)
        return self.cols

    def add(self, place: dict[str, Any], row: Mapping[str, Any]) -> Iterator[Record]:
        cols = self.cols
        assert cols is not None
        key = self._key(row)
        if key != self.key:
            yield from self.flush()
            if key in self.seen:
                yield error_record(TranscriptError(
                    f"{where(place)}: conversation {key!r} continues here after other "
                    "conversations; its rows must be contiguous (sort the file by "
                    f"{cols.id})"), {**place, "transcript_id": key})
                self.key = None
                return
            self.key, self.first = key, place
        self.last = place
        here = where(place)
        label = "line" if "line" in place else "row"
        try:
            spk = row.get(cols.speaker)
            if spk is None or spk == "" or spk != spk:
                raise TranscriptError(f"{here}: {cols.speaker}: missing speaker")
            text = row.get(cols.text)
            if text is None or text != text:
                raise TranscriptError(f"{here}: {cols.text}: missing text")
            if not isinstance(text, str):
                raise TranscriptError(f"{here}: {cols.text}: must be text, got {describe(text)}")
            name = row.get(cols.name) if cols.name else None
            start = seconds(row.get(cols.start), field_name=cols.start, here=here,
                            unit=cols.start_unit) if cols.start else None
            end = seconds(row.get(cols.end), field_name=cols.end, here=here,
                          unit=cols.end_unit) if cols.end else None
            if end is None and start is not None and cols.duration:
                duration = seconds(row.get(cols.duration), field_name=cols.duration,
                                   here=here, unit=cols.duration_unit)
                end = None if duration is None else start + duration
            self.turns.append(RawTurn(label=str(spk), text=text, start=start, end=end,
                                      name=name if isinstance(name, str) and name else None,
                                      place=f"{label} {place.get(label)}"))
        except TranscriptError as exc:
            self.errors.append(str(exc))
        for m in cols.meta:
            value = jsonable(row.get(m))
            if value is None or value == "" or m in self.varying:
                continue
            if m in self.meta and self.meta[m] != value:
                self.varying.add(m)
                del self.meta[m]
            else:
                self.meta[m] = value

    def poison(self, message: str) -> None:
        """A row that could not be read: the current conversation may miss a turn."""
        self.errors.append(message)

    def _key(self, row: Mapping[str, Any]) -> str:
        cols = self.cols
        if cols is None or cols.id is None:
            return self.default_key
        value = row.get(cols.id)
        if value is None or value == "" or value != value:
            return self.key or self.default_key
        return str(jsonable(value))

    def flush(self) -> Iterator[Record]:
        if self.key is None or (not self.turns and not self.errors):
            self.turns, self.errors, self.meta, self.varying = [], [], {}, set()
            return
        label = "line" if "line" in self.first else "row"
        source = {**self.base, label: self.first.get(label), "format": self.fmt,
                  "transcript_id": self.key}
        if self.last.get(label) != self.first.get(label):
            source[f"last_{label}"] = self.last.get(label)
        self.seen.add(self.key)
        if self.errors:
            more = f" (and {len(self.errors) - 1} more bad rows)" if len(self.errors) > 1 else ""
            yield error_record(TranscriptError(
                f"{self.errors[0]}{more}; conversation {self.key!r} is left out rather "
                "than read with missing turns"), source)
        else:
            try:
                t = build_transcript(self.turns, tid=self.key, metadata=self.meta,
                                     ctx=self.ctx, source=source, fmt=self.fmt)
                yield ok_record(t, source)
            except TranscriptError as exc:
                yield error_record(exc, source)
        self.turns, self.errors, self.meta, self.varying = [], [], {}, set()
        self.key = None


# ---------------------------------------------------------------- JSONL


def read_jsonl(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]
               ) -> Iterator[Record | PendingRecord]:
    """JSON Lines: a transcript (any JSON format) per line, or a turn per line grouped by a
    conversation id key. Read line by line: the file is never held in memory."""
    grouper = _Grouper(path, ctx, "jsonl")
    for lineno, line, codec in _jsonl_lines(path, ctx):
        if not line.strip():
            continue
        place = {"file": str(path), "line": lineno}
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            if "not valid UTF-8" in exc.msg:  # orjson's words for undecodable bytes
                err = FormatError(f"{where(place)}: bytes that are not valid "
                                  f"{encoding_name(codec)} text; pass encoding=... if the file "
                                  "is in another encoding")
            else:
                err = FormatError(f"{where(place)}: column {exc.colno}: invalid JSON "
                                  f"({exc.msg})")
            if grouper.key is not None:
                grouper.poison(str(err))
            else:
                yield error_record(err, {**place, "format": "jsonl"})
            continue
        if (_looks_like_turn(obj) or _mapped_turn(obj, ctx)) and not (
                len(objects) == 1 and objects[0].name != "csnlp"):
            if grouper.cols is None or (grouper.cols.id is None and
                                        _first_key(ID_KEYS, obj) is not None):
                try:
                    grouper.set_columns(list(obj))
                except FormatError as exc:
                    yield error_record(exc, place)
                    return
            yield from grouper.add(place, obj)
            continue
        yield from grouper.flush()
        yield _parsed(obj, objects, ctx, place, line)
    yield from grouper.flush()


def _mapped_turn(obj: Any, ctx: ReadContext) -> bool:
    """A JSONL value holding the columns the `columns` option names for text and speaker."""
    named = [ctx["columns"].get(f) for f in ("text", "speaker")]
    return (isinstance(obj, Mapping) and "turns" not in obj and any(named)
            and all(n in obj for n in named if n))


def _jsonl_lines(path: Path, ctx: ReadContext) -> Iterator[tuple[int, bytes, str]]:
    """(line number, UTF-8 bytes, codec) of each line; a UTF-8 file is read as bytes (the
    fast path: orjson decodes and checks them), others are decoded and re-encoded."""
    with open_binary(path) as raw:
        codec = detect_encoding(raw.read(HEAD_BYTES), ctx["encoding"])
    if codec == "utf-8-sig":
        with open_binary(path) as fh:
            for lineno, line in enumerate(fh, start=1):
                yield lineno, line.removeprefix(codecs.BOM_UTF8) if lineno == 1 else line, codec
        return
    fh, codec = open_text(path, ctx)
    with fh:
        for lineno, text in enumerate(fh, start=1):
            # an undecodable byte goes back to bytes orjson refuses as "not valid UTF-8"
            yield lineno, text.encode("utf-8", errors="surrogateescape"), codec


def _sniff_jsonl(head: bytes) -> bool:
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith(b"{"):
        return False
    try:
        orjson.loads(lines[0])
        return True
    except orjson.JSONDecodeError:
        return False


JSONL = FileFormat(name="jsonl", description="JSON Lines: one conversation per line (any JSON "
                   "format), or one turn per line grouped by a conversation id",
                   extensions=(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"), read=read_jsonl,
                   sniff=_sniff_jsonl, aliases=("ndjson",))


# ---------------------------------------------------------------- CSV


def read_csv(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]) -> Iterator[Record]:
    """CSV/TSV, one turn per row, grouped by a conversation id column; streamed row by row.
    A row that cannot be read makes its conversation an error record, naming the line."""
    base = {"file": str(path), "format": "csv"}
    grouper = _Grouper(path, ctx, "csv")
    fh, codec = open_text(path, ctx, newline="")
    with fh:
        delimiter = ctx["delimiter"]
        if delimiter is None:
            delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        bad: list[int] = []  # lines holding undecodable bytes
        reader = csv.reader(_marked(fh, bad), delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            yield error_record(FormatError(f"{path}: line 1: cannot read the header ({exc})"),
                               base)
            return
        if bad:
            yield error_record(FormatError(undecodable(str(path), UNDECODABLE, codec, bad[0])),
                               base)
            return
        if not header:
            yield error_record(FormatError(f"{path}: the file is empty (no header row)"), base)
            return
        header = [h.strip() for h in header]
        try:
            cols = grouper.set_columns(header)
        except FormatError as exc:
            yield error_record(exc, base)
            return
        id_index = header.index(cols.id) if cols.id else None
        start_line = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                msg = f"{path}: line {reader.line_num}: unreadable CSV row ({exc})"
                if grouper.key is not None:
                    grouper.poison(msg)
                else:
                    yield error_record(FormatError(msg), {**base, "line": reader.line_num})
                start_line = reader.line_num + 1
                continue
            place: dict[str, Any] = {"file": str(path), "line": start_line}
            start_line = reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue
            broken = None
            if bad and bad[-1] >= place["line"]:
                # the row's conversation becomes an error naming the line; reading goes on
                broken = undecodable(str(path), UNDECODABLE, codec, bad[-1])
                fields = [f.replace(UNDECODABLE, "\ufffd") for f in fields]
            if len(fields) != len(header):
                msg = (f"{where(place)}: expected {len(header)} fields "
                       f"({', '.join(header)}), got {len(fields)}: {describe(fields)}")
                row_key = fields[id_index] if id_index is not None and id_index < len(
                    fields) else None
                if grouper.key is not None and (row_key is None or row_key == grouper.key):
                    grouper.poison(msg)
                else:
                    yield from grouper.flush()
                    yield error_record(TranscriptError(msg), {**place, "format": "csv"})
                continue
            yield from grouper.add(place, dict(zip(header, fields, strict=True)))
            if broken is not None:
                grouper.poison(broken)
    yield from grouper.flush()


def _marked(lines: Iterator[str], bad: list[int]) -> Iterator[str]:
    """The lines of a text stream, noting the numbers of those holding undecodable bytes."""
    for lineno, line in enumerate(lines, start=1):
        if UNDECODABLE in line:
            bad.append(lineno)
        yield line


def _sniff_csv(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().lower()
    for sep in (b",", b"\t"):
        names = {f.strip(b' "') for f in first.split(sep)}
        if len(names) > 1 and names & {k.encode() for k in COLUMN_TEXT_KEYS} and names & {
                k.encode() for k in COLUMN_SPEAKER_KEYS}:
            return True
    return False


CSV = FileFormat(name="csv", description="CSV/TSV with one turn per row: conversation id, "
                 "speaker, text, optional start/end (seconds), other columns as metadata",
                 extensions=(".csv", ".tsv", ".csv.gz", ".tsv.gz"), read=read_csv,
                 sniff=_sniff_csv, aliases=("tsv",))


# ---------------------------------------------------------------- Parquet


def read_parquet(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]
                 ) -> Iterator[Record]:
    """Parquet with one turn per row (same columns as CSV), read in record batches."""
    import pyarrow.parquet as pq

    base = {"file": str(path), "format": "parquet"}
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        yield error_record(FormatError(f"{path}: not a readable Parquet file ({exc})"), base)
        return
    grouper = _Grouper(path, ctx, "parquet")
    try:
        grouper.set_columns(pf.schema_arrow.names)
    except FormatError as exc:
        yield error_record(exc, base)
        return
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=10_000):
            for values in batch.to_pylist():
                row += 1
                yield from grouper.add({"file": str(path), "row": row}, values)
    except Exception as exc:  # a corrupt page
        grouper.poison(f"{path}: row {row + 1}: unreadable Parquet data ({exc})")
    yield from grouper.flush()


PARQUET = FileFormat(name="parquet", description="Parquet with one turn per row (columns as "
                     "for CSV)", extensions=(".parquet", ".pq"), read=read_parquet,
                     sniff=lambda head: head[:4] == b"PAR1")


# ---------------------------------------------------------------- pandas DataFrames


def frame_records(frame: Any, ctx: ReadContext, base: Mapping[str, Any] | None = None
                  ) -> Iterator[Record]:
    """Records of a pandas DataFrame with one turn per row, read like a CSV file of turns
    (same column names); conversations need not be contiguous, their turns keep row order.

    A source names the frame's row (from 1) where the conversation starts.
    """
    import numpy as np
    import pandas as pd

    base = dict(base) if base is not None else {"input": "dataframe"}
    grouper = _Grouper(None, ctx, "dataframe", base)
    names = [str(c) for c in frame.columns]
    try:
        grouper.set_columns(names)
    except FormatError as exc:
        yield error_record(exc, base)
        return
    if list(frame.columns) != names:
        frame = frame.set_axis(names, axis=1)
    if grouper.cols is not None and grouper.cols.id is not None:
        codes, _ = pd.factorize(frame[grouper.cols.id], use_na_sentinel=False)
        order = np.argsort(codes, kind="stable")  # group by id, in order of first appearance
    else:
        order = np.arange(len(frame))
    frame = frame.take(order)
    for start in range(0, len(frame), _FRAME_CHUNK):
        rows = frame.iloc[start:start + _FRAME_CHUNK].to_dict("records")
        for position, row in zip(order[start:start + _FRAME_CHUNK].tolist(), rows,
                                 strict=True):
            yield from grouper.add({**base, "row": position + 1}, row)
    yield from grouper.flush()


_FRAME_CHUNK = 10_000
