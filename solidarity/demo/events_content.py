"""The demo calendar: the events the five seed articles name, told in our own words.

Dates, places, organisers and the people and cases involved come from the articles; every sentence here is ours.
The articles give dates without hours, so these are all-day events in the zone where they happened. Two are kept
every year: the International Day of Struggle Against Imperialism (9 December, proclaimed in 2019) and the
19 January commemoration of Stanislav Markelov and Anastasia Baburova (a day of action since 2010).

Keys: ``organisers``, ``people`` and ``cases`` are registry slugs, ``source`` a key of
``registry_content.SOURCES``, ``campaign`` a demo call's slug, ``city`` a name the gazetteer knows (``country``
alone for an action across a country), ``last_day`` the last day of a longer event.
"""

from __future__ import annotations

from typing import Any

EVENTS: list[dict[str, Any]] = [
    {
        "slug": "anti-imperialist-marathon-2019",
        "title": "Anti-Imperialist Marathon",
        "kind": "broadcast",
        "day": "2019-12-08",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "organisers": [
            "united-communist-party",
            "workers-university",
            "cuba-solidarity-movement",
            "moscow-rock-commune",
            "station-marx-channel",
        ],
        "source": "marathon-2020",
        "description": (
            "A live stream from Moscow lasting more than four hours, shown on YouTube and other platforms and "
            "followed by thousands of viewers at home and abroad. It was the Moscow groups' part in the first "
            "International Day of Struggle Against Imperialism.\n\n"
            "Most of the programme was about Latin America: the coup in Bolivia, the austerity protests in Chile "
            "and the pressure on Venezuela and Cuba. Venezuela's ambassador took part as a guest."
        ),
        "translations": {
            "ru": {
                "title": "Антиимпериалистический марафон",
                "description": (
                    "Прямая трансляция из Москвы длиной больше четырёх часов на YouTube и в других сетях; её "
                    "смотрели тысячи зрителей в России и за рубежом. Так московские группы отметили первый "
                    "Международный день борьбы с империализмом.\n\n"
                    "Главной темой была Латинская Америка: переворот в Боливии, протесты против жёсткой экономии "
                    "в Чили, давление на Венесуэлу и Кубу. Гостем эфира был посол Венесуэлы."
                ),
            }
        },
    },
    {
        "slug": "international-day-against-imperialism",
        "title": "International Day of Struggle Against Imperialism",
        "kind": "international_day",
        "day": "2019-12-09",
        "timezone": "UTC",
        "yearly": True,
        "source": "marathon-2020",
        "description": (
            "Proclaimed in Caracas in 2019 by unions, left parties and movements from many countries, and kept "
            "on 9 December each year with actions wherever its supporters are."
        ),
        "translations": {
            "ru": {
                "title": "Международный день борьбы с империализмом",
                "description": (
                    "Провозглашён в Каракасе в 2019 году профсоюзами, левыми партиями и движениями многих стран; "
                    "отмечается каждый год 9 декабря акциями повсюду, где есть его сторонники."
                ),
            }
        },
    },
    {
        "slug": "health-care-cuts-rally-moscow-2019",
        "title": "Rally against cuts in health care",
        "kind": "rally",
        "day": "2019-12-08",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "source": "marathon-2020",
        "description": (
            'Medical workers\' unions rallied against the "optimisation" of public health care, which closes '
            "hospitals and cuts staff. Members of the United Communist Party joined them while the marathon was "
            "on air."
        ),
    },
    {
        "slug": "protest-against-domestic-violence-moscow-2019",
        "title": "Protest against domestic violence",
        "kind": "rally",
        "day": "2019-12-13",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "source": "marathon-2020",
        "description": "A street protest in Moscow demanding protection for victims of violence at home.",
    },
    {
        "slug": "bolotnaya-march-2012",
        "title": "March on Bolotnaya Square",
        "kind": "march",
        "day": "2012-05-06",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "address": "Bolotnaya Square",
        "cases": ["bolotnoe-case"],
        "source": "call-2014",
        "description": (
            "Tens of thousands marched through central Moscow the day before the presidential inauguration. "
            "Police broke the march up, detained hundreds and beat dozens; the prosecutions that followed are "
            "known as the Bolotnaya case."
        ),
    },
    {
        "slug": "moscow-march-against-racism-2014",
        "title": "Moscow demonstration against racism and xenophobia",
        "kind": "march",
        "day": "2014-01-19",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "campaign": "days-of-solidarity-2014",
        "source": "call-2014",
        "description": (
            "Moscow's yearly anti-fascist demonstration on 19 January, in 2014 directed against the racism and "
            "xenophobia stirred up by the authorities. The days of international solidarity were timed around it."
        ),
    },
    {
        "slug": "markelov-baburova-commemoration",
        "title": "Commemoration of Stanislav Markelov and Anastasia Baburova",
        "kind": "commemoration",
        "day": "2010-01-19",
        "timezone": "Europe/Moscow",
        "yearly": True,
        "people": ["stanislav-markelov", "anastasia-baburova"],
        "campaign": "remember-to-fight-2023",
        "source": "call-2023",
        "description": (
            "On 19 January 2009 neo-Nazis shot dead the lawyer Stanislav Markelov and the journalist Anastasia "
            "Baburova in the centre of Moscow. Since 2010 anti-fascists have made the date a day of action: "
            "marches and rallies in Moscow while that was possible, and pickets, meetings and vigils abroad. "
            'Their watchword: "To remember is to fight!"'
        ),
        "translations": {
            "ru": {
                "title": "День памяти Станислава Маркелова и Анастасии Бабуровой",
                "description": (
                    "19 января 2009 года неонацисты застрелили в центре Москвы адвоката Станислава Маркелова и "
                    "журналистку Анастасию Бабурову. С 2010 года антифашисты отмечают эту дату как день "
                    "действий: шествиями и митингами в Москве, пока это было возможно, пикетами, встречами и "
                    "акциями памяти за рубежом — под лозунгом «Помнить — значит бороться!»"
                ),
            }
        },
    },
    {
        # The article does not give the year; its other dated pieces (the Norilsk spill from 29 May, the state of
        # emergency of 4 June) are of 2020, the year of the couriers' strike.
        "slug": "delivery-club-couriers-strike-2020",
        "title": "Couriers' strike at Delivery Club",
        "kind": "strike",
        "day": "2020-07-09",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "source": "imt-digest",
        "description": (
            "Moscow couriers, most of them working for the Delivery Club franchise, stopped work over their pay "
            "and conditions. Members of the International Marxist Tendency backed the strike."
        ),
    },
    {
        # No year in the article either; the pickets opposed the constitutional amendments of spring 2020.
        "slug": "network-case-pickets-2020",
        "title": "Pickets at the FSB building against the Network case",
        "kind": "picket",
        "day": "2020-03-14",
        "timezone": "Europe/Moscow",
        "city": "Moscow",
        "address": "outside the FSB building",
        "cases": ["network-case"],
        "source": "imt-digest",
        "description": (
            "Peaceful pickets against the Network case and the amendments to the constitution. Special "
            "police units detained over fifty people, reporters covering the pickets among them."
        ),
    },
    {
        "slug": "protests-after-navalny-arrest-2021",
        "title": "Protests after the arrest of Alexei Navalny",
        "kind": "rally",
        "day": "2021-01-23",
        "timezone": "Europe/Moscow",
        "country": "RU",
        "people": ["alexei-navalny"],
        "source": "imt-digest",
        "description": (
            "Large demonstrations across Russia against Navalny's arrest and political repression. Left-wing "
            "activists took part with their own banners and demands."
        ),
    },
]
