"""Coaching plots. Each function returns a matplotlib Figure drawn on its own Agg canvas.

No pyplot, so nothing here touches the global backend or keeps figures alive: save with
``fig.savefig(path)``; a notebook shows a returned Figure like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from csnlp.coaching.analysis import compliance, trends
from csnlp.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

RATE_CMAP = "RdYlGn"


def heatmap(frame: pd.DataFrame, *, by: str = "agent_id", min_n: int = 1,
            label_by: str | None = None) -> Figure:
    """Group x standard heatmap of compliance rates, the weakest group on top.

    `frame` is a result frame or a `compliance(frame, by)` table. Cells with fewer than `min_n`
    applicable results are grey; each cell shows the rate and its count.
    `label_by` names a column (such as agent_name) to label rows with instead of `by`.

    >>> fig = heatmap(frame, by="team")   # doctest: +SKIP
    """
    rates = _rates(frame, [by] + ([label_by] if label_by and label_by != by else []))
    rates = rates[rates[by].notna()]
    if rates.empty:
        raise InputError(f"heatmap: no results to plot by {by!r}")
    standards = list(dict.fromkeys(rates["standard_id"]))
    overall = rates.groupby(by, sort=True)[["met", "n"]].sum()
    order = (overall["met"] / overall["n"].where(overall["n"] > 0)).sort_values(
        kind="stable", na_position="last").index.tolist()
    rate = rates.pivot_table(index=by, columns="standard_id", values="rate", aggfunc="first",
                             dropna=False).reindex(index=order, columns=standards)
    n = rates.pivot_table(index=by, columns="standard_id", values="n", aggfunc="first",
                          fill_value=0).reindex(index=order, columns=standards).fillna(0)
    shown = rate.where(n >= max(min_n, 1))
    keep = shown.notna().any(axis=1).to_numpy()  # a row of grey cells says nothing: drop it
    shown, n, order = shown[keep], n[keep], [g for g, k in zip(order, keep, strict=True) if k]
    if not order:
        raise InputError(f"heatmap: no {by} has {min_n} or more applicable results")
    labels = order
    if label_by and label_by != by:
        names = rates.drop_duplicates(by).set_index(by)[label_by]
        labels = [f"{names.get(g)} ({g})" if names.get(g) is not None else str(g) for g in order]

    fig, ax = _figure(figsize=(max(6.0, 2.5 + 0.8 * len(standards)), 2.0 + 0.42 * len(order)))
    cmap = _cmap().with_extremes(bad="#e4e7ec")
    image = ax.imshow(np.ma.masked_invalid(shown.to_numpy(dtype=float)), cmap=cmap, vmin=0,
                      vmax=1, aspect="auto")
    for i in range(len(order)):
        for j in range(len(standards)):
            value, count = shown.iat[i, j], int(n.iat[i, j])
            text = f"{value:.0%}\nn={count}" if value == value else (f"n={count}" if count else "")
            ax.text(j, i, text, ha="center", va="center", fontsize=7,
                    color="black" if value != value or 0.25 < value < 0.85 else "white")
    ax.set_xticks(range(len(standards)), labels=standards, rotation=40, ha="right")
    ax.set_yticks(range(len(order)), labels=[str(x) for x in labels])
    ax.set_xlabel("Standard")
    ax.set_ylabel(label_by or by)
    ax.set_title(f"Compliance rate by {by} and standard (weakest on top)")
    fig.colorbar(image, ax=ax, label="Compliance rate", shrink=0.8)
    return fig


def gap_bars(gaps_frame: pd.DataFrame, agent: Any, *, agent_col: str = "agent_id",
             top: int | None = None) -> Figure:
    """One agent's rate per standard (with its 95% interval) against team and population.

    `gaps_frame` is `gaps(...)` output; standards are ordered by gain, the largest gap on top.
    """
    rows = gaps_frame[gaps_frame[agent_col] == agent].sort_values("rank")
    if rows.empty:
        raise InputError(f"gap_bars: no gaps for {agent_col} = {agent!r}")
    if top:
        rows = rows.head(top)
    y = np.arange(len(rows))[::-1]
    rate = rows["rate"].to_numpy(dtype=float)
    err = np.vstack([rate - rows["ci_low"].to_numpy(dtype=float),
                     rows["ci_high"].to_numpy(dtype=float) - rate])
    fig, ax = _figure(figsize=(8.5, 1.4 + 0.5 * len(rows)))
    colours = [_cmap()(r) for r in np.nan_to_num(rate)]
    ax.barh(y, rate, color=colours, edgecolor="#444444", height=0.6, label=f"{agent}")
    ax.errorbar(rate, y, xerr=err, fmt="o", color="#222222", markersize=4, capsize=3,
                label="rate, 95% interval")
    if "team_rate" in rows.columns and rows["team_rate"].notna().any():
        ax.scatter(rows["team_rate"], y, marker="D", color="#1f4e9c", zorder=3, label="team")
    ax.scatter(rows["population_rate"], y, marker="|", s=300, linewidths=2.5, color="#111111",
               zorder=3, label="population")
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        note = f"n={row['n']}" + (f", gain {row['gain']:.1f}" if row["gain"] > 0 else "")
        ax.text(1.02, yi, note, va="center", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_yticks(y, labels=[str(t) for t in rows["title"]])
    ax.set_xlim(0, 1.03)
    ax.set_xlabel("Compliance rate")
    ax.set_ylabel("Standard")
    ax.set_title(f"{agent}: rate per standard vs team and population (largest gap on top)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=4, frameon=False, fontsize=8)
    return fig


def trend_lines(frame: pd.DataFrame, *, freq: str = "week",
                standards: list[str] | None = None, min_n: int = 1) -> Figure:
    """Compliance rate per period, one line per standard.

    `frame` is a result frame (grouped by `freq`) or `trends(...)` output without group columns.
    Periods with fewer than `min_n` applicable results are left out of a line.
    """
    tf = frame if "period" in frame.columns and "rate" in frame.columns else trends(frame, freq)
    if standards is not None:
        tf = tf[tf["standard_id"].isin(standards)]
    tf = tf[tf["n"] >= max(min_n, 1)]
    if tf.empty:
        raise InputError("trend_lines: no dated results to plot")
    fig, ax = _figure(figsize=(9, 4.8))
    for sid, grp in tf.groupby("standard_id", sort=False):
        grp = grp.sort_values("period")
        ax.plot(grp["period"], grp["rate"], marker="o", markersize=4, label=str(sid))
    periods = sorted(tf["period"].unique())
    step = max(1, len(periods) // 12)
    ax.set_xticks(periods[::step], labels=[f"{p:%Y-%m-%d}" for p in periods[::step]])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"{freq.capitalize()} starting" if freq != "day" else "Day")
    ax.set_ylabel("Compliance rate")
    ax.set_title(f"Compliance rate per {freq} and standard")
    ax.grid(alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    for label in ax.get_xticklabels():
        label.set(rotation=30, ha="right")
    return fig


def _rates(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    if "status" not in frame.columns and {"rate", "n", "standard_id"} <= set(frame.columns):
        return frame
    return compliance(frame, by)


def _figure(figsize: tuple[float, float]) -> tuple[Figure, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _cmap():
    from matplotlib import colormaps

    return colormaps[RATE_CMAP]
