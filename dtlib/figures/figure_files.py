"""Writing a figure: PNG for screens and slides, SVG and PDF with their font embedded, and what it says.

The sizes a figure must keep
----------------------------
Every figure is drawn :data:`FIGURE_WIDTH` (10 in) wide. A *slide figure* is at most
:data:`SLIDE_HEIGHT` (5.6 in) tall: it fills the content area of a 16:9 slide (13.33 x 7.5 in,
less a title) at its own size, and on an A4 page it is scaled to the text block's 6.7 in
width (x0.67), where its smallest text (7 pt) stays above 4.5 pt. A taller figure (a heat-map
of many indicators) is a *page figure*: at most :data:`PAGE_BLOCK` 's proportions (6.7 x 9.7 in,
so 14.5 in tall at 10 in wide), it fits the A4 text block scaled the same way, and a slide
shows it smaller. :func:`fits` says which of the two a figure is; :func:`check_size` warns
(:class:`FigureSizeWarning`) when it fits neither.

The files
---------
PNG at :data:`PNG_DPI` (200 dpi: 2000 px across, full-HD slides with room to spare), and a
phone rendering of the figure at the same resolution (:mod:`dtlib.figures.phone`). SVG with
its text kept as text (searchable, readable by the language test) and a subset of DejaVu
Sans embedded as ``@font-face`` data URLs in its ``<style>``, so it shows the same on a
machine without the font. PDF with the font embedded as TrueType (``pdf.fonttype`` 42).
:func:`drawn_texts` lists the text a reader sees, from the SVG.

Both subsets hold :data:`REPERTOIRE` (the letters of Vietnamese and English, digits and the
signs the figures use) and any other letter a figure draws; they are made once and kept on
disk (:mod:`dtlib.figures.font_subsets`). Each file is a few tens of kilobytes larger; building the
pack's figures takes a third less time (README, performance).
"""
from __future__ import annotations

import base64
import io
import re
import warnings
from html import unescape
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from .font_subsets import REPERTOIRE, cached_pdf_subsets, woff_subset
from ..data.io import atomic_path

__all__ = ["FIGURE_WIDTH", "SLIDE_HEIGHT", "PAGE_BLOCK", "PNG_DPI", "REPERTOIRE", "FigureSizeWarning", "fits",
           "check_size", "saved_box", "save_atomic", "embed_font", "cached_pdf_subsets", "drawn_texts", "preview_png"]

#: Width of every figure, in inches.
FIGURE_WIDTH = 10.0
#: The tallest a slide figure may be at :data:`FIGURE_WIDTH`, in inches (16:9 content area).
SLIDE_HEIGHT = 5.6
#: The A4 text block (width, height) in inches; a page figure keeps within its proportions.
PAGE_BLOCK = (6.7, 9.7)
#: Resolution of the PNG: 2000 px across at 10 in.
PNG_DPI = 200
#: zlib level of the PNG: level 3 writes the pack's 22 PNGs in 1.6 s where Pillow's default (6)
#: takes 2.3 s, and they are 14% smaller (README, performance).
PNG_COMPRESSION = 3
#: The preview's 256 colours are chosen on a copy this many times smaller in each direction.
PALETTE_SAMPLE = 4
_SLACK = 0.05   # inches: bbox "tight" rounding
_PAD = 0.25     # inches: the white margin savefig adds on each side (savefig.pad_inches 0.12)
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)


class FigureSizeWarning(UserWarning):
    """A figure is larger than a slide's content area and an A4 page's text block allow."""


def fits(size: tuple[float, float]) -> list[str]:
    """Where a figure saved at ``size`` (width, height in inches) fits: ``["slide", "page"]``, one, or none.

    The width may exceed :data:`FIGURE_WIDTH` by the white margin savefig adds (0.12 in a side).
    """
    width, height = size
    out = []
    wide = width <= FIGURE_WIDTH + _PAD + _SLACK
    if wide and height <= SLIDE_HEIGHT + _SLACK:
        out.append("slide")
    if wide and height / width <= PAGE_BLOCK[1] / PAGE_BLOCK[0] + 0.01:
        out.append("page")
    return out


def saved_box(fig: Figure):
    """The area of ``fig`` that is saved, in inches: with ``savefig.bbox`` "tight", what is drawn plus the pad.

    Computed once (a full draw) and given to every format, so each saves without drawing twice.
    """
    from matplotlib.transforms import Bbox

    if matplotlib.rcParams["savefig.bbox"] == "tight":
        return fig.get_tightbbox(fig.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    width, height = fig.get_size_inches()
    return Bbox.from_bounds(0, 0, width, height)


def check_size(fig: Figure, name: str, box=None) -> tuple[float, float]:
    """The saved size of ``fig``; warns (:class:`FigureSizeWarning`) when it fits neither a slide nor a page."""
    box = saved_box(fig) if box is None else box
    size = round(float(box.width), 2), round(float(box.height), 2)
    if "page" not in fits(size):
        warnings.warn(f"figure {name!r} is {size[0]:.1f} x {size[1]:.1f} in: wider than {FIGURE_WIDTH:g} in or "
                      f"taller than an A4 text block's proportions ({PAGE_BLOCK[0]:g} x {PAGE_BLOCK[1]:g} in); "
                      "split it or draw fewer rows", FigureSizeWarning, stacklevel=3)
    return size


def save_atomic(fig: Figure, path: Path, fmt: str, box=None) -> None:
    """Save ``fig`` as ``fmt`` to ``path`` through a temporary file and a rename (the SVG with its font).

    ``box`` (:func:`saved_box`) is the area to save; without it, ``savefig.bbox`` decides.
    """

    meta = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt)
    extra = {} if box is None else {"bbox_inches": box}
    if fmt == "png":
        extra["pil_kwargs"] = {"compress_level": PNG_COMPRESSION}
    with atomic_path(path, fsync=False) as tmp:
        with matplotlib.rc_context({"pdf.fonttype": 42}), cached_pdf_subsets(fmt == "pdf"):
            fig.savefig(tmp, format=fmt, dpi=PNG_DPI if fmt == "png" else 72, metadata=meta, **extra)
        if fmt == "svg" and matplotlib.rcParams["svg.fonttype"] == "none":
            tmp.write_text(embed_font(tmp.read_text(encoding="utf-8")), encoding="utf-8")


def preview_png(path: str | Path, fig: Figure | None = None) -> bytes:
    """The PNG at ``path`` in 256 colours on white, as PNG bytes: the copy a notebook page shows.

    A page embeds each figure it shows; with the full-colour PNGs the 34-province trends page
    weighed 28 MB and rendering it took a worker 900 MB. A chart has few colours besides the
    antialiasing of its lines and letters, so 256 keep it as it looks, at the same size in
    pixels, in about a third of the bytes. The colours are chosen on a copy
    :data:`PALETTE_SAMPLE` times smaller each way (a pixel of a rare antialiasing shade may
    take a neighbouring one), and every pixel then takes the nearest. The figure's own PNG is
    unchanged.

    Given ``fig`` just saved to ``path`` (:func:`save_atomic`), the pixels are taken from its Agg
    canvas, which still holds them, rather than read back from the file; the file is read when
    the canvas holds a picture of another size.
    """
    from PIL import Image as PILImage

    image = _drawn_pixels(fig, path) if fig is not None else None
    if image is None:
        with PILImage.open(path) as opened:
            opened.load()
            image = opened.copy()
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        flat = image.convert("RGB")
    else:
        flat = PILImage.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A") if image.mode in ("RGBA", "LA") else None)
    sample = flat.reduce(PALETTE_SAMPLE) if min(flat.size) >= 8 * PALETTE_SAMPLE else flat
    palette = sample.quantize(256, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE)
    out = io.BytesIO()
    flat.quantize(palette=palette, dither=PILImage.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def _drawn_pixels(fig: Figure, path: str | Path):
    """The RGBA picture ``fig``'s Agg canvas last drew, when it is the size of the PNG at ``path``; else None."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PILImage

    renderer = getattr(fig.canvas, "renderer", None) if isinstance(fig.canvas, FigureCanvasAgg) else None
    if renderer is None:
        return None
    with open(path, "rb") as png:      # the PNG's IHDR: its width and height, big-endian, at bytes 16-24
        head = png.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    size = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    buffer = renderer.buffer_rgba()
    if (int(renderer.width), int(renderer.height)) != size or buffer.nbytes != size[0] * size[1] * 4:
        return None
    return PILImage.frombuffer("RGBA", size, bytes(buffer), "raw", "RGBA", 0, 1)


def _face(attributes: str) -> tuple[str, str]:
    weight = re.search(r"font-weight:\s*(\w+)", attributes)
    heavy = weight.group(1) if weight else "normal"
    bold = heavy == "bold" or heavy.isdigit() and int(heavy) >= 600
    italic = re.search(r"font-style:\s*(italic|oblique)", attributes) is not None
    return ("bold" if bold else "normal", "italic" if italic else "normal")


def drawn_texts(svg: str | Figure) -> list[str]:
    """Every line of text drawn in an SVG saved with ``svg.fonttype = "none"``, in drawing order.

    Given a figure, it is first drawn as such an SVG (in memory).
    """
    if isinstance(svg, Figure):
        buffer = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            svg.savefig(buffer, format="svg")
        svg = buffer.getvalue()
    return [unescape(body) for _, body in _TEXT.findall(svg) if unescape(body).strip()]


def embed_font(svg: str) -> str:
    """``svg`` with one ``@font-face`` per face of DejaVu Sans it uses, subset to the letters it draws.

    The subsets are WOFF files in base64 data URLs, added to the SVG's first ``<style>``.
    """
    chars: dict[tuple[str, str], set[str]] = {}
    for attributes, body in _TEXT.findall(svg):
        chars.setdefault(_face(attributes), set()).update(unescape(body))
    if not chars:
        return svg
    rules = []
    for face, used in sorted(chars.items()):
        data = base64.b64encode(woff_subset(face, used | {" "})).decode("ascii")
        weight, style = face
        rules.append(f"@font-face{{font-family:'DejaVu Sans';font-weight:{'700' if weight == 'bold' else '400'};"
                     f"font-style:{style};src:url(data:font/woff;base64,{data}) format('woff')}}")
    css = "\n".join(rules)
    if "<style" in svg:
        return re.sub(r"(<style[^>]*>)", lambda m: m.group(1) + css + "\n", svg, count=1)
    return svg.replace("<defs>", f'<defs>\n  <style type="text/css">{css}</style>', 1)
