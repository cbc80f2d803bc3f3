"""Scoring coded events against a PLOVER gold: reading, one-to-one matching, metrics.

The gold (``gold/polnear-plover-dev.jsonl``, guidelines in ``gold/README-events.md``) holds
one row per event mention: the file, the trigger and sentence offsets, the PLOVER type, the
canonical source and target names (or null) with their spans, and the modality. No article
text is stored. A predicted event matches a gold event of the same file when one of its
citation spans covers the gold trigger; each gold and each predicted event is used once.
Among the possible one-to-one assignments the scorer takes the one with the most matches,
then the most matches of the same type, then the most agreeing source, target and modality
(an exact maximum-weight assignment, not a greedy one).

Actors are compared by name: the gold name with the aliases of
``gold/polnear-plover-dev-aliases.json`` against the predicted actor's name and aliases,
case-insensitively, after removing dots, possessives and a leading "the". Two nulls agree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import DataError

PLOVER_TYPES = frozenset({
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"})
MODALITIES = frozenset({"asserted", "threatened", "conditional", "negated", "reported"})
GOLD_FILE = "polnear-plover-dev.jsonl"
ALIAS_FILE = "polnear-plover-dev-aliases.json"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event mention; offsets are code points into the article file."""

    file: str
    trigger: Span
    sentence: Span
    type: str
    modality: str
    source: str | None = None
    source_span: Span | None = None
    target: str | None = None
    target_span: Span | None = None


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """A system event in the gold's terms: where it cites, and the names of its actors."""

    file: str
    spans: tuple[Span, ...]
    type: str
    modality: str
    source: tuple[str, ...] = ()  # the source actor's name and aliases; empty: no source
    target: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    """How one matched pair agrees on each field."""

    gold: GoldEvent
    predicted: PredictedEvent
    type: bool
    source: bool
    target: bool
    modality: bool


def _span(value: object, where: str) -> Span | None:
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) for v in value) or not 0 <= value[0] < value[1]):
        raise DataError(f"{where}: a span must be [start, end] with start < end",
                        hint="fix the gold file")
    return (value[0], value[1])


def parse_gold_line(line: str, where: str) -> GoldEvent:
    """One JSONL row -> GoldEvent, refusing unknown types, modalities and bad spans."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: not JSON ({exc.msg})", hint="fix the gold file") from exc
    if row.get("type") not in PLOVER_TYPES or row.get("modality") not in MODALITIES:
        raise DataError(f"{where}: unknown type {row.get('type')!r} or modality "
                        f"{row.get('modality')!r}", hint="use the PLOVER verbs and the "
                        "five modalities of story JSON v1")
    trigger, sentence = _span(row.get("trigger"), where), _span(row.get("sentence"), where)
    if trigger is None or sentence is None or not isinstance(row.get("file"), str):
        raise DataError(f"{where}: file, trigger and sentence are required",
                        hint="fix the gold file")
    return GoldEvent(file=row["file"], trigger=trigger, sentence=sentence, type=row["type"],
                     modality=row["modality"], source=row.get("source"),
                     source_span=_span(row.get("source_span"), where),
                     target=row.get("target"), target_span=_span(row.get("target_span"), where))


def read_gold(path: Path | None = None) -> tuple[GoldEvent, ...]:
    """The gold events of ``path`` (default: the packaged PolNeAR dev gold)."""
    text = (path.read_text(encoding="utf-8") if path is not None
            else resources.files(__package__).joinpath("gold", GOLD_FILE)
            .read_text(encoding="utf-8"))
    name = str(path) if path is not None else GOLD_FILE
    return tuple(parse_gold_line(line, f"{name}:{n}")
                 for n, line in enumerate(text.splitlines(), start=1) if line.strip())


def read_aliases(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Canonical gold name -> its other names (default: the packaged alias table)."""
    text = (path.read_text(encoding="utf-8") if path is not None
            else resources.files(__package__).joinpath("gold", ALIAS_FILE)
            .read_text(encoding="utf-8"))
    return {name: tuple(others) for name, others in json.loads(text).items()}


def normalize_name(name: str) -> str:
    """Lower case, no accents, dots or possessive, no leading "the", single spaces."""
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    folded = folded.encode("ascii", "ignore").decode().lower().replace(".", "")
    folded = re.sub(r"'s?\b", "", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return folded.removeprefix("the ").strip()


def same_actor(gold: str | None, predicted: Sequence[str],
               aliases: Mapping[str, Sequence[str]]) -> bool:
    """Whether a gold actor name and a predicted actor's names denote the same actor."""
    if gold is None or not predicted:
        return gold is None and not predicted
    gold_names = {normalize_name(n) for n in (gold, *aliases.get(gold, ()))}
    return any(normalize_name(n) in gold_names for n in predicted)


def covers(predicted: PredictedEvent, gold: GoldEvent) -> bool:
    start, end = gold.trigger
    return predicted.file == gold.file and any(a <= start and end <= b
                                               for a, b in predicted.spans)


def agreement(gold: GoldEvent, predicted: PredictedEvent,
              aliases: Mapping[str, Sequence[str]]) -> Agreement:
    return Agreement(gold, predicted, type=gold.type == predicted.type,
                     source=same_actor(gold.source, predicted.source, aliases),
                     target=same_actor(gold.target, predicted.target, aliases),
                     modality=gold.modality == predicted.modality)


def _weight(agrees: Agreement) -> int:
    """Lexicographic: a match (8) outweighs type (4) plus source, target and modality (1 each)."""
    return 8 + 4 * agrees.type + agrees.source + agrees.target + agrees.modality


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Row/column pairs of a maximum-weight assignment; zero weight means "no pair".

    The Hungarian method with potentials on costs ``-weight`` (rows <= columns; the matrix
    is transposed otherwise).
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    if rows > cols:
        flipped = [[weights[r][c] for r in range(rows)] for c in range(cols)]
        return [(r, c) for c, r in max_weight_assignment(flipped)]
    inf = float("inf")
    u, v, way = [0.0] * (rows + 1), [0.0] * (cols + 1), [0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row (1-based) assigned to column j; 0: none
    for row in range(1, rows + 1):
        owner[0], col0 = row, 0
        least, used = [inf] * (cols + 1), [False] * (cols + 1)
        while owner[col0]:
            used[col0] = True
            r, delta, col1 = owner[col0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cost = -weights[r - 1][j - 1] - u[r] - v[j]
                    if cost < least[j]:
                        least[j], way[j] = cost, col0
                    if least[j] < delta:
                        delta, col1 = least[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    return [(owner[j] - 1, j - 1) for j in range(1, cols + 1)
            if owner[j] and weights[owner[j] - 1][j - 1] > 0]


def match_file(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent],
               aliases: Mapping[str, Sequence[str]]) -> list[Agreement]:
    """The one-to-one matches between the gold and predicted events of one file."""
    table = [[agreement(g, p, aliases) if covers(p, g) else None for p in predicted]
             for g in gold]
    weights = [[_weight(a) if a is not None else 0 for a in row] for row in table]
    return [table[g][p] for g, p in max_weight_assignment(weights)]  # type: ignore[misc]


def match(gold: Iterable[GoldEvent], predicted: Iterable[PredictedEvent],
          aliases: Mapping[str, Sequence[str]]) -> list[Agreement]:
    """The matches of every file; gold and predicted events only meet within a file."""
    by_file: dict[str, tuple[list[GoldEvent], list[PredictedEvent]]] = defaultdict(
        lambda: ([], []))
    for event in gold:
        by_file[event.file][0].append(event)
    for event in predicted:
        by_file[event.file][1].append(event)
    return [a for name in sorted(by_file) for a in match_file(*by_file[name], aliases)]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def event_metrics(n_gold: int, n_predicted: int,
                  matches: Sequence[Agreement]) -> dict[str, float]:
    """Untyped and typed P/R/F1, and the agreement rates on matched events."""
    matched = len(matches)
    typed = sum(a.type for a in matches)
    precision, recall = _ratio(matched, n_predicted), _ratio(matched, n_gold)
    typed_p, typed_r = _ratio(typed, n_predicted), _ratio(typed, n_gold)
    return {
        "precision": precision, "recall": recall, "f1": _f1(precision, recall),
        "type_accuracy": _ratio(typed, matched),
        "typed_precision": typed_p, "typed_recall": typed_r, "typed_f1": _f1(typed_p, typed_r),
        "source_accuracy": _ratio(sum(a.source for a in matches), matched),
        "target_accuracy": _ratio(sum(a.target for a in matches), matched),
        "modality_accuracy": _ratio(sum(a.modality for a in matches), matched),
        "gold_events": float(n_gold), "predicted_events": float(n_predicted),
        "matched_events": float(matched),
    }


def _row(item: str, gold: int, predicted: int, matched: int, typed: int,
         note: str = "") -> dict[str, object]:
    return {"item": item, "gold": gold, "predicted": predicted, "matched": matched,
            "typed": typed, "note": note}


def file_rows(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent],
              matches: Sequence[Agreement]) -> list[dict[str, object]]:
    """Per file: gold, predicted, matched and same-type matched counts."""
    n_gold = Counter(g.file for g in gold)
    n_pred = Counter(p.file for p in predicted)
    hits = Counter(a.gold.file for a in matches)
    typed = Counter(a.gold.file for a in matches if a.type)
    return [_row(name, n_gold[name], n_pred[name], hits[name], typed[name])
            for name in sorted(set(n_gold) | set(n_pred))]


def type_rows(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent],
              matches: Sequence[Agreement]) -> list[dict[str, object]]:
    """Per PLOVER type: counts, and typed precision and recall in the note."""
    n_gold = Counter(g.type for g in gold)
    n_pred = Counter(p.type for p in predicted)
    hits = Counter(a.gold.type for a in matches)
    typed = Counter(a.gold.type for a in matches if a.type)
    return [_row(f"type {kind}", n_gold[kind], n_pred[kind], hits[kind], typed[kind],
                 f"P {_ratio(typed[kind], n_pred[kind]):.2f} R "
                 f"{_ratio(typed[kind], n_gold[kind]):.2f}")
            for kind in sorted(PLOVER_TYPES) if n_gold[kind] or n_pred[kind]]


def modality_rows(matches: Sequence[Agreement]) -> list[dict[str, object]]:
    """Per modality, over the matched events: how many the gold and the system give it, how
    many agree, and what the system gave for the gold's (in the note)."""
    rows = []
    for modality in sorted({a.gold.modality for a in matches}
                           | {a.predicted.modality for a in matches}):
        pairs = [a for a in matches if a.gold.modality == modality]
        given = Counter(a.predicted.modality for a in pairs)
        rows.append(_row(f"modality {modality}", len(pairs),
                         sum(a.predicted.modality == modality for a in matches),
                         sum(a.modality for a in pairs), sum(a.type for a in pairs),
                         "system: " + ", ".join(f"{k} {n}" for k, n in given.most_common())))
    return rows
