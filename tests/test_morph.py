"""The memoised morphological features agree with spaCy's own parse of the analysis."""

from __future__ import annotations

import pytest

from pipeline.morph import feats


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
