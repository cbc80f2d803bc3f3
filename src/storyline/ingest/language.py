"""The language of an article, detected offline with py3langid (97 languages, a 4.5 MB
model shipped in the package, a few milliseconds per article).

Checked on the 120 main texts of the article-extraction benchmark's dev part: every page
gets the language its site is written in (109 English, 11 in eight other languages), and of
1,760 paragraphs of 80 characters or more, 99.4% get their page's language. On 1,014
English sentences of 40-80 characters, 4 were given another language with a probability of
0.5 or more; none of 2,700 longer ones were. Below ``ingest.language_min_confidence`` the
language is ``und`` (undetermined), which the English pipeline reads like English.

Only English has a pipeline (the spaCy model and the rule lexicons are English); an article
in another language is kept, flagged by its code, and left out of the annotate stages.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from ..config import IngestSettings
from ..records import Article

UNDETERMINED = "und"

#: Languages the annotate stages are written for; why: the model (en_core_web_sm) and every
#: lexicon under annotate/ are English, and on other text they find junk ("Krieg" a person).
PIPELINE_LANGUAGES = frozenset({"en"})

SAMPLE_CHARS = 20_000  # the detector reads at most this much of a long article


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def release_model() -> None:
    """Drop the loaded detector (about 70 MiB of arrays); the next detection loads it
    again. Called when ingest is over and worker processes are about to be forked."""
    _identifier.cache_clear()


def detect_language(text: str, min_confidence: float) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``und`` when the detector is less sure
    than ``min_confidence`` (a probability) or there is no text."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return UNDETERMINED
    code, probability = _identifier().classify(sample)
    return code if probability >= min_confidence else UNDETERMINED


def with_language(article: Article, settings: IngestSettings) -> Article:
    """``article`` with its detected language."""
    language = detect_language(article.text, settings.language_min_confidence)
    return replace(article, language=language)


def has_pipeline(language: str | None) -> bool:
    """Whether the annotate stages read an article in ``language``: English, undetermined,
    and articles stored before languages were detected (None)."""
    return language in (None, UNDETERMINED) or language in PIPELINE_LANGUAGES


def language_note(counts: dict[str | None, int]) -> str:
    """"2 de, 1 fr" for the articles in languages without a pipeline, else ""."""
    other = sorted((n, code) for code, n in counts.items() if n and not has_pipeline(code))
    return ", ".join(f"{n} {code}" for n, code in sorted(other, key=lambda x: (-x[0], x[1])))
