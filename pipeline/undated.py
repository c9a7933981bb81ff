"""Undated documents: the day a report gives as its own, dated by who held office then.

A document with no publication date (no header, metadata, dated dateline, URL or full date)
often still names its own day without a year: a dateline ("Ciudad de México, a 26 de
septiembre.") or "el día de hoy, martes 04 de septiembre". Its persons, with the titles the
text gives them ("el actual canciller Luis Videgaray"), then tell the year: each year in which
that day exists, and falls on the weekday named if one is, is scored by how many of those
persons held that office on that day according to the gazetteer (``models/gazetteer/
officials.csv``). A single best year with at least one such person dates the document.

Reads ``doc._.published`` (acts only when it is None), ``doc._.timexes`` (the dates stage's
expressions: the own-day candidate is one without a year and so without a value) and
``doc._.participants`` (persons with a ``role_code`` other than ``other``). Writes
``doc._.published`` and ``doc._.published_from = "text"``, then runs the stages before it
again (:data:`RERUN`): every relative expression is resolved against that day, and every
person by who held office on it ("el canciller"; a minister-designate is ``other`` until
the day they took office). Ties, no supporting person or no own-day expression: nothing
changes.

Public entry point: the ``sre_undated`` factory (:class:`UndatedComponent`); the pure
scoring is :func:`best_day`.
"""


import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .dates_patterns import FILES as DATE_FILES
from .dates_patterns import Candidate, default_recognizer
from .gazetteer import GAZETTEER_FILES, in_office
from .pubdate import date_parts, dateline_span
from .records import Participant, Timex
from .rules import RuleComponent, Schema

log = logging.getLogger(__name__)

#: The stages that read the publication date, run again once this stage has found it.
RERUN = ("sre_dates", "sre_participants")


def best_day(day: int, month: int, weekday: int | None,
             people: Sequence[tuple[str, Sequence[Mapping[str, Any]]]], last_year: int) -> dt.date | None:
    """The one date with ``day`` and ``month`` (on ``weekday``, 0 = Monday, when given) on which
    the most of ``people`` held office, or None when none did or two dates tie.

    ``people`` pairs each person's role code (as the text gives it) with their gazetteer
    terms; a term counts when its ``role_code`` is that code and it covers the date. A term
    still open is searched up to ``last_year`` (never today's date: runs stay reproducible).
    """
    years = {year for code, terms in people for term in terms if term.get("role_code") == code
             for year in _years(term, last_year)}
    scores: dict[dt.date, int] = {}
    for year in sorted(years):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February of a common year
        if weekday is not None and date.weekday() != weekday:
            continue
        scores[date] = sum(any(t.get("role_code") == code and in_office(t, date) for t in terms)
                           for code, terms in people)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _years(term: Mapping[str, Any], last_year: int) -> range:
    start, end = term.get("start"), term.get("end")
    if start is None:
        return range(0)
    return range(start.year, (end.year if end else last_year) + 1)


class UndatedComponent(RuleComponent):
    """Dates an undated document by its own day and its office-holders (see the module docstring)."""

    SHARED: dict[str, tuple[str, Schema]] = {"officials": GAZETTEER_FILES["officials"],
                                             "words": DATE_FILES["words"]}

    def compile(self) -> None:
        """Index the officials' terms by canonical name; the last year the gazetteer knows; the
        words (``kind = today`` in ``models/dates/words.csv``) that make a day the report's own."""
        self.terms: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.tables["officials"]:
            self.terms[row["name"]].append(row)
        self.today = frozenset(r["word"].lower() for r in self.tables["words"] if r["kind"] == "today")
        self.last_year = max((d.year for row in self.tables["officials"]
                              for d in (row.get("start"), row.get("end")) if d), default=1)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.published is not None:
            return doc
        people = self._people(doc._.participants or [])
        own = self._own_day(doc.text, doc._.timexes or []) if people else None
        if own is None:
            return doc
        date = best_day(*own, people, self.last_year)
        if date is None:
            return doc
        log.debug("%s: undated; its own day read as %s", doc._.doc_id, date)
        doc._.published, doc._.published_from = date, "text"
        for stage in RERUN:
            if stage in self.nlp.pipe_names:
                self.nlp.get_pipe(stage)(doc)
        return doc

    def _people(self, participants: Iterable[Participant]) -> list[tuple[str, list[dict[str, Any]]]]:
        return [(p.role_code, self.terms[p.name]) for p in participants
                if p.kind == "person" and p.role_code not in (None, "other") and p.name in self.terms]

    def _own_day(self, text: str, timexes: Iterable[Timex]) -> tuple[int, int, int | None] | None:
        """(day, month, weekday or None) of the report's own day: an expression without a year
        that is the dateline or holds a word of kind ``today`` ("hoy")."""
        dateline = dateline_span(text)
        for timex in timexes:
            if timex.value is not None or timex.type != "DATE":
                continue
            cand = _day_candidate(timex.text, self.models_dir)
            if cand is None or cand.groups.get("y"):
                continue
            today = set(timex.text.lower().replace(",", " ").split()) & self.today
            if not today and (dateline is None or not timex.start <= dateline[0] < timex.end + 1):
                continue
            day, month, _ = date_parts(cand)
            wd = (cand.groups.get("wd") or "").lower().strip()
            weekday = default_recognizer(self.models_dir).lexicon.weekdays.get(wd) if wd else None
            if day and month:
                return day, month, weekday
        return None


def _day_candidate(text: str, models_dir: str | None) -> Candidate | None:
    found = [c for c in default_recognizer(models_dir).find(text) if c.rule == "date"]
    return found[-1] if found else None


@Language.factory("sre_undated", default_config={"models_dir": None})
def make_undated(nlp: Language, name: str, models_dir: str | None) -> UndatedComponent:
    return UndatedComponent(nlp, name, models_dir)
