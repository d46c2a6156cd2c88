"""Transcript and Turn, and coercion of the shapes people pass in (dict, list of turns, text)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
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

_SPEAKER_LINE = re.compile(r"^\s*([A-Za-z][\w .\-]{0,40}?)\s*:\s?(.*)$")


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
        return coerce_transcript(data, source=source)


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
    start = _check_time(raw.get("start"), f"{where}.start")
    end = _check_time(raw.get("end"), f"{where}.end")
    if start is not None and end is not None and end < start:
        raise TranscriptError(f"{where}.end: {end} is before start {start}")
    name = raw.get("speaker_name")
    return Turn(speaker=speaker, text=text, start=start, end=end,
                speaker_name=name if isinstance(name, str) else None)


def parse_text(text: str, *, where: str = "transcript") -> list[Turn]:
    """Parse `Agent: ...` / `Customer: ...` lines; a line without a speaker continues the turn."""
    turns: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _SPEAKER_LINE.match(line)
        role = None
        if m:
            key = m.group(1).strip().lower()
            role = SPEAKER_ALIASES.get(key)
        if role is not None:
            turns.append({"speaker": role, "text": m.group(2).strip(), "line": lineno})
        elif turns:
            turns[-1]["text"] = (turns[-1]["text"] + " " + line.strip()).strip()
        else:
            raise TranscriptError(
                f"{where}: line {lineno}: expected 'Speaker: text' (Agent/Customer/System), "
                f"got {describe(line)}"
            )
    return [make_turn({"speaker": t["speaker"], "text": t["text"]},
                      where=f"{where}: line {t['line']}") for t in turns]


def coerce_transcript(obj: object, *, source: str = "transcript", default_id: str | None = None
                      ) -> Transcript:
    """Turn a Transcript, dict, list of turn dicts or `Speaker: text` string into a Transcript.

    >>> coerce_transcript("Agent: Hello!\\nCustomer: Hi.").turns[1].speaker
    'customer'
    """
    if isinstance(obj, Transcript):
        return obj
    if isinstance(obj, str):
        turns = parse_text(obj, where=source)
        tid, metadata = default_id or "transcript", {}
    elif isinstance(obj, Mapping):
        unknown = set(obj) - {"id", "turns", "metadata", "transcript_id", "conversation_id"}
        if unknown:
            raise TranscriptError(f"{source}: unknown field(s) {sorted(unknown)}; "
                                  "expected id, turns, metadata")
        if "turns" not in obj:
            raise TranscriptError(f"{source}.turns: missing")
        raw_turns = obj["turns"]
        if not isinstance(raw_turns, Sequence) or isinstance(raw_turns, (str, bytes)):
            raise TranscriptError(f"{source}.turns: must be a list, got {describe(raw_turns)}")
        turns = [make_turn(t, where=f"{source}.turns[{i}]") for i, t in enumerate(raw_turns)]
        raw_id = obj.get("id", obj.get("transcript_id", obj.get("conversation_id", default_id)))
        if raw_id is None:
            raw_id = "transcript"
        if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
            raise TranscriptError(f"{source}.id: must be a string, got {describe(raw_id)}")
        tid = str(raw_id)
        metadata = obj.get("metadata") or {}
        if not isinstance(metadata, Mapping):
            raise TranscriptError(f"{source}.metadata: must be a mapping, got {describe(metadata)}")
        metadata = dict(metadata)
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray)):
        turns = [make_turn(t, where=f"{source}.turns[{i}]") for i, t in enumerate(obj)]
        tid, metadata = default_id or "transcript", {}
    else:
        raise TranscriptError(
            f"{source}: expected a Transcript, dict, list of turns or text, got {describe(obj)}"
        )
    if not turns:
        raise TranscriptError(f"{source} ({tid}): the transcript has no turns")
    return Transcript(id=tid, turns=tuple(turns), metadata=metadata)
