"""The Evaluator: compiles a standard set into a pipeline and detectors once, then judges
transcripts one at a time or in batches (one pass of the pipeline over all turns of a batch)."""

from __future__ import annotations

import importlib
import logging
import operator
import threading
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from csnlp import __version__
from csnlp.detectors.base import Context
from csnlp.detectors.registry import get_detector
from csnlp.errors import InputError, ModelError, describe
from csnlp.gcpause import gc_paused
from csnlp.ingest import coerce, expand, read_context, to_record
from csnlp.metrics import transcript_metrics, turn_gaps
from csnlp.nlp.pipeline import Annotator
from csnlp.redact import redact_failed, redact_report
from csnlp.results import FrozenDict, Report, StandardResult, Status, weighted_score
from csnlp.standards.load import StandardSet, load_standards
from csnlp.standards.spec import StandardBase
from csnlp.transcript import Transcript

DEFAULT = "default"

log = logging.getLogger(__name__)


_OPTED_OUT: set[str] = set()  # models a caller turned off with None: logged once each


def _resolve_model(model: Any, module: str, default: str, load: str, what: str) -> Any:
    """"default": the shipped model; a path: the safe loader; None: run without (logged once).

    A default model that is absent, a path that does not exist, an altered or unreadable file
    is a ModelError naming the path: a standard never goes quietly unjudged by its model.
    """
    if model is None:
        if what not in _OPTED_OUT:
            _OPTED_OUT.add(what)
            log.info("%s=None: standards that use it are judged without a model", what)
        return None
    if hasattr(model, "predict_proba"):
        return model
    if not (isinstance(model, Path) or isinstance(model, str)):
        raise TypeError(f"{what} must be 'default', a path, a model or None, got "
                        f"{describe(model)}")
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise ModelError(f"{what}: {module} cannot be imported ({exc}); install csnlp's "
                         f"model dependencies or pass {what}=None to run without it") from exc
    if model == DEFAULT:
        found = getattr(mod, default)()
        if found is None:
            raise ModelError(f"{mod.default_model_dir()}: no {what.replace('_', ' ')} there "
                             f"(set CSNLP_MODELS_DIR to the folder holding it, or pass "
                             f"{what}=None to run without it)")
        return found
    try:
        return getattr(mod, load)(model)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:  # safe_io checks most cases
        raise ModelError(f"{model}: cannot load the {what.replace('_', ' ')} "
                         f"({type(exc).__name__}: {describe(str(exc), 200)})") from None


def resolve_tone_model(tone_model: Any) -> Any:
    return _resolve_model(tone_model, "csnlp.ml.tone", "default_tone_model", "load_tone_model",
                          "tone_model")


def resolve_turn_models(standard_set: StandardSet, tone_model: Any) -> tuple[Any, ...]:
    """The per-turn models the set's standards name (`forbid`'s `model`: the blame model),
    loaded once each from models/ (or `$CSNLP_MODELS_DIR`), scored with the tone model.
    Without a tone model none is (the set is judged by its rules); a model whose files are
    absent is logged and not used, its standard judged by its rules alone."""
    from csnlp.detectors.kinds.forbid import TurnModelSpec

    names: dict[str, str] = {}
    for spec in standard_set.standards:
        model = getattr(spec, "model", None)
        if isinstance(model, TurnModelSpec):
            names.setdefault(model.name, spec.id)
    if tone_model is None or not names:
        return ()
    from csnlp.ml.common import models_dir
    from csnlp.ml.tone import ToneModel

    taken = set(getattr(tone_model, "labels", ()))
    loaded = []
    for name, standard_id in names.items():
        model = ToneModel.load_if_present(models_dir(name))
        if model is None:
            if name not in _OPTED_OUT:
                _OPTED_OUT.add(name)
                log.warning("standard %r: model %r not found under models/ (or "
                            "$CSNLP_MODELS_DIR), so only its rules are read; train it with "
                            "python -m csnlp.calibration.blame", standard_id, name)
            continue
        clash = taken & set(model.labels)
        if clash:
            raise ModelError(f"standard {standard_id}: model {name!r} scores the labels "
                             f"{sorted(clash)}, which another model scores already")
        taken |= set(model.labels)
        loaded.append(model)
    return tuple(loaded)


def resolve_act_model(act_model: Any) -> Any:
    return _resolve_model(act_model, "csnlp.ml.acts", "default_act_model", "load_act_model",
                          "act_model")


class Evaluator:
    """Judges transcripts against one standard set; build once, reuse for every transcript.

    >>> ev = Evaluator("contact_center", tone_model=None)
    >>> report = ev.evaluate("Agent: Hi, thanks for calling!\\nCustomer: Hello")
    >>> report["greeting"].status
    <Status.MET: 'met'>

    Threads may share one Evaluator: its calls take turns, since spaCy's vocabulary, its
    memory zones and the turn cache are not thread-safe (and judging holds the GIL). For
    speed on several cores use processes: `evaluate_many(..., n_jobs=N)` or Dask.
    """

    def __init__(self, standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
                 *, tone_model: Any = DEFAULT, act_model: Any = DEFAULT,
                 redact: bool = True, turn_cache: int | None = None) -> None:
        self.standard_set = load_standards(standards)
        #: Personal data in evidence, explanations and metadata becomes typed placeholders
        #: (csnlp.redact); `redact=False` keeps the raw text.
        self.redact = bool(redact)
        self.tone_model = resolve_tone_model(tone_model)
        uses_acts = any(s.classifiers() for s in self.standard_set.standards)
        self.act_model = resolve_act_model(act_model) if uses_acts else None
        #: Per-turn models the standards name, scored with the tone model (the blame model).
        self.turn_models = resolve_turn_models(self.standard_set, self.tone_model)
        self.annotator = Annotator(self.standard_set, tone_model=self.tone_model,
                                   act_model=self.act_model, turn_models=self.turn_models)
        if turn_cache is not None:
            #: How many distinct short turns' annotations are kept across batches (0: none);
            #: see `FastAnnotator.annotate`.
            self.annotator.turn_cache_size = check_turn_cache(turn_cache)
        self.detectors = [get_detector(s.check)(s, self.annotator)
                          for s in self.standard_set.standards]
        model_id = getattr(self.tone_model, "model_id", None)
        # read-only, so every report can share it and none can change another's
        self.provenance: Mapping[str, Any] = FrozenDict({
            "csnlp_version": __version__,
            "standards": self.standard_set.name,
            "standards_version": self.standard_set.version,
            "standards_digest": self.standard_set.digest,
            "tone_model": model_id,
            "act_model": getattr(self.act_model, "model_id", None),
            # (a string, as JSON keeps it: "blame-v1@...", comma-separated; None: none)
            "turn_models": ",".join(m.model_id for m in self.turn_models) or None,
            "redacted": self.redact,
        })
        self._failing: set[str] = set()  # standards whose check raised: traceback logged once
        # One call at a time: two threads inside one vocabulary lose each other's strings
        # (a memory zone ending frees the other's) and race on the turn cache.
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, Any]:
        # a lock does not pickle or deep-copy: a copy (another process's) gets its own
        state = dict(self.__dict__)
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def evaluate(self, transcript: Any, *, speaker_map: Mapping[str, str] | None = None,
                 **read_options: Any) -> Report:
        """Judge one transcript (any shape `csnlp.ingest` takes); bad input raises a
        CsnlpError naming the place."""
        t = coerce(transcript, speaker_map=speaker_map, **read_options)
        with self._lock:
            return self._judge(t, self.annotator.annotate([turn.text for turn in t.turns],
                                                          [turn.speaker for turn in t.turns]))

    def evaluate_batch(self, transcripts: Sequence[Any] | Any, *, on_error: str = "record",
                       speaker_map: Mapping[str, str] | None = None, **read_options: Any
                       ) -> list[Report]:
        """Judge many transcripts with one pass of the pipeline over all their turns.

        `transcripts` is a sequence of inputs `csnlp.ingest` takes, or a DataFrame of turns
        (one transcript per conversation). Runs inside a spaCy memory zone so memory stays
        flat over long jobs. With `on_error="record"` a bad transcript gives a Report with
        `.error` (and `.source["input_index"]`), never an exception.
        """
        ctx = read_context(speaker_map, read_options)
        items: list[Transcript | Report] = []
        for n, raw in enumerate(expand(transcripts, ctx)):
            rec = to_record(raw, ctx, {"input_index": n})
            if rec.transcript is not None:
                items.append(rec.transcript)
                continue
            if on_error == "raise":
                rec.raise_error()
            items.append(Report.failed(rec.source["transcript_id"], str(rec.error),
                                       source=rec.source, provenance=self.provenance))
        return self._evaluate_items(items, on_error)

    def _evaluate_items(self, items: list[Transcript | Report], on_error: str = "record",
                        sources: Sequence[Mapping[str, Any] | None] | None = None
                        ) -> list[Report]:
        """`evaluate_batch` of inputs already through `csnlp.ingest` (checked Transcripts, or
        the failed Reports of inputs that were not); `sources`, one per item, become the
        reports' `source` (the batch runner's file and line), so no report is built twice."""
        turns = [turn for it in items if isinstance(it, Transcript) for turn in it.turns]
        texts = [turn.text for turn in turns]
        speakers = [turn.speaker for turn in turns]
        where = list(sources) if sources is not None else [None] * len(items)
        reports: list[Report] = []
        with self._lock, self.annotator.memory_zone(), gc_paused():
            try:
                annotations = self.annotator.annotate(texts, speakers)
            except Exception:
                annotations = None
            if annotations is None:
                # One bad transcript must not sink the batch: annotate them one by one, so
                # only the one that fails becomes an error report.
                items, annotations = self._annotate_each(items, on_error)
            pos = 0
            for it, source in zip(items, where, strict=True):
                if isinstance(it, Report):
                    reports.append(it)
                    continue
                anns = annotations[pos:pos + len(it.turns)]
                pos += len(it.turns)
                try:
                    reports.append(self._judge(it, anns, source))
                except Exception as exc:  # a bug outside the detectors must not sink the batch
                    if on_error == "raise":
                        raise
                    log.exception("transcript %r: could not be judged", it.id)
                    reports.append(self._failed(it, exc))
        # error messages quote previews of the bad value (csnlp.redact.redact_failed)
        return [redact_failed(r) for r in reports] if self.redact else reports

    def _annotate_each(self, items: list[Transcript | Report], on_error: str
                       ) -> tuple[list[Transcript | Report], list]:
        """The batch's annotations, annotated transcript by transcript; a transcript whose
        annotation raises becomes a failed Report (or, with on_error="raise", raises)."""
        kept: list[Transcript | Report] = []
        annotations: list = []
        for it in items:
            if isinstance(it, Transcript):
                try:
                    anns = self.annotator.annotate([turn.text for turn in it.turns],
                                                   [turn.speaker for turn in it.turns])
                except Exception as exc:
                    if on_error == "raise":
                        raise
                    log.exception("transcript %r: could not be annotated", it.id)
                    it = self._failed(it, exc)
                else:
                    annotations.extend(anns)
            kept.append(it)
        return kept, annotations

    def _failed(self, t: Transcript, exc: Exception) -> Report:
        """The failed Report of a transcript whose annotation or judging raised `exc` (called
        in the `except` block: the source holds the traceback)."""
        return Report.failed(t.id, f"{type(exc).__name__}: {exc}", metadata=t.metadata,
                             provenance=self.provenance,
                             source={"traceback": traceback.format_exc(limit=3)})

    def context(self, t: Transcript, annotations: Sequence[Any]) -> Context:
        """What the detectors see of an annotated transcript: its metrics, and the gaps between
        its turns measured once for the metrics, holds and response times."""
        gaps = turn_gaps(t)
        return Context(transcript=t, annotations=annotations,
                       metrics=transcript_metrics(t, gaps=gaps), gaps=gaps)

    def judge_context(self, ctx: Context, until: str | None = None) -> list[StandardResult]:
        """Every standard's result in the set's order (up to and with `until`, an id), each
        kept in `ctx.judged` for the checks after it; a check that raises gives an `error`
        result, and the others are judged as usual."""
        results: list[StandardResult] = []
        for standard, det in zip(self.standard_set.standards, self.detectors, strict=True):
            try:
                result = det.check(ctx)
            except Exception as exc:  # one broken check must not lose the other standards
                result = self._check_failed(ctx.transcript, standard, exc)
            results.append(result)
            ctx.judged[standard.id] = result
            if standard.id == until:
                break
        return results

    def _judge(self, t: Transcript, annotations,
               source: Mapping[str, Any] | None = None) -> Report:
        ctx = self.context(t, annotations)
        results_t = tuple(self.judge_context(ctx))
        report = Report(transcript_id=t.id, results=results_t, score=weighted_score(results_t),
                        metrics=ctx.metrics, metadata=t.metadata, provenance=self.provenance,
                        source=source)
        return redact_report(report, [turn.text for turn in t.turns]) if self.redact else report

    def _check_failed(self, t: Transcript, standard: StandardBase, exc: Exception
                      ) -> StandardResult:
        """The `error` result of a standard whose check raised; the traceback goes to the log
        (in full the first time per standard, at debug level after that)."""
        error = f"{type(exc).__name__}: {exc}"
        level = logging.DEBUG if standard.id in self._failing else logging.ERROR
        self._failing.add(standard.id)
        log.log(level, "transcript %r: the check of standard %r raised %s", t.id, standard.id,
                error, exc_info=exc)
        return StandardResult(standard_id=standard.id, status=Status.ERROR, score=None,
                              explanation=f"The check of this standard failed ({error}), "
                                          "so it was not judged.",
                              weight=standard.weight, title=standard.title, error=error)


def check_turn_cache(value: Any) -> int:
    """A turn cache size (`Evaluator(turn_cache=...)`, `csnlp evaluate --turn-cache`) as an int
    >= 0, or an InputError naming the option."""
    try:
        size = -1 if isinstance(value, bool) else operator.index(value)
    except TypeError:
        size = -1
    if size < 0:
        raise InputError(f"turn_cache: expected a number of turns >= 0, got {describe(value)}")
    return size


__all__ = ["Evaluator", "Status"]
