"""Transcript measures: turns and words per speaker, and, when turns carry times, response
delays, silences, holds, talk time and share, and overlaps (interruptions).

Times are read as given: a turn without a start (or end) is left out of the measures that need
it, never treated as 0. Overlapping turns are expected (two-channel recordings are segmented
per channel), so gaps are measured from the latest end of everything said before.
"""

from __future__ import annotations

import re
from typing import Any

from csnlp.transcript import AGENT, CUSTOMER, Transcript

#: A gap longer than this (seconds) between two turns counts as a silence.
SILENCE_SECONDS = 10.0
#: A gap longer than this (seconds) right after the agent asked the customer to wait is a hold.
HOLD_SECONDS = 5.0
#: How many turns back from a gap the agent's hold request may be ("let me check" / "ok" / gap).
HOLD_LOOKBACK = 2

#: What agents say when they put a customer on hold or make them wait.
_FILLER = r"((just|quickly|quick|briefly|first|go and|double) ){0,2}"  # "let me just quickly"
HOLD_CUE = re.compile(
    r"\b(let me " + _FILLER + r"(check|look|see|pull|find|verify|confirm|get|look into|transfer"
    r"|ask)"
    r"|(one|a|just a|another) (moment|second|sec|minute)"
    r"|(a|another) (few|couple( of)?) (moments|seconds|minutes)"
    r"|bear with me|hold (on|the line|please)|hang (on|tight)"
    r"|please hold|you on (a )?(brief |short |quick |little )?hold"
    r"|mind (holding|waiting)|(hold|wait) for (a|one|just a) (moment|second|sec|minute|bit)"
    r"|while i " + _FILLER + r"(check|look|pull|find|verify|confirm|get|review|speak|contact"
    r"|dig|see"
    r"|ask|transfer)"
    r"|give me (a|one|just a) (moment|second|sec|minute|few)|i('ll| will) be (right )?back"
    r"|wait (a|one|just a) (moment|second|minute))\b",
    re.IGNORECASE,
)


def _end(turn) -> float | None:
    return turn.end if turn.end is not None else turn.start


def response_delays(transcript: Transcript, *, skip_holds: bool = True,
                    gaps: list[tuple[int, int, float]] | None = None
                    ) -> list[tuple[int, float]]:
    """(agent turn index, seconds) for each agent turn that answers a customer turn.

    The delay runs from the end (or, lacking it, the start) of the customer's last turn to the
    start of the agent's reply; turns without times are skipped, never guessed. A reply that
    starts before the customer finished has delay 0. With `skip_holds` (the default) a reply
    that ends a hold (see `holds`: the agent asked the customer to wait, "let me check", and
    the silence followed) is no reply: the customer agreed to wait. `gaps` is
    `turn_gaps(transcript)` when the caller has it.
    """
    return _delays(transcript, holds(transcript, gaps=gaps) if skip_holds else [])


def _delays(transcript: Transcript, found_holds: list[dict[str, Any]]
            ) -> list[tuple[int, float]]:
    """`response_delays`, skipping the replies that end one of `found_holds`."""
    out: list[tuple[int, float]] = []
    turns = transcript.turns
    after_hold = {h["before_turn"] for h in found_holds}
    for i in range(1, len(turns)):
        cur, prev = turns[i], turns[i - 1]
        if cur.speaker != AGENT or prev.speaker != CUSTOMER or cur.start is None:
            continue
        prev_end = _end(prev)
        if prev_end is None or i in after_hold:
            continue
        out.append((i, max(0.0, cur.start - prev_end)))
    return out


def turn_gaps(transcript: Transcript) -> list[tuple[int, int, float]]:
    """(index of the last turn before, index of the turn after, seconds) for every gap > 0.

    The gap is measured from the latest end of all earlier timed turns, so a short turn said
    over a long one does not open a false gap. Most transcripts have no times: none.
    """
    if not transcript.has_timestamps:
        return []
    out = []
    latest: float | None = None
    last_idx = -1
    for i, t in enumerate(transcript.turns):
        if t.start is not None and latest is not None and t.start > latest:
            out.append((last_idx, i, t.start - latest))
        end = _end(t)
        if end is not None and (latest is None or end >= latest):
            latest, last_idx = end, i
    return out


def silences(transcript: Transcript, threshold: float = SILENCE_SECONDS, *,
             gaps: list[tuple[int, int, float]] | None = None) -> list[tuple[int, float]]:
    """(index of the turn after the gap, seconds) for every gap between turns over `threshold`;
    `gaps` is `turn_gaps(transcript)` when the caller has it."""
    gaps = turn_gaps(transcript) if gaps is None else gaps
    return [(after, gap) for _, after, gap in gaps if gap > threshold]


def holds(transcript: Transcript, threshold: float = HOLD_SECONDS, *,
          gaps: list[tuple[int, int, float]] | None = None) -> list[dict[str, Any]]:
    """Silences over `threshold` that follow an agent's request to wait ("let me check that
    for you", "one moment please") in one of the last turns before the gap.

    >>> from csnlp.transcript import coerce_transcript
    >>> t = coerce_transcript([{"speaker": "agent", "text": "Let me check that.", "start": 0,
    ...     "end": 2}, {"speaker": "agent", "text": "Thanks for waiting.", "start": 40}])
    >>> holds(t)[0]["seconds"]
    38.0
    """
    out = []
    turns = transcript.turns
    for before, after, gap in turn_gaps(transcript) if gaps is None else gaps:
        if gap <= threshold:
            continue
        for j in range(after - 1, max(-1, after - 1 - HOLD_LOOKBACK), -1):
            if turns[j].speaker != AGENT:
                continue
            m = HOLD_CUE.search(turns[j].text)
            if m:
                resumed = turns[after].start
                assert resumed is not None  # turn_gaps only measures up to a timed turn
                out.append({"request_turn": j, "after_turn": before, "before_turn": after,
                            "start": round(resumed - gap, 3),
                            "seconds": round(gap, 3), "cue": m.group(0)})
                break
    return out


def talk_time(transcript: Transcript) -> dict[str, float]:
    """Seconds spoken per speaker, from turns that have both start and end."""
    out: dict[str, float] = {}
    for t in transcript.turns:
        if t.start is not None and t.end is not None:
            out[t.speaker] = out.get(t.speaker, 0.0) + (t.end - t.start)
    return {k: round(v, 3) for k, v in out.items()}


def overlaps(transcript: Transcript) -> list[dict[str, Any]]:
    """Turns that start while another speaker is still talking (interruptions and
    backchannels), attributed to the speaker who starts: {turn, speaker, over_turn, seconds}."""
    out = []
    turns = transcript.turns
    # (start, index, end) of the turns with both times, in order of start then index
    timed = sorted((t.start, i, t.end) for i, t in enumerate(turns)
                   if t.start is not None and t.end is not None)
    open_turns: list[tuple[float, int, float]] = []  # earlier turns that may still be running
    for start, i, end in timed:
        open_turns = [o for o in open_turns if o[2] > start]
        others = [o for o in open_turns if turns[o[1]].speaker != turns[i].speaker
                  and o[0] < start]
        if others:
            _, j, other_end = max(others, key=lambda o: o[2])
            seconds = min(end, other_end) - start
            out.append({"turn": i, "speaker": turns[i].speaker, "over_turn": j,
                        "seconds": round(seconds, 3)})
        open_turns.append((start, i, end))
    return out


def transcript_metrics(transcript: Transcript, *,
                       gaps: list[tuple[int, int, float]] | None = None) -> dict[str, Any]:
    """Counts and timing of one transcript, JSON-native; `gaps` is `turn_gaps(transcript)`
    when the caller has it (the evaluator measures them once for the metrics and the
    detectors)."""
    turns_by: dict[str, int] = {}
    words_by: dict[str, int] = {}
    for t in transcript.turns:
        turns_by[t.speaker] = turns_by.get(t.speaker, 0) + 1
        words_by[t.speaker] = words_by.get(t.speaker, 0) + len(t.text.split())
    total_words = sum(words_by.values())
    metrics: dict[str, Any] = {
        "turns": len(transcript.turns),
        "turns_by_speaker": turns_by,
        "words_by_speaker": words_by,
        "agent_word_share": round(words_by.get(AGENT, 0) / total_words, 4) if total_words else None,
    }
    if not transcript.has_timestamps:
        return metrics
    if gaps is None:  # holds and silences are both gaps: measured once
        gaps = turn_gaps(transcript)
    found_holds = holds(transcript, gaps=gaps)  # response_delays needs them too: found once
    pairs = _delays(transcript, found_holds)
    delays = [d for _, d in pairs]
    metrics["response_delays"] = [round(d, 3) for d in delays]
    metrics["response_delay_turns"] = [{"customer_turn": i - 1, "agent_turn": i,
                                        "seconds": round(d, 3)} for i, d in pairs]
    metrics["mean_response_delay"] = round(sum(delays) / len(delays), 3) if delays else None
    metrics["max_response_delay"] = round(max(delays), 3) if delays else None
    metrics["silences"] = [{"before_turn": i, "seconds": round(s, 3)}
                           for i, s in silences(transcript, gaps=gaps)]
    metrics["holds"] = found_holds
    metrics["hold_seconds"] = round(sum(h["seconds"] for h in metrics["holds"]), 3)
    talk = talk_time(transcript)
    total_talk = sum(talk.values())
    metrics["talk_time"] = talk or None
    metrics["talk_share"] = ({k: round(v / total_talk, 4) for k, v in talk.items()}
                             if total_talk > 0 else None)
    ov = overlaps(transcript)
    by: dict[str, dict[str, float]] = {}
    for o in ov:
        entry = by.setdefault(o["speaker"], {"count": 0, "seconds": 0.0})
        entry["count"] += 1
        entry["seconds"] = round(entry["seconds"] + o["seconds"], 3)
    metrics["overlaps"] = ov
    metrics["overlaps_by_speaker"] = by
    starts = [t.start for t in transcript.turns if t.start is not None]
    ends = [e for t in transcript.turns if (e := _end(t)) is not None]
    metrics["duration"] = round(max(ends) - min(starts), 3) if starts and ends else None
    return metrics
