"""`check: respond` -- each trigger (a complaint, say) is answered within N of the speaker's turns.

Options: `trigger` (`speaker`, default customer; `what`, for explanations; a `match` rule and/or
a `tone` threshold `{label, min}`; a `tone_unless` rule whose words overrule the score),
`response` (`within_turns`, default 2; a `match` rule; an optional act `classifier` fallback),
`expect`. Not applicable when nothing triggers; the score is the share of triggers answered.
Evidence: each trigger and its answer.

    - id: empathy_on_complaint
      check: respond
      title: Show empathy when the customer is upset
      trigger: {what: frustration or a complaint, match: {phrase_lists: [frustration]},
                tone: {label: frustrated, min: 0.8}}
      response: {within_turns: 2, match: {phrase_lists: [apology_empathy]}}
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from csnlp.detectors.base import Context, Detector, turn_list
from csnlp.detectors.registry import register
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import IDENT, ClassifierSpec, RuleSpec, SpecModel, StandardBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from csnlp.nlp.pipeline import Annotator, Span
    from csnlp.nlp.rules import CompiledRule


class ToneTrigger(SpecModel):
    label: Annotated[str, Field(pattern=IDENT)]
    min: Annotated[float, Field(ge=0, le=1)]
    #: Turns with fewer words than this are not judged by the score alone, unless they carry
    #: emphasis ("!!", "?!", an emoji): a model reads a word or two ("too", "so today", ASR
    #: fragments) with little evidence and overconfidently. Such a turn still triggers
    #: through the rule's phrases.
    min_words: Annotated[int, Field(ge=1)] = 1


class TriggerSpec(SpecModel):
    speaker: Literal["agent", "customer"] = "customer"
    #: What a trigger is, in a few words, for explanations ("frustration or a complaint").
    what: str = "a trigger"
    match: RuleSpec = RuleSpec()
    tone: ToneTrigger | None = None
    #: A turn this rule matches is not a trigger by its tone score alone: the words say what
    #: a model misreads, such as praise holding complaint words ("no issues at all, great
    #: job") or a feeling denied ("I'm not angry, just ..."). A `match` of the rule still
    #: triggers.
    tone_unless: RuleSpec = RuleSpec()
    #: A turn the watched speaker's very next turn answers with this rule (the agent owning a
    #: fault: "sorry about that", "apologies for the trouble", "that's frustrating") is a
    #: trigger too: the agent itself read a grievance in it, as a reviewer reading the reply
    #: would ("there's 140 in roaming charges on my bill" / "oh no, I'm sorry about that").
    #: Such a trigger is answered by that reply, so it turns "nothing triggered" into met and
    #: never adds a miss. Not read this way: turns of fewer than `acknowledged_min_words`
    #: words ("17 May" / "sorry, I misheard"), plain answers to the agent ("no that's all
    #: thank you"), and turns the `acknowledged_unless` rule matches (a misfortune that is
    #: nobody's fault: "my husband passed away last month" / "I'm so sorry about that").
    acknowledged_by: RuleSpec = RuleSpec()
    acknowledged_min_words: Annotated[int, Field(ge=1)] = 4
    acknowledged_unless: RuleSpec = RuleSpec()

    @model_validator(mode="after")
    def _something(self) -> TriggerSpec:
        if self.match.is_empty and self.tone is None and self.acknowledged_by.is_empty:
            raise ValueError("a trigger needs a match rule, a tone threshold or an "
                             "acknowledged_by rule")
        return self


class ResponseSpec(SpecModel):
    within_turns: Annotated[int, Field(ge=1)] = 2
    match: RuleSpec
    classifier: ClassifierSpec | None = None
    #: Sympathy for a loss ("I'm so sorry for your loss", "my condolences"): in a conversation
    #: where a customer turn tells a misfortune (the trigger's `acknowledged_unless` rule: "my
    #: mother passed away"), a `match` inside it answers only such a turn, not a grievance about
    #: something else ("your cancellation form crashed three times" / "Again, my condolences
    #: about your mother").
    condolence: RuleSpec = RuleSpec()
    #: An apology only for a wait ("sorry for the wait in the queue today", "apologies for the
    #: delay with your delivery"): a `match` inside it answers only a trigger turn the
    #: `wait_named` rule matches (the customer spoke of time: waiting, a delay, lateness), not
    #: a grievance about something else (being hung up on, a torn sofa). Nor does the
    #: classifier read a reply whose only `match` is inside it.
    wait_apology: RuleSpec = RuleSpec()
    #: What makes a trigger turn about time (searched in the trigger speaker's turns).
    wait_named: RuleSpec = RuleSpec()


class RespondSpec(StandardBase):
    """Each trigger (e.g. a complaint) must be answered (e.g. with empathy) within N turns."""

    check: Literal["respond"] = "respond"
    trigger: TriggerSpec
    response: ResponseSpec
    expect: str = ""

    def main_rule(self) -> RuleSpec:
        return self.response.match

    def rule_speaker(self, path: str) -> str:
        # (acknowledged_by is looked for in the watched speaker's reply)
        if ((path.startswith("trigger.") and path != "trigger.acknowledged_by")
                or path == "response.wait_named"):
            return self.trigger.speaker
        return self.speaker


def _trigger_hits(ctx: Context, std: RespondSpec, rule,
                  calm) -> list[tuple[int, Evidence, bool]]:
    """(turn index, evidence, by tone alone) of each trigger turn: a `rule` match, or a tone
    score over the bar in a turn the `calm` rule (the trigger's `tone_unless`) does not
    match."""
    hits = []
    turns = ctx.transcript.turns
    for i in ctx.turns_of(std.trigger.speaker):
        spans = [] if rule.is_empty else ctx.find(rule, i)
        if spans and ("\n" in turns[i].text or turns[i].text.lstrip()[:8].lower() == "subject:"):
            spans = [sp for sp in spans if not _carried_over(turns[i].text, sp[0])]
        if spans:
            hits.append((i, ctx.evidence(i, spans[0], role=EvidenceRole.TRIGGER), False))
            continue
        tone = std.trigger.tone
        scores = ctx.annotations[i].tone
        text = ctx.transcript.turns[i].text
        if (tone and scores and scores.get(tone.label, 0.0) >= tone.min
                and ((ctx.annotations[i].n_words >= tone.min_words
                      and not _plain_answer(ctx, i))
                     or _EMPHASIS.search(text))
                and (calm.is_empty or not ctx.find(calm, i))):
            hits.append((i, ctx.whole_turn(i, EvidenceRole.TRIGGER, tone.label,
                                            score=scores[tone.label]), True))
    return hits


#: A line a reply carries over from the thread: its "Subject: RE: ..." line, or a line quoted
#: from an earlier message ("> I need to confirm the duplicate ...").
_CARRIED_LINE = re.compile(r"(?i)[ \t]*(?:>|subject:[ \t]*(?:re|fwd?|aw|sv)[ \t]*:)")
#: Where a reply's quoted message begins: "-----Original Message-----", "On Mon, 3 May, Ana
#: <ana@x.com> wrote:".
_QUOTED_FROM = re.compile(r"(?im)^[ \t]*(?:-{2,}[ \t]*original message[ \t]*-{2,}|"
                          r"on [^\n]{1,100} wrote:)[ \t]*$")


def _carried_over(text: str, at: int) -> bool:
    """Whether the words at `at` lie on a line the message carries over (`_CARRIED_LINE`):
    the subject of the thread replied to ("Subject: RE: Charged twice for annual plan") or a
    quotation ("> ...", or anything after "-----Original Message-----" / "On Monday, Ana
    wrote:"), not the customer saying it again."""
    start = text.rfind("\n", 0, at) + 1
    if _CARRIED_LINE.match(text, start) is not None:
        return True
    quoted = _QUOTED_FROM.search(text, 0, at)
    return quoted is not None


def _acknowledged_hits(ctx: Context, std: RespondSpec, owned, unless,
                       found: list[tuple[int, Evidence, bool]], wait_apology: CompiledRule,
                       wait_named: CompiledRule) -> dict[int, tuple[Evidence, tuple[int, Span]]]:
    """Trigger-speaker turns no other way found that the watched speaker's turn right after
    answers with the `owned` rule (the trigger's `acknowledged_by`): turn index -> (trigger
    evidence, the answer: that reply's index and span). A reply that only says sorry for a
    wait (`wait_apology`) reads no grievance in a turn that says nothing of time
    (`wait_named`): "the sofa has a tear" / "apologies for the delay with your delivery"."""
    turns = ctx.transcript.turns
    seen = {i for i, _, _ in found}
    hits = {}
    for i in ctx.turns_of(std.trigger.speaker):
        if (i in seen or i + 1 >= len(turns) or turns[i + 1].speaker != std.speaker
                or ctx.annotations[i].n_words < std.trigger.acknowledged_min_words):
            continue
        spans = ctx.find(owned, i + 1)
        if spans and _timeless(ctx, i, wait_apology, wait_named):
            spans = _outside(spans, ctx.find(wait_apology, i + 1))
        if not spans or _plain_answer(ctx, i) or (not unless.is_empty and ctx.find(unless, i)):
            continue
        hits[i] = (ctx.whole_turn(i, EvidenceRole.TRIGGER, "acknowledged"), (i + 1, spans[0]))
    return hits


def _timeless(ctx: Context, index: int, wait_apology: CompiledRule,
              wait_named: CompiledRule) -> bool:
    """Whether a sorry only for a wait (`wait_apology`) cannot answer trigger turn `index`:
    the standard has such a rule and the turn says nothing of time (`wait_named`)."""
    return not wait_apology.is_empty and not ctx.find(wait_named, index)


#: A turn opening on a plain "no" ("no", "nope", "not really", "no thanks").
_NO = re.compile(r"^\W*(?:(?:um|uh|er|oh|erm)\W+)?(?:no|nope|nah|not really|not at all|not yet|"
                 r"no thanks|no thank you)\b(?!\s+(?:one|body|way|idea)\b)", re.IGNORECASE)

#: A turn opening on a plain "yes" or an acknowledgement ("yeah the app's showing it too",
#: "okay... it's gone off now", "lovely, I'll book online tonight then"): the customer answers
#: the agent's check or takes in its answer.
_YES = re.compile(r"^\W*(?:(?:um|uh|er|oh|erm|ah)\W+)?(?:yes|yeah|yep|yup|yea|ok|okay|right|sure|"
                  r"lovely|great|perfect|brilliant|cool|alright|all right)\b(?!\W+(?:right|"
                  r"fine|great|perfect|brilliant|lovely)\b)", re.IGNORECASE)


def _plain_answer(ctx: Context, index: int) -> bool:
    """Whether the turn answers the other speaker's turn right before it with a plain "no"
    ("nope, the back door is open"), a plain "yes" ("yeah it's white now") or a few words
    answering its question: a "no" opening a turn of a few words, a "yes" one of a few more.
    A tone model reads such answers as displeasure (0.8-0.9 frustrated): they are judged by
    the score only when they carry emphasis ("!!", an emoji); a complaint in them still
    triggers through the rule. A "yes" echoed in sarcasm ("great, just great", "right, fine")
    is read by its score."""
    turns = ctx.transcript.turns
    if index == 0 or turns[index - 1].speaker == turns[index].speaker:
        return False
    text = turns[index].text
    words = ctx.annotations[index].n_words
    if words <= _PLAIN_NO_WORDS and (m := _NO.match(text)):
        return (_NOT_PLAIN.search(text, m.end()) is None
                and _NOT_PLAIN_NO.search(text, m.end()) is None)
    if words <= _PLAIN_YES_WORDS and (m := _YES.match(text)):
        return not _grievance(text, m.end())
    # the details the agent asked for ("could you confirm your date of birth and postcode?" /
    # "the fourth of June 1966, and it's CF10 3NB"): an answer of data, whatever its length
    if words <= _DETAILS_WORDS and _DETAILS_ASKED.search(turns[index - 1].text) and \
            _only_the_answer(text):
        return True
    # (round 34) a reference read out, letter by letter and number by number, whatever was
    # asked just before ("Here we are. D, R, four, four, one, nine, zero, two.")
    if words <= _DETAILS_WORDS and _read_out(text) and _only_the_answer(text):
        return True
    # a few words answering the agent's question ("the oat milk" to "which item?", "they sent
    # one in euros" to "did your supplier send one?"), not its opening "how can I help?"
    if words > _ANSWER_WORDS or _ASKS.search(turns[index - 1].text) is None:
        return False
    asker = ctx.turns_of(turns[index - 1].speaker)
    if asker and asker[0] >= index - 1:
        return False  # the agent's opening question
    return _only_the_answer(text)


#: A word of a reference read out: a single letter or digit group, or a number's word.
_READ_OUT_WORD = re.compile(
    r"(?i)[a-z]|\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|double|triple")


def _read_out(text: str) -> bool:
    """Whether most of a turn's words (four or more of them, and two in three) read out a
    reference: single letters, digits, numbers' words."""
    words = re.findall(r"[^\W_]+", text)
    said = sum(1 for w in words if _READ_OUT_WORD.fullmatch(w))
    return said >= 4 and 3 * said >= 2 * len(words)


def _only_the_answer(text: str) -> bool:
    """Whether an answer (details, or a few words) says nothing more: no grievance
    (`_grievance`), no state that a "no" would deny ("not working"), no details given before
    ("same as I gave your colleague")."""
    return (not _grievance(text) and _NOT_PLAIN_NO.search(text) is None
            and _GIVEN_BEFORE.search(text) is None)


#: What makes a short "no" or "yes" more than an answer: "nope, still not fixed", "no, total
#: waste of my time", "yeah but it took three weeks", "yes, been waiting since Monday", "yeah
#: it is, i've been passed around like four times already"; a loss in a "yes" of sarcasm
#: ("great, so I lose another day off. brilliant.").
_NOT_PLAIN = re.compile(r"\b(?:never|still|again|waste|wasted|useless|joke|worse|worst|broken|"
                        r"ridiculous|rubbish|sick|fed up|but|though|since|waiting|waited|"
                        r"whatever|seriously|already|times|another|lose|losing|lost)\b",
                        re.IGNORECASE)

def _grievance(text: str, start: int = 0) -> bool:
    """Whether `text` (from `start`) says more than an answer (`_NOT_PLAIN`); "again" after a
    state back to normal is no grievance ("yeah the light's white again", "working again"),
    unless the state is denied ("it stopped working again", "isn't showing again")."""
    for m in _NOT_PLAIN.finditer(text, start):
        if m.group(0).lower() != "again":
            return True
        window = max(0, m.start() - _BEFORE_AGAIN)
        state = _BACK_TO_NORMAL.search(text, window, m.start())
        if state is None and not _FAULT.search(text, start, m.start()):
            # back on, up, in: "the site is up again", "the power's on again", "I can get in
            # again" (not "the error is back again", "playing up again", "log in again")
            state = _BACK_COPULA.search(text, window, m.start())
        if state is None or _STATE_DENIED.search(
                text, max(0, state.start() - _BEFORE_AGAIN), state.start()):
            return True
    return False


#: How far before "again" its state word is looked for (the word and the space before it): a
#: bounded window, not the turn from its start once per "again".
_BEFORE_AGAIN = 24


#: What a customer sees when the problem is gone, just before "again": a state that means the
#: fault is gone ("working", "back online", "back on"), not one a fault is in or comes back
#: to ("the error is back again", "it's playing up again", "I have to log in again").
_BACK_TO_NORMAL = re.compile(
    r"\b(?:working|works|online|fine|normal|okay|ok|connected|reconnected|running|loading|"
    r"showing|white|green|blue|back (?:on|up|in))\W+$", re.IGNORECASE)

#: ... or back on, up or in after "is" or "get" ("the site is up again", "the power's on
#: again", "I can get in again", "it's back again"), when the turn names no fault (`_FAULT`).
_BACK_COPULA = re.compile(
    r"(?:\b(?:is|are|was|were|come|comes|came|got|get|gets|went)|['’](?:s|re))\W+"
    r"(?:(?:all|now|finally|properly)\W+)?(?:back\W+)?(?:up|on|in|back)\W+$", re.IGNORECASE)
#: A fault named before "again": its coming back is the grievance ("the error is back again").
_FAULT = re.compile(
    r"\b(?:error|errors|warning|warnings|problem|problems|issue|issues|fault|faults|bug|bugs|"
    r"crash|crashes|message|pop-?up|alert|alarm|noise|leak|outage|glitch|red light|flashing)\b",
    re.IGNORECASE)

#: A state denied or ended just before it: "it stopped working again", "not showing again",
#: "isn't really working again" (not "don't worry, working again": a comma ends the denial).
_STATE_DENIED = re.compile(
    r"(?:\bnot|n['’]t|\bstopped|\bstops|\bno longer|\bnever|\bquit)\s+(?:[\w'’]+\s+)?$",
    re.IGNORECASE)

#: The agent asking for details: an answer of names, dates and numbers is no complaint. The
#: agent checks or verifies them ("can I check your postcode?"); the customer asked to check
#: something does a task, and gives no details ("can you check your email for the link?").
_DETAILS_ASKED = re.compile(
    r"\b(?:(?:can|could|may|might) (?:i|you|we) (?:please |just )?(?:take|have|get|grab|confirm|"
    r"give me|tell me|spell|read|go through)|(?:can|could|may|might) (?:i|we) (?:please |just )?"
    r"(?:check|verify)|what(?:'s| is| was) (?:your|the)|"
    r"(?:please )?(?:confirm|spell|give me|read me|tell me)) (?:(?:your|the|me|for me|that|"
    r"full|first|last|sur|account|order|booking|policy|card|member(?:ship)?|customer|holder'?s?)"
    r"\s+){0,4}(?:name|date of birth|dob|birthday|post ?code|zip(?: code)?|address|e-?mail|"
    r"(?:phone|mobile|account|order|booking|policy|card|reference|member(?:ship)?|customer|"
    r"serial|registration) (?:number|reference|ref)|reference|ref|registration|first line|"
    r"security (?:answer|question)|details)\b", re.IGNORECASE)

#: A details answer is a few words and numbers ("the fourth of June 1966, and it's CF10 3NB").
_DETAILS_WORDS = 16
#: Details said to have been given before ("same as I gave your colleague yesterday", "which I
#: already gave the last person", "for the third time, it's 4471"): a repeat contact in the
#: answer, read by the tone model like any other turn.
_GIVEN_BEFORE = re.compile(
    r"\b(?:already|same (?:as|one) (?:i|the|last|before|your)|last person|your colleague|"
    r"(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|(?:gave|told|given|said|sent|"
    r"provided)\b[^.?!\n]{0,40}?\b(?:before|yesterday|earlier|last (?:time|week|month)|"
    r"twice|(?:three|four|five) times))\b", re.IGNORECASE)


#: ... and, after a "no", a success denied: "no it isn't working", "nope, not sorted".
_NOT_PLAIN_NO = re.compile(r"\b(?:working|works|fixed|sorted|happy|acceptable|good enough)\b",
                           re.IGNORECASE)


#: A plain "no" answer is short: a longer turn after "no" says more ("no just honestly forty
#: minutes of hold music nearly drove me mad"), and its score is read.
_PLAIN_NO_WORDS = 8

#: A "yes" takes a few more words to report what the customer sees ("yeah it's white now and
#: the speed test says two hundred").
_PLAIN_YES_WORDS = 12


#: An answer to the agent's question is a few words ("the oat milk", "they sent one in euros").
_ANSWER_WORDS = 6

#: A question, marked or, in speech recognised without punctuation, asked: "could you refresh
#: the portal and tell me what it says", "is it showing now".
_ASKS = re.compile(r"\?|\b(?:can|could|would|will|do|did|does|have) you\b|\btell me\b|"
                   r"^\W*(?:is|are|does|did|has|have) (?:it|that|the|this|they)\b", re.IGNORECASE)


#: Emphasis that makes even a one-word turn readable by tone: "!!", "?!", an emoji.
_EMPHASIS = re.compile("[!?]{2,}|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _answered_before(ctx: Context, replies: list[int], index: int,
                     answers: Callable[[int], list[Span]],
                     said: list[int]) -> tuple[int, Span] | None:
    """The response in the watched speaker's turn right before a trigger turn, if it answered
    something the trigger's speaker said before it (`said`: that speaker's turns).

    Only for a trigger read from the tone alone: the customer still sounds upset in the turn
    after the agent's apology ("it's my son, he's had a fever since Saturday" after "you must
    be worn out"; "she's fine, just a bit of blood" after "oh no, I'm so sorry, is she
    okay?"), the same grievance, already answered, whether or not its first telling was read
    as one. A complaint the rule finds is new content and needs its own answer; an opening
    "sorry for the wait" answered nothing. `answers`: the response's spans in a turn."""
    before = [j for j in replies if j < index]
    if not before or not said or said[0] > before[-1]:
        return None
    # praise said as a sentence of its own, in a turn read as upset, is sarcasm at what the
    # apology's turn said ("Wonderful. Another 6 weeks." after "... around 6 more weeks"): a
    # new grievance, not the old one still told
    if _SARCASTIC_PRAISE.search(ctx.transcript.turns[index].text):
        return None
    # (round 39) a grievance added to the first, opening on "and" or "also" with a new subject
    # ("and the bar queue at the interval was forty minutes"): new content, not the old one
    # still told ("and it's still not working" is)
    if _ANOTHER_GRIEVANCE.match(ctx.transcript.turns[index].text):
        return None
    spans = answers(before[-1])
    return (before[-1], spans[0]) if spans else None


#: The trigger labels of a complaint about the service (something that went wrong: "rung
#: twice", "been promised a call back that never came"), not an emotion that may be the
#: loss's own ("I'm devastated", a `service_failure` pattern too).
_GRIEVANCES = ("pattern:complaint", "pattern:thanks_for_harm", "regex:")


def _outside(spans: list[Span], others: list[Span]) -> list[Span]:
    """The `spans` that overlap none of the `others`."""
    return [s for s in spans if not any(s[0] < o[1] and o[0] < s[1] for o in others)]


#: A turn adding another grievance: "and" or "also" opening it, then a new subject (not "it",
#: "that", "still": the same one told on).
_ANOTHER_GRIEVANCE = re.compile(
    r"\A\W*(?:(?:oh|um|uh|er)\W+)?(?:and(?:\W+(?:also|then|plus))?|also|plus|on\s+top\s+of\s+"
    r"(?:that|this|it)|another\s+thing|not\s+only\s+that)\W+(?:(?:um|uh|er)\W+)?"
    r"(?:the|your|my|our|then|another|when|they|he|she|nobody|no\s+one|none)\b", re.IGNORECASE)


#: Praise as a sentence of its own, opening or closing a turn: "Wonderful.", "Oh great.",
#: "Brilliant!" (not "Great, thanks", "Perfect, that works").
_SARCASTIC_PRAISE = re.compile(
    r"(?:\A\W*|[.!?][ \t]+)(?:oh[ ,]+|just[ ,]+|really[ ,]+)?(?:wonderful|great|brilliant|"
    r"fantastic|perfect|lovely|marvell?ous|terrific|super|excellent|awesome|splendid|fabulous)"
    r"(?:[.!]+(?![ \t]*(?:thank|thx|cheers|ta\b))|\Z)", re.IGNORECASE)


@register("respond")
class RespondDetector(Detector[RespondSpec]):
    """Each trigger turn must be answered by the watched speaker within N of its turns."""

    spec = RespondSpec

    def __init__(self, standard: RespondSpec, annotator: Annotator) -> None:
        super().__init__(standard, annotator)
        self.check_classifier(standard.response.classifier)

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        trigger = self.rule("trigger.match")
        triggers = _trigger_hits(ctx, std, trigger,
                                 self.rule("trigger.tone_unless"))
        response = self.rule("response.match")
        wait_apology, wait_named = (self.rule("response.wait_apology"),
                                    self.rule("response.wait_named"))
        # a trigger the agent's reply acknowledged is answered by that reply
        owned: dict[int, tuple[Evidence, tuple[int, Span]]] = {}
        if not std.trigger.acknowledged_by.is_empty:
            owned = _acknowledged_hits(ctx, std, self.rule("trigger.acknowledged_by"),
                                       self.rule("trigger.acknowledged_unless"), triggers,
                                       wait_apology, wait_named)
            triggers = sorted(triggers + [(i, ev, False) for i, (ev, _) in owned.items()],
                              key=lambda hit: hit[0])
        if not triggers:
            return self.not_applicable(f"No {std.trigger.speaker} turn showed "
                                       f"{std.trigger.what}.")
        replies = ctx.turns_of(std.speaker)
        evidence: list[Evidence] = []
        missed: list[int] = []
        said = ctx.turns_of(std.trigger.speaker)
        # in a conversation where the customer told a loss, sympathy for it answers the loss
        # told, not a grievance about something else
        condolence = self.rule("response.condolence")
        loss = self.rule("trigger.acknowledged_unless")
        bereaved = not condolence.is_empty and any(ctx.find(loss, k) for k in said)
        for i, trig, by_tone in triggers:
            after = [j for j in replies if j > i][: std.response.within_turns]
            # (a turn that tells the loss is no grievance, unless what made it a trigger is a
            # complaint beside the loss: "the funeral director says they haven't had anything
            # from you and i've rung twice already")
            grievance = bereaved and (not ctx.find(loss, i) or (not by_tone and any(
                label.startswith(_GRIEVANCES) for _s, _e, label in ctx.find(trigger, i))))

            # (a complaint that says nothing of time is not answered by a sorry for the wait)
            timeless = _timeless(ctx, i, wait_apology, wait_named)

            def answers(j: int, grievance: bool = grievance, timeless: bool = False
                        ) -> list[Span]:
                spans = ctx.find(response, j)
                if grievance:
                    spans = _outside(spans, ctx.find(condolence, j))
                return _outside(spans, ctx.find(wait_apology, j)) if timeless else spans

            answer = owned[i][1] if i in owned else next(
                ((j, s) for j in after for s in answers(j, timeless=timeless)), None)
            # (a turn read as upset by its tone alone, right after a sorry for the wait, is
            # still read as the grievance that sorry answered; but a sorry only for the wait
            # that left an earlier grievance unanswered, none told speaking of time, answers
            # nothing: "down since 6am, 3rd outage" / "sorry for the slow reply" / "3pm?! my
            # whole day gone")
            if answer is None and by_tone:
                # (`missed` holds only earlier triggers: they are judged in order)
                unanswered = bool(missed) and all(
                    _timeless(ctx, k, wait_apology, wait_named) for k in said if k < i)
                answer = _answered_before(ctx, replies, i,
                                          partial(answers, timeless=unanswered), said)
            evidence.append(trig)
            if answer:
                evidence.append(ctx.evidence(*answer, role=EvidenceRole.RESPONSE))
            elif likely := self.classified(ctx, std.response.classifier, [
                    j for j in after if not (grievance and ctx.find(condolence, j))
                    and not (timeless and ctx.find(wait_apology, j))], response):
                evidence.append(likely)
            else:
                missed.append(i)
        share = 1 - len(missed) / len(triggers)
        what = self.expected("a response")
        shown = f"{std.trigger.speaker} turn(s) showing {std.trigger.what}"
        if not missed:
            return self.result(Status.MET, f"All {len(triggers)} {shown} "
                               f"({turn_list([i for i, _, _ in triggers])}) were answered with "
                               f"{std.expect or 'a response'} within "
                               f"{std.response.within_turns} {std.speaker} turns.",
                               score=share, evidence=evidence)
        return self.result(
            Status.MISSED, f"{len(missed)} of {len(triggers)} {shown} "
            f"({turn_list(missed)}) were not answered with {what} in the {std.speaker}'s next "
            f"{std.response.within_turns} turns.", score=round(share, 6), evidence=evidence)
