"""storyline: a sourced, structured picture of a developing news story.

    import storyline
    with storyline.open("news.db") as sl:
        sl.analyze(["articles/"])
        for story in sl.stories():
            print(story.title)

``open`` returns a ``Storyline`` (see ``storyline.api`` and docs/python.md); the records it
returns are those of ``storyline.records``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Records", "Storyline", "__version__", "open"]

if TYPE_CHECKING:
    from .api import Storyline
    from .tables import Records


def open(path_or_url: Any = "storyline.db", **options: Any) -> Storyline:
    """Open the store at ``path_or_url`` (a SQLite file or a database URL); options are
    ``config`` (a TOML settings file), ``create`` (default True) and ``settings``."""
    from .api import open_storyline

    return open_storyline(path_or_url, **options)


def __getattr__(name: str) -> Any:
    if name == "Storyline":
        from .api import Storyline

        return Storyline
    if name == "Records":
        from .tables import Records

        return Records
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
