"""Phone renderings: each figure drawn again for a phone's width, so that its words can be read there.

A figure is drawn :data:`~dtlib.figures.figure_files.FIGURE_WIDTH` (10 in) wide. A 390-px phone shows it
about 366 px wide, where its 8.5-pt labels are 4 px tall: shrinking the PNG, or serving the
SVG, keeps them that small. The phone rendering is the same chart drawn again
:data:`PHONE_WIDTH` (4.2 in) wide, laid out for that width (panels stacked rather than side by
side, a row's name above its bars or cells rather than beside them), and saved as
``phone/<name>.png``. The front page shows it on a narrow screen at :data:`PX_PER_INCH` CSS
pixels an inch, so a point of text is about 1.2 px: the labels read at 10 px, the title at 14.

How a chart is drawn again: a chart function decorated with :func:`redrawable` notes on the
figure it makes how it was called; :func:`phone_rendering` calls it again inside
:func:`drawn_at` (``PHONE_WIDTH``), where :func:`figure_width` gives the width to draw at and
:func:`narrow` says to lay out for a phone. A chart whose content cannot be narrower (a grid of
many columns) may draw wider than ``PHONE_WIDTH``: the page lets it scroll sideways, at the
same legible size.

>>> with drawn_at(PHONE_WIDTH):     # doctest: +SKIP
...     narrow(), figure_width()
(True, 4.2)
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from matplotlib.figure import Figure

from .figure_files import FIGURE_WIDTH

__all__ = ["PHONE_WIDTH", "PHONE_DIR", "PX_PER_INCH", "NARROW_BELOW", "MIN_PHONE_POINTS", "figure_width", "narrow",
           "drawn_at", "redrawable", "phone_rendering"]

#: Width of a phone rendering, in inches.
PHONE_WIDTH = 4.2
#: The pack's folder of phone renderings (``phone/<name>.png``).
PHONE_DIR = "phone"
#: CSS pixels an inch of a phone rendering takes on the front page: 4.3 in (the width saved, with
#: its margin) fill the 366 px a 390-px phone gives a figure.
PX_PER_INCH = 85
#: A figure drawn narrower than this (inches) is laid out for a phone (:func:`narrow`).
NARROW_BELOW = 6.0
#: The smallest text of a phone rendering, in points (8.3 px at :data:`PX_PER_INCH`): the source line.
MIN_PHONE_POINTS = 7.0

_WIDTH: ContextVar[float] = ContextVar("dtlib_figure_width", default=FIGURE_WIDTH)
_RECIPE = "_dtlib_redraw"


def figure_width() -> float:
    """The width, in inches, a chart function draws at: :data:`FIGURE_WIDTH`, or the width of
    :func:`drawn_at`."""
    return _WIDTH.get()


def narrow() -> bool:
    """Whether the chart being drawn is laid out for a phone (drawn narrower than :data:`NARROW_BELOW`)."""
    return figure_width() < NARROW_BELOW


@contextmanager
def drawn_at(width: float) -> Iterator[None]:
    """Within the block, chart functions draw ``width`` inches wide (:func:`figure_width`)."""
    token = _WIDTH.set(float(width))
    try:
        yield
    finally:
        _WIDTH.reset(token)


def redrawable(chart: Callable) -> Callable:
    """Decorate a chart function so that the figure it makes can be drawn again for a phone.

    The function returns an ``Axes`` or a ``Figure``. When it makes its own figure (no ``ax``
    given) at the full width, the figure keeps the call (the function and its arguments) for
    :func:`phone_rendering`. A chart drawn into an axes it was given belongs to the figure of
    whoever gave it: that function is the one to decorate.
    """
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        drawn = chart(*args, **kwargs)
        fig = drawn if isinstance(drawn, Figure) else getattr(drawn, "figure", None)
        if isinstance(fig, Figure) and kwargs.get("ax") is None and not narrow():
            setattr(fig, _RECIPE, functools.partial(chart, *args, **kwargs))
        return drawn

    return draw


def phone_rendering(fig: Figure, width: float = PHONE_WIDTH) -> Figure | None:
    """``fig``'s chart drawn again ``width`` inches wide and laid out for a phone; ``None`` when ``fig``
    was not made by a :func:`redrawable` chart function.

    The new figure is not finished: give it the title and source line of ``fig``
    (:func:`dtlib.figures.style.finish`), save it, and close it.

    Parameters
    ----------
    fig
        A figure a redrawable chart function made.
    width
        The width to draw at, in inches.

    Returns
    -------
    Figure or None
        The phone rendering, a new figure; ``fig`` is unchanged.
    """
    recipe = getattr(fig, _RECIPE, None)
    if recipe is None:
        return None
    with drawn_at(width):
        drawn = recipe()
    return drawn if isinstance(drawn, Figure) else drawn.figure


# ------------------------------------------------------------------ the phone layout's helpers

def name_rows(ax, rows, labels, *, va: str = "center", fontsize: float = 8.5, weight: str = "bold",
              colour: str = "#222222") -> None:
    """Write each of ``labels`` from the left edge of ``ax`` at the height ``rows`` (data coordinates):
    on a phone, a row's name goes above its bars or cells, there being no room for it beside them.

    The axes lose their y tick labels; each name is a text of gid ``heading``.
    """
    ax.set_yticks([])
    for y, label in zip(rows, labels):
        ax.text(0, y, label, transform=ax.get_yaxis_transform(), ha="left", va=va, fontsize=fontsize,
                fontweight=weight, color=colour, gid="heading", clip_on=False)


def chars_across(width: float, fontsize: float = 8.5) -> int:
    """About how many characters of ``fontsize`` points (bold) fit across a figure ``width`` inches wide,
    less its margins."""
    return max(12, int((width - 0.45) * 72 / (fontsize * 0.62)))
