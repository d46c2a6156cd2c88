"""Round 11, resolution_check: a check told by its answer (`answered`: a question after the fix
whose words name no outcome, answered by the customer reporting what they now see), and the
families around it: whether the answer was clear, whether a remedy puts it right, a statement
going on to another clause, a wish, and praise told with an aside in brackets."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def status(turns):
    return judge(turns, standards="contact_center")["resolution_check"].status.value


def fixed_then(question, answer):
    """A fault, a fix, then the agent's `question` answered by the customer's `answer`."""
    return [("customer", "The parking app won't take my card, it keeps timing out."),
            ("agent", "Sorry about that. I've cleared the stuck session on your account."),
            ("customer", "okay"),
            ("agent", question),
            ("customer", answer),
            ("agent", "Lovely, thanks for calling.")]


# --- a check told by its answer ---

@pytest.mark.parametrize(("question", "answer"), [
    # typed questions whose words name no outcome
    ("So you're happy to go ahead and park with it now?", "Yep, all good."),
    ("Could you pop the card details in once more and tell me what the screen does?",
     "ok it says payment accepted"),
    ("The old session has dropped off your list?", "yes only the new one there now"),
    # unpunctuated speech shaped as a question
    ("and the payment page is loading normally for you now", "um hang on yeah it's through"),
    ("right so are both your cards there in the wallet now", "seems fine yeah"),
    ("so you've got the receipt on your end", "yeah it's here"),
])
def test_question_answered_with_what_the_customer_sees_is_a_check(question, answer):
    assert status(fixed_then(question, answer)) == "met"


@pytest.mark.parametrize(("question", "answer"), [
    # a statement, with the customer reporting on their own: stating is not checking
    ("Your card will go through fine now.", "yep it's through"),
    # an offer of more help, leave asked, a detail read back, a choice offered, plans asked
    ("Anything else I can help with today?", "no all good thanks"),
    ("Can I put you on hold for a minute while I note the account?", "yep fine"),
    ("I've got your number as 0161 496 0000, is that correct?", "yes that's it, it's there"),
    ("What about the monthly pass instead?", "that's good, it works"),
    ("You'll be home on Friday for the reader, won't you?", "yes working from home"),
    # the answer agrees, it reports nothing seen
    ("Friday morning for the engineer then?", "yeah Friday's fine"),
    ("Did you buy the permit in the app or at the machine?", "in the app"),
])
def test_question_answered_otherwise_is_not_told_a_check(question, answer):
    assert status(fixed_then(question, answer)) == "missed"


def test_answer_must_follow_the_question_directly():
    turns = fixed_then("So you're happy with it as it stands?", "hmm")
    turns[4:4] = [("agent", "I'll also note it on the account."), ]
    turns.insert(6, ("customer", "yep it says paid"))
    assert status(turns) == "missed"


def test_question_before_the_fix_is_not_told_a_check_by_its_answer():
    turns = [("customer", "My meter reading looks wrong on the bill."),
             ("agent", "Can you read me the number on the meter display now?"),
             ("customer", "yep it says 40211"),
             ("agent", "Thanks, that one's on the bill correctly, the rise is the new tariff."),
             ("customer", "oh right"),
             ("agent", "Bye now.")]
    assert status(turns) == "missed"


def test_evidence_names_the_question_and_the_answer():
    result = judge(fixed_then("So you're happy to go ahead and park with it now?",
                              "Yep, all good."))["resolution_check"]
    assert [e.turn_index for e in result.evidence] == [3, 4]
    assert "told by the answer in turn 5" in result.explanation


# --- families: the answer being enough, a remedy put right ---

@pytest.mark.parametrize("question", [
    "Is it clear which form you need to fill in, or shall I send a link?",
    "was that clear enough",
    "Would that put things right for you?",
    "does that help make it right",
])
def test_answer_enough_or_remedy_right_is_a_check(question):
    assert status(fixed_then(question, "hmm")) == "met"


@pytest.mark.parametrize("turn", [
    "so is it clear of ice where you parked",
    "I'll put it right for you tomorrow.",
])
def test_clear_of_or_put_right_stated_is_not_a_check(turn):
    assert status(fixed_then(turn, "hmm")) == "missed"


# --- statements and wishes that end near a question mark ---

def test_statement_going_on_to_another_clause_with_a_tag_is_not_a_check():
    turns = fixed_then("Your parking session is live again, and you know to keep your "
                       "password private, right?", "sure")
    assert status(turns) == "missed"


def test_tag_after_the_outcome_itself_still_checks():
    turns = fixed_then("Your parking session is live again now, yeah?", "sure")
    assert status(turns) == "met"


def test_a_wish_is_not_a_question():
    turns = fixed_then("I've set it going again. Have a lovely weekend, and thanks again!",
                       "you too")
    assert status(turns) == "missed"


# --- praise with an aside in brackets: nothing to check ---

def test_praise_with_a_bracketed_guess_is_not_applicable():
    turns = [("customer", "only wanted to say the driver on Tuesday (Dev, I think?) was "
                          "brilliant with my mum"),
             ("agent", "That's so kind, we'll pass it on to Dev and his manager."),
             ("customer", "thanks"),
             ("agent", "Take care now.")]
    assert status(turns) == "not_applicable"


def test_a_real_question_in_praise_still_applies():
    turns = [("customer", "only wanted to say the driver on Tuesday was brilliant. Also, can "
                          "you tell me when my next delivery is?"),
             ("agent", "It's Thursday morning."),
             ("customer", "thanks"),
             ("agent", "Take care now.")]
    assert status(turns) == "missed"


def test_praise_after_ringing_to_say_it_is_not_applicable():
    turns = [("customer", "hiya i just wanted to ring and say the fitters were fantastic "
                          "yesterday"),
             ("agent", "oh that's lovely i'll let the team know"),
             ("customer", "cheers"),
             ("agent", "bye now")]
    assert status(turns) == "not_applicable"


# --- stage 2: what the fix does for the customer, a time that fits, plural things shown ---

@pytest.mark.parametrize("question", [
    "does that leave you enough time before the school run",
    "Will that get you through the weekend?",
    "does that take the pressure off your end",
    "Does Saturday work for your daughter's plans?",
    "would quarter past nine definitely suit with the train times",
    "Could you reload the page and check they show both passes?",
])
def test_what_the_fix_does_for_the_customer_is_a_check(question):
    assert status(fixed_then(question, "hmm")) == "met"


@pytest.mark.parametrize("question", [
    "Does that include your loyalty discount?",
    "what does that mean for your booking",
    "Does this interest you at all?",
    "would that be your mobile number",
    "Please confirm that you'd like to play it in the lounge.",
])
def test_offer_detail_or_diagnosis_about_the_customer_is_not_a_check(question):
    assert status(fixed_then(question, "hmm")) == "missed"


@pytest.mark.parametrize(("question", "answer"), [
    ("Can you tap refresh? Did the total change?", "ok refreshed. yes total looks right"),
    ("did the second copy print out", "it does now yes"),
])
def test_answer_reporting_the_state_now_tells_a_check(question, answer):
    assert status(fixed_then(question, answer)) == "met"


def test_a_bare_got_it_only_acknowledges():
    turns = fixed_then("so it's all done have you got something to note the reference",
                       "yep got it")
    assert status(turns) == "missed"


@pytest.mark.parametrize("opening", [
    "Nothing wrong, honestly! I just wanted to say your new app is perfect.",
    "hiya just wanted to say the cake for my mum's party was perfect",
])
def test_praise_only_openings_are_not_applicable(opening):
    turns = [("customer", opening),
             ("agent", "Aw, thank you, that's lovely to hear."),
             ("customer", "that's all"),
             ("agent", "Take care!")]
    assert status(turns) == "not_applicable"


def test_praise_with_a_claim_in_scare_quotes_is_a_complaint():
    turns = [("customer", "love that my 'shatterproof' screen protector cracked on day one 🙃"),
             ("agent", "Oh no, sorry! I've sent a replacement out today."),
             ("customer", "ok"),
             ("agent", "Thanks for your patience!")]
    assert status(turns) == "missed"


# --- the standard's own vetoes hold for a check told by its answer ---

@pytest.mark.parametrize(("question", "answer"), [
    # a receipt dated before the call: a fact checked, not this fix's outcome
    ("And you did get our renewal letter last month?", "yes it's here"),
    ("you received the reminder back in march didn't you", "yeah it says so here"),
    # told to report only a failure
    ("Let me know if it's still not working, ok?", "all good for now"),
])
def test_a_question_the_standards_vetoes_take_out_is_no_check_by_its_answer(question, answer):
    assert status(fixed_then(question, answer)) == "missed"


def test_a_receipt_of_what_was_just_sent_is_still_a_check_by_its_answer():
    assert status(fixed_then("Did the new receipt come through to you just now?",
                             "yep it's here")) == "met"
