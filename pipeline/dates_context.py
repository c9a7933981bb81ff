"""What the parse and the surrounding text say about a temporal expression.

Helpers of the dates stage: the direction of the clause (tense of the governing verb), the
explicit cue words ("pasado", "próxima", "prevista para"), and the date an event-anchored
offset counts from. Reads the spaCy parse; writes nothing.

Public entry points: :func:`clause_direction`, :func:`cue_direction`, :func:`event_anchor`,
:func:`named_event`, :func:`day_in_sequence`, :class:`Sentences`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable

from spacy.symbols import ADJ, AUX, VERB
from spacy.tokens import Doc, Token

from .dates_normalize import Resolved
from .dates_patterns import Candidate, Lexicon
from .docparse import DocView, feats

#: How many heads to climb from an expression to its verb.
MAX_HOPS = 5
#: Characters before an expression searched for "near" cues ("la próxima reunión, el 23 de enero").
NEAR_WINDOW = 30
#: Sentences back an offset without "de que X" ("tres días después", "ese mismo día") may look.
LOOKBACK_SENTENCES = 3
_DEFINITE = frozenset({"el", "la", "dicho", "dicha", "este", "esta", "esa", "ese"})
#: What may stand between "de" and the event noun it introduces ("después de la llamada", "del encuentro").
_EVENT_DETERMINERS = _DEFINITE | {"los", "las", "su", "sus"}
#: Characters between an event noun and a date for the date to be that event's.
EVENT_WINDOW = 45
#: Characters back the earlier mention of an event ("tres días después de la llamada") is sought:
#: far more than a press text, so that a text of megabytes is not read again for every offset.
MENTION_REACH = 20_000
#: ``Token.pos`` of a verb or an auxiliary (``pos_`` "VERB", "AUX"), as the view's ``pos_ids``.
_VERBAL = frozenset({VERB, AUX})
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_CLAUSE_END = re.compile(r"[.;:!?]\s")
_TRAILING_ARTICLES = re.compile(r"(?:\s+(?:el|la|los|las|el\s+d[ií]a|los\s+d[ií]as|d[ií]a|d[ií]as))+$")


class Sentences:
    """Sentence boundaries of a doc as character offsets, for quick lookups.

    Read from the shared :class:`~pipeline.docparse.DocView` of the doc: ``doc.text`` at once,
    the sentence starts and character offsets the first time a lookup needs them (no Span or
    Token objects; many documents never need them)."""

    def __init__(self, parse: DocView) -> None:
        self.parse = parse
        self.text = parse.text  # doc.text, joined once per Doc (spaCy joins the tokens at every access)
        self.length = len(self.text)
        self.n_tokens = parse.n
        self._starts: list[int] | None = None
        self._token_starts: list[int] = [0]

    @property
    def starts(self) -> list[int]:
        """Character offset of each sentence's first token (``[0]`` for an empty doc)."""
        if self._starts is None:
            self._read()
        return self._starts  # type: ignore[return-value]

    @property
    def token_starts(self) -> list[int]:
        """Index of each sentence's first token (``[0]`` for an empty doc)."""
        if self._starts is None:
            self._read()
        return self._token_starts

    def _read(self) -> None:
        if not self.n_tokens:
            self._starts, self._token_starts = [0], [0]
            return
        self._token_starts = self.parse.sent_starts
        self._starts = self.parse.sent_start_chars

    def token_bounds(self, token_index: int) -> tuple[int, int]:
        """First and past-the-last token index of the sentence of a token."""
        starts = self.token_starts
        i = max(bisect.bisect_right(starts, token_index) - 1, 0)
        end = starts[i + 1] if i + 1 < len(starts) else self.n_tokens
        return starts[i], end

    def index(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def bounds(self, index: int) -> tuple[int, int]:
        index, starts = max(index, 0), self.starts
        end = starts[index + 1] if index + 1 < len(starts) else self.length
        return starts[index], end


def verb_tense(verb: Token) -> str | None:
    """``past``, ``future`` or None (present, infinitive, conditional) for a verb and its auxiliaries."""
    forms = feats(verb, "VerbForm")
    for aux in (c for c in verb.children if c.dep_ in ("aux", "aux:pass")):
        if aux.lemma_ == "haber" and "Part" in forms:
            return "past"
        if aux.lemma_ == "ir" and "Inf" in forms:
            return "future"
        tense = feats(aux, "Tense")
        if "Fut" in tense:
            return "future"
        if "Past" in tense or "Imp" in tense:
            return "past"
    if "Part" in forms:
        return "past"
    if "Inf" in forms or "Ger" in forms:
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "ir":
            return "future"
        return None
    tense, mood = feats(verb, "Tense"), feats(verb, "Mood")
    if "Fut" in tense:
        return "future"
    if "Cnd" in mood:
        return None
    if "Past" in tense or "Imp" in tense:
        return "past"
    if "Sub" in mood and "Pres" in tense:
        return "future"
    return None


def clause_direction(doc: Doc, start: int, end: int, sentences: Sentences) -> str | None:
    """The tense of the verb the expression depends on (climbing the parse), or of the nearest
    finite verb of its sentence, on its own line (a list item's: not the "acordaron:" above),
    or None.

    Reads the part of speech and the heads off the shared view (``head[i]`` is
    ``doc[i].head.i``); a Token is made for the tokens whose dependents or features are read."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    pos, head = sentences.parse.pos_ids, sentences.parse.head
    idx, text = sentences.parse.idx, sentences.text
    first, past = span.start, span.end

    def on_its_line(t: int) -> bool:
        return "\n" not in text[min(idx[t], idx[first]):max(idx[t], idx[first])]

    i = span.root.i
    for _ in range(MAX_HOPS):
        if pos[i] in _VERBAL and not first <= i < past:
            if not on_its_line(i):
                break  # a verb on another line ("acordaron:" above "• Convocar ... en abril")
            return verb_tense(doc[i])
        if pos[i] == ADJ and not first <= i < past and _done_thing(doc[i]):
            return "past"  # "según lo pactado en julio"
        copula = [c for c in doc[i].children if c.dep_ == "cop"]  # "la reunión será en marzo"
        if copula:
            return verb_tense(copula[0])
        if head[i] == i:
            break
        i = head[i]
    begin, stop = sentences.token_bounds(first)
    verbs = [t for t in range(begin, stop) if pos[t] in _VERBAL and "Fin" in feats(doc[t], "VerbForm")
             and on_its_line(t)]
    if not verbs:
        return None
    return verb_tense(doc[min(verbs, key=lambda t: abs(t - first))])


def _done_thing(adjective: Token) -> bool:
    """A participle made a noun by "lo" ("lo pactado", "lo acordado"): what was done."""
    return "Part" in feats(adjective, "VerbForm") and any(c.lower_ == "lo" for c in adjective.lefts)


def cue_direction(text: str, cand: Candidate, lex: Lexicon) -> str | None:
    """An explicit cue: a direction word inside the expression or a cue phrase just before it."""
    own = text[cand.start:cand.end].lower()
    inside = {lex.cues_inside[w] for w in _WORD.findall(own) if w in lex.cues_inside}
    if "que viene" in own:
        inside.add("future")
    if len(inside) == 1:
        return inside.pop()
    lead = cand.spans["pre"][1] if "pre" in cand.spans and cand.spans["pre"][0] == cand.start else cand.start
    before = _SPACES.sub(" ", text[max(0, cand.start - 40):lead].lower()).rstrip()
    before = _TRAILING_ARTICLES.sub("", before)
    for cue, direction in lex.cues_before:
        if before.endswith(cue) and (len(before) == len(cue) or not before[-len(cue) - 1].isalnum()):
            return direction
    near = _CLAUSE_END.split(text[max(0, cand.start - NEAR_WINDOW):cand.start].lower())[-1]
    found = {lex.cues_near[w] for w in _WORD.findall(near) if w in lex.cues_near}
    return found.pop() if len(found) == 1 else None


def _event_noun(doc: Doc, sentences: Sentences, cand: Candidate, nouns: frozenset[str]) -> int | None:
    """Index of the event noun nearest before the expression in its sentence ("La llamada ...
    tuvo lugar"): a token whose lower-cased text or lemma is one of ``nouns``."""
    first, _ = sentences.bounds(sentences.index(cand.start))
    span = doc.char_span(first, cand.start, alignment_mode="contract")
    if span is None:
        return None
    texts, lemmas = sentences.parse.texts, sentences.parse.lemmas  # .lower() as Token.lower_
    return next((i for i in reversed(range(span.start, span.end))
                 if texts[i].lower() in nouns or lemmas[i].lower() in nouns), None)


def named_event(parse: DocView, cand: Candidate, nouns: frozenset[str]) -> int | None:
    """Index of the event noun "de" introduces right after an offset ("tres días después de la
    llamada", "dos semanas antes del encuentro"), past an article or possessive; None when
    "de" ("de que" is a clause) names no event."""
    if cand.groups.get("x", "").strip().lower() != "de":
        return None
    start, _ = cand.spans["x"]
    texts, lemmas, idx = parse.texts, parse.lemmas, parse.idx
    i = bisect.bisect_left(idx, start)
    while i < parse.n and idx[i] < cand.spans["x"][1]:  # the "de" itself
        i += 1
    if i < parse.n and texts[i].lower() in _EVENT_DETERMINERS:
        i += 1
    if i < parse.n and (texts[i].lower() in nouns or lemmas[i].lower() in nouns):
        return i
    return None


def _dated_mention(sentences: Sentences, dated: list[tuple[Candidate, Resolved]], noun: int,
                   before: int) -> Resolved | None:
    """The date of the earlier mention of the event noun at token ``noun`` (same word or lemma;
    dates within :data:`EVENT_WINDOW` characters in its sentence, ending before character
    ``before``): "sostuvo una llamada el jueves ... tres días después de la llamada". Of the
    mentions, the last that goes on with the same two words ("la reunión con Perú"), else the
    last with a date the parse hangs on it ("una llamada ... para el jueves 6"), else the last
    that introduces one ("hubo una reunión"), else the first (not "informó sobre la reunión")."""
    texts, lemmas, idx = sentences.parse.texts, sentences.parse.lemmas, sentences.parse.idx
    key = {texts[noun].lower(), lemmas[noun].lower()}
    tail = [t.lower() for t in texts[noun + 1:noun + 3]]
    if not all(t.isalpha() for t in tail):
        tail = []  # ("la reunión, la canciller ...": no words of its own to match)
    first = bisect.bisect_left(idx, idx[noun] - MENTION_REACH)
    mentions = [k for k in range(first, noun) if texts[k].lower() in key or lemmas[k].lower() in key]
    options: list[tuple[tuple[int, int], Resolved]] = []  # ((tier, order), date): the lowest wins
    for n, k in enumerate(mentions):
        at = idx[k]
        s, e = sentences.bounds(sentences.index(at))
        near = sorted((d, c.start, r) for c, r in dated if s <= c.start < e and c.end <= before
                      and (d := min(abs(c.start - at), abs(at - c.end))) <= EVENT_WINDOW)
        if not near:
            continue
        hanging = [r for _, start, r in near if _hangs_on(start, k, sentences.parse)]
        if tail and [t.lower() for t in texts[k + 1:k + 3]] == tail:
            options.append(((0, -n), (hanging or [near[0][2]])[0]))
        elif hanging:
            options.append(((1, -n), hanging[0]))
        elif k > 0 and texts[k - 1].lower() in ("una", "un"):
            options.append(((2, -n), near[0][2]))  # "hubo una reunión con Perú": the last introduced
        else:
            options.append(((3, n), near[0][2]))
    return min(options, key=lambda o: o[0])[1] if options else None


def _hangs_on(char: int, noun: int, parse: DocView) -> bool:
    """Whether the token at character ``char`` depends on token ``noun`` (up to three arcs up)."""
    i = bisect.bisect_right(parse.idx, char) - 1
    for _ in range(3):
        if i == noun:
            return True
        if parse.head[i] == i:
            return False
        i = parse.head[i]
    return i == noun


def same_weekday(cand: Candidate, weekday: int | None,
                 done: list[tuple[Candidate, Resolved]]) -> Resolved | None:
    """For "ese mismo jueves": the last day named before that falls on that weekday."""
    if weekday is None:
        return None
    before = [r for c, r in done if c.end <= cand.start and r.granularity == "day"
              and r.date_start is not None and r.date_start.weekday() == weekday]
    return before[-1] if before else None


def day_in_sequence(cand: Candidate, weekday: int | None, found: Resolved, text: str,
                    done: list[tuple[Candidate, Resolved]], published: dt.date | None) -> dt.date | None:
    """For a bare weekday ("el miércoles") after a day still to come in its paragraph ("El lunes 16
    se reunirá con X. Al día siguiente viajará a Y y el miércoles concluirá su gira"): when the
    publication date puts it (``found``) between publication and that day, less than a week
    before it, the first such weekday after the day, if the weekday goes on a sequence ("y el
    martes") or falls in the week before the day's; else None (the date found
    stands: "vence el viernes 20. El miércoles presentará el informe" is that week's Wednesday)."""
    if weekday is None or published is None or found.granularity != "day" or found.date_start is None \
            or found.date_start < published:
        return None
    goes_on = text[:cand.start].rstrip().endswith(" y")  # "Al día siguiente viajará a Lima y el martes"
    before = [(c, r) for c, r in done if c.end <= cand.start and r.granularity == "day" and r.date_start is not None]
    if not before:
        return None
    c, r = before[-1]  # the day told last ("entre el miércoles y el jueves": the Wednesday)
    day = r.date_start
    if not 0 < (day - found.date_start).days < 7 or "\n\n" in text[c.end:cand.start] \
            or not (goes_on or day.isocalendar()[:2] != found.date_start.isocalendar()[:2]):
        return None
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def preceding_day(cand: Candidate, done: list[tuple[Candidate, Resolved]], published,  # noqa: ANN001
                  direction: str | None) -> Resolved | None:
    """The day a clock time without its own day falls on: the last day named before it that fits
    the tense (not after publication in a past clause, not before it in a future one)."""
    days = fitting_tense([r for c, r in done if c.end <= cand.start and r.granularity == "day" and r.date_start],
                         published, direction)
    return days[-1] if days else None


def fitting_tense(found: list[Resolved], published, direction: str | None) -> list[Resolved]:  # noqa: ANN001
    """The dates of ``found`` a clause of that ``direction`` may count from: none after
    publication in a past clause, none before it in a future one (all without either)."""
    if published is not None and direction == "past":
        return [r for r in found if r.date_start <= published]
    if published is not None and direction == "future":
        return [r for r in found if r.date_start >= published]
    return found


def event_anchor(doc: Doc, sentences: Sentences, cand: Candidate,
                 done: list[tuple[Candidate, Resolved]], nouns: frozenset[str],
                 fits: Callable[[list[Resolved]], list[Resolved]] = list) -> tuple[Resolved | None, bool]:
    """The date an anchored offset counts from, and whether it is the expression's own event.

    "N días después de que X": the day of the expression's own event when an earlier mention
    of that event (same noun) has a date (``True``); else X's date, the first date after the
    expression in its sentence (``False``). "N días después" alone counts from the last date
    of this or the previous sentences that ``fits`` keeps (:func:`fitting_tense`: "Un día antes,
    X había conversado" counts from no meeting planned for next week).
    """
    index = sentences.index(cand.start)
    _, sentence_end = sentences.bounds(index)
    dated = [(c, r) for c, r in done if r.date_start is not None and r.type in ("DATE", "TIME")]
    if cand.groups.get("x"):
        named = named_event(sentences.parse, cand, nouns)
        if named is not None:  # "tres días después de la llamada": the call's date, told before
            told = _dated_mention(sentences, dated, named, cand.start)
            if told is not None:
                return told, False
        noun = _event_noun(doc, sentences, cand, nouns)
        if noun is not None:
            told = _dated_mention(sentences, dated, noun, cand.start)
            if told is not None:
                return told, True
        after = [r for c, r in dated if cand.end <= c.start < sentence_end]
        if after:
            return after[0], False
        idx = sentences.parse.idx
        if noun is not None and noun > 0 and sentences.parse.texts[noun - 1].lower() in _DEFINITE:
            # "El encuentro se celebró...": the report's lead event
            lead = [r for c, r in dated if c.end <= idx[noun] and r.granularity == "day"]
            if lead:
                return lead[0], True
        return None, False
    first, _ = sentences.bounds(index - LOOKBACK_SENTENCES)
    before = fits([r for c, r in dated if first <= c.start and c.end <= cand.start])
    return (before[-1], False) if before else (None, False)
