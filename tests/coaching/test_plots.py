"""Plots: the right axes, labels and data; drawn on an Agg canvas without pyplot."""

from __future__ import annotations

import io

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from csnlp.coaching import gap_bars, gaps, heatmap, trend_lines, trends
from csnlp.errors import InputError


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_heatmap_has_agents_by_standards_weakest_first(frame):
    fig = heatmap(frame)
    ax = fig.axes[0]
    assert isinstance(fig.canvas, FigureCanvasAgg)
    assert ax.get_xlabel() == "Standard" and ax.get_ylabel() == "agent_id"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["greeting", "closing"]
    # overall A1 5/8 < A2 6/8 = B1 3/4: the weakest on top, ties in name order
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A1", "A2", "B1"]
    assert "25%\nn=4" in [t.get_text() for t in ax.texts]
    assert fig.axes[1].get_ylabel() == "Compliance rate"  # the colour bar
    assert _png(fig).startswith(b"\x89PNG")


def test_heatmap_labels_agents_by_name_and_greys_out_small_cells(frame):
    fig = heatmap(frame, label_by="agent_name", min_n=3)
    ax = fig.axes[0]
    assert ax.get_yticklabels()[0].get_text() == "Agent A1 (A1)"
    # B1 has 2 applicable results per standard, below min_n: a row of grey cells is dropped
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Agent A1 (A1)", "Agent A2 (A2)"]
    with pytest.raises(InputError, match="5 or more"):
        heatmap(frame, min_n=5)
    assert heatmap(frame, by="team").axes[0].get_ylabel() == "team"


def test_gap_bars_for_one_agent(frame):
    fig = gap_bars(gaps(frame, standards={}), "A1")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Compliance rate" and ax.get_ylabel() == "Standard"
    assert "A1" in ax.get_title()
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == ["Greet the customer", "Close courteously"]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())
    assert [round(b.get_width(), 3) for b in bars] == [0.25, 1.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"team", "population", "rate, 95% interval"} <= set(legend)
    assert _png(fig)
    with pytest.raises(InputError, match="Z9"):
        gap_bars(gaps(frame, standards={}), "Z9")


def test_trend_lines_one_line_per_standard(frame):
    fig = trend_lines(frame, freq="week")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Week starting" and ax.get_ylabel() == "Compliance rate"
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"greeting", "closing"}
    assert list(lines["greeting"].get_ydata()) == pytest.approx([0.8, 1 / 3, 0.5])
    assert ax.get_ylim()[0] < 0 < 1 < ax.get_ylim()[1]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-03-04", "2024-03-11",
                                                             "2024-03-18"]
    same = trend_lines(trends(frame, "month"), freq="month", standards=["closing"])
    assert [line.get_label() for line in same.axes[0].get_lines()] == ["closing"]
    assert _png(fig)
