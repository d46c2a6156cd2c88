"""The detector registry: one detector class per check kind, registered explicitly.

Built-in kinds register with `@register("kind")`; outside packages plug in through the
`csnlp.detectors` entry-point group, whose objects are detector classes with `kind` and `spec`.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from csnlp.errors import StandardsError
from csnlp.standards.spec import SPEC_KINDS, register_spec_kind

if TYPE_CHECKING:
    from csnlp.detectors.base import Detector

DETECTORS: dict[str, type[Detector]] = {}
_PLUGINS_LOADED: list[bool] = []


def register(kind: str):
    """Class decorator: register a detector for `kind`; a second registration is an error."""

    def wrap(cls: type[Detector]) -> type[Detector]:
        if kind in DETECTORS and DETECTORS[kind] is not cls:
            raise ValueError(f"a detector for check kind {kind!r} is already registered: "
                             f"{DETECTORS[kind].__qualname__}")
        spec = getattr(cls, "spec", None)
        if spec is not None:
            register_spec_kind(kind, spec)
        elif kind not in SPEC_KINDS:
            raise ValueError(f"detector for {kind!r} needs a `spec` model class")
        cls.kind = kind
        DETECTORS[kind] = cls
        return cls

    return wrap


def load_plugins() -> None:
    """Register detectors that installed packages declare under `csnlp.detectors`, once."""
    if _PLUGINS_LOADED:
        return
    _PLUGINS_LOADED.append(True)
    for ep in entry_points(group="csnlp.detectors"):
        cls = ep.load()
        register(getattr(cls, "kind", ep.name))(cls)


def get_detector(kind: str) -> type[Detector]:
    import csnlp.detectors.kinds  # noqa: F401  (registers the built-in kinds)

    if kind not in DETECTORS:
        load_plugins()
    try:
        return DETECTORS[kind]
    except KeyError:
        raise StandardsError(f"no detector for check kind {kind!r}; known: "
                             f"{', '.join(sorted(DETECTORS))}") from None
