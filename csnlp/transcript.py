"""Transcript and Turn, the speaker roles and their aliases.

Turning the shapes people pass in (dicts, text, DataFrames, files) into a Transcript is
`csnlp.ingest`'s job; `coerce_transcript` is still importable from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from csnlp.errors import TranscriptError, describe

AGENT, CUSTOMER, SYSTEM = "agent", "customer", "system"
ROLES = (AGENT, CUSTOMER, SYSTEM)

SPEAKER_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["agent", "rep", "representative", "advisor", "adviser", "associate", "operator",
         "support", "csr", "staff", "employee", "specialist", "consultant", "assistant",
         "host", "expert", "admin", "service", "helpdesk", "teammate", "a"],
        AGENT,
    ),
    **dict.fromkeys(
        ["customer", "caller", "client", "user", "member", "guest", "visitor", "end-user",
         "end_user", "enduser", "consumer", "contact", "requester", "patient", "buyer",
         "subscriber", "c", "cust"],
        CUSTOMER,
    ),
    **dict.fromkeys(
        ["system", "bot", "ivr", "virtual agent", "virtual_agent", "virtualagent", "automated",
         "auto", "machine", "chatbot", "note", "sys"],
        SYSTEM,
    ),
}

#: Longest turn csnlp reads, in characters (about 15,000 words). A turn is what one person
#: says at once: longer text is a document pasted into one turn, and spaCy refuses a text of a
#: million characters (error E088) for the whole batch it sits in.
MAX_TURN_CHARS = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALARS = frozenset({int, float, bool, type(None)})


def text_problem(text: str) -> str | None:
    """Why a turn's text cannot be evaluated, or None: longer than `MAX_TURN_CHARS`, or
    holding a lone surrogate (not Unicode text: spaCy and every writer refuse it).

    Lone surrogates are refused, not replaced, so no output quietly differs from its input.

    >>> text_problem("Hello") is None
    True
    >>> text_problem("Hi \\ud800").split(",")[0]
    'holds a lone surrogate U+D800 at character 3'
    """
    if len(text) > MAX_TURN_CHARS:
        return (f"is {len(text):,} characters long, over the limit of {MAX_TURN_CHARS:,} "
                "per turn; split it into several turns")
    if not text.isascii():
        m = _SURROGATE.search(text)
        if m is not None:
            return (f"holds a lone surrogate U+{ord(m.group()):04X} at character {m.start()}, "
                    "which is not valid Unicode (undecodable bytes, or a broken \\u escape); "
                    "decode the source with errors='replace' to keep such text")
    return None


def has_surrogate(value: object) -> bool:
    """Whether a string, or any key or value of nested dicts and lists, holds a lone surrogate
    (which no writer can encode)."""
    if isinstance(value, str):
        return not value.isascii() and _SURROGATE.search(value) is not None
    if type(value) in _SCALARS:  # most metadata values: spared the slower Mapping check
        return False
    if isinstance(value, Mapping):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_surrogate(v) for v in value)
    return False


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (for error messages and ids)."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def check_fields(tid: str, metadata: Mapping[str, Any], *, where: str) -> None:
    """Raise a TranscriptError if the id or a metadata entry holds a lone surrogate: refused
    like a turn's, rather than breaking every writer of the report."""
    if has_surrogate(tid):
        raise TranscriptError(f"{where}: the id {describe(tid)} holds a lone surrogate, which "
                              "is not valid Unicode")
    bad = next((k for k, v in metadata.items() if has_surrogate(k) or has_surrogate(v)), None)
    if bad is not None:
        raise TranscriptError(f"{where}: metadata[{bad!r}] holds a lone surrogate, which is "
                              "not valid Unicode")


def check_turns(t: Transcript, *, where: str) -> None:
    """Raise a TranscriptError naming the transcript, the turn and the problem of the first
    turn whose text `text_problem` refuses, or whose id, speaker name or metadata holds a lone
    surrogate (for Transcripts built outside the readers)."""
    check_fields(t.id, t.metadata, where=where)
    for i, turn in enumerate(t.turns):
        text = turn.text
        # An ASCII string of usual length (nearly every turn) is told by two C calls: this
        # runs for every turn of every Transcript passed in, already checked when it was read.
        if type(text) is not str or len(text) > MAX_TURN_CHARS or not text.isascii():
            problem = text_problem(text) if isinstance(text, str) else "is not a string"
            if problem is not None:
                raise TranscriptError(f"{where}: transcript {t.id!r}: turn {i}: the text "
                                      f"{problem}")
        if turn.speaker_name is not None and has_surrogate(turn.speaker_name):
            raise TranscriptError(f"{where}: transcript {t.id!r}: turn {i}: the speaker_name "
                                  f"{describe(turn.speaker_name)} holds a lone surrogate")


def normalise_speaker(raw: object, *, where: str = "speaker") -> str:
    """Map a speaker label to agent/customer/system, or raise naming the place.

    >>> normalise_speaker("Rep")
    'agent'
    """
    if not isinstance(raw, str):
        raise TranscriptError(f"{where}: speaker must be a string, got {describe(raw)}")
    key = " ".join(raw.strip().lower().replace("_", " ").split())
    role = SPEAKER_ALIASES.get(key) or SPEAKER_ALIASES.get(key.replace(" ", "_"))
    if role is None:
        raise TranscriptError(
            f"{where}: unknown speaker {describe(raw)}; use agent, customer or system "
            f"(or an alias such as rep, caller, client, bot)"
        )
    return role


def _check_time(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TranscriptError(f"{where}: time must be a number of seconds, got {describe(value)}")
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise TranscriptError(f"{where}: time must be a finite number >= 0, got {describe(value)}")
    return float(value)


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn: who spoke, what they said, and optionally when (seconds)."""

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    speaker_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"speaker": self.speaker, "text": self.text,
                               "start": self.start, "end": self.end}
        if self.speaker_name is not None:
            out["speaker_name"] = self.speaker_name
        return out


@dataclass(frozen=True, slots=True)
class Transcript:
    """A conversation normalised into turns, with free-form metadata (agent_id, team, date, ...)."""

    id: str
    turns: tuple[Turn, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def has_timestamps(self) -> bool:
        return any(t.start is not None for t in self.turns)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "turns": [t.to_dict() for t in self.turns],
                "metadata": dict(self.metadata)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "transcript") -> Transcript:
        """The inverse of `to_dict` (roles already agent/customer/system); any other shape goes
        through `csnlp.ingest.coerce`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("turns"), Sequence):
            raise TranscriptError(f"{source}: expected a dict with a list of turns, "
                                  f"got {describe(data)}")
        raw_id = data.get("id")
        if not isinstance(raw_id, str) or not raw_id:
            raise TranscriptError(f"{source}.id: must be a non-empty string, "
                                  f"got {describe(raw_id)}")
        metadata = data.get("metadata") or {}
        if not isinstance(metadata, Mapping):
            raise TranscriptError(f"{source}.metadata: must be a mapping, got {describe(metadata)}")
        turns = tuple(make_turn(t, where=f"{source}.turns[{i}]")
                      for i, t in enumerate(data["turns"]))
        return cls(id=raw_id, turns=turns, metadata=dict(metadata))


def make_turn(raw: object, *, where: str) -> Turn:
    """Validate one turn dict (or Turn) into a Turn; errors name `where` and the field."""
    if isinstance(raw, Turn):
        raw = raw.to_dict()
    if not isinstance(raw, Mapping):
        raise TranscriptError(f"{where}: a turn must be a mapping, got {describe(raw)}")
    if "speaker" not in raw and "role" not in raw:
        raise TranscriptError(f"{where}.speaker: missing")
    speaker_raw = raw.get("speaker", raw.get("role"))
    speaker = normalise_speaker(speaker_raw, where=f"{where}.speaker")
    if "text" not in raw:
        raise TranscriptError(f"{where}.text: missing")
    text = raw["text"]
    if not isinstance(text, str):
        raise TranscriptError(f"{where}.text: must be a string, got {describe(text)}")
    problem = text_problem(text)
    if problem is not None:
        raise TranscriptError(f"{where}.text: the text {problem}")
    start = _check_time(raw.get("start"), f"{where}.start")
    end = _check_time(raw.get("end"), f"{where}.end")
    if start is not None and end is not None and end < start:
        raise TranscriptError(f"{where}.end: {end} is before start {start}")
    name = raw.get("speaker_name")
    return Turn(speaker=speaker, text=text, start=start, end=end,
                speaker_name=name if isinstance(name, str) else None)


def __getattr__(name: str) -> Any:
    # `coerce_transcript` and `parse_text` moved to csnlp.ingest, the one ingest path (which
    # sits above csnlp.io, so this module cannot import it at the top). Kept for one release.
    if name in ("coerce_transcript", "parse_text"):
        import importlib

        return getattr(importlib.import_module("csnlp.ingest"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
