"""How the languages we read write months, weekdays and "yesterday".

Only word lists live here; :mod:`solidarity.intake.dates` does the reading. Forms include the inflected ones
people actually write after a day number ("19 января", "18 marca", "18. března", "18. maaliskuuta").
"""

from __future__ import annotations

# month number → every spelling (casefolded) in every language we read, abbreviations included
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "января", "январь", "янв", "січня", "січень", "januar", "jänner", "janvier", "janv",
        "enero", "ene", "gennaio", "gen", "janeiro", "stycznia", "styczeń", "sty", "ledna", "leden",
        "tammikuuta", "tammikuu", "januari", "ocak", "ינואר", "בינואר"),
    2: ("february", "feb", "февраля", "февраль", "фев", "лютого", "лютий", "februar", "feber", "février", "févr",
        "febrero", "febbraio", "fevereiro", "fev", "lutego", "luty", "lut", "února", "únor", "helmikuuta",
        "helmikuu", "februari", "şubat", "subat", "פברואר", "בפברואר"),
    3: ("march", "mar", "марта", "март", "березня", "березень", "märz", "maerz", "mars", "marzo", "março",
        "marco", "marca", "marzec", "března", "březen", "maaliskuuta", "maaliskuu", "maart", "mart", "מרץ",
        "במרץ", "מרס", "במרס"),
    4: ("april", "apr", "апреля", "апрель", "апр", "квітня", "квітень", "avril", "abril", "abr", "aprile",
        "kwietnia", "kwiecień", "dubna", "duben", "huhtikuuta", "huhtikuu", "nisan", "אפריל", "באפריל"),
    5: ("may", "мая", "май", "травня", "травень", "mai", "mayo", "maggio", "mag", "maio", "maja", "maj", "května",
        "květen", "toukokuuta", "toukokuu", "mei", "mayıs", "mayis", "מאי", "במאי"),
    6: ("june", "jun", "июня", "июнь", "июн", "червня", "червень", "juni", "juin", "junio", "giugno", "giu",
        "junho", "czerwca", "czerwiec", "června", "červen", "kesäkuuta", "kesäkuu", "haziran", "יוני", "ביוני"),
    7: ("july", "jul", "июля", "июль", "июл", "липня", "липень", "juli", "juillet", "julio", "luglio", "lug",
        "julho", "lipca", "lipiec", "července", "červenec", "heinäkuuta", "heinäkuu", "temmuz", "יולי", "ביולי"),
    8: ("august", "aug", "августа", "август", "авг", "серпня", "серпень", "août", "aout", "agosto", "ago",
        "sierpnia", "sierpień", "srpna", "srpen", "elokuuta", "elokuu", "augusti", "augustus", "ağustos",
        "agustos", "אוגוסט", "באוגוסט"),
    9: ("september", "sep", "sept", "сентября", "сентябрь", "сен", "вересня", "вересень", "septembre",
        "septiembre", "setiembre", "settembre", "set", "setembro", "września", "wrzesień", "září", "syyskuuta",
        "syyskuu", "eylül", "eylul", "ספטמבר", "בספטמבר"),
    10: ("october", "oct", "октября", "октябрь", "окт", "жовтня", "жовтень", "oktober", "okt", "octobre",
         "octubre", "ottobre", "ott", "outubro", "out", "października", "październik", "paź", "října", "říjen",
         "lokakuuta", "lokakuu", "ekim", "אוקטובר", "באוקטובר"),
    11: ("november", "nov", "ноября", "ноябрь", "ноя", "листопада", "листопад", "novembre", "noviembre",
         "novembro", "listopada", "listopad", "lis", "marraskuuta", "marraskuu", "kasım", "kasim", "נובמבר",
         "בנובמבר"),
    12: ("december", "dec", "декабря", "декабрь", "дек", "грудня", "грудень", "dezember", "dez", "décembre",
         "diciembre", "dic", "dicembre", "dezembro", "grudnia", "grudzień", "gru", "prosince", "prosinec",
         "joulukuuta", "joulukuu", "aralık", "aralik", "דצמבר", "בדצמבר"),
}  # fmt: skip

# Short forms that are ordinary words too ("may", "mar", "set", "out", "gen"): only read right after a day number.
AMBIGUOUS_MONTHS = {"may", "mar", "mag", "set", "out", "gen", "lis", "lut", "sty", "gru", "dic", "ago", "abr", "ene"}

# language → (today, yesterday, the day before yesterday) forms, casefolded; "last night" counts as yesterday
RELATIVE: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (("today", "this morning", "this afternoon", "this evening", "tonight"),
           ("yesterday", "last night"), ("the day before yesterday",)),
    "ru": (("сегодня",), ("вчера", "вчерашн"), ("позавчера",)),
    "uk": (("сьогодні",), ("вчора", "учора"), ("позавчора",)),
    "de": (("heute",), ("gestern",), ("vorgestern",)),
    "fr": (("aujourd'hui", "aujourd’hui", "ce matin", "ce soir"), ("hier",), ("avant-hier",)),
    "es": (("hoy", "esta mañana", "esta tarde"), ("ayer", "anoche"), ("anteayer", "antier")),
    "it": (("oggi", "stamattina", "stasera"), ("ieri",), ("l'altro ieri", "altroieri", "l’altro ieri")),
    "pt": (("hoje",), ("ontem",), ("anteontem",)),
    "pl": (("dzisiaj", "dziś"), ("wczoraj",), ("przedwczoraj",)),
    "cs": (("dnes", "dneska"), ("včera",), ("předevčírem",)),
    "fi": (("tänään",), ("eilen",), ("toissapäivänä",)),
    "sv": (("idag", "i dag", "i kväll"), ("igår", "i går"), ("i förrgår",)),
    "nl": (("vandaag",), ("gisteren", "gisteravond"), ("eergisteren",)),
    "tr": (("bugün",), ("dün",), ("evvelsi gün", "önceki gün")),
    "he": (("היום",), ("אתמול",), ("שלשום",)),
}  # fmt: skip

# weekday (0 = Monday) → forms, casefolded; the inflections used with "on" ("в субботу", "w sobotę", "lauantaina")
WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("monday", "понедельник", "понеділок", "montag", "lundi", "lunes", "lunedì", "lunedi", "segunda-feira",
        "poniedziałek", "pondělí", "maanantaina", "maanantai", "måndags", "måndag", "maandag", "pazartesi",
        "ביום שני"),
    1: ("tuesday", "вторник", "вівторок", "dienstag", "mardi", "martes", "martedì", "martedi", "terça-feira",
        "wtorek", "úterý", "tiistaina", "tiistai", "tisdags", "tisdag", "dinsdag", "salı", "ביום שלישי"),
    2: ("wednesday", "среду", "среда", "середу", "середа", "mittwoch", "mercredi", "miércoles", "mercoledì",
        "mercoledi", "quarta-feira", "środę", "środa", "středu", "středa", "keskiviikkona", "keskiviikko",
        "onsdags", "onsdag", "woensdag", "çarşamba", "ביום רביעי"),
    3: ("thursday", "четверг", "четвер", "donnerstag", "jeudi", "jueves", "giovedì", "giovedi", "quinta-feira",
        "czwartek", "čtvrtek", "torstaina", "torstai", "torsdags", "torsdag", "donderdag", "perşembe",
        "ביום חמישי"),
    4: ("friday", "пятницу", "пятница", "п'ятницю", "пʼятницю", "п’ятницю", "п'ятниця", "freitag", "vendredi",
        "viernes", "venerdì", "venerdi", "sexta-feira", "piątek", "pátek", "perjantaina", "perjantai", "fredags",
        "fredag", "vrijdag", "cuma", "ביום שישי"),
    5: ("saturday", "субботу", "суббота", "суботу", "субота", "samstag", "sonnabend", "samedi", "sábado",
        "sabato", "sobotę", "sobota", "sobotu", "lauantaina", "lauantai", "lördags", "lördag", "zaterdag",
        "cumartesi", "ביום שבת", "בשבת"),
    6: ("sunday", "воскресенье", "неділю", "неділя", "sonntag", "dimanche", "domingo", "domenica", "niedzielę",
        "niedziela", "neděli", "neděle", "sunnuntaina", "sunnuntai", "söndags", "söndag", "zondag", "pazar",
        "ביום ראשון"),
}  # fmt: skip
