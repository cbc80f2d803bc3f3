"""Words the story actors stage (story.actors) reads when it merges the spellings of one
actor across a story's articles."""

from __future__ import annotations

from ..text.lexicon import Table, pattern, words

GROUP_WORD = pattern("group_word", r"(?:an|ans|ese|ish|ic|i|ch|s)$",
                     "endings of a people or a nationality (\"Kurds\", \"Russian\", "
                     "\"Danish\"): a group named by one such word is not merged as an actor")

PLACE_HEADS = words("place_heads", """
city town village county state province republic kingdom borough district island isle
""", "words for a settlement or a state written before the name itself (\"City of "
   "Ruritania\"): the name after \"of\" is the place's short form")

GENERIC_TAILS = words("generic_tails", """
sea ocean river lake island islands mountains bay strait peninsula desert corp corporation
inc co company ltd llc plc group foods recovery center centre clinic
""", "last words of a place or an organization name that its short form leaves out "
   "(\"Mediterranean\" of \"Mediterranean Sea\", \"Vellcorp\" of \"Vellcorp Inc.\")")

SHORT_GIVEN_NAMES = Table("short_given_names", {
    "al": "albert alan allan alfred alexander", "alex": "alexander alexandra alexandros",
    "alexis": "alexander alexandros alexandra", "andy": "andrew", "art": "arthur",
    "barb": "barbara", "becky": "rebecca", "ben": "benjamin", "bernie": "bernard",
    "beth": "elizabeth", "betsy": "elizabeth", "betty": "elizabeth", "bettie": "elizabeth",
    "bill": "william", "billy": "william", "bob": "robert", "bobby": "robert",
    "cathy": "catherine kathryn katherine", "charlie": "charles", "chuck": "charles",
    "dan": "daniel", "danny": "daniel", "dave": "david", "debbie": "deborah debra",
    "dick": "richard", "don": "donald", "ed": "edward edwin", "eddie": "edward",
    "fred": "frederick", "freddie": "frederick", "greg": "gregory", "hank": "henry",
    "jack": "john", "jake": "jacob", "jeff": "jeffrey", "jen": "jennifer",
    "jenny": "jennifer", "jerry": "gerald gerard gerardo jerome jeremiah",
    "jim": "james", "jimmy": "james", "joe": "joseph", "joey": "joseph", "jon": "jonathan",
    "kate": "catherine kathryn katherine kathleen", "kathy": "catherine kathryn katherine "
    "kathleen", "katie": "catherine kathryn katherine kathleen", "ken": "kenneth",
    "kenny": "kenneth", "larry": "lawrence", "len": "leonard", "liz": "elizabeth",
    "lou": "louis", "maggie": "margaret", "matt": "matthew", "meg": "margaret",
    "mike": "michael", "mick": "michael", "mo": "maurice", "nick": "nicholas",
    "pat": "patrick patricia", "patty": "patricia", "peggy": "margaret", "pete": "peter",
    "phil": "philip phillip", "ray": "raymond", "rick": "richard", "rob": "robert",
    "ron": "ronald", "sam": "samuel samantha", "sandy": "sandra alexander",
    "steve": "steven stephen", "sue": "susan", "ted": "edward theodore", "tom": "thomas",
    "tommy": "thomas", "tony": "anthony", "vince": "vincent", "walt": "walter",
    "will": "william", "zach": "zachary",
}, "short forms and nicknames of given names with the full names they stand for (\"Mo "
   "Cheeks\" is Maurice Cheeks): a short form joins the story's one person with the full "
   "given name and the same surname")
