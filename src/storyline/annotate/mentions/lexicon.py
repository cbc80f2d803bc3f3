"""Words the mentions stage reads: pronouns, and the head nouns of descriptions, unnamed
sources and groups that can stand for an actor.

Besides named entities, the stage finds four kinds of mention that name no one by name
(``Mention.label``): ``PRON`` (a third-person pronoun), ``NOM`` (a description of a
specific actor: "the president", "the campaign", "the senior official"), ``ANON`` (an
unnamed source: "a senior administration official", "people familiar with the talks") and
``GROUP`` (a collective speaking as a class: "voters", "critics", "Democrats").
"""

from __future__ import annotations

from ...text.lexicon import Table, pattern, words

PRONOUNS = Table("pronouns", {
    "he": "m sg", "him": "m sg", "his": "m sg", "himself": "m sg",
    "she": "f sg", "her": "f sg", "hers": "f sg", "herself": "f sg",
    "they": "- pl", "them": "- pl", "their": "- pl", "theirs": "- pl", "themselves": "- pl",
}, "third-person pronouns that refer to a person or a group, with gender and number: the "
   "agreement the resolver checks ('it' is left out: mostly expletive or a thing)")

SPEAKING_IT = words("speaking_it", "it",
                    "'it said': an organisation, a country or a document speaking; 'it' "
                    "is a mention only as the active subject of a reporting verb (elsewhere "
                    "it is mostly expletive or a thing: 'it is believed that', 'it was "
                    "reported' name no one)")

RELATIVE_PRONOUNS = words("relative_pronouns", "who whom whose",
                          "a relative pronoun refers to the noun its clause hangs on "
                          "('Obama, who said ...')")

PERSON_NOUNS = words("person_nouns", """
man woman men women boy girl person guy lady gentleman child teenager father mother son
daughter husband wife brother sister uncle aunt grandmother grandfather widow victim suspect
gunman shooter driver pilot passenger witness survivor resident neighbor neighbour owner
actress actor singer star host explorer climber player athlete champion coach rapper model
patient doctor nurse lawyer attorney judge prisoner inmate defendant plaintiff veteran
billionaire businessman businesswoman entrepreneur
""", "head nouns of a description of one person ('the actress', 'the man'): a mention that "
     "may refer to a named person of the article")

ROLE_NOUNS = words("role_nouns", """
president president-elect vice-president chancellor premier minister secretary ambassador
envoy senator congressman congresswoman representative governor mayor king queen prince
princess pope general admiral commander chief director chairman chairwoman chair ceo leader
candidate nominee speaker prosecutor sheriff dictator strongman diplomat negotiator
commissioner lawmaker legislator economist analyst expert professor founder editor
correspondent reporter anchor columnist author writer official spokesman spokeswoman
spokesperson adviser advisor aide
""", "titles and roles: a description by role ('the president', 'the senior official') "
     "resolves to the person the article names with that role")

GENDERED_NOUNS = Table("gendered_nouns", {
    **dict.fromkeys(["man", "boy", "father", "son", "husband", "brother", "uncle", "grandfather", "gentleman", "guy", "businessman", "spokesman", "congressman", "chairman", "king", "prince", "actor", "gunman"], "m"),
    **dict.fromkeys(["woman", "girl", "mother", "daughter", "wife", "sister", "aunt", "grandmother", "lady", "widow", "businesswoman", "spokeswoman", "congresswoman", "chairwoman", "queen", "princess", "actress"], "f"),
}, "nouns that say a person's gender: agreement for 'he'/'she' and for descriptions")

ORG_NOUNS = words("org_nouns", """
administration government campaign company bank agency committee ministry department
police army military party council court commission team organization organisation firm
union alliance newspaper network office regime cabinet parliament congress senate
kremlin embassy bureau institute foundation group coalition board university school
channel broadcaster station network website outlet publication magazine journal bloc panel
""", "head nouns of a description of an organisation ('the campaign', 'the agency')")

DOCUMENT_NOUNS = words("document_nouns", """
poll polls survey surveys report reports study studies analysis data statistics figures
research document documents statement memo letter book article paper filing complaint
lawsuit audit review assessment estimate estimates projection projections forecast
findings website site video footage records transcript post tweet release advisory
""", "nouns for a document, a poll or a publication that 'says' something ('the poll shows', "
     "'a report by the agency found'): it speaks for its author, named in its own words "
     "or the same kind of document's author before it")

ANONYMOUS_HEADS = words("anonymous_heads", """
official officials source sources aide aides adviser advisers advisor advisors insider
insiders spokesman spokeswoman spokesperson staffer staffers diplomat diplomats person
someone somebody friend friends associate associates confidant confidants operative
operatives strategist strategists officer officers prosecutors administrators investigators
""", "head nouns of an unnamed source when written without a name: 'a senior official', "
     "'sources', 'a spokesman', 'friends of the president'")

QUANTITY_SUBJECTS = words("quantity_subjects", """
all many most some several few both everyone everybody majority minority number group
handful dozens hundreds thousands percent half third quarter plurality
""", "a subject that counts people ('many of his supporters believe', 'twelve percent said', "
     "'not everyone agrees', 'a group of doctors called'): a group speaking as a class")

COLLECTIVE_HEADS = words("collective_heads", """
group handful number dozens hundreds thousands couple coalition band
""", "a collective noun with 'of' and a plural ('a group of doctors sent a letter', 'a "
     "coalition of activists'): the people it counts act as a group, whatever the verb")

FAMILIAR = words("familiar_words", "familiar close knowledgeable briefed aware involved",
                 "'people familiar with the talks', 'people close to him': people who are "
                 "an unnamed source, not a group")

GROUP_HEADS = words("group_heads", """
voters critics experts analysts lawmakers legislators economists scientists researchers
residents citizens protesters demonstrators supporters opponents conservatives liberals
progressives investors observers leaders activists advocates proponents skeptics sceptics
historians pollsters commentators pundits members parents students workers employees
polls surveys
doctors farmers americans democrats republicans allies donors delegates senators
governors mayors lawyers officers authorities police respondents people readers viewers
fans families relatives witnesses observers negotiators commanders generals troops
""", "plural heads of a collective speaking as a class ('voters say', 'critics argue')")

INDEFINITE = words("indefinite_determiners", """
a an one two three four five six several some many few other another multiple numerous
various any
""", "determiners that introduce someone new: 'a senior official' is an unnamed source, "
     "'the senior official' refers back")

GIVEN_NAMES = Table("given_names", {
    **dict.fromkeys(["james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "bryan", "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "barack", "bernie", "bill", "mike", "chris", "tom", "jim", "ted", "ben", "dick", "newt", "mitt", "rudy", "rick", "marco", "vladimir", "dmitri", "dmitry", "sergei", "sergey", "yuri", "volodymyr", "emmanuel", "olaf", "boris", "xi", "recep", "jens", "antony", "tony", "lloyd", "jake", "ned", "alexei", "alexey", "oleksiy", "viktor", "igor", "ivan", "nikolai", "mikhail", "leonid", "petro", "pierre", "francois", "matteo", "mario", "giuseppe", "hans", "helmut", "gerhard", "friedrich", "klaus", "angelo", "carlos", "luis", "miguel", "pedro", "jorge", "manuel", "ahmed", "mohammed", "muhammad", "ali", "hassan", "hussein", "omar", "abdul", "ibrahim", "benjamin", "naftali", "yair", "shinzo", "fumio", "narendra", "rahul", "imran", "nawaz", "kim", "moon", "justin", "stephen"], "m"),
    **dict.fromkeys(["mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "hillary", "kamala", "nancy", "jen", "jill", "michelle", "condoleezza", "madeleine", "angela", "ursula", "theresa", "liz", "kristalina", "christine", "giorgia", "marine", "ségolène", "segolene", "annalena", "jacinda", "sanna", "maia", "tsai", "indira", "benazir", "golda", "julia", "nikki", "sarah", "elise", "tulsi", "kirsten", "dianne", "claire", "amy", "marsha", "lisa", "susan", "tammy", "elaine", "betsy", "kellyanne", "huma", "donna", "sheryl"], "f"),
}, "common given names with the gender a 'he' or 'she' agrees with; a first guess that "
   "pronouns and titles in the text can overrule")

HONORIFIC_GENDER = Table("honorific_gender", {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "miss": "f", "madam": "f", "dame": "f", "lady": "f", "lord": "m",
}, "honorifics before a name say the person's gender")

PARTY_TAG = pattern("party_tag", r"^\(\s*[RDI]\s*[-–,]\s*[A-Z][A-Za-z.]*\s*\)$",
                    "a party and state tag after a US politician's name ('(D-N.C.)'): not "
                    "an entity of its own")

DISTRIBUTIVES = words("distributives", "each both",
                      "'Trump and Clinton vied ..., each touting ...': a distributive "
                      "subject speaks for the subject of the clause it hangs on")

SPEECH_NOUNS = words("speech_nouns", """
account speech remarks comments comment testimony interview words message op-ed column
""", "nouns for what someone said or wrote ('according to her account', 'a speech Mrs. "
     "Clinton delivered'): they speak for the person their phrase names")

HEADLINE_SMALL = words("headline_small_words", """
a an the and or but of to in on at for by as with from vs v about after before over into
amid against near
""", "short words a Title Case headline leaves in lower case ('Set to Host the Awards'): "
     "they do not break a line's Title Case, and they are no name")

NAME_PARTICLES = words("name_particles", """
da de del della der den di do dos das du la le van von bin ibn al el y e zu ten ter st
""", "lower-case words that belong inside names ('Leonardo da Vinci', 'Charles de Gaulle'): "
     "a name runs on across them")
