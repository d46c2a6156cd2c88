"""The detector registry: one detector class per check kind, registered explicitly.

Built-in kinds (one module each in `csnlp.detectors.kinds`) register with `@register("kind")`;
outside packages plug in through the `csnlp.detectors` entry-point group, whose objects are
detector classes with `kind` and `spec`. Both land in `csnlp.standards.kinds`, the one registry,
which loads them before any standards file is validated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from csnlp.errors import StandardsError
from csnlp.standards import kinds as _kinds

if TYPE_CHECKING:
    from csnlp.detectors.base import Detector

#: kind -> detector class, built-in and plug-in (a read-only view of the registry).
DETECTORS: Mapping[str, type[Detector[Any]]] = _kinds.DETECTORS

_D = TypeVar("_D", bound="type[Detector[Any]]")


def register(kind: str) -> Callable[[_D], _D]:
    """Class decorator: register a detector for `kind` with its `spec` options model; another
    class under a taken kind is an error. See `csnlp.detectors.kinds.forbid` for a whole kind::

        @register("forbid")
        class ForbidDetector(Detector[ForbidSpec]):
            spec = ForbidSpec

            def check(self, ctx: Context) -> StandardResult: ...
    """

    def wrap(cls: _D) -> _D:
        spec = getattr(cls, "spec", None)
        if spec is None:
            raise ValueError(f"detector for {kind!r} needs a `spec` model class")
        _kinds.register_kind(kind, spec, cls)
        cls.kind = kind
        return cls

    return wrap


def load_plugins() -> None:
    """Deprecated: the registry loads built-in and entry-point kinds itself (`load_kinds`)."""
    _kinds.load_kinds()


def get_detector(kind: str) -> type[Detector[Any]]:
    """The detector class of check kind `kind` (built-in or plug-in)."""
    found = _kinds.get_kind(kind, where="detectors").detector
    if found is None:
        raise StandardsError(f"no detector for check kind {kind!r}: its options model was "
                             f"registered without one")
    return found
