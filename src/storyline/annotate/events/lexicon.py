"""Trigger words for coded events (annotate.events): PLOVER verbs, nouns and their licences.

Every entry is a ``storyline.text.lexicon`` entry with a name and a reason. ``VERBS`` always
code their type; ``OBJECT_VERBS`` only with one of the listed object heads ("deploy
troops", "impose sanctions"); ``PARTICLE_VERBS`` need their particle ("pull back");
``NOUNS`` are event nouns ("talks", "buildup"). The rest are the small word and
dependency-label sets the parse rules consult (modality, sources and targets, pronouns).
The verbs and nouns follow the PLOVER codebook as it applies to news about politics and
conflict (verbal attacks are ACCUSE, endorsements SUPPORT, firings and fines SANCTION).
"""

from __future__ import annotations

from ...text.lexicon import Table, words


def _types(spec: str) -> dict[str, str]:
    """``TYPE: word word ...`` lines (or ``;``-separated parts) -> {word: TYPE}."""
    table: dict[str, str] = {}
    for line in spec.replace(";", "\n").strip().splitlines():
        kind, _, listed = line.partition(":")
        table.update(dict.fromkeys(listed.split(), kind.strip()))
    return table


MILITARY = words("military", "troop troops force forces soldier soldiers tank tanks army unit "
                 "units battalion battalions military",
                 "'deploy', 'move', 'build' code MOBILIZE only with these objects")
AID_OBJECTS = words("aid_objects", "aid weapon weapons weaponry assistance arms adviser "
                    "advisers advisor advisors equipment ammunition supplies help money "
                    "funding loan vaccines",
                    "'send', 'provide', 'supply' code AID only with these objects")
WANT_OBJECTS = words("want_objects", "guarantee guarantees assurance assurances pledge promise "
                     "concession concessions commitment apology",
                     "'want', 'seek' code REQUEST only with these objects")
PENALTIES = words("penalties", "sanction sanctions consequence consequences penalty penalties "
                  "cost costs countermeasure countermeasures price punishment embargo tariff "
                  "tariffs",
                  "'impose' codes SANCTION (or a threat of it) with these; 'respond with' a "
                  "penalty is a threat")

VERBS = Table("verbs", _types("""
ACCUSE: accuse blame condemn criticize criticise denounce allege slam mock ridicule deride
ACCUSE: berate lambaste chide scold rebuke disparage smear insult investigate probe audit
ACCUSE: indict sue impeach fault question
AGREE: agree accept sign approve ratify
AID: aid assist help donate fund
ASSAULT: attack invade bomb shell annex assault strike kill occupy
COERCE: arrest detain expel seize coerce punish blockade jail imprison deport escort
CONCEDE: concede relent yield compromise admit apologize apologise comply pardon
CONSULT: meet speak talk discuss negotiate consult visit phone confer telephone
COOPERATE: cooperate collaborate coordinate partner
MOBILIZE: mass amass
PROTEST: protest demonstrate rally march picket boycott
REJECT: reject dismiss deny refuse rebuff oppose veto spurn decline
REQUEST: demand request urge ask appeal implore encourage press
RETREAT: withdraw retreat evacuate de-escalate deescalate resign quit
SUPPORT: support back praise reassure defend applaud endorse thank champion commend hail
SUPPORT: laud
SANCTION: sanction embargo fire fine convict sentence ban suspend; THREATEN: threaten warn
""").items(), "verb lemmas that always express their PLOVER action")

OBJECT_VERBS = Table("object_verbs", {
    **dict.fromkeys(("deploy", "gather", "move", "station", "build", "mobilize", "mobilise"),
                    ("MOBILIZE", MILITARY)),
    **dict.fromkeys(("send", "provide", "supply", "deliver"), ("AID", AID_OBJECTS)),
    **dict.fromkeys(("want", "seek"), ("REQUEST", WANT_OBJECTS)),
    **dict.fromkeys(("impose", "levy"), ("SANCTION", PENALTIES)),
    "hold": ("CONSULT", frozenset(["talks", "call", "meeting", "summit", "conversation"])),
}, "verbs that express an action only with one of these objects ('deploy troops')")

PARTICLE_VERBS = Table("particle_verbs", {
    tuple(pair.split("_")): kind for pair, kind in _types("""
RETREAT: pull_back pull_out step_down
CONCEDE: back_down give_in
REJECT: rule_out; SANCTION: cut_off; MOBILIZE: build_up
REQUEST: call_on call_for press_for
CONSULT: sit_down
COERCE: crack_down
THREATEN: respond_with
SUPPORT: vote_for stand_by
""").items()}, "verbs that express an action only with their particle ('pull back')")

NOUNS = Table("nouns", _types("""
CONSULT: call talks meeting summit conversation dialogue negotiation negotiations sit-down
SANCTION: sanction sanctions embargo conviction fine
CONSULT: discussion discussions
ASSAULT: invasion attack assault offensive bombing incursion annexation
MOBILIZE: buildup build-up mobilization mobilisation deployment
REQUEST: demand demands request ultimatum
THREATEN: threat threats warning warnings
SUPPORT: support backing endorsement endorsements praise
AGREE: agreement deal accord treaty
ACCUSE: accusation accusations condemnation criticism investigation probe audit lawsuit
ACCUSE: insult insults
PROTEST: protest protests demonstration demonstrations rally boycott
AID: aid assistance; CONCEDE: concession
RETREAT: withdrawal pullback de-escalation retreat resignation
COOPERATE: cooperation coordination
REJECT: rejection refusal denial
""").items(), "event nouns: 'the talks', 'Russia's buildup', 'sanctions on Moscow'")

FLIP_ON_NEGATION = Table("flip_on_negation", {"AGREE": "REJECT"},
                         "'won't accept', 'refused to agree': a negated agreement is a "
                         "rejection")
SYMMETRIC = words("symmetric", "CONSULT COOPERATE AGREE",
                  "mutual actions: 'Biden and Putin met' gives source and target")
THREAT_TYPES = words("threat_types", "SANCTION ASSAULT COERCE",
                     "a threatened sanction, attack or arrest is coded THREATEN")
THREAT_HEADS = words("threat_heads", "threaten warn vow pledge promise",
                     "'threatened to impose sanctions', 'vowed to ban': the action is a "
                     "threat")
REPORTING = words("reporting", "say tell report claim believe state add note suggest assert "
                  "announce according think find assess expect warn",
                  "an action in the complement of these verbs is reported")
DENIAL = words("denial", "deny refuse rule",
               "'denied attacking', 'refused to meet': the action is negated")
HEDGES = words("hedges", "reportedly allegedly purportedly",
               "an action told with these adverbs is reported")
SUBJECTS = words("subjects", "nsubj nsubjpass csubj",
                 "dependency labels of a clause's subject: where the source is found")
TARGET_PREPS = words("target_preps", "to with against on at from for toward towards into",
                     "prepositions whose object can be a verb's target ('met with X')")
NOUN_TARGET_PREPS = words("noun_target_preps", "to with against on at for toward towards "
                          "into of",
                          "prepositions whose object can be an event noun's target "
                          "('sanctions on X', 'invasion of X')")
PRONOUNS = Table("pronouns", {
    "he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "his": "PERSON",
    "it": "THING", "its": "THING", "they": "ANY", "them": "ANY", "their": "ANY"},
    "pronouns resolved to an earlier subject mention of a fitting kind")
NOT_MET = words("not_met", "criteria requirement requirements standard standards target "
                "targets goals",
                "'meets the criteria' is no meeting")
LIGHT_VERBS = words("light_verbs", "hold have conduct launch make impose issue give express "
                    "reiterate underscore announce join participate stage begin start offer "
                    "voice",
                    "'held talks', 'reiterated support': the verb's subject is the noun's "
                    "source")
NEEDS_TARGET = words("needs_target", "CONSULT ASSAULT COERCE AID SANCTION SUPPORT COOPERATE",
                     "actions done to someone: without a target ('spoke at a rally', 'the "
                     "pace of killing', '5 percent support') there is no coded event")
NEEDS_COMPLEMENT = words("needs_complement", "ask encourage",
                         "requests only with what is asked: 'asked him to leave', 'asked "
                         "for help'; not 'asked how', 'encouraging the attacks'")
ACTOR_LABELS = words("actor_labels", "PERSON ORG GPE NORP LOC FAC",
                     "entity labels that can be an event's source or target")
