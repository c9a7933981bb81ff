"""Events stage (to be filled by its issue): writes ``doc._.events``.

Public entry point: the ``sre_events`` factory (:class:`EventsComponent`).
"""


from spacy.language import Language
from spacy.tokens import Doc

from .records import get_list
from .rules import RuleComponent


class EventsComponent(RuleComponent):
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "events")
        return doc


@Language.factory("sre_events", default_config={"models_dir": None})
def make_events(nlp: Language, name: str, models_dir: str | None) -> EventsComponent:
    return EventsComponent(nlp, name, models_dir)
