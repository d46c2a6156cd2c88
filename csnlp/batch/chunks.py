"""Inputs to chunks: (base source, input) pairs cut `batch_size` at a time, packed for workers.

A chunk is the unit of everything after reading: one `Evaluator.evaluate_batch` call, one task
for a worker, one part file of `csnlp evaluate`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from typing import Any

from csnlp.errors import InputError, describe
from csnlp.ingest import RepeatedIds, input_id
from csnlp.io.formats.base import Record, where
from csnlp.transcript import Transcript

DEFAULT_BATCH_SIZE = 256
ON_ERROR = ("record", "raise")

Chunk = list[tuple[dict[str, Any], Any]]


def check_args(n_jobs: int, on_error: str, batch_size: int) -> int:
    """Validate the batch options; the number of worker processes (-1: every core)."""
    if on_error not in ON_ERROR:
        raise InputError(f"on_error: expected 'record' or 'raise', got {describe(on_error)}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise InputError(f"batch_size: must be an integer >= 1, got {describe(batch_size)}")
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1:
        raise InputError(f"n_jobs: must be >= 1 or -1 (all cores), got {describe(n_jobs)}")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def chunks(items: Iterable[Any], size: int) -> Iterator[Chunk]:
    """(base source, input) chunks; a repeated id is warned about here, where the whole
    stream passes, however the chunks are then spread over processes."""
    chunk: Chunk = []
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


class Packed(list):
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


def _unpack(packed: list) -> Chunk:
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
