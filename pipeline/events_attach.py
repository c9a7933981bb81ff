"""What an event mention is attached to: its date and participants (its place:
:mod:`pipeline.events_place`).

Pure helpers of the events stage (:mod:`pipeline.events`), reading the parse and the
records of the stages before it (``doc._.timexes``, ``doc._.participants``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .events_detect import EventMention
from .events_syntax import governing_verb, opens_place_relative
from .events_lexicon import Lexicon
from .events_words import WITH, DocWords
from .docparse import feats
from .lang import language_data
from .records import Participant, Timex
from .textlists import list_items

#: The case markers of a partner ("con X", "entre X y Y"), of a visitor or caller ("la visita
#: del canciller", "una llamada de su homólogo": for the kinds of ``_OF_KINDS``) and of an
#: event's place ("en Lima"; a visit's also "a Lima", "hasta Lima").
_OF = frozenset({"de", "del"})
_OF_KINDS = frozenset({"visit", "call"})
#: Kinds whose possessor took part ("su visita", "su encuentro con X"; not "su conferencia").
_OWNED_KINDS = frozenset({"visit", "meeting", "call"})
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

    @property
    def text(self) -> str:
        """``doc.text``, built once (spaCy rebuilds it on every access)."""
        return self.words.text


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
                    any(tx.anchor == "event" for tx in timex_of.values()))


#: Subordinators of a clause whose time is not the event's ("su visita desde que fue nombrada
#: el 13 de junio"); a purpose clause ("programado para llevarse a cabo esta semana") shares it.
_OTHER_TIME = frozenset({"desde", "cuando", "después", "antes", "mientras", "hasta", "porque", "aunque",
                         "si"})


def _anchors(m: EventMention, words: DocWords) -> set[int]:
    pos, dep = words.pos, words.dep
    anchors = {m.head}
    for child in words.children[m.head]:  # "el encuentro programado para llevarse a cabo esta semana"
        if dep[child] in ("acl", "acl:relcl") and child > m.head and not any(
                dep[g] == "mark" and words.low[g] in _OTHER_TIME for g in words.children[child]):
            anchors.add(child)
            anchors.update(g for g in words.children[child] if pos[g] in ("VERB", "AUX") and g > child)
    if not m.frame:
        anchors.add(m.anchor)
        if m.support is not None:
            anchors.add(m.support)
        parent = words.head[m.head]
        if dep[m.head] in ("nsubj", "nsubj:pass") and pos[parent] in ("VERB", "AUX", "ADJ"):
            anchors.add(parent)
        elif "por" in words.case_of[m.head] and pos[parent] == "VERB" and any(
                words.lem[c] == "ser" and dep[c].startswith("aux") for c in words.children[parent]):
            anchors.add(parent)  # the agent of a passive: "fue reemplazada en febrero por una llamada"
    return anchors


def attach_timex(m: EventMention, index: DocIndex, others: set[int]) -> Timex | None:
    """The date expression attached to the mention's trigger or support verb, if any."""
    found = timex_on(_anchors(m, index.words), m.head, index, others)
    return found if found is not None else _fronted(m, index, others)


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
        if tx.timex_id in seen or tx.type not in ("DATE", "TIME"):
            continue
        seen.add(tx.timex_id)
        root = index.timex_root.get(tx.timex_id, i)
        lo, hi = sorted((tx.start, head_char))
        if "\n" in index.text[lo:hi]:
            continue  # a date on another line (a page header, a dateline) is not the event's
        if _reaches(root, anchors, others, words):
            dist = abs(root - head)
            if best is None or dist < best[0]:
                best = (dist, tx)
    return best[1] if best is not None else None


#: Words that may open a line or sentence before a fronted date ("El 22 de mayo, ...").
_FRONT_OPENERS = frozenset({"el", "la", "este", "esta", "ese", "esa", "a", "al", "desde", "hoy"})


def _fronted(m: EventMention, index: DocIndex, others: set[int]) -> Timex | None:
    """A date that opens the clause of the mention's verb ("El 22 de mayo, a las 18:30 horas,
    la ministra X sostuvo una reunión ..."), found on the words when the parse misses it: at
    the start of its line or sentence, and no other verb or event between it and the verb."""
    words = index.words
    verb, pos = m.anchor, words.pos
    if m.frame or pos[verb] not in ("VERB", "AUX") or verb > m.head:
        return None
    line_start = index.text.rfind("\n", 0, words.idx[verb]) + 1
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


def _reaches(token: int, anchors: set[int], others: set[int], words: DocWords) -> bool:
    """Whether a date's root ``token`` hangs (within two arcs, crossing no other verb) on an
    anchor. (The root of the parse is its own head, so it is looked at again as its own
    parent, as the code this replaced did.)"""
    cur = token
    for _ in range(2):
        if cur in anchors:
            return True
        parent = words.head[cur]
        if parent in anchors:
            return True
        if parent in others or words.pos[parent] in ("VERB", "AUX"):
            return False
        cur = parent
    return False


def event_offset(text: str) -> int | None:
    """Signed days from the anchored event to the other one: "tres días después" -> -3."""
    match = _OFFSET.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    numbers = language_data()["numbers"]
    n = int(word) if word.isdigit() else numbers.get(word)
    if n is None:
        return None
    days = n * (7 if match.group(2).lower().startswith("semana") else 1)
    return -days if match.group(3).lower().startswith("despu") else days


def anchored_inner(m: EventMention, index: DocIndex) -> Timex | None:
    """For the event of "tres días después de que X", the event-anchored timex before it."""
    if not index.event_anchored:
        return None  # (no such timex in the document: nothing to look for)
    for i in range(max(index.words.sent(m.head)[0], m.start - 14), m.start):
        tx = index.timex_of.get(i)
        if tx is None or tx.anchor != "event":
            continue
        if "que" in index.words.low[i:m.start] and event_offset(tx.text) is not None:
            return tx
    return None


def shift(value_date: dt.date, days: int) -> dt.date:
    return value_date + dt.timedelta(days=days)


def mention_actors(doc: Doc, m: EventMention, index: DocIndex, lex: Lexicon) -> tuple[set[str], set[str]]:
    """(all participants, partners) of a mention: subject plus con/entre/por/de complements."""
    words = index.words
    pos = words.pos
    regions: list[int] = []  # token indices whose subtrees name participants
    partners: set[str] = set()
    partner_heads: set[str] = set()
    verb = m.anchor if pos[m.anchor] in ("VERB", "AUX") else None
    if verb is not None and not m.frame:
        regions += _subjects(verb, words, "reflexive" in m.attrs) or _topic(verb, words, index)
    elif (m.kind in _OWNED_KINDS and m.attrs.get("det") == "possessive") or m.frame:
        # "durante su visita a X", "destacó su reunión con X": its owner is the one the clause is
        # about; "Durante la reunión de ministros del G20, el canciller enfatizó": who speaks in
        # its frame took part
        governor = governing_verb(m.head, words)
        subjects = _subjects(governor, words) if governor is not None else []
        if governor is not None and m.attrs.get("det") == "possessive" and not any(
                _ids_in(c, index) for c in subjects):  # "En su encuentro con X, se revisó la agenda":
            subjects = _topic(governor, words, index)  # "su" is the one told before
        regions += subjects
    complements = []
    holders = [m.head] + ([verb] if verb is not None and verb != m.head else [])
    case_of = words.case_of
    for tok in holders:
        is_verb = verb is not None and tok == verb
        for c in words.children[tok]:
            cases = case_of[c]
            if cases and (not cases.isdisjoint(WITH) or ("por" in cases and is_verb) or (
                    not cases.isdisjoint(_OF) and tok == m.head and m.kind in _OF_KINDS)):
                complements.append(c)
            elif is_verb and m.pos == "verb" and words.low[tok].startswith("recib") and (
                    words.dep[c] in ("obj", "obl") and (cases & {"a", "al"} or not cases)):
                complements.append(c)
    for c in words.children[m.head]:  # "la ceremonia encabezada por el presidente X"
        if words.dep[c] in ("acl", "amod") and lex.has_at("joins_agent", words, c):
            complements += [g for g in words.children[c] if "por" in case_of[g]]
    complements = [c for c in complements if not m.start <= c < m.end]  # "hablar por teléfono"
    if m.kind in _OF_KINDS and not any(case_of[c] & _OF for c in complements):
        partners |= _of_right_after(m, index)
    lo, hi = 0, len(doc)
    if "split" in m.attrs:  # "..., así como con Y": this event's partner is Y
        lo, hi = m.attrs["split"], m.attrs.get("until", words.sent(m.head)[1])
        complements = [lo]
        regions = [r for r in regions if r < m.head]
    elif "until" in m.attrs:
        hi = m.attrs["until"]
    unnamed = False
    for c in complements:
        ids = _ids_in(c, index, lo, hi) if "split" not in m.attrs else _ids_range(lo, hi, index)
        if ids:
            partners |= ids
        elif pos[c] == "PROPN" or (pos[c] == "NOUN" and (  # someone not resolved: "~~" plural
                lex.has_at("person_head", words, c) or "Plur" in feats(words.tokens[c], "Number"))):
            plural = "Plur" in feats(words.tokens[c], "Number")  # "con empresarios"; not "con el objetivo de"
            partner_heads.add(("~" if plural else "") + words.view.lemmas[c].lower())
        elif not words.case_of[c].isdisjoint(WITH):
            unnamed = True  # someone not named ("con el tabasqueño")
        regions.append(c)
    if unnamed and not partners and not partner_heads:
        partner_heads.add("?")
    actors: set[str] = set(partners)
    for r in regions:
        if r not in complements:
            actors |= _ids_in(r, index, 0, len(doc))
    if verb is not None and lex.has_at("joins_subj", words, verb):  # "En la sesión participaron:"
        actors |= listed_after_colon(verb, index)
    return actors, partners | {f"~{h}" for h in partner_heads}


def listed_after_colon(verb: int, index: DocIndex) -> set[str]:
    """Who a list after a colon names when the verb's line ends in that colon ("En la sesión
    participaron también:" and one line per person, "- Roberto Velasco, jefe de Unidad ..."):
    the participants named at the head of each item, before its first comma."""
    words, text = index.words, index.words.text
    at = words.idx[verb]
    line_end = text.find("\n", at)
    line = text[at:len(text) if line_end < 0 else line_end].rstrip()
    if not line.endswith(":") or "." in line:
        return set()
    colon = at + len(line) - 1

    def names_someone(start: int, end: int) -> bool:
        span = words.char_span(start, end)
        return span is not None and span[0] < span[1] and span[0] in index.actors_of

    found: set[str] = set()
    for item in list_items(text, colon, names_someone)[0]:
        comma = text.find(",", item.start, item.end)
        span = words.char_span(item.start, item.end if comma < 0 else comma)
        if span is not None:
            found |= _ids_range(*span, index)
    return found


def _of_right_after(m: EventMention, index: DocIndex) -> set[str]:
    """Who a "de" phrase right after a visit or call names ("visita de Estado del presidente X
    a Alemania"), read on the words when the parse hangs it elsewhere: up to the next
    punctuation, verb or preposition other than "de"."""
    words = index.words
    n, j = len(words.texts), m.end
    if j >= n or words.low[j] not in _OF:
        return set()
    end = j + 1
    while end < min(n, j + 9) and not words.is_punct(end) and words.pos[end] not in ("VERB", "AUX") \
            and not (words.pos[end] == "ADP" and words.low[end] not in _OF):
        end += 1
    return _ids_range(j + 1, end, index)


def _subjects(verb: int, words: DocWords, pronominal: bool = False) -> list[int]:
    """The subject of a verb; for one without its own, the subject of the verb it depends on
    or is coordinated with ("Trump dijo que tuvo una conversación", "acordaron reunirse",
    "X será recibido por Y y se reunirá con Z", "X viajará a Lima, donde se reunirá con Y"),
    unless a "se" makes the verb impersonal ("y se firmó"): ``pronominal`` says the verb's "se"
    is its own ("reunirse"). Token indices."""
    cur = verb
    for step in range(2):
        found = [c for c in words.children[cur] if words.dep[c] in ("nsubj", "nsubj:pass")
                 and not _in_a_later_paragraph(c, cur, words)]  # a caption below is no subject
        if len(found) > 1:  # a parse error (coordinated subjects hang on one): the nearest
            found = [min(found, key=lambda c: abs(c - cur))]
        if found:
            return found
        if opens_place_relative(cur, words):
            host = governing_verb(cur, words)  # "viajará a Nueva York, donde se reunirá con X"
        elif words.dep[cur] in ("ccomp", "xcomp", "conj") or (
                words.dep[cur] == "advcl" and "Inf" in feats(words.tokens[cur], "VerbForm")):
            host = words.head[cur]
            if words.dep[cur] == "conj" and "Part" in feats(words.tokens[host], "VerbForm") \
                    and "Fin" in feats(words.tokens[cur], "VerbForm"):
                host = governing_verb(host, words)  # "encabezará un desayuno organizado por X, y
                # sostendrá ...": a finite verb is not coordinated with a participle
        else:
            return []
        if host is None or host == cur or words.pos[host] not in ("VERB", "AUX"):
            return []
        if not (pronominal and step == 0) and any(words.low[c] == "se" for c in words.children[cur]):
            return []
        cur = host
    return []


def _in_a_later_paragraph(token: int, verb: int, words: DocWords) -> bool:
    """Whether ``token`` is in a paragraph after ``verb``'s: a parse that joined two paragraphs
    (a subject told before, in the paragraph above, is left: Spanish drops a known subject)."""
    return token > verb and "\n\n" in words.text[words.idx[verb]:words.idx[token]]


def _topic(verb: int, words: DocWords, index: DocIndex) -> list[int]:
    """Spanish drops a subject told before ("El canciller llegó a Madrid. Se reunirá con ..."):
    for the main verb of a sentence, finite, third person singular and without a subject, the
    subjects of the main verbs of the sentence before that name participants (else of the one
    before that). Token indices."""
    tok = words.tokens[verb]
    if words.dep[verb] != "ROOT" or "Fin" not in feats(tok, "VerbForm") or "3" not in feats(tok, "Person") \
            or "Sing" not in feats(tok, "Number"):
        return []  # under another verb: that one's subject (_subjects); plural: inherit_plural_actors
    k = words.sent_of[verb]
    for back in (k - 1, k - 2):
        if back < 0:
            return []
        start, end = words.sents[back]
        found = [c for r in range(start, end) if words.dep[r] == "ROOT" and words.pos[r] in ("VERB", "AUX")
                 for c in _subjects(r, words) if _ids_in(c, index)]
        if found:
            return found
    return []


def _ids_in(token: int, index: DocIndex, lo: int = 0, hi: int = 1 << 30) -> set[str]:
    """The actor ids mentioned in the first 40 tokens of the subtree of ``token`` that lie in
    ``[lo, hi)``."""
    ids: set[str] = set()
    if not index.actors_of:
        return ids  # no participant in the document: no subtree to walk
    for i in index.words.subtree(token, 40):
        if lo <= i < hi:
            ids |= index.actors_of.get(i, set())
    return ids


def _ids_range(lo: int, hi: int, index: DocIndex) -> set[str]:
    ids: set[str] = set()
    for i in range(lo, hi):
        ids |= index.actors_of.get(i, set())
    return ids
