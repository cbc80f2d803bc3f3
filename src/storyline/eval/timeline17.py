"""Reader for Timeline17-style data (Tran et al. 2013), as distributed with tilse/news-tls.

A topic folder holds ``InputDocs/<YYYY-MM-DD>/<id>.htm.txt`` (pre-tokenized text, one
sentence per line, the folder name is the publication date) and ``timelines/*.txt``
(a date line, the day's sentences, a line of dashes; one file per reference timeline).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DataError
from ..records import Article, DateSource

log = logging.getLogger(__name__)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEPARATOR = re.compile(r"^-{5,}\s*$")


@dataclass(frozen=True, slots=True)
class InputDoc:
    """One input article: ``text`` is the file's text, ``sentences`` offsets into it."""

    id: str
    published: date
    text: str
    sentences: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class ReferenceTimeline:
    name: str
    entries: tuple[tuple[date, tuple[str, ...]], ...]

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(day for day, _ in self.entries)

    def as_mapping(self) -> dict[date, list[str]]:
        merged: dict[date, list[str]] = {}
        for day, sentences in self.entries:
            merged.setdefault(day, []).extend(sentences)
        return merged

    def sentences_per_date(self) -> float:
        mapping = self.as_mapping()
        return sum(len(v) for v in mapping.values()) / len(mapping) if mapping else 0.0


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    path: Path
    timelines: tuple[ReferenceTimeline, ...]


def list_topics(data_dir: Path) -> list[Topic]:
    """Every topic folder of ``data_dir`` that has InputDocs and timelines, sorted by name."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"no such data folder: {data_dir}",
                        hint="pass the Timeline17 folder that holds one folder per topic")
    topics = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        timeline_dir = folder / "timelines"
        if not (folder / "InputDocs").is_dir() or not timeline_dir.is_dir():
            continue
        timelines = tuple(read_timeline(path) for path in sorted(timeline_dir.glob("*.txt")))
        topics.append(Topic(folder.name, folder, tuple(t for t in timelines if t.entries)))
    if not topics:
        raise DataError(f"no Timeline17 topics under {data_dir}",
                        hint="each topic needs InputDocs/<date>/*.txt and timelines/*.txt")
    return topics


def parse_timeline(text: str, name: str = "") -> ReferenceTimeline:
    """Parse the tilse timeline format; blocks with a malformed date are skipped."""
    entries: list[tuple[date, tuple[str, ...]]] = []
    current: date | None = None
    bad = False
    sentences: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if _SEPARATOR.match(line):
            if current is not None and sentences:
                entries.append((current, tuple(sentences)))
            current, bad, sentences = None, False, []
        elif current is None and not bad and line:
            current = _parse_day(line)
            bad = current is None
            if bad:
                log.warning("timeline %s: skipping block with date %r", name, line)
        elif line and current is not None:
            sentences.append(line)
    if current is not None and sentences:
        entries.append((current, tuple(sentences)))
    return ReferenceTimeline(name, tuple(sorted(entries, key=lambda e: e[0])))


def _parse_day(line: str) -> date | None:
    if not _DAY.match(line):
        return None
    try:
        return date.fromisoformat(line)
    except ValueError:
        return None


def read_timeline(path: Path) -> ReferenceTimeline:
    return parse_timeline(path.read_text(encoding="utf-8", errors="replace"), path.stem)


def read_docs(topic_dir: Path) -> list[InputDoc]:
    """Every input document of a topic, ordered by publication date then id."""
    docs = []
    for day_dir in sorted((Path(topic_dir) / "InputDocs").iterdir()):
        published = _parse_day(day_dir.name)
        if published is None or not day_dir.is_dir():
            continue
        for path in sorted(day_dir.iterdir()):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                docs.append(InputDoc(f"{day_dir.name}/{path.name}", published, text,
                                     line_sentences(text)))
    return docs


def topic_articles(docs: list[InputDoc], outlet: str | None = None) -> list[Article]:
    """The topic's documents as articles: the file text as it is, the folder date as the
    publication date (as a metadata sidecar would give it), the topic name as the outlet."""
    return [Article(id=doc.id, source=doc.id, text=doc.text, outlet=outlet,
                    published=doc.published.isoformat(), published_from=DateSource.METADATA)
            for doc in docs]


def line_sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """One sentence per non-blank line, as ``(start, end, text)`` offsets into ``text``."""
    sentences = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            sentences.append((start, start + len(stripped), stripped))
    return tuple(sentences)
