"""`csnlp report`: one self-contained HTML coaching report (inline CSS, no scripts, no assets).

A coach sees first where coaching gains most (the largest gaps across all agents), then a
scorecard of every agent against every standard, then one section per agent with its gaps, the
coaching tip and the words from its own calls, highlighted in the turn they came from.
All transcript text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csnlp.coaching.analysis import compliance, consistency, gaps, scorecard
from csnlp.errors import InputError
from csnlp.results import EvidenceRole

if TYPE_CHECKING:
    import pandas as pd

#: Longest turn shown whole; longer turns are cut around the highlighted words.
MAX_CONTEXT = 420
TOP_PRIORITIES = 12
GAPS_PER_GROUP = 5


def load_results(paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """The results frame of batch outputs (.jsonl, .parquet, .csv): `csnlp.read_results`."""
    from csnlp.frames import read_results

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise InputError("report: no results files given")
    return read_results(paths)


#: Columns that together tell one evaluated input from another.
CALL_KEY = ("transcript_id", "input_index", "source_file", "source_line", "source_record")


def count_calls(frame: pd.DataFrame) -> int:
    """How many inputs (calls) a results frame holds, error rows included: the same from every
    output format, and two inputs with one id count twice when their source tells them apart."""
    key = [c for c in CALL_KEY if c in frame.columns]
    return len(frame[key].drop_duplicates()) if key and len(frame) else 0


def render_html(frame: pd.DataFrame, *, by: str = "agent_id", standards: Any = None,
                team: str | None = "team", title: str = "Coaching report") -> str:
    """The report as one HTML string. `standards` gives coaching tips (see `coaching_tips`).

    >>> html = render_html(frame, by="agent_id")    # doctest: +SKIP
    """
    if by not in frame.columns:
        raise InputError(f"report: the results have no column {by!r} to group by; "
                         f"columns are {list(frame.columns)}")
    team = team if team and team != by and team in frame.columns else None
    frame = frame.assign(**{by: [_group_value(v, by) for v in frame[by]]})
    gap_rows = gaps(frame, agent=by, team=team, standards=standards)
    cards = scorecard(frame, by)
    rates = compliance(frame, by)
    population = compliance(frame)
    spread = consistency(frame, by) if frame[by].nunique() > 1 else None
    names = _display_names(frame, by)
    anchors = {g: f"g{i}" for i, g in enumerate(cards[by])}
    parts = [
        _head(title),
        _summary(frame, cards, population, by, title),
        _overrides(frame),
        _priorities(gap_rows, by, team, names, anchors),
        _matrix(rates, cards, by, names, anchors),
        _standards_table(population, spread, by),
        *(_group_section(g, frame, cards, rates, gap_rows, by, team, names, anchors)
          for g in cards[by]),
        "</main></body></html>\n",
    ]
    return "\n".join(parts)


def write_report(frame: pd.DataFrame, out: str | Path, **kwargs: Any) -> Path:
    """Render `frame` with `render_html(**kwargs)` and write it to `out` (UTF-8)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(frame, **kwargs), encoding="utf-8")
    return out


# -- page parts -------------------------------------------------------------------------------

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1d2433;background:#f4f6f9}
main{max-width:1280px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 10px}h3{font-size:15px;margin:0 0 6px}
.meta{color:#5b6577;margin:0 0 14px}
section{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:18px 20px;margin:18px 0}
.kpis{display:flex;gap:12px;flex-wrap:wrap}
.kpi{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:10px 16px;min-width:150px}
.kpi b{display:block;font-size:24px}.kpi span{color:#5b6577;font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #edf0f4;text-align:left;vertical-align:middle}
th{font-size:12px;color:#5b6577;font-weight:600;background:#fafbfc}
td.num,th.num{text-align:right;white-space:nowrap}
.note{color:#5b6577;font-size:12.5px;margin:4px 0 10px}
.wide{overflow-x:auto}
.matrix{width:auto}.matrix td:first-child{min-width:110px}
.matrix td.cell{text-align:center;font-weight:600;min-width:46px;padding:5px 3px;
 border:2px solid #fff}
.matrix td.cell small{display:block;font-weight:400;color:#3b4455;font-size:11px}
.matrix th.std{width:66px;font-size:10.5px;line-height:1.25;padding:6px 3px;text-align:center;
 vertical-align:bottom;hyphens:auto}
@media (max-width:1100px){main{padding:16px 12px 40px}section{padding:14px 12px}}
.bar{position:relative;height:14px;background:#edf0f4;border-radius:7px;min-width:140px}
.bar i{position:absolute;left:0;top:0;bottom:0;border-radius:7px}
.bar u{position:absolute;top:5px;height:4px;background:rgba(0,0,0,.35);text-decoration:none}
.bar s{position:absolute;top:-3px;bottom:-3px;width:3px;background:#111;text-decoration:none}
.bar em{position:absolute;top:-3px;bottom:-3px;width:3px;background:#1f4e9c}
.badge{display:inline-block;border-radius:9px;padding:0 8px;font-size:11.5px;font-weight:600}
.clear{background:#fde2e1;color:#9b1c1c}.possible{background:#fff3d6;color:#8a5a00}
.gap{border-left:4px solid #d9534f;padding:10px 14px;margin:14px 0;background:#fffafa;
 border-radius:6px}
.gap.soft{border-left-color:#e0a030;background:#fffdf7}
.tip{background:#eef5ff;border-radius:6px;padding:8px 12px;margin:8px 0}
.tip b{color:#1f4e9c}
.ev{margin:8px 0 0;padding:8px 12px;background:#fff;border:1px solid #e6e9ef;border-radius:6px}
.ev .src{font-size:12px;color:#5b6577}
.turn{margin:4px 0 0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 font-size:12.5px;white-space:pre-wrap;word-break:break-word}
.turn .who{font-weight:700;text-transform:capitalize;margin-right:6px}
.turn .rule{display:block;font-family:system-ui,sans-serif;font-size:11px;color:#7a8396}
mark.hit{background:#ffd54f;padding:0 2px;border-radius:3px}
mark.looked{background:#e3ecfa;outline:1px dashed #1f4e9c;padding:0 2px;border-radius:3px}
a{color:#1f4e9c}
.sub{margin-top:18px}
.group h2 small{font-weight:400;color:#5b6577;font-size:14px}
"""


def _head(title: str) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>")


def _summary(frame: pd.DataFrame, cards: pd.DataFrame, population: pd.DataFrame, by: str,
             title: str) -> str:
    checks = population[["met", "n"]].sum()
    overall = checks["met"] / checks["n"] if checks["n"] else math.nan
    failed = int(cards["failed"].sum())
    span = ""
    if "date" in frame.columns:
        dates = frame["date"].dropna().astype(str).str[:10]
        if len(dates):
            span = f" · {_e(dates.min())} to {_e(dates.max())}"
    kpis = [(_pct(overall), "standards met, all calls"),
            (str(count_calls(frame)), "calls"),
            (str(len(cards)), f"{_label(by).lower()}s"),
            (str(population["standard_id"].nunique()), "standards")]
    if failed:
        kpis.append((str(failed), "calls that failed to evaluate"))
    if "verdict_source" in frame.columns:
        kpis.append((str(int((frame["verdict_source"] == "reviewer").sum())),
                     "verdicts changed by a reviewer"))
    kpi_html = "".join(f'<div class="kpi"><b>{v}</b><span>{_e(label)}</span></div>'
                       for v, label in kpis)
    return (f"<header><h1>{_e(title)}</h1><p class=\"meta\">Grouped by <b>{_e(by)}</b>{span}. "
            "Rates are met / (met + missed); not applicable and errors are left out. "
            "Brackets give the 95% Wilson interval: a rate from 3 calls is a hint, from 300 a "
            f"fact.</p><div class=\"kpis\">{kpi_html}</div></header>")


def _overrides(frame: pd.DataFrame) -> str:
    """The verdicts a reviewer changed (`csnlp.calibration.apply_overrides`), with the reason."""
    if "verdict_source" not in frame.columns:
        return ""
    changed = frame[frame["verdict_source"] == "reviewer"]
    if changed.empty:
        return ""
    rows = "".join(
        f'<tr><td>{_e(r["transcript_id"])}</td>'
        f'<td>{_e(r.get("title")) or _e(r["standard_id"])}</td>'
        f'<td><s>{_e(r["machine_status"])}</s> → <b>{_e(r["status"])}</b> '
        f'<span class="badge possible">✎ reviewer</span></td><td>{_e(r["reviewer"])}</td>'
        f'<td>{_e(r["reason"])}</td></tr>' for r in changed.to_dict("records"))
    return ('<section id="overrides"><h2>Verdicts changed by a reviewer</h2><p class="note">'
            "These verdicts are a person's, not the machine's; the rates below use them.</p>"
            "<table><thead><tr><th>Call</th><th>Standard</th><th>Machine → reviewer</th>"
            f"<th>Reviewer</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>")


def _priorities(gap_rows: pd.DataFrame, by: str, team: str | None, names: dict,
                anchors: dict) -> str:
    top = gap_rows[gap_rows["gain"] > 0].head(TOP_PRIORITIES)
    bench = ("the better of their team's and the population's rate" if team
             else "the population's rate")
    head = ('<section id="priorities"><h2>Where coaching gains most</h2><p class="note">'
            f"Each row is one {_e(_label(by).lower())} and one standard, ranked by the calls "
            f"that would have met the standard at the benchmark ({bench}, from the others' "
            "calls): gap × calls. <span class=\"badge clear\">clear</span> means even the top "
            "of the 95% interval is below the benchmark.</p>")
    if top.empty:
        return head + "<p>No agent is below the benchmark on any standard.</p></section>"
    rows = []
    for r in top.itertuples(index=False):
        g = r[1]  # the group column follows rank
        badge = ('<span class="badge clear">clear</span>' if r.clear_gap
                 else '<span class="badge possible">possible</span>')
        rows.append(
            f'<tr><td><a href="#{anchors.get(g, "")}">{_e(names.get(g, g))}</a></td>'
            f"<td>{_e(r.title)}</td><td class=\"num\">{_pct(r.rate)} <small>({r.met}/{r.n})"
            f"</small></td>{_team_td(r, team)}<td class=\"num\">{_pct(r.population_rate)}</td>"
            f"<td class=\"num\"><b>{r.gain:.1f}</b></td><td>{badge}</td></tr>")
    return (head + "<table><thead><tr><th>" + _e(_label(by)) + "</th><th>Standard</th>"
            f'<th class="num">Rate</th>{_team_th(team)}<th class="num">Population</th>'
            '<th class="num">Calls to gain</th><th></th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></section>")


def _matrix(rates: pd.DataFrame, cards: pd.DataFrame, by: str, names: dict,
            anchors: dict) -> str:
    standards = list(dict.fromkeys(rates["standard_id"]))
    titles = dict(zip(rates["standard_id"], rates["title"], strict=False))
    cell = {(g, s): (rate, met, n) for g, s, rate, met, n in
            rates[[by, "standard_id", "rate", "met", "n"]].itertuples(index=False, name=None)}
    head = "".join(f'<th class="std" title="{_e(s)}">{_e(titles.get(s, s))}</th>'
                   for s in standards)
    body = []
    for c in cards.itertuples(index=False):
        g = c[0]
        cells = []
        for s in standards:
            rate, met, n = cell.get((g, s), (math.nan, 0, 0))
            if n:
                cells.append(f'<td class="cell" style="background:{_colour(rate)}">'
                             f"{_pct(rate)}<small>{met}/{n}</small></td>")
            else:
                cells.append('<td class="cell" style="background:#f1f3f6;color:#9aa3b2">'
                             "–<small>n/a</small></td>")
        body.append(f'<tr><td><a href="#{anchors[g]}">{_e(names.get(g, g))}</a></td>'
                    f'<td class="num">{c.transcripts}</td>'
                    f'<td class="cell" style="background:{_colour(c.rate)}">{_pct(c.rate)}'
                    f"<small>{c.met}/{c.n}</small></td>{''.join(cells)}</tr>")
    return ('<section id="scorecard"><h2>Scorecard</h2><p class="note">Every '
            f"{_e(_label(by).lower())} against every standard, weakest overall first. Each cell "
            "is the rate and met/applicable calls.</p>"
            # a pack far larger than the default scrolls inside its box, never the page
            '<div class="wide"><table class="matrix"><thead><tr><th>'
            f"{_e(_label(by))}</th><th class=\"num\">Calls</th><th class=\"std\">All standards"
            f"</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>")


def _standards_table(population: pd.DataFrame, spread: pd.DataFrame | None, by: str) -> str:
    pop = population[population["n"] > 0].sort_values("rate", kind="stable")
    spread_by = {} if spread is None else {r.standard_id: r for r in spread.itertuples()}
    rows = []
    for r in pop.itertuples(index=False):
        s = spread_by.get(r.standard_id)
        between = ("" if s is None or s.groups < 2 else
                   f"{_pct(s.min_rate)}–{_pct(s.max_rate)} <small>({s.groups} groups)</small>")
        verdict = ("" if s is None or s.groups < 2 else
                   "real differences" if s.p_value < 0.05 else
                   "possible differences" if s.p_value < 0.25 else "no clear difference")
        rows.append(f"<tr><td>{_e(r.title)}</td><td>{_bar(r.rate, r.ci_low, r.ci_high)}</td>"
                    f'<td class="num">{_pct(r.rate)} <small>[{_pct(r.ci_low)}–'
                    f"{_pct(r.ci_high)}]</small></td><td class=\"num\">{r.n}</td>"
                    f'<td class="num">{between}</td><td>{verdict}</td></tr>')
    return ('<section id="standards"><h2>Standards across all calls, weakest first</h2>'
            '<p class="note">The spread column is the lowest and highest '
            f"{_e(_label(by).lower())} rate; the last column says whether that spread is more "
            "than chance (chi-square test: real p &lt; 0.05, possible p &lt; 0.25).</p>"
            "<table><thead><tr><th>Standard</th><th>Rate"
            '</th><th class="num">Rate [95%]</th><th class="num">Calls</th>'
            f'<th class="num">Spread by {_e(_label(by).lower())}</th><th>Consistency</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></section>")


def _group_section(g: Any, frame: pd.DataFrame, cards: pd.DataFrame, rates: pd.DataFrame,
                   gap_rows: pd.DataFrame, by: str, team: str | None, names: dict,
                   anchors: dict) -> str:
    card = cards[cards[by] == g].iloc[0]
    mine = gap_rows[gap_rows[by] == g]
    team_name = (f" · {_e(_label(team))} {_e(mine[team].iloc[0])}"
                 if team and not mine.empty else "")
    head = (f'<section class="group" id="{anchors[g]}"><h2>{_e(names.get(g, g))}'
            f"<small>{team_name} · {card.transcripts} calls · {_pct(card.rate)} of applicable "
            f"standards met [{_pct(card.ci_low)}–{_pct(card.ci_high)}]</small></h2>")
    rows = []
    for r in mine.sort_values("rank").itertuples(index=False):
        rows.append(f"<tr><td>{_e(r.title)}</td>"
                    f"<td>{_bar(r.rate, r.ci_low, r.ci_high, r.team_rate, r.population_rate)}</td>"
                    f'<td class="num">{_pct(r.rate)} <small>({r.met}/{r.n})</small></td>'
                    f'{_team_td(r, team)}<td class="num">{_pct(r.population_rate)}</td>'
                    f'<td class="num">{_signed(r.gap)}</td></tr>')
    table = ('<table><thead><tr><th>Standard</th><th>Rate <small>(bar: this '
             f"{_e(_label(by).lower())}; black: population{'; blue: team' if team else ''})"
             f'</small></th><th class="num">Rate</th>{_team_th(team)}'
             '<th class="num">Population</th>'
             '<th class="num">vs benchmark</th></tr></thead><tbody>' + "".join(rows)
             + "</tbody></table>")
    todo = mine[mine["gain"] > 0].head(GAPS_PER_GROUP)
    if todo.empty:
        gaps_html = "<p>No gap against the benchmark. Nothing to coach here.</p>"
    else:
        gaps_html = "<h3 class=\"sub\">Gaps to coach, largest first</h3>" + "".join(
            _gap_card(r, g, names, team) for r in todo.itertuples(index=False))
    return head + table + gaps_html + "</section>"


def _gap_card(r: Any, g: Any, names: dict, team: str | None) -> str:
    soft = "" if r.clear_gap else " soft"
    tip = (f'<div class="tip"><b>Coaching tip:</b> {_e(r.coaching_tip)}</div>'
           if isinstance(r.coaching_tip, str) and r.coaching_tip else "")
    evidence = "".join(_evidence(ev) for ev in (r.evidence or []))
    if not evidence:
        evidence = '<p class="note">No evidence recorded for these misses.</p>'
    return (f'<div class="gap{soft}"><h3>{_e(r.title)} '
            f'<span class="badge {"clear" if r.clear_gap else "possible"}">'
            f'{"clear gap" if r.clear_gap else "possible gap"}</span></h3>'
            f"<div>{_e(names.get(g, g))} met it in <b>{r.met} of {r.n}</b> calls "
            f"({_pct(r.rate)}, 95% {_pct(r.ci_low)}–{_pct(r.ci_high)}); benchmark "
            f"{_pct(r.benchmark)} ({f'team {_pct(r.team_rate)}, ' if team else ''}population "
            f"{_pct(r.population_rate)}). About <b>{r.gain:.1f}</b> more calls would have met "
            f"it.</div>{tip}<div class=\"note\">From {_e(names.get(g, g))}'s own missed calls:"
            f"</div>{evidence}</div>")


def _evidence(snippet: dict[str, Any]) -> str:
    """One missed call: where it came from, why it missed, and its turns with the words marked."""
    from csnlp.frames import evidence_item

    src = " · ".join(_e(x) for x in (snippet.get("transcript_id"), snippet.get("date")) if x)
    why = f"<div>{_e(snippet['explanation'])}</div>" if snippet.get("explanation") else ""
    return (f'<div class="ev"><div class="src">{src}</div>{why}'
            + "".join(_turn(evidence_item(item)) for item in snippet.get("items") or ())
            + "</div>")


def _turn(item: dict[str, Any]) -> str:
    """One evidence item in its turn: the turn numbered from 1, as the explanation counts."""
    looked = item.get("role") == EvidenceRole.SEARCHED
    text = _highlight(item.get("context"), item.get("start_char"), item.get("end_char"),
                      item.get("text"), looked=looked)
    if not text:
        return ""
    turn = item.get("turn_index")
    where = (f"turn {int(turn) + 1}" if isinstance(turn, (int, float)) and turn == turn
             else "")
    role = item.get("role")
    # a plain match shows its rule's label; the other roles say what they are first
    what = _e(" ".join(str(x) for x in (role if role != EvidenceRole.MATCH else "",
                                        item.get("label")) if x))
    label = " · ".join(x for x in (where, what) if x)
    who = f'<span class="who">{_e(item["speaker"])}:</span>' if item.get("speaker") else ""
    return (f'<div class="turn"><span class="rule">{label}</span>{who}{text}</div>')


def _highlight(context: Any, start: Any, end: Any, text: Any, *, looked: bool) -> str:
    """The turn, escaped, with context[start:end] in a <mark>; falls back to finding `text`."""
    css = "looked" if looked else "hit"
    if not isinstance(context, str) or not context:
        return f'<mark class="{css}">{_e(text)}</mark>' if isinstance(text, str) and text else ""
    span = _span(context, start, end, text)
    if span is None:
        return _e(_clip(context))
    s, t = span
    lo, hi = max(0, s - MAX_CONTEXT // 2), min(len(context), t + MAX_CONTEXT // 2)
    if t - s > MAX_CONTEXT:
        hi = t
    pre = ("…" if lo > 0 else "") + context[lo:s]
    post = context[t:hi] + ("…" if hi < len(context) else "")
    return f'{_e(pre)}<mark class="{css}">{_e(context[s:t])}</mark>{_e(post)}'


def _span(context: str, start: Any, end: Any, text: Any) -> tuple[int, int] | None:
    try:
        s, t = int(start), int(end)
    except (TypeError, ValueError):
        s, t = -1, -1
    if 0 <= s <= t <= len(context) and (not isinstance(text, str) or context[s:t] == text):
        return s, t
    if isinstance(text, str) and text and text in context:
        s = context.index(text)
        return s, s + len(text)
    return None


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CONTEXT else text[:MAX_CONTEXT] + "…"


# -- small formatting helpers -----------------------------------------------------------------

def _e(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return escape(str(value), quote=True)


def _pct(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return "–" if math.isnan(v) else f"{v:.0%}"


def _signed(value: Any) -> str:
    """A gap as points ahead (+) or behind (-) the benchmark; rounded first, so never "-0"."""
    v = float(value)
    if math.isnan(v):
        return "–"
    points = round(-v * 100)
    return f"{points:+d} pts" if points else "0 pts"


def _colour(rate: Any) -> str:
    """Red (0) through amber to green (1), light enough for dark text."""
    v = float(rate)
    if math.isnan(v):
        return "#f1f3f6"
    return f"hsl({round(120 * v)},70%,{82 if 0.3 < v < 0.8 else 78}%)"


def _group_value(value: Any, by: str) -> Any:
    """A readable group label: missing -> "(no agent_id)"; 12.0 (ints read with gaps) -> 12."""
    import pandas as pd

    if pd.isna(value):
        return f"(no {by})"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _team_th(team: str | None) -> str:
    return f'<th class="num">{_e(_label(team))}</th>' if team else ""


def _team_td(row: Any, team: str | None) -> str:
    return f'<td class="num">{_pct(row.team_rate)}</td>' if team else ""


def _bar(rate: Any, lo: Any, hi: Any, team: Any = math.nan, population: Any = math.nan) -> str:
    parts = [f'<div class="bar"><i style="width:{_w(rate)}%;background:{_colour(rate)}"></i>']
    if _ok(lo) and _ok(hi):
        parts.append(f'<u style="left:{_w(lo)}%;width:{max(_w(hi) - _w(lo), 0.5):.1f}%"></u>')
    if _ok(population):
        parts.append(f'<s style="left:calc({_w(population)}% - 1px)" title="population"></s>')
    if _ok(team):
        parts.append(f'<em style="left:calc({_w(team)}% - 1px)" title="team"></em>')
    return "".join(parts) + "</div>"


def _w(value: Any) -> float:
    return round(100 * min(max(float(value), 0.0), 1.0), 1) if _ok(value) else 0.0


def _ok(value: Any) -> bool:
    try:
        return not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _label(column: str) -> str:
    return {"agent_id": "Agent", "team": "Team", "channel": "Channel"}.get(
        column, column.replace("_", " ").capitalize())


def _display_names(frame: pd.DataFrame, by: str) -> dict[Any, str]:
    """Group -> label; agents show their name and id when the frame has agent_name."""
    if by != "agent_id" or "agent_name" not in frame.columns:
        return {}
    pairs = frame[[by, "agent_name"]].dropna().drop_duplicates(by)
    return {g: f"{name} ({g})" if str(name) != str(g) else str(g)
            for g, name in pairs.itertuples(index=False, name=None)}
