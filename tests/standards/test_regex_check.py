"""The static regex check refuses catastrophic-backtracking shapes and keeps ordinary patterns."""

from __future__ import annotations

import pytest

import csnlp
from csnlp.standards.load import iter_rules, load_standards
from csnlp.standards.regex_check import regex_hazard
from csnlp.standards.spec import check_regex

HOSTILE = {
    "nested-group": r"((a)+)+$",
    "nested": r"(a+)+",
    "nested-noncapturing": r"(?:\d+)*$",
    "nested-bounded-inner": r"(a{1,3}){1,100}",
    "word-space-groups": r"(\w+\s?)+$",
    "same-alternatives": r"(a|a)+$",
    "prefix-alternatives": r"(a|aa)+$",
    "class-alternatives": r"(\w|\d)+",
    "three-alternatives": r"(?:a|b|ab)*c",
    "empty-alternative": r"(x|y|)+z",
    "local-ignorecase": r"(?i:a|A)+",
    "seven-stars": r"a*a*a*a*a*a*a*b",
    "three-dot-stars": r".*.*.*x",
    "two-dot-stars": r".*.*x",
    "overlapping-classes": r"[\w\d]+\d*\w+",
    "backreference": r"(a)\1",
    "named-backreference": r"(?P<x>a)(?P=x)",
}

BENIGN = {
    "word": r"\bsorry\b",
    "bounded-group": r"^\W*(?:(?:i'm|i am|oh|um|uh)\W\W?){0,4}sorry\W*\?\W*$",
    "alternation": r"sorry\W+(?:what\W*$|what (?:was|did) (?:that|it)\b|what .{0,40}again\W*$)",
    "phone": r"(?:\d{3}-){2}\d{4}",
    "two-words": r"\w+\s+\w+",
    "factored": r"(ca(t|r))+",
    "email": r"^\S+@\S+\.\w+$",
    "separated-stars": r".*foo.*bar",
    "disjoint-alternatives": r"(a|b)+",
    "optional-group": r"\d+(?:\.\d+)?",
    "atomic": r"(?>a+)+b",
    "class": r"[\w.-]+",
}


@pytest.mark.parametrize("pattern", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_patterns_are_refused(pattern):
    assert regex_hazard(pattern)
    with pytest.raises(ValueError, match="unsafe regular expression"):
        check_regex(pattern)


@pytest.mark.parametrize("pattern", BENIGN.values(), ids=BENIGN.keys())
def test_benign_patterns_pass(pattern):
    assert regex_hazard(pattern) is None
    assert check_regex(pattern) == pattern


def test_shipped_pack_regexes_pass():
    found = []
    for pack in csnlp.list_packs():
        for spec in load_standards(pack).standards:
            for _, rule in iter_rules(spec):
                found += list(rule.unless_regex)
                found += [v["REGEX"] for pattern in rule.patterns for token in pattern
                          for v in token.values() if isinstance(v, dict) and "REGEX" in v]
    assert found, "the packs hold regexes"
    assert [p for p in found if regex_hazard(p)] == []


@pytest.mark.parametrize("field", ["unless_regex", "token"])
def test_refusal_names_standard_field_and_pattern(field):
    pattern = "(a|aa)+$" + "b" * 250  # long: the message shows a bounded preview
    match = ({"phrases": ["hi"], "unless_regex": [pattern]} if field == "unless_regex"
             else {"patterns": [[{"LOWER": {"REGEX": pattern}}]]})
    data = {"schema_version": 1, "name": "mini", "standards": [
        {"id": "greet", "check": "require", "title": "Greet", "match": match}]}
    with pytest.raises(csnlp.StandardsError) as err:
        load_standards(data)
    message = str(err.value)
    assert "standards[0] (greet).match" in message
    assert "unsafe regular expression '(a|aa)+$bbb" in message
    assert pattern not in message and len(message) < 600


def test_a_bad_type_in_a_token_is_a_standards_error():
    data = {"schema_version": 1, "name": "mini", "standards": [
        {"id": "greet", "check": "require", "title": "Greet",
         "match": {"patterns": [[{"LOWER": {"IN": 5}, "OP": ["+"]}]]}}]}
    with pytest.raises(csnlp.StandardsError, match="standards\\[0\\] \\(greet\\).match"):
        load_standards(data)


@pytest.mark.parametrize("pattern, hazard", [
    (r"(?i)\b[a-zß]+\b", False),  # "ß".upper() is "SS": two characters, not one to probe
    (r"(?i)\bstra(?:ß|ss)e\b", False),
    (r"(?i)(?:[a-zß]+)+x", True),
])
def test_a_letter_whose_case_is_two_letters_is_judged_not_crashed(pattern, hazard):
    assert bool(regex_hazard(pattern)) is hazard
