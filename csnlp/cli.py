"""Command line: every `csnlp` command's arguments, printing and exit codes.

The library modules return values or raise; this one prints and chooses the exit code: 0 done,
1 done but something failed (`--fail-on-error`, a failed example), 2 could not run (a bad
argument, a missing or unwritable file, a full disk: one line on stderr, no traceback), 130
interrupted. Imports nothing heavy until a command runs, so `csnlp --help` is quick.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tqdm import tqdm

    from csnlp.writers import PartStats

#: Every command, with one line of help.
COMMANDS = {
    "evaluate": "evaluate transcripts against standards, write a results file",
    "standards": "`standards validate FILE`: check a standards file, run its examples",
    "packs": "list the built-in standards packs",
    "report": "write a self-contained HTML coaching report",
    "agreement": "compare verdicts with human QA labels (kappa)",
    "calibrate": "tune the standards' numeric knobs to human QA labels",
    "train-tone": "train the tone model from ../shared/data",
    "train-acts": "train the act classifier from ../shared/data",
}
DESCRIPTION = ("Check customer-service transcripts against service standards.\n\ncommands:\n"
               + "\n".join(f"  {name:<11} {text}" for name, text in COMMANDS.items()))
EPILOG = """examples:
  csnlp evaluate calls/ --out results.parquet --jobs 2
  csnlp evaluate --resume --out results.parquet      (finish an interrupted run)
  csnlp standards validate my_standards.yaml
  csnlp report results.parquet --by agent_id --out report.html

Run `csnlp COMMAND --help` for a command's options."""

#: Exit code when a command could not run.
CANNOT_RUN = 2


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="csnlp", usage="csnlp [-h] [--version] COMMAND ...",
                                description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="store_true", help="print the version and exit")
    # the commands are listed in the description, one line each (argparse wraps long names)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", help=argparse.SUPPRESS)

    ev = sub.add_parser("evaluate",
                        description="Evaluate transcripts against standards; write one "
                        "results file (.jsonl, .parquet or .csv).")
    ev.add_argument("inputs", nargs="*", help="files, folders or globs of transcripts "
                    "(may be left out with --resume)")
    ev.add_argument("--standards", "-s", default=None,
                    help="pack name or YAML file (default: contact_center)")
    ev.add_argument("--out", "-o", required=True, help="output file: .jsonl, .parquet or .csv")
    ev.add_argument("--format", default=None, help="input format (default: auto)")
    ev.add_argument("--columns", default=None, metavar="ROLE=COLUMN,...",
                    help="column names of CSV/Parquet turn tables, e.g. "
                    "text=body,speaker=role,start=ts")
    ev.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default 1)")
    ev.add_argument("--batch-size", type=int, default=None,
                    help="transcripts per chunk (default 256)")
    ev.add_argument("--turn-cache", type=int, default=None, metavar="N",
                    help="short turns whose annotations each worker keeps across chunks "
                    "(default 20000, about 30 MB when full; 0 turns it off: less memory, "
                    "slower on archives that repeat turns)")
    ev.add_argument("--resume", action="store_true",
                    help="finish an interrupted run; its options are read from OUT.parts")
    ev.add_argument("--overwrite", action="store_true",
                    help="replace an existing OUT (or the parts of an unfinished run)")
    ev.add_argument("--fail-on-error", action="store_true",
                    help="exit 1 when any input failed (default: record it and exit 0)")
    ev.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    st = sub.add_parser("standards", description=COMMANDS["standards"])
    st_sub = st.add_subparsers(dest="standards_command", metavar="COMMAND")
    va = st_sub.add_parser("validate", help="validate a standards file and run its examples")
    va.add_argument("file", help="YAML file or pack name")
    va.add_argument("--all", action="store_true",
                    help="also run the examples of standards inherited through `extends:`")

    sub.add_parser("packs", description=COMMANDS["packs"])

    rp = sub.add_parser("report", description=COMMANDS["report"])
    rp.add_argument("results", nargs="+", help="results files (.jsonl, .parquet, .csv)")
    rp.add_argument("--by", default="agent_id", help="group by this column (default agent_id)")
    rp.add_argument("--out", "-o", required=True, help="output .html file")
    rp.add_argument("--overrides", help="reviewers' overrides (.csv or .parquet: transcript_id, "
                    "standard_id, status, reviewer, reason) applied before the report")

    ag = sub.add_parser("agreement", description=COMMANDS["agreement"])
    ag.add_argument("results", help="results file (.jsonl, .parquet, .csv)")
    ag.add_argument("labels", help="human labels (.csv or .parquet, long or wide form)")
    ag.add_argument("--json", help="write the full agreement report to this .json file")
    ag.add_argument("--out", "-o", help="write an HTML agreement report to this .html file")
    ag.add_argument("--reviewer", help="compare with this reviewer's labels only")

    ca = sub.add_parser("calibrate", description=COMMANDS["calibrate"])
    ca.add_argument("transcripts", nargs="+", help="files, folders or globs of transcripts")
    ca.add_argument("labels", help="human labels (.csv or .parquet, long or wide form)")
    ca.add_argument("--standards", "-s", default="contact_center",
                    help="pack name or YAML file to tune (default: contact_center)")
    ca.add_argument("--out", "-o", required=True, help="the tuned standards file (.yaml)")
    ca.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    ca.add_argument("--seed", type=int, default=0, help="seed of the folds (default 0)")
    ca.add_argument("--reviewer", help="tune to this reviewer's labels only (default: the "
                    "majority label when several reviewers labelled an item)")
    ca.add_argument("--format", default="auto", help="input format (default: auto)")
    ca.add_argument("--text-field", help="Harper Valley text: transcript (ASR, the default) "
                    "or human_transcript")

    tt = sub.add_parser("train-tone", description=COMMANDS["train-tone"])
    tt.add_argument("rest", nargs=argparse.REMAINDER)
    ta = sub.add_parser("train-acts", description=COMMANDS["train-acts"])
    ta.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `csnlp` command; warnings print as one line each (`csnlp: warning: ...`)."""
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        return _main(argv)


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    print(f"csnlp: warning: {message}", file=sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    from csnlp.errors import CsnlpError

    parser = _build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train-tone"]:
        from csnlp.ml.train_tone import main as train_main

        return train_main(argv[1:])
    if argv[:1] == ["train-acts"]:
        from csnlp.ml.train_acts import main as train_acts_main

        return train_acts_main(argv[1:])
    args = parser.parse_args(argv)
    if args.version:
        from csnlp import __version__

        print(__version__)
        return 0
    try:
        if args.command == "evaluate":
            return evaluate_command(args)
        if args.command == "standards" and args.standards_command == "validate":
            return validate_command(args)
        if args.command == "packs":
            return packs_command(args)
        if args.command == "report":
            return report_command(args)
        if args.command == "agreement":
            return agreement_command(args)
        if args.command == "calibrate":
            return calibrate_command(args)
    except CsnlpError as exc:
        return _cannot_run(str(exc))
    except OSError as exc:
        return _cannot_run(_os_error(exc))
    parser.print_help(sys.stderr)
    return CANNOT_RUN


# -- messages --------------------------------------------------------------------------------
#: Library messages name Python keywords; on the command line they are these flags.
_FLAGS = {"format": "--format", "batch_size": "--batch-size", "n_jobs": "--jobs",
          "columns": "--columns", "turn_cache": "--turn-cache"}
_KEYWORD = re.compile(r"(^|\bpass )(" + "|".join(_FLAGS) + r")([=:])")


def cli_words(message: str) -> str:
    """`message` with the library's keyword names (`format=`) as the command's flags.

    >>> cli_words("format: unknown format 'x'")
    "--format: unknown format 'x'"
    """
    return _KEYWORD.sub(lambda m: m[1] + _FLAGS[m[2]] + (":" if m[3] == ":" else ""), message)


def _cannot_run(message: str) -> int:
    print(f"csnlp: error: {cli_words(message)}", file=sys.stderr)
    return CANNOT_RUN


def _os_error(exc: OSError) -> str:
    """One line for a file system failure: the file and the reason."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    name = exc.filename
    return f"{name}: {reason}" if name else reason


def _check_html_name(path: str, flag: str = "--out") -> None:
    from csnlp.errors import InputError

    if Path(path).suffix.lower() not in (".html", ".htm"):
        raise InputError(f"{flag} {path!r}: the report is an HTML page; name the file "
                         ".html or .htm")


# -- csnlp evaluate ------------------------------------------------------------------------------
def parse_columns(text: str | None) -> dict[str, str] | None:
    """`--columns text=body,speaker=role` as {"text": "body", "speaker": "role"}.

    >>> parse_columns("text=body, speaker=role")
    {'text': 'body', 'speaker': 'role'}
    """
    from csnlp.errors import InputError

    if text is None:
        return None
    columns: dict[str, str] = {}
    for pair in text.split(","):
        role, sep, column = (part.strip() for part in pair.partition("="))
        if not sep or not role or not column:
            raise InputError(f"--columns: expected ROLE=COLUMN pairs separated by commas "
                             f"(text=body,speaker=role), got {pair.strip()!r}")
        columns[role] = column
    return columns


def evaluate_command(args: argparse.Namespace) -> int:
    """`csnlp evaluate`: stream the inputs, evaluate in chunks, write OUT; 0 unless it could not
    run (2) or `--fail-on-error` and an input failed (1)."""
    from csnlp.batch.job import EvaluateJob, EvaluateRun, saved_job
    from csnlp.batch.resume import resume_options
    from csnlp.errors import InputError

    started = time.perf_counter()
    given: dict[str, Any] = {
        "inputs": tuple(args.inputs) or None, "standards": args.standards,
        "format": args.format, "columns": parse_columns(args.columns), "jobs": args.jobs,
        "batch_size": args.batch_size, "overwrite": args.overwrite or None,
        "turn_cache": args.turn_cache,
    }
    if args.resume:
        given = resume_options(saved_job(args.out), given)
    options = {k: v for k, v in given.items() if v is not None}
    if "inputs" not in options:
        raise InputError("evaluate: name the inputs (files, folders or globs); only --resume "
                         f"of an unfinished run of {args.out!r} may leave them out")
    options["inputs"] = tuple(options["inputs"])
    run = EvaluateRun(EvaluateJob(out=args.out, **options), resume=args.resume)
    progress = _Progress(not args.no_progress and sys.stderr.isatty(), run.earlier.records,
                         run.expected_records)
    try:
        total = run.run(progress.update, on_skip=lambda path: print(
            f"csnlp: skipped {path}: a csnlp results file, not transcripts", file=sys.stderr))
    except KeyboardInterrupt:
        print(f"csnlp: interrupted; {len(run.store.completed())} parts are safe in "
              f"{run.store.parts_dir}: run again with --resume", file=sys.stderr)
        return 130
    except Exception as exc:
        if type(exc).__name__ != "TerminatedWorkerError":  # joblib's: a worker process died
            raise
        print(f"csnlp: error: a worker process died ({exc}); the {len(run.store.completed())} "
              f"complete parts in {run.store.parts_dir} are kept: run again with --resume",
              file=sys.stderr)
        return CANNOT_RUN
    finally:
        progress.close()
    seconds = time.perf_counter() - started
    grand = run.earlier + total
    earlier = run.earlier.records
    resumed = f" ({earlier:,} from an earlier run)" if earlier else ""
    print(f"csnlp: read {grand.records:,}{resumed}, evaluated {grand.evaluated:,}, "
          f"failed {grand.failed:,}, {seconds:.1f} s, "
          f"{total.turns / max(seconds, 1e-9):,.0f} turns/s -> {args.out}", file=sys.stderr)
    return 1 if args.fail_on_error and grand.failed else 0


class _Progress:
    """A tqdm bar (transcripts/s, turns/s; a total and ETA when the input size is knowable) on
    a terminal; silent otherwise. The total is counted in a thread, so the run starts at once.
    """

    def __init__(self, enabled: bool, done: int, count: Callable[[], int | None]) -> None:
        self.start = time.perf_counter()
        self.turns = 0
        self.bar: tqdm[Any] | None = None
        self.total: int | None = None
        self._counter: threading.Thread | None = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(initial=done, unit=" transcripts", file=sys.stderr,
                            dynamic_ncols=True, smoothing=0.1)
            self._counter = threading.Thread(target=self._count, args=(count,), daemon=True,
                                             name="csnlp-count-inputs")
            self._counter.start()

    def _count(self, count: Callable[[], int | None]) -> None:
        try:
            self.total = count()
        except OSError:  # the reader reports an unreadable input
            self.total = None

    def _apply_total(self, bar: tqdm[Any]) -> None:
        if self.total is not None and bar.total != self.total:
            bar.total = self.total
            bar.refresh()

    def update(self, stats: PartStats) -> None:
        self.turns += stats.turns
        if self.bar is not None:
            self._apply_total(self.bar)
            elapsed = max(time.perf_counter() - self.start, 1e-9)
            self.bar.set_postfix_str(f"{self.turns / elapsed:,.0f} turns/s", refresh=False)
            self.bar.update(stats.records)

    def close(self) -> None:
        if self._counter is not None:
            self._counter.join()
        if self.bar is not None:
            self._apply_total(self.bar)
            self.bar.close()


# -- the other commands --------------------------------------------------------------------------
def validate_command(args: argparse.Namespace) -> int:
    """`csnlp standards validate FILE [--all]`: a line per example and a summary; exit 1 when an
    example fails, 2 when the file is invalid. A file that `extends:` another set runs only
    its own standards' examples unless `--all`."""
    from csnlp.errors import CsnlpError
    from csnlp.standard_examples import own_standard_ids, run_examples
    from csnlp.standards.load import load_standards

    try:
        standard_set = load_standards(args.file)
    except CsnlpError as exc:
        print(f"INVALID {args.file}\n{exc}")
        return CANNOT_RUN
    only = None if args.all else own_standard_ids(args.file)
    outcomes = run_examples(standard_set, only=only)
    failed = [o for o in outcomes if not o.passed]
    for o in outcomes:
        mark = "PASS" if o.passed else "FAIL"
        print(f"{mark}  {o.standard_id:<24} expected {o.expected:<14} got {o.got:<14} "
              f"{o.example!r}")
    inherited = (f" ({len(standard_set.standards) - len(only)} inherited, their examples "
                 "not run: --all runs them)") if only is not None else ""
    version = f" {standard_set.version}" if standard_set.version != "0" else ""
    print(f"{standard_set.name}{version}: {len(standard_set.standards)} standards "
          f"valid{inherited}; examples: {len(outcomes) - len(failed)} passed, "
          f"{len(failed)} failed")
    return 1 if failed else 0


def packs_command(args: argparse.Namespace) -> int:
    """`csnlp packs`: one line per built-in pack."""
    from csnlp.standards.load import list_packs, load_standards

    for name in list_packs():
        s = load_standards(name)
        print(f"{name}\t{s.version}\t{len(s.standards)} standards\t{s.description}")
    return 0


def report_command(args: argparse.Namespace) -> int:
    """`csnlp report RESULTS... --by COLUMN --out report.html`."""
    _check_html_name(args.out)
    from csnlp.coaching.report import count_calls, load_results, write_report

    frame = load_results(args.results)
    if args.overrides:
        from csnlp.calibration.overrides import apply_overrides

        frame = apply_overrides(frame, args.overrides)
    out = write_report(frame, args.out, by=args.by)
    # judged calls without a value form a group of their own in the report ("(no agent_id)");
    # failed inputs (error rows) are in no group
    judged = frame[frame["status"] != "error"] if "status" in frame.columns else frame
    groups = judged[args.by].nunique(dropna=False) if args.by in frame.columns else 0
    print(f"wrote {out}: {count_calls(frame)} transcripts, {groups} {args.by} groups")
    return 0


def agreement_command(args: argparse.Namespace) -> int:
    """`csnlp agreement RESULTS LABELS [--json OUT.json] [--out OUT.html] [--reviewer NAME]`."""
    import json

    if args.out:
        _check_html_name(args.out)
    from csnlp.calibration.agreement import agreement, format_table

    result = agreement(args.results, args.labels, reviewer=args.reviewer)
    print(format_table(result))
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        print(f"wrote {path}")
    if args.out:
        from csnlp.calibration.html import write_agreement_html

        print(f"wrote {write_agreement_html(result, args.out)}")
    return 0


def calibrate_command(args: argparse.Namespace) -> int:
    """`csnlp calibrate TRANSCRIPTS... LABELS --standards PACK --out tuned.yaml`."""
    from csnlp.calibration.calibrate import calibrate

    options = {"format": args.format}
    if args.text_field:
        options["text_field"] = args.text_field
    result = calibrate(args.transcripts, args.labels, standards=args.standards, folds=args.folds,
                       seed=args.seed, reviewer=args.reviewer, **options)
    print(result.format_table())
    for sid, reason in result.refused.items():
        print(f"csnlp: {sid}: {reason}", file=sys.stderr)
    missing = result.meta["labels_without_transcript"]
    if missing:
        print(f"csnlp: {len(missing)} labelled transcripts are not among the transcripts "
              f"(e.g. {missing[0]!r})", file=sys.stderr)
    print(f"wrote {result.write(args.out)} ({sum(map(len, result.changes.values()))} "
          f"changed values)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
