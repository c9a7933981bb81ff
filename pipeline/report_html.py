"""Pure HTML helpers of the report: highlighted text, the timeline as inline SVG, tables.

Every function takes plain values or DataFrames and returns an HTML string; nothing here
reads files. Used by :mod:`pipeline.report` and by the notebook (``highlight_html``).
Public entry points: :class:`Span`, :func:`document_spans`, :func:`highlight_html`,
:func:`highlighted_document`,
:func:`timeline_svg`, :func:`html_table`, :data:`CSS`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

import pandas as pd

#: Highlight classes by kind of span; each uses a different CSS property, so they combine.
KINDS = {"participant": "hl-p", "date": "hl-d", "commitment": "hl-c", "event": "hl-e"}
STATUS_COLOURS = {"held": "#2563eb", "planned": "#ea580c", "cancelled": "#6b7280"}

#: The highlight styles alone (for a notebook cell, where the page styles would intrude).
HIGHLIGHT_CSS = """
.doctext{white-space:pre-wrap;line-height:1.65;font-size:.95rem}
.hl-p{color:#1d4ed8;font-weight:600}
.hl-d{box-shadow:inset 0 -.5em 0 #86efac}
.hl-c{background:#fef08a}
.hl-e{border-bottom:2px solid #ea580c}
.legend span{margin-right:1rem;padding:0 .2rem}
"""

#: The report page's styles.
CSS = HIGHLIGHT_CSS + """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2937;background:#f8fafc}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{margin:.2rem 0}h2{margin-top:2.2rem;border-bottom:2px solid #e5e7eb;padding-bottom:.2rem}
.run{color:#6b7280;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:.5rem .9rem;min-width:7.5rem}
.card .num{display:block;font-size:1.6rem;font-weight:700}.card .lab{color:#6b7280;font-size:.85rem}
table{border-collapse:collapse;background:#fff;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f5f9}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.7rem;background:#94a3b8;border-radius:2px;vertical-align:middle}
.doc{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;margin:1rem 0}
.doc h3{margin:.2rem 0}.meta{color:#6b7280;font-size:.85rem}
.lists{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.3rem 1.2rem;font-size:.85rem}
.lists ul{margin:.2rem 0;padding-left:1.1rem}.lists h4{margin:.5rem 0 0}
.muted{color:#6b7280}.ev{font-weight:600}
#upcoming-table a{color:inherit;text-decoration:none}#upcoming-table strong{color:#c2410c}
svg text{font-size:11px;fill:#374151}
"""


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a document: offsets, kind (a key of :data:`KINDS`), the
    anchor id it can be linked by and a label shown on hover."""

    start: int
    end: int
    kind: str
    anchor: str
    label: str


def anchor(doc_id: str, kind: str, index: object) -> str:
    """The HTML id of a span, e.g. ``d-<doc_id>-event-0``."""
    return f"d-{doc_id}-{kind}-{index}"


def _rows(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return frame[frame["doc_id"] == doc_id] if len(frame) else frame


def document_spans(tables: dict[str, pd.DataFrame], doc_id: str) -> list[Span]:
    """The spans of one document: resolved mentions (participants), dates, commitments
    (the action) and events (the evidence phrase), from the tables of :func:`pipeline.load`."""
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    spans: list[Span] = []
    for p in _rows(tables["participants"], doc_id).itertuples():  # first mention: the link target
        spans.append(Span(p.start, p.end, "participant", anchor(doc_id, "actor", p.actor_id),
                          f"participant: {p.name}"))
    mentions = _rows(tables["mentions"], doc_id)
    for m in (mentions[mentions["actor_id"].notna()] if len(mentions) else mentions).itertuples():
        spans.append(Span(m.start, m.end, "participant", anchor(doc_id, "mention", m.mention_id),
                          f"participant: {names.get(m.actor_id, m.actor_id)}"))
    for t in _rows(tables["dates"], doc_id).itertuples():
        spans.append(Span(t.start, t.end, "date", anchor(doc_id, "date", t.timex_id),
                          f"date: {t.value if isinstance(t.value, str) else '?'}"))
    for c in _rows(tables["commitments"], doc_id).itertuples():
        spans.append(Span(c.start, c.end, "commitment", anchor(doc_id, "commitment", c.commitment_id),
                          f"commitment ({c.modality}): {c.trigger}"))
    for e in _rows(tables["events"], doc_id).itertuples():
        spans.append(Span(e.start, e.end, "event", anchor(doc_id, "event", e.event_id),
                          f"event: {e.kind}, {e.status}"))
    return spans


def highlight_html(text: str, spans: list[Span]) -> str:
    """``text`` as HTML with every span highlighted (overlaps nest as combined classes) and
    an anchor at each span's start, so lists and tables can link to the evidence."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        out += [f'<a id="{escape(s.anchor)}"></a>' for s in starts.get(lo, [])]
        active = [s for s in spans if s.start <= lo and s.end >= hi]
        piece = escape(text[lo:hi])
        if active:
            classes = " ".join(sorted({KINDS[s.kind] for s in active}))
            title = escape("; ".join(dict.fromkeys(s.label for s in active)))
            out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def highlighted_document(tables: dict[str, pd.DataFrame], doc_id: str) -> str:
    """One document's text with its spans highlighted, with the styles and a legend: a
    self-contained HTML snippet (e.g. for ``IPython.display.HTML`` in a notebook)."""
    docs = tables["documents"]
    text = docs.loc[docs["doc_id"] == doc_id, "text"]
    if not len(text):
        raise KeyError(f"no document {doc_id!r} in the documents table")
    return (f"<style>{HIGHLIGHT_CSS}</style>{legend_html()}"
            f'<div class="doctext">{highlight_html(text.iloc[0], document_spans(tables, doc_id))}</div>')


def legend_html() -> str:
    """The key to the highlight classes."""
    return '<p class="legend">' + "".join(
        f'<span class="{cls}">{kind}</span>' for kind, cls in KINDS.items()) + "</p>"


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Month starts (or years, or every 5 years) between ``first`` and ``last``."""
    days = (last - first).days
    if days <= 400:
        ticks, y, m = [], first.year, first.month
        while dt.date(y, m, 1) <= last:
            ticks.append(dt.date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return [t for t in ticks if t >= first] or [first]
    step = 1 if days <= 3650 else 5
    start = first.year + (0 if first == dt.date(first.year, 1, 1) else 1)
    return [dt.date(y, 1, 1) for y in range(start, last.year + 1) if y % step == 0] or [first]


def timeline_svg(events: pd.DataFrame, reference: dt.date | None = None, width: int = 960) -> str:
    """Events with a date as dots on a time axis, one lane per status, each dot linked to its
    evidence; ``reference`` (e.g. the latest publication date) is drawn as a dashed line."""
    dated = events[events["date_start"].notna()] if len(events) else events
    if not len(dated):
        return '<p class="muted">No dated events to draw.</p>'
    days = [d.date() for d in pd.to_datetime(dated["date_start"])]
    first, last = min(days), max(days)
    if reference:
        first, last = min(first, reference), max(last, reference)
    pad = max(3, (last - first).days // 30)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    left, right, lane_h, top = 80, width - 20, 56, 14
    lanes = list(STATUS_COLOURS)
    height = top + lane_h * len(lanes) + 34
    span_days = max(1, (last - first).days)

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / span_days

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'role="img" aria-label="timeline of events">']
    for i, status in enumerate(lanes):
        y = top + lane_h * i + lane_h / 2
        parts.append(f'<text x="8" y="{y + 4:.0f}">{status}</text>'
                     f'<line x1="{left}" x2="{right}" y1="{y:.0f}" y2="{y:.0f}" stroke="#e5e7eb"/>')
    axis_y = top + lane_h * len(lanes)
    parts.append(f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="#9ca3af"/>')
    for tick in _ticks(first, last):
        tx = x(tick)
        label = tick.strftime("%Y-%m") if (last - first).days <= 400 else str(tick.year)
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{axis_y}" y2="{axis_y + 5}" stroke="#9ca3af"/>'
                     f'<text x="{tx:.1f}" y="{axis_y + 18}" text-anchor="middle">{label}</text>')
    if reference:
        rx = x(reference)
        parts.append(f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{top}" y2="{axis_y}" stroke="#111827" '
                     f'stroke-dasharray="4 3"/><text x="{rx + (-4 if rx > width * .7 else 4):.1f}" '
                     f'y="{top + 2}" text-anchor="{"end" if rx > width * .7 else "start"}">'
                     f'latest publication {reference.isoformat()}</text>')
    stack: dict[tuple[str, int], int] = {}
    for row, day in zip(dated.itertuples(), days):
        status = str(row.status) if str(row.status) in lanes else "held"
        px = x(day)
        slot = stack.get((status, round(px / 6)), 0)
        stack[(status, round(px / 6))] = slot + 1
        lane_y = top + lane_h * lanes.index(status) + lane_h / 2
        py = lane_y + (math.ceil(slot / 2) * 7 * (1 if slot % 2 else -1) if slot else 0)
        what = f"{row.kind} {status} {row.date_value or ''}" + (f" · {row.name}" if isinstance(row.name, str) else "")
        where = f" · {row.location}" if isinstance(row.location, str) else ""
        parts.append(f'<a href="#{anchor(row.doc_id, "event", row.event_id)}"><circle class="dot-{status}" '
                     f'cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{STATUS_COLOURS[status]}" fill-opacity=".8">'
                     f'<title>{escape(what + where)}</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)


def html_table(frame: pd.DataFrame, table_id: str | None = None, numeric: tuple[str, ...] = (),
               raw: tuple[str, ...] = ()) -> str:
    """A DataFrame as a plain HTML table; columns in ``raw`` hold HTML already."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, row):
            text = "" if value is None or (not isinstance(value, (list, str)) and pd.isna(value)) else value
            cell = text if col in raw else escape(str(text))
            cells.append(f'<td class="n">{cell}</td>' if col in numeric else f"<td>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bar(value: int, largest: int, width: int = 160) -> str:
    """A horizontal bar proportional to ``value``."""
    return f'<span class="bar" style="width:{width * value / max(largest, 1):.0f}px"></span>'
