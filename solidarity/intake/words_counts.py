"""How the languages we read say how many people came: number words, vague amounts, and "people".

Word lists only; :mod:`solidarity.intake.numbers` does the reading.
"""

from __future__ import annotations

# casefolded word → value; compound numbers are read by adding neighbours ("двадцать пять", "twenty five")
NUMBER_WORDS: dict[str, int] = {}
_BY_LANGUAGE = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred",
    "ru": "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
    "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать сорок "
    "пятьдесят шестьдесят семьдесят восемьдесят девяносто сто",
    "uk": "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять тринадцять "
    "чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять дев'ятнадцять двадцять тридцять сорок "
    "п'ятдесят шістдесят сімдесят вісімдесят дев'яносто сто",
    "de": "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
    "siebzehn achtzehn neunzehn zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert",
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
    "dix-huit dix-neuf vingt trente quarante cinquante soixante soixante-dix quatre-vingts quatre-vingt-dix cent",
    "es": "uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "diecisiete dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien",
    "it": "uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici "
    "sedici diciassette diciotto diciannove venti trenta quaranta cinquanta sessanta settanta ottanta novanta "
    "cento",
    "pt": "um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezesseis dezessete "
    "dezoito dezenove vinte trinta quarenta cinquenta sessenta setenta oitenta noventa cem",
    "pl": "jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście "
    "czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście dwadzieścia trzydzieści "
    "czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt sto",
    "cs": "jeden dva tři čtyři pět šest sedm osm devět deset jedenáct dvanáct třináct čtrnáct patnáct šestnáct "
    "sedmnáct osmnáct devatenáct dvacet třicet čtyřicet padesát šedesát sedmdesát osmdesát devadesát sto",
    "fi": "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen yksitoista kaksitoista "
    "kolmetoista neljätoista viisitoista kuusitoista seitsemäntoista kahdeksantoista yhdeksäntoista "
    "kaksikymmentä kolmekymmentä neljäkymmentä viisikymmentä kuusikymmentä seitsemänkymmentä "
    "kahdeksankymmentä yhdeksänkymmentä sata",
    "sv": "en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton arton "
    "nitton tjugo trettio fyrtio femtio sextio sjuttio åttio nittio hundra",
    "nl": "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
    "zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd",
    "tr": "bir iki üç dört beş altı yedi sekiz dokuz on onbir oniki onüç ondört onbeş onaltı onyedi onsekiz "
    "ondokuz yirmi otuz kırk elli altmış yetmiş seksen doksan yüz",
    "he": "אחד שניים שלושה ארבעה חמישה שישה שבעה שמונה תשעה עשרה אחד-עשר שנים-עשר שלושה-עשר ארבעה-עשר "
    "חמישה-עשר שישה-עשר שבעה-עשר שמונה-עשר תשעה-עשר עשרים שלושים ארבעים חמישים שישים שבעים שמונים תשעים מאה",
}
_VALUES = list(range(1, 21)) + [30, 40, 50, 60, 70, 80, 90, 100]
for _lang, _words in _BY_LANGUAGE.items():
    _values = _VALUES if _lang not in ("fr",) else [*range(1, 21), 30, 40, 50, 60, 70, 80, 90, 100]
    for _word, _value in zip(_words.split(), _values, strict=True):
        NUMBER_WORDS.setdefault(_word, _value)
NUMBER_WORDS.update(
    {
        "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "десяток": 10,
        "двоє": 2, "троє": 3, "п'ятеро": 5, "dozen": 12, "tucet": 12,
        "dwóch": 2, "trzech": 3, "czterech": 4, "pięciu": 5, "sześciu": 6, "dziesięciu": 10, "dwudziestu": 20,
        "kahden": 2, "kolmen": 3, "une": 1, "una": 1, "uma": 1, "ett": 1, "één": 1, "שלוש": 3, "חמש": 5,
        "עשר": 10, "dwie": 2, "tuzin": 12, "dozzina": 12, "douzaine": 12, "docena": 12, "dúzia": 12,
    }
)  # fmt: skip
# "one", "un", "en", "een", "bir" as an article would read "a picket of ten" as 1; they only count next to
# a noun for people, which the reader checks.

# vague amounts: word → (estimate, confidence)
VAGUE: dict[str, tuple[int, float]] = {
    **dict.fromkeys(
        ("dozens", "десятки", "десятков", "десятки людей", "десятки", "dutzende", "dizaines", "decenas",
         "decine", "dezenas", "dziesiątki", "desítky", "kymmeniä", "dussintals", "tientallen", "onlarca", "עשרות"),
        (24, 0.45),
    ),
    **dict.fromkeys(
        ("hundreds", "сотни", "сотен", "сотні", "hunderte", "centaines", "cientos", "centenares", "centinaia",
         "centenas", "setki", "stovky", "satoja", "hundratals", "honderden", "yüzlerce", "מאות"),
        (200, 0.35),
    ),
    **dict.fromkeys(
        ("a few", "several", "несколько", "кілька", "einige", "ein paar", "quelques", "unos pocos", "algunos",
         "alcuni", "alguns", "kilka", "několik", "muutama", "några", "een paar", "birkaç", "כמה"),
        (5, 0.3),
    ),
    **dict.fromkeys(("a dozen", "десяток", "ein dutzend", "une douzaine"), (12, 0.5)),
    **dict.fromkeys(
        ("several dozen", "несколько десятков", "кілька десятків", "mehrere dutzend", "plusieurs dizaines",
         "varias decenas", "kilkadziesiąt", "několik desítek", "useita kymmeniä", "enkele tientallen"),
        (30, 0.45),
    ),
}  # fmt: skip

# nouns for people that follow a count; casefolded prefixes of every form we accept
PEOPLE: tuple[str, ...] = (
    "people", "persons", "participants", "comrades", "activists", "supporters", "protesters", "attendees",
    "of us", "friends", "demonstrators",
    "человек", "людей", "участник", "активист", "товарищ", "чел.",
    "осіб", "особи", "учасник", "людини", "чоловік",
    "personen", "leute", "menschen", "teilnehmer", "teilnehmende", "aktivist", "genoss",
    "personnes", "participant", "militant", "camarade", "manifestant",
    "personas", "participantes", "compañer", "compas", "activistas", "manifestantes",
    "persone", "partecipanti", "compagn", "attivist", "manifestanti",
    "pessoas", "companheir", "ativistas", "militantes",
    "osób", "osoby", "ludzi", "uczestnik", "aktywist", "towarzysz",
    "lidí", "osob", "účastník", "aktivist", "soudruh",
    "henkeä", "ihmistä", "osallistuja", "henkilöä", "aktivistia", "toveria",
    "personer", "deltagare", "människor", "aktivister", "kamrater",
    "mensen", "deelnemers", "activisten", "kameraden",
    "kişi", "katılımcı", "insan", "aktivist", "yoldaş",
    "אנשים", "משתתפים", "פעילים", "חברים", "איש",
)  # fmt: skip

# "we were 15" and "about 20": words right before a count
APPROX: tuple[str, ...] = (
    "about", "around", "approximately", "approx", "roughly", "some", "nearly", "almost", "over", "more than", "~",
    "около", "примерно", "почти", "более", "больше", "приблизно", "близько", "понад", "etwa", "rund", "ungefähr",
    "circa", "ca.", "über", "environ", "près de", "plus de", "une", "unos", "unas", "cerca de", "más de",
    "alrededor de", "circa", "più di", "quasi", "cerca", "cerca de", "mais de", "quase", "około", "ponad",
    "prawie", "asi", "přes", "zhruba", "noin", "yli", "lähes", "ungefär", "omkring", "över", "cirka", "ongeveer",
    "zo'n", "ruim", "bijna", "yaklaşık", "kadar", "כ-", "כ", "בערך", "מעל",
)  # fmt: skip
WE_WERE: tuple[str, ...] = (
    "we were", "there were", "нас было", "было", "нас було", "wir waren", "es waren", "nous étions",
    "on était", "éramos", "eravamo", "erano", "éramos", "było nas", "bylo nás", "bylo nas", "meitä oli",
    "vi var", "we waren met", "we waren", "היינו",
)  # fmt: skip
