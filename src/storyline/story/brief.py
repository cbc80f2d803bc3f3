"""The cited brief: 5 to 10 extractive sentences that tell the story.

Candidates are article sentences that read as statements (at least eight words, not a
question, not a headline without end punctuation, not a quote with no narration around
it) and whose text is exactly the article text at their offsets. Each candidate is scored
by how strongly other outlets say the same thing (TF-IDF cosine), how central it is, how
early it sits in its article, how recent its article is, and whether it is one of the key
days' sentences: cited by the timeline, or ranked first for its day by content alone
(``timeline.build_timeline`` without the weights that shape an entry's wording: the brief
picks by what a sentence says, not by how plainly it reports its day); commentary (the dating stage's reading) counts less. Selection then fills, in order:
the latest state (from the most recent articles), what a reader needs and the best
sentences have not yet given (a figure, a demand, a threat, an offer: ``brief_facts``),
and the key developments by maximal marginal relevance. No two chosen sentences carry the
same information (:func:`redundant`: most of the words of one are in the other, or the
events of one are all events of the other). A sentence of another article is cited too
only when it supports the brief sentence (``brief_facts.supports``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..config import StorySettings
from ..pipeline import Stage
from ..records import (
    Annotation,
    Article,
    BriefSentence,
    Citation,
    Event,
    Sentence,
    TimelineEntry,
)
from ..text.vectors import similarities, tfidf
from ..text.words import terms
from .brief_facts import Facts, same_information, sentence_facts, supports
from .brief_lexicon import ANAPHORA
from .timeline import DatedSentence, build_timeline

MIN_WORDS = 8
MAX_CANDIDATES = 1500  # bounds the similarity matrix on very large stories
CITE_ALSO = 0.3  # cosine above which another outlet's sentence is checked as support
MAX_EXTRA_CITATIONS = 3
SAME_ARTICLE_PENALTY = 0.08  # per sentence already chosen from the same article
ANAPHORIC_FACTOR = 0.6  # "That meeting ...", "He added ...": weaker on their own
COVERAGE = ("figure", "demand", "threat", "offer")
COVERAGE_FLOOR = 0.5  # a coverage pick needs this share of the best relevance
REDUNDANT_SHARE = 0.6  # share of the shorter sentence's words in the other: the same

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]?")
END_PUNCT = (".", "!", "\"", "”", "’", "'", ")")


def word_overlap(a: str, b: str) -> float:
    """The share of the shorter text's distinct terms that the other text has."""
    return _overlap(frozenset(terms(a)), frozenset(terms(b)))


def _overlap(ta: frozenset[str], tb: frozenset[str]) -> float:
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def redundant(a: str, b: str, facts_a: Facts | None = None,
              facts_b: Facts | None = None) -> bool:
    """The brief's redundancy check: two sentences say the same thing when most of the
    words of one are in the other, or when the events of one are all events of the other
    and it adds no figure."""
    if word_overlap(a, b) >= REDUNDANT_SHARE:
        return True
    return facts_a is not None and facts_b is not None and same_information(facts_a, facts_b)


def redundant_pairs(texts: Sequence[str], facts: Sequence[Facts] | None = None
                    ) -> list[tuple[int, int]]:
    """Every pair of ``texts`` the redundancy check flags."""
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if redundant(texts[i], texts[j], facts[i] if facts else None,
                         facts[j] if facts else None):
                out.append((i, j))
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    sentence: Sentence
    outlet: str
    published: str
    facts: Facts
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Pool:
    """The candidates with their similarity matrix and relevance."""

    candidates: list[_Candidate]
    similarity: np.ndarray
    relevance: np.ndarray

    def redundant(self, i: int, j: int) -> bool:
        a, b = self.candidates[i], self.candidates[j]
        return (_overlap(a.words, b.words) >= REDUNDANT_SHARE
                or same_information(a.facts, b.facts))

    def fits(self, i: int, chosen: Sequence[int]) -> bool:
        return not any(self.redundant(i, j) for j in chosen)


def write_brief(sentences: Sequence[Sentence], articles: Mapping[str, Article], *,
                timeline: Sequence[TimelineEntry] = (),
                facts: Mapping[tuple[str, int], Facts] | None = None,
                settings: StorySettings | None = None) -> tuple[BriefSentence, ...]:
    """Pick ``brief_min``..``brief_max`` article sentences (fewer only when fewer candidates
    exist), each cited. ``facts`` maps (article id, sentence start) to what the sentence
    states; ``settings`` (the story settings) give the bounds and the weights."""
    facts = facts or {}
    settings = settings or StorySettings()
    candidates = [c for c in (_candidate(s, articles, facts) for s in sentences)
                  if c is not None]
    if not candidates:
        return ()
    candidates = [_with_words(c) for c in _leads_first(candidates, MAX_CANDIDATES)]
    vectors = tfidf([c.sentence.text for c in candidates])
    similarity = similarities(vectors)
    pool = _Pool(candidates, similarity,
                 _relevance(candidates, similarity, timeline, settings))
    n_articles = len({c.sentence.article_id for c in candidates})
    target = min(settings.brief_max, max(settings.brief_min, 2 + n_articles))
    chosen = _select(pool, target, settings)
    return tuple(_cite(i, pool) for i in _order(chosen, candidates))


# ---------------------------------------------------------------- candidates


def _leads_first(candidates: list[_Candidate], cap: int) -> list[_Candidate]:
    """At most ``cap`` candidates: every article's first sentences before anyone's later ones."""
    if len(candidates) <= cap:
        return candidates
    ranked = sorted(range(len(candidates)), key=lambda i: (candidates[i].sentence.index, i))
    return [candidates[i] for i in sorted(ranked[:cap])]


def _candidate(sentence: Sentence, articles: Mapping[str, Article],
               facts: Mapping[tuple[str, int], Facts]) -> _Candidate | None:
    article = articles.get(sentence.article_id)
    if article is None or article.text[sentence.start:sentence.end] != sentence.text:
        return None
    if article.duplicate_of:  # a linked copy adds nothing the original does not say
        return None
    known = facts.get((sentence.article_id, sentence.start), Facts())
    sentence = _trimmed(sentence)
    if not is_statement(sentence.text):
        return None
    return _Candidate(sentence, article.outlet or article.source or article.id,
                      (article.published or "")[:10], known, frozenset())


def _with_words(candidate: _Candidate) -> _Candidate:
    """The candidate with its terms, made only for the candidates kept (a large story has
    far more sentences than ``MAX_CANDIDATES``)."""
    return replace(candidate, words=frozenset(terms(candidate.sentence.text)))


def _trimmed(sentence: Sentence) -> Sentence:
    """The sentence without surrounding whitespace, offsets moved to match."""
    text = sentence.text
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    if core == text:
        return sentence
    return Sentence(sentence.article_id, sentence.index, sentence.start + lead,
                    sentence.start + lead + len(core), core)


def is_statement(text: str) -> bool:
    """Whether a sentence reads as a full statement fit for the brief."""
    stripped = text.strip()
    if len(WORD.findall(stripped)) < MIN_WORDS or "\n\n" in stripped:
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()) and stripped[0] not in "\"“'‘(":
        return False
    if stripped.rstrip("\"”’' )").endswith("?") or not stripped.endswith(END_PUNCT):
        return False
    if stripped.endswith((":", ";", ",")):
        return False
    narration = QUOTED.sub(" ", stripped)
    if len(WORD.findall(narration)) < 4:  # a quote with (almost) no narration around it
        return False
    return sum(ch.islower() for ch in stripped) > 0.5 * sum(ch.isalpha() for ch in stripped)


# ---------------------------------------------------------------- scoring


def _relevance(candidates: list[_Candidate], similarity: np.ndarray,
               timeline: Sequence[TimelineEntry], settings: StorySettings) -> np.ndarray:
    parts = {
        "support": _support(candidates, similarity),
        "centrality": _normalize(np.asarray(
            (similarity.sum(axis=1) - 1.0) / max(1, len(candidates) - 1))),
        "position": np.array([1.0 / (1.0 + 0.15 * c.sentence.index) for c in candidates]),
        "recency": _recency(candidates),
        "timeline": _timeline_hits(candidates, timeline),
    }
    score = sum(getattr(settings, f"brief_{name}_weight") * values
                for name, values in parts.items())
    standalone = np.array([(1.0 if _first_word(c.sentence.text) not in ANAPHORA
                            else ANAPHORIC_FACTOR)
                           * (settings.brief_commentary_factor
                              if c.facts.kind == "commentary" else 1.0)
                           for c in candidates])
    return score * standalone


def _first_word(text: str) -> str:
    words = WORD.findall(text)
    return re.split(r"['’]", words[0].lower())[0] if words else ""


def _support(candidates: list[_Candidate], similarity: np.ndarray) -> np.ndarray:
    """Sum over other outlets of the best cosine with one of their sentences."""
    by_outlet: dict[str, list[int]] = {}
    for i, cand in enumerate(candidates):
        by_outlet.setdefault(cand.outlet, []).append(i)
    scores = np.zeros(len(candidates))
    for members in by_outlet.values():
        best = similarity[:, members].max(axis=1)
        best[members] = 0.0
        scores += best
    return _normalize(scores)


def _recency(candidates: list[_Candidate]) -> np.ndarray:
    dates = sorted({c.published for c in candidates if c.published})
    if len(dates) < 2:
        return np.ones(len(candidates))
    rank = {d: i / (len(dates) - 1) for i, d in enumerate(dates)}
    return np.array([rank.get(c.published, 0.0) for c in candidates])


def _timeline_hits(candidates: list[_Candidate],
                   timeline: Sequence[TimelineEntry]) -> np.ndarray:
    cited: dict[str, list[Citation]] = {}
    for entry in timeline:
        for c in entry.citations:
            cited.setdefault(c.article_id, []).append(c)
    hits = []
    for cand in candidates:
        s = cand.sentence
        hits.append(float(any(c.start < s.end and s.start < c.end
                              for c in cited.get(s.article_id, ()))))
    return np.array(hits)


def _normalize(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


# ---------------------------------------------------------------- selection


def _select(pool: _Pool, target: int, settings: StorySettings) -> list[int]:
    """The latest state, then what is not yet covered, then the key developments."""
    candidates = pool.candidates
    latest = max(c.published for c in candidates)
    pool_latest = [i for i, c in enumerate(candidates) if c.published == latest]
    chosen: list[int] = []
    articles = [c.sentence.article_id for c in candidates]
    weight = settings.brief_mmr_lambda
    _mmr(pool_latest, pool, chosen, (min(settings.brief_latest_slots, target), weight),
         articles)
    _cover(pool, chosen, target)
    _mmr(range(len(candidates)), pool, chosen, (target, weight), articles)
    return chosen


def _cover(pool: _Pool, chosen: list[int], target: int) -> None:
    """For each need no chosen sentence meets yet, the best fitting sentence that meets it."""
    floor = COVERAGE_FLOOR * float(pool.relevance.max()) if pool.relevance.size else 0.0
    for need in COVERAGE:
        if len(chosen) >= target:
            return
        if any(need in pool.candidates[j].facts.covers for j in chosen):
            continue
        options = [i for i, c in enumerate(pool.candidates)
                   if need in c.facts.covers and i not in chosen
                   and pool.relevance[i] >= floor and pool.fits(i, chosen)]
        if options:
            chosen.append(max(options, key=lambda i: (pool.relevance[i], -i)))


def _mmr(indices, pool: _Pool, chosen: list[int], goal: tuple[int, float],
         articles: list[str]) -> None:
    """Add members of ``indices`` by maximal marginal relevance (``goal``: how many to
    reach, the weight of relevance against similarity), skipping redundant ones."""
    target, weight = goal
    remaining = [i for i in indices if i not in chosen]
    while len(chosen) < target and remaining:
        best, best_score = None, -math.inf
        for i in remaining:
            if not pool.fits(i, chosen):
                continue
            redundancy = max((pool.similarity[i, j] for j in chosen), default=0.0)
            same = sum(articles[j] == articles[i] for j in chosen)
            score = (weight * pool.relevance[i] - (1 - weight) * redundancy
                     - SAME_ARTICLE_PENALTY * same)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            return
        chosen.append(best)
        remaining.remove(best)


def _order(chosen: list[int], candidates: list[_Candidate]) -> list[int]:
    """Latest state first (the most recent articles), then the background, newest first.

    Within a date, articles come in the order their best sentence was chosen (the most
    relevant first) and each article's sentences in text order.
    """
    rank: dict[str, int] = {}
    for i in chosen:  # chosen is in order of selection: best first
        rank.setdefault(candidates[i].sentence.article_id, len(rank))

    def key(i: int) -> tuple:
        s = candidates[i].sentence
        return (rank[s.article_id], s.start)

    ordered = sorted(chosen, key=key)
    return sorted(ordered, key=lambda i: candidates[i].published, reverse=True)  # stable


def _cite(i: int, pool: _Pool) -> BriefSentence:
    """The sentence's own citation, then up to three other articles' sentences that
    support it (see ``brief_facts.supports``)."""
    candidates = pool.candidates
    own = candidates[i]
    citations = [Citation(own.sentence.article_id, own.sentence.start, own.sentence.end)]
    seen_articles = {own.sentence.article_id}
    for j in np.argsort(-pool.similarity[i]):
        if len(citations) > MAX_EXTRA_CITATIONS or pool.similarity[i, j] < CITE_ALSO:
            break
        other = candidates[j]
        if other.sentence.article_id in seen_articles or not supports(own.facts, other.facts):
            continue
        seen_articles.add(other.sentence.article_id)
        citations.append(Citation(other.sentence.article_id, other.sentence.start,
                                  other.sentence.end))
    return BriefSentence(text=own.sentence.text, citations=tuple(citations))


# ---------------------------------------------------------------- the stage


def story_facts(sources: Sequence[Annotation], actor_map: Mapping[str, str]
                ) -> dict[tuple[str, int], Facts]:
    """(article id, sentence start) -> the facts of every sentence of ``sources``."""
    out: dict[tuple[str, int], Facts] = {}
    for annotation in sources:
        by_sentence: dict[tuple[int, int], list[Event]] = {}
        for event in annotation.events:
            for c in event.citations:
                if c.article_id == annotation.article_id:
                    by_sentence.setdefault((c.start, c.end), []).append(event)
        for sentence in annotation.sentences:
            events = [e for (start, end), found in by_sentence.items()
                      if sentence.start <= start and end <= sentence.end for e in found]
            out[(sentence.article_id, sentence.start)] = sentence_facts(
                sentence, annotation, actor_map, events)
    return out


def key_day_entries(timeline: Sequence[TimelineEntry],
                    dated_sentences: Sequence[DatedSentence], settings
                    ) -> tuple[TimelineEntry, ...]:
    """The timeline's entries and the same days summarized by content alone (no reporting
    weights): the sentences the brief credits as the story's key days."""
    return (*timeline, *build_timeline(dated_sentences, settings, reporting=False))


def story_brief(sources: Sequence[Annotation], members: Sequence[Article],
                timeline: Sequence[TimelineEntry], actor_map: Mapping[str, str],
                settings, dated_sentences: Sequence[DatedSentence] = ()
                ) -> tuple[BriefSentence, ...]:
    sentences = [s for a in sources for s in a.sentences]
    return write_brief(sentences, {a.id: a for a in members},
                       timeline=key_day_entries(timeline, dated_sentences, settings),
                       facts=story_facts(sources, actor_map), settings=settings)


STAGE = Stage("brief", "brief-4", requires=("sources", "members", "timeline", "actor_map",
                                            "dated_sentences"),
              produces=("brief",), run=story_brief, settings="story",
              lexicon="storyline.story.brief_lexicon",
              doc="5 to 10 cited sentences: the latest state, what a reader needs, the key "
                  "developments; no two alike; extra citations only where they support")
