"""Titles standing alone for a person: "el canciller", "su homólogo estadounidense".

Helper of the participants stage (:mod:`pipeline.participants_build`). A singular title with no
name of its own stands for:

- the document's own official of that office, the last one named before it (of the document's
  country when the title names none and one was named before it, over a counterpart named
  since; of the document's country also when all are named after it); for a minister whose
  portfolio the text leaves unsaid,
  the office of the setting ``unnamed_portfolio`` next;
- else the gazetteer's holder of the office on the publication date (or, in an undated
  document, the only holder in the period its other officials date it to); for a title of
  code ``other`` ("el vicepresidente estadounidense"), the one holder of an office of that
  name in the country the title names;
- a counterpart ("su homólogo") has the office of the person spoken of before it;
- a title of relation ``anyone`` in ``titles.csv`` ("la funcionaria", "el diplomático
  estadounidense") stands for the person named last before it of its gender (and country).

Not resolved: plural titles, a predicative title ("como canciller"), one not in office ("la
próxima presidenta").
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Container, Sequence

from .gazetteer import Person, fold, in_office, overlaps
from .participants_match import Match, RolePhrase, extend_title
from .participants_resolve import Actor, Lexicon, Role
from .participants_roles import interpret_phrase, merge_role
from .participants_tokens import Tokens

#: The gender a title of either gender ("canciller", "titular") takes from its article.
ARTICLE_GENDER = {"el": "m", "del": "m", "al": "m", "la": "f"}


def main_country(actors: list[Actor], lex: Lexicon) -> str | None:
    """The country the document is about: that of its foreign-ministry officials (a foreign
    minister, or a deputy minister of a foreign ministry: "la subsecretaria X se reunió con el
    canciller de Perú" is about Mexico; not "el viceministro de Comercio de Guatemala"), the
    default country's when one of them is its (the corpus's own: "recibió a la ministra Anand
    ... el secretario De la Fuente"), else the first's; else its first person's."""
    ordered = sorted(actors, key=lambda a: a.first_token)
    default = lex.settings.get("default_country")
    ministries = [a.country for a in ordered if a.country and (a.role.code == "foreign_minister" or (
        a.role.code == "deputy_minister" and a.role.organization in lex.generic_body_names))]
    if ministries:
        return default if default in ministries else ministries[0]
    return next((a.country for a in ordered if a.country), default)


def named_before(actor: Actor, at: int) -> int:
    """The first token of the actor's last name mention before token ``at``; -1 for none."""
    return max((c.start for c in actor.cands if c.start < at), default=-1)


class AloneTitles:
    """The titles of one document that stand alone, and whom they stand for (``mentions``:
    token span and actors, after :meth:`resolve`)."""

    def __init__(self, tokens: Tokens, matches: list[Match], by_token: dict[int, Match], org_tokens: set[int],
                 lex: Lexicon, on: dt.date | None, window: tuple[dt.date, dt.date] | None) -> None:
        self.tokens, self.matches, self.by_token, self.org_tokens = tokens, matches, by_token, org_tokens
        self.lex, self.on, self.window = lex, on, window
        self.mentions: list[tuple[int, int, list[Actor]]] = []

    def resolve(self, actors: list[Actor], used: set[int]) -> set[int]:
        """Titles standing alone for a person ("el canciller", "su homólogo estadounidense"); returns
        their tokens (a body named in one, "el asesor de la CIDH", is part of a title)."""
        tokens = self.tokens
        lower = tokens.lower
        alone: set[int] = set()
        for m in self.matches:
            if m.kind != "ROLE" or m.start in used:
                continue
            if tokens.text[m.start].lower().endswith(("es", "os", "as")) or "Plur" in tokens.morph_values(m.start, "Number"):
                continue
            if m.start > 0 and self.lex.has_folded("not_in_office", tokens.folded[m.start - 1]):
                continue
            if any(lower[k] == "como" or tokens.lemma(k) == "ser" for k in range(max(0, m.start - 4), m.start)):
                continue  # predicative: "sería el Presidente de México", "como canciller"
            end, inside = extend_title(tokens, m, self.by_token, set(), m.end + 10)
            if tokens.pos[m.start] == "NOUN" and m.start not in self.org_tokens:  # not "el debate general"
                alone.update(range(m.start, end))
            if m.start > 0 and self.lex.has_folded("indefinite", tokens.folded[m.start - 1]):
                continue  # "un canciller mexicano": a title, of no one in particular
            phrase = RolePhrase(m.start, end, m, inside, "right")
            role = interpret_phrase(tokens, phrase, self.lex)
            if role.not_in_office:
                continue
            if role.counterpart:
                role.code = self._speaker_code(m.start, actors)
            gender = self.lex.titles.get(m.key, {}).get("gender") or (
                ARTICLE_GENDER.get(lower[m.start - 1]) if m.start else None)  # "el canciller"
            if self.lex.titles.get(m.key, {}).get("relation") == "anyone":
                actor = self._last_named(m.start, actors, gender, role.country)
                if actor is not None:
                    self.mentions.append((m.start, end, [actor]))
                continue
            foreign_reading = self._foreign_reading(m, role, phrase, actors)
            if foreign_reading:
                role.country = role.organization = None
            # the document's own people first ("la ministra canadiense" after "la ministra de
            # Relaciones Exteriores de Canadá, X" is X), then the gazetteer's office holders
            portfolio = self._portfolio(m, end) if role.code == "minister" else ""
            offices = self._offices(role, portfolio)
            actor = None if role.counterpart else self._same_title(m, role, actors, gender)
            if actor is None:
                actor = self._first_office(role, offices, lambda: self._same_office(role, m.start, end, actors, gender))
            if actor is None and not foreign_reading:
                actor = self._first_office(
                    role, offices, lambda: self._office_holder(role, m, end, portfolio, actors, gender))
            if actor is not None:
                self.mentions.append((m.start, end, [actor]))
        return alone

    def _last_named(self, at: int, actors: list[Actor], gender: str | None,
                    country: str | None) -> Actor | None:
        """The person named last before token ``at`` of the title's gender and, when the title
        says it ("el funcionario estadounidense"), country."""
        fitting = [a for a in actors if a.kind == "person" and a.participant
                   and (not country or a.country == country)
                   and self._fits(a, gender)]
        best = max(fitting, key=lambda a: named_before(a, at), default=None)
        return best if best is not None and named_before(best, at) >= 0 else None

    def _fits(self, actor: Actor, gender: str | None) -> bool:
        """A feminine title ("la presidenta") does not stand for a man, nor the reverse."""
        return not gender or self._gender(actor) in (None, gender)

    def _gender(self, actor: Actor) -> str | None:
        """A person's gender: the gazetteer's, else that of a title the text gives them (its own, or
        its article's: "El canciller de Perú, X")."""
        if actor.person is not None:
            known = {t.get("gender") for t in actor.person.terms} - {None, ""}
            if len(known) == 1:
                return known.pop()
        titles, lower = self.lex.titles, self.tokens.lower
        said = {titles.get(c.phrase.title.key, {}).get("gender") or (
                ARTICLE_GENDER.get(lower[c.phrase.title.start - 1]) if c.phrase.title.start else None)
                for c in actor.cands if c.phrase} - {None, ""}
        return said.pop() if len(said) == 1 else None

    def _foreign_reading(self, m: Match, role: Role, phrase: RolePhrase, actors: list[Actor]) -> bool:
        """A title whose country is only the gazetteer's Mexican reading of it ("el secretario
        de Estado" is the U.S. one) in a document about another country that never names that
        one: there the title may name the document's own official (in Chile every minister is
        a "secretario de Estado"), and no office holder is looked up."""
        implied = self.lex.titles.get(m.key, {}).get("country")
        default = self.lex.settings.get("default_country")
        if not implied or role.country != implied or len(phrase.matches) > 1:
            return False
        words = self.tokens.text[phrase.start:phrase.end]
        if any(len(w) > 1 and w.isupper() for w in words) and any(w.islower() for w in words):
            return False  # "el titular de la SRE": the acronym names the body (not a line in capitals)
        if main_country(actors, self.lex) in (None, default):
            return False
        named = any(x.kind in {"COUNTRY", "DEMONYM"} and x.rows[0] == implied for x in self.matches)
        return not named and not any(a.country == implied for a in actors) and not self._names_a_place(m)

    def _names_a_place(self, m: Match) -> bool:
        """Whether the title's own words name a place ("la presidenta de México": its country is
        written, not the gazetteer's reading of it)."""
        return bool(named_places(self.tokens.folded[m.start:m.end], self.lex.places))

    def _offices(self, role: Role, portfolio: str) -> list[str | None]:
        """The offices a title may stand for: its own, then, for a minister whose portfolio
        the text leaves unsaid ("la ministra salvadoreña"; not "el secretario de Agricultura"),
        the setting ``unnamed_portfolio``."""
        fallback = self.lex.settings.get("unnamed_portfolio")
        if role.code == "minister" and not role.organization and fallback and not portfolio:
            return [role.code, fallback]
        return [role.code]

    def _portfolio(self, m: Match, end: int) -> str:
        """The folded words naming a minister's portfolio: its title's own after the first word
        ("secretario de agricultura": "de agricultura"), else those after the title up to a
        country or place ("el ministro de Agricultura de Chile"); "" for none ("el ministro de
        Chile", "la ministra salvadoreña")."""
        own = m.key.split(" ", 1)
        if len(own) > 1:
            return own[1]
        words = []
        for k in range(m.end, end):
            found = self.by_token.get(k)
            if found is not None and found.kind in ("COUNTRY", "DEMONYM", "LOC"):
                break
            words.append(self.tokens.folded[k])
        while words and words[-1] in ("de", "del", ",", ""):
            words.pop()
        return " ".join(words) if words and words[0] in ("de", "del") else ""

    @staticmethod
    def _first_office(role: Role, offices: list[str | None], find: Callable[[], Actor | None]) -> Actor | None:
        """The first actor ``find`` gives with ``role.code`` set to each of ``offices`` in turn."""
        for code in offices:
            role.code = code
            if (actor := find()) is not None:
                return actor
        return None

    def _speaker_code(self, at: int, actors: list[Actor]) -> str | None:
        before = [a for a in actors if a.role.code and a.role.code != "other" and a.first_token < at]
        return before[-1].role.code if before else None

    def _same_title(self, m: Match, role: Role, actors: list[Actor], gender: str | None) -> Actor | None:
        """The one person named before the title ``m`` whom the text gives that title, in office ("el
        subsecretario" after "el subsecretario para América del Norte, X": X, whatever office the
        gazetteer knows X by; not "el futuro canciller X")."""
        titled = [a for a in actors if a.participant and a.text_code is not None and named_before(a, m.start) >= 0
                  and self._fits(a, gender) and (role.country is None or a.country == role.country)
                  and any(c.phrase is not None and f"{c.phrase.title.key} ".startswith(f"{m.key} ") for c in a.cands)]
        return titled[0] if len(titled) == 1 else None  # (two "ministros": the document's own, below)

    def _same_office(self, role: Role, at: int, end: int, actors: list[Actor], gender: str | None) -> Actor | None:
        if role.code in (None, "other"):
            return None
        found = [a for a in actors if a.role.code == role.code and a.participant and self._fits(a, gender)
                 and (role.country is None or a.country == role.country)
                 and (not role.counterpart or a.country != self._first_country(actors))
                 and not self._first_named_later_in_its_sentence(a, at, end)]

        if len(found) > 1 and all(named_before(a, at) < 0 for a in found):  # all named after the title:
            main = main_country(actors, self.lex)  # the document's own country's
            found = [a for a in found if a.country == main] or found
        elif len(found) > 1 and role.country is None and not role.counterpart:
            # a title naming no country ("el canciller") is the document's own official, named
            # before it, over a counterpart named since ("su homólogo, X")
            main = main_country(actors, self.lex)
            found = [a for a in found if a.country == main and named_before(a, at) >= 0] or found
        return max(found, key=lambda a: named_before(a, at), default=None)

    def _first_named_later_in_its_sentence(self, actor: Actor, at: int, end: int) -> bool:
        """Whether ``actor`` is first named after the title at tokens ``at:end``, in the title's
        own sentence ("La presidenta habló con los presidentes de Colombia, X": someone else),
        but not right after it ("la directora general ..., X": the title's apposition)."""
        if named_before(actor, at) >= 0 or any(c.start in (end, end + 1) for c in actor.cands):
            return False
        starts = self.tokens.view.sent_starts
        k = bisect.bisect_right(starts, at)
        end_of_sentence = starts[k] if k < len(starts) else len(self.tokens)
        return any(at < c.start < end_of_sentence for c in actor.cands)

    def _first_country(self, actors: list[Actor]) -> str | None:
        return min(actors, key=lambda a: a.first_token).country if actors else None

    def _office_holder(self, role: Role, m: Match, end: int, portfolio: str, actors: list[Actor],
                       gender: str | None) -> Actor | None:
        """The gazetteer's holder of the office on the publication date; without one, the only
        holder during the period the document's other titled officials date it to. An office
        bound to a place (:meth:`_bound_to`) is held only by a title that names it (tokens
        ``m.start:end``): "el gobernador de Jalisco" is not Sonora's governor, nor is "el
        gobernador" alone. A minister's title naming a ``portfolio`` (:meth:`_portfolio`) stands
        only for a minister whose office opens with it."""
        if role.code is None or (self.on is None and self.window is None) or (
                role.code == "other" and role.country is None):
            return None  # ("other" titles are many: only one office of a named country, below)
        country = role.country
        if country is None and role.code != "io_official" and not role.organization:
            country = self.lex.settings.get("default_country")
        on, until = (self.on, None) if self.on is not None else self.window
        said = named_places(self.tokens.folded[m.start:end], self.lex.local_places)
        holders = [p for p in self.lex.gaz.holders(role.code, country, role.organization, on, until)
                   if (not gender or not {t.get("gender") for t in p.terms} - {None, ""} - {gender})
                   and (not (bound := self._bound_to(p, on, until)) or bound & said)]
        if role.code == "other":  # "el vicepresidente estadounidense": that office, by its name
            holders = [p for p in holders if any(fold(t.get("office")) == m.key for t in p.terms)]
        elif role.code == "minister" and portfolio:  # "el secretario de Agricultura": a minister whose
            # office, after its first word, opens with that portfolio
            holders = [p for p in holders if any(f"{fold(t.get('office')).partition(' ')[2]} ".startswith(
                f"{portfolio} ") for t in p.terms)]
        if len(holders) > 1 and self.on is not None:
            named = {fold(x.rows[0]["name"]) for x in self.matches if x.kind == "ORG"}
            holders = [p for p in holders if fold(p.term_on(self.on).get("organization")) in named] or holders
        if len(holders) != 1:
            return None
        person = holders[0]
        existing = next((a for a in actors if a.person is person), None)
        if existing is not None:
            return existing
        actor = Actor(person.actor_id, person.name, "person", person=person, resolved_by="role",
                      first_token=m.start)
        actor.role = merge_role(actor, role, self.on, self.lex)
        actor.country = actor.role.country
        actors.append(actor)
        return actor

    def _bound_to(self, person: Person, on: dt.date | None, until: dt.date | None) -> set[str]:
        """The states, cities and capitals the person's office (its name or its body's) names in
        the period asked about ("gobernador de Sonora": Sonora); none for most offices."""
        terms = [t for t in person.terms if (overlaps(t, on, until) if until is not None else in_office(t, on))]
        words = fold(" ".join(f"{t.get('office') or ''} {t.get('organization') or ''}" for t in terms)).split()
        return named_places(words, self.lex.local_places)


def named_places(words: Sequence[str], names: Container[str]) -> set[str]:
    """The runs of up to three folded ``words`` that are in ``names``."""
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)
            if " ".join(words[i:j]) in names}
