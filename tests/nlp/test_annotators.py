"""The fast annotator gives exactly the reference annotator's annotations, on real corpora."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BATCH_TURNS = 300  # about what evaluate_many hands the annotator at once


def _examples() -> list[tuple[str, str]]:
    import csnlp

    turns = [(t.text, t.speaker) for tr in csnlp.read_transcripts(REPO / "examples" / "transcripts")
             for t in tr.turns]
    assert len(turns) > 50
    return turns


def _harper_valley(data: Path) -> list[tuple[str, str]]:
    import csnlp

    calls = csnlp.read_transcripts(data / "harper-valley", format="harper_valley")
    return [(t.text, t.speaker) for tr in calls for t in tr.turns]


def _sgd(data: Path, dialogues: int = 120) -> list[tuple[str, str]]:
    path = sorted((data / "sgd-sample" / "test").glob("dialogues_*.json"))[0]
    speaker = {"USER": "customer", "SYSTEM": "agent"}
    return [(t["utterance"], speaker[t["speaker"]])
            for dlg in json.loads(path.read_text(encoding="utf-8"))[:dialogues]
            for t in dlg["turns"]]


def _multiwoz(data: Path, dialogues: int = 120) -> list[tuple[str, str]]:
    with zipfile.ZipFile(data / "multiwoz" / "test.json.zip") as z:
        log = json.loads(z.read("test.json"))
    return [(t["text"], "customer" if i % 2 == 0 else "agent")
            for dlg in list(log.values())[:dialogues] for i, t in enumerate(dlg["log"])]


@pytest.fixture(scope="module")
def annotators():
    from csnlp.ml.acts import default_act_model
    from csnlp.ml.tone import default_tone_model
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.reference import ReferenceAnnotator
    from csnlp.standards import load_standards

    standards = load_standards("contact_center")
    models = {"tone_model": default_tone_model(), "act_model": default_act_model()}
    assert models["tone_model"] is not None and models["act_model"] is not None
    return ReferenceAnnotator(standards, **models), FastAnnotator(standards, **models)


def _fields(ann):
    return ann.matches, ann.words, ann.spans, ann.tone, ann.acts


def _assert_identical(annotators, turns: list[tuple[str, str]]) -> None:
    from csnlp.nlp.fast import TURN_CACHE_CHARS, WARM_TURNS

    reference, fast = annotators
    texts = [t for t, _ in turns]
    speakers = [s for _, s in turns]
    with reference.memory_zone():
        want = [_fields(a) for a in reference.annotate(texts, speakers)]
    # Cold (turns tokenized one by one, outside zones), then warm (joined, inside zones), each
    # from an empty turn cache; then once more, the short turns now from the cache (the
    # longer ones among them kept the second time they were seen, in the warm pass).
    for warm, cached in ((0, False), (WARM_TURNS, False), (WARM_TURNS, True)):
        fast.warm_turns = warm
        if not cached:
            fast._turn_cache.clear()
        hits = fast.turn_cache_stats[1]
        got = []
        for i in range(0, len(texts), BATCH_TURNS):
            with fast.memory_zone():
                got += [_fields(a) for a in fast.annotate(texts[i:i + BATCH_TURNS],
                                                          speakers[i:i + BATCH_TURNS])]
        for n, (g, w) in enumerate(zip(got, want, strict=True)):
            assert g == w, (warm, cached, texts[n], speakers[n])
        if cached:  # every short turn came from the cache, and they are most turns
            short = sum(len(t) <= TURN_CACHE_CHARS for t in texts)
            assert fast.turn_cache_stats[1] - hits == short > len(texts) // 2
    # The corpus exercises every part: phrases, patterns, tone, and acts on agent turns only.
    labels = {label for m, *_ in want for label in m}
    assert any(x.startswith("phrase:") for x in labels)
    assert any(x.startswith("pattern:") for x in labels)
    assert all(w[3] is not None for w in want)
    assert any(w[4] is not None for w in want) and any(w[4] is None for w in want)


def test_fast_equals_reference_on_the_bundled_examples(annotators):
    _assert_identical(annotators, _examples())


def test_fast_equals_reference_on_service_dialogue_corpora(annotators, shared_data):
    turns = _harper_valley(shared_data) + _sgd(shared_data) + _multiwoz(shared_data)
    assert len(turns) > 3000
    _assert_identical(annotators, turns)


def test_both_annotators_refuse_speakers_of_another_length(annotators):
    for annotator in annotators:
        with pytest.raises(ValueError):
            annotator.annotate(["hi", "bye"], ["agent"])


def test_the_turn_cache_stays_bounded_and_keeps_only_short_turns():
    from csnlp.nlp.fast import TURN_CACHE_CHARS, FastAnnotator
    from csnlp.standards import load_standards

    fast = FastAnnotator(load_standards("contact_center"))
    fast.turn_cache_size = 10
    for start in range(0, 100, 7):
        fast.annotate([f"Order number {n} please" for n in range(start, start + 7)],
                      ["customer"] * 7)
        assert len(fast._turn_cache) <= 10
    long_turn = "Thanks for calling. " * (TURN_CACHE_CHARS // 20 + 1)
    first = fast.annotate([long_turn], ["agent"])[0]
    assert (long_turn, "agent") not in fast._turn_cache
    again = fast.annotate([long_turn], ["agent"])[0]
    assert again is not first and _fields(again) == _fields(first)
    # the same text from another speaker is another turn (patterns and acts depend on it)
    fast.annotate(["Hello, this is Sam."], ["agent"])
    assert ("Hello, this is Sam.", "customer") not in fast._turn_cache
    assert ("Hello, this is Sam.", "agent") in fast._turn_cache
    fast.turn_cache_size = 0
    fast._turn_cache.clear()
    fast.annotate(["Hello again."], ["agent"])
    assert not fast._turn_cache


def test_evaluator_turn_cache_option_is_checked():
    import csnlp

    with pytest.raises(csnlp.InputError, match="turn_cache"):
        csnlp.Evaluator(tone_model=None, act_model=None, turn_cache=-1)
    ev = csnlp.Evaluator(tone_model=None, act_model=None, turn_cache=0)
    assert ev.annotator.turn_cache_size == 0


def test_a_turn_whose_pattern_was_stopped_is_not_cached():
    """A time-limit stop is an event of that run, not a property of the text."""
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.nlp.rules import TurnAnnotation
    from csnlp.standards import load_standards

    fast = FastAnnotator(load_standards("contact_center"))
    stopped = TurnAnnotation(matches={}, words=["hi"], spans=[(0, 2)],
                             timeouts={"pattern:x": "x: stopped"})
    fine = TurnAnnotation(matches={}, words=["ok"], spans=[(0, 2)])
    fast._keep(fast._turn_cache, [("hi", "agent"), ("ok", "agent")], [stopped, fine])
    assert list(fast._turn_cache) == [("ok", "agent")]


def test_a_rule_compiled_after_annotating_is_looked_for_in_cached_turns():
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.standards import load_standards
    from csnlp.standards.spec import RuleSpec

    fast = FastAnnotator(load_standards("contact_center"))
    fast.annotate(["Lovely weather today."], ["agent"])
    rule = fast.compile_rule(RuleSpec(phrases=("lovely weather",)), "late.match")
    ann = fast.annotate(["Lovely weather today."], ["agent"])[0]
    assert rule.find("Lovely weather today.", ann) == [(0, 14, "phrase:late.match")]


def test_a_longer_turn_is_kept_the_second_time_it_is_seen():
    from csnlp.nlp.fast import TURN_CACHE_ADMIT_CHARS, TURN_CACHE_CHARS, FastAnnotator
    from csnlp.standards import load_standards

    fast = FastAnnotator(load_standards("contact_center"))
    fast.turn_cache_size = 12
    short = "Thank you so much!"
    early = "Could you tell me when my new card will arrive in the post?"
    longer = "Could you tell me when the engineer is coming to fix the line?"
    assert len(short) <= TURN_CACHE_ADMIT_CHARS < len(longer) <= TURN_CACHE_CHARS
    # while the cache is less than a quarter full, every short turn is kept at once
    fast.annotate([early, "Yes.", "Okay."], ["customer"] * 3)
    assert (early, "customer") in fast._turn_cache
    first = fast.annotate([short, longer], ["customer", "customer"])
    assert (short, "customer") in fast._turn_cache  # short: kept at once
    assert (longer, "customer") not in fast._turn_cache  # longer: remembered only
    again = fast.annotate([longer], ["customer"])[0]
    assert again is not first[1] and _fields(again) == _fields(first[1])
    assert (longer, "customer") in fast._turn_cache  # seen twice: kept
    hits = fast.turn_cache_stats[1]
    assert fast.annotate([longer], ["customer"])[0] is again
    assert fast.turn_cache_stats[1] == hits + 1
    # what is remembered stays as bounded as the cache
    fast.annotate([f"{longer} Reference {n}." for n in range(50)], ["customer"] * 50)
    assert fast._seen_marks <= 12 and len(fast._turn_cache) <= 12


def test_a_kept_turn_is_compact_read_only_and_unchanged():
    """A kept annotation is copied to exact-size lists, and one that matched nothing shares a
    read-only empty mapping; what a caller reads is what a fresh annotation holds."""
    import sys

    from csnlp.nlp.fast import FastAnnotator
    from csnlp.standards import load_standards

    standards = load_standards("contact_center")
    fast, fresh = FastAnnotator(standards), FastAnnotator(standards)
    fresh.turn_cache_size = 0
    turns = [("Hello, thank you for calling, how can I help?", "agent"),
             ("The blue one, I think.", "customer"), ("Sure thing.", "agent")]
    texts, speakers = [t for t, _ in turns], [s for _, s in turns]
    fast.annotate(texts, speakers)
    kept = [fast._turn_cache[turn] for turn in turns]
    assert [_fields(k) for k in kept] == [_fields(f) for f in fresh.annotate(texts, speakers)]
    assert kept[0].matches and any(not k.matches for k in kept)  # the test covers both
    for ann in kept:
        assert sys.getsizeof(ann.words) == sys.getsizeof(list(ann.words))
        assert sys.getsizeof(ann.spans) == sys.getsizeof(list(ann.spans))
        if not ann.matches:
            with pytest.raises(TypeError, match="read-only"):
                ann.matches["phrase:greetings"] = [(0, 5)]
            with pytest.raises(TypeError, match="read-only"):
                ann.matches.setdefault("phrase:greetings", [])
            assert ann.matches == {}


@pytest.mark.parametrize("size", [20_000, 1 << 20])
def test_the_seen_once_table_keeps_few_longer_turns_on_first_sight(size):
    """Longer turns each seen once are remembered, not kept, whatever the cache's size: the
    seen-once table grows with the cache, so few find their bit set by another turn (a review
    found 40% kept on first sight with a fixed table and a cache of 2**20 turns)."""
    from csnlp.nlp.fast import SEEN_ONCE_SPREAD, FastAnnotator
    from csnlp.nlp.rules import TurnAnnotation
    from csnlp.standards import load_standards

    fast = FastAnnotator(load_standards("contact_center"))
    fast.turn_cache_size = size
    kept = {(f"short {n}", "agent"): None for n in range(size // 4)}  # a quarter full
    # distinct, each once, more than the table would hold without clearing when fixed
    turns = [(f"Could you tell me when order {n} will arrive, please?", "agent")
             for n in range(60_000)]
    for start in range(0, len(turns), 5_000):
        batch = turns[start:start + 5_000]
        fast._keep(kept, batch, [TurnAnnotation(matches={}, words=[], spans=[]) for _ in batch])
    admitted = sum(turn in kept for turn in turns)
    assert admitted <= len(turns) / SEEN_ONCE_SPREAD
    assert len(fast._seen_once) * 8 > SEEN_ONCE_SPREAD * size
    assert fast._seen_marks == sum(bin(b).count("1") for b in fast._seen_once)
