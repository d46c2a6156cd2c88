"""benchmarks/acts.py scores the closing and further-help rules also inside the standard's own
window (the last turns of the speaker): `window_turns` must pick the turns the detector does."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def acts(benchmark_acts):
    return benchmark_acts


def _turns(acts, dialogues: dict[str, list[str]]):
    turns = [acts.Turn("t", d, i, "SYSTEM", text, frozenset())
             for d, texts in dialogues.items() for i, text in enumerate(texts)]
    ann = acts.annotator()
    return ann, turns, ann.annotate([t.text for t in turns])


def test_last_two_turns_per_dialogue_without_backchannels(acts):
    ann, turns, anns = _turns(acts, {
        "a": ["Your booking is made, have fun!", "Anything else?", "You're welcome.", "okay"],
        "b": ["Goodbye!"],
    })
    keep, scoring = acts.window_turns(ann, ("closing", "match"), turns, anns)
    # dialogue a: "okay" is a backchannel, so the window is its 2nd and 3rd turn
    assert [turns[i].text for i in keep] == ["Anything else?", "You're welcome.", "Goodbye!"]
    assert scoring == "last 2 turns"


def test_further_help_window_skips_goodbyes(acts):
    ann, turns, anns = _turns(acts, {
        "a": ["Here it is.", "It is booked.", "Anything else?", "Bye now!", "Take care."],
    })
    keep, scoring = acts.window_turns(ann, ("further_assistance", "match"), turns, anns)
    assert [turns[i].text for i in keep] == ["Here it is.", "It is booked.", "Anything else?"]
    assert scoring == "last 3 turns, goodbyes skipped"


def test_phrase_list_rows_have_no_window(acts):
    ann, turns, anns = _turns(acts, {"a": ["Thanks!"]})
    assert acts.window_turns(ann, "phrase:thanks", turns, anns) is None
