"""`sucesos watch` against feeds, pages and a webhook served on 127.0.0.1 by the tests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.ingest.fetch import USER_AGENT
from sucesos.store.store import open_store
from sucesos.watch.outputs import Outputs
from sucesos.watch.runner import Watcher, status_rows
from sucesos.watch.searches import add_search, make_filters
from sucesos.watch.sources import Source
from tests.loopback import feed, page
from tests.watch.conftest import CLASH, PROTEST, FakePipeline

runner = CliRunner()
BASE = "http://sucesos.test"


class Clock:
    def __init__(self, start: float = 1_700_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def watcher(store, sources, pipeline, tmp_path, clock, *, webhook=None, **options) -> Watcher:
    outputs = Outputs(jsonl=tmp_path / "alerts.jsonl", webhook=webhook, digest_dir=tmp_path, webhook_backoff=5.0, clock=clock)
    options.setdefault("allow_private", True)
    return Watcher(store, sources, pipeline, outputs=outputs, base_url=BASE, clock=clock, sleep=clock.sleep, **options)


def jsonl_alerts(tmp_path) -> list[dict]:
    path = tmp_path / "alerts.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


CLASH_A = "Gunmen of two cartels fought a clash with an armed drone outside Apatzingán on Sunday, leaving six dead."
CLASH_B = "Residents reported a long clash between cartel cells near Apatzingán on Sunday; six people were killed, police said."
MARCH = "Hundreds joined a peaceful protest in Guadalajara on Sunday to demand the return of the disappeared."


def test_new_items_are_picked_up_once_and_polling_is_conditional(site, tmp_path, fake_pipeline):
    site.add("/n/1", page("Clash", CLASH_A))
    site.add("/n/2", page("March", MARCH))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1", "/n/2"]), content_type="application/rss+xml", headers={"ETag": '"v1"'})
    clock = Clock()
    seen = []
    with open_store(tmp_path / "s.db") as store:
        add_search(store, "michoacan clashes", make_filters({"admin1": "michoacan", "sub_event_type": "Armed clash"}))
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock, on_alert=seen.append)
        first = w.cycle()
        assert [p.status for p in first.polls] == ["new"]
        assert len(first.polls[0].stored) == 2
        assert [(a.kind, a.search_name) for a in seen] == [("new", "michoacan clashes")]  # the protest matches nothing
        alert = seen[0].payload
        assert alert["event_url"] == f"{BASE}/events/{alert['event_id']}"
        assert alert["event"]["admin1"] == "Michoacán" and alert["event"]["tactics"] == ["armed drone"]
        assert alert["sources"][0]["url"] == site.base + "/n/1" and alert["sources"][0]["outlet"] == "Example Feed"
        assert [a["alert_id"] for a in jsonl_alerts(tmp_path)] == [alert["alert_id"]]
        digests = sorted(p.name for p in tmp_path.glob("michoacan-clashes-*"))
        assert [name.rsplit(".", 1)[1] for name in digests] == ["html", "md"]
        assert alert["event_url"] in (tmp_path / digests[1]).read_text()

        clock.sleep(61)
        second = w.cycle()
        assert [p.status for p in second.polls] == ["not-modified"]  # the server answered 304 to our ETag
        assert site.conditional["/feed.xml"] == 1
        assert second.alerts == [] and len(jsonl_alerts(tmp_path)) == 1
        assert site.hits["/n/1"] == 1 and site.hits["/n/2"] == 1
        assert fake_pipeline.extracted.count(first.polls[0].stored[0]) == 1
        assert site.user_agents == {USER_AGENT}
        w.close()


def test_unchanged_feed_without_validators_is_not_parsed_again(site, tmp_path, fake_pipeline):
    site.add("/n/1", page("Clash", CLASH_A))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1"]), content_type="application/rss+xml")
    clock = Clock()
    with open_store(tmp_path / "s.db") as store:
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock)
        assert [p.status for p in w.cycle().polls] == ["new"]
        clock.sleep(61)
        assert [p.status for p in w.cycle().polls] == ["unchanged"]
        clock.sleep(30)
        assert w.cycle().polls == []  # not due yet
        assert site.hits["/feed.xml"] == 2 and site.hits["/n/1"] == 1
        w.close()


def test_a_source_added_to_a_known_event_alerts_as_an_update(site, tmp_path, fake_pipeline):
    pytest.importorskip("sucesos.link.cluster")
    site.add("/sol/1", page("Enfrentamiento", CLASH_A))
    site.add("/voz/1", page("Balacera", CLASH_B))
    sol = site.add("/sol.xml", feed(site.base, ["/sol/1"], title="El Sol"), content_type="application/rss+xml")
    voz = site.add("/voz.xml", feed(site.base, [], title="La Voz"), content_type="application/rss+xml")
    site.post_statuses = [500]  # the webhook fails once
    clock = Clock()
    seen = []
    with open_store(tmp_path / "s.db") as store:
        add_search(store, "clashes", make_filters({"sub_event_type": "Armed clash"}))
        add_search(store, "corroborated", make_filters({"sub_event_type": "Armed clash", "min_sources": 2}))
        sources = [Source(sol, interval=60, min_delay=0), Source(voz, interval=60, min_delay=0)]
        w = watcher(store, sources, fake_pipeline, tmp_path, clock, webhook=site.base + "/hook", on_alert=seen.append)
        first = w.cycle()
        assert [(a.search_name, a.kind) for a in seen] == [("clashes", "new")]
        assert first.deliveries.retrying and site.posts == []  # HTTP 500: kept for a retry

        site.add("/voz.xml", feed(site.base, ["/voz/1"], title="La Voz"), content_type="application/rss+xml")
        clock.sleep(61)
        w.cycle()
        assert [(a.search_name, a.kind) for a in seen] == [("clashes", "new"), ("clashes", "update"), ("corroborated", "new")]
        update = seen[1].payload
        assert update["event_id"] == seen[0].payload["event_id"]  # the same de-duplicated event
        assert update["independent_sources"] == 2 and "new source" in update["summary"] and "La Voz" in update["summary"]
        assert update["new_sources"] == [s["article_id"] for s in update["sources"] if s["outlet"] == "La Voz"]
        # The webhook got the failed alert on its retry, then the two new ones, each once.
        assert [post["json"]["kind"] for post in site.posts] == ["new", "update", "new"]
        assert {post["content_type"] for post in site.posts} == {"application/json"}

        clock.sleep(61)
        assert w.cycle().alerts == []  # nothing changed: no alert again
        assert len(jsonl_alerts(tmp_path)) == 3
        w.close()


def test_a_restart_in_the_middle_loses_nothing_and_repeats_nothing(site, tmp_path):
    site.add("/n/1", page("Clash", CLASH_A))
    site.add("/n/2", page("March", MARCH))
    site.add("/n/3", page("Clash again", CLASH_B))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1", "/n/2", "/n/3"]), content_type="application/rss+xml", headers={"ETag": '"v1"'})
    db = tmp_path / "s.db"
    sources = [Source(feed_url, interval=60, min_delay=0)]
    crashing = FakePipeline(FAKE_RULES)
    crashing.fail_after = 1  # dies while extracting the second entry
    clock = Clock()
    with open_store(db) as store:
        add_search(store, "everything", make_filters({}))
        w = watcher(store, sources, crashing, tmp_path, clock)
        with pytest.raises(KeyboardInterrupt):
            w.cycle()
        w.close()
    assert store_count(db, "articles") == 1

    restarted = FakePipeline(FAKE_RULES)
    with open_store(db) as store:
        w = watcher(store, sources, restarted, tmp_path, clock)
        report = w.cycle()  # due at once: the crashed poll never recorded its ETag
        w.close()
    assert report.polls[0].status == "new"
    assert set(crashing.extracted).isdisjoint(restarted.extracted)  # no article extracted twice
    assert store_count(db, "articles") == 3
    alerts = jsonl_alerts(tmp_path)
    assert sorted(a["alert_id"] for a in alerts) == list(range(1, len(alerts) + 1))  # each alert once
    assert sorted(a["event"]["sub_event_type"] for a in alerts if a["kind"] == "new") in (
        ["Armed clash", "Peaceful protest"],  # the second clash report joined the first
        ["Armed clash", "Armed clash", "Peaceful protest"],  # no linker: each report alerts on its own
    )
    assert site.hits["/n/1"] == 1 and site.hits["/n/3"] == 1


def test_a_crash_while_raising_alerts_redoes_them_once(site, tmp_path, fake_pipeline, monkeypatch):
    import sucesos.watch.alerts as alerts_module

    site.add("/n/1", page("Clash", CLASH_A))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1"]), content_type="application/rss+xml")
    real = alerts_module.build_payload
    calls = {"n": 0}

    def crash_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt("simulated crash")
        return real(*args, **kwargs)

    monkeypatch.setattr(alerts_module, "build_payload", crash_once)
    clock = Clock()
    db = tmp_path / "s.db"
    with open_store(db) as store:
        add_search(store, "everything", make_filters({}))
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock)
        with pytest.raises(KeyboardInterrupt):
            w.cycle()
        w.close()
    with open_store(db) as store:
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock)
        w.cycle()
        w.close()
    assert [a["kind"] for a in jsonl_alerts(tmp_path)] == ["new"]
    assert site.hits["/n/1"] == 1


def test_a_broken_feed_is_backed_off_and_reported_without_stopping_the_others(site, tmp_path, fake_pipeline):
    site.add("/n/1", page("Clash", CLASH_A))
    good = site.add("/good.xml", feed(site.base, ["/n/1"]), content_type="application/rss+xml")
    missing = site.base + "/missing.xml"
    malformed = site.add("/bad.xml", "<?xml version='1.0'?><rss><channel><item><title>oops", content_type="application/rss+xml")
    slow = site.add("/slow.xml", feed(site.base, []), content_type="application/rss+xml")
    site.delays["/slow.xml"] = 1.5
    sources = [
        Source(missing, name="missing", interval=10, min_delay=0),
        Source(malformed, name="malformed", interval=10, min_delay=0),
        Source(slow, name="slow", interval=10, min_delay=0, timeout=0.3),
        Source(good, name="good", interval=10, min_delay=0),
    ]
    clock = Clock()
    db = tmp_path / "s.db"
    with open_store(db) as store:
        w = watcher(store, sources, fake_pipeline, tmp_path, clock, min_backoff=60)
        report = w.cycle()
        assert [p.status for p in report.polls] == ["failed", "failed", "failed", "new"]
        rows = {row["name"]: row for row in status_rows(store, sources, now=clock())}
        assert rows["good"]["state"] == "ok" and rows["good"]["items"] == 1
        assert "HTTP 404" in rows["missing"]["last_error"]
        assert "malformed feed" in rows["malformed"]["last_error"]
        assert "0.3-second deadline" in rows["slow"]["last_error"]
        for name in ("missing", "malformed", "slow"):
            assert rows[name]["state"] == "backing off" and rows[name]["failures"] == 1
            assert rows[name]["next_poll_in_s"] == 120  # max(interval, 60 s) * 2**1

        clock.sleep(11)
        assert [p.source.name for p in w.cycle().polls] == ["good"]  # the broken ones wait
        assert site.hits["/missing.xml"] == 1
        clock.sleep(120)
        again = w.cycle()
        assert {p.source.name for p in again.polls} == {"missing", "malformed", "slow", "good"}
        assert status_rows(store, sources, now=clock())[0]["failures"] == 2
        w.close()

    result = runner.invoke(app, ["watch", "--status", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    by_url = {row["url"]: row for row in json.loads(result.stdout)}
    assert by_url[missing]["state"] == "backing off" and by_url[good]["last_success"]
    table = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert table.exit_code == 0 and "backing off" in table.output


def test_private_addresses_need_the_option(site, tmp_path, fake_pipeline):
    feed_url = site.add("/feed.xml", feed(site.base, []), content_type="application/rss+xml")
    clock = Clock()
    with open_store(tmp_path / "s.db") as store:
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock, allow_private=False)
        poll = w.cycle().polls[0]
        w.close()
    assert poll.status == "failed" and "refused to fetch" in poll.error and "--allow-private" in poll.error
    assert site.hits["/feed.xml"] == 0


def test_failing_entry_pages_are_retried_then_given_up(site, tmp_path, fake_pipeline):
    site.add("/n/1", page("Clash", CLASH_A))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1", "/n/gone"]), content_type="application/rss+xml", headers={"ETag": '"v1"'})
    clock = Clock()
    with open_store(tmp_path / "s.db") as store:
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], fake_pipeline, tmp_path, clock)
        for _ in range(4):
            w.cycle()
            clock.sleep(61)
        w.close()
    # While an entry fails the ETag is not kept (so the entry is retried); after 3 tries it is given up.
    assert site.hits["/n/gone"] == 3 and site.hits["/n/1"] == 1
    assert site.conditional["/feed.xml"] == 1


def test_cli_once_with_a_sources_file(site, tmp_path):
    site.add("/n/1", page("Clash", CLASH_A))
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1"]), content_type="application/rss+xml")
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"defaults:\n  interval: 15m\n  min_delay: 0\nsources:\n  - url: {feed_url}\n    name: Test feed\n")
    db = str(tmp_path / "s.db")
    refused = runner.invoke(app, ["watch", str(sources), "--once", "--db", db])
    assert refused.exit_code == 1 and "refused to fetch" in refused.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - url: ftp://example.org/x\n")
    wrong = runner.invoke(app, ["watch", str(bad), "--once", "--db", db])
    assert wrong.exit_code == 2 and "http(s) URL" in wrong.output and "Traceback" not in wrong.output
    missing = runner.invoke(app, ["watch", "--once", "--db", db])
    assert missing.exit_code == 2 and "sources file" in missing.output


FAKE_RULES = {"clash": CLASH, "protest": PROTEST}


def store_count(db, table: str) -> int:
    with open_store(db) as store:
        return store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - test helper, fixed names


def test_run_sleeps_until_a_source_is_due_and_stops_on_request(site, tmp_path, fake_pipeline):
    feed_url = site.add("/feed.xml", feed(site.base, []), content_type="application/rss+xml")
    clock = Clock()
    start = clock()
    with open_store(tmp_path / "s.db") as store:
        w = watcher(store, [Source(feed_url, interval=300, min_delay=0)], fake_pipeline, tmp_path, clock)
        w.run(should_stop=lambda: clock() - start > 1000)
        w.close()
    assert site.hits["/feed.xml"] == 4  # at 0, 300, 600 and 900 s


def test_real_pipeline_new_item_alerts(site, tmp_path, pipeline, seed_text):
    site.add("/n/1", "<html><head><title>Seed</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in seed_text.split("\n") if p.strip()) + "</article></body></html>")
    feed_url = site.add("/feed.xml", feed(site.base, ["/n/1"]), content_type="application/rss+xml")
    clock = Clock()
    with open_store(tmp_path / "s.db") as store:
        add_search(store, "everything", make_filters({}))
        w = watcher(store, [Source(feed_url, interval=60, min_delay=0)], pipeline, tmp_path, clock)
        report = w.cycle()
        w.close()
    assert report.polls[0].status == "new"
    assert report.alerts and {a.kind for a in report.alerts} == {"new"}
    assert all(a.payload["sources"][0]["url"] == site.base + "/n/1" for a in report.alerts)


def test_re_extraction_that_re_links_an_event_does_not_alert_again(tmp_path):
    pytest.importorskip("sucesos.link.cluster")
    from sucesos.model import Article, Event, Extraction
    from sucesos.watch.alerts import process_changes

    def save(store, article_id: str, fields: dict, version: str) -> None:
        article = Article(id=article_id, text=f"report {article_id}", outlet="El Sol", url=f"https://elsol.mx/{article_id}")
        store.save(article, Extraction(id=article_id, lang="en", events=[Event(**fields)], pipeline_version=version))

    with open_store(tmp_path / "s.db") as store:
        add_search(store, "everything", make_filters({}))
        save(store, "a", CLASH, "v1")
        first = process_changes(store, base_url=BASE)
        save(store, "b", PROTEST, "v1")
        second = process_changes(store, base_url=BASE)
        save(store, "a", CLASH, "v2")  # a new pipeline version: a's report is replaced and linked again
        third = process_changes(store, base_url=BASE)
        clusters = [row[0] for row in store.conn.execute("SELECT event_id FROM report_links ORDER BY report_id")]
    assert [a.kind for a in first] == ["new"] and [a.kind for a in second] == ["new"]
    assert first[0].event_key not in {f"c{c}" for c in clusters}  # the clash now has another event id
    assert third == []


def test_two_watchers_on_one_database_do_not_alert_twice(tmp_path, monkeypatch):
    import sucesos.watch.alerts as alerts_module
    from sucesos.model import Article, Event, Extraction
    from sucesos.watch.alerts import process_changes

    db = tmp_path / "s.db"
    with open_store(db) as first, open_store(db) as second:
        add_search(first, "everything", make_filters({}))
        first.save(Article(id="a", text="report a", outlet="El Sol"), Extraction(id="a", lang="en", events=[Event(**CLASH)], pipeline_version="v1"))
        real = alerts_module.views_for_reports
        raised_by_first = []

        def first_wins(store, report_ids):
            views = real(store, report_ids)
            if store is second:  # the second has read the queue; the first handles it before the second writes
                raised_by_first.extend(process_changes(first, base_url=BASE))
            return views

        monkeypatch.setattr(alerts_module, "views_for_reports", first_wins)
        assert process_changes(second, base_url=BASE) == []
        assert [a.kind for a in raised_by_first] == ["new"]
        assert first.conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0] == 1
