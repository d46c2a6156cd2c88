"""What the detector tests share: a call written as tuples, judged by the rules alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

import csnlp

_TURN_KEYS = ("speaker", "text", "start", "end")


def judge(turns: Sequence[tuple], standards: Any = "contact_center", *,
          metadata: Mapping[str, Any] | None = None, **options: Any) -> csnlp.Report:
    """The report of a call given as (speaker, text[, start, end]) tuples, with no tone or
    act model and no redaction unless `options` say otherwise."""
    call = {"turns": [dict(zip(_TURN_KEYS[:len(t)], t, strict=True)) for t in turns],
            "metadata": dict(metadata or {})}
    settings = {"tone_model": None, "act_model": None, "redact": False, **options}
    return csnlp.evaluate(call, standards, **settings)


_SPEAKERS = {"A": "agent", "C": "customer"}


def verdict(standard: str, turns: Sequence[tuple], channel: str = "chat",
            **metadata: Any) -> csnlp.StandardResult:
    """One standard's result, with the shipped models and no redaction, for turns given as
    ("A" or "C", text) or ("A" or "C", (text, start, end)) with timings."""
    rows = []
    for who, said in turns:
        row: dict[str, Any] = {"speaker": _SPEAKERS[who]}
        if isinstance(said, str):
            row["text"] = said
        else:
            row["text"], row["start"], row["end"] = said
        rows.append(row)
    call = {"metadata": {"channel": channel, **metadata}, "turns": rows}
    return csnlp.evaluate(call, "contact_center", redact=False)[standard]


def assert_verdict(standard: str, channel: str, turns: Sequence[tuple], status: str,
                   **metadata: Any) -> None:
    """A reviewer's input (`verdict`'s turns, and the call's metadata) gets the reviewer's
    status."""
    result = verdict(standard, turns, channel, **metadata)
    assert result.status.value == status, result.explanation


#: The arguments of a round file's cases (`round_cases`).
ROUND_ARGS = "standard, channel, turns, status, metadata"


def round_cases(cases: Sequence[tuple], **groups: Sequence[tuple]) -> list:
    """A round file's cases as pytest params of `ROUND_ARGS`: each case is (standard, channel,
    turns, status[, metadata]); `cases` have the ids "<standard>-<k>", each named group (the
    reviews' probes: `review=_REVIEW`) "<group>-<standard>-<k>"."""
    params = []
    for prefix, group in (("", cases), *groups.items()):
        for k, (standard, channel, turns, status, *rest) in enumerate(group):
            name = f"{standard}-{k}" if not prefix else f"{prefix}-{standard}-{k}"
            params.append(pytest.param(standard, channel, turns, status,
                                       rest[0] if rest else {}, id=name))
    return params
