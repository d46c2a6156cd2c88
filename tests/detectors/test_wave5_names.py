"""Name mechanisms found by the fifth wave of blind DEV sets (benchmarks/devsets/names5.yaml).
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("name, line, status", [
    # a name that is also a word, used as the word: not the customer addressed
    ("Will Okafor", "right will you read me the postcode please", MISSED),
    ("Hope Barnes", "that should clear by tonight i hope", MISSED),
    ("Chase Morgan", "i'll chase the courier for you today", MISSED),
    ("Mark Jensen", "could you mark the box as faulty", MISSED),
    ("Grant Ellis", "the grant was paid on tuesday", MISSED),
    ("Bill Tanaka", "Your next bill will be lower.", MISSED),
    ("Hope Barnes", "Hope the rest of your week goes well.", MISSED),
    ("Rose Kelly", "the clinic is on rose street", MISSED),
    # the same names addressing the customer
    ("Will Okafor", "thanks will and is that the mobile number", MET),
    ("Hope Barnes", "okay hope sorry about that", MET),
    ("Mark Jensen", "is there anything else mark", MET),
    ("Chase Morgan", "lovely thank you mister morgan", MET),
    ("Grant Ellis", "All done, Grant.", MET),
    ("Bill Tanaka", "Thanks, Bill! Your refund is on its way.", MET),
    ("Rose Kelly", "no problem rose what's the postcode", MET),
    # a name that is no word counts anywhere
    ("Ngozi Obi", "i'll send that to you ngozi straight away", MET),
])
def test_names_that_are_words_count_only_where_they_address(name, line, status):
    report = _report([("agent", "hello this is dara how can i help"),
                      ("customer", "hi i need to change my address"), ("agent", line)],
                     metadata={"customer_name": name})
    assert report["customer_name"].status is status


@pytest.mark.parametrize("turns, status", [
    # informal and titled introductions
    ([("agent", "hi you've reached the passport office, Olamide on the line, how can I help")],
     MET),
    ([("agent", "Hello! Sunniva on this side, what's up?")], MET),
    ([("agent", "morning, Kasimir with you today. What do you need?")], MET),
    ([("agent", "you're through to Vantor Energy, the name's Ilse")], MET),
    ([("agent", "good evening, this is Claims Adviser Mbeki, I have your file open")], MET),
    # sign-offs of messages written on one line
    ([("customer", "My parcel is late."),
      ("agent", "Sorry about that, it ships today. Kind regards, Tobiah | Orders, Fernway")], MET),
    ([("customer", "@acme my app crashes"), ("agent", "@kit_m Sorry! Try updating. – Petra")],
     MET),
    # a department, a colleague, a team's sign-off: not the agent's own name
    ([("agent", "you're through to renewals at harbour insurance how can i help")], MISSED),
    ([("agent", "Hi! Odile from our billing team asked me to call you about a refund.")],
     MISSED),
    ([("agent", "I've got Tamsin on the line from the lab, one moment.")], MISSED),
    ([("customer", "Order 5512 is missing."),
      ("agent", "We are sorry, it was re-sent. Kind regards, Orders Support Team, Fernway")],
     MISSED),
    ([("agent", "Thanks for waiting, it's refunded. Thanks, Maria")], MISSED),
])
def test_agent_introductions_informal_titled_and_signed(turns, status):
    assert _report(turns)["agent_introduction"].status is status


@pytest.mark.parametrize("message, reply, status", [
    # a one-line message signed with a full name: the name is known
    ("Hi, my meter reading is 04471. Thanks, Oksana Bielik", "Thanks Oksana, it's in.", MET),
    ("Please close my account. Regards, Tran Van Minh, Flat 4", "Hello, it is closed.", MISSED),
    ("The charger never arrived. K. Abernathy-Lowe", "Dear Sir or Madam, it ships today.",
     MISSED),
    # one word after "Thanks," (often the agent thanked), no capitals: no name
    ("Got the refund. Thanks, Oksana", "Great, glad it's sorted.", NA),
    ("it never arrived. thanks, oksana bielik", "sorry, it ships today.", NA),
])
def test_one_line_messages_signed_with_a_full_name(message, reply, status):
    report = _report([("customer", message), ("agent", reply)])
    assert report["customer_name"].status is status


@pytest.mark.parametrize("turns, status", [
    # "that's me" with the name, an Irish "o" as ASR writes it
    ([("agent", "hi i'm calling about a parcel could i speak to whoever ordered it"),
      ("customer", "yes that's me dana whitfield what's wrong"),
      ("agent", "we'll redeliver tomorrow is that okay mister whitfield")], MET),
    ([("agent", "can i take your full name"), ("customer", "niamh o connor"),
      ("agent", "thanks niamh and the postcode")], MET),
    ([("agent", "hi i'm calling about a parcel"), ("customer", "yes that's me sorted thanks"),
      ("agent", "lovely bye")], NA),
    # a security question naming the holder, confirmed, then never used: missed
    ([("agent", "Hi, this is Ana. Is the account holder Tobias Rehnquist?"),
      ("customer", "yes that's me"), ("agent", "Thanks. The payment has cleared.")], MISSED),
])
def test_names_given_in_answers_and_checks(turns, status):
    assert _report(turns)["customer_name"].status is status
