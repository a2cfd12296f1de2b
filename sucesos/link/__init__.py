"""Across articles: link each report of an event to one de-duplicated event, and corroborate.

- `cluster.link_article(store, article_id)`: after an article is saved, link
  its new reports (join an existing event or start one), incrementally.
- `cluster.link_pending(store)`: link whatever is not linked yet.
- `cluster.recluster(store)`: rebuild all links (analyst decisions hold).
- `decisions.merge_events` / `decisions.split_reports`: analyst corrections.
- `corroboration.deduplicated_events(store, ...)`: events with their reports,
  sources, independent-source counts and figure ranges.
"""
