"""The runnable examples in the batch modules' and the command line's docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["csnlp.batch.many", "csnlp.batch.resume", "csnlp.cli", "csnlp.writers"]


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
