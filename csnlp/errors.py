"""Errors csnlp raises on purpose. All derive from CsnlpError; bad input is also a ValueError."""

from __future__ import annotations


class CsnlpError(Exception):
    """Root of every error csnlp raises on purpose."""


class InputError(CsnlpError, ValueError):
    """Bad user input. The message names the place (file, line/record, field) and the value."""


class TranscriptError(InputError):
    """A transcript that cannot be read or normalised."""


class StandardsError(InputError):
    """A standards file or dict that does not validate."""


class PatternTimeout(StandardsError):
    """A standards file's regular expression stopped at its time limit on a turn (it
    backtracks catastrophically); its standard is judged `error`, the others normally."""


class FormatError(InputError):
    """A transcript file that is not in the format it claims or was detected as."""


class ModelError(CsnlpError, ValueError):
    """A model file that is missing, unknown, tampered with or of an unsupported version."""


def describe(value: object, limit: int = 60) -> str:
    """A short repr of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
