"""The declared pipeline: a stage is a record, a layer is an ordered table of stages.

A :class:`Stage` names what it ``requires`` and what it ``produces`` (named slots, as spaCy
components declare theirs), carries its own ``version``, and runs as a pure function of the
slots it requires plus its settings section. :func:`check_table` refuses a table before any
data flows: every requirement must be an input of the layer or produced by an earlier stage,
and no name may be used twice. :func:`run_table` runs a table over one unit of work (an
article, a story), optionally only some stages, on top of slots computed before.

A stage's *key* (:func:`stage_keys`) is a digest of its version and of the keys of everything
it requires, inputs included: a stored result whose key differs is stale, and exactly the
stale stages (and what depends on them) run again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import PipelineError


@dataclass(frozen=True, slots=True)
class Stage:
    """One declared step. ``run(**required_slots, settings=section)`` returns the produced
    slots: a value when one is produced, a tuple in ``produces`` order otherwise.
    ``settings`` names the settings section given to ``run`` (None: no settings);
    ``lexicon`` names the module that holds the stage's word lists and patterns."""

    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    run: Callable[..., Any]
    settings: str | None = None
    lexicon: str | None = None
    doc: str = ""

    @property
    def module(self) -> str:
        return getattr(self.run, "__module__", "") or ""


@dataclass(frozen=True, slots=True)
class Table:
    """An ordered table of stages over the named ``inputs`` of a layer."""

    layer: str
    inputs: tuple[str, ...]
    stages: tuple[Stage, ...]

    def stage(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise PipelineError(f"no stage {name!r} in the {self.layer} table",
                            hint="stages: " + ", ".join(s.name for s in self.stages))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)


def check_table(table: Table) -> Table:
    """``table`` if it can run; else a :class:`PipelineError` naming the first bad stage."""
    available = set(table.inputs)
    seen: set[str] = set()
    for stage in table.stages:
        if not stage.name or stage.name in seen:
            raise PipelineError(f"{table.layer} stage name {stage.name!r} is used twice",
                                hint="give every stage a unique name")
        seen.add(stage.name)
        if not stage.version:
            raise PipelineError(f"{table.layer} stage {stage.name!r} has no version",
                                hint="declare a version string in the stage record")
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"{table.layer} stage {stage.name!r} requires {', '.join(missing)}, "
                "which no earlier stage produces",
                hint="move the stage after the one that produces it, or declare it")
        twice = [p for p in stage.produces if p in available]
        if twice or not stage.produces:
            raise PipelineError(
                f"{table.layer} stage {stage.name!r} produces "
                f"{', '.join(twice) or 'nothing'}"
                + (" already produced earlier" if twice else ""),
                hint="every slot is written by exactly one stage")
        available.update(stage.produces)
    return table


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:12]


def stage_keys(table: Table, input_keys: Mapping[str, str]) -> dict[str, str]:
    """Every stage's key: its version and the keys of what it requires, as a digest.

    ``input_keys`` gives a key per layer input (the model version for a parse, a reference
    date...); a stage that reads none of the changed inputs keeps its key."""
    slot_keys = {name: str(input_keys.get(name, "")) for name in table.inputs}
    keys: dict[str, str] = {}
    for stage in table.stages:
        key = _digest(stage.name, stage.version, *(slot_keys[r] for r in stage.requires))
        keys[stage.name] = key
        for slot in stage.produces:
            slot_keys[slot] = key
    return keys


def dependents(table: Table, names: Iterable[str]) -> list[str]:
    """``names`` and every stage that needs (directly or not) what they produce, in order."""
    chosen = set(names)
    unknown = chosen - set(table.names)
    if unknown:
        raise PipelineError(f"no stage {', '.join(sorted(unknown))} in the {table.layer} table",
                            hint="stages: " + ", ".join(table.names))
    dirty: set[str] = set()
    out = []
    for stage in table.stages:
        if stage.name in chosen or any(r in dirty for r in stage.requires):
            out.append(stage.name)
            dirty.update(stage.produces)
    return out


def stale_stages(table: Table, stored: Mapping[str, str], keys: Mapping[str, str]) -> list[str]:
    """The stages whose stored key differs from the current one, and their dependents."""
    return dependents(table, [s.name for s in table.stages if stored.get(s.name) != keys[s.name]])


def section(settings: Any, path: str) -> Any:
    """The settings part a dotted ``path`` names ("story"), or None without settings."""
    for part in path.split("."):
        if settings is None:
            return None
        settings = getattr(settings, part)
    return settings


def run_table(table: Table, slots: Mapping[str, Any], settings: Any = None,
              only: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the stages of ``table`` (all, or ``only`` those names, in table order) over
    ``slots`` (the layer's inputs and any slots computed before); returns every slot."""
    out = dict(slots)
    wanted = set(table.names if only is None else only)
    for stage in table.stages:
        if stage.name not in wanted:
            continue
        missing = [r for r in stage.requires if r not in out]
        if missing:
            raise PipelineError(f"{table.layer} stage {stage.name!r} is missing "
                                f"{', '.join(missing)}",
                                hint="run the stages that produce it first")
        kwargs = {r: out[r] for r in stage.requires}
        if stage.settings is not None:
            kwargs["settings"] = section(settings, stage.settings)
        result = stage.run(**kwargs)
        values = (result,) if len(stage.produces) == 1 else tuple(result)
        out.update(zip(stage.produces, values))
    return out
