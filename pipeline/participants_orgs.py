"""Organizations and groups of a document: gazetteer names, and names built on a head word.

Helper of the participants stage (:mod:`pipeline.participants`). An organization is found
by a gazetteer name or alias ("SRE", "Departamento de Estado"), or as a capitalised name
opening with a head word of ``models/participants/words.csv`` (``org_head``: Secretaría,
Ministerio, Servicio...; ``group_head``: Grupo, Comisión, Comité...), with its acronym when
one follows in parentheses ("Comisión de Integración Argentina-Uruguaya (CIAU)"). An
organization named only inside a person's title ("director de ProMéxico") is a mention,
not a participant.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .gazetteer import fold, slug
from .participants_match import PARTICLES, Match, is_name_word
from .participants_resolve import Actor, Lexicon

_INNER = PARTICLES | {"para", "sobre", "en", "contra", "y", "e"}
_KINDS = {"organization", "group"}
#: longest generic body name, in words ("ministerio de relaciones exteriores")
GENERIC_WORDS = 4


def find_organizations(doc: Doc, matches: list[Match], by_token: dict[int, Match],
                       lex: Lexicon) -> list[Actor]:
    """Organization actors with their mention token spans (``Actor.token_spans``).

    A gazetteer alias shared by several bodies ("Cancillería") gives an actor whose
    ``org_choices`` :func:`settle_organizations` picks from once the document's country
    is known.
    """
    orgs: dict[str, Actor] = {}
    acronyms: dict[str, Actor] = {}

    def add(key: str, name: str, kind: str, country: str | None, start: int, end: int) -> Actor:
        actor = orgs.get(key)
        if actor is None:
            actor = orgs[key] = Actor(key, name, kind, first_token=start)
            actor.country = country
        actor.token_spans.append((start, end))
        return actor

    for start, end, rows in _generic_bodies(doc, by_token, lex):
        if len(rows) == 1:
            row = rows[0]
            actor = add(row.get("wikidata") or slug(row["name"]), row["name"], "organization",
                        row.get("country"), start, end)
            actor.org = row
        else:
            actor = add(f"?{fold(doc[start].text)}", doc[start:end].text, "organization", None, start, end)
            actor.org_choices = rows
    for m in matches:
        if m.kind != "ORG":
            continue
        rows = list({id(r): r for r in m.rows}.values())
        if len({r["name"] for r in rows}) > 1 or m.key in lex.words.get("generic_org", ()):
            actor = add(f"?{m.key}", doc[m.start:m.end].text, "organization", None, m.start, m.end)
            # "Cancillería": every country's foreign ministry is a choice, not only the alias's
            actor.org_choices = rows + [r for r in lex.bodies_by_word.get(m.key, ()) if r not in rows]
            continue
        row = rows[0]
        kind = row.get("kind") if row.get("kind") in _KINDS else "organization"
        actor = add(row.get("wikidata") or slug(row["name"]), row["name"], kind, row.get("country"),
                    m.start, m.end)
        actor.org = row
        text = doc[m.start:m.end].text
        if m.end - m.start == 1 and not text.isupper() and fold(text) != fold(row["name"]):
            actor.weak_spans.add((m.start, m.end))  # "Economía", "Cultura": too often inside a title
    i = 0
    while i < len(doc):
        head = _head_kind(doc, i, by_token, lex)
        if head is None:
            i += 1
            continue
        end = _chunk_end(doc, i, by_token)
        capitals = sum(1 for t in doc[i:end] if t.text[:1].isupper())
        if capitals < 2:
            i += 1
            continue
        inside = [by_token[k] for k in range(i, end) if k in by_token]
        country = next((m.rows[0] for m in inside if m.kind in {"COUNTRY", "DEMONYM"}), None)
        name = doc[i:end].text
        actor = add(slug(name), name, "group" if head == "group_head" else "organization", country, i, end)
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acronym = doc[end + 1].text
            if acronym[:1].isupper() and len(acronym) <= 12 and end + 1 not in by_token:
                acronyms[acronym] = actor
                actor.token_spans.append((end + 1, end + 2))
        i = end
    seen = {k for a in orgs.values() for s, e in a.token_spans for k in range(s, e)}
    for k, token in enumerate(doc):
        actor = acronyms.get(token.text)
        if actor is not None and k not in seen and k not in by_token:
            actor.token_spans.append((k, k + 1))
    return sorted(orgs.values(), key=lambda a: a.first_token)


def _generic_bodies(doc: Doc, by_token: dict[int, Match],
                    lex: Lexicon) -> list[tuple[int, int, list[dict]]]:
    """A generic body word written in lower case, which the gazetteer's capitalised names
    miss: with a country ("la cancillería mexicana", "la cancillería de Chile") the body of
    that country; after an article alone ("la cancillería") every country's, to settle."""
    found = []
    generic = lex.words.get("generic_org", set())
    for i, token in enumerate(doc):
        if i in by_token or not token.text.islower() or fold(token.text) not in lex.generic_firsts:
            continue
        n = next((n for n in range(GENERIC_WORDS, 0, -1)
                  if " ".join(fold(t.text) for t in doc[i:i + n]) in generic), 0)
        if not n or any(by_token[k].kind != "ORG" or by_token[k].end > i + n
                        for k in range(i, i + n) if k in by_token):
            continue  # an ORG name inside ("ministerio de Relaciones Exteriores") is nested in it
        word = " ".join(fold(t.text) for t in doc[i:i + n])
        j = i + n
        if j + 1 < len(doc) and doc[j].lower_ in {"de", "del"}:
            j += 1
        m = by_token.get(j)
        if m is not None and m.start == j and m.kind in {"DEMONYM", "COUNTRY"} and (j == i + n) == (m.kind == "DEMONYM"):
            row = lex.bodies.get((word, m.rows[0]))
            if row is not None:
                found.append((i, m.end, [row]))
            continue
        if i > 0 and doc[i - 1].lower_ in {"la", "el"}:
            rows = lex.bodies_by_word.get(word)
            if rows:
                found.append((i, i + n, list(rows)))
    return found


def settle_organizations(doc: Doc, orgs: list[Actor], country: str | None, excluded: set[int],
                         lex: Lexicon) -> list[Actor]:
    """Pick the body an ambiguous alias stands for (the document's country), merge actors
    that turn out the same, and mark which organizations take part: those with a mention
    outside people's titles, not nested in a longer organization name, not a place
    ("en la Cancillería") and not a credit ("Foto: SRE")."""
    by_key: dict[str, Actor] = {}
    for actor in orgs:
        if actor.org_choices:
            row = next((r for r in actor.org_choices if r.get("country") == country), None)
            if row is None:
                actor.participant = False
                by_key[actor.key] = actor
                continue
            actor.org, actor.name, actor.country = row, row["name"], row.get("country")
            actor.key = row.get("wikidata") or slug(row["name"])
            actor.kind = row.get("kind") if row.get("kind") in _KINDS else "organization"
        if actor.key in by_key:
            by_key[actor.key].token_spans.extend(actor.token_spans)
            continue
        by_key[actor.key] = actor
    merged = list(by_key.values())
    for actor in merged:
        if actor.org is None and actor.kind == "organization" and actor.country is None:
            actor.country = country  # a ministry or office named in the text: the document's country
        if actor.org is None and not actor.org_choices and actor.country:
            # no gazetteer row: the country tells Chile's "Ministerio de Salud" from Peru's
            actor.key = f"{slug(actor.name)}-{actor.country.lower()}"
    for actor in merged:
        first = fold(actor.name).split()[:1]
        if first and first[0] in lex.words.get("not_org", ()):
            actor.participant = False  # a treaty, a summit, a government: not a body that acts here
    spans = [(s, e) for a in merged for s, e in a.token_spans]
    for actor in merged:
        if actor.participant:
            actor.participant = any(_acts(doc, s, e, spans, excluded, lex) for s, e in actor.token_spans
                                    if (s, e) not in actor.weak_spans)
    return merged


def _acts(doc: Doc, start: int, end: int, spans: list[tuple[int, int]], excluded: set[int],
          lex: Lexicon) -> bool:
    if any(k in excluded for k in range(start, end)):
        return False
    if any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
        return False
    before = [t for t in doc[max(0, start - 5):start] if t.pos_ != "DET" and not t.is_punct]
    if before and any(lex.has("byline_cue", t.text) for t in before[-3:]):
        return False
    if before and before[-1].lower_ in {"en", "ante"}:
        return False
    if len(before) >= 2 and before[-1].lower_ in {"a", "al"} and before[-2].lemma_ == "llegar":
        return False
    return not (len(before) >= 2 and before[-1].lower_ in {"de", "del", "al"}
                and lex.has("place_cue", before[-2].text))


def _head_kind(doc: Doc, i: int, by_token: dict[int, Match], lex: Lexicon) -> str | None:
    if i in by_token or not doc[i].text[:1].isupper():
        return None
    word = fold(doc[i].text)
    for kind in ("group_head", "org_head"):
        if word in lex.words.get(kind, ()):
            return kind
        if i + 1 < len(doc) and f"{word} {fold(doc[i + 1].text)}" in lex.words.get(kind, ()):
            return kind
    return None


def _chunk_end(doc: Doc, start: int, by_token: dict[int, Match]) -> int:
    j, end = start + 1, start + 1
    while j < len(doc):  # a line break is a SPACE token, no name word: it ends the chunk
        m = by_token.get(j)
        token = doc[j]
        if m is not None:
            if m.kind not in {"COUNTRY", "LOC", "ORG"} and not (m.kind == "DEMONYM" and token.text[:1].isupper()):
                break
            j = end = m.end
            continue
        if is_name_word(token) or token.text.isupper() and token.text.isalnum():
            j = end = j + 1
            continue
        if token.lower_ in _INNER and j + 1 < len(doc):
            nxt = doc[j + 1]
            if is_name_word(nxt) or j + 1 in by_token or (
                    nxt.lower_ in {"la", "los", "las"} and j + 2 < len(doc)
                    and (is_name_word(doc[j + 2]) or j + 2 in by_token)):
                j += 1
                continue
        break
    return end
