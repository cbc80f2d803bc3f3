from __future__ import annotations

import random

from storyline_htmlcheck import parse, text_of, well_formed

from storyline.web.highlight import Mark, highlight, nest, snippet_html

TEXT = "Alpha beta gamma. Delta <b>epsilon</b> zeta & eta. Theta."


def _check(text: str, marks: list[Mark]) -> str:
    html = str(highlight(text, marks))
    assert well_formed(html), html
    assert text_of(html) == text
    return html


def test_plain_text_is_escaped():
    html = _check(TEXT, [])
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html


def test_sentences_get_anchors_and_marks_nest():
    marks = [Mark(0, 17, "sent"), Mark(18, 51, "sent"), Mark(6, 16, "quote", "q"),
             Mark(6, 10, "mention", "PERSON")]
    html = _check(TEXT, marks)
    assert '<span class="sent" id="s-0" data-start="0" data-end="17">' in html
    assert 'id="s-18"' in html
    assert '<mark class="quote" title="q">beta <mark class="mention" title="PERSON">beta</mark>' \
        not in html
    assert '<mark class="quote" title="q"><mark class="mention" title="PERSON">beta</mark> gamma' \
        in html


def test_crossing_spans_are_split():
    # a quote running over a sentence end is split at the end of the sentence
    marks = [Mark(0, 17, "sent"), Mark(18, 51, "sent"), Mark(11, 30, "quote")]
    html = _check(TEXT, marks)
    assert html.count('<mark class="quote">') == 2
    assert html.count('id="s-18"') == 1


def test_out_of_range_and_empty_marks_are_ignored():
    html = _check(TEXT, [Mark(5, 5, "time"), Mark(-1, 3, "time"), Mark(3, 999, "time")])
    assert "<mark" not in html


def test_nest_splits_keep_one_anchor():
    root = nest([Mark(0, 10, "quote"), Mark(0, 6, "sent"), Mark(6, 12, "sent")], 12)
    anchors = []

    def walk(node):
        for child in node.children:
            if child.mark.kind == "sent" and child.first:
                anchors.append(child.mark.start)
            walk(child)
    walk(root)
    assert anchors == [0, 6]


def test_random_overlaps_always_give_well_formed_html():
    rng = random.Random(7)
    kinds = ["sent", "quote", "claim", "mention", "time"]
    for _ in range(300):
        marks = []
        for _ in range(rng.randint(0, 8)):
            a, b = sorted(rng.sample(range(len(TEXT) + 1), 2))
            marks.append(Mark(a, b, rng.choice(kinds), "t<i>"))
        html = _check(TEXT, marks)
        assert all(t.name in {"span", "mark"} for t in parse(html).tags)


def test_snippet_marks_matches_and_escapes():
    html = str(snippet_html("a \x02<troops>\x03 b \x02x\x03"))
    assert html == "a <mark>&lt;troops&gt;</mark> b <mark>x</mark>"
