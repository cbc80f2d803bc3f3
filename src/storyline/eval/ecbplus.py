"""Reader for the ECB+ corpus (Cybulska and Vossen, 2014): topics of token-XML documents.

``<data_dir>/ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml``: each topic holds
articles about two different seminal events, the ECB one and the ECB+ one. A document is a
list of ``<token t_id sentence number>`` elements; the text is rebuilt by joining tokens
with spaces and sentences with newlines. No dates are given.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..records import Article, stable_id


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document as an article, with its gold event split ("ecb" or "ecbplus")."""

    name: str
    article: Article
    gold: str


def _natural_key(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def corpus_root(data_dir: Path) -> Path:
    """The folder holding the topic folders (``data_dir/ECB+`` or ``data_dir`` itself)."""
    for candidate in (data_dir / "ECB+", data_dir):
        if candidate.is_dir() and any(p.is_dir() for p in candidate.iterdir()):
            return candidate
    raise DataError(f"no ECB+ topic folders under {data_dir}",
                    hint="pass the folder that holds ECB+/<topic>/*.xml")


def topic_dirs(data_dir: Path) -> list[Path]:
    """Topic folders in natural order (1, 2, ..., 10)."""
    root = corpus_root(data_dir)
    return sorted((p for p in root.iterdir() if p.is_dir() and list(p.glob("*.xml"))),
                  key=lambda p: _natural_key(p.name))


def document_text(path: Path) -> str:
    """Tokens joined by spaces, sentences by newlines."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise DataError(f"cannot read ECB+ file {path}: {exc}",
                        hint="the file must be an ECB+ token XML document") from exc
    sentences: dict[str, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
    ordered = sorted(sentences, key=lambda s: int(s) if s.isdigit() else 0)
    return "\n".join(" ".join(t for t in sentences[s] if t) for s in ordered)


def gold_label(path: Path) -> str:
    return "ecbplus" if path.stem.endswith("ecbplus") else "ecb"


def read_topic(topic_dir: Path) -> list[EcbDocument]:
    """The documents of one topic in file-name (natural) order, as undated articles."""
    documents = []
    for path in sorted(topic_dir.glob("*.xml"), key=lambda p: _natural_key(p.name)):
        text = document_text(path)
        article = Article(id=stable_id("ecbplus", topic_dir.name, path.name), source=str(path),
                          text=text, title=text.split("\n", 1)[0][:200])
        documents.append(EcbDocument(name=path.name, article=article, gold=gold_label(path)))
    return documents
