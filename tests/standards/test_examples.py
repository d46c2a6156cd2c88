"""Every pack's own should_match / should_not_match examples hold, like unit tests."""

from __future__ import annotations

import pytest

import csnlp
from csnlp.cli import main
from csnlp.standard_examples import run_examples

OUTCOMES = [(pack, o) for pack in ("contact_center", "sales")
            for o in run_examples(csnlp.load_standards(pack))]


@pytest.mark.parametrize(("pack", "outcome"), OUTCOMES,
                         ids=[f"{p}:{o.standard_id}:{o.expected}:{o.example[:30]}"
                              for p, o in OUTCOMES])
def test_pack_example(pack, outcome):
    assert outcome.got == outcome.expected


def test_every_matching_standard_has_examples_both_ways():
    for spec in csnlp.load_standards("sales").standards:
        if spec.main_rule() is not None and spec.check != "customer_name":
            assert spec.examples.should_match and spec.examples.should_not_match, spec.id


def test_validate_cli_reports_failures(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text("""schema_version: 1
name: t
phrases: {hellos: [hello]}
standards:
  - id: greet
    check: require
    title: Greet
    match: {phrase_lists: [hellos]}
    examples: {should_match: ["Hello!", "Good morning"], should_not_match: ["Bye"]}
""")
    assert main(["standards", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  greet" in out and "'Good morning'" in out and "2 passed, 1 failed" in out
    path.write_text("schema_version: 1\nname: t\nstandards: []\n")
    assert main(["standards", "validate", str(path)]) == 2
