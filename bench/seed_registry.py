"""Bulk-load a synthetic registry: N people with about 3 status events each, cases, organisations, charges.

Used by bench/registry.py. Shapes follow what the registry will hold once organisations import years of news:
  * people: a first name and a surname from ~2,000 synthetic surnames (so one surname is shared by ~50 people),
    each with a Cyrillic spelling, a third with an alternative transliteration as an alias, 2% hidden;
  * status events: 1–5 per person (uniform, mean 3) walking a prosecution (searched → detained → charged →
    custody → sentenced → released…), dates between 2012 and 2025, each citing one of 2,000 sources; a tenth
    undated (sorted by their source's date, as the service does);
  * cases: one per 20 people, 4 defendants each, each with one charge brought in the case;
  * organisations: one per 100 people, 30% of people affiliated to one;
  * charges against the person for another 30% of people, from 20 wordings.

Rows are written with bulk_create, bypassing the services: a benchmark needs 400k rows in a minute, not 400k
audited transactions. What the services derive is computed here the same way: ``search_text`` with
``names.search_text`` over name, native name and aliases; the word index (``NameWord``) of names, and of
charges through ``word_index.index_charge_words``; ``sort_on`` as the event's date else its source's;
``current_status``/``current_status_on`` from the last event in ``services.timeline_key`` order.
Deterministic (fixed seed).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

# (Latin, Cyrillic) pieces; surnames are root + middle + ending, so transliteration stays consistent.
ROOTS = [
    ("Bel", "Бел"), ("Vor", "Вор"), ("Kras", "Крас"), ("Sokol", "Сокол"), ("Mor", "Мор"), ("Pol", "Пол"),
    ("Grom", "Гром"), ("Lis", "Лис"), ("Zhur", "Жур"), ("Tar", "Тар"), ("Kuz", "Куз"), ("Step", "Степ"),
    ("Dub", "Дуб"), ("Ryb", "Рыб"), ("Chern", "Черн"), ("Shap", "Шап"), ("Zol", "Зол"), ("Ples", "Плес"),
    ("Gor", "Гор"), ("Kol", "Кол"), ("Nov", "Нов"), ("Pav", "Пав"), ("Sid", "Сид"), ("Fed", "Фед"),
    ("Mak", "Мак"), ("Or", "Ор"), ("Ust", "Уст"), ("Khar", "Хар"), ("Tsar", "Цар"), ("Yas", "Яс"),
    ("Bor", "Бор"), ("Dan", "Дан"), ("Zim", "Зим"), ("Lob", "Лоб"), ("Ner", "Нер"), ("Rod", "Род"),
    ("Sav", "Сав"), ("Tikh", "Тих"), ("Vet", "Вет"), ("Glad", "Глад"),
]  # fmt: skip
MIDDLES = [("", ""), ("an", "ан"), ("ush", "уш"), ("et", "ет"), ("ir", "ир"), ("ob", "об"), ("al", "ал"),
           ("in", "ин")]  # fmt: skip
ENDINGS = [("ov", "ов"), ("ev", "ев"), ("in", "ин"), ("sky", "ский"), ("enko", "енко"), ("uk", "ук"),
           ("ich", "ич"), ("nikov", "ников")]  # fmt: skip
FIRST = [
    ("Alexei", "Алексей", "Aleksei"), ("Daria", "Дарья", "Darya"), ("Yuri", "Юрий", "Yury"),
    ("Nikita", "Никита", ""), ("Kirill", "Кирилл", ""), ("Anastasia", "Анастасия", "Anastasiya"),
    ("Mikhail", "Михаил", "Mihail"), ("Igor", "Игорь", ""), ("Olga", "Ольга", ""), ("Sergei", "Сергей", "Sergey"),
    ("Natalia", "Наталья", "Natalya"), ("Dmitry", "Дмитрий", "Dmitri"), ("Elena", "Елена", "Yelena"),
    ("Andrei", "Андрей", "Andrey"), ("Maria", "Мария", ""), ("Pavel", "Павел", ""), ("Irina", "Ирина", ""),
    ("Vladimir", "Владимир", "Wladimir"), ("Ekaterina", "Екатерина", "Yekaterina"), ("Roman", "Роман", ""),
    ("Anton", "Антон", ""), ("Ksenia", "Ксения", "Kseniya"), ("Daniil", "Даниил", "Danil"),
    ("Yevgeny", "Евгений", "Evgeny"), ("Svetlana", "Светлана", ""), ("Artyom", "Артём", "Artem"),
]  # fmt: skip
CHARGES = [
    "extremism", "calls to extremism", "preparation of sabotage", "treason", "fraud", "hooliganism",
    "discrediting the army", "false information about the army", "terrorism", "justification of terrorism",
    "resisting police", "participation in an undesirable organisation", "negligence", "vandalism",
    "repeated violation of protest rules", "organising mass riots", "violence against a police officer",
    "insulting a judge", "espionage", "drug possession",
]  # fmt: skip
# Each person's events follow one of these prosecutions, cut at a random point (1–5 events).
PATHS = [
    ["searched", "detained", "charged", "custody", "sentenced"],
    ["detained", "charged", "house_arrest", "sentenced", "released"],
    ["searched", "interrogated", "charged", "fined", "exiled"],
    ["attacked", "detained", "custody", "sentenced", "released"],
    ["searched", "wanted", "exiled", "charged", "sentenced"],
    ["detained", "fined", "detained", "custody", "sentenced"],
]
COUNTRIES = ["RU"] * 85 + ["BY"] * 10 + ["UA", "KZ", "AZ", "TJ", "GE"]


@dataclass
class Seeded:
    """What the measures need to know about the seeded data."""

    surnames: list[tuple[str, str]] = field(default_factory=list)
    people: int = 0
    events: int = 0
    cases: int = 0
    organisations: int = 0


def surnames(people: int, seed_value: int = 7) -> list[tuple[str, str]]:
    """The (Latin, Cyrillic) surnames ``seed`` draws from: one per 50 people, so each is shared by about 50."""
    combos = [(r + m + e, rc + mc + ec) for r, rc in ROOTS for m, mc in MIDDLES for e, ec in ENDINGS]
    random.Random(seed_value).shuffle(combos)
    return combos[: max(1, people // 50)]


def seed(people: int, *, seed_value: int = 7, batch_size: int = 5000) -> Seeded:  # noqa: C901
    from solidarity.registry import names
    from solidarity.registry.models import (
        STAGE,
        Affiliation,
        Case,
        Charge,
        Defendant,
        NameWord,
        Organisation,
        Person,
        Source,
        StatusEvent,
    )
    from solidarity.registry.word_index import index_charge_words, words_of

    rng = random.Random(seed_value + 1)
    seeded = Seeded(surnames=surnames(people, seed_value))
    start = datetime.date(2012, 1, 1)
    sources = Source.objects.bulk_create(
        Source(title=f"Seeded news item {n}", publisher=f"Outlet {n % 40}", language="en",
               published_on=start + datetime.timedelta(days=rng.randrange(14 * 365)))
        for n in range(2000)
    )  # fmt: skip
    organisations = Organisation.objects.bulk_create(
        Organisation(slug=f"org-{n}", name=f"{rng.choice(ROOTS)[0]}{n} Movement", kind="movement",
                     country="RU", search_text=names.search_text(f"{ROOTS[n % len(ROOTS)][0]}{n} Movement"))
        for n in range(max(1, people // 100))
    )  # fmt: skip
    cases = Case.objects.bulk_create(
        Case(slug=f"case-{n}", name=f"{ROOTS[n % len(ROOTS)][0]}grad case {n}", country="RU",
             search_text=names.search_text(f"{ROOTS[n % len(ROOTS)][0]}grad case {n}"))
        for n in range(max(1, people // 20))
    )  # fmt: skip
    Charge.objects.bulk_create(
        (Charge(case=case, wording=rng.choice(CHARGES), source=rng.choice(sources)) for case in cases),
        batch_size=batch_size,
    )
    seeded.cases, seeded.organisations = len(cases), len(organisations)
    defendant_slots = [case for case in cases for _ in range(4)]
    rng.shuffle(defendant_slots)

    for first in range(0, people, batch_size):
        batch, timelines = [], []
        for number in range(first, min(people, first + batch_size)):
            given, given_native, given_alt = rng.choice(FIRST)
            surname, surname_native = rng.choice(seeded.surnames)
            name, native = f"{given} {surname}", f"{given_native} {surname_native}"
            aliases = [f"{given_alt} {surname}"] if given_alt and rng.random() < 0.33 else []
            timeline = _timeline(rng, sources, start)
            last = max(range(len(timeline)), key=lambda i: (timeline[i][3] or datetime.date.max,
                                                              STAGE.get(timeline[i][0], 0), i))  # fmt: skip
            batch.append(Person(
                slug=f"person-{number}", name=name, native_name=native, aliases=aliases,
                country=rng.choice(COUNTRIES), is_public=rng.random() >= 0.02,
                bio="Seeded person.", search_text=names.search_text(name, native, *aliases),
                current_status=timeline[last][0], current_status_on=timeline[last][1],
            ))  # fmt: skip
            timelines.append(timeline)
        created = Person.objects.bulk_create(batch)
        NameWord.objects.bulk_create(
            (NameWord(person=person, word=word)
             for person in created for word in words_of(person.search_text)),
            batch_size=batch_size,
        )  # fmt: skip
        events, links, affiliations, charges = [], [], [], []
        for person, timeline in zip(created, timelines, strict=True):
            events += [
                StatusEvent(
                    person=person,
                    kind=kind,
                    on=on,
                    precision="day",
                    sort_on=sort_on,
                    source=source,
                    quote=f"{person.name} was {kind}.",
                )
                for kind, on, source, sort_on in timeline
            ]
            if defendant_slots and rng.random() < 0.25:
                links.append(Defendant(case=defendant_slots.pop(), person=person, role="defendant"))
            if rng.random() < 0.30:
                affiliations.append(Affiliation(person=person, organisation=rng.choice(organisations), role="member"))
            if rng.random() < 0.30:
                charges.append(Charge(person=person, wording=rng.choice(CHARGES), source=rng.choice(sources)))
        StatusEvent.objects.bulk_create(events, batch_size=batch_size)
        Defendant.objects.bulk_create(links, ignore_conflicts=True)
        Affiliation.objects.bulk_create(affiliations)
        Charge.objects.bulk_create(charges)
        index_charge_words(people=[person.pk for person in created])
        seeded.people += len(created)
        seeded.events += len(events)
    return seeded


def _timeline(rng: random.Random, sources: list, start: datetime.date) -> list[tuple]:
    """(kind, on, source, sort_on) for 1–5 events of one prosecution, in date order."""
    path = rng.choice(PATHS)[: rng.randint(1, 5)]
    day = start + datetime.timedelta(days=rng.randrange(12 * 365))
    timeline = []
    for kind in path:
        day += datetime.timedelta(days=rng.randrange(1, 120))
        source = rng.choice(sources)
        on = None if rng.random() < 0.1 else day  # undated: the timeline sorts it by its source's date
        timeline.append((kind, on, source, on or source.published_on))
    return timeline
