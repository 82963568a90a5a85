"""The house figure style: theme, number and date formats, titles, source lines, saving.

One theme (:func:`theme_rc`): seaborn's "ticks" style and "paper" context with the house
settings over them (the font, which ships with matplotlib and has every Vietnamese letter;
the Okabe–Ito palette, safe for the common colour-vision deficiencies; sizes; 200 dpi; text
kept as text in SVG, TrueType in PDF). :func:`theme` applies it inside a ``with`` block only,
so tests and other code do not inherit it; :func:`set_theme` applies it for the whole
process (a notebook calls it once).

Every word put on a figure comes from :mod:`dtlib.words.messages` in the language in use
(:func:`dtlib.words.i18n.language`), numbers and dates through :mod:`dtlib.words.i18n`. :func:`finish`
puts a title that says what and when and a source line built from ``sources.csv`` on a
figure; :func:`save_figure` writes it as PNG, SVG and PDF beside the CSV of the data it draws,
and its phone rendering (:mod:`dtlib.figures.phone`) as ``phone/<name>.png``. Chart functions draw at
:func:`dtlib.figures.phone.figure_width` (:func:`panels`, :func:`_new_ax`), so that the same chart can
be drawn again for a phone.

Sizes (see :mod:`dtlib.figures.figure_files`): every figure is 10 in wide; a slide figure is at most
5.6 in tall (a 16:9 slide's content area at its own size, an A4 text block scaled to 6.7 in);
a taller one (a heat-map of many rows) keeps within the A4 text block's proportions (at most
14.5 in at 10 in wide). :func:`save_figure` warns when a figure fits neither and records
where it fits (``"fits"``) in its JSON.
"""
from __future__ import annotations

import json
import os
import re
import sys
import textwrap
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

import matplotlib

if "matplotlib.pyplot" not in sys.modules and "MPLBACKEND" not in os.environ and "ipykernel" not in sys.modules:
    matplotlib.use("Agg")  # headless by default; a notebook kernel keeps its inline backend

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..words import i18n  # noqa: E402
from .colours import GREY, LIGHT_GREY, NATION, OKABE_ITO, PALETTE, STATUS_COLOURS, TRACK, unit_colour, unit_colours
from ..data.dataset import Dataset  # noqa: E402
from ..words.formats import STATUS_SHORT, format_value, status_label, status_short  # noqa: E402,F401 - re-exported
from .figure_files import FIGURE_WIDTH, PNG_DPI, check_size, drawn_texts, fits, save_atomic, saved_box  # noqa: E402
from ..data.text import source_ids  # noqa: E402
from .text_metrics import shared_text_metrics  # noqa: E402
from ..data.io import export_csv as table_csv, write_text  # noqa: E402
from .phone import PHONE_DIR, figure_width  # noqa: E402
from ..analysis.observations import STALE_AFTER_DAYS, report_date  # noqa: E402
from ..data.periods import as_date  # noqa: E402
from ..analysis.targets import STATUSES  # noqa: E402
from .colours import contrast
from ..words.messages import MESSAGES

__all__ = [
    "FONT", "PALETTE", "OKABE_ITO", "STATUS_COLOURS", "STATUS_SHORT", "FIGURE_WIDTH", "theme_rc", "theme", "set_theme",
    "status_short", "status_label", "unit_colour", "unit_colours", "format_value", "format_month", "format_date",
    "count_of", "panels", "source_line", "finish", "save_figure", "save_table", "table_csv",
]

#: Ships with matplotlib and has every Vietnamese letter (ệ ở ữ ậ Đ ...).
FONT = "DejaVu Sans"

assert set(STATUS_COLOURS) == set(STATUSES) == set(STATUS_SHORT)

STALE_HATCH = "////"
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")

#: The house settings, over seaborn's "ticks" style and "paper" context.
HOUSE_RC = {
    "font.family": "sans-serif", "font.sans-serif": [FONT], "axes.unicode_minus": True,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "font.size": 9, "axes.titlesize": 10, "axes.titleweight": "bold", "axes.titlelocation": "left",
    "axes.labelsize": 9, "xtick.labelsize": 8.5, "ytick.labelsize": 8.5, "legend.fontsize": 8,
    "legend.title_fontsize": 8.5,
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": GREY, "axes.linewidth": 0.8,
    "axes.labelcolor": "#222222", "text.color": "#222222", "xtick.color": GREY, "ytick.color": "#222222",
    "xtick.major.width": 0.8, "ytick.major.width": 0.8, "xtick.major.size": 3.5, "ytick.major.size": 3.5,
    "axes.grid": False, "grid.color": "#E3E3E3", "grid.linewidth": 0.6,
    "legend.frameon": False, "hatch.linewidth": 0.8, "hatch.color": "#333333",
    "patch.force_edgecolor": False,
    "figure.figsize": (FIGURE_WIDTH, 5), "figure.dpi": 100, "figure.facecolor": "white",
    "savefig.dpi": PNG_DPI, "savefig.facecolor": "white", "savefig.bbox": "tight", "savefig.pad_inches": 0.12,
    "svg.fonttype": "none", "svg.hashsalt": "dtlib", "pdf.fonttype": 42,
    # letters drawn as the font designs them, not fitted to the pixel grid: at 200 dpi the two look
    # alike, and FreeType's hinting was a tenth of the time a figure-heavy notebook takes
    "text.hinting": "no_hinting",
}


# ----------------------------------------------------------------------------------- theme

def theme_rc() -> dict:
    """The house theme as rcParams: seaborn's "ticks" style and "paper" context, the house settings over them."""
    import seaborn as sns

    return {**sns.axes_style("ticks"), **sns.plotting_context("paper"), **HOUSE_RC}


@contextmanager
def theme() -> Iterator[None]:
    """Draw with the house theme inside the ``with`` block only; rcParams are restored after it.

    >>> with theme():                                   # doctest: +SKIP
    ...     ax = plots.compare_units(latest, units=["lao-cai", "lai-chau"])
    """
    with matplotlib.rc_context(theme_rc()):
        yield


def set_theme() -> None:
    """Apply the house theme (:func:`theme_rc`) for the rest of the process: what a notebook calls once."""
    matplotlib.rcParams.update(theme_rc())


def _text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""

    return "black" if contrast("black", background) >= contrast("white", background) else "white"


# ------------------------------------------------------------------------------ formatting

def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """``1 indicator``, ``3 indicators``: a count with its (English) noun, for sentences built from the data."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _when(when) -> pd.Timestamp | None:
    when = as_date(when) if not isinstance(when, pd.Timestamp) else when
    return None if when is None or pd.isna(when) else when


def format_month(when: pd.Timestamp | str | None, lang: str | None = None) -> str:
    """``09/2022``: the month a figure describes, as printed beside a value (both languages write it so)."""
    when = _when(when)
    return "" if when is None else i18n.month(when, "vi")


def format_date(when: pd.Timestamp | str | None, lang: str | None = None) -> str:
    """A date in a title: ``30 Sep 2023`` in English, ``30/09/2023`` in Vietnamese."""
    when = _when(when)
    return "" if when is None else i18n.date(when, lang)


def _value_label(row: pd.Series, measure: str, stale: bool = False) -> str:
    value = format_value(row.get("value"), measure, rank_of=row.get("rank_of"), qualifier=row.get("qualifier", ""),
                         label=True)
    if pd.isna(row.get("value")):
        return value
    key = "fig.value_when_stale" if stale else "fig.value_when"
    return i18n.t(key, value=value, when=format_month(row.get("as_of")))


def _stale(frame: pd.DataFrame, as_of) -> pd.Series:
    """``stale`` if the frame has it, else computed from ``as_of`` (no report date: nothing is stale)."""
    if "stale" in frame:
        return frame["stale"].fillna(False).astype(bool)
    when = as_date(as_of) if not isinstance(as_of, pd.Timestamp) else as_of
    if when is None:
        return pd.Series(False, index=frame.index)
    return ((when - pd.to_datetime(frame["as_of"])).dt.days > STALE_AFTER_DAYS).fillna(False)


def _measure(frame: pd.DataFrame, measure: str | None = None) -> str:
    if measure:
        return measure
    if "measure" in frame and frame["measure"].notna().any():
        return str(frame["measure"].dropna().iloc[0])
    return ""


def measure_label(measure: str, *, bars: bool = False) -> str:
    """The axis label of a measure in the language in use (``percent``, ``rank (1 = best)`` ...)."""
    key = "fig.measure.rank_bars" if bars and measure == "rank" else f"fig.measure.{measure}"

    return i18n.t(key) if key in MESSAGES else measure


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def indicator_column(frame) -> str:
    """The column holding indicator names in the language in use (``indicator_vi``/``indicator_en``)."""
    order = ("indicator_vi", "indicator_en") if i18n.language() == "vi" else ("indicator_en", "indicator_vi")
    for column in order:
        if column in frame:
            return column
    return order[0]


def _label(row: pd.Series, column: str, fallback: str, width: int = 36) -> str:
    """The row's name in the language in use: ``column`` (or its other-language twin), else ``fallback``."""
    twins = {"indicator_en": "indicator_vi", "indicator_vi": "indicator_en", "name_en": "name_vi",
             "name_vi": "name_en"}
    lang = i18n.language()
    columns = [column, twins.get(column)]
    if column.endswith(("_en", "_vi")) and not column.endswith(f"_{lang}"):
        columns.reverse()
    for col in columns:
        text = row.get(col) if col else None
        if isinstance(text, str) and text:
            return _wrap(text, width)
    return _wrap(row[fallback], width)


def _names(frame: pd.DataFrame, unit_names: dict[str, str] | None) -> dict[str, str]:
    names = dict(zip(frame["unit"], frame["unit_name"])) if "unit_name" in frame else {}
    return {**names, **(unit_names or {})}


def _new_ax(width: float | None, height: float) -> Axes:
    """A new figure's one axes, ``width`` (default: :func:`dtlib.figures.phone.figure_width`) by ``height`` inches."""
    _, ax = plt.subplots(figsize=(figure_width() if width is None else width, height))
    return ax


def panels(rows: list[int], width: float | None = None, per_row: float = 0.45, extra: float = 0.75
           ) -> tuple[Figure, list[Axes]]:
    """A figure with one panel per entry of ``rows`` (the number of bars each will hold), stacked, sized to fit.

    ``width`` defaults to the width charts are drawn at (:func:`dtlib.figures.phone.figure_width`).
    """
    rows = [max(1, n) for n in rows] or [1]
    width = figure_width() if width is None else width
    fig, axes = plt.subplots(len(rows), 1, figsize=(width, sum(rows) * per_row + extra * len(rows) + 0.6),
                             gridspec_kw={"height_ratios": [n + 1.2 for n in rows]}, squeeze=False)
    return fig, list(axes[:, 0])


# ------------------------------------------------------------------ titles, sources, saving

def source_line(data: Dataset, sources_ids, as_of=None, *, max_title: int = 90) -> str:
    """``Source: <publisher> (<published>), <title>; ... Data: dtlib, as of YYYY-MM-DD``, from ``data.sources``.

    In the language in use (Vietnamese: ``Nguồn: ... Dữ liệu: dtlib, tính đến DD/MM/YYYY``).
    ``sources_ids`` may hold ``|``-joined ids; each source is named once, in order of first
    mention. Titles and publishers longer than ``max_title`` characters are shortened at a word ("…"); the
    CSV beside a figure names every source id in full.
    """
    ids = source_ids(sources_ids)
    table = data.sources.set_index("id")
    day = (lambda d: f"{d:%Y-%m-%d}") if i18n.language() == "en" else i18n.date   # noqa: E731
    parts = []
    for sid in ids:
        if sid not in table.index:
            parts.append(sid)
            continue
        src = table.loc[sid]
        when = i18n.t("date_not_stated") if pd.isna(src["published"]) else day(src["published"])
        title = textwrap.shorten(src["title"], max_title, placeholder=" …") if max_title else src["title"]
        publisher = i18n.publisher(src["publisher"])   # a long publisher is shortened as a title is (S09)
        if max_title and len(publisher) > max_title:
            publisher = textwrap.shorten(publisher, max_title, placeholder=" …").strip() or publisher[:max_title - 1] + "…"
        parts.append(f"{publisher} ({when}), {title}")
    when = as_date(as_of) if not isinstance(as_of, pd.Timestamp) else as_of
    when = when if when is not None else report_date(data)
    named = "; ".join(parts) if parts else i18n.t("no_figure_drawn")
    stop = "" if named.endswith("…") else "."
    return i18n.t("fig.source_line", sources=named, stop=stop, date=day(when))


def _one_legend(fig: Figure) -> None:
    """Panels that each carry a legend get one legend for the figure instead: every entry once, below them."""
    axes = [ax for ax in fig.axes if ax.get_legend() is not None]
    if len(axes) < 2:
        return
    handles, labels = {}, []
    for ax in axes:
        legend = ax.get_legend()
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            label = text.get_text()
            if label not in handles:
                handles[label] = handle
                labels.append(label)
        legend.remove()
    bottom = min(ax.get_position().y0 for ax in fig.axes)
    fig.legend([handles[label] for label in labels], labels, loc="upper left", bbox_to_anchor=(0.01, bottom),
               ncol=2, fontsize=7.5, frameon=False)


def finish(fig: Figure, title: str, subtitle: str | None = None, source: str | None = None) -> Figure:
    """Title and subtitle at the top left, the source line at the bottom left (small, grey), tight layout.

    The figure grows by the height the texts take, so the plot keeps the size the chart
    function gave it. Panels that each drew a legend get one legend for the whole figure. The
    figure keeps no layout engine, so saving it does not lay it out again.
    """
    width, height = fig.get_size_inches()
    pad = 0.12
    blocks = []
    for text, size, weight, colour in ((title, 12, "bold", "#111111"), (subtitle, 9, "normal", GREY)):
        if text:
            lines = textwrap.wrap(text, int(width * 72 / (size * 0.62)))
            blocks.append(("\n".join(lines), size, weight, colour, len(lines) * size * 1.3 / 72))
    top = pad + sum(tall + 0.06 for *_, tall in blocks) + 0.1
    lines = textwrap.wrap(source, int(width * 72 / (7 * 0.56))) if source else []
    merged = len([ax for ax in fig.axes if ax.get_legend() is not None]) > 1
    key = 0.35 if merged else 0.0
    bottom = pad + len(lines) * 7 * 1.3 / 72 + (0.15 if lines else 0) + key
    total = height + top + bottom
    fig.set_size_inches(width, total)
    y = 1 - pad / total
    for text, size, weight, colour, tall in blocks:
        fig.text(0.01, y, text, ha="left", va="top", fontsize=size, fontweight=weight, color=colour)
        y -= (tall + 0.06) / total
    if lines:
        fig.text(0.01, pad / total, "\n".join(lines), ha="left", va="bottom", fontsize=7, color=GREY)
    right = 1.0
    with shared_text_metrics():
        for _ in range(3):   # labels written beyond an axes' edge: narrow the plots until the figure holds them
            # twice: the first pass reserves room for text anchored to an axes' left edge (a phone's row
            # names) as it stood before the layout; the second gives that room back once the axes has moved
            fig.tight_layout(rect=(0, bottom / total, right, 1 - top / total))
            fig.tight_layout(rect=(0, bottom / total, right, 1 - top / total))
            box = fig.get_tightbbox(fig.canvas.get_renderer())
            over = max(box.x1 - width, 0) + max(-box.x0, 0)
            if over < 0.02:
                break
            right -= over / width + 0.005
    _one_legend(fig)
    # tight_layout leaves a placeholder layout engine behind, and with any engine set each savefig
    # first draws the whole figure once more to lay it out: the layout is done, so none is kept
    fig.set_layout_engine(None)
    return fig


def _save_phone(phone: Figure, out: Path, name: str) -> tuple[str, list[float]]:
    """Save the finished phone rendering as ``phone/<name>.png``; return that path (relative to ``out``)
    and its size in inches as saved."""
    relative = f"{PHONE_DIR}/{name}.png"
    (out / PHONE_DIR).mkdir(parents=True, exist_ok=True)
    box = saved_box(phone)
    save_atomic(phone, out / relative, "png", box)
    return relative, [round(float(box.width), 2), round(float(box.height), 2)]


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"output name {name!r} must be lower-case ASCII letters, digits, '-', '_' or '.' "
                         "(e.g. 'profile_lao-cai_pillars')")


def save_figure(fig: Figure, out_dir: str | os.PathLike, name: str, data: pd.DataFrame, caption: str, source: str,
                notebook: str, phone: Figure | None = None) -> dict:
    """Write ``<name>.png`` (200 dpi), ``.svg`` and ``.pdf`` (font embedded), ``.csv`` (the data drawn) and ``.json``.

    Each file is written atomically (a temporary file, then a rename). ``data`` should hold
    the values drawn with ``unit``, ``indicator``, ``as_of`` and ``source``. Warns
    (:class:`dtlib.figures.figure_files.FigureSizeWarning`) when the figure fits neither a slide nor
    an A4 page (see the module's docstring).

    Returns
    -------
    dict
        The JSON record: ``name, caption, source, notebook, png, svg, pdf, csv``, ``size``
        (inches as saved), ``fits`` (``slide`` and/or ``page``), ``texts`` (every line of
        text drawn on the figure, as the SVG holds it) and ``save_seconds`` (the time each
        format took to save, and all of saving: ``benchmarks/breakdown.py`` adds them up);
        with ``phone``, ``phone`` too: the path of its phone rendering.

    ``phone``, if given, is the figure's phone rendering (:func:`dtlib.figures.phone.phone_rendering`,
    finished): it is saved as a PNG in ``phone/<name>.png``, for the front page to show on a
    narrow screen, and ``phone_size`` records its size (inches as saved).
    """
    _check_name(name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    seconds = {}
    with shared_text_metrics():
        box = saved_box(fig)
        size = check_size(fig, name, box)
        for fmt in ("png", "svg", "pdf"):
            began = time.perf_counter()
            save_atomic(fig, out / f"{name}.{fmt}", fmt, box)
            seconds[fmt] = round(time.perf_counter() - began, 3)
        if phone is not None:
            began = time.perf_counter()
            phone_png, phone_size = _save_phone(phone, out, name)
            seconds["phone"] = round(time.perf_counter() - began, 3)
    seconds["all"] = round(time.perf_counter() - started, 3)
    if matplotlib.rcParams["svg.fonttype"] == "none":
        texts = drawn_texts((out / f"{name}.svg").read_text(encoding="utf-8"))
    else:
        texts = drawn_texts(fig)
    write_text(out / f"{name}.csv", table_csv(data))
    meta = {"name": name, "caption": caption, "source": source, "notebook": notebook,
            "png": f"{name}.png", "svg": f"{name}.svg", "pdf": f"{name}.pdf", "csv": f"{name}.csv",
            "size": list(size), "fits": fits(size), "texts": texts, "save_seconds": seconds}
    if phone is not None:
        meta.update(phone=phone_png, phone_size=phone_size)
    write_text(out / f"{name}.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return meta


def save_table(frame: pd.DataFrame, out_dir: str | os.PathLike, name: str) -> Path:
    """Write ``frame`` to ``out_dir/tables/<name>.csv`` atomically (see :func:`table_csv`); return the path."""
    _check_name(name)
    path = Path(out_dir) / "tables" / f"{name}.csv"
    write_text(path, table_csv(frame))
    return path
