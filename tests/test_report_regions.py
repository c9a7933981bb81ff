"""Text that is not the report (teasers of other articles, a related-content block) gives no
rows in any stage: the dates stage finds it (``Recognizer.outside_report``), records it on the
Doc (``doc._.outside_report``) and the later stages read it (``records.in_report``)."""

from __future__ import annotations

import pytest

from pipeline.dates_patterns import default_recognizer

REPORT = ("Ciudad de México, 3 de febrero de 2026. El canciller Juan Ramón de la Fuente sostuvo una "
          "llamada con el secretario de Estado Marco Rubio. Ambos acordaron reunirse en marzo.\n")
TEASER = ("Lima, 2 de febrero de 2026. La ministra Anita Anand se reunirá con el canciller de Perú "
          "y ambos se comprometieron a fortalecer el diálogo. Leer más...\n")
RELATED = "Más contenido relacionado\n" + TEASER.replace(" Leer más...", "")


SUBHEADED = ("Ciudad de México, 3 de febrero de 2026. La Secretaría de Relaciones Exteriores informa "
             "sobre la gira del canciller.\n\n"
             "Reunión con el secretario de Estado de Estados Unidos\n\nEl canciller Juan Ramón de la "
             "Fuente sostuvo una reunión con el secretario de Estado Marco Rubio.\n\n"
             "Encuentro con la comunidad mexicana en Washington\n\nEl canciller se reunió con la "
             "comunidad mexicana y se comprometió a ampliar los servicios consulares.\n\n"
             "Firma de un memorándum de entendimiento sobre migración laboral\n\nLa ministra Anita "
             "Anand y el canciller firmaron un memorándum.\n")


@pytest.mark.parametrize("text, expected, reason", [
    pytest.param(REPORT, [], "a plain report has nothing outside it", id="report"),
    pytest.param(SUBHEADED, [], "subheadings, each followed by a paragraph, look like a closing list "
                 "of other articles (which only the dates stage skips), but no marker says so",
                 id="subheaded report"),
    pytest.param(REPORT + TEASER, [(len(REPORT), len(REPORT + TEASER))],
                 "a line ending in 'Leer más...' is a teaser of another article", id="teaser line"),
    pytest.param(REPORT + RELATED, [(len(REPORT), len(REPORT + RELATED))],
                 "a related-content heading: nothing after it is the report", id="related block"),
])
def test_outside_report(text: str, expected: list[tuple[int, int]], reason: str) -> None:
    assert default_recognizer(None).outside_report(text) == expected, reason


@pytest.mark.parametrize("tail", [TEASER, RELATED], ids=["teaser line", "related block"])
def test_nothing_outside_the_report_becomes_a_row(make_doc, tail: str) -> None:
    alone, with_tail = make_doc(REPORT, "2026-02-03"), make_doc(REPORT + tail, "2026-02-03")
    assert with_tail._.outside_report
    assert [(p.actor_id, p.spans) for p in with_tail._.participants] == \
        [(p.actor_id, p.spans) for p in alone._.participants], "no participant from the tail"
    assert [m.start for m in with_tail._.mentions] == [m.start for m in alone._.mentions]
    assert [(e.kind, e.start) for e in with_tail._.events] == [(e.kind, e.start) for e in alone._.events]
    assert [c.start for c in with_tail._.commitments] == [c.start for c in alone._.commitments]
    assert all(ent.start_char < len(REPORT) for ent in with_tail.ents)


def test_a_participant_named_in_the_report_and_a_teaser_keeps_its_report_mentions(make_doc) -> None:
    teaser = "Washington, 1 de febrero. Marco Rubio viajará a Ottawa esta semana. Leer más...\n"
    doc = make_doc(REPORT + teaser, "2026-02-03")
    rubio = [p for p in doc._.participants if p.name == "Marco Rubio"]
    assert len(rubio) == 1 and all(start < len(REPORT) for start, _ in rubio[0].spans)
    assert rubio[0].n_mentions == len(rubio[0].spans)


def test_a_participant_first_named_in_a_teaser_above_the_report_comes_in_report_order(make_doc) -> None:
    teaser = "Washington, 1 de febrero. Marco Rubio viajará a Ottawa esta semana. Leer más...\n"
    doc = make_doc(teaser + REPORT, "2026-02-03")
    starts = [p.start for p in doc._.participants]
    assert starts == sorted(starts) and min(starts) >= len(teaser)
