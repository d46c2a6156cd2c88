"""`check: require` -- met when a required phrase or pattern occurs in the speaker's window.

Options: `match` (a rule: phrase lists, phrases, token patterns, metadata templates,
`unless_regex` vetoes), `window` (`first_turns` or `last_turns`; all turns when absent),
`classifier` (an act of the act model as a fallback where the rule finds nothing), `expect`
(what the rule looks for, in a few words, for explanations), `tail_words` (a match that opens
its turn counts only with at most this many words after it: "Thank you. Your refund is on its
way." acknowledges and goes on with business), `not_applicable_if` (the conversation has
nothing for the standard to check, told by how the other speaker opens it: a customer who only
calls to give praise has no problem whose outcome could be checked), `outbound` (nor has a call
the agent opens with its own purpose, a reminder the customer only confirms). Evidence: every
match in the window, or the searched turns on a miss.

    - id: greeting
      check: require
      title: Greet the customer
      window: {first_turns: 2}
      match: {phrase_lists: [greetings]}
      classifier: {act: greeting}
      expect: a greeting
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic import Field

from csnlp.detectors.base import Context, Detector, quote, silent, turn_list
from csnlp.detectors.registry import register
from csnlp.nlp.names import in_lexicon, lexicon
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import ClassifierSpec, RuleSpec, SpecModel, StandardBase, WindowSpec

if TYPE_CHECKING:
    from csnlp.nlp.pipeline import Annotator, CompiledRule, Span


class OpeningSpec(SpecModel):
    """A conversation with nothing for the standard to check, told by how `speaker` opens it:
    `match` in one of their first `first_turns` turns, after nothing but a few words ("hi",
    "hello there"), and `unless` in none of their turns (a problem or a question after all)."""

    speaker: Literal["agent", "customer"] = "customer"
    first_turns: Annotated[int, Field(ge=1)] = 2
    match: RuleSpec
    unless: RuleSpec = RuleSpec()
    reason: str = Field(description="why the standard does not apply, as a sentence")


class OutboundSpec(SpecModel):
    """A conversation the speaker opens with its own purpose (`match` in their first
    `first_turns` turns, the speaker speaking first: "I'm calling to confirm your cleaning
    tomorrow", "Reminder of your appt on Tue") that the other speaker only answers: every turn
    of theirs a reply of `reply_max_words` words or fewer, with no question mark, that
    `replies` finds answering or acknowledging ("yep I'll be there", "Y", "No, that's fine";
    not "still no signal since friday"). They brought no problem or question whose outcome
    could be checked. Only where the standard is not met otherwise."""

    first_turns: Annotated[int, Field(ge=1)] = 1
    match: RuleSpec
    replies: RuleSpec = Field(description="what opens each of the other speaker's turns: a "
                              "yes, a no, an acknowledgement, an answer to who is speaking")
    reply_max_words: Annotated[int, Field(ge=1)] = 8
    reason: str = Field(description="why the standard does not apply, as a sentence")


class AfterSpec(SpecModel):
    """Where the speaker's matches start to count: from their first turn where `match` finds
    what a match must follow (the agent's fix or answer, which a check of the outcome follows;
    not a greeting's "is everything okay?" nor a detail asked before anything was done). Where
    it finds nothing, from their first turn after the other speaker's first (a question asked
    before the customer said anything cannot check their problem)."""

    match: RuleSpec
    stated: RuleSpec = Field(
        default_factory=RuleSpec, description="an outcome told as a state (\"That's 14.60 "
        "refunded\", \"has been assessed and approved\"): where `match` finds a turn, matches "
        "count from this one's first turn if it is earlier; it never starts the count alone (a "
        "state told late, \"that's cancelled\", does not shut out an earlier check)")
    promised: RuleSpec = Field(
        default_factory=RuleSpec, description="an act promised, not done (\"I'll send ...\", "
        "\"we will add ...\"): where it matches where each act `match` finds in the speaker's "
        "last turn begins, that turn is a promise made closing, not the act the checks before "
        "it follow")
    refers_back: RuleSpec = Field(
        default_factory=RuleSpec, description="before the act, a match counts where this "
        "matches inside it: a question about what the speaker just said (\"does that plan "
        "sound okay?\"), not about the trouble")
    arranged: RuleSpec = Field(
        default_factory=RuleSpec, description="a match counts wherever it comes before the end "
        "(before the act that books it, before a promise closing the call) where this matches "
        "from its start to its sentence's end: a question whether the arrangement suits "
        "(\"would thursday at ten suit your mother\") or how things went since an earlier fix")


class AnsweredSpec(SpecModel):
    """A check told by its answer, where its words do not tell: a turn of the speaker that
    `ask` finds asking (a question mark, or unpunctuated speech shaped as a question) and
    `unless` does not (an offer of more help, leave asked, a detail asked for), whose next turn
    by the other speaker `reply` finds reporting what they now see ("yep it says zero", "um
    yeah it's here", "just landed"): the customer went to look because they were asked."""

    ask: RuleSpec
    unless: RuleSpec = RuleSpec()
    reply: RuleSpec
    #: The speaker's next turn after the answer giving more steps to finish the fix ("Great.
    #: Follow the link and choose a new password"): the question was about an intermediate
    #: step (did the reset e-mail arrive?), not whether the problem is solved.
    steps: RuleSpec = RuleSpec()


class NameSpec(SpecModel):
    """A first name that nothing but itself says is one, ending the business's words in the
    speaker's first turn that says more than `lead` words: "tunewell pianos marcus", "Cabline,
    Drew.", "Reef and River Aquarium Services, Kai.", "hiya fabric and frame upholstery sage
    here". The word must be in the `lexicon` (`csnlp.nlp.names`: first names of many languages
    that are not first of all English words) and not a word the other speaker said before it nor
    the metadata's `customer_name` (a name of theirs is addressed, not introduced). Either
    `follow` comes next ("sage here"), after a word of the business's; or the name ends its
    sentence (the turn, a stop or a comma, not a question mark, or a word of `next_clause`: "...
    kai how can i help"; a bare end after a comma in a sentence opening on a word of `greeting`
    greets the customer by it: "Hello Harbour Savings, Ingrid.") after at most `max_words` words
    of its sentence, none of `stop` (a clause: "thanks for waiting, Callum"), two of them not of
    `lead` (the greeting), or one and a comma or stop before the name. The word right before it
    is of neither `stop` nor `not_after` (a list's last item, "... Chinese and French"; a thing
    named, "how about the ashley?"), and any sentence before the name's holds only words of
    `lead` ("Hello. Reef and River Aquarium Services, Kai."). Only where the standard is not met
    otherwise."""

    lexicon: Literal["given_names"] = "given_names"
    follow: list[str] = Field(default_factory=list)
    next_clause: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list)
    stop: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    greeting: list[str] = Field(default_factory=list)
    max_words: Annotated[int, Field(ge=1)] = 8
    #: (round 38) In any turn of the window, a lexicon name opening its sentence (after `lead`
    #: words only) then a word of `affiliation` and the business, its clause ending within
    #: `max_words` words ("Good morning, Sinéad at Brightsmile reception.", "Jonas from Mailbird
    #: support engineering, by the way."; not "Sarah at reception will call you"); or a word
    #: of `aside` ending it ("Dmitri btw"). Typed, the name and the business are capitalised.
    #: Also "I'm <name> too", the customer's name shared, the name in the lexicon.
    affiliation: list[str] = Field(default_factory=list)
    aside: list[str] = Field(default_factory=list)


class RequireSpec(StandardBase):
    """Met when a required phrase or pattern occurs in the window."""

    check: Literal["require"] = "require"
    window: WindowSpec = WindowSpec()
    match: RuleSpec
    classifier: ClassifierSpec | None = None
    expect: str = Field("", description="what the rule looks for, in a few words, for explanations")
    tail_words: Annotated[int, Field(ge=0)] | None = Field(
        None, description="a match counts only where at most this many words follow it in its "
        "turn, besides other matches of the rule, or does not open it: a 'thank you' that "
        "opens a turn going on with business acknowledges, it does not close; in the speaker's "
        "first turn, when another follows, no match that opens it (after a salutation) and "
        "goes on counts: it is the turn's opening")
    tail_only: RuleSpec = Field(
        RuleSpec(), description="with tail_words: the matches it applies to, those this rule "
        "covers (a bare 'thank you', 'thanks for waiting'; not 'thanks for calling'); all "
        "matches when empty")
    not_applicable_if: OpeningSpec | None = Field(
        None, description="the standard does not apply where the other speaker opens with "
        "this and never says what `unless` finds (a customer who calls only to praise: no "
        "problem whose outcome could be checked)")

    outbound: OutboundSpec | None = Field(
        None, description="the standard does not apply where the speaker opens with its own "
        "purpose (`match`) and the other speaker only gives short replies, none a question "
        "(an appointment reminder confirmed), unless a match is found all the same")

    after: AfterSpec | None = Field(
        None, description="matches count only from the speaker's first turn where this finds "
        "what they must follow (a fix before its check); where it finds nothing, only after "
        "the other speaker has spoken")

    answered: AnsweredSpec | None = Field(
        None, description="a turn of the speaker also counts where it asks (`ask`, not "
        "`unless`) and the other speaker's next turn reports what they now see (`reply`): a "
        "question whose words do not name the outcome, told by its answer")

    name: NameSpec | None = Field(
        None, description="a first name from a lexicon ending the business's words in the "
        "speaker's first turn also counts (\"Cabline, Drew.\"), where the rule finds nothing")

    def main_rule(self) -> RuleSpec:
        return self.match

    def rule_speaker(self, path: str) -> str:
        if path.startswith("not_applicable_if.") and self.not_applicable_if is not None:
            return self.not_applicable_if.speaker
        if path in ("answered.reply", "outbound.replies"):
            return "customer" if self.speaker == "agent" else "agent"
        return self.speaker


class _NameWords(NamedTuple):
    """`NameSpec`'s word lists as sets."""

    follow: frozenset[str]
    next_clause: frozenset[str]
    lead: frozenset[str]
    stop: frozenset[str]
    not_after: frozenset[str]
    greeting: frozenset[str]
    affiliation: frozenset[str]
    aside: frozenset[str]


#: Where a sentence ends.
_SENTENCE_END = re.compile(r"[.?!\n]")
#: Where a sentence starts: the text's start, or after a stop and spaces.
_SENTENCE_START = re.compile(r"\A|[.?!\n]\s*")
#: A name's clause ends after it: a stop or a comma.
_CLAUSE_END = re.compile(r"[ \t]*[.!,;:\n]")
#: A name asked: "Harbour Savings, Ingrid?"
_ASKED = re.compile(r"[ \t]*\?")
#: A comma, a stop or a dash between the business and the name: "Cabline, Drew."
_PAUSE = re.compile(r"[,.;:\u2013\u2014-]")
#: Letters of a name.
_LETTERS = re.compile(r"[^\W\d_]+")
#: A word with no letter in it (an emoji, a number).
_NO_LETTER = re.compile(r"[\W\d_]*\Z")


@register("require")
class RequireDetector(Detector[RequireSpec]):
    """Met when the rule matches in the speaker's window."""

    spec = RequireSpec

    def __init__(self, standard: RequireSpec, annotator: Annotator) -> None:
        super().__init__(standard, annotator)
        self.check_classifier(standard.classifier)
        # `name`'s word lists as sets, once (its lexicon is read on first use)
        name = standard.name
        self._name_words = None if name is None else _NameWords(
            frozenset(name.follow), frozenset(name.next_clause), frozenset(name.lead),
            frozenset(name.stop), frozenset(name.not_after), frozenset(name.greeting),
            frozenset(name.affiliation), frozenset(name.aside))

    def _spans(self, ctx: Context, rule: CompiledRule, index: int) -> list[Span]:
        """The rule's matches in turn `index`, less acknowledgements (`tail_words`)."""
        spans = ctx.find(rule, index)
        tail = self.standard.tail_words
        if tail is None or not spans:
            return spans
        heard = ctx.heard_turns(self.standard.speaker)
        if heard and index == heard[0] and len(heard) > 1:
            # the speaker's first turn, another after it: whatever opens it, after a salutation,
            # then goes on is its opening, not a close ("Dear Mr Mensah, Thank you for contacting
            # the Passport Unit. You do not need ...", "Buenas noches, ¿en qué puedo ayudarle?")
            return _near_end(ctx, index, spans, 0, None, opening_words=_SALUTATION_WORDS)
        return _near_end(ctx, index, spans, tail, self.rule("tail_only"))

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        # (an agent that never speaks checked nothing: missed, whatever the caller came for)
        if std.not_applicable_if is not None and ctx.heard_turns(std.speaker) and (
                opening := self._opening(ctx)) is not None:
            return self.result(Status.NOT_APPLICABLE, f"{std.not_applicable_if.reason} (turn "
                               f"{opening.turn_index + 1}: {quote(opening.text)}).",
                               evidence=[opening])
        indices = ctx.window(std.speaker, std.window)
        anchor = self._anchor(ctx)
        start = self._start(ctx, anchor)
        rule = self.rule("match")
        counted = [i for i in indices if i >= start]
        # (before a fix promised only closing, a question counts when it asks about what the
        # speaker just said, "Does that plan sound okay to you?", not about the trouble: "is
        # it getting hot before it shuts off")
        found = [ctx.evidence(i, span) for i in counted for span in self._spans(ctx, rule, i)
                 if anchor is None or i >= anchor or self._refers_back(ctx, i, span)
                 or self._arranged(ctx, i, span)]
        if not found and anchor is not None and start == anchor:
            # (the arrangement asked before the fix that books it: "would thursday at ten suit
            # your mother" / "yes" / "lovely, I've booked it")
            other = self._other_first(ctx)
            found = [ctx.evidence(i, span) for i in indices if other <= i < anchor
                     for span in self._spans(ctx, rule, i) if self._arranged(ctx, i, span)]
        if not found and std.name is not None and (
                (named := self._named(ctx)) is not None
                or (named := self._affiliated(ctx)) is not None):
            found = [named]
        what = std.expect or std.title.lower()
        if found:
            first = found[0]
            return self.result(
                Status.MET, f"Found {what} in turn {first.turn_index + 1}: "
                f"{quote(first.text)}.", evidence=found)
        # (a question told a check only by its answer counts after the first act on the
        # problem, even one in the last turn: "have you tried restarting it" / "loads of times"
        # / "ok i've raised a repair")
        strict = counted if anchor is None else [i for i in counted if i >= anchor]
        if std.answered is not None and (answered := self._answered(ctx, strict)):
            asked, reply = answered
            return self.result(
                Status.MET, f"Found {what} in turn {asked.turn_index + 1}, told by the answer "
                f"in turn {reply.turn_index + 1}: {quote(asked.text)} -> {quote(reply.text)}.",
                evidence=[asked, reply])
        if likely := self.classified(ctx, std.classifier, strict, rule):
            return self.result(
                Status.MET, f"No listed phrase, but the act classifier found {what} in turn "
                f"{likely.turn_index + 1} (p={likely.score:.2f}): {quote(likely.text)}.",
                evidence=[likely])
        if std.outbound is not None and (purpose := self._outbound(ctx)) is not None:
            return self.result(Status.NOT_APPLICABLE, f"{std.outbound.reason} (turn "
                               f"{purpose.turn_index + 1}: {quote(purpose.text)}).",
                               evidence=[purpose])
        if not ctx.heard_turns(std.speaker):
            return self.result(Status.MISSED, f"{silent(std.speaker)}: no turn to look in "
                               f"for {self.expected(std.title.lower())}.")
        if not indices:
            return self.result(Status.MISSED, f"The {std.speaker} has no turns to check for "
                               f"{self.expected(std.title.lower())}.")
        where = std.window.describe(std.speaker)
        if start > indices[0]:
            # the window's turns before the fix (or before the customer spoke) did not count
            where += (f", from turn {start + 1} on (the first acting on the problem)"
                      if anchor is not None and start == anchor else
                      f", from turn {start + 1} on (after the other speaker first spoke)")
        searched = counted or indices
        return self.result(
            Status.MISSED,
            f"Looked in {where} ({turn_list(searched)}) for "
            f"{self.expected(std.title.lower())} and found none.",
            evidence=ctx.looked(searched, where, last=bool(std.window.last_turns)))

    def _answered(self, ctx: Context, counted: list[int]
                  ) -> tuple[Evidence, Evidence] | None:
        """The first of the `counted` turns that asks and whose answer, the other speaker's
        next turn, reports what they see (`answered`); None if there is none."""
        ask, unless = self.rule("answered.ask"), self.rule("answered.unless")
        reply, steps = self.rule("answered.reply"), self.rule("answered.steps")
        # what the standard's own vetoes take out is no check told by its answer either ("did
        # you get our letter last month?" / "yes it's here": a receipt dated before the call)
        vetoes = self.rule("match")
        turns = ctx.transcript.turns
        speaker = self.standard.speaker
        for i in counted:
            nxt = next((j for j in range(i + 1, len(turns)) if turns[j].text.strip()), None)
            if nxt is None or turns[nxt].speaker == speaker:
                continue  # no answer: the speaker went on, or the call ended
            answer = ctx.find(reply, nxt)
            if not answer or not (asked := ctx.find(ask, i)):
                continue
            if vetoes.unless_spans and not (asked := vetoes.outside_vetoes(
                    turns[i].text, asked, i)):
                continue
            if not unless.is_empty and ctx.find(unless, i):
                continue
            if not steps.is_empty and (then := next(
                    (j for j in range(nxt + 1, len(turns)) if turns[j].speaker == speaker),
                    None)) is not None and ctx.find(steps, then):
                continue  # an intermediate step: the speaker goes on with the fix
            return (ctx.evidence(i, asked[-1]),
                    ctx.evidence(nxt, answer[0], role=EvidenceRole.RESPONSE))
        return None

    def _outbound(self, ctx: Context) -> Evidence | None:
        """Where the speaker, speaking first, opens with its own purpose (`outbound.match`)
        and the other speaker only gives short replies with no question; None otherwise."""
        spec = self.standard.outbound
        assert spec is not None
        speaker = self.standard.speaker
        turns = ctx.transcript.turns
        first = next((i for i, t in enumerate(turns) if t.text.strip()), None)
        if first is None or turns[first].speaker != speaker:
            return None
        # the purpose first: most calls the agent opens have none, and need no reply read
        match = self.rule("outbound.match")
        purpose = next(((i, spans[0]) for i in ctx.turns_of(speaker)[:spec.first_turns]
                        if (spans := ctx.find(match, i))), None)
        if purpose is None:
            return None
        answer = self.rule("outbound.replies")
        if any(ctx.annotations[i].n_words > spec.reply_max_words or "?" in turns[i].text
               or (ctx.annotations[i].n_words > 1 and not ctx.find(answer, i))
               for i, t in enumerate(turns) if t.speaker != speaker and t.text.strip()):
            return None  # (a one-word reply, "Y", "C", an emoji, answers)
        return ctx.evidence(*purpose, role=EvidenceRole.OPENING)

    def _anchor(self, ctx: Context) -> int | None:
        """The speaker's first turn where `after.match` finds something, if any, or the first
        before it where `after.stated` does."""
        if self.standard.after is None:
            return None
        after = self.rule("after.match")
        turns = ctx.turns_of(self.standard.speaker)
        anchor = next((i for i in turns if ctx.find(after, i)), None)
        if anchor is None or self.standard.after.stated.is_empty:
            return anchor
        stated = self.rule("after.stated")
        return next((i for i in turns if i < anchor and ctx.find(stated, i)), anchor)

    def _start(self, ctx: Context, anchor: int | None) -> int:
        """The first turn where matches count (`after`: its `anchor`, else the first after the
        other speaker's first); 0 without it."""
        if self.standard.after is None:
            return 0
        # (an act promised only in the speaker's last turn is a promise made closing, "I'll
        # send the revised sketch on Friday. Bye for now.", not the fix the checks before it
        # follow; an act done there is: "Is it working now?" / "no" / "I've unblocked it.")
        if anchor is not None and not (anchor == ctx.turns_of(self.standard.speaker)[-1]
                                       and self._promised(ctx, anchor)):
            return anchor
        return self._other_first(ctx)

    def _other_first(self, ctx: Context) -> int:
        """The first turn of the other speaker (0 if they never speak)."""
        speaker = self.standard.speaker
        other = next((i for i, t in enumerate(ctx.transcript.turns)
                      if t.speaker != speaker and t.text.strip()), None)
        return 0 if other is None else other

    def _promised(self, ctx: Context, index: int) -> bool:
        """Whether every act `after.match` finds in turn `index` is promised, not done
        (`after.promised` matches where it begins: "I'll email the quote over", "we will add a
        note")."""
        spans = ctx.find(self.rule("after.match"), index)
        promised = {start for start, _end, _ in ctx.find(self.rule("after.promised"), index)}
        return bool(spans) and all(start in promised for start, _end, _ in spans)

    def _refers_back(self, ctx: Context, index: int, span: Span) -> bool:
        """Whether `after.refers_back` matches inside the match at `span` of turn `index`."""
        return any(span[0] <= a and b <= span[1]
                   for a, b, _ in ctx.find(self.rule("after.refers_back"), index))

    def _arranged(self, ctx: Context, index: int, span: Span) -> bool:
        """Whether `after.arranged` matches in turn `index` from the match at `span` to the end
        of its sentence: a question whether an arrangement suits, or how things have gone since
        an earlier fix."""
        text = ctx.transcript.turns[index].text
        end = _SENTENCE_END.search(text, span[1])
        stop = end.end() if end else len(text)
        return any(span[0] <= a and b <= stop
                   for a, b, _ in ctx.find(self.rule("after.arranged"), index))

    def _named(self, ctx: Context) -> Evidence | None:
        """A name from the lexicon ending the business's words in the speaker's first turn
        (`name`), or None."""
        spec, sets = self.standard.name, self._name_words
        assert spec is not None and sets is not None
        follow, then, lead, stop, not_after, greeting, _affiliation, _aside = sets
        # (the speaker's first turn saying more than hello: "hello" / "hi is that the garage" /
        # "yes marlow motors kenji how can i help")
        index = next((i for i in ctx.window(self.standard.speaker, self.standard.window)
                      if ctx.annotations[i].n_words
                      and any(w not in lead for w in ctx.annotations[i].words[1:-1])), None)
        if index is None:
            return None
        turns = ctx.transcript.turns
        known = {w for j in range(index) if turns[j].speaker != self.standard.speaker
                 for w in ctx.annotations[j].words}
        known.update(_LETTERS.findall(str(ctx.transcript.metadata.get("customer_name") or "")
                                      .lower()))
        text, ann = turns[index].text, ctx.annotations[index]
        words, spans = ann.words, ann.spans
        names = lexicon(spec.lexicon)
        for k in range(2, len(words) - 1):
            word = words[k]
            if not in_lexicon(word, names) or word in known:
                continue
            start, end = spans[k]
            if _ASKED.match(text, end):
                continue  # "Harbour Savings, Ingrid?": the customer asked for
            framed = words[k + 1] in follow
            if not (framed or words[k + 1] in then or k + 2 == len(words)
                    or _CLAUSE_END.match(text, end)):
                continue
            opens = max(m.end() for m in _SENTENCE_START.finditer(text, 0, start))
            if any(words[m] not in lead and words[m] not in known
                   for m in range(1, k) if spans[m][0] < opens):
                continue  # a sentence before it says more than hello: not the opening
            before = [words[m] for m in range(1, k) if spans[m][0] >= opens]
            if not before or before[-1] in lead or before[-1] in stop or before[-1] in not_after:
                continue
            gap = text[spans[k - 1][1]:start]
            if (before[-1] in names and not gap.strip()) or "&" in gap:
                continue  # a full name, the customer's often; a business's ("Salt & Ember")
            content = [w for w in before if w not in lead and w not in stop]
            if framed:
                ok = bool(content)
            elif words[k + 1] not in then and before[0] in greeting and _PAUSE.search(gap):
                ok = False  # a greeting, the business, a comma, the name: the customer greeted
                # by it ("Hello Harbour Savings, Ingrid."; not spoken "good afternoon clearwater
                # dental priya")
            else:
                ok = (len(before) <= spec.max_words and not any(w in stop for w in before)
                      and (len(content) >= 2 or (bool(content) and bool(_PAUSE.search(gap)))))
            if ok:
                return ctx.evidence(index, (start, end, "name"))
        return None

    def _affiliated(self, ctx: Context) -> Evidence | None:
        """A lexicon name opening a sentence of the window's turns with where the speaker works
        or as an aside (`NameSpec.affiliation`, `aside`), or shared ("I'm <name> too"), or None."""
        spec, sets = self.standard.name, self._name_words
        assert spec is not None and sets is not None
        names = lexicon(spec.lexicon)
        turns = ctx.transcript.turns
        known = set(_LETTERS.findall(str(ctx.transcript.metadata.get("customer_name") or "")
                                     .lower()))
        seen = 0
        for index in ctx.window(self.standard.speaker, self.standard.window):
            known.update(w for j in range(seen, index) if turns[j].speaker != self.standard.speaker
                         for w in ctx.annotations[j].words)
            seen = index
            text, ann = turns[index].text, ctx.annotations[index]
            words, spans = ann.words, ann.spans
            cased = any(c.isupper() for c in text)
            for k in range(1, len(words) - 2):
                if not in_lexicon(words[k], names):
                    continue
                if k >= 3 and words[k - 2:k] == ["i", "am"] and words[k + 1] == "too":
                    # the name shared, said as such: "Hi Fatima ... I'm Fatima too" (not "I'm
                    # vegan too": the lexicon tells)
                    return ctx.evidence(index, (spans[k - 2][0], spans[k + 1][1], "name"))
                # ("I'm Kai btw" is the speaker's own name even when the other's is Kai)
                said_mine = words[k - 2:k] == ["i", "am"] and words[k + 1] in sets.aside
                if words[k] in known and not said_mine:
                    continue
                start, end = spans[k]
                if cased and not text[start:start + 1].isupper():
                    continue
                opens = max(m.end() for m in _SENTENCE_START.finditer(text, 0, start))
                # ("I'm Kai btw, same name": "I'm" before the name opens it as well)
                mine = k - 2 if words[k - 2:k] == ["i", "am"] else k
                if any(words[m] not in sets.lead and not _NO_LETTER.match(words[m])
                       for m in range(1, mine) if spans[m][0] >= opens):  # (an emoji leads)
                    continue  # the name does not open its sentence ("Thanks Sarah at ...")
                after = words[k + 1]
                if after in sets.aside and (words[k + 2] == "_eot_"
                                            or _CLAUSE_END.match(text, spans[k + 1][1])):
                    return ctx.evidence(index, (start, spans[k + 1][1], "name"))
                if after not in sets.affiliation:
                    continue
                business = words[k + 2]
                if (business in sets.stop or business in sets.not_after or business == "_eot_"
                        or (cased and not text[spans[k + 2][0]:spans[k + 2][0] + 1].isupper())):
                    continue
                for m in range(k + 2, min(k + 2 + spec.max_words, len(words) - 1)):
                    if words[m] in sets.stop:
                        break
                    then = words[m + 1]
                    if (then == "_eot_" or then in sets.follow or then in sets.aside
                            or _CLAUSE_END.match(text, spans[m][1])):
                        return ctx.evidence(index, (start, spans[m][1], "name"))
        return None

    def _opening(self, ctx: Context) -> Evidence | None:
        """Where the other speaker's opening says there is nothing to check, if it does and
        none of their turns says otherwise (`not_applicable_if`)."""
        cond = self.standard.not_applicable_if
        assert cond is not None
        turns = ctx.turns_of(cond.speaker)
        match = self.rule("not_applicable_if.match")
        found = None
        for i in turns[:cond.first_turns]:
            spans = ctx.find(match, i)
            if spans:
                found = ctx.evidence(i, spans[0], role=EvidenceRole.OPENING)
                break
            if ctx.annotations[i].n_words > _OPENING_WORDS + 1:
                return None  # the speaker opened with something else ("hi, my bill is ...")
        if found is None:
            return None
        unless = self.rule("not_applicable_if.unless")
        if not unless.is_empty and any(ctx.find(unless, i) for i in turns):
            return None
        return found


def _near_end(ctx: Context, index: int, spans: list[Span], tail: int,
              only: CompiledRule | None, opening_words: int | None = None) -> list[Span]:
    """The spans of turn `index` less those that open it (after at most `opening_words`
    words, `_OPENING_WORDS` by default) and have more than `tail` words after them, not
    counting words inside any of `spans` ("Thank you. Your statement was re-sent to your
    e-mail": an acknowledgement before business). With a non-empty `only`, just the spans one
    of its matches covers are tested ("thanks for calling, and remember ..." closes); with
    None, all are."""
    covering = None if only is None or only.is_empty else ctx.find(only, index)
    opening = _OPENING_WORDS if opening_words is None else opening_words
    # The turn's word spans, bracketed by two zero-width sentinels (csnlp.nlp.rules.BOT, EOT)
    # and in text order: words before and after a match are counted by bisection.
    words = ctx.annotations[index].spans
    kept = []
    for span in spans:
        tested = covering is None or any(a <= span[0] and span[1] <= b for a, b, _ in covering)
        before = bisect_left(words, (span[0], -1)) - 1  # less the start sentinel
        if tested and before <= opening:
            first_after = bisect_left(words, (span[1], -1))
            after = [w for w in words[first_after:-1]
                     if not any(a <= w[0] and w[1] <= b for a, b, _ in spans)]
            if len(after) > tail:
                continue
        kept.append(span)
    return kept


#: Words a turn may say before a match that still opens it ("oh thank you", "okay thanks").
_OPENING_WORDS = 2
#: ... and the speaker's first turn, after a salutation ("Dear Mr Mensah,", "Hi there Ana,").
_SALUTATION_WORDS = 4
