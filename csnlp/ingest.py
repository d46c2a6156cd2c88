"""One way in: every shape a transcript comes in becomes a Transcript here, by the readers' rules.

`csnlp.evaluate`, `Evaluator.evaluate`/`evaluate_batch`, `evaluate_many`, `csnlp evaluate` and
`csnlp.dask` all take their inputs through this module, and it reads them with the parsers of
`csnlp.io`, so a transcript means the same thing in a file and in memory:

- a `Transcript` (kept as it is);
- a dict `{"id", "turns": [...], "metadata"}`; other top-level keys are kept as metadata and
  the id may be under `id`, `transcript_id`, `conversation_id`, `call_id`, ... (a JSON value
  in any format `read_transcripts` knows, e.g. an Amazon Transcribe result, works too);
- a list of turn dicts (`speaker`/`role`, `text`, optional `start`/`end` seconds);
- a string of `Speaker: text` lines;
- a pandas DataFrame with one turn per row (the column names a CSV of turns may use), grouped
  by its conversation column;
- a path to a file (`pathlib.Path`, or a one-line string naming an existing file).

Speakers: a `speaker_map` ({"Sam": "agent", "Bob": "customer"}) first, then role names (agent,
rep, caller, ...), then inference from what each speaker says (`csnlp.io.roles`); how roles
were decided is in `metadata["roles_source"]` and `metadata["roles_uncertain"]`.

Ids: a conversation's own id, else one derived from where it came from (`calls.jsonl:12`,
`input-3`), else, for a single in-memory input, a digest of its content (`transcript-1a2b...`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import warnings
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from csnlp.errors import CsnlpError, FormatError, InputError, TranscriptError, describe
from csnlp.io.formats import FILE_FORMATS, OBJECT_FORMATS
from csnlp.io.formats.base import (
    ReadContext,
    Record,
    build_transcript,
    error_record,
    ok_record,
    own_id,
    record_id,
    source_id,
    where,
)
from csnlp.io.formats.generic import NATIVE, PendingRecord, frame_records, parse_object
from csnlp.io.formats.text import text_turns
from csnlp.io.read import records as read_records
from csnlp.transcript import Transcript, Turn, check_turns

__all__ = ["RepeatedIds", "coerce", "coerce_transcript", "expand", "is_frame", "read_context",
           "to_record"]


def read_context(speaker_map: Mapping[str, str] | None = None,
                 options: Mapping[str, Any] | None = None) -> ReadContext:
    """Validated read options (`speaker_map`, `roles`, `id_column`, ...; see `iter_records`)."""
    return ReadContext.create(speaker_map, dict(options or {}))


def coerce(obj: Any, *, speaker_map: Mapping[str, str] | None = None,
           ctx: ReadContext | None = None, source: Mapping[str, Any] | None = None,
           **options: Any) -> Transcript:
    """One transcript, in any shape this module accepts, as a Transcript; raises a
    TranscriptError (or FormatError) naming the place and the bad value.

    A DataFrame or file holding several conversations is an error: use `csnlp.evaluate_many`.

    >>> t = coerce("Sam: Thanks for calling Acme, how can I help?\\nBob: My card was declined.")
    >>> [turn.speaker for turn in t.turns], t.metadata["roles_source"]
    (['agent', 'customer'], 'inferred')
    >>> coerce("Sam: Hello\\nBob: Hi", speaker_map={"Sam": "agent", "Bob": "customer"}).id
    'transcript-...'
    """
    if ctx is None:
        ctx = read_context(speaker_map, options)
    elif speaker_map is not None or options:
        raise InputError("ingest: pass speaker_map and read options, or a ReadContext, not both")
    rec = to_record(obj, ctx, dict(source or {}), single=True)
    if rec.error is not None:
        rec.raise_error()
    assert rec.transcript is not None
    return rec.transcript


def to_record(obj: Any, ctx: ReadContext, source: dict[str, Any], *, single: bool = False
              ) -> Record:
    """One input as a Record (a Transcript, or the error that stopped it); never raises for
    bad content. `source` says where the input is ({"input_index": 3}); `single`: a frame or
    file must hold exactly one conversation."""
    if isinstance(obj, PendingRecord):
        obj = obj.resolve()
    if isinstance(obj, Record):
        return Record(obj.transcript, obj.error, {**source, **obj.source}, obj.error_type)
    try:
        rec = _read(obj, ctx, source, single)
    except CsnlpError as exc:
        return error_record(exc, {**source, "transcript_id": record_id(obj, source)})
    t = rec.transcript
    if t is not None and not t.id:
        # No id and no position to name it by: a digest of the content, stable across runs.
        t = dataclasses.replace(t, id=source_id(source) or content_id(t))
        rec = Record(t, None, {**rec.source, "transcript_id": t.id})
    return rec


def _read(obj: Any, ctx: ReadContext, source: dict[str, Any], single: bool) -> Record:
    if isinstance(obj, Transcript):
        check_turns(obj, where=where(source))
        return Record(obj, None, {**source, "transcript_id": obj.id})
    if isinstance(obj, str) and _names_file(obj):
        obj = Path(obj)
    if isinstance(obj, Path):
        return _one(read_records(obj, ctx), str(obj), source)
    if isinstance(obj, str):
        if _looks_like_path(obj):
            raise FormatError(f"{where(source)}: {obj}: no such file (a one-line string is "
                              "read as a path when it names a file, else as 'Speaker: text')")
        return _text(obj, ctx, source)
    if is_frame(obj):
        return _one(frame_records(obj, ctx, {"input": "dataframe", **source}), "the DataFrame",
                    source)
    if isinstance(obj, (bytes, bytearray)):
        raise TranscriptError(f"{where(source)}: expected text, got bytes {describe(obj)}; "
                              "decode it first (e.g. data.decode('utf-8'))")
    if isinstance(obj, Mapping) or isinstance(obj, Iterable):
        value = obj if isinstance(obj, (Mapping, list)) else list(obj)
        if isinstance(value, list) and any(isinstance(t, Turn) for t in value):
            value = [t.to_dict() if isinstance(t, Turn) else t for t in value]
        fmt = next((f for f in OBJECT_FORMATS if f.match(value)), NATIVE)
        return parse_object(value, (fmt,), ctx, source)
    raise TranscriptError(
        f"{where(source)}: expected a Transcript, dict, list of turns, text, DataFrame or "
        f"path, got {describe(obj)}")


def _text(text: str, ctx: ReadContext, source: dict[str, Any]) -> Record:
    here = where(source)
    turns = text_turns(enumerate(text.splitlines(), start=1), here)
    tid = source.get("default_id") or source_id(source)
    src = {**source, "format": "text"}
    t = build_transcript(turns, tid=tid, metadata={}, ctx=ctx, source=src, fmt="text")
    return ok_record(t, {k: v for k, v in src.items() if k != "default_id"})


def _one(records: Iterator[Record | PendingRecord], what: str, source: dict[str, Any]
         ) -> Record:
    """The only Record of a file or frame; more than one is an error pointing at the batch API."""
    found = list(islice(records, 2))
    if not found:
        raise TranscriptError(f"{where(source)}: {what} holds no transcript")
    if len(found) > 1:
        ids = [r.source.get("transcript_id") for r in found]
        raise TranscriptError(
            f"{where(source)}: {what} holds more than one conversation ({ids[0]!r}, "
            f"{ids[1]!r}, ...); evaluate them with csnlp.evaluate_many(...) (or "
            "Evaluator.evaluate_batch), which gives one report per conversation")
    rec = found[0].resolve() if isinstance(found[0], PendingRecord) else found[0]
    return Record(rec.transcript, rec.error, {**source, **rec.source}, rec.error_type)


def _names_file(text: str) -> bool:
    """A one-line string that is the path of an existing file (not a one-line transcript)."""
    if "\n" in text or len(text) > 4096 or not text.strip():
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, or with NUL, for this system
        return False


def _looks_like_path(text: str) -> bool:
    """A one-line string with no speaker and a transcript file's extension: a mistyped path."""
    if "\n" in text or ":" in text.split("/")[-1].split("\\")[-1]:
        return False
    name = text.strip().lower()
    return any(name.endswith(ext) for f in FILE_FORMATS for ext in f.extensions)


def is_frame(obj: object) -> bool:
    """A pandas DataFrame (told without importing pandas)."""
    return type(obj).__module__.startswith("pandas") and hasattr(obj, "columns") \
        and hasattr(obj, "iloc")


def content_id(t: Transcript) -> str:
    """`transcript-` and a digest of the turns: the same conversation always gets the same id,
    whether it came as text, a dict or a DataFrame.

    >>> content_id(coerce("Agent: Hi")) == content_id(coerce([{"speaker": "agent", "text": "Hi"}]))
    True
    """
    h = hashlib.blake2b(digest_size=6)
    for turn in t.turns:
        h.update(f"{turn.speaker}\x1f{turn.text}\x1f{turn.start}\x1f{turn.end}\x1e"
                 .encode("utf-8", "surrogatepass"))
    return f"transcript-{h.hexdigest()}"


def expand(inputs: Any, ctx: ReadContext) -> Iterable[Any]:
    """The inputs of a batch, one per conversation: a DataFrame gives one Record per
    conversation, a Path the Records of its file(s); any other iterable is taken item by item.
    """
    if is_frame(inputs):
        return frame_records(inputs, ctx)
    if isinstance(inputs, Path):
        return read_records(inputs, ctx)
    if isinstance(inputs, (str, bytes, Mapping, Transcript)):
        raise InputError(
            f"transcripts: expected many transcripts (a list, an iterator, a DataFrame or a "
            f"Path), got {describe(inputs)}; pass one transcript to csnlp.evaluate, or wrap it "
            "in a list")
    return inputs


def input_id(item: Any) -> str | None:
    """The id an input will have, told without parsing it (None: an anonymous input, whose
    derived id is unique by construction)."""
    if isinstance(item, Record):
        return item.source.get("transcript_id") if item.ok else None
    if isinstance(item, PendingRecord):
        return own_id(item.value)[1]
    if isinstance(item, Transcript):
        return item.id or None
    return own_id(item)[1]


class RepeatedIds:
    """Watches the ids of one batch and warns once per id that comes again, naming the id and
    where it was seen; the reports stay apart by their source (`input_index`, file, line)."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._warned: set[str] = set()

    def see(self, tid: str | None, place: str) -> None:
        if not tid:
            return
        first = self._first.get(tid)
        if first is None:
            self._first[tid] = place
        elif tid not in self._warned:
            self._warned.add(tid)
            warnings.warn(
                f"transcript id {tid!r} is repeated: {first} and {place} (further repeats "
                "are not reported); their reports are kept apart by input_index and source",
                UserWarning, stacklevel=3)


def coerce_transcript(obj: object, *, source: str = "transcript",
                      default_id: str | None = None) -> Transcript:
    """A Transcript from any accepted shape; `source` names the input in messages and
    `default_id` is the id when the input has none (kept for callers of csnlp 0.1).

    >>> coerce_transcript("Agent: Hello!\\nCustomer: Hi.").turns[1].speaker
    'customer'
    """
    src: dict[str, Any] = {"input": source}
    if default_id is not None:
        src["default_id"] = default_id
    return coerce(obj, source=src)


def parse_text(text: str, *, where: str = "transcript") -> list[Turn]:
    """The turns of `Speaker: text` lines (kept for callers of csnlp 0.1; use `coerce`)."""
    return list(coerce(text, source={"input": where}).turns)
