"""Result objects: Status, Evidence, StandardResult, Report. JSON-native and round-trip tested."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from csnlp.errors import InputError, describe

if TYPE_CHECKING:
    import pandas as pd

REPORT_SCHEMA_VERSION = 1


class Status(str, Enum):
    """Verdict for one standard on one transcript."""

    MET = "met"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact words behind a verdict: `turn.text[start_char:end_char] == text`.

    `rule` names what fired (`phrase:greetings`, `pattern:self_intro`, `tone:polite`, `timing`,
    `classifier:...`, `looked:...` for the turns a miss searched); `score` is a model probability
    when a model produced it; `context` is the whole turn text, so a coach sees the words in place.
    """

    turn_index: int
    speaker: str
    start_char: int
    end_char: int
    text: str
    rule: str
    score: float | None = None
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"turn_index": self.turn_index, "speaker": self.speaker,
                "start_char": self.start_char, "end_char": self.end_char,
                "text": self.text, "rule": self.rule, "score": self.score,
                "context": self.context}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(turn_index=int(d["turn_index"]), speaker=d["speaker"],
                   start_char=int(d["start_char"]), end_char=int(d["end_char"]),
                   text=d["text"], rule=d["rule"], score=d.get("score"),
                   context=d.get("context"))


@dataclass(frozen=True, slots=True)
class StandardResult:
    """Outcome of one standard: status, score (0..1 or None), evidence and a readable sentence."""

    standard_id: str
    status: Status
    score: float | None
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""
    weight: float = 1.0
    title: str = ""

    @property
    def met(self) -> bool:
        return self.status is Status.MET

    def to_dict(self) -> dict[str, Any]:
        return {"standard_id": self.standard_id, "status": self.status.value,
                "score": self.score, "weight": self.weight, "title": self.title,
                "explanation": self.explanation,
                "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StandardResult:
        return cls(standard_id=d["standard_id"], status=Status(d["status"]), score=d.get("score"),
                   evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
                   explanation=d.get("explanation", ""), weight=float(d.get("weight", 1.0)),
                   title=d.get("title", ""))


def weighted_score(results: tuple[StandardResult, ...]) -> float | None:
    """Weighted share of applicable standards met (partial scores count), or None if none apply."""
    total = sum(r.weight for r in results if r.status in (Status.MET, Status.MISSED))
    if total == 0:
        return None
    got = sum(r.weight * (r.score if r.score is not None else float(r.met))
              for r in results if r.status in (Status.MET, Status.MISSED))
    return round(got / total, 6)


@dataclass(frozen=True)
class Report:
    """All standards' results for one transcript, plus metrics, metadata and provenance."""

    transcript_id: str
    results: tuple[StandardResult, ...] = ()
    score: float | None = None
    metrics: Mapping[str, Any] = field(default_factory=dict)
    metadata: Mapping[str, Any] = field(default_factory=dict)
    provenance: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    source: Mapping[str, Any] | None = None

    def __getitem__(self, standard_id: str) -> StandardResult:
        for r in self.results:
            if r.standard_id == standard_id:
                return r
        raise KeyError(standard_id)

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-native dict; `Report.from_dict(r.to_dict()) == r`."""
        return {"schema_version": REPORT_SCHEMA_VERSION, "transcript_id": self.transcript_id,
                "score": self.score, "error": self.error,
                "results": [r.to_dict() for r in self.results],
                "metrics": _jsonable(self.metrics), "metadata": _jsonable(self.metadata),
                "provenance": _jsonable(self.provenance),
                "source": _jsonable(self.source) if self.source is not None else None}

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
        from csnlp.frames import reports_to_frame

        return reports_to_frame([self])


def _jsonable(value: Any) -> Any:
    """Make metadata/metrics JSON-native (dates to ISO strings, numpy scalars to Python)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return str(value)
