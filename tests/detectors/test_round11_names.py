"""Round 11: introductions ending their clause by punctuation or an emoji ("I'm Ines. So ..."),
an aside after a dash, a name alone opening a turn, sign-offs with a role, a company or a kiss,
speech recognition's "<unk>" and "ya got", a company ending on a desk word; the customer's name
given as a sign-off, shared with the agent, or said by the agent about itself."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def _status(turns, standard, **kw):
    return judge(turns, standards="contact_center", **kw)[standard].status.value


def _opening(first: str) -> list[tuple[str, str]]:
    """A short call whose only introduction can be the agent's first turn."""
    return [("agent", first), ("customer", "My parcel still hasn't come."),
            ("agent", "Let me check the tracking for you."), ("customer", "ok"),
            ("agent", "It's out for delivery today. Anything else?"), ("customer", "No."),
            ("agent", "Have a good day.")]


@pytest.mark.parametrize("first, expected", [
    # a typed "I'm <Name>" whose clause ends on punctuation or an emoji
    ("Hello Petra, I'm Oksana. Good news: the order has shipped.", "met"),
    ("Hey! I'm Tadhg 🙋 Happy to look into it.", "met"),
    ("hi i'm ravi 👍 what's the order number", "met"),
    ("Hi, I'm Jean-Luc, the store's returns advisor.", "met"),
    # ... not a state, nor a lower-case word
    ("I'm Sorry. Delivery is late today.", "missed"),
    ("Hi, I'm glad. That was quick.", "missed"),
    ("I'm English, so that's fine.", "missed"),
    # an aside after a dash
    ("Apologies, forgot to say - it's Ngozi, and I'll handle this.", "met"),
    ("Checked it - it's Tuesday, not Monday.", "missed"),
    ("Yes, it's Paris, right?", "missed"),
    # a name alone, then "here", opening the turn
    ("Ruairi here. Let me see what happened.", "met"),
    ("Details here. Let me see what happened.", "missed"),
    # an emoji between the greeting and "<name> from <company> here"
    ("Hi there 🌟 Keiko from Parcelwise here. What's up?", "met"),
    # speech recognition: "<unk>" for the name, "ya got"
    ("hello you're talking to <unk> at homewise what's happened", "met"),
    ("hi it's <unk> from homewise how can i help", "met"),
    ("yeah hiya ya got marek here what's up", "met"),
    ("yeah you got lucky with the weather", "missed"),
    # a company of three words ending on a desk word, then "<name> here"
    ("afternoon kestrel bay hotel reception wiremu here", "met"),
    ("afternoon i have your booking form here", "missed"),
    # sign-offs: a role or the company after a dash, a kiss
    ("Sorry about that, we're checking now. – Anouk, Returns", "met"),
    ("Thanks for waiting — Bram at Tessel Tech", "met"),
    ("Sorry about that, we're on it! Priyanka x", "met"),
    ("Sorry about that, we're on it! Team Juniper", "missed"),
])
def test_introduction_forms(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


def test_agent_naming_itself_at_the_end_is_not_addressing_a_namesake():
    turns = [("agent", "you're through to ridgeline my name's tomas"),
             ("customer", "oh hi tomas that's my name as well"),
             ("agent", "ha how can i help"), ("customer", "my boiler's off"),
             ("agent", "okay an engineer will come tomorrow"), ("customer", "great"),
             ("agent", "alright it's been tomas helping you today bye")]
    assert _status(turns, "customer_name") == "missed"


def test_dash_signoff_with_the_company_is_the_agents_name():
    turns = [("agent", "Good morning, Fenwick Savings, I'm Ola."),
             ("customer", "Morning Ola, funnily enough I'm Ola too. I need a new card."),
             ("agent", "Sure, that's ordered and arrives Friday."), ("customer", "Thanks."),
             ("agent", "You're welcome. Bye for now — Ola at Fenwick.")]
    assert _status(turns, "customer_name") == "missed"


def test_customer_sharing_the_agents_name_with_also_first():
    turns = [("agent", "hi you're through to larkfield this is oona"),
             ("customer", "oh hello oona i'm also oona believe it or not"),
             ("agent", "no way oona what can i do for you"), ("customer", "my bin wasn't emptied"),
             ("agent", "i'll book a collection for tomorrow")]
    assert _status(turns, "customer_name") == "met"


def test_customer_sharing_the_agents_name_not_addressed():
    turns = [("agent", "hi you're through to larkfield this is oona"),
             ("customer", "oh hello i'm also oona believe it or not"),
             ("agent", "ha what can i do for you"), ("customer", "my bin wasn't emptied"),
             ("agent", "i'll book a collection for tomorrow")]
    assert _status(turns, "customer_name") == "missed"


def test_a_signoff_opening_the_exchange_is_the_customers_name():
    turns = [("customer", "Hello, I would like to swap the lamp I bought, the shade is dented. "
                          "Thanks, Ngaire"),
             ("agent", "Hello Ngaire, this is Bryony from the returns team. A replacement is "
                       "on its way.")]
    assert _status(turns, "customer_name") == "met"


def test_thanking_the_agent_by_name_later_is_not_the_customers_name():
    turns = [("agent", "Hello, you're chatting with Rosalind."),
             ("customer", "Hi, my order arrived with a cracked lid."),
             ("agent", "Sorry about that, a replacement is on its way."),
             ("customer", "Great, thanks Rosalind"),
             ("agent", "You're welcome, Rosalind here if you need anything.")]
    assert _status(turns, "customer_name") == "not_applicable"


@pytest.mark.parametrize("turns, expected", [
    # a correction of the agent's check: "it's actually doctor ..."
    ([("agent", "morning westfield dental this is ada"), ("customer", "hi i need to rebook"),
      ("agent", "sure is that mrs okonjo"),
      ("customer", "it's actually doctor okonjo but that's fine"),
      ("agent", "sorry dr okonjo thursday at two then")], "met"),
    # "<for> <name>, that's me"
    ([("agent", "hi there parcelpoint how can i help"),
      ("customer", "the parcel's addressed to kwame boateng that's me it never came"),
      ("agent", "sorry mr boateng i'll chase the courier")], "met"),
    ([("agent", "hi there parcelpoint how can i help"),
      ("customer", "the parcel's addressed to kwame boateng that's me it never came"),
      ("agent", "sorry about that i'll chase the courier")], "missed"),
    # a typed surname after the first name, whatever comes next
    ([("agent", "Hello, Larch Windows, how can I help?"),
      ("customer", "Hi, my name's Ilse Brandt. Your fitter cracked a pane."),
      ("agent", "I'm sorry, Ms Brandt, I'll send someone tomorrow.")], "met"),
    # the name said twice by speech recognition, the agent using its second form
    ([("agent", "hello this is theo at brightcell how can i help"),
      ("customer", "hi my name is mary anne marianne cole you've double charged me"),
      ("agent", "okay let me check that marianne")], "met"),
    # the account of the caller's relation is theirs, not the caller's
    ([("agent", "Good evening, you're chatting with Ravi."),
      ("customer", "hi, my husband's card was stolen. the account is under Tomas Reyes"),
      ("agent", "Sorry to hear that. I'll need Mr Reyes to confirm, is he with you?")],
     "not_applicable"),
    ([("agent", "Good evening, you're chatting with Ravi."),
      ("customer", "hi, my card was stolen. the account is under Tomas Reyes"),
      ("agent", "Sorry to hear that, Mr Reyes. I've frozen it.")], "met"),
])
def test_name_given_corrected_or_someone_elses(turns, expected):
    assert _status(turns, "customer_name") == expected


@pytest.mark.parametrize("turns, expected", [
    # the name after "and it's", answering two questions at once
    ([("agent", "thanks for calling greenway this is ola"), ("customer", "my boiler's off again"),
      ("agent", "sorry about that can i get your postcode and name"),
      ("customer", "l s nine two and it's petra novak"),
      ("agent", "okay petra an engineer's booked for tomorrow")], "met"),
    ([("agent", "thanks for calling greenway this is ola"), ("customer", "my boiler's off again"),
      ("agent", "sorry about that can i get your postcode and name"),
      ("customer", "l s nine two and it's petra novak"),
      ("agent", "okay an engineer's booked for tomorrow")], "missed"),
    # a typed name, then "and" and the other answer
    ([("agent", "Hello, Quayside Marina, this is Bryn."),
      ("customer", "Hi, I'd like a berth for Saturday."),
      ("agent", "Can I take your name and the boat's name?"),
      ("customer", "Anneke Vos, and the boat is Kittiwake."),
      ("agent", "Booked, Anneke, see you then.")], "met"),
    # a day the agent names is no name the customer gave
    ([("agent", "Hello, Quayside Marina, this is Bryn."),
      ("customer", "Hi, I'd like a berth for Saturday."),
      ("agent", "That's booked. See you Saturday!")], "not_applicable"),
    # whose name: "and the lead passenger name"; a bare "Name."
    ([("agent", "hi harbour coaches this is jo"), ("customer", "i need to move my trip"),
      ("agent", "sure and the lead passenger name"), ("customer", "tamsin oduya"),
      ("agent", "thanks tamsin i've moved it to friday")], "met"),
    ([("agent", "Permits office."), ("customer", "I need to renew my permit."),
      ("agent", "Name."), ("customer", "Wojciech Nowak."),
      ("agent", "Renewed. Next.")], "missed"),
    # first name and surname spelled in one run
    ([("agent", "hi harbour coaches this is jo"), ("customer", "i need to move my trip"),
      ("agent", "sure and the lead passenger name"),
      ("customer", "ruairi dunne that's r u a i r i d u n n e"),
      ("agent", "okay that's moved to friday")], "missed"),
    # the full name read back from the records and confirmed
    ([("agent", "admissions good morning this is sunil"), ("customer", "hi my form is stuck"),
      ("agent", "can i take your applicant number"), ("customer", "it's four four one two"),
      ("agent", "thank you that's mei lin yes"), ("customer", "yes that's me"),
      ("agent", "okay mei i've unlocked it")], "met"),
    # "it's under <name>" and a reference after it
    ([("agent", "quickcar rentals"), ("customer", "hi i need to change my booking"),
      ("agent", "which booking is it"),
      ("customer", "it's under tane rewi reference k four two"),
      ("agent", "thanks tane what's the change")], "met"),
    ([("agent", "quickcar rentals"), ("customer", "hi the car's making a noise"),
      ("agent", "is it still under warranty"), ("customer", "it's under warranty yes"),
      ("agent", "okay bring it in tomorrow")], "not_applicable"),
])
def test_name_given_in_answers(turns, expected):
    assert _status(turns, "customer_name") == expected


@pytest.mark.parametrize("first, expected", [
    # "it's <name> here" after other words
    ("of course it's ngaio here what can i do for you", "met"),
    ("right it's raining here today", "missed"),
    # a department a word or two after the company is no name
    ("good morning you're through to larchfield solar customer team", "missed"),
    ("good morning you're through to Sarah in the billing team", "met"),
])
def test_opening_forms(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


@pytest.mark.parametrize("text, expected", [
    ("Sunday's fine, I've got 10:00 or 14:30.\n— Ollie at Spoke & Chain", "met"),
    ("We're sorry you didn't enjoy your visit. — Management", "missed"),
    ("We're sorry you didn't enjoy your visit. — Front of House", "missed"),
])
def test_dash_signoffs(text, expected):
    turns = [("customer", "can i move my booking to sunday"), ("agent", text),
             ("customer", "ok"), ("agent", "Done."), ("customer", "thanks"),
             ("agent", "Bye!")]
    assert _status(turns, "agent_introduction") == expected


@pytest.mark.parametrize("agent_turn, expected", [
    ("that's sorted anything else bill", "met"),
    ("okay that's on your next bill anything else", "missed"),
])
def test_a_name_that_is_a_noun_said_with_the_surname(agent_turn, expected):
    turns = [("agent", "morning eastway water this is kofi"),
             ("customer", "hi yeah it's bill bill okonedo about my water bill"),
             ("agent", "okay what's happened"), ("customer", "it's doubled"),
             ("agent", "the meter was misread i've corrected it"), ("customer", "great"),
             ("agent", agent_turn)]
    assert _status(turns, "customer_name") == expected
