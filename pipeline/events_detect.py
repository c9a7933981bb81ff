"""Event mentions: trigger words of interaction found in a parsed ``Doc``.

Pure helpers of the events stage (:mod:`pipeline.events`), reading the
:class:`~pipeline.events_lexicon.Lexicon` compiled once from ``models/events/``;
:func:`find_mentions` returns one :class:`EventMention` per trigger occurrence, marked
``strong`` when it introduces an event (a support verb, a name, an indefinite article, a
verb of meeting) or weak when it can only refer back to one ("la llamada", "dicha reunión").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress
from operator import or_
from typing import Any


from .events_lexicon import Lexicon
from .events_words import WITH, DocWords, in_headline, list_intro_verb
from .docparse import feats
from .events_syntax import (attended, calls_on_to_act, determiner, framed_verb, governing_verb, is_ordinal, name_span,
                            ordinal_start, part_of_another, support_before_aside, support_of)


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


def _phrase_at(words: DocWords, i: int, phrase: tuple[str, ...], known: int = 0) -> bool:
    """Whether the words of ``phrase`` match the tokens from ``i`` on (its first ``known``
    words are known to match)."""
    if i + len(phrase) > len(words.low):
        return False
    for k in range(known, len(phrase)):
        if not words.matches(i + k, phrase[k]):
            return False
    return True


def _excluded(words: DocWords, lex: Lexicon, starts: list[int]) -> set[int]:
    """Tokens inside an excluded phrase ("conferencia de prensa"), looked up by first word among
    the ``starts`` of :func:`_starts`; not a body's name after an ordinal, which makes the body
    its session ("la Asamblea General" is the organ, "la 54 Asamblea General" its annual
    session), nor, for an organ of cue class ``session_organ``, after a verb of attending
    ("participar en la Asamblea General de la ONU, que comienza el 22 de septiembre")."""
    by_first, starred = lex.exclude_first, lex.exclude_starred
    covered: set[int] = set()
    for i in range(len(words.low)) if starred else starts:
        for phrase in by_first.get(words.low[i], []) + by_first.get(words.lem[i], []) + starred:
            if _phrase_at(words, i, phrase) and not (i > 0 and words.texts[i][:1].isupper() and (
                    is_ordinal(words.texts[i - 1]) or _attended_session(words, lex, i, phrase))):
                covered.update(range(i, i + len(phrase)))
    return covered


def _attended_session(words: DocWords, lex: Lexicon, i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the name at token ``i`` is an organ whose sessions one attends (cue class
    ``session_organ``: "Asamblea General") after a verb of attending ("participar en la") or a
    planning adjective ("la próxima Asamblea General se celebrará en Paraguay")."""
    if " ".join(phrase) not in lex.cues.get("session_organ", {}):
        return False
    verb = governing_verb(i, words)
    return (i > 0 and lex.has_at("planned_adj", words, i - 1)) or (verb is not None and attended(i, verb, words, lex))


def _starts(words: DocWords, lex: Lexicon) -> list[int]:
    """Tokens whose text or lemma is the first word of a trigger or of an excluded phrase, or
    begins with a trigger's "stem*": the only ones a trigger or an exclusion may start at."""
    # as [i for i in range(n) if low[i] in first_words or lem[i] in first_words or
    # low[i].startswith(stems)], the texts looked up in the lexicon's memo (in C, by map)
    low_ok = map(lex.may_start.__getitem__, words.low)
    return list(compress(range(len(words.low)),
                         map(or_, low_ok, map(lex.first_words.__contains__, words.lem))))


def _match_trigger(words: DocWords, i: int, lex: Lexicon) -> tuple[int, str, str, str] | None:
    """(end, pos, kind, requires) of the longest trigger starting at token ``i``: keyed by its
    text, then its lemma, then the stems it begins with."""
    low_i, lem_i = words.low[i], words.lem[i]
    keys = [low_i] if low_i in lex.triggers else []
    if lem_i != low_i and lem_i in lex.triggers:
        keys.append(lem_i)
    keys += [p for p in lex.prefixes if low_i.startswith(p[:-1])]
    tag = words.pos[i]
    for key in keys:
        # a key without "*" is token i's text or lemma: it matches the phrase's first word (the
        # key), which need not be read again
        known = 0 if key.endswith("*") else 1
        for phrase, pos, kind, requires in lex.triggers[key]:
            if not _phrase_at(words, i, phrase, known):
                continue
            if pos == "verb" and tag not in ("VERB", "AUX") and not (
                    tag == "ADJ" and "Part" in feats(words.tokens[i], "VerbForm")):
                continue
            if pos == "noun" and tag not in ("NOUN", "PROPN"):
                continue
            return i + len(phrase), pos, kind, requires
    return None


def _settled_tense(verb: int | None, words: DocWords) -> bool:
    """Past, future, conditional, infinitive or participle: not a generic present."""
    if verb is None:
        return False
    token = words.tokens[verb]
    tense, mood, form = feats(token, "Tense"), feats(token, "Mood"), feats(token, "VerbForm")
    return bool({"Past", "Imp", "Fut"} & set(tense) or "Cnd" in mood or {"Inf", "Part", "Ger"} & set(form))


def _has_person_object(verb: int, lex: Lexicon, person_tokens: set[int], words: DocWords) -> bool:
    """"recibió al embajador", "será recibido por el rey": a person after "a"/"por" within a few
    words, or a person the parse hangs on the verb with "a" past places and times ("recibió
    este jueves en la sede ..., en la Ciudad de México, a la ministra")."""
    for c in words.children[verb]:
        if words.case_of[c] & {"a", "al"} and words.dep[c] in ("obj", "obl", "iobj") and (
                c in person_tokens or lex.has_at("person_head", words, c)):
            return True
    n, texts, pos = len(words.texts), words.texts, words.pos
    for i in range(verb + 1, min(n, verb + 9)):
        if texts[i] in (".", ";") or (pos[i] == "VERB" and i > verb + 1):
            return False
        if words.low[i] in ("a", "al", "por"):
            for j in range(i + 1, min(n, i + 5)):
                if j in person_tokens or lex.has_at("person_head", words, j) \
                        or words.tokens[j].ent_type_ == "PER":
                    return True
    return False


def _tells_another_act(verb: int, lex: Lexicon, words: DocWords) -> bool:
    """A support by its oblique (``support_obl``) of an event noun ("convocó a una reunión a X": the
    meeting, told once), or a call on someone to act ("convocó a X a sumarse a ...": no meeting)."""
    return (lex.has_at("support_obl", words, verb) and any(
        (found := _match_trigger(words, c, lex)) is not None and found[1] == "noun"
        for c in words.children[verb] if words.case_of[c] & {"a", "al"})) or calls_on_to_act(verb, words)


def _reflexive(verb: int, words: DocWords) -> bool:
    low_ = words.low
    if low_[verb].endswith(("se", "nos")) or low_[verb].startswith("reunid"):
        return True
    return any(low_[j] in ("se", "nos", "me", "te", "os") for j in range(max(0, verb - 3), verb))


#: Indefinite articles: an object after the partner ("firmará con X un memorándum"); not all
#: of events_syntax's indefinite determiners ("otro", "nuevo" open no object here).
_AN = frozenset({"un", "una", "unos", "unas"})


def _has_object(verb: int, words: DocWords) -> bool:
    dep, pos, low_ = words.dep, words.pos, words.low
    if any(dep[c] in ("obj", "nsubj:pass") or (dep[c] == "nsubj" and c > verb) for c in words.children[verb]):
        return True
    j, n = verb + 1, len(dep)
    if j < n and low_[j] == "con":  # "firmará con el canciller X un memorándum" (the parse may hang
        j += 1  # the object on the partner): an indefinite object right after the partner
        while j < min(n, verb + 10) and pos[j] in ("DET", "NOUN", "PROPN", "ADJ") and low_[j] not in _AN:
            j += 1
        return verb + 2 < j < n and low_[j] in _AN  # (not "firmó con una empresa": the partner's article)
    return j < n and pos[j] in ("PROPN", "NOUN", "DET")


def _has_agent_or_destination(head: int, lex: Lexicon, person_tokens: set[int], words: DocWords) -> bool:
    for child in words.children[head]:
        if child < head:
            continue
        case = words.cases(child)
        if case & {"a", "al", "en"} and (words.pos[child] == "PROPN"
                                         or words.tokens[child].ent_type_ in ("LOC", "GPE")):
            return True
        if case & {"de", "del"} and (child in person_tokens or words.tokens[child].ent_type_ == "PER"
                                     or lex.has_at("person_head", words, child)):
            return True
    return False


def find_mentions(lex: Lexicon, person_tokens: set[int], words: DocWords) -> list[EventMention]:
    """Every trigger occurrence in the document of ``words``, in order, with strength
    and structure."""
    starts = _starts(words, lex)
    excluded = _excluded(words, lex, starts)
    mentions: list[EventMention] = []
    end = 0
    for i in starts:
        found = None if i < end or i in excluded else _match_trigger(words, i, lex)
        if found is None:
            continue
        end, pos, kind, requires = found
        head = words.root(i, end) if pos == "noun" and end - i > 1 else i
        m = EventMention(kind=kind, head=head, start=i, end=end, pos=pos,
                         sent=words.sent_of[i], anchor=head)
        m.headline = in_headline(words, i)
        if pos == "verb":
            ok = ((requires != "reflexive" or _reflexive(head, words))
                  and (requires != "object" or _has_object(head, words))
                  and (requires != "person_object" or _has_person_object(head, lex, person_tokens, words))
                  and not _tells_another_act(head, lex, words))
            if ok:
                if requires == "reflexive":
                    m.attrs["reflexive"] = True  # its "se" belongs to the verb ("se reunirá")
                m.strong = not m.headline
                mentions.append(m)
        else:
            _noun_mention(m, head, requires, lex, person_tokens, words)
            mentions.append(m)
        if m.strong:
            mentions += _split_coordinated(words, m)
    return mentions


def _split_coordinated(words: DocWords, m: EventMention) -> list[EventMention]:
    """ "se reunirá con X, así como con Y" / "con X, y con Y": one more event per partner
    introduced again by its own preposition; each partner's phrase ends at the next one or
    at the next verb ("..., y se reunirá con Z")."""
    extra = []
    low_, texts, pos = words.low, words.texts, words.pos
    sent_end = words.sent(m.head)[1]
    i = m.end
    limit = min(sent_end, m.end + 40) - 2
    after = low_[i + 2:limit + 2]
    window = low_[i:limit + 1]
    if not (("con" in after or "por" in after) and (
            "así" in window or "otro" in window or "otra" in window
            or ("," in texts[i:limit] and "y" in low_[i + 1:limit + 1]))):
        return extra  # no "así como con|por", "y otro con" nor ", y con|por" in reach
    while i < limit:
        prep = _partner_again(words, i, limit)
        if prep is not None and m.kind == "signing" and low_[prep] == "por" and "otro" not in window \
                and "otra" not in window:
            prep = None  # "firmado por X, y por Y": both signed the one text
        if prep is not None:
            clone = EventMention(kind=m.kind, head=m.head, start=m.start, end=m.end, pos=m.pos,
                                 sent=m.sent, anchor=m.anchor, strong=True, support=m.support,
                                 status=m.status, indefinite=m.indefinite, frame=m.frame)
            # what the trigger is ("reflexive", "det", ...) holds for each partner's event
            clone.attrs = {k: v for k, v in m.attrs.items() if k not in ("split", "comma", "until")}
            clone.attrs["split"] = prep
            clone.attrs["comma"] = texts[i] == "," and prep == i + 2  # (not ", y, por separado, con")
            clone.distinct = True
            m.attrs.setdefault("until", i)
            extra.append(clone)
            i = prep + 1
            continue
        if texts[i] in (";", ".") or (i > m.end + 1 and pos[i] in ("VERB", "AUX") and (
                extra or (words.dep[i] == "conj" and words.head[i] == m.anchor))):
            # a verb after a partner, or one coordinated with the mention's own ("X será
            # recibido por Y y se reunirá con Z, y con W"): what follows is that verb's
            until = i
            while extra and until > extra[-1].attrs["split"] and low_[until - 1] in ("se", "y", ","):
                until -= 1
            if extra:
                extra[-1].attrs["until"] = until
            break
        i += 1
    for a, b in zip(extra, extra[1:]):
        a.attrs["until"] = b.attrs["split"] - 2
    return extra


#: Longest aside between ", y," and a partner's preposition (", y, por separado, con").
_ASIDE_WORDS = 3


def _partner_again(words: DocWords, i: int, limit: int) -> int | None:
    """The index of the preposition that introduces a further partner at token ``i`` ("así
    como con|por", ", y con|por", ", y, por separado, con", "y otro con"), if one does."""
    low_, texts = words.low, words.texts
    if low_[i] == "así" and low_[i + 1] == "como" and low_[i + 2] in ("con", "por"):
        return i + 2
    if low_[i] == "y" and low_[i + 1] in ("otro", "otra") and low_[i + 2] in ("con", "por"):
        return i + 2  # "un encuentro con X y otro con Y"
    if texts[i] != "," or low_[i + 1] != "y":
        return None
    if low_[i + 2] in ("con", "por"):
        return i + 2
    if texts[i + 2] == ",":
        for j in range(i + 4, min(limit + 1, i + 4 + _ASIDE_WORDS)):
            if texts[j] == ",":
                return j + 1 if j + 1 < len(low_) and low_[j + 1] in ("con", "por") else None
    return None


def _opens_its_sentence(m: EventMention, det: str, words: DocWords) -> bool:
    """"En la reunión, ambos cancilleres firmaron ...": a definite or demonstrative event noun
    after "En" that opens its sentence, set off by a comma, frames when and where what the
    sentence tells took place (who took part: the collective subject's own rule)."""
    if det not in ("definite", "demonstrative") or m.end >= len(words.low) or words.low[m.end] != ",":
        return False
    start = words.opening_word(m.start)
    return words.low[start] == "en" and m.start - start <= 2


def _noun_mention(m: EventMention, head: int, requires: str, lex: Lexicon,
                  person_tokens: set[int], words: DocWords) -> None:
    """Fills the mention ``m`` of the trigger noun ``head``: determiner, frame, support verb,
    name, modifiers, partners, status cues and strength."""
    low_, dep, pos = words.low, words.dep, words.pos
    children = words.children[head]
    det = determiner(head, m.start, words)
    m.indefinite = det == "indefinite"
    case = words.cases(head)
    if m.indefinite and "en" in case and pos[words.head[head]] in ("VERB", "AUX"):
        m.attrs["setting"] = words.head[head]  # "presentó sus cartas credenciales en una ceremonia"
    first = ordinal_start(m.start, words.texts)  # "la 54 Asamblea", "del 79° periodo"
    before = [i for i in (first - 1, first - 2) if i >= 0]
    if first > 2 and pos[first - 1] == "DET":  # "después de la reunión"
        before.append(first - 3)
    frames = lex.cues.get("frame", {}).keys()
    m.frame = bool(case & frames or {low_[i] for i in before if pos[i] != "PROPN"} & frames)  # (not "Marco")
    if m.frame:
        m.attrs["framed"] = framed_verb(head, words)  # the clause it frames: another event's
    # a cue of class ``sequence`` tells a time before or after the event ("tres días después de la
    # llamada"), not one within it ("cada año durante la cumbre")
    cue = next((i for i in before if lex.has_at("sequence", words, i)), None)
    if cue is not None and cue > 0 and lex.has_at("offset_unit", words, cue - 1):
        m.attrs["offset"] = True  # "tres días después de la llamada": a time counted from it
    intro = list_intro_verb(words, head)
    if intro is not None:  # the verb of the line opening the list the mention is an item of
        m.attrs["list_intro"] = intro
    if not m.frame and _opens_its_sentence(m, det, words):
        m.attrs["opens"] = True  # frames the sentence's dates and places, not its people
    support = support_of(head, lex, words, own_only=m.frame)
    if support is None:
        support = support_before_aside(words, m.start, lex)
    m.support = support
    verbal = support is not None and pos[support] in ("VERB", "AUX")
    if verbal:
        m.anchor = support
    elif support is not None:  # "presidirá los trabajos de la Comisión": the verb of the noun
        verb = governing_verb(support, words)
        if verb is not None:
            m.anchor = verb
    name = name_span(head, m.start, m.end, words)
    if name is not None and requires not in ("support",):
        m.named, m.name = True, name
    if dep[head] == "conj" and pos[words.head[head]] in ("NOUN", "PROPN", "ADJ"):
        m.conj_of = words.head[head]
    modifiers = [c for c in children if c > m.start - 3]
    m.distinct = lex.any_at("distinct_adj", words, modifiers)
    planned_mod = lex.any_at("planned_adj", words, modifiers) or lex.any_at("held_adj", words, modifiers)
    holders = [head] + ([support] if verbal else [])
    case_of = words.case_of
    partners = any(not case_of[c].isdisjoint(WITH)
                   for h in holders for c in words.children[h] if dep[c] in ("nmod", "obl") and c > h)
    plural = "Plur" in feats(words.tokens[head], "Number")
    agent = m.kind == "visit" and (det == "possessive"
                                   or _has_agent_or_destination(head, lex, person_tokens, words))
    governor = governing_verb(head, words)
    if requires == "always":  # "presentó sus cartas credenciales": the phrase names an event
        m.strong = True
        if support is None and governor is not None and dep[head] in ("obj", "nsubj:pass"):
            m.anchor = governor  # who presented them takes part
    elif support is not None:
        m.strong = not (det == "bare" and plural and not partners)
    elif requires in ("support", "named"):
        m.strong = requires == "named" and m.named
    elif m.named or agent or planned_mod:
        m.strong = True
    elif m.indefinite and head + 1 < len(low_) and low_[head + 1] in WITH and "list_intro" in m.attrs:
        m.strong = m.attrs["agenda"] = True  # an item of an agenda: "- una reunión con el ministro X;"
        # (a "con" read on the words)
    elif m.indefinite and dep[head] != "appos" and (m.frame or _settled_tense(governor, words)):
        m.strong = True
    elif partners and det in ("definite", "bare", "possessive"):
        m.strong = True
    if det == "demonstrative" or (support is not None and words.negated(support)
                                  and not lex.has_at("attends", words, support)):
        m.strong = False  # "esta reunión", "dicho encuentro"; "no se realizó" (not "no asistirá a la Cumbre")
    if m.indefinite and (any(dep[c] == "cop" for c in children)
                         or (governor is not None and words.lem[governor] == "tratar")):
        m.strong = False  # "se trataba de un encuentro informal": says what an event was
    if m.headline or (governor is not None and part_of_another(head, governor, lex, words)):
        m.strong = False  # (a title line; "una gira que incluye visitas a Madrid y París": its parts)
    m.attrs["det"] = det
    scope = lex.cues.get("scope_adj", {})  # as lex.has_at("scope_adj", words, i), looked up once
    m.attrs["scope"] = frozenset(words.lem[i] for i in [*range(m.start, m.end), *children]
                                 if low_[i] in scope or words.lem[i] in scope)
