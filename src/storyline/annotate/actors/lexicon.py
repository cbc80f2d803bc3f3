"""Words and tables the actors stage reads: titles, organisation aliases, government
institutions and the words that make a name a place.

Countries (names, capitals, demonyms) come from ``actors.countries`` (``pycountry`` plus
data); the tables here cover what is not a country: titles and roles before a name, the
aliases of international organisations, and the buildings and offices that stand for a
government ("the Kremlin", "the White House").
"""

from __future__ import annotations

from ...text.lexicon import Table, words

CORE_TITLES = words("core_titles", """
president president-elect vice-president secretary secretary-general minister chancellor
premier spokesman spokeswoman spokesperson adviser advisor ambassador envoy general gen.
admiral adm. colonel col. lieutenant lt. sergeant sgt. captain capt. major maj. commander
chief director head chairman chairwoman chair ceo leader senator sen. representative rep.
congressman congresswoman governor gov. mayor king queen prince princess emperor pope judge
justice attorney prosecutor official officer correspondent reporter anchor host editor
analyst expert professor prof. dr. economist founder speaker dictator strongman diplomat
negotiator aide commissioner lawmaker legislator actress actor singer comedian star coach
player manager rapper musician author writer novelist filmmaker producer artist dancer boxer
champion pitcher quarterback striker goalkeeper suspect victim witness gunman inmate
prisoner driver pilot doctor nurse surgeon lawyer sheriff detective investigator trooper
constable inspector superintendent receptionist worker employee teacher student priest
bishop cardinal rabbi imam reverend rev. pastor dr prof gen sen rep gov lt col sgt capt
qb wr rb cb lb pollster strategist consultant columnist commentator del. del delegate
""", "words that make a phrase before a name a title or role ('press secretary', "
     "'Foreign Minister'): kept as Actor.roles, not part of the name")

MODIFIERS = words("role_modifiers", """
former then acting interim deputy assistant associate senior junior vice prime foreign
defense defence press national security intelligence army navy military staff affairs state
house white top executive economic trade finance health interior home energy treasury
homeland communications policy political legal cabinet party opposition majority minority
administration joint general-secretary first lady deputy-chief longtime retired campaign
presidential vice-presidential democratic republican
""", "words that may stand inside a role phrase but do not make one on their own")

HONORIFICS = words("honorifics", "mr. mrs. ms. miss mr mrs ms mx. mx sir dame",
                   "courtesy titles before a name: neither name nor role")

ORGANISATION_ALIASES = Table("organisation_aliases", {
    "eu": "European Union", "european union": "European Union",
    "un": "United Nations", "united nations": "United Nations", "u.n.": "United Nations",
    "nato": "NATO", "north atlantic treaty organization": "NATO",
    "north atlantic treaty organisation": "NATO",
    "ussr": "Soviet Union", "soviet union": "Soviet Union",
}, "international organisations and former states written in several ways: one actor")

INSTITUTIONS = Table("institutions", {
    "kremlin": ("Kremlin", "RU"), "white house": ("White House", "US"),
    "elysee": ("Élysée Palace", "FR"), "elysee palace": ("Élysée Palace", "FR"),
    "downing street": ("Downing Street", "GB"), "10 downing street": ("Downing Street", "GB"),
    "number 10": ("Downing Street", "GB"), "no 10": ("Downing Street", "GB"),
    "whitehall": ("Whitehall", "GB"), "pentagon": ("Pentagon", "US"),
    "state department": ("State Department", "US"), "foggy bottom": ("State Department", "US"),
    "capitol hill": ("Congress", "US"), "quai d'orsay": ("Quai d'Orsay", "FR"),
    "zhongnanhai": ("Zhongnanhai", "CN"), "blue house": ("Blue House", "KR"),
    "bankova": ("Bankova", "UA"), "chancellery": ("Chancellery", "DE"),
    "kantei": ("Kantei", "JP"), "rashtrapati bhavan": ("Rashtrapati Bhavan", "IN"),
    "casa rosada": ("Casa Rosada", "AR"), "palacio de la moneda": ("La Moneda", "CL"),
    "la moneda": ("La Moneda", "CL"), "planalto": ("Planalto", "BR"),
    "palazzo chigi": ("Palazzo Chigi", "IT"), "moncloa": ("Moncloa", "ES"),
    "quirinale": ("Quirinale", "IT"), "knesset": ("Knesset", "IL"),
    "duma": ("Duma", "RU"), "state duma": ("Duma", "RU"), "verkhovna rada": ("Rada", "UA"),
    "rada": ("Rada", "UA"), "bundestag": ("Bundestag", "DE"), "storting": ("Storting", "NO"),
    "mossad": ("Mossad", "IL"), "fsb": ("FSB", "RU"), "cia": ("CIA", "US"),
    "fbi": ("FBI", "US"), "mi6": ("MI6", "GB"),
}, "buildings, offices and agencies that stand for a government ('the Kremlin said'): the "
   "institution, linked to its country by ISO code")

SEATS = Table("seats_of_government", {
    "RU": "Kremlin", "US": "White House", "FR": "Élysée Palace", "GB": "Downing Street",
}, "the institution a capital stands for when it speaks ('Moscow warned' is the Kremlin); "
   "a country not listed gets '<demonym> government'")

GOVERNMENT_NAMES = Table("government_names", {
    "US": "US government", "GB": "UK government",
}, "names of a government where '<demonym> government' does not read well")

AGENT_DEPS = words("agent_deps", "nsubj nsubjpass poss agent",
                   "a place name in these roles acts ('Moscow warned', 'Washington's "
                   "insistence'): a metonym for the government, not the place")

PLACE_PREPOSITIONS = words("place_prepositions", """
in into inside within near across throughout toward towards from around outside
""", "a name governed by these prepositions is where something is: a place ('in Crimea')")

PLACE_HEADS = words("place_heads", """
annexation invasion occupation capital city region border part east west north south
territory peninsula streets outskirts
""", "nouns whose 'of' object is a place ('annexation of Crimea')")

TITLE_ABBREVIATIONS = Table("title_abbreviations", {
    "sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
    "gov": "governor", "gen": "general", "adm": "admiral", "col": "colonel",
    "lt": "lieutenant", "sgt": "sergeant", "capt": "captain", "maj": "major",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "del": "delegate",
    "prof": "professor", "dr": "doctor", "supt": "superintendent", "insp": "inspector",
}, "abbreviated titles in roles ('Sen. Warren'): the word a later description uses "
   "('the senator')")

UNIQUE_TITLES = words("unique_titles", """
president senator governor chancellor premier mayor candidate nominee leader chairman
chairwoman pope king queen congressman congresswoman speaker
""", "titles one person holds at a time in a story: 'the president' with no one called "
     "President in the article still means the person most in view")

PUBLICATION_WORDS = words("publication_words", """
times post news journal herald tribune press gazette chronicle telegraph guardian mail
review star sun globe observer daily weekly
""", "last words of a newspaper's name ('New York Times'): a city acting is never the "
     "paper named after it")

FACILITY_WORDS = words("facility_words", """
center centre clinic hospital institute foundation school college university library
museum stadium arena airport hall house
""", "last words of a facility named after a person ('Betty Ford Center'): the person's "
     "name after 'at' or 'into' stands for it")

# ---------------------------------------------------------------- references (coref)

OBJECT_DEPS = words("object_deps", "dobj dative iobj",
                    "a pronoun in these roles never refers to its own verb's subject "
                    "('Smith praised him': him is not Smith)")

DETERMINERS = words("determiners", "a an the this that these those one some",
                    "left off the front of an unnamed source's or a group's name")

DEFINITE_WORDS = words("definite_words", "the this that these those its",
                       "a definite description ('the campaign') refers back to one in view; "
                       "an indefinite one ('a campaign') introduces a new one")

GOVERNMENT_NOUNS = words("government_nouns", """
government administration regime cabinet parliament congress senate court police army
military ministry kremlin embassy
""", "organisation nouns that stand for a state's institution, never for the organisation "
     "most in view ('the government' is no company named before)")

PERSONAL_DOCUMENTS = words("personal_documents",
                           "book letter memo tweet post memoir account article paper",
                           "documents a person writes ('the book', 'her letter'); the other "
                           "documents (polls, reports) are an organisation's")

AUTHOR_PREPOSITIONS = words("author_prepositions", "by from of in on at",
                            "prepositions that name a document's author in its own phrase "
                            "('a report released by the agency', 'data from the survey')")

RELATIVE_SUBJECTS = words("relative_subjects", "which that",
                          "relative subjects that refer to the noun their clause hangs on "
                          "('the group, which said')")

CAMPAIGN_NOUNS = words("campaign_nouns", "campaign team camp",
                       "a person's team or camp is their campaign ('the Trump team', "
                       "'Clinton's camp', 'the Clinton campaign'): one organisation, named "
                       "'<surname> campaign' whichever noun the article uses")

OWNER_ADJECTIVE_DEPS = words("owner_adjective_deps", "amod compound nmod",
                             "a demonym before a government noun names its country "
                             "('the Saudi government', 'the Russian military')")

ROLE_SYNONYMS = Table("role_synonyms", {
    "lawyer": "attorney", "counsel": "attorney", "attorney": "attorney",
}, "role nouns for the same role: 'Pagliano's lawyer' is the person named as his attorney")

ORG_SYNONYMS = Table("org_synonyms", {
    "panel": "committee", "subcommittee": "committee", "bloc": "union",
    "paper": "newspaper", "firm": "company",
}, "a noun for an organisation and the noun its name ends in: 'a House panel' is the "
   "House Oversight Committee named elsewhere in the article")

ROLE_CONNECTORS = words("role_connectors", "of the for on",
                        "small words inside a role phrase ('Secretary of State', 'minister "
                        "for the economy'): a role runs on across them")

ROLE_STOP_WORDS = words("role_stop_words", """
a an and as at but by for from if in into is it its nor of on or so than that the then this
those these to was were when where while with without after before because since until
unless though although yet also even only just not no he she they we you i said says
meanwhile however still now today yesterday tomorrow both all any each every some many
""", "function words and sentence adverbs end a role phrase read leftwards from a name "
     "('Meanwhile Finance Minister Ann Vale'): capitalized, they open a sentence")

NOT_IN_ROLE = words("not_in_role", """
who which that said says is was has had will would and but also he she they it
""", "words of a clause: an appositive after a name that holds one is a clause about the "
     "person ('Ann Vale, who said ...'), not a role")
