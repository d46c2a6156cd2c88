"""hold_etiquette's cheap test before its presence-ping regex (round seventeen, issue 15's
cost): it must say yes to every turn the regex matches, so the verdicts stay the same."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from csnlp.detectors.kinds import hold  # noqa: E402

_PIECES = ["hello", "Hellooo", "hi", "hey", "um", "uhh", "sorry", "are", "r", "you", "u", "ya",
           "still", "there", "around", "with me", "on the line", "can you", "hear me", "is",
           "anyone", "any one", "anybody", "someone", "some one", "ok", "the", "bill", "?", "!"]
_GLUE = [" ", "? ", "?? ", "! ", "... ", "…", ", ", "", "\n"]
texts = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GLUE)),
                 min_size=1, max_size=7).map(lambda parts: "".join(p + g for p, g in parts))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_a_presence_ping_is_never_gated_out(text):
    if hold._PRESENCE.fullmatch(text.strip()) is not None:
        assert hold._may_ask_presence(text), text


def test_the_pings_the_gate_is_for():
    for text in ("hello??", "Are you still there?", "can you hear me", "anyone there?",
                 "still there?", "u there"):
        assert hold._PRESENCE.fullmatch(text) and hold._may_ask_presence(text), text
    assert not hold._may_ask_presence("I'd like to change my address please.")


def test_a_ping_in_unicode_case_forms_is_not_gated_out():
    text = "are you stıll there?"  # a dotless i: the regex, ignoring case, reads it as i
    if hold._PRESENCE.fullmatch(text):
        assert hold._may_ask_presence(text)
    assert hold._may_ask_presence("wıth me?")  # not ASCII: the substring test stands aside


def test_the_shared_substring_gate():
    from csnlp.detectors.base import may_hold

    assert may_hold("Are you STILL there?", ("there",))
    assert not may_hold("I'd like a refund.", ("there", "hear"))
    assert may_hold("Ça va, merci", ("there",))  # not ASCII: the regex decides
