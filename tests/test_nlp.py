"""NLP assembly: model choice, the project's stages in order, warnings logged once."""

from __future__ import annotations

import logging

import pytest

from pipeline.config import STAGES
from pipeline.nlp import ModelNotFoundError, load_base, model_label, resolve_model


def test_the_pipeline_has_every_stage_after_the_base_model(nlp) -> None:
    names = nlp.pipe_names
    assert [n for n in names if n in STAGES] == list(STAGES)
    assert names.index("ner") < names.index(STAGES[0])


def test_model_label_has_name_and_version(nlp) -> None:
    assert model_label(nlp).startswith("es_core_news_") and "-3." in model_label(nlp)


def test_explicit_model_wins() -> None:
    assert resolve_model("my_model") == "my_model"


def test_default_is_first_installed_preferred_model() -> None:
    assert resolve_model(None).startswith("es_core_news_")


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="--model"):
        load_base("no_such_model_xyz")


def test_model_warnings_are_logged_once_not_printed(caplog, recwarn) -> None:
    with caplog.at_level(logging.INFO, logger="pipeline.nlp"):
        load_base(None)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == len(set(messages))
    assert not [w for w in recwarn if "W095" in str(w.message)]
