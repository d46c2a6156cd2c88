"""Models fail loudly: absent, missing or altered models are a ModelError naming the path;
only an explicit None runs without one (logged once)."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest

import csnlp.evaluator as E
from csnlp.errors import ModelError
from csnlp.evaluator import Evaluator, resolve_act_model, resolve_tone_model
from csnlp.ml import acts, tone

MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture
def models_dir(monkeypatch, tmp_path):
    """An empty CSNLP_MODELS_DIR, with the cached default models forgotten before and after."""
    monkeypatch.setenv("CSNLP_MODELS_DIR", str(tmp_path))
    tone.default_tone_model.cache_clear()
    acts.default_act_model.cache_clear()
    yield tmp_path
    tone.default_tone_model.cache_clear()
    acts.default_act_model.cache_clear()


def test_absent_default_tone_model_is_an_error(models_dir):
    with pytest.raises(ModelError, match=f"{models_dir / 'tone-v1'}: no tone model there"):
        Evaluator("contact_center")


def test_absent_default_act_model_is_an_error(models_dir):
    if not (MODELS / "tone-v1").is_dir():
        pytest.skip("needs the shipped tone model in models/")
    shutil.copytree(MODELS / "tone-v1", models_dir / "tone-v1")
    with pytest.raises(ModelError, match=f"{models_dir / 'acts-v1'}: no act model there"):
        Evaluator("contact_center")


def test_opting_out_is_allowed_and_logged_once(models_dir, monkeypatch, caplog):
    monkeypatch.setattr(E, "_OPTED_OUT", set())
    with caplog.at_level(logging.INFO, logger="csnlp.evaluator"):
        ev = Evaluator("contact_center", tone_model=None, act_model=None)
        Evaluator("contact_center", tone_model=None, act_model=None)
    assert ev.tone_model is None and ev.act_model is None
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert sum("tone_model=None" in m for m in messages) == 1
    assert sum("act_model=None" in m for m in messages) == 1


def test_a_path_that_does_not_exist_is_an_error(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(ModelError, match=f"{missing}: model not found"):
        resolve_tone_model(missing)
    with pytest.raises(ModelError, match=f"{missing}: model not found"):
        resolve_act_model(str(missing))


def test_an_altered_model_file_is_an_error(tmp_path):
    if not (MODELS / "tone-v1").is_dir():
        pytest.skip("needs the shipped tone model in models/")
    copy = shutil.copytree(MODELS / "tone-v1", tmp_path / "tone-v1")
    data = bytearray((copy / "arrays.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "arrays.npz").write_bytes(bytes(data))
    with pytest.raises(ModelError, match=f"{copy / 'arrays.npz'}: sha256"):
        Evaluator("contact_center", tone_model=copy, act_model=None)


def test_a_model_module_that_cannot_be_imported_is_an_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "csnlp.ml.tone", None)
    with pytest.raises(ModelError, match="tone_model: csnlp.ml.tone cannot be imported"):
        resolve_tone_model("default")


def test_a_value_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match="tone_model must be 'default', a path"):
        resolve_tone_model(42)
