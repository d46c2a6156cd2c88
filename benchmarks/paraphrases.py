"""Held-out paraphrase benchmark (issue 13): does a fix generalise beyond its own wording?

    PYTHONPATH=. OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/paraphrases.py [--dir DIR]

Every file in benchmarks/paraphrases/ holds the cases of one failure category (`category`,
`description`, `cases`); each case is a transcript and the status a QA reviewer gives it for one or
more standards of the `contact_center` pack (`expect: {standard_id: status}`). The script evaluates
each case once and prints Markdown tables: agreement per category and per standard. On the
held-out set it prints no disagreement unless `--show-disagreements` is given, so that a run to
measure does not show its errors to whoever tunes (nor on the blind wave kept for the next
round, `--dir benchmarks/blind`); on a DEV folder (`--dir`) it prints every disagreement with
csnlp's explanation. It always exits 0: it is a benchmark, not a test
(tests/test_paraphrase_set.py only checks that the files are well-formed).

This set must NEVER feed phrase lists, pack examples, golden tests or training data: its wording
was kept apart on purpose, so that agreement here measures generalisation, not memory.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

import csnlp

PACK = "contact_center"
DEFAULT_DIR = Path(__file__).resolve().parent / "paraphrases"
#: A blind wave kept unread for the next round (its README): disagreements hidden too.
BLIND_DIR = DEFAULT_DIR.parent / "blind"


def load_sets(folder: Path) -> list[dict]:
    """Every category file in `folder`, parsed, sorted by file name."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def judge(case: dict, standards: str = PACK) -> dict[str, tuple[str, str]]:
    """{standard_id: (status, explanation)} for the standards the case expects."""
    try:
        report = csnlp.evaluate(case["transcript"], standards)
    except Exception as exc:  # a benchmark records a crash as a verdict, it does not stop
        return {s: ("error", f"{type(exc).__name__}: {exc}") for s in case["expect"]}
    return {s: (report[s].status.value, report[s].explanation) for s in case["expect"]}


def cell(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(title: str, counts: dict[str, list[int]]) -> list[str]:
    rows = [f"| {title} | n | agree | agreement |", "|---|---:|---:|---:|"]
    total = [0, 0]
    for key, (n, ok) in sorted(counts.items()):
        rows.append(f"| {key} | {n} | {ok} | {ok / n:.2f} |")
        total[0] += n
        total[1] += ok
    if total[0]:
        rows.append(f"| **all** | {total[0]} | {total[1]} | {total[1] / total[0]:.2f} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of category files")
    parser.add_argument("--standards", default=PACK,
                        help=f"pack or standards file to judge with (default {PACK})")
    parser.add_argument("--show-disagreements", action="store_true",
                        help="print the held-out set's or the blind waves' disagreements (a DEV "
                        "folder's always are)")
    args = parser.parse_args(argv)
    # (the blind folder's own subfolders too: the next wave, written ahead and kept unread)
    folder = args.dir.resolve()
    show = args.show_disagreements or not (folder in (DEFAULT_DIR, BLIND_DIR)
                                           or BLIND_DIR in folder.parents)
    try:
        csnlp.load_standards(args.standards)  # a pack that does not load stops the run here,
    except csnlp.StandardsError as exc:      # not once per case
        print(f"paraphrases: {exc}", file=sys.stderr)
        return 2

    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_standard: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[str, ...]] = []
    for doc in load_sets(args.dir):
        category = doc["category"]
        for case in doc["cases"]:
            for standard, (got, why) in judge(case, args.standards).items():
                expected = case["expect"][standard]
                agree = int(got == expected)
                for counts in (by_category[category], by_standard[standard]):
                    counts[0] += 1
                    counts[1] += agree
                if not agree:
                    failures.append((category, case["name"], standard, expected, got, why))

    out = [f"# Paraphrase set ({args.standards}, csnlp {csnlp.__version__}): verdicts agreeing "
           "with the label", "", *table("category", by_category), "",
           *table("standard", by_standard), "",
           f"## Disagreements ({len(failures)})", ""]
    if failures and not show:
        out.append("(not shown for the held-out set or the blind wave: --show-disagreements "
                   "shows them)")
    elif failures:
        out += ["| category | case | standard | expected | got | explanation |",
                "|---|---|---|---|---|---|"]
        out += ["| " + " | ".join(cell(x) for x in row) + " |" for row in failures]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
