"""`check: tone` -- courteous overall by the tone model, and no rude turn by the rules.

Options: `label` (the tone model's label, default `polite`), `min_mean` (the speaker's mean score
must reach it), `min_turn` (a turn scoring below it is rude), `rude` (a rule for rude wording),
`rude_label` with `rude_min` (a turn the tone model reads as discourteous is rude),
`courteous` with `curt_max_words` (an agent who never says a courteous word, in two or more turns
all that short, is curt throughout: "Order number." "Refused." "No.") and `cold_min_turns` (or in
that many turns of any length: cold throughout), `curt_word` (a turn of one bare word is rude,
unless it opens the conversation or answers the other speaker's question with a word offered
there), `shouting` (wording in capitals, rude in a transcript that is not all capitals).
Without a tone model only the rule counts. A low mean leaves out the one turn with wording a
`forbid` standard judges, and stands only when fewer than half of the turns left hold a
courteous word (see `ToneDetector._own_mean`). Evidence: rude matches and low-scoring turns.

A phrase is penalised once: rude wording that a `forbid` standard of the same set, watching the
same speaker, already matches (profanity, "calm down") is left to that standard, and so is a
low-scoring turn it flags; such wording in two or more turns is rude throughout, and the curt
and cold readings count every turn. Alone, without such a standard, the `rude` rule judges all
of it.

    - id: polite_tone
      check: tone
      title: Stay courteous
      label: polite
      min_mean: 0.3
      min_turn: 0.02
      rude: {phrase_lists: [rude]}
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from csnlp.detectors.base import Context, Detector, own_words, quote
from csnlp.detectors.registry import register
from csnlp.errors import StandardsError
from csnlp.ml.courtesy import DEFAULT_NAME, CourtesyModel, named_courtesy_model
from csnlp.results import Evidence, EvidenceRole, StandardResult, Status
from csnlp.standards.spec import IDENT, RuleSpec, SpecModel, StandardBase

if TYPE_CHECKING:
    from csnlp.nlp.pipeline import Annotator


class OverallSpec(SpecModel):
    """The reviewer's overall reading of courtesy, by the courtesy model (`csnlp.ml.courtesy`):
    a speaker with no rude turn is still missed when the model's probability of "not courteous"
    reaches `min` (None: the model's own threshold, chosen by cross-validation when it was
    trained). It reads the speaker's tone scores, courteous words (`ToneSpec.courteous`) and
    turn lengths against the other speaker's, and whether the respond standard `unanswered`
    (its id, listed before this standard; None, or a set without it: not read) was missed: a
    complaint left without sympathy. The reading is made
    only for a speaker with `min_turns` turns or more, and only when a complaint went
    unanswered or the other speaker's turns average `other_min_words` words or more: brief
    answers to a brief customer mirror them ("Sent." / "and february too" / "Sent as well."),
    they are not curt. Without a tone model, or without the model's files, it is not used."""

    model: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")] = DEFAULT_NAME
    min: Annotated[float, Field(gt=0, lt=1)] | None = None
    unanswered: Annotated[str, Field(pattern=IDENT)] | None = None
    min_turns: Annotated[int, Field(ge=1)] = 2
    other_min_words: Annotated[float, Field(ge=0)] = 8.0


class ToneSpec(StandardBase):
    """Courteous overall (mean model score) with no rude turn (rules, or a very low score)."""

    check: Literal["tone"] = "tone"
    label: Annotated[str, Field(pattern=IDENT)] = "polite"
    min_mean: Annotated[float, Field(ge=0, le=1)] = 0.5
    min_turn: Annotated[float, Field(ge=0, le=1)] = 0.1
    rude: RuleSpec = RuleSpec()
    #: Courteous wording (a greeting, please, thanks, sorry, "happy to", a goodbye wish); with
    #: `curt_max_words`, a speaker with two or more turns, none of them over that many words
    #: and none courteous, is curt throughout. The tone model's mean does not separate such a
    #: speaker from a brisk but courteous one; one courteous word anywhere does.
    courteous: RuleSpec = RuleSpec()
    curt_max_words: Annotated[int, Field(ge=1)] | None = None
    #: The line's opening script (a greeting, "thanks for calling"): in the opening turn of a
    #: speaker with four turns or more and wording a `forbid` standard judges, such words are
    #: not the speaker's own courtesy for the curt and cold readings ("hi, telco billing" /
    #: "it's fifty pence" / "whatever, I'll take it off" / "done"); any other courteous word
    #: there still is. Without such wording a greeting keeps a brisk speaker's short answers
    #: courteous ("Hi there! Thanks for reaching out." / "It is" / "On 3 June"). Empty: all
    #: words count.
    opening_script: RuleSpec = RuleSpec()
    #: Cold throughout: a speaker with this many turns or more, besides any holding wording a
    #: `forbid` standard judges, none of them with a courteous word (`courteous`), whatever
    #: their length ("Passport enquiries. Reference number." "Standard processing is ten
    #: weeks. It says that on the website."). None: not judged.
    cold_min_turns: Annotated[int, Field(ge=2)] | None = None
    #: Curt between the ends: a speaker who answers this many exchanges or more (its turns
    #: between the first and the last, those in a row counting once, besides any holding
    #: wording a `forbid` standard judges) all short (`curt_max_words`) and none courteous
    #: (`courteous`), while the other speaker's turns average `curt_between_other_words` words
    #: or more, is curt throughout, whatever the greeting before them and the goodbye after
    #: them say: those are the line's script ("Hi, donor line, Mo speaking." / "Donor number.
    #: Quick as you can." / "Go on then." / "Same centre. Done."). Bare answers to a customer
    #: as brief mirror them ("ok book it" / "Booked for 7pm tonight." / "reference?" / "Ref
    #: BV-88213."), and a message sent as several short lines is one answer ("Checking now" /
    #: "Found it" / "It's at the depot"). One of those turns at least must be a bare fragment
    #: of `curt_between_bare_words` words or fewer ("Go on then.", "colour"): full sentences
    #: answered briskly are no curtness ("There are 5 parks in town, what area are you
    #: looking for?"). None: not judged.
    curt_between_min_turns: Annotated[int, Field(ge=1)] | None = None
    curt_between_other_words: Annotated[float, Field(ge=0)] = 0
    curt_between_bare_words: Annotated[int, Field(ge=1)] | None = None
    #: Details asked for in a bare phrase, a whole turn ("Name." "Account number?" "Date of
    #: birth."; not answering the customer's question, "email or text?" / "Email."): with
    #: `bare_max_courteous`, a speaker with three turns or more who asks so at least once and
    #: says a courteous word (`courteous`) in no more than that share of their turns is curt
    #: throughout, one greeting or thanks notwithstanding. None: not judged.
    bare_request: RuleSpec = RuleSpec()
    bare_max_courteous: Annotated[float, Field(ge=0, le=1)] | None = None
    #: A turn that is one bare word ("Unknown." "Closed." "Wait."), rude like `rude`, unless it
    #: opens the conversation (the line's name: "Claims.") or answers the other speaker's
    #: question with its words ("email or text?" / "Email."): whether one word is curt depends
    #: on the turn before it. Empty: not judged.
    curt_word: RuleSpec = RuleSpec()
    #: Shouting: wording in capitals ("IT IS ON THE ACCOUNT PAGE."), rude like `rude`, but only
    #: in a transcript with lower-case letters in it: a transcript all in capitals, as some
    #: speech recognisers write, shouts nothing. Of the rule's matches only those shouted at
    #: the reader count: a whole sentence, not a name, a stressed phrase or a labelled notice.
    shouting: RuleSpec = RuleSpec()
    #: A tone-model label that reads a turn as discourteous (`rude`: dismissive, blaming,
    #: condescending, sarcastic, cold): a turn of the speaker scoring `rude_min` or more on it
    #: is rude, whatever its words. A turn holding wording a `forbid` standard judges is left
    #: to that standard (a phrase is penalised once). None: not used; a tone model without the
    #: label (the shipped one: the label is opt-in) logs a warning and does not use it.
    rude_label: Annotated[str, Field(pattern=IDENT)] | None = None
    rude_min: Annotated[float, Field(ge=0, le=1)] = 0.9
    #: (round 38) The courtesy model's overall reading (`OverallSpec`). None: not used.
    overall: OverallSpec | None = None

    def main_rule(self) -> RuleSpec:
        return self.rude


log = logging.getLogger(__name__)

#: A notice's label opening a sentence: "IMPORTANT:", "Please note:", "Safety first:".
_NOTICE = re.compile(r"\s*(?:[^\W\d_][\w'’&-]*\s+){0,2}[^\W\d_][\w'’&-]*\s*:")
#: Where a sentence ends: its closing mark before a space (or the text's end), or a new line.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_SECOND_PERSON = re.compile(r"\bYOU(?:['’](?:RE|VE|LL|D))?\b|\bYOURSELF\b")


#: A bare request's most words ("ok your membership number then"): longer turns are no bare
#: request, and the rule is not run on them.
_BARE_MAX_WORDS = 8


def _answers(bare: str, question: str) -> bool:
    """Whether a bare phrase answers the other speaker's question with its words ("Which one,
    email or text?" / "Email.")."""
    if "?" not in question:
        return False
    asked = set(re.findall(r"[a-z]+", question.lower()))
    said = [w for w in re.findall(r"[a-z]+", bare.lower()) if w not in ("the", "your", "and", "ok",
                                                                         "okay", "so", "then")]
    return bool(said) and all(w in asked for w in said)


def shouted(text: str, start: int, end: int) -> bool:
    """Whether the words in capitals at text[start:end] shout at the reader: the whole sentence
    is in capitals ("IT IS ON THE ACCOUNT PAGE."), or the capitals run to its end with "YOU"
    in them ("Look, YOU NEED TO RESTART IT."). Capitals that stop mid-sentence name or stress
    ("the ULTRA FAST FIBRE PACKAGE, it's ...", "DO NOT SHARE YOUR PIN, even with us"), and a
    notice under its label ("WARNING: THIS PRODUCT CONTAINS NUTS.") warns."""
    if text[end:end + 3].lstrip(" \t").startswith(":"):
        return False  # the capitals are a label themselves ("SAFETY NOTICE FOR GUESTS: ...")
    opened = max(text.rfind(".", 0, start), text.rfind("!", 0, start),
                 text.rfind("?", 0, start), text.rfind("\n", 0, start)) + 1
    closed = _SENTENCE_END.search(text, end)
    closed_at = closed.start() if closed else len(text)
    if any(c.islower() for c in text[end:closed_at]):
        return False
    before = text[opened:start]
    if _NOTICE.match(before):
        return False
    # the rule's match is the run's first words: "YOU" may come later in the sentence
    return (not any(c.islower() for c in before)
            or _SECOND_PERSON.search(text, start, closed_at) is not None)


@register("tone")
class ToneDetector(Detector[ToneSpec]):
    """Courteous overall by the tone model (when there is one), and no rude turn by the rules."""

    spec = ToneSpec

    def __init__(self, standard: ToneSpec, annotator: Annotator) -> None:
        super().__init__(standard, annotator)
        labels = getattr(annotator.tone_model, "labels", None)
        if standard.rude_label is not None and labels is not None \
                and standard.rude_label not in labels:
            log.warning("standard %r: rude_label %r is not a label of the tone model (%s), so "
                        "no turn is read as discourteous by the model; train one with it "
                        "(csnlp.ml.train_tone.train(data, labels=ALL_LABELS))", standard.id,
                        standard.rude_label, ", ".join(labels))
        #: The ids and match rules of the set's `forbid` standards for the same speaker: what
        #: they judge, this standard does not judge again.
        forbid = [other.id for other in annotator.standard_set.standards
                  if other.check == "forbid" and other.speaker == standard.speaker
                  and other.id != standard.id]
        self.forbidden_ids = tuple(forbid)
        self.forbidden = tuple(annotator.rule(sid, "match") for sid in forbid)
        #: The courtesy model of `ToneSpec.overall` (None: not used: no such spec, no tone
        #: model to read scores from, or the model's files are absent).
        overall = standard.overall
        self.courtesy: CourtesyModel | None = (
            named_courtesy_model(overall.model)
            if overall is not None and annotator.tone_model is not None else None)
        if overall is not None:
            ids = [other.id for other in annotator.standard_set.standards]
            # (a set without that standard, a subset of a pack, reads no complaint; one
            # listing it after this one would read nothing either: that is a mistake)
            if (overall.unanswered in ids
                    and ids.index(overall.unanswered) > ids.index(standard.id)):
                raise StandardsError(
                    f"standard {standard.id}: overall.unanswered {overall.unanswered!r} is "
                    f"listed after it, so its verdict is not there to read; list it before "
                    f"{standard.id!r}")
            if self.courtesy is None and annotator.tone_model is not None:
                log.warning("standard %r: overall.model %r not found under models/ (or "
                            "$CSNLP_MODELS_DIR), so the overall reading is not used; train it "
                            "with python -m csnlp.calibration.courtesy", standard.id,
                            overall.model)

    def _forbidden_spans(self, ctx: Context, index: int) -> list[tuple[int, int, str]]:
        """What the `forbid` standards count in turn `index` (quoted words and names not)."""
        text = ctx.transcript.turns[index].text
        return [span for rule in self.forbidden for span in ctx.find(rule, index)
                if own_words(text, span[0], span[1])]

    def _curt_throughout(self, ctx: Context, indices: list[int]) -> tuple[str, str] | None:
        """("curt" or "cold", why) when the speaker is curt or cold throughout, or None: no turn
        with a courteous word (see `ToneSpec.courteous`), and either all turns short with two
        or more of them without wording a `forbid` standard judges (`curt_max_words`), or
        `cold_min_turns` or more such turns of any length."""
        std = self.standard
        if bare := self._bare(ctx, indices):
            return "curt", bare
        if between := self._curt_between(ctx, indices):
            return "curt", between
        limit, cold = std.curt_max_words, std.cold_min_turns
        if len(indices) < 2 or (limit is None and cold is None):
            return None
        short = limit is not None and all(ctx.annotations[i].n_words <= limit for i in indices)
        if not short and (cold is None or len(indices) < cold):
            return None
        courteous = self.rule("courteous")
        polite = [i for i in indices if ctx.find(courteous, i)]
        if polite and self._beyond_script(ctx, indices, polite):
            return None
        # rude wording a `forbid` standard judges ("not my problem") is penalised there once:
        # its turn does not count, but the agent's other curt turns still do; such wording in
        # two or more turns is rude throughout, and every turn counts (as in `_own_mean`)
        judged = sum(bool(self._forbidden_spans(ctx, i)) for i in indices)
        # (round 31) courtesy only in the opening's script ("hi, telco billing" / "it's fifty
        # pence" / "whatever i'll take it off" / "done") is the line's, not the speaker's, when
        # such wording is there too; without it, a greeting keeps a brisk agent's short answers
        # courteous ("Hi there! Thanks for reaching out." / "It is" / "On 3 June")
        if polite and not judged:
            return None
        own = len(indices) - judged if judged == 1 else len(indices)
        turns = f"the {std.speaker}'s {len(indices)}"
        if short and own >= 2:
            return "curt", f"curt throughout: no courteous word in {turns} short turns"
        # (round 27) cold in every turn, one of them also holding a phrase a `forbid` standard
        # judges: the coldness is the speaker's own besides that phrase ("There's a known
        # outage." / "Tweeting us won't make it go any faster." / "Got it. Back by 6pm.")
        if cold is not None and len(indices) >= cold and own >= cold - 1 and own >= 2:
            return "cold", f"cold throughout: no courteous word in {turns} turns"
        return None

    def _curt_between(self, ctx: Context, indices: list[int]) -> str | None:
        """Why the speaker is curt between the ends (`ToneSpec.curt_between_min_turns`), or
        None."""
        std = self.standard
        least, limit = std.curt_between_min_turns, std.curt_max_words
        if least is None or limit is None or len(indices) < least + 2:
            return None
        between = indices[1:-1]
        annotations = ctx.annotations
        if any(annotations[i].n_words > limit for i in between):
            return None
        bare = std.curt_between_bare_words
        if bare is not None and not any(annotations[i].n_words <= bare for i in between):
            return None  # brisk full sentences, not curt fragments
        others = [i for i, t in enumerate(ctx.transcript.turns)
                  if t.speaker != std.speaker and annotations[i].n_words]
        if not others or (sum(annotations[i].n_words for i in others) / len(others)
                          < std.curt_between_other_words):
            return None  # a brief customer, brief answers: they mirror
        courteous = self.rule("courteous")
        if any(ctx.find(courteous, i) for i in between):
            return None
        # the exchanges: the speaker's turns in a row (one message sent as short lines) once
        own = [i for i in between if not self._forbidden_spans(ctx, i)]
        spoken = set(others)
        exchanges = sum(1 for k, i in enumerate(own)
                        if k == 0 or any(j in spoken for j in range(own[k - 1] + 1, i)))
        if exchanges < least:
            return None
        return (f"curt: short answers with no courteous word in {exchanges} exchanges "
                f"between the {std.speaker}'s first and last turns")

    def _beyond_script(self, ctx: Context, indices: list[int], polite: list[int]) -> bool:
        """Whether the speaker's courteous turns (`polite`, those with a `courteous` word)
        hold more than the opening's script: a courteous turn after the first, or a courteous
        word in it that `ToneSpec.opening_script` does not cover. Only the opening turn of a
        speaker with four turns or more has a script; otherwise any courteous turn is more."""
        first = polite[0]
        if (len(polite) > 1 or first != indices[0] or first > 1 or len(indices) < 4
                or self.standard.opening_script.is_empty):
            return True
        script = ctx.find(self.rule("opening_script"), first)
        return any(not any(s < se and ss < e for ss, se, _ in script)
                   for s, e, _ in ctx.find(self.rule("courteous"), first))

    def _curt_words(self, ctx: Context, indices: list[int]) -> list[Evidence]:
        """Evidence of each of the speaker's turns that is one bare word (`ToneSpec.curt_word`),
        neither opening the conversation nor answering the other speaker's question before it
        with a word offered there or in the speaker's own turn before that ("email or text,
        which one?" / "which one do you need?" / "Email.")."""
        rule, turns = self.rule("curt_word"), ctx.transcript.turns
        found = []
        for i in indices:
            spans = ctx.find(rule, i) if i else []
            if spans and not (turns[i - 1].speaker != self.standard.speaker and _answers(
                    turns[i].text, " ".join(t.text for t in turns[max(i - 2, 0):i]))):
                found.append(ctx.evidence(i, spans[0]))
        return found

    def _bare(self, ctx: Context, indices: list[int]) -> str | None:
        """Why the speaker is curt for asking details bare (`ToneSpec.bare_request`) with
        hardly a courteous word (`bare_max_courteous`), or None."""
        std = self.standard
        share = std.bare_max_courteous
        if share is None or std.bare_request.is_empty or len(indices) < 3:
            return None
        rule = self.rule("bare_request")
        turns = ctx.transcript.turns
        # (a bare word answering the customer's question is no request: "email or text?" /
        # "Email.")
        # (a bare request is a few words: longer turns are not read against the rule)
        asked = next((i for i in indices if ctx.annotations[i].n_words <= _BARE_MAX_WORDS
                      and ctx.find(rule, i)
                      and not (i and turns[i - 1].speaker != std.speaker
                               and _answers(turns[i].text, turns[i - 1].text))), None)
        if asked is None:
            return None
        courteous = self.rule("courteous")
        polite = [i for i in indices if ctx.find(courteous, i)]
        # (so with five turns or fewer any courteous word saves the agent: "Serial number." /
        # "Out of warranty." / "Anything else I can help with?" is brisk)
        # (round 31) ... unless it is only the opening's script: "Hi, welcome to
        # Brightshield." / "Name on the policy." / "Driver's date of birth." / "Added."
        if len(polite) > share * len(indices) and self._beyond_script(ctx, indices, polite):
            return None
        return (f"curt: asks for details bare ({quote(turns[asked].text, 30)}, "
                f"turn {asked + 1}) with a courteous word in {len(polite)} of the "
                f"{std.speaker}'s {len(indices)} turns")

    def _own_mean(self, ctx: Context, scored: list[tuple[int, float]]) -> float | None:
        """The mean score of a speaker whose mean is low, without the one turn holding wording
        a `forbid` standard judges (one rude phrase is penalised once: "read the manual, it's
        all in there" scores low for that phrase; rude wording in two or more turns is rude
        throughout, all turns count), if still below `min_mean`; None when no turn is left,
        the mean is no longer low, or half or more of the turns left hold a courteous word
        ("Please don't worry, it's not your fault", "of course, let me go over it once
        more"): the model reads plain explanations as cold, courteous wording outweighs it.
        Only a low mean pays for this (rare)."""
        judged = [i for i, _ in scored if self._forbidden_spans(ctx, i)]
        own = [(i, p) for i, p in scored if i not in judged] if len(judged) == 1 else scored
        if not own:
            return None
        mean = sum(p for _, p in own) / len(own)
        if mean >= self.standard.min_mean:
            return None
        if not self.standard.courteous.is_empty:
            courteous = self.rule("courteous")
            if 2 * sum(bool(ctx.find(courteous, i)) for i, _ in own) >= len(own):
                return None
        return mean

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        indices = ctx.turns_of(std.speaker)
        if not indices:
            return self.not_applicable(f"The {std.speaker} never speaks.")
        rude = self.rule("rude")
        evidence: list[Evidence] = []
        turns = ctx.transcript.turns
        for i in indices:
            # words in quotation marks are reported, not said, and a name's words are the
            # name's (see csnlp.detectors.base.own_words)
            spans = [sp for sp in ctx.find(rude, i) if own_words(turns[i].text, sp[0], sp[1])]
            if spans and self.forbidden:  # rare: only turns with rude wording pay for this
                judged = self._forbidden_spans(ctx, i)
                spans = [(s, e, lb) for s, e, lb in spans
                         if not any(s < fe and fs < e for fs, fe, _ in judged)]
            evidence.extend(ctx.evidence(i, span) for span in spans)
        if not std.curt_word.is_empty:
            evidence.extend(self._curt_words(ctx, indices))
        if not std.shouting.is_empty:
            evidence.extend(self._shouting(ctx, indices))
        label, annotations = std.label, ctx.annotations
        scored = [(i, p) for i in indices if (tone := annotations[i].tone) is not None
                  and (p := tone.get(label)) is not None]  # one lookup: Scores is Python
        problems: list[str] = []
        if evidence:
            problems.append("rude wording: " + ", ".join(
                f"{quote(e.text, 30)} (turn {e.turn_index + 1})" for e in evidence[:3]))
        if curt := self._curt_throughout(ctx, indices):
            label, problem = curt
            problems.append(problem)
            evidence.extend(ctx.whole_turn(i, EvidenceRole.MATCH, label) for i in indices[:3])
        model_note = ""
        if scored:
            mean = sum(p for _, p in scored) / len(scored)
            low = [(i, p) for i, p in scored
                   if p < std.min_turn and not self._forbidden_spans(ctx, i)]
            low_i, low_p = min(scored, key=lambda x: x[1])
            model_note = f" Mean {std.label} score {mean:.2f} over {len(scored)} turns" + (
                f", lowest {low_p:.2f} (turn {low_i + 1})." if len(scored) > 1 else ".")
            if mean < std.min_mean and (own := self._own_mean(ctx, scored)) is not None:
                problems.append(f"mean {std.label} score {own:.2f} is below {std.min_mean}")
            for i, p in low:
                problems.append(f"turn {i + 1} scored {p:.2f} {std.label}")
                evidence.append(ctx.whole_turn(i, EvidenceRole.TONE, std.label, score=round(p, 4)))
        if std.rude_label is not None:
            for i, p in self._discourteous(ctx, indices):
                problems.append(f"turn {i + 1} reads as discourteous ({std.rude_label} {p:.2f})")
                evidence.append(ctx.whole_turn(i, EvidenceRole.TONE, std.rude_label,
                                               score=round(p, 4)))
        if not problems and self.courtesy is not None and scored:
            if (overall := self._overall(ctx, indices, scored)) is not None:
                problem, shown = overall
                problems.append(problem)
                evidence.extend(shown)
        if problems:
            return self.result(Status.MISSED, "Not courteous: " + "; ".join(problems) + ".",
                               evidence=evidence)
        worst = min(scored, key=lambda x: x[1]) if scored else None
        ev = [ctx.whole_turn(worst[0], EvidenceRole.TONE, std.label,
                             score=round(worst[1], 4))] \
            if worst else []
        return self.result(Status.MET, self._met_note(ctx, indices) + model_note, evidence=ev)

    def overall_values(self, ctx: Context, indices: list[int] | None = None,
                       scored: list[tuple[int, float]] | None = None) -> dict[str, float] | None:
        """The courtesy model's features (`csnlp.ml.courtesy.FEATURES`) for the speaker, or
        None when no turn of theirs has a tone score. A turn holding wording a `forbid`
        standard judges is left out: that standard penalises it (a phrase is penalised once).
        Training reads them here too (`csnlp.calibration.courtesy`), so both see the same
        numbers."""
        indices, scored = self._read_turns(ctx, indices, scored)
        return self._features(ctx, indices, scored)

    def _read_turns(self, ctx: Context, indices: list[int] | None = None,
                    scored: list[tuple[int, float]] | None = None
                    ) -> tuple[list[int], list[tuple[int, float]]]:
        """The speaker's turns the overall reading reads (all, or `indices`), less those
        holding wording a `forbid` standard judges, and their tone scores (`scored`, or looked
        up)."""
        std, annotations = self.standard, ctx.annotations
        if indices is None:
            indices = ctx.turns_of(std.speaker)
        indices = [i for i in indices if not self._forbidden_spans(ctx, i)]
        if scored is None:
            scored = [(i, p) for i in indices if (tone := annotations[i].tone) is not None
                      and (p := tone.get(std.label)) is not None]
        else:
            kept = set(indices)
            scored = [(i, p) for i, p in scored if i in kept]
        return indices, scored

    def _features(self, ctx: Context, indices: list[int], scored: list[tuple[int, float]]
                  ) -> dict[str, float] | None:
        """`overall_values` of turns already chosen (`_read_turns`)."""
        std, annotations, turns = self.standard, ctx.annotations, ctx.transcript.turns
        if not indices or not scored:
            return None
        # plain Python: a handful of numbers per conversation, where numpy's calls cost more
        # than the arithmetic (the lower quartile interpolates as numpy.quantile does)
        scores = sorted(p for _, p in scored)
        at = 0.25 * (len(scores) - 1)
        low = int(at)
        q25 = scores[low] + (scores[min(low + 1, len(scores) - 1)] - scores[low]) * (at - low)
        n = len(indices)
        words = [annotations[i].n_words for i in indices]
        courteous_rule = None if std.courteous.is_empty else self.rule("courteous")
        courteous = [courteous_rule is not None and bool(ctx.find(courteous_rule, i))
                     for i in indices]
        bare = sum(1 for i, w, c in zip(indices, words, courteous, strict=True)
                   if w <= 4 and not c and turns[i].text.rstrip().endswith("?"))
        other_words = [annotations[i].n_words for i in ctx.turns_of(self._other_speaker)
                       if annotations[i].n_words > 0]
        other_mean = sum(other_words) / len(other_words) if other_words else 0.0
        mean_words = sum(words) / n
        overall = std.overall
        unanswered = (overall is not None and overall.unanswered is not None
                      and (judged := ctx.judged.get(overall.unanswered)) is not None
                      and judged.status is Status.MISSED)
        return {
            "n_turns": float(n),
            "mean_polite": sum(scores) / len(scores),
            "min_polite": scores[0],
            "q25_polite": q25,
            "share_courteous": sum(courteous) / n,
            "mean_words": mean_words,
            "share_3_words": sum(w <= 3 for w in words) / n,
            "share_6_words": sum(w <= 6 for w in words) / n,
            "bare_questions": bare / n,
            "other_words": other_mean,
            "words_ratio": mean_words / max(other_mean, 1.0),
            "typed": float(any(c.isupper() for i in indices for c in turns[i].text)),
            "complaint_unanswered": float(unanswered),
        }

    @property
    def _other_speaker(self) -> str:
        return "customer" if self.standard.speaker == "agent" else "agent"

    def overall_applies(self, values: dict[str, float]) -> bool:
        """Whether the overall reading is made for these features (`OverallSpec.min_turns`,
        `other_min_words`)."""
        overall = self.standard.overall
        return overall is not None and values["n_turns"] >= overall.min_turns and (
            bool(values["complaint_unanswered"])
            or values["other_words"] >= overall.other_min_words)

    def _overall(self, ctx: Context, indices: list[int], scored: list[tuple[int, float]]
                 ) -> tuple[str, list[Evidence]] | None:
        """(why, evidence) when the courtesy model reads the speaker as not courteous overall
        (`ToneSpec.overall`), else None."""
        model, std = self.courtesy, self.standard
        assert model is not None and std.overall is not None
        indices, read = self._read_turns(ctx, indices, scored)
        values = self._features(ctx, indices, read)
        if values is None or not self.overall_applies(values):
            return None
        p = model.probability(values)
        bar = std.overall.min if std.overall.min is not None else model.threshold
        if p < bar:
            return None
        n = int(values["n_turns"])  # the turns the model read (prohibited wording's left out)
        why = [f"a courteous word in {round(values['share_courteous'] * n)} of {n} turns",
               f"{values['mean_words']:.1f} words a turn against the {self._other_speaker}'s "
               f"{values['other_words']:.1f}"]
        if values["complaint_unanswered"]:
            why.append("a complaint left without sympathy")
        shown = [ctx.whole_turn(i, EvidenceRole.TONE, std.label, score=round(q, 4))
                 for i, q in sorted(sorted(read, key=lambda x: x[1])[:3])]
        return (f"curt overall by the courtesy model ({p:.2f}, from {bar:.2f}): "
                + ", ".join(why)), shown

    def _discourteous(self, ctx: Context, indices: list[int]) -> list[tuple[int, float]]:
        """(turn, score) of the speaker's turns that the tone model reads as discourteous
        (`ToneSpec.rude_label` at `rude_min` or more), without those holding wording a
        `forbid` standard judges: that standard penalises the turn once."""
        label, bar = self.standard.rude_label, self.standard.rude_min
        found = []
        for i in indices:
            tone = ctx.annotations[i].tone
            p = tone.get(label) if tone is not None and label else None
            if p is not None and p >= bar and not self._forbidden_spans(ctx, i):
                found.append((i, p))
        return found

    def _shouting(self, ctx: Context, indices: list[int]) -> list[Evidence]:
        """Evidence of the speaker's wording in capitals (`ToneSpec.shouting`) shouted at the
        reader (`shouted`), none when no turn of the transcript has a lower-case letter."""
        rule = self.rule("shouting")
        turns = ctx.transcript.turns
        found = [(i, span) for i in indices for span in ctx.find(rule, i)
                 if shouted(turns[i].text, span[0], span[1])]
        if not found or not any(t.text != t.text.upper() for t in ctx.transcript.turns):
            return []
        return [ctx.evidence(i, span) for i, span in found]

    def _met_note(self, ctx: Context, indices: list[int]) -> str:
        """'No rude wording in the agent's 4 turns.', or, when a `forbid` standard flags some of
        the speaker's wording, that it was left to that standard (a phrase is penalised once)."""
        who = f"the {self.standard.speaker}'s {len(indices)} turns"
        turns = ctx.transcript.turns
        for sid, rule in zip(self.forbidden_ids, self.forbidden, strict=True):
            for i in indices:
                for start, end, _ in ctx.find(rule, i):
                    if own_words(turns[i].text, start, end):
                        return (f"No rude wording in {who} besides what {sid} judges "
                                f"({quote(turns[i].text[start:end], 30)}, turn {i + 1}): "
                                "a phrase is penalised once.")
        return f"No rude wording in {who}."
