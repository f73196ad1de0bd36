"""What people type as a city resolves to the right gazetteer entry, offline."""

import os
import time

import pytest

from solidarity.places.countries import country_name, find_country
from solidarity.places.geocode import resolve


@pytest.mark.parametrize(
    "typed, city, country",
    [
        ("Munich", "Munich", "Germany"),
        ("München", "Munich", "Germany"),
        ("muenchen", "Munich", "Germany"),
        ("Praha", "Prague", "Czechia"),
        ("Helsingfors", "Helsinki", "Finland"),
        ("Берлин", "Berlin", "Germany"),
        ("в Берлине", "Berlin", "Germany"),
        ("Санкт-Петербурге", "Saint Petersburg", "Russian Federation"),
        ("St. Petersburg", "Saint Petersburg", "Russian Federation"),
        ("  paris ", "Paris", "France"),
        ("London, Canada", "London", "Canada"),
        ("Лондон, Канада", "London", "Canada"),
        ("London", "London", "United Kingdom"),
    ],
)
def test_spellings_languages_and_case_endings_resolve(typed, city, country):
    found = resolve(typed)
    assert found is not None, typed
    assert (found.name, found.country) == (city, country)


def test_unknown_place_is_none_not_a_guess():
    assert resolve("Xyzzyville") is None
    assert resolve("") is None


def test_resolved_city_carries_only_the_city_centre():
    berlin = resolve("Berlin")
    assert berlin.label == "Berlin, Germany"
    assert round(berlin.latitude) == 53 and round(berlin.longitude) == 13


def test_country_names_in_other_languages():
    assert find_country("Deutschland") == "DE"
    assert find_country("Германия") == "DE"
    assert find_country("Nowhere") is None
    assert country_name("de") == "Germany"


def test_the_cached_index_is_the_index_it_was_built_from(tmp_path, settings, monkeypatch):
    """A process loading the cache file finds exactly the cities and names a fresh build has."""
    from solidarity.places import geocode

    settings.DATA_DIR = tmp_path
    built = geocode._build()
    stale = tmp_path / "cache" / "gazetteer-0000000000000000.json"  # left by an earlier version of the code
    stale.parent.mkdir()
    stale.write_text("[]")
    os.utime(stale, (time.time() - 2 * geocode.STALE_CACHE_SECONDS,) * 2)
    younger = stale.with_name("gazetteer-1111111111111111.json")  # another version, still running, wrote it
    younger.write_text("[]")
    geocode._gazetteer.cache_clear()
    try:
        assert geocode._gazetteer() == built  # no cache yet: built, the cache written, the stale one removed
        assert sorted(p.name for p in stale.parent.iterdir()) == sorted([geocode._cache_path().name, younger.name])
        geocode._gazetteer.cache_clear()
        monkeypatch.setattr(geocode, "_build", lambda: pytest.fail("the index was built again"))
        assert geocode._gazetteer() == built  # read from the cache file this time
    finally:
        geocode._gazetteer.cache_clear()


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path, settings):
    from solidarity.places import geocode

    settings.DATA_DIR = tmp_path
    path = geocode._cache_path()
    path.parent.mkdir(parents=True)
    geocode._gazetteer.cache_clear()
    try:
        for damage in (b"{not json", b'[[["x"]], {}]', b"[1, 2]", b'[[], {"berlin": 5}]'):
            path.write_bytes(damage)
            geocode._gazetteer.cache_clear()
            assert geocode.resolve("Berlin").country_code == "DE"
    finally:
        geocode._gazetteer.cache_clear()
