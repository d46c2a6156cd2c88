"""Hostile standards files are refused quickly with a bounded StandardsError naming the file."""

from __future__ import annotations

import os

import pytest
import yaml

import csnlp
from csnlp.errors import describe
from csnlp.standards import load as load_module
from csnlp.standards.load import load_standards

GOOD = """schema_version: 1
name: mini
phrases:
  hellos: [hello, hi]
standards:
  - {id: greet, check: require, title: Grüß, window: {first_turns: 1},
     match: {phrase_lists: [hellos]}}
"""
OWN_STANDARD = "standards: [{id: a, check: require, title: A, match: {phrases: [hi]}}]\n"


def _bomb(levels: int, width: int) -> str:
    lines = ["schema_version: 1", "name: bomb", f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"standards: [*a{levels - 1}]", ""])


@pytest.fixture
def constructions(monkeypatch):
    """How many documents the YAML loader went on to build (0: refused from the node graph)."""
    calls = []
    loader = load_module._SAFE_LOADER
    original = loader.construct_document
    monkeypatch.setattr(loader, "construct_document",
                        lambda self, node: calls.append(node) or original(self, node))
    return calls


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (60, 2)], ids=["9^9", "2^60"])
def test_alias_bomb_is_refused_before_it_is_built(tmp_path, constructions, levels, width):
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(levels, width))
    with pytest.raises(csnlp.StandardsError, match="alias bomb") as err:
        load_standards(path)
    assert str(err.value).startswith(f"{path.resolve()}: line ")
    assert constructions == [] and len(str(err.value)) < 300


def test_a_few_aliases_still_load(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(GOOD.replace("hellos: [hello, hi]", "hellos: &h [hello, hi]\n  more: *h"))
    assert load_standards(path).phrases["more"] == ("hello", "hi")


def test_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("schema_version: 1\nname: loop\nstandards: &s [*s]\n")
    with pytest.raises(csnlp.StandardsError, match="recursive YAML alias"):
        load_standards(path)


def test_a_key_given_twice_is_refused_by_line(tmp_path):
    """YAML keeps the last of two equal keys: the first rule list would never run, unseen."""
    path = tmp_path / "twice.yaml"
    path.write_text(GOOD.replace("match: {phrase_lists: [hellos]}",
                                 "match: {phrase_lists: [hellos], regex: ['hey'], regex: ['yo']}"))
    with pytest.raises(csnlp.StandardsError, match=r"line 7: key 'regex' is given twice"):
        load_standards(path)


def test_a_merge_key_and_equal_keys_in_different_mappings_still_load(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text(
        "schema_version: 1\nname: merged\nphrases:\n  hellos: [hello]\n"
        "standards:\n"
        "  - &base {id: a, check: require, title: A, match: {phrase_lists: [hellos]}}\n"
        "  - {<<: *base, id: b, title: B}\n")
    assert [s.id for s in load_standards(path).standards] == ["a", "b"]


def test_describe_reads_only_what_it_shows():
    seen = []

    class Loud:
        def __repr__(self):
            seen.append(self)
            return "loud"

    assert describe([Loud() for _ in range(10_000)]) .startswith("[loud, loud")
    assert len(seen) < 20
    assert describe({"a": [1, (2,)], "b": set()}) == repr({"a": [1, (2,)], "b": set()})


@pytest.mark.parametrize("data", [
    {"schema_version": 1, "name": "x", "phrases": {f"Bad {i}": ["x"] for i in range(500)},
     "standards": [{"id": "a", "check": "require", "title": "A", "match": {"phrases": ["hi"]}}]},
    {"schema_version": 1, "name": "x", "standards": [
        {"id": "a" * 100_000, "check": "z" * 100_000, "title": "A"}]},
    {"schema_version": 1, "name": "x", "standards": [
        {"id": "a", "check": "require", "title": "A",
         "match": {"patterns": [[{"LOWER": "hi", "OP": "+" * 100_000}]]}}]},
], ids=["500-errors", "huge-id-and-kind", "huge-op"])
def test_error_messages_are_bounded(data):
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(data)
    assert len(str(err.value)) < 3_000


@pytest.mark.parametrize("value", ["/etc/passwd", "../outside.yaml", "sub/../../outside.yaml",
                                   "link/outside.yaml"],
                         ids=["absolute", "dotdot", "dotdot-in-sub", "symlink-out"])
def test_extends_is_limited_to_packs_and_the_files_folder(tmp_path, value):
    (tmp_path / "outside.yaml").write_text(GOOD)
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    os.symlink(tmp_path, folder / "link")
    path = folder / "mine.yaml"
    path.write_text(f"schema_version: 1\nname: e\nextends: {value}\n{OWN_STANDARD}")
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(path)
    message = str(err.value)
    assert message.startswith(f"{path}: extends: {value!r}")
    assert "hello" not in message


def test_extends_a_file_beside_or_below_loads(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_text(GOOD)
    path = tmp_path / "mine.yaml"
    path.write_text(f"schema_version: 1\nname: e\nextends: sub/base.yaml\n{OWN_STANDARD}")
    assert load_standards(path).ids == ("greet", "a")


def test_extends_never_echoes_the_other_files_content(tmp_path):
    (tmp_path / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "config.yaml").write_text(
        "password: hunter2\nschema_version: 1\nname: c\n" + OWN_STANDARD.replace(
            "title: A", "title: A, weight: hunter3"))
    for target in ("secret.txt", "config.yaml"):
        path = tmp_path / f"extends-{target}.yaml"
        path.write_text(f"schema_version: 1\nname: e\nextends: {target}\n{OWN_STANDARD}")
        with pytest.raises(csnlp.StandardsError) as err:
            load_standards(path)
        message = str(err.value)
        assert message.startswith(f"{path}: extends: {target!r}: {tmp_path / target}")
        assert "root:" not in message and "hunter" not in message


def test_extends_cycle_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(f"schema_version: 1\nname: a\nextends: b.yaml\n{OWN_STANDARD}")
    (tmp_path / "b.yaml").write_text(f"schema_version: 1\nname: b\nextends: a.yaml\n{OWN_STANDARD}")
    with pytest.raises(csnlp.StandardsError, match="leads back to this file"):
        load_standards(tmp_path / "a.yaml")


def test_a_dict_extends_only_packs(tmp_path):
    (tmp_path / "base.yaml").write_text(GOOD)
    data = yaml.safe_load(f"schema_version: 1\nname: e\n{OWN_STANDARD}")
    with pytest.raises(csnlp.StandardsError, match="is not a built-in pack"):
        load_standards({**data, "extends": str(tmp_path / "base.yaml")})
    assert "greeting" in load_standards({**data, "extends": "contact_center"}).ids


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_bom_and_utf16_files_load(tmp_path, encoding):
    path = tmp_path / f"{encoding}.yaml"
    path.write_bytes(GOOD.encode(encoding))
    loaded = load_standards(path)
    assert loaded.ids == ("greet",) and loaded["greet"].title == "Grüß"


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "not a text file"),
    (bytes(range(256)) * 4, "not a text file"),
    (GOOD.encode("latin-1"), "not a text file (read as UTF-8, byte 0xfc at offset"),
    (b"schema_version: 1\nname: \x01\n", "line 2, column 7: invalid YAML: character U+0001"),
    (b"schema_version: 1\nname: [x\n", "invalid YAML"),
    (b"a: 1\n---\nb: 2\n", "line 2, column 1: invalid YAML"),
    (b"a: !!python/object:os.system [ls]\n", "line 1, column 4: invalid YAML"),
    (b"schema_version: 1\nname: x\nv: " + b"1" * 5000 + b"\n", "invalid YAML value"),
    (b"name: 2001-13-45\n", "invalid YAML value: month must be in 1..12"),
    (b"- root:x:0:0\n", "expected a mapping at the top, got a list"),
    (b"", "empty; expected a mapping"),
], ids=["png", "bytes", "latin-1", "control-char", "syntax", "two-documents", "python-tag",
        "huge-int", "bad-date", "list", "empty"])
def test_every_decode_or_parse_problem_names_the_file(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(path)
    assert str(err.value).startswith(f"{path.resolve()}:")
    assert message in str(err.value)
    assert "root:" not in str(err.value)


def test_large_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(GOOD)
    with pytest.raises(csnlp.StandardsError, match="big.yaml: larger than"):
        load_standards(path)


def test_unreadable_file_names_the_file(tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file")
        with pytest.raises(csnlp.StandardsError, match="locked.yaml: cannot be read"):
            load_standards(path)
    finally:
        path.chmod(0o644)
