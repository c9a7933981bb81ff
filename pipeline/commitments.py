"""Commitments stage: what the parties agreed, pledged or must do, one record per action.

Reads the parse, ``doc._.participants`` (actors, with the spans of their mentions) and
``doc._.timexes`` (dates); writes ``doc._.commitments``, a list of
:class:`~pipeline.records.Commitment` in document order.

Rules are data in ``models/commitments/``: ``triggers.csv`` (trigger patterns with their
modality and what their action must look like), ``filters.csv`` (negation, statements of
principle, past reports, words that are no actor, collective subjects) and ``topics.csv``
(topic keywords). A trigger's action is its complement in the dependency parse (helpers in
:mod:`pipeline.commitment_actions`); a trigger whose sentence ends in a colon gives one
commitment per list item; actors come from :mod:`pipeline.commitment_actors`.

Public entry point: the ``sre_commitments`` factory (:class:`CommitmentsComponent`).
"""

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .commitment_actions import ActionSpan, action_spans, complement_root, is_verb, list_items, units
from .commitment_actors import ActorResolver, subject_tokens
from .commitment_rules import (LexiconError, TriggerMatch, compile_filters, compile_topics,
                               compile_triggers, find_triggers, fold, topics_of)
from .records import Commitment, get_list
from .rules import DEFAULT_MODELS_DIR, RuleComponent, RuleFileError, Schema

log = logging.getLogger(__name__)

TRIGGERS = Schema(
    columns={"pattern": "str", "modality": "str", "lemma": "str", "action": "str",
             "number": "str", "morph": "str", "requires": "list", "note": "str"},
    required=frozenset({"pattern", "modality"}))
FILTERS = Schema(columns={"kind": "str", "word": "str", "note": "str"},
                 required=frozenset({"kind", "word"}))
TOPICS = Schema(columns={"topic": "str", "keyword": "str", "note": "str"},
                required=frozenset({"topic", "keyword"}))

_INFINITIVE_WORD = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:ar|er|ir)(?:se|la|lo|las|los|le|les)?$")
_PREP_BEFORE_ACTION = frozenset({"de", "para", "a", "con"})
#: how far after a noun trigger the action may start past a possessor ("de sus dependencias")
_POSSESSOR_WINDOW = 10


@dataclass
class _Found:
    start: int  # character offsets of the action
    end: int
    head: Token | None
    match: TriggerMatch
    unit: Span
    sentence_end: int
    title: str | None = None
    actors: list[str] | None = None


class CommitmentsComponent(RuleComponent):
    """Finds triggers, their actions (or list items), modality, actors, topics and dates."""

    FILES = {
        "triggers": ("commitments/triggers.csv", TRIGGERS),
        "filters": ("commitments/filters.csv", FILTERS),
        "topics": ("commitments/topics.csv", TOPICS),
    }

    def __init__(self, nlp: Language, name: str, models_dir: str | None = None) -> None:
        self.models_root = Path(models_dir) if models_dir else DEFAULT_MODELS_DIR
        super().__init__(nlp, name, models_dir)

    def compile(self) -> None:
        try:
            self.index = compile_triggers(self.tables["triggers"])
            self.filters = compile_filters(self.tables["filters"])
            self.topics = compile_topics(self.tables["topics"])
        except LexiconError as e:
            path = self.models_root / self.FILES[e.table][0]
            raise RuleFileError(path, e.line, e.key, str(e)) from e

    def __call__(self, doc: Doc) -> Doc:
        out = get_list(doc, "commitments")
        out.clear()
        spans = units(doc)
        resolver = ActorResolver(get_list(doc, "participants"), spans, self.filters["group"])
        found: list[_Found] = []
        for unit in spans:
            matches = [m for m in find_triggers(unit, self.index) if self._keep(m)]
            starts = sorted(m.tokens[0].i for m in matches)
            for m in matches:
                found.extend(self._actions(doc, m, unit, starts, resolver))
        seen: set[tuple[int, int]] = set()
        for f in sorted(found, key=lambda f: (f.start, f.end)):
            if (f.start, f.end) in seen or f.end <= f.start:
                continue
            seen.add((f.start, f.end))
            out.append(self._record(doc, len(out), f))
        return doc

    # -- filters -------------------------------------------------------------------------

    def _keep(self, m: TriggerMatch) -> bool:
        first = m.tokens[0]
        before = [first.doc[i] for i in range(max(first.sent.start, first.i - 3), first.i)]
        neg, past = self.filters["negation"], self.filters["past"]
        if any(fold(t.text) in neg for t in before) or any(
                fold(c.text) in neg for c in m.head.children if c.i < m.head.i):
            return False
        return not any(fold(t.text) in past for t in before)

    def _complement_ok(self, m: TriggerMatch, root: Token) -> bool:
        req = m.trigger.requires
        if fold(root.lemma_) in self.filters["principle"] or fold(root.text) in self.filters["principle"]:
            return False
        if "infinitive" in req and "Inf" not in root.morph.get("VerbForm"):
            return False
        if "future" in req and not _is_future(root):
            return False
        return True

    # -- actions -------------------------------------------------------------------------

    def _actions(self, doc: Doc, m: TriggerMatch, unit: Span, starts: list[int],
                 resolver: ActorResolver) -> list[_Found]:
        hi = next((s for s in starts if s > m.tokens[0].i and s >= m.end), unit.end)
        if m.trigger.action == "self":
            return self._self_action(doc, m, unit, hi, resolver)
        lo, possessor = self._action_start(doc, m, hi)
        colon = next((t for t in doc[lo:unit.end] if t.text == ":"), None)
        if colon is not None and (colon.i < hi or hi == unit.end):
            items = self._list(doc, m, unit, colon, resolver)
            if items:
                return items
        if "list" in m.trigger.requires:
            return []
        root = complement_root(m.tokens, lo, hi)
        if root is None or not self._complement_ok(m, root):
            return []
        subject = possessor if possessor else None
        actors = resolver.resolve(m.head, unit, subject)
        if "future" in m.trigger.requires:
            actors = self._reported_actors(root, m, unit, resolver) or actors
        return [_Found(doc[a.start].idx, _end_char(doc, a), a.head, m, unit, unit.end_char,
                       actors=actors)
                for a in action_spans(root, lo, hi, self._split(m))]

    def _split(self, m: TriggerMatch) -> bool:
        return True

    def _action_start(self, doc: Doc, m: TriggerMatch, hi: int) -> tuple[int, list[Token]]:
        """Where the action may begin; skips a possessor after a noun trigger."""
        lo = m.end
        last = m.tokens[-1]
        if lo < hi and not is_verb(doc[lo]) and (last.pos_ in ("NOUN", "ADP") or last.lower_ == "de"):
            for i in range(lo, min(hi - 1, lo + _POSSESSOR_WINDOW)):
                if doc[i].lower_ in _PREP_BEFORE_ACTION and i > lo and is_verb(doc[i + 1]) \
                        and "Inf" in doc[i + 1].morph.get("VerbForm"):
                    return i + 1, list(doc[lo:i])
        return lo, []

    def _self_action(self, doc: Doc, m: TriggerMatch, unit: Span, hi: int,
                     resolver: ActorResolver) -> list[_Found]:
        head = m.head
        subj = subject_tokens(head, unit)
        if head.dep_ == "acl" and head.head.i < head.i:  # "medidas que la red reforzará"
            subj = subj or [head.head]
        if "actor_subject" in m.trigger.requires:
            nonactor = self.filters["nonactor"]
            if head.dep_ == "acl" and fold(head.head.lemma_) in nonactor:
                return []
            if any(fold(t.lemma_) in nonactor for t in subj):
                return []
        if any(c.dep_ in ("aux", "cop") and c.lemma_ == "ser" for c in head.children):
            return []
        lo = head.i
        while lo > unit.start and doc[lo - 1].dep_ in ("aux",) and doc[lo - 1].head is head:
            lo -= 1
        spans = action_spans(head, lo, hi, split_coordination=False)
        actors = resolver.resolve(head, unit)
        return [_Found(doc[a.start].idx, _end_char(doc, a), a.head, m, unit, unit.end_char,
                       actors=actors) for a in spans]

    def _reported_actors(self, root: Token, m: TriggerMatch, unit: Span,
                         resolver: ActorResolver) -> list[str]:
        """Actors of "X anunció que Y hará": Y when Y names persons or a group, else X."""
        subj = subject_tokens(root, unit)
        if not subj:
            return []
        if resolver.is_group(subj):
            return resolver.collective(unit)
        named = [t for t in subj if t.pos_ == "PROPN"]
        ids = [a for a in resolver.ids_in(named[0].idx, named[-1].idx + len(named[-1].text))
               if resolver.kind.get(a) == "person"] if named else []
        return ids

    def _list(self, doc: Doc, m: TriggerMatch, unit: Span, colon: Token,
              resolver: ActorResolver) -> list[_Found]:
        def looks_like_item(s: int, e: int) -> bool:
            words = doc.text[s:e].split()
            return bool(words) and bool(_INFINITIVE_WORD.match(words[0]))

        items, block_end = list_items(doc.text, colon.idx, looks_like_item)
        if not items:
            return []
        actors = resolver.resolve(m.head, unit)
        out = []
        for item in items:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            head = span[0] if span is not None and len(span) and is_verb(span[0]) else None
            out.append(_Found(item.start, item.end, head, m, unit, max(block_end, unit.end_char),
                              title=item.title, actors=actors))
        return out

    # -- records -------------------------------------------------------------------------

    def _record(self, doc: Doc, index: int, f: _Found) -> Commitment:
        action = doc.text[f.start:f.end]
        first, last = f.match.tokens[0], f.match.tokens[-1]
        trigger = doc.text[first.idx:last.idx + len(last.text)]
        lemma = f.match.trigger.lemma or fold(f.match.head.lemma_)
        head_lemma = None
        if f.head is not None and is_verb(f.head):
            head_lemma = f.head.lemma_.lower()
            if f.match.trigger.action == "self" or "future" in f.match.trigger.requires:
                head_lemma = f.head.lemma_.lower()
        topics = topics_of(f"{f.title or ''} {action}", self.topics)
        due = next((t.timex_id for t in get_list(doc, "timexes")
                    if t.type in ("DATE", "TIME") and f.start <= t.start and t.end <= f.end), None)
        return Commitment(
            commitment_id=index, start=f.start, end=f.end,
            sentence_start=f.unit.start_char, sentence_end=f.sentence_end,
            trigger=trigger, trigger_lemma=lemma, action=action, action_lemma=head_lemma,
            modality=f.match.trigger.modality, topics=topics, due_timex_id=due,
            actor_ids=list(f.actors or []))


def _is_future(root: Token) -> bool:
    """A future verb, or the periphrasis "ir a + infinitive" ("vamos a tener")."""
    if "Fut" in root.morph.get("Tense"):
        return True
    if root.lemma_ == "ir" and any(c.lower_ == "a" for c in root.doc[root.i + 1:root.i + 2]):
        return True
    return any(c.dep_ == "aux" and c.lemma_ == "ir" for c in root.children) or any(
        c.dep_ == "aux" and "Fut" in c.morph.get("Tense") for c in root.children)


def _end_char(doc: Doc, a: ActionSpan) -> int:
    last = doc[a.end - 1]
    return last.idx + len(last.text)


@Language.factory("sre_commitments", default_config={"models_dir": None})
def make_commitments(nlp: Language, name: str, models_dir: str | None) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, models_dir)
