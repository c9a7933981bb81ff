"""Event mentions: trigger words of interaction found in a parsed ``Doc``.

Pure helpers of the events stage (:mod:`pipeline.events`), reading the
:class:`~pipeline.events_lexicon.Lexicon` compiled once from ``models/events/``;
:func:`find_mentions` returns one :class:`EventMention` per trigger occurrence, marked
``strong`` when it introduces an event (a support verb, a name, an indefinite article, a
verb of meeting) or weak when it can only refer back to one ("la llamada", "dicha reunión").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from .events_lexicon import Lexicon, lem, low, word_matches

_DEMONSTRATIVE = {"este", "esta", "estos", "estas", "ese", "esa", "dicho", "dicha", "aquel",
                  "aquella", "mismo", "misma"}
_POSSESSIVE = {"su", "sus", "mi", "mis", "nuestro", "nuestra"}
_INDEFINITE = {"un", "una", "unos", "unas", "otro", "otra", "nuevo", "nueva"}
_ROMAN = set("ivxlc")
#: Title lines are looked for in the first characters of a document only.
HEADLINE_ZONE = 400
_NAME_STOP = {"en", "con", "para", "que", "entre", "por", "a", "al", "sobre", "durante", "donde",
              "cuyo", "cuya", "el", "y"}


@dataclass
class EventMention:
    """One trigger occurrence and what the text says around it."""

    kind: str
    head: int  # token index of the trigger's main word
    start: int  # token span of the trigger phrase
    end: int
    pos: str  # noun | verb
    sent: int  # sentence index
    anchor: int  # governing (support) verb or the verb trigger; == head when none
    strong: bool = False
    indefinite: bool = False
    frame: bool = False  # "durante su visita": frames another event
    named: bool = False
    name: tuple[int, int] | None = None  # token span of the name
    support: int | None = None
    status: str = "held"
    status_known: bool = True
    headline: bool = False  # in a title line: may refer forward to the body's event
    distinct: bool = False  # "la conversación anterior": another event than the one at hand
    conj_of: int | None = None  # head of the trigger it is coordinated with
    attrs: dict[str, Any] = field(default_factory=dict)


def _negated(token: Token) -> bool:
    return any(low(c) in ("no", "nunca") for c in token.children)


def _morph_has(token: Token, key: str, value: str) -> bool:
    return value in token.morph.get(key)


def _in_headline(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is in a title line: a short line with no final full stop."""
    text = doc.text
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    return (bool(line) and start < HEADLINE_ZONE and not line.endswith((".", ":"))
            and len(line.split()) <= 20 and end < len(text))


def _excluded(doc: Doc, lex: Lexicon) -> set[int]:
    covered: set[int] = set()
    for i, token in enumerate(doc):
        for words in lex.excludes:
            n = len(words)
            if i + n <= len(doc) and all(word_matches(doc[i + k], words[k]) for k in range(n)):
                covered.update(range(i, i + n))
    return covered


def _match_trigger(doc: Doc, i: int, lex: Lexicon) -> tuple[int, str, str, str] | None:
    """(end, pos, kind, requires) of the longest trigger starting at token ``i``."""
    token = doc[i]
    keys = {low(token), lem(token)} | {p for p in lex.prefixes if low(token).startswith(p[:-1])}
    for key in keys:
        for words, pos, kind, requires in lex.triggers.get(key, []):
            n = len(words)
            if i + n > len(doc):
                continue
            if not all(word_matches(doc[i + k], words[k]) for k in range(n)):
                continue
            if pos == "verb" and token.pos_ not in ("VERB", "AUX") and not (
                    token.pos_ == "ADJ" and _morph_has(token, "VerbForm", "Part")):
                continue
            if pos == "noun" and token.pos_ not in ("NOUN", "PROPN"):
                continue
            return i + n, pos, kind, requires
    return None


def _determiner(head: Token, start: int | None = None) -> str:
    """indefinite | demonstrative | possessive | definite | bare, from the words before the noun."""
    doc = head.doc
    i = (head.i if start is None else start) - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and low(doc[i]) not in _DEMONSTRATIVE | _INDEFINITE:
        i -= 1
    word = low(doc[i]) if i >= 0 else ""
    if word in _INDEFINITE:
        return "indefinite"
    if word in _DEMONSTRATIVE:
        return "demonstrative"
    if word in _POSSESSIVE:
        return "possessive"
    if any(c.dep_ == "det" and c.i < head.i for c in head.children) or word in (
            "el", "la", "los", "las", "del", "al"):
        return "definite"
    return "bare"


def _is_ordinal(token: Token) -> bool:
    text = token.text.rstrip(".ªº°")
    return bool(text) and (text.isdigit() or (set(text.lower()) <= _ROMAN and text.isupper()))


def _name_span(head: Token, start: int, end: int) -> tuple[int, int] | None:
    """Token span of an event name ("XXI Reunión de Cancilleres de la Celac"), if any."""
    doc = head.doc
    first = start
    if first > 0 and _is_ordinal(doc[first - 1]) and (
            not doc[first - 1].text.isdigit() or doc[start].text[:1].isupper()):
        first -= 1
    capital = doc[start].text[:1].isupper() and start > doc[start].sent.start
    last = end
    proper = False
    i = end
    depth = 0
    while i < len(doc) and i - end < 14:
        t = doc[i]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                break
            depth -= 1
            last = i + 1
            i += 1
            continue
        if depth:
            i += 1
            continue
        if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or (t.sent.start != head.sent.start):
            break
        if low(t) in _NAME_STOP:
            break
        if i - end < 3 and (t.pos_ == "PROPN" or (t.text[:1].isupper() and t.i > t.sent.start)
                            or t.text.isupper()):
            proper = True
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or t.text[:1].isupper():
            last = i + 1
        i += 1
    if proper or first < start or (capital and last > end):
        return (first, max(last, end))
    return None


def _support(head: Token, lex: Lexicon, own_only: bool = False) -> Token | None:
    """The verb (or noun) that makes a trigger noun an event: 'sostuvo una reunión'."""
    node = head
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        node = head.head
    for child in node.children:  # "celebrada ayer", "la reunión que sostuvieron"
        if child.dep_ in ("acl", "acl:relcl", "amod") and child.i > node.i and (
                lex.has("support", child) or lex.has("planned_adj", child)) and not _locative(child):
            return child
    if own_only:
        return None
    cur = node
    for _ in range(3):
        parent = cur.head
        if parent is cur:
            break
        if parent.pos_ in ("VERB", "AUX") and lex.has("support", parent):
            if cur.dep_ == "obl" and lex.has("support_obl", parent):
                return parent
            if {low(c) for c in cur.children if c.dep_ == "case"} - {"a", "al"}:  # "participar en"
                return parent if lex.has("support_obl", parent) else None  # "En la reunión ... se
                # acordó": a setting, not what was done
            if cur.dep_ in ("obj", "iobj", "nsubj:pass"):
                return parent
            if cur.dep_ == "nsubj" and (lex.has("support_subj", parent) or any(
                    low(c) == "se" or c.dep_ in ("aux:pass", "expl:pass") for c in parent.children)):
                return parent
            return None
        if parent.pos_ in ("ADJ", "VERB") and lex.has("planned_adj", parent) and cur.dep_.startswith("nsubj"):
            return parent
        if parent.pos_ in ("NOUN", "PROPN") and lex.has("support_noun", parent):
            return parent
        if parent.pos_ in ("VERB", "AUX") or cur.dep_ not in ("nmod", "appos", "flat", "compound"):
            break
        cur = parent
    return None


def _support_before_aside(doc: Doc, m: EventMention, lex: Lexicon) -> Token | None:
    """"la próxima celebración, a principios de noviembre en Madrid, de la Comisión Mixta": a
    support noun whose "de" complement comes after an aside between commas (parse-independent)."""
    i = m.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i < 1 or low(doc[i]) not in ("de", "del") or doc[i - 1].text != ",":
        return None
    j = i - 2
    while j > max(doc[m.start].sent.start, i - 14) and doc[j].text != ",":
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (".", ";", ":"):
            return None
        j -= 1
    if j <= 0 or doc[j].text != ",":
        return None
    return doc[j - 1] if lex.has("support_noun", doc[j - 1]) else None


def _locative(clause: Token) -> bool:
    """"su visita a Lima, donde sostuvo ...", "la cumbre en la que participó": a relative clause
    telling what happened at the event, not the verb that makes it one."""
    for c in clause.children:
        if low(c) in ("donde", "cuando") or (c.pos_ == "PRON" and any(
                low(x) in ("en", "durante") for x in c.children if x.dep_ == "case")):
            return True
    return False


def governing_verb(head: Token) -> Token | None:
    """The first verb or auxiliary up to three steps above ``head`` in the parse."""
    cur = head
    for _ in range(3):
        parent = cur.head
        if parent is cur:
            return None
        if parent.pos_ in ("VERB", "AUX"):
            return parent
        cur = parent
    return None


def _settled_tense(verb: Token | None) -> bool:
    """Past, future, conditional, infinitive or participle: not a generic present."""
    if verb is None:
        return False
    tense, mood, form = verb.morph.get("Tense"), verb.morph.get("Mood"), verb.morph.get("VerbForm")
    return bool({"Past", "Imp", "Fut"} & set(tense) or "Cnd" in mood or {"Inf", "Part", "Ger"} & set(form))


def _has_person_object(verb: Token, lex: Lexicon, person_tokens: set[int]) -> bool:
    doc = verb.doc
    for i in range(verb.i + 1, min(len(doc), verb.i + 9)):
        t = doc[i]
        if t.text in (".", ";") or (t.pos_ == "VERB" and i > verb.i + 1):
            return False
        if low(t) in ("a", "al", "por"):
            for j in range(i + 1, min(len(doc), i + 5)):
                if j in person_tokens or lex.has("person_head", doc[j]) or doc[j].ent_type_ == "PER":
                    return True
    return False


def _reflexive(verb: Token) -> bool:
    if low(verb).endswith(("se", "nos")) or low(verb).startswith("reunid"):
        return True
    doc = verb.doc
    return any(low(doc[j]) in ("se", "nos", "me", "te", "os") for j in range(max(0, verb.i - 3), verb.i))


def _has_object(verb: Token) -> bool:
    if any(c.dep_ in ("obj", "nsubj:pass") or (c.dep_ == "nsubj" and c.i > verb.i) for c in verb.children):
        return True
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "DET")


def _has_agent_or_destination(head: Token, lex: Lexicon, person_tokens: set[int]) -> bool:
    for child in head.children:
        if child.i < head.i:
            continue
        case = {low(c) for c in child.children if c.dep_ == "case"}
        if case & {"a", "al", "en"} and (child.pos_ == "PROPN" or child.ent_type_ in ("LOC", "GPE")):
            return True
        if case & {"de", "del"} and (child.i in person_tokens or child.ent_type_ == "PER"
                                     or lex.has("person_head", child)):
            return True
    return False


def find_mentions(doc: Doc, lex: Lexicon, person_tokens: set[int]) -> list[EventMention]:
    """Every trigger occurrence in ``doc``, in order, with strength and structure."""
    excluded = _excluded(doc, lex)
    sent_index = {}
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_index[i] = n
    mentions: list[EventMention] = []
    i = 0
    while i < len(doc):
        found = None if i in excluded else _match_trigger(doc, i, lex)
        if found is None:
            i += 1
            continue
        end, pos, kind, requires = found
        head = doc[i:end].root if pos == "noun" and end - i > 1 else doc[i]
        m = EventMention(kind=kind, head=head.i, start=i, end=end, pos=pos,
                         sent=sent_index.get(i, 0), anchor=head.i)
        m.headline = _in_headline(doc, i)
        if pos == "verb":
            ok = ((requires != "reflexive" or _reflexive(head))
                  and (requires != "object" or _has_object(head))
                  and (requires != "person_object" or _has_person_object(head, lex, person_tokens)))
            if ok:
                m.strong = not m.headline
                mentions.append(m)
        else:
            _noun_mention(m, head, requires, lex, person_tokens)
            mentions.append(m)
        if m.strong:
            mentions += _split_coordinated(doc, m)
        i = end
    return mentions


def _split_coordinated(doc: Doc, m: EventMention) -> list[EventMention]:
    """ "se reunirá con X, así como con Y" / "con X, y con Y": one more event per partner
    introduced again by its own preposition; each partner's phrase ends at the next one or
    at the next verb ("..., y se reunirá con Z")."""
    extra = []
    sent_end = doc[m.head].sent.end
    i = m.end
    while i < min(sent_end, m.end + 40) - 2:
        nxt = low(doc[i + 1])
        again = (low(doc[i]) == "así" and nxt == "como" and low(doc[i + 2]) in ("con", "por")) or (
            doc[i].text == "," and nxt == "y" and low(doc[i + 2]) in ("con", "por"))
        if again:
            clone = EventMention(kind=m.kind, head=m.head, start=m.start, end=m.end, pos=m.pos,
                                 sent=m.sent, anchor=m.anchor, strong=True, support=m.support,
                                 status=m.status, indefinite=m.indefinite, frame=m.frame)
            clone.attrs["split"] = i + 2
            clone.attrs["comma"] = doc[i].text == ","
            clone.distinct = True
            m.attrs.setdefault("until", i)
            extra.append(clone)
            i += 3
            continue
        if doc[i].text in (";", ".") or (doc[i].pos_ in ("VERB", "AUX") and i > m.end + 1 and extra):
            until = i
            while extra and until > extra[-1].attrs["split"] and low(doc[until - 1]) in ("se", "y", ","):
                until -= 1
            if extra:
                extra[-1].attrs["until"] = until
            break
        i += 1
    for a, b in zip(extra, extra[1:]):
        a.attrs["until"] = b.attrs["split"] - 2
    return extra


def _noun_mention(m: EventMention, head: Token, requires: str, lex: Lexicon,
                  person_tokens: set[int]) -> None:
    doc = head.doc
    det = _determiner(head, m.start)
    m.indefinite = det == "indefinite"
    case = {low(c) for c in head.children if c.dep_ == "case"}
    prev = doc[m.start - 1] if m.start > 0 else None
    prev2 = doc[m.start - 2] if m.start > 1 else None
    before = [prev, prev2]
    if prev is not None and prev.pos_ == "DET" and m.start > 2:  # "después de la reunión"
        before.append(doc[m.start - 3])
    frame_words = {low(t) for t in before if t is not None}
    frames = set(lex.cues.get("frame", {}))
    m.frame = bool(case & frames or frame_words & frames)
    support = _support(head, lex, own_only=m.frame) or _support_before_aside(doc, m, lex)
    m.support = support.i if support is not None else None
    if support is not None and support.pos_ in ("VERB", "AUX"):
        m.anchor = support.i
    elif support is not None:  # "presidirá los trabajos de la Comisión": the verb of the noun
        verb = governing_verb(support)
        if verb is not None:
            m.anchor = verb.i
    name = _name_span(head, m.start, m.end)
    if name is not None and requires not in ("support",):
        m.named, m.name = True, name
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        m.conj_of = head.head.i
    modifiers = [c for c in head.children if c.i > m.start - 3]
    m.distinct = any(lex.has("distinct_adj", c) for c in modifiers)
    planned_mod = any(lex.has("planned_adj", c) or lex.has("held_adj", c) for c in modifiers)
    holders = [head] + ([support] if support is not None and support.pos_ in ("VERB", "AUX") else [])
    partners = any({low(x) for x in c.children if x.dep_ == "case"} & {"con", "entre"}
                   for h in holders for c in h.children if c.dep_ in ("nmod", "obl") and c.i > h.i)
    plural = "Plur" in head.morph.get("Number")
    agent = m.kind == "visit" and (det == "possessive" or _has_agent_or_destination(head, lex, person_tokens))
    if support is not None:
        m.strong = not (det == "bare" and plural and not partners)
    elif requires in ("support", "named"):
        m.strong = requires == "named" and m.named
    elif m.named or agent or planned_mod:
        m.strong = True
    elif m.indefinite and head.dep_ != "appos" and (m.frame or _settled_tense(governing_verb(head))):
        m.strong = True
    elif partners and det in ("definite", "bare", "possessive"):
        m.strong = True
    if det == "demonstrative" or (support is not None and _negated(support)):
        m.strong = False  # "esta reunión", "dicho encuentro"; "no se realizó"
    governor = governing_verb(head)
    if m.indefinite and (any(c.dep_ == "cop" for c in head.children)
                         or (governor is not None and lem(governor) == "tratar")):
        m.strong = False  # "se trataba de un encuentro informal": says what an event was
    if m.headline:
        m.strong = False
    m.attrs["det"] = det
    m.attrs["scope"] = frozenset(lem(t) for t in [*doc[m.start:m.end], *head.children]
                                 if lex.has("scope_adj", t))
