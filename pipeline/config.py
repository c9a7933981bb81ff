"""One settings object for a run (dateparser style), instead of flags threaded through calls.

:class:`Settings` holds what a run reads (inputs, the spaCy model, the rule folder
``models_dir``), writes (``out``) and how (batch and chunk sizes, workers, executor);
:data:`STAGES` names the project's pipeline components in the order they run. Nothing here
reads or writes files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from .rules import DEFAULT_MODELS_DIR

#: The project's pipeline components, in the order they run after the base model.
STAGES: tuple[str, ...] = ("sre_dates", "sre_participants", "sre_undated", "sre_commitments", "sre_events")


@dataclass(frozen=True)
class Settings:
    """What a run reads, writes and uses.

    ``model`` is a spaCy package name or path; None picks the first installed of
    :data:`pipeline.nlp.PREFERRED_MODELS`.
    """

    inputs: tuple[Path, ...] = (Path("corpus"),)
    out: Path = Path("outputs")
    model: str | None = None
    models_dir: Path = DEFAULT_MODELS_DIR
    batch_size: int = 32
    #: documents per task; fixed whatever the number of workers, so outputs are identical
    chunk_size: int = 128
    workers: int = 1
    executor: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    full: bool = False  # True: process every document, ignore reusable previous rows
    stages: tuple[str, ...] = field(default=STAGES)
    strict: bool = False

    def __post_init__(self) -> None:
        for name in ("batch_size", "chunk_size", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"Settings.{name} must be at least 1, not {getattr(self, name)}")
        if self.executor not in ("local", "dask"):
            raise ValueError(f"Settings.executor must be 'local' or 'dask', not '{self.executor}'")

    def as_dict(self) -> dict:
        """JSON-ready form, for the manifest."""
        data = asdict(self)
        data["inputs"] = [str(p) for p in self.inputs]
        data["out"] = str(self.out)
        data["models_dir"] = str(self.models_dir)
        data["stages"] = list(self.stages)
        return data
