"""`csnlp agreement --out`: one self-contained HTML page (inline CSS, no scripts, no assets).

The per-standard table first, then each standard's confusion matrix, the inter-rater figures
when several reviewers labelled the same calls, and every disagreement with the machine's
explanation and the call's turns, the matched or searched words highlighted. Same look and
escaping as the coaching report (`csnlp.coaching.report`); every value is escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from csnlp.calibration.labels import LABELS
from csnlp.coaching.report import _colour, _e, _evidence, _head, _pct

if TYPE_CHECKING:
    from csnlp.calibration.agreement import Agreement

#: Disagreements shown per standard (the JSON report has all of them).
MAX_SHOWN = 100

_EXTRA_CSS = """
.confusions{display:flex;flex-wrap:wrap;gap:14px}
.confusion{border:1px solid #e6e9ef;border-radius:8px;padding:8px 10px}
.confusion table{width:auto}.confusion td.cell{text-align:center;min-width:54px}
.confusion td.diag{background:#e3f4e6;font-weight:600}
.verdict{display:inline-block;border-radius:9px;padding:0 8px;font-size:11.5px;font-weight:600}
.v-met{background:#e3f4e6;color:#1d6b2c}.v-missed{background:#fde2e1;color:#9b1c1c}
.v-not_applicable{background:#edf0f4;color:#3b4455}
"""
_SHORT = {"met": "met", "missed": "missed", "not_applicable": "n/a"}


def render_agreement_html(result: Agreement, *, title: str = "Agreement with QA reviewers",
                          max_shown: int = MAX_SHOWN) -> str:
    """The agreement as one HTML string."""
    parts = [_head(title).replace("</head>", f"<style>{_EXTRA_CSS}</style></head>"),
             _summary(result, title), _table(result), _confusions(result)]
    if result.inter_rater is not None:
        parts.append(_inter_rater(result.inter_rater))
    parts.append(_disagreements(result, max_shown))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def write_agreement_html(result: Agreement, out: str | Path, **kwargs: Any) -> Path:
    """Render `result` with `render_agreement_html(**kwargs)` and write it to `out` (UTF-8)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_agreement_html(result, **kwargs), encoding="utf-8")
    return out


def _summary(result: Agreement, title: str) -> str:
    o = result.overall
    who = f" by reviewer <b>{_e(result.reviewer)}</b>" if result.reviewer else ""
    kpis = [(str(o["n"]), "labelled verdicts compared"), (_pct(o["agreement"]), "agreement"),
            (_k(o["kappa"]), "Cohen's kappa"), (str(o["disagreements"]), "disagreements")]
    if o["errors"]:
        kpis.append((str(o["errors"]), "labels on machine errors (left out)"))
    if o["labels_only"]:
        kpis.append((str(o["labels_only"]), "labels with no machine verdict"))
    kpi_html = "".join(f'<div class="kpi"><b>{_e(v)}</b><span>{_e(label)}</span></div>'
                       for v, label in kpis)
    u = result.unmatched
    lost = [(u["transcripts_labels_only"], "labelled calls missing from the results"),
            (u["standards_labels_only"], "labelled standards missing from the results")]
    warn = "".join(f'<p class="note"><b>{len(ids)} {_e(what)}:</b> {_e(", ".join(ids[:30]))}'
                   f"{' …' if len(ids) > 30 else ''}</p>" for ids, what in lost if ids)
    if u["transcripts_results_only"]:
        warn += (f'<p class="note">{len(u["transcripts_results_only"])} calls in the results '
                 "have no label.</p>")
    return (f"<header><h1>{_e(title)}</h1><p class=\"meta\">Machine verdicts against human QA "
            f"labels{who}. Agreement is the share of equal verdicts; Cohen's kappa corrects it "
            "for chance (1 = perfect, 0 = no better than chance), with a bootstrap 95% "
            f'interval.</p><div class="kpis">{kpi_html}</div>{warn}</header>')


def _table(result: Agreement) -> str:
    t = result.table
    rater = "reviewer_kappa" in t.columns
    rows = []
    for i, r in enumerate(t.to_dict("records")):
        ci = ("" if r["kappa_low"] != r["kappa_low"] else
              f" <small>[{_k(r['kappa_low'])}, {_k(r['kappa_high'])}]</small>")
        diff = (f'<a href="#d{i}">{r["disagreements"]}</a>' if r["disagreements"]
                else "0")
        extra = (f'<td class="num">{_k(r["reviewer_kappa"])}</td>'
                 f'<td class="num">{_k(r["majority_kappa"])}</td>' if rater else "")
        rows.append(
            f'<tr><td title="{_e(r["standard_id"])}">{_e(r["title"] or r["standard_id"])}</td>'
            f'<td class="num">{r["n"]}</td><td class="num">{_pct(r["agreement"])}</td>'
            f'<td class="num" style="background:{_kcolour(r["kappa"])}">{_k(r["kappa"])}{ci}'
            f'</td><td class="num">{diff}</td><td class="num">{r["errors"]}</td>'
            f'<td class="num">{r["labels_only"]}</td><td class="num">{r["results_only"]}</td>'
            f"{extra}<td>{_e(r['note'])}</td></tr>")
    head = ("<th>Standard</th><th class=\"num\">Pairs</th><th class=\"num\">Agreement</th>"
            "<th class=\"num\">Kappa [95%]</th><th class=\"num\">Disagreements</th>"
            "<th class=\"num\">Machine errors</th><th class=\"num\">Labels, no verdict</th>"
            "<th class=\"num\">Verdicts, no label</th>"
            + ("<th class=\"num\">Reviewers' kappa</th><th class=\"num\">Machine vs majority"
               "</th>" if rater else "") + "<th>Note</th>")
    note = ("Reviewers' kappa is the mean kappa between pairs of reviewers on the calls they "
            "both labelled: the ceiling a machine can fairly be held to." if rater else "")
    return (f'<section id="standards"><h2>Per standard</h2><p class="note">{note}</p><table>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _confusions(result: Agreement) -> str:
    blocks = []
    for r in result.table.to_dict("records"):
        matrix = result.confusion[r["standard_id"]]
        head = "".join(f"<th class=\"num\">{_SHORT[m]}</th>" for m in LABELS)
        body = "".join(
            f"<tr><th>{_SHORT[h]}</th>" + "".join(
                f'<td class="cell{" diag" if i == j else ""}">{matrix[i][j]}</td>'
                for j in range(len(LABELS))) + "</tr>"
            for i, h in enumerate(LABELS))
        blocks.append(f'<div class="confusion"><h3>{_e(r["title"] or r["standard_id"])}</h3>'
                      f"<table><thead><tr><th>human ↓ machine →</th>{head}</tr></thead>"
                      f"<tbody>{body}</tbody></table></div>")
    return ('<section id="confusion"><h2>Confusion per standard</h2><p class="note">Rows are '
            "the human verdict, columns the machine's; the diagonal is agreement.</p>"
            f'<div class="confusions">{"".join(blocks)}</div></section>')


def _inter_rater(inter: dict[str, Any]) -> str:
    rows = []
    for s in inter["standards"]:
        pairs = "; ".join(f"{_e(' / '.join(p['reviewers']))}: {_k(p['kappa'])} "
                          f"<small>(n={p['n']})</small>" for p in s["pairs"])
        each = "; ".join(f"{_e(m['reviewer'])}: {_k(m['kappa'])} <small>(n={m['n']})</small>"
                         for m in s["machine_vs_reviewer"])
        maj = s["machine_vs_majority"]
        rows.append(f"<tr><td>{_e(s['standard_id'])}</td><td class=\"num\">{s['items']}</td>"
                    f"<td class=\"num\"><b>{_k(s['kappa'])}</b></td><td>{pairs}</td>"
                    f"<td>{each}</td><td class=\"num\">{_k(maj['kappa'])} <small>(n={maj['n']}"
                    f", {maj['no_majority']} ties)</small></td></tr>")
    return ('<section id="inter-rater"><h2>Reviewers against each other</h2><p class="note">'
            f"Reviewers: {_e(', '.join(inter['reviewers']))}. Calls labelled by two or more "
            "reviewers; a tie has no majority and is left out.</p><table><thead><tr>"
            '<th>Standard</th><th class="num">Calls</th><th class="num">Reviewers\' kappa</th>'
            "<th>Each pair</th><th>Machine vs each reviewer</th>"
            '<th class="num">Machine vs majority</th></tr></thead><tbody>'
            f"{''.join(rows)}</tbody></table></section>")


def _disagreements(result: Agreement, max_shown: int) -> str:
    d = result.disagreements
    parts = ['<section id="disagreements"><h2>Disagreements</h2>']
    if d.empty:
        parts.append("<p>The machine and the reviewers agree on every labelled verdict.</p>")
    for i, r in enumerate(result.table.to_dict("records")):
        mine = d[d["standard_id"] == r["standard_id"]]
        if mine.empty:
            continue
        shown = (f"the first {max_shown} of {len(mine)}" if len(mine) > max_shown
                 else str(len(mine)))
        parts.append(f'<h3 class="sub" id="d{i}">{_e(r["title"] or r["standard_id"])} '
                     f"<small>({shown})</small></h3>")
        parts.extend(_disagreement(row) for row in mine.head(max_shown).to_dict("records"))
    return "".join(parts) + "</section>"


def _disagreement(row: dict[str, Any]) -> str:
    who = f" · reviewer {_e(row['reviewer'])}" if row["reviewer"] else ""
    note = (f'<div class="tip"><b>Reviewer\'s note:</b> {_e(row["note"])}</div>'
            if row["note"] else "")
    snippet = {"transcript_id": row["transcript_id"], "explanation": row["explanation"],
               "items": row["evidence"] or ()}
    return (f'<div class="gap soft"><div><b>{_e(row["transcript_id"])}</b>{who}: human '
            f"{_verdict(row['human'])} machine {_verdict(row['machine'])}</div>{note}"
            f"{_evidence(snippet)}</div>")


def _verdict(status: str) -> str:
    return f'<span class="verdict v-{_e(status)}">{_e(_SHORT.get(status, status))}</span>'


def _k(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    return "–" if v != v else f"{v:.2f}"


def _kcolour(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "#f1f3f6"
    return "#f1f3f6" if v != v else _colour(min(max(v, 0.0), 1.0))
