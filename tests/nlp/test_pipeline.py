from __future__ import annotations

import pytest

from csnlp.nlp.pipeline import normalise_phrase


@pytest.fixture(scope="module")
def annotator(evaluator):
    return evaluator.annotator


@pytest.mark.parametrize(
    ("text", "words"),
    [("I'm SO sorry!", ["i", "am", "so", "sorry"]),
     ("um, uh thank-you", ["thank", "you"]),
     ("i i i am sorry", ["i", "am", "sorry"]),
     ("im sorry dont worry", ["i", "am", "sorry", "do", "not", "worry"]),
     ("Goodbye!!", ["good", "bye"])],
    ids=["contraction-case-punct", "fillers-hyphen", "stutter", "asr-no-apostrophe", "goodbye"],
)
def test_normalisation(text, words):
    assert normalise_phrase(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [("this is um [noise] yasmin", ["this", "is", "yasmin"]),
     ("thanks (laughs) for calling", ["thanks", "for", "calling"]),
     ("[background noise] hello", ["hello"]),
     # a tag for lost words stands for speech, and brackets around words are no tag
     ("this is <unk> from acme", ["this", "is", "<", "unk", ">", "from", "acme"]),
     ("my name is [inaudible]", ["my", "name", "is", "inaudible"]),
     ("click [here] to pay", ["click", "here", "to", "pay"]),
     ("a [noise", ["a", "noise"])],
    ids=["noise", "laughs", "two-word-tag", "unk-kept", "inaudible-kept", "link-kept", "unclosed"],
)
def test_transcriber_sound_tags_are_no_words(text, words):
    assert normalise_phrase(text) == words


def test_the_models_still_read_a_sound_tag():
    # (round 36) matching drops "[noise]"; the tone and act models' tokens keep it, so both
    # models read what they were trained on
    from csnlp.nlp.normalise import model_words

    assert model_words("this is [noise] yasmin") == ["this", "is", "[", "noise", "]", "yasmin"]


@pytest.mark.parametrize(
    ("text", "label", "evidence"),
    [("Hello!!! How are you?", "phrase:greetings", "Hello"),
     ("um hi thanks for calling", "phrase:greetings", "hi"),
     ("is there, uh, anything else I can help with", "phrase:further_help", "anything else"),
     ("I'm so, so sorry about that", "phrase:apology_empathy", "I'm so, so sorry"),
     ("Thank-you for CALLING", "phrase:closing", "Thank-you for CALLING")],
    ids=["punctuation", "spoken-filler", "filler-inside-phrase", "stutter-inside", "hyphen-case"],
)
def test_matches_map_back_to_original_characters(annotator, text, label, evidence):
    ann = annotator.annotate([text])[0]
    spans = ann.matches[label]
    assert evidence in [text[s:e] for s, e in spans]


def test_calm_is_not_calm_down(annotator):
    rule = annotator.rule("prohibited_language", "match")
    for ok in ["I'll stay calm and sort this.", "A calm approach helps."]:
        assert rule.find(ok, annotator.annotate([ok])[0]) == []
    bad = "Okay, calm down, sir."
    found = rule.find(bad, annotator.annotate([bad])[0])
    assert [bad[s:e] for s, e, _ in found] == ["calm down"]


def test_pardon_sorry_is_vetoed(annotator):
    rule = annotator.rule("empathy_on_complaint", "response.match")
    for text in ["Sorry?", "Sorry, what was that?", "sorry could you repeat that"]:
        assert rule.find(text, annotator.annotate([text])[0]) == [], text
    text = "Sorry, that should not have happened."
    assert rule.find(text, annotator.annotate([text])[0])


def test_memory_zone_keeps_the_string_store_flat_once_warm():
    from csnlp.nlp.pipeline import WARM_TURNS, Annotator
    from csnlp.standards import load_standards

    annotator = Annotator(load_standards("contact_center"))
    texts = [f"order {n} id X{n}Y{n * 7} for account {n * 13}" for n in range(2000)]
    # While the tokenizer cache warms, batches run outside a zone (a zone never fills it).
    before = len(annotator.vocab.strings)
    with annotator.memory_zone():
        annotator.annotate(texts[:100])
    assert len(annotator.vocab.strings) > before
    annotator.warm_turns = WARM_TURNS
    before = len(annotator.vocab.strings)
    with annotator.memory_zone():
        annotator.annotate(texts)
    assert len(annotator.vocab.strings) - before < 50


def test_annotations_are_plain_python(annotator):
    ann = annotator.annotate(["Hi there, thanks for calling"])[0]
    assert all(isinstance(k, str) and isinstance(v, list) for k, v in ann.matches.items())
    assert all(isinstance(w, str) for w in ann.words)


EDGE_TEXTS = ["", " ", " lead", "trail ", "a\nb", "x\r\ny", "tab\there", "nb\xa0sp", "\xa0lead",
              "end\xa0", "emoji 😀!", "see http://x.com/a?b=c.", "a.", "U.S.A.", "can't", "\n\n",
              "Bye!Have a nice day", "thanks/", "I'm", "im ok", "x" * 60_000]


def test_joined_tokenizing_gives_each_turn_the_tokens_it_gets_alone(annotator):
    """Turns are tokenized joined by newlines, many per Doc; every turn must get exactly the
    token rows (words, offsets into its own text, flags, LOWER) of tokenizing it alone."""
    from pathlib import Path

    import yaml

    from csnlp.nlp.normalise import token_array

    repo = Path(__file__).resolve().parents[2]
    texts = list(EDGE_TEXTS)
    for path in sorted((repo / "tests" / "golden").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text())["cases"]:
            texts += [t["text"] for t in case["transcript"]["turns"]]
    texts += EDGE_TEXTS  # again, now between joined turns
    got = list(annotator._tokens(texts))
    assert [g[0] for g in got] == texts
    for text, _doc, rows, lower in got:
        alone = token_array(annotator.nlp.make_doc(text))
        assert rows == alone.tolist(), text
        assert lower.tolist() == alone[:, 5].tolist(), text
    assert sum(len(rows) for _t, _d, rows, _l in got) > 2000


def test_no_phrase_or_turn_word_can_be_a_sentinel():
    """Turns share one normalised Doc per batch, bracketed by the sentinels; a phrase match can
    only cross turns if a phrase held one, and normalising never yields them."""
    from csnlp.nlp.pipeline import BOT, EOT

    for text in ("_bot_ hello", "hello _eot_", "_BOT_", "__eot__ thanks"):
        assert not {BOT, EOT} & set(normalise_phrase(text)), text


def test_anchor_phrases_are_the_least_likely_literal_run_of_a_pattern():
    """A pattern is tried only on turns holding one of these word sequences: each must be
    something every match contains, and the run a turn is least likely to hold (longer, and
    of rarer words) is the most selective."""
    from csnlp.nlp.pipeline import BOT, _anchor_phrases

    # a rare word wins over a common one, whatever their order or number of options
    told = [{"ORTH": {"IN": ["told", "said", "promised"]}}, {"ORTH": "me", "OP": "?"},
            {"ORTH": {"IN": ["it", "the"]}}, {"IS_ALPHA": True}]
    assert _anchor_phrases(told) == [["promised"], ["said"], ["told"]]
    understand = [{"ORTH": BOT}, {"ORTH": "i"}, {"ORTH": "really", "OP": "?"},
                  {"ORTH": "understand"}]
    assert _anchor_phrases(understand) == [["understand"]]

    name = [{"ORTH": "my"}, {"ORTH": "name"}, {"ORTH": {"IN": ["is", "'s"]}}, {"IS_ALPHA": True}]
    assert _anchor_phrases(name) == [["my", "name", "'s"], ["my", "name", "is"]]
    # an optional token breaks the run; the longer run after it wins
    gap = [{"ORTH": "have"}, {"ORTH": "yourself", "OP": "?"}, {"ORTH": {"IN": ["a", "an"]}},
           {"ORTH": "nice"}, {"ORTH": "day"}]
    assert _anchor_phrases(gap) == [["a", "nice", "day"], ["an", "nice", "day"]]
    # sentinels and non-literal tokens are never part of an anchor
    assert _anchor_phrases([{"ORTH": BOT}, {"ORTH": "sorry"}]) == [["sorry"]]
    assert _anchor_phrases([{"IS_ALPHA": True}, {"ORTH": "x", "OP": "+"}]) == []
    assert _anchor_phrases([{"ORTH": {"IN": [1, "a"]}}, {"ORTH": "x"}]) == [["x"]]  # not words
    # a run whose spelled-out phrases exceed the limit is cut to a shorter run
    wide = [{"ORTH": {"IN": [f"w{i}" for i in range(10)]}}, {"ORTH": {"IN": list("abcdefghij")}}]
    assert len(_anchor_phrases(wide, limit=64)) == 10


def test_a_pattern_is_tried_only_on_turns_holding_its_anchor_phrase(annotator):
    """"this ... is" apart does not run the "this is <name>" pattern (nor any other: no
    pattern's anchor is in "this one is blue"); "this is" together does, and finds the name."""
    calls = []
    for i, (anchors, matcher, label) in enumerate(annotator.pattern_matchers):
        class Spy:
            def __init__(self, inner, i=i):
                self.inner, self.i = inner, i

            def __call__(self, span):
                calls.append(self.i)
                return self.inner(span)

        annotator.pattern_matchers[i] = (anchors, Spy(matcher), label)
    try:
        apart = annotator.annotate(["this one is blue"], ["agent"])[0]
        assert calls == [] and not apart.matches
        together = annotator.annotate(["Hi, this is Priya."], ["agent"])[0]
        assert calls and "pattern:self_introduction" in together.matches
    finally:
        for i, (anchors, spy, label) in enumerate(annotator.pattern_matchers):
            annotator.pattern_matchers[i] = (anchors, spy.inner, label)


def test_identical_turns_are_annotated_once_and_get_what_each_gets_alone():
    from csnlp.api import get_evaluator

    annotator = get_evaluator("contact_center").annotator  # with the tone and act models
    texts = ["Thank you so much!", "I'm sorry to hear that.", "Thank you so much!",
             "I'm sorry to hear that.", "okay", "okay"]
    speakers = ["customer", "agent", "customer", "customer", "agent", "agent"]
    annotator._turn_cache.clear()  # annotated now, not found from another test's batch
    before = annotator.warm_turns
    got = annotator.annotate(texts, speakers)
    assert annotator.warm_turns - before == 4  # (text, speaker) pairs: 4 distinct
    assert got[0] is got[2] and got[4] is got[5]
    assert got[1] is not got[3]  # same words, another speaker: annotated apart
    assert got[0].tone and got[1].acts and got[3].acts is None  # acts: agent turns only
    for text, speaker, ann in zip(texts, speakers, got, strict=True):
        annotator._turn_cache.clear()
        alone = annotator.annotate([text], [speaker])[0]
        assert (ann.matches, ann.words, ann.spans, ann.tone, ann.acts) == \
            (alone.matches, alone.words, alone.spans, alone.tone, alone.acts), text


def test_templates_fill_from_metadata_and_skip_what_cannot_be_filled(annotator):
    from csnlp.nlp.pipeline import CompiledRule, _template_words

    rule = CompiledRule(labels=frozenset(), templates=(
        tuple(_template_words("this is {agent_name}")),
        tuple(_template_words("thanks {customer_name}")),
        tuple(_template_words("{agent_name} from {team}"))))
    assert rule.fill({"agent_name": "Priya Shah", "customer_name": "Ana"}) == \
        [["this", "is", "priya"], ["thanks", "ana"]]  # no team: that template is left out
    assert rule.fill({"agent_name": "Sam", "team": "Billing"}) == \
        [["this", "is", "sam"], ["sam", "from", "billing"]]
    assert rule.fill({"agent_name": 7, "customer_name": "  "}) == []  # not text, blank
    assert rule.fill({}) == [] and rule.fill(None) == []
    text = "Hi, this is Priya, thanks Ana!"
    ann = annotator.annotate([text])[0]
    found = rule.find(text, ann, {"agent_name": "Priya", "customer_name": "Ana"})
    assert [text[s:e] for s, e, _ in found] == ["this is Priya", "thanks Ana"]
    assert rule.find(text, ann, {"agent_name": "Sam", "customer_name": "Bo"}) == []


def test_a_pattern_run_on_windows_around_its_anchors_finds_what_the_whole_turn_gives():
    """The Matcher reads only the words around each anchor phrase (how far a match reaches
    before and after it), merged where windows overlap: same matches, same order."""
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from csnlp.nlp.fast import FastAnnotator, _anchor_run, _max_tokens
    from csnlp.nlp.normalise import make_nlp

    pattern = [{"ORTH": {"NOT_IN": ["i", "we"]}}, {"ORTH": {"IN": ["does", "did"]}},
               {"ORTH": "it"}, {"ORTH": {"NOT_IN": ["not"]}, "OP": "?"},
               {"ORTH": {"IN": ["work", "help"]}}]
    phrases, first = _anchor_run(pattern)
    assert first == 1 and sorted(phrases) == [["did", "it"], ["does", "it"]]
    assert _max_tokens(pattern[:first]) == 1 and _max_tokens(pattern[first + 2:]) == 2
    assert _max_tokens([{"ORTH": "a", "OP": "+"}]) is None
    assert _max_tokens([{"ORTH": "a", "OP": "{1,3}"}, {"ORTH": "b"}]) == 4
    assert _max_tokens([{"ORTH": "a", "OP": "{2,}"}]) is None

    vocab = make_nlp().vocab
    matcher = Matcher(vocab)
    matcher.add("p", [pattern])
    words = ("_bot_ so does it work now and did it really help or does it not work "
             "well so does it help _eot_").split()
    doc = Doc(vocab, words=[*"x y".split(), *words, "z"])  # the turn inside a batch Doc
    first_word, last_word = 2, 2 + len(words)
    anchors = [first_word + i for i, w in enumerate(words) if w in ("does", "did")]
    whole = [(m, s, e) for m, s, e in matcher(doc[first_word:last_word])]
    windowed = FastAnnotator._run_pattern(matcher, doc, first_word, last_word, (1, 2, 2),
                                          anchors)
    assert windowed == whole and len(whole) == 3
    # no anchors found, or an unbounded reach: the whole turn
    assert FastAnnotator._run_pattern(matcher, doc, first_word, last_word, None,
                                      anchors) == whole


def test_the_tokenizer_computes_every_lexeme_attribute_a_pattern_may_test():
    """make_nlp computes only some lexeme attributes for new words; a pattern key the
    standards allow must be one of them, or it would silently never match."""
    from spacy.attrs import IDS

    from csnlp.nlp.normalise import LEXEME_ATTRS, make_nlp
    from csnlp.standards.spec import _TOKEN_KEYS

    not_lexeme = {"ORTH", "TEXT", "LENGTH", "OP", "REGEX", "IN", "NOT_IN", "FUZZY", "CONTEXT"}
    assert _TOKEN_KEYS - not_lexeme <= set(LEXEME_ATTRS)
    nlp = make_nlp()
    assert {IDS[a] for a in LEXEME_ATTRS} == set(nlp.vocab.lex_attr_getters)
    doc = nlp.make_doc("Hi 4815 a@b.co the ,")
    assert [(t.is_alpha, t.like_num, t.like_email, t.is_stop, t.is_punct) for t in doc] == [
        (True, False, False, False, False), (False, True, False, False, False),
        (False, False, True, False, False), (True, False, False, True, False),
        (False, False, False, False, True)]


def _counting_regex(pattern: str):
    """A BoundedRegex that counts its searches."""
    from csnlp.nlp.bounded import BoundedRegex

    class Counting(BoundedRegex):
        calls = 0

        def search(self, text: str, pos: int = 0):
            self.calls += 1
            return super().search(text, pos)

    return Counting(pattern)


def test_a_rule_searches_a_shared_turn_annotation_once():
    # Identical turns share one TurnAnnotation (the turn cache): a rule's matches in it are
    # the same every time, so its regexes run once; templates depend on the metadata, so a
    # rule with them is searched every time.
    from csnlp.nlp.rules import CompiledRule, TurnAnnotation

    counting = _counting_regex(r"\bthanks\b")
    rule = CompiledRule(labels=frozenset(), regexes=(counting,), name="closing.match")
    text = "ok thanks bye"
    ann = TurnAnnotation(matches={}, words=["_bot_", "ok", "thanks", "bye", "_eot_"],
                         spans=[(0, 0), (0, 2), (3, 9), (10, 13), (13, 13)])
    first = rule.find(text, ann)
    first.clear()  # a caller's list is its own: the kept matches are not changed
    assert rule.find(text, ann) == [(3, 9, "regex:closing.match")]
    assert counting.calls == 1
    other = TurnAnnotation(matches={}, words=ann.words, spans=ann.spans)
    assert rule.find(text, other) == [(3, 9, "regex:closing.match")]
    assert counting.calls == 2  # another annotation: searched again
    assert other == ann  # what was kept is not part of an annotation's value
