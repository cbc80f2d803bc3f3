"""Words the claim-groups stage uses to decide that two claims measure one quantity
(story.claims): synonyms of counted nouns, owners written as places or peoples, and the
kinds of figure that stay apart."""

from __future__ import annotations

from ..text.lexicon import Table, words

HEAD_SYNONYMS = Table("head_synonyms", {
    **dict.fromkeys(("troop", "troops", "soldier", "soldiers", "force", "forces",
                     "servicemen", "serviceman", "personnel", "member", "members",
                     "service member", "service members", "military personnel", "army",
                     "serviceman", "servicemembers"), "troops"),
    **dict.fromkeys(("people", "person", "persons", "civilian", "civilians", "resident",
                     "residents", "individual", "individuals"), "people"),
    **dict.fromkeys(("death", "deaths", "dead", "fatality", "fatalities", "killed"), "deaths"),
    **dict.fromkeys(("injury", "injuries", "injured", "wounded"), "injured"),
    **dict.fromkeys(("refugee", "refugees", "displaced", "evacuee", "evacuees"), "refugees"),
    **dict.fromkeys(("vote", "votes", "voter", "voters", "ballot", "ballots"), "voters"),
    **dict.fromkeys(("casualty", "casualties"), "casualties"),
}, "counted nouns that name one quantity: troops, soldiers and forces are one count")

CASUALTY_HEADS = Table("casualty_heads", {
    "killed": "deaths", "dead": "deaths", "died": "deaths", "injured": "injured",
    "wounded": "injured", "arrested": "arrests", "detained": "arrests",
    "evacuated": "evacuated", "displaced": "displaced", "fled": "displaced",
    "rescued": "rescued", "missing": "missing", "captured": "captured", "fired": "dismissed",
}, "a participle closing a claim's concept ('service members killed') says what is "
   "counted: deaths are not troops")

DEMONYMS = Table("demonyms", {
    "russian": "russia", "russians": "russia", "kremlin": "russia", "moscow": "russia",
    "american": "united states", "americans": "united states", "us": "united states",
    "u.s.": "united states", "usa": "united states", "u.s.a.": "united states",
    "united states": "united states", "washington": "united states",
    "ukrainian": "ukraine", "ukrainians": "ukraine", "kyiv": "ukraine", "kiev": "ukraine",
    "british": "united kingdom", "uk": "united kingdom", "u.k.": "united kingdom",
    "britain": "united kingdom", "chinese": "china", "beijing": "china",
    "french": "france", "german": "germany", "israeli": "israel", "iranian": "iran",
    "nato": "nato", "european": "europe", "eu": "europe",
}, "a people, a capital or an abbreviation names the same owner ('Russian troops', "
   "'Russia has amassed')")

PROJECTED = words("projected_modalities", "projection target hypothetical",
                  "figures about what could, should or would be: never a revision or a "
                  "dispute")

STOPWORDS = words("concept_stopwords", """
the a an of in on at to and or for by with from some about nearly around more than over
least up as many its their his her new other additional extra total near along say said
says should would could will it is are was were be
""", "words that do not tell two concepts apart")

STATUS_PHRASES = Table("status_phrases", {
    "conflicting": "sources disagree", "updated": "figure revised",
    "consistent": "sources agree",
}, "the status of a claim group in words a reader understands")
