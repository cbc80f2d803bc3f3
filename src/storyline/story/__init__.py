"""Story: across articles, declared as tables of stages.

``STAGES`` builds one story from its member articles and their annotations (inputs:
``story_id``, ``articles``, ``annotations``); ``build.build_story`` runs it and composes the
``Story`` record. ``COLLECTION`` holds the stages that run over the whole store before a
story is built: online clustering and publication-date inference.
"""

from __future__ import annotations

from ..pipeline import Table, check_table
from . import actors, brief, claims, cluster, dates, events, linking, members, profiles, timeline

INPUTS = ("story_id", "articles", "annotations")

STAGES = check_table(Table("story", INPUTS, (
    members.MEMBERS,
    members.HEADER,
    actors.STAGE,
    linking.STAGE,
    claims.STAGE,
    events.STAGE,
    timeline.DATED_SENTENCES,
    timeline.STAGE,
    brief.STAGE,
)))

COLLECTION = check_table(Table("collection", ("articles", "annotations", "neighbours"), (
    profiles.STAGE,
    cluster.STAGE,
    dates.STAGE,
)))
