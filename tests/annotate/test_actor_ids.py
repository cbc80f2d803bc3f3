"""An article lists each actor once, and the same whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storyline.annotate import annotate_article
from storyline.records import Article

pytestmark = pytest.mark.slow

TEXT = ("The White House said on Monday that the ferry talks would resume. REPUBLICANS in "
        "the harbor council objected. Republicans said the plan was too costly. A White "
        "House spokesman declined to comment. Mr Orlen met reporters at the pier. Orlen "
        "said the White House would wait, and Mr Orlen left.")

_DUMP = ("import sys; from storyline.annotate import annotate_article; "
         "from storyline.annotate.models import load_nlp; "
         "from storyline.records import Article; nlp = load_nlp(); "
         "a = Article(id='a1', source='a1', text=sys.argv[1]); "
         "print(repr(annotate_article(a, nlp(a.text), 'test-model')))")


def test_every_actor_of_an_article_has_its_own_id(nlp) -> None:
    article = Article(id="a1", source="a1", text=TEXT)
    annotation = annotate_article(article, nlp(TEXT), "test-model")
    ids = [actor.id for actor in annotation.actors]
    assert ids and len(ids) == len(set(ids))
    known = set(ids)
    assert all(m.actor_id in known for m in annotation.mentions if m.actor_id)


def test_annotations_do_not_depend_on_the_hash_seed() -> None:
    outputs = []
    for seed in ("0", "7"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _DUMP, TEXT], env=env, check=True,
                              capture_output=True, text=True, timeout=300)
        outputs.append(done.stdout)
    assert outputs[0] and outputs[0] == outputs[1]
