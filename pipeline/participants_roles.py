"""The role a person holds: what a title phrase says, and what the gazetteer adds.

Helper of the participants stage (:mod:`pipeline.participants`). :func:`interpret_phrase`
turns a role phrase ("la ministra de Relaciones Exteriores de Canadá") into role text, role
code, country and organization; :func:`merge_role` joins that with the gazetteer's term of
the person on the publication date.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from .gazetteer import Person, fold
from .participants_match import RolePhrase, accredited_to
from .participants_resolve import Actor, Lexicon, Role
from .participants_tokens import Tokens


def head_code(text: str, lex: Lexicon) -> str | None:
    """Role code of the head of the body named in ``text`` (``titular de la SRE``)."""
    folded = fold(text)
    padded = f" {folded} "
    for pattern, code in lex.heads:
        if f" {pattern} " in padded:
            return code
    return None


def interpret_phrase(tokens: Tokens, phrase: RolePhrase, lex: Lexicon) -> Role:
    """Role text, code, country and organization from a title phrase."""
    row = lex.titles.get(phrase.title.title or phrase.title.key, {})
    row = _split_title(tokens, phrase, lex) or row
    text = tokens.span_text(phrase.start, phrase.end).strip(" ,")
    if phrase.title.end <= phrase.start:  # a title the name shares with the one before it
        text = f"{tokens.span_text(phrase.title.start, phrase.title.end)} {text}"
    role = Role(text=text or None, code=row.get("role_code"), country=row.get("country"),
                organization=row.get("organization"))
    relation = row.get("relation")
    role.counterpart = relation == "counterpart"
    for m in phrase.matches:
        if m.kind == "ROLE" and m is not phrase.title:
            continue
        if m.kind in {"COUNTRY", "DEMONYM"} and (m.start == 0 or tokens.lower[m.start - 1] != "en"):
            if m.start >= phrase.title.start or row.get("country") is None:
                role.country = m.rows[0]
                break
    if row.get("country") and role.country != row["country"]:
        role.organization = None  # "la secretaria de Economía de Chile": not Mexico's ministry
    if role.country is None or role.country == row.get("country"):
        for m in phrase.matches:
            if m.kind == "LOC" and m.rows[0].get("country"):
                role.country = role.country or m.rows[0]["country"]
            if m.kind == "ORG":
                org = m.rows[0]
                role.organization = role.organization or org["name"]
                role.country = role.country or org.get("country")
    international = [m.rows[0] for m in phrase.matches if m.kind == "ORG" and not m.rows[0].get("country")
                     and not accredited_to(tokens, m)]
    if international and not row.get("organization") and not row.get("country") and relation != "counterpart":
        role.code = "io_official"  # "secretaria de la CEPAL", "presidente del BID"
        role.organization = international[0]["name"]
    if relation == "head":
        tail = tokens.span_text(phrase.title.end, phrase.end)
        role.code = head_code(tail, lex) or role.code
    before = phrase.title.start - 1
    if before >= 1 and tokens.lower[before] == "como":  # "propuesto como canciller"
        before -= 1
    words = [before] if before >= 0 else []
    words += range(phrase.start, min(max(phrase.end, phrase.title.end + 1), len(tokens)))
    role.not_in_office = any(lex.has_folded("not_in_office", tokens.folded[k]) for k in words)
    return role


def _split_title(tokens: Tokens, phrase: RolePhrase, lex: Lexicon) -> dict[str, Any] | None:
    """A title cut by a demonym: "ministro español de Asuntos Exteriores" is the title
    "ministro de asuntos exteriores" of Spain."""
    title = phrase.title
    demonym = next((m for m in phrase.matches if m.kind == "DEMONYM" and m.start == title.end), None)
    if demonym is None or demonym.end >= phrase.end:
        return None
    tail = fold(tokens.span_text(demonym.end, phrase.end)).split()
    for n in range(len(tail), 0, -1):
        row = lex.titles.get(f"{title.key} {' '.join(tail[:n])}")
        if row is not None:
            return row
    return None


#: How many heads up from a counterpart's title its clause's subject is looked for.
_CLAUSE_CLIMB = 4


def counterpart_code(tokens: Tokens, at: int, spoken: Sequence[tuple[int, str]]) -> str | None:
    """The office of whom the counterpart at token ``at`` ("su homólogo de Perú") is the
    counterpart of: the person in office the subject of its clause speaks of ("El canciller
    habló con su homólogo"); in a clause without a subject, the last one a subject of its
    paragraph spoke of before it ("El canciller fue recibido por el presidente X. Luego se reunió
    con su homólogo"); else the one spoken of last before it. ``spoken`` holds the (token, role
    code) of each mention of a person in office, named or by a title."""
    subject = _clause_subject(tokens, at)
    if subject is not None:
        inside = sorted((i, code) for i, code in spoken if i in subject)
        if inside:
            return inside[0][1]
    before = [(i, code) for i, code in spoken if i < at]
    subjects = _subjects_before(tokens, at)
    told = [(i, code) for i, code in before if any(i in s for s in subjects)] or before
    return max(told, key=lambda s: s[0])[1] if told else None


def _subjects_before(tokens: Tokens, at: int) -> list[range]:
    """The tokens of each subject phrase before token ``at`` in its paragraph (line)."""
    view = tokens.view
    line_start = tokens.doc_text.rfind("\n", 0, tokens.idx[at]) + 1
    out = []
    for k in range(bisect_left(tokens.idx, line_start), at):
        if view.dep[k] in ("nsubj", "nsubj:pass"):
            words = view.subtree(k)
            out.append(range(min(words), max(words) + 1))
    return out


def _clause_subject(tokens: Tokens, at: int) -> range | None:
    """Tokens of the subject of the nearest clause above token ``at`` (None when the parse
    gives none within :data:`_CLAUSE_CLIMB` heads, or when ``at`` is inside it)."""
    view = tokens.view
    i = at
    for _ in range(_CLAUSE_CLIMB):
        i = view.head[i]
        subjects = [k for k in view.children[i] if view.dep[k] in ("nsubj", "nsubj:pass")]
        if subjects:
            words = view.subtree(subjects[0])
            span = range(min(words), max(words) + 1)
            return None if at in span else span
        if view.head[i] == i:
            break
    return None


def merge_role(actor: Actor, text_role: Role | None, on: dt.date | None, lex: Lexicon) -> Role:
    """Role of a person: the text's apposition first, the gazetteer on the date second."""
    role = Role(**vars(text_role)) if text_role else Role()
    person = actor.person
    term = None
    if person is not None:
        term = person.term_on(on) if on else _term_like(
            person, role.code or lex.settings.get("preferred_role_code"))
    if role.not_in_office:
        role.code = "other"
    elif term is not None:
        if role.code is None or role.counterpart:
            role.code = term["role_code"]
            role.text = role.text or term.get("office")
            role.organization = role.organization or term.get("organization")
        elif role.code != term["role_code"] and on and not role.organization and _opens(role.text, term) and (
                role.country in (None, term.get("country"))):
            # "el secretario X": a bare title that opens the office the gazetteer gives on that
            # date ("secretario de Relaciones Exteriores"), not another of the person's offices
            role.code, role.organization = term["role_code"], term.get("organization")
        elif role.code != term["role_code"] and _held(actor.person, role.code) is False and on:
            # an obvious error of the text: the gazetteer says otherwise on that date
            role.code = term["role_code"]
        elif role.code == term["role_code"] and role.country and term.get("country") \
                and role.country != term["country"]:
            # the office the text names, of the country the gazetteer knows ("ministro de
            # Economía" read as Mexico's ministry, for Spain's minister)
            role.country, role.organization = term["country"], term.get("organization") or role.organization
        elif role.code == term["role_code"]:
            # the office the gazetteer knows, in the country the text names or none: its body
            role.organization = role.organization or term.get("organization")
    if role.country is None and person is not None:
        role.country = (term or person.latest_term(on)).get("country")
    if role.country is None and role.code not in (None, "io_official"):
        role.country = lex.settings.get("default_country")
    if role.code is None:
        role.code = lex.settings.get("default_role_code")
        if role.country is None:
            role.country = lex.settings.get("default_country")
    return role


def _opens(title: str | None, term: dict[str, Any]) -> bool:
    """Whether the written ``title`` is the first word or words of the term's office."""
    office = fold(term.get("office") or "")
    return bool(title) and office.startswith(fold(title) + " ")


def _term_like(person: Person, code: str | None) -> dict[str, Any]:
    """Without a date: the latest term with the office the text names, else the latest."""
    same = [t for t in person.terms if code and t["role_code"] == code]
    return max(same or person.terms, key=lambda t: (t.get("start") or dt.date.min))


def _held(person: Person | None, code: str | None) -> bool | None:
    if person is None or code is None:
        return None
    return any(t["role_code"] == code for t in person.terms)
