"""Google Contact Center AI Insights conversations.

Two shapes, both from the public documentation: the upload format for chat transcripts
(`entries[]` with `text`, `role`, `user_id`, `start_timestamp_usec`) and the API's Conversation
resource (`transcript.transcriptSegments[]` with `segmentParticipant.role`, `channelTag` and
word offsets such as "1.500s").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csnlp.errors import TranscriptError, describe
from csnlp.io.formats.base import (
    ObjectFormat,
    RawTurn,
    ReadContext,
    build_transcript,
    epoch_seconds,
    rebase,
    require,
    where,
)
from csnlp.transcript import AGENT, CUSTOMER, SYSTEM, Transcript

GOOGLE_ROLES = {"AGENT": AGENT, "HUMAN_AGENT": AGENT, "ANY_AGENT": AGENT,
                "AUTOMATED_AGENT": SYSTEM, "CUSTOMER": CUSTOMER, "END_USER": CUSTOMER}


def _match(obj: Any) -> bool:
    if not isinstance(obj, Mapping):
        return False
    entries = obj.get("entries")
    if isinstance(entries, list):
        first = entries[0] if entries and isinstance(entries[0], Mapping) else {}
        return "start_timestamp_usec" in first or ("role" in first and "text" in first)
    transcript = obj.get("transcript")
    return isinstance(transcript, Mapping) and "transcriptSegments" in transcript


def _role(raw: Any) -> str | None:
    return GOOGLE_ROLES.get(str(raw).upper()) if raw is not None else None


def parse(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    here = where(source)
    if "entries" in obj:
        return _entries(obj, ctx, source, here)
    return _resource(obj, ctx, source, here)


def _entries(obj: Any, ctx: ReadContext, source: dict[str, Any], here: str) -> Transcript:
    turns, absolute = [], []
    for i, e in enumerate(require(obj, "entries", here, list)):
        place = f"entries[{i}]"
        text = require(e, "text", f"{here}: {place}", str)
        usec = e.get("start_timestamp_usec")
        if usec is not None and (isinstance(usec, bool) or not isinstance(usec, (int, float))):
            raise TranscriptError(f"{here}: {place}.start_timestamp_usec: expected an integer, "
                                  f"got {describe(usec)}")
        user = e.get("user_id")
        turns.append(RawTurn(label=f"user {user}" if user is not None else e.get("role"),
                             text=text, role=_role(e.get("role")), place=place))
        absolute.append(None if usec is None else usec / 1e6)
    meta: dict[str, Any] = {}
    rebase(turns, absolute, meta)
    info = obj.get("conversation_info")
    if isinstance(info, Mapping) and isinstance(info.get("categories"), list):
        meta["categories"] = [c.get("display_name") for c in info["categories"]
                              if isinstance(c, Mapping)]
    tid = obj.get("conversation_id") or obj.get("name") or source.get("default_id")
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="google_ccai")


def _duration(value: Any, here: str, field_name: str) -> float | None:
    """A protobuf Duration in JSON ("1.500s") as seconds."""
    if value is None:
        return None
    if isinstance(value, str) and value.endswith("s"):
        try:
            return float(value[:-1])
        except ValueError:
            pass
    raise TranscriptError(f"{here}: {field_name}: expected a duration like '1.5s', "
                          f"got {describe(value)}")


def _resource(obj: Any, ctx: ReadContext, source: dict[str, Any], here: str) -> Transcript:
    segments = require(obj["transcript"], "transcriptSegments", f"{here}: transcript", list)
    turns, absolute = [], []
    for i, s in enumerate(segments):
        place = f"transcript.transcriptSegments[{i}]"
        text = require(s, "text", f"{here}: {place}", str)
        part = s.get("segmentParticipant") if isinstance(s.get("segmentParticipant"),
                                                          Mapping) else {}
        words = [w for w in s.get("words") or [] if isinstance(w, Mapping)]
        start = _duration(words[0].get("startOffset"), here, f"{place}.words[0].startOffset") \
            if words else None
        end = _duration(words[-1].get("endOffset"), here, f"{place}.words[-1].endOffset") \
            if words else None
        channel = s.get("channelTag")
        turns.append(RawTurn(label=f"channel {channel}" if channel is not None else None,
                             text=text, start=start, end=end, role=_role(part.get("role")),
                             place=place))
        absolute.append(epoch_seconds(s.get("messageTime"), field_name=f"{place}.messageTime",
                                      here=here) if start is None else None)
    meta: dict[str, Any] = {}
    if any(a is not None for a in absolute) and all(t.start is None for t in turns):
        rebase(turns, absolute, meta)
    for key, name in (("agentId", "agent_id"), ("languageCode", "language_code"),
                      ("medium", "medium"), ("startTime", "started_at")):
        if isinstance(obj.get(key), str):
            meta[name] = obj[key]
    name = obj.get("name")
    tid = name.rsplit("/", 1)[-1] if isinstance(name, str) else source.get("default_id")
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="google_ccai")


GOOGLE_CCAI = ObjectFormat(
    name="google_ccai",
    description="Google Contact Center AI Insights conversation JSON (entries[] with role and "
                "start_timestamp_usec, or the API Conversation with transcriptSegments)",
    match=_match, parse=parse, aliases=("ccai", "ccai_insights", "google"))
