"""Speaker scorer on PolNeAR dev: is each quote given to the entity that said it?

The gold (``gold/polnear-speakers-dev.jsonl``, written by hand; see ``gold/README.md``) holds,
for every PolNeAR attribution with a Source in 42 dev articles, the canonical name of the
entity the source refers to (``ANONYMOUS`` for unnamed sources, ``GROUP:<label>`` for
collectives), its aliases, and the kind of the source expression (name, surname, pronoun,
description, anonymous, group). Offsets and labels only: the texts are read from the data
folder at run time.

Per article, :func:`annotate` (the product's annotate path) gives the quotes and actors.
A gold attribution is *matched* when :func:`storyline.eval.quotes.best_match` finds a quote
whose content overlaps it by at least 30% of the longer span (the quotes scorer's match;
each ``Quote`` is one prediction). A matched attribution is *right* when:

* named gold: the quote's speaker actor (``speaker_actor_id`` among the story's actors)
  has a name or alias equal to the gold entity or one of its aliases (case-insensitive,
  spaces and a leading "the" ignored), and none equal to another gold entity of the same
  article (an actor that stands for two entities is right for neither);
* ``ANONYMOUS``: the speaker is typed anonymous, ``GROUP:``: the speaker is typed group or
  its actor carries the group's label. The type is :func:`speaker_kind`: the speaker
  actor's ``kind`` (``anonymous`` for an unnamed source, ``group`` for a collective), or a
  quote's own ``speaker_kind`` field should a record carry one.

A quote without a speaker actor or type is wrong. ``speaker_accuracy`` is right / matched;
``coverage`` is matched / gold; ``accuracy_<kind>`` splits it by the gold source kind.

    python -m storyline.eval.speakers ../shared/benchmarks/polnear [--errors]
"""

from __future__ import annotations

import json
import logging
import sys
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..annotate import annotate_article
from ..annotate.models import load_nlp, model_version
from ..config import Settings
from ..errors import DataError
from ..records import Actor, Article, Quote, Story
from ..story.build import build_story
from .polnear import PolnearDoc, Segments, read_polnear
from .quotes import OVERLAP, best_match
from .report import EvalReport, Progress, log_report

log = logging.getLogger(__name__)

GOLD_PATH = Path(__file__).resolve().parent / "gold" / "polnear-speakers-dev.jsonl"
GOLD_SPLIT = "dev"
ANONYMOUS = "ANONYMOUS"
GROUP_PREFIX = "GROUP:"
SOURCE_KINDS = ("name", "surname", "pronoun", "description", "anonymous", "group")
#: The Quote field read first for a speaker's type, then ``Actor.kind`` of its actor.
SPEAKER_KIND_FIELD = "speaker_kind"
#: Speaker types that stand for an unnamed source and for a collective.
ANONYMOUS_KIND = "anonymous"
GROUP_KIND = "group"
# Measured on the 42 gold articles (941 attributions) with mentions-9/actors-10/quotes-9:
# accuracy 0.9243 (598 of 647 matched), coverage 0.6876, pronoun 0.9423 (156 matched),
# description 0.5909, name 0.9484, surname 0.9655, anonymous 1.0, group 0.9000 (actors-9:
# 0.9227, pronoun 0.9359, the rest the same). With mentions-7/actors-8/quotes-6/
# linking-4: accuracy 0.9213 (574 of 623 matched), coverage 0.6621, pronoun 0.9315 (146
# matched), description 0.5909 (44 matched), name 0.9533, surname 0.9600, anonymous 0.95
# (20 matched), group 0.9206 (63 matched); by halves of the articles (SHA-256 of the file
# name, as ``polnear_events.fold_of``): 0.9045 and 0.9385 (mentions-6/actors-7/quotes-5:
# 0.9076, 0.6557, 0.9315, 0.5116, 0.9467, 0.9594, 0.85, 0.8852; halves 0.8810 and 0.9346;
# mentions-5/actors-5/quotes-4/linking-3: 0.8541, 0.6557, 0.8699, 0.3488, 0.9200, 0.9188;
# halves 0.8167 and 0.8922). Floors are those figures rounded down, never lowered.
FLOORS: dict[str, float] = {"speaker_accuracy": 0.92, "coverage": 0.655,
                            "accuracy_pronoun": 0.935, "accuracy_description": 0.58,
                            "accuracy_name": 0.945, "accuracy_surname": 0.955,
                            "accuracy_anonymous": 0.90, "accuracy_group": 0.90}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    """One gold attribution: its content (the key), source span and the speaker entity."""

    file: str
    content: Segments
    source: Segments
    entity: str
    aliases: tuple[str, ...] = ()
    source_kind: str = "name"
    affiliation: str | None = None

    @property
    def entity_class(self) -> str:
        """``anonymous``, ``group`` or ``named``."""
        if self.entity == ANONYMOUS:
            return "anonymous"
        return "group" if self.entity.startswith(GROUP_PREFIX) else "named"


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one gold attribution fared: matched by a quote, and given the right speaker."""

    gold: GoldSpeaker
    matched: bool
    correct: bool
    predicted: str | None = None


def _segments(value: object, where: str) -> Segments:
    if not isinstance(value, list) or not value or not all(
            isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) for x in s)
            and s[0] < s[1] for s in value):
        raise DataError(f"{where}: expected a list of [start, end] offsets, got {value!r}",
                        hint="gold offsets are [[start, end], ...] with start < end")
    return tuple((s[0], s[1]) for s in value)


def parse_gold_row(row: Mapping[str, object], where: str) -> GoldSpeaker:
    """One JSONL row of the gold, checked."""
    entity, kind = row.get("entity"), row.get("source_kind")
    if not isinstance(row.get("file"), str) or not isinstance(entity, str) or not entity:
        raise DataError(f"{where}: a gold row needs a file and an entity",
                        hint="see src/storyline/eval/gold/README.md for the format")
    if kind not in SOURCE_KINDS:
        raise DataError(f"{where}: unknown source_kind {kind!r}",
                        hint="one of " + ", ".join(SOURCE_KINDS))
    aliases = row.get("aliases") or []
    affiliation = row.get("affiliation")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases) or \
            not (affiliation is None or isinstance(affiliation, str)):
        raise DataError(f"{where}: aliases must be a list of names, affiliation a name or null",
                        hint="see src/storyline/eval/gold/README.md for the format")
    return GoldSpeaker(file=str(row["file"]), content=_segments(row.get("content"), where),
                       source=_segments(row.get("source"), where), entity=entity,
                       aliases=tuple(aliases), source_kind=str(kind), affiliation=affiliation)


def read_gold(path: Path = GOLD_PATH) -> dict[str, tuple[GoldSpeaker, ...]]:
    """The gold attributions by text file name, in file order."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read the speaker gold {path}: {exc}",
                        hint="reinstall storyline: the gold ships with the package") from exc
    by_file: dict[str, list[GoldSpeaker]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{Path(path).name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not JSON ({exc})", hint="one JSON object per line") from exc
        gold = parse_gold_row(row, where)
        by_file.setdefault(gold.file, []).append(gold)
    return {name: tuple(rows) for name, rows in sorted(by_file.items())}


def check_alignment(doc: PolnearDoc, golds: Sequence[GoldSpeaker]) -> None:
    """Every gold row must key a PolNeAR attribution of ``doc`` with the same source."""
    sources = {a.content: a.source for a in doc.attributions}
    stray = [g for g in golds if sources.get(g.content) != g.source]
    if stray:
        raise DataError(f"{len(stray)} speaker gold rows of {doc.name} match no PolNeAR "
                        f"attribution (first: content {stray[0].content})",
                        hint="the gold was written against PolNeAR v1.0.0 dev; check --data")


def normalize_name(name: str) -> str:
    """The comparison form of a name: NFKC, case-folded, straight apostrophes, single
    spaces, no leading "the"."""
    words = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold().split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def gold_names(gold: GoldSpeaker) -> frozenset[str]:
    """The entity (a group's label without its prefix) and its aliases, normalized."""
    entity = gold.entity.removeprefix(GROUP_PREFIX)
    return frozenset(normalize_name(n) for n in (entity, *gold.aliases) if n.strip())


def actor_names(actor: Actor | None) -> frozenset[str]:
    if actor is None:
        return frozenset()
    return frozenset(normalize_name(n) for n in (actor.name, *actor.aliases) if n.strip())


def speaker_kind(quote: Quote, actor: Actor | None) -> str | None:
    """The type of a quote's speaker: the quote's own ``speaker_kind`` where the record has
    that field and sets it, else the kind of its speaker actor."""
    typed = getattr(quote, SPEAKER_KIND_FIELD, None)
    if typed:
        return str(typed)
    return actor.kind if actor is not None else None


def is_correct(gold: GoldSpeaker, quote: Quote, actor: Actor | None,
               rivals: frozenset[str]) -> bool:
    """Whether ``quote`` (its speaker ``actor``) is given to ``gold``'s entity; ``rivals``
    are the names of the article's other gold entities (see the module docstring)."""
    names = actor_names(actor)
    if names & rivals:
        return False
    kind = speaker_kind(quote, actor)
    if gold.entity_class == "anonymous":
        return kind == ANONYMOUS_KIND
    if gold.entity_class == "group" and kind == GROUP_KIND:
        return True
    return bool(names & gold_names(gold))


def _rivals(golds: Sequence[GoldSpeaker]) -> dict[str, frozenset[str]]:
    """Per entity, the names of the other entities of the same article."""
    names = {g.entity: gold_names(g) for g in golds if g.entity_class != "anonymous"}
    everything = frozenset().union(*names.values()) if names else frozenset()
    return {g.entity: everything - names.get(g.entity, frozenset()) for g in golds}


def _predicted_label(quote: Quote, actor: Actor | None) -> str | None:
    if actor is not None:
        return actor.name
    kind = speaker_kind(quote, actor)
    return f"<{kind}>" if kind else None


def score_article(golds: Sequence[GoldSpeaker], story: Story) -> list[Outcome]:
    """The outcome of each gold attribution of one article against the story made of it
    (its quotes and their speakers as the story shows them)."""
    actors = {actor.id: actor for actor in story.actors}
    quotes = story.quotes
    contents = [((q.start, q.end),) for q in quotes]
    rivals = _rivals(golds)
    outcomes = []
    for gold in golds:
        index = best_match(gold.content, contents)
        if index is None:
            outcomes.append(Outcome(gold, matched=False, correct=False))
            continue
        quote = quotes[index]
        actor = actors.get(quote.speaker_actor_id) if quote.speaker_actor_id else None
        outcomes.append(Outcome(gold, matched=True,
                                correct=is_correct(gold, quote, actor, rivals[gold.entity]),
                                predicted=_predicted_label(quote, actor)))
    return outcomes


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def summarize(outcomes: Iterable[Outcome]) -> dict[str, float]:
    """Accuracy over matched attributions, coverage, and both per source kind."""
    outcomes = list(outcomes)
    matched = [o for o in outcomes if o.matched]
    correct = sum(o.correct for o in matched)
    named = [o for o in matched if o.gold.entity_class == "named"]
    metrics = {"speaker_accuracy": _share(correct, len(matched)),
               "coverage": _share(len(matched), len(outcomes)),
               "named_entity_accuracy": _share(sum(o.correct for o in named), len(named)),
               "gold": float(len(outcomes)), "matched": float(len(matched)),
               "correct": float(correct)}
    for kind in SOURCE_KINDS:
        of_kind = [o for o in matched if o.gold.source_kind == kind]
        metrics[f"accuracy_{kind}"] = _share(sum(o.correct for o in of_kind), len(of_kind))
        metrics[f"matched_{kind}"] = float(len(of_kind))
        metrics[f"gold_{kind}"] = float(sum(o.gold.source_kind == kind for o in outcomes))
    return metrics


def annotate(article: Article, doc, nlp) -> Story:
    """The product's path over one article and its spaCy ``doc``: the annotate stages, then
    the story stages over that one article (speakers as a reader of the story sees them).
    The one place the scorer calls into the pipeline."""
    annotation = annotate_article(article, doc, model_version(nlp))
    return build_story(article.id, [article], {article.id: annotation}, Settings())


def _gold_docs(data_dir: Path, split: str, gold: Mapping[str, Sequence[GoldSpeaker]],
               limit: int | None) -> list[PolnearDoc]:
    if split != GOLD_SPLIT:
        raise DataError(f"the speaker gold covers PolNeAR {GOLD_SPLIT} only, not {split!r}",
                        hint=f"run with --split {GOLD_SPLIT} or without --split")
    docs = {f"{d.name}.txt": d for d in read_polnear(Path(data_dir), split)}
    missing = sorted(set(gold) - set(docs))
    if missing:
        raise DataError(f"{len(missing)} gold articles are not in {data_dir} (first: "
                        f"{missing[0]})", hint="point --data at the PolNeAR folder")
    chosen = [docs[name] for name in gold][:limit]
    for doc in chosen:
        check_alignment(doc, gold[f"{doc.name}.txt"])
    return chosen


def _document_row(name: str, outcomes: Sequence[Outcome]) -> dict[str, object]:
    matched = sum(o.matched for o in outcomes)
    correct = sum(o.correct for o in outcomes)
    return {"document": name, "gold": len(outcomes), "matched": matched, "correct": correct,
            "accuracy": _share(correct, matched)}


def run(data_dir: Path, *, split: str = GOLD_SPLIT, progress: Progress | None = None,
        limit: int | None = None, gold_path: Path = GOLD_PATH) -> list[list[Outcome]]:
    """Annotate every gold article and score it: one list of outcomes per article."""
    gold = read_gold(gold_path)
    docs = _gold_docs(data_dir, split, gold, limit)
    nlp = load_nlp()
    results = []
    for index, (doc, parsed) in enumerate(zip(docs, nlp.pipe((d.text for d in docs),
                                                              batch_size=16))):
        article = Article(id=doc.name, source=f"{doc.name}.txt", text=doc.text)
        results.append(score_article(gold[f"{doc.name}.txt"], annotate(article, parsed, nlp)))
        if progress is not None:
            progress(index + 1, len(docs))
    return results


def build_report(results: Sequence[Sequence[Outcome]], seconds: float) -> EvalReport:
    """The report of scored articles (one list of outcomes per article)."""
    outcomes = [o for per_doc in results for o in per_doc]
    rows = tuple(_document_row(per_doc[0].gold.file.removesuffix(".txt"), per_doc)
                 for per_doc in results if per_doc)
    notes = (f"gold={GOLD_PATH.name} documents={len(results)} seconds={seconds:.1f}",
             (f"match: content overlap >= {OVERLAP:.0%} of the longer span; speaker: actor "
              f"name/aliases = gold entity/aliases; ANONYMOUS/GROUP: "
              f"Quote.{SPEAKER_KIND_FIELD} or Actor.kind = {ANONYMOUS_KIND}/{GROUP_KIND}"))
    return EvalReport(name="speakers", metrics=summarize(outcomes), rows=rows, notes=notes,
                      floors=FLOORS)


def score(data_dir: Path, *, split: str = GOLD_SPLIT, progress: Progress | None = None,
          limit: int | None = None) -> EvalReport:
    """Score speaker resolution on the gold articles (see the module docstring)."""
    started = time.perf_counter()
    results = run(data_dir, split=split, progress=progress, limit=limit)
    return build_report(results, time.perf_counter() - started)


def _log_errors(results: Sequence[Sequence[Outcome]], texts: Mapping[str, str]) -> None:
    for outcome in (o for per_doc in results for o in per_doc if o.matched and not o.correct):
        gold = outcome.gold
        source = " ... ".join(texts[gold.file][s:e] for s, e in gold.source)
        log.info("%s\t%s\t%r\tgold=%s\tpredicted=%s", gold.file, gold.source_kind, source,
                 gold.entity, outcome.predicted)


def _main(argv: Sequence[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = [a for a in argv if a != "--errors"]
    if not args:
        log.error("usage: python -m storyline.eval.speakers DATA_DIR [--errors]")
        return 2
    started = time.perf_counter()
    results = run(Path(args[0]))
    report = build_report(results, time.perf_counter() - started)
    if "--errors" in argv:
        texts = {f"{d.name}.txt": d.text for d in read_polnear(Path(args[0]), GOLD_SPLIT)}
        _log_errors(results, texts)
    log_report(report, log)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
