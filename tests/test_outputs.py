"""dtlib.pack.outputs and the runner: summary.md, briefing.pptx, tables.xlsx in the pack; one failing fails the
build clearly but loses nothing."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from dtlib.pack import deck, report

from dtlib.words import i18n
from dtlib.pack.outputs import OUTPUTS, save_atomic, write_briefing

from .mini_pack import AS_OF, write_mini_pack


@pytest.mark.heavy
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_three_outputs_are_written_and_the_findings_kept_for_the_manifest(tmp_path, mini, lang):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, lang)
    result = write_briefing(out, manifest)
    assert result["ok"] and set(result["outputs"]) == set(OUTPUTS)
    assert all((out / name).stat().st_size > 0 for name in OUTPUTS)
    assert result["findings"] and all(set(f) == {"text", "figure"} for f in result["findings"])
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.splitlines()[0].startswith("# ") and i18n.date(AS_OF, lang) in summary.splitlines()[0]
    for f in result["findings"]:
        assert f["text"] and (f["figure"] is None or (out / f"{f['figure']}.png").exists())
    assert not list(out.glob(".*.tmp"))                   # no temporary file left behind


@pytest.mark.heavy
def test_one_output_failing_leaves_the_others_and_says_which(tmp_path, mini, monkeypatch):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, "en")

    def broken(*args, **kwargs):
        raise RuntimeError("no slides today")
    monkeypatch.setattr(deck, "build_deck", broken)
    result = write_briefing(out, manifest)
    assert not result["ok"]
    assert result["outputs"]["briefing.pptx"] == {"status": "failed", "error": "RuntimeError: no slides today",
                                                  "kept_previous": False}
    assert result["outputs"]["summary.md"]["status"] == result["outputs"]["tables.xlsx"]["status"] == "ok"
    assert not (out / "briefing.pptx").exists() and not list(out.glob(".briefing.pptx.*"))


def test_a_failure_before_any_output_fails_each_and_keeps_the_previous_files(tmp_path, mini):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, "en")
    (out / "summary.md").write_text("previous pack's summary", encoding="utf-8")
    manifest["runs"][0]["parameters"]["data_dir"] = str(tmp_path / "no-such-data")
    result = write_briefing(out, manifest)
    assert {o["status"] for o in result["outputs"].values()} == {"failed"}
    assert result["outputs"]["summary.md"]["kept_previous"] is True
    assert (out / "summary.md").read_text(encoding="utf-8") == "previous pack's summary"


def test_save_atomic_leaves_the_old_file_when_saving_fails(tmp_path):
    path = tmp_path / "x.pptx"
    path.write_bytes(b"old")

    class Broken:
        def save(self, target):
            with open(target, "wb") as handle:
                handle.write(b"half")
            raise OSError("disk full")
    with pytest.raises(OSError, match="disk full"):
        save_atomic(Broken(), path)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.pptx"]


def _finish(tmp_path, mini, lang="en"):
    building = tmp_path / "pack"
    manifest = write_mini_pack(building, mini, lang)
    records = {r["name"]: r for r in manifest["runs"]}
    jobs = [report.Job(r["notebook"], r["name"], r["parameters"]) for r in manifest["runs"]]
    return building, report._finish(jobs, records, building, "build-1", None, (None, None),
                                     {"as_of": AS_OF, "why": "test"}, None, lang)


@pytest.mark.heavy
def test_the_runner_records_outputs_and_findings_in_the_manifest(tmp_path, mini):
    building, manifest = _finish(tmp_path, mini)
    assert manifest["ok"] and set(manifest["outputs"]) == set(OUTPUTS)
    written = json.loads((building / "manifest.json").read_text(encoding="utf-8"))
    assert written["findings"] == manifest["findings"] and written["findings"]
    assert all((building / name).exists() for name in OUTPUTS)


@pytest.mark.heavy
def test_the_runner_fails_the_build_on_a_failed_output_but_writes_the_pack(tmp_path, mini, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise ValueError("bad workbook")
    monkeypatch.setattr("dtlib.pack.workbook.build_workbook", broken)
    building, manifest = _finish(tmp_path, mini)
    assert manifest["ok"] is False and manifest["outputs"]["tables.xlsx"]["status"] == "failed"
    assert "FAILED tables.xlsx: ValueError: bad workbook" in capsys.readouterr().err
    assert (building / "index.html").exists() and (building / "manifest.json").exists()
    assert (building / "summary.md").exists() and (building / "briefing.pptx").exists()


@pytest.mark.heavy
def test_outputs_take_little_time_beside_a_build(tmp_path, mini):
    out = tmp_path / "pack"
    manifest = write_mini_pack(out, mini, "en")
    start = time.perf_counter()
    write_briefing(out, manifest)
    assert time.perf_counter() - start < 20


# ------------------------------------------------------------------------------ the shipped pack, end to end

@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_shipped_pack_has_a_summary_deck_and_workbook_that_read_back(built_pack, lang):
    out = built_pack(lang)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {name: o["status"] for name, o in manifest["outputs"].items()} == {name: "ok" for name in OUTPUTS}
    assert 5 <= len(manifest["findings"]) <= 10
    summary = (out / "summary.md").read_text(encoding="utf-8")
    items = [line for line in summary.splitlines() if line.startswith("- ")]
    findings = items[:len(manifest["findings"])]
    assert 5 <= len(findings) <= 10
    for target in re.findall(r"\(index\.html#([^)]+)\)", "\n".join(findings)):
        assert (out / f"{target}.png").exists() and (out / f"{target}.json").exists()
    assert sum("(index.html#" in line for line in findings) >= 5
    slides = list(Presentation(str(out / "briefing.pptx")).slides)
    assert slides[0].shapes.title.text == i18n.t("deck.title", lang) and len(slides) >= 5
    sheets = pd.read_excel(out / "tables.xlsx", sheet_name=None, header=None)
    assert i18n.t("workbook.about", lang) == list(sheets)[0]
    # the About sheet names each table's sheet beside its CSV file; every CSV has its readable sheet
    about = sheets[i18n.t("workbook.about", lang)]
    listed = {str(file): str(sheet) for sheet, file in zip(about[0], about[1]) if str(file).startswith("tables/")}
    assert set(listed) == {f"tables/{p.name}" for p in (out / "tables").glob("*.csv")}
    assert set(listed.values()) <= set(sheets) and all(len(name) <= 31 for name in sheets)
    assert len(set(listed.values())) == len(listed)
    assert not any(Path(f).stem in sheets for f in listed if "_" in Path(f).stem)   # names, not the CSV stems


def test_runs_without_a_report_date_get_no_outputs_and_stay_ok(tmp_path):
    manifest = {"built": "2026-01-01T00:00:00", "lang": "en", "ok": True,
                "runs": [{"name": "run-a", "notebook": "good.ipynb", "status": "ok", "parameters": {"name": "fig_a"},
                          "figures": []}]}
    result = write_briefing(tmp_path, manifest)
    assert result["ok"] and {o["status"] for o in result["outputs"].values()} == {"skipped"}
    assert not any((tmp_path / name).exists() for name in OUTPUTS)


def test_O10_summary_md_writes_an_ampersand_once_and_still_escapes_markup():
    # issue 19 (and probe 2, O10): "TT&amp;TT" in the Vietnamese summary.md (the ampersand of Bộ TT&TT escaped for nothing)
    from dtlib.words.findings import Finding
    from dtlib.pack.outputs import summary_markdown

    text = summary_markdown([Finding("caveat", "ước tính của Bộ TT&TT/KH&CN; <script>x</script> &lt;")],
                            "2026-03-31", "2026-12-06", lang="vi")
    assert "Bộ TT&TT/KH&CN" in text and "&amp;TT" not in text
    assert "<script>" not in text and "&lt;script&gt;" in text and "&amp;lt;" in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_summary_without_findings_says_so_under_its_heading(lang):
    # probe 2's re-run: a store with no figure gave summary.md an empty "Những điểm chính"
    from dtlib.pack.outputs import summary_markdown

    text = summary_markdown([], "2026-03-31", "2026-12-07", lang=lang)
    after = text.split(f"## {i18n.t('findings.title', lang)}", 1)[1].strip()
    assert after.startswith(i18n.t("summary.no_findings", lang)[:30]) and "\n" not in after
