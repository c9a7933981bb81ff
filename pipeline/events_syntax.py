"""Syntax helpers of the events stage: determiners, event names, support verbs and nouns.

Pure functions over the parse (:mod:`pipeline.events_detect` builds mentions with them;
:func:`governing_verb`, :func:`opens_place_relative` and :func:`host_verb` are shared with the
modules that attach dates, places and people), reading the cue classes of the events
:class:`~pipeline.events_lexicon.Lexicon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .docparse import feats
from .events_lexicon import Lexicon
from .events_words import DocWords

if TYPE_CHECKING:
    from .events_detect import EventMention

#: Words that open a clause told as happening where its governing verb's action does
#: ("viajó a Brasilia, donde sostuvo una reunión"): the clause shares its date and subject.
_PLACE_RELATIVES = frozenset({"donde", "adonde"})
#: Relative pronouns for a person ("con quien", "con el cual").
_WHO = frozenset({"quien", "quienes", "cual", "cuales"})


def opens_place_relative(verb: int, words: DocWords) -> bool:
    """Whether the verb heads a place relative clause ("..., donde sostuvo una reunión")."""
    return any(words.low[c] in _PLACE_RELATIVES for c in words.children[verb])


def opens_partner_relative(verb: int, words: DocWords) -> bool:
    """Whether the verb heads a relative clause whose "con quien" is the partner ("recibirá al
    ministro X, con quien sostendrá una reunión"): told, as a place relative, as happening with
    the governing verb's subject and on its day."""
    return any(relative_partner(c, words) for c in words.children[verb])


def opens_frame_relative(verb: int, words: DocWords) -> bool:
    """Whether the verb heads a relative clause set in the event before it ("realizará una visita
    a México, durante la cual se reunirá con X", "en la que"): told, as a place relative, as
    happening with the governing verb's subject and on its day."""
    return any(words.low[c] in _WHO | {"que"} and words.case_of[c] & {"durante", "en"}
               for c in words.children[verb])


def opens_setting_relative(verb: int, words: DocWords) -> bool:
    """Whether the verb heads a relative clause told as happening where, with whom and when the
    verb it hangs on does: a place ("donde"), partner ("con quien") or frame ("durante la cual")
    relative."""
    return opens_place_relative(verb, words) or opens_partner_relative(verb, words) \
        or opens_frame_relative(verb, words)


def relative_partner(c: int, words: DocWords) -> bool:
    """Whether token ``c`` is the "quien" of "con quien" ("con el cual", "con quienes")."""
    return words.low[c] in _WHO and "con" in words.case_of[c]


_DEMONSTRATIVE = {"este", "esta", "estos", "estas", "ese", "esa", "dicho", "dicha", "aquel",
                  "aquella", "mismo", "misma"}
_POSSESSIVE = {"su", "sus", "mi", "mis", "nuestro", "nuestra"}
_INDEFINITE = {"un", "una", "unos", "unas", "otro", "otra", "nuevo", "nueva"}
_DEM_OR_INDEF = _DEMONSTRATIVE | _INDEFINITE
_ROMAN = set("ivxlc")
_NAME_STOP = {"en", "con", "para", "que", "entre", "por", "a", "al", "sobre", "durante", "donde",
              "cuyo", "cuya", "el", "y"}


def determiner(head: int, start: int, words: DocWords) -> str:
    """indefinite | demonstrative | possessive | definite | bare, from the words before the noun
    ``head`` (the trigger phrase starts at token ``start``)."""
    pos, low_ = words.pos, words.low
    i = start - 1
    while i >= 0 and pos[i] == "ADJ" and low_[i] not in _DEM_OR_INDEF:
        i -= 1
    word = low_[i] if i >= 0 else ""
    if word in _INDEFINITE:
        return "indefinite"
    if word in _DEMONSTRATIVE:
        return "demonstrative"
    if word in _POSSESSIVE:
        return "possessive"
    if any(words.dep[c] == "det" and c < head for c in words.children[head]) or word in (
            "el", "la", "los", "las", "del", "al"):
        return "definite"
    return "bare"


#: Signs that make the number before them an ordinal when tokenised apart ("79 °").
_DEGREE = frozenset({"°", "º", "ª"})


def is_ordinal(word: str) -> bool:
    """Whether a token's text is an ordinal: digits or a Roman numeral ("XXI", "3ª")."""
    text = word.rstrip(".ªº°")
    return bool(text) and (text.isdigit() or (set(text.lower()) <= _ROMAN and text.isupper()))


def ordinal_start(i: int, texts: list[str]) -> int:
    """The first token of an ordinal right before token ``i`` ("la 54 Asamblea", "del 79°
    periodo", tokenised "79" "°"), else ``i``."""
    if i > 0 and is_ordinal(texts[i - 1]):
        return i - 1
    if i > 1 and texts[i - 1] in _DEGREE and texts[i - 2].isdigit():
        return i - 2
    return i


def name_span(head: int, start: int, end: int, words: DocWords) -> tuple[int, int] | None:
    """Token span of an event name ("XXI Reunión de Cancilleres de la Celac") after the
    trigger phrase ``[start, end)`` of the noun ``head``, if any."""
    texts, pos = words.texts, words.pos
    first = start
    if first > 0 and is_ordinal(texts[first - 1]) and (
            not texts[first - 1].isdigit() or texts[start][:1].isupper()):
        first -= 1
    capital = texts[start][:1].isupper() and start > words.sent(start)[0]
    sent = words.sent_of[head]
    last = end
    proper = False
    i = end
    depth = 0
    while i < len(texts) and i - end < 14:
        text, tag = texts[i], pos[i]
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
        if words.is_punct(i) or words.space[i] or tag in ("VERB", "AUX", "SCONJ", "PRON") \
                or words.sent_of[i] != sent:
            break
        if words.low[i] in _NAME_STOP:
            break
        if i - end < 3 and (tag == "PROPN" or (text[:1].isupper() and i > words.sent(i)[0])
                            or text.isupper()):
            proper = True
        if tag in ("NOUN", "PROPN", "ADJ", "NUM") or text[:1].isupper():
            last = i + 1
        i += 1
    if proper or first < start or (capital and last > end):
        return (first, max(last, end))
    return None


def support_of(head: int, lex: Lexicon, words: DocWords, own_only: bool = False) -> int | None:
    """The verb (or noun) that makes the trigger noun ``head`` an event ('sostuvo una
    reunión'), as a token index."""
    pos, dep, up = words.pos, words.dep, words.head
    node = head
    if dep[node] == "conj" and pos[up[node]] in ("NOUN", "PROPN", "ADJ"):
        node = up[node]
    for child in words.children[node]:  # "celebrada ayer", "la reunión que sostuvieron"
        if dep[child] in ("acl", "acl:relcl", "amod") and child > node and (
                lex.has_at("support", words, child) or lex.has_at("planned_adj", words, child)) \
                and not _locative(child, words) and not _told_of_it(child, lex, words):
            parent = up[node]
            if not own_only and dep[node] == "obj" and parent < node and pos[parent] in ("VERB", "AUX") \
                    and lex.has_at("support", words, parent) and lex.status_at("support", words, parent) is None \
                    and _of_itself_aside(child, words):
                return parent  # "encabezará el jueves la reunión ..., que se realizará de manera virtual"
                # (not "anunció el lunes la reunión, que se realizará el 20": the relative tells it)
            return child
    if own_only or (dep[node] == "nmod" and "para" in words.case_of[node]):
        return None  # ("un programa de trabajo para la visita": what is done is not the visit)
    cur = node
    for _ in range(3):
        parent = up[cur]  # (the root, its own head, is looked at as its parent)
        if pos[parent] in ("VERB", "AUX") and lex.has_at("support", words, parent):
            if dep[cur] == "obl" and lex.has_at("support_obl", words, parent):
                return parent
            cases = words.cases(node) if words.space[cur] else words.cases(cur)  # (through a paragraph
            if cases - {"a", "al"}:  # break the parse made the subject) "participar en"
                return parent if lex.has_at("support_obl", words, parent) else None  # "En la
                # reunión ... se acordó": a setting, not what was done
            if dep[cur] in ("obj", "iobj", "nsubj:pass"):
                return parent
            if dep[cur] == "nsubj" and (lex.has_at("support_subj", words, parent) or any(
                    words.low[c] == "se" or dep[c] in ("aux:pass", "expl:pass")
                    for c in words.children[parent])):
                return parent
            return None
        if pos[parent] in ("ADJ", "VERB") and lex.has_at("planned_adj", words, parent) \
                and dep[cur].startswith("nsubj"):
            return parent
        if pos[parent] in ("NOUN", "PROPN") and lex.has_at("support_noun", words, parent):
            return parent
        if pos[parent] in ("VERB", "AUX") or dep[cur] not in ("nmod", "appos", "flat", "compound"):
            break
        cur = parent
    return None


def _of_itself_aside(verb: int, words: DocWords) -> bool:
    """Whether the relative clause of ``verb`` is set off by a comma and has the event's "que"
    for subject (", que se realizará de manera virtual"): it tells how the event goes, not who
    holds it (not "la reunión que sostuvo el presidente")."""
    rel = next((c for c in words.children[verb] if words.dep[c].startswith("nsubj") and words.low[c] == "que"), None)
    return rel is not None and rel > 0 and words.texts[rel - 1] == ","


def support_before_aside(words: DocWords, start: int, lex: Lexicon) -> int | None:
    """"la próxima celebración, a principios de noviembre en Madrid, de la Comisión Mixta": a
    support noun (its token index) whose "de" complement comes after an aside between commas
    (parse-independent)."""
    pos, texts = words.pos, words.texts
    i = start - 1
    while i >= 0 and pos[i] == "DET":
        i -= 1
    if i < 1 or words.low[i] not in ("de", "del") or texts[i - 1] != ",":
        return None
    j = i - 2
    while j > max(words.sent(start)[0], i - 14) and texts[j] != ",":
        if pos[j] in ("VERB", "AUX") or texts[j] in (".", ";", ":"):
            return None
        j -= 1
    if j <= 0 or texts[j] != ",":
        return None
    return j - 1 if lex.has_at("support_noun", words, j - 1) else None


def calls_on_to_act(verb: int, words: DocWords) -> bool:
    """Whether ``verb`` calls on someone to do something: an infinitive after it with "a" ("convocó
    a sus homólogos a sumarse a la iniciativa")."""
    return any("Inf" in feats(words.tokens[c], "VerbForm") and any(words.low[g] == "a" for g in words.children[c])
               for c in words.children[verb] if c > verb)


def part_of_another(head: int, governor: int, lex: Lexicon, words: DocWords) -> bool:
    """Whether the event noun ``head`` is what another event includes (cue class ``includes``):
    "una gira de trabajo que incluye visitas a Madrid, París y Berlín", "La gira comprende
    reuniones con ...": the tour's parts, not events told on their own."""
    if words.dep[head] != "obj" or words.head[head] != governor or not lex.has_at("includes", words, governor):
        return False
    subject = next((c for c in words.children[governor] if words.dep[c] == "nsubj"), None)
    if subject is not None and words.pos[subject] == "PRON" and words.dep[governor].startswith("acl"):
        subject = words.head[governor]  # "una gira ... que incluye": the relative's antecedent
    return subject is not None and (words.low[subject] in lex.triggers or words.lem[subject] in lex.triggers)


def relative_on_a_name(head: int, lex: Lexicon, words: DocWords, reach: int = 12, end: int | None = None
                       ) -> int | None:
    """The verb of a relative clause telling that the event noun ``head`` takes place, which the
    parse hangs on a name or a person after it ("la Cumbre del G20 en Johannesburgo, que se celebrará
    el 22", "la reunión con el ministro X, que se llevará a cabo el 20": no city or person is
    celebrated), or on the noun whose "de" phrase it is ("los preparativos de la Cumbre, que se
    celebrará el próximo año"), if any: the event's own, for its date. The clause is sought up to
    ``reach`` tokens past ``end``, the end of the event's name (by default its noun)."""
    top = head
    while words.dep[top] == "flat" and words.head[top] < top:  # "la XXX Cumbre Iberoamericana": the
        top = words.head[top]  # name's first word bears its relation
    governor = words.head[top] if words.dep[top] == "nmod" and words.head[top] < top else None
    for t in range(head + 1, min(words.sent(head)[1], max(head, end or head) + reach)):
        name = words.head[t]
        if name == governor and _number_differs(t, head, words):
            continue  # "los trabajos preparatorios de la cumbre, que se llevaron a cabo": the works'
        if words.dep[t] in ("acl", "acl:relcl") and (head < name < t or name == governor) \
                and (name == governor or words.pos[name] == "PROPN" or lex.has_at("person_head", words, name)) \
                and (lex.has_at("support", words, t) or lex.has_at("support_subj", words, t)) \
                and any(words.dep[c] == "nsubj" and words.pos[c] == "PRON" for c in words.children[t]) \
                and not _locative(t, words) and not _told_of_it(t, lex, words):
            return t
    return None


def _locative(clause: int, words: DocWords) -> bool:
    """"su visita a Lima, donde sostuvo ...", "la cumbre en la que participó": a relative clause
    (its verb ``clause``) telling what happened at the event, not the verb that makes it one."""
    low_ = words.low
    for c in words.children[clause]:
        if low_[c] in ("donde", "cuando") or (words.pos[c] == "PRON" and bool(
                words.cases(c) & {"en", "durante"})):
            return True
    return False


def _told_of_it(clause: int, lex: Lexicon, words: DocWords) -> bool:
    """"su visita, que tuvo como objetivo ...", "..., que buscó ...": a relative clause whose
    subject is the event noun itself tells something of the event, not that it took place;
    unless its verb is one of occurrence ("que concluyó", "que tuvo lugar": ``support_subj``,
    with no "como" complement saying what the event had), passive or with "se" ("que se
    celebró")."""
    kids = words.children[clause]
    if not any(words.dep[c] == "nsubj" and words.pos[c] == "PRON" for c in kids):
        return False
    if any(words.low[g] == "como" for c in kids for g in words.children[c]):
        return True
    return not (lex.has_at("support_subj", words, clause) or any(
        words.low[c] == "se" or words.dep[c] in ("aux:pass", "expl:pass") for c in kids))


#: How far above a place relative its antecedent's verb may be ("visitó los albergues habilitados
#: en la ciudad, donde se reunió": ciudad, habilitados, albergues, visitó).
PLACE_RELATIVE_STEPS = 5


def governing_verb(head: int, words: DocWords, steps: int = 3) -> int | None:
    """The first verb or auxiliary up to ``steps`` steps above token ``head`` in the parse (its
    token index). As with spaCy tokens, the root counts as its own parent: a verb root is
    the governing verb of itself (the root is its own head)."""
    pos, up = words.pos, words.head
    cur = head
    for _ in range(steps):
        parent = up[cur]
        if pos[parent] in ("VERB", "AUX"):
            return parent
        cur = parent
    return None


def host_verb(m: EventMention, lex: Lexicon, words: DocWords) -> int | None:
    """The verb whose action the mention's clause is part of. The clause's verb is the trigger
    itself or a support verb of occurrence ("sostuvo una reunión", "participar en la Cumbre";
    not one that plans or cancels) that governs the mention or is its anchor; it opens a place
    relative ("..., donde sostuvo") or is an infinitive of purpose ("para participar"), and its
    :func:`~pipeline.events_syntax.governing_verb` is the verb returned ("realizó ... una visita
    a Brasilia, donde sostuvo": sostuvo -> Brasilia -> visita -> realizó)."""
    if m.frame:
        return None
    for verb in dict.fromkeys((m.anchor, words.head[m.head])):
        if words.pos[verb] not in ("VERB", "AUX") or verb != m.head and (
                not lex.has_at("support", words, verb) or lex.status_at("support", words, verb) is not None):
            continue
        relative = opens_setting_relative(verb, words)
        if relative or (any(words.low[c] == "para" for c in words.children[verb])
                        and "Inf" in feats(words.tokens[verb], "VerbForm")):
            host = governing_verb(verb, words, PLACE_RELATIVE_STEPS if relative else 3)
            if host is not None and host != verb:
                return host
    return None


def tense(verb: int, words: DocWords) -> str | None:
    """The tense of a verb, or of its copula or auxiliary ("estuvo conformada"), or, for a
    participle that has neither, of the verb it hangs on ("la delegación, encabezada por X, no
    hizo ...")."""
    for _ in range(2):
        for k in (verb, *words.children[verb]):
            if k == verb or words.dep[k] in ("cop", "aux", "aux:pass"):
                tense = feats(words.tokens[k], "Tense")
                if tense:
                    return tense[0]
        verb = governing_verb(verb, words)
        if verb is None:
            return None
    return None


#: The case markers of the event an attending verb governs ("participó en", "asistió a").
_AT = frozenset({"en", "a", "al"})


def attended(noun: int, verb: int, words: DocWords, lex: Lexicon) -> bool:
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


def framed_verb(noun: int, words: DocWords) -> int | None:
    """The verb whose clause the event noun ``noun`` frames as one of its phrases, alone or
    inside another ("en el marco de la Cumbre, se reunieron", "se reunieron ... durante la
    cumbre"), if any."""
    for _ in range(3):
        if words.dep[noun] not in ("obl", "nmod", "flat", "appos") or words.head[noun] == noun:
            return None
        noun = words.head[noun]
        if words.pos[noun] in ("VERB", "AUX"):
            return noun
    return None


def _number_differs(a: int, b: int, words: DocWords) -> bool:
    """Whether tokens ``a`` and ``b`` are both marked for number, differently."""
    na, nb = feats(words.tokens[a], "Number"), feats(words.tokens[b], "Number")
    return bool(na and nb and na != nb)
