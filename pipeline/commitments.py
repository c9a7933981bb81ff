"""Commitments stage: what the parties agreed, pledged or must do, one record per action.

Reads the parse, ``doc._.participants`` (actors, with the spans of their mentions) and
``doc._.timexes`` (dates); writes ``doc._.commitments``, a list of
:class:`~pipeline.records.Commitment` in document order.

Rules are data in ``models/commitments/``: ``triggers.csv`` (trigger patterns with their
modality and what their action must look like), ``filters.csv`` (negation, statements of
principle, past reports, words that are no actor, collective subjects) and ``topics.csv``
(topic keywords). A trigger's action is its complement in the dependency parse (helpers in
:mod:`pipeline.commitment_actions`); a trigger whose sentence ends in a colon gives one
commitment per list item; actors come from :mod:`pipeline.commitment_actors`. The tokens'
texts, folded forms and sentence starts are read once per document
(:class:`~pipeline.commitment_doc.DocTokens`); a document with no token that may start a
trigger is left at that.

Public entry point: the ``sre_commitments`` factory (:class:`CommitmentsComponent`).
"""

import logging
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .commitment_actions import ActionSpan, action_spans, complement_root, is_verb, units
from .commitment_syntax import is_clause, is_future
from .textlists import list_items
from .commitment_actors import ActorResolver
from .commitment_doc import DocTokens, Forms
from .commitment_rules import (ACTION_MODES, FILTER_KINDS, MODALITIES, REQUIREMENTS, TOPICS, morph_fits,
                               TriggerFinder, TriggerMatch, compile_filters, compile_topics,
                               compile_triggers, topics_of)
from .docparse import feats
from .gazetteer import GAZETTEER_FILES
from .records import Commitment, Timex, get_list, in_report
from .rules import RuleComponent, Schema
from .textnorm import content_words, fold, jaccard

log = logging.getLogger(__name__)

TRIGGERS = Schema(
    columns={"pattern": "trigger_pattern", "modality": "str", "lemma": "str", "action": "str",
             "number": "str", "morph": "str", "requires": "list", "objects": "list",
             "note": "str"},
    required=frozenset({"pattern", "modality"}),
    choices={"modality": MODALITIES, "action": ACTION_MODES, "requires": REQUIREMENTS,
             "number": frozenset({"Sing", "Plur"})},
    check=morph_fits)
FILTERS = Schema(columns={"kind": "str", "word": "str", "note": "str"},
                 required=frozenset({"kind", "word"}), choices={"kind": FILTER_KINDS})
TOPIC_KEYWORDS = Schema(columns={"topic": "str", "keyword": "str", "note": "str"},
                        required=frozenset({"topic", "keyword"}), choices={"topic": TOPICS})

_INFINITIVE_WORD = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:ar|er|ir)(?:se|la|lo|las|los|le|les)?$")
_PREP_BEFORE_ACTION = frozenset({"de", "para", "a", "con"})
#: how far after a noun trigger the action may start past a possessor ("de sus dependencias")
_POSSESSOR_WINDOW = 14
#: how far after "acordó con" the infinitive may start past the parties named
_COMITATIVE_WINDOW = 30
#: an action whose content words overlap an earlier one's this much repeats it
DUPLICATE_JACCARD = 0.8


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
    clause_item: bool = False  # a list item with a subject of its own (see CommitmentsComponent._list)


class CommitmentsComponent(RuleComponent):
    """Finds triggers, their actions (or list items), modality, actors, topics and dates."""

    FILES = {
        "triggers": ("commitments/triggers.csv", TRIGGERS),
        "filters": ("commitments/filters.csv", FILTERS),
        "topics": ("commitments/topics.csv", TOPIC_KEYWORDS),
    }
    #: the country gazetteer (names standing for a country's spokesperson)
    SHARED = {"countries": GAZETTEER_FILES["countries"]}

    def compile(self) -> None:
        self.index = compile_triggers(self.tables["triggers"])
        self.finder = TriggerFinder(self.index)
        #: folded forms of the words seen, shared by the documents (see :class:`DocTokens`)
        self.forms: dict[tuple[int, int], Forms] = {}
        self.filters = compile_filters(self.tables["filters"])
        #: words that, just before a trigger, cancel it
        self.cancelling = self.filters["negation"] | self.filters["condition"] | self.filters["past"]
        self.topics = compile_topics(self.tables["topics"])
        self.countries = {fold(name): row["iso3"] for row in self.tables["countries"]  # (and demonyms)
                          for name in [row["name"], *row["aliases"], *row["demonyms"]]}

    def __call__(self, doc: Doc) -> Doc:
        out = get_list(doc, "commitments")
        out.clear()
        tokens = DocTokens(doc, self.forms, self.finder.lexical)
        participants = get_list(doc, "participants")
        candidates = self.finder.candidates(tokens)
        if not candidates:
            return doc
        spans = units(doc, tokens)
        matches_by_unit = self.finder.find_all(tokens, candidates, [(u.start, u.end) for u in spans])
        inside = in_report(doc)  # (no commitment from a teaser of another article)
        triggered = [(unit, ok) for unit, matches in zip(spans, matches_by_unit)
                     if inside(tokens.view.idx[unit.start])
                     and (ok := [m for m in matches if self._keep(tokens, m, unit)])]
        if not triggered:
            return doc
        text = tokens.view.text  # as doc.text, built once per document
        resolver = ActorResolver(participants, spans, self.filters["group"],
                                 self.countries, self.filters["cast"], tokens)
        found: list[_Found] = []
        weak: list[tuple[TriggerMatch, list[_Found]]] = []
        for unit, matches in triggered:
            weak_ones = [self._weak(m) for m in matches]
            starts = sorted(m.tokens[0].i for m, w in zip(matches, weak_ones) if not w)
            for m, is_weak in zip(matches, weak_ones):
                actions = self._actions(tokens, text, m, unit, starts, resolver)
                if is_weak:
                    weak.append((m, actions))
                else:
                    found.extend(actions)
        for m, actions in weak:
            found.extend(self._nest(text, m, actions, found))
        kept: list[tuple[_Found, set[str]]] = []
        for f in sorted(found, key=lambda f: (f.clause_item, f.start, f.end)):
            words = content_words(text[f.start:f.end])
            if f.end <= f.start or any(_same(words, w) for _, w in kept) or (
                    f.clause_item and any(k.start < f.end and f.start < k.end for k, _ in kept)):
                continue  # the same action stated twice; a list item a trigger of its own tells
            kept.append((f, words))
        kept.sort(key=lambda fw: (fw[0].start, fw[0].end))
        timexes = [t for t in get_list(doc, "timexes") if t.type in ("DATE", "TIME")] if kept else []
        for f, _ in kept:
            out.append(self._record(text, timexes, len(out), f))
        return doc

    def _weak(self, m: TriggerMatch) -> bool:
        """A future verb, a row that ``requires`` ``inner`` ("debe") or a purpose infinitive
        ("para acordar"): may sit inside an action."""
        return m.trigger.action == "self" or "inner" in m.trigger.requires or bool(
            m.tokens[0].i > 0 and fold(m.head.doc[m.tokens[0].i - 1].text) in self.filters["purpose"]
            and "Inf" in feats(m.head, "VerbForm"))

    def _nest(self, text: str, m: TriggerMatch, actions: list[_Found], found: list[_Found]) -> list[_Found]:
        """A weak trigger inside another action: dropped when it heads that action ("convenimos
        que ambos equipos seguirán ...") or is a purpose; else that action ends before it."""
        outer = [o for o in found if o.start <= m.head.idx < o.end]
        if not outer:
            return actions
        if m.trigger.action != "self" or any(o.head is not None and o.head.i == m.head.i for o in outer):
            return []
        cut = min(t.idx for t in m.head.subtree)
        for o in outer:
            if o.start < cut:
                end = cut
                while end > o.start and (text[end - 1] in " ,;:" or text[end - 2:end] == " y"):
                    end -= 2 if text[end - 2:end] == " y" else 1
                o.end = end
        return actions

    # -- filters -------------------------------------------------------------------------

    def _keep(self, tokens: DocTokens, m: TriggerMatch, unit: Span) -> bool:
        """False for a negated, conditional or pluperfect trigger, or one whose object is
        behind it."""
        first, head = m.tokens[0], m.head
        f = self.filters
        if not self.cancelling.isdisjoint(fold(w) for w in tokens.text[max(unit.start, first.i - 3):first.i]):
            return False
        # head.lefts: the children before the head, read as indexes from the parse view
        parse = tokens.view
        lefts = [c for c in parse.children[head.i] if c < head.i]
        if any(fold(tokens.text[c]) in f["negation"] for c in lefts):
            return False
        if m.trigger.action == "after" and any(
                parse.dep[c] in ("obj", "nsubj:pass") and "Rel" in feats(tokens.doc[c], "PronType") for c in lefts):
            return False  # "el método que han pactado": the object is behind the trigger
        return True

    def _complement_ok(self, m: TriggerMatch, root: Token) -> bool:
        req = m.trigger.requires
        if fold(root.lemma_) in self.filters["principle"] or fold(root.text) in self.filters["principle"]:
            return False
        if "infinitive" in req and "Inf" not in feats(root, "VerbForm"):
            return False
        if "verbal" in req and not is_verb(root):
            return False
        if m.trigger.objects and fold(root.lemma_) not in m.trigger.objects \
                and fold(root.text) not in m.trigger.objects:
            return False
        if "future" in req and not is_future(root):
            return False
        return True

    # -- actions -------------------------------------------------------------------------

    def _actions(self, tokens: DocTokens, text: str, m: TriggerMatch, unit: Span, starts: list[int],
                 resolver: ActorResolver) -> list[_Found]:
        doc = tokens.doc
        hi = next((s for s in starts if s > m.tokens[0].i and s >= m.end), unit.end)
        if m.trigger.action == "self":
            return self._self_action(doc, m, unit, hi, resolver)
        lo, possessor = self._action_start(doc, m, hi)
        colon = tokens.first(":", lo, unit.end)
        if colon is not None and (colon.i < hi or hi == unit.end):
            items = self._list(doc, text, m, unit, colon, resolver)
            if items:
                return items
        if "list" in m.trigger.requires:
            return []
        root = complement_root(m.tokens, lo, hi)
        if root is None or not self._complement_ok(m, root):
            return []
        spans = action_spans(root, lo, hi)
        if not spans:
            return []
        actors = self._actors(doc, m, unit, root, possessor, spans[0].start, resolver)
        return [_Found(doc[a.start].idx, _end_char(doc, a), a.head, m, unit, unit.end_char,
                       actors=actors) for a in spans]

    def _actors(self, doc: Doc, m: TriggerMatch, unit: Span, root: Token, possessor: list[Token],
                action_start: int, resolver: ActorResolver) -> list[str]:
        """Who commits: the trigger's subject, else the possessor of its noun ("el compromiso
        de la CELAC"), else a collective subject of the action ("acordar que tanto X como Y
        nombren"); "acordó con X e Y" adds X and Y."""
        own = resolver.subject(m.head, unit)
        subject = None
        if not own or m.head.pos_ == "NOUN":
            nouns = [t for t in m.tokens if t.pos_ == "NOUN"]
            owner = [c for n in nouns for c in n.children if c.dep_ == "nmod" and n.i < c.i < action_start
                     and c.pos_ in ("NOUN", "PROPN")
                     and any(g.lower_ in ("de", "del") for g in c.children if g.dep_ == "case")]
            if possessor and "possessor" in m.trigger.requires:
                subject = possessor
            elif owner:
                subject = [t for t in owner[0].subtree if t.i < action_start]
        between = list(doc[m.end:action_start]) if doc[m.end].lower_ == "con" else []
        if subject is None and m.trigger.action == "after" and not resolver.ids_of(own):
            inner = [t for t in resolver.subject(root, unit) if t.i >= m.end]
            if inner and resolver.is_group(inner):
                return resolver.collective(unit)
        actors = resolver.resolve(m.head, unit, subject, m.trigger.modality, between,
                                  skip={t.i for t in m.tokens})
        if "future" in m.trigger.requires:
            actors = self._reported_actors(root, m, unit, resolver) or actors
        return actors

    def _action_start(self, doc: Doc, m: TriggerMatch, hi: int) -> tuple[int, list[Token]]:
        """Where the action may begin, past a possessor or an addressee after the trigger.

        Rows requiring ``possessor`` skip "de X" ("la disposición de sus dependencias para
        estrechar ..."), rows requiring ``addressee`` skip "a X" ("instruyó al titular de la
        SRE a establecer ...", "pidió a la canciller proporcionar ..."). Returns the start and
        the skipped tokens.
        """
        lo = m.end
        req = m.trigger.requires
        if lo < hi and doc[lo].lower_ == "con":  # "acordó con sus homólogos X e Y enfocar ..."
            for i in range(lo + 1, min(hi, lo + _COMITATIVE_WINDOW)):
                t = doc[i]
                if t.text in ".;:":
                    break
                if is_verb(t) and "Inf" in feats(t, "VerbForm") and t.head.i == m.head.i:
                    return i, list(doc[lo:i])
        if lo >= hi or not req & {"possessor", "addressee"}:
            return lo, []
        if is_verb(doc[lo]) and "Inf" in feats(doc[lo], "VerbForm"):
            return lo, []
        for i in range(lo, min(hi, lo + _POSSESSOR_WINDOW)):
            t = doc[i]
            if t.lower_ in (".", ";", ":"):
                break
            nxt = doc[i + 1] if i + 1 < hi else None
            if nxt is not None and nxt.lower_ == "no" and i + 2 < hi:
                nxt = doc[i + 2]
            if t.lower_ in _PREP_BEFORE_ACTION and nxt is not None and is_verb(nxt) \
                    and "Inf" in feats(nxt, "VerbForm"):
                return i + 1, list(doc[lo:i])
            if i > lo and "addressee" in req and is_verb(t) and "Inf" in feats(t, "VerbForm"):
                return i, list(doc[lo:i])
            if i > lo and "possessor" in req and t.lower_ in ("con", "a", "para") \
                    and doc[lo].lower_ in ("de", "del"):
                return i + 1, list(doc[lo:i])
        return lo, []

    def _self_action(self, doc: Doc, m: TriggerMatch, unit: Span, hi: int,
                     resolver: ActorResolver) -> list[_Found]:
        head = m.head
        subj = resolver.subject(head, unit)
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
        while lo > unit.start and doc[lo - 1].dep_ in ("aux",) and doc[lo - 1].head.i == head.i:
            lo -= 1
        spans = action_spans(head, lo, hi, split_coordination=False)
        if not subj and "Plur" in feats(head, "Number"):  # "dialogarán nuestros representantes"
            subj = [t for c in head.children if c.dep_ == "obj" for t in c.subtree]
            subj = subj if resolver.is_group(subj) else []
        actors = resolver.resolve(head, unit, subj or None, m.trigger.modality)
        if not subj or not resolver.is_group(subj):
            actors = resolver.governing_speaker(head, unit) or actors
        return [_Found(doc[a.start].idx, _end_char(doc, a), a.head, m, unit, unit.end_char,
                       actors=actors) for a in spans]

    def _reported_actors(self, root: Token, m: TriggerMatch, unit: Span,
                         resolver: ActorResolver) -> list[str]:
        """Actors of "X anunció que Y hará": Y when Y names persons or a group, else X."""
        subj = resolver.subject(root, unit)
        if not subj:
            return []
        if resolver.is_group(subj):
            return resolver.collective(unit)
        named = [t for t in subj if t.pos_ == "PROPN"]
        ids = [a for a in resolver.ids_in(named[0].idx, named[-1].idx + len(named[-1].text))
               if resolver.kind.get(a) == "person"] if named else []
        return ids

    def _list(self, doc: Doc, text: str, m: TriggerMatch, unit: Span, colon: Token,
              resolver: ActorResolver) -> list[_Found]:
        """One action per item of the list after ``colon``: an item's text, or, for a clause with a
        subject of its own, from its future or subjunctive verb on ("II. Los ministerios elaborarán
        un plan"; none in another tense), marked ``clause_item``: a trigger of its own in it,
        "deberán", "se comprometen a", tells it instead."""
        def looks_like_item(s: int, e: int) -> bool:
            words = text[s:e].split()
            return bool(words) and bool(_INFINITIVE_WORD.match(words[0]))

        items, block_end = list_items(text, colon.idx, looks_like_item)
        if not items:
            return []
        actors = resolver.resolve(m.head, unit, None, m.trigger.modality)
        out = []
        for item in items:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            head = span[0] if span is not None and len(span) and is_verb(span[0]) else None
            start = item.start
            clause = head is None and span is not None and is_clause(span)
            if clause and not (is_future(span.root) or "Sub" in feats(span.root, "Mood")):
                continue  # "2. La reunión se celebró en un ambiente cordial": no action agreed (but "Que
                # las autoridades establezcan ...", "elaborarán", "van a elaborar")
            if clause:  # "Los ministerios elaborarán un plan", "se celebrará": from the verb (and its "se") on
                verb = span.root
                head, start = verb, verb.idx
                if verb.i > span.start and verb.doc[verb.i - 1].lower_ == "se":
                    start = verb.doc[verb.i - 1].idx
            out.append(_Found(start, item.end, head, m, unit, max(block_end, unit.end_char),
                              title=item.title, actors=actors, clause_item=clause))
        return out

    # -- records -------------------------------------------------------------------------

    def _record(self, text: str, timexes: list[Timex], index: int, f: _Found) -> Commitment:
        """The record of an action; ``timexes`` are the document's dates and times."""
        action = text[f.start:f.end]
        first, last = f.match.tokens[0], f.match.tokens[-1]
        trigger = text[first.idx:last.idx + len(last.text)]
        lemma = f.match.trigger.lemma or fold(f.match.head.lemma_)
        head_lemma = f.head.lemma_.lower() if f.head is not None and is_verb(f.head) else None
        # the action alone folds as " action" does (and was folded already by the dedupe)
        topics = topics_of(f"{f.title} {action}" if f.title else action, self.topics)
        due = next((t.timex_id for t in timexes if f.start <= t.start and t.end <= f.end), None)
        return Commitment(
            commitment_id=index, start=f.start, end=f.end,
            sentence_start=f.unit.start_char, sentence_end=f.sentence_end,
            trigger=trigger, trigger_lemma=lemma, action=action, action_lemma=head_lemma,
            modality=f.match.trigger.modality, topics=topics, due_timex_id=due,
            actor_ids=list(f.actors or []))


def _same(a: set[str], b: set[str]) -> bool:
    """Two actions with (nearly) the same content words."""
    return jaccard(a, b) >= DUPLICATE_JACCARD


def _end_char(doc: Doc, a: ActionSpan) -> int:
    last = doc[a.end - 1]
    return last.idx + len(last.text)


@Language.factory("sre_commitments", default_config={"models_dir": None})
def make_commitments(nlp: Language, name: str, models_dir: str | None) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, models_dir)
