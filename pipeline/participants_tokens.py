"""One document's token data as plain lists, read once for the participants stage.

Helper of the participants stage (:mod:`pipeline.participants`). spaCy creates a new
``Token`` object on every ``doc[i]`` and every iteration of a span, and recomputes
``doc.text`` and ``doc.sents`` on every call; the stage reads the same few attributes of
the same tokens many times. :class:`Tokens` holds them as lists indexed by token offset:
the parse columns shared by the stages (:func:`~pipeline.docparse.view`: part of speech,
character offset, sentence starts, ``doc.text``), the words' own data memoised by word
(text, lower case, folded text (:func:`~pipeline.textnorm.fold`) and the flags the stage
tests) and the entity columns, read with one ``Doc.to_array`` call. Rare attributes
(lemma, morphology) are read for the few tokens asked about; :meth:`Tokens.where` finds
the tokens whose folded word is in a lexicon set without a Python loop. Only
:meth:`Tokens.set_ents` writes to the Doc (its entities, as ``doc.ents = ...`` would).
"""

from __future__ import annotations

import re
from array import array as typed_array
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import cached_property
from itertools import compress
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, MORPH
from spacy.tokens import Doc

from .docparse import string_memo, view
from .gazetteer import fold
from .textlists import line_bounds

#: the columns not in the shared view; MORPH is read for a few tokens only (:meth:`Tokens.morph_values`)
_OWN_COLUMNS = [ENT_IOB, ENT_TYPE, ENT_KB_ID, MORPH]
#: the columns :meth:`Tokens.set_ents` writes
_SET_COLUMNS = [ENT_IOB, ENT_TYPE]
#: what ``str.split()`` splits a line into
_PIECE = re.compile(r"\S+")
#: ``Token.ent_iob`` codes
_INSIDE, _OUTSIDE, _BEGIN = 1, 2, 3
#: Parts of speech that end a role phrase.
STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})
#: Strings memoised by hash before the memo is emptied (a hash always names the same string).
_MEMO_LIMIT = 1 << 20
#: The project's entity labels for the model's (an English model's PERSON and GPE too).
LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}


def is_capital(text: str) -> bool:
    """A word the cased gazetteer entries may match: a capital, a digit or ``@`` first."""
    first = text[:1]
    return first.isupper() or first.isdigit() or first == "@"


def is_name_text(text: str) -> bool:
    """A capitalised word that can be part of a person's name (``F.``, ``Moïse``, ``Viera-Gallo``)."""
    if not text[:1].isupper():
        return False
    core = text.replace("-", "").replace(".", "").replace("'", "")
    return core.isalpha() and not (len(core) > 3 and core.isupper() and "." not in text)


class _Lexemes(dict):
    """Orth hash -> what the stage reads of that word, which is the same wherever it stands:
    (text, lower case, folded text, name word, punctuation, stop word, digits, capital)."""

    def __init__(self) -> None:
        super().__init__()
        self.vocab: Any = None

    def __missing__(self, orth: int) -> tuple[str, str, str, bool, bool, bool, bool, bool]:
        lex = self.vocab[orth]
        text = lex.orth_
        value = self[orth] = (text, lex.lower_, fold(text), is_name_text(text), lex.is_punct, lex.is_stop,
                              lex.is_digit, is_capital(text))
        return value


class WordFlags(dict):
    """Folded word -> ``test(word)``, computed once per word (a lexicon test that is more
    than a set look-up, such as "a head word opens this word")."""

    def __init__(self, test: Callable[[str], Any]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> Any:
        if len(self) > _MEMO_LIMIT:
            self.clear()
        value = self[word] = self.test(word)
        return value


_LEXEMES = _Lexemes()


def covered(spans: Iterable[tuple[int, int]]) -> set[int]:
    """The token offsets inside any of the ``(start, end)`` spans."""
    out: set[int] = set()
    for start, end in spans:
        out.update(range(start, end))
    return out


class Tokens:
    """The token attributes of one Doc as lists indexed by token offset (see the module)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        if len(_LEXEMES) > _MEMO_LIMIT:
            _LEXEMES.clear()
        if _LEXEMES.vocab is not doc.vocab:  # another pipeline's words may have other flags
            _LEXEMES.clear()
            _LEXEMES.vocab = doc.vocab
        #: hash -> string, the memo shared with :mod:`pipeline.docparse`
        self._strings = string_memo(doc)
        #: the parse columns shared with the other stages (:func:`~pipeline.docparse.view`)
        self.view = parse = view(doc)
        # the entity columns are this stage's own: it changes the entities (:meth:`set_ents`)
        array = doc.to_array(_OWN_COLUMNS) if len(doc) else None
        self._morph = array[:, 3] if array is not None else None
        #: the offsets of the tokens in or at the edge of an entity, and their (ent_iob, ent_type)
        self._ent_marked: list[int] = []
        self._ent_marks: list[list[int]] = []
        #: no token has a knowledge-base id (what ``doc.ents = ...`` would reset)
        self._no_kb = array is None or not array[:, 2].any()
        if array is not None:
            marked = numpy.flatnonzero(array[:, 0] != _OUTSIDE)
            self._ent_marked, self._ent_marks = marked.tolist(), array[marked, :2].tolist()
        lexemes = list(map(_LEXEMES.__getitem__, parse.orth))
        words = tuple(zip(*lexemes)) if lexemes else ((),) * 8
        self.text: Sequence[str] = words[0]
        self.lower: Sequence[str] = words[1]
        self.folded: Sequence[str] = words[2]
        #: words that can be part of a person's name (:func:`is_name_text`)
        self.name_word: Sequence[bool] = words[3]
        self.punct: Sequence[bool] = words[4]
        self.stop: Sequence[bool] = words[5]
        self.digit: Sequence[bool] = words[6]
        #: words starting with a capital, a digit or ``@`` (:func:`is_capital`)
        self.capital: Sequence[bool] = words[7]
        #: the view's lists, read only
        self.pos: list[str] = parse.pos
        self.idx: list[int] = parse.idx
        self._sent: list[int] = parse.sent_flags  # 1 where ``Token.is_sent_start`` is true
        #: ``doc.text``
        self.doc_text: str = parse.text

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        """The Doc's entities (``doc.ents``) when the Tokens were made: (start, end, label)."""
        found: list[tuple[int, int, int]] = []
        start, label, last = -1, 0, -2
        for i, (iob, ent_type) in zip(self._ent_marked, self._ent_marks):  # the tokens between them are outside
            if start != -1 and i != last + 1:
                found.append((start, last + 1, label))
                start = -1
            if iob == _BEGIN and ent_type:
                if start != -1:
                    found.append((start, i, label))
                start, label = i, ent_type
            elif iob != _INSIDE:  # unset, or a beginning without a label
                if start != -1:
                    found.append((start, i, label))
                start = -1
            elif start == -1:  # an inside token opening nothing: let spaCy report it
                return [(ent.start, ent.end, ent.label_) for ent in self.doc.ents]
            last = i
        if start != -1:
            found.append((start, last + 1, label))
        return [(s, e, self._strings[label]) for s, e, label in found]

    @cached_property
    def ent_labels(self) -> dict[int, str]:
        """The project's label (:data:`LABELS`; "" for another) of the entity of :attr:`ents`
        holding each token inside one."""
        return {i: LABELS.get(label, "") for start, end, label in self.ents for i in range(start, end)}

    def where(self, words: Container[str] | WordFlags) -> Iterator[int]:
        """Offsets of the tokens whose folded text is in ``words`` (a set, or :class:`WordFlags`),
        found without a Python-level loop over the tokens."""
        test = words.__getitem__ if isinstance(words, WordFlags) else words.__contains__
        return compress(range(len(self.folded)), map(test, self.folded))

    def lemma(self, i: int) -> str:
        """``doc[i].lemma_``."""
        return self._strings[self.view.lemma[i]]

    def morph_values(self, i: int, feature: str) -> list[str]:
        """``doc[i].morph.get(feature)``: the values of one morphological feature."""
        for pair in self._strings[int(self._morph[i])].split("|"):
            name, _, values = pair.partition("=")
            if name == feature:
                return values.split(",")
        return []

    def set_ents(self, ents: Sequence[tuple[str, int, int]]) -> None:
        """``doc.ents = ents`` for non-overlapping (label, start, end) entities, written as
        one IOB/type array when the result is the same (no token has a knowledge-base id)."""
        doc = self.doc
        if not self._no_kb or not len(doc):
            doc.ents = ents
            return
        n = len(doc)
        iob, types = [_OUTSIDE] * n, [0] * n
        add = doc.vocab.strings.add
        for label, start, end in ents:
            iob[start] = _BEGIN
            iob[start + 1:end] = [_INSIDE] * (end - start - 1)
            types[start:end] = [add(label)] * (end - start)
        columns = numpy.frombuffer(typed_array("Q", iob + types), dtype=numpy.uint64)
        doc.from_array(_SET_COLUMNS, columns.reshape(2, n).T)

    def stops(self, i: int) -> bool:
        """Token ``i`` ends a role phrase: punctuation other than parentheses, a verb,
        pronoun or conjunction, or a sentence start."""
        return bool(self.punct[i] and self.text[i] not in "()") or self.pos[i] in STOP_POS or self._sent[i] == 1

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (offsets already within the Doc)."""
        return self.view.span_text(start, end)

    def line_only(self, start: int, end: int, name: str, words: Container[str]) -> bool:
        """Whether every folded word of the line holding tokens ``start:end``, once the first
        ``name`` on it is taken out, is in ``words`` (True for no word); the line is folded a
        piece at a time and only until a word is not in ``words``."""
        text = self.doc_text
        line_start, line_end = line_bounds(text, self.idx[start], self.idx[end - 1])
        at = text.find(name, line_start, line_end)
        parts = [(line_start, line_end)] if at < 0 else [(line_start, at), (at + len(name), line_end)]
        for part_start, part_end in parts:
            for piece in _PIECE.finditer(text, part_start, part_end):
                for word in fold(piece.group()).split():
                    if word not in words:
                        return False
        return True

    def sentence_starts(self) -> list[int]:
        """Character offsets of the sentences' first tokens (``doc.sents``)."""
        return self.view.sent_start_chars
