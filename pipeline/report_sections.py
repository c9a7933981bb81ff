"""The report's sections, each a function of the loaded tables returning HTML.

Reads the DataFrames of :func:`pipeline.api.load`; writes nothing. Assembled into a page
by :func:`pipeline.report.build_report`.
"""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd

from .api import future_meetings
from .report_html import anchor, bar, document_spans, highlight_html, html_table, legend_html, timeline_svg

NO_ACTOR = "(no actor identified)"


def _card(ident: str, value: int | str, label: str) -> str:
    return (f'<div class="card"><span class="num" id="count-{ident}">{value}</span>'
            f'<span class="lab">{escape(label)}</span></div>')


def _names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))


def _day(value: Any) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def summary(tables: dict[str, pd.DataFrame]) -> str:
    docs, events = tables["documents"], tables["events"]
    status = events["status"].astype(str).value_counts()
    cards = [_card("documents", len(docs), "documents"),
             _card("ok", int((docs["status"] == "ok").sum()), "processed (ok)"),
             _card("actors", len(tables["actors"]), "actors"),
             _card("participants", len(tables["participants"]), "participations"),
             _card("dates", len(tables["dates"]), "date expressions"),
             _card("commitments", len(tables["commitments"]), "commitments"),
             _card("events", len(events), "events"),
             _card("held", int(status.get("held", 0)), "held"),
             _card("planned", int(status.get("planned", 0)), "planned"),
             _card("cancelled", int(status.get("cancelled", 0)), "cancelled")]
    by_status = docs["status"].astype(str).value_counts().rename_axis("status").reset_index(name="documents")
    published = docs["published"].dropna()
    span = (f"Publication dates from {_day(published.min())} to {_day(published.max())} "
            f"({len(published)} of {len(docs)} documents dated)." if len(published)
            else "No document has a publication date.")
    rows = pd.DataFrame({"table": list(tables), "rows": [len(t) for t in tables.values()]})
    return ("<h2 id=\"summary\">Corpus</h2>" + '<div class="cards">' + "".join(cards) + "</div>"
            + f"<p>{escape(span)}</p>" + '<div style="display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start">'
            + html_table(by_status, "by-status", numeric=("documents",))
            + html_table(rows, "rows", numeric=("rows",)) + "</div>")


def timeline(tables: dict[str, pd.DataFrame]) -> str:
    events = tables["events"]
    published = tables["documents"]["published"].dropna()
    reference = pd.Timestamp(published.max()).date() if len(published) else None
    undated = int(events["date_start"].isna().sum())
    note = f"<p class=\"muted\">{undated} event(s) without a date are not drawn.</p>" if undated else ""
    recent = ""
    dated = events["date_start"].dropna()
    if reference and len(dated) and (dated.max() - dated.min()).days > 400:
        since = pd.Timestamp(reference) - pd.Timedelta(days=365)
        recent = ("<h3>The last twelve months and what is planned</h3>"
                  + timeline_svg(events[events["date_start"] >= since], reference))
    return ("<h2 id=\"timeline\">Timeline of events</h2><p>Each dot is an event, by the first "
            "day of its date; hover for details, click for the evidence.</p>"
            + timeline_svg(events, reference) + note + recent)


def upcoming(tables: dict[str, pd.DataFrame]) -> str:
    planned = future_meetings(tables)
    head = "<h2 id=\"upcoming\">Upcoming meetings (planned events)</h2>"
    if not len(planned):
        return head + '<p class="muted" id="no-upcoming">No planned event was extracted.</p>'
    rows = []
    for r in planned.itertuples():
        sentence = r.sentence or ""
        at = sentence.find(r.evidence) if r.evidence else -1
        quote = (escape(sentence[:at]) + f"<strong>{escape(r.evidence)}</strong>"
                 + escape(sentence[at + len(r.evidence):])) if at >= 0 else escape(sentence)
        rows.append({"when": r.date_value if isinstance(r.date_value, str) else "no date",
                     "kind": str(r.kind), "name": r.name if isinstance(r.name, str) else "",
                     "participants": r.participants,
                     "where": ", ".join(str(v) for v in (r.location, r.location_country)
                                        if isinstance(v, str)),
                     "evidence": f'<a href="#{anchor(r.doc_id, "event", r.event_id)}">{quote}</a>',
                     "published": _day(r.published)})
    return head + html_table(pd.DataFrame(rows), "upcoming-table", raw=("evidence",))


def commitments(tables: dict[str, pd.DataFrame]) -> str:
    commitments = tables["commitments"]
    head = "<h2 id=\"commitments\">Commitments by topic and actor</h2>"
    if not len(commitments):
        return head + '<p class="muted" id="no-commitments">No commitment was extracted.</p>'
    topics = commitments.assign(topic=[t or ["(none)"] for t in commitments["topics"]]).explode("topic")
    by_topic = topics["topic"].value_counts().rename_axis("topic").reset_index(name="commitments")
    by_topic["share"] = [bar(n, by_topic["commitments"].max()) for n in by_topic["commitments"]]
    by_modality = (commitments["modality"].astype(str).value_counts().rename_axis("modality")
                   .reset_index(name="commitments"))
    actors = topics.merge(tables["commitment_actors"], on=["doc_id", "commitment_id"], how="left")
    actors["actor"] = actors["actor_id"].map(_names(tables)).fillna(actors["actor_id"]).fillna(NO_ACTOR)
    matrix = (actors.groupby(["actor", "topic"]).size().unstack(fill_value=0))
    totals = (actors.drop_duplicates(["actor", "doc_id", "commitment_id"]).groupby("actor").size())
    matrix.insert(0, "commitments", totals)
    matrix = matrix.sort_values("commitments", ascending=False).head(25).reset_index()
    numeric = tuple(c for c in matrix.columns if c != "actor")
    return (head + "<p>Commitments with several topics count once per topic; with several actors, "
            "once per actor.</p><h3>By topic</h3>"
            + html_table(by_topic, "by-topic", numeric=("commitments",), raw=("share",))
            + "<h3>By modality</h3>" + html_table(by_modality, "by-modality", numeric=("commitments",))
            + "<h3>By actor (top 25) and topic</h3>" + html_table(matrix, "by-actor", numeric=numeric))


def problems(tables: dict[str, pd.DataFrame]) -> str:
    docs = tables["documents"]
    bad = docs[docs["status"] != "ok"]
    if not len(bad):
        return ""
    frame = bad[["source", "status", "error"]].astype(str)
    return ("<h2 id=\"problems\">Documents not processed</h2>"
            + html_table(frame, "problems-table"))


def _list(title: str, items: list[str]) -> str:
    inner = "".join(f"<li>{i}</li>" for i in items) or '<li class="muted">none</li>'
    return f"<div><h4>{title}</h4><ul>{inner}</ul></div>"


def _link(target: str, text: str) -> str:
    return f'<a href="#{escape(target)}">{escape(text)}</a>'


def _who(actor_ids: list[str] | None, names: dict[str, str], nobody: str) -> str:
    return ", ".join(names.get(a, a) for a in actor_ids or []) or nobody


def _document(tables: dict[str, pd.DataFrame], doc: Any, names: dict[str, str]) -> str:
    doc_id = doc.doc_id

    def rows(table: str) -> pd.DataFrame:
        frame = tables[table]
        return frame[frame["doc_id"] == doc_id]

    parts = [f"{_link(anchor(doc_id, 'actor', p.actor_id), p.name)}"
             + escape("".join(f" · {v}" for v in (p.role, p.role_code, p.country) if isinstance(v, str)))
             for p in rows("participants").itertuples()]
    dates = [f"{_link(anchor(doc_id, 'date', t.timex_id), t.text)} → "
             f"{escape(t.value if isinstance(t.value, str) else '?')}" for t in rows("dates").itertuples()]
    who = rows("commitment_actors").groupby("commitment_id")["actor_id"].agg(list).to_dict()
    commits = [f"[{escape(str(c.modality))}] {_link(anchor(doc_id, 'commitment', c.commitment_id), c.action)}"
               + escape(f" — {_who(who.get(c.commitment_id), names, NO_ACTOR)}"
                        f"; topics: {', '.join(c.topics) or 'none'}")
               for c in rows("commitments").itertuples()]
    took = rows("event_participants").groupby("event_id")["actor_id"].agg(list).to_dict()
    events = [f'<span class="ev">{escape(str(e.status))}</span> '
              f"{_link(anchor(doc_id, 'event', e.event_id), f'{e.kind}: {doc.text[e.start:e.end]}')}"
              + escape("".join(f" · {v}" for v in (e.date_value, e.location) if isinstance(v, str))
                       + f" — {_who(took.get(e.event_id), names, 'participants not identified')}")
              for e in rows("events").itertuples()]
    title = doc.title if isinstance(doc.title, str) and doc.title else doc.source
    return (f'<section class="doc" id="doc-{escape(doc_id)}"><h3>{escape(title)}</h3>'
            f'<p class="meta">{escape(doc.source)} · published {_day(doc.published) or "unknown"} · '
            f"{doc.n_chars} characters · id {escape(doc_id)}</p>"
            f'<div class="doctext">{highlight_html(doc.text, document_spans(tables, doc_id))}</div>'
            f'<div class="lists">{_list("Participants", parts)}{_list("Dates", dates)}'
            f'{_list("Commitments", commits)}{_list("Events", events)}</div></section>')


def documents(tables: dict[str, pd.DataFrame], max_docs: int) -> str:
    docs = tables["documents"]
    ok = docs[docs["status"] == "ok"].sort_values(["published", "source"], na_position="last")
    shown = ok.head(max_docs)
    names = _names(tables)
    keep = set(shown["doc_id"])  # filter once, not once per document
    tables = {t: f if t == "actors" else f[f["doc_id"].isin(keep)] for t, f in tables.items()}
    more = (f'<p class="muted">{len(ok) - len(shown)} more documents not shown '
            f"(use --max-docs).</p>" if len(ok) > len(shown) else "")
    body = "".join(_document(tables, d, names) for d in shown.itertuples())
    return ("<h2 id=\"documents\">Documents</h2>" + legend_html() + more + body)
