"""The scorer, on hand-made predictions whose scores are known (ANNOTATION.md rules)."""

from __future__ import annotations

import pytest

from pipeline.evaluate import (
    alias_map,
    content_words,
    norm,
    score_commitments,
    score_dates,
    score_events,
    score_participants,
)

GOLD_PEOPLE = [
    {"name": "Juan Ramón de la Fuente", "aliases": ["De la Fuente"], "kind": "person",
     "role_code": "foreign_minister", "country": "MEX"},
    {"name": "Marco Rubio", "aliases": ["Rubio", "Rubió"], "kind": "person",
     "role_code": "foreign_minister", "country": "USA"},
    {"name": "Claudia Sheinbaum", "aliases": [], "kind": "person",
     "role_code": "head_of_state", "country": "MEX"},
]


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("  Juan  RAMÓN\nde la Fuente ", "juan ramon de la fuente", id="case, accents, spaces"),
        pytest.param(None, "", id="null is empty"),
    ],
)
def test_norm(raw, expected) -> None:
    assert norm(raw) == expected


def test_content_words_keep_words_of_four_letters_or_more() -> None:
    assert content_words("Detener el tráfico de armas") == {"detener", "trafico", "armas"}


def test_participants_match_by_name_or_alias_one_to_one() -> None:
    pred = [
        {"name": "juan ramon de la fuente", "role_code": "foreign_minister", "country": "MEX"},
        {"name": "Rubió", "role_code": "head_of_state", "country": "USA"},  # alias, wrong role
        {"name": "Rubio", "role_code": "foreign_minister", "country": "USA"},  # second claim: unmatched
        {"name": "Donald Trump", "role_code": "head_of_state", "country": "USA"},  # not in gold
    ]
    s = score_participants(GOLD_PEOPLE, pred)
    assert (s.tp, s.n_pred, s.n_gold) == (2, 4, 3)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert s.accuracy("role_code") == pytest.approx(0.5) and s.accuracy("country") == 1.0


TEXT = "El jueves 15 de enero habló. La reunión será en febrero. Ayer hubo otra."


def _pred_date(text: str, value: str | None, type_: str = "DATE") -> dict:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "value": value, "type": type_}


def test_dates_match_on_overlap_and_value() -> None:
    gold = [{"text": "jueves 15 de enero", "type": "DATE", "value": "2026-01-15"},
            {"text": "en febrero", "type": "DATE", "value": "2026-02"},
            {"text": "Ayer", "type": "DATE", "value": None}]
    pred = [_pred_date("15 de enero", "2026-01-15"),  # contained in gold text: match
            _pred_date("febrero", "2025-02"),  # overlaps, wrong value: no match, value miss
            _pred_date("Ayer", "2026-01-14"),  # gold value null: text alone matches
            _pred_date("otra", None, "DURATION")]  # not scored (type)
    s = score_dates(gold, pred, TEXT)
    assert (s.tp, s.n_pred, s.n_gold) == (2, 3, 3)
    assert s.accuracy("value") == pytest.approx(0.5)  # null-valued gold excluded


def test_commitments_match_by_jaccard_of_content_words() -> None:
    aliases = alias_map(GOLD_PEOPLE)
    gold = [{"action": "detener el tráfico de fentanilo y de armas en la frontera compartida",
             "modality": "agreement", "actors": ["Juan Ramón de la Fuente", "Marco Rubio"]},
            {"action": "contrarrestar a los carteles", "modality": "agreement",
             "actors": ["Juan Ramón de la Fuente", "Marco Rubio"]}]
    pred = [{"action": "detener el tráfico de fentanilo y de armas", "modality": "agreement",
             "actors": ["De la Fuente", "Rubió"]},  # jaccard 4/7 >= 0.5; actors via aliases
            {"action": "fortalecer la cooperación", "modality": "pledge", "actors": []}]
    s = score_commitments(gold, pred, aliases)
    assert (s.tp, s.n_pred, s.n_gold) == (1, 2, 2)
    assert s.accuracy("modality") == 1.0 and s.accuracy("actors") == 1.0


def test_events_need_same_status_and_date_and_kind_or_shared_word() -> None:
    aliases = alias_map(GOLD_PEOPLE)
    gold = [{"kind": "call", "status": "held", "date": "2026-01-15", "location": None,
             "participants": ["Marco Rubio"], "evidence": "sostuvo una llamada"},
            {"kind": "summit", "name": "Reunión Ministerial de Seguridad", "status": "planned",
             "date": "2026-02", "location": "Washington, D.C.", "participants": [],
             "evidence": "convocar una Reunión Ministerial"}]
    pred = [{"kind": "call", "status": "held", "date": "2026-01-15", "location": None,
             "participants": ["Rubio"], "evidence": "una llamada"},
            {"kind": "meeting", "status": "planned", "date": "2026-02", "location": "Washington",
             "participants": [], "evidence": "Reunión Ministerial de Seguridad"},  # shared word
            {"kind": "call", "status": "held", "date": None, "location": None,
             "participants": [], "evidence": "la llamada"}]  # date differs: unmatched
    held = score_events(gold, pred, "held", aliases)
    planned = score_events(gold, pred, "planned", aliases)
    assert (held.tp, held.n_pred, held.n_gold) == (1, 2, 1)
    assert held.accuracy("participants") == 1.0
    assert (planned.tp, planned.n_pred, planned.n_gold) == (1, 1, 1)
    assert planned.accuracy("location") == 0.0


def test_empty_layers_score_zero_without_dividing_by_zero() -> None:
    s = score_participants([], [])
    assert (s.precision, s.recall, s.f1, s.accuracy("role_code")) == (0.0, 0.0, 0.0, None)
