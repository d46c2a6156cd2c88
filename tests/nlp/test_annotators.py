"""The fast annotator gives exactly the reference annotator's annotations, on real corpora."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BATCH_TURNS = 300  # about what evaluate_many hands the annotator at once


def _examples() -> list[tuple[str, str]]:
    import csnlp

    turns = [(t.text, t.speaker) for tr in csnlp.read_transcripts(REPO / "examples" / "transcripts")
             for t in tr.turns]
    assert len(turns) > 50
    return turns


def _harper_valley(data: Path) -> list[tuple[str, str]]:
    import csnlp

    calls = csnlp.read_transcripts(data / "harper-valley", format="harper_valley")
    return [(t.text, t.speaker) for tr in calls for t in tr.turns]


def _sgd(data: Path, dialogues: int = 120) -> list[tuple[str, str]]:
    path = sorted((data / "sgd-sample" / "test").glob("dialogues_*.json"))[0]
    speaker = {"USER": "customer", "SYSTEM": "agent"}
    return [(t["utterance"], speaker[t["speaker"]])
            for dlg in json.loads(path.read_text(encoding="utf-8"))[:dialogues]
            for t in dlg["turns"]]


def _multiwoz(data: Path, dialogues: int = 120) -> list[tuple[str, str]]:
    with zipfile.ZipFile(data / "multiwoz" / "test.json.zip") as z:
        log = json.loads(z.read("test.json"))
    return [(t["text"], "customer" if i % 2 == 0 else "agent")
            for dlg in list(log.values())[:dialogues] for i, t in enumerate(dlg["log"])]


@pytest.fixture(scope="module")
def annotators():
    from csnlp.ml.acts import default_act_model
    from csnlp.ml.tone import default_tone_model
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.reference import ReferenceAnnotator
    from csnlp.standards import load_standards

    standards = load_standards("contact_center")
    models = {"tone_model": default_tone_model(), "act_model": default_act_model()}
    assert models["tone_model"] is not None and models["act_model"] is not None
    return ReferenceAnnotator(standards, **models), FastAnnotator(standards, **models)


def _fields(ann):
    return ann.matches, ann.words, ann.spans, ann.tone, ann.acts


def _assert_identical(annotators, turns: list[tuple[str, str]]) -> None:
    from csnlp.nlp.fast import WARM_TURNS

    reference, fast = annotators
    texts = [t for t, _ in turns]
    speakers = [s for _, s in turns]
    with reference.memory_zone():
        want = [_fields(a) for a in reference.annotate(texts, speakers)]
    # Cold (turns tokenized one by one, outside zones), then warm (joined, inside zones).
    for warm in (0, WARM_TURNS):
        fast.warm_turns = warm
        got = []
        for i in range(0, len(texts), BATCH_TURNS):
            with fast.memory_zone():
                got += [_fields(a) for a in fast.annotate(texts[i:i + BATCH_TURNS],
                                                          speakers[i:i + BATCH_TURNS])]
        for n, (g, w) in enumerate(zip(got, want, strict=True)):
            assert g == w, (warm, texts[n], speakers[n])
    # The corpus exercises every part: phrases, patterns, tone, and acts on agent turns only.
    labels = {label for m, *_ in want for label in m}
    assert any(x.startswith("phrase:") for x in labels)
    assert any(x.startswith("pattern:") for x in labels)
    assert all(w[3] is not None for w in want)
    assert any(w[4] is not None for w in want) and any(w[4] is None for w in want)


def test_fast_equals_reference_on_the_bundled_examples(annotators):
    _assert_identical(annotators, _examples())


def test_fast_equals_reference_on_service_dialogue_corpora(annotators, shared_data):
    turns = _harper_valley(shared_data) + _sgd(shared_data) + _multiwoz(shared_data)
    assert len(turns) > 3000
    _assert_identical(annotators, turns)


def test_both_annotators_refuse_speakers_of_another_length(annotators):
    for annotator in annotators:
        with pytest.raises(ValueError):
            annotator.annotate(["hi", "bye"], ["agent"])
