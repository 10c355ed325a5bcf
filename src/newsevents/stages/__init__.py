"""The pipeline's stages, one package or module each, and the one table that names them.

Every stage reads and adds to an :class:`~newsevents.nlp.AnnotatedDoc` (``process(adoc)``) and
declares what it ``requires`` and ``produces``; :func:`build_stages` checks the order. Stage names
are versioned (``places.v1``): a stage whose output changes meaning gets a new name. Importing this
package imports no stage: :func:`registry` imports them when a pipeline is built.

Stages never import the store, the web explorer, the CLI or the engines (an import-linter contract
in ``pyproject.toml`` checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from newsevents.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from newsevents.nlp import AnnotatedDoc


class Stage(Protocol):
    """A pipeline stage: reads and adds to an AnnotatedDoc."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def process(self, adoc: "AnnotatedDoc") -> None: ...


DEFAULT_STAGES = ("entities.v1", "actors.v1", "times.v1", "places.v1", "quotes.v1", "events.v1", "tone.v1")


def registry() -> dict[str, Callable[..., Stage]]:
    """The one explicit table of stages, by versioned name. Importing registers nothing."""
    from newsevents.stages.actors import ActorStage
    from newsevents.stages.entities import EntityStage
    from newsevents.stages.events import EventStage
    from newsevents.stages.places import PlaceStage
    from newsevents.stages.quotes import QuoteStage
    from newsevents.stages.times import TimeStage
    from newsevents.stages.tone import ToneStage

    return {
        "entities.v1": EntityStage,
        "actors.v1": ActorStage,
        "times.v1": TimeStage,
        "places.v1": PlaceStage,
        "quotes.v1": QuoteStage,
        "events.v1": EventStage,
        "tone.v1": ToneStage,
    }


def build_stages(names: Sequence[str] = DEFAULT_STAGES) -> list[Stage]:
    """Instantiate stages by name and check that each one's inputs are produced before it."""
    table = registry()
    stages: list[Stage] = []
    available = {"doc", "repaired", "article"}
    for name in names:
        if name not in table:
            raise ConfigError(f"unknown stage {name!r}; known stages: {', '.join(sorted(table))}")
        stage = table[name]()
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ConfigError(f"stage {name!r} needs {missing} which no earlier stage produces")
        available.update(stage.produces)
        stages.append(stage)
    return stages
