"""Cleaning scorer on a folder of scraped plain-text articles (the seeds).

It runs the real ingest path (``iter_documents`` + ``clean_document``, with the folder's
``metadata.jsonl``/``metadata.csv`` sidecar when present) and measures two things:

* ``noise_removed``: removals whose reason is a noise rule (not header metadata lines);
* ``sentences_kept_ratio``: of the raw file's real sentences, the share found in the
  cleaned text. A real sentence is a segment of a raw line with at least
  ``MIN_WORDS`` words that ends in terminal punctuation or a closing quote, on a line no
  noise rule matches. It is compared after the inline edits and with whitespace and
  paragraph breaks collapsed, so an inline edit or a paragraph join does not count as a
  loss. ``sentences_lost`` is the count of those missing (must be 0).

Run: ``python -m storyline.eval.seeds DIR``.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from ..config import IngestSettings
from ..errors import DataError
from ..ingest.clean import clean_document, normalize_lines
from ..ingest.metadata import load_sidecar
from ..ingest.noise import apply_inline_edits, match_line_rule, strip_dateline
from ..ingest.sources import iter_documents
from ..records import Article, RawDocument, Rejected
from .report import EvalReport, Progress

logger = logging.getLogger(__name__)

NAME = "seeds"
MIN_WORDS = 6
HEADER_REASONS = frozenset({"header_title", "header_outlet", "header_byline", "header_date",
                            "date_prefix"})
FLOORS: dict[str, float] = {"sentences_kept_ratio": 1.0, "noise_removed": 16.0,
                            "dated_ratio": 1.0}
_SENTENCE = re.compile(r".+?(?:[.!?…][\"”’')]*|[\"”])(?=\s+[A-Z0-9“\"‘'(]|\s*$)")
_SPACE = re.compile(r"\s+")


def real_sentences(raw_text: str) -> list[str]:
    """Sentences of the raw text on lines that no noise rule matches."""
    found = []
    for line in normalize_lines(raw_text):
        if not line or match_line_rule(line):
            continue
        for match in _SENTENCE.finditer(line):
            segment = match.group(0).strip()
            if len(segment.split()) >= MIN_WORDS:
                found.append(segment)
    return found


def _comparable(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def lost_sentences(raw_text: str, cleaned: str) -> list[str]:
    """Real sentences of ``raw_text`` missing from ``cleaned`` (modulo inline edits)."""
    target = _comparable(cleaned)
    lost = []
    for sentence in real_sentences(raw_text):
        edited, _ = apply_inline_edits(strip_dateline(sentence)[0])
        if _comparable(edited) not in target:
            lost.append(sentence)
    return lost


def _sidecar(data_dir: Path) -> dict[str, dict[str, str]] | None:
    for name in ("metadata.jsonl", "metadata.csv"):
        if (data_dir / name).is_file():
            return load_sidecar(data_dir / name)
    return None


def _row(doc: RawDocument, article: Article | Rejected) -> dict[str, object]:
    if isinstance(article, Rejected):
        sentences = real_sentences(doc.text)
        return {"source": doc.source, "rejected": article.reason.value, "noise_removed": 0,
                "sentences": len(sentences), "sentences_lost": len(sentences), "dated": False}
    noise = [r for r in article.removed if r.reason not in HEADER_REASONS]
    lost = lost_sentences(doc.text, article.text)
    return {"source": Path(doc.source).name, "noise_removed": len(noise),
            "sentences": len(real_sentences(doc.text)), "sentences_lost": len(lost),
            "lost": lost[:5], "dated": article.published is not None,
            "published": article.published, "published_from": article.published_from.value}


def score(data_dir: Path, *, progress: Progress | None = None,
          settings: IngestSettings | None = None) -> EvalReport:
    """Clean every plain-text article of ``data_dir`` and count noise removed and losses."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"{data_dir} is not a folder", hint="--data must be the seeds folder")
    settings = settings or IngestSettings()
    sidecar = _sidecar(data_dir)
    rows = []
    for item in iter_documents([str(data_dir)], settings, progress=progress):
        if isinstance(item, Rejected):
            rows.append({"source": item.source, "rejected": item.reason.value})
            continue
        rows.append(_row(item, clean_document(item, sidecar, settings)))
    if not rows:
        raise DataError(f"no articles in {data_dir}", hint="point --data at the seeds folder")
    sentences = sum(int(r.get("sentences", 0)) for r in rows)
    lost = sum(int(r.get("sentences_lost", 0)) for r in rows)
    metrics = {
        "noise_removed": float(sum(int(r.get("noise_removed", 0)) for r in rows)),
        "sentences": float(sentences),
        "sentences_lost": float(lost),
        "sentences_kept_ratio": round(1 - lost / sentences, 4) if sentences else 1.0,
        "dated_ratio": round(sum(bool(r.get("dated")) for r in rows) / len(rows), 4),
    }
    return EvalReport(NAME, metrics, tuple(rows), (), FLOORS)


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write("usage: python -m storyline.eval.seeds DIR\n")
        return 2
    report = score(Path(argv[0]))
    for metric, value in report.metrics.items():
        sys.stdout.write(f"{metric:22} {value:g}\n")
    for row in report.rows:
        for sentence in row.get("lost", []) or []:
            sys.stdout.write(f"  lost in {row['source']}: {sentence[:100]}\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main(sys.argv[1:]))
