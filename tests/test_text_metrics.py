"""dtlib.figures.text_metrics: a text measured once per kind of renderer and resolution, the figures unchanged."""
import matplotlib
import matplotlib.pyplot as plt
import matplotlib.text as mtext
import pytest
from matplotlib.backends.backend_agg import RendererAgg

from dtlib.figures import style, text_metrics
from dtlib.figures.text_metrics import shared_text_metrics


@pytest.fixture(autouse=True)
def close(monkeypatch):
    monkeypatch.setattr(text_metrics, "_MEASURES", {})     # each test starts with nothing measured
    yield
    plt.close("all")


def _figure():
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([2021, 2022, 2023], [71.5, 84.0, 98.7])
    ax.set_title("Tỷ lệ hồ sơ trực tuyến toàn trình, Quảng Trị (gồm Quảng Bình cũ)")
    ax.set_xlabel("Năm")
    ax.set_ylabel("%")
    fig.tight_layout()
    return fig


def _saves(fig, folder, tag) -> dict[str, bytes]:
    """PDF (72 dpi), then PNG at two resolutions, then SVG: a cache blind to the resolution would spoil the PNGs."""
    out = {}
    for fmt, dpi in (("pdf", 72), ("png", 200), ("png", 100), ("svg", 72)):
        path = folder / f"{tag}-{dpi}.{fmt}"
        fig.savefig(path, format=fmt, dpi=dpi, metadata={"svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
                    if fmt != "png" else None)
        out[path.name.split("-", 1)[1]] = path.read_bytes()
    return out


@pytest.mark.heavy
def test_figures_saved_with_shared_measures_are_byte_for_byte_those_saved_without(tmp_path):
    with style.theme():
        plain = _saves(_figure(), tmp_path, "plain")
        with shared_text_metrics():
            shared = _saves(_figure(), tmp_path, "shared")
            again = _saves(_figure(), tmp_path, "again")     # every measure from the store
    for name in plain:
        if name.endswith(".pdf"):
            continue        # its font subset carries the time it was made (fontTools), compared below
        assert shared[name] == plain[name], name
        assert again[name] == plain[name], name
    page = [line for line in plain["72.pdf"].split(b"\n") if b" Td" in line or b"Tj" in line]
    assert page and page == [line for line in again["72.pdf"].split(b"\n") if b" Td" in line or b"Tj" in line]


def test_a_text_is_measured_once_however_many_renderers_draw_it(tmp_path, monkeypatch):
    calls = []
    measure = RendererAgg.get_text_width_height_descent

    def counted(self, s, prop, ismath):
        calls.append((s, self.dpi))
        return measure(self, s, prop, ismath)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counted)
    with style.theme(), shared_text_metrics():
        fig = _figure()
        fig.savefig(tmp_path / "a.png", dpi=200)
        first = len(calls)
        fig.savefig(tmp_path / "b.png", dpi=200)     # a new renderer, the same kind and resolution
        assert first > 0 and len(calls) == first
        fig.savefig(tmp_path / "c.png", dpi=150)     # another resolution: measured anew
        assert len(calls) > first and all(dpi == 150 for _, dpi in calls[first:])
        seen = len(calls)
        with matplotlib.rc_context({"text.hinting": "force_autohint"}):
            fig.savefig(tmp_path / "d.png", dpi=200)     # glyphs laid out differently: measured anew
        assert len(calls) > seen


def test_outside_the_block_matplotlib_measures_as_it_does_by_itself():
    original = mtext._get_text_metrics_with_cache
    with shared_text_metrics():
        assert mtext._get_text_metrics_with_cache is not original
        with shared_text_metrics():     # re-entrant
            pass
        assert mtext._get_text_metrics_with_cache is not original
    assert mtext._get_text_metrics_with_cache is original
    with pytest.raises(ZeroDivisionError), shared_text_metrics():
        1 / 0
    assert mtext._get_text_metrics_with_cache is original
