"""customer_name's cheap tests (round seventeen, issue 15's cost): each skips a costly regex or
count only where that could not have found anything, so the verdicts are the same with them.
Checked here as implications over generated texts, and end to end on the cases they guard."""

from __future__ import annotations

import pytest

pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from csnlp.detectors.kinds import customer_name as cn  # noqa: E402
from csnlp.nlp.normalise import normalise_phrase  # noqa: E402
from tests.detectors.conftest import judge  # noqa: E402

#: Pieces that make the guarded patterns match, glued by spaces, punctuation and digits.
_PIECES = ["Hi", "hi", "Hiya", "Hello", "Hey", "Dear", "Thanks", "Thank you", "Many thanks",
           "Good morning", "Good evening", "Morning", "Cheers", "Regards", "Best", "Mr", "Sam",
           "Ines", "Pedro", "Okonkwo-Bell", "R.", "k", "a", "t", "e", "s.", "i.", "ok", "2",
           "order", "the", "and", "is", "late", "fee", "Sincerely", "warmly", "Tom Reyes"]
_GLUE = [" ", ", ", ". ", "! ", "? ", ".", ",", "!", "\n", " - ", "  "]

texts = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GLUE)),
                 min_size=1, max_size=9).map(lambda parts: "".join(p + g for p, g in parts))
_SETTINGS = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(texts)
def test_a_typed_vocative_is_never_gated_out(text):
    words = ["_bot_", *normalise_phrase(text), "_eot_"]
    if cn._TYPED_VOCATIVE.search(text) is not None:
        assert cn._may_greet(text, words), text


@_SETTINGS
@given(texts)
def test_an_inline_signature_is_never_gated_out(text):
    if cn._INLINE_SIGNATURE.search(text) is not None:
        assert cn._may_sign(text), text


@_SETTINGS
@given(texts)
def test_the_letter_count_is_the_plain_count(text):
    # three one-letter words read, or a spelling as typed (round 36: matching reads "k a u r"
    # as "okay a you are", so the letters are looked for in the text too)
    words = ["_bot_", *normalise_phrase(text), "_eot_"]
    plain = sum(len(w) == 1 for w in words) >= 3 or cn._SPELLING.search(text) is not None
    assert cn._spells(words, text) == plain, text
    if sum(map(cn._letter, words)) >= 3 and cn._spells(words, text) is False:
        # letters with periods read apart ("r. x. y."), never run together as a spelling
        assert cn._SPELLING.search(text) is None, text


def test_a_spelling_read_as_words_is_still_a_spelling():
    text = "harpreet kaur k a u r"
    words = ["_bot_", *normalise_phrase(text), "_eot_"]
    assert "okay" in words and "are" in words  # what matching reads
    assert cn._spells(words, text)


def test_the_gates_say_no_to_plain_turns():
    # what they are for: most turns pass none of them
    text = "Could you book a table at Chang's in Corte Madera for five?"
    words = ["_bot_", *normalise_phrase(text), "_eot_"]
    assert not cn._may_greet(text, words)
    assert not cn._may_sign(text)
    assert not cn._spells(words, text)


def test_a_greeting_glued_to_a_number_still_addresses_the_customer():
    # "2.Hi" is one word ("2.hi"): the vocative is found by the glued test, not the words
    turns = [("customer", "My parcel has not come."),
             ("agent", "Great, see step 2.Hi Hazel, it left the depot today."),
             ("customer", "ok thanks")]
    result = judge(turns, standards="contact_center")["customer_name"]
    assert result.status.value == "met"
    assert result.evidence[0].text == "Hazel"


def test_a_typed_address_is_found_before_the_customer_turns_are_read():
    # the typed address position first, then the customer's words: the echo still holds
    turns = [("agent", "Hello, you're chatting with Omar. How can I help?"),
             ("customer", "Parcel 55-1902 (Marguerite Lindahl): where is it now?"),
             ("agent", "Sure, in Corte Madera. Thanks Marguerite, it's out tomorrow."),
             ("customer", "ok")]
    result = judge(turns, standards="contact_center")["customer_name"]
    assert result.status.value == "met"
    assert [e.text for e in result.evidence] == ["Marguerite", "Marguerite"]


@_SETTINGS
@given(texts)
def test_a_typed_address_position_passes_the_cheap_test(text):
    from csnlp.nlp.normalise import norm_words, shared_nlp

    words, spans = norm_words(shared_nlp().make_doc(text))
    words = ["_bot_", *words, "_eot_"]
    spans = [(0, 0), *spans, (len(text), len(text))]
    for k in range(1, len(words) - 1):
        start, end = spans[k]
        if cn._address_position(words, k, text, start, end, True) is not None:
            assert text[start:start + 1].isupper(), (text, k)
            assert k == 1 or words[k - 1] in cn._TYPED_ADDRESS_BEFORE, (text, k)


@pytest.mark.parametrize("closing", ["SİNCERELY", "faıthfully", "Beſt", "Regardſ", "Cheerſ"])
def test_a_closing_word_in_unicode_case_forms_still_signs(closing):
    # ignoring case, a regex reads "İ", "ı" as i and "ſ" as s: the substring test stands aside
    # in text that is not ASCII (found by a review: "SİNCERELY, Tom Smith" was gated out)
    text = f"my invoice is wrong, {closing}, Tom Smith"
    assert cn._INLINE_SIGNATURE.search(text) is not None
    assert cn._may_sign(text)
    turns = [("customer", text), ("agent", "I will check it now.")]
    result = judge(turns, standards="contact_center")["customer_name"]
    assert result.status.value == "missed"
    assert "Tom Smith" in [e.text for e in result.evidence]


_WORDS = st.lists(st.sampled_from(sorted(cn._TYPED_ADDRESS_BEFORE)[:12]
                                  + ["sam", "the", "order", "hi", "and", "you", "_eot_"]),
                  max_size=10).map(lambda ws: ["_bot_", *ws])


@_SETTINGS
@given(_WORDS | st.just([]) | st.just(["_bot_"]))
def test_the_typed_address_positions_are_the_first_word_and_those_after_a_lead(words):
    """`_after_leads` lists, in order, exactly the word indices the echo check used to try one
    by one in typed text: the first word, and any word after a greeting, thanks or "and"."""
    expected = [k for k in range(1, len(words))
                if k == 1 or words[k - 1] in cn._TYPED_ADDRESS_BEFORE]
    assert cn._after_leads(words) == expected
