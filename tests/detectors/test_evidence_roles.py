"""Every check kind says what its evidence is through typed fields (role, label, window,
seconds), never through a rule string someone has to parse back."""

from __future__ import annotations

import dataclasses

import pytest

import csnlp
from csnlp.evaluator import Evaluator
from csnlp.results import Evidence, EvidenceRole

R = EvidenceRole
#: The roles each kind may give its evidence.
ROLES_OF_KIND = {
    "require": {R.MATCH, R.CLASSIFIER, R.SEARCHED, R.OPENING},
    "forbid": {R.MATCH},
    "customer_name": {R.MATCH, R.STATED_NAME, R.SEARCHED},
    "respond": {R.TRIGGER, R.RESPONSE, R.CLASSIFIER},
    "tone": {R.MATCH, R.TONE},
    "hold": {R.HOLD, R.ASK, R.THANKS},
    "response_time": {R.TIMING},
}

SERVICE = """Agent: Hi, thanks for calling Acme, my name is Sarah. How can I help?
Customer: This is ridiculous, my internet has been down for three days. My name is John Park.
Agent: I'm so sorry to hear that, John. Can I put you on hold while I check your line?
Customer: Fine.
Agent: Thanks for holding. I've reset your line. Is it working now?
Customer: Yes, thanks.
Agent: Is there anything else I can help you with?
Customer: No.
Agent: Thanks for calling, have a great day!"""
RUDE = {"id": "rude", "metadata": {"customer_name": "Maria"}, "turns": [
    {"speaker": "agent", "text": "yeah what"},
    {"speaker": "customer", "text": "I am so frustrated, this is the third time I call."},
    {"speaker": "agent", "text": "calm down, that's not my problem"},
    {"speaker": "customer", "text": "Unbelievable."},
    {"speaker": "agent", "text": "whatever"}]}
TIMED = {"id": "timed", "turns": [
    {"speaker": "agent", "text": "Hello, this is Dana.", "start": 0, "end": 2},
    {"speaker": "customer", "text": "Hi, my bill is wrong.", "start": 3, "end": 5},
    {"speaker": "agent", "text": "Let me check that for you.", "start": 50, "end": 52},
    {"speaker": "agent", "text": "Okay, I fixed it.", "start": 100, "end": 102},
    {"speaker": "customer", "text": "Great.", "start": 103, "end": 104},
    {"speaker": "agent", "text": "Bye.", "start": 160, "end": 161}]}
PRAISE = """Agent: Good morning, Acme, this is Ana.
Customer: Morning! Nothing is wrong, I only rang to say thank you to the courier, he was lovely.
Agent: That's so kind, I'll pass it on. Anything else I can do?
Customer: No, that's it. Bye!
Agent: Bye, have a good day."""
CALLS = (SERVICE, RUDE, TIMED, PRAISE)
PACKS = ("contact_center", "sales")


@pytest.fixture(scope="module")
def reports() -> dict[str, list[csnlp.Report]]:
    """The calls judged by each pack, with the shipped tone and act models."""
    return {pack: [Evaluator(pack).evaluate(call) for call in CALLS] for pack in PACKS}


def _standards() -> list[tuple[str, str, str]]:
    return [(pack, std.id, std.check) for pack in PACKS
            for std in csnlp.load_standards(pack).standards]


@pytest.mark.parametrize(("pack", "standard_id", "kind"), _standards(),
                         ids=[f"{p}-{s}" for p, s, _ in _standards()])
def test_every_evidence_has_a_role_of_its_kind_and_a_label(reports, pack, standard_id, kind):
    items = [(r[standard_id], e) for r in reports[pack] for e in r[standard_id].evidence]
    assert items, f"{standard_id}: no evidence on any call; add a call that exercises it"
    for result, ev in items:
        assert type(ev.role) is EvidenceRole and ev.role in ROLES_OF_KIND[kind], ev
        if ev.role is R.SEARCHED:
            assert ev.label == "" and ev.window is not None, ev
            assert ev.turn_index in ev.window.turns
            assert ev.window.description in result.explanation
        else:
            assert ev.label and ev.window is None, ev
        assert (ev.seconds is not None) == (ev.role is R.TIMING or ev.label == "silence"), ev
        # rule is only derived from the fields: the detectors set no string of their own
        typed = Evidence(ev.turn_index, ev.speaker, ev.start_char, ev.end_char, ev.text,
                         role=ev.role, label=ev.label, window=ev.window, seconds=ev.seconds)
        assert typed.rule == ev.rule
        assert Evidence.from_dict(ev.to_dict()) == ev


def test_the_calls_exercise_every_role_but_the_classifier(reports):
    seen = {e.role for rs in reports.values() for r in rs for res in r.results
            for e in res.evidence}
    assert seen == set(EvidenceRole) - {R.CLASSIFIER}


def test_a_searched_window_keeps_every_searched_turn(reports):
    """The evidence shows three searched turns; its window names all of them."""
    rude = reports["sales"][1]
    searched = [e for e in rude["upsell_offer"].evidence if e.role is R.SEARCHED]
    assert len(searched) == 3
    assert searched[0].window.turns == (0, 2, 4)
    assert searched[0].window.description == "all of the agent's turns"


def test_hold_and_reply_timings_are_numbers(reports):
    timed = reports["contact_center"][2]
    # (the silences after the customer's turns, before the agent's replies, are holds too)
    holds = {e.turn_index: e for e in timed["hold_etiquette"].evidence if e.role is R.HOLD}
    assert (holds[2].label, holds[2].seconds) == ("silence", 48.0)
    slow = timed["response_time"].evidence
    assert [(e.label, e.seconds) for e in slow] == [("reply", 56.0), ("reply", 45.0)]


def test_the_explanation_counts_turns_from_one(reports):
    """Explanations say "turn 3" where `turn_index` is 2: `turn_number` bridges the two."""
    rude = reports["contact_center"][1]
    result = rude["prohibited_language"]
    ev = result.evidence[0]
    assert ev.turn_index == 2 and ev.turn_number == 3
    assert f"(turn {ev.turn_number})" in result.explanation
    assert dataclasses.replace(ev, turn_index=0).turn_number == 1


def test_context_evidence_takes_a_role_by_its_value():
    """A plug-in passing role="match" gets what Evidence(role="match") gives, a typed role
    (the fast path takes EvidenceRole members only), and a bad one is refused by name."""
    from csnlp.detectors.base import Context
    from csnlp.errors import InputError
    from csnlp.ingest import coerce

    ctx = Context(transcript=coerce("Agent: Hello there\nCustomer: hi"), annotations=[],
                  metrics={})
    ev = ctx.evidence(0, (0, 5, "greet"), role="match")  # type: ignore[arg-type]
    assert ev.role is csnlp.EvidenceRole.MATCH and ev.to_dict()["role"] == "match"
    assert ev == ctx.evidence(0, (0, 5, "greet"))
    with pytest.raises(InputError, match="unknown role 'nope'"):
        ctx.evidence(0, (0, 5, "greet"), role="nope")  # type: ignore[arg-type]
