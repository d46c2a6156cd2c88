"""Tune each standard's numeric knobs to a team's own QA labels, with k-fold cross-validation.

`calibrate(transcripts, labels, standards=...)` annotates every labelled transcript once, then
judges it again with other values of each standard's numeric options, which are read at judge
time: tone thresholds (`min_mean`, `min_turn`, a respond trigger's `tone.min`), act-classifier
thresholds, `max_seconds` and `min_share`, `silence_seconds` and `thanks_within_turns`, window
sizes (`first_turns`, `last_turns`, `within_turns`). Fuzzy token patterns are matched when the
transcript is annotated, so they are not tuned here.

For each standard, values are chosen on the training folds (coordinate ascent over a small grid
around the pack's value, maximising Cohen's kappa from `csnlp.calibration.agreement`) and scored
on the held-out fold; the table gives the fold mean of kappa with the pack's values (before) and
with the chosen ones (after). A standard's new values, chosen on all labels, are kept only when
its fold mean after beats the one before (a tie keeps the pack's). A standard with fewer than
`min_labels` labelled transcripts, or one class only on the human side, is refused and left as
it is. Folds are stratified by the human label and seeded.

`Calibration.to_yaml()` is a standards file that `extends:` the pack with only the changed values,
each with a comment giving kappa before and after; it loads with `load_standards` like any other.

    >>> cal = calibrate("calls/", "labels.csv", standards="contact_center")  # doctest: +SKIP
    >>> print(cal.format_table())                                           # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ValidationError

from csnlp.calibration.agreement import _codes, kappa
from csnlp.calibration.labels import LABELS, read_labels
from csnlp.errors import InputError
from csnlp.standards.load import StandardSet, load_standards
from csnlp.standards.spec import ClassifierSpec, ExamplesSpec, RuleSpec, StandardBase

if TYPE_CHECKING:

    import pandas as pd

    from csnlp.detectors.base import Context
    from csnlp.evaluator import Evaluator

#: Fewer labelled transcripts than this and a standard is not tuned.
MIN_LABELS = 20
#: Knob names by the grid their candidates come from.
_SHARES = frozenset({"min_mean", "min_turn", "min_share", "min", "threshold"})
_SECONDS = frozenset({"max_seconds", "silence_seconds"})
_TURNS = frozenset({"first_turns", "last_turns", "within_turns", "thanks_within_turns"})
_SHARE_STEPS = (-0.2, -0.1, -0.05, 0.05, 0.1, 0.2)
_SECONDS_FACTORS = (1 / 3, 1 / 2, 2 / 3, 5 / 6, 4 / 3, 5 / 3, 2)
_TURN_STEPS = (-2, -1, 1, 2)
_EPS = 1e-9  # kappas closer than this are a tie
_MAX_PASSES = 3

TABLE_COLUMNS = ("standard_id", "n", "human", "kappa_before", "kappa_after", "changed", "note")


@dataclass(frozen=True)
class Knob:
    """One numeric option of a standard: its field path, the pack's value and the candidates
    (the pack's value first, then nearest first, so a tie keeps the pack's)."""

    path: tuple[str, ...]
    value: float
    candidates: tuple[float, ...]

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Calibration:
    """What `calibrate` found. `.table`: per standard n, the human classes, fold-mean kappa
    before and after, the changed values and a note; `.standards`: the tuned StandardSet;
    `.changes`: standard id -> {field path: (pack value, tuned value)}; `.refused`: standard id
    -> why it was not tuned."""

    table: pd.DataFrame
    standards: StandardSet
    base: StandardSet
    changes: dict[str, dict[tuple[str, ...], tuple[Any, Any]]]
    refused: dict[str, str]
    extends: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_yaml(self, extends: str | None = None) -> str:
        """A standards file that `extends:` the pack with only the changed values, each with a
        comment giving kappa before and after (fold mean). `extends`: the pack name or path to
        write (default: the one calibrated)."""
        target = extends or self.extends
        if not target:
            raise InputError("calibration: the standards were given as a dict or set with no "
                             "file behind it; pass to_yaml(extends=PACK_OR_PATH)")
        rows = {r["standard_id"]: r for r in self.table.to_dict("records")}
        m = self.meta
        lines = [f"# Tuned by csnlp calibrate on {m.get('transcripts', '?')} labelled "
                 f"transcripts, {m.get('folds')} folds, seed {m.get('seed')}.",
                 "# Only the changed values; kappa is the mean over held-out folds with the "
                 "pack's values",
                 "# (before) and with the tuned ones (after).",
                 "schema_version: 1",
                 f"name: {_scalar(self.standards.name)}",
                 f"version: {_scalar(self.standards.version)}",
                 f"description: {_scalar(self.standards.description)}",
                 f"extends: {_scalar(str(target))}"]
        if not self.changes:
            return "\n".join([*lines, "standards: []  # no tuned value beat the pack's", ""])
        lines.append("standards:")
        for sid, changed in self.changes.items():
            r = rows[sid]
            note = (f"kappa {r['kappa_before']:.3f} -> {r['kappa_after']:.3f} "
                    f"({m.get('folds')}-fold mean)")
            lines.append(f"  - id: {sid}")
            _emit(lines, {path: (old, new, note) for path, (old, new) in changed.items()}, 4)
        return "\n".join(lines) + "\n"

    def write(self, path: str | Path, extends: str | None = None) -> Path:
        """Write `to_yaml()` to `path`; a relative pack path is written relative to the file."""
        out = Path(path)
        target = extends or self.extends
        if target and Path(target).is_file():  # `extends:` paths resolve from the tuned file
            target = _relative(Path(target).resolve(), out.resolve().parent)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.to_yaml(target), encoding="utf-8")
        return out

    def format_table(self) -> str:
        """The before/after table as fixed-width text, for the command line; each column as
        wide as its widest cell, so long label summaries do not push the others out of line."""
        rows = [(str(r["standard_id"]), str(r["n"]), str(r["human"]), _fmt(r["kappa_before"]),
                 _fmt(r["kappa_after"]), str(r["changed"] or r["note"]))
                for r in self.table.to_dict("records")]
        head = ("standard", "n", "human labels", "before", "after", "changed / note")
        widths = [max(len(row[i]) for row in (head, *rows)) for i in range(5)]
        right = (False, True, False, True, True)

        def line(cells: tuple[str, ...]) -> str:
            out = [c.rjust(w) if r else c.ljust(w)
                   for c, w, r in zip(cells[:5], widths, right, strict=True)]
            return " ".join(out) + "  " + cells[5]

        first = line(head)
        return "\n".join([first, "-" * len(first), *(line(row) for row in rows)])


def calibrate(transcripts: Any, labels: Any, *,
              standards: str | Path | Mapping[str, Any] | StandardSet | None = None,
              folds: int = 5, seed: int = 0, reviewer: str | None = None,
              min_labels: int = MIN_LABELS, tone_model: Any = "default",
              act_model: Any = "default", **read_options: Any) -> Calibration:
    """Tune the standards' numeric knobs to the labels (see the module docstring).

    `transcripts`: a path, folder or glob (read with `csnlp.io.iter_records`, `read_options`
    such as `format=` and `text_field=` passed on), or an iterable of anything
    `coerce_transcript` takes. `labels`: what `read_labels` takes; several reviewers give the
    majority label per item (ties left out) unless `reviewer` picks one.
    """
    from csnlp.evaluator import Evaluator

    if not isinstance(folds, int) or folds < 2:
        raise InputError(f"calibrate: folds must be an integer of at least 2, got {folds!r}")
    human = _human_labels(read_labels(labels), reviewer)
    ev = Evaluator(standards, tone_model=tone_model, act_model=act_model)
    contexts = _contexts(ev, _read(transcripts, read_options), set(human["transcript_id"]))
    if not contexts:
        raise InputError(f"calibrate: none of the {human['transcript_id'].nunique()} labelled "
                         f"transcripts (e.g. {human['transcript_id'].iloc[0]!r}) is among the "
                         "transcripts given; labels join on the transcript id")
    index = {ctx.transcript.id: i for i, ctx in enumerate(contexts)}
    rows, changes, refused, tuned = [], {}, {}, []
    for standard, detector in zip(ev.standard_set.standards, ev.detectors, strict=True):
        mine = human[(human["standard_id"] == standard.id)
                     & human["transcript_id"].isin(index)]
        row = {"standard_id": standard.id, "n": len(mine), "human": _classes(mine["human"]),
               "kappa_before": np.nan, "kappa_after": np.nan, "changed": "", "note": ""}
        item = mine["transcript_id"].map(index).to_numpy()
        h = _codes(mine["human"])
        knobs = find_knobs(standard, ev.act_model)
        reason = _refusal(h, knobs, min_labels, folds)
        if reason:
            if reason.startswith("refused"):
                refused[standard.id] = reason
            row["note"] = reason
            rows.append(row)
            tuned.append(standard)
            continue
        judge = _Judge(ev, standard, detector, [contexts[i] for i in item], knobs)
        before, after, best = _cross_validate(judge, h, folds, seed)
        row.update(kappa_before=before, kappa_after=after)
        start = judge.start
        if best != start and after > before + _EPS:
            changed = {k.path: (_plain(k.value), _plain(v))
                       for k, v, old in zip(knobs, best, start, strict=True) if v != old}
            changes[standard.id] = changed
            row["changed"] = ", ".join(f"{'.'.join(p)} {o:g} -> {n:g}"
                                       for p, (o, n) in changed.items())
            tuned.append(judge.spec(best))
        else:
            row["note"] = ("no value beat the pack's" if best != start or after <= before
                           else "the pack's values are best on all labels")
            tuned.append(standard)
        rows.append(row)
    rows += _labels_only(human, ev.standard_set)
    import pandas as pd

    base = ev.standard_set
    # Validated like any other set, so the digest is that of the tuned file loaded.
    tuned_set = load_standards({**base.to_dict(), "name": base.name + "_tuned",
                                "standards": [s.model_dump(mode="json") for s in tuned]})
    return Calibration(
        table=pd.DataFrame(rows, columns=list(TABLE_COLUMNS)), standards=tuned_set, base=base,
        changes=changes, refused=refused, extends=_extends_of(standards, base),
        meta={"transcripts": len(contexts), "folds": folds, "seed": seed,
              "labels_without_transcript": sorted(set(human["transcript_id"]) - set(index))})


# -- knobs --------------------------------------------------------------------------------------

def find_knobs(standard: StandardBase, act_model: Any = None) -> list[Knob]:
    """The numeric options of `standard` that are read at judge time, with candidate grids.

    An option that is off (`silence_seconds: null`, no window) is not tuned; an act-classifier
    threshold left to the model (`threshold: null`) starts from the model's own threshold.
    """
    found: list[Knob] = []
    _walk(standard, (), act_model, found)
    return found


def _walk(model: BaseModel, path: tuple[str, ...], act_model: Any, out: list[Knob]) -> None:
    from csnlp.detectors.kinds.forbid import TurnModelSpec

    for name, value in model:
        here = (*path, name)
        # (a turn model's threshold is chosen against first-run verdicts when it is trained,
        # csnlp.calibration.blame; a pack sets `min` by hand)
        if isinstance(value, (RuleSpec, ExamplesSpec, TurnModelSpec)):
            continue
        if isinstance(value, ClassifierSpec):
            if value.enabled and act_model is not None:
                start = value.threshold or act_model.thresholds.get(value.act)
                if start is not None:
                    out.append(_knob((*here, "threshold"), "threshold", float(start)))
            continue
        if isinstance(value, BaseModel):
            _walk(value, here, act_model, out)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and (
                name in _SHARES | _SECONDS | _TURNS):
            out.append(_knob(here, name, value))


def _knob(path: tuple[str, ...], name: str, value: float) -> Knob:
    if name in _TURNS:
        grid = [value + d for d in _TURN_STEPS if value + d >= 1]
    elif name in _SECONDS:
        grid = [round(value * f, 1) for f in _SECONDS_FACTORS]
    else:
        grid = [round(value + d, 3) for d in _SHARE_STEPS] + [round(value / 2, 4),
                                                              round(value * 2, 4)]
        grid = [g for g in grid if 0 < g <= 1 or (g == 0 and name != "threshold")]
    others = sorted({g for g in grid if g != value}, key=lambda g: (abs(g - value), g))
    return Knob(path, value, (value, *others))


def _refusal(human: np.ndarray, knobs: list[Knob], min_labels: int, folds: int) -> str:
    """Why a standard is not tuned on these labels ('refused: ...' when the labels are too
    few or of one class), or ''."""
    n = len(human)
    if not n:
        return "not tuned: no labels"
    if not knobs:
        return "not tuned: no numeric option read at judge time"
    if n < max(min_labels, folds):
        return (f"refused: {n} labelled transcripts, too few to say anything "
                f"(needs {max(min_labels, folds)})")
    classes = sorted({LABELS[c] for c in human if c >= 0})
    if len(classes) < 2:
        return (f"refused: the reviewers gave only {classes[0]!r}, so kappa cannot tell one "
                "value from another" if classes else "refused: no readable label")
    return ""


# -- judging again ----------------------------------------------------------------------------

class _Judge:
    """The machine's verdict codes of one standard on the labelled items, per combination of
    knob values; each combination is judged once over all items and remembered."""

    def __init__(self, ev: Evaluator, standard: StandardBase, detector: Any,
                 contexts: list[Context], knobs: list[Knob]) -> None:
        self.ev, self.standard, self.contexts, self.knobs = ev, standard, contexts, knobs
        self.start = tuple(k.value for k in knobs)
        #: the verdict codes with the pack's own values (they always validate)
        self.pack_codes = self._run(detector)
        self._codes: dict[tuple[float, ...], np.ndarray | None] = {self.start: self.pack_codes}

    def spec(self, values: tuple[float, ...]) -> StandardBase:
        data = self.standard.model_dump()
        for knob, value in zip(self.knobs, values, strict=True):
            node = data
            for part in knob.path[:-1]:
                node = node[part]
            node[knob.path[-1]] = _plain(value)
        return type(self.standard).model_validate(data)

    def codes(self, values: tuple[float, ...]) -> np.ndarray | None:
        """Verdict codes (LABELS order; -1 an error) with these values; None if not valid."""
        if values not in self._codes:
            from csnlp.detectors.registry import get_detector

            try:
                spec = self.spec(values)
            except ValidationError:
                self._codes[values] = None
            else:
                # Same id and rules: the detector finds its compiled rules in the annotator.
                self._codes[values] = self._run(get_detector(spec.check)(spec, self.ev.annotator))
        return self._codes[values]

    def _run(self, detector: Any) -> np.ndarray:
        statuses = []
        for ctx in self.contexts:
            try:
                statuses.append(detector.check(ctx).status.value)
            except Exception:  # a failing check is an error verdict, as in Evaluator._judge
                statuses.append("error")
        return _codes(statuses)


def _contexts(ev: Evaluator, transcripts: Iterable[Any], wanted: set[str]) -> list[Context]:
    """The labelled transcripts with their annotations and metrics: annotated once."""
    from csnlp.transcript import coerce_transcript

    chosen = []
    for n, raw in enumerate(transcripts):
        t = coerce_transcript(raw, source=f"transcripts[{n}]")
        if t.id in wanted:
            chosen.append(t)
    turns = [turn for t in chosen for turn in t.turns]
    with ev.annotator.memory_zone():
        annotations = ev.annotator.annotate([t.text for t in turns], [t.speaker for t in turns])
    out, pos = [], 0
    for t in chosen:
        ctx = ev.context(t, annotations[pos:pos + len(t.turns)])
        pos += len(t.turns)
        # the pack's verdicts, judged once in the set's order, for the checks that read a
        # verdict judged before theirs (the tone standard's overall reading)
        ev.judge_context(ctx)
        out.append(ctx)
    return out


def _read(transcripts: Any, options: Mapping[str, Any]) -> Iterable[Any]:
    if isinstance(transcripts, (str, Path)) or (
            isinstance(transcripts, (list, tuple)) and transcripts
            and all(isinstance(p, (str, Path)) and Path(p).exists() for p in transcripts)):
        from csnlp.io.read import iter_records

        records = iter_records(transcripts, **options)
        return (r.transcript for r in records if r.ok)
    if options:
        raise InputError(f"calibrate: read options {sorted(options)} need transcript paths")
    return transcripts


# -- cross-validation -------------------------------------------------------------------------

def _score(h: np.ndarray, m: np.ndarray | None) -> float:
    """Kappa (agreement module) on the items the machine judged. Kappa is undefined only when
    both sides gave one and the same class, which is full agreement: 1."""
    if m is None:
        return -np.inf
    ok = m >= 0
    if not ok.any():
        return np.nan
    k = kappa(h[ok], m[ok])
    return 1.0 if np.isnan(k) else k


def _ascend(judge: _Judge, h: np.ndarray, items: np.ndarray) -> tuple[float, ...]:
    """Coordinate ascent from the pack's values: each knob in turn takes its best candidate on
    `items` (a tie keeps the current value), until a pass changes nothing."""
    current = judge.start
    best = _score(h[items], judge.pack_codes[items])
    for _ in range(_MAX_PASSES):
        moved = False
        for k, knob in enumerate(judge.knobs):
            for value in knob.candidates:
                trial = (*current[:k], value, *current[k + 1:])
                codes = judge.codes(trial)
                score = _score(h[items], None if codes is None else codes[items])
                if score > best + _EPS:
                    current, best, moved = trial, score, True
        if not moved:
            break
    return current


def _cross_validate(judge: _Judge, h: np.ndarray, folds: int, seed: int
                    ) -> tuple[float, float, tuple[float, ...]]:
    """Fold-mean kappa with the pack's values and with values chosen on the training folds,
    and the values chosen on all items."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    before, after = [], []
    pack = judge.pack_codes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a class rarer than the folds is still split
        splits = list(splitter.split(np.zeros(len(h)), h))
    for train, test in splits:
        chosen = judge.codes(_ascend(judge, h, train))
        assert chosen is not None  # _ascend moves only to values that validate
        before.append(_score(h[test], pack[test]))
        after.append(_score(h[test], chosen[test]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # all-NaN folds give NaN, said in the table
        mean_before, mean_after = float(np.nanmean(before)), float(np.nanmean(after))
    return mean_before, mean_after, _ascend(judge, h, np.arange(len(h)))


# -- labels -----------------------------------------------------------------------------------

def _human_labels(labels: pd.DataFrame, reviewer: str | None) -> pd.DataFrame:
    """One human label per (transcript, standard): the reviewer's, or the majority's."""
    keys = ["transcript_id", "standard_id"]
    if reviewer is not None:
        if reviewer not in set(labels["reviewer"]):
            raise InputError(f"{labels.attrs.get('source', 'labels')}: no labels by reviewer "
                             f"{reviewer!r}")
        return labels[labels["reviewer"] == reviewer][[*keys, "human"]]
    if labels["reviewer"].nunique() < 2:
        return labels[[*keys, "human"]]
    votes = labels.groupby([*keys, "human"]).size().rename("votes").reset_index()
    top = votes.groupby(keys)["votes"].transform("max")
    winners = votes[votes["votes"] == top]
    single = winners.groupby(keys)["human"].transform("size") == 1
    return winners[single][[*keys, "human"]].reset_index(drop=True)


def _classes(human: pd.Series) -> str:
    counts = human.value_counts()
    return " / ".join(f"{counts[c]} {c}" for c in LABELS if c in counts)


def _labels_only(human: pd.DataFrame, standards: StandardSet) -> list[dict[str, Any]]:
    rows = []
    for sid in sorted(set(human["standard_id"]) - set(standards.ids)):
        mine = human[human["standard_id"] == sid]
        rows.append({"standard_id": sid, "n": len(mine), "human": _classes(mine["human"]),
                     "kappa_before": np.nan, "kappa_after": np.nan, "changed": "",
                     "note": "labelled, but not a standard of this set"})
    return rows


# -- output -----------------------------------------------------------------------------------

def _emit(lines: list[str], changes: Mapping[tuple[str, ...], tuple[Any, Any, str]],
          indent: int) -> None:
    """Nested YAML for {field path: (old, new, note)}, one commented line per value."""
    groups: dict[str, dict[tuple[str, ...], tuple[Any, Any, str]]] = {}
    for path, change in changes.items():
        if len(path) == 1:
            old, new, note = change
            lines.append(f"{' ' * indent}{path[0]}: {_scalar(new)}  # was {_scalar(old)}; "
                         f"{note}")
        else:
            groups.setdefault(path[0], {})[path[1:]] = change
    for name, sub in groups.items():
        lines.append(f"{' ' * indent}{name}:")
        _emit(lines, sub, indent + 2)


def _scalar(value: Any) -> str:
    import json

    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, float):  # always with a dot: YAML reads "1e-05" as text
        text = f"{value:.6f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return str(value)


def _plain(value: float) -> int | float:
    """An int stays an int in the tuned spec and the file (window sizes)."""
    return int(value) if isinstance(value, int) else float(value)


def _fmt(value: float) -> str:
    return "-" if value is None or np.isnan(value) else f"{value:.3f}"


def _relative(target: Path, start: Path) -> str:
    try:
        return str(target.relative_to(start))
    except ValueError:
        return str(target)


def _extends_of(standards: Any, base: StandardSet) -> str | None:
    """What the tuned file extends: the pack name or file calibrated, when there is one."""
    if standards is None:
        return base.name
    if isinstance(standards, (str, Path)):
        return str(standards)
    if base.source.startswith("pack "):
        return base.source[5:]
    return base.source if Path(base.source).is_file() else None
