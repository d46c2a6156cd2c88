"""What every reader shares: the Record it yields, the read options, raw turns and how they
become a validated Transcript (roles, times, metadata)."""

from __future__ import annotations

import codecs
import html
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

from csnlp.errors import FormatError, InputError, TranscriptError, describe
from csnlp.io.roles import alias_role, assign_roles
from csnlp.transcript import (
    AGENT,
    CUSTOMER,
    MAX_TURN_CHARS,
    Transcript,
    Turn,
    check_fields,
    has_surrogate,
    replace_surrogates,
    text_problem,
)


class Deferred(Protocol):
    """A value read but not parsed yet (generic.PendingRecord): `resolve()` gives its Record.
    A protocol here, so this module need not import generic.py, which builds on it."""

    def resolve(self) -> Record: ...


@dataclass(frozen=True, slots=True)
class Record:
    """One read result: a transcript, or the error that stopped it, and where it came from.

    `source` is JSON-native: ``{"file": "a.jsonl", "line": 17, "format": "jsonl",
    "transcript_id": "c1"}`` (``record`` for the n-th object of a JSON array, ``row`` for a
    Parquet row; counts start at 1).
    """

    transcript: Transcript | None
    error: str | None
    source: dict[str, Any]
    error_type: str | None = None  # "FormatError" or "TranscriptError" when error is set

    @property
    def ok(self) -> bool:
        return self.error is None

    def raise_error(self) -> None:
        """Raise the recorded error as the csnlp error class it was."""
        if self.error is not None:
            cls = FormatError if self.error_type == "FormatError" else TranscriptError
            raise cls(self.error)


def display(path: Path) -> str:
    """The file name a message shows: as given, relative when possible."""
    return str(path)


def open_binary(path: Path):
    """Open a file for streaming bytes; `.gz` files are decompressed on the fly."""
    if path.suffix == ".gz":
        import gzip

        return gzip.open(path, "rb")
    return open(path, "rb")


# ---------------------------------------------------------------- text encodings

#: What bytes that do not decode read as: a lone surrogate, which no decoder gives for valid
#: text, so a reader finds the line holding it and makes that line an error, reading on.
UNDECODABLE = "\udcff"
_MARK_ERRORS = "csnlp.undecodable"
HEAD_BYTES = 4096
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
AUTO_ENCODINGS = ("auto", "utf-8", "utf8", "utf-8-sig")


def detect_encoding(head: bytes, given: str = "auto") -> str:
    """The codec of a text file whose first bytes are `head`: a byte-order mark names UTF-8,
    UTF-16 or UTF-32 (and is skipped), else the pattern of NUL bytes of mostly-ASCII UTF-16 or
    UTF-32 text, else UTF-8. An `encoding` option other than auto/utf-8 is used as given.

    >>> detect_encoding("Agent: hi".encode("utf-16-le")), detect_encoding(b"Agent: hi")
    ('utf-16-le', 'utf-8-sig')
    """
    if given.lower() not in AUTO_ENCODINGS:
        return given
    for bom, codec in _BOMS:  # UTF-32-LE's BOM starts with UTF-16-LE's: longest first
        if head.startswith(bom):
            return codec
    sample = head[: len(head) // 4 * 4]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return "utf-8-sig"
    quarters = [_zero_share(sample[k::4]) for k in range(4)]
    if min(quarters[1:]) > 0.9 and quarters[0] < 0.1:
        return "utf-32-le"
    if min(quarters[:3]) > 0.9 and quarters[3] < 0.1:
        return "utf-32-be"
    even, odd = _zero_share(sample[0::2]), _zero_share(sample[1::2])
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return "utf-8-sig"


def _zero_share(data: bytes) -> float:
    return data.count(0) / len(data) if data else 0.0


def encoding_name(codec: str) -> str:
    """How a message names a codec: 'UTF-8', 'UTF-16', 'latin-1'."""
    return codec.upper().removesuffix("-SIG") if codec.lower().startswith("utf") else codec


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    return UNDECODABLE, exc.end  # type: ignore[attr-defined]


def open_text(path: Path, ctx: ReadContext, *, newline: str | None = None
              ) -> tuple[io.TextIOWrapper, str]:
    """(text stream, codec) of a text file in its detected encoding (see `detect_encoding`).
    Undecodable bytes read as `UNDECODABLE`, so one bad line does not end the file."""
    with open_binary(path) as fh:
        head = fh.read(HEAD_BYTES)
    codec = detect_encoding(head, ctx["encoding"])
    try:
        codecs.lookup_error(_MARK_ERRORS)
    except LookupError:  # registered on first use, not on import
        codecs.register_error(_MARK_ERRORS, _mark_undecodable)
    stream = io.TextIOWrapper(open_binary(path), encoding=codec, errors=_MARK_ERRORS,
                              newline=newline)
    return stream, codec


def sniffable(head: bytes) -> bytes:
    """The first bytes of a file as UTF-8, for format sniffers (a UTF-16 file's are not)."""
    codec = detect_encoding(head)
    if codec == "utf-8-sig":
        return head.removeprefix(codecs.BOM_UTF8)
    return head.decode(codec, errors="ignore").encode("utf-8", errors="replace")


def undecodable(here: str, text: str, codec: str, first_line: int = 1) -> str:
    """The message for `text` (read from `here`) holding undecodable bytes: names the line."""
    line = first_line + text.count("\n", 0, text.find(UNDECODABLE))
    return (f"{here}: line {line}: bytes that are not valid {encoding_name(codec)} text; "
            "pass encoding=... if the file is in another encoding")


def where(source: Mapping[str, Any]) -> str:
    """'a.jsonl: line 17', 'input[3]', 'partition 2: record 5' — the place a message names."""
    if "file" in source:
        parts = [str(source["file"])]
    elif "input_index" in source:
        parts = [f"input[{source['input_index']}]"]
    elif "partition" in source:
        parts = [f"partition {source['partition']}"]
    else:
        parts = [str(source.get("input", "transcript"))]
    for key in ("line", "record", "row"):
        if key in source:
            parts.append(f"{key} {source[key]}")
    return ": ".join(parts)


# ---------------------------------------------------------------- ids

#: Keys that hold a conversation's own id, in the order they are looked at: csnlp's own,
#: the usual names of exports, then those of the vendor formats read here.
ID_KEYS = ("id", "transcript_id", "conversation_id", "call_id", "contact_id", "session_id",
           "chat_id", "ticket_id", "dialog_id", "dialogue_id", "ContactId", "InitialContactId",
           "jobName", "JobName")


def own_id(obj: Any) -> tuple[str | None, str | None]:
    """(key, id) of the id a conversation object carries itself, or (None, None).

    An empty string is no id: it would make every anonymous record look the same.
    """
    if not isinstance(obj, Mapping):
        return None, None
    for key in ID_KEYS:
        value = obj.get(key)
        if value is None:
            continue
        if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            continue
        text = str(value).strip()
        if text:
            return key, text
    return None, None


def source_id(source: Mapping[str, Any]) -> str:
    """An id derived from where an anonymous conversation came from, unique within one call.

    `calls.jsonl:12` (file and line), `calls.json:record-3`, `turns.parquet:row-40`, `call`
    (a file holding one conversation), `input-3` (position in an in-memory batch, from 0),
    `partition-2:record-5` (Dask); "" when the source says nothing (a single in-memory input,
    which `csnlp.ingest` names by a digest of its content).

    >>> source_id({"file": "data/calls.jsonl", "line": 12})
    'calls.jsonl:12'
    """
    if source.get("file"):
        path = Path(str(source["file"]))
        for key in ("line", "record", "row"):
            if source.get(key) is not None:
                sep = ":" if key == "line" else f":{key}-"
                return f"{path.name}{sep}{source[key]}"
        return path.stem or path.name
    if source.get("input_index") is not None:
        head = f"input-{source['input_index']}"
    elif source.get("partition") is not None:
        head = f"partition-{source['partition']}"
    else:
        return ""
    for key in ("record", "row"):
        if source.get(key) is not None:
            return f"{head}:{key}-{source[key]}"
    return head


def record_id(obj: Any, source: Mapping[str, Any]) -> str:
    """The one rule for a conversation's id: its own id field, else one derived from its source.

    >>> record_id({"call_id": 7, "turns": []}, {"input_index": 0})
    '7'
    >>> record_id({"turns": []}, {"input_index": 3})
    'input-3'
    """
    return own_id(obj)[1] or source_id(source)


def ok_record(transcript: Transcript, source: dict[str, Any]) -> Record:
    return Record(transcript, None, {**source, "transcript_id": transcript.id})


def error_record(exc: BaseException | str, source: dict[str, Any]) -> Record:
    """A failed Record; it still has a non-empty `transcript_id` (derived from its source)."""
    kind = "FormatError" if isinstance(exc, FormatError) else "TranscriptError"
    src = {k: v for k, v in source.items() if k != "default_id"}
    if not src.get("transcript_id"):
        src["transcript_id"] = source_id(src) or "transcript"
    # An id or a file name with a lone surrogate must not stop the error row being written.
    src["transcript_id"] = replace_surrogates(str(src["transcript_id"]))
    if "file" in src:
        src["file"] = replace_surrogates(str(src["file"]))
    return Record(None, replace_surrogates(str(exc)), src, kind)


# ---------------------------------------------------------------- options

ROLE_MODES = ("auto", "format", "infer")
TEXT_FIELDS = ("transcript", "human_transcript")

_OPTION_DEFAULTS: dict[str, Any] = {
    "roles": "auto",            # auto: speaker_map, then the format's roles, then inference
    "text_field": "transcript",  # Harper Valley: ASR "transcript" or "human_transcript"
    "speaker": None,            # role of every turn when a format has no speakers (Whisper)
    "merge_gap": None,          # merge consecutive same-speaker turns closer than this (s)
    "keep_empty": False,        # keep turns whose text is blank
    "include_internal": False,  # Zendesk/Intercom internal notes
    "id_column": None,
    "speaker_column": None,
    "text_column": None,
    "start_column": None,
    "end_column": None,
    "time_unit": "s",           # tabular start/end numbers: "s" or "ms"
    "columns": None,            # {"text": ..., "speaker": ..., "start_unit": "ms"}: see below
    "encoding": "auto",         # see detect_encoding
    "delimiter": None,          # CSV delimiter; None = sniff "," or tab
}


#: Turn fields a `columns` mapping names a column for; "id" is short for "conversation".
COLUMN_FIELDS = ("conversation", "speaker", "text", "start", "end", "duration", "speaker_name")
#: Units a `columns` mapping may set ("s" or "ms"): of one time column, or of all of them.
COLUMN_UNITS = ("start_unit", "end_unit", "duration_unit", "time_unit")
_COLUMN_OPTIONS = {"id_column": "conversation", "speaker_column": "speaker",
                   "text_column": "text", "start_column": "start", "end_column": "end"}


def parse_columns(text: str) -> dict[str, str]:
    """A `columns` mapping from its command-line form `text=msg,speaker=who,start_unit=ms`.

    >>> parse_columns("text=message, speaker=role,start=t0,start_unit=ms")
    {'text': 'message', 'speaker': 'role', 'start': 't0', 'start_unit': 'ms'}
    """
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"columns: expected field=column pairs separated by commas "
                             f"(text=message,speaker=role), got {describe(part.strip())}")
        out[key.strip()] = value.strip()
    return out


def _columns_option(opts: Mapping[str, Any]) -> dict[str, str]:
    """The `columns` option, validated, with the older `*_column` options merged in."""
    given = opts["columns"]
    if isinstance(given, str):
        given = parse_columns(given)
    elif given is None:
        given = {}
    elif not isinstance(given, Mapping):
        raise InputError(f"read options: columns must be a mapping of field to column name "
                         f"(or 'text=...,speaker=...'), got {describe(given)}")
    known = (*COLUMN_FIELDS, "id", *COLUMN_UNITS)
    out: dict[str, str] = {}
    for key, value in given.items():
        field_name = "conversation" if key == "id" else key
        if key not in known:
            raise InputError(f"read options: columns: unknown field {describe(key)}; "
                             f"known: {list(known)}")
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"read options: columns[{key!r}]: must be a column name, "
                             f"got {describe(value)}")
        if key in COLUMN_UNITS and value not in ("s", "ms"):
            raise InputError(f"read options: columns[{key!r}]: must be 's' or 'ms', "
                             f"got {describe(value)}")
        out[field_name] = value
    for option, field_name in _COLUMN_OPTIONS.items():
        if opts[option] is None:
            continue
        if out.get(field_name, opts[option]) != opts[option]:
            raise InputError(f"read options: {option}={opts[option]!r} and "
                             f"columns[{field_name!r}]={out[field_name]!r} disagree")
        out[field_name] = opts[option]
    return out


@dataclass(frozen=True)
class ReadContext:
    """Validated read options, shared by every reader of one call."""

    speaker_map: Mapping[str, str] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    #: JSON readers yield `PendingRecord`s (parsed into a Transcript later, e.g. in a batch
    #: worker process) instead of Records.
    defer: bool = False

    @classmethod
    def create(cls, speaker_map: Mapping[str, str] | None, options: Mapping[str, Any]
               ) -> ReadContext:
        unknown = sorted(set(options) - set(_OPTION_DEFAULTS))
        if unknown:
            raise InputError(f"read options: unknown option(s) {unknown}; "
                             f"known: {sorted(_OPTION_DEFAULTS)}")
        opts = {**_OPTION_DEFAULTS, **options}
        if opts["roles"] not in ROLE_MODES:
            raise InputError(f"read options: roles must be one of {ROLE_MODES}, "
                             f"got {describe(opts['roles'])}")
        if opts["text_field"] not in TEXT_FIELDS:
            raise InputError(f"read options: text_field must be one of {TEXT_FIELDS}, "
                             f"got {describe(opts['text_field'])}")
        if opts["time_unit"] not in ("s", "ms"):
            raise InputError(f"read options: time_unit must be 's' or 'ms', "
                             f"got {describe(opts['time_unit'])}")
        try:
            codecs.lookup(opts["encoding"])
        except (LookupError, TypeError):
            if opts["encoding"] != "auto":
                raise InputError(f"read options: encoding: unknown codec "
                                 f"{describe(opts['encoding'])}; use 'auto' or a name such as "
                                 "'utf-8', 'utf-16', 'cp1252'") from None
        opts["columns"] = _columns_option(opts)
        gap = opts["merge_gap"]
        if gap is not None and (isinstance(gap, bool) or not isinstance(gap, (int, float))
                                or gap < 0):
            raise InputError(f"read options: merge_gap must be None or seconds >= 0, "
                             f"got {describe(gap)}")
        if opts["speaker"] is not None:
            from csnlp.transcript import normalise_speaker
            opts["speaker"] = normalise_speaker(opts["speaker"], where="read options: speaker")
        smap = None
        if speaker_map is not None:
            if not isinstance(speaker_map, Mapping):
                raise InputError(f"speaker_map: must be a mapping of label to role, "
                                 f"got {describe(speaker_map)}")
            from csnlp.transcript import normalise_speaker
            smap = {str(k): normalise_speaker(v, where=f"speaker_map[{k!r}]")
                    for k, v in speaker_map.items()}
        return cls(speaker_map=smap, options=opts)

    def __getitem__(self, key: str) -> Any:
        return self.options[key]


# ---------------------------------------------------------------- raw turns → Transcript


@dataclass(slots=True)
class RawTurn:
    """A turn as a format gives it, before roles are decided and values validated."""

    label: str | None            # speaker label in the file (spk_0, SPEAKER_00, a name, ...)
    text: str
    start: float | None = None   # seconds from the start of the conversation
    end: float | None = None
    role: str | None = None      # role the format states (agent/customer/system), if any
    name: str | None = None      # display name of the speaker, if known
    place: str = ""              # where in the file, for messages: "Transcript[3]"


def build_transcript(turns: Sequence[RawTurn], *, tid: str, metadata: Mapping[str, Any],
                     ctx: ReadContext, source: Mapping[str, Any], fmt: str) -> Transcript:
    """Decide roles, validate every turn and attach how roles were decided to the metadata."""
    here = where(source)
    dropped = 0
    if not ctx["keep_empty"]:
        kept = [t for t in turns if not (isinstance(t.text, str) and not t.text.strip())]
        dropped = len(turns) - len(kept)
        turns = kept
    if not turns:
        raise TranscriptError(f"{here} ({tid}): the transcript has no turns"
                              + (f" ({dropped} blank turns dropped)" if dropped else ""))
    if ctx["speaker"] is not None:
        for t in turns:
            if t.label is None and t.role is None:
                t.role = ctx["speaker"]
    unlabeled = [t for t in turns if t.label is None and t.role is None]
    if unlabeled:
        raise TranscriptError(
            f"{here}: {unlabeled[0].place or 'turn'}: no speaker; this {fmt} file has no "
            "speaker labels: pass speaker='agent' or 'customer' for a one-speaker recording, "
            "or use a diarized output (e.g. WhisperX)")
    for i, t in enumerate(turns):
        if not isinstance(t.text, str):
            raise TranscriptError(f"{here}: {t.place}.text: must be a string, "
                                  f"got {describe(t.text)}")
        # Refused here, not deep inside spaCy for a whole batch; an ASCII turn of usual
        # length (nearly all) is told by two C calls, as this loop runs for every turn.
        if len(t.text) > MAX_TURN_CHARS or not t.text.isascii():
            problem = text_problem(t.text)
            if problem is not None:
                place = f" ({t.place})" if t.place and t.place != f"turns[{i}]" else ""
                named = f"transcript {tid!r}: " if tid else ""
                raise TranscriptError(f"{here}: {named}turn {i}{place}: the text {problem}")
        if (t.label is not None and not t.label.isascii() and has_surrogate(t.label)
                or t.name is not None and has_surrogate(t.name)):
            raise TranscriptError(f"{here}: {t.place or f'turn {i}'}: the speaker "
                                  f"{describe(t.name or t.label)} holds a lone surrogate, "
                                  "which is not valid Unicode")
    decision = assign_roles([(t.label, t.text, t.role) for t in turns],
                            speaker_map=ctx.speaker_map, mode=ctx["roles"],
                            where=here)
    built = []
    for t, role in zip(turns, decision.roles, strict=True):
        # Values were validated as they were read (seconds(), text checks) and roles are
        # normalised, so the Turn is built directly: this loop runs once per turn of a batch.
        if t.start is not None and t.end is not None and t.end < t.start:
            raise TranscriptError(f"{here}: {t.place}.end: {t.end} is before start {t.start}")
        # A label that is a role name ("Agent", "caller") names nobody: no speaker_name.
        name = t.name
        if name is None and t.label is not None and alias_role(t.label) is None:
            name = t.label
        built.append(Turn(role, t.text.strip(), t.start, t.end, name))
    gap = ctx["merge_gap"]
    if gap is not None:
        built = _merge(built, gap)
    meta = dict(metadata)
    if "file" in source:  # the file format read; an in-memory input has none
        meta.setdefault("source_format", fmt)
    meta["roles_source"] = decision.source
    meta["roles_uncertain"] = decision.uncertain
    if decision.role_map:
        meta["role_map"] = decision.role_map
    if decision.reason:
        meta["roles_reason"] = decision.reason
    if dropped:
        meta["blank_turns_dropped"] = dropped
    for role, key in ((AGENT, "agent_name"), (CUSTOMER, "customer_name")):
        names = {t.name for t, r in zip(turns, decision.roles, strict=True) if r == role and t.name}
        if len(names) == 1:  # a display name the format gave, never a label like spk_0
            meta.setdefault(key, names.pop())
    check_fields(str(tid), meta, where=here)
    return Transcript(id=str(tid), turns=tuple(built), metadata=meta)


def _merge(turns: list[Turn], gap: float) -> list[Turn]:
    out: list[Turn] = []
    for t in turns:
        if out and _continues(out[-1], t, gap):
            prev = out[-1]
            ends = [e for e in (prev.end, t.end) if e is not None]
            out[-1] = Turn(prev.speaker, f"{prev.text} {t.text}".strip(), prev.start,
                           max(ends) if ends else None, prev.speaker_name)
        else:
            out.append(t)
    return out


def _continues(prev: Turn, t: Turn, gap: float) -> bool:
    """Whether `t` is the same speaker going on within `gap` seconds of `prev`."""
    prev_end = prev.end if prev.end is not None else prev.start
    return (prev.speaker == t.speaker and prev.speaker_name == t.speaker_name
            and t.start is not None and prev_end is not None and t.start - prev_end <= gap)


# ---------------------------------------------------------------- values

_CLOCK = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)\s*$")


def seconds(value: Any, *, field_name: str, here: str, unit: str = "s") -> float | None:
    """A duration/offset in seconds from a number, numeric string or `[hh:]mm:ss[.fff]`.

    Missing (None, "", NaN) stays None: a missing time is never 0.
    """
    if value is None:
        return None
    kind = type(value)
    if (kind is float or kind is int) and 0 <= value < math.inf:  # the common case, first
        return value / 1000.0 if unit == "ms" else float(value)
    if isinstance(value, bool):
        raise TranscriptError(f"{here}: {field_name}: expected a time, got {describe(value)}")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        out = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = _CLOCK.match(text)
        if m:
            h, mnt, sec = m.groups()
            return int(h or 0) * 3600 + int(mnt) * 60 + float(sec.replace(",", "."))
        try:
            out = float(text)
        except ValueError:
            raise TranscriptError(f"{here}: {field_name}: expected a time in seconds or "
                                  f"hh:mm:ss, got {describe(value)}") from None
    else:
        raise TranscriptError(f"{here}: {field_name}: expected a time, got {describe(value)}")
    if math.isinf(out) or math.isnan(out) or out < 0:
        raise TranscriptError(f"{here}: {field_name}: time must be finite and >= 0, "
                              f"got {describe(value)}")
    return out / 1000.0 if unit == "ms" else out


def epoch_seconds(value: Any, *, field_name: str, here: str) -> float | None:
    """Absolute time (ISO 8601 string, or Unix seconds) as Unix seconds; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise TranscriptError(f"{here}: {field_name}: expected an ISO 8601 date-time, "
                                  f"got {describe(value)}") from None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        return dt.timestamp()
    raise TranscriptError(f"{here}: {field_name}: expected a date-time, got {describe(value)}")


def rebase(turns: Sequence[RawTurn], absolute: Sequence[float | None],
           metadata: dict[str, Any]) -> None:
    """Set turn starts relative to the earliest absolute time; note that time in metadata."""
    known = [a for a in absolute if a is not None]
    if not known:
        return
    origin = min(known)
    metadata.setdefault("started_at", datetime.fromtimestamp(origin, tz=timezone.utc)
                        .isoformat().replace("+00:00", "Z"))
    for t, a in zip(turns, absolute, strict=True):
        t.start = None if a is None else round(a - origin, 6)


def require(obj: Mapping[str, Any], key: str, here: str, kind: type | tuple = str) -> Any:
    """obj[key], or a TranscriptError naming the field and what was there."""
    if not isinstance(obj, Mapping):
        raise TranscriptError(f"{here}: expected an object, got {describe(obj)}")
    if key not in obj:
        raise TranscriptError(f"{here}.{key}: missing")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise TranscriptError(f"{here}.{key}: expected {names}, got {describe(value)}")
    return value


# ---------------------------------------------------------------- HTML bodies

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "table"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(body: str) -> str:
    """Readable text of an HTML message body: paragraphs become lines, entities are decoded.

    >>> html_to_text("<p>Hi&nbsp;there,</p><p>thanks!</p>")
    'Hi there,\\nthanks!'
    """
    if "<" not in body and "&" not in body:
        return body.strip()
    parser = _Text()
    parser.feed(body)
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- format descriptions


@dataclass(frozen=True)
class ObjectFormat:
    """A format whose unit is one parsed JSON value (dict or list) holding one conversation."""

    name: str
    description: str
    match: Callable[[Any], bool]
    parse: Callable[[Any, ReadContext, dict[str, Any]], Transcript]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileFormat:
    """A file format: how to read a whole file into Records, streaming."""

    name: str
    description: str
    extensions: tuple[str, ...]
    #: read(path, ctx, objects) -> Records; `objects` are the object formats to try for JSON
    #: values (one when the user named it, all of them for "auto"). JSON readers give
    #: PendingRecords instead when `ctx.defer` is set.
    read: Callable[[Path, ReadContext, Sequence[ObjectFormat]],
                   Iterator[Record | Deferred]]
    sniff: Callable[[bytes], bool] | None = None
    aliases: tuple[str, ...] = ()
    #: the extension is not enough (.txt may be WebVTT or SRT): look at the content first
    prefer_sniff: bool = False
