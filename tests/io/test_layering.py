"""The io layer sits at the bottom: reading files must not load spaCy or the evaluator."""

from __future__ import annotations

import subprocess
import sys


def test_io_imports_nothing_above_it():
    code = ("import sys, csnlp.io; from csnlp.io import read_transcripts; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'sklearn', 'pandas') "
            "or m in ('csnlp.evaluator', 'csnlp.api', 'csnlp.batch', 'csnlp.nlp.pipeline')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
