"""The layers of the package (docs/architecture.md): a module imports only from its own
layer or lower ones, and nothing below the rendering layer chooses a language."""

import ast
from pathlib import Path

import obligations

PACKAGE = Path(obligations.__file__).parent

# Lowest first. A module may import from its own layer and the layers before it.
LAYERS = [
    ["obligations.base"],
    ["obligations.calendar"],
    ["obligations.rules"],
    ["obligations.org"],
    ["obligations.occurrences"],
    ["obligations.log"],
    ["obligations.reconcile"],
    ["obligations.status"],
    ["obligations.report.due", "obligations.report.bulk", "obligations.report.overlay", "obligations.report.events",
     # offered as Workspace methods (explain, status, history): below the class, given it as a protocol
     "obligations.report.facade", "obligations.report.explain", "obligations.report.deliveries",
     "obligations.report.history"],
    ["obligations.workspace", "obligations.loading", "obligations.load_cache"],
    ["obligations.report"],
    ["obligations.render"],
    ["obligations.extract"],
    ["obligations.web"],
    ["obligations.cli", "obligations.__main__"],
    ["obligations"],
]


def layer_of(module: str) -> int:
    best, found = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found is not None, module
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        yield name, path


def imports(name, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target
            for alias in node.names:
                yield f"{target}.{alias.name}"


def test_no_module_imports_a_higher_layer():
    wrong = []
    for name, path in modules():
        if name == "obligations":
            continue
        mine = layer_of(name)
        for target in imports(name, path):
            if not target.startswith("obligations.") or target == "obligations":
                continue
            if layer_of(target) > mine:
                wrong.append(f"{name} (layer {mine}) imports {target} (layer {layer_of(target)})")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_language_is_chosen_only_when_rendering():
    found = [str(path) for name, path in modules()
             if "lang ==" in path.read_text(encoding="utf-8") and layer_of(name) < layer_of("obligations.render")]
    assert not found


def test_no_module_is_over_400_lines():
    big = {str(p): n for _, p in modules() if (n := p.read_text(encoding="utf-8").count("\n")) > 400}
    assert not big
