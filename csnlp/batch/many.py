"""`evaluate_many`: one Report per input, in input order, in this process or a warm pool."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from csnlp.batch.chunks import DEFAULT_BATCH_SIZE, Packed, check_args, chunks
from csnlp.batch.workers import (
    EvaluatorSpec,
    chunk_task,
    evaluate_chunk,
    pool,
    pooled,
    worker_evaluator,
)
from csnlp.errors import InputError
from csnlp.ingest import expand, read_context
from csnlp.io.formats.base import ReadContext
from csnlp.results import Report

if TYPE_CHECKING:
    from csnlp.evaluator import Evaluator


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
    n_jobs = check_args(n_jobs, on_error, batch_size)
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
    for chunk in chunks(transcripts, batch_size):
        if evaluator is None:
            if spec is None:
                raise TypeError("_evaluate_local: pass an evaluator or the spec to build one "
                                "(both are None)")
            evaluator, _ = worker_evaluator(spec)
        yield from evaluate_chunk(evaluator, chunk, on_error=on_error, ctx=ctx)


def _evaluate_parallel(spec: EvaluatorSpec, transcripts: Iterable[Any], n_jobs: int,
                       on_error: str, batch_size: int, ctx: ReadContext) -> Iterator[Report]:
    from joblib import delayed

    tasks = (delayed(pooled)(chunk_task, spec, Packed(chunk), on_error, ctx)
             for chunk in chunks(transcripts, batch_size))
    for reports in pool(n_jobs)(tasks):
        yield from reports
