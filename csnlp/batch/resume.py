"""Resuming: what identifies a job (its signature) and the options a `--resume` takes back.

A run keeps both in `OUT.parts/manifest.json` (`csnlp.writers.PartStore`): the signature must
match for the parts of an interrupted run to be reused; the saved options let `--resume`
continue without the inputs, batch size and other options being repeated.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def fingerprint(path: str) -> dict[str, Any]:
    """Size and mtime of a file, or a digest of every file's name, size and mtime in a folder."""
    p = Path(path)
    if p.is_file():
        st = p.stat()
        return {"path": str(p.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    h = hashlib.sha256()
    for root, dirs, files in os.walk(p):
        dirs.sort()
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            h.update(f"{os.path.relpath(os.path.join(root, name), p)}\0{st.st_size}\0"
                     f"{st.st_mtime_ns}\n".encode())
    return {"path": str(p.resolve()), "listing": h.hexdigest()}


def signature(*, standards_digest: str, paths: Sequence[str], input_format: str,
              batch_size: int, output_format: str,
              read_options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What must be the same for the parts of an earlier run to belong to this one."""
    from csnlp import __version__

    sig = {
        "csnlp_version": __version__, "standards_digest": standards_digest,
        "inputs": [fingerprint(p) for p in paths], "input_format": input_format,
        "batch_size": batch_size, "output_format": output_format,
    }
    if read_options:
        sig["read_options"] = dict(read_options)
    return sig


def resume_options(saved: Mapping[str, Any] | None, given: Mapping[str, Any]) -> dict[str, Any]:
    """`given` options, with those left out (None) taken from the interrupted run's `saved`.

    >>> resume_options({"batch_size": 64, "jobs": 2}, {"batch_size": None, "jobs": 1})
    {'batch_size': 64, 'jobs': 1}
    """
    saved = saved or {}
    return {k: saved.get(k) if v is None else v for k, v in given.items()}
