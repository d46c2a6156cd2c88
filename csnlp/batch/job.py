"""One `csnlp evaluate` job as a library: inputs in, one results file out, resumable.

`EvaluateJob` holds the options; `EvaluateRun(job, resume=...)` checks everything that can be
checked before any work (inputs exist, OUT is not an input nor inside an input folder, an
existing OUT or unfinished run is not replaced without `overwrite`) and prepares the parts
folder; `run()` writes the parts (in workers when `jobs > 1`) and assembles OUT as they
complete, in input order. Nothing here prints or exits: the command line does
(`csnlp.cli`); problems are raised as `CsnlpError` (or `OSError` for the file system).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csnlp.batch.chunks import DEFAULT_BATCH_SIZE, Packed, check_args, chunks
from csnlp.batch.resume import signature
from csnlp.batch.workers import EvaluatorSpec, part_task, pool, pooled
from csnlp.errors import InputError
from csnlp.table import RESULT_FORMATS

if TYPE_CHECKING:
    from csnlp.writers import PartStats, PartStore

_RESULT_COLUMNS = {"transcript_id", "standard_id", "status"}


@dataclass(frozen=True)
class EvaluateJob:
    """The options of one `csnlp evaluate` run; kept in its manifest for `--resume`."""

    inputs: tuple[str, ...]
    out: str
    standards: str = "contact_center"
    format: str = "auto"
    batch_size: int = DEFAULT_BATCH_SIZE
    jobs: int = 1
    columns: Mapping[str, str] | None = None
    overwrite: bool = False
    #: Each worker's turn cache size (`Evaluator(turn_cache=...)`); None: the default. It
    #: changes memory and speed, never a result, so a resumed run may use another.
    turn_cache: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["inputs"] = list(self.inputs)
        d["columns"] = dict(self.columns) if self.columns else None
        return d

    @property
    def read_options(self) -> dict[str, Any]:
        """Options for `csnlp.io.iter_records` beyond the format."""
        return {"columns": dict(self.columns)} if self.columns else {}


def saved_job(out: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The options of the interrupted run that writes `out`, from its manifest (or None)."""
    from csnlp.writers import PartStore

    return PartStore(out).saved_job()


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


def check_output(out: Path, paths: Sequence[str]) -> None:
    """Refuse an OUT that is one of the inputs or inside an input folder (it would be read
    back, or overwrite what is being read)."""
    target = out.resolve()
    parts = target.with_name(target.name + ".parts")
    for raw in paths:
        p = Path(raw).resolve()
        if p.is_dir():
            if p == parts or p.is_relative_to(parts):
                raise InputError(f"input {raw!r} is the parts folder of --out {str(out)!r}")
            if target.is_relative_to(p):
                raise InputError(f"--out {str(out)!r} is inside the input folder {raw!r}; "
                                 "write the results outside the folders being read")
        elif p in (target, parts):
            raise InputError(f"--out {str(out)!r} is the input {raw!r}; choose another "
                             "output file (the input was not touched)")


class EvaluateRun:
    """One run of an `EvaluateJob`: checked and prepared on creation, done by `run()`."""

    def __init__(self, job: EvaluateJob, *, resume: bool = False) -> None:
        from csnlp.io.read import iter_records
        from csnlp.writers import PartStats, PartStore

        self.job = job
        self.store: PartStore = PartStore(job.out)
        self.n_jobs = check_args(job.jobs, "record", job.batch_size)
        self.paths = expand_inputs(job.inputs)
        check_output(self.store.out, self.paths)
        self._check_overwrite(resume)
        options = {}
        if job.turn_cache is not None:  # a bad size fails here, not in every worker
            from csnlp.evaluator import check_turn_cache

            options["turn_cache"] = check_turn_cache(job.turn_cache)
        self.spec = EvaluatorSpec.build(job.standards, options)
        # A bad format or read option fails here, not mid-run. JSON values are parsed where
        # they are evaluated (in the workers with jobs > 1), leaving this process free to read.
        self.records = iter_records(self.paths, format=job.format, defer=True,
                                    **job.read_options)
        sig = signature(standards_digest=self.spec.digest, paths=self.paths,
                        input_format=job.format, batch_size=job.batch_size,
                        output_format=self.store.fmt, read_options=job.read_options)
        self.done = self.store.start(sig, resume=resume, job=job.to_dict())
        self.earlier = sum(self.done.values(), PartStats())
        self.skipped: list[str] = []

    def _check_overwrite(self, resume: bool) -> None:
        store = self.store
        unfinished = store.parts_dir.exists()
        if self.job.overwrite:
            return
        if store.out.exists() and not (resume and unfinished):
            raise InputError(f"--out {str(store.out)!r} exists; pass --overwrite to replace it")
        if unfinished and not resume:
            raise InputError(f"{store.parts_dir} holds an unfinished run: pass --resume to "
                             "finish it, or --overwrite to start again")

    def expected_records(self) -> int | None:
        """How many records the inputs hold, when that is cheap to know (JSON Lines files:
        their non-blank lines); None otherwise."""
        if self.job.format not in ("auto", "jsonl", "csnlp"):
            return None
        if not self.paths or not all(Path(p).is_file() and p.lower().endswith((".jsonl",
                                                                                ".ndjson"))
                                     for p in self.paths):
            return None
        return sum(_count_lines(p) for p in self.paths)

    def run(self, on_part: Callable[[PartStats], None] | None = None,
            on_skip: Callable[[str], None] | None = None) -> PartStats:
        """Write every part not done yet and assemble OUT; this run's totals.

        `on_part(stats)` is called as each part completes; `on_skip(path)` for each input file
        left out because it is a csnlp results file.
        """
        def skipped(path: str) -> None:
            self.skipped.append(path)
            if on_skip is not None:
                on_skip(path)

        records = _without_results_files(self.records, skipped)
        return _write_parts(self.spec, self.store, records, self.done, self.n_jobs,
                            self.job.batch_size, on_part)


def _write_parts(spec: EvaluatorSpec, store: PartStore, records: Iterable[Any],
                 done: Mapping[int, PartStats], n_jobs: int, batch_size: int,
                 on_part: Callable[[PartStats], None] | None) -> PartStats:
    """Write every part not in `done` (in workers when n_jobs > 1) and assemble OUT as the
    parts complete, in input order."""
    from csnlp.writers import PartStats

    n_parts = 0
    total = PartStats()

    def tasks() -> Iterator[tuple[int, list[tuple[dict[str, Any], Any]]]]:
        nonlocal n_parts
        for index, chunk in enumerate(chunks(records, batch_size)):
            n_parts = index + 1
            if index not in done:
                yield index, chunk

    if n_jobs == 1:
        results: Iterable[tuple[int, PartStats, Any]] = (part_task(spec, store, i, c)
                                                         for i, c in tasks())
    else:
        from joblib import delayed

        results = pool(n_jobs)(delayed(pooled)(part_task, spec, store, i, Packed(c))
                               for i, c in tasks())
    assembly = store.assembly()
    try:
        for index in sorted(done):  # parts of an earlier run
            assembly.add(index)
        for index, stats, table in results:
            total += stats
            if on_part is not None:
                on_part(stats)
            assembly.add(index, table)  # a Parquet part arrives as its table: no re-reading
        assembly.finish(n_parts)
    finally:
        assembly.abort()
    return total


# -- never read csnlp's own outputs --------------------------------------------------------------
def _without_results_files(records: Iterable[Any], on_skip: Callable[[str], None]
                           ) -> Iterator[Any]:
    """`records` without those read from csnlp results files (earlier outputs in a folder)."""
    verdicts: dict[str, bool] = {}
    for rec in records:
        source = getattr(rec, "source", None)
        path = source.get("file") if isinstance(source, Mapping) else None
        if path is not None:
            skip = verdicts.get(path)
            if skip is None:
                skip = verdicts[path] = is_results_file(path)
                if skip:
                    on_skip(path)
            if skip:
                continue
        yield rec


def is_results_file(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a results file csnlp wrote (JSONL, Parquet or CSV), from its first
    line or schema."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in RESULT_FORMATS or not p.is_file():
        return False
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return _RESULT_COLUMNS <= set(pq.read_schema(p).names)
        with open(p, "rb") as fh:
            first = fh.readline(1 << 20).strip()
            while not first and fh.tell() < (1 << 20):
                line = fh.readline(1 << 20)
                if not line:
                    break
                first = line.strip()
    except (OSError, ValueError):
        return False  # the reader reports what is wrong with it
    if suffix == ".csv":
        names = {n.strip().strip('"') for n in first.decode("utf-8", "replace").split(",")}
        return _RESULT_COLUMNS <= names and "evidence" in names
    import orjson

    try:
        value = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return isinstance(value, dict) and {"transcript_id", "results", "error"} <= value.keys()


def _count_lines(path: str) -> int:
    """Non-blank lines of a file, in one binary pass (about 0.9 GB/s here)."""
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.isspace():
                n += 1
    return n
