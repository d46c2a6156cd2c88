"""Human QA labels and reviewer overrides: read, check and normalise them into one long frame.

A status is read in any case, surrounding spaces ignored, with these synonyms:

==================  ==========================================================================
``met``             met, pass, passed, yes, y, true, t, 1, ok
``missed``          missed, miss, not met, fail, failed, no, n, false, f, 0
``not_applicable``  not_applicable, not applicable, not-applicable, n/a, na, -
==================  ==========================================================================

Labels come in long form (``transcript_id, standard_id, status`` plus optional ``reviewer`` and
``note``) or wide form (``transcript_id`` plus one column per standard id, optional ``reviewer``
and ``note``). In wide form an empty cell means "not labelled"; in long form every row must say
something. Anything else is an `InputError` naming the file, the row and the value.

    >>> import pandas as pd
    >>> read_labels(pd.DataFrame({"transcript_id": ["c1"], "greeting": ["Pass"]}))["human"].tolist()
    ['met']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from csnlp.errors import InputError, describe

if TYPE_CHECKING:
    import pandas as pd

#: The verdicts a person can give (a machine may also say "error").
LABELS = ("met", "missed", "not_applicable")

_SYNONYMS = {
    "met": ("met", "pass", "passed", "yes", "y", "true", "t", "1", "1.0", "ok"),
    "missed": ("missed", "miss", "not met", "fail", "failed", "no", "n", "false", "f", "0",
               "0.0"),
    "not_applicable": ("not_applicable", "not applicable", "not-applicable", "n/a", "na", "-"),
}
#: Lower-case spelling -> status.
STATUS_SYNONYMS = {word: status for status, words in _SYNONYMS.items() for word in words}
_EXPECTED = ("met, missed or not_applicable (or pass/fail, yes/no, y/n, true/false, 1/0, "
             "n/a, -)")

LABEL_COLUMNS = ("transcript_id", "standard_id", "reviewer", "human", "note", "row")


def read_labels(labels: Any) -> pd.DataFrame:
    """Human labels as one long frame: transcript_id, standard_id, reviewer, human, note, row.

    `labels` is a .csv or .parquet path or a DataFrame, long or wide form (module docstring).
    `human` is met / missed / not_applicable; `reviewer` is "" when the file names nobody;
    `row` is the 1-based data row the label came from, for messages.
    """
    if _already_read(labels):
        return labels
    table = _Table.read(labels, "labels")
    df = table.frame
    long_form = "standard_id" in df.columns or "status" in df.columns
    if long_form:
        table.require(("transcript_id", "standard_id", "status"))
    else:
        table.require(("transcript_id",))
    out = _long(table) if long_form else _wide(table)
    _refuse_duplicates(out, ("transcript_id", "standard_id", "reviewer"), table,
                       "labels the same (transcript, standard) twice")
    out.attrs.update(source=table.source, csv=table.csv)
    return out


def read_overrides(overrides: Any) -> pd.DataFrame:
    """Reviewer overrides as a frame: transcript_id, standard_id, status, reviewer, reason, row.

    `overrides` is a .csv or .parquet path or a DataFrame with the columns transcript_id,
    standard_id, status, reviewer and (optional) reason; status takes the label synonyms.
    """
    table = _Table.read(overrides, "overrides")
    table.require(("transcript_id", "standard_id", "status", "reviewer"))
    df = table.frame
    out = df.assign(transcript_id=id_strings(df["transcript_id"]),
                    standard_id=id_strings(df["standard_id"]),
                    reviewer=_text(df["reviewer"]),
                    reason=_text(df["reason"]) if "reason" in df.columns else "",
                    row=table.rows())
    table.check_ids(out, ("transcript_id", "standard_id"))
    out["status"] = normalise_statuses(_text(df["status"]), table, out["row"].to_numpy())
    out = out[["transcript_id", "standard_id", "status", "reviewer", "reason", "row"]]
    _refuse_duplicates(out, ("transcript_id", "standard_id"), table,
                       "overrides the same (transcript, standard) twice")
    out = out.reset_index(drop=True)
    out.attrs.update(source=table.source, csv=table.csv)
    return out


def normalise_statuses(text: pd.Series, table: _Table, rows: Any,
                       columns: Any = None) -> pd.Series:
    """`text` (stripped strings) as met / missed / not_applicable; the first unreadable value is
    an InputError naming the file, its row (`rows`, 1-based) and, for wide labels, its column."""
    key = text.str.lower().str.replace(r"\s+", " ", regex=True)
    status = key.map(STATUS_SYNONYMS)
    bad = status.isna().to_numpy()
    if bad.any():
        i = int(bad.argmax())
        column = f", column {columns[i]!r}" if columns is not None else ""
        raise InputError(f"{table.where(rows[i])}{column}: cannot read status "
                         f"{describe(text.iloc[i])}; expected {_EXPECTED}")
    return status


class _Table:
    """A labels or overrides table as read, with where its rows came from for messages."""

    def __init__(self, frame: pd.DataFrame, source: str, csv: bool) -> None:
        self.frame, self.source, self.csv = frame, source, csv

    @classmethod
    def read(cls, data: Any, what: str) -> _Table:
        import pandas as pd

        if isinstance(data, pd.DataFrame):
            return cls(_tidy_columns(data.reset_index(drop=True)), f"{what} frame", csv=False)
        path = Path(data)
        if not path.is_file():
            raise InputError(f"{path}: no such {what} file")
        suffix = path.suffix.lower()
        try:
            if suffix == ".csv":
                # Everything as text, and no NA guessing: "n/a" and "NA" are statuses here.
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            elif suffix in (".parquet", ".pq"):
                frame = pd.read_parquet(path)
            else:
                raise InputError(f"{path}: unknown {what} format {suffix!r}; "
                                 "expected .csv or .parquet")
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(f"{path}: cannot read the {what} file ({exc})") from exc
        return cls(_tidy_columns(frame), str(path), csv=suffix == ".csv")

    def require(self, columns: tuple[str, ...]) -> None:
        missing = [c for c in columns if c not in self.frame.columns]
        if missing:
            raise InputError(f"{self.source}: no column {missing[0]!r}; the columns are "
                             f"{list(self.frame.columns)}")

    def rows(self) -> Any:
        import numpy as np

        return np.arange(1, len(self.frame) + 1)

    def where(self, row: Any) -> str:
        return place(self.source, row, csv=self.csv)

    def check_ids(self, df: pd.DataFrame, columns: tuple[str, ...]) -> None:
        for column in columns:
            empty = (df[column] == "").to_numpy()
            if empty.any():
                raise InputError(f"{self.where(df['row'].iloc[int(empty.argmax())])}: "
                                 f"empty {column}")


def _already_read(labels: Any) -> bool:
    """A frame `read_labels` returned (so `agreement` takes it as it is)."""
    columns = getattr(labels, "columns", None)
    return (columns is not None and list(columns) == list(LABEL_COLUMNS)
            and "source" in labels.attrs)


def place(source: str, row: Any, *, csv: bool) -> str:
    """"file, row N" (1-based data row); a CSV also gives the line (the header is line 1)."""
    row = int(row)
    return f"{source}, row {row}" + (f" (line {row + 1})" if csv else "")


def _long(table: _Table) -> pd.DataFrame:
    df = table.frame
    out = df.assign(transcript_id=id_strings(df["transcript_id"]),
                    standard_id=id_strings(df["standard_id"]),
                    reviewer=_optional(df, "reviewer"), note=_optional(df, "note"),
                    row=table.rows())
    table.check_ids(out, ("transcript_id", "standard_id"))
    out["human"] = normalise_statuses(_text(df["status"]), table, out["row"].to_numpy())
    return out[list(LABEL_COLUMNS)].reset_index(drop=True)


def _wide(table: _Table) -> pd.DataFrame:
    df = table.frame
    standards = [c for c in df.columns if c not in ("transcript_id", "reviewer", "note")]
    if not standards:
        raise InputError(f"{table.source}: no standard columns; expected long form "
                         "(transcript_id, standard_id, status) or wide form (transcript_id and "
                         "one column per standard id)")
    base = df[["transcript_id"]].assign(transcript_id=id_strings(df["transcript_id"]),
                                        reviewer=_optional(df, "reviewer"),
                                        note=_optional(df, "note"), row=table.rows())
    table.check_ids(base, ("transcript_id",))
    cells = {s: _text(df[s]) for s in standards}
    long = base.assign(**cells).melt(id_vars=["transcript_id", "reviewer", "note", "row"],
                                     value_vars=standards, var_name="standard_id",
                                     value_name="status")
    long = long[long["status"] != ""]  # an empty cell is a standard nobody labelled
    long["human"] = normalise_statuses(long["status"], table, long["row"].to_numpy(),
                                       long["standard_id"].to_numpy())
    long["standard_id"] = long["standard_id"].astype(str)
    return long.sort_values(["row", "standard_id"], kind="stable")[list(LABEL_COLUMNS)] \
        .reset_index(drop=True)


def _refuse_duplicates(df: pd.DataFrame, keys: tuple[str, ...], table: _Table,
                       what: str) -> None:
    dup = df.duplicated(list(keys), keep=False).to_numpy()
    if dup.any():
        first = df[dup].iloc[0]
        same = df[dup]
        for k in keys:
            same = same[same[k] == first[k]]
        rows = " and ".join(str(int(r)) for r in same["row"].iloc[:2])
        names = ", ".join(f"{k} {first[k]!r}" for k in keys if first[k] != "")
        raise InputError(f"{table.source}: rows {rows} {what} ({names})")


def _tidy_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Strip column names; the fixed ones (transcript_id, status, ...) match in any case."""
    fixed = ("transcript_id", "standard_id", "status", "reviewer", "note", "reason")
    names = {c: str(c).strip() for c in df.columns}
    names = {c: n.lower() if n.lower() in fixed else n for c, n in names.items()}
    return df.rename(columns=names)


def _text(series: pd.Series) -> pd.Series:
    """Cells as stripped strings; missing -> "", bools -> true/false, 1.0 -> "1.0"."""
    if series.dtype == bool:
        return series.map({True: "true", False: "false"})
    values = series.astype(object).where(series.notna(), "")
    return values.astype(str).str.strip()


def id_strings(series: pd.Series) -> pd.Series:
    """Ids as strings, so results and labels join on the same text; whole floats (ids read
    with gaps in a column) lose their ".0"."""
    import pandas as pd

    if pd.api.types.is_float_dtype(series) and (series.dropna() % 1 == 0).all():
        series = series.astype("Int64")
    return _text(series)


def _optional(df: pd.DataFrame, column: str) -> Any:
    return _text(df[column]) if column in df.columns else ""

