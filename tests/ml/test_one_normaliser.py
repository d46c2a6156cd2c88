"""One tokenizer and normaliser for training and serving: a text's tone is the same through
`csnlp.tone_scores`, the `csnlp_tone` spaCy component and the annotator `evaluate` uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRICKY = ["Thanks!Have a nice day", "I can't believe it's been 3 days!!",
          "um, uh, thanks so much", "😡😡 complete nonsense", "yeah no i i dont think thats right",
          "hi im calling about my card ok thx", "It's fine.  Really?!", "",
          "i'd like to, um, cancel my card please"]


@pytest.fixture(scope="module")
def tone_model():
    from csnlp.ml.tone import default_tone_model

    model = default_tone_model()
    assert model is not None, "models/tone-v1 is shipped"
    return model


def test_tone_is_identical_through_tone_scores_the_component_and_evaluate(tone_model):
    import numpy as np
    import spacy

    import csnlp
    import csnlp.nlp.tone_component  # noqa: F401  (the entry point's import)
    from csnlp.api import get_evaluator

    labels = list(tone_model.labels)
    scores = csnlp.tone_scores(TRICKY)[labels].to_numpy()
    nlp = spacy.blank("en")  # another tokenizer than csnlp's: the component must not care
    nlp.add_pipe("csnlp_tone")
    component = np.array([[doc._.tone[x] for x in labels] for doc in nlp.pipe(TRICKY)])
    annotator = get_evaluator("contact_center").annotator
    with annotator.memory_zone():
        anns = annotator.annotate(TRICKY, ["agent"] * len(TRICKY))
    annotated = np.array([[a.tone[x] for x in labels] for a in anns])
    np.testing.assert_allclose(component, scores, rtol=0, atol=1e-9)
    np.testing.assert_allclose(annotated, scores, rtol=0, atol=1e-9)
    # Before: "Thanks!Have" was one token for tone_scores and two for the annotator.
    assert scores[0, labels.index("polite")] > 0.9


def test_evaluate_evidence_quotes_the_tone_score_of_tone_scores(tone_model):
    import csnlp

    text = "Thanks!Have a nice day"
    report = csnlp.evaluate({"id": "t1", "turns": [{"speaker": "agent", "text": text}]})
    (evidence,) = [e for e in report["polite_tone"].evidence if e.score is not None]
    want = float(csnlp.tone_scores([text])["polite"].iloc[0])
    assert evidence.score == round(want, 4)


def test_training_reads_the_annotators_words():
    """The models' tokens are the normalised words the rules match, punctuation between, and
    every number one token (NUMBER_TOKEN)."""
    from csnlp.ml import features as F
    from csnlp.nlp.normalise import (
        NUMBER_TOKEN,
        _is_number,
        model_words,
        normalise_phrase,
        shared_nlp,
    )

    vocab = shared_nlp().vocab
    for text in TRICKY:
        words = model_words(text)
        assert [w for w in words if w == NUMBER_TOKEN or not vocab[w].is_punct] == [
            NUMBER_TOKEN if _is_number(w) else w for w in normalise_phrase(text)], text
        batch = F.tokenize([text])
        assert batch.lower.tolist() == [F.hash_text(w) for w in words], text
    assert model_words("Thanks!Have a nice day") == ["thanks", "!", "have", "a", "nice", "day"]


def test_pyproject_declares_the_spacy_factory_entry_point():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")

    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    factories = meta["project"]["entry-points"]["spacy_factories"]
    assert factories == {"csnlp_tone": "csnlp.nlp.tone_component:make_tone_component"}


def test_add_pipe_finds_the_component_through_the_installed_entry_point():
    """`add_pipe("csnlp_tone")` works in a fresh interpreter that never imported csnlp (before:
    it failed unless an internal module had been imported first)."""
    from importlib.metadata import entry_points

    if not any(ep.name == "csnlp_tone" for ep in entry_points(group="spacy_factories")):
        pytest.skip("csnlp is installed without its spacy_factories entry point: reinstall "
                    "(pip install -e .) after pulling pyproject.toml")
    code = """
import sys
import spacy
assert "csnlp.nlp.tone_component" not in sys.modules
nlp = spacy.blank("en")
nlp.add_pipe("csnlp_tone")
print(sorted(nlp("Thanks!Have a nice day")._.tone))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['frustrated', 'grateful', 'polite']"


def test_importing_the_component_module_loads_no_model():
    code = ("import sys, csnlp.nlp.tone_component as m, csnlp.ml.tone as t; "
            "assert t.default_tone_model.cache_info().currsize == 0; "
            "assert 'sklearn' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=False)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]
