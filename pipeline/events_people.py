"""Who took part in merged events, told elsewhere in the document than their own mentions.

Pure helpers of the events stage (:mod:`pipeline.events`), applied after the mentions of a
document are merged into events (:class:`~pipeline.events_merge.Draft`):

- an elided or collective plural subject ("sostuvieron una conversación", "los dos
  ministros firmaron") stands for the people of the event mentioned earlier in its sentence,
  else of the one told just before (:func:`inherit_plural_actors`);
- a meeting or summit framing its sentence was attended by the people of the events told in
  it, which take place where it does (:func:`inherit_framed_people`);
- a sentence with no event of its own that tells who else took part ("Por parte de México,
  participaron ...", "La delegación china estuvo conformada por ...") adds them to the event
  told before it (:func:`join_delegation_lines`);
- partners split off by ", y con" who serve one government are one delegation
  (:func:`rejoin_delegations`); which actors count as an event's participants
  (:func:`taking_part`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .docparse import feats
from .events_actors import listed_after_colon
from .events_attach import DocIndex
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_merge import Draft, by_head, resolved
from .events_syntax import tense
from .events_words import DocWords


#: Plural subjects that stand for the people already named ("ambos cancilleres", "los dos").
_COLLECTIVE_DET = frozenset({"ambos", "ambas", "dos"})


#: Kinds of event whose frame ("En el marco de la Cumbre, ...") is attended by who meets in it.
_GATHERINGS = frozenset({"meeting", "summit"})
#: Kinds of event whose frame is where what it frames takes place: gatherings and visits.
_PLACE_FRAMES = _GATHERINGS | {"visit"}


def inherit_framed_people(events: list[Draft], mentions: Sequence[EventMention], words: DocWords,
                          lex: Lexicon) -> None:
    """A meeting or summit that frames the rest of its sentence ("En el marco de la Reunión
    Ministerial del G7, el canciller sostuvo un encuentro con X"; "Al margen de la Cumbre, ...",
    the summit told before; "En la reunión, ..." opening the sentence) was attended by the people
    of the events told in that frame; those with no place of their own took place where it did
    ("En el marco de la 54 Asamblea General de la OEA, celebrada en Asunción, ..."). A visit
    framing its sentence ("Durante su visita, se reunió con X") gives only its place: whom the
    visitor met there is no party to the visit. A frame after its clause ("se reunieron en Kuala
    Lumpur, en el marco de la Cumbre de la ASEAN") frames that clause's event. A frame with no
    place of its own was where what it frames took place, unless it is told as before or after it."""
    owner = by_head(events)
    for m in mentions:
        frame = owner.get(m.head)
        if frame is None or not ((m.frame or "opens" in m.attrs) and m.pos == "noun" and frame.kind in _PLACE_FRAMES):
            continue
        for e in events:
            if e is not frame and e.lead.sent == m.sent and not e.lead.frame \
                    and (e.lead.start > m.end or m.attrs.get("framed") == e.lead.anchor) \
                    and not (e.status == "planned" and frame.status == "held"):  # ("En la Cumbre,
                # acordó reunirse el próximo mes con X": not there, nor X at the summit)
                if frame.kind in _GATHERINGS:
                    frame.actors |= resolved(e.actors)
                if e.place is None and (frame.kind in _GATHERINGS or _within(e, frame)):
                    e.place = frame.place  # (not "Durante su visita a X, recordó la reunión del año pasado")
                elif frame.place is None and frame.status == e.status and not lex.any_at(
                        "sequence", words, range(max(0, m.start - 4), m.start)):
                    frame.place = e.place  # "se reunieron en Kuala Lumpur, en el marco de la Cumbre de
                    # la ASEAN": the summit was there too (not "Antes de la reunión, Bogotá recibió a X")


def _within(e: Draft, frame: Draft) -> bool:
    """Whether event ``e`` may fall within ``frame``'s time: undated, inside the frame's dates, or,
    with a frame of no date, dated finer than a year ("el lunes", not "el año pasado")."""
    if e.date_start is None or e.date_end is None:
        return True
    if frame.date_start is None or frame.date_end is None:
        return e.granularity != "year"
    return frame.date_start <= e.date_start and e.date_end <= frame.date_end


def _collective(e: Draft, lex: Lexicon, words: DocWords) -> str | None:
    """How the event's plural verb stands for people named before: "explicit" with no subject
    of its own or with "ambos", "los dos" ("ambos funcionarios"; for a named event only these:
    "ambos mandatarios participarán en la X Cumbre"), "class" with a plural title ("los
    cancilleres"), None when it does not."""
    pos, dep, up, low_ = words.pos, words.dep, words.head, words.low
    anchor = e.lead.anchor
    if pos[anchor] not in ("VERB", "AUX") or e.lead.frame:
        return None
    for _ in range(3):  # "acordaron reunirse" ("acordaron reactivar X y realizar Y"): the
        # subject of the verb that governs it
        if "Inf" in feats(words.tokens[anchor], "VerbForm") and dep[anchor] in ("xcomp", "ccomp", "conj") \
                and pos[up[anchor]] in ("VERB", "AUX"):
            anchor = up[anchor]
    if "Plur" not in feats(words.tokens[anchor], "Number"):
        return None
    subject = next(iter(words.subjects_of(anchor)), None)
    subtree = words.subtree(subject, len(low_)) if subject is not None else []  # (all of Token.subtree)
    determiners = {low_[subject], *(low_[c] for c in words.children[subject])} if subject is not None else set()
    if determiners & _COLLECTIVE_DET or (
            {low_[t] for t in subtree} & _COLLECTIVE_DET and not lex.has_at("team", words, subject)):
        return "explicit"  # "ambos mandatarios participarán en la Cumbre de Líderes", "los jefes de Estado de
        # ambos países": the two named before (not "los equipos de ambos países": cue class team)
    if _names_its_class(e.lead.head, words):
        return None
    if subject is not None and low_[subject] == "que" and dep[anchor].startswith("acl") \
            and "Plur" not in feats(words.tokens[up[anchor]], "Number"):
        subject = None  # "la conversación que tuvieron": the plural verb does not agree with the
        # singular noun "que" stands for, so "que" is its object and the verb has no subject
    if subject is None:
        return "explicit" if not e.name and not any(
            low_[j] in ("se",) for j in range(max(0, anchor - 2), anchor)) else None
    plural_title = not e.name and "Plur" in feats(words.tokens[subject], "Number") \
        and lex.has_at("person_head", words, subject) and len(subtree) <= 3 \
        and any(dep[c] == "det" and low_[c] in ("los", "las") for c in words.children[subject])
    return "class" if plural_title else None


def _names_its_class(head: int, words: DocWords) -> bool:
    """"un nuevo encuentro de empresarios", "la reunión de ministros": the event noun ``head``
    names who takes part by a bare plural noun after "de", so it is not the event before it."""
    for c in words.children[head]:
        if words.pos[c] == "NOUN" and "de" in words.case_of[c] and "Plur" in feats(words.tokens[c], "Number") \
                and not any(words.dep[g] == "det" for g in words.children[c]):
            return True
    return False


def inherit_plural_actors(events: list[Draft], mentions: Sequence[EventMention], lex: Lexicon,
                          words: DocWords) -> None:
    """An event with a plural subject that names no one ("acordaron reunirse", "ambos
    cancilleres") takes the participants of an event with two or more: one mentioned earlier
    in its sentence ("En la videoconferencia, ambos cancilleres acordaron realizar una
    sesión": over the two foreign ministers the participants stage read in "ambos
    cancilleres"), else, if it names no one at all, the one told just before it."""
    ordered = sorted(events, key=lambda d: d.start)
    owner = by_head(events)

    def several(d: Draft) -> bool:
        return len(resolved(d.actors)) >= 2

    in_order = sorted(mentions, key=lambda m: m.start)
    for n, e in enumerate(ordered):
        kind = _collective(e, lex, words)
        if kind is None:
            continue
        told = [owner[m.head] for m in in_order
                if m.sent == e.lead.sent and m.end <= e.lead.start and owner.get(m.head) not in (None, e)]
        framing = [p for p in told if several(p)]
        if framing:
            e.actors = resolved(e.partners) | framing[-1].actors
        elif not e.actors or (kind == "explicit" and not e.actors - e.partners):  # ("ambos ... junto
            # con X"; not "los cancilleres se reunieron con X" after two presidents)
            before = [p for p in ordered[:n] if several(p)]
            if before:
                e.actors |= before[-1].actors


#: Kinds of event a delegation takes part in ("Por parte de México participaron ...").
_DELEGATION_KINDS = frozenset({"meeting", "summit", "visit", "signing"})


#: Verb tenses and the status of the event a line about its delegations may be about.
_TENSE_STATUS = {"Past": "held", "Imp": "held", "Fut": "planned"}


def join_delegation_lines(events: list[Draft], mentions: Sequence[EventMention], lex: Lexicon,
                          index: DocIndex, inside: Callable[[int], bool]) -> None:
    """People a sentence with no event mention of its own says took part add to the event told
    before it: the subject of a verb of taking part with no "en"/"a" complement of its own
    other than a place's name or one the parse hung the people on ("Por parte de México,
    participaron la subsecretaria X y el director Y"; cue class ``joins_subj``; also the people
    of a list after a colon, :func:`listed_after_colon`), or the "por" agent of a delegation's
    make-up ("La delegación china estuvo conformada por X, ministro consejero, y Z";
    ``joins_agent``). The event is the last meeting, summit, visit or signing before the
    sentence whose status fits the verb's tense."""
    words = index.words
    told = {words.sent_of[m.head] for m in mentions if m.strong}
    # the verbs the mentions already read ("En el encuentro participaron X y Y")
    verbs = {m.anchor for m in mentions} | {m.support for m in mentions if m.support is not None}
    ordered = sorted((e for e in events if e.kind in _DELEGATION_KINDS), key=lambda d: d.start)
    cues = lex.cues.get("joins_subj", {}).keys() | lex.cues.get("joins_agent", {}).keys()
    if not ordered or (cues.isdisjoint(words.low) and cues.isdisjoint(words.lem)):
        return  # (most documents: no word of either class, and no token to look at)
    for verb in [k for k, (low, lem) in enumerate(zip(words.low, words.lem)) if low in cues or lem in cues]:
        subject = lex.has_at("joins_subj", words, verb)
        agent = not subject and lex.has_at("joins_agent", words, verb)
        if not (subject or agent) or words.sent_of[verb] in told or verb in verbs \
                or not inside(words.idx[verb]):
            continue
        # an "en"/"a" phrase is taking part in something else ("participó en la inauguración"),
        # unless it is a name (a place) or names the people: the parse hangs a list of subjects
        # on a title's place or on the verb ("la embajadora en Estados Unidos, X, y el Y")
        children = words.children[verb]
        phrases = [c for c in children if words.case_of[c] & {"en", "a", "al"}]
        named = [c for c in phrases if any(k in index.actors_of for k in _listed([c], words))]
        if subject and words.pos[verb] == "VERB" and all(
                c in named or words.pos[c] == "PROPN" for c in phrases):
            heads = [c for c in children if words.dep[c] == "nsubj" or (words.dep[c] == "obj" and c > verb) or (
                words.dep[c] == "conj" and words.pos[c] in ("NOUN", "PROPN"))] + named  # (these verbs take no
            # object: "asistirán el canciller X y ..." is a subject the parse took for one)
        elif agent:
            heads = [c for c in words.children[verb] if "por" in words.case_of[c]]
        else:
            continue
        people = {a for k in _listed(heads, words) for a in index.actors_of.get(k, ())}
        if subject:  # "Participaron también:" and one line per person
            people |= listed_after_colon(verb, index)
        status = _TENSE_STATUS.get(tense(verb, words) or "")
        before = [e for e in ordered if e.start < words.idx[verb] and status in (None, e.status)]
        if people and before:
            before[-1].actors |= people


def _listed(heads: list[int], words: DocWords) -> list[int]:
    """The tokens naming the members of a list: each head, the heads coordinated with it or in
    apposition to it ("la subsecretaria Teresa Mercado", "Zhu Jian, ministro consejero, y Chen
    Xiang") and the rest of their names ("Zhu Jian": flat; "De la Fuente"), not the people their
    titles name ("asesora del presidente Joe Biden")."""
    out, todo = [], list(heads)
    while todo:
        k = todo.pop()
        out.append(k)
        for c in words.children[k]:
            if words.dep[c] in ("conj", "appos"):
                todo.append(c)
            elif words.dep[c] == "flat" or (words.dep[c] == "nmod" and any(
                    words.texts[g] in ("De", "Del") for g in words.children[c])):
                out.append(c)  # (a surname the parse takes for a complement: "el canciller De la Fuente")
    return out


def rejoin_delegations(drafts: list[tuple[Draft, bool]], sides: dict[str, str | None]) -> list[tuple[Draft, bool]]:
    """"se reunió con el vicepresidente X, y con el secretario de Estado Y": partners split off
    by ", y con" who serve the same government as the partners before them are one delegation
    at one meeting (``sides``: actor id -> country or organization); people of different
    sides ("con el ministro X, y con la secretaria general de un organismo, Y") stay apart."""
    out: list[tuple[Draft, bool]] = []
    for draft, weak in drafts:
        m = draft.lead
        prev = out[-1][0] if out else None
        if m.attrs.get("comma") and prev is not None and prev.lead.head == m.head:
            mine = {sides.get(a) for a in resolved(draft.partners)}
            theirs = {sides.get(a) for a in resolved(prev.partners)}
            if len(mine) == 1 and mine == theirs and None not in mine:
                prev.partners |= draft.partners
                prev.actors |= draft.actors
                prev.end = max(prev.end, draft.end)
                continue
        out.append((draft, weak))
    return out


def taking_part(d: Draft, kinds: dict[str, str]) -> set[str]:
    """The participants of an event: people and working groups; an organization or country only
    as the partner met when no person is ("se reunió con la OEA"), never as the body that reports
    or announces the event ("precisó la cancillería") nor beside the people who met."""
    people = {a for a in d.actors if kinds.get(a, "person") in ("person", "group")}
    bodies = {a for a in d.partners if kinds.get(a) in ("organization", "country")}
    if any(kinds.get(a, "person") == "person" for a in d.partners):
        return people
    return people | bodies
