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
    """A short repr of a bad value for an error message.

    Built piece by piece and cut at `limit`, so a huge or deeply nested value (a YAML alias
    bomb, a 5 MB string) costs no more than a short one; a short value gives its full repr.

    >>> describe(["lol"] * 3), describe("x" * 100, limit=12)
    ("['lol', 'lol', 'lol']", "'xxxxxxxx...")
    """
    parts: list[str] = []
    _preview(value, parts, [limit + 1])
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_CONTAINERS: dict[type, tuple[str, str]] = {
    list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"), dict: ("{", "}")}


def _preview(value: object, parts: list[str], budget: list[int]) -> None:
    """Append the repr of `value` to `parts` until `budget[0]` characters are spent."""
    if budget[0] <= 0:
        return
    # Exact types only (isinstance narrows for the checker): a subclass may define its own
    # __repr__, so it goes through repr() below.
    kind = type(value)
    if isinstance(value, (str, bytes)) and kind in (str, bytes):
        text = repr(value[: budget[0]])
    elif isinstance(value, int) and kind is int and value.bit_length() > 4 * budget[0]:
        text = f"<int of {value.bit_length()} bits>"
    elif (isinstance(value, (list, tuple, set, dict)) and kind in _CONTAINERS
          and (value or kind is not set)):
        _preview_container(value, kind, parts, budget)
        return
    else:
        try:
            text = repr(value)
        except Exception:  # a broken __repr__ must not hide the error being reported
            text = f"<{kind.__name__}>"
    parts.append(text)
    budget[0] -= len(text)


def _preview_container(value: list | tuple | set | dict, kind: type, parts: list[str],
                       budget: list[int]) -> None:
    opening, closing = _CONTAINERS[kind]
    parts.append(opening)
    budget[0] -= 1
    items = value.items() if isinstance(value, dict) else value
    for n, item in enumerate(items):
        if budget[0] <= 0:
            return
        if n:
            parts.append(", ")
            budget[0] -= 2
        if kind is dict:
            _preview(item[0], parts, budget)
            parts.append(": ")
            budget[0] -= 2
            _preview(item[1], parts, budget)
        else:
            _preview(item, parts, budget)
    if kind is tuple and len(value) == 1:
        parts.append(",")
    parts.append(closing)
    budget[0] -= 1 + (kind is tuple and len(value) == 1)
