"""The memoised morphological features agree with spaCy's own parse of the analysis."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.docparse import feats, view


@pytest.mark.parametrize("field", ["VerbForm", "Tense", "Number", "Mood", "Person", "NoSuchFeature"])
def test_feats_equal_morph_get(nlp, field: str) -> None:
    """Every token, every feature, twice (the second read comes from the memo)."""
    doc = nlp.make_doc("Los cancilleres se reunirán mañana; ayer habían conversado y acordaron trabajar.")
    for name, proc in nlp.pipeline:
        if not name.startswith("sre_"):
            doc = proc(doc)
    for token in doc:
        assert feats(token, field) == tuple(token.morph.get(field))
        assert feats(token, field) == tuple(token.morph.get(field))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("El canciller llegó. Se reunió con su homólogo. Acordaron volver a verse.",
                     id="three sentences"),
        pytest.param("Reunión bilateral", id="one sentence"),
        pytest.param("", id="empty document"),
    ],
)
def test_sentence_starts_equal_doc_sents(nlp, text: str) -> None:
    """The starts read from the SENT_START column are those of doc.sents."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if not name.startswith("sre_"):
            doc = proc(doc)
    assert view(doc).sent_starts == [s.start for s in doc.sents]


VIEW_TEXTS = [
    pytest.param("El canciller llegó a  Washington.\n\nSe reunió con su homólogo; acordaron volver a verse.",
                 id="spaces, line breaks and two sentences"),
    pytest.param("Reunión", id="one token"),
    pytest.param("", id="empty document"),
]


@pytest.mark.parametrize("text", VIEW_TEXTS)
def test_view_equals_token_attributes(nlp, text: str) -> None:
    """Every column of the view is what spaCy's Token objects give."""
    doc = nlp(text)
    v = view(doc)
    assert v.texts == [t.text for t in doc]
    assert v.lemmas == [t.lemma_ for t in doc]
    assert v.pos == [t.pos_ for t in doc]
    assert v.dep == [t.dep_ for t in doc]
    assert v.head == [t.head.i for t in doc]
    assert v.idx == [t.idx for t in doc]
    assert [v.end_char(i) for i in range(len(doc))] == [t.idx + len(t) for t in doc]
    assert [list(c) for c in v.children] == [[c.i for c in t.children] for t in doc]
    assert v.sent_starts == [s.start for s in doc.sents]
    assert v.sent_start_chars == [s.start_char for s in doc.sents]
    assert v.text == doc.text


def test_view_is_shared_by_one_doc_and_renewed_for_the_next(nlp) -> None:
    """The stages that run one after another on a Doc read one view; another Doc gets its own."""
    first, second = nlp.make_doc("Primera nota."), nlp.make_doc("Segunda nota del día.")
    shared = view(first)
    assert view(first) is shared
    assert view(second) is not shared and view(second).texts[0] == "Segunda"
    assert view(first) is not shared  # the slot moved on: a fresh view, equal in content
    assert view(first).texts == shared.texts


def test_view_is_rebuilt_when_the_doc_changed_length(nlp) -> None:
    """A component that merged tokens after the view was read gets a view of the new tokens."""
    doc = nlp.make_doc("Ciudad de México")
    before = view(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    assert view(doc) is not before and view(doc).texts == ["Ciudad de México"]


@pytest.mark.parametrize("start, end", [pytest.param(0, 3, id="first words"),
                                        pytest.param(2, 9, id="across the double space and line break"),
                                        pytest.param(4, 4, id="empty span"),
                                        pytest.param(0, 99, id="to the end (clipped like a slice)")])
def test_span_text_equals_span_text_of_spacy(nlp, start: int, end: int) -> None:
    doc = nlp(VIEW_TEXTS[0].values[0])
    end = min(end, len(doc))
    assert view(doc).span_text(start, end) == doc[start:end].text


def _parsed(heads: list[int]) -> Doc:
    return Doc(Vocab(), words=[f"w{i}" for i in range(len(heads))], heads=heads, deps=["dep"] * len(heads))


@pytest.mark.parametrize("heads", [
    pytest.param([1, 1, 1, 4, 1, 4], id="projective: sorted subtrees"),
    # token 4's child 0 lies left of the root 1: subtree order is not index order
    pytest.param([4, 1, 1, 2, 1, 4], id="non-projective: a right child's subtree reaches left"),
    pytest.param([3, 3, 0, 3, 2, 3], id="non-projective: a left child's subtree reaches right"),
    pytest.param([0], id="one token"),
])
def test_subtree_is_token_subtree_in_order(heads):
    doc = _parsed(heads)
    for t in doc:
        assert view(doc).subtree(t.i) == [s.i for s in t.subtree]
        assert view(doc).subtree(t.i, 2) == [s.i for s in t.subtree][:2]
