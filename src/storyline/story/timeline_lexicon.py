"""Patterns the timeline stage uses to tell a report of an event from an aside.

A timeline entry says what happened on a day. A sentence in the first person singular (a
reader's comment, a quoted opinion or experience) or a question tells what someone thinks
or asks, not what happened (``VOICE``); a wire dateline, a photo caption, a comment's
byline or a link to a video is page furniture (``FURNITURE``). Such sentences stay
candidates, at a discount (``timeline_aside_weight``): a day that has nothing else still
gets its entry. "We" and
"you" are no sign: officials speak for their agency ("we have confirmed") in the very
sentences that report an event, and discounting them lowered the Timeline17 dev scores.
The patterns accept running text ("I'm", "don't") and tokenized text ("I 'm", "do n't").

A sentence that quotes someone (``QUOTE_MARK``) gives their words; the reporter's own
narration of the day tells its event more plainly, so a quoting sentence counts a little
less in a day's summary (``timeline_quoted_weight``), still a candidate.
"""

from __future__ import annotations

from ..text.lexicon import pattern

FIRST_PERSON = pattern(
    "first_person",
    r"(?:(?:^|[^\w\s]\s*|\b[a-z]\w*\s+)I(?=\s|'|’|$)(?!\s*\.)"
    r"|(?<![\w.-])(?:[Mm]y|me|myself)(?![\w-]))",
    "a speaker talking of themself ('I think', 'my son') gives an opinion or an "
    "experience, not the day's event; an 'I' after a capitalized word ('World War I', "
    "'Phase I') or before a full stop is a numeral or an initial")

QUESTION = pattern(
    "question",
    r"\?\s*(?:''|\"|”|’|')?\s*$",
    "a question asks; it reports nothing that happened")

TIMESTAMP = pattern(
    "timestamp",
    r"\b\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?\s*)?(?:[ECMP][SD]T|GMT|BST|UTC|CET)\b",
    "a clock time with its time zone ('5:56 am EDT') is a wire dateline or a page's "
    "stamp; the sentence around it is page furniture, not the day's event")

CAPTION = pattern(
    "caption",
    r"^\W*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*:",
    "a sentence that opens on a date and a colon ('April 21: Fire boat crews battle ...') "
    "is a photo caption")

POSTED = pattern(
    "posted",
    r"\bPosted (?:by|at|on)\b",
    "'Posted by ... on June 1' is the byline of a reader's comment or a blog entry")

PAGE_PROMPT = pattern(
    "page_prompt",
    r"^\W*(?:Watch|Explore|Click|View|Read more|Sign up|Subscribe|Share this|Follow us)\b",
    "a sentence that opens by telling the reader to watch, explore or click is a link to "
    "a video or a graphic, not the news")

VOICE = (FIRST_PERSON, QUESTION)
FURNITURE = (TIMESTAMP, CAPTION, POSTED, PAGE_PROMPT)

QUOTE_MARK = pattern(
    "quote_mark",
    r"``|''|[\"“”]",
    "a quotation mark (straight, curly, or the tokenized `` and '') means the sentence "
    "carries someone's words, not only the reporter's narration of the event")
