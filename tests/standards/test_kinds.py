"""The check-kind registry: one module per built-in kind, plug-ins before validation, old names."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import csnlp
import csnlp.detectors.kinds as kind_package
from csnlp.detectors.base import Detector
from csnlp.standards import kinds as registry
from csnlp.standards.spec import StandardBase

REPO = Path(__file__).resolve().parents[2]
OLD_DETECTORS = {"require": "RequireDetector", "forbid": "ForbidDetector",
                 "respond": "RespondDetector", "hold": "HoldDetector", "tone": "ToneDetector",
                 "response_time": "ResponseTimeDetector", "customer_name": "CustomerNameDetector"}
OLD_SPECS = {"require": "RequireSpec", "forbid": "ForbidSpec", "respond": "RespondSpec",
             "hold": "HoldSpec", "tone": "ToneSpec", "response_time": "ResponseTimeSpec",
             "customer_name": "CustomerNameSpec"}
MINIMAL = {"schema_version": 1, "name": "n", "standards": [
    {"id": "greet", "check": "require", "title": "Greet", "match": {"phrases": ["hi"]}}]}
KIND_MODULES = sorted(m.name for m in pkgutil.iter_modules(kind_package.__path__))


@pytest.fixture
def scratch_registry(monkeypatch):
    """The registry as loaded, restored after the test (fake kinds must not leak)."""
    registry.load_kinds()
    monkeypatch.setattr(registry, "_KINDS", dict(registry._KINDS))
    monkeypatch.setattr(registry, "_STATE", dict(registry._STATE))
    return registry


def test_the_built_in_kinds_are_the_modules_of_one_package():
    assert KIND_MODULES == sorted(OLD_DETECTORS)
    builtin = {k: v for k, v in registry.kinds().items() if v.builtin}
    assert sorted(builtin) == KIND_MODULES


@pytest.mark.parametrize("name", KIND_MODULES, ids=KIND_MODULES)
def test_each_kind_module_holds_its_spec_detector_and_docs(name):
    module = importlib.import_module(f"csnlp.detectors.kinds.{name}")
    kind = registry.get_kind(name)
    assert kind.spec.__module__ == kind.detector.__module__ == module.__name__
    assert issubclass(kind.spec, StandardBase) and issubclass(kind.detector, Detector)
    assert kind.detector.kind == name and kind.detector.spec is kind.spec
    assert kind.spec.model_fields["check"].default == name
    # the docs: what it checks, its options and a YAML example naming the kind
    assert module.__doc__.startswith(f"`check: {name}`") and f"check: {name}\n" in module.__doc__


def test_old_import_paths_still_work():
    from csnlp.detectors import DETECTORS, get_detector, register
    from csnlp.detectors.registry import load_plugins

    load_plugins()
    for kind, name in OLD_DETECTORS.items():
        cls = getattr(importlib.import_module("csnlp.detectors.kinds"), name)
        assert get_detector(kind) is cls and DETECTORS[kind] is cls
    assert callable(register)
    spec_module = importlib.import_module("csnlp.standards.spec")
    with pytest.warns(DeprecationWarning, match="SPEC_KINDS"):
        spec_kinds = spec_module.SPEC_KINDS
    for kind, name in OLD_SPECS.items():
        with pytest.warns(DeprecationWarning, match=f"moved to csnlp.detectors.kinds.{kind}"):
            model = getattr(spec_module, name)
        assert spec_kinds[kind] is model is registry.get_kind(kind).spec
    with pytest.warns(DeprecationWarning):
        assert spec_module.TriggerSpec.__name__ == "TriggerSpec"
    with pytest.raises(AttributeError):
        spec_module.NoSuchSpec  # noqa: B018


def test_register_refuses_a_second_detector_for_a_kind(scratch_registry):
    from csnlp.detectors import register

    with pytest.raises(ValueError, match="already registered by csnlp.detectors.kinds.require"):
        @register("require")
        class Another(Detector):
            spec = registry.get_kind("require").spec
    with pytest.raises(ValueError, match="needs a `spec`"):
        @register("specless")
        class NoSpec(Detector):
            pass


def test_register_spec_kind_alias_registers_a_spec(scratch_registry):
    from csnlp.standards.spec import register_spec_kind

    class EchoSpec(StandardBase):
        check: str = "echo"

    with pytest.warns(DeprecationWarning):
        register_spec_kind("echo", EchoSpec)
    data = {"schema_version": 1, "name": "n",
            "standards": [{"id": "e", "check": "echo", "title": "Echo"}]}
    assert type(csnlp.load_standards(data)["e"]) is EchoSpec
    with pytest.raises(csnlp.StandardsError, match="registered without one"):
        csnlp.detectors.get_detector("echo")


class _FakeEntryPoint:
    def __init__(self, name, obj):
        self.name, self.value, self.dist, self._obj = name, f"fake_pkg:{name}", None, obj

    def load(self):
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


def test_entry_point_kinds_are_known_before_validation(scratch_registry, monkeypatch):
    class ShoutSpec(StandardBase):
        check: str = "shout"
        loud: bool = True

    class ShoutDetector(Detector):
        kind = "shout"
        spec = ShoutSpec

    monkeypatch.setattr(registry, "entry_points",
                        lambda group: [_FakeEntryPoint("shout", ShoutDetector)])
    registry._STATE["loaded"] = False
    data = {"schema_version": 1, "name": "n",
            "standards": [{"id": "s", "check": "shout", "title": "Shout", "loud": False}]}
    assert csnlp.load_standards(data)["s"].loud is False
    assert csnlp.detectors.get_detector("shout") is ShoutDetector
    with pytest.raises(csnlp.StandardsError, match=r"shout \(plug-in fake_pkg:shout\)"):
        csnlp.load_standards({**data, "standards": [{**data["standards"][0], "check": "shot"}]})


@pytest.mark.parametrize(
    ("obj", "message"),
    [(ImportError("no module named fake_pkg"), "cannot be imported: ImportError"),
     (type("Bare", (), {}), "has no `spec` options model"),
     (type("Clash", (), {"kind": "require", "spec": StandardBase}),
      "'require' is already registered")],
    ids=["import-error", "no-spec", "taken-kind"])
def test_a_broken_plugin_is_named(scratch_registry, monkeypatch, obj, message):
    monkeypatch.setattr(registry, "entry_points", lambda group: [_FakeEntryPoint("bad", obj)])
    registry._STATE["loaded"] = False
    with pytest.raises(csnlp.StandardsError, match="check-kind plug-in 'bad'") as err:
        csnlp.load_standards(MINIMAL)  # a dict: never cached, always validated
    assert message in str(err.value)


def test_the_shipped_schema_lists_only_built_in_kinds(scratch_registry):
    from csnlp.standards.schema import standards_json_schema

    class ExtraSpec(StandardBase):
        check: str = "extra"

    registry.register_kind("extra", ExtraSpec)
    shipped = standards_json_schema()
    assert "ExtraSpec" not in shipped["$defs"] and "RequireSpec" in shipped["$defs"]
    assert "ExtraSpec" in standards_json_schema(plugins=True)["$defs"]


def test_registry_docstring_example():
    result = doctest.testmod(registry)
    assert result.attempted > 0 and result.failed == 0


def test_a_spec_must_be_a_model_with_a_check_field(scratch_registry):
    class NoCheck(BaseModel):
        x: int = 1

    with pytest.raises(TypeError, match="`check` field"):
        registry.register_kind("nocheck", NoCheck)


def test_loading_standards_needs_no_spacy():
    code = ("import sys, csnlp; csnlp.load_standards('sales'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True, timeout=60)
    assert out.stdout.strip() == "False"


def test_a_spec_that_is_not_a_standard_is_refused_at_load(scratch_registry):
    # register_kind only sees a pydantic model with `check`; the loader needs a StandardBase.
    class Loose(BaseModel):
        id: str
        check: str = "loose"
        title: str = ""

    registry.register_kind("loose", Loose)
    data = {"schema_version": 1, "name": "n",
            "standards": [{"id": "x", "check": "loose", "title": "X"}]}
    with pytest.raises(csnlp.StandardsError, match=r"standards\[0\] \(x\).*Loose.*StandardBase"):
        csnlp.load_standards(data)
