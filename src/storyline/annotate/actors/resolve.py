"""Merge the mentions of one article into canonical actors.

Rules: titles and roles before a personal name ("Secretary of State", "White House press
secretary") become ``Actor.roles``, not part of the name; a surname alone links to the
unique full name of the article that ends with it; the kind is voted across mentions; a
small alias table folds the most common country and alliance forms ("US", "the U.S.",
"America") into one actor. ``Actor.id`` depends only on kind and normalized canonical name,
so the same person gets the same id in every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ...records import Actor, Mention, stable_id


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text`` (keeps word lists readable)."""
    return frozenset(text.split())


KIND_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place",
                 "FAC": "place", "NORP": "group"}
KIND_PRIORITY = ("person", "org", "place", "group")

#: Words that make a phrase a title or role ("press secretary", "Foreign Minister").
CORE_TITLES = _words("""
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
qb wr rb cb lb
""")
#: Words that may stand inside a role phrase but do not make one on their own.
MODIFIERS = _words("""
former then acting interim deputy assistant associate senior junior vice prime foreign
defense defence press national security intelligence army navy military staff affairs state
house white top executive economic trade finance health interior home energy treasury
homeland communications policy political legal cabinet party opposition majority minority
administration joint general-secretary first lady deputy-chief
""")
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "mx.", "mx", "sir",
                        "dame"})
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to"})
_ROLE_CONNECTORS = frozenset({"of", "the", "for", "on"})

ALIAS_TABLE = {
    ("United States", "place"): ("us", "usa", "united states", "united states of america",
                                 "america"),
    ("United Kingdom", "place"): ("uk", "united kingdom", "britain", "great britain"),
    ("European Union", "org"): ("eu", "european union"),
    ("United Nations", "org"): ("un", "united nations"),
    ("NATO", "org"): ("nato", "north atlantic treaty organization",
                      "north atlantic treaty organisation"),
    ("Soviet Union", "place"): ("ussr", "soviet union"),
    ("Russia", "place"): ("russia", "russian federation"),
    ("China", "place"): ("china", "prc", "people's republic of china"),
}
ALIASES = {form: target for target, forms in ALIAS_TABLE.items() for form in forms}

_STOPWORDS = _words("""
a an and as at but by for from if in into is it its nor of on or so than that the then this
those these to was were when where while with without after before because since until
unless though although yet also even only just not no he she they we you i said says
meanwhile however still now today yesterday tomorrow both all any each every some many
""")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_STOP_PUNCT = ",;:()[]{}\"“”‘!?—–|"


#: Abbreviations written for the first word of a place or a name before another word
#: ("Mt Cook", "St Louis", "Ft Worth"): normalized to the full word.
ABBREVIATIONS = {"mt": "mount", "st": "saint", "ste": "sainte", "ft": "fort", "pt": "point",
                 "gen": "general", "mtn": "mountain"}
#: Generation suffixes that do not change which person a name means for linking.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def normalize_name(name: str) -> str:
    """Lower case, no accents, no dots, plain apostrophes, one space between words, and a
    leading abbreviation spelled out ("Mt. Cook" -> "mount cook")."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"^the\s+", "", folded.replace(".", ""))
    words = folded.split()
    if len(words) > 1 and words[0] in ABBREVIATIONS:
        words[0] = ABBREVIATIONS[words[0]]
    return " ".join(words)


def is_title_word(word: str) -> bool:
    low = word.casefold().replace("’", "'")
    low = re.sub(r"^(?:then|ex|former)-", "", low)
    return low in CORE_TITLES or low in MODIFIERS or low in HONORIFICS


def _accept_role_word(word: str, right: str | None) -> bool:
    """Whether ``word`` continues a role phrase leftwards; ``right`` is the word after it."""
    if is_title_word(word) or word in _ROLE_CONNECTORS:
        return True
    if not word[:1].isupper() or _POSSESSIVE_END.search(word) or word.endswith("ing"):
        return False
    if right in _ROLE_CONNECTORS:
        return False  # "Lawyers for Dr ...": a name before "of"/"for" must itself be a title
    return word.isupper() or word.casefold() not in _STOPWORDS


def _clean_role(words: list[str]) -> list[str]:
    """Trim connectors and honorifics from the edges; empty unless a core title is left."""
    words = [re.sub(r"^(?:then|ex)-", "", w, flags=re.IGNORECASE) for w in words]
    while words and (words[0] in _ROLE_CONNECTORS or words[0].casefold() in HONORIFICS):
        words.pop(0)
    while words and words[-1].casefold() in HONORIFICS:
        words.pop()
    if not words or not is_title_word(words[-1]):
        return []
    if not any(w.casefold() in CORE_TITLES for w in words):
        return []
    core_before_last = any(w.casefold() in CORE_TITLES for w in words[:-1])
    if len(words) > 1 and words[-1].endswith(".") and core_before_last:
        words.pop()  # "Chief of Staff Gen." -> "Chief of Staff"
    return words


def role_words_before(text: str, start: int, max_words: int = 9) -> list[str]:
    """The title/role words written just before ``start`` on the same line, in order."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 120)
    words = text[line_start:start].split()
    taken: list[str] = []
    for word in reversed(words[-max_words:]):
        if word[-1] in _STOP_PUNCT or word[0] in _STOP_PUNCT:
            break
        if word.endswith(".") and not is_title_word(word) and not re.fullmatch(
            r"(?:[A-Z]\.)+", word
        ):
            break
        if not _accept_role_word(word, taken[-1] if taken else None):
            break
        taken.append(word)
    return _clean_role(list(reversed(taken)))


def strip_title_prefix(name: str) -> tuple[str, list[str]]:
    """Split titles spaCy kept inside a PERSON entity: "President Biden" -> Biden, [President]."""
    words = name.split()
    cut = 0
    while cut < len(words) - 1 and is_title_word(words[cut]) and words[cut][:1].isupper():
        cut += 1
    if cut == 0:
        return name, []
    return " ".join(words[cut:]), words[:cut]


@dataclass(slots=True)
class _Group:
    """Mentions believed to name one actor (mutable while resolving)."""

    key: str
    indexes: list[int] = field(default_factory=list)
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    alias: tuple[str, str] | None = None
    person_link: bool = False
    tokens: list[str] = field(default_factory=list)  # set when linking starts
    kind: str = ""

    def absorb(self, other: _Group) -> None:
        self.indexes += other.indexes
        self.names.update(other.names)
        self.labels.update(other.labels)
        self.roles += other.roles
        self.surfaces += other.surfaces


def _parse_mention(mention: Mention, text: str) -> tuple[str, list[str]]:
    """The plain name of a mention and the role phrases found with it."""
    if mention.label != "PERSON":
        return mention.text, []
    name, inner = strip_title_prefix(mention.text)
    words = _clean_role(role_words_before(text, mention.start) + inner)
    roles = [" ".join(words)] if words else []
    after = role_after(text, mention.end)
    return name, roles + ([after] if after else [])


_APPOSITIVE = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>[^,;.:()\n\"“”]{2,80}?)\s*[,;.]")
_NOT_IN_ROLE = frozenset({"who", "which", "that", "said", "says", "is", "was", "has", "had",
                          "will", "would", "and", "but", "also", "he", "she", "they", "it"})


def role_after(text: str, end: int) -> str | None:
    """A role in an appositive after a name: "Ann Vale, the agency's chief economist," ->
    "agency's chief economist" (a core title word, at most seven words, no clause)."""
    found = _APPOSITIVE.match(text, end)
    if not found:
        return None
    words = found["role"].split()
    if len(words) > 7 or any(w.casefold() in _NOT_IN_ROLE for w in words):
        return None
    if not any(w.casefold() in CORE_TITLES for w in words):
        return None
    return " ".join(words)


def _role_spans(mentions: Sequence[Mention], text: str) -> list[tuple[int, int]]:
    """Character spans of role phrases written before PERSON mentions."""
    spans = []
    for mention in mentions:
        if mention.label == "PERSON":
            words = role_words_before(text, mention.start)
            if words:
                spans.append((text.rfind(words[0], 0, mention.start), mention.start))
    return spans


def _is_role_fragment(mention: Mention, role_spans: Sequence[tuple[int, int]]) -> bool:
    """True for "State" in "Secretary of State Antony Blinken" and bare titles."""
    if all(is_title_word(word) for word in mention.text.split()):
        return True
    inside = any(s <= mention.start and mention.end <= e for s, e in role_spans)
    return inside and mention.label in {"ORG", "PERSON"} and is_title_word(
        mention.text.split()[-1]
    )


def _group_key(name: str, label: str) -> tuple[str, tuple[str, str] | None]:
    norm = normalize_name(name)
    alias = ALIASES.get(norm)
    if alias is not None and label != "NORP":
        return normalize_name(alias[0]), alias
    if label == "NORP" and norm.endswith("ns"):
        norm = norm[:-1]  # "Russians" and "Russian" are one group
    return norm, None


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese)s?$")


def _demonym_as_group(mention: Mention) -> Mention:
    """A one-word demonym tagged as a place ("Ukrainian" as GPE) counts as a group."""
    if mention.label in {"GPE", "LOC"} and _DEMONYM.match(mention.text):
        return replace(mention, label="NORP")
    return mention


def _build_groups(mentions: Sequence[Mention], text: str) -> tuple[dict[str, _Group], list]:
    role_spans = _role_spans(mentions, text)
    groups: dict[str, _Group] = {}
    keys: list[str | None] = []
    for index, mention in enumerate(mentions):
        name, roles = _parse_mention(mention, text)
        mention = _demonym_as_group(mention)
        key, alias = _group_key(name, mention.label)
        if mention.label not in KIND_OF_LABEL or not key or _is_role_fragment(mention, role_spans):
            keys.append(None)
            continue
        group = groups.setdefault(key, _Group(key, alias=alias))
        group.indexes.append(index)
        group.names[name] += 1
        group.labels[mention.label] += 1
        group.roles += roles
        group.surfaces.append(mention.text)
        keys.append(key)
    return groups, keys


def vote_kind(labels: Counter) -> str:
    """The kind most mentions agree on; ties go to person, then org, place, group."""
    votes: Counter = Counter()
    for label, count in labels.items():
        votes[KIND_OF_LABEL.get(label, label)] += count
    return max(votes, key=lambda kind: (votes[kind], -_priority(kind)))


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def name_tokens(name: str) -> list[str]:
    """The words of a normalized name without connectors or a final "Jr"/"III"."""
    tokens = [tok for tok in normalize_name(name).split() if tok not in CONNECTORS]
    if len(tokens) > 2 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tokens


def same_given_name(short: str, full: str) -> bool:
    """True when ``short`` may write the given name ``full``: the same word, its initial,
    or a clipped form of at least three letters ("Fred" of "Frederick")."""
    if short == full:
        return True
    if len(short) == 1:
        return full.startswith(short)
    return len(short) >= 3 and len(full) > len(short) and full.startswith(short)


def compatible_names(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two personal names of equal length that differ only by initials or clipped given
    names ("W Mark Felt" / "William Mark Felt"); the last word must be equal."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1] or list(a) == list(b):
        return False
    return all(same_given_name(x, y) or same_given_name(y, x) for x, y in zip(a[:-1], b[:-1]))


def partial_name_of(short: Sequence[str], full: Sequence[str]) -> bool:
    """True when ``short`` is a shorter form of the personal name ``full``: the surname
    ("Putin"), or first and last name without the middle ("Mark Heller" of "Mark Jay
    Heller"), or an initial and the surname ("J Heller")."""
    if not short or len(short) >= len(full) or short[-1] != full[-1]:
        return False
    if len(short) == 1 or list(full[-len(short):]) == list(short):
        return True  # "Putin"; "Ellen Vane" of "Comedian Ellen Vane"
    return same_given_name(short[0], full[0])


def acronym_of(short_name: str, full: Sequence[str]) -> bool:
    """True for "AP" of "Associated Press": an upper-case word of the full name's initials."""
    letters = short_name.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    initials = "".join(word[0] for word in full if word not in CONNECTORS and word != "a")
    return len(full) >= 2 and initials == letters.casefold()


def suffix_of(short: Sequence[str], full: Sequence[str]) -> bool:
    """True for "Red Sox" of "Boston Red Sox": two or more final words of a longer name."""
    return 2 <= len(short) < len(full) and list(full[-len(short):]) == list(short)


def last_word_of(short: Sequence[str], full_name: str) -> bool:
    """True for "Saints" of "New Orleans Saints": the one word ending a longer name with no
    connector in it ("Ruritania" is no short form of "University of Ruritania")."""
    words = normalize_name(full_name).split()
    if len(short) != 1 or len(words) < 2 or any(w in CONNECTORS for w in words):
        return False
    return words[-1] == short[0] and len(short[0]) >= 3


_GROUP_WORD = re.compile(r"(?:an|ans|ese|ish|ic|i|ch|s)$")


def _may_be_person_form(group: _Group) -> bool:
    if group.alias is not None:
        return False
    if group.labels["NORP"] and (_GROUP_WORD.search(group.key) or " " in group.key):
        return False  # a people ("Kurds", "Russian"), not a surname spaCy took for one
    others = sum(group.labels.values()) - group.labels["PERSON"]
    # spaCy's small model often tags a surname as ORG; a GPE-tagged word is trusted less
    return group.labels["PERSON"] > 0 or vote_kind(group.labels) == "org" or others <= 2


def _link_candidates(group: _Group, groups: Sequence[_Group]) -> tuple[list[_Group], bool]:
    """Longer groups ``group`` may be a short form of, and whether they are people."""
    tokens = group.tokens
    if _may_be_person_form(group):
        people = [g for g in groups if g is not group and g.labels["PERSON"] and g.alias is None
                  and len(g.tokens) > len(tokens)]
        found = [g for g in people if partial_name_of(tokens, g.tokens)]
        if not found and len(tokens) == 1 and group.labels["PERSON"]:
            found = [g for g in people if g.tokens[0] == tokens[0]]
        if found:
            return found, True
    if group.alias is not None or group.labels["PERSON"] or group.labels["NORP"]:
        return [], False
    name = max(group.names, key=group.names.__getitem__)
    return [g for g in groups if g is not group and g.alias is None and not g.labels["NORP"]
            and g.kind == group.kind and len(g.tokens) > len(tokens)
            and (acronym_of(name, g.tokens) or suffix_of(tokens, g.tokens)
                 or (g.kind == "org" and last_word_of(tokens, g.key)))], False


def _link_surnames(groups: dict[str, _Group]) -> dict[str, str]:
    """Map the key of each short-form group to the unique longer group it belongs to."""
    links: dict[str, str] = {}
    for group in groups.values():
        group.tokens, group.kind = name_tokens(group.key), vote_kind(group.labels)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.tokens), g.key))
    for group in ordered:
        candidates, is_person = _link_candidates(group, ordered)
        targets = {_follow(links, c.key) for c in candidates}
        targets.discard(group.key)
        if len(targets) == 1:
            target = targets.pop()
            links[group.key] = target
            groups[target].person_link |= is_person
    return links


def _follow(links: dict[str, str], key: str) -> str:
    seen = set()
    while key in links and key not in seen:
        seen.add(key)
        key = links[key]
    return key


_PLAIN_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?\.?")


def person_name_rank(name: str, count: int) -> tuple:
    """Sort key of a personal name for canonical use: plain names (words only, none
    repeated) first, then the longest, then the most frequent."""
    words = name.split()
    plain = all(_PLAIN_WORD.fullmatch(w) for w in words) and len(set(words)) == len(words)
    return plain, len(name_tokens(name)), count, len(name), name


def _canonical_name(group: _Group, kind: str) -> str:
    if group.alias:
        return group.alias[0]
    if kind == "person":
        return max(group.names, key=lambda n: person_name_rank(n, group.names[n]))
    sign = -1 if kind == "group" else 1  # "Russian" over "Russians", "NATO" over "Nato"
    return max(group.names, key=lambda n: (group.names[n], sign * len(n), n))


def unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def actor_id(kind: str, name: str) -> str:
    return stable_id("actor", kind, normalize_name(name))


def _make_actor(group: _Group, article_id: str) -> Actor:
    kind = group.alias[1] if group.alias else vote_kind(group.labels)
    if group.person_link:
        kind = "person"
    name = _canonical_name(group, kind)
    return Actor(
        id=actor_id(kind, name),
        name=name,
        kind=kind,
        aliases=unique([name, *group.names, *group.surfaces]),
        roles=unique(group.roles) if kind == "person" else (),
        mention_count=len(group.indexes),
        article_ids=(article_id,),
    )


def _merge_links(groups: dict[str, _Group], links: dict[str, str]) -> dict[str, str]:
    """Fold linked groups into their targets; return key -> final key."""
    final = {key: _follow(links, key) for key in groups}
    for key, target in final.items():
        if key != target:
            groups[target].absorb(groups[key])
    return final


def resolve_actors(
    mentions: Sequence[Mention], text: str, article_id: str
) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """Canonical actors of one article and its mentions with ``actor_id`` set.

    Mentions that name no actor (a bare title, "State" in "Secretary of State", a named
    event or law) keep ``actor_id=None``.
    """
    groups, keys = _build_groups(mentions, text)
    final = _merge_links(groups, _link_surnames(groups))
    actor_of_key = {key: _make_actor(groups[key], article_id) for key in set(final.values())}
    resolved = []
    for mention, key in zip(mentions, keys):
        actor = actor_of_key[final[key]] if key is not None else None
        resolved.append(replace(mention, actor_id=actor.id if actor else None))
    actors = sorted(actor_of_key.values(), key=lambda a: (-a.mention_count, a.name))
    return tuple(actors), tuple(resolved)
