"""The pipeline's stages, one package or module each, and the one table that names them.

Every stage reads and adds to an :class:`~newsevents.nlp.AnnotatedDoc` (``process(adoc)``) and
declares what it ``requires`` and ``produces``; :func:`build_stages` checks the order. Stage names
are versioned (``places.v1``): a stage whose output changes meaning gets a new name. Importing this
package imports no stage: :func:`registry` imports them when a pipeline is built.

Stages never import the store, the web explorer, the CLI or the engines (an import-linter contract
in ``pyproject.toml`` checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol, Sequence

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


def build_stages(names: Sequence["str | Stage"] = DEFAULT_STAGES,
                 config: Mapping[str, Mapping[str, Any]] | None = None) -> list[Stage]:
    """Instantiate stages by name, each with its settings, and check that each one's inputs are
    produced before it.

    ``config`` maps a stage's name (``"actors"``, or versioned: ``"actors.v1"``) to the keyword
    arguments of its constructor, as spaCy's ``add_pipe(config=...)`` does:
    ``{"actors": {"extra_paths": ["my_actors.tsv"]}, "events": {"statements": False}}``.
    An item of ``names`` may also be a stage object of your own (anything with ``name``,
    ``requires``, ``produces`` and ``process(adoc)``), used as it is."""
    table = registry()
    config = dict(config or {})
    unknown = [k for k in config if k not in table and not any(n.split(".")[0] == k for n in table)]
    if unknown:
        raise ConfigError(f"settings for unknown stage(s) {', '.join(sorted(unknown))}; known stages: "
                          f"{', '.join(sorted({n.split('.')[0] for n in table}))}")
    stages: list[Stage] = []
    available = {"doc", "repaired", "article"}
    for item in names:
        if not isinstance(item, str):  # a stage object of the caller's own
            _check_order(item, available)
            stages.append(item)
            continue
        name = item
        if name not in table:
            raise ConfigError(f"unknown stage {name!r}; known stages: {', '.join(sorted(table))}")
        settings = {**config.get(name.split(".")[0], {}), **config.get(name, {})}
        try:
            stage = table[name](**settings)
        except TypeError as exc:
            raise ConfigError(f"bad settings for stage {name!r}: {exc}") from exc
        _check_order(stage, available)
        stages.append(stage)
    return stages


def _check_order(stage: Stage, available: set[str]) -> None:
    missing = [r for r in stage.requires if r not in available]
    if missing:
        raise ConfigError(f"stage {stage.name!r} needs {missing} which no earlier stage produces")
    available.update(stage.produces)


def user_files_config(*, actor_files: Iterable[str] = (), verb_files: Iterable[str] = (),
                      classifier: bool = True) -> dict[str, dict]:
    """The stage settings for a user's own dictionaries: actor files (our TSV/CSV tables or
    PETRARCH actor/agent dictionaries) go to the actor stage and to the event stage (whose demonyms
    they extend); verb files (our TSV or PETRARCH verb dictionaries) go to the event stage.
    ``classifier=False``: events from the lexicon alone (no second opinion)."""
    actor_files, verb_files = tuple(map(str, actor_files)), tuple(map(str, verb_files))
    config: dict[str, dict] = {} if classifier else {"events": {"second_opinion": False}}
    if actor_files:
        config["actors"] = {"extra_paths": actor_files}
        config.setdefault("events", {})["actor_paths"] = actor_files
    if verb_files:
        config.setdefault("events", {})["extra_lexicon"] = verb_files
    return config
