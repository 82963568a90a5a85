"""The context of one notebook run, and the verbs a cell uses to show things.

A :class:`Run` (opened by :func:`dtlib.briefing.notebook.setup`) carries the data, the report date, the
language, the names and the units, and shows what a cell has to show: a section's heading and
narration from the catalogue (:meth:`Run.section`), a sentence built from the data
(:meth:`Run.say`), a figure with its title, subtitle and source line, saved beside its data
(:meth:`Run.figure`), a table formatted for readers and saved raw (:meth:`Run.table`). The
per-notebook selections that work on a run live in :mod:`dtlib.briefing.notebook` and :mod:`dtlib.briefing.trends`.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..words import captions, i18n, tables
from ..figures import figure_files, plots
from ..data.dataset import Dataset
from ..words.formats import format_value
from ..figures.glyphs import drawable, replace_missing_glyphs
from ..words.messages import MESSAGES
from ..figures.phone import phone_rendering
from ..words.prose import escape_markdown, say
from ..data.text import source_ids

__all__ = ["Run", "section_markdown", "TABLE_ROWS_SHOWN"]


#: The most rows a table shows on a notebook page (its CSV holds them all): a table of 34
#: provinces by 60 indicators has 2,040, which no reader scrolls and each page would carry.
TABLE_ROWS_SHOWN = 100


@dataclass
class Run:
    """What one notebook run works with: the data, the report date, the language, the names, the units.

    Attributes
    ----------
    notebook
        The notebook's file name (``02_compare.ipynb``), recorded beside every figure.
    data
        The loaded data set.
    as_of
        The report date.
    lang
        The language of the run (:data:`dtlib.words.i18n.LANGUAGES`).
    names
        Unit id → name in the language (:func:`dtlib.words.captions.unit_names`).
    units
        The provinces compared: those asked for, or what they became by the report date.
    missing
        Units asked for that the data set does not hold.
    unit
        The one unit a profile is about (``None`` for the other notebooks).
    asked
        The unit asked for when it had ended by the report date and the profile is of what it
        became (``lao-cai`` on 31 Mar 2026: the profile is of ``lao-cai-2025``); else ``None``.
    out_dir
        Where figures and ``tables/`` go.
    follow_mergers
        Follow each province across the 2025 mergers.
    """

    notebook: str
    data: Dataset
    as_of: pd.Timestamp
    lang: str
    names: dict[str, str]
    units: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unit: str | None = None
    out_dir: str = "figures"
    follow_mergers: bool = True
    asked: str | None = None

    @property
    def name(self) -> str:
        """The profiled unit's name in the language."""
        return self.names.get(self.unit, self.unit or "")

    @property
    def indicator_names(self) -> dict[str, str]:
        """Indicator id → name in the language."""
        return captions.indicator_names(self.data, self.lang)

    def say(self, text: str) -> None:
        """Show a sentence built from the data (escaped Markdown); nothing when ``text`` is empty."""
        if text:
            say(text)

    def markdown(self, text: str) -> None:
        """Show Markdown whose data values are already escaped (:func:`dtlib.words.captions.worked_example`)."""
        from IPython.display import Markdown, display

        display(Markdown(text))

    def section(self, key: str, **fields) -> None:
        """Show a section's heading and narration from the catalogue (``nb.section.<key>.title`` and ``.text``);
        a notebook's opening section (a key without a dot) is followed by the report date.

        The catalogue's text is Markdown written for the pack; ``fields`` (data values) are escaped.
        """
        from IPython.display import Markdown, display

        display(Markdown(section_markdown(key, **fields)))
        if "." not in key:      # a notebook's opening: what it answers, then the report date it answers for
            self.markdown(captions.report_date_line(self.as_of))   # its date in bold; no data text in it

    def figure(self, fig, name: str, drawn: pd.DataFrame, title: str, subtitle: str | None,
               sources: Iterable, *, max_sources: int | None = None) -> None:
        """Put title, subtitle and source line on ``fig``, save it with the data it draws, show it and close it.

        ``max_sources``: name at most this many sources under the figure and count the others
        (the CSV beside it names them all).
        """
        import matplotlib.pyplot as plt

        ids = source_ids(sources)
        source = plots.source_line(self.data, ids[:max_sources] if max_sources else ids, self.as_of)
        if max_sources and len(ids) > max_sources:
            source += ". " + i18n.t("fig.trends.more_sources", n=i18n.number(len(ids) - max_sources, 0))
        # the chart drawn again for a phone (dtlib.figures.phone), with the same title and source line wrapped to its width
        phone = phone_rendering(fig)
        # what the font lacks (emoji, CJK) drawn as one placeholder, not a box and a warning (dtlib.figures.glyphs),
        # before the layout measures the text; the JSON beside the figure keeps the text as it is
        shown = [None if text is None else drawable(text) for text in (title, subtitle, source)]
        for drawn_fig in (fig, phone):
            if drawn_fig is not None:
                replace_missing_glyphs(drawn_fig)
        if phone is not None:
            plots.finish(phone, *shown)
        plots.finish(fig, *shown)
        try:
            meta = plots.save_figure(fig, self.out_dir, name, drawn, title, source, self.notebook, phone=phone)
        finally:
            if phone is not None:
                plt.close(phone)
        # shown from the PNG just saved (a lighter copy: figure_files.preview_png, its pixels still on the
        # canvas), so the notebook shows it whatever the backend (inline in JupyterLab, Agg in a build); closed
        # at once, so pyplot keeps no figure alive and memory stays flat however many are drawn
        preview = figure_files.preview_png(os.path.join(self.out_dir, meta["png"]), fig)
        plt.close(fig)
        from IPython.display import Image, display

        display(Image(data=preview, format="png", width=int(round(meta["size"][0] * 100))))

    def table(self, frame: pd.DataFrame, columns: Sequence[str] | None = None, *, save: str | None = None,
              caption: str | None = None, names: Mapping[str, str] | None = None, whole_in: str | None = None) -> None:
        """Show ``frame`` formatted for readers (:func:`dtlib.words.tables.styled`); write it raw to ``tables/<save>.csv``.

        ``names`` replaces the run's unit names (e.g. provinces named for the mergers followed).
        A page shows at most :data:`TABLE_ROWS_SHOWN` rows, and says how many there are and
        which CSV holds them all: ``save``, or ``whole_in`` for a table the notebook saved itself.
        """
        from IPython.display import display

        if save:
            plots.save_table(frame, self.out_dir, save)
        if len(frame):
            shown = frame.head(TABLE_ROWS_SHOWN)
            display(tables.styled(shown, columns, names=names or self.names, data=self.data, caption=caption))
            if len(frame) > len(shown):
                self.say(captions.rows_shown(len(shown), len(frame), save or whole_in))

    def value_text(self, value, row: Mapping) -> str:
        """A value of an attainment row written as the tables write it (its measure, its rank size)."""
        return format_value(value, str(row.get("measure") or ""), rank_of=row.get("rank_of"), missing="")


def section_markdown(key: str, **fields) -> str:
    """A section's heading (``#`` for a notebook, ``##`` for a part of it) and narration, in Markdown.

    The catalogue's ``nb.section.<key>.title`` and ``.text`` are Markdown written for the pack
    (braces doubled, formulas kept); ``fields`` are data values and are escaped.
    """

    safe = {k: escape_markdown(v) for k, v in fields.items()}
    level = "#" if "." not in key else "##"
    text = f"{level} {i18n.t(f'nb.section.{key}.title').format(**safe)}"
    if f"nb.section.{key}.text" in MESSAGES:
        text += "\n\n" + i18n.t(f"nb.section.{key}.text").format(**safe)
    return text
