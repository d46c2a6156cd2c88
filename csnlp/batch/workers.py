"""Scheduling: the per-process Evaluator, one chunk's evaluation, and the warm worker pool.

With `n_jobs > 1` chunks go to a pool of worker processes (joblib/loky) kept warm for the whole
job; each builds its Evaluator once (`worker_evaluator`, from the one cache of
`csnlp.api.get_evaluator`) and returns compact results. A worker dies with the process that
started it (`_die_with_parent`), so a `kill -9` of `csnlp evaluate` leaves nothing running.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csnlp.batch.chunks import Chunk
from csnlp.errors import CsnlpError
from csnlp.gcpause import gc_paused
from csnlp.ingest import read_context, to_record
from csnlp.io.formats.base import ReadContext
from csnlp.redact import redact_failed
from csnlp.results import Report
from csnlp.transcript import Transcript

if TYPE_CHECKING:
    from csnlp.evaluator import Evaluator
    from csnlp.writers import PartStats, PartStore

_DEFAULT_CTX = read_context()

#: How often a worker looks whether its parent is still there (where prctl is not available).
PARENT_POLL_SECONDS = 0.5


# -- building the pipeline once per process ------------------------------------------------------
@dataclass(frozen=True)
class EvaluatorSpec:
    """What a worker needs to build its Evaluator once: the standards and evaluator options.

    A built-in pack travels by name (the worker loads it and checks the digest); anything else
    travels as the validated `StandardSet`.
    """

    standards: Any
    digest: str
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def build(cls, standards: Any = None, options: Mapping[str, Any] | None = None
              ) -> EvaluatorSpec:
        from csnlp.standards.load import DEFAULT_PACK, list_packs, load_standards

        standard_set = load_standards(standards)
        name = DEFAULT_PACK if standards is None else standards
        by_name = isinstance(name, str) and name in list_packs()
        return cls(standards=name if by_name else standard_set,
                   digest=standard_set.digest,
                   options=tuple(sorted((options or {}).items())))

    @property
    def key(self) -> tuple[str, tuple[tuple[str, Any], ...]]:
        return self.digest, self.options

    def standard_set(self):
        from csnlp.standards.load import load_standards

        standard_set = load_standards(self.standards)
        if standard_set.digest != self.digest:
            raise CsnlpError(
                f"standards {self.standards!r}: this process has a different version of the "
                f"pack (digest {standard_set.digest[:12]}, expected {self.digest[:12]}); "
                "install the same csnlp version everywhere")
        return standard_set


# A spaCy pipeline and its memory zones are not meant to be used by two threads at once.
_LOCKS: weakref.WeakKeyDictionary[Any, threading.Lock] = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def worker_evaluator(spec: EvaluatorSpec) -> tuple[Evaluator, threading.Lock]:
    """This process's Evaluator for `spec` (`csnlp.api.get_evaluator`'s cache) and the lock to
    hold while using it."""
    from csnlp.api import get_evaluator

    evaluator = get_evaluator(spec.standard_set(), **dict(spec.options))
    with _LOCKS_LOCK:
        lock = _LOCKS.get(evaluator)
        if lock is None:
            lock = _LOCKS[evaluator] = threading.Lock()
    return evaluator, lock


# -- one chunk -----------------------------------------------------------------------------------
def _prepare(item: Any, base_source: dict[str, Any], on_error: str, ctx: ReadContext
             ) -> tuple[Transcript | None, dict[str, Any] | None, Report | None]:
    """(transcript, source to attach, None) or (None, None, failed report) for one input.

    Every input goes through `csnlp.ingest` (Records and values the reading process left for
    this one to parse included); its source keeps `base_source` (input_index or partition).
    """
    rec = to_record(item, ctx, base_source)
    if rec.transcript is not None:
        return rec.transcript, rec.source, None
    if on_error == "raise":
        rec.raise_error()
    metadata = item.get("metadata") if isinstance(item, Mapping) else None
    return None, None, Report.failed(rec.source["transcript_id"], rec.error or "no transcript",
                                     source=rec.source,
                                     metadata=metadata if isinstance(metadata, Mapping) else None)


def evaluate_chunk(evaluator: Evaluator, chunk: Sequence[tuple[dict[str, Any], Any]], *,
                   on_error: str = "record", ctx: ReadContext | None = None) -> list[Report]:
    """Evaluate (base source, input) pairs with one `evaluate_batch`; one Report per pair.

    Every report's source holds `base_source` (and a Record's file and line); `ctx` holds the
    read options (speaker_map, ...) for inputs that are not Records yet.
    """
    ctx = ctx if ctx is not None else _DEFAULT_CTX
    with gc_paused():  # parsing the inputs allocates as much as evaluating them
        prepared = [_prepare(item, base, on_error, ctx) for base, item in chunk]
        transcripts = [t for t, _, _ in prepared if t is not None]  # the inputs not failed
        sources = [source for t, source, _ in prepared if t is not None]
        reports = _evaluate_transcripts(evaluator, transcripts, on_error, sources)
    out: list[Report] = []
    it = iter(reports)
    for (base, _), (_, source, failed) in zip(chunk, prepared, strict=True):
        if failed is not None:
            out.append(failed)
            continue
        report = next(it)
        if report.error is not None:
            # where it came from, plus what the evaluator recorded (e.g. a traceback)
            report = dataclasses.replace(
                report, source={**dict(report.source or {}), **(source or base)})
        elif source is not None and report.source is None:
            report = dataclasses.replace(report, source=source)
        out.append(report)
    # Every batch output passes here: error messages quote previews of the bad value.
    if getattr(evaluator, "redact", True):
        out = [redact_failed(r) for r in out]
    return out


def _evaluate_transcripts(evaluator: Evaluator, transcripts: list[Transcript], on_error: str,
                          sources: list[dict[str, Any] | None] | None = None) -> list[Report]:
    if not transcripts:
        return []
    try:
        # The transcripts came through `csnlp.ingest` already: an Evaluator judges them as
        # they are, each report built once with its source (any other evaluator object gets
        # them through its evaluate_batch).
        checked = getattr(evaluator, "_evaluate_items", None)
        reports = (list(checked(list(transcripts), on_error, sources)) if checked is not None
                   else list(evaluator.evaluate_batch(transcripts, on_error=on_error)))
        if len(reports) != len(transcripts):
            raise CsnlpError(f"evaluate_batch returned {len(reports)} reports for "
                             f"{len(transcripts)} transcripts")
    except Exception:
        if on_error == "raise":
            raise
        # One bad transcript must not cost the others: retry one by one, recording failures.
        reports = [_evaluate_one(evaluator, t) for t in transcripts]
    if on_error == "raise":
        for t, r in zip(transcripts, reports, strict=True):
            if r.error is not None:
                evaluator.evaluate(t)  # raises the original exception, with its traceback
                raise CsnlpError(f"transcript {t.id!r}: {r.error}")
    return reports


def _evaluate_one(evaluator: Evaluator, transcript: Transcript) -> Report:
    try:
        return evaluator.evaluate(transcript)
    except Exception as exc:  # noqa: BLE001 - recorded, not swallowed: the report carries it
        return Report.failed(transcript.id, f"{type(exc).__name__}: {exc}",
                             metadata=transcript.metadata,
                             provenance=getattr(evaluator, "provenance", None))


# -- tasks ---------------------------------------------------------------------------------------
def chunk_task(spec: EvaluatorSpec, chunk: Chunk, on_error: str,
               ctx: ReadContext | None = None) -> list[Report]:
    """Evaluate one chunk with this process's Evaluator for `spec`."""
    evaluator, lock = worker_evaluator(spec)
    with lock:
        return evaluate_chunk(evaluator, chunk, on_error=on_error, ctx=ctx)


def part_task(spec: EvaluatorSpec, store: PartStore, index: int, chunk: Chunk
              ) -> tuple[int, PartStats, Any]:
    """Evaluate and write part `index`; (index, stats, its Arrow table or None)."""
    reports = chunk_task(spec, chunk, "record")
    with gc_paused():  # building a part's columns makes a tuple per row and cell
        return (index, *store.write_part_table(index, reports))


def pooled(task, *args: Any) -> Any:
    """Run `task(*args)` in a pool worker that dies with its parent."""
    _die_with_parent()
    return task(*args)


def pool(n_jobs: int):
    """A joblib Parallel over the warm loky pool; results come back in input order."""
    from joblib import Parallel

    # One task is one chunk already (batch_size=1); a bounded number in flight keeps memory flat.
    return Parallel(n_jobs=n_jobs, backend="loky", return_as="generator", batch_size=1,
                    pre_dispatch="2*n_jobs")


# -- workers die with their parent ---------------------------------------------------------------
_WATCHING: int | None = None  # the pid of the process this one watches


def _die_with_parent() -> None:
    """Once per worker process: exit as soon as the process that started it is gone.

    loky keeps idle workers (about 260 MB each) for minutes, and a killed parent cannot tell
    them to stop. On Linux the kernel signals the worker (prctl PR_SET_PDEATHSIG); everywhere
    a daemon thread also watches `os.getppid()`, which changes when the parent dies.
    """
    global _WATCHING
    parent = os.getppid()
    if _WATCHING == parent:
        return
    _WATCHING = parent
    if sys.platform.startswith("linux"):
        _parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="csnlp-parent-watch",
                     daemon=True).start()


def _parent_death_signal() -> None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not glibc/musl: the watching thread does the job
        pass


def _watch_parent(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(PARENT_POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
