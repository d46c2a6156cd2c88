"""Text formats: `Speaker: text` lines, WebVTT (`<v Name>` voices or `Name:` prefixes) and SRT
(`NAME:` prefixes). One conversation per file, read line by line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from csnlp.errors import FormatError, TranscriptError, describe
from csnlp.io.formats.base import (
    UNDECODABLE,
    FileFormat,
    ObjectFormat,
    RawTurn,
    ReadContext,
    Record,
    build_transcript,
    error_record,
    ok_record,
    open_text,
    seconds,
    undecodable,
)

#: Caption cues are fragments of utterances: consecutive cues of one speaker closer than this
#: (s) are joined into one turn unless the caller sets merge_gap.
CAPTION_MERGE_GAP = 1.0

_LABEL = r"[A-Za-z][\w .'\-]{0,38}?"
_STAMP = r"(?:\[?\(?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\)?\]?\s*[-–]?\s*)"
_TEXT_LINE = re.compile(rf"^\s*{_STAMP}?({_LABEL})\s*(?:\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?\])?"
                        rf"\s*:\s?(.*)$")
_CUE_TIME = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*"
                       r"((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>|$)", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_PREFIX = re.compile(rf"^\s*(?:>>\s*|-\s*)?(?:\[({_LABEL})\]|({_LABEL})\s*:)\s*(.*)$", re.S)


def _lines(path: Path, ctx: ReadContext) -> Iterator[tuple[int, str]]:
    fh, codec = open_text(path, ctx)
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if UNDECODABLE in line:
                raise FormatError(undecodable(str(path), line, codec, lineno))
            yield lineno, line.rstrip("\r\n")


def _one(path: Path, ctx: ReadContext, fmt: str, build) -> Iterator[Record]:
    """Read a one-conversation text file; any error becomes the file's error record."""
    source = {"file": str(path), "format": fmt}
    try:
        turns, meta = build(path, ctx)
        t = build_transcript(turns, tid=path.stem, metadata=meta, ctx=ctx, source=source,
                             fmt=fmt)
        yield ok_record(t, source)
    except (TranscriptError, FormatError) as exc:
        yield error_record(exc, source)


# ---------------------------------------------------------------- plain text


def text_turns(lines: Iterable[tuple[int, str]], here: str) -> list[RawTurn]:
    """Raw turns of `Speaker: text` lines (optionally `[00:01:02] Speaker: ...`); a line
    without a speaker continues the turn before. Speakers may be any name: roles are decided
    later, as for every format (speaker_map, role names, inference)."""
    turns: list[RawTurn] = []
    for lineno, line in lines:
        if not line.strip():
            continue
        m = _TEXT_LINE.match(line)
        if m:
            stamp, label, text = m.groups()
            start = seconds(stamp, field_name="time", here=f"{here}: line {lineno}") \
                if stamp else None
            turns.append(RawTurn(label=label.strip(), text=text, start=start,
                                 place=f"line {lineno}"))
        elif turns:
            turns[-1].text = f"{turns[-1].text} {line.strip()}".strip()
        else:
            raise TranscriptError(f"{here}: line {lineno}: expected 'Speaker: text', "
                                  f"got {describe(line)}")
    return turns


def _text_turns(path: Path, ctx: ReadContext) -> tuple[list[RawTurn], dict[str, Any]]:
    return text_turns(_lines(path, ctx), str(path)), {}


def read_text(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]) -> Iterator[Record]:
    """Plain text, one `Speaker: text` line per turn (optionally `[00:01:02] Speaker: ...`);
    lines without a speaker continue the turn before."""
    return _one(path, ctx, "text", _text_turns)


TEXT = FileFormat(name="text", description="plain text lines 'Speaker: text' (optional "
                  "[hh:mm:ss] stamps)", extensions=(".txt", ".text"), read=read_text,
                  prefer_sniff=True, aliases=("txt", "plain"))


# ---------------------------------------------------------------- captions


def _blocks(path: Path, ctx: ReadContext) -> Iterator[tuple[int, list[str]]]:
    block: list[str] = []
    first = 0
    for lineno, line in _lines(path, ctx):
        if line.strip():
            if not block:
                first = lineno
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _speaker(payload: str, previous: str | None) -> list[tuple[str | None, str]]:
    """(speaker, text) pieces of a cue payload; a cue without a marker continues the
    previous speaker, as captions mark only speaker changes."""
    voices = _VOICE.findall(payload)
    if voices:
        return [(name.strip(), _clean(text)) for name, text in voices]
    text = _clean(payload)
    m = _PREFIX.match(text)
    if m:
        label = (m.group(1) or m.group(2)).strip()
        return [(label, m.group(3).strip())]
    return [(previous, text)]


def _clean(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _caption_turns(path: Path, ctx: ReadContext, fmt: str
                   ) -> tuple[list[RawTurn], dict[str, Any]]:
    turns: list[RawTurn] = []
    previous: str | None = None
    saw_header = fmt != "vtt"
    for first, block in _blocks(path, ctx):
        if not saw_header:
            if not block[0].lstrip("\ufeff").startswith("WEBVTT"):
                raise FormatError(f"{path}: line {first}: a WebVTT file starts with 'WEBVTT', "
                                  f"got {describe(block[0])}")
            saw_header = True
            continue
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is None:
            raise TranscriptError(f"{path}: line {first}: expected a cue timing line "
                                  f"'00:00:01.000 --> 00:00:04.000', got {describe(block[0])}")
        lineno = first + timing
        m = _CUE_TIME.match(block[timing])
        if not m:
            raise TranscriptError(f"{path}: line {lineno}: bad cue timing "
                                  f"{describe(block[timing])}")
        here = f"{path}: line {lineno}"
        start = seconds(m.group(1), field_name="start", here=here)
        end = seconds(m.group(2), field_name="end", here=here)
        for label, text in _speaker("\n".join(block[timing + 1:]), previous):
            if not text:
                continue
            turns.append(RawTurn(label=label, text=text, start=start, end=end,
                                 place=f"line {lineno}"))
            previous = label
    if ctx["merge_gap"] is None:
        turns = _join_cues(turns, CAPTION_MERGE_GAP)
    return turns, {}


def _join_cues(turns: list[RawTurn], gap: float) -> list[RawTurn]:
    out: list[RawTurn] = []
    for t in turns:
        p = out[-1] if out else None
        if (p is not None and p.label == t.label and p.label is not None
                and t.start is not None and p.end is not None and t.start - p.end <= gap):
            p.text = f"{p.text} {t.text}"
            p.end = max(p.end, t.end or p.end)
        else:
            out.append(t)
    return out


def read_vtt(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]) -> Iterator[Record]:
    """WebVTT captions; speakers from `<v Name>` voice spans or `Name:` prefixes."""
    return _one(path, ctx, "vtt", lambda p, c: _caption_turns(p, c, "vtt"))


def read_srt(path: Path, ctx: ReadContext, objects: Sequence[ObjectFormat]) -> Iterator[Record]:
    """SRT subtitles; speakers from `NAME:` (or `[NAME]`, `>> NAME:`) prefixes."""
    return _one(path, ctx, "srt", lambda p, c: _caption_turns(p, c, "srt"))


def _sniff_vtt(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"WEBVTT")


def _sniff_srt(head: bytes) -> bool:
    lines = [ln.strip() for ln in head.lstrip(b"\xef\xbb\xbf").splitlines() if ln.strip()][:2]
    return len(lines) == 2 and lines[0].isdigit() and b"-->" in lines[1]


VTT = FileFormat(name="vtt", description="WebVTT captions with <v Name> voices or 'Name:' "
                 "prefixes", extensions=(".vtt",), read=read_vtt, sniff=_sniff_vtt,
                 aliases=("webvtt",))
SRT = FileFormat(name="srt", description="SRT subtitles with 'NAME:' prefixes",
                 extensions=(".srt",), read=read_srt, sniff=_sniff_srt, aliases=("subrip",))
