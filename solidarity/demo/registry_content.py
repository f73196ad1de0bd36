"""The demo registry: the people, cases and organisations the five seed articles name, told in our own words.

Facts (names, dates, statuses, charges, sentences, roles) come from the articles; every sentence here is ours.
The articles' own text is never kept in the repository: when the seed folder is present, the loader reads each
article into its source record and takes every quote from it (``registry_load.py``), so quotes stay the
source's words and nothing of them is copied into these files.

Dates are ISO strings as precise as the article allows: ``"2022-04"`` is a month, ``"2009-01-19"`` a day.
Where an article reports a fact without dating it, ``on`` is left out and the timeline sorts the event by the
article's publication date instead: that is the only date the source supports, and it keeps an undated event
after the dated ones it followed. ``precision`` overrides the one the string implies (``"approximate"`` where
the article only counts back, as "a year now"). ``hint`` picks which sentence of the article is quoted when
the surname alone would pick an earlier, unrelated one.
"""

from __future__ import annotations

from typing import Any

# Keyed by a short name the facts below cite. ``file`` is the article's name in the seed folder; titles are
# citations and stay as published, everything else is a fact about the article, not its wording.
SOURCES: dict[str, dict[str, Any]] = {
    "marathon-2020": {
        "file": "000_9e79c1c3a7449193.txt",
        "title": "Russia's Anti-Imperialist Marathon: 'We have much to learn from each other'",
        "publisher": "Struggle-La Lucha",
        "published_on": "2020-01-17",
        "url": "https://www.struggle-la-lucha.org/2020/01/17/"
        "russias-anti-imperialist-marathon-we-have-much-to-learn-from-each-other/",
    },
    # The text carries no headline, byline or date of its own; it is a digest of short pieces on Russia by the
    # International Marxist Tendency (it calls Der Funke "our German comrades"), so the title describes it.
    "imt-digest": {
        "file": "001_a25de02e65cd97b0.txt",
        "title": "Untitled digest on Russia (International Marxist Tendency)",
        "publisher": "International Marxist Tendency",
        "published_on": None,
        "url": "",
    },
    "call-2014": {
        "file": "002_68b590e13040b0cf.txt",
        "title": "Russia: A call for days of international solidarity 18-26 January",
        "publisher": "Europe Solidaire Sans Frontières",
        "published_on": "2013-12-08",
        "url": "",
    },
    "rsd-interview-2023": {
        "file": "003_249be1f393161a14.txt",
        "title": "Russian Socialist Movement: War and resistance under Putin",
        "publisher": "Green Left",
        "published_on": "2023-01-20",
        "url": "https://www.greenleft.org.au/content/russian-socialist-movement-war-and-resistance-under-putin",
    },
    # The page states no date. Its contents place it in January 2023 (the actions it calls for run 19-24 January
    # 2023), but a publication date needs a day we do not know, so it stays empty rather than invented.
    "call-2023": {
        "file": "004_78b6d19b5eb3c90a.txt",
        "title": "Call for solidarity actions with anti-war activists in Russia: To remember is to fight! "
        "Against imperial aggression in Ukraine and political terror in Russia!",
        "publisher": "Fourth International",
        "published_on": None,
        "url": "https://fourth.international/en/europe/495",
    },
}


def _org(slug: str, name: str, kind: str, country: str, source: str, description: str, *aliases: str) -> dict:
    return {
        "slug": slug,
        "name": name,
        "kind": kind,
        "country": country,
        "aliases": list(aliases),
        "description": description,
        "source": source,
    }


# Russia Solidarity and the Russian Socialist Movement are in content.ORGANISATIONS already (they organised the
# two demo calls); the loader reuses them by slug.
ORGANISATIONS: list[dict[str, Any]] = [
    _org("united-communist-party", "United Communist Party", "party", "RU", "marathon-2020",
         "Russian communist party; some of its members co-organised the 2019 anti-imperialist broadcast.",
         "United Communist Party of Russia", "Объединённая коммунистическая партия", "ОКП"),
    _org("new-communist-movement", "New Communist Movement", "movement", "RU", "marathon-2020",
         "Russian communist current that took part in the 2019 anti-imperialist broadcast.",
         "Новое коммунистическое движение"),
    _org("workers-university", "Workers' University", "other", "RU", "marathon-2020",
         "Education project for working people in Moscow.", "Workers University", "Рабочий университет"),
    _org("cuba-solidarity-movement", "Cuba Solidarity Movement", "movement", "RU", "marathon-2020",
         "Moscow group supporting Cuba and Latin American movements."),
    _org("moscow-rock-commune", "Moscow Rock Commune", "other", "RU", "marathon-2020",
         "Musicians' collective in Moscow; proposed the marathon broadcast.", "Московская рок-коммуна"),
    _org("station-marx-channel", "Station Marx Channel", "media", "RU", "marathon-2020",
         "Left-wing online video channel.", "Station Marx", "Станция Маркс"),
    _org("struggle-la-lucha", "Struggle-La Lucha", "media", "US", "marathon-2020",
         "Socialist newspaper and website in the United States.", "Struggle – La Lucha", "SLL"),
    _org("communist-party-of-the-russian-federation", "Communist Party of the Russian Federation", "party", "RU",
         "imt-digest", "The largest party of the parliamentary opposition in Russia.",
         "CPRF", "KPRF", "КПРФ", "Коммунистическая партия Российской Федерации"),
    _org("international-marxist-tendency", "International Marxist Tendency", "movement", "", "imt-digest",
         "International Trotskyist organisation with sections in many countries.", "IMT"),
    _org("der-funke", "Der Funke", "movement", "DE", "imt-digest",
         "German-speaking section of the International Marxist Tendency."),
    _org("delivery-club", "Delivery Club", "other", "RU", "imt-digest",
         "Food delivery company whose Moscow couriers went on strike.", "Деливери Клаб"),
    _org("investigative-committee", "Investigative Committee", "other", "RU", "call-2014",
         "Russia's federal authority for criminal investigations.",
         "Investigative Committee of Russia", "Следственный комитет", "СК РФ"),
    _org("swedish-riksdag", "Swedish Riksdag", "other", "SE", "call-2014",
         "Sweden's parliament; passed a resolution asking Russia to release its political prisoners.",
         "Riksdag", "Sveriges riksdag"),
    _org("green-left", "Green Left", "media", "AU", "rsd-interview-2023",
         "Australian left-wing newspaper and website.", "Green Left Weekly"),
    _org("feminist-anti-war-resistance", "Feminist Anti-War Resistance", "movement", "RU", "rsd-interview-2023",
         "Feminist network opposing the war, helping people resist it or leave Russia.",
         "FAR", "Феминистское антивоенное сопротивление", "ФАС"),
    _org("council-of-mothers-and-wives", "Council of Mothers and Wives", "movement", "RU", "rsd-interview-2023",
         "Women campaigning to bring their mobilised sons and husbands home.", "Совет матерей и жён"),
    _org("courier-union", "Courier", "union", "RU", "rsd-interview-2023",
         "Trade union of delivery couriers.", "Courier union", "Курьер"),
    _org("action-union", "Action", "union", "RU", "rsd-interview-2023",
         "Independent trade union of medical workers.", "Action union of medical workers", "Действие"),
    _org("university-solidarity", "University Solidarity", "union", "RU", "rsd-interview-2023",
         "Trade union of university teachers and staff.", "Университетская солидарность"),
    _org("nomination-platform", "Nomination", "coalition", "RU", "call-2023",
         "Platform that backed anti-war candidates in the Moscow municipal elections of September 2022.",
         "Vydvizhenie", "Выдвижение"),
    _org("left-resistance", "Left Resistance", "movement", "RU", "call-2023",
         "Russian left-wing activist group.", "Левое сопротивление"),
]  # fmt: skip

CASES: list[dict[str, Any]] = [
    {
        "slug": "bolotnoe-case",
        "name": "Bolotnoe case",
        "aliases": ["Bolotnaya case", "Bolotnaya Square case", "6 May case", "Болотное дело"],
        "country": "RU",
        "jurisdiction": "Moscow",
        "started_on": "2012-05-06",
        "description": "Criminal prosecutions that followed the march to Bolotnaya Square in Moscow on 6 May 2012, "
        "the day before Putin's third inauguration, where police broke up the crowd and detained hundreds. "
        "At the end of 2013 fifteen people were jailed in the case and three held under house arrest.",
        "source": "call-2014",
        "charges": [],
    },
    {
        "slug": "network-case",
        "name": "Network Case",
        "aliases": ["Set case", "Network affair", "Дело «Сети»", "Дело Сети"],
        "country": "RU",
        "jurisdiction": "",
        "started_on": None,
        "description": "Case brought by the FSB security service against young anarchists and anti-fascists. "
        "On 14 March police broke up pickets against it outside the FSB headquarters in Moscow and detained "
        "more than 50 people, reporters among them.",
        "source": "imt-digest",
        "charges": [],
    },
    {
        "slug": "tyumen-case",
        "name": "Tyumen case",
        "aliases": ["Tyumen anarchists case", "Тюменское дело"],
        "country": "RU",
        "jurisdiction": "",
        "started_on": None,
        "description": "Six anarchists are accused of preparing sabotage in this case, named after the Siberian "
        "city of Tyumen. They say they were tortured to make them confess.",
        "source": "call-2023",
        # brought against all six defendants, so recorded once on the case
        "charges": [{"wording": "preparation of sabotage", "source": "call-2023", "hint": "sabotage"}],
    },
]


def _tyumen(slug: str, name: str, native: str, *aliases: str) -> dict[str, Any]:
    """One of the six defendants of the Tyumen case: the call names them together and says the same of each."""
    return {
        "slug": slug,
        "name": name,
        "native_name": native,
        "aliases": list(aliases),
        "bio": "Anarchist and one of six defendants in the Tyumen case, accused of preparing sabotage. "
        "The defendants say they were tortured to extract confessions.",
        "events": [{"kind": "custody", "source": "call-2023", "detail": "arrested and held awaiting trial"}],
        "cases": [{"case": "tyumen-case", "role": "defendant", "source": "call-2023"}],
    }


PEOPLE: list[dict[str, Any]] = [
    {
        "slug": "alexei-navalny",
        "name": "Alexei Navalny",
        "native_name": "Алексей Навальный",
        "aliases": ["Alexey Navalny", "Aleksei Navalny", "Aleksey Navalnyy", "Alexej Nawalny"],
        "bio": "Opposition politician and anti-corruption campaigner. His arrest at the start of 2021 set off "
        "protests across Russia.",
        # The digest dates the protests to 23 January and itself to the first month of 2021, and calls them a
        # response to the arrest: January 2021 is as close as it goes.
        "events": [{"kind": "detained", "on": "2021-01", "source": "imt-digest", "hint": "23 January"}],
    },
    {
        "slug": "rinat-akhmetchin",
        "name": "Rinat Akhmetchin",
        "native_name": "Ринат Ахметчин",
        "aliases": ["Rinat Ahmetchin", "Rinat Achmetchin"],
        "bio": "Mayor of Norilsk, an industrial city in the Arctic. He was prosecuted after more than 20,000 "
        "tonnes of diesel leaked from a power plant into the land and rivers around the city.",
        # the digest gives a day and month for the spill but no year, and has no date of its own
        "events": [{"kind": "charged", "source": "imt-digest", "detail": "over the Norilsk diesel spill"}],
        "charges": [{"wording": "negligence", "source": "imt-digest"}],
    },
    {
        "slug": "mikhail-lobanov",
        "name": "Mikhail Lobanov",
        "native_name": "Михаил Лобанов",
        "aliases": ["Mihail Lobanov", "Michail Lobanow", "Mikhail Lobanow"],
        "bio": "Democratic socialist and a leader of the University Solidarity union. He stood for the State "
        "Duma in Moscow in 2021 and founded Nomination, which united anti-war candidates in the 2022 "
        "municipal elections.",
        # The 2023 call places the arrest and beating before the New Year; the interview of 20 January 2023
        # says he had just spent 15 days in jail, charged with resisting the police who searched his flat: so
        # the search, the arrest and the beating fall in December 2022. The sentence and the release are dated
        # by the interview only.
        "events": [
            {
                "kind": "sentenced",
                "on": "2022",
                "source": "rsd-interview-2023",
                "detail": "twice, over social media posts against the war",
                "hint": "sentenced twice",
            },
            {
                "kind": "searched",
                "on": "2022-12",
                "source": "rsd-interview-2023",
                "detail": "his flat",
                "hint": "resisting police",
            },
            {"kind": "detained", "on": "2022-12", "source": "call-2023"},
            {
                "kind": "attacked",
                "on": "2022-12",
                "source": "call-2023",
                "detail": "beaten during the arrest",
                "certainty": "alleged",
            },
            {"kind": "sentenced", "source": "rsd-interview-2023", "detail": "15 days in jail", "hint": "15 days"},
            {"kind": "released", "source": "rsd-interview-2023", "detail": "after 15 days", "hint": "15 days"},
        ],
        "charges": [{"wording": "resisting police", "source": "rsd-interview-2023", "hint": "resisting police"}],
        "affiliations": [
            {
                "organisation": "university-solidarity",
                "role": "leader",
                "source": "rsd-interview-2023",
                "hint": "University Solidarity",
            },
            {"organisation": "nomination-platform", "role": "founder", "source": "call-2023", "hint": "Nomination"},
        ],
    },
    {
        "slug": "kirill-ukraintsev",
        "name": "Kirill Ukraintsev",
        "native_name": "Кирилл Украинцев",
        "aliases": ["Kirill Ukraincev", "Kirill Ukraintzev", "Kirill Ukrainzew"],
        "bio": "Leader of the Courier union of delivery workers and a left-wing video blogger. He was arrested "
        "over the protests and strikes couriers held for better working conditions.",
        # "since April" in an interview of January 2023: April 2022
        "events": [
            {"kind": "detained", "on": "2022-04", "source": "call-2023"},
            {"kind": "custody", "on": "2022-04", "source": "rsd-interview-2023", "detail": "held since April 2022"},
        ],
        "affiliations": [{"organisation": "courier-union", "role": "leader", "source": "call-2023"}],
    },
    {
        "slug": "anton-orlov",
        "name": "Anton Orlov",
        "native_name": "Антон Орлов",
        "aliases": ["Anton Orlow"],
        "bio": "Coordinator of Action, the independent medical workers' union, in Bashkortostan. He is held on "
        "a fraud charge his comrades call fabricated.",
        "events": [{"kind": "custody", "source": "rsd-interview-2023"}],
        "charges": [{"wording": "fraud", "source": "rsd-interview-2023"}],
        "affiliations": [
            {"organisation": "action-union", "role": "coordinator in Bashkortostan", "source": "rsd-interview-2023"}
        ],
    },
    {
        "slug": "vladimir-baranov",
        "name": "Vladimir Baranov",
        "native_name": "Владимир Баранов",
        "aliases": ["Vladimir Baranow", "Wladimir Baranow"],
        "bio": "Head of the St Petersburg branch of Action, the medical workers' union. The authorities have "
        "searched and questioned him.",
        "events": [
            {"kind": "searched", "source": "rsd-interview-2023"},
            {"kind": "interrogated", "source": "rsd-interview-2023"},
        ],
        "affiliations": [
            {"organisation": "action-union", "role": "head in St Petersburg", "source": "rsd-interview-2023"}
        ],
    },
    {
        "slug": "alexandra-skochilenko",
        "name": "Alexandra Skochilenko",
        "native_name": "Александра Скочиленко",
        "aliases": ["Aleksandra Skochilenko", "Sasha Skochilenko", "Alexandra Skotchilenko"],
        "bio": "Artist, feminist and anti-war activist, prosecuted for spreading anti-war symbols.",
        "events": [{"kind": "charged", "source": "call-2023", "detail": "facing years in prison"}],
    },
    _tyumen("kirill-brik", "Kirill Brik", "Кирилл Брик"),
    _tyumen("deniz-aydin", "Deniz Aydin", "Дениз Айдын", "Deniz Aydın", "Deniz Aidyn"),
    _tyumen("yuri-neznamov", "Yuri Neznamov", "Юрий Незнамов", "Yury Neznamov", "Yuriy Neznamov", "Iurii Neznamov"),
    _tyumen("nikita-oleinik", "Nikita Oleinik", "Никита Олейник", "Nikita Oleynik", "Nikita Olejnik"),
    _tyumen("roman-paklin", "Roman Paklin", "Роман Паклин"),
    _tyumen("daniil-chertykov", "Daniil Chertykov", "Даниил Чертыков", "Danil Chertykov", "Daniil Tschertykow"),
    {
        "slug": "daria-polyudova",
        "name": "Daria Polyudova",
        "native_name": "Дарья Полюдова",
        "aliases": ["Darya Polyudova", "Daria Poliudova", "Dariya Polyudova", "Darja Poljudowa"],
        "bio": "Member of the Left Resistance group. A court gave her nine years in prison on a charge of "
        '"calls to extremism".',
        "events": [{"kind": "sentenced", "source": "call-2023", "detail": "9 years in prison"}],
        "charges": [{"wording": "calls to extremism", "source": "call-2023"}],
        "affiliations": [{"organisation": "left-resistance", "role": "activist", "source": "call-2023"}],
    },
    {
        "slug": "igor-kuznetsov",
        "name": "Igor Kuznetsov",
        "native_name": "Игорь Кузнецов",
        "aliases": ["Igor Kuznetzov", "Igor Kuznecov", "Igor Kusnezow"],
        "bio": "Left-wing journalist, jailed on an extremism charge for opposing the war and Putin.",
        # "a year now" in a call of January 2023 counts back to about January 2022, no more precisely
        "events": [{"kind": "custody", "on": "2022-01", "precision": "approximate", "source": "call-2023"}],
        "charges": [{"wording": "extremism", "source": "call-2023"}],
    },
    {
        "slug": "stanislav-markelov",
        "name": "Stanislav Markelov",
        "native_name": "Станислав Маркелов",
        "aliases": ["Stanislaw Markelow"],
        "bio": "Human-rights lawyer and left-wing activist, shot dead by neo-Nazis in central Moscow on "
        "19 January 2009. Russian anti-fascists mark the date every year.",
        "accepts_messages": False,
        "events": [{"kind": "killed", "on": "2009-01-19", "source": "call-2023", "detail": "shot in central Moscow"}],
    },
    {
        "slug": "anastasia-baburova",
        "name": "Anastasia Baburova",
        "native_name": "Анастасия Бабурова",
        "aliases": ["Anastasiya Baburova", "Nastya Baburova"],
        "bio": "Journalist and anarchist, killed alongside Stanislav Markelov by neo-Nazis in Moscow on "
        "19 January 2009.",
        "accepts_messages": False,
        "events": [{"kind": "killed", "on": "2009-01-19", "source": "call-2023", "detail": "shot in central Moscow"}],
    },
]

# Which people and cases each demo call is for (in alphabetical order). The 2023 call remembers Markelov and
# Baburova and asks for the release of the people it names; the people of the interview (Orlov, Baranov) are
# not part of the call.
CAMPAIGN_SUBJECTS: dict[str, dict[str, list[str]]] = {
    "days-of-solidarity-2014": {"people": [], "cases": ["bolotnoe-case"]},
    "remember-to-fight-2023": {
        "people": [
            "alexandra-skochilenko",
            "anastasia-baburova",
            "daniil-chertykov",
            "daria-polyudova",
            "deniz-aydin",
            "igor-kuznetsov",
            "kirill-brik",
            "kirill-ukraintsev",
            "mikhail-lobanov",
            "nikita-oleinik",
            "roman-paklin",
            "stanislav-markelov",
            "yuri-neznamov",
        ],
        "cases": ["tyumen-case"],
    },
}
