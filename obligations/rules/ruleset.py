"""A loaded set of directives, with look-ups by id, number and local duty id."""

from __future__ import annotations

from typing import Any

import attrs

from obligations.base.records import record
from obligations.rules.model import Directive, Duty


@record
@attrs.frozen(repr=False)
class RuleSet:
    directives: tuple[Directive, ...]
    directory: str = ""                      # the rules directories, joined by os.pathsep
    shadowed: tuple[Directive, ...] = ()     # earlier files a later directory's file stands in for
    _index: dict[str, dict[str, Any]] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def _lookup(self, name: str) -> dict[str, Any]:
        # Built on first use: a national rule set has tens of thousands of duties.
        index = self._index.get(name)
        if index is None:
            if name == "directives":
                index = {d.id: d for d in self.directives}
            elif name == "duties":
                index = {duty.id: duty for d in self.directives for duty in d.duties}
            elif name == "local":
                index = {}
                for duty in self.duties:
                    index.setdefault(duty.local_id, []).append(duty)
            else:
                index = {d.number: d for d in self.directives}
            self._index[name] = index
        return index

    @property
    def duties(self) -> tuple[Duty, ...]:
        return tuple(self._lookup("duties").values())

    def directive(self, directive_id: str) -> Directive:
        found: Directive = self._lookup("directives")[directive_id]
        return found

    def by_number(self) -> dict[str, Directive]:
        return self._lookup("numbers")

    def chain(self, directive: Directive) -> list[str]:
        """The numbers of the directives this one implements, transitively, nearest first."""
        numbers = self.by_number()
        result: list[str] = []
        pending = list(directive.implements)
        while pending:
            number = pending.pop(0)
            if number in result:
                continue
            result.append(number)
            if number in numbers:
                pending.extend(numbers[number].implements)
        return result

    def implements_tree(self, directive: Directive) -> list[dict[str, object]]:
        """What a directive implements, as a tree: each number with what it implements in
        turn (a flat chain would make siblings read as if one implemented the other)."""
        numbers = self.by_number()

        def node(number: str, seen: frozenset[str]) -> dict[str, object]:
            known = numbers.get(number)
            below = [] if known is None or number in seen else \
                [node(n, seen | {number}) for n in known.implements]
            return {"number": number, "known": known is not None, "implements": below}

        return [node(n, frozenset({directive.number})) for n in directive.implements]

    def duty(self, duty_id: str) -> Duty:
        """A duty by its full id ("76-KH-DU/chi-bo-so-ket"), or by its local id if unique."""
        found: Duty | None = self._lookup("duties").get(duty_id)
        if found is not None:
            return found
        matches: list[Duty] = self._lookup("local").get(duty_id, [])
        if len(matches) != 1:
            raise KeyError(duty_id)
        return matches[0]
