"""Result objects: Status, Evidence, StandardResult, Report. JSON-native and round-trip tested.

All of them are immutable and hashable: a Report may be cached, put in a set, or sent between
worker processes, and nothing one caller does to it can change what another caller sees.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

from csnlp.errors import InputError, describe
from csnlp.jsonable import jsonable

if TYPE_CHECKING:
    import pandas as pd

REPORT_SCHEMA_VERSION = 1
#: Longest `repr(report)`; a notebook shows the whole report through `_repr_html_`.
REPR_LIMIT = 120


class Status(str, Enum):
    """Verdict for one standard on one transcript."""

    MET = "met"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class FrozenList(tuple):
    """An immutable list inside report metrics or metadata; equal to the list it was made from."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return tuple.__eq__(self, tuple(other) if isinstance(other, list) else other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__


class FrozenDict(dict):
    """A read-only dict, frozen all the way down (nested dicts and lists too).

    A dict subclass rather than a MappingProxyType so that it pickles (batch workers send
    reports between processes) and `json.dumps` writes it as it is.
    """

    __slots__ = ()

    def __init__(self, data: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = (), /) -> None:
        super().__init__(data)
        # most values are scalars: copy them in C, then replace only the few containers
        for key, value in dict.items(self):
            if type(value) not in _IMMUTABLE:
                dict.__setitem__(self, key, _freeze(value))

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("this mapping belongs to a csnlp report and is read-only; copy it with "
                        "dict(...) to change it")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        # the default dict pickling refills the dict item by item, which __setitem__ refuses
        return FrozenDict, (dict(self),)

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


_IMMUTABLE = frozenset({str, int, float, bool, type(None), FrozenDict, FrozenList, frozenset})


def _freeze(value: Any) -> Any:
    """The value with every dict, list, tuple and set inside made immutable."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return value
    if kind is dict:  # the usual case, before the slower abstract-class checks
        return FrozenDict(value)
    if kind is list:
        return FrozenList(map(_freeze, value))
    if isinstance(value, Mapping):
        return FrozenDict(value)
    if isinstance(value, (list, tuple)):
        return FrozenList(map(_freeze, value))
    if isinstance(value, (set, frozenset)):
        return frozenset(map(_freeze, value))
    return value


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EvidenceRole(str, Enum):
    """What an evidence item is: its part in the verdict (`Evidence.role`)."""

    #: Words a rule matched: the required wording found, or the forbidden wording used.
    MATCH = "match"
    #: A whole turn a miss looked in; `Evidence.window` says where the miss looked.
    SEARCHED = "searched"
    #: What made the standard apply: a complaint, a frustrated turn.
    TRIGGER = "trigger"
    #: The answer to a trigger: an apology after a complaint.
    RESPONSE = "response"
    #: A hold: hold wording, or the agent turn before a long silence (`seconds` long).
    HOLD = "hold"
    #: A hold asked for or explained.
    ASK = "ask"
    #: The customer thanked for waiting after a hold.
    THANKS = "thanks"
    #: A whole turn's tone-model score (`label` the tone, `score` the probability).
    TONE = "tone"
    #: A slow reply, whole (`seconds` its delay).
    TIMING = "timing"
    #: The turn the act classifier picked where no rule matched (`label` the act, `score`).
    CLASSIFIER = "classifier"
    #: Where the customer said their name.
    STATED_NAME = "stated_name"
    #: Why a standard does not apply: the other speaker's opening says there is nothing for
    #: it to check ("nothing's wrong, I just wanted to say ...": no problem to check is solved).
    OPENING = "opening"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class SearchedWindow:
    """Where a miss looked: the window in words and the 0-based indices of all its turns
    (`()` in results written before csnlp recorded them)."""

    description: str
    turns: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "turns": list(self.turns)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SearchedWindow:
        return cls(description=str(d.get("description") or ""),
                   turns=tuple(int(i) for i in d.get("turns") or ()))


#: Prefix of each role in the compatible `Evidence.rule` string (the role itself otherwise).
_RULE_PREFIX = {EvidenceRole.MATCH: "", EvidenceRole.RESPONSE: "", EvidenceRole.ASK: "",
                EvidenceRole.THANKS: "", EvidenceRole.HOLD: "", EvidenceRole.SEARCHED: "looked:",
                EvidenceRole.STATED_NAME: "stated:"}
#: The rule strings of timing evidence, as csnlp wrote them before evidence had fields.
_TIMING_RULE = {(EvidenceRole.TIMING, "reply"): "timing:{:.1f}s",
                (EvidenceRole.HOLD, "silence"): "timing:silence {:.0f}s",
                (EvidenceRole.HOLD, "timed_hold"): "timing:hold {:.0f}s"}
#: Old rule prefixes -> role.
_OLD_PREFIX = {"trigger": EvidenceRole.TRIGGER, "tone": EvidenceRole.TONE,
               "classifier": EvidenceRole.CLASSIFIER, "stated": EvidenceRole.STATED_NAME,
               "opening": EvidenceRole.OPENING}
#: The measures old `timing:` rules held: "12.0s" (a reply), "silence 40s", "hold 40s".
_OLD_TIMING = re.compile(r"(?:(silence|hold) )?(\d+(?:\.\d+)?)s")


def _parse_rule(rule: str) -> tuple[EvidenceRole, str, SearchedWindow | None, float | None]:
    """(role, label, window, seconds) of an old `rule` string, written before evidence had
    these fields. The one place that reads that mini-language: new code sets the fields."""
    prefix, sep, rest = rule.partition(":")
    if not sep:
        return (EvidenceRole.TIMING, "", None, None) if rule == "timing" \
            else (EvidenceRole.MATCH, rule, None, None)
    if prefix == "looked":
        return EvidenceRole.SEARCHED, "", SearchedWindow(rest), None
    if prefix == "timing":
        m = _OLD_TIMING.fullmatch(rest)
        if m is None:
            return EvidenceRole.TIMING, rest, None, None
        kind, seconds = m.group(1), float(m.group(2))
        if kind is None:
            return EvidenceRole.TIMING, "reply", None, seconds
        return EvidenceRole.HOLD, "silence" if kind == "silence" else "timed_hold", None, seconds
    if prefix in _OLD_PREFIX:
        return _OLD_PREFIX[prefix], rest, None, None
    return EvidenceRole.MATCH, rule, None, None  # a matcher label: "phrase:greetings"


def rule_fields(rule: str) -> dict[str, Any]:
    """The JSON-native `role`, `label`, `window` and `seconds` an old `rule` string stands for.

    >>> rule_fields("looked:the agent's first 2 turns")["role"]
    'searched'
    """
    role, label, window, seconds = _parse_rule(rule or "")
    return {"role": role.value, "label": label,
            "window": window.to_dict() if window else None, "seconds": seconds}


def _rule_of(role: EvidenceRole, label: str, window: SearchedWindow | None,
             seconds: float | None) -> str:
    """The compatible `rule` string of typed evidence ("phrase:greetings", "looked:...")."""
    if role is EvidenceRole.SEARCHED and window is not None:
        return "looked:" + window.description
    if seconds is not None:
        form = _TIMING_RULE.get((role, label), f"timing:{label} {{:g}}s")
        return form.format(seconds)
    prefix = _RULE_PREFIX.get(role)
    return (f"{role.value}:" if prefix is None else prefix) + label


def _role(value: Any) -> EvidenceRole:
    try:
        return EvidenceRole(value)
    except ValueError:
        raise InputError(f"evidence: unknown role {value!r}; expected one of "
                         f"{', '.join(r.value for r in EvidenceRole)}") from None


@dataclass(frozen=True, slots=True, repr=False)
class Evidence:
    """The exact words behind a verdict: `turn.text[start_char:end_char] == text`.

    `turn_index` is 0-based, into `transcript.turns`; explanations and the coaching report count
    turns from 1, as people do: "turn 3" is `turn_index == 2` (`turn_number`).
    `role` says what the evidence is (an `EvidenceRole`: a rule `match`, a turn a miss
    `searched`, a `trigger` and its `response`, ...); `label` names the rule or model label
    behind it (`phrase:greetings`, `pattern:self_intro`, `polite`, `further_help`; empty for
    searched turns); `window` is where a miss looked (searched evidence only); `seconds` is the
    measured time of timing evidence (a reply's delay, a hold's silence); `score` is a model
    probability when a model produced it; `context` is the whole turn text, so a coach sees the
    words in place.

    `rule` is the older one-string form ("phrase:greetings", "looked:...", "tone:polite"),
    derived from the fields; evidence made from a `rule` alone (older code and results files)
    gets its fields from it.
    """

    turn_index: int
    speaker: str
    start_char: int
    end_char: int
    text: str
    rule: str = ""
    score: float | None = None
    context: str | None = None
    #: None (or a role's value) at construction only: __post_init__ makes it an EvidenceRole.
    role: EvidenceRole = None  # type: ignore[assignment]
    label: str = ""
    window: SearchedWindow | None = None
    seconds: float | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__
        if self.role is None:  # made the old way, from a rule string alone
            role, label, window, seconds = _parse_rule(self.rule)
            put(self, "role", role)
            put(self, "label", self.label or label)
            put(self, "window", self.window or window)
            put(self, "seconds", self.seconds if self.seconds is not None else seconds)
        elif type(self.role) is not EvidenceRole:
            put(self, "role", _role(self.role))
        if not self.rule:
            put(self, "rule", _rule_of(self.role, self.label, self.window, self.seconds))

    @property
    def turn_number(self) -> int:
        """The turn as explanations and the coaching report count it: from 1."""
        return self.turn_index + 1

    def __repr__(self) -> str:
        what = " ".join(x for x in (self.role.value, self.label) if x)
        return (f"Evidence(turn_index={self.turn_index}, {self.speaker}: "
                f"{_clip(self.text, 40)!r}, {what})")

    def to_dict(self) -> dict[str, Any]:
        return {"turn_index": self.turn_index, "speaker": self.speaker,
                "start_char": self.start_char, "end_char": self.end_char,
                "text": self.text, "rule": self.rule, "score": self.score,
                "context": self.context, "role": self.role.value, "label": self.label,
                "window": self.window.to_dict() if self.window is not None else None,
                "seconds": self.seconds}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        """The evidence of `to_dict()`; an older dict with `rule` alone gets its role, label
        and window from the rule."""
        window, seconds, role = d.get("window"), d.get("seconds"), d.get("role")
        typed = {} if role is None else {"role": _role(role)}  # no role: read from rule
        return cls(turn_index=int(d["turn_index"]), speaker=d["speaker"],
                   start_char=int(d["start_char"]), end_char=int(d["end_char"]),
                   text=d["text"], rule=d.get("rule") or "", score=d.get("score"),
                   context=d.get("context"), label=d.get("label") or "", **typed,
                   window=SearchedWindow.from_dict(window) if window else None,
                   seconds=float(seconds) if seconds is not None else None)


#: Each Evidence slot's setter, by field name (`evidence_of` binds them as defaults).
_SET = {f.name: getattr(Evidence, f.name).__set__ for f in fields(Evidence)}


def evidence_of(turn_index: int, speaker: str, start_char: int, end_char: int, text: str,
                score: float | None, context: str | None, role: EvidenceRole | str,
                label: str = "",
                window: SearchedWindow | None = None, seconds: float | None = None,
                rule: str | None = None, *, _new: Any = object.__new__,
                _s0: Any = _SET["turn_index"], _s1: Any = _SET["speaker"],
                _s2: Any = _SET["start_char"], _s3: Any = _SET["end_char"],
                _s4: Any = _SET["text"], _s5: Any = _SET["rule"], _s6: Any = _SET["score"],
                _s7: Any = _SET["context"], _s8: Any = _SET["role"], _s9: Any = _SET["label"],
                _s10: Any = _SET["window"], _s11: Any = _SET["seconds"]) -> Evidence:
    """`Evidence(...)` of fields already typed: the same object, made in about 40% of the
    time, since detectors make one per searched turn of every miss. A `role` given by its
    value ("match") is checked as the constructor checks it; `rule`, when given, must be what
    the constructor derives (`_rule_of`).

    >>> w = SearchedWindow("the agent's first turn", (0,))
    >>> evidence_of(0, "agent", 0, 2, "Hi", None, "Hi", EvidenceRole.SEARCHED, window=w) == \\
    ...     Evidence(0, "agent", 0, 2, "Hi", context="Hi", role=EvidenceRole.SEARCHED, window=w)
    True
    """
    if type(role) is not EvidenceRole:
        role = _role(role)
    made = _new(Evidence)
    _s0(made, turn_index)
    _s1(made, speaker)
    _s2(made, start_char)
    _s3(made, end_char)
    _s4(made, text)
    _s5(made, _rule_of(role, label, window, seconds) if rule is None else rule)
    _s6(made, score)
    _s7(made, context)
    _s8(made, role)
    _s9(made, label)
    _s10(made, window)
    _s11(made, seconds)
    return made


@dataclass(frozen=True, slots=True, repr=False)
class StandardResult:
    """Outcome of one standard: status, score (0..1 or None), evidence and a readable sentence.

    `error` is set (`"TypeError: message"`) when the standard's check raised: the status is then
    `error` and the other standards of the report are judged as usual.
    """

    standard_id: str
    status: Status
    score: float | None
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""
    weight: float = 1.0
    title: str = ""
    error: str | None = None

    @property
    def met(self) -> bool:
        return self.status is Status.MET

    def __repr__(self) -> str:
        if self.error is not None:
            return f"StandardResult({self.standard_id}: error, {_clip(self.error, 60)})"
        n = len(self.evidence)
        return (f"StandardResult({self.standard_id}: {self.status.value}, score={self.score}, "
                f"{n} evidence)")

    def to_dict(self) -> dict[str, Any]:
        return {"standard_id": self.standard_id, "status": self.status.value,
                "score": self.score, "weight": self.weight, "title": self.title,
                "explanation": self.explanation,
                "evidence": [e.to_dict() for e in self.evidence], "error": self.error}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StandardResult:
        return cls(standard_id=d["standard_id"], status=Status(d["status"]), score=d.get("score"),
                   evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
                   explanation=d.get("explanation", ""), weight=float(d.get("weight", 1.0)),
                   title=d.get("title", ""), error=d.get("error"))


def weighted_score(results: tuple[StandardResult, ...]) -> float | None:
    """Weighted share of applicable standards met (partial scores count), or None if none apply.

    Standards not applicable or in error count for nothing either way.
    """
    total = sum(r.weight for r in results if r.status in (Status.MET, Status.MISSED))
    if total == 0:
        return None
    got = sum(r.weight * (r.score if r.score is not None else float(r.met))
              for r in results if r.status in (Status.MET, Status.MISSED))
    return round(got / total, 6)


@dataclass(frozen=True)
class Report(Mapping[str, StandardResult]):
    """All standards' results for one transcript, plus metrics, metadata and provenance.

    A read-only mapping of standard id to StandardResult (`"greeting" in report`,
    `report.items()`); `.results` is the same results as a tuple in the standard set's order.
    Immutable and hashable; metrics, metadata and provenance are read-only copies of its own.
    """

    transcript_id: str
    results: tuple[StandardResult, ...] = ()
    score: float | None = None
    metrics: Mapping[str, Any] = field(default_factory=FrozenDict)
    metadata: Mapping[str, Any] = field(default_factory=FrozenDict)
    provenance: Mapping[str, Any] = field(default_factory=FrozenDict)
    error: str | None = None
    source: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        # Frozen copies, so that no report shares a mutable dict with its caller or another
        # report; FrozenDicts pass through as they are (an Evaluator's provenance, replace()).
        freeze = object.__setattr__
        if type(self.results) is not tuple:
            freeze(self, "results", tuple(self.results))
        for name in ("metrics", "metadata", "provenance"):
            value = getattr(self, name)
            if type(value) is not FrozenDict:
                freeze(self, name, FrozenDict(value or {}))
        if self.source is not None and type(self.source) is not FrozenDict:
            freeze(self, "source", FrozenDict(self.source))

    def __getitem__(self, standard_id: str) -> StandardResult:
        for r in self.results:
            if r.standard_id == standard_id:
                return r
        raise KeyError(standard_id)

    def __iter__(self) -> Iterator[str]:
        return (r.standard_id for r in self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __hash__(self) -> int:
        # the verdicts identify a report; metrics and metadata may hold unhashable leaves
        return hash((self.transcript_id, self.results, self.score, self.error))

    def __repr__(self) -> str:
        tid = _clip(self.transcript_id, 40)
        if self.error is not None:
            return _clip(f"<Report {tid}: failed, {self.error}", REPR_LIMIT - 1) + ">"
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status.value] = counts.get(r.status.value, 0) + 1
        parts = [f"{counts[s.value]} {_SHORT[s]}" for s in Status if s.value in counts]
        score = "n/a" if self.score is None else f"{self.score:.2f}"
        return f"<Report {tid}: {', '.join(parts) or 'no results'}, score {score}>"

    def _repr_html_(self) -> str:
        """A small table for notebooks: standard, status, score, first evidence, explanation."""
        esc = html.escape
        score = "n/a" if self.score is None else f"{self.score:.2f}"
        caption = f"Report {esc(self.transcript_id)}: score {score}"
        if self.error is not None:
            caption += f", failed: {esc(self.error)}"
        rows = []
        for r in self.results:
            first = r.evidence[0].text if r.evidence else ""
            cells = (r.standard_id, r.status.value, "" if r.score is None else f"{r.score:.2f}",
                     first, r.explanation)
            rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        head = "".join(f"<th>{h}</th>" for h in
                       ("standard", "status", "score", "evidence", "explanation"))
        return (f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-native dict; `Report.from_dict(r.to_dict()) == r`."""
        return {"schema_version": REPORT_SCHEMA_VERSION, "transcript_id": self.transcript_id,
                "score": self.score, "error": self.error,
                "results": [r.to_dict() for r in self.results],
                "metrics": jsonable(self.metrics), "metadata": jsonable(self.metadata),
                "provenance": jsonable(self.provenance),
                "source": jsonable(self.source) if self.source is not None else None}

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        if not isinstance(d, Mapping) or "transcript_id" not in d:
            raise InputError(f"report: expected a dict with transcript_id, got {describe(d)}")
        return cls(transcript_id=d["transcript_id"],
                   results=tuple(StandardResult.from_dict(r) for r in d.get("results", ())),
                   score=d.get("score"), metrics=d.get("metrics") or {},
                   metadata=d.get("metadata") or {}, provenance=d.get("provenance") or {},
                   error=d.get("error"), source=d.get("source"))

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))

    @classmethod
    def failed(cls, transcript_id: str | None, error: str, *,
               source: Mapping[str, Any] | None = None,
               metadata: Mapping[str, Any] | None = None,
               provenance: Mapping[str, Any] | None = None) -> Report:
        """A report that records a failure instead of raising (batch `on_error="record"`)."""
        return cls(transcript_id=transcript_id if transcript_id is not None else "",
                   error=error, source=source, metadata=metadata or {},
                   provenance=provenance or {})

    def to_frame(self) -> pd.DataFrame:
        """One row per standard: transcript_id, standard_id, status, score, metadata columns."""
        from csnlp.table import reports_to_frame

        return reports_to_frame([self])


_SHORT = {Status.MET: "met", Status.MISSED: "missed", Status.NOT_APPLICABLE: "n/a",
          Status.ERROR: "error"}
