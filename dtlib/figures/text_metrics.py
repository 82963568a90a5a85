"""Measuring text once: the size of a line of text, shared by every renderer of one kind and resolution.

Matplotlib measures each line of text (its width, height and descent) to lay a figure out and
to draw it, and keeps what it measured for one renderer *instance* only. Saving a figure as PNG,
SVG and PDF makes a new renderer for each format, and one more for each layout pass, so the same
tick label is measured again and again, and the measure is not cheap: matplotlib 3.11 shapes
text with libraqm, about 0.5 ms for a 40-letter label. The measure depends only on the kind of
renderer, its resolution, the text, its font properties and the rcParams that choose the font
file or change how glyphs are laid out (``font.*``, hinting, mathtext), so
:func:`shared_text_metrics` keeps it under those, for every figure of the process.
The figures saved are byte for byte the same (``tests/test_text_metrics.py``); saving the
pack's figures takes about a tenth less time (README, performance).
"""
from __future__ import annotations

import contextlib
import threading

import matplotlib

__all__ = ["shared_text_metrics", "METRICS_HELD"]

#: The most measures kept; past it the store is emptied and filled again.
METRICS_HELD = 20_000
#: rcParams that change a measure besides the font's own properties.
_LAYOUT_PARAMS = ("text.hinting", "text.hinting_factor", "text.kerning_factor", "text.usetex",
                  "pdf.use14corefonts", "ps.useafm", "mathtext.fontset", "mathtext.default",
                  "mathtext.fallback", "mathtext.rm", "mathtext.it", "mathtext.bf", "mathtext.sf",
                  "mathtext.tt", "mathtext.cal", "mathtext.bfit")
_PARAMS = tuple(name for name in matplotlib.rcParams
                if name.startswith("font.") or name in _LAYOUT_PARAMS)
_MEASURES: dict[tuple, tuple] = {}
_LOCK = threading.Lock()
_ACTIVE = 0


def _key(renderer, text: str, fontprop, ismath, dpi) -> tuple:
    inner = getattr(renderer, "_renderer", renderer)     # a MixedModeRenderer draws through this one
    rc = matplotlib.rcParams
    # the font a FontProperties resolves to depends on it and on the font.* rcParams (families' lists)
    params = tuple(tuple(v) if isinstance(v := rc[name], list) else v for name in _PARAMS)
    return (type(inner), getattr(inner, "dpi", None), dpi, text, fontprop.copy(), ismath, params)


@contextlib.contextmanager
def shared_text_metrics():
    """While in this block, a text measured once is not measured again by another renderer of its kind.

    Re-entrant and safe across threads; outside every such block matplotlib measures as it does
    by itself.
    """
    global _ACTIVE
    import matplotlib.text as mtext

    if not hasattr(mtext, "_get_text_metrics_with_cache"):     # pragma: no cover - another matplotlib
        yield
        return
    with _LOCK:
        _ACTIVE += 1
        if _ACTIVE == 1:
            original = mtext._get_text_metrics_with_cache

            def measure(renderer, text, fontprop, ismath, dpi):
                key = _key(renderer, text, fontprop, ismath, dpi)
                held = _MEASURES.get(key)
                if held is None:
                    held = original(renderer, text, fontprop, ismath, dpi)
                    if len(_MEASURES) >= METRICS_HELD:
                        _MEASURES.clear()
                    _MEASURES[key] = held
                return held

            measure.original = original
            mtext._get_text_metrics_with_cache = measure
    try:
        yield
    finally:
        with _LOCK:
            _ACTIVE -= 1
            if _ACTIVE == 0:
                mtext._get_text_metrics_with_cache = mtext._get_text_metrics_with_cache.original
