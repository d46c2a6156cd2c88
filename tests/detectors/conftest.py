"""What the detector tests share: a call written as tuples, judged by the rules alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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
