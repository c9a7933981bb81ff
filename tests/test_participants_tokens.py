"""Participants stage: the per-document token lists read what spaCy's own objects read."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from pipeline.gazetteer import fold
from pipeline.participants import sentence_index
from pipeline.participants_tokens import STOP_POS, Tokens, covered

TEXT = ("El canciller Juan Ramón de la Fuente viajó a Ottawa.\nFoto: SRE | EE.UU.  "
        "La Secretaría de Relaciones Exteriores (SRE) informó que 2 cancilleres, ¡ambos!, hablaron.")


@pytest.fixture(scope="module")
def parsed(pnlp):
    return pnlp(pnlp.make_doc(TEXT))


def test_lists_match_the_tokens(parsed):
    tokens = Tokens(parsed)
    assert list(tokens.text) == [t.text for t in parsed]
    assert list(tokens.lower) == [t.lower_ for t in parsed]
    assert list(tokens.folded) == [fold(t.text) for t in parsed]
    assert list(tokens.pos) == [t.pos_ for t in parsed]
    assert tokens.idx == [t.idx for t in parsed]
    assert [bool(v) for v in tokens.punct] == [t.is_punct for t in parsed]
    assert [bool(v) for v in tokens.stop] == [t.is_stop for t in parsed]
    assert [bool(v) for v in tokens.digit] == [t.is_digit for t in parsed]
    assert tokens.doc_text == parsed.text
    assert tokens.sentence_starts() == [s.start_char for s in parsed.sents]
    assert [tokens.stops(i) for i in range(len(parsed))] == [
        bool((t.is_punct and t.text not in "()") or t.pos_ in STOP_POS or t.is_sent_start) for t in parsed]
    for start in range(len(parsed)):
        for end in range(start + 1, min(len(parsed), start + 5) + 1):
            assert tokens.span_text(start, end) == parsed[start:end].text


@pytest.mark.parametrize("spans", [
    pytest.param([], id="no entity"),
    pytest.param([(0, 1, "PER")], id="first token"),
    pytest.param([(1, 3, "ORG"), (3, 4, "LOC")], id="two entities side by side"),
    pytest.param([(2, 5, "PER"), (7, 9, "MISC")], id="gap between entities"),
    pytest.param([(8, 10, "LOC")], id="last tokens"),
])
def test_entities_match_doc_ents(pnlp, spans):
    doc = pnlp.make_doc("uno dos tres cuatro cinco seis siete ocho nueve diez")
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    assert Tokens(doc).ents == [(e.start, e.end, e.label_) for e in doc.ents]


def test_sentences_and_empty_doc(pnlp):
    empty = Doc(pnlp.vocab, words=[])
    tokens = Tokens(empty)
    assert len(tokens) == 0 and tokens.ents == [] and tokens.doc_text == ""
    assert sentence_index(tokens)(5) == 0


def test_covered():
    assert covered([(1, 3), (2, 5), (7, 7)]) == {1, 2, 3, 4}


def test_rare_attributes_and_where(parsed):
    tokens = Tokens(parsed)
    assert [tokens.lemma(i) for i in range(len(parsed))] == [t.lemma_ for t in parsed]
    assert [tokens.morph_values(i, "Number") for i in range(len(parsed))] == [
        t.morph.get("Number") for t in parsed]
    assert list(tokens.capital) == [t.text[:1].isupper() or t.text[:1].isdigit() or t.text[:1] == "@"
                                    for t in parsed]
    assert list(tokens.where({"canciller", "sre"})) == [i for i, t in enumerate(parsed)
                                                       if fold(t.text) in {"canciller", "sre"}]


@pytest.mark.parametrize("ents", [
    pytest.param([], id="no entity"),
    pytest.param([("PER", 0, 1), ("ORG", 1, 3)], id="side by side"),
    pytest.param([("LOC", 2, 5), ("MISC", 8, 10)], id="gap and last tokens"),
])
def test_set_ents_as_doc_ents(pnlp, ents):
    words = "uno dos tres cuatro cinco seis siete ocho nueve diez".split()
    mine, spacys = (Doc(pnlp.vocab, words=words) for _ in range(2))
    for doc in (mine, spacys):  # a missing (unset) token and an old entity to be replaced
        doc.set_ents([Span(doc, 6, 8, label="ORG")], default="missing")
    Tokens(mine).set_ents(ents)
    spacys.ents = ents
    assert [(t.ent_iob, t.ent_type, t.ent_kb_id) for t in mine] == [
        (t.ent_iob, t.ent_type, t.ent_kb_id) for t in spacys]


def test_line_only(parsed):
    tokens = Tokens(parsed)
    foto = [t.i for t in parsed if t.text == "Foto"][0]  # line "Foto: SRE | EE.UU.  La Secretaría ..."
    assert not tokens.line_only(foto, foto + 1, "Foto", {"sre", "ee", "uu"})
    juan = [t.i for t in parsed if t.text == "Juan"][0]  # first line, the name taken out
    line = TEXT.split("\n")[0].replace("Juan Ramón de la Fuente", "", 1)
    words = set(fold(line).split())
    assert tokens.line_only(juan, juan + 5, "Juan Ramón de la Fuente", words)
    assert not tokens.line_only(juan, juan + 5, "Juan Ramón de la Fuente", words - {"ottawa"})
    assert tokens.line_only(juan, juan + 5, "Juan Ramón de la Fuente", words | {"juan"})
