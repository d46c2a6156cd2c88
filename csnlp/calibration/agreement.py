"""How far the machine's verdicts are from a team's own QA reviewers, per standard.

`agreement(results, labels)` joins csnlp results with human labels on (transcript, standard) and
gives, per standard, the number of labelled pairs, raw agreement, Cohen's kappa (scikit-learn)
with a seeded bootstrap 95% interval, and the confusion matrix (rows = human, columns = machine);
overall figures over all pairs; and every disagreement with the machine's explanation and
evidence. Machine errors are counted apart and left out of kappa; ids on one side only are
counted and listed. With two or more reviewers it adds the inter-rater figures: reviewer vs
reviewer kappa (the ceiling a machine can be held to), machine vs each reviewer and vs the
majority label.

    >>> result = agreement("results.parquet", "labels.csv")    # doctest: +SKIP
    >>> result.table[["standard_id", "n", "agreement", "kappa"]]    # doctest: +SKIP
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

from csnlp.calibration.labels import LABELS, id_strings, read_labels
from csnlp.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

#: The machine's column among the reviewers' (a reviewer may be called "machine").
_MACHINE = "\0machine"

TABLE_COLUMNS = ("standard_id", "title", "n", "agreement", "kappa", "kappa_low", "kappa_high",
                 "disagreements", "errors", "labels_only", "results_only", "note")
DISAGREEMENT_COLUMNS = ("transcript_id", "standard_id", "machine", "human", "reviewer", "note",
                        "explanation", "evidence", "title")


@dataclass(frozen=True)
class Agreement:
    """Machine vs human QA labels. `.table`: one row per standard; `.disagreements`: one row per
    labelled pair where they differ; `.to_dict()`: the JSON report."""

    table: pd.DataFrame
    disagreements: pd.DataFrame
    overall: dict[str, Any]
    confusion: dict[str, list[list[int]]]
    unmatched: dict[str, Any]
    inter_rater: dict[str, Any] | None = None
    reviewer: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-native: standards, overall, disagreements, unmatched ids, and inter_rater when
        two or more reviewers labelled the same items. Undefined figures are None, never NaN."""
        standards = []
        for r in self.table.to_dict("records"):
            standards.append({
                "standard_id": r["standard_id"], "n": int(r["n"]),
                "agreement": _num(r["agreement"]), "kappa": _num(r["kappa"]),
                "kappa_ci": [_num(r["kappa_low"]), _num(r["kappa_high"])],
                "confusion": {"labels": list(LABELS), "rows": "human", "columns": "machine",
                              "matrix": self.confusion[r["standard_id"]]},
                "title": r["title"] or None, "disagreements": int(r["disagreements"]),
                "errors": int(r["errors"]), "labels_only": int(r["labels_only"]),
                "results_only": int(r["results_only"]), "note": r["note"] or None})
        out: dict[str, Any] = {
            "standards": standards, "overall": {k: _num(v) for k, v in self.overall.items()},
            "disagreements": [_disagreement(r) for r in self.disagreements.to_dict("records")],
            "unmatched": self.unmatched, "reviewer": self.reviewer, **self.meta}
        if self.inter_rater is not None:
            out["inter_rater"] = self.inter_rater
        return out


def agreement(results: Any, labels: Any, *, reviewer: str | None = None, seed: int = 0,
              n_boot: int = 1000) -> Agreement:
    """Compare csnlp verdicts with human QA labels, per standard (see the module docstring).

    `results`: a results file csnlp wrote (.jsonl, .parquet, .csv) or a results frame.
    `labels`: a .csv/.parquet path or DataFrame, long or wide form (`csnlp.calibration.labels`).
    `reviewer`: compare the machine with this reviewer's labels only (the inter-rater figures
    still use every reviewer). `seed`, `n_boot`: the bootstrap of the kappa interval.

    >>> import pandas as pd
    >>> res = pd.DataFrame({"transcript_id": ["a", "b", "c"], "standard_id": ["greeting"] * 3,
    ...                     "status": ["met", "missed", "met"]})
    >>> lab = pd.DataFrame({"transcript_id": ["a", "b", "c"], "greeting": ["yes", "no", "no"]})
    >>> agreement(res, lab).table.loc[0, ["n", "disagreements"]].tolist()
    [3, 1]
    """
    from csnlp.frames import read_results

    # any results file or frame csnlp writes; the frame always has every fixed column
    machine, failed = _machine_verdicts(read_results(results))
    human = read_labels(labels)
    reviewers = sorted(human["reviewer"].unique())
    if reviewer is not None and reviewer not in reviewers:
        raise InputError(f"{human.attrs['source']}: no labels by reviewer {reviewer!r}; the "
                         f"reviewers are {[r for r in reviewers if r]}")
    joined = human.merge(machine, on=["transcript_id", "standard_id"], how="left", sort=False)
    mine = joined if reviewer is None else joined[joined["reviewer"] == reviewer]
    scored = mine[mine["machine"].isin(LABELS)]
    standards = _standard_order(machine, human)
    counts = _side_counts(mine, machine, failed, standards)
    rows, confusion = [], {}
    for sid in standards:
        pairs = scored[scored["standard_id"] == sid]
        stats = _score(pairs["human"].to_numpy(), pairs["machine"].to_numpy(),
                       seed=_seed(seed, sid), n_boot=n_boot)
        confusion[sid] = stats.pop("confusion")
        rows.append({"standard_id": sid, **stats, **counts[sid]})
    import pandas as pd

    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    titles = _titles(machine)
    table["title"] = [titles.get(s, "") for s in table["standard_id"]]
    overall = _overall(scored, table)
    inter = _inter_rater(human, joined, standards, reviewers) if len(reviewers) > 1 else None
    if inter is not None:
        by_sid = {s["standard_id"]: s for s in inter["standards"]}
        table["reviewer_kappa"] = [_nan(by_sid[s]["kappa"]) for s in standards]
        table["majority_kappa"] = [_nan(by_sid[s]["machine_vs_majority"]["kappa"])
                                   for s in standards]
    order = {s: i for i, s in enumerate(standards)}
    diff = scored[scored["human"] != scored["machine"]]
    diff = diff.assign(_o=diff["standard_id"].map(order)).sort_values(
        ["_o", "transcript_id", "reviewer"], kind="stable")
    disagreements = diff[list(DISAGREEMENT_COLUMNS)].reset_index(drop=True)
    return Agreement(table=table, disagreements=disagreements, overall=overall,
                     confusion=confusion, unmatched=_unmatched(human, machine, failed),
                     inter_rater=inter, reviewer=reviewer,
                     meta={"seed": seed, "n_boot": n_boot})


# -- reading the machine side -----------------------------------------------------------------

def _machine_verdicts(frame: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """One row per (transcript, standard): machine status, explanation, evidence, title; and the
    transcripts that failed whole (an error row with no standard)."""
    tids = id_strings(frame["transcript_id"])
    has_sid = frame["standard_id"].notna().to_numpy()
    failed = set(tids[~has_sid].unique())
    df = frame[has_sid]
    out = df.assign(transcript_id=tids[has_sid], standard_id=id_strings(df["standard_id"]),
                    machine=df["status"].astype(str).str.strip().str.lower(),
                    explanation=_column(df, "explanation"), title=_column(df, "title"))
    out = out[["transcript_id", "standard_id", "machine", "explanation", "evidence", "title"]]
    dup = out.duplicated(["transcript_id", "standard_id"]).to_numpy()
    if dup.any():
        row = out[dup].iloc[0]
        raise InputError(f"results: transcript {row['transcript_id']!r} has two verdicts for "
                         f"standard {row['standard_id']!r}; give each transcript once")
    return out.reset_index(drop=True), failed


def _column(df: pd.DataFrame, name: str) -> Any:
    return df[name].astype(object).where(df[name].notna(), "") if name in df.columns else ""


def _titles(machine: pd.DataFrame) -> dict[str, str]:
    titled = machine[machine["title"] != ""].drop_duplicates("standard_id")
    return dict(zip(titled["standard_id"], titled["title"], strict=True))


def _standard_order(machine: pd.DataFrame, human: pd.DataFrame) -> list[str]:
    """Standards labelled by a person, in the results' order, then labels-only standards."""
    labelled = set(human["standard_id"].unique())
    known = [*machine["standard_id"].unique(), *human["standard_id"].unique()]
    return [s for s in dict.fromkeys(known) if s in labelled]


# -- counting what does and does not join ---------------------------------------------------

def _side_counts(joined: pd.DataFrame, machine: pd.DataFrame, failed: set[str],
                 standards: list[str]) -> dict[str, dict[str, int]]:
    """Per standard: machine errors among labelled pairs, labels with no machine verdict, and
    machine verdicts nobody labelled."""
    verdict = joined["machine"]
    error = (verdict == "error") | (verdict.isna() & joined["transcript_id"].isin(failed))
    labels_only = verdict.isna() & ~error
    keys = ["transcript_id", "standard_id"]
    found = machine[keys].merge(joined[keys].drop_duplicates(), on=keys, how="left",
                                indicator=True)
    unlabelled = found[found["_merge"] == "left_only"]
    counts = {s: {"errors": 0, "labels_only": 0, "results_only": 0} for s in standards}
    for name, col in (("errors", joined.loc[error, "standard_id"]),
                      ("labels_only", joined.loc[labels_only, "standard_id"]),
                      ("results_only", unlabelled["standard_id"])):
        for sid, n in col.value_counts().items():
            if sid in counts:
                counts[sid][name] = int(n)
    return counts


def _unmatched(human: pd.DataFrame, machine: pd.DataFrame, failed: set[str]) -> dict[str, Any]:
    """Ids on one side only: listed, so nothing is dropped without a trace."""
    h_t, m_t = set(human["transcript_id"].unique()), set(machine["transcript_id"].unique())
    m_t |= failed
    h_s, m_s = set(human["standard_id"].unique()), set(machine["standard_id"].unique())
    return {"transcripts_labels_only": sorted(h_t - m_t),
            "transcripts_results_only": sorted(m_t - h_t),
            "standards_labels_only": sorted(h_s - m_s),
            "standards_results_only": sorted(m_s - h_s)}


# -- statistics --------------------------------------------------------------------------------

def _score(human: np.ndarray, machine: np.ndarray, *, seed: int | Sequence[int], n_boot: int
           ) -> dict[str, Any]:
    """n, agreement, kappa (scikit-learn), bootstrap interval, confusion and a note."""
    from sklearn.metrics import confusion_matrix

    h, m = _codes(human), _codes(machine)
    n = len(h)
    confusion = (confusion_matrix(h, m, labels=[0, 1, 2]).tolist() if n
                 else [[0, 0, 0] for _ in LABELS])
    out = {"n": n, "agreement": float(np.mean(h == m)) if n else np.nan,
           "kappa": np.nan, "kappa_low": np.nan, "kappa_high": np.nan,
           "disagreements": int(np.sum(h != m)), "confusion": confusion, "note": ""}
    if not n:
        out["note"] = "no labelled pair with a machine verdict"
        return out
    out["kappa"] = kappa(h, m)
    if np.isnan(out["kappa"]):
        only = sorted({LABELS[i] for i in np.unique(np.concatenate([h, m]))})
        out["note"] = (f"kappa undefined: human and machine both gave only {only[0]!r}"
                       if len(only) == 1 else "kappa undefined")
        return out
    out["kappa_low"], out["kappa_high"] = bootstrap_kappa(h, m, seed=seed, n_boot=n_boot)
    return out


def kappa(a: Any, b: Any) -> float:
    """Cohen's kappa by scikit-learn; NaN when undefined (one class only, on both sides)."""
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")  # undefined kappa warns; NaN says it here
        value = float(cohen_kappa_score(a, b, labels=[0, 1, 2]))
    return value


def bootstrap_kappa(h: np.ndarray, m: np.ndarray, *, seed: Any,
                    n_boot: int = 1000) -> tuple[float, float]:
    """Percentile 95% interval of kappa over `n_boot` resamples of the items (codes 0..2).

    Resampling n items with replacement puts a multinomial(n, cell shares) count in the nine
    cells of the confusion matrix, so each resample is drawn as those counts directly: the same
    bootstrap, in time independent of n. Resamples with an undefined kappa are left out.
    """
    rng = np.random.default_rng(seed)
    n = len(h)
    cells = np.bincount(h * 3 + m, minlength=9)
    draws = kappa_from_confusion(rng.multinomial(n, cells / n, size=n_boot).reshape(-1, 3, 3))
    if np.isnan(draws).all():
        return np.nan, np.nan
    lo, hi = np.nanpercentile(draws, [2.5, 97.5])
    return float(lo), float(hi)


def kappa_from_confusion(cm: np.ndarray) -> np.ndarray:
    """Cohen's kappa of a stack of confusion matrices (..., k, k); NaN where undefined."""
    total = cm.sum(axis=(-2, -1)).astype(float)
    observed = np.trace(cm, axis1=-2, axis2=-1) / total
    expected = (cm.sum(axis=-1) * cm.sum(axis=-2)).sum(axis=-1) / total ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (observed - expected) / (1 - expected)
    return np.where(expected >= 1, np.nan, out)


def _codes(values: Any) -> np.ndarray:
    """Verdicts as 0..2 in LABELS order; "error", missing and anything else -1."""
    import pandas as pd

    return pd.Index(LABELS).get_indexer(pd.Index(values, dtype=object)).astype(np.int64)


def _seed(seed: int, standard_id: str) -> list[int]:
    """One stream per standard, so adding a standard does not move another's interval."""
    return [seed, zlib.crc32(standard_id.encode())]


def _overall(scored: pd.DataFrame, table: pd.DataFrame) -> dict[str, Any]:
    h, m = _codes(scored["human"]), _codes(scored["machine"])
    n = len(h)
    return {"n": n, "agreement": float(np.mean(h == m)) if n else None,
            "kappa": kappa(h, m) if n else None, "disagreements": int(np.sum(h != m)),
            "errors": int(table["errors"].sum()), "labels_only": int(table["labels_only"].sum()),
            "results_only": int(table["results_only"].sum())}


# -- several reviewers ------------------------------------------------------------------------

def _inter_rater(human: pd.DataFrame, joined: pd.DataFrame, standards: list[str],
                 reviewers: list[str]) -> dict[str, Any]:
    """Reviewer vs reviewer (pairwise Cohen, mean over pairs), machine vs each reviewer and vs
    the majority label (items labelled by 2+ reviewers; a tie has no majority)."""
    wide = human.pivot(index=["standard_id", "transcript_id"], columns="reviewer", values="human")
    machine = joined.drop_duplicates(["transcript_id", "standard_id"]).set_index(
        ["standard_id", "transcript_id"])["machine"].rename(_MACHINE)
    wide = wide.join(machine)
    per_standard = []
    for sid in standards:
        block = wide.loc[[sid]] if sid in wide.index.get_level_values(0) else wide.iloc[:0]
        per_standard.append({"standard_id": sid, **_rater_figures(block, reviewers)})
    return {"reviewers": [r or "(unnamed)" for r in reviewers], "standards": per_standard,
            "overall": _rater_figures(wide, reviewers)}


def _rater_figures(block: pd.DataFrame, reviewers: list[str]) -> dict[str, Any]:
    codes = {r: _codes(block[r]) for r in reviewers}  # -1 = not labelled by r
    machine = _codes(block[_MACHINE])
    pairs = []
    for a, b in combinations(reviewers, 2):
        both = (codes[a] >= 0) & (codes[b] >= 0)
        pairs.append({"reviewers": [a or "(unnamed)", b or "(unnamed)"],
                      **_figures(codes[a][both], codes[b][both])})
    vs_reviewer = []
    for r in reviewers:
        both = (codes[r] >= 0) & (machine >= 0)
        vs_reviewer.append({"reviewer": r or "(unnamed)", **_figures(codes[r][both],
                                                                     machine[both])})
    stack = np.stack([codes[r] for r in reviewers], axis=1)
    votes = np.stack([(stack == k).sum(axis=1) for k in range(len(LABELS))], axis=1)
    multi = (stack >= 0).sum(axis=1) >= 2
    top = votes.max(axis=1)
    single = (votes == top[:, None]).sum(axis=1) == 1
    majority = votes.argmax(axis=1)
    use = multi & single & (machine >= 0)
    kappas = [p["kappa"] for p in pairs if p["kappa"] is not None]
    return {"items": int(multi.sum()),
            "kappa": float(np.mean(kappas)) if kappas else None,
            "pairs": pairs, "machine_vs_reviewer": vs_reviewer,
            "machine_vs_majority": {**_figures(majority[use], machine[use]),
                                    "no_majority": int((multi & ~single).sum())}}


def _figures(a: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    n = len(a)
    k = kappa(a, b) if n else np.nan
    return {"n": int(n), "agreement": float(np.mean(a == b)) if n else None,
            "kappa": None if np.isnan(k) else k}


# -- output helpers ---------------------------------------------------------------------------

def _num(value: Any) -> Any:
    """A JSON number or None (never NaN); numpy scalars become Python ones."""
    if value is None:
        return None
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    value = float(value)
    return None if np.isnan(value) else value


def _nan(value: Any) -> float:
    return np.nan if value is None else float(value)


def _disagreement(row: dict[str, Any]) -> dict[str, Any]:
    return {"transcript_id": row["transcript_id"], "standard_id": row["standard_id"],
            "machine": row["machine"], "human": row["human"],
            "reviewer": row["reviewer"] or None, "note": row["note"] or None,
            "explanation": row["explanation"] or None, "evidence": list(row["evidence"] or [])}


def format_table(result: Agreement) -> str:
    """The per-standard table as fixed-width text, for the command line."""
    t = result.table
    rater = "reviewer_kappa" in t.columns
    head = (f"{'standard':<24} {'n':>6} {'agree':>6} {'kappa':>6} {'95% CI':>15} {'diff':>5} "
            f"{'errors':>6} {'no verdict':>10}" + (f" {'reviewers':>9}" if rater else ""))
    lines = [head, "-" * len(head)]
    for r in t.to_dict("records"):
        ci = ("" if np.isnan(r["kappa_low"]) else f"[{r['kappa_low']:.2f}, {r['kappa_high']:.2f}]")
        lines.append(f"{r['standard_id']:<24} {r['n']:>6} {_fmt(r['agreement'], '.0%'):>6} "
                     f"{_fmt(r['kappa']):>6} {ci:>15} {r['disagreements']:>5} {r['errors']:>6} "
                     f"{r['labels_only']:>10}"
                     + (f" {_fmt(r['reviewer_kappa']):>9}" if rater else "")
                     + (f"  ({r['note']})" if r["note"] else ""))
    o = result.overall
    lines.append("-" * len(head))
    lines.append(f"{'overall':<24} {o['n']:>6} {_fmt(o['agreement'], '.0%'):>6} "
                 f"{_fmt(o['kappa']):>6} {'':>15} {o['disagreements']:>5} {o['errors']:>6} "
                 f"{o['labels_only']:>10}")
    u = result.unmatched
    if u["transcripts_labels_only"] or u["standards_labels_only"]:
        lines.append(f"labelled but not in the results: {len(u['transcripts_labels_only'])} "
                     f"transcripts {_few(u['transcripts_labels_only'])}, "
                     f"{len(u['standards_labels_only'])} standards "
                     f"{_few(u['standards_labels_only'])}")
    if u["transcripts_results_only"]:
        lines.append(f"in the results but never labelled: {len(u['transcripts_results_only'])} "
                     "transcripts")
    return "\n".join(lines)


def _fmt(value: Any, spec: str = ".2f") -> str:
    v = _num(value)
    return "-" if v is None else format(v, spec)


def _few(ids: list[str], k: int = 5) -> str:
    return "" if not ids else "(" + ", ".join(ids[:k]) + (", ..." if len(ids) > k else "") + ")"
