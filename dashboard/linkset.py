"""What linking needs of the geodata (the features with their aliases, the analysts' corrections, the
geodata's problems), and a copy of it kept beside the index.

Loading the geodata validates every geometry with geopandas and shapely: ~0.6 s of imports and checks
before a command that found one new page can link it, or a digest can name its features. The copy is
keyed by `freshness.inputs_stamp` (every file of the geodata folder and of this package), so any edit
to a route, an alias, a correction or the code reads the geodata again; the map and the exports, which
need the geometries, always do (`gazetteer.load_gazetteer`). The copy is a pickle in the data folder,
trusted as the index next to it is: whoever can write there can change what every command reads.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import corrections as corrections_file
from .errors import Problem
from .features import Alias, Feature, link_signature
from .freshness import inputs_stamp
from .settings import data_dir


@dataclass
class LinkSet:
    features: list[Feature]
    problems: list[Problem]
    corrections: corrections_file.Corrections = field(default_factory=corrections_file.Corrections)
    inputs: str = ""  # `freshness.inputs_stamp` of the files it was loaded from, taken before reading them
    geodata: Path | None = None  # the folder it was loaded from (its events.json tags the records at ingest)

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.features}

    @property
    def aliases(self) -> list[Alias]:
        return [alias for feature in self.features for alias in feature.aliases]

    @property
    def routes(self) -> list[Feature]:
        return [f for f in self.features if f.is_route]

    @property
    def ports(self) -> list[Feature]:
        return [f for f in self.features if not f.is_route]

    def alias_signature(self) -> str:
        """Changes whenever anything that can change a link changes (see `link_signature`)."""
        return link_signature(self.features)

    def linking_part(self) -> LinkSet:
        """Only what linking needs (a `Gazetteer` without its geometries and base map)."""
        return LinkSet(self.features, self.problems, self.corrections, self.inputs, self.geodata)


def load_linkset(geodata_dir: Path, load_geodata: Callable[[], LinkSet], cache_dir: Path | None = None) -> LinkSet:
    """The geodata's linking part: from the copy beside the index when it was made from these very
    files, else `load_geodata()`'s (`gazetteer.load_gazetteer`, then copied there). A copy that cannot
    be read or written is only a slower load."""
    stamp = inputs_stamp(geodata_dir)
    path = _copy_path(geodata_dir, cache_dir)
    try:
        with open(path, "rb") as handle:
            kept_stamp, kept = pickle.load(handle)
        if kept_stamp == stamp and isinstance(kept, LinkSet):
            return kept
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
    ):
        pass  # no copy yet, a damaged one, or one from another version of the code: read the geodata
    linkset = load_geodata().linking_part()
    if linkset.inputs == stamp:  # nothing changed while it was read
        _keep(path, (stamp, linkset))
    return linkset


def _copy_path(geodata_dir: Path, cache_dir: Path | None) -> Path:
    folder = hashlib.sha1(str(geodata_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return data_dir(cache_dir) / f"linkset-{folder}.pickle"


def _keep(path: Path, value: tuple) -> None:
    """Write the copy whole or not at all (a reader never sees half of it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".linkset-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only data folder: the geodata is read each time
