"""Words and patterns that decide which quantities are claims, how hedged, as of when and
said by whom (annotate.claims). The quantities themselves come from annotate.quantities.
"""

from __future__ import annotations

import re

from ...text.lexicon import Table, pattern, words

CLAIM_DIMENSIONS = words("claim_dimensions", """
count currency percent points rate length mass area volume speed power energy flow
""", "the kinds of figure a reader tracks; ages, durations, bare numbers and ratios are "
   "quantities but not claims")

QUALIFIERS = Table("qualifiers", {
    "as many as": "as many as", "as much as": "up to", "up to": "up to", "at most": "up to",
    "more than": "more than", "greater than": "more than", "upwards of": "more than",
    "in excess of": "more than", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "fewer than": "fewer than", "less than": "fewer than",
    "just over": "over", "well over": "over", "over": "over", "nearly": "nearly",
    "close to": "nearly", "almost": "almost", "around": "around", "about": "about",
    "roughly": "about", "approximately": "about", "some": "about",
    "an estimated": "estimated", "estimated": "estimated",
}, "hedges written before a figure, with the normalized qualifier a claim keeps")

QUALIFIER_BEFORE = pattern(
    "qualifier_before",
    r"\b(?P<q>" + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in QUALIFIERS),
                                  key=len, reverse=True)) + r")\s+$",
    "the hedge right before a figure ('nearly 40,000', 'as many as 175,000')", re.IGNORECASE)

VAGUE_QUALIFIERS = Table("vague_qualifiers", {
    "dozens": "dozens of", "scores": "scores of", "hundreds": "hundreds of",
    "thousands": "thousands of", "millions": "millions of", "billions": "billions of",
    "tens": "tens of",
}, "the words a vague magnitude keeps as its qualifier ('tens of thousands' -> 'tens of')")

HEADING_NOUNS = words("heading_nouns", """
article articles story stories comment comments photo photos video videos thing things way
ways reason reasons takeaway takeaways page pages result results item items minute minutes
point points time times option options step steps question questions lesson lessons
""", "nouns that list or structure a text ('5 things to know'): no figure to track")

TIME_NOUNS = words("time_nouns", """
second minute hour day week month year decade century night weekend generation term
""", "a span of time ('360 days', 'two decades') is a duration, not a tracked count")

COLLECTIVE_NOUNS = words("collective_nouns", """
people staff personnel police troops military crew cattle livestock infantry clergy
""", "nouns that count many without a plural form")

DETERMINERS = words("determiners", """
the these those both all its his her their our my your this that
""", "'the two men', 'its 11 members': a definite small number names a group, it does "
   "not claim a count")

SAY_LEMMAS = words("say_lemmas", """
say tell report estimate claim announce warn add state note write confirm assess find show
believe project predict suggest indicate
""", "verbs that attribute a figure to a source ('X said', 'X estimated')")

FIRST_PERSON = words("first_person", "i we you us me",
                     "first and second person pronouns name no source")

SHARE_NOUNS = words("share_nouns", "majority minority plurality share percentage proportion",
                    "'a majority of people ... 58%': the population a bare share is of")

MODALS = words("modals", "could might may would will shall 'll",
               "a modal on the verb a figure hangs from makes it a projection")

PROJECTION_VERBS = words("projection_verbs", """
expect forecast project predict anticipate
""", "'expected to', 'projected to', 'forecast to': a figure about the future")

PROJECTION_AFTER = pattern(
    "projection_after",
    r"^[^.;!?]{0,40}?\b(?:could|might|may|would|will|is\s+expected\s+to|are\s+expected\s+to|"
    r"is\s+projected\s+to|are\s+projected\s+to|is\s+forecast\s+to|are\s+forecast\s+to)\b",
    "'175,000 troops could be involved': the modal after the figure", re.IGNORECASE)

TARGET_WORDS = words("target_words", """
goal target aim aims aimed pledge pledged pledges promise promised vow vowed demand demanded
demands call called calls seek seeks sought want wants wanted plan plans planned ambition
quota cap limit ceiling
""", "'the goal was to have 400 stations', 'called for 30 gigawatts': a target or demand")

HYPOTHETICAL_WORDS = words("hypothetical_words", "if unless suppose supposing imagine",
                           "'if ... it would save $500 million': a conditional figure")

ESTIMATE_WORDS = words("estimate_words", """
estimated estimate estimates approximately roughly about around nearly almost some
""", "hedges that make a reported figure an estimate")

NOW_WORDS = words("now_words", "now currently presently today already",
                  "'Russia has now amassed': the figure describes the article's own date")

CASUALTY_VERBS = Table("casualty_verbs", {
    "kill": "deaths", "die": "deaths", "dead": "deaths", "killed": "deaths",
    "injure": "injured", "wound": "injured", "injured": "injured", "wounded": "injured",
    "arrest": "arrests", "detain": "arrests", "evacuate": "evacuated", "displace": "displaced",
    "flee": "displaced", "rescue": "rescued", "miss": "missing", "missing": "missing",
    "capture": "captured", "fire": "dismissed", "lay": "dismissed",
}, "'Thirteen U.S. service members were killed': what happened to the counted people is "
   "what the figure measures (deaths, not troops)")

ATTRIBUTE_MEASURE = pattern(
    "attribute_measure", r"\A\d[\d,.]*-[A-Za-z]",
    "'a 75-ton cap', 'a two-man crew': a figure glued to the noun it describes is an "
    "attribute of a thing, not a figure to track")
