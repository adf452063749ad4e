"""`python -m dashboard …`: the dashboard's data from the command line, as JSON or CSV.

Data commands bring the on-disk index up to date first (fast when nothing changed), report every
problem on stderr as one line `FILE: what is wrong`, and exit 0 (`--strict`: 1 if anything was
reported). Notes on how a page was read are said when the page is read, not again on every run
(`--verbose`: every time). No traceback reaches the user: errors are one line, exit code 2.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import settings
from .csvsafe import safe_cell
from .errors import DashboardError, Problem
from .freshness import IngestSummary, run_if_unchanged
from .pagefiles import PageListing

if TYPE_CHECKING:
    from .store import Index

T = TypeVar("T")
PROGRESS_FROM_PAGES = 200  # fewer pages parse in about a second: no bar


# --- output -------------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return safe_cell(json.dumps(value, ensure_ascii=False))
    return safe_cell(str(value))


def write_rows(rows: list[dict], fmt: str, out=None, fields: list[str] | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    fields = fields or list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def shown_path(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def report(problems: list[Problem], base: Path | None = None) -> None:
    base = shown_path(base) if base is not None else None
    for problem in problems:
        shown = (
            problem
            if base is None
            else Problem(str(base / problem.file), problem.message, problem.line, problem.severity)
        )
        print(shown, file=sys.stderr)


# --- data access shared by the commands ----------------------------------------------------------


class Session:
    """The seeds, geodata and index one command works on."""

    def __init__(self, args) -> None:
        self.seeds = settings.seeds_dir(getattr(args, "seeds", None))
        self.geodata = settings.geodata_dir(getattr(args, "geodata", None))
        self.use_index = not getattr(args, "no_index", False)
        self.quiet = getattr(args, "quiet", False)
        self.verbose = getattr(args, "verbose", False)
        self.problems: list[Problem] = []
        self.summary: IngestSummary | None = None  # of the last ingest `indexed` ran
        self._gazetteer = None
        self._linkset = None

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from .gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer(settings.require_geodata(self.geodata))
        return self._gazetteer

    @property
    def linkset(self):
        """What linking and naming need of the geodata: the gazetteer when it is loaded, else the copy
        kept beside the index (`linkset`: no geopandas when the geodata did not change)."""
        if self._gazetteer is not None:
            return self._gazetteer
        if self._linkset is None:
            from .linkset import load_linkset

            # geopandas and the geometry checks only when the geodata changed since the copy
            self._linkset = load_linkset(settings.require_geodata(self.geodata), lambda: self.gazetteer)
        return self._linkset

    def indexed(self, work: Callable[[Index], T], pages: bool = True, geodata: bool | None = None) -> T:
        """Bring the index up to date, then run `work` on it, reporting the geodata's problems (first)
        and the pages' (`geodata` defaults to `pages`). When a stat shows nothing changed the geodata
        is not even loaded (`freshness`); else index faults are handled in `ingest.with_index`, its
        warnings go to stderr."""
        settings.require_seeds(self.seeds)
        geodata = pages if geodata is None else geodata
        listing = PageListing(self.seeds)
        quick = run_if_unchanged(
            self.seeds, self.geodata, lambda index: (work(index), index.problems()), listing=listing
        )
        if quick is not None:
            (result, problems), self.summary, geodata_problems = quick
            self._report(geodata_problems if geodata else [])
        else:
            from .ingest import with_index

            self._report(self.linkset.problems if geodata else [])
            with progress_bar(self.quiet or not pages) as progress:
                (result, problems), self.summary, memory = with_index(
                    self.seeds,
                    self.linkset,
                    lambda index: (work(index), index.problems()),
                    progress,
                    warn,
                    listing=listing,
                )
            if memory is not None:
                memory.close()
        if pages:
            self._report(problems, self.seeds, self.summary.read)
        return result

    def _report(self, problems: list[Problem], base: Path | None = None, read: list[str] | None = None) -> None:
        """Say the problems; a note (how a page was read) only when its page was read in this run
        (`read`: those pages; None: every page) or with --verbose: routine facts are said once."""
        fresh = None if read is None else set(read)
        report([p for p in problems if not p.is_note or fresh is None or p.file in fresh or self.verbose], base)
        self.problems += problems

    def dataset(self, with_geodata: bool = False):
        """Articles, mentions and rates from the index (or a fresh parse with --no-index)."""
        from .dataset import Dataset

        settings.require_seeds(self.seeds)
        if not self.use_index:
            if with_geodata:
                self._report(self.gazetteer.problems)
            data = Dataset.fresh(self.seeds, self.gazetteer)
        else:
            data = self.indexed(Dataset.from_open_index, pages=False, geodata=with_geodata)
        self._report(data.problems, self.seeds, self.summary.read if self.use_index else None)
        return data

    def article_ids(self) -> set[str]:
        """Ids of every article the pages hold now."""
        from .dataset import Dataset

        settings.require_seeds(self.seeds)
        if not self.use_index:
            return {a.id for a in Dataset.fresh(self.seeds, self.gazetteer).articles}
        return self.indexed(lambda index: index.article_ids(), pages=False)

    def article(self, article_id: str):
        """One article by id (the index brought up to date quietly first), or None."""
        from .dataset import Dataset

        settings.require_seeds(self.seeds)
        if not self.use_index:
            return next((a for a in Dataset.fresh(self.seeds, self.gazetteer).articles if a.id == article_id), None)
        return self.indexed(lambda index: next(iter(index.articles(article_id)), None), pages=False)


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A `progress(done, total)` callback drawing a tqdm bar on a terminal once an ingest has
    enough pages to take a while; silent when stderr is piped (logs and tests stay clean)."""
    bar = None
    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not show or total < PROGRESS_FROM_PAGES:
            return
        if bar is None:
            from tqdm import tqdm  # only once an ingest has enough pages to show a bar

            bar = tqdm(total=total, desc="parsing pages", unit="page", file=sys.stderr, leave=True)
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()


# --- commands -----------------------------------------------------------------------------------


def cmd_articles(args, session: Session) -> None:
    data = session.dataset()
    write_rows([a.to_dict() for a in data.articles], args.format)


def cmd_currencies(args, session: Session) -> None:
    data = session.dataset()
    write_rows([r.to_dict() for r in data.rates], args.format)


def cmd_mentions(args, session: Session) -> None:
    data = session.dataset(with_geodata=True)
    write_rows(data.mention_rows(), args.format)


COUNT_TABLES = ("total", "source", "month", "co_mention")


def cmd_counts(args, session: Session) -> None:
    from .countstore import stored_count_report

    # From the index: its count tables, kept at ingest (no mention is read).
    counts = session.indexed(stored_count_report) if session.use_index else session.dataset(with_geodata=True).counts()
    if args.format == "json":
        write_rows_json(counts)
        return
    rows = count_rows(counts)
    if args.table != "all":
        rows = [row for row in rows if row["table"] == args.table]
    write_rows(rows, "csv")


def count_rows(counts: dict) -> list[dict]:
    """The four count tables as CSV rows, each row naming its `table` (total, source, month,
    co_mention): `key` is the source, the month or the other feature."""
    rows = []
    for feature in counts["features"]:
        rows.append(
            {
                "feature_id": feature["feature_id"],
                "table": "total",
                "key": "",
                "articles": feature["articles"],
                "mentions": feature["mentions"],
            }
        )
        for dimension in ("by_source", "by_month"):
            for key, cell in feature[dimension].items():
                rows.append({"feature_id": feature["feature_id"], "table": dimension[3:], "key": key, **cell})
    for pair in counts["co_mentions"]:
        rows.append(
            {
                "feature_id": pair["a"],
                "table": "co_mention",
                "key": pair["b"],
                "articles": pair["articles"],
                "mentions": "",
            }
        )
    return rows


def cmd_figures(args, session: Session) -> None:
    from .analysis import FIGURE_COLUMNS, figure_frame, figure_records

    if session.use_index:
        rows = session.indexed(lambda index: index.figure_rows(args.feature))
    else:
        rows = session.dataset(with_geodata=True).figure_rows(session.gazetteer)
    write_rows(figure_records(figure_frame(rows, args.feature)), args.format, fields=FIGURE_COLUMNS)


def warn(message: str) -> None:
    """One warning line on stderr (index faults that were handled)."""
    print(f"warning: {message}", file=sys.stderr)


def write_rows_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_check_geodata(args, session: Session) -> int:
    gazetteer = session.gazetteer
    report(gazetteer.problems)
    session.problems += gazetteer.problems
    if gazetteer.corrections.entries:
        stale = gazetteer.corrections.stale_articles(session.article_ids())
        report(stale)
        session.problems += stale
    routes, ports = len(gazetteer.routes), len(gazetteer.ports)
    if session.problems:
        print(f"{len(session.problems)} problem(s); {routes} routes and {ports} ports usable", file=sys.stderr)
        return 1
    print(f"geodata OK: {routes} routes, {ports} ports, {len(gazetteer.aliases)} aliases")
    return 0


def cmd_ingest(args, session: Session) -> None:
    session.indexed(lambda _index: None)
    print(session.summary.line())


def cmd_search(args, session: Session) -> None:
    def search(index: Index) -> list[dict]:
        for note in index.search_plan(args.query).notes:
            print(f"search: {note}", file=sys.stderr)
        return index.search(args.query, limit=args.limit)

    write_rows(session.indexed(search), args.format)


def cmd_export(args, session: Session) -> None:
    from .browser import BrowserSession

    # Chromium boots (~2 s) while the rest is imported, the index read and the figures built.
    with BrowserSession() as browser:
        written = _export(args, session, browser)
    for path in written:
        print(shown_path(path))


def _export(args, session: Session, browser) -> list[Path]:
    from .analysis import load_frames
    from .digest import option_date
    from .events import load_vocabulary
    from .export import export_briefing

    since = option_date(args.since, "--since") if args.since else None
    try:
        vocabulary = load_vocabulary(session.geodata)
    except DashboardError as exc:  # the rest of the briefing does not need it
        print(f"{exc}; the deck has no 'What changed' slide", file=sys.stderr)
        vocabulary = None

    def briefing(index: Index) -> list[Path]:
        if vocabulary is not None and index.newest_date() is None:
            print("no page or article is dated; the deck has no 'What changed' slide", file=sys.stderr)
        return export_briefing(
            load_frames(index),
            session.gazetteer,
            index,
            Path(args.out),
            feature_ids=args.feature or None,
            generated=date.today(),
            vocabulary=vocabulary,
            since=since,
            say=lambda line, stderr=sys.stderr: print(f"export: {line}", file=stderr),  # stderr as it is now
            browser=browser,
        )

    return session.indexed(briefing)


def cmd_digest(args, session: Session) -> None:
    from .digest import build_digest, make_window, option_date, window_frames
    from .events import load_vocabulary

    # Bad dates are the only line printed: checked before the index reports anything.
    since = option_date(args.since, "--since")
    until = option_date(args.until, "--until") if args.until else None
    if until is not None:
        make_window(since, until, None)
    vocabulary = load_vocabulary(session.geodata, lazy=True)  # tags stored at ingest need only its signature

    def digest_of(index: Index):
        window = make_window(since, until, index.newest_date())
        return build_digest(index, window_frames(index, window), session.linkset, vocabulary, window)

    digest = session.indexed(digest_of)
    if args.format == "md":
        sys.stdout.write(digest.markdown())
    elif args.format == "csv":
        write_rows(digest.rows(), "csv")
    else:
        write_rows_json(digest.to_json())


def cmd_correct(args, session: Session) -> None:
    from . import corrections

    if args.action == "list":
        current = corrections.load(session.geodata)
        report(current.problems)
        session.problems += current.problems
        fields = [f.name for f in dataclasses.fields(corrections.Correction) if f.name != "line"]
        write_rows([e.to_dict() for e in current.entries], args.format, fields=fields)
        return
    feature = session.gazetteer.by_id.get(args.feature_id)
    if feature is None:
        raise DashboardError(
            f"{args.feature_id!r}: no route or port has this id (`python -m dashboard check-geodata` lists them); "
            "nothing written"
        )
    article = session.article(args.article_id)
    if article is None:
        raise DashboardError(
            f"{args.article_id!r}: no article in {session.seeds} has this id (`python -m dashboard articles` lists "
            "them); nothing written"
        )
    correction = corrections.Correction(
        args.action, article.id, feature.id, args.note or "", article.title, corrections.now()
    )
    saved = corrections.record(session.geodata, correction)
    verdict = "is not about" if args.action == "reject" else "is about"
    print(
        f"{saved.label}: {article.id} ({article.title!r}) {verdict} {feature.id}; "
        f"{len(saved.entries)} correction(s) in the file"
    )


# --- parser -------------------------------------------------------------------------------------


def add_command(commands, name: str, help_text: str, seeds=True, geodata=True, fmt=True):
    """A subcommand with the options every data command shares."""
    sub = commands.add_parser(name, help=help_text, description=help_text)
    if seeds:
        sub.add_argument(
            "--seeds", metavar="DIR", help="folder of pages (default: the repo's seeds/, or $DASHBOARD_SEEDS)"
        )
        sub.add_argument("--no-index", action="store_true", help="parse the pages afresh instead of using the index")
    if geodata:
        sub.add_argument(
            "--geodata",
            metavar="DIR",
            help="folder of routes/ports GeoJSON (default: geodata/, or $DASHBOARD_GEODATA)",
        )
    if fmt:
        sub.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    sub.add_argument("--strict", action="store_true", help="exit 1 if any problem (not a note) was reported")
    sub.add_argument(
        "--verbose", action="store_true", help="repeat the notes on how pages were read (else said when a page is read)"
    )
    return sub


def positive_int(text: str) -> int:
    """A count of 1 or more: `--limit 0` or `-1` would otherwise mean "everything" without a word."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Corridor Watch: Eurasian corridors, pipelines and ports, linked to the news.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, **options):
        return add_command(commands, name, help_text, **options)

    command("articles", "List the articles read from the pages.", geodata=False).set_defaults(run=cmd_articles)
    command("currencies", "List the currency rates from the pages' tickers.", geodata=False).set_defaults(
        run=cmd_currencies
    )
    command("mentions", "List every mention of a route or port, with its sentence.").set_defaults(run=cmd_mentions)
    counts = command("counts", "Mention counts per feature, by source and month, and co-mentions.")
    counts.add_argument(
        "--table",
        choices=("all", *COUNT_TABLES),
        default="all",
        help="CSV: only this table (default: all four, each row's `table` column naming its own)",
    )
    counts.set_defaults(run=cmd_counts)
    figures = command(
        "figures", "The figures the press states about each route and port (value in a base unit), with citations."
    )
    figures.add_argument("--feature", metavar="ID", help="only this route or port")
    figures.set_defaults(run=cmd_figures)
    command(
        "check-geodata", "Validate the geodata (and corrections); print every problem and exit 1 if any.", fmt=False
    ).set_defaults(run=cmd_check_geodata)
    ingest = command("ingest", "Bring the on-disk index up to date with the pages and geodata.", fmt=False)
    ingest.set_defaults(run=cmd_ingest)
    search = command("search", "Full-text search over article titles and texts.")
    search.add_argument(
        "query",
        help="words, all of which must match in any order ('drone' finds 'drones'; a route or port's name also "
        "finds the articles linked to it), or an FTS5 query, e.g. 'NEAR(pipeline Caspian, 5)'",
    )
    search.add_argument("--limit", type=positive_int, default=50, help="at most this many hits (1 or more)")
    search.set_defaults(run=cmd_search)
    digest = command(
        "digest",
        "What changed since a date: articles per feature against the window before, with event tags.",
        fmt=False,
    )
    digest.add_argument("--since", required=True, metavar="DATE", help="first day of the window (YYYY-MM-DD)")
    digest.add_argument("--until", metavar="DATE", help="last day of the window (default: the newest page date)")
    digest.add_argument("--format", choices=("json", "csv", "md"), default="json", help="output format (default: json)")
    digest.set_defaults(run=cmd_digest)
    export = command("export", "Write every chart as PNG and SVG, and briefing.pptx.", fmt=False)
    export.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    export.add_argument(
        "--feature",
        action="append",
        metavar="ID",
        help="a feature to give a slide (repeatable; default: the most-mentioned routes)",
    )
    export.add_argument(
        "--since",
        metavar="DATE",
        help='the "What changed since" slide\'s first day (default: 30 days before the newest page)',
    )
    export.set_defaults(run=cmd_export)
    correct = commands.add_parser(
        "correct",
        help="Record that an article is (add) or is not (reject) about a route or port; list corrections.",
        description="Corrections are kept in the geodata folder (corrections.json) and outlive the index.",
    )
    actions = correct.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, help_text in (
        ("reject", "This article is not about this route or port."),
        ("add", "This article is about this route or port (excerpt: the sentence naming it, else the headline)."),
    ):
        sub = add_command(actions, action, help_text, fmt=False)
        sub.add_argument("article_id", metavar="ARTICLE_ID")
        sub.add_argument("feature_id", metavar="FEATURE_ID")
        sub.add_argument("--note", help="why, for the reviewer")
        sub.set_defaults(run=cmd_correct)
    add_command(actions, "list", "List the corrections.", seeds=False).set_defaults(run=cmd_correct)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    session = Session(args)
    try:
        status = args.run(args, session) or 0
    except DashboardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the command line's boundary: a bug is one line and exit 3, never a traceback
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (set DASHBOARD_DEBUG=1 for details)", file=sys.stderr)
        return 3
    if args.strict and any(not p.is_note for p in session.problems) and status == 0:
        return 1
    return status
