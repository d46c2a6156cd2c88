"""Hybrid detection: rules first, the act classifier as a fallback, with classifier evidence."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import csnlp
from csnlp.evaluator import Evaluator
from csnlp.results import EvidenceRole


class FakeActModel:
    """Scores further_help high only for 'one more thing', apology_empathy for 'in your shoes'."""

    acts = ("further_help", "closing", "greeting", "self_introduction", "resolution_check",
            "apology_empathy", "upsell_offer")
    thresholds = dict.fromkeys(acts, 0.7)
    model_id = "fake-acts"

    def predict_proba(self, texts):
        out = np.zeros((len(texts), len(self.acts)))
        for i, text in enumerate(texts):
            if "one more thing" in text:
                out[i, 0] = 0.93
            if "in your shoes" in text:
                out[i, 5] = 0.88
        return out


PARAPHRASE = ("Agent: Hello, thanks for calling.\nCustomer: My router is down.\n"
              "Agent: I've reset it. Can I sort out one more thing for you?\n"
              "Customer: Nothing, thanks.\nAgent: Have a great day!")


@pytest.fixture(scope="module")
def pack():
    return csnlp.load_standards("contact_center")


def test_paraphrase_caught_only_by_the_classifier(pack):
    rules_only = Evaluator(pack, tone_model=None, act_model=None).evaluate(PARAPHRASE)
    assert rules_only["further_assistance"].status.value == "missed"
    hybrid = Evaluator(pack, tone_model=None, act_model=FakeActModel()).evaluate(PARAPHRASE)
    result = hybrid["further_assistance"]
    assert result.status.value == "met"
    (ev,) = result.evidence
    assert ev.rule == "classifier:further_help" and ev.score == pytest.approx(0.93)
    assert ev.role is EvidenceRole.CLASSIFIER and ev.label == "further_help"
    assert ev.turn_index == 2 and "act classifier" in result.explanation
    assert hybrid.provenance["act_model"] == "fake-acts"


def test_rule_match_wins_over_the_classifier(pack):
    text = PARAPHRASE.replace("Can I sort out one more thing for you?",
                              "Anything else I can sort out for you, one more thing?")
    result = Evaluator(pack, tone_model=None, act_model=FakeActModel()).evaluate(text)
    assert result["further_assistance"].evidence[0].rule == "phrase:further_help"


def test_classifier_switched_off_in_the_standards_file(pack):
    data = copy.deepcopy(pack.to_dict())
    for std in data["standards"]:
        if std["id"] == "further_assistance":
            std["classifier"]["enabled"] = False
    off = Evaluator(data, tone_model=None, act_model=FakeActModel()).evaluate(PARAPHRASE)
    assert off["further_assistance"].status.value == "missed"


def test_per_standard_threshold_overrides_the_model(pack):
    data = copy.deepcopy(pack.to_dict())
    for std in data["standards"]:
        if std["id"] == "further_assistance":
            std["classifier"]["threshold"] = 0.95
    strict = Evaluator(data, tone_model=None, act_model=FakeActModel()).evaluate(PARAPHRASE)
    assert strict["further_assistance"].status.value == "missed"


def test_empathy_response_by_classifier(pack):
    text = ("Agent: Hi there.\nCustomer: This is ridiculous, third time I call.\n"
            "Agent: Ugh, nobody wants to be in your shoes today.\nCustomer: ok")
    result = Evaluator(pack, tone_model=None, act_model=FakeActModel()).evaluate(text)
    emp = result["empathy_on_complaint"]
    assert emp.status.value == "met"
    assert [e.rule for e in emp.evidence][-1] == "classifier:apology_empathy"
    assert [(e.role, e.label) for e in emp.evidence] == [
        (EvidenceRole.TRIGGER, "phrase:frustration"),
        (EvidenceRole.CLASSIFIER, "apology_empathy")]


def test_unknown_classifier_act_is_refused(pack):
    data = copy.deepcopy(pack.to_dict())
    data["standards"][0]["classifier"] = {"act": "telepathy"}
    with pytest.raises(csnlp.StandardsError, match="classifier.act 'telepathy'"):
        Evaluator(data, tone_model=None, act_model=FakeActModel())


def test_classifier_does_not_override_a_veto(pack):
    class SorryModel(FakeActModel):
        def predict_proba(self, texts):
            out = np.zeros((len(texts), len(self.acts)))
            out[:, 5] = [0.95 if "sorry" in t.lower() else 0.0 for t in texts]
            return out

    text = "Agent: Hi there.\nCustomer: This is ridiculous!\nAgent: Sorry, what was that?"
    result = Evaluator(pack, tone_model=None, act_model=SorryModel()).evaluate(text)
    assert result["empathy_on_complaint"].status.value == "missed"
