"""Short invented news paragraphs for the fetch tests (distinct enough not to be linked as
near duplicates), and the page, feed, sitemap and WARC documents built from them."""

from __future__ import annotations

from html import escape

STORIES = {
    "ferry": [("The harbour council met on Monday to discuss the ferry strike, which has left "
              "the island without a crossing for a week."),
              ("Union leaders said the crews would return once the budget for winter repairs "
              "is agreed, and the mayor promised an answer by Friday.")],
    "bridge": [("Engineers closed the old river bridge on Tuesday after inspectors found cracks "
               "in two of its stone arches."),
               ("Commuters were told to use the tram across the valley while a temporary "
               "crossing is built downstream by the army.")],
    "choir": [("The village choir left for a tour of the coast on Wednesday, its first since "
              "the museum fire destroyed its rehearsal hall."),
              ("Forty singers will perform in six harbour towns and collect money for a new "
              "hall next to the library.")],
    "orchard": [("Farmers in the northern valley expect the smallest apple harvest in twenty "
                "years after a late frost damaged the orchards."),
                ("The farmers' union asked the regional government for emergency loans to "
                "keep the cider presses running through the winter.")],
    "tunnel": [("Workers broke through the last wall of the mountain tunnel on Thursday, two "
               "years later than planned and far over budget."),
               ("The rail company said the first trains would run through it in the spring "
               "once the signals and the ventilation are tested.")],
}


def article_html(title: str, paragraphs: list[str], date: str = "2022-02-01") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{date}"></head>'
            f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>")


def story_page(name: str, date: str = "2022-02-01") -> str:
    return article_html(f"News: {name}", STORIES[name], date)


def rss(entries: list[tuple[str, str, str]], title: str = "Island Gazette") -> str:
    """An RSS 2.0 feed of (title, link, pubDate) entries."""
    items = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                    f"<pubDate>{date}</pubDate></item>" for t, link, date in entries)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.invalid/</link><description>news</description>{items}"
            "</channel></rss>")


def urlset(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>')


def sitemap_index(urls: list[str]) -> str:
    locs = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
            "</sitemapindex>")
