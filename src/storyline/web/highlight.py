"""Article text as safe HTML with sentences, quotes, claims, mentions and times marked.

Every text piece is ``text[start:end]`` of the cleaned article text, escaped; spans become
``<mark class=...>`` (sentences ``<span class="sent" id="s-START">``). Overlapping spans are
nested when one holds the other and split at the inner end when they cross, so the output is
always well-formed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..records import Annotation
from ..render.display import inert

# outer layers first when two spans are equal
LAYERS = {"sent": 0, "quote": 1, "claim": 2, "mention": 3, "time": 4}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    title: str = ""


@dataclass
class _Node:
    mark: Mark | None
    start: int
    end: int
    first: bool = True
    children: list[_Node] = field(default_factory=list)


def annotation_marks(annotation: Annotation | None, names: dict[str, str] | None = None
                     ) -> list[Mark]:
    """The marks to show for one article's annotation (empty without one)."""
    if annotation is None:
        return []
    names = names or {a.id: a.name for a in annotation.actors}
    marks = [Mark(s.start, s.end, "sent") for s in annotation.sentences]
    for q in annotation.quotes:
        speaker = (names.get(annotation.actor_of(q.id) or "") or q.speaker_text
                   or "unattributed")
        marks.append(Mark(q.start, q.end, "quote", f"quote · {speaker}"))
    for c in annotation.claims:
        marks.append(Mark(c.start, c.end, "claim",
                          f"claim · {c.value:g} {c.unit or ''} {c.subject or ''}".strip()))
    for m in annotation.mentions:
        actor = names.get(m.actor_id or "")
        marks.append(Mark(m.start, m.end, "mention", f"{m.label}" + (f" · {actor}" if actor else "")))
    for t in annotation.times:
        marks.append(Mark(t.start, t.end, "time", f"time · {t.value or 'unresolved'}"))
    return marks


def _valid(marks: Iterable[Mark], length: int) -> list[Mark]:
    return [m for m in marks if 0 <= m.start < m.end <= length]


def nest(marks: Iterable[Mark], length: int) -> _Node:
    """A tree of marks; a mark crossing the end of an enclosing one is split there."""
    root = _Node(None, 0, length)
    queue = [(m.start, -m.end, LAYERS.get(m.kind, 9), i, m, True)
             for i, m in enumerate(_valid(marks, length))]
    heapq.heapify(queue)
    stack = [root]
    counter = len(queue)
    while queue:
        start, neg_end, layer, _, mark, first = heapq.heappop(queue)
        end = -neg_end
        while stack[-1] is not root and stack[-1].end <= start:
            stack.pop()
        top = stack[-1]
        if end > top.end:
            counter += 1
            heapq.heappush(queue, (top.end, neg_end, layer, counter, mark, False))
            end = top.end
        node = _Node(mark, start, end, first)
        top.children.append(node)
        stack.append(node)
    return root


def _open_tag(node: _Node) -> str:
    mark = node.mark
    assert mark is not None
    if mark.kind == "sent":
        ident = f' id="s-{mark.start}"' if node.first else ""
        return f'<span class="sent"{ident} data-start="{mark.start}" data-end="{mark.end}">'
    title = f' title="{escape(inert(mark.title))}"' if mark.title else ""
    return f'<mark class="{escape(mark.kind)}"{title}>'


def _render(node: _Node, text: str, out: list[str]) -> None:
    position = node.start
    for child in node.children:
        if child.start > position:
            out.append(str(escape(inert(text[position:child.start]))))
        out.append(_open_tag(child))
        _render(child, text, out)
        out.append("</span>" if child.mark and child.mark.kind == "sent" else "</mark>")
        position = child.end
    if position < node.end:
        out.append(str(escape(inert(text[position:node.end]))))


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with ``marks`` wrapped around their spans (all text escaped)."""
    out: list[str] = []
    _render(nest(marks, len(text)), text, out)
    return Markup("".join(out))


def snippet_html(snippet: str) -> Markup:
    """A search snippet (matches between \\x02 and \\x03) as escaped HTML with <mark>s."""
    out, inside = [], False
    for piece in snippet.replace("\x03", "\x02").split("\x02"):
        text = str(escape(inert(piece)))
        out.append(f"<mark>{text}</mark>" if inside and piece else text)
        inside = not inside
    return Markup("".join(out))
