"""Round fifteen's engine changes keep what they replace: model scores as a compact mapping,
the gaps between turns measured once per transcript, and customer_name's remembered helpers."""

from __future__ import annotations

import sys

import pytest

import csnlp
from csnlp.detectors.base import Context
from csnlp.detectors.kinds import customer_name as cn
from csnlp.metrics import holds, response_delays, silences, transcript_metrics, turn_gaps
from csnlp.nlp.rules import Scores
from csnlp.transcript import coerce_transcript


def test_scores_read_like_the_dict_they_replace():
    as_dict = {"polite": 0.25, "rude": 0.75}
    scores = Scores({"polite": 0, "rude": 1}, [0.25, 0.75])
    assert scores == as_dict and as_dict == scores
    assert dict(scores) == as_dict and list(scores) == ["polite", "rude"] and len(scores) == 2
    assert scores["rude"] == 0.75 and scores.get("calm") is None and scores.get("calm", 0.0) == 0.0
    assert "polite" in scores and "calm" not in scores
    with pytest.raises(KeyError):
        scores["calm"]


def test_scores_hold_less_than_a_dict_of_floats():
    row = [0.1 * n for n in range(8)]
    index = {f"act{n}": n for n in range(8)}
    as_dict = dict(zip(index, row, strict=True))
    compact = Scores(index, row)
    dict_bytes = sys.getsizeof(as_dict) + sum(sys.getsizeof(v) for v in as_dict.values())
    # the label index is shared by every turn: only the object and its row are per turn
    assert sys.getsizeof(compact) + sys.getsizeof(compact._row) < dict_bytes / 2


def test_turn_annotations_carry_scores_for_both_models():
    ev = csnlp.get_evaluator("contact_center")
    anns = ev.annotator.annotate(["Thanks so much for your help!", "I'm still waiting."],
                                 ["agent", "customer"])
    assert isinstance(anns[0].tone, Scores) and isinstance(anns[0].acts, Scores)
    assert anns[1].acts is None  # the act model reads the agent's turns
    assert all(0.0 <= p <= 1.0 for p in anns[0].tone.values())
    # the tone model's labels, and beside them those of the per-turn models the standards name
    # (round 40: the blame model's `blaming`)
    extra = {label for model in ev.annotator.turn_models for label in model.labels}
    assert set(anns[0].tone) == set(ev.annotator.tone_model.labels) | extra
    assert set(ev.annotator.tone_model.labels).isdisjoint(extra)


TIMED = coerce_transcript({"id": "t", "turns": [
    {"speaker": "agent", "text": "Hello, how can I help?", "start": 0, "end": 2},
    {"speaker": "customer", "text": "My card was declined.", "start": 3, "end": 5},
    {"speaker": "agent", "text": "Let me check that, one moment.", "start": 6, "end": 8},
    {"speaker": "agent", "text": "Thanks for waiting, it's fixed.", "start": 48, "end": 50},
    {"speaker": "customer", "text": "Great.", "start": 80, "end": 81},
    {"speaker": "agent", "text": "Anything else?", "start": 120, "end": 121},
]})


def test_measures_given_the_gaps_equal_the_measures_that_find_them():
    gaps = turn_gaps(TIMED)
    assert gaps  # this call has silences
    assert transcript_metrics(TIMED, gaps=gaps) == transcript_metrics(TIMED)
    assert silences(TIMED, 10.0, gaps=gaps) == silences(TIMED, 10.0)
    assert holds(TIMED, 5.0, gaps=gaps) == holds(TIMED, 5.0)
    assert response_delays(TIMED, gaps=gaps) == response_delays(TIMED)


def test_a_context_measures_its_gaps_when_not_given_them():
    ev = csnlp.get_evaluator("contact_center")
    anns = ev.annotator.annotate([t.text for t in TIMED.turns], [t.speaker for t in TIMED.turns])
    ctx = Context(transcript=TIMED, annotations=anns, metrics={})
    assert ctx.gaps == turn_gaps(TIMED)
    untimed = coerce_transcript([{"speaker": "agent", "text": "Hi"}])
    assert Context(transcript=untimed, annotations=anns[:1], metrics={}).gaps == []


def test_the_report_of_a_timed_call_is_the_same_through_evaluate_and_a_fresh_context():
    report = csnlp.evaluate(TIMED)
    assert report["hold_etiquette"].status.value == "met"
    assert report.metrics["holds"] == holds(TIMED)


def test_remembered_name_helpers_hand_out_fresh_lists():
    first = cn._name_words("this is Maria Lopez")
    first.append("mutated")
    assert cn._name_words("this is Maria Lopez") == [w for w in first if w != "mutated"]
    typed = cn._typed_names("Hi there, order 55120, Maria Lopez", opening=True)
    for _a, _b, words in typed:
        words.append("mutated")
    again = cn._typed_names("Hi there, order 55120, Maria Lopez", opening=True)
    assert all("mutated" not in words for _a, _b, words in again)


@pytest.mark.parametrize("text, cue", [
    ("My NAME is Ngozi", True), ("IT'S k-a-t-e", True), ("This Is John", True),
    ("I need help with my card", False), ("the itinerary", False),
    # outside ASCII, case is ignored as the regex ignores it, not as str.lower lowercases
    ("yeah İt's ngozi", True), ("yeah ıt's ngozi", True), ("the ſurname is dubois", True),
    ("ok thİs İs ngozi", True), ("ok ngozi İname", False),
])
def test_the_name_cue_ignores_case(text, cue):
    assert cn._name_cue(text) is cue
    assert cn._name_cue(text) is (cn._NAME_CUE.search(text) is not None)


@pytest.mark.parametrize("said, status", [
    ("yeah İt's ngozi n g o z i", "met"),  # a reviewer's cases: the spelled name is stated
    ("ok ngozi n g o z i İname", "not_applicable"),
])
def test_a_spelled_name_after_a_non_ascii_cue(said, status):
    t = {"turns": [{"speaker": "agent", "text": "good morning larchfield water how can i help"},
                   {"speaker": "customer", "text": said},
                   {"speaker": "agent", "text": "lovely ngozi and the postcode"}]}
    assert csnlp.evaluate(t)["customer_name"].status.value == status


def test_a_model_whose_scores_are_not_its_labels_is_refused():
    with pytest.raises(ValueError, match="3 scores for its 2 labels"):
        Scores({"polite": 0, "rude": 1}, [0.2, 0.2, 0.6])


@pytest.mark.parametrize("text, may", [
    ("thanks [NAME]", True), ("thanks XXX", True), ("thanks xXx", True), ("thanks Max", False),
    ("<PERSON> hi", True), ("all good", False),
])
def test_may_mask_keeps_its_case_blind_xxx(text, may):
    assert cn._may_mask(text) is may
