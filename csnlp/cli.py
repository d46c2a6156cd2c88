"""Command line: `csnlp evaluate`, `csnlp standards validate`, `csnlp packs`, `csnlp report`,
`csnlp agreement`, `csnlp calibrate`, `csnlp train-tone`, `csnlp train-acts`. Imports nothing
heavy until a command runs, so `csnlp --help` is quick."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="csnlp", description=__doc__.split("\n")[0])
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command")

    ev = sub.add_parser("evaluate", help="evaluate transcripts against standards")
    ev.add_argument("inputs", nargs="+", help="files, folders or globs of transcripts")
    ev.add_argument("--standards", "-s", default="contact_center",
                    help="pack name or YAML file (default: contact_center)")
    ev.add_argument("--out", "-o", required=True, help="output file: .jsonl, .parquet or .csv")
    ev.add_argument("--format", default="auto", help="input format (default: auto)")
    ev.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    ev.add_argument("--batch-size", type=int, default=256, help="transcripts per chunk")
    ev.add_argument("--resume", action="store_true", help="continue an interrupted run")
    ev.add_argument("--fail-on-error", action="store_true",
                    help="exit 1 when any input failed (default: record it and exit 0)")
    ev.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    st = sub.add_parser("standards", help="work with standards files")
    st_sub = st.add_subparsers(dest="standards_command")
    va = st_sub.add_parser("validate", help="validate a standards file and run its examples")
    va.add_argument("file", help="YAML file or pack name")

    sub.add_parser("packs", help="list the built-in standards packs")

    rp = sub.add_parser("report", help="write a self-contained HTML coaching report")
    rp.add_argument("results", nargs="+", help="results files (.jsonl, .parquet, .csv)")
    rp.add_argument("--by", default="agent_id", help="group by this column (default agent_id)")
    rp.add_argument("--out", "-o", required=True, help="output .html file")
    rp.add_argument("--overrides", help="reviewers' overrides (.csv or .parquet: transcript_id, "
                    "standard_id, status, reviewer, reason) applied before the report")

    ag = sub.add_parser("agreement", help="compare verdicts with human QA labels (kappa)")
    ag.add_argument("results", help="results file (.jsonl, .parquet, .csv)")
    ag.add_argument("labels", help="human labels (.csv or .parquet, long or wide form)")
    ag.add_argument("--json", help="write the full agreement report to this .json file")
    ag.add_argument("--out", "-o", help="write an HTML agreement report to this .html file")
    ag.add_argument("--reviewer", help="compare with this reviewer's labels only")

    ca = sub.add_parser("calibrate", help="tune the standards' numeric knobs to human QA labels")
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

    tt = sub.add_parser("train-tone", help="train the tone model from ../shared/data")
    tt.add_argument("rest", nargs=argparse.REMAINDER)
    ta = sub.add_parser("train-acts", help="train the act classifier from ../shared/data")
    ta.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def main(argv: Sequence[str] | None = None) -> int:
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
            from csnlp.batch import run_cli

            return run_cli(args)
        if args.command == "standards" and args.standards_command == "validate":
            from csnlp.standards.validate import run_cli as validate_cli

            return validate_cli(args.file)
        if args.command == "packs":
            from csnlp.standards.load import list_packs, load_standards

            for name in list_packs():
                s = load_standards(name)
                print(f"{name}\t{s.version}\t{len(s.standards)} standards\t{s.description}")
            return 0
        if args.command == "report":
            from csnlp.coaching.report import run_cli as report_cli

            return report_cli(args)
        if args.command == "agreement":
            from csnlp.calibration.agreement import run_cli as agreement_cli

            return agreement_cli(args)
        if args.command == "calibrate":
            from csnlp.calibration.calibrate import run_cli as calibrate_cli

            return calibrate_cli(args)
    except CsnlpError as exc:
        print(f"csnlp: error: {exc}", file=sys.stderr)
        return 2
    parser.print_help()
    return 0 if not argv else 2


if __name__ == "__main__":
    raise SystemExit(main())
