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
    batch_size: int = 8  # at most this many texts (or pieces) per nlp.pipe batch
    batch_chars: int = 20_000  # and at most this many characters: the parse's memory grows with it
    model: str = ""  # empty: the preferred installed English model
    store_parses: bool = True  # keep each parse, so rule stages re-run without parsing
    piece_chars: int = 10_000  # a longer article is parsed in paragraph groups of this size


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
    cluster_recent_days: int = 7  # a story reported this recently gets the boost below
    cluster_recent_boost: float = 1.0  # similarity x (1 + boost) at 0 days, falling to x 1
    cluster_merge_threshold: float = 0.5  # an article this similar to two stories merges them
    cluster_batch: int = 500  # new articles clustered per step (with their neighbours)
    brief_min: int = 5
    brief_max: int = 10
    brief_latest_slots: int = 1  # sentences of the most recent articles, first
    brief_support_weight: float = 0.2  # relevance: other outlets say the same thing
    brief_centrality_weight: float = 1.0  # ... close to everything the story says
    brief_position_weight: float = 0.4  # ... early in its article
    brief_recency_weight: float = 0.0  # ... from a recent article
    brief_timeline_weight: float = 0.1  # ... cited by the timeline
    brief_commentary_factor: float = 0.6  # opinion and hypotheticals count this much
    brief_mmr_lambda: float = 0.9  # relevance against similarity to what is chosen
    timeline_dates: int = 0  # 0: the method chooses how many dates
    timeline_min_dates: int = 15  # a story keeps at least this many dated points if it has them
    timeline_sentences: int = 0  # sentences per date; 0: timeline_auto_sentences
    timeline_auto_sentences: int = 2  # sentences per date when nobody says
    timeline_start: str = ""  # ISO date: leave out dates before it ("" = no limit)
    timeline_end: str = ""  # ISO date: leave out dates after it
    timeline_days_only: bool = False  # leave out month and year entries
    timeline_expected: bool = True  # keep entries for plans and forecasts (marked expected)
    timeline_expected_weight: float = 1.0  # a forecast's date counts this much
    timeline_published_weight: float = 0.35  # per article dating an undated event to the day
    timeline_recall_weight: float = 0.5  # per article that recalls the day a while later
    timeline_recall_days: int = 7  # ... published this many days after it or more
    timeline_coarse_weight: float = 0.35  # month and year dates compete at this discount
    timeline_min_support: float = 2.0  # a date this well supported counts for the length
    timeline_auto_factor: float = 5.0  # automatic length: this times the root of those
    timeline_min_words: int = 6  # summary sentences have this many content words or more
    timeline_max_words: int = 30  # ... and at most this many
    timeline_redundancy: float = 0.5  # cosine above which a sentence repeats a chosen one
    timeline_commentary: bool = False  # keep commentary sentences (opinion) as candidates
    timeline_undated_weight: float = 1.0  # a sentence dated only by its article counts this
    timeline_reference_dates: bool = True  # other dates a sentence names count too
    timeline_lead_weight: float = 0.25  # a lead sentence's summary score counts 1 + this
    timeline_topic_weight: float = 0.5  # a summary sentence's likeness to the whole story
    timeline_aside_weight: float = 0.5  # an opinion, question or dateline counts this much
    timeline_fresh_days: int = 1  # a sentence from an article published this many days
    timeline_fresh_weight: float = 1.5  # ... after its date or less counts this much more
    timeline_quoted_weight: float = 0.8  # a sentence that quotes someone counts this much
    timeline_news_day_window: int = 2  # undated news of an article happened on a day this
    timeline_news_day_mentions: int = 2  # close before publication that it names this often
    events_merge_days: int = 3  # same-actor, same-type events this close are one action
    claim_tolerance: float = 0.02  # figures within 2% of each other are one figure
    claim_approx_tolerance: float = 0.1  # "about 40,000" agrees with figures within 10%
    claim_period_days: int = 0  # figures whose as-of dates are this close describe one period
    claim_max_ratio: float = 20.0  # figures further apart than this are not one quantity
    claim_concept_overlap: float = 0.5  # share of concept words two claims must have in common


@dataclass(frozen=True, slots=True)
class StoreSettings:
    url: str = DEFAULT_DB
    story_cache: int = 32  # decoded stories a reading process keeps (by build); 0: none
    # characters of stored records (annotations, story items) whose decoded form the web
    # app keeps, by their stored text; 0: decode on every read
    decoded_cache_chars: int = 8_000_000


@dataclass(frozen=True, slots=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str = ""
    max_upload_bytes: int = 10_000_000  # any request body, multipart or JSON
    max_page_size: int = 200
    default_page_size: int = 50
    # Host names served besides loopback names and ``host`` (comma-separated; ".example.org"
    # also matches its subdomains; "*" turns the check off). Refuses DNS rebinding.
    allowed_hosts: str = ""
    session_secret: str = ""  # signs session cookies; empty: a random one per server start
    session_max_age: int = 7 * 24 * 3600  # seconds a session cookie stays valid
    max_query_chars: int = 4096  # longer query strings are refused (414)
    max_json_depth: int = 32  # deeper JSON bodies are refused (400)
    workers: int = 1  # server processes of `storyline serve`
    page_cache: int = 256  # rendered story and article pages and story documents kept; 0: none
    read_cache: int = 128  # listing and search responses kept while a SQLite store is unchanged


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
