"""`check: hold` -- a hold is asked for or explained first, and the customer thanked after.

A hold is an agent turn matching `hold`, or (with `silence_seconds`, default 30; null turns it
off) a silence that long after an agent turn. Options: `hold`, `ask_or_explain` (looked for in
the hold turn) and `thanks` (in the next `thanks_within_turns`, default 2, agent turns), each a
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
from typing import Annotated, Literal

from pydantic import Field

from csnlp.detectors.base import Context, Detector, turn_list
from csnlp.detectors.registry import register
from csnlp.metrics import silences
from csnlp.results import Evidence, StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase


class HoldSpec(StandardBase):
    """A hold must be asked for or explained first and the customer thanked afterwards."""

    check: Literal["hold"] = "hold"
    hold: RuleSpec
    ask_or_explain: RuleSpec
    thanks: RuleSpec
    thanks_within_turns: Annotated[int, Field(ge=1)] = 2
    #: A silence this long (seconds) after an agent turn also counts as a hold.
    silence_seconds: Annotated[float, Field(gt=0)] | None = 30.0

    def main_rule(self) -> RuleSpec:
        return self.hold


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
