"""A biography in the reader's language: translated in the admin, shown with a note where it is not, and the
admin names the translations that are missing or were made from an older text."""

from __future__ import annotations

import pytest
from django.utils import translation

from conftest import verified_client
from solidarity.lib.models import AuditEntry
from solidarity.lib.translations import State, states
from solidarity.registry import bios, services
from solidarity.registry.models import Person, PersonTranslation
from solidarity.registry.tests import factories
from solidarity.registry.tests.test_admin import management, person_form

pytestmark = pytest.mark.django_db

BIO = "Anarchist from Tyumen, held since 2019."
BIO_RU = "Анархист из Тюмени, под стражей с 2019 года."


def translated_person() -> Person:
    person = factories.person("Nikita Oleinik", bio=BIO, bio_language="en")
    bios.bio_translation_save(translation=PersonTranslation(person=person, language="ru", bio=BIO_RU), actor=None)
    return person


def bio_states(person: Person) -> dict[str, State]:
    person = Person.objects.get(pk=person.pk)
    return states(person, person.bio_language, person.translations.all(), PersonTranslation.TRANSLATED_FIELDS)


def test_organiser_adds_a_translation_inline_and_it_is_audited(organiser):
    person = factories.person("Nikita Oleinik", bio=BIO)
    data = person_form(
        name=person.name,
        slug=person.slug,
        aliases="",
        native_name="",
        bio=BIO,
        **management(translations=1),
        **{"translations-0-language": "ru", "translations-0-bio": BIO_RU},
    )
    response = verified_client(organiser).post(f"/admin/registry/person/{person.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(person.translations.values_list("language", "bio")) == [("ru", BIO_RU)]
    assert AuditEntry.objects.filter(action="registry.bio_translation.created", actor=organiser).exists()
    assert bio_states(person)["ru"] == State.CURRENT


@pytest.mark.parametrize(
    ("language", "message"),
    [("ru", "Please correct the duplicate data for language"), ("en", "The original is written in this language")],
)
def test_a_second_translation_or_one_into_the_original_language_is_refused(organiser, language, message):
    person = translated_person()
    existing = person.translations.get()
    data = person_form(
        name=person.name,
        slug=person.slug,
        aliases="",
        native_name="",
        bio=BIO,
        **management(translations=2),
    )
    data.update(
        {
            "translations-INITIAL_FORMS": "1",
            "translations-0-id": str(existing.pk),
            "translations-0-person": str(person.pk),
            "translations-0-language": "ru",
            "translations-0-bio": BIO_RU,
            "translations-1-language": language,
            "translations-1-bio": "другой текст",
        }
    )
    response = verified_client(organiser).post(f"/admin/registry/person/{person.pk}/change/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(person.translations.values_list("bio", flat=True)) == [BIO_RU]


def test_editing_the_biography_marks_its_translations_outdated_until_retranslated():
    person = translated_person()
    assert bio_states(person)["ru"] == State.CURRENT
    person.country = "BY"  # not the text: the translation stays current
    services.person_save(person=person, actor=None)
    assert bio_states(person)["ru"] == State.CURRENT
    person.bio = BIO + " Sentenced to six years."
    services.person_save(person=person, actor=None)
    assert bio_states(person)["ru"] == State.OUTDATED
    row = person.translations.get()
    row.bio = BIO_RU + " Приговорён к шести годам."
    bios.bio_translation_save(translation=row, actor=None)
    assert bio_states(person)["ru"] == State.CURRENT


def test_admin_list_names_missing_and_outdated_translations(organiser, settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("de", "German")]
    person = translated_person()
    person.bio = "Changed."
    services.person_save(person=person, actor=None)
    page = verified_client(organiser).get("/admin/registry/person/").content.decode()
    assert '<span class="translation-outdated">ru: ' in page
    assert '<span class="translation-missing">de: ' in page
    assert "translation-" not in page.split("en: ")[0][-40:]  # the original's language is not listed


def test_person_page_shows_the_translation_or_the_original_with_a_note(client):
    translated_person()
    russian = client.get("/ru/people/nikita-oleinik/").content.decode()
    assert f'<div class="bio" lang="ru"><p>{BIO_RU}</p></div>' in russian
    assert 'lang="en"><p>' not in russian
    english = client.get("/en/people/nikita-oleinik/").content.decode()
    assert f'<div class="bio" lang="en"><p>{BIO}</p></div>' in english
    assert "shown in its original language" not in english
    with translation.override("ru"):
        note = bios.localized_bio(Person.objects.get(), "de")
    assert note.is_fallback and note.text == BIO and note.language == "en"


def test_no_note_for_a_person_without_a_biography():
    person = factories.person("Someone Quiet")
    assert bios.localized_bio(person, "ru") == bios.LocalizedBio(text="", language="en", is_fallback=False)


def test_merging_keeps_the_biography_with_its_translations():
    other = translated_person()
    keep = factories.person("Nikita Oleynik")
    services.person_merge(keep=keep, merge=other, actor=None)
    keep.refresh_from_db()
    assert (keep.bio, keep.bio_language) == (BIO, "en")
    assert list(keep.translations.values_list("language", "bio")) == [("ru", BIO_RU)]
    assert bio_states(keep)["ru"] == State.CURRENT


def test_merging_drops_translations_of_the_biography_not_kept():
    keep = factories.person("Nikita Oleinik", bio="Kept text.")
    other = factories.person("Nikita Oleynik", bio=BIO)
    bios.bio_translation_save(translation=PersonTranslation(person=other, language="ru", bio=BIO_RU), actor=None)
    services.person_merge(keep=keep, merge=other, actor=None)
    assert not PersonTranslation.objects.exists()
