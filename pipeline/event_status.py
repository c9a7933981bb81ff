"""Status of an event mention (held, planned, cancelled) from tense, mood and cue words.

Pure helpers of the events stage (:mod:`pipeline.events`): they read the parse of the
sentence around a trigger and the cue classes of ``models/events/cues.csv``
(``cancel_verb``, ``cancel_noun``, ``planned_verb``, ``planned_adj``, ``held_adj`` and the
``status`` column of ``support`` verbs).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from .events_detect import EventMention
from .events_syntax import governing_verb
from .events_lexicon import Lexicon
from .events_words import DocWords
from .docparse import feats


def _morph(token: Token, key: str) -> str:
    values = feats(token, key)
    return values[0] if values else ""


def _tense_or_mood(i: int, words: DocWords) -> bool:
    """Whether token ``i`` is in the future tense or the conditional mood."""
    token = words.tokens[i]
    return _morph(token, "Tense") == "Fut" or _morph(token, "Mood") == "Cnd"


def _future_auxiliary(verb: int, words: DocWords) -> bool:
    """An auxiliary of the verb at token ``verb`` in the future or the conditional: "va a
    reunirse", "habrá de", "podría reunirse"."""
    return any(words.dep[c] in ("aux", "aux:pass", "cop") and _tense_or_mood(c, words) for c in words.children[verb])


def verb_is_future(verb: int, words: DocWords) -> bool:
    """Future or conditional indicative, or present subjunctive ("cuando se realice"), of the
    verb at token ``verb``."""
    token = words.tokens[verb]
    tense, mood = _morph(token, "Tense"), _morph(token, "Mood")
    if tense == "Fut" or mood == "Cnd":
        return True
    if mood == "Sub" and tense == "Pres":
        return True
    return _future_auxiliary(verb, words)  # analytic forms: "va a reunirse", "tendrían que"


def _governs_infinitive(verb: int, lex: Lexicon, words: DocWords) -> bool:
    """An infinitive whose governor plans it: "convinieron en convocar", "acordaron reunirse"."""
    cur = verb
    for _ in range(3):
        if _morph(words.tokens[cur], "VerbForm") != "Inf":
            return False
        marks = {words.low[c] for c in words.children[cur] if words.dep[c] in ("mark", "case")}
        parent = words.head[cur]  # (the root, its own head, is looked at as its parent)
        if "a" in marks and words.pos[parent] in ("NOUN", "PROPN"):
            return True  # "Cumbre ..., a realizarse el próximo mes"
        if lex.has_at("planned_verb", words, parent) or verb_is_future(parent, words):
            return True
        if "para" in marks:
            return False
        cur = parent
    return False


def _agreed_clause(verb: int, lex: Lexicon, words: DocWords) -> bool:
    """A "que" clause of a verb that plans ("Se acordó que la Comisión sesione dos veces al
    año"): what was agreed is to come, whatever mood the model reads in it."""
    return words.dep[verb] in ("ccomp", "csubj") and any(
        words.dep[c] == "mark" and words.low[c] == "que" for c in words.children[verb]) \
        and lex.has_at("planned_verb", words, words.head[verb])


def _canceller(m: EventMention, lex: Lexicon, words: DocWords) -> int | None:
    """The token that cancels or postpones the mention's event (a ``cancel_verb`` or
    ``cancel_noun`` cue over it or shortly around it), None when none does."""
    if m.support is not None and lex.has_at("cancel_verb", words, m.support):
        return m.support
    parent = words.head[m.head]  # "canceló la visita", "la cancelación del encuentro", "fue cancelado"
    if not m.frame and parent != m.head and (lex.has_at("cancel_verb", words, parent)
                                             or lex.has_at("cancel_noun", words, parent)) \
            and not words.negated(parent) and "por" not in words.case_of[m.head]:
        return parent  # (not "fue reemplazada por una llamada": the call took its place)
    dep = words.dep
    for tok in (m.head, m.anchor):
        for child in words.children[tok]:  # (the cheaper test first)
            if dep[child] in ("acl", "amod", "conj", "advcl") and lex.has_at("cancel_verb", words, child):
                return child
    sent_start, sent_end = words.sent(m.head)
    texts = words.texts
    for i in range(m.end, min(sent_end, m.end + 15)):
        # "El encuentro programado para ... fue cancelado" (parse-independent)
        if texts[i] in (".", ";") or "\n" in texts[i]:
            break
        if i > 0 and words.lem[i - 1] == "ser" and lex.has_at("cancel_verb", words, i):
            return i
    # "la cancelación del que sería su primer encuentro": a cancel noun just before
    return next((i for i in range(max(sent_start, m.start - 6), m.start) if lex.has_at("cancel_noun", words, i)),
                None)


def _after_frame(verb: int, lex: Lexicon, words: DocWords) -> bool:
    """"tras reunirse", "al reunirse", "después de reunirse": a past frame, not a plan."""
    before = set(words.low[max(0, verb - 3):verb])
    return bool(before & (set(lex.cues.get("frame", {})) | {"al"}))


def mention_status(m: EventMention, lex: Lexicon, words: DocWords) -> str:
    """``held``, ``planned`` or ``cancelled`` for one mention (tokens read through ``words``)."""
    cancel = _canceller(m, lex, words)
    if cancel is not None:
        if lex.has_at("postpone", words, cancel):
            m.attrs["postponed_by"] = cancel  # (a new date of its own makes it planned: events_attach)
        return "cancelled"
    pos, dep = words.pos, words.dep
    support = m.support
    if support is not None and lex.status_at("support", words, support) == "planned" \
            and not _after_frame(support, lex, words):
        return "planned"
    for i in range(m.end, min(len(pos), m.end + 12)):  # "la Cumbre ..., a realizarse en junio"
        if words.texts[i] in (".", ";") or words.space[i]:
            break
        if words.low[i - 1] == "a" and lex.has_at("support", words, i) \
                and "Inf" in feats(words.tokens[i], "VerbForm"):
            return "planned"
    children = words.children[m.head]
    if lex.any_at("planned_adj", words, children) or (
            support is not None and (lex.has_at("planned_adj", words, support) or (
                pos[support] in ("NOUN", "PROPN")
                and lex.any_at("planned_adj", words, words.children[support])))):
        return "planned"  # "la próxima reunión", "la próxima celebración de la Comisión"
    if lex.any_at("held_adj", words, children):
        return "held"
    if any(dep[c] == "cop" and _morph(words.tokens[c], "Tense") == "Fut" for c in children):
        return "planned"  # "Será la primera visita de Estado ...": what the event will be (not "sería",
        # told of a past one)
    verb = m.anchor if pos[m.anchor] in ("VERB", "AUX") else None
    if verb is None and m.frame is False and dep[m.head] in ("nsubj", "nsubj:pass"):
        parent = words.head[m.head]
        verb = parent if pos[parent] in ("VERB", "AUX", "ADJ") else None
        if verb is not None and lex.has_at("planned_verb", words, verb) and (
                dep[m.head] == "nsubj:pass" or any(words.low[c] == "se" for c in words.children[verb])):
            return "planned"  # "se prevé la visita del secretario" (not "esta reunión busca dar ...")
    if verb is not None and dep[verb].startswith("acl") and words.head[verb] == m.head \
            and _morph(words.tokens[verb], "Tense") == "Pres":
        governor = governing_verb(m.head, words)  # "participará en la Asamblea, que comienza el 22":
        if governor is not None and governor != verb and verb_is_future(governor, words):
            return "planned"  # the present of the relative says less than the verb it hangs on
    if verb is not None:
        if verb_is_future(verb, words) or _governs_infinitive(verb, lex, words) \
                or _agreed_clause(verb, lex, words):
            return "planned"
        token = words.tokens[verb]
        if m.pos == "noun" and _morph(token, "Tense") == "Pres" and _morph(token, "Mood") == "Ind":
            m.status_known = False  # "la reunión ocurre mientras ...": says nothing of when
            return "held"
        if _morph(token, "VerbForm") == "Inf" and not _after_frame(verb, lex, words):
            return "planned"  # "listo para realizar", "acordaron reunirse"
    for c in children:  # "la Cumbre, que se celebrará en México"
        if dep[c] in ("acl", "acl:relcl") and pos[c] in ("VERB", "AUX") and _tense_or_mood(c, words):
            return "planned"
    intro = m.attrs.get("list_intro") if verb is None else None
    if intro is not None:  # "La agenda en Tokio incluye:" and "- una reunión con el ministro X"
        return "held" if _morph(words.tokens[intro], "Tense") == "Past" else "planned"
    governor = governing_verb(m.head, words)
    if m.pos == "noun" and m.support is None and governor is not None and (
            _morph(words.tokens[governor], "Tense") == "Fut"
            or (_future_auxiliary(governor, words) and _set_in(m.head, governor, lex, words))):
        return "planned"  # "serán aprobados en su cumbre del 18 de septiembre", "podría reunirse con X
        # en el marco de la Cumbre" (not "a quien vería en la Cumbre": a past plan, told in the conditional)
    if m.pos == "noun" and (m.support is None or m.support != m.anchor) and not (
            support is not None and verb is not None and _at_support(support, verb, lex, words)):
        m.status_known = False  # no verb of its own ("la realización de X"): tense says little
    return "held"  # ("expuso en la inauguración de la Cumbre": what was done at it tells)


def _set_in(noun: int, verb: int, lex: Lexicon, words: DocWords) -> bool:
    """Whether the event ``noun`` hangs on ``verb`` itself or through a frame noun ("en el marco
    de la Cumbre"): what the verb does happens at it (not "un informe sobre la Cumbre")."""
    cur = words.head[noun]
    while cur != verb and words.pos[cur] == "NOUN" and lex.has_at("frame", words, cur) and words.head[cur] != cur:
        cur = words.head[cur]
    return cur == verb


def _at_support(support: int, verb: int, lex: Lexicon, words: DocWords) -> bool:
    """A past action done at the event's support noun ("expuso en la inauguración de X")."""
    token = words.tokens[verb]
    return (words.head[support] == verb and bool(words.cases(support) & {"en", "durante"})
            and _morph(token, "Tense") == "Past" and _morph(token, "VerbForm") == "Fin"
            and not lex.has_at("speech", words, verb))


def adjust_by_date(status: str, date_start: dt.date | None, date_end: dt.date | None,
                   published: dt.date | None) -> str:
    """A held event dated after publication is planned; a planned one wholly before it, held."""
    if published is None or status == "cancelled":
        return status
    if status == "held" and date_start is not None and date_start > published:
        return "planned"
    if status == "planned" and date_end is not None and date_end < published:
        return "held"
    return status
