"""Several rules directories layered into one rule set: each adds to the ones before it
(a province's own letters over the bundled set; docs/rules.md section 9)."""

from __future__ import annotations

from collections.abc import Sequence

from obligations.base.errors import DataFileError, ObligationsError
from obligations.rules.model import Directive


def replaces_itself(directive: Directive) -> bool:
    """A later directory's file that takes the place of an earlier file with the same id."""
    return any(c.kind == "replace" and c.on_directive and c.target == directive.id for c in directive.changes)


def layered(layers: Sequence[Sequence[Directive]], problems: list[ObligationsError]
            ) -> tuple[tuple[Directive, ...], tuple[Directive, ...]]:
    """The directives of several directories, each layer adding to the ones before it
    (see ``loader.load_rules``), sorted by id, and the earlier ones a later file stands in
    for; what cannot be layered is added to ``problems``."""
    chosen: dict[str, Directive] = {}
    shadowed: list[Directive] = []
    for layer in layers:
        before = dict(chosen)   # twice in one directory is reported by _load_directory
        for directive in layer:
            earlier = before.get(directive.id) or next(
                (d for d in before.values() if d.number == directive.number), None)
            if earlier is not None and not (earlier.id == directive.id and replaces_itself(directive)):
                problems.append(DataFileError(
                    f"directive {directive.id!r} ({directive.number}) is already defined in {earlier.file}",
                    file=directive.file, place="[directive]",
                    fix=f'give it another id and number, or add [[replace]] directive = "{directive.id}" '
                        "to stand in its place (docs/rules.md section 9)"))
                continue
            if earlier is not None:
                shadowed.append(earlier)
            chosen[directive.id] = directive
    return tuple(sorted(chosen.values(), key=lambda d: d.id)), tuple(shadowed)
