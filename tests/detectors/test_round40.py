"""Round forty, from wave 37's disagreements, by mechanism: "<name> on the line" after a
department; a passive's participle is no name ("This is noted"); the customer's name after a
word of address ("hello dear it's ..."), after a filler and with a particle ("it's uh mister o
driscoll"), typed as "It's <Name> at <place>", spelled when the recogniser garbled the said
name, split in two by the recogniser ("mrs della croix"), and never from a spelling of someone
else's name ("her name was ... v a r g a"); outcome checks asked as "That work for you?", a slot
named as the subject, a possessive's arrival, what the fix showed and what was sent opened and
seen; a wait asked "give me 2 min" after the act under way; blame as the customer (or their
builder, broker, fitter) doing it wrong, the fault moved to their side "not us", their
"responsibility", "what you asked for", and brush-offs ("take it up with", "read the FAQ before
messaging", "not discussing it further"); complaints told without emotion words (a request
refused "four times", a different thing sent than ordered, ", bit grim", the "only niggle" of a
review) and a loss the caller feels silly about, which is no complaint. The sentences are written for the
tests, none taken from the DEV sets."""

from __future__ import annotations

import pytest

from .conftest import ROUND_ARGS, assert_verdict, round_cases

CASES = [
    # -- agent_introduction -------------------------------------------------------------------
    ("agent_introduction", "phone", [
        ("A", "hello you're through to lettings support anwen on the line"), ("C", "hi")], "met"),
    ("agent_introduction", "phone", [
        ("A", "hello lettings"), ("C", "hi"),
        ("A", "i've got anwen on the line for you now")], "missed"),
    ("agent_introduction", "email", [
        ("C", "Why was I charged twice?"),
        ("A", "Hello, thanks for writing in. This is logged with our billing team and a refund is "
              "on its way.")], "missed"),
    # -- customer_name ----------------------------------------------------------------------------
    ("customer_name", "phone", [
        ("A", "good morning community transport"),
        ("C", "oh hello love it's gladys gladys mensah the bus never came for me"),
        ("A", "oh no mrs mensah i'm sorry let me look")], "met"),
    ("customer_name", "phone", [
        ("A", "hello plumbing line"),
        ("C", "yeah hi it's um mister o brennan the boiler's leaking again"),
        ("A", "right mister o brennan when did it start")], "met"),
    ("customer_name", "chat", [
        ("A", "Yes?"),
        ("C", "Hi, is that the kennels? It's Marisol at Birch Farm. Our booking vanished."),
        ("A", "Let me look, Marisol.")], "met"),
    ("customer_name", "chat", [
        ("A", "Hello"), ("C", "It's Monday at the earliest? That is far too late."),
        ("A", "Sorry, Monday is the first slot.")], "not_applicable"),
    ("customer_name", "phone", [
        ("A", "hi thanks for calling the swim club"),
        ("C", "hi i need to move my lesson"),
        ("A", "sure what's the name on the booking"),
        ("C", "eve on o'dwyer that's a o i f e"),
        ("A", "okay and which day")], "missed"),
    ("customer_name", "phone", [
        ("A", "hello bereavement services"),
        ("C", "hi i'm calling about my dad's pension his name was walter kiss k i s s"),
        ("A", "i'm sorry for your loss what was mr kiss's date of birth")], "not_applicable"),
    ("customer_name", "phone", [
        ("A", "hello drain rescue"),
        ("C", "yes this is mrs vanderbilt the drain's overflowing"),
        ("A", "right mrs vander bilt we'll have someone there by noon")], "met"),
    # -- resolution_check -------------------------------------------------------------------------
    ("resolution_check", "chat", [
        ("C", "the class got cancelled, can I move to Friday?"),
        ("A", "Sure, I've moved you to the 6pm Friday class. That work for you?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "the boiler's dead"),
        ("A", "An engineer is booked. Does Tuesday afternoon suit for letting him in?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "my card stopped working"),
        ("A", "I've reissued it in the app. Has his card popped up in the wallet yet?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "the payment page keeps failing"),
        ("A", "I've cleared the stuck session. Did it give you the receipt screen this time?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "my certificate has the wrong date"),
        ("A", "I've reissued it. Could you open it and check the date at the bottom?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "the class got cancelled, can I move to Friday?"),
        ("A", "Sure, I've moved you to the 6pm Friday class. That works for me too."),
        ("C", "ok")], "missed"),
    # -- prohibited_language: the customer named as the one who did it wrong -------------------
    ("prohibited_language", "chat", [
        ("C", "The shelves fell off the wall."),
        ("A", "Looking at the photos, your builder mounted them wrong, that's not the brackets.")],
     "missed"),
    ("prohibited_language", "chat", [
        ("C", "The parcel came back to you."),
        ("A", "The postcode you gave us was incorrect, so the courier returned it.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The parcel came back to you."),
        ("A", "Sorry, we sent it out wrong, our mistake, a new one is on its way.")], "met"),
    ("prohibited_language", "chat", [
        ("C", "The shelves fell off the wall."),
        ("A", "Did your builder mount them wrong? Either way we'll send someone.")], "met"),
    ("prohibited_language", "chat", [
        ("C", "The shelves fell off the wall."),
        ("A", "Your installer set them up wrong, I'm so sorry, we'll redo it free.")], "met"),
    # ... the fault put on their side and off ours in one breath; their duty pointed at
    ("prohibited_language", "chat", [
        ("C", "Why is the shipment stuck?"),
        ("A", "The paperwork is incomplete, so the hold is down to your broker, not us.")], "missed"),
    ("prohibited_language", "phone", [
        ("C", "the wall's damp again"),
        ("A", "honestly it's condensation that's caused it rather than our work")], "missed"),
    ("prohibited_language", "email", [
        ("C", "Why am I being asked to repay this?"),
        ("A", "It is the tenant's responsibility to tell us when the household changes.")], "missed"),
    ("prohibited_language", "email", [
        ("C", "Who insures the contents?"),
        ("A", "It is our responsibility to insure the building; contents are covered by you.")],
     "met"),
    ("prohibited_language", "phone", [
        ("C", "the tyres are really loud"),
        ("A", "well the sport compound is sort of what you asked for")], "missed"),
    # ... brushed off
    ("prohibited_language", "phone", [
        ("C", "my appointment was cancelled twice"),
        ("A", "that's not something we can help with. take it up with the surgery.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "how do I pair the remote"),
        ("A", "Read the FAQ before messaging, it's all there.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "I still think the charge is wrong"),
        ("A", "We're not discussing it any further.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "my sister booked it"),
        ("A", "It doesn't matter who booked it, I can move it for you.")], "met"),
    ("prohibited_language", "phone", [
        ("C", "i'm not happy with your answer"),
        ("A", "you can take it up with the ombudsman and i'll send you their details")], "met"),
    ("prohibited_language", "phone", [
        ("C", "the fence is scratched"),
        ("A", "they'd not have stacked it there if the gate had been unlocked as we asked")],
     "missed"),
    ("prohibited_language", "chat", [
        ("C", "the grout cracked"),
        ("A", "Grout cracks when it's walked on too soon, so it's not a workmanship fault.")],
     "missed"),
    # -- empathy_on_complaint: complaints without emotion words --------------------------------
    ("empathy_on_complaint", "chat", [
        ("C", "Please take me off the mailing list. I've asked four times."),
        ("A", "Done, you're removed.")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "We ordered size 8 boots but you sent a 10."),
        ("A", "Please send a photo of the label.")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "the croissants were stale by the time they came, bit disappointing"),
        ("A", "Order number?")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "Lovely hotel. Only niggle: the shower ran cold every morning."),
        ("A", "Thanks for staying with us!")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "Lovely hotel, no gripes at all."), ("A", "Thanks for staying with us!")],
     "not_applicable"),
    ("empathy_on_complaint", "phone", [
        ("C", "hi so this is embarrassing i've lost the parking permit you posted i feel so silly"),
        ("A", "no problem i'll send another")], "not_applicable"),
    ("empathy_on_complaint", "phone", [
        ("C", "the weather's a bit grim today anyway i'd like to renew my permit"),
        ("A", "sure what's the registration")], "not_applicable"),
    # -- hold_etiquette -------------------------------------------------------------------------
    ("hold_etiquette", "chat", [
        ("C", "Could I swap my slot?"),
        ("A", "Checking the diary for next week, give me 2 min"),
        ("A", "Thanks for waiting! Tuesday at 10 is free."), ("C", "great")], "met"),
    ("hold_etiquette", "chat", [
        ("C", "Could I swap my slot?"),
        ("A", "give me 2 min"),
        ("A", "Tuesday at 10 is free."), ("C", "great")], "missed"),
]

_REVIEW: list = []


@pytest.mark.parametrize(ROUND_ARGS, round_cases(CASES, review=_REVIEW))
def test_round40_mechanisms(standard, channel, turns, status, metadata):
    assert_verdict(standard, channel, turns, status, **metadata)
