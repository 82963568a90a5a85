"""The layers of ``dtlib`` (``ARCHITECTURE.md``): no module imports a module of a higher layer.

A ratchet: the imports that break the rule today are listed, each with what moving it takes, and
the test fails both on a new one and on a listed one that is gone (so the list only shrinks).
Imports inside functions count as imports.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dtlib"

#: The layers, lowest first. A module may import its own layer and those below it.
ORDER = ("data", "analysis", "ingest", "words", "figures", "briefing", "pack", "cli")
LAYERS = {
    "data": ("errors", "text", "vocab", "paths", "io", "locks", "periods", "schema", "store", "dataset"),
    "analysis": ("observations", "verdict_rules", "targets", "verdicts", "lineage", "compare", "reorganisation", "changes"),
    "ingest": ("inputs", "ingest", "extract", "extract_context", "extract_match", "extract_patterns"),
    "words": ("messages", "i18n", "formats", "names", "prose", "captions", "findings", "tables"),
    "figures": ("colours", "style", "plots", "heatmaps", "trend_panels", "figure_files", "font_subsets", "glyphs",
                "phone", "text_metrics"),
    "briefing": ("run", "trends", "notebook"),
    "pack": ("report", "worker", "outputs", "front_page", "deck", "workbook", "rebuild", "publish"),
    "cli": ("cli", "__main__", "__init__"),
}
LAYER_OF = {module: layer for layer, modules in LAYERS.items() for module in modules}

#: Imports that go up a layer, and what it takes to end each: none since issue 22 (lineage → i18n
#: and reorganisation → i18n moved their words to dtlib.names and dtlib.captions). Keep it empty.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}
#: Groups of modules that import each other: none since issue 22 (report/front_page,
#: notebook/trends and lineage/verdicts/targets ended). Keep it empty.
KNOWN_CYCLES: set[frozenset[str]] = set()


def imports_of(source: str) -> list[tuple[str, int]]:
    """The ``dtlib`` modules a module's source imports (relative imports), with their line numbers."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module.split(".")[0]] if node.module else [alias.name for alias in node.names]
            found += [(name, node.lineno) for name in names]
    return found


def upward(module: str, source: str) -> list[str]:
    """Each import of ``module`` (whose text is ``source``) that goes to a higher layer, as a sentence."""
    mine = ORDER.index(LAYER_OF[module])
    return [f"dtlib/{module}.py:{line} imports {target} ({LAYER_OF[target]}, above {LAYER_OF[module]})"
            for target, line in imports_of(source)
            if target in LAYER_OF and ORDER.index(LAYER_OF[target]) > mine]


def graph() -> dict[str, set[str]]:
    return {path.stem: {t for t, _ in imports_of(path.read_text(encoding="utf-8")) if t in LAYER_OF}
            for path in PACKAGE.glob("*.py")}


def cycles(edges: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), set(), [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.add(frozenset(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_every_module_has_a_layer():
    missing = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in LAYER_OF)
    assert not missing, f"give these modules a layer in ARCHITECTURE.md and here: {missing}"


def test_no_module_imports_a_higher_layer_beyond_the_known_ones():
    found = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for sentence in upward(path.stem, path.read_text(encoding="utf-8")):
            target = sentence.split(" imports ")[1].split(" ")[0]
            found.setdefault((path.stem, target), sentence)
    new = [s for key, s in found.items() if key not in KNOWN_UPWARD]
    assert not new, "an import goes up a layer (see ARCHITECTURE.md):\n" + "\n".join(new)
    gone = sorted(set(KNOWN_UPWARD) - set(found))
    assert not gone, f"no longer imported: take these off KNOWN_UPWARD: {gone}"


@pytest.mark.parametrize("module, source", [
    ("dataset", "from .report import build_pack\n"),                      # data → pack
    ("observations", "def f():\n    from .plots import trend\n"),         # analysis → figures, inside a function
    ("captions", "from . import deck\n"),                                  # words → pack
])
def test_the_rule_fails_when_a_lower_layer_imports_a_higher_one(module, source):
    assert len(upward(module, source)) == 1


def test_the_rule_lets_a_module_import_its_layer_and_below():
    assert upward("report", "from .dataset import load\nfrom .front_page import x\nfrom . import i18n\n") == []


def test_no_new_cycle_of_imports():
    found = cycles(graph())
    assert found <= KNOWN_CYCLES, f"new cycles: {[sorted(c) for c in found - KNOWN_CYCLES]}"
    assert KNOWN_CYCLES <= found, f"cycles gone: take off KNOWN_CYCLES: {[sorted(c) for c in KNOWN_CYCLES - found]}"


def test_cycles_finds_a_cycle_of_three():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}


#: Modules that import dtlib modules inside functions, how many, and why (issue 22: 88 such imports
#: before, 43 after its second step, only the command line's now): the one documented exception.
KNOWN_IN_FUNCTION = {
    "cli": (16, "kept: `python -m dtlib` starts in its own code, pandas loaded only by the command that needs it"),
}


def _of_dtlib(node: ast.AST) -> bool:
    """An import of a dtlib module: relative (``from .x import y``) or by name (``import dtlib``)."""
    if isinstance(node, ast.ImportFrom):
        return node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == "dtlib")
    return isinstance(node, ast.Import) and any(a.name.split(".")[0] == "dtlib" for a in node.names)


def imports_in_functions(source: str) -> int:
    """How many ``dtlib`` imports of ``source`` sit inside a function."""
    inner = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner |= {id(s) for s in ast.walk(node) if _of_dtlib(s)}
    return len(inner)


@pytest.mark.heavy
def test_imports_sit_at_the_top_of_files_beyond_the_known_ones():
    found = {p.stem: n for p in sorted(PACKAGE.glob("*.py")) if (n := imports_in_functions(p.read_text("utf-8")))}
    grown = {m: n for m, n in found.items() if n > KNOWN_IN_FUNCTION.get(m, (0, ""))[0]}
    assert not grown, f"imports inside functions (move them to the top of the file): {grown}"
    shrunk = {m: (KNOWN_IN_FUNCTION[m][0], found.get(m, 0)) for m in KNOWN_IN_FUNCTION
              if found.get(m, 0) < KNOWN_IN_FUNCTION[m][0]}
    assert not shrunk, f"fewer imports inside functions than listed: lower KNOWN_IN_FUNCTION: {shrunk}"


def test_an_import_inside_a_function_is_counted():
    assert imports_in_functions("from . import a\ndef f():\n    from .b import c\n    def g():\n"
                                "        from . import d\n") == 2
    assert imports_in_functions("def f():\n    import dtlib\n    from dtlib.io import say\n    import os\n") == 2
