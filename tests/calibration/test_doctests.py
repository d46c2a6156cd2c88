"""The runnable examples in the calibration docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["csnlp.calibration.labels", "csnlp.calibration.agreement",
           "csnlp.calibration.overrides"]


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
