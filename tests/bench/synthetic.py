"""A synthetic hierarchy shaped like Vietnam after the 2025 reform, for benchmarks and tests.

1 central unit, 34 provinces, 3,321 communes and 30 party cells under each commune
(about 103,000 units). The bundled directives are applied by level: every province
issues its own copy of Kon Tum's letter and of Hà Nội's 147-KH/TU, every commune its own
copy of 76-KH/ĐU, each copy feeding the copies of the level above it.
"""

from __future__ import annotations

import attrs

from obligations.base import paths
from obligations.calendar.data import load_calendar_data
from obligations.org.hierarchy import Hierarchy, ParentLink, Unit
from obligations.rules.layers import load_rules
from obligations.rules.loader import RuleSet
from obligations.workspace import Workspace

PROVINCE_DIRECTIVES = ("CV-BTVTU-KonTum", "147-KH-TU")
COMMUNE_DIRECTIVES = ("76-KH-DU",)


def _copy(directive, unit: str, feeds_map: dict[str, str]):
    new_id = f"{directive.id}@{unit}"
    duties = []
    for duty in directive.duties:
        feeds = tuple(feeds_map.get(f.split("/")[0], f.split("/")[0]) + "/" + f.split("/")[1] for f in duty.feeds)
        duties.append(attrs.evolve(duty, id=f"{new_id}/{duty.local_id}", directive=new_id, feeds=feeds,
                                   examples=()))
    return attrs.evolve(directive, id=new_id, unit=unit, implements=(), duties=tuple(duties), undated=())


def build(provinces: int = 34, communes: int = 3321, cells: int = 30) -> Workspace:
    bundled = load_rules(paths.rules_dir())
    by_id = {d.id: d for d in bundled.directives}
    units = {"tw": Unit("tw", "Trung ương", "central", ())}
    directives = []
    province_ids = [f"p{i:02d}" for i in range(provinces)]
    for pid in province_ids:
        units[pid] = Unit(pid, f"Tỉnh ủy {pid}", "province", (ParentLink("tw"),))
        for did in PROVINCE_DIRECTIVES:
            directives.append(_copy(by_id[did], pid, {}))
    for i in range(communes):
        cid = f"c{i:04d}"
        pid = province_ids[i % provinces]
        units[cid] = Unit(cid, f"Đảng ủy xã {cid}", "commune", (ParentLink(pid),))
        feeds_map = {"76-KH-DU": f"76-KH-DU@{cid}", "CV-BTVTU-KonTum": f"CV-BTVTU-KonTum@{pid}"}
        for did in COMMUNE_DIRECTIVES:
            directives.append(_copy(by_id[did], cid, feeds_map))
        for k in range(cells):
            kid = f"{cid}-{k:02d}"
            units[kid] = Unit(kid, f"Chi bộ {kid}", "cell", (ParentLink(cid),))
    rules = RuleSet(tuple(sorted(directives, key=lambda d: d.id)), directory="synthetic")
    return Workspace(rules, Hierarchy(units, file="synthetic"), load_calendar_data(paths.calendars_dir()))
