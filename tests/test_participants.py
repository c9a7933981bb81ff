"""Participants stage: each resolution path, role and country, on small Spanish texts.

Runs on the small gazetteer of :mod:`tests.participants_support` (not the bundled one),
with only the participants stage after the base model (the ``pnlp`` fixture of conftest).
"""

from __future__ import annotations

import pytest

from tests.participants_support import run, run_with_rows


def people(doc) -> dict[str, object]:
    return {p.name: p for p in doc._.participants if p.kind == "person"}


def title_ids(doc, title: str) -> list[str | None]:
    """The actor each mention of the title ``title`` standing alone stands for."""
    return [m.actor_id for m in doc._.mentions if m.label == "ROLE" and m.text == title]


# -- full name --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, resolved_by", [
    pytest.param("El canciller Juan Ramón de la Fuente viajó a Ottawa el lunes.",
                 "Juan Ramón de la Fuente", "name", id="canonical name after a title"),
    pytest.param("Ayer, Marco Rubio, secretario de Estado, habló con periodistas.",
                 "Marco Rubio", "name", id="canonical name before an apposition"),
    pytest.param("La presidenta Claudia Sheinbaum Pardo encabezó la ceremonia.",
                 "Claudia Sheinbaum", "alias", id="full-name alias resolves to the canonical name"),
    pytest.param("La directora general de Protección Consular, Laura Gómez Treviño, presentó el plan.",
                 "Laura Gómez Treviño", "name", id="unknown person kept with the text's name"),
    pytest.param("El director general de Organismos y Mecanismos Regionales Americanos de la Secretaría de "
                 "Relaciones Exteriores (SRE), Tomás Arriaga del Valle, participó ayer en la reunión.",
                 "Tomás Arriaga del Valle", "name",
                 id="a name the recogniser calls a place, after a title holding a body's name"),
    pytest.param("Asistió Pedro Soto Ruiz, director de Cultura Digital de la Embajada de Chile en México.",
                 "Pedro Soto Ruiz", "name", id="the verb of the sentence opening it is no part of the name"),
])
def test_full_name(pnlp, text, name, resolved_by):
    found = people(run(pnlp, text, "2025-03-03"))
    assert name in found
    assert found[name].resolved_by == resolved_by


# -- alias / surname in the same document ------------------------------------------------

@pytest.mark.parametrize("text, name, n_mentions", [
    pytest.param("El canciller Juan Ramón de la Fuente llegó a Ottawa. Más tarde, De la Fuente "
                 "se reunió con empresarios.", "Juan Ramón de la Fuente", 2,
                 id="surname with particles after the full name"),
    pytest.param("La directora general Laura Gómez Treviño inauguró la sede. Gómez Treviño "
                 "agradeció el apoyo.", "Laura Gómez Treviño", 2,
                 id="unknown person's surnames link to the full name"),
    pytest.param("El presidente López Obrador recibió al embajador en Palacio Nacional.",
                 "Andrés Manuel López Obrador", 1, id="gazetteer alias without the full name"),
    pytest.param("Este martes AMLO habló de la relación con el vecino del norte.",
                 "Andrés Manuel López Obrador", 1, id="all-capitals acronym alias"),
])
def test_alias_and_surname(pnlp, text, name, n_mentions):
    found = people(run(pnlp, text, "2020-05-05"))
    assert name in found
    assert found[name].n_mentions == n_mentions
    assert len(found[name].spans) == n_mentions


@pytest.mark.parametrize("text, expected", [
    pytest.param("El embajador Juan Pablo Ramírez presentó sus cartas credenciales.", "Juan Pablo Ramírez",
                 id="a middle name none of the official's names holds: someone else"),
    pytest.param("El canciller Marcelo Casaubón llegó a Lima.", "Marcelo Ebrard",
                 id="given name and the official's second surname: the official"),
    pytest.param("Participó el subsecretario para América Latina, Raúl Torres Rubio.", "Raúl Torres Rubio",
                 id="an official's one-surname alias ending a longer name: someone else"),
])
def test_a_full_name_takes_an_officials_surname_only_if_its_other_words_fit(pnlp, text, expected):
    """"Juan Pablo Ramírez" ends with a surname of "Juan Ramón de la Fuente Ramírez" and starts
    with his initial, but "Pablo" is none of his names."""
    assert expected in people(run(pnlp, text, "2025-02-20"))


@pytest.mark.parametrize("text", [
    pytest.param("El secretario de Estado, Marco Rubio Trujillo, habló.", id="after the name"),
    pytest.param("El canciller Juan Ramón de la Fuente Blum habló.", id="after a title and the name"),
])
def test_the_rest_of_a_name_the_gazetteer_knows_by_its_first_words_is_no_one_else(pnlp, text):
    """"Trujillo" and "Blum" are surnames of other officials; here they end the name before them."""
    assert len(people(run(pnlp, text, "2025-06-01"))) == 1


def test_surname_mentions_share_the_actor_id(pnlp):
    doc = run(pnlp, "El canciller Marcelo Ebrard viajó. Después, Ebrard declaró a la prensa.", "2020-02-02")
    ids = {m.actor_id for m in doc._.mentions if m.label == "PER"}
    assert ids == {"Q6"}


# -- role-only mentions -----------------------------------------------------------------

@pytest.mark.parametrize("text, published, name", [
    pytest.param("El canciller participó en la reunión del G20 en Johannesburgo.", "2025-02-20",
                 "Juan Ramón de la Fuente", id="bare title: office holder on the date (default country)"),
    pytest.param("El canciller participó en la reunión del G20 en Buenos Aires.", "2020-02-20",
                 "Marcelo Ebrard", id="same title, earlier date, earlier holder"),
    pytest.param("El titular de la SRE visitó Madrid.", "2025-06-01", "Juan Ramón de la Fuente",
                 id="head of an organization"),
    pytest.param("El secretario de Estado de Estados Unidos llegó a Ciudad de México.", "2025-06-01",
                 "Marco Rubio", id="title with country"),
    pytest.param("La presidenta Claudia Sheinbaum habló con su homólogo estadounidense.", "2025-06-01",
                 "Donald Trump", id="counterpart: same office, other country"),
    pytest.param("Ayer, el canciller participó en la reunión del G20 en Johannesburgo.", "2025-02-20",
                 "Juan Ramón de la Fuente", id="after a sentence-initial adverb the recogniser takes for a name"),
])
def test_role_only_resolves_to_office_holder(pnlp, text, published, name):
    found = people(run(pnlp, text, published))
    assert name in found
    assert found[name].resolved_by in {"role", "name"}


def test_a_capitalised_body_between_a_title_and_a_gazetteer_name_is_part_of_the_title(pnlp):
    """"la subsecretaria de Prevención y Promoción de la Salud, Alicia Bárcena": the recogniser
    reads "Promoción de la Salud" as a person; it is the title's, which is hers."""
    text = ("La delegación, encabezada por la subsecretaria de Prevención y Promoción de la Salud, Alicia "
            "Bárcena, participó en la Asamblea.")
    found = people(run(pnlp, text, "2020-03-03"))
    assert (set(found), found["Alicia Bárcena"].role) == (
        {"Alicia Bárcena"}, "subsecretaria de Prevención y Promoción de la Salud")


def test_a_title_after_a_word_no_one_confirms_as_a_name_stands_alone(pnlp):
    """"Durante la Asamblea, la subsecretaria se reunió": the recogniser's "Asamblea" is no
    person whose title follows; the title stands for the subsecretaria named before."""
    text = ("La subsecretaria de Salud, Ana Ruiz Soto, participó en la Asamblea. Durante la Asamblea, la "
            "subsecretaria se reunió con empresarios.")
    doc = run(pnlp, text, "2020-03-03")
    assert [m.actor_id for m in doc._.mentions if m.label == "ROLE"] == ["ana-ruiz-soto"]


def test_both_leaders_are_a_head_of_state_and_a_head_of_government(pnlp):
    """"Ambos mandatarios" after a president and a prime minister (collective.csv: role codes
    head_of_state|head_of_government)."""
    text = ("La presidenta Claudia Sheinbaum conversó con el primer ministro Juan Pérez Soto. Ambos mandatarios "
            "acordaron reunirse.")
    doc = run(pnlp, text, "2025-06-01")
    (both,) = [m for m in doc._.mentions if m.text == "Ambos mandatarios"]
    assert sorted(both.actor_ids) == ["Q3", "juan-perez-soto"]


@pytest.mark.parametrize("text, country", [
    pytest.param("El canciller Pedro Ramos habló con su homólogo de Canadá, Luis Vega Soto. Más tarde, el "
                 "secretario Vega Soto firmó el acuerdo.", "CAN",
                 id="the office from one title, the country from the other"),
    pytest.param("El secretario Luis Vega Soto viajó a Lima. El ministro de Economía de Chile, Luis Vega Soto, "
                 "lo recibió.", "CHL", id="the first of two one-word titles names none, the later one Chile"),
    pytest.param("El secretario Luis Vega Soto viajó a Lima. Después, el secretario Vega Soto firmó.", "MEX",
                 id="no title names a country: the document's"),
])
def test_a_persons_country_is_the_one_another_of_its_titles_names(nlp, text, country):
    """The most telling title ("el secretario") gives the office; when it names no country,
    the country another title of the same person names ("su homólogo de Canadá") is the person's
    (with the bundled gazetteer: the small one reads "el secretario" as no office of its own)."""
    doc = run(nlp, text, "2025-06-01")
    assert people(doc)["Luis Vega Soto"].country == country


@pytest.mark.parametrize("text, name, code, country", [
    pytest.param("El canciller Pedro Ramos se reunió con sus homólogos de Colombia, Juan Kerr Soto, y de Chile, "
                 "Luis Vega Soto.", "Luis Vega Soto", "foreign_minister", "CHL",
                 id="the second counterpart, after a comma"),
    pytest.param("El canciller Pedro Ramos se reunió con sus homólogos de Colombia, Juan Kerr Soto, y de Chile, "
                 "Luis Vega Soto.", "Juan Kerr Soto", "foreign_minister", "COL",
                 id="plural homólogos is a counterpart too"),
    pytest.param("La presidenta habló con los presidentes de Colombia, Juan Kerr Soto y de Canadá, Luis Vega Soto.",
                 "Luis Vega Soto", "head_of_state", "CAN", id="no comma after the first name"),
])
def test_a_title_the_name_shares_with_the_one_before_it(nlp, text, name, code, country):
    """"sus homólogos de Brasil, X, y de Argentina, Y": Y has X's title, with Y's own country (with
    the bundled gazetteer: the small one has no plural titles)."""
    person = people(run(nlp, text, "2025-06-01"))[name]
    assert (person.role_code, person.country) == (code, country)


@pytest.mark.parametrize("text, name", [
    pytest.param("El canciller Pedro Ramos se reunió con su par canadiense, Luis Vega Soto.", "Luis Vega Soto",
                 id="su par"),
    pytest.param("El canciller Pedro Ramos se reunió con sus pares de Canadá, Luis Vega Soto y Rosa Gil Paz.",
                 "Rosa Gil Paz", id="sus pares"),
])
def test_a_par_is_a_counterpart(pnlp, text, name):
    """"su par canadiense, X" (titles.csv: relation counterpart): X has the office of the person
    spoken of, in the country the title names."""
    person = people(run(pnlp, text, "2025-06-01"))[name]
    assert (person.role_code, person.country) == ("foreign_minister", "CAN")


@pytest.mark.parametrize("text, code", [
    pytest.param("El canciller Pedro Ramos inauguró el foro. Después, la presidenta de Chile, Rosa Gil Paz, se "
                 "reunió con su homólogo de Canadá, Luis Vega Soto.", "head_of_state",
                 id="the subject's office, not that of the first person named in the document"),
    pytest.param("La presidenta Rosa Gil Paz inauguró el foro. Después, el canciller sostuvo una llamada con su "
                 "homólogo de Canadá, Luis Vega Soto.", "foreign_minister",
                 id="a subject named by its title alone, after someone else's name"),
    pytest.param("El canciller habló con su homólogo de Canadá, Luis Vega Soto.", "foreign_minister",
                 id="the only person spoken of is a title standing alone"),
    pytest.param("La presidenta Rosa Gil Paz viajó a Ottawa. Allí habló con su homólogo de Canadá, "
                 "Luis Vega Soto.", "head_of_state",
                 id="no subject in the clause: the person spoken of last before it"),
    pytest.param("El canciller Pedro Ramos fue recibido por la presidenta de Chile, Rosa Gil Paz. Más tarde, "
                 "sostuvo una reunión con su homólogo de Canadá, Luis Vega Soto.", "foreign_minister",
                 id="no subject in the clause: the last person a subject spoke of, not the host named after"),
    pytest.param("La presidenta Rosa Gil Paz viajará a Lima.\n\nLa reunión técnica fue encabezada por el canciller "
                 "Pedro Ramos. Posteriormente, se reunió con su homólogo de Canadá, Luis Vega Soto.",
                 "foreign_minister",
                 id="no subject in the clause nor a person subject in its paragraph: the person spoken of last"),
])
def test_a_named_counterpart_has_the_office_of_whom_its_clause_is_about(pnlp, text, code):
    """"el canciller habló con su homólogo de Canadá, X": X has the office of the subject of the
    clause, named or by a title alone, else of the person in office spoken of last before it."""
    assert people(run(pnlp, text, "2025-06-01"))["Luis Vega Soto"].role_code == code


def test_a_surname_right_after_its_title_is_someone_the_gazetteer_does_not_know(pnlp):
    """"el embajador Zubiría": a person named Zubiría, not whichever ambassador held office then."""
    doc = run(pnlp, "El embajador Zubiría se reunió con el canciller.", "2025-06-01")
    assert (people(doc)["Zubiría"].role_code, title_ids(doc, "embajador Zubiría")) == ("ambassador", [])


@pytest.mark.parametrize("text", [
    pytest.param("El Cónsul Alterno participó en la reunión con autoridades locales.", id="alterno"),
    pytest.param("El Cónsul Saliente participó en la reunión con autoridades locales.", id="saliente"),
])
def test_a_word_of_an_office_after_its_capitalised_title_is_no_surname(nlp, text):
    """"el Cónsul Alterno", which the model may take for a name: words.csv has "Alterno" as a
    not_name word, part of the office."""
    assert people(run(nlp, text, "2025-06-10")) == {}


def test_a_surname_after_a_capitalised_title_is_someone_the_gazetteer_does_not_know(nlp):
    """"La Canciller X recibió al Embajador Pacheco": Pacheco, as after a title in lower case."""
    doc = run(nlp, "La Canciller Rosa Villavicencio recibió al Embajador Pacheco en Bogotá.", "2025-06-10")
    assert people(doc)["Pacheco"].role_code == "ambassador"


def test_a_capitalised_word_the_office_goes_on_after_is_no_surname(nlp):
    """"el subprocurador Jurídico y de Asuntos Internacionales": "Jurídico" is part of the office."""
    doc = run(nlp, "Estuvieron presentes el embajador Luis Vera y el subprocurador Jurídico y de Asuntos "
                   "Internacionales, Pedro Gil Soto.", "2025-06-01")  # (the model takes "Jurídico" for a person)
    assert [m.text for m in doc._.mentions if m.label == "PER"] == ["Luis Vera", "Pedro Gil Soto"]


@pytest.mark.parametrize("text", [
    pytest.param("Foto: SRE. El canciller Pedro Gil Soto habló.", id="a body in a photo credit takes no part"),
    pytest.param("El subprocurador Jurídico y de Asuntos Internacionales, Pedro Gil Soto, habló.",
                 id="a word of an office the model takes for a name"),
])
def test_a_mention_points_only_to_participants(nlp, text):
    """mentions.actor_id joins to actors: an actor that takes no part (no participants row) is no
    mention's actor."""
    doc = run(nlp, text, "2025-06-01")
    taking_part = {p.actor_id for p in doc._.participants}
    assert doc._.mentions and all(set(m.actor_ids) <= taking_part and m.actor_id in taking_part | {None}
                                  for m in doc._.mentions)


def test_a_title_is_not_shared_without_a_country_of_its_own(pnlp):
    """"el ministro de Brasil, X, y de la Comisión Europea, Y": no country after "y de": Y has no title."""
    doc = run(pnlp, "Asistieron el ministro de Chile, Juan Kerr Soto, y de la Comisión Europea, Luis Vega Soto.",
              "2025-06-01")
    assert people(doc)["Luis Vega Soto"].role is None


def test_an_office_the_text_and_the_gazetteer_agree_on_takes_the_gazetteers_body(pnlp):
    """"El canciller X": the office of X's term on the date, so X speaks for that term's body."""
    doc = run(pnlp, "El canciller Juan Ramón de la Fuente viajó a Lima.", "2025-06-01")
    assert people(doc)["Juan Ramón de la Fuente"].organization == "Secretaría de Relaciones Exteriores"


def test_a_title_is_not_the_person_named_later_in_its_own_sentence(pnlp):
    """"La presidenta habló con la presidenta de Chile, X": X is the other party, so the title is
    the office holder on the date (Claudia Sheinbaum, Q3), not X."""
    doc = run(pnlp, "La presidenta habló ayer con la presidenta de Chile, Ana Soto Ruiz.", "2025-06-01")
    assert title_ids(doc, "presidenta") == ["Q3"]


def test_a_title_right_before_its_name_still_stands_for_it(nlp):
    """With the bundled gazetteer: "la directora general ... y sherpa del G20, X" read as a title
    alone is X's, the name right after it (its apposition) in the same sentence."""
    doc = run(nlp, "Por otra parte, la subsecretaria de Relaciones Exteriores, María Mercado Pérez, y la directora "
                   "general para Europa y sherpa del G20, Ana Feller Ruiz, encabezaron la delegación.", "2025-06-01")
    assert title_ids(doc, "directora general para Europa y sherpa del G20") == [people(doc)["Ana Feller Ruiz"].actor_id]


@pytest.mark.parametrize("text", [
    pytest.param("La canciller Ana Ruiz Beltrán viajará a Tokio. La última visita de un canciller mexicano a Japón "
                 "fue en 2019.", id="un"),
    pytest.param("La canciller Ana Ruiz Beltrán viajará a Tokio. Ningún canciller mexicano había ido a Japón.",
                 id="ningún"),
])
def test_a_title_after_an_indefinite_is_no_one_in_particular(pnlp, text):
    """words.csv kind ``indefinite``: "un canciller mexicano" stands for no one the document names."""
    assert title_ids(run(pnlp, text, "2025-06-01"), "canciller mexicano") == []


def test_a_title_alone_is_the_one_person_the_text_gave_it(pnlp):
    """"la subsecretaria" after "La subsecretaria para América del Norte, X" is X, though the
    gazetteer knows X by another office (Q40, an undated diplomat's term that overrides the text's
    code), not the man of the same office named since."""
    doc = run(pnlp, "La subsecretaria para América del Norte, Rosa Vela Ortiz, se reunió con el viceministro de "
                    "Canadá, Luis Dubois Paz. Después, la subsecretaria visitó Toronto.", "2025-06-01")
    assert title_ids(doc, "subsecretaria") == ["Q40"]


@pytest.mark.parametrize("text", [
    pytest.param("El canciller Pedro Soto Ruiz se reunirá con el futuro canciller Luis Gil Mora. Después, el canciller "
                 "habló con la prensa.", id="a title not in office is none of it"),
    pytest.param("El ministro de Relaciones Exteriores, Pedro Soto Ruiz, recibió al ministro de Relaciones Exteriores "
                 "de Chile, Luis Gil Mora. El ministro habló con la prensa.", id="two people with the title"),
])
def test_a_title_alone_is_not_the_last_one_given_it_when_it_may_be_another(pnlp, text):
    """Only one person in office the text gives the title is the title's by that alone: not "el
    futuro canciller X", and with two, the document's own official as before."""
    doc = run(pnlp, text, "2025-06-01")
    assert title_ids(doc, "canciller" if "canciller" in text else "ministro") == ["pedro-soto-ruiz"]


@pytest.mark.parametrize("text, title", [
    pytest.param("El viceministro de Canadá, Luis Dubois Paz, llegó a Lima. Más tarde, la subsecretaria habló.",
                 "subsecretaria", id="by the title's own gender"),
    pytest.param("El canciller de Colombia, Luis Dubois Paz, llegó a Lima. La canciller lo recibió.", "canciller",
                 id="by the article of a title of either gender"),
])
def test_a_feminine_title_is_no_man_the_text_titles(pnlp, text, title):
    """"la subsecretaria" is not "el viceministro de Canadá, X", nor "la canciller" "El canciller de
    Colombia, X": X's own title, or its article, says he is a man."""
    assert title_ids(run(pnlp, text, "2025-06-01"), title) == []


def test_a_given_name_the_gazetteer_knows_as_a_city_opens_the_name_after_a_title(nlp):
    """With the bundled gazetteer (Sofía, the capital of Bulgaria): "la canciller de Chile, Sofía
    Vega Luna" is Sofía Vega Luna, Chile's foreign minister, and no place is named inside her name."""
    doc = run(nlp, "La subsecretaria habló con la canciller de Chile, Sofía Vega Luna.", "2025-06-01")
    person = people(doc)["Sofía Vega Luna"]
    assert (person.role_code, person.country) == ("foreign_minister", "CHL")
    assert [m.text for m in doc._.mentions if m.label == "LOC"] == ["Chile"]


def test_a_title_that_writes_its_country_is_that_countrys_in_a_foreign_document(nlp):
    """With the bundled gazetteer: in a document about the United States, "la presidenta de
    México" names its country itself (not only the gazetteer's Mexican reading of the title), so
    it is Mexico's president on the date."""
    doc = run(nlp, "El mandatario estadounidense recibirá el próximo lunes en la Casa Blanca a la presidenta de "
                   "México.", "2026-01-20")
    assert title_ids(doc, "presidenta de México") == [people(doc)["Claudia Sheinbaum"].actor_id]


def test_both_leaders_are_heads_of_state_or_government_not_a_spokeswoman(nlp):
    """With the bundled gazetteer: "ambos líderes" (collective.csv: head_of_state|head_of_government)
    after two leaders and the spokeswoman who reported their meeting stands for the two leaders."""
    doc = run(nlp, "El mandatario estadounidense recibirá a la presidenta de México, informó la vocera Ana Ruiz "
                   "Gil. Será el primer encuentro entre ambos líderes.", "2026-01-20")
    (both,) = [m for m in doc._.mentions if m.text == "ambos líderes"]
    found = people(doc)
    assert sorted(both.actor_ids) == sorted([found["Donald Trump"].actor_id, found["Claudia Sheinbaum"].actor_id])


@pytest.mark.parametrize("text, phrase, expected", [
    pytest.param("El canciller Juan Ramón de la Fuente recibió al ministro de Relaciones Exteriores de Brasil, Mauro "
                 "Vieira, quien transmitió un saludo del presidente Luiz Inácio Lula da Silva. Ambos ministros "
                 "acordaron ampliar el comercio.", "Ambos ministros", {"Juan Ramón de la Fuente", "Mauro Vieira"},
                 id="'ambos ministros': the two ministers, not the president named last"),
    pytest.param("El secretario de Relaciones Exteriores, Juan Ramón de la Fuente, habló con el secretario de Estado "
                 "Marco Rubio, por encargo de la presidenta Claudia Sheinbaum. Después, ambos secretarios acordaron "
                 "reunirse.", "ambos secretarios", {"Juan Ramón de la Fuente", "Marco Rubio"},
                 id="'ambos secretarios': the two ministers, not the president named last"),
])
def test_a_collective_of_ministers_stands_for_ministers(nlp, text, phrase, expected):
    """With the bundled gazetteer: collective.csv gives "ministros" and "secretarios" the codes of
    ministers (and of international officials, for "secretarios")."""
    doc = run(nlp, text, "2025-10-15")
    (both,) = [m for m in doc._.mentions if m.text == phrase]
    found = people(doc)
    assert set(both.actor_ids) == {found[name].actor_id for name in expected}


def test_a_bare_title_opening_the_persons_office_takes_that_office(nlp):
    """"el secretario Juan Ramón de la Fuente" in 2025: "secretario" opens his office on that date,
    "secretario de Relaciones Exteriores" (foreign_minister), not the generic minister code his
    earlier office as Secretary of Health would also fit."""
    doc = run(nlp, "El secretario Juan Ramón de la Fuente encabezó la sesión de trabajo.", "2025-10-15")
    found = people(doc)["Juan Ramón de la Fuente"]
    assert (found.role_code, found.organization) == ("foreign_minister", "Secretaría de Relaciones Exteriores")


def test_role_only_prefers_the_person_named_in_the_document(pnlp):
    doc = run(pnlp, "El canciller Marcelo Ebrard viajó a Lima. El canciller firmó el acuerdo.", "2025-06-01")
    found = people(doc)
    assert set(found) == {"Marcelo Ebrard"}
    assert found["Marcelo Ebrard"].n_mentions == 2
    role = [m for m in doc._.mentions if m.label == "ROLE"]
    assert [m.actor_id for m in role] == ["Q6"]


def test_a_title_without_portfolio_is_first_the_documents_own_minister(pnlp):
    """"el ministro mexicano" after the foreign minister is named is that minister, not the
    gazetteer's minister (of economy) in office on the date."""
    doc = run(pnlp, "El secretario de Relaciones Exteriores, Pedro Gómez Lara, viajó a Lima. "
                    "El ministro mexicano firmó ahí el acuerdo.", "2025-06-01")
    found = people(doc)
    assert set(found) == {"Pedro Gómez Lara"}
    assert found["Pedro Gómez Lara"].n_mentions == 2


def test_the_federal_mandatario_is_mexicos_head_of_state(nlp):
    """With the bundled gazetteer: "el mandatario federal" is Mexico's president (the federal
    executive), here the one the document names, not the foreign president named first."""
    doc = run(nlp, "Ayer, el mandatario federal habló por teléfono con el presidente de Estados Unidos, "
                   "Joe Biden. Más tarde, López Obrador informó de la conversación.", "2022-01-10")
    assert title_ids(doc, "mandatario federal") == [people(doc)["Andrés Manuel López Obrador"].actor_id]


def test_a_title_before_every_name_it_may_stand_for_is_the_documents_own_country(pnlp):
    """"el mandatario" opens the text and two presidents are named after it: the document is
    Mexico's (its foreign minister's country), so the title is Mexico's president."""
    doc = run(pnlp, "Por la mañana, el mandatario conversó con el presidente Donald Trump. Más tarde, el "
                    "canciller Marcelo Ebrard y el presidente Andrés Manuel López Obrador hablaron.", "2020-06-01")
    assert title_ids(doc, "mandatario") == ["Q5"]


@pytest.mark.parametrize("text, title, name", [
    pytest.param("La ministra Ana Pérez Gil y el embajador Luis Soto Mora viajaron a Lima. Ahí, la "
                 "funcionaria firmó el acuerdo.", "funcionaria", "Ana Pérez Gil",
                 id="the last person named of the title's gender"),
    pytest.param("El secretario de Estado de Estados Unidos, John Miller Dean, habló con el canciller "
                 "mexicano, Pedro Gómez Lara. Después, el funcionario estadounidense viajó a Lima.",
                 "funcionario estadounidense", "John Miller Dean", id="of the country the title names"),
])
def test_a_title_for_anyone_stands_for_the_last_person_named(pnlp, text, title, name):
    """"la funcionaria", "el diplomático" (relation ``anyone`` in titles.csv) hold no office of
    their own: they refer back to the person named last before them who fits."""
    doc = run(pnlp, text, "2025-06-01")
    assert title_ids(doc, title) == [people(doc)[name].actor_id]


def test_a_title_for_anyone_does_not_stand_for_someone_of_the_other_gender(pnlp):
    doc = run(pnlp, "El embajador Luis Soto Mora llegó a Lima. La funcionaria firmó el acuerdo.", "2025-06-01")
    assert title_ids(doc, "funcionaria") == []


def test_a_ministry_unit_named_in_a_title_is_no_name(pnlp):
    """"Organismos", "Mecanismos" (not_name in words.csv) name a unit of the ministry: the
    recogniser's entities there are no person names that would cut the title from its holder."""
    doc = run(pnlp, "El director general de Organismos y Mecanismos Regionales Americanos de la Secretaría "
                    "de Relaciones Exteriores (SRE), Tomás Arriaga del Valle, participó en la reunión.", "2026-02-01")
    assert people(doc)["Tomás Arriaga del Valle"].role.startswith("director general de Organismos")


def test_a_title_listing_portfolios_keeps_its_commas(pnlp):
    """A comma between capitalised portfolio names, closed by "y", is inside the title."""
    doc = run(pnlp, "Ayer habló el ministro de Industria, Turismo y Comercio, Pedro Gómez Lara, en Lima.",
              "2025-06-01")
    assert people(doc)["Pedro Gómez Lara"].role == "ministro de Industria, Turismo y Comercio"


def test_the_gazetteer_country_of_the_office_the_text_names_wins(nlp):
    """With the bundled gazetteer: "ministro de Economía" reads as Mexico's ministry, but the
    gazetteer has the man as Spain's minister on that date."""
    doc = run(nlp, "En Madrid, el ministro de Economía, Luis de Guindos, recibió al canciller.", "2017-03-01")
    found = people(doc)["Luis de Guindos"]
    assert (found.role_code, found.country) == ("minister", "ESP")


def test_a_title_naming_no_country_whose_countrys_official_is_named_only_after_it_is_the_last_named(pnlp):
    """"el presidente" after the Chilean president is named, with Mexico's named only after the
    title: the document's own official named before it is no one, so it is the Chilean."""
    doc = run(pnlp, "La canciller mexicana, Ana Ruiz Gil, habló con el presidente de Chile, Luis Vera Mora. "
                    "Después, el presidente firmó el acuerdo. Más tarde, el presidente de México, Pedro Soto "
                    "Lara, lo celebró.", "2025-06-01")
    assert title_ids(doc, "presidente") == [people(doc)["Luis Vera Mora"].actor_id]


@pytest.mark.parametrize("text, expected", [
    pytest.param("El asesor llegó ayer a Lima.", set(),
                 id="a title of code other naming no country: no one, not the default country's holder"),
    pytest.param("El asesor mexicano llegó ayer a Lima.", {"Pedro Soto Vega"},
                 id="the same title naming the country: its one holder"),
])
def test_a_title_of_code_other_stands_for_a_holder_only_of_a_country_it_names(pnlp, tmp_path, text, expected):
    """The gazetteer has one Mexican "asesor": "el asesor" alone is not he, though Mexico is the
    country of an official whose country the text does not give."""
    doc = run_with_rows(pnlp, tmp_path / "models", text, "2025-06-01",
                        officials="Pedro Soto Vega,Soto Vega,Q30,MEX,asesor,other,,2024-10-01,,m\n")
    assert set(people(doc)) == expected


GOVERNORS = ("Ramiro Zárate Luna,Zárate Luna,Q31,MEX,gobernador de Sonora,governor,Gobierno de Sonora,"
             "2021-09-13,,m\n"
             "Elena Ibarra Solís,Ibarra Solís,Q32,MEX,gobernadora de Tamaulipas,governor,Gobierno de Tamaulipas,"
             "2022-10-01,,f\n"
             "Marta Cruz Peña,Cruz Peña,Q33,MEX,gobernadora de Durango,governor,Gobierno de Durango,2022-09-15,,f\n")
#: the states of ``GOVERNORS`` and one without a governor in the gazetteer
STATES = "Sonora,,MEX,state\nJalisco,,MEX,state\nTamaulipas,,MEX,state\nDurango,,MEX,state\n"


@pytest.mark.parametrize("text, expected", [
    pytest.param("El canciller se reunió con el gobernador de Sonora.", {"Ramiro Zárate Luna"},
                 id="the office's own place: its holder"),
    pytest.param("El canciller se reunió con el gobernador de Jalisco.", set(),
                 id="another state: no one, not the one man governing a state the gazetteer knows"),
    pytest.param("El canciller se reunió con el gobernador del estado.", set(),
                 id="a title naming no place: no one, though one man holds such an office"),
    pytest.param("El canciller se reunió con la gobernadora de Tamaulipas.", {"Elena Ibarra Solís"},
                 id="of two women governors, the one of the state named"),
])
def test_an_office_bound_to_a_place_is_held_only_by_a_title_naming_it(pnlp, tmp_path, text, expected):
    """"el gobernador de Jalisco" is not Sonora's governor because he is the only man the
    gazetteer has in such an office on the date; a place named in an office's name or body
    binds it to that place (the foreign minister's office names none and stays found)."""
    doc = run_with_rows(pnlp, tmp_path / "models", text, "2025-06-01", officials=GOVERNORS, places=STATES,
                        roles="gobernador,governor,,,m\ngobernadora,governor,,,f\n")
    assert set(people(doc)) == expected | {"Juan Ramón de la Fuente"}


def test_a_title_naming_its_portfolio_stands_for_the_holder_of_the_office_it_opens(pnlp, tmp_path):
    """"el secretario de Agricultura" (a title with no body of its own) is the one minister whose
    office it opens ("secretario de Agricultura y Desarrollo Rural"), not the foreign minister a
    bare "la ministra" may stand for, nor the Colombian foreign minister named before."""
    doc = run_with_rows(pnlp, tmp_path / "models", "El canciller de Colombia, Luis Vera Mora, se reunió hoy con el "
                        "secretario de Agricultura.", "2025-06-01",
                        officials="Raúl Peña Soto,Peña Soto,Q34,MEX,secretario de Agricultura y Desarrollo Rural,"
                                  "minister,,2024-10-01,,m\n",
                        roles="secretario de agricultura,minister,,,m\n")
    assert title_ids(doc, "secretario de Agricultura") == [people(doc)["Raúl Peña Soto"].actor_id]


@pytest.mark.parametrize("text, expected", [
    pytest.param("La canciller se reunió con el ministro de Agricultura de Colombia.", set(),
                 id="a portfolio the title row lacks, named in the text: not the foreign minister"),
    pytest.param("La canciller se reunió con el ministro de Minería de Colombia.", set(),
                 id="the one minister of that country holds another portfolio: no one"),
    pytest.param("La canciller se reunió con el ministro de Comercio de Colombia.", {"Pablo Ríos Vidal"},
                 id="the minister whose office opens with the portfolio named"),
    pytest.param("La canciller se reunió con el ministro colombiano.", {"Pablo Ríos Vidal"},
                 id="no portfolio said: the one plain minister of that country"),
    pytest.param("La canciller se reunió con la ministra colombiana.", {"Claudia Blum"},
                 id="no portfolio said and no plain minister fits: the unnamed-portfolio setting's office"),
])
def test_a_portfolio_named_after_a_ministers_title_picks_its_holder(pnlp, tmp_path, text, expected):
    doc = run_with_rows(pnlp, tmp_path / "models", text, "2020-06-01",
                        officials="Pablo Ríos Vidal,Ríos Vidal,Q37,COL,ministro de Comercio,minister,,2019-01-01,,m\n")
    assert set(people(doc)) - {"Claudia Sheinbaum", "Andrés Manuel López Obrador", "Marcelo Ebrard"} == expected


def test_a_title_of_another_code_is_not_matched_to_the_office_it_opens(pnlp, tmp_path):
    """Only a minister's title is read as the start of an office ("el secretario de Agricultura");
    "el alto comisionado" does not pick, among all officials of international bodies, the one
    whose office it opens: the text does not say which."""
    doc = run_with_rows(pnlp, tmp_path / "models", "La canciller se reunió con el alto comisionado.", "2025-06-01",
                        officials="Raúl Paz Soto,Paz Soto,Q35,,alto comisionado para los Derechos Humanos,"
                                  "io_official,Organización de las Naciones Unidas,2022-10-01,,m\n"
                                  "Luis Mora Gil,Mora Gil,Q36,,secretario general de la OEA,io_official,"
                                  "Organización de los Estados Americanos,2020-05-01,,m\n",
                        roles="alto comisionado,io_official,,,m\n")
    assert "Raúl Paz Soto" not in people(doc)


def test_role_only_without_a_date_stays_unresolved(pnlp):
    doc = run(pnlp, "El canciller participó en la reunión.", None)
    assert people(doc) == {}


def test_the_article_gives_a_title_of_either_gender_its_gender(pnlp):
    """"el canciller" after a woman foreign minister was named is the man named before her."""
    doc = run(pnlp, "El canciller Marcelo Ebrard se reunió con la canciller de Colombia, Claudia Blum. "
                    "Después, el canciller viajó a Lima.", "2020-06-01")
    assert title_ids(doc, "canciller") == ["Q6"]


def test_feminine_title_does_not_stand_for_a_man(pnlp):
    doc = run(pnlp, "El presidente Donald Trump llegó. La presidenta habló después.", "2025-06-01")
    assert people(doc)["Claudia Sheinbaum"].resolved_by == "role"
    assert people(doc)["Donald Trump"].n_mentions == 1


# -- fuzzy --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    pytest.param("El secretario de Estado Marco Rubio habló. Después, Rubió insistió.", "Marco Rubio",
                 id="accent typo against the document's own names"),
    pytest.param("La reunión entre la canciller y Marco Rubbio fue cordial.", "Marco Rubio",
                 id="doubled letter against the gazetteer"),
])
def test_fuzzy(pnlp, text, name):
    found = people(run(pnlp, text, "2025-06-01"))
    assert name in found
    assert found[name].n_mentions >= 1


@pytest.mark.parametrize("countries, expected", [
    pytest.param("de Colombia y Chile", set(), id="others than those named before: no one"),
    pytest.param("de México y Estados Unidos", {"Q1", "Q2"}, id="those named before"),
    pytest.param("de México y de Estados Unidos", {"Q1", "Q2"}, id="'de' said again before each country"),
])
def test_a_collective_that_names_its_countries_stands_for_people_of_those(pnlp, countries, expected):
    """"los cancilleres de Colombia y Chile" says whose they are: not the two named before."""
    text = ("El canciller Juan Ramón de la Fuente habló con el secretario de Estado Marco Rubio. Después, los "
            f"cancilleres {countries} acordaron reunirse.")
    doc = run(pnlp, text, "2025-06-01")
    at = text.index("los cancilleres")
    assert {a for m in doc._.mentions if m.start == at for a in m.actor_ids} == expected


def test_fuzzy_does_not_turn_common_words_into_people(pnlp):
    doc = run(pnlp, "Deja un comentario. Nombre y Correo son obligatorios.", "2025-06-01")
    assert people(doc) == {}


# -- collective mentions -----------------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    pytest.param("ambos funcionarios", id="ambos + noun"),
    pytest.param("los cancilleres", id="plural title restricted to foreign ministers"),
    pytest.param("los participantes", id="who took part: everyone named before"),
    pytest.param("los dos funcionarios", id="'los dos' + noun: two"),
])
def test_collective_mention_adds_spans_to_each_person(pnlp, phrase):
    text = (f"El canciller Juan Ramón de la Fuente habló con el secretario de Estado Marco Rubio. "
            f"Después, {phrase} acordaron reunirse.")
    doc = run(pnlp, text, "2025-06-01")
    at = text.index(phrase)
    found = people(doc)
    for name in ("Juan Ramón de la Fuente", "Marco Rubio"):
        assert (at, at + len(phrase)) in found[name].spans
    collective = [m for m in doc._.mentions if m.start == at]
    assert collective and collective[0].label == "ROLE" and set(collective[0].actor_ids) == {"Q1", "Q2"}


def test_a_collective_stands_for_the_persons_spoken_of_last_by_name_or_by_title(pnlp):
    """"ambos funcionarios" after "la subsecretaria llegó a X, donde fue recibida por Y": she,
    named by her title alone, and Y; not the person named by name before her title."""
    text = ("El lunes, la subsecretaria de Relaciones Exteriores, Ana Ruiz Gil, se reunió con el viceministro "
            "de Honduras, Luis Vera Mora. El miércoles, la subsecretaria llegó a San Salvador, donde fue recibida "
            "por el director general de Política Exterior de El Salvador, Pedro Soto Lara. En ese encuentro, ambos "
            "funcionarios acordaron establecer un mecanismo de consultas.")
    doc = run(pnlp, text, "2025-06-01")
    (collective,) = [m for m in doc._.mentions if m.text == "ambos funcionarios"]
    assert {people(doc)[n].actor_id for n in ("Ana Ruiz Gil", "Pedro Soto Lara")} == set(collective.actor_ids)


# -- role and country --------------------------------------------------------------------

@pytest.mark.parametrize("text, name, role_code, country", [
    pytest.param("El secretario de Estado de Estados Unidos, Marco Rubio, llegó.", "Marco Rubio",
                 "foreign_minister", "USA", id="left apposition with country"),
    pytest.param("Reunión con Ana Pérez Ruiz, ministra de Colombia, en Bogotá.", "Ana Pérez Ruiz",
                 "minister", "COL", id="right apposition of an unknown person"),
    pytest.param("La canciller colombiana, Ana Pérez Ruiz, llegó.", "Ana Pérez Ruiz",
                 "foreign_minister", "COL", id="demonym gives the country"),
    pytest.param("El embajador de Canadá en México, Paul Martin Tremblay, habló.", "Paul Martin Tremblay",
                 "ambassador", "CAN", id="ambassador: the country he represents, not the host"),
    pytest.param("El embajador de México ante la Organización de las Naciones Unidas, Pedro Gómez Lara, habló.",
                 "Pedro Gómez Lara", "ambassador", "MEX",
                 id="ambassador to an international organization: his country's, no official of it"),
    pytest.param("El embajador de la ONU en Haití, Pedro Gómez Lara, habló.", "Pedro Gómez Lara",
                 "io_official", None, id="an international organization's own envoy"),
    pytest.param("El presidente electo Andrés Manuel López Obrador habló.", "Andrés Manuel López Obrador",
                 "other", "MEX", id="president-elect is other"),
    pytest.param("Ayer Marcelo Ebrard habló con empresarios.", "Marcelo Ebrard",
                 "minister", "MEX", id="no title: the gazetteer's office on the date"),
    pytest.param("La presidenta Claudia Sheinbaum habló con su homólogo estadounidense, Donald Trump.",
                 "Donald Trump", "head_of_state", "USA", id="counterpart in apposition"),
])
def test_role_and_country(pnlp, text, name, role_code, country):
    person = people(run(pnlp, text, "2025-06-01"))[name]
    assert (person.role_code, person.country) == (role_code, country)


@pytest.mark.parametrize("text, organization", [
    pytest.param("La canciller habló con el secretario de Estado de Colombia, Pablo Ríos Vidal.", None,
                 id="a title of another country's body, of a country named: not that body"),
    pytest.param("La canciller habló con el secretario de Estado, Pablo Ríos Vidal.", "Departamento de Estado",
                 id="the same title naming no country: its body"),
])
def test_a_title_naming_a_country_other_than_its_own_leaves_its_body(pnlp, text, organization):
    """"la secretaria de Economía de Chile" is not in Mexico's Secretaría de Economía, the body
    the title has in the gazetteer (where it is Mexico's)."""
    assert people(run(pnlp, text, "2025-06-01"))["Pablo Ríos Vidal"].organization == organization


@pytest.mark.parametrize("text, name, role", [
    pytest.param("El secretario de Estado de Estados Unidos, Marco Rubio, llegó.", "Marco Rubio",
                 "secretario de Estado de Estados Unidos", id="title and country"),
    pytest.param("La directora general de Asuntos Jurídicos y Consultivos de la Secretaría de Relaciones "
                 "Exteriores (SRE), Marta Solís Arenas, participó.", "Marta Solís Arenas",
                 "directora general de Asuntos Jurídicos y Consultivos de la Secretaría de Relaciones "
                 "Exteriores (SRE)", id="a long title: a body's name in it counts as one word"),
    pytest.param("Ayer, Marta Solís Arenas, directora general de Asuntos Jurídicos de la Secretaría de "
                 "Relaciones Exteriores de México (SRE), presentó el plan.", "Marta Solís Arenas",
                 "directora general de Asuntos Jurídicos de la Secretaría de Relaciones Exteriores de México "
                 "(SRE)", id="a long title after the name: a body's name in it counts as one word"),
    pytest.param("La canciller de Colombia y el enviado especial de la Casa Blanca, Pedro Soto Ruiz, llegaron.",
                 "Pedro Soto Ruiz", None, id="another person's title before 'y el' is not his"),
])
def test_role_is_the_title_as_written(pnlp, text, name, role):
    assert people(run(pnlp, text, "2025-06-01"))[name].role == role


def test_gazetteer_person_found_later_gives_the_earlier_name_its_id(pnlp):
    # "De la Fuente" (a gazetteer alias) joins the full name read first, which the gazetteer
    # does not know: the actor takes the gazetteer person's id along with its name
    text = "El embajador Pedro de la Fuente Ruiz llegó a Lima. De la Fuente dijo que la visita fue un éxito."
    doc = run(pnlp, text, "2025-06-01")
    assert [(p.actor_id, p.name) for p in doc._.participants] == [("Q1", "Juan Ramón de la Fuente")]
    assert {m.actor_id for m in doc._.mentions if m.label == "PER"} == {"Q1"}


def test_actor_id_is_wikidata_or_slug(pnlp):
    found = people(run(pnlp, "Marco Rubio saludó a la directora general Laura Gómez Treviño.", "2025-06-01"))
    assert found["Marco Rubio"].actor_id == "Q2"
    assert found["Laura Gómez Treviño"].actor_id == "laura-gomez-trevino"


# -- role and demonym without a name --------------------------------------------------------

@pytest.mark.parametrize("text, published, name, role_code, country", [
    pytest.param("El canciller Marcelo Ebrard recibió a la ministra colombiana en Palacio Nacional.",
                 "2020-03-01", "Claudia Blum", "foreign_minister", "COL",
                 id="minister without portfolio + demonym: that country's foreign minister on the date"),
    pytest.param("La vicepresidenta y canciller de Colombia, Marta Lucía Ramírez, habló con el canciller "
                 "mexicano sobre vacunas.", None, "Marcelo Ebrard", "foreign_minister", "MEX",
                 id="undated: the other titled official's term dates the document"),
])
def test_role_and_demonym_resolve_to_office_holder(pnlp, text, published, name, role_code, country):
    found = people(run(pnlp, text, published))
    assert name in found, sorted(found)
    assert (found[name].role_code, found[name].country) == (role_code, country)


@pytest.mark.parametrize("text, published, absent", [
    pytest.param("El canciller Marcelo Ebrard recibió a la ministra colombiana.", None, "Claudia Blum",
                 id="undated and two Colombian foreign ministers during his term: unresolved"),
    pytest.param("El canciller Juan Ramón de la Fuente saludó a la ministra colombiana.", "2025-06-01",
                 "Marta Lucía Ramírez", id="nobody holds that office on the date: unresolved"),
    pytest.param("Un comunicado de la secretaría de Relaciones Exteriores anunció el viaje.", "2024-01-10",
                 "Alicia Bárcena", id="'secretaría' with an accent is a ministry, not the title 'secretaria'"),
])
def test_role_and_demonym_left_unresolved(pnlp, text, published, absent):
    assert absent not in people(run(pnlp, text, published))


def test_coordinated_title_keeps_its_own_country(pnlp):
    text = ("La canciller Alicia Bárcena recibió al embajador de Colombia. Luego, la canciller y el "
            "embajador colombiano firmaron el acta.")
    doc = run(pnlp, text, "2024-01-10")
    at = text.index("canciller y")
    role = [m for m in doc._.mentions if m.label == "ROLE" and m.start == at]
    assert role and role[0].actor_id == "Q7"  # not a Colombian foreign minister


def test_handover_day_does_not_date_a_document_to_the_next_term(pnlp):
    # Ebrard's term as foreign minister ends on the day Bárcena's starts: undated, "la
    # secretaria" stays unresolved rather than become her.
    doc = run(pnlp, "El canciller Marcelo Ebrard habló con la secretaria de Relaciones Exteriores.", None)
    assert "Alicia Bárcena" not in people(doc)


@pytest.mark.parametrize("extra, expected", [
    pytest.param("", "Tomás Rivas Olmedo", id="another country's document: its own official"),
    pytest.param(" Habló de su viaje a Estados Unidos.", "Marco Rubio",
                 id="the United States named: the U.S. Secretary of State"),
])
def test_title_read_the_mexican_way_only_where_it_fits(pnlp, extra, expected):
    text = ("El canciller chileno, Tomás Rivas Olmedo, presentó su informe. Más tarde, el secretario "
            "de Estado insistió en la apertura comercial." + extra)
    doc = run(pnlp, text, "2025-06-01")
    at = text.index("secretario de Estado")
    role = [m for m in doc._.mentions if m.label == "ROLE" and m.start == at]
    assert role and people(doc)[expected].actor_id == role[0].actor_id


@pytest.mark.parametrize("text, name, role_code, country", [
    pytest.param("El ministro colombiano de Relaciones Exteriores, Pedro Gómez Lara, llegó.", "Pedro Gómez Lara",
                 "foreign_minister", "COL", id="title cut by a demonym"),
    pytest.param("Asistieron Marco Rubio y Juan Ramón de la Fuente, el embajador de Canadá, Paul Martin "
                 "Tremblay, y otros invitados.", "Juan Ramón de la Fuente", "foreign_minister", "MEX",
                 id="a title between two names belongs to the next one"),
])
def test_role_phrase_boundaries(pnlp, text, name, role_code, country):
    person = people(run(pnlp, text, "2025-06-01"))[name]
    assert (person.role_code, person.country) == (role_code, country)


# -- saving ----------------------------------------------------------------------------

def test_a_saved_stage_carries_the_gazetteer_it_was_built_on(pnlp, tmp_path):
    """``to_disk`` saves the gazetteer with the stage's own rules: loaded into a stage built on
    a gazetteer without officials, it resolves surnames to the saved officials again."""
    from pipeline.participants import ParticipantsComponent
    from tests.participants_support import OFFICIALS, write_models

    text = "El canciller De la Fuente habló por teléfono con Rubio."

    def names(stage) -> set[str]:
        with pnlp.select_pipes(disable=["sre_participants"]):
            doc = run(pnlp, text, "2025-03-01")
        return set(people(stage(doc)))

    pnlp.get_pipe("sre_participants").to_disk(tmp_path / "saved")
    models = write_models(tmp_path / "other")
    (models / "gazetteer" / "officials.csv").write_text(OFFICIALS.splitlines()[0] + "\n", encoding="utf-8")
    stage = ParticipantsComponent(pnlp, "sre_participants", str(models))
    assert "Marco Rubio" not in names(stage)
    assert {"Juan Ramón de la Fuente", "Marco Rubio"} <= names(stage.from_disk(tmp_path / "saved"))


@pytest.mark.parametrize("text", [
    pytest.param("El canciller De la Fuente recibió en Ottawa a la delegación de Canadá y habló con Rubio.",
                 id="entities the stage corrects (places, surnames)"),
    pytest.param("Ambos funcionarios acordaron reunirse; el canciller lo anunció.", id="role-only mentions"),
])
def test_running_the_stage_again_changes_nothing(pnlp, text):
    """The undated stage runs the participants stage again on the day it infers: a second run
    starts from the recogniser's entities, not from the first run's corrections."""
    doc = run(pnlp, text, "2025-03-01")

    def state(d):
        return (list(d._.mentions), list(d._.participants), [(e.start, e.end, e.label_) for e in d.ents])

    first = state(doc)
    assert state(pnlp.get_pipe("sre_participants")(doc)) == first


@pytest.mark.parametrize("text, expected", [
    pytest.param("El vicepresidente estadounidense llegó ayer a Lima.", {"Mike Pence"},
                 id="an office of code other, of a named country: its one holder"),
    pytest.param("El director estadounidense llegó ayer a Lima.", set(),
                 id="a title of code other held by many: no one"),
])
def test_a_title_of_code_other_stands_for_the_one_holder_of_that_office(make_doc, text, expected):
    doc = make_doc(text, "2019-06-10")
    assert {p.name for p in doc._.participants if p.kind == "person"} == expected


def test_a_title_naming_its_body_by_acronym_is_that_countrys_office(make_doc):
    """The document's first person is the U.S. ambassador, but "el titular de la SRE" names
    Mexico's foreign ministry: its holder on the date, not a reading of the title abroad."""
    doc = make_doc("El titular de la SRE participó en la reunión con el embajador Ronald Johnson.", "2025-03-05")
    assert "Juan Ramón de la Fuente" in {p.name for p in doc._.participants}


def test_a_title_naming_no_country_is_the_documents_own_official_not_a_counterpart_named_since(make_doc):
    text = ("El canciller Juan Ramón de la Fuente viajará a Japón por invitación de su homólogo, "
            "Takeshi Iwaya. Durante su estancia, el canciller se reunirá con empresarios.")
    doc = make_doc(text, "2025-02-20")
    second = [m for m in doc._.mentions if m.label == "ROLE" and m.text == "canciller"][-1]
    assert second.actor_id == next(p.actor_id for p in doc._.participants if p.name == "Juan Ramón de la Fuente")


@pytest.mark.parametrize("text, name, role_code", [
    pytest.param("La subsecretaria se reunió con el secretario general del ministerio francés, Pierre Dumont.",
                 "Pierre Dumont", "diplomat", id="a ministry's secretary general is a diplomat"),
    pytest.param("La canciller se reunió con el secretario general de la OEA, Luis Almagro.",
                 "Luis Almagro", "io_official", id="an organization's secretary general is its official"),
])
def test_secretary_general_role_by_what_it_heads(make_doc, text, name, role_code):
    person = next(p for p in make_doc(text, "2024-05-02")._.participants if p.name == name)
    assert person.role_code == role_code


@pytest.mark.parametrize("text", [
    pytest.param("El cónsul titular, Ernesto Salinas Pardo, se trasladó a Valencia.", id="alone"),
    pytest.param("El cónsul titular de México en Barcelona, Ernesto Salinas Pardo, viajó.", id="with the post"),
])
def test_a_head_consul_is_a_consul_not_the_head_of_a_body(make_doc, text):
    """"titular" alone heads a body ("el titular de la SRE"); after "cónsul" it is the consul's rank."""
    person = next(p for p in make_doc(text, "2024-11-04")._.participants if p.name == "Ernesto Salinas Pardo")
    assert (person.role.split(" de ")[0], person.role_code) == ("cónsul titular", "consul")


def test_a_european_commissioner_is_an_official_of_the_union(make_doc):
    """Not the title of the minister named before him with "y el": "La secretaria de Economía de
    México y el comisario europeo de Comercio, X"."""
    doc = make_doc("La secretaria de Economía de México y el comisario europeo de Comercio, Maros Sefcovic, "
                   "anunciaron la conclusión de las negociaciones.", "2025-06-20")
    person = next(p for p in doc._.participants if p.name == "Maros Sefcovic")
    assert (person.role, person.role_code, person.country) == ("comisario europeo de Comercio", "io_official", None)


@pytest.mark.parametrize("text, name, role", [
    pytest.param("La directora general para América Latina y el Caribe, Lucía Ferrer Gil, participó en la reunión.",
                 "Lucía Ferrer Gil", "directora general para América Latina y el Caribe",
                 id="'y el' + a capitalised word is part of the title"),
    pytest.param("La ministra de la Mujer y la Equidad de Género de Chile, Carla Pinto Soto, llegó.",
                 "Carla Pinto Soto", "ministra de la Mujer y la Equidad de Género de Chile",
                 id="'y la' + a capitalised word too"),
])
def test_a_title_with_a_coordinated_name_in_it_is_whole(make_doc, text, name, role):
    assert next(p for p in make_doc(text, "2025-06-01")._.participants if p.name == name).role == role


def test_a_title_in_a_line_of_capitals_is_no_acronym(make_doc):
    """In a Chilean report every minister is a "secretario de Estado": a line in capitals holds
    no acronym naming a body, so the title keeps the document's reading."""
    text = ("Santiago, 5 de marzo de 2025. El canciller chileno Alberto van Klaveren se reunió con el ministro "
            "Mario Marcel.\\nEL SECRETARIO DE ESTADO PARTICIPÓ EN LA SESIÓN DEL GABINETE.")
    doc = make_doc(text, "2025-03-05")
    assert "Marco Rubio" not in {p.name for p in doc._.participants}


def test_a_person_named_only_in_a_teaser_line_is_no_one_a_collective_stands_for(make_doc):
    text = ("La canciller Alicia Bárcena recibió al ministro Antonio Tajani.\n\nLee también: Sheinbaum "
            "anuncia gira por Sudamérica\n\nAmbos funcionarios firmaron un memorándum.")
    doc = make_doc(text, "2024-07-10")
    assert {p.name for p in doc._.participants} == {"Alicia Bárcena", "Antonio Tajani"}
