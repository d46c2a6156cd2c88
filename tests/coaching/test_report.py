"""The HTML coaching report: content, escaping, highlighting, inputs, the CLI and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from csnlp.cli import main as cli_main
from csnlp.coaching import load_results, render_html, write_report
from csnlp.errors import InputError
from csnlp.frames import reports_to_frame
from csnlp.results import Evidence, EvidenceRole, Report, SearchedWindow, StandardResult, Status

TIPS = {"greeting": "Open every call with a greeting.", "closing": "Thank and say goodbye."}


@pytest.fixture
def html(frame) -> str:
    return render_html(frame, standards=TIPS)


def test_report_shows_agents_standards_tips_and_evidence(html):
    for text in ("Agent A1 (A1)", "Agent A2 (A2)", "Agent B1 (B1)", "Greet the customer",
                 "Close courteously", TIPS["greeting"], "Where coaching gains most", "a1-4"):
        assert text in html
    priorities = html[html.index('id="priorities"'):html.index('id="scorecard"')]
    assert priorities.index("A1 (A1)") < priorities.index("A2 (A2)") < priorities.index("B1")


def test_report_is_self_contained(html):
    assert html.startswith("<!doctype html>")
    for external in ("http://", "https://", "<script", "<link", "src=", "@import"):
        assert external not in html


def test_transcript_text_is_escaped_and_the_span_highlighted(html):
    assert "<b>a1-4</b>" not in html
    assert '<mark class="looked">&lt;b&gt;a1-4&lt;/b&gt;</mark>' in html
    assert "a card &amp; then greeting." in html


def test_a_hit_is_highlighted_inside_its_turn():
    context = "Just calm down & wait, <sir>."
    ev = Evidence(turn_index=2, speaker="agent", start_char=5, end_char=14, text="calm down",
                  rule="phrase:prohibited", context=context)
    bad = StandardResult("prohibited_language", Status.MISSED, 0.0, (ev,),
                         "The agent said 'calm down'.", title="No prohibited language")
    good = StandardResult("prohibited_language", Status.MET, 1.0, (), "", title="No prohibited "
                          "language")
    frame = reports_to_frame([Report("t1", (bad,), metadata={"agent_id": "rude"}),
                              Report("t2", (good,), metadata={"agent_id": "kind"})])
    html = render_html(frame, standards={"prohibited_language": "Own it."})
    assert ('Just <mark class="hit">calm down</mark> &amp; wait, &lt;sir&gt;.' in html)
    assert "turn 3" in html and "Own it." in html


def test_wrong_offsets_fall_back_to_finding_the_text():
    ev = Evidence(0, "agent", 50, 60, "hello", "phrase:greetings", context="oh hello there")
    frame = reports_to_frame([
        Report("t1", (StandardResult("greeting", Status.MISSED, 0.0, (ev,)),),
               metadata={"agent_id": "A"}),
        Report("t2", (StandardResult("greeting", Status.MET, 1.0),), metadata={"agent_id": "B"})])
    assert 'oh <mark class="hit">hello</mark> there' in render_html(frame, standards={})


def test_report_by_team(frame):
    html = render_html(frame, by="team", standards=TIPS)
    assert "T1" in html and "T2" in html and "Grouped by <b>team</b>" in html


def test_unknown_group_column_is_an_input_error(frame):
    with pytest.raises(InputError, match="'region'"):
        render_html(frame, by="region")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"], ids=["jsonl", "csv", "parquet"])
def test_results_files_load_into_the_same_report(tmp_path, reports, frame, suffix):
    path = tmp_path / f"results{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    elif suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path)
    loaded = load_results([path])
    assert len(loaded) == len(frame)
    assert render_html(loaded, standards=TIPS) == render_html(frame, standards=TIPS)


def test_bad_results_files_name_the_place(tmp_path, reports):
    bad = tmp_path / "r.jsonl"
    bad.write_text(reports[0].to_json() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"r\.jsonl: line 2"):
        load_results(bad)
    with pytest.raises(InputError, match="unknown results format"):
        load_results(_touch(tmp_path / "r.xlsx"))
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a csnlp results file"):
        load_results(other)
    with pytest.raises(InputError, match="no such results file"):
        load_results(tmp_path / "missing.csv")


def _touch(path: Path) -> Path:
    path.write_text("", encoding="utf-8")
    return path


def test_cli_writes_the_report(tmp_path, reports, capsys):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    assert cli_main(["report", str(results), "--by", "agent_id", "--out", str(out)]) == 0
    assert "Agent A1 (A1)" in out.read_text(encoding="utf-8")
    assert "11 transcripts" in capsys.readouterr().out
    assert cli_main(["report", str(results), "--by", "region", "--out", str(out)]) == 2


BROWSER = shutil.which("chromium")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(BROWSER is None, reason="no `chromium` on PATH (.ci/run installs Debian's "
                    "chromium); the HTML report is not rendered in a browser here")
def test_report_renders_in_a_headless_browser(tmp_path, frame):
    page = write_report(frame, tmp_path / "report.html", standards=TIPS)
    url = page.resolve().as_uri()
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = re.sub(r"\s+", " ", dom.stdout)
    for agent in ("Agent A1 (A1)", "Agent A2 (A2)", "Agent B1 (B1)"):
        assert agent in text
    for standard in ("Greet the customer", "Close courteously"):
        assert standard in text
    assert '<mark class="looked">&lt;b&gt;a1-4&lt;/b&gt;</mark>' in text  # still text, not markup
    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_report_without_teams_compares_with_the_population_only(frame):
    html = render_html(frame.drop(columns="team"), standards=TIPS)
    assert "<th class=\"num\">Team</th>" not in html
    assert "the population's rate, from the others' calls" in html


def test_numeric_and_missing_group_values(frame):
    numeric = frame.assign(agent_id=frame["agent_id"].map({"A1": 1, "A2": 2, "B1": None}))
    html = render_html(numeric.drop(columns="agent_name"), standards=TIPS)
    assert "(no agent_id)" in html and ">1</a>" in html


def _one_miss_frame(*evidence: Evidence, explanation: str = ""):
    """A frame where agent A missed with `evidence` and agent B met: A's gap shows it."""
    miss = StandardResult("greeting", Status.MISSED, 0.0, evidence, explanation,
                          title="Greet the customer")
    return reports_to_frame([Report("t1", (miss,), metadata={"agent_id": "A"}),
                             Report("t2", (StandardResult("greeting", Status.MET, 1.0),),
                                    metadata={"agent_id": "B"})])


def test_searched_turns_are_marked_by_their_role_not_by_a_rule_string():
    window = SearchedWindow("the agent's first 2 turns", (0,))
    searched = Evidence(0, "agent", 0, 7, "Hey you", rule="phrase:not_looked", context="Hey you",
                        role=EvidenceRole.SEARCHED, window=window)
    hit = Evidence(1, "agent", 0, 5, "Hello", rule="looked:not a search", context="Hello there",
                   role=EvidenceRole.MATCH, label="phrase:greetings")
    html = render_html(_one_miss_frame(hit, searched), standards={})
    assert '<mark class="looked">Hey you</mark>' in html
    assert '<mark class="hit">Hello</mark> there' in html
    assert "turn 1 · searched" in html and "turn 2 · phrase:greetings" in html


def test_an_old_rule_only_item_is_still_marked_as_searched():
    old = {"turn_index": 0, "speaker": "agent", "start_char": 0, "end_char": 2, "text": "Hi",
           "rule": "looked:the agent's first 2 turns", "context": "Hi"}
    frame = _one_miss_frame().assign(evidence=[[old], []])  # an old frame made by hand
    assert '<mark class="looked">Hi</mark>' in render_html(frame, standards={})


def test_the_report_numbers_turns_as_the_explanation_does(evaluator):
    """A coach reads "turn 3" in the explanation and finds "turn 3" on the evidence."""
    call = {"id": "t1", "metadata": {"agent_id": "A"}, "turns": [
        {"speaker": "agent", "text": "Hello, this is Sam."},
        {"speaker": "customer", "text": "My card was charged twice."},
        {"speaker": "agent", "text": "Calm down, that's not my problem."}]}
    report = evaluator.evaluate(call)
    result = report["prohibited_language"]
    assert result.evidence[0].turn_index == 2 and "(turn 3)" in result.explanation
    kind = evaluator.evaluate({**call, "id": "t2", "metadata": {"agent_id": "B"},
                               "turns": call["turns"][:2]})
    html = render_html(reports_to_frame([report, kind]), standards={})
    card = html[html.index(result.explanation[:40]):]
    assert "turn 3 · phrase:prohibited" in card[:2000] and "turn 2 ·" not in card[:2000]


@pytest.mark.parametrize("value, text", [(-0.004, "0 pts"), (0.004, "0 pts"), (-0.0, "0 pts"),
                                         (0.0, "0 pts"), (0.25, "-25 pts"), (-0.126, "+13 pts"),
                                         (float("nan"), "–")],
                         ids=["tiny-negative", "tiny-positive", "negative-zero", "zero",
                              "behind", "ahead", "nan"])
def test_gaps_never_print_a_negative_zero(value, text):
    from csnlp.coaching.report import _signed

    assert _signed(value) == text


def test_an_agent_at_the_benchmark_is_zero_points_from_it():
    """A and B each met the greeting in 1 of 2 calls: each is at the other's rate, 0 pts."""
    met, missed = (StandardResult("greeting", s, None, title="Greet") for s in
                   (Status.MET, Status.MISSED))
    frame = reports_to_frame([Report(f"{a}{i}", (r,), metadata={"agent_id": a})
                              for a in "AB" for i, r in enumerate((met, missed))])
    html = render_html(frame, standards={})
    assert "-0 pts" not in html and "+0 pts" not in html
    assert html.count('<td class="num">0 pts</td>') == 2


def _pack_frame():
    """Seven agents with long names against every standard of the default pack: a wide scorecard."""
    from csnlp import load_standards

    pack = load_standards("contact_center")
    agents = ["Kevin Marsh", "Jamal Reed", "Tom Becker", "Maria Lopez", "Priya Nair",
              "David Chen", "Alexandra Montgomery-Smith"]
    statuses = [Status.MET, Status.MISSED, Status.NOT_APPLICABLE]
    reports = []
    for a, name in enumerate(agents):
        for call in range(3):
            results = tuple(StandardResult(sid, statuses[(a + call + k) % 3],
                                           None, title=pack[sid].title)
                            for k, sid in enumerate(pack.ids))
            reports.append(Report(f"call-{a}-{call}", results,
                                  metadata={"agent_id": f"a{a}01", "agent_name": name}))
    return reports_to_frame(reports)


#: Appended to a copy of the report (the report itself has no scripts): writes the page's width
#: and every box whose content is wider than the box into the DOM, for --dump-dom to read.
_MEASURE = """<script>window.addEventListener('load', () => {
  const wide = [...document.querySelectorAll('main, section, table, div')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + '#' + (e.id || e.className) + ':' + e.scrollWidth + '>' + e.clientWidth);
  const out = document.createElement('output');
  out.id = 'measure';
  out.textContent = JSON.stringify({page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth, wide: wide});
  document.body.appendChild(out);
});</script>"""


@pytest.mark.skipif(BROWSER is None, reason="no `chromium` on PATH (.ci/run installs Debian's "
                    "chromium); the report's layout is not measured in a browser here")
@pytest.mark.parametrize("width", [1400, 1024], ids=["1400px", "1024px"])
def test_report_fits_the_window_without_horizontal_overflow(tmp_path, width):
    import json

    html = render_html(_pack_frame(), standards={})
    page = tmp_path / "measured.html"
    page.write_text(html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _chromium(tmp_path, f"--window-size={width},900", "--dump-dom", page.resolve().as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<output id="measure">(.*?)</output>', dom.stdout)
    assert found, dom.stdout[-2000:]
    measure = json.loads(found.group(1).replace("&gt;", ">"))
    assert measure["view"] > width - 40  # the window really was this wide
    assert measure["page"] <= measure["view"], measure
    assert measure["wide"] == [], measure
