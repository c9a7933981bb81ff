"""The column-wise attribute ruler and lemmatizer give spaCy's annotations exactly."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.lang.es.lemmatizer import SpanishLemmatizer
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline import model_columns
from pipeline.ingest import iter_documents
from pipeline.model_columns import (AttributeColumns, LemmaColumns, UnsupportedRule, compile_rules,
                                    use_model_columns)
from tests.conftest import DEV, ROOT, SEED, shared

COLUMNS = [POS, TAG, MORPH, LEMMA]
BASE = ("tok2vec", "morphologizer", "parser")


def _texts() -> list[str]:
    folders = [shared(SEED), ROOT / "corpus", shared(DEV)]
    texts = [d.text for folder in folders for d in iter_documents([folder]) if d.status == "ok"]
    return texts[:40]


@pytest.fixture(scope="module")
def parsed(nlp) -> list[Doc]:
    """Real documents through the model up to (not including) the attribute ruler."""
    with nlp.select_pipes(enable=list(BASE)):
        return list(nlp.pipe(_texts()))


def _spacy_components(nlp) -> tuple[AttributeRuler, SpanishLemmatizer]:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(nlp.get_pipe("attribute_ruler").patterns)
    lemmatizer = SpanishLemmatizer(nlp.vocab, None, "lemmatizer", mode="rule")
    lemmatizer.lookups = nlp.get_pipe("lemmatizer").lookups
    return ruler, lemmatizer


def test_the_pipeline_runs_the_column_components_under_spacys_names(nlp) -> None:
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeColumns
    assert type(nlp.get_pipe("lemmatizer")) is LemmaColumns
    assert nlp.pipe_names[:6] == ["tok2vec", "morphologizer", "parser", "attribute_ruler",
                                  "lemmatizer", "ner"]


def test_real_documents_get_spacys_tags_morphology_and_lemmas(nlp, parsed) -> None:
    ruler, lemmatizer = _spacy_components(nlp)
    ours = [nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(d.copy())) for d in parsed]
    theirs = [lemmatizer(ruler(d.copy())) for d in parsed]
    assert sum(len(d) for d in ours) > 5000
    for a, b in zip(ours, theirs):
        assert numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
        assert [t.morph.to_json() for t in a] == [t.morph.to_json() for t in b]


def test_lemmas_stay_spacys_after_the_memo_is_emptied(nlp, parsed, monkeypatch) -> None:
    monkeypatch.setattr(model_columns, "LEMMA_MEMO_SIZE", 10)
    ours = LemmaColumns(nlp.vocab, None, "lemmatizer", mode="rule")
    ours.lookups = nlp.get_pipe("lemmatizer").lookups
    ruler, lemmatizer = _spacy_components(nlp)
    for doc in parsed[:5]:
        tagged = ruler(doc.copy())
        assert [t.lemma_ for t in ours(tagged.copy())] == [t.lemma_ for t in lemmatizer(tagged.copy())]
    assert len(ours.memo) <= 10 + max(len(d) for d in parsed[:5])


def test_a_lemma_already_set_is_kept_unless_overwrite(nlp) -> None:
    ours = LemmaColumns(nlp.vocab, None, "lemmatizer", mode="rule")
    ours.lookups = nlp.get_pipe("lemmatizer").lookups
    _, lemmatizer = _spacy_components(nlp)
    doc = Doc(nlp.vocab, words=["acordaron", "reunirse"], pos=["VERB", "VERB"],
              lemmas=["pactar", ""], sent_starts=[True, False])
    assert [t.lemma_ for t in ours(doc.copy())] == [t.lemma_ for t in lemmatizer(doc.copy())]
    assert ours(doc.copy())[0].lemma_ == "pactar"


BLANK = spacy.blank("es")


def test_overwrite_replaces_a_lemma_already_set(nlp) -> None:
    ours = LemmaColumns(nlp.vocab, None, "lemmatizer", mode="rule", overwrite=True)
    ours.lookups = nlp.get_pipe("lemmatizer").lookups
    theirs = SpanishLemmatizer(nlp.vocab, None, "lemmatizer", mode="rule", overwrite=True)
    theirs.lookups = ours.lookups
    doc = Doc(nlp.vocab, words=["acordaron", "reunirse"], pos=["VERB", "VERB"],
              lemmas=["pactar", "juntar"], sent_starts=[True, False])
    assert [t.lemma_ for t in ours(doc.copy())] == [t.lemma_ for t in theirs(doc.copy())]
    assert ours(doc.copy())[0].lemma_ != "pactar"


def test_lemmas_survive_memory_zones(nlp) -> None:
    """A lemma string first made inside a zone is dropped with it; the memo keeps the text.
    (A model of its own: the zone must not drop strings the session pipeline's stages keep.)"""
    base = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["ner", "parser"])
    assert "lemmatizer" in use_model_columns(base)
    for _ in range(2):
        with base.memory_zone():
            doc = base("Los qwertyzones llegaron.")
            assert doc[1].lemma_ == "qwertyzón"


WORDS = ["Canciller", "acordó", "\n\n", "la", "reunión", "NOUN"]
POS_VALUES = ["NOUN", "VERB", "SPACE", "DET", "PUNCT", "PROPN"]
TAGS = ["NOUN", "VERB", "X", "Y", "SPACE"]


def _condition():
    return st.dictionaries(st.sampled_from(["POS", "TAG", "LOWER", "ORTH", "IS_SPACE"]),
                           st.sampled_from(["NOUN", "VERB", "X", "la", "\n\n", "SPACE"]),
                           min_size=1, max_size=2).map(
        lambda d: {k: (v == "\n\n") if k == "IS_SPACE" else v for k, v in d.items()})


RULES = st.lists(st.fixed_dictionaries({
    "patterns": st.lists(_condition().map(lambda c: [c]), min_size=1, max_size=2),
    "attrs": st.dictionaries(st.sampled_from(["TAG", "POS", "MORPH", "LEMMA"]), st.sampled_from(TAGS), min_size=1)
    .map(lambda a: {k: ("Number=Sing" if k == "MORPH" and v == "NOUN" else "_" if k == "MORPH" else
                        v.lower() if k == "LEMMA" else
                        v if k == "TAG" or v in POS_VALUES else "NOUN") for k, v in a.items()}),
}), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(rules=RULES, pos=st.lists(st.sampled_from(POS_VALUES), min_size=6, max_size=6),
       tags=st.lists(st.sampled_from(TAGS), min_size=6, max_size=6))
def test_any_single_token_rules_set_what_spacys_ruler_sets(rules, pos, tags) -> None:
    """Later rules win, and every rule tests the tokens as they were before any rule ran."""
    nlp = BLANK
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(rules)
    doc = Doc(nlp.vocab, words=WORDS, pos=pos, tags=tags)
    ours = AttributeColumns(nlp, "attribute_ruler", rules)(doc.copy())
    theirs = ruler(doc.copy())
    assert ours.to_array([POS, TAG, MORPH, LEMMA]).tolist() == theirs.to_array([POS, TAG, MORPH, LEMMA]).tolist()


@pytest.mark.parametrize("rule, reason", [
    ({"patterns": [[{"POS": "NOUN"}, {"POS": "ADJ"}]], "attrs": {"TAG": "X"}}, "two tokens"),
    ({"patterns": [[{"POS": "NOUN", "OP": "+"}]], "attrs": {"TAG": "X"}}, "an operator"),
    ({"patterns": [[{"POS": {"IN": ["NOUN", "ADJ"]}}]], "attrs": {"TAG": "X"}}, "an IN value"),
    ({"patterns": [[{"_": {"foo": True}}]], "attrs": {"TAG": "X"}}, "an extension attribute"),
    ({"patterns": [[{"POS": "NOUN"}]], "attrs": {"NORM": "x"}}, "sets an attribute from_array cannot"),
    ({"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "X"}, "index": 1}, "index past the token"),
    ({"patterns": [], "attrs": {"TAG": "X"}}, "no pattern"),
    ({"patterns": [[{"MORPH": "Number=Sing"}]], "attrs": {"TAG": "X"}}, "MORPH tests need normalising"),
])
def test_rules_the_matcher_must_run_are_refused(rule, reason) -> None:
    with pytest.raises(UnsupportedRule):
        compile_rules([rule], spacy.blank("es").vocab)


def test_a_ruler_with_other_rules_is_kept_as_spacys() -> None:
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"POS": "NOUN"}, {"POS": "ADJ"}]], {"TAG": "X"})
    assert use_model_columns(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_saved_pipeline_loads_back_with_the_column_components(nlp, parsed, tmp_path: Path) -> None:
    saved = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["ner"])
    assert use_model_columns(saved) == ["attribute_ruler", "lemmatizer"]
    saved.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert type(loaded.get_pipe("attribute_ruler")) is AttributeColumns
    assert type(loaded.get_pipe("lemmatizer")) is LemmaColumns
    doc = parsed[0]
    a = loaded.get_pipe("lemmatizer")(loaded.get_pipe("attribute_ruler")(doc.copy()))
    b = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(doc.copy()))
    assert numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
