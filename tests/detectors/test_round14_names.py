"""Round 14: the customer's own name when it is also a word, said in speech-recognition text
after a courtesy ("thanks for waiting grant the ..."), and a typed surname after a first name
that a long opening keeps the full-name patterns from reaching. On sentences written for these
tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _spoken(name: str, agent: str) -> csnlp.Status:
    turns = [("agent", "good morning harbour pensions how can i help"),
             ("customer", f"hi yeah this is {name} okafor i'm ringing about my transfer"),
             ("agent", "no problem give me one moment to bring it up"),
             ("agent", agent)]
    return judge(turns)["customer_name"].status


@pytest.mark.parametrize("name, agent, status", [
    ("grant", "thanks for waiting grant the transfer went through on monday", MET),
    ("joy", "it's all done now take care joy bye now", MET),
    ("bill", "the form is on its way let me send that over for you bill", MET),
    ("faith", "okay faith could you read me the reference on the letter", MET),
    ("mark", "i'm sorry mark you should have had a letter about that", MET),
    # the same words going on as words: a clause after "hope", a verb after "bill"
    ("hope", "thanks hope that helps with the transfer", MISSED),
    ("bill", "okay bill can be paid online from tomorrow", MISSED),
    ("mark", "sure i'll mark it as urgent for the team", MISSED),
    ("grant", "okay grant is approved and the money moves on monday", MISSED),
])
def test_a_word_that_is_the_customers_own_name_after_a_courtesy(name, agent, status):
    assert _spoken(name, agent) is status


def test_a_name_no_one_gave_is_not_read_loosely():
    # the customer never gives "grant" as a name: the word after thanks is no name to find
    turns = [("agent", "good morning harbour pensions how can i help"),
             ("customer", "hi i'm ringing about my transfer it's for my pension pot"),
             ("agent", "thanks for waiting grant the transfer went through on monday")]
    assert judge(turns)["customer_name"].status is not MET


@pytest.mark.parametrize("customer, agent, status", [
    # a first name with its surname, after an opening too long for the full-name patterns
    ("Good afternoon Priyanka, thank you for picking up so fast. I'm Desmond Achterberg, "
     "I'm calling about the boiler.", "Of course, Mr Achterberg, let me look.", MET),
    ("Hello there Priyanka, what a lovely name. I am Desmond Achterberg and the boiler is "
     "leaking.", "I'm sorry to hear that, Mr Achterberg.", MET),
    # a capitalised word in the next sentence is no surname
    ("Hello again Priyanka, lovely to hear you. I'm Desmond. Monday is when it broke.",
     "Sorry to hear that, Monday must have been hard.", MISSED),
])
def test_a_typed_surname_after_the_first_name(customer, agent, status):
    turns = [("agent", "Hello, Brightflow Heating, you're speaking with Priyanka."),
             ("customer", customer), ("agent", agent)]
    assert judge(turns)["customer_name"].status is status


# -- the review of round 14 ----------------------------------------------------------------------
@pytest.mark.parametrize("name, agent, status", [
    ("bill", "thank you bill the refund went through this morning", MET),
    ("grant", "thanks grant the transfer went through on monday", MET),
    ("bill", "thanks for holding bill it's all sorted now", MET),
    # the word as a word: a possessive or an adjective before it, a verb after "it"
    ("bill", "okay i can see her bill and the direct debit bounced", MISSED),
    ("bill", "is this the right bill you have in front of you", MISSED),
    ("mark", "okay mark it as paid and we are done", MISSED),
])
def test_the_review_cases_of_the_known_name(name, agent, status):
    assert _spoken(name, agent) is status


def test_a_surname_is_not_read_loosely():
    # "price" is the caller's surname: "a great price" says the word
    turns = [("agent", "good morning harbour energy how can i help"),
             ("customer", "hi it's dan price calling about my fixed tariff"),
             ("agent", "you've got a great price you locked in last year")]
    assert judge(turns)["customer_name"].status is MISSED


@pytest.mark.parametrize("customer, agent, status", [
    ("Good afternoon Priyanka, thanks for picking up. I'm Desmond McAllister, I'm calling "
     "about the boiler.", "Of course, Mr McAllister.", MET),
    ("Good afternoon Priyanka, thanks for picking up. I'm José Muñoz, the boiler leaks.",
     "I'm sorry, Mr Muñoz.", MET),
    ("Good afternoon Priyanka, thanks for picking up. I'm Mary Anne Cole, the boiler leaks.",
     "I'm sorry, Mrs Cole.", MET),
    # a run-on sentence is no surname, nor a word typed names never are
    ("Hi Priyanka, thanks for picking up. I'm Sam Boiler still not fixed after a week",
     "I'm sorry the boiler is still not fixed.", MISSED),
    ("Hi Priyanka, thanks for picking up. I'm Sam Refund, it never arrived.",
     "I'll chase the refund today.", MISSED),
])
def test_the_review_cases_of_the_typed_surname(customer, agent, status):
    turns = [("agent", "Hello, Brightflow Heating, you're speaking with Priyanka."),
             ("customer", customer), ("agent", agent)]
    assert judge(turns)["customer_name"].status is status


def test_a_surname_that_is_a_noun_after_your_is_no_address():
    # (third review) "your case" to Jack Case
    turns = [("agent", "Hello, welcome to Harbour Insurance, how can I help?"),
             ("customer", "Hi, I'm Jack Case, any news on my claim?"),
             ("agent", "Let me check. Your case has been approved and payment goes out Monday.")]
    assert judge(turns, metadata={"channel": "chat"})["customer_name"].status is MISSED
