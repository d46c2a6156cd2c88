"""A check kind from an installed package: the example plug-in in examples/ is installed into a
temporary folder and used from a standards file in a fresh interpreter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGIN = REPO / "examples" / "csnlp-plugin-example"

STANDARDS = textwrap.dedent("""\
    schema_version: 1
    name: plugin demo
    standards:
      - id: mention_warranty
        check: keyword_count
        title: Mention the warranty
        words: [warranty, guarantee]
        min_count: 2
""")

# Runs in the subprocess: load the file (validation needs the plug-in kind), judge two calls.
SCRIPT = textwrap.dedent("""\
    import json, sys
    import csnlp
    standards = csnlp.load_standards(sys.argv[1])
    met = csnlp.evaluate("Agent: Hi, the warranty covers it.\\nCustomer: Good.\\n"
                         "Agent: And the guarantee runs two years.", standards=standards)
    missed = csnlp.evaluate("Agent: Hi, the warranty covers it.\\nCustomer: Good.",
                            standards=standards)
    out = {}
    for name, report in (("met", met), ("missed", missed)):
        r = report["mention_warranty"]
        out[name] = {"status": r.status.value, "score": r.score,
                     "evidence": [[e.turn_index, e.text, e.rule] for e in r.evidence]}
    try:
        csnlp.load_standards(sys.argv[2])
    except csnlp.StandardsError as exc:
        out["typo"] = str(exc)
    print(json.dumps(out))
""")


def _builds_wheels() -> bool:
    """setuptools >= 70.1, or the `wheel` package, provides the bdist_wheel command pip needs."""
    return any(ep.name == "bdist_wheel" for ep in entry_points(group="distutils.commands"))


def _install(source: Path, target: Path) -> None:
    """pip-install the plug-in into `target`; where this venv cannot build wheels (setuptools
    older than 70.1 without `wheel`), let setuptools write the same metadata (entry points
    included) from the plug-in's pyproject.toml and copy its module, as pip would."""
    if _builds_wheels():
        cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
               "--no-build-isolation", "--no-index", "--target", str(target), str(source)]
    else:
        cmd = [sys.executable, "-c", "from setuptools import setup; setup()", "-q",
               "egg_info", "--egg-base", str(target)]
        for module in source.glob("*.py"):
            shutil.copy(module, target)
    subprocess.run(cmd, cwd=source, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools", reason="installing the example plug-in needs setuptools")
    source = tmp_path_factory.mktemp("plugin-src") / PLUGIN.name
    shutil.copytree(PLUGIN, source)  # building writes into the source folder
    target = tmp_path_factory.mktemp("plugin-site")
    _install(source, target)
    return target


def test_plugin_kind_loads_from_a_standards_file_and_judges(installed, tmp_path):
    good = tmp_path / "plugin.yaml"
    good.write_text(STANDARDS)
    typo = tmp_path / "typo.yaml"
    typo.write_text(STANDARDS.replace("check: keyword_count", "check: keyword_cont"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed), str(REPO)])}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(good), str(typo)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["met"]["status"] == "met" and out["met"]["score"] == 1.0
    assert out["met"]["evidence"] == [[0, "warranty", "keyword:warranty"],
                                      [2, "guarantee", "keyword:guarantee"]]
    assert out["missed"]["status"] == "missed" and out["missed"]["score"] == 0.5
    assert "did you mean 'keyword_count'?" in out["typo"]
    assert "keyword_count (plug-in csnlp_keyword_count:KeywordCountDetector)" in out["typo"]
