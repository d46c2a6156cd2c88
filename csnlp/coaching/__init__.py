"""Coaching analysis on result frames: where each agent and team falls short, and how to coach it.

Works on `csnlp.reports_to_frame(...)` output (or a results .parquet/.csv/.jsonl via
`load_results`), never on the NLP pipeline. Every function returns a tidy DataFrame; plots return
a matplotlib Figure; `write_report` writes one self-contained HTML file.

    >>> from csnlp import coaching
    >>> coaching.wilson_interval(8, 10)[0] > 0.49
    True
"""

from __future__ import annotations

from csnlp.coaching.analysis import (
    PERIODS,
    RATE_COLUMNS,
    Z95,
    coaching_tips,
    compliance,
    consistency,
    evidence_items,
    gaps,
    scorecard,
    trend_summary,
    trends,
    wilson_interval,
)
from csnlp.coaching.plots import gap_bars, heatmap, trend_lines
from csnlp.coaching.report import load_results, render_html, write_report

__all__ = [
    "PERIODS", "RATE_COLUMNS", "Z95", "coaching_tips", "compliance", "consistency",
    "evidence_items", "gap_bars", "gaps", "heatmap", "load_results", "render_html", "scorecard",
    "trend_lines", "trend_summary", "trends", "wilson_interval", "write_report",
]
