"""The courtesy model (csnlp.ml.courtesy), its training (csnlp.calibration.courtesy) and the tone
standard's overall reading that uses it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import csnlp
from csnlp.calibration.courtesy import cross_validate, devset_cases, train_courtesy
from csnlp.errors import InputError, ModelError
from csnlp.ml.courtesy import (
    FEATURES,
    CourtesyModel,
    load_courtesy_model,
    named_courtesy_model,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "models" / "courtesy-v1"


def _toy(threshold: float = 0.7) -> CourtesyModel:
    return CourtesyModel(model_id="toy", features=("share_courteous", "complaint_unanswered"),
                         means=(0.5, 0.3), scales=(0.25, 0.5), weights=(-2.0, 1.0),
                         intercept=0.0, threshold=threshold)


def test_probability_moves_with_courtesy_and_an_unanswered_complaint():
    m = _toy()
    curt = m.probability({"share_courteous": 0.0, "complaint_unanswered": 1.0})
    warm = m.probability({"share_courteous": 1.0, "complaint_unanswered": 0.0})
    assert curt > 0.95 and warm < 0.05


def test_save_and_load_round_trip(tmp_path):
    m = _toy()
    m.save(tmp_path, meta={"n": 1})
    assert load_courtesy_model(tmp_path) == m
    assert json.loads((tmp_path / "meta.json").read_text())["n"] == 1


@pytest.mark.parametrize("content, words", [
    ("{not json", "is not JSON"),
    ('{"model_id": "x"}', "KeyError"),
    ('{"model_id": "x", "features": ["shoe_size"], "means": [0], "scales": [1], '
     '"weights": [1], "intercept": 0, "threshold": 0.5}', "unknown features"),
    ('{"model_id": "x", "features": ["n_turns"], "means": [0], "scales": [1], '
     '"weights": [1], "intercept": 0, "threshold": 1.5}', "threshold must be"),
])
def test_a_bad_model_file_is_a_model_error_naming_it(tmp_path, content, words):
    (tmp_path / "model.json").write_text(content)
    with pytest.raises(ModelError, match=words) as info:
        load_courtesy_model(tmp_path)
    assert "courtesy model" in str(info.value)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ModelError, match="same length"):
        CourtesyModel(model_id="x", features=("n_turns",), means=(0.0, 1.0), scales=(1.0,),
                      weights=(1.0,), intercept=0.0, threshold=0.5)


def test_an_absent_model_is_none(tmp_path, monkeypatch):
    monkeypatch.setenv("CSNLP_MODELS_DIR", str(tmp_path))
    named_courtesy_model.cache_clear()
    try:
        assert named_courtesy_model("courtesy-v1") is None
    finally:
        named_courtesy_model.cache_clear()


@pytest.mark.skipif(not (SHIPPED / "model.json").exists(), reason="models/courtesy-v1 absent")
def test_the_shipped_model_reads_every_feature_and_says_how_it_was_chosen():
    m = load_courtesy_model(SHIPPED)
    assert m.features == FEATURES
    meta = json.loads((SHIPPED / "meta.json").read_text())
    assert meta["model_id"] == m.model_id
    assert meta["chosen"]["threshold"] == m.threshold
    assert meta["chosen"]["score"] == max(r["score"] for r in meta["cross_validation"])
    assert all(r["score"] == round(r["fixed"] - 1.5 * r["broken"], 2)
               for r in meta["cross_validation"])
    assert (SHIPPED / "MODEL_CARD.md").exists()


# -- the tone standard's overall reading ------------------------------------------------------

_CURT = [  # one courteous word, short cold answers, the complaint left without sympathy
    ("customer", "The dishwasher you installed on Monday is leaking all over my kitchen floor "
                 "and the engineer left without testing it."),
    ("agent", "Model number."),
    ("customer", "It is the DW-500, the one your engineer fitted two days ago."),
    ("agent", "Engineer can come Friday."),
    ("customer", "Friday? The floor is soaked now, can nobody come sooner?"),
    ("agent", "Friday, thanks."),
]
_WARM = [
    _CURT[0],
    ("agent", "Oh no, I'm so sorry, that's the last thing you need. Which model is it, please?"),
    _CURT[2],
    ("agent", "Thank you. I can get an engineer to you first thing on Friday."),
    _CURT[4],
    ("agent", "I understand, let me ask the nearest engineer to come today instead. Thanks for "
              "bearing with us."),
]


def _polite(turns):
    call = {"metadata": {"channel": "chat"},
            "turns": [{"speaker": s, "text": t} for s, t in turns]}
    return csnlp.evaluate(call, "contact_center", redact=False)["polite_tone"]


@pytest.mark.skipif(not (SHIPPED / "model.json").exists(), reason="models/courtesy-v1 absent")
def test_an_agent_curt_overall_without_a_rude_phrase_is_missed_by_the_model():
    result = _polite(_CURT)
    assert result.status.value == "missed"
    assert "courtesy model" in result.explanation
    assert "a complaint left without sympathy" in result.explanation
    assert result.evidence and all(e.speaker == "agent" for e in result.evidence)
    assert _polite(_WARM).status.value == "met"


def test_without_a_tone_model_the_overall_reading_is_not_used():
    call = {"turns": [{"speaker": s, "text": t} for s, t in _CURT]}
    result = csnlp.evaluate(call, "contact_center", tone_model=None, redact=False)["polite_tone"]
    assert "courtesy model" not in result.explanation


@pytest.mark.skipif(not (SHIPPED / "model.json").exists(), reason="models/courtesy-v1 absent")
def test_the_unanswered_complaint_is_read_from_the_verdict_judged_before():
    from csnlp.evaluator import Evaluator
    from csnlp.ingest import coerce
    from csnlp.results import StandardResult, Status

    ev = Evaluator("contact_center", redact=False)
    t = coerce({"turns": [{"speaker": s, "text": x} for s, x in _CURT]})
    annotations = ev.annotator.annotate([x.text for x in t.turns], [x.speaker for x in t.turns])
    ctx = ev.context(t, annotations)  # nothing judged yet
    tone = dict(zip([s.id for s in ev.standard_set.standards], ev.detectors, strict=True))["polite_tone"]
    assert tone.overall_values(ctx)["complaint_unanswered"] == 0.0
    ctx.judged["empathy_on_complaint"] = StandardResult(
        standard_id="empathy_on_complaint", status=Status.MISSED, score=0.0, evidence=(),
        explanation="")
    assert tone.overall_values(ctx)["complaint_unanswered"] == 1.0
    # the Evaluator fills `judged` as it goes, in the set's order
    report = ev.evaluate({"turns": [{"speaker": s, "text": x} for s, x in _CURT]})
    assert report["empathy_on_complaint"].status.value == "missed"


# -- training ------------------------------------------------------------------------------------

def _rows(n_groups: int = 6, per: int = 40, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    X, y, groups = [], [], []
    for g in range(n_groups):
        for _ in range(per):
            curt = rng.random() < 0.3
            row = rng.normal(0, 1, len(FEATURES))
            row[FEATURES.index("share_courteous")] = (0.1 if curt else 0.8) + rng.normal(0, 0.1)
            X.append(row)
            y.append(curt)
            groups.append(str(g))
    y_arr = np.array(y)
    rule_met = ~y_arr | (rng.random(len(y)) < 0.5)  # the rules catch half of the curt ones
    return {"X": np.array(X), "y": y_arr, "rule_met": rule_met, "reviewer_met": ~y_arr,
            "groups": np.array(groups)}


def test_training_finds_the_signal_and_picks_the_threshold_cross_validation_likes():
    rows = _rows()
    model, meta = train_courtesy(rows)
    assert model.weights[FEATURES.index("share_courteous")] < 0
    assert meta["chosen"]["score"] == max(r["score"] for r in meta["cross_validation"]) > 0
    assert model.threshold == meta["chosen"]["threshold"]
    table = cross_validate(rows)
    assert [r["flips"] for r in table] == sorted((r["flips"] for r in table), reverse=True)


def test_training_refuses_too_few_labels():
    rows = _rows(n_groups=2, per=10)
    with pytest.raises(InputError, match="too few labelled"):
        train_courtesy(rows)


def test_devset_cases_name_a_bad_file(tmp_path):
    with pytest.raises(InputError, match="no .yaml files"):
        list(devset_cases(tmp_path))
    (tmp_path / "calls9.yaml").write_text("category: x\ncases:\n  - name: a\n")
    with pytest.raises(InputError, match=r"calls9.yaml: cases\[0\]"):
        list(devset_cases(tmp_path))


def test_overall_unanswered_must_be_judged_before_it():
    def pack(*ids):
        standards = {
            "polite_tone": {"id": "polite_tone", "check": "tone", "title": "Stay courteous",
                            "speaker": "agent", "overall": {"unanswered": "empathy"}},
            "empathy": {"id": "empathy", "check": "respond", "title": "Empathy",
                        "trigger": {"speaker": "customer", "match": {"phrases": ["broken"]}},
                        "response": {"match": {"phrases": ["sorry"]}}}}
        return {"schema_version": 1, "name": "t", "standards": [standards[i] for i in ids]}

    call = {"turns": [{"speaker": "agent", "text": "hello"}]}
    with pytest.raises(csnlp.StandardsError, match="overall.unanswered 'empathy' is listed after"):
        csnlp.evaluate(call, pack("polite_tone", "empathy"))
    # before it, or not in the set at all (a subset of a pack): fine
    assert csnlp.evaluate(call, pack("empathy", "polite_tone"))["polite_tone"].status.value
    assert csnlp.evaluate(call, pack("polite_tone"))["polite_tone"].status.value
