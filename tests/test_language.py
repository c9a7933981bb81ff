"""Language identification by stopword vote."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.language import _WORD, MIN_WORDS, _stopwords, detect_language, stopword_votes
from pipeline.rules import DEFAULT_MODELS_DIR


@pytest.mark.parametrize(
    "text, code",
    [
        pytest.param("El canciller se reunió con su homólogo para revisar la agenda de los dos países.",
                     "es", id="Spanish communiqué sentence"),
        pytest.param("The minister met his counterpart and said that the talks were useful for both.",
                     "en", id="English"),
        pytest.param("O ministro disse que não há acordo com os Estados Unidos sobre as tarifas da região.",
                     "pt", id="Portuguese"),
        pytest.param("Le ministre a dit que les discussions avec les pays voisins sont utiles pour la paix.",
                     "fr", id="French"),
        pytest.param("SRE 2026", None, id="too short to tell"),
    ],
)
def test_detect_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code


def test_stopwords_come_from_the_models_dir(tmp_path) -> None:
    """A researcher's models folder decides the vote: with Spanish stopwords that also list
    the English ones, an English sentence counts as Spanish (ties go to Spanish)."""
    data = json.loads((DEFAULT_MODELS_DIR / "lang" / "es.json").read_text(encoding="utf-8"))
    data["stopwords"]["es"] = sorted(set(data["stopwords"]["es"]) | set(data["stopwords"]["en"]))
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.json").write_text(json.dumps(data), encoding="utf-8")
    text = "The minister met his counterpart and said that the talks were useful for both."
    assert detect_language(text) == "en"
    assert detect_language(text, str(tmp_path)) == "es"


_WORDS = sorted({w for words in _stopwords(None).values() for w in words}) + ["SRE", "Canciller", "İstanbul", "2026"]


@given(st.lists(st.sampled_from(_WORDS).map(lambda w: w.upper() if len(w) % 3 == 0 else w), max_size=40))
@settings(max_examples=300)
def test_votes_count_every_word_of_the_text(words: list[str]) -> None:
    """Counting each distinct word once gives one vote per word of the text (mixed case too)."""
    text = " ".join(words)
    lowered = [w.lower() for w in _WORD.findall(text)]
    expected = None if len(lowered) < MIN_WORDS else \
        {code: sum(w in vocab for w in lowered) for code, vocab in _stopwords(None).items()}
    assert stopword_votes(text) == expected
