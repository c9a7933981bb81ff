"""A small gazetteer written for the participants tests, and a pipeline that uses it.

The tests of each resolution path must not break when a researcher edits the bundled
gazetteer, so they run on these few rows (plus the stage's own ``models/participants/``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pipeline.rules import DEFAULT_MODELS_DIR

OFFICIALS = """name,aliases,wikidata,country,office,role_code,organization,start,end,gender
Juan Ramón de la Fuente,Juan Ramón de la Fuente Ramírez|De la Fuente,Q1,MEX,secretario de Relaciones Exteriores,foreign_minister,Secretaría de Relaciones Exteriores,2024-10-01,,m
Marco Rubio,Marco Antonio Rubio|Rubio,Q2,USA,secretario de Estado,foreign_minister,Departamento de Estado,2025-01-21,,m
Claudia Sheinbaum,Claudia Sheinbaum Pardo|Sheinbaum,Q3,MEX,presidenta,head_of_state,Gobierno de México,2024-10-01,,f
Donald Trump,Donald J. Trump|Trump,Q4,USA,presidente,head_of_state,Gobierno de Estados Unidos,2017-01-20,2021-01-20,m
Donald Trump,Donald J. Trump|Trump,Q4,USA,presidente,head_of_state,Gobierno de Estados Unidos,2025-01-20,,m
Andrés Manuel López Obrador,López Obrador|AMLO,Q5,MEX,presidente,head_of_state,Gobierno de México,2018-12-01,2024-09-30,m
Marcelo Ebrard,Marcelo Ebrard Casaubón|Ebrard,Q6,MEX,secretario de Relaciones Exteriores,foreign_minister,Secretaría de Relaciones Exteriores,2018-12-01,2023-06-12,m
Marcelo Ebrard,Marcelo Ebrard Casaubón|Ebrard,Q6,MEX,secretario de Economía,minister,Secretaría de Economía,2024-10-01,,m
Alicia Bárcena,Alicia Bárcena Ibarra|Bárcena,Q7,MEX,secretaria de Relaciones Exteriores,foreign_minister,Secretaría de Relaciones Exteriores,2023-06-12,2024-09-30,f
Carlos Holmes Trujillo,Holmes Trujillo,Q8,COL,canciller,foreign_minister,Ministerio de Relaciones Exteriores de Colombia,2018-08-07,2019-11-12,m
Claudia Blum,Claudia Blum de Barberi,Q9,COL,canciller,foreign_minister,Ministerio de Relaciones Exteriores de Colombia,2019-11-12,2021-05-12,f
Marta Lucía Ramírez,Marta Lucía Ramírez Blanco,Q10,COL,vicepresidenta y canciller,foreign_minister,Ministerio de Relaciones Exteriores de Colombia,2021-05-13,2022-08-07,f
Rosa Vela Ortiz,Vela Ortiz,Q40,MEX,jefa de la Unidad para América del Norte,diplomat,Secretaría de Relaciones Exteriores,,,f
"""
ORGANIZATIONS = """name,aliases,wikidata,kind,country
Secretaría de Relaciones Exteriores,SRE|Cancillería|Cancillería mexicana,Q10,organization,MEX
Departamento de Estado,Departamento de Estado de Estados Unidos,Q11,organization,USA
Organización de las Naciones Unidas,ONU|Naciones Unidas,Q12,organization,
Asamblea General de las Naciones Unidas,Asamblea General de la ONU|Asamblea General,Q15,organization,
Consejo de Seguridad de la ONU,Consejo de Seguridad,Q16,organization,
Organización de los Estados Americanos,OEA,Q17,organization,
Comisión Interamericana de Derechos Humanos,CIDH,Q20,organization,
Secretaría de Economía,Economía,Q18,organization,MEX
Gobierno de México,Gobierno mexicano,Q19,organization,MEX
Ministerio de Relaciones Exteriores de Colombia,Cancillería colombiana|Cancillería de Colombia,Q13,organization,COL
Ministerio de Relaciones Exteriores de Chile,Cancillería chilena,Q14,organization,CHL
"""
COUNTRIES = """iso3,name,aliases,demonyms
MEX,México,República Mexicana,mexicano|mexicana
USA,Estados Unidos,EU|Estados Unidos de América,estadounidense|estadunidense
CAN,Canadá,,canadiense
COL,Colombia,,colombiano|colombiana
CHL,Chile,,chileno|chilena
"""
PLACES = """name,aliases,country,kind
"Washington, D.C.",Washington,USA,city
Bogotá,,COL,capital
"""
ROLES = """title,role_code,country,organization,gender
canciller,foreign_minister,,,
secretario de relaciones exteriores,foreign_minister,MEX,Secretaría de Relaciones Exteriores,m
secretaria de relaciones exteriores,foreign_minister,MEX,Secretaría de Relaciones Exteriores,f
titular de la sre,foreign_minister,MEX,Secretaría de Relaciones Exteriores,
secretario de estado,foreign_minister,USA,Departamento de Estado,m
presidente,head_of_state,,,m
presidenta,head_of_state,,,f
primer ministro,head_of_government,,,m
mandatario,head_of_state,,,m
directora general,diplomat,,,f
subsecretaria,deputy_minister,,,f
subsecretaria de relaciones exteriores,deputy_minister,MEX,Secretaría de Relaciones Exteriores,f
viceministro,deputy_minister,,,m
director general,diplomat,,,m
embajador,ambassador,,,m
ministra,minister,,,f
ministro,minister,,,m
ministro de relaciones exteriores,foreign_minister,,,m
secretaria,other,,,f
homólogo,,,,m
homóloga,,,,f
asesor,other,,,m
asesora,other,,,f
"""


def write_models(root: Path) -> Path:
    """A models folder: the bundled participants rules and the small gazetteer above."""
    shutil.copytree(DEFAULT_MODELS_DIR / "participants", root / "participants")
    gazetteer = root / "gazetteer"
    gazetteer.mkdir(parents=True)
    for name, text in (("officials", OFFICIALS), ("organizations", ORGANIZATIONS),
                       ("countries", COUNTRIES), ("places", PLACES), ("roles", ROLES)):
        (gazetteer / f"{name}.csv").write_text(text, encoding="utf-8")
    return root


def run_with_rows(nlp, root: Path, text: str, published: str, **rows: str):
    """Process ``text`` with the small gazetteer plus ``rows`` (CSV lines by gazetteer file name:
    ``officials="..."``) in a participants stage of its own, built in ``root``."""
    from pipeline.participants import ParticipantsComponent

    models = write_models(root)
    for name, lines in rows.items():
        path = models / "gazetteer" / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8") + lines, encoding="utf-8")
    stage = ParticipantsComponent(nlp, "sre_participants", str(models))
    with nlp.select_pipes(disable=["sre_participants"]):
        doc = run(nlp, text, published)
    return stage(doc)


def run(nlp, text: str, published: str | None = None):
    """Process ``text`` with a publication date."""
    doc = nlp.make_doc(text)
    doc._.doc_id = "test"
    doc._.published = dt.date.fromisoformat(published) if published else None
    return nlp(doc)
