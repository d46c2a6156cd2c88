"""The examples of a standards file, run like unit tests (`csnlp standards validate FILE`).

It builds an Evaluator to run them, so it sits above the evaluator, not in `csnlp.standards`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from csnlp.standards.load import StandardSet, list_packs
from csnlp.standards.spec import ExampleCase


@dataclass(frozen=True)
class ExampleOutcome:
    standard_id: str
    example: str
    expected: str
    got: str

    @property
    def passed(self) -> bool:
        return self.expected == self.got


def run_examples(standard_set: StandardSet, *, only: Iterable[str] | None = None
                 ) -> list[ExampleOutcome]:
    """Check every standard's `should_match` / `should_not_match` examples (or only those of
    the standards with ids in `only`).

    A string example is one turn by the standard's speaker, matched against the standard's main
    rule; an example with a transcript is evaluated whole and its status compared.
    """
    from csnlp.evaluator import Evaluator

    ev = Evaluator(standard_set, tone_model=None)
    annotator = ev.annotator
    outcomes: list[ExampleOutcome] = []
    keep = None if only is None else set(only)
    for spec in standard_set.standards:
        if keep is not None and spec.id not in keep:
            continue
        rule_path = _main_rule_path(spec)
        for expected, examples in (("match", spec.examples.should_match),
                                   ("no match", spec.examples.should_not_match)):
            for ex in examples:
                if isinstance(ex, ExampleCase):
                    got = ev.evaluate(ex.transcript)[spec.id].status.value
                    outcomes.append(ExampleOutcome(spec.id, str(ex.transcript)[:60],
                                                   ex.expect, got))
                    continue
                if rule_path is None:
                    continue
                rule = annotator.rule(spec.id, rule_path)
                hit = bool(rule.find(ex, annotator.annotate([ex])[0]))
                outcomes.append(ExampleOutcome(spec.id, ex, expected,
                                               "match" if hit else "no match"))
    return outcomes


def _main_rule_path(spec) -> str | None:
    main = spec.main_rule()
    if main is None:
        return None
    for name, value in spec:
        if value is main:
            return name
        if isinstance(value, BaseModel):
            for sub_name, sub_value in value:
                if sub_value is main:
                    return f"{name}.{sub_name}"
    return None


def own_standard_ids(source: str) -> tuple[str, ...] | None:
    """The ids of the standards a file defines itself, when it `extends:` another set (whose
    standards it inherits); None when every standard is its own (a pack, a file without
    `extends`).

    Call after `load_standards(source)` succeeded: the file is known to be valid YAML.
    """
    if source in list_packs() or not Path(source).is_file():
        return None
    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    if not isinstance(data, Mapping) or data.get("extends") is None:
        return None
    return tuple(str(s.get("id")) for s in data.get("standards") or ()
                 if isinstance(s, Mapping))
