"""The notebooks: the parameter contract with the runner, and runs on awkward inputs."""
import ast
import re
from pathlib import Path

import nbformat
import papermill as pm
import pandas as pd
import pytest

import dtlib
from dtlib.words import i18n
from dtlib.pack.report import plan

from .conftest import write_dataset

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: What the worker adds to every job's parameters (dtlib/pack/worker.py).
ADDED_BY_WORKER = {"out_dir"}


def parameters_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: one cell must be tagged 'parameters'"
    return cells[0].source


def declared_with_comments(source: str) -> dict[str, str]:
    """Each name assigned in the parameters cell → the comment on its line ("" if none)."""
    lines = source.splitlines()
    out = {}
    for node in ast.parse(source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, "the parameters cell holds assignments only"
        line = lines[node.lineno - 1]
        comment = re.search(r"#\s*(.*)$", line[node.end_col_offset:])
        out[node.targets[0].id] = comment.group(1).strip() if comment else ""
    return out


def jobs_of_every_kind():
    data = dtlib.load()
    yield from plan(data)
    yield from plan(data, units=["lao-cai", "lai-chau"], follow=False, lang="en")
    yield from plan(data, as_of="2024-12-31")


@pytest.mark.parametrize("job", list(jobs_of_every_kind()), ids=lambda j: j.name)
def test_every_parameter_the_runner_sends_is_declared_in_the_notebook(job):
    declared = pm.inspect_notebook(job.notebook)
    sent = set(job.parameters) | ADDED_BY_WORKER
    assert sent <= set(declared), f"{Path(job.notebook).name} does not declare {sorted(sent - set(declared))}"
    assert job.parameters["lang"] in i18n.LANGUAGES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_declared_parameter_says_what_it_is_and_lang_defaults_to_vietnamese(path):
    source = parameters_cell(path)
    comments = declared_with_comments(source)
    assert {"as_of", "lang", "out_dir", "data_dir"} <= set(comments)
    bare = [name for name, comment in comments.items() if len(comment.split()) < 3]
    assert not bare, f"{path.name}: parameters without a comment saying what they are: {bare}"
    assert ast.literal_eval(re.search(r"^lang\s*=\s*(.+?)\s*#", source, re.M).group(1)) == i18n.DEFAULT_LANGUAGE
    # papermill reads the same comments as each parameter's help
    assert all(p["help"] for p in pm.inspect_notebook(str(path)).values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_without_outputs_and_their_cells_are_short(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert len(cell.source.splitlines()) <= 14, cell.source
            # an f-string may name a file; a sentence (words and spaces) comes from dtlib.words.captions
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.JoinedStr):
                    words = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                    assert " " not in words, f"{path.name}: a sentence built in the notebook: {words!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_as_documents_in_jupyterlab(path):
    """A title, then a short Markdown cell before each section; tagged lab-only, so the pack drops them."""
    from dtlib.pack.worker import LAB_ONLY

    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    sections = [c for c in nb.cells if c.cell_type == "code" and "run.section(" in c.source]
    notes = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(notes) >= len(sections) + 1
    assert all(LAB_ONLY in c.metadata.get("tags", []) for c in notes)
    for before, cell in zip(nb.cells, nb.cells[1:]):
        if cell in sections:
            assert before.cell_type == "markdown", cell.source.splitlines()[0]


def run(notebook: str, out: Path, **params) -> str:
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{notebook}.out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(executed), cwd=str(ROOT / "notebooks"),
                        parameters={"out_dir": str(out), **params}, progress_bar=False)
    nb = nbformat.read(executed, as_version=4)
    return "\n".join(str(o.get("data", {}).get("text/markdown", "")) + str(o.get("data", {}).get("text/html", ""))
                     + str(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_a_profile_of_a_unit_with_targets_but_no_figures_lists_its_targets(tmp_path):
    data = write_dataset(tmp_path / "data")              # the mini data set: Lai Châu has a target, no figure
    text = run("01_profile", tmp_path / "out", unit="lai-chau", data_dir=str(data))     # in Vietnamese, the default
    assert "Lai Châu chưa báo cáo số liệu nào" in text
    assert "Xếp hạng DTI" in text and "≤\u00a045/63" in text and "31/12/2025" in text    # its own target
    for artefact in ("NaT", "&lt;NA&gt;", ">nan<", "dti_rank", "target_unit"):
        assert artefact not in text
    targets = pd.read_csv(tmp_path / "out" / "tables" / "profile_lai-chau_targets.csv").set_index("indicator")
    # its own plan's target, and the national targets that apply to every province (the CSV stays raw)
    assert set(targets.index) == {"dti_rank", "dossiers_online_province_pct", "adults_smart_device_pct"}
    assert (targets.loc["dti_rank", "target_unit"], targets.loc["dti_rank", "target"]) == ("lai-chau", 45)
    assert targets.loc["dossiers_online_province_pct", "target_unit"] == "vietnam"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", ["02_compare", "04_trends"])
def test_units_with_nothing_to_draw_do_not_crash(tmp_path, notebook):
    # before the mergers Yên Bái and Bắc Kạn were provinces of their own, with no figure in the data
    text = run(notebook, tmp_path / notebook, units=["yen-bai", "bac-kan"], as_of="2024-12-31", lang="en")
    assert "no figures" in text.lower() or "nothing" in text.lower() or "no indicator" in text.lower()
    assert not list((tmp_path / notebook).glob("*.png"))


def _notebook_text(page: Path) -> str:
    """The text a reader sees on a rendered notebook page (tags and styles dropped, entities read)."""
    import html

    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_packs_notebooks_read_in_its_language_with_formatted_tables(built_pack, lang):
    from dtlib.words.messages import MESSAGES

    other = "en" if lang == "vi" else "vi"
    pages = sorted((built_pack(lang) / "notebooks").glob("*.html"))
    assert len(pages) >= 8
    # the other language's headings, narration and headers of the notebooks never appear
    foreign = [e[other] for k, e in MESSAGES.items() if k.startswith(("nb.section.", "nb.column."))
               and e[other] != e[lang] and len(e[other]) > 12 and "{" not in e[other]]
    own = [e[lang] for k, e in MESSAGES.items() if k.startswith("nb.section.") and k.endswith(".title")
           and "{" not in e[lang]]
    def plain(text: str) -> str:
        return " ".join(re.sub(r"[`*_]", " ", text).split())

    lab_only = [plain(c.source.split("\n\n")[1])[:50] for path in NOTEBOOKS
                for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    seen = set()
    for page in pages:
        text = _notebook_text(page)
        leaked = [f for f in foreign if f in text]
        assert not leaked, (page.name, leaked[:3])
        assert not [n for n in lab_only if n in plain(text)], page.name      # JupyterLab's notes stay there
        assert not re.search(r"\bNaT\b|<NA>|\bnan\b|\d\.\d{4}0\b", text), page.name
        seen |= {o for o in own if o in text}
    assert len(seen) >= len(own) - 2       # nearly every section of the five notebooks was shown
