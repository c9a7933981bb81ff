"""Who does an event a mention tells: the subject of its verb, or of the verb it hangs on.

Pure helpers of the events stage (:func:`subject_regions`, read by
:func:`pipeline.events_actors.mention_actors`): the verb's own subject, or that of the verb it
depends on or is coordinated with, of a place or "con quien" relative's verb, of the verb of
attending that governs a summit told in a relative clause of its own; the one the sentence
before was about when Spanish drops the subject; who says a first-person event; whom an
invitation is made to. Results are token indices whose phrases name the participants.
"""

from __future__ import annotations

from .docparse import feats
from .events_attach import DocIndex
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_syntax import PLACE_RELATIVE_STEPS, attended, governing_verb, opens_setting_relative
from .events_words import TO, DocWords

#: Kinds whose possessor took part ("su visita", "su encuentro con X"; not "su conferencia").
_OWNED_KINDS = frozenset({"visit", "meeting", "call"})
#: Relative pronouns that stand for a person named before them ("el ministro X, quien ...").
_RELATIVE_WHO = frozenset({"quien", "quienes"})


def subject_regions(m: EventMention, verb: int | None, index: DocIndex, lex: Lexicon) -> list[int]:
    """The tokens whose phrases say who does the event: its verb's subject (or the one the
    sentence before was about, or who says a first-person event), or, for a possessive visit or
    meeting or a frame, the subject of the verb it hangs on."""
    words = index.words
    if verb is not None and lex.has_at("attends", words, verb) and any(
            words.low[c] in ("no", "nunca") and words.low[c + 1] not in ("solo", "sólo") for c in words.children[verb]):
        return []  # "La presidenta no asistirá a la Cumbre": the summit goes on without her (not "no solo")
    if verb is not None and m.frame and words.head[verb] == m.head and words.dep[verb] in ("acl", "acl:relcl"):
        own = _subjects(verb, words, "reflexive" in m.attrs)  # "Durante la reunión que sostuvieron X y Y,
        if any(index.ids_in(c) for c in own):  # ...": a frame whose own relative says who held it
            return own
    if verb is not None and not m.frame:
        subjects = _invitee(verb, words, index, lex) or _subjects(verb, words, "reflexive" in m.attrs)
        if _of_itself(verb, subjects, m, words):  # "encabezó la delegación en la Cumbre, que se
            governor = governing_verb(m.head, words)  # llevó a cabo en Lima": who headed it
            subjects = _subjects(governor, words) if governor is not None \
                and attended(m.head, governor, words, lex) else []
        return subjects or _topic(verb, words, index, lex) or _speaker(verb, words, index, lex)
    if "agenda" in m.attrs:  # "- una reunión con el ministro X;" in the agenda of whom the text is about
        return _agenda_owner(m.attrs["list_intro"], words, index, lex)
    owned = m.kind in _OWNED_KINDS and m.attrs.get("det") == "possessive"
    if not (owned or m.frame) or ("offset" in m.attrs and not owned):
        return []  # ("Tres días después de la llamada, X viajará": X need not have been on the call;
        # "Una semana antes de su reunión con Y, X viajó": X's meeting)
    # "durante su visita a X", "destacó su reunión con X": its owner is the one the clause is
    # about; "Durante la reunión de ministros del G20, el canciller enfatizó": who speaks in
    # its frame took part
    governor = governing_verb(m.head, words)
    if governor is None:
        return []
    subjects = _subjects(governor, words)
    if m.attrs.get("det") == "possessive" and not any(index.ids_in(c) for c in subjects):
        subjects = _topic(governor, words, index, lex)  # "En su encuentro con X, se revisó la agenda":
        # "su" is the one told before
    if m.kind == "visit" and words.lem[governor] == "recibir" and "offset" not in m.attrs:
        # "X recibió al ministro Y, en el marco de su visita oficial": Y's visit, X the host
        subjects += [c for c in words.children[governor] if words.dep[c] in ("obj", "obl")
                     and words.case_of[c] & {"a", "al"} and index.ids_in(c)]
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
            if words.case_of[c] & TO and index.ids_in(c)][:1]


def _of_itself(verb: int, subjects: list[int], m: EventMention, words: DocWords) -> bool:
    """Whether the mention's verb is a relative clause on its own noun whose subject is the
    event itself ("la Cumbre, que se llevó a cabo en Lima"): it says who took part nowhere; the
    verb governing the noun may (cue class ``attends``: "participó en la Cumbre, que ...")."""
    return words.dep[verb].startswith("acl") and words.head[verb] == m.head \
        and all(words.low[c] == "que" for c in subjects)


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
        if opens_setting_relative(cur, words):
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


def _speaker(verb: int, words: DocWords, index: DocIndex, lex: Lexicon) -> list[int]:
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
            return _subjects(cur, words) or _topic(cur, words, index, lex)
    return []


def _agenda_owner(intro: int, words: DocWords, index: DocIndex, lex: Lexicon) -> list[int]:
    """Whose agenda an item is: a person the subject of the line opening the list names ("La
    agenda del canciller X incluye:"), else the subjects naming people of the main verbs of the
    sentence before that line ("El canciller X inicia hoy una gira ... La agenda en Tokio
    incluye:"; not a verb of saying's: "X destacó la gira de la canciller Y"). ``intro``: the verb
    of the opening line. Token indices."""
    own = [c for c in words.subjects_of(intro) if index.ids_in(c)]
    if own:
        return own
    k = words.sent_of[intro] - 1
    if k < 0:
        return []
    start, end = words.sents[k]
    return [c for r in range(start, end) if words.dep[r] == "ROOT" and words.pos[r] in ("VERB", "AUX")
            and not lex.has_at("speech", words, r) for c in _subjects(r, words) if index.ids_in(c)]


def _names_itself(c: int, words: DocWords, index: DocIndex) -> bool:
    """Whether the phrase of token ``c`` is a participant's own mention or title ("el presidente X"),
    not a thing of one ("la reunión de la Alianza", "la reunión del ministro X")."""
    return c in index.actors_of or any(words.dep[g] in ("appos", "flat") and g in index.actors_of
                                       for g in words.children[c])


def _topic(verb: int, words: DocWords, index: DocIndex, lex: Lexicon) -> list[int]:
    """Spanish drops a subject told before ("El canciller llegó a Madrid. Se reunirá con ..."):
    for the main verb of a sentence, finite, third person singular and without a subject, the
    subjects of the main verbs of the sentence before that name participants (else of the one
    before that); of a verb of saying, those of what it reports first ("X recibirá a Y, informó
    la vocera Z. Será su primer encuentro": X's). Token indices."""
    if words.dep[verb] != "ROOT" and opens_setting_relative(verb, words):  # "El miércoles viajará a París,
        verb = governing_verb(verb, words, PLACE_RELATIVE_STEPS) or verb  # donde participará en ...": the
        # traveller is whom the text is about
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
        roots = [r for r in range(start, end) if words.dep[r] == "ROOT" and words.pos[r] in ("VERB", "AUX")]
        reported = [c for r in roots if lex.has_at("speech", words, r) for c in words.children[r]
                    if words.dep[c] == "ccomp" and c < r]  # (told before its speaker; a clause's head may be
        # a noun: "estuvo en contacto"; not "X informó que Y visitará ...": X is whom the text is about)
        found = [c for r in reported for c in _subjects(r, words) if _names_itself(c, words, index)] or [
            c for r in roots for c in _subjects(r, words) if index.ids_in(c)]
        if found:
            return found
    return []
