"""Column-wise equivalents of two rule components of the Spanish models, same annotations.

spaCy runs the model's ``attribute_ruler`` through a Matcher and sets each match through a
Span, and its Spanish ``lemmatizer`` makes a Token, a MorphAnalysis string and a cache key per
word: ~1.1-1.3 ms per document between them, ~7% of the model's time on the bench documents,
for annotations that a column read and a memo give (~0.3 ms here). The replacements here
produce the same TAG, POS, MORPH and LEMMA values (tests compare every token with spaCy's on
real documents):

- :class:`AttributeColumns` applies the ruler's rules as column comparisons, one ``to_array``
  and one ``from_array`` per Doc. The Spanish models' rules are all single-token equality
  tests (twenty copy the POS into TAG; one marks whitespace tokens). A rule's tests read the
  tokens as they were before any rule applied (the Matcher runs first) and a later rule wins
  where two set the same attribute, as in spaCy. A ruler with any other kind of rule (several
  tokens, operators, ``IN``/``REGEX`` values, extension attributes) is kept as it is.
- :class:`LemmaColumns` is the Spanish lemmatizer with a memo on what its rules read (the
  word, its POS, its morphology, whether it starts a sentence), so each distinct word form
  is lemmatised once.

Reads: the base model's ``attribute_ruler`` rules and ``lemmatizer`` tables.
Writes: the same token attributes as the components they replace, under the same names.

Public entry point: :func:`use_model_columns` (called by :mod:`pipeline.nlp` for the
pipeline; the benchmark's bare model keeps spaCy's components).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS, SENT_START
from spacy.errors import Errors
from spacy.lang.es.lemmatizer import SpanishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab
from thinc.api import Model

log = logging.getLogger(__name__)

ATTRIBUTE_FACTORY = "sre_attribute_columns"
LEMMA_FACTORY = "sre_lemma_columns"
#: The lemma memo is emptied past this many word forms (memory stays flat on long runs).
LEMMA_MEMO_SIZE = 200_000
#: Token attributes a condition may test: those ``Doc.to_array`` reads as the Matcher does.
CONDITION_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "POS", "TAG", "LEMMA", "SHAPE", "IS_SPACE",
                             "IS_PUNCT", "IS_DIGIT", "IS_ALPHA", "LIKE_NUM"})
#: Token attributes a rule may set: those ``Doc.from_array`` writes as ``set_token_attrs`` does.
SET_ATTRS = frozenset({"POS", "TAG", "MORPH", "LEMMA"})


class UnsupportedRule(ValueError):
    """A rule that needs spaCy's Matcher."""


@dataclass(frozen=True)
class ColumnRule:
    """One ruler rule: any of ``alternatives`` (each a tuple of ``(attr id, value)`` that must
    all hold) sets ``sets`` (``(attr id, value)`` pairs)."""

    alternatives: tuple[tuple[tuple[int, int], ...], ...]
    sets: tuple[tuple[int, int], ...]


def _condition(name: str, value: object, vocab: Vocab) -> tuple[int, int]:
    """``(attr id, value)`` as the Matcher compares it (strings by their hash or symbol id)."""
    key = name.upper()
    if key == "TEXT":
        key = "ORTH"
    if key not in CONDITION_ATTRS:
        raise UnsupportedRule(f"condition on {name}")
    if isinstance(value, bool):
        return IDS[key], int(value)
    if isinstance(value, str):
        return IDS[key], vocab.strings.add(value)
    raise UnsupportedRule(f"{name} value {value!r} is not a plain string or boolean")


def _settings(attrs: dict, vocab: Vocab) -> tuple[tuple[int, int], ...]:
    """``(attr id, value)`` pairs normalised as ``AttributeRuler.add`` normalises them."""
    for name, value in attrs.items():
        if name.upper() not in SET_ATTRS or not isinstance(value, str):
            raise UnsupportedRule(f"sets {name}={value!r}")
    return tuple(normalize_token_attrs(vocab, attrs).items())


def compile_rules(patterns: list[dict], vocab: Vocab) -> tuple[ColumnRule, ...]:
    """The ruler's rules (``AttributeRuler.patterns`` entries) as :class:`ColumnRule`s.

    Raises :class:`UnsupportedRule` for a rule that is not single-token equality tests.
    """
    rules = []
    for rule in patterns:
        if set(rule) - {"patterns", "attrs", "index"} or rule.get("index", 0) not in (0, -1):
            raise UnsupportedRule(f"rule {rule!r}")
        if not rule.get("patterns"):
            raise UnsupportedRule(f"rule {rule!r} has no pattern")
        alternatives = []
        for pattern in rule["patterns"]:
            if not isinstance(pattern, list) or len(pattern) != 1 or not pattern[0]:
                raise UnsupportedRule(f"pattern {pattern!r} is not one token")
            alternatives.append(tuple(_condition(k, v, vocab) for k, v in pattern[0].items()))
        rules.append(ColumnRule(tuple(alternatives), _settings(rule["attrs"], vocab)))
    return tuple(rules)


class AttributeColumns:
    """Pipeline component: the compiled rules of an attribute ruler, applied per Doc column."""

    def __init__(self, nlp: Language, name: str, patterns: list[dict]) -> None:
        self.name = name
        self.patterns = patterns  # as AttributeRuler.patterns: what a saved copy is built from
        self.rules = compile_rules(patterns, nlp.vocab)
        self.read = sorted({attr for rule in self.rules for alt in rule.alternatives for attr, _ in alt})
        self.written = sorted({attr for rule in self.rules for attr, _ in rule.sets})
        self.where = {attr: i for i, attr in enumerate(self.written)}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.rules:
            return doc
        # to_array gives one dimension for one attribute: reshape to (tokens, attributes).
        before = doc.to_array(self.read).reshape(len(doc), -1)
        columns = {attr: before[:, i] for i, attr in enumerate(self.read)}
        original = doc.to_array(self.written).reshape(len(doc), -1)
        after = original.copy()
        for rule in self.rules:  # in order: a later rule overwrites an earlier one's values
            hit = None
            for alternative in rule.alternatives:
                test = None
                for attr, value in alternative:
                    equal = columns[attr] == numpy.uint64(value)
                    test = equal if test is None else test & equal
                hit = test if hit is None else hit | test
            for attr, value in rule.sets:
                after[hit, self.where[attr]] = numpy.uint64(value)
        # Only the columns the rules changed go back (from_array registers the MORPH string of
        # every token when MORPH is written; the morphologizer has usually set the same one).
        changed = [i for i in range(len(self.written)) if not numpy.array_equal(after[:, i], original[:, i])]
        if changed:
            doc.from_array([self.written[i] for i in changed], after[:, changed])
        return doc


@Language.factory(ATTRIBUTE_FACTORY, default_config={"patterns": []})
def make_attribute_columns(nlp: Language, name: str, patterns: list[dict]) -> AttributeColumns:
    """Factory: the rules travel in the component's config, so ``nlp.to_disk`` keeps them."""
    return AttributeColumns(nlp, name, patterns)


class LemmaColumns(SpanishLemmatizer):
    """The Spanish rule lemmatizer, its result memoised per (word, POS, morphology, sentence
    start): everything its rules read besides its tables. Saved and loaded as spaCy's."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: lemma hashes; their strings are kept for good (``allow_transient=False``), since a
        #: string first added inside ``nlp.memory_zone()`` is dropped when the zone ends. Lemmas
        #: are few (bounded by the language's words), so this costs little memory.
        self.memo: dict[tuple[int, int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self._validated:
            self._validate_tables(Errors.E1004)
        memo = self.memo
        columns = doc.to_array([ORTH, POS, MORPH, SENT_START, LEMMA])
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, start, lemma) in enumerate(columns.tolist()):
            if lemma and not self.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph, start)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0], allow_transient=False)
            lemmas.append(value)
        if len(memo) > LEMMA_MEMO_SIZE:
            memo.clear()
            self.cache.clear()
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc


@Language.factory(LEMMA_FACTORY, assigns=["token.lemma"],
                  default_config={"model": None, "mode": "rule", "overwrite": False,
                                  "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_lemma_columns(nlp: Language, model: Model | None, name: str, mode: str, overwrite: bool,
                       scorer: Callable | None) -> LemmaColumns:
    """Factory: as spaCy's Spanish ``lemmatizer`` (its tables come with ``from_disk``)."""
    return LemmaColumns(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def use_model_columns(nlp: Language) -> list[str]:
    """Replace the model's ``attribute_ruler`` and Spanish rule ``lemmatizer`` by their column
    equivalents where they qualify; the names of those replaced. Names and order are kept."""
    replaced = []
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if type(ruler) is AttributeRuler:
        patterns = ruler.patterns
        try:
            compile_rules(patterns, nlp.vocab)
        except UnsupportedRule as e:
            log.info("keeping spaCy's attribute_ruler: %s", e)
        else:
            nlp.replace_pipe("attribute_ruler", ATTRIBUTE_FACTORY, config={"patterns": patterns})
            replaced.append("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(lemmatizer) is SpanishLemmatizer and lemmatizer.mode == "rule":
        new = nlp.replace_pipe("lemmatizer", LEMMA_FACTORY,
                               config={"mode": "rule", "overwrite": lemmatizer.overwrite})
        new.lookups = lemmatizer.lookups
        replaced.append("lemmatizer")
    return replaced
