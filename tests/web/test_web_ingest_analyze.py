"""Upload through the API with ?analyze=true and read the result back (runs spaCy)."""

from __future__ import annotations

import pytest
from storyline_htmlcheck import event_handlers, live_tags

pytestmark = pytest.mark.slow

ARTICLES = [
    {"title": "Harbor council approves new ferry line", "outlet": "Port News",
     "published": "2026-05-04", "url": "https://port.example/ferry",
     "text": ("The harbor council approved a new ferry line on Monday. Mayor Lina Ortsen said "
              "the line would carry 2,000 passengers a day. \"This links both shores at last,\" "
              "Ortsen told reporters. Critics said the cost of 40 million euros was too high.")},
    {"title": "Ferry line plan draws <script>alert(1)</script> critics", "outlet": "Bay Times",
     "published": "2026-05-06", "url": "javascript:alert(1)",
     "text": ("Critics of the harbor ferry line met on Wednesday. Mayor Lina Ortsen defended "
              "the plan, saying the line would carry 2,500 passengers a day. \"We will not "
              "back down,\" she said. <img src=x onerror=alert(1)> The council votes again "
              "in June.")},
]


def test_upload_and_analyze_builds_a_story(client):
    result = client.post("/api/v1/ingest", params={"analyze": "true"},
                         json={"articles": ARTICLES}).json()
    assert result["added"] == 2 and result["analyzed"] is True and result["story_ids"]
    for story_id in result["story_ids"]:
        story = client.get(f"/api/v1/stories/{story_id}").json()
        assert story["schema"] == "storyline.story/v1"
        texts = {a["id"]: a["text"] for a in story["articles"]}
        for item in story["quotes"] + story["claims"]:
            assert texts[item["article_id"]][item["start"]:item["end"]] == item["text"]
        html = client.get(f"/stories/{story_id}").text
        assert len(live_tags(html, ("script",))) == 1 and event_handlers(html) == []
        assert live_tags(html, ("img",)) == []
    for article_id in result["article_ids"]:
        page = client.get(f"/articles/{article_id}").text
        assert '<mark class="' in page and 'id="s-0"' in page
