"""`check: keyword_count` -- met when the speaker says the listed words at least N times.

An example of a check kind shipped outside csnlp: this one module holds the options model, the
detector and the docs, and the package's pyproject.toml declares it under the `csnlp.detectors`
entry-point group. Once the package is installed, standards files can use it:

    - id: mention_warranty
      check: keyword_count
      title: Mention the warranty
      words: [warranty, guarantee]
      min_count: 2

Options: `words` (single words, matched on csnlp's normalised, lower-case tokens), `min_count`
(default 1), `window` (`first_turns` or `last_turns`). Evidence: each occurrence found.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from csnlp.detectors import register
from csnlp.detectors.base import Context, Detector, turn_list
from csnlp.results import StandardResult, Status
from csnlp.standards.spec import StandardBase, WindowSpec


class KeywordCountSpec(StandardBase):
    """Met when the listed words occur at least `min_count` times in the speaker's window."""

    check: Literal["keyword_count"] = "keyword_count"
    words: Annotated[tuple[str, ...], Field(min_length=1)]
    min_count: Annotated[int, Field(ge=1)] = 1
    window: WindowSpec = WindowSpec()

    @field_validator("words")
    @classmethod
    def _single_lower_words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for v in values:
            if len(v.split()) != 1:
                raise ValueError(f"words must be single words, got {v!r}")
        return tuple(v.lower() for v in values)


@register("keyword_count")
class KeywordCountDetector(Detector):
    """Counts the listed words in the speaker's window; each occurrence is evidence."""

    spec = KeywordCountSpec

    def check(self, ctx: Context) -> StandardResult:
        std: KeywordCountSpec = self.standard
        if reason := self.not_applicable_reason(ctx):
            return self.not_applicable(reason)
        wanted = frozenset(std.words)
        indices = ctx.window(std.speaker, std.window)
        found = [ctx.evidence(i, (start, end, f"keyword:{word}"))
                 for i in indices
                 for word, (start, end) in zip(ctx.annotations[i].words,
                                               ctx.annotations[i].spans, strict=True)
                 if word in wanted]
        said = (f"The {std.speaker} said the listed words ({', '.join(std.words)}) "
                f"{len(found)} times")
        where = f"in {std.window.describe(std.speaker)} ({turn_list(indices)})"
        score = min(1.0, len(found) / std.min_count)
        status = Status.MET if len(found) >= std.min_count else Status.MISSED
        return self.result(status, f"{said} {where}; required: {std.min_count}.",
                           score=score, evidence=found)
