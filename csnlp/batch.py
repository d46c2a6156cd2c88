"""Many transcripts: `evaluate_many` (one Report per input, in input order) and `csnlp evaluate`.

Inputs are cut into chunks of `batch_size` transcripts; each chunk is one `Evaluator.evaluate_batch`
call (one pass of the pipeline inside one `nlp.memory_zone()`), so memory stays flat however
long the stream.
With `n_jobs > 1` the chunks go to a warm pool of worker processes (joblib/loky) that each build
the pipeline once and keep it for the whole job (`worker_evaluator`); results come back in input
order. `csnlp evaluate` has the workers write their chunk straight to a part file
(`csnlp.writers.PartStore`), so `--resume` can skip whole parts; counts (and, for Parquet, the
part's Arrow table) travel back, and the reading process appends each part to OUT as soon as the
parts before it are in (`csnlp.writers.Assembly`). The reading process leaves JSON values
unparsed (`iter_records(defer=True)`) for the workers.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csnlp.errors import CsnlpError, InputError, describe
from csnlp.gcpause import gc_paused
from csnlp.ingest import RepeatedIds, expand, input_id, read_context, to_record
from csnlp.io.formats.base import ReadContext, Record, where
from csnlp.results import Report
from csnlp.transcript import Transcript

if TYPE_CHECKING:
    import argparse

    from csnlp.evaluator import Evaluator
    from csnlp.writers import PartStats, PartStore

DEFAULT_BATCH_SIZE = 256
ON_ERROR = ("record", "raise")

#: Test hook: `csnlp evaluate` SIGKILLs itself after this many parts were written in this run,
#: leaving a torn temporary part behind, as a real `kill -9` mid-write would.
KILL_AFTER_PARTS_ENV = "CSNLP_TEST_KILL_AFTER_PARTS"

_DEFAULT_CTX = read_context()


# -- building the pipeline once per process ------------------------------------------------------
@dataclass(frozen=True)
class EvaluatorSpec:
    """What a worker needs to build its Evaluator once: the standards and evaluator options.

    A built-in pack travels by name (the worker loads it and checks the digest); anything else
    travels as the validated `StandardSet`. `key` identifies the cached Evaluator in a worker.
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


_EVALUATORS: dict[tuple, tuple[Evaluator, threading.Lock]] = {}
_EVALUATORS_LOCK = threading.Lock()


def worker_evaluator(spec: EvaluatorSpec) -> tuple[Evaluator, threading.Lock]:
    """This process's Evaluator for `spec`, built on first use and kept (with a lock, since a
    spaCy pipeline and its memory zones are not meant to be shared by threads at once)."""
    with _EVALUATORS_LOCK:
        cached = _EVALUATORS.get(spec.key)
        if cached is None:
            if spec.options:
                from csnlp.evaluator import Evaluator

                evaluator = Evaluator(standards=spec.standard_set(), **dict(spec.options))
            else:  # share the one `csnlp.evaluate` uses in this process
                from csnlp.api import get_evaluator

                evaluator = get_evaluator(spec.standard_set())
            cached = _EVALUATORS[spec.key] = (evaluator, threading.Lock())
        return cached


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
        transcripts = [t for t, _, failed in prepared if failed is None]
        reports = _evaluate_transcripts(evaluator, transcripts, on_error)
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
        elif source is not None:
            report = dataclasses.replace(report, source=source)
        out.append(report)
    return out


def _evaluate_transcripts(evaluator: Evaluator, transcripts: list[Transcript], on_error: str
                          ) -> list[Report]:
    if not transcripts:
        return []
    try:
        reports = list(evaluator.evaluate_batch(transcripts, on_error=on_error))
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


def _chunk_task(spec: EvaluatorSpec, chunk: Sequence[tuple[dict[str, Any], Any]], on_error: str,
                ctx: ReadContext | None = None) -> list[Report]:
    evaluator, lock = worker_evaluator(spec)
    with lock:
        return evaluate_chunk(evaluator, chunk, on_error=on_error, ctx=ctx)


def _part_task(spec: EvaluatorSpec, store: PartStore, index: int,
               chunk: Sequence[tuple[dict[str, Any], Any]]) -> tuple[int, PartStats, Any]:
    """Evaluate and write part `index`; (index, stats, its Arrow table or None)."""
    reports = _chunk_task(spec, chunk, "record")
    with gc_paused():  # building a part's columns makes a tuple per row and cell
        return (index, *store.write_part_table(index, reports))


class _Packed(list):
    """A chunk that pickles its Transcripts and Records as plain tuples.

    Pickling frozen slotted dataclasses goes through Python for every Turn (about 10 us a turn
    out and 7 us back in, as much as reading the file); tuples of strings cost a tenth of that.
    The worker rebuilds the same objects without validating them again.
    """

    def __reduce__(self):
        return _unpack, ([(base, _pack_item(item)) for base, item in self],)


def _pack_transcript(t: Transcript) -> tuple:
    return (t.id, [(u.speaker, u.text, u.start, u.end, u.speaker_name) for u in t.turns],
            t.metadata)


def _unpack_transcript(packed: tuple) -> Transcript:
    from csnlp.transcript import Turn

    tid, turns, metadata = packed
    return Transcript(id=tid, turns=tuple(Turn(*u) for u in turns), metadata=metadata)


def _pack_item(item: Any) -> tuple:
    if isinstance(item, Transcript):
        return ("t", _pack_transcript(item))
    if isinstance(item, Record):
        fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
        t = fields.pop("transcript")
        return ("r", type(item), None if t is None else _pack_transcript(t), fields)
    return ("o", item)


def _unpack(packed: list) -> list[tuple[dict[str, Any], Any]]:
    out = []
    for base, item in packed:
        kind = item[0]
        if kind == "t":
            out.append((base, _unpack_transcript(item[1])))
        elif kind == "r":
            _, cls, t, fields = item
            out.append((base, cls(transcript=None if t is None else _unpack_transcript(t),
                                  **fields)))
        else:
            out.append((base, item[1]))
    return out


# -- many chunks ---------------------------------------------------------------------------------
def _chunks(items: Iterable[Any], size: int) -> Iterator[list[tuple[dict[str, Any], Any]]]:
    """(base source, input) chunks; a repeated id is warned about here, where the whole
    stream passes, however the chunks are then spread over processes."""
    chunk: list[tuple[dict[str, Any], Any]] = []
    repeated = RepeatedIds()
    for i, item in enumerate(items):
        tid = input_id(item)
        if tid is not None:
            src = getattr(item, "source", None)
            repeated.see(tid, where(src) if src and "file" in src else f"input[{i}]")
        chunk.append(({"input_index": i}, item))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(n_jobs: int):
    from joblib import Parallel

    # One task is one chunk already (batch_size=1); a bounded number in flight keeps memory flat.
    return Parallel(n_jobs=n_jobs, backend="loky", return_as="generator", batch_size=1,
                    pre_dispatch="2*n_jobs")


def _check_args(n_jobs: int, on_error: str, batch_size: int) -> int:
    if on_error not in ON_ERROR:
        raise InputError(f"on_error: expected 'record' or 'raise', got {describe(on_error)}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise InputError(f"batch_size: must be an integer >= 1, got {describe(batch_size)}")
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1:
        raise InputError(f"n_jobs: must be >= 1 or -1 (all cores), got {describe(n_jobs)}")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def evaluate_many(transcripts: Iterable[Any], standards: Any = None, *, n_jobs: int = 1,
                  on_error: str = "record", batch_size: int = DEFAULT_BATCH_SIZE,
                  evaluator: Evaluator | None = None,
                  evaluator_options: Mapping[str, Any] | None = None,
                  speaker_map: Mapping[str, str] | None = None,
                  **read_options: Any) -> Iterator[Report]:
    """Evaluate a stream of transcripts; yield exactly one Report per input, in input order.

    Inputs may be anything `csnlp.evaluate` takes (Transcripts, dicts, lists of turns,
    `Speaker: text` strings, ...) or `csnlp.io.read.Record`s (whose source, file and line, is
    kept on the report); a pandas DataFrame of turns, or a Path, stands for its conversations.
    Every report's `.source` has its `input_index`; an input without an id gets
    `input-<index>`, and a repeated id is warned about once. A failed input gives
    `Report.failed(...)` with `.error`, unless `on_error="raise"`, which raises the first
    error. `n_jobs > 1` (or -1 for every core) runs worker processes that build the pipeline
    once each. Pass `evaluator=` to reuse one you built (single process only). `speaker_map`
    and `read_options` are as for `csnlp.evaluate`.

    >>> reports = list(evaluate_many(["Agent: Hello!", {"turns": "oops"}]))
    >>> [r.error is None for r in reports]
    [True, False]
    """
    n_jobs = _check_args(n_jobs, on_error, batch_size)
    if evaluator is not None and n_jobs != 1:
        raise InputError("evaluator: pass standards (not a built Evaluator) with n_jobs > 1; "
                         "each worker process builds its own")
    ctx = read_context(speaker_map, read_options)
    transcripts = expand(transcripts, ctx)
    if evaluator is not None:
        return _evaluate_local(evaluator, transcripts, on_error, batch_size, ctx=ctx)
    spec = EvaluatorSpec.build(standards, evaluator_options)
    if n_jobs == 1:
        return _evaluate_local(None, transcripts, on_error, batch_size, spec=spec, ctx=ctx)
    return _evaluate_parallel(spec, transcripts, n_jobs, on_error, batch_size, ctx)


def _evaluate_local(evaluator: Evaluator | None, transcripts: Iterable[Any], on_error: str,
                    batch_size: int, *, spec: EvaluatorSpec | None = None,
                    ctx: ReadContext | None = None) -> Iterator[Report]:
    for chunk in _chunks(transcripts, batch_size):
        if evaluator is None:
            evaluator, _ = worker_evaluator(spec)
        yield from evaluate_chunk(evaluator, chunk, on_error=on_error, ctx=ctx)


def _evaluate_parallel(spec: EvaluatorSpec, transcripts: Iterable[Any], n_jobs: int,
                       on_error: str, batch_size: int, ctx: ReadContext) -> Iterator[Report]:
    from joblib import delayed

    tasks = (delayed(_chunk_task)(spec, _Packed(chunk), on_error, ctx)
             for chunk in _chunks(transcripts, batch_size))
    for reports in _parallel(n_jobs)(tasks):
        yield from reports


# -- csnlp evaluate ------------------------------------------------------------------------------
def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files, folders and globs (`**` recursive) to a list of existing paths, in order."""
    paths: list[str] = []
    for raw in inputs:
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise InputError(f"input {raw!r}: the pattern matches no file")
            paths.extend(matches)
        elif os.path.exists(raw):
            paths.append(raw)
        else:
            raise InputError(f"input {raw!r}: no such file or folder")
    return paths


def _fingerprint(path: str) -> dict[str, Any]:
    """Size and mtime of a file, or a digest of every file's name, size and mtime in a folder."""
    p = Path(path)
    if p.is_file():
        st = p.stat()
        return {"path": str(p.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    h = hashlib.sha256()
    for root, dirs, files in os.walk(p):
        dirs.sort()
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            h.update(f"{os.path.relpath(os.path.join(root, name), p)}\0{st.st_size}\0"
                     f"{st.st_mtime_ns}\n".encode())
    return {"path": str(p.resolve()), "listing": h.hexdigest()}


class _Progress:
    """A tqdm bar (transcripts/s, turns/s) on a terminal; silent otherwise."""

    def __init__(self, enabled: bool, done: int) -> None:
        self.start = time.perf_counter()
        self.turns = 0
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(initial=done, unit=" transcripts", file=sys.stderr,
                            dynamic_ncols=True, smoothing=0.1)

    def update(self, stats: PartStats) -> None:
        self.turns += stats.turns
        if self.bar is not None:
            elapsed = max(time.perf_counter() - self.start, 1e-9)
            self.bar.set_postfix_str(f"{self.turns / elapsed:,.0f} turns/s", refresh=False)
            self.bar.update(stats.records)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_cli(args: argparse.Namespace) -> int:
    """`csnlp evaluate`: stream the inputs, evaluate in chunks, write OUT; 0 unless it could not
    run (2) or `--fail-on-error` and an input failed (1)."""
    from csnlp import __version__
    from csnlp.io.read import iter_records
    from csnlp.writers import PartStats, PartStore

    started = time.perf_counter()
    store = PartStore(args.out)
    n_jobs = _check_args(args.jobs, "record", args.batch_size)
    paths = expand_inputs(args.inputs)
    spec = EvaluatorSpec.build(args.standards)
    # A bad format fails here, not mid-run. JSON values are parsed where they are evaluated
    # (in the workers with --jobs N), leaving this process free to read.
    records = iter_records(paths, format=args.format, defer=True)
    signature = {
        "csnlp_version": __version__, "standards_digest": spec.digest,
        "inputs": [_fingerprint(p) for p in paths], "input_format": args.format,
        "batch_size": args.batch_size, "output_format": store.fmt,
    }
    done = store.start(signature, resume=args.resume)
    earlier = sum(done.values(), PartStats())
    progress = _Progress(not args.no_progress and sys.stderr.isatty(), earlier.records)
    try:
        total = _write_parts(spec, store, records, done, n_jobs, args.batch_size, progress)
    except OSError as exc:
        print(f"csnlp: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"csnlp: interrupted; {len(store.completed())} parts are safe in "
              f"{store.parts_dir}: run again with --resume", file=sys.stderr)
        return 130
    except Exception as exc:
        if type(exc).__name__ != "TerminatedWorkerError":  # joblib's: a worker process died
            raise
        print(f"csnlp: error: a worker process died ({exc}); the {len(store.completed())} "
              f"complete parts in {store.parts_dir} are kept: run again with --resume",
              file=sys.stderr)
        return 2
    finally:
        progress.close()
    seconds = time.perf_counter() - started
    grand = earlier + total
    resumed = f" ({earlier.records:,} from an earlier run)" if earlier.records else ""
    print(f"csnlp: read {grand.records:,}{resumed}, evaluated {grand.evaluated:,}, "
          f"failed {grand.failed:,}, {seconds:.1f} s, "
          f"{total.turns / max(seconds, 1e-9):,.0f} turns/s -> {args.out}", file=sys.stderr)
    return 1 if args.fail_on_error and grand.failed else 0


def _write_parts(spec: EvaluatorSpec, store: PartStore, records: Iterable[Any],
                 done: Mapping[int, PartStats], n_jobs: int, batch_size: int,
                 progress: _Progress) -> PartStats:
    """Write every part not in `done` (in workers when n_jobs > 1) and assemble OUT as the
    parts complete, in input order."""
    from csnlp.writers import PartStats

    n_parts = 0
    total = PartStats()
    kill_after = int(os.environ.get(KILL_AFTER_PARTS_ENV, "0") or 0)

    def tasks() -> Iterator[tuple[int, list[tuple[dict[str, Any], Any]]]]:
        nonlocal n_parts
        for index, chunk in enumerate(_chunks(records, batch_size)):
            n_parts = index + 1
            if index not in done:
                yield index, chunk

    if n_jobs == 1:
        results: Iterable[tuple[int, PartStats, Any]] = (_part_task(spec, store, i, c)
                                                         for i, c in tasks())
    else:
        from joblib import delayed

        results = _parallel(n_jobs)(delayed(_part_task)(spec, store, i, _Packed(c))
                                    for i, c in tasks())
    assembly = store.assembly()
    try:
        for index in sorted(done):  # parts of an earlier run
            assembly.add(index)
        for written, (index, stats, table) in enumerate(results, start=1):
            total += stats
            progress.update(stats)
            if written == kill_after:
                _kill_mid_write(store)
            assembly.add(index, table)  # a Parquet part arrives as its table: no re-reading
        assembly.finish(n_parts)
    finally:
        assembly.abort()
    return total


def _kill_mid_write(store: PartStore) -> None:
    torn = store.parts_dir / f".part-{99_999_999:08d}.{store.fmt}.tmp-{os.getpid()}"
    torn.write_bytes(b'{"transcript_id": "torn')
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)
