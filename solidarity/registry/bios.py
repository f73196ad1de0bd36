"""A person's biography in the reader's language: translations saved (audited) and the one to show picked.

Only the biography is translated. Names have their own spellings (aliases, native script) and the timeline is
dated facts with their sources' own words, which a translation must not paraphrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from solidarity.lib import audit
from solidarity.lib.translations import pick
from solidarity.registry.models import Person, PersonTranslation
from solidarity.registry.services import registry_changed


@dataclass(frozen=True)
class LocalizedBio:
    text: str
    language: str
    is_fallback: bool  # the reader's language has no translation, so the original is shown


def localized_bio(person: Person, language: str) -> LocalizedBio:
    """The biography in ``language`` if someone translated it, else the original (marked as such)."""
    translation = pick(person.translations.all(), language, person.bio_language) if person.bio else None
    if translation is not None:
        return LocalizedBio(text=translation.bio, language=translation.language, is_fallback=False)
    return LocalizedBio(
        text=person.bio,
        language=person.bio_language,
        is_fallback=bool(person.bio) and language != person.bio_language,
    )


def _notify(person_id: int) -> None:
    transaction.on_commit(lambda: registry_changed.send(sender=Person, people=[person_id], cases=[]))


@transaction.atomic
def bio_translation_save(*, translation: PersonTranslation, actor: Any) -> PersonTranslation:
    translation.full_clean()
    is_new = translation.pk is None
    translation.save()
    action = "registry.bio_translation.created" if is_new else "registry.bio_translation.changed"
    audit.record(action, translation, actor, after={"language": translation.language}, person=translation.person_id)
    _notify(translation.person_id)
    return translation


@transaction.atomic
def bio_translation_delete(*, translation: PersonTranslation, actor: Any) -> None:
    audit.record(
        "registry.bio_translation.deleted",
        translation,
        actor,
        before={"language": translation.language, "bio": translation.bio},
        person=translation.person_id,
    )
    person_id = translation.person_id
    translation.delete()
    _notify(person_id)
