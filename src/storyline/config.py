"""Settings: defaults < TOML file < environment (``STORYLINE_*``) < flags.

Each stage gets its own frozen part (``settings.ingest``, ``settings.annotate`` ...). The
environment names a setting as ``STORYLINE_<SECTION>_<KEY>`` (``STORYLINE_INGEST_MAX_BYTES``);
two short forms exist for the common ones: ``STORYLINE_DB`` and ``STORYLINE_API_TOKEN``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_DB = "sqlite:///storyline.db"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int = 20_000_000
    near_duplicate_threshold: float = 0.8
    shingle_size: int = 5
    num_perm: int = 128
    min_chars: int = 40
    max_decompressed_bytes: int = 20_000_000
    max_lines: int = 50_000
    max_line_chars: int = 1_000_000
    max_entries: int = 10_000
    max_json_depth: int = 64
    max_article_chars: int = 200_000
    max_seconds: float = 60.0
    max_warc_bytes: int = 4_000_000_000  # a WARC file is read record by record
    language_min_confidence: float = 0.5  # below it, an article's language is "und"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Fetching pages, feeds and sitemaps over HTTP (see docs/configuration.md#fetching)."""

    user_agent: str = ""  # empty: "storyline/<version> (+<project URL>)"
    timeout_seconds: float = 20.0  # connect, and each read
    total_seconds: float = 60.0  # the whole download of one document
    retries: int = 2  # more tries after a timeout, a network error, a 429 or a 5xx
    backoff_seconds: float = 1.0  # the first wait before a retry; doubles each time
    max_backoff_seconds: float = 60.0  # cap on a wait (also on a Retry-After)
    host_delay_seconds: float = 1.0  # at least this long between requests to one host
    max_crawl_delay_seconds: float = 30.0  # cap on a robots.txt Crawl-delay
    max_bytes: int = 10_000_000  # a larger body is refused as too_large, while streaming
    max_redirects: int = 5
    respect_robots: bool = True
    allowed_networks: tuple[str, ...] = ()  # CIDR networks fetched although private or loopback
    max_sitemap_urls: int = 5_000  # page URLs taken from one sitemap (with its children)
    max_sitemaps: int = 50  # sitemaps read for one --sitemap (an index and its children)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """``storyline watch``: what it polls, how often, and where it reports."""

    interval_seconds: float = 900.0
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    webhook_url: str = ""  # empty: print the changes; else POST them as JSON here


@dataclass(frozen=True, slots=True)
class AnnotateSettings:
    workers: int = 1
    batch_size: int = 32
    model: str = ""  # empty: the preferred installed English model
    store_parses: bool = True  # keep each parse, so rule stages re-run without parsing


@dataclass(frozen=True, slots=True)
class StorySettings:
    """The story stages' settings (the one source of their defaults).

    The cluster defaults were measured with ``storyline eval clusters`` on the ECB+ dev
    topics (articles in file order and reversed): B-cubed F1 stays within 0.83-0.87 for
    thresholds 0.08-0.12, and 0.1 is the middle of that plateau (the cosines are small
    because an article and a story centroid spread over many words). Equal text and actor
    weights cluster ECB+ about as well but split the five seed articles."""

    cluster_threshold: float = 0.1
    cluster_window_days: int = 90
    cluster_actor_weight: float = 0.7
    cluster_time_weight: float = 0.5
    brief_min: int = 5
    brief_max: int = 10
    timeline_dates: int = 0  # 0: the method chooses how many dates
    timeline_min_dates: int = 15  # a story keeps at least this many dated points if it has them
    timeline_sentences: int = 0  # sentences per date; 0: the method's default
    claim_tolerance: float = 0.02  # figures within 2% of each other are one figure
    claim_approx_tolerance: float = 0.1  # "about 40,000" agrees with figures within 10%
    claim_period_days: int = 0  # figures whose as-of dates are this close describe one period
    claim_max_ratio: float = 20.0  # figures further apart than this are not one quantity
    claim_concept_overlap: float = 0.5  # share of concept words two claims must have in common


@dataclass(frozen=True, slots=True)
class StoreSettings:
    url: str = DEFAULT_DB


@dataclass(frozen=True, slots=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str = ""
    max_upload_bytes: int = 10_000_000
    max_page_size: int = 200
    default_page_size: int = 50


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    annotate: AnnotateSettings = field(default_factory=AnnotateSettings)
    story: StorySettings = field(default_factory=StorySettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    watch: WatchSettings = field(default_factory=WatchSettings)


_SHORT_ENV = {"STORYLINE_DB": ("store", "url"), "STORYLINE_API_TOKEN": ("web", "api_token")}


def _coerce(section: str, key: str, raw: Any, kind: type) -> Any:
    try:
        if kind is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes"}
        if kind is tuple:
            items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
            return tuple(str(item).strip() for item in items if str(item).strip())
        return kind(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {section}.{key} = {raw!r} is not a valid {kind.__name__}",
            hint="fix the value in your config file or STORYLINE_* environment variable",
        ) from exc


def _apply(settings: Settings, section: str, values: Mapping[str, Any]) -> Settings:
    part = getattr(settings, section, None)
    if part is None:
        raise ConfigError(f"unknown settings section {section!r}",
                          hint="sections: " + ", ".join(f.name for f in fields(Settings)))
    types = {f.name: type(getattr(part, f.name)) for f in fields(part)}
    changes = {}
    for key, raw in values.items():
        if key not in types:
            raise ConfigError(f"unknown setting {section}.{key}",
                              hint=f"known: {', '.join(sorted(types))}")
        changes[key] = _coerce(section, key, raw, types[key])
    return replace(settings, **{section: replace(part, **changes)})


def _from_env(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    section_names = {f.name for f in fields(Settings)}
    for name, value in env.items():
        if name in _SHORT_ENV:
            section, key = _SHORT_ENV[name]
        elif name.startswith("STORYLINE_"):
            rest = name[len("STORYLINE_"):].lower()
            section, _, key = rest.partition("_")
            if section not in section_names or not key:
                continue
        else:
            continue
        found.setdefault(section, {})[key] = value
    return found


def load_settings(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Build settings from defaults, an optional TOML file, the environment and flags."""
    settings = Settings()
    env = os.environ if env is None else env
    path = path or env.get("STORYLINE_CONFIG")
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}",
                              hint="pass a readable TOML file to --config") from exc
        for section, values in data.items():
            settings = _apply(settings, section, values)
    for section, values in _from_env(env).items():
        settings = _apply(settings, section, values)
    for section, values in (overrides or {}).items():
        clean = {k: v for k, v in values.items() if v is not None}
        if clean:
            settings = _apply(settings, section, clean)
    return settings


def as_dict(settings: Settings) -> dict[str, dict[str, Any]]:
    return dataclasses.asdict(settings)
