"""The memoised morphological features agree with spaCy's own parse of the analysis."""

from __future__ import annotations

import pytest

from pipeline.docparse import feats, sentence_starts


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
    assert sentence_starts(doc) == [s.start for s in doc.sents]
