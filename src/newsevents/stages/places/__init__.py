"""Place stage: toponyms -> :class:`Place`, resolved against an offline gazetteer.

Mentions come from spaCy's GPE/LOC/FAC entities, plus country names and large cities that the
small model tagged as something else or missed. Names are looked up in the gazetteer
(:mod:`newsevents.resources.gazetteer`: countries, cities of 5,000+ people with their alternate
names, US states, and our own tables of country centroids, US state centres and regions), compiled
once and read back from a cache. Lookups are dictionary hits keyed by the lower-cased name; no
per-mention scans.

Ambiguous names ("Paris", "Springfield") are resolved by, in order: an explicit "City, Region"
or "City, Country" pattern; the dateline's country; countries mentioned in the article; then
population. "The Kazakh capital" resolves to the capital of the country the demonym names.
Demonyms and nationalities on their own ("Russian officials") are not places.

Modules: :mod:`.stage` (:class:`PlaceStage`, facilities, the dateline), :mod:`.names` (what is not
a place, and how far a name is trusted), :mod:`.resolve` (:func:`choose` among candidates),
:mod:`.tokens` (token tables and offsets), :mod:`.clauses` (:func:`place_for_clause`).
"""

from __future__ import annotations

from newsevents.resources.gazetteer import PlaceEntry, Gazetteer, gazetteer
from newsevents.stages.places.clauses import place_for_clause
from newsevents.stages.places.names import names_not_places
from newsevents.stages.places.resolve import choose
from newsevents.stages.places.stage import PlaceStage
from newsevents.stages.places.tokens import clean_span, name_like, token_table

__all__ = [
    "PlaceEntry",
    "Gazetteer",
    "PlaceStage",
    "choose",
    "clean_span",
    "gazetteer",
    "name_like",
    "names_not_places",
    "place_for_clause",
    "token_table",
]
