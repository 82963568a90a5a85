"""The font inside the figure files: subsets of DejaVu Sans, made once and kept on disk.

An SVG carries a WOFF subset of each face it uses (:func:`woff_subset`), a PDF a TrueType
subset (:func:`cached_pdf_subsets`). Subsetting a font is most of the cost of a PDF or an SVG
(fontTools reads the whole font: about 0.2 s a face), so each subset holds :data:`REPERTOIRE`
(the letters of Vietnamese and English, digits and the signs the figures use) and any other
letter a figure draws, is made once per process and kept in memory, and is also written to
:func:`cache_dir`, so a later build (and each Jupyter kernel of one) reads it instead of making
it. A subset keeps the font's own date (fontTools would write the hour it was made), so a
figure saved twice gives the same PDF and SVG bytes. A subset on disk is named by the font
file (path, size, modification time), the letters it holds and the versions of matplotlib and
fontTools; one that cannot be read or does not match its checksum is made again and written
over. A cache folder that cannot be written only costs the time.
"""
from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import io
import json
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import matplotlib
from ..data.io import atomic_path

__all__ = ["FONT_FILES", "REPERTOIRE", "cache_dir", "woff_subset", "cached_pdf_subsets"]

#: The font files of each face used in a figure (all ship with matplotlib).
FONT_FILES = {("normal", "normal"): "DejaVuSans.ttf", ("bold", "normal"): "DejaVuSans-Bold.ttf",
              ("normal", "italic"): "DejaVuSans-Oblique.ttf", ("bold", "italic"): "DejaVuSans-BoldOblique.ttf"}
#: The letters every font subset holds: printable ASCII, the Vietnamese letters (precomposed, NFC)
#: and the signs the figures draw. A figure with other letters adds them to the subset.
REPERTOIRE = frozenset(
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    + "–—‘’“”…·×÷±°≈≤≥←→↑↓▲▼●◆■□○−\u00a0\u2009\u202f")
#: Bumped when what a cached subset file holds changes.
_FORMAT = 1


def cache_dir() -> Path:
    """Where subsets are kept: ``$DTLIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/dtlib/fonts`` (``~/.cache``)."""
    if os.environ.get("DTLIB_CACHE_DIR"):
        return Path(os.environ["DTLIB_CACHE_DIR"]) / "fonts"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dtlib" / "fonts"


def _cache_file(kind: str, font: str, face_index: int, held: Iterable) -> Path:
    """The file for the subset of ``font`` holding ``held`` (letters or glyph ids)."""
    from fontTools import version as fonttools_version

    stat = os.stat(font)
    key = json.dumps([_FORMAT, kind, os.path.abspath(font), stat.st_size, stat.st_mtime_ns, face_index,
                      sorted(held), matplotlib.__version__, fonttools_version], ensure_ascii=True)
    return cache_dir() / f"{kind}-{Path(font).stem}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _read_cached(path: Path) -> dict | None:
    """The record in ``path``, with its font bytes decoded; None when absent, unreadable or not matching its sum."""
    try:
        record = json.loads(path.read_text(encoding="ascii"))
        data = base64.b64decode(record["font"], validate=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if hashlib.sha256(data).hexdigest() != record.get("sha256"):
        return None
    record["font"] = data
    return record


def _write_cached(path: Path, data: bytes, **fields) -> None:
    """Keep ``data`` (a font's bytes) and ``fields`` in ``path``, whole or not at all; a failure is ignored."""

    record = {"font": base64.b64encode(data).decode("ascii"), "sha256": hashlib.sha256(data).hexdigest(), **fields}
    try:
        with atomic_path(path, fsync=False) as tmp:
            tmp.write_text(json.dumps(record), encoding="ascii")
    except OSError:
        pass


def _font_path(face: tuple[str, str]) -> str:
    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILES[face])


def woff_subset(face: tuple[str, str], chars: Iterable[str]) -> bytes:
    """A WOFF subset of ``face`` holding ``chars``: the one made for :data:`REPERTOIRE` when it holds them."""
    missing = frozenset(chars) - REPERTOIRE
    return _woff_subset(face, REPERTOIRE | missing)


@functools.lru_cache(maxsize=64)
def _woff_subset(face: tuple[str, str], chars: frozenset[str]) -> bytes:
    path = _font_path(face)
    stored = _cache_file("woff", path, 0, chars)
    record = _read_cached(stored)
    if record is not None:
        return record["font"]
    data = _make_woff(path, chars)
    _write_cached(stored, data)
    return data


def _make_woff(path: str, chars: frozenset[str]) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    # Vietnamese letters are precomposed glyphs (text is NFC): no layout tables needed, no hinting on screens
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables = [*options.drop_tables, "FFTM", "GSUB", "GPOS", "GDEF"]
    font = subset.load_font(path, options)
    font.recalcTimestamp = False        # the font's own date, not the hour it was subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    try:
        subset.save_font(font, out, options)
    finally:
        font.close()
    return out.getvalue()


# (font file, face index) -> (glyph ids held, the subset font's bytes, old glyph id -> new)
_PDF_SUBSETS: dict[tuple[tuple[str, int], frozenset], tuple[frozenset, bytes, dict]] = {}
_PDF_LOCK = threading.Lock()


@functools.lru_cache(maxsize=16)
def _repertoire_glyphs(path: str, face_index: int) -> frozenset:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(path, face_index=face_index) if face_index else FT2Font(path)
    return frozenset(g for g in (font.get_char_index(ord(c)) for c in REPERTOIRE) if g)


def _pdf_subset(pdf_ps, original, fontfile, key: tuple[str, int], union: frozenset) -> tuple[bytes, dict]:
    """The PDF subset of the font ``key`` holding the glyphs ``union`` (its bytes, old glyph id -> new):
    from disk, or made and kept there."""
    stored = _cache_file("pdf", key[0], key[1], union)
    record = _read_cached(stored)
    if record is not None:
        return record["font"], {int(old): int(new) for old, new in record["map"]}
    with original(fontfile, union) as made:
        made.font.recalcTimestamp = False       # the font's own date, not the hour it was subset
        data = pdf_ps.font_as_file(made.font).getvalue()
        mapping = {int(old): int(new) for old, new in dict(made.glyph_index_map).items()}
    _write_cached(stored, data, map=sorted(mapping.items()))
    return data, mapping


@contextlib.contextmanager
def cached_pdf_subsets(active: bool = True) -> Iterator[None]:
    """While saving a PDF, take each font's subset from memory or disk (see the module's docstring).

    Wraps matplotlib's ``_backend_pdf_ps.get_glyphs_subset`` (matplotlib 3.11: a font path and
    the glyph ids a figure uses, giving the subset font and the map of old glyph ids to new).
    The subset holds :data:`REPERTOIRE`'s glyphs and the figure's own; a figure with glyphs
    beyond the repertoire gets a subset of its own (kept too), so a PDF does not depend on which
    figures the process saved before it. Without that function (another
    matplotlib), or with ``active`` false, nothing changes.
    """
    try:
        from matplotlib.backends import _backend_pdf_ps as pdf_ps
    except ImportError:             # pragma: no cover - another matplotlib
        pdf_ps = None
    original = getattr(pdf_ps, "get_glyphs_subset", None)
    if not active or original is None or not hasattr(pdf_ps, "SubsetResults"):
        yield
        return

    def get_glyphs_subset(fontfile, glyphs):
        from fontTools.ttLib import TTFont

        key = (str(fontfile), int(getattr(fontfile, "face_index", 0) or 0))
        with _PDF_LOCK:
            # the repertoire and this figure's glyphs, never those of figures saved before it: a
            # figure's PDF is then the same bytes whichever figures its process saved first
            union = frozenset(glyphs) | _repertoire_glyphs(*key)
            held = _PDF_SUBSETS.get((key, union))
            if held is None:
                held = _PDF_SUBSETS[(key, union)] = (union, *_pdf_subset(pdf_ps, original, fontfile, key, union))
        # matplotlib writes this font into the PDF: as read, without the date of the writing
        return pdf_ps.SubsetResults(TTFont(io.BytesIO(held[1]), recalcTimestamp=False), held[2])._as_cm()

    pdf_ps.get_glyphs_subset = get_glyphs_subset
    try:
        yield
    finally:
        pdf_ps.get_glyphs_subset = original
