"""Finding the page files under the seeds folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageFile:
    path: str
    name: str  # relative to the seeds folder, with "/"
    size: int
    mtime_ns: int


def page_files(seeds_dir: Path) -> list[PageFile]:
    """Every non-hidden regular file under the seeds folder, with its name relative to it.

    `os.scandir`, not `rglob`: at 20,000 pages pathlib's objects took ~0.9 s of every ingest, even
    when nothing had changed. Sorted by path components."""
    found: list[PageFile] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue  # gone since it was listed
                    found.append(PageFile(entry.path, prefix + entry.name, stat.st_size, stat.st_mtime_ns))

    walk(str(seeds_dir), "")
    found.sort(key=lambda page: page.name.split("/"))
    return found
