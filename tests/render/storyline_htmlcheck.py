"""Checks that rendered HTML is inert: no live script from content, links only http/https.

Parses with the standard library's HTML parser, the way a browser tokenizes tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]
    text: str = ""


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.ids: list[str] = []
        self._script: Tag | None = None

    def handle_starttag(self, tag, attrs):
        item = Tag(tag, {k: v or "" for k, v in attrs})
        self.tags.append(item)
        if "id" in item.attrs:
            self.ids.append(item.attrs["id"])
        if tag == "script":
            self._script = item

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.text += data


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def bad_urls(html: str, allow_relative: bool = True) -> list[str]:
    """URL attributes that are neither http(s), nor (if allowed) relative or #fragments."""
    bad = []
    for tag in parse(html).tags:
        for name, value in tag.attrs.items():
            if name not in URL_ATTRS:
                continue
            lowered = "".join(value.split()).lower()
            if lowered.startswith(("http://", "https://")):
                continue
            if allow_relative and lowered.startswith(("/", "#")) and not lowered.startswith("//"):
                continue
            bad.append(f"<{tag.name} {name}={value!r}>")
    return bad


def event_handlers(html: str) -> list[str]:
    return [f"<{t.name} {k}>" for t in parse(html).tags for k in t.attrs if k.startswith("on")]


def live_tags(html: str, names=("script", "img", "iframe", "object", "embed")) -> list[Tag]:
    return [t for t in parse(html).tags if t.name in names]


def well_formed(fragment: str) -> bool:
    """True when every non-void tag in ``fragment`` is closed in order."""
    stack: list[str] = []
    ok = True

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in VOID:
                stack.append(tag)

        def handle_endtag(self, tag):
            nonlocal ok
            if not stack or stack.pop() != tag:
                ok = False

    Checker().feed(fragment)
    return ok and not stack


def text_of(fragment: str) -> str:
    parts: list[str] = []

    class Texts(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    parser = Texts(convert_charrefs=True)
    parser.feed(fragment)
    parser.close()
    return "".join(parts)
