"""Amazon formats: Transcribe output (speaker labels or channel identification), Transcribe
Call Analytics and Contact Lens analysis files, and Amazon Connect chat transcripts.

Field names follow the public AWS documentation: Transcribe `results.items[]` with string
`start_time`/`end_time` and `alternatives[0].content`; Call Analytics / Contact Lens
`Transcript[]` with `Content`, `BeginOffsetMillis`, `EndOffsetMillis` and `ParticipantRole` or
`ParticipantId`; Connect chat `Transcript[]` with `AbsoluteTime`, `Type`, `ContentType`,
`ParticipantRole`, `DisplayName`.
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
    seconds,
    where,
)
from csnlp.transcript import AGENT, CUSTOMER, SYSTEM, Transcript

#: A pause this long (s) between two words of one speaker starts a new turn when Transcribe
#: output is regrouped from words (the format has no turns of its own).
WORD_PAUSE = 1.5

AWS_ROLES = {"AGENT": AGENT, "SUPERVISOR": AGENT, "CUSTOMER": CUSTOMER, "SYSTEM": SYSTEM,
             "CUSTOM_BOT": SYSTEM, "BOT": SYSTEM}


# ---------------------------------------------------------------- Transcribe


def _match_transcribe(obj: Any) -> bool:
    return (isinstance(obj, Mapping) and isinstance(obj.get("results"), Mapping)
            and ("items" in obj["results"] or "transcripts" in obj["results"]))


def _word(item: Mapping[str, Any], here: str, place: str) -> tuple[str, str]:
    alts = item.get("alternatives")
    if not isinstance(alts, list) or not alts or not isinstance(alts[0], Mapping):
        raise TranscriptError(f"{here}: {place}.alternatives: expected a non-empty list, "
                              f"got {describe(alts)}")
    content = alts[0].get("content")
    if not isinstance(content, str):
        raise TranscriptError(f"{here}: {place}.alternatives[0].content: expected a string, "
                              f"got {describe(content)}")
    return content, str(item.get("type", "pronunciation"))


def parse_transcribe(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """Amazon Transcribe batch output: words regrouped into speaker (or channel) turns."""
    here = where(source)
    results = require(obj, "results", here, Mapping)
    meta: dict[str, Any] = {}
    if isinstance(results.get("language_code"), str):
        meta["language_code"] = results["language_code"]
    tid = obj.get("jobName") or source.get("default_id", "transcript")
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments and all(
            isinstance(s, Mapping) and ("speaker_label" in s or "channel_label" in s)
            for s in segments):
        turns = [_audio_segment(s, here, f"results.audio_segments[{i}]")
                 for i, s in enumerate(segments)]
    else:
        turns = _turns_from_items(results, here)
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="aws_transcribe")


def _audio_segment(seg: Mapping[str, Any], here: str, place: str) -> RawTurn:
    text = require(seg, "transcript", f"{here}: {place}", str)
    label = seg.get("speaker_label", seg.get("channel_label"))
    return RawTurn(label=str(label), text=text,
                   start=seconds(seg.get("start_time"), field_name=f"{place}.start_time",
                                 here=here),
                   end=seconds(seg.get("end_time"), field_name=f"{place}.end_time", here=here),
                   place=place)


#: (speaker label, start, end, content, item type, place in the file) of one word item
_Word = tuple[str | None, float | None, float | None, str, str, str]


def _turns_from_items(results: Mapping[str, Any], here: str) -> list[RawTurn]:
    words: list[_Word] = []
    channels = results.get("channel_labels")
    if isinstance(channels, Mapping) and isinstance(channels.get("channels"), list):
        for c, chan in enumerate(channels["channels"]):
            channel = str(chan.get("channel_label", f"ch_{c}"))
            for i, item in enumerate(chan.get("items") or []):
                place = f"results.channel_labels.channels[{c}].items[{i}]"
                words.append(_item(item, channel, here, place))
        # Channels are transcribed separately: interleave them by time, keeping each
        # punctuation mark right after the word before it.
        words = _interleave(words)
    else:
        items = require(results, "items", f"{here}: results", list)
        by_start = _segment_speakers(results.get("speaker_labels"))
        for i, item in enumerate(items):
            speaker = item.get("speaker_label") if isinstance(item, Mapping) else None
            if speaker is None and isinstance(item, Mapping):
                speaker = by_start.get(str(item.get("start_time")))
            words.append(_item(item, speaker, here, f"results.items[{i}]"))
    turns: list[RawTurn] = []
    last_end: float | None = None
    for label, start, end, content, kind, place in words:
        if kind == "punctuation" or start is None:
            if turns:
                turns[-1].text += content if kind == "punctuation" else f" {content}"
            continue
        label = label if label is not None else (turns[-1].label if turns else None)
        new = (not turns or label != turns[-1].label
               or (last_end is not None and start - last_end >= WORD_PAUSE))
        if new:
            turns.append(RawTurn(label=label, text=content, start=start, end=end, place=place))
        else:
            turns[-1].text += f" {content}"
            turns[-1].end = end
        last_end = end
    if not turns:
        text = ""
        transcripts = results.get("transcripts")
        if isinstance(transcripts, list) and transcripts and isinstance(transcripts[0], Mapping):
            text = transcripts[0].get("transcript") or ""
        if text:
            raise TranscriptError(f"{here}: results.items: no word items (only the flat "
                                  "transcript, which has no speakers or times)")
    return turns


def _item(item: Any, label: str | None, here: str, place: str) -> _Word:
    if not isinstance(item, Mapping):
        raise TranscriptError(f"{here}: {place}: expected an object, got {describe(item)}")
    content, kind = _word(item, here, place)
    start = seconds(item.get("start_time"), field_name=f"{place}.start_time", here=here)
    end = seconds(item.get("end_time"), field_name=f"{place}.end_time", here=here)
    return (label, start, end, content, kind, place)


def _segment_speakers(speaker_labels: Any) -> dict[str, str]:
    """start_time → speaker label, from older outputs where items carry no speaker_label."""
    out: dict[str, str] = {}
    if not isinstance(speaker_labels, Mapping):
        return out
    for seg in speaker_labels.get("segments") or []:
        if not isinstance(seg, Mapping):
            continue
        for it in seg.get("items") or []:
            if isinstance(it, Mapping) and "start_time" in it:
                out[str(it["start_time"])] = str(it.get("speaker_label",
                                                        seg.get("speaker_label")))
    return out


def _interleave(words: list) -> list:
    units: list[list] = []
    for w in words:
        if w[1] is None and units and units[-1][0][0] == w[0]:
            units[-1].append(w)  # punctuation follows its word
        else:
            units.append([w])
    units.sort(key=lambda u: (u[0][1] is None, u[0][1] or 0.0))
    return [w for u in units for w in u]


AWS_TRANSCRIBE = ObjectFormat(
    name="aws_transcribe",
    description="Amazon Transcribe output JSON (speaker_labels diarization or channel "
                "identification); speakers spk_0/ch_0 are mapped or inferred",
    match=_match_transcribe, parse=parse_transcribe, aliases=("transcribe",))


# ---------------------------------------------------------------- Call Analytics / Contact Lens


def _transcript_list(obj: Any) -> list | None:
    if isinstance(obj, Mapping) and isinstance(obj.get("Transcript"), list):
        return obj["Transcript"]
    return None


def _match_analytics(obj: Any) -> bool:
    entries = _transcript_list(obj)
    if entries is None:
        return False
    first = entries[0] if entries and isinstance(entries[0], Mapping) else {}
    return "BeginOffsetMillis" in first or (
        "AbsoluteTime" not in first and ("JobStatus" in obj or "Participants" in obj))


def parse_analytics(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """Transcribe Call Analytics or Contact Lens analysis: one entry per utterance, roles
    from ParticipantRole, or from ParticipantId through the Participants list."""
    here = where(source)
    entries = require(obj, "Transcript", here, list)
    participants = {}
    for p in obj.get("Participants") or []:
        if isinstance(p, Mapping) and "ParticipantId" in p:
            participants[str(p["ParticipantId"])] = p.get("ParticipantRole")
    turns = []
    for i, e in enumerate(entries):
        place = f"Transcript[{i}]"
        content = require(e, "Content", f"{here}: {place}", str)
        pid = e.get("ParticipantId")
        raw_role = e.get("ParticipantRole") or participants.get(str(pid)) or pid
        if raw_role is None:
            raise TranscriptError(f"{here}: {place}.ParticipantRole: missing (and no "
                                  "ParticipantId)")
        role = AWS_ROLES.get(str(raw_role).upper())
        turns.append(RawTurn(
            label=str(pid if pid is not None else raw_role), text=content,
            start=seconds(e.get("BeginOffsetMillis"), field_name=f"{place}.BeginOffsetMillis",
                          here=here, unit="ms"),
            end=seconds(e.get("EndOffsetMillis"), field_name=f"{place}.EndOffsetMillis",
                        here=here, unit="ms"),
            role=role, place=place))
    customer_meta = obj.get("CustomerMetadata") if isinstance(obj.get("CustomerMetadata"),
                                                               Mapping) else {}
    tid = (obj.get("ContactId") or customer_meta.get("ContactId") or obj.get("JobName")
           or source.get("default_id", "transcript"))
    meta: dict[str, Any] = {}
    for key, name in (("Channel", "channel"), ("LanguageCode", "language_code"),
                      ("InstanceId", "instance_id")):
        if isinstance(obj.get(key), str):
            meta[name] = obj[key]
    cats = obj.get("Categories")
    if isinstance(cats, Mapping) and isinstance(cats.get("MatchedCategories"), list):
        meta["matched_categories"] = [str(c).strip() for c in cats["MatchedCategories"]]
    fmt = "aws_contact_lens" if "Version" in obj or "InstanceId" in obj else "aws_call_analytics"
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source, fmt=fmt)


AWS_CALL_ANALYTICS = ObjectFormat(
    name="aws_call_analytics",
    description="Amazon Transcribe Call Analytics and Amazon Connect Contact Lens analysis "
                "files (Transcript[] with ParticipantRole/ParticipantId, BeginOffsetMillis)",
    match=_match_analytics, parse=parse_analytics,
    aliases=("call_analytics", "contact_lens", "aws_contact_lens"))


# ---------------------------------------------------------------- Connect chat


def _match_connect_chat(obj: Any) -> bool:
    entries = _transcript_list(obj)
    if entries is None:
        return False
    first = entries[0] if entries and isinstance(entries[0], Mapping) else {}
    return "AbsoluteTime" in first or "InitialContactId" in obj or "AWSAccountId" in obj


def parse_connect_chat(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    """Amazon Connect chat transcript: MESSAGE items become turns; events (joined, left,
    typing) and attachments are not turns."""
    here = where(source)
    entries = require(obj, "Transcript", here, list)
    turns, absolute = [], []
    skipped = 0
    for i, e in enumerate(entries):
        place = f"Transcript[{i}]"
        if not isinstance(e, Mapping):
            raise TranscriptError(f"{here}: {place}: expected an object, got {describe(e)}")
        ctype = str(e.get("ContentType", "text/plain"))
        if e.get("Type", "MESSAGE") != "MESSAGE" or not ctype.startswith("text/"):
            skipped += 1
            continue
        content = require(e, "Content", f"{here}: {place}", str)
        raw_role = e.get("ParticipantRole")
        role = AWS_ROLES.get(str(raw_role).upper()) if raw_role is not None else None
        turns.append(RawTurn(label=str(e.get("ParticipantId", raw_role)), text=content,
                             role=role, name=e.get("DisplayName"), place=place))
        absolute.append(epoch_seconds(e.get("AbsoluteTime"), field_name=f"{place}.AbsoluteTime",
                                      here=here))
    meta: dict[str, Any] = {"channel": "CHAT"}
    rebase(turns, absolute, meta)
    if skipped:
        meta["events_skipped"] = skipped
    tid = obj.get("ContactId") or obj.get("InitialContactId") or source.get("default_id")
    return build_transcript(turns, tid=str(tid), metadata=meta, ctx=ctx, source=source,
                            fmt="aws_connect_chat")


AWS_CONNECT_CHAT = ObjectFormat(
    name="aws_connect_chat",
    description="Amazon Connect chat transcript (Transcript[] items with AbsoluteTime, "
                "ParticipantRole, Type MESSAGE/EVENT)",
    match=_match_connect_chat, parse=parse_connect_chat, aliases=("connect_chat",))
