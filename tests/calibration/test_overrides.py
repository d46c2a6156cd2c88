"""Disputes: reviewers' overrides replace machine verdicts, marked, and show in the report."""

from __future__ import annotations

import pandas as pd
import pytest

from csnlp.calibration import apply_overrides
from csnlp.cli import main as cli_main
from csnlp.coaching import render_html
from csnlp.errors import InputError


def _overrides(frame: pd.DataFrame) -> pd.DataFrame:
    missed = frame[frame["status"] == "missed"].iloc[:2]
    return pd.DataFrame({"transcript_id": missed["transcript_id"].tolist(),
                         "standard_id": missed["standard_id"].tolist(),
                         "status": ["Pass", "n/a"], "reviewer": ["ana", "<b>ben</b>"],
                         "reason": ["greeted in Spanish", "no complaint & no need"]})


def test_overrides_replace_the_verdict_and_keep_the_machines(frame):
    overrides = _overrides(frame)
    out = apply_overrides(frame, overrides)
    assert len(out) == len(frame) and (out.index == frame.index).all()
    changed = out[out["verdict_source"] == "reviewer"]
    assert changed["status"].tolist() == ["met", "not_applicable"]
    assert changed["machine_status"].tolist() == ["missed", "missed"]
    assert changed["reviewer"].tolist() == ["ana", "<b>ben</b>"]
    assert changed["score"].iloc[0] == 1.0 and pd.isna(changed["score"].iloc[1])
    untouched = out[out["verdict_source"] == "machine"]
    assert len(untouched) == len(frame) - 2
    assert (untouched["status"] == frame.loc[untouched.index, "status"]).all()
    assert untouched["reviewer"].isna().all()
    with pytest.raises(InputError, match="already have a 'machine_status' column"):
        apply_overrides(out, overrides)


@pytest.mark.parametrize(("change", "message"), [
    ({"transcript_id": "call-999"}, r"overrides frame, row 1: no verdict for transcript "
                                    r"'call-999', standard"),
    ({"status": "meh"}, r"overrides frame, row 1: cannot read status 'meh'"),
], ids=["unknown-pair", "bad-status"])
def test_bad_overrides_name_the_row(frame, change, message):
    overrides = _overrides(frame)
    for column, value in change.items():
        overrides.loc[0, column] = value
    with pytest.raises(InputError, match=message):
        apply_overrides(frame, overrides)


def test_report_shows_which_verdicts_a_person_changed(frame):
    html = render_html(apply_overrides(frame, _overrides(frame)), standards={})
    section = html[html.index('id="overrides"'):html.index('id="priorities"')]
    assert section.count("✎ reviewer") == 2
    assert "&lt;b&gt;ben&lt;/b&gt;" in section and "no complaint &amp; no need" in section
    assert "<s>missed</s> → <b>met</b>" in section
    assert "verdicts changed by a reviewer" in html
    assert 'id="overrides"' not in render_html(frame, standards={})


def test_cli_report_with_overrides(tmp_path, reports, frame, capsys):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    path = tmp_path / "overrides.csv"
    _overrides(frame).to_csv(path, index=False)
    out = tmp_path / "report.html"
    assert cli_main(["report", str(results), "--out", str(out), "--overrides", str(path)]) == 0
    assert "greeted in Spanish" in out.read_text(encoding="utf-8")
    path.write_text("transcript_id,standard_id,status,reviewer\nnope,greeting,met,ana\n",
                    encoding="utf-8")
    assert cli_main(["report", str(results), "--out", str(out), "--overrides", str(path)]) == 2
    assert "overrides.csv, row 1 (line 2): no verdict" in capsys.readouterr().err
