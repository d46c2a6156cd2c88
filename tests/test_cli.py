from __future__ import annotations

import subprocess
import sys

from csnlp.cli import main


def test_packs_lists_both(capsys):
    assert main(["packs"]) == 0
    out = capsys.readouterr().out
    assert "contact_center" in out and "sales" in out


def test_validate_pack_passes(capsys):
    assert main(["standards", "validate", "contact_center"]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_bad_standards_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nname: x\nstandards:\n  - {id: a, check: require, title: A}\n")
    assert main(["standards", "validate", str(bad)]) == 2
    out = capsys.readouterr().out
    assert "bad.yaml: standards[0] (a).match: Field required" in out


def test_help_imports_neither_spacy_nor_sklearn():
    code = ("import sys, csnlp.cli\n"
            "try:\n    csnlp.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules, 'sklearn' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False False"
