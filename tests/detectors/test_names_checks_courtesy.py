"""Mechanisms found by the blind DEV sets of round six (benchmarks/devsets/*_threads.yaml):
names said the ASR way or mid-turn, outcome questions of other shapes, blame guessed at,
condescension by sarcasm, and rude words only quoted. Sentences here are written for the tests.
"""

from __future__ import annotations

import pytest

import csnlp


def _verdict(turns: list[tuple[str, str]], standard: str, **metadata) -> csnlp.Status:
    call = {"turns": [{"speaker": s, "text": t} for s, t in turns], "metadata": metadata}
    report = csnlp.evaluate(call, tone_model=None, act_model=None, redact=False)
    return report[standard].status


@pytest.mark.parametrize("opening", [
    "hiya its bronwen speaking from the council tax team",
    "hi its kwabena at riverside motors how can i help",
    "ingeborg speaking fjord telecom how can i help",
])
def test_asr_introductions_are_found(opening):
    assert _verdict([("agent", opening), ("customer", "hi")], "agent_introduction") is \
        csnlp.Status.MET


@pytest.mark.parametrize("opening", ["hi youre through to fjord telecom how can i help",
                                     "you're through to harbour insurance, how can I help?"])
def test_a_company_after_through_to_is_not_the_agents_name(opening):
    assert _verdict([("agent", opening), ("customer", "hi")], "agent_introduction") is \
        csnlp.Status.MISSED


@pytest.mark.parametrize("customer, agent", [
    ("yeah hi its um oisin i cant get online", "okay oisin lets have a look"),
    ("hi names tamsin my order never came", "sorry about that tamsin"),
    ("name: Rasmus. the invoice is wrong", "Thanks Rasmus, checking now."),
    ("morning Priya, I'm Eero, the app won't open", "Hi Eero, let's fix that."),
    ("Hello,\n\nThe invoice total is wrong.\n\nRegards,\nMarguerite Fontaine",
     "Dear Ms Fontaine, I have corrected it."),
    ("my name is tran thi mai and i need to move my booking", "of course ms mai"),
])
def test_names_customers_state_are_found_and_used(customer, agent):
    turns = [("agent", "Hello, how can I help?"), ("customer", customer), ("agent", agent)]
    assert _verdict(turns, "customer_name") is csnlp.Status.MET


@pytest.mark.parametrize("customer", [
    "Can you search Lafayette?",  # a place, not a sign-off
    "I'm flying to Boston on Friday.",  # lower-case after I'm: not a name
    "Thank you Customer Services",  # one word is a stop word
])
def test_words_that_are_not_the_customers_name(customer):
    turns = [("agent", "Hello, how can I help?"), ("customer", customer),
             ("agent", "Sure, one moment.")]
    assert _verdict(turns, "customer_name") is csnlp.Status.NOT_APPLICABLE


def test_a_surname_with_an_apostrophe_is_a_name_word():
    turns = [("agent", "Good morning, Ana speaking."), ("customer", "Hi, I moved house."),
             ("agent", "Certainly, Mr O'Brien, what's the new address?")]
    assert _verdict(turns, "customer_name", customer_name="Liam O'Brien") is csnlp.Status.MET


# Outcome questions of other shapes are checks; offers of more help and requests for details
# are not.
@pytest.mark.parametrize("line, status", [
    ("So the app opens now, yeah?", csnlp.Status.MET),
    ("you should be seeing the refund now, right?", csnlp.Status.MET),
    ("Have I cleared that up for you?", csnlp.Status.MET),
    ("that do the trick?", csnlp.Status.MET),
    ("Is that the seat you wanted?", csnlp.Status.MET),
    ("could you tell me if the light goes solid blue", csnlp.Status.MET),
    ("let me know once the payment shows", csnlp.Status.MET),
    ("are you getting a dial tone on the handset now", csnlp.Status.MET),
    ("Is that all for now?", csnlp.Status.MISSED),
    ("Let me know if you need anything else.", csnlp.Status.MISSED),
    ("Could you tell me when and where to collect you?", csnlp.Status.MISSED),
    ("let me know when are you free", csnlp.Status.MISSED),
])
def test_outcome_questions_of_other_shapes(line, status):
    turns = [("agent", "Hello, how can I help?"), ("customer", "It's broken."),
             ("agent", "I've reset it."), ("agent", line), ("customer", "yes"),
             ("agent", "Great, bye!")]
    assert _verdict(turns, "resolution_check") is status


@pytest.mark.parametrize("line, standard", [
    ("You must have typed it wrong, the code is fine.", "prohibited_language"),
    ("You probably unplugged something yourself.", "prohibited_language"),
    ("You should have checked the size chart.", "prohibited_language"),
    ("Congratulations on deleting the whole folder.", "polite_tone"),
    ("Oh great, you again.", "polite_tone"),
    ("You lot never read the emails we send.", "polite_tone"),
    # (round 21) blaming the customer for not reading is prohibited_language's
    ("If you'd read the terms you'd know.", "prohibited_language"),
    ("I'll say it slowly: restart the router.", "polite_tone"),
    ("Good luck with that.", "polite_tone"),
])
def test_blame_and_sarcasm_are_caught(line, standard):
    assert _verdict([("customer", "hi"), ("agent", line)], standard) is csnlp.Status.MISSED


@pytest.mark.parametrize("line", [
    "You should have received a confirmation email.", "You should have it by Friday.",
    "You should not have been charged twice, I've refunded it.",
    "I'm so sorry, being called 'an idiot' by our staff is unacceptable.",
    'He said "whatever" and hung up? That should not have happened.',
    "Congratulations on your new home! Let's set up your account.",
])
def test_owed_outcomes_and_quoted_words_are_not_rude(line):
    turns = [("customer", "hi"), ("agent", line)]
    assert _verdict(turns, "prohibited_language") is csnlp.Status.MET
    assert _verdict(turns, "polite_tone") is csnlp.Status.MET
