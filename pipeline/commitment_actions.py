"""Where a committed action is in the text (pure helpers of the commitments stage).

* :func:`units`: the doc's sentences, cut at line breaks (after a colon spaCy often runs a
  list into one sentence, or splits a sentence across paragraphs).
* :func:`complement_root`: the head of the trigger's complement from the dependency parse.
* :func:`action_spans`: the action's token span(s); coordinated distinct verbs give one each.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .commitment_doc import DocTokens
from .docparse import DocView, feats, view

#: tokens that may open a complement but are not part of the action
_LEAD_POS = frozenset({"ADP", "SCONJ", "PUNCT", "CCONJ", "SPACE"})
_TRAIL_POS = frozenset({"ADP", "SCONJ", "PUNCT", "CCONJ", "SPACE", "DET"})
_CONTENT_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ", "NUM", "PRON"})
#: dependencies of the words that join a coordinated action to the one before ("así como a")
_LINKERS = frozenset({"cc", "mark", "case", "fixed", "advmod", "punct"})
#: coordinated verbs become separate actions when the first has this many words of its own
MIN_SPLIT_WORDS = 2


def units(doc: Doc, tokens: DocTokens | None = None) -> list[Span]:
    """Sentences cut at line breaks: the spans in which triggers and actions are sought.

    ``tokens`` is the document's :class:`~pipeline.commitment_doc.DocTokens` (built here if
    not given).
    """
    tokens = tokens if tokens is not None else DocTokens(doc)
    breaks, space = tokens.line_breaks, tokens.is_space
    bounds = [*tokens.sent_starts[1:], len(space)]
    out: list[tuple[int, int]] = []
    for sent_start, sent_end in zip(tokens.sent_starts, bounds):
        start = sent_start
        lo = bisect.bisect_left(breaks, sent_start)
        for i in breaks[lo:bisect.bisect_left(breaks, sent_end, lo)]:  # a SPACE token of its own
            if i > start:
                out.append((start, i))
            start = i + 1
        if sent_end > start:
            out.append((start, sent_end))
    return [Span(doc, s, e) for s, e in out if not all(space[s:e])]  # doc[s:e] less the slice checks


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or bool(feats(token, "VerbForm"))


#: dependency relations by which a trigger governs its complement, in order of preference
_COMPLEMENT_DEPS = ("xcomp", "ccomp", "csubj")


def complement_root(trigger_tokens: tuple[Token, ...], lo: int, hi: int) -> Token | None:
    """The head of the complement that follows the trigger, within doc indices [lo, hi).

    Preferably a verb the trigger governs (xcomp, ccomp, ...); else the first content token
    after the trigger, climbed up the parse while its head stays in the region.
    """
    if lo >= hi:
        return None
    doc = trigger_tokens[0].doc
    inside = {t.i for t in trigger_tokens}
    governed = [c for t in trigger_tokens for c in t.children
                if lo <= c.i < hi and c.i not in inside and c.dep_ in _COMPLEMENT_DEPS]
    verbs = sorted((c for c in governed if is_verb(c)), key=lambda c: c.i)
    if verbs:
        return verbs[0]
    parse = view(doc)
    pos, texts, heads = parse.pos, parse.texts, parse.head
    # Token.lower_ is the text's lower()
    node = next((i for i in range(lo, hi) if pos[i] in _CONTENT_POS and texts[i].lower() not in ("que", "lo")), None)
    if node is None:
        return None
    seen = set()
    while heads[node] != node and lo <= heads[node] < hi and heads[node] not in inside:
        if node in seen:
            break
        seen.add(node)
        node = heads[node]
    return doc[node]


def _trim(idx: list[int], doc: Doc) -> list[int]:
    """``idx`` (token indexes) without the function words and punctuation at its ends."""
    lo, hi = 0, len(idx)
    while lo < hi and ((t := doc[idx[lo]]).pos_ in _LEAD_POS or t.lower_ in ("que", "a", "en", "de")):
        if t.dep_ == "case" and t.head.pos_ in ("NOUN", "PROPN", "NUM") and t.head.i in idx[lo + 1:hi]:
            break  # "en septiembre volverá a Washington": the case of a phrase of the action
        lo += 1
    while hi > lo and ((t := doc[idx[hi - 1]]).pos_ in _TRAIL_POS or t.is_punct):
        hi -= 1
    return idx[lo:hi]


#: Relative pronouns that open a clause on the action's object ("..., que", "..., el cual").
_RELATIVES = frozenset({"que", "quien", "quienes", "cual", "cuales"})


@dataclass(frozen=True)
class ActionSpan:
    start: int  # doc token index
    end: int
    head: Token


def _subtree_range(root: int, lo: int, hi: int, skip: set[int], parse: DocView) -> list[int]:
    """Indexes from the first to the last token of ``root``'s subtree (in subtree order)
    inside [lo, hi), less ``skip``."""
    inside = [i for i in parse.subtree(root) if lo <= i < hi and i not in skip]
    if not inside:
        return []
    return [i for i in range(inside[0], inside[-1] + 1) if i not in skip]


def _conjuncts(head: Token, lo: int, hi: int) -> list[Token]:
    """The verbs coordinated with ``head`` inside [lo, hi) that are actions of their own, in
    order, with theirs ("reactivar X, ampliar Y y realizar Z": the parse hangs "realizar" on
    "ampliar"); none when ``head`` has too few words of its own: :data:`MIN_SPLIT_WORDS` before
    "y" ("dar continuidad y fortalecer X" is one action), one before a comma ("fortalecer la
    cooperación, ampliar Y" are two; "fortalecer, ampliar y diversificar X" one)."""
    found = [c for c in head.children if _coordinated(c) and c.i > head.i and lo <= c.i < hi
             and is_verb(c) and is_verb(head) and feats(c, "VerbForm") == feats(head, "VerbForm")]
    found += _stray_infinitives(head, lo, hi)
    if found and _own_words(head, found[0]) < (MIN_SPLIT_WORDS if found[0].dep_ == "conj" else 1):
        return []
    return sorted([*found, *(n for c in found for n in _conjuncts(c, lo, hi))], key=lambda t: t.i)


#: Dependencies of a word inside a noun phrase.
_NOMINAL_DEPS = frozenset({"obj", "nmod", "obl", "appos", "flat", "compound"})


def _stray_infinitives(head: Token, lo: int, hi: int) -> list[Token]:
    """Infinitives the parse coordinates with a word of the infinitive ``head``'s noun phrase
    ("realizar una entrega de insumos en marzo y evaluar X": "insumos", read as a verb, takes
    "evaluar"): coordinated with ``head``, when every word from there up to ``head`` hangs as a
    noun does."""
    if "Inf" not in feats(head, "VerbForm"):
        return []
    out = []
    for obj in head.children:
        if obj.dep_ != "obj" or obj.i < head.i:
            continue
        for t in obj.subtree:
            if t.dep_ == "conj" and lo <= t.i < hi and t.head.i != head.i and "Inf" in feats(t, "VerbForm") \
                    and "Inf" not in feats(t.head, "VerbForm") and _hangs_as_nouns(t.head, head):
                out.append(t)
    return out


def _hangs_as_nouns(token: Token, top: Token) -> bool:
    """Whether every word from ``token`` up to ``top`` (not included) hangs as a noun does."""
    while token.i != top.i:
        if token.dep_ not in _NOMINAL_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def _own_words(root: Token, conj: Token) -> int:
    """Content words of the first conjunct after its verb: "mantener el contacto" has 1."""
    return sum(1 for t in root.doc[root.i + 1:conj.i]
               if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "NUM") and t.dep_ != "conj")


def _extend(idx: list[int], root: Token, hi: int) -> list[int]:
    """Add the adjacent phrases the parser hung on the trigger instead of on the action's
    head ("ofreció el apoyo | a Guatemala | en el manejo de ..."), up to a comma or a verb."""
    doc = root.doc
    trigger = root.head
    end = idx[-1] + 1
    while end < hi:
        t = doc[end]
        if t.is_punct or t.is_space or t.head.i == t.i:
            break
        node = t
        while node.head.i != trigger.i and node.head.i != node.i and node.head.i >= end:
            node = node.head
        if node.head.i != trigger.i or is_verb(node) or node.dep_ not in ("obl", "nmod", "obj"):
            break
        last = max(x.i for x in node.subtree)
        if last < end or last >= hi:
            break
        idx = idx + list(range(end, last + 1))
        end = last + 1
    return idx


def action_spans(root: Token, lo: int, hi: int, split_coordination: bool = True) -> list[ActionSpan]:
    """The action(s) headed by ``root`` inside doc indices [lo, hi).

    With ``split_coordination``, a verb coordinated with the head ("fortalecer A y ampliar B"),
    or an infinitive after ", así como" wherever the parse hangs it, becomes an action of its
    own; coordinated nouns stay in one action. Subtrees are read as
    indexes from the shared parse view (no Token per word of the action).
    """
    doc = root.doc
    parse = view(doc)
    conjs = _conjuncts(root, lo, hi) if split_coordination else []
    # what each conjunct takes from the verb it hangs on: its subtree and its "y"
    taken = [{*parse.subtree(c.i), *(t.i for t in c.children if t.dep_ == "cc")} for c in conjs]
    skip: set[int] = set().union(*taken)
    out: list[ActionSpan] = []
    first = _trim(_subtree_range(root.i, lo, hi, skip, parse), doc)
    if first and not conjs:
        first = _trim(_extend(first, root, hi), doc)
    # a gap in the first span (a skipped conjunct in the middle) ends it
    if first and first[-1] - first[0] >= len(first):  # increasing indexes with a gap
        n = next(n for n in range(1, len(first)) if first[n] != first[n - 1] + 1)
        first = _trim(first[:n], doc)
    if first:
        out.append(ActionSpan(first[0], first[-1] + 1, root))
    for k, c in enumerate(conjs):
        idx = _trim(_subtree_range(c.i, lo, hi, set().union(*taken[k + 1:]), parse), doc)
        while idx and idx[0] < c.i and doc[idx[0]].dep_ in _LINKERS:
            idx = idx[1:]  # ", así como a ampliar Y": the action is "ampliar Y"
        if idx:
            out.append(ActionSpan(idx[0], idx[-1] + 1, c))
    if not split_coordination:
        return out
    out = [piece for span in out for piece in _split_asi_como(span, doc)]
    if out:  # "acordaron fortalecer X, así como ampliar Y": the parse hangs "ampliar" on the trigger
        i = out[-1].end
        if i + 3 < hi and doc[i].text == "," and _asi_como_verb(doc, i + 1) and doc[i + 3].head.i == root.head.i:
            idx = _trim([k for k in _subtree_range(i + 3, lo, hi, set(), parse) if k >= i + 3], doc)
            if idx:  # (from the verb on: "así como" hangs on it)
                out.append(ActionSpan(idx[0], idx[-1] + 1, doc[i + 3]))
    out = _series([_without_past_relative(span, doc) for span in out], root, lo, hi)
    if out and root.i > 0 and doc[root.i - 1].lower_ == "a":
        out = _and_a(out, lo, hi, parse)
    return out


def _series(out: list[ActionSpan], root: Token, lo: int, hi: int) -> list[ActionSpan]:
    """"se comprometen a reducir X, promover Y y combatir Z": the parse hangs the second
    infinitive of a series on the trigger, after the comma or semicolon that ends the first
    action (and a "y" or an "a": ", y presentar", ", a promover"); each such infinitive heads
    actions of its own (with its own conjuncts: "combatir Z")."""
    doc = root.doc
    while out and root.head.i != root.i:
        i = out[-1].end
        if not (i < hi and doc[i].text in (",", ";")):
            break
        j = i + 1
        while j < min(hi, i + 3) and doc[j].lower_ in _SERIES_LINKS:
            j += 1
        if not (j < hi and doc[j].head.i == root.head.i and "Inf" in feats(doc[j], "VerbForm")):
            break
        more = action_spans(doc[j], lo, hi)
        if not more or more[-1].end <= i:
            break
        out = out + more
    return out


#: What may stand between two actions of a series besides the comma: ", y presentar", ", a promover".
_SERIES_LINKS = frozenset({"y", "e", "a"})


def _without_past_relative(span: ActionSpan, doc: Doc) -> ActionSpan:
    """An action ends before a relative clause set off by a comma that tells the past ("relanzar
    el diálogo trilateral, que permaneció interrumpido ..."): background, not what is to be
    done ("convocar al grupo, el cual sesionará en ..." keeps its relative)."""
    for i in range(span.start + 1, span.end - 1):
        if doc[i].text != ",":
            continue
        j = i + 2 if doc[i + 1].lower_ in ("el", "la", "los", "las") else i + 1
        if j >= span.end or doc[j].lower_ not in _RELATIVES:
            continue
        if any(doc[k].text == "," for k in range(j + 1, span.end - 1)):
            continue  # ", que firmaron en 2019, antes de que ...": a relative set in, the action goes on
        verb = doc[j].head
        if _morph_has(verb, "Tense", ("Past", "Imp")) and _morph_has(verb, "Mood", ("Ind",)):
            kept = _trim(list(range(span.start, i)), doc)
            return ActionSpan(kept[0], kept[-1] + 1, span.head) if kept else span
    return span


def _morph_has(token: Token, field: str, values: tuple[str, ...]) -> bool:
    return any(v in values for v in feats(token, field))


def _and_a(out: list[ActionSpan], lo: int, hi: int, parse: DocView) -> list[ActionSpan]:
    """"se comprometieron a firmar X antes de que termine el año y a someterlo a Y": the
    parse hangs the time clause on the trigger and "someterlo" inside it; after an action
    introduced by "a", "y a" + infinitive further on in the clause starts another action, and
    what stands between belongs to the first."""
    doc, last = out[-1].head.doc, out[-1]
    for k in range(last.end, min(hi, last.end + 15) - 2):
        if doc[k].is_punct and doc[k].text != ",":
            break
        if doc[k].lower_ in ("y", "e") and doc[k + 1].lower_ == "a" and "Inf" in feats(doc[k + 2], "VerbForm"):
            first = _trim(list(range(last.start, k)), doc)
            idx = _trim([i for i in _subtree_range(k + 2, lo, hi, set(), parse) if i >= k + 2], doc)
            if not first or not idx:
                return out
            return [*out[:-1], ActionSpan(first[0], first[-1] + 1, last.head),
                    ActionSpan(idx[0], idx[-1] + 1, doc[k + 2])]
    return out


def _coordinated(verb: Token) -> bool:
    """A verb coordinated with its head: a conjunct, or a list member the parse takes for an
    adverbial clause (", promover la inversión y ..."): after a comma, with no subordinator."""
    if verb.dep_ == "conj":
        return True
    return verb.dep_ == "advcl" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
        and not any(c.dep_ == "mark" for c in verb.children)


def _asi_como_verb(doc: Doc, i: int) -> bool:
    """Whether "así como" + an infinitive starts at token ``i``."""
    return i + 2 < len(doc) and doc[i].lower_ == "así" and doc[i + 1].lower_ == "como" \
        and "Inf" in feats(doc[i + 2], "VerbForm")


def _split_asi_como(span: ActionSpan, doc: Doc) -> list[ActionSpan]:
    """An infinitive action goes on with another after ", así como" + infinitive ("reforzar el
    acercamiento con las radios ..., así como difundir los números") that the parse hung deep
    inside the first: two actions."""
    if "Inf" not in feats(span.head, "VerbForm"):
        return [span]
    for i in range(span.start + 1, span.end - 2):
        if doc[i - 1].text == "," and _asi_como_verb(doc, i) and doc[i + 2].head.i != span.head.i:
            first = _trim(list(range(span.start, i - 1)), doc)
            if not first:
                return [span]
            return [ActionSpan(first[0], first[-1] + 1, span.head),
                    *_split_asi_como(ActionSpan(i + 2, span.end, doc[i + 2]), doc)]
    return [span]
