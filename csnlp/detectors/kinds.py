"""The built-in check kinds: require, forbid, respond, hold, tone, response_time, customer_name."""

from __future__ import annotations

import re

from csnlp.detectors.base import Context, Detector, quote, turn_list
from csnlp.detectors.registry import register
from csnlp.metrics import response_delays, silences
from csnlp.results import Evidence, StandardResult, Status
from csnlp.standards.spec import (
    CustomerNameSpec,
    ForbidSpec,
    HoldSpec,
    RequireSpec,
    RespondSpec,
    ResponseTimeSpec,
    ToneSpec,
)


@register("require")
class RequireDetector(Detector):
    """Met when the rule matches in the speaker's window."""

    spec = RequireSpec

    def __init__(self, standard, annotator) -> None:
        super().__init__(standard, annotator)
        self.check_classifier(standard.classifier)

    def check(self, ctx: Context) -> StandardResult:
        std: RequireSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        indices = ctx.window(std.speaker, std.window)
        rule = self.rule("match")
        found = [ctx.evidence(i, span) for i in indices for span in ctx.find(rule, i)]
        where = std.window.describe(std.speaker)
        what = std.expect or std.title.lower()
        if found:
            first = found[0]
            return self.result(
                Status.MET, f"Found {what} in turn {first.turn_index + 1}: "
                f"{quote(first.text)}.", evidence=found)
        if likely := self.classified(ctx, std.classifier, indices, rule):
            return self.result(
                Status.MET, f"No listed phrase, but the act classifier found {what} in turn "
                f"{likely.turn_index + 1} (p={likely.score:.2f}): {quote(likely.text)}.",
                evidence=[likely])
        if not indices:
            return self.result(Status.MISSED, f"The {std.speaker} has no turns to check for "
                               f"{self.expected(std.title.lower())}.")
        return self.result(
            Status.MISSED,
            f"Looked in {where} ({turn_list(indices)}) for "
            f"{self.expected(std.title.lower())} and found none.",
            evidence=ctx.looked(indices, where))


@register("forbid")
class ForbidDetector(Detector):
    """Met when the rule matches nowhere in the speaker's window; each match is evidence."""

    spec = ForbidSpec

    def check(self, ctx: Context) -> StandardResult:
        std: ForbidSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        indices = ctx.window(std.speaker, std.window)
        rule = self.rule("match")
        found = [ctx.evidence(i, span) for i in indices for span in ctx.find(rule, i)]
        if found:
            listed = ", ".join(f"{quote(e.text, 30)} (turn {e.turn_index + 1})"
                               for e in found[:3])
            return self.result(Status.MISSED, f"The {std.speaker} used wording this standard "
                               f"forbids: {listed}.", evidence=found)
        return self.result(Status.MET, f"Checked {std.window.describe(std.speaker)} "
                           f"({len(indices)}) and found nothing prohibited.")


def _trigger_hits(ctx: Context, std: RespondSpec, rule) -> list[tuple[int, Evidence]]:
    """(turn index, evidence) of each trigger turn: a rule match, or a tone score over the bar."""
    hits = []
    for i in ctx.turns_of(std.trigger.speaker):
        spans = ctx.find(rule, i) if rule.labels or rule.templates else []
        if spans:
            hits.append((i, ctx.evidence(i, spans[0], rule=f"trigger:{spans[0][2]}")))
            continue
        tone = std.trigger.tone
        scores = ctx.annotations[i].tone
        if tone and scores and scores.get(tone.label, 0.0) >= tone.min:
            hits.append((i, ctx.whole_turn(i, f"tone:{tone.label}", score=scores[tone.label])))
    return hits


@register("respond")
class RespondDetector(Detector):
    """Each trigger turn must be answered by the watched speaker within N of its turns."""

    spec = RespondSpec

    def __init__(self, standard, annotator) -> None:
        super().__init__(standard, annotator)
        self.check_classifier(standard.response.classifier)

    def check(self, ctx: Context) -> StandardResult:
        std: RespondSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        triggers = _trigger_hits(ctx, std, self.rule("trigger.match"))
        if not triggers:
            return self.not_applicable(f"No {std.trigger.speaker} turn showed "
                                       f"{std.trigger.what}.")
        response = self.rule("response.match")
        replies = ctx.turns_of(std.speaker)
        evidence: list[Evidence] = []
        missed: list[int] = []
        for i, trig in triggers:
            after = [j for j in replies if j > i][: std.response.within_turns]
            answer = next(((j, s) for j in after for s in ctx.find(response, j)), None)
            evidence.append(trig)
            if answer:
                evidence.append(ctx.evidence(*answer))
            elif likely := self.classified(ctx, std.response.classifier, after, response):
                evidence.append(likely)
            else:
                missed.append(i)
        share = 1 - len(missed) / len(triggers)
        what = self.expected("a response")
        trig = f"{std.trigger.speaker} turn(s) showing {std.trigger.what}"
        if not missed:
            return self.result(Status.MET, f"All {len(triggers)} {trig} "
                               f"({turn_list([i for i, _ in triggers])}) were answered with "
                               f"{std.expect or 'a response'} within "
                               f"{std.response.within_turns} {std.speaker} turns.",
                               score=share, evidence=evidence)
        return self.result(
            Status.MISSED, f"{len(missed)} of {len(triggers)} {trig} "
            f"({turn_list(missed)}) were not answered with {what} in the {std.speaker}'s next "
            f"{std.response.within_turns} turns.", score=round(share, 6), evidence=evidence)


@register("hold")
class HoldDetector(Detector):
    """Every hold (hold words, or a long silence after an agent turn) is asked for or explained
    first, and the customer is thanked for waiting afterwards."""

    spec = HoldSpec

    def check(self, ctx: Context) -> StandardResult:
        std: HoldSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        hold, ask, thanks = self.rule("hold"), self.rule("ask_or_explain"), self.rule("thanks")
        agent_turns = ctx.turns_of(std.speaker)
        holds: dict[int, Evidence] = {}
        for i in agent_turns:
            if spans := ctx.find(hold, i):
                holds[i] = ctx.evidence(i, spans[0])
        if std.silence_seconds is not None:
            for before, seconds in silences(ctx.transcript, std.silence_seconds):
                prev = before - 1
                if prev in agent_turns and prev not in holds:
                    holds[prev] = ctx.whole_turn(prev, f"timing:silence {seconds:.0f}s")
        if not holds:
            return self.not_applicable("There is no hold in this conversation.")
        evidence: list[Evidence] = []
        problems: list[str] = []
        for i in sorted(holds):
            evidence.append(holds[i])
            asked = ctx.find(ask, i)
            if asked:
                evidence.append(ctx.evidence(i, asked[0]))
            after = [j for j in agent_turns if j > i][: std.thanks_within_turns]
            thanked = next(((j, s) for j in after for s in ctx.find(thanks, j)), None)
            if thanked:
                evidence.append(ctx.evidence(*thanked))
            if not asked:
                problems.append(f"the hold in turn {i + 1} was not asked for or explained")
            if not thanked:
                problems.append(f"the customer was not thanked for waiting after turn {i + 1}")
        bad = {int(m) for p in problems for m in re.findall(r"turn (\d+)", p)}
        score = 1 - len(bad) / len(holds)
        if not problems:
            return self.result(Status.MET, f"{len(holds)} hold(s) ({turn_list(sorted(holds))}) "
                               "were explained first and the customer thanked afterwards.",
                               evidence=evidence)
        return self.result(Status.MISSED, "; ".join(problems).capitalize() + ".",
                           score=round(score, 6), evidence=evidence)


@register("tone")
class ToneDetector(Detector):
    """Courteous overall by the tone model (when there is one), and no rude turn by the rules."""

    spec = ToneSpec

    def check(self, ctx: Context) -> StandardResult:
        std: ToneSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        indices = ctx.turns_of(std.speaker)
        if not indices:
            return self.not_applicable(f"The {std.speaker} never speaks.")
        rude = self.rule("rude")
        evidence = [ctx.evidence(i, span) for i in indices for span in ctx.find(rude, i)]
        scored = [(i, ctx.annotations[i].tone[std.label]) for i in indices
                  if ctx.annotations[i].tone and std.label in ctx.annotations[i].tone]
        problems: list[str] = []
        if evidence:
            problems.append("rude wording: " + ", ".join(
                f"{quote(e.text, 30)} (turn {e.turn_index + 1})" for e in evidence[:3]))
        model_note = ""
        if scored:
            mean = sum(p for _, p in scored) / len(scored)
            low = [(i, p) for i, p in scored if p < std.min_turn]
            model_note = f" Mean {std.label} score {mean:.2f} over {len(scored)} turns."
            if mean < std.min_mean:
                problems.append(f"mean {std.label} score {mean:.2f} is below {std.min_mean}")
            for i, p in low:
                problems.append(f"turn {i + 1} scored {p:.2f} {std.label}")
                evidence.append(ctx.whole_turn(i, f"tone:{std.label}", score=round(p, 4)))
        if problems:
            return self.result(Status.MISSED, "Not courteous: " + "; ".join(problems) + ".",
                               evidence=evidence)
        worst = min(scored, key=lambda x: x[1]) if scored else None
        ev = [ctx.whole_turn(worst[0], f"tone:{std.label}", score=round(worst[1], 4))] \
            if worst else []
        return self.result(Status.MET, f"No rude wording in the {std.speaker}'s "
                           f"{len(indices)} turns.{model_note}", evidence=ev)


@register("response_time")
class ResponseTimeDetector(Detector):
    """The share of agent replies that start within the limit must reach `min_share`."""

    spec = ResponseTimeSpec

    def check(self, ctx: Context) -> StandardResult:
        std: ResponseTimeSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        delays = response_delays(ctx.transcript)
        if not delays:
            return self.not_applicable("No timed agent reply follows a customer turn.")
        quick = [d for _, d in delays if d <= std.max_seconds]
        share = len(quick) / len(delays)
        slow = sorted((d, i) for i, d in delays if d > std.max_seconds)[::-1]
        evidence = [ctx.whole_turn(i, f"timing:{d:.1f}s") for d, i in slow[:3]]
        sentence = (f"{len(quick)} of {len(delays)} agent replies ({share:.0%}) started within "
                    f"{std.max_seconds:g} s (required: {std.min_share:.0%})")
        if slow:
            sentence += f"; slowest {slow[0][0]:.0f} s at turn {slow[0][1] + 1}"
        status = Status.MET if share >= std.min_share else Status.MISSED
        return self.result(status, sentence + ".", score=round(share, 6), evidence=evidence)


_NAME_STOP = frozenset("""a an the and or but is am are was it its it's this that my your our
yes yeah yep no nope sure okay ok hi hello hey um uh so well just calling here speaking thanks
thank you please sorry mr mrs ms miss dr sir madam calling about with from for on in at to
name names last first full""".split())


@register("customer_name")
class CustomerNameDetector(Detector):
    """Met when the agent uses the customer's name, from metadata or stated in the call."""

    spec = CustomerNameSpec

    def _stated_name(self, ctx: Context) -> tuple[list[str], Evidence | None]:
        stated, stated_cased = self.rule("stated"), self.rule("stated_cased")
        for i in ctx.turns_of("customer"):
            text = ctx.transcript.turns[i].text
            cased = any(c.isupper() for c in text)
            spans = ctx.find(stated, i) + (ctx.find(stated_cased, i) if cased else [])
            for span in spans:
                words = _name_words(text[span[0]:span[1]])
                last = text[span[0]:span[1]].split()[-1] if words else ""
                # In typed text a name is capitalised ("This is John", not "This is silly").
                if words and (not cased or last[:1].isupper()):
                    return words[-1:], ctx.evidence(i, span, rule=f"stated:{span[2]}")
        return [], None

    def check(self, ctx: Context) -> StandardResult:
        std: CustomerNameSpec = self.standard
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
        if not names:
            return self.not_applicable("The customer's name is unknown (not in metadata, "
                                       "not stated in the conversation).")
        indices = ctx.window(std.speaker, std.window)
        for i in indices:
            if source is not None and i < source.turn_index:
                continue
            ann = ctx.annotations[i]
            for w, (s, e) in zip(ann.words, ann.spans, strict=True):
                if w in names:
                    ev = ctx.evidence(i, (s, e, "name"))
                    return self.result(Status.MET, f"The agent addressed the customer as "
                                       f"{quote(ev.text)} in turn {i + 1}.",
                                       evidence=[ev] + ([source] if source else []))
        return self.result(Status.MISSED, f"The customer's name ({', '.join(names)}, from "
                           f"{origin}) never appears in {std.window.describe(std.speaker)}.",
                           evidence=([source] if source else []) + list(
                               ctx.looked(indices, "name")))


def _name_words(text: str) -> list[str]:
    from csnlp.nlp.pipeline import normalise_phrase

    return [w for w in normalise_phrase(text) if w.isalpha() and len(w) > 1
            and w not in _NAME_STOP]
