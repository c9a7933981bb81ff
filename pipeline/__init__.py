"""sre-pipeline: Spanish diplomatic press releases in, research tables out.

Stages (one module each): :mod:`~pipeline.ingest`, :mod:`~pipeline.nlp` (assembly),
:mod:`~pipeline.participants`, :mod:`~pipeline.dates`, :mod:`~pipeline.commitments`,
:mod:`~pipeline.events`, :mod:`~pipeline.tables`; :mod:`~pipeline.run` drives them and
:mod:`~pipeline.cli` is the command line. :mod:`~pipeline.evaluate` scores against gold.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sre-pipeline")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"


def __getattr__(name: str):  # lazy: `import pipeline` stays light (no pandas/DuckDB until used)
    if name in ("load", "connect"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
