"""Watching the news: scheduled feed polling, saved searches and alerts.

`Watcher` (runner.py) polls the sources of a sources file (sources.py),
fetching politely and conditionally (http.py), ingests only new items
(poll.py), links their reports into de-duplicated events (events_view.py),
checks every saved search (searches.py) against what changed and raises each
alert once (alerts.py), then hands alerts to their outputs (outputs.py).
Every cursor is in the database, so a restart loses and repeats nothing.
"""
