"""What people type as a city resolves to the right gazetteer entry, offline."""

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
