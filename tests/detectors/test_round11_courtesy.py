"""Round eleven, courtesy: cold and curt agents that the curt-throughout check let through (a
bare "anything else?" taken for an offer of help, one phrase left to prohibited_language
excusing a curt agent), impatience and passive-aggressive references back (polite_tone), and
blame put on the customer's own side or on what they did not do (prohibited_language).
Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _agent(replies: list[str]) -> csnlp.Report:
    turns = []
    for reply in replies:
        turns += [("customer", "hi, my new kettle trips the fuse every time I boil it"),
                  ("agent", reply)]
    return judge(turns)


@pytest.mark.parametrize("replies, status", [
    # a bare "anything else?" is no courtesy: the agent is curt throughout
    (["Serial number.", "Out of warranty. Nothing we can do.", "anything else"], MISSED),
    (["Model?", "Return it to the shop.", "Is there anything else?"], MISSED),
    (["order ref", "replacement ships friday anything else today"], MISSED),
    # ... an offer of help is: brisk but courteous
    (["Serial number.", "Out of warranty.", "Anything else I can help with?"], MET),
    (["Model?", "Return it to the shop.", "Is there anything else you need from me?"], MET),
    (["Order ref?", "Replacement ships Friday, anything else we can do for you?"], MET),
])
def test_a_bare_anything_else_is_no_courtesy(replies, status):
    assert _agent(replies)["polite_tone"].status is status


@pytest.mark.parametrize("replies, polite, prohibited", [
    # curt throughout beyond the phrase prohibited_language judges: both miss
    (["Serial.", "Nope. Deal with it, out of warranty.", "Buy a new one.", "Bye."],
     MISSED, MISSED),
    (["model number", "whatever not covered", "shop then", "yep"], MISSED, MISSED),
    # the phrase alone with one other short turn: penalised once, by prohibited_language
    (["Not my problem.", "No."], MET, MISSED),
    # a courteous word anywhere: not curt, the phrase is prohibited_language's
    (["Serial, please.", "Deal with it, out of warranty.", "No."], MET, MISSED),
])
def test_one_phrase_does_not_excuse_a_curt_agent(replies, polite, prohibited):
    report = _agent(replies)
    assert (report["polite_tone"].status, report["prohibited_language"].status) == (
        polite, prohibited)


def _reply(text: str) -> csnlp.Report:
    return judge([("agent", "Hello, thanks for calling, how can I help?"),
                  ("customer", "The app keeps charging me twice, I told you this already."),
                  ("agent", text),
                  ("customer", "ok"),
                  ("agent", "Thanks for calling, take care.")])


@pytest.mark.parametrize("text, polite, prohibited", [
    # impatience: the customer heard the first time
    ("Yes, I heard you the first time, the refund is pending.", MISSED, MET),
    ("i got you the first time sir its being looked at", MISSED, MET),
    ("Understood you the first time. It's with billing.", MISSED, MET),
    # ... not a first time that is the customer's
    ("Is this the first time you've seen a double charge?", MET, MET),
    ("I'm sorry it didn't work the first time, let me fix it.", MET, MET),
    # sarcastic tag question: "I can't ..., can I?"
    ("Well I can't make the bank work faster, can I", MISSED, MET),
    ("We couldn't have known that, could we?", MISSED, MET),
    # ... not a real question asking leave
    ("I can't see the second charge yet, can I call you back in ten minutes?", MET, MET),
    ("I can't find it here. Could I take your postcode?", MET, MET),
    # passive-aggressive references back (the obvious pointed at, "as clearly stated", blames
    # the customer for not reading: prohibited_language's since round 28)
    ("Per my previous email, the second charge is an authorisation.", MISSED, MET),
    ("As per my last reply, it drops off in three days.", MISSED, MET),
    ("As clearly stated on the billing page, it is an authorisation.", MET, MISSED),
    ("As stated very clearly in the FAQ, holds drop off.", MET, MISSED),
    ("This is explained quite clearly in our help centre.", MET, MISSED),
    # ... not a plain reference back, or a promise to explain clearly
    ("As per your previous email, I've refunded the second charge.", MET, MET),
    ("As stated on the billing page, holds drop off in three days.", MET, MET),
    ("I'll explain clearly what each charge is.", MET, MET),
    ("The fee is explained in our help centre, I'll send you the link.", MET, MET),
])
def test_impatience_and_passive_aggression(text, polite, prohibited):
    report = _reply(text)
    assert (report["polite_tone"].status, report["prohibited_language"].status) == (
        polite, prohibited)


@pytest.mark.parametrize("text, prohibited", [
    # the fault put on the customer's side
    ("The card number was mistyped at checkout, so that's on your end, I'm afraid.", MISSED),
    ("That one is on your side, not ours.", MISSED),
    ("this is all on your end unfortunately", MISSED),
    # ... not a question, a check or a place
    ("Is everything working on your end now?", MET),
    ("That's on your side of the meter, so an electrician can fix it.", MET),
    ("It might be something on your end, shall we restart the router together?", MET),
    # a counterfactual: what the customer did not do caused it
    ("If you had updated the app, this wouldn't have happened.", MISSED),
    ("if you kept the receipt this would not happen", MISSED),
    ("Had you logged out properly, it wouldn't have happened.", MISSED),
    # ... not a reassurance or the company's own failing
    ("If we had sent the email on time, this wouldn't have happened, I'm sorry.", MET),
    ("Even if you had updated the app, it would still have happened, so don't worry.", MET),
])
def test_blame_on_the_customers_side(text, prohibited):
    report = _reply(text)
    assert report["prohibited_language"].status is prohibited
    assert report["polite_tone"].status is MET


def test_needing_anything_else_is_an_offer():
    report = _agent(["Yep, it ships Monday. Need anything else?", "Done."])
    assert report["polite_tone"].status is MET


class _ColdTone:
    """Scores every turn 0.2 polite (below the pack's min_mean 0.3), as the tone model scores
    plain explanations."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.1, 0.2] for _ in texts])


@pytest.mark.parametrize("replies, status", [
    # courteous wording in half or more of the agent's turns outweighs a low model mean
    (["Please don't worry, that's on our side.", "The refund went out this morning."], MET),
    (["Sure, let me go over the steps once more.", "Hold the reset button for ten seconds."],
     MET),
    (["nicely done the light should turn blue now"], MET),
    # ... fewer: the low mean stands
    (["The refund went out this morning.", "It clears in five days.", "Sure."], MISSED),
    (["The refund went out this morning.", "It clears in five days."], MISSED),
])
def test_courteous_wording_outweighs_a_low_model_mean(replies, status):
    turns = []
    for reply in replies:
        turns += [("customer", "did my refund go through"), ("agent", reply)]
    assert judge(turns, tone_model=_ColdTone())["polite_tone"].status is status


@pytest.mark.parametrize("replies, polite", [
    # a turn whose low score is the phrase prohibited_language judges leaves the mean
    (["read the manual its all in there"], MET),
    (["Not my problem, ring the courier.", "Thanks for your patience."], MET),
    # ... the agent's other turns still count
    (["Not my problem, ring the courier.", "The parcel left on Monday.", "It's with them."],
     MISSED),
])
def test_a_phrase_judged_by_prohibited_language_leaves_the_mean(replies, polite):
    turns = []
    for reply in replies:
        turns += [("customer", "where is my parcel"), ("agent", reply)]
    report = judge(turns, tone_model=_ColdTone())
    assert report["polite_tone"].status is polite
    assert report["prohibited_language"].status is MISSED


class _ClosingActs:
    """Reads every turn as a closing (p=0.9), as the act model reads an open offer of help;
    no other act."""

    acts = ("further_help", "closing", "greeting", "self_introduction", "resolution_check",
            "apology_empathy", "upsell_offer")
    thresholds = dict.fromkeys(acts, 0.7)
    model_id = "fake-closing"

    def predict_proba(self, texts):
        out = np.zeros((len(texts), len(self.acts)))
        out[:, 1] = 0.9
        return out


@pytest.mark.parametrize("last, status", [
    # an open offer of more help is not thanks or a goodbye
    ("Sure. Do let us know if the courier doesn't show.", MISSED),
    ("Fine. If something else comes up, just message us here.", MISSED),
    ("If you ever need anything, you know where we are.", MISSED),
    # ... beside a goodbye it still closes
    ("Let us know if the courier doesn't show. Have a lovely evening!", MET),
    # an offer-free last line is left to the act model as before
    ("Right, all done on our side now.", MET),
])
def test_an_open_offer_of_help_is_no_closing(last, status):
    turns = [("customer", "thanks, that's all"), ("agent", last)]
    report = judge(turns, act_model=_ClosingActs())
    assert report["closing"].status is status


@pytest.mark.parametrize("last, status", [
    # help given, gladly: a courtesy reply closes
    ("Always happy to help out!", MET),
    ("glad to help out have a good one", MET),
    # ... help still to give does not
    ("I'm glad to help out with the form now.", MISSED),
    ("Happy to help out if you need it.", MISSED),
])
def test_glad_to_help_out(last, status):
    turns = [("customer", "thanks"), ("agent", last)]
    assert judge(turns)["closing"].status is status


@pytest.mark.parametrize("text, polite", [
    # a reference back to seconds ago, and "actually" on what the customer must do
    ("Twenty pounds, like I just said.", MISSED),
    ("as i literally just told you its the blue cable", MISSED),
    ("You need to actually hold the button down, not tap it.", MISSED),
    # ... a plain reference back, or "actually" informing
    ("As I said, the engineer comes on Monday.", MET),
    ("I just said to my colleague we'd refund it.", MET),
    ("You actually need two forms of ID for this one.", MET),
])
def test_impatient_references_and_actually(text, polite):
    report = _reply(text)
    assert (report["polite_tone"].status, report["prohibited_language"].status) == (polite, MET)


@pytest.mark.parametrize("text, prohibited", [
    # the fault named the customer's
    ("The address had no postcode, which was your error, not ours.", MISSED),
    ("honestly it was your own mistake but I'll fix it", MISSED),
    ("That's your mistake, not ours.", MISSED),
    # ... not an error message, nor the agent's own mistake
    ("What does your error message say?", MET),
    ("It was my mistake, not yours, and I've fixed it.", MET),
])
def test_the_fault_named_the_customers(text, prohibited):
    report = _reply(text)
    assert report["prohibited_language"].status is prohibited
    assert report["polite_tone"].status is MET


@pytest.mark.parametrize("text, polite, prohibited", [
    # "stupid" in a kind denial is no insult
    ("Not a silly question at all, it's under Settings.", MET, MET),
    ("There are no stupid questions here, happy to explain.", MET, MET),
    # ... said of the customer or their question, it is
    ("That's a stupid question.", MET, MISSED),
])
def test_no_stupid_question(text, polite, prohibited):
    report = _reply(text)
    assert (report["polite_tone"].status, report["prohibited_language"].status) == (
        polite, prohibited)


@pytest.mark.parametrize("first, status", [
    # a clipped time-of-day greeting in a speech transcript
    ("morning riverside vets this is abi", MET),
    ("afternoon you're through to the accounts team", MET),
    ("good evening northgate taxis", MET),
    # ... not a time of day offered or chosen
    ("morning works better for the engineer", MISSED),
    ("afternoon slots are all gone this week", MISSED),
    ("evening or weekend", MISSED),
])
def test_a_clipped_greeting_in_speech(first, status):
    turns = [("agent", first), ("customer", "hi i need to book a visit"),
             ("agent", "what's the postcode")]
    assert judge(turns)["greeting"].status is status


def _hold(turns: list[tuple[str, str]]) -> csnlp.Status:
    return judge(turns)["hold_etiquette"].status


NA = csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("turns, status", [
    # the chat put on hold, minutes asked for, chat shorthand for a step away
    ([("agent", "The scan takes a few minutes. Is it alright if I put the chat on hold?"),
      ("customer", "sure"), ("agent", "Thanks for waiting, it's fixed.")], MET),
    ([("agent", "Let me ask the warehouse, can you give me about 5 minutes?"),
      ("customer", "ok"), ("agent", "Thank you for your patience, it's packed.")], MET),
    ([("agent", "brb, just checking the rota"), ("agent", "ok so Friday is free!")], MISSED),
    # the customer put on a service, not a hold
    ([("agent", "I can put you on the 9:15 service from Leeds instead."),
      ("customer", "great"), ("agent", "Done, all booked.")], NA),
    ([("agent", "Shall I put you on the waiting list for the blue one?"),
      ("customer", "yes")], NA),
    # ... a hold with an article before it is still a hold
    ([("agent", "Can I put you on a quick hold while I check?"), ("customer", "yes"),
      ("agent", "Thanks for holding.")], MET),
    # minutes of notice are no hold
    ([("agent", "Just give us 10 minutes notice before you arrive."), ("customer", "ok")], NA),
])
def test_holds_in_chat_and_services_that_are_not(turns, status):
    assert _hold([("customer", "hi")] + turns) is status


def test_rude_wording_in_every_turn_leaves_the_low_mean_standing():
    turns = [("customer", "where is my parcel"), ("agent", "Not my problem, ring the courier."),
             ("customer", "they told me to ring you"), ("agent", "Whatever. It left Monday.")]
    report = judge(turns, tone_model=_ColdTone())
    assert report["polite_tone"].status is MISSED
