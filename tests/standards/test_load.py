from __future__ import annotations

import copy
import json

import pytest
import yaml
from pydantic import ValidationError

import csnlp
from csnlp.standards.load import load_standards
from csnlp.standards.schema import SCHEMA_PATH, render

MINIMAL = {
    "schema_version": 1,
    "name": "mini",
    "phrases": {"hellos": ["hello", "hi"]},
    "standards": [
        {"id": "greet", "check": "require", "title": "Greet", "window": {"first_turns": 1},
         "match": {"phrase_lists": ["hellos"]}},
    ],
}


def with_change(path: str, value):
    data = copy.deepcopy(MINIMAL)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return data


def test_packs_are_listed_and_load():
    assert {"contact_center", "sales"} <= set(csnlp.list_packs())
    cc = load_standards("contact_center")
    assert cc.ids == ("greeting", "agent_introduction", "customer_name", "empathy_on_complaint",
                      "polite_tone", "prohibited_language", "hold_etiquette", "resolution_check",
                      "further_assistance", "closing", "response_time")
    sales = load_standards("sales")
    assert sales.ids == cc.ids + ("upsell_offer",)
    assert all(s.coaching_tip for s in sales.standards)


def test_loaded_objects_are_frozen():
    s = load_standards("contact_center")["greeting"]
    with pytest.raises(ValidationError):
        s.weight = 5


def test_round_trip_through_yaml_gives_the_same_set(tmp_path):
    cc = load_standards("contact_center")
    path = tmp_path / "cc.yaml"
    path.write_text(yaml.safe_dump(cc.to_dict(), sort_keys=False))
    again = load_standards(path)
    assert again == cc and again.digest == cc.digest
    assert load_standards(cc.to_dict()).to_dict() == cc.to_dict()


def test_digest_changes_with_content():
    a = load_standards(MINIMAL)
    b = load_standards(with_change("standards.0.weight", 2))
    assert a.digest != b.digest and len(a.digest) == 64


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_change("standards.0.window", {"first_turns": 0}),
         "standards[0] (greet).window.first_turns: Input should be greater than or equal to 1"),
        (with_change("standards.0.colour", "red"), "standards[0] (greet).colour: Extra inputs are not permitted"),
        (with_change("standards.0.check", "telepathy"), "standards[0] (greet).check: unknown check kind 'telepathy'"),
        (with_change("standards.0.check", "requir"),
         "unknown check kind 'requir' (did you mean 'require'?); known kinds: customer_name, "
         "forbid, hold, require, respond, response_time, tone"),
        (with_change("standards.0.match", {"phrase_lists": ["nope"]}),
         "standards[0] (greet).match.phrase_lists: unknown phrase list 'nope'"),
        (with_change("standards.0.match", {"patterns": [[{"LOWER": "hi", "OP": "++"}]]}),
         "OP must be one of"),
        (with_change("standards.0.match", {"patterns": [[{"ORTH": {"REGEX": "(a+)+$"}}]]}),
         "unsafe regular expression"),
        (with_change("standards.0.match", {"phrases": ["hi"], "unless_regex": ["(x"]}),
         "invalid regular expression"),
        (with_change("standards.0.match", {"regex": ["(x"]}),
         "standards[0] (greet).match.regex: invalid regular expression"),
        (with_change("standards.0.match", {"regex": ["(\\w+)+$"]}), "unsafe regular expression"),
        (with_change("standards.0.weight", "heavy"), "standards[0] (greet).weight: Input should be a valid number"),
        (with_change("schema_version", 2), "schema_version: Input should be 1"),
        (with_change("standards.0.id", "Bad Id"), "standards[0] (Bad Id).id: String should match pattern"),
        (with_change("standards", [MINIMAL["standards"][0], MINIMAL["standards"][0]]),
         "duplicate standard id 'greet'"),
        (with_change("standards.0.match", {"patterns": [[{"ORTH": {"IN": [True]}}]]}),
         "values must be strings"),
    ],
    ids=["window-min", "unknown-key", "unknown-kind", "misspelt-kind", "unknown-list", "bad-op", "unsafe-regex",
         "invalid-regex", "invalid-rule-regex", "unsafe-rule-regex", "wrong-type", "schema-version", "bad-id", "duplicate-id", "yaml-bool"],
)
def test_errors_name_the_standard_and_field(data, message):
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(data)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_file_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nname: x\nstandards: [\n  {id: a\n")
    with pytest.raises(csnlp.StandardsError, match=r"bad\.yaml: line \d+"):
        load_standards(bad)
    with pytest.raises(csnlp.StandardsError, match="no such pack or file"):
        load_standards(tmp_path / "missing.yaml")


def test_extends_adds_and_overrides(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({
        "schema_version": 1, "name": "mine", "extends": "contact_center",
        "standards": [{"id": "greeting", "check": "require", "title": "Say hi",
                       "window": {"first_turns": 1}, "match": {"phrases": ["hiya"]}}]}))
    mine = load_standards(path)
    assert mine["greeting"].title == "Say hi" and "closing" in mine.ids
    assert len(mine.ids) == len(load_standards("contact_center").ids)


def test_published_json_schema_is_current():
    assert SCHEMA_PATH.read_text() == render(), (
        "run: python -m csnlp.standards.schema --out csnlp/schemas/standards.schema.json")


def test_packs_validate_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text())
    for name in csnlp.list_packs():
        jsonschema.validate(load_standards(name).to_dict(), schema)
    bad = load_standards("contact_center").to_dict()
    bad["standards"][0]["window"] = {"first_turns": 0}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def _standard(**fields):
    return {"schema_version": 1, "name": "mini", "standards": [{"id": "s", "title": "S", **fields}]}


HOLD_RULES = {"ask_or_explain": {"phrases": ["may i"]}, "thanks": {"phrases": ["thanks"]}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_standard(chek="require", match={"phrases": ["hi"]}),
         "standards[0] (s): unknown key 'chek'; did you mean 'check'?"),
        (_standard(match={"phrases": ["hi"]}),
         "standards[0] (s).check: missing: every standard names its check kind (customer_name, "),
        (_standard(check="require", match={"phrases": ["hi"]}, windw={"first_turns": 1}),
         "standards[0] (s).windw: Extra inputs are not permitted; did you mean 'window'?"),
        (_standard(check="require", match={"phrases": ["hi"]}, window={"first_turn": 1}),
         "standards[0] (s).window.first_turn: Extra inputs are not permitted; "
         "did you mean 'first_turns'?"),
        # a field named like a kind ("hold") used to vanish from the error's path
        (_standard(check="hold", hold={"phrasez": ["hold on"]}, **HOLD_RULES),
         "standards[0] (s).hold.phrasez: Extra inputs are not permitted; did you mean 'phrases'?"),
        ({**_standard(check="require", match={"phrases": ["hi"]}), "phrase": {}},
         "phrase: Extra inputs are not permitted; did you mean 'phrases'?"),
    ],
    ids=["misspelt-check", "missing-check", "misspelt-key", "misspelt-nested-key",
         "key-under-kind-named-field", "misspelt-top-key"],
)
def test_misspelt_keys_are_named_with_a_suggestion(data, message):
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(data)
    assert message in str(err.value)
    assert "None" not in str(err.value)


def _extends(tmp_path, standards):
    path = tmp_path / "tuned.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "tuned",
                                    "extends": "contact_center", "standards": standards}))
    return path


def test_extends_entry_without_check_patches_the_base_standard(tmp_path):
    pack = load_standards("contact_center")
    tuned = load_standards(_extends(tmp_path, [
        {"id": "response_time", "max_seconds": 10},
        {"id": "greeting", "window": {"first_turns": 3}, "classifier": {"threshold": 0.7}}]))
    assert tuned["response_time"].max_seconds == 10
    assert tuned["response_time"].min_share == pack["response_time"].min_share
    assert tuned["response_time"].title == pack["response_time"].title
    greeting = tuned["greeting"]
    assert greeting.window.first_turns == 3 and greeting.classifier.threshold == 0.7
    assert greeting.classifier.act == "greeting" and greeting.match == pack["greeting"].match
    assert tuned.ids == pack.ids  # patched standards keep their place


def test_extends_entry_with_check_still_replaces_the_whole_standard(tmp_path):
    tuned = load_standards(_extends(tmp_path, [
        {"id": "response_time", "check": "response_time", "title": "Quick", "max_seconds": 10}]))
    assert tuned["response_time"].max_seconds == 10
    assert tuned["response_time"].not_applicable_when == ()  # not kept from the base
    assert tuned.ids[-1] == "response_time"


def test_extends_patch_of_an_unknown_id_is_an_error_naming_it(tmp_path):
    with pytest.raises(csnlp.StandardsError, match=r"standards\[0\] \(respnse_time\).*no such "
                                             r"standard.*give `check:`"):
        load_standards(_extends(tmp_path, [{"id": "respnse_time", "max_seconds": 10}]))


def test_extends_patch_is_validated_like_the_base(tmp_path):
    with pytest.raises(csnlp.StandardsError, match=r"max_seconds"):
        load_standards(_extends(tmp_path, [{"id": "response_time", "max_seconds": -1}]))


def test_extends_same_id_patched_and_replaced_is_an_error(tmp_path):
    with pytest.raises(csnlp.StandardsError, match="both patched"):
        load_standards(_extends(tmp_path, [
            {"id": "closing", "window": {"last_turns": 3}},
            {"id": "closing", "check": "forbid", "title": "No", "match": {"phrases": ["x"]}}]))


def test_skip_goodbyes_goes_with_last_turns():
    from csnlp.standards.spec import WindowSpec

    assert WindowSpec(last_turns=3, skip_goodbyes=True).skip_goodbyes
    with pytest.raises(ValueError, match="skip_goodbyes goes with last_turns"):
        WindowSpec(first_turns=2, skip_goodbyes=True)


def test_the_schema_command_prints_and_writes_only_where_told(tmp_path, capsys):
    from csnlp.standards.schema import main

    assert main([]) == 0
    printed = capsys.readouterr().out
    assert printed == render()
    out = tmp_path / "schema.json"
    assert main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render()
