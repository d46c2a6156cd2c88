"""`csnlp.evaluate`: one transcript in, one Report out. Evaluators are cached per standard set."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from csnlp.evaluator import DEFAULT, Evaluator
from csnlp.results import Report
from csnlp.standards.load import StandardSet, load_standards

_CACHE: dict[tuple[str, int], Evaluator] = {}


def get_evaluator(standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
                  *, tone_model: Any = DEFAULT) -> Evaluator:
    """The cached Evaluator for these standards (built on first use, reused afterwards)."""
    standard_set = load_standards(standards)
    key = (standard_set.digest, id(tone_model) if tone_model is not DEFAULT else 0)
    ev = _CACHE.get(key)
    if ev is None:
        ev = _CACHE[key] = Evaluator(standard_set, tone_model=tone_model)
    return ev


def evaluate(transcript: Any,
             standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
             *, tone_model: Any = DEFAULT) -> Report:
    """Judge one transcript against a standard set (default: the `contact_center` pack).

    >>> import csnlp
    >>> report = csnlp.evaluate("Agent: Hello, this is Ana. How can I help?\\nCustomer: Hi")
    >>> report["greeting"].status.value, report["agent_introduction"].status.value
    ('met', 'met')
    """
    return get_evaluator(standards, tone_model=tone_model).evaluate(transcript)
