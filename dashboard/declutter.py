"""Labels that overprint nothing: each port label goes on the first side of its marker where it
overlaps no marker, mark or label placed before it; and the Mercator arithmetic the map's panels use.

Everything works in web-Mercator "degrees" (x = longitude, y = the Mercator ordinate in degrees), in
which one screen pixel is the same distance both ways, so a pixel at a panel's scale is one number.
"""

from __future__ import annotations

import itertools
import math

import numpy as np


def to_mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    return np.asarray(lon, dtype=float), np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def from_mercator(x, y) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(x, dtype=float), np.degrees(2 * np.arctan(np.exp(np.radians(np.asarray(y)))) - np.pi / 2)


def resample(line: np.ndarray, step: float) -> np.ndarray:
    """Points every `step` along a polyline (vertices kept), straight in the map's projection, so that
    a line drawn through them is the line on screen and each point is a click target on its stroke."""
    out = [line[:1]]
    for a, b in itertools.pairwise(line):
        parts = max(1, math.ceil(float(np.hypot(*(b - a))) / step))
        t = np.arange(1, parts + 1)[:, None] / parts
        out.append(a + (b - a) * t)
    return np.concatenate(out)


LABEL_SIDES = (  # plotly textposition, and where the label's box sits relative to the marker
    ("middle right", (1, 0)),
    ("middle left", (-1, 0)),
    ("top center", (0, 1)),
    ("bottom center", (0, -1)),
    ("top right", (1, 1)),
    ("top left", (-1, 1)),
    ("bottom right", (1, -1)),
    ("bottom left", (-1, -1)),
)


def place_labels(
    centres: np.ndarray,
    radii: np.ndarray,
    sizes: list[tuple[float, float]],
    order: list[int],
    preferred: list[str],
    obstacles: list[tuple[float, float, float]] = (),
    blocked: list[tuple[float, float, float, float]] = (),
    within: tuple[float, float, float, float] | None = None,
) -> list[str | None]:
    """A text position for each marker's label (in pixels, y up) that overlaps no marker, no other
    disc in `obstacles` (x, y, radius), no box in `blocked` (x0, y0, x1, y1) and no label placed
    before it, and lies inside `within` (the panel), trying the feature's preferred side first; None
    where no side is free."""
    discs = [(c[0], c[1], r) for c, r in zip(centres, radii, strict=True)] + list(obstacles)
    taken = [(x - r, y - r, x + r, y + r) for x, y, r in discs] + list(blocked)
    placed: list[str | None] = [None] * len(centres)

    def free(box, own: int) -> bool:
        return all(
            box[2] <= o[0] or box[0] >= o[2] or box[3] <= o[1] or box[1] >= o[3]
            for k, o in enumerate(taken)
            if k != own
        )

    for i in order:
        (x, y), r, (w, h) = centres[i], radii[i], sizes[i]
        sides = sorted(LABEL_SIDES, key=lambda side: side[0] != preferred[i])
        for position, (dx, dy) in sides:
            cx = x + dx * (r + 3 + w / 2)
            cy = y + dy * (r + 2 + h / 2)
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            inside = within is None or (
                box[0] >= within[0] and box[1] >= within[1] and box[2] <= within[2] and box[3] <= within[3]
            )
            if inside and free(box, i):
                placed[i] = position
                taken.append(box)
                break
    return placed
