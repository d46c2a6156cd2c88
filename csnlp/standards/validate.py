"""`csnlp standards validate FILE`: load a standards file and run its examples like unit tests."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from csnlp.errors import CsnlpError
from csnlp.standards.load import StandardSet, load_standards
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


def run_examples(standard_set: StandardSet) -> list[ExampleOutcome]:
    """Check every standard's `should_match` / `should_not_match` examples.

    A string example is one turn by the standard's speaker, matched against the standard's main
    rule; an example with a transcript is evaluated whole and its status compared.
    """
    from csnlp.evaluator import Evaluator

    ev = Evaluator(standard_set, tone_model=None)
    annotator = ev.annotator
    outcomes: list[ExampleOutcome] = []
    for spec in standard_set.standards:
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


def run_cli(file: str) -> int:
    """Print a line per example and a summary; exit 1 when an example fails, 2 when invalid."""
    try:
        standard_set = load_standards(file)
    except CsnlpError as exc:
        print(f"INVALID {file}\n{exc}")
        return 2
    outcomes = run_examples(standard_set)
    failed = [o for o in outcomes if not o.passed]
    for o in outcomes:
        mark = "PASS" if o.passed else "FAIL"
        print(f"{mark}  {o.standard_id:<24} expected {o.expected:<14} got {o.got:<14} "
              f"{o.example!r}")
    print(f"{standard_set.name} {standard_set.version}: {len(standard_set.standards)} standards "
          f"valid; examples: {len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
