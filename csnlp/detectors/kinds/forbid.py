"""`check: forbid` -- met when no forbidden phrase or pattern occurs in the speaker's window.

Options: `match` (a rule, as for `require`), `window` (`first_turns` or `last_turns`; all turns
when absent). Evidence: every forbidden match; a miss names the first three. Words inside
quotation marks are reported speech, not the speaker's own, and do not count; nor does a
capitalised word inside a Title-Case name ("the Hell's Kitchen DVD", "Bloody Mary mix").

    - id: prohibited_language
      check: forbid
      title: Avoid prohibited language
      match: {phrase_lists: [prohibited]}
"""

from __future__ import annotations

from typing import Literal

from csnlp.detectors.base import Context, Detector, own_words, quote
from csnlp.detectors.registry import register
from csnlp.results import StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase, WindowSpec


class ForbidSpec(StandardBase):
    """Met when no forbidden phrase or pattern occurs in the window."""

    check: Literal["forbid"] = "forbid"
    window: WindowSpec = WindowSpec()
    match: RuleSpec

    def main_rule(self) -> RuleSpec:
        return self.match


@register("forbid")
class ForbidDetector(Detector[ForbidSpec]):
    """Met when the rule matches nowhere in the speaker's window; each match is evidence."""

    spec = ForbidSpec

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
                 if own_words(turns[i].text, span[0], span[1])]
        if found:
            listed = ", ".join(f"{quote(e.text, 30)} (turn {e.turn_index + 1})"
                               for e in found[:3])
            return self.result(Status.MISSED, f"The {std.speaker} used wording this standard "
                               f"forbids: {listed}.", evidence=found)
        return self.result(Status.MET, f"Checked {std.window.describe(std.speaker)} "
                           f"({len(indices)}) and found nothing prohibited.")
