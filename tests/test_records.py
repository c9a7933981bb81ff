"""Doc extension attributes: the fast list accessor agrees with spaCy's ``doc._``."""

from __future__ import annotations

import pytest
import spacy

from pipeline.records import get_list, register_extensions


@pytest.fixture()
def doc():
    register_extensions()
    return spacy.blank("es")("El canciller viajó.")


@pytest.mark.parametrize("name", ["mentions", "participants", "timexes", "commitments", "events"])
def test_get_list_is_the_list_doc_underscore_holds(doc, name: str) -> None:
    """A list made by get_list is seen through doc._, and one set through doc._ by get_list."""
    assert getattr(doc._, name) is None
    made = get_list(doc, name)
    made.append("first")
    assert getattr(doc._, name) is made
    setattr(doc._, name, ["set elsewhere"])
    assert get_list(doc, name) == ["set elsewhere"]


def test_an_unknown_name_is_refused(doc) -> None:
    """A misspelt attribute fails as doc._ would, instead of creating a list nobody reads."""
    with pytest.raises(AttributeError, match="mentoins"):
        get_list(doc, "mentoins")
