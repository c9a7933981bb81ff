"""Commitments stage (to be filled by its issue): writes ``doc._.commitments``.

Public entry point: the ``sre_commitments`` factory (:class:`CommitmentsComponent`).
"""


from spacy.language import Language
from spacy.tokens import Doc

from .records import get_list
from .rules import RuleComponent


class CommitmentsComponent(RuleComponent):
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "commitments")
        return doc


@Language.factory("sre_commitments", default_config={"models_dir": None})
def make_commitments(nlp: Language, name: str, models_dir: str | None) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, models_dir)
