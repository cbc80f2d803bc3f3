"""The one way to compare texts by their words: tokens, the stop-word list, the stemmer.

``terms(text)`` is what every comparison of texts uses (TF-IDF, redundancy, ROUGE): the
text lowercased, every character outside ``[a-z0-9]`` a separator, stop words dropped and
words longer than three characters reduced to their Porter stem. That is the token pipeline
of ROUGE-1.5.5 with its ``-m -s`` options, as the timeline-summarization literature runs
it, so the scorers and the stages see the same words.

* Stop words: spaCy's English list (a maintained list close to ROUGE's SMART list),
  normalized the same way as the text.
* Stemmer: the Porter (1980) algorithm of the Snowball project through PyStemmer.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path

NON_ALNUM = re.compile(r"[^a-z0-9]+")
STEM_MIN_LENGTH = 4  # shorter words are kept as they are (ROUGE-1.5.5)


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop-word list, normalized like the text ("'s" -> "s")."""
    normalized = {NON_ALNUM.sub(" ", word.lower()).strip() for word in _spacy_stop_words()}
    return frozenset(word for word in normalized if word and " " not in word)


def _spacy_stop_words() -> set[str]:
    """spaCy's English stop words, read from their module file without importing spaCy:
    importing the package loads all of spaCy (about 60 MB), and the processes that cluster
    and build stories need only this list (their forked workers would carry the rest)."""
    if "spacy" not in sys.modules:
        found = importlib.util.find_spec("spacy")
        places = found.submodule_search_locations if found is not None else None
        path = Path(next(iter(places))) / "lang" / "en" / "stop_words.py" if places else None
        if path is not None and path.is_file():
            spec = importlib.util.spec_from_file_location("_storyline_stop_words", path)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return set(module.STOP_WORDS)
    from spacy.lang.en.stop_words import STOP_WORDS

    return set(STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("porter")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lowercase word (words under four characters unchanged)."""
    return _stemmer().stemWord(word) if len(word) >= STEM_MIN_LENGTH else word


def tokens(text: str) -> list[str]:
    """The lowercase alphanumeric words of ``text``."""
    return NON_ALNUM.sub(" ", text.lower()).split()


def content_words(text: str) -> list[str]:
    """The tokens of ``text`` that are not stop words, unstemmed."""
    stop = stop_words()
    return [word for word in tokens(text) if word not in stop]


def terms(text: str, *, stemmed: bool = True, drop_stop_words: bool = True) -> list[str]:
    """The comparison terms of ``text``: tokens, stop words dropped, stemmed."""
    words = content_words(text) if drop_stop_words else tokens(text)
    return [stem(word) for word in words] if stemmed else words
