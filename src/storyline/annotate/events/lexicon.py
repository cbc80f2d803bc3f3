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
                 "units battalion battalions military missile missiles warhead warheads "
                 "warship warships jets bombers",
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
ACCUSE: indict sue impeach fault question blast assail castigate excoriate upbraid reprimand
ACCUSE: admonish vilify malign belittle demean denigrate decry deplore bash grill pillory
ACCUSE: discredit shame scapegoat slander libel defame taunt heckle lampoon chastise censure
ACCUSE: reproach jeer harangue prosecute subpoena despise loathe detest offend humiliate
ACCUSE: lambast skewer browbeat demonize demonise complain scapegoat challenge
AGREE: agree accept sign approve ratify settle
AID: aid assist help donate fund finance subsidize subsidise bankroll
ASSAULT: attack invade bomb shell annex assault strike kill occupy shoot wound injure murder
ASSAULT: assassinate stab behead bombard raid ambush massacre slaughter hack torture kidnap
ASSAULT: abduct destroy fight combat battle target pound hammer
COERCE: arrest detain expel seize coerce punish blockade jail imprison deport escort purge
COERCE: confiscate censor evict handcuff harass intimidate
CONCEDE: concede relent yield compromise admit apologize apologise comply pardon capitulate
CONCEDE: surrender retract recant cave
CONSULT: meet speak talk discuss negotiate consult visit phone confer telephone brief
CONSULT: convene huddle
COOPERATE: cooperate collaborate coordinate partner ally
MOBILIZE: mass amass
PROTEST: protest demonstrate rally march picket boycott boo riot
REJECT: reject dismiss deny refuse rebuff oppose veto spurn decline overrule overturn
REJECT: repudiate renounce disavow refute rebut snub shun disregard abandon
REQUEST: demand request urge ask appeal implore encourage press plead beg petition lobby
REQUEST: order instruct summon nudge exhort beseech
RETREAT: withdraw retreat evacuate de-escalate deescalate resign quit
SUPPORT: support back praise reassure defend applaud endorse thank champion commend hail
SUPPORT: laud uphold appreciate congratulate salute compliment extol
SANCTION: sanction embargo fire fine convict sentence ban suspend penalize penalise demote
SANCTION: revoke disqualify
THREATEN: threaten warn
""").items(), "verb lemmas that always express their PLOVER action (synonym sets of each "
   "PLOVER category, as the codebook applies it to political news)")

VERBAL_ATTACKS = words("verbal_attacks", "attack attacks assault hit strike target hammer "
                       "pound batter assail blast fight combat battle",
                       "physical-attack words that, aimed at a person (or told of a person "
                       "with no target), are verbal attacks: ACCUSE, not ASSAULT")
NEGATIVE_WORDS = words("negative_words", "derogatory disparaging insulting offensive "
                       "demeaning degrading disrespectful hateful racist sexist misogynist "
                       "xenophobic defamatory slanderous scathing harsh sharp personal "
                       "critical caustic vicious nasty inflammatory withering abusive "
                       "belittling mocking crude",
                       "a comment, remark or tweet with one of these modifiers is an "
                       "accusation ('derogatory comments about her')")
SPEECH_NOUNS = words("speech_nouns", "comment comments remark remarks tweet tweets words "
                     "references language rhetoric statements",
                     "speech nouns that code ACCUSE only with a negative modifier")
DOUBT_NOUNS = Table("doubt_nouns", dict.fromkeys((
    "questions", "concerns", "concern", "doubts", "misgivings", "reservations", "outrage",
    "scrutiny", "criticism", "backlash", "disapproval", "objections", "complaints"), "ACCUSE"),
    "misgivings that code ACCUSE only as the object of a light or receptive verb ('raised "
    "questions about', 'faced scrutiny', 'expressed concern about')")
RECEPTIVE_VERBS = words("receptive_verbs", "face draw receive get attract endure weather "
                        "suffer enjoy win earn gain garner secure",
                        "'faced questions', 'drew criticism', 'received an endorsement': the "
                        "subject is the event noun's target, not its source")
INTRANSITIVE_ONLY = words("intransitive_only", "demonstrate rally march",
                          "protest verbs that are no protest with a direct object "
                          "('demonstrated her skill', 'rallied supporters')")
SUPPORT_PREPS = words("support_preps", "for behind around",
                      "'rally for X', 'rallied behind X': support, not protest")

OBJECT_VERBS = Table("object_verbs", {
    **dict.fromkeys(("deploy", "gather", "move", "station", "build", "mobilize", "mobilise"),
                    ("MOBILIZE", MILITARY)),
    **dict.fromkeys(("send", "provide", "supply", "deliver"), ("AID", AID_OBJECTS)),
    **dict.fromkeys(("want", "seek"), ("REQUEST", WANT_OBJECTS)),
    **dict.fromkeys(("impose", "levy"), ("SANCTION", PENALTIES)),
    "hold": ("CONSULT", frozenset(["talks", "call", "meeting", "summit", "conversation"])),
    "push": ("SUPPORT", frozenset(["bill", "bills", "legislation", "measure", "plan", "policy",
                                   "proposal", "agenda", "reform"])),
    **dict.fromkeys(("remove",),
                    ("COERCE", frozenset(["voters", "voter", "names", "people"]))),
    "give": ("RETREAT", frozenset(["money"])),
    **dict.fromkeys(("vow", "promise"), ("THREATEN", frozenset(
        ["consequences", "retaliation", "reprisal", "reprisals", "punishment", "revenge"]))),
}, "verbs that express an action only with one of these objects ('deploy troops')")

PARTICLE_VERBS = Table("particle_verbs", {
    tuple(pair.split("_")): kind for pair, kind in _types("""
RETREAT: pull_back pull_out step_down drop_out back_away give_back
ACCUSE: go_after lash_out call_out hit_out rail_against speak_out pile_on tear_into
REJECT: turn_down push_back; CONCEDE: walk_back
SANCTION: rule_against break_up
CONSULT: reach_out
COOPERATE: team_up work_with; COERCE: take_off
SUPPORT: stand_with rally_behind rally_around campaign_for
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
CONSULT: discussion discussions visit briefing briefings consultation consultations touch
SANCTION: sanction sanctions embargo conviction fine fines penalty penalties firing firings
SANCTION: ouster suspension
ASSAULT: invasion attack attacks assault offensive bombing bombings incursion annexation war
ASSAULT: warfare terror shooting shootings killing killings massacre airstrike airstrikes
ASSAULT: raid raids hack hacking cyberattack cyberattacks assassination murder offense
ASSAULT: battle battles
MOBILIZE: buildup build-up mobilization mobilisation deployment surge
REQUEST: demand demands request requests ultimatum plea pleas petition
REQUEST: cease-and-desist
THREATEN: threat threats warning warnings
SUPPORT: support backing endorsement endorsements praise gratitude thanks appreciation
SUPPORT: compliment compliments tribute
AGREE: agreement deal accord treaty offer counteroffer pledge promise settlement
ACCUSE: accusation accusations condemnation criticism investigation probe audit lawsuit
ACCUSE: insult insults allegation allegations suit hearing hearings indictment
ACCUSE: investigations probes critique pile-on charges jabs barbs digs grilling mocking
REJECT: pushback disregard; REQUEST: orders pressure
PROTEST: protest protests demonstration demonstrations boycott walkout sit-in riot
AID: aid assistance donation donations contribution contributions loan loans funding
CONCEDE: concession concessions apology apologies admission retraction surrender pardon
CONCEDE: pardons
COERCE: arrest arrests detention deportation deportations purge purges crackdown expulsion
COERCE: removal imprisonment
RETREAT: withdrawal pullback de-escalation retreat resignation pullout
COOPERATE: cooperation coordination partnership collaboration alliance
REJECT: rejection refusal denial veto
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
                          "into of about upon",
                          "prepositions whose object can be an event noun's target "
                          "('sanctions on X', 'invasion of X'); 'about' for accusations only "
                          "('remarks about her', not 'talks about NATO')")
PRONOUNS = Table("pronouns", {
    "he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "his": "PERSON",
    "it": "THING", "its": "THING", "they": "ANY", "them": "ANY", "their": "ANY"},
    "pronouns resolved to an earlier subject mention of a fitting kind")
NOT_MET = words("not_met", "criteria requirement requirements standard standards target "
                "targets goals",
                "'meets the criteria' is no meeting")
LIGHT_VERBS = words("light_verbs", "hold have conduct launch make impose issue give express "
                    "lob hurl trade exchange direct "
                    "reiterate underscore announce join participate stage begin start offer "
                    "voice raise pose lodge file level mount wage double unleash intensify "
                    "escalate renew continue lead",
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
RESOLVED_LABELS = words("resolved_labels", "PRON NOM GROUP ANON",
                        "pronouns, descriptions, groups and unnamed sources: an event's "
                        "source or target once the actors stage has resolved them to an "
                        "actor ('she', 'the nominee', 'protesters')")
QUANTIFIER_PRONOUNS = words("quantifier_pronouns", """
all everyone everybody anyone anybody nobody none
""", "a group named only by a quantifier ('all agreed', 'everyone I interviewed') refers to "
     "no one in particular: no participant an event coder counts")
GENERIC_PLURALS = words("generic_plurals", "people",
                        "'people' restricted by a relative clause and no number ('people who "
                        "attack my wife') is a generic reference, not a participant")
PRESSURE_VERBS = Table("pressure_verbs", {"push": "REQUEST", "pressure": "REQUEST",
                                          "prod": "REQUEST", "tell": "REQUEST",
                                          "force": "COERCE", "compel": "COERCE"},
                       "verbs that code their type with a clause of what is pressed for "
                       "('pushed doctors to ask', 'forced us to put voters back')")
REFLEXIVES = words("reflexives", "himself herself themselves itself myself ourselves "
                   "yourself yourselves",
                   "'shot himself', 'defended himself': an action on oneself is no coded event")
BARE_SPEECH = words("bare_speech", "demand ask urge press",
                    "request verbs with no object or clause ('Vitter demanded.') only "
                    "introduce a quotation")
THING_TARGETS = words("thing_targets", "SUPPORT SANCTION COERCE AID",
                      "actions whose target may be a thing or an unnamed group ('pushed a "
                      "bill', 'fired the employees', 'purges of voter rolls'): an object noun "
                      "stands in for the target an actor would give")
TARGETED_VERBS = words("targeted_verbs", "pound hammer knock brand paint unload plaster hit "
                       "target",
                       "verbs that are verbal attacks only when aimed at an actor ('pounding "
                       "Trump as a con artist', 'branded the test a provocation')")
WEAPON_TESTS = words("weapon_tests", "test tests launch launches firing",
                     "'nuclear test', 'missile launch': a show of force (MOBILIZE) when a "
                     "weapon word modifies them")
WEAPONS = words("weapons", "nuclear missile missiles ballistic rocket rockets weapon weapons "
                "atomic warhead hydrogen",
                "the modifiers that make a test or launch a show of force")
PARTITIVES = words("partitives", "panel group members member chorus some others many most "
                   "dozens hundreds thousands team delegation leaders officials spokesman "
                   "spokeswoman spokesperson head chief lawyers attorneys city town county",
                   "'a panel of the appeals court', 'others in the party': the body named "
                   "after the preposition acts")
TOPIC_OBJECT = words("topic_object", "discuss negotiate debate",
                     "'discuss her history': the object is the topic, not the partner")
ADJECTIVES = Table("adjectives", {
    "opposed": ("REJECT", "to"), "critical": ("ACCUSE", "of"), "supportive": ("SUPPORT", "of"),
    "open": ("AGREE", "to")},
    "adjectives of a stance toward someone or something, with their preposition: 'resolutely "
    "opposed to the test', 'critical of the plan', 'open to talks'")
MANDATIVE = words("mandative", "insist demand urge ask request",
                  "'insisted that Pyongyang stop': a clause in the bare form after these is "
                  "a request")
