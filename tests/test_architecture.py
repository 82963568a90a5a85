"""The layers of ``dtlib`` (``ARCHITECTURE.md``): no module imports a module of a higher layer.

Each layer is a subpackage (``dtlib/data/`` ... ``dtlib/pack/``), the command line on top. Imports
inside functions count as imports, and none but the command line's is allowed (see
``KNOWN_IN_FUNCTION``); no two modules may import each other, directly or round a loop.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dtlib"

#: The layers, lowest first: a subpackage of ``dtlib`` each, and the command line (``dtlib/cli.py``,
#: ``__main__``, the package's ``__init__``) on top. A module may import its own layer and those below it.
ORDER = ("data", "analysis", "intake", "words", "figures", "briefing", "pack", "cli")


def key_of(path: Path) -> str:
    """``data.dataset`` for ``dtlib/data/dataset.py``; ``cli`` for ``dtlib/cli.py``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts)


def layer_of(key: str) -> str:
    return key.split(".")[0] if "." in key else "cli"


MODULES = {key_of(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(source: str, key: str) -> list[tuple[str, int]]:
    """The ``dtlib`` modules (keys such as ``data.dataset``) that the module ``key`` imports, with line numbers.

    Relative imports are resolved from the module's package; ``import dtlib.x`` and ``from dtlib.x
    import y`` count as well. A name imported from a package (``from ..words import i18n``) is its
    module; a public name of a module (``from .dataset import load``) is that module.
    """
    package = key.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 > len(package):
                    continue
                base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            elif (node.module or "").split(".")[0] == "dtlib":
                base = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                for candidate in (".".join([*base, alias.name]), ".".join(base)):
                    if candidate in MODULES:
                        found.append((candidate, node.lineno))
                        break
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "dtlib" and len(parts) >= 3:
                    found.append((".".join(parts[1:3]), node.lineno))
    return found


def upward(key: str, source: str) -> list[str]:
    """Each import of the module ``key`` (whose text is ``source``) that goes to a higher layer, as a sentence."""
    mine = ORDER.index(layer_of(key))
    return [f"dtlib/{key.replace('.', '/')}.py:{line} imports {target} ({layer_of(target)}, above {layer_of(key)})"
            for target, line in imports_of(source, key)
            if layer_of(target) in ORDER and ORDER.index(layer_of(target)) > mine]


def graph() -> dict[str, set[str]]:
    return {key: {t for t, _ in imports_of(path.read_text(encoding="utf-8"), key) if t in MODULES}
            for key, path in MODULES.items()}


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


def test_every_module_sits_in_a_layer_and_the_layout_says_so():
    import dtlib

    strays = sorted(k for k in MODULES if layer_of(k) not in ORDER or (layer_of(k) == "cli" and k not in
                                                                        ("cli", "__main__", "__init__")))
    assert not strays, f"put these modules in a layer's folder (ARCHITECTURE.md): {strays}"
    folders = {k.split(".")[0]: set() for k in MODULES if "." in k}
    for k in MODULES:
        if "." in k and not k.endswith("__init__"):
            folders[k.split(".")[0]].add(k.split(".")[1])
    assert folders == {package: set(modules) for package, modules in dtlib.LAYOUT.items()}, \
        "dtlib.LAYOUT (the flat names kept for one release) must list each layer's modules"


def test_no_module_imports_a_higher_layer():
    found = [s for key, path in MODULES.items() for s in upward(key, path.read_text(encoding="utf-8"))]
    assert not found, "an import goes up a layer (see ARCHITECTURE.md):\n" + "\n".join(found)


@pytest.mark.parametrize("key, source", [
    ("data.dataset", "from ..pack.report import build_pack\n"),                 # data → pack
    ("analysis.observations", "def f():\n    from ..figures.plots import trend\n"),   # inside a function
    ("words.captions", "from ..pack import deck\n"),                             # words → pack
    ("analysis.targets", "import dtlib.words.i18n\n"),                           # analysis → words, by name
    ("data.io", "from dtlib.analysis.targets import attainment\n"),              # data → analysis, by name
])
def test_the_rule_fails_when_a_lower_layer_imports_a_higher_one(key, source):
    assert len(upward(key, source)) == 1


def test_the_rule_lets_a_module_import_its_layer_and_below():
    assert upward("pack.report", "from ..data.dataset import load\nfrom .front_page import x\n"
                                 "from ..words import i18n\n") == []
    assert [t for t, _ in imports_of("from .front_page import x\nfrom ..words import i18n, names\n", "pack.report")] \
        == ["pack.front_page", "words.i18n", "words.names"]


def test_no_cycle_of_imports():
    found = cycles(graph())
    assert not found, f"modules that import each other: {[sorted(c) for c in found]}"


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
    found = {k: n for k, p in MODULES.items() if (n := imports_in_functions(p.read_text("utf-8")))}
    grown = {m: n for m, n in found.items() if n > KNOWN_IN_FUNCTION.get(m, (0, ""))[0]}
    assert not grown, f"imports inside functions (move them to the top of the file): {grown}"
    shrunk = {m: (KNOWN_IN_FUNCTION[m][0], found.get(m, 0)) for m in KNOWN_IN_FUNCTION
              if found.get(m, 0) < KNOWN_IN_FUNCTION[m][0]}
    assert not shrunk, f"fewer imports inside functions than listed: lower KNOWN_IN_FUNCTION: {shrunk}"


def test_an_import_inside_a_function_is_counted():
    assert imports_in_functions("from . import a\ndef f():\n    from .b import c\n    def g():\n"
                                "        from . import d\n") == 2
    assert imports_in_functions("def f():\n    import dtlib\n    from dtlib.data.io import say\n    import os\n") == 2


def test_the_flat_names_of_before_import_the_same_modules():
    # issue 22: notebooks and scripts written before the move keep working for one release
    import importlib

    import dtlib
    import dtlib.notebook as nb
    from dtlib import captions
    from dtlib.targets import attainment_table

    for package, modules in dtlib.LAYOUT.items():
        for module in modules:
            assert importlib.import_module(f"dtlib.{module}") is importlib.import_module(f"dtlib.{package}.{module}")
    assert nb is dtlib.briefing.notebook and captions is dtlib.words.captions
    assert attainment_table is dtlib.analysis.targets.attainment_table is dtlib.attainment_table
