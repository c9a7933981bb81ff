"""Commitments stage: triggers, actions, filters, lists, actors, topics and dates.

Sentences are written for these tests. The model is loaded once per session with only the
commitments stage (participants are built by hand, so actor resolution is tested apart from
the participants stage).
"""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline.config import Settings
from pipeline.nlp import load_nlp
from pipeline.records import Participant, Timex
from pipeline.rules import DEFAULT_MODELS_DIR, RuleFileError
from tests.conftest import SEED, shared


@pytest.fixture(scope="session")
def cnlp():
    return load_nlp(Settings(stages=("sre_commitments",)))


def person(actor_id: str, text: str, *names: str, kind: str = "person", country: str | None = None) -> Participant:
    spans = sorted({(m.start(), m.end()) for n in names for m in re.finditer(re.escape(n), text)})
    return Participant(actor_id=actor_id, name=actor_id, kind=kind, start=spans[0][0],
                       end=spans[0][1], resolved_by="name", spans=spans, country=country)


def run(cnlp, text: str, participants=(), timexes=()):
    doc = cnlp.make_doc(text)
    for name, proc in cnlp.pipeline:
        if name == "sre_commitments":
            doc._.participants = list(participants)
            doc._.timexes = list(timexes)
        doc = proc(doc)
    return doc


def actions(doc) -> list[str]:
    return [c.action for c in doc._.commitments]


@pytest.mark.parametrize("text, action, modality", [
    pytest.param("Los ministros acordaron ampliar el programa de becas para estudiantes.",
                 "ampliar el programa de becas para estudiantes", "agreement", id="acordaron + infinitive"),
    pytest.param("Ambos gobiernos convinieron en crear un comité de vigilancia sanitaria.",
                 "crear un comité de vigilancia sanitaria", "agreement", id="convinieron en"),
    pytest.param("El secretario anunció que en septiembre volverá a Washington.",
                 "en septiembre volverá a Washington", "intention",
                 id="a clause opening with a time phrase keeps its preposition"),
    pytest.param("Las cancilleres se comprometieron a reducir los tiempos de espera en los consulados.",
                 "reducir los tiempos de espera en los consulados", "pledge", id="se comprometieron a"),
    pytest.param("Los dos ministros reiteraron el compromiso de proteger los humedales costeros.",
                 "proteger los humedales costeros", "pledge", id="reiteraron el compromiso de"),
    pytest.param("Las delegaciones coincidieron en que es necesario mejorar la conectividad aérea.",
                 "mejorar la conectividad aérea", "need", id="coincidieron en que es necesario"),
    pytest.param("Los presidentes coincidieron en la necesidad de modernizar los puertos fronterizos.",
                 "modernizar los puertos fronterizos", "need", id="coincidieron en la necesidad de"),
    pytest.param("La presidenta instruyó al canciller a preparar una visita oficial a Lima.",
                 "preparar una visita oficial a Lima", "obligation", id="instruyó al X a: addressee skipped"),
    pytest.param("En la reunión se acordó revisar el tratado de aguas en marzo.",
                 "revisar el tratado de aguas en marzo", "agreement", id="impersonal se acordó"),
    pytest.param("Ambas partes reiteraron la disposición de sus ministerios para ampliar el intercambio académico.",
                 "ampliar el intercambio académico", "pledge", id="disposición de X para: possessor skipped"),
    pytest.param("Ambos países deberán presentar informes trimestrales.", "presentar informes trimestrales",
                 "obligation", id="deberán + infinitive"),
    pytest.param("Los tres gobiernos buscarán relanzar el diálogo trilateral.", "relanzar el diálogo trilateral",
                 "intention", id="buscarán + infinitive"),
    pytest.param("La presidenta encomendó al canciller dar seguimiento a los acuerdos.",
                 "dar seguimiento a los acuerdos", "obligation", id="encomendó al X: addressee skipped"),
    pytest.param("El gobierno tendrá que presentar el informe antes de julio.", "presentar el informe antes de julio",
                 "obligation", id="tendrá que + infinitive"),
    pytest.param("Las delegaciones quedaron en intercambiar propuestas.", "intercambiar propuestas", "agreement",
                 id="quedaron en + infinitive"),
])
def test_trigger_gives_action_and_modality(cnlp, text, action, modality):
    doc = run(cnlp, text)
    assert [(c.action, c.modality) for c in doc._.commitments] == [(action, modality)]


def test_reported_future_action_holds_its_verb_phrase(cnlp):
    # the clause's subject ("el gobierno") stays in front of the verb phrase: only part of
    # the action is checked here
    doc = run(cnlp, "El ministro anunció que el gobierno abrirá dos nuevos consulados en Texas.")
    assert [c.modality for c in doc._.commitments] == ["intention"]
    assert doc._.commitments[0].action.endswith("abrirá dos nuevos consulados en Texas")


def test_component_keeps_no_state_of_the_document(cnlp):
    component = cnlp.get_pipe("sre_commitments")
    run(cnlp, "Las delegaciones acordaron revisar el tratado.")
    before = dict(vars(component))
    run(cnlp, "Los ministros acordaron ampliar el programa de becas para estudiantes.")
    after = vars(component)
    assert after.keys() == before.keys() and all(after[k] is v for k, v in before.items())


@pytest.mark.parametrize("text, expected", [
    pytest.param("Los ministros acordaron\nampliar el programa.", ["Los ministros acordaron", "ampliar el programa."],
                 id="a line break cuts a sentence"),
    pytest.param("Acordaron esto. \n\nY aquello.", ["Acordaron esto.", "Y aquello."],
                 id="blank lines between sentences leave no unit of their own"),
])
def test_units_are_cut_at_line_breaks(cnlp, text, expected):
    from pipeline.commitment_actions import units
    assert [u.text.strip() for u in units(run(cnlp, text))] == expected


def test_actor_ids_in_a_span_include_a_long_mention_starting_far_before():
    from pipeline.commitment_actors import ActorResolver
    from pipeline.records import Participant
    long = Participant(actor_id="org", name="org", kind="organization", start=0, end=300,
                       resolved_by="name", spans=[(0, 300)])
    people = [Participant(actor_id=f"p{k}", name=f"p{k}", kind="person", start=10 * k,
                          end=10 * k + 5, resolved_by="name", spans=[(10 * k, 10 * k + 5)])
              for k in range(1, 13)]
    resolver = ActorResolver([long, *people], [], frozenset())
    assert resolver.ids_in(200, 210) == ["org"]
    assert resolver.ids_in(120, 122) == ["org", "p12"]


@pytest.mark.parametrize("text", [
    pytest.param("El acuerdo busca fortalecer el comercio.", id="the present of buscar tells an aim"),
    pytest.param("Los ministros no acordaron ampliar el programa de becas.", id="negated trigger"),
    pytest.param("Las delegaciones reafirmaron la importancia de la cooperación científica.",
                 id="statement of principle"),
    pytest.param("El embajador destacó la relevancia de los vínculos culturales.", id="relevance, no trigger"),
    pytest.param("Los cancilleres firmaron el acuerdo de transporte aéreo.", id="past signing, nothing to do next"),
    pytest.param("Los ministros acordaron un comunicado conjunto.", id="acordar + noun: a past report"),
    pytest.param("Si acordamos una agenda, podremos avanzar.", id="conditional"),
    pytest.param("El ministro destacó la necesidad de invertir en puertos.", id="one speaker's opinion of need"),
    pytest.param("Ambos coincidieron en destacar la solidez de la relación.", id="coincidir en + opinion verb"),
    pytest.param("La reunión se realizará en Lima el próximo mes.", id="future event, no actor commits"),
    pytest.param("México refrenda su compromiso con el multilateralismo.", id="a commitment to a principle"),
    pytest.param("Ambos gobiernos reiteraron su compromiso con el derecho internacional.",
                 id="a commitment to international law"),
    pytest.param("La relación debe basarse en el respeto mutuo.", id="'debe': an opinion, not an obligation"),
    pytest.param("La canciller tiene que viajar mañana.", id="'tiene que' in the present: as 'debe'"),
    pytest.param("El acuerdo quedó en suspenso.", id="'quedar en' without an infinitive"),
])
def test_sentence_gives_no_commitment(cnlp, text):
    assert actions(run(cnlp, text)) == []


def test_future_verb_inside_agreement_is_not_repeated(cnlp):
    doc = run(cnlp, "Convenimos que ambos equipos seguirán trabajando juntos.")
    assert len(doc._.commitments) == 1
    assert doc._.commitments[0].modality == "agreement"


def test_coordinated_verbs_with_own_objects_are_split(cnlp):
    doc = run(cnlp, "Los ministros acordaron fortalecer la cooperación energética regional "
                    "y ampliar el comercio de servicios digitales.")
    got = actions(doc)
    assert any(a.startswith("fortalecer") and "ampliar" not in a for a in got), got
    assert any(a.startswith("ampliar") for a in got), got


def test_an_infinitive_the_parse_coordinates_with_a_word_of_the_object_is_another_action(cnlp):
    """"realizar una segunda entrega de insumos en marzo y evaluar X": the model reads "insumos"
    as a verb and hangs "evaluar" on it; every word up to "realizar" hangs as a noun does."""
    doc = run(cnlp, "Los ministros acordaron realizar una segunda entrega de insumos en marzo y evaluar los "
                    "resultados del programa.")
    assert actions(doc) == ["realizar una segunda entrega de insumos en marzo", "evaluar los resultados del programa"]


def test_asi_como_and_an_infinitive_the_parse_hangs_deep_is_another_action(cnlp):
    """", así como difundir ..." after a long first action: the parse hangs "difundir" inside
    the first one's clause, not on its verb, yet it is a second action."""
    doc = run(cnlp, "La Cancillería instruyó a los consulados reforzar el acercamiento con las radios locales "
                    "para que difundan mensajes sobre las obligaciones que tienen las personas de respetar "
                    "la ley, así como difundir los números telefónicos de emergencia.")
    assert actions(doc) == ["reforzar el acercamiento con las radios locales para que difundan mensajes sobre "
                            "las obligaciones que tienen las personas de respetar la ley",
                            "difundir los números telefónicos de emergencia"]


def test_asi_como_and_an_infinitive_hung_on_the_trigger_is_another_action(cnlp):
    """"acordaron fortalecer X, así como ampliar Y": the parse hangs "ampliar" on "acordaron"."""
    doc = run(cnlp, "Los ministros acordaron fortalecer la cooperación energética, así como ampliar el "
                    "comercio de servicios digitales.")
    assert actions(doc) == ["fortalecer la cooperación energética", "ampliar el comercio de servicios digitales"]


def test_a_coordinated_action_starts_at_its_verb(cnlp):
    """", así como a ampliar Y": the words that join it to the action before are not its text."""
    doc = run(cnlp, "Ambos se comprometieron a fortalecer la cooperación energética, así como a ampliar el "
                    "comercio de servicios digitales.")
    assert actions(doc)[1] == "ampliar el comercio de servicios digitales"


@pytest.mark.parametrize("text, expected", [
    pytest.param("Los cancilleres acordaron impulsar el comercio bilateral, promover la inversión y ampliar la "
                 "cooperación cultural.",
                 ["impulsar el comercio bilateral", "promover la inversión", "ampliar la cooperación cultural"],
                 id="the parse takes the second infinitive for an adverbial clause of the first"),
    pytest.param("En la declaración, los países se comprometen a reducir la brecha digital, promover la "
                 "igualdad de género y combatir el cambio climático.",
                 ["reducir la brecha digital", "promover la igualdad de género", "combatir el cambio climático"],
                 id="the parse hangs the second infinitive on the trigger"),
    pytest.param("Ambos gobiernos acordaron reactivar el mecanismo de consultas políticas, ampliar el comercio "
                 "agrícola y realizar una visita de alto nivel.",
                 ["reactivar el mecanismo de consultas políticas", "ampliar el comercio agrícola",
                  "realizar una visita de alto nivel"],
                 id="the third hangs on the second: a nested conjunct is split too"),
    pytest.param("Los ministros se comprometieron a fortalecer la cooperación, ampliar el intercambio académico "
                 "y a promover el turismo.",
                 ["fortalecer la cooperación", "ampliar el intercambio académico", "promover el turismo"],
                 id="before a comma one word of its own makes an action"),
    pytest.param("Los cancilleres acordaron fortalecer, ampliar y diversificar el comercio bilateral.",
                 ["fortalecer, ampliar y diversificar el comercio bilateral"],
                 id="verbs sharing one object are one action"),
    pytest.param("Los cancilleres acordaron revisar el tratado, analizar sus resultados, y presentar un informe.",
                 ["revisar el tratado", "analizar sus resultados", "presentar un informe"],
                 id="a comma before the last 'y'"),
    pytest.param("Los países se comprometen a reducir la brecha digital, a promover la igualdad de género y a "
                 "combatir el cambio climático.",
                 ["reducir la brecha digital", "promover la igualdad de género", "combatir el cambio climático"],
                 id="'a' repeated before each"),
    pytest.param("Los países se comprometen a reducir la brecha digital; promover la igualdad de género, y "
                 "combatir el cambio climático.",
                 ["reducir la brecha digital", "promover la igualdad de género", "combatir el cambio climático"],
                 id="a semicolon after the first"),
])
def test_a_series_of_infinitives_gives_one_action_each(cnlp, text, expected):
    assert actions(run(cnlp, text)) == expected


def test_a_list_of_clauses_gives_their_future_verbs_and_leaves_their_own_triggers_theirs(cnlp):
    """"acordaron lo siguiente:" and items with subjects of their own: a future verb is the action
    agreed; "deberán" and "se comprometen a" keep their own modality."""
    text = ("Los gobiernos de ambos países acordaron lo siguiente:\n\n"
            "I. Las autoridades migratorias deberán establecer un mecanismo de intercambio de información.\n\n"
            "II. Los ministerios de Salud elaborarán un plan conjunto de vacunación.\n\n"
            "III. Ambas cancillerías se comprometen a celebrar la próxima reunión en 2026.\n")
    doc = run(cnlp, text)
    assert [(c.action, c.modality) for c in doc._.commitments] == [
        ("establecer un mecanismo de intercambio de información", "obligation"),
        ("elaborarán un plan conjunto de vacunación", "agreement"),
        ("celebrar la próxima reunión en 2026", "pledge")]


def test_a_clause_item_with_ir_a_is_an_action_agreed_and_one_in_the_past_none(cnlp):
    text = ("Los gobiernos de ambos países acordaron lo siguiente:\n\n"
            "1. La reunión se celebró en un ambiente de cordialidad.\n\n"
            "2. Los ministerios de Salud van a elaborar un plan conjunto de vacunación.\n\n"
            "3. La próxima reunión se celebrará en Lima.\n")
    assert actions(run(cnlp, text)) == ["elaborar un plan conjunto de vacunación", "se celebrará en Lima"]


def test_a_clause_item_in_the_subjunctive_is_an_action_agreed(cnlp):
    text = ("Los gobiernos de México y Guatemala acordaron lo siguiente:\n\n"
            "1. Que las autoridades migratorias establezcan un grupo de trabajo sobre movilidad laboral.\n")
    assert actions(run(cnlp, text)) == ["establezcan un grupo de trabajo sobre movilidad laboral"]


def test_y_a_and_an_infinitive_after_an_action_of_a_is_another_action(cnlp):
    """"se comprometieron a firmar X antes de que termine el año y a someterlo a Y": the parse
    hangs the time clause on the trigger and "someterlo" inside it."""
    doc = run(cnlp, "Ambas partes se comprometieron a firmar el acuerdo antes de que termine el año y a someterlo "
                    "a la aprobación de sus congresos.")
    assert actions(doc) == ["firmar el acuerdo antes de que termine el año",
                            "someterlo a la aprobación de sus congresos"]


@pytest.mark.parametrize("relative, expected", [
    pytest.param(", que permaneció interrumpido durante años", "relanzar el diálogo bilateral",
                 id="a relative telling the past is background: cut"),
    pytest.param(", que se reunirá cada año en Lima", "relanzar el diálogo bilateral, que se reunirá cada año en Lima",
                 id="a relative telling what is to come is part of the action: kept"),
])
def test_a_relative_clause_on_the_actions_object(cnlp, relative, expected):
    doc = run(cnlp, f"Los ministros acordaron relanzar el diálogo bilateral{relative}.")
    assert actions(doc) == [expected]


def test_a_past_relative_set_in_the_action_does_not_end_it(cnlp):
    """", que firmaron en 2019, antes de que concluya el año": the relative closes with a comma and
    the action goes on."""
    doc = run(cnlp, "Ambos gobiernos se comprometieron a revisar el acuerdo migratorio, que firmaron en 2019, "
                    "antes de que concluya el presente año.")
    assert actions(doc)[0].endswith("antes de que concluya el presente año")


def test_coordinated_verbs_sharing_an_object_stay_one_action(cnlp):
    doc = run(cnlp, "Los ministros acordaron apoyar e impulsar el desarrollo rural.")
    assert actions(doc) == ["apoyar e impulsar el desarrollo rural"]


def test_action_offsets_point_at_the_text(cnlp):
    text = ("Los ministros acordaron ampliar el programa de becas. Además, las delegaciones se "
            "comprometieron a publicar un informe anual.")
    doc = run(cnlp, text)
    assert len(doc._.commitments) == 2
    for n, c in enumerate(doc._.commitments):
        assert c.commitment_id == n
        assert text[c.start:c.end] == c.action
        assert c.sentence_start <= c.start < c.end <= c.sentence_end


@pytest.mark.parametrize("text, expected", [
    pytest.param("Los ministros acordaron que el comité debe trabajar para:\n\n"
                 "Reducir los costos de las remesas.\n\nAmpliar las becas de posgrado.\n\n"
                 "Mejorar la seguridad en los cruces fronterizos.\n\nLa reunión terminó al mediodía.",
                 ["Reducir los costos de las remesas", "Ampliar las becas de posgrado",
                  "Mejorar la seguridad en los cruces fronterizos"], id="one item per paragraph"),
    pytest.param("Los ministros acordaron tres líneas de acción: becas; remesas; y salud.",
                 ["becas", "remesas", "salud"], id="semicolon-separated items"),
    pytest.param("Las delegaciones acordaron lo siguiente:\n- Seguridad: crear un grupo de trabajo.\n"
                 "- Comercio: reducir los aranceles agrícolas.\n",
                 ["crear un grupo de trabajo", "reducir los aranceles agrícolas"], id="bulleted titled items"),
])
def test_colon_list_gives_one_commitment_per_item(cnlp, text, expected):
    doc = run(cnlp, text)
    assert actions(doc) == expected
    assert {c.trigger_lemma for c in doc._.commitments} == {"acordar"}


def test_list_item_title_is_a_topic_hint(cnlp):
    doc = run(cnlp, "Las delegaciones acordaron lo siguiente:\n- Seguridad: crear un grupo de trabajo.\n")
    assert doc._.commitments[0].topics == ["security"]


@pytest.mark.parametrize("action_text, topics", [
    pytest.param("reducir los aranceles a las exportaciones", ["trade"], id="trade keywords"),
    pytest.param("ampliar la atención consular a los connacionales", ["consular"], id="consular keywords"),
    pytest.param("organizar un festival", ["other"], id="no keyword: other"),
])
def test_topics_from_keyword_lexicon(cnlp, action_text, topics):
    doc = run(cnlp, f"Los ministros acordaron {action_text}.")
    assert doc._.commitments[0].topics == topics


@pytest.mark.parametrize("text, topics", [
    pytest.param("la seguridad social", ["security", "health"], id="a stem inside a longer one of another topic"),
    pytest.param("Salud y comercio", ["trade", "health"], id="lexicon order, accents and case folded"),
    pytest.param("la inseguridad", ["other"], id="a stem only at a word start"),
])
def test_topics_of_every_topic_with_a_stem_at_a_word_start(text, topics):
    from pipeline.commitment_rules import compile_topics, topics_of
    rows = [{"topic": "trade", "keyword": "comerci"}, {"topic": "security", "keyword": "segur"},
            {"topic": "health", "keyword": "seguridad social"}, {"topic": "health", "keyword": "salud"}]
    assert topics_of(text, compile_topics(rows)) == topics


def test_due_date_inside_the_action_is_linked(cnlp):
    text = "Los ministros acordaron convocar una reunión en febrero."
    start = text.index("febrero")
    timex = Timex(timex_id=7, start=start, end=start + 7, text="febrero", type="DATE",
                  value="2026-02", date_start=None, date_end=None, granularity="month", anchor="publication")
    doc = run(cnlp, text, timexes=[timex])
    assert doc._.commitments[0].due_timex_id == 7


TWO = ("La canciller Ana Ruiz sostuvo una llamada con el ministro Pedro Gil.\n\n")


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("Los cancilleres acordaron crear un fondo común.", {"ruiz", "gil"},
                 id="collective subject: the main event's persons"),
    pytest.param("Acordaron crear un fondo común.", {"ruiz", "gil"}, id="plural without subject"),
    pytest.param("Ruiz y Gil acordaron crear un fondo común.", {"ruiz", "gil"}, id="coordinated names"),
    pytest.param("Gil se comprometió a crear un fondo común.", {"gil"}, id="one named party"),
    pytest.param("Después, Ruiz anunció que el gobierno creará un fondo común.", {"ruiz"},
                 id="the announcer of an intention"),
    pytest.param("La ministra Ana Ruiz y el ministro Pedro Gil, quienes se comprometieron a crear un fondo común, "
                 "firmaron el acuerdo.", {"ruiz", "gil"}, id="quienes: the coordinated phrase it stands for"),
    pytest.param("El presidente se reunió con el gobernador de Texas, Pedro Gil, y con la alcaldesa de Houston, "
                 "Ana Ruiz, quienes se comprometieron a crear un fondo común.", {"ruiz", "gil"},
                 id="quienes after coordinated phrases with appositions: all of them"),
])
def test_actors_resolved_through_participants(cnlp, sentence, expected):
    text = TWO + sentence
    parts = [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil", "Gil")]
    doc = run(cnlp, text, participants=parts)
    assert doc._.commitments, actions(doc)
    assert set(doc._.commitments[0].actor_ids) == expected


def test_a_name_opening_with_de_after_a_paragraph_break_is_a_subject(cnlp):
    """The parser hangs a paragraph's first subject on the line break and reads the "De" of
    "De la Vega" as a preposition: the name is still a party, not a "de" complement."""
    text = ("La canciller Ana de la Vega sostuvo una llamada con el ministro Pedro Gil.\n\n"
            "De la Vega y el ministro peruano coincidieron en la necesidad de crear un fondo común.")
    parts = [person("vega", text, "Ana de la Vega", "De la Vega"), person("gil", text, "Pedro Gil", "ministro peruano")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"vega", "gil"}


def test_comitative_party_joins_the_agreement(cnlp):
    text = ("La canciller Ana Ruiz viajó a Lima.\n\nAcordó con su homólogo, Pedro Gil, "
            "crear un fondo común.")
    parts = [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil"}


def test_seed_gives_its_six_commitments(cnlp):
    import json
    gold = json.loads(next(shared(SEED / "gold").glob("*.json")).read_text(encoding="utf-8"))
    text = (SEED / gold["file"]).read_text(encoding="utf-8")
    text = re.sub(r"^ date \S+ ?", "", text)
    doc = run(cnlp, text)
    got = [(c.action.lower(), c.modality) for c in doc._.commitments]
    assert got == [(g["action"].lower(), g["modality"]) for g in gold["commitments"]]


@pytest.mark.parametrize("file, row, key", [
    pytest.param("triggers.csv", "acordar,promise,acordar,after,,,,,bad modality", "modality", id="unknown modality"),
    pytest.param("triggers.csv", "acordar,agreement,acordar,later,,,,,bad action", "action", id="unknown action mode"),
    pytest.param("triggers.csv", "acordar,agreement,acordar,after,,,soon,,bad requirement", "requires",
                 id="unknown requirement"),
    pytest.param("triggers.csv", "... acordar,agreement,acordar,after,,,,,gap first", "pattern",
                 id="pattern starting with a gap"),
    pytest.param("triggers.csv", "se? acordar,agreement,acordar,after,plural,,verbal,,", "number",
                 id="a number spaCy does not write"),
    pytest.param("triggers.csv", "deber,obligation,deber,after,,Tense:Fut,verbal,,", "morph",
                 id="a morph constraint that is not Feature=Value"),
    pytest.param("filters.csv", "negacion,jamás,", "kind", id="unknown filter kind"),
    pytest.param("topics.csv", "mining,minería,", "topic", id="unknown topic"),
])
def test_bad_rule_row_names_file_line_and_key(tmp_path, file, row, key):
    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR / "commitments", models / "commitments")
    (models / "gazetteer").mkdir()
    shutil.copy(DEFAULT_MODELS_DIR / "gazetteer" / "countries.csv", models / "gazetteer")
    path = models / "commitments" / file
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n\n" + row + "\n")  # blank lines before the row count in its line number
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    from pipeline.commitments import CommitmentsComponent
    with pytest.raises(RuleFileError) as err:
        CommitmentsComponent(None, "sre_commitments", str(models))
    assert (err.value.path, err.value.line, err.value.key) == (str(path), n_lines, key)


@pytest.mark.parametrize("morph", [
    pytest.param("Mood=Sub|Person=3", id="a number value"),
    pytest.param("Number[psor]=Plur", id="a layered feature"),
    pytest.param("PronType=Int,Rel", id="several values"),
])
def test_a_morph_constraint_as_spacy_writes_it_loads(morph):
    from pipeline.commitment_rules import morph_fits
    assert morph_fits({"morph": morph}) is None


@pytest.mark.parametrize("pattern, head", [
    pytest.param("se? acordar", 1, id="optional clitic is no head"),
    pytest.param("se prever", 1, id="required clitic is no head either"),
    pytest.param("el|la instrucción", 1, id="article is no head"),
    pytest.param("firmar ... para", 0, id="verb before a gap"),
])
def test_pattern_head(pattern, head):
    from pipeline.commitment_rules import parse_pattern
    assert parse_pattern(pattern)[1] == head


def test_prefix_word_matches_a_form_the_lemmatiser_misses(cnlp):
    doc = run(cnlp, "Ambas delegaciones procuran coordinar una reunión de seguimiento.")
    assert actions(doc) == ["coordinar una reunión de seguimiento"]
    assert doc._.commitments[0].modality == "intention"


def test_two_subjects_make_a_collective_party(cnlp):
    text = TWO + "Este contacto sirvió para acordar que tanto la canciller como el ministro nombren enviados."
    parts = [person("ruiz", text, "Ana Ruiz"), person("gil", text, "Pedro Gil")]
    doc = run(cnlp, text, participants=parts)
    assert doc._.commitments and set(doc._.commitments[0].actor_ids) == {"ruiz", "gil"}


THREE = ("La canciller Ana Ruiz se reunió con el ministro Pedro Gil y con la ministra Eva Sol.\n\n")


def three(text: str) -> list[Participant]:
    return [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil", "Gil"),
            person("sol", text, "Eva Sol", "Sol")]


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("En la reunión con la ministra Sol se acordó crear un fondo común.", {"ruiz", "sol"},
                 id="impersonal agreement naming one person: that person and the lead"),
    pytest.param("En su encuentro con la ministra Sol se revisó la agenda. Se reiteró el compromiso de "
                 "ambos gobiernos de ampliar el comercio justo.", {"ruiz", "sol"},
                 id="collective naming nobody: the person of the sentence before, same paragraph"),
    pytest.param("Los tres cancilleres acordaron crear un fondo común.", {"ruiz", "gil", "sol"},
                 id="collective subject, nobody named: the main event's persons"),
])
def test_collective_parties_from_context(cnlp, sentence, expected):
    text = THREE + sentence
    doc = run(cnlp, text, participants=three(text))
    assert doc._.commitments, actions(doc)
    assert set(doc._.commitments[-1].actor_ids) == expected


def test_sentences_listing_who_took_part_extend_the_main_event(cnlp):
    text = ("La canciller Ana Ruiz recibió a una delegación extranjera.\n\nAgenda\n\n"
            "La delegación estuvo encabezada por Pedro Gil y Eva Sol.\n\n"
            "Por parte de la cancillería participó también Luis Mora.\n\n"
            "Ambas partes coincidieron en la necesidad de mantener el contacto.")
    parts = [*three(text), person("mora", text, "Luis Mora")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil", "sol", "mora"}


def test_who_will_attend_another_event_does_not_extend_the_main_event(cnlp):
    """"la Cumbre X, a la que asistirán Y y Z": a cast verb in the future names who will take part
    in the event to come, not in the meeting the opening tells."""
    text = (TWO + "Revisaron los preparativos de la Cumbre, a la que asistirán el presidente Luis Mora y la "
            "reina Eva Sol.\n\nEn la reunión coincidieron en la necesidad de actualizar el acuerdo.")
    parts = [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil", "Gil"),
             person("mora", text, "Luis Mora"), person("sol", text, "Eva Sol")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil"}


@pytest.mark.parametrize("participle", [
    pytest.param("encabezada", id="headed by"),
    pytest.param("integrada", id="made up of"),
    pytest.param("acompañada", id="accompanied by"),
])
def test_who_heads_the_opening_meeting_by_por_takes_part_in_it(cnlp, participle):
    """"Se llevó a cabo la reunión, encabezada por la secretaria X, y el secretario Y": the
    "por" phrase of a cast participle names who took part, though an oblique names no party."""
    text = (f"Este lunes se llevó a cabo la cuarta reunión del Diálogo, {participle} por la secretaria de "
            "Relaciones Exteriores, Ana Ruiz, y el secretario de Estado, Pedro Gil.\n\n"
            "En la reunión participaron también la secretaria de Seguridad, Eva Sol, y el secretario de "
            "Comercio, Luis Mora.\n\n"
            "Las delegaciones acordaron reforzar el intercambio de información.")
    parts = [*three(text), person("mora", text, "Luis Mora")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil", "sol", "mora"}


def test_name_inside_an_oblique_phrase_is_no_party(cnlp):
    text = (TWO + "Ante la propuesta presentada por el presidente regional, Luis Mora, Ruiz y Gil "
            "ratificaron la necesidad de crear un fondo común.")
    parts = [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil", "Gil"),
             person("mora", text, "Luis Mora")]
    doc = run(cnlp, text, participants=parts)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil"}


@pytest.mark.parametrize("text, names, expected", [
    pytest.param("La cancillería mexicana suspenderá la reunión anual de cónsules.",
                 [("sre", "cancillería mexicana")], {"sre"}, id="organization subject of a future verb"),
    pytest.param("En la declaración se reitera el compromiso de la Alianza, con la unidad e integración de "
                 "la región, y la decisión de ampliar el fondo común.", [("alianza", "Alianza")],
                 {"alianza"}, id="possessor organization; 'la unidad e integración' is no group"),
    pytest.param("La reunión de ministros de la Alianza concluyó con acuerdos sobre la creación de un "
                 "fondo común, de acuerdo con el canciller Pedro Gil.",
                 [("alianza", "Alianza"), ("gil", "Pedro Gil")], {"alianza"},
                 id="'con acuerdos' is the trigger, not a comitative party"),
])
def test_organizations_commit(cnlp, text, names, expected):
    parts = [person(key, text, name, kind="person" if key == "gil" else "organization")
             for key, name in names]
    doc = run(cnlp, text, participants=parts)
    assert doc._.commitments, actions(doc)
    assert set(doc._.commitments[0].actor_ids) == expected


def test_a_country_commits_through_its_body_named_last_before(cnlp):
    """"El Senado aprobó el tratado. La Secretaría informó que México presentará ...": the
    Secretaría, the body that speaks, not the first body named."""
    text = ("El Senado aprobó ayer el tratado de extradición.\n\nLa Secretaría de Relaciones Exteriores informó "
            "que México presentará el instrumento de ratificación.")
    parts = [person("senado", text, "Senado", kind="organization", country="MEX"),
             person("sre", text, "Secretaría de Relaciones Exteriores", kind="organization", country="MEX")]
    doc = run(cnlp, text, participants=parts)
    assert [c.actor_ids for c in doc._.commitments] == [["sre"]]


def test_a_country_with_no_person_of_its_own_commits_through_its_body(cnlp):
    """"México solicitará una sesión del Consejo" in a communiqué of the Secretaría naming no
    Mexican official: the Secretaría commits, not the foreign envoy it summoned."""
    text = ("La Secretaría de Relaciones Exteriores convocó hoy al encargado de negocios de Ecuador, Carlos Gil.\n\n"
            "México solicitará una sesión extraordinaria del Consejo Permanente.")
    parts = [person("sre", text, "Secretaría de Relaciones Exteriores", kind="organization", country="MEX"),
             person("gil", text, "Carlos Gil", country="ECU")]
    doc = run(cnlp, text, participants=parts)
    assert [(c.modality, c.actor_ids) for c in doc._.commitments] == [("intention", ["sre"])]


@pytest.mark.parametrize("subject", [
    pytest.param("El Gobierno de Guatemala", id="the country by name"),
    pytest.param("El gobierno guatemalteco", id="the country by its demonym"),
])
def test_a_country_no_one_named_speaks_for_commits_through_no_one_else(cnlp, subject):
    """"El Gobierno de Guatemala deberá presentar ..." after Mexico's minister spoke: no one named
    speaks for Guatemala, so its commitment has no actor, not the last speaker of another country."""
    text = f"La canciller Ana Ruiz viajó a Guatemala.\n\n{subject} deberá presentar un informe."
    doc = run(cnlp, text, participants=[person("ruiz", text, "Ana Ruiz", country="MEX")])
    assert [(c.modality, c.actor_ids) for c in doc._.commitments] == [("obligation", [])]


def test_agreement_with_named_parties_before_the_infinitive(cnlp):
    text = ("La canciller Ana Ruiz viajó a Lima.\n\nAcordó con sus homólogos de Perú, Pedro Gil, y de "
            "Chile, Eva Sol, coordinar los esfuerzos de los tres gobiernos.")
    doc = run(cnlp, text, participants=three(text))
    assert actions(doc) == ["coordinar los esfuerzos de los tres gobiernos"]
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil", "sol"}


def test_trigger_noun_is_no_comitative(cnlp):
    text = ("La canciller Ana Ruiz concluyó con acuerdos sobre la creación de un fondo común, de acuerdo "
            "con el embajador Pedro Gil.")
    parts = [person("ruiz", text, "Ana Ruiz"), person("gil", text, "Pedro Gil")]
    doc = run(cnlp, text, participants=parts)
    assert doc._.commitments, actions(doc)
    assert doc._.commitments[0].actor_ids == ["ruiz"]  # "con acuerdos" is the trigger itself


def test_clausal_subject_is_no_party(cnlp):
    text = TWO + "Los cancilleres revisaron el plan fronterizo, con el cual se prevé establecer una zona segura."
    parts = [person("ruiz", text, "Ana Ruiz"), person("gil", text, "Pedro Gil")]
    doc = run(cnlp, text, participants=parts)
    assert doc._.commitments, actions(doc)
    assert set(doc._.commitments[0].actor_ids) == {"ruiz", "gil"}


def test_an_inner_trigger_yields_the_list_to_the_trigger_around_it(cnlp):
    text = ("Acordaron que el grupo de trabajo deberá seguir generando acciones para:\n\n"
            "Fortalecer la cooperación.\n\nDetener el tráfico de armas.\n")
    doc = run(cnlp, text)
    assert [(c.action, c.modality) for c in doc._.commitments] == [
        ("Fortalecer la cooperación", "agreement"), ("Detener el tráfico de armas", "agreement")]


def test_a_body_named_by_its_head_noun_alone_is_that_body(cnlp):
    """"El grupo deberá sesionar": the subject of the verb "deberá" helps, a definite head noun
    that opens the name of a body named before (not the people who head it)."""
    text = (TWO + "El Grupo Bilateral de Comercio sesionó ayer.\n\n"
            "El grupo deberá sesionar nuevamente en marzo.")
    spans = [(m.start(), m.end()) for m in re.finditer("Grupo Bilateral de Comercio", text)]
    group = Participant(actor_id="grupo", name="Grupo Bilateral de Comercio", kind="group", start=spans[0][0],
                        end=spans[0][1], resolved_by="name", spans=spans)
    parts = [person("ruiz", text, "Ana Ruiz", "Ruiz"), person("gil", text, "Pedro Gil", "Gil"), group]
    doc = run(cnlp, text, participants=parts)
    assert [(c.modality, c.actor_ids) for c in doc._.commitments] == [("obligation", ["grupo"])]


def test_the_subject_of_a_copula_trigger_is_the_predicates(cnlp):
    """"La ministra subrayó que la Unión está dispuesta a aumentar X": the subject hangs on
    "dispuesta", not on the trigger "está"; the Union commits, not the last speaker."""
    text = (TWO + "La ministra subrayó que la Unión Andina está dispuesta a aumentar la inversión en la región.")
    parts = [person("ruiz", text, "Ana Ruiz"), person("gil", text, "Pedro Gil"),
             person("union", text, "Unión Andina", kind="organization")]
    doc = run(cnlp, text, participants=parts)
    assert [c.actor_ids for c in doc._.commitments] == [["union"]]


def test_a_collective_in_a_document_naming_no_person_is_the_bodies_it_opens_with(cnlp):
    acnur = "Alto Comisionado de las Naciones Unidas para los Refugiados"
    text = ("El Instituto de Migración y la Comisión de Refugiados se reunieron ayer con representantes del "
            f"{acnur}.\n\nAmbas instituciones acordaron fortalecer el registro de solicitudes.")
    parts = [person("inm", text, "Instituto de Migración", kind="organization"),
             person("comar", text, "Comisión de Refugiados", kind="organization"),
             person("acnur", text, acnur, kind="organization")]
    doc = run(cnlp, text, participants=parts)
    assert [set(c.actor_ids) for c in doc._.commitments] == [{"inm", "comar"}]
