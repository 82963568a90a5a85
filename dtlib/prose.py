"""Sentences built from the data, shown in a notebook: escaped so that no data value becomes markup.

A notebook's sentences are rendered as Markdown, and nbconvert turns Markdown into HTML without
escaping raw HTML. A unit name, an instrument or a source title that holds ``<script>`` or
``[text](javascript:...)`` would then reach the pack's HTML live. The sentence templates of
this project use no HTML and no links, only emphasis (``**``), so :func:`say` escapes what
could start markup in the whole sentence: ``&``, ``<`` and ``>`` become entities, and ``[``,
``]`` and a backtick are backslash-escaped. The HTML renderer sanitises as well (a second fence).
"""
from __future__ import annotations

__all__ = ["escape_markdown", "say"]

_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`"}


def escape_markdown(text: object) -> str:
    """``text`` with every character that could open HTML, a link or code escaped.

    >>> escape_markdown('Quyết định <script>alert(1)</script> [x](javascript:alert(2))')
    'Quyết định &lt;script&gt;alert(1)&lt;/script&gt; \\\\[x\\\\](javascript:alert(2))'
    """
    return "".join(_MARKUP.get(ch, ch) for ch in str(text))


def say(text: str) -> None:
    """Show a sentence built from the data in the notebook, as Markdown, escaped (see the module)."""
    from IPython.display import Markdown, display

    display(Markdown(escape_markdown(text)))
