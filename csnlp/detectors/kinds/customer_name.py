"""`check: customer_name` -- the agent addresses the customer by name at least once.

The name comes from the transcript's metadata (`metadata_key`, default `customer_name`) or, when
absent, from the customer's own words: `stated` patterns ("my name is X", "this is X Y calling")
whose name words (first name and surname) follow the cue, `stated_cased` ones trusted only in
typed text where the name is capitalised, and a bare name ("uh Tom Reyes") answering an agent
turn the `asked` rule matches ("who am I speaking with?"), or, on an outbound call, the name an
agent turn of the `confirmed` rule checks ("am I speaking to Mrs Patel?") when the customer's
next turn confirms it ("yes", "speaking"); the check itself is not a use. Only the agent
ADDRESSING the customer counts: a name word inside a span of the `own_name` rule (the agent's
self-introduction, "my name is Linda") never does, so an agent who shares the customer's name
is not credited for its own introduction. A redaction placeholder ("[NAME]",
"[CUSTOMER_NAME]", "[PII]", "****", "XXXX") in an address position ("thanks [NAME]",
"[NAME], ...") is the name, said and masked.
The name is only ever the caller's own: a name the caller owns something of ("this is Jorge's
phone") or gives for someone else ("his name is ...", "calling for my dad, X") is not stated,
so the agent saying it is not counted (a caller speaking for someone else and never giving
their own name leaves the standard not applicable). A title and surname ("Ms Okafor") count
when the surname is one of the name's words.
Options also: `window` for the agent's turns. Not applicable when the name is unknown and no
placeholder addresses the customer.

    - id: customer_name
      check: customer_name
      title: Use the customer's name
      metadata_key: customer_name
      stated: {pattern_lists: [name_stated]}
"""

from __future__ import annotations

import re
from typing import Literal

from csnlp.detectors.base import Context, Detector, quote
from csnlp.detectors.registry import register
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase, WindowSpec


class CustomerNameSpec(StandardBase):
    """The agent uses the customer's name, known from metadata or stated by the customer."""

    check: Literal["customer_name"] = "customer_name"
    metadata_key: str = "customer_name"
    #: Patterns on the customer's turns whose last token is the name ("my name is X").
    stated: RuleSpec = RuleSpec()
    #: Like `stated`, but trusted only in typed text where the name is capitalised.
    stated_cased: RuleSpec = RuleSpec()
    #: Agent turns asking the customer's name: a bare name in the customer's answer is stated.
    asked: RuleSpec = RuleSpec()
    #: The agent's own introduction: name words inside its spans are not the agent addressing
    #: the customer (an agent who shares the customer's first name).
    own_name: RuleSpec = RuleSpec()
    #: Agent turns naming the customer to check who answered ("am I speaking to Mrs Patel?",
    #: "hi, is this Anjali?"), the name the last token: known once the customer's next turn
    #: confirms ("yes", "speaking", "that's me"). The check itself is not a use of the name.
    confirmed: RuleSpec = RuleSpec()
    window: WindowSpec = WindowSpec()

    def rule_speaker(self, path: str) -> str:
        return "customer" if path.startswith("stated") else self.speaker


#: First words of a customer turn that confirm the name the agent asked about.
_CONFIRM = frozenset("yes yeah yep yup speaking correct indeed aye sure".split())


_NAME_STOP = frozenset("""a an the and or but is am are was it its it's this that my your our
yes yeah yep no nope sure okay ok hi hello hey um uh so well just calling here speaking thanks
thank you please sorry mr mrs ms miss mister missus dr doctor sir madam calling about with from
for on in at to name names last first full ringing phoning regarding again wondering i'm im
""".split())

#: Words a bare answer to "who am I speaking with?" may open with before the name.
_ANSWER_LEAD = frozenset("""yes yeah yep sure okay oh so hi hello hey it is its it's this my
name i am mr mrs ms miss mister missus dr doctor sir""".split())

#: Redaction placeholders where a name was said.
_PLACEHOLDER = re.compile(
    r"\[(?:customer_?|first_?|last_?|full_?|caller_?|person_?)?(?:name|pii|redacted|person)"
    r"(?:_?\d+)?\]|<(?:customer_?|first_?)?name>|\*{3,}|\b[Xx]{3,}\b", re.IGNORECASE)
#: What stands before a name the agent addresses the customer with ("thanks [NAME]").
_ADDRESS_BEFORE = re.compile(
    r"(?:^|\b(?:thanks|thank you|hi|hello|hey|okay|ok|sure|bye|goodbye|great|perfect|right|"
    r"morning|afternoon|evening|sorry|mr|mrs|ms|miss|dr|dear|yes|no|alright|well|lovely|"
    r"welcome|cheers|brilliant)\.?)\W*$", re.IGNORECASE)


@register("customer_name")
class CustomerNameDetector(Detector[CustomerNameSpec]):
    """Met when the agent uses the customer's name, from metadata or stated in the call."""

    spec = CustomerNameSpec

    def _stated_name(self, ctx: Context) -> tuple[list[str], Evidence | None]:
        stated, stated_cased = self.rule("stated"), self.rule("stated_cased")
        asked = self.rule("asked")
        turns = ctx.transcript.turns
        for i in ctx.turns_of("customer"):
            text = turns[i].text
            # ASCII (nearly every turn): an upper-case letter is one lower() changes.
            cased = (text.lower() != text if text.isascii()
                     else any(c.isupper() for c in text))
            spans = ctx.find(stated, i) + (ctx.find(stated_cased, i) if cased else [])
            for span in spans:
                if _possessive(ctx, i, span):
                    continue  # "this is Jorge's phone": someone else's name, not the speaker's
                words = _name_words(text[span[0]:span[1]])
                last = text[span[0]:span[1]].split()[-1] if words else ""
                # In typed text a name is capitalised ("This is John", not "This is silly").
                if words and (not cased or last[:1].isupper() or words[-1] not in last.lower()):
                    return words, ctx.evidence(i, span, role=EvidenceRole.STATED_NAME)
            if (i and turns[i - 1].speaker == self.standard.speaker
                    and (asked.labels or asked.templates) and ctx.find(asked, i - 1)):
                answered = _bare_name(ctx, i, cased)
                if answered:
                    return answered
        return self._confirmed_name(ctx)

    def _confirmed_name(self, ctx: Context) -> tuple[list[str], Evidence | None]:
        """The name an agent turn checks ("is this Mr Okafor?") when the customer's next turn
        confirms it; the evidence is the agent's check."""
        rule = self.rule("confirmed")
        if not (rule.labels or rule.templates):
            return [], None
        turns = ctx.transcript.turns
        for i in ctx.turns_of(self.standard.speaker):
            spans = ctx.find(rule, i)
            if not spans:
                continue
            reply = next((j for j in range(i + 1, len(turns))
                          if turns[j].speaker != self.standard.speaker), None)
            if reply is None:
                continue
            words = [w for w in ctx.annotations[reply].words if w not in ("_bot_", "_eot_")]
            confirmed = bool(words) and (words[0] in _CONFIRM or words[:3] in (
                ["that", "is", "me"], ["it", "is", "me"], ["that", "is", "right"]))
            names = _name_words(turns[i].text[spans[0][0]:spans[0][1]])
            if confirmed and names:
                return names, ctx.evidence(i, spans[0], role=EvidenceRole.STATED_NAME)
        return [], None

    def _own_spans(self, ctx: Context, index: int) -> list[tuple[int, int, str]]:
        rule = self.rule("own_name")
        return ctx.find(rule, index) if rule.labels or rule.templates else []

    def _placeholder(self, ctx: Context, index: int, own: list) -> Evidence | None:
        """A redaction placeholder where the agent addresses the customer ("thanks [NAME]")."""
        text = ctx.transcript.turns[index].text
        if not _may_mask(text):
            return None
        for m in _PLACEHOLDER.finditer(text):
            s, e = m.span()
            if any(a <= s < b for a, b, _ in own):
                continue
            after = text[e:].lstrip()
            if _ADDRESS_BEFORE.search(text[:s]) or not after or after[0] in ",!.?":
                return ctx.evidence(index, (s, e, "placeholder"))
        return None

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        raw = ctx.transcript.metadata.get(std.metadata_key)
        source: Evidence | None = None
        if isinstance(raw, str) and raw.strip():
            names = _name_words(raw)
            origin = f"metadata {std.metadata_key} {raw!r}"
        else:
            names, source = self._stated_name(ctx)
            origin = f"the customer's words {quote(source.text)}" if source else ""
        indices = ctx.window(std.speaker, std.window)
        wanted = frozenset(names)
        for i in indices:
            if source is not None and (i < source.turn_index or (
                    i == source.turn_index and source.speaker == std.speaker)):
                continue  # before the name was known, or the agent's own check of it
            ann = ctx.annotations[i]
            # Most turns hold no name word and no placeholder (and most calls have no name):
            # nothing to look for, not even the agent's own introduction.
            named = not wanted.isdisjoint(ann.words)
            if not named and not _may_mask(ctx.transcript.turns[i].text):
                continue
            own = self._own_spans(ctx, i)
            hits = [] if not named else [
                (s, e) for w, (s, e) in zip(ann.words, ann.spans, strict=True)
                if w in wanted and not any(a <= s < b for a, b, _ in own)]
            if hits:
                ev = ctx.evidence(i, (*hits[0], "name"))
                return self.result(Status.MET, f"The agent addressed the customer as "
                                   f"{quote(ev.text)} in turn {i + 1}.",
                                   evidence=[ev] + ([source] if source else []))
            if masked := self._placeholder(ctx, i, own):
                return self.result(Status.MET, f"The agent addressed the customer by a name "
                                   f"masked as {quote(masked.text)} in turn {i + 1}.",
                                   evidence=[masked] + ([source] if source else []))
        if not names:
            return self.not_applicable("The customer's name is unknown (not in metadata, "
                                       "not stated in the conversation).")
        return self.result(Status.MISSED, f"The customer's name ({', '.join(names)}, from "
                           f"{origin}) never appears in {std.window.describe(std.speaker)}"
                           " except in the agent's own introduction." if self._shared(ctx, names)
                           else f"The customer's name ({', '.join(names)}, from {origin}) never "
                           f"appears in {std.window.describe(std.speaker)}.",
                           evidence=([source] if source else []) + list(
                               ctx.looked(indices, std.window.describe(std.speaker))))

    def _shared(self, ctx: Context, names: list[str]) -> bool:
        """Whether a name word occurs only inside the agent's own introduction."""
        for i in ctx.turns_of(self.standard.speaker):
            for a, b, _ in self._own_spans(ctx, i):
                ann = ctx.annotations[i]
                if any(w in names and a <= s < b
                       for w, (s, _e) in zip(ann.words, ann.spans, strict=True)):
                    return True
        return False


def _may_mask(text: str) -> bool:
    """Whether a turn may hold a redaction placeholder (`_PLACEHOLDER`): a cheap test first."""
    return "[" in text or "<" in text or "*" in text or "xxx" in text.lower()


def _bare_name(ctx: Context, index: int, cased: bool) -> tuple[list[str], Evidence] | None:
    """A short answer that is only a name ("uh tom reyes", "It's Priya."), as name words."""
    ann = ctx.annotations[index]
    pairs = [(w, sp) for w, sp in zip(ann.words, ann.spans, strict=True)
             if w not in ("_bot_", "_eot_")]
    while pairs and pairs[0][0] in _ANSWER_LEAD:
        pairs.pop(0)
    if not 1 <= len(pairs) <= 3 or any(not w.isalpha() or len(w) < 2 or w in _NAME_STOP
                                       for w, _ in pairs):
        return None
    text = ctx.transcript.turns[index].text
    start, end = pairs[0][1][0], pairs[-1][1][1]
    if cased and not text[start:start + 1].isupper():
        return None
    return [w for w, _ in pairs], ctx.evidence(index, (start, end, "answer"),
                                               role=EvidenceRole.STATED_NAME)


def _possessive(ctx: Context, index: int, span: tuple[int, int, str]) -> bool:
    """Whether the word right after a stated name is a possessive "'s"."""
    ann = ctx.annotations[index]
    after = [w for w, (s, _e) in zip(ann.words, ann.spans, strict=True) if s >= span[1]]
    return bool(after) and after[0] == "'s"


def _name_words(text: str) -> list[str]:
    from csnlp.nlp.pipeline import normalise_phrase

    return [w for w in normalise_phrase(text) if len(w) > 1 and _NAME_WORD.fullmatch(w)
            and w not in _NAME_STOP]


#: A name word: letters, with inner apostrophes or hyphens ("o'sullivan", "n'diaye").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
