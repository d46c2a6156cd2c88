"""Mechanisms found by the wave-6 DEV sets (benchmarks/devsets/calls6.yaml, threads6.yaml) for
the courtesy, resolution, hold, closing and introduction standards: masked and brand-voice
profanity, eye-roll emoji and shouting, checks asked the typed way, holds that never happened
or were never thanked, brand-voice farewells and outbound introductions. Sentences here are
written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _courtesy(agent_turn: str, customer: str = "my speaker won't pair"
              ) -> tuple[csnlp.StandardResult, csnlp.StandardResult]:
    report = judge([("agent", "Hi there, thanks for messaging, how can I help?"),
                    ("customer", customer),
                    ("agent", agent_turn),
                    ("customer", "ok"),
                    ("agent", "Thanks for getting in touch, take care.")])
    return report["polite_tone"], report["prohibited_language"]


@pytest.mark.parametrize("turn, polite, prohibited", [
    # profanity masked by asterisks or symbols, and "hell" as an oath: prohibited_language
    ("Ugh, the courier really f*cked that one up, sorry.", MET, MISSED),
    ("Total b*llocks from the app there, let me fix it.", MET, MISSED),
    ("what a s**tshow of a week for deliveries, sorry", MET, MISSED),
    ("Hell yeah we can swap that for you!", MET, MISSED),
    ("#@%! printer, one second while I resend it.", MET, MISSED),
    # ... not a footnote, markdown, a place or an e-mail address
    ("The upgrade fee* is waived this month (*terms apply).", MET, MET),
    ("Tap **Settings** then **Bluetooth**.", MET, MET),
    ("We can deliver to the Hell's Gate campsite office.", MET, MET),
    ("Write to help@speakerco.com and quote #4471.", MET, MET),
    # responsibility pushed away, softened by an adverb: prohibited_language
    ("The seller shipped it, so it's not exactly our issue.", MET, MISSED),
    ("Honestly that's not really my problem to chase.", MET, MISSED),
    ("It's not really our policy to charge for that.", MET, MET),
    # "whatever" offering a choice is no dismissal; said alone it is
    ("Whatever suits you best, morning or afternoon.", MET, MET),
    ("Email or text, whatever you'd prefer.", MET, MET),
    ("Whatever. Try turning it off and on.", MET, MISSED),
])
def test_profanity_and_dismissals_for_prohibited_language(turn, polite, prohibited):
    assert tuple(r.status for r in _courtesy(turn)) == (polite, prohibited)


@pytest.mark.parametrize("turn, polite", [
    # the agent's eye-roll, unamused face or facepalm emoji
    ("The reset button is on the back 🙄", MISSED),
    ("We did email you the code 😒", MISSED),
    ("It's in the FAQ 🤦‍♀️", MISSED),
    ("Great news, it's on its way 🎉", MET),
    # shutting the exchange down, an ultimatum, the obvious pointed at
    ("The warranty is 12 months and there's nothing more to say about it.", MISSED),
    ("There is no point arguing, the price is the price.", MISSED),
    ("We're just talking round in circles now.", MISSED),
    ("Listen, I've told you the store hours already.", MISSED),
    ("so do you want the repair or not", MISSED),
    ("The banner says 'SOLD OUT' in huge letters.", MISSED),
    # ... not an amount, a task, a choice with more to say, or an instruction
    ("There's nothing more to pay on this order.", MET),
    ("No point waiting in, the driver comes after six.", MET),
    ("Do you want the repair or not, no pressure either way?", MET),
    ("Please fill in the form in capital letters.", MET),
    # shouting: three or more words in capitals
    ("YOU NEED TO RESTART THE SPEAKER.", MISSED),
    ("Hold the button. THEN PRESS PLAY AGAIN.", MISSED),
    # ... not one word stressed, nor a run of acronyms
    ("Please do NOT share this code with anyone.", MET),
    ("It works over USB or HDMI, or via the BBC iPlayer app.", MET),
])
def test_eye_rolls_shut_downs_and_shouting_for_polite_tone(turn, polite):
    assert _courtesy(turn)[0].status is polite


def test_a_transcript_all_in_capitals_shouts_nothing():
    turns = [("agent", "HELLO THANKS FOR CALLING HOW CAN I HELP"),
             ("customer", "MY BILL IS WRONG"),
             ("agent", "LET ME HAVE A LOOK FOR YOU")]
    assert judge(turns)["polite_tone"].status is MET
    mixed = [("agent", "Hello, thanks for calling, how can I help?"),
             ("customer", "my bill is wrong"),
             ("agent", "LET ME HAVE A LOOK FOR YOU")]
    assert judge(mixed)["polite_tone"].status is MISSED


@pytest.mark.parametrize("line, status", [
    # a typed question opening its sentence on the outcome, after another sentence
    ("I've refreshed it. Is the playlist loading for you?", MET),
    ("We've resent it. Has the parcel arrived at the locker?", MET),
    ("I've restarted it. Is the app running smoothly after the restart?", MET),
    # elliptical checks
    ("Fixed?", MET),
    ("Refund's gone back to your card. Landed on your side?", MET),
    ("I've re-added the channel. All working now?", MET),
    # ... not a diagnosis, a negation or leave asked
    ("Thanks. Is the router showing any red lights?", MISSED),
    ("Okay. Is it still not loading?", MISSED),
    ("Is it okay if I call you back later?", MISSED),
    # where the customer now is
    ("try signing in once more, are you in?", MET),
    ("are you back in now", MET),
    ("are you in the UK at the moment?", MISSED),
    ("Which branch are you in?", MISSED),
    ("Both swapped. Can you see seats 3C and 3D on both of your tickets in the wallet now?", MET),
    ("Thanks. Do you still see the red warning banner on the page now?", MISSED),
    # a third party's contact the agent arranged
    ("The plumber has your number now. Have you had his text yet?", MET),
    ("did you get their reply", MET),
    ("Did you get their names for the booking?", MISSED),
    # a long subject before "look right", in run-on speech
    ("okay i've corrected it does the final total for the three rooms look right to you", MET),
    ("have we changed everything you wanted changed", MET),
    ("Can you see 'Paid' under the billing page?", MET),
    # a typed statement of the outcome is no question
    ("Your booking is confirmed again.", MISSED),
    ("Let me know if your booking is showing again.", MET),
])
def test_resolution_checks(line, status):
    report = judge([("customer", "my playlist keeps vanishing"), ("agent", line)])
    assert report["resolution_check"].status is status


@pytest.mark.parametrize("opening, status", [
    ("hiya, i'm not ringing with a problem, i just wanted to say your driver was lovely", NA),
    ("only writing to let you know the replacement turned up, thank you!", NA),
    ("just wanted to say the refund has landed, cheers", NA),
    # ... a problem or a refund still missing after all
    ("just wanted to say the refund still hasn't arrived, thanks", MISSED),
    ("hi, i'm calling about a problem with my meter", MISSED),
])
def test_praise_only_contacts_need_no_resolution_check(opening, status):
    report = judge([("customer", opening), ("agent", "Thanks so much, I'll pass that on."),
                    ("customer", "thanks, bye"), ("agent", "Bye now!")])
    assert report["resolution_check"].status is status


def _timed(*turns: tuple[str, str]) -> list[tuple]:
    """Turns two seconds apart, a 70-second silence before a turn starting with '|'."""
    out, clock = [], 0.0
    for speaker, text in turns:
        if text.startswith("|"):
            clock += 70
            text = text[1:]
        out.append((speaker, text, clock, clock + 2))
        clock += 4
    return out


@pytest.mark.parametrize("answer", [
    "i'd rather not if you don't mind, i'm on the bus",
    "can you just stay on the line please",
    "oh i'm heading out, could you ring me back instead",
])
def test_a_hold_declined_is_no_hold(answer):
    turns = _timed(("agent", "would you mind if I put you on hold while I check the meter"),
                   ("customer", answer),
                   ("agent", "of course, no problem"),
                   ("customer", "thanks"))
    assert judge(turns)["hold_etiquette"].status is NA


def test_waiting_for_a_device_is_no_hold():
    turns = _timed(("agent", "unplug the hub and plug it back in"),
                   ("customer", "okay done"),
                   ("agent", "great give it a couple of minutes then is the light blue"),
                   ("customer", "|yes it's blue now"),
                   ("agent", "brilliant"))
    assert judge(turns)["hold_etiquette"].status is NA


def test_a_hold_is_thanked_before_the_next_one():
    turns = _timed(("agent", "can I put you on hold while I find the order"),
                   ("customer", "go ahead"),
                   ("agent", "|right found it, can I put you on hold again while I ring the depot"),
                   ("customer", "okay"),
                   ("agent", "|thanks for holding, it leaves the depot tonight"))
    result = judge(turns)["hold_etiquette"]
    assert result.status is MISSED and "turn 1" in result.explanation
    thanked = [*turns[:2], ("agent", "thanks for waiting, found it, can I put you on hold "
                            "again while I ring the depot", *turns[2][2:]), *turns[3:]]
    assert judge(thanked)["hold_etiquette"].status is MET


def test_a_further_wait_explained():
    turns = [("agent", "Could you hold for two minutes while I look at the tariff?", 0, 5),
             ("customer", "ok", 8, 9),
             ("agent", "Thanks for holding. I'll now rebuild the bill, which will take another "
                       "few minutes. Okay?", 150, 160),
             ("customer", "fine", 165, 166),
             ("agent", "Thank you for waiting, it's all rebuilt.", 330, 340)]
    assert judge(turns, metadata={"channel": "chat"})["hold_etiquette"].status is MET


@pytest.mark.parametrize("last, status", [
    ("Happy gaming 🎮 ^LB", MET),
    ("Happy baking!", MET),
    ("All done. Hope the rest of your weekend is calmer.", MET),
    ("Sorted, and hope you have a smoother trip home.", MET),
    # ... not "happy" about a task, nor a hope about the business
    ("I'm happy checking the rest of the order too.", MISSED),
    ("I hope the engineer can make it on Monday.", MISSED),
])
def test_brand_voice_farewells_close(last, status):
    report = judge([("customer", "ok great"), ("agent", last)])
    assert report["closing"].status is status


@pytest.mark.parametrize("opening, status", [
    ("good morning you're speaking with adviser okafor", MET),
    ("hello, you're through to specialist Brennan in claims", MET),
    ("hi is that marguerite it's desmond calling from the surgery", MET),
    ("hello am i speaking with ravi it's lena from hartwell energy", MET),
    # a name that is also a stop word
    ("Hi, I'm Will, I'll be looking after you today.", MET),
    ("Hello, I'm May from the lettings team.", MET),
    ("Hi, I'm willing to help with that.", MISSED),
    # ... the customer named, no agent's name
    ("hi is that marguerite calling from the surgery", MISSED),
    ("you're speaking with the accounts team", MISSED),
])
def test_introductions(opening, status):
    report = judge([("agent", opening), ("customer", "yes hi"), ("agent", "how can I help?")])
    assert report["agent_introduction"].status is status
