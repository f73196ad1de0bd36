"""The demo campaigns: facts from two published calls, told in our own words, plus labelled sample reports.

The calls (dates, organisers, slogans, demands, suggested actions, languages) are real; every sample report is
invented, marked ``is_sample`` and shown with a "sample report" label so nobody mistakes it for a real action.
"""

from __future__ import annotations

ORGANISATIONS = [
    {"slug": "russia-solidarity", "name": "Russia Solidarity", "kind": "coalition", "country": "", "aliases": []},
    {
        "slug": "russian-socialist-movement",
        "name": "Russian Socialist Movement",
        "kind": "movement",
        "country": "RU",
        "aliases": ["RSD", "Российское социалистическое движение", "РСД"],
    },
]

CAMPAIGNS = [
    {
        "slug": "days-of-solidarity-2014",
        "organiser": "russia-solidarity",
        "title": "Days of international solidarity with Russia's political prisoners",
        "summary": "Nine days of pickets and public pressure for the people jailed over the Bolotnaya Square "
        "protest of 6 May 2012.",
        "starts_on": "2014-01-18",
        "ends_on": "2014-01-26",
        "timezone": "Europe/Moscow",
        "language": "en",
        "final_status": "closed",
        "body": (
            "Since the spring of 2012 the Russian authorities have prosecuted people who joined the march on "
            "Bolotnaya Square in Moscow on the eve of the presidential inauguration. By the end of 2013 fifteen "
            "of them were behind bars and three more under house arrest, while others had to leave the country.\n\n"
            "19 January is the day Moscow marches against racism and the far right, and the day two anti-fascists "
            "were killed in 2009. Around that date we ask friends abroad to stand with the prisoners:\n\n"
            "* hold a picket at a Russian embassy or consulate;\n"
            "* go to your own parliament or government and ask for a resolution that condemns political "
            "repression in Russia;\n"
            "* send us a short report and photos so that the prisoners and their families hear of it."
        ),
        "slogans": ["Free the Bolotnaya prisoners!", "Stop political repression in Russia!"],
        "demands": [
            "Release everyone imprisoned or under house arrest in the Bolotnaya case.",
            "Parliaments and governments abroad should pass resolutions condemning political repression in Russia.",
        ],
        "action_types": ["picket", "rally", "letters", "meeting"],
        "call_languages": ["en"],
        "report_email": "russiasolidarity2014@gmail.com",
        "translations": {
            "ru": {
                "title": "Дни международной солидарности с политзаключёнными России",
                "summary": "Девять дней пикетов и общественного давления в поддержку арестованных по делу о "
                "шествии на Болотной площади 6 мая 2012 года.",
                "body": (
                    "С весны 2012 года российские власти преследуют участников шествия на Болотной площади в "
                    "Москве накануне инаугурации президента. К концу 2013 года пятнадцать человек оказались за "
                    "решёткой, ещё трое — под домашним арестом; другим пришлось уехать из страны.\n\n"
                    "19 января в Москве проходит марш против расизма и ультраправых — в этот день в 2009 году "
                    "были убиты два антифашиста. В эти дни мы просим друзей за рубежом поддержать заключённых:\n\n"
                    "* выйти на пикет к посольству или консульству России;\n"
                    "* обратиться к своему парламенту или правительству с просьбой осудить политические "
                    "репрессии в России;\n"
                    "* прислать нам короткий отчёт и фотографии, чтобы о вашей акции узнали заключённые и их семьи."
                ),
                "slogans": ["Свободу узникам Болотной!", "Остановить политические репрессии в России!"],
                "demands": [
                    "Освободить всех, кто находится в заключении или под домашним арестом по «болотному делу».",
                    "Парламенты и правительства других стран должны принять резолюции, осуждающие политические "
                    "репрессии в России.",
                ],
            }
        },
    },
    {
        "slug": "remember-to-fight-2023",
        "organiser": "russian-socialist-movement",
        "title": "To remember is to fight! Solidarity with anti-war activists in Russia",
        "summary": "A week of actions around 19 January for Russian leftists and anti-fascists jailed or "
        "hunted for opposing the war against Ukraine.",
        "starts_on": "2023-01-19",
        "ends_on": "2023-01-24",
        "timezone": "Europe/Moscow",
        "language": "en",
        "final_status": "published",
        "body": (
            "On 19 January 2009 the lawyer Stanislav Markelov and the journalist Anastasia Baburova were shot "
            "dead by neo-Nazis in the centre of Moscow. Russian anti-fascists have marked the date ever since.\n\n"
            "Today the state itself persecutes those who resist its invasion of Ukraine, the left among them: "
            "the socialist Mikhail Lobanov was detained and beaten; the courier union leader Kirill Ukraintsev "
            "has been held since April 2022; the artist Alexandra Skochilenko faces years in prison for spreading "
            "anti-war symbols; six anarchists in the Tyumen case say they were tortured; Daria Polyudova of Left "
            "Resistance was sentenced to nine years; the journalist Igor Kuznetsov has spent a year in custody.\n\n"
            "Members of the movement who had to leave Russia ask everyone abroad to act during 19–24 January: "
            "a picket, an open meeting, an online discussion, or simply a photo of yourself with a poster — and "
            "to tell us about it."
        ),
        "slogans": [
            "No to Putin's war, fascism and dictatorship!",
            "Freedom to all Russian political prisoners!",
            "Solidarity with Russian antifascists!",
            "To remember is to fight!",
        ],
        "demands": [
            "Freedom for all Russian political prisoners, among them Kirill Ukraintsev, Alexandra Skochilenko, "
            "the six defendants of the Tyumen case, Daria Polyudova and Igor Kuznetsov.",
            "An end to the war against Ukraine.",
        ],
        "action_types": ["picket", "meeting", "online", "photo"],
        "call_languages": ["en", "fr", "es", "nl", "tr"],
        "report_email": "",
        "translations": {
            "ru": {
                "title": "Помнить — значит бороться! Солидарность с антивоенными активистами в России",
                "summary": "Неделя акций вокруг 19 января в поддержку российских левых и антифашистов, которых "
                "сажают и преследуют за несогласие с войной против Украины.",
                "body": (
                    "19 января 2009 года неонацисты застрелили в центре Москвы адвоката Станислава Маркелова и "
                    "журналистку Анастасию Бабурову. С тех пор российские антифашисты отмечают эту дату.\n\n"
                    "Сегодня само государство преследует тех, кто сопротивляется вторжению в Украину, и среди них "
                    "левых: социалиста Михаила Лобанова задержали и избили; лидер профсоюза курьеров Кирилл "
                    "Украинцев под стражей с апреля 2022 года; художнице Александре Скочиленко грозит срок за "
                    "распространение антивоенной символики; шестеро анархистов по «тюменскому делу» говорят "
                    "о пытках; Дарью "
                    "Полюдову из «Левого сопротивления» приговорили к девяти годам; журналист Игорь Кузнецов "
                    "провёл под арестом год.\n\n"
                    "Участники движения, которым пришлось уехать из России, просят всех за рубежом выйти на акцию "
                    "19–24 января: пикет, открытое собрание, онлайн-дискуссию или просто фото с плакатом — и "
                    "рассказать нам о ней."
                ),
                "slogans": [
                    "Нет войне Путина, фашизму и диктатуре!",
                    "Свободу всем российским политзаключённым!",
                    "Солидарность с российскими антифашистами!",
                    "Помнить — значит бороться!",
                ],
                "demands": [
                    "Свободу всем российским политзаключённым, в том числе Кириллу Украинцеву, Александре "
                    "Скочиленко, шестерым фигурантам «тюменского дела», Дарье Полюдовой и Игорю Кузнецову.",
                    "Остановить войну против Украины.",
                ],
            }
        },
    },
]

# (campaign slug, day offset from start, city, action, participants, text, status). Invented, labelled samples.
SAMPLE_REPORTS = [
    (
        "days-of-solidarity-2014",
        1,
        "Berlin",
        "picket",
        40,
        "Sample: picket at the Russian embassy with the prisoners' portraits.",
        "published",
    ),
    (
        "days-of-solidarity-2014",
        1,
        "Paris",
        "picket",
        25,
        "Sample: banners and leaflets at the consulate.",
        "published",
    ),
    (
        "days-of-solidarity-2014",
        1,
        "London",
        "rally",
        60,
        "Sample: rally with speeches by trade unionists.",
        "published",
    ),
    (
        "days-of-solidarity-2014",
        2,
        "Stockholm",
        "meeting",
        30,
        "Sample: open meeting with members of parliament.",
        "published",
    ),
    ("days-of-solidarity-2014", 1, "Helsinki", "picket", 15, "Sample: picket outside the embassy.", "published"),
    ("days-of-solidarity-2014", 3, "Prague", "picket", 12, "Sample: a small picket in the snow.", "published"),
    (
        "days-of-solidarity-2014",
        1,
        "Warsaw",
        "picket",
        20,
        "Sample: picket with a banner naming each prisoner.",
        "published",
    ),
    (
        "days-of-solidarity-2014",
        4,
        "Vienna",
        "leaflets",
        8,
        "Sample: leaflets handed out in the city centre.",
        "published",
    ),
    ("days-of-solidarity-2014", 2, "Madrid", "picket", 18, "Sample: picket at the consulate.", "published"),
    (
        "days-of-solidarity-2014",
        5,
        "Rome",
        "meeting",
        35,
        "Sample: public discussion on repression in Russia.",
        "published",
    ),
    ("days-of-solidarity-2014", 1, "New York", "picket", 22, "Sample: picket at the consulate general.", "published"),
    (
        "days-of-solidarity-2014",
        6,
        "Montreal",
        "letters",
        10,
        "Sample: evening of writing letters to the prisoners.",
        "published",
    ),
    ("days-of-solidarity-2014", 1, "Munich", "picket", 14, "Sample: picket at the consulate.", "published"),
    ("days-of-solidarity-2014", 2, "Hamburg", "rally", 45, "Sample: rally at the town hall square.", "published"),
    (
        "days-of-solidarity-2014",
        3,
        "Amsterdam",
        "picket",
        16,
        "Sample: picket with photos of the defendants.",
        "published",
    ),
    ("days-of-solidarity-2014", 7, "Brussels", "meeting", 25, "Sample: meeting with MEPs' staff.", "published"),
    ("days-of-solidarity-2014", 1, "Tel Aviv", "picket", 9, "Sample: picket at the embassy.", "published"),
    ("days-of-solidarity-2014", 8, "Copenhagen", "banner", 6, "Sample: banner drop over a bridge.", "published"),
    (
        "remember-to-fight-2023",
        0,
        "Berlin",
        "picket",
        50,
        "Sample: picket with the slogan of the day and portraits of the prisoners.",
        "published",
    ),
    (
        "remember-to-fight-2023",
        0,
        "Paris",
        "meeting",
        40,
        "Sample: open meeting on the anti-war left in Russia.",
        "published",
    ),
    (
        "remember-to-fight-2023",
        0,
        "Vilnius",
        "rally",
        70,
        "Sample: rally in memory of Markelov and Baburova.",
        "published",
    ),
    ("remember-to-fight-2023", 0, "Tbilisi", "vigil", 30, "Sample: vigil with candles and flowers.", "published"),
    (
        "remember-to-fight-2023",
        1,
        "Yerevan",
        "photo",
        5,
        "Sample: photos with posters in the city centre.",
        "published",
    ),
    ("remember-to-fight-2023", 0, "Istanbul", "meeting", 20, "Sample: discussion organised by exiles.", "published"),
    ("remember-to-fight-2023", 2, "Lisbon", "picket", 15, "Sample: picket at the embassy.", "published"),
    ("remember-to-fight-2023", 0, "Barcelona", "picket", 25, "Sample: picket on the Rambla.", "published"),
    (
        "remember-to-fight-2023",
        1,
        "Amsterdam",
        "online",
        80,
        "Sample: online discussion streamed from a social centre.",
        "published",
    ),
    ("remember-to-fight-2023", 0, "Helsinki", "picket", 12, "Sample: picket outside the embassy.", "published"),
    ("remember-to-fight-2023", 0, "Prague", "vigil", 35, "Sample: vigil at the memorial.", "published"),
    ("remember-to-fight-2023", 3, "Warsaw", "meeting", 30, "Sample: open meeting with a union speaker.", "published"),
    ("remember-to-fight-2023", 0, "London", "picket", 40, "Sample: picket with union banners.", "published"),
    (
        "remember-to-fight-2023",
        2,
        "New York",
        "online",
        60,
        "Sample: online panel with activists in exile.",
        "published",
    ),
    ("remember-to-fight-2023", 0, "Buenos Aires", "photo", 4, "Sample: photo with a poster in Spanish.", "published"),
    ("remember-to-fight-2023", 0, "Riga", "picket", 10, "Sample: picket at the embassy.", "published"),
    ("remember-to-fight-2023", 1, "Tallinn", "photo", 3, "Sample: photos with posters.", "published"),
    ("remember-to-fight-2023", 0, "Belgrade", "meeting", 25, "Sample: evening of talks and music.", "published"),
    (
        "remember-to-fight-2023",
        4,
        "Hamburg",
        "concert",
        120,
        "Sample: benefit concert for the prisoners' legal costs.",
        "published",
    ),
    ("remember-to-fight-2023", 0, "Munich", "picket", 18, "Sample: picket at the consulate.", "published"),
    ("remember-to-fight-2023", 5, "Oslo", "photo", 6, "Sample: photos with posters (awaiting review).", "received"),
    ("remember-to-fight-2023", 5, "Zurich", "picket", 10, "Sample: picket (awaiting review).", "received"),
    (
        "remember-to-fight-2023",
        4,
        "Dublin",
        "meeting",
        15,
        "Sample: meeting in a pub back room (awaiting review).",
        "received",
    ),
]
