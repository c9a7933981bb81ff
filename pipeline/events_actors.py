"""Who took part in an event mention: who does it (:mod:`pipeline.events_subjects`), its
partners ("con X", "entre X y Y"), its visitor or caller ("la visita del canciller") and the
people a list after its verb of taking part names.

Pure helpers of the events stage (:mod:`pipeline.events`), reading the parse and the
participants of the stage before it (through :class:`~pipeline.events_attach.DocIndex`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .docparse import feats
from .events_attach import DocIndex
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_subjects import subject_regions
from .events_syntax import relative_partner
from .events_words import TO, WITH, DocWords
from .textlists import line_bounds, list_items

#: The case markers of a partner ("con X", "entre X y Y") and of the one whose visit, call or
#: other act it is ("la visita del canciller", "una llamada de su homólogo", "las cartas
#: credenciales del embajador X": for the kinds of ``_OF_KINDS``, and for "other" only a
#: person named right there; not a meeting's or summit's body, "la Cumbre del G7").
_OF = frozenset({"de", "del"})
_OF_KINDS = frozenset({"visit", "call", "other"})


def mention_actors(doc: Doc, m: EventMention, index: DocIndex, lex: Lexicon) -> tuple[set[str], set[str]]:
    """(all participants, partners) of a mention: its subject (or the one the sentence before
    was about, or who says a first-person event), the owner of a possessive visit or meeting
    (and whom a verb of cue class ``receives`` takes, in its frame), con/entre/por/de complements, who heads or
    chairs it ("encabezada por X"), and the people a list after its verb of taking part names.
    Partners no participant resolves come back as "~head" ("~~head" for a plural)."""
    words = index.words
    pos = words.pos
    verb = m.anchor if pos[m.anchor] in ("VERB", "AUX") else None
    regions = subject_regions(m, verb, index, lex)  # token indices whose subtrees name participants
    complements = _complements(m, verb, index, lex)
    partners: set[str] = set()
    partner_heads: set[str] = set()
    if m.kind in _OF_KINDS and m.kind != "other" and not any(words.case_of[c] & _OF for c in complements):
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
        ids = index.ids_range(lo, hi) if "split" in m.attrs else _partner_ids(c, m, index, lex, lo, hi)
        if ids and "split" not in m.attrs and "con" in words.case_of[c]:
            ids |= _con_series(c, index, lex, hi)
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
            actors |= index.ids_in(r, 0, len(doc))
    if verb is not None and lex.has_at("joins_subj", words, verb):  # "En la sesión participaron:"
        actors |= listed_after_colon(verb, index)
    elif verb is not None and _ends_with_con(verb, words):  # "sostuvo encuentros con:" and a list
        listed = listed_after_colon(verb, index)
        actors |= listed
        partners |= listed
        partner_heads.discard("?")
    return actors, partners | {f"~{h}" for h in partner_heads}


def _complements(m: EventMention, verb: int | None, index: DocIndex, lex: Lexicon) -> list[int]:
    """The phrases of the mention's noun and verb that name partners: con/entre/junto con, the
    verb's "por", the "de" of a visit, call or credentials, whom an act is addressed to, whom
    the verb receives or summons (cue class ``receives``), who heads or chairs it ("encabezada por X")."""
    words = index.words
    case_of = words.case_of
    complements = []
    holders = [m.head] + ([verb] if verb is not None and verb != m.head else [])
    for tok in holders:
        is_verb = verb is not None and tok == verb
        for c in words.children[tok]:
            cases = case_of[c]
            if cases and (not cases.isdisjoint(WITH) or ("por" in cases and is_verb) or (
                    not cases.isdisjoint(_OF) and tok == m.head and m.kind in _OF_KINDS and (
                        m.kind != "other" or c in index.actors_of or lex.has_at("person_head", words, c)))):
                complements.append(c)  # (a ceremony's "del natalicio de X" names no one who took part)
            elif cases & TO and tok == m.head and lex.has_at("recipient", words, tok) and index.ids_in(c):
                complements.append(c)  # "presentó sus cartas credenciales a la gobernadora general, X"
            elif is_verb and lex.has_at("receives", words, tok) and (
                    words.dep[c] in ("obj", "iobj", "obl") and (cases & {"a", "al"} or not cases)) and (
                    m.pos == "verb" or c in index.actors_of or lex.has_at("person_head", words, c)):
                complements.append(c)  # (the support of a noun: only a person it receives, not
                # "la Ciudad de México recibió la VI cumbre de la CELAC")
    # "La reunión será presidida por X (cue classes chairs, joins_agent, attends) y contará con la
    # participación de Y (cue class presence) / con el ministro Z": not "La llamada coincidió con la
    # visita de X", "fue anunciada por X"
    for v in _verbs_of_its_subject(m, holders, words):
        led = any(lex.has_at(c, words, v) for c in ("chairs", "joins_agent", "attends"))
        complements += [c for c in words.children[v] if ("por" in case_of[c] and led) or (
            case_of[c] & WITH and (c in index.actors_of or lex.has_at("person_head", words, c)
                                   or lex.has_at("presence", words, c)))]  # (a name of a person itself,
        # not "coincidirá con la Cumbre de Líderes, convocada por X")
    if m.kind == "signing" and verb is not None:
        # "firmó un acuerdo de cooperación con X": the partner hangs on the text signed (or its noun)
        signed = [o for o in words.children[verb] if words.dep[o] == "obj"]
        for o in signed + [n for o in signed for n in words.children[o] if words.dep[n] == "nmod"]:
            complements += [c for c in words.children[o] if not case_of[c].isdisjoint(WITH)]
    # "la ceremonia encabezada por el presidente X" (cue classes joins_agent, chairs); on the
    # name's first word when the parse makes the trigger part of it ("la III Reunión del
    # Mecanismo, copresidida por X y Y")
    named_head = words.head[m.head] if words.dep[m.head] == "flat" else m.head
    for c in dict.fromkeys((*words.children[m.head], *words.children[named_head])):
        if words.dep[c] in ("acl", "amod") and (
                lex.has_at("joins_agent", words, c) or lex.has_at("chairs", words, c)):
            complements += [g for g in words.children[c] if "por" in case_of[g]]
    return [c for c in complements if not m.start <= c < m.end]  # "hablar por teléfono"


def _verbs_of_its_subject(m: EventMention, holders: list[int], words: DocWords) -> list[int]:
    """The verbs a noun mention is the subject of, besides its own (``holders``): the verb it hangs
    on and those coordinated with it."""
    governor = words.head[m.head]
    if m.pos != "noun" or not words.dep[m.head].startswith("nsubj") or words.pos[governor] not in ("VERB", "AUX"):
        return []
    conj = [c for c in words.children[governor] if words.dep[c] == "conj" and words.pos[c] in ("VERB", "AUX")]
    return [v for v in (governor, *conj) if v not in holders]


def _partner_ids(c: int, m: EventMention, index: DocIndex, lex: Lexicon, lo: int, hi: int) -> set[str]:
    """Who the complement ``c`` names: in its phrase (within ``[lo, hi)``), else the antecedent
    of "con quien", else names the parse hangs elsewhere after unnamed counterparts ("con sus
    homólogos de Brasil, X, y de Argentina, Y") or after a partner's title ("con su homóloga de
    Canadá, X")."""
    words = index.words
    ids = index.ids_in(c, lo, hi)
    if not ids and relative_partner(c, words) and words.dep[words.head[c]].startswith("acl"):
        ids = _before_relative(c, words, index)  # "al ministro X, con quien sostendrá ..."
    if not ids and _unnamed_counterparts(c, words, lex):
        ids = _named_after(c, m.head, words, index)
    if not ids and lex.has_at("person_head", words, c):
        ids = _apposed(c, words, index)
    return ids


def listed_after_colon(verb: int, index: DocIndex) -> set[str]:
    """Who a list after a colon names when the verb's line ends in that colon ("En la sesión
    participaron también:" and one line per person, "- Roberto Velasco, jefe de Unidad ..."):
    the participants named at the head of each item, before its first comma, or after it when
    none is ("- el presidente de Guatemala, Bernardo Arévalo;")."""
    words, text = index.words, index.words.text
    line = _rest_of_line(verb, words)
    if not line.endswith(":") or "." in line:
        return set()
    colon = words.idx[verb] + len(line) - 1

    def names_someone(start: int, end: int) -> bool:
        span = words.char_span(start, end)
        return span is not None and span[0] < span[1] and span[0] in index.actors_of

    found: set[str] = set()
    for item in list_items(text, colon, names_someone)[0]:
        comma = text.find(",", item.start, item.end)
        span = words.char_span(item.start, item.end if comma < 0 else comma)
        ids = index.ids_range(*span) if span is not None else set()
        if not ids and comma >= 0:  # "- el presidente de Guatemala, Bernardo Arévalo;"
            span = words.char_span(comma + 1, item.end)
            ids = index.ids_range(*span) if span is not None else set()
        found |= ids
    return found


def _con_series(c: int, index: DocIndex, lex: Lexicon, hi: int) -> set[str]:
    """Who the "con" phrases listed after the partner ``c`` name ("con el canciller de Chile, X;
    con la ministra de Colombia, Y, y con el secretario general, Z"), read on the words when
    the parse hangs them elsewhere: each item opens with "con" after ";" or "," (and "y"), and
    a title or a name; it ends where the next one opens, at a relative's verb or where the sentence
    does (a verb of another kind makes it a clause of its own: the list is over)."""
    words = index.words
    low, end = words.low, min(hi, words.sent(c)[1])
    opens = [k for k in range(c + 1, end - 1) if low[k] == "con" and (
        low[k - 1] in (";", ",") or (low[k - 1] in ("y", "e") and low[k - 2] in (";", ",")))]
    found: set[str] = set()
    for n, k in enumerate(opens):
        first = k + 1 + (words.pos[k + 1] == "DET")
        if first >= end or not (words.pos[first] == "PROPN" or lex.has_at("person_head", words, first)):
            break  # ", con el objetivo de ...": the list is over
        stop = opens[n + 1] if n + 1 < len(opens) else end
        verb = next((i for i in range(first, stop) if words.pos[i] in ("VERB", "AUX")), None)
        if verb is not None and not words.dep[verb].startswith("acl"):
            break  # "; con la ministra Y firmó un memorando": the "con" of another clause
        found |= index.ids_range(k + 1, stop if verb is None else verb)
    return found


def _rest_of_line(verb: int, words: DocWords) -> str:
    """The text from the verb to the end of its line, without trailing spaces."""
    at = words.idx[verb]
    return words.text[at:line_bounds(words.text, at)[1]].rstrip()


def _ends_with_con(verb: int, words: DocWords) -> bool:
    """Whether the verb's line ends in "con:" ("la canciller sostuvo encuentros con:")."""
    line = _rest_of_line(verb, words)
    return line.endswith(":") and line[:-1].rstrip().lower().endswith(" con")


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
    return index.ids_range(j + 1, end)


def _unnamed_counterparts(c: int, words: DocWords, lex: Lexicon) -> bool:
    """Whether ``c`` is a plural title or person noun ("sus homólogos", "los cancilleres")."""
    return words.pos[c] == "NOUN" and "Plur" in feats(words.tokens[c], "Number") \
        and lex.has_at("person_head", words, c)


def _named_after(c: int, noun: int, words: DocWords, index: DocIndex) -> set[str]:
    """Who is named after ``c`` up to the next verb, colon, semicolon or full stop, on a word the
    parse hangs on ``c`` or on the event ``noun`` (not on a verb: "entre los dos mandatarios,
    X elogió" names the subject of another clause)."""
    ids: set[str] = set()
    for i in range(c + 1, words.sent(c)[1]):
        if words.pos[i] in ("VERB", "AUX") or words.low[i] in (".", ";", ":"):
            break
        if i in index.actors_of and _hangs_on(i, (c, noun), words):
            ids |= index.actors_of[i]
    return ids


def _before_relative(c: int, words: DocWords, index: DocIndex) -> set[str]:
    """Who the antecedent of the relative pronoun ``c`` names, before ``c``."""
    antecedent = words.head[words.head[c]]
    return {a for i in words.subtree(antecedent, 40) if i < c for a in index.actors_of.get(i, ())}


def _apposed(c: int, words: DocWords, index: DocIndex) -> set[str]:
    """Who is named right after the comma that ends the phrase of ``c`` ("su homóloga de
    Canadá, Anita Anand"), however the parse hangs the name, unless as the subject of a clause
    of its own ("entre los dos mandatarios, X elogió a Y")."""
    end = max(words.subtree(c, 40)) + 1
    if end + 1 >= len(words.texts) or words.texts[end] != "," or end + 1 not in index.actors_of \
            or words.dep[end + 1].startswith("nsubj"):
        return set()
    return set(index.actors_of[end + 1])


def _hangs_on(i: int, targets: tuple[int, ...], words: DocWords) -> bool:
    """Whether token ``i`` depends on one of ``targets`` through nouns only (no verb between)."""
    for _ in range(12):
        i = words.head[i]
        if i in targets:
            return True
        if words.pos[i] in ("VERB", "AUX") or words.head[i] == i:
            return False
    return False
