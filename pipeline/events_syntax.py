"""Syntax helpers of the events stage: determiners, event names, support verbs and nouns.

Pure functions over the parse (:mod:`pipeline.events_detect` builds mentions with them;
:func:`governing_verb` is shared with :mod:`pipeline.event_status` and
:mod:`pipeline.events_attach`), reading the cue classes of the events
:class:`~pipeline.events_lexicon.Lexicon`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .events_lexicon import Lexicon, low
from .events_words import DocWords

_DEMONSTRATIVE = {"este", "esta", "estos", "estas", "ese", "esa", "dicho", "dicha", "aquel",
                  "aquella", "mismo", "misma"}
_POSSESSIVE = {"su", "sus", "mi", "mis", "nuestro", "nuestra"}
_INDEFINITE = {"un", "una", "unos", "unas", "otro", "otra", "nuevo", "nueva"}
_DEM_OR_INDEF = _DEMONSTRATIVE | _INDEFINITE
_ROMAN = set("ivxlc")
_NAME_STOP = {"en", "con", "para", "que", "entre", "por", "a", "al", "sobre", "durante", "donde",
              "cuyo", "cuya", "el", "y"}


def determiner(head: Token, start: int, words: DocWords) -> str:
    """indefinite | demonstrative | possessive | definite | bare, from the words before the noun
    (the trigger phrase starts at token ``start``)."""
    tokens, low_ = words.tokens, words.low
    i = start - 1
    while i >= 0 and tokens[i].pos_ == "ADJ" and low_[i] not in _DEM_OR_INDEF:
        i -= 1
    word = low_[i] if i >= 0 else ""
    if word in _INDEFINITE:
        return "indefinite"
    if word in _DEMONSTRATIVE:
        return "demonstrative"
    if word in _POSSESSIVE:
        return "possessive"
    if any(words.dep[c] == "det" and c < head.i for c in words.children[head.i]) or word in (
            "el", "la", "los", "las", "del", "al"):
        return "definite"
    return "bare"


def _is_ordinal(token: Token) -> bool:
    text = token.text.rstrip(".ªº°")
    return bool(text) and (text.isdigit() or (set(text.lower()) <= _ROMAN and text.isupper()))


def name_span(head: Token, start: int, end: int, words: DocWords) -> tuple[int, int] | None:
    """Token span of an event name ("XXI Reunión de Cancilleres de la Celac"), if any."""
    tokens, texts = words.tokens, words.texts
    first = start
    if first > 0 and _is_ordinal(tokens[first - 1]) and (
            not texts[first - 1].isdigit() or texts[start][:1].isupper()):
        first -= 1
    capital = texts[start][:1].isupper() and start > words.sent(start)[0]
    sent = words.sent_of[head.i]
    last = end
    proper = False
    i = end
    depth = 0
    while i < len(tokens) and i - end < 14:
        t, text = tokens[i], texts[i]
        if text == "(":
            depth += 1
        elif text == ")":
            if depth == 0:
                break
            depth -= 1
            last = i + 1
            i += 1
            continue
        if depth:
            i += 1
            continue
        if t.is_punct or words.space[i] or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") \
                or words.sent_of[i] != sent:
            break
        if words.low[i] in _NAME_STOP:
            break
        if i - end < 3 and (t.pos_ == "PROPN" or (text[:1].isupper() and i > words.sent(i)[0])
                            or text.isupper()):
            proper = True
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or text[:1].isupper():
            last = i + 1
        i += 1
    if proper or first < start or (capital and last > end):
        return (first, max(last, end))
    return None


def support_of(head: Token, lex: Lexicon, words: DocWords, own_only: bool = False) -> Token | None:
    """The verb (or noun) that makes a trigger noun an event: 'sostuvo una reunión'."""
    pos, dep, up, tokens = words.pos, words.dep, words.head, words.tokens
    node = head.i
    if dep[node] == "conj" and pos[up[node]] in ("NOUN", "PROPN", "ADJ"):
        node = up[node]
    for child in words.children[node]:  # "celebrada ayer", "la reunión que sostuvieron"
        if dep[child] in ("acl", "acl:relcl", "amod") and child > node and (
                lex.has_at("support", words, child) or lex.has_at("planned_adj", words, child)) \
                and not _locative(tokens[child]):
            return tokens[child]
    if own_only:
        return None
    cur = node
    for _ in range(3):
        parent = up[cur]  # (the root, its own head, is looked at as its parent)
        if pos[parent] in ("VERB", "AUX") and lex.has_at("support", words, parent):
            if dep[cur] == "obl" and lex.has_at("support_obl", words, parent):
                return tokens[parent]
            if words.cases(cur) - {"a", "al"}:  # "participar en"
                return tokens[parent] if lex.has_at("support_obl", words, parent) else None  # "En la
                # reunión ... se acordó": a setting, not what was done
            if dep[cur] in ("obj", "iobj", "nsubj:pass"):
                return tokens[parent]
            if dep[cur] == "nsubj" and (lex.has_at("support_subj", words, parent) or any(
                    words.low[c] == "se" or dep[c] in ("aux:pass", "expl:pass")
                    for c in words.children[parent])):
                return tokens[parent]
            return None
        if pos[parent] in ("ADJ", "VERB") and lex.has_at("planned_adj", words, parent) \
                and dep[cur].startswith("nsubj"):
            return tokens[parent]
        if pos[parent] in ("NOUN", "PROPN") and lex.has_at("support_noun", words, parent):
            return tokens[parent]
        if pos[parent] in ("VERB", "AUX") or dep[cur] not in ("nmod", "appos", "flat", "compound"):
            break
        cur = parent
    return None


def support_before_aside(doc: Doc, start: int, lex: Lexicon) -> Token | None:
    """"la próxima celebración, a principios de noviembre en Madrid, de la Comisión Mixta": a
    support noun whose "de" complement comes after an aside between commas (parse-independent)."""
    i = start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i < 1 or low(doc[i]) not in ("de", "del") or doc[i - 1].text != ",":
        return None
    j = i - 2
    while j > max(doc[start].sent.start, i - 14) and doc[j].text != ",":
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
