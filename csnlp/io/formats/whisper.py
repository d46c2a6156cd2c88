"""Whisper / OpenAI `verbose_json` (segments, no speakers) and WhisperX / pyannote diarized
output (segments with `speaker` labels such as SPEAKER_00)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from csnlp.io.formats.base import (
    ObjectFormat,
    RawTurn,
    ReadContext,
    build_transcript,
    require,
    seconds,
    where,
)
from csnlp.transcript import Transcript

_PROBE = 50  # segments looked at to tell Whisper from WhisperX


def _segments(obj: Any) -> list | None:
    if isinstance(obj, Mapping) and isinstance(obj.get("segments"), list):
        segs = obj["segments"]
        if segs and isinstance(segs[0], Mapping) and "text" in segs[0] and "start" in segs[0]:
            return segs
    return None


def _diarized(segs: list) -> bool:
    return any(isinstance(s, Mapping) and "speaker" in s for s in segs[:_PROBE])


def _match_whisper(obj: Any) -> bool:
    segs = _segments(obj)
    return segs is not None and not _diarized(segs)


def _match_whisperx(obj: Any) -> bool:
    segs = _segments(obj)
    return segs is not None and _diarized(segs)


def _turns(obj: Any, here: str, diarized: bool) -> tuple[list[RawTurn], int]:
    turns, unlabeled = [], 0
    for i, s in enumerate(require(obj, "segments", here, list)):
        place = f"segments[{i}]"
        text = require(s, "text", f"{here}: {place}", str)
        label = s.get("speaker") if diarized else None
        if diarized and label is None:
            # WhisperX leaves a segment without speaker when no diarization turn overlaps it;
            # its words may still carry one.
            votes = Counter(w.get("speaker") for w in s.get("words") or []
                            if isinstance(w, Mapping) and w.get("speaker") is not None)
            label = votes.most_common(1)[0][0] if votes else "UNKNOWN"
            unlabeled += label == "UNKNOWN"
        turns.append(RawTurn(
            label=None if label is None else str(label), text=text,
            start=seconds(s.get("start"), field_name=f"{place}.start", here=here),
            end=seconds(s.get("end"), field_name=f"{place}.end", here=here), place=place))
    return turns, unlabeled


def _meta(obj: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if isinstance(obj.get("language"), str):
        meta["language"] = obj["language"]
    if isinstance(obj.get("duration"), (int, float)):
        meta["duration"] = obj["duration"]
    return meta


def parse_whisper(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """Whisper segments have no speaker: pass speaker="agent" (or "customer") when the file
    is one side's channel; otherwise reading fails rather than guessing who spoke."""
    here = where(source)
    turns, _ = _turns(obj, here, diarized=False)
    return build_transcript(turns, tid=str(source.get("default_id", "transcript")),
                            metadata=_meta(obj), ctx=ctx, source=source, fmt="whisper")


def parse_whisperx(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    here = where(source)
    turns, unlabeled = _turns(obj, here, diarized=True)
    t = build_transcript(turns, tid=str(source.get("default_id", "transcript")),
                         metadata=_meta(obj), ctx=ctx, source=source, fmt="whisperx")
    if unlabeled:
        meta = dict(t.metadata)
        meta["segments_without_speaker"] = unlabeled
        meta["roles_uncertain"] = True
        t = Transcript(id=t.id, turns=t.turns, metadata=meta)
    return t


WHISPER = ObjectFormat(
    name="whisper",
    description="OpenAI Whisper verbose_json (segments without speakers; give speaker=...)",
    match=_match_whisper, parse=parse_whisper, aliases=("verbose_json", "openai_whisper"))

WHISPERX = ObjectFormat(
    name="whisperx",
    description="WhisperX / pyannote diarized JSON (segments with SPEAKER_00 labels)",
    match=_match_whisperx, parse=parse_whisperx, aliases=("pyannote",))
