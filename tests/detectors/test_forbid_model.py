"""`forbid`'s per-turn model (round 40): where the rules find nothing, a turn the model reads as
forbidden at its threshold misses the standard, the whole turn the evidence; the model is scored
with the tone model as turns are annotated, and without a tone model or its files it is not
used."""

from __future__ import annotations

import logging

import numpy as np
import pytest

import csnlp
from csnlp import evaluator as evaluator_module
from csnlp.errors import ModelError
from csnlp.evaluator import Evaluator, resolve_turn_models
from csnlp.ml.tone import default_tone_model
from csnlp.results import EvidenceRole

MARK = "moonbeam"  # a word no rule lists: the fake model's only cue


class FakeBlameModel:
    """Reads a turn as blaming (0.99) when it holds MARK, else 0.01."""

    name = "blame-v1"
    labels = ("blaming",)
    thresholds = {"blaming": 0.95}
    model_id = "blame-v1@fake"

    def predict_proba(self, texts):
        return np.array([[0.996 if MARK in t else 0.01] for t in texts])


def _conversation(agent_line: str) -> str:
    return (f"Agent: Hello, thanks for calling.\nCustomer: My parcel is late.\n"
            f"Agent: {agent_line}\nCustomer: Okay.\nAgent: Thanks for calling, bye.")


@pytest.fixture
def with_fake(monkeypatch):
    if default_tone_model() is None:
        pytest.skip("models/tone-v1 is absent: turn models are scored with the tone model")
    monkeypatch.setattr(evaluator_module, "resolve_turn_models",
                        lambda standards, tone: (FakeBlameModel(),) if tone is not None else ())


def test_a_turn_the_model_reads_misses_the_standard_with_the_turn_as_evidence(with_fake):
    ev = Evaluator("contact_center")
    report = ev.evaluate(_conversation(f"It got stuck, {MARK} was the reason for you."))
    result = report["prohibited_language"]
    assert result.status.value == "missed"
    (evidence,) = result.evidence
    assert evidence.role is EvidenceRole.TONE and evidence.label == "blaming"
    assert evidence.turn_index == 2 and evidence.score == pytest.approx(0.996)
    assert evidence.text == f"It got stuck, {MARK} was the reason for you."
    # (the pack's `min`, 0.99, over the model's own threshold)
    assert "blame-v1 model (1.00, from 0.99)" in result.explanation
    assert report.provenance["turn_models"] == "blame-v1@fake"
    # ... and nothing it does not read
    calm = ev.evaluate(_conversation("It got stuck at the depot, it's on its way now."))
    assert calm["prohibited_language"].status.value == "met"


def test_the_rules_come_first(with_fake):
    report = Evaluator("contact_center").evaluate(
        _conversation(f"Calm down, {MARK} happens."))
    result = report["prohibited_language"]
    assert result.status.value == "missed"
    assert all(e.role is EvidenceRole.MATCH for e in result.evidence)


def _with_min(value):
    spec = csnlp.load_standards("contact_center").to_dict()
    for s in spec["standards"]:
        if s["id"] == "prohibited_language":
            s["model"]["min"] = value
    return spec


def test_a_pack_threshold_overrides_the_models(with_fake):
    line = _conversation(f"It got stuck, {MARK} was the reason for you.")
    assert Evaluator(_with_min(0.999)).evaluate(line)["prohibited_language"].status.value == "met"
    # without one, the model's own (0.95)
    result = Evaluator(_with_min(None)).evaluate(line)["prohibited_language"]
    assert result.status.value == "missed" and "from 0.95" in result.explanation


def test_without_a_tone_model_no_turn_model_is_read(with_fake):
    ev = Evaluator("contact_center", tone_model=None)
    assert ev.turn_models == () and ev.provenance["turn_models"] is None
    report = ev.evaluate(_conversation(f"It got stuck, {MARK} was the reason for you."))
    assert report["prohibited_language"].status.value == "met"


def test_absent_model_files_leave_the_rules(tmp_path, monkeypatch, caplog):
    tone = default_tone_model()
    if tone is None:
        pytest.skip("models/tone-v1 is absent")
    monkeypatch.setenv("CSNLP_MODELS_DIR", str(tmp_path))  # no blame-v1 there
    monkeypatch.setattr(evaluator_module, "_OPTED_OUT", set())
    with caplog.at_level(logging.WARNING, logger="csnlp.evaluator"):
        assert resolve_turn_models(csnlp.load_standards("contact_center"), tone) == ()
    assert "blame-v1" in caplog.text and "csnlp.calibration.blame" in caplog.text


def test_a_model_scoring_a_label_already_scored_is_refused(tmp_path, monkeypatch):
    from csnlp.ml.tone import ToneModel

    tone = default_tone_model()
    if tone is None:
        pytest.skip("models/tone-v1 is absent")
    monkeypatch.setenv("CSNLP_MODELS_DIR", str(tmp_path))
    clash = ToneModel(labels=("polite",), Cs=(1.0,), cv=2, min_df=1, name="blame-v1").fit(
        ["thanks so much", "thank you kindly", "fix it now", "do it now"], [[1], [1], [0], [0]])
    clash.save(tmp_path / "blame-v1")
    with pytest.raises(ModelError, match="polite"):
        resolve_turn_models(csnlp.load_standards("contact_center"), tone)


def test_the_shipped_model_reads_blaming_no_rule_lists():
    """Sentences written for this test, none in the DEV sets or the rules."""
    ev = Evaluator("contact_center")
    if not ev.turn_models:
        pytest.skip("models/blame-v1 or tone-v1 is absent")
    blaming = ev.evaluate(_conversation(
        "Well, the address you typed in had the wrong postcode, which is why it bounced back."))
    assert blaming["prohibited_language"].status.value == "missed"
    kind = ev.evaluate(_conversation(
        "I'm so sorry, it was held at our depot by mistake; I've sent it out again today."))
    assert kind["prohibited_language"].status.value == "met"


def test_only_turns_that_address_the_customer_are_read(with_fake):
    report = Evaluator("contact_center").evaluate(
        _conversation(f"It got stuck, {MARK} at the depot."))
    assert report["prohibited_language"].status.value == "met"


def test_a_turn_owning_the_fault_is_not_read(with_fake):
    report = Evaluator("contact_center").evaluate(
        _conversation(f"So sorry, {MARK} was our mistake, not yours."))
    assert report["prohibited_language"].status.value == "met"


def test_the_packs_addressed_turns_are_the_ones_training_scores():
    from csnlp.calibration.blame import ADDRESSED

    spec = csnlp.load_standards("contact_center")["prohibited_language"]
    assert spec.model is not None and list(spec.model.only_if.regex) == [ADDRESSED]
