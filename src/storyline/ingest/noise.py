"""Every rule that removes scraping noise from article text, in one reviewable place.

A rule has a name (the reason code stored with each removal) and a reason for existing.
There are three kinds:

* line rules: a whole line (paragraph) that is noise - a video caption, a photo credit,
  a slug, a comment form - is dropped;
* context rules: a short heading-like line glued (no blank line) to a line that a line
  rule removed as a caption or credit is the caption's own title and goes with it;
* inline edits: markup left in a real sentence (markdown link stubs, emphasis stars) and
  the dateline prefix ``(CNN) -`` are edited out and the sentence is kept.

Every removal and edit is recorded as ``RemovedLine(line, reason)``. Finally a paragraph
broken mid-sentence (no terminal punctuation, next paragraph starts lowercase) is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import RemovedLine

TERMINAL = ".!?…:;\"”’'»)]"


@dataclass(frozen=True, slots=True)
class LineRule:
    """A whole-line noise pattern; ``name`` is the reason code recorded for a removal."""

    name: str
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True, slots=True)
class InlineRule:
    """An edit inside a line: every match is replaced by ``keep`` (a group reference)."""

    name: str
    pattern: re.Pattern[str]
    keep: str
    why: str


@dataclass(frozen=True, slots=True)
class Lines:
    """Cleaned paragraphs, what was removed, and the outlet a dateline named (if any)."""

    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    outlet: str | None = None


_NO_END_PUNCT = r"(?<![.!?…\"”’'])"
# "at 10:30", "scale 1:24": a clock time or a ratio, not a video's running time
_NOT_A_CLOCK = "".join(f"(?<!\\b{word})" for word in (
    "at", "by", "to", "from", "until", "till", "before", "after", "since", "scale", "scala",
    "ratio"))
_AGENCY = (r"(?:AFP|Reuters|AP|EPA(?:-EFE)?|Bloomberg|Keystone|Pool|Sipa|NurPhoto|PA|ANP"
           r"|Xinhua|Anadolu|Alamy|Shutterstock|Getty(?:\s+Images)?)")
_NAME_WORDS = r"(?:[ /-]+[\w.'’-]+){0,4}"
_CREDIT_TAIL = (
    r"(?:\bGetty\s+Images|\bShutterstock|\bAlamy(?:\s+Stock\s+Photo)?"
    r"|\\?/\s?" + _AGENCY + r"\b" + _NAME_WORDS +
    r"|\bAP\s+Photo\b" + _NAME_WORDS + r")\)?\s*$"
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "video_caption",
        re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—]\s*Source:\s*\S.{0,60}$"),
        "a video player's duration and source line (01:30 - Source: X)",
    ),
    LineRule(
        "video_caption",
        re.compile(r"^(?=(?:\S+\s+){1,24}\S+$).{0,200}" + _NOT_A_CLOCK
                   + r"\s\d{1,2}:[0-5]\d$", re.IGNORECASE),
        "a video title ending in its duration (... compare 1:40); prose never ends so",
    ),
    LineRule(
        "slug",
        re.compile(r"^[a-z][a-z'-]*(?:\s[a-z][a-z'-]*){0,5}\s\d{2,6}$"),
        "an all-lowercase kicker or CMS slug with a number (name 1206)",
    ),
    LineRule(
        "photo_credit",
        re.compile(r"^.{0,400}" + _CREDIT_TAIL),
        "a photo caption or credit ending in an agency credit (... Getty Images)",
    ),
    LineRule(
        "photo_credit",
        re.compile(r"^(?:\(?(?:Photo(?:graph)?|Image|Picture|Credit)s?\s*(?:by|credit)?\s*:"
                   r"|\(Photo by)\s*.{1,80}$", re.IGNORECASE),
        "a credit line (Photo: X, Image credit: X)",
    ),
    LineRule(
        "comment_form",
        re.compile(
            r"^(?:Please enter your (?:comment|name|e-?mail)|You have entered an incorrect"
            r"|Leave a (?:Reply|comment)|Cancel reply|Post Comment|Notify me of (?:follow-up|new)"
            r"|Save my name,? e-?mail)\b.{0,120}$",
            re.IGNORECASE,
        ),
        "the comment form under an article",
    ),
    LineRule(
        "advertisement",
        re.compile(r"^(?:advertisement|skip advertisement|story continues below"
                   r"(?: advertisement)?|sponsored content)$", re.IGNORECASE),
        "advertising placeholders",
    ),
)

CAPTION_REASONS = frozenset({"video_caption", "photo_credit"})
_CAPTION_TITLE = re.compile(r"^(?=(?:\S+\s+){0,15}\S+$).*" + _NO_END_PUNCT + "$")

INLINE_RULES: tuple[InlineRule, ...] = (
    InlineRule(
        "markdown_link",
        re.compile(r"\[([^\]\n]{1,200})\]\((?:#|[^()\s]{0,500})\)"),
        r"\1",
        "a markdown link stub left by the scraper ([poll](#) -> poll)",
    ),
    InlineRule(
        "photo_credit",
        re.compile(r"^\(?(?:Photograph|Photo|Picture|Image)\s*:\s*[\w.'’ -]{1,50}\\?/\s?"
                   + _AGENCY + r"\)?\s+(?=[A-Z“\"‘])"),
        "",
        "a photo credit glued to the start of a paragraph (Photograph: X/Agency ...)",
    ),
    InlineRule(
        "markdown_emphasis",
        re.compile(r"(?<![\w*])(\*{1,2}|_{2})(?=[\w\"“‘'(])([^*_\n]{1,120}?)(?<=[\w.!?\"”’')])"
                   r"\1(?![\w*])"),
        r"\2",
        "markdown emphasis markers (*Politico* -> Politico)",
    ),
)

DATELINE_RULES: tuple[re.Pattern[str], ...] = (
    # "(CNN) — ", "WASHINGTON (Reuters) - "
    re.compile(r"^(?:[A-Z][A-Z .,'-]{1,40}\s)?\((?P<outlet>[A-Z][\w.&' -]{0,30})\)\s*[—–-]{1,2}\s*"),
    # "CNN — " alone on its line (an acronym and a long dash)
    re.compile(r"^(?P<outlet>[A-Z]{2,6})\s*[—–]{1,2}\s*$"),
)


DATELINE_WINDOW = 6  # a dateline opens the body, at most a few header lines down


def match_line_rule(line: str) -> str | None:
    """The name of the first line rule matching ``line`` (stripped), or None."""
    text = line.strip()
    for rule in LINE_RULES:
        if rule.pattern.match(text):
            return rule.name
    return None


def apply_inline_edits(line: str) -> tuple[str, list[RemovedLine]]:
    """Apply every inline rule to ``line``; return the edited line and the edits made."""
    edits: list[RemovedLine] = []
    for rule in INLINE_RULES:
        edits.extend(RemovedLine(m.group(0), rule.name) for m in rule.pattern.finditer(line))
        line = rule.pattern.sub(rule.keep, line)
    return line, edits


def strip_dateline(line: str) -> tuple[str, str | None, str | None]:
    """Remove a leading dateline; return (rest, removed prefix, outlet).

    The bare form (``CNN —``) counts only as a whole line: ``MADRID — ...`` opening a
    paragraph names a place, not an outlet, and ``NATO — which ...`` is prose.
    """
    for pattern in DATELINE_RULES:
        match = pattern.match(line)
        if match:
            return line[match.end():], match.group(0), match.group("outlet").strip()
    return line, None, None


def _caption_titles(lines: list[str], reasons: list[str | None]) -> list[str | None]:
    """Mark a short unpunctuated line glued to a caption/credit line right below it."""
    marked = list(reasons)
    for i in range(len(lines) - 2, -1, -1):
        below = marked[i + 1]
        if marked[i] or not lines[i].strip() or not lines[i + 1].strip():
            continue
        if below in CAPTION_REASONS and _CAPTION_TITLE.match(lines[i].strip()):
            marked[i] = "caption_title"
    return marked


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph without terminal punctuation to a next one starting lowercase."""
    groups: list[list[str]] = []
    for para in paragraphs:
        if groups and para[:1].islower() and groups[-1][-1][-1:] not in TERMINAL:
            groups[-1].append(para)
        else:
            groups.append([para])
    return [" ".join(group) for group in groups]


def remove_noise(lines: list[str], datelines: bool = True) -> Lines:
    """Drop noise lines, edit inline markup and datelines, join broken paragraphs.

    ``lines`` are single lines of text (blank lines separate blocks); the result's
    paragraphs are the kept non-blank lines, edited.
    """
    reasons = _caption_titles(lines, [match_line_rule(line) for line in lines])
    removed: list[RemovedLine] = []
    kept: list[str] = []
    outlet: str | None = None
    for line, reason in zip(lines, reasons):
        text = line.strip()
        if not text:
            continue
        if reason:
            removed.append(RemovedLine(text, reason))
            continue
        if datelines and outlet is None and len(kept) < DATELINE_WINDOW:
            text, prefix, found = strip_dateline(text)
            if prefix:
                removed.append(RemovedLine(prefix.strip(), "dateline"))
                outlet = outlet or found
        text, edits = apply_inline_edits(text)
        removed.extend(edits)
        if text.strip():
            kept.append(text.strip())
    return Lines(tuple(join_broken_paragraphs(kept)), tuple(removed), outlet)
