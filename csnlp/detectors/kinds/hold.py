"""`check: hold` -- a hold is asked for or explained first, and the customer thanked after.

A hold is an agent turn matching `hold`, or (with `silence_seconds`, default 30; null turns it
off) a silence that long after an agent turn or after the agent's wait request the customer
answered ("let me check" / "sure" / silence: `csnlp.metrics.holds`), or after a customer turn
when the agent ends it thanking the customer for waiting or, in a call, saying sorry for being
away ("sorry, I was looking at the account"), or when the customer ends it asking whether
anyone is there (the hold then starts at the agent's turn before the silence; dead air the
agent does not account for is a slow reply, response_time's). Untimed (`untimed_holds`), the order
of the turns shows a hold: the agent's next message follows its own with no customer reply
between (or only the customer's "sure" to the wait), after it said it would go and check, or
opening with thanks for the wait, or after the customer's "hello? are you there?". A silence
the customer asked for ("hang on, let me find the letter") is not a hold; a silence after an
agent's "okay" is, when the agent ends it or the customer asks whether anyone is there. Hold
words are no hold in a timed turn that goes on to the answer with no pause in it or around it
("one moment... yes, it went through yesterday"). Hold turns with no other agent turn between
them are one hold ("can you hold?" / "okay" / "bear with me, it's loading"): asked for if any
of them asks, thanked after the last. Options: `hold`, `ask_or_explain` (looked for in the
hold turns) and `thanks` (in the next `thanks_within_turns`, default 2, agent turns), each a
rule. Not applicable without a hold; the score is the share of holds handled well.

    - id: hold_etiquette
      check: hold
      title: Ask before a hold and thank after
      hold: {phrase_lists: [hold]}
      ask_or_explain: {phrase_lists: [hold_ask_or_explain]}
      thanks: {phrase_lists: [hold_thanks]}
      silence_seconds: 30
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from csnlp.detectors.base import Context, Detector, may_hold, turn_list
from csnlp.detectors.registry import register
from csnlp.metrics import holds as timed_holds
from csnlp.metrics import silences
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase

if TYPE_CHECKING:
    from csnlp.nlp.pipeline import CompiledRule, Span


class HoldSpec(StandardBase):
    """A hold must be asked for or explained first and the customer thanked afterwards."""

    check: Literal["hold"] = "hold"
    hold: RuleSpec
    ask_or_explain: RuleSpec
    thanks: RuleSpec
    thanks_within_turns: Annotated[int, Field(ge=1)] = 2
    #: A silence this long (seconds) after an agent turn also counts as a hold.
    silence_seconds: Annotated[float, Field(gt=0)] | None = 30.0
    #: In a timed typed conversation (metadata `channel` chat, e-mail, social, ...), hold words
    #: the agent's next message follows sooner than this asked for no hold: the pause was
    #: typing ("just a sec" and the answer 15 s later). Calls keep any pause (a spoken "one
    #: second" is a hold, however short).
    typed_min_wait_seconds: Annotated[float, Field(ge=0)] | None = 30.0
    #: Without timings, read holds from the order of the turns (a chat or e-mail thread, an
    #: untimed transcript): the agent's message after its own with no customer reply between,
    #: when the first ends saying it will go and check (`ask_or_explain`) or the second opens
    #: thanking the customer for waiting; or the agent's message after the customer asked
    #: whether anyone is there. The hold starts at the agent's earlier message.
    untimed_holds: bool = True

    def main_rule(self) -> RuleSpec:
        return self.hold


@register("hold")
class HoldDetector(Detector[HoldSpec]):
    """Every hold (hold words, or a long silence after an agent turn) is asked for or explained
    first, and the customer is thanked for waiting afterwards."""

    spec = HoldSpec

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        hold, ask, thanks = self.rule("hold"), self.rule("ask_or_explain"), self.rule("thanks")
        agent_turns = ctx.turns_of(std.speaker)
        letters = _asynchronous(ctx)  # e-mail, SMS, social: no chase makes a hold
        holds: dict[int, Evidence] = {}
        for i in agent_turns:
            if spans := ctx.find(hold, i):
                # the hold words of a thanks for the wait are not a new hold ("thanks for
                # bearing with me")
                for_wait = ctx.find(thanks, i)
                spans = [sp for sp in spans
                         if not any(a < sp[1] and sp[0] < b for a, b, _ in for_wait)]
                if spans and not self._no_wait(ctx, i, agent_turns) and \
                        not self._answered_at_once(ctx, i, spans[-1][1], ask, agent_turns):
                    holds[i] = ctx.evidence(i, spans[0], role=EvidenceRole.HOLD)
        silent = ([] if std.silence_seconds is None
                  else silences(ctx.transcript, std.silence_seconds, gaps=ctx.gaps))
        if std.silence_seconds is not None:
            gaps = [(before, seconds) for before, seconds in silent
                    if not self._customer_paused(ctx, before)]
            # the agent's last turn before the silence may be a backchannel ("okay") when the
            # agent is the one who speaks after it (not the customer back from a task)
            heard = set(ctx.heard_turns(std.speaker))
            turns = ctx.transcript.turns
            for before, seconds in gaps:
                prev = before - 1
                if self._customer_answers(ctx, before, letters, ask, seconds):
                    continue
                # (a backchannel, then the customer's "hello? are you still there?": the
                # customer was left waiting on the agent)
                if prev not in holds and (prev in agent_turns or (
                        prev in heard and (turns[before].speaker == std.speaker
                                           or _prompted(turns[before].text)))):
                    holds[prev] = ctx.whole_turn(prev, EvidenceRole.HOLD, "silence",
                                                 seconds=seconds)
            for timed_hold in timed_holds(ctx.transcript, std.silence_seconds, gaps=ctx.gaps):
                j = timed_hold["request_turn"]
                if self._customer_paused(ctx, timed_hold["before_turn"]) or \
                        self._customer_answers(ctx, timed_hold["before_turn"], letters, ask):
                    continue
                # (round 39) the customer speaks on both sides of the silence, not to ask
                # whether anyone is there: their own time ("Now it's restarting." / 47 s /
                # "Right, it's back on"), not the agent's wait
                after_turn, before_turn = timed_hold["after_turn"], timed_hold["before_turn"]
                if (turns[after_turn].speaker != std.speaker
                        and turns[before_turn].speaker != std.speaker
                        and ctx.annotations[after_turn].n_words > _ACK_WORDS
                        and not _prompted(turns[before_turn].text)):
                    continue
                if j in agent_turns and j not in holds:
                    holds[j] = ctx.whole_turn(j, EvidenceRole.HOLD, "timed_hold",
                                              seconds=timed_hold["seconds"])
            # A long silence after the customer's turn that the agent ends by thanking the
            # customer for waiting was a hold by the agent's own account ("thanks for your
            # patience"), unannounced or not: it starts at the agent's turn before the silence.
            # So was one, in a call, that the agent ends saying sorry for being away ("sorry,
            # I was just looking at the account", "sorry, system's slow today"), or that the
            # customer ends asking whether anyone is there. Otherwise it is a slow reply,
            # response_time's to judge (issue 13: hold and response time are apart).
            agent_set = set(agent_turns)
            spoken = not _typed(ctx)
            for before, seconds in gaps:
                if before in agent_set:
                    if not ctx.find(thanks, before) and not (
                            spoken and _AWAY.match(turns[before].text)):
                        continue
                elif not (before >= 1 and turns[before - 1].speaker != std.speaker and (
                        (spoken and _prompted(turns[before].text))
                        or (not letters and _may_ask_presence(turns[before].text)
                            and _chased(turns[before].text)))):
                    continue
                start = max((j for j in agent_turns if j < before - 1), default=None)
                if start is None or start in holds or any(start < h < before for h in holds):
                    continue
                if before not in agent_set and _ASKS_CUSTOMER.search(turns[start].text):
                    continue  # the customer went to do what the agent asked, then came back
                if _TRANSFER.search(turns[start].text):
                    continue  # a transfer's queue, announced
                holds[start] = ctx.whole_turn(start, EvidenceRole.HOLD, "silence",
                                              seconds=seconds)
        # hold music logged as the agent's turn ("[hold music]", "(on hold)"): a hold that
        # starts at the agent's turn before it, asked for there or not
        for i in ctx.spoken_turns(std.speaker):
            if _HOLD_TAG.fullmatch(ctx.transcript.turns[i].text.strip()):
                start = max((j for j in agent_turns if j < i), default=None)
                if start is not None and start not in holds:
                    holds[start] = ctx.whole_turn(i, EvidenceRole.HOLD, "hold_music")
        if std.untimed_holds:
            for i, label in self._untimed_holds(ctx, agent_turns, ask, thanks, letters):
                if i not in holds:
                    holds[i] = ctx.whole_turn(i, EvidenceRole.HOLD, label)
        if not holds:
            return self.not_applicable("There is no hold in this conversation.")
        evidence: list[Evidence] = []
        problems: list[str] = []
        # (a silence after an agent backchannel makes that turn a hold turn too)
        # (an update that the wait goes on, "sorry, still searching, just another minute", is
        # the same hold, not a new one after the silence before it)
        continued = {i for i in holds if _STILL_WAITING.search(ctx.transcript.turns[i].text)
                     and not ctx.find(thanks, i)}
        episodes = _episodes(sorted(holds), sorted(set(agent_turns) | holds.keys()),
                             {before for before, _ in silent} - continued)
        bad = 0
        for n, episode in enumerate(episodes):
            evidence.extend(holds[i] for i in episode)
            asked = (next(((i, s) for i in episode for s in ctx.find(ask, i)), None)
                     or _asked_just_before(ctx, episode[0], agent_turns, holds, ask))
            if asked:
                evidence.append(ctx.evidence(*asked, role=EvidenceRole.ASK))
            # the thanks comes back with the customer, before the next hold begins: "okay,
            # it's in Frankfurt, can I put you on hold again?" thanks nobody for the first
            until = episodes[n + 1][0] if n + 1 < len(episodes) else len(ctx.transcript.turns)
            after = [j for j in agent_turns
                     if episode[-1] < j <= until][: std.thanks_within_turns]
            thanked = next(((j, s) for j in after for s in ctx.find(thanks, j)), None)
            if thanked:
                evidence.append(ctx.evidence(*thanked, role=EvidenceRole.THANKS))
            i = episode[0]
            bad += not (asked and thanked)
            if not asked:
                problems.append(f"the hold in turn {i + 1} was not asked for or explained")
            if not thanked:
                problems.append(f"the customer was not thanked for waiting after turn "
                                f"{episode[-1] + 1}")
        score = 1 - bad / len(episodes)
        if not problems:
            starts = turn_list([e[0] for e in episodes])
            return self.result(Status.MET, f"{len(episodes)} hold(s) ({starts}) were explained "
                               "first and the customer thanked afterwards.",
                               evidence=evidence)
        return self.result(Status.MISSED, "; ".join(problems).capitalize() + ".",
                           score=round(score, 6), evidence=evidence)

    def _untimed_holds(self, ctx: Context, agent_turns: list[int], ask: CompiledRule,
                       thanks: CompiledRule, letters: bool) -> list[tuple[int, str]]:
        """Holds the order of untimed turns shows (`untimed_holds`), as (agent turn where the
        hold starts, evidence label): the agent writes again after saying it will go and check
        and how long for ("let me look into it, it'll take a few minutes"; a plain "let me
        look" followed by the answer is no wait the customer notices), with nothing between
        or only the customer's short yes to the wait ("sure", "fine"); or it writes again,
        with nothing between, opening with thanks for the wait ("Thanks for waiting! The
        refund is done ..."); or it answers the customer's "hello? are you still there?" (not
        after its opening, before the customer said more than hello: the problem, then
        "hello??", is a slow first reply). `letters`: the conversation is one of letters
        (`_asynchronous`)."""
        turns = ctx.transcript.turns
        out: list[tuple[int, str]] = []
        for a, b in pairwise(agent_turns):
            if turns[a].start is not None and turns[b].start is not None:
                continue  # timed: the silences tell
            # (the agent's own noise or backchannel between is no reply: "<unk>", "mm")
            between = [k for k in range(a + 1, b) if turns[k].speaker != self.standard.speaker]
            # the customer's last word only asks whether anyone is there, or one of theirs
            # chases with how long they have waited ("are you still there?? been 10 min"; not
            # in letters: e-mail, SMS, social)
            if between and ((_may_ask_presence(turns[b - 1].text) and _PRESENCE.fullmatch(
                    turns[b - 1].text.strip())) or (not letters and any(
                        _may_ask_presence(turns[k].text) and _chased(turns[k].text)
                        for k in between))):
                # (not after the agent's opening, "how can I help?", said before the customer
                # said more than hello: the customer's problem then "hello??" is a slow first
                # reply, not a hold)
                if a != agent_turns[0] or any(not _GREETING.fullmatch(turns[k].text.strip())
                                              for k in range(a)):
                    out.append((a, "prompted"))
                continue
            text = turns[a].text
            asks = ctx.find(ask, a)
            # no wait announced, and no thanks for it after the customer's yes: no hold either
            # way (the wait's length is read only then, below)
            if not asks and between and not ctx.find(thanks, b):
                continue
            # the customer agreed to wait ("sure", "fine", "go ahead") and the agent came back
            if any(not _CONSENT.fullmatch(turns[k].text.strip()) for k in between):
                continue
            sentences = _sentences(text) if asks else []  # once per turn, not per ask
            if any((wait := _the_wait(text, start, end, sentences)) is not None
                   and _WAIT_CUE.search(wait) and _GOING_TO.search(wait)
                   for start, end, _ in asks):
                out.append((a, "announced"))
            elif (not between or (_WAIT_CUE.search(text) and (
                    _GOING_TO.search(text) or _WOULD_OR_CAN.search(text)))) and any(
                    _opens(turns[b].text, start, end) for start, end, _ in ctx.find(thanks, b)):
                # (after "ok thanks", a closing's thanks: no hold; after the customer's yes, a
                # thanks for the wait opening the agent's answer when the agent spoke of one:
                # "it takes a minute or so, is it all right to hold?" / "yes" / "thank you for
                # holding, ...")
                out.append((a, "thanked"))
        return out

    def _customer_answers(self, ctx: Context, before: int, letters: bool, ask: CompiledRule,
                          seconds: float = 0.0) -> bool:
        """Whether the silence before turn `before` is the customer's: the agent spoke right
        before it and the customer ends it, after a question ("Can you see it in your app
        yet?" / 40 s / "yes, it's there") or in a typed channel, where the time before a
        reply is the customer reading, acting and typing; not where that reply only asks whether
        anyone is there after `_TYPED_PROMPT_SECONDS` or more (`seconds`) and the agent's turn
        before was a bare acknowledgement or said it would go and check (`ask`) ("Got it." /
        three minutes / "hello??": the customer was left waiting; "Sent to your email." left
        nobody waiting). `letters`: the conversation is one of letters (`_asynchronous`), where
        no chase makes a hold."""
        turns = ctx.transcript.turns
        if not (before >= 1 and turns[before].speaker != self.standard.speaker
                and turns[before - 1].speaker == self.standard.speaker):
            return False
        if "?" in turns[before - 1].text:
            return True
        text, said = turns[before].text, turns[before - 1].text
        if not _typed(ctx):
            # spoken: the agent asked the customer to do something ("can you unplug the router
            # ... and tell me when the lights settle", "Go to Settings ... and find the one you
            # deleted"), said no wait of its own, and the customer ends the silence back from
            # it, not asking whether anyone is there
            # (round 35) or gave something to try, and the customer ends the silence telling
            # how it went ("... the new code is 4471." / 32 s / "It opened!")
            return ((_TELLS_CUSTOMER.search(said) is not None or _TRIED.match(text) is not None)
                    and not ctx.find(ask, before - 1)
                    and not _prompted(text) and not _ASKS_HOW_IT_WENT.match(text))
        waiting = (seconds >= _TYPED_PROMPT_SECONDS and _may_ask_presence(text)
                   and _prompted(text) and not letters
                   and ((ctx.annotations[before - 1].n_words <= _ACK_WORDS
                         and not _DONE.search(said))
                        or bool(ctx.find(ask, before - 1))))
        return not waiting

    def _no_wait(self, ctx: Context, i: int, agent_turns: list[int]) -> bool:
        """Whether the hold words of agent turn `i` led to no hold: the customer declined it
        ("I'd rather not, my signal drops", "can you just stay on?", "can you call me back
        instead?"), or, in a timed typed conversation, the agent's next message came sooner
        than `typed_min_wait_seconds` after it."""
        turns = ctx.transcript.turns
        if i + 1 < len(turns) and turns[i + 1].speaker != self.standard.speaker and \
                _DECLINED.search(turns[i + 1].text):
            return True
        text = turns[i].text
        # the agent will call back: the customer waits off the line ("give me ten minutes or so
        # and I'll call you back")
        if _CALLBACK.search(text):
            return True
        # "hold" answering the customer's question ("do I press it or hold it?" / "hold"; "do I
        # tap it or keep it pressed down?" / "Hold.")
        if i > 0 and _BARE_HOLD.fullmatch(text) and turns[i - 1].speaker != self.standard.speaker \
                and ("hold" in turns[i - 1].text.lower() or "?" in turns[i - 1].text
                     or " or " in turns[i - 1].text.lower()):
            return True
        least = self.standard.typed_min_wait_seconds
        if least is None or not _typed(ctx):
            return False
        nxt = next((j for j in agent_turns if j > i), None)
        latest = turns[i].end if turns[i].end is not None else turns[i].start
        resumed = turns[nxt].start if nxt is not None else None
        if latest is None or resumed is None:
            return False
        # (round 27) a short wait the agent still thanks the customer for, opening its very
        # next message ("One moment please while I pull up the booking." / 12 s / "Thanks for
        # waiting! Found it."; not a closing's "thanks for your patience today" after the
        # customer's reply) was a hold
        return resumed - latest < least and not (
            nxt == i + 1 and any(_opens(turns[nxt].text, start, end)
                                 for start, end, _ in ctx.find(self.rule("thanks"), nxt)))

    def _answered_at_once(self, ctx: Context, i: int, hold_end: int, ask: CompiledRule,
                          agent_turns: list[int]) -> bool:
        """Whether the hold words of timed turn `i` (ending at character `hold_end`) led to no
        wait: the agent goes on in the same turn with no reason to wait ("one moment... yes,
        it went through yesterday"; not "one moment while I look"), the turn is no longer than
        its words take to say, and no silence comes before it (a hold it speaks of: "sorry I
        had you on hold there") or after it before the agent speaks again. Untimed, or with
        room for a pause, the hold stands."""
        turns = ctx.transcript.turns
        turn = turns[i]
        if turn.start is None or turn.end is None or len(turn.text[hold_end:].split()) < 3:
            return False
        if turn.end - turn.start - _SECONDS_PER_WORD * len(turn.text.split()) >= _BREATH_SECONDS:
            return False
        if any(start >= hold_end for start, _, _ in ctx.find(ask, i)):
            return False
        nxt = next((j for j in agent_turns if j > i), len(turns))
        for j in range(max(i, 1), min(nxt + 1, len(turns))):
            start, end = turns[j].start, turns[j - 1].end
            if start is None or end is None or start - end >= _BREATH_SECONDS:
                return False
        return True

    def _customer_paused(self, ctx: Context, before: int) -> bool:
        """Whether the silence before turn `before` is one the customer asked for ("hang on,
        it's in the kitchen", "one sec, let me find the letter"): their last turn before it,
        at most one agent turn back ("no problem"), asks the agent to wait (not "sure, I
        don't mind waiting", which agrees to the agent's hold), or the agent's turn before it
        tells them to take their time."""
        turns = ctx.transcript.turns
        for j in (before - 1, before - 2):
            if j < 0:
                return False
            if turns[j].speaker != self.standard.speaker:
                return _CUSTOMER_WAIT.search(turns[j].text) is not None
            if _TAKE_YOUR_TIME.search(turns[j].text):
                return True  # the agent waits for the customer ("no rush, take your time")
        return False


#: An agent back mid-hold to say the wait goes on (round 27): "sorry, it's still searching. Just
#: another minute, please", "nearly there, bear with me a little longer", "the block's still
#: going through" (not "still there?", the customer's).
_STILL_WAITING = re.compile(
    r"(?i)\b(?:(?:is|it[’']?s|it is|the \w+[’']?s|system[’']?s|still)\s+(?:still\s+)?(?:searching|"
    r"loading|processing|going through|running|thinking|updating|checking|working on it)|"
    r"(?:just |only )?(?:another|one more|a few more|a couple more|two more) (?:minute|moment|"
    r"second|sec|min)s?\b|(?:nearly|almost) (?:there|done)\b|a (?:little|bit|tiny bit) longer)")
#: A transcription tag that logs a hold: "[hold music]", "(on hold)", "[caller placed on hold]",
#: "[on hold for 2 minutes]" (not "[music]": a queue's music, before any agent)
_HOLD_TAG = re.compile(r"(?i)[\[<(][^\]>)\n]{0,40}\bhold\b[^\]>)\n]{0,40}[\]>)]")
#: Saying a word takes at least this long (150 words a minute is brisk), so a timed turn that
#: lasts longer than its words need by `_BREATH_SECONDS` or more holds a pause.
_SECONDS_PER_WORD = 0.4
#: A pause shorter than this is no hold: the agent only drew breath.
_BREATH_SECONDS = 3.0
#: An agent waiting while the customer does something.
_TAKE_YOUR_TIME = re.compile(
    r"\b(?:take your time|no rush|no hurry|whenever you'?re ready|let me know when|"
    r"go ahead(?=\W*$|\W+i'?ll (?:just )?(?:stay|wait|hang))|i'?ll (?:just )?(?:stay on the line|"
    r"hang on(?=\W*$)|wait(?=\W*$|\W+(?:for you|until you|while you)))|"
    r"give it (?:a"
    r"|an|another|a few|a couple of|two|five|ten|thirty) ?(?:sec|secs|second|seconds|min|mins|"
    r"minute|minutes|moment|moments|mo))\b",
    re.IGNORECASE)
#: Filler adverbs and light verbs between "let me" and the act ("let me just quickly grab it",
#: "I'll go and get it", "let me run and fetch it"), up to three of them.
_FILLERS = r"(?:(?:just|quickly|quick|really|go|and|run|nip|pop|dash|first)\s+){0,3}"
#: A customer asking the agent to wait while they do something.
_CUSTOMER_WAIT = re.compile(
    r"\b(?:hold on|hang on|bear with me|one sec(?:ond)?|gimme a sec|give me (?:a|one) "
    r"(?:sec|second|minute|moment|mo)|just a (?:sec|second|minute|moment)|(?:let me|"
    r"i (?:need|have|got) to|i'?ll (?:just )?(?:go(?: and)?|have to)) " + _FILLERS +
    r"(?:find|get|grab|go|look|check|fetch|dig)|"
    r"doing (?:it|that) now|brb|be right back|back in a (?:sec|second|min|minute|moment|mo|bit)|"
    # what they are doing, under way, announced: "okay restarting now", "rebooting it now" (not
    # the fault told: "the router keeps switching off now")
    r"(?:^\W*|\b(?:ok|okay|right|yeah|yes|sure|alright|fine|um|uh)\W+)(?:i'?m\s+)?"
    r"(?:restarting|rebooting|resetting|unplugging|switching|turning|logging|plugging|updating|"
    r"installing|fetching|grabbing|getting|finding|looking|checking)(?: (?:it|that|the \w+|off|on|"
    r"in|out|back|up|for it))* now|"
    # the thing is elsewhere, so they go for it: "right it's in my coat downstairs"
    r"(?:it[’']?s|it is|they[’']?re|they are)\s+(?:in|on|up|down|out)\b[^.?!]{0,25}\b(?:upstairs|"
    r"downstairs|hallway|hall|kitchen|coat|bag|car|drawer|wallet|purse|bedroom|garage|other room))"
    r"\b", re.IGNORECASE)


#: The agent promising to call the customer back, or to send the outcome ("give me 48 hours to
#: look into it and I'll email you"): no wait on the line.
_CALLBACK = re.compile(
    r"(?i)\b(?:(?:call|ring|phone) you back|(?:i|we)(?:'?ll| will) "
    r"(?:e-?mail|text|message|write to) you|"
    r"you'?ll (?:get|receive) (?:an? )?(?:e-?mail|text|message|sms|letter))\b")
#: A turn that is only "hold" ("Hold.", "ok hold", "hold please").
_BARE_HOLD = re.compile(r"(?i)\W*(?:(?:ok|okay|right|just|please)\W+)?hold(?:\W+please)?\W*")
#: A customer turning a hold down ("I'd rather not", "no, please don't put me on hold").
_DECLINED = re.compile(
    r"\b(?:(?:i'?d|i would) rather (?:(?:not|you didn'?t)(?= *(?:[.!,]|$| be (?:put|on hold)| hold"
    r"| wait| if\b))|stay on)|(?:i'?d|i would) prefer (?:not|"
    r"you didn'?t|to stay)|please don'?t (?:put|hold)|can'?t (?:hold|stay on hold)|"
    r"(?:don'?t|do not) (?:put|place) me on hold|(?:no|not) (?:time|able) to (?:hold|wait)|"
    r"(?:don'?t|do not) (?:want|have time) to (?:hold|wait|be on hold)|"
    # (round 27) a bare "please don't", said alone or after a no ("No, please don't. I've got a
    # meeting", "no no please don't she's bleeding"; not "please don't be long", "no please
    # don't cancel it", "please don't rush", "please don't, email is fine")
    r"please (?:don'?t|do not)(?=\s*(?:[.!;]|$))|\bno\W+(?:no\W+)?please (?:don'?t|do not)"
    r"(?=\s*(?:[.!,;]|$|(?:i|i'?m|i'?ve|i'?d|she'?s|he'?s|it'?s|we|we'?re|my|just|thanks|thank)\b))|"
    r"(?:can|could|would) you (?:just |please )?(?:stay on(?: the line)?|(?:call|ring|phone) me"
    r" back)|(?:call|ring|phone) me back (?:instead|later)|rather (?:you )?(?:call|ring) me back)"
    r"\b", re.IGNORECASE)
#: A customer turn that only asks whether the agent is still there (the agent went quiet).
_PRESENCE = re.compile(
    r"(?i)[^\w]*(?:(?:hel+o+|hi|hey|um+|uh+|sorry)[^\w]*)*(?:(?:are |r )?(?:you|u|ya) (?:still )?"
    r"(?:there|around|with me|on the line)|can you (?:still )?hear me|(?:is )?(?:any ?one|"
    r"any ?body|some ?one)(?: still)?(?: there)?|still there)[\s?!.…]*"
    r"|[^\w]*(?:hel+o+ *\?[\s?!.…,]*)+")
#: Words one of `_PRESENCE`'s forms ends on: a cheap test of a customer turn first.
_PRESENCE_WORDS = ("there", "around", "with me", "on the line", "hear", "one", "body", "hel")


def _may_ask_presence(text: str) -> bool:
    """Whether `_PRESENCE` may match `text`: it holds a word every form of it needs."""
    return may_hold(text, _PRESENCE_WORDS)


#: An agent back from a silence, opening its turn sorry for being away: "sorry, I was just
#: looking at the account", "sorry about the wait", "sorry to keep you", "apologies, the
#: system's slow today" (not "sorry to hear that, it's taken too long", "apologies for the
#: delay with your delivery", "sorry, are you still looking for it?").
_AWAY = re.compile(
    r"(?i)\W*(?:(?:yes|yeah|yep|okay|ok|right|hi|hello|so|um|uh|oh)\W+){0,3}"
    r"(?:(?:i[’']?m\s+|i am\s+)?(?:so\s+|very\s+|really\s+)?sorry|apologies|"
    r"i\s+(?:do\s+)?apologi[sz]e)\W+"
    r"(?:(?:about|for)\s+(?:the\s+|that\s+)?(?:wait|delay|hold|silence|long pause)\b"
    r"(?!\s+(?:with|on|in|of)\b)"
    r"|to keep you|(?:i|we) (?:was|were) (?:just\s+)?(?:looking|checking|pulling|reading|"
    r"searching|on)|(?:the\s+|my\s+|our\s+)?(?:system|screen|computer)|(?:that|it) took)")
#: How long the customer says they have waited, after asking whether anyone is there: "been 10
#: min", "it's been 7 minutes", "been sitting here 10 minutes now", "over an hour".
_WAITED = re.compile(
    r"(?i)(?:(?:it[’']?s|its|it has|i[’']?ve|ive|i have|we[’']?ve|we have)\s+)?(?:been\s+)?"
    r"(?:(?:sitting|waiting|stuck|hanging|sat)(?:\s+(?:here|around|on here))?\s+)?(?:for\s+)?"
    r"(?:over\s+|nearly\s+|almost\s+|like\s+|about\s+|a good\s+)?"
    r"(?:\d+|an?|one|two|three|five|ten|fifteen|twenty|thirty|half an?)\s*"
    r"(?:min|mins|minutes?|hours?|hrs?)(?:\s+(?:now|already|here|and counting))?[\s?!.…,]*")


def _chased(text: str) -> bool:
    """Whether a customer turn chases an agent gone quiet, saying how long they have waited
    as they ask whether anyone is there ("are you still there?? been 10 min", "hello? anyone
    there? been sitting here 10 minutes", "been 10 min, are you still there?"); a bare
    "hello?" is `_prompted`'s."""
    text = text.strip()
    if "sorry" in text.lower():
        return False
    asked = _PRESENCE.match(text)
    if asked is not None and asked.group().strip():
        return _WAITED.fullmatch(text[asked.end():].strip()) is not None
    # ... the wait first: "been 10 min, are you still there?"
    waited = _WAITED.match(text)
    return (waited is not None and bool(waited.group().strip())
            and _PRESENCE.fullmatch(text[waited.end():].strip()) is not None)


def _prompted(text: str) -> bool:
    """Whether a customer turn that ends a silence only asks whether anyone is there
    (`_PRESENCE`), not saying sorry: one that goes on ("Hello? Right, it's 0 4 4 7 1") or
    apologises ("sorry, you still there?") is the customer back from a task of their own."""
    text = text.strip()
    return _PRESENCE.fullmatch(text) is not None and "sorry" not in text.lower()


#: An agent turn asking the customer to do or fetch something ("could you go and look at the
#: router?", "I'll need the long number on your card"): a silence after it is theirs.
_ASKS_CUSTOMER = re.compile(
    r"(?i)\b(?:could|can|would|will) you\b|\bplease\b|\bi(?:[’']ll| will)? need\b|\bgo and\b|"
    r"\bhave a look\b|\b(?:grab|fetch|find)\b")
#: ... said as a request or an order to the customer, in a call ("can you unplug the router",
#: "Go to Settings ... and find the one you deleted"; not the agent's own work, "okay i can find
#: that for you", "i'll need to go into the archive", nor a request to wait, "please hold").
_TELLS_CUSTOMER = re.compile(
    r"(?i)\b(?:could|can|would|will) you\b(?! (?:please )?(?:hold|bear|wait|hang|stay))|"
    r"\bplease\b(?! (?:hold|bear|wait|hang|stay|bare))|(?:\A|[.!?,]\s+)(?:(?:okay|ok|right|great|"
    r"so|now|first|then|and)\W+)*(?:go|open|unplug|plug|switch|turn|press|tap|click|restart|"
    r"reboot|read|type|enter|log|sign|scroll|select|hit|grab|fetch)\b")
#: A customer's return telling how what they tried went: "It opened!", "ok that's worked",
#: "right it's connected now".
_TRIED = re.compile(
    r"(?i)\W*(?:(?:ok(?:ay)?|right|yes|yep|yeah|great|brilliant|oh|ah|ooh)\W+)*"
    r"(?:it|that|they|this)(?:['’]s|\s+is|\s+has|['’]ve|\s+have)?\s+(?:now\s+|just\s+)?"
    r"(?:opened|worked|works|working|connected|unlocked|loaded|gone\s+through|come\s+on|"
    r"come\s+through|started|back\s+on)\b")
#: A customer's return asking how the agent's search went: "any joy?", "any news", "any luck".
_ASKS_HOW_IT_WENT = re.compile(
    r"(?i)\W*(?:(?:so|and|um|uh|er|hello|hi)\W+)*any (?:joy|news|luck|update)\b")
#: An agent turn announcing a transfer: the queue after it is no unannounced hold.
_TRANSFER = re.compile(
    r"(?i)\b(?:put(?:ting)? you through|transfer(?:ring)? you|transferring|connect(?:ing)? you|"
    r"pass(?:ing)? you (?:over|on))\b")
#: What a turn asking for a hold speaks of: the hold, the wait, its length (or a transfer,
#: `_TRANSFER`).
_WAIT_WORDS = re.compile(r"\b(?:hold|holding|wait|waiting|minutes?|moments?|seconds?|secs?)\b",
                         re.IGNORECASE)
#: The most words of a customer's consent to a hold ("Sure", "Go ahead", "yes that's fine").
_CONSENT_WORDS = 4
#: The most words of an agent's acknowledgement before a silence ("Got it.", "Checking now.").
_ACK_WORDS = 3
#: ... not one that says the thing is done ("Sent.", "All sorted.", "Done, refund issued.").
_DONE = re.compile(r"(?i)\b(?:done|sent|sorted|issued|fixed|completed?|resolved|refunded|"
                   r"cancell?ed|booked|updated|processed|approved)\b")
#: In a typed conversation, the least silence before "hello??" that left the customer waiting
#: on the agent (a minute is typing and reading).
_TYPED_PROMPT_SECONDS = 120.0
#: A customer turn that only greets ("hi", "hello there", "good morning").
_GREETING = re.compile(
    r"(?i)[^\w]*(?:(?:hi|hiya|hello|hey|heya|good (?:morning|afternoon|evening|day)|howdy|yo)"
    r"(?: there| all)?[^\w]*)+")
#: How long a wait is: said with an announced check, it makes the check a wait.
_WAIT_CUE = re.compile(
    r"(?i)\b(?:minutes?|mins?|moments?|momento|attimo|mo|secs?|seconds?|tick|jiffy|shortly|"
    r"(?:a|little) while|"
    r"a bit|bear with|hang on|hold on|hang tight|be long|"
    # (round 37) a written wait till the answer comes: "... and update this ticket as soon as I
    # have an answer", "I'll update you by Friday" (the agent's next message brings it)
    r"as soon as (?:i|we) (?:have|hear|know|get)|"
    r"(?:update|come back to|get back to|let) you (?:know )?(?:by|tomorrow|later|once|when)|"
    r"(?:up to|about|around|roughly|within) (?:\d+|a|an|one|two|three|a few|24|48|72) "
    r"(?:hours?|days?|working days?))\b")
#: The agent saying it will go and do something itself, or is doing it now ("I'm
#: recalculating now, this takes about a minute").
_GOING_TO = re.compile(
    r"(?i)\b(?:let me|let us|let'?s|i'?ll|i will|i'?m going to|i am going to|we'?ll|we will|"
    r"(?:i['’]?m|i am|we['’]?re|we are) (?:just |now |currently )?"
    r"(?!(?:going|seeing|hearing|noticing|getting|having|showing|guessing|thinking|hoping|"
    r"assuming|wondering|saying|telling|asking|reading|finding|expecting)\b)"
    r"(?:re-?)?[a-z]{3,}ing\b|"
    r"i'?ll need|i need|we need|"
    r"we'?re going to|give (?:me|us)|allow (?:me|us)|while (?:i|we)|"
    # (round 37) the wait asked of the customer: "would you mind bearing with us for up to two
    # days while finance reviews it?"
    r"(?:mind|could you|can you|would you|if you could) (?:bear(?:ing)? with|wait(?:ing)?|"
    r"hold(?:ing)?))\b")
#: The agent saying what it would like to do first ("I'd like to look through the history") or
#: can do ("I can restore it from our backup right now, it takes about a minute, okay?"): with
#: a wait's length, a hold only when the agent comes back thanking the customer for it (not
#: "I'd like to check a few details with you, it takes a minute. OK?" / "sure" / "what's your
#: date of birth?")
_WOULD_OR_CAN = re.compile(r"(?i)\b(?:i|we)(?:(?:'?d| would) like to| can)\b")
#: A customer's short yes to a wait: "sure", "fine", "ok go ahead", "ya whatever", "no rush".
_CONSENT = re.compile(
    r"(?i)[^\w]*(?:(?:yes|yeah|ya|yep|yup|ok|okay|k|sure|fine|alright|all right|go ahead|go on|"
    r"no problem|no worries|np|of course|that'?s fine|whatever|sure thing|cool|please|pls|"
    r"no rush|no hurry|take your time|happy to wait|i'?ll wait|i can wait|"
    r"claro|vale|d'accord|va bene|certo|"
    r"thanks|thank you|ty)[^\w]*){1,4}")
#: A sentence: anything up to and with its closing marks (the last may have none).
_SENTENCE = re.compile(r"[^.!?;:]*(?:[.!?;:]+|$)")
#: A question about the wait itself: "Ok to wait?", "Could you hold for a moment?", "can you
#: give me a couple of minutes?", "Is it ok if I come back to you here?", "is that alright?".
_WAIT_QUESTION = re.compile(
    r"(?i)\b(?:wait|waiting|hold|holding|bear with|hang on|hang tight|come back|get back|"
    r"back to you|give (?:me|us)|allow (?:me|us)|(?:ok|okay|alright|all right|fine) (?:to|if|with)|"
    r"(?:is|that|this|it)(?:['’]s)? (?:be )?(?:ok|okay|alright|all right|fine))\b"
    r"|^\W*(?:ok|okay|alright|all right|fine|cool)\W*$")
#: Fillers opening a sentence about the wait ("Right, it'll be a minute", "Sorry, I'll be back
#: shortly").
_WAIT_OPENER = r"^\W*(?:(?:ok|okay|right|alright|so|and|but|now|then|sorry|thanks|just|please)\W+)*"
#: A sentence saying how long the wait is (with a `_WAIT_CUE`): the check takes it ("It'll be
#: about a minute.", "it may take me ten minutes or so", "Should take two minutes."), the agent
#: will be back or needs it ("I'll be back in a couple of minutes"), a bare length ("Two
#: minutes, tops.") or a plea to wait ("Just checking the tracer, bear with me."); not the
#: answer with a time in it ("It left the depot and will be with you shortly.").
_WAIT_SAID = re.compile(
    _WAIT_OPENER + r"(?:(?:it|this|that|which)(?:['’]ll| will| can| could| may| might| should|"
    r" shouldn['’]?t| won['’]?t| usually| normally| only| generally| often| does| just)*"
    r" (?:take|takes|taking|be)\b|(?:should|shouldn['’]?t|won['’]?t|will|might|may|can|could)"
    r"(?: only| just)? (?:take|be)\b|(?:i|we)(?:['’]ll| will| won['’]?t| shall| should| may| might|"
    r"['’]m going to| am going to|['’]re going to| are going to| need|['’]d need| would need)\b|"
    r"back\b|(?:about |around |roughly |only |another )?(?:a|an|one|two|three|four|five|ten|few|"
    r"couple|\d+)(?: (?:few|couple|of|more|or|to|two|three|five|\d+))* (?:min|mins|minute|"
    r"minutes|moment|moments|sec|secs|second|seconds|mo|tick|jiffy)\b)"
    r"|\b(?:bear with (?:me|us)|hang (?:on|tight)|hold on|please hold|hold the line)\b",
    re.IGNORECASE)


#: Courtesy about the wait: "Thanks for your patience.", "Appreciate your patience!", "Sorry
#: for the delay.", "I'll be as quick as I can.", "Please stay on the chat.", "please stay
#: with me", "Don't go anywhere!", "Sorry about this."
_WAIT_COURTESY = re.compile(
    r"(?i)\b(?:thanks?(?: you)?(?: so much| very much)? for (?:your |the )?(?:patience|waiting|"
    r"holding|bearing with (?:me|us)|understanding)|(?:i |we )?(?:really |do )?appreciate "
    r"(?:your|the) (?:patience|wait)|(?:i['’]m |we['’]re )?(?:so |very |really )?sorry "
    r"(?:for|about) (?:the |this |that )?(?:delay|wait|this|that)|(?:i|we)['’]ll be (?:as )?"
    r"(?:quick|fast|brief)(?: as (?:i|we) can)?|(?:please )?(?:stay|remain) (?:on|in) (?:the )?"
    r"(?:chat|line|call)|(?:please )?stay with (?:me|us)|don['’]?t go anywhere|"
    r"bear with (?:me|us))\b")


def _only_the_wait(sentence: str) -> bool:
    """Whether a sentence next to an announced check only speaks of the wait: a word or two
    ("Ok?"), a question about it ("Ok to wait?", "Could you hold for a moment?"), courtesy
    about it ("Thanks for your patience.", "Sorry for the delay.") or how long it takes
    ("It'll be about a minute."); not the answer, with a question or a time in it or not ("It
    was delivered on Monday, did you get the text?", "It arrives shortly.", "Thanks for your
    patience, the refund is done.")."""
    if len(re.findall(r"[\w'’]+", sentence)) < 2:
        return True
    if _WAIT_COURTESY.search(sentence):
        rest = _WAIT_COURTESY.sub(" ", sentence)
        if len(re.findall(r"[\w'’]+", rest)) < 2 or (
                _WAIT_CUE.search(rest) is not None and _WAIT_SAID.search(rest) is not None):
            return True
    if "?" in sentence:
        return _WAIT_QUESTION.search(sentence) is not None
    return _WAIT_CUE.search(sentence) is not None and _WAIT_SAID.search(sentence) is not None


def _sentences(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, only the wait) of each sentence of `text` (see `_only_the_wait`); a
    message's sign-off on lines of its own after its last sentence ("...; I'll update you by
    Friday.\n\nOdalys Ferreira\nClaims, Haven Insurance") goes on past nothing."""
    return [(a, b, _only_the_wait(m.group()) or (b == len(text) and _SIGN_OFF.fullmatch(
                m.group()) is not None))
            for m in _SENTENCE.finditer(text) if m.group().strip() for a, b in (m.span(),)]


#: A message's last lines that only sign it: a name, a team, a company, no sentence.
_SIGN_OFF = re.compile(r"[ \t]*\n\s*(?:[^\W\d][^\n.!?]{0,60}\n?){1,3}\s*")


def _the_wait(text: str, start: int, end: int,
              sentences: list[tuple[int, int, bool]] | None = None) -> str | None:
    """The words announcing a check at `start:end` and its wait: the sentence it starts in, with
    the sentences next to it that only speak of the wait ("One moment. Let me check. It'll
    take a minute."), or None when the turn goes on past them to the answer ("Let me check,
    one moment. It left the depot this morning."). `sentences` is `_sentences(text)`, worked
    out once per turn."""
    spans = _sentences(text) if sentences is None else sentences
    if not spans:
        return text[start:end]
    # (the sentence the check starts in: a pattern's optional last words may run past its
    # full stop, "take a minute. It")
    first = next((n for n, (_, b, _w) in enumerate(spans) if start < b), len(spans) - 1)
    if not all(wait for _, _, wait in spans[first + 1:]):
        return None
    while first > 0 and spans[first - 1][2]:
        first -= 1
    return text[spans[first][0]:spans[-1][1]]


def _opens(text: str, start: int, end: int) -> bool:
    """Whether the thanks at `start:end` opens `text` (at most three words before it: "Okay,
    thanks for waiting") and something follows it (not "Thank you for your patience. Bye."),
    more than a goodbye ("Thank you for your patience today, have a lovely evening": a
    closing's thanks, not one for a wait)."""
    return (len(text[:start].split()) <= 3 and len(re.findall(r"[\w'’]+", text[end:])) >= 4
            and not _only_a_goodbye(text[end:]))


#: A goodbye wish: "have a lovely evening", "enjoy the rest of your day", "take care", "bye".
_GOODBYE = re.compile(
    r"(?i)\b(?:(?:have|enjoy)(?: yourself)?(?: (?:the rest of (?:your|the)|a|an|the|your))?"
    r"(?: [\w'’]+){0,2} (?:day|evening|night|afternoon|morning|weekend|week|time|trip|flight|"
    r"journey|stay|holiday|holidays|vacation|one|rest|meal|visit|year)|take care|take it easy|"
    r"all the best|best wishes|good luck|safe travels|have fun|bye(?: for now| bye)?|good ?bye|"
    r"farewell|see you(?: soon| later)?|(?:talk|speak)(?: to you)? (?:soon|later)|"
    r"catch you (?:later|soon)|cheers|good ?night|stay safe|keep well)\b")
#: Words a goodbye comes with ("today, have a lovely evening now", "and take care again").
_GOODBYE_FILLER = re.compile(
    r"(?i)\b(?:today|tonight|again|so|very|much|now|then|and|please|too|all|once|both|also|"
    r"really|you|ok|okay)\b")


def _only_a_goodbye(text: str) -> bool:
    """Whether `text` (what follows a thanks) is only a goodbye wish, with fillers and at most
    one other word (a name: "Thanks for your patience, Omar, take care now")."""
    if not _GOODBYE.search(text):
        return False
    rest = _GOODBYE_FILLER.sub(" ", _GOODBYE.sub(" ", text))
    return len(re.findall(r"[\w'’]+", rest)) <= 1


#: Channels whose replies come hours apart by nature: a customer chasing there ("Hello? It's been
#: 3 hours.") is waiting for a reply, not on hold.
_ASYNC_CHANNELS = frozenset({"email", "e-mail", "mail", "social", "sms", "text", "ticket",
                             "twitter", "x", "facebook", "instagram", "letter", "review",
                             "forum", "community", "app_store", "appstore", "web_form",
                             "webform", "web form", "form", "contact_form"})
#: Channels typed, not spoken: the time between messages includes typing them (every channel
#: of letters, and the live typed ones: an app's or a messenger's chat).
_TYPED_CHANNELS = _ASYNC_CHANNELS | frozenset({
    "chat", "live chat", "livechat", "web chat", "webchat", "messaging", "whatsapp", "message",
    "in_app", "in-app", "in app", "app", "messenger", "dm", "telegram", "wechat", "line",
    "signal", "viber", "imessage", "rcs"})


def _asynchronous(ctx: Context) -> bool:
    """Whether the conversation is one of letters, not of turns (its metadata `channel`)."""
    channel = ctx.transcript.metadata.get("channel")
    return isinstance(channel, str) and channel.strip().lower() in _ASYNC_CHANNELS


def _typed(ctx: Context) -> bool:
    """Whether the conversation was typed (its metadata `channel`), not spoken."""
    channel = ctx.transcript.metadata.get("channel")
    return isinstance(channel, str) and channel.strip().lower() in _TYPED_CHANNELS


def _episodes(hold_turns: list[int], agent_turns: list[int],
              long_gaps: AbstractSet[int] = frozenset()) -> list[list[int]]:
    """Hold turns grouped into holds: no other agent turn between two turns of one hold, and
    no long silence (`long_gaps`: the turns after one) between them either: a hold that
    happened and ended ("thanks for holding ... what amount?" / silence) is not the next."""
    position = {t: n for n, t in enumerate(agent_turns)}
    out: list[list[int]] = []
    for i in hold_turns:
        if out and position.get(i, -1) - position.get(out[-1][-1], -9) == 1 and not any(
                out[-1][-1] < g <= i for g in long_gaps):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _asked_just_before(ctx: Context, start: int, agent_turns: list[int],
                       holds: dict[int, Evidence], ask: CompiledRule) -> tuple[int, Span] | None:
    """The ask in the agent's turn before a hold's first turn, when that turn speaks of a wait or
    a transfer (`_WAIT_WORDS`, `_TRANSFER`) and nothing but the customer's short consent comes
    between ("Is it okay if I put you on a short hold?" / "Sure" / "Thank you, back shortly." /
    105 s): the hold asked for, then begun (not another leave asked: "do you mind if i record
    this call" / "that's fine")."""
    prev = max((j for j in agent_turns if j < start), default=None)
    if prev is None or prev in holds:
        return None
    text = ctx.transcript.turns[prev].text
    if not (_WAIT_WORDS.search(text) or _TRANSFER.search(text)):
        return None
    if any(ctx.annotations[j].n_words > _CONSENT_WORDS for j in range(prev + 1, start)):
        return None
    spans = ctx.find(ask, prev)
    return (prev, spans[0]) if spans else None
