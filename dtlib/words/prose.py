"""Sentences built from the data, shown in a notebook: escaped so that no data value becomes markup.

A notebook's sentences are rendered as Markdown, and nbconvert turns Markdown into HTML without
escaping raw HTML. A unit name, an instrument or a source title that holds ``<script>`` or
``[text](javascript:...)`` would then reach the pack's HTML live. The sentence templates that
:func:`say` shows use no markup at all, so it escapes everything that could start markup in
the whole sentence (:func:`escape_markdown`): ``<`` and ``>`` become entities, ``&`` does
where it would start one (``&amp;``, ``&#60;``: a plain "TT&TT" is left as it is, so a reader
of the Markdown file sees it as written); links, images, code, emphasis (``*a*``, ``_b_``),
strike-through (``~~c~~``), tables (``|``), formulas (``$x$``, ``\\[x\\]``, ``\\begin{...}``) and
bare web addresses are backslash-escaped, as is a line that would open a heading, a list or a
quote; a line's leading spaces, which would open a code block, are dropped. A template with
emphasis of its own (the worked example, the report date) is shown with
:meth:`dtlib.briefing.notebook.Run.markdown` and escapes its data values with :func:`escape_markdown`.
The HTML renderer sanitises as well (a second fence).
"""
from __future__ import annotations

import re

__all__ = ["escape_markdown", "say"]

#: Characters escaped wherever they are: HTML, links and images, code, emphasis, strike-through, tables,
#: formulas (``$x$``, ``\\[x\\]``, ``\\begin{x}``: nbconvert finds those before Markdown does).
_MARKUP = {"<": "&lt;", ">": "&gt;", **{ch: "\\" + ch for ch in "\\[]`*~|$" + "{}"}}
#: An underscore that could open or close emphasis: not between two letters or digits (``snake_case`` stays).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
#: A backslash (escaped) before a parenthesis: ``\\(x\\)`` is a formula to nbconvert; the parenthesis is escaped too.
_FORMULA_PAREN = re.compile(r"(?<=\\\\)(?=[()])")
#: A bare web address (``https://``), which the renderer would make a link.
_ADDRESS = re.compile(r"(?<=[A-Za-z]):(?=//)")
#: A line's leading spaces (four open a code block) and what would open a block there: a heading,
#: a list item, a setext underline or a thematic break.
_LINE_START = re.compile(r"^[ \t]*(#|[-+=](?=[-+=\s]|$)|\d{1,9}(?=[.)](?:\s|$)))?", re.MULTILINE)


def _line_start(match: re.Match) -> str:
    """A line's start without its leading spaces, its block marker escaped (``\\#``; ``1\\.`` for a numbered item)."""
    marker = match.group(1)
    if marker is None:
        return ""
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


#: What may follow an ampersand to make a character reference: a name, or a number (``&amp;``, ``&#60;``).
_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]*;)")


def _reference(match: re.Match) -> str:
    """``&amp;`` + the rest where the ampersand opens a real character reference, else the text as it is."""
    from html.entities import html5

    rest = match.group(1)
    return "&amp;" + rest if rest.startswith("#") or rest in html5 else match.group(0)


def escape_markdown(text: object) -> str:
    """``text`` with everything that could open HTML, a link, code, emphasis, a formula or a block escaped.

    Backslash escapes, which a reader of a Markdown file reads through, except ``<``, ``>`` and an
    ampersand that opens a character reference, which become entities.

    >>> escape_markdown('Quyết định <script>alert(1)</script> [x](javascript:alert(2))')
    'Quyết định &lt;script&gt;alert(1)&lt;/script&gt; \\\\[x\\\\](javascript:alert(2))'
    >>> escape_markdown('Bộ TT&TT, &lt;b&gt;')
    'Bộ TT&TT, &amp;lt;b&amp;gt;'
    """
    text = _ENTITY.sub(_reference, str(text).replace("\r\n", "\n").replace("\r", "\n"))
    text = _UNDERSCORE.sub(r"\\_", "".join(_MARKUP.get(ch, ch) for ch in text))
    text = _FORMULA_PAREN.sub(r"\\", text)
    return _LINE_START.sub(_line_start, _ADDRESS.sub(r"\\:", text))


def say(text: str) -> None:
    """Show a sentence built from the data in the notebook, as Markdown, escaped (see the module)."""
    from IPython.display import Markdown, display

    display(Markdown(escape_markdown(text)))
