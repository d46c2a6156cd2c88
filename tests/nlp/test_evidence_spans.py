"""Token-pattern evidence stops at what was said: a pattern's leading token that may be the start
of the turn and its trailing token that may be the end of the turn only test the context around
a match, and both annotators leave them out of the span (issue 16: "I'm Sam from")."""

from __future__ import annotations

import pytest

from csnlp.nlp.rules import context_tokens, trimmed


def test_context_tokens_are_sentinel_listing_ends() -> None:
    name = {"IS_ALPHA": True, "IS_STOP": False}
    follows = {"ORTH": {"IN": ["_eot_", "from", "here"]}}
    assert context_tokens([{"ORTH": "i"}, {"ORTH": "am"}, name, follows]) == (0, 1)
    assert context_tokens([{"ORTH": {"IN": ["_bot_", "hi"]}}, name, {"ORTH": "here"}]) == (1, 0)
    assert context_tokens([{"ORTH": "_bot_"}, {"ORTH": "this"}, {"ORTH": "is"}, name,
                           follows]) == (1, 1)


def test_words_a_match_needs_are_no_context() -> None:
    name = {"IS_ALPHA": True, "IS_STOP": False}
    # a word list without the sentinel, a NOT_IN word (may be content: "upgrade to <plan>"),
    # an optional token, or a token with more tests than its word all stay in the evidence
    assert context_tokens([{"ORTH": "my"}, {"ORTH": "name"}, {"ORTH": {"IN": ["from", "at"]}}]
                          ) == (0, 0)
    assert context_tokens([{"ORTH": "upgrade"}, {"ORTH": "to"},
                           {"ORTH": {"NOT_IN": ["your", "the"]}}]) == (0, 0)
    assert context_tokens([name, {"ORTH": {"IN": ["_eot_", "here"]}, "OP": "?"}]) == (0, 0)
    assert context_tokens([name, {"ORTH": {"IN": ["_eot_", "here"]}, "IS_ALPHA": True}]
                          ) == (0, 0)
    # one token always stays, even when every token could be a sentinel
    assert context_tokens([{"ORTH": "_bot_"}, {"ORTH": "_eot_"}]) == (1, 0)


def test_trimmed_drops_sentinels_and_context() -> None:
    # words: _bot_ i am sam from acme _eot_ (7); a match of [i][am][name][follows] at 1..5
    assert trimmed(1, 5, 7, (0, 1)) == (1, 4)
    # a match from _bot_ to _eot_ with one context token at each end
    assert trimmed(0, 7, 7, (1, 1)) == (1, 6)
    # the sentinels are trimmed even when the pattern reached them through a NOT_IN token
    assert trimmed(0, 3, 3) == (1, 2)


@pytest.fixture(scope="module")
def annotators():
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.reference import ReferenceAnnotator
    from csnlp.standards import load_standards

    standards = load_standards("contact_center")
    return ReferenceAnnotator(standards), FastAnnotator(standards)


@pytest.mark.parametrize(("text", "said"), [
    ("I'm Sam from Acme, how can I help?", "I'm Sam"),
    ("hi this is gwendolyn from the lettings office", "this is gwendolyn"),
    ("Hello, Radomir here, what do you need?", "Radomir here"),
    ("you've got Imelda on the phone", "you've got Imelda"),
])
def test_introduction_evidence_ends_at_the_name(annotators, text: str, said: str) -> None:
    for annotator in annotators:
        rule = annotator.rule("agent_introduction", "match")
        [ann] = annotator.annotate([text], ["agent"])
        spans = rule.find(text, ann)
        assert [text[s:e] for s, e, _ in spans] == [said], type(annotator).__name__


def test_tokens_marked_context_are_left_out_at_either_end() -> None:
    asks = {"ORTH": {"NOT_IN": ["is", "what"]}}
    pattern = [{"ORTH": "my"}, {"ORTH": "pleasure"}, asks]
    assert context_tokens(pattern) == (0, 0)  # unmarked, a NOT_IN word may be content
    assert context_tokens(pattern, [False, False, True]) == (0, 1)
    assert context_tokens([asks, {"ORTH": "does"}, {"ORTH": "it"}], [True, False, False]
                          ) == (1, 0)
    # a mark in the middle does not make the words before it context; one token always stays
    assert context_tokens([{"ORTH": "a"}, asks, {"ORTH": "b"}], [False, True, False]) == (0, 0)
    assert context_tokens([asks, asks], [True, True]) == (1, 0)


def test_a_courtesy_reply_mid_turn_shows_only_its_own_words() -> None:
    """ "My pleasure, take care!": the pattern tests the word after the reply (no question may
    follow), and that word is not part of the evidence."""
    import csnlp

    report = csnlp.evaluate("Agent: Hi, this is Sam, how can I help?\nCustomer: It works, "
                            "thanks so much.\nAgent: My pleasure, take care!\nCustomer: bye",
                            tone_model=None, act_model=None)
    assert "My pleasure" in [e.text for e in report["closing"].evidence]
    assert not any(e.text.startswith("My pleasure,") for e in report["closing"].evidence)


@pytest.mark.parametrize("tokens, message", [
    ([{"ORTH": "a", "CONTEXT": "yes"}, {"ORTH": "b"}], "CONTEXT must be true or false"),
    ([{"ORTH": "a"}, {"ORTH": "b", "CONTEXT": True}, {"ORTH": "c"}], "only leading or trailing"),
    ([{"ORTH": "a", "CONTEXT": True}], "every token"),
    ([{"ORTH": "a"}, {"ORTH": "b", "OP": "?", "CONTEXT": True}], r"\[0\]: CONTEXT.*exactly one"),
], ids=["not-a-bool", "middle", "all", "optional"])
def test_context_marks_are_checked_when_the_standards_load(tokens, message) -> None:
    from csnlp.errors import StandardsError
    from csnlp.standards import load_standards

    doc = {"schema_version": 1, "name": "t",
           "standards": [{"id": "s", "check": "require", "title": "S", "speaker": "agent",
                          "match": {"patterns": [tokens]}}]}
    with pytest.raises(StandardsError, match=message):
        load_standards(doc)
