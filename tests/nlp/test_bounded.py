"""User regexes cannot hang evaluation: a catastrophic one is an `error` on its own standard.

The hostile patterns of issue 16 are injected past the static check (`model_copy` does not
validate), so these tests hold whatever `check_regex` refuses.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from csnlp.errors import CsnlpError, PatternTimeout, StandardsError
from csnlp.nlp import bounded
from csnlp.results import Status
from csnlp.standards import load_standards

REPO = Path(__file__).resolve().parents[2]
CATASTROPHIC = [r"((a)+)+$", r"(a|a)+$", r"(a|aa)+$"]
TURN_CHARS = 5_000
#: Far above a bounded evaluation (well under a second) and far below a hang (minutes).
GENEROUS_SECONDS = 30


def _with_rule(standards, standard_id: str, **update):
    """The standard set with one standard's `match` rule changed, without validation."""
    std = standards[standard_id]
    changed = std.model_copy(update={"match": std.match.model_copy(update=update)})
    return dataclasses.replace(standards, standards=tuple(
        changed if s.id == standard_id else s for s in standards.standards))


def _call(last_agent_turn: str) -> dict:
    return {"id": "hostile", "metadata": {"customer_name": "Ana"}, "turns": [
        {"speaker": "agent", "text": "Hello, thanks for calling, this is Sam. How can I help?"},
        {"speaker": "customer", "text": "This is ridiculous, my card was charged twice!"},
        {"speaker": "agent", "text": "I'm so sorry about that, Ana. Let me fix it."},
        {"speaker": "customer", "text": "Thanks."},
        {"speaker": "agent", "text": last_agent_turn},
    ]}


def _long_turn(tail: str) -> str:
    head = "Is there anything else I can help you with today? "
    return head + "a" * (TURN_CHARS - len(head) - len(tail)) + tail


@pytest.fixture(scope="module")
def pack():
    return load_standards("contact_center")


@pytest.fixture
def timeouts(monkeypatch):
    """How many times the engine was stopped (or a stopped word re-raised) during a test."""
    count = {"n": 0}
    message = bounded.BoundedRegex.timeout_message

    def counting(self, chars, of):
        count["n"] += 1
        return message(self, chars, of)

    monkeypatch.setattr(bounded.BoundedRegex, "timeout_message", counting)
    return count


def _evaluate(standards, transcript):
    from csnlp.evaluator import Evaluator

    evaluator = Evaluator(standards, tone_model=None, act_model=None)
    began = time.perf_counter()
    report = evaluator.evaluate_batch([transcript])[0]
    assert time.perf_counter() - began < GENEROUS_SECONDS
    assert report.error is None
    return report


def _assert_only_that_standard_failed(report, baseline, standard_id: str, pattern: str):
    result = report[standard_id]
    assert result.status is Status.ERROR
    assert "PatternTimeout" in result.error and repr(pattern) in result.error
    assert "turn 5:" in result.error  # the long turn, counted from 1 as explanations do
    assert repr(pattern) in result.explanation
    others = {r.standard_id: r.status for r in report.results if r.standard_id != standard_id}
    assert others == {r.standard_id: r.status for r in baseline.results
                      if r.standard_id != standard_id}
    assert Status.ERROR not in others.values()


@pytest.mark.parametrize("pattern", CATASTROPHIC, ids=["nested", "same-alternatives",
                                                        "overlapping-alternatives"])
def test_catastrophic_unless_regex_is_an_error_on_its_standard(pack, timeouts, pattern):
    call = _call(_long_turn("!"))
    baseline = _evaluate(pack, call)
    assert baseline["further_assistance"].status is Status.MET
    report = _evaluate(_with_rule(pack, "further_assistance", unless_regex=(pattern,)), call)
    _assert_only_that_standard_failed(report, baseline, "further_assistance", pattern)
    assert "unless_regex" in report["further_assistance"].error
    assert "further_assistance.match" in report["further_assistance"].error
    assert f"{TURN_CHARS:,}-character text" in report["further_assistance"].error
    assert 1 <= timeouts["n"] <= 2


@pytest.mark.parametrize("pattern", CATASTROPHIC, ids=["nested", "same-alternatives",
                                                        "overlapping-alternatives"])
def test_catastrophic_token_regex_is_an_error_on_its_standard(pack, timeouts, pattern):
    call = _call(_long_turn("b"))  # one 4,950-letter word ending in b: $ never matches
    baseline = _evaluate(pack, call)
    hostile = _with_rule(pack, "further_assistance",
                         patterns=(({"LOWER": {"REGEX": pattern}},),))
    report = _evaluate(hostile, call)
    _assert_only_that_standard_failed(report, baseline, "further_assistance", pattern)
    assert "token pattern further_assistance.match" in report["further_assistance"].error
    assert "4,950-character word" in report["further_assistance"].error
    # The word's timeout is remembered: a second call does not run the engine on it again.
    before = timeouts["n"]
    again = _evaluate(hostile, call)
    assert again["further_assistance"].status is Status.ERROR
    assert 1 <= before <= 2 and timeouts["n"] - before <= 2


def test_a_star_chain_finishes_with_the_right_answer(pack):
    """`a*a*a*a*a*a*a*b` hung `re` for minutes; the bounded engine answers it at once."""
    pattern = "a*a*a*a*a*a*a*b"
    call = _call(_long_turn("!"))
    report = _evaluate(_with_rule(pack, "further_assistance", unless_regex=(pattern,)), call)
    assert report["further_assistance"].status is Status.MET  # no "b" in the turn: no veto
    vetoed = _evaluate(_with_rule(pack, "further_assistance", unless_regex=(pattern,)),
                       _call(_long_turn("b")))
    assert vetoed["further_assistance"].status is not Status.MET


def test_bounded_regex_search_stops_and_names_the_pattern():
    rx = bounded.BoundedRegex("(a|a)+$", what="unless_regex '(a|a)+$' of rule x.match")
    assert rx.search("aaa") is not None and rx.search("bbb") is None
    with pytest.raises(PatternTimeout, match=r"unless_regex '\(a\|a\)\+\$' of rule x\.match"):
        rx.search("a" * TURN_CHARS + "!")
    assert issubclass(PatternTimeout, CsnlpError)


def test_a_long_pattern_is_shown_cut():
    shown = bounded.preview("x" * 500)
    assert len(shown) == bounded.PREVIEW_CHARS and shown.endswith("...")


# -- token REGEX: the same matches as spaCy's own REGEX predicate --------------------------
WELL_BEHAVED = [
    [{"LOWER": {"REGEX": "^(?:hel+o|hi|hey)$"}}],
    [{"LOWER": {"REGEX": "ing$", "NOT_IN": ["thing", "nothing"]}}, {"OP": "?"}],
    [{"TEXT": {"REGEX": r"^\d{2,}$"}}],
    [{"LOWER": "my"}, {"LOWER": "name"}, {"LOWER": "is"}, {"LOWER": {"REGEX": "^[a-z]{2,}$"}}],
    [{"ORTH": "_bot_"}, {"LOWER": {"REGEX": "^(?:ok|okay|yes)$"}}],
    [{"LOWER": {"REGEX": "(?<!s)orry"}}, {"LOWER": {"REGEX": r"\w"}, "OP": "*"},
     {"ORTH": "_eot_"}],
]


@pytest.fixture(scope="module")
def regex_set():
    return load_standards({"schema_version": 1, "name": "rx", "version": "1", "standards": [
        {"id": f"rx{n}", "title": f"rx{n}", "check": "require", "speaker": "agent",
         "match": {"patterns": [pattern]}} for n, pattern in enumerate(WELL_BEHAVED)]})


def _turns() -> list[tuple[str, str]]:
    import csnlp

    turns = [(t.text, t.speaker) for tr in csnlp.read_transcripts(REPO / "examples" / "transcripts")
             for t in tr.turns]
    extra = ["Hello! My name is Priya.", "hellllo there", "Ok, order 12345 is shipping",
             "Sorry about nothing", "I am sorry for the wait", "yes", "Thinking of 42 things"]
    return turns + [(t, "agent") for t in extra]


def _spacy_regex_matches(annotator, pattern, ann) -> list[tuple[int, int]]:
    """What spaCy's Matcher with its own (unbounded) REGEX predicate finds in a turn."""
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from csnlp.nlp.rules import _lower_token, trimmed

    matcher = Matcher(annotator.vocab)
    matcher.add("p", [[_lower_token(tok) for tok in pattern]])
    out = []
    for _id, start, end in matcher(Doc(annotator.vocab, words=ann.words)):
        s0, e0 = trimmed(start, end, len(ann.words))
        if e0 > s0:
            out.append((ann.spans[s0][0], ann.spans[e0 - 1][1]))
    return out


def test_token_regex_matches_as_spacy_did_in_both_annotators(regex_set):
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.reference import ReferenceAnnotator

    reference, fast = ReferenceAnnotator(regex_set), FastAnnotator(regex_set)
    assert all("REGEX" not in str(p) for _label, p in fast.patterns)  # spaCy runs none
    turns = _turns()
    texts, speakers = [t for t, _ in turns], [s for _, s in turns]
    want = reference.annotate(texts, speakers)
    got = fast.annotate(texts, speakers)
    hits = 0
    for text, speaker, r, f in zip(texts, speakers, want, got, strict=True):
        assert f.matches == r.matches, text
        for n, pattern in enumerate(WELL_BEHAVED):
            found = sorted(r.matches.get(f"pattern:rx{n}.match", []))
            # The standards watch the agent: other turns are not matched against the patterns.
            spacy = _spacy_regex_matches(reference, pattern, r) if speaker == "agent" else []
            assert found == sorted(spacy), (n, text)
            hits += bool(found)
    assert hits > 10  # the patterns do match things: the comparison is not vacuous


@pytest.mark.parametrize("token", [
    {"LOWER": {"FUZZY": {"REGEX": "ab+"}}},
    {"LENGTH": {"REGEX": "5"}},
], ids=["nested-in-fuzzy", "non-text-attribute"])
def test_a_regex_spacy_would_run_unbounded_is_refused(token):
    from csnlp.nlp.fast import FastAnnotator

    standards = load_standards({"schema_version": 1, "name": "rx", "version": "1",
                                "standards": [{"id": "x", "title": "x", "check": "require",
                                               "match": {"patterns": [[token]]}}]})
    with pytest.raises(StandardsError, match=r"x\.match\[0\]: REGEX is supported only as"):
        FastAnnotator(standards)


def test_docstring_example():
    import doctest

    result = doctest.testmod(bounded)
    assert result.attempted > 0 and result.failed == 0


def test_both_annotators_record_a_stopped_regex_on_its_label_only(regex_set):
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.reference import ReferenceAnnotator

    hostile = _with_rule(regex_set, "rx1", patterns=(({"LOWER": {"REGEX": "(a|aa)+$"}},),))
    texts = ["hello " + "a" * TURN_CHARS + "b", "hello there"]
    got = [cls(hostile).annotate(texts, ["agent", "agent"])
           for cls in (ReferenceAnnotator, FastAnnotator)]
    for long_turn, short_turn in got:
        assert set(long_turn.timeouts) == {"pattern:rx1.match"}
        assert "'(a|aa)+$'" in long_turn.timeouts["pattern:rx1.match"]
        assert long_turn.matches["pattern:rx0.match"] == [(0, 5)]  # other patterns still run
        assert short_turn.timeouts is None
    assert got[0][0].timeouts == got[1][0].timeouts


@pytest.mark.parametrize("pattern", [
    r"""['‘"“](?:on (?:its|the) way|fixed)['’"”]""", r"\n[ \t]*\n[A-Z]\w+", r"(?i)[\"']sorted",
    r"ORD-\d+", r"(?i)sorry", r"\d*", r"a|\n",
])
def test_the_first_character_shortcut_never_changes_a_search(pattern):
    """A text without any character a match must start with is not searched: the result must
    be the one the regex gives."""
    import random

    import regex as rx_module

    from csnlp.nlp.bounded import BoundedRegex

    rng = random.Random(0)
    alphabet = "abc ORD-12'\"‘’“”\nXyfixedsortedonitswaySORRYsorry"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
             for _ in range(400)] + ["my 'fixed' fault", "x\n\nName", "ORD-7", ""]
    bounded, plain = BoundedRegex(pattern), rx_module.compile(pattern)
    for text in texts:
        got, want = bounded.search(text), plain.search(text)
        assert (got and got.span()) == (want and want.span()), (pattern, text)


def _pack_regexes() -> list[tuple[str, bool]]:
    """Every user regex of the contact_center pack: rule `regex`, `unless_regex` and
    `unless_span_regex` (as the annotator compiles them) and token-pattern REGEX predicates."""
    from importlib import resources

    import yaml

    doc = yaml.safe_load(resources.files("csnlp.packs").joinpath("contact_center.yaml")
                         .read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("regex", "unless_regex", "unless_span_regex") and isinstance(
                        value, list):
                    found.extend((p, key != "regex") for p in value)
                elif key == "REGEX" and isinstance(value, str):
                    found.append((value, False))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    return found


def test_the_needs_shortcut_never_changes_a_search_of_a_pack_regex():
    """A text holding none of what every match needs ("sorry", a quote mark, one of
    "pending"/"processing") is not searched: on the dev sets' turns and on random texts,
    every pack regex must find what the plain regex finds. (A fixed sample of 5,000 of the dev
    sets' turns, drawn from every wave's writers: all of them cost 3.5 minutes of CI in round
    thirty-three, every regex against every turn; every third took 76 s in round thirty-four,
    every fourth 72 s in round thirty-five. A fixed sample no longer grows with each wave.)"""
    import random
    from pathlib import Path

    import regex as rx_module
    import yaml

    from csnlp.nlp.bounded import BoundedRegex

    devsets = Path(__file__).resolve().parents[2] / "benchmarks" / "devsets"
    every_turn = [turn["text"] for path in sorted(devsets.glob("*.yaml"))
                  for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
                  for turn in case["transcript"]["turns"]]
    assert len(every_turn) >= 25_000
    rng = random.Random(3)
    texts = rng.sample(every_turn, 5_000)
    alphabet = "aeiorsty SORRY'\"‘’“”.!?\nİſK processing pending 10/10 Best, Sam"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
              for _ in range(300)]
    patterns = _pack_regexes()
    assert len(patterns) >= 10
    with_needs = 0
    for pattern, ignore_case in patterns:
        bounded = BoundedRegex(pattern, ignore_case=ignore_case)
        plain = rx_module.compile(pattern, rx_module.V0 | (rx_module.IGNORECASE
                                                           if ignore_case else 0))
        with_needs += bool(bounded._needs)
        for text in texts:
            got, want = bounded.search(text), plain.search(text)
            assert (got and got.span()) == (want and want.span()), (pattern, text)
    assert with_needs >= 5  # the shortcut is in use, not silently off


@pytest.mark.parametrize("pattern, ignore_case, text, needs", [
    (r"(?i)sorry", False, "So SORRY about that", True),
    (r"sorry", True, "ſorry", True),  # non-ASCII text: searched, the long s folds to s
    (r"(?i)\bsorry\b", False, "no apology here", False),
    (r"(?i)['\"](?:pending|processing)['\"]", False, "it's still loading", False),
    (r"ORD-\d+", False, "ord-12", False),  # case-sensitive: not lowered
    (r"\d*", False, "anything", True),  # needs nothing: always searched
    # symbols with case are no letters, and still fold
    ("Ⅰ", True, "ⅰ", True),
    ("xⒶ", True, "xⓐ", True),
    ("[Ⓐb]c", True, "ⓐc", True),
    ("\u0345", True, "ι", True),
    # what a lookbehind or lookahead must see is in the text too
    (r"(?<=[!?] )Thanks", False, "Great. Thanks", False),
    (r"(?<=[!?] )Thanks", False, "Great! Thanks", True),
    (r"so(?= sorry)", True, "I am SO SORRY", True),
    (r"so(?= sorry)", True, "so very sorry", False),
    # a run of literals and small sets is looked for in each of its spellings
    (r"[Ii]t['’]s Sam", False, "It’s Sam here", True),
    (r"[Ii]t['’]s Sam", False, "IT'S SAM", False),
    (r"[Ii]t['’]s Sam", True, "IT'S SAM", True),
])
def test_needs_skip_only_texts_that_cannot_match(pattern, ignore_case, text, needs):
    import regex as rx_module

    from csnlp.nlp.bounded import BoundedRegex

    bounded = BoundedRegex(pattern, ignore_case=ignore_case)
    plain = rx_module.compile(pattern, rx_module.V0 | (rx_module.IGNORECASE if ignore_case
                                                       else 0))
    assert (bounded.search(text) is not None) == (plain.search(text) is not None) == needs


@pytest.mark.parametrize("pattern, text", [
    (r"(?:sorry){e<=1}", "i am sorry"),  # fuzzy matching: literal braces to `re`
    (r"(?:sorry){e<=1}", "i am sorrry"),
    (r"[[:alpha:]]+ing", "going"),  # a POSIX class: a set and a "]" to `re`
])
def test_syntax_only_regex_reads_gets_no_shortcut(pattern, text):
    import regex as rx_module

    from csnlp.nlp.bounded import BoundedRegex

    assert BoundedRegex(pattern, ignore_case=True).search(text) is not None
    assert rx_module.search(pattern, text, rx_module.V0 | rx_module.IGNORECASE) is not None


def test_a_pattern_compiled_after_a_text_was_read_still_finds_its_literals():
    """The text's literals are remembered per text; a later pattern's new literal rebuilds the
    automata and forgets them, so it is looked for in the same text again."""
    from csnlp.nlp.bounded import BoundedRegex

    text = "the zqxwvu parcel and the kjhgfd box"
    first = BoundedRegex(r"\bzqxwvu\b", ignore_case=True)
    assert first._masked  # looked up in the text's masks, not scanned with `in`
    assert first.search(text) is not None
    later = BoundedRegex(r"(?:kjhgfd|mnbvcx) box")
    assert later._masked and later.search(text) is not None
    assert first.search(text) is not None and later.search("the kjhgfd crate") is None


def test_remembered_texts_stay_bounded(monkeypatch):
    from csnlp.nlp import bounded

    monkeypatch.setattr(bounded, "MAX_REMEMBERED_TEXTS", 50)
    rx = bounded.BoundedRegex(r"sorry about (?:that|this)", ignore_case=True)
    for n in range(500):
        assert (rx.search(f"so SORRY about that {n}") is not None)
        assert rx.search(f"no apology {n}") is None
    assert len(bounded._LITERALS._masks) <= 50


def test_literals_of_non_ascii_text_are_searched_whatever_their_case():
    from csnlp.nlp.bounded import BoundedRegex

    rx = BoundedRegex(r"straße|strasse", ignore_case=True)
    assert rx.search("Die STRASSE ist zu") is not None
    assert rx.search("die Straße ist zu") is not None
    # the engine folds the dotted capital I to i; lowercasing gives "i̇": had the text's
    # lowercase been read for its literals, this match would be lost
    assert BoundedRegex("pending", ignore_case=True).search("PENDİNG") is not None


def test_a_pickled_pattern_is_compiled_again_where_it_is_loaded(monkeypatch):
    """A pattern's masks are bits of its process's literal table: loaded in another process
    (a fresh table that gave those bits to other literals), it compiles again."""
    import pickle

    from csnlp.nlp import bounded

    rx = bounded.BoundedRegex(r"so+rry about (?:it|that)", ignore_case=True, what="apology")
    data = pickle.dumps(rx)
    monkeypatch.setattr(bounded, "_LITERALS", bounded._Literals())  # another process's table
    bounded.BoundedRegex(r"hello there|good morning", ignore_case=True)  # its own literals
    loaded = pickle.loads(data)
    assert loaded.what == "apology" and loaded.pattern == rx.pattern
    assert loaded.search("I am SOORRY about that").span() == (5, 22)
    assert loaded.search("hello there") is None


class _Engine:
    """A regex engine whose first `stalls` searches run out of wall-clock time without using
    the CPU (the thread kept waiting by others), `burns` seconds of CPU each if asked."""

    def __init__(self, stalls: int, burns: float = 0.0) -> None:
        self.stalls, self.burns, self.calls = stalls, burns, 0

    def search(self, text, pos, timeout):
        self.calls += 1
        if self.calls <= self.stalls:
            end = time.thread_time() + self.burns
            while time.thread_time() < end:
                pass
            raise TimeoutError("regex timed out")
        return "match"


def _with_engine(engine):
    rx = bounded.BoundedRegex("(a|a)+$")
    rx._rx = engine
    return rx


def test_a_search_kept_waiting_by_other_threads_is_tried_again():
    """The engine's limit is wall-clock time: in a busy process a thread can reach it without
    searching (6 threads sharing a process made ordinary greeting regexes 'time out'). Only
    the CPU time the thread spent makes it a PatternTimeout."""
    engine = _Engine(stalls=3)
    assert _with_engine(engine).search("aaaa") == "match" and engine.calls == 4



def test_a_search_that_ends_in_time_never_reads_the_thread_clock(monkeypatch):
    """The thread's CPU clock is a system call: read only after a timeout, never per search."""
    monkeypatch.setattr(bounded.time, "thread_time", lambda: pytest.fail("clock read"))
    quiet = _Engine(stalls=0)
    assert _with_engine(quiet).search("aaaa") == "match" and quiet.calls == 1


def test_a_search_that_spends_the_limit_in_cpu_time_is_stopped():
    engine = _Engine(stalls=10, burns=bounded.SEARCH_TIMEOUT / 2 + 0.005)
    with pytest.raises(PatternTimeout, match="stopped after"):
        _with_engine(engine).search("aaaa")
    # the first try by the wall clock, then the CPU of two retries together passed the limit
    assert engine.calls == 3


def test_a_rules_screen_lets_through_every_regex_that_matches():
    """`RegexScreen` reads a turn's literals once for all of a rule's regexes: on the dev sets'
    turns, every regex of every pack rule that finds a match must be among its candidates, and
    a turn it screens out must match none of them."""
    from pathlib import Path

    import yaml

    from csnlp.api import get_evaluator

    devsets = Path(__file__).resolve().parents[2] / "benchmarks" / "devsets"
    texts = [turn["text"] for path in sorted(devsets.glob("*.yaml"))[:6]
             for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
             for turn in case["transcript"]["turns"]]
    rules = [rule for rule in get_evaluator(None).annotator.rules.values() if rule.regexes]
    assert len(rules) >= 5
    screened = found = 0
    for rule in rules:
        for text in texts:
            candidates = rule.screen.candidates(text)
            matching = [rx for rx in rule.regexes if rx._rx.search(text) is not None]
            assert all(rx in candidates for rx in matching), (rule.name, text)
            assert rule.screen.may_match(text) or not matching
            screened += len(rule.regexes) - len(candidates)
            found += bool(matching)
    assert found >= 50  # the rules do match the dev turns
    assert screened > 10 * found  # and most regexes are never searched


def test_a_pickled_screen_is_screened_again_where_it_is_loaded():
    import pickle

    from csnlp.nlp.bounded import BoundedRegex, RegexScreen

    screen = RegexScreen((BoundedRegex(r"(?i)so+rry about"), BoundedRegex(r"thanks a lot")))
    loaded = pickle.loads(pickle.dumps(screen))
    assert [rx.pattern for rx in loaded.candidates("Thanks a lot, SORRY ABOUT that")] == [
        r"(?i)so+rry about"]
    assert loaded.candidates("hello there") == ()
