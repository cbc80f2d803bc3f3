"""Words the story actors stage (story.actors) reads when it merges the spellings of one
actor across a story's articles."""

from __future__ import annotations

from ..text.lexicon import pattern, words

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
