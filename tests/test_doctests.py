"""The runnable examples in public docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["csnlp", "csnlp.api", "csnlp.evaluator", "csnlp.transcript", "csnlp.frames",
           "csnlp.standards.load", "csnlp.standards.kinds", "csnlp.nlp.pipeline",
           "csnlp.nlp.normalise", "csnlp.nlp.reference", "csnlp.nlp.fast", "csnlp.ingest",
           "csnlp.table", "csnlp.frames", "csnlp.jsonable", "csnlp.redact"]


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "csnlp.frames":
        assert result.attempted > 0
