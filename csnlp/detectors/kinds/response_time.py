"""`check: response_time` -- the agent's replies start within the limit, often enough.

Options: `max_seconds` (default 30) and `min_share` (default 0.9): the share of timed agent
replies to a customer turn that start within the limit must reach it. The score is that share;
evidence is the three slowest replies. Use `not_applicable_when: [no_timestamps]`.

    - id: response_time
      check: response_time
      title: Answer quickly
      max_seconds: 30
      min_share: 0.9
      not_applicable_when: [no_timestamps]
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from csnlp.detectors.base import Context, Detector
from csnlp.detectors.registry import register
from csnlp.metrics import response_delays
from csnlp.results import EvidenceRole, StandardResult, Status
from csnlp.standards.spec import StandardBase


class ResponseTimeSpec(StandardBase):
    """The agent's replies start within `max_seconds` of the customer's turn, mostly."""

    check: Literal["response_time"] = "response_time"
    max_seconds: Annotated[float, Field(gt=0)] = 30.0
    min_share: Annotated[float, Field(ge=0, le=1)] = 0.9


@register("response_time")
class ResponseTimeDetector(Detector[ResponseTimeSpec]):
    """The share of agent replies that start within the limit must reach `min_share`."""

    spec = ResponseTimeSpec

    def check(self, ctx: Context) -> StandardResult:
        std = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        delays = response_delays(ctx.transcript, gaps=ctx.gaps)
        if not delays:
            return self.not_applicable("No timed agent reply follows a customer turn.")
        quick = [d for _, d in delays if d <= std.max_seconds]
        share = len(quick) / len(delays)
        slow = sorted((d, i) for i, d in delays if d > std.max_seconds)[::-1]
        evidence = [ctx.whole_turn(i, EvidenceRole.TIMING, "reply", seconds=d) for d, i in slow[:3]]
        sentence = (f"{len(quick)} of {len(delays)} agent replies ({share:.0%}) started within "
                    f"{std.max_seconds:g} s (required: {std.min_share:.0%})")
        if slow:
            sentence += f"; slowest {slow[0][0]:.0f} s at turn {slow[0][1] + 1}"
        status = Status.MET if share >= std.min_share else Status.MISSED
        return self.result(status, sentence + ".", score=round(share, 6), evidence=evidence)
