"""Words the quotes stage reads: reporting verbs, the non-speech attribution families, the
speakers that are reporters, and the words that keep a reported clause's meaning.

``REPORTING_LEMMAS`` cue speech (``said``, ``warned``); ``CLAUSE_ONLY`` cue it only with a
clause or a quote as complement. The attitude families (``quotes.attitudes``) were chosen
on PolNeAR dev and a train sample together: lemmas whose predictions matched gold less
than ~65% of the time on both are left out.
"""

from __future__ import annotations

from ...text.lexicon import Table, pattern, words

REPORTING_LEMMAS = words("reporting_lemmas", """
say tell write add stress argue explain state call warn insist note claim announce acknowledge
admit assert declare contend maintain suggest predict deny reply respond urge tweet post
report confirm reveal indicate recall concede complain allege estimate promise vow pledge
emphasize emphasise repeat testify counter observe remark joke boast quip caution mention
continue reiterate describe accuse blame charge criticize criticise praise dismiss question
ask believe think conclude agree disagree lament recount cite show find liken echo propose
demand reject threaten refuse consider know feel hope fear worry expect understand recognize
attack blast slam thank compare encourage shout exclaim yell point
""", "verbs that report what someone said or thinks: the cue of a quote")

CLAUSE_ONLY = words("clause_only_cues", """
add continue call describe accuse blame charge criticize criticise praise dismiss question
ask agree disagree think believe cite show find liken echo propose demand know feel hope
fear worry expect understand recognize attack blast slam thank compare encourage point
""", "cues that report only with a clause or a quote as complement ('she added that ...'); "
     "alone they are ordinary verbs")

INTENTION_LEMMAS = words("intention_lemmas", """
want plan hope intend aim decline refuse decide wish prefer vow pledge promise threaten offer
""", "'X wants/plans to V': the to-clause is what X intends (PolNeAR counts it)")

OBJECT_LEMMAS = words("object_lemmas", """
show endorse defend discuss oppose back declare criticize criticise slam attack describe mock
cite reference tout decry denounce report detail highlight stress want seek propose demand
reject praise admire identify document invoke outline blast condemn favor favour champion
dispute deny acknowledge admit recommend express announce reveal confirm predict note lament
""", "'X endorsed Y', 'the poll shows Y': the object is the attributed content")

PREP_LEMMAS = Table("prep_lemmas", {
    "talk": ("about", "of"), "comment": ("on",), "ask": ("about",),
    "complain": ("about",), "care": ("about",), "worry": ("about",),
    "argue": ("for", "against"), "advocate": ("for",), "push": ("for",),
    "warn": ("about", "of", "against"), "reply": ("to",), "testify": ("about", "on"),
    "boast": ("about", "of"), "brag": ("about",), "joke": ("about",), "write": ("about",),
    "tweet": ("about",),
}, "'X talked about Y': the object of the preposition is the topic attributed to X")

NOUN_LEMMAS = words("claim_nouns", """
claim charge assertion statement allegation warning promise argument suggestion insistence
belief view fear hope concern worry expectation speculation rumor rumour report assurance
idea notion sign evidence indication message complaint criticism demand announcement
admission acknowledgment prediction perception sense feeling conviction theory impression
news word accusation assumption doubt suspicion confidence optimism pledge vow
""", "nouns with a 'that' clause that attribute it ('fears that S', 'the claim by X that S')")

_ABOUT = ("about", "on", "of")
NOUN_TOPIC_LEMMAS = Table("topic_nouns", {
    "criticism": ("of",), "support": ("for", "of"), "opposition": ("to",),
    "position": ("on",), "stance": ("on",), "view": _ABOUT, "comment": _ABOUT,
    "remark": _ABOUT, "statement": _ABOUT, "call": ("for",), "praise": ("for", "of"),
    "endorsement": ("of",), "attack": ("on",), "concern": ("about", "over"),
    "complaint": ("about",), "warning": ("about", "of", "against"), "defense": ("of",),
    "defence": ("of",), "embrace": ("of",), "rejection": ("of",), "denial": ("of",),
}, "'X's criticism of Y': the object of the preposition is the topic attributed to X")

REPORTER_CUES = words("reporter_cues", """
says notes adds writes argues explains reports warns insists observes concludes recalls
""", "third-person reporting verbs the tagger takes for plural nouns in a parenthetical "
     "('Importantly, Maynes notes, nobody at NATO ...'): still a cue, with the name before "
     "it as the speaker")

NEGATORS = words("content_negators", "nobody none nothing neither noone",
                 "a negative subject is part of what is reported, never its source: "
                 "'nobody at NATO is talking about Ukraine joining' keeps 'nobody'")

SPEAKER_LABEL = pattern("speaker_label",
                        r"(?P<label>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2}):\s+",
                        "a transcript turn opens with its speaker's name and a colon "
                        "('PENCE: Well, ...'): the speaker of that turn")

COLON_LEADS = words("colon_leads", """
comment put message statement remarks words explanation answer response
""", "a clause ending in a colon that announces words ('a friend commented:', 'Sanders "
     "made the following comment:', 'rolling out a new message:'): the quote after the "
     "colon is its subject's, with these verbs or objects besides the reporting verbs")

OBJECT_CONTROL = words("object_control", """
force lead leave persuade convince prompt push press urge ask get cause compel drive
""", "verbs whose object is the subject of the clause after them ('forced Stumpf to admit', "
     "'led the journalist to fear', 'left many nations feeling'): that object speaks")

OBJECT_AND_PREDICATE = words("object_and_predicate", """
call urge ask describe consider tell encourage warn
""", "verbs whose reported content is their object and the predicate after it ('called the "
     "deal a disaster', 'urged lawmakers to act'): the content runs from the object to the "
     "end of the predicate")

OBJECT_PREP = Table("object_preposition", {
    "accuse": ("of",), "blame": ("for", "on"), "criticize": ("for",), "criticise": ("for",),
    "blast": ("for",), "attack": ("for",), "praise": ("for",), "thank": ("for",),
    "slam": ("for",), "describe": ("as",), "liken": ("to",), "compare": ("to", "with"),
    "dismiss": ("as",), "cite": ("as",), "call": ("for",),
}, "verbs that report a judgement through their object and a preposition ('accused X of "
   "Y', 'blasted X for Y', 'described X as Y'): the content is the object with the "
   "preposition's phrase")

PREDICATE_ONLY = words("predicate_only", """
promise pledge vow propose threaten refuse agree
""", "verbs whose reported content is the clause they control ('vowed to fight', "
     "'threatened to leave'): the content is that clause")

OBJECT_CONTENT = words("object_content", """
acknowledge note admit cite propose demand deny announce reveal confirm predict criticize
criticise question dismiss reject blame praise
""", "verbs whose direct object is what was said ('denied the report', 'announced a "
     "ceasefire'): the object is the content when no clause follows")

CLAIM_NOUNS = words("claim_nouns", """
claim charge assertion statement allegation warning promise argument suggestion insistence
belief view
""", "nouns that carry what someone said ('X's claim that S', 'the allegation that S'): "
     "their clause is an attribution's content and their possessor its source")

ASIDE_OPENERS = words("aside_openers", "which who whom whose",
                      "a relative clause after a comma that opens with these ('the plan, "
                      "which includes a tax cut') is the writer's aside: a nominal content "
                      "(an object, a topic) ends before it")

STANCE_NOUNS = words("stance_nouns", """
critic opponent supporter proponent advocate champion defender backer skeptic sceptic foe
""", "nouns that name someone by a stance they voice ('X is a fierce critic of Y'): with the "
     "claim and topic nouns, the only nouns whose preposition's object is what X says")
