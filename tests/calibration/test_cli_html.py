"""`csnlp agreement` on the command line and its HTML page: content, escaping, a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from csnlp.calibration import agreement, render_agreement_html, write_agreement_html
from csnlp.cli import main as cli_main

from .conftest import labels_from


@pytest.fixture
def files(tmp_path, reports, labels):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    path = tmp_path / "labels.csv"
    labels.to_csv(path, index=False)
    return results, path


def test_cli_prints_the_table_and_writes_json_and_html(tmp_path, files, frame, labels, capsys):
    results, path = files
    out_json, out_html = tmp_path / "a" / "agreement.json", tmp_path / "a" / "agreement.html"
    assert cli_main(["agreement", str(results), str(path), "--json", str(out_json),
                     "--out", str(out_html)]) == 0
    printed = capsys.readouterr().out
    want = agreement(frame, labels)
    for r in want.table.itertuples():
        assert re.search(rf"^{r.standard_id}\s+{r.n}\s+{r.agreement:.0%}\s+{r.kappa:.2f}",
                         printed, re.M)
    got = json.loads(out_json.read_text(encoding="utf-8"))
    assert got["overall"]["n"] == want.overall["n"]
    assert len(got["disagreements"]) == len(want.disagreements)
    assert "Per standard" in out_html.read_text(encoding="utf-8")


@pytest.mark.parametrize(("labels_text", "message"), [
    ("transcript_id,standard_id,status\ncall-001,greeting,perhaps\n",
     r"labels\.csv, row 1 \(line 2\): cannot read status 'perhaps'"),
    ("transcript_id,standard_id\ncall-001,greeting\n", "no column 'status'"),
], ids=["bad-status", "no-status-column"])
def test_cli_bad_labels_exit_2_with_one_line(tmp_path, files, capsys, labels_text, message):
    results, path = files
    path.write_text(labels_text, encoding="utf-8")
    assert cli_main(["agreement", str(results), str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(message, err)


def test_cli_missing_files_and_unknown_reviewer_exit_2(tmp_path, files, capsys):
    results, path = files
    assert cli_main(["agreement", str(tmp_path / "nope.parquet"), str(path)]) == 2
    assert cli_main(["agreement", str(results), str(tmp_path / "nope.csv")]) == 2
    assert cli_main(["agreement", str(results), str(path), "--reviewer", "zed"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and "no such labels file" in err[1] and "'zed'" in err[2]


@pytest.fixture
def page(frame, labels) -> str:
    noted = labels.assign(note=["<script>alert(1)</script> & more"] + [""] * (len(labels) - 1))
    two = pd.concat([noted.assign(reviewer="al"),
                     labels_from(frame, flip=0.1, seed=5, reviewer="bo & co")],
                    ignore_index=True)
    return render_agreement_html(agreement(frame, two))


def test_page_is_self_contained_and_escaped(page):
    assert page.startswith("<!doctype html>")
    for external in ("http://", "https://", "<script", "<link", "src=", "@import"):
        assert external not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "bo &amp; co" in page and "<i>call-" not in page and "&lt;i&gt;call-" in page


def test_page_shows_table_confusion_inter_rater_and_disagreements(page, frame, labels):
    for text in ("Per standard", "Confusion per standard", "Reviewers against each other",
                 "Disagreements", "Greet the customer", "Show empathy", "Reviewers' kappa"):
        assert text in page
    assert page.count('class="confusion"') == 3
    assert re.search(r'<mark class="(hit|looked)">hello</mark>', page)
    one = agreement(frame, labels)
    assert render_agreement_html(one).count('<div class="gap soft">') == len(one.disagreements)
    capped = render_agreement_html(one, max_shown=1)
    assert capped.count('<div class="gap soft">') == 3 and "the first 1 of" in capped


BROWSER = shutil.which("chromium")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(BROWSER is None, reason="no `chromium` on PATH (.ci/run installs Debian's "
                    "chromium); the agreement page is not rendered in a browser here")
def test_page_renders_in_a_headless_browser(tmp_path, frame, labels):
    url = write_agreement_html(agreement(frame, labels), tmp_path / "a.html").resolve().as_uri()
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = re.sub(r"\s+", " ", dom.stdout)
    for title in ("Greet the customer", "Close courteously", "Show empathy", "Disagreements"):
        assert title in text
    assert "&lt;i&gt;call-" in text  # transcript text stays text, not markup
    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
