"""The Gridspace-Stanford Harper Valley Bank calls (see ../shared/data/harper-valley).

`transcript/<sid>.json` is a list of speech segments per channel, with ASR text (`transcript`)
and human text (`human_transcript`); `metadata/<sid>.json` beside it holds the agent and caller
persona names, the task and the participants' ratings. `text_field` picks the text. Non-speech
tags ([noise], <unk>, ...) are removed, so noise-only segments do not count as turns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from csnlp.errors import TranscriptError, describe
from csnlp.io.formats.base import (
    ObjectFormat,
    RawTurn,
    ReadContext,
    build_transcript,
    require,
    seconds,
    where,
)
from csnlp.transcript import AGENT, CUSTOMER, Transcript

HV_ROLES = {"agent": AGENT, "caller": CUSTOMER}
#: Transcription markup that is not speech: [noise], [laughter], [cough], <unk>, ...
NONSPEECH = re.compile(r"\[[a-z_ ]+\]|<unk>")


def speech_text(text: str) -> str:
    """The spoken words of a segment, without non-speech tags; a segment that held only noise
    becomes blank and is dropped like any blank turn.

    >>> speech_text("how can i help [noise]")
    'how can i help'
    """
    return " ".join(NONSPEECH.sub(" ", text).split())


def _match(obj: Any) -> bool:
    return (isinstance(obj, list) and bool(obj) and isinstance(obj[0], Mapping)
            and "speaker_role" in obj[0] and "human_transcript" in obj[0])


def claim(folder: Path) -> list[Path] | None:
    """The transcript files of a Harper Valley folder (one with transcript/ and metadata/)."""
    tdir, mdir = folder / "transcript", folder / "metadata"
    if tdir.is_dir() and mdir.is_dir() and (folder / "PROVENANCE.md").exists() \
            or tdir.is_dir() and mdir.is_dir() and "harper" in folder.name.lower():
        return sorted(tdir.glob("*.json"))
    return None


def parse(obj: Any, ctx: ReadContext, source: dict[str, Any]) -> Transcript:
    here = where(source)
    field = ctx["text_field"]
    turns = []
    for i, seg in enumerate(obj):
        place = f"[{i}]"
        text = require(seg, field, f"{here}: {place}", str)
        role_raw = require(seg, "speaker_role", f"{here}: {place}", str)
        role = HV_ROLES.get(role_raw)
        if role is None:
            raise TranscriptError(f"{here}: {place}.speaker_role: expected 'agent' or "
                                  f"'caller', got {describe(role_raw)}")
        start = seconds(seg.get("start_ms"), field_name=f"{place}.start_ms", here=here,
                        unit="ms")
        dur = seconds(seg.get("duration_ms"), field_name=f"{place}.duration_ms", here=here,
                      unit="ms")
        turns.append(RawTurn(label=f"channel {seg.get('channel_index')}", text=speech_text(text),
                             start=start,
                             end=None if start is None or dur is None else round(start + dur, 3),
                             role=role, place=place))
    sid = Path(str(source.get("file", ""))).stem or source.get("default_id", "transcript")
    meta: dict[str, Any] = {"text_field": field}
    meta.update(_metadata(Path(str(source.get("file", ""))), here))
    return build_transcript(turns, tid=str(meta.get("sid", sid)), metadata=meta, ctx=ctx,
                            source=source, fmt="harper_valley")


def _rating(survey: Any) -> int | None:
    if isinstance(survey, Mapping) and isinstance(survey.get("data"), Mapping):
        value = survey["data"].get("partner_rating")
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def _metadata(transcript_file: Path, here: str) -> dict[str, Any]:
    """Names, task and ratings from metadata/<sid>.json beside transcript/, when present."""
    path = transcript_file.parent.parent / "metadata" / transcript_file.name
    if not path.is_file():
        return {}
    try:
        m = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise TranscriptError(f"{path}: line {exc.lineno}: invalid JSON ({exc.msg}) in the "
                              f"metadata of {here}") from None
    agent = m.get("agent") if isinstance(m.get("agent"), Mapping) else {}
    caller = m.get("caller") if isinstance(m.get("caller"), Mapping) else {}
    out: dict[str, Any] = {}
    if isinstance(m.get("sid"), str):
        out["sid"] = m["sid"]
    name = (agent.get("metadata") or {}).get("agent_name")
    if isinstance(name, str):
        out["agent_name"] = name
    cname = (caller.get("metadata") or {}).get("first and last name")
    if isinstance(cname, str):
        out["customer_name"] = cname
    for key, value in (("agent_id", agent.get("speaker_id")),
                       ("caller_id", caller.get("speaker_id"))):
        if value is not None:
            out[key] = str(value)
    tasks = m.get("tasks")
    if isinstance(tasks, list) and tasks and isinstance(tasks[0], Mapping):
        out["task_type"] = tasks[0].get("task_type")
    if isinstance(m.get("session"), str):
        out["session"] = m["session"]
    labels = m.get("labels")
    if isinstance(labels, Mapping):
        out.update({f"label_{k}": v for k, v in labels.items()})
    # Who rated whom: the agent's survey rates the caller and the other way round.
    out["caller_rating_of_agent"] = _rating(caller.get("survey_response"))
    out["agent_rating_of_caller"] = _rating(agent.get("survey_response"))
    return out


HARPER_VALLEY = ObjectFormat(
    name="harper_valley",
    description="Harper Valley Bank calls: transcript/<sid>.json segments (+ metadata/); "
                "text_field='transcript' (ASR) or 'human_transcript'",
    match=_match, parse=parse, aliases=("harpervalley", "hvb"))
