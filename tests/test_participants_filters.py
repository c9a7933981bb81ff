"""Participants stage: who is not a participant, organizations, mentions and corrected entities."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.nlp import load_nlp
from pipeline.rules import RuleFileError
from tests.participants_support import run, write_models


def names(doc, kinds=("person",)) -> set[str]:
    return {p.name for p in doc._.participants if p.kind in kinds}


# -- not participants --------------------------------------------------------------------

@pytest.mark.parametrize("text, absent", [
    pytest.param("Laura Gómez Treviño\n\nCiudad de México. El canciller Marcelo Ebrard viajó.",
                 "Laura Gómez Treviño", id="byline alone on its first line"),
    pytest.param("El canciller Marcelo Ebrard viajó.\nFoto: Pedro Ramírez Luna\n",
                 "Pedro Ramírez Luna", id="photo credit"),
    pytest.param("El canciller Marcelo Ebrard viajó a Lima (con información de EFE).",
                 "EFE", id="news agency"),
    pytest.param("Se guardó un minuto de silencio por la muerte del presidente de Haití, Jean Pierre Louis.",
                 "Jean Pierre Louis", id="person only commemorated"),
    pytest.param("Acordaron acciones para:\n\nFortalecer la cooperación.\n\nDetener el tráfico de armas.",
                 "Fortalecer", id="capitalised verb at the start of a list item"),
    pytest.param("Reunión Ministerial de Seguridad, en febrero\n\nLos equipos trabajarán.",
                 "Reunión Ministerial de Seguridad", id="heading"),
    pytest.param("La asesora de Marco Rubio, Ana Pérez Ruiz, habló con la prensa.",
                 "Marco Rubio", id="person named only inside another person's title"),
    pytest.param("En conferencia, la canciller habló sobre Donald Trump y su campaña.",
                 "Donald Trump", id="person only talked about"),
    pytest.param("Llegó Ana Pérez Ruiz, asesora del presidente Donald Trump en temas de salud.",
                 "Donald Trump", id="named through an adviser"),
    pytest.param("El canciller Marcelo Ebrard durante la gira. Foto Pedro Ramírez Luna\n\nEl viaje siguió.",
                 "Foto Pedro Ramírez Luna", id="photo credit inside a caption line"),
    pytest.param("Pedro Ramírez Luna | El Diario del Sur\n\nEl canciller Marcelo Ebrard viajó.",
                 "Pedro Ramírez Luna", id="byline with a pipe"),
    pytest.param("El encuentro sirvió para hacer un balance del Entendimiento Bicentenario sobre Seguridad, "
                 "Salud Pública y Comunidades Seguras, vigente desde octubre de 2021.", "Salud Pública",
                 id="policy areas in an agreement's name"),
    pytest.param("El encuentro sirvió para hacer un balance del Entendimiento Bicentenario sobre Seguridad, "
                 "Salud Pública y Comunidades Seguras, vigente desde octubre de 2021.", "Comunidades Seguras",
                 id="policy areas in an agreement's name, the second"),
    pytest.param("La canciller agradeció a Embajadores, Cónsules y Jefes de Delegaciones su trabajo durante "
                 "la asamblea.", "Jefes de Delegaciones",
                 id="a class of officials in capitals"),
    pytest.param("Lo más leído\n\nNacional Atacan convoy de un alcalde en Tapachula, Chiapas\nLa policía informó.",
                 "Nacional Atacan", id="a news section label before a capitalised headline verb"),
    pytest.param("El accidente ocurrió en el tramo carretero Revolución Mexicana-San Isidro de Arriaga.",
                 "Revolución Mexicana-San Isidro de Arriaga", id="a road named after places"),
    pytest.param("Comunicado conjunto Canadá-México sobre migración\n\nEl canciller Marcelo Ebrard viajó.",
                 "Canadá-México", id="two countries joined by a hyphen"),
    pytest.param("Asistieron Luis Ortega, ministro consejero, y Pedro Soto, director de la Sección Política de "
                 "la Embajada de Chile.", "Embajada de Chile",
                 id="a body inside a title, after a unit of another body"),
    pytest.param("Se buscará ampliar los programas Sembrando Vida y Jóvenes Construyendo el Futuro en la región.",
                 "Jóvenes Construyendo", id="a programme's name in a list the parse hangs on 'programas'"),
])
def test_not_a_participant(pnlp, text, absent):
    doc = run(pnlp, text, "2020-03-03")
    assert absent not in names(doc, ("person", "organization", "group"))


@pytest.mark.parametrize("text, present", [
    pytest.param("En conferencia, la canciller habló con Donald Trump sobre la frontera.",
                 "Donald Trump", id="'habló con X sobre ...': a party, the topic follows"),
    pytest.param("La asesora Ana Pérez Ruiz habló con la prensa.", "Ana Pérez Ruiz",
                 id="the adviser herself takes part"),
    pytest.param("Participaron el asesor presidencial Luis Vera Soto, la canciller Ana Ruiz Vega y el ministro "
                 "Pedro Soto Ruiz.", "Pedro Soto Ruiz", id="a list after an adviser names people, not things"),
    pytest.param("En el marco del programa, la canciller Ana Ruiz Vega se reunió con estudiantes.", "Ana Ruiz Vega",
                 id="a word of mention_only before a comma governs no name after it"),
    pytest.param("La canciller se reunió con la Comisión de Rubio.", "Marco Rubio",
                 id="an official's surname right after a body's head word is the official"),
])
def test_still_a_participant(pnlp, text, present):
    assert present in names(run(pnlp, text, "2020-03-03"))


def test_country_is_a_place_not_a_participant(pnlp):
    doc = run(pnlp, "Canadá y México firmaron un acuerdo en Ottawa.", "2020-03-03")
    assert not doc._.participants
    labels = {m.text: m.label for m in doc._.mentions}
    assert labels["Canadá"] == "LOC"


def test_corrected_entities_follow_the_gazetteer(pnlp):
    doc = run(pnlp, "Canadá respaldó la propuesta del canciller Marcelo Ebrard.", "2020-03-03")
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["Canadá"] == "LOC"
    assert ents["Marcelo Ebrard"] == "PER"


# -- organizations -----------------------------------------------------------------------

def test_an_adjective_that_spells_a_title_is_no_title(nlp):
    """With the bundled gazetteer, where "general" is a military title: in "la asamblea general
    de la Comisión ..." it is an adjective, so the body is not inside a title."""
    doc = run(nlp, "La delegación participó en la asamblea general de la Comisión Interamericana de "
                   "Derechos Humanos.", "2020-03-03")
    assert "Comisión Interamericana de Derechos Humanos" in names(doc, ("organization",))


def test_a_governor_general_is_no_general(nlp):
    """With the bundled gazetteer, where "general" alone is a military title."""
    doc = run(nlp, "El embajador presentó sus cartas credenciales a la gobernadora general, Ana Ruiz Soto.",
              "2020-03-03")
    (person,) = [p for p in doc._.participants if p.name == "Ana Ruiz Soto"]
    assert (person.role, person.role_code) == ("gobernadora general", "other")


def test_a_portfolio_in_an_io_title_is_no_body_of_a_country(nlp):
    """With the bundled gazetteer, where "Exteriores" alone names Spain's ministry: in "la alta
    representante de la Unión Europea para Asuntos Exteriores" it is the title's."""
    doc = run(nlp, "Llegó la alta representante de la Unión Europea para Asuntos Exteriores, Ana Ruiz Soto.",
              "2020-03-03")
    (person,) = [p for p in doc._.participants if p.name == "Ana Ruiz Soto"]
    assert (person.role_code, person.country) == ("io_official", None)


def test_exteriores_is_the_documents_own_foreign_ministry(nlp):
    """With the bundled gazetteer, where "Exteriores" names Spain's ministry and Mexico's."""
    doc = run(nlp, "La canciller Ana Ruiz Soto viajó a Lima. Más tarde, Exteriores informó que habrá una "
                   "reunión.", "2020-03-03")  # (the body takes part: a mention points only to participants)
    assert [m.actor_id for m in doc._.mentions if m.text == "Exteriores"] == ["secretaria-de-relaciones-exteriores"]


def test_an_alias_the_text_names_a_longer_body_with_is_not_the_aliass_body(nlp):
    """With the bundled gazetteer, where "Diálogo Estratégico" is short for the dialogue on
    transnational crime: "el Diálogo Estratégico de Alto Nivel" is another body."""
    doc = run(nlp, "Acordaron convocar la próxima reunión del Diálogo Estratégico de Alto Nivel en Ottawa.",
              "2020-03-03")
    names = {m.text for m in doc._.mentions if m.label == "ORG"}
    assert "Diálogo Estratégico de Alto Nivel" in names
    assert not any("Transnacionales" in p.name for p in doc._.participants)


def test_a_bodys_name_as_the_press_varies_it_is_the_gazetteers(nlp):
    """With the bundled gazetteer: "Comisión Económica de América Latina" is the CEPAL row."""
    doc = run(nlp, "La Comisión Económica de América Latina presentó su informe anual.", "2020-03-03")
    assert "Comisión Económica para América Latina y el Caribe" in names(doc, ("organization",))


@pytest.mark.parametrize("text, name, kind", [
    pytest.param("La Secretaría de Relaciones Exteriores (SRE) informó que la SRE atenderá el caso.",
                 "Secretaría de Relaciones Exteriores", "organization", id="gazetteer name and acronym"),
    pytest.param("Destacaron el trabajo de la Comisión de Integración Fronteriza (CIF), que sesionará.",
                 "Comisión de Integración Fronteriza", "group", id="group built on a head word"),
    pytest.param("El Servicio de Inmigración y Control de Aduanas de Estados Unidos informó.",
                 "Servicio de Inmigración y Control de Aduanas de Estados Unidos", "organization",
                 id="name with a conjunction and a country"),
    pytest.param("La propuesta, presentada por separado por la Secretaría de Relaciones Exteriores, fue "
                 "aprobada.", "Secretaría de Relaciones Exteriores", "organization",
                 id="'por' before it: the agent, no credit"),
    pytest.param("La Representación Permanente de México ante la Organización de los Estados Americanos "
                 "(OEA) presentó un proyecto.",
                 "Representación Permanente de México ante la Organización de los Estados Americanos",
                 "organization", id="a state's mission 'ante' an organization: one name"),
    pytest.param("Acordaron celebrar la reunión de la Comisión Binacional México-Colombia en Bogotá.",
                 "Comisión Binacional México-Colombia", "group", id="where a body meets is not its name"),
    pytest.param("El Grupo de Trabajo en Materia de Migración sesionó ayer.",
                 "Grupo de Trabajo en Materia de Migración", "group", id="an 'en' before no place stays"),
    pytest.param("El canciller Marcelo Ebrard viajó a Lima.\n\nPor su parte, la Cancillería anunció que abrirá "
                 "un consulado.", "Secretaría de Relaciones Exteriores", "organization",
                 id="'Por su parte,' opening the line is no credit ('Por: Redacción')"),
    pytest.param("La Secretaría, a través del Consulado de México en Barcelona, brinda asistencia consular.",
                 "Consulado de México en Barcelona", "organization", id="a consulate with its post"),
    pytest.param("El Consulado General de México en Los Ángeles atendió a 300 personas.",
                 "Consulado General de México en Los Ángeles", "organization",
                 id="'Consulado General': 'General' is no title there"),
    pytest.param("La Embajada de México en Japón organizó un foro.", "Embajada de México en Japón",
                 "organization", id="an embassy with its post"),
    pytest.param("La Oficina del Alguacil del Condado de Rubio detuvo a dos personas.",
                 "Oficina del Alguacil del Condado de Rubio", "organization",
                 id="an official's surname after 'de' in a body's name is the body's"),
])
def test_organization_found(pnlp, text, name, kind):
    found = {p.name: p for p in run(pnlp, text, "2020-03-03")._.participants}
    assert found[name].kind == kind


@pytest.mark.parametrize("text, name", [
    pytest.param("La cancillería colombiana informó que el canciller Marcelo Ebrard llegará.",
                 "Ministerio de Relaciones Exteriores de Colombia", id="lower-case body + demonym"),
    pytest.param("Según la cancillería de Colombia, la reunión será el lunes.",
                 "Ministerio de Relaciones Exteriores de Colombia", id="lower-case body + 'de' country"),
    pytest.param("El canciller chileno, Tomás Rivas Olmedo, dijo que la Cancillería prepara la visita.",
                 "Ministerio de Relaciones Exteriores de Chile", id="'Cancillería' of the document's country"),
    pytest.param("La subsecretaria de Relaciones Exteriores, Ana Ruiz, se reunió con el canciller chileno, Tomás "
                 "Rivas Olmedo. La Cancillería informó de la agenda.", "Secretaría de Relaciones Exteriores",
                 id="'Cancillería' of the document's first foreign-ministry official, a deputy minister"),
    pytest.param("El viceministro chileno de Comercio, Tomás Rivas Olmedo, se reunió con el canciller Marcelo "
                 "Ebrard. La Cancillería informó de la agenda.", "Secretaría de Relaciones Exteriores",
                 id="a deputy minister of another ministry does not set the document's country"),
    pytest.param("La presidenta recibió al canciller chileno, Tomás Rivas Olmedo. Más tarde se reunió con el canciller "
                 "Marcelo Ebrard. La Cancillería informó de la agenda.", "Secretaría de Relaciones Exteriores",
                 id="a Mexican foreign minister named after a foreign one: the corpus's own country's"),
    pytest.param("El canciller chileno, Tomás Rivas Olmedo, llegó; el ministerio de Relaciones Exteriores "
                 "informó de la agenda.", "Ministerio de Relaciones Exteriores de Chile",
                 id="lower-case 'ministerio de Relaciones Exteriores' of the document's country"),
])
def test_generic_body_is_the_countrys(pnlp, text, name):
    assert name in names(run(pnlp, text, "2020-03-03"), ("organization",))


@pytest.mark.parametrize("text, expected", [
    pytest.param("La Asamblea General de la OEA aprobó la resolución.",
                 {("Asamblea General de la OEA", "asamblea-general-de-la-oea")},
                 id="UN body's short name, of another organization: not the UN's"),
    pytest.param("El Consejo de Seguridad de las Naciones Unidas sesionó ayer.",
                 {("Consejo de Seguridad de la ONU", "Q16")},
                 id="short name followed by its own organization: the gazetteer's body"),
    pytest.param("La Secretaría de Economía del Gobierno de México presentó el plan.",
                 {("Secretaría de Economía", "Q18")}, id="two bodies of one state: the gazetteer's body"),
    pytest.param("La CIDH de la OEA presentó su informe. La CIDH visitó el país.",
                 {("Comisión Interamericana de Derechos Humanos", "Q20")},
                 id="a row whose name names no parent keeps its identity"),
])
def test_a_body_named_after_an_organization(pnlp, text, expected):
    doc = run(pnlp, text, "2020-03-03")
    assert {(p.name, p.actor_id) for p in doc._.participants if p.kind == "organization"} == expected


def test_a_body_of_an_international_organization_has_no_country(pnlp):
    doc = run(pnlp, "El canciller Marcelo Ebrard dijo que la Asamblea General de la OEA aprobó el texto.",
              "2020-03-03")
    body = next(p for p in doc._.participants if p.name == "Asamblea General de la OEA")
    assert (body.actor_id, body.country) == ("asamblea-general-de-la-oea", None)


def test_acronym_mentions_join_the_organization(pnlp):
    doc = run(pnlp, "La Comisión de Integración Fronteriza (CIF) sesionó. La CIF aprobó el plan.", "2020-03-03")
    org = next(p for p in doc._.participants if p.name == "Comisión de Integración Fronteriza")
    assert org.n_mentions == 3


@pytest.mark.parametrize("text, groups", [
    pytest.param("La Comisión Binacional México-Guatemala sesionó ayer en Tapachula. Durante la sesión de "
                 "la Comisión Binacional se firmaron dos acuerdos.", {"Comisión Binacional México-Guatemala": 2},
                 id="the short name after the full one"),
    pytest.param("La Comisión Binacional México-Guatemala sesionó en enero. La Comisión Binacional "
                 "México-Belice sesionó en febrero. La Comisión Binacional se reunirá en mayo.",
                 {"Comisión Binacional México-Guatemala": 1, "Comisión Binacional México-Belice": 1,
                  "Comisión Binacional": 1}, id="two full names: the short one stays apart"),
])
def test_a_short_name_is_the_one_longer_name_it_opens(pnlp, text, groups):
    found = {p.name: p.n_mentions for p in run(pnlp, text, "2020-03-03")._.participants if p.kind == "group"}
    assert found == groups


@pytest.mark.parametrize("text, actor_id", [
    pytest.param("La canciller Claudia Blum visitó Bogotá. El Ministerio de Salud presentó el plan.",
                 "ministerio-de-salud-col", id="a Colombian document's ministry"),
    pytest.param("El canciller Marcelo Ebrard visitó Monterrey. El Ministerio de Salud presentó el plan.",
                 "ministerio-de-salud-mex", id="a Mexican document's ministry of the same name"),
])
def test_organization_without_gazetteer_row_is_told_apart_by_country(pnlp, text, actor_id):
    doc = run(pnlp, text, "2020-03-03")
    org = next(p for p in doc._.participants if p.name == "Ministerio de Salud")
    assert org.actor_id == actor_id
    assert {m.actor_id for m in doc._.mentions if m.text == "Ministerio de Salud"} == {actor_id}


@pytest.mark.parametrize("text, absent", [
    pytest.param("La conferencia se dio en la sede de la Cancillería.",
                 "Secretaría de Relaciones Exteriores", id="organization as a place"),
    pytest.param("El titular de la Secretaría de Relaciones Exteriores, Marcelo Ebrard, viajó.",
                 "Secretaría de Relaciones Exteriores", id="organization inside a person's title"),
    pytest.param("El ministro de Relaciones Exteriores de Colombia, Luis Gil Mora, dijo que la "
                 "Cancillería prepara la visita.", "Secretaría de Relaciones Exteriores",
                 id="generic 'Cancillería' of another country"),
    pytest.param("Ambos países colaboran en el ámbito de las Naciones Unidas.",
                 "Organización de las Naciones Unidas", id="a framework: 'en el ámbito de'"),
    pytest.param("En el marco de la 54 Asamblea General de la OEA, celebrada en Lima, el canciller "
                 "habló con la prensa.", "Asamblea General de la OEA",
                 id="a framework with a session number: 'en el marco de la 54 Asamblea General'"),
    pytest.param("México habló en el periodo de sesiones de la Asamblea General de la ONU.",
                 "Asamblea General de las Naciones Unidas", id="a body's session: where it happened"),
    pytest.param("El canciller habló en el debate general de la Asamblea General de la ONU.",
                 "Asamblea General de las Naciones Unidas", id="a body's debate: where it happened"),
    pytest.param("La delegación presentó el texto en la sesión ordinaria del Consejo Permanente.",
                 "Consejo Permanente", id="a body's session with an adjective: where it happened"),
    pytest.param("El canciller intervino en el segmento de alto nivel del Consejo Permanente.",
                 "Consejo Permanente", id="a body's high-level segment: where it happened"),
    pytest.param("Ambos países colaboran a nivel de la Organización de los Estados Americanos.",
                 "Organización de los Estados Americanos", id="a framework: 'a nivel de'"),
    pytest.param("La reunión se celebró en la sede de la Comisión de Integración Fronteriza (CIF).",
                 "Comisión de Integración Fronteriza", id="its acronym after the name is the same mention"),
    pytest.param("Ayer habló con la prensa un asesor de la Comisión Interamericana de Derechos Humanos.",
                 "Comisión Interamericana de Derechos Humanos", id="inside a title standing for no one named"),
    pytest.param("El canciller viajó a Lima.\n\nPor: Secretaría de Relaciones Exteriores\n",
                 "Secretaría de Relaciones Exteriores", id="a credit line opening with 'Por'"),
    pytest.param("El canciller Marcelo Ebrard durante la gira. Foto: Cortesía SRE\n\nEl viaje siguió.",
                 "Secretaría de Relaciones Exteriores", id="a photo credit inside a caption"),
])
def test_organization_not_a_participant(pnlp, text, absent):
    assert absent not in names(run(pnlp, text, "2020-03-03"), ("organization", "group"))


# -- mentions ----------------------------------------------------------------------------

def test_mentions_carry_sentence_and_actor(pnlp):
    doc = run(pnlp, "Hubo una llamada. El canciller Marcelo Ebrard habló con Canadá.", "2020-03-03")
    per = next(m for m in doc._.mentions if m.label == "PER")
    assert (per.text, per.sentence, per.actor_id) == ("Marcelo Ebrard", 1, "Q6")


def test_participant_spans_point_at_the_text(pnlp):
    text = "El canciller Marcelo Ebrard viajó. Ebrard regresó el martes."
    doc = run(pnlp, text, "2020-03-03")
    person = doc._.participants[0]
    assert [text[s:e] for s, e in person.spans] == ["Marcelo Ebrard", "Ebrard"]
    assert (person.start, person.end) == person.spans[0]


# -- rule files --------------------------------------------------------------------------

@pytest.mark.parametrize("file, content, line, key", [
    pytest.param("participants/words.csv", "word,kind,note\nEFE,agencia,\n", 2, "kind", id="unknown word kind"),
    pytest.param("participants/words.csv", "word,kind,note\n\nEFE,agency,\n\nAP,agencia,\n", 5, "kind",
                 id="blank lines count in the line number"),
    pytest.param("participants/titles.csv", "title,role_code,relation\nhomólogo,,sibling\n", 2, "relation",
                 id="unknown title relation"),
    pytest.param("participants/settings.csv", "key,value\n\ndefault_country,MEX\nhome,MEX\n", 4, "key",
                 id="unknown setting after a blank line"),
    pytest.param("participants/settings.csv", "key,value\ndefault_role_code,otro\n", 2, "value",
                 id="a setting that is no role code"),
    pytest.param("participants/settings.csv", "key,value\ndefault_country,MXE\n", 2, "value",
                 id="a default country that countries.csv does not have"),
    pytest.param("participants/collective.csv", "phrase,size,needs_verb\nambos,2,quizá\n", 2, "needs_verb",
                 id="a yes/no column with another word"),
    pytest.param("gazetteer/officials.csv", "name,cargo\nAna Pérez,canciller\n", 1, "cargo",
                 id="unknown gazetteer column"),
    pytest.param("gazetteer/roles.csv", "title,role_code\ncanciller,canciler\n", 2, "role_code",
                 id="role code outside the vocabulary"),
    pytest.param("gazetteer/officials.csv", "name,country\nAna Pérez,MEX\nLuis Mora,MXE\n", 3, "country",
                 id="a well-formed country code that countries.csv does not have"),
    pytest.param("gazetteer/officials.csv", "name,wikidata,country\nAna Pérez,Q1,MEX\nAna Pérez,,MEX\n", 3,
                 "wikidata", id="a term of a person without the id the other gives: a second actor"),
])
def test_bad_rule_file_names_file_line_and_key(tmp_path, file, content, line, key):
    models = write_models(tmp_path)
    (models / file).write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_nlp(Settings(stages=("sre_participants",), models_dir=models))
    assert (err.value.path, err.value.line, err.value.key) == (str(models / file), line, key)
    assert str(models / file) in str(err.value)


def test_resolved_title_is_no_entity_of_its_own(pnlp):
    text = "El canciller Marcelo Ebrard llegó a Bogotá. Horas después, el Canciller firmó el acta."
    doc = run(pnlp, text, "2020-03-03")
    at = text.index("Canciller firmó")
    labels = [m.label for m in doc._.mentions if m.start == at]
    assert labels == ["ROLE"]  # not also an ORG/MISC entity from the recogniser


def test_where_a_body_meets_after_an_article_is_not_its_name(make_doc):
    doc = make_doc("Se comprometen a celebrar la VIII Reunión de la Comisión Binacional en la Ciudad de México.",
                   "2025-07-15")
    assert [p.name for p in doc._.participants if p.kind == "group"] == ["Comisión Binacional"]
