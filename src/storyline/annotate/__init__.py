"""Annotate: per-article stages over one spaCy parse, declared in one ordered table.

``STAGES`` is the table the code runs (see ``storyline.pipeline``): inputs are the parsed
``doc``, the ``article`` and the ``reference`` date; each stage declares what it requires
and produces. ``models.py`` is the only place a model is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from ..pipeline import Table, check_table, run_table, stage_keys, stale_stages
from ..records import Annotation, Article
from . import actors, claims, events, linking, mentions, quantities, quotes, sentences, times

INPUTS = ("doc", "article", "reference")

STAGES = check_table(Table("annotate", INPUTS, (
    sentences.STAGE,
    mentions.STAGE,
    actors.STAGE,
    times.STAGE,
    times.DATING,
    quotes.STAGE,
    quantities.STAGE,
    claims.STAGE,
    events.STAGE,
    linking.STAGE,
)))

#: The slots an Annotation keeps; the others (``entity_mentions``) are recomputed on demand.
STORED = tuple(f.name for f in fields(Annotation) if f.name not in ("article_id", "versions"))


def input_keys(article: Article, model_version: str) -> dict[str, str]:
    """What each input's key is: a new model or text re-parses, a new date re-dates."""
    return {"doc": f"{model_version}:{article.content_hash}",
            "article": article.content_hash, "reference": article.published or ""}


def keys_for(article: Article, model_version: str) -> dict[str, str]:
    """The current key of every annotate stage for ``article``."""
    return stage_keys(STAGES, input_keys(article, model_version))


def _with_producers(names: Sequence[str], have: set[str]) -> list[str]:
    """``names`` plus the stages producing any slot they need that ``have`` lacks."""
    chosen = set(names)
    changed = True
    while changed:
        changed = False
        for stage in STAGES.stages:
            if stage.name in chosen:
                continue
            needed = {r for s in STAGES.stages if s.name in chosen for r in s.requires}
            if any(p in needed and p not in have for p in stage.produces):
                chosen.add(stage.name)
                changed = True
    return [s.name for s in STAGES.stages if s.name in chosen]


def stale(article: Article, stored: Annotation | None, model_version: str) -> list[str]:
    """The stages to run for ``article`` given what is stored (all when nothing is)."""
    keys = keys_for(article, model_version)
    return stale_stages(STAGES, dict(stored.versions) if stored else {}, keys)


def annotate_article(article: Article, doc, model_version: str, *,
                     stored: Annotation | None = None,
                     only: Sequence[str] | None = None) -> Annotation:
    """Run the annotate stages over ``article`` and its parse ``doc``.

    With ``stored``, only ``only`` (default: the stale stages) run again; the other slots
    come from ``stored``."""
    keys = keys_for(article, model_version)
    previous: Mapping[str, Any] = {}
    names = list(STAGES.names)
    if stored is not None:
        previous = {name: getattr(stored, name) for name in STORED}
        names = list(only) if only is not None else stale_stages(
            STAGES, dict(stored.versions), keys)
        names = _with_producers(names, set(previous) | set(INPUTS))
    slots = run_table(STAGES, {"doc": doc, "article": article,
                               "reference": article.published, **previous}, only=names)
    return Annotation(article_id=article.id, versions=tuple(sorted(keys.items())),
                      **{name: slots[name] for name in STORED})
