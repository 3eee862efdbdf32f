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
     "obligations.report.context", "obligations.report.not_active",
     # offered as Workspace methods (explain, status, history): below the class, given it as a protocol
     "obligations.report.facade", "obligations.report.explain", "obligations.report.deliveries",
     "obligations.report.status_report", "obligations.report.history", "obligations.report.count",
     "obligations.report.count_model", "obligations.report.count_bulk", "obligations.report.copies",
     "obligations.report.changes",
     "obligations.report.changes_model", "obligations.report.changes_reach", "obligations.report.revisions"],
    ["obligations.workspace", "obligations.loading", "obligations.load_cache"],
    ["obligations.report"],
    ["obligations.render"],
    ["obligations.extract"],
    ["obligations.notify"],          # reminders and escalations: above the reports and words it sends
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


# The one upward import allowed: a result type's ``to_dict`` (DueReport, Explanation, StatusReport)
# imports, inside that method, the writer of its JSON document from obligations.render. The
# document's words are rendering's job, yet a result must turn into its document without the
# workspace (issue 24); the writer takes the result's parts, never the result type, so that no
# import cycle arises (the architecture check counts cycles).
TO_DICT_MAY_IMPORT = "obligations.render."


def _inside_to_dict(tree):
    return {id(node) for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef) and fn.name == "to_dict"
            for node in ast.walk(fn)}


def imports(name, path, *, allowed_upward=False, source=None):
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    is_package = path.name == "__init__.py"
    in_to_dict = _inside_to_dict(tree) if allowed_upward else set()
    for node in ast.walk(tree):
        if id(node) in in_to_dict and isinstance(node, ast.ImportFrom) and not node.level \
                and (node.module or "").startswith(TO_DICT_MAY_IMPORT):
            continue
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
        for target in imports(name, path, allowed_upward=True):
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


def test_to_dict_may_import_only_renderers_and_only_inside_to_dict():
    # the exception above is narrow: an import of render at a module's top is still refused
    import textwrap
    source = textwrap.dedent("""
        from obligations.render.messages import pick
        class R:
            def to_dict(self, lang):
                from obligations.render.due_json import due_document
                from obligations.web.app import create_app
    """)
    tree_targets = list(imports("obligations.report.probe", PACKAGE / "report" / "probe.py",
                                allowed_upward=True, source=source))
    assert "obligations.render.messages" in tree_targets
    assert "obligations.web.app" in tree_targets
    assert "obligations.render.due_json" not in tree_targets
