"""`check: customer_name` -- the agent addresses the customer by name at least once.

The name comes from the transcript's metadata (`metadata_key`, default `customer_name`) or, when
absent, from the customer's own words: `stated` patterns ("my name is X", "this is X Y calling")
whose name words (first name and surname) follow the cue, `stated_cased` ones trusted only in
typed text where the name is capitalised, and a bare name ("uh Tom Reyes") answering an agent
turn the `asked` rule matches ("who am I speaking with?"), the agent's own name when the
customer's answer to its introduction shares it (`shared`: "i'm sam as well"), or, on an
outbound call, the name an agent turn of the `confirmed` rule checks ("am I speaking to Mrs
Patel?") when the customer's next turn confirms it ("yes", "speaking"); the check itself is
not a use. Only the agent ADDRESSING the customer counts: a name word inside a span of the
`own_name` rule (the agent's self-introduction, "my name is Linda") never does, so an agent who
shares the customer's name is not credited for its own introduction. A redaction placeholder
("[NAME]", "[CUSTOMER_NAME]", "[PII]", "****", "XXXX") in an address position ("thanks
[NAME]", "[NAME], ...") is the name, said and masked.
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
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

import jellyfish

from csnlp.detectors.base import Context, Detector, may_hold, quote, silent
from csnlp.detectors.registry import register
from csnlp.nlp.names import given_names
from csnlp.nlp.normalise import GOODBYE_WORDS
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase, WindowSpec

if TYPE_CHECKING:  # (the rules engine imports spaCy: loading standards must not)
    from csnlp.nlp.rules import Span


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
    #: Customer words saying they share the agent's name ("i'm sam as well", "my name's Priya
    #: too"), in the customer's first turn after the agent's introduction: the name words they
    #: have in common with the introduction are the customer's name.
    shared: RuleSpec = RuleSpec()
    window: WindowSpec = WindowSpec()

    def rule_speaker(self, path: str) -> str:
        return "customer" if path.startswith(("stated", "shared")) else self.speaker


#: First words of a customer turn that confirm the name the agent asked about.
_CONFIRM = frozenset("yes yeah yep yup speaking correct indeed aye sure".split())


#: Ranks and callings used as titles ("Captain Bello", "staff nurse Adeyemi"): a title, not a
#: name to address by ("Certainly, Captain"), in `_NAME_STOP` and `_TITLES` alike.
_RANKS = frozenset("""captain capt officer sergeant sgt professor prof nurse reverend rev pastor
rabbi imam colonel lieutenant commander inspector detective constable councillor cllr""".split())

_NAME_STOP = _RANKS | frozenset("""
a an the and or but aye is am are was it its it's this that my your our yes yeah yep no nope sure
okay ok hi hello hey um uh so well just calling here speaking thanks thank you please sorry mr
mrs ms miss mister missus dr doctor sir madam calling about with from for on in at to name
names last first full ringing phoning regarding again wondering i'm im account booking order
policy reservation under booked call calls me everyone everybody surname surnames forename
forenames firstname lastname given family sur oh ah ha haha wow good great morning afternoon
evening cheers actually right alright real legal proper mme mlle herr frau be would too also
nome nombre dear love mate there
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

    def _stated_names(self, ctx: Context) -> list[tuple[list[str], Evidence]]:
        """The names the customer gives, each with the evidence of where: every name of the
        first turn that gives one ("I'm Kwabena, call me Kofi"), and a word the customer says
        and spells until two turns after it. A name the agent checks on an outbound call
        counts when none is."""
        stated, stated_cased = self.rule("stated"), self.rule("stated_cased")
        asked = self.rule("asked")
        ask_name = not asked.is_empty
        agent = self.standard.speaker
        turns = ctx.transcript.turns
        found: list[tuple[list[str], Evidence]] = []
        customer = ctx.turns_of("customer")
        named_at = -1  # the customer's turn (counted among theirs) that gave the name
        for n, i in enumerate(customer):
            if named_at >= 0 and n > named_at + 2:
                break  # the name and its spelling are given together
            text = turns[i].text
            # the agent asked for the name in the turn right before ("can I take your name?");
            # asked bare after the caller spoke of someone else ("i need to add my partner" /
            # "go on name"), the name is theirs
            asked_before = (ask_name and i > 0 and turns[i - 1].speaker == agent
                            and bool(ctx.find(asked, i - 1))
                            and not (n and ctx.annotations[i - 1].n_words <= _BARE_ASK_WORDS
                                     and "your" not in turns[i - 1].text.lower()
                                     and _THIRD_PARTY.search(turns[customer[n - 1]].text)))
            # The caller names themselves once, in one turn ("I'm Kwabena, call me Kofi"); a
            # later "it is Smart Electric" answers another question.
            cased = _cased(text)
            if named_at < 0:
                spans = ctx.find(stated, i) + (ctx.find(stated_cased, i) if cased else [])
                for span in spans:
                    if _possessive(ctx, i, span):
                        continue  # "this is Jorge's phone": someone else's name
                    span = _to_break(text, span)
                    if cased:
                        span = _with_surname(text, span)
                    span = _past_particles(text, span)
                    typed = _name_words(text[span[0]:span[1]], fold=False)
                    # (a particle is no name to address by: "Lucía de Pardo" is lucia, pardo)
                    words = [_fold(w) for w in typed if w.lower() not in _PARTICLES]
                    # In typed text a name is capitalised ("This is John", not "This is silly"),
                    # unless its sentence is typed all in lower case and the cue says a name
                    # ("kate here, acct 9931. I was ...", "my name is ravi, ..."; not "hi im
                    # livid, ...": feelings follow "I'm" and "this is" too)
                    piece = text[span[0]:span[1]]
                    # a sentence typed in capitals tells nothing by them: "I AM STANDING IN
                    # THE RAIN" is a state, as "i am standing" would be
                    if (cased and words and words[-1].endswith(_NOT_NAME_ENDINGS)
                            and not any(c.islower() for c in _sentence(text, span[0]))):
                        continue
                    # the caller sharing the agent's first name gives the surname after it
                    # ("my name's daniel as well daniel okonkwo", "i'm jessa too jessa ramos")
                    if len(words) == 1 and (surname := _shared_surname(text, span[1], piece,
                                                                       words[0])):
                        words.append(surname)
                    # ... or says it whole after ("I'm Amaru, by the way. Amaru Quispe.")
                    elif len(words) == 1 and cased and (surname := _repeated_surname(
                            text, span[1], typed[0])):
                        words.append(surname)
                    if words and (not cased or _capitalised(piece, typed)
                                  or (_NAME_SAID.search(piece) is not None
                                      and not _cased(_sentence(text, span[0])))):
                        found.append((words, ctx.evidence(i, span,
                                                          role=EvidenceRole.STATED_NAME)))
                # typed without a cue: in the caller's opening messages
                if cased and not found and n < 2 and not _ANOTHERS.search(text):
                    found += [(words, ctx.evidence(i, (a, b, "typed"),
                                                   role=EvidenceRole.STATED_NAME))
                              for a, b, words in _typed_names(
                                  text, opening=agent not in {t.speaker for t in turns[:i]})][:1]
                # ... later, a post signed after a dash ("it went through!! thank you so much.
                # - Linda")
                elif cased and not found and _may_dash(text) and (
                        signed := _LATE_SIGNATURE.search(text)):
                    found += [(words, ctx.evidence(i, (a, b, "typed"),
                                                   role=EvidenceRole.STATED_NAME))
                              for a, b, words in _typed_names(text)
                              if a == signed.start(1)][:1]
                # ... or on its last line after a sign-off that thanks no one ("So what happens
                # now?\nSaludos, Beatriz"; "Thanks, Dave" may thank the agent)
                elif cased and not found and "\n" in text and (
                        signed := _LATE_SIGNOFF.search(text)):
                    late = [w for w in _name_words(signed.group(1))
                            if _may_be_name(w) and w not in _NOT_TYPED_NAMES]
                    if late:
                        found.append((late, ctx.evidence(i, (*signed.span(1), "typed"),
                                                         role=EvidenceRole.STATED_NAME)))
            # a bare name answering the agent's question, or ending a sentence the caller
            # began in the turn before ("my name is uh" / "wei ling tan"); with the question,
            # also beside a labelled part ("Nguyen. First name Thanh."), and after a name given
            # already ("its booked under mercer" / "and the first name" / "dawn")
            own_part = (asked_before and named_at >= 0
                        and _OWN_NAME_PART.search(turns[i - 1].text) is not None
                        and not any(_THIRD_PARTY.search(turns[j].text) for j in customer[:n]))
            if (asked_before and named_at < 0) or own_part or (
                    named_at < 0 and not found and n and customer[n - 1] == i - 1
                    and _NAME_CUT.search(turns[i - 1].text[-40:])):
                answered = _bare_name(ctx, i, cased)
                if answered and not any(set(answered[0]) <= set(words)
                                        for words, _ev in found):
                    found.append(answered)
            if found and named_at < 0:
                named_at = n
            # a word said and spelled (three single letters or more: "k-a-t-e" is k, a, t, e)
            # where a name is the subject: "it's ngozi n g o z i", the surname asked for; not
            # "my w i f i keeps dropping, the wifi ..."
            if ((named_at == n or asked_before or _name_cue(text))
                    and _spells(ctx.annotations[i].words, text)):
                previous = turns[customer[n - 1]].text if n else ""
                # (not someone else's: "about my dad's hearing aid it's under haddad h a d d a
                # d first name karim", the stated rule's vetoes)
                found += [([word], ctx.evidence(i, (a, b, "spelled"),
                                                role=EvidenceRole.STATED_NAME))
                          for a, b, word in _spelled(text, previous, asked=asked_before)
                          if not any(word in words for words, _ev in found)
                          and stated.outside_vetoes(text, [(a, b, "spelled")], i)]
        # (round 39) a handle in camel case is no name, however it is given ("QuietFalcon
        # here", "- MidnightBadger")
        found = [(words, ev) for words, ev in found
                 if not any(_CAMEL_HANDLE.match(p) for p in ev.text.split())]
        return found or self._shared_name(ctx) or self._confirmed_name(ctx)

    def _reply(self, ctx: Context, index: int) -> int | None:
        """The first turn after `index` that is not the watched speaker's (their answer)."""
        turns = ctx.transcript.turns
        return next((j for j in range(index + 1, len(turns))
                     if turns[j].speaker != self.standard.speaker), None)

    def _shared_name(self, ctx: Context) -> list[tuple[list[str], Evidence]]:
        """The agent's own name when the customer's first turn after the agent's introduction
        says it is theirs too ("oh hi sam i'm sam as well"): the words a `shared` span has in
        common with the introduction."""
        rule = self.rule("shared")
        # Most calls have no "i'm X too" at all: the agent's introductions are looked for
        # only when a customer turn says it.
        if rule.is_empty or not any(ctx.find(rule, j) for j in ctx.turns_of("customer")):
            return []
        turns = ctx.transcript.turns
        for i in ctx.turns_of(self.standard.speaker):
            own = self._own_spans(ctx, i)
            if not own:
                continue
            reply = self._reply(ctx, i)
            if reply is None:
                return []
            intro = {w for a, b, _ in own for w in _name_words(turns[i].text[a:b])}
            for span in ctx.find(rule, reply):
                text = turns[reply].text
                words = [w for w in _name_words(text[span[0]:span[1]]) if w in intro]
                if words:
                    # ... with the surname after it ("i'm jessa too jessa ramos")
                    if surname := _shared_surname(text, span[1], text[span[0]:span[1]],
                                                  words[0]):
                        words.append(surname)
                    return [(words, ctx.evidence(reply, span, role=EvidenceRole.STATED_NAME))]
            return []  # only the answer to the first introduction
        return []

    def _confirmed_name(self, ctx: Context) -> list[tuple[list[str], Evidence]]:
        """The name an agent turn checks ("is this Mr Okafor?") when the customer's next turn
        confirms it; the evidence is the agent's check."""
        rule = self.rule("confirmed")
        if rule.is_empty:
            return []
        turns = ctx.transcript.turns
        for i in ctx.turns_of(self.standard.speaker):
            spans = ctx.find(rule, i)
            if not spans:
                continue
            reply = self._reply(ctx, i)
            if reply is None:
                continue
            names = _name_words(turns[i].text[spans[0][0]:spans[0][1]])
            if names and _confirms(ctx, reply):
                return [(names, ctx.evidence(i, spans[0], role=EvidenceRole.STATED_NAME))]
        return []

    def _own_spans(self, ctx: Context, index: int) -> list[tuple[int, int, str]]:
        """The agent's self-introductions in a turn; in typed text from after a comma or an
        exclamation inside one: "Hi Marguerite, Aisha here" and "Hi Ilse! Mateus here" address
        the customer, then name the agent."""
        rule = self.rule("own_name")
        if rule.is_empty:
            return []
        spans = ctx.find(rule, index)
        text = ctx.transcript.turns[index].text
        if "," not in text and "!" not in text:
            return spans
        trimmed = []
        for a, b, how in spans:
            cut = max(text.rfind(",", a, b), text.rfind("!", a, b))
            if cut >= 0 and re.search(r"[^\W\d_]", text[cut + 1:b]):
                a = cut + 1
            trimmed.append((a, b, how))
        return trimmed

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
        # each name word, with the evidence of where the customer gave it (None: metadata)
        known: dict[str, Evidence | None] = {}
        # the first names: a word that is also an ordinary word is read more loosely as the
        # customer's first name than as their surname ("thanks for holding rich the ...", not
        # "a great price" to Dan Price)
        firsts: set[str] = set()
        # names joined from pieces speech recognition split ("les son"): they may be words
        # ("lesson"), so they count only where they address the customer
        joined: set[str] = set()
        if isinstance(raw, str) and raw.strip():
            known = dict.fromkeys(_name_words(raw))
            firsts.update(list(known)[:1])
            origin = f"metadata {std.metadata_key} {raw!r}"
            # (round 27) the name the customer goes by, given in the conversation beside the
            # records' one: "Benjamin Cole" in the metadata, the e-mail signed "Cheers, Benji".
            # Read only when no agent turn holds a word of the records' name: most calls use
            # it, and need no reading of the customer's turns.
            records = frozenset(known)
            if all(records.isdisjoint(_folded(ctx.annotations[i].words,
                                              ctx.transcript.turns[i].text))
                   for i in ctx.window(std.speaker, std.window)):
                for words, where in self._stated_names(ctx):
                    if not known.keys() >= set(words):
                        firsts.update(words[:1])
                    for word in words:
                        known.setdefault(word, where)
        else:
            stated = self._stated_names(ctx)
            for words, where in stated:
                firsts.update(words[:1])
                for word in words:
                    known.setdefault(word, where)
                # a name speech recognition split as the customer said it, whole in the
                # agent's words: "olu mide adeyemi" / "right olumide"
                for a, b in pairwise(words):
                    if (len(a) <= _SPLIT_PIECE and len(b) <= _SPLIT_PIECE
                            and len(a + b) >= _SPLIT_MIN and (a + b).isalpha()
                            and a + b not in known):
                        known[a + b] = where
                        joined.add(a + b)
            origin = " and ".join(dict.fromkeys(f"the customer's words {quote(where.text)}"
                                                for _words, where in stated))
        names = list(known)
        sources = list(dict.fromkeys(e for e in known.values() if e is not None))
        indices = ctx.window(std.speaker, std.window)
        wanted = frozenset(names)
        kin: frozenset[tuple[str, str]] | None = None
        sounds = _sounds(names)
        metaphones: dict[str, str] | None = None
        for i in indices:
            ann = ctx.annotations[i]
            # Most turns hold no name word and no placeholder (and most calls have no name):
            # nothing to look for, not even the agent's own introduction.
            text = ctx.transcript.turns[i].text
            words = _folded(ann.words, text) if wanted else ann.words
            named = not wanted.isdisjoint(words)
            # a spelling of the name by sound, only in speech-recognition text (no capitals):
            # in typed text the agent sees the name, and "Martha" for "Marta" is a wrong name
            sounded = (_sounded(ann, sounds, known, i, std.speaker)
                       if sounds and not named and not _cased(text) else [])
            if not named and not sounded and names and not _cased(text):
                if metaphones is None:
                    metaphones = _metaphones(names)
                sounded = _sounded_after(ann, metaphones, known, i, std.speaker)
            if not named and not sounded and known:
                sounded = _variant(ann, text, known, firsts, i, std.speaker)
            if not named and not sounded and not _may_mask(text):
                continue
            own = self._own_spans(ctx, i)
            if named and kin is None:
                kin = _kin(ctx, wanted, firsts)
            relatives = kin or frozenset()
            hits = [(s, e, w) for k, (w, (s, e)) in enumerate(zip(words, ann.spans,
                                                                     strict=True))
                    if w in wanted and not any(a <= s < b for a, b, _ in own)
                    and _said_after(known[w], i, std.speaker)
                    and not _spoken_of(words, k, text, s, e)
                    and not _read_back(words, k, wanted)
                    and not (k >= 1 and words[k - 1] in _POSSESSORS)
                    # the surname after another first name the customer gave it with: a
                    # relative ("so that's temi adeyemi as a named driver", to Olu Adeyemi)
                    and not (k >= 1 and (words[k - 1], w) in relatives)
                    # a possessive after it speaks of the person ("Mrs Nowak's permit has been
                    # renewed", to her son who wrote in)
                    and text[e:e + 2] not in ("'s", "’s")
                    and not _this_one(words, k, text, ann.spans)
                    # the company's name in the turn that answers the call: "Good afternoon,
                    # Hale and Morrow, Femi." to Nora Hale
                    and not (i == 0 and (_ANSWERING_PAIR.match(text, e) is not None
                                         or _PAIR_BEFORE.search(text, 0, s) is not None
                                         and text[e:e + 1] in (",", ".")))
                    and not _colleague(words, k, text, e)
                    and not _someone_else(words, k, text, ann.spans, known, firsts)
                    and (w not in _WORD_NAMES and w not in _stop_words() and w not in joined
                         or _addressed(words, k, text, s, e)
                         or (w in firsts and _addressed_by_known_name(words, k, text)))
                    ] if named else [
                (s, e, w) for s, e, w in sounded if not any(a <= s < b for a, b, _ in own)]
            if hits:
                s, e, word = hits[0]
                ev = ctx.evidence(i, (s, e, "name"))
                source = known[word]
                return self.result(Status.MET, f"The agent addressed the customer as "
                                   f"{quote(ev.text)} in turn {i + 1}.",
                                   evidence=[ev] + ([source] if source else []))
            if masked := self._placeholder(ctx, i, own):
                return self.result(Status.MET, f"The agent addressed the customer by a name "
                                   f"masked as {quote(masked.text)} in turn {i + 1}.",
                                   evidence=[masked] + sources[:1])
        if echo := self._echoed(ctx, indices, wanted):
            i, ev, source = echo
            if source is None:
                return self.result(Status.MET, f"The agent addressed the customer as "
                                   f"{quote(ev.text)} in turn {i + 1}, a name it knew (not "
                                   "said before in the conversation).", evidence=[ev])
            return self.result(Status.MET, f"The agent addressed the customer as "
                               f"{quote(ev.text)} in turn {i + 1}, a name the customer gave "
                               f"({quote(source.text)}, turn {source.turn_index + 1}).",
                               evidence=[ev, source])
        if not names:
            return self.not_applicable("The customer's name is unknown (not in metadata, "
                                       "not stated in the conversation).")
        if split := self._split_name(ctx, indices, known):
            i, ev = split
            source = known[_fold(ev.text.replace(" ", "").lower())]
            return self.result(Status.MET, f"The agent addressed the customer as "
                               f"{quote(ev.text)} in turn {i + 1} (the name split by speech "
                               "recognition).", evidence=[ev] + ([source] if source else []))
        if not ctx.heard_turns(std.speaker):
            return self.result(Status.MISSED, f"{silent(std.speaker)}, so it never uses the "
                               f"customer's name ({', '.join(names)}, from {origin}).",
                               evidence=sources)
        return self.result(Status.MISSED, f"The customer's name ({', '.join(names)}, from "
                           f"{origin}) never appears in {std.window.describe(std.speaker)}"
                           " except in the agent's own introduction." if self._shared(ctx, names)
                           else f"The customer's name ({', '.join(names)}, from {origin}) never "
                           f"appears in {std.window.describe(std.speaker)}.",
                           evidence=sources + list(
                               ctx.looked(indices, std.window.describe(std.speaker))))

    def _echoed(self, ctx: Context, indices: list[int], known: frozenset[str]
                ) -> tuple[int, Evidence, Evidence | None] | None:
        """A name the agent addresses the customer with that the customer gave before in a
        form no cue caught ("hey it's Sunny", a signature after a P.S., "DM: order 55120, Leah
        Brooks", "it's shivon kelly s i o b h a n"): a word in an address position of an agent
        turn ("Thanks Leah.", "Hi Grace and Tom,", "thank you august do you ...") that a
        customer turn before it holds as a name (`_given`), or that an agent turn checked and
        the customer confirmed ("the policy is held by Chiamaka Abara, is that you?" / "yes
        that's me"). Not the agent's own name, nor one the customer addresses the agent by.
        Both ends are needed: an address alone may be a word ("okay great"), a capital alone a
        place or a product."""
        turns = ctx.transcript.turns
        # agent turns that may address someone: a greeting or thanks in them, or typed
        # opening on a name and a comma ("Callum, that's done")
        leading = [i for i in indices if _may_address(turns[i].text, ctx.annotations[i].words)]
        if not leading:
            return None
        # The words that may address someone, in order: in typed text a capitalised word in an
        # address position (few turns have one); in speech every word that may be a name, its
        # position read only if the customer said it too (speech has many loose positions).
        # The customer's turns are read for these words alone (`_echo_pool`), once.
        found: list[tuple[int, int, str, str | None, list[str]]] = []
        for i in leading:
            ann = ctx.annotations[i]
            text = turns[i].text
            words = _folded(ann.words, text)
            if not _cased(text):
                found += [(i, k, word, None, words) for k, word in enumerate(words)
                          if k and word not in known and _echo_candidate(word)]
                continue
            # what `_address_position` needs first in typed text: the turn's first word, or a
            # greeting or thanks before it (few words follow one), then a capital
            for k in _after_leads(words):
                word = words[k]
                start, end = ann.spans[k]
                if (word in known or not text[start:start + 1].isupper()
                        or not _echo_candidate(word) or _CAMEL_HANDLE.match(text, start)):
                    continue  # (round 39: nor a handle in camel case, "Thanks MidnightBadger")
                position = _address_position(words, k, text, start, end, True)
                if position is not None:
                    found.append((i, k, word, position, words))
        own: set[str] | None = None
        if not found:
            return None if known else self._known_to_agent(ctx, leading, own)
        pool = self._echo_pool(ctx, {word for _i, _k, word, _p, _w in found})
        for i, k, word, position, words in found:
            if word not in pool or _read_back(words, k, frozenset((word,))):
                continue
            text = turns[i].text
            start, end = ctx.annotations[i].spans[k]
            if position is None:  # speech: the position read now
                position = _address_position(words, k, text, start, end, False)
                if position is None:
                    continue
            if own is None:
                own = self._agent_names(ctx)
            if word in own:
                continue
            source = self._given(ctx, word, i)
            # A name known already is the name: another one only as the customer spelled it
            # ("it's shivon kelly, s i o b h a n"); a loose address (speech, a name that is no
            # word, "thank you siobhan would it ...") only of a spelled name.
            if source is not None and (source.label == "spelled" or (
                    not known and position == "address")):
                return i, ctx.evidence(i, (start, end, "name")), source
        return None if known else self._known_to_agent(ctx, leading, own)

    def _known_to_agent(self, ctx: Context, leading: list[int], own: set[str] | None
                        ) -> tuple[int, Evidence, None] | None:
        """A typed greeting or thanks to a capitalised name ("Hi Hazel,", "Thanks, Mr Oduya!",
        "Dear Ines and Pedro,") when no name is known from the conversation: the agent knew
        the name (a profile, a handle, the account), so it was known and used. Only typed: in
        speech a word after "thanks" or "okay" is as often no name."""
        turns = ctx.transcript.turns
        handles: list[str] | None = None
        for i in leading:
            text = turns[i].text
            if not _cased(text) or not _may_greet(text, ctx.annotations[i].words):
                continue
            for m in _TYPED_VOCATIVE.finditer(text):
                word = m.group(1).lower()
                if (not _echo_candidate(word) or len(word) < 3
                        or _COMPANY_PAIR.match(text, m.end(1))
                        or (i == 0 and (_ANSWERING_AFTER.match(text, m.end(1))
                                        or _ANSWERING_PAIR.match(text, m.end(1))))):
                    continue
                # a name read off the customer's handle is a guess, not a name known ("Hi
                # Maria!" to @maria_lopez88, "Hi Kwame!" to a post signed "— Kwame_A": a
                # handle is not a name)
                if handles is None:
                    handles = [part for j in ctx.turns_of("customer")
                               for h in _HANDLE.findall(turns[j].text)
                               for part in re.split(r"[^a-z]+", h.lower().lstrip("@")) if part]
                if any(part.startswith(word) for part in handles):
                    continue
                if own is None:
                    own = self._agent_names(ctx)
                if word not in own:
                    return i, ctx.evidence(i, (m.start(1), m.end(1), "name")), None
        return None

    def _echo_pool(self, ctx: Context, wanted: set[str]) -> set[str]:
        """Of the `wanted` words (the agent's words in address positions that may be names),
        those that may be a name the customer gave (`_given` decides where): words of the
        customer's turns and spellings, and words of typed agent questions the customer's
        reply confirms. Built once per call, and only when some address is found."""
        turns = ctx.transcript.turns
        pool: set[str] = set()
        agent = self.standard.speaker
        for j, turn in enumerate(turns):
            if len(pool) == len(wanted):
                break  # every word the agent said that may be a name is the customer's too
            ann = ctx.annotations[j]
            if turn.speaker == agent:
                if "?" in turn.text and _FULL_NAME_INSIDE.search(turn.text):
                    reply = self._reply(ctx, j)
                    if reply is not None and _confirms(ctx, reply):
                        pool.update(wanted.intersection(_folded(ann.words, turn.text)))
                continue
            if turn.speaker != "customer":
                continue
            pool.update(wanted.intersection(_folded(ann.words, turn.text)))
            # a spelling that differs from the words speech recognition wrote ("shivon ...
            # s i o b h a n"); typed text spells what it writes
            if (len(pool) < len(wanted) and not _cased(turn.text)
                    and _SPELLING.search(turn.text)):
                pool.update(wanted.intersection(_fold(w) for _s, _e, w in _spellings(turn.text)))
        return pool

    def _agent_names(self, ctx: Context) -> set[str]:
        """Name words of the agent's introductions and sign-offs, and the words the customer
        addresses someone by ("Thanks Marisol."): names that are not the customer's."""
        turns = ctx.transcript.turns
        names: set[str] = set()
        for i in ctx.turns_of(self.standard.speaker):
            text = turns[i].text
            for a, b, _ in self._own_spans(ctx, i):
                names.update(_name_words(text[a:b]))
            if "\n" in text:  # a sign-off: the last lines of a typed message
                names.update(w for line in text.rstrip().split("\n")[-3:]
                             for w in _name_words(line) if len(line.split()) <= 4)
        agent = self.standard.speaker
        first = next((i for i, t in enumerate(turns) if t.speaker == agent), len(turns))
        for j in ctx.turns_of("customer"):
            ann = ctx.annotations[j]
            text = turns[j].text
            for k in range(1, len(ann.words)):
                after = ann.words[k + 1] if k + 1 < len(ann.words) else "_eot_"
                # the end of a message opening the exchange is its sign-off ("..., Thanks,
                # Hemi"): no agent has spoken to be thanked by name
                if after == "_eot_" and j < first:
                    continue
                start = ann.spans[k][0]
                if (ann.words[k - 1] in _CUSTOMER_TO_AGENT and after not in _SELF_NAMING
                        and "\n" not in text[ann.spans[k - 1][1]:start]  # "Cheers,\nLin"
                        and (not _cased(text) or text[start:start + 1].isupper())):
                    names.add(_fold(ann.words[k]))
        return names

    def _given(self, ctx: Context, word: str, before: int) -> Evidence | None:
        """Where a customer turn before agent turn `before` gives `word` as a name: typed with
        a capital, said after a cue ("it's", "name", "this is"), in an answer to a question
        about the name, spelled letter by letter; or checked by an agent turn ("... is held by
        Chiamaka Abara, is that you?") the customer's next turn confirms."""
        turns = ctx.transcript.turns
        agent = self.standard.speaker
        for j in range(before):
            turn = turns[j]
            ann = ctx.annotations[j]
            words = _folded(ann.words, turn.text)
            if turn.speaker == agent:
                if word in words and "?" in turn.text and _cased(turn.text):
                    reply = self._reply(ctx, j)
                    if reply is not None and reply < before and _confirms(ctx, reply):
                        k = words.index(word)
                        s, e = ann.spans[k]
                        if turn.text[s:s + 1].isupper():
                            return ctx.evidence(j, (s, e, "checked"),
                                                role=EvidenceRole.STATED_NAME)
                continue
            if turn.speaker != "customer":
                continue
            text = turn.text
            if word in words:
                k = words.index(word)
                s, e = ann.spans[k]
                if not _OTHERS.isdisjoint(_lead_words(text, s)):
                    continue  # "for my dad, Hiroshi Mori", "his name is ..."
                if _cased(text):
                    if text[s:s + 1].isupper():
                        return ctx.evidence(j, (s, e, "typed"), role=EvidenceRole.STATED_NAME)
                    continue
                # speech: early in the answer to a question about the name, or right after a
                # cue ("my name is", "it's", "i'm", "called")
                asked = (j > 0 and turns[j - 1].speaker == agent
                         and bool(ctx.find(self.rule("asked"), j - 1)))
                opening = [w for w in words[:k] if w not in _FILLERS]
                # ("called" after "i'm", not after a thing: "a restaurant called kohinoor")
                thing_called = (words[k - 1] in ("called", "named")
                                and (k < 2 or words[k - 2] not in ("am", "is", "'m", "me")))
                if ((asked and len(opening) <= 4)
                        or (words[k - 1] in _NAME_CUE_WORDS and not thing_called)
                        or (k >= 2 and tuple(words[k - 2:k]) in _NAME_CUE_PAIRS
                            and len(opening) <= 5)):
                    return ctx.evidence(j, (s, e, "said"), role=EvidenceRole.STATED_NAME)
            elif len(word) >= 3 and sum(len(t.strip(".-")) == 1
                                        for t in text.split()) >= len(word):
                for start, end, letters in _spellings(text):
                    if _fold(letters) == word:
                        return ctx.evidence(j, (start, end, "spelled"),
                                            role=EvidenceRole.STATED_NAME)
        return None

    def _split_name(self, ctx: Context, indices: list[int],
                    known: dict[str, Evidence | None]) -> tuple[int, Evidence] | None:
        """A long name (6 letters or more) that speech recognition split into two or three
        short pieces in an agent turn ("mag da lena" for magdalena, "kowal czyk"), outside
        the agent's own introduction. Only in text without capitals: typed text spells it."""
        long_names = {w for w in known if len(w) >= _SPLIT_MIN and w.isalpha()}
        if not long_names:
            return None
        # a split name's first piece begins one of them: most words begin none
        heads = {name[:j] for name in long_names for j in range(1, _SPLIT_PIECE + 1)}
        for i in indices:
            text = ctx.transcript.turns[i].text
            if _cased(text):
                continue
            ann = ctx.annotations[i]
            words, spans = _folded(ann.words, text), ann.spans
            own = None
            for k in range(len(words) - 1):
                if words[k] not in heads:
                    continue
                for n in (2, 3):
                    pieces = words[k:k + n]
                    if len(pieces) < n or any(len(p) > _SPLIT_PIECE or not p.isalpha()
                                              for p in pieces):
                        continue
                    if "".join(pieces) not in long_names:
                        continue
                    start, end = spans[k][0], spans[k + n - 1][1]
                    if own is None:
                        own = self._own_spans(ctx, i)
                    if any(a <= start < b for a, b, _ in own) or not _said_after(
                            known["".join(pieces)], i, self.standard.speaker):
                        continue
                    return i, ctx.evidence(i, (start, end, "name"))
        return None

    def _shared(self, ctx: Context, names: list[str]) -> bool:
        """Whether a name word occurs only inside the agent's own introduction."""
        for i in ctx.turns_of(self.standard.speaker):
            for a, b, _ in self._own_spans(ctx, i):
                ann = ctx.annotations[i]
                words = _folded(ann.words, ctx.transcript.turns[i].text)
                if any(w in names and a <= s < b
                       for w, (s, _e) in zip(words, ann.spans, strict=True)):
                    return True
        return False


def _said_after(source: Evidence | None, index: int, speaker: str) -> bool:
    """Whether agent turn `index` comes after the name was known from `source`: not before
    the customer gave it, and not the agent's own check of it ("is this Mrs Patel?")."""
    return source is None or index > source.turn_index or (
        index == source.turn_index and source.speaker != speaker)


#: Words after which a word addresses someone ("thank you muhammad", "okay shivaun, let's").
_ADDRESS_LEAD = frozenset("""thanks thank you hi hello hey okay ok sure bye goodbye great perfect
right morning afternoon evening sorry mr mrs ms miss dr dear alright lovely welcome cheers
brilliant certainly absolutely excellent wonderful fantastic""".split())


#: Names that are also ordinary words ("will you confirm", "i hope that helps", "we'll chase
#: it", "the first bill", "rose lane"): the agent uses one as the name only where it addresses
#: the customer (`_addressed`). Spacy's stop words ("will", "may") are such names too.
_WORD_NAMES = frozenset("""hope chase bill mark grant joy rose faith grace dawn summer autumn
april june august pat sue rob jack frank guy art bob don ray drew gene lily daisy holly ivy
amber ruby crystal pearl violet heather iris sky hunter cash sunny rich carol sandy penny dean
eve hazel chance miles wade lance page sterling king rusty buddy sonny cliff glen dale earl
norm herb honey melody harmony destiny trinity justice mercy patience charity verity liberty
star river rain storm brook reed rod nick max rocky sage jade opal coral ginger poppy candy
fern olive basil bay clay bishop baker cook mason carter porter fisher archer miller hill wood
brown green white black grey gray young long little bird fox wolf lamb bush bell banks marsh
march price rice bond ward church lane hall gill field park head cross rose precious blessing
gift honor honour lucky happy serenity prudence modesty constance monday tuesday wednesday
thursday friday saturday sunday may january february september october november december
winter spring""".split())
_TITLES = _RANKS | frozenset("mr mrs ms miss mister missus dr doctor dear".split())
#: Words before a title that speak of the person, not to them ("tell mrs acheson", "for mr
#: ali", "let dr shah know").
_SPOKEN_OF = frozenset("""tell told let ask asked for to with from about of at by inform
remind give gave send sent call contact email see saw""".split())
#: Words after which a name word addresses someone in speech-recognition text: those after
#: which any word may (`_ADDRESS_LEAD`), and the ends of "no problem", "sorry again", "cool",
#: "fine" ("no problem sunny what's up"); titles are read apart, and "thank you" is read as
#: "thanks" (`_addressed`).
_VOCATIVE_LEAD = (_ADDRESS_LEAD | {"problem", "again", "cool", "fine"}) - _TITLES - {"thank",
                                                                                     "you"}
#: Words that may follow a name said to someone in speech-recognition text ("thanks will and
#: ...", "okay grace sorry about that"), not those that continue it as a word ("thanks hope
#: that helps", "okay will you ...").
_AFTER_VOCATIVE = frozenset("""_eot_ and i we let so just your thank thanks how what when where
who bye take sorry anything okay right please""".split())
#: Greetings: in speech-recognition text a name word right after one addresses someone,
#: whatever follows ("hi mark ill take that now", "hey sandy sure"); an auxiliary name is read
#: apart ("hi will you be ...").
_GREETING_LEAD = frozenset("hi hello hey hiya morning afternoon evening bye goodbye".split())
#: Discourse words opening a sentence: a name word after one addresses someone unless the next
#: word goes on with it as a word (`_GOES_ON`, a number or `_DETAIL_WORDS`: "okay chase that
#: up", "thanks hope you're well", "okay bill is ready", "okay june fifth"); adjectives are
#: not among them ("great price").
_OPENER_LEAD = frozenset("okay ok alright thanks cheers sure".split())
#: Words that continue a name word as an ordinary word: objects, determiners, particles,
#: prepositions, verbs it would be the subject of, numbers.
_GOES_ON = frozenset("""the a an your my our their his her its it this that these those them
him me us you up down off out over in on at to of for with from by as into onto through back
is was are were be been being has have had do does did will would can could should may might
must shall 's not all everything everyone both each every some any no nothing something one
""".split())
#: Of those, the subjects that may open a new clause after the name ("okay jack that is done").
_SUBJECTS = frozenset("it this that".split())
#: Finite verbs that show such a subject opens a clause.
_FINITE = frozenset("is was has will should can 's".split())
#: Name words that as words take a clause: "thanks hope that is okay".
_CLAUSE_NAMES = frozenset({"hope"})
#: A name this long may come split by speech recognition into pieces this short at most.
_SPLIT_MIN, _SPLIT_PIECE = 6, 5
#: Names that are also auxiliaries: before "i" or "we" they ask ("sorry may i confirm").
_AUX_NAMES = frozenset({"will", "may"})
#: Words before a turn's last word that make it a word, not a name ("on your next bill", "i
#: hope", "we'll chase").
_BEFORE_WORD = frozenset("""the a an your my our their his her its this that next first last
new on in at to of for from by with i we they you he she will would can could should must
might shall please every any no each some is was are were be until till since before after
during""".split())


#: Goodbyes said after the name of the person they are said to (`_goodbye_ends`).
_FAREWELLS = frozenset("bye goodbye cheers ciao".split())
#: Words a name said goodbye to follows: a day or time ("see you thursday jack bye"), a wish
#: ("have a good day jack bye", "take care ..."), thanks or an opener; not a noun or an
#: adjective the name would be a word after ("the final bill goodbye", "my colleague mark bye").
_BEFORE_FAREWELL = frozenset("""monday tuesday wednesday thursday friday saturday sunday
tomorrow today tonight then now soon later again weekend week morning afternoon evening night
day care thanks you okay alright right great perfect lovely brilliant cheers too yourself
yourselves""".split())


def _goodbye_ends(words: list[str], k: int) -> bool:
    """Whether the words after word `k` are a goodbye that ends the turn: a farewell ("bye",
    "cheers"; "goodbye" is normalised "good bye"), then only goodbye words (`GOODBYE_WORDS`:
    "bye now", "cheers then")."""
    tail = words[k + 1:]
    if tail and tail[-1] == "_eot_":
        tail = tail[:-1]
    if tail[:2] == ["good", "bye"]:
        tail = tail[1:]
    return (bool(tail) and tail[0] in _FAREWELLS
            and all(w in GOODBYE_WORDS or w in _FAREWELLS for w in tail))


#: What follows "this <name>" when the agent speaks of itself ("this Sofia is going to get you
#: moving", "this sam will sort it").
_SELF_AFTER = frozenset("is will has can would 's 'll here wants".split())


def _this_one(words: list[str], k: int, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether name word `k` follows "this" with nothing between, the agent naming itself in
    the third person ("this Sofia is going to get you moving"; not "sorry about all this,
    Maria")."""
    if k < 1 or words[k - 1] != "this" or text[spans[k - 1][1]:spans[k][0]].strip():
        return False
    return k + 1 < len(words) and words[k + 1] in _SELF_AFTER


def _kin(ctx: Context, names: frozenset[str], firsts: set[str]) -> frozenset[tuple[str, str]]:
    """The customer's surname (a name word that is not a first name) after another name the
    customer said it with, as (word, surname): someone of the family ("my daughter, temi
    adeyemi", from Olu Adeyemi). Those two words in the agent's turn speak of that person."""
    surnames = names - firsts
    found: set[tuple[str, str]] = set()
    for j in ctx.turns_of("customer") if surnames else ():
        text = ctx.transcript.turns[j].text
        words = _folded(ctx.annotations[j].words, text)
        found.update((a, b) for a, b in pairwise(words)
                     if b in surnames and a not in names and a.isalpha() and a not in _PARTICLES
                     and a not in _stop_words() and a not in _TITLES)
    return frozenset(found)


def _colleague(words: list[str], k: int, text: str, end: int) -> bool:
    """Whether name word `k` (ending at `end` in `text`) is the subject of a clause about
    someone of a team ("ana from dispatch will ring you friday", "Dev in billing has approved
    it"): the name, with no stop or comma after it, where they work, then a verb it is the
    subject of (not "tom from what i can see ...", "priya in fact it was ...", "Sam, from
    tomorrow it will ...")."""
    return (k + 3 < len(words) and words[k + 1] in ("from", "in", "at", "on")
            and re.match(r"[ \t]+\w", text[end:]) is not None
            and words[k + 2] not in _NOT_A_PLACE
            and not (words[k + 2] == "the" and words[k + 3] in _NOT_A_PLACE)
            and any(w in _COLLEAGUE_VERBS for w in words[k + 2:k + 5]))


#: Verbs whose subject is the colleague `_colleague` finds.
_COLLEAGUE_VERBS = frozenset("""will would can could should may might must shall has had is was
says said 'll""".split())
#: Words after "from" / "in" / "at" / "on" that open an adverbial, not a team or a place ("from
#: what I can see", "in fact", "at least", "on checking", "from the look of it", "from Monday").
_NOT_A_PLACE = frozenset("""what fact short future present least most general particular case
addition total theory practice fairness reality truth summary checking looking reflection top
first now then today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december look
sound start beginning end outset moment way system record records screen file notes my your
this that which time""".split())


def _someone_else(words: list[str], k: int, text: str, spans: list[tuple[int, int]],
                  known: Mapping[str, Evidence | None], firsts: set[str]) -> bool:
    """Whether surname word `k` of a typed agent turn names someone else who shares it: after
    a capitalised first name the customer's is not ("the lead passenger, Mrs Adaeze Obi", to
    Emeka Obi), or after a title as the subject of a verb ("Mrs Obi will receive the
    confirmation": spoken of, not to)."""
    word = words[k]
    if k < 1 or word in firsts or not _cased(text):
        return False
    before = words[k - 1]
    start = spans[k - 1][0]
    # (round 31) a particle of the surname itself: "Ms Al-Sayed", "Mr van Wyk"
    # (round 39) ... an Irish one, written capitalised: "Mr Ó Briain", "Ms Ní Bhriain"
    if before in _PARTICLES and (text[spans[k - 1][1]:spans[k][0]] == "-"
                                 or text[start:start + 1].islower()
                                 or before in ("o", "ó", "ni", "ní", "nic")):
        return False
    if (before.isalpha() and before not in known and before not in _TITLES
            and before not in _HONORIFICS and before not in _ADDRESS_LEAD
            and before not in _stop_words()
            and text[start:start + 1].isupper()
            and start > 0 and text[start - 1] in " \t"):
        return True
    end = spans[k][1]
    # (not a question put to them: "Mrs Obi can you confirm ...?", "Mr Patel would you prefer
    # mornings?")
    stop = _SENTENCE_STOP.search(text, end)
    return (before in _TITLES and k + 1 < len(words) and words[k + 1] in _THIRD_PERSON
            and text[end:end + 1] not in (",", "!", "?", ".")
            and (k + 2 >= len(words) or words[k + 2] not in ("you", "u", "ya"))
            and (stop is None or stop.group() != "?"))


#: Honorifics, roles and forms of address in many languages that stand before a surname
#: ("Professor Obi", "Sr. Ruiz", "Herr Weber", "Coach Reid", "Hola Sra. Díaz"): not another
#: first name (with greetings `_ADDRESS_LEAD` lacks; its English greetings and thanks are not
#: repeated here).
_HONORIFICS = frozenset("""professor prof sr sra srta señor señora senor senora herr frau don
doña dona monsieur madame mme mlle signor signora sig dott dottore ing sir madam dame
lord lady rev reverend father sister brother officer captain judge councillor cllr hr fr pani
coach pastor nurse chef imam rabbi sheikh sensei auntie aunty uncle chief sergeant sgt constable
inspector detective major colonel general principal dean mayor senator governor bishop elder
deacon president director ustaz ustadh maestro
pan sayın bay bayan shri smt sri mx hiya hola bonjour hallo ciao olá ola oi congratulations
sehr geehrter geehrte liebe lieber querido querida caro cara cher chère estimado
estimada""".split())
#: Verbs after a titled name that make it the subject, spoken of ("Mrs Obi will receive ...").
_THIRD_PERSON = frozenset("""will would has had is was can could should must may might needs
needed wants wanted said says""".split())


def _spoken_of(words: list[str], k: int, text: str = "", start: int = 0, end: int = 0) -> bool:
    """Whether name word `k` follows a title that speaks of the person ("please tell mrs
    acheson", "a letter for mr ali"); not when a comma sets the title off from the word before
    it and the name ends its clause, the name said to the customer (`start`, `end`: where the
    name word is in `text`: "anything else I can help with, Ms Rivers?"; not "I'll transfer you
    to, let me see, Mr Nair in claims")."""
    return (k >= 2 and words[k - 1] in _TITLES and words[k - 2] in _SPOKEN_OF
            and not (_TITLE_SET_OFF.search(text, 0, start)
                     and _CLAUSE_END.match(text, end) is not None))


#: A title (`_TITLES`) set off by a comma (or a dash) from the words before it, ending where its
#: name begins.
_TITLE_SET_OFF = re.compile(r"[,;:–—]\s*(?:" + "|".join(sorted(_TITLES)) + r")\.?\s+$",
                            re.IGNORECASE)
#: The end of a clause after a name: a stop, a question mark, a comma, the end of the text.
_CLAUSE_END = re.compile(r"[ \t]*(?:[.?!,;]|\Z)")


def _addressed(words: list[str], k: int, text: str, start: int, end: int) -> bool:
    """Whether name word `k` of an agent turn addresses the customer, for a name that is also
    an ordinary word: after a title ("mister fisher", "Dear Joy"); in typed text written with
    a capital and closing its phrase ("Thanks, Grant.", not "Hope you're well"); in
    speech-recognition text between a greeting or thanks and the next clause ("thank you mark
    and ...", not "i can help with that will you"), or ending the turn after a word that
    leaves it a name ("anything else sunny", not "on your next bill")."""
    before = words[k - 1]
    if before in _PARTICLES and k >= 2 and words[k - 2] in _TITLES:
        before, k = words[k - 2], k - 1  # "Ms Al-Sayed", "Mr van Wyk": the title's name
    if before in _TITLES:
        # "thank you mrs okafor", not "please tell mrs acheson to ...", "for mr ali"
        return not _spoken_of(words, k, text, start, end)
    if before == "you" and words[k - 2] == "thank":
        before = "thanks"
    # "thanks so much joy", "thank you very much hope"
    if before == "much" and k >= 3 and words[k - 2] in ("so", "very") and words[k - 3] in (
            "thanks", "you"):
        before = "thanks"
    # after a word that keeps it a word ("starts in June", "on your next bill", "14 August")
    as_word = before in _BEFORE_WORD or any(c.isdigit() for c in before)
    if _cased(text):
        # a capital, closing its phrase; after such a word only when a comma sets it off
        # ("Nice to meet you, June.")
        return (text[start:start + 1].isupper()
                and re.match(r"[ \t]*(?:[,.!?;:)\n–—]|-[ \t]|\Z)", text[end:]) is not None
                and (not as_word or re.search(r"[,;:!?(\n–—-][ \t]*\Z", text[:start])
                     is not None))
    after = words[k + 1] if k + 1 < len(words) else "_eot_"
    if after == "_eot_":
        return not as_word
    if words[k] in _AUX_NAMES:
        if after in ("i", "we"):
            return False
    elif after in ("thank", "thanks") and not as_word:
        return True  # thanks said after the name: "lovely to hear joy thank you"
    elif before in _BEFORE_FAREWELL and _goodbye_ends(words, k):
        return True  # "see you thursday jack bye", "take care jack goodbye now"
    elif after == "have" and before in _VOCATIVE_LEAD:
        return True  # "thanks so much joy have a great day" (not "okay will have a look")
    if words[k] in _stop_words():  # "will", "may": read only by the words above and below
        pass
    elif before in _GREETING_LEAD:
        return True  # a greeting's name is said to someone: "hi rose no problem"
    elif before in _OPENER_LEAD:
        # "okay jack that's done", not "okay chase that up", "okay bill is ready"; a pronoun
        # opening a clause ("that is", "it has") leaves the name a name, but after a word
        # that takes a clause it is the clause ("thanks hope that is okay")
        if after in _SUBJECTS:
            nxt = words[k + 2] if k + 2 < len(words) else "_eot_"
            return nxt in _FINITE and words[k] not in _CLAUSE_NAMES
        if (after not in _GOES_ON and after not in _DETAIL_WORDS
                and not any(c.isdigit() for c in after)):
            return True
    return before in _VOCATIVE_LEAD and (after in _AFTER_VOCATIVE
                                         or text[end:].lstrip().startswith("["))


#: Words that end a courtesy or an opener before the name, in speech-recognition text, when
#: the word is the customer's own name ("thanks for holding rich", "take care rich", "sure
#: thing hope", "congratulations to him rich", "let me check that for you mark"): those of
#: `_VOCATIVE_LEAD` and `_OPENER_LEAD`, and the ends of such phrases.
_KNOWN_LEAD = _VOCATIVE_LEAD | _OPENER_LEAD | frozenset(
    "care calling holding waiting patience thing him them".split())
#: Words before a noun, never before the name of the person spoken to: "your case has been
#: approved" to Jack Case, "the card" to Ana Card.
_POSSESSORS = frozenset("your the a an my our their".split())
#: Words before a lead that make it an adjective before a noun, not a courtesy: "the right
#: bill", "a great price", "such a lovely rose".
_DETERMINERS = _POSSESSORS | frozenset(
    "his her its this that very so such really quite pretty most".split())
#: Words opening a new clause or a goodbye after the name: a subject, a question's verb with
#: its subject after it (`_INVERTED`), a wish ("okay rose can i ...", "sorry mark you should
#: have had ...", "thank you for calling hope enjoy the games").
_KNOWN_AFTER = _AFTER_VOCATIVE | frozenset("you the enjoy have bye".split())
_INVERTED = frozenset("can could would will shall may do did".split())
#: After a name word that takes a clause as a word ("thanks hope that helps", "thank you hope
#: you are well"), these go on with it as a word.
_CLAUSE_AFTER = frozenset("you that it this the we everything all to so your".split())


def _addressed_by_known_name(words: list[str], k: int, text: str) -> bool:
    """Whether word `k` of a speech-recognition agent turn, the customer's own name and also
    an ordinary word, addresses them in a looser place than `_addressed` allows for a word
    that may be no name: after the end of a courtesy or an opener (`_KNOWN_LEAD`; "you"
    only at the turn's end, "let me check that for you mark"), before a new clause
    (`_KNOWN_AFTER`, or "can i", "could you"). Typed text is read by its capitals."""
    if k == 0 or _cased(text) or words[k] in _stop_words():
        return False
    before = words[k - 1]
    after = words[k + 1] if k + 1 < len(words) else "_eot_"
    if before == "you":
        if k < 2 or words[k - 2] != "thank":
            return after == "_eot_"
        before = "thanks"  # "thank you bill the refund went through"
    if before not in _KNOWN_LEAD or (k >= 2 and words[k - 2] in _DETERMINERS):
        return False
    if words[k] in _CLAUSE_NAMES and after in _CLAUSE_AFTER:
        return False
    if after in _INVERTED:
        return k + 2 < len(words) and words[k + 2] in ("i", "we", "you")
    if after in _ASKING_BE:
        # a question opens: "right penny is it ceramic tiles" (not "okay bill is ready")
        return _question_opens(words, k)
    if after in _SUBJECTS:
        # a clause opens: "thanks for holding bill it's all sorted" (not "okay mark it as paid")
        return k + 2 < len(words) and words[k + 2] in _FINITE
    if after == "the":
        # after a courtesy's end a new clause ("thanks for holding rich the premium ..."); a
        # bare opener may go on with the word ("okay ruby the fifth works")
        return before not in _BARE_OPENERS
    return after in _KNOWN_AFTER


#: A question's verb and the subjects after it that open a question after the name.
_ASKING_BE = frozenset("is was are were does did has".split())
_QUESTION_SUBJECTS = frozenset("it that this there you he she they".split())


def _question_opens(words: list[str], k: int) -> bool:
    """Whether a question opens after name word `k`: "is it", "does that", "has she"."""
    return (k + 2 < len(words) and words[k + 1] in _ASKING_BE
            and words[k + 2] in _QUESTION_SUBJECTS)

#: Openers that may go on with a word after them ("okay ruby the fifth works").
_BARE_OPENERS = frozenset("okay ok alright sure right".split())

#: How close in spelling a recognised word must be to the name (Jaro-Winkler): "shawn" for
#: "sean" is 0.80, "steven" for "stephen" 0.89; "done" for "dean" 0.67.
_SPELLING_SIMILARITY = 0.78
#: Names compared by sound have six letters or more: shorter ones collide with common words
#: that follow "okay" in calls ("okay grand", "okay seen that", "okay clear", "okay march").
_SOUND_MIN_LETTERS = 6


@cache
def _stop_words() -> frozenset[str]:
    # spaCy's English stop words, imported when first needed: loading the check kinds to
    # validate a standards file imports no spaCy
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _cased(text: str) -> bool:
    """Whether `text` has a capital letter (typed text; speech recognition writes none). For
    ASCII, nearly every turn, an upper-case letter is one lower() changes. The pronoun "I"
    alone does not make a turn cased: some recognisers and transcribers write it and nothing
    else in capitals ("it's mrs kaur I collected my curtains"), so their names are lower case."""
    if text.isascii():
        if text.lower() == text:
            return False
        rest = text.replace("I", "")
        # another capital (nearly every typed turn), or an "I" that is no pronoun ("IKEA")
        return rest.lower() != rest or "I" in _PRONOUN_I.sub("", text)
    return any(c.isupper() for c in _PRONOUN_I.sub("", text))


#: The pronoun "I" and its contractions ("I'm", "I'll"), the one capital of some lower-case
#: transcripts.
_PRONOUN_I = re.compile(r"(?<![\w'])I(?=['\u2019](?:m|ll|ve|d)\b|\b(?!['\u2019.-]\w))")


def _sounds(names: list[str]) -> dict[str, str]:
    """{Soundex code: name word} of the name words long enough to compare by sound."""
    return {jellyfish.soundex(name): name for name in names
            if len(name) >= _SOUND_MIN_LETTERS and name.isalpha()}


def _sounded(ann, sounds: dict[str, str], known: dict[str, Evidence | None],
             index: int, speaker: str) -> list[tuple[int, int, str]]:
    """Words of an agent turn that address the customer by a spelling of their name speech
    recognition chose ("thank you muhammad" for Mohammed, "okay jonathon" for Jonathan): the same
    Soundex code and first letter, close in spelling (Jaro-Winkler), not a function word,
    right after a word that addresses someone. By sound alone common words collide with
    names ("seen" and "Sean", "done" and "Dean", "grand" and "Grant"). A name the recogniser
    split in two is read joined ("mrs della croix" for Delacroix)."""
    words = ann.words
    hits: list[tuple[int, int, str]] = []
    if _ADDRESS_LEAD.isdisjoint(words):
        return hits
    for k in range(1, len(words)):
        if words[k - 1] not in _ADDRESS_LEAD:
            continue
        # the word alone, then joined with the next
        for last in (k, k + 1):
            if last >= len(words) or not all(
                    w.isalpha() and w not in _NAME_STOP and w not in _stop_words()
                    for w in words[k:last + 1]):
                break
            word = "".join(words[k:last + 1])
            if len(word) < _SOUND_MIN_LETTERS:
                continue
            name = sounds.get(jellyfish.soundex(word))
            if (name is None or name[0] != word[0]
                    or jellyfish.jaro_winkler_similarity(name, word) < _SPELLING_SIMILARITY
                    # (two words joined are the whole name, give or take a letter: "okay mart
                    # let me" is no Marta Lowe)
                    or (last > k and abs(len(word) - len(name)) > 1)):
                continue
            if _said_after(known[name], index, speaker):
                hits.append((ann.spans[k][0], ann.spans[last][1], name))
            break
    return hits


def _metaphones(names: list[str]) -> dict[str, str]:
    """{Metaphone code: name word} of the name words of three letters or more."""
    codes: dict[str, str] = {}
    for name in names:
        if len(name) >= 3 and name.isalpha():
            codes.setdefault(jellyfish.metaphone(name), name)
    return codes


def _sounded_after(ann, codes: dict[str, str], known: dict[str, Evidence | None],
                   index: int, speaker: str) -> list[tuple[int, int, str]]:
    """Words of a speech-recognition agent turn that address the customer by a name the
    recogniser heard as another word, where the word before says a name follows: a title
    ("mrs car" for Mrs Kaur: a title's word is a surname, compared by Metaphone, which reads
    "k" and "c" alike), or thanks ("thanks breed" for Brid: a name too short for `_sounded`,
    compared by Metaphone and close in spelling, after a word no ordinary word follows)."""
    words = ann.words
    if _TITLES_SPOKEN.isdisjoint(words) and _THANKS_LEAD.isdisjoint(words):
        return []
    hits: list[tuple[int, int, str]] = []
    for k in range(1, len(words)):
        before, word = words[k - 1], words[k]
        if ((before not in _TITLES_SPOKEN and before not in _THANKS_LEAD) or not word.isalpha()
                or len(word) < 3 or word in _NAME_STOP or word in _stop_words()):
            continue
        name = codes.get(jellyfish.metaphone(word))
        if name is None or name == word:
            continue
        if before in _TITLES_SPOKEN and (
                _spoken_of(words, k) or (k >= 2 and words[k - 2] in _SPEAKS_OF)
                or (k + 1 < len(words) and words[k + 1] in _SPOKEN_ABOUT
                    # (not a question opening: "thank you mrs near is that the one")
                    and not _question_opens(words, k))
                # "so you don't miss bill payments": "miss" the verb
                or (before == "miss" and (k < 2 or words[k - 2] in _BEFORE_MISS_VERB))):
            continue
        if before in _THANKS_LEAD and (
                name[0] != word[0]
                or jellyfish.jaro_winkler_similarity(name, word) < _SPELLING_SIMILARITY
                or (k + 1 < len(words) and words[k + 1] in _GOES_ON)):
            continue
        if _said_after(known[name], index, speaker):
            hits.append((ann.spans[k][0], ann.spans[k][1], name))
    return hits


#: Titles before a surname, in speech.
_TITLES_SPOKEN = frozenset("mr mrs ms miss mister missus".split())
#: Words before a title that make its name someone spoken of ("my manager mr hall will call
#: you"), and words after the name that speak of them.
_SPEAKS_OF = frozenset("""my our your his her their the a manager colleague engineer boss
husband wife partner supervisor neighbour neighbor doctor driver fitter technician son daughter
mum dad mother father brother sister""".split())
_SPOKEN_ABOUT = frozenset("will is was has had said says called rang can could should would "
                          "from at in who 's".split())
#: Words before "miss" that make it the verb ("so you don't miss bill payments").
_BEFORE_MISS_VERB = frozenset("to don't dont not never will would can could might you i we "
                              "they didn't did won't".split())
#: Words of thanks no ordinary word follows but the name of the one thanked.
_THANKS_LEAD = frozenset("thanks cheers patience holding".split())


#: Words before a name that read it back as a label, not to the person: "booked under Fatima
#: Zahra", "reissued as Mrs Achterberg", "in the name of Ken Ito".
_LABEL_BEFORE = frozenset("under as named".split())


def _read_back(words: list[str], k: int, wanted: frozenset[str]) -> bool:
    """Whether name word `k` is read back as the label of a booking or an account, after
    "under", "as" or "the name of", across a title and the name's other words."""
    j = k - 1
    # (the name's other words and a title; not the same word said again: "it was filed under
    # maria. maria, it's fixed now")
    while j >= 0 and j >= k - 3 and words[j] != words[k] and (
            words[j] in wanted or words[j] in _TITLES):
        j -= 1
    return j >= 0 and (words[j] in _LABEL_BEFORE
                       or (words[j] == "of" and j >= 1 and words[j - 1] == "name"))


#: The shortest short form of a first name read as the name ("pat" for Patrick, "alex" for
#: Alexandra), and how many letters the full name has beyond it at least.
_SHORT_MIN_LETTERS = 3
_SHORT_MIN_CUT = 2
#: A surname after a title may differ by one letter in speech recognition ("miss novak" for
#: Nowak): names this long or longer.
_TITLED_MIN_LETTERS = 4
#: A first name may lose or gain its last letter in speech recognition after a word that
#: addresses someone ("thanks tomas" to Tomasz): names this long or longer, in the addressed
#: form too.
_FIRST_OFF_MIN_LETTERS = 5


#: Words after a titled name that speak of the person, not to them ("my manager mr hall will
#: call you", "okay dr rose has signed it off").
_OF_SOMEONE = frozenset("""has had is was will would can could should said says from of 's
did does signed called wrote sent asked told wants needs in""".split())
#: Words a short form of the name may be followed by in speech-recognition text, where it
#: addresses the customer ("thanks pat okay ...", "sure sam let me look"): the turn's end or a
#: new clause (not a word going on: "okay pop your postcode in", "okay car insurance").
_SHORT_AFTER = frozenset("""_eot_ i we let okay ok thanks thank so right and can could would
just that's thats it's its bye goodbye cheers no yes yeah how what""".split())


def _title_addresses(words: list[str], k: int) -> bool:
    """Whether the title before name word `k` addresses someone: it opens the turn or follows
    a word that addresses ("thank you miss novak", "okay mister hale"), not a noun or a verb
    ("my manager mr hall", "so you don't miss bill payments")."""
    if k < 2:
        return True
    lead = words[k - 2]
    return lead in _ADDRESS_LEAD or lead == "_bot_" or (
        lead == "you" and k >= 3 and words[k - 3] == "thank")


#: Words one of `_variant`'s forms follows: a cheap test of a turn first.
_VARIANT_LEAD = _ADDRESS_LEAD | _TITLES


def _variant(ann, text: str, known: dict[str, Evidence | None], firsts: set[str],
             index: int, speaker: str) -> list[tuple[int, int, str]]:
    """Words of an agent turn that address the customer by a form of their name that is not
    the name's spelling: a short form of the first name after a word that addresses someone
    ("thanks pat" to Patrick, "Hi Alex," to Alexandra; capitalised in typed text), or, in
    speech-recognition text, a surname one letter off after a title ("thank you miss novak"
    to Ms Nowak)."""
    words = ann.words
    hits: list[tuple[int, int, str]] = []
    if _VARIANT_LEAD.isdisjoint(words):
        return hits
    cased = _cased(text)
    for k in range(1, len(words)):
        word, before = words[k], words[k - 1]
        if not word.isalpha() or word in _NAME_STOP or word in _stop_words():
            continue
        start, end = ann.spans[k]
        if cased and not text[start:start + 1].isupper():
            continue
        name = None
        after = words[k + 1] if k + 1 < len(words) else "_eot_"
        if (before in _ADDRESS_LEAD and before not in _TITLES
                and len(word) >= _SHORT_MIN_LETTERS
                and (_addressed(words, k, text, start, end) if cased else after in _SHORT_AFTER)):
            # (not the name split in pieces: "Okay Mag da lena"; in an address position, not a
            # word going on: "okay hold on" to Holden, "okay car insurance" to Carla)
            name = next((f for f in firsts if len(f) >= len(word) + _SHORT_MIN_CUT
                         and f.startswith(word) and not f.startswith(word + after)
                         and f in known), None)
            # ... or, in speech, a first name one letter short or long at its end ("thanks
            # tomas" to Tomasz); not a word one letter changed ("okay grand" to Grant, "right
            # sadly" to Sally, "right charges can take a few days" to Charles)
            if name is None and not cased and len(word) >= _FIRST_OFF_MIN_LETTERS:
                name = next((f for f in firsts if f in known and len(f) >= _FIRST_OFF_MIN_LETTERS
                             and abs(len(f) - len(word)) == 1
                             and (f.startswith(word) or word.startswith(f))), None)
        if (name is None and not cased and before in _TITLES and not _spoken_of(words, k)
                and len(word) >= _TITLED_MIN_LETTERS and _title_addresses(words, k)
                and after not in _OF_SOMEONE):
            name = next((n for n in known if n[0] == word[0] and len(n) >= _TITLED_MIN_LETTERS
                         and jellyfish.damerau_levenshtein_distance(n, word) == 1), None)
        if name is not None and _said_after(known[name], index, speaker):
            hits.append((start, end, name))
    return hits


#: A word spelled out letter by letter: three or more single letters apart ("k-a-t-e",
#: "t a n", "B. E. L. L. O."), an apostrophe said as a word ("o. apostrophe n. e. i. l. l.").
_SPELLING = re.compile(r"(?<![\w'’-])[^\W\d_](?:(?:\s*[-.]\s*|\s+)(?:apostrophe\s+)?"
                       r"[^\W\d_](?![\w'’])){2,}", re.IGNORECASE)
#: Words that make a name the subject of a customer's turn (`_name_cue`).
_NAME_CUE = re.compile(r"\b(?:name|surname|spell|spelled|spelt|it's|its|it is|this is|i'm)\b",
                       re.IGNORECASE)
_NAME_CUE_LOWER = re.compile(_NAME_CUE.pattern)


def _name_cue(text: str) -> bool:
    """Whether `text` holds a `_NAME_CUE`: in ASCII text searched in its lowercase, cheaper
    than ignoring case; elsewhere ignoring case, which lowercasing is not ("İt's" lowercases
    to an "i" and a combining dot)."""
    if text.isascii():
        return _NAME_CUE_LOWER.search(text.lower()) is not None
    return _NAME_CUE.search(text) is not None
#: A turn that stops where the name would come ("hi yes my name is uh"): the next turn has it.
_NAME_CUT = re.compile(r"\b(?:my name(?:'s| is)|name is|names)"
                       r"(?:\W+(?:uh|um|er|erm|ah))*\W*$", re.IGNORECASE)


def _spelled(text: str, previous: str, asked: bool = False) -> list[tuple[int, int, str]]:
    """Words the customer both says and spells ("it's k-a-t-e kate", "tan, t a n"), in this
    turn or the one before: a caller spells a name to have it right. (start, end, word) of
    each spelling. Answering the agent's question for the name (`asked`), a spelling of four
    letters or more with a vowel is the name even where the recogniser wrote the said name
    as other words ("shiv on gallagher that's s i o b h a n")."""
    if len(text) < 5:
        return []
    found = []
    for start, end, word in _spellings(text):
        said = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        if (said.search(text[:start]) or said.search(text, end) or said.search(previous)
                or (asked and len(word) >= 4 and re.search(r"[aeiouy]", word))):
            found.append((start, end, _fold(word)))
            continue
        # the letters run on into the next word's: "it's brid b r i d o connell" (Brid
        # O'Connell): the word said just before, spelled, and one or two letters more
        said_before = re.findall(r"[^\W\d_]+", text[:start].lower())[-1:]
        if (said_before and len(said_before[0]) >= 3 and word.startswith(said_before[0])
                and 0 < len(word) - len(said_before[0]) <= 2):
            found.append((start, end, _fold(said_before[0])))
            continue
        # a first name and surname spelled in one run ("eilidh mcrae that's e i l i d h m c
        # r a e"): two words said together, spelled without a pause between them
        for before in (text[:start], previous):
            said_words = re.findall(r"[^\W\d_]+", before.lower())
            pair = next(((a, b) for a, b in zip(said_words, said_words[1:], strict=False)
                         if len(a) > 1 and len(b) > 1 and a + b == word), None)
            if pair:
                found += [(start, end, _fold(w)) for w in pair]
                break
    return found


def _spellings(text: str) -> list[tuple[int, int, str]]:
    """Each word spelled letter by letter in `text` (`_SPELLING`): (start, end, the letters
    as a word, an apostrophe said as a word kept: "o. apostrophe n. e. i. l. l." is o'neill)."""
    return [(m.start(), m.end(),
             "".join(c for c in re.sub(r"(?i)\s*apostrophe\s*", "'", m.group())
                     if c.isalpha() or c == "'").lower())
            for m in _SPELLING.finditer(text)]


def _letter(word: str) -> bool:
    """Whether a word is one letter of a spelling: "k", or "k." as speech recognition writes
    it with a period ("s. i. o. b. h. a. n.")."""
    return len(word) == 1 or (len(word) == 2 and word[1] == "." and word[0].isalpha())


def _spells(words: list[str], text: str) -> bool:
    """Whether a turn has three letters of a spelling (`_letter`) or more: counted among its
    words first, which costs no regular expression."""
    singles = list(map(len, words)).count(1)
    # (round 36) else as typed: matching reads the letters "k", "u", "r" as "okay", "you", "are"
    return singles >= 3 or _SPELLING.search(text) is not None


def _may_mask(text: str) -> bool:
    """Whether a turn may hold a redaction placeholder (`_PLACEHOLDER`): a cheap test first."""
    return ("[" in text or "<" in text or "*" in text
            or (("x" in text or "X" in text) and "xxx" in text.lower()))


#: A reference code of letters and digits joined by hyphens or slashes ("LIS-AL-55821",
#: "PV-1193-204", "A/2291"), a digit somewhere in it.
_REFERENCE = re.compile(r"(?<![\w-])(?=[\w/-]*\d)[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+(?![\w-])")


def _bare_name(ctx: Context, index: int, cased: bool) -> tuple[list[str], Evidence] | None:
    """The name in an answer to "can I take your name (and date of birth)?": the turn's first
    name words ("uh tom reyes", "It's Priya.", "pieter van der berg fifth of may sixty one",
    "SB-55120, Mateus Carvalho"), after a reference, before details that identify the caller
    (a date, a number, a postcode). The words, and the evidence of where."""
    ann = ctx.annotations[index]
    text = ctx.transcript.turns[index].text
    # a reference's letters are no name: "LIS-AL-55821, Rebecca Stone"
    codes = [m.span() for m in _REFERENCE.finditer(text)] if "-" in text or "/" in text else []
    pairs = [(w, sp) for w, sp in zip(ann.words, ann.spans, strict=True)
             if w not in ("_bot_", "_eot_")
             and not any(a <= sp[0] and sp[1] <= b for a, b in codes)]
    # a name spelled after it is said ("wei ling tan t a n"): the letters are not name words,
    # read as typed ("k a u r": matching reads "k", "u" and "r" as "okay", "you" and "are")
    letters = [_letter(text[a:b]) for _w, (a, b) in pairs]
    spelled = {k for k in range(len(pairs)) if letters[k] and any(
        0 <= j < len(pairs) and letters[j] for j in (k - 1, k + 1))}
    # (round 36) ... and a letter told by a word ("kowalczyk g for george", "b as in bravo")
    for k in range(len(pairs) - 2):
        if letters[k]:
            told = k + 2 if pairs[k + 1][0] == "for" else (
                k + 3 if pairs[k + 1][0] == "as" and pairs[k + 2][0] == "in" else -1)
            if 0 < told < len(pairs) and pairs[told][0][:1] == text[pairs[k][1][0]].lower():
                spelled.update(range(k, told + 1))
    pairs = [pair for k, pair in enumerate(pairs) if k not in spelled
             and not (k and pair[0] == pairs[k - 1][0])]  # "hope uh hope lawrence"
    # an answer to two questions, the name given second: "b s six four q t and it's rose
    # fairweather" (to "can I get your postcode and name?")
    words = [w for w, _ in pairs]
    for k in range(len(words) - 2, 0, -1):
        if words[k - 1] == "and" and words[k] in ("it", "its"):
            pairs = pairs[k:]
            break
    while pairs and (pairs[0][0] in _ANSWER_LEAD or any(c.isdigit() for c in pairs[0][0])
                     or pairs[0][0] in "-,:;/."):
        pairs.pop(0)  # "it's ...", a reference before the name ("SB-55120, Mateus")
    run = 0
    # an initial between name words ("nakamura h. nakamura", "tom r. reyes")
    while run < min(len(pairs), 4) and not _identifying(pairs[run][0]) and (
            _may_be_name(pairs[run][0]) or (
                run and _letter(pairs[run][0]) and run + 1 < len(pairs)
                and _may_be_name(pairs[run + 1][0]))):
        run += 1
    rest = [w for w, _ in pairs[run:] if w not in ",.;:-"]
    # (round 30) a title said after the name ends the answer: "agnes mctavish missus"
    if len(rest) == 1 and rest[0] in _TITLES:
        rest = []
    # the other answer after "and" ("Tobias Lindqvist, and she's called Sea Pickle" to "your
    # name and the boat's name?"); not a name given after it ("mill lane and it's ...")
    other = (run > 1 and len(rest) > 1 and rest[0] == "and"
             and rest[1] not in ("it", "its", "my", "name"))
    # (round 27) typed, the name a sentence of its own, the answer done: "Aleksander Nowak. I've
    # just lost my job ..." (to "Name?")
    ended = False
    if cased:
        for k in range(2, run + 1):
            at = pairs[k - 1][1][1]
            # (not "Same As Before. You have it already.": stop words are no name)
            if at < len(text) and text[at] in ".!\n" and not any(
                    w in _stop_words() for w, _ in pairs[:k]):
                run, ended = k, True
                rest = [w for w, _ in pairs[run:] if w not in ",.;:-"]
                break
    if (not run or (rest and not _identifying(rest[0]) and not other and not ended)
            or pairs[run - 1][0] in _PARTICLES):
        return None
    name = [pair for pair in pairs[:run] if not _letter(pair[0])]
    start, end = name[0][1][0], name[-1][1][1]
    if cased and not all(text[s:s + 1].isupper() for w, (s, _e) in name
                         if w not in _PARTICLES):
        return None
    return list(dict.fromkeys(_fold(w) for w, _ in name if w not in _PARTICLES)), ctx.evidence(
        index, (start, end, "answer"), role=EvidenceRole.STATED_NAME)


#: In typed text, a full name given with the details that identify its owner ("Amira Haddad,
#: DOB 04/09/1992", "Tomasz Wiśniewski, tomasz.w@example.com").
_NAME_WITH_ID = re.compile(
    r"(?<![\w@.'’-])((?:[^\W\d_][\w'’-]*[ \t]+){1,3}[^\W\d_][\w'’-]*)[ \t]*,[ \t]*"
    r"(?=[^\s@,]+@|D\.?O\.?B\b|date of birth|born\b|\d)", re.IGNORECASE)
#: ... or a full name the customer gives as theirs before a labelled reference: "it's Ben
#: Okafor, policy HL-4402", "Name Nguyen Thi Lan, application VE-40021", "I'm José Álvarez,
#: order 55120" (two or three capitalised words after "it's", "this is", "I'm" or "name";
#: not "I'm calling from Acme Insurance, policy AB-1234", "my Apple Watch, order 5512234",
#: "under my wife's name, Leila Haddad, ref ...").
_NAME_WITH_LABELLED_ID = re.compile(
    r"(?:^|[\s,.!;:(])(?i:it['’]?s|it is|this is|i['’]?m|i am|name(?:['’]s| is)?)[ \t]*:?[ \t]+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]+){1,2}[A-ZÀ-ÖØ-Þ][\w'’-]*)[ \t]*,[ \t]*"
    r"(?i:policy|account|acct|order|ref|reference|booking|member(?:ship)?|customer|claim|"
    r"application|case|ticket|card|invoice|contract|loan|tracking|reservation)"
    r"(?i:[ \t]+(?:no|number|num|id|ref))?\.?[ \t:#-]*(?=[A-Za-z]{0,4}[ -]?\d)")
#: What `_NAME_WITH_ID` needs after the name (a cheap test first).
_ID_HINT = re.compile(r"[\d@]|dob|d\.o\.b|birth|born", re.IGNORECASE)
#: Thanks in another language that signs a message like "Thanks," ("Merci, Amélie Durand",
#: "Tack, Björn Lindgren"): one list for every sign-off reading below.
_THANKS_ABROAD = ("merci", "gracias", "danke", "grazie", "obrigado", "obrigada", "tack", "takk",
                  "kiitos", "bedankt")
_THANKS_ABROAD_RX = "|".join(_THANKS_ABROAD)

#: An e-mail's sign-off: its last line, a name alone (a title allowed), after a blank line or a
#: closing word ("Regards,").
_SIGNATURE = re.compile(
    r"(?:\n[ \t]*\n|(?:regards|thanks|thank you|best|cheers|sincerely|wishes|"
    + _THANKS_ABROAD_RX + "|"
    # (round 25) ... a sign-off of another language, with no comma ("Mit freundlichen Grüßen")
    r"gr[üu](?:ß|ss)en?|gr[üu](?:ß|ss)e|saludos|atentamente|cordialement|atenciosamente|"
    r"cumprimentos|pozdrawiam|saluti|groet|groeten)[ \t]*[,!]?[ \t]*\n"
    r"|\n[^\n,]{1,30},[ \t]*\n)"  # a closing line of any language ("Ngā mihi,")
    # (two writers: "Giulia & Marco"; not the sign-off's own words)
    r"[ \t]*(?:[-–—][ \t]*)?(?!(?:mit|viele|liebe|beste|met|un|cordiali|distinti|saludos|"
    r"atentamente|cordialement|atenciosamente|cumprimentos|pozdrawiam|saluti|groet|groeten)\b)"
    r"((?:(?:dr|mr|mrs|ms|miss|prof)\.?[ \t]+)?"
    # (round 27) an initial before the surname: "Yours, H. Nakamura-Price"
    r"(?:[^\W\d_]\.[ \t]*)?"
    r"[^\W\d_][\w'’-]*(?:[ \t]+(?:&[ \t]+)?[^\W\d_][\w'’-]*){0,3})[ \t.]*"
    r"(?:\((?:mr|mrs|ms|miss|mx|dr)\.?\))?"  # "Wei Zhang (Mr)"
    # (round 39) the company after a comma on the name's line: "Aoife Ní Bhriain, Coastal Dental"
    r"(?P<sigco>,[ \t]*[^\W\d_][^\n,]{0,50})?"
    r"(?:\n[^\n]{0,60}){0,2}\s*\Z",  # a role or company line or two after the name
    re.IGNORECASE)


#: A message written on one line signed at its end with a full name: after a closing word
#: ("... Thanks, Priya Iyer, Finance, Lumen Labs", "Regards, Nguyen Thi Thu"; round 31, in
#: another language too: "Cordialement, Mme Hélène Roussel"; round 32, a thanks in another
#: language with its comma: "Merci, Amélie Durand"; round 33: "Tack, Björn Lindgren"), or an
#: initial and a surname after the last sentence ("... late fee. R. Okonkwo-Bell"); round 35,
#: abbreviated: "Rgds, Tobias Lindqvist, CFO". One word after "Thanks," is more often the agent
#: thanked.
_INLINE_SIGNATURE = re.compile(
    r"(?:(?:\b(?:thanks|thank you|regards|rgds|best|cheers|sincerely|wishes|faithfully|warmly|"
    r"cordialement|saludos|atentamente|gr[üu](?:ß|ss)e|saluti|groeten|cumprimentos|"
    r"atenciosamente)[ \t]*,?|\b(?:" + _THANKS_ABROAD_RX + r")[ \t]*,)"
    r"[ \t]+((?:(?:dr|mr|mrs|ms|miss|prof|mme|mlle|sr|sra|srta|herr|frau)\.?[ \t]+)?"
    r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)"
    r"{1,2})|[.!?][ \t]+((?-i:[A-Z])(?:\.[ \t]*|[ \t]+)[^\W\d_][\w'’-]+))"
    r"[ \t]*(?:\([^)\n]{0,30}\)|[,|–—][^.!?\n]{0,60})?[ \t.]*\Z", re.IGNORECASE)


#: The closing words `_INLINE_SIGNATURE` signs after, and a sentence opening on an initial.
_SIGNOFF_WORDS = ("thank", "regards", "rgds", "best", "cheers", "sincerely", "wishes", "faithfully",
                  "warmly", "cordialement", "saludos", "atentamente", "grüße", "grüsse",
                  "grusse", "saluti", "groeten", "cumprimentos", "atenciosamente",
                  *_THANKS_ABROAD)
_SENTENCE_CAPITAL = re.compile(r"[.!?][ \t]+[A-Z]")


def _may_sign(text: str) -> bool:
    """Whether `_INLINE_SIGNATURE` may match: a closing word in the text (`may_hold`), or a
    sentence after the first; cheap tests, where the signature is tried at every character."""
    return may_hold(text, _SIGNOFF_WORDS) or _SENTENCE_CAPITAL.search(text) is not None


#: A message (on its last line) signed with a first name after a question and a closing thanks
#: ("... my invoices? Thanks, Tom"): read only in the message opening a conversation, where
#: no agent has yet said a name to thank (later "Thanks, Dave" thanks the agent), and after a
#: question (thanks in advance; "Got the refund. Thanks, Oksana" thanks someone for it), the
#: question perhaps followed by what was tried (round 35: "How do I install a modpack? I've
#: uploaded the zip but nothing changes. Thanks, Kenji").
_THANKS_SIGNOFF = re.compile(
    r"\?(?:[ \t]+[^?\n]{1,160}?[.!])?[ \t]+(?:many[ \t]+)?(?:thanks|thank you|cheers|ta)[ \t]*"
    r"(?:again[ \t]*)?,"
    r"[ \t]*((?-i:[A-Z])[a-z][\w'’-]*)[ \t.!]*\Z", re.IGNORECASE)


#: (round 37) A full name as a typed message's last sentence, after another: "... it's going
#: down now. It's Akosua Boateng." (its first name must be in the given-name lexicon).
_LAST_SENTENCE_NAME = re.compile(
    r"(?<=[.!?] )(?:It['’]s|This is)[ \t]+((?-i:[A-Z])[a-z][\w'’-]*[ \t]+(?-i:[A-Z])[a-z][\w'’-]*)"
    r"(?=[ \t]*[.!]?[ \t]*\Z)")


#: An e-mail whose last line is its sign-off, a closing word and the name on one line ("...
#: Photos attached.\nThanks, Jana", "Best wishes, Ana Lima"): read, like `_THANKS_SIGNOFF`,
#: only in the message opening a conversation (later "Thanks, Tomas" may thank the agent).
_LINE_SIGNOFF = re.compile(
    r"\n[ \t]*(?:(?:many|with)[ \t]+thanks|thanks(?:[ \t]+again)?|thank you|cheers|ta|"
    r"(?:kind|best|warm|warmest)[ \t]+regards|regards|best(?:[ \t]+wishes)?|all the best|"
    r"sincerely|" + _THANKS_ABROAD_RX + r")[ \t]*,?[ \t]+"
    r"((?-i:[A-Z])[\w'’-]+(?:[ \t]+(?-i:[A-Z])[\w'’-]+)?)[ \t.!]*\Z",
    re.IGNORECASE)


#: A typed turn opening on a greeting and a full name ("Hello, Dr Ama Owusu. I need ...").
_GREETING_NAME = re.compile(
    r"\A\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))[ \t]*[,!]?[ \t]+"
    r"((?:(?:dr|mr|mrs|ms|miss|prof)\.?[ \t]+)?[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,2})"
    r"[ \t]*[.!]", re.IGNORECASE)


#: Capitalised words of headings, greetings, teams and mail footers: never a typed name
#: ("Hi, Good Morning.", "Hello, Customer Services.", "Sent From Outlook", "Acme Ltd").
_NOT_TYPED_NAMES = frozenset("""good morning afternoon evening day night happy new year merry
christmas easter dear sir madam sirs all team teams customer customers service services support
care desk department dept helpdesk help billing sales accounts account claims relations
complaints enquiries inquiries office bank ltd limited inc plc llc co company group sent from
outlook iphone android gmail mobile advance regards thanks thank cheers best wishes kind
sincerely urgent request refund order parcel delivery delivered not late missing broken
complaint issue problem query question update reference ref invoice payment
monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight weekend
gym fitness hotel hotels inn cafe restaurant pharmacy clinic surgery media broadband energy power
gas water electric telecom telecoms insurance airways airlines air rail railways travel motors
garage store stores shop market supermarket pay music prime plus cloud online direct express
foods kitchen studio studios academy school college university council hospital club centre
center salon spa dental vets homes estates lettings property finance credit loans capital
holdings solutions systems tech labs digital network networks logistics couriers parcels post
mail tv cable fibre fiber app apps games gaming sports outlet wholesale supplies hardware pets
auto autos cars bikes cliente client premium vip member""".split())


#: In typed text, a name after a reference and a comma, ending its sentence ("Account
#: 40027751, Mrs Haddad.", "Ref QX-2231, Ines Duarte"): a title, or two words.
_ID_THEN_NAME = re.compile(
    r"(?<![\w-])[A-Za-z]{0,4}-?\d[\w-]*[ \t]*,[ \t]*((?:(?-i:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+"
    r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?|(?-i:[A-Z])[\w'’-]+[ \t]+(?-i:[A-Z])[\w'’-]+))"
    r"[ \t]*(?:[.!]|\Z)")
#: A social post signed at its end after a dash ("... thanks so fast 🙌 - Maya", "... Ref
#: TRX-44190 -Will", "— Dr. Amara Okonkwo"), or with a first name alone after the last
#: sentence ("... Ref ENG-55120. Bex"; not an exclamation: "... Again. Ridiculous");
#: (round 36) the company after a comma ("— Keiko Tanaka, Tanaka & Reed CPAs").
_DASH_SIGNATURE = re.compile(
    r"(?:\A|\s)[-–—][ \t]?((?:(?:dr|mr|mrs|ms|miss|prof)\.?[ \t]+)?[^\W\d_][\w'’-]*"
    r"(?:[ \t]+[^\W\d_][\w'’-]*){0,2})"
    r"(?:[ \t]*,[ \t]*(?-i:[A-Z])[\w'’.-]*(?:[ \t]+(?:(?-i:[A-Z])[\w'’.-]*|&|of|and)){0,5})?"
    r"[ \t.!]*\Z", re.IGNORECASE)
_LAST_WORD_SIGNATURE = re.compile(r"[.!?][ \t]+((?-i:[A-Z])[a-z]{1,11})[ \t]*\Z")
#: ... with a full name, only in the message opening the conversation ("... acct ending 2290.
#: Tom Reyes"): later, two capitalised words closing a message are as often a product or a
#: place the customer names ("... it keeps disconnecting. Galaxy Buds").
#: (round 24) A job title after it, and the company, are still the signature ("... Can you help
#: urgently? Matteo Russo, Lead Engineer, Pixelhaus"); (round 31) a double-barrelled surname
#: is one ("... I'm at my wits' end. Gareth Pryce-Jones").
#: (round 39) A surname after a particle ("Colm Ó Briain"), and the company after a comma
#: ("Rhiannon Pugh, Pugh & Daughters Joinery"; its first name must be in the lexicon).
_LAST_NAME_SIGNATURE = re.compile(
    r"[.!?][ \t]+((?-i:[A-ZÀ-ÖØ-Þ])[a-zà-öø-ÿ]{1,11}[ \t]+"
    r"(?:(?-i:Ó|Ní|Nic|Mac|Mc|O['’]|Van|Von|De|Da|Di|Le|La|Du|Del|Al|El|Ap)[ \t]+)?"
    r"(?-i:[A-ZÀ-ÖØ-Þ])[a-zà-öø-ÿ][a-zà-öø-ÿ'’]{1,20}"
    r"(?:-(?-i:[A-ZÀ-ÖØ-Þ])?[a-zà-öø-ÿ]{2,20})?)"
    r"(?:[ \t]*,[ \t]*(?P<company>(?-i:[A-Z])[\w'’.-]*(?:[ \t]+(?:(?-i:[A-Z])[\w'’.-]*|&|of|and))"
    r"{0,5})[ \t.]*\Z)?"
    r"(?:[ \t]*,(?=[ \t]*(?:[A-Z][\w&-]*[ \t]+){0,3}(?:Engineer|Manager|Director|Lead|Head|"
    r"Officer|Owner|Founder|CEO|CTO|CFO|COO|Coordinator|Assistant|Administrator|Admin|"
    r"Accountant|Analyst|Developer|Consultant|Secretary|Treasurer|Partner|President|"
    r"Supervisor|Architect|Designer|Buyer|Clerk|Chair|Principal)\b)[^.!?\n]{1,60})?[ \t]*\Z")
#: What a message says before a full name that is someone else's details, not its signature.
_ANOTHERS_DETAILS = re.compile(r"\b(?:contact|user|users|the following|as follows|below|"
                               r"add|added|adding|new (?:member|driver|holder|signatory))\b",
                               re.IGNORECASE)
#: ... or a greeting as a sentence, the name as the next, then the caller saying why they
#: call ("Hi. Miles Brennan. I'm calling about ..."; not "Hi. Samsung Galaxy. My screen
#: cracked", "Hello. Flight BA117. It got cancelled.").
_GREETING_DOT_NAME = re.compile(
    r"\A\W*(?i:hi|hello|hey|hiya|(?:good )?(?:morning|afternoon|evening))[ \t]*\.[ \t]+"
    r"((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+"
    r"(?:[ \t]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+){1,2})[ \t]*\.[ \t]+"
    r"(?=I(?:['’]m| am)[ \t]+(?:just[ \t]+)?(?:calling|ringing|phoning|writing|messaging|"
    r"emailing|contacting|getting in touch|reaching out|after|about|following up)\b)")
#: The most words of a bare ask for a name ("okay go on name", "Sure. Name on the policy?").
_BARE_ASK_WORDS = 6
#: A name said to be someone else's ("it's under my wife's name, Priya Shah"): no typed name
#: is read from the message.
_ANOTHERS = re.compile(
    r"(?i)\b(?:my|his|her|their) (?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|"
    r"brother|sister|boss|friend|client|employer)(?:'s|’s|s)? (?:name|card|account)\b")
#: A post signed after a dash later in a thread, only after a sentence's end, an emoji or
#: thanks ("... thank you so much. - Linda", "Yep, gone. Thanks - Pete"; not "it's order 5512 -
#: Express", "a Samsung - Galaxy S21").
_LATE_SIGNATURE = re.compile(
    r"(?:[.!?]|[\u2600-\u27BF\U0001F300-\U0001FAFF]|\b(?i:thanks|thank you|cheers|thx|ty|ta))"
    r"[ \t]*[-–—][ \t]?((?-i:[A-Z])[a-z][\w'’-]*)"
    r"[ \t.!]*\Z")


#: A later message's last line: a sign-off that thanks no one, then a name ("Saludos, Beatriz",
#: "Best, Tomas Ek"), read by `CustomerNameDetector._stated_names` after the opening messages.
_LATE_SIGNOFF = re.compile(
    r"\n[ \t]*(?:(?:kind|best|warm|warmest)[ \t]+regards|regards|best(?:[ \t]+wishes)?|"
    r"all[ \t]+the[ \t]+best|un[ \t]+saludo|saludos|cordialement|atentamente|atenciosamente|"
    r"cumprimentos|gr[üu](?:ß|ss)e|groeten|saluti)[ \t]*,?[ \t]+"
    r"((?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]+(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]+)?)[ \t.!]*\Z",
    re.IGNORECASE)


def _may_dash(text: str) -> bool:
    """Whether a dash signature may sign `text`: a dash in it (a cheap test first)."""
    return "-" in text or "–" in text or "—" in text


#: In typed text, the writer naming themselves with a capitalised name mid-sentence: "Hi,
#: this is Bill Carver.", "I'm Will from Tandem Studio", "BH 5520. Name's Frank Delaney." (the
#: cue opens the text or a sentence, or follows a greeting; the name ends at punctuation, the
#: end, or a word that goes on: "from", "here", "calling"). The capitals tell a name that is
#: also a word ("Bill", "Will") from the word: "I'm will" is not English, "this is bill" is.
#: Its groups: the name, then a word that goes on after it ("from", "here", "calling",
#: "speaking"; "again" ends the name without going on).
_SELF_NAMED = re.compile(
    r"(?:\A|[.!?,;:][ \t]+|\n|\b(?i:hi|hello|hey|hiya|yes|yeah|and|oh|it['’]s)[ \t]+)"
    r"(?i:this is|i['’]m|i am|(?:my )?name['’]s|(?:my )?name is|name:|"
    # (round 25) ... whom the request is for, then the full name: "It's for me, Wren Holloway."
    r"for me,|"
    # (round 22) ... in the caller's own language: "Hola, soy Lucía Ortega.", "je m'appelle
    # Amélie Roux"
    r"soy|me llamo|mi nombre es|je m['’]appelle|je suis|ich hei(?:ß|ss)e|mein name ist|"
    r"mi chiamo|eu sou|me chamo|meu nome é)[ \t]+"
    r"((?-i:[A-Z])[a-z][\w'’-]*(?:[ \t]+(?-i:[A-Z])[a-z][\w'’-]*){0,2})"
    r"(?=[ \t]*(?:[,.!?;:)\n]|\Z)|[ \t]+(?:(?P<goes_on>(?i:from|here|calling|speaking))|"
    r"(?i:again))\b)")
#: One-word exclamations and comments that end a post like a signature would.
_NOT_SIGNOFF = frozenset("""thanks thx ta cheers please pls plz help urgent sorry again
seriously ridiculous unbelievable unacceptable disgraceful shocking pathetic useless typical
brilliant great amazing awesome perfect nice lovely excellent fantastic wow ugh sigh lol omg
bye regards best anyone anybody someone somebody nobody never always today tonight tomorrow
yesterday now asap done sorted fixed resolved waiting still fine okay ok yes no nope cool
why what how when where who which thoughts ideas update answer reply info joke madness shame
hello hi hey welcome congrats well good bad terrible awful rubbish nonsense""".split())
#: Endings of adverbs and adjectives a post may end on ("... Again. Seriously").
_NOT_NAME_ENDINGS = ("ly", "ed", "ing", "ous", "ful", "able", "ible", "less", "ness")


def _typed_names(text: str, opening: bool = False) -> list[tuple[int, int, list[str]]]:
    """Names a customer types without a cue (`_typed_names_of`): (start, end, name words)."""
    return [(a, b, list(words)) for a, b, words in _typed_names_of(text, opening)]


@lru_cache(maxsize=4096)
def _typed_names_of(text: str, opening: bool) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Names a customer types without a cue (in the first two messages): with identifying
    details after them, as an e-mail's sign-off, or a full name after the opening greeting;
    in a message `opening` the conversation (no agent turn before), a first name alone signing
    it after its thanks (after a question, or on the last line of a message of several). (start,
    end, name words); every word capitalised in the text."""
    found = []
    with_id = "," in text and _ID_HINT.search(text) is not None  # a comma, then details
    for rx, may in ((_NAME_WITH_ID, with_id),
                    (_SIGNATURE, "\n" in text),
                    (_GREETING_NAME, text.lstrip()[:1] in "HhGg"),
                    (_INLINE_SIGNATURE, "\n" not in text.rstrip() and _may_sign(text)),
                    (_ID_THEN_NAME, with_id),
                    (_NAME_WITH_LABELLED_ID, with_id),
                    (_DASH_SIGNATURE, _may_dash(text)),
                    (_LAST_WORD_SIGNATURE, text.rstrip()[-1:].isalpha()),
                    (_LAST_NAME_SIGNATURE, opening and text.rstrip()[-1:].isalpha()),
                    (_THANKS_SIGNOFF, opening),
                    (_LAST_SENTENCE_NAME, " " in text.rstrip()[-40:]),
                    (_LINE_SIGNOFF, opening and "\n" in text.rstrip()),
                    (_SELF_NAMED, _may_self_name(text)),
                    (_GREETING_DOT_NAME, text.lstrip()[:1] in "HhGgMmAaEe" and "." in text)):
        for m in rx.finditer(text) if may else ():
            group = 1 if m.group(1) is not None else 2
            parts = [p for p in m.group(group).split() if p != "&"]
            words = _name_words(m.group(group))
            # (a particle inside is no name to address by: "Aoife Ní Bhriain" is aoife, bhriain)
            words = words[:1] + [w for w in words[1:] if w not in _PARTICLES]
            if rx in (_LAST_WORD_SIGNATURE, _LAST_NAME_SIGNATURE, _THANKS_SIGNOFF,
                      _LINE_SIGNOFF) and (
                    not words or words[0] in _NOT_SIGNOFF
                    or words[0].endswith(_NOT_NAME_ENDINGS)):
                continue
            if rx is _SELF_NAMED and not _self_named(words, m):
                continue
            # (a company after one word is no signature: "Merci, Camille Dubois" is the thanks
            # and the name, read by `_LINE_SIGNOFF`)
            if rx is _SIGNATURE and m.group("sigco") and len(parts) < 2:
                continue
            # (round 39) a handle written in camel case signs a post, not a name:
            # "— WanderingWendell", "PixelNana" (not "McKenzie", "DeShawn")
            if any(_CAMEL_HANDLE.match(p) for p in parts):
                continue
            # (a full name as the last sentence needs a first name from the lexicon, and no one,
            # nothing and nowhere else spoken of before it: "... It's Akosua Boateng."; not
            # "It's Harbour Physio.", "my town. It's Milton Keynes.", "the engineer who came
            # yesterday. It's Tom Reed.", "my flatmate. It's Gareth Jones.")
            if rx is _LAST_SENTENCE_NAME and (not words or words[0] not in given_names()
                                              or _SOMEONE_ELSE.search(text, 0, m.start())):
                continue
            # a full name closing a message that asks to add someone is that person's ("Please
            # update our billing contact to the following? Mark Chen, Finance Manager, Vertex")
            if rx is _LAST_NAME_SIGNATURE and (
                    _ANOTHERS_DETAILS.search(text, 0, m.start(group))
                    or (m.group("company") and (not words or words[0] not in given_names()))):
                continue
            # (a self-named word that is also a common one passed `_self_named`)
            common_ok = rx is _SELF_NAMED
            # ... as is a first name that is a function word or a month signing a message
            # with the surname after it ("Thanks,\nWill Adeyinka", "Best,\nMay Lindqvist")
            signed_aux = (rx in (_SIGNATURE, _LINE_SIGNOFF, _INLINE_SIGNATURE)
                          and len(words) >= 2 and words[0] in _AUX_NAMES)
            if (words and all(p[:1].isupper() for p in parts if p.lower() not in _PARTICLES)
                    and all((signed_aux and w == words[0]) or (
                        _may_be_name(w) and w not in _NOT_TYPED_NAMES
                        and (common_ok or w not in _stop_words())) for w in words)
                    and not any(p.lower() in _NOT_TYPED_NAMES
                                and not (signed_aux and p.lower() == words[0]) for p in parts)):
                found.append((m.start(group), m.end(group), tuple(words)))
    return tuple(found)


#: A word in camel case, as handles are ("WanderingWendell", "PixelNana"), less the name
#: prefixes that take a capital after them ("McKenzie", "MacLeod", "DeShawn", "LaToya").
_CAMEL_HANDLE = re.compile(r"(?!(?:Mc|Mac|De|La|Le|Di|Da|Du|Van|Von|Fitz|O)[A-Z])"
                           r"[A-Z][a-z]+[A-Z][a-z]")


#: What every `_SELF_NAMED` match holds, lowercased.
_SELF_CUES = ("i'm", "i’m", "i am", "this is", "name", "for me,", "soy", "llamo", "nombre",
              "appelle", "suis", "heiße", "heisse", "chiamo", "sou", "chamo", "nome")
#: The foreign cues that say a name follows, as "name" does (one word after them is a name).
_NAME_CUES_ABROAD = ("llamo", "nombre", "appelle", "heiße", "heisse", "chiamo", "chamo", "nome",
                     "name ist")


def _may_self_name(text: str) -> bool:
    """Whether `_SELF_NAMED` may match: one of its cues in the text (`may_hold`)."""
    return may_hold(text, _SELF_CUES)


def _self_named(words: list[str], m: re.Match[str]) -> bool:
    """Whether a `_SELF_NAMED` name is one: not an exclamation ("this is Ridiculous"); one
    word alone only after "name's" / "name is" or with a word that goes on after it ("I'm Will
    from ...", "this is Hope calling"): a capitalised word alone after "I'm" or "this is" is as
    often a state, a place or a product ("I'm British.", "I'm Home.", "this is Insane.")."""
    if not words or words[0] in _NOT_SIGNOFF or any(
            w in _NOT_TYPED_NAMES or w.endswith(_NOT_NAME_ENDINGS) for w in words):
        return False
    if len(words) == 1:
        cue = m.string[m.start():m.start(1)].lower()
        return m.group("goes_on") is not None or (
            ("name" in cue or any(c in cue for c in _NAME_CUES_ABROAD))
            and words[0] not in _stop_words() and words[0] not in _WORD_NAMES)
    return True


#: A cue that says a name follows or precedes, whatever the word: "my name is", "name's",
#: "call me", "<name> here" (not "I'm" or "this is", which feelings follow too).
_NAME_SAID = re.compile(r"(?i)\b(?:name(?:['’]s| is)?|call me|here)\b")

#: What ends a stated name: a comma, a colon or semicolon, a question or exclamation mark, or a
#: full stop before a space ("hi im keisha, tracking says ...", "its Benedikt. need to know").
_NAME_BREAK = re.compile(r"[,;:!?]|\.(?=\s|$)")


#: What follows a break in a stated name's span when it is "<name> here" / "<name> speaking".
_HERE_END = re.compile(
    r"(?i)\A\s*[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?\s+(?:here|speaking)\W*\Z")


def _to_break(text: str, span: Span) -> Span:
    """`span` cut at the first break (`_NAME_BREAK`) after its first possible name word (a
    greeting word is none): the matcher reads words without their punctuation, so a stated
    name may run on past a comma or a sentence's end into the message ("keisha, tracking
    says" is not a full name). A name said again after its comma ("Smith, John Smith") is
    kept whole."""
    start, end, label = span
    piece = text[start:end]
    # the first possible name word that is not a greeting ("hiya, kasia here, can you ...")
    # (nor a cue's word: "that'd be me, anjali")
    first = next((m for m in _NAME_WORD.finditer(piece) if _may_be_name(m.group().lower())
                  and m.group().lower() not in _GREETING_LEAD
                  and re.split("['’]", m.group().lower())[0] not in _NAME_STOP), None)
    if first is None:
        return span
    cut = _NAME_BREAK.search(piece, first.end())
    if cut is None:
        return span
    # a greeting to the agent, then the caller's "<name> here" ("Hi Arjun, Tunde here", "Hi
    # Dana! Tunde here."): the name is the one before "here"
    rest = piece[cut.end():]
    if _HERE_END.search(rest):
        return (start + cut.end() + len(rest) - len(rest.lstrip()), end, label)
    # the name said again in full after a comma ("my name is Smith, John Smith"): no break
    before = [w.lower() for w in _NAME_WORD.findall(piece, 0, cut.start())]
    if cut.group() == "," and before and before[-1] in {
            w.lower() for w in _NAME_WORD.findall(piece, cut.end())}:
        return span
    return (start, start + cut.start(), label)


#: A capitalised surname (one or two words) right after a typed name, then a break or a word
#: that goes on from a name: "I'm Arthur| Penhaligon, I'm seventy-nine", "I am Dora|
#: Castellanos and ...", "Fiona| MacDonald here" (not "I'm Sam. Thanks", nor a run-on "I'm Sam
#: Parcel still not here").
_CAP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
_SURNAME_WORD = (rf"(?:{_CAP}{_LOW}*['’])?(?:Ma?c)?{_CAP}{_LOW}+(?:-{_CAP}{_LOW}+)?")
_SURNAME_AFTER = re.compile(
    rf"(?:[ \t]+{_SURNAME_WORD}){{1,2}}"
    r"(?=[ \t]*(?:[,;:!?)]|\.(?:\s|\Z)|\Z|\n|[ \t]+(?:and|from|calling|here|speaking)\b))")


def _with_surname(text: str, span: Span) -> Span:
    """A typed `span` that stops after the first name, with the capitalised surname that
    follows it in the same sentence: the matcher's short patterns ("I'm <Name>") take one
    word, and a turn's long opening keeps the full-name patterns from matching."""
    start, end, label = span
    m = _SURNAME_AFTER.match(text, end)
    if m is None or not text[start:end].rstrip()[-1:].isalpha():
        return span
    # (a day, a team, an order word is no surname: `_NOT_TYPED_NAMES`)
    for word in m.group().split():
        if word.lower() in _NOT_TYPED_NAMES or not _may_be_name(_fold(word.lower())):
            return span
    return (start, m.end(), label)


#: After a first name, "too" or "as well" and the name again with a surname ("my name's daniel
#: as well daniel okonkwo"); groups: the "too", the first name, the surname.
_SHARED_SURNAME = re.compile(r"[ \t,]*((?:too|as well|also)[ \t,!.]+)?([^\W\d_][\w'’-]*)[ \t]+"
                             r"([^\W\d_][\w'’-]*)", re.IGNORECASE)
_SAID_TOO = re.compile(r"\b(?:too|as well|also)\W*\Z", re.IGNORECASE)


def _shared_surname(text: str, end: int, piece: str, first: str) -> str | None:
    """The surname a caller who shares the agent's first name gives after it, said again
    (`_SHARED_SURNAME`), where "too" or "as well" says the name is shared; else None."""
    m = _SHARED_SURNAME.match(text, end)
    if m is None or (m.group(1) is None and not _SAID_TOO.search(piece)):
        return None
    if _fold(m.group(2).lower()) != first:
        return None
    return _surname(m.group(3))


def _repeated_surname(text: str, end: int, first: str) -> str | None:
    """The surname of a typed first name said again whole later in its turn ("I'm Amaru, by
    the way. Amaru Quispe."), or None."""
    m = re.search(rf"(?<![\w'’-])(?i:{re.escape(first)})[ \t]+({_SURNAME_WORD})(?![\w'’-])",
                  text[end:])
    return None if m is None else _surname(m.group(1))


def _past_particles(text: str, span: Span) -> Span:
    """`span` run on past the particles it ends with to the name word after them ("the name's
    van" -> "the name's van der berg"); unchanged when it does not end on a particle."""
    start, end, label = span
    last = _NAME_WORD.findall(text[start:end])
    if not last or last[-1].lower() not in _PARTICLES:
        return span
    m = _AFTER_PARTICLE.match(text, end)
    return span if m is None else (start, m.end(), label)


def _surname(word: str) -> str | None:
    """A word said after the caller's first name, folded, if it may be their surname (not a
    function word, a cue word or a non-name)."""
    surname = _fold(word.lower())
    if surname in _stop_words() or surname in _NAME_STOP or not _may_be_name(surname):
        return None
    return surname


#: An agent's question for a part of the caller's own name ("and your first name?", "the
#: surname please"; not "the name on the booking", "the passenger's full name").
_OWN_NAME_PART = re.compile(r"(?i)\b(?:your|the|and)\s+(?:first|last|sur|given|family|christian)"
                            r"\s?name\b(?![^?\n]{0,30}\b(?:passenger|booking|account|holder|"
                            r"policy|card|lead|order)\b)")


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` around position `at`: from the last sentence end before it to the
    next one after it (`_SENTENCE_STOP`)."""
    begin = max((m.end() for m in _SENTENCE_STOP.finditer(text, 0, at)), default=0)
    stop = _SENTENCE_STOP.search(text, at)
    return text[begin:stop.start() if stop else len(text)]


_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)|\n")


def _capitalised(text: str, words: list[str]) -> bool:
    """Whether each name word is written with a capital in `text` ("Hi, Will here"), a
    particle aside ("Lucía de Pardo")."""
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        if m is not None and not m.group()[:1].isupper():
            return False
    return True


def _may_be_name(word: str) -> bool:
    return (word in _PARTICLES or (len(word) >= 2 and _NAME_WORD.fullmatch(word) is not None
                                   and word not in _NAME_STOP and word not in _DETAIL_WORDS))


def _identifying(word: str) -> bool:
    """Whether an answer's word after the name starts details that identify the caller, or
    the label of the other detail asked for with it (`_ANSWER_LABELS`)."""
    return (any(c.isdigit() for c in word) or word in _DETAIL_WORDS or word in _ANSWER_LABELS
            or "@" in word)


#: The label of the other detail asked with the name, after it in the answer ("it's barry
#: kowalski serial's p f c two two ...", to "your name and the serial off the back").
_ANSWER_LABELS = frozenset("""serial registration reg policy order card membership member mobile
phone passport licence license pin booking ticket claim invoice nhs vin flat apartment apt
unit suite""".split())
#: Particles inside a name ("pieter van der berg", "fatima el idrissi"), never a name alone.
#: ("o" of Irish names as ASR writes them, "mark o sullivan"; round 39, typed: "Ó", "Ní", "Nic")
_PARTICLES = frozenset("van der den de del della di da du le la el al bin ibn von ter o ó ni ní "
                       "nic ap".split())
#: The particles and the name word after a stated name that stops on a particle ("the name's
#: van| der berg"; `_past_particles`).
_AFTER_PARTICLE = re.compile(r"(?:[ \t]+(?:" + "|".join(sorted(_PARTICLES)) + r"))*"
                             r"[ \t]+[^\W\d_][\w'’-]*", re.IGNORECASE)
#: Words that start the details a caller gives with the name: dates, numbers, postcodes.
_DETAIL_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
seventy eighty ninety hundred zero oh double first second third fourth fifth sixth seventh eighth
ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth
nineteenth twentieth thirtieth january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec dob date born birth
postcode zip email address account reference ref number surname forename forenames firstname
lastname""".split())


def _possessive(ctx: Context, index: int, span: tuple[int, int, str]) -> bool:
    """Whether the word right after a stated name is a possessive "'s"."""
    ann = ctx.annotations[index]
    after = [w for w, (s, _e) in zip(ann.words, ann.spans, strict=True) if s >= span[1]]
    return bool(after) and after[0] == "'s"


def _name_words(text: str, fold: bool = True) -> list[str]:
    """The name words of a text, folded (`_fold`) unless `fold` is false."""
    return list(_name_words_of(text, fold))


@lru_cache(maxsize=4096)
def _name_words_of(text: str, fold: bool) -> tuple[str, ...]:
    # Tokenizing a phrase builds a spaCy Doc: the same openings ("hi this is sam") and
    # metadata names come back call after call.
    from csnlp.nlp.pipeline import normalise_phrase

    words = [w for w in normalise_phrase(text) if len(w) > 1 and _NAME_WORD.fullmatch(w)
             and w not in _NAME_STOP]
    return tuple(_fold(w) for w in words) if fold else tuple(words)


#: Letters that stay apart when accents are stripped, as they are written without them.
_PLAIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                                "ð": "d", "þ": "th", "ı": "i"})
#: An apostrophe inside a name, however it is typed ("O'Neill", "O’Neill", "O‘Neill", "Oʼneill").
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’‘`ʼ´](?=[^\W\d_])")


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """A name word as names are compared, on both sides (metadata, the customer's words, the
    agent's): without accents or an inner apostrophe, as keyboards and speech recognition
    write it either way ("josé" and "jose" are jose, "müller" muller, "o’neill" and "o'neill"
    oneill)."""
    if word.isascii() and "'" not in word and "`" not in word:
        return word
    plain = unicodedata.normalize("NFKD", word.translate(_PLAIN_LETTERS))
    return _INNER_APOSTROPHE.sub("", "".join(c for c in plain if not unicodedata.combining(c)))


def _folded(words: list[str], text: str) -> list[str]:
    """A turn's words with each folded (`_fold`); most turns, ASCII without an apostrophe,
    have nothing to fold."""
    if text.isascii() and "'" not in text and "`" not in text:
        return words
    return [_fold(w) for w in words]


#: A name word: letters, with inner apostrophes or hyphens ("o'sullivan", "n'diaye").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


#: In typed text, a capitalised word after a lower-case one ("Thanks Leah", "Hi, Mr Okafor",
#: "the Hilton"): with a greeting or thanks among the turn's words, a cheap test for a turn
#: `_address_position` may find an address in.
_CAPITAL_AFTER_WORD = re.compile(r"[a-z],?[ \t]+[A-Z][a-z]")


def _may_address(text: str, words: list[str]) -> bool:
    """Whether an agent turn may address someone by name: typed, opening on a name and a comma,
    or a greeting or thanks with a capitalised word after a word; in speech, a greeting or
    thanks."""
    cased = _cased(text)
    if cased and "," in text[:40] and _TURN_VOCATIVE.match(text) is not None:
        return True
    return not _ADDRESS_LEAD.isdisjoint(words) and (
        not cased or _CAPITAL_AFTER_WORD.search(text) is not None)


#: A social-media handle in a customer's message ("@maria_lopez88").
_HANDLE = re.compile(r"(?<![\w.])@[\w.]{2,30}"
                     # (round 31) ... or signed without the @: "— Kwame_A", "darkwolf77"
                     r"|(?<![\w.@])[A-Za-z]+_\w{1,25}|(?<![\w.@])[A-Za-z]{2,}\d{2,}\w{0,10}")
#: A typed greeting or thanks to a capitalised name closing its phrase ("Hi Hazel,", "Thanks,
#: Mr Oduya!", "Dear Ines and Pedro,"); group 1 the (first) name.
_TYPED_VOCATIVE = re.compile(
    r"(?:^|(?<=[\s,.!?]))(?:[Hh]i|[Hh]ello|[Hh]ey|[Hh]iya|[Dd]ear|[Tt]hanks|[Tt]hank you|"
    r"[Mm]any thanks|[Gg]ood (?:morning|afternoon|evening)|[Mm]orning|[Cc]heers)[ \t]*,?[ \t]+"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?([A-Z][a-z'’-]+)"
    r"(?=[ \t]*(?:[,.!?;:)\n]|\Z|(?:and|&)[ \t]+[A-Z]))")
#: After a vocative's name, a company's second name and its trade ("Hello, Sterling & Rowe
#: Mortgages, ...", "Good morning, Crowe and Lyle business banking, ..."): two capitalised words
#: after "&" or "and", or one and a trade, where two people greeted have one each ("Dear Ines
#: and Pedro,", "Hi Tom and Jess for the joint account").
_COMPANY_PAIR = re.compile(r"[ \t]*(?:&|and)[ \t]+[A-Z][\w'’-]*[ \t]+(?:[A-Z]|(?:business|banking|"
                           r"bank|building|insurance|solicitors|accountants|partners|associates|"
                           r"lettings|motors|estates|dental|vets|opticians|law)\b)")
#: In the turn that answers the call, a pair of capitalised words joined by "and" and set
#: off by punctuation is the company's name ("Hello hello, Platen and Spool, Rosa.").
_ANSWERING_PAIR = re.compile(r"[ \t]*(?:&|and)[ \t]+[A-Z][\w'’-]*[ \t]*[,.!:;–—-]")
#: ... the pair's first word and "and" before a name that ends it ("Morrow and Hale,").
_PAIR_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+(?:&|and)[ \t]+\Z")
#: After a vocative's name in the turn that answers the call, the agent's own name by the
#: answering formula ("Good afternoon, Fibrelink, Sunny speaking", "Hello, Brightwell, you're
#: through to Ana"): the word greeted was the company's name.
_ANSWERING_AFTER = re.compile(r"[ \t]*[,.!-][ \t]*(?:[A-Z][a-z'’-]+[ \t]+speaking\b|you(?:'|’)?re"
                              r"[ \t]+(?:through[ \t]+to|speaking[ \t]+(?:to|with))\b)")
#: The words a `_TYPED_VOCATIVE` opens with, normalised ("Hiya" is hi, "Many thanks" has thanks).
_VOCATIVE_WORDS = frozenset(
    "hi hello hey dear thanks thank many good morning afternoon evening cheers".split())
#: ... and one glued to the word before by punctuation, which stays inside that word's token
#: ("2.Hi Sam,": one word "2.hi").
_GLUED_VOCATIVE = re.compile(r"[,.!?](?:[Hh](?:i|ello|ey)|[Dd]ear|[Tt]hank|[Mm]any|[Gg]ood|"
                             r"[Mm]orning|[Cc]heers)")


def _may_greet(text: str, words: list[str]) -> bool:
    """Whether `_TYPED_VOCATIVE` may match in a turn: one of its opening words is among the
    turn's words, or glued to the word before. A test of a set and of a literal, where the
    vocative itself is tried at every character."""
    return not _VOCATIVE_WORDS.isdisjoint(words) or _GLUED_VOCATIVE.search(text) is not None


#: Two capitalised words inside a typed sentence, a full name an agent may check ("the
#: policy is held by Chiamaka Abara, is that you?").
_FULL_NAME_INSIDE = re.compile(r"[a-z,;:] (?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?[A-Z][a-z'’-]+ "
                               r"[A-Z][a-z'’-]+")
#: A typed agent turn opening on the name it addresses: "Callum, that's done for you."
_TURN_VOCATIVE = re.compile(r"\A\W*[A-Z][\w'’-]+(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]+)?"
                            r"[ \t]*,")
#: In typed text, what closes a name said to someone: a comma or a sentence's end, "and"
#: another name ("Hi Grace and Tom,"), or the end of the turn.
_CLOSES_ADDRESS = re.compile(r"[ \t]*(?:[,.!?;:)\n]|\Z|(?:and|&)[ \t]+[A-Z][\w'’-]+[ \t]*[,.!])")
#: Words after which a customer addresses the agent ("thanks marisol", "hi luca"), unless the
#: next word shows the customer naming themselves ("hi, Grant here", "hello, Priya from ...").
_CUSTOMER_TO_AGENT = frozenset("thanks thank hi hello hey cheers bye goodbye dear".split())
_SELF_NAMING = frozenset("here from speaking calling at with".split())
#: People a caller may speak for or of ("calling for my mum joan harper"): a name after one
#: is theirs.
_OTHERS = frozenset("""mum mom mother dad father husband wife partner son daughter brother sister
friend colleague boss manager grandma grandmother grandad grandfather gran nan aunt uncle cousin
neighbour neighbor tenant landlord flatmate employee client customer child kid kids baby cat
dog pet his her their""".split())
#: Someone else the caller speaks of (one of `_OTHERS` after a possessive): a name asked for
#: bare after it is theirs ("i need to add my partner" / "go on name").
_THIRD_PARTY = re.compile(r"(?i)\b(?:my|our|his|her|their) (?:"
                          + "|".join(sorted(_OTHERS - {"his", "her", "their"})) + r")\b")
#: ... and what else a caller may name before a full name that is not theirs: the trade who
#: came, the place, the business (`_LAST_SENTENCE_NAME`: "the engineer who came yesterday. It's
#: Tom Reed.", "my town. It's Milton Keynes.", "our practice's card. It's Meadow Osteopathy.").
_OTHER_THINGS = frozenset("""engineer technician driver courier accountant solicitor lawyer agent
adviser advisor doctor dentist landlady carer nurse town city village street road area hotel
venue school shop store company business firm practice clinic salon surgery restaurant cafe café
office organisation organization charity club studio phone laptop""".split())
#: Someone or something else spoken of before a name: the name may be theirs.
_SOMEONE_ELSE = re.compile(
    r"(?i)\b(?:my|our|his|her|their|the|your)\s+(?:(?:late|elderly|own|new|old)\s+)?(?:"
    + "|".join(sorted((_OTHERS - {"his", "her", "their"}) | _OTHER_THINGS))
    + r")(?:['’]s)?\b|\baddressed\s+to\b|\bon\s+behalf\s+of\b|\bbusiness\s+account\b")
#: Months and their short forms, names too ("Jun", "Jan", "August").
_MONTHS = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
#: Words right before a name a caller says ("name's bill", "called ngozi").
_NAME_CUE_WORDS = frozenset("name names called".split())
#: Pairs before a name early in a caller's turn ("it's august lindqvist", "hi i'm tope").
_NAME_CUE_PAIRS = frozenset({("it", "is"), ("i", "am"), ("this", "is"), ("name", "is")})
#: The words before a typed address `_address_position` may find: a greeting or thanks
#: ("thank you" ends on you), or "and" between two names ("Hi Grace and Tom,").
_TYPED_ADDRESS_BEFORE = _ADDRESS_LEAD | {"you", "and"}


#: Fillers and greetings that do not count among an answer's opening words.
_FILLERS = frozenset("_bot_ um uh er erm ah oh yes yeah yep hi hello hey so well okay ok".split())


@cache
def _echo_candidate(word: str) -> bool:
    """Whether a word may be a name at all: letters, not a function word, a greeting, a
    detail (numbers, months that are not names) or a word of headings and teams."""
    return (len(word) >= 2 and _NAME_WORD.fullmatch(word) is not None
            and word not in _NAME_STOP and word not in _NOT_TYPED_NAMES and word not in _OTHERS
            and (word not in _DETAIL_WORDS or word in _WORD_NAMES or word in _MONTHS)
            and word not in _stop_words() and word not in _ADDRESS_LEAD)


def _after_leads(words: list[str]) -> list[int]:
    """The word indices that may address someone in a typed turn (`_address_position`): the
    first word, and each word after one of `_TYPED_ADDRESS_BEFORE` ("Thanks Leah", "Hi Grace
    and Tom"), in order."""
    first = [1] if len(words) > 1 else []
    if _TYPED_ADDRESS_BEFORE.isdisjoint(words):
        return first
    return first + [k + 1 for k, word in enumerate(words)
                    if k and word in _TYPED_ADDRESS_BEFORE and k + 1 < len(words)]


def _address_position(words: list[str], k: int, text: str, start: int, end: int,
                      cased: bool) -> str | None:
    """Whether word `k` of an agent turn is said to someone: "address" when typed with a
    capital right after a greeting or thanks ("Thanks Leah.", "Hi Grace and Tom,") or opening
    the turn before a comma, closing its phrase, or in speech-recognition text as `_addressed`
    reads it; "loose" when speech only has it after a greeting or thanks or closing the turn
    ("thank you siobhan would it be ...", "thanks for bearing with us siobhan have a safe
    trip"); None when it is not said to someone."""
    after = words[k + 1] if k + 1 < len(words) else "_eot_"
    if after == "'s":
        return None  # "mrs harper's date of birth": spoken of, not to
    before = words[k - 1]
    if before == "you" and k >= 2 and words[k - 2] == "thank":
        before = "thanks"
    if not cased:
        if before in _TITLES:
            # "thank you mrs okafor", not "tell mrs harper to ...": said to someone only
            # after an address or where a sentence may start
            lead = words[k - 2] if k >= 2 else "_bot_"
            if lead not in _ADDRESS_LEAD and lead not in ("_bot_", "you", "and", "so", "well"):
                return None
        if _addressed(words, k, text, start, end):
            return "address"
        if before in _ADDRESS_LEAD or after in ("_eot_", "have", "thanks", "thank"):
            return "loose"
        return None
    if not text[start:start + 1].isupper() or _CLOSES_ADDRESS.match(text, end) is None:
        return None
    if k == 1 and _TURN_VOCATIVE.match(text) and text.lstrip()[:1].isupper():
        return "address"
    if before == "and" and k >= 3:  # "Hi Grace and Tom,": the lead before the first name
        before = words[k - 3]
    # the lead and the name on one line ("Thanks,\nAhmed" is a sign-off)
    if before in _ADDRESS_LEAD and "\n" not in text[max(0, start - 12):start]:
        return "address"
    return None


def _confirms(ctx: Context, index: int) -> bool:
    """Whether a customer turn opens by confirming ("yes that's me", "speaking")."""
    words = [w for w in ctx.annotations[index].words if w not in ("_bot_", "_eot_")]
    return bool(words) and (words[0] in _CONFIRM or words[:3] in (
        ["that", "is", "me"], ["it", "is", "me"], ["that", "is", "right"]))


def _lead_words(text: str, start: int, n: int = 4) -> list[str]:
    """The last `n` words before `start` in its sentence ("for my dad, Hiroshi": for, my,
    dad; not across "... our baby. Thanks!\n\nGrace")."""
    sentence = re.split(r"[.!?\n]", text[:start])[-1]
    return re.findall(r"[^\W\d_]+", sentence.lower())[-n:]
