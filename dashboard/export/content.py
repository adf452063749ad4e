"""What a briefing shows, gathered before any layout: the slides read only from here, so they run no
query and read no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis import Frames, View
    from ..charts import Chart
    from ..digest import Digest
    from ..gazetteer import Feature, Gazetteer


@dataclass
class FeatureContent:
    """One feature slide's data: the feature, its counts in the view and the excerpts to quote."""

    feature: Feature
    articles: int
    mentions: int
    excerpts: list[dict]  # the chosen sentences, as `analysis.excerpts` returns them
    sentences: int  # how many sentences in the view name the feature


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
