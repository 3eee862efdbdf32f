"""Occurrences -> the temporal network of the feeds between them, and its solution.

An occurrence that ``feeds`` a duty is linked to the same report at the same unit (both
directives' bounds hold, no lead time) or to that duty's occurrence at the receiving unit
(with the receiving unit's aggregation lead time). Results are remembered per set of
extensions: the parent a thousand cells feed is reconciled once. A service records new
extensions all day, and each new set would keep a complete result set: only the
``MEMO_SETS`` sets used last are kept (obligations.base.lru).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from obligations.base.keys import OccurrenceKey
from obligations.base.lru import LRU
from obligations.log.snapshot import Granted
from obligations.log.store import Extension
from obligations.occurrences.calendars import UnitCalendars
from obligations.occurrences.generate import Occurrences
from obligations.occurrences.model import Occurrence
from obligations.reconcile.solve import (Constraint, Edge, ExtensionOrigin, LeadOrigin, Node, Reconciled,
                                         SameReportOrigin, reconcile, rule_origin)

Extensions = Mapping[OccurrenceKey, Extension]
# One run asks with one set (its log's extensions); a service asks with the set of the
# moment, and an older set is asked again only by a request that raced a write.
MEMO_SETS = 4


class Network:
    def __init__(self, occurrences: Occurrences, calendars: UnitCalendars) -> None:
        self.occurrences = occurrences
        self.calendars = calendars
        self._memo: LRU[frozenset[tuple[OccurrenceKey, object, str]], dict[OccurrenceKey, Reconciled]] = \
            LRU(MEMO_SETS)
        # the edges out of every occurrence built so far: the same for any set of extensions
        self.edges_from: dict[OccurrenceKey, tuple[Edge, ...]] = {}

    def node(self, occ: Occurrence, extension: Extension | None = None) -> Node:
        """The occurrence as a time point of the network, with its two own bounds.

        An extension (gia hạn) granted by the level above replaces the own deadline; it is
        placed on the calendar by the duty's roll policy."""
        origin = rule_origin(occ)
        start = Constraint("window_start", occ.key, occ.window_start, origin)
        if extension is not None:
            granted = self.calendars(occ.unit).roll(extension.until, occ.duty.policy.roll).result
            granted_by = ExtensionOrigin(occ.unit, extension.ref, extension.note or "")
            return Node(occ.key, occ.unit, occ.window_start, granted, start,
                        Constraint("extension", occ.key, granted, granted_by), extended=True)
        return Node(occ.key, occ.unit, occ.window_start, occ.deadline, start,
                    Constraint("deadline", occ.key, occ.deadline, origin))

    def fed(self, occ: Occurrence, fed_id: str) -> tuple[Occurrence, Edge] | None:
        """The occurrence that ``occ`` feeds through ``fed_id``, and the edge to it."""
        try:
            fed = self.occurrences.rules.duty(fed_id)
        except KeyError:   # its directive was not yet issued on the date of knowledge
            return None
        same = self.occurrences.one(occ.unit, fed, occ.period)
        if same is not None:
            return same, Edge(occ.key, same.key, 0, SameReportOrigin(occ.unit))
        if occ.recipient_unit is None:
            return None
        above = self.occurrences.one(occ.recipient_unit, fed, occ.period)
        if above is None:
            return None
        lead = self._lead(occ.recipient_unit, above, internal=False)
        assert lead is not None     # an official lead time is 0 when no data states one
        return above, Edge(occ.key, above.key, *lead)

    def _lead(self, unit: str, above: Occurrence, *, internal: bool) -> tuple[int, LeadOrigin] | None:
        """The lead time of ``unit`` on the link to ``above`` and where it is stated; None
        when there is none (only an internal one can be missing)."""
        hierarchy = self.occurrences.hierarchy
        lead = hierarchy.lead_time(unit, above.deadline, internal=internal)
        if lead is None:
            return None
        return lead.days, LeadOrigin(unit, hierarchy.name(unit), lead.days, lead.setting, lead.level, lead.file,
                                     lead.basis, lead.internal)

    def internal_edge(self, occ: Occurrence, above: Occurrence) -> Edge | None:
        """The office's own lead time on the link to ``above``, when its data states one."""
        if occ.recipient_unit is None or occ.unit == above.unit:
            return None
        lead = self._lead(occ.recipient_unit, above, internal=True)
        return None if lead is None else Edge(occ.key, above.key, *lead)

    def build(self, roots: Iterable[Occurrence], extensions: Extensions | None = None,
              known: Mapping[OccurrenceKey, Reconciled] | None = None
              ) -> tuple[dict[OccurrenceKey, Occurrence], list[Node], list[Edge]]:
        """The occurrences reachable upward from ``roots`` through ``feeds``.

        The network stops at occurrences in ``known`` (already reconciled)."""
        extensions = extensions or {}
        known = known or {}
        found: dict[OccurrenceKey, Occurrence] = {}
        nodes: list[Node] = []
        edges: list[Edge] = []
        queue = sorted(roots, key=lambda o: o.key)
        while queue:
            occ = queue.pop(0)
            if occ.key in found:
                continue
            found[occ.key] = occ
            nodes.append(self.node(occ, extensions.get(occ.key)))
            out: list[Edge] = []
            for fed_id in occ.duty.feeds:
                link = self.fed(occ, fed_id)
                if link is not None:
                    out.append(link[1])
                    internal = self.internal_edge(occ, link[0])
                    if internal is not None:
                        out.append(internal)
                    if link[0].key not in known:
                        queue.append(link[0])
            edges.extend(out)
            self.edges_from[occ.key] = tuple(out)
        return found, nodes, edges

    def solve(self, occurrences: Iterable[Occurrence], extensions: Extensions | None = None
              ) -> dict[OccurrenceKey, Reconciled]:
        """Effective deadlines of ``occurrences`` (and of everything they feed)."""
        occurrences = list(occurrences)
        extensions = extensions or {}
        memo = self.results(extensions)
        roots = [o for o in occurrences if o.key not in memo]
        if roots:
            _, nodes, edges = self.build(roots, extensions, memo)
            known = {e.parent: memo[e.parent] for e in edges if e.parent in memo}
            memo.update(reconcile(nodes, edges, self.calendars, known))
        return {o.key: memo[o.key] for o in occurrences}

    def results(self, extensions: Extensions) -> dict[OccurrenceKey, Reconciled]:
        """The results remembered for one set of extensions (filled by ``solve``)."""
        key = (extensions.memo_key if isinstance(extensions, Granted)
               else frozenset((k, e.until, e.ref) for k, e in extensions.items()))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = {}
        return found
