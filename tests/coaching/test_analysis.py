"""Numbers of csnlp.coaching.analysis, checked against hand-computed values on a small frame."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from csnlp.coaching import (
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
from csnlp.errors import InputError
from csnlp.frames import reports_to_frame
from csnlp.results import Evidence, EvidenceRole, Report, SearchedWindow, StandardResult, Status

TIPS = {"greeting": "Open every call with a greeting.", "closing": "Thank and say goodbye."}


@pytest.mark.parametrize(("met", "n", "lo", "hi"), [
    (8, 10, 0.4902, 0.9433),    # p=.8: centre .71674, half-width .22658
    (6, 10, 0.3127, 0.8318),
    (0, 5, 0.0, 0.4345),        # hi = z^2 / (n + z^2)
    (5, 5, 0.5655, 1.0),        # lo = n / (n + z^2)
    (1, 4, 0.0456, 0.6994),
], ids=["8of10", "6of10", "0of5", "5of5", "1of4"])
def test_wilson_interval_matches_hand_computation(met, n, lo, hi):
    got = wilson_interval(met, n)
    assert got == pytest.approx((lo, hi), abs=1e-4)


def test_wilson_interval_is_nan_without_calls_and_works_on_arrays():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    lo, hi = wilson_interval(np.array([8, 0]), np.array([10, 0]))
    assert lo[0] == pytest.approx(0.4902, abs=1e-4) and math.isnan(hi[1])


def test_population_rate_excludes_not_applicable_and_errors(frame):
    rates = compliance(frame).set_index("standard_id")
    g = rates.loc["greeting"]
    assert (g["n"], g["met"], g["missed"], g["not_applicable"], g["errors"]) == (10, 6, 4, 1, 0)
    assert g["rate"] == pytest.approx(0.6)
    assert (g["ci_low"], g["ci_high"]) == pytest.approx((0.3127, 0.8318), abs=1e-4)
    c = rates.loc["closing"]
    assert (c["n"], c["met"], c["errors"], c["transcripts"]) == (10, 8, 1, 11)
    assert list(rates.index) == ["greeting", "closing"]  # the standard set's order, not a-z


def test_rate_by_agent(frame):
    rates = compliance(frame, "agent_id").set_index(["agent_id", "standard_id"])
    assert rates.loc[("A1", "greeting"), ["n", "met", "rate"]].tolist() == [4, 1, 0.25]
    assert rates.loc[("B1", "greeting"), ["n", "not_applicable"]].tolist() == [2, 1]
    assert rates.loc[("B1", "closing"), ["n", "errors", "rate"]].tolist() == [2, 1, 1.0]
    assert list(rates.reset_index().columns[:3]) == ["agent_id", "standard_id", "title"]


def test_rate_by_team_and_week_derives_the_week_from_the_date(frame):
    rates = compliance(frame, ["team", "week"])
    first = rates[(rates["team"] == "T1") & (rates["week"] == pd.Timestamp("2024-03-04"))]
    greeting = first.set_index("standard_id").loc["greeting"]
    assert (greeting["met"], greeting["n"]) == (3, 4)
    assert set(compliance(frame, "month")["month"]) == {pd.Timestamp("2024-03-01")}


def test_period_needs_a_date_column(frame):
    with pytest.raises(InputError, match="week"):
        compliance(frame.drop(columns="date"), "week")


def test_missing_column_is_named(frame):
    with pytest.raises(InputError, match="'channel'"):
        compliance(frame, "channel")
    with pytest.raises(InputError, match="'status'"):
        compliance(frame.drop(columns="status"))


def test_partial_scores_are_averaged_separately_from_the_rate():
    results = (StandardResult("empathy_on_complaint", Status.MISSED, 0.5),)
    df = reports_to_frame([Report("t1", results, metadata={"agent_id": "A"}),
                           Report("t2", (StandardResult("empathy_on_complaint", Status.MET, 1.0),),
                                  metadata={"agent_id": "A"})])
    row = compliance(df).iloc[0]
    assert row["rate"] == 0.5 and row["mean_score"] == pytest.approx(0.75)


def test_failed_reports_do_not_count(frame):
    failed = reports_to_frame([Report.failed("bad", "boom", metadata={"agent_id": "A1"})])
    both = pd.concat([frame, failed], ignore_index=True)
    assert compliance(both).equals(compliance(frame))
    card = scorecard(both).set_index("agent_id")
    assert card.loc["A1", "failed"] == 1 and card.loc["A1", "transcripts"] == 5


def test_inputs_are_not_modified(frame):
    before = frame.copy()
    compliance(frame, ["agent_id", "week"])
    gaps(frame, standards=TIPS)
    trends(frame)
    pd.testing.assert_frame_equal(frame, before)


# Hand-computed on conftest.CALLS (team and population rates leave the agent's own calls out):
# greeting: A1 1/4, A2 4/4, B1 1/2;  closing: A1 4/4, A2 2/4, B1 2/2.
# A1 greeting: team A2 4/4 = 1.0, population 5/6  -> benchmark 1.0, gap .75, gain 3.0
# A2 closing:  team A1 4/4 = 1.0, population 6/6  -> benchmark 1.0, gap .50, gain 2.0
# B1 greeting: no teammates,      population 5/8  -> benchmark .625, gap .125, gain .25
# the rest are above their benchmark: B1 closing -.25, A1 closing -1/3, A2 greeting -2/3.
def test_gap_ranking_on_a_small_frame(frame):
    g = gaps(frame, standards=TIPS)
    assert list(zip(g["agent_id"], g["standard_id"], strict=True)) == [
        ("A1", "greeting"), ("A2", "closing"), ("B1", "greeting"),
        ("B1", "closing"), ("A1", "closing"), ("A2", "greeting")]
    assert g["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert g["gain"].tolist() == pytest.approx([3.0, 2.0, 0.25, 0, 0, 0])
    assert g["gap"].tolist() == pytest.approx([0.75, 0.5, 0.125, -0.25, -1 / 3, -2 / 3])
    top = g.iloc[0]
    assert (top["team_rate"], top["team_n"]) == (1.0, 4)
    assert (top["population_rate"], top["population_n"]) == (pytest.approx(5 / 6), 6)
    assert top["coaching_tip"] == TIPS["greeting"] and top["title"] == "Greet the customer"
    assert math.isnan(g.iloc[2]["team_rate"]) and g.iloc[2]["team_n"] == 0
    assert g["clear_gap"].tolist() == [True, True, False, False, False, False]


def test_gap_benchmark_can_be_team_or_population(frame):
    pop = gaps(frame, against="population", standards=TIPS).set_index(["agent_id", "standard_id"])
    assert pop.loc[("A1", "greeting"), "gain"] == pytest.approx((5 / 6 - 0.25) * 4)
    team = gaps(frame, against="team", standards=TIPS).set_index(["agent_id", "standard_id"])
    assert team.loc[("B1", "greeting"), "benchmark"] == pytest.approx(5 / 8)  # no team: population
    no_team = gaps(frame, team=None, standards=TIPS)
    assert "team" not in no_team.columns and no_team["team_rate"].isna().all()
    with pytest.raises(InputError, match="against"):
        gaps(frame, against="median")


def test_gap_evidence_comes_from_the_agents_own_missed_calls_newest_first(frame):
    g = gaps(frame, standards=TIPS).set_index(["agent_id", "standard_id"])
    snippets = g.loc[("A1", "greeting"), "evidence"]
    assert [s["transcript_id"] for s in snippets] == ["a1-4", "a1-3", "a1-2"]
    assert "missed" in snippets[0]["explanation"] and snippets[0]["date"] == "2024-03-20"
    item = snippets[0]["items"][0]
    assert item["context"][item["start_char"]:item["end_char"]] == item["text"]
    assert item["rule"].startswith("looked:")
    assert g.loc[("A2", "greeting"), "evidence"] == []
    two = gaps(frame, standards=TIPS, n_evidence=2).set_index(["agent_id", "standard_id"])
    assert len(two.loc[("A1", "greeting"), "evidence"]) == 2


def test_min_n_drops_small_groups(frame):
    g = gaps(frame, standards=TIPS, min_n=3)
    assert set(g["agent_id"]) == {"A1", "A2"}


# greeting by agent: 1/4, 4/4, 1/2, pooled .6. Expected met 2.4/2.4/1.2, missed 1.6/1.6/.8:
# chi2 = 1.96/2.4 + 2.56/2.4 + .04/1.2 + 1.96/1.6 + 2.56/1.6 + .04/.8 = 4.7917, dof 2.
def test_consistency_spread_and_chi_square(frame):
    c = consistency(frame).set_index(["level", "standard_id"])
    row = c.loc[("agent_id", "greeting")]
    assert (row["groups"], row["n"], row["rate"]) == (3, 10, pytest.approx(0.6))
    assert (row["min_rate"], row["max_rate"], row["spread"]) == (0.25, 1.0, 0.75)
    assert (row["lowest"], row["highest"]) == ("A1", "A2")
    assert row["chi2"] == pytest.approx(4.7917, abs=1e-4) and row["dof"] == 2
    assert row["i2"] == pytest.approx((4.7917 - 2) / 4.7917, abs=1e-4)
    assert row["p_value"] == pytest.approx(math.exp(-4.7917 / 2), abs=1e-4)  # chi2(2) sf
    assert c.loc[("team", "greeting"), "groups"] == 2
    assert list(c.reset_index()["level"].drop_duplicates()) == ["agent_id", "team"]


def test_consistency_of_an_identical_rate_is_zero():
    same = [Report(f"t{i}", (StandardResult("greeting", Status.MET, 1.0),),
                   metadata={"agent_id": f"A{i}"}) for i in range(3)]
    row = consistency(reports_to_frame(same), "agent_id").iloc[0]
    assert (row["spread"], row["chi2"], row["i2"], row["p_value"]) == (0, 0, 0, 1)


# Weekly greeting: 4/5 (week of Mar 4), 1/3 (Mar 11), 1/2 (Mar 18).
# Slope weighted by n over steps 0, 1, 2: -1.2 / 6.1.
def test_trends_per_week_and_summary(frame):
    t = trends(frame, "week")
    g = t[t["standard_id"] == "greeting"]
    assert g["period"].tolist() == [pd.Timestamp(d) for d in
                                    ("2024-03-04", "2024-03-11", "2024-03-18")]
    assert list(zip(g["met"], g["n"], strict=True)) == [(4, 5), (1, 3), (1, 2)]
    s = trend_summary(t).set_index("standard_id").loc["greeting"]
    assert (s["periods"], s["first_rate"], s["last_rate"]) == (3, 0.8, 0.5)
    assert s["change"] == pytest.approx(-0.3)
    assert s["slope"] == pytest.approx(-1.2 / 6.1)
    by_team = trends(frame, "month", by="team")
    assert list(by_team.columns[:3]) == ["period", "team", "standard_id"]
    with pytest.raises(InputError, match="freq"):
        trends(frame, "fortnight")


def test_dates_with_mixed_offsets_still_group_by_week(frame):
    mixed = frame.assign(date=frame["date"] + "T10:00:00+02:00")
    mixed.loc[mixed["transcript_id"] == "a1-1", "date"] = "2024-03-04T10:00:00-05:00"
    assert compliance(mixed, "week")["week"].notna().all()


def test_scorecard_lists_the_weakest_first(frame):
    card = scorecard(frame)
    assert card["agent_id"].tolist() == ["A1", "A2", "B1"]
    assert card.iloc[0][["transcripts", "n", "met"]].tolist() == [4, 8, 5]
    assert card.iloc[0]["rate"] == pytest.approx(0.625)


def test_evidence_items_are_tidy(frame):
    items = evidence_items(frame)
    assert len(items) == 6 and set(items["status"]) == {"missed"}
    assert {"agent_id", "team", "date", "context", "start_char"} <= set(items.columns)
    assert len(evidence_items(frame, status=None, standard_id="closing")) == 10


def test_coaching_tips_from_a_mapping_and_from_the_built_in_packs():
    assert coaching_tips(TIPS) == TIPS
    tips = coaching_tips()
    assert "greeting" in tips and tips["greeting"]


def test_a_snippet_shows_the_words_that_fired_before_the_turns_searched():
    looked = {"turn_index": 0, "speaker": "agent", "start_char": 0, "end_char": 2, "text": "ok",
              "rule": "looked:first turns", "context": "ok"}
    hit = {"turn_index": 1, "speaker": "customer", "start_char": 4, "end_char": 10,
           "text": "fed up", "rule": "trigger:phrase:frustration", "context": "I'm fed up"}
    evidence = tuple(Evidence.from_dict(e) for e in (looked, hit))
    df = reports_to_frame([Report("t1", (StandardResult("empathy_on_complaint", Status.MISSED,
                                                        0.0, evidence),),
                                  metadata={"agent_id": "A"})])
    snippet = gaps(df, standards={}).iloc[0]["evidence"][0]
    assert [i["rule"] for i in snippet["items"]] == ["trigger:phrase:frustration",
                                                      "looked:first turns"]
    assert snippet["date"] is None


def test_a_snippet_tells_searched_turns_by_their_role():
    """The rule strings lie here; the roles decide which items come first."""
    looked = Evidence(0, "agent", 0, 2, "ok", rule="trigger:not this", context="ok",
                      role=EvidenceRole.SEARCHED, window=SearchedWindow("first turns", (0,)))
    hit = Evidence(1, "customer", 4, 10, "fed up", rule="looked:not this", context="I'm fed up",
                   role=EvidenceRole.TRIGGER, label="phrase:frustration")
    df = reports_to_frame([Report("t1", (StandardResult("empathy_on_complaint", Status.MISSED,
                                                        0.0, (looked, hit)),),
                                  metadata={"agent_id": "A"})])
    items = gaps(df, standards={}).iloc[0]["evidence"][0]["items"]
    assert [(i["role"], i["label"]) for i in items] == [("trigger", "phrase:frustration"),
                                                       ("searched", "")]
    assert items[1]["window"] == {"description": "first turns", "turns": [0]}


def test_evidence_items_number_turns_as_explanations_do(frame):
    items = evidence_items(frame, status=None)
    assert (items["turn_number"] == items["turn_index"] + 1).all()
    assert set(items["role"]) == {"match", "searched"}
    assert set(items.loc[items["role"] == "searched", "label"]) == {""}
