"""Drawing crowded features apart at the map's default view, where the Caucasus is a few dozen pixels
wide: routes that run together are shifted sideways into lanes, markers that overlap are pushed apart
(the map draws a leader line back to each true point), port labels go where they overlap nothing.

Everything works in web-Mercator "degrees" (x = longitude, y = the Mercator ordinate in degrees), in
which one screen pixel is the same distance both ways, so a pixel at the reference scale is one
number: `px` degrees.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import shapely

PARALLEL = 0.85  # |cos| of the angle under which two nearby routes count as running together


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


def _tangents(points: np.ndarray) -> np.ndarray:
    """Unit directions along a line, all turned to point east (or north), so that two routes drawn in
    opposite directions agree on which side is 'left'."""
    if len(points) < 2:
        return np.tile([1.0, 0.0], (len(points), 1))
    d = np.gradient(points, axis=0)
    d /= np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-12)[:, None]
    flip = (d[:, 0] < 0) | ((d[:, 0] == 0) & (d[:, 1] < 0))
    d[flip] *= -1
    return d


def _smooth(values: np.ndarray, window: int) -> np.ndarray:
    if len(values) < 3:
        return values
    padded = np.pad(values, window // 2, mode="edge")
    return np.convolve(padded, np.ones(window) / window, mode="valid")[: len(values)]


def side_by_side(
    routes: list[list[np.ndarray]], step: float, spacing: float, iterations: int = 60
) -> list[list[np.ndarray]]:
    """Each route's lines (Mercator), resampled every `step`, then pushed sideways wherever another
    route runs alongside closer than `spacing`, until they lie side by side (routes that cross are
    left alone), in the routes' order, so a bundle keeps one order along its way."""
    lines = [[resample(line, step) for line in route] for route in routes]
    flat = [(r, line) for r, route in enumerate(lines) for line in route]
    if not flat:
        return lines
    base = np.concatenate([line for _, line in flat])
    owner = np.concatenate([np.full(len(line), r) for r, line in flat])
    tangents = np.concatenate([_tangents(line) for _, line in flat])
    normals = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    bounds = np.cumsum([0] + [len(line) for _, line in flat])
    offset = np.zeros(len(base))
    for _ in range(iterations):
        now = base + normals * offset[:, None]
        tree = shapely.STRtree(shapely.points(now))
        left, right = tree.query(shapely.points(now), predicate="dwithin", distance=spacing * 0.98)
        keep = (owner[left] != owner[right]) & (np.abs((tangents[left] * tangents[right]).sum(axis=1)) > PARALLEL)
        left, right = left[keep], right[keep]
        if not len(left):
            break
        # The route earlier in the order keeps to the right of the other (a consistent side, so
        # lines that weave across each other are parted too): push until a lane apart that way.
        side = np.where(owner[left] < owner[right], -1.0, 1.0)
        ahead = ((now[left] - now[right]) * normals[left]).sum(axis=1) * side
        gap = np.clip(spacing - ahead, 0, None)
        push = np.zeros(len(base))
        count = np.zeros(len(base))
        np.add.at(push, left, side * gap / 2)
        np.add.at(count, left, 1)
        offset += push / np.maximum(count, 1)
        for start, end in itertools.pairwise(bounds):
            offset[start:end] = _smooth(offset[start:end], 5)
    shifted: list[list[np.ndarray]] = [[] for _ in lines]
    for k, (r, line) in enumerate(flat):
        start, end = bounds[k], bounds[k + 1]
        shifted[r].append(line + normals[start:end] * offset[start:end, None])
    return shifted


def spread(points: np.ndarray, radii: np.ndarray, gap: float, iterations: int = 400) -> np.ndarray:
    """Marker centres moved apart until no two discs (plus `gap`) overlap, each as little as needed;
    markers that overlap nothing stay where they are."""
    moved = points.astype(float).copy()
    n = len(moved)
    for _ in range(iterations):
        clear = True
        for i in range(n):
            for j in range(i + 1, n):
                delta = moved[j] - moved[i]
                distance = float(np.hypot(*delta))
                need = radii[i] + radii[j] + gap
                if distance >= need:
                    continue
                clear = False
                if distance < 1e-9:  # on the same spot: part them along a fixed, index-based angle
                    angle = 2.4 * (i + j)
                    delta, distance = np.array([math.cos(angle), math.sin(angle)]), 1.0
                push = delta / distance * (need - distance) / 2 * 1.05
                moved[i] -= push
                moved[j] += push
        if clear:
            break
    return moved


LABEL_SIDES = (  # plotly textposition, and where the label's box sits relative to the marker
    ("middle right", (1, 0)),
    ("middle left", (-1, 0)),
    ("top center", (0, 1)),
    ("bottom center", (0, -1)),
)


def place_labels(
    centres: np.ndarray,
    radii: np.ndarray,
    sizes: list[tuple[float, float]],
    order: list[int],
    preferred: list[str],
    obstacles: list[tuple[float, float, float]] = (),
) -> list[str | None]:
    """A text position for each marker's label (in pixels, y up) that overlaps no marker, no other
    disc in `obstacles` (x, y, radius) and no label placed before it, trying the feature's preferred
    side first; None where no side is free."""
    discs = [(c[0], c[1], r) for c, r in zip(centres, radii, strict=True)] + list(obstacles)
    taken = [(x - r, y - r, x + r, y + r) for x, y, r in discs]
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
            if free(box, i):
                placed[i] = position
                taken.append(box)
                break
    return placed
