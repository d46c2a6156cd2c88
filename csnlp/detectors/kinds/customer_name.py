"""`check: customer_name` -- the agent addresses the customer by name at least once.

The name comes from the transcript's metadata (`metadata_key`, default `customer_name`) or, when
absent, from the customer's own words: `stated` patterns ("my name is X") whose last token is the
name, and `stated_cased` ones trusted only in typed text where the name is capitalised. Options
also: `window` for the agent's turns. Not applicable when the name is unknown.

    - id: customer_name
      check: customer_name
      title: Use the customer's name
      metadata_key: customer_name
      stated: {pattern_lists: [name_stated]}
"""

from __future__ import annotations

from typing import Literal

from csnlp.detectors.base import Context, Detector, quote
from csnlp.detectors.registry import register
from csnlp.results import Evidence, StandardResult, Status
from csnlp.standards.spec import RuleSpec, StandardBase, WindowSpec


class CustomerNameSpec(StandardBase):
    """The agent uses the customer's name, known from metadata or stated by the customer."""

    check: Literal["customer_name"] = "customer_name"
    metadata_key: str = "customer_name"
    #: Patterns on the customer's turns whose last token is the name ("my name is X").
    stated: RuleSpec = RuleSpec()
    #: Like `stated`, but trusted only in typed text where the name is capitalised.
    stated_cased: RuleSpec = RuleSpec()
    window: WindowSpec = WindowSpec()

    def rule_speaker(self, path: str) -> str:
        return "customer" if path.startswith("stated") else self.speaker


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
