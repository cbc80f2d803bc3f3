"""Trigger words for coded events (annotate.events): PLOVER verbs, nouns and their licences.

``VERBS`` always code their type; ``OBJECT_VERBS`` only with one of the listed object heads
("deploy troops", "impose sanctions"); ``PARTICLE_VERBS`` need their particle ("pull back");
``NOUNS`` are event nouns ("talks", "buildup"). The rest are the small word and
dependency-label sets the parse rules consult (modality, sources and targets, pronouns).
"""

from __future__ import annotations


def _table(spec: str) -> dict[str, str]:
    """``TYPE: word word ...`` lines (or ``;``-separated parts) -> {word: TYPE}."""
    table: dict[str, str] = {}
    for line in spec.replace(";", "\n").strip().splitlines():
        kind, _, words = line.partition(":")
        table.update(dict.fromkeys(words.split(), kind.strip()))
    return table


def _wordset(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


MILITARY = _wordset("troop troops force forces soldier soldiers tank tanks army unit units "
                    "battalion battalions military")
AID_OBJECTS = _wordset("aid weapon weapons weaponry assistance arms adviser advisers advisor "
                       "advisors equipment ammunition supplies help money funding loan vaccines")
WANT_OBJECTS = _wordset("guarantee guarantees assurance assurances pledge promise concession "
                        "concessions commitment apology")
PENALTIES = _wordset("sanction sanctions consequence consequences penalty penalties cost costs "
                     "countermeasure countermeasures price punishment embargo tariff tariffs")

# verb lemma -> PLOVER type (always)
VERBS = _table("""
ACCUSE: accuse blame condemn criticize criticise denounce allege slam
AGREE: agree accept sign endorse approve ratify
AID: aid assist help
ASSAULT: attack invade bomb shell annex assault strike kill occupy
COERCE: arrest detain expel seize coerce punish blockade pressure
CONCEDE: concede relent yield compromise
CONSULT: meet speak talk discuss negotiate consult visit phone confer telephone
COOPERATE: cooperate collaborate coordinate partner
MOBILIZE: mass amass mobilize mobilise
PROTEST: protest demonstrate rally
REJECT: reject dismiss deny refuse rebuff oppose veto spurn rebuke
REQUEST: demand request urge ask appeal implore
RETREAT: withdraw retreat evacuate de-escalate deescalate
SUPPORT: support back praise reassure defend applaud
SANCTION: sanction embargo; THREATEN: threaten warn
""")

# verb lemma -> (type, object heads that license it): fires only with one of these objects
OBJECT_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    **dict.fromkeys(("deploy", "gather", "move", "station", "build"), ("MOBILIZE", MILITARY)),
    **dict.fromkeys(("send", "provide", "supply", "deliver"), ("AID", AID_OBJECTS)),
    **dict.fromkeys(("want", "seek"), ("REQUEST", WANT_OBJECTS)),
    **dict.fromkeys(("impose", "levy"), ("SANCTION", PENALTIES)),
    "hold": ("CONSULT", _wordset("talks call meeting summit conversation")),
}

# particle verbs: (lemma, particle) -> type
PARTICLE_VERBS: dict[tuple[str, str], str] = {
    tuple(pair.split("_")): kind for pair, kind in _table("""
RETREAT: pull_back pull_out
CONCEDE: back_down give_in
REJECT: rule_out; SANCTION: cut_off; MOBILIZE: build_up
REQUEST: call_on call_for press_for
CONSULT: sit_down
COERCE: crack_down
THREATEN: respond_with
""").items()}

# event nouns -> type
NOUNS = _table("""
CONSULT: call talks meeting summit conversation dialogue negotiation negotiations sit-down
SANCTION: sanction sanctions embargo
CONSULT: discussion discussions
ASSAULT: invasion attack assault offensive bombing incursion annexation
MOBILIZE: buildup build-up mobilization mobilisation deployment
REQUEST: demand demands request ultimatum
THREATEN: threat threats warning warnings
SUPPORT: support backing
AGREE: agreement deal accord treaty
ACCUSE: accusation accusations condemnation
PROTEST: protest protests demonstration demonstrations
AID: aid assistance; CONCEDE: concession
RETREAT: withdrawal pullback de-escalation retreat
COOPERATE: cooperation coordination
REJECT: rejection refusal denial
""")

FLIP_ON_NEGATION = {"AGREE": "REJECT"}  # "won't accept", "refused to agree"
SYMMETRIC, THREAT_TYPES = _wordset("CONSULT COOPERATE AGREE"), _wordset("SANCTION ASSAULT COERCE")
REPORTING = _wordset("say tell report claim believe state add note suggest assert announce "
                     "according think find assess expect warn")
DENIAL, HEDGES = _wordset("deny refuse rule"), _wordset("reportedly allegedly purportedly")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
TARGET_PREPS = ("to", "with", "against", "on", "at", "from", "for", "toward", "towards", "into")
NOUN_TARGET_PREPS = (*(p for p in TARGET_PREPS if p != "from"), "of")
PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "his": "PERSON",
            "it": "THING", "its": "THING", "they": "ANY", "them": "ANY", "their": "ANY"}
NOT_MET = _wordset("criteria requirement requirements standard standards target targets goals")
LIGHT_VERBS = _wordset("hold have conduct launch make impose issue give express reiterate "
                       "underscore announce join participate stage begin start offer voice")
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
