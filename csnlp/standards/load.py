"""Load a standard set from a pack name, a YAML path, a dict or a StandardSet; validate once."""

from __future__ import annotations

import difflib
import hashlib
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from csnlp.errors import StandardsError, describe
from csnlp.standards.kinds import get_kind, kinds, load_kinds
from csnlp.standards.spec import RuleSpec, StandardBase, StandardSetSpec

DEFAULT_PACK = "contact_center"
# libyaml's safe loader when PyYAML was built with it (10x faster start-up), else pure Python.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, eq=False)
class StandardSet:
    """A validated, immutable set of standards with the shared phrase and pattern lists."""

    name: str
    version: str
    description: str
    phrases: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, tuple[tuple[dict[str, Any], ...], ...]]
    standards: tuple[StandardBase, ...]
    source: str = "<dict>"

    def __getitem__(self, standard_id: str) -> StandardBase:
        for s in self.standards:
            if s.id == standard_id:
                return s
        raise KeyError(standard_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.standards)

    def to_dict(self) -> dict[str, Any]:
        """The canonical dict (defaults filled in); `load_standards(s.to_dict())` gives it back."""
        return {
            "schema_version": 1, "name": self.name, "version": self.version,
            "description": self.description,
            "phrases": {k: list(v) for k, v in self.phrases.items()},
            "patterns": {k: [list(p) for p in v] for k, v in self.patterns.items()},
            "standards": [s.model_dump(mode="json") for s in self.standards],
        }

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON form: the same standards give the same digest."""
        cached = self.__dict__.get("_digest")
        if cached is None:
            canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
            cached = hashlib.sha256(canonical.encode()).hexdigest()
            object.__setattr__(self, "_digest", cached)
        return cached

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StandardSet) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def list_packs() -> list[str]:
    """Names of the built-in packs.

    >>> "contact_center" in list_packs()
    True
    """
    folder = resources.files("csnlp") / "packs"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_standards(source: str | Path | Mapping[str, Any] | StandardSet | None = None
                   ) -> StandardSet:
    """Validate standards from a pack name, a YAML file path, a dict, or pass a StandardSet through.

    >>> load_standards("contact_center")["greeting"].title
    'Greet the customer'
    """
    if source is None:
        source = DEFAULT_PACK
    if isinstance(source, StandardSet):
        return source
    if isinstance(source, Mapping):
        return _from_dict(source, where="standards")
    if isinstance(source, (str, Path)):
        text = str(source)
        if isinstance(source, str) and text in list_packs():
            return _load_pack(text)
        path = Path(source)
        if not path.is_file():
            raise StandardsError(
                f"standards {text!r}: no such pack or file (packs: {', '.join(list_packs())})"
            )
        return _load_file(str(path.resolve()), path.stat().st_mtime_ns)
    raise StandardsError(f"standards: expected a pack name, path, dict or StandardSet, "
                         f"got {describe(source)}")


@lru_cache(maxsize=8)
def _load_pack(name: str) -> StandardSet:
    text = (resources.files("csnlp") / "packs" / f"{name}.yaml").read_text(encoding="utf-8")
    return _from_yaml(text, where=f"pack {name}")


@lru_cache(maxsize=32)
def _load_file(path: str, _mtime: int) -> StandardSet:
    return _from_yaml(Path(path).read_text(encoding="utf-8"), where=path)


def _from_yaml(text: str, *, where: str) -> StandardSet:
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise StandardsError(f"{where}:{place}: invalid YAML: {problem}") from None
    if not isinstance(data, Mapping):
        raise StandardsError(f"{where}: expected a mapping at the top, got {describe(data)}")
    return _from_dict(data, where=where)


def _format_error(where: str, prefix: str, exc: ValidationError,
                  model: type[BaseModel]) -> str:
    lines = []
    for err in exc.errors():
        loc = prefix
        for part in err["loc"]:
            if isinstance(part, int):
                loc += f"[{part}]"
            elif not part.startswith(("function-", "tagged-union")):
                loc += f".{part}" if loc else str(part)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg += _did_you_mean(model, err["loc"])
        value = f" (got {describe(err['input'])})" if err["type"] != "missing" else ""
        lines.append(f"{where}: {loc}: {msg}{value}")
    return "\n".join(lines)


def _did_you_mean(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """'; did you mean 'first_turns'?' for an unknown key, from the fields of the model it is
    in; '' when nothing is close."""
    *path, key = loc
    fields = _fields_at(model, path)
    close = difflib.get_close_matches(str(key), fields, n=1) if fields else []
    return f"; did you mean {close[0]!r}?" if close else ""


def _fields_at(model: type[BaseModel], path: list[Any]) -> list[str]:
    """The field names of the model found by walking `path` (field names, list indices)."""
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        nested = _model_in(field.annotation)
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (`X`, `X | None`, `tuple[X, ...]`), if one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            if (found := _model_in(arg)) is not None:
                return found
    return None


def _merge_base(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Start from the `extends` set: its lists and standards, overridden by this file's.

    A standard with a `check` replaces the base's standard of that id (or adds one); a standard
    with an `id` and no `check` patches the base's: its fields are merged into the base
    standard's, mappings key by key, anything else replaced (`window: {first_turns: 3}`).
    """
    name = data["extends"]
    if not isinstance(name, str):
        raise StandardsError(f"{where}: extends: must be a pack name or path, got {describe(name)}")
    if name not in list_packs() and where not in ("standards",) and not Path(name).is_absolute():
        name = str(Path(where).parent / name)
    base = load_standards(name).to_dict()
    merged = {k: v for k, v in data.items() if k != "extends"}
    merged["phrases"] = {**base["phrases"], **(data.get("phrases") or {})}
    merged["patterns"] = {**base["patterns"], **(data.get("patterns") or {})}
    by_id = {s["id"]: s for s in base["standards"]}
    own, patched = [], set()
    for i, entry in enumerate(data.get("standards") or []):
        if not isinstance(entry, Mapping) or "check" in entry:
            own.append(entry)
            continue
        sid = entry.get("id")
        if sid not in by_id:
            raise StandardsError(
                f"{where}: standards[{i}] ({sid}): no `check`, so it patches the base "
                f"standard {sid!r}, but {data['extends']!r} has no such standard (its ids: "
                f"{', '.join(by_id)}); give `check:` and the other fields to add a new one")
        by_id[sid] = _deep_merge(by_id[sid], entry)
        patched.add(sid)
    own_ids = {s.get("id") for s in own if isinstance(s, Mapping)}
    if both := sorted(patched & own_ids):
        raise StandardsError(f"{where}: standard {both[0]!r} is both patched (no `check`) and "
                             "replaced (with `check`); keep one of the two entries")
    merged["standards"] = [s for s in by_id.values() if s["id"] not in own_ids] + own
    return merged


def _deep_merge(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in patch.items():
        old = out.get(key)
        out[key] = (_deep_merge(old, value) if isinstance(old, Mapping)
                    and isinstance(value, Mapping) else value)
    return out


def _from_dict(data: Mapping[str, Any], *, where: str) -> StandardSet:
    if isinstance(data, Mapping) and data.get("extends") is not None:
        data = _merge_base(data, where)
    try:
        head = StandardSetSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise StandardsError(_format_error(where, "", exc, StandardSetSpec)) from None
    load_kinds()  # built-in and plug-in kinds, before the first standard is validated
    standards: list[StandardBase] = []
    for i, raw in enumerate(head.standards):
        sid = raw.get("id", "?")
        prefix = f"standards[{i}] ({sid})"
        model = get_kind(_check_of(raw, f"{where}: {prefix}"),
                         where=f"{where}: {prefix}.check").spec
        try:
            standards.append(model.model_validate(raw))
        except ValidationError as exc:
            raise StandardsError(_format_error(where, prefix, exc, model)) from None
    _check_references(head, standards, where)
    return StandardSet(name=head.name, version=head.version, description=head.description,
                       phrases=dict(head.phrases), patterns=dict(head.patterns),
                       standards=tuple(standards), source=where)


def _check_of(raw: Mapping[str, Any], where: str) -> Any:
    """The `check` value of a raw standard; a missing one is an error naming a misspelt key."""
    if "check" in raw:
        return raw["check"]
    for key in raw:
        if difflib.get_close_matches(str(key), ["check"], n=1):
            raise StandardsError(f"{where}: unknown key {key!r}; did you mean 'check'?")
    raise StandardsError(f"{where}.check: missing: every standard names its check kind "
                         f"({', '.join(sorted(kinds()))})")


def iter_rules(spec: StandardBase):
    """(field path, RuleSpec) for every rule a standard holds, however deeply nested."""
    for name, value in spec:
        if isinstance(value, RuleSpec):
            yield name, value
        elif isinstance(value, BaseModel):
            for sub_name, sub_value in value:
                if isinstance(sub_value, RuleSpec):
                    yield f"{name}.{sub_name}", sub_value


def _check_references(head: StandardSetSpec, standards: list[StandardBase], where: str) -> None:
    seen: set[str] = set()
    for i, spec in enumerate(standards):
        prefix = f"standards[{i}] ({spec.id})"
        if spec.id in seen:
            raise StandardsError(f"{where}: {prefix}.id: duplicate standard id {spec.id!r}")
        seen.add(spec.id)
        for path, rule in iter_rules(spec):
            for name in rule.phrase_lists:
                if name not in head.phrases:
                    raise StandardsError(
                        f"{where}: {prefix}.{path}.phrase_lists: unknown phrase list {name!r}; "
                        f"defined: {', '.join(sorted(head.phrases)) or 'none'}")
            for name in rule.pattern_lists:
                if name not in head.patterns:
                    raise StandardsError(
                        f"{where}: {prefix}.{path}.pattern_lists: unknown pattern list {name!r}; "
                        f"defined: {', '.join(sorted(head.patterns)) or 'none'}")
