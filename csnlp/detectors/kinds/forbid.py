"""`check: forbid` -- met when no forbidden phrase or pattern occurs in the speaker's window.

Options: `match` (a rule, as for `require`), `window` (`first_turns` or `last_turns`; all turns
when absent). Evidence: every forbidden match; a miss names the first three. Words inside
quotation marks are reported speech, not the speaker's own, and do not count; nor does a
capitalised word inside a Title-Case name ("the Hell's Kitchen DVD", "Bloody Mary mix"), nor
the customer's words said back with the two words after them, a product's name ("my damn good
coffee subscription" / "the damn good coffee is set to whole bean").

    - id: prohibited_language
      check: forbid
      title: Avoid prohibited language
      match: {phrase_lists: [prohibited]}
      model: {name: blame-v1, label: blaming}

`model` (round 40) reads what no list holds: where the rules find nothing, a speaker's turn
whose score on a per-turn model's `label` reaches `min` (None: the model's own threshold) is
forbidden wording too, the whole turn the evidence ("the commercial invoice you sent was
wrong"). The model is scored with the tone model as each turn is annotated
(`Annotator.turn_models`); without a tone model or the model's files it is not used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from csnlp.detectors.base import Context, Detector, own_words, quote
from csnlp.detectors.registry import register
from csnlp.results import EvidenceRole, StandardResult, Status
from csnlp.standards.spec import IDENT, RuleSpec, SpecModel, StandardBase, WindowSpec

if TYPE_CHECKING:
    from csnlp.nlp.pipeline import Annotator


class TurnModelSpec(SpecModel):
    """A per-turn model read where the rules find nothing (`csnlp.calibration.blame`): a turn
    scoring `min` or more on its `label` is forbidden wording (None: the model's threshold)."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    label: Annotated[str, Field(pattern=IDENT)]
    min: Annotated[float, Field(gt=0, lt=1)] | None = None
    #: Turns the model is not asked about: where this rule matches, the speaker owns the fault
    #: or apologises ("that's on us, not you"), which the model's words alone may read as
    #: blaming. Nor is a turn where a veto of `match` (`unless_span_regex`) fires: what the
    #: rules know is not forbidden wording ("it's down to you which plan suits") is not.
    unless: RuleSpec = RuleSpec()
    #: Turns the model is asked about only where this rule matches (empty: every turn). The
    #: shipped pack asks it only about turns that name someone to blame ("you", "nobody",
    #: "him"): its false readings are mostly curt lines about nothing ("It'll be refunded when
    #: it's refunded."), and the blaming that names no one ("not my problem", "calm down") is
    #: the rules' already.
    only_if: RuleSpec = RuleSpec()


class ForbidSpec(StandardBase):
    """Met when no forbidden phrase or pattern occurs in the window."""

    check: Literal["forbid"] = "forbid"
    window: WindowSpec = WindowSpec()
    match: RuleSpec
    #: (round 40) A per-turn model of forbidden wording no rule holds. None: not used.
    model: TurnModelSpec | None = None

    def main_rule(self) -> RuleSpec:
        return self.match


@register("forbid")
class ForbidDetector(Detector[ForbidSpec]):
    """Met when the rule matches nowhere in the speaker's window; each match is evidence."""

    spec = ForbidSpec

    def __init__(self, standard: ForbidSpec, annotator: Annotator) -> None:
        super().__init__(standard, annotator)
        #: The model's label and threshold when the annotator scores it (None: not used).
        self.model_reading = model_reading(standard, annotator)
        self.model_name = standard.model.name if standard.model is not None else ""

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        indices = ctx.window(std.speaker, std.window)
        rule = self.rule("match")
        # Words in quotation marks are reported, not said ("being called 'a moron' is ..."),
        # and a capitalised word of a name is the name's ("the Hell's Kitchen DVD").
        turns = ctx.transcript.turns
        found = [ctx.evidence(i, span) for i in indices for span in ctx.find(rule, i)
                 if own_words(turns[i].text, span[0], span[1])
                 and not _echoed(ctx, i, span[0], span[1])
                 and not _reported(ctx, i, span[0], span[1])]
        if found:
            listed = ", ".join(f"{quote(e.text, 30)} (turn {e.turn_index + 1})"
                               for e in found[:3])
            return self.result(Status.MISSED, f"The {std.speaker} used wording this standard "
                               f"forbids: {listed}.", evidence=found)
        if self.model_reading is not None:
            label, bar = self.model_reading
            unless, only_if = self.rule("model.unless"), self.rule("model.only_if")
            read = [(p, i) for i in indices if (p := model_score(ctx, i, label)) >= bar
                    and (unless.is_empty or not ctx.find(unless, i))
                    and (only_if.is_empty or ctx.find(only_if, i))
                    and rule.outside_vetoes(turns[i].text, [(0, len(turns[i].text), "")], i)]
            if read:
                p, i = max(read)
                return self.result(
                    Status.MISSED,
                    f"No listed wording, but the {std.speaker}'s turn {i + 1} reads as "
                    f"{label} by the {self.model_name} model ({p:.2f}, from {bar:.2f}): "
                    f"{quote(turns[i].text, 60)}.",
                    evidence=[ctx.whole_turn(j, EvidenceRole.TONE, label,
                                             score=round(q, 4)) for q, j in sorted(read)[::-1]])
        return self.result(Status.MET, f"Checked {std.window.describe(std.speaker)} "
                           f"({len(indices)}) and found nothing prohibited.")


def model_reading(standard: ForbidSpec, annotator: Annotator) -> tuple[str, float] | None:
    """(label, threshold) of the standard's turn model when the annotator scores it: the spec's
    `min`, else the model's own threshold for the label. None: no model, or not loaded."""
    spec = standard.model
    if spec is None:
        return None
    for model in getattr(annotator, "turn_models", ()):
        if getattr(model, "name", None) == spec.name and spec.label in model.labels:
            bar = spec.min if spec.min is not None else model.thresholds[spec.label]
            return spec.label, float(bar)
    return None


def model_score(ctx: Context, index: int, label: str) -> float:
    """The turn's score on a turn model's label (0 when the turn was not scored)."""
    scores = ctx.annotations[index].tone
    return 0.0 if scores is None else float(scores.get(label, 0.0))


_WORD = re.compile(r"[\w'’]+")
#: What reports another's words before them: "when you say it's", "you called it (a)", "you
#: described it as", "what you mean by", "you said the app was" (to the phrase, in its sentence).
_REPORTING = re.compile(
    r"\byou(?:['’]ve| have)?[ \t]+(?:say|said|says|call|called|describe|described|mean[ \t]+by|"
    r"wrote|write|mention|mentioned)\b(?:[ \t]+(?:it|its|that|thats|this|them|they|(?:the|your|our)"
    r"[ \t]+[\w'’-]+))?(?:['’]s|['’]re|[ \t]+(?:is|was|are|were|being))?"
    r"(?:[ \t]+as)?(?:[ \t]+(?:a|an))?[ \t]*[\"'“‘]?[ \t]*\Z"
    # (round 30) ... or what a third party said to the customer, told back: "he said pain in
    # the arse to you", "she called you a what" (the words from the verb on must be the
    # customer's own, `_reported`)
    r"|\b(?:he|she|they|someone|somebody)[ \t]+(?:said|called[ \t]+you|told[ \t]+you)"
    r"(?P<between>(?:[ \t]+[\w'’-]+){0,4})[ \t]*[\"'“‘]?[ \t]*\Z"
    # (round 25) ... or marked as the customer's own words: "the update is, in your words,
    # bullshit", "as you put it, cowboys", "the phone system is quote a piece of shit"
    r"|\b(?:in[ \t]+your[ \t]+(?:own[ \t]+)?words|as[ \t]+you[ \t]+put[ \t]+it|"
    r"to[ \t]+quote[ \t]+you|quote(?:[ \t]+unquote)?(?:[ \t]+[\w'’-]+){0,4})"
    r"[ \t]*[,:]?[ \t]*[\"'“‘]?[ \t]*\Z",
    re.IGNORECASE)


def _echoed(ctx: Context, index: int, start: int, end: int) -> bool:
    """Whether the words at text[start:end] of turn `index`, with the two words after them,
    are another speaker's words from earlier in the conversation: a name said back, not said
    ("my damn good coffee subscription" / "the damn good coffee is set to ..."; not "this damn
    app keeps crashing" / "this damn app is a nightmare", "shut up and refund me" / "shut up
    and listen"). A phrase near the end of its sentence or the turn is the speaker's own."""
    turns = ctx.transcript.turns
    text = turns[index].text
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    # (round 34) ... or said in a sentence that grants the customer's point, their word taken
    # up: "You're right, two hours with no reply is crap service and I'm sorry" to "This is
    # crap service honestly", "Fair point, it has been crap on that route" to "the wifi is
    # absolute crap"
    if _AGREEING.search(text, _sentence_start(text, start), start) is not None:
        return _said_before(ctx, index, words)
    after = re.match(r"[ \t]*([\w'’]+)[ \t]+([\w'’]+)", text[end:])
    if after is None:
        return False
    return _said_before(ctx, index, [*words, after.group(1).lower(), after.group(2).lower()])


#: What grants the other speaker's point, searched in the sentence before the words it echoes:
#: "You're right,", "I agree,", "fair enough,".
_AGREEING = re.compile(r"(?i)\b(?:you(?:['’]re| are) (?:(?:completely|totally|absolutely|quite|"
                       r"so|dead) )?right|(?:i|we) (?:completely |totally |fully )?agree|agreed|"
                       r"fair (?:point|enough))\b")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position `at` of `text` begins: after the last ".", "!", "?"
    or line break before it."""
    return max(text.rfind(c, 0, at) for c in ".!?\n") + 1


def _reported(ctx: Context, index: int, start: int, end: int) -> bool:
    """Whether the words at text[start:end] of turn `index` report what another speaker said
    before, right after a verb of saying: "When you say it's crap, is it the login ..." to a
    customer who called the app crap (not "you said it's fine but it's crap": the words are
    the speaker's own unless the other speaker used them)."""
    text = ctx.transcript.turns[index].text
    if (m := _REPORTING.search(text, _sentence_start(text, start), start)) is None:
        return False
    between = (m.group("between") or "").lower()
    return _said_before(ctx, index, _WORD.findall(between)
                        + [w.lower() for w in _WORD.findall(text[start:end])])


def _said_before(ctx: Context, index: int, phrase: list[str]) -> bool:
    """Whether another speaker said the words of `phrase` (lower case), in a row, in a turn
    before turn `index`."""
    turns = ctx.transcript.turns
    speaker, n = turns[index].speaker, len(phrase)
    for turn in turns[:index]:
        if turn.speaker == speaker:
            continue
        words = [w.lower() for w in _WORD.findall(turn.text)]
        if n and any(words[k:k + n] == phrase for k in range(len(words) - n + 1)):
            return True
    return False
