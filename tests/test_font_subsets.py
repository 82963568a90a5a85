"""dtlib.figures.font_subsets: the font subsets of the figure files made once, kept on disk, made again when spoilt."""
import json

import matplotlib
import matplotlib.pyplot as plt
import pytest
from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont

from dtlib.figures import figure_files, font_subsets, style

from .pdf_fonts import pdf_letters

TEXT = "Quảng Trị (gồm Quảng Bình cũ), Lào Cai 98,7% ≥ 95%"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and nothing held in this process's memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DTLIB_CACHE_DIR", str(folder))
    monkeypatch.setattr(font_subsets, "_PDF_SUBSETS", {})
    font_subsets._woff_subset.cache_clear()
    yield folder / "fonts"
    font_subsets._woff_subset.cache_clear()
    plt.close("all")


def _save(folder, name):
    with style.theme(), matplotlib.rc_context({"svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.05, 0.5, TEXT)
        ax.set_title("Chuyển đổi số", fontweight="bold")
        for fmt in ("pdf", "svg"):
            figure_files.save_atomic(fig, folder / f"{name}.{fmt}", fmt)
        plt.close(fig)
    return (folder / f"{name}.pdf").read_bytes(), (folder / f"{name}.svg").read_text(encoding="utf-8")


def _forget_in_memory(monkeypatch):
    """As a new process (a kernel of the next build): nothing in memory, only what is on disk."""
    monkeypatch.setattr(font_subsets, "_PDF_SUBSETS", {})
    font_subsets._woff_subset.cache_clear()


def _no_subsetting(monkeypatch):
    def refuse(self, font):
        raise AssertionError("a subset was made where the one on disk should have been read")
    monkeypatch.setattr(ft_subset.Subsetter, "subset", refuse)


@pytest.mark.heavy
def test_a_later_process_reads_the_subsets_from_disk_and_saves_the_same_files(tmp_path, cache, monkeypatch):
    pdf, svg = _save(tmp_path, "first")
    kept = sorted(p.name for p in cache.iterdir())
    assert any(n.startswith("pdf-DejaVuSans-Bold") for n in kept) and any(n.startswith("woff-DejaVuSans-") for n in kept)
    _forget_in_memory(monkeypatch)
    _no_subsetting(monkeypatch)
    again_pdf, again_svg = _save(tmp_path, "again")
    assert again_pdf == pdf and again_svg == svg
    fonts = pdf_letters(again_pdf)
    full = TTFont(figure_files.Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf").getBestCmap()
    for char in set(TEXT) - {" "}:
        assert {font[char] for font in fonts if char in font} == {full[ord(char)]}, char


@pytest.mark.heavy
@pytest.mark.parametrize("spoil", ["truncated", "other bytes", "not json"])
def test_a_spoilt_subset_on_disk_is_made_again_and_written_over(tmp_path, cache, monkeypatch, spoil):
    pdf, svg = _save(tmp_path, "first")
    for path in cache.iterdir():
        text = path.read_text(encoding="ascii")
        if spoil == "truncated":
            path.write_text(text[: len(text) // 2], encoding="ascii")
        elif spoil == "other bytes":
            record = json.loads(text)
            record["font"] = record["font"][:-8] + "AAAAAAA="
            path.write_text(json.dumps(record), encoding="ascii")
        else:
            path.write_bytes(b"\x00\xff")
    _forget_in_memory(monkeypatch)
    again_pdf, again_svg = _save(tmp_path, "again")
    assert again_svg == svg
    assert pdf_letters(again_pdf) and all(set(f) for f in pdf_letters(again_pdf))
    for path in cache.iterdir():   # each made again and written whole
        assert font_subsets._read_cached(path) is not None, path.name


@pytest.mark.heavy
def test_a_cache_folder_that_cannot_be_written_only_costs_the_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DTLIB_CACHE_DIR", str(blocker))
    monkeypatch.setattr(font_subsets, "_PDF_SUBSETS", {})
    font_subsets._woff_subset.cache_clear()
    pdf, svg = _save(tmp_path, "first")
    assert pdf.startswith(b"%PDF") and "@font-face" in svg
    font_subsets._woff_subset.cache_clear()


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DTLIB_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert font_subsets.cache_dir() == tmp_path / "xdg" / "dtlib" / "fonts"
    monkeypatch.setenv("DTLIB_CACHE_DIR", str(tmp_path / "own"))
    assert font_subsets.cache_dir() == tmp_path / "own" / "fonts"


@pytest.mark.heavy
def test_a_pdf_is_the_same_bytes_whatever_figures_its_process_saved_before_it(tmp_path, cache, monkeypatch):
    # issue 22: a kept kernel grew its subset with every glyph asked for so far, so a profile's PDF
    # changed with the runs its kernel had served before (two builds of one commit differed in 2 PDFs)
    alone, _ = _save(tmp_path, "alone")
    _forget_in_memory(monkeypatch)
    with style.theme():
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.05, 0.5, "Ω ∑ ∂ ₫ ✓")              # glyphs beyond the repertoire, in an earlier figure
        figure_files.save_atomic(fig, tmp_path / "other.pdf", "pdf")
        plt.close(fig)
    after, _ = _save(tmp_path, "after")
    assert after == alone
