"""One document's participants, mentions and corrected entities, step by step.

Helper of the participants stage (:mod:`pipeline.participants`): :class:`Builder` takes
the gazetteer matches of a document and produces its mentions, participants and the
corrected ``doc.ents``. Steps: person-name candidates (gazetteer names, the model's
entities cleaned of titles and headings, names after a title), their role phrases,
non-participant filters (bylines, agencies, people only commemorated), resolution into
actors, titles standing alone (:mod:`pipeline.participants_alone`) and collective mentions,
organizations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .participants_alone import AloneTitles, main_country
from .participants_match import Match, name_run, role_phrase
from .participants_orgs import find_organizations, settle_organizations
from .participants_resolve import Actor, Cand, Lexicon, Role, date_window, resolve_people, to_participant
from .participants_roles import counterpart_code, interpret_phrase, merge_role
from .participants_tokens import LABELS, Tokens, covered
from .records import Mention, Participant

#: Words after a capitalised word that make it part of the office before it, not a surname
#: ("el subprocurador Jurídico y de Asuntos Internacionales").
_OFFICE_GOES_ON = frozenset({("de",), ("del",), ("y", "de"), ("y", "del")})
_SOURCE_RANK = {"gazetteer": 0, "role": 1, "ner": 2}
_NO_WORDS: frozenset[str] = frozenset()


#: Arcs (flat, conj, appos) climbed from a name to the noun it may name a thing of.
_THING_HOPS = 4


class Builder:
    """Builds the records of one document (see the module docstring)."""

    def __init__(self, tokens: Tokens, matches: list[Match], lex: Lexicon, on: dt.date | None,
                 sent_of: Callable[[int], int], inside: Callable[[int], bool] | None = None) -> None:
        matches = [m for m in matches if not self._inside_a_longer_name(m, tokens, matches, lex)]
        self.tokens, self.matches, self.lex, self.on, self.sent_of = tokens, matches, lex, on, sent_of
        #: whether a character offset is in the report (None: all of it is); a name outside it
        #: (a teaser of another article) is no one the document's titles can stand for
        self.inside = inside
        self.by_token = {k: m for m in matches for k in range(m.start, m.end)}
        for m in matches:
            if m.kind == "COLLECTIVE":  # "los ministros [mexicanos], Ana Pérez y Luis Gil"
                m.title = lex.collective_title[m.key]
        self.role_mentions: list[tuple[int, int, list[Actor]]] = []  # token span, actors
        self.window: tuple[dt.date, dt.date] | None = None  # an undated document's period
        self.orgs = find_organizations(tokens, matches, self.by_token, lex)
        self.org_tokens = covered(span for a in self.orgs for span in a.token_spans)

    @staticmethod
    def _inside_a_longer_name(m: Match, tokens: Tokens, matches: list[Match], lex: Lexicon) -> bool:
        """Whether the gazetteer name ``m`` is one surname ("Salazar", an alias of Ken Salazar)
        ending a longer name the text gives ("Raúl Torres Salazar"): someone else's."""
        i = m.start - 1
        if m.kind != "PER" or m.end - m.start != 1 or i < 0 or not tokens.name_word[i] or tokens.stop[i] \
                or not lex.not_name.isdisjoint((tokens.folded[i],)):
            return False
        return not any(o.start <= i < o.end for o in matches)

    # -- person names ------------------------------------------------------------------

    def name_candidates(self) -> list[Cand]:
        tokens, found = self.tokens, []
        qualifiers: set[int] = set()  # words between a title and its name ("subsecretario de
        # Prevención y Promoción de la Salud, X"): part of the title, no name
        for m in self.matches:
            if m.kind == "PER" and m.start in self.org_tokens:
                continue  # a surname in a body's name ("la Oficina del Alguacil del Condado de Harris")
            if m.kind == "PER":  # the label of the model's entity holding the match's first token
                label = self.tokens.ent_labels.get(m.start, "")
                found.append(Cand(m.start, m.end, tokens.span_text(m.start, m.end), "gazetteer", label,
                                  list(m.rows)))
            elif m.kind == "ROLE":
                cand, name_start = self._name_after_title(m)
                if cand is not None:
                    found.append(cand)
                if name_start is not None:
                    qualifiers.update(range(m.end, name_start))
        name_word, stop, lower = tokens.name_word, tokens.stop, tokens.lower
        for start, ent_end, ent_label in tokens.ents:
            i = start
            while i < ent_end:
                if i in self.by_token or i in self.org_tokens or not name_word[i] or i in qualifiers:
                    i += 1
                    continue
                if stop[i] and lower[i] not in {"de", "del"}:
                    i += 1
                    continue
                if i > 0 and self.by_token.get(i - 1) is not None and self.by_token[i - 1].kind == "PER":
                    i = max(i + 1, self._run(i))  # the rest of a name the gazetteer knows by its first words
                    continue  # ("Héctor Vasconcelos Cruz": no "Cruz" of its own)
                if tokens.pos[i] in ("VERB", "AUX") and tokens.view.dep[i] == "ROOT":
                    i += 1  # the verb of the sentence, capitalised at its start ("Asistió Pedro Soto,
                    continue  # director de ..."; not "Arriaga del Valle destacó", its subject to the model)
                end = self._run(i)
                if not self.lex.not_name.isdisjoint(tokens.folded[i:end]):
                    i = end
                    continue
                found.append(Cand(i, end, tokens.span_text(i, end), "ner", LABELS.get(ent_label, "MISC")))
                i = end
        return _non_overlapping(found)

    def _titled_name(self, start: int, end: int) -> Cand:
        """The name at tokens ``start:end`` after a title; the recogniser's label vouches for a surname
        alone ("el embajador Zubiría") unless the office goes on ("el subprocurador Jurídico y de Asuntos
        Internacionales"; words of an office such as "Alterno" are ``not_name`` words)."""
        lower = self.tokens.lower
        goes_on = tuple(lower[end:end + 1]) in _OFFICE_GOES_ON or tuple(lower[end:end + 2]) in _OFFICE_GOES_ON
        return Cand(start, end, self.tokens.span_text(start, end), "role", "PER",
                    recognised="" if goes_on else self.tokens.ent_labels.get(start, ""))

    def _run(self, start: int) -> int:
        end = name_run(self.tokens, start)
        for k in range(start, end):
            if k in self.by_token or k in self.org_tokens:
                return k
        return end

    def _name_after_title(self, title: Match) -> tuple[Cand | None, int | None]:
        """A name right after a title and its qualifiers: "el canciller de Cuba, Bruno Rodríguez"
        (and where it starts); a gazetteer name there is no new candidate, but where it starts."""
        tokens, i, limit = self.tokens, title.end, min(len(self.tokens), title.end + 14)
        text, lower = tokens.text, tokens.lower
        comma = False
        while i < limit:
            m = self.by_token.get(i)
            if m is not None and comma and m.kind == "LOC" and m.end == i + 1 and i + 1 < len(tokens) \
                    and tokens.name_word[i + 1] and i + 1 not in self.by_token:
                # "la canciller de Costa Rica, Sofía Vega Luna": a given name the gazetteer knows as a city
                return self._titled_name(i, self._run(i + 1)), i
            if m is not None:
                if m.kind in {"COUNTRY", "DEMONYM", "ORG", "LOC", "ROLE"}:
                    limit = min(len(tokens), limit + m.end - m.start - 1)  # a name found: one word
                    i = m.end
                    continue
                return None, (i if m.kind == "PER" and comma else None)
            if text[i] == ",":
                if comma:
                    return None, None
                comma, i = True, i + 1
                continue
            if text[i] in {"(", ")"} or lower[i] in {"de", "del", "la", "el", "y", "en", "para", "los", "las"}:
                i += 1
                continue
            if tokens.name_word[i]:
                end = self._run(i)
                if end == i:
                    return None, None
                if lower[i - 1] in {"de", "del", "la", "las", "los", "para", "en", "y", "e"}:
                    i = end  # a body in the title ("director de ProMéxico,"), the name follows
                    continue
                if not self.lex.not_name.isdisjoint(tokens.folded[i:end]):
                    return None, None
                return self._titled_name(i, end), i
            if tokens.pos[i] == "ADJ" and not comma:
                i += 1
                continue
            return None, None
        return None, None

    def keep(self, cand: Cand) -> bool:
        """False for bylines, news agencies, people only commemorated or named as things, and
        names outside the report."""
        tokens = self.tokens
        if self.inside is not None and not self.inside(tokens.idx[cand.start]):
            return False
        if not self.lex.words.get("agency", _NO_WORDS).isdisjoint(tokens.folded[cand.start:cand.end]):
            return False
        if tokens.line_only(cand.start, cand.end, cand.text, self.lex.credit_words):
            return False  # nothing else on the line, or only "Foto", "Por"...
        if self.lex.joins_places(cand.text):
            return False  # "Declaración conjunta México-Guatemala"
        words = cand.words
        if self.lex.has_folded("byline_cue", words[0]):
            return False  # "Foto Ana Pérez" in a caption
        if cand.end < len(tokens) and tokens.text[cand.end] == "|":
            return False  # "Ana Pérez | El Diario"
        first = cand.phrase.start if cand.phrase is not None and cand.phrase.side == "left" else cand.start
        before = range(max(0, first - 3), first)  # the words right before, up to a punctuation mark
        before = before[next((k + 1 for k in reversed(range(len(before))) if tokens.punct[before[k]]), 0):]
        if not self.lex.words.get("mention_only", _NO_WORDS).isdisjoint(tokens.folded[k] for k in before) \
                or self._named_thing(cand.start):
            return False  # ("En el marco del programa, la canciller X": a comma between)
        return not self._topic(first)

    def _named_thing(self, i: int) -> bool:
        """Whether the words at token ``i`` name a thing of a noun of kind ``thing_head`` further
        back in a list ("los programas Sembrando Vida y Jóvenes Construyendo el Futuro"): the
        parse hangs the name on a member of the list, in apposition to that noun. (Not the
        apposition alone: "la asesora Ana Pérez" is the adviser herself.)"""
        head, dep, folded = self.tokens.view.head, self.tokens.view.dep, self.tokens.folded
        things = self.lex.words.get("thing_head", _NO_WORDS)
        listed = False
        for _ in range(_THING_HOPS):
            if dep[i] not in ("flat", "conj", "appos") or head[i] == i:
                return False
            listed = listed or dep[i] == "conj"
            i = head[i]
            if folded[i] in things:
                return listed
        return False

    def _topic(self, first: int) -> bool:
        """A person only talked about: "habló sobre Donald Trump", "acerca de la presidenta X"."""
        tokens = self.tokens
        i = first - 1
        while i >= 0 and tokens.pos[i] == "DET":
            i -= 1
        if i >= 1 and tokens.lower[i] == "de":
            i -= 1
        return i >= 0 and self.lex.has_folded("topic_cue", tokens.folded[i])

    # -- the whole document ------------------------------------------------------------

    def run(self) -> tuple[list[Mention], list[Participant], list[tuple[str, int, int]]]:
        """Mentions, participants and the corrected entities (label, start, end) of the doc."""
        tokens, lex = self.tokens, self.lex
        cands = self.name_candidates()
        person_tokens = covered((c.start, c.end) for c in cands)
        # a one-word name the recogniser found ("Haití") does not cut a title from its name
        strong = covered((c.start, c.end) for c in cands if c.full or c.source == "gazetteer")
        for c in cands:
            c.phrase = role_phrase(tokens, c.start, c.end, self.by_token, strong)
        kept = [c for c in cands if self.keep(c)]
        actors = resolve_people(kept, lex, self.on)
        phrase_tokens: set[int] = set()
        # titles of dropped names too ("la muerte del presidente de Haití, X") are no role-only
        # mention; not those of words no one confirms as a name ("Durante la Asamblea, el
        # subsecretario se reunió": "Asamblea" is no person whose title follows)
        named = {id(c) for a in actors for c in a.cands} | {id(c) for c in cands} - {id(c) for c in kept}
        title_tokens = covered((c.phrase.start, c.phrase.end) for c in cands if c.phrase and id(c) in named)
        read: list[tuple[Actor, Role | None, int]] = []
        for actor in actors:
            with_phrase = [c for c in actor.cands if c.phrase]
            for c in with_phrase:
                phrase_tokens.update(range(c.phrase.start, c.phrase.end))
            ranked = sorted(with_phrase, key=self._phrase_rank)
            best = ranked[0] if ranked else None
            text_role = interpret_phrase(tokens, best.phrase, lex) if best else None
            if text_role is not None and text_role.country is None:
                text_role.country = self._country_named(ranked[1:])
            read.append((actor, text_role, best.phrase.start if best else -1))
        # counterparts last: "su homólogo de Perú, X" has the office of someone else's role
        for actor, text_role, at in sorted(read, key=lambda r: r[1] is not None and r[1].counterpart):
            if text_role is not None and text_role.counterpart and actor.person is None:
                text_role.code = counterpart_code(tokens, at, self._spoken(actor, actors))
            actor.role = merge_role(actor, text_role, self.on, lex)
            actor.country = actor.role.country
            if text_role is not None and not text_role.not_in_office and not text_role.counterpart:
                actor.text_code = text_role.code
        for actor in actors:
            own = covered((c.phrase.start, c.phrase.end) for c in actor.cands if c.phrase)
            others = phrase_tokens - own
            actor.participant = not all(others.issuperset(range(c.start, c.end)) for c in actor.cands)
        self.window = None if self.on is not None else date_window(actors)
        titles = AloneTitles(tokens, self.matches, self.by_token, self.org_tokens, lex, self.on, self.window)
        alone = titles.resolve(actors, phrase_tokens | title_tokens)
        self.role_mentions.extend(titles.mentions)
        self._collectives(actors, title_tokens)
        orgs = settle_organizations(tokens, self.orgs, main_country(actors, lex),
                                    phrase_tokens | person_tokens | alone, lex)
        return self._records(cands, actors, orgs)

    def _phrase_rank(self, cand: Cand) -> tuple[bool, int, int]:
        """The most telling title first: a specific office before "homólogo" or "ministro"."""
        title = cand.phrase.title
        relation = self.lex.titles.get(title.key, {}).get("relation")
        return (relation in ("counterpart", "anyone"), -(title.end - title.start), cand.start)

    def _country_named(self, others: list[Cand]) -> str | None:
        """The first country the person's other titles (``others``, most telling first) name, for
        when the most telling one names none ("su homólogo de Canadá, X" ... "el secretario X":
        Canada's, not the document's)."""
        for cand in others:
            country = interpret_phrase(self.tokens, cand.phrase, self.lex).country
            if country is not None:
                return country
        return None

    def _spoken(self, actor: Actor, actors: list[Actor]) -> list[tuple[int, str]]:
        """(token, role code) of each mention of a person in office other than ``actor``: the
        names of those whose role is known, and every title ("el canciller", named or not)."""
        spoken = [(c.start, other.role.code) for other in actors if other is not actor
                  and other.kind == "person" and other.role.code not in (None, "other") for c in other.cands]
        for m in self.matches:
            code = self.lex.titles.get(m.key, {}).get("role_code") if m.kind == "ROLE" else None
            if code not in (None, "other"):
                spoken.append((m.start, code))
        return spoken

    def _collectives(self, actors: list[Actor], titles: set[int]) -> None:
        """"ambos funcionarios", "los cancilleres": the persons the document has just named, by
        name or by a title standing alone ("la subsecretaria llegó ...")."""
        pos = self.tokens.pos
        spoken = [(start, {id(a) for a in said}) for start, _, said in self.role_mentions]  # titles alone
        for m in self.matches:
            if m.kind != "COLLECTIVE" or m.start in titles:
                continue
            row = m.rows[0]
            if row.get("needs_verb") and (m.end >= len(pos) or pos[m.end] not in {"VERB", "AUX", "PRON"}):
                continue
            countries = self._countries_after(m)  # "los cancilleres de México y Chile": of those only
            pool = [a for a in actors if a.kind == "person"
                    and (not row.get("role_code") or a.role.code in row["role_code"])
                    and (countries is None or a.country in countries)]
            said = {id(a): [*(c.start for c in a.cands), *(k for k, ids in spoken if id(a) in ids)] for a in pool}
            last = {id(a): max((k for k in said[id(a)] if k < m.start),
                               default=a.first_token if a.first_token < m.start else -1) for a in pool}
            pool = sorted((a for a in pool if last[id(a)] >= 0), key=lambda a: -last[id(a)])
            size = row.get("size")
            chosen = pool[:size] if size else pool
            if len(chosen) >= 2 and (not size or len(chosen) == size):
                self.role_mentions.append((m.start, m.end, chosen))

    def _countries_after(self, m: Match) -> set[str] | None:
        """The countries a collective ``m`` names after "de" ("los cancilleres de México y Chile";
        "los presidentes de El Salvador, Guatemala y Honduras": none of those named before), None
        when it names none."""
        tokens, j = self.tokens, m.end
        if j + 1 >= len(tokens) or tokens.lower[j] not in ("de", "del"):
            return None
        found: set[str] = set()
        j += 1
        while j < len(tokens) and j < m.end + 20:
            nxt = self.by_token.get(j)
            if nxt is not None and nxt.kind in ("COUNTRY", "LOC"):
                row = nxt.rows[0]  # (a country's code; a place's row)
                found.add(row if isinstance(row, str) else row.get("country") or nxt.key)
                j = nxt.end
            elif tokens.lower[j] in (",", "y", "e", "el", "la", "de", "del") or tokens.text[j] == "El":
                j += 1  # ("de El Salvador": the model's place may leave out the article)
            else:
                break
        return found or None

    # -- records -----------------------------------------------------------------------

    def _records(self, cands: list[Cand], actors: list[Actor],
                 orgs: list[Actor]) -> tuple[list[Mention], list[Participant], list[tuple[str, int, int]]]:
        tokens, sent_of = self.tokens, self.sent_of
        owner = {id(c): a for a in actors for c in a.cands}
        items: list[tuple[int, int, str, list[Actor]]] = []
        for c in cands:
            a = owner.get(id(c))
            if a is not None:
                items.append((c.start, c.end, "PER", [a]))
        people = covered((s, e) for s, e, _, _ in items)  # (a place in a name: "Sofía Vega Luna")
        for org in orgs:
            items.extend((s, e, "ORG", [org]) for s, e in org.token_spans)
        for m in self.matches:
            if m.kind in {"COUNTRY", "LOC"} and people.isdisjoint(range(m.start, m.end)):
                items.append((m.start, m.end, "LOC", []))
        taken = covered((s, e) for s, e, _, _ in items)
        taken |= covered((s, e) for s, e, _ in self.role_mentions)  # "la Canciller" is no ORG
        for start, end, ent_label in tokens.ents:
            if taken.isdisjoint(range(start, end)):
                label = LABELS.get(ent_label, "MISC")  # a person would have been resolved above
                items.append((start, end, "MISC" if label == "PER" else label, []))
        items.extend((s, e, "ROLE", found) for s, e, found in self.role_mentions)
        items.sort(key=lambda x: (x[0], -x[1]))
        mentions: list[Mention] = []
        ents: list[tuple[str, int, int]] = []
        last_end = -1
        idx, doc_text = tokens.idx, tokens.doc_text
        for s, e, label, found in items:  # every item spans one token or more
            start_char, end_char = idx[s], tokens.view.end_char(e - 1)
            for a in found:
                a.spans.append((start_char, end_char))
            # a mention points only to participants: an actor that takes no part ("el titular de la
            # SRE", "en la Cancillería") has no row in participants nor actors to join to
            keys = [a.key for a in found if a.participant]
            mentions.append(Mention(start=start_char, end=end_char, text=doc_text[start_char:end_char],
                                    label=label, sentence=sent_of(start_char),
                                    actor_id=keys[0] if len(found) == 1 and keys else None, actor_ids=keys))
            if label != "ROLE" and s >= last_end:
                ents.append((label, s, e))
                last_end = e
        participants = [to_participant(a) for a in [*actors, *orgs] if a.spans and a.participant]
        participants.sort(key=lambda p: p.start)
        return mentions, participants, ents


def _non_overlapping(cands: list[Cand]) -> list[Cand]:
    ranked = sorted(cands, key=lambda c: (_SOURCE_RANK[c.source], -(c.end - c.start), c.start))
    taken: set[int] = set()
    out = []
    for c in ranked:
        if not taken.isdisjoint(range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: c.start)
