"""Dates stage: every temporal expression of a document, normalised (TIMEX3 style).

Reads ``doc.text`` and the parse (tense of the governing verb, sentences), mostly through
the shared :func:`~pipeline.docparse.view`, and ``doc._.published`` (a ``datetime.date`` or
None, set before the pipeline runs); writes ``doc._.timexes``, a list of
:class:`~pipeline.records.Timex` in document order (``timex_id`` = index), and
``doc._.outside_report``, the spans that are not the report (teasers of other articles, a
related-content block), where no stage takes anything. Recognition is
the regular expressions of ``models/dates/`` (:mod:`pipeline.dates_patterns`, compiled
once); values come from the pure functions of :mod:`pipeline.dates_normalize`. Without a
publication date, relative expressions are still found but keep a null value (``anchor =
none``): never today's date. Expressions inside a copied post are resolved against the
post's date, and an offset from an undated event in the sentence a dateline opens counts as
the dateline's day (:mod:`pipeline.dates_frame`).

Public entry point: the ``sre_dates`` factory (:class:`DatesComponent`).
"""

import logging
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .dates_context import (Sentences, clause_direction, cue_direction, day_in_sequence, event_anchor,
                            fitting_tense, named_event, preceding_day, same_weekday)
from .dates_calendar import year_value
from .dates_frame import embedded_posts, lead_sentence
from .dates_normalize import Context, Resolved, day_value, normalise, other_event_date, period_value
from .dates_patterns import FILES as FILES_OF_PATTERNS
from .dates_patterns import Candidate, shared_recognizer
from .docparse import view
from .lang import language_data
from .records import Timex, get_list
from .rules import DEFAULT_MODELS_DIR, RuleComponent, Schema

log = logging.getLogger(__name__)

#: Rules resolved after the others, in this order: they lean on the dates found first.
_LATE = ("time", "anchored")
#: What stands before a weekday that names no week ("el miércoles", not "este" or "el próximo"):
#: the next day in a sequence of days may be meant (:func:`~pipeline.dates_context.day_in_sequence`).
_BARE_WEEKDAY = frozenset({"el", "del", "para el", "hasta el", "desde el"})
_SPACES = re.compile(r"\s+")


class DatesComponent(RuleComponent):
    """Finds and normalises the temporal expressions of a doc (see the module docstring)."""

    FILES: dict[str, tuple[str, Schema]] = {
        "event_nouns": ("dates/event_nouns.csv", Schema({"word": "str", "note": "str"}, frozenset({"word"}))),
    }
    #: the date patterns, also read for publication dates and by the undated stage
    SHARED = FILES_OF_PATTERNS

    def compile(self) -> None:
        """Build the recognizer (regular expressions, lexicon) from the rule tables, once."""
        root = self.models_dir or str(DEFAULT_MODELS_DIR)
        self.recognizer = shared_recognizer(self.tables, language_data("es", self.models_dir), root)
        self.lexicon = self.recognizer.lexicon
        self.event_nouns = frozenset(r["word"].lower() for r in self.tables["event_nouns"])

    def __call__(self, doc: Doc) -> Doc:
        timexes = get_list(doc, "timexes")
        timexes.clear()
        parse = view(doc)  # doc.text and the sentence starts, read once for all the stages
        text, published = parse.text, doc._.published
        outside = get_list(doc, "outside_report")
        outside[:] = self.recognizer.outside_report(text)
        candidates = self.recognizer.find(text, outside)
        if not candidates:
            return doc
        sentences = Sentences(parse)
        self._others: dict[int, tuple[str | None, int, int]] = {}
        posts = [(s, e, normalise(c, Context(), self.lexicon)) for s, e, c in embedded_posts(text, candidates)]
        posts = [(s, e, r.date_start) for s, e, r in posts if r is not None and r.date_start is not None]
        done: list[tuple[Candidate, Resolved]] = []
        for stage in (None, *_LATE):
            for cand in candidates:
                if (cand.rule if cand.rule in _LATE else None) != stage:
                    continue
                own = next((day for s, e, day in posts if s <= cand.start < e), None) if posts else None
                resolved = self._resolve(doc, cand, own or published, sentences, done)
                if own is not None and resolved is not None and resolved.anchor == "publication":
                    resolved = replace(resolved, anchor="event")  # on the post's date
                if resolved is not None:
                    done.append((cand, resolved))
                    member = self._last_member(cand, resolved)
                    if member is not None:
                        done.append(member)
            done.sort(key=lambda pair: pair[0].start)
        for cand, res in sorted(done, key=lambda p: (p[0].start, -p[0].end)):
            other = self._others.get(cand.start, (None,) * 3) if cand.rule == "anchored" else (None,) * 3
            timexes.append(Timex(len(timexes), cand.start, cand.end, text[cand.start:cand.end], res.type,
                                 res.value, res.date_start, res.date_end, res.granularity, res.anchor,
                                 *other))
        return doc

    def _context(self, doc: Doc, cand: Candidate, published, sentences: Sentences,  # noqa: ANN001
                 **extra) -> Context:
        return Context(published=published,  # the cue and the tense are read only when needed
                       find_cue=lambda: cue_direction(sentences.text, cand, self.lexicon),
                       find_direction=lambda: clause_direction(doc, cand.start, cand.end, sentences), **extra)

    def _resolve(self, doc: Doc, cand: Candidate, published, sentences: Sentences,  # noqa: ANN001
                 done: list[tuple[Candidate, Resolved]]) -> Resolved | None:
        if cand.rule == "time":
            return self._time(doc, cand, published, sentences, done)
        if cand.rule == "anchored":
            anchor, is_event = event_anchor(doc, sentences, cand, done, self.event_nouns, lambda found: fitting_tense(
                found, published, clause_direction(doc, cand.start, cand.end, sentences)))
            if anchor is None and cand.groups.get("x"):
                anchor, is_event = _lead_anchor(sentences.text, cand, done), True
            ctx = self._context(doc, cand, published, sentences, anchor=anchor, anchor_is_event=is_event)
            other = other_event_date(cand.groups, ctx, self.lexicon)
            if other is not None and "x" in cand.spans:
                start = cand.spans["x"][1]
                _, stop = sentences.bounds(sentences.index(start))
                named = named_event(sentences.parse, cand, self.event_nouns)  # X is "la llamada" alone
                end = sentences.parse.end_char(named) if named is not None else \
                    min((i for i in (sentences.text.find(c, start, stop) for c in ".;\n") if i >= 0), default=stop)
                self._others[cand.start] = (other.value, start, end)
            return normalise(cand, ctx, self.lexicon)
        if cand.rule == "weekday" and cand.groups.get("pre", "").lower().startswith(("ese", "aquel")):
            weekday = self.lexicon.weekdays.get(cand.groups.get("wd", "").lower())
            anchor = same_weekday(cand, weekday, done)
            ctx = self._context(doc, cand, published, sentences, anchor=anchor)
            return normalise(cand, ctx, self.lexicon)
        if cand.rule == "weekday" and _SPACES.sub(" ", cand.groups.get("pre", "").lower()) in _BARE_WEEKDAY:
            found = normalise(cand, self._context(doc, cand, published, sentences), self.lexicon)
            weekday = self.lexicon.weekdays.get(cand.groups.get("wd", "").lower())
            later = day_in_sequence(cand, weekday, found, sentences.text, done, published) if found else None
            return day_value(later, "event") if later is not None else found
        year_ref = None
        if cand.groups.get("ya") or cand.groups.get("ya2"):
            years = [r.date_start.year for c, r in done
                     if c.end <= cand.start and r.anchor == "absolute" and r.date_start is not None]
            year_ref = years[-1] if years else None
        ctx = self._context(doc, cand, published, sentences, year_ref=year_ref)
        return normalise(cand, ctx, self.lexicon)

    def _time(self, doc: Doc, cand: Candidate, published, sentences: Sentences,  # noqa: ANN001
              done: list[tuple[Candidate, Resolved]]) -> Resolved | None:
        """A clock time on its joined day, else on the nearest day named in its sentence."""
        day: Resolved | None = None
        if cand.day is not None:
            day = normalise(cand.day, self._context(doc, cand.day, published, sentences), self.lexicon)
        else:
            s, e = sentences.bounds(sentences.index(cand.start))
            same = [(c, r) for c, r in done if s <= c.start < e and r.granularity == "day" and r.date_start]
            if same:
                day = min(same, key=lambda p: (p[0].start > cand.start, abs(p[0].start - cand.start)))[1]
            else:
                direction = clause_direction(doc, cand.start, cand.end, sentences)
                day = preceding_day(cand, done, published, direction)
        ctx = Context(published=published, day_ref=day.date_start if day else None)
        resolved = normalise(cand, ctx, self.lexicon)
        if resolved is not None and day is not None and resolved.value is not None:
            resolved = replace(resolved, anchor=day.anchor)
        return resolved

    def _last_member(self, cand: Candidate, res: Resolved) -> tuple[Candidate, Resolved] | None:
        """The last member of a range or coordinated period as an expression of its own.

        "15 y 16 de septiembre" also gives "16 de septiembre"; "primer y segundo semestre de
        2021" also gives "segundo semestre de 2021", with the year the whole expression has.
        """
        if "end" not in cand.spans or res.date_end is None:
            return None
        start, end = cand.spans["end"]
        part = Candidate(start, end, cand.name + ":end", cand.type, cand.rule)
        if cand.rule == "range":
            return part, day_value(res.date_end, res.anchor)
        if cand.rule == "year":
            return part, year_value(res.date_end.year, res.anchor)
        kind = self.lexicon.periods.get(cand.groups.get("per", "").lower())
        number = self.lexicon.ordinals.get(cand.groups.get("ord2", "").lower())
        last = period_value(res.date_end.year, kind, number, res.anchor) if kind and number else None
        return (part, last) if last else None


def _lead_anchor(text: str, cand: Candidate, done: list[tuple[Candidate, Resolved]]) -> Resolved | None:
    """The dateline's date for an offset of the sentence the dateline opens, whose other event
    is undated: "(02 julio 2018).- Al día siguiente de su triunfo, X llamó": the call's day."""
    lead = lead_sentence(text)
    if lead is None or not lead[1][0] <= cand.start < lead[1][1]:
        return None
    start, end = lead[0]
    return next((r for c, r in done if c.start < end and start < c.end and r.date_start is not None), None)


@Language.factory("sre_dates", default_config={"models_dir": None})
def make_dates(nlp: Language, name: str, models_dir: str | None) -> DatesComponent:
    """The dates stage (see :mod:`pipeline.dates`)."""
    return DatesComponent(nlp, name, models_dir)
