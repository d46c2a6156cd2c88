"""The written service lines that train `frustrated` (csnlp/ml/data/service_tone), and the
models' one token for numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from csnlp.errors import InputError
from csnlp.ml import train_tone as TT
from csnlp.nlp.normalise import NUMBER_TOKEN, model_words, norm_words, shared_nlp

ROOT = Path(__file__).resolve().parents[2]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_each_writer_gives_complaints_and_calm_lines():
    for writer in TT.SERVICE_WRITERS:
        texts, labels = TT.load_service_lines((writer,))
        assert len(texts) == len(labels) >= 300
        assert set(labels) == {0, 1}
        assert 0.4 < sum(labels) / len(labels) < 0.6
        assert all(t.strip() and "\t" not in t for t in texts)


def test_each_agent_writer_gives_rude_and_courteous_lines():
    for writer in TT.AGENT_WRITERS:
        texts, labels = TT.load_agent_lines((writer,))
        assert len(texts) >= 250
        assert all(t.strip() and "\t" not in t for t in texts)
        if writer in TT.AGENT_MIXED_WRITERS:
            assert 0.35 <= sum(labels) / len(labels) <= 0.55
        else:  # ordinary turns only
            assert set(labels) == {0}


def test_an_unknown_writer_is_refused_by_name():
    with pytest.raises(InputError, match="unknown writer 'poet'"):
        TT.load_service_lines(("poet",))


def _evaluation_turns() -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_tone", ROOT / "benchmarks/tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = [*module.SERVICE_COMPLAINTS_CHECK, *module.SERVICE_CALM_CHECK]
    # the held-out customer messages of benchmarks/labels (label<TAB>text)
    for path in sorted((ROOT / "benchmarks/labels").glob("*.tsv")):
        texts += [line.split("\t", 1)[1] for line in path.read_text("utf-8").splitlines()[1:]
                  if "\t" in line]
    for folder in ("benchmarks/devsets", "benchmarks/paraphrases", "benchmarks/blind",
                   "benchmarks/blind/next"):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            for case in yaml.safe_load(path.read_text("utf-8")).get("cases", []):
                texts += [t["text"] for t in case["transcript"].get("turns", [])]
    return texts


def test_no_written_line_is_an_evaluation_turn():
    """A written line (customer or agent, csnlp/ml/data/service_tone and agent_tone) equal to
    a turn of an evaluation set (three words or more), or inside one (six words or more),
    would train on what measures the model."""
    evaluation = {_key(t) for t in _evaluation_turns()}
    joined = " || ".join(evaluation)
    texts = TT.load_service_lines()[0] + TT.load_agent_lines()[0]
    clashes = [t for t in texts
               if (len(_key(t).split()) >= 3 and _key(t) in evaluation)
               or (len(_key(t).split()) >= 6 and _key(t) in joined)]
    assert clashes == []


@pytest.mark.parametrize("text, numbers", [
    ("the amount is a hundred and three dollars", 2),
    ("charged £49.99 twice on the 3rd", 2),
    ("ref 4471-2208 at 5pm", 3),
    ("no one called me back", 0),       # "one" is a pronoun here: left a word
    ("oh great, thanks", 0),
])
def test_models_read_every_number_as_one_token(text, numbers):
    assert model_words(text).count(NUMBER_TOKEN) == numbers


def test_matching_keeps_the_number_words():
    words, _ = norm_words(shared_nlp().make_doc("it was forty pounds on the 3rd"))
    assert "forty" in words and "3rd" in words and NUMBER_TOKEN not in words


def test_spoken_amounts_do_not_read_as_frustration():
    """Amounts in the written complaints once made numbers frustrated words ("the amount is a
    hundred and three dollars" scored 0.97): with one number token they are neutral."""
    from csnlp.ml.tone import load_tone_model

    model = load_tone_model()
    col = model.labels.index("frustrated")
    calm = ["the amount of the bill is two hundred and six dollars", "it is five four three",
            "my reference is seven seven two one"]
    assert (model.predict_proba(calm)[:, col] < 0.5).all()


def test_the_opt_in_rude_label_trains_on_agent_lines_and_clerk_turns(shared_data):
    ts = TT.build_training_set(shared_data, ("rude",))
    assert ts.labels == ("rude",)
    written = ts.counts["rude/written agent lines"]
    assert written["positive"] > 300 and written["n"] > 800
    clerks = sum(v["n"] for k, v in ts.counts.items() if "clerk turns" in k)
    assert clerks > 5000
    # the clerk turns are all 0; every 1 is a written line, weighted as AGENT_LINE_WEIGHTS says
    assert int((ts.y[:, 0] == 1).sum()) == written["positive"]
    assert set(ts.weights[ts.y[:, 0] == 1]) == {TT.AGENT_LINE_WEIGHTS[1]}
    assert "rude" not in TT.LABELS and "rude" in TT.ALL_LABELS
