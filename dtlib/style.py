"""The house figure style: fonts, colours, number and date formats, titles, source lines, saving.

One function sets the theme (:func:`set_theme`); no notebook sets rcParams by hand. The font
ships with matplotlib and has every Vietnamese letter; the palette is Okabe–Ito, safe for the
common colour-vision deficiencies. :func:`finish` puts a title that says what and when and a
source line built from ``sources.csv`` on a figure; :func:`save_figure` writes it as PNG (300
dpi) and SVG beside the CSV of the data it draws.
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import textwrap
from pathlib import Path

import matplotlib

if "matplotlib.pyplot" not in sys.modules and "MPLBACKEND" not in os.environ and "ipykernel" not in sys.modules:
    matplotlib.use("Agg")  # headless by default; a notebook kernel keeps its inline backend

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .dataset import Dataset  # noqa: E402
from .io import export_csv as table_csv, write_text  # noqa: E402
from .observations import STALE_AFTER_DAYS, report_date  # noqa: E402
from .periods import as_date  # noqa: E402
from .targets import STATUSES  # noqa: E402

__all__ = [
    "FONT", "PALETTE", "OKABE_ITO", "STATUS_COLOURS", "STATUS_SHORT", "set_theme", "format_value", "format_month",
    "format_date", "count_of", "panels", "source_line", "finish", "save_figure", "save_table", "table_csv",
]

#: Ships with matplotlib and has every Vietnamese letter (ệ ở ữ ậ Đ ...).
FONT = "DejaVu Sans"
#: The Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "bluish_green": "#009E73", "vermillion": "#D55E00",
             "sky_blue": "#56B4E9", "reddish_purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000"}
#: Colour cycle: units are coloured in this order (yellow late: it is faint on white).
PALETTE = tuple(OKABE_ITO.values())
GREY, LIGHT_GREY, TRACK = "#595959", "#BDBDBD", "#EFEFEF"

#: One colour per status (best to worst, then the ones that cannot be assessed). Always drawn
#: with the status's words (:data:`STATUS_SHORT` or ``dtlib.STATUS_LABELS``) beside it.
STATUS_COLOURS = {
    "met": OKABE_ITO["blue"], "on_track": OKABE_ITO["bluish_green"], "acceleration_needed": OKABE_ITO["yellow"],
    "limited_progress": OKABE_ITO["orange"], "deterioration": OKABE_ITO["vermillion"],
    "insufficient_data": "#BDBDBD", "not_comparable": "#8C8C8C", "no_data": "#F4F4F4",
}
#: Short status words for heat-map cells.
STATUS_SHORT = {
    "met": "met", "on_track": "on track", "acceleration_needed": "accelerate", "limited_progress": "limited",
    "deterioration": "worse", "insufficient_data": "one figure", "not_comparable": "not compar.",
    "no_data": "no data",
}
assert set(STATUS_COLOURS) == set(STATUSES) == set(STATUS_SHORT)

STALE_HATCH = "////"
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")


# ----------------------------------------------------------------------------------- theme

def set_theme() -> None:
    """Set the house style: the one place rcParams are set (font, palette, sizes, 300 dpi, SVG as paths)."""
    matplotlib.rcParams.update({
        "font.family": "sans-serif", "font.sans-serif": [FONT], "axes.unicode_minus": True,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "font.size": 9, "axes.titlesize": 10, "axes.titleweight": "bold", "axes.titlelocation": "left",
        "axes.labelsize": 9, "xtick.labelsize": 8.5, "ytick.labelsize": 8.5, "legend.fontsize": 8,
        "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": GREY,
        "axes.labelcolor": "#222222", "xtick.color": GREY, "ytick.color": "#222222",
        "axes.grid": False, "grid.color": "#E3E3E3", "grid.linewidth": 0.6,
        "legend.frameon": False, "hatch.linewidth": 0.8,
        "figure.figsize": (8.5, 5), "figure.dpi": 100, "figure.facecolor": "white",
        "savefig.dpi": 300, "savefig.facecolor": "white", "savefig.bbox": "tight", "savefig.pad_inches": 0.12,
        "svg.fonttype": "path", "svg.hashsalt": "dtlib",
    })


def _text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""
    r, g, b = (c / 1 for c in matplotlib.colors.to_rgb(background))
    lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in (r, g, b)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


# ------------------------------------------------------------------------------ formatting

def _number(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_value(value: float, measure: str = "", *, rank_of: float | None = None, qualifier: str = "") -> str:
    """A value as a reader expects it: ``87%``, ``1,545``, ``53rd of 63``, ``0.3081``, ``US$10 bn``.

    >>> format_value(98.7, "percent"), format_value(53, "rank", rank_of=63), format_value(300, "count", qualifier=">")
    ('98.7%', '53rd of 63', 'over 300')
    """
    if value is None or pd.isna(value):
        return "not reported"
    prefix = {">": "over ", ">=": "at least ", "<": "under ", "<=": "at most ", "~": "about "}.get(qualifier or "", "")
    if measure == "percent":
        text = f"{_number(value)}%"
    elif measure == "percent_change":
        text = f"{'+' if value > 0 else ''}{_number(value)}%"
    elif measure == "score_change":
        text = f"{'+' if value > 0 else ''}{_number(value, 4)}"
    elif measure == "rank":
        text = _ordinal(int(round(value))) + ("" if rank_of is None or pd.isna(rank_of) else f" of {int(rank_of)}")
    elif measure == "score_0_1":
        text = _number(value, 4)
    elif measure == "mbps":
        text = f"{_number(value)} Mbps"
    elif measure == "usd_billion":
        text = f"US${_number(value)} bn"
    else:
        text = _number(value)
    return (prefix + text).replace("-", "\u2212")


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """``1 indicator``, ``3 indicators``: a count with its noun, for sentences built from the data."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def format_month(when: pd.Timestamp | str | None) -> str:
    """``09/2022``: the month a figure describes, as printed beside a value."""
    when = as_date(when) if not isinstance(when, pd.Timestamp) else when
    return "" if when is None or pd.isna(when) else f"{when:%m/%Y}"


def format_date(when: pd.Timestamp | str | None) -> str:
    """``30 Sep 2023``: a date in a title."""
    when = as_date(when) if not isinstance(when, pd.Timestamp) else when
    return "" if when is None or pd.isna(when) else f"{when.day} {when:%b %Y}"


def _value_label(row: pd.Series, measure: str, stale: bool = False) -> str:
    value = format_value(row.get("value"), measure, rank_of=row.get("rank_of"), qualifier=row.get("qualifier", ""))
    if pd.isna(row.get("value")):
        return value
    when = format_month(row.get("as_of"))
    return f"{value} ({when}{', stale' if stale else ''})"


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


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _label(row: pd.Series, column: str, fallback: str, width: int = 36) -> str:
    text = row.get(column)
    return _wrap(text if isinstance(text, str) and text else row[fallback], width)


def _names(frame: pd.DataFrame, unit_names: dict[str, str] | None) -> dict[str, str]:
    names = dict(zip(frame["unit"], frame["unit_name"])) if "unit_name" in frame else {}
    return {**names, **(unit_names or {})}


def _new_ax(width: float, height: float) -> Axes:
    _, ax = plt.subplots(figsize=(width, height))
    return ax


def panels(rows: list[int], width: float = 8.5, per_row: float = 0.5, extra: float = 0.9) -> tuple[Figure, list[Axes]]:
    """A figure with one panel per entry of ``rows`` (the number of bars each will hold), stacked, sized to fit."""
    rows = [max(1, n) for n in rows] or [1]
    fig, axes = plt.subplots(len(rows), 1, figsize=(width, sum(rows) * per_row + extra * len(rows) + 0.6),
                             gridspec_kw={"height_ratios": [n + 1.2 for n in rows]}, squeeze=False)
    return fig, list(axes[:, 0])


# ------------------------------------------------------------------ titles, sources, saving

def source_line(data: Dataset, sources_ids, as_of=None, *, max_title: int = 90) -> str:
    """``Source: <publisher> (<published>), <title>; ... Data: dtlib, as of YYYY-MM-DD``, from ``data.sources``.

    ``sources_ids`` may hold ``|``-joined ids; each source is named once, in order of first
    mention. Titles longer than ``max_title`` characters are shortened at a word ("…"); the
    CSV beside a figure names every source id in full.
    """
    ids = []
    for cell in sources_ids:
        if isinstance(cell, str):
            ids += [s for s in cell.split("|") if s]
    ids = list(dict.fromkeys(ids))
    table = data.sources.set_index("id")
    parts = []
    for sid in ids:
        if sid not in table.index:
            parts.append(sid)
            continue
        src = table.loc[sid]
        when = "date not stated" if pd.isna(src["published"]) else f"{src['published']:%Y-%m-%d}"
        title = textwrap.shorten(src["title"], max_title, placeholder=" …") if max_title else src["title"]
        parts.append(f"{src['publisher']} ({when}), {title}")
    when = as_date(as_of) if not isinstance(as_of, pd.Timestamp) else as_of
    when = when if when is not None else report_date(data)
    named = "; ".join(parts) if parts else "no figure drawn"
    stop = "" if named.endswith("…") else "."
    return f"Source: {named}{stop} Data: dtlib, as of {when:%Y-%m-%d}"


def finish(fig: Figure, title: str, subtitle: str | None = None, source: str | None = None) -> Figure:
    """Title and subtitle at the top left, the source line at the bottom left (small, grey), tight layout.

    The figure grows by the height the texts take, so the plot keeps the size the chart
    function gave it.
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
    bottom = pad + len(lines) * 7 * 1.3 / 72 + (0.15 if lines else 0)
    total = height + top + bottom
    fig.set_size_inches(width, total)
    y = 1 - pad / total
    for text, size, weight, colour, tall in blocks:
        fig.text(0.01, y, text, ha="left", va="top", fontsize=size, fontweight=weight, color=colour)
        y -= (tall + 0.06) / total
    if lines:
        fig.text(0.01, pad / total, "\n".join(lines), ha="left", va="bottom", fontsize=7, color=GREY)
    fig.tight_layout(rect=(0, bottom / total, 1, 1 - top / total))
    return fig


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"output name {name!r} must be lower-case ASCII letters, digits, '-', '_' or '.' "
                         "(e.g. 'profile_lao-cai_pillars')")


def _save_atomic(fig: Figure, path: Path, fmt: str) -> None:
    from .io import umask

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, format=fmt, dpi=300, metadata={"Date": None} if fmt == "svg" else None)
        # mkstemp makes the file private (0600); a figure gets a new file's mode, as write_text gives
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_figure(fig: Figure, out_dir: str | os.PathLike, name: str, data: pd.DataFrame, caption: str, source: str,
                notebook: str) -> dict:
    """Write ``<name>.png`` (300 dpi), ``.svg``, ``.csv`` (the data drawn) and ``.json`` to ``out_dir``.

    Each file is written atomically (a temporary file, then a rename). ``data`` should hold
    the values drawn with ``unit``, ``indicator``, ``as_of`` and ``source``.

    Returns
    -------
    dict
        The JSON record: ``name, caption, source, notebook, png, svg, csv``.
    """
    _check_name(name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _save_atomic(fig, out / f"{name}.png", "png")
    _save_atomic(fig, out / f"{name}.svg", "svg")
    write_text(out / f"{name}.csv", table_csv(data))
    meta = {"name": name, "caption": caption, "source": source, "notebook": notebook,
            "png": f"{name}.png", "svg": f"{name}.svg", "csv": f"{name}.csv"}
    write_text(out / f"{name}.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return meta


def save_table(frame: pd.DataFrame, out_dir: str | os.PathLike, name: str) -> Path:
    """Write ``frame`` to ``out_dir/tables/<name>.csv`` atomically (see :func:`table_csv`); return the path."""
    _check_name(name)
    path = Path(out_dir) / "tables" / f"{name}.csv"
    write_text(path, table_csv(frame))
    return path
