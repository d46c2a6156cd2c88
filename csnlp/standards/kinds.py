"""The check-kind registry: what each `check:` name in a standards file means.

A kind is a name, the pydantic model of its options (a `StandardBase` subclass) and, once its
detector module is imported, the detector class that judges it. The built-in kinds live one
module each in the `csnlp.detectors.kinds` package; installed packages add kinds through the
`csnlp.detectors` entry-point group (the entry point names a detector class carrying `kind` and
`spec`). `load_kinds()` imports both, by name and once, before any standards file is validated,
as spaCy's registry loads its registered functions. This module sits at the bottom: it imports
nothing of csnlp's detectors; they register themselves here.

    >>> load_kinds()
    >>> get_kind("require").spec.__name__
    'RequireSpec'
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel

from csnlp.errors import StandardsError, describe

#: The package whose modules are the built-in kinds, one kind per module.
BUILTIN_PACKAGE = "csnlp.detectors.kinds"
#: The entry-point group through which installed packages add kinds.
ENTRY_POINT_GROUP = "csnlp.detectors"


@dataclass(frozen=True)
class Kind:
    """One check kind: its name, options model, detector class (None until registered) and the
    module or entry point it came from."""

    name: str
    spec: type[BaseModel]
    detector: type | None = None
    origin: str = ""

    @property
    def builtin(self) -> bool:
        return self.origin.startswith(BUILTIN_PACKAGE + ".")


_KINDS: dict[str, Kind] = {}
_LOCK = threading.RLock()
_STATE = {"loaded": False, "loading": False}


def register_kind(name: str, spec: type[BaseModel], detector: type | None = None,
                  *, origin: str | None = None) -> Kind:
    """Register check kind `name`; registering the same objects again is a no-op, another spec
    or detector under a taken name is an error."""
    if not (isinstance(spec, type) and issubclass(spec, BaseModel)
            and "check" in spec.model_fields):
        raise TypeError(f"check kind {name!r}: spec must be a pydantic model with a `check` "
                        f"field (a StandardBase subclass), got {spec!r}")
    with _LOCK:
        old = _KINDS.get(name)
        if old is not None:
            if old.spec is not spec or (detector is not None
                                        and old.detector not in (None, detector)):
                raise ValueError(f"check kind {name!r} is already registered by {old.origin}")
            detector = detector or old.detector
        kind = Kind(name, spec, detector, origin or (detector or spec).__module__)
        _KINDS[name] = kind
    return kind


def load_kinds() -> None:
    """Import the built-in kind modules and the entry-point kinds, once per process."""
    if _STATE["loaded"]:
        return
    with _LOCK:
        if _STATE["loaded"] or _STATE["loading"]:  # loading: a kind module asked again
            return
        _STATE["loading"] = True
        try:
            package = importlib.import_module(BUILTIN_PACKAGE)
            for module in pkgutil.iter_modules(package.__path__, BUILTIN_PACKAGE + "."):
                if not module.name.rpartition(".")[2].startswith("_"):
                    importlib.import_module(module.name)
            for ep in entry_points(group=ENTRY_POINT_GROUP):
                _load_entry_point(ep)
            _STATE["loaded"] = True
        finally:
            _STATE["loading"] = False


def _load_entry_point(ep: Any) -> None:
    where = f"check-kind plug-in {ep.name!r} ({ep.value}"
    if ep.dist is not None:
        where += f", from {ep.dist.name} {ep.dist.version}"
    where += f"; entry-point group {ENTRY_POINT_GROUP!r})"
    try:
        detector = ep.load()
    except Exception as exc:  # a broken plug-in must say which one it is
        raise StandardsError(f"{where}: cannot be imported: {type(exc).__name__}: {exc}") from exc
    spec = getattr(detector, "spec", None)
    if spec is None:
        raise StandardsError(f"{where}: {detector!r} has no `spec` options model")
    try:
        register_kind(getattr(detector, "kind", "") or ep.name, spec, detector, origin=ep.value)
    except (TypeError, ValueError) as exc:
        raise StandardsError(f"{where}: {exc}") from None


def kinds() -> dict[str, Kind]:
    """Every registered kind by name, built-in and plug-in (loads them first)."""
    load_kinds()
    return dict(_KINDS)


def get_kind(name: Any, *, where: str = "check") -> Kind:
    """The kind called `name`, or a StandardsError naming the known kinds and the closest one."""
    load_kinds()
    kind = _KINDS.get(name) if isinstance(name, str) else None
    if kind is None:
        raise StandardsError(f"{where}: {unknown_kind(name)}")
    return kind


def unknown_kind(name: Any) -> str:
    """The error text for an unknown kind: the closest known kind and all of them."""
    known = sorted(_KINDS)
    text = f"unknown check kind {describe(name)}"
    if isinstance(name, str) and (close := difflib.get_close_matches(name, known, n=1)):
        text += f" (did you mean {close[0]!r}?)"
    listed = [k if _KINDS[k].builtin else f"{k} (plug-in {_KINDS[k].origin})" for k in known]
    return f"{text}; known kinds: {', '.join(listed)}"


def find_model(name: str) -> type[BaseModel] | None:
    """A model class called `name` defined in a registered kind's module (for moved names)."""
    for kind in kinds().values():
        obj = getattr(sys.modules.get(kind.spec.__module__), name, None)
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            return obj
    return None


class _View(Mapping[str, Any]):
    """A read-only, always current `kind -> spec` or `kind -> detector` mapping."""

    def __init__(self, pick: Callable[[Kind], Any]) -> None:
        self._pick = pick

    def _items(self) -> dict[str, Any]:
        load_kinds()
        return {k: v for k, kind in _KINDS.items() if (v := self._pick(kind)) is not None}

    def __getitem__(self, name: str) -> Any:
        return self._items()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __repr__(self) -> str:
        return repr(self._items())


#: kind -> options model, for code written against the old `SPEC_KINDS` dict.
SPEC_KINDS: Mapping[str, type[BaseModel]] = _View(lambda kind: kind.spec)
#: kind -> detector class, for code written against the old `DETECTORS` dict.
DETECTORS: Mapping[str, type] = _View(lambda kind: kind.detector)
