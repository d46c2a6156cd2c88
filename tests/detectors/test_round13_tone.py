"""Round 13: polite_tone reads a discourteous turn by the tone model's `rude` label
(`rude_label`, `rude_min`), whatever its words, and still penalises a phrase once."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED

_STANDARDS = """
schema_version: 1
name: round13 tone
standards:
  - id: courteous
    check: tone
    title: Courteous
    speaker: agent
    label: polite
    min_mean: 0.3
    min_turn: 0.01
    rude: {phrases: [shut up]}
    %s
  - id: no_bad_words
    check: forbid
    title: No bad words
    speaker: agent
    match: {phrases: [calm down]}
"""


class _FakeTone:
    """A turn containing "%%" (a marker no rule reads) scores 0.95 rude; every turn 0.6
    polite, so the mean and the lowest turn never decide."""

    labels = ("polite", "rude")

    def predict_proba(self, texts):
        return np.array([[0.6, 0.95] if "%%" in t else [0.6, 0.05] for t in texts])


def _report(agent_lines, options: str = "rude_label: rude\n    rude_min: 0.9"):
    turns = [("customer", "hi, my parcel never came")]
    for line in agent_lines:
        turns += [("agent", line), ("customer", "ok")]
    return judge(turns, yaml.safe_load(_STANDARDS % options), tone_model=_FakeTone())


def test_a_turn_the_model_reads_as_discourteous_misses_the_standard():
    report = _report(["Hello, let me look.", "It says delivered, so it was delivered %%"])
    result = report["courteous"]
    assert result.status is MISSED
    assert "discourteous" in result.explanation
    tone = [e for e in result.evidence if e.label == "rude"]
    assert [e.turn_index for e in tone] == [3]
    assert tone[0].score == pytest.approx(0.95)


def test_no_turn_over_the_bar_leaves_it_met():
    assert _report(["Hello, let me look.", "It shows as delivered."])["courteous"].status is MET


@pytest.mark.parametrize("options", ["", "rude_label: rude\n    rude_min: 0.99",
                                     "rude_label: angry\n    rude_min: 0.5"])
def test_without_the_label_or_under_its_bar_the_model_does_not_decide(options):
    # no rude_label, a bar over the score, a label the tone model does not have
    report = _report(["Hello, let me look.", "It says delivered %%"], options)
    assert report["courteous"].status is MET


def test_a_rude_label_the_tone_model_lacks_is_named_in_a_warning(caplog):
    with caplog.at_level("WARNING", logger="csnlp.detectors.kinds.tone"):
        _report(["Hello."], "rude_label: angry\n    rude_min: 0.5")
    assert any("rude_label 'angry' is not a label of the tone model (polite, rude)" in r.message
               for r in caplog.records)


def test_a_turn_a_forbid_standard_judges_is_penalised_once():
    report = _report(["Hello, let me look.", "Calm down, it says delivered %%"])
    assert report["no_bad_words"].status is MISSED
    assert report["courteous"].status is MET


def test_the_bar_is_validated_by_name():
    with pytest.raises(csnlp.StandardsError, match="rude_min"):
        _report(["Hello."], "rude_label: rude\n    rude_min: 1.5")
