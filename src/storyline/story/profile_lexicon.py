"""Words the profile stage (story.profiles) sets aside when it reduces an article to the
terms and actor names that story clustering compares."""

from __future__ import annotations

from ..text.lexicon import Words, words
from ..text.words import stop_words

ACTOR_LABELS = words("actor_labels", "PERSON ORG GPE NORP LOC FAC EVENT PRODUCT",
                     "entity labels whose names say who or what a story is about")

CALENDAR = words("calendar_words", """
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december mr mrs ms dr today yesterday tomorrow
tonight jan feb mar apr jun jul aug sep sept oct nov dec am pm et est edt pst pdt gmt utc
""", "dates, times and titles are capitalized but name no actor: trimmed from the ends of "
   "capitalized phrases")

NEWS_WORDS = words("news_words", """
said says say told would could also one two new year years mr mrs ms per cent percent like
just get got make made week day time last first according including
""", "words every news article uses (reporting verbs, units of time, hedges): they tell "
   "no two stories apart")

STOP = Words("profile_stop_words", stop_words() | NEWS_WORDS.words,
             "the shared stop-word list (storyline.text.words) and the news words")
