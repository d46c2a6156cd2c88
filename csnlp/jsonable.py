"""Values as JSON-native Python: the one place that says how metadata and cells become JSON.

Bottom layer: imports nothing from csnlp, so readers, frames, writers and Dask can all use it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import orjson

_PASSTHROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def jsonable(value: Any) -> Any:
    """`value` as JSON-native Python: dates to ISO strings, numpy/pandas scalars and arrays to
    Python, NaN, infinities, NaT and NA to None, mapping keys to strings, anything else to str.

    >>> import datetime
    >>> jsonable({"d": datetime.date(2024, 3, 1), "x": float("nan"), 1: (2, 3)})
    {'d': '2024-03-01', 'x': None, '1': [2, 3]}
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if _is_missing(value):  # pandas NA/NaT, numpy NaN scalars
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return jsonable(value.tolist())
    if hasattr(value, "item"):
        return jsonable(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def dumps(value: Any, *, sort_keys: bool = False) -> str:
    """Compact JSON text of `jsonable(value)`; orjson because rows are a hot path in batch runs.

    >>> dumps({"b": 1, "a": [1.5, None]}, sort_keys=True)
    '{"a":[1.5,null],"b":1}'
    """
    option = orjson.OPT_SORT_KEYS if sort_keys else 0
    try:
        # whatever orjson would write its own way (dates, dataclasses) goes through jsonable
        return orjson.dumps(value, option=option | _PASSTHROUGH).decode()
    except TypeError:  # not JSON-native yet (dates, numpy, non-str keys ...): convert first
        return orjson.dumps(jsonable(value), option=option).decode()


def _is_missing(value: Any) -> bool:
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # NaN-like scalars
    except (TypeError, ValueError):  # arrays and objects without a plain truth value
        return False
