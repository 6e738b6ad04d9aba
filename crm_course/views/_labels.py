"""Point labels that never overlap: placed when the figure is drawn, with the final layout.

Hand code, because no kept library does it (adjustText is not a dependency and iterates a
force simulation): each label sits on its point if it fits, else at the first free spot on
growing rings around it, in a fixed order, so the same data always gives the same picture.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform, ScaledTranslation

__all__ = ["PointLabels"]

# Directions tried on every ring, nearest to the point first: up, down, right, left, then diagonals.
_DIRECTIONS = np.array([(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)], dtype=float)
_RINGS = 12
_RING = np.repeat(np.arange(_RINGS), len(_DIRECTIONS))[:, None]  # ring number of every candidate
_WAY = np.tile(_DIRECTIONS, (_RINGS, 1))  # direction of every candidate
_PAD = 1.5  # pixels kept free around every label


class PointLabels(Artist):
    """Labels for points in data coordinates, kept apart from each other and from ``obstacles``.

    ``order`` lists the positions in ``points`` to place first (they get the best spots).
    ``radii`` (points, e.g. of scatter markers) keeps a label that does not fit inside its
    marker beside it instead of over it. A label moved off its point gets a thin leader line
    back to it (made only for the labels that moved). ``texts`` are plain
    :class:`~matplotlib.text.Text` objects (read their text, font and final extent).
    """

    def __init__(self, ax, points, labels, *, radii=None, order=None, obstacles=(), fontsize=10, color="black",
                 zorder=3):
        super().__init__()
        self.axes = ax
        self.set_figure(ax.figure)
        self.set_zorder(zorder)
        self.points = np.asarray(points, dtype=float).reshape(-1, 2)
        self.order = list(range(len(self.points))) if order is None else list(order)
        self.radii = np.zeros(len(self.points)) if radii is None else np.broadcast_to(radii, len(self.points))
        self.obstacles = list(obstacles)
        self.texts = []
        self.leaders = {}  # position -> Line2D, for the labels moved off their point
        self._placed_for = None  # the layout the labels were last placed for
        for (x, y), label in zip(self.points, labels):
            item = Text(x, y, str(label), fontsize=fontsize, color=color, ha="center", va="center")
            item.set_figure(ax.figure)
            item.set_transform(ax.transData)
            self.texts.append(item)

    def get_children(self):
        return [*self.texts, *self.leaders.values()]

    def _leader(self, i: int) -> Line2D:
        if i not in self.leaders:
            line = self.leaders[i] = Line2D([], [], color="#525252", linewidth=0.8, transform=IdentityTransform())
            line.set_figure(self.figure)
        return self.leaders[i]

    def _place(self, renderer) -> None:
        """Set every label's offset for this renderer (pixels), nearest free spot first."""
        frame = self.axes.bbox
        layout = (renderer.points_to_pixels(72.0), *frame.extents,
                  *self.axes.transData.transform([(0.0, 0.0), (1.0, 1.0)]).ravel())
        if layout == self._placed_for:
            return  # drawn again with the same layout (e.g. after the layout engine's pass)
        self._placed_for = layout
        taken = [o.get_window_extent(renderer).padded(3) for o in self.obstacles if o.get_visible()]
        boxes = np.array([b.extents for b in taken]).reshape(-1, 4)
        per_point = renderer.points_to_pixels(1.0)
        for i in self.order:
            item = self.texts[i]
            item.set_transform(self.axes.transData)
            base = item.get_window_extent(renderer).padded(_PAD).extents
            width, height = base[2] - base[0], base[3] - base[1]
            radius = self.radii[i] * per_point
            reach = np.array([radius + 0.5 * width, radius + 0.5 * height]) + _RING * [0.55 * width, 0.7 * height]
            fits = 2 * radius >= 0.9 * width  # the label fits inside its marker
            shifts = np.concatenate([np.zeros((1 if fits else 0, 2)), _WAY * reach])
            candidates = base + np.hstack([shifts, shifts])
            inside = ((candidates[:, 0] >= frame.x0) & (candidates[:, 2] <= frame.x1)
                      & (candidates[:, 1] >= frame.y0) & (candidates[:, 3] <= frame.y1))
            overlap = ((candidates[:, None, 0] < boxes[None, :, 2]) & (boxes[None, :, 0] < candidates[:, None, 2])
                       & (candidates[:, None, 1] < boxes[None, :, 3]) & (boxes[None, :, 1] < candidates[:, None, 3]))
            clash = overlap.sum(axis=1) + (~inside) * len(boxes) + (~inside)
            best = int(np.argmin(clash))  # the first free spot, else the least crowded one
            dx, dy = shifts[best]
            item.set_transform(self.axes.transData + ScaledTranslation(dx / per_point / 72, dy / per_point / 72,
                                                                      self.figure.dpi_scale_trans))
            boxes = np.vstack([boxes, candidates[best]])
            centre = self.axes.transData.transform(self.points[i])
            # The leader runs from the marker's edge to the label's edge.
            distance = np.hypot(dx, dy)
            if distance:
                gap = min(0.5 * width / abs(dx) if dx else np.inf, 0.5 * height / abs(dy) if dy else np.inf)
                ends = np.array([radius / distance, 1 - gap])
                self._leader(i).set_data(centre[0] + dx * ends, centre[1] + dy * ends)
            if i in self.leaders:
                self.leaders[i].set_visible(bool(distance) and ends[1] > ends[0])

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        self._place(renderer)
        for line in self.leaders.values():
            line.draw(renderer)
        for item in self.texts:
            item.draw(renderer)
        self.stale = False
