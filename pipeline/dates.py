"""Dates stage (to be filled by its issue): writes ``doc._.timexes``.

Public entry point: the ``sre_dates`` factory (:class:`DatesComponent`).
"""


from spacy.language import Language
from spacy.tokens import Doc

from .records import get_list
from .rules import RuleComponent


class DatesComponent(RuleComponent):
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "timexes")
        return doc


@Language.factory("sre_dates", default_config={"models_dir": None})
def make_dates(nlp: Language, name: str, models_dir: str | None) -> DatesComponent:
    return DatesComponent(nlp, name, models_dir)
