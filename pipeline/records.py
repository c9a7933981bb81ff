"""The records each stage leaves on a spaCy ``Doc``, and the extension attributes that hold them.

Stages compose through these attributes, never through dicts passed around:

=====================  ===========================  =================================
attribute              set by                       read by
=====================  ===========================  =================================
``doc._.doc_id``       runner (before the pipeline)  tables
``doc._.published``    runner; undated (if None)    dates, events, participants, tables
``doc._.published_from`` undated (when it dates)    tables
``doc._.mentions``     participants (again: undated) tables, events
``doc._.participants`` participants (again: undated) commitments, events, tables
``doc._.model_ents``   participants                 participants (when run again)
``doc._.timexes``      dates (again: undated)       events, commitments, tables, undated
``doc._.outside_report`` dates                      participants, commitments, events
``doc._.commitments``  commitments                  tables
``doc._.events``       events                       tables
=====================  ===========================  =================================

Every record carries character offsets (``start``, ``end``) into ``doc.text``, which is
``documents.text``: that is how each output row is traced to its evidence.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass
class Mention:
    """An entity mention: a name (PER/ORG/LOC/MISC) or a title standing for a person (ROLE)."""

    start: int
    end: int
    text: str
    label: str
    sentence: int
    actor_id: str | None = None
    #: every actor a mention stands for (several for "ambos funcionarios")
    actor_ids: list[str] = field(default_factory=list)


@dataclass
class Participant:
    """An actor taking part in a document, with what the document says of them."""

    actor_id: str
    name: str
    kind: str  # person | organization | country | group
    start: int  # first mention
    end: int
    resolved_by: str  # name | alias | role | coreference | gazetteer | fuzzy
    role: str | None = None
    role_code: str | None = None
    country: str | None = None
    organization: str | None = None
    n_mentions: int = 1
    #: offsets of every mention resolved to this actor (for the stages that follow)
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Timex:
    """A temporal expression and its normalised value (TIMEX3 style)."""

    timex_id: int
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    granularity: str | None
    anchor: str  # absolute | publication | event | none
    #: For an event-anchored offset ("tres días después de que X hablara..."): the value of
    #: X's date (by subtraction when the expression's own event is dated), and the offsets of
    #: the clause that names X, so the events stage can give X's event that date.
    other_value: str | None = None
    other_start: int | None = None
    other_end: int | None = None


@dataclass
class Commitment:
    """One committed action."""

    commitment_id: int
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_lemma: str
    action: str
    action_lemma: str | None
    modality: str  # agreement | pledge | obligation | intention | need
    topics: list[str] = field(default_factory=list)
    due_timex_id: int | None = None
    actor_ids: list[str] = field(default_factory=list)


@dataclass
class Event:
    """An interaction between officials, held, planned or cancelled."""

    event_id: int
    kind: str  # call | meeting | visit | summit | signing | other
    status: str  # held | planned | cancelled
    start: int
    end: int
    name: str | None = None
    date_value: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    timex_id: int | None = None
    location: str | None = None
    location_country: str | None = None
    actor_ids: list[str] = field(default_factory=list)


_DOC_EXTENSIONS: dict[str, object] = {
    "doc_id": None,
    "published": None,
    #: set by a stage that dates an undated document (``published`` then set too)
    "published_from": None,
    "mentions": None,
    "participants": None,
    #: the entity recogniser's (ENT_IOB, ENT_TYPE) columns, kept by the participants stage
    #: (which corrects ``doc.ents``) so that running it again starts from them
    "model_ents": None,
    "timexes": None,
    #: character spans that are not the report (teasers of other articles, a related-content
    #: block), set by the dates stage; the stages after it take nothing from them
    "outside_report": None,
    "commitments": None,
    "events": None,
}


def register_extensions() -> None:
    """Register the ``Doc`` extension attributes (idempotent).

    List-valued attributes default to ``None``; read them with :func:`get_list`, which
    gives an empty list when the stage that fills them did not run.
    """
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def get_list(doc: Doc, name: str) -> list:
    """The list stored in ``doc._.<name>``, created empty on first use.

    Reads ``doc.user_data`` under the key where spaCy's ``Underscore`` keeps a Doc's extension
    values, ``("._.", name, None, None)``: ``doc._`` builds a new ``Underscore`` object on every
    access (~3.5 µs, against ~0.25 µs here), and the stages ask for these lists ~20 times per
    document. ``tests/test_records.py`` checks that both ways see the same list.
    """
    if name not in _DOC_EXTENSIONS:
        raise AttributeError(f"Doc has no extension attribute '{name}'; the known ones are "
                             f"{', '.join(_DOC_EXTENSIONS)} (pipeline/records.py)")
    user_data = doc.user_data
    key = ("._.", name, None, None)
    value = user_data.get(key)
    if value is None:
        value = user_data[key] = []
    return value


def in_report(doc: Doc) -> Callable[[int], bool]:
    """Whether a character offset of ``doc`` is in the report: in none of the spans of
    ``doc._.outside_report`` (teasers of other articles, a related-content block; disjoint, in
    order). Without the dates stage, which sets them, every offset is."""
    outside = doc._.outside_report
    if not outside:
        return lambda char: True
    starts, ends = [start for start, _ in outside], [end for _, end in outside]

    def inside(char: int) -> bool:
        i = bisect_right(starts, char) - 1
        return i < 0 or char >= ends[i]
    return inside


register_extensions()
