"""Round 14: an agent who never says a courteous word in three or more turns, whatever their
length, is cold throughout (polite_tone missed); a phrase prohibited_language judges is still
penalised once. On sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED

_ASKS = ["hi i need to change the address on my home insurance",
         "it's the policy ending four four one nine",
         "and will the premium change at all",
         "ok",
         "right"]


def _status(replies: list[str], standard: str = "polite_tone") -> csnlp.Status:
    turns = []
    for ask, reply in zip(_ASKS, replies, strict=False):
        turns += [("customer", ask), ("agent", reply)]
    return judge(turns)[standard].status


@pytest.mark.parametrize("replies, status", [
    # long enough not to be curt, but not one courteous word in three or four turns
    (["Home cover team. Give me the policy number first.",
      "The address change goes through online, there is a form under my documents for it.",
      "It depends on the postcode. The system works it out when the form is sent."], MISSED),
    (["home cover what is the policy number",
      "right so the new address has to go through the portal we do not do it on the phone",
      "premium gets recalculated from the postcode it might go up it might not",
      "the letter comes in the post in about ten days"], MISSED),
    # the same agent with one courteous word is brisk, not cold
    (["Home cover team. Give me the policy number first, please.",
      "The address change goes through online, there is a form under my documents for it.",
      "It depends on the postcode. The system works it out when the form is sent."], MET),
    (["home cover what is the policy number",
      "right so the new address has to go through the portal we do not do it on the phone",
      "premium gets recalculated from the postcode it might go up it might not",
      "the letter comes in the post in about ten days have a good one"], MET),
    # two plain turns say too little to call the agent cold
    (["The address change goes through online, there is a form under my documents for it.",
      "It depends on the postcode. The system works it out when the form is sent."], MET),
])
def test_cold_throughout_needs_three_turns_without_courtesy(replies, status):
    assert _status(replies) is status


@pytest.mark.parametrize("closing", [
    "Have an excellent rest of your afternoon.",
    "have good evening",
    "Glad that got sorted.",
    "It was a pleasure to look into it for you.",
    "Anytime.",
    "hey no bother at all",
])
def test_courtesy_of_a_wish_gladness_or_pleasure_keeps_a_plain_agent_courteous(closing):
    replies = ["The address change goes through online under my documents.",
               "The premium is worked out again from the new postcode.",
               "The letter with the new premium comes in about ten days.",
               closing]
    assert _status(replies) is MET


def test_a_bare_goodbye_is_no_courtesy():
    replies = ["policy number", "portal. we don't do it on the phone.",
               "postcode decides it. could go up.", "bye"]
    assert _status(replies) is MISSED


def test_a_phrase_prohibited_language_judges_is_penalised_once():
    # one of two turns holds "not my problem": one plain turn is left, no coldness of its own
    replies = ["The address change goes through online, there is a form under my documents.",
               "Honestly the premium is not my problem, the system sets it."]
    assert _status(replies, "prohibited_language") is MISSED
    assert _status(replies) is MET
    # (round 27) cold in all three turns, one of them also holding the phrase: the coldness is
    # the agent's own besides it, and polite_tone judges it (writers of four DEV waves: both
    # missed; the turn with the phrase no longer drops out of the count)
    replies.append("The letter comes in about ten days.")
    assert _status(replies, "prohibited_language") is MISSED
    assert _status(replies) is MISSED
    # ... while a courteous word anywhere keeps it met, the phrase penalised once
    assert _status([*replies[:2], "Thanks, the letter comes in about ten days."]) is MET


def test_without_cold_min_turns_a_plain_agent_is_not_judged_cold(tmp_path):
    path = tmp_path / "tone.yaml"
    path.write_text("schema_version: 1\nname: tone only\nstandards:\n  - id: polite_tone\n    check: tone\n    title: Stay courteous\n"
                    "    description: Courteous.\n    speaker: agent\n    label: polite\n"
                    "    min_mean: 0\n    min_turn: 0\n"
                    "    courteous: {phrases: [please]}\n    curt_max_words: 12\n",
                    encoding="utf-8")
    turns = []
    for ask, reply in zip(_ASKS, ["Home cover team. Give me the policy number first.",
                                  "The address change goes through online, there is a form "
                                  "under my documents for it.",
                                  "It depends on the postcode. The system works it out when "
                                  "the form is sent."],
                          strict=False):
        turns += [{"speaker": "customer", "text": ask}, {"speaker": "agent", "text": reply}]
    assert csnlp.evaluate({"turns": turns}, str(path))["polite_tone"].status is MET
    cold = path.read_text(encoding="utf-8") + "    cold_min_turns: 3\n"
    path.write_text(cold, encoding="utf-8")
    assert csnlp.evaluate({"turns": turns}, str(path))["polite_tone"].status is MISSED


# -- the review of round 14 ----------------------------------------------------------------------
_PLAIN = ["The address change goes through online, there is a form under my documents.",
          "The premium is worked out again from the new postcode once the form is in.",
          "The letter with the new premium comes in about ten days after that."]


@pytest.mark.parametrize("courtesy", [
    # a formal letter's courtesy, casual speech's, a non-native writer's
    "Dear Mr Hale, the form is under my documents. Kind regards, Ines",
    "no bother at all it's all in hand",
    "Hope that helps with the move, all the best.",
    "Hope you are keeping well. The form is under my documents.",
    "Congratulations on the new house, the form is under my documents.",
])
def test_courtesy_the_first_lists_missed(courtesy):
    assert _status([*_PLAIN[:2], courtesy, _PLAIN[2]]) is MET


@pytest.mark.parametrize("plain", [
    # a courtesy word in a phrase that is none
    "Make sure the form is signed or it bounces back.",
    "Absolutely not, the premium cannot be frozen for a move.",
    "Could you just stop interrupting while I read the policy out.",
    "We don't have good weekend cover for address changes at all.",
    "hey hey hold on i am still reading the policy wording here",
    # (second review) words of courtesy said flatly or rudely are left out of the list
    "That is not at all my problem, the underwriters set the premium.",
    "You're not the only caller, so bear with me.",
    "Excuse me?! I said the form is online, I'm not repeating it.",
    "Sounds good in theory but the system blocks every change to it.",
])
def test_no_courtesy_in_a_phrase_that_is_none(plain):
    assert _status([*_PLAIN[:2], plain, _PLAIN[2]]) is MISSED


def test_a_form_of_address_alone_is_no_courtesy():
    # "ma'am" and "sir" are said by rude agents too
    assert _status([*_PLAIN[:2], "Sir, the letter comes when it comes.", _PLAIN[2]]) is MISSED


@pytest.mark.parametrize("courtesy", [
    # (third review) a plain, businesslike agent: an offer of help, reassurance, a polite check
    "Passport Office, Sarah speaking, how can I help?",
    "Don't worry, the form is under my documents.",
    "Is that okay? The form is under my documents.",
    "Leave it with me, the form is under my documents.",
])
def test_a_businesslike_agent_is_not_cold(courtesy):
    assert _status([courtesy, *_PLAIN]) is MET


def test_the_evidence_of_a_cold_agent_names_it_cold():
    turns = []
    for ask, reply in zip(_ASKS, _PLAIN, strict=False):
        turns += [("customer", ask), ("agent", reply)]
    result = judge(turns)["polite_tone"]
    assert result.status is MISSED
    assert {e.label for e in result.evidence} == {"cold"}
