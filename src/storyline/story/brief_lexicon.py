"""Words the brief stage (story.brief) reads when it picks sentences that stand alone."""

from __future__ import annotations

from ..text.lexicon import words

ANAPHORA = words("anaphora", """
that this these those it its he she his her they their them but and so yet also then there
such
""", "first words that point back to an earlier sentence: a brief sentence that opens with "
   "one does not stand alone out of its article")
