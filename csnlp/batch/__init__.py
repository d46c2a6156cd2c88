"""Many transcripts: `evaluate_many` (one Report per input, in input order) and the library side
of `csnlp evaluate`.

One module per job:

- `chunks`: inputs cut into chunks of `batch_size` (one `Evaluator.evaluate_batch` call, one
  pass of the pipeline inside one `nlp.memory_zone()`, so memory stays flat however long the
  stream), packed cheaply for worker processes;
- `workers`: the per-process Evaluator (`worker_evaluator`, from `csnlp.api.get_evaluator`'s
  cache), one chunk's evaluation, the warm joblib/loky pool kept for the whole job, and workers
  that die with their parent;
- `resume`: the job's signature and saved options in `OUT.parts/manifest.json`;
- `job`: `csnlp evaluate` as a library (`EvaluateJob`, `EvaluateRun`): checks before any work,
  workers write their chunk straight to a part file (`csnlp.writers.PartStore`), and the
  reading process appends each part to OUT as soon as the parts before it are in
  (`csnlp.writers.Assembly`);
- `many`: `evaluate_many`.

The command line itself (arguments, printing, exit codes) is in `csnlp.cli`.
"""

from __future__ import annotations

from csnlp.batch.chunks import DEFAULT_BATCH_SIZE, ON_ERROR, check_args
from csnlp.batch.job import EvaluateJob, EvaluateRun, expand_inputs, is_results_file
from csnlp.batch.many import evaluate_many
from csnlp.batch.workers import EvaluatorSpec, evaluate_chunk, worker_evaluator

__all__ = ["DEFAULT_BATCH_SIZE", "ON_ERROR", "EvaluateJob", "EvaluateRun", "EvaluatorSpec",
           "check_args", "evaluate_chunk", "evaluate_many", "expand_inputs", "is_results_file",
           "worker_evaluator"]
