"""Figure text the figure's font can draw: a character it lacks is drawn as one visible placeholder.

The figures are drawn in DejaVu Sans, which ships with matplotlib and has every Vietnamese and
English letter, but no emoji and no Chinese, Japanese or Korean characters. Text from the data
(a publisher, a title, a unit's name) may hold them; matplotlib would draw each as an empty box
and warn once per character and per drawing ("Glyph … missing from font(s) DejaVu Sans"), and
the warnings would show in the notebook pages. No other font is at hand on every machine that
builds a pack (and one would have to travel inside every SVG and PDF), so each run of characters
the font lacks is replaced, in what is drawn only, by one :data:`PLACEHOLDER` (U+FFFD, the
replacement character, which the font has). The figure's CSV and JSON keep the text as it is.

:meth:`dtlib.briefing.notebook.Run.figure` replaces them in the chart (:func:`replace_missing_glyphs`) and in
the title, subtitle and source line (:func:`drawable`) before the figure is laid out, the first
time matplotlib measures its text. A chart that measures its own labels while it is drawn (before
``Run.figure``) may still warn about a unit's or an indicator's name; a publisher, a title or a
note reaches a figure through its source line only.
"""
from __future__ import annotations

import functools
import re
from .font_subsets import FONT_FILES

__all__ = ["PLACEHOLDER", "drawable", "replace_missing_glyphs"]

#: What a run of characters the font cannot draw is drawn as: "�".
PLACEHOLDER = "\ufffd"

#: Characters that are not drawn as glyphs: line breaks.
_NOT_DRAWN = frozenset("\n")


@functools.lru_cache(maxsize=16)
def _charmap(font_path: str | None = None) -> frozenset[int]:
    """The code points the font file at ``font_path`` has a glyph for; ``None``: those every face of the
    figures' font has (:data:`dtlib.figures.font_subsets.FONT_FILES`: regular, bold, italic, bold italic)."""
    import os

    import matplotlib
    from matplotlib import ft2font

    if font_path is not None:
        return frozenset(ft2font.FT2Font(font_path).get_charmap())

    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    return frozenset.intersection(*(_charmap(os.path.join(folder, name)) for name in FONT_FILES.values()))


def drawable(text: str, font_path: str | None = None) -> str:
    """``text`` with each run of characters the font lacks replaced by one :data:`PLACEHOLDER`.

    ``font_path``: the font file; default: every face of the figures' font (:func:`_charmap`).

    >>> drawable("Báo X 🚀🚀 中文 𝕏")
    'Báo X � � 𝕏'
    """
    if text.isascii():
        return text
    have = _charmap(font_path)
    missing = [ch for ch in set(text) if ord(ch) not in have and ch not in _NOT_DRAWN]
    if not missing:
        return text
    runs = re.compile("[" + "".join(re.escape(ch) for ch in sorted(missing)) + "]+")
    return runs.sub(PLACEHOLDER, text)


def replace_missing_glyphs(fig) -> int:
    """Replace, in every text of ``fig`` (titles, labels, ticks, legends, annotations), what the font
    cannot draw (:func:`drawable`); return how many texts changed."""
    from matplotlib.text import Text

    changed = 0
    for ax in fig.axes:     # tick labels, which each drawing writes again from the axis' formatter
        for axis in (ax.xaxis, ax.yaxis):
            for minor in (False, True):
                changed += _tick_labels(axis, minor)
    for artist in fig.findobj(Text):
        text = artist.get_text()
        shown = drawable(text)
        if shown != text:
            artist.set_text(shown)
            changed += 1
    return changed


def _tick_labels(axis, minor: bool) -> int:
    """Have ``axis``' formatter give labels the font can draw, if one of its labels now cannot; return
    how many labels change. A formatter whose labels the font draws is left as it is."""
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    labels = [label.get_text() for label in axis.get_ticklabels(minor=minor)]
    changed = sum(drawable(label) != label for label in labels)
    if not changed:
        return 0
    formatter = axis.get_minor_formatter() if minor else axis.get_major_formatter()
    if isinstance(formatter, FixedFormatter):
        formatter.seq = [drawable(str(label)) for label in formatter.seq]
    else:
        original = formatter.func if isinstance(formatter, FuncFormatter) else formatter
        shown = FuncFormatter(lambda x, pos=None: drawable(str(original(x, pos))))
        (axis.set_minor_formatter if minor else axis.set_major_formatter)(shown)
    return changed
