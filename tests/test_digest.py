"""The digest: inclusive windows, the equal-length baseline, undated articles counted apart, tags per
link, order by change, the JSON/CSV/Markdown outputs and bad dates (a one-line error, exit 2)."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime

import pytest
from conftest import GEODATA, PAGES, cli_json, run_cli

from dashboard.digest import Window, make_window, md_escape
from dashboard.errors import DashboardError

ARTICLES = PAGES / "articles"
STEPPE_URL = "https://www.steppeherald.example.kz/en/energy/20250903-cpc-cuts-loadings"

# A CACI list (published dates) around the window 2025-03-01..2025-03-10 and its baseline
# 2025-02-19..2025-02-28, and an EDM listing (no dates at all).
CACI = """Ann Author
March 1, 2025
A drone attack on the Caspian Pipeline Consortium halted loadings at its terminal for two days.
Ann Author
March 10, 2025
The Caspian Pipeline Consortium resumed full loadings after the repairs were finished.
Ann Author
March 11, 2025
The Caspian Pipeline Consortium signed a new transit agreement with Kazakhstan.
Ann Author
February 28, 2025
The Caspian Pipeline Consortium reported steady exports in February and no news of note.
Ann Author
February 19, 2025
The Baku–Tbilisi–Ceyhan pipeline has operated without interruption, its operator said.
Ann Author
February 18, 2025
The Baku–Tbilisi–Ceyhan pipeline was the subject of a long study of oil routes.
"""

EDM = """Categories
Energy Kazakhstan

Kazakhstan Weighs Its Oil Routes

The Caspian Pipeline Consortium carries most of Kazakhstan's oil, and officials denied reports of any damage.
"""


@pytest.fixture
def digest_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "caci.txt").write_text(CACI, encoding="utf-8")
    (seeds / "edm.txt").write_text(EDM, encoding="utf-8")
    saved = datetime(2024, 6, 1, tzinfo=UTC).timestamp()  # "seen" then: before every window here
    os.utime(seeds / "edm.txt", (saved, saved))
    return seeds


def digest(seeds, data_dir, *args):
    result, _ = cli_json("digest", "--seeds", str(seeds), "--geodata", str(GEODATA), *args, data_dir=data_dir)
    return result


def test_window_and_baseline_are_inclusive_and_equal_length(digest_seeds, data_dir):
    result = digest(digest_seeds, data_dir, "--since", "2025-03-01", "--until", "2025-03-10")
    assert (result["since"], result["until"]) == ("2025-03-01", "2025-03-10")
    assert result["baseline"] == {"since": "2025-02-19", "until": "2025-02-28"}
    by_id = {f["feature_id"]: f for f in result["features"]}
    assert (by_id["cpc"]["articles"], by_id["cpc"]["baseline_articles"]) == (2, 1)  # 1 and 10 March; 28 Feb
    assert (by_id["btc"]["articles"], by_id["btc"]["baseline_articles"]) == (0, 1)  # 19 Feb in, 18 Feb out
    assert [f["feature_id"] for f in result["features"]] == ["cpc", "btc"]  # by change: +1, then -1


def test_an_article_no_page_dates_is_dated_by_its_file(digest_seeds, data_dir):
    """An EDM listing gives no date: its articles take the file's day, marked "seen", and are in windows."""
    saved = datetime(2025, 3, 5, 9, tzinfo=UTC).timestamp()
    os.utime(digest_seeds / "edm.txt", (saved, saved))
    result = digest(digest_seeds, data_dir, "--since", "2025-03-01", "--until", "2025-03-10")
    assert result["undated"] == 0
    cpc = next(f for f in result["features"] if f["feature_id"] == "cpc")
    dated = {a["title"]: (a["date"], a["date_kind"]) for a in cpc["articles_new"]}
    assert dated["Kazakhstan Weighs Its Oil Routes"] == ("2025-03-05", "seen")
    assert {kind for _, kind in dated.values()} == {"published", "seen"}
    assert cpc["articles"] == 3


def test_each_new_article_carries_its_tags_and_sentence(digest_seeds, data_dir):
    result = digest(digest_seeds, data_dir, "--since", "2025-03-01", "--until", "2025-03-10")
    cpc = next(f for f in result["features"] if f["feature_id"] == "cpc")
    # a drone attack is a disruption and a security event (issue 21)
    assert cpc["events"] == {"disruption": 1, "restoration": 1, "expansion": 0, "agreement": 0, "security": 1}
    newest, oldest = cpc["articles_new"]
    assert (newest["date"], newest["events"]) == ("2025-03-10", ["restoration"])
    assert (oldest["date"], oldest["events"]) == ("2025-03-01", ["disruption", "security"])
    assert oldest["excerpt"].startswith("A drone attack on the Caspian Pipeline Consortium halted")
    assert set(oldest) == {"article_id", "title", "source", "date", "date_kind", "url", "events", "excerpt"}
    assert (oldest["date_kind"], oldest["url"]) == ("published", None)


def test_until_defaults_to_the_newest_date(digest_seeds, data_dir):
    result = digest(digest_seeds, data_dir, "--since", "2025-03-01")
    assert result["until"] == "2025-03-11"
    assert result["baseline"] == {"since": "2025-02-18", "until": "2025-02-28"}
    cpc = next(f for f in result["features"] if f["feature_id"] == "cpc")
    assert cpc["events"]["agreement"] == 1


def test_csv_and_markdown(digest_seeds, data_dir):
    args = ("digest", "--seeds", str(digest_seeds), "--geodata", str(GEODATA), "--since", "2025-03-01")
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv", data_dir=data_dir).stdout)))
    assert [(r["feature_id"], r["articles"], r["baseline_articles"], r["change"]) for r in rows] == [
        ("cpc", "3", "1", "2"),
        ("btc", "0", "2", "-2"),
    ]
    brief = run_cli(*args, "--format", "md", data_dir=data_dir).stdout
    assert "What changed, 2025-03-01 to 2025-03-11" in brief
    assert "3 articles (▲2 from 1); disruption 1, restoration 1, agreement 1, security 1" in brief
    assert "without any date" not in brief  # the EDM entry is dated by its file (2024-06-01)
    assert "(CACI Analyst, 2025-03-10 (published))" in brief


def test_the_digest_cites_each_article_by_its_url(digest_seeds, data_dir):
    page = (ARTICLES / "steppe_herald_cpc.html").read_text(encoding="utf-8")
    (digest_seeds / "cpc.html").write_text(
        page.replace("2025-09-03", "2025-03-05").replace("3 September 2025", "5 March 2025"), encoding="utf-8"
    )
    args = ("digest", "--seeds", str(digest_seeds), "--geodata", str(GEODATA), "--since", "2025-03-01")
    cpc = next(f for f in digest(digest_seeds, data_dir, *args[5:])["features"] if f["feature_id"] == "cpc")
    cited = {a["title"]: a["url"] for a in cpc["articles_new"]}
    assert cited["CPC cuts loadings at Novorossiysk after mooring damage"] == STEPPE_URL
    brief = run_cli(*args, "--format", "md", data_dir=data_dir).stdout
    assert f"[CPC cuts loadings at Novorossiysk after mooring damage](<{STEPPE_URL}>) (" in brief
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv", data_dir=data_dir).stdout)))
    assert STEPPE_URL in next(r for r in rows if r["feature_id"] == "cpc")["new_articles"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2026-13-01"), "error: --since 2026-13-01: not a date (use YYYY-MM-DD, e.g. 2025-11-01)"),
        (("--since", "2025-03-01", "--until", "soon"), "error: --until soon: not a date"),
        (("--since", "2025-03-10", "--until", "2025-03-01"), "error: --until 2025-03-01 is before --since 2025-03-10"),
    ],
)
def test_bad_dates_exit_2_with_one_line(args, message, digest_seeds, data_dir):
    (digest_seeds / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)  # a problem the index would report first
    result = run_cli("digest", "--seeds", str(digest_seeds), *args, data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr
    assert result.stdout == ""


def test_make_window_defaults_and_errors():
    assert make_window(None, None, "2026-02-23") == Window(date(2026, 1, 25), date(2026, 2, 23))
    assert Window(date(2026, 1, 25), date(2026, 2, 23)).baseline == (date(2025, 12, 26), date(2026, 1, 24))
    assert make_window("2026-02-23", None, "2026-02-23").days == 1
    with pytest.raises(DashboardError, match="no dated page"):
        make_window("2026-01-01", None, None)


def test_markdown_text_from_pages_is_inert():
    assert md_escape("**Boom** [x](javascript:1) <b>\nline") == r"\*\*Boom\*\* \[x\](javascript:1) \<b\> line"


def test_seeds_digest(data_dir):
    result, _ = cli_json("digest", "--since", "2026-01-25", data_dir=data_dir)
    assert (result["until"], result["undated"]) == ("2026-02-23", 0)  # the EDM entries are "seen" that day
    by_id = {f["feature_id"]: f for f in result["features"]}
    assert by_id["cpc"]["events"]["disruption"] == 1 and by_id["cpc"]["events"]["security"] == 1
    assert by_id["aktau"]["events"]["security"] == 1 and by_id["aktau"]["events"]["disruption"] == 0


def test_the_app_frames_and_the_window_frames_give_the_same_digest(digest_seeds, data_dir):
    from dashboard.analysis import load_frames
    from dashboard.digest import build_digest, window_frames
    from dashboard.events import load_vocabulary
    from dashboard.gazetteer import load_gazetteer
    from dashboard.store import open_index

    digest(digest_seeds, data_dir, "--since", "2025-03-01")  # builds the index
    gazetteer, vocabulary = load_gazetteer(GEODATA), load_vocabulary(GEODATA)
    with open_index(digest_seeds) as index:
        window = make_window("2025-03-01", None, index.newest_date())
        whole = build_digest(index, load_frames(index), gazetteer, vocabulary, window)
        windowed = build_digest(index, window_frames(index, window), gazetteer, vocabulary, window)
        only_btc = build_digest(index, load_frames(index), gazetteer, vocabulary, window, feature_ids=["btc"])
    assert whole.to_json() == windowed.to_json()
    assert [f.feature_id for f in only_btc.features] == ["btc"] and only_btc.undated == 0


def test_a_missing_vocabulary_is_one_line_for_the_digest(digest_seeds, data_dir, small_geodata):
    result = run_cli(
        "digest",
        "--seeds",
        str(digest_seeds),
        "--geodata",
        str(small_geodata),
        "--since",
        "2025-03-01",
        data_dir=data_dir,
    )
    assert result.returncode == 2
    assert result.stderr == f"error: {small_geodata / 'events.json'}: event vocabulary not found\n"


def test_the_digest_says_when_a_status_in_the_news_changed(digest_seeds, data_dir):
    result = digest(digest_seeds, data_dir, "--since", "2025-03-01", "--until", "2025-03-10")
    by_id = {f["feature_id"]: f for f in result["features"]}
    assert by_id["cpc"]["status_change"] == {
        "before": "no disruption reported (1 dated article)",
        "after": "restored 2025-03-10 (1 source), after a disruption reported from 2025-03-01",
        "state": "restored",
    }
    assert by_id["btc"]["status_change"] is None
    # A window after the restoration: nothing new happened to the status.
    later = digest(digest_seeds, data_dir, "--since", "2025-03-11", "--until", "2025-03-11")
    assert all(f["status_change"] is None for f in later["features"])
    args = ("digest", "--seeds", str(digest_seeds), "--geodata", str(GEODATA), "--since", "2025-03-01")
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv", data_dir=data_dir).stdout)))
    assert rows[0]["status_after"].startswith("restored 2025-03-10") and rows[1]["status_after"] == ""
    brief = run_cli(*args, "--format", "md", data_dir=data_dir).stdout
    assert (
        "  - status in the news: restored 2025-03-10 (1 source), after a disruption reported from 2025-03-01" in brief
    )


def test_a_feature_record_is_bounded_by_dates_and_by_its_newest_links(digest_seeds, data_dir):
    from dashboard.digest import feature_kinds, feature_record
    from dashboard.events import load_vocabulary
    from dashboard.gazetteer import load_gazetteer
    from dashboard.store import open_index

    digest(digest_seeds, data_dir, "--since", "2025-03-01")  # builds the index
    vocabulary, kinds = load_vocabulary(GEODATA), feature_kinds(load_gazetteer(GEODATA))
    with open_index(digest_seeds) as index:
        every = feature_record(index, vocabulary, kinds, ["cpc"])["cpc"]
        newest = feature_record(index, vocabulary, kinds, ["cpc"], newest=2)["cpc"]
        between = feature_record(index, vocabulary, kinds, ["cpc"], before="2025-03-10", since="2025-03-01")["cpc"]
    # The EDM entry names the CPC too, "seen" on its file's day (2024-06-01).
    assert sorted(a.date for a in every) == ["2024-06-01", "2025-02-28", "2025-03-01", "2025-03-10", "2025-03-11"]
    assert sorted(a.date for a in newest) == ["2025-03-10", "2025-03-11"]
    assert [a.date for a in between] == ["2025-03-01"]
    assert "disruption" in [s.tag for s in between[0].signals("cpc")]


def test_a_listing_s_date_does_not_make_an_article_s_trouble_retold(tmp_path, data_dir):
    """A listing page may show articles weeks older than its own date: trouble on a day weeks before the
    listing's date is still the article's news (only a publication date makes it retold)."""
    from dashboard.digest import feature_kinds, feature_record
    from dashboard.events import load_vocabulary
    from dashboard.gazetteer import load_gazetteer
    from dashboard.store import open_index

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "tca.txt").write_text(
        "  • KZT/USD = 0.00202 0%\n\n06 February 2026\n\nKazakhstan Still Counting the CPC's Losses\n\n"
        "Kazakhstan has yet to finish assessing the damage caused on November 29, when sea drones damaged a "
        "mooring at the Caspian Pipeline Consortium's marine terminal near Novorossiysk.\n",
        encoding="utf-8",
    )
    digest(seeds, data_dir, "--since", "2026-02-01")  # builds the index
    vocabulary, kinds = load_vocabulary(GEODATA), feature_kinds(load_gazetteer(GEODATA))
    with open_index(seeds) as index:
        record = feature_record(index, vocabulary, kinds, ["cpc"])["cpc"]
    assert [(a.date, a.date_kind) for a in record] == [("2026-02-06", "listed")]
    assert "disruption" in [s.tag for s in record[0].signals("cpc")]


def test_a_broken_vocabulary_is_one_line_for_the_digest(digest_seeds, data_dir, small_geodata):
    """The digest reads the vocabulary lazily (`load_vocabulary(lazy=True)`): broken, it is still one line."""
    vocabulary = json.loads((GEODATA / "events.json").read_text(encoding="utf-8"))
    vocabulary["negation"]["window"] = "ten"
    (small_geodata / "events.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    result = run_cli(
        "digest",
        "--seeds",
        str(digest_seeds),
        "--geodata",
        str(small_geodata),
        "--since",
        "2025-03-01",
        data_dir=data_dir,
    )
    assert result.returncode == 2
    assert result.stderr.endswith(
        f"error: {small_geodata / 'events.json'}: bad event vocabulary (invalid literal for int() with base 10: 'ten')\n"
    )
    assert "Traceback" not in result.stderr
