"""Sentences built from the data reach the pack's HTML as text, never as markup (probe C1-C3)."""
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dtlib.cli import main
from dtlib.data.io import read_table, write_table, LINE
from dtlib.words.prose import escape_markdown

DATA = Path(__file__).resolve().parent.parent / "data"
EVIL = ' <script>alert(1)</script> "><img src=x onerror=alert(2)> [click](javascript:alert(3))'


def test_escape_markdown_neutralises_html_links_and_code():
    text = escape_markdown("Lào Cai" + EVIL + " `code`")
    assert "<" not in text and ">" not in text
    assert "\\[click\\](javascript:alert(3))" in text and "\\`code\\`" in text
    assert text.startswith("Lào Cai &lt;script&gt;")


# every free-text field a person can write, table by table (ids, dates, numbers and periods are checked)
FREE_TEXT = {
    "sources": ["title", "publisher", "note"],
    "units": ["name_vi", "name_en", "note"],
    "indicators": ["name_vi", "name_en", "definition", "method"],
    "observations": ["note"],
    "targets": ["instrument", "note"],
}


def spoiled_copy(tmp_path: Path) -> Path:
    store = Path(shutil.copytree(DATA, tmp_path / "data"))
    for table, columns in FREE_TEXT.items():
        frame = read_table(store / f"{table}.csv")
        for column in columns:
            frame[column] = frame[column] + EVIL
        if table == "observations":    # a quote without a stored text is not checked against one
            texts = read_table(store / "sources.csv").set_index("id")["file"]
            fileless = (frame["source"].map(texts) == "") & (frame["quote"] != "")   # (an empty quote stays empty)
            frame.loc[fileless, "quote"] = frame.loc[fileless, "quote"] + EVIL
        write_table(frame, store / f"{table}.csv", [c for c in frame.columns if c != LINE])
    return store


class _Markup(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name.lower() in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")


def live_markup(html: str) -> list[str]:
    """The event handlers and ``javascript:`` links that ``html`` really holds (not those written as text)."""
    parser = _Markup()
    parser.feed(html)
    return parser.found


def test_live_markup_finds_handlers_and_links_but_not_escaped_text():
    assert live_markup('<img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>') == [
        "<img onerror=...>", "<a href=javascript:alert(3)>"]
    assert live_markup("<img src='a.png' alt='&lt;img src=x onerror=alert(2)&gt;'><p>[x](javascript:y)</p>") == []


@pytest.mark.slow
def test_C1_C2_C3_data_text_never_reaches_the_packs_html_as_markup(tmp_path):
    store = spoiled_copy(tmp_path)
    assert main(["validate", "--data", str(store)]) == 0
    out = tmp_path / "pack"
    assert main(["report", "--data", str(store), "--out", str(out), "--quiet", "--jobs", "2"]) == 0
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 9                                    # the front page and every notebook
    seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        # parsed, not matched: escaped text inside an attribute (an image's alt) may spell "onerror" harmlessly
        assert not live_markup(html), (page, live_markup(html))
        seen += html.count("alert(1)")
    assert seen > 0          # the spoiled text did reach the pages, as text


# ---------------------------------------------------------------- probe 2, O09: Markdown in data stays literal

#: Markdown (and nbconvert's formulas) that data text may hold, each of which the renderer would turn into markup.
MARKDOWN_IN_DATA = [
    r"\[bấm vào đây\](http://evil.example/phish)", r"!\[\](http://evil.example/pixel.png)",
    "xem http://evil.example/x và https://evil.example/y", "*a* _b_ ~~c~~ **BOLD** __u__", "Lào Cai\n# tiêu đề",
    "dòng\n  ## đầu\n- mục\n+ mục\n1. mục\n2) mục\n===\n---", "$x$ và $$y$$, US$5", r"\begin{eq}a\end{eq} \(a\) \\[b\\]",
    "|a|b|\n|-|-|", "a\n\n    mã", "`mã` <b>đậm</b> [x](javascript:alert(1))", "snake_case 1.761 Tổ (gồm cả) TT&TT",
]


def rendered(markdown: str) -> str:
    """``markdown`` as a notebook page shows it: nbconvert's renderer, then the pack's sanitiser."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from dtlib.pack.worker import clean_html

    return clean_html(markdown2html_mistune(markdown))


def shown_text(html: str) -> str:
    """The text a reader sees in ``html`` (tags dropped, entities read)."""
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("text", MARKDOWN_IN_DATA)
def test_O09_markdown_in_data_text_is_shown_as_written(text):
    html = rendered(escape_markdown(text))
    assert re.fullmatch(r"(<p>[^<]*</p>\s*)+", html), html          # paragraphs of text, no other element
    assert "$$" not in html or "$$" in text                           # no display formula made
    assert shown_text(html).split() == " ".join(text.split()).split()  # the words as written (blank lines apart)


def test_O09_a_sentence_through_say_and_a_worked_example_through_markdown_stay_literal(monkeypatch):
    from dtlib.words import captions, prose
    from dtlib.briefing.notebook import Run

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, *a, **k: shown.append(obj.data))
    evil = r"Bộ \[x\](http://e.example) *a* _b_ ~~c~~" + "\n# h"
    prose.say(f"Nguồn: {evil}")
    assert shown_text(rendered(shown[-1])) == f"Nguồn: {evil}"
    assert re.fullmatch(r"<p>[^<]*</p>\s*", rendered(shown[-1]))
    row = {"unit_name": evil, "indicator_name": "_x_", "target_unit_name": "*y*", "instrument": evil,
           "comparator": ">=", "value": 1, "target": 2, "as_of": pd.Timestamp("2024-12-31"),
           "deadline": pd.Timestamp("2025-12-31"), "status": "insufficient_data", "gap": 1, "indicator": "x"}
    Run.markdown(None, captions.worked_example({"row": row, "kind": "gap"}, {"x": True}, lambda v, r: str(v)))
    html = rendered(shown[-1])
    assert "<a " not in html and "<h1" not in html and "<del>" not in html and "$$" not in html
    assert html.count("<strong>") == 2 and html.count("<em>") == 1     # the template's own emphasis only
    assert "*y*" in shown_text(html) and "_x_" in shown_text(html)
