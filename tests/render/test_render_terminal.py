"""The terminal view keeps hostile text inert and its highlights on the right words."""

from __future__ import annotations

from storyline.records import Annotation, Article, Mention
from storyline.render.terminal import highlighted_text, inert, safe_str

TEXT = "Breaking\u202e news\x1b[2J: Mara Velin said\r the talks [b]resume[/b]."


def test_highlights_stay_on_their_words_when_unsafe_characters_are_cut() -> None:
    start = TEXT.index("Mara Velin")
    article = Article(id="a1", source="a.txt", text=TEXT)
    annotation = Annotation("a1", (), mentions=(
        Mention("a1", start, start + len("Mara Velin"), "Mara Velin", "PERSON"),))
    text = highlighted_text(article, annotation)
    assert text.plain == "Breaking news[2J: Mara Velin said the talks [b]resume[/b]."
    (span,) = text.spans
    assert text.plain[span.start:span.end] == "Mara Velin"


def test_inert_cells_are_plain_text() -> None:
    cell = inert("[link=https://evil.example]x[/link]\u2066\u200f")
    assert cell.plain == "[link=https://evil.example]x[/link]" and not cell.spans
    assert safe_str(None) == "" and safe_str(42) == "42"
    assert safe_str("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
