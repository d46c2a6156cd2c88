"""The transcript formats csnlp reads, listed explicitly (no import-time registration).

Two kinds: file formats say how to stream a file into Records (JSON, JSONL, CSV, ...); object
formats say how one parsed JSON value becomes a Transcript (Amazon Transcribe, Whisper, ...).
A JSON or JSONL file holds values of any object format, detected value by value.
"""

from __future__ import annotations

from pathlib import Path

from csnlp.io.formats import aws, generic, google, harper_valley, helpdesk, text, whisper
from csnlp.io.formats.base import FileFormat, ObjectFormat, ReadContext, Record

#: File formats, in the order their content sniffers are tried.
FILE_FORMATS: tuple[FileFormat, ...] = (
    text.VTT,
    text.SRT,
    generic.JSONL,
    generic.JSON,
    generic.PARQUET,
    generic.CSV,
    text.TEXT,
)

#: Object formats, most specific first: the first whose `match` accepts a value reads it.
OBJECT_FORMATS: tuple[ObjectFormat, ...] = (
    aws.AWS_CONNECT_CHAT,
    aws.AWS_CALL_ANALYTICS,
    aws.AWS_TRANSCRIBE,
    google.GOOGLE_CCAI,
    whisper.WHISPERX,
    whisper.WHISPER,
    helpdesk.ZENDESK,
    helpdesk.INTERCOM,
    harper_valley.HARPER_VALLEY,
    generic.NATIVE,
)


def claim_directory(folder: Path) -> tuple[list[Path], str] | None:
    """Files and format of a folder laid out by a known dataset (not walked file by file)."""
    files = harper_valley.claim(folder)
    if files is not None:
        return files, harper_valley.HARPER_VALLEY.name
    return None


__all__ = ["FILE_FORMATS", "OBJECT_FORMATS", "FileFormat", "ObjectFormat", "ReadContext",
           "Record", "claim_directory"]
