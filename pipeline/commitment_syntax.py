"""Syntax helpers of the commitments stage's actor resolution (pure functions of the parse).

* :func:`subject_tokens`: the subject phrase(s) of a verb, without clauses hung on them;
* :func:`is_genitive`, :func:`is_oblique`: a name inside "de X" or a prepositional phrase
  (no party itself);
* :func:`comitative_tokens`: the "con X" parties of a trigger;
* :func:`relative_antecedent`: the antecedent of "con quien acordó ...";
* :func:`is_clause`, :func:`is_future`: what a list item or a complement is.

They take and give Tokens (:func:`subject_tokens` walks the shared parse view of
:mod:`pipeline.docparse` as indexes); :mod:`pipeline.commitment_actors` maps the tokens to
actor ids.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Sequence

from spacy.tokens import Span, Token

from .commitment_actions import is_verb
from .docparse import DocView, feats, view

#: dependency labels of a subject
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj")


def subject_tokens(head: Token, unit: Span | None = None, names: Container[int] = ()) -> list[Token]:
    """The subject subtree(s) of a verb (or of the verb it is coordinated with), in ``unit``.

    A noun trigger ("Detalló la instrucción para ...") takes its verb's subject. A line break
    parsed as a subject (the parser does so across paragraphs) stands for the names hung on
    it, if any. A phrase with a preposition ("con X") is no subject, unless the preposition is
    in a name (``names``: indexes of tokens that mention someone; "De la Fuente"). The parse is
    walked as indexes on the shared view; Tokens are made for the subject found only.
    """
    doc = head.doc
    parse = view(doc)
    children, dep, pos, texts = parse.children, parse.dep, parse.pos, parse.texts
    lo, hi = (unit.start, unit.end) if unit is not None else (0, len(doc))

    def no_case(c: int) -> bool:  # "con X" is no subject
        return not any(dep[g] == "case" and g not in names for g in children[c])

    node = head.i
    for _ in range(3):
        subj = [c for c in children[node] if dep[c] in SUBJECT_DEPS and c != head.i and no_case(c)]
        if len(subj) == 1 and texts[subj[0]].lower() in _WHO and dep[node] in ("acl", "acl:relcl"):
            subj = [_antecedent(node, parse, texts[subj[0]].lower() == "quienes")]  # "X y Y, quienes
            # se comprometieron a ...": X and Y
        # Token.is_space is the text's isspace()
        tokens = [i for s in subj for i in _core(s, children, dep) if lo <= i < hi and not texts[i].isspace()]
        if any(texts[s].isspace() for s in subj):  # keep only the bare names hung on the line break
            tokens = [i for s in subj for c in ([s] if not texts[s].isspace() else children[s])
                      if no_case(c) and pos[c] in ("NOUN", "PROPN", "NUM", "PRON")
                      for i in _core(c, children, dep) if lo <= i < hi and not texts[i].isspace()]
        if tokens:
            return [doc[i] for i in tokens]
        climb = dep[node] in ("conj", "xcomp") or (pos[node] == "NOUN" and dep[node] in ("obj", "nsubj:pass"))
        up = parse.head[node]
        if climb and up != node and lo <= up < hi:
            node = up
            continue
        break
    return []


#: relative pronouns standing for the phrase their clause hangs on
_WHO = frozenset({"quien", "quienes"})


def _antecedent(relative: int, parse: DocView, plural: bool) -> int:
    """The phrase a relative clause hangs on, climbing out of appositions and name parts ("el
    ministro X, quien ...": the title's phrase, with its conjuncts) and, for a plural pronoun, up to
    the first of the phrases it coordinates ("con el gobernador X, y con el alcalde Y, quienes")."""
    node = parse.head[relative]
    while parse.dep[node] in ("appos", "flat") + (("conj",) if plural else ()) and parse.head[node] != node:
        node = parse.head[node]
    return node


#: dependents that leave a noun phrase's core (clauses and adjuncts hung on a subject)
_OFF_CORE = frozenset({"acl", "acl:relcl", "advcl", "obl", "parataxis", "ccomp", "csubj", "xcomp"})


def _core(token: int, children: Sequence[Sequence[int]], dep: Sequence[str]) -> list[int]:
    """A phrase's subtree without its clauses and adjuncts ("X, celebrada ayer en Y, ..."),
    as sorted token indexes (``children`` and ``dep``: the parse view's lists)."""
    out = [token]
    stack = [token]
    while stack:
        for child in children[stack.pop()]:
            if dep[child] not in _OFF_CORE:
                out.append(child)
                stack.append(child)
    out.sort()
    return out


def is_genitive(token: Token) -> bool:
    """A name inside "de X" hung on a noun ("asesora del presidente X"): no party itself."""
    node = token
    while node.dep_ in ("flat", "appos") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "nmod" and any(
        c.dep_ == "case" and c.lower_ in ("de", "del") for c in node.children)


#: prepositions opening a phrase whose persons are no subject ("propuesta por el presidente X")
_OBLIQUE = frozenset({"por", "según", "a", "al", "para", "ante", "sobre", "contra", "hacia", "desde", "tras"})
#: words that may stand between such a preposition and the name (article, title, its qualifiers)
_TITLE_POS = frozenset({"DET", "NOUN", "ADJ", "PROPN"})


def is_oblique(token: Token, window: int = 10) -> bool:
    """A name in apposition inside a prepositional phrase other than "de"/"con"/"entre":
    "propuesta por el mandatario uruguayo, Luis X" (by the surface, the parse is unreliable)."""
    return oblique_preposition(token, window) is not None


def oblique_preposition(token: Token, window: int = 10) -> int | None:
    """The index of the preposition of :func:`is_oblique`'s phrase ("por" in "propuesta por el
    mandatario uruguayo, Luis X"), or None."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and token.i - i < 5:
        i -= 1  # the rest of the name
    if i < 0 or doc[i].text != ",":
        return None
    i -= 1
    lowest = max(-1, i - window)
    while i > lowest:
        t = doc[i]
        if t.lower_ in _OBLIQUE and t.pos_ == "ADP" and not doc[i + 1].text[:1].isupper():
            return i  # (not "la alta representante ... para Asuntos Exteriores, X": a portfolio)
        if t.lower_ in ("de", "del") or t.pos_ in _TITLE_POS and t.text not in ",;:" or (
                t.pos_ == "ADP" and doc[i + 1].text[:1].isupper()):
            if t.pos_ == "PROPN" and t.i > 0 and doc[t.i - 1].text == ",":
                return None  # a list of names: "X, Y y Z"
            i -= 1
            continue
        return None
    return None


def comitative_tokens(head: Token, skip: Collection[int] = ()) -> list[Token]:
    """Tokens of "con X" dependents of the trigger ("acordó con sus homólogos ...").

    "de acuerdo con X" (a source, not a party) is no comitative, nor a word of the trigger
    itself ("concluyó con acuerdos sobre ...": ``skip`` holds the trigger's token indexes).
    """
    out: list[Token] = []
    for c in head.children:
        if c.dep_ not in ("obl", "nmod") or c.i in skip:
            continue
        cases = [g for g in c.children if g.dep_ == "case"]
        if any(g.lower_ == "con" for g in cases) and not any(
                g.lower_ == "acuerdo" for case in cases for g in case.children):
            if any(g.lower_ == "de" for g in cases) or c.lower_ == "quien":
                continue
            out.extend(c.subtree)
    return out


def relative_antecedent(head: Token) -> list[Token]:
    """"Pompeo, secretario de Estado, con quien acordó ...": the antecedent of "quien" and
    the subject of the main clause (the other party)."""
    if not head.dep_.startswith("acl") or not any(
            c.lower_ in ("quien", "quienes") for t in head.children for c in t.subtree):
        return []
    node = head.head
    while node.dep_ in ("appos", "flat") and node.head.i != node.i:
        node = node.head
    antecedent = [t for t in node.subtree if t.i < head.i and head.i not in {a.i for a in t.ancestors}]
    main = node
    while main.head.i != main.i and not (main.pos_ in ("VERB", "AUX") and main.dep_ == "ROOT"):
        main = main.head
    return antecedent + subject_tokens(main)


def is_clause(span: Span) -> bool:
    """Whether a list item is a clause with a subject of its own ("Los ministerios de Salud
    elaborarán un plan"), not a verb phrase or a noun phrase ("alertas migratorias")."""
    root = span.root
    return is_verb(root) and any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < root.i for c in root.children)


def is_future(root: Token) -> bool:
    """A future verb, or the periphrasis "ir a + infinitive" ("vamos a tener")."""
    if "Fut" in feats(root, "Tense"):
        return True
    if root.lemma_ == "ir" and any(c.lower_ == "a" for c in root.doc[root.i + 1:root.i + 2]):
        return True
    return any(c.dep_ == "aux" and c.lemma_ == "ir" for c in root.children) or any(
        c.dep_ == "aux" and "Fut" in feats(c, "Tense") for c in root.children)
