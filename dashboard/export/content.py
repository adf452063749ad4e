"""What a briefing shows, gathered before any layout: the slides read only from here, so they run no
query and read no clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import Frames, View
    from ..charts import Chart
    from ..digest import Digest
    from ..gazetteer import Feature, Gazetteer
    from ..newsstatus import Signal


@dataclass
class FeatureContent:
    """One feature slide's data: the feature, its counts in the view and the excerpts to quote."""

    feature: Feature
    articles: int
    mentions: int
    excerpts: list[dict]  # the chosen sentences, as `excerpts.excerpts` returns them
    sentences: int  # how many sentences in the view name the feature
    latest: pd.DataFrame | None = None  # its newest figure per measure (`bynumbers.latest_figures`)
    disagreements: pd.DataFrame | None = None  # its statements more than 5% apart (`bynumbers.disagreements`)
    figures: int = 0  # how many figures about it the view's articles state
    status: str = ""  # its status in the news (`newsstatus`), when the briefing has the event vocabulary
    signals: list[Signal] = field(default_factory=list)  # its event signals over time (the strip)


@dataclass
class BriefingContent:
    """Everything the deck and the data files are made from, for one set of filters."""

    frames: Frames
    gazetteer: Gazetteer
    view: View
    charts: dict[str, Chart]
    features: list[FeatureContent]
    generated: date
    out_dir: Path  # where the chart images were written (the deck embeds them)
    digest: Digest | None = None  # what changed in the window (the "What changed since" slide)

    def image(self, name: str) -> Path:
        return self.out_dir / f"{name}.png"
