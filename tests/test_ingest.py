"""Ingest: every input becomes a documents record with the right status, text and date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ftfy.badness
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import (decode_bytes, doc_id_for, has_mojibake, iter_documents, normalize_text,
                             split_header)

SPANISH = "El canciller se reunió con su homóloga para revisar la agenda bilateral de los dos países."


@pytest.mark.parametrize(
    "raw, text, header",
    [
        pytest.param(" date 2026-01-15 El canciller habló.", "El canciller habló.", "2026-01-15",
                     id="seed-style header on the same line is removed"),
        pytest.param(" date 2021-11\nAyer hubo reunión.", "Ayer hubo reunión.", "2021-11",
                     id="month-only header on its own line is removed too"),
        pytest.param("El 3 de marzo, date 2026", "El 3 de marzo, date 2026", None,
                     id="the word date later in the text is not a header"),
        pytest.param("Sin encabezado.", "Sin encabezado.", None, id="no header: text unchanged"),
    ],
)
def test_split_header(raw: str, text: str, header: str | None) -> None:
    assert split_header(raw) == (text, header)


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param("Relaciones Exteriores".encode("utf-8"), "Relaciones Exteriores", id="utf-8"),
        pytest.param("\ufeffSecretaría".encode("utf-8"), "Secretaría", id="utf-8 BOM dropped"),
        pytest.param("Secretaría".encode("utf-16"), "Secretaría", id="utf-16 with BOM"),
        pytest.param("Secretaría “SRE”".encode("cp1252"), "Secretaría “SRE”", id="windows-1252 quotes"),
        pytest.param("Año".encode("latin-1"), "Año", id="latin-1"),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_decode_bytes_rejects_binary() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("a\r\nb\rc", "a\nb\nc", id="CRLF and CR become LF"),
        pytest.param("Secretari\u0301a", "Secretaría", id="combining accent composed (NFC)"),
        pytest.param("uno\n\n  dos ", "uno\n\n  dos ", id="paragraph breaks and spaces kept"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
@settings(max_examples=200)
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once


def test_doc_id_is_sha256_prefix_of_text() -> None:
    assert doc_id_for("hola") == "b221d9dbb083a7f3"


@pytest.mark.parametrize("a, b", [pytest.param(("a.txt", 0), ("b.txt", 0), id="other source"),
                                  pytest.param(("a.txt", 0), ("a.txt", 1), id="same source, other position")])
def test_doc_id_of_rows_not_ok_depends_on_source_and_position(a, b) -> None:
    assert doc_id_for("", *a) != doc_id_for("", *b)


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _by_source(folder: Path) -> dict[str, object]:
    return {d.source: d for d in iter_documents([folder])}


def test_txt_with_header_gives_ok_document_with_header_date(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", f" date 2026-01-15 {SPANISH}")
    doc = _by_source(tmp_path)["a.txt"]
    assert (doc.status, doc.published, doc.published_from, doc.text) == (
        "ok", dt.date(2026, 1, 15), "header", SPANISH)


def test_impossible_header_date_gives_null_published(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", f" date 2026-13-45 {SPANISH}")
    doc = _by_source(tmp_path)["a.txt"]
    assert (doc.status, doc.published, doc.published_from) == ("ok", None, "none")


def test_a_lone_surrogate_in_a_title_leaves_the_title_out_and_keeps_the_document(tmp_path: Path) -> None:
    _write(tmp_path, "docs.jsonl", json.dumps({"title": "T \udc80", "text": SPANISH}))
    [doc] = iter_documents([tmp_path])
    assert (doc.status, doc.title) == ("ok", None)


@pytest.mark.parametrize("name, content, status, says", [
    pytest.param("e.jsonl", "", "empty", "no lines", id="an empty JSONL file"),
    pytest.param("h.csv", "id,text\n", "empty", "no rows", id="a CSV with its header only"),
    pytest.param("c.csv", "id,text\nr1,El canciller habló, y acordaron revisar la agenda.\n", "unreadable",
                 "quote the fields", id="an unquoted comma in the first row: pandas took a field for the index"),
])
def test_a_table_file_with_no_rows_or_a_row_too_long_gets_one_row(tmp_path: Path, name, content, status,
                                                                  says) -> None:
    """Before, the first two gave no documents row at all, and the third an ok row whose text had
    lost what stood before the comma."""
    _write(tmp_path, name, content)
    [doc] = iter_documents([tmp_path])
    assert (doc.status, doc.source) == (status, name) and says in doc.error


def test_a_parquet_file_with_no_rows_gets_an_empty_row(tmp_path: Path) -> None:
    pd.DataFrame({"id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(tmp_path / "z.parquet")
    [doc] = iter_documents([tmp_path])
    assert doc.status == "empty"


def test_a_text_longer_than_a_document_may_be_is_an_error_row_saying_to_split_it(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    import pipeline.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_CHARS", len(SPANISH) + 10)
    _write(tmp_path, "ok.txt", SPANISH)
    _write(tmp_path, "long.txt", SPANISH + " " + SPANISH)
    docs = _by_source(tmp_path)
    assert (docs["ok.txt"].status, docs["long.txt"].status) == ("ok", "error")
    assert "split it" in docs["long.txt"].error and "long.txt" in docs["long.txt"].error


@pytest.mark.parametrize(
    "content, status",
    [
        pytest.param("", "empty", id="empty file"),
        pytest.param("  \n\t \n", "empty", id="whitespace only"),
        pytest.param(" date 2026-01-15 ", "empty", id="header and nothing else"),
        pytest.param(b"\x00\x01\x02binary\x00", "unreadable", id="binary content"),
        pytest.param("The minister met his counterpart and they said that the talks were "
                     "useful for both of the countries.", "not_spanish", id="English text"),
    ],
)
def test_bad_txt_inputs_get_a_status_and_a_reason(tmp_path: Path, content, status: str) -> None:
    _write(tmp_path, "bad.txt", content)
    doc = _by_source(tmp_path)["bad.txt"]
    assert doc.status == status
    assert doc.error and "bad.txt" in doc.error


def test_duplicate_text_names_the_first(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", SPANISH)
    _write(tmp_path, "b.txt", SPANISH)
    docs = _by_source(tmp_path)
    assert docs["a.txt"].status == "ok"
    assert docs["b.txt"].status == "duplicate" and "a.txt" in docs["b.txt"].error
    assert docs["a.txt"].doc_id != docs["b.txt"].doc_id


def test_folders_are_walked_recursively_in_sorted_order_and_gold_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "z.txt", SPANISH + " Uno.")
    _write(tmp_path, "sub/a.txt", SPANISH + " Dos.")
    _write(tmp_path, "gold/a.json", "{}")
    _write(tmp_path, "notes.md", "ignored")
    assert [d.source for d in iter_documents([tmp_path])] == ["sub/a.txt", "z.txt"]


def test_jsonl_broken_line_is_an_error_row_and_good_lines_are_ok(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "x1", "text": SPANISH, "title": "T", "date": "2026-02-03",
                         "url": "https://example.org/x1"}), "{not json", json.dumps({"text": SPANISH + " Otro."})]
    _write(tmp_path, "docs.jsonl", "\n".join(lines))
    docs = list(iter_documents([tmp_path]))
    assert [d.status for d in docs] == ["ok", "error", "ok"]
    assert "line 2" in docs[1].error
    assert (docs[0].title, docs[0].published, docs[0].published_from, docs[0].source) == (
        "T", dt.date(2026, 2, 3), "metadata", "https://example.org/x1")


@pytest.mark.parametrize("bad, status, says", [
    pytest.param("[" * 5000 + "]" * 5000, "error", "RecursionError", id="nesting too deep for the parser"),
    pytest.param('{"id": 1' + "0" * 5000 + ', "text": "x"}', "error", "digits", id="an integer past the digit limit"),
    pytest.param('{"text": "hola \\ud800 mundo"}', "unreadable", "unpaired surrogate",
                 id="a lone surrogate in the text"),
    pytest.param('{"id": "z", "title": "t"}', "error", "'text' is missing", id="a first line without text"),
])
def test_a_jsonl_line_that_cannot_be_read_is_its_own_row(tmp_path: Path, bad: str, status: str, says: str) -> None:
    """Before, these stopped the whole run (a traceback, nothing written) or dropped the rest of
    the file (a first line without text)."""
    good = [json.dumps({"text": SPANISH}), json.dumps({"text": SPANISH + " Y."})]
    _write(tmp_path, "docs.jsonl", "\n".join([bad, *good]))
    docs = list(iter_documents([tmp_path]))
    assert [d.status for d in docs] == [status, "ok", "ok"]
    assert says in docs[0].error and "docs.jsonl:1" in docs[0].error


def test_csv_without_text_column_is_an_error_naming_the_column(tmp_path: Path) -> None:
    pd.DataFrame({"body": [SPANISH]}).to_csv(tmp_path / "t.csv", index=False)
    [doc] = iter_documents([tmp_path])
    assert doc.status == "error" and "'text'" in doc.error


def test_parquet_rows_become_documents(tmp_path: Path) -> None:
    pd.DataFrame({"id": ["p1", "p2"], "text": [SPANISH, SPANISH + " Más."]}).to_parquet(tmp_path / "t.parquet")
    docs = list(iter_documents([tmp_path]))
    assert [(d.source, d.status) for d in docs] == [("t.parquet#p1", "ok"), ("t.parquet#p2", "ok")]


def test_html_keeps_main_text_only(tmp_path: Path) -> None:
    html = ("<html><head><title>SRE</title><script>var x = 'no';</script><style>p{}</style></head>"
            "<body><nav>Inicio | Prensa</nav><article><h1>Comunicado 12</h1>"
            "<time datetime='2026-01-15 10:00:00'>15 de enero</time>"
            f"<p>{SPANISH}</p><p>Segundo párrafo.</p></article><footer>Aviso</footer></body></html>")
    _write(tmp_path, "p.html", html)
    [doc] = iter_documents([tmp_path])
    assert doc.status == "ok" and doc.title == "Comunicado 12"
    assert SPANISH in doc.text and "Segundo párrafo." in doc.text
    assert "var x" not in doc.text and "Inicio" not in doc.text and "Aviso" not in doc.text
    assert (doc.published, doc.published_from) == (dt.date(2026, 1, 15), "metadata")


def test_unparseable_html_is_an_unreadable_row(tmp_path: Path) -> None:
    _write(tmp_path, "roto.html", f"<html><body><p>{SPANISH}<![/>> fin</p></body></html>")
    [doc] = iter_documents([tmp_path])
    assert doc.status == "unreadable" and "roto.html" in doc.error and doc.text == ""


def test_dateline_gives_publication_date(tmp_path: Path) -> None:
    _write(tmp_path, "d.txt", f"Ciudad de México, 15 de enero de 2026.\n\n{SPANISH}")
    [doc] = iter_documents([tmp_path])
    assert (doc.published, doc.published_from) == (dt.date(2026, 1, 15), "dateline")


def test_single_file_input_uses_its_name_as_source(tmp_path: Path) -> None:
    path = _write(tmp_path, "solo.txt", SPANISH)
    [doc] = iter_documents([path])
    assert doc.source == "solo.txt"


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    broken = "La SecretarÃ­a de Relaciones Exteriores informÃ³ que el canciller viajará a la reunión."
    _write(tmp_path, "m.txt", broken)
    [doc] = iter_documents([tmp_path])
    assert doc.status == "ok" and "Secretaría" in doc.text and "informó" in doc.text


def test_correct_text_is_not_touched_by_the_mojibake_repair(tmp_path: Path) -> None:
    text = "La Secretaría “SRE” — año de acuerdos entre las dos cancillerías de la región."
    _write(tmp_path, "ok.txt", text)
    [doc] = iter_documents([tmp_path])
    assert doc.text == text


#: Characters ftfy's detector reasons about: ASCII, C1 controls, Latin-1, Latin Extended-A,
#: Greek, Cyrillic, typographic punctuation, and every other character its pattern names.
_MOJIBAKE_ALPHABET = "".join(sorted(
    {chr(c) for c in [*range(0x00, 0x180), *range(0x370, 0x460), *range(0x2010, 0x2040)]}
    | {c for c in ftfy.badness.BADNESS_RE.pattern if ord(c) > 0x7F}))


@pytest.mark.parametrize("text, reason", [
    ("La SecretarÃ­a informÃ³", "UTF-8 read as Windows-1252"),
    ("Ã\xa0 la mesa", "the NO-BREAK SPACE of à, at the very start"),
    ("Ã la mesa", "the ^ alternative: only at the start of the text"),
    ("x Ã la mesa", "the same two characters after a space"),
    ("visita oficial a Mosc\u0432\u0402 ok", "Windows-1251 mojibake"),
    ("ГўВЂВ\x9d ok", "the longest sequence the detector knows"),
    ("La Secretaría “SRE” — año", "correct Spanish typography"),
    ("plain ASCII only", "nothing to search"),
])
def test_has_mojibake_agrees_with_ftfy(text: str, reason: str) -> None:
    assert has_mojibake(text) == ftfy.badness.is_bad(text), reason


def test_ftfy_detector_is_still_the_one_the_windows_were_sized_for() -> None:
    """has_mojibake's windows assume matches of at most 7 characters, without look-arounds:
    an ftfy upgrade that changes the detector must fail here before it silently misses."""
    import re._parser as parser

    pattern = ftfy.badness.BADNESS_RE
    assert parser.parse(pattern.pattern, pattern.flags).getwidth()[1] <= 7
    assert "(?=" not in pattern.pattern and "(?<" not in pattern.pattern and "(?!" not in pattern.pattern


@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=60))
@settings(max_examples=2000)
def test_has_mojibake_is_ftfy_is_bad(text: str) -> None:
    """Searching only around the non-ASCII characters finds what a whole-text search finds."""
    assert has_mojibake(text) == ftfy.badness.is_bad(text)


@pytest.mark.parametrize("name", [
    pytest.param("gone.txt", id="a file"),
    pytest.param("gone", id="a folder: no suffix, so not reported as an unsupported file type"),
])
def test_a_path_that_vanished_before_reading_is_an_unreadable_row_saying_so(tmp_path: Path, name: str) -> None:
    [doc] = iter_documents([tmp_path / name])
    assert doc.status == "unreadable" and f"{name}: not found" in doc.error


def test_the_output_folder_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", SPANISH)
    _write(tmp_path, "outputs/documents/part-0.txt", SPANISH + " Copia.")
    _write(tmp_path, "outputs.tmp-1/documents/x.txt", SPANISH + " Otra.")
    sources = [d.source for d in iter_documents([tmp_path], skip=tmp_path / "outputs")]
    assert sources == ["a.txt"]


def test_jsonl_without_any_text_field_is_one_error_row(tmp_path: Path) -> None:
    _write(tmp_path, "rows.jsonl", '{"body": "x", "url": "u"}\n{"body": "y"}\n')
    [doc] = iter_documents([tmp_path])
    assert doc.status == "error" and "'text'" in doc.error and doc.source == "rows.jsonl"


def test_a_sidecar_manifest_gives_its_files_url_title_and_date(tmp_path: Path) -> None:
    _write(tmp_path, "manifest.jsonl", json.dumps({"file": "a.txt", "url": "https://x.mx/2024/05/02/nota",
                                                   "title": "Nota"}) + "\n")
    _write(tmp_path, "a.txt", SPANISH)
    _write(tmp_path, "b.txt", SPANISH + " Otra.")
    docs = _by_source(tmp_path)
    assert sorted(docs) == ["a.txt", "b.txt"]  # the sidecar is metadata, not a document
    a = docs["a.txt"]
    assert (a.url, a.title, a.published, a.published_from) == (
        "https://x.mx/2024/05/02/nota", "Nota", dt.date(2024, 5, 2), "url")
    assert docs["b.txt"].url is None


def test_a_full_header_date_wins_over_sidecar_metadata(tmp_path: Path) -> None:
    _write(tmp_path, "manifest.jsonl", json.dumps({"file": "a.txt", "date": "2020-01-01"}) + "\n")
    _write(tmp_path, "a.txt", f" date 2026-01-15 {SPANISH}")
    assert _by_source(tmp_path)["a.txt"].published == dt.date(2026, 1, 15)


def test_a_month_only_header_lends_its_year_to_a_yearless_dateline(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", f" date 2021-11 Ciudad de México, 24 de noviembre.\n\n{SPANISH}")
    doc = _by_source(tmp_path)["a.txt"]
    assert (doc.published, doc.published_from) == (dt.date(2021, 11, 24), "dateline")


def test_every_documents_row_has_a_unique_doc_id(tmp_path: Path) -> None:
    english = "The minister met his counterpart and said that the talks were useful for both of them."
    _write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": "1", "text": ""}, {"id": "1", "text": ""},  # two empty rows with one id
        {"id": "2", "text": english}, {"id": "3", "text": english},  # two identical non-Spanish texts
        {"id": "4", "text": SPANISH}, {"id": "4", "text": SPANISH}]))  # a duplicate under one id
    docs = list(iter_documents([tmp_path]))
    assert [d.status for d in docs] == ["empty", "empty", "not_spanish", "not_spanish", "ok", "duplicate"]
    assert len({d.doc_id for d in docs}) == len(docs)
    assert docs[4].doc_id == doc_id_for(SPANISH)


def test_jsonl_strings_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    _write(tmp_path, "a.jsonl", json.dumps({"text": SPANISH + "\u2028Segunda\x85 línea."}, ensure_ascii=False))
    [doc] = iter_documents([tmp_path])
    assert doc.status == "ok" and "\u2028Segunda" in doc.text


def test_parquet_rows_with_missing_values_are_ok(tmp_path: Path) -> None:
    pd.DataFrame({"text": [SPANISH], "title": [None], "id": [None],
                  "date": pd.to_datetime([None])}).to_parquet(tmp_path / "t.parquet")
    [doc] = iter_documents([tmp_path])
    assert (doc.status, doc.title, doc.published, doc.source) == ("ok", None, None, "t.parquet#1")


def test_windows_1252_csv_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(f"text\n\"{SPANISH} “Año”\"\n".encode("cp1252"))
    [doc] = iter_documents([tmp_path])
    assert doc.status == "ok" and "“Año”" in doc.text


def test_language_identification_reads_the_given_models_dir(tmp_path: Path) -> None:
    """--models-dir reaches language identification: a lang file whose Spanish stopwords
    include the English ones lets an English text through."""
    from pipeline.rules import DEFAULT_MODELS_DIR

    data = json.loads((DEFAULT_MODELS_DIR / "lang" / "es.json").read_text(encoding="utf-8"))
    data["stopwords"]["es"] = sorted(set(data["stopwords"]["es"]) | set(data["stopwords"]["en"]))
    models = tmp_path / "models"
    (models / "lang").mkdir(parents=True)
    (models / "lang" / "es.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The minister met his counterpart and said that the "
                                           "talks were useful for both of the countries.", encoding="utf-8")
    assert [d.status for d in iter_documents([tmp_path / "in"])] == ["not_spanish"]
    assert [d.status for d in iter_documents([tmp_path / "in"], models_dir=models)] == ["ok"]
