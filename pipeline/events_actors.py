"""Who took part in an event mention: the subject of its verb, its partners ("con X",
"entre X y Y"), its visitor or caller ("la visita del canciller"), its owner ("su visita") and
the people a list after its verb of taking part names.

Pure helpers of the events stage (:mod:`pipeline.events`), reading the parse and the
participants of the stage before it (through :class:`~pipeline.events_attach.DocIndex`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .docparse import feats
from .events_attach import DocIndex
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_syntax import (PLACE_RELATIVE_STEPS, governing_verb, opens_partner_relative, opens_place_relative,
                            relative_partner)
from .events_words import WITH, DocWords
from .textlists import line_bounds, list_items

#: The case markers of a partner ("con X", "entre X y Y") and of the one whose visit, call or
#: other act it is ("la visita del canciller", "una llamada de su homólogo", "las cartas
#: credenciales del embajador X": for the kinds of ``_OF_KINDS``, and for "other" only a
#: person named right there; not a meeting's or summit's body, "la Cumbre del G7").
_OF = frozenset({"de", "del"})
_OF_KINDS = frozenset({"visit", "call", "other"})
#: The case markers of whom an act is addressed to ("sus cartas credenciales a X").
_TO = frozenset({"a", "al"})
#: The case markers of the event an attending verb governs ("participó en", "asistió a").
_AT = frozenset({"en", "a", "al"})
#: Relative pronouns that stand for a person named before them ("el ministro X, quien ...").
_RELATIVE_WHO = frozenset({"quien", "quienes"})
#: Kinds whose possessor took part ("su visita", "su encuentro con X"; not "su conferencia").
_OWNED_KINDS = frozenset({"visit", "meeting", "call"})


def mention_actors(doc: Doc, m: EventMention, index: DocIndex, lex: Lexicon) -> tuple[set[str], set[str]]:
    """(all participants, partners) of a mention: its subject (or the one the sentence before
    was about, or who says a first-person event), the owner of a possessive visit or meeting
    (and whom "recibir" receives in its frame), con/entre/por/de complements, who heads or
    chairs it ("encabezada por X"), and the people a list after its verb of taking part names.
    Partners no participant resolves come back as "~head" ("~~head" for a plural)."""
    words = index.words
    pos = words.pos
    verb = m.anchor if pos[m.anchor] in ("VERB", "AUX") else None
    regions = _subject_regions(m, verb, index, lex)  # token indices whose subtrees name participants
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
        ids = _ids_range(lo, hi, index) if "split" in m.attrs else _partner_ids(c, m, index, lex, lo, hi)
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
    elif verb is not None and _ends_with_con(verb, words):  # "sostuvo encuentros con:" and a list
        listed = listed_after_colon(verb, index)
        actors |= listed
        partners |= listed
        partner_heads.discard("?")
    return actors, partners | {f"~{h}" for h in partner_heads}


def _subject_regions(m: EventMention, verb: int | None, index: DocIndex, lex: Lexicon) -> list[int]:
    """The tokens whose phrases say who does the event: its verb's subject (or the one the
    sentence before was about, or who says a first-person event), or, for a possessive visit or
    meeting or a frame, the subject of the verb it hangs on."""
    words = index.words
    if verb is not None and not m.frame:
        subjects = _invitee(verb, words, index, lex) or _subjects(verb, words, "reflexive" in m.attrs)
        if _of_itself(verb, subjects, m, words):  # "encabezó la delegación en la Cumbre, que se
            governor = governing_verb(m.head, words)  # llevó a cabo en Lima": who headed it
            subjects = _subjects(governor, words) if governor is not None \
                and _attended(m.head, governor, words, lex) else []
        return subjects or _topic(verb, words, index) or _speaker(verb, words, index)
    if not ((m.kind in _OWNED_KINDS and m.attrs.get("det") == "possessive") or m.frame):
        return []
    # "durante su visita a X", "destacó su reunión con X": its owner is the one the clause is
    # about; "Durante la reunión de ministros del G20, el canciller enfatizó": who speaks in
    # its frame took part
    governor = governing_verb(m.head, words)
    if governor is None:
        return []
    subjects = _subjects(governor, words)
    if m.attrs.get("det") == "possessive" and not any(_ids_in(c, index) for c in subjects):
        subjects = _topic(governor, words, index)  # "En su encuentro con X, se revisó la agenda":
        # "su" is the one told before
    if m.kind == "visit" and words.lem[governor] == "recibir":
        # "X recibió al ministro Y, en el marco de su visita oficial": Y's visit, X the host
        subjects += [c for c in words.children[governor] if words.dep[c] in ("obj", "obl")
                     and words.case_of[c] & {"a", "al"} and _ids_in(c, index)]
    return subjects


def _invitee(verb: int, words: DocWords, index: DocIndex, lex: Lexicon) -> list[int]:
    """Who is invited to do the infinitive ``verb`` ("invitó a la secretaria a visitar Colombia",
    "extendió una invitación a X para visitar Brasilia"; cue class ``invites``): the "a" phrase
    of the verb or noun of inviting, not who invites."""
    host = words.head[verb]
    if "Inf" not in feats(words.tokens[verb], "VerbForm") or host == verb:
        return []
    inviting = [host] if lex.has_at("invites", words, host) else [
        c for c in words.children[host] if words.pos[c] == "NOUN" and lex.has_at("invites", words, c)]
    if inviting and inviting[0] != host:
        inviting.append(host)  # "extendió una invitación a X": the parse may hang X on the verb
    return [c for i in inviting for c in words.children[i]
            if words.case_of[c] & _TO and _ids_in(c, index)][:1]


def _complements(m: EventMention, verb: int | None, index: DocIndex, lex: Lexicon) -> list[int]:
    """The phrases of the mention's noun and verb that name partners: con/entre/junto con, the
    verb's "por", the "de" of a visit, call or credentials, whom an act is addressed to, whom
    "recibir" receives, who heads or chairs it ("encabezada por X")."""
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
            elif cases & _TO and tok == m.head and lex.has_at("recipient", words, tok) and _ids_in(c, index):
                complements.append(c)  # "presentó sus cartas credenciales a la gobernadora general, X"
            elif is_verb and m.pos == "verb" and words.low[tok].startswith("recib") and (
                    words.dep[c] in ("obj", "obl") and (cases & {"a", "al"} or not cases)):
                complements.append(c)
    # "la ceremonia encabezada por el presidente X" (cue classes joins_agent, chairs); on the
    # name's first word when the parse makes the trigger part of it ("la III Reunión del
    # Mecanismo, copresidida por X y Y")
    named_head = words.head[m.head] if words.dep[m.head] == "flat" else m.head
    for c in dict.fromkeys((*words.children[m.head], *words.children[named_head])):
        if words.dep[c] in ("acl", "amod") and (
                lex.has_at("joins_agent", words, c) or lex.has_at("chairs", words, c)):
            complements += [g for g in words.children[c] if "por" in case_of[g]]
    return [c for c in complements if not m.start <= c < m.end]  # "hablar por teléfono"


def _partner_ids(c: int, m: EventMention, index: DocIndex, lex: Lexicon, lo: int, hi: int) -> set[str]:
    """Who the complement ``c`` names: in its phrase (within ``[lo, hi)``), else the antecedent
    of "con quien", else names the parse hangs elsewhere after unnamed counterparts ("con sus
    homólogos de Brasil, X, y de Argentina, Y") or after a partner's title ("con su homóloga de
    Canadá, X")."""
    words = index.words
    ids = _ids_in(c, index, lo, hi)
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
    at = words.idx[verb]
    line = text[at:line_bounds(text, at)[1]].rstrip()
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
        ids = _ids_range(*span, index) if span is not None else set()
        if not ids and comma >= 0:  # "- el presidente de Guatemala, Bernardo Arévalo;"
            span = words.char_span(comma + 1, item.end)
            ids = _ids_range(*span, index) if span is not None else set()
        found |= ids
    return found


def _ends_with_con(verb: int, words: DocWords) -> bool:
    """Whether the verb's line ends in "con:" ("la canciller sostuvo encuentros con:")."""
    text, at = words.text, words.idx[verb]
    line = text[at:line_bounds(text, at)[1]].rstrip()
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
    return _ids_range(j + 1, end, index)


def _of_itself(verb: int, subjects: list[int], m: EventMention, words: DocWords) -> bool:
    """Whether the mention's verb is a relative clause on its own noun whose subject is the
    event itself ("la Cumbre, que se llevó a cabo en Lima"): it says who took part nowhere; the
    verb governing the noun may (cue class ``attends``: "participó en la Cumbre, que ...")."""
    return words.dep[verb].startswith("acl") and words.head[verb] == m.head \
        and all(words.low[c] == "que" for c in subjects)


def _attended(noun: int, verb: int, words: DocWords, lex: Lexicon) -> bool:
    """Whether ``verb`` says its subject attended the event ``noun`` (cue class ``attends``):
    the noun its "en" or "a" complement, directly or through nouns without a case of their
    own ("encabezó la delegación de México en la Asamblea"; not "De cara a la Cumbre, X
    participó en ...")."""
    if not lex.has_at("attends", words, verb) or words.case_of[noun].isdisjoint(_AT):
        return False
    cur = words.head[noun]
    while cur != verb:
        if words.case_of[cur] or words.pos[cur] not in ("NOUN", "PROPN") or words.head[cur] == cur:
            return False
        cur = words.head[cur]
    return True


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


def _subjects(verb: int, words: DocWords, pronominal: bool = False) -> list[int]:
    """The subject of a verb; for one without its own, the subject of the verb it depends on
    or is coordinated with ("Trump dijo que tuvo una conversación", "acordaron reunirse",
    "X será recibido por Y y se reunirá con Z", "X viajará a Lima, donde se reunirá con Y"),
    unless a "se" makes the verb impersonal ("y se firmó"): ``pronominal`` says the verb's "se"
    is its own ("reunirse"). Up to three verbs up ("X se reunió con Y, y mañana viajará a M,
    donde visitará una planta"). Token indices."""
    cur = verb
    for step in range(3):
        found = [c for c in words.subjects_of(cur)
                 if not _in_a_later_paragraph(c, cur, words)]  # a caption below is no subject
        if len(found) > 1:  # a parse error (coordinated subjects hang on one): the nearest
            found = [min(found, key=lambda c: abs(c - cur))]
        if found and words.low[found[0]] in _RELATIVE_WHO and words.dep[cur].startswith("acl") \
                and words.pos[words.head[cur]] in ("NOUN", "PROPN"):
            return [words.head[cur]]  # "al ministro X, quien realiza una visita": the one "quien" is
        if found:
            return found
        if opens_place_relative(cur, words) or opens_partner_relative(cur, words):
            host = governing_verb(cur, words, PLACE_RELATIVE_STEPS)  # "viajará a Nueva York, donde se reunirá"
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


def _speaker(verb: int, words: DocWords, index: DocIndex) -> list[int]:
    """Who says a first-person verb ("'Vamos a tener una llamada el lunes', dijo"): the
    subject of the verb of saying it hangs on, or the one that verb's sentence is about."""
    if not any("1" in feats(words.tokens[k], "Person") for k in (verb, *words.children[verb])
               if k == verb or words.dep[k].startswith("aux")):
        return []
    cur = verb
    for _ in range(2):
        if words.dep[cur] not in ("ccomp", "xcomp", "parataxis") or words.head[cur] == cur:
            return []
        cur = words.head[cur]
        if words.pos[cur] in ("VERB", "AUX") and "1" not in feats(words.tokens[cur], "Person"):
            return _subjects(cur, words) or _topic(cur, words, index)
    return []


def _topic(verb: int, words: DocWords, index: DocIndex) -> list[int]:
    """Spanish drops a subject told before ("El canciller llegó a Madrid. Se reunirá con ..."):
    for the main verb of a sentence, finite, third person singular and without a subject, the
    subjects of the main verbs of the sentence before that name participants (else of the one
    before that). Token indices."""
    finite = next((c for c in words.children[verb] if words.dep[c] == "aux"), verb)  # "había sostenido"
    tok = words.tokens[finite]
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
