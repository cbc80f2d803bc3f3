"""The world's countries for actor resolution: names (from ``pycountry``), capitals, demonyms.

``pycountry`` (ISO 3166-1) gives every country's code and its formal and common names. What
it does not give is written here as data, one line per country: the code, the capital (a
capital written as a subject stands for the government: "Moscow warned"), the demonym
adjectives ("Russian troops": an attribute pointing at Russia, not an actor) and the nouns
for its people ("Russians", "Britons"). Where ``pycountry``'s name is not what a newspaper
writes ("Russian Federation", "Korea, Republic of", "Türkiye"), ``SHORT_NAMES`` gives the
name a reader expects; ``EXTRA_NAMES`` adds the other forms a text uses ("Britain", "the
U.S.", "Holland"). Pure data and lookups; no I/O beyond the installed package.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

#: Names a newspaper writes where ISO's name is formal or inverted.
SHORT_NAMES = {
    "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "SY": "Syria",
    "VN": "Vietnam", "LA": "Laos", "MD": "Moldova", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "TW": "Taiwan", "BN": "Brunei", "CZ": "Czech Republic",
    "FM": "Micronesia", "PS": "Palestine", "VA": "Vatican", "CD": "Democratic Republic of "
    "the Congo", "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "TR": "Turkey", "GB": "United Kingdom", "US": "United States", "MK": "North Macedonia",
    "SZ": "Eswatini", "FK": "Falkland Islands", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "HK": "Hong Kong", "MO": "Macau", "XK": "Kosovo",
}
#: Other names a text uses for a country (besides ISO's name, official and common name).
EXTRA_NAMES = {
    "US": "US U.S. USA U.S.A. America United_States_of_America the_States",
    "GB": "UK U.K. Britain Great_Britain England_and_Wales",
    "RU": "Russian_Federation", "CN": "PRC People's_Republic_of_China Mainland_China",
    "KR": "Republic_of_Korea ROK", "KP": "DPRK Democratic_People's_Republic_of_Korea",
    "NL": "Holland", "CZ": "Czechia", "MM": "Burma", "TR": "Türkiye Turkiye",
    "CI": "Côte_d'Ivoire Cote_d'Ivoire", "CV": "Cabo_Verde", "SZ": "Swaziland",
    "MK": "Macedonia", "CD": "DRC DR_Congo Congo-Kinshasa", "CG": "Congo-Brazzaville",
    "AE": "UAE U.A.E. Emirates", "VA": "Holy_See Vatican_City", "TL": "East_Timor",
    "PS": "Palestinian_Territories", "IR": "Persia", "LK": "Ceylon", "VN": "Viet_Nam",
    "TW": "Republic_of_China", "BY": "Byelorussia", "SA": "KSA", "BA": "Bosnia",
    "XK": "Kosova",
}
#: Names that are never the country when written alone (a state, a river, a first name).
NOT_ALONE = frozenset({"georgia", "jordan", "chad", "guinea", "niger", "congo", "dominica",
                       "america", "the states"})

# code | capitals | demonym adjectives | nouns for its people (default: adjective + "s" for
# an adjective in -an, -i; an empty field: none); several values are comma-separated.
# Why: a capital written as a subject is a metonym for the government; a demonym adjective
# is an attribute pointing at its country; a noun for the people is a group of that country.
_DATA = """
AF|Kabul|Afghan|Afghans
AL|Tirana|Albanian
DZ|Algiers|Algerian
AD|Andorra la Vella|Andorran
AO|Luanda|Angolan
AG|St. John's|Antiguan
AR|Buenos Aires|Argentine,Argentinian|Argentines,Argentinians
AM|Yerevan|Armenian
AU|Canberra|Australian|Australians,Aussies
AT|Vienna|Austrian
AZ|Baku|Azerbaijani,Azeri|Azerbaijanis,Azeris
BS|Nassau|Bahamian
BH|Manama|Bahraini
BD|Dhaka|Bangladeshi
BB|Bridgetown|Barbadian
BY|Minsk|Belarusian,Belarussian|Belarusians
BE|Brussels|Belgian
BZ|Belmopan|Belizean
BJ|Porto-Novo|Beninese|
BT|Thimphu|Bhutanese|
BO|La Paz,Sucre|Bolivian
BA|Sarajevo|Bosnian
BW|Gaborone|Botswanan|Batswana
BR|Brasilia,Brasília|Brazilian
BN|Bandar Seri Begawan|Bruneian
BG|Sofia|Bulgarian
BF|Ouagadougou|Burkinabe|
BI|Gitega|Burundian
KH|Phnom Penh|Cambodian
CM|Yaounde,Yaoundé|Cameroonian
CA|Ottawa|Canadian
CV|Praia|Cape Verdean
CF|Bangui|Central African
TD|N'Djamena|Chadian
CL|Santiago|Chilean
CN|Beijing|Chinese|
CO|Bogota,Bogotá|Colombian
KM|Moroni|Comoran
CG|Brazzaville|Congolese|
CD|Kinshasa|Congolese|
CR|San Jose,San José|Costa Rican
CI|Yamoussoukro|Ivorian
HR|Zagreb|Croatian|Croatians,Croats
CU|Havana|Cuban
CY|Nicosia|Cypriot
CZ|Prague|Czech|Czechs
DK|Copenhagen|Danish|Danes
DJ|Djibouti|Djiboutian
DM|Roseau|Dominican
DO|Santo Domingo|Dominican
EC|Quito|Ecuadorian
EG|Cairo|Egyptian
SV|San Salvador|Salvadoran
GQ|Malabo|Equatoguinean
ER|Asmara|Eritrean
EE|Tallinn|Estonian
SZ|Mbabane|Swazi
ET|Addis Ababa|Ethiopian
FJ|Suva|Fijian
FI|Helsinki|Finnish|Finns
FR|Paris|French|Frenchman,Frenchmen,Frenchwoman,Frenchwomen
GA|Libreville|Gabonese|
GM|Banjul|Gambian
GE|Tbilisi|Georgian
DE|Berlin|German
GH|Accra|Ghanaian
GR|Athens|Greek
GD|St. George's|Grenadian
GT|Guatemala City|Guatemalan
GN|Conakry|Guinean
GW|Bissau|Bissau-Guinean
GY|Georgetown|Guyanese|
HT|Port-au-Prince|Haitian
HN|Tegucigalpa|Honduran
HU|Budapest|Hungarian
IS|Reykjavik,Reykjavík|Icelandic|Icelanders
IN|New Delhi|Indian
ID|Jakarta|Indonesian
IR|Tehran,Teheran|Iranian
IQ|Baghdad|Iraqi
IE|Dublin|Irish|Irishman,Irishmen,Irishwoman
IL|Jerusalem|Israeli
IT|Rome|Italian
JM|Kingston|Jamaican
JP|Tokyo|Japanese|
JO|Amman|Jordanian
KZ|Astana|Kazakh,Kazakhstani|Kazakhs
KE|Nairobi|Kenyan
KI|Tarawa|I-Kiribati|
KW|Kuwait City|Kuwaiti
KG|Bishkek|Kyrgyz|
LA|Vientiane|Laotian,Lao|Laotians
LV|Riga|Latvian
LB|Beirut|Lebanese|
LS|Maseru|Basotho|
LR|Monrovia|Liberian
LY|Tripoli|Libyan
LI|Vaduz|Liechtensteiner
LT|Vilnius|Lithuanian
LU|Luxembourg|Luxembourgish|Luxembourgers
MG|Antananarivo|Malagasy|
MW|Lilongwe|Malawian
MY|Kuala Lumpur|Malaysian
MV|Male,Malé|Maldivian
ML|Bamako|Malian
MT|Valletta|Maltese|
MH|Majuro|Marshallese|
MR|Nouakchott|Mauritanian
MU|Port Louis|Mauritian
MX|Mexico City|Mexican
FM|Palikir|Micronesian
MD|Chisinau,Chișinău|Moldovan
MC|Monaco|Monegasque
MN|Ulaanbaatar|Mongolian
ME|Podgorica|Montenegrin
MA|Rabat|Moroccan
MZ|Maputo|Mozambican
MM|Naypyidaw,Naypyitaw|Burmese,Myanmar|
NA|Windhoek|Namibian
NR|Yaren|Nauruan
NP|Kathmandu|Nepali,Nepalese|Nepalis
NL|The Hague,Amsterdam|Dutch|Dutchman,Dutchmen
NZ|Wellington|New Zealand|New Zealanders,Kiwis
NI|Managua|Nicaraguan
NE|Niamey|Nigerien
NG|Abuja|Nigerian
KP|Pyongyang|North Korean
MK|Skopje|Macedonian,North Macedonian
NO|Oslo|Norwegian
OM|Muscat|Omani
PK|Islamabad|Pakistani
PW|Ngerulmud|Palauan
PS|Ramallah|Palestinian
PA|Panama City|Panamanian
PG|Port Moresby|Papua New Guinean
PY|Asuncion,Asunción|Paraguayan
PE|Lima|Peruvian
PH|Manila|Filipino,Philippine|Filipinos,Filipinas
PL|Warsaw|Polish|Poles
PT|Lisbon|Portuguese|
QA|Doha|Qatari
RO|Bucharest|Romanian
RU|Moscow|Russian
RW|Kigali|Rwandan
KN|Basseterre|Kittitian
LC|Castries|Saint Lucian
VC|Kingstown|Vincentian
WS|Apia|Samoan
SM|San Marino|Sammarinese|
ST|Sao Tome,São Tomé|Santomean
SA|Riyadh|Saudi|Saudis
SN|Dakar|Senegalese|
RS|Belgrade|Serbian|Serbians,Serbs
SC|Victoria|Seychellois|
SL|Freetown|Sierra Leonean
SG|Singapore|Singaporean
SK|Bratislava|Slovak|Slovaks
SI|Ljubljana|Slovenian,Slovene|Slovenians,Slovenes
SB|Honiara|Solomon Islander
SO|Mogadishu|Somali|Somalis
ZA|Cape Town,Pretoria|South African
KR|Seoul|South Korean
SS|Juba|South Sudanese|
ES|Madrid|Spanish|Spaniards
LK|Colombo|Sri Lankan
SD|Khartoum|Sudanese|
SR|Paramaribo|Surinamese|
SE|Stockholm|Swedish|Swedes
CH|Bern,Berne|Swiss|
SY|Damascus|Syrian
TW|Taipei|Taiwanese|
TJ|Dushanbe|Tajik|Tajiks
TZ|Dodoma|Tanzanian
TH|Bangkok|Thai|
TL|Dili|Timorese|
TG|Lome,Lomé|Togolese|
TO|Nuku'alofa|Tongan
TT|Port of Spain|Trinidadian
TN|Tunis|Tunisian
TR|Ankara|Turkish|Turks
TM|Ashgabat|Turkmen|
TV|Funafuti|Tuvaluan
UG|Kampala|Ugandan
UA|Kyiv,Kiev|Ukrainian
AE|Abu Dhabi|Emirati
GB|London|British|Britons,Brits
US|Washington|American
UY|Montevideo|Uruguayan
UZ|Tashkent|Uzbek|Uzbeks
VU|Port Vila|Ni-Vanuatu|
VA|Vatican City|Vatican|
VE|Caracas|Venezuelan
VN|Hanoi|Vietnamese|
YE|Sanaa,Sana'a|Yemeni
ZM|Lusaka|Zambian
ZW|Harare|Zimbabwean
HK|Hong Kong|Hong Konger|Hong,Kongers
XK|Pristina|Kosovar,Kosovan|Kosovars
PR|San Juan|Puerto Rican
GL|Nuuk|Greenlandic|Greenlanders
"""
#: Capitals that are also ordinary words or other places' names: never a metonym alone.
AMBIGUOUS_CAPITALS = frozenset({"victoria", "kingston", "santiago", "san jose", "georgetown",
                                "male", "lima", "valletta", "monaco", "singapore", "luxembourg",
                                "djibouti", "san marino", "kuwait city", "panama city",
                                "guatemala city", "mexico city", "hong kong", "vatican city",
                                "st. john's", "st. george's", "praia", "juba", "apia", "suva",
                                "castries", "roseau", "nassau", "san juan",
                                "kingstown", "jerusalem"})


@dataclass(frozen=True, slots=True)
class Country:
    """One country: its code, the name a reader expects, every name a text may use, its
    capitals, demonym adjectives and nouns for its people."""

    code: str
    name: str
    names: tuple[str, ...]
    capitals: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, no dots, single spaces, no "the"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = text.replace(".", "").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _values(field: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in field.split(",") if v.strip())


@functools.lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the data table, named with ``pycountry`` (ISO 3166-1)."""
    import pycountry

    out = []
    for line in _DATA.strip().splitlines():
        code, capitals, adjectives, *rest = line.split("|")
        iso = pycountry.countries.get(alpha_2=code)
        iso_names = [getattr(iso, key, None) for key in ("name", "official_name", "common_name")]
        name = SHORT_NAMES.get(code) or (iso.name if iso else code)
        extra = [w.replace("_", " ") for w in EXTRA_NAMES.get(code, "").split()]
        names = tuple(dict.fromkeys(n for n in (name, *iso_names, *extra)
                                    if n and "," not in n))
        adjective_list = _values(adjectives)
        people = _values(rest[0]) if rest else tuple(
            a + "s" for a in adjective_list if a.endswith(("an", "i")))
        out.append(Country(code, name, names, _values(capitals), adjective_list, people))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country],
                        dict[str, Country]]:
    by_name: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    by_adjective: dict[str, Country] = {}
    by_people: dict[str, Country] = {}
    for country in countries():
        for name in country.names:
            by_name.setdefault(fold(name), country)
        for capital in country.capitals:
            by_capital.setdefault(fold(capital), country)
        for adjective in country.adjectives:
            by_adjective.setdefault(fold(adjective), country)
        for noun in country.people:
            by_people.setdefault(fold(noun), country)
    return by_name, by_capital, by_adjective, by_people


def country_named(name: str) -> Country | None:
    """The country ``name`` names ("Russia", "the U.S.", "Britain"), if any."""
    return _indexes()[0].get(fold(name))


def country_of_capital(name: str) -> Country | None:
    """The country whose capital is ``name`` ("Moscow", "Kyiv"), unless the name is an
    ordinary word or another place's name too."""
    key = fold(name)
    return None if key in AMBIGUOUS_CAPITALS else _indexes()[1].get(key)


def country_of_demonym(word: str) -> Country | None:
    """The country a demonym adjective or a noun for its people points at ("Russian",
    "Russians", "Britons", "the French")."""
    key = fold(word)
    by_adjective, by_people = _indexes()[2], _indexes()[3]
    return by_adjective.get(key) or by_people.get(key) or (
        by_adjective.get(key[:-1]) if key.endswith("s") else None)
