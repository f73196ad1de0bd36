"""Words for each kind of action (DESIGN's list) and common words per language (for telling languages apart).

Action words are casefolded prefixes: "picket" also reads "picketed" and "picketing", "пикет" reads "пикета"
and "пикетом". A weight below 1 marks a word that often appears without being the action ("photos attached",
"a banner at the rally").
"""

from __future__ import annotations

ACTIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "picket": tuple((w, 1.0) for w in (
        "picket", "пикет", "пікет", "mahnwache", "piquet", "piquete", "picchetto", "presidio", "pikiet", "pikieta",
        "piket", "pikett", "protestwake", "nöbet", "oturma eylemi", "משמרת מחאה", "פיקט",
    )),
    "rally": tuple((w, 1.0) for w in (
        "rally", "rallies", "demonstration", "protest", "митинг", "мітинг", "акция протеста", "kundgebung", "demo",
        "rassemblement", "manifestation", "manif", "concentración", "manifestación", "mitin", "manifestazione",
        "concentramento", "manifestação", "ato público", "wiec", "demonstrac", "mielenosoitu",
        "mielenilmaus", "demonstratie", "betoging", "miting", "eylem", "gösteri", "הפגנה", "עצרת",
    )),
    "march": tuple((w, 1.0) for w in (
        "march", "marched", "шестви", "марш", "хода", "demonstrationszug", "demozug", "marche", "défilé", "cortège",
        "marcha", "corteo", "passeata", "pochód", "marsz", "pochod", "průvod", "mielenosoituskulkue", "kulkue",
        "marssi", "demonstrationståg", "marsch", "optocht", "yürüyüş", "צעדה",
    )),
    "banner": tuple((w, w_) for w, w_ in (
        ("banner", 1.0), ("баннер", 1.0), ("растяжк", 1.0), ("транспарант", 1.0), ("банер", 1.0),
        ("transparent", 1.0), ("spruchband", 1.0), ("banderole", 1.0), ("banderol", 1.0), ("pancarta", 0.8),
        ("striscione", 1.0), ("faixa", 1.0), ("baner", 1.0), ("plakát", 0.6), ("banderoll", 1.0),
        ("spandoek", 1.0), ("pankart", 1.0), ("כרזה", 0.8), ("באנר", 1.0), ("poster", 0.5), ("плакат", 0.5),
    )),
    "leaflets": tuple((w, 1.0) for w in (
        "leaflet", "flyer", "handed out", "листовк", "листівк", "flugblätter", "flugblatt", "flugi", "tract",
        "octavilla", "folleto", "volantin", "panfleto", "ulotk", "letáky", "leták", "lehtis", "flygblad",
        "flyers", "pamflet", "folder", "bildiri", "el ilanı", "פליירים", "עלונים",
    )),
    "meeting": tuple((w, 1.0) for w in (
        "meeting", "public meeting", "assembly", "собрание", "встреч", "збори", "зустріч", "versammlung",
        "treffen", "veranstaltung", "réunion", "assemblée", "reunión", "asamblea", "charla", "riunione",
        "assemblea", "incontro", "reunião", "assembleia", "zebranie", "spotkanie", "setkání", "schůze",
        "kokous", "tilaisuus", "möte", "bijeenkomst", "vergadering", "toplantı", "buluşma", "מפגש", "אסיפה",
    )),
    "online": tuple((w, 1.0) for w in (
        "online", "zoom", "webinar", "stream", "онлайн", "вебинар", "стрим", "вебінар", "трансляци",
        "en ligne", "en línea", "virtual", "in rete", "on-line", "verkossa", "webbinarium", "çevrimiçi",
        "אונליין", "זום",
    )),
    "photo": tuple((w, w_) for w, w_ in (
        ("photo action", 1.0), ("photo with", 1.0), ("photo-action", 1.0), ("selfie", 1.0), ("фотоакци", 1.0),
        ("фото с плакат", 1.0), ("фото з плакат", 1.0), ("fotoaktion", 1.0), ("foto mit", 1.0),
        ("photo avec", 1.0), ("foto con", 1.0), ("foto com", 1.0), ("zdjęcie z", 1.0), ("akcja fotograficzna", 1.0),
        ("fotka s", 1.0), ("fotografie s", 1.0), ("valokuva", 0.8), ("kuva julisteen", 1.0), ("fotoaktie", 1.0),
        ("foto med", 1.0), ("fotoğraf", 0.6), ("צילום עם", 1.0), ("photo", 0.2), ("фото", 0.2), ("foto", 0.2),
    )),
    "concert": tuple((w, 1.0) for w in (
        "concert", "gig", "концерт", "konzert", "concierto", "concerto", "koncert", "konsertti", "keikka",
        "konsert", "optreden", "konser", "הופעה", "קונצרט",
    )),
    "vigil": tuple((w, 1.0) for w in (
        "vigil", "candle", "свеч", "бдени", "свічк", "lichterkette", "kerzen", "veillée", "bougie", "vigilia",
        "velas", "fiaccolata", "candele", "vigília", "czuwanie", "znicz", "świec", "svíčk", "kynttil",
        "ljusmanifestation", "kaarsen", "mum yak", "נרות", "משמרת נרות",
    )),
    "graffiti": tuple((w, 1.0) for w in (
        "graffiti", "stencil", "mural", "граффити", "графіті", "трафарет", "wandbild", "pochoir", "grafiti",
        "pintada", "murale", "stencil", "grafite", "mural", "szablon", "graffit", "seinämaalaus", "muurschildering",
        "גרפיטי",
    )),
    "letters": tuple((w, 1.0) for w in (
        "letter", "postcard", "письм", "открытк", "лист", "листівк", "brief", "postkarte", "lettre",
        "carte postale", "carta", "postal", "lettera", "cartolin", "cartas", "list", "pocztówk", "dopis",
        "pohled", "kirje", "postikort", "brev", "vykort", "kaart", "mektup", "kartpostal", "מכתב", "גלויות",
    )),
    "flashmob": tuple((w, 1.0) for w in ("flashmob", "flash mob", "flash-mob", "флешмоб", "флэшмоб", "פלאשמוב")),
}  # fmt: skip

# common words per language: a message's language is the one whose words it uses most
COMMON: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "we", "of", "in", "to", "was", "were", "with", "our", "for", "today", "held", "people"),
    "ru": ("и", "в", "мы", "на", "с", "не", "что", "было", "провели", "человек", "у", "по", "для", "нас"),
    "uk": ("і", "й", "та", "ми", "на", "у", "в", "що", "було", "провели", "осіб", "з", "для", "біля"),
    "de": ("und", "wir", "der", "die", "das", "mit", "ein", "eine", "haben", "am", "im", "in", "vor", "heute"),
    "fr": ("et", "nous", "le", "la", "les", "des", "avec", "une", "un", "avons", "à", "du", "devant", "pour"),
    "es": ("y", "el", "la", "los", "las", "con", "una", "un", "hicimos", "de", "del", "en", "frente", "para"),
    "it": ("e", "il", "la", "gli", "abbiamo", "con", "una", "un", "di", "del", "della", "davanti", "per", "che"),
    "pt": ("e", "o", "a", "os", "as", "com", "uma", "um", "fizemos", "do", "da", "em", "na", "no", "para"),
    "pl": ("i", "w", "we", "na", "z", "się", "było", "przed", "nas", "dla", "oraz", "zorganizowaliśmy", "osób"),
    "cs": ("a", "v", "ve", "na", "s", "se", "bylo", "před", "nás", "pro", "jsme", "uspořádali", "lidí"),
    "fi": (
        "ja",
        "me",
        "oli",
        "pidimme",
        "klo",
        "kanssa",
        "edessä",
        "meitä",
        "tänään",
        "eilen",
        "myös",
        "on",
        "noin",
        "paikalla",
        "henkeä",
        "ihmistä",
        "kokous",
        "maaliskuuta",
        "huhtikuuta",
        "jaoimme",
        "olimme",
    ),
    "sv": ("och", "vi", "i", "på", "med", "en", "ett", "var", "höll", "för", "utanför", "det", "som"),
    "nl": ("en", "we", "wij", "de", "het", "een", "met", "in", "op", "hebben", "voor", "waren", "bij"),
    "tr": ("ve", "bir", "biz", "ile", "önünde", "yaptık", "kişi", "bu", "için", "da", "de", "olarak"),
    "he": ("ו", "של", "את", "עם", "אנחנו", "היינו", "ב", "על", "מול", "הפגנה", "אנשים", "זה"),
}
