"""Analysts' corrections to the linker: "this article is not about this feature" (reject) and "it is"
(add), kept in the reviewed file `geodata/corrections.json` so they outlive the index.

The file is a JSON list, one correction per line (clean diffs in review). A file that is not valid
JSON still yields every correction that begins on a line of its own, with one problem naming the
file and line. A file that is not valid JSON, or holds an entry that fails the schema (an extra key,
`"Reject"` capitalised, a number as a title), is never overwritten (a rewrite would drop what could
not be read: the analysts' work), so recording is refused, naming the entry, until it is fixed. Writes go to a temporary file renamed over the old one, under a lock
on the folder, so a reader never sees half a file and two writers never lose each other's entry.

This module is the file model only; `linking.apply_corrections` is the one place corrections change
what the linker found (the index and the fresh parse both call it per article, so every reader (CLI,
app, deck) sees the corrected mentions).
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jsonschema

from .errors import DashboardError, Problem

FILE_NAME = "corrections.json"
ACTIONS = ("reject", "add")

ENTRY_SCHEMA = {
    "type": "object",
    "properties": {
        "action": {"enum": list(ACTIONS)},
        "article_id": {"type": "string", "minLength": 1},
        "feature_id": {"type": "string", "minLength": 1},
        "note": {"type": "string"},
        "title": {"type": "string"},
        "recorded": {"type": "string"},
    },
    "required": ["action", "article_id", "feature_id"],
    "additionalProperties": False,
}
_ENTRY_VALIDATOR = jsonschema.Draft202012Validator(ENTRY_SCHEMA)


@dataclass(frozen=True)
class Correction:
    action: str  # "reject" or "add"
    article_id: str
    feature_id: str
    note: str = ""
    title: str = ""  # the article's title when recorded: for the reviewer, and for stale-id reports
    recorded: str = ""  # ISO 8601 UTC
    line: int | None = field(default=None, compare=False)  # where it stands in the file

    @property
    def pair(self) -> tuple[str, str]:
        return (self.article_id, self.feature_id)

    def to_dict(self) -> dict:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "line"}


@dataclass
class Corrections:
    """What the corrections file holds: the last correction per (article, feature)."""

    entries: tuple[Correction, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    label: str = f"geodata/{FILE_NAME}"
    broken: bool = False  # the file is not a readable JSON list: never overwrite it
    skipped: tuple[Problem, ...] = ()  # entries that could not be read: a rewrite would drop them

    def __post_init__(self) -> None:
        self._by_article: dict[str, dict[str, Correction]] = {}
        for entry in self.entries:
            self._by_article.setdefault(entry.article_id, {})[entry.feature_id] = entry

    def refusal(self) -> str | None:
        """Why this file must not be rewritten (one line naming the file, the entry and what is
        wrong), or None."""
        if self.broken:
            return f"{self.problems[0]} (nothing written)"
        if self.skipped:
            return f"{self.skipped[0]} (nothing written: saving would drop this entry; fix it in the file first)"
        return None

    def for_article(self, article_id: str) -> dict[str, Correction]:
        """feature id -> the correction for this article (empty for almost every article)."""
        return self._by_article.get(article_id, {})

    def state(self) -> dict[str, dict[str, str]]:
        """article id -> feature id -> action: all that changes links (notes and dates do not)."""
        return {
            article: {f: c.action for f, c in sorted(fs.items())} for article, fs in sorted(self._by_article.items())
        }

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.state(), sort_keys=True).encode()).hexdigest()[:16]

    def rejected(self, feature_id: str) -> list[Correction]:
        return [e for e in self.entries if e.feature_id == feature_id and e.action == "reject"]

    def unknown_features(self, feature_ids: Iterable[str]) -> list[Problem]:
        """Corrections naming a feature the geodata does not have (they change nothing)."""
        known = set(feature_ids)
        return [
            Problem(self.label, f"{e.action} {e.article_id}: unknown feature id {e.feature_id!r}", e.line)
            for e in self.entries
            if e.feature_id not in known
        ]

    def stale_articles(self, article_ids: Iterable[str]) -> list[Problem]:
        """Corrections for articles no page holds any more (kept: the page may come back)."""
        known = set(article_ids)
        return [
            Problem(
                self.label,
                f"{e.action} {e.article_id}{f' ({e.title!r})' if e.title else ''} for {e.feature_id!r}: "
                "no page holds this article any more",
                e.line,
                "warning",
            )
            for e in self.entries
            if e.article_id not in known
        ]


# --- reading ------------------------------------------------------------------------------------


def load(geodata_dir: Path) -> Corrections:
    """The corrections in `geodata_dir`; a missing file is an empty list."""
    path = geodata_dir / FILE_NAME
    label = f"{geodata_dir.name}/{FILE_NAME}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Corrections(label=label)
    except OSError as exc:
        return Corrections(
            problems=[Problem(label, f"cannot be read: {exc.strerror or exc}")], label=label, broken=True
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(label, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); no correction applied")
        return Corrections(problems=[problem], label=label, broken=True)
    problems: list[Problem] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        items = list(_salvaged(text))
        problems.append(
            Problem(
                label,
                f"is not valid JSON: {exc.msg} (column {exc.colno}); {len(items)} correction(s) on other lines still "
                "applied; fix the file before recording more",
                exc.lineno,
            )
        )
        broken = True
    else:
        if not isinstance(data, list):
            found = "an object" if isinstance(data, dict) else type(data).__name__
            problems.append(Problem(label, f"should be a JSON list of corrections, got {found}; no correction applied"))
            return Corrections(problems=problems, label=label, broken=True)
        items = list(_elements(text))
        broken = False
    entries: dict[tuple[str, str], Correction] = {}
    skipped: list[Problem] = []
    for line, item in items:
        entry = _entry(item, line, label, problems)
        if entry is None:
            skipped.append(problems[-1])
            continue
        if entry.pair in entries:
            problems.append(
                Problem(
                    label,
                    f"{entry.article_id} / {entry.feature_id}: corrected again (first on line {entries[entry.pair].line}); "
                    "the later one counts",
                    line,
                    "warning",
                )
            )
            del entries[entry.pair]
        entries[entry.pair] = entry
    return Corrections(tuple(entries.values()), problems, label, broken, tuple(skipped))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _elements(text: str) -> Iterator[tuple[int, object]]:
    """The items of a valid JSON list, each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    while True:
        while text[position] in " \t\r\n,":
            position += 1
        if text[position] == "]":
            return
        item, end = decoder.raw_decode(text, position)
        yield _line_of(text, position), item
        position = end


def _salvaged(text: str) -> Iterator[tuple[int, object]]:
    """From a broken file: every JSON object that starts a line and decodes on its own."""
    decoder = json.JSONDecoder()
    offset, resume = 0, 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line)
        if start < resume or not line.lstrip().startswith("{"):
            continue
        try:
            item, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            continue
        resume = end
        yield number, item


def _entry(item, line: int, label: str, problems: list[Problem]) -> Correction | None:
    errors = sorted(_ENTRY_VALIDATOR.iter_errors(item), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path)
        problems.append(Problem(label, f"correction skipped: {where + ': ' if where else ''}{errors[0].message}", line))
        return None
    return Correction(**item, line=line)


# --- writing ------------------------------------------------------------------------------------


def why_not_writable(geodata_dir: Path) -> str | None:
    """Why a correction cannot be recorded in `geodata_dir` now, or None if it can."""
    if not geodata_dir.is_dir():
        return f"{geodata_dir}: geodata folder not found"
    try:
        with tempfile.NamedTemporaryFile(dir=geodata_dir, prefix=".corrections.", suffix=".probe"):
            pass
    except OSError as exc:
        return f"{geodata_dir}: the geodata folder is not writable ({exc.strerror or exc})"
    return load(geodata_dir).refusal()


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(geodata_dir: Path, correction: Correction) -> Corrections:
    """Add a correction (replacing any earlier one for the same article and feature) and save."""
    with _locked(geodata_dir):
        current = _loaded_for_writing(geodata_dir)
        kept = [e for e in current.entries if e.pair != correction.pair]
        _save(geodata_dir, [*kept, correction])
    return load(geodata_dir)


def undo(geodata_dir: Path, article_id: str, feature_id: str) -> bool:
    """Remove the correction for this article and feature; False if there was none."""
    with _locked(geodata_dir):
        current = _loaded_for_writing(geodata_dir)
        kept = [e for e in current.entries if e.pair != (article_id, feature_id)]
        if len(kept) == len(current.entries):
            return False
        _save(geodata_dir, kept)
    return True


def _loaded_for_writing(geodata_dir: Path) -> Corrections:
    current = load(geodata_dir)
    refusal = current.refusal()
    if refusal:
        raise DashboardError(refusal)
    return current


@contextmanager
def _locked(geodata_dir: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file to commit or clean up)."""
    if not geodata_dir.is_dir():
        raise DashboardError(f"{geodata_dir}: geodata folder not found")
    handle = os.open(geodata_dir, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def render(entries: Iterable[Correction]) -> str:
    lines = [json.dumps(e.to_dict(), ensure_ascii=False) for e in entries]
    return "[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"


def _save(geodata_dir: Path, entries: list[Correction]) -> None:
    path = geodata_dir / FILE_NAME
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    try:
        handle, temporary = tempfile.mkstemp(dir=geodata_dir, prefix=".corrections.", suffix=".tmp")
    except OSError as exc:
        raise DashboardError(
            f"{geodata_dir}: cannot write corrections ({exc.strerror or exc}); nothing written"
        ) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(render(entries))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DashboardError(f"{path}: cannot write corrections ({exc.strerror or exc}); nothing written") from exc
