"""Save and load linear models as plain arrays + JSON, never as pickles.

A model directory holds `meta.json` and `arrays.npz`. `meta.json` names the model kind and the
format version and records the sha256 and size of every other file it lists; loading checks
them all before reading an array, reads arrays with `allow_pickle=False` and accepts numeric
arrays only, so a model file cannot run code, and a changed, truncated or foreign file is refused
with a `ModelError` that names it. Any model made of arrays (the tone model, an act classifier)
can use this module; it knows nothing about what the arrays mean.

Writing is deterministic: the same arrays and metadata give byte-identical files (fixed zip
timestamps, sorted names, sorted JSON keys), so a retrained model can be compared by its hash.

>>> import tempfile, numpy as np
>>> d = tempfile.mkdtemp()
>>> _ = save_arrays_model(d, kind="demo", arrays={"w": np.arange(3.0)}, meta={"labels": ["a"]})
>>> load_arrays_model(d, kind="demo").arrays["w"].tolist()
[0.0, 1.0, 2.0]
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import ModelError, describe

FORMAT_NAME = "csnlp-arrays"
FORMAT_VERSION = 1
META_FILE = "meta.json"
ARRAYS_FILE = "arrays.npz"
_RESERVED = ("format", "kind", "files")
_NUMERIC_KINDS = "biuf"  # bool, signed, unsigned, float: no objects, strings or records
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class LoadedModel:
    """What `load_arrays_model` returns: verified arrays and metadata."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, Any]
    directory: Path


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def arrays_digest(arrays: Mapping[str, np.ndarray]) -> str:
    """Hex sha256 of array names, dtypes, shapes and bytes: equal arrays, equal digest."""
    digest = hashlib.sha256()
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}|{arr.dtype.str}|{arr.shape}|".encode())
        digest.update(arr.tobytes())
    return digest.hexdigest()


def _check_arrays(arrays: Mapping[str, np.ndarray], where: str) -> None:
    for name, arr in arrays.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ModelError(f"{where}: array name {describe(name)} is not a plain identifier")
        if not isinstance(arr, np.ndarray) or arr.dtype.kind not in _NUMERIC_KINDS:
            kind = getattr(getattr(arr, "dtype", None), "str", type(arr).__name__)
            raise ModelError(f"{where}: array {name!r} has type {kind}; only numeric arrays "
                             "are allowed in a model file")


def _npz_bytes(arrays: Mapping[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with zf.open(info, "w", force_zip64=True) as f:
                np.lib.format.write_array(f, np.ascontiguousarray(arrays[name]),
                                          allow_pickle=False)
    return buffer.getvalue()


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
            + "\n").encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def save_arrays_model(directory: str | Path, *, kind: str, arrays: Mapping[str, np.ndarray],
                      meta: Mapping[str, Any]) -> dict[str, Any]:
    """Write `arrays.npz` and `meta.json` into `directory`; return the metadata written.

    `meta` must be JSON-native; the keys "format", "kind" and "files" are filled in here.
    """
    directory = Path(directory)
    _check_arrays(arrays, str(directory / ARRAYS_FILE))
    clash = [key for key in _RESERVED if key in meta]
    if clash:
        raise ModelError(f"{directory / META_FILE}: metadata keys {clash} are reserved")
    directory.mkdir(parents=True, exist_ok=True)
    data = _npz_bytes(arrays)
    _write_atomic(directory / ARRAYS_FILE, data)
    written = dict(meta)
    written["format"] = {"name": FORMAT_NAME, "version": FORMAT_VERSION}
    written["kind"] = kind
    written["files"] = {ARRAYS_FILE: {"sha256": hashlib.sha256(data).hexdigest(),
                                      "bytes": len(data)}}
    try:
        payload = _json_bytes(written)
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{directory / META_FILE}: metadata is not JSON-native: {exc}") from None
    _write_atomic(directory / META_FILE, payload)
    return json.loads(payload)


def _model_directory(path: str | Path) -> Path:
    path = Path(path)
    if path.is_dir():
        return path
    if path.is_file() and path.name == META_FILE:
        return path.parent
    if path.is_file():
        raise ModelError(
            f"{path}: not a csnlp model directory. csnlp loads models only from a directory "
            f"holding {META_FILE} and {ARRAYS_FILE} (plain arrays); pickle, joblib and other "
            "formats that can run code are refused")
    raise ModelError(f"{path}: model not found (no such file or directory)")


def _read_meta(directory: Path, kind: str) -> dict[str, Any]:
    meta_path = directory / META_FILE
    if not meta_path.is_file():
        raise ModelError(f"{meta_path}: missing; {directory} is not a csnlp model directory")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_path}: not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{meta_path}: expected a JSON object, got {type(meta).__name__}")
    fmt = meta.get("format")
    if not isinstance(fmt, dict) or fmt.get("name") != FORMAT_NAME:
        raise ModelError(f"{meta_path}: format {describe(fmt)} is unknown; "
                         f"expected {{'name': {FORMAT_NAME!r}, 'version': {FORMAT_VERSION}}}")
    if fmt.get("version") != FORMAT_VERSION:
        raise ModelError(f"{meta_path}: format version {describe(fmt.get('version'))} is not "
                         f"supported by this csnlp (supports {FORMAT_VERSION})")
    if meta.get("kind") != kind:
        raise ModelError(f"{meta_path}: model kind {describe(meta.get('kind'))} is not a "
                         f"{kind!r} model")
    files = meta.get("files")
    if not isinstance(files, dict) or ARRAYS_FILE not in files:
        raise ModelError(f"{meta_path}: field 'files' must list {ARRAYS_FILE} with its sha256")
    return meta


def _verify_file(directory: Path, name: str, record: Any) -> Path:
    meta_path = directory / META_FILE
    if name != ARRAYS_FILE:
        raise ModelError(f"{meta_path}: files.{name}: unexpected file; only {ARRAYS_FILE} "
                         "is read")
    if not isinstance(record, dict) or not isinstance(record.get("sha256"), str):
        raise ModelError(f"{meta_path}: files.{name}: expected {{'sha256': ..., 'bytes': ...}}")
    path = directory / name
    if not path.is_file():
        raise ModelError(f"{path}: missing (listed in {META_FILE})")
    actual = sha256_file(path)
    if actual != record["sha256"]:
        raise ModelError(f"{path}: sha256 {actual[:12]}... does not match {record['sha256'][:12]}"
                         f"... recorded in {META_FILE}; the file was modified or corrupted, "
                         "refusing to load it")
    return path


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"{path}: not a readable array file ({exc})") from None
    _check_arrays(arrays, str(path))
    return arrays


def load_arrays_model(path: str | Path, *, kind: str,
                      required: Iterable[str] = ()) -> LoadedModel:
    """Verify and load a model directory (or its meta.json) written by `save_arrays_model`.

    Raises ModelError naming the file when it is missing, of another kind or format version,
    altered after saving (sha256), not a numeric .npz, or lacks a `required` array.
    """
    directory = _model_directory(path)
    meta = _read_meta(directory, kind)
    for name, record in sorted(meta["files"].items()):
        _verify_file(directory, name, record)
    arrays_path = directory / ARRAYS_FILE
    if not zipfile.is_zipfile(arrays_path):
        raise ModelError(f"{arrays_path}: not an .npz archive of arrays")
    arrays = _read_arrays(arrays_path)
    missing = [name for name in required if name not in arrays]
    if missing:
        raise ModelError(f"{arrays_path}: missing arrays {missing} for a {kind!r} model")
    return LoadedModel(arrays=arrays, meta=meta, directory=directory)
