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

from .gazetteer import ORGANIZATION_KINDS, fold, slug
from .participants_match import PARTICLES, Match
from .participants_resolve import Actor, Lexicon
from .participants_tokens import Tokens, covered

_INNER = PARTICLES | {"para", "sobre", "en", "contra", "ante", "y", "e"}
#: longest generic body name, in words ("ministerio de relaciones exteriores")
GENERIC_WORDS = 4


def find_organizations(tokens: Tokens, matches: list[Match], by_token: dict[int, Match],
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

    text, n = tokens.text, len(tokens)
    for start, end, rows in _generic_bodies(tokens, by_token, lex):
        if len(rows) == 1:
            row = rows[0]
            actor = add(row.get("wikidata") or slug(row["name"]), row["name"], "organization",
                        row.get("country"), start, end)
            actor.org = row
        else:
            actor = add(f"?{tokens.folded[start]}", tokens.span_text(start, end), "organization", None,
                        start, end)
            actor.org_choices = rows
    for m in matches:
        if m.kind != "ORG":
            continue
        rows = list({id(r): r for r in m.rows}.values())
        if len({r["name"] for r in rows}) > 1 or m.key in lex.words.get("generic_org", ()):
            actor = add(f"?{m.key}", tokens.span_text(m.start, m.end), "organization", None, m.start, m.end)
            # "Cancillería": every country's foreign ministry is a choice, not only the alias's
            actor.org_choices = rows + [r for r in lex.bodies_by_word.get(m.key, ()) if r not in rows]
            continue
        row = rows[0]
        kind = row.get("kind") if row.get("kind") in ORGANIZATION_KINDS else "organization"
        surface = tokens.span_text(m.start, m.end)
        longer = _chunk_end(tokens, m.start, by_token, meets=True) if fold(surface) != fold(row["name"]) \
            and _name_goes_on(tokens, m.end, by_token) else m.end
        if longer > m.end:  # "el Diálogo Estratégico de Alto Nivel": not the gazetteer's "Diálogo
            name = tokens.span_text(m.start, longer)  # Estratégico" (short for another dialogue)
            add(slug(name), name, kind, None, m.start, longer)
            continue
        weak = m.end - m.start == 1 and not surface.isupper() and fold(surface) != fold(row["name"])
        parent = _organization_after(tokens, m, by_token) if not weak else None
        if parent is not None and not _belongs_to(row, fold(surface), parent.rows[0]):
            # "la Asamblea General de la OEA": not the UN's "Asamblea General", another body
            name = tokens.span_text(m.start, parent.end)
            actor = add(slug(name), name, "organization", parent.rows[0].get("country"), m.start, parent.end)
            actor.part_of = parent.rows[0]["name"]
            continue
        end = parent.end if parent is not None else m.end  # "el Consejo de Seguridad de la ONU": one name
        actor = add(row.get("wikidata") or slug(row["name"]), row["name"], kind, row.get("country"),
                    m.start, end)
        actor.org = row
        if weak:
            actor.weak_spans.add((m.start, m.end))  # "Economía", "Cultura": too often inside a title
    after = 0  # a head word inside the previous name opens no new one
    for i in tokens.where(lex.opens_head):
        found = _head_kind(tokens, i, by_token, lex) if i >= after else None
        if found is None:
            continue
        head, width = found
        end = _chunk_end(tokens, i + width - 1, by_token, meets=head == "group_head")
        capitals = sum(1 for t in text[i:end] if t[:1].isupper())
        if capitals < 2:
            continue
        inside = [by_token[k] for k in range(i, end) if k in by_token]
        country = next((m.rows[0] for m in inside if m.kind in {"COUNTRY", "DEMONYM"}), None)
        name = tokens.span_text(i, end)
        actor = add(slug(name), name, "group" if head == "group_head" else "organization", country, i, end)
        if end + 2 < n and text[end] == "(" and text[end + 2] == ")":
            acronym = text[end + 1]
            if acronym[:1].isupper() and len(acronym) <= 12 and end + 1 not in by_token:
                acronyms[acronym] = actor
                actor.token_spans.append((end + 1, end + 2))
        after = end
    if acronyms:
        seen = covered(span for a in orgs.values() for span in a.token_spans)
        for k, word in enumerate(text):
            actor = acronyms.get(word)
            if actor is not None and k not in seen and k not in by_token:
                actor.token_spans.append((k, k + 1))
    return sorted(orgs.values(), key=lambda a: a.first_token)


def _organization_after(tokens: Tokens, m: Match, by_token: dict[int, Match]) -> Match | None:
    """The one organization a gazetteer name is said to be of ("... de la OEA"), if any."""
    lower, j = tokens.lower, m.end
    if j + 1 >= len(tokens) or lower[j] not in {"de", "del"}:
        return None
    j += 2 if lower[j] == "de" and lower[j + 1] in {"la", "las", "el", "los"} else 1
    other = by_token.get(j)
    if other is None or other.start != j or other.kind != "ORG" or len({r["name"] for r in other.rows}) != 1:
        return None
    return other


def _belongs_to(row: dict, surface: str, parent: dict) -> bool:
    """Whether the gazetteer body ``row``, named by ``surface`` (folded), can be ``parent``'s.

    Only a row whose name goes on after ``surface`` with the organization it belongs to
    ("asamblea general" + "de las Naciones Unidas") can be another's: it is ``parent``'s when
    one of the parent's names is in that rest. Any other row keeps its identity ("la CIDH de la
    OEA" is the gazetteer's CIDH), as do two bodies of one state ("la Secretaría de Economía
    del Gobierno de México")."""
    if parent["name"] == row["name"] or (row.get("country") and row.get("country") == parent.get("country")):
        return True
    rests = [f" {name[len(surface):]} " for name in (fold(n) for n in (row["name"], *row["aliases"]))
             if name.startswith(surface + " de")]
    return not rests or any(f" {fold(name)} " in rest for name in (parent["name"], *parent["aliases"])
                            for rest in rests)


def _generic_bodies(tokens: Tokens, by_token: dict[int, Match],
                    lex: Lexicon) -> list[tuple[int, int, list[dict]]]:
    """A generic body word written in lower case, which the gazetteer's capitalised names
    miss: with a country ("la cancillería mexicana", "la cancillería de Chile") the body of
    that country; after an article alone ("la cancillería") every country's, to settle."""
    found = []
    generic = lex.words.get("generic_org", set())
    text, lower, folded, firsts = tokens.text, tokens.lower, tokens.folded, lex.generic_firsts
    for i in tokens.where(firsts):
        if i in by_token or not text[i].islower():
            continue
        n = next((n for n in range(GENERIC_WORDS, 0, -1) if " ".join(folded[i:i + n]) in generic), 0)
        if not n or any(by_token[k].kind != "ORG" or by_token[k].end > i + n
                        for k in range(i, i + n) if k in by_token):
            continue  # an ORG name inside ("ministerio de Relaciones Exteriores") is nested in it
        word = " ".join(folded[i:i + n])
        j = i + n
        if j + 1 < len(tokens) and lower[j] in {"de", "del"}:
            j += 1
        m = by_token.get(j)
        if m is not None and m.start == j and m.kind in {"DEMONYM", "COUNTRY"} and (j == i + n) == (m.kind == "DEMONYM"):
            row = lex.bodies.get((word, m.rows[0]))
            if row is not None:
                found.append((i, m.end, [row]))
            continue
        if i > 0 and lower[i - 1] in {"la", "el"}:
            rows = lex.bodies_by_word.get(word)
            if rows:
                found.append((i, i + n, list(rows)))
    return found


def settle_organizations(tokens: Tokens, orgs: list[Actor], country: str | None, excluded: set[int],
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
            actor.kind = row.get("kind") if row.get("kind") in ORGANIZATION_KINDS else "organization"
        if actor.key in by_key:
            by_key[actor.key].token_spans.extend(actor.token_spans)
            continue
        by_key[actor.key] = actor
    merged = _join_short_names(list(by_key.values()))
    for actor in merged:
        own_body = actor.org is None and actor.part_of is None and actor.kind == "organization"
        if own_body and actor.country is None:
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
            ends = {e for _, e in actor.token_spans}
            actor.participant = any(_acts(tokens, s, e, spans, excluded, lex) for s, e in actor.token_spans
                                    if (s, e) not in actor.weak_spans and not _echo(tokens, s, e, ends))
    return merged


def _name_goes_on(tokens: Tokens, end: int, by_token: dict[int, Match]) -> bool:
    """Whether "de"/"del" and a capitalised word no gazetteer entry holds follow token ``end``
    ("Diálogo Estratégico | de Alto Nivel"): the text names a longer body than the alias."""
    return end + 1 < len(tokens) and tokens.lower[end] in ("de", "del") and tokens.name_word[end + 1] \
        and end + 1 not in by_token


def _join_short_names(orgs: list[Actor]) -> list[Actor]:
    """"la Comisión Binacional" in a document that names "la Comisión Binacional España-México":
    a name built on a head word (no gazetteer row) that opens exactly one longer name of the
    same kind is that body, named short; its mentions join the longer name's."""
    kept = []
    for actor in orgs:
        short = fold(actor.name) + " "
        longer = [o for o in orgs if o is not actor and o.kind == actor.kind and fold(o.name).startswith(short)]
        if actor.org is None and not actor.org_choices and len(longer) == 1:
            longer[0].token_spans.extend(actor.token_spans)
            longer[0].weak_spans |= actor.weak_spans
            continue
        kept.append(actor)
    return kept


def _echo(tokens: Tokens, start: int, end: int, ends: set[int]) -> bool:
    """An acronym in parentheses right after the name ("... Centroamericana (SICA)"): one
    mention with the name, so it acts only where the name does."""
    return (start >= 2 and end < len(tokens) and tokens.text[start - 1] == "(" and tokens.text[end] == ")"
            and start - 1 in ends)


def _acts(tokens: Tokens, start: int, end: int, spans: list[tuple[int, int]], excluded: set[int],
          lex: Lexicon) -> bool:
    if not excluded.isdisjoint(range(start, end)):
        return False
    if any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
        return False
    lower = tokens.lower
    before = [k for k in range(max(0, start - 5), min(start, len(tokens)))  # (not "la 54" in "en
              if tokens.pos[k] not in ("DET", "NUM") and not tokens.punct[k]]  # el marco de la 54 Asamblea")
    if before and any((lex.has_folded("byline_cue", tokens.folded[k])
                       or (lex.has_folded("line_cue", tokens.folded[k]) and _opens_line(tokens, k)))
                      and "," not in tokens.text[k + 1:start] for k in before[-3:]):
        return False  # a credit ("Foto: SRE", "Por: Redacción"; not "Por su parte, la SRE")
    if before and lower[before[-1]] in {"en", "ante"}:
        return False
    if len(before) >= 2 and lower[before[-1]] in {"a", "al"} and tokens.lemma(before[-2]) == "llegar":
        return False
    if len(before) < 2 or lower[before[-1]] not in {"de", "del", "al"}:
        return True
    noun = next((k for k in reversed(before[:-1]) if tokens.pos[k] != "ADJ"), before[-2])
    return not lex.has_folded("place_cue", tokens.folded[noun])  # "la sesión (ordinaria) del Consejo"


def _opens_line(tokens: Tokens, i: int) -> bool:
    """Whether only white space stands between the start of its line and token ``i``."""
    text, at = tokens.doc_text, tokens.idx[i]
    return not text[text.rfind("\n", 0, at) + 1:at].strip()


def _head_kind(tokens: Tokens, i: int, by_token: dict[int, Match], lex: Lexicon) -> tuple[str, int] | None:
    """The kind of head word (``group_head``, ``org_head``) a body's name opens with at token
    ``i`` and its length in words ("Consulado General" is two: "General" is no title there)."""
    if i in by_token or not tokens.text[i][:1].isupper():
        return None
    word = tokens.folded[i]
    for kind in ("group_head", "org_head"):
        if i + 1 < len(tokens) and f"{word} {tokens.folded[i + 1]}" in lex.words.get(kind, ()):
            return kind, 2
        if word in lex.words.get(kind, ()):
            return kind, 1
    return None


def _chunk_end(tokens: Tokens, start: int, by_token: dict[int, Match], meets: bool = False) -> int:
    """The end of a body's name built on its head word at ``start``: name words, gazetteer
    names and the particles between them. For a body that meets (``meets``: a commission, a
    group), "en" before a place is where it meets, not its name ("la Comisión Binacional
    México-India en Nueva Delhi"); an embassy's "en Japón" is its name."""
    text, lower, name_word, n = tokens.text, tokens.lower, tokens.name_word, len(tokens)
    j, end = start + 1, start + 1
    while j < n:  # a line break is a SPACE token, no name word: it ends the chunk
        m = by_token.get(j)
        word = text[j]
        if m is not None:
            if m.kind not in {"COUNTRY", "LOC", "ORG"} and not (m.kind == "DEMONYM" and word[:1].isupper()) \
                    and not (m.kind == "PER" and m.end - m.start == 1 and lower[j - 1] in {"de", "del"}
                             and j - 2 > start):
                break  # (a surname after "de" further in is the body's: "la Oficina del Alguacil del
                # Condado de Harris"; not "la Comisión de Almagro", right after the head)
            j = end = m.end
            continue
        if name_word[j] or word.isupper() and word.isalnum():
            j = end = j + 1
            continue
        if lower[j] in _INNER and j + 1 < n:
            if meets and lower[j] == "en" and _place_at(j + 1 + (lower[j + 1] in {"la", "el"}), by_token):
                break  # ("en la Ciudad de México" too)
            if name_word[j + 1] or j + 1 in by_token or (
                    lower[j + 1] in {"la", "los", "las"} and j + 2 < n
                    and (name_word[j + 2] or j + 2 in by_token)):
                j += 1
                continue
        break
    return end


def _place_at(j: int, by_token: dict[int, Match]) -> bool:
    """Whether a country or a place of the gazetteer starts at token ``j``."""
    m = by_token.get(j)
    return m is not None and m.start == j and m.kind in {"COUNTRY", "LOC"}
