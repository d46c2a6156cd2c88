"""csnlp.agreement: figures equal scikit-learn's, exact disagreements, forms, synonyms, errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score, confusion_matrix

import csnlp
from csnlp.calibration import agreement, read_labels
from csnlp.calibration.agreement import bootstrap_kappa, kappa_from_confusion
from csnlp.errors import InputError
from csnlp.results import Report

from .conftest import STANDARDS, VERDICTS, labels_from, to_wide


def _expected(frame: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """The pairs the test expects to be scored: labelled, with a non-error machine verdict."""
    machine = frame[["transcript_id", "standard_id", "status"]].rename(columns={"status": "m"})
    pairs = labels.rename(columns={"status": "h"}).merge(machine, on=["transcript_id",
                                                                      "standard_id"])
    return pairs[pairs["m"] != "error"]


def test_per_standard_figures_equal_sklearn(frame, labels):
    result = agreement(frame, labels)
    pairs = _expected(frame, labels)
    table = result.table.set_index("standard_id")
    assert list(table.index) == list(STANDARDS)
    for sid in STANDARDS:
        mine = pairs[pairs["standard_id"] == sid]
        row = table.loc[sid]
        assert row["n"] == len(mine)
        assert row["agreement"] == pytest.approx((mine["h"] == mine["m"]).mean())
        assert row["kappa"] == pytest.approx(cohen_kappa_score(mine["h"], mine["m"]))
        assert row["kappa_low"] <= row["kappa"] <= row["kappa_high"]
        want = confusion_matrix(mine["h"], mine["m"], labels=list(VERDICTS)).tolist()
        assert result.confusion[sid] == want
    assert result.overall["kappa"] == pytest.approx(cohen_kappa_score(pairs["h"], pairs["m"]))
    assert result.overall["n"] == len(pairs)


def test_disagreement_count_is_exact_and_carries_the_machine_side(frame, labels):
    result = agreement(frame, labels)
    pairs = _expected(frame, labels)
    want = pairs[pairs["h"] != pairs["m"]]
    assert len(result.disagreements) == len(want) > 0
    assert int(result.table["disagreements"].sum()) == len(want)
    got = set(zip(result.disagreements["transcript_id"], result.disagreements["standard_id"],
                  strict=True))
    assert got == set(zip(want["transcript_id"], want["standard_id"], strict=True))
    first = result.disagreements.iloc[0]
    assert first["explanation"].startswith(first["standard_id"])
    if first["machine"] != "not_applicable":
        assert first["evidence"][0]["text"] == "hello"


def test_machine_errors_are_counted_apart(frame, labels):
    result = agreement(frame, labels)
    errors = frame[(frame["status"] == "error") & frame["standard_id"].notna()]
    assert result.table.set_index("standard_id").loc["closing", "errors"] == len(errors) > 0
    failed = Report.failed("call-000", "boom")
    with_failure = pd.concat([frame[frame["transcript_id"] != "call-000"],
                              csnlp.reports_to_frame([failed])], ignore_index=True)
    again = agreement(with_failure, labels)
    assert again.overall["errors"] == result.overall["errors"] + 3
    assert again.overall["n"] == result.overall["n"] - 3


def test_long_and_wide_forms_give_the_same_result(tmp_path, frame, labels):
    long = agreement(frame, labels)
    wide_frame = to_wide(labels)
    wide_csv = tmp_path / "wide.csv"
    wide_frame.to_csv(wide_csv, index=False)
    long_parquet = tmp_path / "long.parquet"
    labels.to_parquet(long_parquet)
    for other in (wide_frame, wide_csv, long_parquet):
        got = agreement(frame, other)
        pd.testing.assert_frame_equal(got.table, long.table)
        assert got.to_dict()["disagreements"] == long.to_dict()["disagreements"]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".csv"], ids=["jsonl", "parquet", "csv"])
def test_results_files_give_the_same_figures(tmp_path, reports, frame, labels, suffix):
    path = tmp_path / f"results{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(r.to_json() + "\n" for r in reports), encoding="utf-8")
    elif suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path)
    got, want = agreement(path, labels), agreement(frame, labels)
    pd.testing.assert_frame_equal(got.table, want.table)
    assert got.to_dict()["disagreements"] == want.to_dict()["disagreements"]


SYNONYMS = {"met": ["met", "MET", " Pass ", "passed", "yes", "Y", "true", "1", "ok"],
            "missed": ["missed", "Not Met", "FAIL", "failed", "no", "n", "False", "0"],
            "not_applicable": ["not_applicable", "Not applicable", "N/A", "na", "NA", "-"]}


@pytest.mark.parametrize("status", list(SYNONYMS), ids=list(SYNONYMS))
def test_status_synonyms_from_a_csv(tmp_path, status):
    words = SYNONYMS[status]
    path = tmp_path / "labels.csv"
    lines = ["transcript_id,standard_id,status"] + [f"c{i},greeting,{w}"
                                                     for i, w in enumerate(words)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_labels(path)["human"].tolist() == [status] * len(words)


def test_typed_cells_from_parquet_and_frames(tmp_path):
    df = pd.DataFrame({"transcript_id": [1, 2, 3], "greeting": [True, False, None],
                       "closing": [1.0, 0.0, np.nan]})
    df.to_parquet(tmp_path / "l.parquet")
    got = read_labels(tmp_path / "l.parquet")
    assert got[["transcript_id", "standard_id", "human"]].values.tolist() == [
        ["1", "closing", "met"], ["1", "greeting", "met"],
        ["2", "closing", "missed"], ["2", "greeting", "missed"]]


def test_a_bad_status_names_the_file_row_and_value(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("transcript_id,standard_id,status\nc1,greeting,met\nc2,greeting,maybe\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"labels\.csv, row 2 \(line 3\): cannot read status "
                                         r"'maybe'; expected met, missed or not_applicable"):
        read_labels(path)
    wide = tmp_path / "wide.csv"
    wide.write_text("transcript_id,greeting,closing\nc1,yes,\nc2,no,sometimes\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"wide\.csv, row 2 \(line 3\), column 'closing': "
                                         "cannot read status 'sometimes'"):
        read_labels(wide)


@pytest.mark.parametrize(("text", "message"), [
    ("transcript_id,standard_id,status\nc1,greeting,\n", "row 1 .*cannot read status ''"),
    ("transcript_id,standard_id,status\n,greeting,met\n", "row 1 .*empty transcript_id"),
    ("transcript_id,standard_id\nc1,greeting\n", "no column 'status'"),
    ("transcript_id\nc1\n", "no standard columns"),
    ("transcript_id,standard_id,status\nc1,greeting,met\nc1,greeting,no\n",
     "rows 1 and 2 labels the same"),
], ids=["blank-long-status", "empty-id", "no-status", "no-standards", "duplicate"])
def test_bad_label_files_name_the_place(tmp_path, text, message):
    path = tmp_path / "labels.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_labels(path)


def test_unreadable_label_files(tmp_path):
    with pytest.raises(InputError, match="no such labels file"):
        read_labels(tmp_path / "missing.csv")
    (tmp_path / "l.xlsx").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="unknown labels format '.xlsx'"):
        read_labels(tmp_path / "l.xlsx")


def test_ids_on_one_side_only_are_counted_and_listed(frame, labels):
    extra = pd.DataFrame({"transcript_id": ["ghost-1", "call-001"],
                          "standard_id": ["greeting", "greting"], "status": ["met", "met"]})
    some = labels[labels["transcript_id"] != "call-059"]
    result = agreement(frame, pd.concat([some, extra], ignore_index=True))
    u = result.to_dict()["unmatched"]
    assert u["transcripts_labels_only"] == ["ghost-1"]
    assert u["transcripts_results_only"] == ["call-059"]
    assert u["standards_labels_only"] == ["greting"]
    table = result.table.set_index("standard_id")
    assert table.loc["greeting", "labels_only"] == 1 and table.loc["greting", "labels_only"] == 1
    assert table.loc["greting", "n"] == 0 and table.loc["greeting", "results_only"] == 1
    assert result.overall["labels_only"] == 2


def test_undefined_kappa_is_null_with_a_note():
    res = pd.DataFrame({"transcript_id": ["a", "b"], "standard_id": ["greeting"] * 2,
                        "status": ["met", "met"]})
    result = agreement(res, pd.DataFrame({"transcript_id": ["a", "b"], "greeting": ["y", "y"]}))
    row = result.to_dict()["standards"][0]
    assert row["kappa"] is None and row["kappa_ci"] == [None, None]
    assert row["agreement"] == 1.0 and "only 'met'" in row["note"]
    json.dumps(result.to_dict(), allow_nan=False)


def test_json_contract(frame, labels):
    d = agreement(frame, labels).to_dict()
    json.dumps(d, allow_nan=False)
    assert {"standards", "overall", "disagreements"} <= set(d) and "inter_rater" not in d
    for s in d["standards"]:
        assert list(s)[:6] == ["standard_id", "n", "agreement", "kappa", "kappa_ci", "confusion"]
        assert len(s["kappa_ci"]) == 2 and len(s["confusion"]["matrix"]) == 3
    assert {"n", "agreement", "kappa"} <= set(d["overall"])
    assert {"transcript_id", "standard_id", "machine", "human", "explanation",
            "evidence"} <= set(d["disagreements"][0])


def test_two_reviewers_give_inter_rater_figures(frame, labels):
    other = labels_from(frame, flip=0.15, seed=99, reviewer="bo")
    both = pd.concat([labels.assign(reviewer="al"), other], ignore_index=True)
    result = agreement(frame, both)
    inter = result.to_dict()["inter_rater"]
    assert inter["reviewers"] == ["al", "bo"]
    machine = frame.set_index(["transcript_id", "standard_id"])["status"]
    for s in inter["standards"]:
        a = labels[labels["standard_id"] == s["standard_id"]].set_index("transcript_id")["status"]
        b = other[other["standard_id"] == s["standard_id"]].set_index("transcript_id")["status"]
        assert s["kappa"] == pytest.approx(cohen_kappa_score(a, b.loc[a.index]))
        assert s["items"] == len(a)
        vs = {m["reviewer"]: m for m in s["machine_vs_reviewer"]}
        m = machine.xs(s["standard_id"], level="standard_id").loc[a.index]
        ok = m != "error"
        assert vs["al"]["kappa"] == pytest.approx(cohen_kappa_score(a[ok], m[ok]))
        ties = int(((a != b) & ok).sum())  # two reviewers who differ have no majority
        assert s["machine_vs_majority"]["no_majority"] == int((a != b).sum())
        assert s["machine_vs_majority"]["n"] == int(ok.sum()) - ties
    assert "reviewer_kappa" in result.table.columns
    assert result.overall["n"] == 2 * agreement(frame, labels).overall["n"]
    only_al = agreement(frame, both, reviewer="al")
    pd.testing.assert_frame_equal(only_al.table.drop(columns=["reviewer_kappa",
                                                              "majority_kappa"]),
                                  agreement(frame, labels).table.assign(
                                      results_only=only_al.table["results_only"]))
    with pytest.raises(InputError, match="no labels by reviewer 'cy'"):
        agreement(frame, both, reviewer="cy")


def test_bootstrap_is_seeded_and_its_kappa_is_sklearns():
    rng = np.random.default_rng(3)
    h = rng.integers(0, 3, 200)
    m = np.where(rng.random(200) < 0.7, h, rng.integers(0, 3, 200))
    assert bootstrap_kappa(h, m, seed=1) == bootstrap_kappa(h, m, seed=1)
    assert bootstrap_kappa(h, m, seed=1) != bootstrap_kappa(h, m, seed=2)
    lo, hi = bootstrap_kappa(h, m, seed=1)
    assert lo < cohen_kappa_score(h, m) < hi
    naive = []
    for _ in range(400):  # the textbook bootstrap: resample items, kappa by scikit-learn
        idx = rng.integers(0, 200, 200)
        naive.append(cohen_kappa_score(h[idx], m[idx]))
        cm = confusion_matrix(h[idx], m[idx], labels=[0, 1, 2])
        assert kappa_from_confusion(cm) == pytest.approx(naive[-1])
    assert np.percentile(naive, [2.5, 97.5]) == pytest.approx([lo, hi], abs=0.04)


def test_lazy_public_name():
    assert csnlp.agreement is agreement
