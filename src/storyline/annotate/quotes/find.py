"""Quotes and their speakers: direct quotes, indirect speech and ``according to``.

Rules over a spaCy parse (no extra model):

* Direct quotes are double-quoted passages (straight, curly or ``''``; see
  ``quotes_marks``: an apostrophe is never a quote mark). ``Quote.text`` is the content
  without the marks. A quote split by its attribution (``"A," he said, "B."``) gives two
  adjacent quotes with the same speaker and cue (``Quote`` has one span; the scorer
  counts them as one attribution).
* A quoted passage the parse does not link to a cue is a scare quote or a title, not a
  quote, when it has fewer than ``MIN_DIRECT_WORDS`` words or no verb (the "red lines",
  "State of the Union"); linked, even one word is a quote (``"Never," she said``).
* A quote left with neither cue nor speaker, and a ``Name: ...`` paragraph lead, need
  ``MIN_BARE_WORDS`` words: shorter, they are slogans, labels and section names more often
  than attributions (on PolNeAR train, 27 of 88 such were one).
* The cue of a direct quote is the reporting verb the parse links it to; else a reporting
  verb (or ``according to``) in its sentence and paragraph; else, for a quote opening its
  sentence, a cue in the previous sentence ending with a colon; else a dash and a name
  after it; else a short next sentence like ``Jane Roe said.``; else the speaker of the
  direct quote just before it (a continuation, same or previous paragraph). A second
  half too short to be a quote alone (``"A," she said. "At last."``) joins the first
  when only its cue stands between them (``_tail_of_split``).
* Indirect speech (``direct=False``): the clausal complement of a reporting verb with a
  subject (``X said (that) ...``, ``..., X warned``), a parenthetical cue's sentence
  (``S1, X said, S2``), the rest of a sentence with ``according to X``, objects of
  ``called X Y``/``accused X of Y``/``cited``, ``X's claim that ...``, and ``Name: ...``
  at a paragraph start (see ``quotes_indirect``). It never crosses a paragraph break.
* Fallbacks (see ``quotes_fallback``): the long tail of cues (a verb's object, clause or
  prepositional object, a predicate adjective's, a passive's subject, a noun's
  prepositional object where the noun is predicated of the subject or a verb's object:
  ``is a critic of Y``, ``made allegations against Y``), kept by a logistic model fitted
  on PolNeAR train, where they overlap no rule attribution.
* A content with no letter, or of one word after its cue, is none (``_scant``).
* Non-speech attributions (see ``quotes_attitudes``), as PolNeAR counts them: intentions
  (``X wants/plans/hopes to V``: the ``to``-clause), stances and evidence (``X endorsed
  Y``, ``the poll shows Y``: the object), topics (``X talked about Y``: the object of the
  preposition), claim-like nouns with a ``that`` clause (``fears that S``, ``the
  claim by X that S``; without a source the speaker is None) and possessed topic nouns
  (``X's criticism of Y``). ``Quote`` has no field to
  mark them as non-speech: they are ``direct=False`` with the cue word as ``cue``
  (``wants``, ``endorsed``, ``talked``, ``fears``), like indirect speech.
* Attributions never overlap: a reported clause that contains a partial quote linked to
  the same cue (``X said she would "never" go``) replaces it, as the clause is what was
  said; otherwise direct quotes win, then longer indirect ones.
* The speaker span is the speaker as written: a name, a pronoun (``he``), a description
  (``the president``), an unnamed source (``a senior official``); the linking stage
  resolves it to an actor (``annotate.linking``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import chain

from ...errors import ModelError
from ...records import Quote, stable_id
from ...text.paragraphs import paragraph_around, paragraph_bounds, paragraph_index
from ...text.spans import SpanSet
from ..parse import char_span, children_of, doc_text, doc_tokens, quoted_tokens, span_tokens
from . import fallback, nominal
from .attitudes import find_attitudes, find_noun_attitudes, find_noun_topics
from .attribution import Attribution
from .indirect import (
    Parenthetical,
    find_colon_leads,
    find_indirect,
    find_misparsed_cues,
    noun_cues,
)
from .lexicon import CLAUSE_ONLY, SPEAKER_LABEL
from .marks import QuoteSpan, find_quote_spans
from .merge import MIN_CLIPPED, merge_attributions
from .speakers import (
    according_to,
    colon_cue,
    is_cue,
    named_apposition,
    named_before,
    speaker_tokens,
    subject_of,
)

MIN_DIRECT_WORDS = 4
#: An attribution with no cue and no speaker, or a paragraph's ``Name:`` lead, needs this
#: many words (see ``_bare``).
MIN_BARE_WORDS = 6
_LINK_DEPS = frozenset({"ccomp", "dobj", "parataxis", "xcomp", "oprd", "advcl", "conj", "npadvmod",
                        "attr", "dep", "nsubj"})
_VERBLESS_WORDS = 8
_NEXT_SENTENCE_TOKENS = 14
_DASHES = frozenset({"―", "—", "–", "--"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: A quote without a cue continues the previous quote's speaker within this many characters
#: in its paragraph (the attribution between them: "A," said X, the head of Y. "B."), or
#: within the shorter gap when it opens the next paragraph.
_SAME_PARAGRAPH_GAP = 250
_NEXT_PARAGRAPH_GAP = 80
#: A quote without a cue takes the cue of the quote right after it when nothing but
#: marks, punctuation and a paragraph break stand between them.
_LEAD_IN_GAP = 12
#: The most characters between the two halves of a split quote (``"A," she said, smiling.
#: "B."``) for a short second half to join the first (see ``_tail_of_split``).
_SPLIT_GAP = 60


def _tokens(doc, start: int, end: int):
    return char_span(doc, start, end)


def _linked_cue(doc, span: QuoteSpan):
    """A reporting verb the parse attaches the quote to (either direction)."""
    inside = _tokens(doc, span.outer_start, span.outer_end)
    if inside is None:
        return None
    lo, hi = inside.start, inside.end
    para_lo, para_hi = paragraph_around(doc_text(doc), span.start)
    tokens = span_tokens(inside)
    near = [t.head for t in tokens if t.dep_ in _LINK_DEPS | {"ROOT"}]
    near += [c for t in tokens for c in children_of(t) if c.dep_ in _LINK_DEPS]
    for cue in near:
        if not lo <= cue.i < hi and is_cue(cue) and para_lo <= cue.idx < para_hi:
            return cue
    return _cue_after_comma(doc, span, hi)


def _cue_after_comma(doc, span: QuoteSpan, after: int):
    """``"Never," Jane Roe said``: a quote ending in , ? or ! and a cue within a few words."""
    if not span.closed or not any(c in ",?!" for c in doc_text(doc)[span.end - 1:span.outer_end]):
        return None
    for token in doc[after:min(len(doc), after + 5)]:
        if token.is_punct and token.text not in ("'s",):
            return None
        if is_cue(token):
            return token
    return None


def _outside(token, outers: Sequence[tuple[int, int]]) -> bool:
    return token.i not in quoted_tokens(token.doc, tuple(outers))


def _sentence_cue(doc, sent, outers, near: int):
    """The reporting verb (with a subject) or ``according`` nearest to ``near`` in ``sent``
    and in the paragraph of ``near``."""
    best, best_dist = None, None
    para_lo, para_hi = paragraph_around(doc_text(doc), near)
    for token in span_tokens(sent):
        if not _outside(token, outers) or not para_lo <= token.idx < para_hi:
            continue
        ok = according_to(token) is not None or (
            is_cue(token) and token.lemma_.lower() not in CLAUSE_ONLY and subject_of(token))
        if ok:
            dist = abs(token.idx - near)
            if best_dist is None or dist < best_dist:
                best, best_dist = token, dist
    return best


def _speaker_head(cue):
    """The token heading the speaker of ``cue``: subject, ``according to`` object,
    the noun a ``who said`` clause hangs on."""
    pair = according_to(cue)
    head = pair[1] if pair else subject_of(cue)
    if head is not None and head.lower_ in ("who", "that") and cue.dep_ == "relcl":
        head = cue.head
    if head is None or head.lower_ in ("there", "which", "who", "that", "what"):
        return None
    return named_apposition(head) or head


def _speaker_of(cue) -> tuple[int, int] | None:
    """Character span of the surface speaker of ``cue`` (a verb, ``according``, a colon
    after a name or a dash before one)."""
    doc = cue.doc
    if cue.text == ":":
        lo = cue.i
        while lo > 0 and (doc[lo - 1].pos_ == "PROPN" or doc[lo - 1].is_title) and cue.i - lo < 4:
            lo -= 1
        return (doc[lo].idx, cue.idx) if lo < cue.i else None
    if cue.text in _DASHES:
        return _name_after(cue)
    head = _speaker_head(cue)
    if head is None:
        return None
    lo, hi = speaker_tokens(head)
    while hi > lo and doc[hi - 1].is_space:
        hi -= 1
    if not any(ch.isalpha() for ch in doc[lo:hi].text):
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _name_after(dash) -> tuple[int, int] | None:
    doc = dash.doc
    hi = dash.i + 1
    while hi < len(doc) and doc[hi].pos_ == "PROPN" and hi - dash.i <= 4 and \
            doc[hi].ent_type_ not in _TIME_ENTITIES:
        hi += 1
    if hi == dash.i + 1:
        return None
    return doc[dash.i + 1].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _dash_cue(doc, span: QuoteSpan):
    """A dash right after a closed quote, followed by a name (``"..." ― Jane Roe``)."""
    tail = doc.char_span(span.outer_end, min(len(doc_text(doc)), span.outer_end + 4),
                         alignment_mode="expand")
    if tail is None:
        return None
    for token in tail:
        if token.text in _DASHES:
            return token if _name_after(token) else None
        if not token.is_space:
            return None
    return None


def _cue_text(cue) -> str:
    if according_to(cue) is not None:
        return "according to"
    return cue.text


def _from_cue(span_start: int, span_end: int, cue, direct: bool) -> Attribution:
    speaker = _speaker_of(cue) if cue is not None else None
    return Attribution(
        start=span_start, end=span_end, direct=direct,
        cue=_cue_text(cue) if cue is not None else None,
        cue_start=cue.idx if cue is not None else None,
        speaker_start=speaker[0] if speaker else None,
        speaker_end=speaker[1] if speaker else None)


def _quotable(doc, span: QuoteSpan) -> bool:
    """Can a quoted passage with no cue of its own be a quote? Not a scare quote or a
    title: at least ``MIN_DIRECT_WORDS`` words, and a verb unless it is long."""
    inside = _tokens(doc, span.start, span.end)
    if inside is None:
        return False
    tokens = span_tokens(inside)
    words = sum(1 for t in tokens if not t.is_punct and not t.is_space)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    return words >= MIN_DIRECT_WORDS and (has_verb or words >= _VERBLESS_WORDS)


def _opens_sentence(doc, span: QuoteSpan) -> bool:
    first = _tokens(doc, span.outer_start, span.outer_end)
    if first is None:
        return False
    sent = first[0].sent
    return all(t.is_punct or t.is_space for t in doc_tokens(doc)[sent.start:first.start])


def _previous_colon_cue(doc, span: QuoteSpan, outers):
    """A cue in the sentence just before a sentence-opening quote, if it ends with ':'."""
    first = _tokens(doc, span.outer_start, span.outer_end)
    sent = first[0].sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    last = [t for t in prev if not t.is_space]
    colon = bool(last) and last[-1].text == ":"
    if not colon and not (doc[sent.start - 1].text == ":" or first[0].i > 0 and doc[first[0].i - 1].text == ":"):
        return None
    return _sentence_cue(doc, prev, outers, prev.end_char)


def _previous_speaker(doc, span: QuoteSpan, outers, item: Attribution) -> Attribution:
    """``..., Jane Roe said. "We won."``: a quote opening a sentence with no cue of its own
    is said by the speaker of the sentence just before it in its paragraph (of the cue
    there nearest to the quote). The quote keeps no cue: it is an attribution of its own."""
    first = _tokens(doc, span.outer_start, span.outer_end)
    sent = first[0].sent if first is not None else None
    if sent is None or sent.start == 0:
        return item
    cue = _sentence_cue(doc, doc[sent.start - 1].sent, outers, span.outer_start)
    speaker = _speaker_of(cue) if cue is not None else None
    if speaker is None:
        return item
    return replace(item, speaker_start=speaker[0], speaker_end=speaker[1])


def _next_sentence_cue(doc, span: QuoteSpan, outers):
    """``"We won." Jane Roe said after the vote.``: a short next sentence in the same
    paragraph whose cue has a subject and nothing it reports of its own."""
    last = _tokens(doc, span.outer_start, span.outer_end)
    if last is None or last[-1].sent.end >= len(doc):
        return None
    nxt = doc[last[-1].sent.end].sent
    para_hi = paragraph_around(doc_text(doc), span.outer_end)[1]
    if nxt.start_char >= para_hi or len(nxt) > _NEXT_SENTENCE_TOKENS:
        return None
    for token in nxt:
        if not _outside(token, outers):
            return None
        if is_cue(token) and token.lemma_.lower() not in CLAUSE_ONLY and subject_of(token) \
                and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in children_of(token)):
            return token
    return None


def _direct(doc, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    outers = [(s.outer_start, s.outer_end) for s in spans]
    paragraphs = paragraph_bounds(doc_text(doc))
    found: list[Attribution] = []
    for span in spans:
        cue = linked = _linked_cue(doc, span)
        if cue is None and not _quotable(doc, span):
            tail = _tail_of_split(doc_text(doc), found[-1], span, paragraphs) if found else None
            if tail is not None:
                found.append(tail)
            continue
        if cue is None:
            tokens = _tokens(doc, span.outer_start, span.outer_end)
            sent = tokens[0].sent if tokens is not None else None
            cue = _sentence_cue(doc, sent, outers, span.outer_end) if sent is not None else None
        if cue is None and _opens_sentence(doc, span):
            cue = _previous_colon_cue(doc, span, outers)
        if cue is None:
            cue = colon_cue(doc, span.outer_start)
        if cue is None and span.closed:
            cue = _dash_cue(doc, span) or _next_sentence_cue(doc, span, outers)
        attribution = _from_cue(span.start, span.end, cue, True)
        if linked is not None:
            attribution = replace(attribution, linked=True)
        if cue is None:
            attribution = _speaker_label(doc_text(doc), attribution)
        if attribution.cue is None and found:
            attribution = _continuation(doc_text(doc), found[-1], attribution, paragraphs)
        if attribution.cue is None and attribution.speaker_start is None and \
                _opens_sentence(doc, span):
            attribution = _previous_speaker(doc, span, outers, attribution)
        found.append(attribution)
    return _lead_ins(doc_text(doc), found)


def _tail_of_split(text: str, previous: Attribution, span: QuoteSpan, paragraphs
                   ) -> Attribution | None:
    """``"A," she said. "B."``: a short quote with no cue of its own, right after the
    cue that splits it from the quote before it in the same paragraph, is that quote's
    second half (too short to stand alone: ``"The Donald. Big Daddy."``)."""
    if previous.cue_start is None or previous.speaker_start is None or not previous.direct:
        return None
    if not previous.end < previous.cue_start < span.outer_start:
        return None
    if paragraph_index(paragraphs, previous.end) != paragraph_index(paragraphs, span.start):
        return None
    if span.outer_start - previous.end > _SPLIT_GAP:
        return None
    return Attribution(start=span.start, end=span.end, direct=True, cue=previous.cue,
                       cue_start=previous.cue_start, speaker_start=previous.speaker_start,
                       speaker_end=previous.speaker_end)


def _lead_ins(text: str, found: list[Attribution]) -> list[Attribution]:
    """A quote with no cue right before a quote with one (a quoted paragraph, then
    ``"...," said Jane Roe.`` in the next) is the same attribution: it takes that cue and
    speaker, from the last quote back."""
    out = list(found)
    for index in range(len(out) - 2, -1, -1):
        current, following = out[index], out[index + 1]
        if current.cue is not None or following.cue is None or following.speaker_start is None:
            continue
        gap = text[current.end:following.start]
        if len(gap) <= _LEAD_IN_GAP and not any(ch.isalnum() for ch in gap):
            out[index] = replace(current, cue=following.cue, cue_start=following.cue_start,
                                 speaker_start=following.speaker_start,
                                 speaker_end=following.speaker_end)
    return out


def _speaker_label(text: str, item: Attribution) -> Attribution:
    """A transcript turn in quote marks, ``"PENCE: Well, ..."``: the label is the speaker,
    the colon the cue, the rest the quote."""
    found = SPEAKER_LABEL.match(text, item.start, item.end)
    if found is None:
        return item
    colon = found.end("label")
    start = found.end()
    return replace(item, start=start, cue=":", cue_start=colon, speaker_start=item.start,
                   speaker_end=colon)


def _continuation(text, previous: Attribution, current: Attribution, paragraphs) -> Attribution:
    """Give an unattributed quote the speaker of the direct quote just before it."""
    if previous.speaker_start is None:
        return current
    gap = text[previous.end:current.start]
    para_prev = paragraph_index(paragraphs, previous.end)
    para_cur = paragraph_index(paragraphs, current.start)
    if para_cur == para_prev:
        if len(gap) > _SAME_PARAGRAPH_GAP:
            return current
    elif para_cur - para_prev > 1 or len(gap) > _NEXT_PARAGRAPH_GAP or sum(
            1 for c in gap if c in ".!?") > 2:
        return current
    return replace(current, cue=previous.cue, cue_start=previous.cue_start,
                   speaker_start=previous.speaker_start, speaker_end=previous.speaker_end)


def _noun_attribution(doc, start: int, end: int, noun, owner) -> Attribution:
    lo, hi = speaker_tokens(owner)
    while hi > lo + 1 and doc[hi - 1].tag_ == "POS":
        hi -= 1
    return Attribution(start=start, end=end, direct=False, cue=noun.text, cue_start=noun.idx,
                       speaker_start=doc[lo].idx,
                       speaker_end=doc[hi - 1].idx + len(doc[hi - 1].text))


def _from_indirect(start: int, end: int, cue) -> Attribution:
    """An indirect attribution; a clausal complement may absorb a quote linked to its
    cue, a parenthetical cue's sentence may not."""
    if isinstance(cue, Parenthetical):
        return _from_cue(start, end, cue.token, False)
    return replace(_from_cue(start, end, cue, False), linked=True)


def _within_paragraph(item: Attribution, paragraphs) -> Attribution | None:
    """Clip an indirect clause to its cue's paragraph (a clause the parser carried over
    a paragraph break, as in a paragraph split mid-sentence)."""
    lo, hi = paragraphs[paragraph_index(paragraphs, item.cue_start)]
    start, end = max(item.start, lo), min(item.end, hi)
    if end - start < MIN_CLIPPED:
        return None
    return replace(item, start=start, end=end) if (start, end) != (item.start, item.end) else item


def _indirect(doc, outers, paragraphs) -> list[Attribution]:
    found = [_from_indirect(start, end, cue) for start, end, cue in find_indirect(doc, outers)]
    taken = {item.cue_start for item in found}
    found += [_from_cue(start, end, cue, False) for start, end, cue in find_attitudes(doc, outers)
              if cue.idx not in taken]
    found += [_noun_attribution(doc, *item) for item in noun_cues(doc)
              if _outside(item[2], outers)]
    found += [_noun_attribution(doc, *item) for item in find_noun_topics(doc, outers)]
    found += [_from_cue(start, end, cue, False)
              for start, end, cue in find_colon_leads(doc, paragraphs)]
    found += [replace(_from_cue(start, end, None, False), cue=cue.text, cue_start=cue.idx,
                      speaker_start=who.idx, speaker_end=who.idx + len(who.text))
              for start, end, cue, who in find_misparsed_cues(doc, outers)]
    found = [a for a in found if a.speaker_start is not None]
    taken = {item.cue_start for item in found}
    found += [_noun_attitude(doc, *item) for item in find_noun_attitudes(doc, outers)
              if item[2].idx not in taken]
    found = [_within_paragraph(a, paragraphs) for a in found]
    return [a for a in found if a is not None]


def _noun_attitude(doc, start: int, end: int, noun, owner) -> Attribution:
    """``fears that S`` (no source) or ``the claim by X that S``."""
    if owner is not None:
        return _noun_attribution(doc, start, end, noun, owner)
    return Attribution(start=start, end=end, direct=False, cue=noun.text, cue_start=noun.idx)


def find_attributions(doc) -> list[Attribution]:
    """Every quote of ``doc`` with its cue and surface speaker span (no resolution)."""
    if len(doc) == 0:
        return []
    if not doc.has_annotation("DEP"):
        raise ModelError("quote extraction needs a dependency parse",
                         hint="load the pipeline with storyline.annotate.models.load_nlp() "
                              "without disabling the parser")
    marks, paragraphs = _marks_and_paragraphs(doc)
    outers = [(s.outer_start, s.outer_end) for s in marks]
    found = _rule_attributions(doc, marks, outers, paragraphs)
    spans = [(a.start, a.end) for a in found]
    extra = [_fallback_attribution(doc, c, paragraphs) for c in fallback.kept(
        list(fallback_candidates(doc, outers, found)), doc_text(doc), spans)]
    return sorted(found + [a for a in extra if a is not None], key=lambda a: (a.start, a.end))


def _marks_and_paragraphs(doc) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """The quote-mark spans and the paragraph bounds of ``doc``'s text."""
    text = doc_text(doc)
    return find_quote_spans(text), paragraph_bounds(text)


def fallback_candidates(doc, outers, found: Sequence[Attribution]):
    """The fallback candidates (``quotes_fallback``) that overlap none of ``found``."""
    taken = frozenset(a.cue_start for a in found if a.cue_start is not None)
    spans = SpanSet((a.start, a.end) for a in found)
    text = doc_text(doc)
    for cand in chain(fallback.candidates(doc, outers, taken),
                      nominal.candidates(doc, outers, taken)):
        if not spans.overlaps(cand.start, cand.end) and \
                not _scant(text, cand.start, cand.end, None):
            yield cand


def _fallback_attribution(doc, cand: fallback.Candidate, paragraphs) -> Attribution | None:
    item = _noun_attribution(doc, cand.start, cand.end, cand.cue, cand.source)
    return _within_paragraph(item, paragraphs)


def rule_attributions(doc) -> list[Attribution]:
    """The attributions of the rules (direct quotes, reporting verbs, attitude families),
    before the fallbacks."""
    marks, paragraphs = _marks_and_paragraphs(doc)
    return _rule_attributions(doc, marks, [(s.outer_start, s.outer_end) for s in marks],
                              paragraphs)


def _rule_attributions(doc, marks: list[QuoteSpan], outers: list[tuple[int, int]],
                       paragraphs: list[tuple[int, int]]) -> list[Attribution]:
    merged = merge_attributions(doc_text(doc), _direct(doc, marks), _indirect(doc, outers, paragraphs))
    text = doc_text(doc)
    return [_speaker_outside_quotes(doc, item, outers) for item in merged
            if not _bare(text, item) and not _scant(text, item.start, item.end, item.cue_start)]


def _scant(text: str, start: int, end: int, cue_start: int | None) -> bool:
    """A content with no letter (a post's number in an embed), or of one word after its
    cue (``called him "crazy"``, ``discussed employment``): a label or a topic more often
    than an attribution (on PolNeAR train, 0 of 14 and 28 of 73 were one); one word before
    its cue is an answer (``"Never," she said``)."""
    content = text[start:end]
    if not any(c.isalpha() for c in content):
        return True
    return cue_start is not None and cue_start < start and len(content.split()) < 2


def _bare(text: str, item: Attribution) -> bool:
    """A quote with neither cue nor speaker, or a ``Name: ...`` paragraph lead, under
    ``MIN_BARE_WORDS`` words: a slogan, a scare quote, a byline or a label more often
    than an attribution."""
    unattributed = item.cue is None and item.speaker_start is None
    if not (unattributed or item.cue == ":" and not item.direct):
        return False
    return len(text[item.start:item.end].split()) < MIN_BARE_WORDS


def _speaker_outside_quotes(doc, item: Attribution, outers) -> Attribution:
    """A speaker span inside quote marks is the parse taking quoted words for the subject
    (``"... Full panic mode," said Jane Roe``): take the name right after the cue."""
    if item.speaker_start is None or item.cue_start is None:
        return item
    if item.cue == ":" and item.speaker_end == item.cue_start:
        return item  # a transcript's speaker label
    if not any(lo <= item.speaker_start < hi for lo, hi in outers):
        return item
    cue = char_span(doc, item.cue_start, item.cue_start + 1)
    before = named_before(cue[0]) if cue is not None else None
    if before is not None and not any(lo <= before.idx < hi for lo, hi in outers):
        lo, hi = speaker_tokens(before)
        return replace(item, speaker_start=doc[lo].idx,
                       speaker_end=doc[hi - 1].idx + len(doc[hi - 1].text))
    after = _name_after(cue[0]) if cue is not None else None
    if after is None or any(lo <= after[0] < hi for lo, hi in outers):
        return replace(item, speaker_start=None, speaker_end=None)
    return replace(item, speaker_start=after[0], speaker_end=after[1])


def _to_quote(text: str, article_id: str, item: Attribution) -> Quote:
    s_start, s_end = item.speaker_start, item.speaker_end
    return Quote(
        id=stable_id(article_id, item.start, item.end, "quote"),
        article_id=article_id, start=item.start, end=item.end,
        text=text[item.start:item.end], direct=item.direct, cue=item.cue,
        speaker_text=text[s_start:s_end] if s_start is not None else None,
        speaker_start=s_start, speaker_end=s_end)


def find_quotes(doc, article_id: str) -> tuple[Quote, ...]:
    """Direct and indirect quotes of the article parsed as ``doc``, in text order, each
    with the speaker as written ("Jane Roe", "he", "a senior official"); the linking
    stage resolves it to an actor."""
    return quotes_from_attributions(doc, article_id, find_attributions(doc))


def quotes_from_attributions(doc, article_id: str, attributions: Sequence[Attribution]
                             ) -> tuple[Quote, ...]:
    """One ``Quote`` per attribution, in the same order."""
    text = doc_text(doc)
    return tuple(_to_quote(text, article_id, item) for item in attributions)
