"""Status in the news: the state machine over disruption and restoration signals (dates, "since",
counts of sources), the one line it prints, and when a digest window changed it."""

from __future__ import annotations

from datetime import date

from dashboard.newsstatus import DISRUPTED, NO_NEWS, QUIET, RESTORED, NewsStatus, Signal, status_at, status_change


def signal(day: str, tag: str, source: str = "A", article: str = "") -> Signal:
    return Signal("cpc", day, tag, article or f"{source}-{day}", "title", source, f"{tag} sentence", tag)


def dated(*days: str) -> list[tuple[str, str]]:
    return [(f"a{n}", day) for n, day in enumerate(days)]


OCTOBER = [
    signal("2026-10-20", "expansion", "A"),
    signal("2026-10-27", "disruption", "A"),
    signal("2026-10-29", "disruption", "B"),
    signal("2026-10-29", "security", "D"),
    signal("2026-11-02", "disruption", "C"),
    signal("2026-11-03", "disruption", "A"),
]
ARTICLES = dated("2026-10-20", "2026-10-27", "2026-10-29", "2026-10-29", "2026-11-02", "2026-11-03", "2026-11-10")


def test_disrupted_since_the_first_disruption_with_its_sources_counted_once():
    status = status_at(OCTOBER, ARTICLES)
    assert (status.state, status.since, status.sources) == (DISRUPTED, "2026-10-27", ("A", "B", "C"))
    assert status.line() == "disrupted since 2026-10-27 — no restoration reported since (3 sources)"
    assert status.short() == "disrupted since 2026-10-27 (3 sources)"


def test_a_restoration_closes_the_run_and_a_new_disruption_opens_another():
    restored = [*OCTOBER, signal("2026-11-20", "restoration", "B")]
    status = status_at(restored, ARTICLES)
    assert (status.state, status.since, status.sources, status.run_since) == (
        RESTORED,
        "2026-11-20",
        ("B",),
        "2026-10-27",
    )
    assert status.line() == "restored 2026-11-20 (1 source), after a disruption reported from 2026-10-27"
    again = status_at([*restored, signal("2026-12-01", "disruption", "E")], ARTICLES)
    assert (again.state, again.since, again.sources) == (DISRUPTED, "2026-12-01", ("E",))


def test_a_disruption_not_reported_again_for_months_has_lapsed():
    """Closures of 2018 and 2025 with no restart reported between are two runs, not one of seven years."""
    storms = [
        signal("2018-05-17", "disruption", "A"),
        signal("2018-06-01", "disruption", "B"),  # within LAPSE_DAYS: the same run
        signal("2025-11-03", "disruption", "C"),
        signal("2026-02-16", "restoration", "D"),
    ]
    status = status_at(storms, dated("2018-05-17", "2025-11-03", "2026-02-16"))
    assert status.line() == "restored 2026-02-16 (1 source), after a disruption reported from 2025-11-03"
    open_run = status_at(storms[:3], dated("2018-05-17", "2025-11-03"))
    assert (open_run.since, open_run.sources) == ("2025-11-03", ("C",))
    assert status_at(storms[:2], dated("2018-05-17")).sources == ("A", "B")


def test_status_on_a_day_ignores_later_news():
    assert status_at(OCTOBER, ARTICLES, date(2026, 10, 28)).sources == ("A",)
    before = status_at(OCTOBER, ARTICLES, date(2026, 10, 26))
    assert (before.state, before.articles) == (QUIET, 1)
    assert before.line() == "no disruption reported (1 dated article)"
    assert status_at(OCTOBER, ARTICLES, date(2026, 1, 1)) == NewsStatus(NO_NEWS)


def test_same_day_restoration_wins_and_threats_do_not_change_the_status():
    same_day = [signal("2026-10-27", "disruption", "A"), signal("2026-10-27", "restoration", "B")]
    assert status_at(same_day, dated("2026-10-27")).state == RESTORED
    threats = [signal("2026-10-27", "security"), signal("2026-10-28", "expansion"), signal("2026-10-29", "agreement")]
    assert status_at(threats, dated("2026-10-27")).state == QUIET


def test_a_change_in_the_window_and_none_for_a_run_already_open():
    change = status_change(OCTOBER, ARTICLES, date(2026, 10, 25), date(2026, 10, 31))
    assert change is not None
    assert change.line() == (
        "status in the news: disrupted since 2026-10-27 — no restoration reported since (2 sources) "
        "(was: no disruption reported (1 dated article))"
    )
    assert status_change(OCTOBER, ARTICLES, date(2026, 11, 1), date(2026, 11, 10)) is None
    assert status_change(OCTOBER, ARTICLES, date(2026, 1, 1), date(2026, 10, 21)) is None  # no news, then quiet


def test_disrupted_and_restored_inside_one_window_is_a_change():
    before = [signal("2026-01-05", "disruption"), signal("2026-01-09", "restoration")]
    inside = [signal("2026-03-02", "disruption"), signal("2026-03-06", "restoration", "B")]
    change = status_change(before + inside, dated("2026-01-05", "2026-03-02"), date(2026, 3, 1), date(2026, 3, 31))
    assert change is not None
    assert (change.before.since, change.after.since, change.after.run_since) == (
        "2026-01-09",
        "2026-03-06",
        "2026-03-02",
    )


def test_a_status_dated_only_by_the_day_its_pages_were_saved_says_so():
    """An undated page is dated by its file's day ("seen"): a restart read from old stories saved today
    is said to be dated so, not shown as today's news; one source with a published date is enough to
    drop the mark."""
    seen = [
        *OCTOBER,
        Signal("cpc", "2026-12-07", "restoration", "s1", "title", "Wire", "restoration sentence", "resumed", "seen"),
    ]
    status = status_at(seen, ARTICLES)
    assert status.line() == "restored 2026-12-07 (seen, 1 source), after a disruption reported from 2026-10-27"
    assert status.short() == "restored 2026-12-07 (seen, 1 source)"
    published = [*seen, Signal("cpc", "2026-12-07", "restoration", "p1", "t", "Courier", "s", "resumed", "published")]
    assert status_at(published, ARTICLES).line().startswith("restored 2026-12-07 (2 sources)")
