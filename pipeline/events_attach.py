"""The date of an event mention: the timex its clause or phrase names, else one it inherits.

(Its participants are found by :mod:`pipeline.events_actors`, its place by :mod:`pipeline.events_place`.)

Pure helpers of the events stage (:mod:`pipeline.events`), reading the parse and the
records of the stages before it (``doc._.timexes``, ``doc._.participants``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .docparse import feats
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_syntax import relative_on_a_name
from .events_words import DocWords
from .pubdate import dateline_span
from .records import Participant, Timex
from .textlists import is_bulleted, line_bounds

_OFFSET = re.compile(r"\b(\w+)\s+(d[ií]as?|semanas?)\s+(despu[eé]s|antes)\b", re.IGNORECASE)


@dataclass
class DocIndex:
    """Per-document look-ups built once: token -> timex, token -> actor ids."""

    timex_of: dict[int, Timex]
    timex_root: dict[int, int]  # timex_id -> token index of its syntactic root
    actors_of: dict[int, set[str]]  # token index -> actor ids mentioned there
    words: DocWords  # tokens and their keys, read once
    timex_tokens: list[int] = field(default_factory=list)  # the keys of timex_of, in order
    event_anchored: bool = False  # whether any timex of timex_of is anchored on an event
    #: characters of the opening dateline's date (:func:`~pipeline.pubdate.dateline_span`): the
    #: report's day, never an event's own date (held events take it later, when they have none)
    dateline: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        """``doc.text``, built once (spaCy rebuilds it on every access)."""
        return self.words.text

    def ids_in(self, token: int, lo: int = 0, hi: int = 1 << 30) -> set[str]:
        """The actor ids mentioned in the first 40 tokens of the subtree of ``token`` that lie
        in ``[lo, hi)``."""
        ids: set[str] = set()
        if not self.actors_of:
            return ids  # no participant in the document: no subtree to walk
        for i in self.words.subtree(token, 40):
            if lo <= i < hi:
                ids |= self.actors_of.get(i, set())
        return ids

    def ids_range(self, lo: int, hi: int) -> set[str]:
        """The actor ids mentioned at tokens ``[lo, hi)``."""
        ids: set[str] = set()
        for i in range(lo, hi):
            ids |= self.actors_of.get(i, set())
        return ids


def build_index(timexes: Sequence[Timex], participants: Sequence[Participant],
                words: DocWords) -> DocIndex:
    """The :class:`DocIndex` of a document: the tokens of its timexes and of its participants'
    spans (character offsets, read through ``words``)."""
    timex_of: dict[int, Timex] = {}
    roots: dict[int, int] = {}
    for tx in timexes:
        span = words.char_span(tx.start, tx.end)
        if span is None or span[0] >= span[1]:
            continue
        for i in range(*span):
            timex_of.setdefault(i, tx)
        # (a one-token span is its own root: no Span needed)
        roots[tx.timex_id] = span[0] if span[1] - span[0] == 1 else words.root(*span)
    actors_of: dict[int, set[str]] = {}
    for p in participants:
        for start, end in p.spans or [(p.start, p.end)]:
            span = words.char_span(start, end)
            if span is None:
                continue
            for i in range(*span):
                ids = actors_of.get(i)
                if ids is None:  # (setdefault would make a set on every call)
                    actors_of[i] = {p.actor_id}
                else:
                    ids.add(p.actor_id)
    return DocIndex(timex_of, roots, actors_of, words, sorted(timex_of),
                    any(tx.anchor == "event" for tx in timex_of.values()), dateline_span(words.text))


#: Subordinators of a clause whose time is not the event's ("su visita desde que fue nombrada
#: el 13 de junio"); a purpose clause ("programado para llevarse a cabo esta semana") shares it.
_OTHER_TIME = frozenset({"desde", "cuando", "después", "antes", "mientras", "hasta", "porque", "aunque",
                         "si"})


def _anchors(m: EventMention, words: DocWords, lex: Lexicon) -> set[int]:
    pos, dep = words.pos, words.dep
    anchors = {m.head}
    for child in words.children[m.head]:  # "el encuentro programado para llevarse a cabo esta semana"
        if dep[child] in ("acl", "acl:relcl") and child > m.head and not any(
                dep[g] == "mark" and words.low[g] in _OTHER_TIME for g in words.children[child]):
            anchors.add(child)
            anchors.update(g for g in words.children[child] if pos[g] in ("VERB", "AUX") and g > child)
    if m.pos == "noun":  # "la Cumbre del G20 en Johannesburgo, que se celebrará el 22"
        anchors.add(relative_on_a_name(m.head, lex, words, end=m.name[1] if m.name else m.end) or m.head)
    if not m.frame:
        anchors.add(m.anchor)
        if m.support is not None:
            anchors.add(m.support)
        outer = words.head[m.anchor]  # "volverán a reunirse en noviembre" (cue class periphrasis)
        if dep[m.anchor] == "xcomp" and outer != m.anchor and lex.has_at("periphrasis", words, outer):
            anchors.add(outer)
        parent = words.head[m.head]
        if dep[m.head] in ("nsubj", "nsubj:pass") and pos[parent] in ("VERB", "AUX", "ADJ"):
            anchors.add(parent)
        elif "por" in words.case_of[m.head] and pos[parent] == "VERB" and any(
                words.lem[c] == "ser" and dep[c].startswith("aux") for c in words.children[parent]):
            anchors.add(parent)  # the agent of a passive: "fue reemplazada en febrero por una llamada"
    return anchors


#: Tokens of a trigger noun's phrase read for a planned adjective hung on a word further down.
PLANNED_REACH = 24


def planned_further_down(head: int, lex: Lexicon, words: DocWords) -> list[int]:
    """The planned adjectives (cue class ``planned_adj``) of the trigger noun ``head`` that the
    parse hangs on a word of its phrase, with which they do not agree: "la visita del secretario
    X, prevista para el 3 de marzo" ("prevista" on "secretario"). Their dates and places are the
    event's."""
    dep = words.dep
    return [t for t in words.subtree(head, PLANNED_REACH)
            if words.head[t] != head and dep[t] in ("amod", "acl") and lex.has_at("planned_adj", words, t)
            and _agrees(t, head, words) and not _agrees(t, words.head[t], words)]


def _agrees(a: int, b: int, words: DocWords) -> bool:
    """Whether tokens ``a`` and ``b`` agree in gender and number (both marked)."""
    ta, tb = words.tokens[a], words.tokens[b]
    return all(feats(ta, f) and feats(ta, f) == feats(tb, f) for f in ("Gender", "Number"))


def attach_timex(m: EventMention, index: DocIndex, others: set[int], lex: Lexicon) -> Timex | None:
    """The date expression attached to the mention's trigger or support verb, if any."""
    found = timex_on(_anchors(m, index.words, lex), m.head, index, others)
    if found is None:  # "la reunión ..., prevista para el 10 de marzo, fue cancelada" (not "se pospuso al
        # lunes 9": the verb's own date is the event's)
        found = timex_on(set(planned_further_down(m.head, lex, index.words)), m.head, index, others)
    if found is None:
        found = _fronted(m, index, others) or _opening_a_conjunct(m, index) or _after_its_infinitive(
            m, index, others, lex)
    found = found if found is not None else _on_its_item(m, index, others)
    return None if found is not None and _first_since(m, found, index) else found


def _after_its_infinitive(m: EventMention, index: DocIndex, others: set[int], lex: Lexicon) -> Timex | None:
    """"convinieron en reunirse en Ottawa en la primera quincena de diciembre": a date after the
    event's infinitive that the parse hangs on the verb planning it (cue class ``planned_verb``)
    is the event's; one before the infinitive ("acordaron el lunes reunirse") tells when they agreed."""
    words = index.words
    if m.pos != "verb" or words.dep[m.head] != "xcomp":
        return None
    governor = words.head[m.head]
    if governor == m.head or not lex.has_at("planned_verb", words, governor):
        return None
    found = timex_on({governor}, m.head, index, others)
    return found if found is not None and found.start > words.idx[m.head] else None


#: "desde", "desde el", "desde el año" right before a date expression.
_SINCE = re.compile(r"\bdesde(?:\s+el)?(?:\s+año)?\s*$", re.IGNORECASE)


def _first_since(m: EventMention, tx: Timex, index: DocIndex) -> bool:
    """"la primera visita de Estado ... desde 2014": the event is the first since that date,
    which is not its own."""
    since = tx.text.lower().startswith("desde") or _SINCE.search(index.text, max(0, tx.start - 20), tx.start)
    return since and any(index.words.lem[c] in ("primero", "primer") for c in index.words.children[m.head])


def _on_its_item(m: EventMention, index: DocIndex, others: set[int]) -> Timex | None:
    """The one date of a bulleted list item that tells one event ("• Celebrar la IX Reunión de
    la Comisión Binacional en Nueva Delhi durante el primer semestre de 2025"): the parse often
    hangs a list's words on its line breaks, so the date is read on the line."""
    words, text = index.words, index.text
    at = words.idx[m.head]
    start, end = line_bounds(text, at)
    if not is_bulleted(text[start:end]):
        return None
    previous = next((line.rstrip() for line in reversed(text[max(0, start - 2000):start].split("\n"))
                     if line.strip()), "")  # the line before, blank lines skipped
    if not (previous.endswith(":") or is_bulleted(previous)):
        return None  # an item of a list: after its colon or another item
    first, last = words.char_span(start, end) or (0, 0)
    own = range(*m.name) if m.name else range(m.start, m.end)
    if any(first <= k < last and k not in own for k in others):
        return None  # another event on the line (not a trigger inside its name: "Reunión de la Comisión")
    dated = index.timex_tokens
    on_line = dated[bisect_left(dated, first):bisect_left(dated, last)]
    found = {index.timex_of[i].timex_id: index.timex_of[i] for i in on_line
             if index.timex_of[i].type in ("DATE", "TIME")}
    return next(iter(found.values())) if len(found) == 1 else None


def timex_on(anchors: set[int], head: int, index: DocIndex, others: set[int]) -> Timex | None:
    """The date (DATE or TIME) of ``head``'s sentence and line that hangs on one of ``anchors``
    (:func:`_reaches`), the nearest to ``head`` when several do."""
    words = index.words
    sent_start, sent_end = words.sent(head)
    head_char = words.idx[head]
    best: tuple[int, Timex] | None = None
    seen: set[int] = set()
    dated = index.timex_tokens
    for i in dated[bisect_left(dated, sent_start):bisect_left(dated, sent_end)]:
        tx = index.timex_of[i]
        if tx.timex_id in seen or tx.type not in ("DATE", "TIME") or _in_dateline(tx, index):
            continue
        seen.add(tx.timex_id)
        root = index.timex_root.get(tx.timex_id, i)
        lo, hi = sorted((tx.start, head_char))
        if "\n" in index.text[lo:hi]:
            continue  # a date on another line (a page header, a dateline) is not the event's
        if _reaches(root, anchors, others, words) or (tx.anchor == "event" and _tells_the_main_clause(
                root, anchors, words)):
            dist = abs(root - head)
            if best is None or dist < best[0]:
                best = (dist, tx)
    return best[1] if best is not None else None


#: Words right before a postponed event's new date ("se pospuso al lunes 9", "para el 3 de junio").
_TO_NEW_DATE = frozenset({"para", "a", "al", "hasta"})


def postponed_to(m: EventMention, index: DocIndex, others: set[int]) -> Timex | None:
    """The new date of a postponed event (:func:`~pipeline.event_status.mention_status` marks the
    cue that postpones it, class ``postpone``): a date hung on that cue after "para", "a", "al" or
    "hasta" ("se pospuso al lunes 9 de febrero"); None when it gives none ("fue pospuesta para
    una fecha por definir", or "el lunes se pospuso": when it was postponed)."""
    cue = m.attrs.get("postponed_by")
    if cue is None:
        return None
    tx = timex_on({cue}, cue, index, others)
    span = index.words.char_span(tx.start, tx.end) if tx is not None else None
    if span is None:
        return None
    low, before = index.words.low, span[0] - 1
    if before > 0 and low[before] in ("el", "la", "los"):
        before -= 1
    return tx if before >= 0 and low[before] in _TO_NEW_DATE else None


#: Words that may open a line or sentence before a fronted date ("El 22 de mayo, ...").
_FRONT_OPENERS = frozenset({"el", "la", "este", "esta", "ese", "esa", "a", "al", "desde", "hoy"})


def _fronted(m: EventMention, index: DocIndex, others: set[int]) -> Timex | None:
    """A date that opens the clause of the mention's verb ("El 22 de mayo, a las 18:30 horas,
    la ministra X sostuvo una reunión ..."), found on the words when the parse misses it: at
    the start of its line or sentence, and no other verb or event between it and the verb."""
    words = index.words
    verb, pos = m.anchor, words.pos
    if not _told_by_its_verb(m, words):
        return None
    line_start = index.text.rfind("\n", 0, words.idx[verb]) + 1
    if index.dateline is not None and line_start <= index.dateline[1] < words.idx[verb]:
        line_start = index.dateline[1]  # "Ciudad de México, 10 de septiembre de 2026.- El lunes pasado, ..."
    lo = words.sent(verb)[0]
    while lo < verb and (words.idx[lo] < line_start or words.space[lo]):
        lo += 1
    if verb - lo > 40:
        return None
    i = lo
    while i < verb and i not in index.timex_of and (
            words.low[i] in _FRONT_OPENERS or not any(c.isalnum() for c in words.texts[i])):
        i += 1  # an opener, or a bullet or emoji opening the line ("📸 Esta mañana, el canciller ...")
    first = index.timex_of.get(i)
    if first is None or first.type not in ("DATE", "TIME"):
        return None
    for t in range(i, verb):
        if words.idx[t] < first.end:
            continue
        if t in others or (pos[t] in ("VERB", "AUX") and t != verb) \
                or words.texts[t] in (";", ".", ":"):
            return None
    return first


def _told_by_its_verb(m: EventMention, words: DocWords) -> bool:
    """Whether the mention is no frame and its verb comes first (the verb a date before it opens)."""
    return not m.frame and words.pos[m.anchor] in ("VERB", "AUX") and m.anchor <= m.head


#: Pronouns that may stand between a fronted date and its verb ("y pasado mañana se reunirá").
_CLITICS = frozenset({"se", "no", "le", "les", "lo", "los", "la", "las", "me", "nos", "te"})
#: Words that open a coordinated clause before its date.
_CONJUNCT_OPENERS = frozenset({"y", "e", ",", ";", "pero"})


def _opening_a_conjunct(m: EventMention, index: DocIndex) -> Timex | None:
    """A date right before the mention's verb that opens a coordinated clause ("Mañana viajará a X
    y pasado mañana se reunirá con Y"), which the parse may hang on the first clause."""
    words, verb = index.words, m.anchor
    if not _told_by_its_verb(m, words):
        return None
    j = verb - 1
    while j > 0 and words.low[j] in _CLITICS:
        j -= 1
    tx = index.timex_of.get(j)
    if tx is None or tx.type not in ("DATE", "TIME") or _in_dateline(tx, index):
        return None
    span = words.char_span(tx.start, tx.end)
    return tx if span is not None and span[0] > 0 and words.low[span[0] - 1] in _CONJUNCT_OPENERS else None


def _in_dateline(tx: Timex, index: DocIndex) -> bool:
    """Whether ``tx`` is the opening dateline's day, which held events without a date take later
    (:func:`~pipeline.events_context.dateline_day`; a dateline with a clock time is left to the parse)."""
    return index.dateline is not None and tx.granularity == "day" and tx.start < index.dateline[1] \
        and index.dateline[0] < tx.end


def _reaches(token: int, anchors: set[int], others: set[int], words: DocWords) -> bool:
    """Whether a date's root ``token`` hangs (within two arcs, crossing no other verb) on an
    anchor. (The root of the parse is its own head, so it is looked at again as its own
    parent, as the code this replaced did.)"""
    cur = token
    for _ in range(2):
        if cur in anchors:
            return True
        parent = words.head[cur]
        if words.pos[parent] == "SPACE" and words.head[parent] == parent:  # a paragraph break the parse
            # made its sentence's root ("\n\nEl miércoles, la subsecretaria llegó"): the verb of the
            # clause the break opens (not a break inside a list, whose items hang on it)
            parent = next((c for c in words.children[parent] if c > parent and words.pos[c] in ("VERB", "AUX")),
                          parent)
        if parent in anchors:
            return True
        if parent in others or words.pos[parent] in ("VERB", "AUX"):
            return False
        cur = parent
    return False


def _tells_the_main_clause(root: int, anchors: set[int], words: DocWords) -> bool:
    """Whether a date anchored on another event ("11 años después que se desarrollara la
    Cumbre de la Unidad"), which the parse hangs on the verb of that event's clause, tells the
    time of the clause that clause modifies (an anchor's: "la Ciudad de México recibió la VI
    cumbre, 11 años después que ...")."""
    verb = words.head[root]
    return verb != root and words.dep[verb] == "advcl" and words.head[verb] in anchors


def event_offset(text: str, numbers: Mapping[str, int]) -> int | None:
    """Signed days from the anchored event to the other one: "tres días después" -> -3
    (``numbers``: the number words of ``models/lang/``)."""
    match = _OFFSET.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    n = int(word) if word.isdigit() else numbers.get(word)
    if n is None:
        return None
    days = n * (7 if match.group(2).lower().startswith("semana") else 1)
    return -days if match.group(3).lower().startswith("despu") else days


def anchored_inner(m: EventMention, index: DocIndex, numbers: Mapping[str, int]) -> Timex | None:
    """For the event of "tres días después de que X", the event-anchored timex before it."""
    if not index.event_anchored:
        return None  # (no such timex in the document: nothing to look for)
    for i in range(max(index.words.sent(m.head)[0], m.start - 14), m.start):
        tx = index.timex_of.get(i)
        if tx is None or tx.anchor != "event":
            continue
        if "que" in index.words.low[i:m.start] and event_offset(tx.text, numbers) is not None:
            return tx
    return None


def shift(value_date: dt.date, days: int) -> dt.date:
    return value_date + dt.timedelta(days=days)
