"""Load a standard set from a pack name, a YAML path, a dict or a StandardSet; validate once."""

from __future__ import annotations

import codecs
import contextvars
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
#: A standards file is a few KB (the contact_center pack: 30 KB); anything larger is refused.
MAX_FILE_BYTES = 5_000_000
#: Values a document may hold once its aliases are expanded (contact_center: about 201,000, its
#: `not_a_name` list repeated through aliases in a few hundred token patterns). A YAML
#: "billion laughs" file expands a few lines into 10**9 values; it is refused before building.
MAX_YAML_NODES = 1_000_000
#: Nesting depth (contact_center: 8).
MAX_YAML_DEPTH = 32
#: Errors listed in one message; the rest are counted.
MAX_ERRORS_SHOWN = 20
# (BOM, codec), longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# The files whose `extends` is being loaded, outermost first: a cycle is an error, and errors
# in a base file do not echo its values (it may not be a standards file at all).
_EXTENDING: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("extending",
                                                                            default=())


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
    data = (resources.files("csnlp") / "packs" / f"{name}.yaml").read_bytes()
    return _from_yaml(_decode(data, f"pack {name}"), where=f"pack {name}")


@lru_cache(maxsize=32)
def _load_file(path: str, _mtime: int) -> StandardSet:
    return _from_yaml(_read_text(Path(path)), where=path)


def _read_text(path: Path) -> str:
    """The text of a standards file: at most MAX_FILE_BYTES, decoded by its BOM or as UTF-8."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise StandardsError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})"
                             ) from None
    if len(data) > MAX_FILE_BYTES:
        raise StandardsError(f"{path}: larger than {MAX_FILE_BYTES // 1_000_000} MB; a standards "
                             "file is a few KB of YAML")
    return _decode(data, str(path))


def _decode(data: bytes, where: str) -> str:
    """Text from bytes: a BOM names the encoding; without one, UTF-16/32 is told by its zero
    bytes around the first (ASCII) character, as the YAML spec does; else UTF-8."""
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if codec is None:
        head = data[:4]
        if len(head) == 4 and head[:3] == b"\0\0\0":
            codec = "utf-32-be"
        elif len(head) == 4 and head[1:] == b"\0\0\0":
            codec = "utf-32-le"
        elif len(head) >= 2 and head[0] == 0:
            codec = "utf-16-be"
        elif len(head) >= 2 and head[1] == 0:
            codec = "utf-16-le"
        else:
            codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise StandardsError(
            f"{where}: not a text file (read as {codec.upper().removesuffix('-SIG')}, byte "
            f"0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded); save standards "
            "as UTF-8 YAML") from None


def _from_yaml(text: str, *, where: str) -> StandardSet:
    data = _parse_yaml(text, where)
    if data is None:
        raise StandardsError(f"{where}: empty; expected a mapping with schema_version, name "
                             "and standards")
    if not isinstance(data, Mapping):
        # the type only: the value is the whole file, which may not be a standards file at all
        raise StandardsError(f"{where}: expected a mapping at the top, got a "
                             f"{type(data).__name__}")
    return _from_dict(data, where=where)


def _parse_yaml(text: str, where: str) -> Any:
    """The document in `text`, refused before it is built when aliases blow it up."""
    loader = _SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_node_count(node, where)
            return loader.construct_document(node)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a NUL
        pos = exc.position
        line, column = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        place = f"line {line}, column {column}"
        raise StandardsError(f"{where}: {place}: invalid YAML: character U+{exc.character:04X}: "
                             f"{exc.reason}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" line {mark.line + 1}, column {mark.column + 1}:" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise StandardsError(f"{where}:{place} invalid YAML: {_cut(problem)}") from None
    except StandardsError:
        raise
    except (ValueError, OverflowError) as exc:  # an int of 5,000 digits, a 13th month
        reason = str(exc).split(";")[0]  # not Python's advice on sys.set_int_max_str_digits
        raise StandardsError(f"{where}: invalid YAML value: {_cut(reason)}") from None
    finally:
        loader.dispose()
    return None


def _check_node_count(root: yaml.Node, where: str) -> None:
    """Refuse a document that expands to more than MAX_YAML_NODES values or nests deeper than
    MAX_YAML_DEPTH, or an alias inside its own anchor. Counts each distinct node once (an
    alias shares its anchor's node), so the cost follows the text, not the expansion."""
    done: dict[int, tuple[int, int]] = {}  # id(node) -> (values once expanded, depth)
    open_: set[int] = set()  # the nodes on the path from the root to the current one
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            kids = [done[id(kid)] for kid in _kids(node)]
            count = 1 + sum(c for c, _ in kids)
            depth = 1 + max((d for _, d in kids), default=0)
            open_.discard(key)
            done[key] = (count, depth)
            line = f"line {node.start_mark.line + 1}"
            if count > MAX_YAML_NODES:
                raise StandardsError(
                    f"{where}: {line}: this value expands to more than {MAX_YAML_NODES:,} values "
                    "(through YAML aliases *name); refused as a likely alias bomb")
            if depth > MAX_YAML_DEPTH:
                raise StandardsError(f"{where}: {line}: nested more than {MAX_YAML_DEPTH} "
                                     "levels deep")
        elif key in open_:
            raise StandardsError(f"{where}: line {node.start_mark.line + 1}: an alias refers to "
                                 "a value that contains it (recursive YAML alias)")
        elif key not in done:
            if isinstance(node, yaml.MappingNode):
                _check_unique_keys(node, where)
            open_.add(key)
            stack.append((node, True))
            stack.extend((kid, False) for kid in _kids(node))


def _check_unique_keys(node: yaml.MappingNode, where: str) -> None:
    """Refuse a mapping that names a key twice: YAML keeps the last value and drops the first
    without a word (two `regex:` lists in one rule, and the first list's patterns never run)."""
    seen: dict[str, int] = {}
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            raise StandardsError(
                f"{where}: line {line}: key {key_node.value!r} is given twice in one mapping "
                f"(first on line {seen[key_node.value]}); YAML would keep only the last one, "
                "so merge the two")
        seen[key_node.value] = line


def _kids(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _format_error(where: str, prefix: str, exc: ValidationError,
                  model: type[BaseModel]) -> str:
    lines = []
    errors = exc.errors()
    quiet = bool(_EXTENDING.get())
    for err in errors[:MAX_ERRORS_SHOWN]:
        loc = prefix
        for part in err["loc"]:
            if isinstance(part, int):
                loc += f"[{part}]"
            elif not part.startswith(("function-", "tagged-union")):
                loc += f".{part}" if loc else str(part)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg += _did_you_mean(model, err["loc"])
        echo = err["type"] != "missing" and not quiet
        value = f" (got {describe(err['input'])})" if echo else ""
        lines.append(f"{where}: {_cut(loc)}: {_cut(msg)}{value}")
    if len(errors) > MAX_ERRORS_SHOWN:
        lines.append(f"{where}: ... and {len(errors) - MAX_ERRORS_SHOWN} more errors")
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


def _base_source(value: Any, where: str) -> str | Path:
    """What `extends: value` in `where` may load: a built-in pack, or a file in the folder of
    the standards file or below it (never an absolute path, `..` or a link out of it)."""
    packs = list_packs()
    if isinstance(value, str) and value in packs:
        return value
    if not isinstance(value, str):
        raise StandardsError(f"{where}: extends: must be a pack name or path, got "
                             f"{describe(value)}")
    if where == "standards" or where.startswith("pack "):
        raise StandardsError(f"{where}: extends: {describe(value)} is not a built-in pack "
                             f"({', '.join(packs)}); only a standards file may extend a file, "
                             "found beside it")
    folder = Path(where).parent.resolve()
    if Path(value).is_absolute():
        raise StandardsError(f"{where}: extends: {describe(value)} is an absolute path; give a "
                             f"pack ({', '.join(packs)}) or a file in {folder}")
    target = (folder / value).resolve()
    if not target.is_relative_to(folder):
        raise StandardsError(f"{where}: extends: {describe(value)} is outside {folder}; a "
                             "standards file may extend only a pack or a file in its folder")
    if not target.is_file():
        raise StandardsError(f"{where}: extends: {describe(value)}: no such pack or file in "
                             f"{folder} (packs: {', '.join(packs)})")
    return target


def _extend(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """`_merge_base` with its base's errors named after this file, without the base's values,
    and a file that extends itself (through any chain) refused."""
    chain = _EXTENDING.get()
    if where in chain:
        raise StandardsError(f"{where}: extends: {describe(data['extends'])} leads back to this "
                             f"file ({' -> '.join([*chain, where])})")
    token = _EXTENDING.set((*chain, where))
    try:
        return _merge_base(data, where)
    except StandardsError as exc:
        if str(exc).startswith(f"{where}:"):
            raise
        raise StandardsError(f"{where}: extends: {describe(data['extends'])}: {exc}") from None
    finally:
        _EXTENDING.reset(token)


def _merge_base(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Start from the `extends` set: its lists and standards, overridden by this file's.

    A standard with a `check` replaces the base's standard of that id (or adds one); a standard
    with an `id` and no `check` patches the base's: its fields are merged into the base
    standard's, mappings key by key, anything else replaced (`window: {first_turns: 3}`).
    """
    name = _base_source(data["extends"], where)
    base = load_standards(name).to_dict()
    merged = {k: v for k, v in data.items() if k != "extends"}
    merged["phrases"] = {**base["phrases"], **(data.get("phrases") or {})}
    merged["patterns"] = {**base["patterns"], **(data.get("patterns") or {})}
    by_id = {s["id"]: s for s in base["standards"]}
    own: list[Any] = []
    patched: set[str] = set()
    for i, entry in enumerate(data.get("standards") or []):
        if not isinstance(entry, Mapping) or "check" in entry:
            own.append(entry)
            continue
        sid = entry.get("id")
        if not isinstance(sid, str) or sid not in by_id:  # base ids are validated strings
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
        data = _extend(data, where)
    try:
        head = StandardSetSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise StandardsError(_format_error(where, "", exc, StandardSetSpec)) from None
    load_kinds()  # built-in and plug-in kinds, before the first standard is validated
    standards: list[StandardBase] = []
    for i, raw in enumerate(head.standards):
        sid = raw.get("id", "?")
        prefix = f"standards[{i}] ({_label(sid)})"
        model = get_kind(_check_of(raw, f"{where}: {prefix}"),
                         where=f"{where}: {prefix}.check").spec
        try:
            standard = model.model_validate(raw)
        except ValidationError as exc:
            raise StandardsError(_format_error(where, prefix, exc, model)) from None
        if not isinstance(standard, StandardBase):
            # register_kind cannot tell (kinds.py sits below spec.py); checks need its fields
            raise StandardsError(f"{where}: {prefix}.check: the options model "
                                 f"{model.__name__} of kind {raw['check']!r} is not a "
                                 "StandardBase subclass")
        standards.append(standard)
    _check_references(head, standards, where)
    return StandardSet(name=head.name, version=head.version, description=head.description,
                       phrases=dict(head.phrases), patterns=dict(head.patterns),
                       standards=tuple(standards), source=where)


def _label(sid: Any) -> str:
    """A standard's id as the error messages show it: as written when it is a short string."""
    return sid if isinstance(sid, str) and len(sid) <= 60 else describe(sid)


def _check_of(raw: Mapping[str, Any], where: str) -> Any:
    """The `check` value of a raw standard; a missing one is an error naming a misspelt key."""
    if "check" in raw:
        return raw["check"]
    for key in raw:
        if difflib.get_close_matches(str(key), ["check"], n=1):
            raise StandardsError(f"{where}: unknown key {describe(key)}; did you mean 'check'?")
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
                        f"{where}: {prefix}.{path}.phrase_lists: unknown phrase list "
                        f"{describe(name)}; "
                        f"defined: {', '.join(sorted(head.phrases)) or 'none'}")
            for name in rule.pattern_lists:
                if name not in head.patterns:
                    raise StandardsError(
                        f"{where}: {prefix}.{path}.pattern_lists: unknown pattern list "
                        f"{describe(name)}; "
                        f"defined: {', '.join(sorted(head.patterns)) or 'none'}")
