"""The blame model's training (`csnlp.calibration.blame`): weak turn labels from the reviewers'
notes, the threshold chosen against first-run verdicts, saving and loading."""

from __future__ import annotations

import csv

import pytest
import yaml

from csnlp.calibration import blame
from csnlp.errors import InputError
from csnlp.ml.tone import ToneModel


def test_only_quotes_in_sentences_about_blame_label_turns():
    note = ("'Good morning' greets. 'you should have read the leaflet' blames the customer; "
            "'hold on' asks for the wait. The brush-off 'not my department' is dismissive. "
            "'rude' alone is one word.")
    assert blame.quoted_blame(note) == ["you should have read the leaflet", "not my department"]


def _transcript(*agent: str) -> dict:
    turns = []
    for text in agent:
        turns += [{"speaker": "customer", "text": "hi"}, {"speaker": "agent", "text": text}]
    return {"turns": turns}


def test_turn_rows_by_the_reviewers_label():
    t = _transcript("Hello there.", "Well, you should’ve read the leaflet.")
    note = "'you should've read the leaflet' blames the customer."
    assert blame.turn_rows(t, {"prohibited_language": "missed"}, note) == [
        ("Well, you should’ve read the leaflet.", 1)]
    assert blame.turn_rows(t, {"prohibited_language": "met"}, note) == [
        ("Hello there.", 0), ("Well, you should’ve read the leaflet.", 0)]
    assert blame.turn_rows(t, {"prohibited_language": "not_applicable"}, note) == []
    assert blame.turn_rows(t, {}, note) == []


_BLAMING = ["you entered the code wrong, that's on you", "you should have read the terms",
            "that's your fault for not checking", "you clearly didn't read the email",
            "you must have typed it wrong", "not our problem, you picked the wrong date"]
_COURTEOUS = ["thanks for waiting, I've fixed it", "sorry about that, it's sorted now",
              "happy to help, anything else?", "I've refunded the fee for you",
              "let me check that for you", "the parcel arrives tomorrow"]


def _wave(folder, n: int, *, seed: int) -> None:
    cases = []
    for k in range(6):
        bad = _BLAMING[(k + seed) % len(_BLAMING)]
        good = _COURTEOUS[(k + seed) % len(_COURTEOUS)]
        cases.append({"name": f"bad{k}", "transcript": _transcript(good, bad),
                      "expect": {"prohibited_language": "missed"},
                      "note": f"'{bad}' blames the customer."})
        cases.append({"name": f"good{k}", "transcript": _transcript(good, "bye now"),
                      "expect": {"prohibited_language": "met"}, "note": "Fine."})
    (folder / f"calls{n}.yaml").write_text(yaml.safe_dump({"cases": cases}))


def test_training_saves_a_model_with_the_first_run_threshold(tmp_path):
    dev = tmp_path / "dev"
    dev.mkdir()
    for n in (1, 2, 3):
        _wave(dev, n, seed=n)
    first = tmp_path / "first.csv"
    with first.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "case", "first_run_status"])
        for n in (1, 2, 3):
            for k in range(6):
                w.writerow([f"calls{n}", f"bad{k}", "met"])
                w.writerow([f"calls{n}", f"good{k}", "met"])
    meta = blame.train(dev, tmp_path / "model", first_run=first, log=None)
    table = meta["first_run"]
    assert [r["threshold"] for r in table] == list(blame.THRESHOLDS)
    # every conversation the rules met is in the pool: 18 blaming, 18 not
    assert all(0 <= r["fixed"] <= 18 and 0 <= r["broken"] <= 18 for r in table)
    assert meta["threshold"] == blame.choose(table)
    assert max(r["fixed"] for r in table) > 0  # the model finds blaming it was not trained on
    model = ToneModel.load(tmp_path / "model")
    assert list(model.labels) == ["blaming"]
    assert model.thresholds["blaming"] == pytest.approx(meta["threshold"])
    p = model.predict_proba(["you typed it wrong, that's on you", "thanks, happy to help"])
    assert p[0, 0] > p[1, 0]


def test_the_threshold_weighs_a_wrong_accusation_more():
    table = [{"threshold": 0.9, "fixed": 10, "broken": 6, "score": 10 - 1.5 * 6},
             {"threshold": 0.95, "fixed": 8, "broken": 2, "score": 8 - 1.5 * 2}]
    assert blame.choose(table) == 0.95
    table[1]["score"] = table[0]["score"]
    assert blame.choose(table) == 0.95  # a tie keeps the stricter one


def test_held_out_clerk_turns_read_as_blaming_cost_as_broken_verdicts():
    table = [{"threshold": 0.97, "fixed": 12, "broken": 2, "score": 12 - 1.5 * 2,
              "public_flags": 6},
             {"threshold": 0.99, "fixed": 9, "broken": 1, "score": 9 - 1.5 * 1,
              "public_flags": 0}]
    assert blame.choose(table) == 0.99  # 9 - 1.5 x 2 = 7.5 - 0 against 12 - 3 - 9 = 0
    for row in table:
        row["public_flags"] = 0
    assert blame.choose(table) == 0.97


def test_the_public_clerk_turns_are_the_turns_the_model_reads(shared_data):
    train = blame.public_clerk_turns(shared_data, "train")
    test = blame.public_clerk_turns(shared_data, "test")
    assert len(train) > 1000 and len(test) > 1000
    assert all(blame._ADDRESSED.search(t) for t in train[:200] + test[:200])
    assert not set(train) >= set(test)  # the test splits are other dialogues


def test_negatives_lower_the_blame_read_in_plain_clerk_wording(tmp_path):
    dev = tmp_path / "dev"
    dev.mkdir()
    for n in (1, 2):
        _wave(dev, n, seed=n)
    cases = blame.labelled_cases(dev)
    clerk = ["their fee is not known by our system, you could ring them",
             "they do not have parking, you would need the town car park"] * 20
    plain = blame.fit(cases)[0]
    taught = blame.fit(cases, negatives=clerk)[0]
    probe = ["their opening time is not known by our system, you could ring them"]
    assert taught.predict_proba(probe)[0, 0] < plain.predict_proba(probe)[0, 0]


def test_bad_input_is_named(tmp_path, capsys):
    with pytest.raises(InputError, match="no .yaml files"):
        blame.labelled_cases(tmp_path)
    bad = tmp_path / "first.csv"
    bad.write_text("file,name\ncalls1,x\n")
    with pytest.raises(InputError, match="first_run_status"):
        blame.read_first_run(bad)
    assert blame.main(["--devsets", str(tmp_path), "--out", str(tmp_path / "m")]) == 2
    assert "no .yaml files" in capsys.readouterr().err
