"""Fault suite, page side (issues 11 and 18): one bad entry in a copy of the seeds, run through the
real command line, must give its one `FILE: what is wrong` line and the exit code, and every readable
page must still load (the 32 seed articles, plus the bad entry's own articles when it has any).
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GEODATA, PAGES, REPO, SEEDS, run_cli

from dashboard import decoding
from dashboard.corpus import parse_file

SEED_ARTICLES = 32
RUSSIAN = (
    "Казахстан увеличит экспорт нефти через КТК\n\n"
    "Министерство энергетики Казахстана сообщило, что в сентябре прокачка нефти по системе КТК вернулась к "
    "прежнему уровню после ремонта выносного причального устройства у Новороссийска. Часть объёмов идёт "
    "танкерами через Актау в Баку и далее по трубопроводу Баку-Тбилиси-Джейхан.\n"
)
FRENCH = (
    "Le corridor médian attire de nouveaux investisseurs\n\n"
    "Déjà vu pour les transitaires : après une année record, le port de Poti a reçu un cargo de céréales en "
    "provenance du Kazakhstan. Les opérateurs géorgiens espèrent que la réforme des douanes réduira les délais "
    "à la frontière, où les wagons attendent parfois une semaine.\n"
)
LITHUANIAN = (
    "Klaipėdos uostas plečia konteinerių terminalą\n\n"
    "Lietuvos susisiekimo ministerija pranešė, kad Klaipėdos valstybinio jūrų uosto direkcija pasirašė sutartį "
    "dėl naujo krantinės ruožo statybos. Šiaurės ir pietų koridoriaus krovinių srautai per pastaruosius metus "
    "išaugo beveik ketvirtadaliu.\n"
)
NOTE_PAGE = "Weekly shipping notes\n\nThe Port of Poti handled more grain this week than last.\n"


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def setup(seeds: Path) -> None:
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return setup


def link(name: str, target: str, then: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    def setup(seeds: Path) -> None:
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, seeds / name)
        if then:
            then(seeds)

    return setup


def tca_page(date_line: str, titles: list[str]) -> str:
    blocks = [
        f"{title}\n\nThe Port of Aktau handled more cargo this month, officials said on Monday." for title in titles
    ]
    return f"{date_line}\n\nViewing results 1 - {len(titles)} of {len(titles)}\n\n" + "\n\n".join(blocks) + "\n"


LONG_TITLE = "Kazakhstan and Azerbaijan Agree to " + " and ".join(f"Expand Route {n}" for n in range(1, 16))
# (case id, setup, file named in the message, message part, severity shown, articles beyond the seeds)
CASES = [
    ("symlink loop", link("a.txt", "b.txt", link("b.txt", "a.txt")), "a.txt", "symbolic link loop", 0),
    ("link out of the seeds", link("passwd.txt", "/etc/passwd"), "passwd.txt", "links are not followed", 0),
    ("link to a folder", link("folder.txt", "/usr"), "folder.txt", "symbolic link to a folder", 0),
    ("dangling link", link("gone.txt", "nowhere.txt"), "gone.txt", "dangling symbolic link", 0),
    (
        "folder named like a page",
        write("x.txt/inside.txt", NOTE_PAGE),
        "x.txt",
        "a folder named like a page",
        1,
    ),
    ("undecodable name", write(os.fsdecode(b"badbyte\xff.txt"), b"\x00" * 400), "badbyte\\xff.txt", "binary file", 0),
    (
        "newline in a name",
        write("evil\nseeds/000_00842ba0265e7cd0.txt: forged.txt", b"%PDF-1.4\n"),
        "evil\\nseeds/000_00842ba0265e7cd0.txt: forged.txt",
        "a PDF document",
        0,
    ),
    (
        "text-only PDF",
        write("report.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\nBT (Aktau port) Tj ET\n"),
        "report.pdf",
        "a PDF document",
        0,
    ),
    ("DOCX dropped in", write("brief.docx", b"PK\x03\x04" + b"\x00" * 200), "brief.docx", "Word .docx", 0),
    ("NUL byte early", write("nul.txt", NOTE_PAGE.replace("grain", "gr\x00ain")), "nul.txt", "NUL byte(s) removed", 1),
    ("KOI8-R page", write("ru_koi8.txt", RUSSIAN.encode("koi8_r")), "ru_koi8.txt", "decoded as koi8-r", 1),
    ("cp1251 page", write("ru_1251.txt", RUSSIAN.encode("cp1251")), "ru_1251.txt", "decoded as cp1251", 1),
    ("cp1252 page", write("fr.txt", FRENCH.encode("cp1252")), "fr.txt", "decoded as cp1252", 1),
    ("cp1257 page", write("lt.txt", LITHUANIAN.encode("cp1257")), "lt.txt", "decoded as cp1257", 1),
    (
        "HTML in another encoding",
        write(
            "ru.html",
            (
                "<html><head><meta charset='windows-1251'><title>КТК</title></head><body><article><h1>"
                + RUSSIAN.split("\n")[0]
                + "</h1><p>"
                + RUSSIAN.split("\n")[2]
                + "</p></article></body></html>"
            ).encode("cp1251"),
        ),
        "ru.html",
        "decoded as cp1251 (declared by the page)",
        1,
    ),
    (
        "cookie wall only",
        write("cookies.html", "<html><body><div>We use cookies. <button>Accept all</button></div></body></html>"),
        "cookies.html",
        "only a cookie/consent notice",
        0,
    ),
    (
        "HTML without main text",
        write("nav.html", "<html><body><nav><a href='/'>Home</a> <a href='/e'>Energy</a></nav></body></html>"),
        "nav.html",
        "HTML page without article text",
        0,
    ),
    (  # issue 27.1: lxml refuses control characters; the reader never stores page text in a tree
        "control characters in an HTML page",
        write(
            "control.html",
            "<html><head><title>Aktau\x01 port</title></head><body><article><h1>Aktau Port Grows\x0b</h1>"
            "<p>The Port of Aktau handled more cargo\x01 this month, officials said on Monday in a statement.</p>"
            "<p class='note\x7f'>Ferries\x1f to Baku ran every day and the container terminal was busy all week.</p>"
            "</article></body></html>",
        ),
        "control.html",
        "HTML article page",
        1,
    ),
    (
        "impossible date",
        write("tca_feb.txt", tca_page("31 February 2025", ["Aktau Cargo Grows"])),
        "tca_feb.txt",
        "'31 February 2025' is not a real date",
        1,
    ),
    (
        "title over 220 characters",
        write("tca_long.txt", tca_page("16 May 2025", ["Aktau Cargo Grows", LONG_TITLE])),
        "tca_long.txt",
        f"title is {len(LONG_TITLE)} characters long",
        2,
    ),
]


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.parametrize(
    ("setup", "file", "message", "extra"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_entry_is_one_line_and_everything_else_loads(seeds, data_dir, setup, file, message, extra):
    setup(seeds)
    result = run_cli("articles", "--seeds", str(seeds), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    named = [line for line in lines if line.startswith(f"{seeds}/{file}:")]
    assert any(message in line for line in named), result.stderr
    assert all(line.startswith(f"{seeds}/") for line in lines), "every problem is one line naming its file"
    articles = json.loads(result.stdout)
    assert len(articles) == SEED_ARTICLES + extra, [a["title"] for a in articles[SEED_ARTICLES:]]


def test_every_fault_at_once_index_equals_fresh_parse(seeds, data_dir):
    for _, setup, *_ in CASES:
        setup(seeds)
    indexed = run_cli("articles", "--seeds", str(seeds), data_dir=data_dir)
    fresh = run_cli("articles", "--seeds", str(seeds), "--no-index", data_dir=data_dir)
    assert indexed.returncode == fresh.returncode == 0
    assert indexed.stdout == fresh.stdout
    assert sorted(indexed.stderr.splitlines()) == sorted(fresh.stderr.splitlines())
    # Copies of one text are one article: the KOI8-R, cp1251 and HTML Russian pages; the note page in
    # x.txt/ and its NUL-byte copy; the "Aktau Cargo Grows" entry on the two TCA pages.
    assert len(json.loads(indexed.stdout)) == SEED_ARTICLES + sum(case[-1] for case in CASES) - 4
    assert run_cli("articles", "--seeds", str(seeds), "--strict", data_dir=data_dir).returncode == 1


def test_oversized_file_says_its_real_size(tmp_path, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_PAGE_BYTES", 2**20)
    path = tmp_path / "big.txt"
    path.write_text("Big page\n\n" + "The Port of Aktau grew. " * 65536, encoding="utf-8")  # 1.5 MB
    page = parse_file(path, "big.txt")
    assert page.articles
    assert any(p.message == "file is 1.5 MB; only the first 1 MB were read" for p in page.problems), [
        p.message for p in page.problems
    ]


def test_decoded_text_is_the_real_text():
    """Not just a label: the words come out right, so Russian aliases still match."""
    for encoding, text in (("koi8_r", RUSSIAN), ("cp1251", RUSSIAN), ("cp1252", FRENCH), ("cp1257", LITHUANIAN)):
        decoded, _ = decoding.decode_page(text.encode(encoding), "x.txt")
        assert decoded == text, encoding


def test_shipped_encoding_pages_decode():
    page = parse_file(PAGES / "good" / "ru_cp1251.txt", "ru.txt")
    assert "КТК" in page.articles[0].title


@pytest.mark.skipif(not shutil.which("setpriv") or os.geteuid() != 0, reason="needs root and setpriv")
def test_unreadable_page_is_reported_permission_denied_not_gone(tmp_path):
    """As root every file is readable: the command runs as `nobody` on a page only root may read,
    through the index twice (first and incremental ingest) and without it. Whatever folder the clone
    lives in (root's home and `mktemp -d` are private), `nobody` runs a copy of the package and the
    geodata in a world-readable folder of its own."""
    shared = Path(tempfile.mkdtemp(prefix="corpus-perm-"))
    try:
        os.chmod(shared, 0o755)
        shutil.copytree(REPO / "dashboard", shared / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(GEODATA, shared / "geodata")
        seeds = shared / "seeds"
        shutil.copytree(SEEDS, seeds)
        (seeds / "secret.txt").write_text(NOTE_PAGE, encoding="utf-8")
        os.chmod(seeds / "secret.txt", 0o600)
        data = shared / "data"
        data.mkdir()
        os.chown(data, 65534, 65534)
        env = {
            **os.environ,
            "DASHBOARD_DATA": str(data),
            "DASHBOARD_GEODATA": str(shared / "geodata"),
            "PYTHONPATH": str(shared),
            "HOME": str(data),
        }
        env.pop("DASHBOARD_DEBUG", None)
        python = Path(os.path.realpath(sys.prefix)) / "bin" / "python"  # the venv where it really is
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(python)]
        probe = subprocess.run(
            [*nobody, "-c", "import dashboard.cli"], env=env, capture_output=True, text=True, cwd=shared
        )
        if probe.returncode:
            pytest.skip(f"`nobody` cannot run this Python and its packages here: {probe.stderr.strip()[-200:]}")
        for flags in ([], [], ["--no-index"]):
            result = subprocess.run(
                [*nobody, "-m", "dashboard", "articles", "--seeds", str(seeds), *flags],
                env=env,
                capture_output=True,
                text=True,
                cwd=data,  # outside the seeds folder: problems name the page by its full path
            )
            assert result.returncode == 0, result.stderr
            assert f"{seeds}/secret.txt: cannot be read: Permission denied" in result.stderr.splitlines()
            assert len(json.loads(result.stdout)) == SEED_ARTICLES
    finally:
        shutil.rmtree(shared, ignore_errors=True)


# --- what the reader makes of a page (issue 27): in-process, one page each ---------------------------

STEPPE = (PAGES / "articles" / "steppe_herald_cpc.html").read_text(encoding="utf-8")
STEPPE_TITLE = "CPC cuts loadings at Novorossiysk after mooring damage"
BODY = (
    "<p>The Port of Aktau handled more cargo this month, officials said on Monday in a statement.</p>"
    "<p>Ferries to Baku ran every day and the container terminal was busy all week long.</p>"
)


def article_page(body: str, head: str = "<title>Aktau Port Grows</title>") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def edm_listing(category: str, lines: str) -> str:
    return f"Categories\n{category}\n\nAktau Port Grows\n\n{lines}\n"


@dataclass(frozen=True)
class Read:
    """One page and what its first article must be (None: not checked)."""

    name: str
    file: str
    data: bytes | str
    title: str | None = None
    source: str | None = None
    published: str | None = "unchecked"
    seen: str | None = "unchecked"
    has: tuple[str, ...] = ()  # in the article's text
    lacks: tuple[str, ...] = ()  # not in the text
    starts: str | None = None  # the text's start
    problem: str | None = None  # a problem naming the file holds this
    no_problem: str | None = None  # no problem holds this
    articles: int = 1


READS = [
    Read(  # the lead saw it: the title attribute is cut at the quote, the <h1> is whole
        "formula headline with quotes",
        "formula.html",
        STEPPE.replace(STEPPE_TITLE, '=HYPERLINK("http://x","y") CPC'),
        title='=HYPERLINK("http://x","y") CPC',
    ),
    Read(
        "site name starting with @",
        "at.html",
        STEPPE.replace("The Steppe Herald", "@SteppeHerald"),
        source="@SteppeHerald",
    ),
    Read(  # 27.5: uncaught UnicodeError, exit 3
        "charset undefined and a byte that is not UTF-8",
        "undefined.html",
        article_page(
            "<h1>Aktau Port Grows</h1>" + BODY.replace("week", "w\xe9ek"), '<meta charset="undefined">'
        ).encode("latin-1"),
        title="Aktau Port Grows",
        has=("wéek",),
        problem="not UTF-8; decoded as",
    ),
    Read(  # 27.10: read as UTF-16 garbage
        "UTF-32 with a byte-order mark",
        "utf32.txt",
        codecs.BOM_UTF32_LE + NOTE_PAGE.encode("utf-32-le"),
        title="Weekly shipping notes",
        has=("Port of Poti",),
    ),
    Read(  # 27.10: read as 2001-01-15
        "year 0001",
        "tca_0001.txt",
        tca_page("15 January 0001", ["Aktau Cargo Grows"]),
        seen=None,
        problem="'15 January 0001' is outside the years 1800\u20132199",
    ),
    Read(
        "control character in a text page",
        "control.txt",
        NOTE_PAGE.replace("Poti", "Po\x01ti"),
        has=("Port of Poti",),
        problem="1 control character(s) removed from the text",
    ),
    Read(  # 27.9: exponential backtracking (25 lines: 20 s; 40: never finishes)
        "40 comment lines before the text",
        "comments.html",
        "".join(f"<!-- saved {i} -->\n" for i in range(40)) + article_page("<h1>Aktau Port Grows</h1>" + BODY),
        title="Aktau Port Grows",
    ),
    Read(  # 27.10: dropped without a word
        "text nested deeper than 255 elements",
        "deep.html",
        article_page("<h1>Aktau Port Grows</h1>" + "<div>" * 300 + BODY + "</div>" * 300),
        articles=0,
        problem="HTML nested more than 255 elements deep",
    ),
    Read(  # a date comes from a date, not from "2024-2025" in the text
        "no date but a range of years in the text",
        "range.html",
        article_page("<h1>Aktau Port Grows</h1>" + BODY.replace("this month", "under its 2024-2025 plan")),
        published=None,
    ),
    Read(
        "date stated in the text",
        "dated.html",
        article_page("<h1>Aktau Port Grows</h1><p>Published 1 March 2025</p>" + BODY),
        published="2025-03-01",
    ),
    Read(
        "Russian date line on a TCA listing",
        "tca_ru.txt",
        tca_page("28 июня 2022", ["Aktau Cargo Grows"]),
        seen="2022-06-28",
        no_problem="no listing date",
    ),
    Read(  # the second entry merged into the first
        "CACI date with an ordinal",
        "caci_ordinal.txt",
        "Bayram Balci\nFebruary 21, 2024\nKazakhstan has been a key partner for Turkey, with the Port of Aktau busy.\n"
        "By Svante Cornell\nMarch 30th, 2016, The CACI Analyst\n"
        "Georgia's pipelines carry Caspian oil to the Black Sea through Supsa and Ceyhan every day.\n",
        lacks=("Svante", "Georgia"),
        articles=2,
    ),
    Read(
        "EDM category lines South Caucasus and Oil / Natural Gas",
        "edm_categories.txt",
        edm_listing("South Caucasus", "The Port of Aktau handled more cargo this month, officials said.")
        + "\n"
        + edm_listing("Oil / Natural Gas", "The Port of Kuryk handled more cargo this month, officials said."),
        articles=2,
        no_problem="not a known category name",
    ),
    Read(
        "section label before the headline",
        "label.html",
        STEPPE.replace('<div class="kicker">ENERGY</div>', "<p>Energy</p>").replace(
            '<p class="standfirst">', f"<p>{STEPPE_TITLE}</p><p class='standfirst'>"
        ),
        starts="Kazakh exporters face delays",
    ),
    Read(
        "figure captions of an article page",
        "captions.html",
        STEPPE.replace(
            '<div class="story-body">',
            '<div class="story-body"><figure><img src="a.jpg"><figcaption>A tanker at the Port of Kuryk, where '
            "Kazakh crude is also loaded</figcaption></figure><figure><figcaption>Photo: Trend</figcaption></figure>",
        ),
        has=("A tanker at the Port of Kuryk, where Kazakh crude is also loaded.",),
        lacks=("Trend",),
    ),
    Read(
        "EDM photo line",
        "edm_photo.txt",
        edm_listing(
            "Energy",
            "Photo: Cranes at the Port of Kuryk on the Caspian. Credit: Trend\n\n"
            "The Port of Aktau handled more cargo this month, officials said.",
        ),
        has=("The Port of Aktau handled more cargo", "Cranes at the Port of Kuryk on the Caspian."),
        lacks=("Credit", "Trend"),
    ),
]


@pytest.mark.parametrize("case", READS, ids=[r.name for r in READS])
def test_the_reader_reads_what_the_page_says(case: Read, tmp_path):
    path = tmp_path / case.file
    path.write_bytes(case.data if isinstance(case.data, bytes) else case.data.encode("utf-8"))
    page = parse_file(path, case.file)
    messages = [p.message for p in page.problems]
    assert not any("a bug in the reader" in m for m in messages), messages
    assert len(page.articles) == case.articles, ([a.title for a in page.articles], messages)
    if case.problem:
        assert any(case.problem in m for m in messages), messages
    if case.no_problem:
        assert not any(case.no_problem in m for m in messages), messages
    if not page.articles:
        return
    first = page.articles[0]
    for field_name in ("title", "source"):
        if getattr(case, field_name) is not None:
            assert getattr(first, field_name) == getattr(case, field_name)
    if case.published != "unchecked":
        assert first.published == case.published
    if case.seen != "unchecked":
        assert first.sighting.seen == case.seen
    assert all(part in first.text for part in case.has), first.text
    assert not any(part in first.text for part in case.lacks), first.text
    if case.starts:
        assert first.text.startswith(case.starts), first.text[:200]


# --- pages that used to hang (issue 27.9): bounded, with room for a busy machine ---------------------


@pytest.mark.parametrize("run", ["." * 80_000, "?!" * 40_000, ". " * 40_000, "…" * 80_000])
def test_a_run_of_punctuation_is_split_in_linear_time(run):
    """80 KB of dots took 66 s in the sentence splitter."""
    from dashboard.sentences import sentence_starts

    started = time.perf_counter()
    starts = sentence_starts(f"The Port of Aktau grew. {run} Ferries ran to Baku.")
    assert time.perf_counter() - started < 1.0
    assert starts[0] == 0 and len(starts) >= 2


class _CountedText(str):
    """An article text that counts the characters its slices copy."""

    copied = 0

    def __getitem__(self, key):
        piece = str.__getitem__(self, key)
        _CountedText.copied += len(piece)
        return piece


def test_the_figures_of_a_long_article_copy_its_text_a_bounded_number_of_times():
    """An article naming the Port of Aktau in every other sentence: looking past each mention for
    words referring to it copied the whole text before it (quadratic: 13 s at 4 MB). Counted, not
    timed: the characters sliced out of the text stay within a few times its length."""
    from dashboard.figures import FigureExtractor
    from dashboard.gazetteer import load_gazetteer
    from dashboard.linking import Mention

    extractor = FigureExtractor(load_gazetteer(GEODATA).features)
    naming, referring = "The Port of Aktau handled more cargo.", " It was busy on 12 March. "
    unit, at = naming + referring, naming.index("Aktau")
    count = 2**18 // len(unit)
    mentions = [
        Mention("a" * 16, "aktau", "Aktau", n * len(unit), n * len(unit) + len(naming), naming, at, at + 5)
        for n in range(count)
    ]
    text = _CountedText(unit * count)
    _CountedText.copied = 0
    assert extractor.extract("a" * 16, text, "Cargo", mentions) == []
    assert _CountedText.copied < 10 * len(text), _CountedText.copied / len(text)
