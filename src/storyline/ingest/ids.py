"""Deterministic identities for ingested articles.

An article id depends only on where the article came from (the file name, plus ``#n`` for
the n-th entry of a container; for a page fetched from the web, its whole URL) and on its
cleaned text, so re-ingesting the same file gives the same id wherever the file lives, and
an edited article gets a new one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from ..records import stable_id

_SPACE = re.compile(r"\s+")


def split_source(source: str) -> tuple[str, str | None]:
    """``"dir/a.jsonl#3"`` -> ``("dir/a.jsonl", "3")``; no entry part gives ``None``."""
    path, sep, entry = source.rpartition("#")
    if sep and entry.isdigit():
        return path, entry
    return source, None


def is_web_source(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def source_key(source: str) -> str:
    """The file name of ``source`` with its ``#n`` entry suffix, without the folders; a URL
    as it is."""
    if is_web_source(source):
        return source
    path, entry = split_source(source)
    name = PurePath(path).name or path
    return f"{name}#{entry}" if entry is not None else name


def source_file_name(source: str) -> str:
    """The file name of ``source`` without folders and without ``#n``."""
    path, _ = split_source(source)
    return PurePath(path).name or path


def normalize_for_hash(text: str) -> str:
    """Text as compared for identity: NFC, case-folded, whitespace collapsed."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return _SPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalized text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def article_id(source: str, text: str) -> str:
    """The deterministic article id for cleaned ``text`` read from ``source``."""
    return stable_id("article", source_key(source), content_hash(text))
