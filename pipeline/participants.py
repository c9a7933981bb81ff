"""Participants stage: entity mentions and the actors they stand for.

Reads the model's entities (``doc.ents``), ``doc._.published`` (and, when it is missing,
the absolute dates of ``doc._.timexes``), ``doc._.outside_report`` (text that is not the
report gives nothing) and the gazetteer and participant rules in ``models/gazetteer/`` and
``models/participants/``. Writes:

* ``doc.ents`` corrected: gazetteer names override the model's labels ("Canadá" is a
  place, not a person; "Reunión Ministerial de Seguridad" is not a person);
* ``doc._.mentions``: one :class:`~pipeline.records.Mention` per entity (PER/ORG/LOC/MISC)
  plus ROLE mentions (a title or collective standing for people), with sentence index and
  the actor it was resolved to;
* ``doc._.participants``: one :class:`~pipeline.records.Participant` per person or
  organization taking part, with role, role code, country and the offsets of every
  mention resolved to it (``spans``).

Resolution (recorded in ``resolved_by``): full name; alias or surname of a name in the
same document or of the gazetteer; role-only mentions ("el canciller", "su homólogo") to
a person of the document with that office, else to the office holder on the publication
date; fuzzy match for misspellings; collective mentions ("ambos funcionarios").

Public entry point: the ``sre_participants`` factory (:class:`ParticipantsComponent`).
"""

import bisect
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import GAZETTEER_FILES, GENDERS, LOCAL_KINDS, Gazetteer, check_countries, fold
from .participants_build import Builder
from .participants_match import FoldedMatcher
from .participants_resolve import Lexicon
from .participants_tokens import Tokens
from .records import Mention, Participant, get_list, in_report
from .rules import CONVERTERS, RuleComponent, Schema

log = logging.getLogger(__name__)

#: the entity columns the stage rewrites (:meth:`Tokens.set_ents`)
_ENT_COLUMNS = [ENT_IOB, ENT_TYPE]

#: What a row of ``models/participants/words.csv`` may be. ``byline_cue``: a credit word ("Foto",
#: "Redacción") near a name; ``line_cue``: one that is a credit only opening its line ("Por");
#: ``indefinite``: a title standing alone right after it is no one in particular ("un canciller").
WORD_KINDS = frozenset({"agency", "byline_cue", "line_cue", "mention_only", "not_in_office", "not_name",
                        "org_head", "group_head", "place_cue", "generic_org", "not_org",
                        "thing_head", "topic_cue", "indefinite"})
RELATIONS = frozenset({"anyone", "counterpart", "head"})
SETTINGS = frozenset({"default_country", "default_role_code", "preferred_role_code",
                      "unnamed_portfolio"})


def _setting_fits(row: dict[str, Any]) -> tuple[str, str] | None:
    """A setting's value has the form its key needs: a role code, or a country code."""
    value = row.get("value")
    try:
        if value and row["key"] == "default_country":
            CONVERTERS["iso3"](value)
        elif value:
            CONVERTERS["role_code"](value)
    except ValueError as e:
        return "value", str(e)
    return None


PARTICIPANT_FILES: dict[str, tuple[str, Schema]] = {
    "words": ("participants/words.csv", Schema(
        {"word": "str", "kind": "str", "note": "str"}, frozenset({"word", "kind"}),
        choices={"kind": WORD_KINDS})),
    "titles": ("participants/titles.csv", Schema(
        {"title": "str", "role_code": "role_code", "country": "iso3", "organization": "str",
         "gender": "str", "relation": "str"}, frozenset({"title"}),
        choices={"relation": RELATIONS, "gender": GENDERS})),
    "collective": ("participants/collective.csv", Schema(
        {"phrase": "str", "role_code": "role_codes", "size": "int", "needs_verb": "bool"},
        frozenset({"phrase"}))),
    "heads": ("participants/heads.csv", Schema(
        {"pattern": "str", "role_code": "role_code", "note": "str"},
        frozenset({"pattern", "role_code"}))),
    "settings": ("participants/settings.csv", Schema(
        {"key": "str", "value": "str", "note": "str"}, frozenset({"key"}), choices={"key": SETTINGS},
        check=_setting_fits)),
}


def sentence_index(tokens: Tokens) -> Callable[[int], int]:
    """A function from a character offset to the index of the sentence holding it."""
    doc = tokens.doc
    if not doc.has_annotation("SENT_START"):
        starts = [0]
    elif "sents" in doc.user_hooks:
        starts = [sent.start_char for sent in doc.sents]
    else:
        starts = tokens.sentence_starts()
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


class ParticipantsComponent(RuleComponent):
    """Mentions from the entity recogniser and the gazetteer; actors resolved against both.

    ``FILES`` are the stage's own rules; ``SHARED`` the whole gazetteer (read once per
    process, shared with the other stages, saved with the stage's own by ``to_disk``).
    """

    FILES = PARTICIPANT_FILES
    SHARED = GAZETTEER_FILES

    def compile(self) -> None:
        t = self.tables
        check_countries(t, [(row, "value") for row in t["settings"] if row["key"] == "default_country"])
        gaz = Gazetteer(t)
        words: dict[str, set[str]] = {}
        for row in t["words"]:
            words.setdefault(row["kind"], set()).add(fold(row["word"]))
        titles: dict[str, dict[str, Any]] = {}
        for row in [*t["titles"], *t["roles"]]:  # the stage's own titles.csv wins
            titles.setdefault(fold(row["title"]), row)
        self.lexicon = Lexicon(
            gaz=gaz, words=words, titles=titles,
            heads=[(fold(r["pattern"]), r["role_code"]) for r in t["heads"]],
            settings={r["key"]: r["value"] for r in t["settings"] if r["value"]},
            bodies=generic_bodies(t["organizations"], words.get("generic_org", set())),
            places=frozenset(fold(n) for row in [*t["countries"], *t["places"]]
                             for n in [row["name"], *row["aliases"]]),
            local_places=frozenset(fold(n) for row in t["places"] if row["kind"] in LOCAL_KINDS
                                   for n in [row["name"], *row["aliases"]])
            - {fold(n) for row in t["countries"] for n in [row["name"], *row["aliases"]]})
        entries: list[tuple[str, str, Any]] = []
        for person in gaz.people.values():
            for term in person.terms:
                for surface in [term["name"], *term["aliases"]]:
                    entries.append((surface, "PER", person.actor_id))
        for row in t["organizations"]:
            for surface in [row["name"], *row["aliases"]]:
                entries.append((surface, "ORG", row))
        for row in t["countries"]:
            for surface in [row["name"], *row["aliases"]]:
                entries.append((surface, "COUNTRY", row["iso3"]))
            for surface in row["demonyms"]:
                entries.append((surface, "DEMONYM", row["iso3"]))
        for row in t["places"]:
            for surface in [row["name"], *row["aliases"]]:
                entries.append((surface, "LOC", row))
        for row in titles.values():
            entries.append((row["title"], "ROLE", row))
        for row in t["collective"]:
            entries.append((row["phrase"], "COLLECTIVE", row))
        for row in t["words"]:
            if row["kind"] == "agency":
                entries.append((row["word"], "AGENCY", row))
        self.matcher = FoldedMatcher(entries)

    def __call__(self, doc: Doc) -> Doc:
        """Mentions and participants of ``doc``, and its corrected entities. Running it again
        (the undated stage does, once it has dated the document) gives the same as a first
        run on that date: it starts again from the recogniser's entities."""
        restore_model_ents(doc)
        tokens = Tokens(doc)
        builder = Builder(tokens, self.matcher(tokens), self.lexicon, reference_date(doc),
                          sentence_index(tokens), in_report(doc) if doc._.outside_report else None)
        new_mentions, new_participants, ents = builder.run()
        if doc._.outside_report:
            new_mentions, new_participants, ents = within_report(new_mentions, new_participants, ents,
                                                                 in_report(doc), tokens.idx)
        get_list(doc, "mentions")[:] = new_mentions
        get_list(doc, "participants")[:] = new_participants
        tokens.set_ents(ents)
        return doc


def within_report(mentions: list[Mention], participants: list[Participant],
                  ents: list[tuple[str, int, int]], inside: Callable[[int], bool], idx: list[int],
                  ) -> tuple[list[Mention], list[Participant], list[tuple[str, int, int]]]:
    """The mentions, participants and entities (label, first token, end token) that start in
    the report (``inside``: :func:`~pipeline.records.in_report`); text that is not (a teaser
    of another article, a related-content block) gives none. A participant named in both keeps
    its spans in the report; one named only outside is no participant of the document."""
    kept = []
    for p in participants:
        spans = [span for span in p.spans if inside(span[0])]
        if spans:
            kept.append(p if len(spans) == len(p.spans) else replace(
                p, spans=spans, start=spans[0][0], end=spans[0][1], n_mentions=len(spans)))
    kept.sort(key=lambda p: p.start)  # (a participant's first mention may now come later)
    return ([m for m in mentions if inside(m.start)], kept,
            [e for e in ents if inside(idx[e[1]])])


def restore_model_ents(doc: Doc) -> None:
    """Keep the entity recogniser's entity columns on the first call (``doc._.model_ents``);
    write them back into ``doc`` on any later one."""
    if not len(doc):
        return
    if doc._.model_ents is None:
        doc._.model_ents = doc.to_array(_ENT_COLUMNS)
    else:
        doc.from_array(_ENT_COLUMNS, doc._.model_ents)


def generic_bodies(rows: list[dict[str, Any]], generic: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(generic word, ISO3) -> organization: a country's body that a name or alias starting
    with a generic word ("Cancillería mexicana", "Cancillería de Chile") belongs to."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if not row.get("country"):
            continue
        for surface in [row["name"], *row["aliases"]]:
            words = fold(surface).split()
            for n in range(1, len(words)):
                if " ".join(words[:n]) in generic:
                    out.setdefault((" ".join(words[:n]), row["country"]), row)
    return out


def reference_date(doc: Doc) -> dt.date | None:
    """The publication date, else the latest absolute day the text itself gives."""
    if isinstance(doc._.published, dt.date):
        return doc._.published
    days = [t.date_start for t in (doc._.timexes or [])
            if getattr(t, "anchor", None) == "absolute" and getattr(t, "date_start", None)
            and getattr(t, "granularity", None) in ("day", "month", "year")]
    return max(days) if days else None


@Language.factory("sre_participants", default_config={"models_dir": None})
def make_participants(nlp: Language, name: str, models_dir: str | None) -> ParticipantsComponent:
    return ParticipantsComponent(nlp, name, models_dir)
