"""The standards format: the pydantic models every check kind shares, frozen, `extra="forbid"`.

A standards file has `schema_version`, `name`, `version`, shared `phrases` and `patterns`, and a
list of `standards`. Each standard names its `check` kind; the kind decides which other fields
it takes. Each kind's own options model (a `StandardBase` subclass) lives in its kind module,
`csnlp.detectors.kinds.<kind>`, or in a plug-in package; `csnlp.standards.kinds` is the registry.
"""

from __future__ import annotations

import re
import warnings
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from csnlp.errors import describe
from csnlp.standards import kinds as _kinds
from csnlp.standards.regex_check import regex_hazard

SCHEMA_VERSION = 1
SPEAKERS = ("agent", "customer")
IDENT = r"^[a-z][a-z0-9_]*$"

#: Conditions under which a standard is not applicable. `agent_silent`: the agent never says a
#: word. `automated_only`: the agent never says a word, and either automation speaks to the
#: customer (a bot, the IVR, a queue message: the conversation never reached an agent) or
#: nobody speaks at all. A duty (greet, close, answer a complaint) declares the second: a
#: customer nobody answered is a duty missed, not a conversation without one (an event logged,
#: "Chat started.", "Customer left the chat", answers nobody). Speech that is judged (tone,
#: language) declares the first.
NotApplicableWhen = Literal["agent_silent", "automated_only", "customer_silent", "no_timestamps"]

# Token-pattern keys spaCy's Matcher accepts that make sense on csnlp's normalised tokens.
# CONTEXT is csnlp's own: `CONTEXT: true` on a pattern's leading or trailing token says it only
# tests what stands around a match, and the evidence leaves its word out.
_TOKEN_KEYS = {"ORTH", "TEXT", "LOWER", "NORM", "LENGTH", "IS_ALPHA", "IS_DIGIT", "IS_STOP",
               "LIKE_NUM", "LIKE_EMAIL", "OP", "REGEX", "IN", "NOT_IN", "FUZZY", "CONTEXT"}
_OPS = {"!", "?", "+", "*", "{}"}
#: The longest regular expression a standards file may hold (an e-mail sign-off with its
#: exclusions takes about 340); each is also checked for backtracking shapes and stopped after
#: a time limit when it runs (csnlp.nlp.bounded).
MAX_REGEX_LENGTH = 500


def check_regex(pattern: str) -> str:
    """Compile a user regex, refusing shapes known to backtrack catastrophically (nested or
    adjacent overlapping repeats, repeated alternatives that overlap, backreferences)."""
    if not isinstance(pattern, str):
        raise ValueError(f"a regular expression must be a string, got {describe(pattern)}")
    if len(pattern) > MAX_REGEX_LENGTH:
        raise ValueError(f"regular expression longer than {MAX_REGEX_LENGTH} characters: "
                         f"{describe(pattern)}")
    try:
        hazard = regex_hazard(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise ValueError(f"invalid regular expression {describe(pattern, 120)}: {exc}"
                         ) from None
    if hazard:
        raise ValueError(f"unsafe regular expression {describe(pattern, 120)}: {hazard}; it "
                         "can take minutes on one long turn (rewrite it so each character can "
                         "be matched only one way)")
    return pattern


def _check_token(token: Any) -> dict[str, Any]:
    if not isinstance(token, dict):
        raise ValueError(f"a token pattern must be a mapping, got {describe(token)}")
    for key, value in token.items():
        if key not in _TOKEN_KEYS:
            raise ValueError(f"unknown token attribute {describe(key)}; allowed: "
                             f"{sorted(_TOKEN_KEYS)}")
        if key == "CONTEXT" and not isinstance(value, bool):
            raise ValueError(f"CONTEXT must be true or false, got {describe(value)}")
        if key == "OP" and not (isinstance(value, str) and value in _OPS):
            raise ValueError(f"OP must be one of {sorted(_OPS)}, got {describe(value)}")
        if isinstance(value, dict):
            for sub_key, sub_value in value.items():
                if sub_key == "REGEX":
                    check_regex(sub_value)
                elif sub_key in ("IN", "NOT_IN") and not isinstance(sub_value, (list, tuple)):
                    raise ValueError(f"{key}.{sub_key} must be a list, got {describe(sub_value)}")
                elif sub_key in ("IN", "NOT_IN") and not all(
                        isinstance(v, (str, int)) and not isinstance(v, bool) for v in sub_value):
                    bools = [v for v in sub_value if isinstance(v, bool)]
                    raise ValueError(f"{key}.{sub_key} values must be strings (quote yes/no/on "
                                     f"in YAML), got {describe(bools)}")
                elif sub_key not in {"IN", "NOT_IN", "FUZZY", "==", "!=", ">=", "<=", ">", "<"}:
                    raise ValueError(f"unknown predicate {describe(sub_key)} in {key}")
    return token


def _check_pattern(pattern: Any) -> None:
    """Each token valid; `CONTEXT: true` only on leading or trailing tokens (what stands around
    a match), and never on all of them (the evidence must keep a word)."""
    for token in pattern:
        _check_token(token)
    marked = [bool(token.get("CONTEXT")) for token in pattern]
    if not any(marked):
        return
    for n, token in enumerate(pattern):
        if marked[n] and token.get("OP") not in (None, "!"):
            raise ValueError(f"CONTEXT: true on token {n} with OP {token['OP']!r}: a context "
                             "token must match exactly one word (the evidence leaves out a "
                             "fixed number of words)")
    head = next((i for i, m in enumerate(marked) if not m), len(marked))
    tail = next((i for i, m in enumerate(reversed(marked)) if not m), len(marked))
    if head == len(marked):
        raise ValueError("CONTEXT is true on every token of a pattern; the evidence needs one "
                         "that is not context")
    if any(marked[head:len(marked) - tail]):
        where = marked.index(True, head)
        raise ValueError(f"CONTEXT: true on token {where} of a pattern of {len(marked)}: only "
                         "leading or trailing tokens can be context")


TokenPattern = tuple[dict[str, Any], ...]


class SpecModel(BaseModel):
    """Base of every options model: frozen, and an unknown key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(SpecModel):
    """What to look for in a turn: phrases and token patterns, shared or inline."""

    phrase_lists: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    pattern_lists: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    #: Phrases with `{metadata_key}` placeholders, filled from the transcript's metadata.
    templates: tuple[str, ...] = ()
    #: Regular expressions on a turn's original text (case-sensitive; `(?i)` for not): each
    #: first match counts, its characters the evidence. For what words lose, such as layout
    #: (an e-mail's sign-off on its own last line) and capitals.
    regex: tuple[str, ...] = ()
    #: A turn whose original text matches one of these regular expressions does not count.
    unless_regex: tuple[str, ...] = ()
    #: A match overlapping a match of one of these regular expressions (on the turn's original
    #: text, case-insensitive) does not count; the turn's other matches still do ("is that
    #: okay?" asking leave, after a real check in the same turn).
    unless_span_regex: tuple[str, ...] = ()

    @field_validator("phrases", "templates")
    @classmethod
    def _no_blank_phrase(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for v in values:
            if not v.strip():
                raise ValueError("phrases must not be empty")
        return values

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, values: tuple[tuple[dict[str, Any], ...], ...]):
        for pattern in values:
            if not pattern:
                raise ValueError("a token pattern must have at least one token")
            try:
                _check_pattern(pattern)
            except ValueError as exc:
                raise ValueError(f"[{values.index(pattern)}]: {exc}") from None
        return values

    @field_validator("regex", "unless_regex", "unless_span_regex")
    @classmethod
    def _safe_regex(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_regex(v) for v in values)

    @property
    def is_empty(self) -> bool:
        return not (self.phrase_lists or self.phrases or self.pattern_lists or self.patterns
                    or self.templates or self.regex)


class WindowSpec(SpecModel):
    """Which of the watched speaker's turns to look at: the first N, the last N, or all."""

    first_turns: Annotated[int, Field(ge=1)] | None = None
    last_turns: Annotated[int, Field(ge=1)] | None = None
    #: With last_turns: turns that are only a goodbye ("bye", "bye now", "take care") are not
    #: counted, so a string of goodbyes does not push what came just before them (an offer of
    #: more help) out of the window. A standard that looks for the goodbye leaves this off.
    skip_goodbyes: bool = False

    @model_validator(mode="after")
    def _one_side(self) -> WindowSpec:
        if self.first_turns is not None and self.last_turns is not None:
            raise ValueError("give first_turns or last_turns, not both")
        if self.skip_goodbyes and not self.last_turns:
            raise ValueError("skip_goodbyes goes with last_turns")
        return self

    def describe(self, speaker: str) -> str:
        if self.first_turns:
            return f"the {speaker}'s first {_turns(self.first_turns)}"
        if self.last_turns:
            return f"the {speaker}'s last {_turns(self.last_turns)}"
        return f"all of the {speaker}'s turns"


def _turns(n: int) -> str:
    return "turn" if n == 1 else f"{n} turns"


class ClassifierSpec(SpecModel):
    """The act classifier as a fallback: where the rule finds nothing in the window, a turn whose
    `act` probability reaches the threshold counts (evidence rule `classifier:<act>`)."""

    act: Annotated[str, Field(pattern=IDENT)]
    enabled: bool = True
    #: None: the threshold the shipped model chose for this act on validation data.
    threshold: Annotated[float, Field(gt=0, le=1)] | None = None


class ExampleCase(SpecModel):
    """A whole-transcript example with its expected status."""

    transcript: str | dict[str, Any]
    expect: Literal["met", "missed", "not_applicable"]


Example = str | ExampleCase


class ExamplesSpec(SpecModel):
    should_match: tuple[Example, ...] = ()
    should_not_match: tuple[Example, ...] = ()


class StandardBase(SpecModel):
    """Fields every standard has, whatever its check kind."""

    id: Annotated[str, Field(pattern=IDENT)]
    check: str
    title: Annotated[str, Field(min_length=1)]
    description: str = ""
    weight: Annotated[float, Field(ge=0)] = 1.0
    coaching_tip: str = ""
    speaker: Literal["agent", "customer"] = "agent"
    not_applicable_when: tuple[NotApplicableWhen, ...] = ()
    examples: ExamplesSpec = ExamplesSpec()

    def main_rule(self) -> RuleSpec | None:
        """The rule that turn-level `should_match` examples exercise."""
        return None

    def rule_speaker(self, path: str) -> str:
        """Whose turns the rule at field `path` is looked for in (kinds with rules on the other
        speaker's turns override this)."""
        return self.speaker

    def classifiers(self) -> list[ClassifierSpec]:
        """The enabled act-classifier fallbacks of this standard (its own or its response's)."""
        found = [getattr(self, "classifier", None),
                 getattr(getattr(self, "response", None), "classifier", None)]
        return [c for c in found if c is not None and c.enabled]


class StandardSetSpec(SpecModel):
    """A whole standards file, before the standards are validated by their kinds."""

    schema_version: Literal[1]
    name: Annotated[str, Field(min_length=1)]
    version: str = "0"
    description: str = ""
    #: A pack name or file whose phrases, patterns and standards this set starts from.
    extends: str | None = None
    phrases: dict[Annotated[str, Field(pattern=IDENT)], tuple[str, ...]] = {}
    patterns: dict[Annotated[str, Field(pattern=IDENT)], tuple[TokenPattern, ...]] = {}
    standards: tuple[dict[str, Any], ...] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, values):
        for name, patterns in values.items():
            for pattern in patterns:
                if not pattern:
                    raise ValueError(f"{name}: a token pattern must have at least one token")
                try:
                    _check_pattern(pattern)
                except ValueError as exc:
                    raise ValueError(f"{name}[{patterns.index(pattern)}]: {exc}") from None
        return values


def register_spec_kind(kind: str, model: type[StandardBase]) -> None:
    """Deprecated: register a kind's detector with `csnlp.detectors.register` (or a spec alone
    with `csnlp.standards.kinds.register_kind`)."""
    warnings.warn("csnlp.standards.spec.register_spec_kind is deprecated; use "
                  "csnlp.detectors.register or csnlp.standards.kinds.register_kind",
                  DeprecationWarning, stacklevel=2)
    _kinds.register_kind(kind, model)


def __getattr__(name: str) -> Any:
    """Deprecated names: `SPEC_KINDS` and the kind models that moved to their kind modules."""
    if name == "SPEC_KINDS":
        found: Any = _kinds.SPEC_KINDS
        new = "csnlp.standards.kinds.SPEC_KINDS"
    elif name.endswith("Spec") or name == "ToneTrigger":
        found = _kinds.find_model(name)
        new = f"{getattr(found, '__module__', '')}.{name}"
    else:
        found = None
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"csnlp.standards.spec.{name} moved to {new}", DeprecationWarning,
                  stacklevel=2)
    return found
