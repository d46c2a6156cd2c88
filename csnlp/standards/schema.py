"""The JSON Schema of the standards format, generated from the pydantic models.

`python -m csnlp.standards.schema` prints it (with installed plug-in kinds: `--plugins`);
`--out FILE` writes it to a file. The shipped csnlp/schemas/standards.schema.json holds the
built-in kinds; a test checks it is current (`--out csnlp/schemas/standards.schema.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from csnlp.standards.kinds import kinds
from csnlp.standards.spec import StandardSetSpec

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "standards.schema.json"


def standards_json_schema(*, plugins: bool = False) -> dict[str, Any]:
    """The standards-file schema, with each standard validated by its `check` kind: the built-in
    kinds (the shipped file), and with `plugins=True` also the installed plug-in kinds."""
    schema = StandardSetSpec.model_json_schema()
    defs = schema.setdefault("$defs", {})
    branches = []
    for _name, kind in sorted(kinds().items()):
        if not (kind.builtin or plugins):
            continue
        model = kind.spec
        sub = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        defs[model.__name__] = sub
        branches.append({"$ref": f"#/$defs/{model.__name__}"})
    schema["properties"]["standards"]["items"] = {"oneOf": branches}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "csnlp standards file"
    return schema


def render(*, plugins: bool = False) -> str:
    return json.dumps(standards_json_schema(plugins=plugins), indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m csnlp.standards.schema",
                                     description="Print the JSON Schema of standards files.")
    parser.add_argument("--out", help="write it to this file instead of printing it")
    parser.add_argument("--plugins", action="store_true",
                        help="include the check kinds of installed plug-in packages")
    args = parser.parse_args(argv)
    text = render(plugins=args.plugins)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
