"""Cross-document actor scorer on ECB+ (Cybulska and Vossen, 2014).

Each ECB+ document becomes the text the ECB+ reader builds (tokens joined by spaces,
sentences by newlines). Per document we run spaCy, :func:`find_mentions` and
:func:`resolve_actors` over the parse (names, and the pronouns and descriptions resolved to
them, as the annotate stages do); per topic :func:`merge_actors` joins the article actors into story
actors. The gold is the ECB+ entity markables (``HUMAN_PART*``, ``NON_HUMAN_PART*``,
``LOC_*``) anchored to tokens, clustered by ``CROSS_DOC_COREF`` (the relation's instance id)
and ``INTRA_DOC_COREF`` (its target markable); a gold mention in no relation is a singleton.

Only gold mentions that one of our named-entity mentions overlaps are scored (our
clustering cannot be judged on mentions we never found); the ``all_*`` figures score the
gold mentions overlapped by any of our mentions, pronouns, descriptions, unnamed sources
and groups included, each with the actor the actors stage resolved it to: B-cubed (Bagga and Baldwin, 1998) of the story actor
ids against the gold clusters, pooled over all scored mentions with clusters kept per topic.
``mention_coverage`` is the share of gold entity mentions that are scored;
``baseline_b3_f1`` clusters the same mentions by their exact lower-cased text. The
``resolved_*`` figures score the names and the pronouns and descriptions the actors stage
resolved to an actor the article names (an unnamed source, a group or an unnamed person
left as an actor of its own is not scored there). ``half0_*`` and ``half1_*`` give the
names figure for the even and the odd topic numbers, ``resolved_half0_*`` and
``resolved_half1_*`` the resolved figure.

    python -m storyline.eval.actors /work/shared/benchmarks/ecbplus-dev
"""

from __future__ import annotations

import logging
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..annotate.actors import resolve_actors
from ..annotate.mentions import find_mentions
from ..errors import DataError
from ..records import Mention
from ..story.actors import merge_actors
from .clusters import bcubed
from .ecbplus import EcbDocument, read_topic, topic_dirs
from .report import EvalReport, log_report

log = logging.getLogger(__name__)

# Measured on ecbplus-dev (33 topics, 772 documents, mentions-9/actors-10/story-actors-5):
# names: P 0.9730, R 0.8933, F1 0.9315, exact-string F1 0.7509, coverage 0.3569 (2,669 of
# 7,478 linked gold mentions); even / odd topics F1 0.9330 / 0.9302; names and the pronouns
# and descriptions resolved to a named actor: P 0.9310, R 0.8620, F1 0.8952, coverage
# 0.4608, even / odd topics F1 0.9032 / 0.8891 (coverage 0.4161 / 0.5008); every mention
# kind: P 0.9223, R 0.7405, F1 0.8215, coverage 0.5554
# (mentions-8/actors-9/story-actors-4: names 0.9721, 0.8934, 0.9311, 0.7544, 0.3409,
# halves 0.9334 / 0.9293; resolved 0.9105, 0.8203, 0.8630, 0.4441, halves 0.8824 / 0.8481;
# every kind 0.9039, 0.7006, 0.7894, 0.5407; story-actors-3: names 0.9724, 0.8730, 0.9200, halves 0.9228 / 0.9177; resolved 0.9108,
# 0.8051, 0.8547; every kind 0.9042, 0.6891, 0.7822; mentions-7/actors-8: names 0.9716,
# 0.8611, 0.9130, 0.7507, 0.3410, halves 0.9128 / 0.9131; resolved 0.9085, 0.7907, 0.8455,
# 0.4442; every kind 0.9022, 0.6777, 0.7740, 0.5408; mentions-6/actors-6: names 0.9716,
# 0.8611, 0.9130, 0.7507, 0.3410; every kind (pronouns, descriptions, unnamed sources,
# groups too) 0.9017, 0.6774, 0.7736, 0.5399; mentions-5/actors-5: names 0.9716, 0.8624,
# 0.9138, 0.7507, 0.3410; every kind 0.9000, 0.6768, 0.7726, 0.5400; mentions-4/actors-4:
# names 0.9711, 0.8564, 0.9102, 0.7482, 0.3423; every kind 0.9054, 0.6751, 0.7735, 0.5309;
# mentions-2/actors-2: 0.9724, 0.8582, 0.9117, 0.7558, 0.3334). Floors sit a little below,
# never lowered.
FLOORS: dict[str, float] = {"b3_p": 0.968, "b3_r": 0.885, "b3_f1": 0.927,
                            "baseline_b3_f1": 0.75, "mention_coverage": 0.352,
                            "half0_b3_f1": 0.928, "half1_b3_f1": 0.925,
                            "resolved_b3_f1": 0.888, "resolved_mention_coverage": 0.455,
                            "resolved_half0_b3_f1": 0.897, "resolved_half1_b3_f1": 0.881,
                            "all_b3_f1": 0.815, "all_mention_coverage": 0.55}


#: Markable tags that name an entity: people, organisations, places, facilities, objects.
ENTITY_TAG_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
BATCH_SIZE = 32
#: Mention labels that name no one by name (pronouns, descriptions, unnamed sources,
#: groups): the ``all_*`` figures score them too, the others score names only.
UNNAMED_LABELS = frozenset({"PRON", "NOM", "ANON", "GROUP"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold entity mention: its span in the document text, the span of its head word
    and its gold cluster (``""`` when the mention is in no coreference relation)."""

    start: int
    end: int
    text: str
    tag: str
    cluster: str
    head_start: int
    head_end: int


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """The rebuilt text of one ECB+ document and its gold entity mentions."""

    name: str
    text: str
    mentions: tuple[GoldMention, ...]


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise DataError(f"cannot read ECB+ file {path}: {exc}",
                        hint="the file must be an ECB+ token XML document") from exc


def token_spans(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The document text, built as the ECB+ reader builds it (tokens joined by spaces,
    sentences by newlines, empty tokens skipped), and each token's ``(start, end)``."""
    sentences: dict[str, list[ET.Element]] = {}
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", "0"), []).append(token)
    ordered = sorted(sentences, key=lambda s: int(s) if s.isdigit() else 0)
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    position = 0
    for number, sentence in enumerate(ordered):
        if number:
            parts.append("\n")
            position += 1
        words = [t for t in sentences[sentence] if t.text]
        for index, token in enumerate(words):
            if index:
                parts.append(" ")
                position += 1
            spans[token.get("t_id", "")] = (position, position + len(token.text or ""))
            parts.append(token.text or "")
            position += len(token.text or "")
    return "".join(parts), spans


def is_entity_tag(tag: str) -> bool:
    return tag.startswith(ENTITY_TAG_PREFIXES)


#: Words that open or end a gold span without being its head ("at Pittsburgh",
#: "President of Russia", "San Diego 's").
_NOT_HEAD = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "at", "in", "on", "of", "from", "for",
    "to", "by", "near", "with", "without", "outside", "inside", "into", "over", "under", "'s",
    "'", ",", ".", "(", ")", '"', "-", "who", "which"})
_CUT_HEAD = frozenset({
    "of", "from", "for", "with", "who", "which", ",", "(", "in", "at", "on", "near", "outside",
    "inside", "into", "over", "under", "by", "to"})


def head_span(tokens: Sequence[tuple[str, int, int]]) -> tuple[int, int]:
    """The head word of a gold span given as ``(word, start, end)`` tokens: the last word
    before a post-modifier ("of", "from", ",", ...), skipping leading prepositions and
    determiners and trailing punctuation; the whole span when no word qualifies."""
    words = list(tokens)
    while words and words[0][0].casefold() in _NOT_HEAD:
        words.pop(0)
    cut = next((i for i, w in enumerate(words) if i and w[0].casefold() in _CUT_HEAD), None)
    words = words[:cut]
    heads = [w for w in words
             if w[0].casefold() not in _NOT_HEAD and any(c.isalnum() for c in w[0])]
    if not heads:
        return tokens[0][1], tokens[-1][2]
    return heads[-1][1], heads[-1][2]


def _entity_markables(root: ET.Element, spans: Mapping[str, tuple[int, int]], text: str
                      ) -> dict[str, tuple[str, int, int, tuple[int, int]]]:
    """Token-anchored entity markables: ``m_id -> (tag, start, end, head span)``."""
    found: dict[str, tuple[str, int, int, tuple[int, int]]] = {}
    for markable in root.find("Markables") or ():
        anchored = sorted(spans[a.get("t_id", "")] for a in markable.findall("token_anchor")
                          if a.get("t_id", "") in spans)
        if anchored and is_entity_tag(markable.tag):
            tokens = [(text[s:e], s, e) for s, e in anchored]
            found[markable.get("m_id", "")] = (markable.tag, anchored[0][0], anchored[-1][1],
                                               head_span(tokens))
    return found


def _instance_ids(root: ET.Element) -> dict[str, str]:
    """Unanchored instance markables that carry a corpus-wide ``instance_id``."""
    return {m.get("m_id", ""): m.get("instance_id", "") for m in root.find("Markables") or ()
            if m.get("instance_id")}


def _target(relation: ET.Element) -> str:
    target = relation.find("target")
    return "" if target is None else target.get("m_id", "")


def coref_clusters(root: ET.Element, doc_name: str) -> dict[str, str]:
    """Gold cluster of every markable in a coreference relation: ``m_id -> cluster``.

    ``CROSS_DOC_COREF`` gives the instance id (``note``, else the target's
    ``instance_id``); ``INTRA_DOC_COREF`` a cluster local to the document, unless one of its
    sources is already in a cross-document cluster, which it then joins.
    """
    relations = list(root.find("Relations") or ())
    instances = _instance_ids(root)
    cluster: dict[str, str] = {}
    for relation in relations:
        if relation.tag != "CROSS_DOC_COREF":
            continue
        target = _target(relation)
        fallback = f"{doc_name}#r{relation.get('r_id')}"
        name = relation.get("note") or instances.get(target) or fallback
        for source in relation.findall("source"):
            cluster[source.get("m_id", "")] = name
    for relation in relations:
        if relation.tag != "INTRA_DOC_COREF":
            continue
        sources = [s.get("m_id", "") for s in relation.findall("source")]
        target = _target(relation)
        known = [cluster[s] for s in sources if s in cluster]
        local = f"{doc_name}#{target}" if target else f"{doc_name}#r{relation.get('r_id')}"
        name = known[0] if known else instances.get(target) or local
        for source in sources:
            cluster.setdefault(source, name)
    return cluster


def read_gold(path: Path) -> GoldDocument:
    """The text and gold entity mentions of one ECB+ document."""
    root = _parse(path)
    text, spans = token_spans(root)
    clusters = coref_clusters(root, path.name)
    mentions = [GoldMention(start, end, text[start:end], tag, clusters.get(m_id, ""), *head)
                for m_id, (tag, start, end, head) in _entity_markables(root, spans, text).items()]
    mentions.sort(key=lambda m: (m.start, m.end))
    return GoldDocument(name=path.name, text=text, mentions=tuple(mentions))


def overlapping_mention(gold: GoldMention, mentions: Sequence[Mention]) -> Mention | None:
    """Our actor mention that overlaps the head of ``gold`` and, among those, ``gold`` the
    most (the first on a tie), if any."""
    best, best_overlap = None, 0
    for mention in mentions:
        if mention.start >= gold.head_end or gold.head_start >= mention.end:
            continue
        overlap = min(mention.end, gold.end) - max(mention.start, gold.start)
        if mention.actor_id and overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


def linked_mentions(gold: GoldDocument) -> tuple[GoldMention, ...]:
    """The gold mentions in a coreference relation. ECB+ leaves many mentions of linked
    entities unlinked, so an unlinked mention is no evidence of a singleton: not scored."""
    return tuple(m for m in gold.mentions if m.cluster)


def exact_string_key(text: str) -> str:
    """The baseline's cluster key: the mention text lower-cased, spaces collapsed."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class TopicResult:
    """Per scored gold mention of one topic: gold cluster, our story actor, baseline key."""

    name: str
    documents: int
    gold_mentions: int
    unlinked: int
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    baseline: tuple[str, ...]
    every_gold: tuple[str, ...] = ()
    every_predicted: tuple[str, ...] = ()
    resolved_gold: tuple[str, ...] = ()
    resolved_predicted: tuple[str, ...] = ()


def resolve_topic(name: str, golds: Sequence[GoldDocument],
                  mentions: Sequence[Sequence[Mention]], article_ids: Sequence[str],
                  docs: Sequence | None = None) -> TopicResult:
    """Resolve and merge the actors of one topic; pair each found gold mention with them.
    ``docs`` are the parses (without them only names are resolved)."""
    per_article, resolved = [], []
    parses = list(docs) if docs is not None else [None] * len(golds)
    for gold, found, article_id, doc in zip(golds, mentions, article_ids, parses):
        actors, with_ids = resolve_actors(found, gold.text, article_id, doc)
        per_article.append(actors)
        resolved.append(with_ids)
    _, story_id = merge_actors(per_article)
    labels: list[tuple[str, str, str]] = []
    every: list[tuple[str, str]] = []
    to_named: list[tuple[str, str]] = []
    for gold, with_ids in zip(golds, resolved):
        named = [m for m in with_ids if m.label not in UNNAMED_LABELS]
        named_actors = {m.actor_id for m in named if m.actor_id}
        for gold_mention in linked_mentions(gold):
            hit = overlapping_mention(gold_mention, named)
            if hit is not None and hit.actor_id:
                labels.append((gold_mention.cluster, story_id.get(hit.actor_id, hit.actor_id),
                               exact_string_key(hit.text)))
            hit = overlapping_mention(gold_mention, with_ids)
            if hit is not None and hit.actor_id:
                pair = (gold_mention.cluster, story_id.get(hit.actor_id, hit.actor_id))
                every.append(pair)
                if hit.actor_id in named_actors:
                    to_named.append(pair)
    return TopicResult(name=name, documents=len(golds),
                       every_gold=tuple(g for g, _ in every),
                       every_predicted=tuple(p for _, p in every),
                       resolved_gold=tuple(g for g, _ in to_named),
                       resolved_predicted=tuple(p for _, p in to_named),
                       gold_mentions=sum(len(linked_mentions(g)) for g in golds),
                       unlinked=sum(len(g.mentions) - len(linked_mentions(g)) for g in golds),
                       gold=tuple(g for g, _, _ in labels),
                       predicted=tuple(p for _, p, _ in labels),
                       baseline=tuple(b for _, _, b in labels))


def topic_row(result: TopicResult) -> dict[str, object]:
    precision, recall, f1 = bcubed(result.gold, result.predicted)
    _, _, baseline_f1 = bcubed(result.gold, result.baseline)
    scored = len(result.gold)
    return {"topic": result.name, "documents": result.documents,
            "gold_mentions": result.gold_mentions, "scored_mentions": scored,
            "mention_coverage": _ratio(scored, result.gold_mentions),
            "gold_clusters": len(set(result.gold)),
            "predicted_clusters": len(set(result.predicted)),
            "b3_p": round(precision, 4), "b3_r": round(recall, 4), "b3_f1": round(f1, 4),
            "baseline_b3_f1": round(baseline_f1, 4)}


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _pooled(results: Sequence[TopicResult], gold_of: Callable[[TopicResult], Sequence[str]],
            predicted_of: Callable[[TopicResult], Sequence[str]]
            ) -> tuple[float, float, float, int]:
    """B-cubed P, R, F1 and the number of scored mentions, clusters kept per topic."""
    gold = [(r.name, g) for r in results for g in gold_of(r)]
    predicted = [(r.name, p) for r in results for p in predicted_of(r)]
    return (*bcubed(gold, predicted), len(gold))


def half_of(topic: str) -> int:
    """The half of the topics a topic belongs to: 0 for even topic numbers, 1 for odd
    (ECB+ topics are numbered; another name goes by its length)."""
    return int(topic) % 2 if topic.isdigit() else len(topic) % 2


def pooled_metrics(results: Sequence[TopicResult]) -> dict[str, float]:
    """B-cubed over all scored mentions of all topics, clusters kept apart per topic; the
    names figure also for each half of the topics (even and odd numbers)."""
    precision, recall, f1, scored = _pooled(results, lambda r: r.gold, lambda r: r.predicted)
    _, _, baseline_f1, _ = _pooled(results, lambda r: r.gold, lambda r: r.baseline)
    total = sum(r.gold_mentions for r in results)
    every_p, every_r, every_f1, every = _pooled(results, lambda r: r.every_gold,
                                                lambda r: r.every_predicted)
    to_named_p, to_named_r, to_named_f1, to_named = _pooled(
        results, lambda r: r.resolved_gold, lambda r: r.resolved_predicted)
    metrics = {"b3_p": round(precision, 4), "b3_r": round(recall, 4), "b3_f1": round(f1, 4),
               "baseline_b3_f1": round(baseline_f1, 4),
               "mention_coverage": _ratio(scored, total),
               "resolved_b3_p": round(to_named_p, 4), "resolved_b3_r": round(to_named_r, 4),
               "resolved_b3_f1": round(to_named_f1, 4),
               "resolved_mention_coverage": _ratio(to_named, total),
               "all_b3_p": round(every_p, 4), "all_b3_r": round(every_r, 4),
               "all_b3_f1": round(every_f1, 4),
               "all_mention_coverage": _ratio(every, total)}
    for half in (0, 1):
        part = [r for r in results if half_of(r.name) == half]
        whole = sum(r.gold_mentions for r in part)
        _, _, half_f1, half_scored = _pooled(part, lambda r: r.gold, lambda r: r.predicted)
        metrics[f"half{half}_b3_f1"] = round(half_f1, 4)
        metrics[f"half{half}_mention_coverage"] = _ratio(half_scored, whole)
        _, _, half_f1, half_scored = _pooled(part, lambda r: r.resolved_gold,
                                             lambda r: r.resolved_predicted)
        metrics[f"resolved_half{half}_b3_f1"] = round(half_f1, 4)
        metrics[f"resolved_half{half}_mention_coverage"] = _ratio(half_scored, whole)
    metrics.update({"scored_mentions": float(scored), "gold_mentions": float(total)})
    return metrics


def read_topic_gold(topic_dir: Path) -> tuple[list[EcbDocument], list[GoldDocument]]:
    """The topic's articles (ECB+ reader) and gold; the texts must be identical."""
    documents = read_topic(topic_dir)
    golds = [read_gold(topic_dir / d.name) for d in documents]
    for document, gold in zip(documents, golds):
        if document.article.text != gold.text:
            raise DataError(f"gold offsets do not match the article text of {gold.name}",
                            hint="eval.actors.token_spans must join tokens as eval.ecbplus does")
    return documents, golds


def _find_all(nlp, documents: Sequence[EcbDocument]) -> tuple[list, list[tuple[Mention, ...]]]:
    docs = list(nlp.pipe([d.article.text for d in documents], batch_size=BATCH_SIZE))
    return docs, [find_mentions(doc, d.article.id) for doc, d in zip(docs, documents)]


def score(data_dir: Path, *, progress: Callable[[int, int], None] | None = None,
          limit: int | None = None, nlp=None) -> EvalReport:
    """Score cross-document actors over the ECB+ topics under ``data_dir``."""
    if nlp is None:
        from ..annotate.models import load_nlp

        nlp = load_nlp()
    dirs = topic_dirs(Path(data_dir))[:limit]
    results = []
    for done, topic_dir in enumerate(dirs, start=1):
        documents, golds = read_topic_gold(topic_dir)
        docs, mentions = _find_all(nlp, documents)
        results.append(resolve_topic(topic_dir.name, golds, mentions,
                                     [d.article.id for d in documents], docs))
        if progress:
            progress(done, len(dirs))
    rows = tuple(topic_row(r) for r in results)
    metrics = pooled_metrics(results)
    notes = ((f"{len(rows)} topics, {sum(r.documents for r in results)} documents, "
              f"{int(metrics['scored_mentions'])} of {int(metrics['gold_mentions'])} linked gold "
              "entity mentions have their head overlapped by an actor mention; "
              f"{sum(r.unlinked for r in results)} unlinked gold mentions not scored"),)
    return EvalReport(name="actors", metrics=metrics, rows=rows, notes=notes, floors=FLOORS)


def main(argv: Sequence[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not argv:
        log.error("usage: python -m storyline.eval.actors DATA_DIR [TOPIC_LIMIT]")
        return 2
    report = score(Path(argv[0]), limit=int(argv[1]) if len(argv) > 1 else None)
    log_report(report, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
