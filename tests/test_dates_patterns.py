"""Recognition of temporal expressions (no spaCy): spans, joins, skipped text, rule-file errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.dates_patterns import Recognizer, default_recognizer, load_tables
from pipeline.lang import language_data
from pipeline.rules import DEFAULT_MODELS_DIR, RuleFileError


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[c.start:c.end], c.rule) for c in default_recognizer().find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Se reunió el jueves 15 de enero de 2026.", [("jueves 15 de enero de 2026", "date")],
                 id="weekday, day, month, year"),
    pytest.param("Cd. de México (02 julio 2018).- Texto.", [("02 julio 2018", "date")], id="without 'de'"),
    pytest.param("Ciudad de México, 6 may (EFE).- Texto.", [("6 may", "date")], id="abbreviated month"),
    pytest.param("CIUDAD DE MÉXICO, noviembre 24 (EL UNIVERSAL).", [("noviembre 24", "date")],
                 id="month before day, upper case text"),
    pytest.param("Publicado: September 10, 2025", [("September 10, 2025", "date")], id="English date"),
    pytest.param("mércores 10 outubro 2018", [("mércores 10 outubro 2018", "date")], id="Galician dateline"),
    pytest.param("Publicado el 2024/5/22", [("2024/5/22", "date")], id="year/month/day"),
    pytest.param("los días 4 al 8 de enero", [("los días 4 al 8 de enero", "range")], id="range of days"),
    pytest.param("del 28 de febrero al 2 de marzo", [("del 28 de febrero al 2 de marzo", "range")],
                 id="range across months"),
    pytest.param("la reunión de la noche del lunes", [("la noche del lunes", "weekday")],
                 id="part of the day joined to its day"),
    pytest.param("a las 11:00 horas de este martes", [("11:00 horas de este martes", "time")],
                 id="time joined to its day"),
    pytest.param("el 30 de enero a las 11:00 horas", [("30 de enero", "date"), ("11:00 horas", "time")],
                 id="'a las' keeps a day and its time apart"),
    pytest.param("Los días 3, 4 y 5 de marzo", [("Los días 3, 4 y 5 de marzo", "range")], id="list of days"),
    pytest.param("En 1821 se firmó", [("1821", "year")], id="historical year"),
    pytest.param("11 de septiembre de 2020 14:29", [("11 de septiembre de 2020 14:29", "time")],
                 id="timestamp"),
    pytest.param("02 MAY 2024, Actualizado 00:22", [("02 MAY 2024", "date"), ("00:22", "time")],
                 id="a word between keeps date and time apart"),
    pytest.param("el día de hoy, martes 04 de septiembre", [("el día de hoy, martes 04 de septiembre", "date")],
                 id="apposition of two names of the same day"),
    pytest.param("tres días después de que hablaran", [("tres días después", "anchored")],
                 id="anchored offset span without 'de que'"),
    pytest.param("desde hace un año", [("desde hace un año", "duration")], id="'desde hace' is a duration"),
])
def test_spans(text, expected) -> None:
    assert _spans(text) == expected


def test_headings_are_skipped_but_date_lines_are_not() -> None:
    text = "Reunión Ministerial de Seguridad, en febrero\n\n13 Septiembre 2025, 09:14\n\nSe reunirán en febrero."
    assert [s for s, _ in _spans(text)] == ["13 Septiembre 2025, 09:14", "en febrero"]


def test_a_caption_of_two_sentences_is_not_a_heading() -> None:
    assert _spans("El canciller durante un evento ayer. Foto Archivo\nTexto.") == [("ayer", "deictic")]


def _copy_models(tmp_path: Path) -> Path:
    root = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR / "dates", root / "dates")
    return root


def _build(root: Path) -> Recognizer:
    return Recognizer(load_tables(root), language_data("es"), str(root))


@pytest.mark.parametrize(("file", "line", "key", "message"), [
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DATE", "rule": "date", "regex": "{NOPE}"}', "regex",
                 "unknown placeholder", id="unknown placeholder (the file has comment lines)"),
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DATE", "rule": "date", "regex": "(?P<d>"}', "regex",
                 "bad regular expression", id="bad regular expression"),
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DAY", "rule": "date", "regex": "hoy"}', "type",
                 "'DAY' is not one of", id="bad type"),
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DATE", "rule": "magic", "regex": "hoy"}', "rule",
                 "'magic' is not one of", id="bad rule"),
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DATE", "rule": "date", "regex": "Hoy"}', "regex",
                 "lower case", id="upper case pattern"),
    pytest.param("patterns.jsonl", '{"name": "x", "type": "DATE", "rule": "date", "regex": "hoy", "colour": 1}',
                 "colour", "unknown key", id="unknown key"),
    pytest.param("merges.csv", "date,y,date,middle,", "result", "'middle' is not one of",
                 id="merge result outside its vocabulary"),
    pytest.param("merges.csv", "DATE,y,date,left,", "left", "'DATE' is not one of",
                 id="a merge joins rule names, not types"),
    pytest.param("merges.csv", "date,(,date,left,", "connector", "bad regular expression",
                 id="merge connector that does not compile"),
    pytest.param("cues.csv", "antes,past,after,", "position", "'after' is not one of",
                 id="cue position outside its vocabulary"),
    pytest.param("cues.csv", "antes,pasado,before,", "direction", "'pasado' is not one of",
                 id="cue direction outside its vocabulary"),
    pytest.param("skip.csv", "Lee también,paragraph,", "scope", "'paragraph' is not one of",
                 id="skip scope outside its vocabulary: the marker would be ignored"),
    pytest.param("words.csv", "brumario,month,II,", "value", "needs a whole number",
                 id="a month whose value is not a number"),
    pytest.param("words.csv", "quincena,unti,15,", "kind", "read by no code",
                 id="a misspelt kind: its word would be read by nothing"),
    pytest.param("words.csv", "setbre,month_abbr,9,", "kind", "read by no code",
                 id="a kind the code builds from the months: a row of it would be overwritten"),
    pytest.param("placeholders.csv", "TERM,@unti,", "regex", "no word of words.csv is of kind 'unti'",
                 id="a placeholder naming a kind no word has: it would match nothing"),
    pytest.param("placeholders.csv", "BAD,(?:abc,", "regex", "bad regular expression",
                 id="a placeholder that does not compile, named before any pattern using it"),
])
def test_bad_row_of_a_dates_rule_file_names_its_line_and_key(tmp_path, file, line, key, message) -> None:
    root = _copy_models(tmp_path)
    path = root / "dates" / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=file) as error:
        _build(root)
    assert (error.value.line, error.value.key) == (len(path.read_text(encoding="utf-8").splitlines()), key)
    assert message in str(error.value)


def test_a_new_kind_of_word_is_accepted_when_a_placeholder_names_it(tmp_path) -> None:
    root = _copy_models(tmp_path)
    words, placeholders = root / "dates" / "words.csv", root / "dates" / "placeholders.csv"
    words.write_text(words.read_text(encoding="utf-8") + "sexenio,term,6,\n", encoding="utf-8")
    placeholders.write_text(placeholders.read_text(encoding="utf-8") + "TERM,@term,\n", encoding="utf-8")
    assert "sexenio" in _build(root).placeholders["TERM"]


def test_a_researcher_adds_a_month_name_as_data(tmp_path) -> None:
    root = _copy_models(tmp_path)
    path = root / "dates" / "words.csv"
    path.write_text(path.read_text(encoding="utf-8") + "janvier,month,1,French\n", encoding="utf-8")
    found = _build(root).find("Paris, 15 janvier 2026")
    assert [(c.groups["d"], c.groups["m"], c.groups["y"]) for c in found] == [("15", "janvier", "2026")]


def test_the_dates_stage_and_publication_dates_share_one_compiled_recognizer(nlp) -> None:
    """Compiling the patterns costs ~0.2 s: the stage and ingest's date finding build it once."""
    from pipeline.dates_patterns import default_recognizer

    assert nlp.get_pipe("sre_dates").recognizer is default_recognizer(None)
