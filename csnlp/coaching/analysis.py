"""Coaching analysis on result frames (`reports_to_frame` output): rates, gaps, spread, trends.

Every function takes the frame and returns a new tidy DataFrame (one row per group and standard);
the input is never modified. Rates count statuses, not scores: a rate is
``met / (met + missed)`` with ``not_applicable`` and ``error`` left out, and every rate comes with
its count ``n`` and a Wilson 95% interval so a rate from 3 calls is not read like one from 300.
Partial scores (``empathy_on_complaint`` scores 0..1) are averaged separately in ``mean_score``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from csnlp.errors import InputError
from csnlp.results import EvidenceRole
from csnlp.table import FIXED_COLUMNS, LEGACY_EVIDENCE

if TYPE_CHECKING:
    import pandas as pd

#: z for a two-sided 95% interval.
Z95 = 1.959963984540054

#: Grouping names derived from the date column when the frame has no column of that name.
PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}

#: Columns of `compliance` after the group columns.
RATE_COLUMNS = ("standard_id", "title", "n", "met", "missed", "not_applicable", "errors",
                "rate", "ci_low", "ci_high", "mean_score", "transcripts")

REQUIRED_COLUMNS = ("transcript_id", "standard_id", "status")

#: The evidence column: a list of evidence dicts per row (older frames: JSON text `evidence_json`).
EVIDENCE = "evidence"

#: Evidence items kept per missed call in a `gaps` snippet.
SNIPPET_ITEMS = 3


def wilson_interval(met: Any, n: Any, *, z: float = Z95) -> tuple[Any, Any]:
    """Wilson score interval for `met` successes out of `n` (scalars or arrays); NaN where n == 0.

    >>> lo, hi = wilson_interval(8, 10)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.4902, 0.9433)
    """
    k = np.asarray(met, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        z2n = z * z / n
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        # the bounds are exactly 0 with no success and 1 with no failure (no rounding dust)
        lo = np.where(n > 0, np.where(k <= 0, 0.0, np.clip(centre - half, 0.0, 1.0)), np.nan)
        hi = np.where(n > 0, np.where(k >= n, 1.0, np.clip(centre + half, 0.0, 1.0)), np.nan)
    if lo.ndim == 0:
        return float(lo), float(hi)
    return lo, hi


def compliance(frame: pd.DataFrame, by: str | Sequence[str] | None = None, *,
               date_col: str = "date", z: float = Z95) -> pd.DataFrame:
    """Compliance rate per standard within each group of `by` (columns, or day/week/month/...).

    Columns: the `by` columns, then `RATE_COLUMNS`: `n` = met + missed (applicable results),
    `rate` = met / n (NaN when n is 0), `ci_low`/`ci_high` = Wilson interval, `mean_score` = mean
    0..1 score over applicable results (a met result without a score counts 1, a miss 0),
    `transcripts` = distinct transcripts. A `by` name such as "week" or "month" that is not a column
    is derived from `date_col` as the period's start date. Rows follow the standards' order.

    >>> compliance(frame, "agent_id")          # doctest: +SKIP
    >>> compliance(frame, ["team", "month"])   # doctest: +SKIP
    """
    keys = _as_list(by)
    df = _prepare(frame, keys, date_col=date_col)
    grouped = df.groupby(keys + ["standard_id"], dropna=False, sort=False)
    out = grouped.agg(n=("_applicable", "sum"), met=("_met", "sum"), missed=("_missed", "sum"),
                      not_applicable=("_na", "sum"), errors=("_error", "sum"),
                      mean_score=("_score", "mean"),
                      transcripts=("transcript_id", "nunique")).reset_index()
    return _finish_rates(out, keys, df, z=z)


def scorecard(frame: pd.DataFrame, by: str | Sequence[str] = "agent_id", *,
              z: float = Z95) -> pd.DataFrame:
    """One row per group over all standards: how many calls and checks, and the overall rate.

    Columns: the `by` columns, `transcripts`, `failed` (transcripts whose evaluation failed),
    `n` (applicable checks), `met`, `missed`, `rate`, `ci_low`, `ci_high`, `mean_report_score`
    (mean of the reports' weighted scores). Sorted by rate, lowest first.
    """
    keys = _as_list(by)
    df = _prepare(frame, keys, date_col="date", keep_failed=True)
    df = df.assign(_failed=df["standard_id"].isna() & (df["status"] == "error"))
    report_score = (df["report_score"] if "report_score" in df.columns
                    else np.full(len(df), np.nan))
    df = df.assign(_report_score=np.asarray(report_score, dtype=float))
    grouped = df.groupby(keys, dropna=False, sort=False)
    out = grouped.agg(transcripts=("transcript_id", "nunique"), failed=("_failed", "sum"),
                      n=("_applicable", "sum"), met=("_met", "sum"),
                      missed=("_missed", "sum")).reset_index()
    per_report = df.drop_duplicates(keys + ["transcript_id"])
    mean_score = per_report.groupby(keys, dropna=False, sort=False)["_report_score"].mean()
    out = out.merge(mean_score.rename("mean_report_score").reset_index(), on=keys, how="left")
    out["rate"] = _rate(out["met"], out["n"])
    out["ci_low"], out["ci_high"] = wilson_interval(out["met"], out["n"], z=z)
    cols = keys + ["transcripts", "failed", "n", "met", "missed", "rate", "ci_low", "ci_high",
                   "mean_report_score"]
    return out[cols].sort_values(["rate", "n"], ascending=[True, False],
                                 na_position="last", kind="stable").reset_index(drop=True)


def gaps(frame: pd.DataFrame, *, agent: str = "agent_id", team: str | None = "team",
         standards: Any = None, against: str = "best", n_evidence: int = 3,
         min_n: int = 1, z: float = Z95) -> pd.DataFrame:
    """Each agent's rate per standard against their team's and the population's, ranked by gain.

    The team and population rates are those of the *other* agents (the agent's own calls are left
    out, so nobody is compared with themselves). The benchmark is the team rate, the population
    rate, or (``against="best"``, the default) the higher of the two. `gap` = benchmark - rate;
    `gain` = max(gap, 0) * n is the number of the agent's calls that would have met the standard
    at the benchmark rate: what coaching would gain. `clear_gap` is True when even the top of the
    agent's 95% interval is below the benchmark, i.e. the shortfall is unlikely to be bad luck.

    Columns: `rank`, `agent`'s column, `team`'s column (when present), `standard_id`, `title`,
    `n`, `met`, `missed`, `rate`, `ci_low`, `ci_high`, `team_n`, `team_rate`, `population_n`,
    `population_rate`, `benchmark`, `gap`, `gain`, `clear_gap`, `coaching_tip`, `evidence`
    (a list of up to `n_evidence` snippets from the agent's own missed calls, most recent first:
    dicts of transcript_id, date, explanation and `items`, up to three evidence dicts with
    the `evidence_items` fields but the score, the words that fired before the turns a miss
    searched). Sorted by gain, then gap, largest first; rows with
    n < `min_n` are dropped.
    `standards` gives the coaching tips (see `coaching_tips`).
    """
    if against not in ("best", "team", "population"):
        raise InputError(f"gaps: against must be 'best', 'team' or 'population', got {against!r}")
    _require(frame, (agent,), "gaps")
    # the team column, when the frame has one that is not the agent's
    team_col = team if team is not None and team in frame.columns and team != agent else None
    keys = [agent] if team_col is None else [agent, team_col]
    rows = compliance(frame, keys, z=z)
    std_keys = ["standard_id"]
    agent_tot = _sum_counts(rows, [agent] + std_keys)
    pop_tot = _sum_counts(rows, std_keys)[std_keys + ["met", "n"]].rename(
        columns={"met": "p_met", "n": "p_n"})
    out = agent_tot.merge(pop_tot, on=std_keys, how="left")
    out["population_n"] = out["p_n"] - out["n"]
    out["population_rate"] = _rate(out["p_met"] - out["met"], out["population_n"])
    if team_col is not None:
        home = _home_team(frame, agent, team_col)
        out = out.merge(home, on=agent, how="left")
        team_keys = [team_col] + std_keys
        team_tot = _sum_counts(rows, team_keys)[team_keys + ["met", "n"]].rename(
            columns={"met": "t_met", "n": "t_n"})
        own = rows.rename(columns={"met": "o_met", "n": "o_n"})[[agent] + team_keys
                                                                 + ["o_met", "o_n"]]
        out = out.merge(team_tot, on=team_keys, how="left").merge(
            own, on=[agent] + team_keys, how="left")
        out["team_n"] = out["t_n"].fillna(0) - out["o_n"].fillna(0)
        out["team_rate"] = _rate(out["t_met"].fillna(0) - out["o_met"].fillna(0),
                                 out["team_n"])
    else:
        out["team_n"] = 0
        out["team_rate"] = np.nan
    out = out[out["n"] >= max(min_n, 1)]
    out = _add_gap(out, against=against, z=z)
    tips = coaching_tips(standards)
    out["coaching_tip"] = [tips.get(s) for s in out["standard_id"]]
    out = _with_titles(out, frame)
    out = out.sort_values(["gain", "gap", "n"], ascending=False, kind="stable",
                          na_position="last").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["evidence"] = _snippets(frame, out, agent=agent, limit=n_evidence)
    cols = ["rank", agent] + ([] if team_col is None else [team_col]) + [
        "standard_id", "title", "n", "met", "missed", "rate", "ci_low", "ci_high", "team_n",
        "team_rate", "population_n", "population_rate", "benchmark", "gap", "gain", "clear_gap",
        "coaching_tip", "evidence"]
    return out[cols]


def consistency(frame: pd.DataFrame, by: str | Sequence[str] | None = None, *,
                min_n: int = 1) -> pd.DataFrame:
    """How much each standard's rate varies across agents, teams or any other grouping.

    `by` names one or more grouping columns (or periods); None means agent_id and team, those
    of the two the frame has.

    One row per (level, standard): `level` (the grouping column), `groups` (groups with at least
    `min_n` applicable results), `n`, pooled `rate`, `min_rate`, `max_rate`, `spread`
    (max - min), `std_rate` (standard deviation of the group rates), `lowest`/`highest` (the
    groups at either end), `chi2`/`dof`/`p_value` (Pearson chi-square test that all groups share
    one rate; approximate when counts are small) and `i2` = max(0, (chi2 - dof) / chi2), the share
    of the spread that is more than chance (0 = consistent, near 1 = real differences).
    Sorted by level, then by `i2` and `spread`, most inconsistent first.
    """
    levels = ([c for c in ("agent_id", "team") if c in frame.columns] if by is None
              else _as_list(by))
    _require(frame, [c for c in levels if c not in PERIODS], "consistency")
    parts = []
    for level in levels:
        rates = compliance(frame, level)
        rates = rates[rates["n"] >= max(min_n, 1)]
        for sid, grp in rates.groupby("standard_id", sort=False):
            parts.append({"level": level, "standard_id": sid, "title": grp["title"].iloc[0],
                          **_spread(grp, level)})
    cols = ["level", "standard_id", "title", "groups", "n", "rate", "min_rate", "max_rate",
            "spread", "std_rate", "lowest", "highest", "chi2", "dof", "p_value", "i2"]
    import pandas as pd

    out = pd.DataFrame(parts, columns=cols)
    if out.empty:
        return out
    out["_level"] = out["level"].map({lv: i for i, lv in enumerate(levels)})
    out = out.sort_values(["_level", "i2", "spread"], ascending=[True, False, False],
                          kind="stable", na_position="last")
    return out.drop(columns="_level").reset_index(drop=True)


def trends(frame: pd.DataFrame, freq: str = "week", *, by: str | Sequence[str] | None = None,
           date_col: str = "date", z: float = Z95) -> pd.DataFrame:
    """Compliance per standard per period (day/week/month/quarter/year), optionally per group.

    The `compliance` columns with a leading `period` column (the period's start date), sorted by
    period. Results without a parseable date are left out.
    """
    if freq not in PERIODS:
        raise InputError(f"trends: freq must be one of {sorted(PERIODS)}, got {freq!r}")
    keys = _as_list(by)
    _require(frame, (date_col,), "trends")
    df = frame.assign(period=_period_start(frame[date_col], PERIODS[freq]))
    df = df[df["period"].notna()]
    out = compliance(df, ["period"] + keys, date_col=date_col, z=z)
    return out.sort_values(["period"] + keys, kind="stable").reset_index(drop=True)


def trend_summary(trend_frame: pd.DataFrame) -> pd.DataFrame:
    """Per standard (and group) from `trends` output: first/last rate and a weighted slope.

    Columns: the group columns, `standard_id`, `title`, `periods`, `first_period`, `last_period`,
    `first_rate`, `last_rate`, `change` (last - first), `slope` (least-squares change in rate per
    period step, weighted by n; NaN with fewer than two periods).
    """
    import pandas as pd

    keys = [c for c in trend_frame.columns if c not in RATE_COLUMNS and c != "period"]
    tf = trend_frame[trend_frame["n"] > 0]
    step = {p: i for i, p in enumerate(sorted(tf["period"].unique()))}
    rows = []
    for key, grp in tf.groupby(keys + ["standard_id"], dropna=False, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        grp = grp.sort_values("period")
        x = grp["period"].map(step).to_numpy(dtype=float)
        y = grp["rate"].to_numpy(dtype=float)
        w = grp["n"].to_numpy(dtype=float)
        rows.append({**dict(zip(keys + ["standard_id"], key, strict=True)),
                     "title": grp["title"].iloc[0], "periods": len(grp),
                     "first_period": grp["period"].iloc[0], "last_period": grp["period"].iloc[-1],
                     "first_rate": y[0], "last_rate": y[-1], "change": y[-1] - y[0],
                     "slope": _weighted_slope(x, y, w)})
    cols = keys + ["standard_id", "title", "periods", "first_period", "last_period",
                   "first_rate", "last_rate", "change", "slope"]
    return pd.DataFrame(rows, columns=cols)


def evidence_items(frame: pd.DataFrame, *, status: str | Iterable[str] | None = "missed",
                   standard_id: str | Iterable[str] | None = None) -> pd.DataFrame:
    """One row per evidence item of the results with `status` (None = all): tidy evidence.

    Columns: `transcript_id`, `standard_id`, `status`, `explanation`, `item` (position in that
    result's evidence), `turn_index` (0-based), `turn_number` (from 1, as the explanation
    counts), `speaker`, `start_char`, `end_char`, `text`, `rule`, `role` (`csnlp.EvidenceRole`:
    match, searched, trigger, ...), `label`, `window` (where a miss looked), `seconds`,
    `evidence_score`, `context`, then the frame's metadata columns (agent_id, team, date, ...).
    """
    import pandas as pd

    _require(frame, REQUIRED_COLUMNS, "evidence_items")
    if EVIDENCE not in frame.columns and LEGACY_EVIDENCE not in frame.columns:
        _require(frame, [EVIDENCE], "evidence_items")
    df = frame[frame["standard_id"].notna()]
    if status is not None:
        df = df[df["status"].isin(_as_list(status))]
    if standard_id is not None:
        df = df[df["standard_id"].isin(_as_list(standard_id))]
    meta = [c for c in frame.columns if c not in FIXED_COLUMNS and c != LEGACY_EVIDENCE]
    rows = []
    for rec in df.to_dict("records"):
        for i, ev in enumerate(_record_evidence(rec)):
            rows.append({"transcript_id": rec["transcript_id"], "standard_id": rec["standard_id"],
                         "status": rec["status"], "explanation": rec.get("explanation"),
                         "item": i, **_evidence_fields(ev),
                         **{c: rec.get(c) for c in meta}})
    cols = ["transcript_id", "standard_id", "status", "explanation", "item", "turn_index",
            "turn_number", "speaker", "start_char", "end_char", "text", "rule", "role", "label",
            "window", "seconds", "evidence_score", "context", *meta]
    return pd.DataFrame(rows, columns=cols)


def coaching_tips(standards: Any = None) -> dict[str, str]:
    """Standard id -> coaching tip, from a mapping, a `StandardSet`, a pack name or YAML path.

    None collects the tips of every built-in pack (the first pack wins on a shared id).
    """
    if isinstance(standards, Mapping) and all(isinstance(v, str) for v in standards.values()):
        return dict(standards)
    from csnlp.standards.load import list_packs, load_standards

    sets = ([load_standards(p) for p in list_packs()] if standards is None
            else [standards if hasattr(standards, "standards") else load_standards(standards)])
    tips: dict[str, str] = {}
    for sset in sets:
        for std in sset.standards:
            if getattr(std, "coaching_tip", None):
                tips.setdefault(std.id, std.coaching_tip)
    return tips


# -- helpers ---------------------------------------------------------------------------------

def _as_list(value: str | Iterable[str] | None) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _require(frame: pd.DataFrame, columns: Iterable[str], where: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{where}: the result frame has no column {', '.join(map(repr, missing))}"
                         f"; its columns are {list(frame.columns)}")


def _prepare(frame: pd.DataFrame, keys: list[str], *, date_col: str,
             keep_failed: bool = False) -> pd.DataFrame:
    """Copy of the frame with derived period columns and 0/1 status indicator columns."""
    _require(frame, REQUIRED_COLUMNS, "result frame")
    derived = {k: _period_start(frame[date_col], PERIODS[k]) for k in keys
               if k not in frame.columns and k in PERIODS and date_col in frame.columns}
    _require(frame.assign(**derived), keys, "result frame")
    df = frame.assign(**derived)
    if not keep_failed:
        df = df[df["standard_id"].notna()]
    status = df["status"].astype(str)
    met, missed = status == "met", status == "missed"
    applicable = met | missed
    score = (np.asarray(df["score"], dtype=float) if "score" in df.columns
             else np.full(len(df), np.nan))
    score = np.where(np.isnan(score), met.to_numpy(dtype=float), score)
    return df.assign(_met=met.astype(int), _missed=missed.astype(int),
                     _applicable=applicable.astype(int),
                     _na=(status == "not_applicable").astype(int),
                     _error=(status == "error").astype(int),
                     _score=np.where(applicable, score, np.nan))


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    """Start of the period each date falls in (local wall-clock date; unparseable -> NaT)."""
    import pandas as pd

    try:
        parsed = pd.to_datetime(dates, errors="coerce", format="mixed")
    except (ValueError, TypeError):  # mixed UTC offsets cannot share one naive dtype
        parsed = pd.to_datetime(dates, errors="coerce", format="mixed", utc=True)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.dt.to_period(freq).dt.start_time


def _rate(met: Any, n: Any) -> np.ndarray:
    met = np.asarray(met, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, met / n, np.nan)


def _finish_rates(out: pd.DataFrame, keys: list[str], df: pd.DataFrame, *,
                  z: float) -> pd.DataFrame:
    out["rate"] = _rate(out["met"], out["n"])
    out["ci_low"], out["ci_high"] = wilson_interval(out["met"], out["n"], z=z)
    out = _with_titles(out, df)
    order = {sid: i for i, sid in enumerate(df["standard_id"].drop_duplicates())}
    out["_order"] = out["standard_id"].map(order)
    out = out.sort_values(keys + ["_order"], kind="stable", na_position="last")
    return out[keys + list(RATE_COLUMNS)].reset_index(drop=True)


def _with_titles(out: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    titles: dict[str, Any] = {}
    if "title" in frame.columns:
        known = frame[frame["title"].notna() & frame["standard_id"].notna()]
        titles = dict(known.drop_duplicates("standard_id")[["standard_id", "title"]]
                      .itertuples(index=False, name=None))
    titled = [titles.get(s) or s for s in out["standard_id"]]
    return out.drop(columns="title", errors="ignore").assign(title=titled)


def _sum_counts(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return rows.groupby(keys, dropna=False, sort=False)[["met", "missed", "n"]].sum().reset_index()


def _home_team(frame: pd.DataFrame, agent: str, team: str) -> pd.DataFrame:
    """Each agent's most frequent team: an agent who moved is compared with their main team."""
    calls = frame.drop_duplicates("transcript_id")
    counts = calls.groupby([agent, team], dropna=False, sort=True).size().reset_index(name="_c")
    counts = counts.sort_values("_c", ascending=False, kind="stable")
    return counts.drop_duplicates(agent)[[agent, team]]


def _add_gap(out: pd.DataFrame, *, against: str, z: float) -> pd.DataFrame:
    out = out.copy()
    out["rate"] = _rate(out["met"], out["n"])
    out["ci_low"], out["ci_high"] = wilson_interval(out["met"], out["n"], z=z)
    team_rate = out["team_rate"].to_numpy(dtype=float)
    pop_rate = out["population_rate"].to_numpy(dtype=float)
    if against == "population":
        bench = pop_rate
    elif against == "team":
        bench = np.where(np.isnan(team_rate), pop_rate, team_rate)
    else:
        bench = np.fmax(team_rate, pop_rate)
    out["benchmark"] = bench
    out["gap"] = bench - out["rate"].to_numpy(dtype=float)
    out["gain"] = np.clip(np.nan_to_num(out["gap"].to_numpy(dtype=float)), 0, None) * out["n"]
    out["clear_gap"] = out["ci_high"].to_numpy(dtype=float) < bench
    for col in ("team_n", "population_n", "n", "met", "missed"):
        out[col] = out[col].astype(int)
    return out


def _snippets(frame: pd.DataFrame, gaps_frame: pd.DataFrame, *, agent: str,
              limit: int) -> list[list[dict[str, Any]]]:
    """Up to `limit` evidence snippets per gap row, one per missed call, most recent first."""
    empty: list[list[dict[str, Any]]] = [[] for _ in range(len(gaps_frame))]
    has_evidence = EVIDENCE in frame.columns or LEGACY_EVIDENCE in frame.columns
    if limit <= 0 or not has_evidence or gaps_frame.empty:
        return empty
    missed = frame[frame["status"] == "missed"]
    if "date" in missed.columns:
        when = _period_start(missed["date"], "D").rename("_when")
        missed = missed.assign(_when=when).sort_values("_when", ascending=False,
                                                       kind="stable", na_position="last")
    by_key: dict[tuple, list[dict[str, Any]]] = {}
    for rec in missed.to_dict("records"):
        key = (rec.get(agent), rec["standard_id"])
        found = by_key.setdefault(key, [])
        if len(found) < limit:
            found.append(_snippet(rec))
    return [by_key.get((a, s), []) for a, s in zip(gaps_frame[agent], gaps_frame["standard_id"],
                                                    strict=True)]


def _snippet(rec: Mapping[str, Any]) -> dict[str, Any]:
    """One missed call: its explanation and up to `SNIPPET_ITEMS` evidence items, the words that
    fired (offending words, a complaint left unanswered) before the turns a miss searched."""
    items = _record_evidence(rec)
    looked = [e for e in items if e.get("role") == EvidenceRole.SEARCHED]
    hits = [e for e in items if e.get("role") != EvidenceRole.SEARCHED]
    date = rec.get("date")
    return {"transcript_id": rec["transcript_id"],
            "date": None if _missing(date) else str(date),
            "explanation": rec.get("explanation"),
            "items": [{k: v for k, v in _evidence_fields(e).items() if k != "evidence_score"}
                      for e in (hits + looked)[:SNIPPET_ITEMS]]}


def _record_evidence(rec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A row's evidence items: the `evidence` column, or `evidence_json` of older frames."""
    value = rec.get(EVIDENCE)
    return _parse_evidence(rec.get(LEGACY_EVIDENCE) if _missing(value) else value)


def _parse_evidence(value: Any) -> list[dict[str, Any]]:
    if hasattr(value, "tolist") and not isinstance(value, str):  # Arrow's numpy array of dicts
        value = value.tolist()
    if isinstance(value, str) and value:
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return []
    if not isinstance(value, (list, tuple)):
        return []
    from csnlp.frames import evidence_item

    # items of frames made by hand or by older versions may lack role and label
    return [evidence_item(e) for e in value if isinstance(e, Mapping)]


def _evidence_fields(ev: Mapping[str, Any]) -> dict[str, Any]:
    turn = ev.get("turn_index")
    return {"turn_index": turn,
            "turn_number": int(turn) + 1 if isinstance(turn, (int, float)) and turn == turn
            else None,
            "speaker": ev.get("speaker"), "start_char": ev.get("start_char"),
            "end_char": ev.get("end_char"), "text": ev.get("text"), "rule": ev.get("rule"),
            "role": ev.get("role"), "label": ev.get("label"), "window": ev.get("window"),
            "seconds": ev.get("seconds"), "evidence_score": ev.get("score"),
            "context": ev.get("context")}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _spread(grp: pd.DataFrame, level: str) -> dict[str, Any]:
    rates = grp["rate"].to_numpy(dtype=float)
    met = grp["met"].to_numpy(dtype=float)
    n = grp["n"].to_numpy(dtype=float)
    pooled = met.sum() / n.sum() if n.sum() else np.nan
    chi2, dof, p_value = _chi2_homogeneity(met, n)
    lo, hi = int(np.argmin(rates)), int(np.argmax(rates))
    return {"groups": len(grp), "n": int(n.sum()), "rate": pooled,
            "min_rate": rates[lo], "max_rate": rates[hi], "spread": rates[hi] - rates[lo],
            "std_rate": float(np.std(rates, ddof=1)) if len(rates) > 1 else np.nan,
            "lowest": grp[level].iloc[lo], "highest": grp[level].iloc[hi],
            "chi2": chi2, "dof": dof, "p_value": p_value,
            "i2": max(0.0, (chi2 - dof) / chi2) if chi2 > 0 else 0.0}


def _chi2_homogeneity(met: np.ndarray, n: np.ndarray) -> tuple[float, int, float]:
    """Pearson chi-square for a 2 x k table (met/missed by group); p from the chi-square law."""
    from scipy.stats import chi2 as chi2_dist

    dof = len(n) - 1
    total = n.sum()
    p = met.sum() / total if total else np.nan
    if dof < 1 or not 0 < p < 1:
        return 0.0, max(dof, 0), 1.0
    expected_met, expected_missed = n * p, n * (1 - p)
    stat = float((((met - expected_met) ** 2) / expected_met).sum()
                 + ((((n - met) - expected_missed) ** 2) / expected_missed).sum())
    return stat, dof, float(chi2_dist.sf(stat, dof))


def _weighted_slope(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    if len(x) < 2 or np.ptp(x) == 0:
        return float("nan")
    xm, ym = np.average(x, weights=w), np.average(y, weights=w)
    return float(np.sum(w * (x - xm) * (y - ym)) / np.sum(w * (x - xm) ** 2))
