"""Language identification by stopword vote."""

from __future__ import annotations

import pytest

from pipeline.language import detect_language


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
