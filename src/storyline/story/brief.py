"""The cited brief: 5 to 10 extractive sentences that tell the story.

Candidates are article sentences that read as statements (at least eight words, not a
question, not a headline without end punctuation, not a quote with no narration around
it) and whose text is exactly the article text at their offsets. Each candidate is scored
by how strongly other outlets say the same thing (TF-IDF cosine), how central it is, how
early it sits in its article, how recent its article is, and whether the timeline cites
it. Maximal marginal relevance then picks sentences without redundancy: first the latest
state (from the most recent articles), then the key background. Sentences of other
articles that say nearly the same thing are cited too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..pipeline import Stage
from ..records import (
    Annotation,
    Article,
    BriefSentence,
    Citation,
    Sentence,
    TimelineEntry,
)

MIN_WORDS = 8
MAX_CANDIDATES = 1500  # bounds the similarity matrix on very large stories
NEAR_DUPLICATE = 0.5  # cosine above which two sentences count as saying the same thing
CITE_ALSO = 0.5  # cosine above which another outlet's sentence is cited as support
MAX_EXTRA_CITATIONS = 3
MMR_LAMBDA = 0.8
LATEST_SLOTS = 2
SAME_ARTICLE_PENALTY = 0.08  # per sentence already chosen from the same article
ANAPHORIC_FACTOR = 0.6  # "That meeting ...", "He added ...": weaker on their own
WEIGHTS = {"support": 0.6, "centrality": 0.4, "position": 0.2, "recency": 0.1,
           "timeline": 0.1}
_ANAPHORA = "that this these those it its he she his her they their them but and so yet also then"
ANAPHORA = frozenset(_ANAPHORA.split() + ["there", "such"])

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]?")
END_PUNCT = (".", "!", "\"", "”", "’", "'", ")")
_STOPWORDS = """a about after again against all also an and any are as at be been before being
but by can could did do does during each for from had has have he her his how i if in into is
it its just more most no not of on once only or other our out over own said says she so
some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you
your"""
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True, slots=True)
class _Candidate:
    sentence: Sentence
    outlet: str
    published: str


def write_brief(sentences: Sequence[Sentence], articles: Mapping[str, Article], *,
                timeline: Sequence[TimelineEntry] = (), min_sentences: int = 5,
                max_sentences: int = 10) -> tuple[BriefSentence, ...]:
    """Pick 5..10 article sentences (fewer only when fewer candidates exist), each cited."""
    candidates = [c for c in (_candidate(s, articles) for s in sentences) if c is not None]
    if not candidates:
        return ()
    candidates = _leads_first(candidates, MAX_CANDIDATES)
    vectors = _tfidf([c.sentence.text for c in candidates])
    similarity = vectors @ vectors.T
    relevance = _relevance(candidates, similarity, timeline)
    n_articles = len({c.sentence.article_id for c in candidates})
    target = min(max_sentences, max(min_sentences, 2 + n_articles))
    chosen = _select(candidates, similarity, relevance, target)
    return tuple(_cite(i, candidates, similarity) for i in _order(chosen, candidates))


# ---------------------------------------------------------------- candidates


def _leads_first(candidates: list[_Candidate], cap: int) -> list[_Candidate]:
    """At most ``cap`` candidates: every article's first sentences before anyone's later ones."""
    if len(candidates) <= cap:
        return candidates
    ranked = sorted(range(len(candidates)), key=lambda i: (candidates[i].sentence.index, i))
    return [candidates[i] for i in sorted(ranked[:cap])]


def _candidate(sentence: Sentence, articles: Mapping[str, Article]) -> _Candidate | None:
    article = articles.get(sentence.article_id)
    if article is None or article.text[sentence.start:sentence.end] != sentence.text:
        return None
    if article.duplicate_of:  # a linked copy adds nothing the original does not say
        return None
    sentence = _trimmed(sentence)
    if not is_statement(sentence.text):
        return None
    return _Candidate(sentence, article.outlet or article.source or article.id,
                      (article.published or "")[:10])


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


def _tokens(text: str) -> list[str]:
    return [_stem(w.lower().strip("'’-")) for w in WORD.findall(text)
            if len(w) > 2 and w.lower() not in STOPWORDS]


def _stem(word: str) -> str:
    """A light suffix stripper: "invaded", "invades", "invading" -> "invad"."""
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ied", "ed", "es",
                   "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _tfidf(texts: Sequence[str]) -> np.ndarray:
    """L2-normalized TF-IDF rows (sublinear tf, smoothed idf).

    Words found in one sentence only count in the norm but get no column: they can add
    nothing to a cosine, and leaving them out keeps the matrix small.
    """
    docs = [Counter(_tokens(t)) for t in texts]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    vocab = {w: i for i, w in enumerate(sorted(w for w, n in df.items() if n > 1))}
    matrix = np.zeros((len(docs), max(1, len(vocab))), dtype=np.float32)
    norms = np.ones(len(docs), dtype=np.float32)
    n = len(docs)
    for row, doc in enumerate(docs):
        weights = {w: (1.0 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1.0)
                   for w, c in doc.items()}
        norms[row] = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for word, weight in weights.items():
            if word in vocab:
                matrix[row, vocab[word]] = weight
    return matrix / norms[:, None]


# ---------------------------------------------------------------- scoring


def _relevance(candidates: list[_Candidate], similarity: np.ndarray,
               timeline: Sequence[TimelineEntry]) -> np.ndarray:
    parts = {
        "support": _support(candidates, similarity),
        "centrality": _normalize(np.asarray(
            (similarity.sum(axis=1) - 1.0) / max(1, len(candidates) - 1))),
        "position": np.array([1.0 / (1.0 + 0.15 * c.sentence.index) for c in candidates]),
        "recency": _recency(candidates),
        "timeline": _timeline_hits(candidates, timeline),
    }
    score = sum(WEIGHTS[name] * values for name, values in parts.items())
    standalone = np.array([1.0 if _first_word(c.sentence.text) not in ANAPHORA
                           else ANAPHORIC_FACTOR for c in candidates])
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
    cited = [c for entry in timeline for c in entry.citations]
    hits = []
    for cand in candidates:
        s = cand.sentence
        hits.append(float(any(c.article_id == s.article_id and c.start < s.end
                              and s.start < c.end for c in cited)))
    return np.array(hits)


def _normalize(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


# ---------------------------------------------------------------- selection


def _select(candidates: list[_Candidate], similarity: np.ndarray, relevance: np.ndarray,
            target: int) -> list[int]:
    latest = max(c.published for c in candidates)
    pool_latest = [i for i, c in enumerate(candidates) if c.published == latest]
    chosen: list[int] = []
    articles = [c.sentence.article_id for c in candidates]
    _mmr(pool_latest, similarity, relevance, chosen, min(LATEST_SLOTS, target), articles)
    _mmr(range(len(candidates)), similarity, relevance, chosen, target, articles)
    return chosen


def _mmr(pool, similarity: np.ndarray, relevance: np.ndarray, chosen: list[int],
         target: int, articles: list[str]) -> None:
    """Add pool members to ``chosen`` by maximal marginal relevance, skipping near-duplicates."""
    remaining = [i for i in pool if i not in chosen]
    while len(chosen) < target and remaining:
        best, best_score = None, -math.inf
        for i in remaining:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy >= NEAR_DUPLICATE:
                continue
            same = sum(articles[j] == articles[i] for j in chosen)
            score = (MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy
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


def _cite(i: int, candidates: list[_Candidate], similarity: np.ndarray) -> BriefSentence:
    own = candidates[i].sentence
    citations = [Citation(own.article_id, own.start, own.end)]
    others = [j for j in np.argsort(-similarity[i])
              if j != i and similarity[i, j] >= CITE_ALSO
              and candidates[j].sentence.article_id != own.article_id]
    seen_articles = {own.article_id}
    for j in others:
        other = candidates[j].sentence
        if other.article_id in seen_articles:
            continue
        seen_articles.add(other.article_id)
        citations.append(Citation(other.article_id, other.start, other.end))
        if len(citations) > MAX_EXTRA_CITATIONS:
            break
    return BriefSentence(text=own.text, citations=tuple(citations))


def story_brief(sources: Sequence[Annotation], members: Sequence[Article],
                timeline: Sequence[TimelineEntry], settings) -> tuple[BriefSentence, ...]:
    sentences = [s for a in sources for s in a.sentences]
    return write_brief(sentences, {a.id: a for a in members}, timeline=timeline,
                       min_sentences=settings.brief_min, max_sentences=settings.brief_max)


STAGE = Stage("brief", "brief-1", requires=("sources", "members", "timeline"),
              produces=("brief",), run=story_brief, settings="story",
              doc="5 to 10 cited sentences: the latest state, then the key developments")
