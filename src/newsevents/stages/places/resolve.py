"""Choosing one gazetteer entry among a name's candidates."""

from __future__ import annotations

import math

from newsevents.resources.gazetteer import PlaceEntry, name_key


def choose(cands: list[PlaceEntry], *, hint_country: str | None = None, hint_admin1: str | None = None,
           context: dict[str, float] | None = None, name: str | None = None,
           capitals: dict[str, str] | None = None) -> PlaceEntry | None:
    """Pick one candidate: an explicit region/country hint wins, then article context, then size."""
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]  # what every rule below picks from one candidate
    if hint_admin1:
        m = [c for c in cands if c.country2 == "US" and c.admin1 == hint_admin1 and c.feature == "city"]
        if m:
            return max(m, key=lambda c: c.population)
    if hint_country:
        m = [c for c in cands if c.country2 == hint_country and c.feature != "country"]
        if m:
            return max(m, key=lambda c: c.population)
    context = context or {}
    first = cands[0]
    if first.feature == "country" and first.country2 not in context and context.get("US", 0) >= 1:
        # "Georgia" in a story about the United States is the state
        state = next((c for c in cands if c.feature == "admin1" and c.country2 == "US"), None)
        if state is not None:
            return state
    # countries and regions named exactly win over towns of the same name
    if first.feature in ("country", "region") or (first.feature == "admin1" and first.geonameid is None):
        return first
    key = name_key(name) if name else None

    def score(c: PlaceEntry) -> float:
        s = math.log10(c.population + 10)
        if c.feature == "admin1":
            s = 6.0  # a US state beats towns below about a million people
        elif c.feature in ("subdiv", "admin2"):
            s = 5.0  # a province or county beats towns below about 100,000 people
        if c.feature == "city" and capitals and capitals.get(c.country2 or "") == c.name:
            s += 0.5  # "Washington" the capital beats Washington the state
        if key is not None and c.name.lower() != key:
            s -= 1.5  # an alternate (often foreign-language) name is weaker than a primary one
        s += 1.5 * context.get(c.country2 or "", 0.0)
        return s

    return max(cands, key=score)
