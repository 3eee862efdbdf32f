"""Several rules directories layered into one rule set: each adds to the ones before it
(a province's own letters over the bundled set; docs/rules.md section 9). Reading them
collects every problem (``read_rules``): `due` refuses them all, `check` lists them all."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from obligations.base.errors import DataFileError, ObligationsError, Problems, said
from obligations.rules.loader import load_rule_file, misnamed_rule_files, rule_files
from obligations.rules.model import Directive
from obligations.rules.ruleset import RuleSet


def replaces_itself(directive: Directive) -> bool:
    """A later directory's file that takes the place of an earlier file with the same id."""
    return any(c.kind == "replace" and c.on_directive and c.target == directive.id for c in directive.changes)


def layered(layers: Sequence[Sequence[Directive]], problems: list[ObligationsError]
            ) -> tuple[tuple[Directive, ...], tuple[Directive, ...]]:
    """The directives of several directories, each layer adding to the ones before it
    (see ``load_rules``), sorted by id, and the earlier ones a later file stands in
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
                    said("rules:already-defined", "directive {id} ({number}) is already defined in {file}",
                         id=repr(directive.id), number=directive.number, file=earlier.file),
                    file=directive.file, place="[directive]",
                    fix=said("rules:already-defined-fix", 'give it another id and number, or add [[replace]] directive = '
                             '"{id}" to stand in its place (docs/rules.md section 9)', id=directive.id)))
                continue
            if earlier is not None:
                shadowed.append(earlier)
            chosen[directive.id] = directive
    return tuple(sorted(chosen.values(), key=lambda d: d.id)), tuple(shadowed)


def flatten(problems: Iterable[ObligationsError]) -> list[ObligationsError]:
    """Each problem on its own: a file's ``Problems`` opened into the problems it holds."""
    out: list[ObligationsError] = []
    for problem in problems:
        out += flatten(problem.problems) if isinstance(problem, Problems) else [problem]
    return out


def directory_problems(dirs: Sequence[Path]) -> tuple[list[Path], list[ObligationsError]]:
    """The rules directories to read, each once, and what is wrong with the list itself: a
    directory given twice (the same files would be defined twice), one that does not exist or
    holds no rule file, and files whose suffix is '.toml' in another case (skipped unseen).
    Cheap (no file is read), so it runs before the load cache is consulted."""
    problems: list[ObligationsError] = []
    kept: list[Path] = []
    seen: dict[Path, int] = {}
    for number, directory in enumerate(dirs, 1):
        key = directory.resolve() if directory.is_dir() else directory
        if key in seen:
            first = dirs[seen[key] - 1]
            same = said("rules:same-dir", " ({first} and {second} are the same directory)", first=str(first),
                        second=str(directory)) if str(first) != str(directory) else ""
            problems.append(DataFileError(
                said("rules:given-twice", "this rules directory is given twice, as rules directory {first} and {second} "
                     "(--rules){same}: each directory is read once, and a later one adds other files to the earlier "
                     "ones", first=f"#{seen[key]}", second=f"#{number}", same=same),
                file=str(directory), place=f"--rules #{number}",
                fix=said("rules:given-twice-fix", "give each rules directory once; did you mean another directory for "
                         "the second one"),
                param="rules"))
            continue
        seen[key] = number
        if not directory.is_dir():
            problems.append(DataFileError(said("rules:no-dir", "the rules directory does not exist"), file=str(directory),
                                          fix=said("rules:no-dir-fix", "give a rules directory holding *.toml rule files"),
                                          param="rules"))
            continue
        kept.append(directory)
        problems += misnamed_rule_files(directory)
        if not rule_files(directory):
            problems.append(DataFileError(said("rules:no-files", "no rule files (*.toml) in the rules directory"),
                                          file=str(directory), fix=said("rules:no-files-fix", "add a rule file; see docs/rules.md")))
    return kept, problems


def _load_directory(directory: Path, prefix: str, problems: list[ObligationsError]) -> list[Directive]:
    directives: list[Directive] = []
    for path in rule_files(directory):
        try:
            directives.append(load_rule_file(path, rel=f"{prefix}/{path.name}"))
        except ObligationsError as exc:
            problems += flatten([exc])
    # one directive (by id or number) in two files of one directory: which one counts would
    # depend on the order of the files, so neither does until one is removed
    ids: dict[str, str] = {}
    for directive in directives:
        clash = [key for key in (directive.id, directive.number) if key in ids and ids[key] != directive.file]
        if clash:
            problems.append(DataFileError(
                said("rules:twice-same-id", "directive {id} ({number}) is defined twice in one rules directory: {file} has "
                     "the same id", id=repr(directive.id), number=directive.number, file=ids[clash[0]])
                if clash[0] == directive.id else
                said("rules:twice-same-number", "directive {id} ({number}) is defined twice in one rules directory: {file} "
                     "has the same number", id=repr(directive.id), number=directive.number, file=ids[clash[0]]),
                file=directive.file, place="[directive]",
                fix=said("rules:twice-fix", "keep one rule file per directive (remove the copy, or give it its own id and "
                         "number)")))
        ids.setdefault(directive.id, directive.file)
        ids.setdefault(directive.number, directive.file)
    return directives


def read_rules(directory: Path | Sequence[Path]) -> tuple[RuleSet, list[ObligationsError]]:
    """The rule set of one or several layered directories (see ``load_rules``) from every file
    that could be read, and every problem found, each on its own, in the order found."""
    given = [Path(directory)] if isinstance(directory, (str, Path)) else [Path(d) for d in directory]
    dirs, problems = directory_problems(given)
    # files are named "<directory name>/<file>" in messages; two directories of one name
    # (a copy of rules/ elsewhere) are named by their whole path, so that no message says a
    # file clashes with itself
    names = [d.name for d in dirs]
    layers = [_load_directory(d, d.name if names.count(d.name) == 1 else str(d), problems) for d in dirs]
    chosen, shadowed = layered(layers, problems)
    return RuleSet(chosen, directory=os.pathsep.join(str(d) for d in dirs), shadowed=shadowed), problems


def load_rules(directory: Path | Sequence[Path]) -> RuleSet:
    """Load every rule file of a directory (sorted by name, so order never matters).

    Several directories are layered: each adds to the ones before it (a province's own
    letters over the bundled set). A directive id or number defined again in a later
    directory is an error, unless that file replaces the directive by its own id
    (`[[replace]] directive = "<its id>"`): it then stands in the earlier one's place, and
    the earlier is kept in ``shadowed`` for answers known before the later was issued.
    Raises ``Problems`` with every problem found (``read_rules`` returns them)."""
    rules, problems = read_rules(directory)
    if problems:
        raise Problems(problems)
    return rules
