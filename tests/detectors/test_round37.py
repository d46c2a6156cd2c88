"""Round thirty-seven, from wave 34's disagreements, by mechanism. Introductions: a first name
that nothing but itself says is one (`name:`, the given-name lexicon), ending the business's
words in the agent's first turn ("<business> <name>", "<business>, <Name>.", "<business> <name>
here"); not a department ("passport advice line"), a vocative ("Thanks for waiting, Callum"), a
full name, nor the customer's own name. The sentences are written for the tests, none taken
from the DEV sets."""

from __future__ import annotations

import pytest

from .conftest import ROUND_ARGS, assert_verdict, round_cases

CASES = [
    # -- agent_introduction: a name from the lexicon ending the opening -----------------------
    ("agent_introduction", "phone", [
        ("A", "harbourside kayak rentals mateo"), ("C", "hi i booked a double for sunday")],
     "met"),
    ("agent_introduction", "phone", [
        ("A", "Lindenbrook Joinery, Ottilie."), ("C", "Hello, it's about my wardrobe doors.")],
     "met"),
    ("agent_introduction", "phone", [
        ("A", "morning greenacre allotments society imogen here"),
        ("C", "hi my plot's been flooded")], "met"),
    ("agent_introduction", "phone", [
        ("A", "good morning brackley seed merchants rashid how can i help"),
        ("C", "hi i need fifty kilos of rye")], "met"),
    ("agent_introduction", "phone", [
        ("A", "good morning brackley seed merchants how can i help"),
        ("C", "hi i need fifty kilos of rye")], "missed"),
    ("agent_introduction", "phone", [
        ("A", "hello vehicle licensing enquiries line"), ("C", "hi my tax disc")], "missed"),
    ("agent_introduction", "chat", [
        ("C", "Hi, it's Beatrix, my parcel never came."),
        ("A", "Thanks for getting in touch, Beatrix."), ("C", "ok")], "missed"),
    ("agent_introduction", "chat", [
        ("A", "Brilliant, Beatrix."), ("C", "ok")], "missed",
     {"customer_name": "Beatrix Kerr"}),
    ("agent_introduction", "phone", [
        ("A", "hello is that rosalind"), ("C", "speaking")], "missed"),
    ("agent_introduction", "phone", [
        ("A", "hello mary evans"), ("C", "yes who's this")], "missed"),
    # ... nor a thing named, a list's last item, a word after a sentence saying more than hello
    ("agent_introduction", "chat", [
        ("C", "I need a hotel tonight."), ("A", "Sure, how about the Rosalind?")], "missed"),
    ("agent_introduction", "chat", [
        ("C", "What cuisines are there?"), ("A", "We have Thai, Greek and Ottilie.")],
     "missed"),
    ("agent_introduction", "chat", [
        ("C", "Where can I go?"),
        ("A", "There are many places in the centre. A museum, gallery, Imogen?")], "missed"),
]


@pytest.mark.parametrize(ROUND_ARGS, round_cases(CASES))
def test_round37_mechanisms(standard, channel, turns, status, metadata):
    assert_verdict(standard, channel, turns, status, **metadata)
