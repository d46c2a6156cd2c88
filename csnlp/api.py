"""`csnlp.evaluate`: one transcript in, one Report out.

`get_evaluator` is the one cache of built Evaluators in a process, per standard set and models:
`csnlp.evaluate`, `evaluate_many` and batch worker processes all take theirs from it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from csnlp.evaluator import DEFAULT, Evaluator
from csnlp.results import Report
from csnlp.standards.load import StandardSet, load_standards

_CACHE: dict[tuple[Any, ...], Evaluator] = {}
_BUILDING = threading.Lock()  # two threads asking at once build one Evaluator, not two


def get_evaluator(standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
                  *, tone_model: Any = DEFAULT, act_model: Any = DEFAULT,
                  redact: bool = True, turn_cache: int | None = None) -> Evaluator:
    """The cached Evaluator for these standards and models (built once, reused afterwards)."""
    standard_set = load_standards(standards)
    key = (standard_set.digest, _model_key(tone_model), _model_key(act_model), bool(redact),
           turn_cache)
    ev = _CACHE.get(key)
    if ev is None:
        with _BUILDING:
            ev = _CACHE.get(key)
            if ev is None:
                ev = _CACHE[key] = Evaluator(standard_set, tone_model=tone_model,
                                             act_model=act_model, redact=redact,
                                             turn_cache=turn_cache)
    return ev


def _model_key(model: Any) -> Any:
    return model if model is None or isinstance(model, (str, Path)) else id(model)


def evaluate(transcript: Any,
             standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
             *, speaker_map: Mapping[str, str] | None = None, tone_model: Any = DEFAULT,
             act_model: Any = DEFAULT, redact: bool = True, **read_options: Any) -> Report:
    """Judge one transcript against a standard set (default: the `contact_center` pack).

    `transcript` is anything `csnlp.ingest` takes: a Transcript, a dict (extra keys become
    metadata), a list of turns, `Speaker: text` lines, a DataFrame of one conversation's turns,
    or a path to a file holding one conversation. `speaker_map` ({"Sam": "agent"}) says who is
    who; without it, speakers that are not role names are inferred as the file readers do.
    `read_options` are those of `csnlp.io.iter_records` (roles=, id_column=, ...). Personal
    data (cards, e-mails, phones, SSNs, IBANs, the metadata's names) in the report's evidence,
    explanations and metadata is replaced by typed placeholders unless `redact=False`.

    >>> import csnlp
    >>> report = csnlp.evaluate("Agent: Hello, this is Ana. How can I help?\\nCustomer: Hi")
    >>> report["greeting"].status.value, report["agent_introduction"].status.value
    ('met', 'met')
    """
    return get_evaluator(standards, tone_model=tone_model, act_model=act_model,
                         redact=redact).evaluate(
        transcript, speaker_map=speaker_map, **read_options)
