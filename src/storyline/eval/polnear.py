"""Reader for PolNeAR (Newell, Margolin & Ruths, LREC 2018): brat standoff attributions.

Layout: ``data/<split>/text/<name>.txt`` and ``data/<split>/attributions/<name>_<annotator>.ann``.
Offsets in the ``.ann`` files are character (code point) offsets into the text file read
as UTF-8 with newlines untranslated; a discontinuous span is ``a b;c d``. An event line
``E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1`` ties the parts of one attribution;
``Attribution-no-source`` events have no Source. When an article was annotated by several
annotators, the first annotation file in name order is used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

log = logging.getLogger(__name__)

Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    id: str
    content: Segments
    source: Segments = ()
    cue: Segments = ()


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _segments(ranges: str) -> Segments:
    out = []
    for part in ranges.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(ann_text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file (events with a Content argument)."""
    spans: dict[str, Segments] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann_text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            _, ranges = fields[1].split(" ", 1)
            spans[fields[0]] = _segments(ranges)
        elif fields[0].startswith("E"):
            args = dict(arg.split(":", 1) for arg in fields[1].split())
            events.append((fields[0], args))
    out = []
    for event_id, args in events:
        if "Content" not in args or args["Content"] not in spans:
            continue
        out.append(GoldAttribution(
            id=event_id, content=spans[args["Content"]],
            source=spans.get(args.get("Source", ""), ()),
            cue=spans.get(args.get("Cue", ""), ())))
    return tuple(out)


def split_dir(data_dir: Path, split: str) -> Path:
    """``data_dir`` may be the corpus root, its ``data`` folder or the split folder."""
    for candidate in (data_dir / "data" / split, data_dir / split, data_dir):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise DataError(f"no PolNeAR split {split!r} under {data_dir}",
                    hint="point --data at the polnear folder (with data/<split>/text and "
                         "data/<split>/attributions)")


def read_polnear(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[PolnearDoc]:
    """The documents of one split with their gold attributions, in name order."""
    base = split_dir(Path(data_dir), split)
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs = []
    for name in sorted(anns):
        text_path = base / "text" / f"{name}.txt"
        if not text_path.is_file():
            log.warning("PolNeAR: no text for %s", name)
            continue
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        gold = parse_ann(anns[name].read_text(encoding="utf-8"))
        docs.append(PolnearDoc(name, text, gold))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise DataError(f"no annotated PolNeAR documents in {base}",
                        hint="expected <name>.txt files with <name>_<annotator>.ann beside them")
    return docs
