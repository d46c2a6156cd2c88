"""What every detector shares: the per-transcript context, windows, evidence and sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from csnlp.errors import StandardsError
from csnlp.metrics import turn_gaps
from csnlp.nlp.normalise import BACKCHANNELS, GOODBYE_WORDS
from csnlp.results import (
    Evidence,
    EvidenceRole,
    SearchedWindow,
    StandardResult,
    Status,
    evidence_of,
)
from csnlp.standards.spec import ClassifierSpec, StandardBase, WindowSpec
from csnlp.transcript import Transcript

if TYPE_CHECKING:  # only types: loading the kinds for a standards file needs no spaCy
    from csnlp.nlp.pipeline import Annotator, CompiledRule, Span, TurnAnnotation

#: The options model of a detector's kind (`RequireSpec` for `RequireDetector`).
SpecT = TypeVar("SpecT", bound=StandardBase)

#: How many searched turns a miss shows as evidence.
MAX_LOOKED_EVIDENCE = 3

#: Transcription tags that are not speech: "[noise]", "<unk>", "[inaudible]", "(laughter)".
_SENTINELS = frozenset({"_bot_", "_eot_"})
_TAG = re.compile(r"\[[^\]\n]{0,40}\]|<[^>\n]{0,40}>|\(\s*[A-Za-z_-]+\s*\)")


@dataclass
class Context:
    """One transcript with its annotations and metrics, as detectors see it."""

    transcript: Transcript
    annotations: Sequence[TurnAnnotation]
    metrics: dict[str, Any]
    #: (turn before, turn after, seconds) of every gap between timed turns
    #: (`csnlp.metrics.turn_gaps`), measured once for the metrics and the detectors; None:
    #: measured here.
    gaps: list[tuple[int, int, float]] | None = None
    #: The results of the standards judged before this one, in the set's order, by id (the
    #: Evaluator fills it): a check may read another's verdict (the tone standard's overall
    #: reading counts a complaint its respond standard found unanswered).
    judged: dict[str, StandardResult] = field(default_factory=dict)
    _by_speaker: dict[str, list[int]] = field(default_factory=dict)
    _spoken: dict[str, list[int]] = field(default_factory=dict)
    _heard: dict[str, list[int]] = field(default_factory=dict)
    _filled: dict[int, list[list[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.gaps is None:
            self.gaps = turn_gaps(self.transcript)

    def turns_of(self, speaker: str) -> list[int]:
        if speaker not in self._by_speaker:
            # Backchannel-only turns ("mm hmm", "okay") and noise tags ("[noise]") do not
            # count: speech recognition splits them off, and they would push real turns out
            # of first/last-N windows. If a speaker says nothing else, those are all there is.
            heard = self.heard_turns(speaker)
            self._by_speaker[speaker] = [
                i for i in heard if not BACKCHANNELS.issuperset(self.annotations[i].words)
            ] or heard or self.spoken_turns(speaker)
        return self._by_speaker[speaker]

    def heard_turns(self, speaker: str) -> list[int]:
        """The speaker's turns with a word in them: not empty, not only fillers ("um") or
        transcription tags ("[noise]", "<unk>"). None: the speaker is silent. A backchannel
        ("okay") is heard: the speaker is there, answering."""
        if speaker not in self._heard:
            self._heard[speaker] = [i for i in self.spoken_turns(speaker) if self._heard_in(i)]
        return self._heard[speaker]

    def _heard_in(self, index: int) -> bool:
        ann = self.annotations[index]
        text = self.transcript.turns[index].text
        if "[" not in text and "<" not in text and "(" not in text:
            return bool(ann.words)  # fillers are already dropped from the words
        tags = [m.span() for m in _TAG.finditer(text)]
        return any(not any(a <= s and e <= b for a, b in tags)
                   for w, (s, e) in zip(ann.words, ann.spans, strict=True)
                   if w not in _SENTINELS)

    def spoken_turns(self, speaker: str) -> list[int]:
        """Every non-blank turn of the speaker, backchannels included."""
        if speaker not in self._spoken:
            self._spoken[speaker] = [i for i, t in enumerate(self.transcript.turns)
                                     if t.speaker == speaker and t.text.strip()]
        return self._spoken[speaker]

    def window(self, speaker: str, window: WindowSpec) -> list[int]:
        turns = self.turns_of(speaker)
        if window.first_turns:
            return turns[: window.first_turns]
        if window.last_turns:
            if window.skip_goodbyes:
                counted = [i for i in turns if not GOODBYE_WORDS.issuperset(
                    w for w in self.annotations[i].words if w not in BACKCHANNELS)]
                return counted[-window.last_turns:] or turns[-window.last_turns:]
            return turns[-window.last_turns:]
        return turns

    def find(self, rule: CompiledRule, index: int) -> list[Span]:
        ann = self.annotations[index]
        if (not rule.templates and ann.timeouts is None
                and (not ann.matches or rule.labels.isdisjoint(ann.matches))
                and not (rule.regexes and rule.screen.may_match(
                    self.transcript.turns[index].text))):
            return []  # most turns: nothing of this rule's was matched
        filled = None
        if rule.templates:  # fill the templates from the metadata once per transcript
            filled = self._filled.get(id(rule))  # rules live in the annotator: ids are stable
            if filled is None:
                filled = self._filled[id(rule)] = rule.fill(self.transcript.metadata)
        return rule.find(self.transcript.turns[index].text, ann, self.transcript.metadata,
                         filled=filled, turn=index)

    def evidence(self, index: int, span: Span, *, role: EvidenceRole = EvidenceRole.MATCH,
                 label: str | None = None, score: float | None = None,
                 seconds: float | None = None, window: SearchedWindow | None = None
                 ) -> Evidence:
        """Evidence of `span` in turn `index`; its label is the span's matcher label unless
        `label` names another (an act, a tone)."""
        turn = self.transcript.turns[index]
        start, end, matched = span
        return evidence_of(index, turn.speaker, start, end, turn.text[start:end], score,
                           turn.text, role, matched if label is None else label, window, seconds)

    def whole_turn(self, index: int, role: EvidenceRole, label: str = "", *,
                   score: float | None = None, seconds: float | None = None,
                   window: SearchedWindow | None = None) -> Evidence:
        return self.evidence(index, (0, len(self.transcript.turns[index].text), label),
                             role=role, score=score, seconds=seconds, window=window)

    def looked(self, indices: Sequence[int], where: str, *, last: bool = False
               ) -> tuple[Evidence, ...]:
        """Evidence of a miss: the turns that were searched, whole; the first ones, or with
        `last` (a window at the end of the call) the last ones. `where` describes the window
        ("the agent's first 2 turns"); every searched index is kept in the evidence's window."""
        shown = indices[-MAX_LOOKED_EVIDENCE:] if last else indices[:MAX_LOOKED_EVIDENCE]
        window = SearchedWindow(where, tuple(indices))
        # Built here, with the rule string `Evidence` would derive: most results are misses.
        rule = "looked:" + where
        turns = self.transcript.turns
        return tuple(evidence_of(i, turns[i].speaker, 0, len(turns[i].text), turns[i].text,
                                 None, turns[i].text, EvidenceRole.SEARCHED, "", window, None,
                                 rule)
                     for i in shown)


class Detector(Generic[SpecT]):
    """Judges one standard. Subclasses set `spec` (the pydantic model) and implement `check`;
    `class ForbidDetector(Detector[ForbidSpec])` types `self.standard` as a `ForbidSpec`."""

    kind: ClassVar[str] = ""
    spec: ClassVar[type[StandardBase] | None] = None

    def __init__(self, standard: SpecT, annotator: Annotator) -> None:
        self.standard: SpecT = standard
        self.annotator = annotator

    def rule(self, path: str) -> CompiledRule:
        return self.annotator.rule(self.standard.id, path)

    def check_classifier(self, spec: ClassifierSpec | None) -> None:
        """Refuse a classifier act the loaded act model does not know."""
        model = self.annotator.act_model
        if spec is not None and spec.enabled and model is not None and spec.act not in model.acts:
            raise StandardsError(
                f"standard {self.standard.id}: classifier.act {spec.act!r} is not an act of "
                f"{getattr(model, 'model_id', 'the act model')} ({', '.join(model.acts)})")

    def classified(self, ctx: Context, spec: ClassifierSpec | None, indices: Sequence[int],
                   rule: CompiledRule) -> Evidence | None:
        """The most probable turn of `indices` for the classifier's act, if over the threshold.

        Turns the rule vetoes (its `unless_regex`: "Sorry?" meaning "pardon?") stay vetoed; so
        do turns where one of its `unless_span_regex` matches: the model reads the whole turn.
        """
        model = self.annotator.act_model
        if spec is None or not spec.enabled or model is None:
            return None
        thresholds = self.__dict__.get("_act_thresholds")
        if thresholds is None:  # the model's property builds a dict per call
            thresholds = self._act_thresholds = model.thresholds
        threshold = spec.threshold or thresholds.get(spec.act)
        if threshold is None:
            return None
        act, annotations = spec.act, ctx.annotations
        # A one-word turn the rules did not take ("Great.", "Right.") is an acknowledgement:
        # too little for the model to stand in for them.
        over = [(p, i) for i in indices if (p := (annotations[i].acts or {}).get(act, 0.0))
                >= threshold and annotations[i].n_words > 1]
        if over and (rule.unless or rule.unless_spans):  # read only turns over the threshold
            turns = ctx.transcript.turns
            over = [(p, i) for p, i in over if not rule.vetoed(turns[i].text, i, spans=True)]
        if not over:
            return None
        best = max(over)
        return ctx.whole_turn(best[1], EvidenceRole.CLASSIFIER, spec.act,
                              score=round(best[0], 4))

    def check(self, ctx: Context) -> StandardResult:
        raise NotImplementedError

    def expected(self, fallback: str) -> str:
        """What the standard expects, in words, with two of its examples (built once)."""
        cache = self.__dict__.setdefault("_expected", {})
        if fallback not in cache:
            cache[fallback] = expected(self.standard, fallback)
        return cache[fallback]

    def not_applicable_reason(self, ctx: Context) -> str | None:
        """The first declared not-applicable condition that holds, as a sentence."""
        for cond in self.standard.not_applicable_when:
            if cond == "agent_silent" and not ctx.heard_turns("agent"):
                return silent("agent") + "."
            if cond == "automated_only" and not ctx.heard_turns("agent"):
                if not ctx.heard_turns("customer"):
                    return ("Nobody speaks in this conversation (no turn beyond noise tags or "
                            "fillers).")
                turns = ctx.transcript.turns
                if any(_SPEAKS_TO_CUSTOMER.search(turns[i].text)
                       for i in ctx.heard_turns("system")):
                    return ("The conversation never reached an agent: only automation (a bot, "
                            "the IVR or a queue message) answers the customer.")
            if cond == "customer_silent" and not ctx.heard_turns("customer"):
                return silent("customer") + "."
            if cond == "no_timestamps" and not ctx.transcript.has_timestamps:
                return "The transcript has no timestamps."
        return None

    def result(self, status: Status, explanation: str, *, score: float | None = None,
               evidence: Sequence[Evidence] = ()) -> StandardResult:
        if score is None and status in (Status.MET, Status.MISSED):
            score = 1.0 if status is Status.MET else 0.0
        return StandardResult(standard_id=self.standard.id, status=status, score=score,
                              evidence=tuple(evidence), explanation=explanation,
                              weight=self.standard.weight, title=self.standard.title)

    def not_applicable(self, reason: str) -> StandardResult:
        return self.result(Status.NOT_APPLICABLE, reason)


#: Automation speaking to the customer ("All our agents are busy, please hold", "You are
#: number four in the queue", "Hi! I'm the virtual assistant"), not an event logged ("Chat
#: started.", "Customer left the chat", "Conversation assigned to queue"): only the first
#: answers a customer.
_SPEAKS_TO_CUSTOMER = re.compile(
    r"(?i)\b(?:you|your|you[’']re|welcome|thanks?|please|hello|hi|sorry|apologi[sz]e|"
    r"assistant|bot)\b")


def silent(speaker: str) -> str:
    """Why a speaker is silent, as a clause: "The agent never speaks in this conversation (...)"."""
    return (f"The {speaker} never speaks in this conversation (no {speaker} turn beyond noise "
            "tags or fillers)")


#: A quotation around words: an opening mark (a straight one only after a non-letter, so
#: "don't" opens nothing), up to a few words, the closing mark (a straight one only before a
#: non-letter). The words may hold a title's punctuation ("Bloody Mary: A Life", "Tom & Jerry;
#: The Movie") and a word's apostrophe ("Hell's Kitchen").
_QUOTED_WORDS = r"(?:[\w ,.!?:;&-]|['’](?=[^\W\d_]))"
_QUOTE_OPEN = re.compile(r"(?:[\"“‘]|(?<![^\W\d_])')" + _QUOTED_WORDS + r"{0,40}$")
_QUOTE_CLOSE = re.compile(r"^" + _QUOTED_WORDS + r"{0,40}?(?:[\"”’]|'(?![^\W\d_]))")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text`, lowercased, holds one of `words` (lowercase ASCII): a cheap test before a
    case-ignoring regex every match of which holds one. Outside ASCII always True: ignoring case
    a regex also reads "ſ" as s and "ı", "İ" as i ("SİNCERELY"), which lowercasing does not."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(word in lower for word in words)


def quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside quotation marks: words reported, not said
    ("being called 'a moron' by our team is unacceptable", he said "whatever")."""
    before = _QUOTE_OPEN.search(text, max(0, start - 41), start)
    return before is not None and _QUOTE_CLOSE.match(text[end:end + 41]) is not None


#: Words a Title-Case name leaves in lower case ("the Lord of the Rings").
_NAME_LINKS = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "de"})
_WORD = re.compile(r"[^\W\d_][\w'’]*")
#: A Title-Case word right after a name's word, across a possessive ("Hell's Kitchen").
_NAME_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:of|the|and|de)\s+)?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
#: The word before a name, and the determiners that make what follows a noun phrase.
_WORD_BEFORE = re.compile(r"(?:^|\s)([^\W\d_]+)$")
_DETERMINERS = frozenset({"the", "a", "an", "our", "your", "my", "this", "that", "these",
                          "those", "their", "his", "her", "its"})
#: A lower-case word after a name: the noun it names ("bedtime tea", "mug").
_LOWER_AFTER = re.compile(r"\s+[a-zß-öø-ÿ]{2,}\b")


def named(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a Title-Case name in mid-sentence ("the Hell's Kitchen
    DVD", "a Bloody Mary mix"): each of its words (bar "the", "of", ...) capitalised, a word
    (not a sentence's end or a comma) before it, and a capitalised word going on after it.
    Shouting ("BLOODY HELL"), a sentence's first word and lower-case text stay words said."""
    words = [m for m in _WORD.finditer(text, start, end) if m.group().lower() not in _NAME_LINKS]
    if not words or not all(w.group()[0].isupper() and not w.group().isupper() for w in words):
        return False
    before = text[:words[0].start()].rstrip()
    if not before or not before[-1].isalnum():
        return False  # a sentence's (or a quotation's) first word is capitalised anyway
    if _NAME_AFTER.match(text, end) is not None:
        return True
    # a name used as a noun's modifier: a determiner before, a lower-case word after ("the
    # Calm Down bedtime tea", "our Shut Up mug"); "Calm Down now" has no determiner
    last = _WORD_BEFORE.search(before)
    return (last is not None and last.group(1).lower() in _DETERMINERS
            and _LOWER_AFTER.match(text, end) is not None)


def own_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the speaker's own wording: not inside quotation marks
    (`quoted`) and not a word of a name (`named`)."""
    return not quoted(text, start, end) and not named(text, start, end)


def turn_list(indices: Sequence[int]) -> str:
    """'turn 3', 'turns 1 and 4', 'turns 1, 2 and 5' (1-based, as people count)."""
    nums = [str(i + 1) for i in indices]
    if not nums:
        return "no turns"
    if len(nums) == 1:
        return f"turn {nums[0]}"
    return f"turns {', '.join(nums[:-1])} and {nums[-1]}"


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def expected(standard, fallback: str) -> str:
    """'a greeting (e.g. “hello”, “good morning”)' from the standard's own words and examples."""
    what = getattr(standard, "expect", "") or fallback
    samples = [e for e in standard.examples.should_match if isinstance(e, str)][:2]
    if samples:
        what += " (e.g. " + ", ".join(quote(s, 40) for s in samples) + ")"
    return what
